package ui

import (
	"image/color"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/list"
	"charm.land/lipgloss/v2"

	"rehearse/model"
)

// palette is every colour the UI uses. Views never invent colours: they
// take styles built from one palette.
type palette struct {
	Accent color.Color // the one accent: the manager's line, focus, the bar
	Warm   color.Color // near the target
	Over   color.Color // past the target; nothing else is red
	Text   color.Color
	Muted  color.Color // secondary text
	Faint  color.Color // the transcript, empty bar cells
	Border color.Color
}

func darkPalette() palette {
	return palette{
		Accent: lipgloss.Color("#8FA8F5"),
		Warm:   lipgloss.Color("#E8B064"),
		Over:   lipgloss.Color("#E5707A"),
		Text:   lipgloss.Color("#E4E4E7"),
		Muted:  lipgloss.Color("#9A9CA5"),
		Faint:  lipgloss.Color("#6B6E78"),
		Border: lipgloss.Color("#4A4D57"),
	}
}

func lightPalette() palette {
	return palette{
		Accent: lipgloss.Color("#3F51B5"),
		Warm:   lipgloss.Color("#A8610F"),
		Over:   lipgloss.Color("#C62828"),
		Text:   lipgloss.Color("#1F2328"),
		Muted:  lipgloss.Color("#5F6570"),
		Faint:  lipgloss.Color("#8C9199"),
		Border: lipgloss.Color("#C3C7CE"),
	}
}

// noColorPalette keeps every slot empty, so NO_COLOR output carries only
// bold, faint and reverse.
func noColorPalette() palette {
	n := lipgloss.NoColor{}
	return palette{n, n, n, n, n, n, n}
}

// Styles holds every style of the UI, grouped by where it is used, all
// built from one palette by newStyles.
type Styles struct {
	pal palette

	// Frames.
	Pane      lipgloss.Style // a rounded pane
	PaneTitle lipgloss.Style
	PaneMeta  lipgloss.Style // the right-hand side of a pane title
	Rule      lipgloss.Style

	// Manager pane.
	ManagerLine  lipgloss.Style // the current line: the most prominent thing
	ManagerQuote lipgloss.Style // the current line with its accent bar
	Thinking     lipgloss.Style // "John is thinking…"
	TransThem    lipgloss.Style // the manager's earlier lines
	TransYou     lipgloss.Style // your earlier lines
	TransMark    lipgloss.Style // "cut off", "skipped"
	Reaction     lipgloss.Style
	ReactionNum  lipgloss.Style

	// Your pane.
	Say      lipgloss.Style
	KeyBadge lipgloss.Style
	Note     lipgloss.Style

	// Pacing pane.
	Label lipgloss.Style
	Value lipgloss.Style
	Good  lipgloss.Style
	Near  lipgloss.Style
	Over  lipgloss.Style

	// Cue line, status line and footer.
	Cue       lipgloss.Style
	CueStrong lipgloss.Style
	CutIn     lipgloss.Style
	Status    lipgloss.Style
	Help      help.Styles

	// Cards, report and picker.
	Title    lipgloss.Style
	Subtitle lipgloss.Style
	Card     lipgloss.Style
	Muted    lipgloss.Style
	Selected lipgloss.Style
	Head     lipgloss.Style

	// Progress over time: the report's comparisons, the stats screen.
	PB         lipgloss.Style // a personal best: a small win, a badge
	Slower     lipgloss.Style // "▲ slower" than the recent median
	Change     lipgloss.Style // a difference that is neither
	Spark      lipgloss.Style
	BarMet     lipgloss.Style // the coverage bar, reactions met
	BarMissing lipgloss.Style
	Ready      lipgloss.Style // the readiness marks
	Practising lipgloss.Style
	NotStarted lipgloss.Style

	// Home list.
	List     list.Styles
	ListItem list.DefaultItemStyles
}

