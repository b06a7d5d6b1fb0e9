package ui

import (
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/list"
	tea "charm.land/bubbletea/v2"

	"rehearse/model"
)

// scenarioItem is one scenario in the home list. progress is worked out
// when home is entered, not on every frame.
type scenarioItem struct {
	sc       *model.Scenario
	progress string // "◐ practising · last practised yesterday · 5 of 12 reactions"
}

// Title is the scenario's title.
func (i scenarioItem) Title() string {
	if i.sc.Title != "" {
		return i.sc.Title
	}
	return i.sc.ID
}

// Description says who, how long, and how much there is to practise, and
// on a second line how far the practice has come.
func (i scenarioItem) Description() string {
	if i.progress == "" {
		return scenarioFacts(i.sc)
	}
	return scenarioFacts(i.sc) + "\n" + i.progress
}

// scenarioProgress is one line on how far the practice of a scenario has
// come, the readiness mark first so a narrow screen keeps it.
func scenarioProgress(st model.ScenarioStats, now time.Time) string {
	parts := []string{readinessText(st.Readiness)}
	if !st.LastPractised.IsZero() {
		parts = append(parts, "last practised "+ago(st.LastPractised, now))
	}
	return strings.Join(append(parts, coverageText(st.Coverage)), " · ")
}

// FilterValue is what the filter matches: title, counterpart and id.
func (i scenarioItem) FilterValue() string {
	return i.sc.Title + " " + i.sc.Counterpart + " " + i.sc.ID
}

// scenarioFacts is one line about a scenario: "with John, your manager ·
// 9 steps · 4 key lines · 15m".
func scenarioFacts(sc *model.Scenario) string {
	who := "with " + sc.Name()
	if sc.Role != "" && sc.Counterpart != "" {
		who += ", " + sc.Role
	}
	parts := []string{who, plural(len(sc.Steps), "step"), plural(sc.KeyLines(), "key line")}
	if sc.Timebox > 0 {
		parts = append(parts, fmtWhole(sc.Timebox))
	}
	return strings.Join(parts, " · ")
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// homeModel lists the loaded scenarios.
type homeModel struct {
	ctx  *appContext
	keys homeKeys
	list list.Model
}

func newHome(ctx *appContext) *homeModel {
	d := list.NewDefaultDelegate()
	l := list.New(homeItems(ctx), d, 0, 0)
	l.Title = "rehearse — what are you practising?"
	l.SetStatusBarItemName("scenario", "scenarios")
	l.SetShowHelp(false)
	l.DisableQuitKeybindings()
	h := &homeModel{ctx: ctx, keys: ctx.keys.Home, list: l}
	h.restyle()
	return h
}

// homeItems lists the loaded scenarios with their progress.
func homeItems(ctx *appContext) []list.Item {
	stats := ctx.allStats()
	now := ctx.now()
	items := make([]list.Item, len(ctx.cfg.Scenarios))
	for i, sc := range ctx.cfg.Scenarios {
		items[i] = scenarioItem{sc: sc, progress: scenarioProgress(stats[i], now)}
	}
	return items
}

// refresh brings the progress lines up to date, after a run or a reload.
func (h *homeModel) refresh() tea.Cmd { return h.list.SetItems(homeItems(h.ctx)) }

// restyle applies the current styles to the list.
func (h *homeModel) restyle() {
	st := h.ctx.styles
	h.list.Styles = st.List
	d := list.NewDefaultDelegate()
	d.Styles = st.ListItem
	d.SetHeight(3) // title, facts, progress
	h.list.SetDelegate(d)
	fs := h.list.FilterInput.Styles()
	fs.Cursor.Blink = false // nothing ticks on the home screen
	h.list.FilterInput.SetStyles(fs)
}

// typing reports whether keys go to the filter input.
func (h *homeModel) typing() bool { return h.list.SettingFilter() }

func (h *homeModel) setSize(w, ht int) { h.list.SetSize(max(0, w-2), ht) } // the filter bar overhangs by 2

func (h *homeModel) selected() *model.Scenario {
	if it, ok := h.list.SelectedItem().(scenarioItem); ok {
		return it.sc
	}
	return nil
}

func (h *homeModel) update(msg tea.Msg) tea.Cmd {
	if k, ok := msg.(tea.KeyPressMsg); ok && !h.typing() {
		sc := h.selected()
		switch {
		case sc != nil && key.Matches(k, h.keys.Start):
			return send(scenarioChosenMsg{sc: sc})
		case sc != nil && key.Matches(k, h.keys.From):
			return send(pickStepMsg{sc: sc})
		case sc != nil && key.Matches(k, h.keys.Stats):
			return send(openStatsMsg{sc: sc})
		}
	}
	var cmd tea.Cmd
	h.list, cmd = h.list.Update(msg)
	return cmd
}

func (h *homeModel) view() string {
	if len(h.list.Items()) == 0 {
		return h.ctx.styles.Muted.Render("\n  No scenarios loaded.")
	}
	return h.list.View()
}

func (h *homeModel) help() helpKeys {
	if h.typing() {
		return helpKeys{short: []key.Binding{h.list.KeyMap.AcceptWhileFiltering, h.list.KeyMap.CancelWhileFiltering}}
	}
	lk := h.list.KeyMap
	enabled := h.selected() != nil
	k := h.keys
	k.Start.SetEnabled(enabled)
	k.From.SetEnabled(enabled)
	k.Stats.SetEnabled(enabled)
	short := []key.Binding{k.Start, k.From, k.Stats, lk.Filter, lk.ClearFilter}
	full := [][]key.Binding{
		{lk.CursorUp, lk.CursorDown, lk.NextPage, lk.PrevPage},
		{k.Start, k.From, k.Stats, lk.Filter, lk.ClearFilter},
	}
	return helpKeys{short: short, full: full}
}
