package scenarios

import (
	"strings"

	"github.com/BurntSushi/toml"

	"rehearse/model"
)

// scenario decodes scenario i, builds its model form, compiles it and maps
// the model's problems back to file positions.
func (p *parser) scenario(i int, prim toml.Primitive, seen map[string]definedID) {
	base := scenarioPath(i)
	var sd scenarioDoc
	broken := false // a value of the wrong shape: the graph would be misleading, so it is not compiled
	if err := p.md.PrimitiveDecode(prim, &sd); err != nil {
		p.decodeError(err, base)
		broken = true
	}
	spec := p.scenarioFields(base, &sd)

	ids := p.stepOrder[base]
	known := map[string]bool{}
	for _, id := range ids {
		known[id] = true
	}
	for _, id := range sortedKeys(sd.Steps) {
		if !known[id] {
			ids = append(ids, id) // written in a way the scanner missed; keep it anyway
		}
	}
	for _, id := range ids {
		prim, ok := sd.Steps[id]
		if !ok {
			continue
		}
		st, ok := p.step(joinPath(base, "steps", id), id, prim)
		broken = broken || !ok
		spec.Steps = append(spec.Steps, st)
	}
	for j, prim := range sd.Test {
		t, ok := p.test(joinPath(base, "test", indexSeg(j)), prim)
		broken = broken || !ok
		spec.Tests = append(spec.Tests, t)
	}

	p.file.Drafts = append(p.file.Drafts, spec)
	dup := p.duplicate(i, spec.ID, seen)
	if broken {
		return
	}
	sc, problems := model.Compile(spec)
	for _, pr := range problems {
		path := refPath(base, pr.Ref, pr.Message)
		if p.suppressed(path, pr.Ref) {
			continue
		}
		p.add(p.posOf(path), pr.Severity, "%s", pr.Message)
	}
	if sc != nil && !dup {
		p.file.Scenarios = append(p.file.Scenarios, sc)
	}
}

// scenarioFields converts the scenario's own keys, reporting bad values.
func (p *parser) scenarioFields(base string, sd *scenarioDoc) model.Scenario {
	spec := model.Scenario{
		ID:          p.str(base, "id", sd.ID),
		Title:       p.str(base, "title", sd.Title),
		Counterpart: p.str(base, "counterpart", sd.Counterpart),
		Role:        p.str(base, "role", sd.Role),
		Briefing:    p.str(base, "briefing", sd.Briefing),
		Start:       p.str(base, "start", sd.Start),
		Timebox:     p.positiveDuration(joinPath(base, "timebox"), "timebox", sd.Timebox),
	}
	if sd.Title.bad == "" && strings.TrimSpace(spec.Title) == "" {
		p.errorAt(p.posOf(base), "scenario %q has no title", spec.ID)
	}
	if path := joinPath(base, "pace"); p.checkValue(path, "pace", sd.Pace.set, sd.Pace.bad) && sd.Pace.set {
		switch {
		case !sd.Pace.isInt || sd.Pace.v <= 0 || sd.Pace.v > 1000:
			p.errorAt(p.posOf(path), "pace must be a whole number of words per minute between 1 and 1000, got %v", sd.Pace.v)
		default:
			spec.Pace = int(sd.Pace.v)
		}
	}
	if path := joinPath(base, "pause"); p.checkValue(path, "pause", sd.Pause.set, sd.Pause.bad) && sd.Pause.set {
		switch {
		case sd.Pause.v < 0:
			p.errorAt(p.posOf(path), "pause must not be negative, got %q (\"0s\" means no pause)", sd.Pause.raw)
		case sd.Pause.v == 0:
			spec.Pause = -1 // the model's "none"; its zero value means the default pause
		default:
			spec.Pause = sd.Pause.v
		}
	}
	return spec
}

// step decodes one step; ok is false when a value had the wrong shape.
func (p *parser) step(base, id string, prim toml.Primitive) (st model.Step, ok bool) {
	var sd stepDoc
	ok = true
	if err := p.md.PrimitiveDecode(prim, &sd); err != nil {
		p.decodeError(err, base)
		ok = false
	}
	st = model.Step{
		ID:     id,
		Say:    p.str(base, "say", sd.Say),
		Target: p.positiveDuration(joinPath(base, "target"), "target", sd.Target),
	}
	if path := joinPath(base, "manager"); p.checkValue(path, "manager", sd.Manager.set, sd.Manager.bad) {
		st.Manager = sd.Manager.v
	}
	if path := joinPath(base, "key"); p.checkValue(path, "key", sd.Key.set, sd.Key.bad) {
		st.Key = sd.Key.v
	}
	if path := joinPath(base, "notes"); p.checkValue(path, "notes", sd.Notes.set, sd.Notes.bad) {
		st.Notes = sd.Notes.v
	}
	for j, rd := range sd.Next {
		st.Next = append(st.Next, p.reaction(joinPath(base, "next", indexSeg(j)), rd))
	}
	if in := sd.Interrupt; in != nil {
		st.Interrupt = p.interrupt(joinPath(base, "interrupt"), id, in)
	}
	return st, ok
}

