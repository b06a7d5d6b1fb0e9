package model

import (
	"errors"
	"fmt"
	"time"
)

// Phase is where the conversation stands.
type Phase int

// The phases of a rehearsal, in the order a step moves through them:
// the manager pauses, their line appears, you get ready, speak, finish, and
// the manager reacts with the next step.
const (
	PhaseBriefing Phase = iota // the goal is shown; nothing has started
	PhasePause                 // the manager is about to speak
	PhaseReady                 // the manager has spoken; your turn, not started yet
	PhaseSpeaking              // you are delivering your line; the line timer runs
	PhaseDone                  // your line is delivered; waiting for the manager's reaction
	PhaseEnded                 // the conversation is over (or you quit)
)

var phaseNames = [...]string{"briefing", "manager about to speak", "your turn", "speaking", "line done", "ended"}

func (p Phase) String() string {
	if p < 0 || int(p) >= len(phaseNames) {
		return fmt.Sprintf("phase(%d)", int(p))
	}
	return phaseNames[p]
}

// EventKind names something the user (or time) does to the conversation.
type EventKind int

// The events the engine understands.
const (
	EventStart          EventKind = iota // leave the briefing; the first step begins
	EventReveal                          // skip the manager's pause
	EventBegin                           // you start speaking
	EventFinish                          // you finish speaking
	EventRetry                           // take the current line again
	EventSkip                            // move past the current line without delivering it
	EventChoose                          // you pick the manager's reaction to practise (Event.Reaction)
	EventManagerChooses                  // let the manager react (or end, after an end step)
	EventInterrupt                       // the manager cuts in now (when the step has an interrupt)
	EventTick                            // time passes; fires pauses and interrupts that are due
	EventQuit                            // stop the rehearsal; the run is kept as abandoned
)

var eventNames = [...]string{"start", "reveal", "begin speaking", "finish speaking", "retry", "skip",
	"choose a reaction", "let the manager react", "interrupt", "tick", "quit"}

func (k EventKind) String() string {
	if k < 0 || int(k) >= len(eventNames) {
		return fmt.Sprintf("event(%d)", int(k))
	}
	return eventNames[k]
}

// AllEvents lists every event kind, for exhaustive tests and help screens.
var AllEvents = [...]EventKind{EventStart, EventReveal, EventBegin, EventFinish, EventRetry, EventSkip,
	EventChoose, EventManagerChooses, EventInterrupt, EventTick, EventQuit}

// Event is one input to the engine.
type Event struct {
	Kind     EventKind
	Reaction int // for EventChoose: the index into the current step's Next
}

// ErrIllegal is wrapped by every error Apply returns: the event does not make
// sense in the current phase, and nothing was changed.
var ErrIllegal = errors.New("not possible now")

// Speaker says who said a line of the transcript.
type Speaker int

// The two people in the conversation.
const (
	Manager Speaker = iota
	You
)

// Line is one entry of the transcript.
type Line struct {
	Speaker Speaker
	Step    string
	Text    string
	CutOff  bool // you were interrupted
	Skipped bool // you skipped your line
}

// Outcome tells the caller what an event changed, so it can persist and
// redraw only what it must.
type Outcome struct {
	Recorded    bool    // Attempt holds a newly finished delivery
	Attempt     Attempt // valid when Recorded
	Shown       bool    // the manager's line just appeared
	Interrupted bool    // the manager cut you off
	Ended       bool    // the conversation just ended
}

// Options configure a new engine.
type Options struct {
	Seed   int64   // all of the manager's choices derive from it
	From   string  // start at this step instead of the scenario's start
	Replay []Taken // reactions to repeat, in order, before the seed decides again
}

// Engine plays the manager through one rehearsal of a scenario. It is a pure
// state machine: Apply takes an event and the current time and returns what
// changed. It does no I/O and never reads the clock.
type Engine struct {
	sc   *Scenario
	opts Options

	phase   Phase
	cur     int // index of the current step in sc.Steps
	visit   int // step visits so far, so each visit draws its own randomness
	variant int // which of the manager's lines was picked
	retries int // retries of the current line
	take    int // index in run.Attempts of the current take's delivery, or -1

	pauseUntil  time.Time
	shownAt     time.Time
	speakStart  time.Time
	interruptAt time.Time // zero: no interrupt due on this delivery
	lastAt      time.Time // the time of the last event, for clocks that stop at the end

	run        Run
	replayNext int
	transcript []Line
}

