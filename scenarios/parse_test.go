package scenarios

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"rehearse/model"
)

// brokenCases lists every fixture in testdata/broken with exactly what lint
// must print for it, in order.
var brokenCases = []struct {
	file string
	want []string
}{
	{"syntax.toml", []string{
		"syntax.toml:3:18: strings cannot contain newlines"}},
	{"syntax_unicode.toml", []string{
		"syntax_unicode.toml:3:23: expected a top-level item to end with a newline, comment, or EOF, but got 'o' instead"}},
	{"duplicate_key.toml", []string{
		"duplicate_key.toml:4:1: \"title\" is written twice in [[scenario]]; keep one"}},
	{"unknown_key.toml", []string{
		`unknown_key.toml:5:1: unknown key "tittle" in scenario (did you mean "title"?)`,
		`unknown_key.toml:9:1: unknown key "sya" in step (did you mean "say"?)`,
		`unknown_key.toml:10:42: unknown key "wieght" in reaction (did you mean "weight"?)`,
		`unknown_key.toml:11:1: unknown key "colour" in step`}},
	{"case_key.toml", []string{
		`case_key.toml:3:1: unknown key "TITLE" in scenario (did you mean "title"?)`,
		`case_key.toml:8:1: unknown key "Manager" in step (did you mean "manager"?)`}},
	{"wrong_type.toml", []string{
		`wrong_type.toml:3:1: title must be a string, not an integer (3)`,
		`wrong_type.toml:9:1: key must be true or false, not a string ("yes")`,
		`wrong_type.toml:10:1: notes must be an array of strings, not a string (write ["..."])`,
		`wrong_type.toml:14:1: manager must be a string or an array of strings, but element 2 is an integer (2)`}},
	{"wrong_shape.toml", []string{
		`wrong_shape.toml:8:1: next must be an array of reactions, like [{ when = "...", goto = "..." }], not a string`}},
	{"not_array.toml", []string{
		`not_array.toml:1:1: scenario must be an array of tables: write [[scenario]], not a table`}},
	{"missing_start.toml", []string{
		`missing_start.toml:1:1: scenario "s" has no start step`}},
	{"dangling_start.toml", []string{
		`dangling_start.toml:4:1: start step "opne" does not exist (did you mean "open"?)`}},
	{"dangling_goto.toml", []string{
		`dangling_goto.toml:10:20: goto "clsoe": no such step (did you mean "close"?)`}},
	{"dangling_goto_tables.toml", []string{
		`dangling_goto_tables.toml:23:1: goto "nowhere": no such step`}},
	{"dangling_interrupt.toml", []string{
		`dangling_interrupt.toml:10:45: interrupt goto "end-now": no such step`}},
	{"duplicate_id.toml", []string{
		`duplicate_id.toml:10:1: duplicate scenario id "same" (also defined at duplicate_id.toml:2:1)`}},
	{"unreachable.toml", []string{
		`unreachable.toml:9:1: step "orphan" is unreachable from start "open"`}},
	{"no_end.toml", []string{
		`no_end.toml:6:1: no end can be reached from step "open" (its reactions only loop back)`,
		`no_end.toml:10:1: no end can be reached from step "loop" (its reactions only loop back)`}},
	{"key_nothing.toml", []string{
		`key_nothing.toml:6:1: key line "open" has nothing to say`}},
	{"warnings.toml", []string{
		`warnings.toml:10:9: warning: reaction 1 of step "open" has no label (when = "...")`,
		`warnings.toml:12:1: warning: step "close" has no manager line; the manager will say nothing`}},
	{"bad_duration.toml", []string{
		`bad_duration.toml:4:1: timebox has a bad duration "15 minutes": write it like "20s", "1m30s" or "15m"`,
		`bad_duration.toml:5:1: pause must not be negative, got "-1s" ("0s" means no pause)`,
		`bad_duration.toml:12:1: target must be greater than 0, got "0s"`,
		`bad_duration.toml:13:15: after must be a duration string like "20s" or "1m30s", not an integer (15)`}},
	{"zero_weight.toml", []string{
		`zero_weight.toml:8:42: weight must be greater than 0, got 0`}},
	{"negative_weight.toml", []string{
		`negative_weight.toml:10:42: weight must be greater than 0, got -2.5`}},
	{"chance.toml", []string{
		`chance.toml:13:1: interrupt chance must be between 0 and 1, got 1.5`}},
	{"multiple.toml", []string{
		`multiple.toml:5:1: pace must be a whole number of words per minute between 1 and 1000, got -5`,
		`multiple.toml:12:1: target has a bad duration "soon": write it like "20s", "1m30s" or "15m"`,
		`multiple.toml:14:20: goto "wy": no such step`,
		`multiple.toml:14:33: weight must be greater than 0, got 0`,
		`multiple.toml:15:3: warning: reaction 2 of step "open" has no label (when = "...")`,
		`multiple.toml:20:1: unknown key "says" in step (did you mean "say"?)`,
		`multiple.toml:22:1: step "lost" is unreachable from start "open"`}},
	{"crlf.toml", []string{
		`crlf.toml:10:26: goto "clsoe": no such step (did you mean "close"?)`}},
	{"unicode.toml", []string{
		`unicode.toml:8:47: goto "warum": no such step`,
		`unicode.toml:9:3: unknown key "color" in step`}},
	{"empty.toml", []string{
		`empty.toml:1:1: warning: no scenarios in this file (each one starts with [[scenario]])`}},
}

