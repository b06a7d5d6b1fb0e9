package history

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"

	"rehearse/model"
)

// MaxWarnings is how many warnings Read reports one by one; past it, one
// last warning counts the rest, so a badly damaged file gives a readable
// message rather than thousands of lines.
const MaxWarnings = 20

// History is everything read from a history file.
//
// Every attempt is in Attempts exactly once, whether it was recorded on its
// own or only inside its run; the Runs' own Attempts are left empty (use
// RunAttempts). Both lists are in file order, which is the order records
// were written.
type History struct {
	Attempts []model.Attempt
	Runs     []model.Run
}

// RunAttempts returns the attempts of the run with the given id, in file
// order.
func (h *History) RunAttempts(id string) []model.Attempt {
	var out []model.Attempt
	for _, a := range h.Attempts {
		if a.Run == id {
			out = append(out, a)
		}
	}
	return out
}

// Warning is a problem with one line of the history file that did not stop
// it from being read. The line itself is left in the file untouched.
type Warning struct {
	Path    string
	Line    int // 1-based; 0 for a warning about the whole file
	Message string
}

// String formats the warning as "path:line: message".
func (w Warning) String() string {
	if w.Line == 0 {
		return fmt.Sprintf("%s: %s", w.Path, w.Message)
	}
	return fmt.Sprintf("%s:%d: %s", w.Path, w.Line, w.Message)
}

// Read reads the history file at path. A missing file is an empty history.
// Lines that cannot be read are skipped with a Warning each (see
// MaxWarnings); only failing to open or read the file at all is an error.
//
// It holds a shared lock while reading, so it never sees half of a record
// being appended.
func Read(path string) (*History, []Warning, error) {
	h := &History{}
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return h, nil, nil
	}
	if err != nil {
		return nil, nil, fmt.Errorf("history: %w", err)
	}
	defer f.Close()
	if err := lock(f, false); err != nil {
		return nil, nil, fmt.Errorf("history: lock %s: %w", path, err)
	}
	// Attempt records take 250 to 350 bytes; sizing the list from the file
	// once saves growing it (and copying it) a dozen times.
	if fi, err := f.Stat(); err == nil {
		h.Attempts = make([]model.Attempt, 0, fi.Size()/256)
	}
	d := decoder{path: path, h: h, strings: interner{}}
	err = eachLine(f, d.line)
	if err != nil {
		return nil, nil, fmt.Errorf("history: read %s: %w", path, err)
	}
	h.gatherRunAttempts()
	return h, d.finish(), nil
}

// decoder turns lines into records and problems into warnings.
type decoder struct {
	path       string
	h          *History
	warnings   []Warning
	suppressed int
	newer      bool // a newer-version record has been reported
	strings    interner
}

func (d *decoder) warn(line int, format string, args ...any) {
	if len(d.warnings) >= MaxWarnings {
		d.suppressed++
		return
	}
	d.warnings = append(d.warnings, Warning{Path: d.path, Line: line, Message: fmt.Sprintf(format, args...)})
}

func (d *decoder) finish() []Warning {
	if d.suppressed > 0 {
		d.warnings = append(d.warnings, Warning{Path: d.path,
			Message: fmt.Sprintf("and %d more lines skipped or read in part", d.suppressed)})
	}
	return d.warnings
}

// line decodes line number n. complete is false for a last line without its
// newline: a write cut short.
func (d *decoder) line(n int, line []byte, complete bool) {
	line = bytes.TrimSpace(line)
	if len(line) == 0 {
		return
	}
	if d.fast(line) {
		return
	}
	var rec record
	err := json.Unmarshal(line, &rec)
	if rec.V > Version && !d.newer {
		d.newer = true
		d.warn(n, "written by a newer version of rehearse (format v%d); reading what this version understands", rec.V)
	}
	// A newer version may have changed a field's type; keep what decoded.
	var typeErr *json.UnmarshalTypeError
	if err != nil && !(rec.V > Version && errors.As(err, &typeErr)) {
		d.warn(n, "skipped a %s record", tornOrCorrupt(complete))
		return
	}
	if rec.V < 1 {
		d.warn(n, "skipped a %s record (no format version)", tornOrCorrupt(complete))
		return
	}
	switch rec.Type {
	case typeAttempt:
		if a := rec.Attempt; a != nil && a.Scenario != "" && a.Step != "" {
			d.h.Attempts = append(d.h.Attempts, *a)
			return
		}
	case typeRun:
		if r := rec.Run; r != nil && r.Scenario != "" {
			d.h.Runs = append(d.h.Runs, *r)
			return
		}
	default:
		d.warn(n, "skipped a record of unknown type %q (from a newer version?)", rec.Type)
		return
	}
	d.warn(n, "skipped an incomplete %s record", rec.Type)
}

// fast decodes the line in place at the end of the history when it is a
// plain record of this version (see fastAttempt), and reports whether it
// did; the slow path handles everything else, warnings included.
func (d *decoder) fast(line []byte) bool {
	h := d.h
	switch {
	case bytes.HasPrefix(line, attemptPrefix):
		h.Attempts = append(h.Attempts, model.Attempt{})
		a := &h.Attempts[len(h.Attempts)-1]
		if fastAttempt(line, a, d.strings) && a.Scenario != "" && a.Step != "" {
			return true
		}
		h.Attempts = h.Attempts[:len(h.Attempts)-1]
	case bytes.HasPrefix(line, runPrefix):
		h.Runs = append(h.Runs, model.Run{})
		r := &h.Runs[len(h.Runs)-1]
		if fastRun(line, r, d.strings) && r.Scenario != "" {
			return true
		}
		h.Runs = h.Runs[:len(h.Runs)-1]
	}
	return false
}

func tornOrCorrupt(complete bool) string {
	if complete {
		return "corrupt"
	}
	return "torn (incomplete)"
}

// gatherRunAttempts moves attempts stored inside runs into h.Attempts,
// unless the same attempt was also recorded on its own.
func (h *History) gatherRunAttempts() {
	ids := map[string]bool{}
	for _, r := range h.Runs {
		if len(r.Attempts) > 0 {
			ids[r.ID] = true
		}
	}
	if len(ids) == 0 {
		return
	}
	seen := map[attemptKey]bool{}
	for i := range h.Attempts {
		if ids[h.Attempts[i].Run] {
			seen[keyOf(&h.Attempts[i])] = true
		}
	}
	for i := range h.Runs {
		for _, a := range h.Runs[i].Attempts {
			if k := keyOf(&a); !seen[k] {
				seen[k] = true
				h.Attempts = append(h.Attempts, a)
			}
		}
		h.Runs[i].Attempts = nil
	}
}

// eachLine calls fn with every line of r, numbered from 1, without its
// newline. Lines may be of any length. complete is false for a last line
// that does not end in a newline.
func eachLine(r io.Reader, fn func(n int, line []byte, complete bool)) error {
	br := bufio.NewReaderSize(r, 64<<10)
	var long []byte
	for n := 1; ; {
		chunk, err := br.ReadSlice('\n')
		if errors.Is(err, bufio.ErrBufferFull) {
			long = append(long, chunk...)
			continue
		}
		line := chunk
		if long != nil {
			line = append(long, chunk...)
		}
		switch {
		case err == nil:
			fn(n, line[:len(line)-1], true)
		case errors.Is(err, io.EOF):
			if len(line) > 0 {
				fn(n, line, false)
			}
			return nil
		default:
			return err
		}
		long = nil // lines past the buffer are rare; let the next one allocate
		n++
	}
}
