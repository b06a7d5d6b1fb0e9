// Package ui is the terminal interface of rehearse: Bubble Tea screens that
// turn key presses into events for the conversation engine (package model)
// and the engine's state into Lip Gloss panes.
//
// The root model, App, routes between one screen at a time — home, the
// briefing card, the step picker, the rehearsal, the report and the stats
// screen. It handles the global keys first, then the app's own messages,
// then hands everything else to the active screen only. Screens talk
// upward with typed messages; saving goes through the callbacks in Config,
// always inside a tea.Cmd.
//
//	app := ui.New(ui.Config{Scenarios: scs, OnAttempt: save})
//	_, err := tea.NewProgram(app, ui.Options(cfg)...).Run()
package ui

import (
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"

	"rehearse/model"
	"rehearse/model/history"
	"rehearse/scenarios"
)

// Config is what the program hands the UI: the compiled scenarios, where
// to start, and the callbacks that keep the history.
type Config struct {
	Scenarios  []*model.Scenario
	ScenarioID string           // start this scenario directly (skip home); "" shows home
	From       string           // start at this step
	Seed       int64            // 0 derives a seed from the clock for each run (shown on the report)
	Clock      func() time.Time // nil means time.Now; tests inject a fake
	NoColor    bool             // NO_COLOR is set: no colours, bold and reverse kept

	// OnAttempt is called for every recorded delivery, and OnRunEnd when a
	// run ends or is abandoned (Abandoned set). Both run inside a tea.Cmd,
	// never inside Update, one at a time. Errors they return become a
	// status line; they never stop the program. Either may be nil.
	OnAttempt func(model.Attempt) error
	OnRunEnd  func(model.Run) error

	// History is what was recorded before this session: the report, home
	// and stats screens compare and count against it. The UI keeps its own
	// copy and adds every attempt and run it saves. nil means no past.
	History *history.History

	Version string

	// NoBackgroundQuery turns off the terminal background-colour query (the
	// styles stay dark). Tests set it: the query makes output racy.
	NoBackgroundQuery bool

	// Set is the loaded scenario set: which file each scenario came from,
	// where its steps are, which files to watch. Scenarios defaults to
	// Set.Scenarios. nil: e cannot open a file.
	Set *scenarios.Set
	// Reload loads the scenario files again, with the options Set was
	// loaded with. It runs inside a tea.Cmd after the editor exits and on
	// every save of a loaded file (files are watched when it is set and Set
	// has real files). nil: no reloading, no watching.
	Reload func() (*scenarios.Set, scenarios.Diagnostics, error)
	// Getenv looks up VISUAL and EDITOR for e; nil means os.Getenv.
	Getenv func(string) string
}

// screen names the screen on show.
type screen int

const (
	screenHome screen = iota
	screenBriefing
	screenPicker
	screenRehearsal
	screenReport
	screenStats
)

// statusLifetime is how long a passing message stays on the status line.
const statusLifetime = 4 * time.Second

// App is the root Bubble Tea model.
type App struct {
	ctx    *appContext
	screen screen
	width  int
	height int

	help      help.Model
	showHelp  bool
	status    string
	statusGen int
	seeded    bool       // the configured seed has been used
	files     *fileState // the scenario files: reloads, the error panel, the watcher

	home      *homeModel
	briefing  *briefingModel
	picker    *pickerModel
	rehearsal *rehearsalModel
	report    *reportModel
	stats     *statsModel
}

// New returns the root model for cfg.
func New(cfg Config) *App {
	if cfg.Scenarios == nil && cfg.Set != nil {
		cfg.Scenarios = cfg.Set.Scenarios
	}
	ctx := newContext(cfg)
	a := &App{ctx: ctx, help: help.New()}
	a.help.Styles = ctx.styles.Help
	a.files = newFileState(cfg)
	a.home = newHome(ctx)
	if cfg.ScenarioID != "" {
		if sc := findScenario(cfg.Scenarios, cfg.ScenarioID); sc != nil {
			a.openBriefing(sc, cfg.From)
		} else {
			a.status = fmt.Sprintf("no scenario %q", cfg.ScenarioID)
		}
	}
	return a
}

