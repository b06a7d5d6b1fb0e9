package importmd

import (
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"rehearse/model"
)

// section is one step in the making: the opening or one reaction.
type section struct {
	line    int
	label   string // the reaction that leads here
	manager string
	say     strings.Builder
	lastPar int
	key     bool
	notes   []string
}

func (s *section) addSay(text string, para int) {
	if s.say.Len() > 0 {
		if para == s.lastPar {
			s.say.WriteByte(' ')
		} else {
			s.say.WriteByte('\n')
		}
	}
	s.say.WriteString(text)
	s.lastPar = para
}

// build turns the placed items into the scenario.
func (im *importer) build(name string, opts Options) model.Scenario {
	open := &section{line: 1}
	secs := []*section{open}
	cur := open
	for _, it := range im.items {
		switch it.kind {
		case kHeader:
			if s := im.header(it, cur == open); s != nil {
				cur = s
				secs = append(secs, s)
			}
		case kProse, kKey:
			cur.addSay(it.text, it.para)
			cur.key = cur.key || it.kind == kKey
			if it.cue != "" {
				cur.notes = append(cur.notes, it.cue)
			}
		case kNote, kLeftover:
			cur.notes = append(cur.notes, noteText(it))
		}
	}
	sc := model.Scenario{
		Title:       im.scenarioTitle(name, opts),
		Counterpart: im.counterpart(opts, open.say.String()),
		Role:        im.metaString("role"),
		Briefing:    firstNonEmpty(im.metaString("briefing"), im.metaString("goal")),
		Pace:        im.pace(opts),
		Start:       "open",
	}
	sc.ID = firstNonEmpty(opts.ID, slugID(im.metaString("id")), slug(sc.Title, 6), "imported")
	pace := sc.EffectivePace()
	ids := map[string]bool{"open": true, CloseID: true}
	first := im.step(open, "open", pace)
	first.Manager = []string{openManager}
	var reactions []model.Step
	for _, s := range secs[1:] {
		id := uniqueID(slug(s.label, 4), ids)
		st := im.step(s, id, pace)
		st.Next = []model.Reaction{{Label: "Takes it in", Goto: CloseID, Weight: 1}}
		first.Next = append(first.Next, model.Reaction{Label: s.label, Goto: id, Weight: 1})
		reactions = append(reactions, st)
	}
	if len(first.Next) == 0 {
		first.Next = []model.Reaction{{Label: "Takes it in", Goto: CloseID, Weight: 1}}
	}
	// A note with no quoted or bold line still has a line that must land:
	// the opening. Time it, so there is something to improve on.
	if !first.Key && !anyKey(reactions) && first.Say != "" {
		first.Key = true
		first.Target = target(first.Words(), pace)
	}
	sc.Steps = append(append([]model.Step{first}, reactions...), model.Step{
		ID: CloseID, Manager: []string{closeManager}, Say: closeSay,
	})
	return sc
}

func anyKey(steps []model.Step) bool {
	for _, st := range steps {
		if st.Key {
			return true
		}
	}
	return false
}

// header starts a reaction step, or returns nil for a heading that only
// groups or names the opening ("## Objections", "## Opening").
func (im *importer) header(it item, inOpening bool) *section {
	text := strings.TrimSpace(it.text)
	if it.heading && !reactionLead.MatchString(text) && !strings.HasSuffix(text, "?") {
		if inOpening && openingHeading.MatchString(text) || groupHeading.MatchString(text) {
			return nil
		}
	}
	label, manager := reaction(text, it.topic || it.heading)
	if label == "" {
		im.notice(it.line, false, "an empty reaction heading was skipped")
		return nil
	}
	return &section{line: it.line, label: label, manager: manager}
}

var (
	openingHeading = regexp.MustCompile(`(?i)^(the )?(opening|open|intro(duction)?|start|script|what (i'll|i will|to) say|talking points|main points?|bottom line.*|the ask|plan)$`)
	groupHeading   = regexp.MustCompile(`(?i)^((possible|likely|their|expected) )?(objections?|reactions?|questions?|q ?& ?a|faq|push ?back|responses?|if they (say|ask)( …|\.\.\.)?)$`)
)

