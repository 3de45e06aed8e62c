package tui

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"bansou/internal/dbtest"
	"bansou/model"
	"bansou/model/sqlite"
)

func TestCreateEngagementFromHome(t *testing.T) {
	h := newHarness(t, 80, 24)
	h.contains("まだエンゲージメントがありません")
	h.press("n")
	h.typeText("山田 花子")
	h.press("tab")
	h.typeText("株式会社みらい")
	h.press("tab")
	h.typeText("NPO法人つなぐ")
	h.press("tab")
	h.typeText("2026/12/1")
	h.press("tab")
	h.typeText("2027-05-31")
	h.press("tab")
	h.typeText("５") // check-ins every 5 days at first (full-width digits are fine)
	h.press("tab", "tab")
	h.contains("問いとヒントがこの立場に合わせて変わります") // what "you are" is for
	h.press("right")                    // you are: sending → host
	h.press("tab")
	h.typeText("佐藤 一郎")
	h.press("tab", "right") // companion type: sending → host
	h.press("shift+tab")
	h.press("tab") // back to the type selector, nothing lost
	h.press("tab")
	h.typeText("鈴木")
	h.press("ctrl+s")

	list, err := h.store.Engagements(context.Background(), false)
	if err != nil || len(list) != 1 {
		t.Fatalf("engagements = %v %v", list, err)
	}
	e := list[0]
	if e.Learner.Name != "山田 花子" || e.SendingOrg != "株式会社みらい" || e.HostOrg != "NPO法人つなぐ" ||
		e.Start.String() != "2026-12-01" || e.End.String() != "2027-05-31" {
		t.Fatalf("engagement = %+v", e)
	}
	if e.MyType != model.Host {
		t.Fatalf("you are %q, want host", e.MyType)
	}
	if e.CheckinEarlyDays != 5 || e.CheckinLaterDays != 0 {
		t.Fatalf("cadence = %d/%d", e.CheckinEarlyDays, e.CheckinLaterDays)
	}
	if len(e.Companions) != 2 || e.Companions[0] != (model.Companion{Name: "佐藤 一郎", Type: model.Host}) ||
		e.Companions[1] != (model.Companion{Name: "鈴木", Type: model.Sending}) {
		t.Fatalf("companions = %+v", e.Companions)
	}
	// The new engagement's screen is shown.
	h.contains("株式会社みらい → NPO法人つなぐ")
	h.contains("越境前")
	h.press("esc")
	h.contains("▸ 山田 花子")
}

func TestFormReportsBadDatesAndKeepsInput(t *testing.T) {
	h := newHarness(t, 80, 24)
	h.press("n")
	h.typeText("田中")
	h.press("tab", "tab", "tab")
	h.typeText("2026-02-30")
	h.press("ctrl+s")
	h.contains("日付として読めません")
	h.contains("終了日")
	if list, _ := h.store.Engagements(context.Background(), true); len(list) != 0 {
		t.Fatal("invalid engagement saved")
	}
	h.contains("田中")
	h.press("esc")
	h.contains("変更を破棄しますか")
	h.press("n") // any key but y goes back
	h.contains("田中")
}

// startSession opens the purpose extraction runner for a seeded engagement.
func startSession(t *testing.T, h *harness) *runner {
	t.Helper()
	h.seed()
	h.press("enter") // open the engagement
	h.backOnTimeline("the engagement did not open")
	h.press("n")
	h.contains(h.app.env.lib.Flows[0].Title.In(h.app.env.lang))
	h.press("enter")
	return h.runnerOnTop()
}

