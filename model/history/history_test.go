package history

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"rehearse/model"
)

var day = time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC)

func attempt(run string, i int) model.Attempt {
	return model.Attempt{
		Run: run, Scenario: "resign", Step: "open", TextHash: model.LineHash("Bottom line up front."),
		Key: true, Prompt: "What's up?", At: day.Add(time.Duration(i) * time.Minute),
		Hesitation: 1500 * time.Millisecond, Delivery: time.Duration(18+i) * time.Second, Target: 20 * time.Second,
		Retries: i % 2,
	}
}

func TestAppendReadRoundTrip(t *testing.T) {
	path := filepath.Join(t.TempDir(), "data", "rehearse", FileName)
	s := Open(path)
	a1, a2, a3 := attempt("r1", 0), attempt("r1", 1), attempt("r1", 2)
	for _, a := range []model.Attempt{a1, a2} {
		if err := s.AppendAttempt(a); err != nil {
			t.Fatal(err)
		}
	}
	// a3's own append "failed": it must survive inside the run record.
	run := model.Run{ID: "r1", Scenario: "resign", Seed: 7, Started: day, Ended: day.Add(5 * time.Minute),
		Abandoned: true, Steps: []string{"open"}, Attempts: []model.Attempt{a1, a2, a3},
		Taken: []model.Taken{{Step: "open", Index: 0, Label: "Asks why", Goto: "why"}}}
	if err := s.AppendRun(run); err != nil {
		t.Fatal(err)
	}

	h, warnings, err := Read(path)
	if err != nil || len(warnings) != 0 {
		t.Fatalf("Read: err %v, warnings %v", err, warnings)
	}
	if want := []model.Attempt{a1, a2, a3}; !reflect.DeepEqual(h.Attempts, want) {
		t.Errorf("attempts:\n got %+v\nwant %+v", h.Attempts, want)
	}
	wantRun := run
	wantRun.Attempts = nil
	if len(h.Runs) != 1 || !reflect.DeepEqual(h.Runs[0], wantRun) {
		t.Errorf("runs:\n got %+v\nwant %+v", h.Runs, wantRun)
	}
	if got := h.RunAttempts("r1"); len(got) != 3 {
		t.Errorf("RunAttempts = %d attempts, want 3", len(got))
	}

	raw, _ := os.ReadFile(path)
	lines := strings.Split(strings.TrimSuffix(string(raw), "\n"), "\n")
	if len(lines) != 3 || !strings.HasPrefix(lines[0], `{"v":1,"type":"attempt","attempt":{`) ||
		!strings.HasPrefix(lines[2], `{"v":1,"type":"run","run":{`) {
		t.Errorf("file is not one versioned record per line:\n%s", raw)
	}
	assertMode(t, path, 0o600)
	assertMode(t, filepath.Dir(path), 0o700|os.ModeDir)
}

func assertMode(t *testing.T, path string, want os.FileMode) {
	t.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode() != want {
		t.Errorf("%s: mode %v, want %v", path, fi.Mode(), want)
	}
}

func TestReadMissingFileIsEmpty(t *testing.T) {
	h, warnings, err := Read(filepath.Join(t.TempDir(), "nope.jsonl"))
	if err != nil || len(warnings) != 0 || len(h.Attempts) != 0 || len(h.Runs) != 0 {
		t.Errorf("Read(missing) = %+v, %v, %v; want an empty history", h, warnings, err)
	}
}

func TestReadUnreadableIsAnError(t *testing.T) {
	if _, _, err := Read(t.TempDir()); err == nil {
		t.Error("Read(a directory) succeeded, want an error")
	}
}

// damagedWarnings are the warnings testdata/damaged.jsonl must give, line by
// line; lines 1, 2, 5 and 9 are the records that must be read.
var damagedWarnings = []Warning{
	{Line: 3, Message: "skipped a corrupt record"},
	{Line: 5, Message: "written by a newer version of rehearse (format v2); reading what this version understands"},
	{Line: 6, Message: `skipped a record of unknown type "note" (from a newer version?)`},
	{Line: 7, Message: "skipped a corrupt record (no format version)"},
	{Line: 8, Message: "skipped an incomplete run record"},
	{Line: 10, Message: "skipped a torn (incomplete) record"},
}

