package history

import (
	"bytes"
	"math"
	"time"
	"unicode/utf8"

	"rehearse/model"
)

// Attempts and runs are nearly all of a history, and encoding/json's
// reflection made reading 100,000 of them take half a second. fastRecord
// decodes the exact shapes this version writes —
// {"v":1,"type":"attempt","attempt":{...}} and {"v":1,"type":"run","run":{...}}
// — directly, and gives up (ok == false) on anything it is not sure of: an
// escape it would have to interpret, a null, a number that is not a plain
// integer, a field it does not know, whitespace, any syntax error. The caller
// then decodes the line with encoding/json, which stays the reference for
// every odd case, so the fast path can make reading faster, never different.

var (
	attemptPrefix = []byte(`{"v":1,"type":"attempt","attempt":`)
	runPrefix     = []byte(`{"v":1,"type":"run","run":`)
)

// interner shares the strings that repeat across records (scenario and
// step ids, text hashes, prompts, run ids, labels), which also saves most
// of the memory a long history would take.
type interner map[string]string

func (in interner) get(b []byte) string {
	if s, ok := in[string(b)]; ok { // no allocation for the lookup
		return s
	}
	s := string(b)
	in[s] = s
	return s
}

// fastAttempt decodes line into *a if it is a plain version-1 attempt
// record. *a must be zero; on false it holds garbage.
func fastAttempt(line []byte, a *model.Attempt, in interner) bool {
	if !bytes.HasPrefix(line, attemptPrefix) || line[len(line)-1] != '}' {
		return false
	}
	p := parser{b: line[len(attemptPrefix) : len(line)-1], in: in}
	return p.attempt(a) && p.i == len(p.b)
}

// fastRun decodes line into *r if it is a plain version-1 run record. *r
// must be zero; on false it holds garbage.
func fastRun(line []byte, r *model.Run, in interner) bool {
	if !bytes.HasPrefix(line, runPrefix) || line[len(line)-1] != '}' {
		return false
	}
	p := parser{b: line[len(runPrefix) : len(line)-1], in: in}
	return p.run(r) && p.i == len(p.b)
}

// attempt decodes an attempt object.
func (p *parser) attempt(a *model.Attempt) bool {
	return p.object(func(key []byte) bool {
		switch string(key) {
		case "run":
			return p.interned(&a.Run)
		case "scenario":
			return p.interned(&a.Scenario)
		case "step":
			return p.interned(&a.Step)
		case "text_hash":
			return p.interned(&a.TextHash)
		case "prompt":
			return p.interned(&a.Prompt)
		case "key":
			return p.boolean(&a.Key)
		case "cut_off":
			return p.boolean(&a.CutOff)
		case "at":
			return p.time(&a.At)
		case "hesitation":
			return p.duration(&a.Hesitation)
		case "delivery":
			return p.duration(&a.Delivery)
		case "target":
			return p.duration(&a.Target)
		case "retries":
			return p.int(&a.Retries)
		case "visit":
			return p.int(&a.Visit)
		}
		return false
	})
}

// run decodes a run object.
func (p *parser) run(r *model.Run) bool {
	return p.object(func(key []byte) bool {
		switch string(key) {
		case "id":
			return p.interned(&r.ID)
		case "scenario":
			return p.interned(&r.Scenario)
		case "from":
			return p.interned(&r.From)
		case "seed":
			return p.integer(&r.Seed)
		case "started":
			return p.time(&r.Started)
		case "ended":
			return p.time(&r.Ended)
		case "abandoned":
			return p.boolean(&r.Abandoned)
		case "steps":
			r.Steps = []string{}
			return p.array(func() bool {
				r.Steps = append(r.Steps, "")
				return p.interned(&r.Steps[len(r.Steps)-1])
			})
		case "taken":
			r.Taken = []model.Taken{}
			return p.array(func() bool {
				r.Taken = append(r.Taken, model.Taken{})
				return p.taken(&r.Taken[len(r.Taken)-1])
			})
		case "attempts":
			r.Attempts = []model.Attempt{}
			return p.array(func() bool {
				r.Attempts = append(r.Attempts, model.Attempt{})
				return p.attempt(&r.Attempts[len(r.Attempts)-1])
			})
		}
		return false
	})
}

