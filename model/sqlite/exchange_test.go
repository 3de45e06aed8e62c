package sqlite

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"bansou/model"
)

// richDatabase fills a store with every kind of record: an engagement with
// companions and a cadence, sessions with every answer kind, follow-ups, own
// questions, private and shared answers and notes, and a ledger with
// history.
func richDatabase(t testing.TB, s *Store) model.Engagement {
	t.Helper()
	ctx := context.Background()
	e := engagement()
	e.CheckinEarlyDays, e.CheckinLaterDays = 5, 21
	e.MyType = model.Host
	e, err := s.CreateEngagement(ctx, e)
	if err != nil {
		t.Fatal(err)
	}
	f := flow()
	f.Prompts = append(f.Prompts,
		model.Prompt{ID: "energy", Kind: model.KindScale, Title: model.Text{Ja: "元気"}, Text: model.Text{Ja: "元気は？"}},
		model.Prompt{ID: "pick", Kind: model.KindMulti, Title: model.Text{Ja: "選ぶ"}, Text: model.Text{Ja: "どれ？"}},
		model.Prompt{ID: "role-scope", Kind: model.KindAgreement, Title: model.Text{Ja: "役割"}, Text: model.Text{Ja: "役割は？"}})
	t1 := clock.Add(-30 * 24 * time.Hour) // all of it in the past of the store's clock
	sess := model.NewSession(f, e.ID, model.Ja, t1)
	sess.Use = model.UseAgreement
	sess.HolderType = model.Host
	first, err := s.StartSession(ctx, sess)
	if err != nil {
		t.Fatal(err)
	}
	at := t1.Add(10 * time.Minute)
	events := []model.Event{
		model.SetAnswer{Text: "新しい事業を\n一から経験したい 😀 \x1b[31m赤\x1b[0m"},
		model.SetNote{Text: "家族の事情 PRIVATE-NOTE-4471"},
		model.DigDeeper{FollowupID: "why", Text: "なぜ？"},
		model.SetAnswer{Text: "なぜなら…"},
		model.SetNoteShared{Shared: true},
		model.SetNote{Text: "共有してよいメモ SHARED-NOTE-2218"},
		model.AddQuestion{Text: "健康面は？"},
		model.SetAnswer{Text: "持病がある PRIVATE-ANSWER-9034"},
		model.SetAnswerPrivate{Private: true},
		model.Jump{Key: "p:b"},
		model.Skip{},
		model.Jump{Key: "p:energy"},
		model.SetValue{Value: 4},
		model.Jump{Key: "p:pick"},
		model.SetChoices{IDs: []string{"x", "z"}},
		model.ConfirmReadBack{},
		model.Finish{},
	}
	for _, ev := range events {
		if first, err = model.Apply(first, ev, at); err != nil {
			t.Fatal(err)
		}
	}
	p := model.ProgressOf(first, nil, true)
	p.Anxieties = []model.Anxiety{
		{ID: "anx-open", EngagementID: e.ID, SessionID: first.ID, StepKey: "p:a", Text: "戻れるか", Category: "return",
			Intensity: 4, Term: model.LongTerm, Plan: "上司と話す", CreatedAt: at, UpdatedAt: at},
		{ID: "anx-private", EngagementID: e.ID, SessionID: first.ID, StepKey: "p:a", Text: "通院 PRIVATE-WORRY-5521",
			Private: true, CreatedAt: at, UpdatedAt: at},
	}
	p.Actions = []model.Action{{ID: "act-1", EngagementID: e.ID, SessionID: first.ID, StepKey: "p:b", Text: "人事に聞く",
		Owner: model.OwnerCompanion, Due: model.NewDate(2026, 12, 10), CreatedAt: at, UpdatedAt: at}}
	p.Agreement = []model.AgreementItem{{SessionID: first.ID, SessionStarted: t1, Topic: "role-scope", Title: "役割",
		Learner: model.PartyView{Expectation: "企画", Fit: 4}, Sending: model.PartyView{Expectation: "営業", Fit: 2},
		Host: model.PartyView{Fit: 3}, Agreed: "両方", UpdatedAt: at}}
	if err := s.SaveProgress(ctx, p); err != nil {
		t.Fatal(err)
	}
	t2 := t1.Add(72 * time.Hour)
	second, _ := s.StartSession(ctx, model.CarryForward(model.NewSession(f, e.ID, model.En, t2), model.Ledger{
		Anxieties: p.Anxieties, Actions: p.Actions}))
	p = model.ProgressOf(second, nil, false)
	p.AnxietyUpdates = []model.AnxietyUpdate{{ID: "upd-1", AnxietyID: "anx-open", SessionID: second.ID,
		Status: model.AnxietyEasing, Note: "少し安心 PRIVATE-STATUS-7780", At: t2}}
	p.ActionUpdates = []model.ActionUpdate{{ID: "out-1", ActionID: "act-1", SessionID: second.ID, Outcome: model.OutcomeWorked, At: t2}}
	p.Agreement = []model.AgreementItem{{SessionID: second.ID, SessionStarted: t2, Topic: "role-scope", Title: "役割",
		Learner: model.PartyView{Expectation: "企画", Fit: 5}, Agreed: "企画中心に", UpdatedAt: t2}}
	if err := s.SaveProgress(ctx, p); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SavePeerRating(ctx, peerRating("sheet-rich")); err != nil {
		t.Fatal(err)
	}
	return e
}

