package tui

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"bansou/model"
	"bansou/plain"
)

// seedParity writes what both front-ends start from: a learner, an earlier
// session that decided an action (carried into the next one), and an
// earlier self-review (the history beside each skill).
func seedParity(t *testing.T, lib *model.Library, s model.Store) model.Engagement {
	t.Helper()
	ctx := context.Background()
	e, err := s.CreateEngagement(ctx, model.Engagement{
		Learner: model.Learner{Name: "山田 花子"}, SendingOrg: "株式会社みらい", HostOrg: "NPO法人つなぐ",
		Start: model.NewDate(2026, 12, 1), End: model.NewDate(2027, 5, 31),
		Companions: []model.Companion{{Name: "佐藤 一郎", Type: model.Sending}},
	})
	if err != nil {
		t.Fatal(err)
	}
	at := clock.Add(-48 * time.Hour)
	f, _ := lib.Flow("purpose")
	first, err := s.StartSession(ctx, model.NewSession(f, e.ID, model.Ja, at))
	if err != nil {
		t.Fatal(err)
	}
	first, _ = model.Apply(first, model.Finish{}, at)
	p := model.ProgressOf(first, nil, false)
	p.Actions = []model.Action{{ID: "x1", EngagementID: e.ID, SessionID: first.ID, Text: "上司に週報を送る",
		Owner: model.OwnerLearner, CreatedAt: at, UpdatedAt: at}}
	if err := s.SaveProgress(ctx, p); err != nil {
		t.Fatal(err)
	}
	m := lib.Skills
	prev, err := s.StartSession(ctx, model.NewSelfReview(m, m.InGroup(model.GroupBefore), nil, model.Ja, at))
	if err != nil {
		t.Fatal(err)
	}
	for _, ev := range []model.Event{model.SetValue{Value: 2}, model.SetTarget{Level: 3}, model.Finish{}} {
		prev, _ = model.Apply(prev, ev, at)
	}
	if err := s.SaveProgress(ctx, model.ProgressOf(prev, nil, true)); err != nil {
		t.Fatal(err)
	}
	return e
}

// storeState is what a store holds, as text to compare: every session's
// steps and status, and the engagement's ledger, without what only says
// where a front-end left off (the position, the place in a step), the
// times (the same clock gives the same ones) or the ids made at random.
func storeState(t *testing.T, s model.Store, e model.Engagement) string {
	t.Helper()
	ctx := context.Background()
	var b strings.Builder
	sums, err := s.Sessions(ctx, e.ID)
	if err != nil {
		t.Fatal(err)
	}
	solo, err := s.SoloSessions(ctx, model.SelfReviewFlowID)
	if err != nil {
		t.Fatal(err)
	}
	ids := []int64{}
	for _, x := range sums {
		ids = append(ids, x.ID)
	}
	for _, x := range solo {
		ids = append(ids, x.ID)
	}
	slices.Sort(ids)
	for _, id := range ids {
		sess, err := s.Session(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&b, "session %d %s %s %s\n", sess.ID, sess.FlowID, sess.Status, sess.Lang)
		for _, st := range sess.Steps {
			fmt.Fprintf(&b, "  %s %s %s %q answer=%q value=%d target=%d choices=%v note=%q skipped=%v private=%v noteShared=%v\n",
				st.Key, st.Kind, st.AnswerKind, st.Title, st.Answer, st.Value, st.Target, st.Choices, st.Note, st.Skipped,
				st.AnswerPrivate, st.NoteShared)
		}
	}
	l, err := s.Ledger(ctx, e.ID)
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, a := range l.Anxieties {
		line := fmt.Sprintf("worry %q category=%q intensity=%d term=%q plan=%q private=%v session=%d step=%s",
			a.Text, a.Category, a.Intensity, a.Term, a.Plan, a.Private, a.SessionID, a.StepKey)
		for _, u := range a.History {
			line += fmt.Sprintf("\n  status %s %q shared=%v session=%d", u.Status, u.Note, u.NoteShared, u.SessionID)
		}
		lines = append(lines, line)
	}
	for _, a := range l.Actions {
		line := fmt.Sprintf("action %q owner=%s due=%s session=%d step=%s", a.Text, a.Owner, a.Due, a.SessionID, a.StepKey)
		for _, u := range a.History {
			line += fmt.Sprintf("\n  outcome %s %q shared=%v session=%d", u.Outcome, u.Note, u.NoteShared, u.SessionID)
		}
		lines = append(lines, line)
	}
	for _, it := range l.Agreement {
		lines = append(lines, fmt.Sprintf("agreement %d %s learner=%+v sending=%+v host=%+v agreed=%q",
			it.SessionID, it.Topic, it.Learner, it.Sending, it.Host, it.Agreed))
	}
	slices.Sort(lines)
	b.WriteString(strings.Join(lines, "\n"))
	return b.String()
}