// step makes a section into a step: a key line when it holds quoted or bold
// words, with a target from its words at the pace, rounded up to 5s.
func (im *importer) step(s *section, id string, pace int) model.Step {
	st := model.Step{ID: id, Say: strings.TrimSpace(s.say.String()), Notes: s.notes}
	if s.manager != "" {
		st.Manager = []string{s.manager}
	}
	if st.Say == "" {
		if s.label != "" {
			im.notice(s.line, false, "nothing is written under %q, so there is no line to say there yet", s.label)
		}
		return st
	}
	if s.key {
		st.Key = true
		st.Target = target(st.Words(), pace)
	}
	return st
}

// target is the time words take at pace, rounded up to 5 seconds.
func target(words, pace int) time.Duration {
	d := time.Duration(words) * time.Minute / time.Duration(pace)
	const step = 5 * time.Second
	return max(step, (d+step-1)/step*step)
}

func noteText(it item) string {
	if it.depth > 1 {
		return "↳ " + it.text
	}
	return it.text
}

func (im *importer) scenarioTitle(name string, opts Options) string {
	if t := firstNonEmpty(opts.Title, im.metaString("title"), im.title); t != "" {
		return t
	}
	if base := strings.TrimSuffix(filepath.Base(name), filepath.Ext(name)); base != "" && base != "." {
		return base
	}
	return "Imported note"
}

// isTitleLine accepts a bare heading, or one with a colon inside
// ("Decision Made: Leaving Meta").
func isTitleLine(s string) bool {
	before, after, ok := strings.Cut(s, ":")
	if ok && after != "" {
		return isBareHeading(strings.TrimSpace(before)) && isBareHeading(strings.TrimSpace(after))
	}
	return isBareHeading(s)
}

var greeting = regexp.MustCompile(`(?i)(?:^|\n)\s*(?:hey|hi|hello|dear|morning)\s+(\p{L}[\p{L}'’-]*)\s*[,!—–-]`)

// counterpart finds who the note is for: the options, the front matter, or
// a greeting at the start of the opening ("Hey john,").
func (im *importer) counterpart(opts Options, opening string) string {
	if c := firstNonEmpty(opts.Counterpart, im.metaString("counterpart"), im.metaString("manager")); c != "" {
		return c
	}
	if m := greeting.FindStringSubmatch(opening); m != nil {
		switch strings.ToLower(m[1]) {
		case "there", "team", "all", "everyone", "guys", "folks", "again":
		default:
			return capitalize(m[1])
		}
	}
	return "Manager"
}

func (im *importer) pace(opts Options) int {
	if opts.Pace > 0 {
		return opts.Pace
	}
	if p, err := strconv.Atoi(im.metaString("pace")); err == nil && p > 0 {
		return p
	}
	return 0
}

var reactionLead = regexp.MustCompile(`(?i)^(?:what )?(?:if|when)\b`)

var ifSays = regexp.MustCompile(`(?i)^(?:what )?(?:if|when)\s+(?:he|she|they|my manager|the manager|manager|my boss|boss|\p{L}+)\s+(says?|asks?|replies|responds|tells me|goes)\s*(?:that\s+|:\s*|,\s*)?(.*)$`)

// reaction derives the label of a reaction and the other person's line from
// the text that introduces it. "if he says we need to end it" → "We need to
// end it."; "Why Now" → "Why now?"; "The Handoff" → "Tell me about the
// handoff."; "if he gets angry" → "(He gets angry.)".
func reaction(text string, topic bool) (label, manager string) {
	text = strings.Trim(strings.TrimSpace(text), "*_:")
	text = strings.TrimSpace(text)
	if text == "" {
		return "", ""
	}
	if m := ifSays.FindStringSubmatch(text); m != nil && strings.TrimSpace(m[2]) != "" {
		said := strings.Trim(strings.TrimSpace(m[2]), `"“”'‘’`)
		if strings.HasPrefix(strings.ToLower(m[1]), "ask") && questionWord.MatchString(said) {
			return capitalize(said), capitalize(strings.TrimRight(said, ".")) + "?"
		}
		return capitalize(said), sentence(said)
	}
	if reactionLead.MatchString(text) {
		rest := strings.TrimSpace(reactionLead.ReplaceAllString(text, ""))
		if rest != "" {
			return capitalize(text), "(" + sentence(rest) + ")"
		}
	}
	if strings.HasSuffix(text, "?") || !topic && !strings.Contains(text, " ") {
		return capitalize(text), capitalize(text)
	}
	return capitalize(text), topicLine(text)
}

