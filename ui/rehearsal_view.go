package ui

import (
	"fmt"
	"strings"
	"time"

	"charm.land/lipgloss/v2"

	"rehearse/model"
)

// Full layout needs this much room; anything smaller is stacked.
const (
	fullMinWidth  = 80
	fullMinHeight = 20
)

// layoutDims is where the panes go, worked out whenever the size or the
// phase changes (not on every frame).
type layoutDims struct {
	full     bool
	managerH int // full layout: the manager pane's outer height
	bottomH  int // full layout: the you and pacing panes' outer height
	youW     int
	pacingW  int
}

// dims lays out the panes for the current size and phase, and sizes the
// transcript to the room left over.
func (r *rehearsalModel) dims() layoutDims {
	w, h := r.width, r.height
	d := layoutDims{full: w >= fullMinWidth && h >= fullMinHeight}
	if !d.full {
		r.vp.SetWidth(0)
		r.vp.SetHeight(0)
		return d
	}
	d.pacingW = 30
	if w >= 110 {
		d.pacingW = 34
	}
	d.youW = w - d.pacingW
	youNeed := lipgloss.Height(r.youContent(d.youW-4, 1000)) + 2
	const pacingNeed = 10                                      // eight lines and the border
	managerMin := 2 + lipgloss.Height(r.managerFixed(w-4)) + 2 // border, fixed part, 2 lines of transcript
	avail := h - 1                                             // the cue line
	d.bottomH = max(pacingNeed, min(youNeed, avail-managerMin))
	d.managerH = max(0, avail-d.bottomH)
	r.vp.SetWidth(w - 4)
	r.transRoom = max(0, d.managerH-3-lipgloss.Height(r.managerFixed(w-4))) // border and title
	// When the room shrinks (the reactions menu appears), keep the latest
	// lines in view rather than cutting them off the bottom, unless you
	// had scrolled up to read.
	atBottom := r.vp.AtBottom()
	r.vp.SetHeight(min(r.transRoom, r.vp.TotalLineCount()))
	if atBottom {
		r.vp.GotoBottom()
	}
	return d
}

func (r *rehearsalModel) view() string {
	if r.width <= 0 || r.height <= 0 {
		return ""
	}
	if !r.paneDims.full {
		return r.compactView()
	}
	d := r.paneDims
	st := r.ctx.styles
	manager, you := r.staticPanes()
	pace := renderPane(st, r.pacingContent(d.pacingW-4), d.pacingW, d.bottomH)
	row := lipgloss.JoinHorizontal(lipgloss.Top, you, pace)
	return lipgloss.JoinVertical(lipgloss.Left, manager, row, r.cue(r.width))
}

// paneKey is everything the manager and you panes depend on. They do not
// change while a timer runs, so they are drawn once and kept until it does.
type paneKey struct {
	w, h, yOff, trans, retries int
	phase                      model.Phase
	step                       string
	cutIn                      bool
	dark                       bool
}

// staticPanes returns the manager and you panes, from the cache when
// nothing they show has changed.
func (r *rehearsalModel) staticPanes() (string, string) {
	k := paneKey{w: r.width, h: r.height, yOff: r.vp.YOffset(), trans: len(r.eng.Transcript()),
		retries: r.eng.Retries(), phase: r.eng.Phase(), step: r.eng.Step().ID, cutIn: r.cutIn(),
		dark: r.ctx.dark}
	if r.cacheOK && r.cacheKey == k {
		return r.cacheManager, r.cacheYou
	}
	d, st := r.paneDims, r.ctx.styles
	r.cacheManager = renderPane(st, r.managerContent(r.width-4), r.width, d.managerH)
	r.cacheYou = renderPane(st, r.youContent(d.youW-4, d.bottomH-2), d.youW, d.bottomH)
	r.cacheKey, r.cacheOK = k, true
	return r.cacheManager, r.cacheYou
}

// renderPane draws content in a rounded pane of exactly w×h cells, cutting
// content that does not fit rather than letting the pane grow.
func renderPane(st Styles, content string, w, h int) string {
	if w < 4 || h < 2 {
		return ""
	}
	inner := lipgloss.NewStyle().Width(w - 4).Render(content)
	inner = fitHeight(inner, h-2)
	return st.Pane.Width(w).Height(h).Render(inner)
}

// managerContent is the manager pane: name, transcript, the current line.
func (r *rehearsalModel) managerContent(w int) string {
	parts := []string{r.managerTitle(w)}
	if r.vp.Height() > 0 {
		v := r.vp.View()
		if off := r.vp.YOffset(); off > 0 { // say so, rather than start mid-sentence
			_, rest, _ := strings.Cut(v, "\n")
			v = r.ctx.styles.Muted.Render("↑ " + r.speakerAt(off+1) + ", continued  (↑/↓ to scroll)")
			if r.vp.Height() > 1 {
				v += "\n" + rest
			}
		}
		if !r.vp.AtBottom() && r.vp.Height() > 1 { // and that more follows
			if i := strings.LastIndex(v, "\n"); i >= 0 {
				v = v[:i+1] + r.ctx.styles.Muted.Render("↓ more below  (↓ to scroll)")
			}
		}
		parts = append(parts, v)
	}
	parts = append(parts, r.managerFixed(w))
	return strings.Join(parts, "\n")
}

