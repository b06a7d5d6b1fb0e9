package ui

import (
	"strings"

	"charm.land/lipgloss/v2"

	"rehearse/model"
)

// shownTranscript returns the transcript above the current line: every
// entry before the manager's line of the step now being played.
func (r *rehearsalModel) shownTranscript() []model.Line {
	lines := r.eng.Transcript()
	if r.eng.Phase() == model.PhasePause {
		return lines
	}
	cur := r.eng.Step().ID
	for i := len(lines) - 1; i >= 0; i-- {
		if lines[i].Speaker == model.Manager && lines[i].Step == cur {
			return lines[:i]
		}
	}
	return lines
}

// syncTranscript re-renders the transcript into its viewport when it has
// grown or the width changed, and scrolls to the latest line.
func (r *rehearsalModel) syncTranscript(force bool) {
	lines := r.shownTranscript()
	w := r.vp.Width()
	if !force && len(lines) == r.vpLines && w == r.vpWidth {
		return
	}
	r.vpLines, r.vpWidth = len(lines), w
	if w <= 0 {
		r.vp.SetContent("")
		return
	}
	content, starts := renderTranscript(r.ctx.styles, r.sc.Label(), lines, w)
	r.vp.SetContent(content)
	r.vpStarts, r.vpWho = starts, make([]string, len(lines))
	for i, l := range lines {
		r.vpWho[i] = r.sc.Label()
		if l.Speaker == model.You {
			r.vpWho[i] = "You"
		}
	}
	// The transcript takes only the lines it has, so the current line sits
	// right under it and the spare room falls below.
	r.vp.SetHeight(min(r.transRoom, r.vp.TotalLineCount()))
	r.vp.GotoBottom()
}

// renderTranscript lays the transcript out as two columns: who, and what
// they said, with cut-offs and skips marked.
// It also returns the first line of each entry.
func renderTranscript(st Styles, name string, lines []model.Line, w int) (string, []int) {
	if len(lines) == 0 {
		return "", nil
	}
	starts := make([]int, 0, len(lines))
	row := 0
	nameW := max(lipgloss.Width(name), 3) + 2
	textW := max(1, w-nameW)
	var b strings.Builder
	for i, l := range lines {
		if i > 0 {
			b.WriteString("\n")
		}
		who, text, style := name, l.Text, st.TransThem
		if l.Speaker == model.You {
			who, style = "You", st.TransYou
		}
		body := style.Width(textW).Render(strings.TrimSpace(text))
		switch {
		case l.Skipped:
			body = st.TransMark.Render("(skipped)")
		case l.CutOff:
			body = style.Width(textW).Render(strings.TrimSpace(text)+" ") + "\n" + st.TransMark.Render("✂ cut off")
		}
		label := lipgloss.NewStyle().Width(nameW).Render(st.Label.Render(who))
		entry := lipgloss.JoinHorizontal(lipgloss.Top, label, body)
		starts = append(starts, row)
		row += lipgloss.Height(entry)
		b.WriteString(entry)
	}
	return b.String(), starts
}

// speakerAt names who said transcript line n.
func (r *rehearsalModel) speakerAt(n int) string {
	who := ""
	for i, start := range r.vpStarts {
		if start > n {
			break
		}
		who = r.vpWho[i]
	}
	return who
}
