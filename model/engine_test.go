package model

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"
)

// epoch is the fake clock's epoch; tests move time by adding to it.
var epoch = time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)

func at(d time.Duration) time.Time { return epoch.Add(d) }

// fixture is a small conversation with every feature the engine handles:
// variants, weights, a key line, an interrupt and two ends.
func fixture(t testing.TB) *Scenario {
	t.Helper()
	sc, ps := Compile(Scenario{
		ID: "fx", Title: "Fixture", Counterpart: "John", Start: "open", Pace: 120,
		Pause: 2 * time.Second, Timebox: 15 * time.Minute,
		Steps: []Step{
			{ID: "open", Manager: []string{"What's up?", "Hi, what's on your mind?"},
				Say: "I've decided to leave.", Key: true, Target: 20 * time.Second,
				Next:      []Reaction{{"Asks why", "why", 3}, {"Ends it now", "end-now", 1}},
				Interrupt: &Interrupt{After: 10 * time.Second, Chance: 0.5, Goto: "when"}},
			{ID: "why", Manager: []string{"Why?"}, Say: "Timing and learning, said in eight words here.",
				Next: []Reaction{{"Accepts", "close", 1}}},
			{ID: "when", Manager: []string{"When is your last day?"}, Say: "Friday.",
				Next: []Reaction{{"Accepts", "close", 1}}},
			{ID: "end-now", Manager: []string{"We need to end this today."}, Say: "I understand."},
			{ID: "close", Manager: []string{"Thanks for telling me."}, Say: "Thank you."},
		},
	})
	if ps.HasErrors() {
		t.Fatalf("fixture does not compile: %v", ps)
	}
	return sc
}

func newEngine(t testing.TB, opts Options) *Engine {
	t.Helper()
	e, err := NewEngine(fixture(t), opts)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

func ev(k EventKind) Event { return Event{Kind: k} }

// apply applies events at the given times and fails on any error.
func apply(t *testing.T, e *Engine, steps ...any) Outcome {
	t.Helper()
	var out Outcome
	for i := 0; i < len(steps); i += 2 {
		var err error
		out, err = e.Apply(steps[i].(Event), at(steps[i+1].(time.Duration)))
		if err != nil {
			t.Fatalf("event %v: %v", steps[i], err)
		}
	}
	return out
}

func TestTransitions(t *testing.T) {
	tests := []struct {
		name   string
		events []any // Event, time pairs
		phase  Phase
		step   string
	}{
		{"new engine is in the briefing", nil, PhaseBriefing, "open"},
		{"start enters the pause", []any{ev(EventStart), time.Duration(0)}, PhasePause, "open"},
		{"tick before the pause ends changes nothing",
			[]any{ev(EventStart), time.Duration(0), ev(EventTick), time.Second}, PhasePause, "open"},
		{"tick at the end of the pause reveals the line",
			[]any{ev(EventStart), time.Duration(0), ev(EventTick), 2 * time.Second}, PhaseReady, "open"},
		{"reveal skips the pause",
			[]any{ev(EventStart), time.Duration(0), ev(EventReveal), time.Second}, PhaseReady, "open"},
		{"begin speaking",
			[]any{ev(EventStart), time.Duration(0), ev(EventReveal), 0 * time.Second, ev(EventBegin), 3 * time.Second},
			PhaseSpeaking, "open"},
		{"finish speaking",
			[]any{ev(EventStart), time.Duration(0), ev(EventReveal), time.Duration(0), ev(EventBegin), time.Second,
				ev(EventFinish), 5 * time.Second}, PhaseDone, "open"},
		{"retry while speaking goes back to ready",
			[]any{ev(EventStart), time.Duration(0), ev(EventReveal), time.Duration(0), ev(EventBegin), time.Second,
				ev(EventRetry), 2 * time.Second}, PhaseReady, "open"},
		{"retry after finishing goes back to ready",
			[]any{ev(EventStart), time.Duration(0), ev(EventReveal), time.Duration(0), ev(EventBegin), time.Second,
				ev(EventFinish), 2 * time.Second, ev(EventRetry), 3 * time.Second}, PhaseReady, "open"},
		{"skip from ready",
			[]any{ev(EventStart), time.Duration(0), ev(EventReveal), time.Duration(0), ev(EventSkip), time.Second},
			PhaseDone, "open"},
		{"skip while speaking",
			[]any{ev(EventStart), time.Duration(0), ev(EventReveal), time.Duration(0), ev(EventBegin), time.Second,
				ev(EventSkip), time.Second}, PhaseDone, "open"},
		{"choosing a reaction enters its step",
			[]any{ev(EventStart), time.Duration(0), ev(EventReveal), time.Duration(0), ev(EventSkip), time.Second,
				Event{Kind: EventChoose, Reaction: 1}, 2 * time.Second}, PhasePause, "end-now"},
		{"explicit interrupt cuts to the interrupt step",
			[]any{ev(EventStart), time.Duration(0), ev(EventReveal), time.Duration(0), ev(EventBegin), time.Second,
				ev(EventInterrupt), 4 * time.Second}, PhasePause, "when"},
		{"quit ends from anywhere",
			[]any{ev(EventStart), time.Duration(0), ev(EventQuit), time.Second}, PhaseEnded, "open"},
		{"quit from the briefing",
			[]any{ev(EventQuit), time.Second}, PhaseEnded, "open"},
		{"the manager ends after an end step",
			[]any{ev(EventStart), time.Duration(0), ev(EventReveal), time.Duration(0), ev(EventSkip), time.Second,
				Event{Kind: EventChoose, Reaction: 1}, 2 * time.Second, ev(EventReveal), 3 * time.Second,
				ev(EventSkip), 4 * time.Second, ev(EventManagerChooses), 5 * time.Second}, PhaseEnded, "end-now"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEngine(t, Options{Seed: 1})
			apply(t, e, tt.events...)
			if e.Phase() != tt.phase || e.Step().ID != tt.step {
				t.Errorf("got %v at %q, want %v at %q", e.Phase(), e.Step().ID, tt.phase, tt.step)
			}
		})
	}
}

