package history

import (
	"bytes"
	"encoding/json"
	"errors"
	"math"
	"testing"
	"time"

	"rehearse/model"
)

func exportStats() []model.ScenarioStats {
	s := func(f float64) time.Duration { return time.Duration(math.Round(f*1000)) * time.Millisecond }
	return []model.ScenarioStats{
		{
			Scenario: "short-notice", Title: "One week's notice", Runs: 4, Abandoned: 1,
			LastPractised: time.Date(2025, 3, 1, 9, 30, 0, 0, time.UTC),
			Readiness:     model.Practising,
			Coverage: model.Coverage{Met: 1, Total: 3, Missing: []model.ReactionRef{
				{Step: "open", Index: 1, Label: "End it now", Goto: "end-now"},
				{Step: "why", Index: 0, Label: "Accepts", Goto: "end"},
			}},
			Lines: []model.LineStats{
				{Step: "why", Key: true},
				{Step: "open", Key: true, Attempts: 6, Current: 4, Best: s(18.04), Median: s(21.5), MedianLast5: s(21.06),
					Last: s(19), Target: s(20), OverShare: 2.0 / 3, Hesitation: s(3.5),
					Recent: []time.Duration{s(25), s(18), s(30)}, Rewritten: true,
					LastAt: time.Date(2025, 3, 1, 9, 30, 0, 0, time.UTC)},
				{Step: "end", Attempts: 1, Current: 1, Best: s(4), Median: s(4), MedianLast5: s(4), Last: s(4),
					Hesitation: s(1), Recent: []time.Duration{s(4)}, LastAt: time.Date(2025, 3, 1, 9, 31, 0, 0, time.UTC)},
			},
		},
		{Scenario: "meta", Title: "Leaving Meta", Readiness: model.NotStarted, Coverage: model.Coverage{Total: 0}},
	}
}

func TestWriteStatsCSV(t *testing.T) {
	var b bytes.Buffer
	if err := WriteStatsCSV(&b, exportStats()); err != nil {
		t.Fatal(err)
	}
	want := `scenario,step,key,attempts,best_s,median_s,median_last5_s,target_s,over_share,hesitation_s,rewritten,last_at
short-notice,why,true,0,,,,,,,false,
short-notice,open,true,6,18.0,21.5,21.1,20.0,0.67,3.5,true,2025-03-01T09:30:00Z
short-notice,end,false,1,4.0,4.0,4.0,,,1.0,false,2025-03-01T09:31:00Z
`
	if b.String() != want {
		t.Errorf("CSV:\n%s\nwant:\n%s", b.String(), want)
	}
}

func TestWriteStatsJSON(t *testing.T) {
	var b bytes.Buffer
	if err := WriteStatsJSON(&b, exportStats()[1:]); err != nil {
		t.Fatal(err)
	}
	want := `{
  "version": 1,
  "scenarios": [
    {
      "scenario": "meta",
      "title": "Leaving Meta",
      "readiness": "not started",
      "runs": 0,
      "abandoned": 0,
      "last_practised": null,
      "coverage": {
        "met": 0,
        "total": 0,
        "missing": []
      },
      "lines": []
    }
  ]
}
`
	if b.String() != want {
		t.Errorf("JSON:\n%s\nwant:\n%s", b.String(), want)
	}
}

func TestWriteStatsJSONLines(t *testing.T) {
	var b bytes.Buffer
	if err := WriteStatsJSON(&b, exportStats()[:1]); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Scenarios []struct {
			LastPractised string           `json:"last_practised"`
			Lines         []map[string]any `json:"lines"`
		} `json:"scenarios"`
	}
	if err := json.Unmarshal(b.Bytes(), &doc); err != nil {
		t.Fatalf("not valid JSON: %v\n%s", err, b.String())
	}
	sc := doc.Scenarios[0]
	if sc.LastPractised != "2025-03-01T09:30:00Z" || len(sc.Lines) != 3 {
		t.Fatalf("scenario = %+v", sc)
	}
	why, open := sc.Lines[0], sc.Lines[1]
	if why["best_s"] != nil || why["hesitation_s"] != nil || why["last_at"] != nil {
		t.Errorf("a line never practised must have null numbers, got %v", why)
	}
	checks := map[string]any{"best_s": 18.0, "median_last5_s": 21.1, "target_s": 20.0, "over_share": 0.67,
		"hesitation_s": 3.5, "rewritten": true, "old_words_only": false, "attempts": 6.0, "current": 4.0}
	for k, want := range checks {
		if open[k] != want {
			t.Errorf("open.%s = %v, want %v", k, open[k], want)
		}
	}
	if recent, _ := open["recent_s"].([]any); len(recent) != 3 || recent[2] != 30.0 {
		t.Errorf("open.recent_s = %v", open["recent_s"])
	}
	// The raw text keeps one decimal, as documented.
	if !bytes.Contains(b.Bytes(), []byte(`"best_s": 18.0,`)) {
		t.Errorf("durations are not written with one decimal:\n%s", b.String())
	}
}

func TestWriteStatsText(t *testing.T) {
	var b bytes.Buffer
	if err := WriteStatsText(&b, exportStats()); err != nil {
		t.Fatal(err)
	}
	want := `One week's notice (short-notice)
  practising · 4 runs, 1 abandoned · last practised 2025-03-01 09:30 · reactions met 1 of 3
  LINE  KEY  TRIES  BEST   MEDIAN  LAST 5  TARGET  OVER  HESITATION  RECENT  NOTE
  why   key  0      -      -       -       -       -     -                   not practised yet
  open  key  6      18.0s  21.5s   21.1s   20.0s   67%   3.5s        ▅▁█     rewritten: counting the new words only
  end   -    1      4.0s   4.0s    4.0s    -       -     1.0s        ▄
  not yet met: open → end-now ("End it now")
  not yet met: why → end ("Accepts")

Leaving Meta (meta)
  not started · 0 runs · never practised · reactions met 0 of 0
`
	if b.String() != want {
		t.Errorf("text:\n%s\nwant:\n%s", b.String(), want)
	}
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestExportWriteErrors(t *testing.T) {
	for name, write := range map[string]func() error{
		"json": func() error { return WriteStatsJSON(failWriter{}, exportStats()) },
		"csv":  func() error { return WriteStatsCSV(failWriter{}, exportStats()) },
		"text": func() error { return WriteStatsText(failWriter{}, exportStats()) },
	} {
		if err := write(); err == nil {
			t.Errorf("%s: writing to a failing writer succeeded", name)
		}
	}
}