// Options returns the program options the UI expects: a modest frame rate,
// and no colours when NO_COLOR is set. 20 frames a second keeps a running
// line timer under 2% of a core (measured with BenchmarkSpeakingTimerPTY)
// while key presses still show at once.
func Options(cfg Config) []tea.ProgramOption {
	opts := []tea.ProgramOption{tea.WithFPS(20)}
	if cfg.NoColor {
		opts = append(opts, tea.WithColorProfile(colorprofile.Ascii))
	}
	return opts
}

func findScenario(scs []*model.Scenario, id string) *model.Scenario {
	for _, sc := range scs {
		if sc.ID == id {
			return sc
		}
	}
	return nil
}

// Init starts watching the scenario files and asks the terminal for its
// background colour, unless told not to.
func (a *App) Init() tea.Cmd {
	if a.ctx.cfg.NoBackgroundQuery {
		return a.startWatchCmd()
	}
	return tea.Batch(tea.RequestBackgroundColor, a.startWatchCmd())
}

// Update handles global keys first, then the app's messages, then passes
// anything else to the active screen.
func (a *App) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	var cmd tea.Cmd
	if k, ok := msg.(tea.KeyPressMsg); ok && a.globalKey(k, &cmd) {
		return a, cmd
	}
	if a.appMessage(msg, &cmd) {
		a.layout()
		return a, cmd
	}
	cmd = a.updateActive(msg)
	a.layout()
	return a, cmd
}

// globalKey handles quit and help; it reports whether the key was used.
func (a *App) globalKey(k tea.KeyPressMsg, cmd *tea.Cmd) bool {
	g := a.ctx.keys.Global
	typing := a.screen == screenHome && a.home.typing()
	switch {
	case k.String() == "ctrl+c", key.Matches(k, g.Quit) && !typing:
		*cmd = a.quit()
		return true
	case key.Matches(k, g.Help) && !typing:
		a.showHelp = !a.showHelp
		a.layout()
		return true
	}
	return a.fileKey(k, cmd)
}

// quit ends the program; a run in progress is saved as abandoned first.
func (a *App) quit() tea.Cmd {
	stop := a.stopWatching()
	if a.screen == screenRehearsal && a.rehearsal != nil {
		if run, ok := a.rehearsal.abandon(); ok {
			if save := a.ctx.saveRunCmd(run); save != nil {
				return tea.Sequence(stop, save, tea.Quit)
			}
		}
	}
	if stop != nil {
		return tea.Sequence(stop, tea.Quit)
	}
	return tea.Quit
}

// appMessage handles messages meant for the root; it reports whether msg
// was one.
func (a *App) appMessage(msg tea.Msg, cmd *tea.Cmd) bool {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		a.width, a.height = msg.Width, msg.Height
	case tea.BackgroundColorMsg:
		a.ctx.setDark(msg.IsDark())
		a.help.Styles = a.ctx.styles.Help
		a.restyle()
	case savedMsg:
		if msg.err != nil {
			*cmd = a.setStatus("could not save history: " + msg.err.Error())
		}
	case statusMsg:
		*cmd = a.setStatus(string(msg))
	case statusClearMsg:
		if int(msg) == a.statusGen {
			a.status = ""
		}
	default:
		return a.navigate(msg, cmd) || a.fileMessage(msg, cmd)
	}
	return true
}

// navigate handles the messages screens send to move between screens.
func (a *App) navigate(msg tea.Msg, cmd *tea.Cmd) bool {
	was := a.screen
	defer func() {
		if a.screen != was {
			a.showHelp = false // help is about the screen it was opened on
		}
	}()
	switch msg := msg.(type) {
	case scenarioChosenMsg:
		a.openBriefing(msg.sc, msg.from)
	case pickStepMsg:
		a.picker = newPicker(a.ctx, msg.sc, msg.from, a.screen)
		a.screen = screenPicker
	case pickerBackMsg:
		a.screen = msg.to
	case beginRunMsg:
		*cmd = a.beginRun(msg.sc, msg.opts)
	case runEndedMsg:
		*cmd = a.runEnded(msg)
	case goHomeMsg:
		a.screen = screenHome
		*cmd = a.home.refresh()
	case openStatsMsg:
		a.stats = newStats(a.ctx, msg.sc)
		a.screen = screenStats
	default:
		return false
	}
	return true
}

