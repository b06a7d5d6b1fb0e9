package scenarios

import (
	"fmt"
	"math"
	"time"
)

// The value types below implement toml.Unmarshaler and never return an
// error: a wrong value is kept as a problem on the field instead. The decoder
// stops at the first error it is given, and a file with three mistakes
// should get three messages in one run, not one per run.

// text is a string value.
type text struct {
	set bool
	v   string
	bad string // why the value was rejected, or ""
}

// UnmarshalTOML implements toml.Unmarshaler.
func (t *text) UnmarshalTOML(v any) error {
	t.set = true
	if s, ok := v.(string); ok {
		t.v = s
		return nil
	}
	t.bad = "must be a string, not " + describe(v)
	return nil
}

// flag is a boolean value.
type flag struct {
	set bool
	v   bool
	bad string
}

// UnmarshalTOML implements toml.Unmarshaler.
func (f *flag) UnmarshalTOML(v any) error {
	f.set = true
	if b, ok := v.(bool); ok {
		f.v = b
		return nil
	}
	f.bad = "must be true or false, not " + describe(v)
	return nil
}

// texts is an array of strings; with single set, a lone string is allowed
// too (manager lines: one line or several variants).
type texts struct {
	set bool
	v   []string
	bad string
}

// UnmarshalTOML implements toml.Unmarshaler.
func (t *texts) UnmarshalTOML(v any) error {
	t.set = true
	switch v := v.(type) {
	case string:
		t.v = []string{v}
		t.bad = "must be an array of strings, not a string (write [\"...\"])"
	case []any:
		for i, e := range v {
			s, ok := e.(string)
			if !ok {
				t.bad = fmt.Sprintf("must be an array of strings, but element %d is %s", i+1, describe(e))
				return nil
			}
			t.v = append(t.v, s)
		}
	default:
		t.bad = "must be an array of strings, not " + describe(v)
	}
	return nil
}

// lines is a string or an array of strings.
type lines struct{ texts }

// UnmarshalTOML implements toml.Unmarshaler.
func (l *lines) UnmarshalTOML(v any) error {
	if s, ok := v.(string); ok {
		l.set, l.v = true, []string{s}
		return nil
	}
	if err := l.texts.UnmarshalTOML(v); err != nil {
		return err
	}
	if l.bad != "" {
		l.bad = "must be a string or an array of strings" + l.bad[len("must be an array of strings"):]
	}
	return nil
}

// number is an integer or float value.
type number struct {
	set   bool
	v     float64
	isInt bool
	bad   string
}

// UnmarshalTOML implements toml.Unmarshaler.
func (n *number) UnmarshalTOML(v any) error {
	n.set = true
	switch v := v.(type) {
	case int64:
		n.v, n.isInt = float64(v), true
	case float64:
		if math.IsNaN(v) || math.IsInf(v, 0) {
			n.bad = fmt.Sprintf("must be a finite number, not %v", v)
		}
		n.v = v
	default:
		n.bad = "must be a number, not " + describe(v)
	}
	return nil
}

// duration is a Go duration written as a string: "20s", "1m30s", "15m".
type duration struct {
	set bool
	v   time.Duration
	raw string
	bad string
}

// UnmarshalTOML implements toml.Unmarshaler.
func (d *duration) UnmarshalTOML(v any) error {
	d.set = true
	s, ok := v.(string)
	if !ok {
		d.bad = fmt.Sprintf("must be a duration string like \"20s\" or \"1m30s\", not %s", describe(v))
		return nil
	}
	d.raw = s
	dur, err := time.ParseDuration(s)
	if err != nil {
		d.bad = fmt.Sprintf("has a bad duration %q: write it like \"20s\", \"1m30s\" or \"15m\"", s)
		return nil
	}
	d.v = dur
	return nil
}

// describe names a decoded TOML value for messages: `integer 3`, `a table`.
func describe(v any) string {
	switch v := v.(type) {
	case string:
		return fmt.Sprintf("a string (%q)", v)
	case int64:
		return fmt.Sprintf("an integer (%d)", v)
	case float64:
		return fmt.Sprintf("a float (%v)", v)
	case bool:
		return fmt.Sprintf("a boolean (%v)", v)
	case []any, []map[string]any:
		return "an array"
	case map[string]any:
		return "a table"
	case time.Time:
		return "a date"
	}
	return fmt.Sprintf("a %T", v)
}
