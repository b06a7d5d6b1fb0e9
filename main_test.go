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
