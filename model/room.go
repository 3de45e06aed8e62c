package model

import (
	"context"
	"errors"
	"slices"
	"strings"
	"time"
)

// A room lets everyone at the table type from their own terminal on a
// bansou server. The person holding a session (the facilitator of a peer
// round, the companion of a three-party agreement) opens a room on it and
// shows its short join code; people join with the code, enrolled people as
// themselves, others as guests who see that one room and nothing else.
//
// The holder's screen stays the only writer of the session itself (its
// notes, its timer, the agreement as recorded): the others read it. What
// each person writes in the room is theirs: in a round, their questions,
// hypotheses, feedback, learnings and next actions; in an agreement, their
// party's expectation and fit for each topic, unseen by the others until
// the holder reveals them, and their confirmation of the agreed text.

// RoomKind says what a room is for.
type RoomKind string

// Room kinds.
const (
	RoomRound     RoomKind = "round"
	RoomAgreement RoomKind = "agreement"
)

// ContribKind is what a contribution to a round is.
type ContribKind string

// The kinds of contribution, in the order they are offered.
const (
	ContribQuestion   ContribKind = "question"   // a clarifying question
	ContribHypothesis ContribKind = "hypothesis" // what might be going on, an option
	ContribFeedback   ContribKind = "feedback"   // to the presenter
	ContribLearning   ContribKind = "learning"   // what the writer takes away
	ContribAction     ContribKind = "action"     // the writer's next action
)

// ContribKinds lists the kinds in the order they are offered.
var ContribKinds = []ContribKind{ContribQuestion, ContribHypothesis, ContribFeedback, ContribLearning, ContribAction}

// Valid reports whether k is a known kind.
func (k ContribKind) Valid() bool { return slices.Contains(ContribKinds, k) }

// MayBeAnonymous reports whether the facilitator may let this kind be
// given without a name: what is said to the presenter, so that a
// subordinate can speak as freely as a boss.
func (k ContribKind) MayBeAnonymous() bool {
	return k == ContribQuestion || k == ContribHypothesis || k == ContribFeedback
}

// MaxContribution is the longest contribution kept, in bytes.
const MaxContribution = 8 << 10

// Contribution is one thing a person wrote in a round's room.
type Contribution struct {
	ID   int64
	Kind ContribKind
	// Phase is the phase the round was in when it was written; Presenter
	// whose presentation it belongs to ("" when the round has none).
	Phase     string
	Presenter string
	// Author is the writer's name as the reader may see it: "" when it was
	// given anonymously and the reader is not its writer; Guest tells that
	// the writer joined as a guest (false where Author is "").
	Author    string
	Guest     bool
	Mine      bool
	Anonymous bool
	// Private: readable by its writer alone (a learning or an action kept
	// to oneself).
	Private   bool
	Text      string
	TakenUp   bool // a question the presenter chose to take up
	CreatedAt time.Time
	UpdatedAt time.Time
}

// RoomPerson is someone in a room.
type RoomPerson struct {
	ID    int64 // within the room's database, not an account id
	Name  string
	Guest bool
	Party Party // in an agreement; "" in a round
	// Holder: the person who opened the room (the session's holder).
	Holder   bool
	JoinedAt time.Time
	// Draft is what the reader typed and has not sent yet (their own
	// entry only; empty for everyone else).
	Draft RoomDraft
}

// RoomDraft is what a person typed in a round's room and has not sent, with
// how it is to be sent: its kind, private or without a name, and the
// contribution of theirs it changes (0 for a new one).
type RoomDraft struct {
	Text      string      `json:"text"`
	Kind      ContribKind `json:"kind,omitempty"`
	Private   bool        `json:"private,omitempty"`
	Anonymous bool        `json:"anonymous,omitempty"`
	Editing   int64       `json:"editing,omitempty"`
	// Presenter is whose presentation it is about: the one presenting
	// when the writing began.
	Presenter string `json:"presenter,omitempty"`
}

// Contribution is the draft as it is sent.
func (d RoomDraft) Contribution() Contribution {
	return Contribution{ID: d.Editing, Kind: d.Kind, Text: d.Text, Private: d.Private, Anonymous: d.Anonymous,
		Presenter: d.Presenter}
}

// PartyEntry is one party's view of one agreement topic, as the reader may
// see it: Written tells whether the party has written anything; the view
// itself is there only for its writer, or once the room is revealed.
type PartyEntry struct {
	Topic   string
	Party   Party
	Author  string
	Written bool
	View    PartyView
	// Wording is the words the party suggests for the agreed text, so
	// that it is written together.
	Wording string
	Mine    bool
}

