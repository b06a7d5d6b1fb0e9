// Package scengen generates large scenarios for benchmarks: a conversation
// grown far past any real one, shaped like one.
package scengen

import (
	"strconv"
	"time"

	"rehearse/model"
)

// Tree returns an n-step scenario: each step has up to three reactions
// leading deeper (weights 1–3), every seventh step is a key line, every fifth
// has an interrupt, and the leaves end the conversation. Every step is
// reachable and every path ends.
func Tree(n int) model.Scenario {
	sc := model.Scenario{ID: "big", Title: "Big", Counterpart: "Manager", Start: "s0", Steps: make([]model.Step, n)}
	for i := range n {
		st := model.Step{ID: id(i), Manager: []string{"What now?"},
			Say: "A line of about ten words to say out loud here.", Key: i%7 == 0}
		for c := 3*i + 1; c <= 3*i+3 && c < n; c++ {
			st.Next = append(st.Next, model.Reaction{Label: "goes to " + id(c), Goto: id(c), Weight: float64(c%3 + 1)})
		}
		if i%5 == 0 && len(st.Next) > 0 {
			st.Interrupt = &model.Interrupt{After: time.Second, Chance: 0.3, Goto: st.Next[0].Goto}
		}
		sc.Steps[i] = st
	}
	return sc
}

func id(i int) string { return "s" + strconv.Itoa(i) }