// exportAll reads everything in a store as an export document.
func exportAll(t testing.TB, s *Store) model.Export {
	t.Helper()
	ctx := context.Background()
	list, err := s.Engagements(ctx, true)
	if err != nil {
		t.Fatal(err)
	}
	var out []model.EngagementExport
	for _, e := range list {
		x := model.EngagementExport{Engagement: e}
		sums, _ := s.Sessions(ctx, e.ID)
		for _, sum := range sums {
			full, err := s.Session(ctx, sum.ID)
			if err != nil {
				t.Fatal(err)
			}
			x.Sessions = append(x.Sessions, full)
		}
		x.Ledger, _ = s.Ledger(ctx, e.ID)
		out = append(out, x)
	}
	doc := model.NewExport(clock, out...)
	var err1, err2, err3 error
	doc.SelfReviews, err1 = s.SoloSessions(ctx, model.SelfReviewFlowID)
	doc.Rounds, err2 = s.Rounds(ctx)
	doc.PeerRatings, err3 = s.PeerRatings(ctx)
	if err := errors.Join(err1, err2, err3); err != nil {
		t.Fatal(err)
	}
	return doc
}

// portable blanks the ids a database gives its own rows, which differ
// between databases; everything else must survive a round trip.
func portable(doc model.Export) model.Export {
	b, _ := json.Marshal(doc)
	var out model.Export
	json.Unmarshal(b, &out)
	for i := range out.Engagements {
		e := &out.Engagements[i]
		e.ID, e.Learner.ID = 0, 0
		// A session id becomes the session's place in the export (from 1),
		// which both databases agree on.
		ids := map[int64]int64{}
		for j := range e.Sessions {
			ids[e.Sessions[j].ID] = int64(j + 1)
			e.Sessions[j].ID, e.Sessions[j].EngagementID = 0, 0
		}
		for j := range e.Ledger.Anxieties {
			a := &e.Ledger.Anxieties[j]
			a.EngagementID, a.SessionID = 0, ids[a.SessionID]
			for k := range a.History {
				a.History[k].SessionID = ids[a.History[k].SessionID]
			}
		}
		for j := range e.Ledger.Actions {
			a := &e.Ledger.Actions[j]
			a.EngagementID, a.SessionID = 0, ids[a.SessionID]
			for k := range a.History {
				a.History[k].SessionID = ids[a.History[k].SessionID]
			}
		}
		for j := range e.Ledger.Agreement {
			e.Ledger.Agreement[j].SessionID = ids[e.Ledger.Agreement[j].SessionID]
		}
	}
	for i := range out.SelfReviews {
		out.SelfReviews[i].ID = 0
	}
	for i := range out.Rounds {
		out.Rounds[i].Session.ID, out.Rounds[i].Round.SessionID = 0, 0
	}
	return out
}

