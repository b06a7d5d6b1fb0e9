package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// cli runs the command line in-process with an isolated home, so no test
// reads or writes the developer's own files.
func cli(t *testing.T, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	isolate(t)
	var out, errb bytes.Buffer
	code = run(args, strings.NewReader(stdin), &out, &errb)
	return code, out.String(), errb.String()
}

// isolate points HOME and the XDG directories at a temporary directory and
// runs the test from an empty working directory.
func isolate(t *testing.T) string {
	t.Helper()
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(home, "config"))
	t.Setenv("XDG_DATA_HOME", filepath.Join(home, "data"))
	t.Chdir(home)
	return home
}

func writeFile(t *testing.T, name, text string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestVersionAndHelp(t *testing.T) {
	code, out, _ := cli(t, "", "--version")
	if code != 0 || out != "rehearse "+version+"\n" {
		t.Errorf("--version: code %d, out %q", code, out)
	}
	code, out, _ = cli(t, "", "--help")
	for _, want := range []string{"rehearse", "lint", "stats", "history", "--scenario", "--seed", "--file"} {
		if code != 0 || !strings.Contains(out, want) {
			t.Errorf("--help (code %d) does not mention %q:\n%s", code, want, out)
		}
	}
}

func TestLintBuiltInDefaultsAreClean(t *testing.T) {
	code, out, errs := cli(t, "", "lint")
	if code != 0 || out != "" {
		t.Errorf("lint of the defaults: code %d\nstdout: %s\nstderr: %s", code, out, errs)
	}
}

func TestLintTheRepositoryFile(t *testing.T) {
	wd, _ := os.Getwd()
	path := filepath.Join(wd, "scenarios.toml")
	code, out, errs := cli(t, "", "lint", path)
	if code != 0 || out != "" {
		t.Errorf("lint scenarios.toml: code %d\nstdout: %s\nstderr: %s", code, out, errs)
	}
}

func TestLintReportsPositionsAndFails(t *testing.T) {
	path := writeFile(t, "broken.toml", `[[scenario]]
id = "x"
title = "X"
start = "open"

[scenario.steps.open]
manager = "Hi"
say = "Hello"
next = [{ when = "Why?", goto = "wyh" }]
`)
	code, out, _ := cli(t, "", "lint", path)
	want := path + `:9:26: goto "wyh": no such step`
	if code != 1 || !strings.Contains(out, want) {
		t.Errorf("code %d, out:\n%s\nwant a line starting %q", code, out, want)
	}
}

func TestLintMissingFile(t *testing.T) {
	code, out, errs := cli(t, "", "lint", "/nonexistent/scenarios.toml")
	if code != 1 || out != "" || !strings.Contains(errs, "/nonexistent/scenarios.toml") {
		t.Errorf("code %d, stdout %q, stderr %q", code, out, errs)
	}
	if strings.Contains(errs, "goroutine") || strings.Contains(errs, "panic") {
		t.Errorf("stack trace on a missing file:\n%s", errs)
	}
}

func TestNoTerminalIsAClearError(t *testing.T) {
	code, _, errs := cli(t, "", "--scenario", "short-notice")
	if code != 2 || !strings.Contains(errs, "needs an interactive terminal") {
		t.Errorf("code %d, stderr %q", code, errs)
	}
}

func TestUnknownScenarioAndStep(t *testing.T) {
	code, _, errs := cli(t, "", "--scenario", "nope")
	if code != 1 || !strings.Contains(errs, `no scenario "nope"; the loaded ones are: short-notice`) {
		t.Errorf("code %d, stderr %q", code, errs)
	}
	code, _, errs = cli(t, "", "--scenario", "short-notice", "--from", "wyh")
	if code != 1 || !strings.Contains(errs, `no step "wyh" (did you mean "why"?)`) {
		t.Errorf("code %d, stderr %q", code, errs)
	}
	code, _, errs = cli(t, "", "--from", "why")
	if code != 2 || !strings.Contains(errs, "--from needs --scenario") {
		t.Errorf("code %d, stderr %q", code, errs)
	}
}

func TestBadFlagIsUsageError(t *testing.T) {
	code, _, errs := cli(t, "", "--sede", "3")
	if code != 2 || !strings.Contains(errs, "unknown flag: --sede") {
		t.Errorf("code %d, stderr %q", code, errs)
	}
}

func TestBrokenScenarioFileStopsTheCoach(t *testing.T) {
	path := writeFile(t, "s.toml", "[[scenario]]\nid = \"x\"\ntitle = 3\n")
	code, _, errs := cli(t, "", "--file", path)
	if code != 1 || !strings.Contains(errs, path+":3:") || !strings.Contains(errs, "fix them and run again") {
		t.Errorf("code %d, stderr %q", code, errs)
	}
}

func TestNewFromFlagsLintsClean(t *testing.T) {
	home := isolate(t)
	var out, errb bytes.Buffer
	code := run([]string{"new", "--who", "Sam", "--say", "I've decided to leave.", "--reaction", "Why now?",
		"--reaction", "Can we match the offer?"}, strings.NewReader(""), &out, &errb)
	path := filepath.Join(home, "config", "rehearse", "scenarios", "telling-sam-i-m-leaving.toml")
	if code != 0 || !strings.Contains(out.String(), "Wrote "+path) {
		t.Fatalf("code %d\n%s\n%s", code, out.String(), errb.String())
	}
	out.Reset()
	if code := run([]string{"lint"}, strings.NewReader(""), &out, &errb); code != 0 || out.String() != "" {
		t.Errorf("the new file (now loaded by default) does not lint clean: %d\n%s", code, out.String())
	}
	data, _ := os.ReadFile(path)
	for _, want := range []string{"# Your scenario, written by 'rehearse new'", `counterpart = "Sam"`,
		`when = "Can we match the offer?"`} {
		if !strings.Contains(string(data), want) {
			t.Errorf("file lacks %q:\n%s", want, data)
		}
	}

	// A second run never overwrites without asking; without a terminal it
	// cannot ask, so it refuses.
	errb.Reset()
	code = run([]string{"new", "--who", "Sam", "--say", "Other words."}, strings.NewReader("y\n"), &out, &errb)
	again, _ := os.ReadFile(path)
	if code != 1 || !strings.Contains(errb.String(), "exists; nothing was written") || string(again) != string(data) {
		t.Errorf("overwrote without asking: code %d, %s", code, errb.String())
	}
	if code := run([]string{"new", "--who", "Sam", "--say", "Other words.", "--force"}, strings.NewReader(""), &out, &errb); code != 0 {
		t.Errorf("--force: code %d", code)
	}
}

func TestNewFromDefaultCopiesTheBuiltIns(t *testing.T) {
	code, out, errs := cli(t, "", "new", "--from-default", "mine.toml")
	data, _ := os.ReadFile("mine.toml")
	if code != 0 || string(data) != string(defaultScenarios) || !strings.Contains(out, "Wrote mine.toml") {
		t.Errorf("code %d, %s %s", code, out, errs)
	}
}

func TestNewWithoutTerminalOrAnswers(t *testing.T) {
	code, _, errs := cli(t, "", "new")
	if code != 2 || !strings.Contains(errs, "no terminal to ask in") {
		t.Errorf("code %d, %s", code, errs)
	}
}

func TestTestCommand(t *testing.T) {
	code, out, errs := cli(t, "", "test", "--runs", "200")
	if code != 0 || !strings.Contains(out, "short-notice: 200 playthroughs, 200 ended") || !strings.HasSuffix(out, "ok\n") {
		t.Errorf("code %d\n%s\n%s", code, out, errs)
	}
	path := writeFile(t, "t.toml", `[[scenario]]
id = "x"
title = "X"
start = "a"
[scenario.steps.a]
manager = "Hi"
say = "Bye"

[[scenario.test]]
name = "wrong"
expect = ["a", "a"]
`)
	code, out, _ = cli(t, "", "test", path)
	if code != 1 || !strings.Contains(out, path+`:9: FAIL: test "wrong"`) {
		t.Errorf("code %d\n%s", code, out)
	}
}

func TestGraphAndScript(t *testing.T) {
	code, out, _ := cli(t, "", "graph", "short-notice")
	if code != 0 || !strings.Contains(out, "open") {
		t.Errorf("graph: code %d\n%s", code, out)
	}
	code, out, _ = cli(t, "", "graph", "short-notice", "--format", "dot")
	if code != 0 || !strings.HasPrefix(out, "digraph") {
		t.Errorf("dot: code %d\n%s", code, out)
	}
	code, _, errs := cli(t, "", "graph")
	if code != 2 || !strings.Contains(errs, "which scenario? the loaded ones are: short-notice, ") {
		t.Errorf("graph without id: code %d, %s", code, errs)
	}
	code, out, _ = cli(t, "", "script", "short-notice", "--cards")
	if code != 0 || !strings.Contains(out, "John") {
		t.Errorf("script: code %d\n%s", code, out)
	}
}

func TestImportSeedNotes(t *testing.T) {
	seeds, _ := filepath.Glob("../shared/seeds/*.txt")
	if len(seeds) == 0 {
		seeds, _ = filepath.Glob("scenarios/importmd/testdata/seeds/*")
	}
	if len(seeds) == 0 {
		t.Fatal("no seed notes found to import")
	}
	for i := range seeds {
		seeds[i], _ = filepath.Abs(seeds[i])
	}
	for _, seed := range seeds {
		out := filepath.Join(t.TempDir(), "imported.toml")
		code, stdout, errs := cli(t, "", "import", seed, "-o", out)
		if code != 0 || !strings.Contains(errs, "Wrote "+out) {
			t.Fatalf("%s: code %d\n%s\n%s", seed, code, stdout, errs)
		}
		code, stdout, _ = cli(t, "", "lint", out)
		if code != 0 || stdout != "" {
			t.Errorf("%s: the import does not lint clean:\n%s", seed, stdout)
		}
	}
	code, _, errs := cli(t, "", "import", "/nonexistent/notes.md")
	if code != 1 || !strings.Contains(errs, "/nonexistent/notes.md") {
		t.Errorf("missing note: code %d, %s", code, errs)
	}
}
