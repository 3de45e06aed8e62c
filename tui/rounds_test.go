package tui

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"bansou/model"
	"bansou/model/report"
)

// setupRound opens the rounds page and the setup of a new round.
func setupRound(t *testing.T, h *harness) *roundSetup {
	t.Helper()
	h.press("r")
	if _, ok := h.top().(*roundsScreen); !ok {
		t.Fatalf("r did not open the rounds page:\n%s", h.screen())
	}
	h.press("n")
	s, ok := h.top().(*roundSetup)
	if !ok {
		t.Fatalf("n did not open the setup:\n%s", h.screen())
	}
	return s
}

// moveToRow puts the setup's cursor on the row whose label contains label.
func moveToRow(t *testing.T, h *harness, s *roundSetup, label string) {
	t.Helper()
	for i := 0; i < 40; i++ {
		if strings.Contains(s.fs.current().label, label) {
			return
		}
		h.press("down")
	}
	t.Fatalf("no row %q:\n%s", label, h.screen())
}

// TestRoundEndToEnd prepares a case consultation of three companions,
// runs its timer through pauses, overtime and an extension while the scribe
// takes notes, records the key question and the next actions, finishes,
// and opens the next round, which suggests the next presenter and asks how
// last round's next actions went.
func TestRoundEndToEnd(t *testing.T) {
	now := clock
	h := newHarness(t, 100, 30, withClock(&now))
	s := setupRound(t, h)
	h.typeText("佐藤 一郎")
	h.press("enter")
	h.typeText("田中　陽")
	h.press("ctrl+t") // 越境先
	h.press("enter")
	h.typeText("Lee Min")
	h.press("ctrl+t", "ctrl+t") // 第三者
	screen := h.screen()
	for _, want := range []string{"田中　陽", "［越境先］", "［第三者］"} {
		if !strings.Contains(screen, want) {
			t.Fatalf("setup lacks %q:\n%s", want, screen)
		}
	}
	// The facilitator is the first listed; the rotation suggests the
	// first of the others; the scribe is whoever is left.
	if l := lineWith(t, screen, "発表者"); !strings.Contains(l, "田中　陽（順番の提案）") {
		t.Errorf("presenter row: %q", l)
	}
	if l := lineWith(t, screen, "書記"); !strings.Contains(l, "Lee Min") {
		t.Errorf("scribe row: %q", l)
	}
	moveToRow(t, h, s, "確かめる質問")
	h.press("left", "left", "left", "left", "left", "left", "left", "left") // 10 → 2 minutes
	if l := lineWith(t, h.screen(), "確かめる質問"); !strings.Contains(l, "2分") {
		t.Errorf("minutes row: %q", l)
	}
	h.press("ctrl+s")
	r := h.runnerOnTop()
	h.waitUntil("round loaded", func() bool { return r.loaded })
	if r.round == nil || r.round.rd.Presenter != "田中　陽" || r.round.rd.Timer.Phases[2].Planned != 2*time.Minute {
		t.Fatalf("round = %+v", r.round)
	}
	h.contains("約束")
	h.contains("まず、良かった点から伝える")
	h.contains("未開始")

	// Start the clock and take notes while it runs.
	h.press("ctrl+t", "space") // one timer action, then back to the notes
	h.contains("進行中")
	h.typeText("佐藤：少し疲れ気味。田中：今日はすっきりさせたい。")
	now = now.Add(3 * time.Minute)
	if got := clockText(r.round.rd.Timer.Remaining(now)); got != "02:00" {
		t.Errorf("remaining after 3 of 5 minutes: %s", got)
	}
	// A pause does not count.
	h.press("ctrl+t", "space")
	now = now.Add(10 * time.Minute)
	h.press("ctrl+t", "space")
	h.contains("進行中")
	if got := clockText(r.round.rd.Timer.Remaining(now)); got != "02:00" {
		t.Errorf("remaining after a pause: %s", got)
	}
	// Next phase: the notes follow the clock.
	h.press("ctrl+t", "n")
	if r.mode() != modeEdit || !r.answer.Focused() {
		t.Error("the notes do not have the keys after next phase")
	}
	if r.wk.Sess.CurrentKey != model.PhaseStepKey("case") {
		t.Fatalf("after next phase the notes are at %s", r.wk.Sess.CurrentKey)
	}
	h.contains("2/6 ケースと問いの提示")
	h.typeText("越境1か月目、週報に「何も貢献できていない」。")
	h.press("ctrl+n")
	h.typeText("本人の頭越しに連絡せずに何ができたか？")

	// Overtime is shown, not enforced; +5 extends the plan.
	now = now.Add(12 * time.Minute)
	h.press("ctrl+t") // redraw with the new time
	h.contains("超過 +02:00")
	h.press("5")
	h.contains("残り")
	if r.mode() != modeEdit {
		t.Error("still in the timer after +5")
	}
	// The plan stays as set; the extension is shown beside it.
	if p := r.round.rd.Timer.Phases[1]; p.Planned != 10*time.Minute || p.Extended != 5*time.Minute {
		t.Errorf("after +5: planned %v, extended %v", p.Planned, p.Extended)
	}
	if l := lineWith(t, h.screen(), "予定 10分"); !strings.Contains(l, "延長 +5分") {
		t.Errorf("timer line after +5: %q", l)
	}
	// The short phase, then the options phase in which the presenter
	// listens.
	h.press("ctrl+t", "n")
	now = now.Add(2 * time.Minute)
	h.press("ctrl+t", "n")
	h.contains("発表者は聞く番")
	// A key that is not a timer command is typed, not lost.
	h.press("ctrl+t")
	h.typeText("仮説A")
	if r.mode() != modeEdit || r.answer.Value() != "仮説A" {
		t.Errorf("typing after ctrl+t: mode %v, notes %q", r.mode(), r.answer.Value())
	}

	jumpTo(t, h, r, "p:next-action:1")
	h.typeText("来週の面談で、本人が望む支援を先に聞く")
	jumpTo(t, h, r, "p:next-action:3")
	h.typeText("Ask the host manager for one concrete example")
	h.press("esc", "f")
	h.waitUntil("round closed", func() bool { _, ok := h.top().(*roundsScreen); return ok })

	entries, err := h.store.Rounds(context.Background())
	if err != nil || len(entries) != 1 {
		t.Fatalf("rounds %v, %v", entries, err)
	}
	got := entries[0]
	if got.Session.Status != model.Done || got.Round.Timer.Running() {
		t.Errorf("finished round: status %s, timer running %v", got.Session.Status, got.Round.Timer.Running())
	}
	answers := map[string]string{}
	for _, st := range got.Session.Steps {
		answers[st.Key] = st.Answer
	}
	if answers["p:phase-check-in"] != "佐藤：少し疲れ気味。田中：今日はすっきりさせたい。" ||
		answers["p:key-question"] != "本人の頭越しに連絡せずに何ができたか？" ||
		answers["p:next-action:1"] != "来週の面談で、本人が望む支援を先に聞く" {
		t.Errorf("answers = %v", answers)
	}
	tm := got.Round.Timer
	if tm.Elapsed(0, now) != 3*time.Minute || tm.Elapsed(1, now) != 12*time.Minute || tm.Elapsed(2, now) != 2*time.Minute {
		t.Errorf("elapsed: %v %v %v", tm.Elapsed(0, now), tm.Elapsed(1, now), tm.Elapsed(2, now))
	}

	// The page lists it and suggests the next presenter.
	h.contains("発表: 田中　陽")
	h.contains("次の発表者の候補: Lee Min")
	h.press("enter")
	h.waitUntil("summary", func() bool {
		_, ok := h.top().(*review)
		return ok && strings.Contains(h.screen(), "参加者と役割")
	})
	h.press("esc")

	// The next round: the same people, the next presenter, and last
	// round's next actions first.
	now = now.Add(7 * 24 * time.Hour)
	h.press("n")
	s = h.top().(*roundSetup)
	if ps := s.participants(); len(ps) != 3 || ps[1].Type != model.Host {
		t.Fatalf("participants carried over: %+v", ps)
	}
	if got := s.nameAt(s.presenter); got != "Lee Min" {
		t.Errorf("presenter suggested: %q", got)
	}
	h.press("ctrl+s")
	r = h.runnerOnTop()
	h.waitUntil("second round loaded", func() bool { return r.loaded })
	if r.wk.Sess.CurrentKey != "c:carry:1" {
		t.Fatalf("the round opens at %s", r.wk.Sess.CurrentKey)
	}
	h.contains("前回の次の一手：佐藤 一郎")
	h.contains("来週の面談で、本人が望む支援を先に聞く")
	h.press("3") // 試して効果あり
	h.press("tab")
	h.typeText("先に聞いたら、本人から会議の話が出てきた")
	h.press("ctrl+n")
	h.contains("前回の次の一手：Lee Min")
	h.press("1") // 試していない
	h.press("esc", "l")
	h.waitUntil("second round kept", func() bool { _, ok := h.top().(*roundsScreen); return ok })
	second := h.storedSession(r.wk.Sess.ID)
	c1, _ := second.Step("c:carry:1")
	c2, _ := second.Step("c:carry:2")
	if model.CarryOutcome(c1) != model.OutcomeWorked || c1.Answer != "先に聞いたら、本人から会議の話が出てきた" || model.CarryOutcome(c2) != model.OutcomeNotTried {
		t.Errorf("carried: %+v / %+v", c1, c2)
	}
}

