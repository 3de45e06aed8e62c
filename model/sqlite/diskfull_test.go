package sqlite

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"bansou/model"
)

// TestFullDiskIsReportedAndTheRetrySucceeds fills the database to its
// limit (SQLite's own SQLITE_FULL, as on a full disk): the save fails as
// model.ErrDiskFull, what was saved before is intact, and the same save
// succeeds once there is room again.
func TestFullDiskIsReportedAndTheRetrySucceeds(t *testing.T) {
	s, _ := openTemp(t)
	ctx := context.Background()
	// One connection, so that the page limit below holds for every write.
	s.db.SetMaxOpenConns(1)
	e, _ := s.CreateEngagement(ctx, engagement())
	sess, err := s.StartSession(ctx, model.NewSession(flow(), e.ID, model.Ja, clock))
	if err != nil {
		t.Fatal(err)
	}
	now := clock.Add(time.Minute)
	sess, _ = model.Apply(sess, model.SetAnswer{Text: "満杯になる前の答え"}, now)
	if err := s.SaveProgress(ctx, model.ProgressOf(sess, []string{"p:a"}, false)); err != nil {
		t.Fatal(err)
	}
	var pages int
	if err := s.db.QueryRow("PRAGMA page_count").Scan(&pages); err != nil {
		t.Fatal(err)
	}
	if _, err := s.db.Exec("PRAGMA max_page_count = " + strconv.Itoa(pages)); err != nil {
		t.Fatal(err)
	}
	long := strings.Repeat("書ききれないほど長い答え。", 2000)
	full, _ := model.Apply(sess, model.SetAnswer{Text: long}, now)
	err = s.SaveProgress(ctx, model.ProgressOf(full, []string{"p:a"}, false))
	if !errors.Is(err, model.ErrDiskFull) {
		t.Fatalf("saving on a full disk: %v", err)
	}
	if words, ok := model.DescribeStoreError(model.Ja, err); !ok || !strings.Contains(words, "ディスクがいっぱいです") {
		t.Fatalf("words for a full disk: %q", words)
	}
	if got, _ := s.Session(ctx, sess.ID); got.Steps[0].Answer != "満杯になる前の答え" {
		t.Fatalf("after the failed save: %q", got.Steps[0].Answer)
	}
	if _, err := s.db.Exec("PRAGMA max_page_count = 1073741823"); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveProgress(ctx, model.ProgressOf(full, []string{"p:a"}, false)); err != nil {
		t.Fatalf("retry with room again: %v", err)
	}
	if got, _ := s.Session(ctx, sess.ID); got.Steps[0].Answer != long {
		t.Fatalf("after the retry: %d bytes", len(got.Steps[0].Answer))
	}
}

// TestRefusedWriteIsADiskError makes the disk refuse every write (a file
// size limit of one byte on this process): the store reports
// model.ErrDiskIO, not the driver's "disk I/O error", and works again
// once writes are allowed.
func TestRefusedWriteIsADiskError(t *testing.T) {
	s, _ := openTemp(t)
	ctx := context.Background()
	var old syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_FSIZE, &old); err != nil {
		t.Skip("no file size limit here:", err)
	}
	if err := syscall.Setrlimit(syscall.RLIMIT_FSIZE, &syscall.Rlimit{Cur: 1, Max: old.Max}); err != nil {
		t.Skip("cannot set a file size limit:", err)
	}
	_, err := s.CreateEngagement(ctx, engagement())
	if err := syscall.Setrlimit(syscall.RLIMIT_FSIZE, &old); err != nil {
		t.Fatal(err)
	}
	if !errors.Is(err, model.ErrDiskIO) {
		t.Fatalf("a refused write: %v", err)
	}
	if words, ok := model.DescribeStoreError(model.En, err); !ok || !strings.Contains(words, "Reading or writing the disk failed") {
		t.Fatalf("words: %q", words)
	}
	if _, err := s.CreateEngagement(ctx, engagement()); err != nil {
		t.Fatalf("after the disk recovered: %v", err)
	}
}
