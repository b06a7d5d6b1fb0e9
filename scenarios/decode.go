package scenarios

import (
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/BurntSushi/toml"

	"rehearse/model"
)

// The file-shaped structs mirror the TOML exactly. Scenarios, steps and
// tests are decoded as toml.Primitive first and then one at a time, so a
// value of the wrong shape in one step costs only that step, not the file.

type fileDoc struct {
	Scenario []toml.Primitive `toml:"scenario"`
}

type scenarioDoc struct {
	ID          text                      `toml:"id"`
	Title       text                      `toml:"title"`
	Counterpart text                      `toml:"counterpart"`
	Role        text                      `toml:"role"`
	Briefing    text                      `toml:"briefing"`
	Timebox     duration                  `toml:"timebox"`
	Pace        number                    `toml:"pace"`
	Pause       duration                  `toml:"pause"`
	Start       text                      `toml:"start"`
	Steps       map[string]toml.Primitive `toml:"steps"`
	Test        []toml.Primitive          `toml:"test"`
}

type stepDoc struct {
	Manager   lines         `toml:"manager"`
	Say       text          `toml:"say"`
	Key       flag          `toml:"key"`
	Target    duration      `toml:"target"`
	Notes     texts         `toml:"notes"`
	Next      []reactionDoc `toml:"next"`
	Interrupt *interruptDoc `toml:"interrupt"`
}

type reactionDoc struct {
	When   text   `toml:"when"`
	Goto   text   `toml:"goto"`
	Weight number `toml:"weight"`
}

type interruptDoc struct {
	After  duration `toml:"after"`
	Chance number   `toml:"chance"`
	Goto   text     `toml:"goto"`
}

type testDoc struct {
	Name   text  `toml:"name"`
	From   text  `toml:"from"`
	Choose texts `toml:"choose"`
	Expect texts `toml:"expect"`
}

// File is one parsed scenario file.
type File struct {
	// Path is the file's path as given, or a name such as
	// "scenarios.toml (built in)" for the embedded defaults.
	Path string
	// Scenarios holds the compiled scenarios that have no errors, in file
	// order. A scenario with an error is left out; the rest still load.
	Scenarios []*model.Scenario
	// Drafts holds every scenario as written, errors and all, not compiled:
	// enough to draw a broken graph and see what is wrong with it. Do not
	// rehearse from a draft.
	Drafts []model.Scenario
	// Embedded is true for the defaults built into the binary, which have
	// no file on disk to watch or open in an editor.
	Embedded bool

	pos *positions
	ids []definedID // every scenario id written in the file, for duplicate checks
}

// definedID is a scenario id and which scenario of the file has it. Its
// position is looked up only when a message needs it.
type definedID struct {
	id    string
	index int // the scenario's index in the file
}

// idPos returns where scenario d's id is written (or its header).
func (f *File) idPos(d definedID) Pos {
	base := scenarioPath(d.index)
	if pos, ok := f.pos.lookup(joinPath(base, "id")); ok {
		return pos
	}
	if pos, ok := f.pos.lookup(base); ok {
		return pos
	}
	return Pos{1, 1}
}

// ScenarioPos returns the position of the [[scenario]] header of the
// scenario with the given id.
func (f *File) ScenarioPos(scenarioID string) (Pos, bool) {
	for _, d := range f.ids {
		if d.id == scenarioID {
			return f.pos.lookup(scenarioPath(d.index))
		}
	}
	return Pos{}, false
}

// StepPos returns the position of a step's [scenario.steps.ID] header (or
// of its key, when the step is written inline), e.g. to open an editor there.
func (f *File) StepPos(scenarioID, stepID string) (Pos, bool) {
	for _, d := range f.ids {
		if d.id == scenarioID {
			return f.pos.lookup(joinPath(scenarioPath(d.index), "steps", stepID))
		}
	}
	return Pos{}, false
}

func scenarioPath(i int) string { return joinPath("", "scenario", indexSeg(i)) }

// parser holds the state of one Parse call.
type parser struct {
	file      *File
	src       string
	md        toml.MetaData
	diags     Diagnostics
	poisoned  map[string]bool     // paths of values that were rejected; model problems about them are dropped
	stepOrder map[string][]string // scenario path → step ids in file order
}

// Parse decodes and checks one scenario file. It never panics, whatever
// data holds. The File it returns is never nil; its Scenarios holds the
// scenarios without errors. The diagnostics are sorted by position.
func Parse(path string, data []byte) (f *File, ds Diagnostics) {
	p := &parser{file: &File{Path: path, pos: &positions{}}, src: string(data), poisoned: map[string]bool{}}
	defer func() {
		// A bug here must not take the app down with a user's file open.
		if r := recover(); r != nil {
			f, ds = p.file, append(p.diags, Diagnostic{Path: path, Pos: Pos{1, 1}, Severity: model.Error,
				Message: fmt.Sprintf("internal error while reading this file (please report it): %v", r)})
		}
	}()
	p.parse()
	p.diags.Sort()
	return p.file, p.diags
}

