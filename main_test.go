package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/creack/pty"
	"github.com/hinshun/vt10x"

	"rehearse/model"
	"rehearse/model/history"
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
func isolate(t testing.TB) string {
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

// srcDir is the module's directory and buildEnv the environment the tests
// started with: tests change both, and a build under a fresh HOME would
// start with an empty build cache.
var (
	srcDir, _ = os.Getwd()
	buildEnv  = os.Environ()
)

// binPath is the rehearse binary built once for the pseudo-terminal tests.
var (
	binOnce sync.Once
	binPath string
	binErr  error
)

func buildBinary(t testing.TB) string {
	t.Helper()
	binOnce.Do(func() {
		dir, err := os.MkdirTemp("", "rehearse-bin")
		if err != nil {
			binErr = err
			return
		}
		binPath = filepath.Join(dir, "rehearse")
		build := exec.Command("go", "build", "-o", binPath, ".")
		build.Dir, build.Env = srcDir, buildEnv
		out, err := build.CombinedOutput()
		if err != nil {
			binErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if binErr != nil {
		t.Fatal(binErr)
	}
	return binPath
}

func TestMain(m *testing.M) {
	code := m.Run()
	if binPath != "" {
		os.RemoveAll(filepath.Dir(binPath))
	}
	os.Exit(code)
}

// ptyTerm is the real binary running in a pseudo-terminal, with a terminal
// emulator reading its output, so tests see the screen a person would.
type ptyTerm struct {
	t    testing.TB
	read atomic.Int64 // bytes the program has written to the terminal
	cmd  *exec.Cmd
	pty  *os.File
	vt   vt10x.Terminal
	done chan struct{}
}

// startTerm runs rehearse with args in a cols×rows pseudo-terminal.
func startTerm(t testing.TB, cols, rows int, env []string, args ...string) *ptyTerm {
	t.Helper()
	cmd := exec.Command(buildBinary(t), args...)
	cmd.Env = append(os.Environ(), "TERM=xterm-256color", "COLORTERM=")
	cmd.Env = append(cmd.Env, env...)
	ptmx, err := pty.StartWithSize(cmd, &pty.Winsize{Cols: uint16(cols), Rows: uint16(rows)})
	if err != nil {
		t.Fatalf("starting in a pty: %v", err)
	}
	tm := &ptyTerm{t: t, cmd: cmd, pty: ptmx, done: make(chan struct{})}
	// The emulator answers the program's terminal queries through the pty.
	tm.vt = vt10x.New(vt10x.WithSize(cols, rows), vt10x.WithWriter(ptmx))
	go func() {
		defer close(tm.done)
		buf := make([]byte, 32*1024)
		for {
			n, err := ptmx.Read(buf)
			if n > 0 {
				tm.read.Add(int64(n))
				tm.vt.Write(buf[:n])
			}
			if err != nil {
				return
			}
		}
	}()
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		_ = ptmx.Close()
	})
	return tm
}

// screen returns the emulated screen's text. (String takes the
// emulator's lock itself.)
func (tm *ptyTerm) screen() string { return tm.vt.String() }

// waitFor waits until the screen shows want. The limit is generous: it is a
// guard against a hang on a slow shared machine, not a speed requirement.
func (tm *ptyTerm) waitFor(want string) {
	tm.t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		if strings.Contains(tm.screen(), want) {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	tm.t.Fatalf("the screen never showed %q; it shows:\n%s", want, tm.screen())
}

// press types keys as a person would: raw bytes into the terminal.
func (tm *ptyTerm) press(keys string) {
	tm.t.Helper()
	if _, err := tm.pty.Write([]byte(keys)); err != nil {
		tm.t.Fatalf("typing %q: %v", keys, err)
	}
}

// toFirstLine goes from the briefing card to the first line: enter to
// begin, enter to skip the manager's pause.
func (tm *ptyTerm) toFirstLine() {
	tm.t.Helper()
	tm.waitFor("Your goal")
	tm.press("\r")
	tm.waitFor("is thinking")
	tm.press("\r")
	tm.waitFor("Your turn")
}

// startSpeaking goes from the briefing card to speaking the first line.
func (tm *ptyTerm) startSpeaking() {
	tm.t.Helper()
	tm.toFirstLine()
	tm.press(" ")
	tm.waitFor("Speaking")
}

// wait waits for the program to exit and returns its exit code.
func (tm *ptyTerm) wait() int {
	tm.t.Helper()
	exited := make(chan error, 1)
	go func() { exited <- tm.cmd.Wait() }()
	select {
	case err := <-exited:
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			return ee.ExitCode()
		}
		if err != nil {
			tm.t.Fatalf("wait: %v", err)
		}
		return 0
	case <-time.After(20 * time.Second):
		tm.t.Fatalf("the program did not exit; the screen shows:\n%s", tm.screen())
	}
	return -1
}

// TestRehearsalInAPseudoTerminal runs the built binary as a person would:
// it picks the first scenario on the home screen, rehearses the whole
// conversation with space and enter until the report, quits with q, and
// checks the exit status and the history left behind.
func TestRehearsalInAPseudoTerminal(t *testing.T) {
	home := isolate(t)
	env := []string{"HOME=" + home, "XDG_CONFIG_HOME=" + filepath.Join(home, "config"),
		"XDG_DATA_HOME=" + filepath.Join(home, "data")}
	tm := startTerm(t, 100, 30, env, "--seed", "3")
	tm.waitFor("Resigning with one week's notice")
	tm.press("\r") // start the highlighted scenario
	tm.waitFor("Your goal")
	tm.press("\r") // leave the briefing

	for turns := 0; ; turns++ {
		if turns > 40 {
			t.Fatalf("no report after 40 turns; the screen shows:\n%s", tm.screen())
		}
		s := tm.screen()
		switch {
		case strings.Contains(s, "How it went"):
			turns = -1
		case strings.Contains(s, "is thinking"):
			tm.press("\r")
		case strings.Contains(s, "Your turn — press space"):
			tm.press(" ")
			tm.waitFor("Speaking")
			tm.press(" ")
		case strings.Contains(s, "enter: let John react"), strings.Contains(s, "enter: see the report"):
			tm.press("\r")
		}
		if turns < 0 {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	tm.waitFor("seed 3")
	tm.press("q")
	if code := tm.wait(); code != 0 {
		t.Errorf("exit status %d after q, want 0", code)
	}
	data, err := os.ReadFile(filepath.Join(home, "data", "rehearse", "history.jsonl"))
	if err != nil || !strings.Contains(string(data), `"type":"run"`) || !strings.Contains(string(data), `"step":"open"`) {
		t.Errorf("history after a full run: %v\n%s", err, data)
	}
}

// BenchmarkSpeakingTimerPTY measures what a running line timer costs: the
// real binary in a pseudo-terminal, mid-line, for fifteen seconds. It reports
// the share of one core the process used and the bytes per second it wrote
// to the terminal. Run it alone:
//
//	go test -run '^$' -bench SpeakingTimerPTY -benchtime 1x .
func BenchmarkSpeakingTimerPTY(b *testing.B) {
	home := isolate(b)
	env := []string{"HOME=" + home, "XDG_DATA_HOME=" + filepath.Join(home, "data")}
	tm := startTerm(b, 100, 30, env, "--scenario", "short-notice", "--seed", "3")
	tm.startSpeaking()
	time.Sleep(time.Second) // let the first frames settle

	const window = 15 * time.Second // long enough that /proc's 10 ms ticks are fine grain
	cpu0, bytes0, t0 := cpuTime(b, tm.cmd.Process.Pid), tm.read.Load(), time.Now()
	time.Sleep(window)
	cpu1, bytes1, t1 := cpuTime(b, tm.cmd.Process.Pid), tm.read.Load(), time.Now()
	if !strings.Contains(tm.screen(), "Speaking") {
		b.Fatalf("the line timer stopped during the measurement:\n%s", tm.screen())
	}
	secs := t1.Sub(t0).Seconds()
	b.ReportMetric(100*(cpu1-cpu0).Seconds()/secs, "%cpu")
	b.ReportMetric(float64(bytes1-bytes0)/secs, "B/s")
	tm.press("q")
	tm.wait()
}

// cpuTime reads a process's user+system CPU time from /proc.
func cpuTime(b testing.TB, pid int) time.Duration {
	b.Helper()
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		b.Skipf("no /proc here: %v", err)
	}
	// Fields after the command name, which is in parentheses.
	f := strings.Fields(string(data[bytes.LastIndexByte(data, ')')+2:]))
	utime, _ := strconv.ParseInt(f[11], 10, 64)
	stime, _ := strconv.ParseInt(f[12], 10, 64)
	const ticksPerSecond = 100 // USER_HZ on Linux
	return time.Duration(utime+stime) * time.Second / ticksPerSecond
}

// TestCtrlCMidRunKeepsDeliveredLines quits with ctrl+c in the middle of a
// rehearsal: the line already delivered and the run (marked abandoned)
// must be in the history, and the program must exit cleanly.
func TestCtrlCMidRunKeepsDeliveredLines(t *testing.T) {
	home := isolate(t)
	env := []string{"HOME=" + home, "XDG_DATA_HOME=" + filepath.Join(home, "data")}
	tm := startTerm(t, 80, 24, env, "--scenario", "short-notice", "--seed", "3")
	tm.startSpeaking()
	tm.press(" ")
	tm.waitFor("let John react")
	tm.press("\x03") // ctrl+c
	if code := tm.wait(); code != 0 {
		t.Errorf("exit status %d after ctrl+c, want 0", code)
	}
	data, err := os.ReadFile(filepath.Join(home, "data", "rehearse", "history.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(data)), "\n")
	if len(lines) != 2 || !strings.Contains(lines[0], `"type":"attempt"`) || !strings.Contains(lines[0], `"step":"open"`) ||
		!strings.Contains(lines[1], `"type":"run"`) || !strings.Contains(lines[1], `"abandoned":true`) {
		t.Errorf("history after ctrl+c:\n%s", data)
	}
}

func TestLintGoodAndMissingFile(t *testing.T) {
	broken := writeFile(t, "b.toml", "[[scenario]]\nid = \"x\"\ntitle = \"X\"\nstart = \"nope\"\n")
	code, out, errs := cli(t, "", "lint", broken, "/nonexistent/missing.toml")
	if code != 1 || !strings.Contains(out, broken+":4:1: start step \"nope\" does not exist") ||
		!strings.Contains(errs, "/nonexistent/missing.toml") {
		t.Errorf("code %d\nstdout %s\nstderr %s", code, out, errs)
	}
}

// TestNewAsksInATerminal answers the `rehearse new` questions as a person
// would and checks the file it writes lints clean with their words in it.
func TestNewAsksInATerminal(t *testing.T) {
	home := isolate(t)
	env := []string{"HOME=" + home, "XDG_CONFIG_HOME=" + filepath.Join(home, "config")}
	tm := startTerm(t, 100, 30, env, "new")
	// Each answer waits for its field to have the focus (the form marks it
	// with ┃), as a person waits to see the cursor move.
	tm.waitFor("┃ Who are you telling?")
	tm.press("Sam\r")
	tm.waitFor("┃ Who are they to you?")
	tm.press("your manager\r")
	tm.waitFor("┃ A title for this conversation")
	tm.press("\r") // keep the suggested title
	tm.waitFor("┃ What do you need to say?")
	tm.press("I have decided to leave.\r")
	tm.waitFor("┃ What will they likely say back?")
	tm.press("Why now?\nCan we match it?\r") // ctrl+j is a new line
	tm.waitFor("Wrote ")
	if code := tm.wait(); code != 0 {
		t.Fatalf("exit status %d", code)
	}
	path := filepath.Join(home, "config", "rehearse", "scenarios", "telling-sam-i-m-leaving.toml")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v; the screen shows:\n%s", err, tm.screen())
	}
	for _, want := range []string{`counterpart = "Sam"`, `role        = "your manager"`, "I have decided to leave.",
		`when = "Why now?"`, `when = "Can we match it?"`} {
		if !strings.Contains(string(data), want) {
			t.Errorf("the file lacks %q:\n%s", want, data)
		}
	}
	if code, out, _ := cli(t, "", "lint", path); code != 0 || out != "" {
		t.Errorf("lint: %d %s", code, out)
	}
}

// TestEditResumesAtTheSameStep presses e mid-rehearsal with a stand-in
// editor that rewrites the current line: the editor gets the step's line
// number, and the rehearsal comes back at the same step with the new words.
func TestEditResumesAtTheSameStep(t *testing.T) {
	home := isolate(t)
	src, err := os.ReadFile(filepath.Join(srcDir, "scenarios.toml"))
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(home, "mine.toml")
	if err := os.WriteFile(file, src, 0o644); err != nil {
		t.Fatal(err)
	}
	argv := filepath.Join(home, "argv")
	// Named vim, so it is called the way vim is: +LINE FILE.
	editor := filepath.Join(t.TempDir(), "vim")
	script := "#!/bin/sh\nprintf '%s\\n' \"$@\" > " + argv + "\n" +
		"sed 's/I know today is probably busy for you/I know your week is packed/' \"$2\" > \"$2.new\" && mv \"$2.new\" \"$2\"\n"
	if err := os.WriteFile(editor, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	env := []string{"HOME=" + home, "XDG_DATA_HOME=" + filepath.Join(home, "data"), "VISUAL=", "EDITOR=" + editor}
	tm := startTerm(t, 100, 30, env, "--file", file, "--scenario", "short-notice", "--seed", "3")
	tm.toFirstLine()
	tm.press("e")
	tm.waitFor("I know your week is")
	got, _ := os.ReadFile(argv)
	if want := "+38\n" + file + "\n"; string(got) != want {
		t.Errorf("the editor was called with %q, want %q (the line of [scenario.steps.open])", got, want)
	}
	if s := tm.screen(); !strings.Contains(s, "Your turn") || !strings.Contains(s, "target 20s") {
		t.Errorf("not back at the opening line:\n%s", s)
	}
	tm.press("q")
	if code := tm.wait(); code != 0 {
		t.Errorf("exit status %d", code)
	}
}

// writeHistory appends the given attempts, one run each day, to the
// history file the CLI will read, and returns its path.
func writeHistory(t *testing.T, home string, days ...time.Time) string {
	t.Helper()
	path := filepath.Join(home, "data", "rehearse", "history.jsonl")
	store := history.Open(path)
	for i, day := range days {
		run := model.Run{ID: fmt.Sprintf("run-%d", i), Scenario: "short-notice", Seed: 1, Started: day, Ended: day.Add(time.Minute),
			Steps: []string{"open"}}
		a := model.Attempt{Run: run.ID, Scenario: "short-notice", Step: "open", Key: true, At: day,
			Delivery: time.Duration(20+i) * time.Second, Target: 20 * time.Second, Hesitation: time.Second}
		if err := store.AppendAttempt(a); err != nil {
			t.Fatal(err)
		}
		if err := store.AppendRun(run); err != nil {
			t.Fatal(err)
		}
	}
	return path
}

func TestStatsCommand(t *testing.T) {
	home := isolate(t)
	d := time.Date(2026, 11, 20, 9, 0, 0, 0, time.Local)
	writeHistory(t, home, d, d.AddDate(0, 0, 1), d.AddDate(0, 0, 2))
	var out, errb bytes.Buffer
	if code := run([]string{"stats", "--scenario", "short-notice", "--csv"}, strings.NewReader(""), &out, &errb); code != 0 {
		t.Fatalf("code %d: %s", code, errb.String())
	}
	lines := strings.Split(out.String(), "\n")
	var open string
	for _, l := range lines {
		if strings.HasPrefix(l, "short-notice,open,") {
			open = l
		}
	}
	// Three attempts at 20s, 21s and 22s against a 20s target.
	if !strings.Contains(open, ",3,20.0,21.0,21.0,20.0,") {
		t.Errorf("csv row for open = %q\nall:\n%s", open, out.String())
	}
	out.Reset()
	if code := run([]string{"stats", "--json"}, strings.NewReader(""), &out, &errb); code != 0 || !strings.HasPrefix(out.String(), "{") {
		t.Errorf("--json: code %d, %q", code, out.String())
	}
	if code := run([]string{"stats", "--json", "--csv"}, strings.NewReader(""), &out, &errb); code != 2 {
		t.Errorf("--json --csv: code %d, want 2", code)
	}
}

func TestHistoryPruneAsksFirst(t *testing.T) {
	home := isolate(t)
	d := time.Date(2026, 1, 10, 9, 0, 0, 0, time.Local)
	path := writeHistory(t, home, d, d.AddDate(0, 1, 0))
	before, _ := os.ReadFile(path)

	var out, errb bytes.Buffer
	code := run([]string{"history", "--prune-before", "2026-02-01"}, strings.NewReader("n\n"), &out, &errb)
	after, _ := os.ReadFile(path)
	if code != 0 || !strings.Contains(out.String(), "Delete 2 records made before 2026-02-01") ||
		!strings.Contains(out.String(), "Nothing deleted.") || string(after) != string(before) {
		t.Fatalf("answering no: code %d, %q", code, out.String())
	}
	out.Reset()
	code = run([]string{"history", "--prune-before", "2026-02-01", "--yes"}, strings.NewReader(""), &out, &errb)
	after, _ = os.ReadFile(path)
	if code != 0 || !strings.Contains(out.String(), "Deleted 2 records.") || strings.Count(string(after), "\n") != 2 {
		t.Errorf("--yes: code %d, %q\n%s", code, out.String(), after)
	}
	code = run([]string{"history", "--prune-before", "last week"}, strings.NewReader(""), &out, &errb)
	if code != 2 || !strings.Contains(errb.String(), "want a date like 2026-01-31") {
		t.Errorf("bad date: code %d, %s", code, errb.String())
	}
}

func TestBadFlagValueIsPlain(t *testing.T) {
	code, _, errs := cli(t, "", "--seed", "abc")
	if code != 2 || !strings.Contains(errs, `invalid argument "abc" for "--seed" flag: want a number`) || strings.Contains(errs, "strconv") {
		t.Errorf("code %d, %q", code, errs)
	}
}

// TestGraphOfABrokenFile draws the scenario as written, flags what is
// wrong in the picture, lists the errors, and fails.
func TestGraphOfABrokenFile(t *testing.T) {
	path := writeFile(t, "b.toml", `[[scenario]]
id = "x"
title = "Broken"
start = "open"

[scenario.steps.open]
manager = "Hi"
say = "I'm leaving."
next = [{ when = "Typo", goto = "nowhere" }]

[scenario.steps.orphan]
manager = "?"
say = "Never said."
`)
	code, out, errs := cli(t, "", "graph", "--file", path)
	if code != 1 || !strings.Contains(out, `⚠ no such step "nowhere"`) || !strings.Contains(out, "⚠ unreachable: orphan") ||
		!strings.Contains(errs, path+`:9:26: goto "nowhere": no such step`) {
		t.Errorf("code %d\nstdout:\n%s\nstderr:\n%s", code, out, errs)
	}
}
