package ui

import (
	"errors"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"rehearse/model"
	"rehearse/model/history"
)

// pastOf builds a history of sc: one finished run two days before epoch
// that delivered each line with the given times, in order, and took the
// listed reactions ("step/index").
func pastOf(t testing.TB, sc *model.Scenario, at time.Time, id string, takes map[string][]time.Duration, taken ...string) *history.History {
	t.Helper()
	h := &history.History{}
	run := model.Run{ID: id, Scenario: sc.ID, Seed: 1, Started: at, Ended: at.Add(10 * time.Minute)}
	i := 0
	for _, step := range sc.Steps {
		for _, d := range takes[step.ID] {
			i++
			h.Attempts = append(h.Attempts, model.Attempt{Run: id, Scenario: sc.ID, Step: step.ID,
				TextHash: model.LineHash(step.Say), Key: step.Key, At: at.Add(time.Duration(i) * time.Second),
				Hesitation: 1500 * time.Millisecond, Delivery: d, Target: sc.Target(&step)})
		}
		if len(takes[step.ID]) > 0 {
			run.Steps = append(run.Steps, step.ID)
		}
	}
	for _, ref := range taken {
		stepID, idx, _ := strings.Cut(ref, "/")
		step, ok := sc.Step(stepID)
		if !ok {
			t.Fatalf("no step %q", stepID)
		}
		re := step.Next[int(idx[0]-'0')]
		run.Taken = append(run.Taken, model.Taken{Step: stepID, Index: int(idx[0] - '0'), Label: re.Label, Goto: re.Goto})
	}
	h.Runs = append(h.Runs, run)
	return h
}

// fixturePast is two days of practice of the fixture: open twice, slowly
// (22s, 24s against 20s), close three times at 4s, why never; reactions
// "Asks why" and why's "Accepts" met, two of four.
func fixturePast(t testing.TB, sc *model.Scenario) *history.History {
	return pastOf(t, sc, epoch.Add(-50*time.Hour), "earlier", map[string][]time.Duration{
		"open":  {22 * time.Second, 24 * time.Second},
		"close": {4 * time.Second, 4 * time.Second, 4 * time.Second},
	}, "open/0", "why/0")
}

// lineOf returns the screen line that starts (after spaces) with prefix.
func lineOf(t *testing.T, screen, prefix string) string {
	t.Helper()
	for _, l := range strings.Split(screen, "\n") {
		if strings.HasPrefix(strings.TrimSpace(l), prefix) {
			return l
		}
	}
	t.Fatalf("no line starting %q on screen:\n%s", prefix, screen)
	return ""
}

// requireFields fails unless line holds the fields in order.
func requireFields(t *testing.T, line string, want ...string) {
	t.Helper()
	got := strings.Fields(line)
	j := 0
	for _, f := range got {
		if j < len(want) && f == want[j] {
			j++
		}
	}
	if j < len(want) {
		t.Fatalf("line %q lacks %q (in order: %q)", line, want[j], want)
	}
}

func TestReportComparesWithEarlierRuns(t *testing.T) {
	sc := fixture(t, 0)
	hs := newHarness(t, Config{Scenarios: []*model.Scenario{sc}, Seed: 7, History: fixturePast(t, sc)}, 100, 30)
	hs.key("enter")
	hs.key("enter")
	hs.deliver(12 * time.Second) // open: 12s against a best of 22s — a personal best
	hs.key("1")                  // Asks why
	hs.deliver(3 * time.Second)  // why: never delivered before
	hs.key("enter")
	hs.deliver(7 * time.Second) // close: 7s against 4s every time — slower
	hs.key("enter")
	if hs.app.screen != screenReport {
		t.Fatalf("screen %v, want the report", hs.app.screen)
	}
	s := hs.screenText()
	requireFields(t, lineOf(t, s, "Line"), "Line", "Target", "Actual", "Hesitation", "vs", "target", "Best", "Median", "Change")
	requireFields(t, lineOf(t, s, "open ★"), "open", "★", "20s", "12.0s", "✓", "8.0s", "under", "22.0s", "23.0s", "−11s", "PB")
	requireFields(t, lineOf(t, s, "why"), "why", "3.0s", "first", "time")
	requireFields(t, lineOf(t, s, "close ★"), "close", "★", "5s", "7.0s", "+2.0s", "over", "4.0s", "4.0s", "+3.0s", "▲", "slower")
	hs.requireScreen("1 personal best · 1 line slower than usual")
	if strings.Contains(lineOf(t, s, "why"), "PB") || strings.Contains(lineOf(t, s, "open ★"), "slower") {
		t.Fatalf("markers on the wrong lines:\n%s", s)
	}
}

