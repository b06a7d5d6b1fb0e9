// Command rehearse is a terminal coach for rehearsing a hard conversation —
// first of all, telling your manager that you are leaving. It plays the
// manager from a branching scenario file, shows your prepared lines and
// notes, and times how you deliver each key line.
//
// Usage:
//
//	rehearse                      # pick a scenario and rehearse
//	rehearse --scenario short-notice --seed 7
//	rehearse lint my-scenarios.toml
//
// main.go is the wiring: flags and subcommands, loading, exit codes. The
// work happens in model (the domain), scenarios (the files) and ui (the
// screens).
package main

import (
	"bufio"
	_ "embed"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"

	"rehearse/model"
	"rehearse/model/history"
	"rehearse/scenarios"
	"rehearse/scenarios/export"
	"rehearse/scenarios/importmd"
	"rehearse/scenarios/playtest"
	"rehearse/ui"
	"rehearse/ui/newform"
)

//go:embed scenarios.toml
var defaultScenarios []byte

// version is the program's version; release builds set it with
// -ldflags "-X main.version=…".
var version = "0.1.0-dev"

// Exit codes.
const (
	exitOK    = 0
	exitError = 1 // bad input: a broken scenario file, a failed lint, a failed test
	exitUsage = 2 // wrong flags, or no terminal to run the coach in
)

// codeError carries an exit code up to main without printing twice.
type codeError struct {
	code int
	err  error // nil when the message was already printed
}

func (e codeError) Error() string {
	if e.err == nil {
		return fmt.Sprintf("exit status %d", e.code)
	}
	return e.err.Error()
}

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// run executes the command line and returns the exit code. It is main
// without os.Exit, so tests can call it.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	root := newRootCmd(&env{stdin: stdin, stdout: stdout, stderr: stderr})
	root.SetArgs(args)
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	err := root.Execute()
	if err == nil {
		return exitOK
	}
	var ce codeError
	if errors.As(err, &ce) {
		if ce.err != nil {
			fmt.Fprintf(stderr, "rehearse: %v\n", ce.err)
		}
		return ce.code
	}
	// Cobra's own errors are flag and argument mistakes.
	fmt.Fprintf(stderr, "rehearse: %s\nRun 'rehearse --help' for usage.\n", plainFlagError(err))
	return exitUsage
}

// parseNoise is what strconv adds to a bad number given to a flag.
var parseNoise = regexp.MustCompile(`: strconv\.Parse(Int|Uint|Float|Bool): parsing "[^"]*": (invalid syntax|value out of range)`)

// plainFlagError says what was wrong with a flag's value in words:
// `invalid argument "abc" for "--seed" flag: want a number`.
func plainFlagError(err error) string {
	return parseNoise.ReplaceAllString(err.Error(), ": want a number")
}

// env is what every command shares: its streams and the options common to
// all of them.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	files          []string
	historyPath    string
}

func newRootCmd(e *env) *cobra.Command {
	var o tuiOptions
	root := &cobra.Command{
		Use:   "rehearse",
		Short: "Rehearse a hard conversation before you have it",
		Long: `rehearse is a terminal coach for rehearsing a hard conversation — first of
all, telling your manager that you are leaving. It plays the manager from a
branching scenario file, throws their likely reactions at you, shows your
prepared lines and notes, and times how you deliver each key line.

Scenarios are loaded from --file, or else ./scenarios.toml plus every *.toml
in $XDG_CONFIG_HOME/rehearse/scenarios/, or else the built-in defaults.`,
		Version:       version,
		Args:          cobra.NoArgs,
		SilenceUsage:  true,
		SilenceErrors: true,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runTUI(e, o)
		},
	}
	root.SetVersionTemplate("rehearse {{.Version}}\n")
	pf := root.PersistentFlags()
	pf.StringArrayVarP(&e.files, "file", "f", nil, "load scenarios from `PATH` (repeatable) instead of the usual places")
	pf.StringVar(&e.historyPath, "history", "", "keep attempts in `PATH` instead of $XDG_DATA_HOME/rehearse/history.jsonl")
	f := root.Flags()
	f.StringVarP(&o.scenario, "scenario", "s", "", "start the scenario with this `ID` directly")
	f.StringVar(&o.from, "from", "", "start at this `STEP` instead of the scenario's start (needs --scenario)")
	f.Int64Var(&o.seed, "seed", 0, "seed the manager's choices with `N` to repeat a run exactly (0: a new seed each run)")
	root.AddCommand(newLintCmd(e), newStatsCmd(e), newHistoryCmd(e),
		newGraphCmd(e), newScriptCmd(e), newTestCmd(e), newNewCmd(e),
		newImportCmd(e))
	return root
}

