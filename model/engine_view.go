package model

import (
	"slices"
	"time"
)

// Scenario returns the scenario being rehearsed.
func (e *Engine) Scenario() *Scenario { return e.sc }

// Phase returns where the conversation stands.
func (e *Engine) Phase() Phase { return e.phase }

// Step returns the current step. Before the start it is the first step.
func (e *Engine) Step() *Step { return e.step() }

// ManagerLine returns the manager's line for the current step visit, or ""
// when the step has none.
func (e *Engine) ManagerLine() string {
	st := e.step()
	if e.variant < len(st.Manager) {
		return st.Manager[e.variant]
	}
	return ""
}

// Target returns the current line's target, or 0 when there is none.
func (e *Engine) Target() time.Duration { return e.sc.Target(e.step()) }

// Retries returns how many times the current line has been retried.
func (e *Engine) Retries() int { return e.retries }

// Transcript returns the conversation so far. The slice is shared: do not
// modify it.
func (e *Engine) Transcript() []Line { return e.transcript }

// Attempts returns the deliveries recorded so far. The slice is shared: do
// not modify it.
func (e *Engine) Attempts() []Attempt { return e.run.Attempts }

// LastAttempt returns the delivery of the current take of the current step,
// if the line has been delivered (not skipped, not retried since).
func (e *Engine) LastAttempt() (Attempt, bool) {
	if e.take < 0 || (e.phase != PhaseDone && e.phase != PhaseEnded) {
		return Attempt{}, false
	}
	return e.run.Attempts[e.take], true
}

// Run returns a copy of the run record so far: the path taken, the
// reactions and every attempt. Once the phase is PhaseEnded it is complete.
func (e *Engine) Run() Run {
	r := e.run
	r.Steps = slices.Clone(r.Steps)
	r.Taken = slices.Clone(r.Taken)
	r.Attempts = slices.Clone(r.Attempts)
	if r.Ended.IsZero() {
		r.Ended = e.lastAt
	}
	return r
}

// Options returns the options the engine was made with: with Run().Taken as
// Replay they repeat this run exactly.
func (e *Engine) Options() Options { return e.opts }

// Deadline returns the next time at which an EventTick would change
// something (the manager's pause ends, or an interrupt is due). The caller
// can sleep until then instead of polling.
func (e *Engine) Deadline() (time.Time, bool) {
	switch {
	case e.phase == PhasePause:
		return e.pauseUntil, true
	case e.phase == PhaseSpeaking && !e.interruptAt.IsZero():
		return e.interruptAt, true
	}
	return time.Time{}, false
}

// LineElapsed returns how long you have been speaking (while speaking) or
// took (once delivered); otherwise 0.
func (e *Engine) LineElapsed(now time.Time) time.Duration {
	switch e.phase {
	case PhaseSpeaking:
		return now.Sub(e.speakStart)
	case PhaseDone:
		if a, ok := e.LastAttempt(); ok {
			return a.Delivery
		}
	}
	return 0
}

// Hesitation returns how long you waited after the manager spoke: growing
// while it is your turn, fixed once you start.
func (e *Engine) Hesitation(now time.Time) time.Duration {
	switch e.phase {
	case PhaseReady:
		return now.Sub(e.shownAt)
	case PhaseSpeaking:
		return e.speakStart.Sub(e.shownAt)
	case PhaseDone:
		if a, ok := e.LastAttempt(); ok {
			return a.Hesitation
		}
	}
	return 0
}

// MeetingElapsed returns the time since the conversation started, stopping
// when it ends.
func (e *Engine) MeetingElapsed(now time.Time) time.Duration {
	switch {
	case e.run.Started.IsZero():
		return 0
	case e.phase == PhaseEnded:
		return e.run.Ended.Sub(e.run.Started)
	}
	return now.Sub(e.run.Started)
}