func TestBrokenFiles(t *testing.T) {
	for _, tc := range brokenCases {
		t.Run(tc.file, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join("testdata", "broken", tc.file))
			if err != nil {
				t.Fatal(err)
			}
			_, ds := Parse(tc.file, data)
			got := ds.Strings()
			if !slices.Equal(got, tc.want) {
				t.Errorf("diagnostics differ\n got:\n  %s\nwant:\n  %s", strings.Join(got, "\n  "), strings.Join(tc.want, "\n  "))
			}
		})
	}
}

// TestEveryFixtureHasACase keeps the table and the corpus in step: a new
// fixture without expectations would otherwise go untested.
func TestEveryFixtureHasACase(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "broken", "*.toml"))
	if err != nil {
		t.Fatal(err)
	}
	covered := map[string]bool{}
	for _, tc := range brokenCases {
		covered[tc.file] = true
	}
	for _, f := range files {
		if !covered[filepath.Base(f)] {
			t.Errorf("%s has no entry in brokenCases", f)
		}
	}
	if len(files) != len(brokenCases) {
		t.Errorf("%d fixtures, %d cases", len(files), len(brokenCases))
	}
}

// TestCRLFFixtureKeepsItsLineEndings guards against a checkout that
// converts the fixture to LF, which would make the CRLF case test nothing.
func TestCRLFFixtureKeepsItsLineEndings(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "broken", "crlf.toml"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), "\r\n") {
		t.Fatal("crlf.toml has no CRLF line endings")
	}
}

func TestBrokenScenariosAreLeftOut(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "broken", "dangling_goto_tables.toml"))
	if err != nil {
		t.Fatal(err)
	}
	f, ds := Parse("x.toml", data)
	if !ds.HasErrors() || ds.Errors() != 1 || ds.Warnings() != 0 {
		t.Fatalf("want exactly one error, got %v", ds.Strings())
	}
	if len(f.Scenarios) != 1 || f.Scenarios[0].ID != "first" {
		t.Fatalf("want only the good scenario loaded, got %v", ids(f.Scenarios))
	}
}

func TestDuplicateInFileKeepsTheFirst(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "broken", "duplicate_id.toml"))
	if err != nil {
		t.Fatal(err)
	}
	f, _ := Parse("x.toml", data)
	if len(f.Scenarios) != 1 || f.Scenarios[0].Title != "First" {
		t.Fatalf("want the first definition only, got %v", ids(f.Scenarios))
	}
}

