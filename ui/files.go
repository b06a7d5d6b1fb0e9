package ui

import (
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"

	"charm.land/bubbles/v2/list"
	tea "charm.land/bubbletea/v2"

	"rehearse/model"
	"rehearse/scenarios"
	"rehearse/ui/watch"
)

// fileState is what the root knows about the scenario files on disk: the
// set loaded last (the last clean one), the problems of the latest reload,
// and the watcher that reloads on save. Only the root touches it, in
// Update; every read of the disk happens in a command.
type fileState struct {
	set    *scenarios.Set
	reload func() (*scenarios.Set, scenarios.Diagnostics, error)
	exec   execFunc // tea.ExecProcess; tests run the editor directly

	panel errorPanel // the latest reload's errors; empty when the files are clean

	reloading bool // a reload command is out
	again     bool // another change came while it was out: reload once more

	watcher  *watch.Watcher
	watchGen int      // generation of the live watcher; messages of older ones are dropped
	watched  []string // the paths it watches, sorted
}

func newFileState(cfg Config) *fileState {
	fs := &fileState{set: cfg.Set, reload: cfg.Reload, exec: tea.ExecProcess}
	if cfg.Set != nil && cfg.Reload != nil {
		fs.watched = sortedPaths(cfg.Set)
	}
	return fs
}

// sortedPaths are the real files of set, sorted: what to watch.
func sortedPaths(set *scenarios.Set) []string {
	p := slices.Clone(set.Paths())
	slices.Sort(p)
	return slices.Compact(p)
}

// Messages of the file workflow. They stay inside the root.
type (
	// editorDoneMsg says the editor has exited (err: it failed to start,
	// or exited non-zero).
	editorDoneMsg struct{ err error }
	// reloadedMsg carries the result of Config.Reload.
	reloadedMsg struct {
		set   *scenarios.Set
		diags scenarios.Diagnostics
		err   error
	}
	// watcherMsg hands a started watcher (or why it could not start) to
	// the root.
	watcherMsg struct {
		gen int
		w   *watch.Watcher
		err error
	}
	// filesChangedMsg is a watcher's report, tagged with its generation.
	filesChangedMsg struct {
		gen int
		watch.ChangedMsg
	}
)

// fileMessage handles the file workflow's messages; it reports whether
// msg was one.
func (a *App) fileMessage(msg tea.Msg, cmd *tea.Cmd) bool {
	fs := a.files
	switch msg := msg.(type) {
	case editorDoneMsg:
		*cmd = a.editorDone(msg)
	case reloadedMsg:
		*cmd = a.reloaded(msg)
	case watcherMsg:
		*cmd = a.watcherStarted(msg)
	case filesChangedMsg:
		if msg.gen != fs.watchGen || fs.watcher == nil {
			return true // from a watcher already replaced: do not re-arm it
		}
		*cmd = tea.Batch(a.reloadCmd(), a.nextChangeCmd())
	default:
		return false
	}
	return true
}

// reloadCmd re-reads the scenario files. Only one reload is out at a
// time, so results never arrive out of order; a change that comes while
// one is out asks for one more when it returns.
func (a *App) reloadCmd() tea.Cmd {
	fs := a.files
	if fs.reload == nil {
		return nil
	}
	if fs.reloading {
		fs.again = true
		return nil
	}
	fs.reloading = true
	fn := fs.reload
	return func() tea.Msg {
		set, ds, err := fn()
		return reloadedMsg{set: set, diags: ds, err: err}
	}
}

