package ui

import (
	"errors"
	"strconv"
	"strings"
	"testing"
	"time"

	"rehearse/model"
)

// begin opens the fixture from home and starts the run: the manager is
// about to speak.
func begin(t *testing.T, chance float64, seed int64) *harness {
	t.Helper()
	hs := newHarness(t, Config{Scenarios: []*model.Scenario{fixture(t, chance)}, Seed: seed}, 80, 24)
	hs.requireScreen("Telling John", "with John, your manager")
	hs.key("enter")
	hs.requireScreen("Your goal", "Bottom line first", "Timebox 15m")
	hs.key("enter")
	if hs.app.screen != screenRehearsal || hs.phase() != model.PhasePause {
		t.Fatalf("screen %v phase %v, want the rehearsal in the pause", hs.app.screen, hs.phase())
	}
	return hs
}

// deliver takes the current line: waits out the pause, speaks for d.
func (hs *harness) deliver(d time.Duration) {
	hs.t.Helper()
	if hs.phase() == model.PhasePause {
		h, _ := hs.armed()
		hs.tick(h.d)
	}
	hs.key("space")
	hs.clock.advance(d)
	hs.key("space")
}

func TestFullRehearsalToReport(t *testing.T) {
	hs := begin(t, 0, 7)
	hs.requireScreen("John is thinking…")
	if h, ok := hs.armed(); !ok || h.d != 2*time.Second {
		t.Fatalf("pause should arm one tick at its 2s deadline, got %v %v", h.d, ok)
	}
	hs.tick(2 * time.Second)
	hs.requireScreen("What's up?", "Your turn — press space and say it out loud", "KEY LINE", "No apology")
	hs.key("space")
	hs.tick(12 * time.Second)
	hs.requireScreen("12.0s / 20s", "● Speaking")
	hs.key("space")
	hs.requireScreen("12.0s / 20s ✓", "1  Asks why", "2  Ends it now", "enter: let John react")
	if len(hs.rec.attempts) != 1 || hs.rec.attempts[0].Delivery != 12*time.Second {
		t.Fatalf("attempts saved: %+v", hs.rec.attempts)
	}
	hs.key("1") // practise "Asks why"
	if got := hs.app.rehearsal.eng.Step().ID; got != "why" {
		t.Fatalf("after 1: step %q, want why", got)
	}
	hs.deliver(3 * time.Second)
	hs.key("enter") // John accepts: the only reaction
	hs.deliver(7 * time.Second)
	hs.requireScreen("7.0s / 5s +2.0s over", "That was the last line")
	hs.key("enter")
	if hs.app.screen != screenReport {
		t.Fatalf("screen %v, want the report", hs.app.screen)
	}
	hs.requireScreen("How it went", "seed 7", "open ★", "20s", "12.0s", "✓", "+2.0s over",
		"open → Asks why (you chose)", "Not met this run", "open → Ends it now", "John cuts in",
		"1 of 2 key lines", "a again")
	if len(hs.rec.runs) != 1 || hs.rec.runs[0].Abandoned || len(hs.rec.attempts) != 3 {
		t.Fatalf("runs %+v, %d attempts", hs.rec.runs, len(hs.rec.attempts))
	}
}

func TestIdleIsIdle(t *testing.T) {
	hs := newHarness(t, Config{Scenarios: []*model.Scenario{fixture(t, 0)}, Seed: 7}, 80, 24)
	hs.key("enter")
	if len(hs.held) != 0 {
		t.Fatalf("home and briefing armed timers: %+v", hs.held)
	}
	hs.key("enter")
	hs.tick(2 * time.Second)
	if h, ok := hs.armed(); !ok || h.d != time.Second {
		t.Fatalf("your turn should tick once a second for the hesitation, got %v %v", h.d, ok)
	}
	hs.clock.advance(1500 * time.Millisecond)
	hs.key("space")
	if h, ok := hs.armed(); !ok || h.d != speakTick {
		t.Fatalf("speaking should tick every 100ms, got %v %v", h.d, ok)
	}
	hs.key("space")
	if h, ok := hs.armed(); ok {
		t.Fatalf("a delivered line must not tick, got %+v", h)
	}
	// A stale tick from the speaking chain does nothing and arms nothing.
	n := len(hs.held)
	hs.send(tickMsg{gen: hs.app.rehearsal.gen - 1})
	if len(hs.held) != n {
		t.Fatal("a stale tick re-armed the timer")
	}
}

func TestInterrupt(t *testing.T) {
	hs := begin(t, 1, 7)
	hs.tick(2 * time.Second)
	hs.key("space")
	hs.tick(10 * time.Second) // the interrupt is due after 10s
	if got := hs.app.rehearsal.eng.Step().ID; got != "when" {
		t.Fatalf("step %q after the interrupt, want when", got)
	}
	hs.requireScreen("✂ John cut in.", "✂ cut off")
	if len(hs.rec.attempts) != 1 || !hs.rec.attempts[0].CutOff || hs.rec.attempts[0].Delivery != 10*time.Second {
		t.Fatalf("cut-off attempt not saved: %+v", hs.rec.attempts)
	}
	hs.tick(2 * time.Second)
	hs.requireScreen("John cut in", "Sorry — when is your last day?")
	hs.key("space")
	if strings.Contains(hs.screenText(), "John cut in") {
		t.Fatal("the cut-in notice should go once you speak again")
	}
}

