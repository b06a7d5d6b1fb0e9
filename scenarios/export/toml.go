// Package export writes scenarios out of the program: back to a
// hand-editable scenario file (WriteTOML), as a picture of the conversation
// graph (Graph: a text tree, Graphviz or Mermaid), and as a Markdown script
// or a deck of cue cards to rehearse from on paper (Script).
//
// Every writer takes a model.Scenario as plain data and never needs it to be
// compiled, so a broken file can still be drawn to see what is wrong with it.
// Nothing here styles output for a terminal: everything is readable in a pipe.
package export

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"

	"rehearse/model"
)

// fileHeader opens every written scenario file, so whoever opens it in an
// editor knows how to check their changes.
const fileHeader = `# rehearse scenarios. Edit freely, then check with: rehearse lint FILE
# The keys are described in scenarios/FORMAT.md.
`

// WriteTOML writes scenarios as one scenario file in the shape of
// scenarios/FORMAT.md: one [[scenario]] table each, its steps as
// [scenario.steps.ID] tables in step order, reactions one per line.
//
// Text survives exactly, whatever it holds (quotes, backslashes, control
// characters, CRLF, emoji, CJK, runs of quotes), except that bytes which are
// not valid UTF-8 cannot be written in TOML and become U+FFFD.
func WriteTOML(w io.Writer, scs []model.Scenario) error {
	bw := bufio.NewWriter(w)
	tw := &tomlWriter{w: bw}
	tw.raw(fileHeader)
	for i := range scs {
		tw.scenario(&scs[i])
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("export: writing scenario file: %w", err)
	}
	return nil
}

// tomlWriter writes to a buffered writer whose error surfaces at Flush, so
// the many small writes below need not each be checked.
type tomlWriter struct{ w *bufio.Writer }

func (t *tomlWriter) raw(s string) { t.w.WriteString(s) }

// kv writes `key = value` with the keys padded to align, as a person would.
func (t *tomlWriter) kv(key string, width int, value string) {
	t.raw(key)
	t.raw(strings.Repeat(" ", max(0, width-len(key))))
	t.raw(" = ")
	t.raw(value)
	t.raw("\n")
}

func (t *tomlWriter) scenario(sc *model.Scenario) {
	t.raw("\n[[scenario]]\n")
	const wd = 11 // len("counterpart")
	t.kv("id", wd, basic(sc.ID))
	t.kv("title", wd, basic(sc.Title))
	if sc.Counterpart != "" {
		t.kv("counterpart", wd, basic(sc.Counterpart))
	}
	if sc.Role != "" {
		t.kv("role", wd, basic(sc.Role))
	}
	if sc.Timebox != 0 {
		t.kv("timebox", wd, basic(Duration(sc.Timebox)))
	}
	if sc.Pace != 0 {
		t.kv("pace", wd, strconv.Itoa(sc.Pace))
	}
	switch {
	case sc.Pause < 0:
		t.kv("pause", wd, `"0s"`)
	case sc.Pause > 0:
		t.kv("pause", wd, basic(Duration(sc.Pause)))
	}
	t.kv("start", wd, basic(sc.Start))
	if sc.Briefing != "" {
		t.kv("briefing", wd, str(sc.Briefing))
	}
	for i := range sc.Steps {
		t.step(&sc.Steps[i])
	}
	for i := range sc.Tests {
		t.test(&sc.Tests[i])
	}
}

func (t *tomlWriter) step(st *model.Step) {
	t.raw("\n[scenario.steps." + key(st.ID) + "]\n")
	const wd = 7 // len("manager")
	switch len(st.Manager) {
	case 0:
	case 1:
		t.kv("manager", wd, str(st.Manager[0]))
	default:
		t.kv("manager", wd, "[\n  "+strings.Join(mapStr(st.Manager, str), ",\n  ")+",\n]")
	}
	if st.Say != "" {
		t.kv("say", wd, str(st.Say))
	}
	if st.Key {
		t.kv("key", wd, "true")
	}
	if st.Target != 0 {
		t.kv("target", wd, basic(Duration(st.Target)))
	}
	if len(st.Notes) > 0 {
		t.kv("notes", wd, list(st.Notes))
	}
	if len(st.Next) > 0 {
		lines := make([]string, len(st.Next))
		for i, r := range st.Next {
			lines[i] = "  " + reaction(r) + ",\n"
		}
		t.kv("next", wd, "[\n"+strings.Join(lines, "")+"]")
	}
	if in := st.Interrupt; in != nil {
		t.kv("interrupt", wd, fmt.Sprintf("{ after = %s, chance = %s, goto = %s }",
			basic(Duration(in.After)), number(in.Chance), basic(in.Goto)))
	}
}

