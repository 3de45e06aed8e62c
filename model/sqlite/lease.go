package sqlite

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"os"
	"sync"
	"time"
)

// Who has a session open, or an engagement form being typed, is recorded
// in its row as a lease (migration 013): the holder's random token and the
// time the holder last renewed it, its heartbeat. A Store holds one lease
// identity and renews the heartbeat of every row it holds, every
// Options.Heartbeat (5 s). Another holder's lease is still held — the
// session is open elsewhere — while its heartbeat is younger than three
// heartbeats and, when the holder ran on this machine, its process is still
// running (same id, same start): so a bansou killed here leaves its sessions
// to be resumed at once, a process that took its id later does not pass for
// it, and a bansou on another machine or in another pid namespace is told by
// its heartbeat alone.

// defaultHeartbeat is how often a store renews its leases unless told.
const defaultHeartbeat = 5 * time.Second

// lapse is how many heartbeats a lease outlives its last renewal by.
const lapse = 3

// holder is who takes leases: a random token, and the machine, process id
// and process start that let a bansou on the same machine tell at once that
// the holder's process has stopped.
type holder struct {
	token string
	host  string // machine(): the pid space the pid belongs to
	pid   int
	start int64 // as processStart gives it; 0 if unknown
}

// newHolder makes a holder with a token of its own, for the process with
// id pid (0: this one).
func newHolder(pid int) holder {
	if pid == 0 {
		pid = os.Getpid()
	}
	start, _, _ := processStart(pid)
	return holder{token: newToken(), host: machine(), pid: pid, start: start}
}

// newToken is 16 random bytes in hex.
func newToken() string {
	b := make([]byte, 16)
	rand.Read(b) // never fails (crypto/rand)
	return hex.EncodeToString(b)
}

func hostname() string {
	h, _ := os.Hostname()
	return h
}

// lease is a holder's claim on a row as the row records it, with its
// heartbeat ("" never renewed). A row no one holds has an empty token.
type lease struct {
	holder
	at string
}

// leaseColumns are a lease's columns, in the order of lease.fields; the
// sessions and engagement_drafts tables both have them.
const leaseColumns = `lease, lease_at, lease_host, lease_pid, lease_start`

// setLease and noLease are the SET clauses that give a row to a holder
// (with leaseArgs) and take it from whoever held it.
const (
	setLease = `lease = ?, lease_at = ?, lease_host = ?, lease_pid = ?, lease_start = ?`
	noLease  = `lease = '', lease_at = '', lease_host = '', lease_pid = 0, lease_start = 0`
)

func (l *lease) fields() []any { return []any{&l.token, &l.at, &l.host, &l.pid, &l.start} }

// leaseArgs are the values of setLease for this store, renewed now.
func (s *Store) leaseArgs() []any {
	return []any{s.me.token, ts(s.now()), s.me.host, s.me.pid, s.me.start}
}

// mine reports whether a lease is this store's.
func (s *Store) mine(l lease) bool { return l.token == s.me.token }

// heldElsewhere reports whether a lease is another holder's that it still
// holds: renewed within the lapse and, for a holder on this machine, its
// process still the one running under its id.
func (s *Store) heldElsewhere(l lease) bool {
	if l.token == "" || s.mine(l) {
		return false
	}
	at := parseTS(l.at)
	if at.IsZero() || s.now().Sub(at) >= lapse*s.beat {
		return false
	}
	if l.host != s.me.host || l.pid <= 0 {
		return true
	}
	start, alive, ok := processStart(l.pid)
	switch {
	case !ok:
		return true
	case !alive:
		return false
	}
	return l.start == 0 || start == 0 || start == l.start
}

// typing records the engagement drafts this store is typing, so that it
// renews their leases.
func (s *Store) typing(uid string, on bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.drafts == nil {
		s.drafts = map[string]bool{}
	}
	if on {
		s.drafts[uid] = true
	} else {
		delete(s.drafts, uid)
	}
}

// renew moves the heartbeat of every lease this store holds to now: one
// transaction, none when it holds nothing. The lease columns are none of
// those a session's revision counts (migration 011), and no time the user
// sees changes.
func (s *Store) renew(ctx context.Context) error {
	s.mu.Lock()
	sessions, drafts := len(s.held) > 0, len(s.drafts) > 0
	s.mu.Unlock()
	if !sessions && !drafts {
		return nil
	}
	at := ts(s.now())
	return s.tx(ctx, func(tx *sql.Tx) error {
		if sessions {
			if _, err := tx.ExecContext(ctx, `UPDATE sessions SET lease_at = ? WHERE lease = ?`, at, s.me.token); err != nil {
				return err
			}
		}
		if drafts {
			if _, err := tx.ExecContext(ctx, `UPDATE engagement_drafts SET lease_at = ? WHERE lease = ?`, at, s.me.token); err != nil {
				return err
			}
		}
		return nil
	})
}

// lapse lets the store's leases lapse at once (their heartbeat is cleared,
// their holder kept), for a store that closes with sessions or drafts
// still open. It tries once, briefly: a locked or read-only database
// leaves them to lapse by themselves.
func (s *Store) lapse() {
	s.mu.Lock()
	held := len(s.held) > 0 || len(s.drafts) > 0
	s.mu.Unlock()
	if !held {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	s.tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `UPDATE sessions SET lease_at = '' WHERE lease = ?`, s.me.token); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `UPDATE engagement_drafts SET lease_at = '' WHERE lease = ?`, s.me.token)
		return err
	})
}

// heartbeat renews the store's leases every beat until the store closes.
// A renewal that fails (a locked or replaced file) is tried again at the
// next beat.
func (s *Store) heartbeat(ctx context.Context) {
	defer close(s.done)
	tick := time.NewTicker(s.beat)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
			s.renew(ctx)
		}
	}
}

// startHolding gives the store its holder and starts its heartbeat.
func (s *Store) startHolding(h holder, beat time.Duration) {
	if beat <= 0 {
		beat = defaultHeartbeat
	}
	s.me, s.beat = h, beat
	ctx, cancel := context.WithCancel(context.Background())
	s.stop, s.done = cancel, make(chan struct{})
	go s.heartbeat(ctx)
}

// NewHolder returns a store on the same database that takes leases of its
// own, as another bansou would: a session one of them has open is open
// elsewhere for the other (model.ErrOpenElsewhere), and can be taken over.
// A server gives one to each user it serves. Each must be closed; the
// database closes with the last.
func (s *Store) NewHolder() *Store {
	h := &Store{db: s.db, path: s.path, now: s.now, file: s.file, users: s.users, who: s.who, account: s.account}
	s.users.add()
	me := s.me
	me.token = newToken()
	h.startHolding(me, s.beat)
	return h
}

// users counts the stores sharing one *sql.DB (Open's and its NewHolder
// stores); the last one closed closes it.
type users struct {
	mu  sync.Mutex
	n   int
	db  *sql.DB
	hub hub // the changes written through any of them (watch.go)
}

func newUsers(db *sql.DB) *users { return &users{n: 1, db: db} }

func (u *users) add() {
	u.mu.Lock()
	defer u.mu.Unlock()
	u.n++
}

func (u *users) leave() error {
	u.mu.Lock()
	defer u.mu.Unlock()
	if u.n--; u.n == 0 {
		return u.db.Close()
	}
	return nil
}