const goodFile = `# A small file using every key.
[[scenario]]
id = "quit"
title = "Quitting"
counterpart = "John"
role = "your manager"
briefing = """
Bottom line up front."""
timebox = "15m"
pace = 140
pause = "0s"
start = "open"

[scenario.steps.open]
manager = ["Hi", "Hey"]
say = "I am leaving."
key = true
target = "20s"
notes = ["No apology"]
next = [
  { when = "Asks why", goto = "why", weight = 3 },
  { when = "Ends it", goto = "close" },
]
interrupt = { after = "15s", chance = 0.25, goto = "close" }

[scenario.steps.why]
manager = "Why?"
say = "Timing."
next = [{ when = "Accepts", goto = "close" }]

[scenario.steps.close]
manager = "Okay."
say = "Thanks."

[[scenario.test]]
name = "happy path"
choose = ["Asks why", "Accepts"]
expect = ["open", "why", "close"]

[[scenario]]
id = "second"
title = "Second"
start = "only"

[scenario.steps.only]
manager = "Hello"
`

func TestParseBuildsTheModel(t *testing.T) {
	f, ds := Parse("good.toml", []byte(goodFile))
	if len(ds) != 0 {
		t.Fatalf("want no diagnostics, got %v", ds.Strings())
	}
	if len(f.Scenarios) != 2 {
		t.Fatalf("want 2 scenarios, got %v", ids(f.Scenarios))
	}
	sc := f.Scenarios[0]
	if sc.Counterpart != "John" || sc.Role != "your manager" || sc.Briefing != "Bottom line up front." ||
		sc.Timebox.String() != "15m0s" || sc.Pace != 140 || sc.Pause != -1 || sc.Start != "open" {
		t.Errorf("scenario fields wrong: %+v", sc)
	}
	if got := []string{sc.Steps[0].ID, sc.Steps[1].ID, sc.Steps[2].ID}; !slices.Equal(got, []string{"open", "why", "close"}) {
		t.Errorf("steps not in file order: %v", got)
	}
	open := sc.Steps[0]
	if !open.Key || open.Target.String() != "20s" || len(open.Manager) != 2 || open.Notes[0] != "No apology" {
		t.Errorf("step fields wrong: %+v", open)
	}
	if open.Next[0].Weight != 3 || open.Next[1].Weight != 1 {
		t.Errorf("weights: want 3 and the default 1, got %v and %v", open.Next[0].Weight, open.Next[1].Weight)
	}
	if in := open.Interrupt; in == nil || in.After.String() != "15s" || in.Chance != 0.25 || in.Goto != "close" {
		t.Errorf("interrupt wrong: %+v", open.Interrupt)
	}
	if why := sc.Steps[1]; len(why.Manager) != 1 || why.Manager[0] != "Why?" {
		t.Errorf("a single manager string should be one variant, got %q", why.Manager)
	}
	if len(sc.Tests) != 1 || sc.Tests[0].Name != "happy path" || len(sc.Tests[0].Expect) != 3 {
		t.Errorf("tests wrong: %+v", sc.Tests)
	}
	if f.Scenarios[1].Pause != 0 {
		t.Errorf("absent pause should be the model default 0, got %v", f.Scenarios[1].Pause)
	}
}

func TestStepAndScenarioPositions(t *testing.T) {
	f, _ := Parse("good.toml", []byte(goodFile))
	for _, tc := range []struct {
		scenario, step string
		want           Pos
	}{
		{"quit", "", Pos{2, 1}},
		{"quit", "open", Pos{14, 1}},
		{"quit", "why", Pos{26, 1}},
		{"quit", "close", Pos{31, 1}},
		{"second", "", Pos{40, 1}},
		{"second", "only", Pos{45, 1}},
	} {
		var got Pos
		var ok bool
		if tc.step == "" {
			got, ok = f.ScenarioPos(tc.scenario)
		} else {
			got, ok = f.StepPos(tc.scenario, tc.step)
		}
		if !ok || got != tc.want {
			t.Errorf("%s/%s: got %v (%v), want %v", tc.scenario, tc.step, got, ok, tc.want)
		}
	}
	if _, ok := f.StepPos("quit", "nope"); ok {
		t.Error("StepPos found a step that does not exist")
	}
	if _, ok := f.ScenarioPos("nope"); ok {
		t.Error("ScenarioPos found a scenario that does not exist")
	}
}

