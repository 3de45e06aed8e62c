package tui

import (
	"context"
	"maps"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"bansou/internal/dbtest"
	"bansou/model"
	"bansou/model/report"
)

// openFlow starts a session of flowID on the engagement screen on top,
// choosing the flow in the picker with the arrow keys.
func openFlow(t *testing.T, h *harness, flowID string) *runner {
	t.Helper()
	h.press("n")
	es, ok := h.top().(*engagementScreen)
	if !ok || !es.picking {
		t.Fatalf("no flow picker:\n%s", h.screen())
	}
	target := -1
	for i, f := range es.picks {
		if f.ID == flowID {
			target = i
		}
	}
	for i := 0; es.pick != target; i++ {
		if i > len(es.picks) {
			t.Fatalf("cannot reach flow %s in the picker (at %d):\n%s", flowID, es.pick, h.screen())
		}
		if es.pick < target {
			h.press("down")
		} else {
			h.press("up")
		}
	}
	h.press("enter")
	return h.runnerOnTop()
}

// jumpTo moves to the step with key through the list of prompts.
func jumpTo(t *testing.T, h *harness, r *runner, key string) {
	t.Helper()
	target := r.wk.Sess.Index(key)
	if target < 0 {
		t.Fatalf("no step %s", key)
	}
	h.press("ctrl+g")
	for i := 0; r.stepCursor() != target; i++ {
		if i > len(r.wk.Sess.Steps) {
			t.Fatalf("cannot reach step %s in the list (at %d):\n%s", key, r.stepCursor(), h.screen())
		}
		if r.stepCursor() < target {
			h.press("down")
		} else {
			h.press("up")
		}
	}
	h.press("enter")
	if r.wk.Sess.CurrentKey != key {
		t.Fatalf("at %s, want %s", r.wk.Sess.CurrentKey, key)
	}
}

func (h *harness) ledger(id int64) model.Ledger {
	h.t.Helper()
	return dbtest.Ledger(h.t, h.store, id)
}

func TestAnxietyLedgerIsAskedAboutInLaterSessions(t *testing.T) {
	h := newHarness(t, 100, 30)
	e := h.seed()
	h.press("enter")
	r := openFlow(t, h, "anxiety")
	jumpTo(t, h, r, "p:worries")
	h.contains("不安を書き留める")
	h.press("enter") // ＋ write down a worry
	h.typeText("戻ったときに居場所があるか心配")
	h.press("tab", "right", "right", "right") // category: the third option
	h.press("tab", "4")                       // intensity
	h.press("tab", "right", "right")          // term: long
	h.press("tab")
	h.typeText("上司から帰任後の見通しを話してもらう")
	h.press("esc") // back to the list
	h.contains("戻ったときに居場所があるか心配（")

	l := h.ledger(e.ID)
	if len(l.Anxieties) != 1 {
		t.Fatalf("anxieties = %+v", l.Anxieties)
	}
	a := l.Anxieties[0]
	f, _ := h.app.env.lib.Flow("anxiety")
	p, _ := f.Prompt("worries")
	if a.Text != "戻ったときに居場所があるか心配" || a.Category != p.Options[2].ID || a.Intensity != 4 ||
		a.Term != model.LongTerm || a.Plan != "上司から帰任後の見通しを話してもらう" || a.SessionID != r.id {
		t.Fatalf("anxiety = %+v", a)
	}
	h.press("esc", "f") // finish the session

	// The next session, whatever its flow, starts with the open worries.
	r2 := openFlow(t, h, "purpose")
	if r2.wk.Sess.Steps[0].Kind != model.StepAnxieties {
		t.Fatalf("first step = %+v", r2.wk.Sess.Steps[0])
	}
	h.contains("これまでの不安（1件）")
	h.contains("戻ったときに居場所があるか心配")
	h.press("right") // open → easing
	h.press("enter")
	h.typeText("見通しを聞いて少し安心した")
	h.press("enter")
	h.contains("和らいできた")
	h.press("ctrl+s")
	l = h.ledger(e.ID)
	a = l.Anxieties[0]
	if len(a.History) != 1 || a.History[0].Status != model.AnxietyEasing || a.History[0].Note != "見通しを聞いて少し安心した" ||
		a.History[0].SessionID != r2.id {
		t.Fatalf("history = %+v", a.History)
	}
	h.press("esc", "f")

	// The engagement screen lists the worry with its history.
	h.press("2")
	h.contains("戻ったときに居場所があるか心配")
	h.contains("— 和らいできた")
	h.contains("見通しを聞いて少し安心した")
}

