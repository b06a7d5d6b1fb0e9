package watch

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
)

// guard is how long a test waits for a message before it gives up: a
// guard against hangs, not a speed assertion.
const guard = 10 * time.Second

// pending runs cmd on its own goroutine, as Bubble Tea would, and returns
// the channel its message will arrive on.
func pending(cmd tea.Cmd) <-chan tea.Msg {
	ch := make(chan tea.Msg, 1)
	go func() { ch <- cmd() }()
	return ch
}

// receive waits for the message of a pending Next.
func receive(t *testing.T, ch <-chan tea.Msg) ChangedMsg {
	t.Helper()
	select {
	case m := <-ch:
		cm, ok := m.(ChangedMsg)
		if !ok {
			t.Fatalf("got %#v, want a ChangedMsg", m)
		}
		return cm
	case <-time.After(guard):
		t.Fatal("no ChangedMsg")
	}
	return ChangedMsg{}
}

func write(t *testing.T, path, text string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// setup writes the files a.toml and b.toml in a new directory and watches
// both.
func setup(t *testing.T, delay time.Duration) (w *Watcher, a, b string) {
	t.Helper()
	dir := t.TempDir()
	a, b = filepath.Join(dir, "a.toml"), filepath.Join(dir, "b.toml")
	write(t, a, "a = 1\n")
	write(t, b, "b = 1\n")
	w, err := NewWithDelay([]string{b, a}, delay)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.Close() })
	return w, a, b
}

func wantPaths(t *testing.T, m ChangedMsg, want ...string) {
	t.Helper()
	if !slices.Equal(m.Paths, want) || m.Err != nil {
		t.Fatalf("got %v (err %v), want %v", m.Paths, m.Err, want)
	}
}

func TestWrite(t *testing.T) {
	w, a, _ := setup(t, DefaultDelay)
	ch := pending(w.Next())
	write(t, a, "a = 2\n")
	wantPaths(t, receive(t, ch), a)
}

// TestRenameOver saves the way vim does: a new file, renamed over the old
// one. The temporary file is in the same directory and is not reported.
func TestRenameOver(t *testing.T) {
	w, a, _ := setup(t, DefaultDelay)
	ch := pending(w.Next())
	tmp := filepath.Join(filepath.Dir(a), ".a.toml.swp")
	write(t, tmp, "a = 3\n")
	if err := os.Rename(tmp, a); err != nil {
		t.Fatal(err)
	}
	wantPaths(t, receive(t, ch), a)
	// The watch survives the replace: the new file is watched too.
	ch = pending(w.Next())
	write(t, a, "a = 4\n")
	wantPaths(t, receive(t, ch), a)
}

// TestBurstIsOneMessage writes a twice in quick succession (well inside
// the delay): one message. The next message, for b, proves no second one
// for a was queued.
func TestBurstIsOneMessage(t *testing.T) {
	w, a, b := setup(t, 2*time.Second) // long, so the two writes fall in one burst even on a stalled machine
	ch := pending(w.Next())
	write(t, a, "a = 2\n")
	write(t, a, "a = 3\n")
	wantPaths(t, receive(t, ch), a)
	ch = pending(w.Next())
	write(t, b, "b = 2\n")
	wantPaths(t, receive(t, ch), b)
}

// TestChangesWhileNobodyWaitsAreMerged: with no Next pending, changes
// collect into one message for the next receiver, whatever the timing.
func TestChangesWhileNobodyWaitsAreMerged(t *testing.T) {
	w, a, b := setup(t, time.Millisecond)
	write(t, a, "a = 2\n")
	write(t, b, "b = 2\n")
	ch := pending(w.Next())
	m := receive(t, ch)
	if !slices.Contains(m.Paths, a) {
		t.Fatalf("got %v, want %s in it", m.Paths, a)
	}
	if !slices.Contains(m.Paths, b) { // b's events may still have been on their way
		ch = pending(w.Next())
		wantPaths(t, receive(t, ch), b)
	}
}

// TestIgnored: other files in the directory and a change of mode alone
// are not changes. Events arrive in order, so had either counted, the
// message for a's write would name more than a.
func TestIgnored(t *testing.T) {
	w, a, b := setup(t, DefaultDelay)
	ch := pending(w.Next())
	write(t, filepath.Join(filepath.Dir(a), "notes.txt"), "x")
	if err := os.Chmod(b, 0o600); err != nil {
		t.Fatal(err)
	}
	write(t, a, "a = 2\n")
	wantPaths(t, receive(t, ch), a)
}

// TestRemoveAndRecreate: deleting a file is a change (the reload reports
// it missing), and so is writing it again.
func TestRemoveAndRecreate(t *testing.T) {
	w, a, _ := setup(t, DefaultDelay)
	ch := pending(w.Next())
	if err := os.Remove(a); err != nil {
		t.Fatal(err)
	}
	wantPaths(t, receive(t, ch), a)
	ch = pending(w.Next())
	write(t, a, "a = 5\n")
	wantPaths(t, receive(t, ch), a)
}

// TestRelativePathsAndSymlinks: paths are reported as given, and a file
// reached through a symbolic link is watched where it really is.
func TestRelativePathsAndSymlinks(t *testing.T) {
	dir, real := t.TempDir(), t.TempDir()
	target := filepath.Join(real, "s.toml")
	write(t, target, "s = 1\n")
	link := filepath.Join(dir, "s.toml")
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	w, err := New([]string{"s.toml"})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	ch := pending(w.Next())
	write(t, target, "s = 2\n")
	wantPaths(t, receive(t, ch), "s.toml")
}

func TestCloseReleasesNext(t *testing.T) {
	w, _, _ := setup(t, DefaultDelay)
	ch := pending(w.Next())
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	select {
	case m := <-ch:
		if m != nil {
			t.Fatalf("got %#v after Close, want nil", m)
		}
	case <-time.After(guard):
		t.Fatal("Next still blocked after Close")
	}
	if err := w.Close(); err != nil {
		t.Fatalf("second Close: %v", err)
	}
	if m := w.Next()(); m != nil {
		t.Fatalf("Next after Close returned %#v", m)
	}
}

func TestNewErrors(t *testing.T) {
	if _, err := New(nil); err == nil {
		t.Error("New(nil) should fail")
	}
	if _, err := New([]string{filepath.Join(t.TempDir(), "no", "such", "dir", "x.toml")}); err == nil {
		t.Error("a file in a missing directory should fail")
	}
}