type tuiOptions struct {
	scenario, from string
	seed           int64
}

// loadOptions says where scenarios come from for this invocation. The
// current directory is left as "", so messages say "scenarios.toml:3:1",
// as the person would type it.
func (e *env) loadOptions() scenarios.LoadOptions {
	return scenarios.LoadOptions{
		Files:       e.files,
		Default:     defaultScenarios,
		DefaultName: "scenarios.toml (built in)",
	}
}

// printDiagnostics writes diagnostics like a compiler, one a line.
func printDiagnostics(w io.Writer, ds scenarios.Diagnostics) {
	for _, d := range ds {
		fmt.Fprintln(w, d)
	}
}

// summary counts diagnostics the way a person says it: "2 errors, 1 warning".
func summary(ds scenarios.Diagnostics) string {
	count := func(n int, what string) string {
		if n == 1 {
			return "1 " + what
		}
		return fmt.Sprintf("%d %ss", n, what)
	}
	return count(ds.Errors(), "error") + ", " + count(ds.Warnings(), "warning")
}

func newLintCmd(e *env) *cobra.Command {
	return &cobra.Command{
		Use:   "lint [FILE...]",
		Short: "Check scenario files and report every problem with file:line:col",
		Long: `lint checks scenario files and reports every problem at once, each as
path:line:col: message. It exits 1 when there are errors and 0 when the files
are clean (warnings alone do not fail). With no FILE it checks what the coach
would load.`,
		RunE: func(cmd *cobra.Command, args []string) error {
			// A file that cannot be read does not hide the problems of the
			// files that could.
			ds, err := scenarios.Lint(args, e.loadOptions())
			printDiagnostics(e.stdout, ds)
			if len(ds) > 0 {
				fmt.Fprintf(e.stderr, "rehearse lint: %s\n", summary(ds))
			}
			if err != nil {
				return codeError{exitError, err}
			}
			if ds.HasErrors() {
				return codeError{exitError, nil}
			}
			return nil
		},
	}
}

// runTUI loads the scenarios, checks the flags against them, and runs the
// coach. Problems that can be found before the screen opens are reported
// as plain messages with an exit code.
func runTUI(e *env, o tuiOptions) error {
	set, err := e.load()
	if err != nil {
		return err
	}
	if o.from != "" && o.scenario == "" {
		return codeError{exitUsage, errors.New("--from needs --scenario: which scenario should start at that step?")}
	}
	if o.scenario != "" {
		sc, ok := set.Scenario(o.scenario)
		if !ok {
			return codeError{exitError, fmt.Errorf("no scenario %q; the loaded ones are: %s", o.scenario, scenarioIDs(set.Scenarios))}
		}
		if o.from != "" {
			if _, err := model.NewEngine(sc, model.Options{From: o.from}); err != nil {
				return codeError{exitError, err}
			}
		}
	}
	if !isTerminal(e.stdin) || !isTerminal(e.stdout) {
		return codeError{exitUsage, errors.New("the coach needs an interactive terminal (stdin and stdout must be a TTY); try 'rehearse lint' or 'rehearse stats' in scripts")}
	}
	store, past, err := e.openHistory()
	if err != nil {
		return codeError{exitError, err}
	}
	cfg := ui.Config{
		Scenarios:  set.Scenarios,
		ScenarioID: o.scenario,
		From:       o.from,
		Seed:       o.seed,
		NoColor:    os.Getenv("NO_COLOR") != "",
		OnAttempt:  store.AppendAttempt,
		OnRunEnd:   store.AppendRun,
		History:    past,
		Version:    version,
		Set:        set,
		Reload: func() (*scenarios.Set, scenarios.Diagnostics, error) {
			return scenarios.Load(e.loadOptions())
		},
	}
	app := ui.New(cfg)
	_, runErr := tea.NewProgram(app, ui.Options(cfg)...).Run()
	// The screen is gone; wait for the last records to reach the disk and
	// say so if any could not.
	if err := app.Close(); err != nil {
		fmt.Fprintf(e.stderr, "rehearse: could not save history to %s: %v\n", store.Path(), err)
		return codeError{exitError, nil}
	}
	if runErr != nil && !errors.Is(runErr, tea.ErrInterrupted) {
		return codeError{exitError, runErr}
	}
	return nil
}