// reloaded shows the problems of a reload, or, when the files are clean,
// moves every screen onto the new scenarios.
func (a *App) reloaded(msg reloadedMsg) tea.Cmd {
	fs := a.files
	fs.reloading = false
	var again tea.Cmd
	if fs.again {
		fs.again = false
		again = a.reloadCmd()
	}
	if msg.set == nil && msg.err == nil && !msg.diags.HasErrors() {
		msg.err = errors.New("reloading the scenario files gave nothing back")
	}
	if msg.err != nil || msg.diags.HasErrors() || msg.set == nil {
		fs.panel.show(msg.diags, msg.err)
		return again
	}
	wasBroken := fs.panel.visible()
	unchanged := sameScenarios(a.ctx.cfg.Scenarios, msg.set.Scenarios)
	fs.panel.clear()
	fs.set = msg.set
	notes, cmds := a.replaceScenarios(msg.set)
	if w := msg.diags.Warnings(); w > 0 {
		notes = append(notes, fmt.Sprintf("%s: %s", plural(w, "warning"), msg.diags.Strings()[0]))
	}
	switch {
	case len(notes) > 0:
	case unchanged && !wasBroken:
		notes = []string{"No changes to the scenarios."}
	default:
		notes = []string{"✓ scenarios reloaded"}
	}
	cmds = append(cmds, again, a.setStatus(strings.Join(notes, " · ")))
	if paths := sortedPaths(msg.set); fs.reload != nil && !slices.Equal(paths, fs.watched) {
		fs.watched = paths
		cmds = append(cmds, a.rewatchCmd())
	}
	return tea.Batch(cmds...)
}

// sameScenarios reports whether two loads hold the same scenarios, word for
// word: an editor closed without saving changes nothing.
func sameScenarios(a, b []*model.Scenario) bool {
	return slices.EqualFunc(a, b, func(x, y *model.Scenario) bool { return reflect.DeepEqual(*x, *y) })
}

// replaceScenarios puts the reloaded scenarios on every screen: the home
// list, the briefing, the picker, the rehearsal in progress (rebased onto
// the new version) and the report. It returns notes for the status line.
func (a *App) replaceScenarios(set *scenarios.Set) ([]string, []tea.Cmd) {
	a.ctx.cfg.Scenarios = set.Scenarios
	a.ctx.cfg.Set = set
	var notes []string
	cmds := []tea.Cmd{a.home.setScenarios()}
	if a.briefing != nil {
		if sc, ok := set.Scenario(a.briefing.sc.ID); ok {
			a.briefing.sc = sc
			if a.briefing.from != "" && sc.StepIndex(a.briefing.from) < 0 {
				notes = append(notes, fmt.Sprintf("step %s is gone — starting from the start", a.briefing.from))
				a.briefing.from = ""
			}
		} else if a.screen == screenBriefing {
			notes = append(notes, fmt.Sprintf("scenario %s is no longer in the files", a.briefing.sc.ID))
			a.screen = screenHome
		}
	}
	if a.picker != nil && !a.picker.setScenario(set) && a.screen == screenPicker {
		a.screen = screenHome
	}
	if a.rehearsal != nil && !a.rehearsal.ended() {
		note, cmd := a.rehearsal.rebase(set)
		notes = append(notes, note...)
		cmds = append(cmds, cmd)
	}
	if a.report != nil {
		if sc, ok := set.Scenario(a.report.sc.ID); ok {
			a.report.sc = sc // "again" and "new run" use the new version
		}
	}
	if a.stats != nil {
		a.stats.setScenarios(a.ctx)
	}
	return notes, cmds
}

// setScenarios rebuilds the home list from the context's scenarios (the
// reloaded ones), keeping the highlighted scenario.
func (h *homeModel) setScenarios() tea.Cmd {
	var keep string
	if sc := h.selected(); sc != nil {
		keep = sc.ID
	}
	cmd := h.refresh()
	for i, it := range h.list.Items() {
		if si, ok := it.(scenarioItem); ok && si.sc.ID == keep && h.list.FilterState() == list.Unfiltered {
			h.list.Select(i)
		}
	}
	return cmd
}

// setScenario moves the picker onto the reloaded version of its scenario,
// keeping the highlighted step when it still exists. It reports false
// when the scenario itself is gone.
func (p *pickerModel) setScenario(set *scenarios.Set) bool {
	sc, ok := set.Scenario(p.sc.ID)
	if !ok {
		return false
	}
	cur := p.sc.Steps[p.cursor].ID
	p.sc = sc
	p.cursor = max(0, sc.StepIndex(cur))
	return true
}

