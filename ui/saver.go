package ui

import (
	"errors"
	"sync"

	tea "charm.land/bubbletea/v2"
)

// saver hands history records to the Config callbacks one at a time, in
// the order they were made (an attempt before the run that holds it), on a
// goroutine of its own. Update only queues a record, so it never waits on
// the disk, and App.Close can wait until every record is written: Bubble
// Tea does not wait for running commands when it quits.
type saver struct {
	jobs  chan saveJob
	done  chan struct{}
	start sync.Once

	mu     sync.Mutex
	failed []error // every failure, so Close can report them after the screen is gone
}

type saveJob struct {
	save   func() error
	result chan error
}

// saveQueue is how many records may wait to be written; a rehearsal makes
// a few a minute.
const saveQueue = 256

func newSaver() *saver {
	return &saver{jobs: make(chan saveJob, saveQueue), done: make(chan struct{})}
}

// submit queues save and returns a command that reports its result as a
// savedMsg once it has run.
func (s *saver) submit(save func() error) tea.Cmd {
	s.start.Do(func() { go s.loop() })
	j := saveJob{save: save, result: make(chan error, 1)}
	s.jobs <- j
	return func() tea.Msg { return savedMsg{err: <-j.result} }
}

func (s *saver) loop() {
	defer close(s.done)
	for j := range s.jobs {
		err := j.save()
		if err != nil {
			s.mu.Lock()
			s.failed = append(s.failed, err)
			s.mu.Unlock()
		}
		j.result <- err
	}
}

// close waits for every queued record to be written and returns the
// failures, if any. Nothing may be submitted after it.
func (s *saver) close() error {
	s.start.Do(func() { go s.loop() })
	close(s.jobs)
	<-s.done
	s.mu.Lock()
	defer s.mu.Unlock()
	return errors.Join(s.failed...)
}
