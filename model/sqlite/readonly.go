package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"
	"time"

	"bansou/model"
)

// readDSN is a connection that reads file and can write nothing. When no
// write-ahead log lies beside the file (no bansou has it open and none
// crashed), the file is read as immutable, so that SQLite does not leave an
// empty -wal and -shm behind either; otherwise the log is read through the
// usual read-only connection so that what it holds counts too.
func readDSN(file string, busy time.Duration) string {
	if _, err := os.Lstat(file + "-wal"); errors.Is(err, fs.ErrNotExist) {
		return fileURI(file) + "?mode=ro&immutable=1"
	}
	return dsn(file, true, busy)
}

// FileSchema reads the schema version of an existing database file without
// changing it or anything beside it: 0 for an empty file. A file that is not
// bansou's gives model.ErrNotDatabase; a missing one an error that wraps
// fs.ErrNotExist.
func FileSchema(file string) (int, error) {
	if _, err := os.Stat(file); err != nil {
		return 0, fmt.Errorf("%s: %w", file, err)
	}
	return schemaOf(file, readDSN(file, 5*time.Second))
}

// OpenReadOnly opens an existing database to read it: the file is never
// created, brought up to date or written, and every method that writes
// fails with model.ErrReadOnly. The database must be at the schema this
// build writes; an older one is refused (Open brings it up to date), as is
// a newer one (model.ErrNewerSchema), and a missing one (model.ErrMissing).
func OpenReadOnly(file string, opt Options) (*Store, error) {
	if opt.Now == nil {
		opt.Now = time.Now
	}
	if opt.BusyTimeout <= 0 {
		opt.BusyTimeout = 5 * time.Second
	}
	info, err := os.Stat(file)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, missingError(file, err)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	source := readDSN(file, opt.BusyTimeout)
	version, err := schemaOf(file, source)
	if err != nil {
		return nil, err
	}
	switch known := SchemaVersion(); {
	case version > known:
		return nil, newerSchemaError(file, version, known)
	case version < known:
		return nil, fmt.Errorf("%s: the database is at schema %d and this bansou writes %d; it is brought up to date the next time bansou opens it", file, version, known)
	}
	db, err := sql.Open("sqlite", source)
	if err != nil {
		return nil, classify(file, err)
	}
	s := &Store{db: db, path: file, now: opt.Now, file: info, users: newUsers(db)}
	s.startHolding(newHolder(opt.Owner), opt.Heartbeat)
	return s, nil
}

// Counts is how many records a database holds.
type Counts struct {
	Engagements int // archived ones included
	Archived    int
	InProgress  int // sessions of engagements still in progress
	Done        int // sessions of engagements marked done
	SelfReviews int
	Rounds      int // peer rounds
	// Answers counts steps with words, a point on the scale or a choice
	// (model.Step.Answered), in every kind of session.
	Answers int
}

// Counts counts the records without reading them.
func (s *Store) Counts(ctx context.Context) (Counts, error) {
	var c Counts
	err := s.db.QueryRowContext(ctx, `SELECT
		(SELECT count(*) FROM engagements),
		(SELECT count(*) FROM engagements WHERE archived <> 0),
		(SELECT count(*) FROM sessions WHERE engagement_id IS NOT NULL AND status = 'in_progress'),
		(SELECT count(*) FROM sessions WHERE engagement_id IS NOT NULL AND status = 'done'),
		(SELECT count(*) FROM sessions WHERE engagement_id IS NULL AND flow_id = ?),
		(SELECT count(*) FROM sessions WHERE engagement_id IS NULL AND flow_id LIKE ? ESCAPE '\'),
		(SELECT count(*) FROM steps WHERE trim(answer, ' ' || char(10, 13, 9, 12288)) <> '' OR value > 0 OR choices <> '' AND kind <> 'feedback')`,
		model.SelfReviewFlowID, roundFlowPattern).Scan(&c.Engagements, &c.Archived, &c.InProgress, &c.Done,
		&c.SelfReviews, &c.Rounds, &c.Answers)
	return c, classify(s.path, err)
}

// Check reads the whole file looking for damage (SQLite's quick_check); a
// damaged file gives model.ErrCorrupt.
func (s *Store) Check(ctx context.Context) error {
	rows, err := s.db.QueryContext(ctx, "PRAGMA quick_check")
	if err != nil {
		return classify(s.path, err)
	}
	defer rows.Close()
	var problems []string
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			return classify(s.path, err)
		}
		if line != "ok" {
			problems = append(problems, line)
		}
	}
	if err := rows.Err(); err != nil {
		return classify(s.path, err)
	}
	if len(problems) > 0 {
		if len(problems) > 3 {
			problems = append(problems[:3], "…")
		}
		return fmt.Errorf("%s: %w (%s)", s.path, model.ErrCorrupt, strings.Join(problems, "; "))
	}
	return nil
}