func TestReportRetakeIsNotAPersonalBest(t *testing.T) {
	sc := fixture(t, 0)
	hs := newHarness(t, Config{Scenarios: []*model.Scenario{sc}, Seed: 7}, 100, 30)
	hs.key("enter")
	hs.key("enter")
	hs.deliver(9 * time.Second)
	hs.key("r")
	hs.deliver(4 * time.Second) // faster than take 1, but take 1 was this run
	hs.key("2")
	hs.deliver(2 * time.Second)
	hs.key("enter")
	s := hs.screenText()
	requireFields(t, lineOf(t, s, "open ★"), "open", "★", "9.0s", "first", "time")
	requireFields(t, lineOf(t, s, "open (take 2) ★"), "4.0s", "first", "time")
	if strings.Contains(s, "PB") || strings.Contains(s, "Median") {
		t.Fatalf("a first run has nothing to compare with:\n%s", s)
	}
}

func TestReportCondensedAt40(t *testing.T) {
	sc := fixture(t, 0)
	hs := newHarness(t, Config{Scenarios: []*model.Scenario{sc}, Seed: 7, History: fixturePast(t, sc)}, 40, 12)
	hs.key("enter")
	hs.key("enter")
	hs.deliver(12 * time.Second)
	hs.key("2")
	hs.deliver(2 * time.Second)
	hs.key("enter")
	s := hs.screenText()
	requireFields(t, lineOf(t, s, "open ★"), "open", "★", "12.0s", "PB")
	if strings.Contains(s, "Hesitation") {
		t.Fatalf("40 columns should drop hesitation:\n%s", s)
	}
}

func TestStatsScreen(t *testing.T) {
	sc := fixture(t, 0)
	hs := newHarness(t, Config{Scenarios: []*model.Scenario{sc, realistic(t)}, History: fixturePast(t, sc)}, 100, 30)
	hs.requireScreen("◐ practising · last practised 2 days ago · 2 of 4 reactions", "t stats")
	hs.key("t")
	if hs.app.screen != screenStats {
		t.Fatalf("t went to %v, want stats", hs.app.screen)
	}
	s := hs.screenText()
	hs.requireScreen("Timings — Telling John", "‹ 1 of 2 ›", "◐ practising · 1 run · last practised 2 days ago",
		"Reactions ██░░ 2 of 4 reactions met", "Not yet practised:", "open → Ends it now", "when → Accepts")
	requireFields(t, lineOf(t, s, "Line"), "Line", "Tries", "Best", "Median", "Target", "Over", "Hesitation", "Recent")
	requireFields(t, lineOf(t, s, "open ★"), "open", "★", "2", "22.0s", "23.0s", "20s", "100%", "1.5s", "▁█")
	requireFields(t, lineOf(t, s, "close ★"), "close", "★", "3", "4.0s", "4.0s", "5s", "0%", "1.5s", "▄▄▄")
	if strings.Index(s, "open ★") > strings.Index(s, "close ★") {
		t.Fatalf("open (23s median against 20s) is weaker than close and should come first:\n%s", s)
	}
	if strings.Contains(s, "Asks why\n") || strings.Contains(s, "why → Accepts") {
		t.Fatalf("met reactions listed as not practised:\n%s", s)
	}

	hs.send(tea.KeyPressMsg{Code: tea.KeyTab})
	hs.requireScreen("Timings — Resigning with one week's notice", "‹ 2 of 2 ›", "○ not started · 0 runs",
		"0 of 7 reactions met", "No attempts yet — press enter on home to rehearse.")
	hs.send(tea.KeyPressMsg{Code: tea.KeyTab, Mod: tea.ModShift})
	hs.requireScreen("Timings — Telling John")
	hs.key("esc")
	if hs.app.screen != screenHome {
		t.Fatalf("esc went to %v, want home", hs.app.screen)
	}
	hs.key("t")
	hs.key("q")
	if !hs.quit {
		t.Fatal("q did not quit from the stats screen")
	}
}