// TestRoundTimerSurvivesReopening leaves a round with its clock running
// and opens it again: the time away is not counted, the phase and the plan
// are as they were.
func TestRoundTimerSurvivesReopening(t *testing.T) {
	now := clock
	h := newHarness(t, 80, 20, withClock(&now))
	setupRound(t, h)
	h.typeText("佐藤 一郎")
	h.press("ctrl+s")
	r := h.runnerOnTop()
	h.waitUntil("loaded", func() bool { return r.loaded })
	h.press("ctrl+t", "space", "ctrl+t", "+", "ctrl+t", "n")
	now = now.Add(90 * time.Second)
	h.press("esc", "l")
	h.waitUntil("left", func() bool { _, ok := h.top().(*roundsScreen); return ok })
	now = now.Add(time.Hour)
	h.press("enter")
	r = h.runnerOnTop()
	h.waitUntil("reopened", func() bool { return r.loaded })
	tm := r.round.rd.Timer
	if tm.Current != 1 || tm.Running() || tm.Elapsed(1, now) != 90*time.Second || tm.Phases[0].Planned != 5*time.Minute || tm.Phases[0].Extended != time.Minute {
		t.Errorf("timer after reopening: %+v", tm)
	}
	if r.wk.Sess.CurrentKey != model.PhaseStepKey("case") {
		t.Errorf("reopened at %s", r.wk.Sess.CurrentKey)
	}
	// On a short terminal the clock is one line.
	h.contains("⏱ 08:30")
}