// load loads the scenarios the coach would use. Errors in them are printed
// like a compiler's and stop the command; warnings are printed and it goes
// on.
func (e *env) load() (*scenarios.Set, error) {
	set, ds, err := scenarios.Load(e.loadOptions())
	if err != nil {
		printDiagnostics(e.stderr, ds)
		return nil, codeError{exitError, err}
	}
	if ds.HasErrors() {
		printDiagnostics(e.stderr, ds)
		return nil, codeError{exitError, errors.New("the scenario file has errors (listed above); fix them and run again")}
	}
	printDiagnostics(e.stderr, ds)
	if len(set.Scenarios) == 0 {
		return nil, codeError{exitError, errors.New("no scenarios to rehearse: the loaded files define none")}
	}
	return set, nil
}

// openHistory opens the history store and reads what is already there.
// Torn or corrupt records are reported and skipped; they stay in the file.
func (e *env) openHistory() (*history.Store, *history.History, error) {
	path := e.historyPath
	if path == "" {
		p, err := history.DefaultPath()
		if err != nil {
			return nil, nil, fmt.Errorf("cannot find where to keep your history (%v); pass --history PATH", err)
		}
		path = p
	}
	h, warns, err := history.Read(path)
	if err != nil {
		return nil, nil, err
	}
	for _, w := range warns {
		fmt.Fprintf(e.stderr, "rehearse: warning: %s\n", w)
	}
	return history.Open(path), h, nil
}

func scenarioIDs(scs []*model.Scenario) string {
	ids := make([]string, len(scs))
	for i, sc := range scs {
		ids[i] = sc.ID
	}
	return strings.Join(ids, ", ")
}

// isTerminal reports whether r or w is a terminal.
func isTerminal(f any) bool {
	fd, ok := f.(interface{ Fd() uintptr })
	return ok && term.IsTerminal(fd.Fd())
}

