package ui

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"rehearse/model"
	"rehearse/scenarios"
)

// scenarioText is a small scenario file. The manager speaks at once
// (pause 0s), so no timer stands between a key and the next line.
const scenarioText = `[[scenario]]
id = "fx"
title = "Telling John"
counterpart = "John"
role = "your manager"
start = "open"
pause = "0s"

[scenario.steps.open]
manager = "What's up?"
say = "I've decided to leave. My last day is Friday."
key = true
target = "20s"
next = [{ when = "Asks why", goto = "why" }]

[scenario.steps.why]
manager = "Why?"
say = "Timing and learning."
next = [{ when = "Accepts", goto = "close" }]

[scenario.steps.close]
manager = "Thanks for telling me."
say = "Thank you."
`

// The lines of the step headers in scenarioText, counted by hand: the
// tests check the editor gets exactly these.
const (
	lineScenario = 1
	lineWhy      = 16
	lineClose    = 21
)

// brokenText has one error: a goto that names no step, at 19:29.
var brokenText = strings.Replace(scenarioText, `goto = "close"`, `goto = "clsoe"`, 1)

// scenarioFile writes text to scenarios.toml in a new directory.
func scenarioFile(t *testing.T, text string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "scenarios.toml")
	writeFile(t, path, text)
	return path
}

