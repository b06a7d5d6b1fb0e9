package ui

import (
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"rehearse/model"
)

// midSpeech drives the realistic scenario to the second line, 12.3 s into
// delivering it, at w×h.
func midSpeech(t testing.TB, w, h int) *App {
	hs := newHarness(t.(*testing.T), Config{Scenarios: []*model.Scenario{realistic(t)}, ScenarioID: "short-notice", Seed: 4}, w, h)
	hs.key("enter")
	hs.deliver(17*time.Second + 400*time.Millisecond)
	hs.key("2") // Asks why you're leaving
	h0, _ := hs.armed()
	hs.tick(h0.d)
	hs.clock.advance(1200 * time.Millisecond)
	hs.key("space")
	hs.tick(12300 * time.Millisecond)
	return hs.app
}

// TestGoldenRehearsal pins the rehearsal screen mid-speech at the two sizes
// it is designed for. Update with: go test ./ui/ -run TestGolden -update
func TestGoldenRehearsal(t *testing.T) {
	for _, sz := range []struct {
		name string
		w, h int
	}{{"80x24", 80, 24}, {"40x12", 40, 12}} {
		t.Run(sz.name, func(t *testing.T) {
			a := midSpeech(t, sz.w, sz.h)
			golden.RequireEqual(t, []byte(ansi.Strip(a.View().Content)))
		})
	}
}

// BenchmarkRehearsalView measures one frame of the rehearsal at 120×40
// while you speak, with colours on.
func BenchmarkRehearsalView(b *testing.B) {
	t := &testing.T{}
	a := midSpeech(t, 120, 40)
	a.ctx.cfg.NoColor = false
	a.ctx.setDark(true)
	a.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	b.ReportAllocs()
	for b.Loop() {
		_ = a.View()
	}
}
