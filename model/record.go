package model

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"time"
)

// Attempt is one delivery of one prepared line: how long you hesitated after
// the manager spoke, how long you took, and how that compares with the
// target. Every finished delivery becomes an Attempt, retries included.
type Attempt struct {
	Run        string        `json:"run"` // the ID of the Run it belongs to
	Scenario   string        `json:"scenario"`
	Step       string        `json:"step"`
	Visit      int           `json:"visit,omitempty"` // index in the run's Steps of the visit it was delivered in
	TextHash   string        `json:"text_hash"`       // LineHash of the prepared text, to tell a rewrite from progress
	Key        bool          `json:"key,omitempty"`
	Prompt     string        `json:"prompt,omitempty"` // the manager line you answered
	At         time.Time     `json:"at"`               // when you started speaking
	Hesitation time.Duration `json:"hesitation"`       // manager line shown → you started
	Delivery   time.Duration `json:"delivery"`         // you started → you finished (or were cut off)
	Target     time.Duration `json:"target"`           // 0 when there was nothing to time against
	CutOff     bool          `json:"cut_off,omitempty"`
	Retries    int           `json:"retries,omitempty"` // retries of this line before this delivery
}

// Over returns how far the delivery ran past its target (negative when
// under). It is 0 when there is no target.
func (a Attempt) Over() time.Duration {
	if a.Target <= 0 {
		return 0
	}
	return a.Delivery - a.Target
}

// RushedShare is how far under its target a delivery may come before it
// looks rushed: under half the target, the words were probably gabbled or
// cut short.
const RushedShare = 0.5

// Rushed reports whether a delivery took less than RushedShare of its
// target. A nervous speaker rushes; faster is not always better.
func (a Attempt) Rushed() bool {
	return a.Target > 0 && !a.CutOff && float64(a.Delivery) < RushedShare*float64(a.Target)
}

// OverTarget reports whether the delivery ran past its target.
func (a Attempt) OverTarget() bool { return a.Target > 0 && a.Delivery > a.Target }

// Taken is one reaction the manager made during a run.
type Taken struct {
	Step   string `json:"step"`              // the step the reaction left
	Index  int    `json:"index"`             // its index in the step's Next; -1 for an interrupt
	Label  string `json:"label"`             // its label (or "interrupt")
	Goto   string `json:"goto"`              // the step it led to
	ByUser bool   `json:"by_user,omitempty"` // picked by you to practise, not by the manager
}

// Run is one rehearsal of one scenario, start to end or to where you quit.
type Run struct {
	ID        string    `json:"id"` // unique per run: start time and seed
	Scenario  string    `json:"scenario"`
	Seed      int64     `json:"seed"`
	From      string    `json:"from,omitempty"` // the step the run started at when not the scenario's start
	Started   time.Time `json:"started"`
	Ended     time.Time `json:"ended"`
	Abandoned bool      `json:"abandoned,omitempty"` // quit before an end step
	Steps     []string  `json:"steps"`               // steps visited, in order
	Taken     []Taken   `json:"taken,omitempty"`     // reactions, in order
	Attempts  []Attempt `json:"attempts,omitempty"`
}

// LineHash identifies the wording of a prepared line, ignoring spacing and
// case, so that stats can tell "you rewrote this line" from "you got faster".
func LineHash(text string) string {
	norm := strings.ToLower(strings.Join(strings.Fields(text), " "))
	sum := sha256.Sum256([]byte(norm))
	return hex.EncodeToString(sum[:6])
}

// RunSummary is a run summed up: what the report's totals say.
type RunSummary struct {
	Deliveries     int           // every delivery, retakes included
	KeyLines       int           // deliveries of key lines with a target
	KeyOnTarget    int           // of those, within the target, not rushed and not cut off
	Over           int           // deliveries past their target
	Rushed         int           // deliveries under half their target (Attempt.Rushed)
	CutOff         int           // deliveries the manager cut off
	Speaking       time.Duration // time spent speaking
	MeanHesitation time.Duration // average wait before speaking
}

// Summarize sums up the attempts of a run.
func Summarize(attempts []Attempt) RunSummary {
	var s RunSummary
	var hes time.Duration
	for _, a := range attempts {
		s.Deliveries++
		s.Speaking += a.Delivery
		hes += a.Hesitation
		if a.Key && a.Target > 0 {
			s.KeyLines++
			if !a.OverTarget() && !a.CutOff && !a.Rushed() {
				s.KeyOnTarget++
			}
		}
		if a.OverTarget() {
			s.Over++
		}
		if a.Rushed() {
			s.Rushed++
		}
		if a.CutOff {
			s.CutOff++
		}
	}
	if s.Deliveries > 0 {
		s.MeanHesitation = hes / time.Duration(s.Deliveries)
	}
	return s
}
