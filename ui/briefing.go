package ui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"rehearse/model"
)

// briefingModel is the card shown before the manager speaks: the goal, the
// timebox, and where the run will start.
type briefingModel struct {
	ctx    *appContext
	keys   briefingKeys
	sc     *model.Scenario
	from   string
	width  int
	height int
}

func newBriefing(ctx *appContext, sc *model.Scenario, from string) *briefingModel {
	return &briefingModel{ctx: ctx, keys: ctx.keys.Briefing, sc: sc, from: from}
}

func (b *briefingModel) setSize(w, h int) { b.width, b.height = w, h }

func (b *briefingModel) update(msg tea.Msg) tea.Cmd {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil
	}
	switch {
	case key.Matches(k, b.keys.Start):
		return send(beginRunMsg{sc: b.sc, opts: model.Options{From: b.from}})
	case key.Matches(k, b.keys.From):
		return send(pickStepMsg{sc: b.sc, from: b.from})
	case key.Matches(k, b.keys.Back):
		return send(goHomeMsg{})
	}
	return nil
}

func (b *briefingModel) help() helpKeys {
	return helpKeys{short: []key.Binding{b.keys.Start, b.keys.From, b.keys.Back}}
}

func (b *briefingModel) view() string {
	st := b.ctx.styles
	cardW := min(b.width, 72)
	boxed := b.width >= 30
	inner := cardW
	if boxed {
		inner = max(1, cardW-st.Card.GetHorizontalFrameSize())
	}
	wrap := lipgloss.NewStyle().Width(inner)
	parts := []string{st.Title.Render(b.sc.Title), st.Subtitle.Render(scenarioFacts(b.sc))}
	if goal := strings.TrimSpace(b.sc.Briefing); goal != "" {
		parts = append(parts, "", st.Head.Render("Your goal"), goal)
	}
	parts = append(parts, "", b.startLine())
	hint := st.Muted.Render("Say each line out loud, as you will in the room. " + b.sc.Name() + " speaks first.")
	body := wrap.Render(strings.Join(append(parts, "", hint), "\n"))
	if lipgloss.Height(body)+st.Card.GetVerticalFrameSize() > b.height {
		body = wrap.Render(strings.Join(parts, "\n")) // no room for the hint
		boxed = boxed && lipgloss.Height(body)+2 <= b.height
	}
	if boxed {
		card := st.Card
		if lipgloss.Height(body)+st.Card.GetVerticalFrameSize() > b.height {
			card = card.Padding(0, 2) // keep the frame, lose the air
		}
		body = card.Width(cardW).Render(body)
	}
	return lipgloss.Place(b.width, b.height, lipgloss.Center, lipgloss.Center, body)
}

// startLine says where the run begins and how long the meeting may take.
func (b *briefingModel) startLine() string {
	st := b.ctx.styles
	var s []string
	if b.sc.Timebox > 0 {
		s = append(s, st.Label.Render("Timebox ")+st.Value.Render(fmtWhole(b.sc.Timebox)))
	}
	if b.from != "" && b.from != b.sc.Start {
		s = append(s, st.Label.Render("Starting at ")+st.Value.Render(b.from))
	} else {
		s = append(s, st.Label.Render("From the start"))
	}
	return strings.Join(s, st.Muted.Render("  ·  "))
}