// reaction converts one element of next; weight defaults to 1.
func (p *parser) reaction(base string, rd reactionDoc) model.Reaction {
	r := model.Reaction{
		Label:  p.str(base, "when", rd.When),
		Goto:   p.str(base, "goto", rd.Goto),
		Weight: 1,
	}
	if p.checkValue(joinPath(base, "weight"), "weight", rd.Weight.set, rd.Weight.bad) && rd.Weight.set {
		r.Weight = rd.Weight.v // the model reports a weight ≤ 0
	}
	return r
}

// interrupt converts a step's interrupt.
func (p *parser) interrupt(base, stepID string, in *interruptDoc) *model.Interrupt {
	out := &model.Interrupt{
		Goto:  p.str(base, "goto", in.Goto),
		After: p.positiveDuration(joinPath(base, "after"), "after", in.After),
	}
	if !in.After.set {
		p.errorAt(p.posOf(base), "interrupt of step %q has no after: how long you speak before the manager may cut in", stepID)
	}
	if p.checkValue(joinPath(base, "chance"), "chance", in.Chance.set, in.Chance.bad) {
		out.Chance = in.Chance.v // the model checks the range
		if !in.Chance.set {
			p.add(p.posOf(base), model.Warning, "interrupt of step %q has no chance (0..1), so it never cuts in by itself", stepID)
		}
	}
	return out
}

// test decodes one [[scenario.test]].
func (p *parser) test(base string, prim toml.Primitive) (t model.Test, ok bool) {
	var td testDoc
	ok = true
	if err := p.md.PrimitiveDecode(prim, &td); err != nil {
		p.decodeError(err, base)
		ok = false
	}
	t = model.Test{Name: p.str(base, "name", td.Name), From: p.str(base, "from", td.From)}
	if p.checkValue(joinPath(base, "choose"), "choose", td.Choose.set, td.Choose.bad) {
		t.Choose = td.Choose.v
	}
	if p.checkValue(joinPath(base, "expect"), "expect", td.Expect.set, td.Expect.bad) {
		t.Expect = td.Expect.v
	}
	return t, ok
}

// duplicate records scenario i's id and reports it when an earlier scenario
// in the file has the same one.
func (p *parser) duplicate(i int, id string, seen map[string]definedID) bool {
	if id == "" {
		return false
	}
	d := definedID{id: id, index: i}
	p.file.ids = append(p.file.ids, d)
	if first, ok := seen[id]; ok {
		p.errorAt(p.file.idPos(d), "duplicate scenario id %q (also defined at %s:%s)", id, p.file.Path, p.file.idPos(first))
		return true
	}
	seen[id] = d
	return false
}

// refPath turns a model Ref into a key path in the file. The model points
// at a reaction or test as a whole; the message says which of its keys is
// wrong, and pointing at that key is what an editor user wants.
func refPath(base string, r model.Ref, msg string) string {
	path := base
	if r.Step != "" {
		path = joinPath(path, "steps", r.Step)
		if r.Field == "steps" || r.Field == "" {
			return path
		}
	}
	if r.Field == "" {
		return path
	}
	segs := strings.Split(r.Field, ".")
	path = joinPath(path, segs[0])
	if r.Index >= 0 && (segs[0] == "next" || segs[0] == "test") {
		path = joinPath(path, indexSeg(r.Index))
	}
	path = joinPath(path, segs[1:]...)
	switch {
	case r.Field == "next" && strings.HasPrefix(msg, "goto "):
		path = joinPath(path, "goto")
	case r.Field == "next" && strings.HasPrefix(msg, "weight "):
		path = joinPath(path, "weight")
	case r.Field == "test" && strings.Contains(msg, " starts at "):
		path = joinPath(path, "from")
	case r.Field == "test" && strings.Contains(msg, " expects step "):
		path = joinPath(path, "expect")
	}
	return path
}

// suppressed reports whether a model problem is about a value that was
// already reported as badly written (its type was wrong, so the model saw
// it as missing): one mistake, one message.
func (p *parser) suppressed(path string, r model.Ref) bool {
	if p.poisoned[path] {
		return true
	}
	if r.Field != "next" && r.Field != "interrupt" && r.Field != "test" {
		return false
	}
	for bad := range p.poisoned {
		if strings.HasPrefix(bad, path+pathSep) {
			return true
		}
	}
	return false
}