func (p *parser) parse() {
	var doc fileDoc
	md, err := toml.Decode(p.src, &doc)
	if err != nil {
		p.decodeError(err, "")
		return
	}
	p.md = md
	p.file.pos = scanPositions(p.src)
	p.stepOrder = orderSteps(p.file.pos)
	unknown := checkKeys(p.file.pos)
	for _, u := range unknown {
		p.errorAt(u.pos, "%s", u.message)
	}
	seen := map[string]definedID{}
	for i, prim := range doc.Scenario {
		p.scenario(i, prim, seen)
	}
	p.undecoded(unknown)
	if len(doc.Scenario) == 0 {
		p.add(Pos{1, 1}, model.Warning, "no scenarios in this file (each one starts with [[scenario]])")
	}
}

func (p *parser) add(pos Pos, sev model.Severity, format string, args ...any) {
	if !pos.IsValid() {
		pos = Pos{1, 1}
	}
	p.diags = append(p.diags, Diagnostic{Path: p.file.Path, Pos: pos, Severity: sev, Message: fmt.Sprintf(format, args...)})
}

func (p *parser) errorAt(pos Pos, format string, args ...any) {
	p.add(pos, model.Error, format, args...)
}

// posOf returns the position of path, or of the nearest enclosing thing
// that has one: the key, then its table, then the scenario header.
func (p *parser) posOf(path string) Pos {
	for path != "" {
		if pos, ok := p.file.pos.lookup(path); ok {
			return pos
		}
		i := strings.LastIndex(path, pathSep)
		if i < 0 {
			break
		}
		path = path[:i]
	}
	return Pos{1, 1}
}

// orderSteps lists each scenario's step ids in the order they are written;
// the decoder hands steps over as a map.
func orderSteps(ps *positions) map[string][]string {
	out := map[string][]string{}
	seen := map[string]bool{}
	prefix := joinPath("", "scenario", indexMark)
	for _, k := range ps.keys {
		if !k.isKey() {
			continue
		}
		// Looking for prefix + N + sep + "steps" + sep + ID, without splitting.
		if !strings.HasPrefix(k.path, prefix) {
			continue
		}
		_, i := nextSeg(k.path, len(pathSep)+len("scenario")+len(pathSep))
		if i < 0 {
			continue
		}
		steps, j := nextSeg(k.path, i)
		if steps != "steps" || j < 0 {
			continue
		}
		id, end := nextSeg(k.path, j)
		if end < 0 {
			end = len(k.path) + len(pathSep)
		}
		stepPath := k.path[:end-len(pathSep)]
		if !seen[stepPath] {
			seen[stepPath] = true
			base := k.path[:i-len(pathSep)]
			out[base] = append(out[base], id)
		}
	}
	return out
}

// decodeError reports an error from the decoder: a syntax error with its
// exact position, or a value of the wrong shape, whose line is only in the
// error's text.
func (p *parser) decodeError(err error, base string) {
	var pe toml.ParseError
	if errors.As(err, &pe) {
		// The parser's column counts bytes; recount in characters. Its span
		// may start at the blank before the offending text: skip that.
		off := pe.Position.Start
		for end := off + pe.Position.Len - 1; off < end && off < len(p.src) && (p.src[off] == ' ' || p.src[off] == '\t'); off++ {
		}
		pos := offsetPos(p.src, off)
		if pe.Position.Start <= 0 && pe.Position.Line > 0 {
			pos = Pos{pe.Position.Line, max(pe.Position.Col, 1)}
		}
		p.errorAt(pos, "%s", plainSyntax(strings.TrimPrefix(pe.Message, "toml: ")))
		return
	}
	line, key, detail := splitTypeError(err.Error())
	p.errorAt(p.typeErrorPos(base, line, key), "%s", typeMessage(key, detail))
}

var definedTwice = regexp.MustCompile(`^Key '(.+)' has already been defined\.?$`)

// plainSyntax rewords the TOML parser's messages where they speak its
// language rather than the user's.
func plainSyntax(msg string) string {
	if m := definedTwice.FindStringSubmatch(msg); m != nil {
		path := m[1]
		if i := strings.LastIndex(path, "."); i >= 0 {
			table := "[" + path[:i] + "]"
			if path[:i] == "scenario" || path[:i] == "scenario.test" {
				table = "[" + table + "]"
			}
			return fmt.Sprintf("%q is written twice in %s; keep one", path[i+1:], table)
		}
		return fmt.Sprintf("%q is written twice; keep one", path)
	}
	return msg
}

// offsetPos converts a byte offset in src to a line and rune column.
func offsetPos(src string, off int) Pos {
	off = min(max(off, 0), len(src))
	line := 1 + strings.Count(src[:off], "\n")
	start := strings.LastIndexByte(src[:off], '\n') + 1
	return Pos{line, 1 + utf8.RuneCountInString(src[start:off])}
}

var typeErrRE = regexp.MustCompile(`^toml: (?:line (\d+) )?(?:\(last key ("(?:[^"\\]|\\.)*")\): )?(.*)$`)

