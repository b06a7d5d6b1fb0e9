package importmd

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"go.abhg.dev/goldmark/frontmatter"
)

// kind says what a piece of the note is for.
type kind int

const (
	kProse    kind = iota // words to say
	kKey                  // quoted or bold words to say: makes the step a key line
	kNote                 // a bullet: a reminder beside the line
	kHeader               // starts a reaction step
	kLeftover             // could not be placed: kept as a note and reported
)

// item is one placed piece of the note, in source order.
type item struct {
	kind    kind
	line    int
	text    string
	para    int    // pieces of one paragraph share it, so they join with a space
	depth   int    // nesting of a bullet
	manager string // kHeader: the other person's line
	topic   bool   // kHeader from a bare topic heading ("Why Now"), not a reaction
	cue     string // kProse "Label: text" lines: the label, kept as a note
	heading bool   // kHeader from a Markdown heading
}

// importer holds the state of one Import call.
type importer struct {
	src     []byte
	lines   lineIndex
	items   []item
	notices []Notice
	meta    map[string]any
	title   string // from the first heading, when it is the title
	plain   bool   // the note has no Markdown markup: read bare headings
	para    int
	last    int // last line placed, for blocks with no position of their own
}

func newImporter(src []byte) *importer {
	return &importer{src: src, lines: newLineIndex(src)}
}

func (im *importer) notice(line int, kept bool, format string, args ...any) {
	im.notices = append(im.notices, Notice{Line: max(line, 1), Message: fmt.Sprintf(format, args...), Kept: kept})
}

func (im *importer) add(it item) {
	it.text = strings.TrimSpace(it.text)
	if it.text == "" && it.kind != kHeader {
		return
	}
	if it.line == 0 {
		it.line = im.last
	}
	im.last = max(im.last, it.line)
	im.items = append(im.items, it)
}

// parse reads the note into items.
func (im *importer) parse() {
	exts := []goldmark.Extender{extension.Table, extension.Strikethrough}
	if im.frontMatterClosed() {
		exts = append(exts, &frontmatter.Extender{})
	}
	md := goldmark.New(goldmark.WithExtensions(exts...))
	ctx := parser.NewContext()
	doc := md.Parser().Parse(text.NewReader(im.src), parser.WithContext(ctx))
	im.readFrontMatter(ctx)
	im.plain = !hasMarkup(doc)
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		im.block(n, blockCtx{})
	}
	if im.plain {
		im.plainTitle()
		im.findBareHeadings()
	}
}

// frontMatterClosed reports whether a note that opens with a front matter
// delimiter also closes it. Unclosed, the parser would swallow the whole
// note as front matter, so it is read as text instead, with a warning.
func (im *importer) frontMatterClosed() bool {
	first, rest, _ := bytes.Cut(im.src, []byte("\n"))
	delim := strings.TrimRight(string(first), " \t")
	if delim != "---" && delim != "+++" {
		return false
	}
	for _, l := range strings.Split(string(rest), "\n") {
		if strings.TrimRight(l, " \t") == delim {
			return true
		}
	}
	im.notice(1, false, "the front matter opened here is never closed with %q; it was read as part of the note", delim)
	return false
}

func (im *importer) readFrontMatter(ctx parser.Context) {
	data := frontmatter.Get(ctx)
	if data == nil {
		return
	}
	meta := map[string]any{}
	if err := decodeSafely(data, &meta); err != nil {
		im.notice(1, false, "the front matter could not be read (%v); it was ignored", oneLine(err.Error()))
		return
	}
	im.meta = meta
	for k := range meta {
		switch strings.ToLower(k) {
		case "title", "id", "counterpart", "manager", "role", "briefing", "goal", "pace":
		default:
			im.notice(1, false, "front matter key %q is not used by the importer", k)
		}
	}
}

// decodeSafely decodes front matter; a YAML library bug on odd input must
// not crash the import.
func decodeSafely(data *frontmatter.Data, dst any) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%v", r)
		}
	}()
	return data.Decode(dst)
}

