package history

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"rehearse/model"
)

// BenchmarkAppend measures one durable append: open, lock, one write,
// fsync, close. The fsync dominates, and depends on the disk under
// t.TempDir().
func BenchmarkAppend(b *testing.B) {
	s := Open(filepath.Join(b.TempDir(), FileName))
	a := attempt("bench", 0)
	b.ReportAllocs()
	for b.Loop() {
		if err := s.AppendAttempt(a); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkReadAndStats100k measures what opening the stats screen costs
// after a long time of practice: reading a history of 100,000 records and
// computing the stats of every scenario. Target: under 200 ms and 100 MB.
func BenchmarkReadAndStats100k(b *testing.B) {
	scs := benchScenarios(b)
	path := filepath.Join(b.TempDir(), FileName)
	if err := writeBenchHistory(path, scs, 100_000); err != nil {
		b.Fatal(err)
	}
	fi, _ := os.Stat(path)
	b.SetBytes(fi.Size())
	b.ReportAllocs()
	for b.Loop() {
		h, warnings, err := Read(path)
		if err != nil || len(warnings) != 0 {
			b.Fatalf("Read: %v %v", err, warnings)
		}
		stats := model.ComputeAll(scs, h.Attempts, h.Runs)
		if len(stats) != len(scs) || stats[0].Lines[0].Attempts == 0 {
			b.Fatal("stats came out empty")
		}
	}
}

// benchScenarios builds three scenarios of ten steps in a chain, each step
// leading on or to the end, every other step a key line.
func benchScenarios(b *testing.B) []*model.Scenario {
	var out []*model.Scenario
	for n := range 3 {
		spec := model.Scenario{ID: fmt.Sprintf("scenario-%d", n), Title: "Bench", Start: "s0"}
		for i := range 10 {
			next := []model.Reaction{{Label: "Goes on", Goto: fmt.Sprintf("s%d", i+1), Weight: 3}, {Label: "Ends it", Goto: "end", Weight: 1}}
			if i == 9 {
				next = next[1:]
			}
			spec.Steps = append(spec.Steps, model.Step{ID: fmt.Sprintf("s%d", i), Manager: []string{"Hm?"},
				Say: fmt.Sprintf("Line %d, said with care and without apology.", i), Key: i%2 == 0, Next: next})
		}
		spec.Steps = append(spec.Steps, model.Step{ID: "end", Manager: []string{"OK."}, Say: "Thank you."})
		sc, ps := model.Compile(spec)
		if ps.HasErrors() {
			b.Fatal(ps)
		}
		out = append(out, sc)
	}
	return out
}

// writeBenchHistory writes about n records: runs of eleven attempts, each
// followed by its run record, cycling through the scenarios.
func writeBenchHistory(path string, scs []*model.Scenario, n int) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	enc := json.NewEncoder(w)
	at := time.Date(2024, 1, 1, 8, 0, 0, 0, time.UTC)
	for written, r := 0, 0; written < n; r++ {
		sc := scs[r%len(scs)]
		run := model.Run{ID: fmt.Sprintf("run-%d", r), Scenario: sc.ID, Seed: int64(r), Started: at}
		for i := 0; i < len(sc.Steps) && written < n-1; i++ {
			st := &sc.Steps[i]
			a := model.Attempt{Run: run.ID, Scenario: sc.ID, Step: st.ID, TextHash: model.LineHash(st.Say), Key: st.Key,
				Prompt: st.Manager[0], At: at, Hesitation: time.Duration(500+r%1500) * time.Millisecond,
				Delivery: time.Duration(8000+(r*37+i*101)%9000) * time.Millisecond, Target: sc.Target(st)}
			if err := enc.Encode(record{V: Version, Type: typeAttempt, Attempt: &a}); err != nil {
				return err
			}
			written++
			run.Steps = append(run.Steps, st.ID)
			if len(st.Next) > 0 {
				run.Taken = append(run.Taken, model.Taken{Step: st.ID, Index: 0, Label: st.Next[0].Label, Goto: st.Next[0].Goto})
			}
			at = at.Add(20 * time.Second)
		}
		run.Ended = at
		if err := enc.Encode(record{V: Version, Type: typeRun, Run: &run}); err != nil {
			return err
		}
		written++
	}
	if err := w.Flush(); err != nil {
		return err
	}
	return f.Close()
}
