// Package scenarios reads scenario files: it decodes the TOML into
// file-shaped structs, builds the validated model.Scenario graph the engine
// plays, and reports every problem at once, each with its file:line:col, the
// way a compiler does.
//
// The graph checks themselves (reachability, dead ends, dangling gotos)
// belong to model.Compile; this package is the adapter that maps files to
// the model and attaches positions. The TOML decoder gives positions only for
// syntax errors, so positions.go scans the source text for the line and
// column (in characters) of every table header, key and array element.
//
// Loading the scenarios the app would use, and printing what is wrong:
//
//	set, diags, err := scenarios.Load(scenarios.LoadOptions{
//		Files:       fileFlags, // --file, repeatable; empty to search
//		Default:     embeddedScenarios,
//		DefaultName: "scenarios.toml (built in)",
//	})
//	if err != nil {
//		return err // a file could not be read; the message names it
//	}
//	for _, d := range diags {
//		fmt.Fprintln(os.Stderr, d) // scenarios.toml:12:1: goto "wy": no such step (did you mean "why"?)
//	}
//	if diags.HasErrors() { ... }
//	play(set.Scenarios)
//
// Parse checks one file's bytes; Lint is what `rehearse lint` runs. The file
// format and the load precedence are documented in FORMAT.md.
package scenarios
