package importmd

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"rehearse/model"
	"rehearse/scenarios"
	"rehearse/scenarios/export"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// want describes what an import must give: the reaction labels off the
// opening, the other person's line and whether each step (by id) is a key
// line, notes that must be present, and the lines of the notices.
type want struct {
	title, counterpart string
	reactions          []string
	manager            map[string]string
	say                map[string]string // substring of the step's say
	key                map[string]bool
	notes              map[string][]string
	noticeLines        []int
}

var corpus = []struct {
	name, src string
	want      want
}{
	{
		name: "headings",
		src: "# Telling Priya\n\nHi Priya, thanks for the time.\n**I have decided to leave at the end of May.**\n\n" +
			"## If they say: can we counter-offer?\n\nI appreciate it, but my decision is made.\n\n- stay warm\n- no numbers\n\n" +
			"## What if she asks why\n\n> \"It is about growth, not about the team.\"\n",
		want: want{
			title: "Telling Priya", counterpart: "Priya",
			reactions: []string{"Can we counter-offer?", "Why"},
			manager:   map[string]string{"can-we-counter-offer": "Can we counter-offer?", "why": "Why?"},
			say:       map[string]string{"open": "I have decided to leave at the end of May.", "why": `"It is about growth`},
			key:       map[string]bool{"open": true, "can-we-counter-offer": false, "why": true},
			notes:     map[string][]string{"can-we-counter-offer": {"stay warm", "no numbers"}},
		},
	},
	{
		name: "q and a",
		src: "Bottom line: I'm resigning. My last day is the 30th.\n\nQ: Is it about money?\nA: No, it's about the work I want to do next.\n\n" +
			"Q: Who will cover your projects?\nA: “I have a handoff plan for each one.”\n",
		want: want{
			title: "qa", counterpart: "Manager",
			reactions: []string{"Is it about money?", "Who will cover your projects?"},
			manager:   map[string]string{"is-it-about-money": "Is it about money?"},
			say:       map[string]string{"is-it-about-money": "No, it's about the work", "who-will-cover-your": "“I have a handoff plan"},
			key:       map[string]bool{"is-it-about-money": false, "who-will-cover-your": true},
		},
	},
	{
		name: "objections table",
		src: "---\ntitle: Leaving the startup\ncounterpart: Sam\ntags: [work]\n---\nI am leaving in June.\n\n## Objections\n\n" +
			"| They say | I say | Notes |\n|---|---|---|\n| We can't lose you now | \"I will stay until the launch.\" | calm |\n| Is it the equity? | It is the role. | |\n",
		want: want{
			title: "Leaving the startup", counterpart: "Sam",
			reactions:   []string{"We can't lose you now", "Is it the equity?"},
			say:         map[string]string{"we-cant-lose-you": `"I will stay until the launch."`, "is-it-the-equity": "It is the role."},
			key:         map[string]bool{"we-cant-lose-you": true, "is-it-the-equity": false},
			notes:       map[string][]string{"we-cant-lose-you": {"calm"}},
			noticeLines: []int{1}, // the unused "tags" key
		},
	},
	{
		name: "unreadable table and code",
		src:  "I'm leaving.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n*if he gets angry*\nStay calm.\n\n```\nnotes to self\n```\n\n<div>raw</div>\n",
		want: want{
			reactions:   []string{"If he gets angry"},
			manager:     map[string]string{"if-he-gets-angry": "(He gets angry.)"},
			notes:       map[string][]string{"open": {"a | b\n1 | 2"}, "if-he-gets-angry": {"notes to self", "<div>raw</div>"}},
			noticeLines: []int{3, 10, 14},
		},
	},
	{
		name: "messy crlf with tabs emoji and cjk",
		src:  "Hey mei,\r\nI'm leaving 🙂 我要辞职.\r\n\r\n*why now?*\r\nTiming.\r\n- learning\r\n\t- 学习\r\n\r\n```go\r\nunclosed\r\n",
		want: want{
			counterpart: "Mei",
			reactions:   []string{"Why now?"},
			say:         map[string]string{"open": "I'm leaving 🙂 我要辞职.", "why-now": "Timing."},
			notes:       map[string][]string{"why-now": {"learning", "↳ 学习", "unclosed"}},
			noticeLines: []int{9},
		},
	},
	{
		name: "plain text sections",
		src:  "Leaving Acme\nI've decided to leave Acme.\nWhy Now\nThe project is done: it shipped.\nThe Handoff\nTwo weeks:\n- write docs\nThanks for everything.\n",
		want: want{
			title: "Leaving Acme", reactions: []string{"Why Now", "The Handoff"},
			manager: map[string]string{"why-now": "Why now?", "the-handoff": "Tell me about the handoff."},
			say:     map[string]string{"the-handoff": "Two weeks:\nThanks for everything."},
			notes:   map[string][]string{"why-now": {"The project is done"}, "the-handoff": {"write docs"}},
		},
	},
	{
		// With no quoted or bold line, the opening is the line to time.
		name: "only prose",
		src:  "I wanted to tell you I'm moving on.\n",
		want: want{reactions: []string{"Takes it in"}, key: map[string]bool{"open": true}},
	},
}

