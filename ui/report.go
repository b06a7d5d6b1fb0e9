package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"rehearse/model"
)

// reportModel is the end-of-run report: every line against its target and
// against your earlier attempts at it, totals, the reactions met and
// missed, and the seed to repeat the run.
type reportModel struct {
	ctx        *appContext
	keys       reportKeys
	sc         *model.Scenario
	run        model.Run
	transcript []model.Line
	cmp        []model.Comparison // per attempt of run, against earlier runs
	vp         viewport.Model
	width      int
	height     int
}

func newReport(ctx *appContext, sc *model.Scenario, run model.Run, transcript []model.Line) *reportModel {
	rp := &reportModel{ctx: ctx, keys: ctx.keys.Report, sc: sc, run: run, transcript: transcript}
	// Compare with runs before this one only: a retake is not a personal
	// best over the take it replaced.
	earlier := ctx.past.before(run.ID)
	rp.cmp = make([]model.Comparison, len(run.Attempts))
	for i, a := range run.Attempts {
		rp.cmp[i] = model.Compare(earlier, a)
	}
	rp.vp = newPage()
	return rp
}

func (rp *reportModel) setSize(w, h int) {
	if w == rp.width && h == rp.height {
		return
	}
	rp.width, rp.height = w, h
	rp.vp.SetWidth(w)
	rp.vp.SetHeight(h)
	rp.reflow()
}

// reflow lays the report out again, for a new width or new styles.
func (rp *reportModel) reflow() { rp.vp.SetContent(rp.render(rp.width)) }

func (rp *reportModel) update(msg tea.Msg) tea.Cmd {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil
	}
	switch {
	case key.Matches(k, rp.keys.Again):
		return send(beginRunMsg{sc: rp.sc, opts: rp.againOptions()})
	case key.Matches(k, rp.keys.Fresh):
		return send(beginRunMsg{sc: rp.sc, opts: model.Options{From: rp.run.From}})
	case key.Matches(k, rp.keys.Back):
		return send(goHomeMsg{})
	case key.Matches(k, rp.keys.Scroll):
		scrollViewport(&rp.vp, k.String())
	}
	return nil
}

// againOptions repeat this run exactly: same seed, same start, same
// reactions.
func (rp *reportModel) againOptions() model.Options {
	return model.Options{Seed: rp.run.Seed, From: rp.run.From, Replay: rp.run.Taken}
}

func (rp *reportModel) help() helpKeys {
	ks := rp.keys
	ks.Scroll.SetEnabled(rp.vp.TotalLineCount() > rp.vp.Height())
	return helpKeys{short: []key.Binding{ks.Again, ks.Fresh, ks.Scroll, ks.Back}}
}

func (rp *reportModel) view() string { return rp.vp.View() }

// render lays the whole report out for width w.
func (rp *reportModel) render(w int) string {
	if w <= 0 {
		return ""
	}
	sections := []string{rp.header(), rp.table(w), rp.totals(w), rp.reactions(w)}
	out := strings.Join(sections, "\n\n")
	return lipgloss.NewStyle().Width(w).PaddingLeft(1).Render(out)
}

func (rp *reportModel) header() string {
	st := rp.ctx.styles
	run := rp.run
	meeting := fmtWhole(run.Ended.Sub(run.Started))
	if rp.sc.Timebox > 0 {
		meeting += " of " + fmtWhole(rp.sc.Timebox)
	}
	facts := []string{"Meeting " + meeting, fmt.Sprintf("seed %d", run.Seed)}
	if run.From != "" {
		facts = append(facts, "from "+run.From)
	}
	return st.Title.Render("How it went — "+rp.sc.Title) + "\n" + st.Subtitle.Render(strings.Join(facts, " · "))
}

// reportRow is one line of the report table: the delivery against its
// target, then against your earlier attempts at the line.
type reportRow struct {
	name, target, actual, hes, verdict string
	style                              lipgloss.Style
	best, median, change, mark         string // styled; "" when there is nothing to compare
}

// rows walks the steps visited and the attempts made in each visit, in
// order, so a line you skipped shows up as skipped and a step visited twice
// shows twice.
func (rp *reportModel) rows() []reportRow {
	st := rp.ctx.styles
	var rows []reportRow
	i := 0
	as := rp.run.Attempts
	for v, id := range rp.run.Steps {
		n := 0
		for i < len(as) && as[i].Visit == v {
			row := attemptRow(st, as[i], n)
			compareRow(st, &row, as[i], rp.cmp[i])
			rows = append(rows, row)
			i, n = i+1, n+1
		}
		if n == 0 {
			rows = append(rows, rp.undeliveredRow(id))
		}
	}
	return rows
}

