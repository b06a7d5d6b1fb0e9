package model

import (
	"slices"
	"testing"
	"time"
)

func TestCompileReportsEveryGraphProblem(t *testing.T) {
	spec := Scenario{
		ID: "bad", Title: "Bad", Start: "open",
		Steps: []Step{
			{ID: "open", Manager: []string{"Hi"}, Say: "x", Next: []Reaction{
				{"Asks why", "wyh", 1}, {"Loops", "loop", 0}, {"", "end", 1}}},
			{ID: "loop", Manager: []string{"Again?"}, Say: "x", Next: []Reaction{{"Again", "loop", 1}}},
			{ID: "key", Manager: []string{"?"}, Key: true},
			{ID: "end", Manager: []string{"Bye"}, Say: "bye",
				Interrupt: &Interrupt{After: time.Second, Chance: 1.5, Goto: "nowhere"}},
		},
	}
	sc, ps := Compile(spec)
	if sc != nil {
		t.Fatal("a scenario with errors compiled")
	}
	want := []Problem{
		{Error, Ref{"bad", "open", "next", 0}, `goto "wyh": no such step`},
		{Error, Ref{"bad", "open", "next", 1}, "weight must be greater than 0, got 0"},
		{Warning, Ref{"bad", "open", "next", 2}, `reaction 3 of step "open" has no label (when = "...")`},
		{Error, Ref{"bad", "key", "say", -1}, `key line "key" has nothing to say`},
		{Warning, Ref{"bad", "key", "target", -1}, `key line "key" has no target and no words to derive one from`},
		{Error, Ref{"bad", "end", "interrupt.goto", -1}, `interrupt goto "nowhere": no such step`},
		{Error, Ref{"bad", "end", "interrupt.chance", -1}, "interrupt chance must be between 0 and 1, got 1.5"},
		{Error, Ref{"bad", "key", "steps", -1}, `step "key" is unreachable from start "open"`},
		{Error, Ref{"bad", "loop", "steps", -1}, `no end can be reached from step "loop" (its reactions only loop back)`},
	}
	for _, w := range want {
		if !slices.Contains(ps, w) {
			t.Errorf("missing problem %+v", w)
		}
	}
	if len(ps) != len(want) {
		t.Errorf("got %d problems, want %d:\n%v", len(ps), len(want), ps)
	}
}

func TestCompileSuggestsNearMisses(t *testing.T) {
	_, ps := Compile(Scenario{ID: "s", Start: "opne", Steps: []Step{{ID: "open", Manager: []string{"Hi"}, Say: "x"}}})
	if len(ps) != 1 || ps[0].Message != `start step "opne" does not exist (did you mean "open"?)` {
		t.Errorf("problems = %v", ps)
	}
}

func TestCompileCleanScenario(t *testing.T) {
	sc, ps := Compile(Scenario{ID: "s", Start: "a", Steps: []Step{
		{ID: "a", Manager: []string{"Hi"}, Say: "one two", Key: true, Next: []Reaction{{"Ok", "b", 1}}},
		{ID: "b", Manager: []string{"Bye"}, Say: "bye"},
	}})
	if sc == nil || len(ps) != 0 {
		t.Fatalf("problems = %v", ps)
	}
	if st, ok := sc.Step("b"); !ok || st.ID != "b" {
		t.Error("compiled scenario does not index its steps")
	}
	if sc.KeyLines() != 1 || sc.ReactionCount() != 1 {
		t.Errorf("key lines %d, reactions %d", sc.KeyLines(), sc.ReactionCount())
	}
}

