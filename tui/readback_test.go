package tui

import (
	"strings"
	"testing"

	"bansou/model"
)

// recordPrivateBesideShared writes, in a check-in opened after
// learnerFixture's session and in the companion's view, private words of
// every kind beside shared ones (each private one holds PRIVATE-): a
// status note on each worry brought back (the private worry's stays
// private), the action's outcome with a private note, a shared answer
// with a private note, and a private answer.
func recordPrivateBesideShared(h *harness, sharedAnswer string) {
	h.t.Helper()
	h.press("right", "enter")
	h.typeText("SHARED-STATUS 同期ができた")
	h.press("ctrl+l", "enter", "down", "right", "enter")
	h.typeText("PRIVATE-STATUS 通院を続けている")
	h.press("enter")
	h.press("ctrl+n", "right", "enter")
	h.typeText("PRIVATE-OUTCOME 話せていない")
	h.press("enter")
	h.press("ctrl+n")
	h.typeText(sharedAnswer)
	h.press("tab")
	h.typeText("PRIVATE-NOTE 声が小さくなった")
	h.press("ctrl+n")
	h.typeText("PRIVATE-ANSWER 家族の介護がある")
	h.press("ctrl+l")
}

// holdCheckin holds a check-in after learnerFixture's session with
// recordPrivateBesideShared's words (the shared answer on two lines) and
// a new action.
func holdCheckin(t *testing.T, h *harness) *runner {
	t.Helper()
	h.press("enter")
	r := openFlow(t, h, "checkin")
	recordPrivateBesideShared(h, "SHARED-ANSWER 新しい仕事に慣れてきた\n夜は疲れている")
	jumpTo(t, h, r, "p:next-steps")
	h.press("enter")
	h.typeText("先輩に相談の時間をもらう")
	h.press("esc")
	h.contains("先輩に相談の時間をもらう（本人")
	return r
}

// readBackScreens moves the read-back's cursor from its first item to its
// last and returns every frame on the way, each checked to show nothing
// of the companion's.
func readBackScreens(h *harness) string {
	h.t.Helper()
	r := h.runnerOnTop()
	for range len(r.rb.items) {
		h.press("up")
	}
	seen := []string{h.screen()}
	for range len(r.rb.items) {
		h.press("down")
		h.learnerSees("the read-back")
		seen = append(seen, h.screen())
	}
	return strings.Join(seen, "\n")
}

// TestReadBackShowsWhatWasHeardAndNothingPrivate: at the end of a
// check-in the leave dialog offers the read-back and the learner's voice;
// the read-back turns the learner view on and shows, in the learner's
// words, the shared answer (its line break kept), the worry told about
// with its shared note, the action from before and the one agreed, and
// nothing private, no note and no hint; enter goes back to the prompt of
// an item, in the learner view; c records the learner's confirmation on
// the session; esc goes back to the dialog.
func TestReadBackShowsWhatWasHeardAndNothingPrivate(t *testing.T) {
	for _, size := range [][2]int{{100, 30}, {80, 24}} {
		h := newHarness(t, size[0], size[1])
		learnerFixture(t, h)
		r := holdCheckin(t, h)

		h.press("esc")
		h.contains("聞き取ったことを本人と確かめる")
		h.contains("本人の声を聞く")
		h.press("r")
		h.learnerSees("the read-back")
		h.contains("聞き取ったこと")
		h.contains("本人の確認はまだです")
		all := readBackScreens(h)
		for _, want := range []string{"話してくれたこと", "SHARED-ANSWER 新しい仕事に慣れてきた\n", "夜は疲れている",
			"SHARED-WORRY 評価が下がらないか", "いま: 和らいできた", "SHARED-STATUS 同期ができた",
			"決めたこと", "SHARED-ACTION 上司と話す", "やってみて: 試していない", "先輩に相談の時間をもらう"} {
			if !strings.Contains(all, want) {
				t.Errorf("%v: the read-back never shows %q:\n%s", size, want, all)
			}
		}

		// Back to the shared answer's prompt to correct it, in the
		// learner view.
		for range len(r.rb.items) {
			h.press("up")
		}
		h.press("enter")
		if r.rb != nil || r.currentStep().Key != "p:progress" {
			t.Fatalf("%v: enter on the answer went to %s (read-back open %v)", size, r.currentStep().Key, r.rb != nil)
		}
		h.learnerSees("the prompt to correct")
		h.contains("SHARED-ANSWER")

		// The learner's voice is the companion's to record: not offered
		// in the learner view.
		h.press("esc")
		h.notContains("本人の声を聞く")
		h.press("ctrl+r")
		h.contains("伴走者だけが読む記録です")
		h.press("r")
		h.press("c")
		h.contains("本人が確認したことを記録しました")
		h.contains("本人が確認しました（09:00）")
		h.learnerSees("confirmed")
		h.settle()
		if got := h.storedSession(r.id).LearnerConfirmed; !got.Equal(clock) {
			t.Fatalf("%v: the confirmation stored is %v", size, got)
		}
		h.press("esc")
		h.contains("セッションを離れます")
		h.learnerSees("the dialog again")
	}
}

// TestTheLearnersVoiceIsOfferedOnLeaving: ctrl+r in the leave dialog
// asks the learner's view of the support, as at any prompt.
func TestTheLearnersVoiceIsOfferedOnLeaving(t *testing.T) {
	h := newHarness(t, 100, 30)
	h.seed()
	h.press("enter")
	r := openFlow(t, h, "purpose")
	h.typeText("現場で一から経験したい")
	h.press("esc")
	h.contains("ctrl+r")
	h.press("ctrl+r")
	if st := r.currentStep(); st.Kind != model.StepFeedback || r.mode() != modeEdit {
		t.Fatalf("ctrl+r in the leave dialog went to %+v (mode %v)", st, r.mode())
	}
}

// TestReadBackOfNothingYet: a session where nothing was said reads back
// that there is nothing yet; c still records that the learner saw it.
func TestReadBackOfNothingYet(t *testing.T) {
	h := newHarness(t, 80, 24)
	h.seed()
	h.press("enter")
	openFlow(t, h, "purpose")
	h.press("esc", "r")
	h.learnerSees("an empty read-back")
	h.contains("本人と確かめる記録がまだありません")
	h.press("enter") // nothing to go back to
	h.contains("本人と確かめる記録がまだありません")
	h.typeText("あ")
	h.contains("ここは読み返すページです")
}