func newStatsCmd(e *env) *cobra.Command {
	var id string
	var asJSON, asCSV bool
	cmd := &cobra.Command{
		Use:   "stats",
		Short: "Print your timing stats per scenario and key line",
		Long: `stats prints, per scenario and line, the attempts, best and median times,
the share over target and the hesitation — the numbers of the stats screen —
for scripts and spreadsheets.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if asJSON && asCSV {
				return codeError{exitUsage, errors.New("choose one of --json and --csv")}
			}
			set, err := e.load()
			if err != nil {
				return err
			}
			scs := set.Scenarios
			if id != "" {
				sc, ok := set.Scenario(id)
				if !ok {
					return codeError{exitError, fmt.Errorf("no scenario %q; the loaded ones are: %s", id, scenarioIDs(scs))}
				}
				scs = []*model.Scenario{sc}
			}
			_, h, err := e.openHistory()
			if err != nil {
				return codeError{exitError, err}
			}
			stats := model.ComputeAll(scs, h.Attempts, h.Runs)
			switch {
			case asJSON:
				err = history.WriteStatsJSON(e.stdout, stats)
			case asCSV:
				err = history.WriteStatsCSV(e.stdout, stats)
			default:
				err = history.WriteStatsText(e.stdout, stats)
			}
			if err != nil {
				return codeError{exitError, err}
			}
			return nil
		},
	}
	cmd.Flags().StringVarP(&id, "scenario", "s", "", "only the scenario with this `ID`")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	cmd.Flags().BoolVar(&asCSV, "csv", false, "print CSV, one row per scenario and line")
	return cmd
}

func newHistoryCmd(e *env) *cobra.Command {
	var before string
	var yes bool
	cmd := &cobra.Command{
		Use:   "history --prune-before DATE",
		Short: "Remove old records from your history (asks first)",
		Long: `history --prune-before DATE removes the records made before DATE
(YYYY-MM-DD, local time) from your history file, after asking. It is the only
way anything is ever removed. Records it cannot read are kept as they are.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if before == "" {
				return codeError{exitUsage, errors.New("say what to prune: rehearse history --prune-before YYYY-MM-DD")}
			}
			day, err := time.ParseInLocation("2006-01-02", before, time.Local)
			if err != nil {
				return codeError{exitUsage, fmt.Errorf("--prune-before %q: want a date like 2026-01-31", before)}
			}
			store, _, err := e.openHistory()
			if err != nil {
				return codeError{exitError, err}
			}
			n, err := history.CountBefore(store.Path(), day)
			if err != nil {
				return codeError{exitError, err}
			}
			if n == 0 {
				fmt.Fprintf(e.stdout, "Nothing in %s is older than %s.\n", store.Path(), before)
				return nil
			}
			if !yes && !confirm(e, fmt.Sprintf("Delete %d records made before %s from %s? [y/N] ", n, before, store.Path())) {
				fmt.Fprintln(e.stdout, "Nothing deleted.")
				return nil
			}
			removed, err := history.Prune(store.Path(), day)
			if err != nil {
				return codeError{exitError, err}
			}
			fmt.Fprintf(e.stdout, "Deleted %d records.\n", removed)
			return nil
		},
	}
	cmd.Flags().StringVar(&before, "prune-before", "", "remove records made before `DATE` (YYYY-MM-DD)")
	cmd.Flags().BoolVarP(&yes, "yes", "y", false, "do not ask (for scripts)")
	return cmd
}

// mayWrite returns nil when path may be written: it does not exist, force
// is set, or the person says yes when asked. Without a terminal it cannot
// ask, so an existing file is left alone.
func (e *env) mayWrite(path string, force bool) error {
	if _, err := os.Stat(path); err != nil || force {
		return nil
	}
	if isTerminal(e.stdin) && confirm(e, fmt.Sprintf("%s exists. Overwrite it? [y/N] ", path)) {
		return nil
	}
	return codeError{exitError, fmt.Errorf("%s exists; nothing was written (use --force to overwrite)", path)}
}

// confirm asks a yes/no question on stdin; anything but y or yes is no, and
// so is no answer at all.
func confirm(e *env, question string) bool {
	fmt.Fprint(e.stdout, question)
	line, err := bufio.NewReader(e.stdin).ReadString('\n')
	if err != nil && line == "" {
		fmt.Fprintln(e.stdout)
		return false
	}
	switch strings.ToLower(strings.TrimSpace(line)) {
	case "y", "yes":
		return true
	}
	return false
}

// pickScenario returns the scenario named by args[0], or the only one
// loaded when no id is given.
func (e *env) pickScenario(args []string) (*model.Scenario, error) {
	set, err := e.load()
	if err != nil {
		return nil, err
	}
	if len(args) == 0 {
		if len(set.Scenarios) == 1 {
			return set.Scenarios[0], nil
		}
		return nil, codeError{exitUsage, fmt.Errorf("which scenario? the loaded ones are: %s", scenarioIDs(set.Scenarios))}
	}
	sc, ok := set.Scenario(args[0])
	if !ok {
		return nil, codeError{exitError, fmt.Errorf("no scenario %q; the loaded ones are: %s", args[0], scenarioIDs(set.Scenarios))}
	}
	return sc, nil
}

