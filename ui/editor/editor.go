// Package editor builds the command that opens a file at a line in the
// user's own editor, the one named by $VISUAL or $EDITOR.
//
// Editors disagree about how to say "at line 23". The program's base name
// picks the syntax:
//
//	vi, vim, nvim, nano, emacs, micro, hx, kak, …  +23 /path/file.toml
//	code, codium, cursor, …                         --wait -g /path/file.toml:23
//	subl                                            --wait /path/file.toml:23
//	anything else                                   /path/file.toml
//
// The value is split into words with strings.Fields, so EDITOR="code -n"
// works; quoting is not understood, so a path with spaces in it must be
// put on $PATH or behind a small wrapper script.
//
//	cmd, err := editor.Command(editor.Lookup(os.Getenv), "scenarios.toml", 23)
package editor

import (
	"errors"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// ErrNoEditor says neither $VISUAL nor $EDITOR names an editor.
var ErrNoEditor = errors.New("no editor set: export EDITOR=vim (or VISUAL) and press e again")

// Lookup returns the editor command line: $VISUAL, else $EDITOR, else "".
// getenv is os.Getenv, or a map lookup in tests.
func Lookup(getenv func(string) string) string {
	for _, name := range []string{"VISUAL", "EDITOR"} {
		if v := strings.TrimSpace(getenv(name)); v != "" {
			return v
		}
	}
	return ""
}

// Family is how an editor is told which line to open at.
type Family int

// The families of line syntax.
const (
	Plain    Family = iota // just the path: the line cannot be given
	PlusLine               // +N path (vi and most terminal editors)
	GotoFlag               // -g path:N (VS Code and its forks)
	PathLine               // path:N (Sublime Text)
)

// families maps an editor's base name to its line syntax.
var families = map[string]Family{
	"vi": PlusLine, "vim": PlusLine, "nvim": PlusLine, "gvim": PlusLine, "mvim": PlusLine,
	"nvi": PlusLine, "view": PlusLine, "nano": PlusLine, "pico": PlusLine,
	"emacs": PlusLine, "emacsclient": PlusLine, "micro": PlusLine,
	"hx": PlusLine, "helix": PlusLine, "kak": PlusLine, "joe": PlusLine, "ne": PlusLine, "mg": PlusLine,
	"code": GotoFlag, "code-insiders": GotoFlag, "codium": GotoFlag, "vscodium": GotoFlag,
	"cursor": GotoFlag, "windsurf": GotoFlag,
	"subl": PathLine, "sublime_text": PathLine, "sublime": PathLine,
}

// FamilyOf returns the line syntax of the program prog (a name or a path;
// case and a ".exe" suffix are ignored).
func FamilyOf(prog string) Family {
	base := strings.ToLower(filepath.Base(prog))
	base = strings.TrimSuffix(base, ".exe")
	return families[base]
}

// Args returns the argv that opens path at line with the editor command
// line editorEnv: the program first, then its own words, then the line and
// path in the program's syntax. A line below 1 opens the file without one.
//
// GUI editors that return at once (code and its forks, subl) get --wait
// unless it is already there (or -w): the coach re-reads the file when the
// editor returns, so it must return when the file is closed, not when the
// window opens.
func Args(editorEnv, path string, line int) ([]string, error) {
	words := strings.Fields(editorEnv)
	if len(words) == 0 {
		return nil, ErrNoEditor
	}
	fam := FamilyOf(words[0])
	argv := slices.Clone(words)
	if (fam == GotoFlag || fam == PathLine) && !slices.Contains(words[1:], "--wait") && !slices.Contains(words[1:], "-w") {
		argv = append(argv, "--wait")
	}
	if strings.HasPrefix(path, "-") || strings.HasPrefix(path, "+") {
		path = "./" + path // a file name, not an option
	}
	if line < 1 {
		return append(argv, path), nil
	}
	n := strconv.Itoa(line)
	switch fam {
	case PlusLine:
		return append(argv, "+"+n, path), nil
	case GotoFlag:
		return append(argv, "-g", path+":"+n), nil
	case PathLine:
		return append(argv, path+":"+n), nil
	}
	return append(argv, path), nil
}

// Command returns the command that opens path at line in the editor named
// by editorEnv (see Lookup). Its standard streams are left unset: the
// caller (tea.ExecProcess) connects them to the terminal.
func Command(editorEnv, path string, line int) (*exec.Cmd, error) {
	argv, err := Args(editorEnv, path, line)
	if err != nil {
		return nil, err
	}
	return exec.Command(argv[0], argv[1:]...), nil
}