func TestClosest(t *testing.T) {
	cands := []string{"manager", "say", "target", "notes", "interrupt"}
	for in, want := range map[string]string{
		"manger": "manager", "sya": "say", "traget": "target", "xyz": "", "interupt": "interrupt", "say": "",
	} {
		if got := Closest(in, cands); got != want {
			t.Errorf("Closest(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestLineHashIgnoresSpacingAndCase(t *testing.T) {
	if LineHash("I've  decided\nto leave.") != LineHash("i've decided to leave.") {
		t.Error("spacing or case changed the hash")
	}
	if LineHash("I've decided to leave.") == LineHash("I have decided to leave.") {
		t.Error("a rewrite kept the hash")
	}
}

// A typo in a goto would make its intended step, and all that follows it,
// unreachable; that is one mistake and is reported once, with the step
// suggested.
func TestTypoInGotoIsReportedOnce(t *testing.T) {
	_, ps := Compile(Scenario{ID: "s", Start: "open", Steps: []Step{
		{ID: "open", Manager: []string{"Hi"}, Say: "x", Next: []Reaction{{"Asks why", "wyh", 1}}},
		{ID: "why", Manager: []string{"Why?"}, Say: "y", Next: []Reaction{{"Then", "after", 1}}},
		{ID: "after", Manager: []string{"And?"}, Say: "a"},
		{ID: "lost", Manager: []string{"?"}, Say: "z"},
	}})
	want := Problems{
		{Error, Ref{"s", "open", "next", 0}, `goto "wyh": no such step (did you mean "why"?)`},
		{Error, Ref{"s", "lost", "steps", -1}, `step "lost" is unreachable from start "open"`},
	}
	if !slices.Equal(ps, want) {
		t.Errorf("problems:\n%v\nwant:\n%v", ps, want)
	}
}

func TestSummarize(t *testing.T) {
	s := time.Second
	got := Summarize([]Attempt{
		{Key: true, Target: 20 * s, Delivery: 18 * s, Hesitation: 1 * s},
		{Key: true, Target: 20 * s, Delivery: 25 * s, Hesitation: 3 * s},
		{Key: true, Target: 20 * s, Delivery: 10 * s, Hesitation: 2 * s, CutOff: true},
		{Target: 5 * s, Delivery: 6 * s, Hesitation: 2 * s},
	})
	want := RunSummary{Deliveries: 4, KeyLines: 3, KeyOnTarget: 1, Over: 2, CutOff: 1, Speaking: 59 * s, MeanHesitation: 2 * s}
	if got != want {
		t.Errorf("got %+v\nwant %+v", got, want)
	}
	// A key line gabbled in a quarter of its target is not "on target".
	got = Summarize([]Attempt{{Key: true, Target: 20 * s, Delivery: 5 * s}, {Key: true, Target: 20 * s, Delivery: 15 * s}})
	want = RunSummary{Deliveries: 2, KeyLines: 2, KeyOnTarget: 1, Rushed: 1, Speaking: 20 * s}
	if got != want {
		t.Errorf("got %+v\nwant %+v", got, want)
	}
	if (Summarize(nil) != RunSummary{}) {
		t.Error("an empty run is not all zeros")
	}
}

func TestRushedIsNoPersonalBest(t *testing.T) {
	s := time.Second
	day := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	prev := []Attempt{{Scenario: "a", Step: "open", Target: 20 * s, Delivery: 18 * s, At: day}}
	rushed := Attempt{Scenario: "a", Step: "open", Target: 20 * s, Delivery: 6 * s, At: day.Add(time.Hour)}
	steady := Attempt{Scenario: "a", Step: "open", Target: 20 * s, Delivery: 15 * s, At: day.Add(time.Hour)}
	if !rushed.Rushed() || steady.Rushed() {
		t.Errorf("rushed %v, steady %v", rushed.Rushed(), steady.Rushed())
	}
	if Compare(prev, rushed).PersonalBest || !Compare(prev, steady).PersonalBest {
		t.Error("a rushed delivery was a personal best, or a steady faster one was not")
	}
	// A rushed take is no baseline: after it, a steady take at 17s is
	// still a personal best against the earlier 18s, and not "slower".
	later := Attempt{Scenario: "a", Step: "open", Target: 20 * s, Delivery: 17 * s, At: day.Add(2 * time.Hour)}
	c := Compare(append(prev, rushed), later)
	if !c.PersonalBest || c.Worse || c.Best != 18*s {
		t.Errorf("after a rushed take: %+v", c)
	}
}

func TestNameAndLabel(t *testing.T) {
	sc := Scenario{Counterpart: "your VP"}
	if sc.Name() != "your VP" || sc.Label() != "Your VP" {
		t.Errorf("Name %q, Label %q", sc.Name(), sc.Label())
	}
	if (&Scenario{}).Label() != "Manager" || (&Scenario{Counterpart: "élodie"}).Label() != "Élodie" {
		t.Error("Label of an unnamed or accented counterpart")
	}
}