// TestRoundScreensFitTheTerminal walks the round screens at narrow and
// common widths in both languages.
func TestRoundScreensFitTheTerminal(t *testing.T) {
	for _, lang := range []model.Lang{model.Ja, model.En} {
		for _, size := range [][2]int{{40, 16}, {60, 24}, {80, 24}, {120, 40}} {
			h := newHarness(t, size[0], size[1], withLang(lang))
			s := setupRound(t, h)
			h.typeText("佐藤 一郎")
			h.press("enter")
			h.typeText("Lee Min")
			checkWidth(t, h, "setup")
			moveToRow(t, h, s, map[model.Lang]string{model.Ja: "ケースカード", model.En: "Case card"}[lang])
			h.press("right")
			checkWidth(t, h, "setup with a case card")
			h.press("ctrl+s")
			r := h.runnerOnTop()
			h.waitUntil("loaded", func() bool { return r.loaded })
			checkWidth(t, h, "round")
			h.press("ctrl+t")
			checkWidth(t, h, "timer controls")
			h.press("esc", "esc", "f")
			h.waitUntil("closed", func() bool { _, ok := h.top().(*roundsScreen); return ok })
			checkWidth(t, h, "rounds page")
		}
	}
}

func TestBigDigits(t *testing.T) {
	got := bigDigits("10:05")
	for _, row := range got {
		if w := lipglossWidth(row); w != 4*3+1+4 {
			t.Errorf("row %q is %d wide", row, w)
		}
	}
	if slices.Contains(got[:], "") || clockText(-time.Second) != "00:00" || clockText(61*time.Minute) != "1:01:00" || clockText(1500*time.Millisecond) != "00:02" {
		t.Error("clock text")
	}
}

