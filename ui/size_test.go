package ui

import (
	"fmt"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"rehearse/model"
)

// checkFits fails when the view has a line wider than w or more than h
// lines.
func checkFits(t *testing.T, label, view string, w, h int) {
	t.Helper()
	if view == "" {
		return
	}
	lines := strings.Split(view, "\n")
	if len(lines) > h {
		t.Errorf("%s: %d lines in a %d-line window", label, len(lines), h)
	}
	for i, l := range lines {
		if lw := ansi.StringWidth(l); lw > w {
			t.Errorf("%s: line %d is %d wide in a %d-wide window: %q", label, i+1, lw, w, ansi.Strip(l))
			return
		}
	}
}

// TestInnerViewsFit checks each screen's own view (before the root's
// safety cut) at the sizes the layout is designed for.
func TestInnerViewsFit(t *testing.T) {
	for _, sz := range [][2]int{{80, 24}, {100, 30}, {120, 40}, {40, 12}, {60, 20}, {79, 23}} {
		w, h := sz[0], sz[1]
		hs := newHarness(t, Config{Scenarios: scenariosForTest(t), ScenarioID: "short-notice"}, w, h)
		label := func(s string) string { return fmt.Sprintf("%dx%d %s", w, h, s) }
		hs.key("enter")
		hs.tick(2 * time.Second)
		hs.key("space")
		hs.tick(5 * time.Second)
		checkFits(t, label("speaking"), hs.app.rehearsal.view(), w, hs.app.rehearsal.height)
		hs.key("space")
		checkFits(t, label("done"), hs.app.rehearsal.view(), w, hs.app.rehearsal.height)
		checkUncut(t, label("done, root"), hs.app, w)
	}
}

// checkUncut fails when the root had to cut a line: every part of the
// screen should be laid out to fit by itself, the final cut is a safety net.
func checkUncut(t *testing.T, label string, a *App, w int) {
	t.Helper()
	if strings.Contains(ansi.Strip(a.View().Content), "…\n") {
		for _, l := range strings.Split(ansi.Strip(a.View().Content), "\n") {
			if ansi.StringWidth(l) == w && strings.HasSuffix(l, "…") {
				t.Errorf("%s: a line was cut by the root: %q", label, l)
			}
		}
	}
}

// sampleSizes covers 1×1 to 120×40, thickest around the layout breakpoints.
var (
	sampleWidths  = []int{1, 2, 3, 4, 5, 8, 10, 15, 20, 25, 29, 30, 31, 39, 40, 41, 50, 59, 60, 70, 79, 80, 81, 90, 99, 100, 109, 110, 120}
	sampleHeights = []int{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 15, 16, 19, 20, 21, 22, 23, 24, 25, 30, 40}
)

// states drive a fresh harness to each screen and phase worth drawing.
var states = map[string]func(hs *harness){
	"home":      func(hs *harness) {},
	"filtering": func(hs *harness) { hs.key("/"); hs.key("s") },
	"briefing":  func(hs *harness) { hs.key("enter") },
	"picker":    func(hs *harness) { hs.key("f"); hs.key("down") },
	"pause":     func(hs *harness) { hs.key("enter"); hs.key("enter") },
	"ready":     func(hs *harness) { hs.key("enter"); hs.key("enter"); hs.tick(time.Second) },
	"speaking-over": func(hs *harness) {
		hs.key("enter")
		hs.key("enter")
		hs.tick(time.Second)
		hs.key("space")
		hs.tick(25 * time.Second)
	},
	"done-help": func(hs *harness) {
		hs.key("enter")
		hs.key("enter")
		hs.deliver(3 * time.Second)
		hs.key("1")
		hs.deliver(3 * time.Second)
		hs.key("?")
	},
	"report": func(hs *harness) { hs.key("enter"); hs.key("enter"); playThrough(hs.t, hs) },
	"stats":  func(hs *harness) { hs.key("t") },
	"stats-help": func(hs *harness) {
		hs.key("t")
		hs.key("?")
	},
}

// TestEverySizeFits draws every state at sizes from 1×1 to 120×40: no
// panic, no line wider than the window, never more lines than it has. The
// history makes home, the report and stats show their comparisons.
func TestEverySizeFits(t *testing.T) {
	for name, drive := range states {
		t.Run(name, func(t *testing.T) {
			sc := realistic(t)
			hs := newHarness(t, Config{Scenarios: []*model.Scenario{sc}, Seed: 11, History: realisticPast(t, sc)}, 80, 24)
			drive(hs)
			checkEverySize(t, name, hs)
		})
	}
}

// checkEverySize draws the harness's screen at every sample size.
func checkEverySize(t *testing.T, name string, hs *harness) {
	t.Helper()
	for _, w := range sampleWidths {
		for _, h := range sampleHeights {
			hs.send(tea.WindowSizeMsg{Width: w, Height: h})
			label := fmt.Sprintf("%s %dx%d", name, w, h)
			checkFits(t, label, hs.app.View().Content, w, h)
			if w >= 40 && h >= 12 { // laid out to fit, not cut to fit
				checkFits(t, label+" (uncut)", hs.app.render(), w, h)
			}
		}
	}
}
