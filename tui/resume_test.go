package tui

import (
	"context"
	"testing"

	"bansou/model"
)

// resumeAfterCrash starts bansou again on the database a crashed one left
// (see crashedHarness), takes the resume offer and types a mark where the
// keys land.
func resumeAfterCrash(t *testing.T, path string, id int64) *harness {
	t.Helper()
	h := newHarness(t, 100, 30, withStore(openStoreAt(t, path, 0)))
	h.contains("途中のセッションがあります")
	h.press("enter")
	if r := h.runnerOnTop(); r.id != id {
		t.Fatalf("resumed session %d, want %d", r.id, id)
	}
	h.typeText("★")
	h.press("ctrl+s")
	return h
}

// crashedAt100 is crashedHarness at 100×30 with an engagement on screen.
func crashedAt100(t *testing.T) (*harness, string, model.Engagement) {
	t.Helper()
	path := t.TempDir() + "/bansou.db"
	h := newHarness(t, 100, 30, withStore(openStoreAt(t, path, deadPid(t))))
	e := h.seed()
	return h, path, e
}

// TestResumeReturnsToTheFieldAndTheCaret: bansou dies while the companion
// writes somewhere other than the answer's end; resumed, the keys are in
// the same field of the same entry with the caret where it was, so the
// next word goes on from there: the note, a worry half written (its plan),
// the sending organisation's expectation in an agreement topic, and the
// note on the second carried worry.
func TestResumeReturnsToTheFieldAndTheCaret(t *testing.T) {
	t.Run("the note, mid-sentence", func(t *testing.T) {
		h, path, _ := crashedAt100(t)
		h.press("enter")
		r := openFlow(t, h, "purpose")
		h.typeText("新しい事業を経験したい")
		h.press("tab")
		if r.focus != focusNote {
			t.Fatalf("tab did not reach the note:\n%s", h.screen())
		}
		h.typeText("声が小さくなった")
		h.press("left", "left", "left")
		// The process dies here.
		h2 := resumeAfterCrash(t, path, r.id)
		st, _ := h2.storedSession(r.id).Step(r.wk.Sess.CurrentKey)
		if st.Note != "声が小さく★なった" || st.Answer != "新しい事業を経験したい" {
			t.Errorf("resumed: answer %q, note %q", st.Answer, st.Note)
		}
	})

	t.Run("a worry half written", func(t *testing.T) {
		h, path, e := crashedAt100(t)
		h.press("enter")
		r := openFlow(t, h, "anxiety")
		jumpTo(t, h, r, "p:worries")
		h.typeText("家族と離れるのが不安")
		h.press("tab", "tab", "tab", "tab")
		h.contains("支援策        ┃") // the plan field has the keys
		h.typeText("週末に電話する")
		h2 := resumeAfterCrash(t, path, r.id)
		l := h2.ledger(e.ID)
		if len(l.Anxieties) != 1 || l.Anxieties[0].Text != "家族と離れるのが不安" || l.Anxieties[0].Plan != "週末に電話する★" {
			t.Errorf("resumed: worries %+v", l.Anxieties)
		}
	})

	t.Run("the sending organisation's expectation", func(t *testing.T) {
		h, path, e := crashedAt100(t)
		h.press("enter")
		r := openFlow(t, h, "agreement")
		jumpTo(t, h, r, r.wk.Sess.Steps[1].Key)
		h.typeText("企画を任されたい")
		h.press("tab", "tab")
		h.typeText("営業も続けてほしい")
		h.press("left", "left")
		h2 := resumeAfterCrash(t, path, r.id)
		l := h2.ledger(e.ID)
		if len(l.Agreement) != 1 {
			t.Fatalf("agreement %+v", l.Agreement)
		}
		it := l.Agreement[0]
		if it.Learner.Expectation != "企画を任されたい" || it.Sending.Expectation != "営業も続けてほ★しい" {
			t.Errorf("resumed: learner %q, sending %q", it.Learner.Expectation, it.Sending.Expectation)
		}
	})

	t.Run("the note on the second carried worry", func(t *testing.T) {
		h, path, e := crashedAt100(t)
		r := carriedWorries(t, h, e, false)
		h.contains("これまでの不安（2件）")
		h.press("down", "enter")
		h.typeText("通院を続けている")
		h2 := resumeAfterCrash(t, path, r.id)
		for _, a := range h2.ledger(e.ID).Anxieties {
			u, ok := a.UpdateIn(r.id)
			switch {
			case a.ID == "w1" && ok:
				t.Errorf("the first worry got %+v", u)
			case a.ID == "w2" && u.Note != "通院を続けている★":
				t.Errorf("the second worry's note: %+v", u)
			}
		}
	})
}

// TestResumeAfterTheTextChangedPutsTheCaretAtItsEnd: the place kept names a
// caret in a text that has changed since (by an import, say): the text is
// opened with the caret at its end, never in the middle of someone else's
// words.
func TestResumeAfterTheTextChangedPutsTheCaretAtItsEnd(t *testing.T) {
	h, path, _ := crashedAt100(t)
	h.press("enter")
	r := openFlow(t, h, "purpose")
	h.typeText("新しい事業を経験したい")
	h.press("left", "left", "left", "left")
	h.press("ctrl+s")
	// Something else writes a longer answer to the same step.
	other := openStoreAt(t, path, 0)
	s, err := other.Session(context.Background(), r.id)
	if err != nil {
		t.Fatal(err)
	}
	key := s.CurrentKey
	s, _ = model.Apply(s, model.SetAnswer{Text: "取り込みで書かれた別の答え"}, clock)
	if err := other.SaveProgress(context.Background(), model.ProgressOf(s, []string{key}, false)); err != nil {
		t.Fatal(err)
	}
	h2 := resumeAfterCrash(t, path, r.id)
	if st, _ := h2.storedSession(r.id).Step(key); st.Answer != "取り込みで書かれた別の答え★" {
		t.Errorf("resumed: %q", st.Answer)
	}
}