// firstDifference names the first field where a and b differ.
func firstDifference(a, b reflect.Value, path string) string {
	if a.Kind() != b.Kind() {
		return path
	}
	switch a.Kind() {
	case reflect.Struct:
		if a.Type() == reflect.TypeOf(time.Time{}) {
			if !a.Interface().(time.Time).Equal(b.Interface().(time.Time)) {
				return fmt.Sprintf("%s: %v ≠ %v", path, a.Interface(), b.Interface())
			}
			return ""
		}
		if a.Type() == reflect.TypeOf(model.Date{}) {
			if x, y := a.Interface().(model.Date).String(), b.Interface().(model.Date).String(); x != y {
				return fmt.Sprintf("%s: %s ≠ %s", path, x, y)
			}
			return ""
		}
		for i := range a.NumField() {
			if d := firstDifference(a.Field(i), b.Field(i), path+"."+a.Type().Field(i).Name); d != "" {
				return d
			}
		}
	case reflect.Slice:
		if a.Len() != b.Len() {
			return fmt.Sprintf("%s: %d ≠ %d entries", path, a.Len(), b.Len())
		}
		for i := range a.Len() {
			if d := firstDifference(a.Index(i), b.Index(i), fmt.Sprintf("%s[%d]", path, i)); d != "" {
				return d
			}
		}
	default:
		if !reflect.DeepEqual(a.Interface(), b.Interface()) {
			return fmt.Sprintf("%s: %v ≠ %v", path, a.Interface(), b.Interface())
		}
	}
	return ""
}

