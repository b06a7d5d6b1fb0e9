package model

import (
	"cmp"
	"slices"
	"strings"
	"time"
)

// RecentLimit is how many of a line's latest deliveries LineStats.Recent
// keeps: enough for a sparkline to show a trend, few enough to fit a row.
const RecentLimit = 20

// lastN is the window of "recent form": the median of the last five
// deliveries moves with practice but ignores one bad take.
const lastN = 5

// LineStats summarises the attempts at one prepared line of a scenario.
//
// Rewrites: attempts carry the LineHash of the words they delivered. When
// some attempts match the line's current wording, only those are counted,
// because times for other words say nothing about these. When none match
// (the line was rewritten and not yet practised), all attempts are counted so
// the line still shows its history. Rewritten says that attempts for other
// words exist; Current says how many attempts were for the current words, so
// Rewritten with Current == 0 means every number is for an older wording.
//
// Timing numbers (Best, Median, MedianLast5, Last, OverShare, Recent) use
// only deliveries that were neither cut off nor rushed (see
// Attempt.Rushed): an interrupted line is short because the manager cut in,
// and a gabbled one because of nerves, not because you got quicker.
// Attempts and Hesitation count every delivery.
type LineStats struct {
	Step        string
	Key         bool
	Attempts    int           // deliveries counted (see the rewrite rule above)
	Current     int           // deliveries of the line's current wording
	Best        time.Duration // fastest timed delivery
	Median      time.Duration // median of all timed deliveries
	MedianLast5 time.Duration // median of the last five timed deliveries
	Last        time.Duration // the latest timed delivery
	Target      time.Duration // the line's current target; 0 when it has none
	OverShare   float64       // share of timed deliveries over Target, 0..1
	Hesitation  time.Duration // median time to start answering
	Recent      []time.Duration
	Rewritten   bool      // some attempts were for other words than the current text
	LastAt      time.Time // when the line was last delivered; zero if never
}

// Practised reports whether the line has been delivered at least once.
func (l LineStats) Practised() bool { return l.Attempts > 0 }

// Timed reports whether the line has at least one delivery that was not cut
// off, so that its timing numbers mean something.
func (l LineStats) Timed() bool { return len(l.Recent) > 0 }

// ReactionRef names one reaction of a scenario: the Index-th entry of the
// Next list of step Step.
type ReactionRef struct {
	Step  string
	Index int
	Label string
	Goto  string
}

// Coverage counts the reactions of a scenario met at least once in any run
// ("7 of 12 reactions practised"). Interrupts are not counted: they fire by
// chance and are not branches you can choose to practise.
type Coverage struct {
	Met, Total int
	Missing    []ReactionRef // reactions never met, in file order
}

// Share returns Met/Total, or 1 when the scenario has no reactions at all
// (there is nothing left to meet).
func (c Coverage) Share() float64 {
	if c.Total == 0 {
		return 1
	}
	return float64(c.Met) / float64(c.Total)
}

// Readiness is a one-glance verdict on a scenario.
type Readiness int

const (
	// NotStarted means the scenario has never been rehearsed.
	NotStarted Readiness = iota
	// Practising means it has been rehearsed but is not yet Ready.
	Practising
	// Ready means every key line has been delivered at least ReadyAttempts
	// times in its current wording with the median of its last five within
	// target, and at least ReadyCoverage of the reactions have been met.
	Ready
)

// ReadyAttempts is how many deliveries of its current wording a key line
// needs before it can count as ready: one good take may be luck.
const ReadyAttempts = 3

// ReadyCoverage is the share of reactions that must have been met for a
// scenario to be Ready: most surprises, not necessarily every one.
const ReadyCoverage = 0.75

// String returns the readiness as a short lower-case word.
func (r Readiness) String() string {
	switch r {
	case NotStarted:
		return "not started"
	case Practising:
		return "practising"
	case Ready:
		return "ready"
	}
	return "unknown"
}

// ScenarioStats is everything the home, report and stats screens show about
// one scenario.
type ScenarioStats struct {
	Scenario      string
	Title         string
	Runs          int       // runs started, abandoned ones included
	Abandoned     int       // runs quit before an end step
	LastPractised time.Time // latest run or attempt; zero if never
	Lines         []LineStats
	Coverage      Coverage
	Readiness     Readiness
}

