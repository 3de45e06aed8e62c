package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"bansou/model"
)

// movingClock is a clock a test moves, read by the stores' heartbeats too.
type movingClock struct{ ns atomic.Int64 }

func newMovingClock(at time.Time) *movingClock {
	c := &movingClock{}
	c.set(at)
	return c
}

func (c *movingClock) now() time.Time   { return time.Unix(0, c.ns.Load()).UTC() }
func (c *movingClock) set(at time.Time) { c.ns.Store(at.UnixNano()) }

// leaseOf reads the lease a session's row records, its revision and its
// updated_at.
func leaseOf(t *testing.T, s *Store, table string, key any) (l lease, revision int64, updated string) {
	t.Helper()
	q := `SELECT ` + leaseColumns + `, revision, updated_at FROM sessions WHERE id = ?`
	dest := append(l.fields(), &revision, &updated)
	if table == "engagement_drafts" {
		q = `SELECT ` + leaseColumns + `, 0, updated_at FROM engagement_drafts WHERE uid = ?`
	}
	if err := s.db.QueryRow(q, key).Scan(dest...); err != nil {
		t.Fatal(err)
	}
	return l, revision, updated
}

// newSession starts a session of a new engagement.
func newSession(t *testing.T, s *Store) model.Session {
	t.Helper()
	ctx := context.Background()
	e, err := s.CreateEngagement(ctx, engagement())
	if err != nil {
		t.Fatal(err)
	}
	sess, err := s.StartSession(ctx, model.NewSession(flow(), e.ID, model.Ja, clock))
	if err != nil {
		t.Fatal(err)
	}
	return sess
}

// openSession starts a session of a new engagement and marks it open in s.
func openSession(t *testing.T, s *Store) model.Session {
	t.Helper()
	sess := newSession(t, s)
	if err := s.SetSessionOpen(context.Background(), sess.ID, true); err != nil {
		t.Fatal(err)
	}
	return sess
}

// typedIn is a save of an answer typed in a session.
func typedIn(sess model.Session, text string) model.Progress {
	s, _ := model.Apply(sess, model.SetAnswer{Text: text}, clock.Add(time.Minute))
	return model.ProgressOf(s, []string{"p:a"}, false)
}

// TestTwoHoldersInOneProcess: one process serves two users (a server), each
// through a store of their own, opened on the file or made from the other
// (NewHolder). A session the first has open is open elsewhere for the
// second, which is not offered it for resuming; taken over by the second,
// the first can no longer save it; and closing the first store leaves the
// second's session open and the second's store working.
func TestTwoHoldersInOneProcess(t *testing.T) {
	for _, how := range []string{"open", "holder"} {
		t.Run(how, func(t *testing.T) {
			a, path := openTemp(t)
			var b *Store
			if how == "holder" {
				b = a.NewHolder()
			} else {
				var err error
				if b, err = Open(path, Options{Now: func() time.Time { return clock }}); err != nil {
					t.Fatal(err)
				}
			}
			defer b.Close()
			ctx := context.Background()
			sess := openSession(t, a)

			if err := b.SetSessionOpen(ctx, sess.ID, true); !errors.Is(err, model.ErrOpenElsewhere) {
				t.Fatalf("the second user opened the first's session: %v", err)
			}
			if err := b.SaveProgress(ctx, typedIn(sess, "二人目")); !errors.Is(err, model.ErrOpenElsewhere) {
				t.Fatalf("the second user saved to the first's session: %v", err)
			}
			for name, s := range map[string]*Store{"first": a, "second": b} {
				if list, err := s.InterruptedSessions(ctx); err != nil || len(list) != 0 {
					t.Fatalf("offered to the %s for resuming: %+v %v", name, list, err)
				}
			}

			if err := b.TakeOverSession(ctx, sess.ID); err != nil {
				t.Fatal(err)
			}
			if err := a.SaveProgress(ctx, typedIn(sess, "一人目")); !errors.Is(err, model.ErrTakenOver) {
				t.Fatalf("the first saved after the takeover: %v", err)
			}
			if err := b.SaveProgress(ctx, typedIn(sess, "引き継いだ二人目")); err != nil {
				t.Fatal(err)
			}

			if err := a.Close(); err != nil {
				t.Fatal(err)
			}
			if err := b.SaveProgress(ctx, typedIn(sess, "一人目が去ったあと")); err != nil {
				t.Fatalf("the second cannot save once the first closed: %v", err)
			}
			c := b.NewHolder()
			defer c.Close()
			if err := c.SetSessionOpen(ctx, sess.ID, true); !errors.Is(err, model.ErrOpenElsewhere) {
				t.Fatalf("closing the first released the second's session: %v", err)
			}
			if got, _ := c.Session(ctx, sess.ID); got.Steps[0].Answer != "一人目が去ったあと" {
				t.Fatalf("stored %q", got.Steps[0].Answer)
			}
		})
	}
}