func withPath(ws []Warning, path string) []Warning {
	out := make([]Warning, len(ws))
	for i, w := range ws {
		w.Path = path
		out[i] = w
	}
	return out
}

func TestReadDamagedFile(t *testing.T) {
	path := filepath.Join("testdata", "damaged.jsonl")
	before, _ := os.ReadFile(path)
	h, warnings, err := Read(path)
	if err != nil {
		t.Fatal(err)
	}
	if want := withPath(damagedWarnings, path); !reflect.DeepEqual(warnings, want) {
		t.Errorf("warnings:\n got %v\nwant %v", warnings, want)
	}
	var got []string
	for _, a := range h.Attempts {
		got = append(got, a.Run+"/"+a.Step+"/"+a.Delivery.String())
	}
	if want := []string{"r1/open/19s", "r2/why/31s", "r3/open/18s"}; !reflect.DeepEqual(got, want) {
		t.Errorf("attempts = %v, want %v", got, want)
	}
	if len(h.Runs) != 1 || h.Runs[0].ID != "r1" || len(h.Runs[0].Taken) != 1 {
		t.Errorf("runs = %+v, want run r1 with one reaction", h.Runs)
	}
	if s := warnings[0].String(); s != path+":3: skipped a corrupt record" {
		t.Errorf("warning text = %q", s)
	}
	after, _ := os.ReadFile(path)
	if !bytes.Equal(before, after) {
		t.Error("Read changed the file")
	}
}