// ComputeStats summarises the attempts and runs of scenario sc. Records of
// other scenarios are ignored, as are attempts at steps that no longer exist
// (the scenario was edited since). Attempts may come in any order; they are
// ordered by the time they started.
//
// Lines holds every key line, practised or not, and every other line that
// has been delivered at least once, weakest first (see WeakestFirst).
//
// Attempts embedded in the runs are not read: the history keeps each
// attempt once, in h.
func ComputeStats(sc *Scenario, h []Attempt, runs []Run) ScenarioStats {
	var own []*Attempt
	for i := range h {
		if h[i].Scenario == sc.ID {
			own = append(own, &h[i])
		}
	}
	return computeStats(sc, own, runs)
}

// ComputeAll computes the stats of every scenario in one pass over the
// records, in the order of scs. It is ComputeStats for many scenarios
// without rescanning the history for each.
func ComputeAll(scs []*Scenario, h []Attempt, runs []Run) []ScenarioStats {
	// Group pointers, not copies: a long history holds a hundred thousand
	// attempts, and copying them per scenario and per step cost more than
	// the stats themselves.
	count := map[string]int{}
	for i := range h {
		count[h[i].Scenario]++
	}
	attempts := make(map[string][]*Attempt, len(count))
	for id, n := range count {
		attempts[id] = make([]*Attempt, 0, n)
	}
	for i := range h {
		attempts[h[i].Scenario] = append(attempts[h[i].Scenario], &h[i])
	}
	byScenario := map[string][]Run{}
	for _, r := range runs {
		byScenario[r.Scenario] = append(byScenario[r.Scenario], r)
	}
	out := make([]ScenarioStats, 0, len(scs))
	for _, sc := range scs {
		out = append(out, computeStats(sc, attempts[sc.ID], byScenario[sc.ID]))
	}
	return out
}

// computeStats is ComputeStats over attempts already known to be of sc.
func computeStats(sc *Scenario, own []*Attempt, runs []Run) ScenarioStats {
	st := ScenarioStats{Scenario: sc.ID, Title: sc.Title}
	byStep := map[string][]*Attempt{}
	for _, a := range own {
		if _, ok := sc.Step(a.Step); !ok {
			continue
		}
		byStep[a.Step] = append(byStep[a.Step], a)
		st.LastPractised = later(st.LastPractised, a.At)
	}
	for _, r := range runs {
		if r.Scenario != sc.ID {
			continue
		}
		st.Runs++
		if r.Abandoned {
			st.Abandoned++
		}
		st.LastPractised = later(st.LastPractised, later(r.Started, r.Ended))
	}
	for i := range sc.Steps {
		step := &sc.Steps[i]
		as := byStep[step.ID]
		if !step.Key && len(as) == 0 {
			continue
		}
		st.Lines = append(st.Lines, lineStats(sc, step, as))
	}
	WeakestFirst(st.Lines)
	st.Coverage = ComputeCoverage(sc, runs)
	st.Readiness = readiness(st)
	return st
}

// lineStats summarises the attempts at one step, all of which belong to it.
// It may reorder as.
func lineStats(sc *Scenario, step *Step, as []*Attempt) LineStats {
	ls := LineStats{Step: step.ID, Key: step.Key, Target: sc.Target(step)}
	hash := LineHash(step.Say)
	current := make([]*Attempt, 0, len(as))
	for _, a := range as {
		if a.TextHash == hash {
			current = append(current, a)
		} else {
			ls.Rewritten = true
		}
	}
	ls.Current = len(current)
	if len(current) > 0 {
		as = current
	}
	slices.SortStableFunc(as, func(a, b *Attempt) int { return a.At.Compare(b.At) })
	ls.Attempts = len(as)
	if len(as) == 0 {
		return ls
	}
	ls.LastAt = as[len(as)-1].At

	hes := make([]time.Duration, 0, len(as))
	timed := make([]time.Duration, 0, len(as))
	over := 0
	for _, a := range as {
		hes = append(hes, a.Hesitation)
		if a.CutOff || a.Rushed() {
			continue
		}
		timed = append(timed, a.Delivery)
		if ls.Target > 0 && a.Delivery > ls.Target {
			over++
		}
	}
	ls.Hesitation = Median(hes)
	if len(timed) == 0 {
		return ls
	}
	ls.Best = slices.Min(timed)
	ls.Median = Median(timed)
	ls.MedianLast5 = Median(lastOf(timed, lastN))
	ls.Last = timed[len(timed)-1]
	ls.OverShare = float64(over) / float64(len(timed))
	ls.Recent = slices.Clone(lastOf(timed, RecentLimit))
	return ls
}

