package tui

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"bansou/internal/hostile"
	"bansou/model"
	"bansou/model/report"
)

// typeAnswer starts a purpose session and answers the first prompts.
func typeAnswers(t *testing.T, h *harness, answers ...string) *runner {
	t.Helper()
	r := openFlow(t, h, "purpose")
	for i, a := range answers {
		if i > 0 {
			h.press("ctrl+n")
		}
		h.typeText(a)
	}
	h.press("ctrl+s")
	return r
}

func TestSearchFindsAnswersAndOpensTheSessionAtThePrompt(t *testing.T) {
	h := newHarness(t, 100, 30)
	h.seed()
	h.press("enter")
	r := typeAnswers(t, h, "現場でＡＩの活用を学びたい", "外の世界を知る機会は今しかない", "公園の清掃活動で地域と関わる")
	third := r.wk.Sess.CurrentKey
	h.press("esc", "l") // keep for later
	h.press("esc")      // home

	h.press("/")
	if _, ok := h.top().(*searchScreen); !ok {
		t.Fatalf("/ did not open search:\n%s", h.screen())
	}
	h.contains("1文字から探せて")

	// Two characters of Japanese, found in the third answer only.
	h.typeText("公園")
	h.waitUntil("results", func() bool { return strings.Contains(h.screen(), "1 件") })
	h.contains("山田 花子")
	h.contains("目的抽出")
	h.contains("公園の清掃活動")
	s := h.top().(*searchScreen)
	if len(s.hits) != 1 || s.hits[0].StepKey != third || len(s.hits[0].Matches) != 1 {
		t.Fatalf("hits = %+v", s.hits)
	}

	// A half-width query finds the full-width text; the match is shown.
	for range []rune("公園") {
		h.press("backspace")
	}
	h.typeText("ai")
	h.waitUntil("results for ai", func() bool { return s.shown == "ai" })
	if len(s.hits) != 1 || !strings.Contains(s.hits[0].Text, "ＡＩ") {
		t.Fatalf("hits = %+v", s.hits)
	}
	h.press("backspace", "backspace")
	h.typeText("今")
	h.waitUntil("results for 今", func() bool { return s.shown == "今" })
	if len(s.hits) != 1 {
		t.Fatalf("one character: %+v", s.hits)
	}

	// enter opens the session at that prompt, not where it was left.
	h.press("backspace")
	h.typeText("清掃")
	h.waitUntil("results for 清掃", func() bool { return s.shown == "清掃" })
	h.press("enter")
	r2 := h.runnerOnTop()
	if r2.wk.Sess.CurrentKey != third {
		t.Fatalf("opened at %s, want %s", r2.wk.Sess.CurrentKey, third)
	}
	h.contains("公園の清掃活動で地域と関わる")

	// Changing the answer there (a paste, which goes to the session only,
	// not to the search under it) shows up when going back to the results.
	h.press("ctrl+e")
	h.send(tea.PasteMsg{Content: "、清掃の後に話し合う"})
	h.press("ctrl+s", "esc", "l")
	if _, ok := h.top().(*searchScreen); !ok {
		t.Fatalf("did not come back to the results:\n%s", h.screen())
	}
	if q := s.input.Value(); q != "清掃" {
		t.Fatalf("the paste into the session reached the search under it: %q", q)
	}
	h.waitUntil("refreshed results", func() bool { return strings.Contains(h.screen(), "清掃の後に") })

	// Nothing found says so; esc leaves.
	h.press("backspace", "backspace")
	h.typeText("見当たらない言葉")
	h.waitUntil("no results", func() bool { return strings.Contains(h.screen(), "見つかりませんでした") })
	h.press("esc")
	if _, ok := h.top().(*home); !ok {
		t.Fatalf("esc did not leave search: %T", h.top())
	}
}

func TestSlashIsTypedIntoAnswersNotTakenAsSearch(t *testing.T) {
	h := newHarness(t, 100, 30)
	h.seed()
	h.press("enter")
	r := openFlow(t, h, "purpose")
	h.typeText("A/B テスト")
	if _, ok := h.top().(*runner); !ok {
		t.Fatalf("/ in an answer opened %T", h.top())
	}
	if got := r.answer.Value(); got != "A/B テスト" {
		t.Fatalf("answer = %q", got)
	}
}

func TestSearchShowsControlSequencesHarmlessly(t *testing.T) {
	h := newHarness(t, 80, 24)
	h.seed()
	h.press("enter")
	typeAnswers(t, h, "評価\x1b]52;c;ZXZpbA==\x07が気になる")
	h.press("esc", "l", "esc", "/")
	h.typeText("評価")
	s := h.top().(*searchScreen)
	h.waitUntil("results", func() bool { return s.shown == "評価" && len(s.hits) == 1 })
	hostile.Check(t, "search", h.app.View().Content)
	if view := h.screen(); !strings.Contains(view, "␛]52") {
		t.Fatalf("control sequence not shown as a stand-in:\n%q", view)
	}
	checkWidth(t, h, "search with a control sequence")
}

