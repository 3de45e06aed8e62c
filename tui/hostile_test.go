package tui

import (
	"context"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"bansou/internal/fixture"
	"bansou/internal/hostile"
	"bansou/internal/vt"
	"bansou/model"
)

// hostileHarness is a harness whose store holds control sequences in every
// kind of user text (fixture.Fill with hostile.Text) and whose content does
// too (fixture.Content: a content folder is written by anyone).
func hostileHarness(t *testing.T, w, h int, opts ...harnessOption) (*harness, fixture.Records) {
	t.Helper()
	return textHarness(t, w, h, hostile.Text, opts...)
}

// textHarness is a harness whose store holds text(field) in every kind of
// user text (fixture.Fill) and whose content does too (fixture.Content).
func textHarness(t *testing.T, w, h int, text func(string) string, opts ...harnessOption) (*harness, fixture.Records) {
	t.Helper()
	lib := library(t)
	fixture.Content(lib, text)
	opts = append([]harnessOption{func(o *Options) { o.Library = lib }}, opts...)
	hs := newHarness(t, w, h, opts...)
	recs, err := fixture.Fill(context.Background(), hs.store, lib, func(f fixture.Field) string { return text(f.Name) })
	if err != nil {
		t.Fatal(err)
	}
	hs.send(refreshMsg{})
	return hs, recs
}

// checkFrame checks the frame with the harness's frameCheck if it has one,
// else as the terminal would get it: colours only, no other escape sequence
// and no control character from the user's text. With shows set, the frame
// must show some of that text (as visible stand-ins), so that the walk
// cannot pass by missing it.
func (h *harness) checkFrame(where string, shows bool) {
	h.t.Helper()
	if h.frameCheck != nil {
		h.frameCheck(where, shows)
		return
	}
	frame := h.app.View().Content
	if os.Getenv("BANSOU_DUMP") != "" {
		h.t.Logf("%s:\n%s", where, h.screen())
	}
	hostile.Check(h.t, where, frame)
	if shows && !strings.ContainsAny(frame, hostile.StandIns) {
		h.t.Errorf("%s: the frame shows none of the user's text:\n%s", where, h.screen())
	}
}

// pageThrough checks every frame while pressing key until the frame stops
// changing (the end of a list or a document).
func (h *harness) pageThrough(where, key string) {
	h.t.Helper()
	last := ""
	for i := 0; i < 60; i++ {
		frame := h.app.View().Content
		if frame == last {
			return
		}
		h.checkFrame(where, i == 0)
		last = frame
		h.press(key)
	}
}

// walkSession checks every step of the session in the runner on top, with
// the hint shown and hidden, the list of steps, the follow-up picker, the
// own-question line and the leave dialog, then keeps it for later. extra,
// if given, runs before leaving.
// backFromDocument leaves the document a session was opened from, which
// leaving the session came back to.
func (h *harness) backFromDocument() {
	h.t.Helper()
	if _, ok := h.top().(*review); ok {
		h.press("esc")
	}
}

func (h *harness) walkSession(where string, extra ...func()) {
	h.t.Helper()
	r := h.runnerOnTop()
	h.waitUntil(where+" loaded", func() bool { return r.loaded })
	h.press("ctrl+g")
	h.checkFrame(where+" list of steps", false)
	h.press("esc")
	for i := range r.wk.Sess.Steps {
		at := where + " step " + r.wk.Sess.Steps[i].Key
		jumpTo(h.t.(*testing.T), h, r, r.wk.Sess.Steps[i].Key)
		h.checkFrame(at, false)
		h.press("ctrl+t")
		h.checkFrame(at+" hint toggled", false)
		h.press("ctrl+t")
		h.press("tab")
		h.checkFrame(at+" note", false)
		h.press("shift+tab")
	}
	h.press("ctrl+d")
	h.checkFrame(where+" dig deeper", false)
	h.press("esc", "ctrl+o")
	h.checkFrame(where+" own question", false)
	h.press("esc")
	for _, f := range extra {
		f()
	}
	h.press("esc")
	h.checkFrame(where+" leave dialog", false)
	h.press("l")
}