// TestIllegalEvents sends every event in every phase and checks that the
// illegal ones fail with ErrIllegal and change nothing.
func TestIllegalEvents(t *testing.T) {
	// How to bring a fresh engine into each phase.
	reach := map[Phase][]any{
		PhaseBriefing: nil,
		PhasePause:    {ev(EventStart), time.Duration(0)},
		PhaseReady:    {ev(EventStart), time.Duration(0), ev(EventReveal), time.Duration(0)},
		PhaseSpeaking: {ev(EventStart), time.Duration(0), ev(EventReveal), time.Duration(0), ev(EventBegin), time.Second},
		PhaseDone:     {ev(EventStart), time.Duration(0), ev(EventReveal), time.Duration(0), ev(EventSkip), time.Second},
		PhaseEnded:    {ev(EventQuit), time.Duration(0)},
	}
	legal := map[Phase][]EventKind{
		PhaseBriefing: {EventStart, EventTick, EventQuit},
		PhasePause:    {EventReveal, EventTick, EventQuit},
		PhaseReady:    {EventBegin, EventSkip, EventTick, EventQuit},
		PhaseSpeaking: {EventFinish, EventRetry, EventSkip, EventInterrupt, EventTick, EventQuit},
		PhaseDone:     {EventRetry, EventChoose, EventManagerChooses, EventTick, EventQuit},
		PhaseEnded:    nil,
	}
	for phase, prefix := range reach {
		for _, kind := range AllEvents {
			e := newEngine(t, Options{Seed: 1})
			apply(t, e, prefix...)
			want := false
			for _, k := range legal[phase] {
				want = want || k == kind
			}
			if got := e.Legal(Event{Kind: kind}); got != want {
				t.Errorf("%v in %v: legal=%v, want %v", kind, phase, got, want)
			}
			if want {
				continue
			}
			before := e.Run()
			beforePhase := e.Phase()
			_, err := e.Apply(Event{Kind: kind}, at(time.Minute))
			if !errors.Is(err, ErrIllegal) {
				t.Errorf("%v in %v: err=%v, want ErrIllegal", kind, phase, err)
			}
			if e.Phase() != beforePhase || !reflect.DeepEqual(e.Run(), before) {
				t.Errorf("%v in %v changed the state", kind, phase)
			}
		}
	}
}