func TestExportImportRoundTripIsLossless(t *testing.T) {
	src, _ := openTemp(t)
	richDatabase(t, src)
	before := exportAll(t, src)
	data, err := json.Marshal(before)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := model.ParseExport(data)
	if err != nil {
		t.Fatal(err)
	}

	dst, _ := openTemp(t)
	stats, err := dst.Import(context.Background(), doc, model.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if stats.Engagements != 1 || stats.Sessions != 2 || stats.Updated != 0 {
		t.Fatalf("stats = %+v", stats)
	}
	after := exportAll(t, dst)
	if d := firstDifference(reflect.ValueOf(portable(before)), reflect.ValueOf(portable(after)), "export"); d != "" {
		t.Fatalf("the round trip changed %s", d)
	}
	// Spot checks that the comparison sees what matters.
	if after.Engagements[0].MyType != model.Host || after.Engagements[0].Sessions[0].HolderType != model.Host {
		t.Fatalf("the companion's type was lost: %q, %q", after.Engagements[0].MyType, after.Engagements[0].Sessions[0].HolderType)
	}
	if got := after.Engagements[0].Sessions[0].LearnerConfirmed; !got.Equal(clock.Add(-30*24*time.Hour + 10*time.Minute)) {
		t.Fatalf("the learner's confirmation of the read-back was lost: %v", got)
	}
	st := after.Engagements[0].Sessions[0].Steps[0]
	if st.Answer != "新しい事業を\n一から経験したい 😀 \x1b[31m赤\x1b[0m" || st.Note != "家族の事情 PRIVATE-NOTE-4471" {
		t.Fatalf("step = %+v", st)
	}

	if len(after.PeerRatings) != 1 || after.PeerRatings[0].Skills[0].Evidence != peerRating("").Skills[0].Evidence ||
		after.PeerRatings[0].Alternative != "まず本人の案を聞いてから添える" {
		t.Fatalf("the peer rating was lost: %+v", after.PeerRatings)
	}

	// Importing the same file again, into either database, adds nothing.
	for name, s := range map[string]*Store{"source": src, "copy": dst} {
		stats, err := s.Import(context.Background(), doc, model.ImportOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if stats.Engagements+stats.Sessions+stats.Entries != 0 {
			t.Fatalf("%s: second import added %+v", name, stats)
		}
		if again := exportAll(t, s); len(again.Engagements) != 1 || len(again.Engagements[0].Sessions) != 2 ||
			len(again.Engagements[0].Ledger.Anxieties) != 2 {
			t.Fatalf("%s: duplicates after a second import", name)
		}
	}
	// The imported answers can be searched.
	if hits, err := dst.Search(context.Background(), "事業"); err != nil || len(hits) != 1 {
		t.Fatalf("search after import = %v %v", hits, err)
	}
}

func TestImportKeepsNewerLocalEdits(t *testing.T) {
	s, _ := openTemp(t)
	e := richDatabase(t, s)
	old := exportAll(t, s)
	data, _ := json.Marshal(old)
	doc, _ := model.ParseExport(data)
	// Edit an answer after the export was taken.
	ctx := context.Background()
	sums, _ := s.Sessions(ctx, e.ID)
	sess, _ := s.Session(ctx, sums[0].ID)
	sess, _ = model.Apply(sess, model.Jump{Key: "p:a"}, clock)
	sess, _ = model.Apply(sess, model.SetAnswer{Text: "書き直した答え"}, clock.Add(100*time.Hour))
	if err := s.SaveProgress(ctx, model.ProgressOf(sess, []string{"p:a"}, false)); err != nil {
		t.Fatal(err)
	}
	stats, err := s.Import(ctx, doc, model.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	got, _ := s.Session(ctx, sums[0].ID)
	if got.Steps[0].Answer != "書き直した答え" || stats.Kept == 0 {
		t.Fatalf("the older file overwrote a newer edit: %q, %+v", got.Steps[0].Answer, stats)
	}

	// A status update changed here later (same id, later time) is kept too.
	l, _ := s.Ledger(ctx, e.ID)
	u := l.Anxieties[0].History[0]
	u.Status, u.Note, u.At = model.AnxietyResolved, "解消したと本人から", u.At.Add(500*time.Hour)
	p := model.ProgressOf(sess, nil, false)
	p.AnxietyUpdates = []model.AnxietyUpdate{u}
	if err := s.SaveProgress(ctx, p); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Import(ctx, doc, model.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	l, _ = s.Ledger(ctx, e.ID)
	if h := l.Anxieties[0].History[0]; h.Status != model.AnxietyResolved || h.Note != "解消したと本人から" {
		t.Fatalf("the older file reverted a status update: %+v", h)
	}

	// Importing a file as new as the database changes nothing.
	now, _ := json.Marshal(exportAll(t, s))
	same, _ := model.ParseExport(now)
	stats, err = s.Import(ctx, same, model.ImportOptions{})
	if err != nil || stats.Updated != 0 || stats.Engagements+stats.Sessions+stats.Entries != 0 {
		t.Fatalf("re-import of the same version: %+v %v", stats, err)
	}
}

func TestImportOfANewerSessionKeepsStepsChangedHere(t *testing.T) {
	s, _ := openTemp(t)
	e := richDatabase(t, s)
	ctx := context.Background()
	sums, _ := s.Sessions(ctx, e.ID)
	base, _ := s.Session(ctx, sums[0].ID)

	// Elsewhere (in the file), step p:b is answered later; here, step p:a
	// is changed later still, and an own question is added.
	theirs := exportAll(t, s)
	ts := &theirs.Engagements[0].Sessions[0]
	*ts, _ = model.Apply(*ts, model.Jump{Key: "p:b"}, clock.Add(-5*time.Hour))
	*ts, _ = model.Apply(*ts, model.SetAnswer{Text: "向こうで書いた答え"}, clock.Add(-3*time.Hour))
	data, _ := json.Marshal(theirs)
	doc, err := model.ParseExport(data)
	if err != nil {
		t.Fatal(err)
	}
	mine, _ := model.Apply(base, model.Jump{Key: "p:a"}, clock.Add(-5*time.Hour))
	mine, _ = model.Apply(mine, model.SetAnswer{Text: "こちらで直した答え"}, clock.Add(-2*time.Hour))
	mine, _ = model.Apply(mine, model.AddQuestion{Text: "こちらで足した問い"}, clock.Add(-time.Hour))
	mine, _ = model.Apply(mine, model.SetAnswer{Text: "足した問いへの答え"}, clock.Add(-time.Hour))
	// Saved with an older session time than the file's, so the file's
	// session counts as newer.
	p := model.ProgressOf(mine, nil, true)
	p.UpdatedAt = clock.Add(-4 * time.Hour)
	if err := s.SaveProgress(ctx, p); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Import(ctx, doc, model.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	got, _ := s.Session(ctx, base.ID)
	answers := map[string]string{}
	for _, st := range got.Steps {
		answers[st.Title] = st.Answer
	}
	a, _ := got.Step("p:a")
	b, _ := got.Step("p:b")
	if a.Answer != "こちらで直した答え" || b.Answer != "向こうで書いた答え" || answers["こちらで足した問い"] != "足した問いへの答え" {
		t.Fatalf("after merging a newer session: %q", answers)
	}
}

func TestBackupIsAConsistentPrivateCopy(t *testing.T) {
	s, _ := openTemp(t)
	richDatabase(t, s)
	path := filepath.Join(t.TempDir(), "copy.db")
	if err := s.Backup(context.Background(), path); err != nil {
		t.Fatal(err)
	}
	info, err := os.Stat(path)
	if err != nil || info.Mode().Perm() != 0o600 {
		t.Fatalf("backup mode %v %v", info.Mode(), err)
	}
	c, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if d := firstDifference(reflect.ValueOf(exportAll(t, s)), reflect.ValueOf(exportAll(t, c)), "backup"); d != "" {
		t.Fatalf("the backup differs: %s", d)
	}
	if err := s.Backup(context.Background(), path); err == nil || !strings.Contains(err.Error(), "already exists") {
		t.Fatalf("overwrote an existing file: %v", err)
	}
}

func TestImportWritesNothingWhenAnyPartFails(t *testing.T) {
	src, _ := openTemp(t)
	richDatabase(t, src)
	doc := exportAll(t, src)
	// A second engagement whose action breaks a database rule: the first
	// engagement must not be written either.
	bad := doc.Engagements[0]
	bad.UID, bad.Learner.UID = "another-engagement", "another-learner"
	bad.Sessions = nil
	bad.Ledger = model.Ledger{Actions: []model.Action{{ID: "bad-action", Text: "x", Owner: "nobody", CreatedAt: clock, UpdatedAt: clock}}}
	doc.Engagements = append(doc.Engagements, bad)

	dst, _ := openTemp(t)
	if _, err := dst.Import(context.Background(), doc, model.ImportOptions{}); err == nil {
		t.Fatal("the import succeeded")
	}
	if list, _ := dst.Engagements(context.Background(), true); len(list) != 0 {
		t.Fatalf("a failed import left %d engagements behind", len(list))
	}
}

// TestCopyToNewForFilesystemsWithoutLinks covers the path backups take on
// drives without hard links: a new 0600 file, never an existing one.
func TestCopyToNewForFilesystemsWithoutLinks(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "src.db")
	os.WriteFile(src, []byte("データベースの中身"), 0o644)
	dst := filepath.Join(dir, "dst.db")
	if err := copyToNew(src, dst); err != nil {
		t.Fatal(err)
	}
	if info, err := os.Stat(dst); err != nil || info.Mode().Perm() != 0o600 {
		t.Fatalf("copy: %v %v", info, err)
	}
	if b, _ := os.ReadFile(dst); string(b) != "データベースの中身" {
		t.Fatalf("copy holds %q", b)
	}
	if err := copyToNew(src, dst); err == nil || !strings.Contains(err.Error(), "already exists") {
		t.Fatalf("second copy: %v", err)
	}
}