func newGraphCmd(e *env) *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "graph [ID]",
		Short: "Draw a scenario's branches (tree, dot or mermaid)",
		Long: `graph draws the branches of a scenario: every reaction, key lines marked,
interrupts dashed, end steps and loops flagged. "tree" draws it in the
terminal; "dot" (Graphviz) and "mermaid" are for documents.`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			switch format {
			case "tree", "dot", "mermaid":
			default:
				return codeError{exitUsage, fmt.Errorf("--format %q: want tree, dot or mermaid", format)}
			}
			set, ds, err := scenarios.Load(e.loadOptions())
			if err != nil {
				printDiagnostics(e.stderr, ds)
				return codeError{exitError, err}
			}
			if ds.HasErrors() {
				// Draw what is written anyway: the picture shows where the
				// graph is broken (unreachable steps, dead ends, missing
				// steps), and the list says why.
				return e.graphDraft(set, ds, args, format)
			}
			sc, err := e.pickScenario(args)
			if err != nil {
				return err
			}
			if err := export.Graph(e.stdout, sc, format); err != nil {
				return codeError{exitError, err}
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&format, "format", "tree", "`FORMAT`: tree, dot or mermaid")
	return cmd
}

// graphDraft draws a scenario from a file with errors, as written, then
// lists the errors and fails.
func (e *env) graphDraft(set *scenarios.Set, ds scenarios.Diagnostics, args []string, format string) error {
	var drafts []model.Scenario
	for _, f := range set.Files {
		drafts = append(drafts, f.Drafts...)
	}
	var pick *model.Scenario
	for i := range drafts {
		if (len(args) == 0 && len(drafts) == 1) || (len(args) == 1 && drafts[i].ID == args[0]) {
			pick = &drafts[i]
		}
	}
	if pick != nil {
		if err := export.Graph(e.stdout, pick, format); err != nil {
			return codeError{exitError, err}
		}
	}
	printDiagnostics(e.stderr, ds)
	return codeError{exitError, fmt.Errorf("the scenario file has errors (%s)", summary(ds))}
}

func newScriptCmd(e *env) *cobra.Command {
	var cards bool
	cmd := &cobra.Command{
		Use:   "script [ID]",
		Short: "Print a scenario as a Markdown script, or as cue cards",
		Args:  cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			sc, err := e.pickScenario(args)
			if err != nil {
				return err
			}
			if err := export.Script(e.stdout, sc, cards); err != nil {
				return codeError{exitError, err}
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&cards, "cards", false, "one cue card per manager reaction, for printing or a phone")
	return cmd
}

func newTestCmd(e *env) *cobra.Command {
	var runs int
	var seed int64
	cmd := &cobra.Command{
		Use:   "test [FILE...]",
		Short: "Play scenarios automatically: random playthroughs and recorded tests",
		Long: `test plays every scenario of the given files (or of what the coach would
load) automatically: N seeded random playthroughs, reporting how many steps
and reactions they met and any run that cannot end, and every recorded
[[scenario.test]] replayed exactly. It exits 1 on any failure.`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if runs < 1 {
				return codeError{exitUsage, fmt.Errorf("--runs must be at least 1, got %d", runs)}
			}
			if len(args) > 0 {
				e.files = args
			}
			set, err := e.load()
			if err != nil {
				return err
			}
			if failed := playtestSet(e.stdout, set, runs, seed); failed > 0 {
				return codeError{exitError, fmt.Errorf("%d failed", failed)}
			}
			return nil
		},
	}
	cmd.Flags().IntVarP(&runs, "runs", "n", 1000, "random playthroughs per scenario")
	cmd.Flags().Int64Var(&seed, "seed", 1, "seed of the first playthrough")
	return cmd
}