// NewEngine returns an engine in the briefing phase of sc, which must come
// from Compile.
func NewEngine(sc *Scenario, opts Options) (*Engine, error) {
	if sc == nil {
		return nil, errors.New("no scenario")
	}
	start := sc.Start
	if opts.From != "" {
		start = opts.From
	}
	idx := sc.StepIndex(start)
	if idx < 0 {
		return nil, fmt.Errorf("scenario %q has no step %q%s", sc.ID, start, sc.suggest(start))
	}
	e := &Engine{sc: sc, opts: opts, cur: idx, take: -1}
	e.run = Run{Scenario: sc.ID, Seed: opts.Seed, From: opts.From}
	return e, nil
}

// Apply feeds one event to the engine at time now. An event that makes no
// sense in the current phase returns an error wrapping ErrIllegal and
// changes nothing.
func (e *Engine) Apply(ev Event, now time.Time) (Outcome, error) {
	if !e.Legal(ev) {
		return Outcome{}, e.illegal(ev)
	}
	e.lastAt = now
	var out Outcome
	switch ev.Kind {
	case EventStart:
		e.run.Started = now
		e.run.ID = fmt.Sprintf("%s-%d", now.UTC().Format("20060102T150405.000"), e.opts.Seed)
		e.enter(e.cur, now, &out)
	case EventReveal:
		e.reveal(now, &out)
	case EventTick:
		e.tick(now, &out)
	case EventBegin:
		e.begin(now)
	case EventFinish:
		e.deliver(now, false, &out)
		e.phase = PhaseDone
	case EventRetry:
		e.retry(now)
	case EventSkip:
		e.transcript = append(e.transcript, Line{Speaker: You, Step: e.step().ID, Text: e.step().Say, Skipped: true})
		e.phase = PhaseDone
	case EventChoose:
		e.react(ev.Reaction, true, now, &out)
	case EventManagerChooses:
		if e.step().IsEnd() {
			e.end(now, false, &out)
		} else {
			e.react(e.pickReaction(), false, now, &out)
		}
	case EventInterrupt:
		e.interrupt(now, now, &out)
	case EventQuit:
		e.end(now, true, &out)
	}
	return out, nil
}

// Legal reports whether ev would be accepted now.
func (e *Engine) Legal(ev Event) bool {
	st := e.step()
	switch ev.Kind {
	case EventStart:
		return e.phase == PhaseBriefing
	case EventReveal:
		return e.phase == PhasePause
	case EventBegin:
		return e.phase == PhaseReady
	case EventFinish:
		return e.phase == PhaseSpeaking
	case EventRetry:
		return e.phase == PhaseSpeaking || e.phase == PhaseDone
	case EventSkip:
		return e.phase == PhaseReady || e.phase == PhaseSpeaking
	case EventChoose:
		return e.phase == PhaseDone && ev.Reaction >= 0 && ev.Reaction < len(st.Next)
	case EventManagerChooses:
		return e.phase == PhaseDone
	case EventInterrupt:
		return e.phase == PhaseSpeaking && st.Interrupt != nil
	case EventTick, EventQuit:
		return e.phase != PhaseEnded
	}
	return false
}

func (e *Engine) illegal(ev Event) error {
	switch {
	case e.phase == PhaseEnded:
		return fmt.Errorf("%w: the conversation has ended", ErrIllegal)
	case ev.Kind == EventChoose && e.phase == PhaseDone && e.step().IsEnd():
		return fmt.Errorf("%w: this is the last step, there is no reaction to choose", ErrIllegal)
	case ev.Kind == EventChoose && e.phase == PhaseDone:
		return fmt.Errorf("%w: there is no reaction %d (this step has %d)", ErrIllegal, ev.Reaction+1, len(e.step().Next))
	case ev.Kind == EventInterrupt && e.phase == PhaseSpeaking:
		return fmt.Errorf("%w: this step has no interrupt", ErrIllegal)
	}
	return fmt.Errorf("%w: cannot %s while %s", ErrIllegal, ev.Kind, e.phase)
}

