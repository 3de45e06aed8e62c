package sqlite

import (
	"context"
	"database/sql"
	"sync"
	"sync/atomic"

	"bansou/model"
)

var _ model.Watcher = (*Store)(nil)

// hub hands the changes written through any store on one database (Open's
// and its NewHolder and As stores) to every watch of any of them: a write
// is committed first, then announced. Each watch has a channel of one
// change; when it is full the change is dropped, since its reader reloads
// what it shows whatever changed, and a writer never waits for a slow
// reader.
type hub struct {
	mu   sync.Mutex
	next int
	subs map[int]*sub
}

// sub is one watch of the hub: its channel, and whether some engagement's
// members changed since its reader last looked, which is kept even when
// the change that said so was dropped.
type sub struct {
	ch      chan model.StoreChange
	members atomic.Bool
}

func (h *hub) watch() (*sub, func()) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.subs == nil {
		h.subs = map[int]*sub{}
	}
	id := h.next
	h.next++
	w := &sub{ch: make(chan model.StoreChange, 1)}
	h.subs[id] = w
	var once sync.Once
	return w, func() {
		once.Do(func() {
			h.mu.Lock()
			defer h.mu.Unlock()
			delete(h.subs, id)
		})
	}
}

func (h *hub) publish(c model.StoreChange) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for _, w := range h.subs {
		if c.Members {
			w.members.Store(true)
		}
		select {
		case w.ch <- c:
		default:
		}
	}
}

// watching reports whether anyone watches, so that a write finds out what
// to announce only then.
func (h *hub) watching() bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	return len(h.subs) > 0
}

// Watch returns the changes written through any other store on this
// database in this process to what this store's person may read, and the
// function that stops the watch. A change the person could not read (an
// engagement they are no member of) never wakes their window: on a server
// every window would otherwise redraw at every save of anyone. Whether
// they may read an engagement is asked once and kept until its members
// change.
func (s *Store) Watch() (<-chan model.StoreChange, func()) {
	raw, stop := s.users.hub.watch()
	out := make(chan model.StoreChange, 1)
	done := make(chan struct{})
	go func() {
		reads := map[int64]bool{} // by engagement
		solo := map[int64]bool{}  // sessions of no engagement, by id
		for {
			var c model.StoreChange
			select {
			case c = <-raw.ch:
			case <-done:
				return
			}
			if raw.members.Swap(false) {
				clear(reads)
				clear(solo)
			}
			switch {
			case c.By == s.me.token:
				continue
			case c.Person != 0:
				if c.Person != s.who.id {
					continue // another person's request or rating
				}
			case c.EngagementID != 0 && !s.reads(c.EngagementID, reads) && !s.holds(c.SessionID, solo):
				continue // an engagement not theirs, and not a room they are in
			case c.EngagementID == 0 && c.SessionID != 0 && !s.holds(c.SessionID, solo):
				continue // another person's self-review or round
			}
			select {
			case out <- c:
			default:
			}
		}
	}()
	var once sync.Once
	return out, func() {
		once.Do(func() {
			stop()
			close(done)
		})
	}
}

// holds reports whether the store's person may read a session of no
// engagement (theirs), or is in the session's room, asking the database
// the first time (kept in known until someone joins a room: who held a
// session does not change, and nobody leaves a room).
func (s *Store) holds(sessionID int64, known map[int64]bool) bool {
	if !s.who.scoped() {
		return true
	}
	if sessionID == 0 {
		return false
	}
	if ok, asked := known[sessionID]; asked {
		return ok
	}
	cond, arg := "rp.account_id = ?", s.who.id
	if s.who.guest() {
		cond, arg = "rp.id = ?", -s.who.id
	}
	var ok bool
	err := s.db.QueryRow(`SELECT (ss.engagement_id IS NULL AND `+s.seesSession("ss")+`) OR EXISTS (SELECT 1 FROM room_people rp
		WHERE rp.session_id = ss.id AND `+cond+`) FROM sessions ss WHERE ss.id = ?`, arg, sessionID).Scan(&ok)
	if err == nil {
		known[sessionID] = ok // a failed read, or a session not there (yet), is asked again next time
	}
	return ok
}

// reads reports whether the store's person may read an engagement, asking
// the database the first time (kept in known).
func (s *Store) reads(engagementID int64, known map[int64]bool) bool {
	if !s.who.scoped() || s.who.office() {
		return true
	}
	ok, asked := known[engagementID]
	if !asked {
		if err := s.db.QueryRow(`SELECT `+s.member("?"), engagementID).Scan(&ok); err == nil {
			known[engagementID] = ok // a failed read is asked again next time
		}
	}
	return ok
}

// Holder is the token this store's changes are announced under.
func (s *Store) Holder() string { return s.me.token }

// announce tells every watch that an engagement (0: none, or every one)
// or a session changed.
func (s *Store) announce(engagementID, sessionID int64) {
	s.users.hub.publish(model.StoreChange{EngagementID: engagementID, SessionID: sessionID, By: s.me.token})
}

// announceMembers tells every watch that an engagement's members changed.
func (s *Store) announceMembers(engagementID int64) {
	s.users.hub.publish(model.StoreChange{EngagementID: engagementID, By: s.me.token, Members: true})
}

// sessionEngagement reads the engagement a session belongs to (0: none),
// in a write's transaction, when anyone watches.
func (s *Store) sessionEngagement(ctx context.Context, tx *sql.Tx, id int64) int64 {
	if !s.users.hub.watching() {
		return 0
	}
	var e int64
	tx.QueryRowContext(ctx, `SELECT coalesce(engagement_id, 0) FROM sessions WHERE id = ?`, id).Scan(&e)
	return e
}
