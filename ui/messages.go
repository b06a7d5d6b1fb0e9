package ui

import (
	tea "charm.land/bubbletea/v2"

	"rehearse/model"
)

// Screens tell the root what should happen next with these messages.
type (
	// scenarioChosenMsg opens the briefing card of sc, starting at from.
	scenarioChosenMsg struct {
		sc   *model.Scenario
		from string
	}
	// pickStepMsg opens the step picker for sc; from is preselected.
	pickStepMsg struct {
		sc   *model.Scenario
		from string
	}
	// pickerBackMsg leaves the picker without choosing.
	pickerBackMsg struct{ to screen }
	// beginRunMsg starts a rehearsal; a zero Seed asks for a fresh one.
	beginRunMsg struct {
		sc   *model.Scenario
		opts model.Options
	}
	// runEndedMsg says a run is over: finished (show the report) or
	// abandoned (go home). Either way it is saved.
	runEndedMsg struct {
		sc         *model.Scenario
		run        model.Run
		transcript []model.Line
	}
	// goHomeMsg returns to the scenario list.
	goHomeMsg struct{}
)

// send returns a command that delivers msg.
func send(msg tea.Msg) tea.Cmd { return func() tea.Msg { return msg } }
