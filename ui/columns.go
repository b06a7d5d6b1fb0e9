package ui

import (
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// column is one column of a grid that gives up its least useful columns,
// whole, when the screen is narrow, rather than wrapping rows into each
// other.
type column struct {
	title string
	prio  int // 0 is kept longest; higher numbers go first; negative never shows
	max   int // cut wider cells to this (with "…"); 0 means no limit
	flex  int // > 0: the column takes the room left over, and needs at least this
}

// colGap is the space between two columns.
const colGap = 2

// grid lays rows of pre-styled cells out in columns within width w. Cells
// are cut, never wrapped.
type grid struct {
	cols  []column
	width []int // per column; 0 = dropped
}

// newGrid decides which columns fit in w, given every row's cells (the
// header row is the titles).
func newGrid(cols []column, rows [][]string, w int) grid {
	g := grid{cols: cols, width: make([]int, len(cols))}
	need := make([]int, len(cols))
	for i, c := range cols {
		need[i] = ansi.StringWidth(c.title)
		for _, r := range rows {
			if i < len(r) {
				need[i] = max(need[i], ansi.StringWidth(r[i]))
			}
		}
		if c.max > 0 {
			need[i] = min(need[i], c.max)
		}
		if c.flex > 0 {
			need[i] = c.flex
		}
	}
	used := 0
	for p := 0; p <= maxPrio(cols); p++ {
		for i, c := range cols {
			if c.prio != p {
				continue
			}
			gap := 0
			if used > 0 {
				gap = colGap
			}
			if used+gap+need[i] <= w {
				g.width[i] = need[i]
				used += gap + need[i]
			}
		}
	}
	for i, c := range cols {
		if c.flex > 0 && g.width[i] > 0 {
			g.width[i] += w - used
			break
		}
	}
	return g
}

func maxPrio(cols []column) int {
	m := 0
	for _, c := range cols {
		m = max(m, c.prio)
	}
	return m
}

// shown reports whether column i made it onto the screen.
func (g grid) shown(i int) bool { return g.width[i] > 0 }

// widthOf returns the width given to column i; 0 when it was dropped.
func (g grid) widthOf(i int) int { return g.width[i] }

// row renders one row: kept cells padded or cut to their column, trailing
// blanks trimmed.
func (g grid) row(cells []string) string {
	var b strings.Builder
	for i, w := range g.width {
		if w == 0 {
			continue
		}
		if b.Len() > 0 {
			b.WriteString(strings.Repeat(" ", colGap))
		}
		c := ""
		if i < len(cells) {
			c = cells[i]
		}
		b.WriteString(padCell(c, w))
	}
	return strings.TrimRight(b.String(), " ")
}

// header renders the titles, each through style.
func (g grid) header(style func(string) string) string {
	titles := make([]string, len(g.cols))
	for i, c := range g.cols {
		if g.width[i] > 0 && c.title != "" {
			titles[i] = style(ansi.Truncate(c.title, g.width[i], ""))
		}
	}
	return g.row(titles)
}

// padCell cuts s to w columns (ending in "…") or pads it with spaces.
func padCell(s string, w int) string {
	sw := ansi.StringWidth(s)
	if sw > w {
		return ansi.Truncate(s, w, "…")
	}
	return s + strings.Repeat(" ", w-sw)
}