func TestImportCorpus(t *testing.T) {
	for _, c := range corpus {
		t.Run(c.name, func(t *testing.T) {
			sc, notices, err := Import("qa.md", []byte(c.src), Options{})
			if err != nil {
				t.Fatal(err)
			}
			mustCompileClean(t, sc)
			checkWant(t, sc, notices, c.want)
		})
	}
}

func checkWant(t *testing.T, sc model.Scenario, notices []Notice, w want) {
	t.Helper()
	if w.title != "" && sc.Title != w.title {
		t.Errorf("title = %q, want %q", sc.Title, w.title)
	}
	if w.counterpart != "" && sc.Counterpart != w.counterpart {
		t.Errorf("counterpart = %q, want %q", sc.Counterpart, w.counterpart)
	}
	open := sc.Steps[0]
	var labels []string
	for _, r := range open.Next {
		labels = append(labels, r.Label)
	}
	if strings.Join(labels, "|") != strings.Join(w.reactions, "|") {
		t.Errorf("reactions = %q, want %q", labels, w.reactions)
	}
	step := func(id string) *model.Step {
		st, ok := sc.Step(id)
		if !ok {
			t.Fatalf("no step %q; steps: %v", id, sc.SortedIDs())
		}
		return st
	}
	for id, m := range w.manager {
		if got := strings.Join(step(id).Manager, "|"); got != m {
			t.Errorf("%s manager = %q, want %q", id, got, m)
		}
	}
	for id, s := range w.say {
		if got := step(id).Say; !strings.Contains(got, s) {
			t.Errorf("%s say = %q, want it to hold %q", id, got, s)
		}
	}
	for id, k := range w.key {
		if st := step(id); st.Key != k || k && st.Target%(5*time.Second) != 0 {
			t.Errorf("%s key = %v target %v, want key %v with a target in 5s steps", id, st.Key, st.Target, k)
		}
	}
	for id, ns := range w.notes {
		got := strings.Join(step(id).Notes, "\n")
		for _, n := range ns {
			if !strings.Contains(got, n) {
				t.Errorf("%s notes = %q, want %q among them", id, step(id).Notes, n)
			}
		}
	}
	var lines []int
	for _, n := range notices {
		lines = append(lines, n.Line)
	}
	if len(w.noticeLines) != len(lines) || !equalInts(lines, w.noticeLines) {
		t.Errorf("notices at lines %v, want %v: %v", lines, w.noticeLines, notices)
	}
}

func equalInts(a, b []int) bool {
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return len(a) == len(b)
}

func mustCompileClean(t *testing.T, sc model.Scenario) *model.Scenario {
	t.Helper()
	c, ps := model.Compile(sc)
	for _, p := range ps {
		t.Errorf("compile %s: %s", p.Severity, p.Message)
	}
	if c == nil {
		t.FailNow()
	}
	return c
}

var seeds = []string{"000_6d1a9a3b91494842.txt", "002_96b41363bdf23598.txt"}

// TestSeeds imports both seed notes, compares them with golden scenario
// files, lints the written file with the program's own reader and plays
// every branch to an end.
func TestSeeds(t *testing.T) {
	for _, name := range seeds {
		t.Run(name, func(t *testing.T) {
			sc, notices, err := ImportFile(filepath.Join("testdata", "seeds", name), Options{})
			if err != nil {
				t.Fatal(err)
			}
			for _, n := range notices {
				t.Logf("notice: %s", n)
			}
			var b bytes.Buffer
			if err := export.WriteTOML(&b, []model.Scenario{sc}); err != nil {
				t.Fatal(err)
			}
			golden(t, strings.TrimSuffix(name, ".txt")+".toml", b.Bytes())
			f, ds := scenarios.Parse(name+".toml", b.Bytes())
			for _, d := range ds {
				t.Errorf("lint: %s", d)
			}
			if len(f.Scenarios) != 1 {
				t.Fatalf("lint kept %d scenarios, want 1", len(f.Scenarios))
			}
			rehearseEveryBranch(t, f.Scenarios[0])
		})
	}
}

