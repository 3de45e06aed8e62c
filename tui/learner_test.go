package tui

import (
	"context"
	"strings"
	"testing"
	"time"

	"bansou/model"
)

// companionOnly are the texts the learner view must never show: private
// records (each holds PRIVATE-), and the companion's own parts of the
// screen.
var companionOnly = []string{"PRIVATE-", "伴走者メモ", "聴く:", "避ける:", "関連:", "［非公開］"}

// learnerSees checks that the screen is in the learner view and shows
// nothing the companion keeps.
func (h *harness) learnerSees(where string) {
	h.t.Helper()
	screen := h.screen()
	if !strings.Contains(screen, "［学習者ビュー］") {
		h.t.Fatalf("%s: the learner view does not say it is on:\n%s", where, screen)
	}
	for _, s := range companionOnly {
		if strings.Contains(screen, s) {
			h.t.Fatalf("%s: the learner view shows %q:\n%s", where, s, screen)
		}
	}
	checkWidth(h.t, h, "learner view: "+where)
}

// learnerFixture is an engagement with worries and an action from an
// earlier session, one worry private.
func learnerFixture(t *testing.T, h *harness) model.Engagement {
	t.Helper()
	e := h.seed()
	first := h.storeSession(e.ID, "anxiety", clock.Add(-72*time.Hour))
	at := clock.Add(-72 * time.Hour)
	p := model.ProgressOf(first, nil, false)
	p.Anxieties = []model.Anxiety{
		{ID: "w1", EngagementID: e.ID, SessionID: first.ID, StepKey: "p:worries", Text: "SHARED-WORRY 評価が下がらないか", CreatedAt: at, UpdatedAt: at},
		{ID: "w2", EngagementID: e.ID, SessionID: first.ID, StepKey: "p:worries", Text: "PRIVATE-WORRY 体調のこと", Private: true,
			CreatedAt: at.Add(time.Minute), UpdatedAt: at.Add(time.Minute)},
	}
	p.Actions = []model.Action{{ID: "x1", EngagementID: e.ID, SessionID: first.ID, Text: "SHARED-ACTION 上司と話す",
		Owner: model.OwnerLearner, CreatedAt: at, UpdatedAt: at}}
	if err := h.store.SaveProgress(context.Background(), p); err != nil {
		t.Fatal(err)
	}
	h.send(refreshMsg{})
	return e
}

// TestLearnerViewHidesEveryPrivateThing holds a check-in and an agreement
// with private answers, notes, worries and status notes, turns the learner
// view on and walks every prompt, the list, the follow-ups and the leave
// dialog: nothing private and none of the companion's hints or notes is
// ever on screen, and the view says it is on.
func TestLearnerViewHidesEveryPrivateThing(t *testing.T) {
	for _, size := range [][2]int{{100, 30}, {60, 20}} {
		h := newHarness(t, size[0], size[1])
		learnerFixture(t, h)
		h.press("enter")
		r := openFlow(t, h, "checkin")
		recordPrivateBesideShared(h, "SHARED-ANSWER 新しい仕事に慣れてきた")
		h.contains("PRIVATE-ANSWER")

		h.press("f2")
		h.learnerSees("the private answer")
		h.contains("この問いの回答は学習者ビューでは表示しません")
		// Typing where the private answer stood changes nothing and says why.
		h.typeText("あ")
		h.contains("非公開の回答は学習者ビューでは書けません")
		if st := r.currentStep(); st.Answer != "PRIVATE-ANSWER 家族の介護がある" {
			t.Fatalf("the private answer changed to %q", st.Answer)
		}
		h.press("ctrl+l")
		h.contains("学習者ビューでは公開範囲を変えられません")
		// Every prompt from the first, and every part of each.
		for range len(r.wk.Sess.Steps) {
			h.press("ctrl+p")
		}
		for i := range len(r.wk.Sess.Steps) {
			h.learnerSees(r.currentStep().Title)
			h.press("tab", "tab", "down", "down")
			h.learnerSees(r.currentStep().Title + " after tab and ↓")
			if i == 0 {
				h.contains("SHARED-WORRY")
				h.contains("SHARED-STATUS")
				h.contains("これまでの不安（1件）") // the private worry is not counted
			}
			if i == 2 {
				h.contains("SHARED-ANSWER")
			}
			h.press("ctrl+n")
		}
		for _, mode := range [][]string{{"ctrl+g"}, {"ctrl+d"}, {"esc"}} {
			h.press(mode...)
			h.learnerSees(mode[0])
			h.press("esc")
			h.learnerSees("back from " + mode[0])
		}

		// A stray key after f2 keeps the learner view; only y leaves it.
		h.press("f2", "x")
		h.learnerSees("f2 then x")
		h.contains("学習者ビューのまま")
		h.press("f2")
		h.contains("伴走者の画面に戻りますか")
		h.learnerSees("asked to leave")
		h.press("y")
		h.contains("伴走者メモ")
		h.notContains("［学習者ビュー］")

		// Leaving the session in the learner view lands on a cover, not
		// on the engagement's records, and keys do nothing behind it.
		h.press("f2", "esc", "l")
		h.learnerSees("the engagement screen")
		h.contains("学習者ビューでは隠して")
		h.press("2", "enter")
		h.learnerSees("keys behind the cover")
		h.press("f2", "y")
		h.contains("SHARED-WORRY")
	}
}

// TestLearnerViewInAnAgreement: the three-party agreement in the learner
// view shows each party's expectation and the agreed text, and no note.
func TestLearnerViewInAnAgreement(t *testing.T) {
	h := newHarness(t, 100, 30)
	h.seed()
	h.press("enter")
	r := openFlow(t, h, "agreement")
	jumpTo(t, h, r, r.wk.Sess.Steps[1].Key)
	h.typeText("SHARED-EXPECTATION 企画を任されたい")
	for range 12 {
		if r.focus == focusNote {
			break
		}
		h.press("tab")
	}
	h.typeText("PRIVATE-NOTE 上司の本音は別")
	h.press("f2")
	h.learnerSees("the agreement topic")
	h.contains("SHARED-EXPECTATION")
	for range len(r.wk.Sess.Steps) {
		h.press("tab", "tab", "tab")
		h.learnerSees(r.currentStep().Title)
		h.press("ctrl+n")
	}
}