func writeFile(t *testing.T, path, text string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// fileConfig loads path as the coach would and returns a Config wired to
// reload it, with editorCmd as $EDITOR (and no $VISUAL).
func fileConfig(t *testing.T, path, editorCmd string) Config {
	t.Helper()
	opts := scenarios.LoadOptions{Files: []string{path}}
	set, ds, err := scenarios.Load(opts)
	if err != nil || ds.HasErrors() {
		t.Fatalf("load: %v %v", err, ds)
	}
	return Config{
		Set:    set,
		Reload: func() (*scenarios.Set, scenarios.Diagnostics, error) { return scenarios.Load(opts) },
		Getenv: func(k string) string {
			if k == "EDITOR" {
				return editorCmd
			}
			return ""
		},
		Seed: 7,
	}
}

// fakeEditor writes an executable script called name (its base name picks
// the line syntax) that records its arguments, one a line, in argvFile,
// and edits the file it was given (the last argument, less any ":N") by
// replacing old with new and renaming the result over it, as vim does.
func fakeEditor(t *testing.T, name, old, new string) (path, argvFile string) {
	t.Helper()
	dir := t.TempDir()
	argvFile = filepath.Join(dir, "argv")
	script := `#!/bin/sh
printf '%s\n' "$@" > '` + argvFile + `'
for a; do last=$a; done
f=${last%:[0-9]*}
sed 's/` + old + `/` + new + `/' "$f" > "$f.new" && mv "$f.new" "$f"
`
	path = filepath.Join(dir, name)
	if err := os.WriteFile(path, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	return path, argvFile
}

// recordedArgv reads what the fake editor was called with.
func recordedArgv(t *testing.T, argvFile string) []string {
	t.Helper()
	b, err := os.ReadFile(argvFile)
	if err != nil {
		t.Fatalf("the editor did not run: %v", err)
	}
	return strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
}

// fileHarness is a harness on a scenario file whose editor runs directly,
// not through tea.ExecProcess (which needs a running program).
func fileHarness(t *testing.T, cfg Config) *harness {
	t.Helper()
	hs := newHarness(t, cfg, 160, 30) // wide: a temp path and its message fit on one line
	hs.app.files.exec = func(c *exec.Cmd, cb tea.ExecCallback) tea.Cmd {
		return func() tea.Msg { return cb(c.Run()) }
	}
	return hs
}

// toWhy opens the scenario and rehearses to the step "why".
func (hs *harness) toWhy() {
	hs.t.Helper()
	hs.key("enter") // briefing
	hs.key("enter") // John speaks at once
	hs.key("space")
	hs.clock.advance(3e9)
	hs.key("space")
	hs.key("1")
	if got := hs.app.rehearsal.eng.Step().ID; got != "why" || hs.phase() != model.PhaseReady {
		hs.t.Fatalf("at %s (%v), want why, your turn", got, hs.phase())
	}
}

// TestEditOpensTheStepLine presses e at the step "why" with a vi-style
// and a code-style editor: the arguments, their order and the line are
// exact, and after the edit the rehearsal shows the new line at the same
// step.
func TestEditOpensTheStepLine(t *testing.T) {
	tests := []struct {
		name, editor string
		want         func(path string) []string
	}{
		{"vi", "vi", func(p string) []string { return []string{"+16", p} }},
		{"nvim with flags", "nvim -u NONE", func(p string) []string { return []string{"-u", "NONE", "+16", p} }},
		{"code", "code", func(p string) []string { return []string{"--wait", "-g", p + ":16"} }},
		{"code --wait", "code --wait", func(p string) []string { return []string{"--wait", "-g", p + ":16"} }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := scenarioFile(t, scenarioText)
			words := strings.Fields(tt.editor)
			prog, argvFile := fakeEditor(t, words[0], "Timing and learning.", "It came down to growth.")
			hs := fileHarness(t, fileConfig(t, path, strings.Join(append([]string{prog}, words[1:]...), " ")))
			hs.toWhy()
			hs.requireScreen("Timing and learning.")
			hs.key("e")
			if got, want := recordedArgv(t, argvFile), tt.want(path); !slices.Equal(got, want) {
				t.Fatalf("editor argv %q, want %q", got, want)
			}
			hs.requireScreen("It came down to growth.", "✓ scenarios reloaded")
			if got := hs.app.rehearsal.eng.Step().ID; got != "why" || hs.phase() != model.PhaseReady {
				t.Fatalf("after the edit: at %s (%v), want why, your turn", got, hs.phase())
			}
		})
	}
}

// TestEditLineOnEachScreen: home opens the scenario's header, the picker
// the highlighted step, the report the run's last step.
func TestEditLineOnEachScreen(t *testing.T) {
	path := scenarioFile(t, scenarioText)
	prog, argvFile := fakeEditor(t, "vim", "x^", "x") // edits nothing
	hs := fileHarness(t, fileConfig(t, path, prog))
	expect := func(line int) {
		t.Helper()
		hs.key("e")
		want := []string{"+" + strconv.Itoa(line), path}
		if got := recordedArgv(t, argvFile); !slices.Equal(got, want) {
			t.Fatalf("on screen %v: argv %q, want %q", hs.app.screen, got, want)
		}
	}
	expect(lineScenario)
	hs.key("f") // the step picker
	hs.key("down")
	hs.key("down")
	expect(lineClose)
	hs.key("esc")
	hs.toWhy()
	expect(lineWhy)
	hs.key("space")
	hs.clock.advance(2e9)
	hs.key("space")
	hs.key("enter") // John accepts
	hs.key("space")
	hs.clock.advance(1e9)
	hs.key("space")
	hs.key("enter") // the report
	if hs.app.screen != screenReport {
		t.Fatalf("screen %v, want the report", hs.app.screen)
	}
	expect(lineClose)
}

// reload re-reads the files as a save would (the watcher's report leads
// to the same command).
func (hs *harness) reload() {
	hs.t.Helper()
	hs.run(hs.app.reloadCmd())
}

// TestReloadErrorPanel writes a broken file during a run: the panel names
// the error at its exact path:line:col, the run goes on under it (its keys
// still work), and a fixed file takes the panel away.
func TestReloadErrorPanel(t *testing.T) {
	path := scenarioFile(t, scenarioText)
	hs := fileHarness(t, fileConfig(t, path, ""))
	hs.toWhy()
	writeFile(t, path, brokenText)
	hs.reload()
	hs.requireScreen("✗ 1 error in scenarios.toml",
		path+`:19:29: goto "clsoe": no such step (did you mean "close"?)`,
		"the panel goes away by itself", "Timing and learning.")
	if !strings.Contains(hs.screenText(), "e fix it") {
		t.Fatalf("help should offer e to fix it:\n%s", hs.screenText())
	}
	hs.key("space") // the run goes on under the panel
	if hs.phase() != model.PhaseSpeaking || hs.app.rehearsal.eng.Step().ID != "why" {
		t.Fatalf("under the panel: %v at %s, want speaking at why", hs.phase(), hs.app.rehearsal.eng.Step().ID)
	}
	writeFile(t, path, strings.Replace(scenarioText, "Timing and learning.", "Growth, mostly.", 1))
	hs.reload()
	if s := hs.screenText(); strings.Contains(s, "clsoe") || strings.Contains(s, "✗") {
		t.Fatalf("the panel is still there:\n%s", s)
	}
	hs.requireScreen("✓ scenarios reloaded", "Growth, mostly.")
	if hs.phase() != model.PhaseReady || hs.app.rehearsal.eng.Step().ID != "why" {
		t.Fatalf("after the fix: %v at %s, want the line to start again at why", hs.phase(), hs.app.rehearsal.eng.Step().ID)
	}
}

// TestEditOpensTheFirstError: while the panel is up, e opens the file at
// the error, not at the step; the editor's fix takes the panel away.
func TestEditOpensTheFirstError(t *testing.T) {
	path := scenarioFile(t, scenarioText)
	prog, argvFile := fakeEditor(t, "nano", "clsoe", "close")
	hs := fileHarness(t, fileConfig(t, path, prog))
	hs.toWhy()
	writeFile(t, path, brokenText)
	hs.reload()
	hs.requireScreen(path + ":19:29:")
	hs.key("e")
	if got, want := recordedArgv(t, argvFile), []string{"+19", path}; !slices.Equal(got, want) {
		t.Fatalf("argv %q, want %q", got, want)
	}
	if hs.app.files.panel.visible() || strings.Contains(hs.screenText(), "clsoe") {
		t.Fatalf("the panel should be gone:\n%s", hs.screenText())
	}
}

// TestReloadStepGone deletes the step being rehearsed: the run moves to
// the latest step it visited that still exists, and says so.
func TestReloadStepGone(t *testing.T) {
	path := scenarioFile(t, scenarioText)
	hs := fileHarness(t, fileConfig(t, path, ""))
	hs.toWhy()
	i := strings.Index(scenarioText, "[scenario.steps.why]")
	j := strings.Index(scenarioText, "[scenario.steps.close]")
	text := strings.Replace(scenarioText[:i]+scenarioText[j:], `goto = "why"`, `goto = "close"`, 1)
	writeFile(t, path, text)
	hs.reload()
	hs.requireScreen("step why is gone — continuing at open", "What's up?")
	if got := hs.app.rehearsal.eng.Step().ID; got != "open" {
		t.Fatalf("at %s, want open", got)
	}
}

// TestReloadRefreshesHome: a scenario added to the file shows up in the
// home list, and the highlighted one stays highlighted.
func TestReloadRefreshesHome(t *testing.T) {
	path := scenarioFile(t, scenarioText)
	hs := fileHarness(t, fileConfig(t, path, ""))
	second := strings.NewReplacer(`id = "fx"`, `id = "fx2"`, "Telling John", "Telling Mitra").Replace(scenarioText)
	writeFile(t, path, second+"\n"+scenarioText)
	hs.reload()
	hs.requireScreen("Telling Mitra", "Telling John")
	if sc := hs.app.home.selected(); sc == nil || sc.ID != "fx" {
		t.Fatalf("selected %v, want fx still", sc)
	}
}

// TestEditNotes: no editor set, and a built-in scenario, each say what to
// do instead of opening anything.
func TestEditNotes(t *testing.T) {
	path := scenarioFile(t, scenarioText)
	hs := fileHarness(t, fileConfig(t, path, ""))
	hs.key("e")
	hs.requireScreen(noteNoEditor)

	empty := t.TempDir()
	set, _, err := scenarios.Load(scenarios.LoadOptions{Dir: empty, ConfigDir: empty, Default: []byte(scenarioText)})
	if err != nil || len(set.Paths()) != 0 {
		t.Fatalf("want only the embedded file: %v %v", err, set.Paths())
	}
	prog, argvFile := fakeEditor(t, "vi", "x^", "x")
	cfg := fileConfig(t, path, prog)
	cfg.Set = set
	hs = fileHarness(t, cfg)
	hs.key("e")
	hs.requireScreen(noteBuiltIn)
	if _, err := os.Stat(argvFile); err == nil {
		t.Fatal("the editor ran on a built-in scenario")
	}
}

// manyErrors is scenarioText with twelve unknown keys in its last step.
func manyErrors() string {
	var b strings.Builder
	b.WriteString(scenarioText)
	for i := range 12 {
		b.WriteString("bogus" + strconv.Itoa(i) + " = 1\n")
	}
	return b.String()
}

// TestErrorPanelFitsAndScrolls: with the panel up, every screen still
// fits the window at every size, and [ and ] scroll a long list.
func TestErrorPanelFitsAndScrolls(t *testing.T) {
	path := scenarioFile(t, scenarioText)
	hs := fileHarness(t, fileConfig(t, path, ""))
	hs.toWhy()
	writeFile(t, path, manyErrors())
	hs.reload()
	for _, w := range sampleWidths {
		for _, h := range sampleHeights {
			hs.send(tea.WindowSizeMsg{Width: w, Height: h})
			checkFits(t, "panel "+strconv.Itoa(w)+"x"+strconv.Itoa(h), hs.app.View().Content, w, h)
		}
	}
	hs.send(tea.WindowSizeMsg{Width: 160, Height: 30})
	hs.requireScreen("✗ 12 errors in scenarios.toml", "(1–7 of 12)", "[/]: scroll", `bogus0`)
	hs.key("]")
	hs.key("]")
	hs.requireScreen("(3–9 of 12)", "bogus8")
	if strings.Contains(hs.screenText(), "bogus0") {
		t.Fatal("scrolled, yet the first entry is still shown")
	}
	for range 20 {
		hs.key("]")
	}
	hs.requireScreen("(6–12 of 12)", "bogus11")
	// Narrow: entries wrap, and the list still starts with a whole one.
	hs.send(tea.WindowSizeMsg{Width: 60, Height: 30})
	hs.key("[")
	hs.requireScreen("(5–")
	lines := strings.Split(hs.screenText(), "\n")
	for i, l := range lines {
		if strings.HasPrefix(l, "┃ ✗") {
			if next := lines[i+1]; !strings.HasPrefix(next, "┃   "+path[:10]) {
				t.Fatalf("the list starts inside an entry: %q", next)
			}
			break
		}
	}
	hs.send(tea.WindowSizeMsg{Width: 40, Height: 12})
	hs.requireScreen("✗ 12 errors")
	if !strings.Contains(hs.screenText(), "Your turn") && !strings.Contains(hs.screenText(), "Timing") {
		t.Fatalf("at 40x12 the panel took the whole screen:\n%s", hs.screenText())
	}
}

// TestReloadWithoutChangesSaysSo: closing the editor without saving (or a
// save that changes nothing) is not a reload to announce.
func TestReloadWithoutChangesSaysSo(t *testing.T) {
	path := scenarioFile(t, scenarioText)
	hs := fileHarness(t, fileConfig(t, path, ""))
	hs.reload()
	hs.requireScreen("No changes to the scenarios.")
	writeFile(t, path, strings.Replace(scenarioText, "Timing and learning.", "Growth, mostly.", 1))
	hs.reload()
	hs.requireScreen("✓ scenarios reloaded")
}
