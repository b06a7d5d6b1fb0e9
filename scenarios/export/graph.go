package export

import (
	"fmt"
	"io"
	"strings"

	"charm.land/lipgloss/v2/tree"

	"rehearse/model"
)

// Graph formats understood by Graph.
const (
	FormatTree    = "tree"    // a text tree drawn from the start step (the default)
	FormatDot     = "dot"     // Graphviz
	FormatMermaid = "mermaid" // a Mermaid flowchart, for Markdown that renders it
)

// Graph draws the conversation graph of sc in the given format: "tree" (or
// ""), "dot" or "mermaid". The scenario need not be compiled: steps the
// start cannot reach, steps from which no end can be reached and gotos that
// name no step are drawn and flagged rather than refused.
func Graph(w io.Writer, sc *model.Scenario, format string) error {
	if sc == nil {
		return fmt.Errorf("export: no scenario to draw")
	}
	var out string
	switch strings.ToLower(format) {
	case "", FormatTree:
		out = treeGraph(sc)
	case FormatDot:
		out = dotGraph(sc)
	case FormatMermaid:
		out = mermaidGraph(sc)
	default:
		return fmt.Errorf("export: unknown graph format %q (want tree, dot or mermaid)", format)
	}
	if _, err := io.WriteString(w, out); err != nil {
		return fmt.Errorf("export: writing graph: %w", err)
	}
	return nil
}

// graphInfo holds what every format flags: which steps the start reaches
// and which can reach an end.
type graphInfo struct {
	reach, ends map[string]bool
}

func analyse(sc *model.Scenario) graphInfo {
	return graphInfo{reach: sc.Reachable(sc.Start), ends: sc.CanEnd()}
}

// stepMarks describes a step in a few symbols: ★ and its target for a key
// line, ■ for an end, ⚠ for a step from which no end can be reached.
func stepMarks(sc *model.Scenario, st *model.Step, gi graphInfo) string {
	var parts []string
	if st.Key {
		mark := "★ key"
		if t := sc.Target(st); t > 0 {
			mark += " " + Duration(t.Round(1e9))
		}
		parts = append(parts, mark)
	}
	if st.IsEnd() {
		parts = append(parts, "■ end")
	} else if !gi.ends[st.ID] {
		parts = append(parts, "⚠ dead end: no way to an end")
	}
	return strings.Join(parts, "  ")
}

// reactionLabel is a reaction's label with its weight when it is not 1.
func reactionLabel(r model.Reaction) string { return whenText(r) + weightText(r) }

func whenText(r model.Reaction) string {
	if label := oneLine(r.Label); label != "" {
		return label
	}
	return "(no label)"
}

func weightText(r model.Reaction) string {
	if r.Weight == 1 {
		return ""
	}
	return " ×" + number(r.Weight)
}

func interruptLabel(in *model.Interrupt) string {
	return fmt.Sprintf("interrupt after %s (%s)", Duration(in.After), percent(in.Chance))
}

func percent(f float64) string {
	return number(float64(int(f*1000+0.5))/10) + "%"
}

// treeGraph draws the graph as a tree from the start step. A step is drawn
// once, where it is first met; later visits say "↺ see id", so cycles and
// shared steps never repeat or recurse for ever.
func treeGraph(sc *model.Scenario) string {
	gi := analyse(sc)
	shown := map[string]bool{}
	var b strings.Builder
	fmt.Fprintf(&b, "%s (%s)\n", oneLine(sc.Title), sc.ID)
	if _, ok := sc.Step(sc.Start); !ok {
		fmt.Fprintf(&b, "⚠ start step %q does not exist\n", sc.Start)
	} else {
		b.WriteString(treeNode(sc, sc.Start, "▶ ", gi, shown).String())
		b.WriteString("\n")
	}
	for i := range sc.Steps {
		st := &sc.Steps[i]
		if gi.reach[st.ID] || shown[st.ID] {
			continue
		}
		b.WriteString("\n")
		b.WriteString(treeNode(sc, st.ID, "⚠ unreachable: ", gi, shown).String())
		b.WriteString("\n")
	}
	return b.String()
}

// treeNode builds the subtree of step id, labelled prefix + the step.
func treeNode(sc *model.Scenario, id, prefix string, gi graphInfo, shown map[string]bool) *tree.Tree {
	st, ok := sc.Step(id)
	switch {
	case !ok:
		return tree.Root(prefix + "⚠ no such step " + quoteID(id))
	case shown[id]:
		return tree.Root(prefix + "↺ see " + id)
	}
	shown[id] = true
	label := prefix + id
	if m := stepMarks(sc, st, gi); m != "" {
		label += "  " + m
	}
	t := tree.Root(label).Enumerator(dashedForInterrupts)
	for _, r := range st.Next {
		t.Child(treeNode(sc, r.Goto, "“"+whenText(r)+"”"+weightText(r)+" → ", gi, shown))
	}
	if in := st.Interrupt; in != nil {
		t.Child(treeNode(sc, in.Goto, interruptMark+interruptLabel(in)+" → ", gi, shown))
	}
	return t
}

const interruptMark = "⇢ "