func reaction(r model.Reaction) string {
	s := "{ when = " + basic(r.Label) + ", goto = " + basic(r.Goto)
	if r.Weight != 1 {
		s += ", weight = " + number(r.Weight)
	}
	return s + " }"
}

func (t *tomlWriter) test(ts *model.Test) {
	t.raw("\n[[scenario.test]]\n")
	const wd = 6
	t.kv("name", wd, basic(ts.Name))
	if ts.From != "" {
		t.kv("from", wd, basic(ts.From))
	}
	t.kv("choose", wd, list(ts.Choose))
	t.kv("expect", wd, list(ts.Expect))
}

// list writes a string array on one line when it fits, else one per line.
func list(ss []string) string {
	parts := mapStr(ss, str)
	one := "[" + strings.Join(parts, ", ") + "]"
	if len(one) <= 72 && !strings.Contains(one, "\n") {
		return one
	}
	return "[\n  " + strings.Join(parts, ",\n  ") + ",\n]"
}

func mapStr(ss []string, f func(string) string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = f(s)
	}
	return out
}

var bareKey = regexp.MustCompile(`^[A-Za-z0-9_-]+$`)

// key writes a table key bare when TOML allows it, else quoted.
func key(s string) string {
	if bareKey.MatchString(s) {
		return s
	}
	return basic(s)
}

// number writes a float the way a person would: 3 rather than 3.0, and
// TOML's own words for the values without digits.
func number(f float64) string {
	switch {
	case math.IsNaN(f):
		return "nan"
	case math.IsInf(f, 1):
		return "inf"
	case math.IsInf(f, -1):
		return "-inf"
	case f == math.Trunc(f) && math.Abs(f) < 1e15:
		return strconv.FormatFloat(f, 'f', -1, 64)
	}
	s := strconv.FormatFloat(f, 'g', -1, 64)
	if !strings.ContainsAny(s, ".e") {
		s += ".0"
	}
	return s
}

// Duration formats d the way scenario files write durations: "20s",
// "1m30s", "15m", "1h" — Go's own format without the trailing zero units.
func Duration(d time.Duration) string {
	s := d.String()
	if strings.HasSuffix(s, "m0s") {
		s = strings.TrimSuffix(s, "0s")
	}
	if strings.HasSuffix(s, "h0m") {
		s = strings.TrimSuffix(s, "0m")
	}
	return s
}

// str writes s as a TOML string: a """ multi-line string when it spans
// lines, so a spoken paragraph stays editable, else a basic string.
func str(s string) string {
	if strings.Contains(s, "\n") {
		return multiline(s)
	}
	return basic(s)
}

// basic writes s as a TOML basic string, escaping what TOML requires.
func basic(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 2)
	b.WriteByte('"')
	for _, r := range strings.ToValidUTF8(s, "\uFFFD") {
		switch r {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		default:
			writeRune(&b, r, false)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// multiline writes s as a TOML multi-line basic string. The opening newline
// is trimmed by TOML; a closing line-ending backslash keeps the closing
// delimiter on its own line without adding a newline to the value. A third
// quote in a row is escaped so text can never close the string early.
func multiline(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 10)
	b.WriteString("\"\"\"\n")
	quotes := 0
	for _, r := range strings.ToValidUTF8(s, "\uFFFD") {
		if r == '"' {
			quotes++
			if quotes == 3 {
				b.WriteString(`\"`)
				quotes = 0
				continue
			}
			b.WriteByte('"')
			continue
		}
		quotes = 0
		if r == '\\' {
			b.WriteString(`\\`)
			continue
		}
		writeRune(&b, r, true)
	}
	if !strings.HasSuffix(s, "\n") {
		b.WriteString("\\\n")
	}
	b.WriteString(`"""`)
	return b.String()
}

// writeRune writes r, escaping control characters; newlines and tabs are
// written as they are inside multi-line strings. CR is always escaped: TOML
// readers may turn a raw CRLF into LF, and the text must come back as it was.
func writeRune(b *strings.Builder, r rune, multi bool) {
	switch {
	case r == '\n' && multi, r == '\t':
		b.WriteRune(r)
	case r == '\n':
		b.WriteString(`\n`)
	case r == '\r':
		b.WriteString(`\r`)
	case r == '\b':
		b.WriteString(`\b`)
	case r == '\f':
		b.WriteString(`\f`)
	case r < 0x20 || r == 0x7f:
		fmt.Fprintf(b, `\u%04X`, r)
	default:
		b.WriteRune(r)
	}
}
