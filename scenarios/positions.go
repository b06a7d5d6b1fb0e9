package scenarios

import (
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
)

// The TOML decoder reports positions only for syntax errors; MetaData keeps
// key positions private. So this file holds a small scanner that walks the
// source text the way a TOML parser would, but only to learn where every
// table header, key and array element starts. It never fails: on text it
// does not understand it skips to the end of the line, because syntax errors
// are the decoder's job and this scanner only has to be right on files the
// decoder accepts (and harmless on the rest).

// pathSep separates the segments of a key path. Array indices are segments
// that start with indexMark, so a key spelled "0" and element 0 differ.
const (
	pathSep   = "\x00"
	indexMark = "\x01"
)

// joinPath appends segments to a path. Every segment, the first included,
// is preceded by pathSep, so that an empty key (a quoted "" is valid TOML)
// still makes a segment of its own; the root is "".
func joinPath(base string, segs ...string) string {
	n := len(base)
	for _, s := range segs {
		n += len(pathSep) + len(s)
	}
	var b strings.Builder
	b.Grow(n)
	b.WriteString(base)
	for _, s := range segs {
		b.WriteString(pathSep)
		b.WriteString(s)
	}
	return b.String()
}

// indexSeg is the path segment of array element i.
func indexSeg(i int) string { return indexMark + strconv.Itoa(i) }

// splitPath returns the segments of a path.
func splitPath(p string) []string {
	if p == "" {
		return nil
	}
	return strings.Split(p[len(pathSep):], pathSep)
}

// keyEntry is one key, header segment or array element as written in the
// file.
type keyEntry struct {
	path string // resolved path, array-of-tables indices included
	pos  Pos
	kind entryKind
}

// entryKind says what a keyEntry is used for.
type entryKind uint8

const (
	keyAndPlace entryKind = iota // a key: checked against the format, and a place to point at
	keyOnly                      // a header's last key: checked, but the header's '[' is the place
	placeOnly                    // a header's '[' or an element's first character
)

// isKey reports whether the entry is a key as written (not a place only).
func (e keyEntry) isKey() bool { return e.kind != placeOnly }

// positions records where every key path is written. The path → position
// map is built on first lookup: a clean file never needs it, and building
// it is most of the scanning cost for a big file.
type positions struct {
	keys []keyEntry // in document order

	once sync.Once
	at   map[string]Pos // path → its first place in the file
}

// lookup returns the position recorded for path. It is safe to call from
// several goroutines.
func (ps *positions) lookup(path string) (Pos, bool) {
	ps.once.Do(func() {
		ps.at = make(map[string]Pos, len(ps.keys))
		for _, k := range ps.keys {
			if _, seen := ps.at[k.path]; !seen && k.kind != keyOnly {
				ps.at[k.path] = k.pos
			}
		}
	})
	p, ok := ps.at[path]
	return p, ok
}

// scanner walks TOML text, tracking line and column (in runes, 1-based).
type scanner struct {
	src       string
	i         int
	line, col int
	out       *positions
	table     string         // path of the current table
	aotCount  map[string]int // array-of-tables path → elements so far
	depth     int            // nesting of arrays and inline tables, bounded by maxDepth
}

// scanPositions scans src and returns every key position it can find.
func scanPositions(src string) *positions {
	s := &scanner{
		src: src, line: 1, col: 1,
		// Sized from the text so that big files do not regrow these often.
		// Every key has an '=' or sits in a header: a cheap, close capacity.
		out:      &positions{keys: make([]keyEntry, 0, 8+strings.Count(src, "=")+2*strings.Count(src, "["))},
		aotCount: map[string]int{},
	}
	s.document()
	return s.out
}

func (s *scanner) eof() bool { return s.i >= len(s.src) }

func (s *scanner) peek() byte {
	if s.eof() {
		return 0
	}
	return s.src[s.i]
}

func (s *scanner) pos() Pos { return Pos{Line: s.line, Col: s.col} }

// next consumes one rune, keeping line and column right.
func (s *scanner) next() {
	if s.eof() {
		return
	}
	c := s.src[s.i]
	switch {
	case c == '\n':
		s.i++
		s.line++
		s.col = 1
	case c < utf8.RuneSelf:
		s.i++
		s.col++
	default:
		_, n := utf8.DecodeRuneInString(s.src[s.i:])
		s.i += n
		s.col++
	}
}

func (s *scanner) hasPrefix(p string) bool { return strings.HasPrefix(s.src[s.i:], p) }

// skipBlank skips spaces and tabs (and newlines and comments when multiline).
func (s *scanner) skipBlank(multiline bool) {
	for !s.eof() {
		switch c := s.peek(); {
		case c == ' ' || c == '\t':
			s.next()
		case multiline && (c == '\n' || c == '\r'):
			s.next()
		case multiline && c == '#':
			s.skipLine()
		default:
			return
		}
	}
}

