package ui

import (
	"bytes"
	"fmt"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"rehearse/model"
)

// TestProgramFullRun drives the real program, with the real clock, through
// a whole rehearsal to the report, at the full and the smallest designed
// size. Pauses are skipped with enter, so nothing waits on the clock.
func TestProgramFullRun(t *testing.T) {
	for _, sz := range [][2]int{{80, 24}, {40, 12}} {
		t.Run(fmt.Sprintf("%dx%d", sz[0], sz[1]), func(t *testing.T) {
			var runs []model.Run
			app := New(Config{
				Scenarios: []*model.Scenario{fixture(t, 0)}, Seed: 7, NoBackgroundQuery: true,
				OnRunEnd: func(r model.Run) error { runs = append(runs, r); return nil },
			})
			tm := teatest.NewTestModel(t, app,
				teatest.WithInitialTermSize(sz[0], sz[1]),
				teatest.WithProgramOptions(
					tea.WithEnvironment([]string{"TERM=xterm-256color"}),
					tea.WithColorProfile(colorprofile.Ascii)))
			// waitFor reads output until every string has been drawn; what it
			// reads is gone, so all strings of one frame go in one call.
			waitFor := func(want ...string) {
				t.Helper()
				teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
					s := []byte(ansi.Strip(string(b)))
					for _, w := range want {
						if !bytes.Contains(s, []byte(w)) {
							return false
						}
					}
					return true
				}, teatest.WithDuration(5*time.Second), teatest.WithCheckInterval(10*time.Millisecond))
			}
			press := func(k string) { tm.Send(keyMsg(k)) }

			waitFor("Telling John")
			press("enter")
			waitFor("Your goal")
			press("enter")
			waitFor("thinking")
			press("enter") // skip the pause
			waitFor("Your turn")
			press("space")
			waitFor("Speaking")
			press("space")
			waitFor("Asks why")
			press("1")
			waitFor("thinking")
			press("enter")
			waitFor("Your turn")
			press("s") // skip this one
			waitFor("Skipped")
			press("enter")
			waitFor("thinking")
			press("enter")
			waitFor("Your turn")
			press("space")
			waitFor("Speaking")
			press("space")
			waitFor("report")
			press("enter")
			waitFor("How it went", "seed 7")
			press("q")
			fm := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(*App)
			if err := fm.Close(); err != nil { // every save is done once Close returns
				t.Fatal(err)
			}
			if fm.screen != screenReport || len(runs) != 1 || runs[0].Abandoned {
				t.Fatalf("final screen %v, runs %+v", fm.screen, runs)
			}
			if got := runs[0].Steps; len(got) != 3 || got[1] != "why" || got[2] != "close" {
				t.Fatalf("steps %v", got)
			}
		})
	}
}