func TestIllegalMessagesSayWhy(t *testing.T) {
	e := newEngine(t, Options{Seed: 1})
	apply(t, e, ev(EventStart), time.Duration(0), ev(EventReveal), time.Duration(0), ev(EventSkip), time.Second)
	_, err := e.Apply(Event{Kind: EventChoose, Reaction: 5}, at(time.Second))
	if err == nil || !strings.Contains(err.Error(), "there is no reaction 6 (this step has 2)") {
		t.Errorf("err = %v", err)
	}
	_, err = e.Apply(ev(EventBegin), at(time.Second))
	if err == nil || err.Error() != "not possible now: cannot begin speaking while line done" {
		t.Errorf("err = %v", err)
	}
}

func TestAttemptRecord(t *testing.T) {
	e := newEngine(t, Options{Seed: 1})
	apply(t, e, ev(EventStart), time.Duration(0), ev(EventTick), 2*time.Second)
	out := apply(t, e, ev(EventBegin), 5*time.Second, ev(EventFinish), 30*time.Second)
	if !out.Recorded {
		t.Fatal("finish did not record an attempt")
	}
	a := out.Attempt
	want := Attempt{
		Run: e.Run().ID, Scenario: "fx", Step: "open", TextHash: LineHash("I've decided to leave."), Key: true,
		Prompt: e.ManagerLine(), At: at(5 * time.Second), Hesitation: 3 * time.Second,
		Delivery: 25 * time.Second, Target: 20 * time.Second,
	}
	if a != want {
		t.Errorf("attempt\n got %+v\nwant %+v", a, want)
	}
	if a.Over() != 5*time.Second || !a.OverTarget() {
		t.Errorf("over = %v", a.Over())
	}
	if got := e.Run().ID; got != "20261123T090000.000-1" {
		t.Errorf("run id = %q", got)
	}
}

func TestRetryCountsAndKeepsEveryDelivery(t *testing.T) {
	e := newEngine(t, Options{Seed: 1})
	apply(t, e, ev(EventStart), time.Duration(0), ev(EventReveal), time.Duration(0),
		ev(EventBegin), time.Second, ev(EventFinish), 40*time.Second,
		ev(EventRetry), 41*time.Second, ev(EventBegin), 42*time.Second, ev(EventFinish), 55*time.Second)
	as := e.Attempts()
	if len(as) != 2 || as[0].Retries != 0 || as[1].Retries != 1 {
		t.Fatalf("attempts = %+v", as)
	}
	if as[1].Hesitation != time.Second || as[1].Delivery != 13*time.Second {
		t.Errorf("retry measured from the retry: %+v", as[1])
	}
	var yours int
	for _, l := range e.Transcript() {
		if l.Speaker == You {
			yours++
		}
	}
	if yours != 1 {
		t.Errorf("transcript shows your line %d times, want once", yours)
	}
}

func TestTargetDerivedFromPace(t *testing.T) {
	e := newEngine(t, Options{Seed: 1, From: "why"})
	// "Timing and learning, said in eight words here." is 8 words at 120 wpm.
	if got := e.Target(); got != 4*time.Second {
		t.Errorf("target = %v, want 4s", got)
	}
}

func TestInterruptFiresOnTick(t *testing.T) {
	// Find a seed whose first delivery is interrupted and one whose is not.
	var cut, clean int64 = -1, -1
	for seed := int64(0); seed < 100 && (cut < 0 || clean < 0); seed++ {
		e := newEngine(t, Options{Seed: seed})
		apply(t, e, ev(EventStart), time.Duration(0), ev(EventReveal), time.Duration(0), ev(EventBegin), time.Second)
		if _, ok := e.Deadline(); ok {
			cut = seed
		} else {
			clean = seed
		}
	}
	if cut < 0 || clean < 0 {
		t.Fatalf("chance 0.5 never split 100 seeds: cut=%d clean=%d", cut, clean)
	}

	e := newEngine(t, Options{Seed: cut})
	apply(t, e, ev(EventStart), time.Duration(0), ev(EventReveal), time.Duration(0), ev(EventBegin), time.Second)
	if d, _ := e.Deadline(); !d.Equal(at(11 * time.Second)) {
		t.Errorf("deadline = %v, want 10s after speaking began", d)
	}
	apply(t, e, ev(EventTick), 10*time.Second)
	if e.Phase() != PhaseSpeaking {
		t.Fatal("interrupted before its time")
	}
	out := apply(t, e, ev(EventTick), 12*time.Second)
	if !out.Interrupted || !out.Recorded || !out.Attempt.CutOff || out.Attempt.Delivery != 10*time.Second {
		t.Errorf("outcome = %+v", out)
	}
	if e.Step().ID != "when" {
		t.Errorf("step = %q, want the interrupt's goto", e.Step().ID)
	}
	tr := e.Transcript()
	if last := tr[len(tr)-1]; !last.CutOff || last.Speaker != You {
		t.Errorf("last transcript line = %+v, want your cut-off line", last)
	}

	e = newEngine(t, Options{Seed: clean})
	apply(t, e, ev(EventStart), time.Duration(0), ev(EventReveal), time.Duration(0), ev(EventBegin), time.Second,
		ev(EventTick), time.Hour)
	if e.Phase() != PhaseSpeaking {
		t.Error("a seed that rolled no interrupt was interrupted")
	}
}

