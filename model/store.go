package model

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// Store keeps engagements and sessions. Its methods follow what the program
// does, not the tables behind it. Implementations must be safe for use from
// several goroutines.
type Store interface {
	// CreateEngagement saves a new engagement and its learner, returning it
	// with ids and timestamps set.
	CreateEngagement(ctx context.Context, e Engagement) (Engagement, error)
	// UpdateEngagement saves changed details, learner name and companions;
	// whether the engagement is archived is left as it is.
	UpdateEngagement(ctx context.Context, e Engagement) (Engagement, error)
	// SaveEngagementDraft keeps an engagement form as typed, in place of
	// the draft with the same UID. CreateEngagement and UpdateEngagement
	// remove the engagement's draft (by its UID) as they save it.
	SaveEngagementDraft(ctx context.Context, d EngagementDraft) error
	// EngagementDrafts lists the drafts left by a bansou that is no longer
	// running (a crash, a kill, a closed terminal, or a draft put off for
	// later), most recent first; drafts being typed in a running bansou
	// are left out.
	EngagementDrafts(ctx context.Context) ([]EngagementDraft, error)
	// DiscardEngagementDraft removes the draft with the given UID.
	DiscardEngagementDraft(ctx context.Context, uid string) error
	// ArchiveEngagement hides (or, with false, restores) an engagement.
	ArchiveEngagement(ctx context.Context, id int64, archived bool) error
	// Engagement returns one engagement; ErrNotFound if there is none.
	Engagement(ctx context.Context, id int64) (Engagement, error)
	// Engagements lists engagements, newest start first.
	Engagements(ctx context.Context, includeArchived bool) ([]Engagement, error)

	// StartSession saves a new session with its steps and returns it with
	// its id.
	StartSession(ctx context.Context, s Session) (Session, error)
	// Session returns one session with all its steps.
	Session(ctx context.Context, id int64) (Session, error)
	// Sessions lists an engagement's sessions, oldest first.
	Sessions(ctx context.Context, engagementID int64) ([]SessionSummary, error)
	// SaveProgress writes what changed in a session in one transaction;
	// ErrOpenElsewhere if another running bansou has the session open,
	// ErrTakenOver if it was opened here and another bansou has taken it
	// over since (whether or not that one still has it open), and
	// ErrChangedElsewhere if it was opened here and something else changed
	// it since it was last read or saved here (an import, say).
	SaveProgress(ctx context.Context, p Progress) error
	// SetSessionOpen records that a session is (or no longer is) open in a
	// runner, so that one left open by a crash can be offered for resuming.
	// A session open in another running bansou is left to it: opening it
	// fails with ErrOpenElsewhere, closing it changes nothing.
	SetSessionOpen(ctx context.Context, id int64, open bool) error
	// TakeOverSession records a session as open here even though another
	// running bansou has it open; that one can no longer save to it.
	TakeOverSession(ctx context.Context, id int64) error
	// InterruptedSessions lists sessions still marked open by a bansou that
	// is no longer running.
	InterruptedSessions(ctx context.Context) ([]SessionSummary, error)

	// SoloSessions returns every session of a flow that belongs to no
	// engagement (the self-reviews), with their steps, oldest first.
	SoloSessions(ctx context.Context, flowID string) ([]Session, error)
	// StartRound saves a new peer round: its session with the steps and
	// what is kept beside it (participants, roles, timer), returning both
	// with ids set.
	StartRound(ctx context.Context, s Session, r PeerRound) (Session, PeerRound, error)
	// Rounds returns every peer round with its steps, oldest first.
	Rounds(ctx context.Context) ([]RoundEntry, error)
	// Round returns what one peer round keeps beside its session.
	Round(ctx context.Context, sessionID int64) (PeerRound, error)
	// DeleteRound removes a peer round: its session, steps and what is
	// kept beside it. ErrNotFound if there is no such round the store's
	// person holds; ErrOpenElsewhere if another running bansou has it open.
	DeleteRound(ctx context.Context, sessionID int64) error
	// ReviewCadence is how many days after the last finished self-review
	// the store's person wants the next to fall due: 0 when they have not
	// set it (DefaultReviewCadenceDays then applies). Each person has
	// their own; the single user is one person.
	ReviewCadence(ctx context.Context) (int, error)
	// SetReviewCadence keeps the store's person's cadence: a number of
	// days from 1 to MaxReviewCadenceDays (ErrBadReviewCadence otherwise,
	// and nothing is changed).
	SetReviewCadence(ctx context.Context, days int) error
	// Feedback returns what learners said about the support, session by
	// session, most recent first.
	Feedback(ctx context.Context) ([]FeedbackNote, error)

	// SavePeerRating saves a rating of the skill map given to a companion
	// (validated by the caller: PeerRating.Validate), in place of the one
	// with the same UID, and returns it with ID and SavedAt set. It is
	// the owner's, the companion rated: the store's person's own (Owner 0
	// or their id), or, saved by its rater on a server, the person in
	// Owner's. Only the owner replaces it; ErrNotAllowed otherwise.
	SavePeerRating(ctx context.Context, r PeerRating) (PeerRating, error)
	// PeerRatings returns the ratings given to the store's person, oldest
	// first. No one else reads them: not the rater, not an admin.
	PeerRatings(ctx context.Context) ([]PeerRating, error)
	// DeletePeerRating removes one of the store's person's ratings;
	// ErrNotFound if they have none with that UID.
	DeletePeerRating(ctx context.Context, uid string) error
	// SaveRatingSheet records a sheet written for an offline rating.
	SaveRatingSheet(ctx context.Context, sh RatingSheet) error
	// RatingSheet returns a sheet the store's person wrote; ErrNotFound
	// for any other.
	RatingSheet(ctx context.Context, uid string) (RatingSheet, error)

	// Ledger returns what an engagement carries between sessions: worries,
	// actions and the agreement, each with its history.
	Ledger(ctx context.Context, engagementID int64) (Ledger, error)
	// States returns every engagement that is not archived with what the
	// due list reads: how many of its worries are still open (OpenWorries;
	// none is in the ledger), its actions still to be done, without their
	// history and without their words (an action keeps its owner and due
	// date), and of its sessions the one started last, the one continued
	// last and every return checkpoint. That is enough for Due, not for
	// Warnings. A private worry counts for its author only.
	States(ctx context.Context) ([]EngagementState, error)

	// Search finds every answer, note and ledger text containing all the
	// terms of a query, most recent session first.
	Search(ctx context.Context, query string) ([]SearchHit, error)

	// Import writes an export in one transaction, matching what is already
	// there by its stable ids, so that nothing is duplicated. A record it
	// must not write (a session open in another running bansou, an id
	// that is another learner's here) is left out and listed in the
	// stats' issues, and the rest is written.
	Import(ctx context.Context, doc Export, opt ImportOptions) (ImportStats, error)
	// Backup writes a consistent copy of the database to a new file.
	Backup(ctx context.Context, path string) error

	Close() error
}

