package tui

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"bansou/model"
)

// worriesPrompt opens an anxiety session on the engagement screen on top
// and goes to its list of worries with ctrl+n, as a companion would.
func worriesPrompt(t *testing.T, h *harness) *runner {
	t.Helper()
	r := openFlow(t, h, "anxiety")
	for r.wk.Sess.CurrentKey != "p:worries" {
		if r.wk.Sess.CurrentIndex() >= len(r.wk.Sess.Steps)-1 {
			t.Fatalf("no list of worries:\n%s", h.screen())
		}
		h.press("ctrl+n")
	}
	h.contains("不安を書き留める")
	return r
}

// earlier records worries and actions in an anxiety session of e held
// three days ago, at its list of worries, and has the home screen read
// them.
func earlier(t *testing.T, h *harness, e model.Engagement, worries []model.Anxiety, actions []model.Action) {
	t.Helper()
	at := clock.Add(-72 * time.Hour)
	first := h.storeSession(e.ID, "anxiety", at)
	p := model.ProgressOf(first, nil, false)
	for _, a := range worries {
		a.EngagementID, a.SessionID, a.StepKey, a.CreatedAt, a.UpdatedAt = e.ID, first.ID, "p:worries", at, at
		p.Anxieties = append(p.Anxieties, a)
	}
	for _, a := range actions {
		a.EngagementID, a.SessionID, a.StepKey, a.CreatedAt, a.UpdatedAt = e.ID, first.ID, "p:worries", at, at
		p.Actions = append(p.Actions, a)
	}
	if err := h.store.SaveProgress(context.Background(), p); err != nil {
		t.Fatal(err)
	}
	h.send(refreshMsg{})
}

// countedKeys presses keys and typed words (a word counts as one key, as
// an input method commits it) and returns how many there were.
func countedKeys(h *harness, keys ...string) int {
	h.t.Helper()
	for _, k := range keys {
		if len([]rune(k)) > 1 && !strings.Contains(k, "+") && keyPress(k).Text != "" {
			h.typeText(k)
			continue
		}
		h.press(k)
	}
	return len(keys)
}

// TestAWorryWithCategoryAndIntensityInSixKeys: on the list of worries the
// words typed start a worry at once; tab takes it to its details at the
// category, where a number picks any of the eight (full-width from an
// input method too), the next tab the intensity, and esc comes back to the
// list: six keys, at 80×24 and 120×40.
func TestAWorryWithCategoryAndIntensityInSixKeys(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {120, 40}} {
		h := newHarness(t, size[0], size[1])
		e := h.seed()
		h.press("enter")
		r := worriesPrompt(t, h)
		n := countedKeys(h, "家族と離れるのが不安", "tab", "６", "tab", "4", "esc")
		if n > 6 {
			t.Fatalf("%d keys", n)
		}
		h.contains("家族と離れるのが不安（家族や私生活・強さ4・非公開）")
		l := h.ledger(e.ID)
		if len(l.Anxieties) != 1 {
			t.Fatalf("%dx%d: worries %+v", size[0], size[1], l.Anxieties)
		}
		a := l.Anxieties[0]
		if a.Text != "家族と離れるのが不安" || a.Category != "family" || a.Intensity != 4 || !a.Private || a.SessionID != r.id {
			t.Fatalf("%dx%d: worry %+v", size[0], size[1], a)
		}
		checkWidth(t, h, "the list after a worry")
	}
}

