package scenarios

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"rehearse/model"
)

// LocalName is the scenario file looked for in the current directory.
const LocalName = "scenarios.toml"

// LoadOptions says where scenarios come from. See Load for the precedence.
type LoadOptions struct {
	// Files are the --file paths, in order. When any is given, exactly
	// these files are loaded and nothing else.
	Files []string
	// Dir is the directory searched for scenarios.toml; "" is the current
	// directory.
	Dir string
	// ConfigDir is the per-user scenarios directory; "" resolves it with
	// ConfigDir().
	ConfigDir string
	// Default is the embedded default scenario file, used when no other
	// file is found.
	Default []byte
	// DefaultName is how the embedded file is named in diagnostics, e.g.
	// "scenarios.toml (built in)".
	DefaultName string
}

// Set is every scenario loaded, with the files they came from.
type Set struct {
	// Scenarios holds the usable scenarios of all files, in load order.
	// Scenarios with errors, and later definitions of an id already
	// loaded, are left out.
	Scenarios []*model.Scenario
	// Files are the files loaded, in load order (the embedded defaults,
	// when used, as a File with Embedded set).
	Files []*File

	origin map[string]*File
}

// Paths returns the paths of the real files loaded (never the embedded
// defaults): what a watcher should watch.
func (s *Set) Paths() []string {
	var out []string
	for _, f := range s.Files {
		if !f.Embedded {
			out = append(out, f.Path)
		}
	}
	return out
}

// Origin returns the file the scenario with the given id was loaded from.
func (s *Set) Origin(scenarioID string) (*File, bool) {
	f, ok := s.origin[scenarioID]
	return f, ok
}

// Scenario returns the loaded scenario with the given id.
func (s *Set) Scenario(id string) (*model.Scenario, bool) {
	for _, sc := range s.Scenarios {
		if sc.ID == id {
			return sc, true
		}
	}
	return nil, false
}

// ConfigDir returns the per-user scenarios directory:
// $XDG_CONFIG_HOME/rehearse/scenarios, or ~/.config/rehearse/scenarios when
// XDG_CONFIG_HOME is unset. (The XDG rule is followed on every system, so
// the path is the same one the documentation gives.)
func ConfigDir() (string, error) {
	if x := os.Getenv("XDG_CONFIG_HOME"); x != "" && filepath.IsAbs(x) {
		return filepath.Join(x, "rehearse", "scenarios"), nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", fmt.Errorf("cannot find the scenarios directory: %w", err)
	}
	return filepath.Join(home, ".config", "rehearse", "scenarios"), nil
}

// source is one file to load: a path on disk, or the embedded bytes.
type source struct {
	path     string
	data     []byte
	embedded bool
}

// Load reads, checks and merges scenario files. Which files, exactly:
//
//  1. If opts.Files is not empty: exactly those files, in order.
//  2. Otherwise: ./scenarios.toml (in opts.Dir) if it exists, then every
//     *.toml in the scenarios config directory, in name order.
//  3. If none of those exist: the embedded defaults (opts.Default).
//
// Two files defining the same scenario id is an error naming both places;
// the first definition is kept. The diagnostics of all files come back
// sorted, file by file. The error is only for files that could not be read
// (missing, unreadable, a directory); it names each path, and the Set still
// holds the files that could be read.
func Load(opts LoadOptions) (*Set, Diagnostics, error) {
	srcs, err := sources(opts)
	set := &Set{origin: map[string]*File{}}
	var all Diagnostics
	first := map[string]definedAt{}
	for _, src := range srcs {
		f, ds := Parse(src.path, src.data)
		f.Embedded = src.embedded
		set.Files = append(set.Files, f)
		all = append(all, ds...)
		all = append(all, set.merge(f, first)...)
	}
	all.Sort()
	return set, all, err
}

// definedAt is where a scenario id was first defined.
type definedAt struct {
	file *File
	id   definedID
}

// merge adds f's scenarios to the set and reports ids defined by an
// earlier file.
func (s *Set) merge(f *File, first map[string]definedAt) Diagnostics {
	var ds Diagnostics
	clash := map[string]bool{}
	for _, d := range f.ids {
		prev, ok := first[d.id]
		switch {
		case !ok:
			first[d.id] = definedAt{f, d}
		case prev.file != f: // duplicates inside one file are reported by Parse
			clash[d.id] = true
			ds = append(ds, Diagnostic{Path: f.Path, Pos: f.idPos(d), Severity: model.Error,
				Message: fmt.Sprintf("duplicate scenario id %q (also defined at %s:%s)", d.id, prev.file.Path, prev.file.idPos(prev.id))})
		}
	}
	for _, sc := range f.Scenarios {
		if clash[sc.ID] {
			continue
		}
		s.Scenarios = append(s.Scenarios, sc)
		s.origin[sc.ID] = f
	}
	return ds
}

// sources works out which files to load and reads them.
func sources(opts LoadOptions) ([]source, error) {
	if len(opts.Files) > 0 {
		return readAll(opts.Files)
	}
	var paths []string
	var errs []error
	local := filepath.Join(opts.Dir, LocalName)
	if opts.Dir == "" {
		local = LocalName
	}
	if _, err := os.Stat(local); err == nil {
		paths = append(paths, local)
	} else if !errors.Is(err, fs.ErrNotExist) {
		errs = append(errs, readError(local, err))
	}
	dirFiles, err := configFiles(opts.ConfigDir)
	if err != nil {
		errs = append(errs, err)
	}
	paths = append(paths, dirFiles...)
	if len(paths) == 0 && len(errs) == 0 {
		name := opts.DefaultName
		if name == "" {
			name = LocalName + " (built in)"
		}
		return []source{{path: name, data: opts.Default, embedded: true}}, nil
	}
	srcs, err := readAll(paths)
	return srcs, errors.Join(append(errs, err)...)
}

// configFiles lists the *.toml files of the scenarios config directory in
// name order; a directory that does not exist holds none.
func configFiles(dir string) ([]string, error) {
	if dir == "" {
		d, err := ConfigDir()
		if err != nil {
			return nil, nil // no home directory: there is simply no config directory
		}
		dir = d
	}
	entries, err := os.ReadDir(dir) // sorted by name
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, readError(dir, err)
	}
	var out []string
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".toml") && !e.IsDir() && !strings.HasPrefix(e.Name(), ".") {
			out = append(out, filepath.Join(dir, e.Name()))
		}
	}
	return out, nil
}

// readAll reads every path, collecting a clear error for each one that
// cannot be read.
func readAll(paths []string) ([]source, error) {
	var srcs []source
	var errs []error
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			errs = append(errs, readError(p, err))
			continue
		}
		srcs = append(srcs, source{path: p, data: data})
	}
	return srcs, errors.Join(errs...)
}

// readError words an I/O error with the path once, not twice as
// *fs.PathError would.
func readError(path string, err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("%s: no such file", path)
	case errors.Is(err, fs.ErrPermission):
		return fmt.Errorf("%s: permission denied", path)
	}
	return fmt.Errorf("%s: cannot read: %v", path, err)
}

// Lint checks scenario files for `rehearse lint`: the given paths, or, when
// there are none, what Load would load with opts. It returns every
// diagnostic, sorted; the error is for files that could not be read.
func Lint(paths []string, opts LoadOptions) (Diagnostics, error) {
	if len(paths) > 0 {
		opts.Files = paths
	}
	_, ds, err := Load(opts)
	return ds, err
}
