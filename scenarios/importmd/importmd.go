// Package importmd turns a Markdown (or plain-text) prep note into a
// scenario you can rehearse at once.
//
// People write these notes in many ways, so the importer reads the shapes
// they use rather than demanding one: prose becomes the opening line you
// say; an italic or heading line that introduces the other person's reaction
// ("*if he says we need to end it immediately*", "## If they say: …"), a
// "Q:" line, a row of an objections table, or in a plain-text note a short
// title-case line such as "Why Now" starts a reaction step; the text under it
// becomes your answer; quoted or bold sentences make a key line; bullets
// become notes. The opening leads to every reaction with equal weight, and
// every reaction leads to one closing step, so the graph always compiles.
//
// Nothing is dropped silently: whatever cannot be placed (a code block, raw
// HTML, a table whose columns cannot be told apart) is kept as a note on the
// nearest step and reported as a Notice with its source line.
//
//	sc, notices, err := importmd.ImportFile("notes.md", importmd.Options{})
//	for _, n := range notices { fmt.Printf("notes.md:%d: %s\n", n.Line, n.Message) }
package importmd

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"

	"rehearse/model"
)

// Options override what the importer would otherwise derive from the note.
// Empty fields are derived: the title from the front matter "title:" or the
// first heading, the id slugified from the title, the counterpart from a
// greeting such as "Hey john," (else "Manager").
type Options struct {
	ID          string
	Title       string
	Counterpart string
	Pace        int // words per minute for key-line targets; 0 means model.DefaultPace
}

// Notice is something the importer wants the user to know about one line of
// the note: content it could not place, or a doubt about the result.
type Notice struct {
	Line    int    // 1-based line in the source, front matter counted
	Message string // what happened, in a full sentence
	Kept    bool   // the content was kept as a note on the nearest step
}

// String formats n as "line N: message".
func (n Notice) String() string { return fmt.Sprintf("line %d: %s", n.Line, n.Message) }

// Fixed lines of the steps the importer adds around the note's own.
const (
	CloseID      = "close"
	closeManager = "Okay. Thanks for telling me."
	closeSay     = "Thank you."
	openManager  = "Hi! You wanted to talk?"
)

var validID = regexp.MustCompile(`^[A-Za-z0-9_-]+$`)

// Import reads one note. name is used in messages and, when nothing better
// exists, for the title. The returned scenario passes model.Compile with no
// errors. The error is for notes that cannot become a scenario at all (an
// empty note, an invalid Options.ID); everything else is a Notice.
func Import(name string, src []byte, opts Options) (model.Scenario, []Notice, error) {
	if opts.ID != "" && !validID.MatchString(opts.ID) {
		return model.Scenario{}, nil, fmt.Errorf("--id %q: use only letters, digits, - and _", opts.ID)
	}
	if opts.Pace < 0 {
		return model.Scenario{}, nil, fmt.Errorf("pace must be a positive number of words per minute, got %d", opts.Pace)
	}
	src = normalize(src)
	if len(bytes.TrimSpace(src)) == 0 {
		return model.Scenario{}, nil, fmt.Errorf("%s is empty: there is nothing to rehearse", name)
	}
	im := newImporter(src)
	im.parse()
	sc := im.build(name, opts)
	if _, ps := model.Compile(sc); ps.HasErrors() {
		// A bug, not the user's fault; say so rather than hand back a
		// scenario the app would refuse.
		return model.Scenario{}, im.notices, fmt.Errorf("internal error, the imported scenario does not compile (please report it): %s", ps[0].Message)
	}
	sort.SliceStable(im.notices, func(i, j int) bool { return im.notices[i].Line < im.notices[j].Line })
	return sc, im.notices, nil
}

// ImportFile reads the note at path and imports it.
func ImportFile(path string, opts Options) (model.Scenario, []Notice, error) {
	src, err := os.ReadFile(path)
	if err != nil {
		return model.Scenario{}, nil, err // names the path already
	}
	return Import(filepath.Base(path), src, opts)
}

// normalize turns CRLF and lone CR line ends into LF. The line count stays
// the source's, so line numbers still match what an editor shows; invalid
// UTF-8 becomes U+FFFD because a scenario file can only hold valid text.
func normalize(src []byte) []byte {
	src = bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n"))
	src = bytes.ReplaceAll(src, []byte("\r"), []byte("\n"))
	return bytes.ToValidUTF8(src, []byte("\uFFFD"))
}

// lineIndex maps byte offsets to 1-based line numbers.
type lineIndex []int // start offset of each line

func newLineIndex(src []byte) lineIndex {
	idx := lineIndex{0}
	for i, c := range src {
		if c == '\n' {
			idx = append(idx, i+1)
		}
	}
	return idx
}

// line returns the 1-based line holding byte offset off.
func (li lineIndex) line(off int) int {
	return sort.Search(len(li), func(i int) bool { return li[i] > off })
}

// start returns the offset where 1-based line n begins.
func (li lineIndex) start(n int) int {
	if n < 1 || n > len(li) {
		return -1
	}
	return li[n-1]
}