// TestReusedPidDoesNotHideACrash: a bansou of this machine took a lease and
// stopped, and another process now runs under its id (a running process
// with another start). Its session and its engagement draft are offered
// for resuming, and the session opens; while the process that took the
// lease runs, neither is.
func TestReusedPidDoesNotHideACrash(t *testing.T) {
	pid := livePid(t)
	if start, alive, _ := processStart(pid); !alive || start == 0 {
		t.Skip("this system does not say when a process started")
	}
	s, path := openTemp(t)
	ctx := context.Background()
	gone, err := Open(path, Options{Now: func() time.Time { return clock }, Owner: pid})
	if err != nil {
		t.Fatal(err)
	}
	defer gone.Close()
	sess := openSession(t, gone)
	draft := model.EngagementDraft{UID: model.NewID(), Learner: "書きかけの 山田"}
	if err := gone.SaveEngagementDraft(ctx, draft); err != nil {
		t.Fatal(err)
	}
	if list, _ := s.InterruptedSessions(ctx); len(list) != 0 {
		t.Fatalf("a session open in a running process was offered: %+v", list)
	}
	if drafts, _ := s.EngagementDrafts(ctx); len(drafts) != 0 {
		t.Fatalf("a draft being typed in a running process was offered: %+v", drafts)
	}

	for _, table := range []string{"sessions", "engagement_drafts"} {
		if _, err := s.db.Exec(`UPDATE ` + table + ` SET lease_start = lease_start + 1`); err != nil {
			t.Fatal(err)
		}
	}
	if list, err := s.InterruptedSessions(ctx); err != nil || len(list) != 1 || list[0].ID != sess.ID {
		t.Fatalf("the crashed session behind a reused pid: %+v %v", list, err)
	}
	if drafts, err := s.EngagementDrafts(ctx); err != nil || len(drafts) != 1 || drafts[0].Learner != draft.Learner {
		t.Fatalf("the crashed draft behind a reused pid: %+v %v", drafts, err)
	}
	if err := s.SetSessionOpen(ctx, sess.ID, true); err != nil {
		t.Fatal(err)
	}
}

