package model

import (
	"math"
	"reflect"
	"testing"
	"time"
)

const (
	openSay = "Bottom line up front: I have decided to leave."
	whySay  = "I found a role that fits where I want to grow."
)

func statsScenario(t *testing.T) *Scenario {
	t.Helper()
	sc, ps := Compile(Scenario{
		ID: "resign", Title: "Resigning", Start: "open",
		Steps: []Step{
			{ID: "open", Manager: []string{"What's up?"}, Say: openSay, Key: true, Target: 20 * time.Second,
				Next: []Reaction{{Label: "Asks why", Goto: "why", Weight: 1}, {Label: "End it now", Goto: "end", Weight: 1}}},
			{ID: "why", Manager: []string{"Why?"}, Say: whySay, Key: true, Target: 30 * time.Second,
				Next: []Reaction{{Label: "Accepts", Goto: "end", Weight: 1}}},
			{ID: "end", Manager: []string{"OK."}, Say: "Thank you."},
		},
	})
	if ps.HasErrors() {
		t.Fatalf("test scenario does not compile: %v", ps)
	}
	return sc
}

var t0 = time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC)

// sec converts seconds to a Duration, rounded to the millisecond so that
// decimal literals such as 26.4 are exact.
func sec(f float64) time.Duration { return time.Duration(math.Round(f*1000)) * time.Millisecond }

func att(step, say string, minute int, delivery, hesitation float64) Attempt {
	return Attempt{Scenario: "resign", Step: step, TextHash: LineHash(say), At: t0.Add(time.Duration(minute) * time.Minute),
		Delivery: sec(delivery), Hesitation: sec(hesitation)}
}

func TestComputeStatsKnownAttempts(t *testing.T) {
	sc := statsScenario(t)
	// Passed out of order on purpose: stats must order by time.
	h := []Attempt{
		att("open", openSay, 5, 21, 6),
		att("open", openSay, 0, 25, 1),
		att("open", openSay, 1, 18, 2),
		att("open", openSay, 2, 22, 3),
		att("open", openSay, 3, 30, 4),
		att("open", openSay, 4, 19, 5),
		att("open", "an older wording", -10, 10, 9), // set aside: the line was rewritten since
		att("why", "older why", 7, 40, 2),
		att("why", "older why", 8, 35, 2),
		att("gone", "a step that was deleted", 9, 1, 1),
		{Scenario: "other", Step: "open", TextHash: LineHash(openSay), At: t0.Add(time.Hour), Delivery: sec(1)},
	}
	cut := att("open", openSay, 6, 5, 7)
	cut.CutOff = true
	h = append(h, cut)
	runs := []Run{
		{ID: "r1", Scenario: "resign", Started: t0, Ended: t0.Add(6 * time.Minute),
			Taken: []Taken{{Step: "open", Index: 0, Label: "Asks why", Goto: "why"}, {Step: "why", Index: 0, Label: "Accepts", Goto: "end"}}},
		// An index from before the reactions were reordered still counts by goto.
		{ID: "r2", Scenario: "resign", Started: t0.Add(7 * time.Minute), Ended: t0.Add(8 * time.Minute), Abandoned: true,
			Taken: []Taken{{Step: "open", Index: 5, Label: "renamed", Goto: "why"}, {Step: "open", Index: -1, Label: "interrupt", Goto: "end"}}},
		{ID: "r3", Scenario: "other", Started: t0.Add(2 * time.Hour)},
	}

	st := ComputeStats(sc, h, runs)

	wantLines := []LineStats{
		{Step: "why", Key: true, Attempts: 2, Current: 0, Best: sec(35), Median: sec(37.5), MedianLast5: sec(37.5),
			Last: sec(35), Target: sec(30), OverShare: 1, Hesitation: sec(2), Recent: []time.Duration{sec(40), sec(35)},
			Rewritten: true, LastAt: t0.Add(8 * time.Minute)},
		{Step: "open", Key: true, Attempts: 7, Current: 7, Best: sec(18), Median: sec(21.5), MedianLast5: sec(21),
			Last: sec(21), Target: sec(20), OverShare: 4.0 / 6, Hesitation: sec(4),
			Recent:    []time.Duration{sec(25), sec(18), sec(22), sec(30), sec(19), sec(21)},
			Rewritten: true, LastAt: t0.Add(6 * time.Minute)},
	}
	if !reflect.DeepEqual(st.Lines, wantLines) {
		t.Errorf("lines:\n got %+v\nwant %+v", st.Lines, wantLines)
	}
	wantCov := Coverage{Met: 2, Total: 3, Missing: []ReactionRef{{Step: "open", Index: 1, Label: "End it now", Goto: "end"}}}
	if !reflect.DeepEqual(st.Coverage, wantCov) {
		t.Errorf("coverage = %+v, want %+v", st.Coverage, wantCov)
	}
	if st.Runs != 2 || st.Abandoned != 1 {
		t.Errorf("runs = %d (%d abandoned), want 2 (1 abandoned)", st.Runs, st.Abandoned)
	}
	if want := t0.Add(8 * time.Minute); !st.LastPractised.Equal(want) {
		t.Errorf("last practised = %v, want %v", st.LastPractised, want)
	}
	if st.Readiness != Practising {
		t.Errorf("readiness = %v, want practising", st.Readiness)
	}
	if st.Scenario != "resign" || st.Title != "Resigning" {
		t.Errorf("scenario = %q %q", st.Scenario, st.Title)
	}
}