// TestRoundSetupKeepsChosenRoles: a presenter chosen by hand stays chosen
// when a name is corrected, the automatic scribe follows the choice, and
// two rows with one name are refused with a message in the interface
// language.
func TestRoundSetupKeepsChosenRoles(t *testing.T) {
	h := newHarness(t, 80, 30)
	s := setupRound(t, h)
	h.typeText("佐藤")
	h.press("enter")
	h.typeText("田中")
	h.press("enter")
	h.typeText("Lee")
	if s.nameAt(s.presenter) != "田中" || s.nameAt(s.scribe) != "Lee" {
		t.Fatalf("automatic roles: presenter %q scribe %q", s.nameAt(s.presenter), s.nameAt(s.scribe))
	}
	moveToRow(t, h, s, "発表者")
	h.press("right") // Lee presents
	if s.nameAt(s.presenter) != "Lee" || s.nameAt(s.scribe) != "田中" {
		t.Errorf("after choosing Lee: presenter %q scribe %q", s.nameAt(s.presenter), s.nameAt(s.scribe))
	}
	if l := lineWith(t, h.screen(), "書記"); !strings.Contains(l, "田中") {
		t.Errorf("the screen shows another scribe: %q", l)
	}
	for range 10 {
		h.press("up")
	}
	h.press("down", "down") // the third name
	h.typeText(" Min")
	if s.nameAt(s.presenter) != "Lee Min" || !s.presenterSet {
		t.Errorf("correcting the name lost the presenter: %q", s.nameAt(s.presenter))
	}
	h.press("enter")
	h.typeText("佐藤　")
	h.press("ctrl+s")
	h.contains("「佐藤」が二度入っています")
	if _, ok := h.top().(*roundSetup); !ok {
		t.Error("a setup with a name twice started")
	}
}

// TestGoldenRoundSetupJapanese80x24: three participants typed in place,
// one of another type, the presenter the rotation suggests.
func TestGoldenRoundSetupJapanese80x24(t *testing.T) {
	h := newHarness(t, 80, 24)
	s := setupRound(t, h)
	for i, name := range []string{"佐藤 一郎", "田中　陽", "Lee Min"} {
		h.typeText(name)
		if i == 1 {
			h.press("ctrl+t")
		}
		h.press("enter")
	}
	moveToRow(t, h, s, "発表者")
	h.golden("roundsetup_ja_80x24")
}

// TestGoldenRoundSetupEnglish40x16: the setup after a round of a role-play,
// its participants and facilitator filled in, the cursor on a phase's
// minutes on a narrow terminal.
func TestGoldenRoundSetupEnglish40x16(t *testing.T) {
	h := newHarness(t, 40, 16, withLang(model.En))
	lib := h.app.env.lib
	setup := model.RoundSetup{Format: lib.Rounds.Formats[len(lib.Rounds.Formats)-1], Facilitator: "田中",
		Participants: []model.Participant{{Name: "佐藤", Type: model.Host}, {Name: "田中"}, {Name: "Kim", Type: model.ThirdParty}}}
	sess, rd := model.NewRound(setup, nil, model.En, clock)
	if _, _, err := h.store.StartRound(context.Background(), sess, rd); err != nil {
		t.Fatal(err)
	}
	setupRound(t, h)
	for range 13 {
		h.press("down")
	}
	h.press("right")
	h.golden("roundsetup_en_40x16")
}

// TestRoundClockStoppedAfterACrash opens a round whose clock was left
// running by a bansou that did not close it: the clock is stopped at the
// last thing recorded, not counted through the time away, and the screen
// says so.
func TestRoundClockStoppedAfterACrash(t *testing.T) {
	now := clock
	h := newHarness(t, 80, 24, withClock(&now))
	lib := h.app.env.lib
	setup := model.RoundSetup{Format: lib.Rounds.DefaultFormat(), Participants: []model.Participant{{Name: "佐藤"}}}
	sess, rd := model.NewRound(setup, nil, model.Ja, clock)
	rd.Timer.Start(clock)
	sess.UpdatedAt = clock.Add(2 * time.Minute) // notes typed until then
	sess, _, err := h.store.StartRound(context.Background(), sess, rd)
	if err != nil {
		t.Fatal(err)
	}
	now = clock.Add(20 * time.Hour)
	h.press("r")
	h.press("enter")
	r := h.runnerOnTop()
	h.waitUntil("loaded", func() bool { return r.loaded })
	h.contains("最後の記録の時刻で止めてあります")
	tm := r.round.rd.Timer
	if tm.Running() || tm.Elapsed(0, now) != 2*time.Minute {
		t.Errorf("timer after the crash: running %v, elapsed %v", tm.Running(), tm.Elapsed(0, now))
	}
	h.waitUntil("stopped clock saved", func() bool {
		got, err := h.store.Round(context.Background(), sess.ID)
		return err == nil && !got.Timer.Running()
	})
}

