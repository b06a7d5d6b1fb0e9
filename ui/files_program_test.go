package ui

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/teatest/v2"
)

// TestProgramEditAndLiveReload runs the real program: e runs a fake
// editor through tea.ExecProcess and the rehearsal shows its edit at the
// same step; then the file is broken and fixed behind the program's back,
// and the watcher brings the error panel up and takes it down.
func TestProgramEditAndLiveReload(t *testing.T) {
	path := scenarioFile(t, scenarioText)
	prog, argvFile := fakeEditor(t, "vim", "My last day is Friday.", "My last day is next Friday.")
	cfg := fileConfig(t, path, prog)
	// Wide: a temp path and its message fit on one line.
	tm, waitFor := programWith(t, cfg, 160, 30)
	press := func(k string) { tm.Send(keyMsg(k)) }

	waitFor("Telling John")
	press("enter")
	waitFor("From the start")
	press("enter")
	waitFor("Your turn")
	press("e")
	waitFor("next Friday.") // the renderer may redraw only the changed part
	if got, want := recordedArgv(t, argvFile), []string{"+9", path}; !slices.Equal(got, want) {
		t.Fatalf("editor argv %q, want %q", got, want)
	}

	writeFile(t, path, brokenText)
	waitFor(path+`:19:29: goto "clsoe": no such step`, "the panel goes away by itself")
	// The fix also changes what John says, so the screen must change; the
	// renderer draws only what changed, so look for the new part alone.
	writeFile(t, path, strings.Replace(scenarioText, "What's up?", "What's up, Ann?", 1))
	waitFor("Ann?")

	press("q")
	fm := tm.FinalModel(t, teatest.WithFinalTimeout(10*time.Second)).(*App)
	if fm.files.panel.visible() {
		t.Fatalf("the panel is still up: %q", fm.files.panel.entries)
	}
	if fm.screen != screenRehearsal || fm.rehearsal.eng.Step().ID != "open" {
		t.Fatalf("screen %v, want the rehearsal still at open", fm.screen)
	}
	if fm.files.watcher != nil {
		t.Fatal("the watcher was not closed on quit")
	}
	if got := fm.rehearsal.sc.Steps[0].Manager[0]; got != "What's up, Ann?" {
		t.Fatalf("the run is on an old version: open says %q", got)
	}
}
