package ui

import "charm.land/bubbles/v2/key"

// globalKeys work on every screen.
type globalKeys struct {
	Quit key.Binding
	Help key.Binding
}

// homeKeys are the home screen's own keys; the list adds its own.
type homeKeys struct {
	Start key.Binding
	From  key.Binding
	Stats key.Binding
}

// statsKeys work on the stats screen.
type statsKeys struct {
	Next   key.Binding // the next scenario
	Prev   key.Binding
	Scroll key.Binding
	Back   key.Binding
}

// briefingKeys work on the briefing card.
type briefingKeys struct {
	Start key.Binding
	From  key.Binding
	Back  key.Binding
}

// rehearsalKeys drive the conversation. Which are enabled depends on the
// phase, so the help shows only what works now.
type rehearsalKeys struct {
	Speak  key.Binding // start or stop your line
	Reveal key.Binding // skip the manager's pause
	Next   key.Binding // finish, or let the manager react
	React  key.Binding // 1–9: practise this reaction
	Retry  key.Binding
	Skip   key.Binding
	Scroll key.Binding
	Back   key.Binding
}

// reportKeys work on the end-of-run report.
type reportKeys struct {
	Again  key.Binding
	Fresh  key.Binding
	Scroll key.Binding
	Back   key.Binding
}

// pickerKeys work in the step picker.
type pickerKeys struct {
	Up     key.Binding
	Down   key.Binding
	Choose key.Binding
	Back   key.Binding
}

// keyMap is every binding of the app, one group per screen.
type keyMap struct {
	Global    globalKeys
	Files     fileKeys // e and the error panel, on every screen
	Home      homeKeys
	Briefing  briefingKeys
	Rehearsal rehearsalKeys
	Report    reportKeys
	Picker    pickerKeys
	Stats     statsKeys
}

func bind(keys []string, k, desc string) key.Binding {
	return key.NewBinding(key.WithKeys(keys...), key.WithHelp(k, desc))
}

// defaultKeyMap returns the bindings described in the README.
func defaultKeyMap() keyMap {
	back := bind([]string{"esc"}, "esc", "home")
	return keyMap{
		Global: globalKeys{
			Quit: bind([]string{"q", "ctrl+c"}, "q", "quit"),
			Help: bind([]string{"?"}, "?", "more"),
		},
		Files: defaultFileKeys(),
		Home: homeKeys{
			Start: bind([]string{"enter"}, "enter", "rehearse"),
			From:  bind([]string{"f"}, "f", "start from a step"),
			Stats: bind([]string{"t"}, "t", "stats"),
		},
		Briefing: briefingKeys{
			Start: bind([]string{"enter", "space"}, "enter", "begin"),
			From:  bind([]string{"f"}, "f", "start from a step"),
			Back:  back,
		},
		Rehearsal: rehearsalKeys{
			Speak:  bind([]string{"space"}, "space", "start"),
			Reveal: bind([]string{"enter", "space"}, "enter", "skip pause"),
			Next:   bind([]string{"enter"}, "enter", "let John react"),
			React:  bind([]string{"1", "2", "3", "4", "5", "6", "7", "8", "9"}, "1–9", "practise one"),
			Retry:  bind([]string{"r"}, "r", "retry"),
			Skip:   bind([]string{"s"}, "s", "skip"),
			Scroll: bind([]string{"up", "down", "pgup", "pgdown"}, "↑/↓", "scroll transcript"),
			Back:   bind([]string{"esc"}, "esc", "stop, home"),
		},
		Report: reportKeys{
			Again:  bind([]string{"a"}, "a", "again, same run"),
			Fresh:  bind([]string{"n"}, "n", "new run"),
			Scroll: bind([]string{"up", "down", "pgup", "pgdown"}, "↑/↓", "scroll"),
			Back:   back,
		},
		Picker: pickerKeys{
			Up:     bind([]string{"up", "k"}, "↑/k", "up"),
			Down:   bind([]string{"down", "j"}, "↓/j", "down"),
			Choose: bind([]string{"enter"}, "enter", "start here"),
			Back:   bind([]string{"esc"}, "esc", "back"),
		},
		Stats: statsKeys{
			Next:   bind([]string{"tab", "right"}, "tab/→", "next scenario"),
			Prev:   bind([]string{"shift+tab", "left"}, "shift+tab/←", "previous scenario"),
			Scroll: bind([]string{"up", "down", "pgup", "pgdown"}, "↑/↓", "scroll"),
			Back:   back,
		},
	}
}

// helpKeys adapts a short list and full groups of bindings to help.KeyMap.
type helpKeys struct {
	short []key.Binding
	full  [][]key.Binding
}

// ShortHelp implements help.KeyMap.
func (h helpKeys) ShortHelp() []key.Binding { return h.short }

// FullHelp implements help.KeyMap.
func (h helpKeys) FullHelp() [][]key.Binding {
	if h.full == nil {
		return [][]key.Binding{h.short}
	}
	return h.full
}
