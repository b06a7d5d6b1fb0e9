package ui

import (
	"bytes"
	"image/color"
	"io"
	"reflect"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"rehearse/model"
)

// epoch is the fake clock's start.
var epoch = time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)

// fakeClock is a clock tests move by hand.
type fakeClock struct{ t time.Time }

func (c *fakeClock) now() time.Time          { return c.t }
func (c *fakeClock) advance(d time.Duration) { c.t = c.t.Add(d) }

// fixture is a small scenario: a key line with an interrupt (chance set by
// the caller), two reactions, and two ends.
func fixture(t testing.TB, chance float64) *model.Scenario {
	t.Helper()
	sc, ps := model.Compile(model.Scenario{
		ID: "fx", Title: "Telling John", Counterpart: "John", Role: "your manager",
		Briefing: "Bottom line first. Last day Friday.", Start: "open", Pace: 120,
		Pause: 2 * time.Second, Timebox: 15 * time.Minute,
		Steps: []model.Step{
			{ID: "open", Manager: []string{"What's up?"},
				Say: "I've decided to leave. My last day is Friday.", Key: true, Target: 20 * time.Second,
				Notes:     []string{"No apology", "Pause after"},
				Next:      []model.Reaction{{Label: "Asks why", Goto: "why", Weight: 3}, {Label: "Ends it now", Goto: "end-now", Weight: 1}},
				Interrupt: &model.Interrupt{After: 10 * time.Second, Chance: chance, Goto: "when"}},
			{ID: "why", Manager: []string{"Why?"}, Say: "Timing and learning.",
				Next: []model.Reaction{{Label: "Accepts", Goto: "close", Weight: 1}}},
			{ID: "when", Manager: []string{"Sorry — when is your last day?"}, Say: "Friday.",
				Next: []model.Reaction{{Label: "Accepts", Goto: "close", Weight: 1}}},
			{ID: "end-now", Manager: []string{"We need to end this today."}, Say: "I understand."},
			{ID: "close", Manager: []string{"Thanks for telling me."}, Say: "Thank you.", Key: true, Target: 5 * time.Second},
		},
	})
	if ps.HasErrors() {
		t.Fatalf("fixture does not compile: %v", ps)
	}
	return sc
}

// recorder keeps what the callbacks were given.
type recorder struct {
	attempts []model.Attempt
	runs     []model.Run
}

// harness drives the App by calling Update directly, running the commands
// it returns (ticks are held back, not slept on) and feeding their
// messages back in.
type harness struct {
	t     *testing.T
	app   *App
	clock *fakeClock
	rec   *recorder
	held  []heldMsg // timers armed and not delivered
	quit  bool
}

func newHarness(t *testing.T, cfg Config, w, h int) *harness {
	t.Helper()
	clock := &fakeClock{t: epoch}
	rec := &recorder{}
	cfg.Clock = clock.now
	cfg.NoBackgroundQuery = true
	cfg.NoColor = true
	if cfg.OnAttempt == nil {
		cfg.OnAttempt = func(a model.Attempt) error { rec.attempts = append(rec.attempts, a); return nil }
	}
	if cfg.OnRunEnd == nil {
		cfg.OnRunEnd = func(r model.Run) error { rec.runs = append(rec.runs, r); return nil }
	}
	hs := &harness{t: t, app: New(cfg), clock: clock, rec: rec}
	hs.app.ctx.after = func(d time.Duration, msg tea.Msg) tea.Cmd {
		return func() tea.Msg { return heldMsg{d, msg} }
	}
	hs.send(tea.WindowSizeMsg{Width: w, Height: h})
	return hs
}

// send delivers msg and everything its commands lead to.
func (hs *harness) send(msg tea.Msg) {
	hs.t.Helper()
	_, cmd := hs.app.Update(msg)
	hs.run(cmd)
}

// heldMsg is what a timer returns in tests: the message it would deliver,
// held until the test delivers it.
type heldMsg struct {
	d   time.Duration
	msg tea.Msg
}

