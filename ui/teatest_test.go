package ui

import (
	"fmt"
	"testing"
	"time"

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
			tm, waitFor := programWith(t, Config{
				Scenarios: []*model.Scenario{fixture(t, 0)}, Seed: 7,
				OnRunEnd: func(r model.Run) error { runs = append(runs, r); return nil },
			}, sz[0], sz[1])
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