// skipLine skips to the start of the next line.
func (s *scanner) skipLine() {
	j := strings.IndexByte(s.src[s.i:], '\n')
	if j < 0 {
		for !s.eof() {
			s.next()
		}
		return
	}
	// Only the line changes; no position on the skipped text is recorded.
	s.i += j + 1
	s.line++
	s.col = 1
}

func (s *scanner) record(path string, p Pos, kind entryKind) {
	s.out.keys = append(s.out.keys, keyEntry{path, p, kind})
}

// document scans the file line by line: headers, key/value pairs, comments.
func (s *scanner) document() {
	for !s.eof() {
		s.skipBlank(true)
		if s.eof() {
			return
		}
		if s.peek() == '[' {
			s.header()
		} else {
			s.keyValue(s.table)
		}
		s.skipBlank(false)
		if c := s.peek(); c != '\n' && c != 0 {
			s.skipLine() // a trailing comment or text we do not understand
		}
	}
}

// header scans [a.b] or [[a.b]] and makes it the current table.
func (s *scanner) header() {
	start := s.pos()
	s.next()
	aot := s.peek() == '['
	if aot {
		s.next()
	}
	segs, poss := s.keyPath()
	if len(segs) == 0 {
		s.skipLine()
		return
	}
	path := ""
	for k, seg := range segs {
		path = joinPath(path, seg)
		last := k == len(segs)-1
		if last && aot {
			n := s.aotCount[path]
			s.aotCount[path] = n + 1
			s.record(path, poss[k], keyAndPlace)
			path = joinPath(path, indexSeg(n))
			s.record(path, start, placeOnly)
			continue
		}
		if n, ok := s.aotCount[path]; ok && !last {
			s.record(path, poss[k], keyAndPlace)
			path = joinPath(path, indexSeg(n-1))
			continue
		}
		if last {
			s.record(path, poss[k], keyOnly)
			s.record(path, start, placeOnly)
			continue
		}
		s.record(path, poss[k], keyAndPlace)
	}
	s.table = path
	s.skipBlank(false)
	for range 2 {
		if s.peek() == ']' {
			s.next()
		}
	}
}

// keyPath scans a dotted key and returns its segments and their positions.
func (s *scanner) keyPath() ([]string, []Pos) {
	var segs []string
	var poss []Pos
	for {
		s.skipBlank(false)
		p := s.pos()
		seg, ok := s.key()
		if !ok {
			return segs, poss
		}
		segs = append(segs, seg)
		poss = append(poss, p)
		s.skipBlank(false)
		if s.peek() != '.' {
			return segs, poss
		}
		s.next()
	}
}

// key scans one simple key: bare, "basic" or 'literal'.
func (s *scanner) key() (string, bool) {
	switch c := s.peek(); {
	case c == '"':
		return s.basicString(), true
	case c == '\'':
		return s.literalString(), true
	case isBareKey(c):
		j := s.i
		for !s.eof() && isBareKey(s.peek()) {
			s.next()
		}
		return s.src[j:s.i], true
	}
	return "", false
}

// isBareKey accepts the bare-key characters, plus any non-ASCII byte so that
// a stray letter like "é" is scanned as a key rather than stopping the scan.
func isBareKey(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' ||
		c == '_' || c == '-' || c >= utf8.RuneSelf
}

// keyValue scans `key = value` under the table at base, at the top level
// of a table or inside an inline table. When it cannot read one (broken
// TOML, which the decoder reports) it skips the rest of the line, so the
// scan always moves on, and reports false.
func (s *scanner) keyValue(base string) bool {
	before := s.i
	segs, poss := s.keyPath()
	if len(segs) == 0 || s.i == before {
		s.skipLine()
		return false
	}
	path := base
	for k, seg := range segs {
		path = joinPath(path, seg)
		s.record(path, poss[k], keyAndPlace)
	}
	s.skipBlank(false)
	if s.peek() != '=' {
		s.skipLine()
		return false
	}
	s.next()
	s.skipBlank(false)
	s.value(path)
	return true
}

// value scans one value whose path is path.
func (s *scanner) value(path string) {
	switch c := s.peek(); c {
	case '"':
		if s.hasPrefix(`"""`) {
			s.multiline(`"""`, true)
		} else {
			s.skipBasicString()
		}
	case '\'':
		if s.hasPrefix(`'''`) {
			s.multiline(`'''`, false)
		} else {
			s.literalString()
		}
	case '[':
		s.array(path)
	case '{':
		s.inlineTable(path)
	default:
		s.scalar()
	}
}

// maxDepth bounds nesting so that "[[[[[[..." cannot exhaust the stack.
const maxDepth = 200

// enter notes one more level of nesting and reports whether it is allowed;
// every call is paired with a deferred leave.
func (s *scanner) enter() bool {
	s.depth++
	return s.depth <= maxDepth
}

func (s *scanner) leave() { s.depth-- }

