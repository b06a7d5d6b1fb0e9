// Package playtest plays scenarios automatically, for authors' CI: many
// seeded random playthroughs that report which steps and reactions they
// covered and any run that could not end, and the scenario's own recorded
// playthroughs ([[scenario.test]]) replayed exactly.
//
//	rep := playtest.Random(sc, 1000, 1)
//	for _, f := range playtest.Recorded(sc) { fmt.Println(f) }
//
// It drives the real engine (model.Engine) with a simulated clock, so a
// thousand conversations take milliseconds.
package playtest

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"rehearse/model"
)

// MaxEvents bounds one playthrough: a conversation still going after this
// many events is reported as one that cannot end.
const MaxEvents = 10_000

// Report is what random playthroughs of one scenario found.
type Report struct {
	Scenario  string
	Runs      int
	Ended     int                // runs that reached an end step
	Steps     map[string]int     // visits per step id
	Reactions map[ReactionID]int // times each reaction was taken
	Stuck     []Stuck            // runs that did not end
}

// ReactionID names one reaction of one step.
type ReactionID struct {
	Step  string
	Index int // -1 for the step's interrupt
}

// Stuck describes a playthrough that did not end.
type Stuck struct {
	Seed int64
	Path []string // the last steps visited
}

// Random plays n conversations, with seeds first..first+n-1, letting the
// manager react each time and taking every interrupt that fires.
func Random(sc *model.Scenario, n int, first int64) Report {
	rep := Report{Scenario: sc.ID, Steps: map[string]int{}, Reactions: map[ReactionID]int{}}
	for i := range n {
		seed := first + int64(i)
		run, ok := play(sc, seed)
		rep.Runs++
		for _, id := range run.Steps {
			rep.Steps[id]++
		}
		for _, t := range run.Taken {
			rep.Reactions[ReactionID{t.Step, t.Index}]++
		}
		if ok {
			rep.Ended++
			continue
		}
		path := run.Steps
		if len(path) > 10 {
			path = path[len(path)-10:]
		}
		rep.Stuck = append(rep.Stuck, Stuck{Seed: seed, Path: path})
	}
	return rep
}

// play runs one conversation: each line is delivered at its target pace,
// and interrupts fire when due.
func play(sc *model.Scenario, seed int64) (model.Run, bool) {
	e, err := model.NewEngine(sc, model.Options{Seed: seed})
	if err != nil {
		return model.Run{}, false
	}
	now := time.Unix(0, 0)
	step := func(k model.EventKind) { _, _ = e.Apply(model.Event{Kind: k}, now) }
	step(model.EventStart)
	for range MaxEvents {
		switch e.Phase() {
		case model.PhaseEnded:
			return e.Run(), true
		case model.PhasePause:
			step(model.EventReveal)
		case model.PhaseReady:
			step(model.EventBegin)
		case model.PhaseSpeaking:
			finish := now.Add(max(e.Target(), time.Second))
			if due, ok := e.Deadline(); ok && due.Before(finish) {
				now = due
				step(model.EventTick)
				continue
			}
			now = finish
			step(model.EventFinish)
		case model.PhaseDone:
			step(model.EventManagerChooses)
		}
	}
	return e.Run(), false
}

// Missing lists the steps and reactions the report never met, as readable
// lines, in scenario order.
func (r Report) Missing(sc *model.Scenario) []string {
	var out []string
	for _, st := range sc.Steps {
		if r.Steps[st.ID] == 0 {
			out = append(out, fmt.Sprintf("step %q never visited", st.ID))
		}
		for i, re := range st.Next {
			if r.Reactions[ReactionID{st.ID, i}] == 0 {
				out = append(out, fmt.Sprintf("reaction %q of step %q never taken", re.Label, st.ID))
			}
		}
		if st.Interrupt != nil && st.Interrupt.Chance > 0 && r.Reactions[ReactionID{st.ID, -1}] == 0 {
			out = append(out, fmt.Sprintf("interrupt of step %q never fired", st.ID))
		}
	}
	return out
}

