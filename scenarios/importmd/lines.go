package importmd

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
)

// pline is one source line of a paragraph, with what its inline markup says.
type pline struct {
	line   int
	text   string
	start  int  // byte offset of its first text
	emph   int  // the whole line is one emphasis: 1 italic, 2 bold; else 0
	strong bool // some of it is bold
	nodes  int  // top-level inline nodes that are not blank
}

// paraLines splits a paragraph into its source lines. Goldmark joins them
// with soft breaks; the importer needs them apart, because a note's line
// structure (an italic line, then the answer under it) is its meaning.
func (im *importer) paraLines(n ast.Node) []pline {
	var out []pline
	cur := pline{start: -1}
	flush := func() {
		if strings.TrimSpace(cur.text) != "" {
			cur.line = im.lines.line(max(cur.start, 0))
			out = append(out, cur)
		}
		cur = pline{start: -1}
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		t := im.textOf(c)
		if cur.start < 0 {
			cur.start = firstOffset(c)
		}
		cur.text += t
		if strings.TrimSpace(t) != "" {
			cur.nodes++
			if e, ok := c.(*ast.Emphasis); ok {
				cur.emph = e.Level
				cur.strong = cur.strong || e.Level >= 2
			} else {
				cur.emph = 0
			}
		}
		if hasStrong(c) {
			cur.strong = true
		}
		if tx, ok := c.(*ast.Text); ok && (tx.SoftLineBreak() || tx.HardLineBreak()) {
			flush()
		}
	}
	flush()
	for i := range out {
		if out[i].nodes != 1 {
			out[i].emph = 0
		}
		out[i].text = strings.TrimSpace(out[i].text)
	}
	return out
}

func hasStrong(n ast.Node) bool {
	if e, ok := n.(*ast.Emphasis); ok && e.Level >= 2 {
		return true
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if hasStrong(c) {
			return true
		}
	}
	return false
}

// textOf is the plain text of an inline node, markup removed.
func (im *importer) textOf(n ast.Node) string {
	switch n := n.(type) {
	case *ast.Text:
		s := unescape(string(n.Segment.Value(im.src)))
		if n.SoftLineBreak() && n.Parent() != nil && n.Parent().Type() == ast.TypeInline {
			s += " " // a break inside an emphasis: the line goes on
		}
		return s
	case *ast.String:
		return string(n.Value)
	case *ast.AutoLink:
		return string(n.URL(im.src))
	case *ast.RawHTML:
		var b strings.Builder
		for i := 0; i < n.Segments.Len(); i++ {
			seg := n.Segments.At(i)
			b.Write(seg.Value(im.src))
		}
		return b.String()
	}
	var b strings.Builder
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		b.WriteString(im.textOf(c))
	}
	return b.String()
}

// inlineText is the one-line text of a block's inline content.
func (im *importer) inlineText(n ast.Node) string {
	var parts []string
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		parts = append(parts, im.textOf(c))
	}
	return oneLine(strings.Join(parts, ""))
}

var escaped = regexp.MustCompile(`\\([!-/:-@\[-` + "`" + `{-~])`)

func unescape(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	return escaped.ReplaceAllString(s, "$1")
}

var (
	qaQuestion = regexp.MustCompile(`(?i)^(q|question|they|them|manager)\s*[:.)]\s*(.+)$`)
	qaAnswer   = regexp.MustCompile(`(?i)^(a|answer|me|you|i)\s*[:.)]\s*(.+)$`)
	labelLine  = regexp.MustCompile(`^(\p{Lu}[^:]{0,40}):\s+\S`)
)

// paragraph places each line of a paragraph.
func (im *importer) paragraph(n ast.Node, c blockCtx) {
	im.para++
	for i, l := range im.paraLines(n) {
		lazy := c.list > 0 && i > 0 && l.start == im.lines.start(l.line)
		im.line(l, c, lazy)
	}
}

// line decides what one line of a paragraph is for.
func (im *importer) line(l pline, c blockCtx, lazy bool) {
	it := item{line: l.line, text: l.text, para: im.para, depth: c.list}
	switch {
	case qaQuestion.MatchString(l.text):
		it.kind, it.text = kHeader, qaQuestion.FindStringSubmatch(l.text)[2]
	case qaAnswer.MatchString(l.text) && len(im.items) > 0:
		it.kind, it.text = kProse, qaAnswer.FindStringSubmatch(l.text)[2]
		if startsQuoted(it.text) || l.strong {
			it.kind = kKey
		}
	case l.emph > 0 && isHeaderLine(l.text, l.emph):
		it.kind = kHeader
	case c.quote || l.strong || startsQuoted(l.text):
		it.kind = kKey
	case c.list > 0 && !lazy:
		it.kind = kNote
	default:
		it.kind = kProse
		if m := labelLine.FindStringSubmatch(l.text); im.plain && m != nil && len(strings.Fields(m[1])) <= 5 {
			it.cue = m[1]
		}
	}
	switch {
	case lazy:
		im.para++ // a lazy line after a bullet starts its own paragraph
		it.para, it.depth = im.para, 0
	case im.plain, len(im.items) > 0 && im.items[len(im.items)-1].para == it.para && im.items[len(im.items)-1].kind != it.kind:
		// Plain notes mean every line as its own; and a quoted line
		// inside prose is a line of its own to say.
		im.para++
		it.para = im.para
	}
	im.add(it)
}

