package history

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"rehearse/model"
)

// These writers print the numbers of the stats screen without the TUI, for
// `rehearse stats --json|--csv` and its plain text table. Durations are
// seconds with one decimal ("18.5"); shares are fractions with two decimals
// ("0.67"); times are RFC 3339 in UTC. A number that does not exist yet (the
// best time of a line never delivered) is null in JSON and an empty cell in
// CSV, never a misleading 0.

// WriteStatsJSON writes stats as one indented JSON document:
// {"version":1,"scenarios":[...]}.
func WriteStatsJSON(w io.Writer, stats []model.ScenarioStats) error {
	doc := jsonDoc{Version: Version, Scenarios: make([]jsonScenario, 0, len(stats))}
	for _, st := range stats {
		doc.Scenarios = append(doc.Scenarios, toJSON(st))
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(doc); err != nil {
		return fmt.Errorf("stats: write JSON: %w", err)
	}
	return nil
}

type jsonDoc struct {
	Version   int            `json:"version"`
	Scenarios []jsonScenario `json:"scenarios"`
}

type jsonScenario struct {
	Scenario      string       `json:"scenario"`
	Title         string       `json:"title"`
	Readiness     string       `json:"readiness"`
	Runs          int          `json:"runs"`
	Abandoned     int          `json:"abandoned"`
	LastPractised *string      `json:"last_practised"`
	Coverage      jsonCoverage `json:"coverage"`
	Lines         []jsonLine   `json:"lines"`
}

type jsonCoverage struct {
	Met     int            `json:"met"`
	Total   int            `json:"total"`
	Missing []jsonReaction `json:"missing"`
}

type jsonReaction struct {
	Step  string `json:"step"`
	Index int    `json:"index"`
	Label string `json:"label"`
	Goto  string `json:"goto"`
}

type jsonLine struct {
	Step         string    `json:"step"`
	Key          bool      `json:"key"`
	Attempts     int       `json:"attempts"`
	Current      int       `json:"current"`
	Best         *seconds  `json:"best_s"`
	Median       *seconds  `json:"median_s"`
	MedianLast5  *seconds  `json:"median_last5_s"`
	Last         *seconds  `json:"last_s"`
	Target       *seconds  `json:"target_s"`
	OverShare    *share    `json:"over_share"`
	Hesitation   *seconds  `json:"hesitation_s"`
	Recent       []seconds `json:"recent_s"`
	Rewritten    bool      `json:"rewritten"`
	LastAt       *string   `json:"last_at"`
	OldWordsOnly bool      `json:"old_words_only"`
}

// seconds is a duration written as seconds with one decimal.
type seconds time.Duration

// MarshalJSON writes the duration as a number of seconds.
func (s seconds) MarshalJSON() ([]byte, error) { return []byte(secs(time.Duration(s))), nil }

// share is a fraction written with two decimals.
type share float64

// MarshalJSON writes the fraction with two decimals.
func (s share) MarshalJSON() ([]byte, error) {
	return []byte(strconv.FormatFloat(float64(s), 'f', 2, 64)), nil
}

func toJSON(st model.ScenarioStats) jsonScenario {
	js := jsonScenario{
		Scenario: st.Scenario, Title: st.Title, Readiness: st.Readiness.String(),
		Runs: st.Runs, Abandoned: st.Abandoned, LastPractised: stamp(st.LastPractised),
		Coverage: jsonCoverage{Met: st.Coverage.Met, Total: st.Coverage.Total, Missing: []jsonReaction{}},
		Lines:    make([]jsonLine, 0, len(st.Lines)),
	}
	for _, m := range st.Coverage.Missing {
		js.Coverage.Missing = append(js.Coverage.Missing, jsonReaction(m))
	}
	for _, l := range st.Lines {
		jl := jsonLine{Step: l.Step, Key: l.Key, Attempts: l.Attempts, Current: l.Current,
			Target: optSeconds(l.Target, l.Target > 0), Rewritten: l.Rewritten, LastAt: stamp(l.LastAt),
			OldWordsOnly: l.Rewritten && l.Current == 0, Recent: make([]seconds, 0, len(l.Recent))}
		if l.Timed() {
			jl.Best, jl.Median, jl.MedianLast5, jl.Last = optSeconds(l.Best, true), optSeconds(l.Median, true),
				optSeconds(l.MedianLast5, true), optSeconds(l.Last, true)
			if l.Target > 0 {
				s := share(l.OverShare)
				jl.OverShare = &s
			}
		}
		jl.Hesitation = optSeconds(l.Hesitation, l.Practised())
		for _, d := range l.Recent {
			jl.Recent = append(jl.Recent, seconds(d))
		}
		js.Lines = append(js.Lines, jl)
	}
	return js
}

func optSeconds(d time.Duration, ok bool) *seconds {
	if !ok {
		return nil
	}
	s := seconds(d)
	return &s
}

func stamp(t time.Time) *string {
	if t.IsZero() {
		return nil
	}
	s := t.UTC().Format(time.RFC3339)
	return &s
}

// secs formats d as seconds with one decimal, rounding half away from zero.
func secs(d time.Duration) string {
	return strconv.FormatFloat(math.Round(d.Seconds()*10)/10, 'f', 1, 64)
}

// csvHeader is the first row of WriteStatsCSV.
var csvHeader = []string{"scenario", "step", "key", "attempts", "best_s", "median_s", "median_last5_s",
	"target_s", "over_share", "hesitation_s", "rewritten", "last_at"}

// WriteStatsCSV writes one row per scenario and line, after a header row:
// scenario, step, key, attempts, best_s, median_s, median_last5_s, target_s,
// over_share, hesitation_s, rewritten, last_at. Lines are in the order of
// the stats (weakest first).
func WriteStatsCSV(w io.Writer, stats []model.ScenarioStats) error {
	cw := csv.NewWriter(w)
	rows := [][]string{csvHeader}
	for _, st := range stats {
		for _, l := range st.Lines {
			rows = append(rows, csvRow(st.Scenario, l))
		}
	}
	if err := cw.WriteAll(rows); err != nil {
		return fmt.Errorf("stats: write CSV: %w", err)
	}
	return nil
}

func csvRow(scenario string, l model.LineStats) []string {
	row := []string{scenario, l.Step, strconv.FormatBool(l.Key), strconv.Itoa(l.Attempts), "", "", "", "", "", "", strconv.FormatBool(l.Rewritten), ""}
	if l.Timed() {
		row[4], row[5], row[6] = secs(l.Best), secs(l.Median), secs(l.MedianLast5)
		if l.Target > 0 {
			row[8] = strconv.FormatFloat(l.OverShare, 'f', 2, 64)
		}
	}
	if l.Target > 0 {
		row[7] = secs(l.Target)
	}
	if l.Practised() {
		row[9] = secs(l.Hesitation)
	}
	if s := stamp(l.LastAt); s != nil {
		row[11] = *s
	}
	return row
}

// maxMissingShown is how many unmet reactions the text table lists per
// scenario before summing up the rest.
const maxMissingShown = 5

// WriteStatsText writes stats as an aligned table for people: per scenario a
// heading with its readiness, runs, last practice and reaction coverage,
// then one row per line, weakest first, then the reactions not yet met.
func WriteStatsText(w io.Writer, stats []model.ScenarioStats) error {
	var buf bytes.Buffer
	tw := tabwriter.NewWriter(&buf, 0, 0, 2, ' ', 0)
	for i, st := range stats {
		if i > 0 {
			fmt.Fprintln(tw)
		}
		writeScenarioText(tw, st)
	}
	tw.Flush() // cannot fail: it writes to a bytes.Buffer
	// tabwriter pads every cell, the empty last ones too; trailing spaces
	// are noise in a terminal and in files.
	var out strings.Builder
	for line := range strings.Lines(buf.String()) {
		out.WriteString(strings.TrimRight(line, " \n"))
		out.WriteByte('\n')
	}
	if _, err := io.WriteString(w, out.String()); err != nil {
		return fmt.Errorf("stats: write table: %w", err)
	}
	return nil
}

func writeScenarioText(tw *tabwriter.Writer, st model.ScenarioStats) {
	title := st.Scenario
	if st.Title != "" {
		title = fmt.Sprintf("%s (%s)", st.Title, st.Scenario)
	}
	last := "never practised"
	if !st.LastPractised.IsZero() {
		last = "last practised " + st.LastPractised.Format("2006-01-02 15:04")
	}
	fmt.Fprintf(tw, "%s\n", title)
	fmt.Fprintf(tw, "  %s · %s · %s · reactions met %d of %d\n",
		st.Readiness, plural(st.Runs, "run", st.Abandoned), last, st.Coverage.Met, st.Coverage.Total)
	if len(st.Lines) > 0 {
		fmt.Fprintln(tw, "  LINE\tKEY\tTRIES\tBEST\tMEDIAN\tLAST 5\tTARGET\tOVER\tHESITATION\tRECENT\tNOTE")
		for _, l := range st.Lines {
			fmt.Fprintf(tw, "  %s\t%s\t%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", l.Step, yes(l.Key, "key"), l.Attempts,
				dur(l.Best, l.Timed()), dur(l.Median, l.Timed()), dur(l.MedianLast5, l.Timed()),
				dur(l.Target, l.Target > 0), pct(l), dur(l.Hesitation, l.Practised()), model.Sparkline(l.Recent), note(l))
		}
	}
	for i, m := range st.Coverage.Missing {
		if i == maxMissingShown {
			fmt.Fprintf(tw, "  … and %d more reactions not yet met\n", len(st.Coverage.Missing)-i)
			break
		}
		fmt.Fprintf(tw, "  not yet met: %s → %s (%q)\n", m.Step, m.Goto, m.Label)
	}
}

func plural(runs int, word string, abandoned int) string {
	s := fmt.Sprintf("%d %s", runs, word)
	if runs != 1 {
		s += "s"
	}
	if abandoned > 0 {
		s += fmt.Sprintf(", %d abandoned", abandoned)
	}
	return s
}

func yes(b bool, word string) string {
	if b {
		return word
	}
	return "-"
}

func dur(d time.Duration, ok bool) string {
	if !ok {
		return "-"
	}
	return secs(d) + "s"
}

func pct(l model.LineStats) string {
	if !l.Timed() || l.Target <= 0 {
		return "-"
	}
	return strconv.Itoa(int(math.Round(l.OverShare*100))) + "%"
}

// note explains numbers that need it: times for an older wording, or a
// line not practised at all.
func note(l model.LineStats) string {
	switch {
	case !l.Practised():
		return "not practised yet"
	case l.Rewritten && l.Current == 0:
		return "rewritten: times are for the old words"
	case l.Rewritten:
		return "rewritten: counting the new words only"
	}
	return ""
}