// playtestSet plays every scenario of set and prints a report; it returns
// how many things failed.
func playtestSet(w io.Writer, set *scenarios.Set, runs int, seed int64) int {
	failed := 0
	for _, sc := range set.Scenarios {
		rep := playtest.Random(sc, runs, seed)
		c := rep.Coverage(sc)
		fmt.Fprintf(w, "%s: %d playthroughs, %d ended; steps %d/%d, reactions %d/%d",
			sc.ID, rep.Runs, rep.Ended, c.Steps, c.StepsTotal, c.Reactions, c.ReactionsTotal)
		if c.InterruptsTotal > 0 {
			fmt.Fprintf(w, ", interrupts %d/%d", c.Interrupts, c.InterruptsTotal)
		}
		fmt.Fprintln(w)
		for _, m := range rep.Missing(sc) {
			fmt.Fprintf(w, "  note: %s\n", m)
		}
		for _, stuck := range rep.Stuck {
			failed++
			fmt.Fprintf(w, "  FAIL: seed %d never ended (…%s)\n", stuck.Seed, strings.Join(stuck.Path, " → "))
		}
		f, _ := set.Origin(sc.ID)
		for _, fl := range playtest.Recorded(sc) {
			failed++
			fmt.Fprintf(w, "%s: FAIL: %v\n", testPlace(f, sc.ID, fl.Test), fl)
		}
		if n := len(sc.Tests); n > 0 {
			fmt.Fprintf(w, "  recorded tests: %d\n", n)
		}
	}
	if failed == 0 {
		fmt.Fprintln(w, "ok")
	}
	return failed
}

// testPlace returns "path:line" of a scenario's recorded test, as well as
// it is known.
func testPlace(f *scenarios.File, id string, test int) string {
	if f == nil {
		return id
	}
	if pos, ok := f.TestPos(id, test); ok {
		return fmt.Sprintf("%s:%d", f.Path, pos.Line)
	}
	if pos, ok := f.ScenarioPos(id); ok {
		return fmt.Sprintf("%s:%d", f.Path, pos.Line)
	}
	return f.Path
}

type newOptions struct {
	sketch      model.Sketch
	fromDefault bool
	force       bool
}

func newNewCmd(e *env) *cobra.Command {
	var o newOptions
	cmd := &cobra.Command{
		Use:   "new [FILE]",
		Short: "Write a first scenario to edit: from a few questions, flags, or the defaults",
		Long: `new writes a scenario file you can rehearse at once and then make your own.
In a terminal it asks who you are telling, what you need to say and what they
will likely say back; --who, --say and --reaction answer from the command line
instead. --from-default copies the built-in scenarios, to edit them.

FILE defaults to $XDG_CONFIG_HOME/rehearse/scenarios/<id>.toml, where the coach
finds it. An existing file is never overwritten without asking (or --force).`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runNew(e, cmd, args, o)
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.sketch.Counterpart, "who", "", "the `NAME` of the person you are telling")
	f.StringVar(&o.sketch.Role, "role", "", "their `ROLE`, e.g. \"your manager\"")
	f.StringVar(&o.sketch.Title, "title", "", "the conversation's `TITLE`")
	f.StringVar(&o.sketch.Say, "say", "", "your bottom line: the `TEXT` you open with")
	f.StringArrayVar(&o.sketch.Reactions, "reaction", nil, "a likely `REACTION` (repeatable)")
	f.BoolVar(&o.fromDefault, "from-default", false, "copy the built-in scenarios instead, to edit them")
	f.BoolVar(&o.force, "force", false, "overwrite FILE if it exists")
	return cmd
}