func TestReadCapsWarnings(t *testing.T) {
	path := filepath.Join(t.TempDir(), FileName)
	if err := os.WriteFile(path, []byte(strings.Repeat("garbage\n", MaxWarnings+7)), 0o600); err != nil {
		t.Fatal(err)
	}
	_, warnings, err := Read(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(warnings) != MaxWarnings+1 {
		t.Fatalf("%d warnings, want %d", len(warnings), MaxWarnings+1)
	}
	if last := warnings[MaxWarnings].String(); last != path+": and 7 more lines skipped or read in part" {
		t.Errorf("last warning = %q", last)
	}
}

func TestReadVeryLongLine(t *testing.T) {
	path := filepath.Join(t.TempDir(), FileName)
	a := attempt("r1", 0)
	a.Prompt = strings.Repeat("why now? ", 50_000) // far past bufio and Scanner limits
	if err := Open(path).AppendAttempt(a); err != nil {
		t.Fatal(err)
	}
	if err := Open(path).AppendAttempt(attempt("r1", 1)); err != nil {
		t.Fatal(err)
	}
	h, warnings, err := Read(path)
	if err != nil || len(warnings) != 0 || len(h.Attempts) != 2 || h.Attempts[0].Prompt != a.Prompt {
		t.Fatalf("Read: %d attempts, warnings %v, err %v", len(h.Attempts), warnings, err)
	}
}

func copyFixture(t *testing.T) (path string, raw []byte) {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("testdata", "damaged.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	path = filepath.Join(t.TempDir(), FileName)
	if err := os.WriteFile(path, raw, 0o600); err != nil {
		t.Fatal(err)
	}
	return path, raw
}

func TestAppendAfterTornTail(t *testing.T) {
	path, raw := copyFixture(t)
	a := attempt("r4", 0)
	if err := Open(path).AppendAttempt(a); err != nil {
		t.Fatal(err)
	}
	h, warnings, err := Read(path)
	if err != nil {
		t.Fatal(err)
	}
	if last := h.Attempts[len(h.Attempts)-1]; !reflect.DeepEqual(last, a) {
		t.Errorf("last attempt = %+v, want the new one", last)
	}
	// The torn line is still there and still reported, now as a complete
	// but corrupt line of its own.
	want := withPath(damagedWarnings, path)
	want[len(want)-1].Message = "skipped a corrupt record"
	if !reflect.DeepEqual(warnings, want) {
		t.Errorf("warnings:\n got %v\nwant %v", warnings, want)
	}
	now, _ := os.ReadFile(path)
	if !bytes.HasPrefix(now, append(raw, '\n')) {
		t.Error("the torn record was not kept verbatim")
	}
}

func TestPruneKeepsNewerAndCorruptLinesVerbatim(t *testing.T) {
	path, raw := copyFixture(t)
	cut := time.Date(2025, 2, 15, 0, 0, 0, 0, time.UTC)
	n, err := CountBefore(path, cut)
	if err != nil || n != 2 {
		t.Fatalf("CountBefore = %d, %v; want 2 (line 1's attempt, line 2's run)", n, err)
	}
	removed, err := Prune(path, cut)
	if err != nil || removed != 2 {
		t.Fatalf("Prune = %d, %v; want 2", removed, err)
	}
	lines := strings.Split(string(raw), "\n")
	want := strings.Join(lines[2:], "\n") // everything else, byte for byte, torn tail included
	got, _ := os.ReadFile(path)
	if string(got) != want {
		t.Errorf("after prune:\n%s\nwant:\n%s", got, want)
	}
	assertMode(t, path, 0o600)
	if n, _ := CountBefore(path, cut); n != 0 {
		t.Errorf("CountBefore after prune = %d, want 0", n)
	}
	if entries, _ := os.ReadDir(filepath.Dir(path)); len(entries) != 1 {
		t.Errorf("prune left files behind: %v", entries)
	}
	// Appending after a prune goes to the new file.
	if err := Open(path).AppendAttempt(attempt("r5", 0)); err != nil {
		t.Fatal(err)
	}
	h, _, _ := Read(path)
	if last := h.Attempts[len(h.Attempts)-1]; last.Run != "r5" {
		t.Errorf("append after prune lost: last attempt is from %q", last.Run)
	}
}

func TestPruneNothingOrMissing(t *testing.T) {
	path, raw := copyFixture(t)
	if n, err := Prune(path, time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)); n != 0 || err != nil {
		t.Errorf("Prune(nothing old) = %d, %v", n, err)
	}
	if got, _ := os.ReadFile(path); !bytes.Equal(got, raw) {
		t.Error("Prune with nothing to remove changed the file")
	}
	missing := filepath.Join(t.TempDir(), "none.jsonl")
	if n, err := Prune(missing, day); n != 0 || err != nil {
		t.Errorf("Prune(missing) = %d, %v", n, err)
	}
	if n, err := CountBefore(missing, day); n != 0 || err != nil {
		t.Errorf("CountBefore(missing) = %d, %v", n, err)
	}
	if _, err := os.Stat(missing); !os.IsNotExist(err) {
		t.Error("Prune created a missing file")
	}
}

func TestDefaultPath(t *testing.T) {
	t.Setenv("HOME", "/home/ann")
	t.Setenv("XDG_DATA_HOME", "/data")
	if p, err := DefaultPath(); err != nil || p != "/data/rehearse/history.jsonl" {
		t.Errorf("with XDG_DATA_HOME: %q, %v", p, err)
	}
	t.Setenv("XDG_DATA_HOME", "relative/data") // the spec says to ignore it
	if p, err := DefaultPath(); err != nil || p != "/home/ann/.local/share/rehearse/history.jsonl" {
		t.Errorf("with a relative XDG_DATA_HOME: %q, %v", p, err)
	}
	t.Setenv("XDG_DATA_HOME", "")
	t.Setenv("HOME", "")
	if _, err := DefaultPath(); err == nil || !strings.Contains(err.Error(), "--history") {
		t.Errorf("without HOME: err = %v, want advice to pass --history", err)
	}
}

func TestAppendToUnwritablePlaceIsAnError(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "a-file")
	if err := os.WriteFile(file, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	err := Open(filepath.Join(file, FileName)).AppendAttempt(attempt("r", 0))
	if err == nil || !strings.Contains(err.Error(), "history: append to") {
		t.Errorf("append under a file: err = %v", err)
	}
}
