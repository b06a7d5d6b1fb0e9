package ui

import (
	"fmt"
	"math"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"rehearse/model"
)

// openStatsMsg opens the stats screen on sc.
type openStatsMsg struct{ sc *model.Scenario }

// statsModel is the stats screen: for one scenario at a time, how the
// practice has gone — runs, readiness, the reactions met, and every line
// weakest first with its times and a sparkline of the recent takes.
type statsModel struct {
	ctx    *appContext
	keys   statsKeys
	scs    []*model.Scenario
	stats  []model.ScenarioStats // one per scenario, worked out on opening
	idx    int
	vp     viewport.Model
	width  int
	height int
}

func newStats(ctx *appContext, sc *model.Scenario) *statsModel {
	sm := &statsModel{ctx: ctx, keys: ctx.keys.Stats, scs: ctx.cfg.Scenarios, stats: ctx.allStats()}
	for i, s := range sm.scs {
		if s == sc {
			sm.idx = i
		}
	}
	sm.vp = newPage()
	return sm
}

func (sm *statsModel) setSize(w, h int) {
	if w == sm.width && h == sm.height {
		return
	}
	sm.width, sm.height = w, h
	sm.vp.SetWidth(w)
	sm.vp.SetHeight(h)
	sm.reflow()
}

// reflow lays the current scenario out again, for a new width or new
// styles.
func (sm *statsModel) reflow() {
	if len(sm.stats) == 0 {
		sm.vp.SetContent("")
		return
	}
	sm.vp.SetContent(sm.render(sm.width))
}

func (sm *statsModel) update(msg tea.Msg) tea.Cmd {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil
	}
	n := len(sm.stats)
	switch {
	case key.Matches(k, sm.keys.Back):
		return send(goHomeMsg{})
	case n > 1 && key.Matches(k, sm.keys.Next):
		sm.show((sm.idx + 1) % n)
	case n > 1 && key.Matches(k, sm.keys.Prev):
		sm.show((sm.idx + n - 1) % n)
	case key.Matches(k, sm.keys.Scroll):
		scrollViewport(&sm.vp, k.String())
	}
	return nil
}

// show switches to the i-th scenario, from its top.
// setScenarios takes the reloaded scenarios, staying on the one shown when
// it still exists.
func (sm *statsModel) setScenarios(ctx *appContext) {
	id := ""
	if sm.idx < len(sm.scs) {
		id = sm.scs[sm.idx].ID
	}
	sm.scs, sm.stats, sm.idx = ctx.cfg.Scenarios, ctx.allStats(), 0
	for i, sc := range sm.scs {
		if sc.ID == id {
			sm.idx = i
		}
	}
	sm.reflow()
}

func (sm *statsModel) show(i int) {
	sm.idx = i
	sm.reflow()
	sm.vp.GotoTop()
}

func (sm *statsModel) help() helpKeys {
	ks := sm.keys
	ks.Next.SetEnabled(len(sm.stats) > 1)
	ks.Prev.SetEnabled(len(sm.stats) > 1)
	ks.Scroll.SetEnabled(sm.vp.TotalLineCount() > sm.vp.Height())
	return helpKeys{short: []key.Binding{ks.Next, ks.Scroll, ks.Back},
		full: [][]key.Binding{{ks.Next, ks.Prev}, {ks.Scroll, ks.Back}}}
}

func (sm *statsModel) view() string {
	if len(sm.stats) == 0 {
		return sm.ctx.styles.Muted.Render("\n  No scenarios loaded.")
	}
	return sm.vp.View()
}

// render lays the current scenario's stats out for width w.
func (sm *statsModel) render(w int) string {
	if w <= 0 {
		return ""
	}
	st := sm.stats[sm.idx]
	inner := max(1, w-2)
	sections := []string{sm.header(st, inner)}
	if st.Runs == 0 && !anyPractised(st.Lines) {
		sections = append(sections, sm.ctx.styles.Say.Width(inner).
			Render("No attempts yet — press enter on home to rehearse."))
	} else {
		if len(st.Lines) > 0 {
			sections = append(sections, sm.table(st, inner))
		}
		sections = append(sections, sm.missing(st, inner))
	}
	return lipgloss.NewStyle().PaddingLeft(1).Render(strings.Join(sections, "\n\n"))
}

func anyPractised(lines []model.LineStats) bool {
	for _, l := range lines {
		if l.Practised() {
			return true
		}
	}
	return false
}

// header is the title, the runs, when you last practised, readiness and
// the reactions met.
func (sm *statsModel) header(st model.ScenarioStats, w int) string {
	s := sm.ctx.styles
	sc := sm.scs[sm.idx]
	title := s.Title.Render(fitWidth("Timings — "+scenarioTitle(sc), w))
	if n := len(sm.stats); n > 1 {
		pos := s.Muted.Render(fmt.Sprintf("‹ %d of %d ›", sm.idx+1, n))
		if lipgloss.Width(title)+2+lipgloss.Width(pos) <= w {
			title += strings.Repeat(" ", w-lipgloss.Width(title)-lipgloss.Width(pos)) + pos
		}
	}
	runs := plural(st.Runs, "run")
	if st.Abandoned > 0 {
		runs += fmt.Sprintf(" (%d abandoned)", st.Abandoned)
	}
	facts := []string{s.readinessStyle(st.Readiness).Render(readinessText(st.Readiness)), runs}
	if !st.LastPractised.IsZero() {
		facts = append(facts, "last practised "+ago(st.LastPractised, sm.ctx.now()))
	}
	wrap := lipgloss.NewStyle().Width(w)
	return title + "\n" + wrap.Render(s.Subtitle.Render(strings.Join(facts, s.Muted.Render(" · ")))) +
		"\n" + wrap.Render(sm.coverage(st.Coverage))
}

