package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"bansou/internal/benchdb"
	"bansou/internal/dbtest"
	"bansou/internal/fixture"
	"bansou/model"
)

var clock = time.Date(2026, 11, 21, 9, 0, 0, 0, time.UTC)

func openTemp(t testing.TB) (*Store, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "bansou.db")
	s, err := Open(path, Options{Now: func() time.Time { return clock }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s, path
}

func engagement() model.Engagement {
	return model.Engagement{
		Learner:    model.Learner{Name: "山田 花子"},
		SendingOrg: "株式会社みらい", HostOrg: "NPO法人つなぐ",
		Start: model.NewDate(2026, 12, 1), End: model.NewDate(2027, 5, 31),
		Companions: []model.Companion{{Name: "佐藤 一郎", Type: model.Sending}, {Name: "Tanaka", Type: model.ThirdParty}},
	}
}

func flow() *model.Flow {
	return &model.Flow{ID: "purpose", Phase: model.Before, Mode: model.OneOnOne, Title: model.Text{Ja: "目的抽出", En: "Purpose"},
		Prompts: []model.Prompt{
			{ID: "a", Title: model.Text{Ja: "実現したいこと"}, Text: model.Text{Ja: "何を実現したいですか"}},
			{ID: "b", Title: model.Text{Ja: "なぜ今"}, Text: model.Text{Ja: "なぜ今ですか"}},
		}}
}

// TestMigrateFromEmptyAndFileModes: a new database is at the latest schema,
// in WAL mode, and it, its -wal and -shm files and a backup of it are 0600
// even under a umask that lets anyone read what is created (umask 0).
func TestMigrateFromEmptyAndFileModes(t *testing.T) {
	fixture.PermissiveUmask(t)
	s, path := openTemp(t)
	var version int
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.QueryRow("PRAGMA user_version").Scan(&version); err != nil {
		t.Fatal(err)
	}
	if version != SchemaVersion() || version < 1 {
		t.Fatalf("user_version = %d, want %d", version, SchemaVersion())
	}
	var mode string
	if err := db.QueryRow("PRAGMA journal_mode").Scan(&mode); err != nil || mode != "wal" {
		t.Fatalf("journal_mode = %q %v", mode, err)
	}
	if _, err := s.CreateEngagement(context.Background(), engagement()); err != nil {
		t.Fatal(err)
	}
	backup := filepath.Join(t.TempDir(), "backup.db")
	if err := s.Backup(context.Background(), backup); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{path, path + "-wal", path + "-shm", backup} {
		info, err := os.Stat(f)
		if err != nil {
			t.Fatal(err)
		}
		if perm := info.Mode().Perm(); perm != 0o600 {
			t.Errorf("%s has mode %o, want 600", filepath.Base(f), perm)
		}
	}
	if left, _ := filepath.Glob(filepath.Join(filepath.Dir(backup), ".bansou-backup-*")); len(left) != 0 {
		t.Errorf("the backup left %v behind", left)
	}
}

func TestReopenKeepsData(t *testing.T) {
	s, path := openTemp(t)
	ctx := context.Background()
	e, err := s.CreateEngagement(ctx, engagement())
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	s2, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	got, err := s2.Engagement(ctx, e.ID)
	if err != nil || got.Learner.Name != "山田 花子" {
		t.Fatalf("after reopen: %+v %v", got, err)
	}
}

func TestRefusesNewerDatabaseUntouched(t *testing.T) {
	s, path := openTemp(t)
	if _, err := s.db.Exec("PRAGMA user_version = 99"); err != nil {
		t.Fatal(err)
	}
	s.Close()
	before, _ := os.ReadFile(path)
	_, err := Open(path, Options{})
	if !errors.Is(err, model.ErrNewerSchema) {
		t.Fatalf("err = %v", err)
	}
	if !strings.Contains(err.Error(), "schema 99") || !strings.Contains(err.Error(), path) {
		t.Fatalf("message lacks detail: %v", err)
	}
	after, _ := os.ReadFile(path)
	if string(before) != string(after) {
		t.Fatal("the newer database was modified")
	}
}

func TestRefusesFileThatIsNotADatabase(t *testing.T) {
	path := filepath.Join(t.TempDir(), "notes.db")
	text := []byte("これはデータベースではありません\n")
	if err := os.WriteFile(path, text, 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := Open(path, Options{})
	if !errors.Is(err, model.ErrNotDatabase) {
		t.Fatalf("err = %v", err)
	}
	if got, _ := os.ReadFile(path); string(got) != string(text) {
		t.Fatal("file was modified")
	}
}

func TestRefusesAnotherProgramsDatabase(t *testing.T) {
	path := filepath.Join(t.TempDir(), "other.db")
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec("CREATE TABLE contacts (name TEXT)"); err != nil {
		t.Fatal(err)
	}
	db.Close()
	if _, err := Open(path, Options{}); !errors.Is(err, model.ErrNotDatabase) {
		t.Fatalf("err = %v", err)
	}
}

func TestReadOnlyFileIsReported(t *testing.T) {
	s, path := openTemp(t)
	s.Close()
	if err := os.Chmod(path, 0o400); err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadFile(path)
	_, err := Open(path, Options{})
	if !errors.Is(err, model.ErrReadOnly) || !strings.Contains(err.Error(), path) {
		t.Fatalf("err = %v", err)
	}
	if after, _ := os.ReadFile(path); string(after) != string(before) {
		t.Fatal("read-only file was changed")
	}
}

func TestEngagementLifecycle(t *testing.T) {
	s, _ := openTemp(t)
	ctx := context.Background()
	e, err := s.CreateEngagement(ctx, engagement())
	if err != nil {
		t.Fatal(err)
	}
	if e.ID == 0 || e.Learner.ID == 0 || !e.CreatedAt.Equal(clock) {
		t.Fatalf("created = %+v", e)
	}
	e.Learner.Name = "山田 花子（旧姓 鈴木）"
	e.HostOrg = "合同会社あした"
	e.Companions = []model.Companion{{Name: "伊藤", Type: model.Host}}
	if _, err := s.UpdateEngagement(ctx, e); err != nil {
		t.Fatal(err)
	}
	got, err := s.Engagement(ctx, e.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Learner.Name != "山田 花子（旧姓 鈴木）" || got.HostOrg != "合同会社あした" ||
		len(got.Companions) != 1 || got.Companions[0] != (model.Companion{Name: "伊藤", Type: model.Host}) ||
		got.Start.String() != "2026-12-01" {
		t.Fatalf("updated = %+v", got)
	}
	if err := s.ArchiveEngagement(ctx, e.ID, true); err != nil {
		t.Fatal(err)
	}
	if list, _ := s.Engagements(ctx, false); len(list) != 0 {
		t.Fatalf("archived engagement listed: %v", list)
	}
	list, _ := s.Engagements(ctx, true)
	if len(list) != 1 || !list[0].Archived || len(list[0].Companions) != 1 {
		t.Fatalf("with archived: %+v", list)
	}
	if _, err := s.Engagement(ctx, 999); !errors.Is(err, model.ErrNotFound) {
		t.Fatalf("missing engagement: %v", err)
	}
	bad := engagement()
	bad.Learner.Name = ""
	if _, err := s.CreateEngagement(ctx, bad); err == nil {
		t.Fatal("engagement without learner saved")
	}
}

// TestEditingKeepsAnArchivingDoneElsewhere: another bansou archives an
// engagement while this one has its form open; saving the form changes the
// details and leaves the engagement archived.
func TestEditingKeepsAnArchivingDoneElsewhere(t *testing.T) {
	s, path := openTemp(t)
	ctx := context.Background()
	e, err := s.CreateEngagement(ctx, engagement())
	if err != nil {
		t.Fatal(err)
	}
	other, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	if err := other.ArchiveEngagement(ctx, e.ID, true); err != nil {
		t.Fatal(err)
	}
	e.HostOrg = "合同会社あした" // e, as the form holds it, is not archived
	saved, err := s.UpdateEngagement(ctx, e)
	if err != nil {
		t.Fatal(err)
	}
	got, err := s.Engagement(ctx, e.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !got.Archived || !saved.Archived || got.HostOrg != "合同会社あした" {
		t.Fatalf("stored %+v, returned archived %v", got, saved.Archived)
	}
	e.ID = 999
	if _, err := s.UpdateEngagement(ctx, e); !errors.Is(err, model.ErrNotFound) {
		t.Fatalf("updating a missing engagement: %v", err)
	}
}

func TestSessionProgressRoundTrip(t *testing.T) {
	s, _ := openTemp(t)
	ctx := context.Background()
	e, _ := s.CreateEngagement(ctx, engagement())
	sess, err := s.StartSession(ctx, model.NewSession(flow(), e.ID, model.Ja, clock))
	if err != nil {
		t.Fatal(err)
	}
	now := clock.Add(time.Minute)
	sess, _ = model.Apply(sess, model.SetAnswer{Text: "新しい事業を経験したい\x1b[31m"}, now)
	sess, _ = model.Apply(sess, model.SetNote{Text: "私的なメモ"}, now)
	if err := s.SaveProgress(ctx, model.ProgressOf(sess, []string{"p:a"}, false)); err != nil {
		t.Fatal(err)
	}
	sess, _ = model.Apply(sess, model.AddQuestion{Text: "ご家族は？"}, now)
	sess, _ = model.Apply(sess, model.SetAnswer{Text: "賛成"}, now)
	if err := s.SaveProgress(ctx, model.ProgressOf(sess, nil, true)); err != nil {
		t.Fatal(err)
	}
	got, err := s.Session(ctx, sess.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Steps) != 3 || got.Steps[1].Key != "q:1" || got.Steps[1].Answer != "賛成" || got.CurrentKey != "q:1" {
		t.Fatalf("steps = %+v", got.Steps)
	}
	if got.Steps[0].Answer != "新しい事業を経験したい\x1b[31m" || got.Steps[0].Note != "私的なメモ" || !got.Steps[0].UpdatedAt.Equal(now) {
		t.Fatalf("first step = %+v (stored exactly as typed)", got.Steps[0])
	}
	sums, err := s.Sessions(ctx, e.ID)
	if err != nil || len(sums) != 1 || sums[0].Answered != 2 || sums[0].Total != 3 || sums[0].CurrentTitle != "ご家族は？" {
		t.Fatalf("summaries = %+v %v", sums, err)
	}
	if err := s.SaveProgress(ctx, model.Progress{SessionID: 999, Status: model.InProgress}); !errors.Is(err, model.ErrNotFound) {
		t.Fatalf("saving an unknown session: %v", err)
	}
}

// deadPid returns the id of a process that has finished.
func deadPid(t *testing.T) int { return dbtest.EndedPid(t) }

func TestInterruptedSessions(t *testing.T) {
	path := filepath.Join(t.TempDir(), "bansou.db")
	crashed, err := Open(path, Options{Owner: deadPid(t)})
	if err != nil {
		t.Fatal(err)
	}
	defer crashed.Close()
	ctx := context.Background()
	e, _ := crashed.CreateEngagement(ctx, engagement())
	sess, _ := crashed.StartSession(ctx, model.NewSession(flow(), e.ID, model.Ja, clock))
	if err := crashed.SetSessionOpen(ctx, sess.ID, true); err != nil {
		t.Fatal(err)
	}

	// A new process (this test) sees the session of the dead one.
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	list, err := s.InterruptedSessions(ctx)
	if err != nil || len(list) != 1 || list[0].LearnerName != "山田 花子" || list[0].CurrentTitle != "実現したいこと" {
		t.Fatalf("interrupted = %+v %v", list, err)
	}
	// Resuming claims it: it is open in a running process now, so neither
	// this process nor another running bansou is offered it.
	s.SetSessionOpen(ctx, sess.ID, true)
	if list, _ := s.InterruptedSessions(ctx); len(list) != 0 {
		t.Fatalf("own open session offered: %v", list)
	}
	other, err := Open(path, Options{Owner: deadPid(t)})
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	if list, _ := other.InterruptedSessions(ctx); len(list) != 0 {
		t.Fatalf("a session open in a running bansou was offered: %v", list)
	}
	s.SetSessionOpen(ctx, sess.ID, false)
	if list, _ := other.InterruptedSessions(ctx); len(list) != 0 {
		t.Fatalf("closed session still interrupted: %v", list)
	}
}

// livePid returns the id of a process that runs until the test ends.
func livePid(t *testing.T) int { return dbtest.RunningPid(t) }

// TestSessionOpenInAnotherBansouIsLeftToIt: a second running bansou can
// neither open nor write a session the first has open, and its closing
// leaves it open there; taken over on purpose, the session is the second's,
// and the first can no longer write it, even after the second has left it,
// until it opens the session again.
func TestSessionOpenInAnotherBansouIsLeftToIt(t *testing.T) {
	first, path := openTemp(t)
	ctx := context.Background()
	e, _ := first.CreateEngagement(ctx, engagement())
	sess, _ := first.StartSession(ctx, model.NewSession(flow(), e.ID, model.Ja, clock))
	if err := first.SetSessionOpen(ctx, sess.ID, true); err != nil {
		t.Fatal(err)
	}
	second, err := Open(path, Options{Now: func() time.Time { return clock }, Owner: livePid(t)})
	if err != nil {
		t.Fatal(err)
	}
	defer second.Close()
	typed := func(text string) model.Progress {
		s, _ := model.Apply(sess, model.SetAnswer{Text: text}, clock.Add(time.Minute))
		return model.ProgressOf(s, []string{"p:a"}, false)
	}
	stored := func() string {
		got, err := first.Session(ctx, sess.ID)
		if err != nil {
			t.Fatal(err)
		}
		return got.Steps[0].Answer
	}

	if err := second.SetSessionOpen(ctx, sess.ID, true); !errors.Is(err, model.ErrOpenElsewhere) {
		t.Fatalf("opening a session open elsewhere: %v", err)
	}
	if err := second.SaveProgress(ctx, typed("二つ目の窓")); !errors.Is(err, model.ErrOpenElsewhere) || stored() != "" {
		t.Fatalf("saving to a session open elsewhere: %v, stored %q", err, stored())
	}
	if err := second.SetSessionOpen(ctx, sess.ID, false); err != nil {
		t.Fatal(err)
	}
	if err := first.SaveProgress(ctx, typed("一つ目の窓")); err != nil || stored() != "一つ目の窓" {
		t.Fatalf("the first lost the session to a closing elsewhere: %v, stored %q", err, stored())
	}

	if err := second.TakeOverSession(ctx, sess.ID); err != nil {
		t.Fatal(err)
	}
	if err := first.SaveProgress(ctx, typed("一つ目の窓で続けた")); !errors.Is(err, model.ErrTakenOver) || stored() != "一つ目の窓" {
		t.Fatalf("saving after a takeover: %v, stored %q", err, stored())
	}
	if err := second.SaveProgress(ctx, typed("引き継いだ窓")); err != nil || stored() != "引き継いだ窓" {
		t.Fatalf("the second cannot save what it took over: %v, stored %q", err, stored())
	}
	if err := second.SetSessionOpen(ctx, sess.ID, false); err != nil {
		t.Fatal(err)
	}
	// The first window's copy is older than what the second saved: once the
	// second has left, it still writes nothing over it.
	if err := first.SaveProgress(ctx, typed("一つ目の窓で続けた")); !errors.Is(err, model.ErrTakenOver) || stored() != "引き継いだ窓" {
		t.Fatalf("saving once the other left: %v, stored %q", err, stored())
	}
	if err := first.SetSessionOpen(ctx, sess.ID, false); err != nil {
		t.Fatal(err)
	}
	// Opened again, it is the first's to write.
	if err := first.SetSessionOpen(ctx, sess.ID, true); err != nil {
		t.Fatal(err)
	}
	if err := first.SaveProgress(ctx, typed("開き直して書いた")); err != nil || stored() != "開き直して書いた" {
		t.Fatalf("saving after opening again: %v, stored %q", err, stored())
	}
	if err := second.TakeOverSession(ctx, 999); !errors.Is(err, model.ErrNotFound) {
		t.Fatalf("taking over a missing session: %v", err)
	}
}

// TestAddingAQuestionKeepsAnswersSavedSince: a window holds an older copy
// of a session (the session was taken over and typed in elsewhere); adding
// a question there writes the new list of steps and what that window typed,
// not its older copies of the other answers.
func TestAddingAQuestionKeepsAnswersSavedSince(t *testing.T) {
	s, _ := openTemp(t)
	ctx := context.Background()
	e, _ := s.CreateEngagement(ctx, engagement())
	old, _ := s.StartSession(ctx, model.NewSession(flow(), e.ID, model.Ja, clock))
	now := clock.Add(time.Minute)

	elsewhere, _ := model.Apply(old, model.Jump{Key: "p:b"}, now)
	elsewhere, _ = model.Apply(elsewhere, model.SetAnswer{Text: "引き継いだ窓で書いた"}, now)
	if err := s.SaveProgress(ctx, model.ProgressOf(elsewhere, []string{"p:b"}, false)); err != nil {
		t.Fatal(err)
	}

	here, _ := model.Apply(old, model.SetAnswer{Text: "元の窓で書いた"}, now.Add(time.Minute))
	here, _ = model.Apply(here, model.AddQuestion{Text: "ご家族は？"}, now.Add(time.Minute))
	pend := model.NewPending()
	pend.Steps["p:a"], pend.Layout, pend.Pos = true, true, true
	if err := s.SaveProgress(ctx, pend.Progress(here, model.Ledger{})); err != nil {
		t.Fatal(err)
	}
	got, err := s.Session(ctx, old.ID)
	if err != nil {
		t.Fatal(err)
	}
	var keys, want []string
	for _, st := range got.Steps {
		keys = append(keys, st.Key)
	}
	for _, st := range here.Steps {
		want = append(want, st.Key)
	}
	if !slices.Equal(keys, want) {
		t.Fatalf("steps %v, want %v", keys, want)
	}
	if a, _ := got.Step("p:a"); a.Answer != "元の窓で書いた" {
		t.Errorf("p:a = %q", a.Answer)
	}
	if b, _ := got.Step("p:b"); b.Answer != "引き継いだ窓で書いた" {
		t.Errorf("p:b = %q: an older copy was written over it", b.Answer)
	}
}

func TestLockedDatabaseIsReported(t *testing.T) {
	path := filepath.Join(t.TempDir(), "bansou.db")
	s, err := Open(path, Options{BusyTimeout: 50 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	dbtest.HoldLock(t, path) // another program holds a write lock
	_, err = s.CreateEngagement(context.Background(), engagement())
	if !errors.Is(err, model.ErrLocked) {
		t.Fatalf("err = %v", err)
	}
}

func TestCorruptDatabaseIsReportedUntouched(t *testing.T) {
	s, path := openTemp(t)
	if _, err := s.CreateEngagement(context.Background(), engagement()); err != nil {
		t.Fatal(err)
	}
	s.Close()
	data, _ := os.ReadFile(path)
	// Keep the header, scribble over the rest of the first pages.
	for i := 100; i < len(data) && i < 8192; i++ {
		data[i] = 0xA5
	}
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	os.Remove(path + "-wal")
	os.Remove(path + "-shm")
	_, err := Open(path, Options{})
	if !errors.Is(err, model.ErrCorrupt) && !errors.Is(err, model.ErrNotDatabase) {
		t.Fatalf("err = %v", err)
	}
	if after, _ := os.ReadFile(path); string(after) != string(data) {
		t.Fatal("corrupt file was changed")
	}
}

// oldLearner and oldEngagement are a learner and an engagement as every
// schema since the first holds them, for the tests of an upgrade.
const (
	oldLearner    = `INSERT INTO learners (id, name, created_at) VALUES (1, '山田 花子', '2026-01-01T00:00:00.000000Z')`
	oldEngagement = `INSERT INTO engagements (id, learner_id, sending_org, host_org, start_date, end_date, created_at, updated_at)
		 VALUES (1, 1, 'みらい', 'つなぐ', '2026-04-01', '2026-09-30', '2026-01-01T00:00:00.000000Z', '2026-01-01T00:00:00.000000Z')`
)

// oldDatabase writes a database as a bansou at schema version wrote it,
// holding rows, and returns its path.
func oldDatabase(t *testing.T, version int, rows ...string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "old.db")
	ms, err := migrations()
	if err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var qs []string
	for _, m := range ms[:version] {
		qs = append(qs, m.sql)
	}
	qs = append(qs, fmt.Sprintf("PRAGMA user_version = %d", version))
	for _, q := range append(qs, rows...) {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%v in %.60s", err, q)
		}
	}
	return path
}

func TestUpgradeFromSchema1KeepsData(t *testing.T) {
	// A database as the first release wrote it.
	path := oldDatabase(t, 1, oldLearner, oldEngagement,
		`INSERT INTO sessions (id, engagement_id, flow_id, flow_title, lang, mode, status, current_key, open, started_at, updated_at)
		 VALUES (1, 1, 'purpose', '目的抽出', 'ja', 'one-on-one', 'in_progress', 'p:a', 1, '2026-03-01T09:00:00.000000Z', '2026-03-01T09:30:00.000000Z')`,
		`INSERT INTO steps (session_id, key, position, kind, prompt_id, title, question, answer, note, updated_at)
		 VALUES (1, 'p:a', 0, 'prompt', 'a', '実現したいこと', '何を？', '現場を知りたい', 'メモ', '2026-03-01T09:10:00.000000Z')`)

	s, err := Open(path, Options{Owner: deadPid(t)})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	sess, err := s.Session(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	st := sess.Steps[0]
	if st.Answer != "現場を知りたい" || st.Note != "メモ" || st.AnswerKind != model.KindText || st.Value != 0 || st.Choices != nil {
		t.Fatalf("step after upgrade = %+v", st)
	}
	e, err := s.Engagement(ctx, 1)
	if err != nil || e.CheckinEarlyDays != 0 || e.Cadence(model.NewDate(2026, 4, 10)) != model.DefaultEarlyDays {
		t.Fatalf("engagement after upgrade = %+v %v", e, err)
	}
	// A session open under the old flag (1) is still offered for resuming.
	if list, err := s.InterruptedSessions(ctx); err != nil || len(list) != 1 {
		t.Fatalf("interrupted after upgrade = %v %v", list, err)
	}
	if l, err := s.Ledger(ctx, 1); err != nil || len(l.Anxieties) != 0 {
		t.Fatalf("ledger after upgrade = %+v %v", l, err)
	}
	// What was written before search existed is found, by long and short
	// terms.
	for _, q := range []string{"現場を", "現場", "メ"} {
		if hits, err := s.Search(ctx, q); err != nil || len(hits) != 1 {
			t.Fatalf("search %q after upgrade = %+v %v", q, hits, err)
		}
	}
}

func TestLedgerRoundTrip(t *testing.T) {
	s, _ := openTemp(t)
	ctx := context.Background()
	e, _ := s.CreateEngagement(ctx, engagement())
	first, _ := s.StartSession(ctx, model.NewSession(flow(), e.ID, model.Ja, clock))
	t1 := clock.Add(time.Hour)
	worry := model.Anxiety{ID: model.NewID(), EngagementID: e.ID, SessionID: first.ID, StepKey: "p:a",
		Text: "戻ったときの居場所", Category: "return", Intensity: 4, Term: model.LongTerm, Plan: "上司と話す",
		CreatedAt: t1, UpdatedAt: t1}
	gone := model.Anxiety{ID: model.NewID(), EngagementID: e.ID, SessionID: first.ID, Text: "書き間違い", CreatedAt: t1, UpdatedAt: t1}
	act := model.Action{ID: model.NewID(), EngagementID: e.ID, SessionID: first.ID, StepKey: "p:b", Text: "人事に評価の扱いを聞く",
		Owner: model.OwnerLearner, Due: model.NewDate(2026, 12, 10), CreatedAt: t1, UpdatedAt: t1}
	topic := model.AgreementItem{SessionID: first.ID, Topic: "reporting", Title: "報告", Agreed: "週1回チャット",
		Learner: model.PartyView{Expectation: "週1で十分", Fit: 4}, Host: model.PartyView{Fit: 2}, UpdatedAt: t1}
	p := model.ProgressOf(first, nil, false)
	p.Anxieties = []model.Anxiety{worry, gone}
	p.Actions = []model.Action{act}
	p.Agreement = []model.AgreementItem{topic}
	if err := s.SaveProgress(ctx, p); err != nil {
		t.Fatal(err)
	}
	// A later session: the worry eases, the action worked, one entry goes.
	second, _ := s.StartSession(ctx, model.NewSession(flow(), e.ID, model.Ja, clock.Add(48*time.Hour)))
	t2 := clock.Add(49 * time.Hour)
	gone.Deleted = true
	p = model.ProgressOf(second, nil, false)
	p.Anxieties = []model.Anxiety{gone}
	p.AnxietyUpdates = []model.AnxietyUpdate{{ID: model.NewID(), AnxietyID: worry.ID, SessionID: second.ID,
		Status: model.AnxietyEasing, Note: "見通しを聞けた", At: t2}}
	p.ActionUpdates = []model.ActionUpdate{{ID: model.NewID(), ActionID: act.ID, SessionID: second.ID,
		Outcome: model.OutcomeWorked, At: t2}}
	revisit := topic
	revisit.SessionID, revisit.Agreed, revisit.UpdatedAt = second.ID, "隔週で面談", t2
	p.Agreement = []model.AgreementItem{revisit}
	if err := s.SaveProgress(ctx, p); err != nil {
		t.Fatal(err)
	}

	l, err := s.Ledger(ctx, e.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(l.Anxieties) != 1 {
		t.Fatalf("anxieties = %+v", l.Anxieties)
	}
	a := l.Anxieties[0]
	if a.Text != worry.Text || a.Category != "return" || a.Intensity != 4 || a.Term != model.LongTerm || a.Plan != "上司と話す" ||
		a.Status() != model.AnxietyEasing || len(a.History) != 1 || a.History[0].Note != "見通しを聞けた" || !a.History[0].At.Equal(t2) {
		t.Fatalf("anxiety = %+v", a)
	}
	if len(l.Actions) != 1 || l.Actions[0].Outcome() != model.OutcomeWorked || l.Actions[0].Due.String() != "2026-12-10" ||
		l.Actions[0].Owner != model.OwnerLearner {
		t.Fatalf("actions = %+v", l.Actions)
	}
	if len(l.Agreement) != 2 || l.Current()[0].Agreed != "隔週で面談" || l.AgreedBefore(second)["reporting"].Agreed != "週1回チャット" {
		t.Fatalf("agreement = %+v", l.Agreement)
	}
	if l.Agreement[0].Learner.Fit != 4 || l.Agreement[0].Host.Fit != 2 || !l.Agreement[0].HasGap() {
		t.Fatalf("agreement item = %+v", l.Agreement[0])
	}

	// The second session is the latest started and continued: the due
	// list needs no other.
	states, err := s.States(ctx)
	if err != nil || len(states) != 1 || len(states[0].Sessions) != 1 || states[0].Sessions[0].ID != second.ID ||
		states[0].OpenWorries != 1 || len(states[0].Ledger.Anxieties) != 0 {
		t.Fatalf("states = %+v %v", states, err)
	}
}

// TestStatesGiveTheDueListOfEverySession checks that what States reads is
// enough: week by week from before the first stint to a year after the
// last, the due list made from States is the one made from every session
// and the whole ledger, with an older session continued after newer ones
// began, worries and actions whose latest word undoes an earlier one, and
// an archived engagement.
func TestStatesGiveTheDueListOfEverySession(t *testing.T) {
	s, _ := openTemp(t)
	ctx := context.Background()
	if err := benchdb.Fill(ctx, s, benchdb.Shape{Engagements: 12, Sessions: 40, Steps: 1, Ledger: true}); err != nil {
		t.Fatal(err)
	}
	// A stint whose check-ins stop after two, so that they fall overdue.
	quiet := engagement()
	quiet.Start, quiet.End = model.NewDate(2025, 1, 6), model.NewDate(2025, 6, 30)
	quiet, err := s.CreateEngagement(ctx, quiet)
	if err != nil {
		t.Fatal(err)
	}
	for _, at := range []time.Time{time.Date(2025, 1, 8, 9, 0, 0, 0, time.UTC), time.Date(2025, 1, 20, 9, 0, 0, 0, time.UTC)} {
		if _, err := s.StartSession(ctx, model.NewSession(flow(), quiet.ID, model.Ja, at)); err != nil {
			t.Fatal(err)
		}
	}
	engs, err := s.Engagements(ctx, false)
	if err != nil {
		t.Fatal(err)
	}
	sums, err := s.Sessions(ctx, engs[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	// The first session of the newest engagement, continued a month after
	// its last one began.
	old := sums[0]
	later := sums[len(sums)-1].StartedAt.AddDate(0, 1, 0)
	if err := s.SaveProgress(ctx, model.Progress{SessionID: old.ID, CurrentKey: old.CurrentKey, Status: model.Done,
		UpdatedAt: later, FinishedAt: later}); err != nil {
		t.Fatal(err)
	}
	// Worries and actions whose latest word undoes an earlier one, told
	// about in one session, then in the next.
	p := model.Progress{SessionID: sums[0].ID, CurrentKey: sums[0].CurrentKey, Status: model.Done, UpdatedAt: later, FinishedAt: later}
	for i, status := range []model.AnxietyStatus{model.AnxietyResolved, model.AnxietyEasing, model.AnxietyHappened} {
		p.Anxieties = append(p.Anxieties, model.Anxiety{ID: fmt.Sprintf("q%d", i), EngagementID: quiet.ID, SessionID: sums[0].ID,
			StepKey: "p:a", Text: "帰任後の居場所", CreatedAt: sums[0].StartedAt, UpdatedAt: sums[0].StartedAt})
		p.AnxietyUpdates = append(p.AnxietyUpdates, model.AnxietyUpdate{ID: fmt.Sprintf("q%d-1", i), AnxietyID: fmt.Sprintf("q%d", i),
			SessionID: sums[0].ID, Status: status, At: sums[0].StartedAt})
	}
	for i, outcome := range []model.Outcome{model.OutcomeWorked, model.OutcomeNotTried, model.OutcomeNoEffect} {
		p.Actions = append(p.Actions, model.Action{ID: fmt.Sprintf("r%d", i), EngagementID: quiet.ID, SessionID: sums[0].ID,
			StepKey: "p:b", Text: "上司と面談する", Owner: model.OwnerLearner, Due: model.NewDate(2025, 2, 1),
			CreatedAt: sums[0].StartedAt, UpdatedAt: sums[0].StartedAt})
		p.ActionUpdates = append(p.ActionUpdates, model.ActionUpdate{ID: fmt.Sprintf("r%d-1", i), ActionID: fmt.Sprintf("r%d", i),
			SessionID: sums[0].ID, Outcome: outcome, At: sums[0].StartedAt})
	}
	if err := s.SaveProgress(ctx, p); err != nil {
		t.Fatal(err)
	}
	p = model.Progress{SessionID: sums[1].ID, CurrentKey: sums[1].CurrentKey, Status: model.Done, UpdatedAt: sums[1].UpdatedAt}
	for i, status := range []model.AnxietyStatus{model.AnxietyOpen, model.AnxietyResolved, model.AnxietyEasing} {
		p.AnxietyUpdates = append(p.AnxietyUpdates, model.AnxietyUpdate{ID: fmt.Sprintf("q%d-2", i), AnxietyID: fmt.Sprintf("q%d", i),
			SessionID: sums[1].ID, Status: status, At: sums[1].StartedAt})
	}
	for i, outcome := range []model.Outcome{model.OutcomeNotTried, model.OutcomeWorked, model.OutcomePending} {
		p.ActionUpdates = append(p.ActionUpdates, model.ActionUpdate{ID: fmt.Sprintf("r%d-2", i), ActionID: fmt.Sprintf("r%d", i),
			SessionID: sums[1].ID, Outcome: outcome, At: sums[1].StartedAt})
	}
	if err := s.SaveProgress(ctx, p); err != nil {
		t.Fatal(err)
	}
	if err := s.ArchiveEngagement(ctx, engs[1].ID, true); err != nil {
		t.Fatal(err)
	}
	states, err := s.States(ctx)
	if err != nil || len(states) != len(engs)-1 {
		t.Fatalf("%d states, %v", len(states), err)
	}
	every := slices.Clone(states)
	var read, all [2]int // sessions, entries of the ledger
	for i, st := range every {
		if every[i].Sessions, err = s.Sessions(ctx, st.Engagement.ID); err != nil {
			t.Fatal(err)
		}
		if every[i].Ledger, err = s.Ledger(ctx, st.Engagement.ID); err != nil {
			t.Fatal(err)
		}
		every[i].OpenWorries = 0 // the whole ledger has them
		read[0], all[0] = read[0]+len(st.Sessions), all[0]+len(every[i].Sessions)
		read[1] += len(st.Ledger.Anxieties) + len(st.Ledger.Actions)
		all[1] += len(every[i].Ledger.Anxieties) + len(every[i].Ledger.Actions)
	}
	if read[0] >= all[0]/3 || read[1] >= all[1]*2/3 {
		t.Fatalf("States read %d of %d sessions, %d of %d worries and actions", read[0], all[0], read[1], all[1])
	}
	kinds := map[model.DueKind]bool{}
	first, last := engs[len(engs)-1].Start, engs[1].End
	for day := first.AddDays(-60); day.Before(last.AddMonths(13)); day = day.AddDays(7) {
		want := model.Due(day, time.UTC, every)
		if got := model.Due(day, time.UTC, states); !reflect.DeepEqual(got, want) {
			t.Fatalf("%s: due list\n%+v\nwant\n%+v", day, got, want)
		}
		for _, d := range want {
			kinds[d.Kind] = true
		}
	}
	if len(kinds) != 6 {
		t.Fatalf("the due lists hold only %v", kinds)
	}
}

func TestStructuredAnswersRoundTrip(t *testing.T) {
	s, _ := openTemp(t)
	ctx := context.Background()
	e, _ := s.CreateEngagement(ctx, engagement())
	f := flow()
	f.Use = model.UseCheckin
	f.Prompts[0].Kind = model.KindScale
	f.Prompts[1].Kind = model.KindMulti
	sess := model.NewSession(f, e.ID, model.Ja, clock)
	sess.Milestone = "6m"
	sess, _ = s.StartSession(ctx, sess)
	sess, _ = model.Apply(sess, model.SetValue{Value: 3}, clock)
	sess, _ = model.Apply(sess, model.Next{}, clock)
	sess, _ = model.Apply(sess, model.SetChoices{IDs: []string{"x", "y"}}, clock)
	if err := s.SaveProgress(ctx, model.ProgressOf(sess, []string{"p:a", "p:b"}, false)); err != nil {
		t.Fatal(err)
	}
	got, _ := s.Session(ctx, sess.ID)
	if got.Steps[0].Value != 3 || got.Steps[0].AnswerKind != model.KindScale || !slices.Equal(got.Steps[1].Choices, []string{"x", "y"}) ||
		got.Use != model.UseCheckin || got.Milestone != "6m" {
		t.Fatalf("session = %+v", got)
	}
	sums, _ := s.Sessions(ctx, e.ID)
	if sums[0].Answered != 2 || sums[0].Use != model.UseCheckin || sums[0].Milestone != "6m" {
		t.Fatalf("summary = %+v", sums[0])
	}
}
