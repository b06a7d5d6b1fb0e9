package history

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"
)

// CountBefore counts the records Prune(path, before) would remove, so the
// command line can ask "delete N records?" first. A missing file has none.
func CountBefore(path string, before time.Time) (int, error) {
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("history: %w", err)
	}
	defer f.Close()
	if err := lock(f, false); err != nil {
		return 0, fmt.Errorf("history: lock %s: %w", path, err)
	}
	return countOlder(f, before)
}

// Prune removes the records that happened before the given time: attempts
// that started before it and runs that ended (or, never ended, started)
// before it. It is the only function that removes anything from a history.
//
// Every other line is kept byte for byte: records from a newer version,
// records of unknown types and corrupt lines are never removed, so pruning
// loses nothing a later version or a careful hand could still recover. The
// new file is written beside the old one, fsynced and renamed over it, so a
// crash leaves either the old file or the new one, never a mix; appends from
// other processes wait for it and then go to the new file.
func Prune(path string, before time.Time) (removed int, err error) {
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		return 0, nil
	}
	// Like an append, a prune that waited for the lock must check that the
	// path still names the file it locked: another prune may have replaced
	// it, and rewriting the old one would drop what was appended since.
	f, err := openLocked(path)
	if err != nil {
		return 0, fmt.Errorf("history: %s: %w", path, err)
	}
	defer f.Close()
	n, err := countOlder(f, before)
	if err != nil || n == 0 {
		return 0, err
	}
	if _, err := f.Seek(0, 0); err != nil {
		return 0, fmt.Errorf("history: %w", err)
	}
	if err := rewrite(f, path, before); err != nil {
		return 0, fmt.Errorf("history: prune %s: %w", path, err)
	}
	return n, nil
}

// countOlder counts the records of the open file f older than before,
// reading from its current offset. The caller holds the lock.
func countOlder(f *os.File, before time.Time) (int, error) {
	n := 0
	err := eachLine(f, func(_ int, line []byte, _ bool) {
		if at, ok := stampOf(line); ok && at.Before(before) {
			n++
		}
	})
	if err != nil {
		return 0, fmt.Errorf("history: read %s: %w", f.Name(), err)
	}
	return n, nil
}

// rewrite copies the lines of src not older than before into a new file
// and renames it over path.
func rewrite(src *os.File, path string, before time.Time) error {
	fi, err := src.Stat()
	if err != nil {
		return err
	}
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, ".history-prune-*")
	if err != nil {
		return err
	}
	done := false
	defer func() {
		if !done {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if err := tmp.Chmod(fi.Mode().Perm()); err != nil {
		return err
	}
	var werr error
	err = eachLine(src, func(_ int, line []byte, complete bool) {
		if at, ok := stampOf(line); ok && at.Before(before) {
			return
		}
		if werr == nil {
			_, werr = tmp.Write(line)
		}
		if werr == nil && complete {
			_, werr = tmp.Write([]byte{'\n'})
		}
	})
	if err = errors.Join(err, werr); err != nil {
		return err
	}
	if err := tmp.Sync(); err != nil {
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return err
	}
	done = true
	syncDir(dir)
	return nil
}

// syncDir makes a rename in dir durable. Some systems cannot fsync a
// directory; the rename has happened either way, so failure is ignored.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}