// TestHostileTextNeverReachesTheTerminal walks every screen that shows
// what companions type, with control sequences in all of it, and checks
// each frame: colours only, everything else as visible stand-ins.
func TestHostileTextNeverReachesTheTerminal(t *testing.T) {
	for _, size := range [][2]int{{100, 30}, {60, 20}} {
		h, recs := hostileHarness(t, size[0], size[1])
		walkScreens(t, h, recs, "評価")
	}

	// A session left open by a bansou that crashed is offered on start.
	h, recs := hostileHarness(t, 80, 24)
	crashed := openStoreAt(t, h.path, deadPid(t))
	if err := crashed.SetSessionOpen(context.Background(), recs.Sessions[1].ID, true); err != nil {
		t.Fatal(err)
	}
	h2 := newHarness(t, 80, 24, withStore(openStoreAt(t, h.path, 0)), func(o *Options) { o.Library = h.app.env.lib })
	h2.contains("途中のセッションがあります")
	h2.checkFrame("resume offer", true)
}

// TestScreensMeasureAsTerminalsDraw walks every screen with half-width
// katakana with voicing marks (ﾀﾞ, ﾊﾟ: two cells in a terminal, one
// grapheme cluster) and an emoji with a variation selector (❤️: one cell in
// tmux, two to a cluster count) in every kind of user text and content,
// and checks each frame: every line is as wide to Lip Gloss as to a
// terminal that fills one cell per code point (internal/vt), so that what
// was laid out is what the terminal draws, and no line is wider than the
// screen.
func TestScreensMeasureAsTerminalsDraw(t *testing.T) {
	text := func(label string) string { return "ﾀﾞｲｶﾞｸﾉﾊﾟｿｺﾝ❤\uFE0F" + label }
	for _, size := range [][2]int{{100, 30}, {60, 20}} {
		h, recs := textHarness(t, size[0], size[1], text)
		h.frameCheck = func(where string, shows bool) {
			t.Helper()
			frame := h.screen()
			for i, l := range strings.Split(frame, "\n") {
				if lw, tw := lipgloss.Width(l), vt.Width(l); lw != tw || tw > size[0] {
					t.Errorf("%s, line %d: %d cells to Lip Gloss, %d in a terminal (width %d): %q", where, i, lw, tw, size[0], l)
				}
			}
			if shows && !strings.Contains(frame, "ｸﾉ") {
				t.Errorf("%s: the frame shows none of the text:\n%s", where, frame)
			}
			if t.Failed() {
				t.FailNow()
			}
		}
		walkScreens(t, h, recs, "ﾀﾞｲｶﾞｸ")
	}
}

// walkScreens goes through every screen that shows what companions type,
// over the records Fill made, and checks each frame (checkFrame): the home
// screen and its help, the engagement form, the engagement's tabs, the
// comparison, every session's review and the session itself, search (for
// query), the skill page, a self-review, the rounds and a round's summary,
// timer and setup.
func walkScreens(t *testing.T, h *harness, recs fixture.Records, query string) {
	t.Helper()
	h.checkFrame("home", true)
	h.press("f1")
	h.checkFrame("help", false)
	h.press("esc")

	h.press("e")
	h.checkFrame("engagement form", true)
	h.press("esc")

	h.press("enter")
	for _, tab := range []string{"2", "3", "4", "1"} {
		h.press(tab)
		h.pageThrough("engagement tab "+tab, "down")
	}
	h.press("n")
	h.checkFrame("flow picker", false)
	h.press("esc", "c")
	h.pageThrough("comparison", "pgdown")
	h.press("esc")

	// Every session: its review, then the session itself.
	for i := range recs.Sessions {
		for h.top().(*engagementScreen).cursor[tabSessions] > 0 {
			h.press("up")
		}
		for range i {
			h.press("down")
		}
		h.press("r")
		h.pageThrough("review of session "+strconv.Itoa(i), "pgdown")
		h.press("e")
		h.walkSession("session " + strconv.Itoa(i))
		h.backFromDocument()
		h.send(refreshMsg{})
	}

	h.press("esc", "/")
	h.typeText(query)
	h.waitUntil("search results", func() bool {
		s, ok := h.top().(*searchScreen)
		return ok && s.shown == query && len(s.hits) > 0
	})
	h.pageThrough("search", "pgdown")
	h.press("enter")
	h.walkSession("session opened from search")
	h.press("esc", "esc")

	h.press("s")
	h.waitUntil("skill page", func() bool { s, ok := h.top().(*skillsScreen); return ok && s.loaded })
	h.pageThrough("skill page", "down")
	h.press("left")
	h.checkFrame("skill page, earlier review", false)
	h.press("enter")
	h.pageThrough("review of a self-review", "pgdown")
	h.press("e")
	h.walkSession("self-review")
	h.backFromDocument()
	h.send(refreshMsg{})
	h.press("n")
	h.checkFrame("new self-review picker", false)
	h.press("esc", "esc")

	h.press("r")
	h.waitUntil("rounds page", func() bool { _, ok := h.top().(*roundsScreen); return ok })
	h.pageThrough("rounds page", "down")
	h.press("enter")
	h.pageThrough("round summary", "pgdown")
	h.press("e")
	h.walkSession("round", func() {
		h.press("ctrl+t")
		h.checkFrame("round timer", true)
		h.press("esc")
	})
	h.backFromDocument()
	h.send(refreshMsg{})
	h.press("down")
	h.pageThrough("rounds page, second round", "up")
	h.press("enter")
	h.pageThrough("round summary of the second round", "pgdown")
	h.press("e")
	h.walkSession("second round")
	h.backFromDocument()
	h.send(refreshMsg{})
	h.press("n")
	if _, ok := h.top().(*roundSetup); !ok {
		t.Fatalf("no round setup:\n%s", h.screen())
	}
	// Every row, every choice of format and case card.
	for i := 0; i < 20; i++ {
		h.checkFrame("round setup row "+strconv.Itoa(i), i == 0)
		for range 3 {
			h.press("right")
			h.checkFrame("round setup row "+strconv.Itoa(i)+" changed", false)
		}
		h.press("down")
	}
	h.press("esc", "esc")
}

