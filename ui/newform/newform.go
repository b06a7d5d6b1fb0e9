// Package newform asks the few questions `rehearse new` needs to write a
// first scenario — who you are talking to, what you need to say, what they
// will likely say back — as a short form in the terminal.
//
//	sketch, err := newform.Ask(os.Stdin, os.Stdout)
//	if errors.Is(err, newform.ErrAborted) { ... }
package newform

import (
	"errors"
	"io"
	"strings"

	"charm.land/huh/v2"

	"rehearse/model"
)

// ErrAborted is returned when the person leaves the form (esc or ctrl+c)
// without finishing it.
var ErrAborted = errors.New("cancelled; nothing was written")

// Ask runs the form on the given terminal streams and returns what was
// answered. Empty answers are left empty; model.Scaffold fills them in.
func Ask(in io.Reader, out io.Writer) (model.Sketch, error) {
	var s model.Sketch
	var reactions string
	form := huh.NewForm(
		huh.NewGroup(
			huh.NewInput().Title("Who are you telling?").
				Description("Their name, as you would say it: the coach plays them.").
				Placeholder("John").Value(&s.Counterpart),
			huh.NewInput().Title("Who are they to you?").
				Description("Leave it empty for \"your manager\".").
				Placeholder("your manager").Value(&s.Role),
			huh.NewInput().Title("A title for this conversation").
				PlaceholderFunc(func() string { return model.Scaffold(model.Sketch{Counterpart: s.Counterpart}).Title },
					&s.Counterpart).
				Description("Leave it empty to use the suggestion.").
				Value(&s.Title),
		),
		huh.NewGroup(
			huh.NewText().Title("What do you need to say?").
				Description("Your bottom line, the way you will open. It becomes your first key line.").
				Placeholder("I wanted to let you know I've decided to leave.").
				Value(&s.Say),
			huh.NewText().Title("What will they likely say back?").
				Description("One reaction per line. Leave empty for the usual three.").
				Placeholder(strings.Join(model.DefaultReactions, "\n")).
				Value(&reactions),
		),
	).WithInput(in).WithOutput(out).WithShowHelp(true)
	if err := form.Run(); err != nil {
		if errors.Is(err, huh.ErrUserAborted) {
			return model.Sketch{}, ErrAborted
		}
		return model.Sketch{}, err
	}
	s.Reactions = strings.Split(reactions, "\n")
	return s, nil
}
