package export_test

import (
	"bytes"
	"reflect"
	"testing"
	"time"

	"rehearse/model"
	"rehearse/scenarios"
	"rehearse/scenarios/export"
)

// TestWrittenFileLints checks that what WriteTOML writes is read back by the
// program's own reader with no diagnostics at all, and that the scenario it
// reads is the one written.
func TestWrittenFileLints(t *testing.T) {
	want := model.Scenario{
		ID: "mixed", Title: `Quotes "here" and 🙂 我要辞职`, Counterpart: "Ana", Pause: -1,
		Timebox: 90 * time.Second, Start: "open",
		Steps: []model.Step{
			{ID: "open", Say: "Line one\r\nline \"\"\" two\\", Key: true, Target: 25 * time.Second,
				Notes:     []string{"tab\there"},
				Next:      []model.Reaction{{Label: "Asks why", Goto: "why", Weight: 2}, {Label: "Accepts", Goto: "close", Weight: 1}},
				Interrupt: &model.Interrupt{After: 15 * time.Second, Chance: 0.25, Goto: "close"}},
			{ID: "why", Manager: []string{"Why?", "Why now?"}, Say: "Timing.", Next: []model.Reaction{{Label: "Okay", Goto: "close", Weight: 1}}},
			{ID: "close", Manager: []string{"Thanks."}, Say: "Thank you."},
		},
	}
	var b bytes.Buffer
	if err := export.WriteTOML(&b, []model.Scenario{want}); err != nil {
		t.Fatal(err)
	}
	f, ds := scenarios.Parse("written.toml", b.Bytes())
	for _, d := range ds {
		t.Errorf("%s", d)
	}
	if len(f.Scenarios) != 1 {
		t.Fatalf("read %d scenarios, want 1\n%s", len(f.Scenarios), b.String())
	}
	got := f.Scenarios[0]
	if got.Title != want.Title || got.Timebox != want.Timebox || got.EffectivePause() != 0 {
		t.Errorf("scenario fields changed: %q %v %v", got.Title, got.Timebox, got.Pause)
	}
	for i := range want.Steps {
		w, g := want.Steps[i], got.Steps[i]
		if w.ID != g.ID || w.Say != g.Say || w.Key != g.Key || w.Target != g.Target ||
			!reflect.DeepEqual(w.Notes, g.Notes) || !reflect.DeepEqual(w.Next, g.Next) ||
			!reflect.DeepEqual(w.Interrupt, g.Interrupt) {
			t.Errorf("step %d changed:\n got %+v\nwant %+v", i, g, w)
		}
	}
}