func (a *App) openBriefing(sc *model.Scenario, from string) {
	a.briefing = newBriefing(a.ctx, sc, from)
	a.screen = screenBriefing
}

// beginRun starts a rehearsal. A zero seed in opts asks for a fresh one.
func (a *App) beginRun(sc *model.Scenario, opts model.Options) tea.Cmd {
	if opts.Seed == 0 {
		var last int64
		if a.report != nil {
			last = a.report.run.Seed
		}
		opts.Seed = a.ctx.newSeed(!a.seeded, last)
		a.seeded = true
	}
	r, err := newRehearsal(a.ctx, sc, opts)
	if err != nil {
		return a.setStatus(err.Error())
	}
	a.rehearsal = r
	a.screen = screenRehearsal
	a.showHelp = false
	return r.startCmd()
}

// runEnded saves the run and shows the report, or home when the run was
// abandoned.
func (a *App) runEnded(msg runEndedMsg) tea.Cmd {
	save := a.ctx.saveRunCmd(msg.run)
	if msg.run.Abandoned {
		a.screen = screenHome
		note := "Rehearsal stopped before any line was delivered."
		if n := len(msg.run.Attempts); n == 1 {
			note = "Rehearsal stopped. The line you delivered is kept."
		} else if n > 1 {
			note = fmt.Sprintf("Rehearsal stopped. The %d lines you delivered are kept.", n)
		}
		return tea.Batch(save, a.home.refresh(), a.setStatus(note))
	}
	a.report = newReport(a.ctx, msg.sc, msg.run, msg.transcript)
	a.screen = screenReport
	return save
}

// statusMsg puts a passing message on the status line.
type statusMsg string

// statusClearMsg clears the status line if no newer message replaced it.
type statusClearMsg int

func (a *App) setStatus(s string) tea.Cmd {
	a.status = s
	a.statusGen++
	return a.ctx.after(statusLifetime, statusClearMsg(a.statusGen))
}

// screenModel is what every screen is to the root: it takes messages,
// draws itself into the room it is given, and says which keys work.
type screenModel interface {
	update(msg tea.Msg) tea.Cmd
	view() string
	help() helpKeys
	setSize(w, h int)
}

// active returns the screen on show, or nil before any is made. (Each case
// checks its own pointer: a nil *reportModel in an interface is not nil.)
func (a *App) active() screenModel {
	switch {
	case a.screen == screenHome && a.home != nil:
		return a.home
	case a.screen == screenBriefing && a.briefing != nil:
		return a.briefing
	case a.screen == screenPicker && a.picker != nil:
		return a.picker
	case a.screen == screenRehearsal && a.rehearsal != nil:
		return a.rehearsal
	case a.screen == screenReport && a.report != nil:
		return a.report
	case a.screen == screenStats && a.stats != nil:
		return a.stats
	}
	return nil
}

// restyle redraws what the screens keep already rendered, after the
// styles changed (the terminal's background answer can arrive after a
// rehearsal has started, with --scenario).
func (a *App) restyle() {
	a.home.restyle()
	if a.rehearsal != nil {
		a.rehearsal.syncTranscript(true)
	}
	if a.report != nil {
		a.report.reflow()
	}
	if a.stats != nil {
		a.stats.reflow()
	}
}

// updateActive passes msg to the active screen only.
func (a *App) updateActive(msg tea.Msg) tea.Cmd {
	if sm := a.active(); sm != nil {
		return sm.update(msg)
	}
	return nil
}

