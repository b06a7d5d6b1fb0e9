package scenarios

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// scenarioFile returns a valid file defining one scenario per id.
func scenarioFile(ids ...string) string {
	var b strings.Builder
	for _, id := range ids {
		b.WriteString("[[scenario]]\nid = \"" + id + "\"\ntitle = \"T\"\nstart = \"a\"\n\n[scenario.steps.a]\nmanager = \"Hi\"\n\n")
	}
	return b.String()
}

func write(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// dirs returns an empty working directory and config directory.
func dirs(t *testing.T) (work, config string) {
	root := t.TempDir()
	return filepath.Join(root, "work"), filepath.Join(root, "config")
}

func TestLoadPrecedence(t *testing.T) {
	def := []byte(scenarioFile("builtin"))
	tests := []struct {
		name      string
		files     []string          // --file flags, relative to the work dir
		setup     map[string]string // path relative to root ("work/..." or "config/...") → content
		wantIDs   []string
		wantPaths []string // relative to root
	}{
		{name: "nothing found: the embedded defaults",
			wantIDs: []string{"builtin"}},
		{name: "local file replaces the defaults",
			setup:   map[string]string{"work/scenarios.toml": scenarioFile("local")},
			wantIDs: []string{"local"}, wantPaths: []string{"work/scenarios.toml"}},
		{name: "config dir alone, in name order, only *.toml",
			setup: map[string]string{
				"config/b.toml": scenarioFile("b"), "config/a.toml": scenarioFile("a"),
				"config/notes.txt": "not toml", "config/.hidden.toml": scenarioFile("hidden"),
			},
			wantIDs: []string{"a", "b"}, wantPaths: []string{"config/a.toml", "config/b.toml"}},
		{name: "local first, then the config dir",
			setup: map[string]string{
				"work/scenarios.toml": scenarioFile("local"), "config/z.toml": scenarioFile("z"),
			},
			wantIDs: []string{"local", "z"}, wantPaths: []string{"work/scenarios.toml", "config/z.toml"}},
		{name: "--file means exactly those files",
			files: []string{"two.toml", "one.toml"},
			setup: map[string]string{
				"work/one.toml": scenarioFile("one"), "work/two.toml": scenarioFile("two"),
				"work/scenarios.toml": scenarioFile("local"), "config/z.toml": scenarioFile("z"),
			},
			wantIDs: []string{"two", "one"}, wantPaths: []string{"work/two.toml", "work/one.toml"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			work, config := dirs(t)
			root := filepath.Dir(work)
			if err := os.MkdirAll(work, 0o755); err != nil {
				t.Fatal(err)
			}
			for p, c := range tc.setup {
				write(t, filepath.Join(root, p), c)
			}
			var files []string
			for _, f := range tc.files {
				files = append(files, filepath.Join(work, f))
			}
			set, ds, err := Load(LoadOptions{Files: files, Dir: work, ConfigDir: config, Default: def, DefaultName: "built in"})
			if err != nil || len(ds) != 0 {
				t.Fatalf("err %v, diagnostics %v", err, ds.Strings())
			}
			if got := ids(set.Scenarios); !slices.Equal(got, tc.wantIDs) {
				t.Errorf("scenarios %v, want %v", got, tc.wantIDs)
			}
			var want []string
			for _, p := range tc.wantPaths {
				want = append(want, filepath.Join(root, p))
			}
			if got := set.Paths(); !slices.Equal(got, want) {
				t.Errorf("paths %v, want %v", got, want)
			}
			if f, ok := set.Origin(tc.wantIDs[0]); !ok || (len(want) > 0 && f.Path != want[0]) {
				t.Errorf("origin of %q: %v %v", tc.wantIDs[0], f, ok)
			}
		})
	}
}

func TestLoadEmbeddedIsNamedAndNotWatched(t *testing.T) {
	work, config := dirs(t)
	set, _, err := Load(LoadOptions{Dir: work, ConfigDir: config, Default: []byte(scenarioFile("x")), DefaultName: "scenarios.toml (built in)"})
	if err != nil {
		t.Fatal(err)
	}
	if len(set.Files) != 1 || !set.Files[0].Embedded || set.Files[0].Path != "scenarios.toml (built in)" {
		t.Fatalf("want one embedded file, got %+v", set.Files)
	}
	if len(set.Paths()) != 0 {
		t.Errorf("the embedded file must not be watched: %v", set.Paths())
	}
	if _, ok := set.Scenario("x"); !ok {
		t.Error("Scenario(x) not found")
	}
}

func TestLoadDuplicateAcrossFiles(t *testing.T) {
	work, config := dirs(t)
	write(t, filepath.Join(work, "scenarios.toml"), scenarioFile("keep", "same"))
	write(t, filepath.Join(config, "a.toml"), "# another file\n"+scenarioFile("same", "other"))
	set, ds, err := Load(LoadOptions{Dir: work, ConfigDir: config})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{filepath.Join(config, "a.toml") + `:3:1: duplicate scenario id "same" (also defined at ` +
		filepath.Join(work, "scenarios.toml") + ":10:1)"}
	if got := ds.Strings(); !slices.Equal(got, want) {
		t.Errorf("got %v\nwant %v", got, want)
	}
	if got := ids(set.Scenarios); !slices.Equal(got, []string{"keep", "same", "other"}) {
		t.Errorf("the first definition should win: %v", got)
	}
	if f, _ := set.Origin("same"); f.Path != filepath.Join(work, "scenarios.toml") {
		t.Errorf("origin of same: %s", f.Path)
	}
}

func TestLoadMissingFiles(t *testing.T) {
	work, config := dirs(t)
	good := filepath.Join(work, "good.toml")
	write(t, good, scenarioFile("g"))
	missing := filepath.Join(work, "missing.toml")
	set, _, err := Load(LoadOptions{Files: []string{missing, good, work}, ConfigDir: config})
	if err == nil {
		t.Fatal("want an error for the missing file")
	}
	msg := err.Error()
	for _, want := range []string{missing + ": no such file", work + ": cannot read"} {
		if !strings.Contains(msg, want) {
			t.Errorf("error %q does not contain %q", msg, want)
		}
	}
	if got := ids(set.Scenarios); !slices.Equal(got, []string{"g"}) {
		t.Errorf("the readable file should still load: %v", got)
	}
}

func TestLoadUnreadableConfigDir(t *testing.T) {
	work, config := dirs(t)
	write(t, config, "a file where a directory belongs")
	_, _, err := Load(LoadOptions{Dir: work, ConfigDir: config})
	if err == nil || !strings.Contains(err.Error(), config) {
		t.Fatalf("want an error naming %s, got %v", config, err)
	}
}

func TestLint(t *testing.T) {
	work, config := dirs(t)
	bad := filepath.Join(work, "bad.toml")
	write(t, bad, "[[scenario]]\nid = \"s\"\ntitle = \"T\"\nstart = \"nope\"\n\n[scenario.steps.a]\nmanager = \"Hi\"\n")
	write(t, filepath.Join(work, "scenarios.toml"), scenarioFile("local"))

	ds, err := Lint([]string{bad}, LoadOptions{Dir: work, ConfigDir: config})
	if err != nil {
		t.Fatal(err)
	}
	if !ds.HasErrors() || !strings.HasPrefix(ds[0].String(), bad+":4:1: start step \"nope\" does not exist") {
		t.Errorf("lint of the named file: %v", ds.Strings())
	}

	ds, err = Lint(nil, LoadOptions{Dir: work, ConfigDir: config})
	if err != nil || len(ds) != 0 {
		t.Errorf("with no paths, lint what Load loads (the clean local file): %v %v", ds.Strings(), err)
	}
}

func TestConfigDir(t *testing.T) {
	t.Setenv("XDG_CONFIG_HOME", "/xdg")
	if d, err := ConfigDir(); err != nil || d != filepath.Join("/xdg", "rehearse", "scenarios") {
		t.Errorf("with XDG_CONFIG_HOME: %q %v", d, err)
	}
	t.Setenv("XDG_CONFIG_HOME", "")
	t.Setenv("HOME", "/home/someone")
	if d, err := ConfigDir(); err != nil || d != filepath.Join("/home/someone", ".config", "rehearse", "scenarios") {
		t.Errorf("without XDG_CONFIG_HOME: %q %v", d, err)
	}
}