func TestThreePartyAgreementShowsGapsAndChanges(t *testing.T) {
	h := newHarness(t, 100, 34)
	e := h.seed()
	h.press("enter")
	r := openFlow(t, h, "agreement")
	if r.wk.Sess.CurrentKey != "p:role-scope" {
		t.Fatalf("first topic = %s", r.wk.Sess.CurrentKey)
	}
	h.contains("本人の期待")
	h.typeText("新規事業の企画に関わりたい")
	h.press("tab", "4", "tab")
	h.typeText("営業の現場を学んでほしい")
	h.press("tab", "2")
	h.contains("要確認: 納得度の差が 2 あります / 越境先がまだ何も言っていません")
	h.press("tab")
	h.typeText("即戦力として開発も")
	h.press("tab", "3", "tab")
	h.typeText("最初の3か月は営業に同行し、その後は企画に加わる")
	h.press("ctrl+s")
	l := h.ledger(e.ID)
	it := l.AgreementIn(r.id)["role-scope"]
	if it.Learner.Fit != 4 || it.Sending.Fit != 2 || it.Host.Fit != 3 || it.Host.Expectation != "即戦力として開発も" ||
		it.Agreed != "最初の3か月は営業に同行し、その後は企画に加わる" || !it.HasGap() {
		t.Fatalf("item = %+v", it)
	}
	h.press("esc", "f")

	// The engagement screen shows the three views side by side.
	h.press("4")
	h.contains("本人 4 │ 所属組織 2 │ 越境先 3")
	h.contains("⚠ 要確認")
	h.contains("新規事業の企画に関わ")
	h.contains("営業の現場を学んで")

	// A revisit starts from what was agreed and shows what changed.
	r2 := openFlow(t, h, "revisit")
	jumpTo(t, h, r2, "p:role-scope")
	h.contains("合意時から変わっていません")
	h.contains("合意時の内容: 最初の3か月は営業に同行し")
	for i := 0; i < 6; i++ {
		h.press("tab")
	}
	h.press("ctrl+u")
	h.typeText("営業同行は2か月に短縮")
	h.contains("合意時からの変更: 合意内容")
	h.press("esc", "f")

	md := report.AgreementMarkdown(e, h.ledger(e.ID), report.Options{Lang: model.Ja})
	for _, want := range []string{"# 三者合意書 — 山田 花子", "営業同行は2か月に短縮", "| 本人 | 新規事業の企画に関わりたい | 4/5 |",
		"要確認", "合意時からの変更", "合意内容"} {
		if !strings.Contains(md, want) {
			t.Errorf("agreement document lacks %q:\n%s", want, md)
		}
	}
}

