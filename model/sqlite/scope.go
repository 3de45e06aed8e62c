package sqlite

import (
	"fmt"

	"bansou/model"
)

// A store reads and writes for one person. Open's store, and every store
// of the single-user bansou, is account 0's, the one user who wrote
// everything in the file: it reads everything. A store of a bansou server
// is made for the person connected (As): it reads only what that person may
// read, and the rule is in its queries, never left to a screen:
//
//   - an engagement, its sessions and its ledger: its members'. The
//     programme office reads every engagement, but only its roster, counts
//     and dates: never a text anyone wrote (officeNoText).
//   - a session with no engagement (a self-review, a peer round): the
//     person who held it.
//   - a private answer or note: the person who held its session; a private
//     worry, a private status or outcome note, a form's draft: its author.
//
// An admin reads no more than their role lets them.

// viewer is who a store reads and writes for.
type viewer struct {
	id   int64 // 0: the single user, who reads everything
	role model.Role
}

// scoped reports whether the store reads for a person of a server.
func (v viewer) scoped() bool { return v.id != 0 }

// office reports whether the store reads for the programme office.
func (v viewer) office() bool { return v.scoped() && v.role == model.RoleOffice }

// As returns a store on the same database that reads and writes for a
// person: scoped to what they may read, holding leases of its own (as
// NewHolder). A server makes one for each connection. It must be closed.
func (s *Store) As(a model.Account) *Store {
	h := s.NewHolder()
	h.who = viewer{id: a.ID, role: a.Role}
	h.account = a
	return h
}

// is is an SQL condition: the account in column col is the store's person.
// For the single user it always holds.
func (s *Store) is(col string) string {
	if !s.who.scoped() {
		return "1"
	}
	return fmt.Sprintf("(%s = %d)", col, s.who.id)
}

// member is an SQL condition: the store's person may read the engagement
// whose id is in column col (a member, or the office; the single user
// reads every one).
func (s *Store) member(col string) string {
	if !s.who.scoped() || s.who.office() {
		return "1"
	}
	return fmt.Sprintf("EXISTS (SELECT 1 FROM members m WHERE m.account_id = %d AND m.engagement_id = %s)", s.who.id, col)
}

// seesSession is an SQL condition on a session row with alias a: the
// store's person may read it. A session of an engagement is its members';
// a session of none (a self-review, a round) is the person's who held it.
func (s *Store) seesSession(a string) string {
	if !s.who.scoped() {
		return "1"
	}
	return fmt.Sprintf("(CASE WHEN %[1]s.engagement_id IS NULL THEN %[2]s ELSE %[3]s END)",
		a, s.is(a+".held_by"), s.member(a+".engagement_id"))
}

// text is an SQL expression: the text in col when the store's person may
// read it (shared, when readable is "1", or theirs), else ”. The office
// reads no text.
func (s *Store) text(col, readable string) string {
	if !s.who.scoped() {
		return col
	}
	if s.who.office() {
		return "''"
	}
	return fmt.Sprintf("(CASE WHEN %s THEN %s ELSE '' END)", readable, col)
}

// officeNoText reports, for the office, that a method which returns what
// people wrote is not theirs to call.
func (s *Store) officeNoText(what string) error {
	if s.who.office() {
		return fmt.Errorf("%s: %w", what, model.ErrNotAllowed)
	}
	return nil
}
