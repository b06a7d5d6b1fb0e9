// Package history keeps the record of every rehearsal: each delivered line
// (a model.Attempt) and each finished or abandoned run (a model.Run) is
// appended to one file, one JSON object per line, with a format version:
//
//	{"v":1,"type":"attempt","attempt":{...}}
//	{"v":1,"type":"run","run":{...}}
//
// The file is safe by construction. Each record is a single write to a file
// opened with O_APPEND, under an exclusive flock, followed by fsync, so
// records from two terminals rehearsing at once never interleave and a
// record reported written survives a crash. Reading never fails on bad
// content: a torn or corrupt line (a power cut, a hand edit) is skipped with
// a Warning naming its line and is left in the file; records from a newer
// version are read as far as this version understands them. Nothing is ever
// removed except by Prune.
//
// Usage:
//
//	path, err := history.DefaultPath()
//	store := history.Open(path)
//	err = store.AppendAttempt(attempt) // as each line is delivered
//	err = store.AppendRun(run)         // at the end, or Abandoned on quit
//	h, warnings, err := history.Read(path)
//	stats := model.ComputeAll(scenarios, h.Attempts, h.Runs)
package history

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"
	"time"

	"rehearse/model"
)

// Version is the format version this package writes. Records with a higher
// version are read best-effort and never rewritten.
const Version = 1

// Record types, the "type" field of each line.
const (
	typeAttempt = "attempt"
	typeRun     = "run"
)

// FileName is the name of the history file inside the data directory.
const FileName = "history.jsonl"

// record is one line of the history file.
type record struct {
	V       int            `json:"v"`
	Type    string         `json:"type"`
	Attempt *model.Attempt `json:"attempt,omitempty"`
	Run     *model.Run     `json:"run,omitempty"`
}

// DefaultPath returns where the history lives when no --history is given:
// $XDG_DATA_HOME/rehearse/history.jsonl, or, when XDG_DATA_HOME is unset or
// relative (the XDG spec says to ignore relative paths),
// $HOME/.local/share/rehearse/history.jsonl.
func DefaultPath() (string, error) {
	if dir := os.Getenv("XDG_DATA_HOME"); filepath.IsAbs(dir) {
		return filepath.Join(dir, "rehearse", FileName), nil
	}
	home, err := os.UserHomeDir()
	if err != nil || home == "" {
		return "", errors.New("history: cannot tell where to keep the history: set XDG_DATA_HOME or HOME, or pass --history PATH")
	}
	return filepath.Join(home, ".local", "share", "rehearse", FileName), nil
}

// Store appends records to one history file. It is safe for concurrent use,
// and several processes may append to the same file at once.
type Store struct {
	path string

	mu sync.Mutex
	// written holds the attempts this Store has appended on their own, so
	// that AppendRun need not store them a second time inside the run.
	written map[attemptKey]bool
}

// attemptKey identifies an attempt within a history: a run delivers a given
// step at a given instant only once.
type attemptKey struct {
	run, scenario, step string
	at                  int64
}

func keyOf(a *model.Attempt) attemptKey {
	return attemptKey{a.Run, a.Scenario, a.Step, a.At.UnixNano()}
}

// Open returns a Store for the history file at path. Nothing is touched
// until the first append, which creates the file's directory (mode 0700) and
// the file (mode 0600) if needed: rehearsal notes are private.
func Open(path string) *Store {
	return &Store{path: path, written: map[attemptKey]bool{}}
}

// Path returns the file the Store appends to.
func (s *Store) Path() string { return s.path }

// AppendAttempt records one delivered line. When it returns nil the record
// is on disk (fsynced).
func (s *Store) AppendAttempt(a model.Attempt) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.append(record{V: Version, Type: typeAttempt, Attempt: &a}); err != nil {
		return err
	}
	s.written[keyOf(&a)] = true
	return nil
}

