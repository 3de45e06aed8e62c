package sqlite

import (
	"context"
	"slices"
	"testing"
	"time"

	"bansou/model"
)

// searchFixture saves answers and notes to search in.
func searchFixture(t *testing.T) (*Store, model.Engagement) {
	t.Helper()
	s, _ := openTemp(t)
	ctx := context.Background()
	e, _ := s.CreateEngagement(ctx, engagement())
	f := flow()
	f.Prompts = append(f.Prompts,
		model.Prompt{ID: "c", Title: model.Text{Ja: "三"}, Text: model.Text{Ja: "三つ目"}},
		model.Prompt{ID: "d", Title: model.Text{Ja: "四"}, Text: model.Text{Ja: "四つ目"}})
	sess, _ := s.StartSession(ctx, model.NewSession(f, e.ID, model.Ja, clock))
	answers := []string{
		"近所の公園で桜を見ました。",
		"東京駅で友達と会う予定です。",
		"ＡＩを使った企画書をGoで書いた。３か月後に発表します。",
		"sqliteの全文検索を試しています",
	}
	for i, a := range answers {
		sess, _ = model.Apply(sess, model.Jump{Key: sess.Steps[i].Key}, clock)
		sess, _ = model.Apply(sess, model.SetAnswer{Text: a}, clock)
	}
	sess, _ = model.Apply(sess, model.Jump{Key: "p:a"}, clock)
	sess, _ = model.Apply(sess, model.SetNote{Text: "家族の事情で悩んでいる（非公開）"}, clock)
	if err := s.SaveProgress(ctx, model.ProgressOf(sess, nil, true)); err != nil {
		t.Fatal(err)
	}
	return s, e
}

func hitTexts(hits []model.SearchHit) []string {
	var out []string
	for _, h := range hits {
		out = append(out, string(h.Source)+":"+h.Text)
	}
	return out
}

func TestSearchFindsJapaneseOfAnyLength(t *testing.T) {
	s, _ := searchFixture(t)
	ctx := context.Background()
	tests := []struct {
		query string
		want  []string
	}{
		{"公園", []string{"answer:近所の公園で桜を見ました。"}},    // two characters
		{"桜", []string{"answer:近所の公園で桜を見ました。"}},     // one character
		{"東京駅", []string{"answer:東京駅で友達と会う予定です。"}},  // trigram
		{"駅 友達", []string{"answer:東京駅で友達と会う予定です。"}}, // every term
		{"公園 友達", nil}, // both must match
		{"ai", []string{"answer:ＡＩを使った企画書をGoで書いた。３か月後に発表します。"}},   // full-width letters
		{"ＧＯ", []string{"answer:ＡＩを使った企画書をGoで書いた。３か月後に発表します。"}},   // and the other way
		{"3か月", []string{"answer:ＡＩを使った企画書をGoで書いた。３か月後に発表します。"}},  // full-width digits, mixed
		{"goで書", []string{"answer:ＡＩを使った企画書をGoで書いた。３か月後に発表します。"}}, // Latin and Japanese
		{"ql", []string{"answer:sqliteの全文検索を試しています"}},             // short Latin inside a word
		{"SQLITE", []string{"answer:sqliteの全文検索を試しています"}},         // case
		{"悩ん", []string{"note:家族の事情で悩んでいる（非公開）"}},                 // notes too
		{"存在しない言葉", nil},
	}
	for _, tt := range tests {
		hits, err := s.Search(ctx, tt.query)
		if err != nil {
			t.Fatalf("%q: %v", tt.query, err)
		}
		if got := hitTexts(hits); !slices.Equal(got, tt.want) {
			t.Errorf("%q: got %q, want %q", tt.query, got, tt.want)
		}
	}
}

func TestSearchHitsSayWhereAndWhat(t *testing.T) {
	s, e := searchFixture(t)
	hits, err := s.Search(context.Background(), "ＡＩ 企画")
	if err != nil || len(hits) != 1 {
		t.Fatalf("hits = %+v %v", hits, err)
	}
	h := hits[0]
	if h.Learner != "山田 花子" || h.EngagementID != e.ID || h.SessionTitle != "目的抽出" || h.StepKey != "p:c" ||
		h.StepTitle != "三" || !h.SessionDate.Equal(clock) {
		t.Fatalf("hit = %+v", h)
	}
	if !slices.Equal(h.Matches, [][2]int{{0, 2}, {6, 8}}) {
		t.Fatalf("matches = %v in %q", h.Matches, h.Text)
	}
	note, _ := s.Search(context.Background(), "家族")
	if len(note) != 1 || !note[0].Private {
		t.Fatalf("a note is private by default: %+v", note)
	}
}

