package ui

import (
	"testing"
	"time"

	"rehearse/model"
)

func scenariosForTest(t testing.TB) []*model.Scenario {
	return []*model.Scenario{fixture(t, 0), realistic(t)}
}

// realistic is a slice of the default "short notice" scenario: long lines,
// four reactions, notes, an interrupt.
func realistic(t testing.TB) *model.Scenario {
	t.Helper()
	sc, ps := model.Compile(model.Scenario{
		ID: "short-notice", Title: "Resigning with one week's notice", Counterpart: "John", Role: "your manager",
		Timebox: 15 * time.Minute, Pace: 150, Start: "open",
		Briefing: "Tell John yourself, before anything formal goes through HR.\nBottom line up front, then thanks — to him, Mitra, Nidhi, Aditya and the partner teams.\nYour last day is Friday: no apology, just a plan — Diego's ramp-up and Thursday's maintenance.",
		Steps: []model.Step{
			{ID: "open", Manager: []string{"Hey, thanks for grabbing time. What's up?", "Hi! You said you wanted to talk about something?"},
				Say: "Hey John, thanks for making the time today! I know today is probably busy for you, but I wanted to talk with you about something important. I'll start with the bottom line up front: I wanted to let you know I've decided to leave Microsoft.",
				Key: true, Target: 20 * time.Second,
				Notes:     []string{"Thank him for the time", "Bottom line in the first breath", "No apology", "Pause. Let him react."},
				Next:      []model.Reaction{{Label: "Takes it in — lets you go on", Goto: "why", Weight: 3}, {Label: "Asks why you're leaving", Goto: "why", Weight: 2}, {Label: "Asks when your last day is", Goto: "last-day", Weight: 2}, {Label: "We need to end it immediately", Goto: "end-now", Weight: 1}},
				Interrupt: &model.Interrupt{After: 8 * time.Second, Chance: 0.3, Goto: "last-day"}},
			{ID: "why", Manager: []string{"Can I ask why?", "Was it something here? Something we could have done differently?"},
				Say: "It's not a reflection of the team or the scope of the work — I've been really fulfilled here. Honestly, it came down to timing and learning. I've realized I'm most energized by building close to where new capabilities are being developed, and this role lines up really directly with that.",
				Key: true, Target: 26 * time.Second, Notes: []string{"Not the team, not the work", "Timing and learning", "Energized by new capabilities"},
				Next: []model.Reaction{{Label: "Asks when your last day is", Goto: "last-day", Weight: 1}}},
			{ID: "last-day", Manager: []string{"Sorry — when is your last day?"},
				Say: "I'm planning for my last day to be this Friday. I realize that's a shorter transition than ideal, and I really want to make this week count.",
				Key: true, Target: 20 * time.Second, Notes: []string{"Friday — say it plainly", "No apology"},
				Next: []model.Reaction{{Label: "Wraps up warmly", Goto: "close", Weight: 2}, {Label: "We need to end it immediately", Goto: "end-now", Weight: 1}}},
			{ID: "end-now", Manager: []string{"Honestly, with that little notice, we'll need to end it immediately."},
				Say: "I totally understand the hesitation. If possible, I'd love to stay through the end of the week.", Key: true, Target: 20 * time.Second},
			{ID: "close", Manager: []string{"Well, I'm sad to see you go — but congratulations."},
				Say: "Thank you, John. I've really appreciated your guidance.", Notes: []string{"Smile"}},
		},
	})
	if ps.HasErrors() {
		t.Fatalf("realistic does not compile: %v", ps)
	}
	return sc
}
