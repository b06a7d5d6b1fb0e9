package model

import (
	"cmp"
	"fmt"
	"sort"
	"strings"
)

// Severity says whether a problem stops a scenario from being used.
type Severity int

const (
	// Error problems make a scenario unusable.
	Error Severity = iota
	// Warning problems are reported but the scenario still loads.
	Warning
)

func (s Severity) String() string {
	if s == Warning {
		return "warning"
	}
	return "error"
}

// Ref says which part of a scenario a problem is about, in the terms of the
// scenario file, so an adapter can turn it into a file position.
//
// Field is a key path relative to the step when Step is set, else relative to
// the scenario: "start", "steps" (the step's own header), "say", "target",
// "next", "interrupt", "interrupt.goto", "interrupt.chance", "test". Index is
// the reaction (for "next") or test (for "test") it concerns, or -1.
type Ref struct {
	Scenario string
	Step     string
	Field    string
	Index    int
}

// Problem is one thing wrong (or doubtful) in a scenario.
type Problem struct {
	Severity Severity
	Ref      Ref
	Message  string
}

// Problems is a list of problems, in the order they were found.
type Problems []Problem

// HasErrors reports whether any problem is an Error.
func (ps Problems) HasErrors() bool {
	for _, p := range ps {
		if p.Severity == Error {
			return true
		}
	}
	return false
}

// Compile checks a scenario as written and returns it indexed and ready for
// the engine. The returned scenario is nil when any problem is an Error.
//
// It checks what only the whole graph can tell: the start and every goto
// exist, every step is reachable from the start, an end can be reached from
// every step, key lines have something to say, weights are positive and
// chances lie within 0..1. File-level checks (syntax, unknown keys, duration
// formats) belong to the adapter that read the file.
func Compile(spec Scenario) (*Scenario, Problems) {
	sc := spec
	var ps Problems
	add := func(sev Severity, step, field string, index int, format string, args ...any) {
		ps = append(ps, Problem{sev, Ref{sc.ID, step, field, index}, fmt.Sprintf(format, args...)})
	}

	sc.index = make(map[string]int, len(sc.Steps))
	for i, st := range sc.Steps {
		if _, dup := sc.index[st.ID]; dup {
			add(Error, st.ID, "steps", -1, "duplicate step id %q", st.ID)
			continue
		}
		sc.index[st.ID] = i
	}

	if sc.ID == "" {
		add(Error, "", "id", -1, "scenario has no id")
	}
	if len(sc.Steps) == 0 {
		add(Error, "", "steps", -1, "scenario %q has no steps", sc.ID)
	}
	switch {
	case sc.Start == "":
		add(Error, "", "start", -1, "scenario %q has no start step", sc.ID)
	case !sc.has(sc.Start):
		add(Error, "", "start", -1, "start step %q does not exist%s", sc.Start, sc.suggest(sc.Start))
	}
	if sc.Pace < 0 {
		add(Error, "", "pace", -1, "pace must be a positive number of words per minute, got %d", sc.Pace)
	}

	for i := range sc.Steps {
		sc.checkStep(&sc.Steps[i], add)
	}
	sc.checkGraph(add)
	for i, t := range sc.Tests {
		sc.checkTest(i, t, add)
	}

	if ps.HasErrors() {
		return nil, ps
	}
	return &sc, ps
}

type addFunc func(sev Severity, step, field string, index int, format string, args ...any)

func (sc *Scenario) has(id string) bool { return sc.StepIndex(id) >= 0 }

// suggest returns ` (did you mean "x"?)` for the step id closest to id, or "".
func (sc *Scenario) suggest(id string) string {
	ids := make([]string, len(sc.Steps))
	for i := range sc.Steps {
		ids[i] = sc.Steps[i].ID
	}
	if best := Closest(id, ids); best != "" {
		return fmt.Sprintf(" (did you mean %q?)", best)
	}
	return ""
}

func (sc *Scenario) checkStep(st *Step, add addFunc) {
	if len(st.Manager) == 0 || strings.TrimSpace(strings.Join(st.Manager, "")) == "" {
		if st.ID != sc.Start {
			add(Warning, st.ID, "manager", -1, "step %q has no manager line; the manager will say nothing", st.ID)
		}
	}
	if st.Key && strings.TrimSpace(st.Say) == "" {
		add(Error, st.ID, "say", -1, "key line %q has nothing to say", st.ID)
	}
	if st.Target < 0 {
		add(Error, st.ID, "target", -1, "target must be positive, got %s", st.Target)
	}
	if st.Key && st.Target == 0 && st.Words() == 0 {
		add(Warning, st.ID, "target", -1, "key line %q has no target and no words to derive one from", st.ID)
	}
	for j, r := range st.Next {
		switch {
		case r.Goto == "":
			add(Error, st.ID, "next", j, "reaction %d of step %q has no goto", j+1, st.ID)
		case !sc.has(r.Goto):
			add(Error, st.ID, "next", j, "goto %q: no such step%s", r.Goto, sc.suggest(r.Goto))
		}
		if r.Weight <= 0 {
			add(Error, st.ID, "next", j, "weight must be greater than 0, got %g", r.Weight)
		}
		if strings.TrimSpace(r.Label) == "" {
			add(Warning, st.ID, "next", j, "reaction %d of step %q has no label (when = \"...\")", j+1, st.ID)
		}
	}
	if in := st.Interrupt; in != nil {
		switch {
		case in.Goto == "":
			add(Error, st.ID, "interrupt", -1, "interrupt of step %q has no goto", st.ID)
		case !sc.has(in.Goto):
			add(Error, st.ID, "interrupt.goto", -1, "interrupt goto %q: no such step%s", in.Goto, sc.suggest(in.Goto))
		}
		if in.Chance < 0 || in.Chance > 1 {
			add(Error, st.ID, "interrupt.chance", -1, "interrupt chance must be between 0 and 1, got %g", in.Chance)
		}
		if in.After < 0 {
			add(Error, st.ID, "interrupt.after", -1, "interrupt after must be positive, got %s", in.After)
		}
	}
}