func TestSameSeedSameManager(t *testing.T) {
	walk := func(seed int64, retries int) []string {
		e := newEngine(t, Options{Seed: seed})
		now := time.Duration(0)
		apply(t, e, ev(EventStart), now)
		for e.Phase() != PhaseEnded {
			now += time.Second
			switch e.Phase() {
			case PhasePause:
				apply(t, e, ev(EventReveal), now)
			case PhaseReady:
				apply(t, e, ev(EventBegin), now, ev(EventFinish), now+time.Second)
				for range retries {
					apply(t, e, ev(EventRetry), now+2*time.Second, ev(EventBegin), now+2*time.Second, ev(EventFinish), now+3*time.Second)
				}
			case PhaseDone:
				apply(t, e, ev(EventManagerChooses), now)
			}
		}
		return e.Run().Steps
	}
	differs := false
	for seed := int64(0); seed < 50; seed++ {
		a, b := walk(seed, 0), walk(seed, 2)
		if !reflect.DeepEqual(a, b) {
			t.Fatalf("seed %d: retries changed the manager: %v vs %v", seed, a, b)
		}
		differs = differs || !reflect.DeepEqual(a, walk(0, 0))
	}
	if !differs {
		t.Error("50 seeds all gave the same path")
	}
}

func TestReplayRepeatsARunExactly(t *testing.T) {
	e := newEngine(t, Options{Seed: 3})
	apply(t, e, ev(EventStart), time.Duration(0), ev(EventReveal), time.Duration(0), ev(EventBegin), time.Second,
		ev(EventInterrupt), 2*time.Second, ev(EventReveal), 3*time.Second, ev(EventSkip), 4*time.Second,
		ev(EventManagerChooses), 5*time.Second, ev(EventReveal), 6*time.Second, ev(EventSkip), 7*time.Second,
		ev(EventManagerChooses), 8*time.Second)
	first := e.Run()
	if first.Abandoned || len(first.Taken) != 2 || first.Taken[0].Index != -1 {
		t.Fatalf("first run = %+v", first)
	}

	again := newEngine(t, Options{Seed: first.Seed, From: first.From, Replay: first.Taken})
	apply(t, again, ev(EventStart), time.Duration(0), ev(EventReveal), time.Duration(0), ev(EventBegin), time.Second)
	if _, ok := again.Deadline(); !ok {
		t.Fatal("replayed interrupt was not scheduled")
	}
	apply(t, again, ev(EventTick), time.Minute, ev(EventReveal), time.Minute, ev(EventSkip), time.Minute,
		ev(EventManagerChooses), time.Minute, ev(EventReveal), time.Minute, ev(EventSkip), time.Minute,
		ev(EventManagerChooses), time.Minute)
	if got := again.Run().Steps; !reflect.DeepEqual(got, first.Steps) {
		t.Errorf("replay visited %v, want %v", got, first.Steps)
	}
}

func TestUserChoiceIsRecordedAndReplayed(t *testing.T) {
	e := newEngine(t, Options{Seed: 9})
	apply(t, e, ev(EventStart), time.Duration(0), ev(EventReveal), time.Duration(0), ev(EventSkip), time.Second,
		Event{Kind: EventChoose, Reaction: 1}, 2*time.Second)
	taken := e.Run().Taken
	if len(taken) != 1 || !taken[0].ByUser || taken[0].Goto != "end-now" {
		t.Fatalf("taken = %+v", taken)
	}
	again := newEngine(t, Options{Seed: 9, Replay: taken})
	apply(t, again, ev(EventStart), time.Duration(0), ev(EventReveal), time.Duration(0), ev(EventSkip), time.Second,
		ev(EventManagerChooses), 2*time.Second)
	if again.Step().ID != "end-now" {
		t.Errorf("replay went to %q", again.Step().ID)
	}
}

