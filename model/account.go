package model

import (
	"context"
	"errors"
	"time"
)

// Role is what a person does in a programme served by bansou-serve.
type Role string

// Roles.
const (
	// RoleCompanion accompanies learners: a member of their engagements.
	RoleCompanion Role = "companion"
	// RoleFacilitator runs peer case-study rounds (and may accompany too).
	RoleFacilitator Role = "facilitator"
	// RoleOffice runs the programme: it sees counts and dates of every
	// engagement, never what anyone wrote.
	RoleOffice Role = "office"
)

// Roles lists the roles in display order.
var Roles = []Role{RoleCompanion, RoleFacilitator, RoleOffice}

// Valid reports whether r is a known role.
func (r Role) Valid() bool { return r == RoleCompanion || r == RoleFacilitator || r == RoleOffice }

// Account is a person on a bansou server. The single-user bansou has none:
// there, every record is its one user's (account 0).
type Account struct {
	ID   int64
	Name string
	// Type is the person's usual kind of companion; each engagement's
	// membership records the type they have there.
	Type CompanionType
	Role Role
	// Admin may add people and give enrolment codes. It reads nothing
	// more than its own role lets it: no admin bypass of privacy.
	Admin bool
	// Accessible starts the accessible (plain text) mode for this person.
	Accessible bool
	Lang       Lang
	CreatedAt  time.Time
}

// Member is a person's place in an engagement: the account and the
// companion type they have there.
type Member struct {
	AccountID int64
	Name      string
	Type      CompanionType
}

// Accounts keeps the people of a bansou server, their keys and their
// enrolment codes. Keys are public keys in authorized_keys form
// ("ssh-ed25519 AAAA…", without a comment).
type Accounts interface {
	// AddAccount saves a new person; the name must be unique.
	AddAccount(ctx context.Context, a Account) (Account, error)
	// UpdateAccount changes a person's name, type, role, admin flag,
	// accessible mode or language.
	UpdateAccount(ctx context.Context, a Account) (Account, error)
	// AccountList lists every person, by name.
	AccountList(ctx context.Context) ([]Account, error)
	// AccountByKey returns the person a key is enrolled to; ErrNotFound if
	// it is enrolled to no one.
	AccountByKey(ctx context.Context, key string) (Account, error)
	// NewCode makes a one-time enrolment code for a person, valid for ttl.
	// Only a hash of it is kept. A person may make one for themself (a key
	// of their own on another machine); an admin, for a person who has no
	// key yet (ErrHasKey otherwise); the server's operator, for anyone.
	NewCode(ctx context.Context, accountID int64, ttl time.Duration) (string, error)
	// Enrol spends a code on a key: the key is the code's person's from
	// now on. ErrCodeInvalid for a code that is unknown, used or expired;
	// ErrKeyTaken for a key already enrolled.
	Enrol(ctx context.Context, code, key string) (Account, error)
	// EnsureAdmin makes sure a key belongs to an admin: the account it is
	// enrolled to becomes one, or a new admin account with the given name
	// is made for it.
	EnsureAdmin(ctx context.Context, name, key string) (Account, error)
	// AddMember makes a person a member of an engagement with a companion
	// type there (or changes the type).
	AddMember(ctx context.Context, engagementID, accountID int64, t CompanionType) error
	// RemoveMember ends a person's membership; what they wrote stays,
	// private records readable by them alone still.
	RemoveMember(ctx context.Context, engagementID, accountID int64) error
	// Members lists an engagement's members.
	Members(ctx context.Context, engagementID int64) ([]Member, error)
}

// Account errors.
var (
	ErrCodeInvalid = errors.New("the enrolment code is unknown, used or expired")
	ErrKeyTaken    = errors.New("the key is already enrolled")
	ErrNameTaken   = errors.New("there is already a person with this name")
	// ErrNotAllowed: the connected person may not do this (an import on a
	// server, a change to an engagement they are not a member of).
	ErrNotAllowed = errors.New("not allowed for this person")
	// ErrHasKey: an admin asked for a code for a person who has enrolled a
	// key already. With it the admin could enrol a key of their own as
	// that person and read their private records; the person makes codes
	// for their other keys themselves, and the server's operator makes one
	// for a lost key.
	ErrHasKey = errors.New("the person has enrolled a key already")
)

// StoreChange is a write to the store that other people looking at the same
// engagement or session should see: written first, then announced.
type StoreChange struct {
	EngagementID int64 // 0 when the change belongs to no engagement
	SessionID    int64 // 0 when it belongs to no one session
	// By is the lease holder (a store) that wrote it, so that a window
	// can tell its own saves from others'.
	By string
	// Members: the engagement's members changed, or someone came into
	// a room (who may read what changed).
	Members bool
	// Person, when set, is the one person the change is for (a request
	// for a rating made of them, a rating sent to them); no one else's
	// window hears of it.
	Person int64
}

// Watcher is a store that announces changes. Watch returns a channel of
// the changes others made through any store on the same database in this
// process to what this store's person may read, and a function that stops
// the watch. The channel keeps one change when the reader is slow: a
// reader reloads what it shows, whatever changed.
type Watcher interface {
	Watch() (<-chan StoreChange, func())
	// Holder is the token this store writes changes under (StoreChange.By).
	Holder() string
}
