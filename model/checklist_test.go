package model

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// TestRanAsChecklist: the signs of a session worked down the list — every
// prompt in order, nothing dug into, short answers — and what breaks them.
func TestRanAsChecklist(t *testing.T) {
	at := time.Date(2026, 11, 21, 10, 0, 0, 0, time.UTC)
	session := func(n int, answer string) Session {
		var s Session
		for i := range n {
			s.Steps = append(s.Steps, Step{Key: fmt.Sprintf("p:%d", i), Kind: StepPrompt, AnswerKind: KindText,
				PromptID: fmt.Sprint(i), Answer: answer, UpdatedAt: at.Add(time.Duration(i) * time.Minute)})
		}
		return s
	}
	long := strings.Repeat("評価制度が気になっていて、上司にはまだ話せていない。", 3)
	cases := []struct {
		name string
		s    Session
		want bool
	}{
		{"seven prompts in order, short answers", session(7, "はい、大丈夫です"), true},
		{"five prompts only", session(5, "はい"), false},
		{"long answers", session(7, long), false},
		{"a follow-up opened", func() Session {
			s := session(7, "はい")
			s.Steps = append(s.Steps, Step{Key: "f:1", Kind: StepFollowup, Parent: "p:2", Answer: "もう少し詳しく言うと…"})
			return s
		}(), false},
		{"a question of the companion's own", func() Session {
			s := session(7, "はい")
			s.Steps = append(s.Steps, Step{Key: "o:1", Kind: StepOwn, Answer: "家族の話"})
			return s
		}(), false},
		{"one passed over", func() Session {
			s := session(8, "はい")
			s.Steps[3].Answer = ""
			return s
		}(), false},
		{"stopped before the end", func() Session {
			s := session(9, "はい")
			s.Steps[8].Answer = ""
			return s
		}(), true},
		{"answered out of order", func() Session {
			s := session(7, "はい")
			s.Steps[2].UpdatedAt = at.Add(time.Hour)
			return s
		}(), false},
	}
	for _, c := range cases {
		if got := c.s.RanAsChecklist(); got != c.want {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
}