// managerTitle is "John · your manager" with the scenario title at the right.
func (r *rehearsalModel) managerTitle(w int) string {
	st := r.ctx.styles
	left := st.PaneTitle.Render(r.sc.Label())
	if r.sc.Role != "" && r.sc.Counterpart != "" {
		left += st.PaneMeta.Render(" · " + r.sc.Role)
	}
	right := st.PaneMeta.Render(r.sc.Title)
	gap := w - lipgloss.Width(left) - lipgloss.Width(right)
	if gap < 2 {
		return left
	}
	return left + strings.Repeat(" ", gap) + right
}

// managerFixed is the part of the manager pane below the transcript: the
// current line and, once you have spoken, the reactions to choose from.
func (r *rehearsalModel) managerFixed(w int) string {
	st := r.ctx.styles
	name := r.sc.Label() // it starts sentences here
	var cur string
	switch line := r.eng.ManagerLine(); {
	case r.eng.Phase() == model.PhasePause:
		cur = st.Thinking.Render(name + " is thinking…")
	case line == "":
		cur = st.Thinking.Render(name + " waits for you to speak.")
	default:
		cur = st.ManagerQuote.Width(w).Render(line)
	}
	parts := []string{"", cur}
	if r.eng.Phase() == model.PhaseDone {
		if re := r.reactions(w); re != "" {
			parts = append(parts, "", re)
		}
	}
	return strings.Join(parts, "\n")
}

// reactions lists the numbered reactions of the current step.
func (r *rehearsalModel) reactions(w int) string {
	st := r.ctx.styles
	next := r.eng.Step().Next
	if len(next) == 0 {
		return ""
	}
	lines := []string{st.Label.Render("How might " + r.sc.Name() + " react? Pick one to practise:")}
	for i, re := range next {
		if i >= 9 {
			break
		}
		num := st.ReactionNum.Render(fmt.Sprintf(" %d ", i+1))
		lines = append(lines, num+" "+st.Reaction.Width(max(1, w-4)).Render(re.Label))
	}
	return strings.Join(lines, "\n")
}

// youContent is your pane: the prepared line, its badge and target, and the
// notes. Notes are dropped first when there is no room.
func (r *rehearsalModel) youContent(w, h int) string {
	st := r.ctx.styles
	step := r.eng.Step()
	title := st.PaneTitle.Render("You")
	if step.Key {
		title += " " + st.KeyBadge.Render("KEY LINE")
	}
	if t := r.eng.Target(); t > 0 {
		title += st.PaneMeta.Render("  target " + fmtTarget(t))
	}
	if n := r.eng.Retries(); n > 0 {
		title += st.PaneMeta.Render(fmt.Sprintf("  · take %d", n+1))
	}
	say := st.Say.Width(max(1, w)).Render(strings.TrimSpace(step.Say))
	if strings.TrimSpace(step.Say) == "" {
		say = st.Muted.Render("(nothing prepared — say it in your own words)")
	}
	parts := []string{title, say}
	if notes := r.notes(w); notes != "" && lipgloss.Height(strings.Join(parts, "\n"))+1+lipgloss.Height(notes) <= h {
		parts = append(parts, "", notes)
	}
	return strings.Join(parts, "\n")
}

func (r *rehearsalModel) notes(w int) string {
	st := r.ctx.styles
	var lines []string
	for _, n := range r.eng.Step().Notes {
		lines = append(lines, st.Note.Width(max(1, w)).Render("• "+n))
	}
	return strings.Join(lines, "\n")
}

// pacingContent is the pacing pane: line timer and bar, hesitation,
// meeting clock.
func (r *rehearsalModel) pacingContent(w int) string {
	st := r.ctx.styles
	now := r.ctx.now()
	lines := []string{st.PaneTitle.Render("Pacing"), ""}
	lines = append(lines, r.lineTimer(w, now)...)
	lines = append(lines, "",
		kv(st, "Hesitation", r.hesitation(now), st.Value, w),
		kv(st, "Meeting", r.meeting(now), r.meetingStyle(now), w))
	return strings.Join(lines, "\n")
}

// lineTimer is the line's elapsed time against its target, the bar, and
// what that means in words (so it reads without colour too).
func (r *rehearsalModel) lineTimer(w int, now time.Time) []string {
	st := r.ctx.styles
	el, target := r.eng.LineElapsed(now), r.eng.Target()
	p := pacingOf(el, target)
	value := fmtDur(el)
	if target > 0 {
		value += " / " + fmtTarget(target)
	}
	out := []string{kv(st, "Line", value, st.pacingStyle(p), w)}
	if target > 0 {
		out = append(out, r.barView(w, el, target))
	}
	return append(out, r.pacingWords(p, el, target))
}

func (r *rehearsalModel) barView(w int, el, target time.Duration) string {
	st := r.ctx.styles
	bar := r.bar
	bar.SetWidth(w)
	bar.FullColor = st.barColor(pacingOf(el, target))
	bar.EmptyColor = st.pal.Border
	return bar.ViewAs(min(1, float64(el)/float64(target)))
}

