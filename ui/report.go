package ui

import (
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"rehearse/model"
)

// reportModel is the end-of-run report: every line against its target,
// totals, the reactions met and missed, and the seed to repeat the run.
type reportModel struct {
	ctx        *appContext
	keys       reportKeys
	sc         *model.Scenario
	run        model.Run
	transcript []model.Line
	vp         viewport.Model
	width      int
	height     int
}

func newReport(ctx *appContext, sc *model.Scenario, run model.Run, transcript []model.Line) *reportModel {
	rp := &reportModel{ctx: ctx, keys: ctx.keys.Report, sc: sc, run: run, transcript: transcript}
	rp.vp = viewport.New()
	rp.vp.KeyMap = viewport.KeyMap{}
	return rp
}

func (rp *reportModel) setSize(w, h int) {
	if w == rp.width && h == rp.height {
		return
	}
	rp.width, rp.height = w, h
	rp.vp.SetWidth(w)
	rp.vp.SetHeight(h)
	rp.vp.SetContent(rp.render(w))
}

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
		switch k.String() {
		case "up":
			rp.vp.ScrollUp(1)
		case "down":
			rp.vp.ScrollDown(1)
		case "pgup":
			rp.vp.PageUp()
		case "pgdown":
			rp.vp.PageDown()
		}
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

// reportRow is one line of the report table.
type reportRow struct {
	name, target, actual, hes, verdict string
	style                              lipgloss.Style
}

// rows walks the steps visited and the attempts made, in order, so a line
// you skipped shows up as skipped.
func (rp *reportModel) rows() []reportRow {
	st := rp.ctx.styles
	var rows []reportRow
	as := rp.run.Attempts
	for _, id := range rp.run.Steps {
		n := 0
		for len(as) > 0 && as[0].Step == id {
			rows = append(rows, attemptRow(st, as[0], n))
			as, n = as[1:], n+1
		}
		if n == 0 {
			rows = append(rows, reportRow{name: id, target: "", actual: "—", verdict: "not delivered", style: st.Muted})
		}
	}
	return rows
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

// table renders the rows in columns; narrow screens lose the hesitation.
func (rp *reportModel) table(w int) string {
	st := rp.ctx.styles
	rows := rp.rows()
	nameW := 6
	for _, r := range rows {
		nameW = max(nameW, lipgloss.Width(r.name))
	}
	nameW = min(nameW, max(8, w/3))
	withHes := w >= 60
	cell := func(s string, n int) string {
		return lipgloss.NewStyle().Width(n).MaxWidth(n).Render(s)
	}
	line := func(name, target, actual, hes, verdict string) string {
		s := cell(name, nameW+2) + cell(target, 8) + cell(actual, 8)
		if withHes {
			s += cell(hes, 12)
		}
		return s + verdict
	}
	out := []string{st.Head.Render(line("Line", "Target", "Actual", "Hesitation", "vs target"))}
	for _, r := range rows {
		out = append(out, line(r.name, r.target, r.actual, r.hes, r.style.Render(r.verdict)))
	}
	return strings.Join(out, "\n")
}

// totals sums the run up in one short paragraph.
func (rp *reportModel) totals(w int) string {
	st := rp.ctx.styles
	var keyN, keyOK, over, cut int
	var speaking, hes time.Duration
	for _, a := range rp.run.Attempts {
		speaking += a.Delivery
		hes += a.Hesitation
		if a.Key && a.Target > 0 {
			keyN++
			if !a.OverTarget() && !a.CutOff {
				keyOK++
			}
		}
		if a.OverTarget() {
			over++
		}
		if a.CutOff {
			cut++
		}
	}
	n := len(rp.run.Attempts)
	deliveries := fmt.Sprintf("%d deliveries", n)
	if n == 1 {
		deliveries = "1 delivery"
	}
	facts := []string{deliveries, fmt.Sprintf("%d of %d key lines on target", keyOK, keyN),
		fmt.Sprintf("%d over", over), fmt.Sprintf("%d cut off", cut), "speaking " + fmtWhole(speaking)}
	if n > 0 {
		facts = append(facts, "average hesitation "+fmtDur(hes/time.Duration(n)))
	}
	return st.Head.Render("Totals") + "\n" + lipgloss.NewStyle().Width(max(1, w-2)).Render(strings.Join(facts, " · "))
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
			label = name + " cut in"
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