var (
	questionWord = regexp.MustCompile(`(?i)^(why|how|when|where|who|which|can|could|will|would|should|do|does|did|is|are)\b`)
	reasonsWhy   = regexp.MustCompile(`(?i)^reasons?\s+(?:why|for)\s+(.+)$`)
)

// topicLine turns a topic heading into something the other person could
// ask: a question word makes a question, anything else "Tell me about …".
func topicLine(text string) string {
	if m := reasonsWhy.FindStringSubmatch(text); m != nil {
		return "Why " + strings.TrimSuffix(lowerFirst(m[1]), ".") + "?"
	}
	if questionWord.MatchString(text) && !strings.Contains(text, ":") {
		return capitalize(lowerRest(text)) + "?"
	}
	return "Tell me about " + strings.TrimSuffix(lowerRest(pronouns(text)), ".") + "."
}

// pronouns turns the note-writer's words into the other person's: "What
// I'm Leaving" → "what you're leaving".
func pronouns(s string) string {
	r := strings.NewReplacer(" I'm ", " you're ", " I’m ", " you’re ", " I've ", " you've ",
		" my ", " your ", " My ", " your ", " I ", " you ", " me ", " you ")
	return strings.TrimSpace(r.Replace(" " + s + " "))
}

// sentence capitalizes s and ends it with a full stop unless it already
// ends a sentence.
func sentence(s string) string {
	s = capitalize(strings.TrimSpace(s))
	if r, _ := utf8.DecodeLastRuneInString(s); !strings.ContainsRune(".?!…)”\"", r) {
		s += "."
	}
	return s
}

func capitalize(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

func lowerFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	return string(unicode.ToLower(r)) + s[n:]
}

// lowerRest lowers title-case words after the first ("Why Now" → "Why
// now"), keeping acronyms and names written in capitals ("AI", "VPS").
func lowerRest(s string) string {
	words := strings.Split(s, " ")
	for i := 1; i < len(words); i++ {
		w := words[i]
		if utf8.RuneCountInString(w) > 1 && strings.ToUpper(w) != w {
			words[i] = lowerFirst(w)
		}
	}
	if len(words) > 0 && words[0] != "I" && strings.ToUpper(words[0]) != words[0] {
		words[0] = lowerFirst(words[0])
	}
	return strings.Join(words, " ")
}

// slug makes an id from the first few words of s: lower case ASCII letters
// and digits joined by "-".
func slug(s string, maxWords int) string {
	var words []string
	var w strings.Builder
	flush := func() {
		if w.Len() > 0 {
			words = append(words, w.String())
			w.Reset()
		}
	}
	for _, r := range strings.ToLower(s) {
		switch {
		case r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			w.WriteRune(r)
		case r == '\'' || r == '’':
		default:
			flush()
		}
	}
	flush()
	if len(words) > maxWords {
		words = words[:maxWords]
	}
	return strings.Join(words, "-")
}

func slugID(s string) string {
	if validID.MatchString(s) {
		return s
	}
	return slug(s, 6)
}

func uniqueID(id string, taken map[string]bool) string {
	if id == "" {
		id = "reaction"
	}
	base := id
	for n := 2; taken[id]; n++ {
		id = base + "-" + strconv.Itoa(n)
	}
	taken[id] = true
	return id
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s = strings.TrimSpace(s); s != "" {
			return s
		}
	}
	return ""
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