func TestComputeStatsUnpractisedKeyLinesListedFirst(t *testing.T) {
	sc := statsScenario(t)
	h := []Attempt{att("open", openSay, 0, 50, 1), att("end", "Thank you.", 1, 2, 1)}
	st := ComputeStats(sc, h, nil)
	var order []string
	for _, l := range st.Lines {
		order = append(order, l.Step)
	}
	// why has never been delivered, so it leads; the non-key line comes last.
	if want := []string{"why", "open", "end"}; !reflect.DeepEqual(order, want) {
		t.Errorf("order = %v, want %v", order, want)
	}
	if st.Lines[0].Practised() || st.Lines[0].Rewritten {
		t.Errorf("unpractised line = %+v", st.Lines[0])
	}
}

func TestReadiness(t *testing.T) {
	sc := statsScenario(t)
	full := []Run{{Scenario: "resign", Taken: []Taken{
		{Step: "open", Index: 0, Goto: "why"}, {Step: "open", Index: 1, Goto: "end"}, {Step: "why", Index: 0, Goto: "end"}}}}
	partial := []Run{{Scenario: "resign", Taken: []Taken{{Step: "open", Index: 0, Goto: "why"}, {Step: "why", Index: 0, Goto: "end"}}}}
	good := func(step, say string, d float64) []Attempt {
		return []Attempt{att(step, say, 0, d, 1), att(step, say, 1, d, 1), att(step, say, 2, d, 1)}
	}
	ready := append(good("open", openSay, 19), good("why", whySay, 29)...)
	tests := []struct {
		name string
		h    []Attempt
		runs []Run
		want Readiness
	}{
		{"nothing yet", nil, nil, NotStarted},
		{"only another scenario", []Attempt{{Scenario: "other", Step: "open"}}, []Run{{Scenario: "other"}}, NotStarted},
		{"abandoned run without a line", nil, []Run{{Scenario: "resign", Abandoned: true}}, Practising},
		{"ready", ready, full, Ready},
		{"coverage below 75%", ready, partial, Practising},
		{"a key line over target", append(good("open", openSay, 19), good("why", whySay, 31)...), full, Practising},
		{"a key line with two attempts", append(good("open", openSay, 19), good("why", whySay, 29)[:2]...), full, Practising},
		{"a key line rewritten since", append(good("open", openSay, 19), good("why", "old words", 29)...), full, Practising},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ComputeStats(sc, tt.h, tt.runs).Readiness; got != tt.want {
				t.Errorf("readiness = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestCoverageSharedGotoNeedsLabel(t *testing.T) {
	sc, ps := Compile(Scenario{ID: "s", Start: "a", Steps: []Step{
		{ID: "a", Say: "x", Next: []Reaction{{Label: "Angry", Goto: "b", Weight: 1}, {Label: "Calm", Goto: "b", Weight: 1}}},
		{ID: "b", Manager: []string{"ok"}},
	}})
	if ps.HasErrors() {
		t.Fatal(ps)
	}
	cov := ComputeCoverage(sc, []Run{{Scenario: "s", Taken: []Taken{{Step: "a", Index: 1, Label: "Calm", Goto: "b"}}}})
	want := Coverage{Met: 1, Total: 2, Missing: []ReactionRef{{Step: "a", Index: 0, Label: "Angry", Goto: "b"}}}
	if !reflect.DeepEqual(cov, want) {
		t.Errorf("coverage = %+v, want %+v", cov, want)
	}
	if cov.Share() != 0.5 || (Coverage{}).Share() != 1 {
		t.Errorf("share = %v, empty share = %v", cov.Share(), Coverage{}.Share())
	}
}

func TestCompare(t *testing.T) {
	prev := []Attempt{
		att("open", openSay, 0, 30, 1),
		att("open", openSay, 1, 24, 1),
		att("open", openSay, 2, 22, 1),
		att("open", openSay, 3, 26, 1),
		att("open", openSay, 4, 20, 1),
		att("open", openSay, 5, 25, 1), // last five: 24 22 26 20 25 → median 24, best overall 20
		att("why", whySay, 6, 1, 1),    // another line
		att("open", openSay, 99, 1, 1), // after the delivery compared: ignored
	}
	cutPrev := att("open", openSay, 6, 2, 1)
	cutPrev.CutOff = true
	prev = append(prev, cutPrev)
	cut := att("open", openSay, 10, 5, 1)
	cut.CutOff = true
	tests := []struct {
		name string
		prev []Attempt
		a    Attempt
		want Comparison
	}{
		{"first ever", nil, att("open", openSay, 10, 21, 1), Comparison{}},
		{"personal best", prev, att("open", openSay, 10, 19, 1),
			Comparison{Previous: 6, Best: sec(20), MedianLast5: sec(24), Change: sec(-5), PersonalBest: true}},
		{"within tolerance", prev, att("open", openSay, 10, 26.4, 1),
			Comparison{Previous: 6, Best: sec(20), MedianLast5: sec(24), Change: sec(2.4)}},
		{"worse", prev, att("open", openSay, 10, 26.5, 1),
			Comparison{Previous: 6, Best: sec(20), MedianLast5: sec(24), Change: sec(2.5), Worse: true}},
		{"cut off is not compared", prev, cut, Comparison{Previous: 6}},
		{"new wording falls back to all", prev, att("open", "new words", 10, 23, 1),
			Comparison{Previous: 6, Best: sec(20), MedianLast5: sec(24), Change: sec(-1)}},
		{"same wording preferred", append(prev[:6:6], att("open", "new words", 7, 40, 1)), att("open", "new words", 10, 44.5, 1),
			Comparison{Previous: 1, Best: sec(40), MedianLast5: sec(40), Change: sec(4.5), Worse: true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Compare(tt.prev, tt.a); got != tt.want {
				t.Errorf("Compare = %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestWorseByFloor(t *testing.T) {
	if got := WorseBy(sec(5)); got != time.Second {
		t.Errorf("WorseBy(5s) = %v, want the 1s floor", got)
	}
	if got := WorseBy(sec(40)); got != sec(4) {
		t.Errorf("WorseBy(40s) = %v, want 4s", got)
	}
}

func TestMedian(t *testing.T) {
	in := []time.Duration{sec(3), sec(1), sec(2), sec(10)}
	if got := Median(in); got != sec(2.5) {
		t.Errorf("Median = %v, want 2.5s", got)
	}
	if in[0] != sec(3) {
		t.Error("Median reordered its input")
	}
	if Median(nil) != 0 || Median(in[:3]) != sec(2) {
		t.Error("Median of none or an odd count is wrong")
	}
}

func TestSparkline(t *testing.T) {
	tests := []struct {
		in   []time.Duration
		want string
	}{
		{nil, ""},
		{[]time.Duration{sec(1), sec(2), sec(3), sec(4), sec(5), sec(6), sec(7), sec(8)}, "▁▂▃▄▅▆▇█"},
		{[]time.Duration{sec(30), sec(20), sec(10)}, "█▅▁"},
		{[]time.Duration{sec(4), sec(4)}, "▄▄"},
	}
	for _, tt := range tests {
		if got := Sparkline(tt.in); got != tt.want {
			t.Errorf("Sparkline(%v) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestComputeAllMatchesComputeStats(t *testing.T) {
	sc := statsScenario(t)
	other := *sc
	other.ID = "other"
	h := []Attempt{att("open", openSay, 0, 21, 1), {Scenario: "other", Step: "open", TextHash: LineHash(openSay), Delivery: sec(3)}}
	all := ComputeAll([]*Scenario{sc, &other}, h, nil)
	if len(all) != 2 {
		t.Fatalf("got %d scenarios", len(all))
	}
	for i, s := range []*Scenario{sc, &other} {
		if want := ComputeStats(s, h, nil); !reflect.DeepEqual(all[i], want) {
			t.Errorf("ComputeAll[%d] = %+v, want %+v", i, all[i], want)
		}
	}
}
