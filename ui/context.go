package ui

import (
	"time"

	tea "charm.land/bubbletea/v2"

	"rehearse/model"
)

// appContext is the one value every screen shares: configuration, styles,
// keys and the clock. Screens read it; only the root changes it.
type appContext struct {
	cfg    Config
	styles Styles
	keys   keyMap
	dark   bool

	// after delivers msg once, d from now. It is tea.Tick; tests swap it to
	// hold timers instead of sleeping on them.
	after func(d time.Duration, msg tea.Msg) tea.Cmd

	// saves writes history records in order, off the Update loop.
	saves *saver

	// past is the history as the screens see it: what was read at start
	// and everything saved since.
	past *past
}

func newContext(cfg Config) *appContext {
	c := &appContext{cfg: cfg, keys: defaultKeyMap(), dark: true, saves: newSaver(), after: afterTick,
		past: newPast(cfg.History)}
	c.styles = newStyles(c.dark, cfg.NoColor)
	return c
}

// now reads the injected clock.
func (c *appContext) now() time.Time {
	if c.cfg.Clock != nil {
		return c.cfg.Clock()
	}
	return time.Now()
}

// setDark rebuilds the styles for the terminal's background.
func (c *appContext) setDark(dark bool) {
	c.dark = dark
	c.styles = newStyles(dark, c.cfg.NoColor)
}

// savedMsg reports the result of a history callback.
type savedMsg struct{ err error }

// saveAttemptCmd keeps a finished delivery in the screens' history and
// hands it to Config.OnAttempt.
func (c *appContext) saveAttemptCmd(a model.Attempt) tea.Cmd {
	c.past.addAttempt(a)
	if c.cfg.OnAttempt == nil {
		return nil
	}
	fn := c.cfg.OnAttempt
	return c.saves.submit(func() error { return fn(a) })
}

// saveRunCmd keeps a finished or abandoned run in the screens' history
// and hands it to Config.OnRunEnd.
func (c *appContext) saveRunCmd(r model.Run) tea.Cmd {
	c.past.addRun(r)
	if c.cfg.OnRunEnd == nil {
		return nil
	}
	fn := c.cfg.OnRunEnd
	return c.saves.submit(func() error { return fn(r) })
}

// newSeed returns the seed for a fresh run: the configured one for the
// first run, else one derived from the clock, short enough to type back in
// with --seed, and never the same as avoid.
func (c *appContext) newSeed(first bool, avoid int64) int64 {
	if first && c.cfg.Seed != 0 {
		return c.cfg.Seed
	}
	s := c.now().UnixNano()/int64(time.Millisecond)%1_000_000 + 1
	if s == avoid {
		s = s%999_999 + 1
	}
	return s
}

// afterTick is a one-shot timer.
func afterTick(d time.Duration, msg tea.Msg) tea.Cmd {
	return tea.Tick(d, func(time.Time) tea.Msg { return msg })
}
