// Package sqlite is the model.Store on SQLite (modernc.org/sqlite, pure Go).
//
// The schema lives in numbered migrations embedded in the binary; the
// database's PRAGMA user_version records how many have been applied. A
// database from a newer bansou, a file that is not a database, a locked or a
// read-only file are refused with a clear error before anything is written.
package sqlite

import (
	"bytes"
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"bansou/model"

	"modernc.org/sqlite"
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

var _ model.Store = (*Store)(nil)

// Store is a model.Store backed by one SQLite file.
type Store struct {
	db   *sql.DB
	path string
	now  func() time.Time
	// file is the file opened, as it was found at path: every write first
	// checks that the path still leads to it (model.ErrReplaced).
	file os.FileInfo
	// users counts the stores on db (NewHolder); the last closed closes it.
	users *users

	// me holds the leases this store takes on the sessions and drafts it
	// has open (see lease.go), renewed every beat until stop.
	me     holder
	beat   time.Duration
	stop   context.CancelFunc
	done   chan struct{}
	closed sync.Once

	// held are the sessions this store has marked open, each with the
	// revision it last read or wrote: a save to one of them that another
	// bansou has since taken over, or that was changed since by anything
	// but this store, is refused. drafts are the engagement drafts it has
	// saved and not yet saved as an engagement or discarded.
	mu     sync.Mutex
	held   map[int64]int64
	drafts map[string]bool

	// who is the person the store reads and writes for (scope.go);
	// account is theirs, as the server knows it.
	who     viewer
	account model.Account
}

// Options configure a Store.
type Options struct {
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// BusyTimeout is how long a write waits for another program's lock
	// before giving up with model.ErrLocked; zero means 5 s.
	BusyTimeout time.Duration
	// Owner is the process id recorded in the leases this store takes
	// (with the process's start); zero means this process. A session whose
	// lease names a process of this machine that has stopped is offered for
	// resuming at once. Tests set it to stand for another bansou.
	Owner int
	// Heartbeat is how often the store renews its leases; zero means 5 s.
	// A lease not renewed for three heartbeats has lapsed.
	Heartbeat time.Duration

	// existing refuses a missing file (OpenExisting).
	existing bool
}

type migration struct {
	version int
	name    string
	sql     string
}

func migrations() ([]migration, error) {
	names, err := fs.Glob(migrationFiles, "migrations/*.sql")
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	var out []migration
	for _, name := range names {
		base := path.Base(name)
		num, _, _ := strings.Cut(base, "_")
		v, err := strconv.Atoi(num)
		if err != nil {
			return nil, fmt.Errorf("migration %s: name must start with its number", base)
		}
		data, err := migrationFiles.ReadFile(name)
		if err != nil {
			return nil, err
		}
		out = append(out, migration{version: v, name: base, sql: string(data)})
	}
	for i, m := range out {
		if m.version != i+1 {
			return nil, fmt.Errorf("migration %s: expected number %d", m.name, i+1)
		}
	}
	return out, nil
}

// SchemaVersion is the schema version this build writes.
func SchemaVersion() int {
	ms, err := migrations()
	if err != nil {
		return 0
	}
	return len(ms)
}

var sqliteHeader = []byte("SQLite format 3\x00")

// Open opens (creating if needed, with mode 0600) the database at file and
// brings its schema up to date.
func Open(file string, opt Options) (*Store, error) {
	opt.existing = false
	return openFile(file, opt)
}

// OpenExisting is Open for a database that must be there already: a missing
// file is refused with model.ErrMissing, and nothing is created.
func OpenExisting(file string, opt Options) (*Store, error) {
	opt.existing = true
	return openFile(file, opt)
}

func openFile(file string, opt Options) (*Store, error) {
	if opt.Now == nil {
		opt.Now = time.Now
	}
	if opt.BusyTimeout <= 0 {
		opt.BusyTimeout = 5 * time.Second
	}
	if err := prepareFile(file, !opt.existing); err != nil {
		return nil, err
	}
	// Two bansou opening a new database at the same moment both turn on
	// its write-ahead log, and SQLite refuses one of them at once rather
	// than wait (the two would wait for each other): that one tries
	// again, for as long as the busy timeout.
	deadline := time.Now().Add(opt.BusyTimeout)
	for {
		s, err := open(file, opt)
		if err == nil || !errors.Is(err, model.ErrLocked) || time.Now().After(deadline) {
			return s, err
		}
		time.Sleep(openRetry)
	}
}

// openRetry is how long Open waits before trying again a database it found
// locked.
const openRetry = 20 * time.Millisecond

func open(file string, opt Options) (*Store, error) {
	if err := inspect(file, opt.BusyTimeout); err != nil {
		return nil, err
	}
	source := dsn(file, false, opt.BusyTimeout)
	if opt.existing {
		// SQLite would create the file if it went missing meanwhile.
		source += "&mode=rw"
	}
	db, err := sql.Open("sqlite", source)
	if err != nil {
		return nil, classify(file, err)
	}
	// Connections are kept rather than closed after each burst of use:
	// opening one reads the schema anew, and a server's many windows (or
	// the reads the home screen makes at once) would do it again and again.
	db.SetMaxIdleConns(8)
	s := &Store{db: db, path: file, now: opt.Now, users: newUsers(db)}
	if err := s.migrate(); err != nil {
		db.Close()
		if opt.existing && !fileExists(file) {
			return nil, missingError(file, err)
		}
		return nil, err
	}
	if s.file, err = os.Stat(file); err != nil {
		db.Close()
		return nil, missingError(file, err)
	}
	s.startHolding(newHolder(opt.Owner), opt.Heartbeat)
	return s, nil
}

func missingError(file string, err error) error {
	return fmt.Errorf("%s: %w (%w)", file, model.ErrMissing, err)
}

func dsn(file string, readOnly bool, busy time.Duration) string {
	q := url.Values{}
	q.Add("_pragma", fmt.Sprintf("busy_timeout(%d)", busy.Milliseconds()))
	if readOnly {
		q.Add("mode", "ro")
	} else {
		q.Add("_pragma", "journal_mode(WAL)")
		q.Add("_pragma", "foreign_keys(1)")
		q.Add("_pragma", "synchronous(NORMAL)")
		q.Add("_txlock", "immediate")
	}
	return fileURI(file) + "?" + q.Encode()
}

// fileURI is file as an SQLite URI, without parameters.
func fileURI(file string) string { return "file:" + (&url.URL{Path: file}).EscapedPath() }

// prepareFile creates a missing database file with mode 0600 (when create
// is true; otherwise a missing file is model.ErrMissing), so SQLite's own
// files (-wal, -shm) inherit it, and checks an existing one can be written.
func prepareFile(file string, create bool) error {
	if create {
		f, err := os.OpenFile(file, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
		if err == nil {
			return f.Close()
		}
		if !errors.Is(err, fs.ErrExist) {
			if errors.Is(err, fs.ErrPermission) {
				return fmt.Errorf("%s: %w: %v", file, model.ErrReadOnly, err)
			}
			return fmt.Errorf("%s: cannot create the database: %w", file, err)
		}
	}
	if info, err := os.Stat(file); err == nil && info.Mode().Perm()&0o200 == 0 {
		// Marked read-only: respect it even where the user could write
		// anyway (root).
		return fmt.Errorf("%s: %w (the file is marked read-only)", file, model.ErrReadOnly)
	}
	f, err := os.OpenFile(file, os.O_RDWR, 0)
	if err != nil {
		switch {
		case errors.Is(err, fs.ErrNotExist):
			return missingError(file, err)
		case errors.Is(err, fs.ErrPermission):
			return fmt.Errorf("%s: %w (no write permission)", file, model.ErrReadOnly)
		}
		return fmt.Errorf("%s: cannot open the database: %w", file, err)
	}
	return f.Close()
}

// inspect looks at an existing file without writing to it: it must be an
// SQLite database that is empty, or bansou's own at a version this build
// knows.
func inspect(file string, busy time.Duration) error {
	// Read as doctor reads, so that a file bansou refuses keeps no -wal or
	// -shm beside it.
	version, err := schemaOf(file, readDSN(file, busy))
	if errors.Is(err, model.ErrCorrupt) && fileExists(file+"-wal") {
		// Another bansou began writing while the file was read as
		// immutable: read it again through the log.
		version, err = schemaOf(file, dsn(file, true, busy))
	}
	if err != nil {
		return err
	}
	if known := SchemaVersion(); version > known {
		return newerSchemaError(file, version, known)
	}
	return nil
}

func fileExists(name string) bool {
	_, err := os.Lstat(name)
	return err == nil
}

func newerSchemaError(file string, version, known int) error {
	return &model.SchemaError{Path: file, Found: version, Known: known}
}

// schemaOf reads the schema version of an existing file through a
// read-only connection: 0 for an empty file or an empty SQLite database,
// model.ErrNotDatabase for anything that is not bansou's.
func schemaOf(file, source string) (int, error) {
	f, err := os.Open(file)
	if err != nil {
		return 0, fmt.Errorf("%s: cannot open the database: %w", file, err)
	}
	head := make([]byte, len(sqliteHeader))
	n, err := io.ReadFull(f, head)
	f.Close()
	if n == 0 {
		return 0, nil // a new, empty file
	}
	if err != nil || !bytes.Equal(head, sqliteHeader) {
		return 0, fmt.Errorf("%s: %w: it is not an SQLite file; bansou left it untouched (use --db to choose another file)", file, model.ErrNotDatabase)
	}
	db, err := sql.Open("sqlite", source)
	if err != nil {
		return 0, classify(file, err)
	}
	defer db.Close()
	var version, tables int
	if err := db.QueryRow("PRAGMA user_version").Scan(&version); err != nil {
		return 0, classify(file, err)
	}
	if err := db.QueryRow("SELECT count(*) FROM sqlite_master WHERE type = 'table'").Scan(&tables); err != nil {
		return 0, classify(file, err)
	}
	if version == 0 && tables > 0 {
		return 0, fmt.Errorf("%s: %w: it is an SQLite database of another program; bansou left it untouched (use --db to choose another file)", file, model.ErrNotDatabase)
	}
	return version, nil
}

func (s *Store) migrate() error {
	ms, err := migrations()
	if err != nil {
		return err
	}
	var version int
	if err := s.db.QueryRow("PRAGMA user_version").Scan(&version); err != nil {
		return classify(s.path, err)
	}
	for _, m := range ms {
		if m.version <= version {
			continue
		}
		tx, err := s.db.Begin()
		if err != nil {
			return classify(s.path, err)
		}
		// Another bansou opening the same new database at the same moment
		// may have applied it while this one waited for the lock.
		if err := tx.QueryRow("PRAGMA user_version").Scan(&version); err != nil {
			tx.Rollback()
			return classify(s.path, err)
		}
		if m.version <= version {
			tx.Rollback()
			continue
		}
		if _, err := tx.Exec(m.sql); err != nil {
			tx.Rollback()
			return fmt.Errorf("%s: migration %s: %w", s.path, m.name, classify(s.path, err))
		}
		if _, err := tx.Exec(fmt.Sprintf("PRAGMA user_version = %d", m.version)); err != nil {
			tx.Rollback()
			return classify(s.path, err)
		}
		if err := tx.Commit(); err != nil {
			return classify(s.path, err)
		}
	}
	return nil
}

// stillAtPath reports model.ErrReplaced when the file this store has open
// is no longer the one at its path: another program (a sync tool, say)
// renamed a file over it, or removed it. Whatever was written then would go
// to a file that nobody opens again. One stat: it costs microseconds.
func (s *Store) stillAtPath() error {
	if s.file == nil {
		return nil
	}
	info, err := os.Stat(s.path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("%s: %w (the file was removed)", s.path, model.ErrReplaced)
	case err != nil:
		return nil // cannot tell; the write itself says what is wrong
	case !os.SameFile(info, s.file):
		return fmt.Errorf("%s: %w (another file was put in its place)", s.path, model.ErrReplaced)
	}
	return nil
}

// Path is the database file.
func (s *Store) Path() string { return s.path }

// Close stops renewing the store's leases and closes the database, unless
// another holder (NewHolder) still uses it. The sessions and drafts the
// store still has open are left marked open, with their leases lapsed at
// once: they are offered for resuming straight away, here or in another
// bansou (or another connection of a server, whose process goes on
// running), rather than after three heartbeats.
func (s *Store) Close() error {
	var err error
	s.closed.Do(func() {
		s.stop()
		<-s.done
		s.lapse()
		err = s.users.leave()
	})
	return err
}

// classify turns a driver error into one of model's store errors, keeping
// the driver's words for detail.
func classify(file string, err error) error {
	if err == nil {
		return nil
	}
	var se *sqlite.Error
	if !errors.As(err, &se) {
		if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) || errors.Is(err, sql.ErrNoRows) {
			return err
		}
		return fmt.Errorf("%s: %w", file, err)
	}
	var kind error
	switch se.Code() & 0xff {
	case 5, 6: // SQLITE_BUSY, SQLITE_LOCKED
		kind = model.ErrLocked
	case 3, 8: // SQLITE_PERM, SQLITE_READONLY
		kind = model.ErrReadOnly
	case 13: // SQLITE_FULL
		kind = model.ErrDiskFull
	case 10: // SQLITE_IOERR: a write the disk refused (quota, file size limit, failing device)
		kind = model.ErrDiskIO
	case 11: // SQLITE_CORRUPT
		kind = model.ErrCorrupt
	case 26: // SQLITE_NOTADB
		kind = model.ErrNotDatabase
	default:
		return fmt.Errorf("%s: %w", file, err)
	}
	return fmt.Errorf("%s: %w (%v)", file, kind, err)
}

const timeLayout = "2006-01-02T15:04:05.000000Z"

func ts(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(timeLayout)
}

func parseTS(s string) time.Time {
	if s == "" {
		return time.Time{}
	}
	t, err := time.Parse(timeLayout, s)
	if err != nil {
		t, _ = time.Parse(time.RFC3339Nano, s)
	}
	return t
}