// pacingWords says where the line stands.
func (r *rehearsalModel) pacingWords(p pacing, el, target time.Duration) string {
	st := r.ctx.styles
	ph := r.eng.Phase()
	if a, ok := r.eng.LastAttempt(); ok && ph == model.PhaseDone {
		switch {
		case a.CutOff:
			return st.CutIn.Render("cut off")
		case a.OverTarget():
			return st.Over.Render(verdict(a))
		case a.Rushed():
			return st.Near.Render(verdict(a))
		case a.Target > 0:
			return st.Good.Render(verdict(a))
		}
		return st.Muted.Render("delivered")
	}
	switch {
	case ph == model.PhaseDone:
		return st.Muted.Render("skipped")
	case ph != model.PhaseSpeaking:
		return st.Muted.Render("not started")
	case p == pacingOver:
		return st.Over.Render("over by " + fmtDelta(el-target))
	case p == pacingNear:
		return st.Near.Render("near target — land it")
	}
	return st.Muted.Render("speaking")
}

func (r *rehearsalModel) hesitation(now time.Time) string {
	h := r.eng.Hesitation(now)
	if r.eng.Phase() == model.PhaseReady {
		return fmtWhole(h) // it ticks once a second here
	}
	return fmtDur(h)
}

func (r *rehearsalModel) meeting(now time.Time) string {
	s := fmtWhole(r.eng.MeetingElapsed(now))
	if r.sc.Timebox > 0 {
		s += " / " + fmtWhole(r.sc.Timebox)
	}
	return s
}

func (r *rehearsalModel) meetingStyle(now time.Time) lipgloss.Style {
	if r.sc.Timebox > 0 {
		return r.ctx.styles.pacingStyle(pacingOf(r.eng.MeetingElapsed(now), r.sc.Timebox))
	}
	return r.ctx.styles.Value
}

// kv puts a label on the left and a value on the right of w columns.
func kv(st Styles, label, value string, vs lipgloss.Style, w int) string {
	l, v := st.Label.Render(label), vs.Render(value)
	gap := w - lipgloss.Width(l) - lipgloss.Width(v)
	if gap < 1 {
		return l + " " + v
	}
	return l + strings.Repeat(" ", gap) + v
}

// cue is the one line that says what to do now, in the longest wording
// that fits w columns.
func (r *rehearsalModel) cue(w int) string {
	st := r.ctx.styles
	name := r.sc.Label() // it starts sentences here
	var opts []string
	switch r.eng.Phase() {
	case model.PhasePause:
		opts = []string{
			st.Thinking.Render(name+" is thinking…") + st.Muted.Render("  enter: skip the pause"),
			st.Thinking.Render(name + " is thinking…"),
		}
	case model.PhaseReady:
		opts = []string{
			st.CueStrong.Render("Your turn — press space and say it out loud"),
			st.CueStrong.Render("Your turn — space, then say it"),
			st.CueStrong.Render("Your turn: space"),
		}
	case model.PhaseSpeaking:
		opts = []string{
			st.CueStrong.Render("● Speaking") + st.Cue.Render(" — press space when you finish"),
			st.CueStrong.Render("● Speaking") + st.Cue.Render(" — space when done"),
		}
	case model.PhaseDone:
		opts = r.doneCues()
	}
	prefix := ""
	if r.cutIn() {
		prefix = st.CutIn.Render("✂ " + name + " cut in. ")
	}
	for _, o := range opts {
		if s := " " + prefix + o; lipgloss.Width(s) <= w {
			return s
		}
	}
	if len(opts) == 0 {
		return ""
	}
	return fitWidth(" "+prefix+opts[len(opts)-1], w)
}

// doneCues show the delivery against its target and what to press next,
// longest first.
func (r *rehearsalModel) doneCues() []string {
	st := r.ctx.styles
	name := r.sc.Name()
	var s string
	if a, ok := r.eng.LastAttempt(); ok {
		s = st.Value.Render(fmtDur(a.Delivery))
		if a.Target > 0 {
			s += st.Muted.Render(" / "+fmtTarget(a.Target)) + " "
			switch {
			case a.OverTarget():
				s += st.Over.Render(verdict(a))
			case a.Rushed():
				s += st.Near.Render("⚡ rushed?")
			default:
				s += st.Good.Render("✓")
			}
		}
	} else {
		s = st.Muted.Render("Skipped")
	}
	if r.eng.Step().IsEnd() {
		return []string{
			s + st.Cue.Render("  ·  That was the last line — enter: see the report"),
			s + st.Cue.Render("  ·  enter: report"),
			s,
		}
	}
	pick := reactKeys(len(r.eng.Step().Next))
	return []string{
		s + st.Cue.Render(fmt.Sprintf("  ·  %s: practise a reaction  ·  enter: let %s react", pick, name)),
		s + st.Cue.Render(fmt.Sprintf("  ·  %s: pick  ·  enter: %s reacts", pick, name)),
		s + st.Cue.Render(fmt.Sprintf("  %s or enter", pick)),
		s,
	}
}