func TestScaleAndChoiceAnswers(t *testing.T) {
	h := newHarness(t, 100, 30)
	h.seed()
	h.press("enter")
	r := openFlow(t, h, "checkin")
	jumpTo(t, h, r, "p:energy")
	h.press("4")
	h.contains("(●) 4")
	h.press("tab")
	h.typeText("少し疲れ気味")
	h.press("ctrl+s")
	st, _ := h.storedSession(r.id).Step("p:energy")
	if st.Value != 4 || st.Answer != "少し疲れ気味" {
		t.Fatalf("energy = %+v", st)
	}
	h.press("shift+tab", "4") // choosing the same point again clears it
	h.press("ctrl+s")
	if st, _ := h.storedSession(r.id).Step("p:energy"); st.Value != 0 {
		t.Fatalf("value not cleared: %d", st.Value)
	}

	h.press("esc", "l")
	r2 := openFlow(t, h, "role-design")
	jumpTo(t, h, r2, "p:role-shape")
	h.press("down", "space")
	h.press("ctrl+s")
	f, _ := h.app.env.lib.Flow("role-design")
	p, _ := f.Prompt("role-shape")
	if st, _ := h.storedSession(r2.id).Step("p:role-shape"); len(st.Choices) != 1 || st.Choices[0] != p.Options[1].ID {
		t.Fatalf("choice = %+v", st.Choices)
	}
}

func TestActionsCarryForwardAndTheDueList(t *testing.T) {
	h := newHarness(t, 100, 30)
	// An engagement in its stint since 2026-10-01 (today is 2026-11-21).
	e, err := h.store.CreateEngagement(context.Background(), model.Engagement{
		Learner: model.Learner{Name: "鈴木 一花"}, SendingOrg: "みらい", HostOrg: "あした",
		Start: model.NewDate(2026, 10, 1), End: model.NewDate(2027, 3, 31)})
	if err != nil {
		t.Fatal(err)
	}
	h.send(refreshMsg{})
	h.contains("確認すること")
	h.contains("鈴木 一花 — チェックインが")
	h.press("enter")
	r := openFlow(t, h, "checkin")
	jumpTo(t, h, r, "p:next-steps")
	h.press("enter")
	h.typeText("越境先の週次定例で一度発言する")
	h.press("tab", "tab")
	h.typeText("2026-11-15") // already past
	h.press("esc", "esc", "f")
	h.contains("回答 1/14") // the action counts as said
	l := h.ledger(e.ID)
	if len(l.Actions) != 1 || l.Actions[0].Owner != model.OwnerLearner || l.Actions[0].Due.String() != "2026-11-15" {
		t.Fatalf("actions = %+v", l.Actions)
	}
	h.press("esc") // home
	h.send(refreshMsg{})
	h.contains("鈴木 一花 — 期限を過ぎたアクション 1 件（2026-11-15 から）")

	h.press("enter") // the past-due line, first now that the check-in was held, opens the actions tab
	h.contains("越境先の週次定例で一度発言する（本人・2026-11-15）")
	r2 := openFlow(t, h, "checkin")
	h.contains("前回決めたこと（1件）")
	h.press("right", "right", "right") // not tried → no effect → worked
	h.contains("試して効果あり")
	h.press("esc", "f")
	if o := h.ledger(e.ID).Actions[0].Outcome(); o != model.OutcomeWorked {
		t.Fatalf("outcome = %s", o)
	}
	_ = r2
	h.press("esc")
	h.send(refreshMsg{})
	if strings.Contains(h.screen(), "期限を過ぎたアクション") {
		t.Fatalf("a finished action is still due:\n%s", h.screen())
	}
}

func TestBalanceWarningsOnTheEngagementScreen(t *testing.T) {
	h := newHarness(t, 100, 30)
	ctx := context.Background()
	e, _ := h.store.CreateEngagement(ctx, model.Engagement{
		Learner: model.Learner{Name: "高橋"}, Start: model.NewDate(2026, 10, 1), End: model.NewDate(2027, 3, 31)})
	f, _ := h.app.env.lib.Flow("checkin")
	for _, d := range []int{15, 16, 17, 19, 20} {
		s := model.NewSession(f, e.ID, model.Ja, time.Date(2026, 11, d, 10, 0, 0, 0, time.UTC))
		if _, err := h.store.StartSession(ctx, s); err != nil {
			t.Fatal(err)
		}
	}
	h.send(refreshMsg{})
	h.press("down", "enter")
	if _, ok := h.top().(*engagementScreen); !ok {
		h.press("enter")
	}
	h.contains("伴走過剰のおそれ: この1週間にチェックインが 5 回あります。")
	h.contains("本人が自分で考えて動く余地")
}

