package ui

import (
	"fmt"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/progress"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"

	"rehearse/model"
)

// Tick rates. While you speak the line timer shows tenths, so it ticks
// every 100 ms. While it is your turn only the hesitation grows, shown in
// whole seconds: a calm 1 s tick, because a counter flickering in tenths
// before you have said a word only adds pressure. Pauses and interrupts
// wake exactly at the engine's deadline. Nothing else ticks.
const (
	speakTick = 100 * time.Millisecond
	readyTick = time.Second
)

// tickMsg is the rehearsal's one timer. Only the chain whose generation
// matches the model's re-arms; older chains die when they fire.
type tickMsg struct{ gen int }

// rehearsalModel plays one run of a scenario: the engine plus the panes.
type rehearsalModel struct {
	ctx  *appContext
	keys rehearsalKeys
	sc   *model.Scenario
	eng  *model.Engine

	gen int // generation of the live tick chain

	vp        viewport.Model // the transcript so far
	vpLines   int            // transcript entries rendered into vp
	vpWidth   int
	transRoom int      // lines the transcript may use
	vpStarts  []int    // first line of each transcript entry
	vpWho     []string // who said each entry
	bar       progress.Model
	width     int
	height    int
	paneDims  layoutDims

	// The manager and you panes, drawn once per change (see staticPanes).
	cacheKey     paneKey
	cacheOK      bool
	cacheManager string
	cacheYou     string
}

// newRehearsal starts a run: the briefing is over, the manager is about to
// speak.
func newRehearsal(ctx *appContext, sc *model.Scenario, opts model.Options) (*rehearsalModel, error) {
	eng, err := model.NewEngine(sc, opts)
	if err != nil {
		return nil, err
	}
	if _, err := eng.Apply(model.Event{Kind: model.EventStart}, ctx.now()); err != nil {
		return nil, err
	}
	r := &rehearsalModel{ctx: ctx, keys: ctx.keys.Rehearsal, sc: sc, eng: eng}
	r.keys.Next.SetHelp("enter", "let "+sc.Name()+" react")
	r.vp = newPage()
	r.bar = progress.New(progress.WithoutPercentage(), progress.WithFillCharacters('█', '░'))
	return r, nil
}

// startCmd arms the first tick (the manager's pause).
func (r *rehearsalModel) startCmd() tea.Cmd { return r.schedule() }

func (r *rehearsalModel) setSize(w, h int) {
	if w == r.width && h == r.height {
		return
	}
	r.width, r.height = w, h
	r.paneDims = r.dims()
	r.syncTranscript(true)
}

func (r *rehearsalModel) update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case tickMsg:
		if msg.gen != r.gen || r.ended() {
			return nil
		}
		return r.apply(model.Event{Kind: model.EventTick})
	case tea.KeyPressMsg:
		return r.key(msg)
	}
	return nil
}

// key turns a key press into an engine event for the current phase.
func (r *rehearsalModel) key(k tea.KeyPressMsg) tea.Cmd {
	ph := r.eng.Phase()
	ks := r.keys
	switch {
	case key.Matches(k, ks.Back):
		if run, ok := r.abandon(); ok {
			return send(runEndedMsg{sc: r.sc, run: run, transcript: r.eng.Transcript()})
		}
	case ph == model.PhasePause && key.Matches(k, ks.Reveal):
		return r.apply(model.Event{Kind: model.EventReveal})
	case ph == model.PhaseReady && key.Matches(k, ks.Speak):
		return r.apply(model.Event{Kind: model.EventBegin})
	case ph == model.PhaseReady && key.Matches(k, ks.Next):
		return send(statusMsg("Press space as you start speaking, and again when you finish."))
	case ph == model.PhaseSpeaking && (key.Matches(k, ks.Speak) || key.Matches(k, ks.Next)):
		return r.apply(model.Event{Kind: model.EventFinish})
	case ph == model.PhaseDone && key.Matches(k, ks.Next):
		return r.apply(model.Event{Kind: model.EventManagerChooses})
	case ph == model.PhaseDone && key.Matches(k, ks.React):
		return r.choose(int(k.Code - '1'))
	case key.Matches(k, ks.Retry):
		return r.apply(model.Event{Kind: model.EventRetry})
	case key.Matches(k, ks.Skip):
		return r.apply(model.Event{Kind: model.EventSkip})
	case key.Matches(k, ks.Scroll):
		r.scroll(k.String())
	}
	return nil
}

func (r *rehearsalModel) choose(i int) tea.Cmd {
	if n := len(r.eng.Step().Next); i >= n {
		if n == 0 {
			return send(statusMsg("This is the last line: press enter for the report."))
		}
		return send(statusMsg(fmt.Sprintf("There are only %d reactions here.", n)))
	}
	return r.apply(model.Event{Kind: model.EventChoose, Reaction: i})
}

func (r *rehearsalModel) scroll(k string) { scrollViewport(&r.vp, k) }

// newPage returns a viewport for a screen's scrolling text. It has no keys
// of its own: scrolling goes through the screen's key map and
// scrollViewport, so help tells the truth.
func newPage() viewport.Model {
	vp := viewport.New()
	vp.KeyMap = viewport.KeyMap{}
	return vp
}