// TestQuickAddTakesTheWordsNowAndDetailsLater: words typed on the list and
// enter add a worry (or an action) with nothing guessed — no category, no
// intensity, private; an action the learner's, with no due date — and the
// list is ready for the next; enter on one opens its form for the details.
// esc keeps what was typed too.
func TestQuickAddTakesTheWordsNowAndDetailsLater(t *testing.T) {
	h := newHarness(t, 100, 30)
	e := h.seed()
	h.press("enter")
	r := worriesPrompt(t, h)
	h.typeText("言葉が通じるか")
	h.contains("▸ ＋ 言葉が通じるか")
	h.contains("enter で追加")
	h.press("enter")
	h.typeText("体調を崩さないか")
	h.press("enter")
	h.typeText("眠れるか")
	h.press("esc")
	h.contains("  言葉が通じるか（非公開）")
	h.contains("  体調を崩さないか（非公開）")
	h.contains("  眠れるか（非公開）")
	if r.mode() == modeLeave {
		t.Fatal("esc on the line left the session")
	}
	l := h.ledger(e.ID)
	if len(l.Anxieties) != 3 {
		t.Fatalf("worries %+v", l.Anxieties)
	}
	for _, a := range l.Anxieties {
		if a.Category != "" || a.Intensity != 0 || a.Term != "" || !a.Private || a.StepKey != "p:worries" {
			t.Errorf("a quick worry got details nobody gave: %+v", a)
		}
	}
	// Details later: the first worry's form, its category by number.
	h.press("up", "up", "up", "enter")
	h.contains("公開範囲")
	h.press("tab")
	for _, o := range []string{"1 越境先になじめるか", "2 自分の力が通用するか", "6 家族や私生活", "9 その他"} {
		h.contains(o) // the numbers to type, under the selector
	}
	h.press("2", "esc")
	h.contains("言葉が通じるか（自分の力が通用するか・非公開）")
	for _, a := range h.ledger(e.ID).Anxieties {
		if a.Text == "言葉が通じるか" && a.Category != "skills" {
			t.Fatalf("details: %+v", a)
		}
	}

	// An action, in a check-in.
	h.press("esc", "l")
	h.settle()
	r = openFlow(t, h, "checkin")
	jumpTo(t, h, r, "p:next-steps")
	h.typeText("上司に週報を送る")
	h.press("enter")
	h.contains("上司に週報を送る（本人）")
	var got []model.Action
	for _, a := range h.ledger(e.ID).Actions {
		if a.SessionID == r.id {
			got = append(got, a)
		}
	}
	if len(got) != 1 || got[0].Text != "上司に週報を送る" || got[0].Owner != model.OwnerLearner || !got[0].Due.IsZero() {
		t.Fatalf("actions %+v", got)
	}
}

// TestNumberKeysPickEveryChoice: in a session, 1–9 — and the full-width
// digits an input method types — pick an option wherever a list of
// choices has the keys: a choice prompt, a worry's term and visibility, an
// action's owner, an agreement's fit, and how a worry or an action brought
// back stands. The options say their numbers.
func TestNumberKeysPickEveryChoice(t *testing.T) {
	h := newHarness(t, 100, 34)
	e := learnerFixture(t, h)
	h.press("enter")
	r := openFlow(t, h, "checkin")
	h.contains("これまでの不安（2件）")
	h.contains("◀ 1 未解消 ▶")
	h.press("3", "down", "２")
	h.contains("◀ 3 解消した ▶")
	h.contains("◀ 2 和らいできた ▶")
	h.press("ctrl+n")
	h.contains("前回決めたこと（1件）")
	h.press("３")
	h.contains("◀ 3 試して効果あり ▶")
	h.press("ctrl+s")
	l := h.ledger(e.ID)
	status := map[string]model.AnxietyStatus{}
	for _, a := range l.Anxieties {
		u, _ := a.UpdateIn(r.id)
		status[a.ID] = u.Status
	}
	if status["w1"] != model.AnxietyResolved || status["w2"] != model.AnxietyEasing {
		t.Fatalf("statuses %v", status)
	}
	if u, _ := l.Actions[0].UpdateIn(r.id); u.Outcome != model.OutcomeWorked {
		t.Fatalf("outcome %+v", u)
	}

	// An action's owner, by number.
	jumpTo(t, h, r, "p:next-steps")
	h.press("enter")
	h.typeText("週報を書く")
	h.press("tab", "２", "esc")
	for _, a := range h.ledger(e.ID).Actions {
		if a.Text == "週報を書く" && a.Owner != model.Owners[1] {
			t.Fatalf("owner %s", a.Owner)
		}
	}
	h.press("esc", "l")
	h.settle()

	// A worry's term and visibility, by number.
	r = worriesPrompt(t, h)
	h.typeText("評価が下がらないか")
	h.press("tab", "tab", "tab", "２", "tab", "tab", "1", "esc")
	for _, a := range h.ledger(e.ID).Anxieties {
		if a.Text == "評価が下がらないか" && (a.Term != model.LongTerm || a.Private) {
			t.Fatalf("term and visibility %+v", a)
		}
	}
	h.press("esc", "l")
	h.settle()

	// A choice prompt says its numbers and takes a full-width one.
	r = openFlow(t, h, "role-design")
	jumpTo(t, h, r, "p:role-shape")
	f, _ := h.app.env.lib.Flow("role-design")
	p, _ := f.Prompt("role-shape")
	h.contains("( ) 2 " + p.Options[1].Text.Ja)
	h.press("２")
	h.press("ctrl+s")
	if st, _ := h.storedSession(r.id).Step("p:role-shape"); len(st.Choices) != 1 || st.Choices[0] != p.Options[1].ID {
		t.Fatalf("choice %+v", st.Choices)
	}
	h.press("esc", "l")
	h.settle()

	// An agreement's fit.
	r = openFlow(t, h, "agreement")
	jumpTo(t, h, r, "p:role-scope")
	h.typeText("企画に関わりたい")
	h.press("tab", "４")
	h.press("ctrl+s")
	if it := h.ledger(e.ID).AgreementIn(r.id)["role-scope"]; it.Learner.Fit != 4 {
		t.Fatalf("fit %+v", it.Learner)
	}
}