// checkWidth fails when a line of the frame is wider than the terminal, or
// the frame has more lines than the terminal.
func checkWidth(t testing.TB, h *harness, where string) {
	t.Helper()
	lines := strings.Split(h.app.View().Content, "\n")
	for i, l := range lines {
		if w := lipglossWidth(l); w > h.app.w {
			t.Fatalf("%s at %d columns: line %d is %d wide: %q", where, h.app.w, i, w, stripANSI(l))
		}
	}
	if len(lines) > max(h.app.h, 1) {
		t.Fatalf("%s at %d rows: %d lines:\n%s", where, h.app.h, len(lines), h.screen())
	}
}

// TestNoScreenIsWiderThanTheTerminal walks the screens of the whole stint at
// narrow and common widths, in both languages, and measures every line.
func TestNoScreenIsWiderThanTheTerminal(t *testing.T) {
	for _, lang := range []model.Lang{model.Ja, model.En} {
		for _, w := range []int{40, 50, 60, 80} {
			h := newHarness(t, w, 24, withLang(lang))
			e := h.seed()
			// A worry and an action from an earlier session, so that the
			// carried-forward reviews appear.
			ctx := context.Background()
			f, _ := h.app.env.lib.Flow("anxiety")
			first, _ := h.store.StartSession(ctx, model.NewSession(f, e.ID, lang, clock))
			p := model.ProgressOf(first, nil, false)
			p.Anxieties = []model.Anxiety{{ID: "a1", EngagementID: e.ID, SessionID: first.ID, Category: "fitting-in",
				Text: "新しい職場になじめるか、とても長い不安の文章がここに続きます", Intensity: 4, CreatedAt: clock, UpdatedAt: clock}}
			p.Actions = []model.Action{{ID: "x1", EngagementID: e.ID, SessionID: first.ID, Owner: model.OwnerCompanion,
				Text: "人事に評価の扱いを確認する（長めの説明文が続きます）", Due: model.NewDate(2026, 11, 30), CreatedAt: clock, UpdatedAt: clock}}
			p.Agreement = []model.AgreementItem{{SessionID: first.ID, SessionStarted: clock, Topic: "role-scope", Title: "役割と業務範囲",
				Learner: model.PartyView{Expectation: "新規事業の企画に関わりたい", Fit: 5}, Sending: model.PartyView{Fit: 2},
				Agreed: "最初の3か月は営業に同行し、その後は企画に加わる", UpdatedAt: clock}}
			if err := h.store.SaveProgress(ctx, p); err != nil {
				t.Fatal(err)
			}
			where := func(s string) string { return string(lang) + " " + s }
			h.send(refreshMsg{})
			checkWidth(t, h, where("home"))
			h.press("enter")
			for _, tab := range []string{"1", "2", "3", "4"} {
				h.press(tab)
				checkWidth(t, h, where("engagement tab "+tab))
			}
			h.press("n")
			checkWidth(t, h, where("flow picker"))
			h.press("esc")
			r := openFlow(t, h, "agreement")
			checkWidth(t, h, where("carried-forward worries"))
			h.press("right", "enter")
			h.typeText("少し和らいだ")
			checkWidth(t, h, where("review note"))
			h.press("enter", "ctrl+n")
			checkWidth(t, h, where("carried-forward actions"))
			jumpTo(t, h, r, "p:role-scope")
			h.typeText("とても長い期待の文章を本人の言葉で書きとめていきます")
			checkWidth(t, h, where("agreement topic"))
			h.press("esc", "l")
			r2 := openFlow(t, h, "anxiety")
			jumpTo(t, h, r2, "p:worries")
			h.press("enter", "tab", "right")
			checkWidth(t, h, where("worry form"))
			h.press("esc")
			jumpTo(t, h, r2, "p:intensity")
			checkWidth(t, h, where("scale"))
			h.press("f1")
			checkWidth(t, h, where("help"))
			h.press("esc", "esc", "l", "c")
			if _, ok := h.top().(*compareScreen); !ok {
				t.Fatalf("not on the comparison: %T", h.top())
			}
			checkWidth(t, h, where("comparison"))
			h.press("esc", "/")
			h.typeText("不安")
			h.waitUntil("search results", func() bool {
				s, ok := h.top().(*searchScreen)
				return ok && s.shown == "不安" && len(s.hits) > 0
			})
			checkWidth(t, h, where("search"))
			h.press("esc")
		}
	}
}

