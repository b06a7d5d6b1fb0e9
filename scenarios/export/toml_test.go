package export

import (
	"bytes"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/BurntSushi/toml"

	"rehearse/model"
)

// fileShape mirrors scenarios/FORMAT.md, decoded with BurntSushi/toml
// directly so the round trip checks the TOML itself, not our own reader.
type fileShape struct {
	Scenario []struct {
		ID, Title, Counterpart, Role, Briefing, Timebox, Pause, Start string
		Pace                                                          int
		Steps                                                         map[string]struct {
			Manager any
			Say     string
			Key     bool
			Target  string
			Notes   []string
			Next    []struct {
				When, Goto string
				Weight     *float64
			}
			Interrupt *struct {
				After, Goto string
				Chance      float64
			}
		}
		Test []struct {
			Name, From     string
			Choose, Expect []string
		}
	}
}

// nasty holds text that breaks naive TOML writers.
var nasty = []string{
	`plain`,
	`she said "no"`,
	`back\slash and \n not a newline`,
	"tab\there",
	"line one\nline two",
	"windows\r\nline endings\r\n",
	"ends with a newline\n",
	"\nstarts with a newline",
	`""" triple quotes """`,
	`ends with quotes""`,
	"ends with a quote\"\nand more\"",
	"quotes\n\"\"\"\"\"\" six in a row",
	"bell\a nul\x00 del\x7f esc\x1b",
	"emoji 🙂👩‍💻 and CJK 我要辞职 and RTL שלום",
	"trailing backslash\\",
	"multi\nline trailing backslash\\",
	"",
}

func TestWriteTOMLRoundTrip(t *testing.T) {
	for i, s := range nasty {
		sc := fixture()
		sc.Title, sc.Briefing = s+"!", s
		sc.Steps[0].Say, sc.Steps[0].Notes = s+"x", []string{s, "ok"}
		sc.Steps[1].Manager = []string{s + "?", "second"}
		sc.Steps[1].Next[0].Label = s + "."
		sc.Pause = -1
		t.Run(fmt.Sprint(i), func(t *testing.T) { roundTrip(t, sc) })
	}
}

func roundTrip(t *testing.T, sc model.Scenario) {
	t.Helper()
	var b bytes.Buffer
	if err := WriteTOML(&b, []model.Scenario{sc}); err != nil {
		t.Fatal(err)
	}
	var f fileShape
	md, err := toml.Decode(b.String(), &f)
	if err != nil {
		t.Fatalf("written file does not decode: %v\n%s", err, b.String())
	}
	if u := md.Undecoded(); len(u) > 0 {
		t.Errorf("written keys outside the format: %v", u)
	}
	if len(f.Scenario) != 1 {
		t.Fatalf("decoded %d scenarios, want 1", len(f.Scenario))
	}
	got := f.Scenario[0]
	check := func(field string, got, want any) {
		t.Helper()
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: got %q, want %q\n%s", field, got, want, b.String())
		}
	}
	check("title", got.Title, sc.Title)
	check("briefing", got.Briefing, sc.Briefing)
	check("timebox", got.Timebox, Duration(sc.Timebox))
	if sc.Pause < 0 {
		check("pause", got.Pause, "0s")
	}
	check("start", got.Start, sc.Start)
	check("steps", len(got.Steps), len(sc.Steps))
	for _, st := range sc.Steps {
		gs, ok := got.Steps[st.ID]
		if !ok {
			t.Errorf("step %q missing", st.ID)
			continue
		}
		check(st.ID+".manager", managerLines(gs.Manager), st.Manager)
		check(st.ID+".say", gs.Say, st.Say)
		check(st.ID+".key", gs.Key, st.Key)
		check(st.ID+".notes", gs.Notes, st.Notes)
		check(st.ID+".next", len(gs.Next), len(st.Next))
		for j := range min(len(gs.Next), len(st.Next)) {
			w := 1.0
			if gs.Next[j].Weight != nil {
				w = *gs.Next[j].Weight
			}
			check(st.ID+".next.when", gs.Next[j].When, st.Next[j].Label)
			check(st.ID+".next.goto", gs.Next[j].Goto, st.Next[j].Goto)
			check(st.ID+".next.weight", w, st.Next[j].Weight)
		}
		if st.Interrupt != nil {
			d, _ := time.ParseDuration(gs.Interrupt.After)
			check(st.ID+".interrupt", []any{d, gs.Interrupt.Chance, gs.Interrupt.Goto},
				[]any{st.Interrupt.After, st.Interrupt.Chance, st.Interrupt.Goto})
		}
	}
}

func managerLines(v any) []string {
	switch m := v.(type) {
	case string:
		return []string{m}
	case []any:
		out := make([]string, len(m))
		for i, s := range m {
			out[i], _ = s.(string)
		}
		return out
	}
	return nil
}

// TestWriteTOMLStepOrder checks steps are written in step order, with a
// quoted table key for an id TOML cannot write bare.
func TestWriteTOMLStepOrder(t *testing.T) {
	sc := fixture()
	sc.Steps[2].ID = "end now"
	sc.Steps[0].Next[1].Goto, sc.Steps[0].Interrupt.Goto = "end now", "end now"
	var b bytes.Buffer
	if err := WriteTOML(&b, []model.Scenario{sc, fixture()}); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	last := -1
	for _, h := range []string{"[scenario.steps.open]", "[scenario.steps.why]", `[scenario.steps."end now"]`, "[scenario.steps.close]"} {
		i := strings.Index(out, h)
		if i <= last {
			t.Fatalf("%s not after the previous step in:\n%s", h, out)
		}
		last = i
	}
	if n := strings.Count(out, "[[scenario]]"); n != 2 {
		t.Errorf("wrote %d [[scenario]] tables, want 2", n)
	}
	roundTrip(t, sc)
}

// FuzzWriteTOML writes arbitrary text into every string field and checks
// it decodes back unchanged (valid UTF-8 text only: TOML cannot hold more).
func FuzzWriteTOML(f *testing.F) {
	for _, s := range nasty {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		s = strings.ToValidUTF8(s, "\uFFFD")
		sc := fixture()
		sc.Title, sc.Briefing, sc.Steps[0].Say = s, s, s
		sc.Steps[1].Manager = []string{s}
		sc.Steps[0].Notes = []string{s}
		roundTrip(t, sc)
	})
}
