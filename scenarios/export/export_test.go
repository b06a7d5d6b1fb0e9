package export

import (
	"bytes"
	"flag"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"rehearse/model"
	"rehearse/scenarios/internal/scengen"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// fixture is a small scenario with every feature the writers draw: a key
// line with a target, variants, weights, an interrupt, a shared step, a
// loop back and two ends.
func fixture() model.Scenario {
	return model.Scenario{
		ID: "short-notice", Title: "Resigning with one week's notice",
		Counterpart: "John", Role: "your manager",
		Briefing: "Tell John first, before HR.\nBottom line up front, then thanks.",
		Timebox:  15 * time.Minute, Pace: 150, Start: "open",
		Steps: []model.Step{
			{ID: "open", Manager: []string{"Hey, thanks for grabbing time. What's up?", "Hi! You wanted to talk?"},
				Say: "Bottom line up front: I've decided to leave Microsoft.", Key: true, Target: 20 * time.Second,
				Notes: []string{"Thank him for the time", "No apology"},
				Next: []model.Reaction{
					{Label: "Asks why you're leaving", Goto: "why", Weight: 3},
					{Label: "We need to end it immediately", Goto: "end-now", Weight: 1},
				},
				Interrupt: &model.Interrupt{After: 15 * time.Second, Chance: 0.3, Goto: "end-now"}},
			{ID: "why", Manager: []string{"Can I ask why?"},
				Say: "It came down to timing and learning.\nI want to build closer to the core of the stack.",
				Key: true,
				Next: []model.Reaction{
					{Label: "Accepts", Goto: "close", Weight: 1},
					{Label: "Asks again", Goto: "why", Weight: 0.5},
				}},
			{ID: "end-now", Manager: []string{"We need to end it today."},
				Say:  "I understand. Could I stay through Thursday's maintenance?",
				Next: []model.Reaction{{Label: "Agrees", Goto: "close", Weight: 1}}},
			{ID: "close", Manager: []string{"Okay. Thanks for telling me."}, Say: "Thank you, John."},
		},
	}
}

func TestGoldens(t *testing.T) {
	sc := fixture()
	cases := []struct {
		file  string
		write func(*bytes.Buffer) error
	}{
		{"graph.tree.golden", func(b *bytes.Buffer) error { return Graph(b, &sc, "tree") }},
		{"graph.dot.golden", func(b *bytes.Buffer) error { return Graph(b, &sc, "dot") }},
		{"graph.mermaid.golden", func(b *bytes.Buffer) error { return Graph(b, &sc, "mermaid") }},
		{"script.md.golden", func(b *bytes.Buffer) error { return Script(b, &sc, false) }},
		{"cards.md.golden", func(b *bytes.Buffer) error { return Script(b, &sc, true) }},
		{"fixture.toml.golden", func(b *bytes.Buffer) error { return WriteTOML(b, []model.Scenario{sc}) }},
	}
	for _, c := range cases {
		t.Run(c.file, func(t *testing.T) {
			var b bytes.Buffer
			if err := c.write(&b); err != nil {
				t.Fatal(err)
			}
			golden(t, c.file, b.Bytes())
		})
	}
}

// golden compares got with testdata/name, or rewrites it under -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file (go test -update rewrites it)\n--- got\n%s\n--- want\n%s", name, got, want)
	}
}

// TestGraphFlagsBrokenGraphs draws a spec that would not compile: the
// problems must be visible in every format, not refused or hidden.
func TestGraphFlagsBrokenGraphs(t *testing.T) {
	sc := model.Scenario{ID: "broken", Title: "Broken", Start: "s", Steps: []model.Step{
		{ID: "s", Next: []model.Reaction{{Label: "loops", Goto: "a", Weight: 1}, {Label: "typo", Goto: "nowhere", Weight: 1}}},
		{ID: "a", Next: []model.Reaction{{Label: "on", Goto: "b", Weight: 1}}},
		{ID: "b", Next: []model.Reaction{{Label: "back", Goto: "a", Weight: 1}}},
		{ID: "orphan"},
	}}
	want := map[string][]string{
		"tree":    {"⚠ dead end", "⚠ no such step \"nowhere\"", "⚠ unreachable: orphan", "↺ see a"},
		"dot":     {`"nowhere" [label="⚠ no such step\nnowhere", color=red`, `"orphan" [label="orphan\n■ end", style="rounded", peripheries=2, color=red]`},
		"mermaid": {`"⚠ no such step: nowhere"`, "class s1,s2,s3,s4 flagged"},
	}
	for format, needles := range want {
		var b bytes.Buffer
		if err := Graph(&b, &sc, format); err != nil {
			t.Fatal(err)
		}
		for _, n := range needles {
			if !strings.Contains(b.String(), n) {
				t.Errorf("%s graph lacks %q:\n%s", format, n, b.String())
			}
		}
	}
	if err := Graph(&bytes.Buffer{}, &sc, "svg"); err == nil || !strings.Contains(err.Error(), "unknown graph format") {
		t.Errorf("Graph(svg) = %v, want an unknown-format error", err)
	}
}

func TestDuration(t *testing.T) {
	for d, want := range map[time.Duration]string{
		20 * time.Second: "20s", 90 * time.Second: "1m30s", 15 * time.Minute: "15m",
		time.Hour: "1h", 90 * time.Minute: "1h30m", 1500 * time.Millisecond: "1.5s",
	} {
		if got := Duration(d); got != want {
			t.Errorf("Duration(%v) = %q, want %q", d, got, want)
		}
		if back, err := time.ParseDuration(Duration(d)); err != nil || back != d {
			t.Errorf("Duration(%v) = %q does not parse back: %v, %v", d, Duration(d), back, err)
		}
	}
}

// BenchmarkGraph10kSteps draws the tree of a 10,000-step scenario.
func BenchmarkGraph10kSteps(b *testing.B) {
	sc, ps := model.Compile(scengen.Tree(10_000))
	if ps.HasErrors() {
		b.Fatal(ps)
	}
	b.ReportAllocs()
	for range b.N {
		if err := Graph(io.Discard, sc, FormatTree); err != nil {
			b.Fatal(err)
		}
	}
}