// WeakestFirst orders lines so the ones most worth practising come first:
// key lines before other lines; among them, lines never delivered (or never
// timed) first; then by how far the median of the last five runs past the
// target (MedianLast5/Target, lines without a target counting as 0); then by
// the share of deliveries over target; then by hesitation; and finally by
// step id, so the order is stable.
func WeakestFirst(lines []LineStats) {
	slices.SortStableFunc(lines, func(a, b LineStats) int {
		if a.Key != b.Key {
			if a.Key {
				return -1
			}
			return 1
		}
		if a.Timed() != b.Timed() {
			if !a.Timed() {
				return -1
			}
			return 1
		}
		if c := cmp.Compare(paceRatio(b), paceRatio(a)); c != 0 {
			return c
		}
		if c := cmp.Compare(b.OverShare, a.OverShare); c != 0 {
			return c
		}
		if c := cmp.Compare(b.Hesitation, a.Hesitation); c != 0 {
			return c
		}
		return strings.Compare(a.Step, b.Step)
	})
}

// paceRatio is how the recent form compares with the target: 1.5 means the
// line recently took half as long again as it should.
func paceRatio(l LineStats) float64 {
	if l.Target <= 0 {
		return 0
	}
	return float64(l.MedianLast5) / float64(l.Target)
}

// ComputeCoverage counts the reactions of sc taken at least once in runs.
// A taken reaction is matched to the scenario by step id and goto rather
// than by index, so coverage survives reordering the reactions in the file;
// the label decides only between reactions of one step that share a goto.
func ComputeCoverage(sc *Scenario, runs []Run) Coverage {
	type edge struct{ step, goto_ string }
	taken := map[edge][]string{} // labels seen per edge
	for _, r := range runs {
		if r.Scenario != sc.ID {
			continue
		}
		for _, t := range r.Taken {
			if t.Index < 0 {
				continue // an interrupt, not a reaction
			}
			e := edge{t.Step, t.Goto}
			taken[e] = append(taken[e], t.Label)
		}
	}
	cov := Coverage{Total: sc.ReactionCount()}
	for i := range sc.Steps {
		step := &sc.Steps[i]
		for j, r := range step.Next {
			labels, ok := taken[edge{step.ID, r.Goto}]
			if ok && (!sharesGoto(step, j) || slices.Contains(labels, r.Label)) {
				cov.Met++
				continue
			}
			cov.Missing = append(cov.Missing, ReactionRef{Step: step.ID, Index: j, Label: r.Label, Goto: r.Goto})
		}
	}
	return cov
}

// sharesGoto reports whether another reaction of step leads where its j-th
// does.
func sharesGoto(step *Step, j int) bool {
	for k, r := range step.Next {
		if k != j && r.Goto == step.Next[j].Goto {
			return true
		}
	}
	return false
}

// readiness applies the rule documented on Ready.
func readiness(st ScenarioStats) Readiness {
	practised := st.Runs > 0
	for _, l := range st.Lines {
		practised = practised || l.Attempts > 0
	}
	if !practised {
		return NotStarted
	}
	if st.Coverage.Share() < ReadyCoverage {
		return Practising
	}
	for _, l := range st.Lines {
		if !l.Key {
			continue
		}
		if l.Current < ReadyAttempts || !l.Timed() {
			return Practising
		}
		if l.Target > 0 && l.MedianLast5 > l.Target {
			return Practising
		}
	}
	return Ready
}