// undeliveredRow is a line you skipped: still marked as a key line, with
// the target it would have had.
func (rp *reportModel) undeliveredRow(id string) reportRow {
	row := reportRow{name: id, target: "—", actual: "—", verdict: "not delivered", style: rp.ctx.styles.Muted}
	if step, ok := rp.sc.Step(id); ok {
		if step.Key {
			row.name += " ★"
		}
		if t := rp.sc.Target(step); t > 0 {
			row.target = fmtTarget(t)
		}
	}
	return row
}

func attemptRow(st Styles, a model.Attempt, take int) reportRow {
	row := reportRow{name: a.Step, target: "—", actual: fmtDur(a.Delivery), hes: fmtDur(a.Hesitation), style: st.Say}
	if take > 0 {
		row.name += fmt.Sprintf(" (take %d)", take+1)
	}
	if a.Key {
		row.name += " ★"
	}
	if a.Target > 0 {
		row.target = fmtTarget(a.Target)
		row.verdict = verdict(a)
		row.style = st.Good
		if a.OverTarget() {
			row.style = st.Over
		}
	}
	if a.CutOff {
		row.verdict = strings.TrimSpace("✂ cut off  " + row.verdict)
		row.style = st.CutIn
	}
	return row
}

// compareRow fills in how a delivery compares with the earlier ones: a
// personal best is a small win, a clear slowdown is flagged in words that
// need no colour.
func compareRow(st Styles, row *reportRow, a model.Attempt, c model.Comparison) {
	switch {
	case a.CutOff:
		return // cut short by the manager: neither better nor worse
	case c.Previous == 0:
		row.mark = st.Muted.Render(" first time") // in line with the PB badge's letters
		return
	}
	row.best = st.Change.Render(fmtDur(c.Best))
	row.median = st.Change.Render(fmtDur(c.MedianLast5))
	row.change = st.Change.Render(fmtChange(c.Change))
	switch {
	case c.PersonalBest:
		row.mark = st.PB.Render("PB")
	case c.Worse:
		row.mark = " " + st.Slower.Render("▲ slower")
		row.change = st.Slower.Render(fmtChange(c.Change))
	}
}

// Report columns, in screen order.
const (
	rcName = iota
	rcTarget
	rcActual
	rcHes
	rcVerdict
	rcBest
	rcMedian
	rcChange
	rcMark
)

// table renders the rows in columns. Narrow screens give up whole columns,
// least useful first: hesitation, then your best and median, the change,
// the target; the line, its time and its PB or ▲ slower stay.
func (rp *reportModel) table(w int) string {
	st := rp.ctx.styles
	rows := rp.rows()
	cols := []column{
		rcName: {title: "Line", prio: 0, max: max(8, min(24, w/3))}, rcTarget: {title: "Target", prio: 3},
		rcActual: {title: "Actual", prio: 0}, rcHes: {title: "Hesitation", prio: 6},
		rcVerdict: {title: "vs target", prio: 2}, rcBest: {title: "Best", prio: 5},
		rcMedian: {title: "Median", prio: 5}, rcChange: {title: "Change", prio: 4},
		rcMark: {title: "", prio: 1},
	}
	cells := make([][]string, len(rows))
	compared := false
	for i, r := range rows {
		cells[i] = []string{r.name, r.target, r.actual, r.hes, r.style.Render(r.verdict),
			r.best, r.median, r.change, r.mark}
		compared = compared || r.best != ""
	}
	if !compared { // nothing to compare yet: no empty columns
		cols[rcBest].prio, cols[rcMedian].prio, cols[rcChange].prio = -1, -1, -1
	}
	g := newGrid(cols, cells, max(1, w-2))
	out := []string{g.header(func(s string) string { return st.Head.Render(s) })}
	for _, c := range cells {
		out = append(out, g.row(c))
	}
	if compared && g.shown(rcMedian) {
		out = append(out, "", lipgloss.NewStyle().Width(max(1, w-2)).Render(
			st.Muted.Render("Best and median are of your earlier runs; the median of the last five.")))
	}
	return strings.Join(out, "\n")
}