// TestTheAgreementDoesNotOpenOnPrivateWorries: worries written down in an
// anxiety session are private; the three-party agreement that follows,
// with both organisations at the table, opens on its first topic, not on
// a revisit of worries it would not show. A shared worry is brought back,
// alone.
func TestTheAgreementDoesNotOpenOnPrivateWorries(t *testing.T) {
	h := newHarness(t, 100, 30)
	e := h.seed()
	h.press("enter")
	worriesPrompt(t, h)
	h.typeText("家族と離れるのが不安")
	h.press("enter")
	h.typeText("体調を崩さないか")
	h.press("esc", "esc", "f")
	h.settle()
	r := openFlow(t, h, "agreement")
	if r.wk.Sess.CurrentKey != "p:role-scope" || r.wk.Sess.Steps[0].Kind != model.StepPrompt {
		t.Fatalf("the agreement opens on %s:\n%s", r.wk.Sess.CurrentKey, h.screen())
	}
	h.contains("本人の期待")
	h.press("esc", "l")
	h.settle()

	// One of them shared with the learner's agreement: it comes back.
	l := h.ledger(e.ID)
	if len(l.Anxieties) != 2 {
		t.Fatalf("worries %+v", l.Anxieties)
	}
	shared := l.Anxieties[slices.IndexFunc(l.Anxieties, func(a model.Anxiety) bool { return a.Text == "体調を崩さないか" })]
	shared.Private = false
	p := model.ProgressOf(h.storedSession(shared.SessionID), nil, false)
	p.Anxieties = []model.Anxiety{shared}
	if err := h.store.SaveProgress(context.Background(), p); err != nil {
		t.Fatal(err)
	}
	h.send(refreshMsg{})
	r = openFlow(t, h, "revisit")
	h.contains("これまでの不安（1件）")
	h.contains("体調を崩さないか")
	h.notContains("家族と離れるのが不安")
	_ = r
}

// TestAHappenedWorryAsksHowTheLearnerCoped: a worry marked 「実際に起きた」
// comes back at the next session with its own question; the note says
// how the learner got through it, and the session after does not bring
// it back.
func TestAHappenedWorryAsksHowTheLearnerCoped(t *testing.T) {
	h := newHarness(t, 100, 30)
	e := h.seed()
	earlier(t, h, e, []model.Anxiety{{ID: "w1", Text: "上司とうまくいかないかもしれない", Private: true}}, nil)
	h.press("enter")
	openFlow(t, h, "checkin")
	h.press("4") // it happened
	h.press("esc", "f")
	h.settle()

	r := openFlow(t, h, "checkin")
	h.contains("これまでの不安（1件）")
	h.contains("上司とうまくいかないかもしれない")
	h.contains("実際に起きたこと。どう乗り越えましたか。何が助けになりましたか。")
	h.typeText("同期に相談して乗り切った")
	h.press("enter", "ctrl+s")
	u, ok := h.ledger(e.ID).Anxieties[0].UpdateIn(r.id)
	if !ok || u.Status != model.AnxietyHappened || u.Note != "同期に相談して乗り切った" {
		t.Fatalf("update %+v %v", u, ok)
	}
	h.press("esc", "f")
	h.settle()
	r = openFlow(t, h, "checkin")
	if r.wk.Sess.Steps[0].Kind == model.StepAnxieties {
		t.Fatalf("the worry came back after the learner told how they coped:\n%s", h.screen())
	}
}