func TestAnInvalidDueDateKeepsTheFormOpen(t *testing.T) {
	h := newHarness(t, 100, 30)
	e := h.seed()
	h.press("enter")
	r := openFlow(t, h, "sendoff")
	jumpTo(t, h, r, "p:next-steps")
	h.press("enter")
	h.typeText("引き継ぎ表を作る")
	h.press("tab", "tab")
	h.typeText("12/40")
	h.contains("日付として読めません")
	h.press("esc")
	h.contains("直すか空にしてから esc で戻ってください")
	h.contains("12/40") // still there to fix
	h.press("ctrl+u")
	h.typeText("12月1日") // without its year: the nearest 1 December
	h.press("esc")
	h.contains("引き継ぎ表を作る（本人・2026-12-01）")
	h.press("ctrl+s")
	if a := h.ledger(e.ID).Actions; len(a) != 1 || a[0].Due.String() != "2026-12-01" {
		t.Fatalf("actions = %+v", a)
	}
}

func TestSessionWhoseFlowIsGoneStillWorks(t *testing.T) {
	h := newHarness(t, 80, 24)
	e := h.seed()
	ctx := context.Background()
	// A session of a flow that the current content does not have.
	gone := &model.Flow{ID: "workshop", Title: model.Text{Ja: "研修", En: "Workshop"}, Prompts: []model.Prompt{
		{ID: "pick", Kind: model.KindChoice, Title: model.Text{Ja: "選ぶ"}, Text: model.Text{Ja: "どれにしますか"}},
		{ID: "worry", Kind: model.KindAnxiety, Title: model.Text{Ja: "不安"}, Text: model.Text{Ja: "不安は？"}},
	}}
	s, err := h.store.StartSession(ctx, model.NewSession(gone, e.ID, model.Ja, clock))
	if err != nil {
		t.Fatal(err)
	}
	h.send(pushScreenMsg{newRunner(h.app.env, s.ID)})
	h.press("space", "enter", "down")
	h.typeText("選択肢が消えても言葉は残せる")
	h.press("ctrl+n", "enter", "tab", "right", "space", "left")
	h.press("esc", "esc", "f")
	got := h.storedSession(s.ID)
	if !strings.Contains(got.Steps[0].Answer, "選択肢が消えても言葉は残せる") || got.Status != model.Done {
		t.Fatalf("session = %+v", got)
	}
}

// carriedWorries records two worries in an earlier session of engagement e
// (w1 評価が下がらないか, then w2 体調のこと, private if asked), opens the
// engagement and starts a purpose extraction, where they come back.
func carriedWorries(t *testing.T, h *harness, e model.Engagement, secondPrivate bool) *runner {
	t.Helper()
	at := clock.Add(-48 * time.Hour)
	first := h.storeSession(e.ID, "anxiety", at)
	p := model.ProgressOf(first, nil, false)
	p.Anxieties = []model.Anxiety{
		{ID: "w1", EngagementID: e.ID, SessionID: first.ID, Text: "評価が下がらないか", CreatedAt: at, UpdatedAt: at},
		{ID: "w2", EngagementID: e.ID, SessionID: first.ID, Text: "体調のこと", Private: secondPrivate,
			CreatedAt: at.Add(time.Hour), UpdatedAt: at.Add(time.Hour)},
	}
	if err := h.store.SaveProgress(context.Background(), p); err != nil {
		t.Fatal(err)
	}
	h.send(refreshMsg{})
	h.press("enter")
	return openFlow(t, h, "purpose")
}