func TestSearchFollowsEditsAndLedger(t *testing.T) {
	s, e := searchFixture(t)
	ctx := context.Background()
	sess, _ := s.Sessions(ctx, e.ID)
	full, _ := s.Session(ctx, sess[0].ID)
	full, _ = model.Apply(full, model.Jump{Key: "p:a"}, clock)
	full, _ = model.Apply(full, model.SetAnswer{Text: "公園はやめて海に行った"}, clock.Add(time.Minute))
	p := model.ProgressOf(full, []string{"p:a"}, false)
	p.Anxieties = []model.Anxiety{{ID: "w1", EngagementID: e.ID, SessionID: full.ID, StepKey: "p:b", Text: "帰任後の居場所",
		Plan: "上司と面談する", CreatedAt: clock, UpdatedAt: clock}}
	p.Actions = []model.Action{{ID: "x1", EngagementID: e.ID, SessionID: full.ID, Text: "人事に相談", Owner: model.OwnerLearner,
		CreatedAt: clock, UpdatedAt: clock}}
	if err := s.SaveProgress(ctx, p); err != nil {
		t.Fatal(err)
	}
	if hits, _ := s.Search(ctx, "桜"); len(hits) != 0 {
		t.Fatalf("the old answer is still found: %v", hitTexts(hits))
	}
	if hits, _ := s.Search(ctx, "海"); len(hits) != 1 {
		t.Fatalf("the new answer is not found: %v", hitTexts(hits))
	}
	if hits, _ := s.Search(ctx, "面談"); len(hits) != 1 || hits[0].Source != model.SourceAnxiety {
		t.Fatalf("worry plan: %v", hitTexts(hits))
	}
	if hits, _ := s.Search(ctx, "人事"); len(hits) != 1 || hits[0].Source != model.SourceAction {
		t.Fatalf("action: %v", hitTexts(hits))
	}

	// Notes on a status or an outcome, told in a later session, are found
	// too, always as private, titled with what they are about.
	later, _ := s.StartSession(ctx, model.NewSession(flow(), e.ID, model.Ja, clock.Add(48*time.Hour)))
	p = model.ProgressOf(later, nil, false)
	p.AnxietyUpdates = []model.AnxietyUpdate{{ID: "u1", AnxietyID: "w1", SessionID: later.ID, Status: model.AnxietyEasing,
		Note: "上司との面談で見通しが立った", At: clock.Add(48 * time.Hour)}}
	p.ActionUpdates = []model.ActionUpdate{{ID: "v1", ActionID: "x1", SessionID: later.ID, Outcome: model.OutcomeWorked,
		Note: "見通しを人事と共有", At: clock.Add(48 * time.Hour)}}
	if err := s.SaveProgress(ctx, p); err != nil {
		t.Fatal(err)
	}
	hits, err := s.Search(ctx, "見通し")
	if err != nil || len(hits) != 2 {
		t.Fatalf("status notes: %v %v", hitTexts(hits), err)
	}
	for _, h := range hits {
		if h.Source != model.SourceStatusNote || !h.Private || h.SessionID != later.ID ||
			(h.StepTitle != "帰任後の居場所" && h.StepTitle != "人事に相談") {
			t.Fatalf("status note hit = %+v", h)
		}
	}
	if hits[0].StepKey != "c:actions" && hits[0].StepKey != "c:anxieties" {
		t.Fatalf("step = %q", hits[0].StepKey)
	}

	// A note marked shared is found as shared, and read back shared.
	p.ActionUpdates[0].NoteShared = true
	p.ActionUpdates[0].At = p.ActionUpdates[0].At.Add(time.Minute)
	if err := s.SaveProgress(ctx, p); err != nil {
		t.Fatal(err)
	}
	hits, _ = s.Search(ctx, "人事と共有")
	if len(hits) != 1 || hits[0].Private {
		t.Fatalf("a shared outcome note: %+v", hits)
	}
	l, _ := s.Ledger(ctx, e.ID)
	if u, _ := l.Actions[0].UpdateIn(later.ID); !u.NoteShared {
		t.Fatalf("read back: %+v", u)
	}
	if u, _ := l.Anxieties[0].UpdateIn(later.ID); u.NoteShared {
		t.Fatalf("a note never shared reads as shared: %+v", u)
	}
}

func TestShortTermsAreFoundExactly(t *testing.T) {
	s, e := searchFixture(t)
	ctx := context.Background()
	sess, _ := s.Sessions(ctx, e.ID)
	full, _ := s.Session(ctx, sess[0].ID)
	full, _ = model.Apply(full, model.Jump{Key: "p:d"}, clock)
	full, _ = model.Apply(full, model.SetAnswer{Text: "不、安というより、A I の話。ｶﾞｲﾄﾞも"}, clock.Add(time.Minute))
	if err := s.SaveProgress(ctx, model.ProgressOf(full, []string{"p:d"}, false)); err != nil {
		t.Fatal(err)
	}
	for q, want := range map[string]int{
		"不安":  0, // the index of single characters skips signs; the text settles it
		"、安":  1, // a sign with a character
		"（":   1, // signs alone: read from the text (the note's bracket)
		"ai":  1, // ＡＩ, not "A I"
		"a i": 2,
		"ガイド": 1, // half-width kana with voicing marks, as typed on some keyboards
		"ｶﾞｲ": 1,
	} {
		hits, err := s.Search(ctx, q)
		if err != nil || len(hits) != want {
			t.Errorf("%q: %d hits, want %d: %q %v", q, len(hits), want, hitTexts(hits), err)
		}
	}
}

func TestIndexingGoesInBatchesAndKeepsWhatWasDone(t *testing.T) {
	defer func(n int) { indexBatch = n }(indexBatch)
	indexBatch = 3
	s, _ := searchFixture(t) // 4 steps with text, and more without
	ctx := context.Background()
	queued := func() (n int) {
		s.db.QueryRow(`SELECT count(*) FROM search_queue`).Scan(&n)
		return n
	}
	before := queued()
	if before <= indexBatch {
		t.Fatalf("the fixture queues only %d sources", before)
	}
	left, err := s.indexSome(ctx, indexBatch)
	if err != nil || !left || queued() != before-indexBatch {
		t.Fatalf("one batch: left %v, %d queued of %d, %v", left, queued(), before, err)
	}
	// A search indexes the rest, batch by batch, and finds everything.
	if hits, err := s.Search(ctx, "で"); err != nil || len(hits) != 4 || queued() != 0 {
		t.Fatalf("after indexing in batches: %q, %d queued, %v", hitTexts(hits), queued(), err)
	}
}