func TestRunnerSavesJapaneseAnswersAndMovesFreely(t *testing.T) {
	h := newHarness(t, 80, 24)
	r := startSession(t, h)
	id := r.id
	h.contains("1. 実現したいこと")
	h.contains("聴く:")

	h.typeText("新しい事業の立ち上げを、現場で一から経験したい。")
	// The save tick has run: the answer is on disk without moving.
	if got := h.storedSession(id).Steps[0].Answer; got != "新しい事業の立ち上げを、現場で一から経験したい。" {
		t.Fatalf("stored answer = %q", got)
	}
	h.contains("保存済み")

	h.press("tab")
	h.typeText("家族の話題で表情が曇った")
	h.press("ctrl+n")
	h.contains("2. なぜ今、外へ")
	s := h.storedSession(id)
	if s.Steps[0].Note != "家族の話題で表情が曇った" || s.CurrentKey != "p:why-now" {
		t.Fatalf("after next: note %q current %q", s.Steps[0].Note, s.CurrentKey)
	}

	h.press("ctrl+x") // skip "why now"
	h.contains("3. 身につけたいこと")
	h.press("ctrl+p", "ctrl+p")
	h.contains("新しい事業の立ち上げを")
	if !h.storedSession(id).Steps[1].Skipped {
		t.Fatal("skip not stored")
	}

	// Jump with the step list.
	h.press("ctrl+g", "down", "down", "down", "down", "enter")
	h.contains("5. 会社からの期待")
	if got := h.storedSession(id).CurrentKey; got != "p:company-expects" {
		t.Fatalf("current after jump = %s", got)
	}
}

func TestDigDeeperAndOwnQuestion(t *testing.T) {
	h := newHarness(t, 80, 24)
	r := startSession(t, h)
	h.typeText("現場を知りたい")
	h.press("ctrl+d")
	h.contains("この回答を深掘りする問いを選んでください")
	h.contains("それが実現できたら、あなたにとって何が変わりますか。")
	h.press("enter")
	h.contains("↳ 深掘り")
	h.typeText("自信がつくと思う")

	h.press("ctrl+o")
	h.typeText("ご家族はどう言っていますか？")
	h.press("enter")
	h.contains("＋ 独自の問い")
	h.typeText("応援してくれています")
	h.press("ctrl+d", "down", "down", "enter") // the last choice: write my own
	h.typeText("具体的には？")
	h.press("enter")
	h.typeText("送り出してくれた")
	h.press("ctrl+s")

	s := h.storedSession(r.id)
	var got []string
	for _, st := range s.Steps[:5] {
		got = append(got, st.Key+"="+st.Answer)
	}
	want := []string{"p:achieve=現場を知りたい", "f:1=自信がつくと思う", "q:1=応援してくれています", "f:2=送り出してくれた", "p:why-now="}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Fatalf("steps = %v\nwant %v", got, want)
	}
	if s.Steps[1].FollowupID != "what-changes" || s.Steps[3].Parent != "q:1" || s.Steps[2].Question != "ご家族はどう言っていますか？" {
		t.Fatalf("follow-up details: %+v", s.Steps[:4])
	}
}

func TestFinishMarksSessionDoneAndReviewShowsIt(t *testing.T) {
	h := newHarness(t, 80, 24)
	r := startSession(t, h)
	h.typeText("地域の課題に向き合いたい")
	h.press("tab")
	h.typeText("メモ：迷いが残る")
	h.press("esc")
	h.contains("セッションを離れます")
	h.contains("すべてに答える必要はありません")
	h.press("f")
	s := h.storedSession(r.id)
	if s.Status != model.Done || s.FinishedAt.IsZero() {
		t.Fatalf("session not done: %+v", s)
	}
	if list, _ := h.store.InterruptedSessions(context.Background()); len(list) != 0 {
		t.Fatal("a finished session is still marked open")
	}
	h.contains("完了")
	h.press("enter") // a done session opens as a review
	if _, ok := h.top().(*review); !ok {
		t.Fatalf("top is %T", h.top())
	}
	h.contains("地域の課題に向き合いたい")
	// The review is the companion's own view: private notes are shown.
	h.contains("伴走者メモ（非公開）")
	h.contains("メモ：迷いが残る")
}

func TestLeaveForLaterKeepsSessionInProgress(t *testing.T) {
	h := newHarness(t, 80, 24)
	r := startSession(t, h)
	h.typeText("あとで続けます")
	h.press("esc", "l")
	s := h.storedSession(r.id)
	if s.Status != model.InProgress || s.Steps[0].Answer != "あとで続けます" {
		t.Fatalf("session = %+v", s)
	}
	h.contains("進行中")
	h.press("enter")
	h.runnerOnTop()
	h.contains("あとで続けます")
}