// TestPastedControlSequencesAreStoredAsTyped pastes control sequences mixed
// with Japanese into every field a companion fills — the engagement form,
// answers, notes, own questions, worries and their plans and statuses,
// actions, the agreement, self-review evidence, round participants and
// notes — checks each frame on the way, and reads each text back from the
// store byte for byte.
func TestPastedControlSequencesAreStoredAsTyped(t *testing.T) {
	h := newHarness(t, 100, 30)
	ctx := context.Background()
	paste := func(label string) string {
		t.Helper()
		text := hostile.Pasted(label)
		h.send(tea.PasteMsg{Content: text})
		h.checkFrame("after pasting "+label, true)
		return text
	}
	same := func(what, got, want string) {
		t.Helper()
		if got != want {
			t.Errorf("%s stored as %q, want %q", what, got, want)
		}
	}

	h.press("n")
	learner := paste("学習者")
	h.press("tab")
	sending := paste("所属組織")
	h.press("tab")
	host := paste("越境先")
	h.press("tab")
	h.typeText("2026-12-01")
	h.press("tab")
	h.typeText("2027-05-31")
	h.press("tab", "tab", "tab", "tab")
	companion := paste("伴走者")
	h.press("ctrl+s")
	list, err := h.store.Engagements(ctx, false)
	if err != nil || len(list) != 1 {
		t.Fatalf("engagements: %v %v\n%s", list, err, h.screen())
	}
	e := list[0]
	same("learner", e.Learner.Name, learner)
	same("sending organisation", e.SendingOrg, sending)
	same("host organisation", e.HostOrg, host)
	if len(e.Companions) != 1 {
		t.Fatalf("companions = %+v", e.Companions)
	}
	same("companion", e.Companions[0].Name, companion)

	r := openFlow(t, h, "purpose")
	answer := paste("回答")
	h.press("tab")
	note := paste("メモ")
	h.press("shift+tab", "ctrl+o")
	own := paste("独自の問い")
	h.press("enter")
	ownAnswer := paste("独自の問いへの回答")
	h.press("ctrl+s")
	s := h.storedSession(r.id)
	same("answer", s.Steps[0].Answer, answer)
	same("note", s.Steps[0].Note, note)
	st, _ := s.Step(s.CurrentKey)
	same("own question", st.Question, own)
	same("answer to the own question", st.Answer, ownAnswer)
	h.press("esc", "f")

	r = openFlow(t, h, "anxiety")
	jumpTo(t, h, r, "p:worries")
	h.press("enter")
	worry := paste("不安")
	h.press("tab", "tab", "tab", "tab")
	plan := paste("支援策")
	h.press("esc", "esc", "f")
	r = openFlow(t, h, "checkin")
	jumpTo(t, h, r, "p:next-steps")
	h.press("enter")
	action := paste("アクション")
	h.press("esc", "esc", "f")
	r = openFlow(t, h, "agreement")
	jumpTo(t, h, r, "p:role-scope")
	expect := map[model.Party]string{model.PartyLearner: paste("本人の期待")}
	h.press("tab", "4", "tab")
	expect[model.PartySending] = paste("所属組織の期待")
	h.press("tab", "2", "tab")
	expect[model.PartyHost] = paste("越境先の期待")
	h.press("tab", "3", "tab")
	agreed := paste("合意内容")
	h.press("ctrl+s", "esc", "f")
	r = openFlow(t, h, "purpose")
	h.press("right", "enter")
	status := paste("不安の経過")
	h.press("enter", "ctrl+s")
	l := h.ledger(e.ID)
	if len(l.Anxieties) != 1 || len(l.Actions) != 1 || len(l.Agreement) != 1 || len(l.Anxieties[0].History) != 1 {
		t.Fatalf("ledger = %+v", l)
	}
	same("worry", l.Anxieties[0].Text, worry)
	same("plan", l.Anxieties[0].Plan, plan)
	same("status note", l.Anxieties[0].History[0].Note, status)
	same("action", l.Actions[0].Text, action)
	for p, want := range expect {
		same(string(p)+"'s expectation", l.Agreement[0].View(p).Expectation, want)
	}
	same("agreed", l.Agreement[0].Agreed, agreed)
	h.press("esc", "f", "esc")

	h.press("s", "n", "2", "enter")
	r = h.runnerOnTop()
	h.waitUntil("review loaded", func() bool { return r.loaded })
	h.press("3", "tab", "tab")
	evidence := paste("根拠")
	h.press("esc", "l", "esc")
	reviews, err := h.store.SoloSessions(ctx, model.SelfReviewFlowID)
	if err != nil || len(reviews) != 1 {
		t.Fatalf("reviews = %v %v", reviews, err)
	}
	same("evidence", reviews[0].Steps[0].Answer, evidence)

	setupRound(t, h)
	var names []string
	for i := range 3 {
		if i > 0 {
			h.press("enter")
		}
		names = append(names, paste("参加者"+strconv.Itoa(i+1)))
	}
	h.press("ctrl+s")
	r = h.runnerOnTop()
	h.waitUntil("round loaded", func() bool { return r.loaded })
	notes := paste("記録")
	h.press("ctrl+s")
	rounds, err := h.store.Rounds(ctx)
	if err != nil || len(rounds) != 1 || len(rounds[0].Round.Participants) != 3 {
		t.Fatalf("rounds = %+v %v", rounds, err)
	}
	for i, p := range rounds[0].Round.Participants {
		same("participant", p.Name, names[i])
	}
	st, _ = rounds[0].Session.Step(r.wk.Sess.CurrentKey)
	same("round notes", st.Answer, notes)

	// A query pasted into search is shown, and what it finds, harmlessly.
	h.press("esc", "l")
	h.waitUntil("back on the rounds page", func() bool { _, ok := h.top().(*roundsScreen); return ok })
	h.press("esc", "/")
	query := paste("記録")
	h.waitUntil("search results", func() bool {
		s, ok := h.top().(*searchScreen)
		return ok && s.shown == query && len(s.hits) == 1
	})
	h.checkFrame("search for pasted text", true)
}