// TestStatusNotesShowAndSwitchTheirScope: the note on how a worry stands
// says who may read it, ctrl+l switches it, and a private worry's note
// stays private; the shared export follows.
func TestStatusNotesShowAndSwitchTheirScope(t *testing.T) {
	h := newHarness(t, 100, 30)
	e := h.seed()
	r := carriedWorries(t, h, e, true)
	h.contains("これまでの不安（2件）")
	h.press("right", "enter")
	h.contains("メモ［非公開］")
	h.typeText("SHARED-NOTE-41 上司と話して安心した")
	h.press("ctrl+l")
	h.contains("メモ［共有］")
	h.contains("このメモを共有にしました")
	h.press("enter", "down", "right", "enter")
	h.typeText("PRIVATE-NOTE-42 通院を続けている")
	h.press("ctrl+l")
	h.contains("この不安は非公開なので、メモも非公開のままです")
	h.press("enter")
	h.contains("メモ［共有］ SHARED-NOTE-41")
	h.contains("メモ［非公開］ PRIVATE-NOTE-42")
	h.press("ctrl+s")
	l := h.ledger(e.ID)
	for _, a := range l.Anxieties {
		u, ok := a.UpdateIn(r.id)
		if !ok || u.NoteShared != (a.ID == "w1") {
			t.Errorf("%s: update %+v", a.Text, u)
		}
	}
	md := report.EngagementMarkdown(e, []model.Session{h.storedSession(r.id)}, report.Options{Lang: model.Ja, Ledger: l})
	if !strings.Contains(md, "SHARED-NOTE-41") || strings.Contains(md, "PRIVATE-NOTE-42") {
		t.Errorf("shared export:\n%s", md)
	}
}

// TestQuickEscThenArrowIsTwoKeys: esc pressed just before ↓ reaches bansou
// as one alt+down chord; the note being written is closed and kept, and
// the cursor moves to the next item, as the companion meant.
func TestQuickEscThenArrowIsTwoKeys(t *testing.T) {
	h := newHarness(t, 100, 30)
	e := h.seed()
	first := h.storeSession(e.ID, "checkin", clock.Add(-48*time.Hour))
	p := model.ProgressOf(first, nil, false)
	at := clock.Add(-48 * time.Hour)
	p.Actions = []model.Action{
		{ID: "x1", EngagementID: e.ID, SessionID: first.ID, Text: "上司に週報を送る", Owner: model.OwnerLearner, CreatedAt: at, UpdatedAt: at},
		{ID: "x2", EngagementID: e.ID, SessionID: first.ID, Text: "同期と昼食に行く", Owner: model.OwnerLearner,
			CreatedAt: at.Add(time.Minute), UpdatedAt: at.Add(time.Minute)},
	}
	if err := h.store.SaveProgress(context.Background(), p); err != nil {
		t.Fatal(err)
	}
	h.send(refreshMsg{})
	h.press("enter")
	r := openFlow(t, h, "checkin")
	h.contains("前回決めたこと（2件）")
	h.press("enter")
	h.typeText("まだ送れていない")
	h.send(tea.KeyPressMsg{Code: tea.KeyDown, Mod: tea.ModAlt}) // esc, ↓ as the terminal sends them
	h.press("enter")
	h.typeText("二回行けた")
	h.send(tea.KeyPressMsg{Code: tea.KeyEscape, Mod: tea.ModAlt}) // esc, esc
	h.press("ctrl+s")
	notes := map[string]string{}
	for _, a := range h.ledger(e.ID).Actions {
		u, _ := a.UpdateIn(r.id)
		notes[a.ID] = u.Note
	}
	if want := map[string]string{"x1": "まだ送れていない", "x2": "二回行けた"}; !maps.Equal(notes, want) {
		t.Errorf("notes %q, want %q", notes, want)
	}
	if r.mode() != modeLeave {
		t.Errorf("the second esc did not ask to leave: mode %v", r.mode())
	}
}