// TestRoundOnATinyTerminal: at the smallest size bansou draws, the notes
// and the note editor stay on screen under a one-line clock.
func TestRoundOnATinyTerminal(t *testing.T) {
	h := newHarness(t, 40, 12)
	setupRound(t, h)
	h.typeText("佐藤")
	h.press("ctrl+s")
	r := h.runnerOnTop()
	h.waitUntil("loaded", func() bool { return r.loaded })
	h.contains("⏱ 05:00")
	h.press("tab")
	h.typeText("メモ")
	if h.app.View().Cursor == nil {
		t.Errorf("no caret in the note at 40×12:\n%s", h.screen())
	}
	h.contains("メモ")
	checkWidth(t, h, "round at 40×12")
}

// TestRolePlayCast prepares a role-play on a scenario card, casts the
// learner's role, and finds the role and the card in the round and its
// summary.
func TestRolePlayCast(t *testing.T) {
	h := newHarness(t, 100, 40)
	s := setupRound(t, h)
	h.typeText("佐藤")
	h.press("enter")
	h.typeText("田中")
	moveToRow(t, h, s, "形式")
	for s.chosen().ID != "role-play" {
		h.press("right")
	}
	moveToRow(t, h, s, "越境学習者")
	h.press("right", "right") // nobody → 佐藤 → 田中
	moveToRow(t, h, s, "ケースカード")
	h.press("right")
	card := h.app.env.lib.Rounds.Cases[0]
	h.contains(card.Title.Ja)
	h.press("ctrl+s")
	r := h.runnerOnTop()
	h.waitUntil("loaded", func() bool { return r.loaded })
	rd := *r.round.rd
	if rd.Format != "role-play" || rd.CaseID != card.ID || rd.Cast["learner"] != "田中" {
		t.Fatalf("round = %+v", rd)
	}
	md := report.RoundMarkdown(r.wk.Sess, rd, h.app.env.lib.Rounds, report.Options{Lang: model.Ja})
	if l := lineWith(t, md, "| 田中 |"); !strings.Contains(l, "越境学習者") || !strings.Contains(md, card.Title.Ja) {
		t.Errorf("summary:\n%s", md)
	}
}

// seedRound starts a case consultation among people at the given time,
// with a next action for each participant given.
func seedRound(t *testing.T, h *harness, at time.Time, people []model.Participant, presenter string, actions ...string) model.Session {
	t.Helper()
	lib := library(t)
	f, _ := lib.Rounds.Format("case-consultation")
	sess, rd := model.NewRound(model.RoundSetup{Format: f, Participants: people, Facilitator: people[0].Name,
		Presenter: presenter}, nil, model.Ja, at)
	ctx := context.Background()
	sess, _, err := h.store.StartRound(ctx, sess, rd)
	if err != nil {
		t.Fatal(err)
	}
	var keys []string
	for i, a := range actions {
		k := "p:next-action:" + string(rune('1'+i))
		sess.Steps[sess.Index(k)].Answer = a
		keys = append(keys, k)
	}
	if err := h.store.SaveProgress(ctx, model.ProgressOf(sess, keys, false)); err != nil {
		t.Fatal(err)
	}
	return sess
}