func TestVisibilityOfAnswersNotesAndWorries(t *testing.T) {
	h := newHarness(t, 100, 30)
	e := h.seed()
	h.press("enter")
	r := openFlow(t, h, "purpose")
	h.contains("回答（本人の言葉で）［共有］")
	h.contains("伴走者メモ［非公開］")
	h.typeText("家族の介護があって不安")
	h.press("ctrl+l")
	h.contains("回答（本人の言葉で）［非公開］")
	h.contains("共有用の書き出しには入りません")
	h.press("tab")
	h.typeText("本人と共有してよいと確認済み")
	h.press("ctrl+l")
	h.contains("伴走者メモ［共有］")
	h.press("ctrl+s")
	st := h.storedSession(r.id).Steps[0]
	if !st.AnswerPrivate || !st.NoteShared || st.Note != "本人と共有してよいと確認済み" {
		t.Fatalf("stored step = %+v", st)
	}

	// The shared export leaves the private answer out and keeps the shared note.
	sess := h.storedSession(r.id)
	md := report.SessionMarkdown(e, sess, report.Options{Lang: model.Ja})
	if strings.Contains(md, "家族の介護") || !strings.Contains(md, "本人と共有してよいと確認済み") {
		t.Fatalf("markdown:\n%s", md)
	}

	// A worry is private until it is made shared in its form, with the
	// learner's agreement.
	h.press("esc", "f")
	r2 := openFlow(t, h, "anxiety")
	jumpTo(t, h, r2, "p:worries")
	h.press("enter")
	h.typeText("体調のこと")
	h.contains("公開範囲")
	h.press("esc")
	h.contains("体調のこと（非公開）")
	l := h.ledger(e.ID)
	if len(l.Anxieties) != 1 || !l.Anxieties[0].Private {
		t.Fatalf("anxieties = %+v", l.Anxieties)
	}
	h.press("up", "enter")
	for range 5 {
		h.press("tab")
	}
	h.press("left")
	h.press("esc")
	h.notContains("体調のこと（非公開）")
	h.contains("体調のこと")
	if l := h.ledger(e.ID); len(l.Anxieties) != 1 || l.Anxieties[0].Private {
		t.Fatalf("after sharing, anxieties = %+v", l.Anxieties)
	}
}

// storeSession writes a whole session, answers and all, as if it had been
// held at the given time.
func (h *harness) storeSession(engagementID int64, flowID string, at time.Time, evs ...model.Event) model.Session {
	h.t.Helper()
	f, ok := h.app.env.lib.Flow(flowID)
	if !ok {
		h.t.Fatalf("no flow %s", flowID)
	}
	s := model.NewSession(f, engagementID, model.Ja, at)
	for _, ev := range evs {
		var err error
		if s, err = model.Apply(s, ev, at); err != nil {
			h.t.Fatal(err)
		}
	}
	s, err := h.store.StartSession(context.Background(), s)
	if err != nil {
		h.t.Fatal(err)
	}
	return s
}

func TestComparisonSetsBeforeBesideAfter(t *testing.T) {
	h := newHarness(t, 100, 40)
	e := h.seed() // 2026-12-01 – 2027-05-31
	ctx := context.Background()
	before := h.storeSession(e.ID, "purpose", time.Date(2026, 11, 10, 10, 0, 0, 0, time.UTC),
		model.Jump{Key: "p:gain"}, model.SetAnswer{Text: "数字で説明する力を身につけたい"})
	h.storeSession(e.ID, "reflection", time.Date(2027, 6, 20, 10, 0, 0, 0, time.UTC),
		model.Jump{Key: "p:acquired"}, model.SetAnswer{Text: "小さく試して数字で振り返る習慣"})
	worry := model.Anxiety{ID: "w1", EngagementID: e.ID, SessionID: before.ID, Text: "戻る場所があるか",
		CreatedAt: time.Date(2026, 11, 10, 10, 0, 0, 0, time.UTC)}
	worry.History = []model.AnxietyUpdate{{ID: "u1", AnxietyID: "w1", SessionID: before.ID, Status: model.AnxietyEasing,
		At: time.Date(2027, 3, 1, 10, 0, 0, 0, time.UTC)}}
	p := model.ProgressOf(before, nil, false)
	p.Anxieties, p.AnxietyUpdates = []model.Anxiety{worry}, worry.History
	if err := h.store.SaveProgress(ctx, p); err != nil {
		t.Fatal(err)
	}

	h.press("enter", "c")
	if _, ok := h.top().(*compareScreen); !ok {
		t.Fatalf("c did not open the comparison:\n%s", h.screen())
	}
	h.contains("比較 — 山田 花子")
	h.contains("出発（2026-12-01）の前後")
	h.contains("身につけたいこと → 身についたと言えるもの")
	h.contains("越境前 2026-11-10 目的抽出")
	h.contains("越境後 2027-06-20 振り返り")
	// Side by side: both answers on the same row of the screen.
	var row string
	for _, l := range strings.Split(h.screen(), "\n") {
		if strings.Contains(l, "数字で説明する力") {
			row = l
		}
	}
	if !strings.Contains(row, "│") || !strings.Contains(row, "小さく試して数字で振り返る習慣") {
		t.Fatalf("answers not side by side: %q\n%s", row, h.screen())
	}
	h.contains("戻る場所があるか")
	h.contains("未解消 → 和らいできた")
	h.press("tab", "tab")
	h.contains("三者合意はまだ記録されていません")
	checkWidth(t, h, "comparison")

	// Narrow: the two sides stack.
	h.send(tea.WindowSizeMsg{Width: 44, Height: 30})
	checkWidth(t, h, "narrow comparison")
	h.press("esc")
	h.backOnTimeline("esc did not go back")
}