// scrollViewport moves a viewport for the scroll keys every screen shares
// (↑/↓ by a line, pgup/pgdown by a page).
func scrollViewport(vp *viewport.Model, k string) {
	switch k {
	case "up":
		vp.ScrollUp(1)
	case "down":
		vp.ScrollDown(1)
	case "pgup":
		vp.PageUp()
	case "pgdown":
		vp.PageDown()
	}
}

// apply feeds ev to the engine and turns the outcome into commands: save
// a recorded attempt, report the end of the run, re-arm the timer.
func (r *rehearsalModel) apply(ev model.Event) tea.Cmd {
	if r.ended() || !r.eng.Legal(ev) {
		return nil
	}
	before := r.eng.Phase()
	out, err := r.eng.Apply(ev, r.ctx.now())
	if err != nil {
		return send(statusMsg(err.Error()))
	}
	if ev.Kind == model.EventTick && out == (model.Outcome{}) && r.eng.Phase() == before {
		// Only the clocks moved: the layout is as it was. This is most
		// ticks, ten a second while you speak, so it must stay cheap.
		return r.schedule()
	}
	r.paneDims = r.dims()
	r.syncTranscript(false)
	var save tea.Cmd
	if out.Recorded {
		save = r.ctx.saveAttemptCmd(out.Attempt)
	}
	if out.Ended {
		r.gen++
		done := send(runEndedMsg{sc: r.sc, run: r.eng.Run(), transcript: r.eng.Transcript()})
		return tea.Sequence(save, done)
	}
	return tea.Batch(save, r.schedule())
}

// cutIn reports whether the manager has just cut you off: your last line
// was interrupted and you have not spoken (or skipped) since.
func (r *rehearsalModel) cutIn() bool {
	if ph := r.eng.Phase(); ph != model.PhasePause && ph != model.PhaseReady {
		return false
	}
	tr := r.eng.Transcript()
	for i := len(tr) - 1; i >= 0; i-- {
		if tr[i].Speaker == model.You {
			return tr[i].CutOff
		}
	}
	return false
}

// ended reports whether the conversation is over (finished or abandoned).
func (r *rehearsalModel) ended() bool { return r.eng.Phase() == model.PhaseEnded }

// abandon stops the run where it is, for esc and quit. It reports false
// when the run was already over.
func (r *rehearsalModel) abandon() (model.Run, bool) {
	if r.ended() {
		return model.Run{}, false
	}
	r.gen++
	if _, err := r.eng.Apply(model.Event{Kind: model.EventQuit}, r.ctx.now()); err != nil {
		return model.Run{}, false
	}
	return r.eng.Run(), true
}

// schedule starts a new tick chain (killing any older one) if something on
// screen will change by itself: a running timer, a pause, an interrupt.
func (r *rehearsalModel) schedule() tea.Cmd {
	r.gen++
	d, ok := r.nextTick(r.ctx.now())
	if !ok {
		return nil
	}
	return r.ctx.after(d, tickMsg{gen: r.gen})
}

// nextTick returns how long until the display or the engine next changes.
// Ticks line up with the tenths (or seconds) the display shows.
func (r *rehearsalModel) nextTick(now time.Time) (time.Duration, bool) {
	var d time.Duration
	ok := false
	switch r.eng.Phase() {
	case model.PhaseSpeaking:
		d = speakTick - r.eng.LineElapsed(now)%speakTick
		if d < speakTick/2 {
			d += speakTick // never more than about ten a second
		}
		ok = true
	case model.PhaseReady:
		d = readyTick - r.eng.Hesitation(now)%readyTick
		ok = true
	}
	if dl, has := r.eng.Deadline(); has {
		if until := max(0, dl.Sub(now)); !ok || until < d {
			d = until
		}
		ok = true
	}
	return d, ok
}

// help shows only the keys that work in the current phase.
func (r *rehearsalModel) help() helpKeys {
	ks := r.keys
	ph := r.eng.Phase()
	ks.Reveal.SetEnabled(ph == model.PhasePause)
	ks.Speak.SetEnabled(ph == model.PhaseReady || ph == model.PhaseSpeaking)
	if ph == model.PhaseSpeaking {
		ks.Speak.SetHelp("space", "done")
	}
	ks.Next.SetEnabled(ph == model.PhaseDone)
	st := r.eng.Step()
	if st.IsEnd() {
		ks.Next.SetHelp("enter", "see the report")
	}
	ks.React.SetEnabled(ph == model.PhaseDone && len(st.Next) > 0)
	if n := len(st.Next); n > 0 {
		ks.React.SetHelp(reactKeys(n), "practise one")
	}
	ks.Retry.SetEnabled(r.eng.Legal(model.Event{Kind: model.EventRetry}))
	ks.Skip.SetEnabled(r.eng.Legal(model.Event{Kind: model.EventSkip}))
	ks.Scroll.SetEnabled(r.vp.TotalLineCount() > r.vp.Height() && r.vp.Height() > 0)
	short := []key.Binding{ks.Reveal, ks.Speak, ks.Next, ks.React, ks.Retry, ks.Skip}
	full := [][]key.Binding{
		{ks.Reveal, ks.Speak, ks.Next, ks.React},
		{ks.Retry, ks.Skip, ks.Scroll, ks.Back},
	}
	return helpKeys{short: short, full: full}
}

// reactKeys names the number keys for n reactions: "1", "1–4", "1–9".
func reactKeys(n int) string {
	if n <= 1 {
		return "1"
	}
	return fmt.Sprintf("1–%d", min(n, 9))
}