// taken decodes one reaction of a run.
func (p *parser) taken(t *model.Taken) bool {
	return p.object(func(key []byte) bool {
		switch string(key) {
		case "step":
			return p.interned(&t.Step)
		case "index":
			return p.int(&t.Index)
		case "label":
			return p.interned(&t.Label)
		case "goto":
			return p.interned(&t.Goto)
		case "by_user":
			return p.boolean(&t.ByUser)
		}
		return false
	})
}

// parser reads JSON values from b, strictly, without whitespace and
// without allocating except for new strings.
type parser struct {
	b  []byte
	i  int
	in interner
}

func (p *parser) peek() byte {
	if p.i < len(p.b) {
		return p.b[p.i]
	}
	return 0
}

// byte consumes c if it comes next.
func (p *parser) byte(c byte) bool {
	if p.peek() == c {
		p.i++
		return true
	}
	return false
}

// object reads an object, calling field for each key with the parser at
// its value; field must consume the value or return false.
func (p *parser) object(field func(key []byte) bool) bool {
	if !p.byte('{') {
		return false
	}
	if p.byte('}') {
		return true
	}
	for {
		key, ok := p.str()
		if !ok || !p.byte(':') || !field(key) {
			return false
		}
		if !p.byte(',') {
			return p.byte('}')
		}
	}
}

// array reads an array, calling elem for each element.
func (p *parser) array(elem func() bool) bool {
	if !p.byte('[') {
		return false
	}
	if p.byte(']') {
		return true
	}
	for {
		if !elem() {
			return false
		}
		if !p.byte(',') {
			return p.byte(']')
		}
	}
}

// str reads a string without escapes, control characters or invalid UTF-8,
// and returns its bytes (which alias the line).
func (p *parser) str() ([]byte, bool) {
	if !p.byte('"') {
		return nil, false
	}
	start := p.i
	for p.i < len(p.b) {
		c := p.b[p.i]
		switch {
		case c == '"':
			s := p.b[start:p.i]
			p.i++
			return s, utf8.Valid(s)
		case c == '\\' || c < 0x20:
			return nil, false
		}
		p.i++
	}
	return nil, false
}

func (p *parser) interned(dst *string) bool {
	s, ok := p.str()
	if ok {
		*dst = p.in.get(s)
	}
	return ok
}

func (p *parser) time(dst *time.Time) bool {
	s, ok := p.str()
	return ok && dst.UnmarshalText(s) == nil
}

func (p *parser) boolean(dst *bool) bool {
	switch {
	case bytes.HasPrefix(p.b[p.i:], []byte("true")):
		p.i += 4
		*dst = true
	case bytes.HasPrefix(p.b[p.i:], []byte("false")):
		p.i += 5
		*dst = false
	default:
		return false
	}
	return true
}

// integer reads a plain JSON integer that fits an int64: an optional minus
// and digits, no leading zeros, no fraction or exponent.
func (p *parser) integer(dst *int64) bool {
	neg := p.byte('-')
	digits := p.i
	var n uint64
	for p.i < len(p.b) && p.b[p.i] >= '0' && p.b[p.i] <= '9' {
		if n > (math.MaxUint64-9)/10 {
			return false
		}
		n = n*10 + uint64(p.b[p.i]-'0')
		p.i++
	}
	if p.i == digits || (p.b[digits] == '0' && p.i-digits > 1) {
		return false
	}
	if c := p.peek(); c == '.' || c == 'e' || c == 'E' {
		return false
	}
	switch {
	case !neg && n <= math.MaxInt64:
		*dst = int64(n)
	case neg && n <= 1<<63:
		*dst = -int64(n-1) - 1
	default:
		return false
	}
	return true
}

func (p *parser) int(dst *int) bool {
	var n int64
	if !p.integer(&n) || n != int64(int(n)) {
		return false
	}
	*dst = int(n)
	return true
}

func (p *parser) duration(dst *time.Duration) bool {
	return p.integer((*int64)(dst))
}
