package ui

import (
	"strings"
	"time"

	"charm.land/lipgloss/v2"

	"rehearse/model"
)

// compactView stacks the three panes without borders for small terminals
// (down to 40×12 and below): the manager's line, yours (or the reactions),
// one line of pacing, and the cue.
func (r *rehearsalModel) compactView() string {
	st := r.ctx.styles
	w, h := r.width, r.height
	now := r.ctx.now()
	bottom := []string{r.compactPacing(w, now), r.cue(w)}
	if h < 4 {
		return fitHeight(strings.Join(bottom[1:], "\n"), h)
	}
	top := r.compactManager(w, max(1, min(4, (h-3)/3)))
	rule := st.Rule.Render(strings.Repeat("─", w))
	room := h - lipgloss.Height(top) - len(bottom) - 2
	var mid string
	if room > 0 {
		mid = fitHeight(r.compactYou(w, room), room)
	}
	parts := []string{top, rule}
	if room > 0 {
		parts = append(parts, mid, rule)
	}
	parts = append(parts, bottom...)
	return fitHeight(strings.Join(parts, "\n"), h)
}

// compactManager is the manager's current line, at most maxLines long.
func (r *rehearsalModel) compactManager(w, maxLines int) string {
	st := r.ctx.styles
	name := r.sc.Label()
	if r.eng.Phase() == model.PhasePause {
		return st.Thinking.Render(fitWidth(name+" is thinking…", w))
	}
	line := r.eng.ManagerLine()
	if line == "" {
		return st.Thinking.Render(fitWidth(name+" waits for you.", w))
	}
	text := st.ManagerLine.Width(max(1, w)).Render(name + ": " + line)
	return clampLines(text, maxLines)
}

// compactYou is your line, or the reactions once you have delivered it.
func (r *rehearsalModel) compactYou(w, h int) string {
	st := r.ctx.styles
	if r.eng.Phase() == model.PhaseDone && len(r.eng.Step().Next) > 0 {
		var lines []string
		for i, re := range r.eng.Step().Next {
			if i >= 9 {
				break
			}
			lines = append(lines, st.ReactionNum.Render(string(rune('1'+i)))+" "+st.Reaction.Render(re.Label))
		}
		return strings.Join(lines, "\n")
	}
	say := strings.TrimSpace(r.eng.Step().Say)
	if r.eng.Step().Key {
		say = st.KeyBadge.Render("KEY") + " " + say
	}
	return clampLines(st.Say.Width(max(1, w)).Render(say), h)
}

// compactPacing is the line timer, a short bar and the hesitation on one
// line.
func (r *rehearsalModel) compactPacing(w int, now time.Time) string {
	st := r.ctx.styles
	el, target := r.eng.LineElapsed(now), r.eng.Target()
	p := pacingOf(el, target)
	s := fmtDur(el)
	if target > 0 {
		s += "/" + fmtTarget(target)
	}
	out := st.pacingStyle(p).Render(s)
	rest := " " + st.Label.Render("hes ") + st.Value.Render(r.hesitation(now)) +
		" " + st.Label.Render("mtg ") + st.Value.Render(r.meeting(now))
	barW := w - lipgloss.Width(out) - lipgloss.Width(rest) - 1
	if target > 0 && barW >= 4 {
		out += " " + r.barView(min(barW, 20), el, target)
	}
	return fitWidth(out+rest, w)
}

// clampLines keeps the first n lines of s, marking a cut with "…".
func clampLines(s string, n int) string {
	lines := strings.Split(s, "\n")
	if len(lines) <= n {
		return s
	}
	lines = lines[:n]
	lines[n-1] = strings.TrimRight(lines[n-1], " ") + "…"
	return strings.Join(lines, "\n")
}
