package model

import (
	"cmp"
	"fmt"
	"strings"
	"time"
	"unicode"
)

// Sketch is what a person tells `rehearse new` about the conversation they
// are preparing: enough to write a first scenario they can rehearse at once
// and then make their own.
type Sketch struct {
	Title       string   // e.g. "Telling Sam I'm leaving"
	Counterpart string   // who the program plays, e.g. "Sam"
	Role        string   // e.g. "your manager", the default
	Say         string   // the bottom line you need to say
	Reactions   []string // what they will likely say back, one per reaction
}

// DefaultReactions are the reactions a resignation most often meets, used
// when a Sketch names none.
var DefaultReactions = []string{
	"Why are you leaving?",
	"When is your last day?",
	"We need to end this today.",
}

// Scaffold turns a sketch into a scenario that compiles clean: an opening
// where you say your bottom line (a key line), one step per likely
// reaction with a placeholder answer to rewrite, and a warm close.
func Scaffold(s Sketch) Scenario {
	who := strings.TrimSpace(s.Counterpart)
	if who == "" {
		who = "Manager"
	}
	title := strings.TrimSpace(s.Title)
	if title == "" {
		title = "Telling " + who + " I'm leaving"
	}
	say := strings.TrimSpace(s.Say)
	if say == "" {
		say = "I wanted to tell you first: I've decided to leave."
	}
	reactions := nonEmpty(s.Reactions)
	if len(reactions) == 0 {
		reactions = DefaultReactions
	}

	open := Step{
		ID:      "open",
		Manager: []string{"Hi! What did you want to talk about?"},
		Say:     say,
		Key:     true,
		Notes:   []string{"Bottom line in the first breath", "No apology", "Pause. Let them react."},
	}
	// A target a little kinder than the bare word count: a breath, then
	// rounded up to a number that is easy to remember.
	open.Target = roundUp(open.TargetAt(DefaultPace)+2*time.Second, 5*time.Second)
	steps := []Step{open}
	used := map[string]bool{"open": true, "close": true}
	for _, r := range reactions {
		id := uniqueID(Slug(r), used)
		steps[0].Next = append(steps[0].Next, Reaction{Label: r, Goto: id, Weight: 1})
		steps = append(steps, Step{
			ID:      id,
			Manager: []string{r},
			Say:     "(Write what you will say when " + who + " says this.)",
			Notes:   []string{"Stay calm; answer, then stop"},
			Next:    []Reaction{{Label: "Accepts it", Goto: "close", Weight: 1}},
		})
	}
	steps = append(steps, Step{
		ID:      "close",
		Manager: []string{"Okay. Thank you for telling me directly."},
		Say:     "Thank you for understanding. I'll make the handoff as smooth as I can.",
	})
	return Scenario{
		ID:          uniqueID(Slug(title), nil),
		Title:       title,
		Counterpart: who,
		Role:        cmp.Or(strings.TrimSpace(s.Role), "your manager"),
		Briefing:    "Say the bottom line first, then listen. Every answer short and kind.",
		Timebox:     15 * time.Minute,
		Start:       "open",
		Steps:       steps,
	}
}

// Slug turns a phrase into an id: lower case letters and digits joined by
// dashes, at most 32 characters. It returns "step" for a phrase with
// neither.
func Slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
		default:
			dash = true
		}
		if b.Len() >= 32 {
			break
		}
	}
	if b.Len() == 0 {
		return "step"
	}
	return strings.TrimRight(b.String(), "-")
}

func uniqueID(id string, used map[string]bool) string {
	if used == nil {
		return id
	}
	out := id
	for n := 2; used[out]; n++ {
		out = fmt.Sprintf("%s-%d", id, n)
	}
	used[out] = true
	return out
}

func nonEmpty(ss []string) []string {
	var out []string
	for _, s := range ss {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

func roundUp(d, unit time.Duration) time.Duration {
	return (d + unit - 1) / unit * unit
}