// TestTwoLinesStayTwoAndDueDatesStayWhole: a worry typed on two lines is
// shown on two lines in the list of its prompt, where it is brought back,
// on the engagement's list and in the comparison (never joined with a
// space); an action brought back shows its due date whole at 80 columns,
// its words cut instead.
func TestTwoLinesStayTwoAndDueDatesStayWhole(t *testing.T) {
	h := newHarness(t, 80, 24)
	e := h.seed()
	earlier(t, h, e,
		[]model.Anxiety{{ID: "w1", Text: "家族と離れるのが不安\n特に子どもの行事", Intensity: 3, Private: true}},
		[]model.Action{{ID: "x1", Text: "越境先の週次定例で、自分の担当している案件の進み具合を一度は発言してみる",
			Owner: model.OwnerLearner, Due: model.NewDate(2026, 12, 24)}})
	h.press("enter")
	h.press("2")
	twoLines(t, h, "the engagement's list")
	h.press("c")
	twoLines(t, h, "the comparison")
	h.press("esc")

	openFlow(t, h, "checkin")
	twoLines(t, h, "brought back")
	h.press("ctrl+n")
	h.contains("前回決めたこと（1件）")
	h.contains("（本人・2026-12-24）")
	checkWidth(t, h, "the action brought back")
	h.press("esc", "l")
	h.settle()

	r := worriesPrompt(t, h)
	h.press("enter")
	h.typeText("言葉が通じるか")
	h.press("enter") // a line break in the form
	h.typeText("特に電話")
	h.press("esc")
	if a := h.ledger(e.ID).AnxietiesAt(r.id, "p:worries"); len(a) != 1 || a[0].Text != "言葉が通じるか\n特に電話" {
		t.Fatalf("worry %+v", a)
	}
	twoLinesOf(t, h, "言葉が通じるか", "特に電話（非公開）", "the list of the prompt")
}

// twoLines fails unless the screen shows the two-line worry on two rows.
func twoLines(t *testing.T, h *harness, where string) {
	t.Helper()
	twoLinesOf(t, h, "家族と離れるのが不安", "特に子どもの行事", where)
}

// twoLinesOf fails unless first and second are on the screen, on rows of
// their own, and never joined by a space.
func twoLinesOf(t *testing.T, h *harness, first, second, where string) {
	t.Helper()
	screen := h.screen()
	if strings.Contains(screen, first+" "+second) || !strings.Contains(screen, first) || !strings.Contains(screen, second) {
		t.Fatalf("%s: the worry is not on two lines:\n%s", where, screen)
	}
	for _, line := range strings.Split(screen, "\n") {
		if strings.Contains(line, first) && strings.Contains(line, second) {
			t.Fatalf("%s: both lines on one row: %q", where, line)
		}
	}
}

// TestAFullWidthDigitPicksALevel: in a self-review too, the digit an input
// method types picks the level, as 1–5 do.
func TestAFullWidthDigitPicksALevel(t *testing.T) {
	h := newHarness(t, 100, 30)
	h.press("s", "n", "2", "enter")
	r := h.runnerOnTop()
	h.waitUntil("review loaded", func() bool { return r.loaded })
	h.press("３", "ctrl+s")
	if st := h.storedSession(r.id).Steps[0]; st.Value != 3 || st.Answer != "" {
		t.Fatalf("level %d, evidence %q", st.Value, st.Answer)
	}
}

// TestAWorryHalfTypedOnItsLineSurvivesACrash: bansou dies while the
// companion types a worry on the line of the list; resumed, the worry is
// there with its words, open in its form at the caret where it was.
func TestAWorryHalfTypedOnItsLineSurvivesACrash(t *testing.T) {
	h, path, e := crashedAt100(t)
	h.press("enter")
	r := worriesPrompt(t, h)
	h.typeText("家族と離れるのが不安")
	h.press("left", "left")
	h.settle()
	// The process dies here.
	h2 := resumeAfterCrash(t, path, r.id)
	l := h2.ledger(e.ID)
	if len(l.Anxieties) != 1 || l.Anxieties[0].Text != "家族と離れるのが★不安" {
		t.Fatalf("resumed: worries %+v", l.Anxieties)
	}
}
