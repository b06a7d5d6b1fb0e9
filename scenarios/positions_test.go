package scenarios

import (
	"strings"
	"testing"
)

// p builds a scanner path from readable segments; "#3" is array element 3.
func p(segs ...string) string {
	out := make([]string, len(segs))
	for i, s := range segs {
		if strings.HasPrefix(s, "#") {
			s = indexMark + s[1:]
		}
		out[i] = s
	}
	return joinPath("", out...)
}

func TestScanPositions(t *testing.T) {
	src := strings.Join([]string{
		`# [[scenario]] in a comment is not a header`, // 1
		`[[scenario]]`,                          // 2
		`id = "a" # trailing [comment]`,         // 3
		`briefing = """`,                        // 4
		`[[scenario]]`,                          // 5: inside a string
		`start = "x" \""" still text`,           // 6
		`"""`,                                   // 7
		`title = '''`,                           // 8
		`[scenario.steps.fake]'''`,              // 9
		`"start" = 'open'`,                      // 10
		``,                                      // 11
		`[ scenario . steps . "open" ]`,         // 12
		`say = "a \"quoted\" [x] #not comment"`, // 13
		`next = [`,                              // 14
		`  { when = "a, b", goto = "why" },`,    // 15
		`  # a comment between elements`,        // 16
		`  {when="c",goto='end'} ,`,             // 17
		`]`,                                     // 18
		`interrupt.goto = "end"`,                // 19
		``,                                      // 20
		`[[scenario]]`,                          // 21
		`id = "b"`,                              // 22
		`[scenario.steps.s1]`,                   // 23
		`[[scenario.steps.s1.next]]`,            // 24
		`goto = "s2"`,                           // 25
		`[[scenario.steps.s1.next]]`,            // 26
		`    goto = "s3"`,                       // 27
		`[scenario.steps."dotted.id"]`,          // 28
		`manager = ["x", "y"]`,                  // 29
		`[[scenario.test]]`,                     // 30
		`when = 1979-05-27 07:32:00Z`,           // 31
		`name = "t"`,                            // 32
	}, "\n")
	ps := scanPositions(src)
	for _, tc := range []struct {
		path string
		want Pos
	}{
		{p("scenario", "#0"), Pos{2, 1}},
		{p("scenario", "#0", "id"), Pos{3, 1}},
		{p("scenario", "#0", "briefing"), Pos{4, 1}},
		{p("scenario", "#0", "title"), Pos{8, 1}},
		{p("scenario", "#0", "start"), Pos{10, 1}},
		{p("scenario", "#0", "steps", "open"), Pos{12, 1}},
		{p("scenario", "#0", "steps", "open", "say"), Pos{13, 1}},
		{p("scenario", "#0", "steps", "open", "next"), Pos{14, 1}},
		{p("scenario", "#0", "steps", "open", "next", "#0"), Pos{15, 3}},
		{p("scenario", "#0", "steps", "open", "next", "#0", "goto"), Pos{15, 20}},
		{p("scenario", "#0", "steps", "open", "next", "#1"), Pos{17, 3}},
		{p("scenario", "#0", "steps", "open", "next", "#1", "goto"), Pos{17, 13}},
		{p("scenario", "#0", "steps", "open", "interrupt"), Pos{19, 1}},
		{p("scenario", "#0", "steps", "open", "interrupt", "goto"), Pos{19, 11}},
		{p("scenario", "#1"), Pos{21, 1}},
		{p("scenario", "#1", "id"), Pos{22, 1}},
		{p("scenario", "#1", "steps", "s1"), Pos{23, 1}},
		{p("scenario", "#1", "steps", "s1", "next", "#0"), Pos{24, 1}},
		{p("scenario", "#1", "steps", "s1", "next", "#0", "goto"), Pos{25, 1}},
		{p("scenario", "#1", "steps", "s1", "next", "#1"), Pos{26, 1}},
		{p("scenario", "#1", "steps", "s1", "next", "#1", "goto"), Pos{27, 5}},
		{p("scenario", "#1", "steps", "dotted.id"), Pos{28, 1}},
		{p("scenario", "#1", "test", "#0"), Pos{30, 1}},
		{p("scenario", "#1", "test", "#0", "name"), Pos{32, 1}},
	} {
		got, ok := ps.lookup(tc.path)
		if !ok || got != tc.want {
			t.Errorf("%q: got %v (found %v), want %v", strings.ReplaceAll(tc.path, pathSep, "."), got, ok, tc.want)
		}
	}
	// Nothing inside strings or comments may be taken for a key or header.
	for _, bogus := range []string{p("scenario", "#2"), p("scenario", "#0", "steps", "fake")} {
		if pos, ok := ps.lookup(bogus); ok {
			t.Errorf("%q found at %v, but it is inside a string or comment", bogus, pos)
		}
	}
}

func TestScanColumnsCountRunes(t *testing.T) {
	src := "[[scenario]]\r\nsay = \"€€€\"\r\n\t\tkey = true # ünïcödé\r\nnext = [{ when = \"日本語\", goto = \"x\" }]\r\n"
	ps := scanPositions(src)
	for _, tc := range []struct {
		path string
		want Pos
	}{
		{p("scenario", "#0", "say"), Pos{2, 1}},
		{p("scenario", "#0", "key"), Pos{3, 3}},
		{p("scenario", "#0", "next", "#0", "goto"), Pos{4, 25}},
	} {
		if got, _ := ps.lookup(tc.path); got != tc.want {
			t.Errorf("%q: got %v, want %v", tc.path, got, tc.want)
		}
	}
}

func TestScanUnescapesQuotedKeys(t *testing.T) {
	ps := scanPositions("[a.\"b\\u00e9\\\"c\"]\n'd\\e' = 1\n")
	if _, ok := ps.lookup(p("a", "bé\"c")); !ok {
		t.Errorf("quoted key not unescaped: %v", ps.keys)
	}
	if _, ok := ps.lookup(p("a", "bé\"c", `d\e`)); !ok {
		t.Errorf("literal key should keep its backslash: %v", ps.keys)
	}
}

// TestScanSurvivesGarbage feeds text no parser would accept: the scanner
// must stop, not panic or loop.
func TestScanSurvivesGarbage(t *testing.T) {
	for _, src := range []string{
		"", "[", "[[", "[[]]", "= = =", `"unterminated`, `a = """never closed`,
		"a = [1, 2", "a = {b = ", "a = { = }", strings.Repeat("[", 10000),
		"a = " + strings.Repeat("[", 5000), "a = " + strings.Repeat("{b=", 5000),
		"\\x\\u12", `a = "\U0011FFFF"`, "\xff\xfe = 1",
	} {
		scanPositions(src)
	}
}

func TestOffsetPos(t *testing.T) {
	src := "ab\nü€x\n"
	for _, tc := range []struct {
		off  int
		want Pos
	}{{0, Pos{1, 1}}, {2, Pos{1, 3}}, {3, Pos{2, 1}}, {8, Pos{2, 3}}, {9, Pos{2, 4}}, {-4, Pos{1, 1}}, {99, Pos{3, 1}}} {
		if got := offsetPos(src, tc.off); got != tc.want {
			t.Errorf("offset %d: got %v, want %v", tc.off, got, tc.want)
		}
	}
}
