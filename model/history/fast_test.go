package history

import (
	"encoding/json"
	"reflect"
	"testing"
	"time"

	"rehearse/model"
)

// FuzzFastMatchesJSON checks the promise of the fast path: whenever it
// accepts a line, encoding/json decodes the same line to the same record.
// The seeds run with every go test; go test -fuzz explores further.
func FuzzFastMatchesJSON(f *testing.F) {
	run := model.Run{ID: "r1", Scenario: "resign", Seed: -7, From: "why", Started: day, Ended: day.Add(time.Minute),
		Abandoned: true, Steps: []string{"open", "why"}, Taken: []model.Taken{{Step: "open", Index: -1, Label: "interrupt", Goto: "why", ByUser: true}},
		Attempts: []model.Attempt{attempt("r1", 3)}}
	for _, rec := range []record{
		{V: Version, Type: typeAttempt, Attempt: &model.Attempt{Scenario: "s", Step: "x"}},
		{V: Version, Type: typeAttempt, Attempt: ptr(attempt("r1", 1))},
		{V: Version, Type: typeRun, Run: &run},
		{V: Version, Type: typeRun, Run: &model.Run{Scenario: "s", Steps: []string{}}},
	} {
		line, _ := json.Marshal(rec)
		f.Add(line)
	}
	for _, s := range []string{
		`{"v":1,"type":"attempt","attempt":{"scenario":"s","step":"é\u00e9","delivery":1e9}}`,
		`{"v":1,"type":"attempt","attempt":{"scenario":"s","step":"x","retries":-9223372036854775808}}`,
		`{"v":1,"type":"attempt","attempt":{"scenario":"s","step":"x","Delivery":5}}`,
		`{"v":1,"type":"run","run":{"scenario":"s","steps":null}}`,
		`{"v":1,"type":"attempt","attempt":{"scenario":"s","step":"x","at":"2025-13-01T00:00:00Z"}}`,
		"{\"v\":1,\"type\":\"attempt\",\"attempt\":{\"scenario\":\"\xff\",\"step\":\"x\"}}",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, line []byte) {
		in := interner{}
		var a model.Attempt
		if fastAttempt(line, &a, in) {
			var rec record
			if err := json.Unmarshal(line, &rec); err != nil || rec.Attempt == nil || !reflect.DeepEqual(*rec.Attempt, a) {
				t.Fatalf("fast path accepted %q as %+v; encoding/json says %+v, %v", line, a, rec.Attempt, err)
			}
		}
		var r model.Run
		if fastRun(line, &r, in) {
			var rec record
			if err := json.Unmarshal(line, &rec); err != nil || rec.Run == nil || !reflect.DeepEqual(*rec.Run, r) {
				t.Fatalf("fast path accepted %q as %+v; encoding/json says %+v, %v", line, r, rec.Run, err)
			}
		}
	})
}

func ptr[T any](v T) *T { return &v }

// TestFastPathTakesPlainRecords guards the speed: records as Store writes
// them must not fall back to encoding/json.
func TestFastPathTakesPlainRecords(t *testing.T) {
	line, _ := json.Marshal(record{V: Version, Type: typeAttempt, Attempt: ptr(attempt("r1", 1))})
	var a model.Attempt
	if !fastAttempt(line, &a, interner{}) || a != attempt("r1", 1) {
		t.Errorf("fast path declined or misread %s: %+v", line, a)
	}
	run := model.Run{ID: "r1", Scenario: "resign", Started: day, Steps: []string{"open"}, Taken: []model.Taken{{Step: "open", Goto: "why"}}}
	line, _ = json.Marshal(record{V: Version, Type: typeRun, Run: &run})
	var r model.Run
	if !fastRun(line, &r, interner{}) || !reflect.DeepEqual(r, run) {
		t.Errorf("fast path declined or misread %s: %+v", line, r)
	}
}
