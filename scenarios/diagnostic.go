package scenarios

import (
	"fmt"
	"sort"

	"rehearse/model"
)

// Pos is a position in a scenario file: 1-based line, and 1-based column
// counted in characters (runes), as an editor shows it. The zero Pos means
// "no position".
type Pos struct{ Line, Col int }

// IsValid reports whether p is a real position.
func (p Pos) IsValid() bool { return p.Line > 0 }

// String formats p as "line:col".
func (p Pos) String() string { return fmt.Sprintf("%d:%d", p.Line, p.Col) }

// before orders positions; the zero Pos sorts first.
func (p Pos) before(q Pos) bool {
	if p.Line != q.Line {
		return p.Line < q.Line
	}
	return p.Col < q.Col
}

// Diagnostic is one problem found in a scenario file, with where it is.
type Diagnostic struct {
	Path     string
	Pos      Pos
	Severity model.Severity
	Message  string
}

// String formats d like a compiler does: "path:line:col: message", with
// "warning: " before the message of a warning.
func (d Diagnostic) String() string {
	where := d.Path
	if d.Pos.IsValid() {
		where = fmt.Sprintf("%s:%d:%d", d.Path, d.Pos.Line, d.Pos.Col)
	}
	if d.Severity == model.Warning {
		return where + ": warning: " + d.Message
	}
	return where + ": " + d.Message
}

// Diagnostics is a list of diagnostics, usually sorted by position.
type Diagnostics []Diagnostic

// HasErrors reports whether any diagnostic is an error (warnings alone do
// not stop a file from loading).
func (ds Diagnostics) HasErrors() bool { return ds.Errors() > 0 }

// Errors counts the errors.
func (ds Diagnostics) Errors() int { return ds.count(model.Error) }

// Warnings counts the warnings.
func (ds Diagnostics) Warnings() int { return ds.count(model.Warning) }

func (ds Diagnostics) count(sev model.Severity) int {
	n := 0
	for _, d := range ds {
		if d.Severity == sev {
			n++
		}
	}
	return n
}

// Sort orders the diagnostics by file (in the order the files first appear),
// then by line and column, then errors before warnings. It is stable, so
// problems found at the same place keep the order they were found in.
func (ds Diagnostics) Sort() {
	fileRank := map[string]int{}
	for _, d := range ds {
		if _, ok := fileRank[d.Path]; !ok {
			fileRank[d.Path] = len(fileRank)
		}
	}
	sort.SliceStable(ds, func(i, j int) bool {
		a, b := ds[i], ds[j]
		if a.Path != b.Path {
			return fileRank[a.Path] < fileRank[b.Path]
		}
		if a.Pos != b.Pos {
			return a.Pos.before(b.Pos)
		}
		return a.Severity < b.Severity
	})
}

// Strings returns each diagnostic formatted by String, in order.
func (ds Diagnostics) Strings() []string {
	out := make([]string, len(ds))
	for i, d := range ds {
		out[i] = d.String()
	}
	return out
}