// dashedForInterrupts draws the branch to an interrupt with a dashed line,
// so a cut-in reads differently from a reaction even without colour.
func dashedForInterrupts(children tree.Children, index int) string {
	last := index == children.Length()-1
	if strings.HasPrefix(children.At(index).Value(), interruptMark) {
		if last {
			return "└╌╌"
		}
		return "├╌╌"
	}
	if last {
		return "└──"
	}
	return "├──"
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

func quoteID(id string) string { return fmt.Sprintf("%q", id) }

// dotGraph writes Graphviz: key steps bold, end steps double-bordered,
// interrupts dashed, flagged steps red.
func dotGraph(sc *model.Scenario) string {
	gi := analyse(sc)
	var b strings.Builder
	fmt.Fprintf(&b, "digraph %s {\n", dotQuote(sc.ID))
	fmt.Fprintf(&b, "  label=%s;\n  labelloc=t;\n", dotQuote(oneLine(sc.Title)))
	b.WriteString("  node [shape=box, style=rounded];\n")
	for i := range sc.Steps {
		st := &sc.Steps[i]
		attrs := []string{"label=" + dotQuote(strings.TrimSpace(st.ID+"\n"+stepMarks(sc, st, gi)))}
		style := "rounded"
		if st.Key {
			style += ",bold"
		}
		attrs = append(attrs, "style="+dotQuote(style))
		if st.IsEnd() {
			attrs = append(attrs, "peripheries=2")
		}
		if !gi.reach[st.ID] || !gi.ends[st.ID] {
			attrs = append(attrs, "color=red")
		}
		fmt.Fprintf(&b, "  %s [%s];\n", dotQuote(st.ID), strings.Join(attrs, ", "))
	}
	missing := map[string]bool{}
	edge := func(from, to, label, extra string) {
		if _, ok := sc.Step(to); !ok && !missing[to] {
			missing[to] = true
			fmt.Fprintf(&b, "  %s [label=%s, color=red, style=dashed];\n", dotQuote(to), dotQuote("⚠ no such step\n"+to))
		}
		fmt.Fprintf(&b, "  %s -> %s [label=%s%s];\n", dotQuote(from), dotQuote(to), dotQuote(label), extra)
	}
	for i := range sc.Steps {
		st := &sc.Steps[i]
		for _, r := range st.Next {
			edge(st.ID, r.Goto, reactionLabel(r), "")
		}
		if in := st.Interrupt; in != nil {
			edge(st.ID, in.Goto, interruptLabel(in), ", style=dashed")
		}
	}
	b.WriteString("}\n")
	return b.String()
}

// dotQuote writes a DOT string; "\n" becomes DOT's own line break.
func dotQuote(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\r", "", "\n", `\n`)
	return `"` + r.Replace(s) + `"`
}

// mermaidGraph writes a Mermaid flowchart. Node ids are generated (s0, s1…)
// because step ids may hold characters Mermaid reads as syntax.
func mermaidGraph(sc *model.Scenario) string {
	gi := analyse(sc)
	var b strings.Builder
	b.WriteString("flowchart TD\n")
	ids := map[string]string{}
	node := func(id string) string {
		if n, ok := ids[id]; ok {
			return n
		}
		n := fmt.Sprintf("s%d", len(ids))
		ids[id] = n
		return n
	}
	var keys, flagged []string
	for i := range sc.Steps {
		st := &sc.Steps[i]
		n := node(st.ID)
		label := strings.TrimSpace(st.ID + "<br/>" + stepMarks(sc, st, gi))
		label = strings.TrimSuffix(label, "<br/>")
		if st.IsEnd() {
			fmt.Fprintf(&b, "  %s([%s])\n", n, mermaidQuote(label))
		} else {
			fmt.Fprintf(&b, "  %s[%s]\n", n, mermaidQuote(label))
		}
		if st.Key {
			keys = append(keys, n)
		}
		if !gi.reach[st.ID] || !gi.ends[st.ID] {
			flagged = append(flagged, n)
		}
	}
	edge := func(from, to, label, arrow string) {
		if _, ok := sc.Step(to); !ok {
			if _, seen := ids[to]; !seen {
				fmt.Fprintf(&b, "  %s[%s]\n", node(to), mermaidQuote("⚠ no such step: "+to))
				flagged = append(flagged, node(to))
			}
		}
		fmt.Fprintf(&b, "  %s %s|%s| %s\n", node(from), arrow, mermaidQuote(label), node(to))
	}
	for i := range sc.Steps {
		st := &sc.Steps[i]
		for _, r := range st.Next {
			edge(st.ID, r.Goto, reactionLabel(r), "-->")
		}
		if in := st.Interrupt; in != nil {
			edge(st.ID, in.Goto, interruptLabel(in), "-.->")
		}
	}
	classes := []struct {
		name, style string
		nodes       []string
	}{
		{"key", "font-weight:bold,stroke-width:3px", keys},
		{"flagged", "stroke:#c00,color:#c00", flagged},
	}
	for _, c := range classes {
		if len(c.nodes) > 0 {
			fmt.Fprintf(&b, "  classDef %s %s\n  class %s %s\n", c.name, c.style, strings.Join(c.nodes, ","), c.name)
		}
	}
	return b.String()
}

// mermaidQuote writes a quoted Mermaid label; quotes become entity codes so
// user text cannot close the label early, and newlines become <br/>.
func mermaidQuote(s string) string {
	r := strings.NewReplacer(`"`, "#quot;", "\r", "", "\n", "<br/>")
	s = r.Replace(s)
	return `"` + s + `"`
}