func TestQuitSavesWhatIsTyped(t *testing.T) {
	h := newHarness(t, 80, 24)
	r := startSession(t, h)
	// Type without letting the save tick run, then quit at once.
	for _, c := range "終了直前の入力" {
		h.app, _ = mustUpdate(h.app, tea.KeyPressMsg{Code: c, Text: string(c)})
	}
	h.press("ctrl+c")
	if !h.quit {
		t.Fatal("did not quit")
	}
	if got := h.storedSession(r.id).Steps[0].Answer; got != "終了直前の入力" {
		t.Fatalf("stored = %q", got)
	}
}

func mustUpdate(a App, msg tea.Msg) (App, tea.Cmd) {
	m, cmd := a.Update(msg)
	return m.(App), cmd
}

// failingStore fails SaveProgress a number of times, like a full disk.
type failingStore struct {
	model.Store
	mu       sync.Mutex
	failures int
}

func (f *failingStore) SaveProgress(ctx context.Context, p model.Progress) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.failures > 0 {
		f.failures--
		return errors.Join(model.ErrDiskFull, errors.New("write failed"))
	}
	return f.Store.SaveProgress(ctx, p)
}

func TestFailedSaveKeepsTextAndRetries(t *testing.T) {
	store, _ := openStore(t)
	fs := &failingStore{Store: store}
	h := newHarness(t, 80, 24, withStore(fs))
	r := startSession(t, h)
	fs.mu.Lock()
	fs.failures = 1
	fs.mu.Unlock()
	h.typeText("ディスクがいっぱいでも消えない")
	// The first save failed; the retry (a second later) succeeded.
	if got := h.storedSession(r.id).Steps[0].Answer; got != "ディスクがいっぱいでも消えない" {
		t.Fatalf("stored = %q", got)
	}
	h.contains("保存できました")
	h.contains("ディスクがいっぱいでも消えない")
}

