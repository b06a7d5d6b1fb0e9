package export

import (
	"bufio"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"rehearse/model"
)

// CardSeparator goes between two cue cards: a Markdown rule, then a form
// feed so a printer starts each card on a new page. A reader that wants one
// card per screen can split the script on it.
const CardSeparator = "---\n\f\n"

// Script writes sc as a Markdown script to read or print: the title, who
// you are talking to, the briefing and timebox, then every step in file
// order with the manager's line, your line, your notes, the key-line target
// and, under "If they …", links to the step each reaction leads to.
//
// With cards, it writes a deck of cue cards instead: one for the opening and
// one per manager reaction (and interrupt), each holding the reaction, the
// line you answer it with, its target and your notes, separated by
// CardSeparator.
func Script(w io.Writer, sc *model.Scenario, cards bool) error {
	if sc == nil {
		return fmt.Errorf("export: no scenario to write")
	}
	bw := bufio.NewWriter(w)
	if cards {
		writeCards(bw, sc)
	} else {
		writeScript(bw, sc)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("export: writing script: %w", err)
	}
	return nil
}

func writeScript(w *bufio.Writer, sc *model.Scenario) {
	fmt.Fprintf(w, "# %s\n\n", oneLine(sc.Title))
	if who := with(sc); who != "" {
		fmt.Fprintf(w, "*%s*\n\n", who)
	}
	if b := strings.TrimSpace(sc.Briefing); b != "" {
		fmt.Fprintf(w, "## Briefing\n\n%s\n\n", b)
	}
	for i := range sc.Steps {
		writeStep(w, sc, &sc.Steps[i])
	}
}

// with says who the conversation is with and how long it may take.
func with(sc *model.Scenario) string {
	var parts []string
	who := "A conversation with " + sc.Name()
	if sc.Role != "" && sc.Counterpart != "" {
		who += " (" + sc.Role + ")"
	}
	parts = append(parts, who)
	if sc.Timebox > 0 {
		parts = append(parts, "timebox "+Duration(sc.Timebox))
	}
	return strings.Join(parts, " · ")
}

func writeStep(w *bufio.Writer, sc *model.Scenario, st *model.Step) {
	heading := st.ID
	if st.ID == sc.Start {
		heading += " (start)"
	}
	fmt.Fprintf(w, "## %s\n\n", heading)
	writeManager(w, sc, st)
	writeYou(w, sc, st)
	if len(st.Next) == 0 && st.Interrupt == nil {
		w.WriteString("■ The conversation ends here.\n\n")
		return
	}
	w.WriteString("If they …\n\n")
	for _, r := range st.Next {
		fmt.Fprintf(w, "- %s → %s\n", lowerFirst(reactionLabel(r)), link(r.Goto))
	}
	if in := st.Interrupt; in != nil {
		fmt.Fprintf(w, "- cut you off after %s (%s of the time) → %s\n",
			Duration(in.After), percent(in.Chance), link(in.Goto))
	}
	w.WriteString("\n")
}

func writeManager(w *bufio.Writer, sc *model.Scenario, st *model.Step) {
	if len(st.Manager) == 0 {
		return
	}
	fmt.Fprintf(w, "**%s:** %s\n", sc.Name(), oneLine(st.Manager[0]))
	for _, v := range st.Manager[1:] {
		fmt.Fprintf(w, "*or:* %s\n", oneLine(v))
	}
	w.WriteString("\n")
}

// writeYou writes your line as a block quote, so it stands out as the words
// to say, then the key-line target and the notes.
func writeYou(w *bufio.Writer, sc *model.Scenario, st *model.Step) {
	if say := strings.TrimSpace(st.Say); say != "" {
		w.WriteString("**You:**\n\n")
		for _, line := range strings.Split(say, "\n") {
			w.WriteString(strings.TrimRight("> "+strings.TrimRight(line, "\r"), " ") + "\n")
		}
		w.WriteString("\n")
	}
	if st.Key {
		mark := "★ Key line"
		if t := sc.Target(st); t > 0 {
			mark += " — aim for " + Duration(t.Round(1e9))
		}
		w.WriteString(mark + ".\n\n")
	}
	for _, n := range st.Notes {
		fmt.Fprintf(w, "- %s\n", oneLine(n))
	}
	if len(st.Notes) > 0 {
		w.WriteString("\n")
	}
}

// link points at a step's section; ids are letters, digits, - and _, which
// Markdown renderers keep as they are in heading anchors.
func link(id string) string {
	return fmt.Sprintf("[%s](#%s)", id, strings.ToLower(id))
}

// lowerFirst lowers the first letter of a label so it reads on after
// "If they …", but leaves "I'm", "IT" and names that look like acronyms.
func lowerFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if !unicode.IsUpper(r) {
		return s
	}
	if next, _ := utf8.DecodeRuneInString(s[n:]); !unicode.IsLower(next) {
		return s
	}
	return string(unicode.ToLower(r)) + s[n:]
}

// card is one cue card: what the manager does, and your answer to it.
type card struct {
	cues []string // the reactions that lead here, or "Opening"
	step *model.Step
}

// heading names every cue of the card, saying "If they:" once:
// "If they: Asks why · Pushes back".
func (c *card) heading() string {
	const ifThey = "If they: "
	parts := make([]string, len(c.cues))
	for i, cue := range c.cues {
		parts[i] = cue
		if i > 0 && strings.HasPrefix(cue, ifThey) && strings.HasPrefix(c.cues[0], ifThey) {
			parts[i] = strings.TrimPrefix(cue, ifThey)
		}
	}
	return strings.Join(parts, " · ")
}

func writeCards(w *bufio.Writer, sc *model.Scenario) {
	// One card per step a reaction leads to, however many reactions lead
	// there: the cues are listed together instead of printing the same card
	// again for each.
	var cs []*card
	byStep := map[string]*card{}
	add := func(cue string, to *model.Step) {
		c, ok := byStep[to.ID]
		if !ok {
			c = &card{step: to}
			byStep[to.ID] = c
			cs = append(cs, c)
		}
		if !slices.Contains(c.cues, cue) {
			c.cues = append(c.cues, cue)
		}
	}
	if st, ok := sc.Step(sc.Start); ok {
		add("Opening", st)
	}
	for i := range sc.Steps {
		st := &sc.Steps[i]
		for _, r := range st.Next {
			if to, ok := sc.Step(r.Goto); ok {
				add("If they: "+oneLine(r.Label), to)
			}
		}
		if in := st.Interrupt; in != nil {
			if to, ok := sc.Step(in.Goto); ok {
				add(fmt.Sprintf("If they cut you off after %s", Duration(in.After)), to)
			}
		}
	}
	for i, c := range cs {
		if i > 0 {
			w.WriteString(CardSeparator)
		}
		fmt.Fprintf(w, "## %s\n\n*%s · card %d of %d*\n\n", c.heading(), oneLine(sc.Title), i+1, len(cs))
		writeManager(w, sc, c.step)
		writeYou(w, sc, c.step)
	}
}