// Confirmation records that a party confirmed the agreed text of a topic:
// who, when, and the very text confirmed. It stands while the agreed text
// is the same.
type Confirmation struct {
	Topic       string    `json:"topic"`
	Party       Party     `json:"party"`
	Name        string    `json:"name"`
	Guest       bool      `json:"guest,omitempty"` // joined as a guest, known by their key alone
	Agreed      string    `json:"agreed"`
	ConfirmedAt time.Time `json:"confirmed_at"`
}

// Stands reports whether the confirmation is of the text as it is now.
func (c Confirmation) Stands(agreed string) bool {
	return strings.TrimSpace(c.Agreed) == strings.TrimSpace(agreed) && strings.TrimSpace(agreed) != ""
}

// Room is everything the reader may see of a room.
type Room struct {
	SessionID int64
	Kind      RoomKind
	Title     string // the session's flow title
	Status    Status
	Lang      Lang
	// Anonymous: the facilitator lets questions, hypotheses and feedback
	// be given without a name.
	Anonymous bool
	Revealed  bool // agreement: the parties' views are shown to all
	People    []RoomPerson
	Me        RoomPerson
	// A round: what the facilitator's session keeps beside it (timer,
	// cast, case), and its shared key question(s) by presenter.
	Round        *PeerRound
	KeyQuestions map[string]string
	Contribs     []Contribution
	// An agreement: the engagement's learner, the parties' entries, the
	// agreed text by topic (as recorded in the session), and confirmations.
	Learner  string
	Entries  []PartyEntry
	Agreed   map[string]string
	Topics   []string // the topics of the session, in order
	Titles   map[string]string
	Confirms []Confirmation
	// UpdatedAt is when the session was last saved.
	UpdatedAt time.Time
}

// IsHolder reports whether the reader opened the room.
func (r Room) IsHolder() bool { return r.Me.Holder }

// Entry returns a party's entry on a topic.
func (r Room) Entry(topic string, p Party) (PartyEntry, bool) {
	for _, e := range r.Entries {
		if e.Topic == topic && e.Party == p {
			return e, true
		}
	}
	return PartyEntry{}, false
}

// Confirmed returns a party's confirmation of a topic that still stands.
func (r Room) Confirmed(topic string, p Party) (Confirmation, bool) {
	for _, c := range r.Confirms {
		if c.Topic == topic && c.Party == p && c.Stands(r.Agreed[topic]) {
			return c, true
		}
	}
	return Confirmation{}, false
}

// Presenting is the presenter whose turn it is: the one whose block the
// round is in, else the round's presenter.
func (r Room) Presenting() string {
	if r.Round == nil {
		return ""
	}
	return r.Round.Presenting()
}

// Presenting is the presenter whose block the timer is in, else the
// round's presenter ("" for none).
func (rd PeerRound) Presenting() string {
	if t := rd.Timer; !t.Done() && len(t.Phases) > 0 && t.Phases[t.Current].Who != "" {
		return t.Phases[t.Current].Who
	}
	return rd.Presenter
}

// IsPresenter reports whether the reader is the presenter now.
// A guest never presents: the name they gave is their word alone, and
// could be a participant's who has not joined yet.
func (r Room) IsPresenter() bool {
	p := r.Presenting()
	return p != "" && !r.Me.Guest && participantKey(p) == participantKey(r.Me.Name)
}

// PhaseID is the id of the phase the round's timer is in ("" when done).
func (r Room) PhaseID() string {
	if r.Round == nil || r.Round.Timer.Done() || len(r.Round.Timer.Phases) == 0 {
		return ""
	}
	return r.Round.Timer.Phases[r.Round.Timer.Current].ID
}

// RoomRef names a room a person is in.
type RoomRef struct {
	SessionID int64
	Kind      RoomKind
	Title     string
	Party     Party
	JoinedAt  time.Time
}

