package ui

import (
	"fmt"
	"os"
	"os/exec"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"rehearse/model"
	"rehearse/scenarios"
	"rehearse/ui/editor"
)

// fileKeys open the scenario file and scroll the error panel. They work on
// every screen (not while the home filter takes the keys).
type fileKeys struct {
	Edit      key.Binding
	PanelUp   key.Binding
	PanelDown key.Binding
}

func defaultFileKeys() fileKeys {
	return fileKeys{
		Edit:      bind([]string{"e"}, "e", "edit file"),
		PanelUp:   bind([]string{"["}, "[/]", "scroll errors"),
		PanelDown: bind([]string{"]"}, "]", "scroll errors"),
	}
}

// noteLifetime is how long a note that asks you to do something stays on
// the status line: longer than a passing message, so it can be read.
const noteLifetime = 12 * time.Second

// Notes for when e cannot open an editor.
const (
	noteNoEditor = "No editor set: export EDITOR=vim (or VISUAL) and press e again"
	noteBuiltIn  = "This scenario is built in. To edit it, run: rehearse new --from-default"
)

// setNote puts a note that asks for action on the status line.
func (a *App) setNote(s string) tea.Cmd {
	a.status = s
	a.statusGen++
	return a.ctx.after(noteLifetime, statusClearMsg(a.statusGen))
}

// fileKey handles e and the panel's scroll keys; it reports whether the
// key was used.
func (a *App) fileKey(k tea.KeyPressMsg, cmd *tea.Cmd) bool {
	if a.screen == screenHome && a.home.typing() {
		return false
	}
	ks, p := a.ctx.keys.Files, &a.files.panel
	switch {
	case key.Matches(k, ks.Edit):
		*cmd = a.edit()
	case key.Matches(k, ks.PanelUp) && p.overflows(a.panelRows()):
		p.scroll(-1, a.panelRows())
	case key.Matches(k, ks.PanelDown) && p.overflows(a.panelRows()):
		p.scroll(1, a.panelRows())
	default:
		return false
	}
	return true
}

// edit opens the scenario file in the user's editor, at the line of what
// is on screen, and reloads it when the editor exits. While the files have
// errors it opens the first one instead.
func (a *App) edit() tea.Cmd {
	path, line, note := a.editTarget()
	if note != "" {
		return a.setNote(note)
	}
	getenv := a.ctx.cfg.Getenv
	if getenv == nil {
		getenv = os.Getenv
	}
	c, err := editor.Command(editor.Lookup(getenv), path, line)
	if err != nil {
		return a.setNote(noteNoEditor)
	}
	if a.screen == screenRehearsal && a.rehearsal != nil {
		a.rehearsal.pauseForEdit()
	}
	return a.files.exec(c, func(err error) tea.Msg { return editorDoneMsg{err: err} })
}

// editTarget works out which file and line to open, or a note saying why
// there is none.
func (a *App) editTarget() (path string, line int, note string) {
	if d, ok := a.files.panel.firstError(); ok {
		return d.Path, d.Pos.Line, ""
	}
	sc, step := a.editing()
	if sc == nil {
		return "", 0, "No scenario to edit here."
	}
	var f *scenarios.File
	if set := a.files.set; set != nil {
		f, _ = set.Origin(sc.ID)
	}
	switch {
	case f == nil:
		return "", 0, fmt.Sprintf("Scenario %s has no file this session knows of.", sc.ID)
	case f.Embedded:
		return "", 0, noteBuiltIn
	}
	pos, ok := scenarios.Pos{}, false
	if step != "" {
		pos, ok = f.StepPos(sc.ID, step)
	}
	if !ok {
		pos, _ = f.ScenarioPos(sc.ID)
	}
	return f.Path, pos.Line, ""
}

// editing returns the scenario on screen and the step that is current in
// it ("" for the scenario as a whole): the highlighted scenario at home,
// the step being rehearsed, the last step of the run on the report.
func (a *App) editing() (*model.Scenario, string) {
	switch a.screen {
	case screenHome:
		return a.home.selected(), ""
	case screenBriefing:
		return a.briefing.sc, a.briefing.from
	case screenPicker:
		return a.picker.sc, a.picker.sc.Steps[a.picker.cursor].ID
	case screenRehearsal:
		return a.rehearsal.sc, a.rehearsal.eng.Step().ID
	case screenReport:
		var last string
		if n := len(a.report.run.Steps); n > 0 {
			last = a.report.run.Steps[n-1]
		}
		return a.report.sc, last
	}
	return nil, ""
}

// editorDone resumes the rehearsal's clocks (the time in the editor is not
// delivery or hesitation time) and reloads the files.
func (a *App) editorDone(msg editorDoneMsg) tea.Cmd {
	var note, restart tea.Cmd
	if msg.err != nil {
		note = a.setNote("editor: " + msg.err.Error())
	}
	if a.screen == screenRehearsal && a.rehearsal != nil {
		restart = a.rehearsal.restartLine()
	}
	return tea.Batch(note, restart, a.reloadCmd())
}

// execFunc runs an interactive command with the terminal (tea.ExecProcess;
// tests run it directly).
type execFunc func(*exec.Cmd, tea.ExecCallback) tea.Cmd

// fileHelp returns the file keys as the help should show them: e only
// where there is a scenario file to open, the scroll keys only while the
// error panel has more than it shows.
func (a *App) fileHelp() fileKeys {
	ks := a.ctx.keys.Files
	sc, _ := a.editing()
	ks.Edit.SetEnabled(a.files.panel.visible() || (sc != nil && a.files.set != nil))
	if _, ok := a.files.panel.firstError(); ok {
		ks.Edit.SetHelp("e", "fix it")
	}
	scroll := a.files.panel.overflows(a.panelRows())
	ks.PanelUp.SetEnabled(scroll)
	ks.PanelDown.SetEnabled(scroll)
	return ks
}

// withEdit adds e and the global keys to a short help line. While the
// error panel is up, "e fix it" comes before the global keys; otherwise e
// goes last, where a narrow window drops it first (the full help keeps it).
func (a *App) withEdit(short []key.Binding, edit key.Binding, global ...key.Binding) []key.Binding {
	if a.files.panel.visible() {
		return append(append(short, edit), global...)
	}
	return append(append(short, global...), edit)
}