func TestTimelineGroupsSessionsByPhase(t *testing.T) {
	h := newHarness(t, 100, 30)
	e := h.seed() // 2026-12-01 – 2027-05-31
	h.storeSession(e.ID, "purpose", time.Date(2026, 11, 10, 10, 0, 0, 0, time.UTC))
	h.storeSession(e.ID, "anxiety", time.Date(2026, 11, 12, 10, 0, 0, 0, time.UTC))
	h.storeSession(e.ID, "checkin", time.Date(2027, 1, 15, 10, 0, 0, 0, time.UTC))
	h.storeSession(e.ID, "reflection", time.Date(2027, 6, 20, 10, 0, 0, 0, time.UTC))
	h.press("enter")
	screen := h.screen()
	// The latest first, under its phase: after, during, before.
	order := []string{"── 越境後（1）", "2027-06-20  振り返り", "── 越境中（1）", "2027-01-15",
		"── 越境前（2）", "2026-11-12", "2026-11-10  目的抽出"}
	at := 0
	for _, want := range order {
		i := strings.Index(screen[at:], want)
		if i < 0 {
			t.Fatalf("timeline lacks %q after position %d:\n%s", want, at, screen)
		}
		at += i
	}
	// The latest session is selected; r shows it as a document.
	if !strings.Contains(screen, "▸ 2027-06-20") {
		t.Fatalf("latest not selected:\n%s", screen)
	}
	h.press("r")
	if _, ok := h.top().(*review); !ok {
		t.Fatalf("r did not open the document: %T", h.top())
	}
	h.waitUntil("rendered", func() bool { return strings.Contains(h.screen(), "振り返り") })
}

func TestSlashDoesNotSearchWhileASessionIsOpen(t *testing.T) {
	h := newHarness(t, 100, 30)
	h.seed()
	h.press("enter")
	openFlow(t, h, "purpose")
	h.press("ctrl+g") // the list of prompts: keys do not go to a text field
	h.press("/")
	if _, ok := h.top().(*runner); !ok {
		t.Fatalf("/ left the session: %T", h.top())
	}
	if strings.Contains(h.screen(), "/ 検索") {
		t.Fatalf("the footer offers search in a session:\n%s", h.screen())
	}
	h.press("esc", "esc", "l")
	h.contains("/ 検索")
	h.press("/")
	if _, ok := h.top().(*searchScreen); !ok {
		t.Fatalf("/ on the engagement screen: %T", h.top())
	}
}

func TestSearchResultsScrollWithTheSelection(t *testing.T) {
	h := newHarness(t, 80, 24)
	e := h.seed()
	for i := range 12 {
		h.storeSession(e.ID, "purpose", time.Date(2026, 11, 1+i, 10, 0, 0, 0, time.UTC),
			model.SetAnswer{Text: fmt.Sprintf("課題その%d：現場で学ぶ", i+1)})
	}
	h.press("/")
	h.typeText("課題")
	s := h.top().(*searchScreen)
	h.waitUntil("results", func() bool { return s.shown == "課題" && len(s.hits) == 12 })
	h.contains("課題その12") // newest first
	if strings.Contains(h.screen(), "課題その1：") {
		t.Fatalf("the oldest hit should be below the fold:\n%s", h.screen())
	}
	for range 11 {
		h.press("down")
	}
	h.contains("課題その1：")
	if !strings.Contains(h.screen(), "▸ 山田 花子 · 2026-11-01") {
		t.Fatalf("the selected hit is not shown:\n%s", h.screen())
	}
	checkWidth(t, h, "scrolled search")
}