// TestLeaseFromAnotherMachineLapses: a lease taken on another machine (its
// process id means nothing here, even one no process has) holds until its
// heartbeat is three heartbeats old, and then the session is offered for
// resuming and opens, and the draft is offered.
func TestLeaseFromAnotherMachineLapses(t *testing.T) {
	for _, beat := range []time.Duration{0, time.Second} {
		t.Run(fmt.Sprint(beat), func(t *testing.T) {
			now := newMovingClock(clock)
			path := filepath.Join(t.TempDir(), "bansou.db")
			s, err := Open(path, Options{Now: now.now, Heartbeat: beat})
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			ctx := context.Background()
			sess := newSession(t, s)
			draft := model.EngagementDraft{UID: model.NewID(), Learner: "別のマシンで入力中"}
			if err := s.SaveEngagementDraft(ctx, draft); err != nil {
				t.Fatal(err)
			}
			elsewhere := []any{"他のマシンの鍵", ts(clock), "別のマシン", deadPid(t), 12345}
			if _, err := s.db.Exec(`UPDATE sessions SET `+setLease+` WHERE id = ?`, append(elsewhere, sess.ID)...); err != nil {
				t.Fatal(err)
			}
			if _, err := s.db.Exec(`UPDATE engagement_drafts SET `+setLease, elsewhere...); err != nil {
				t.Fatal(err)
			}
			window := 15 * time.Second
			if beat != 0 {
				window = 3 * beat
			}

			now.set(clock.Add(window - time.Millisecond))
			if err := s.SetSessionOpen(ctx, sess.ID, true); !errors.Is(err, model.ErrOpenElsewhere) {
				t.Fatalf("opened a session held on another machine: %v", err)
			}
			if list, _ := s.InterruptedSessions(ctx); len(list) != 0 {
				t.Fatalf("offered a session held on another machine: %+v", list)
			}
			if drafts, _ := s.EngagementDrafts(ctx); len(drafts) != 0 {
				t.Fatalf("offered a draft typed on another machine: %+v", drafts)
			}

			now.set(clock.Add(window))
			if list, err := s.InterruptedSessions(ctx); err != nil || len(list) != 1 || list[0].ID != sess.ID {
				t.Fatalf("a lapsed lease: %+v %v", list, err)
			}
			if drafts, err := s.EngagementDrafts(ctx); err != nil || len(drafts) != 1 || drafts[0].Learner != draft.Learner {
				t.Fatalf("a lapsed draft: %+v %v", drafts, err)
			}
			if err := s.SetSessionOpen(ctx, sess.ID, true); err != nil {
				t.Fatal(err)
			}
		})
	}
}