// Progress is what a runner saves: the position, the status and the steps
// that changed. With Layout set, Steps is the session's whole ordered list
// (after a question was added); otherwise only the changed steps.
type Progress struct {
	SessionID  int64
	CurrentKey string
	Place      Place
	Status     Status
	UpdatedAt  time.Time
	FinishedAt time.Time
	// LearnerConfirmed: see Session.LearnerConfirmed.
	LearnerConfirmed time.Time
	Steps            []Step
	Layout           bool
	// Changed, with Layout, lists the steps whose content changed: the
	// others already saved only take their new place, so that an older copy
	// never writes over what was saved since (by a window that took the
	// session over). Nil writes every step.
	Changed []string

	// Ledger entries made or changed in the session, saved in the same
	// transaction. Entries marked Deleted are removed.
	Anxieties      []Anxiety
	AnxietyUpdates []AnxietyUpdate
	Actions        []Action
	ActionUpdates  []ActionUpdate
	Agreement      []AgreementItem
	// Round, when set, replaces what a peer round keeps beside its
	// session (its timer, above all).
	Round *PeerRound
}

// Empty reports whether there is nothing to write but the position.
func (p Progress) Empty() bool {
	return len(p.Steps) == 0 && p.Round == nil && len(p.Anxieties) == 0 && len(p.AnxietyUpdates) == 0 &&
		len(p.Actions) == 0 && len(p.ActionUpdates) == 0 && len(p.Agreement) == 0
}

