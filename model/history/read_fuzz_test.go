package history

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// FuzzRead feeds arbitrary bytes to Read as a history file: it must never
// panic or fail (damage is a warning, not an error), and every warning
// must name a line that exists. (Appending after damage is tested in
// history_test.go; here it would only slow the fuzzer with fsyncs.)
func FuzzRead(f *testing.F) {
	if damaged, err := os.ReadFile("testdata/damaged.jsonl"); err == nil {
		f.Add(damaged)
	}
	f.Add([]byte(""))
	f.Add([]byte("\n\n{\"v\":1}\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		path := filepath.Join(t.TempDir(), "history.jsonl")
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
		h, warns, err := Read(path)
		if err != nil {
			t.Fatalf("Read failed on damaged input: %v", err)
		}
		lines := bytes.Count(data, []byte("\n")) + 1
		for _, w := range warns {
			if w.Line < 0 || w.Line > lines {
				t.Errorf("warning names line %d of a %d-line file: %s", w.Line, lines, w)
			}
		}
		if h == nil {
			t.Fatal("Read returned no history and no error")
		}
	})
}
