package ui

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
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