func TestStatsHelpTellsTheTruth(t *testing.T) {
	sc := fixture(t, 0)
	hs := newHarness(t, Config{Scenarios: []*model.Scenario{sc}, History: fixturePast(t, sc)}, 100, 30)
	hs.key("t")
	hs.key("?")
	s := hs.screenText()
	for _, w := range []string{"esc", "home", "q", "quit"} {
		if !strings.Contains(s, w) {
			t.Errorf("help lacks %q:\n%s", w, s)
		}
	}
	for _, n := range []string{"next scenario", "previous scenario", "scroll"} {
		if strings.Contains(s, n) {
			t.Errorf("help shows %q with one scenario that fits the screen:\n%s", n, s)
		}
	}
}

func TestStatsRewrittenLine(t *testing.T) {
	sc := fixture(t, 0)
	h := fixturePast(t, sc)
	h.Attempts[0].TextHash = "old words" // the first take of open was of other words
	hs := newHarness(t, Config{Scenarios: []*model.Scenario{sc}, History: h}, 100, 30)
	hs.key("t")
	requireFields(t, lineOf(t, hs.screenText(), "open ★"), "open", "★", "✎", "1", "24.0s")
	hs.requireScreen("✎ rewritten")
}

// TestHistoryFollowsTheRun checks home and stats count the run just done,
// even when saving it failed.
func TestHistoryFollowsTheRun(t *testing.T) {
	sc := fixture(t, 0)
	hs := newHarness(t, Config{Scenarios: []*model.Scenario{sc}, Seed: 7,
		OnRunEnd: func(model.Run) error { return errTest }}, 100, 30)
	hs.requireScreen("○ not started · 0 of 4 reactions")
	hs.key("t")
	hs.requireScreen("No attempts yet")
	hs.key("esc")
	hs.key("enter")
	hs.key("enter")
	hs.clock.advance(14 * time.Minute)
	hs.deliver(12 * time.Second)
	hs.key("2") // Ends it now
	hs.deliver(2 * time.Second)
	hs.key("enter")
	hs.key("esc")
	hs.requireScreen("◐ practising · last practised today 09:14 · 1 of 4 reactions")
	hs.key("t")
	hs.requireScreen("1 run · last practised today 09:14", "1 of 4 reactions met")
	requireFields(t, lineOf(t, hs.screenText(), "open ★"), "open", "★", "1", "12.0s", "12.0s", "20s", "0%")
	requireFields(t, lineOf(t, hs.screenText(), "close ★"), "close", "★", "0", "—", "—", "5s", "—", "—", "not", "yet")
}

var errTest = errors.New("disk full")

func TestAgo(t *testing.T) {
	now := time.Date(2026, 3, 10, 18, 30, 0, 0, time.UTC)
	for _, c := range []struct {
		at   time.Time
		want string
	}{
		{time.Time{}, "never"},
		{time.Date(2026, 3, 10, 9, 14, 0, 0, time.UTC), "today 09:14"},
		{time.Date(2026, 3, 9, 23, 59, 0, 0, time.UTC), "yesterday"},
		{time.Date(2026, 3, 7, 8, 0, 0, 0, time.UTC), "3 days ago"},
		{time.Date(2026, 1, 2, 8, 0, 0, 0, time.UTC), "on 2 Jan"},
		{time.Date(2025, 12, 2, 8, 0, 0, 0, time.UTC), "on 2 Dec 2025"},
		{now.Add(time.Hour), "today 19:30"}, // a clock a little ahead
	} {
		if got := ago(c.at, now); got != c.want {
			t.Errorf("ago(%v) = %q, want %q", c.at, got, c.want)
		}
	}
}

