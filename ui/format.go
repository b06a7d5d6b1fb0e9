package ui

import (
	"fmt"
	"time"

	"rehearse/model"
)

// fmtDur shows a running or measured duration: tenths under a minute
// ("18.4s"), whole seconds above ("1m05s"), minutes above an hour ("1h02m").
// It rounds to the nearest tenth, as `rehearse stats` does, so the screens
// and the exports agree.
func fmtDur(d time.Duration) string {
	if d < 0 {
		return "-" + fmtDur(-d)
	}
	d = d.Round(100 * time.Millisecond)
	switch {
	case d < time.Minute:
		tenths := int64(d / (100 * time.Millisecond))
		return fmt.Sprintf("%d.%ds", tenths/10, tenths%10)
	case d < time.Hour:
		s := int64(d / time.Second)
		return fmt.Sprintf("%dm%02ds", s/60, s%60)
	}
	m := int64(d / time.Minute)
	return fmt.Sprintf("%dh%02dm", m/60, m%60)
}

// fmtWhole shows a duration in whole seconds: "42s", "2m10s", "15m".
func fmtWhole(d time.Duration) string {
	if d < 0 {
		return "-" + fmtWhole(-d)
	}
	s := int64(d / time.Second)
	switch {
	case s < 60:
		return fmt.Sprintf("%ds", s)
	case s < 3600 && s%60 == 0:
		return fmt.Sprintf("%dm", s/60)
	case s < 3600:
		return fmt.Sprintf("%dm%02ds", s/60, s%60)
	}
	return fmt.Sprintf("%dh%02dm", s/3600, s%3600/60)
}

// fmtTarget shows a target: whole seconds when it is whole ("20s"), else
// with tenths.
func fmtTarget(d time.Duration) string {
	if d%time.Second == 0 {
		return fmtWhole(d)
	}
	return fmtDur(d)
}

// fmtDelta shows a difference without a sign: tenths under ten seconds,
// whole seconds above.
func fmtDelta(d time.Duration) string {
	if d < 0 {
		d = -d
	}
	if d < 10*time.Second {
		return fmtDur(d)
	}
	return fmtWhole(d)
}

// verdict says how a delivery compared with its target, in words that do
// not need colour: "✓ 1.6s under", "+12s over", or "" without a target.
func verdict(a model.Attempt) string {
	if a.Target <= 0 {
		return ""
	}
	// From the rounded time, so the time shown and the difference shown
	// add up to the target.
	over := a.Delivery.Round(100*time.Millisecond) - a.Target
	switch {
	case over > 0:
		return "+" + fmtDelta(over) + " over"
	case a.Rushed():
		return "⚡ " + fmtDelta(over) + " under — rushed?"
	}
	return "✓ " + fmtDelta(over) + " under"
}

// pacing classifies a line's progress toward its target, for the bar's
// colour and its words.
type pacing int

const (
	pacingNone pacing = iota // no target
	pacingOK                 // comfortably under
	pacingNear               // within the last fifth of the target
	pacingOver               // past it
)

// pacingOf classifies elapsed against target.
func pacingOf(elapsed, target time.Duration) pacing {
	switch {
	case target <= 0:
		return pacingNone
	case elapsed > target:
		return pacingOver
	case elapsed*5 >= target*4:
		return pacingNear
	}
	return pacingOK
}
