package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"rehearse/model"
)

// pickerModel lets you choose the step to practise from.
type pickerModel struct {
	ctx    *appContext
	keys   pickerKeys
	sc     *model.Scenario
	cursor int
	back   screen
	width  int
	height int
}

func newPicker(ctx *appContext, sc *model.Scenario, from string, back screen) *pickerModel {
	p := &pickerModel{ctx: ctx, keys: ctx.keys.Picker, sc: sc, back: back}
	if from == "" {
		from = sc.Start
	}
	p.cursor = max(0, sc.StepIndex(from))
	return p
}

func (p *pickerModel) setSize(w, h int) { p.width, p.height = w, h }

func (p *pickerModel) update(msg tea.Msg) tea.Cmd {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil
	}
	n := len(p.sc.Steps)
	switch {
	case key.Matches(k, p.keys.Up):
		p.cursor = (p.cursor + n - 1) % n
	case key.Matches(k, p.keys.Down):
		p.cursor = (p.cursor + 1) % n
	case key.Matches(k, p.keys.Choose):
		from := p.sc.Steps[p.cursor].ID
		if from == p.sc.Start {
			from = ""
		}
		return send(scenarioChosenMsg{sc: p.sc, from: from})
	case key.Matches(k, p.keys.Back):
		return send(pickerBackMsg{to: p.back})
	}
	return nil
}

func (p *pickerModel) help() helpKeys {
	return helpKeys{short: []key.Binding{p.keys.Up, p.keys.Down, p.keys.Choose, p.keys.Back}}
}

func (p *pickerModel) view() string {
	st := p.ctx.styles
	head := []string{
		fitWidth(" "+st.Title.Render("Start from which step?"), p.width),
		fitWidth(" "+st.Subtitle.Render(p.sc.Title), p.width),
		"",
	}
	rows := max(1, p.height-len(head))
	first := max(0, min(p.cursor-rows/2, len(p.sc.Steps)-rows))
	idW := 4
	for _, s := range p.sc.Steps {
		idW = max(idW, lipgloss.Width(s.ID))
	}
	idW = min(idW, 18)
	var b strings.Builder
	b.WriteString(strings.Join(head, "\n"))
	for i := first; i < len(p.sc.Steps) && i < first+rows; i++ {
		b.WriteString("\n")
		b.WriteString(fitWidth(p.row(i, idW), p.width))
	}
	return b.String()
}

// row renders step i: marker, id, key mark, and the manager's line.
func (p *pickerModel) row(i, idW int) string {
	st := p.ctx.styles
	s := &p.sc.Steps[i]
	mark, id := "  ", st.Say
	if i == p.cursor {
		mark, id = st.Selected.Render("▸ "), st.Selected
	}
	keyMark := "   "
	if s.Key {
		keyMark = st.Good.Render("key")
	}
	line := ""
	if len(s.Manager) > 0 {
		line = fmt.Sprintf("%q", s.Manager[0])
	}
	if s.ID == p.sc.Start {
		line = "(start) " + line
	}
	idText := lipgloss.NewStyle().Width(idW).MaxWidth(idW).Render(s.ID)
	return " " + mark + id.Render(idText) + "  " + keyMark + "  " + st.Muted.Render(line)
}