func TestRetryAndSkip(t *testing.T) {
	hs := begin(t, 0, 7)
	hs.tick(2 * time.Second)
	hs.key("space")
	hs.clock.advance(3 * time.Second)
	hs.key("r") // retry while speaking
	if hs.phase() != model.PhaseReady || hs.app.rehearsal.eng.Retries() != 1 {
		t.Fatalf("after r: phase %v retries %d", hs.phase(), hs.app.rehearsal.eng.Retries())
	}
	hs.requireScreen("take 2")
	hs.deliver(4 * time.Second)
	hs.key("r") // retry a delivered line
	hs.deliver(6 * time.Second)
	if n := len(hs.rec.attempts); n != 2 || hs.rec.attempts[1].Retries != 2 {
		t.Fatalf("attempts %+v", hs.rec.attempts)
	}
	hs.key("2") // Ends it now
	h, _ := hs.armed()
	hs.tick(h.d)
	hs.key("s")
	hs.requireScreen("Skipped", "That was the last line")
	hs.key("enter")
	hs.requireScreen("end-now", "not delivered", "open (take 2) ★")
}

func TestChooseReactionByNumber(t *testing.T) {
	hs := begin(t, 0, 7)
	hs.deliver(time.Second)
	hs.key("9")
	hs.requireScreen("There are only 2 reactions here.")
	if hs.phase() != model.PhaseDone {
		t.Fatal("an impossible reaction moved on")
	}
	hs.key("2")
	if got := hs.app.rehearsal.eng.Step().ID; got != "end-now" {
		t.Fatalf("step %q, want end-now", got)
	}
	run := hs.app.rehearsal.eng.Run()
	if len(run.Taken) != 1 || !run.Taken[0].ByUser || run.Taken[0].Index != 1 {
		t.Fatalf("taken %+v", run.Taken)
	}
}

func TestEscAbandonsRun(t *testing.T) {
	hs := begin(t, 0, 7)
	hs.deliver(2 * time.Second)
	hs.key("esc")
	if hs.app.screen != screenHome {
		t.Fatalf("esc went to %v, want home", hs.app.screen)
	}
	if len(hs.rec.runs) != 1 || !hs.rec.runs[0].Abandoned || len(hs.rec.runs[0].Attempts) != 1 {
		t.Fatalf("abandoned run not saved: %+v", hs.rec.runs)
	}
	if hs.quit {
		t.Fatal("esc quit the program")
	}
}

func TestQuitMidRunSavesFirst(t *testing.T) {
	for _, k := range []string{"q", "ctrl+c"} {
		hs := begin(t, 0, 7)
		hs.tick(2 * time.Second)
		hs.key("space")
		var order []string
		hs.app.ctx.cfg.OnRunEnd = func(r model.Run) error {
			order = append(order, "saved")
			if !r.Abandoned {
				t.Error("quit mid-run must save the run as abandoned")
			}
			return nil
		}
		_, cmd := hs.app.Update(keyMsg(k))
		if cmd == nil {
			t.Fatalf("%s: no command", k)
		}
		hs.run(cmd)
		if !hs.quit || len(order) != 1 {
			t.Fatalf("%s: quit=%v saves=%v", k, hs.quit, order)
		}
	}
}

func TestSaveErrorIsAStatusLine(t *testing.T) {
	hs := newHarness(t, Config{Scenarios: []*model.Scenario{fixture(t, 0)}, Seed: 7,
		OnAttempt: func(model.Attempt) error { return errors.New("disk full") }}, 80, 24)
	hs.key("enter")
	hs.key("enter")
	hs.deliver(time.Second)
	hs.requireScreen("could not save history: disk full")
	var clear heldMsg
	for _, h := range hs.held {
		if _, ok := h.msg.(statusClearMsg); ok {
			clear = h
		}
	}
	if clear.d != statusLifetime {
		t.Fatalf("no one-shot timer to clear the status: %+v", hs.held)
	}
	hs.send(clear.msg)
	if strings.Contains(hs.screenText(), "disk full") {
		t.Fatal("status did not clear")
	}
}

// playThrough lets the manager choose every reaction until the report.
func playThrough(t *testing.T, hs *harness) model.Run {
	t.Helper()
	for i := 0; hs.app.screen == screenRehearsal; i++ {
		if i > 100 {
			t.Fatal("the run never ended")
		}
		switch hs.phase() {
		case model.PhasePause:
			h, _ := hs.armed()
			hs.tick(h.d)
		case model.PhaseReady:
			hs.key("space")
		case model.PhaseSpeaking:
			hs.clock.advance(3 * time.Second)
			hs.key("space")
		case model.PhaseDone:
			hs.key("enter")
		}
	}
	return hs.app.report.run
}

func TestReportAgainRepeatsTheRun(t *testing.T) {
	hs := newHarness(t, Config{Scenarios: []*model.Scenario{realistic(t)}}, 100, 30)
	hs.key("enter")
	hs.key("enter")
	first := playThrough(t, hs)
	hs.requireScreen("seed " + itoa(first.Seed))
	hs.clock.advance(time.Hour) // a fresh seed would differ now
	hs.key("a")
	again := playThrough(t, hs)
	if again.Seed != first.Seed || strings.Join(again.Steps, ",") != strings.Join(first.Steps, ",") {
		t.Fatalf("again: seed %d steps %v, first: seed %d steps %v", again.Seed, again.Steps, first.Seed, first.Steps)
	}
	hs.key("n")
	fresh := playThrough(t, hs)
	if fresh.Seed == first.Seed {
		t.Fatalf("a new run reused seed %d", fresh.Seed)
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