// TestDefaultFileIsClean checks the scenarios built into the binary: no
// errors, no warnings, and at least the two written from the seed notes.
func TestDefaultFileIsClean(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "scenarios.toml"))
	if err != nil {
		t.Fatal(err)
	}
	f, ds := Parse("scenarios.toml", data)
	if len(ds) != 0 {
		t.Fatalf("the default file has problems:\n%s", strings.Join(ds.Strings(), "\n"))
	}
	if len(f.Scenarios) < 2 {
		t.Fatalf("want at least 2 default scenarios, got %d", len(f.Scenarios))
	}
	for _, sc := range f.Scenarios {
		if _, ok := f.ScenarioPos(sc.ID); !ok {
			t.Errorf("no position for scenario %q", sc.ID)
		}
		for _, st := range sc.Steps {
			if _, ok := f.StepPos(sc.ID, st.ID); !ok {
				t.Errorf("no position for step %s/%s", sc.ID, st.ID)
			}
		}
	}
}

// TestEveryScenarioReachesAnEnd walks each loaded graph independently of
// model.Compile: from every step reachable from the start, some path of
// reactions must lead to a step without reactions.
func TestEveryScenarioReachesAnEnd(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "scenarios.toml"))
	if err != nil {
		t.Fatal(err)
	}
	def, _ := Parse("scenarios.toml", data)
	good, _ := Parse("good.toml", []byte(goodFile))
	all := append(def.Scenarios, good.Scenarios...)
	if len(all) < 3 {
		t.Fatalf("too few scenarios to check: %d", len(all))
	}
	for _, sc := range all {
		for _, from := range reachableFrom(sc, sc.Start) {
			if !endReachable(sc, from) {
				t.Errorf("%s: no end reachable from step %q", sc.ID, from)
			}
		}
	}
	// And the check itself can fail: a two-step loop has no end.
	loop := &model.Scenario{ID: "loop", Start: "a", Steps: []model.Step{
		{ID: "a", Next: []model.Reaction{{Goto: "b"}}},
		{ID: "b", Next: []model.Reaction{{Goto: "a"}}},
	}}
	if endReachable(loop, "a") {
		t.Error("endReachable found an end in a loop")
	}
}

func reachableFrom(sc *model.Scenario, start string) []string {
	seen := map[string]bool{start: true}
	queue := []string{start}
	for i := 0; i < len(queue); i++ {
		st, ok := sc.Step(queue[i])
		if !ok {
			continue
		}
		for _, r := range st.Next {
			if !seen[r.Goto] {
				seen[r.Goto] = true
				queue = append(queue, r.Goto)
			}
		}
	}
	return queue
}

func endReachable(sc *model.Scenario, from string) bool {
	for _, id := range reachableFrom(sc, from) {
		if st, ok := sc.Step(id); ok && len(st.Next) == 0 {
			return true
		}
	}
	return false
}

func ids(scs []*model.Scenario) []string {
	out := make([]string, len(scs))
	for i, sc := range scs {
		out[i] = sc.ID
	}
	return out
}

func TestDiagnosticString(t *testing.T) {
	for _, tc := range []struct {
		d    Diagnostic
		want string
	}{
		{Diagnostic{"a.toml", Pos{3, 7}, model.Error, "bad"}, "a.toml:3:7: bad"},
		{Diagnostic{"a.toml", Pos{3, 7}, model.Warning, "meh"}, "a.toml:3:7: warning: meh"},
		{Diagnostic{"a.toml", Pos{}, model.Error, "bad"}, "a.toml: bad"},
	} {
		if got := tc.d.String(); got != tc.want {
			t.Errorf("got %q, want %q", got, tc.want)
		}
	}
}

func TestDiagnosticsSort(t *testing.T) {
	ds := Diagnostics{
		{"b.toml", Pos{1, 1}, model.Error, "b1"},
		{"a.toml", Pos{9, 1}, model.Warning, "a9w"},
		{"a.toml", Pos{2, 5}, model.Error, "a2"},
		{"a.toml", Pos{9, 1}, model.Error, "a9e"},
		{"b.toml", Pos{0, 0}, model.Error, "b0"},
	}
	ds.Sort()
	var got []string
	for _, d := range ds {
		got = append(got, d.Message)
	}
	want := []string{"b0", "b1", "a2", "a9e", "a9w"}
	if !slices.Equal(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
	if ds.Errors() != 4 || ds.Warnings() != 1 || !ds.HasErrors() {
		t.Errorf("counts wrong: %d errors, %d warnings", ds.Errors(), ds.Warnings())
	}
}
