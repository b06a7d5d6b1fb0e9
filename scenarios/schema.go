package scenarios

import (
	"fmt"
	"sort"
	"strings"

	"rehearse/model"
)

// schemaNode describes what may be written at one place in a scenario file.
// The decoder matches keys case-insensitively and ignores unknown ones, so
// this exact-spelling check is what turns a typo like "TITLE" or "wieght"
// into an error instead of a silently missing value.
type schemaNode struct {
	name   string                 // what the table is, for messages: "scenario", "step", ...
	fields map[string]*schemaNode // known keys; a nil *schemaNode marks a plain value
	anyKey *schemaNode            // every key is allowed and leads here (steps by id)
	elem   *schemaNode            // array elements lead here
}

// leaf is a plain value: a string, number, duration or array of strings.
var leaf = (*schemaNode)(nil)

func table(name string, fields map[string]*schemaNode) *schemaNode {
	return &schemaNode{name: name, fields: fields}
}

func arrayOf(n *schemaNode) *schemaNode { return &schemaNode{name: n.name, elem: n} }

// fileSchema is the whole format, exactly as FORMAT.md lists it.
var fileSchema = func() *schemaNode {
	reaction := table("reaction", map[string]*schemaNode{"when": leaf, "goto": leaf, "weight": leaf})
	interrupt := table("interrupt", map[string]*schemaNode{"after": leaf, "chance": leaf, "goto": leaf})
	step := table("step", map[string]*schemaNode{
		"manager": leaf, "say": leaf, "key": leaf, "target": leaf, "notes": leaf,
		"next": arrayOf(reaction), "interrupt": interrupt,
	})
	test := table("test", map[string]*schemaNode{"name": leaf, "from": leaf, "choose": leaf, "expect": leaf})
	scenario := table("scenario", map[string]*schemaNode{
		"id": leaf, "title": leaf, "counterpart": leaf, "role": leaf, "briefing": leaf,
		"timebox": leaf, "pace": leaf, "pause": leaf, "start": leaf,
		"steps": {name: "steps", anyKey: step}, "test": arrayOf(test),
	})
	return table("file", map[string]*schemaNode{"scenario": arrayOf(scenario)})
}()

// unknownKey is a key the format does not have, with where it was written.
type unknownKey struct {
	path    string // resolved path up to and including the bad key
	pos     Pos
	message string
}

// checkKeys reports every key whose exact spelling the format does not know,
// once per resolved path, in document order.
func checkKeys(ps *positions) []unknownKey {
	var out []unknownKey
	seen := map[string]bool{}
	for _, k := range ps.keys {
		if !k.isKey() {
			continue
		}
		start, end, node := badSegment(k.path)
		if node == nil {
			continue
		}
		p := k.path[:end]
		if seen[p] {
			continue
		}
		seen[p] = true
		out = append(out, unknownKey{p, k.pos, unknownMessage(k.path[start:end], node)})
	}
	return out
}

// badSegment walks path through the schema and finds the first segment
// that is not a known key: it returns the segment's byte range in path and
// the table it was found in. The table is nil when the path is fine (or
// leads below a plain value, whose wrong type is reported elsewhere).
func badSegment(path string) (start, end int, in *schemaNode) {
	n := fileSchema
	for i := len(pathSep); i >= 0 && i <= len(path) && path != ""; {
		seg, next := nextSeg(path, i)
		switch {
		case n == nil:
			return 0, 0, nil
		case strings.HasPrefix(seg, indexMark):
			if n.elem == nil {
				return 0, 0, nil // an index where no array belongs: a type error, reported by the decoder
			}
			n = n.elem
		default:
			if n.elem != nil {
				n = n.elem // [scenario] written where [[scenario]] belongs: check its keys anyway
			}
			if n.anyKey != nil {
				n = n.anyKey
				break
			}
			child, ok := n.fields[seg]
			if !ok {
				return i, i + len(seg), n
			}
			n = child
		}
		i = next
	}
	return 0, 0, nil
}

// unknownMessage says what is wrong with key in table n, suggesting the
// nearest known key when there is one near enough to be a typo.
func unknownMessage(key string, n *schemaNode) string {
	names := make([]string, 0, len(n.fields))
	for name := range n.fields {
		names = append(names, name)
	}
	sort.Strings(names)
	where := "in " + n.name
	if n.name == "file" {
		where = "at the top level"
	}
	msg := fmt.Sprintf("unknown key %q %s", key, where)
	if best := model.Closest(key, names); best != "" {
		msg += fmt.Sprintf(" (did you mean %q?)", best)
	}
	return msg
}

// stripIndices removes array indices from a path, giving the form the
// decoder's MetaData uses.
func stripIndices(path string) string {
	segs := splitPath(path)
	out := segs[:0]
	for _, s := range segs {
		if !strings.HasPrefix(s, indexMark) {
			out = append(out, s)
		}
	}
	return joinPath("", out...)
}