// hasMarkup reports whether the note uses Markdown structure beyond
// paragraphs and lists; a note without it is read as plain text.
func hasMarkup(doc ast.Node) bool {
	found := false
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		switch n.(type) {
		case *ast.Heading, *ast.Emphasis, *ast.Blockquote, *ast.FencedCodeBlock, *east.Table:
			found = true
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	return found
}

// blockCtx is what the containers around a block say about it.
type blockCtx struct {
	quote bool // inside a block quote: the words are a key line
	list  int  // list nesting depth; > 0 makes plain lines notes
}

func (im *importer) block(n ast.Node, c blockCtx) {
	switch n := n.(type) {
	case *ast.Heading:
		im.heading(n)
	case *ast.Paragraph, *ast.TextBlock:
		im.paragraph(n, c)
	case *ast.Blockquote:
		c.quote = true
		im.children(n, c)
	case *ast.List:
		for li := n.FirstChild(); li != nil; li = li.NextSibling() {
			im.children(li, blockCtx{quote: c.quote, list: c.list + 1})
		}
	case *ast.FencedCodeBlock:
		im.fence(n)
	case *ast.CodeBlock:
		im.leftover(im.linesText(n), im.firstLine(n), "an indented code block")
	case *ast.HTMLBlock:
		im.leftover(im.linesText(n), im.firstLine(n), "an HTML block")
	case *ast.ThematicBreak:
		// A rule only separates; it says nothing to rehearse.
	case *east.Table:
		im.table(n)
	default:
		if n.Type() == ast.TypeBlock && n.HasChildren() {
			im.children(n, c)
		}
	}
}

func (im *importer) children(n ast.Node, c blockCtx) {
	for ch := n.FirstChild(); ch != nil; ch = ch.NextSibling() {
		im.block(ch, c)
	}
}

// leftover keeps content the importer cannot place as a note and says so.
func (im *importer) leftover(content string, line int, what string) {
	content = strings.TrimSpace(content)
	if content == "" {
		return
	}
	im.add(item{kind: kLeftover, line: line, text: content})
	im.notice(line, true, "%s could not be placed in the conversation; it was kept as a note", what)
}

func (im *importer) heading(n *ast.Heading) {
	t, line := im.inlineText(n), im.firstLine(n)
	if im.title == "" && im.metaString("title") == "" && len(im.items) == 0 {
		im.title = t
		return
	}
	im.para++
	im.add(item{kind: kHeader, line: line, text: t, para: im.para, heading: true})
}

// fence keeps a fenced code block as a note, and warns when it is never
// closed: everything after the fence was swallowed into it.
func (im *importer) fence(n *ast.FencedCodeBlock) {
	open := im.last + 1
	switch {
	case n.Info != nil:
		open = im.lines.line(n.Info.Segment.Start)
	case n.Lines().Len() > 0:
		open = im.lines.line(n.Lines().At(0).Start) - 1
	}
	end := open
	if l := n.Lines(); l.Len() > 0 {
		end = im.lines.line(l.At(l.Len() - 1).Start)
	}
	if !im.closingFenceAt(end + 1) {
		im.notice(open, true, "this code fence is never closed, so everything after it was read as code; it was kept as a note")
		im.add(item{kind: kLeftover, line: open, text: im.linesText(n)})
		return
	}
	im.leftover(im.linesText(n), open, "a code block")
}

func (im *importer) closingFenceAt(line int) bool {
	start := im.lines.start(line)
	if start < 0 {
		return false
	}
	l, _, _ := bytes.Cut(im.src[start:], []byte("\n"))
	l = bytes.TrimLeft(l, " \t>")
	return bytes.HasPrefix(l, []byte("```")) || bytes.HasPrefix(l, []byte("~~~"))
}

// linesText is the raw text of a block's lines.
func (im *importer) linesText(n ast.Node) string {
	var b strings.Builder
	l := n.Lines()
	for i := 0; i < l.Len(); i++ {
		seg := l.At(i)
		b.Write(seg.Value(im.src))
	}
	return strings.TrimRight(b.String(), "\n")
}

// firstLine is the line of the first byte a node covers, or the line after
// the last one placed when the node has no position.
func (im *importer) firstLine(n ast.Node) int {
	if off := firstOffset(n); off >= 0 {
		return im.lines.line(off)
	}
	return im.last + 1
}

func firstOffset(n ast.Node) int {
	if n.Type() == ast.TypeBlock && n.Lines().Len() > 0 {
		return n.Lines().At(0).Start
	}
	if t, ok := n.(*ast.Text); ok {
		return t.Segment.Start
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if off := firstOffset(c); off >= 0 {
			return off
		}
	}
	return -1
}

func (im *importer) metaString(key string) string {
	if v, ok := im.meta[key]; ok {
		if s, ok := v.(string); ok {
			return strings.TrimSpace(s)
		}
		return strings.TrimSpace(fmt.Sprint(v))
	}
	return ""
}