// ProgressOf builds a Progress of session s carrying the steps with the given
// keys, or every step when layout is true.
func ProgressOf(s Session, keys []string, layout bool) Progress {
	p := Progress{
		SessionID:  s.ID,
		CurrentKey: s.CurrentKey,
		Place:      s.Place,
		Status:     s.Status,
		UpdatedAt:  s.UpdatedAt,
		FinishedAt: s.FinishedAt,
		Layout:     layout,

		LearnerConfirmed: s.LearnerConfirmed,
	}
	if layout {
		p.Steps = s.Steps
		return p
	}
	for _, k := range keys {
		if st, ok := s.Step(k); ok {
			p.Steps = append(p.Steps, st)
		}
	}
	return p
}

// SessionSummary is a session without its steps, for lists.
type SessionSummary struct {
	ID           int64
	EngagementID int64
	LearnerName  string
	FlowID       string
	FlowTitle    string
	Use          Use
	Milestone    string
	Lang         Lang
	Status       Status
	CurrentKey   string
	CurrentTitle string
	Answered     int
	Total        int
	Open         bool
	StartedAt    time.Time
	UpdatedAt    time.Time
	FinishedAt   time.Time
	// HeldBy is the person on a bansou server who held the session (0 in
	// the single-user bansou), and Holder their name.
	HeldBy int64
	Holder string
}

// SchemaError is a database written by a newer bansou (ErrNewerSchema):
// its schema, and the newest this build knows.
type SchemaError struct {
	Path         string
	Found, Known int
}

func (e *SchemaError) Error() string {
	return fmt.Sprintf("%s: %v (schema %d; this bansou knows up to %d). Upgrade bansou to open it; the file was left untouched",
		e.Path, ErrNewerSchema, e.Found, e.Known)
}

func (e *SchemaError) Unwrap() error { return ErrNewerSchema }

// Store errors. Stores wrap them with the path and what to do, so that
// callers can tell the cases apart with errors.Is and still show a clear
// message.
var (
	ErrNotFound    = errors.New("not found")
	ErrLocked      = errors.New("the database is locked by another program")
	ErrReadOnly    = errors.New("the database cannot be written")
	ErrDiskFull    = errors.New("the disk is full")
	ErrDiskIO      = errors.New("reading or writing the disk failed")
	ErrCorrupt     = errors.New("the database file is damaged")
	ErrNotDatabase = errors.New("the file is not a bansou database")
	ErrNewerSchema = errors.New("the database was written by a newer bansou")
	// ErrOpenElsewhere: the session is open in another running bansou, so
	// that two windows never write over each other's typing.
	ErrOpenElsewhere = errors.New("the session is open in another bansou")
	// ErrTakenOver: the session was taken over by another bansou, and what
	// is typed here is no longer saved to it, so that the two never write
	// over each other.
	ErrTakenOver = errors.New("the session was taken over by another bansou")
	// ErrMissing: there is no database file at the path. Only what starts
	// a database on purpose (the interface) creates one; everything else
	// refuses, so that a mistyped path is noticed.
	ErrMissing = errors.New("there is no database file at this path")
	// ErrReplaced: the file the store has open is no longer the one at its
	// path (another program renamed a file over it, or removed it), so
	// what would be written would go to a file nobody opens again.
	ErrReplaced = errors.New("the database file was replaced or removed")
	// ErrChangedElsewhere: the session a window has open was changed by
	// something other than that window since the window read it (an
	// import, another bansou that did not see the window's claim), and
	// the window's older copy is not written over it.
	ErrChangedElsewhere = errors.New("the session was changed outside this window")
)

// NoMoreSaves reports whether a save failed for a reason that trying again
// cannot mend: the session was taken over by another bansou or changed
// outside this window since it was read, or the database file was replaced
// or removed. What was typed stays where it is, to be copied.
func NoMoreSaves(err error) bool {
	return errors.Is(err, ErrTakenOver) || errors.Is(err, ErrChangedElsewhere) || errors.Is(err, ErrReplaced)
}