// rebase carries the run over to the reloaded version of its scenario.
// It returns notes for the status line and the new tick chain.
func (r *rehearsalModel) rebase(set *scenarios.Set) ([]string, tea.Cmd) {
	sc, ok := set.Scenario(r.sc.ID)
	if !ok {
		return []string{fmt.Sprintf("scenario %s is no longer in the files — this run goes on with the version loaded before", r.sc.ID)}, nil
	}
	was := r.eng.Step().ID
	moved, err := r.eng.Rebase(sc, r.ctx.now())
	if err != nil {
		return []string{err.Error()}, nil
	}
	r.refresh(sc)
	var notes []string
	if moved != "" {
		notes = append(notes, fmt.Sprintf("step %s is gone — continuing at %s", was, moved))
	}
	return notes, r.schedule()
}

// pauseForEdit stops the clocks while the editor has the terminal: a line
// being spoken starts again, hesitation starts again, and the tick chain
// ends, so no interrupt can fall due during the edit.
func (r *rehearsalModel) pauseForEdit() {
	if r.ended() {
		return
	}
	r.gen++
	if p := r.eng.Phase(); p == model.PhaseSpeaking || p == model.PhaseReady {
		_, _ = r.eng.Rebase(r.sc, r.ctx.now())
	}
}

// restartLine resumes after the editor, on the same scenario: the time spent
// editing is neither delivery nor hesitation. A clean reload rebases the
// run again onto the new text.
func (r *rehearsalModel) restartLine() tea.Cmd {
	if r.ended() {
		return nil
	}
	if r.eng.Phase() == model.PhaseReady {
		if _, err := r.eng.Rebase(r.sc, r.ctx.now()); err != nil {
			return nil
		}
	}
	r.refresh(r.sc)
	return r.schedule()
}

// refresh redraws everything that depends on the scenario's text.
func (r *rehearsalModel) refresh(sc *model.Scenario) {
	r.sc = sc
	r.keys.Next.SetHelp("enter", "let "+sc.Name()+" react")
	r.cacheOK = false
	r.paneDims = r.dims()
	r.syncTranscript(true)
}

// startWatchCmd starts the watcher on the files loaded at start, when
// there are real files and a way to reload them.
func (a *App) startWatchCmd() tea.Cmd {
	fs := a.files
	if len(fs.watched) == 0 {
		return nil
	}
	gen, paths := fs.watchGen, fs.watched
	return func() tea.Msg {
		w, err := watch.New(paths)
		return watcherMsg{gen: gen, w: w, err: err}
	}
}

// rewatchCmd replaces the watcher after the set of files changed.
func (a *App) rewatchCmd() tea.Cmd {
	fs := a.files
	old := fs.watcher
	fs.watcher = nil
	fs.watchGen++
	gen, paths := fs.watchGen, fs.watched
	return func() tea.Msg {
		if old != nil {
			old.Close()
		}
		if len(paths) == 0 {
			return nil
		}
		w, err := watch.New(paths)
		return watcherMsg{gen: gen, w: w, err: err}
	}
}

// watcherStarted keeps a new watcher and arms it, or says why saves will
// not reload by themselves.
func (a *App) watcherStarted(msg watcherMsg) tea.Cmd {
	if msg.err != nil {
		return a.setStatus("not watching the scenario files (" + msg.err.Error() + "): press e to edit and reload")
	}
	if msg.gen != a.files.watchGen {
		return closeWatcherCmd(msg.w)
	}
	a.files.watcher = msg.w
	return a.nextChangeCmd()
}

// nextChangeCmd waits for the live watcher's next report. It is armed once
// when the watcher starts and again after each report: one at a time.
func (a *App) nextChangeCmd() tea.Cmd {
	w, gen := a.files.watcher, a.files.watchGen
	if w == nil {
		return nil
	}
	next := w.Next()
	return func() tea.Msg {
		m, ok := next().(watch.ChangedMsg)
		if !ok {
			return nil // closed
		}
		return filesChangedMsg{gen: gen, ChangedMsg: m}
	}
}

// stopWatching closes the watcher, for quitting.
func (a *App) stopWatching() tea.Cmd {
	w := a.files.watcher
	a.files.watcher = nil
	a.files.watchGen++
	return closeWatcherCmd(w)
}

func closeWatcherCmd(w *watch.Watcher) tea.Cmd {
	if w == nil {
		return nil
	}
	return func() tea.Msg {
		w.Close()
		return nil
	}
}
