// Package model is the domain of rehearse: the scenario graph the manager is
// played from, the checks that make a graph safe to rehearse, the
// conversation engine, pacing, and the records every attempt leaves behind.
//
// It imports only the standard library. Files, terminals and styling live in
// the adapters around it (scenarios/ and ui/); time and randomness come in as
// arguments, so every behaviour here is testable without sleeping.
//
// A scenario is built as plain data (usually by the scenarios package from a
// TOML file), then checked and indexed by Compile:
//
//	sc, problems := model.Compile(spec)
//	if problems.HasErrors() { ... }
//	eng, err := model.NewEngine(sc, model.Options{Seed: 7})
package model

import (
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// DefaultPace is the speaking pace, in words per minute, used for targets when
// a scenario does not set one.
const DefaultPace = 150

// DefaultPause is how long the manager "thinks" before a line appears when a
// scenario does not say.
const DefaultPause = time.Second

// Scenario is one conversation to rehearse: who you are talking to, what the
// meeting is for, and the graph of steps the manager moves through.
//
// A Scenario returned by Compile is validated and must be treated as
// read-only; the engine and the UI share it.
type Scenario struct {
	ID          string
	Title       string
	Counterpart string        // the person the program plays, e.g. "John"
	Role        string        // their role, e.g. "your manager"
	Briefing    string        // your goal for the meeting, shown before it starts
	Timebox     time.Duration // length of the real meeting; 0 means not set
	Pace        int           // words per minute for lines without a target; 0 means DefaultPace
	Pause       time.Duration // manager's pause before a line; negative means none, 0 means DefaultPause
	Start       string        // id of the first step
	Steps       []Step        // in file order
	Tests       []Test        // recorded playthroughs that must keep working

	index map[string]int
}

// Step is one beat of the conversation: the manager says something, you
// answer, and the manager reacts.
type Step struct {
	ID        string
	Manager   []string      // the manager's line; one variant is picked per visit
	Say       string        // your prepared response; may span lines
	Key       bool          // a key line: timed against its target and tracked
	Target    time.Duration // explicit target; 0 derives it from Say at the pace
	Notes     []string      // reminders shown beside the line
	Next      []Reaction    // the manager's possible reactions; none ends the conversation
	Interrupt *Interrupt    // the manager may cut in while you speak
}

// Reaction is one way the manager may respond to your line.
type Reaction struct {
	Label  string  // what the manager does, e.g. "Asks why you are leaving"
	Goto   string  // the step it leads to
	Weight float64 // relative likelihood, > 0 (the file adapter fills in 1 when unset)
}

// Interrupt lets the manager cut you off: once you have been speaking for
// After, with probability Chance, your line ends and Goto is played.
type Interrupt struct {
	After  time.Duration
	Chance float64
	Goto   string
}

// Test is a recorded playthrough: choosing the reactions labelled in Choose
// from Start (or the scenario start) must visit exactly the steps in Expect.
type Test struct {
	Name   string
	From   string   // optional start step
	Choose []string // reaction labels or goto ids, one per step left
	Expect []string // the step ids visited, in order, including the first
}

// IsEnd reports whether the conversation ends after this step.
func (s *Step) IsEnd() bool { return len(s.Next) == 0 }

// Words counts the words of the prepared line.
func (s *Step) Words() int { return len(strings.FieldsFunc(s.Say, unicode.IsSpace)) }

// TargetAt returns the step's target: its explicit target, or the time its
// words take at pace words per minute. It is 0 when there is nothing to time
// against (no target, no words or no pace).
func (s *Step) TargetAt(pace int) time.Duration {
	if s.Target > 0 {
		return s.Target
	}
	if pace <= 0 {
		return 0
	}
	return time.Duration(s.Words()) * time.Minute / time.Duration(pace)
}

// EffectivePace returns the pace used for derived targets.
func (sc *Scenario) EffectivePace() int {
	if sc.Pace > 0 {
		return sc.Pace
	}
	return DefaultPace
}

// EffectivePause returns the manager's pause before a line.
func (sc *Scenario) EffectivePause() time.Duration {
	switch {
	case sc.Pause < 0:
		return 0
	case sc.Pause == 0:
		return DefaultPause
	}
	return sc.Pause
}

// Target returns the target of step s in this scenario.
func (sc *Scenario) Target(s *Step) time.Duration { return s.TargetAt(sc.EffectivePace()) }

// Step returns the step with the given id.
func (sc *Scenario) Step(id string) (*Step, bool) {
	if sc.index == nil {
		for i := range sc.Steps {
			if sc.Steps[i].ID == id {
				return &sc.Steps[i], true
			}
		}
		return nil, false
	}
	i, ok := sc.index[id]
	if !ok {
		return nil, false
	}
	return &sc.Steps[i], true
}

// StepIndex returns the position of step id in Steps, or -1.
func (sc *Scenario) StepIndex(id string) int {
	if sc.index != nil {
		if i, ok := sc.index[id]; ok {
			return i
		}
		return -1
	}
	for i := range sc.Steps {
		if sc.Steps[i].ID == id {
			return i
		}
	}
	return -1
}

// KeyLines counts the key lines of the scenario.
func (sc *Scenario) KeyLines() int {
	n := 0
	for i := range sc.Steps {
		if sc.Steps[i].Key {
			n++
		}
	}
	return n
}

// ReactionCount counts every reaction of every step: the branches a full
// practice would meet.
func (sc *Scenario) ReactionCount() int {
	n := 0
	for i := range sc.Steps {
		n += len(sc.Steps[i].Next)
	}
	return n
}

// Name returns how the counterpart is named in a sentence: their name, or
// their role, or "Manager", as written ("John", "your VP").
func (sc *Scenario) Name() string {
	switch {
	case sc.Counterpart != "":
		return sc.Counterpart
	case sc.Role != "":
		return sc.Role
	}
	return "Manager"
}

// Label returns the counterpart's name as a label or the start of a
// sentence: Name with its first letter in upper case ("Your VP is
// thinking…", but "let your VP react").
func (sc *Scenario) Label() string {
	n := sc.Name()
	r, size := utf8.DecodeRuneInString(n)
	return string(unicode.ToUpper(r)) + n[size:]
}