func TestQuitKeepsDeliveredLinesAndMarksAbandoned(t *testing.T) {
	e := newEngine(t, Options{Seed: 1})
	out := apply(t, e, ev(EventStart), time.Duration(0), ev(EventReveal), time.Duration(0), ev(EventBegin), time.Second,
		ev(EventFinish), 9*time.Second, ev(EventQuit), 20*time.Second)
	r := e.Run()
	if !out.Ended || !r.Abandoned || len(r.Attempts) != 1 || !r.Ended.Equal(at(20*time.Second)) {
		t.Errorf("run = %+v", r)
	}
	if got := e.MeetingElapsed(at(time.Hour)); got != 20*time.Second {
		t.Errorf("meeting clock kept running after the end: %v", got)
	}
}

func TestFromStartsAtAStep(t *testing.T) {
	e := newEngine(t, Options{Seed: 1, From: "when"})
	apply(t, e, ev(EventStart), time.Duration(0))
	if e.Step().ID != "when" || e.Run().From != "when" {
		t.Errorf("step %q, run from %q", e.Step().ID, e.Run().From)
	}
	if _, err := NewEngine(fixture(t), Options{From: "wehn"}); err == nil ||
		!strings.Contains(err.Error(), `no step "wehn" (did you mean "when"?)`) {
		t.Errorf("err = %v", err)
	}
}

func TestClocks(t *testing.T) {
	e := newEngine(t, Options{Seed: 1})
	apply(t, e, ev(EventStart), time.Duration(0), ev(EventReveal), 2*time.Second)
	if h := e.Hesitation(at(5 * time.Second)); h != 3*time.Second {
		t.Errorf("hesitation while waiting = %v", h)
	}
	apply(t, e, ev(EventBegin), 6*time.Second)
	if h := e.Hesitation(at(50 * time.Second)); h != 4*time.Second {
		t.Errorf("hesitation frozen once speaking = %v", h)
	}
	if l := e.LineElapsed(at(16 * time.Second)); l != 10*time.Second {
		t.Errorf("line elapsed = %v", l)
	}
	if m := e.MeetingElapsed(at(16 * time.Second)); m != 16*time.Second {
		t.Errorf("meeting = %v", m)
	}
}

func TestWeightsShapeTheManager(t *testing.T) {
	counts := map[string]int{}
	for seed := int64(0); seed < 4000; seed++ {
		e := newEngine(t, Options{Seed: seed})
		apply(t, e, ev(EventStart), time.Duration(0), ev(EventReveal), time.Duration(0), ev(EventSkip), 0*time.Second,
			ev(EventManagerChooses), time.Second)
		counts[e.Step().ID]++
	}
	// Weights 3:1, so "why" should come about 3000 times in 4000.
	if counts["why"] < 2800 || counts["why"] > 3200 {
		t.Errorf("reaction counts %v do not follow the 3:1 weights", counts)
	}
}

func BenchmarkEngineStep(b *testing.B) {
	sc := fixture(b)
	e, _ := NewEngine(sc, Options{Seed: 1})
	now := epoch
	e.Apply(Event{Kind: EventStart}, now)
	e.Apply(Event{Kind: EventReveal}, now)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		now = now.Add(time.Millisecond)
		e.Apply(Event{Kind: EventBegin}, now)
		e.Apply(Event{Kind: EventTick}, now)
		e.Apply(Event{Kind: EventRetry}, now)
	}
}