// TestHeartbeatRenewsOnlyItsOwnLeases: renewing moves the heartbeat of the
// sessions and drafts this store holds, and of nothing else: not another
// holder's, not a session no one has open. It adds nothing to a session's
// revision (a window's next save is not refused for it) and changes no
// time the user sees. A store that holds nothing writes nothing. Left to
// itself, a store renews at its heartbeat.
func TestHeartbeatRenewsOnlyItsOwnLeases(t *testing.T) {
	now := newMovingClock(clock)
	path := filepath.Join(t.TempDir(), "bansou.db")
	a, err := Open(path, Options{Now: now.now, BusyTimeout: 50 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	b := a.NewHolder()
	defer b.Close()
	ctx := context.Background()
	mine, theirs, closed := openSession(t, a), openSession(t, b), openSession(t, a)
	if err := a.SetSessionOpen(ctx, closed.ID, false); err != nil {
		t.Fatal(err)
	}
	myDraft := model.EngagementDraft{UID: model.NewID(), Learner: "一つ目の窓"}
	theirDraft := model.EngagementDraft{UID: model.NewID(), Learner: "二つ目の窓"}
	a.SaveEngagementDraft(ctx, myDraft)
	b.SaveEngagementDraft(ctx, theirDraft)
	type row struct {
		table string
		key   any
	}
	rows := map[string]row{"mine": {"sessions", mine.ID}, "theirs": {"sessions", theirs.ID},
		"closed": {"sessions", closed.ID}, "my draft": {"engagement_drafts", myDraft.UID},
		"their draft": {"engagement_drafts", theirDraft.UID}}
	type state struct {
		at, updated string
		revision    int64
	}
	before := map[string]state{}
	for name, r := range rows {
		l, rev, up := leaseOf(t, a, r.table, r.key)
		before[name] = state{l.at, up, rev}
	}

	now.set(clock.Add(time.Minute))
	if err := a.renew(ctx); err != nil {
		t.Fatal(err)
	}
	for name, r := range rows {
		l, rev, up := leaseOf(t, a, r.table, r.key)
		want := before[name].at
		if name == "mine" || name == "my draft" {
			want = ts(now.now())
		}
		if l.at != want || rev != before[name].revision || up != before[name].updated {
			t.Errorf("%s after renewing: heartbeat %q (want %q), revision %d (was %d), updated %q (was %q)",
				name, l.at, want, rev, before[name].revision, up, before[name].updated)
		}
	}
	if err := a.SaveProgress(ctx, typedIn(mine, "更新のあとも保存できる")); err != nil {
		t.Fatalf("a save after renewing: %v", err)
	}

	// With the file locked by another writer, a store holding leases
	// cannot renew them, and one holding nothing does not try.
	lock, err := sql.Open("sqlite", dsn(path, false, time.Second))
	if err != nil {
		t.Fatal(err)
	}
	defer lock.Close()
	tx, err := lock.Begin()
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	if _, err := tx.Exec(`UPDATE learners SET name = name`); err != nil {
		t.Fatal(err)
	}
	if err := a.renew(ctx); !errors.Is(err, model.ErrLocked) {
		t.Fatalf("renewing under a lock: %v", err)
	}
	idle := a.NewHolder()
	defer idle.Close()
	if err := idle.renew(ctx); err != nil {
		t.Fatalf("a store holding nothing wrote: %v", err)
	}
	tx.Rollback()

	fast, err := Open(path, Options{Now: now.now, Heartbeat: 10 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	defer fast.Close()
	if err := fast.TakeOverSession(ctx, closed.ID); err != nil {
		t.Fatal(err)
	}
	renewed := clock.Add(time.Hour)
	now.set(renewed)
	deadline := time.Now().Add(10 * time.Second)
	for {
		if l, _, _ := leaseOf(t, a, "sessions", closed.ID); l.at == ts(renewed) {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the store never renewed its lease by itself")
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// TestSessionOpenBeforeTheUpgradeIsOffered: a session a bansou before
// leases marked open with its process id is offered for resuming once the
// database is upgraded, even if a running process has that id now (this
// one), and opens.
func TestSessionOpenBeforeTheUpgradeIsOffered(t *testing.T) {
	path := oldDatabase(t, 12, oldLearner, oldEngagement,
		fmt.Sprintf(`INSERT INTO sessions (id, engagement_id, flow_id, flow_title, lang, mode, status, current_key, open, started_at, updated_at)
		 VALUES (1, 1, 'purpose', '目的抽出', 'ja', 'one-on-one', 'in_progress', 'p:a', %d, '2026-03-01T09:00:00.000000Z', '2026-03-01T09:30:00.000000Z')`, os.Getpid()))
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	if list, err := s.InterruptedSessions(ctx); err != nil || len(list) != 1 || list[0].ID != 1 || !list[0].Open {
		t.Fatalf("interrupted after the upgrade = %+v %v", list, err)
	}
	if err := s.SetSessionOpen(ctx, 1, true); err != nil {
		t.Fatal(err)
	}
}

// TestAClosedHolderLeavesItsSessionsToResumeAtOnce: one server process,
// two connections of one person: the first closes (its connection was
// cut) with a session open; the process goes on running, yet the second
// is offered the session at once and opens it, with no wait for three
// heartbeats. A session another holder has open is not touched.
func TestAClosedHolderLeavesItsSessionsToResumeAtOnce(t *testing.T) {
	base, _ := openTemp(t)
	ctx := context.Background()
	first, second, third := base.NewHolder(), base.NewHolder(), base.NewHolder()
	defer second.Close()
	defer third.Close()
	cut := openSession(t, first)
	kept := openSession(t, third)
	if err := second.SetSessionOpen(ctx, cut.ID, true); !errors.Is(err, model.ErrOpenElsewhere) {
		t.Fatalf("before the close: %v", err)
	}
	first.Close()
	open, err := second.InterruptedSessions(ctx)
	if err != nil || len(open) != 1 || open[0].ID != cut.ID {
		t.Fatalf("offered after the close: %+v, %v", open, err)
	}
	if err := second.SetSessionOpen(ctx, cut.ID, true); err != nil {
		t.Fatalf("resuming at once: %v", err)
	}
	if err := second.SetSessionOpen(ctx, kept.ID, true); !errors.Is(err, model.ErrOpenElsewhere) {
		t.Fatalf("another holder's session: %v", err)
	}
}