func (e *Engine) step() *Step { return &e.sc.Steps[e.cur] }

// enter moves to step idx: the manager pauses, then speaks.
func (e *Engine) enter(idx int, now time.Time, out *Outcome) {
	e.cur = idx
	e.visit++
	e.retries = 0
	e.take = -1
	e.interruptAt = time.Time{}
	st := e.step()
	e.variant = 0
	if n := len(st.Manager); n > 1 {
		e.variant = int(e.draw(drawVariant, 0) * float64(n))
	}
	e.run.Steps = append(e.run.Steps, st.ID)
	pause := e.sc.EffectivePause()
	if pause <= 0 || e.ManagerLine() == "" {
		e.reveal(now, out)
		return
	}
	e.phase = PhasePause
	e.pauseUntil = now.Add(pause)
}

func (e *Engine) reveal(now time.Time, out *Outcome) {
	e.phase = PhaseReady
	e.shownAt = now
	if line := e.ManagerLine(); line != "" {
		e.transcript = append(e.transcript, Line{Speaker: Manager, Step: e.step().ID, Text: line})
		out.Shown = true
	}
}

func (e *Engine) tick(now time.Time, out *Outcome) {
	switch {
	case e.phase == PhasePause && !now.Before(e.pauseUntil):
		e.reveal(now, out)
	case e.phase == PhaseSpeaking && !e.interruptAt.IsZero() && !now.Before(e.interruptAt):
		e.interrupt(e.interruptAt, now, out)
	}
}

func (e *Engine) begin(now time.Time) {
	e.phase = PhaseSpeaking
	e.speakStart = now
	e.interruptAt = time.Time{}
	in := e.step().Interrupt
	if in == nil {
		return
	}
	fire := e.draw(drawInterrupt, uint64(e.retries)) < in.Chance
	if t, ok := e.replayed(); ok {
		fire = t.Index < 0
	}
	if fire {
		e.interruptAt = now.Add(in.After)
	}
}

// deliver records the current delivery as an attempt.
func (e *Engine) deliver(now time.Time, cutOff bool, out *Outcome) {
	st := e.step()
	a := Attempt{
		Run:        e.run.ID,
		Scenario:   e.sc.ID,
		Step:       st.ID,
		Visit:      len(e.run.Steps) - 1,
		TextHash:   LineHash(st.Say),
		Key:        st.Key,
		Prompt:     e.ManagerLine(),
		At:         e.speakStart,
		Hesitation: e.speakStart.Sub(e.shownAt),
		Delivery:   now.Sub(e.speakStart),
		Target:     e.sc.Target(st),
		CutOff:     cutOff,
		Retries:    e.retries,
	}
	e.take = len(e.run.Attempts)
	e.run.Attempts = append(e.run.Attempts, a)
	e.transcript = append(e.transcript, Line{Speaker: You, Step: st.ID, Text: st.Say, CutOff: cutOff})
	out.Recorded, out.Attempt = true, a
}

func (e *Engine) retry(now time.Time) {
	if e.phase == PhaseDone {
		// The earlier delivery stays recorded; only the transcript shows the
		// line once.
		if n := len(e.transcript); n > 0 && e.transcript[n-1].Speaker == You {
			e.transcript = e.transcript[:n-1]
		}
	}
	e.retries++
	e.take = -1
	e.phase = PhaseReady
	e.shownAt = now
	e.interruptAt = time.Time{}
}

// interrupt cuts your line off at cut (when the interrupt was due) and
// moves to the interrupting step at now, so a late tick does not count
// against the next line's hesitation.
func (e *Engine) interrupt(cut, now time.Time, out *Outcome) {
	st := e.step()
	e.deliver(cut, true, out)
	out.Interrupted = true
	to := st.Interrupt.Goto
	e.run.Taken = append(e.run.Taken, Taken{Step: st.ID, Index: -1, Label: "interrupt", Goto: to})
	if _, ok := e.replayed(); ok {
		e.replayNext++
	}
	e.enter(e.sc.StepIndex(to), now, out)
}