// Rooms is a store that keeps rooms: a served store, scoped to its person.
type Rooms interface {
	// OpenRoom opens a room on a session held by the store's person (or
	// renews its join code) and returns the code, valid for ttl. Only the
	// code's hash is kept.
	OpenRoom(ctx context.Context, sessionID int64, ttl time.Duration) (string, error)
	// JoinRoom joins the room of a code (again, if already in it), as the
	// given party for an agreement; it returns the session's id.
	// ErrCodeInvalid for an unknown or expired code.
	JoinRoom(ctx context.Context, code string, party Party) (int64, error)
	// RoomKind reads the kind of the room a code opens; ErrCodeInvalid if
	// there is none.
	RoomKind(ctx context.Context, code string) (RoomKind, error)
	// MyRooms lists the rooms of unfinished sessions the person is in,
	// most recently joined first.
	MyRooms(ctx context.Context) ([]RoomRef, error)
	// Room reads a room as its person may see it; ErrNotAllowed for one
	// they are not in.
	Room(ctx context.Context, sessionID int64) (Room, error)
	// Contribute saves the person's contribution (a new one when ID is 0,
	// else their own one changed: its text and, for a learning or an
	// action, whether it is private; its kind and whether it carries a name
	// stay as given; an empty text removes it). Presenter is whose
	// presentation it is about, when it is one of the round's presenters;
	// else the one presenting now.
	Contribute(ctx context.Context, sessionID int64, c Contribution) (Contribution, error)
	// TakeUp marks a question as taken up (or not) by the presenter.
	TakeUp(ctx context.Context, sessionID, contribID int64, on bool) error
	// SetAnonymous lets (or stops letting) people write without a name;
	// the holder's.
	SetAnonymous(ctx context.Context, sessionID int64, allowed bool) error
	// SetPartyView saves the person's party's view of a topic.
	SetPartyView(ctx context.Context, sessionID int64, topic string, v PartyView) error
	// SuggestWording saves the words the person's party suggests for a
	// topic's agreed text; it is read as the view is.
	SuggestWording(ctx context.Context, sessionID int64, topic, text string) error
	// FreeSeat lets someone else speak for a party (its person stays in the
	// room, with no party; what they wrote stays theirs): for a party who
	// comes back with another key. The holder's.
	FreeSeat(ctx context.Context, sessionID int64, party Party) error
	// Reveal shows every party's views to everyone in the room and returns
	// them; the holder's.
	Reveal(ctx context.Context, sessionID int64) ([]PartyEntry, error)
	// Confirm records that the person's party confirms the agreed text of
	// a topic, the words they read (agreed); ErrNothingAgreed when there is
	// none yet, ErrAgreedChanged when the text is no longer those words.
	Confirm(ctx context.Context, sessionID int64, topic, agreed string) error
	// KeepDraft keeps what the person has typed and not sent, for them
	// alone, until they send it or clear it.
	KeepDraft(ctx context.Context, sessionID int64, d RoomDraft) error
}

// Guests lets people without an account into one room.
type Guests interface {
	// JoinAsGuest joins the room of a code as a guest with a name (and a
	// party, for an agreement), remembering the key so that the guest can
	// come back; it returns the guest's store, which reads that room and
	// nothing else. ErrCodeInvalid for an unknown or expired code.
	JoinAsGuest(ctx context.Context, code, key, name string, party Party) (Store, int64, error)
	// GuestByKey returns the store and room of the guest a key belongs to,
	// the most recent room first; ErrNotFound if the key is no guest's.
	GuestByKey(ctx context.Context, key string) (Store, int64, error)
	// RoomKind reads the kind of the room a code opens, so that a guest
	// can be asked the right questions; ErrCodeInvalid if there is none.
	RoomKind(ctx context.Context, code string) (RoomKind, error)
}

// ErrNothingAgreed: a topic with no agreed text cannot be confirmed.
var ErrNothingAgreed = errors.New("nothing is agreed on this topic yet")

// ErrAgreedChanged: the agreed text changed after the party read it.
var ErrAgreedChanged = errors.New("the agreed text changed since it was read")

// ErrPartyChosen: a person who joined an agreement as one party stays it.
var ErrPartyChosen = errors.New("already in the room as another party")

// ErrNoAnonymity: the facilitator does not let people write without a
// name (any more).
var ErrNoAnonymity = errors.New("writing without a name is not allowed in the room")

// ErrPartyTaken: another person already speaks for the party in the room.
var ErrPartyTaken = errors.New("someone else speaks for this party in the room")

// ErrOthersWrote: a round others wrote in, in its room, is not removed.
var ErrOthersWrote = errors.New("others wrote in the round's room")

// ErrRoomClosed: the session of a room has finished; it is read only.
var ErrRoomClosed = errors.New("the room has ended")

// ErrTooLong: a text is longer than a store keeps.
var ErrTooLong = errors.New("the text is too long")

// PhaseTitle is the title of the phase the round's timer is in, in lang,
// as the content names it (its id when the format is gone); "" when every
// phase is done.
func (rd PeerRound) PhaseTitle(rc *RoundContent, lang Lang) string {
	t := rd.Timer
	if t.Done() || len(t.Phases) == 0 {
		return ""
	}
	id := t.Phases[t.Current].ID
	if f, ok := rc.Format(rd.Format); ok {
		if p, ok := f.Phase(id); ok {
			return p.Title.In(lang)
		}
	}
	return id
}
