package scenarios_test

import (
	"math/rand/v2"
	"os"
	"testing"
	"time"

	"rehearse/model"
	"rehearse/scenarios"
)

// TestRandomWalksOverTheDefaultsEnd plays every default scenario 10,000
// times with random (but seeded) user behaviour: every walk must reach the
// end within 1,000 events, and no state may leave the user without a legal
// event. Quit is left out, as it would end every walk at once.
func TestRandomWalksOverTheDefaultsEnd(t *testing.T) {
	data, err := os.ReadFile("../scenarios.toml")
	if err != nil {
		t.Fatal(err)
	}
	f, ds := scenarios.Parse("scenarios.toml", data)
	if ds.HasErrors() {
		t.Fatalf("default scenarios do not parse:\n%v", ds)
	}
	for _, sc := range f.Scenarios {
		seen := map[string]bool{}
		for seed := uint64(0); seed < 10_000; seed++ {
			for _, id := range walk(t, sc, seed) {
				seen[id] = true
			}
		}
		for _, st := range sc.Steps {
			if !seen[st.ID] {
				t.Errorf("%s: 10,000 walks never visited step %q", sc.ID, st.ID)
			}
		}
	}
}

// walk plays one random rehearsal and returns the steps it visited.
func walk(t *testing.T, sc *model.Scenario, seed uint64) []string {
	rng := rand.New(rand.NewPCG(seed, 0x5eed))
	e, err := model.NewEngine(sc, model.Options{Seed: int64(seed)})
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	legal := make([]model.Event, 0, 16)
	for n := 0; n < 1000; n++ {
		if e.Phase() == model.PhaseEnded {
			return e.Run().Steps
		}
		legal = legal[:0]
		for _, k := range model.AllEvents {
			if k == model.EventQuit {
				continue
			}
			if k == model.EventChoose {
				for i := range e.Step().Next {
					if ev := (model.Event{Kind: k, Reaction: i}); e.Legal(ev) {
						legal = append(legal, ev)
					}
				}
				continue
			}
			if e.Legal(model.Event{Kind: k}) {
				legal = append(legal, model.Event{Kind: k})
			}
		}
		if len(legal) == 0 {
			t.Fatalf("%s seed %d: no legal event in %v at step %q", sc.ID, seed, e.Phase(), e.Step().ID)
		}
		ev := legal[rng.IntN(len(legal))]
		now = now.Add(time.Duration(rng.IntN(30_000)) * time.Millisecond)
		if _, err := e.Apply(ev, now); err != nil {
			t.Fatalf("%s seed %d: legal event %v failed: %v", sc.ID, seed, ev.Kind, err)
		}
	}
	t.Fatalf("%s seed %d: no end after 1,000 events (at %q, %v)", sc.ID, seed, e.Step().ID, e.Phase())
	return nil
}

func TestTestPos(t *testing.T) {
	src := "[[scenario]]\nid = \"a\"\ntitle = \"A\"\nstart = \"s\"\n[scenario.steps.s]\nmanager = \"Hi\"\nsay = \"Bye\"\n\n" +
		"[[scenario.test]]\nname = \"one\"\nexpect = [\"s\"]\n\n[[scenario.test]]\nname = \"two\"\nexpect = [\"s\"]\n"
	f, ds := scenarios.Parse("t.toml", []byte(src))
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	if pos, ok := f.TestPos("a", 1); !ok || pos.Line != 13 {
		t.Errorf("TestPos = %v, %v; want line 13", pos, ok)
	}
	if _, ok := f.TestPos("b", 0); ok {
		t.Error("found a test of a scenario that does not exist")
	}
}