// Coverage counts what a set of playthroughs met, out of what there is.
// Reactions are the steps' `next` entries, as on the coach's stats screen;
// interrupts are counted apart, since they fire by chance.
type Coverage struct {
	Steps, StepsTotal           int
	Reactions, ReactionsTotal   int
	Interrupts, InterruptsTotal int
}

// Coverage returns how many steps, reactions and interrupts the
// playthroughs met.
func (r Report) Coverage(sc *model.Scenario) Coverage {
	var c Coverage
	for _, st := range sc.Steps {
		c.StepsTotal++
		if r.Steps[st.ID] > 0 {
			c.Steps++
		}
		for i := range st.Next {
			c.ReactionsTotal++
			if r.Reactions[ReactionID{st.ID, i}] > 0 {
				c.Reactions++
			}
		}
		if st.Interrupt != nil {
			c.InterruptsTotal++
			if r.Reactions[ReactionID{st.ID, -1}] > 0 {
				c.Interrupts++
			}
		}
	}
	return c
}

// Failure is a recorded playthrough that did not go as written.
type Failure struct {
	Scenario string
	Test     int // index into the scenario's Tests
	Name     string
	Message  string
}

func (f Failure) Error() string { return fmt.Sprintf("test %q: %s", f.Name, f.Message) }

// Recorded replays every [[scenario.test]] of sc: from its start step,
// choosing the listed reactions in order, the steps visited must be exactly
// the expected ones. Interrupts never fire in a recorded playthrough.
func Recorded(sc *model.Scenario) []Failure {
	var out []Failure
	for i, t := range sc.Tests {
		if msg := replay(sc, t); msg != "" {
			out = append(out, Failure{Scenario: sc.ID, Test: i, Name: t.Name, Message: msg})
		}
	}
	return out
}

func replay(sc *model.Scenario, t model.Test) string {
	e, err := model.NewEngine(sc, model.Options{From: t.From})
	if err != nil {
		return err.Error()
	}
	now := time.Unix(0, 0)
	apply := func(ev model.Event) error { _, err := e.Apply(ev, now); return err }
	_ = apply(model.Event{Kind: model.EventStart})
	choices := t.Choose
	for e.Phase() != model.PhaseEnded {
		switch e.Phase() {
		case model.PhasePause:
			_ = apply(model.Event{Kind: model.EventReveal})
		case model.PhaseReady:
			_ = apply(model.Event{Kind: model.EventSkip})
		case model.PhaseDone:
			if e.Step().IsEnd() {
				_ = apply(model.Event{Kind: model.EventManagerChooses})
				continue
			}
			if len(choices) == 0 {
				return fmt.Sprintf("ran out of choices at step %q (its reactions: %s)", e.Step().ID, labels(e.Step()))
			}
			i := pick(e.Step(), choices[0])
			if i < 0 {
				return fmt.Sprintf("step %q has no reaction %q (its reactions: %s)", e.Step().ID, choices[0], labels(e.Step()))
			}
			choices = choices[1:]
			_ = apply(model.Event{Kind: model.EventChoose, Reaction: i})
		}
	}
	got := e.Run().Steps
	switch {
	case len(choices) > 0:
		return fmt.Sprintf("the conversation ended at %q with choices left over: %s", got[len(got)-1], strings.Join(choices, ", "))
	case len(t.Expect) > 0 && !slices.Equal(got, t.Expect):
		return fmt.Sprintf("visited %s, expected %s", strings.Join(got, " → "), strings.Join(t.Expect, " → "))
	}
	return ""
}

// pick finds a reaction by its label or, failing that, by its goto.
func pick(st *model.Step, choice string) int {
	for i, r := range st.Next {
		if strings.EqualFold(strings.TrimSpace(r.Label), strings.TrimSpace(choice)) {
			return i
		}
	}
	for i, r := range st.Next {
		if r.Goto == choice {
			return i
		}
	}
	return -1
}

func labels(st *model.Step) string {
	q := make([]string, len(st.Next))
	for i, r := range st.Next {
		q[i] = fmt.Sprintf("%q", r.Label)
	}
	return strings.Join(q, ", ")
}
