package playtest

import (
	"os"
	"strings"
	"testing"
	"time"

	"rehearse/model"
	"rehearse/scenarios"
	"rehearse/scenarios/internal/scengen"
)

func compile(t testing.TB, spec model.Scenario) *model.Scenario {
	t.Helper()
	sc, ps := model.Compile(spec)
	if ps.HasErrors() {
		t.Fatalf("fixture: %v", ps)
	}
	return sc
}

func simple(t testing.TB, tests ...model.Test) *model.Scenario {
	return compile(t, model.Scenario{ID: "s", Start: "open", Tests: tests, Steps: []model.Step{
		{ID: "open", Manager: []string{"Hi"}, Say: "I'm leaving.", Next: []model.Reaction{
			{Label: "Asks why", Goto: "why", Weight: 1}, {Label: "Ends it", Goto: "bye", Weight: 1}}},
		{ID: "why", Manager: []string{"Why?"}, Say: "Learning.", Next: []model.Reaction{{Label: "Accepts", Goto: "bye", Weight: 1}}},
		{ID: "bye", Manager: []string{"Bye"}, Say: "Thanks."},
	}})
}

func TestRandomCoversEverything(t *testing.T) {
	sc := simple(t)
	rep := Random(sc, 200, 1)
	if rep.Runs != 200 || rep.Ended != 200 || len(rep.Stuck) != 0 {
		t.Fatalf("report %+v", rep)
	}
	if m := rep.Missing(sc); len(m) != 0 {
		t.Errorf("missing %v", m)
	}
	if c := rep.Coverage(sc); c != (Coverage{3, 3, 3, 3, 0, 0}) {
		t.Errorf("coverage %+v", c)
	}
	if rep.Steps["open"] != 200 || rep.Steps["bye"] != 200 {
		t.Errorf("visits %v", rep.Steps)
	}
}

// An interrupt that always fires into a step that leads back makes a loop
// the graph check cannot see (interrupts fire by chance): random playthroughs
// must report it.
func TestRandomFindsRunsThatCannotEnd(t *testing.T) {
	sc := compile(t, model.Scenario{ID: "loop", Start: "a", Steps: []model.Step{
		{ID: "a", Manager: []string{"A"}, Say: "a long line to say", Next: []model.Reaction{{Label: "ok", Goto: "end", Weight: 1}},
			Interrupt: &model.Interrupt{After: time.Second, Chance: 1, Goto: "b"}},
		{ID: "b", Manager: []string{"B"}, Say: "b", Next: []model.Reaction{{Label: "back", Goto: "a", Weight: 1}}},
		{ID: "end", Manager: []string{"E"}, Say: "e"},
	}})
	rep := Random(sc, 3, 1)
	if rep.Ended != 0 || len(rep.Stuck) != 3 {
		t.Fatalf("ended %d, stuck %d", rep.Ended, len(rep.Stuck))
	}
	if got := strings.Join(rep.Stuck[0].Path, ","); !strings.Contains(got, "a,b,a") {
		t.Errorf("stuck path %q", got)
	}
	if m := rep.Missing(sc); len(m) != 2 || !strings.Contains(m[0], `reaction "ok" of step "a" never taken`) {
		t.Errorf("missing %q", m)
	}
}

func TestRecorded(t *testing.T) {
	sc := simple(t,
		model.Test{Name: "why", Choose: []string{"Asks why", "Accepts"}, Expect: []string{"open", "why", "bye"}},
		model.Test{Name: "by goto", Choose: []string{"bye"}, Expect: []string{"open", "bye"}},
		model.Test{Name: "from why", From: "why", Choose: []string{"accepts"}, Expect: []string{"why", "bye"}},
		model.Test{Name: "wrong", Choose: []string{"Ends it"}, Expect: []string{"open", "why", "bye"}},
		model.Test{Name: "unknown", Choose: []string{"Laughs"}},
		model.Test{Name: "short", Choose: []string{"Asks why"}},
		model.Test{Name: "long", Choose: []string{"Ends it", "Again"}},
	)
	got := map[string]string{}
	for _, f := range Recorded(sc) {
		got[f.Name] = f.Message
	}
	want := map[string]string{
		"wrong":   "visited open → bye, expected open → why → bye",
		"unknown": `step "open" has no reaction "Laughs" (its reactions: "Asks why", "Ends it")`,
		"short":   `ran out of choices at step "why" (its reactions: "Accepts")`,
		"long":    `the conversation ended at "bye" with choices left over: Again`,
	}
	if len(got) != len(want) {
		t.Errorf("failures %v", got)
	}
	for name, msg := range want {
		if got[name] != msg {
			t.Errorf("%s: got %q, want %q", name, got[name], msg)
		}
	}
}

func TestDefaultScenariosPlayClean(t *testing.T) {
	data, err := os.ReadFile("../../scenarios.toml")
	if err != nil {
		t.Fatal(err)
	}
	f, ds := scenarios.Parse("scenarios.toml", data)
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	for _, sc := range f.Scenarios {
		if fs := Recorded(sc); len(fs) != 0 {
			t.Errorf("%s: %v", sc.ID, fs)
		}
		if rep := Random(sc, 1000, 1); len(rep.Stuck) != 0 {
			t.Errorf("%s: %d runs stuck", sc.ID, len(rep.Stuck))
		}
	}
}

// BenchmarkRandom10kSteps plays 1,000 conversations through a generated
// 10,000-step scenario: a spine with side branches.
func BenchmarkRandom10kSteps(b *testing.B) {
	sc := compile(b, scengen.Tree(10_000))
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		Random(sc, 1000, 1)
	}
}