// coverage is "Reactions ███████░░░░░ 7 of 12 met": one cell a reaction,
// scaled down past twenty.
func (sm *statsModel) coverage(c model.Coverage) string {
	s := sm.ctx.styles
	cells := min(c.Total, 20)
	met := 0
	if c.Total > 0 {
		met = int(math.Round(float64(c.Met) * float64(cells) / float64(c.Total)))
	}
	bar := s.BarMet.Render(strings.Repeat("█", met)) + s.BarMissing.Render(strings.Repeat("░", cells-met))
	text := fmt.Sprintf("%s met", coverageText(c))
	if c.Total == 0 {
		text = "no reactions to meet"
	}
	return s.Label.Render("Reactions ") + bar + " " + s.Value.Render(text)
}

func scenarioTitle(sc *model.Scenario) string {
	if sc.Title != "" {
		return sc.Title
	}
	return sc.ID
}

// Stats table columns, in screen order.
const (
	scName = iota
	scTries
	scBest
	scMedian
	scTarget
	scOver
	scHes
	scRecent
)

// table lists the lines weakest first. Narrow screens give up hesitation,
// then the target, tries and share over; the line, its best, its median and
// the sparkline stay.
func (sm *statsModel) table(st model.ScenarioStats, w int) string {
	s := sm.ctx.styles
	cols := []column{
		scName: {title: "Line", max: max(8, min(24, w/3))}, scTries: {title: "Tries", prio: 3},
		scBest: {title: "Best", prio: 1}, scMedian: {title: "Median", prio: 1},
		scTarget: {title: "Target", prio: 4}, scOver: {title: "Over", prio: 3},
		scHes: {title: "Hesitation", prio: 5}, scRecent: {title: "Recent", prio: 2, flex: 8},
	}
	cells := make([][]string, len(st.Lines))
	rewritten := false
	for i, l := range st.Lines {
		cells[i] = lineCells(l)
		rewritten = rewritten || l.Rewritten
	}
	g := newGrid(cols, cells, w)
	for i, l := range st.Lines {
		cells[i][scRecent] = sm.recent(l, g.widthOf(scRecent))
	}
	out := []string{g.header(func(t string) string { return s.Head.Render(t) })}
	for _, c := range cells {
		out = append(out, g.row(c))
	}
	var legend []string
	if g.shown(scMedian) {
		legend = append(legend, "Median of the last five timed takes.")
	}
	if g.shown(scOver) {
		legend = append(legend, "Over: share of takes past the target.")
	}
	if len(legend) > 0 {
		legend = append(legend, "Weakest lines first.")
	}
	wrap := lipgloss.NewStyle().Width(w)
	if len(legend) > 0 {
		out = append(out, "", wrap.Render(s.Muted.Render(strings.Join(legend, " "))))
	}
	if rewritten {
		out = append(out, wrap.Render(s.Muted.Render("✎ rewritten: only takes of the current words count, once there are any.")))
	}
	return strings.Join(out, "\n")
}

// lineCells are a line's numbers as text; the sparkline comes later, once
// its width is known.
func lineCells(l model.LineStats) []string {
	name := l.Step
	if l.Key {
		name += " ★"
	}
	if l.Rewritten {
		name += " ✎"
	}
	c := make([]string, scRecent+1)
	c[scName] = name
	c[scTries] = fmt.Sprint(l.Attempts)
	c[scBest], c[scMedian], c[scTarget], c[scOver], c[scHes] = "—", "—", "—", "—", "—"
	if l.Target > 0 {
		c[scTarget] = fmtTarget(l.Target)
	}
	if l.Practised() {
		c[scHes] = fmtDur(l.Hesitation)
	}
	if l.Timed() {
		c[scBest], c[scMedian] = fmtDur(l.Best), fmtDur(l.MedianLast5)
		if l.Target > 0 {
			c[scOver] = fmt.Sprintf("%d%%", int(math.Round(l.OverShare*100)))
		}
	}
	return c
}

// recent is the sparkline of a line's latest timed takes, as many as fit
// in w, or a word when there is nothing to draw.
func (sm *statsModel) recent(l model.LineStats, w int) string {
	s := sm.ctx.styles
	switch {
	case w <= 0:
		return ""
	case !l.Practised():
		return s.Muted.Render("not yet")
	case !l.Timed():
		return s.Muted.Render("no full take") // every take was cut off or rushed
	}
	ds := l.Recent
	if len(ds) > w {
		ds = ds[len(ds)-w:]
	}
	return s.Spark.Render(model.Sparkline(ds))
}

// missing lists the reactions never met, so the next run can go looking
// for them.
func (sm *statsModel) missing(st model.ScenarioStats, w int) string {
	s := sm.ctx.styles
	if st.Coverage.Total == 0 {
		return ""
	}
	if len(st.Coverage.Missing) == 0 {
		return s.Good.Render("Every reaction met at least once.")
	}
	wrap := lipgloss.NewStyle().Width(w)
	out := []string{s.Head.Render("Not yet practised:")}
	for _, m := range st.Coverage.Missing {
		out = append(out, wrap.Render(s.Muted.Render("  "+m.Step+" → "+m.Label)))
	}
	return strings.Join(out, "\n")
}