// TestTypingOnAListRowFindsItsField: words typed where no text field has
// the keys are never dropped: on an item brought back they start its note,
// on the list of worries a new worry (on its line: esc keeps it), on a
// choice the comment, and where there is no field for them the status line
// says where to type.
func TestTypingOnAListRowFindsItsField(t *testing.T) {
	h := newHarness(t, 100, 30)
	e := h.seed()
	first := h.storeSession(e.ID, "checkin", clock.Add(-48*time.Hour))
	p := model.ProgressOf(first, nil, false)
	at := clock.Add(-48 * time.Hour)
	p.Actions = []model.Action{{ID: "x1", EngagementID: e.ID, SessionID: first.ID, Text: "上司に週報を送る",
		Owner: model.OwnerLearner, CreatedAt: at, UpdatedAt: at}}
	if err := h.store.SaveProgress(context.Background(), p); err != nil {
		t.Fatal(err)
	}
	h.send(refreshMsg{})
	h.press("enter")
	r := openFlow(t, h, "anxiety")
	h.contains("前回決めたこと（1件）")
	h.typeText("まだ送れていない")
	h.contains("┃ まだ送れていない")
	h.press("enter")
	h.typeText("。来週送る") // words after the note was closed go on with it
	h.press("ctrl+s")
	if u, _ := h.ledger(e.ID).Actions[0].UpdateIn(r.id); u.Note != "まだ送れていない。来週送る" {
		t.Fatalf("outcome note %q", u.Note)
	}

	jumpTo(t, h, r, "p:worries")
	h.typeText("家族と離れるのが不安")
	h.contains("▸ ＋ 家族と離れるのが不安")
	h.press("esc")
	h.contains("家族と離れるのが不安（非公開）")
	h.typeText("言葉が通じるか")
	h.press("esc")
	if l := h.ledger(e.ID); len(l.Anxieties) != 2 {
		t.Fatalf("worries %+v", l.Anxieties)
	}

	jumpTo(t, h, r, "p:intensity") // a scale
	h.typeText("夜に考えてしまう")
	h.press("ctrl+s")
	if st, _ := h.storedSession(r.id).Step("p:intensity"); st.Answer != "夜に考えてしまう" {
		t.Fatalf("the words typed on the scale: %+v", st)
	}

	h.press("ctrl+g")
	h.typeText("あ")
	h.contains("問いの一覧です")
	h.press("esc", "ctrl+d")
	h.typeText("それはいつから？")
	h.press("enter")
	if st, _ := r.wk.Sess.Current(); st.Kind != model.StepFollowup || st.Question != "それはいつから？" {
		t.Fatalf("words typed over the follow-ups: %+v", st)
	}
	h.press("esc")
	h.typeText("あ")
	h.contains("esc でセッションに戻って書く")
}

// TestAgreementAndActionsSayTheyAreShared: the agreement topic and the
// list of next steps, which every shared export holds, say so in their
// label as the answers and notes do; in the learner view, no tag is shown.
func TestAgreementAndActionsSayTheyAreShared(t *testing.T) {
	h := newHarness(t, 100, 30)
	h.seed()
	h.press("enter")
	r := openFlow(t, h, "agreement")
	jumpTo(t, h, r, r.wk.Sess.Steps[1].Key)
	h.contains("三者の期待と合意［共有］")
	h.press("esc", "l")
	h.settle()
	h.backOnTimeline("the session did not close")
	r = openFlow(t, h, "checkin")
	jumpTo(t, h, r, "p:next-steps")
	h.contains("次にやること［共有］")
	h.press("f2")
	h.contains("次にやること")
	h.notContains("［共有］")
}

