package sqlite

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"bansou/model"
)

// issuesOf lists the issues of an import worded in English, one per line.
func issuesOf(st model.ImportStats) string {
	var lines []string
	for _, i := range st.Issues {
		lines = append(lines, i.Describe(model.En))
	}
	return strings.Join(lines, "\n")
}

// suzuki is an engagement of another learner, as a file would hold it.
func suzuki() model.EngagementExport {
	at := clock.Add(-24 * time.Hour)
	return model.EngagementExport{Engagement: model.Engagement{UID: "e-suzuki", Learner: model.Learner{UID: "l-suzuki", Name: "鈴木 一花"},
		SendingOrg: "株式会社あさひ", HostOrg: "NPO法人みなと", Start: model.NewDate(2027, 1, 4), End: model.NewDate(2027, 6, 30),
		CreatedAt: at, UpdatedAt: at}}
}

// TestImportLeavesASessionOpenInAnotherBansouToIt: another running bansou
// (a window) has a session open. Importing a file that changes that
// session, and records a worry in it, writes neither: the session is
// refused by name (learner, flow, id), with what to do, and counted; the
// rest of the file — a change to another session of the learner, a new
// learner — is imported. The window goes on saving as before, its copy
// untouched. Importing a file that would change nothing in the open
// session refuses nothing.
func TestImportLeavesASessionOpenInAnotherBansouToIt(t *testing.T) {
	s, path := openTemp(t)
	ctx := context.Background()
	e := richDatabase(t, s)
	same := exportAll(t, s)
	doc := exportAll(t, s)
	sums, _ := s.Sessions(ctx, e.ID)
	held := sums[0].ID
	window, err := Open(path, Options{Now: func() time.Time { return clock }, Owner: livePid(t)})
	if err != nil {
		t.Fatal(err)
	}
	defer window.Close()
	if err := window.SetSessionOpen(ctx, held, true); err != nil {
		t.Fatal(err)
	}
	before, _ := s.Session(ctx, held)

	f := &doc.Engagements[0]
	at := clock.Add(-time.Hour)
	f.Sessions[0], _ = model.Apply(f.Sessions[0], model.Jump{Key: "p:a"}, at)
	f.Sessions[0], _ = model.Apply(f.Sessions[0], model.SetAnswer{Text: "ファイルで書き直した答え"}, at)
	f.Ledger.Anxieties = append(f.Ledger.Anxieties, model.Anxiety{ID: "anx-in-held", SessionID: f.Sessions[0].ID,
		Text: "開いているセッションで聞いた不安", CreatedAt: at, UpdatedAt: at})
	f.Sessions[1], _ = model.Apply(f.Sessions[1], model.Jump{Key: "p:b"}, at)
	f.Sessions[1], _ = model.Apply(f.Sessions[1], model.SetAnswer{Text: "もう一つのセッションの答え"}, at)
	doc.Engagements = append(doc.Engagements, suzuki())

	stats, err := s.Import(ctx, doc, model.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	after, _ := s.Session(ctx, held)
	if after.Steps[0].Answer != before.Steps[0].Answer || after.UpdatedAt != before.UpdatedAt {
		t.Fatalf("the import wrote into the open session: %q", after.Steps[0].Answer)
	}
	l, _ := s.Ledger(ctx, e.ID)
	for _, a := range l.Anxieties {
		if a.ID == "anx-in-held" {
			t.Fatal("the import recorded a worry in the open session")
		}
	}
	other, _ := s.Session(ctx, sums[1].ID)
	if st, _ := other.Step("p:b"); st.Answer != "もう一つのセッションの答え" {
		t.Fatalf("the rest of the file was not imported: %q", st.Answer)
	}
	if engs, _ := s.Engagements(ctx, true); len(engs) != 2 {
		t.Fatalf("the new learner was not imported: %d engagements", len(engs))
	}
	report := issuesOf(stats)
	if stats.Refused() != 1 || !strings.Contains(report, "engagements[0].sessions[0] (山田 花子 · 目的抽出, id "+before.UID+")") ||
		!strings.Contains(report, "open in another bansou") || !strings.Contains(report, "close it there and import the file again") ||
		!strings.Contains(report, "nor the ledger entries recorded in it: 1") {
		t.Fatalf("the refusal does not name the session and what to do (%d refused):\n%s", stats.Refused(), report)
	}
	if words := stats.Issues[0].Describe(model.Ja); !strings.Contains(words, "別の bansou で開かれている") || !strings.Contains(words, "閉じてから、もう一度取り込んで") {
		t.Fatalf("in Japanese: %s", words)
	}
	if !strings.Contains(stats.String(), "1 refused") {
		t.Fatalf("the summary does not count the refusal: %s", stats)
	}

	// The window saves as it did: nothing changed under it.
	mine, _ := model.Apply(before, model.Jump{Key: "p:a"}, clock)
	mine, _ = model.Apply(mine, model.SetAnswer{Text: "窓で続けた答え"}, clock)
	if err := window.SaveProgress(ctx, model.ProgressOf(mine, []string{"p:a"}, false)); err != nil {
		t.Fatalf("the window cannot save after the import: %v", err)
	}

	// A file that would change nothing in the open session refuses nothing.
	stats, err = s.Import(ctx, same, model.ImportOptions{})
	if err != nil || stats.Refused() != 0 {
		t.Fatalf("importing what is already there: %v\n%s", err, issuesOf(stats))
	}
}

// TestImportDoesNotMoveAnotherLearnersRecords: a file whose records carry
// ids that are another learner's here — a session, a worry, an action, a
// status update, the engagement itself or its learner — does not move
// them: each is refused, naming both, and the records stay as they were.
func TestImportDoesNotMoveAnotherLearnersRecords(t *testing.T) {
	s, _ := openTemp(t)
	ctx := context.Background()
	e := richDatabase(t, s)
	mine := exportAll(t, s).Engagements[0]
	sums, _ := s.Sessions(ctx, e.ID)
	yamada, _ := s.Session(ctx, sums[0].ID)
	ledger, _ := s.Ledger(ctx, e.ID)

	at := clock.Add(-time.Hour)
	x := suzuki()
	stolen, _ := model.Apply(yamada, model.Jump{Key: "p:a"}, at)
	stolen, _ = model.Apply(stolen, model.SetAnswer{Text: "鈴木さんの答え"}, at)
	stolen.ID = 1
	x.Sessions = []model.Session{stolen}
	worry := ledger.Anxieties[0]
	worry.History = slices.Clone(worry.History)
	worry.Text, worry.UpdatedAt, worry.SessionID = "鈴木さんの不安", at, 1
	worry.History[0].Note, worry.History[0].At, worry.History[0].SessionID = "鈴木さんの経過", at, 1
	action := ledger.Actions[0]
	action.Text, action.UpdatedAt, action.SessionID, action.History = "鈴木さんの行動", at, 1, nil
	x.Ledger = model.Ledger{Anxieties: []model.Anxiety{worry}, Actions: []model.Action{action}}
	// A new worry of Suzuki's whose status update takes the id of one of
	// Yamada's.
	x.Ledger.Anxieties = append(x.Ledger.Anxieties, model.Anxiety{ID: "anx-suzuki", Text: "帰任後の役割", CreatedAt: at, UpdatedAt: at,
		History: []model.AnxietyUpdate{{ID: ledger.Anxieties[0].History[0].ID, Status: model.AnxietyResolved, Note: "上書きする経過", At: at}}})
	// Yamada's engagement given to Suzuki's learner, and a new engagement
	// given Yamada's learner.
	moved := mine
	moved.Learner = model.Learner{UID: "l-suzuki", Name: "鈴木 一花"}
	moved.UpdatedAt, moved.Sessions, moved.Ledger = at, nil, model.Ledger{}
	borrowed := suzuki()
	borrowed.UID, borrowed.Learner = "e-borrowed", mine.Learner
	borrowed.Learner.Name = "山田 花子（改名）"
	doc := model.NewExport(clock, x, moved, borrowed)

	stats, err := s.Import(ctx, doc, model.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	got, _ := s.Session(ctx, yamada.ID)
	if got.EngagementID != e.ID || got.Steps[0].Answer != yamada.Steps[0].Answer {
		t.Fatalf("Yamada's session was moved or written: engagement %d, %q", got.EngagementID, got.Steps[0].Answer)
	}
	after, _ := s.Ledger(ctx, e.ID)
	if a := after.Anxieties[0]; a.Text != ledger.Anxieties[0].Text || a.EngagementID != e.ID || a.History[0].Note != ledger.Anxieties[0].History[0].Note ||
		a.History[0].Status != ledger.Anxieties[0].History[0].Status {
		t.Fatalf("Yamada's worry was changed: %+v", a)
	}
	if a := after.Actions[0]; a.Text != ledger.Actions[0].Text || a.EngagementID != e.ID {
		t.Fatalf("Yamada's action was changed: %+v", a)
	}
	eng, _ := s.Engagement(ctx, e.ID)
	if eng.Learner.UID != mine.Learner.UID || eng.Learner.Name != "山田 花子" {
		t.Fatalf("Yamada's engagement was handed over: %+v", eng.Learner)
	}
	report := issuesOf(stats)
	for _, want := range []string{
		"engagements[0].sessions[0] (鈴木 一花 · 目的抽出, id " + yamada.UID + "): this id is a different session here (山田 花子 · 目的抽出, id " + yamada.UID + ")",
		"engagements[0].ledger.anxieties[0] (鈴木 一花 · 鈴木さんの不安, id anx-open): this id is another record here (山田 花子",
		"engagements[0].ledger.actions[0] (鈴木 一花 · 鈴木さんの行動, id act-1): this id is another record here (山田 花子",
		"engagements[0].ledger.anxieties[1].history[0]",
		"engagements[1] (鈴木 一花, id " + mine.UID + "): the id of this engagement or of its learner is another learner's here (山田 花子",
		"engagements[2] (山田 花子（改名）, id e-borrowed): the id of this engagement or of its learner is another learner's here (山田 花子",
	} {
		if !strings.Contains(report, want) {
			t.Errorf("the report lacks %q:\n%s", want, report)
		}
	}
	// Suzuki's own worry is imported, without the stolen update.
	l, _ := s.Engagements(ctx, true)
	for _, en := range l {
		if en.UID != "e-suzuki" {
			continue
		}
		theirs, _ := s.Ledger(ctx, en.ID)
		if len(theirs.Anxieties) != 1 || theirs.Anxieties[0].ID != "anx-suzuki" || len(theirs.Anxieties[0].History) != 0 {
			t.Errorf("Suzuki's ledger: %+v", theirs)
		}
	}
}

// TestImportSetsFutureDatesToNow: a file dated in the future would win
// every merge after it. Its dates are set to now and the report says so,
// field by field; an edit made here afterwards then stands against the
// same file imported again.
func TestImportSetsFutureDatesToNow(t *testing.T) {
	now := clock
	s, _ := openTemp(t)
	s.now = func() time.Time { return now }
	ctx := context.Background()
	e := richDatabase(t, s)
	doc := exportAll(t, s)
	future := clock.AddDate(5, 0, 0)
	f := &doc.Engagements[0].Sessions[0]
	*f, _ = model.Apply(*f, model.Jump{Key: "p:a"}, future)
	*f, _ = model.Apply(*f, model.SetAnswer{Text: "未来の日付の答え"}, future)

	stats, err := s.Import(ctx, doc, model.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	sums, _ := s.Sessions(ctx, e.ID)
	got, _ := s.Session(ctx, sums[0].ID)
	if got.Steps[0].Answer != "未来の日付の答え" || !got.Steps[0].UpdatedAt.Equal(now) || !got.UpdatedAt.Equal(now) {
		t.Fatalf("stored %q at %v (session at %v), want now %v", got.Steps[0].Answer, got.Steps[0].UpdatedAt, got.UpdatedAt, now)
	}
	report := issuesOf(stats)
	for _, want := range []string{
		"engagements[0].sessions[0].steps[0].updated_at: " + future.Format(time.RFC3339) + " is later than now; imported as " + now.Format(time.RFC3339),
		"engagements[0].sessions[0].updated_at: ",
	} {
		if !strings.Contains(report, want) {
			t.Errorf("the report lacks %q:\n%s", want, report)
		}
	}
	if !strings.Contains(stats.String(), "2 future date(s) set to now") {
		t.Errorf("summary: %s", stats)
	}

	// An hour later, the answer is changed here; the same file again does
	// not undo it.
	now = now.Add(time.Hour)
	got, _ = model.Apply(got, model.SetAnswer{Text: "あとで直した答え"}, now)
	if err := s.SaveProgress(ctx, model.ProgressOf(got, []string{"p:a"}, false)); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Import(ctx, doc, model.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.Session(ctx, sums[0].ID); got.Steps[0].Answer != "あとで直した答え" {
		t.Fatalf("the future-dated file undid a later edit: %q", got.Steps[0].Answer)
	}
}

// TestImportDoesNotQuietlyShareAPrivateRecord: a file that makes shared
// what is private here (an answer, a note, a worry) has its words imported
// and the records kept private, each reported; with AllowSharing they are
// made shared, and reported as made shared by the file.
func TestImportDoesNotQuietlyShareAPrivateRecord(t *testing.T) {
	for _, allow := range []bool{false, true} {
		s, _ := openTemp(t)
		ctx := context.Background()
		e := richDatabase(t, s)
		doc := exportAll(t, s)
		at := clock.Add(-time.Hour)
		f := &doc.Engagements[0].Sessions[0]
		// p:a's note is private, the own question's answer is private.
		*f, _ = model.Apply(*f, model.Jump{Key: "p:a"}, at)
		*f, _ = model.Apply(*f, model.SetNoteShared{Shared: true}, at)
		*f, _ = model.Apply(*f, model.SetNote{Text: "家族の事情（ファイルで共有に）"}, at)
		var own string
		ownAt := -1
		for i, st := range f.Steps {
			if st.Title == "健康面は？" {
				own, ownAt = st.Key, i
			}
		}
		*f, _ = model.Apply(*f, model.Jump{Key: own}, at)
		*f, _ = model.Apply(*f, model.SetAnswerPrivate{Private: false}, at)
		w := &doc.Engagements[0].Ledger.Anxieties[1]
		w.Private, w.Text, w.UpdatedAt = false, "通院（ファイルで共有に）", at
		// The status note on the first worry is private here.
		h := &doc.Engagements[0].Ledger.Anxieties[0].History[0]
		h.NoteShared, h.Note, h.At = true, "少し安心（ファイルで共有に）", at

		stats, err := s.Import(ctx, doc, model.ImportOptions{AllowSharing: allow})
		if err != nil {
			t.Fatal(err)
		}
		sums, _ := s.Sessions(ctx, e.ID)
		got, _ := s.Session(ctx, sums[0].ID)
		a, _ := got.Step("p:a")
		o, _ := got.Step(own)
		l, _ := s.Ledger(ctx, e.ID)
		wr, st := l.Anxieties[1], l.Anxieties[0].History[0]
		if a.Note != "家族の事情（ファイルで共有に）" || wr.Text != "通院（ファイルで共有に）" || st.Note != "少し安心（ファイルで共有に）" {
			t.Fatalf("allow %v: the newer words were not imported: %q, %q, %q", allow, a.Note, wr.Text, st.Note)
		}
		if a.NoteShared != allow || o.AnswerPrivate == allow || wr.Private == allow || st.NoteShared != allow {
			t.Fatalf("allow %v: note shared %v, answer private %v, worry private %v, status note shared %v",
				allow, a.NoteShared, o.AnswerPrivate, wr.Private, st.NoteShared)
		}
		report := issuesOf(stats)
		want := "private here, shared in the file: imported and kept private"
		if allow {
			want = "made shared by the file (it was private here)"
		}
		for _, path := range []string{"engagements[0].sessions[0].steps[0].note", fmt.Sprintf("engagements[0].sessions[0].steps[%d].answer", ownAt),
			"engagements[0].ledger.anxieties[1] (山田 花子 · 通院（ファイルで共有に）",
			"engagements[0].ledger.anxieties[0].history[0].note"} {
			found := false
			for _, line := range strings.Split(report, "\n") {
				found = found || strings.HasPrefix(line, path) && strings.Contains(line, want)
			}
			if !found {
				t.Errorf("allow %v: no line for %s says %q:\n%s", allow, path, want, report)
			}
		}
		if allow {
			continue
		}
		// Kept private, then told it may share: the same file again
		// shares them, as the report said it would.
		stats, err = s.Import(ctx, doc, model.ImportOptions{AllowSharing: true})
		if err != nil {
			t.Fatal(err)
		}
		got, _ = s.Session(ctx, sums[0].ID)
		a, _ = got.Step("p:a")
		o, _ = got.Step(own)
		l, _ = s.Ledger(ctx, e.ID)
		if !a.NoteShared || o.AnswerPrivate || l.Anxieties[1].Private || !l.Anxieties[0].History[0].NoteShared ||
			strings.Count(issuesOf(stats), "made shared by the file") != 4 {
			t.Fatalf("the same file, allowed to share: note shared %v, answer private %v, worry private %v, status note shared %v\n%s",
				a.NoteShared, o.AnswerPrivate, l.Anxieties[1].Private, l.Anxieties[0].History[0].NoteShared, issuesOf(stats))
		}
	}
}

// TestImportOfTheSameFileIsUnchanged: a file imported again, or a
// database's own export imported into it, is reported unchanged, not
// kept as newer here, and writes nothing (no session's revision moves).
func TestImportOfTheSameFileIsUnchanged(t *testing.T) {
	s, _ := openTemp(t)
	ctx := context.Background()
	e := richDatabase(t, s)
	doc := exportAll(t, s)
	sums, _ := s.Sessions(ctx, e.ID)
	if err := s.SetSessionOpen(ctx, sums[0].ID, true); err != nil {
		t.Fatal(err)
	}
	stats, err := s.Import(ctx, doc, model.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if stats.Kept != 0 || stats.Updated != 0 || stats.Engagements+stats.Sessions+stats.Entries != 0 || stats.Unchanged == 0 ||
		len(stats.Issues) != 0 {
		t.Fatalf("the same file again: %s\n%s", stats, issuesOf(stats))
	}
	if !strings.Contains(stats.String(), "0 updated, 9 unchanged, 0 kept (newer here)") {
		t.Fatalf("summary: %s", stats)
	}
	// Nothing was written: the session's own window saves on.
	sess, _ := s.Session(ctx, sums[0].ID)
	sess, _ = model.Apply(sess, model.SetAnswer{Text: "続けて書いた"}, clock)
	if err := s.SaveProgress(ctx, model.ProgressOf(sess, []string{sess.CurrentKey}, false)); errors.Is(err, model.ErrChangedElsewhere) {
		t.Fatal("an import that changed nothing stopped the window's saves")
	}
}
