package editor

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

func TestArgs(t *testing.T) {
	const p = "/home/ann/.config/rehearse/scenarios/notice.toml"
	tests := []struct {
		editor string
		line   int
		want   string
	}{
		{"vi", 23, "vi +23 " + p},
		{"vim", 23, "vim +23 " + p},
		{"/usr/bin/nvim", 23, "/usr/bin/nvim +23 " + p},
		{"nvim -u NONE", 7, "nvim -u NONE +7 " + p},
		{"gvim -f", 7, "gvim -f +7 " + p},
		{"nano", 1, "nano +1 " + p},
		{"emacs -nw", 40, "emacs -nw +40 " + p},
		{"emacsclient -t", 40, "emacsclient -t +40 " + p},
		{"micro", 5, "micro +5 " + p},
		{"hx", 5, "hx +5 " + p},
		{"helix", 5, "helix +5 " + p},
		{"kak", 5, "kak +5 " + p},
		{"code", 23, "code --wait -g " + p + ":23"},
		{"code --wait", 23, "code --wait -g " + p + ":23"},
		{"code -w -n", 23, "code -w -n -g " + p + ":23"},
		{"code-insiders", 2, "code-insiders --wait -g " + p + ":2"},
		{"codium", 2, "codium --wait -g " + p + ":2"},
		{"cursor", 2, "cursor --wait -g " + p + ":2"},
		{"/opt/VSCode/Code.exe", 2, "/opt/VSCode/Code.exe --wait -g " + p + ":2"},
		{"subl", 9, "subl --wait " + p + ":9"},
		{"sublime_text -w", 9, "sublime_text -w " + p + ":9"},
		{"ed", 9, "ed " + p},
		{"my-editor --flag", 9, "my-editor --flag " + p},
		{"vim", 0, "vim " + p}, // no line known
		{"code", 0, "code --wait " + p},
		{"  vim  ", 3, "vim +3 " + p}, // stray blanks
	}
	for _, tt := range tests {
		got, err := Args(tt.editor, p, tt.line)
		if err != nil {
			t.Errorf("Args(%q, %d): %v", tt.editor, tt.line, err)
			continue
		}
		if g := strings.Join(got, " "); g != tt.want {
			t.Errorf("Args(%q, %d)\n got %s\nwant %s", tt.editor, tt.line, g, tt.want)
		}
	}
}

func TestArgsPathLooksLikeAnOption(t *testing.T) {
	got, _ := Args("vim", "+x.toml", 3)
	if want := []string{"vim", "+3", "./+x.toml"}; !slices.Equal(got, want) {
		t.Fatalf("got %q, want %q", got, want)
	}
}

func TestNoEditor(t *testing.T) {
	for _, e := range []string{"", "   "} {
		if _, err := Args(e, "f.toml", 1); !errors.Is(err, ErrNoEditor) {
			t.Errorf("Args(%q): err %v, want ErrNoEditor", e, err)
		}
		if _, err := Command(e, "f.toml", 1); !errors.Is(err, ErrNoEditor) {
			t.Errorf("Command(%q): err %v, want ErrNoEditor", e, err)
		}
	}
	if !strings.Contains(ErrNoEditor.Error(), "export EDITOR=vim") {
		t.Errorf("message does not say what to do: %v", ErrNoEditor)
	}
}

func TestLookup(t *testing.T) {
	tests := []struct {
		env  map[string]string
		want string
	}{
		{map[string]string{"VISUAL": "code --wait", "EDITOR": "vim"}, "code --wait"},
		{map[string]string{"EDITOR": "vim"}, "vim"},
		{map[string]string{"VISUAL": " ", "EDITOR": "nano"}, "nano"},
		{map[string]string{}, ""},
	}
	for _, tt := range tests {
		if got := Lookup(func(k string) string { return tt.env[k] }); got != tt.want {
			t.Errorf("Lookup(%v) = %q, want %q", tt.env, got, tt.want)
		}
	}
}

func TestCommand(t *testing.T) {
	c, err := Command("nvim -u NONE", "/tmp/s.toml", 12)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"nvim", "-u", "NONE", "+12", "/tmp/s.toml"}; !slices.Equal(c.Args, want) {
		t.Fatalf("Args %q, want %q", c.Args, want)
	}
	if c.Stdin != nil || c.Stdout != nil || c.Stderr != nil {
		t.Fatal("streams should be left to the caller")
	}
}

// FuzzArgs: whatever $EDITOR holds, Args never panics, and when it gives a
// command line the file is on it (alone, or as path:line).
func FuzzArgs(f *testing.F) {
	for _, e := range []string{"vim", "code --wait", "  ", "nvim -u NONE", "/usr/bin/subl", "emacsclient -t", "hx"} {
		f.Add(e, "/tmp/s.toml", 12)
	}
	f.Fuzz(func(t *testing.T, editor, path string, line int) {
		args, err := Args(editor, path, line)
		if err != nil || path == "" {
			return
		}
		found := false
		for _, a := range args[1:] {
			found = found || strings.Contains(a, path)
		}
		if !found {
			t.Errorf("Args(%q, %q, %d) = %q: the file is missing", editor, path, line, args)
		}
	})
}