func TestRebaseKeepsTheRunGoing(t *testing.T) {
	e := newEngine(t, Options{Seed: 1})
	apply(t, e, ev(EventStart), time.Duration(0), ev(EventReveal), time.Duration(0), ev(EventBegin), time.Second,
		ev(EventFinish), 5*time.Second, Event{Kind: EventChoose, Reaction: 0}, 6*time.Second,
		ev(EventReveal), 7*time.Second, ev(EventBegin), 8*time.Second)

	// The same scenario with the current step's line rewritten.
	spec := *fixture(t)
	spec.Steps = append([]Step(nil), spec.Steps...)
	spec.Steps[1].Say = "A new answer."
	edited, ps := Compile(spec)
	if ps.HasErrors() {
		t.Fatal(ps)
	}
	moved, err := e.Rebase(edited, at(9*time.Second))
	if err != nil || moved != "" {
		t.Fatalf("moved %q, err %v", moved, err)
	}
	if e.Step().ID != "why" || e.Step().Say != "A new answer." || e.Phase() != PhaseReady {
		t.Errorf("after rebase: %q %q %v", e.Step().ID, e.Step().Say, e.Phase())
	}
	if len(e.Attempts()) != 1 || len(e.Transcript()) != 3 {
		t.Errorf("lost history: %d attempts, %d transcript lines", len(e.Attempts()), len(e.Transcript()))
	}

	// A version without the current step: back to the latest visited step
	// that still exists.
	spec = *fixture(t)
	spec.Steps = []Step{spec.Steps[0], spec.Steps[2], spec.Steps[3], spec.Steps[4]}
	spec.Steps[0].Next = []Reaction{{"Asks when", "when", 1}, {"Ends it now", "end-now", 1}}
	cut, ps := Compile(spec)
	if ps.HasErrors() {
		t.Fatal(ps)
	}
	moved, err = e.Rebase(cut, at(10*time.Second))
	if err != nil || moved != "open" || e.Step().ID != "open" || e.Phase() != PhasePause {
		t.Errorf("moved %q, err %v, at %q in %v", moved, err, e.Step().ID, e.Phase())
	}
}

func TestSkipAfterRetryShowsNoOldDelivery(t *testing.T) {
	e := newEngine(t, Options{Seed: 1})
	apply(t, e, ev(EventStart), time.Duration(0), ev(EventReveal), time.Duration(0), ev(EventBegin), time.Second,
		ev(EventFinish), 4*time.Second, ev(EventRetry), 5*time.Second, ev(EventSkip), 6*time.Second)
	if a, ok := e.LastAttempt(); ok {
		t.Errorf("a skipped take reports the earlier delivery %+v", a)
	}
	if got := e.LineElapsed(at(10 * time.Second)); got != 0 {
		t.Errorf("line elapsed after a skip = %v, want 0", got)
	}
}

func TestLateTickDoesNotBackdateTheNextStep(t *testing.T) {
	// Seed 0..99: find one whose first delivery is interrupted.
	for seed := int64(0); seed < 100; seed++ {
		e := newEngine(t, Options{Seed: seed})
		apply(t, e, ev(EventStart), time.Duration(0), ev(EventReveal), time.Duration(0), ev(EventBegin), time.Second)
		if _, ok := e.Deadline(); !ok {
			continue
		}
		// The interrupt was due at 11s; the tick comes a minute late.
		out := apply(t, e, ev(EventTick), 71*time.Second)
		if out.Attempt.Delivery != 10*time.Second {
			t.Errorf("cut off after %v, want at the interrupt's time (10s)", out.Attempt.Delivery)
		}
		if d, _ := e.Deadline(); !d.Equal(at(71*time.Second + 2*time.Second)) {
			t.Errorf("next pause ends at %v, want two seconds after the late tick", d)
		}
		return
	}
	t.Fatal("no seed was interrupted")
}

func TestAttemptsKnowTheirVisit(t *testing.T) {
	e := newEngine(t, Options{Seed: 1})
	apply(t, e, ev(EventStart), time.Duration(0), ev(EventReveal), time.Duration(0),
		ev(EventBegin), time.Second, ev(EventFinish), 2*time.Second,
		ev(EventRetry), 3*time.Second, ev(EventBegin), 3*time.Second, ev(EventFinish), 4*time.Second,
		Event{Kind: EventChoose, Reaction: 0}, 5*time.Second, ev(EventReveal), 5*time.Second,
		ev(EventBegin), 6*time.Second, ev(EventFinish), 7*time.Second)
	var visits []int
	for _, a := range e.Attempts() {
		visits = append(visits, a.Visit)
	}
	if !reflect.DeepEqual(visits, []int{0, 0, 1}) {
		t.Errorf("visits %v, want [0 0 1]", visits)
	}
}