// Comparison is how one delivery compares with the earlier deliveries of the
// same line, for the end-of-run report.
type Comparison struct {
	Previous     int           // earlier timed deliveries compared against; 0 on a first attempt
	Best         time.Duration // the best of them
	MedianLast5  time.Duration // the median of the last five of them
	Change       time.Duration // this delivery − MedianLast5; 0 when there is nothing to compare
	PersonalBest bool          // faster than every earlier delivery
	Worse        bool          // slower than MedianLast5 by more than the tolerance (see WorseBy)
}

// WorsePercent and WorseFloor set when a delivery counts as worse: slower
// than the median of the last five by more than 10% of it and by more than
// one second, so ordinary take-to-take wobble on a short line is not
// flagged.
const (
	WorsePercent = 10
	WorseFloor   = time.Second
)

// WorseBy returns the slowdown over median beyond which a delivery is
// flagged as worse: the larger of WorsePercent of median and WorseFloor.
func WorseBy(median time.Duration) time.Duration {
	return max(WorseFloor, median*WorsePercent/100)
}

// Compare compares delivery a with the earlier deliveries of the same line
// in previous. Attempts of other scenarios or steps, and attempts that did
// not start before a, are ignored, so the whole history may be passed.
// Earlier deliveries of the same wording are preferred; when there are none,
// every earlier delivery of the line is used. Cut-off deliveries are not
// compared, on either side: a delivery the manager cut short is neither a
// personal best nor worse.
func Compare(previous []Attempt, a Attempt) Comparison {
	var same, all []Attempt
	for _, p := range previous {
		if p.Scenario != a.Scenario || p.Step != a.Step || p.CutOff || p.Rushed() || !p.At.Before(a.At) {
			continue
		}
		all = append(all, p)
		if p.TextHash == a.TextHash {
			same = append(same, p)
		}
	}
	if len(same) > 0 {
		all = same
	}
	if len(all) == 0 || a.CutOff {
		return Comparison{Previous: len(all)}
	}
	slices.SortStableFunc(all, func(x, y Attempt) int { return x.At.Compare(y.At) })
	ds := make([]time.Duration, len(all))
	for i, p := range all {
		ds[i] = p.Delivery
	}
	c := Comparison{Previous: len(ds), Best: slices.Min(ds), MedianLast5: Median(lastOf(ds, lastN))}
	c.Change = a.Delivery - c.MedianLast5
	// Faster is better only up to a point: a line rushed through in half
	// its target is not a record to celebrate.
	c.PersonalBest = a.Delivery < c.Best && !a.Rushed()
	c.Worse = c.Change > WorseBy(c.MedianLast5)
	return c
}

// Median returns the median of ds (the mean of the two middle values when
// there is an even number), or 0 for none. ds is not modified.
func Median(ds []time.Duration) time.Duration {
	switch len(ds) {
	case 0:
		return 0
	case 1:
		return ds[0]
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	m := len(s) / 2
	if len(s)%2 == 1 {
		return s[m]
	}
	return s[m-1] + (s[m]-s[m-1])/2
}

// sparkLevels are the eight block heights of a sparkline, lowest first.
var sparkLevels = []rune("▁▂▃▄▅▆▇█")

// Sparkline draws ds as a row of block characters, one per value, scaled
// from the smallest (▁) to the largest (█). Values that are all equal draw
// as a flat middle row, and no values draw as "".
func Sparkline(ds []time.Duration) string {
	if len(ds) == 0 {
		return ""
	}
	lo, hi := slices.Min(ds), slices.Max(ds)
	var b strings.Builder
	b.Grow(len(ds) * 3)
	top := len(sparkLevels) - 1
	for _, d := range ds {
		level := top / 2
		if hi > lo {
			level = int((float64(d-lo)/float64(hi-lo))*float64(top) + 0.5)
		}
		b.WriteRune(sparkLevels[level])
	}
	return b.String()
}

// lastOf returns the last n elements of ds (all of them when fewer).
func lastOf(ds []time.Duration, n int) []time.Duration {
	if len(ds) > n {
		return ds[len(ds)-n:]
	}
	return ds
}

// later returns the later of two times, treating the zero time as unset.
func later(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}
