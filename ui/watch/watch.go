// Package watch tells a Bubble Tea program when files it loaded change on
// disk, so it can reload them.
//
// It watches the files' directories, not the files: editors save by writing
// a new file and renaming it over the old one (vim, most GUI editors), and a
// watch on the old file would die with it. Events are filtered by name and
// debounced, so one save — often a burst of create, write, chmod and rename
// — arrives as one message. Nothing runs while nothing changes: no polling,
// no ticks.
//
// The watcher follows the Bubble Tea pattern for a stream of events: Next
// returns a command that blocks until the next change. Arm it once, and
// again each time its message arrives, so exactly one is pending:
//
//	w, err := watch.New(set.Paths())
//	// Init:   return w.Next()
//	// Update: case watch.ChangedMsg: reload…; return w.Next()
//	// quit:   w.Close()
package watch

import (
	"errors"
	"path/filepath"
	"slices"
	"sync"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/fsnotify/fsnotify"
)

// DefaultDelay is how long the watcher waits after the last event of a
// burst before it reports the change.
const DefaultDelay = 150 * time.Millisecond

// ChangedMsg reports that some of the watched files changed (were written,
// replaced, created or removed). Paths are as given to New, sorted.
type ChangedMsg struct {
	Paths []string
	// Err is set when the watcher lost events (say, the kernel queue
	// overflowed); Paths then holds every watched file, to be safe.
	Err error
}

// Watcher watches a set of files. Its methods are safe to call from any
// goroutine.
type Watcher struct {
	fw    *fsnotify.Watcher
	names map[string][]string // cleaned absolute name → the paths given to New
	all   []string            // every path given to New, sorted
	delay time.Duration
	out   chan ChangedMsg
	done  chan struct{}
	once  sync.Once
}

// New starts watching paths, reporting changes DefaultDelay after the last
// event of a burst.
func New(paths []string) (*Watcher, error) { return NewWithDelay(paths, DefaultDelay) }

// NewWithDelay is New with another debounce delay.
func NewWithDelay(paths []string, delay time.Duration) (*Watcher, error) {
	if len(paths) == 0 {
		return nil, errors.New("watch: no files to watch")
	}
	fw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, err
	}
	w := &Watcher{fw: fw, names: map[string][]string{}, delay: delay,
		out: make(chan ChangedMsg), done: make(chan struct{})}
	dirs := map[string]bool{}
	for _, p := range paths {
		for _, abs := range targets(p) {
			w.names[abs] = append(w.names[abs], p)
			dirs[filepath.Dir(abs)] = true
		}
		w.all = append(w.all, p)
	}
	slices.Sort(w.all)
	w.all = slices.Compact(w.all)
	for d := range dirs {
		if err := fw.Add(d); err != nil {
			fw.Close()
			return nil, err
		}
	}
	go w.loop()
	return w, nil
}

// targets are the names to watch for path: its absolute path and, when it
// is a symbolic link, the file it points to (a dotfiles checkout, say).
func targets(path string) []string {
	abs, err := filepath.Abs(path)
	if err != nil {
		abs = filepath.Clean(path)
	}
	out := []string{abs}
	if real, err := filepath.EvalSymlinks(abs); err == nil && real != abs {
		out = append(out, real)
	}
	return out
}

// Next returns a command that waits for the next change and returns it as
// a ChangedMsg. After Close the command returns nil (no message).
func (w *Watcher) Next() tea.Cmd {
	return func() tea.Msg {
		select {
		case m := <-w.out:
			return m
		case <-w.done:
			return nil
		}
	}
}

// Close stops watching. A pending Next command returns nil. Close may be
// called more than once.
func (w *Watcher) Close() error {
	var err error
	w.once.Do(func() {
		close(w.done)
		err = w.fw.Close()
	})
	return err
}

// loop gathers events into a pending set and hands it over once the burst
// has been quiet for the delay and someone is waiting in Next. Changes that
// come while nobody waits are merged into the next message, never dropped.
func (w *Watcher) loop() {
	pending := map[string]bool{}
	var lost error
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	quiet := false // the delay has passed since the last event
	for {
		var out chan ChangedMsg // nil: nothing to hand over yet
		var msg ChangedMsg
		if quiet && len(pending) > 0 {
			out, msg = w.out, w.message(pending, lost)
		}
		select {
		case ev, ok := <-w.fw.Events:
			if !ok {
				return
			}
			if !w.relevant(ev) {
				continue
			}
			for _, p := range w.names[filepath.Clean(ev.Name)] {
				pending[p] = true
			}
			quiet = false
			timer.Reset(w.delay)
		case err, ok := <-w.fw.Errors:
			if !ok {
				return
			}
			lost = err
			for _, p := range w.all {
				pending[p] = true
			}
			quiet = false
			timer.Reset(w.delay)
		case <-timer.C:
			quiet = true
		case out <- msg:
			pending, lost = map[string]bool{}, nil
			quiet = false
		case <-w.done:
			timer.Stop()
			return
		}
	}
}

// relevant reports whether ev changes the content of a watched file. A
// change of mode alone does not.
func (w *Watcher) relevant(ev fsnotify.Event) bool {
	if _, ok := w.names[filepath.Clean(ev.Name)]; !ok {
		return false
	}
	return ev.Op&(fsnotify.Write|fsnotify.Create|fsnotify.Rename|fsnotify.Remove) != 0
}

// message builds the message for the pending set.
func (w *Watcher) message(pending map[string]bool, lost error) ChangedMsg {
	m := ChangedMsg{Err: lost}
	for p := range pending {
		m.Paths = append(m.Paths, p)
	}
	slices.Sort(m.Paths)
	return m
}
