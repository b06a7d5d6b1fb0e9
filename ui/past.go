package ui

import (
	"fmt"
	"slices"
	"time"

	"rehearse/model"
	"rehearse/model/history"
)

// past is the UI's own copy of the history: what main.go read at start, plus
// every attempt and run saved since, whether or not saving them to disk
// worked — the screens show the rehearsal just done either way. Stats are
// computed from it only when it or the scenarios changed, and only when a
// screen asks (entering home or stats, ending a run), never in View.
type past struct {
	attempts []model.Attempt
	runs     []model.Run
	seen     map[attemptKey]bool // attempts recorded this session

	stats   []model.ScenarioStats
	statsOf []*model.Scenario // the scenarios stats were computed for
	dirty   bool
}

// attemptKey tells one attempt from another: one line, one start time.
type attemptKey struct {
	run, step string
	at        time.Time
}

func keyOfAttempt(a model.Attempt) attemptKey { return attemptKey{a.Run, a.Step, a.At} }

// newPast copies h, so appending never writes into the caller's arrays.
func newPast(h *history.History) *past {
	p := &past{seen: map[attemptKey]bool{}, dirty: true}
	if h != nil {
		p.attempts = slices.Clone(h.Attempts)
		p.runs = slices.Clone(h.Runs)
	}
	return p
}

// addAttempt keeps a delivery just made.
func (p *past) addAttempt(a model.Attempt) {
	k := keyOfAttempt(a)
	if p.seen[k] {
		return
	}
	p.seen[k] = true
	p.attempts = append(p.attempts, a)
	p.dirty = true
}

// addRun keeps a finished or abandoned run. Its attempts are kept once, in
// the attempts list, like the history file does; any the run carries that
// were not saved one by one are added there.
func (p *past) addRun(r model.Run) {
	for _, a := range r.Attempts {
		p.addAttempt(a)
	}
	r.Attempts = nil
	p.runs = append(p.runs, r)
	p.dirty = true
}

// before returns the attempts not made in run id: what a report compares
// this run's deliveries with.
func (p *past) before(id string) []model.Attempt {
	out := make([]model.Attempt, 0, len(p.attempts))
	for _, a := range p.attempts {
		if a.Run != id {
			out = append(out, a)
		}
	}
	return out
}

// all returns the stats of every scenario in scs, in order, recomputing
// them only when the history or the scenarios changed.
func (p *past) all(scs []*model.Scenario) []model.ScenarioStats {
	if p.dirty || !slices.Equal(p.statsOf, scs) {
		p.stats = model.ComputeAll(scs, p.attempts, p.runs)
		p.statsOf = slices.Clone(scs)
		p.dirty = false
	}
	return p.stats
}

// readinessMark is a readiness as a mark that reads without colour.
func readinessMark(r model.Readiness) string {
	switch r {
	case model.Ready:
		return "●"
	case model.Practising:
		return "◐"
	}
	return "○"
}

// readinessText is the mark with its word: "◐ practising".
func readinessText(r model.Readiness) string { return readinessMark(r) + " " + r.String() }

// ago says when t was, from now, in the words a person would use: "today
// 09:14", "yesterday", "3 days ago", "on 2 Mar", "on 2 Mar 2025".
func ago(t, now time.Time) string {
	if t.IsZero() {
		return "never"
	}
	t = t.In(now.Location())
	y1, m1, d1 := t.Date()
	y2, m2, d2 := now.Date()
	days := int(time.Date(y2, m2, d2, 0, 0, 0, 0, time.UTC).Sub(time.Date(y1, m1, d1, 0, 0, 0, 0, time.UTC)).Hours() / 24)
	switch {
	case days <= 0:
		return "today " + t.Format("15:04")
	case days == 1:
		return "yesterday"
	case days < 14:
		return fmt.Sprintf("%d days ago", days)
	case y1 == y2:
		return "on " + t.Format("2 Jan")
	}
	return "on " + t.Format("2 Jan 2006")
}

// coverageText is "5 of 12 reactions".
func coverageText(c model.Coverage) string {
	if c.Total == 1 {
		return fmt.Sprintf("%d of 1 reaction", c.Met)
	}
	return fmt.Sprintf("%d of %d reactions", c.Met, c.Total)
}

// fmtChange shows a signed difference: "−1.8s", "+3.1s", "±0.0s".
func fmtChange(d time.Duration) string {
	switch {
	case d < 0:
		return "−" + fmtDelta(d)
	case d > 0:
		return "+" + fmtDelta(d)
	}
	return "±0.0s"
}

// allStats returns the stats of every loaded scenario, in order.
func (c *appContext) allStats() []model.ScenarioStats { return c.past.all(c.cfg.Scenarios) }
