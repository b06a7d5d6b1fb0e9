package scenarios

import (
	"fmt"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
)

// bigScenario generates one scenario of n steps shaped like real ones: a
// manager line, a prepared line, notes, and two reactions (on to the next
// step, or straight to the end); every tenth step is a timed key line with
// an interrupt.
func bigScenario(n int) []byte {
	var b strings.Builder
	b.WriteString("[[scenario]]\nid = \"big\"\ntitle = \"Big\"\ncounterpart = \"John\"\ntimebox = \"15m\"\nstart = \"s0\"\n\n")
	for i := range n {
		fmt.Fprintf(&b, "[scenario.steps.s%d]\n", i)
		fmt.Fprintf(&b, "manager = [\"Line %d, first variant.\", \"Line %d, second variant.\"]\n", i, i)
		fmt.Fprintf(&b, "say = \"\"\"\nPrepared answer number %d, long enough to time against a pace.\n\"\"\"\n", i)
		b.WriteString("notes = [\"Breathe\", \"No apology\"]\n")
		if i%10 == 0 {
			b.WriteString("key = true\ntarget = \"20s\"\n")
			if i+1 < n {
				fmt.Fprintf(&b, "interrupt = { after = \"15s\", chance = 0.25, goto = \"s%d\" }\n", n-1)
			}
		}
		if i+1 < n {
			fmt.Fprintf(&b, "next = [\n  { when = \"Goes on\", goto = \"s%d\", weight = 3 },\n  { when = \"Ends it\", goto = \"s%d\" },\n]\n", i+1, n-1)
		}
		b.WriteString("\n")
	}
	return []byte(b.String())
}

func TestBigScenarioIsClean(t *testing.T) {
	f, ds := Parse("big.toml", bigScenario(200))
	if len(ds) != 0 || len(f.Scenarios) != 1 || len(f.Scenarios[0].Steps) != 200 {
		t.Fatalf("generated scenario should be clean with 200 steps: %v", ds.Strings())
	}
}

// BenchmarkParse10kSteps parses and validates a generated 10,000-step
// scenario (about 2 MB of TOML). Target: under 50 ms and 50 MB per op.
func BenchmarkParse10kSteps(b *testing.B) {
	data := bigScenario(10_000)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		f, ds := Parse("big.toml", data)
		if len(ds) != 0 || len(f.Scenarios) != 1 {
			b.Fatalf("unexpected diagnostics: %v", ds.Strings()[:min(3, len(ds))])
		}
	}
}

// minimalScenario generates n steps with only a manager line and one
// reaction: the least a step can hold, so the least the decoder must read.
func minimalScenario(n int) []byte {
	var b strings.Builder
	b.WriteString("[[scenario]]\nid = \"min\"\ntitle = \"Minimal\"\nstart = \"s0\"\n")
	for i := range n {
		fmt.Fprintf(&b, "[scenario.steps.s%d]\nmanager = \"Line %d\"\n", i, i)
		if i+1 < n {
			fmt.Fprintf(&b, "next = [{ when = \"On\", goto = \"s%d\" }]\n", i+1)
		}
	}
	return []byte(b.String())
}

// BenchmarkParse10kMinimalSteps is BenchmarkParse10kSteps with the
// smallest possible steps (about 0.6 MB).
func BenchmarkParse10kMinimalSteps(b *testing.B) {
	data := minimalScenario(10_000)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, ds := Parse("min.toml", data); len(ds) != 0 {
			b.Fatalf("unexpected diagnostics: %v", ds.Strings()[:min(3, len(ds))])
		}
	}
}

// BenchmarkDecoderOnly10kSteps is the floor under BenchmarkParse10kSteps:
// BurntSushi/toml decoding the same text into a map, nothing else.
func BenchmarkDecoderOnly10kSteps(b *testing.B) {
	data := string(bigScenario(10_000))
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		var v map[string]any
		if _, err := toml.Decode(data, &v); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkScanPositions measures the position scanner alone.
func BenchmarkScanPositions(b *testing.B) {
	src := string(bigScenario(10_000))
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		scanPositions(src)
	}
}