// splitTypeError takes apart "toml: line 5 (last key "a.b"): incompatible
// types: ..." into its line (0 when absent), last key segment and detail.
func splitTypeError(msg string) (line int, key, detail string) {
	m := typeErrRE.FindStringSubmatch(msg)
	if m == nil {
		return 0, "", msg
	}
	line, _ = strconv.Atoi(m[1])
	if k, err := strconv.Unquote(m[2]); err == nil {
		key = k
		if i := strings.LastIndexByte(k, '.'); i >= 0 {
			key = k[i+1:]
		}
		key = strings.Trim(key, `"'`)
	}
	return line, key, m[3]
}

// typeErrorPos finds the key named in a type error: a key with that name on
// that line under base, else the first character written on that line.
func (p *parser) typeErrorPos(base string, line int, key string) Pos {
	for _, k := range p.file.pos.keys {
		if !k.isKey() {
			continue
		}
		if k.pos.Line == line && strings.HasPrefix(k.path, base) && lastSeg(k.path) == key {
			return k.pos
		}
	}
	if line > 0 {
		lines := strings.Split(p.src, "\n")
		if line <= len(lines) {
			l := strings.TrimRight(lines[line-1], "\r")
			indent := len(l) - len(strings.TrimLeft(l, " \t"))
			return Pos{line, 1 + utf8.RuneCountInString(l[:indent])}
		}
	}
	if base != "" {
		return p.posOf(base)
	}
	return Pos{1, 1}
}

func lastSeg(path string) string { return path[strings.LastIndex(path, pathSep)+1:] }

// shapes says what each table-valued key must hold, for type errors.
var shapes = map[string]string{
	"scenario":  "an array of tables: write [[scenario]]",
	"steps":     "a table of steps: write [scenario.steps.ID]",
	"next":      `an array of reactions, like [{ when = "...", goto = "..." }]`,
	"interrupt": `a table, like { after = "15s", chance = 0.25, goto = "..." }`,
	"test":      "an array of tables: write [[scenario.test]]",
}

var tomlTypeRE = regexp.MustCompile(`TOML value has type ([^;]+);`)

// typeMessage turns a decoder type error into a sentence about the key.
func typeMessage(key, detail string) string {
	got := ""
	if m := tomlTypeRE.FindStringSubmatch(detail); m != nil {
		got = tomlTypeName(m[1])
	}
	want, known := shapes[key]
	switch {
	case known && got != "":
		return fmt.Sprintf("%s must be %s, not %s", key, want, got)
	case known:
		return fmt.Sprintf("%s must be %s", key, want)
	case key != "":
		return fmt.Sprintf("%s has the wrong type: %s", key, detail)
	}
	return detail
}

// tomlTypeName renders the decoder's Go type names as TOML words.
func tomlTypeName(t string) string {
	switch {
	case strings.HasPrefix(t, "map"):
		return "a table"
	case strings.HasPrefix(t, "[]"):
		return "an array"
	case t == "string":
		return "a string"
	case strings.HasPrefix(t, "int"):
		return "an integer"
	case strings.HasPrefix(t, "float"):
		return "a float"
	case t == "bool":
		return "a boolean"
	}
	return t
}

// undecoded is a safety net behind checkKeys: any key the decoder did not
// use and checkKeys did not already report is reported here.
func (p *parser) undecoded(reported []unknownKey) {
	done := map[string]bool{}
	for _, u := range reported {
		done[stripIndices(u.path)] = true
	}
	for _, k := range p.md.Undecoded() {
		path := joinPath("", k...)
		covered := false
		for i := range k {
			if done[joinPath("", k[:i+1]...)] {
				covered = true
				break
			}
		}
		if covered {
			continue
		}
		if _, _, in := badSegment(path); in == nil {
			continue // under a value whose type is reported elsewhere
		}
		done[path] = true
		pos := Pos{1, 1}
		for _, e := range p.file.pos.keys {
			if e.isKey() && stripIndices(e.path) == path {
				pos = e.pos
				break
			}
		}
		p.errorAt(pos, "unknown key %q", k.String())
	}
}

// sortedKeys returns the keys of m in order.
func sortedKeys[V any](m map[string]V) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

// positive reports a duration that must be greater than zero.
func (p *parser) positiveDuration(path, key string, d duration) time.Duration {
	if !p.checkValue(path, key, d.set, d.bad) {
		return 0
	}
	if d.set && d.v <= 0 {
		p.errorAt(p.posOf(path), "%s must be greater than 0, got %q", key, d.raw)
		p.poisoned[path] = true
		return 0
	}
	return d.v
}

// checkValue reports a value rejected while decoding; it returns false when
// the value must not be used.
func (p *parser) checkValue(path, key string, set bool, bad string) bool {
	if !set || bad == "" {
		return true
	}
	p.errorAt(p.posOf(path), "%s %s", key, bad)
	p.poisoned[path] = true
	return false
}

// str returns a string value, reporting it when it has the wrong type.
func (p *parser) str(base, key string, t text) string {
	path := joinPath(base, key)
	if !p.checkValue(path, key, t.set, t.bad) {
		return ""
	}
	return t.v
}
