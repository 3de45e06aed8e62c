// Package dbtest lets tests act on a bansou database from outside, as
// another program would: hold its write lock, or check the whole file; and
// read records back through a store, failing the test on an error.
package dbtest

import (
	"context"
	"database/sql"
	"net/url"
	"os/exec"
	"testing"

	_ "modernc.org/sqlite" // the driver

	"bansou/model"
)

// HoldLock takes the database's write lock through a connection of its own,
// as another program in the middle of a long write would, and keeps it until
// release is called or the test ends.
func HoldLock(t testing.TB, path string) (release func()) {
	t.Helper()
	return hold(t, path, "BEGIN EXCLUSIVE")
}

// HoldAll takes a lock that shuts out readers too, as a program that opens
// the database in exclusive locking mode does, and keeps it until release is
// called or the test ends. The test must not open the file itself meanwhile:
// closing any descriptor of it would drop this process's locks.
func HoldAll(t testing.TB, path string) (release func()) {
	t.Helper()
	return hold(t, path, "PRAGMA locking_mode = EXCLUSIVE", "BEGIN EXCLUSIVE", "SELECT count(*) FROM sqlite_master")
}

func hold(t testing.TB, path string, statements ...string) (release func()) {
	t.Helper()
	db, err := sql.Open("sqlite", uri(path))
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	conn, err := db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range statements {
		if _, err := conn.ExecContext(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	done := false
	release = func() {
		if done {
			return
		}
		done = true
		conn.ExecContext(ctx, "ROLLBACK")
		conn.Close()
		db.Close()
	}
	t.Cleanup(release)
	return release
}

// Integrity runs SQLite's integrity check over the whole file through a
// read-only connection and returns its verdict, "ok" when the file is sound.
func Integrity(path string) (string, error) {
	db, err := sql.Open("sqlite", uri(path)+"?mode=ro")
	if err != nil {
		return "", err
	}
	defer db.Close()
	var res string
	err = db.QueryRow("PRAGMA integrity_check").Scan(&res)
	return res, err
}

func uri(path string) string { return "file:" + (&url.URL{Path: path}).EscapedPath() }

// Ledger reads an engagement's ledger back from a store, failing the test
// on an error.
func Ledger(t testing.TB, s model.Store, engagementID int64) model.Ledger {
	t.Helper()
	l, err := s.Ledger(context.Background(), engagementID)
	if err != nil {
		t.Fatal(err)
	}
	return l
}

// Session reads a session back from a store, failing the test on an error.
func Session(t testing.TB, s model.Store, id int64) model.Session {
	t.Helper()
	sess, err := s.Session(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return sess
}

// EndedPid is the id of a process that has finished: a store opened with
// it as its owner stands for a bansou that stopped.
func EndedPid(t testing.TB) int {
	t.Helper()
	cmd := exec.Command("true")
	if err := cmd.Run(); err != nil {
		t.Fatal(err)
	}
	return cmd.Process.Pid
}

// RunningPid is the id of a process that runs until the test ends: a store
// opened with it as its owner stands for another bansou still running.
func RunningPid(t testing.TB) int {
	t.Helper()
	cmd := exec.Command("sleep", "600")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cmd.Process.Kill()
		cmd.Wait()
	})
	return cmd.Process.Pid
}

// Solo reads back what a store holds outside any engagement: the
// self-reviews and the peer rounds, failing the test on an error.
func Solo(t testing.TB, s model.Store) ([]model.Session, []model.RoundEntry) {
	t.Helper()
	ctx := context.Background()
	reviews, err := s.SoloSessions(ctx, model.SelfReviewFlowID)
	if err != nil {
		t.Fatal(err)
	}
	rounds, err := s.Rounds(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return reviews, rounds
}