// run executes cmd and feeds its messages back in. Timers come back as
// heldMsg and are kept, not delivered: tests move time themselves.
func (hs *harness) run(cmd tea.Cmd) {
	hs.t.Helper()
	if cmd == nil {
		return
	}
	switch m := cmd().(type) {
	case nil:
	case heldMsg:
		hs.held = append(hs.held, m)
	case tea.QuitMsg:
		hs.quit = true
	case tea.BatchMsg:
		for _, c := range m {
			hs.run(c)
		}
	default:
		if v := reflect.ValueOf(m); v.Kind() == reflect.Slice && v.Type().Elem() == reflect.TypeOf(tea.Cmd(nil)) {
			for i := 0; i < v.Len(); i++ { // tea.Sequence, in order
				hs.run(v.Index(i).Interface().(tea.Cmd))
			}
			return
		}
		hs.send(m)
	}
}

// key presses one key by name: "space", "enter", "esc", "ctrl+c" or a rune.
func (hs *harness) key(k string) {
	hs.t.Helper()
	hs.send(keyMsg(k))
}

func keyMsg(k string) tea.KeyPressMsg {
	switch k {
	case "space":
		return tea.KeyPressMsg{Code: tea.KeySpace, Text: " "}
	case "enter":
		return tea.KeyPressMsg{Code: tea.KeyEnter}
	case "esc":
		return tea.KeyPressMsg{Code: tea.KeyEscape}
	case "ctrl+c":
		return tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl}
	case "up":
		return tea.KeyPressMsg{Code: tea.KeyUp}
	case "down":
		return tea.KeyPressMsg{Code: tea.KeyDown}
	}
	r := []rune(k)[0]
	return tea.KeyPressMsg{Code: r, Text: k}
}

// armed returns the live tick timer, if one is armed: the latest held
// tickMsg of the rehearsal's current generation.
func (hs *harness) armed() (heldMsg, bool) {
	if hs.app.rehearsal == nil {
		return heldMsg{}, false
	}
	for i := len(hs.held) - 1; i >= 0; i-- {
		if tm, ok := hs.held[i].msg.(tickMsg); ok && tm.gen == hs.app.rehearsal.gen {
			return hs.held[i], true
		}
	}
	return heldMsg{}, false
}

// tick moves the clock on by d and delivers the live tick, as its timer
// would. It fails when no tick is armed.
func (hs *harness) tick(d time.Duration) {
	hs.t.Helper()
	h, ok := hs.armed()
	if !ok {
		hs.t.Fatalf("no tick armed (phase %v)", hs.phase())
	}
	hs.clock.advance(d)
	hs.send(h.msg)
}

// screenText is the current view without styling.
// screenText is the screen as plain text; no-break spaces read as spaces.
func (hs *harness) screenText() string {
	return strings.ReplaceAll(ansi.Strip(hs.app.View().Content), nbsp, " ")
}

// requireScreen fails unless every want is on screen.
func (hs *harness) requireScreen(want ...string) {
	hs.t.Helper()
	s := hs.screenText()
	for _, w := range want {
		if !strings.Contains(s, w) {
			hs.t.Fatalf("screen lacks %q:\n%s", w, s)
		}
	}
}

func (hs *harness) phase() model.Phase { return hs.app.rehearsal.eng.Phase() }

// lightBackground is the reply of a terminal with a white background.
func lightBackground() tea.Msg {
	return tea.BackgroundColorMsg{Color: color.White}
}

// programWith runs the real program on cfg in a w×h terminal (colour off,
// no terminal queries) and returns it with waitFor, which reads the output
// until every string has been drawn. What waitFor reads is gone, so all
// strings of one frame go in one call. On failure the test logs all the
// output it saw.
func programWith(t *testing.T, cfg Config, w, h int) (*teatest.TestModel, func(...string)) {
	t.Helper()
	cfg.NoBackgroundQuery = true
	tm := teatest.NewTestModel(t, New(cfg),
		teatest.WithInitialTermSize(w, h),
		teatest.WithProgramOptions(
			tea.WithEnvironment([]string{"TERM=xterm-256color"}),
			tea.WithColorProfile(colorprofile.Ascii)))
	var seen bytes.Buffer
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("all output:\n%s", ansi.Strip(seen.String()))
		}
	})
	waitFor := func(want ...string) {
		t.Helper()
		teatest.WaitFor(t, io.TeeReader(tm.Output(), &seen), func(b []byte) bool {
			s := ansi.Strip(string(b))
			for _, w := range want {
				if !strings.Contains(s, w) {
					return false
				}
			}
			return true
		}, teatest.WithDuration(10*time.Second), teatest.WithCheckInterval(10*time.Millisecond))
	}
	return tm, waitFor
}