// array scans [v, v, ...], recording each element's first character.
func (s *scanner) array(path string) {
	defer s.leave()
	if !s.enter() {
		s.skipLine()
		return
	}
	s.next()
	for n := 0; ; n++ {
		s.skipBlank(true)
		if s.eof() || s.peek() == ']' {
			s.next()
			return
		}
		// Only tables and arrays in arrays are ever pointed at (a reaction's
		// "{"); plain strings and numbers are skipped without a path.
		elem := ""
		if c := s.peek(); c == '{' || c == '[' {
			elem = joinPath(path, indexSeg(n))
			s.record(elem, s.pos(), placeOnly)
		}
		before := s.i
		s.value(elem)
		s.skipBlank(true)
		switch s.peek() {
		case ',':
			s.next()
		case ']':
			s.next()
			return
		default:
			if s.i == before || s.eof() {
				s.skipLine()
				return
			}
		}
	}
}

// inlineTable scans { k = v, ... } (newlines allowed, as in TOML 1.1).
func (s *scanner) inlineTable(path string) {
	defer s.leave()
	if !s.enter() {
		s.skipLine()
		return
	}
	s.next()
	for {
		s.skipBlank(true)
		switch s.peek() {
		case '}':
			s.next()
			return
		case ',':
			s.next()
			continue
		case 0:
			return
		}
		if !s.keyValue(path) {
			return
		}
	}
}

// scalar skips a number, boolean or date (a date may hold one space).
func (s *scanner) scalar() {
	start := s.i
	for !s.eof() {
		c := s.peek()
		if c == ' ' && s.i-start == 10 && s.i+1 < len(s.src) && isDigit(s.src[s.i+1]) && isDate(s.src[start:s.i]) {
			s.next()
			continue
		}
		if c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ',' || c == ']' || c == '}' || c == '#' {
			return
		}
		s.next()
	}
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// isDate reports whether t looks like YYYY-MM-DD.
func isDate(t string) bool {
	return len(t) == 10 && t[4] == '-' && t[7] == '-' && isDigit(t[0]) && isDigit(t[9])
}

// basicString scans "..." and returns its unescaped contents.
func (s *scanner) basicString() string {
	s.next()
	var b strings.Builder
	for !s.eof() {
		c := s.peek()
		switch c {
		case '"':
			s.next()
			return b.String()
		case '\n':
			return b.String() // unterminated: the decoder reports it
		case '\\':
			s.escape(&b)
			continue
		}
		j := s.i
		s.next()
		b.WriteString(s.src[j:s.i])
	}
	return b.String()
}

// skipBasicString skips "..." without building its value.
func (s *scanner) skipBasicString() {
	s.next()
	for !s.eof() {
		switch s.peek() {
		case '"':
			s.next()
			return
		case '\n':
			return
		case '\\':
			s.next()
		}
		s.next()
	}
}

// escape decodes one backslash escape into b.
func (s *scanner) escape(b *strings.Builder) {
	s.next()
	c := s.peek()
	if i := strings.IndexByte(`btnfr"\e`, c); i >= 0 && c != 0 {
		b.WriteByte("\b\t\n\f\r\"\\\x1b"[i])
		s.next()
		return
	}
	width := 0
	switch c {
	case 'x':
		width = 2
	case 'u':
		width = 4
	case 'U':
		width = 8
	}
	if width == 0 || s.i+1+width > len(s.src) {
		b.WriteByte('\\')
		return
	}
	if v, err := strconv.ParseUint(s.src[s.i+1:s.i+1+width], 16, 32); err == nil && utf8.ValidRune(rune(v)) {
		b.WriteRune(rune(v))
		for range width + 1 {
			s.next()
		}
		return
	}
	b.WriteByte('\\')
}

// literalString scans '...' and returns its contents.
func (s *scanner) literalString() string {
	s.next()
	j := s.i
	for !s.eof() {
		switch s.peek() {
		case '\'':
			v := s.src[j:s.i]
			s.next()
			return v
		case '\n':
			return s.src[j:s.i]
		}
		s.next()
	}
	return s.src[j:]
}

// multiline skips a multi-line string (basic or literal); up to two extra quotes before the
// closing delimiter belong to the content.
func (s *scanner) multiline(delim string, escapes bool) {
	for range 3 {
		s.next()
	}
	for !s.eof() {
		switch {
		case escapes && s.peek() == '\\':
			s.next()
			s.next()
		case s.hasPrefix(delim):
			n := 0
			for n < 5 && s.i+n < len(s.src) && s.src[s.i+n] == delim[0] {
				n++
			}
			for range n {
				s.next()
			}
			return
		default:
			s.next()
		}
	}
}

// nextSeg returns the segment of path that starts at byte i (just after a
// pathSep) and the index where the following segment starts, or -1 at the
// end. It lets hot loops walk a path without splitting it.
func nextSeg(path string, i int) (seg string, next int) {
	j := strings.Index(path[i:], pathSep)
	if j < 0 {
		return path[i:], -1
	}
	return path[i : i+j], i + j + len(pathSep)
}