// activeHelp returns the active screen's key help, global keys added.
func (a *App) activeHelp() helpKeys {
	var h helpKeys
	if sm := a.active(); sm != nil {
		h = sm.help()
	}
	g := a.ctx.keys.Global
	if a.screen == screenHome && a.home.typing() {
		g.Quit = bind([]string{"ctrl+c"}, "ctrl+c", "quit")
		g.Help.SetEnabled(false)
	}
	if a.showHelp {
		g.Help.SetHelp("?", "close help")
	}
	fk := a.fileHelp()
	if a.screen == screenHome && a.home.typing() {
		fk.Edit.SetEnabled(false) // e is a letter of the filter now
	}
	h.short = a.withEdit(h.short, fk.Edit, g.Help, g.Quit)
	full := h.FullHelp()
	h.full = append(full[:len(full):len(full)], missing(full, fk.Edit, fk.PanelUp, g.Help, g.Quit))
	return h
}

// missing returns the bindings not already in groups (by their help key),
// so the full help lists every key once.
func missing(groups [][]key.Binding, bs ...key.Binding) []key.Binding {
	have := map[string]bool{}
	for _, g := range groups {
		for _, b := range g {
			have[b.Help().Key] = true
		}
	}
	var out []key.Binding
	for _, b := range bs {
		if !have[b.Help().Key] {
			out = append(out, b)
		}
	}
	return out
}

// footer renders the status line and key help.
func (a *App) footer() string {
	if a.height < 6 {
		return ""
	}
	a.help.ShowAll = a.showHelp
	a.help.SetWidth(a.width - 1)
	f := " " + strings.ReplaceAll(a.help.View(a.activeHelp()), "\n", "\n ")
	if a.status != "" {
		f = a.ctx.styles.Status.Render(" "+a.status) + "\n" + f
	}
	return fit(f, a.width, a.height)
}

// layout gives the active screen the room left above the footer.
func (a *App) layout() {
	h := max(0, a.height-lipgloss.Height(a.footer())-a.panelHeight())
	if a.height < 6 {
		h = a.height
	}
	if sm := a.active(); sm != nil {
		sm.setSize(a.width, h)
	}
}

// View renders the active screen above the footer, cut to the window so no
// line is wider than the terminal and there are never too many lines.
func (a *App) View() tea.View {
	v := tea.NewView(fit(a.render(), a.width, a.height))
	v.AltScreen = true
	v.WindowTitle = "rehearse"
	return v
}

// render lays the screen out. From 40×12 up every part fits by itself;
// below that View's final cut keeps the promise.
func (a *App) render() string {
	var body string
	if sm := a.active(); sm != nil {
		body = sm.view()
	}
	f := a.footer()
	if f == "" {
		return body
	}
	if p := a.panelView(); p != "" {
		f = p + "\n" + f // the error panel sits on the footer
	}
	return lipgloss.JoinVertical(lipgloss.Left, fitHeight(body, a.height-lipgloss.Height(f)), f)
}

// fitHeight pads or cuts s to exactly h lines.
func fitHeight(s string, h int) string {
	if h <= 0 {
		return ""
	}
	lines := strings.Split(s, "\n")
	if len(lines) > h {
		lines = lines[:h]
	}
	for len(lines) < h {
		lines = append(lines, "")
	}
	return strings.Join(lines, "\n")
}

// fit cuts s to at most w columns and h lines.
func fit(s string, w, h int) string {
	if w <= 0 || h <= 0 {
		return ""
	}
	lines := strings.Split(s, "\n")
	if len(lines) > h {
		lines = lines[:h]
	}
	for i, l := range lines {
		if ansi.StringWidth(l) > w {
			lines[i] = ansi.Truncate(l, w, "…")
		}
	}
	return strings.Join(lines, "\n")
}

// fitWidth cuts s to w columns, ending with "…" when it was cut.
func fitWidth(s string, w int) string {
	if w <= 0 {
		return ""
	}
	if ansi.StringWidth(s) <= w {
		return s
	}
	return ansi.Truncate(s, w, "…")
}

// Close waits until every history record of the session has been handed to
// Config.OnAttempt and Config.OnRunEnd, and returns the ones that failed.
// Call it once the program has exited: Bubble Tea does not wait for
// running commands when it quits.
func (a *App) Close() error { return a.ctx.saves.close() }