// totals sums the run up in one short paragraph.
func (rp *reportModel) totals(w int) string {
	st := rp.ctx.styles
	sum := model.Summarize(rp.run.Attempts)
	deliveries := fmt.Sprintf("%d deliveries", sum.Deliveries)
	if sum.Deliveries == 1 {
		deliveries = "1 delivery"
	}
	keys := fmt.Sprintf("%d of %d key lines on target", sum.KeyOnTarget, sum.KeyLines)
	if sum.KeyLines == 0 {
		keys = "no key line delivered"
	}
	facts := []string{deliveries, keys, fmt.Sprintf("%d over", sum.Over)}
	if sum.Rushed > 0 {
		facts = append(facts, fmt.Sprintf("%d rushed", sum.Rushed))
	}
	facts = append(facts, fmt.Sprintf("%d cut off", sum.CutOff), "speaking "+fmtWhole(sum.Speaking))
	if sum.Deliveries > 0 {
		facts = append(facts, "average hesitation "+fmtDur(sum.MeanHesitation))
	}
	out := st.Head.Render("Totals") + "\n" + lipgloss.NewStyle().Width(max(1, w-2)).Render(joinFacts(facts))
	if line := rp.progress(); line != "" {
		out += "\n" + lipgloss.NewStyle().Width(max(1, w-2)).Render(line)
	}
	return out
}

// joinFacts joins short phrases with " · " so that wrapping breaks only
// between them, never inside "average hesitation 4.3s".
func joinFacts(facts []string) string {
	kept := make([]string, len(facts))
	for i, f := range facts {
		kept[i] = strings.ReplaceAll(f, " ", nbsp)
	}
	return strings.Join(kept, nbsp+"· ")
}

// nbsp is a space that does not break a line.
const nbsp = "\u00a0"

// progress counts the personal bests and the lines that got slower, the
// good news first.
func (rp *reportModel) progress() string {
	st := rp.ctx.styles
	var pb, slower int
	for _, c := range rp.cmp {
		if c.PersonalBest {
			pb++
		}
		if c.Worse {
			slower++
		}
	}
	var parts []string
	switch {
	case pb == 1:
		parts = append(parts, st.Selected.Render("1 personal best"))
	case pb > 1:
		parts = append(parts, st.Selected.Render(fmt.Sprintf("%d personal bests", pb)))
	}
	switch {
	case slower == 1:
		parts = append(parts, st.Slower.Render("1 line slower than usual"))
	case slower > 1:
		parts = append(parts, st.Slower.Render(fmt.Sprintf("%d lines slower than usual", slower)))
	}
	return strings.Join(parts, st.Muted.Render(" · "))
}

// reactions lists the reactions this run met, and those of the scenario it
// did not, so the next run can go looking for them.
func (rp *reportModel) reactions(w int) string {
	st := rp.ctx.styles
	name := rp.sc.Name()
	wrap := lipgloss.NewStyle().Width(max(1, w-4))
	met := map[string]bool{}
	var taken []string
	for _, t := range rp.run.Taken {
		met[fmt.Sprintf("%s/%d", t.Step, t.Index)] = true
		label := t.Label
		if t.Index < 0 {
			label = rp.sc.Label() + " cut in"
		}
		if t.ByUser {
			label += st.Muted.Render(" (you chose)")
		}
		taken = append(taken, wrap.Render("  "+t.Step+" → "+label))
	}
	var missed []string
	for _, s := range rp.sc.Steps {
		for j, re := range s.Next {
			if !met[fmt.Sprintf("%s/%d", s.ID, j)] {
				missed = append(missed, wrap.Render("  "+s.ID+" → "+re.Label))
			}
		}
		if s.Interrupt != nil && !met[s.ID+"/-1"] {
			missed = append(missed, wrap.Render("  "+s.ID+" → "+name+" cuts in"))
		}
	}
	out := st.Head.Render("Reactions you met") + "\n"
	if len(taken) == 0 {
		out += st.Muted.Render("  none")
	}
	out += strings.Join(taken, "\n")
	out += "\n\n" + st.Head.Render("Not met this run") + "\n"
	if len(missed) == 0 {
		out += st.Good.Render("  none — you met every reaction")
	}
	return out + st.Muted.Render(strings.Join(missed, "\n"))
}
