package history

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"rehearse/model"
)

// These tests run real processes: the test binary re-executes itself as a
// writer (TestHelperAppend), because threads of one process would share
// the file lock and prove nothing about two terminals.

const helperEnv = "REHEARSE_HISTORY_HELPER"

// TestHelperAppend is not a test on its own: it does nothing unless started
// by a test below with helperEnv set, as "id:count:path". It then appends
// count attempts from writer id (count 0: for ever), printing each index to
// stdout once its append has returned.
func TestHelperAppend(t *testing.T) {
	spec := os.Getenv(helperEnv)
	if spec == "" {
		return
	}
	parts := strings.SplitN(spec, ":", 3)
	id := parts[0]
	count, _ := strconv.Atoi(parts[1])
	s := Open(parts[2])
	out := bufio.NewWriter(os.Stdout)
	for i := 0; count == 0 || i < count; i++ {
		if err := s.AppendAttempt(helperAttempt(id, i)); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		fmt.Fprintln(out, i)
		out.Flush()
	}
	os.Exit(0)
}

// helperAttempt is the i-th attempt of writer id. Every seventh one carries
// a prompt longer than PIPE_BUF, so an O_APPEND write alone would not be
// guaranteed atomic and the lock has to do the work.
func helperAttempt(id string, i int) model.Attempt {
	a := attempt(id, i)
	a.Step = fmt.Sprintf("%s-%d", id, i)
	if i%7 == 0 {
		a.Prompt = strings.Repeat(id, 6000)
	}
	return a
}

func helper(t *testing.T, id string, count int, path string) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperAppend$")
	cmd.Env = append(os.Environ(), fmt.Sprintf("%s=%s:%d:%s", helperEnv, id, count, path))
	cmd.Stderr = os.Stderr
	return cmd
}

func TestTwoProcessesAppendingAtOnce(t *testing.T) {
	path := filepath.Join(t.TempDir(), FileName)
	const each = 1000
	cmds := []*exec.Cmd{helper(t, "a", each, path), helper(t, "b", each, path)}
	for _, c := range cmds {
		if err := c.Start(); err != nil {
			t.Fatal(err)
		}
	}
	for _, c := range cmds {
		if err := c.Wait(); err != nil {
			t.Fatalf("writer failed: %v", err)
		}
	}
	h, warnings, err := Read(path)
	if err != nil || len(warnings) != 0 {
		t.Fatalf("Read: err %v, warnings %v", err, warnings)
	}
	if len(h.Attempts) != 2*each {
		t.Fatalf("%d records, want %d", len(h.Attempts), 2*each)
	}
	seen := map[string]bool{}
	for _, a := range h.Attempts {
		id, i := a.Run, 0
		fmt.Sscanf(strings.TrimPrefix(a.Step, id+"-"), "%d", &i)
		if want := helperAttempt(id, i); a.Step != want.Step || a.Prompt != want.Prompt || a.Delivery != want.Delivery {
			t.Fatalf("record %s differs from what was written", a.Step)
		}
		seen[a.Step] = true
	}
	if len(seen) != 2*each {
		t.Errorf("%d distinct records, want %d", len(seen), 2*each)
	}
}

func TestKilledWriterLeavesWrittenRecordsIntact(t *testing.T) {
	path := filepath.Join(t.TempDir(), FileName)
	cmd := helper(t, "k", 0, path)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	const atLeast = 150
	lines := bufio.NewScanner(stdout)
	reported := -1
	for reported < atLeast-1 && lines.Scan() {
		reported, _ = strconv.Atoi(lines.Text())
	}
	if err := cmd.Process.Kill(); err != nil { // SIGKILL: no chance to tidy up
		t.Fatal(err)
	}
	cmd.Wait()
	if reported < atLeast-1 {
		t.Fatalf("writer reported only %d records before it stopped", reported+1)
	}

	h, warnings, err := Read(path)
	if err != nil {
		t.Fatal(err)
	}
	// The kill may land mid-write: only the last line may be torn.
	raw, _ := os.ReadFile(path)
	total := strings.Count(string(raw), "\n") + 1
	for _, w := range warnings {
		if w.Line != total {
			t.Errorf("warning on line %d of %d, only the last may be torn: %v", w.Line, total, w)
		}
	}
	if len(h.Attempts) < reported+1 {
		t.Fatalf("%d records read, but %d were reported written", len(h.Attempts), reported+1)
	}
	for i := 0; i <= reported; i++ {
		if want := helperAttempt("k", i); h.Attempts[i].Step != want.Step || h.Attempts[i].Prompt != want.Prompt {
			t.Fatalf("record %d is not intact", i)
		}
	}
	// And the history stays usable: the next append reads back whole.
	if err := Open(path).AppendAttempt(attempt("after", 0)); err != nil {
		t.Fatal(err)
	}
	h2, _, _ := Read(path)
	if last := h2.Attempts[len(h2.Attempts)-1]; last.Run != "after" {
		t.Errorf("append after the kill was lost; last record is from %q", last.Run)
	}
}

// TestPruneWhileAppending checks that appends racing a prune are never
// written into the file being replaced: the parent keeps adding an old
// record and pruning it (so every prune really rewrites the file) while a
// child appends.
func TestPruneWhileAppending(t *testing.T) {
	path := filepath.Join(t.TempDir(), FileName)
	old := attempt("old", 0)
	old.At = day.Add(-30 * 24 * time.Hour)
	const each = 300
	cmd := helper(t, "p", each, path)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	prunes := 0
	for running := true; running; {
		select {
		case err := <-done:
			if err != nil {
				t.Fatalf("writer failed: %v", err)
			}
			running = false
		default:
		}
		if err := Open(path).AppendAttempt(old); err != nil {
			t.Fatal(err)
		}
		if n, err := Prune(path, day.Add(-24*time.Hour)); err != nil || n != 1 {
			t.Fatalf("Prune = %d, %v; want the one old record", n, err)
		}
		prunes++
	}
	h, warnings, err := Read(path)
	if err != nil || len(warnings) != 0 {
		t.Fatalf("Read: err %v, warnings %v", err, warnings)
	}
	if len(h.Attempts) != each {
		t.Errorf("%d records after %d racing prunes, want the %d appended", len(h.Attempts), prunes, each)
	}
}
