package ui

import (
	"regexp"
	"testing"
	"time"

	"rehearse/model"
)

func TestStepPicker(t *testing.T) {
	hs := newHarness(t, Config{Scenarios: []*model.Scenario{fixture(t, 0)}, Seed: 7}, 80, 24)
	hs.key("f")
	hs.requireScreen("Start from which step?", "▸ open", "why", "What's up?")
	hs.key("down")
	hs.key("enter")
	hs.requireScreen("Starting at why")
	hs.key("enter")
	if got := hs.app.rehearsal.eng.Step().ID; got != "why" {
		t.Fatalf("started at %q, want why", got)
	}
	run := playThrough(t, hs)
	if run.From != "why" {
		t.Fatalf("run.From = %q", run.From)
	}
	hs.requireScreen("from why")

	// From the briefing card, and back out of the picker with esc.
	hs.key("esc")
	hs.key("enter")
	hs.key("f")
	hs.key("esc")
	if hs.app.screen != screenBriefing {
		t.Fatalf("esc in the picker went to %v, want the briefing", hs.app.screen)
	}
	hs.key("esc")
	if hs.app.screen != screenHome {
		t.Fatalf("esc on the briefing went to %v, want home", hs.app.screen)
	}
}

func TestStartDirectly(t *testing.T) {
	hs := newHarness(t, Config{Scenarios: scenariosForTest(t), ScenarioID: "fx", From: "when", Seed: 3}, 80, 24)
	hs.requireScreen("Telling John", "Starting at when")
	hs.key("enter")
	if got := hs.app.rehearsal.eng.Step().ID; got != "when" {
		t.Fatalf("started at %q", got)
	}
	hs = newHarness(t, Config{Scenarios: scenariosForTest(t), ScenarioID: "nope"}, 80, 24)
	hs.requireScreen(`no scenario "nope"`)
}

// TestHelpTellsTheTruth checks the full help lists only the keys that work
// in each phase.
func TestHelpTellsTheTruth(t *testing.T) {
	hs := begin(t, 0, 7)
	hs.key("?")
	check := func(phase string, want, not []string) {
		t.Helper()
		s := hs.screenText()
		for _, w := range want {
			if !regexp.MustCompile(w).MatchString(s) {
				t.Errorf("%s: help lacks %q:\n%s", phase, w, s)
			}
		}
		for _, n := range not {
			if regexp.MustCompile(n).MatchString(s) {
				t.Errorf("%s: help shows %q, which does nothing now:\n%s", phase, n, s)
			}
		}
	}
	check("pause", []string{"skip pause", "stop, home", "q quit"}, []string{"retry", "practise one", `space +start`})
	hs.tick(2 * time.Second)
	check("ready", []string{"space", "start", `s +skip\b`}, []string{"retry", "practise one", "skip pause"})
	hs.key("space")
	check("speaking", []string{"done", "retry", "skip"}, []string{"practise one", "skip pause"})
	hs.key("space")
	check("done", []string{"1–2", "practise one", "let John react", "retry"}, []string{"skip pause", `s +skip\b`})
	hs.key("?")
	if hs.app.showHelp {
		t.Fatal("? did not close the help")
	}
}

func TestHomeFilterTakesQ(t *testing.T) {
	hs := newHarness(t, Config{Scenarios: scenariosForTest(t)}, 80, 24)
	hs.key("/")
	for _, k := range []string{"q", "u", "?"} {
		hs.key(k)
	}
	if hs.quit || hs.app.showHelp {
		t.Fatal("typing in the filter quit or opened help")
	}
	hs.requireScreen("qu?", "ctrl+c quit")
	hs.key("ctrl+c")
	if !hs.quit {
		t.Fatal("ctrl+c did not quit while filtering")
	}
}

func TestNoScenarios(t *testing.T) {
	hs := newHarness(t, Config{}, 80, 24)
	hs.requireScreen("No scenarios loaded.")
	hs.key("enter")
	hs.key("f")
	if hs.app.screen != screenHome {
		t.Fatal("enter with nothing to choose left home")
	}
}

func TestBackgroundColour(t *testing.T) {
	a := New(Config{Scenarios: scenariosForTest(t)})
	if a.Init() == nil {
		t.Fatal("the real program should ask for the background colour")
	}
	a = New(Config{NoBackgroundQuery: true})
	if a.Init() != nil {
		t.Fatal("tests can turn the background query off")
	}
	if !a.ctx.dark {
		t.Fatal("the default is dark")
	}
	a.Update(lightBackground())
	if a.ctx.dark {
		t.Fatal("a light background did not switch the styles")
	}
}

// TestLateBackgroundAnswerRestylesWhatIsDrawn: with --scenario the
// rehearsal can be on screen before the terminal says its background is
// light; the transcript already rendered must take the new colours too.
func TestLateBackgroundAnswerRestylesWhatIsDrawn(t *testing.T) {
	hs := begin(t, 0, 7)
	hs.app.ctx.cfg.NoColor = false // the harness turns colour off; this test is about colour
	hs.app.ctx.setDark(true)
	hs.tick(2 * time.Second)
	hs.deliver(12 * time.Second)
	hs.key("1") // on to the next step: the transcript now holds two lines
	hs.app.rehearsal.syncTranscript(true)
	if hs.app.rehearsal.vp.TotalLineCount() == 0 {
		t.Fatal("no transcript to restyle")
	}
	dark := hs.app.rehearsal.vp.View()
	hs.send(lightBackground())
	if light := hs.app.rehearsal.vp.View(); light == dark {
		t.Fatal("the transcript kept its dark-background colours")
	}
}