func runNew(e *env, cmd *cobra.Command, args []string, o newOptions) error {
	var text []byte
	id := "scenarios"
	if o.fromDefault {
		text = defaultScenarios
	} else {
		answered := false
		for _, name := range []string{"who", "role", "title", "say", "reaction"} {
			answered = answered || cmd.Flags().Changed(name)
		}
		sketch := o.sketch
		if !answered {
			if !isTerminal(e.stdin) || !isTerminal(e.stdout) {
				return codeError{exitUsage, errors.New("no terminal to ask in: answer with --who, --say and --reaction, or use --from-default")}
			}
			var err error
			if sketch, err = newform.Ask(e.stdin, e.stdout); err != nil {
				return codeError{exitError, err}
			}
		}
		spec := model.Scaffold(sketch)
		id = spec.ID
		var b strings.Builder
		b.WriteString(newFileHelp)
		if err := export.WriteTOML(&b, []model.Scenario{spec}); err != nil {
			return codeError{exitError, err}
		}
		text = []byte(b.String())
	}
	path, err := newFilePath(args, id)
	if err != nil {
		return codeError{exitError, err}
	}
	if err := e.mayWrite(path, o.force); err != nil {
		return err
	}
	// Notes about leaving a job are private: only their owner may read them.
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return codeError{exitError, err}
	}
	if err := os.WriteFile(path, text, 0o600); err != nil {
		return codeError{exitError, err}
	}
	fmt.Fprintf(e.stdout, "Wrote %s.\nEdit it, check it with: rehearse lint %s\nRehearse it with:       rehearse --file %s\n", path, path, path)
	return nil
}

// newFileHelp opens a scaffolded file: what to change first.
const newFileHelp = `# Your scenario, written by 'rehearse new'. Make it yours:
#  - rewrite every "(Write what you will say ...)" line in your own words;
#  - add the reactions you fear most as new [scenario.steps.ID] tables, and
#    point a 'next' entry at them;
#  - mark the lines that must land with key = true and a target.
`

// newFilePath returns where `rehearse new` writes: FILE, or the per-user
// scenarios directory, where the coach loads it from.
func newFilePath(args []string, id string) (string, error) {
	if len(args) == 1 {
		return args[0], nil
	}
	dir, err := scenarios.ConfigDir()
	if err != nil {
		return "", fmt.Errorf("cannot find your config directory (%v); name the FILE to write", err)
	}
	return filepath.Join(dir, id+".toml"), nil
}

func newImportCmd(e *env) *cobra.Command {
	var out string
	var force bool
	var opts importmd.Options
	cmd := &cobra.Command{
		Use:   "import NOTES.md",
		Short: "Turn a Markdown prep note into a scenario you can rehearse",
		Long: `import reads a prep note — Markdown or plain text, the way you already wrote
it — and writes a scenario: prose becomes your opening, "*if they say …*"
lines, "## If they say" headings, Q:/A: pairs and objection tables become the
manager's reactions, quoted or bold sentences become key lines, bullets
become notes. Anything it could not place is listed with its line number
and kept as a note. The scenario goes to stdout, or to -o FILE.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			spec, notices, err := importmd.ImportFile(args[0], opts)
			if err != nil {
				return codeError{exitError, err}
			}
			for _, n := range notices {
				fmt.Fprintf(e.stderr, "%s:%d: %s\n", args[0], n.Line, n.Message)
			}
			if out == "" {
				return writeScenarios(e.stdout, spec)
			}
			if err := e.mayWrite(out, force); err != nil {
				return err
			}
			var b strings.Builder
			if err := writeScenarios(&b, spec); err != nil {
				return err
			}
			if err := os.WriteFile(out, []byte(b.String()), 0o600); err != nil {
				return codeError{exitError, err}
			}
			fmt.Fprintf(e.stderr, "Wrote %s (%d steps). Rehearse it with: rehearse --file %s\n", out, len(spec.Steps), out)
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVarP(&out, "output", "o", "", "write the scenario to `FILE` instead of stdout")
	f.BoolVar(&force, "force", false, "overwrite FILE if it exists")
	f.StringVar(&opts.ID, "id", "", "the scenario's `ID` (default: from the title)")
	f.StringVar(&opts.Title, "title", "", "the scenario's `TITLE` (default: the note's title or first heading)")
	f.StringVar(&opts.Counterpart, "who", "", "`NAME` of the person you are telling (default: from a greeting in the note)")
	return cmd
}

func writeScenarios(w io.Writer, scs ...model.Scenario) error {
	if err := export.WriteTOML(w, scs); err != nil {
		return codeError{exitError, err}
	}
	return nil
}