// TestLettersAreNeverTakenAsMoves: in a session, letters typed where a list
// or a selector has the keys are words, not moves: on a self-review's
// levels they start the evidence whole (j, k, h and l included), and on a
// worry form's selector they change nothing and the status line says where
// to type.
func TestLettersAreNeverTakenAsMoves(t *testing.T) {
	h := newHarness(t, 100, 30)
	h.press("s", "n", "2", "enter")
	r := h.runnerOnTop()
	h.waitUntil("review loaded", func() bool { return r.loaded })
	h.notContains("f2 学習者ビュー") // a self-review has no learner to show
	h.press("3")
	h.typeText("jikan ga kakaru")
	h.press("ctrl+s")
	if st := h.storedSession(r.id).Steps[0]; st.Value != 3 || st.Answer != "jikan ga kakaru" {
		t.Fatalf("level %d, evidence %q", st.Value, st.Answer)
	}
	h.press("esc", "l")
	h.settle()

	h2 := newHarness(t, 100, 30)
	e := h2.seed()
	h2.press("enter")
	r2 := openFlow(t, h2, "anxiety")
	h2.contains("f2 学習者ビュー")
	jumpTo(t, h2, r2, "p:worries")
	h2.typeText("家族と離れるのが不安")
	h2.press("tab", "tab") // the category, then the intensity
	h2.typeText("hl")
	h2.contains("ここでは文字は入りません")
	h2.press("ctrl+s")
	if l := h2.ledger(e.ID); len(l.Anxieties) != 1 || l.Anxieties[0].Intensity != 0 || l.Anxieties[0].Text != "家族と離れるのが不安" {
		t.Fatalf("worries %+v", l.Anxieties)
	}
}

// TestALongSilenceLaterInTheStintWarns: months into the stint, three
// agreed check-in intervals without contact warn of under-support, saying
// why it matters then.
func TestALongSilenceLaterInTheStintWarns(t *testing.T) {
	h := newHarness(t, 100, 30)
	ctx := context.Background()
	// clock is 2026-11-21: the stint began in June; the last check-in was
	// 50 days ago, and the agreed interval later in the stint is 14 days.
	e, _ := h.store.CreateEngagement(ctx, model.Engagement{
		Learner: model.Learner{Name: "高橋"}, Start: model.NewDate(2026, 6, 1), End: model.NewDate(2027, 3, 31)})
	f, _ := h.app.env.lib.Flow("checkin")
	if _, err := h.store.StartSession(ctx, model.NewSession(f, e.ID, model.Ja, clock.AddDate(0, 0, -50))); err != nil {
		t.Fatal(err)
	}
	h.send(refreshMsg{})
	h.press("down", "enter")
	if _, ok := h.top().(*engagementScreen); !ok {
		h.press("enter")
	}
	h.contains("伴走不足のおそれ: 50 日間やりとりがありません。")
	h.contains("取り決めた間隔（14 日）の3回分")
}

// TestTheChooserStartsOnWhatTheStintAsksFor: in the first weeks at the
// host the due list asks for the conversation on joining it, and the
// chooser starts on that flow; once held, on the check-in again.
func TestTheChooserStartsOnWhatTheStintAsksFor(t *testing.T) {
	h := newHarness(t, 100, 30)
	ctx := context.Background()
	// clock is 2026-11-21: the stint began three days ago.
	if _, err := h.store.CreateEngagement(ctx, model.Engagement{Learner: model.Learner{Name: "高橋"},
		Start: model.NewDate(2026, 11, 18), End: model.NewDate(2027, 5, 31)}); err != nil {
		t.Fatal(err)
	}
	h.send(refreshMsg{})
	h.contains("高橋 — 越境先に合流した最初の数週間です")
	h.press("down", "enter")
	if _, ok := h.top().(*engagementScreen); !ok {
		h.press("enter")
	}
	h.press("n", "enter")
	r := h.runnerOnTop()
	if r.wk.Sess.FlowID != "arrival" {
		t.Fatalf("the chooser started on %q", r.wk.Sess.FlowID)
	}
	h.contains("最初の数日")
}