// checkGraph reports steps the start cannot reach and steps from which no end
// can be reached (the conversation would go round for ever).
func (sc *Scenario) checkGraph(add addFunc) {
	if !sc.has(sc.Start) {
		return
	}
	// A mistyped goto is followed to the step it was meant for (the one
	// its error suggests), so the typo does not also make that step and
	// everything after it "unreachable".
	meant := sc.misspelt()
	reach := sc.reachable(sc.Start, func(to string) string { return cmp.Or(meant[to], to) })
	for _, st := range sc.Steps {
		if !reach[st.ID] {
			add(Error, st.ID, "steps", -1, "step %q is unreachable from start %q", st.ID, sc.Start)
		}
	}
	ends := sc.CanEnd()
	for _, st := range sc.Steps {
		if reach[st.ID] && !ends[st.ID] {
			add(Error, st.ID, "steps", -1, "no end can be reached from step %q (its reactions only loop back)", st.ID)
		}
	}
}

// misspelt maps each goto that names no step to the step it was probably
// meant for (its "did you mean" suggestion), when there is one.
func (sc *Scenario) misspelt() map[string]string {
	ids := make([]string, len(sc.Steps))
	for i := range sc.Steps {
		ids[i] = sc.Steps[i].ID
	}
	out := map[string]string{}
	note := func(id string) {
		if id != "" && !sc.has(id) {
			if best := Closest(id, ids); best != "" {
				out[id] = best
			}
		}
	}
	for i := range sc.Steps {
		for _, r := range sc.Steps[i].Next {
			note(r.Goto)
		}
		if in := sc.Steps[i].Interrupt; in != nil {
			note(in.Goto)
		}
	}
	return out
}

// Reachable returns the set of step ids reachable from id through reactions
// and interrupts, id included.
func (sc *Scenario) Reachable(id string) map[string]bool {
	return sc.reachable(id, func(to string) string { return to })
}

// reachable walks from id, following each goto as resolve maps it.
func (sc *Scenario) reachable(id string, resolve func(string) string) map[string]bool {
	seen := map[string]bool{}
	stack := []string{id}
	for len(stack) > 0 {
		cur := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if seen[cur] {
			continue
		}
		st, ok := sc.Step(cur)
		if !ok {
			continue
		}
		seen[cur] = true
		for _, r := range st.Next {
			stack = append(stack, resolve(r.Goto))
		}
		if st.Interrupt != nil {
			stack = append(stack, resolve(st.Interrupt.Goto))
		}
	}
	return seen
}

// CanEnd returns the set of step ids from which some sequence of reactions
// reaches an end step. Interrupts are not counted: they fire by chance.
func (sc *Scenario) CanEnd() map[string]bool {
	// Walk backwards from the end steps.
	into := map[string][]string{}
	var queue []string
	ok := map[string]bool{}
	for _, st := range sc.Steps {
		for _, r := range st.Next {
			into[r.Goto] = append(into[r.Goto], st.ID)
		}
		// A step with a dangling goto already has its own error; calling it
		// endless too would only repeat it.
		if st.IsEnd() || sc.dangles(&st) {
			ok[st.ID] = true
			queue = append(queue, st.ID)
		}
	}
	for len(queue) > 0 {
		cur := queue[0]
		queue = queue[1:]
		for _, from := range into[cur] {
			if !ok[from] {
				ok[from] = true
				queue = append(queue, from)
			}
		}
	}
	return ok
}

// dangles reports whether a reaction of st leads to a step that does not
// exist.
func (sc *Scenario) dangles(st *Step) bool {
	for _, r := range st.Next {
		if !sc.has(r.Goto) {
			return true
		}
	}
	return false
}

func (sc *Scenario) checkTest(i int, t Test, add addFunc) {
	if t.From != "" && !sc.has(t.From) {
		add(Error, "", "test", i, "test %q starts at %q: no such step%s", t.Name, t.From, sc.suggest(t.From))
	}
	for _, id := range t.Expect {
		if !sc.has(id) {
			add(Error, "", "test", i, "test %q expects step %q: no such step%s", t.Name, id, sc.suggest(id))
		}
	}
}

// Closest returns the candidate nearest to s by edit distance when it is
// near enough to be a likely typo, else "".
func Closest(s string, candidates []string) string {
	best, bestD := "", 0
	for _, c := range candidates {
		if c == s {
			continue
		}
		d := editDistance(strings.ToLower(s), strings.ToLower(c))
		if best == "" || d < bestD {
			best, bestD = c, d
		}
	}
	limit := max(1, min(3, len([]rune(s))/3))
	if best == "" || bestD > limit {
		return ""
	}
	return best
}

// editDistance is the optimal string alignment distance: insertions,
// deletions, substitutions and swaps of neighbours each cost 1, so "wehn" is
// one typo away from "when".
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	d := make([][]int, len(ra)+1)
	for i := range d {
		d[i] = make([]int, len(rb)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(ra); i++ {
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(ra)][len(rb)]
}

// SortedIDs returns the step ids in lexical order; handy for stable output.
func (sc *Scenario) SortedIDs() []string {
	ids := make([]string, len(sc.Steps))
	for i := range sc.Steps {
		ids[i] = sc.Steps[i].ID
	}
	sort.Strings(ids)
	return ids
}