// TestProgramStatsScreen opens the stats screen with t in the real program
// and waits for the numbers of the history it was given.
func TestProgramStatsScreen(t *testing.T) {
	sc := fixture(t, 0)
	tm, waitFor := programWith(t, Config{Scenarios: []*model.Scenario{sc}, History: fixturePast(t, sc),
		Clock: func() time.Time { return epoch }}, 80, 24)
	waitFor("Telling John", "2 days ago")
	tm.Send(keyMsg("t"))
	waitFor("Timings", "22.0s", "23.0s", "100%", "▁█", "2 of 4 reactions met", "when → Accepts")
	tm.Send(keyMsg("q"))
	fm := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(*App)
	if fm.screen != screenStats {
		t.Fatalf("final screen %v, want stats", fm.screen)
	}
}

// TestProgramReportPersonalBest rehearses the fixture in the real program
// against a history whose open and close lines were slower, and waits for
// the report to call the new times personal bests.
func TestProgramReportPersonalBest(t *testing.T) {
	sc := fixture(t, 0)
	// The real clock runs this test: the earlier run must be earlier than
	// now, whatever now is.
	past := pastOf(t, sc, time.Now().Add(-50*time.Hour), "earlier", map[string][]time.Duration{
		"open": {22 * time.Second, 24 * time.Second}, "close": {40 * time.Second},
	})
	// Lines take fifteen seconds: the clock jumps while each is spoken, so
	// no delivery is rushed and the test need not wait.
	var skew atomic.Int64
	clock := func() time.Time { return time.Now().Add(time.Duration(skew.Load())) }
	speak := func() { skew.Add(int64(15 * time.Second)) }
	tm, waitFor := programWith(t, Config{Scenarios: []*model.Scenario{sc}, Seed: 7, History: past, Clock: clock}, 100, 30)
	press := func(k string) { tm.Send(keyMsg(k)) }
	waitFor("Telling John")
	press("enter")
	waitFor("Your goal")
	press("enter")
	waitFor("thinking")
	press("enter")
	waitFor("Your turn")
	press("space")
	waitFor("Speaking")
	speak()
	press("space")
	waitFor("Asks why")
	press("1")
	waitFor("thinking")
	press("enter")
	waitFor("Your turn")
	press("s")
	waitFor("Skipped")
	press("enter")
	waitFor("thinking")
	press("enter")
	waitFor("Your turn")
	press("space")
	waitFor("Speaking")
	speak()
	press("space")
	waitFor("report")
	press("enter")
	waitFor("How it went", "22.0s", "23.0s", "PB", "2 personal bests")
	press("q")
	fm := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(*App)
	if fm.screen != screenReport {
		t.Fatalf("final screen %v, want the report", fm.screen)
	}
	for i, c := range fm.report.cmp {
		if a := fm.report.run.Attempts[i]; !c.PersonalBest {
			t.Errorf("%s in %v against %+v: not a personal best", a.Step, a.Delivery, c)
		}
	}
}

// realisticPast is a run of the realistic scenario two days before epoch,
// a take of each of its first three lines slower than the next run's 3s.
func realisticPast(t testing.TB, sc *model.Scenario) *history.History {
	return pastOf(t, sc, epoch.Add(-50*time.Hour), "earlier", map[string][]time.Duration{
		"open": {18 * time.Second, 25 * time.Second}, "why": {30 * time.Second}, "last-day": {2 * time.Second},
	}, "open/1", "why/0")
}

// TestEmptyStatsFit draws the stats screen of a scenario never practised
// at every size.
func TestEmptyStatsFit(t *testing.T) {
	hs := newHarness(t, Config{Scenarios: []*model.Scenario{realistic(t)}}, 80, 24)
	hs.key("t")
	hs.requireScreen("No attempts yet")
	checkEverySize(t, "stats-empty", hs)
}