func TestSeedShapes(t *testing.T) {
	sc, _, err := ImportFile("testdata/seeds/000_6d1a9a3b91494842.txt", Options{})
	if err != nil {
		t.Fatal(err)
	}
	checkWant(t, sc, nil, want{
		title: "why im leaving microsoft", counterpart: "John",
		reactions: []string{"We need to end ip immediately", "Why didnt u give us 2 weeks?", "Reasons why leaving microsoft"},
		manager:   map[string]string{"reasons-why-leaving-microsoft": "Why leaving microsoft?"},
		key:       map[string]bool{"open": true, "we-need-to-end": true, "why-didnt-u-give": true, "reasons-why-leaving-microsoft": false},
		notes:     map[string][]string{"reasons-why-leaving-microsoft": {"remote work", "↳ ive never worked in person"}},
	})
	sc, _, err = ImportFile("testdata/seeds/002_96b41363bdf23598.txt", Options{})
	if err != nil {
		t.Fatal(err)
	}
	checkWant(t, sc, nil, want{
		title:     "Decision Made: Leaving Meta",
		reactions: []string{"Why Now", "What I'm Leaving", "What I'm Seeking", "The Options", "Emotional Processing", "The Handoff", "What's Constant"},
		manager:   map[string]string{"why-now": "Why now?", "what-im-leaving": "Tell me about what you're leaving."},
	})
}

// rehearseEveryBranch plays the scenario once per reaction of the opening,
// choosing it, then letting the manager react, and checks each run ends.
func rehearseEveryBranch(t *testing.T, sc *model.Scenario) {
	t.Helper()
	start, _ := sc.Step(sc.Start)
	for i := range start.Next {
		eng, err := model.NewEngine(sc, model.Options{Seed: int64(i)})
		if err != nil {
			t.Fatal(err)
		}
		now := time.Unix(0, 0)
		apply := func(ev model.Event) {
			now = now.Add(time.Second)
			if _, err := eng.Apply(ev, now); err != nil {
				t.Fatalf("branch %d: %v: %v", i, ev.Kind, err)
			}
		}
		apply(model.Event{Kind: model.EventStart})
		for turn := 0; eng.Phase() != model.PhaseEnded; turn++ {
			if turn > 20 {
				t.Fatalf("branch %d did not end in 20 turns", i)
			}
			if eng.Phase() == model.PhasePause {
				apply(model.Event{Kind: model.EventReveal})
			}
			apply(model.Event{Kind: model.EventBegin})
			apply(model.Event{Kind: model.EventFinish})
			if turn == 0 {
				apply(model.Event{Kind: model.EventChoose, Reaction: i})
			} else {
				apply(model.Event{Kind: model.EventManagerChooses})
			}
		}
	}
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (go test -update creates it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file (go test -update rewrites it):\n%s", name, got)
	}
}

func TestImportErrors(t *testing.T) {
	for name, c := range map[string]struct {
		src  string
		opts Options
	}{
		"empty":    {" \n\t\r\n", Options{}},
		"bad id":   {"hello", Options{ID: "no spaces"}},
		"bad pace": {"hello", Options{Pace: -5}},
	} {
		if _, _, err := Import("n.md", []byte(c.src), c.opts); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
	if _, _, err := ImportFile("testdata/does-not-exist.md", Options{}); err == nil {
		t.Error("ImportFile of a missing file: no error")
	}
	sc, _, err := Import("n.md", []byte("# T\n\nHello Ana, I'm off.\n"), Options{ID: "my-id", Title: "Mine", Counterpart: "Bo", Pace: 120})
	if err != nil || sc.ID != "my-id" || sc.Title != "Mine" || sc.Counterpart != "Bo" || sc.Pace != 120 {
		t.Errorf("options not applied: %+v, %v", sc, err)
	}
}

func TestUnclosedFrontMatter(t *testing.T) {
	sc, notices, err := Import("n.md", []byte("---\ntitle: x\n\nI am leaving.\n"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	mustCompileClean(t, sc)
	if len(notices) == 0 || notices[0].Line != 1 || !strings.Contains(notices[0].Message, "never closed") {
		t.Errorf("notices = %v, want one about the unclosed front matter on line 1", notices)
	}
	if st, _ := sc.Step("open"); !strings.Contains(st.Say, "I am leaving.") {
		t.Errorf("the note after the front matter was lost: %q", st.Say)
	}
}

func FuzzImport(f *testing.F) {
	for _, c := range corpus {
		f.Add([]byte(c.src))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		sc, _, err := Import("fuzz.md", src, Options{})
		if err != nil {
			return
		}
		if _, ps := model.Compile(sc); len(ps) > 0 {
			t.Fatalf("imported scenario has problems: %v", ps)
		}
	})
}

// BenchmarkImport2000Lines imports a 2,000-line note in the shapes people
// write (prose, reactions, quotes, bullets, a table).
func BenchmarkImport2000Lines(b *testing.B) {
	var src bytes.Buffer
	src.WriteString("---\ntitle: Big note\n---\nHey john, thanks for the time.\n\n")
	for src.Len() == 0 || bytes.Count(src.Bytes(), []byte("\n")) < 2000 {
		src.WriteString("*if he says we need to end it now*\nI understand, and I want to leave well.\n> “I will finish the handoff first.”\n- stay calm\n\t- breathe\n\n")
		src.WriteString("Some prose about **why** this matters, over a couple of lines\nthat wrap like real notes do.\n\n")
	}
	b.SetBytes(int64(src.Len()))
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := Import("big.md", src.Bytes(), Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