// isHeaderLine reports whether a whole-line emphasis introduces a reaction:
// an "if they …" or a question in any emphasis, or a short italic phrase
// that does not end a sentence ("*reasons why leaving microsoft*").
func isHeaderLine(s string, emph int) bool {
	if reactionLead.MatchString(s) || strings.HasSuffix(s, "?") {
		return true
	}
	return emph == 1 && len(strings.Fields(s)) <= 12 && !strings.HasSuffix(s, ".")
}

// startsQuoted reports whether a line opens with a quotation mark: the
// words inside are meant to be said as written.
func startsQuoted(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return strings.ContainsRune("\"“„«「『‘", r)
}

// plainTitle takes the first line of a plain-text note as its title when
// it looks like one ("Decision Made: Leaving Meta") and no heading or front
// matter named the note.
func (im *importer) plainTitle() {
	if im.title != "" || im.metaString("title") != "" || len(im.items) < 2 {
		return
	}
	if first := im.items[0]; first.kind == kProse && isTitleLine(first.text) {
		im.title = first.text
		im.items = im.items[1:]
	}
}

// findBareHeadings marks, in a plain-text note, the short title-case lines
// followed by content ("Why Now", "The Handoff") as topic headings.
func (im *importer) findBareHeadings() {
	for i := range im.items {
		it := &im.items[i]
		if it.kind != kProse || !isBareHeading(it.text) {
			continue
		}
		if i+1 < len(im.items) && im.items[i+1].kind != kHeader && !isBareHeading(im.items[i+1].text) {
			it.kind, it.topic, it.cue = kHeader, true, ""
		}
	}
}

// isBareHeading: at most six words, no sentence-ending punctuation, the
// first word and every word of four letters or more capitalized.
func isBareHeading(s string) bool {
	words := strings.Fields(s)
	if len(words) == 0 || len(words) > 6 || utf8.RuneCountInString(s) > 48 {
		return false
	}
	if strings.ContainsAny(s[len(s)-1:], ".,;:!") {
		return false
	}
	for i, w := range words {
		r, _ := utf8.DecodeRuneInString(w)
		if (i == 0 || utf8.RuneCountInString(w) >= 4) && unicode.IsLetter(r) && !unicode.IsUpper(r) {
			return false
		}
		if i == 0 && !unicode.IsUpper(r) {
			return false
		}
	}
	return true
}

var (
	theirColumn = regexp.MustCompile(`(?i)\b(they|them|he|she|manager|boss|objections?|questions?|if|reactions?|concerns?|push ?back|q)\b`)
	myColumn    = regexp.MustCompile(`(?i)\b(me|i|my|responses?|respond|answers?|reply|a|you|say)\b`)
	noteColumn  = regexp.MustCompile(`(?i)\b(notes?|tips?|cues?|why)\b`)
)

// table reads a table of objections and responses: each row becomes a
// reaction step. A table whose columns it cannot tell apart is kept as notes.
func (im *importer) table(t *east.Table) {
	var rows [][]string
	var lines []int
	for r := t.FirstChild(); r != nil; r = r.NextSibling() {
		var cells []string
		for c := r.FirstChild(); c != nil; c = c.NextSibling() {
			cells = append(cells, im.inlineText(c))
		}
		rows = append(rows, cells)
		lines = append(lines, im.firstLine(r))
	}
	if len(rows) == 0 {
		return
	}
	line0 := lines[0]
	for i := range lines {
		if lines[i] <= line0 && i > 0 {
			lines[i] = line0 + i + 1 // an empty row has no position: count from the header
		}
	}
	they, me, notes := columns(rows[0])
	if they < 0 || me < 0 {
		var kept []string
		for _, r := range rows {
			kept = append(kept, strings.Join(r, " | "))
		}
		im.add(item{kind: kLeftover, line: line0, text: strings.Join(kept, "\n")})
		im.notice(line0, true, "this table's columns could not be told apart; it was kept as a note (name them, e.g. \"They say\" and \"I say\")")
		return
	}
	for i, r := range rows[1:] {
		line := lines[i+1]
		if cell(r, they) == "" && cell(r, me) == "" {
			continue
		}
		im.para++
		im.add(item{kind: kHeader, line: line, text: cell(r, they), para: im.para})
		im.para++
		k := kProse
		if startsQuoted(cell(r, me)) {
			k = kKey
		}
		im.add(item{kind: k, line: line, text: cell(r, me), para: im.para})
		if notes >= 0 {
			im.add(item{kind: kNote, line: line, text: cell(r, notes), depth: 1})
		}
	}
}

// columns finds the other person's column, yours and a notes column in a
// table header, or -1 for each it cannot find.
func columns(header []string) (they, me, notes int) {
	they, me, notes = -1, -1, -1
	for i, h := range header {
		switch {
		case they < 0 && theirColumn.MatchString(h):
			they = i
		case me < 0 && myColumn.MatchString(h):
			me = i
		case notes < 0 && noteColumn.MatchString(h):
			notes = i
		}
	}
	return they, me, notes
}

func cell(r []string, i int) string {
	if i < 0 || i >= len(r) {
		return ""
	}
	return r[i]
}
