package scenarios

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
)

// FuzzParse feeds arbitrary bytes to Parse. Its seed corpus is the broken
// fixtures, the default file and testdata/fuzz/FuzzParse, so a plain
// `go test` replays all of them.
//
// Parse recovers from panics (a user's file must never crash the app), so
// the target checks for the "internal error" diagnostic that recovery
// leaves, and for a few invariants: positions inside the file, diagnostics
// sorted, and every key the decoder saw also found by the position scanner.
func FuzzParse(f *testing.F) {
	seeds, _ := filepath.Glob(filepath.Join("testdata", "broken", "*.toml"))
	seeds = append(seeds, filepath.Join("..", "scenarios.toml"))
	for _, s := range seeds {
		if data, err := os.ReadFile(s); err == nil {
			f.Add(data)
		}
	}
	f.Add([]byte(goodFile))
	f.Fuzz(func(t *testing.T, data []byte) {
		file, ds := Parse("f.toml", data)
		if file == nil {
			t.Fatal("Parse returned a nil File")
		}
		lines := strings.Count(string(data), "\n") + 1
		for _, d := range ds {
			if strings.Contains(d.Message, "internal error") {
				t.Fatalf("Parse panicked: %s", d)
			}
			if d.Pos.Line < 1 || d.Pos.Col < 1 || d.Pos.Line > lines {
				t.Fatalf("position outside the file (%d lines): %s", lines, d)
			}
		}
		sorted := slices.Clone(ds)
		sorted.Sort()
		if !slices.Equal(sorted, ds) {
			t.Fatalf("diagnostics not sorted: %v", ds.Strings())
		}
		for _, sc := range file.Scenarios {
			if _, ok := file.ScenarioPos(sc.ID); !ok {
				t.Fatalf("no position for loaded scenario %q", sc.ID)
			}
		}
		checkScannerSeesKeys(t, string(data))
	})
}

// checkScannerSeesKeys compares the scanner with the real decoder: on any
// document the decoder accepts, every key it reports must have a position.
func checkScannerSeesKeys(t *testing.T, src string) {
	var v map[string]any
	md, err := toml.Decode(src, &v)
	if err != nil {
		return
	}
	found := map[string]bool{}
	for _, k := range scanPositions(src).keys {
		found[stripIndices(k.path)] = true
	}
	for _, k := range md.Keys() {
		if !found[joinPath("", k...)] {
			t.Fatalf("scanner missed key %q", k.String())
		}
	}
}