// TestBusyDatabaseIsSaidAndTheTextKept: another program holds the
// database's write lock past the busy timeout. Starting a session says so in
// bansou's words and opens nothing; an answer typed meanwhile stays on
// screen, its save says why it failed (never the driver's words), and once
// the lock is gone the retry saves it.
func TestBusyDatabaseIsSaidAndTheTextKept(t *testing.T) {
	_, path := openStore(t)
	store, err := sqlite.Open(path, sqlite.Options{Now: func() time.Time { return clock }, BusyTimeout: 50 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	h := newHarness(t, 100, 30, withStore(store))
	h.seed()
	h.press("enter")
	busy := "データベースが別のプログラム（別の bansou など）で使用中です。"
	release := dbtest.HoldLock(t, path)
	h.press("n", "enter")
	h.contains(busy)
	h.backOnTimeline("a session was opened on a busy database")
	release()
	h.press("n", "enter")
	r := h.runnerOnTop()

	release = dbtest.HoldLock(t, path)
	answer := "ロック中に打った答え"
	for _, c := range answer { // the failed save is retried for ever: no settling
		h.feed(tea.KeyPressMsg{Code: c, Text: string(c)})
	}
	h.waitUntil("the failed save is said", func() bool {
		return strings.Contains(h.screen(), "保存できません。入力は画面に残り、自動で再試行します。理由: "+busy[:len("データベースが別の")])
	})
	h.contains("保存できていません")
	h.contains(answer)
	for _, raw := range []string{"database is locked", "SQLITE", "sqlite", "bansou.db"} {
		if strings.Contains(h.screen(), raw) {
			t.Fatalf("the screen shows the driver's words %q:\n%s", raw, h.screen())
		}
	}
	release()
	h.waitUntil("the retry saves the answer", func() bool { return h.storedSession(r.id).Steps[0].Answer == answer })
	h.waitUntil("the recovery is said", func() bool { return strings.Contains(h.screen(), "保存できました") })
}

func TestHelpShowsEveryKeyAndFooterShowsScreenKeys(t *testing.T) {
	h := newHarness(t, 80, 24)
	startSession(t, h)
	h.contains("ctrl+n 次へ")
	h.press("f1")
	for _, want := range []string{"キー操作", "ctrl+n", "ctrl+p", "ctrl+g", "ctrl+x", "ctrl+d", "ctrl+o", "ctrl+t", "tab", "ctrl+s", "esc", "ctrl+c", "ctrl+z/y"} {
		h.contains(want)
	}
	h.press("esc")
	h.contains("1. 実現したいこと")
}

func TestHintCanBeHidden(t *testing.T) {
	h := newHarness(t, 80, 24)
	startSession(t, h)
	h.contains("聴く:")
	h.press("ctrl+t")
	if strings.Contains(h.screen(), "聴く:") {
		t.Fatal("hint still shown")
	}
	h.contains("ヒントは非表示です")
}

type tinyScreen struct {
	name string
	open func(t *testing.T, h *harness)
}

// tinyScreens opens each screen of the interface (and the runner's
// dialogs, the help) at 80×24, for the tests that shrink the terminal.
var tinyScreens = []tinyScreen{
	{"home", func(t *testing.T, h *harness) { h.seed() }},
	{"help", func(t *testing.T, h *harness) { h.press("?") }},
	{"engagement form", func(t *testing.T, h *harness) { h.press("n"); h.typeText("山田") }},
	{"engagement", func(t *testing.T, h *harness) { h.seed(); h.press("enter") }},
	{"session", func(t *testing.T, h *harness) { startSession(t, h); h.typeText("途中の答え") }},
	{"list of prompts", func(t *testing.T, h *harness) { startSession(t, h); h.press("ctrl+g", "down") }},
	{"leave dialog", func(t *testing.T, h *harness) { startSession(t, h); h.press("esc") }},
	{"review", func(t *testing.T, h *harness) {
		r := startSession(t, h)
		h.typeText("終えた答え")
		h.press("esc", "f")
		h.send(pushScreenMsg{newReview(h.app.env, r.id)})
		h.waitUntil("review rendered", func() bool { return strings.Contains(h.screen(), "終えた答え") })
	}},
	{"comparison", func(t *testing.T, h *harness) { e := h.seed(); h.send(pushScreenMsg{newCompare(h.app.env, e.ID)}) }},
	{"search", func(t *testing.T, h *harness) {
		h.seed()
		h.press("/")
		h.typeText("山田")
		h.waitUntil("searched", func() bool { return h.top().(*searchScreen).shown == "山田" })
	}},
	{"skills", func(t *testing.T, h *harness) { h.press("s") }},
	{"self-review", func(t *testing.T, h *harness) { h.press("s", "n", "2", "enter"); h.runnerOnTop() }},
	{"rounds", func(t *testing.T, h *harness) { h.press("r") }},
	{"round setup", func(t *testing.T, h *harness) { setupRound(t, h); h.typeText("佐藤") }},
	{"round", func(t *testing.T, h *harness) {
		setupRound(t, h)
		h.typeText("佐藤")
		h.press("ctrl+s")
		r := h.runnerOnTop()
		h.waitUntil("round loaded", func() bool { return r.loaded })
		h.press("tab")
		h.typeText("メモ")
	}},
}

// TestTinyTerminalAsksForMoreRoomAndIgnoresKeys shrinks the terminal to
// 20×6 on every screen: each asks for more room within the 20×6, and keys
// and a paste sent meanwhile are not applied blind; back at 80×24 the same
// screen shows exactly what it showed before, typed text included.
func TestTinyTerminalAsksForMoreRoomAndIgnoresKeys(t *testing.T) {
	for _, sc := range tinyScreens {
		t.Run(sc.name, func(t *testing.T) {
			h := newHarness(t, 80, 24)
			sc.open(t, h)
			h.settle()
			before, top := h.screen(), h.top()
			h.send(tea.WindowSizeMsg{Width: 20, Height: 6})
			h.contains("ウィンドウが小さすぎ")
			h.contains("20×6")
			checkWidth(t, h, sc.name)
			h.typeText("見えない入力")
			h.press("enter", "tab", "esc", "n", "backspace", "ctrl+n", "ctrl+g", "?", "/")
			h.send(tea.PasteMsg{Content: "見えない貼り付け"})
			h.send(tea.WindowSizeMsg{Width: 80, Height: 24})
			if h.top() != top {
				t.Fatalf("keys typed at 20×6 changed the screen to %T:\n%s", h.top(), h.screen())
			}
			if after := h.screen(); after != before {
				t.Fatalf("keys typed at 20×6 were applied:\n--- before\n%s\n--- after\n%s", before, after)
			}
		})
	}
}

func TestEnglishInterface(t *testing.T) {
	h := newHarness(t, 80, 24, withLang(model.En))
	h.contains("No engagements yet")
	startSession(t, h)
	h.contains("1. What you want to achieve")
	h.contains("Listen for:")
	h.contains("ctrl+n next")
}

func TestGoldenRunnerJapanese80x24(t *testing.T) {
	h := newHarness(t, 80, 24)
	startSession(t, h)
	h.typeText("新しい事業の立ち上げを、現場で一から経験したいです。\n特に、お客さまと直接話す仕事に関わりたい。")
	h.press("tab")
	h.typeText("声が明るくなった")
	h.golden("runner_ja_80x24")
}

func TestGoldenRunnerEnglish60x20(t *testing.T) {
	h := newHarness(t, 60, 20, withLang(model.En))
	startSession(t, h)
	h.typeText("I want to see how a small team builds something new.")
	h.press("ctrl+n")
	h.golden("runner_en_60x20")
}

func TestGoldenHome60x20(t *testing.T) {
	h := newHarness(t, 60, 20)
	h.seed()
	h.golden("home_ja_60x20")
}

// TestGoldenEngagementFormJapanese80x24: a new engagement typed with a
// date that is not one, a cadence out of range and three companions, one
// of another type, then saved: the errors stand under their fields.
func TestGoldenEngagementFormJapanese80x24(t *testing.T) {
	h := newHarness(t, 80, 24)
	h.press("n")
	typeFields(h, "山田 花子", "株式会社みらい", "NPO法人つなぐ", "2026-13-01", "2027-05-31", "120", "", "", "佐藤 一郎")
	h.press("tab", "right", "tab") // the first companion's type, then the second's name
	typeFields(h, "田中 陽", "", "Lee Min")
	h.press("ctrl+s")
	h.golden("form_ja_80x24")
}

// TestGoldenEngagementFormEnglish40x16: editing an engagement on a narrow
// terminal, the focus on a companion's type, scrolled into view.
func TestGoldenEngagementFormEnglish40x16(t *testing.T) {
	h := newHarness(t, 40, 16, withLang(model.En))
	h.seed()
	h.press("e")
	for range 9 {
		h.press("tab")
	}
	h.press("left")
	h.golden("form_en_40x16")
}

// TestHomeScrollsThroughManyEngagements moves down a list longer than the
// screen and back: the row under the cursor is always on screen, the one
// expected, with a due item and the headings above it.
func TestHomeScrollsThroughManyEngagements(t *testing.T) {
	h := newHarness(t, 80, 24)
	ctx := context.Background()
	var names []string
	for i := range 40 {
		e, err := h.store.CreateEngagement(ctx, model.Engagement{
			Learner: model.Learner{Name: fmt.Sprintf("学習者 %02d", i)}, SendingOrg: "株式会社みらい", HostOrg: "NPO法人つなぐ",
			Start: model.NewDate(2026, 12, 1), End: model.NewDate(2027, 5, 31),
		})
		if err != nil {
			t.Fatal(err)
		}
		names = append([]string{e.Learner.Name}, names...) // newest first
	}
	// One worry in the newest engagement makes one due item above the list.
	sess, err := h.store.StartSession(ctx, model.NewSession(h.app.env.lib.Flows[0], 40, model.Ja, clock))
	if err != nil {
		t.Fatal(err)
	}
	p := model.ProgressOf(sess, nil, false)
	p.Anxieties = []model.Anxiety{{ID: "w1", EngagementID: 40, SessionID: sess.ID, StepKey: sess.Steps[0].Key,
		Text: "帰任後の役割", CreatedAt: clock, UpdatedAt: clock}}
	if err := h.store.SaveProgress(ctx, p); err != nil {
		t.Fatal(err)
	}
	h.send(refreshMsg{})
	h.contains("▸ 学習者 39 — 未解消の不安 1 件")
	for i, name := range names {
		h.press("down")
		h.contains("▸ " + name)
		if strings.Count(h.screen(), "▸") != 1 {
			t.Fatalf("row %d: more than one row selected:\n%s", i, h.screen())
		}
	}
	if strings.Contains(h.screen(), "確認すること") {
		t.Fatalf("the top of the list did not scroll away:\n%s", h.screen())
	}
	for range names {
		h.press("up")
	}
	h.contains("▸ 学習者 39 — 未解消の不安 1 件")
	h.contains("確認すること")
	h.contains("越境前")
}

func TestCursorSitsAtTheCaret(t *testing.T) {
	h := newHarness(t, 80, 24)
	startSession(t, h)
	h.typeText("あいう")
	c := h.app.View().Cursor
	if c == nil {
		t.Fatal("no real cursor while typing")
	}
	lines := strings.Split(h.screen(), "\n")
	row := lines[c.Y]
	// The caret is right after "あいう" (3 wide characters after the gutter).
	if c.X != 2+6 || !strings.HasPrefix(strings.TrimLeft(row, "│┃ "), "あいう") {
		t.Fatalf("cursor at %d,%d on %q", c.X, c.Y, row)
	}
}

func TestQuitFromACompleteFormSavesIt(t *testing.T) {
	h := newHarness(t, 80, 24)
	h.press("n")
	h.typeText("高橋 美咲")
	h.press("tab", "tab", "tab")
	h.typeText("2027-04-01")
	h.press("tab")
	h.typeText("2027-09-30")
	h.press("ctrl+c")
	if !h.quit {
		t.Fatal("did not quit")
	}
	list, _ := h.store.Engagements(context.Background(), true)
	if len(list) != 1 || list[0].Learner.Name != "高橋 美咲" {
		t.Fatalf("engagements = %+v", list)
	}
}

func TestQuitWhileSavingFailsNeedsASecondCtrlC(t *testing.T) {
	store, _ := openStore(t)
	fs := &failingStore{Store: store}
	h := newHarness(t, 80, 24, withStore(fs))
	startSession(t, h)
	fs.mu.Lock()
	fs.failures = 1 << 30 // the disk stays full
	fs.mu.Unlock()
	for _, c := range "保存できない入力" {
		h.app, _ = mustUpdate(h.app, tea.KeyPressMsg{Code: c, Text: string(c)})
	}
	h.feed(keyPress("ctrl+c"))
	h.waitUntil("the failure is reported", func() bool {
		return strings.Contains(h.screen(), "もう一度 ctrl+c で保存せずに終了")
	})
	if h.quit {
		t.Fatal("quit although the text could not be saved")
	}
	h.contains("保存できません")
	h.contains("保存できない入力") // still on screen
	h.feed(keyPress("ctrl+c"))
	h.waitUntil("quit", func() bool { return h.quit })
}

func TestHelpInTheLeaveDialogListsItsKeys(t *testing.T) {
	h := newHarness(t, 80, 24)
	startSession(t, h)
	h.press("esc", "?")
	h.contains("完了にする")
	h.contains("途中として保存し、あとで続ける")
}

func TestNoColorFormPlaceholdersAreFaint(t *testing.T) {
	h := newHarness(t, 80, 24, func(o *Options) { o.Theme = Theme{NoColor: true} })
	h.press("n")
	raw := h.app.View().Content
	if strings.Contains(raw, "38;") || strings.Contains(raw, "48;") {
		t.Fatal("colours used under NO_COLOR")
	}
	if !faintItalic(raw, "例: 2026-12-01") {
		t.Fatalf("date placeholder not faint: %q", raw)
	}
}

func TestFormKeepsFocusedTypeSelectorInView(t *testing.T) {
	h := newHarness(t, 60, 12)
	h.press("n")
	h.press("tab", "tab", "tab", "tab", "tab", "tab", "tab", "tab")
	h.typeText("一人目")
	h.press("tab", "tab")
	h.typeText("二人目")
	h.press("tab", "tab")
	h.typeText("三人目")
	h.press("tab") // the third companion's type selector
	h.contains("三人目")
}

// TestASessionRunDownTheListGetsAGentleNote: a session whose prompts were
// all asked in order with short answers and nothing dug into ends with a
// gentle note, and is marked done all the same; one with a follow-up does
// not get it.
func TestASessionRunDownTheListGetsAGentleNote(t *testing.T) {
	for _, dig := range []bool{false, true} {
		h := newHarness(t, 100, 30)
		r := startSession(t, h)
		for i := range 6 {
			h.typeText(fmt.Sprintf("はい%d", i))
			if i == 2 && dig {
				h.press("ctrl+d")
				h.press("enter")
				h.typeText("もう少し言うと、上司に話せていない")
				h.press("ctrl+n")
			}
			h.press("ctrl+n")
		}
		h.press("esc", "f")
		if s := h.storedSession(r.id); s.Status != model.Done {
			t.Fatalf("not done: %+v", s.Status)
		}
		if got := strings.Contains(h.screen(), "問いを上から順に聞き"); got == dig {
			t.Errorf("dug into: %v; the note shown: %v\n%s", dig, got, h.screen())
		}
	}
}

// TestAFirstTimeCompanionIsOfferedTheOrientation: the empty home screen
// offers the orientation; o opens it as a document with every section, f1
// lists it, esc comes back; it opens from a home with engagements too.
func TestAFirstTimeCompanionIsOfferedTheOrientation(t *testing.T) {
	h := newHarness(t, 100, 30)
	h.contains("まだエンゲージメントがありません")
	h.contains("はじめて伴走する方へ: o で「伴走のはじめに」")
	h.press("o")
	h.contains("伴走のはじめに")
	secs := h.app.env.lib.Orientation
	h.contains(secs[0].Title.Ja)
	for range 40 {
		h.press("down")
	}
	h.contains(secs[len(secs)-1].Title.Ja)
	h.press("esc")
	h.contains("まだエンゲージメントがありません")
	h.press("f1")
	listed := false
	for _, l := range strings.Split(h.screen(), "\n") {
		if f := strings.Fields(l); len(f) == 2 && f[0] == "o" && f[1] == "伴走のはじめに" {
			listed = true
		}
	}
	if !listed {
		t.Errorf("the help does not list o:\n%s", h.screen())
	}
	h.press("esc")
	h.seed()
	if strings.Contains(h.screen(), "はじめて伴走する方へ") {
		t.Errorf("the offer stays once there is an engagement:\n%s", h.screen())
	}
	h.press("o")
	h.contains(secs[0].Title.Ja)
}

// TestFormDatesWithoutTheYear: the engagement form reads 12月1日 and 5/31
// as the accessible mode does, the nearest such day to today (the clock's
// 2026-11-21): this December, next May.
func TestFormDatesWithoutTheYear(t *testing.T) {
	h := newHarness(t, 100, 30)
	h.press("n")
	typeFields(h, "山田 花子", "", "", "12月1日", "5/31")
	h.press("ctrl+s")
	list, err := h.store.Engagements(context.Background(), false)
	if err != nil || len(list) != 1 {
		t.Fatalf("engagements = %v %v\n%s", list, err, h.screen())
	}
	if got := list[0].Start.String() + " " + list[0].End.String(); got != "2026-12-01 2027-05-31" {
		t.Errorf("dates = %s", got)
	}
}