func (e *Engine) react(i int, byUser bool, now time.Time, out *Outcome) {
	st := e.step()
	r := st.Next[i]
	e.run.Taken = append(e.run.Taken, Taken{Step: st.ID, Index: i, Label: r.Label, Goto: r.Goto, ByUser: byUser})
	if _, ok := e.replayed(); ok {
		e.replayNext++
	}
	e.enter(e.sc.StepIndex(r.Goto), now, out)
}

// pickReaction chooses the manager's reaction: the replayed one while a
// replay lasts, else by weight.
func (e *Engine) pickReaction() int {
	st := e.step()
	if t, ok := e.replayed(); ok && t.Index >= 0 {
		for i, r := range st.Next {
			if r.Goto == t.Goto && (r.Label == t.Label || i == t.Index) {
				return i
			}
		}
	}
	total := 0.0
	for _, r := range st.Next {
		total += r.Weight
	}
	x := e.draw(drawReaction, 0) * total
	for i, r := range st.Next {
		if x < r.Weight {
			return i
		}
		x -= r.Weight
	}
	return len(st.Next) - 1
}

// replayed returns the replayed reaction due from the current step, if any.
func (e *Engine) replayed() (Taken, bool) {
	if e.replayNext >= len(e.opts.Replay) {
		return Taken{}, false
	}
	t := e.opts.Replay[e.replayNext]
	if t.Step != e.step().ID {
		return Taken{}, false
	}
	return t, true
}

func (e *Engine) end(now time.Time, quit bool, out *Outcome) {
	e.run.Ended = now
	e.run.Abandoned = quit
	e.phase = PhaseEnded
	out.Ended = true
}

// Draw purposes keep the manager's choices independent: how often you retry
// a line does not change which reaction comes next.
const (
	drawVariant uint64 = iota + 1
	drawReaction
	drawInterrupt
)

// draw returns a number in [0,1) determined by the seed, the step visit, the
// purpose and n. It is a counter-based generator (SplitMix64), so a run is
// repeatable from its seed alone.
func (e *Engine) draw(purpose, n uint64) float64 {
	x := uint64(e.opts.Seed)
	x = mix(x + uint64(e.visit)*0x9E3779B97F4A7C15)
	x = mix(x + purpose*0xBF58476D1CE4E5B9)
	x = mix(x + n*0x94D049BB133111EB)
	return float64(x>>11) / (1 << 53)
}

func mix(z uint64) uint64 {
	z += 0x9E3779B97F4A7C15
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9
	z = (z ^ (z >> 27)) * 0x94D049BB133111EB
	return z ^ (z >> 31)
}

// Rebase moves the conversation onto sc, a new version of the same scenario
// (say, reloaded after an edit), keeping the transcript, the attempts and
// the clocks. When the current step still exists the rehearsal goes on
// where it was; the line being spoken, if any, starts again. Otherwise it
// moves to the latest visited step that still exists, or the start, and
// returns that step's id as moved.
func (e *Engine) Rebase(sc *Scenario, now time.Time) (moved string, err error) {
	if sc == nil {
		return "", errors.New("no scenario")
	}
	id := e.step().ID
	idx := sc.StepIndex(id)
	e.sc = sc
	if idx >= 0 {
		e.cur = idx
		// Time spent editing is neither delivery nor hesitation.
		switch e.phase {
		case PhaseSpeaking:
			e.phase = PhaseReady
			e.shownAt = now
			e.interruptAt = time.Time{}
		case PhaseReady:
			e.shownAt = now
		}
		return "", nil
	}
	to := sc.StepIndex(sc.Start)
	for i := len(e.run.Steps) - 1; i >= 0; i-- {
		if j := sc.StepIndex(e.run.Steps[i]); j >= 0 {
			to = j
			break
		}
	}
	if to < 0 {
		return "", fmt.Errorf("scenario %q has none of the steps rehearsed so far, nor its start", sc.ID)
	}
	if e.phase == PhaseBriefing || e.phase == PhaseEnded {
		e.cur = to
		return sc.Steps[to].ID, nil
	}
	var out Outcome
	e.enter(to, now, &out)
	return sc.Steps[to].ID, nil
}
