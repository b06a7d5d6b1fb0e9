package ui

import (
	"fmt"
	"path/filepath"
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"rehearse/model"
	"rehearse/scenarios"
)

// errorPanel lists the problems of the latest reload of the scenario
// files, each as path:line:col: message. It sits between the screen and
// the footer and takes no keys but its scroll keys and e (which opens the
// first error), so a run in progress goes on under it: a save can come at
// any moment, mid-line, and a modal box would stop the clock and ask for a
// key just to say something the next save fixes anyway. The panel goes
// away by itself when a reload is clean.
type errorPanel struct {
	diags   scenarios.Diagnostics
	entries []string // what is listed: each diagnostic, then each read error
	errs    int      // how many entries are errors
	files   []string // the files with errors, in order

	first   int      // the first entry shown
	width   int      // the width wrapped was made for
	wrapped []string // entries wrapped to width, continuation lines indented
	starts  []int    // the first wrapped line of each entry
}

// show fills the panel with the problems of a reload: its diagnostics and
// its read error (errors.Join puts one file per line).
func (p *errorPanel) show(ds scenarios.Diagnostics, err error) {
	*p = errorPanel{diags: ds}
	seen := map[string]bool{}
	for _, d := range ds {
		p.entries = append(p.entries, d.String())
		if d.Severity == model.Error {
			p.errs++
			if !seen[d.Path] {
				seen[d.Path] = true
				p.files = append(p.files, d.Path)
			}
		}
	}
	if err != nil {
		for _, l := range strings.Split(err.Error(), "\n") {
			p.entries = append(p.entries, l)
			p.errs++
		}
	}
}

func (p *errorPanel) clear() { *p = errorPanel{} }

func (p *errorPanel) visible() bool { return len(p.entries) > 0 }

// firstError returns the first error with a place in a file, for e.
func (p *errorPanel) firstError() (scenarios.Diagnostic, bool) {
	for _, d := range p.diags {
		if d.Severity == model.Error && d.Path != "" {
			return d, true
		}
	}
	return scenarios.Diagnostic{}, false
}

// wrap lays the entries out for width w (kept until w changes).
func (p *errorPanel) wrap(w int) {
	if w == p.width && p.wrapped != nil {
		return
	}
	p.width, p.wrapped, p.starts = w, nil, nil
	for _, e := range p.entries {
		p.starts = append(p.starts, len(p.wrapped))
		lines := strings.Split(ansi.Wrap(e, max(10, w-4), " "), "\n")
		for i, l := range lines {
			if i > 0 {
				l = "    " + l
			}
			p.wrapped = append(p.wrapped, l)
		}
	}
}

// overflows reports whether the entries need more than rows lines.
func (p *errorPanel) overflows(rows int) bool { return rows > 0 && len(p.wrapped) > rows }

// scroll moves the list by d entries, and stops once the last entry is
// in view. The list always starts with a whole entry.
func (p *errorPanel) scroll(d, rows int) {
	p.first = max(0, min(p.first+d, p.lastFirst(rows)))
}

// lastFirst is the first entry shown when scrolled to the end: the
// earliest from which every remaining line fits in rows.
func (p *errorPanel) lastFirst(rows int) int {
	for i, st := range p.starts {
		if len(p.wrapped)-st <= rows {
			return i
		}
	}
	return max(0, len(p.starts)-1)
}

// shown returns the lines in view and the range of entries they show
// (1-based, for the title).
func (p *errorPanel) shown(rows int) (lines []string, from, to int) {
	p.first = max(0, min(p.first, p.lastFirst(rows)))
	start := p.starts[p.first]
	end := min(len(p.wrapped), start+rows)
	to = p.first
	for to < len(p.starts) && p.starts[to] < end {
		to++
	}
	return p.wrapped[start:end], p.first + 1, to
}

// summary is the panel's title: "2 errors in scenarios.toml".
func (p *errorPanel) summary() string {
	s := plural(p.errs, "error")
	switch len(p.files) {
	case 0:
	case 1:
		s += " in " + filepath.Base(p.files[0])
	default:
		s += fmt.Sprintf(" in %d files", len(p.files))
	}
	return s
}

// panelRows is how many lines of entries the panel shows at this size:
// a quarter of the height, at least two; 0 when the panel is down to its
// title line (small windows) or hidden.
func (a *App) panelRows() int {
	p := &a.files.panel
	if !p.visible() || a.height < 14 || a.width < 30 {
		return 0
	}
	p.wrap(a.width)
	return min(len(p.wrapped), max(2, a.height/4))
}

// panelHeight is the panel's height in lines: its entries, the title and
// the note; only the title in small windows; nothing when hidden or when
// the window is too small for a footer.
func (a *App) panelHeight() int {
	switch {
	case !a.files.panel.visible() || a.height < 6:
		return 0
	case a.panelRows() == 0:
		return 1
	}
	return a.panelRows() + 2
}

// panelView renders the panel in exactly panelHeight lines.
func (a *App) panelView() string {
	h := a.panelHeight()
	if h == 0 {
		return ""
	}
	st, p := a.ctx.styles, &a.files.panel
	bar := st.Over.Render("┃") + " "
	title := bar + st.Over.Render("✗ "+p.summary())
	rows := a.panelRows()
	if rows == 0 {
		return fitWidth(title, a.width)
	}
	lines, from, to := p.shown(rows)
	var where string
	if p.overflows(rows) {
		where = fmt.Sprintf(" (%d–%d of %d)", from, to, len(p.entries))
	}
	for _, tail := range []string{" — still rehearsing the last good version", " — the run goes on", ""} {
		if t := title + st.Muted.Render(tail+where); lipgloss.Width(t) <= a.width || tail == "" {
			title = t
			break
		}
	}
	out := []string{fitWidth(title, a.width)}
	for _, l := range lines {
		out = append(out, fitWidth(bar+"  "+st.Say.Render(l), a.width))
	}
	notes := []string{"fix and save — the panel goes away by itself · e: open the first error",
		"fix and save — the panel goes away by itself", "fix and save"}
	if p.overflows(rows) {
		notes[0] += " · [/]: scroll"
		notes[1] += " · [/]: scroll"
	}
	note := notes[len(notes)-1]
	for _, n := range notes {
		if lipgloss.Width(bar+n) <= a.width {
			note = n
			break
		}
	}
	out = append(out, fitWidth(bar+st.Muted.Render(note), a.width))
	return strings.Join(out, "\n")
}