// TestRemoveARoundStartedByMistake: x on the rounds page asks, naming the
// round, and y removes it: it leaves the list, the rotation and the
// actions the next round brings back; any other key keeps it.
func TestRemoveARoundStartedByMistake(t *testing.T) {
	h := newHarness(t, 100, 30)
	people := []model.Participant{{Name: "鈴木 花"}, {Name: "佐藤 一郎"}, {Name: "田中　陽"}}
	seedRound(t, h, clock.Add(-14*24*time.Hour), people, "佐藤 一郎", "", "面談の最初に目的を聞く")
	mistake := seedRound(t, h, clock.Add(-24*time.Hour), people, "田中　陽", "", "", "間違えた回の一手")
	h.press("r")
	if _, ok := h.top().(*roundsScreen); !ok {
		t.Fatalf("r did not open the rounds page:\n%s", h.screen())
	}
	h.waitUntil("rounds listed", func() bool { return strings.Contains(h.screen(), "発表: 田中　陽") })
	h.contains("次の発表者の候補: 佐藤 一郎")

	h.press("x")
	h.contains("2026-11-20 ケース相談（発表: 田中　陽）を削除しますか？")
	h.press("n") // any other key keeps it
	h.notContains("削除しますか")
	if rounds, _ := h.store.Rounds(context.Background()); len(rounds) != 2 {
		t.Fatalf("%d rounds after saying no", len(rounds))
	}

	h.press("x", "y")
	h.waitUntil("the round removed", func() bool { return !strings.Contains(h.screen(), "発表: 田中　陽") })
	rounds, err := h.store.Rounds(context.Background())
	if err != nil || len(rounds) != 1 || rounds[0].Session.ID == mistake.ID {
		t.Fatalf("rounds after the removal: %+v, %v", rounds, err)
	}
	h.contains("発表: 佐藤 一郎")
	h.contains("次の発表者の候補: 田中　陽")
	carried := model.LatestNextActions(rounds)
	if len(carried) != 1 || carried[0].Action != "面談の最初に目的を聞く" {
		t.Errorf("carried after the removal: %+v", carried)
	}
}

// TestRoundSummaryKeepsLinesAsTyped: a finished round opens as its summary
// with the scribe's notes as typed: one line per person stays one line,
// and a "- " list stays a list, as in the Markdown export.
func TestRoundSummaryKeepsLinesAsTyped(t *testing.T) {
	h := newHarness(t, 100, 90)
	lib := library(t)
	f, _ := lib.Rounds.Format("case-consultation")
	people := []model.Participant{{Name: "鈴木 花"}, {Name: "佐藤 一郎"}, {Name: "田中　陽"}}
	sess, rd := model.NewRound(model.RoundSetup{Format: f, Participants: people, Facilitator: "鈴木 花",
		Presenter: "田中　陽"}, nil, model.Ja, clock.Add(-time.Hour))
	notes := "佐藤：少し疲れ気味\n田中：今日はすっきりさせたい\n- 週報の書き方\n- 上司との面談"
	sess.Steps[sess.Index(model.PhaseStepKey("check-in"))].Answer = notes
	sess.Steps[sess.Index("p:takeaways")].Answer = "本人の言葉で書く\n面談の前に目的を聞く"
	sess.Status, sess.FinishedAt = model.Done, clock
	if _, _, err := h.store.StartRound(context.Background(), sess, rd); err != nil {
		t.Fatal(err)
	}
	h.press("r")
	h.waitUntil("rounds listed", func() bool { return strings.Contains(h.screen(), "発表: 田中　陽") })
	h.press("enter")
	if _, ok := h.top().(*review); !ok {
		t.Fatalf("enter did not open the summary:\n%s", h.screen())
	}
	h.waitUntil("the summary rendered", func() bool { return strings.Contains(h.screen(), "少し疲れ気味") })
	screen := h.screen()
	var rows []string
	for _, l := range strings.Split(screen, "\n") {
		rows = append(rows, strings.TrimSpace(l))
	}
	for _, want := range []string{"佐藤：少し疲れ気味", "田中：今日はすっきりさせたい", "- 週報の書き方", "- 上司との面談",
		"本人の言葉で書く", "面談の前に目的を聞く"} {
		if !slices.Contains(rows, want) {
			t.Errorf("no line %q of its own:\n%s", want, screen)
		}
	}
}