// forgedRows is a name or title holding line breaks (LF, CR LF, CR), each
// followed by what would show as a row of its own if one were drawn.
func forgedRows(label string) string {
	return label + "\n偽の行 → 偽\r\n偽の行 → 偽の二行目\r偽の行"
}

// forgedRow matches "偽の行" starting a row or a column: at the start of a
// line (after a border or a cursor mark), or after a gap of spaces. Drawn
// on one line it follows a single space.
var forgedRow = regexp.MustCompile(`(^[\s│┃▸●○>*]*|\s{2,})偽の行`)

// oneRowEach fails the test where the screen shows a forged row.
func (h *harness) oneRowEach(where string) {
	h.t.Helper()
	for _, line := range strings.Split(h.screen(), "\n") {
		if forgedRow.MatchString(line) {
			h.t.Errorf("%s: a line break in a name starts a row:\n%s", where, h.screen())
			return
		}
	}
}

// TestLineBreaksInNamesNeverStartARow stores names and titles holding line
// breaks, as an older bansou or a hand-edited import could have, and
// goes through the screens that show them on one line: each stays on its
// row (the line breaks drawn as spaces), and the home screen shows one row
// per engagement.
func TestLineBreaksInNamesNeverStartARow(t *testing.T) {
	lib := library(t)
	// Wide enough that no text wraps just before a forged row.
	const w, ht = 200, 40
	h := newHarness(t, w, ht, func(o *Options) { o.Library = lib })
	ctx := context.Background()
	recs, err := fixture.Fill(ctx, h.store, lib, func(f fixture.Field) string {
		if f.SingleLine {
			return forgedRows(f.Name)
		}
		return f.Name + "の記録"
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := h.store.CreateEngagement(ctx, model.Engagement{Learner: model.Learner{Name: forgedRows("二人目")},
		SendingOrg: "所属\r\n組織", HostOrg: "越境\n先", Start: model.NewDate(2026, 12, 1), End: model.NewDate(2027, 5, 31)}); err != nil {
		t.Fatal(err)
	}
	crashed := openStoreAt(t, h.path, deadPid(t))
	if err := crashed.SetSessionOpen(ctx, recs.Sessions[1].ID, true); err != nil {
		t.Fatal(err)
	}
	h = newHarness(t, w, ht, withStore(openStoreAt(t, h.path, 0)), func(o *Options) { o.Library = lib })
	h.contains("途中のセッションがあります")
	h.oneRowEach("resume offer")
	h.press("esc")
	h.waitUntil("home", func() bool { _, ok := h.top().(*home); return ok && strings.Contains(h.screen(), "二人目") })
	h.oneRowEach("home")
	_, list, _ := strings.Cut(h.screen(), "越境前\n")
	list, _, _ = strings.Cut(list, "\n\n")
	if rows := strings.Count(list, "\n") + 1; rows != 2 {
		t.Errorf("home shows %d rows for 2 engagements:\n%s", rows, h.screen())
	}
	h.press("e")
	h.oneRowEach("engagement form")
	h.press("esc")
	h.press("enter")
	for _, tab := range []string{"2", "3", "4", "1"} {
		h.press(tab)
		h.oneRowEach("engagement tab " + tab)
	}
	h.press("c")
	h.oneRowEach("comparison")
	h.press("esc", "enter")
	r := h.runnerOnTop()
	h.waitUntil("session loaded", func() bool { return r.loaded })
	h.oneRowEach("session")
	h.press("esc", "l", "esc", "/")
	h.typeText("記録")
	h.waitUntil("search results", func() bool {
		s, ok := h.top().(*searchScreen)
		return ok && s.shown == "記録" && len(s.hits) > 0
	})
	h.oneRowEach("search")
	h.press("esc", "esc", "r")
	h.waitUntil("rounds page", func() bool { _, ok := h.top().(*roundsScreen); return ok })
	h.oneRowEach("rounds page")
	h.press("enter") // the latest round, still in progress
	r = h.runnerOnTop()
	h.waitUntil("round loaded", func() bool { return r.loaded })
	h.oneRowEach("round")
	h.press("esc", "l", "down", "enter")
	h.oneRowEach("round summary")
	h.press("esc", "n")
	if _, ok := h.top().(*roundSetup); !ok {
		t.Fatalf("no round setup:\n%s", h.screen())
	}
	for i := 0; i < 8; i++ {
		h.oneRowEach("round setup row " + strconv.Itoa(i))
		h.press("down")
	}
}

// TestFormFoldsLineBreaksAndTabsInNames: names pasted with line breaks or
// tabs are saved on one line, each break or tab a space, as an import
// stores them.
func TestFormFoldsLineBreaksAndTabsInNames(t *testing.T) {
	h := newHarness(t, 100, 30)
	h.press("n")
	h.send(tea.PasteMsg{Content: "山田\r\n花子\t"})
	h.press("tab")
	h.send(tea.PasteMsg{Content: "本社\t営業部"})
	h.press("tab")
	h.send(tea.PasteMsg{Content: "町\r工場\n二号"})
	h.press("tab")
	h.typeText("2026-12-01")
	h.press("tab")
	h.typeText("2027-05-31")
	h.press("tab", "tab", "tab", "tab")
	h.send(tea.PasteMsg{Content: "佐藤\t一郎"})
	h.press("ctrl+s")
	list, err := h.store.Engagements(context.Background(), false)
	if err != nil || len(list) != 1 || len(list[0].Companions) != 1 {
		t.Fatalf("engagements: %+v %v\n%s", list, err, h.screen())
	}
	e := list[0]
	if e.Learner.Name != "山田 花子" || e.SendingOrg != "本社 営業部" || e.HostOrg != "町 工場 二号" || e.Companions[0].Name != "佐藤 一郎" {
		t.Errorf("stored %q, %q, %q, %q", e.Learner.Name, e.SendingOrg, e.HostOrg, e.Companions[0].Name)
	}
}