// newStyles builds the styles for a background (dark or light), or without
// colour at all.
func newStyles(dark, noColor bool) Styles {
	p := darkPalette()
	if !dark {
		p = lightPalette()
	}
	if noColor {
		p = noColorPalette()
	}
	base := lipgloss.NewStyle().Foreground(p.Text)
	muted := lipgloss.NewStyle().Foreground(p.Muted)
	s := Styles{pal: p}
	s.Pane = lipgloss.NewStyle().Border(lipgloss.RoundedBorder()).BorderForeground(p.Border).Padding(0, 1)
	s.PaneTitle = lipgloss.NewStyle().Bold(true).Foreground(p.Text)
	s.PaneMeta = muted
	s.Rule = lipgloss.NewStyle().Foreground(p.Border)

	s.ManagerLine = lipgloss.NewStyle().Bold(true).Foreground(p.Accent)
	s.ManagerQuote = s.ManagerLine.Border(lipgloss.ThickBorder(), false, false, false, true).
		BorderForeground(p.Accent).PaddingLeft(1)
	s.Thinking = lipgloss.NewStyle().Italic(true).Foreground(p.Muted)
	s.TransThem = lipgloss.NewStyle().Foreground(p.Muted)
	s.TransYou = lipgloss.NewStyle().Foreground(p.Faint)
	s.TransMark = lipgloss.NewStyle().Foreground(p.Warm).Italic(true)
	s.Reaction = base
	s.ReactionNum = lipgloss.NewStyle().Bold(true).Foreground(p.Accent)

	s.Say = base
	s.KeyBadge = lipgloss.NewStyle().Bold(true).Reverse(true).Foreground(p.Accent).Padding(0, 1)
	s.Note = muted

	s.Label = muted
	s.Value = base.Bold(true)
	s.Good = lipgloss.NewStyle().Foreground(p.Accent)
	s.Near = lipgloss.NewStyle().Foreground(p.Warm)
	s.Over = lipgloss.NewStyle().Bold(true).Foreground(p.Over)

	s.Cue = base
	s.CueStrong = lipgloss.NewStyle().Bold(true).Foreground(p.Accent)
	s.CutIn = lipgloss.NewStyle().Bold(true).Foreground(p.Warm)
	s.Status = lipgloss.NewStyle().Foreground(p.Warm)
	s.Help = help.DefaultStyles(dark)
	s.Help.ShortKey = lipgloss.NewStyle().Foreground(p.Muted).Bold(true)
	s.Help.ShortDesc = lipgloss.NewStyle().Foreground(p.Faint)
	s.Help.ShortSeparator = lipgloss.NewStyle().Foreground(p.Border)
	s.Help.FullKey = s.Help.ShortKey
	s.Help.FullDesc = s.Help.ShortDesc
	s.Help.FullSeparator = s.Help.ShortSeparator

	s.Title = lipgloss.NewStyle().Bold(true).Foreground(p.Accent)
	s.Subtitle = muted
	s.Card = lipgloss.NewStyle().Border(lipgloss.RoundedBorder()).BorderForeground(p.Accent).Padding(1, 2)
	s.Muted = muted
	s.Selected = lipgloss.NewStyle().Bold(true).Foreground(p.Accent)
	s.Head = lipgloss.NewStyle().Bold(true).Foreground(p.Text)

	s.PB = lipgloss.NewStyle().Bold(true).Reverse(true).Foreground(p.Accent).Padding(0, 1)
	s.Slower = lipgloss.NewStyle().Bold(true).Foreground(p.Warm)
	s.Change = muted
	s.Spark = lipgloss.NewStyle().Foreground(p.Accent)
	s.BarMet = lipgloss.NewStyle().Foreground(p.Accent)
	s.BarMissing = lipgloss.NewStyle().Foreground(p.Faint)
	s.Ready = lipgloss.NewStyle().Bold(true).Foreground(p.Accent)
	s.Practising = lipgloss.NewStyle().Foreground(p.Warm)
	s.NotStarted = muted

	s.List, s.ListItem = listStyles(p, dark)
	return s
}

// listStyles adapts the home list to the palette.
func listStyles(p palette, dark bool) (list.Styles, list.DefaultItemStyles) {
	ls := list.DefaultStyles(dark)
	ls.Title = lipgloss.NewStyle().Bold(true).Foreground(p.Accent)
	ls.TitleBar = lipgloss.NewStyle().Padding(0, 0, 1, 2)
	ls.StatusBar = lipgloss.NewStyle().Foreground(p.Muted).Padding(0, 0, 1, 2)
	ls.NoItems = lipgloss.NewStyle().Foreground(p.Muted)
	ls.DefaultFilterCharacterMatch = lipgloss.NewStyle().Underline(true)
	is := list.NewDefaultItemStyles(dark)
	is.NormalTitle = lipgloss.NewStyle().Foreground(p.Text).Padding(0, 0, 0, 2)
	is.NormalDesc = lipgloss.NewStyle().Foreground(p.Muted).Padding(0, 0, 0, 2)
	is.SelectedTitle = lipgloss.NewStyle().Border(lipgloss.NormalBorder(), false, false, false, true).
		BorderForeground(p.Accent).Foreground(p.Accent).Bold(true).Padding(0, 0, 0, 1)
	is.SelectedDesc = is.SelectedTitle.Bold(false).Foreground(p.Muted)
	is.DimmedTitle = lipgloss.NewStyle().Foreground(p.Faint).Padding(0, 0, 0, 2)
	is.DimmedDesc = is.DimmedTitle
	is.FilterMatch = lipgloss.NewStyle().Underline(true)
	return ls, is
}

// barColor is the progress bar's fill for a pacing state.
func (s Styles) barColor(p pacing) color.Color {
	switch p {
	case pacingNear:
		return s.pal.Warm
	case pacingOver:
		return s.pal.Over
	}
	return s.pal.Accent
}

// readinessStyle is the style of a readiness mark.
func (s Styles) readinessStyle(r model.Readiness) lipgloss.Style {
	switch r {
	case model.Ready:
		return s.Ready
	case model.Practising:
		return s.Practising
	}
	return s.NotStarted
}

// pacingStyle is the text style for a pacing state.
func (s Styles) pacingStyle(p pacing) lipgloss.Style {
	switch p {
	case pacingNear:
		return s.Near
	case pacingOver:
		return s.Over
	}
	return s.Value
}