// AppendRun records a finished or abandoned run. Attempts in r.Attempts
// that this Store has already appended with AppendAttempt are left out of
// the run record, so each attempt is kept once; any others (say, one whose
// own append failed) are kept inside the run, and Read brings them back.
func (s *Store) AppendRun(r model.Run) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	var rest []model.Attempt
	for i := range r.Attempts {
		if !s.written[keyOf(&r.Attempts[i])] {
			rest = append(rest, r.Attempts[i])
		}
	}
	r.Attempts = rest
	return s.append(record{V: Version, Type: typeRun, Run: &r})
}

// append writes one record as one line.
func (s *Store) append(rec record) error {
	line, err := json.Marshal(rec)
	if err != nil {
		return fmt.Errorf("history: encode %s record: %w", rec.Type, err)
	}
	line = append(line, '\n')
	if err := appendLine(s.path, line); err != nil {
		return fmt.Errorf("history: append to %s: %w", s.path, err)
	}
	return nil
}

// appendLine writes line to the end of the file at path in one write under
// an exclusive lock, then fsyncs.
func appendLine(path string, line []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return err
	}
	f, err := openLocked(path)
	if err != nil {
		return err
	}
	defer f.Close()
	// A previous writer may have died mid-record. Start on a fresh line so
	// the new record is not glued to the torn one and lost with it.
	torn, err := endsTorn(f)
	if err != nil {
		return err
	}
	if torn {
		line = append([]byte{'\n'}, line...)
	}
	if _, err := f.Write(line); err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		return err
	}
	return f.Close()
}

// openLocked opens path for appending and takes the exclusive lock. Prune
// replaces the file by renaming a new one over it; a writer that was
// waiting for the lock on the old file would append to a file nobody will
// read again, so after locking it checks that path still names the file it
// holds, and retries if not.
func openLocked(path string) (*os.File, error) {
	for range 100 {
		f, err := os.OpenFile(path, os.O_RDWR|os.O_APPEND|os.O_CREATE, 0o600)
		if err != nil {
			return nil, err
		}
		if err := lock(f, true); err != nil {
			f.Close()
			return nil, fmt.Errorf("lock: %w", err)
		}
		held, err1 := f.Stat()
		named, err2 := os.Stat(path)
		if err1 == nil && err2 == nil && os.SameFile(held, named) {
			return f, nil
		}
		f.Close()
	}
	return nil, errors.New("the file keeps being replaced while appending")
}

// endsTorn reports whether the file is non-empty and its last byte is not a
// newline.
func endsTorn(f *os.File) (bool, error) {
	fi, err := f.Stat()
	if err != nil {
		return false, err
	}
	if fi.Size() == 0 {
		return false, nil
	}
	var last [1]byte
	if _, err := f.ReadAt(last[:], fi.Size()-1); err != nil && err != io.EOF {
		return false, err
	}
	return last[0] != '\n', nil
}

// stampOf decodes just enough of a line to tell its age: the time of an
// attempt, or the end (else the start) of a run. ok is false for lines that
// must never be removed by age: corrupt ones, those of a newer version and
// those of unknown types.
func stampOf(line []byte) (at time.Time, ok bool) {
	var st struct {
		V       int    `json:"v"`
		Type    string `json:"type"`
		Attempt *struct {
			At time.Time `json:"at"`
		} `json:"attempt"`
		Run *struct {
			Started time.Time `json:"started"`
			Ended   time.Time `json:"ended"`
		} `json:"run"`
	}
	line = bytes.TrimSpace(line)
	if len(line) == 0 || json.Unmarshal(line, &st) != nil || st.V < 1 || st.V > Version {
		return time.Time{}, false
	}
	switch {
	case st.Type == typeAttempt && st.Attempt != nil:
		at = st.Attempt.At
	case st.Type == typeRun && st.Run != nil:
		at = st.Run.Ended
		if at.IsZero() {
			at = st.Run.Started
		}
	}
	return at, !at.IsZero()
}
