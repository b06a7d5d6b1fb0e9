package model

import (
	"testing"
	"time"
)

func TestScaffoldCompilesClean(t *testing.T) {
	for _, s := range []Sketch{
		{},
		{Title: "Telling Sam", Counterpart: "Sam", Role: "your manager", Say: "I've decided to leave in two weeks.",
			Reactions: []string{"Why?", "why?", "  ", "Can we match the offer?"}},
		{Title: "我要离职 🙂", Reactions: []string{"为什么？"}},
	} {
		spec := Scaffold(s)
		sc, ps := Compile(spec)
		if sc == nil || len(ps) != 0 {
			t.Errorf("Scaffold(%+v) problems: %v", s, ps)
			continue
		}
		open, _ := sc.Step("open")
		if !open.Key || open.Target <= 0 || len(open.Next) == 0 {
			t.Errorf("opening %+v", open)
		}
	}
}

func TestScaffoldShape(t *testing.T) {
	sc := Scaffold(Sketch{Counterpart: "Sam", Say: "I'm leaving.", Reactions: []string{"Why?", "why?"}})
	if sc.ID != "telling-sam-i-m-leaving" || sc.Title != "Telling Sam I'm leaving" {
		t.Errorf("id %q title %q", sc.ID, sc.Title)
	}
	var ids []string
	for _, st := range sc.Steps {
		ids = append(ids, st.ID)
	}
	if want := []string{"open", "why", "why-2", "close"}; len(ids) != 4 || ids[1] != want[1] || ids[2] != want[2] {
		t.Errorf("steps %v, want %v", ids, want)
	}
	if sc.Steps[0].Target != 5*time.Second {
		t.Errorf("target %v: two words plus a breath, rounded up to 5s", sc.Steps[0].Target)
	}
}

func TestSlug(t *testing.T) {
	for in, want := range map[string]string{
		"We need to end this today.": "we-need-to-end-this-today",
		"  --  ":                     "step",
		"Café — déjà vu":             "café-déjà-vu",
	} {
		if got := Slug(in); got != want {
			t.Errorf("Slug(%q) = %q, want %q", in, got, want)
		}
	}
}