// TestBothFrontEndsRecordTheSame runs one conversation, in Japanese,
// through the full interface and through the accessible mode, each on its
// own database seeded alike: a worry voiced, the outcome of an action
// carried from last time with a note, a topic of the three-party
// agreement, and a self-review with a review before it. What the two
// stores then hold is identical.
func TestBothFrontEndsRecordTheSame(t *testing.T) {
	lib := library(t)

	h := newHarness(t, 100, 30)
	e := seedParity(t, lib, h.store)
	h.send(refreshMsg{})
	h.press("enter")
	r := openFlow(t, h, "anxiety")
	h.contains("前回決めたこと（1件）")
	h.press("right", "right", "right") // 試していない → 効果なし → うまくいった
	h.typeText("週報を送れた")
	h.press("enter")
	jumpTo(t, h, r, "p:worries")
	h.typeText("家族と離れるのが不安")
	h.press("tab", "tab", "3", "tab", "tab")
	h.typeText("週末に電話する")
	h.press("esc", "esc", "l")
	h.settle()
	r = openFlow(t, h, "agreement") // the private worry is not brought back there
	jumpTo(t, h, r, "p:role-scope")
	h.typeText("企画を任されたい")
	h.press("tab", "4", "tab")
	h.typeText("営業も続けてほしい")
	h.press("tab", "2", "tab", "tab", "tab")
	h.typeText("週4日は企画")
	h.press("esc", "l")
	h.settle()
	h.press("esc")
	h.press("s", "n", "2", "enter")
	r = h.runnerOnTop()
	h.waitUntil("review loaded", func() bool { return r.loaded })
	h.contains("前回:")
	h.press("3", "tab", "right", "tab") // the aim carried over is 3: one step up to 4
	h.typeText("面談で理由まで聞けた")
	h.press("esc", "l")
	h.settle()

	other, _ := openStore(t)
	seedParity(t, lib, other)
	anxiety := slices.IndexFunc(lib.Flows, func(f *model.Flow) bool { return f.ID == "anxiety" }) + 1
	agreement := slices.IndexFunc(lib.Flows, func(f *model.Flow) bool { return f.ID == "agreement" }) + 1
	input := strings.Join([]string{
		"1", "1", fmt.Sprint(anxiety),
		"3", "週報を送れた", "", ".", // the carried action: うまくいった, a note kept private, no comment
		"/jump 3", "家族と離れるのが不安", ".", "", "3", "", "週末に電話する", ".", "", ".", // a worry, private
		"/later",
		"1", "1", fmt.Sprint(agreement),
		"企画を任されたい", ".", "4", "営業も続けてほしい", ".", "2", ".", "", "週4日は企画", ".",
		"/later",
		"4", "2", "3", "4", "面談で理由まで聞けた", ".", "/later",
		"q",
	}, "\n") + "\n"
	var out strings.Builder
	err := plain.Run(context.Background(), plain.Options{Store: other, Library: lib, Lang: model.Ja,
		In: strings.NewReader(input), Out: &out, Now: func() time.Time { return clock }, Location: time.UTC, Echo: true})
	if err != nil {
		t.Fatalf("accessible mode: %v\n%s", err, out.String())
	}
	if !strings.Contains(out.String(), "前回の評価: 2 ") {
		t.Errorf("the accessible self-review did not say last time's level:\n%s", out.String())
	}

	tuiState, plainState := storeState(t, h.store, e), storeState(t, other, e)
	if tuiState != plainState {
		t.Logf("accessible mode:\n%s", out.String())
		t.Errorf("the full interface stored:\n%s\n\nthe accessible mode stored:\n%s", tuiState, plainState)
	}
}