// TestSetupNeverSuggestsTheFacilitator: alone on the list, the facilitator
// is not put forward to present; the presenter stays open until another
// name is typed.
func TestSetupNeverSuggestsTheFacilitator(t *testing.T) {
	h := newHarness(t, 100, 30)
	setupRound(t, h)
	h.typeText("鈴木 花")
	if l := lineWith(t, h.screen(), "発表者"); strings.Contains(l, "鈴木 花") || !strings.Contains(l, "—") {
		t.Errorf("presenter row with the facilitator alone: %q", l)
	}
	h.press("enter")
	h.typeText("佐藤 一郎")
	if l := lineWith(t, h.screen(), "発表者"); !strings.Contains(l, "佐藤 一郎（順番の提案）") {
		t.Errorf("presenter row: %q", l)
	}
}

// setupThree opens a round's setup with three participants typed, the
// cursor on the format.
func setupThree(t *testing.T, now *time.Time) (*harness, *roundSetup) {
	t.Helper()
	h := newHarness(t, 100, 30, withClock(now))
	s := setupRound(t, h)
	for _, name := range []string{"佐藤 一郎", "田中　陽", "Lee Min"} {
		h.typeText(name)
		h.press("enter")
	}
	moveToRow(t, h, s, "形式")
	return h, s
}

// TestExchangeMeetingHasNoPresenterAndTakesTurns: the exchange meeting's
// setup has no presenter row and starts a round with nobody presenting and
// the purpose typed; its introductions go round the participants in turns,
// each with their own countdown, and t after ctrl+t gives the floor to the
// next.
func TestExchangeMeetingHasNoPresenterAndTakesTurns(t *testing.T) {
	now := clock
	h, _ := setupThree(t, &now)
	h.press("right")
	h.contains("交流会")
	h.notContains("発表者")
	h.press("down")
	h.typeText("他社の伴走の工夫を持ち帰る")
	h.press("ctrl+s")
	r := h.runnerOnTop()
	h.waitUntil("round loaded", func() bool { return r.loaded })
	rd := r.round.rd
	if rd.Format != "exchange-meeting" || rd.Presenter != "" || rd.Purpose != "他社の伴走の工夫を持ち帰る" {
		t.Fatalf("round = %+v", rd)
	}
	h.contains("目的 他社の伴走の工夫を持ち帰る")
	h.press("ctrl+t", "space", "ctrl+t", "n")
	h.contains("2/4 自己紹介")
	h.contains("番 1/3 佐藤 一郎 残り 05:00  次: 田中　陽")
	now = now.Add(6 * time.Minute)
	h.press("ctrl+t")
	h.contains("番 1/3 佐藤 一郎 超過 +01:00")
	h.press("t")
	h.contains("番 2/3 田中　陽 残り 05:00  次: Lee Min")
	if r.mode() != modeEdit {
		t.Error("still in the timer after t")
	}
	// The turn is kept in the round: it survives leaving and reopening.
	now = now.Add(2 * time.Minute)
	h.press("esc", "l")
	h.waitUntil("left", func() bool { _, ok := h.top().(*roundsScreen); return ok })
	h.press("enter")
	r = h.runnerOnTop()
	h.waitUntil("reopened", func() bool { return r.loaded })
	h.contains("番 2/3 田中　陽 残り 03:00  次: Lee Min")
	// Outside a phase in turns, t is typed into the notes.
	h.press("ctrl+t", "n")
	h.press("ctrl+t", "t")
	if r.answer.Value() != "t" {
		t.Errorf("t outside turns: notes %q", r.answer.Value())
	}
	entries, _ := h.store.Rounds(context.Background())
	if got := model.Presenters(entries); len(got) != 0 {
		t.Errorf("the exchange meeting counts in the rotation: %v", got)
	}
}

// TestFeedbackSessionWithTwoPresenters: the feedback session's setup takes
// presenters in order; the round runs the block once for each, its titles
// naming whose it is, with a key question and takeaways for each.
func TestFeedbackSessionWithTwoPresenters(t *testing.T) {
	now := clock
	h, s := setupThree(t, &now)
	h.press("right", "right")
	h.contains("フィードバック会")
	h.contains("発表者 1")
	moveToRow(t, h, s, "発表者 2")
	h.press("right", "right", "right") // 佐藤 一郎, 田中　陽, Lee Min
	h.contains("発表者 3")
	if l := lineWith(t, h.screen(), "発表者 2"); !strings.Contains(l, "Lee Min") {
		t.Errorf("second presenter row: %q", l)
	}
	moveToRow(t, h, s, "ゲスト1")
	h.press("right")
	h.press("ctrl+s")
	r := h.runnerOnTop()
	h.waitUntil("round loaded", func() bool { return r.loaded })
	rd := r.round.rd
	if !slices.Equal(rd.Presenters, []string{"田中　陽", "Lee Min"}) || rd.Presenter != "田中　陽" || rd.Cast["guest-1"] != "佐藤 一郎" {
		t.Fatalf("round %+v", rd)
	}
	h.press("ctrl+t", "n")
	h.contains("2/13 発表（田中　陽）")
	for range 5 {
		h.press("ctrl+t", "n")
	}
	h.contains("7/13 発表（Lee Min）")
	if r.wk.Sess.CurrentKey != "p:phase-presentation@2" {
		t.Errorf("the notes are at %s", r.wk.Sess.CurrentKey)
	}
	h.press("ctrl+n")
	h.contains("発表者の問い（Lee Min）")
}

// TestARoundsNextActionNamesTheSkillItPractises: on a round's next action,
// f6 opens the skill map and a number chooses 観察傾聴; the choice is saved
// with the action, the footer names it, and the skill page shows the
// action as practice on 観察傾聴 — with how it went once the next round
// asks.
func TestARoundsNextActionNamesTheSkillItPractises(t *testing.T) {
	now := clock
	h := newHarness(t, 100, 30, withClock(&now))
	storeReview(t, h, clock.AddDate(0, 0, -30), map[string]int{"observation-listening": 3}, nil, "")
	action := "週報を読む時間を決め、変化を一行書き留める。"
	sess := seedRound(t, h, clock.AddDate(0, 0, -7), []model.Participant{{Name: "佐藤 一郎"}, {Name: "Lee Min"}}, "Lee Min", action)
	skills := h.app.env.lib.Skills.Skills
	n := slices.IndexFunc(skills, func(s model.Skill) bool { return s.ID == "observation-listening" }) + 1
	h.press("r", "enter")
	r := h.runnerOnTop()
	h.waitUntil("loaded", func() bool { return r.loaded })
	jumpTo(t, h, r, "p:next-action:1")
	h.contains("f6 練習するスキル")
	h.press("f6")
	h.contains("この次の一手で練習するスキル")
	for _, d := range fmt.Sprint(n) {
		h.press(string(d))
	}
	h.contains(fmt.Sprintf("▸ %d 観察傾聴", n))
	h.press("enter")
	h.contains("f6 スキル: 観察傾聴")
	h.waitUntil("saved", func() bool {
		st, _ := h.storedSession(sess.ID).Step("p:next-action:1")
		return st.Skill == "observation-listening" && st.Answer == action
	})
	// The next round asks how it went.
	now = clock
	lib := h.app.env.lib
	f, _ := lib.Rounds.Format("case-consultation")
	rounds, err := h.store.Rounds(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	next, rd := model.NewRound(model.RoundSetup{Format: f, Participants: []model.Participant{{Name: "佐藤 一郎"}},
		Facilitator: "佐藤 一郎"}, model.LatestNextActions(rounds), model.Ja, clock)
	next.Steps[next.Index("c:carry:1")].Choices = []string{string(model.OutcomeWorked)}
	if _, _, err := h.store.StartRound(context.Background(), next, rd); err != nil {
		t.Fatal(err)
	}
	h.press("esc", "f")
	h.waitUntil("back on the rounds page", func() bool { _, ok := h.top().(*roundsScreen); return ok })
	h.press("esc", "s")
	h.waitUntil("chart", func() bool { s, ok := h.top().(*skillsScreen); return ok && s.loaded })
	for h.top().(*skillsScreen).row < n-1 {
		h.press("down")
	}
	want := "ラウンドで決めた練習（" + clock.AddDate(0, 0, -7).Format("01/02") + "、佐藤一郎、試して効果あり）:" + action
	if screen := strings.NewReplacer("\n", "", " ", "").Replace(h.screen()); !strings.Contains(screen, want) {
		t.Errorf("the skill page lacks %q:\n%s", want, h.screen())
	}
}
