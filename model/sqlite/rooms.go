package sqlite

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"bansou/model"
)

var (
	_ model.Rooms  = (*Store)(nil)
	_ model.Guests = (*Store)(nil)
)

// Rooms (see model.Rooms). A write in a room is announced for its session
// alone: the people in the room are told, not every member of the
// engagement. Who may read what is decided here, where it is
// read:
//
//   - a room: the people in it (its holder, who opened it, and whoever
//     joined with its code); nobody else, the office and admins included.
//   - a contribution: everyone in the room, unless it is private (its
//     writer's alone); its writer's name is left out for everyone but the
//     writer when it was given anonymously, the holder included.
//   - a party's view of a topic: its writer's party until the holder
//     reveals the views; the others learn only that it was written.
//
// A guest's store reads as a viewer with a negative id (the guest's place
// in room_people, negated): no account has it, so every other method of
// the store finds nothing for them.

// joinCodeLength gives a join code of about 40 bits: short enough to read
// off a projector, and a server refuses an address after ten wrong codes.
const joinCodeLength = 8

// maxGuestName is the longest name a guest may give, in characters.
const maxGuestName = 40

// guest reports whether the store reads for a guest.
func (v viewer) guest() bool { return v.id < 0 }

// notGuest refuses a guest anything of their own beyond the room: no
// engagement, session, round or draft.
func (s *Store) notGuest(what string) error {
	if s.who.guest() {
		return fmt.Errorf("%s: %w", what, model.ErrNotAllowed)
	}
	return nil
}

// AsGuest is a store that reads as the guest at place id of room_people.
func (s *Store) AsGuest(id int64) *Store {
	h := s.NewHolder()
	h.who = viewer{id: -id}
	return h
}

// roomPerson is the store's person in a room; ErrNotAllowed if they are
// not in it.
func (s *Store) roomPerson(ctx context.Context, q querier, sessionID int64) (model.RoomPerson, error) {
	cond, arg := "account_id = ?", s.who.id
	if s.who.guest() {
		cond, arg = "id = ?", -s.who.id
	}
	var p model.RoomPerson
	var joined, draft string
	err := q.QueryRowContext(ctx, `SELECT id, name, guest_key IS NOT NULL, party, holder, joined_at, draft FROM room_people
		WHERE session_id = ? AND `+cond, sessionID, arg).Scan(&p.ID, &p.Name, &p.Guest, &p.Party, &p.Holder, &joined, &draft)
	if errors.Is(err, sql.ErrNoRows) || !s.who.scoped() {
		return model.RoomPerson{}, fmt.Errorf("room %d: %w", sessionID, model.ErrNotAllowed)
	}
	p.JoinedAt = parseTS(joined)
	if draft != "" {
		json.Unmarshal([]byte(draft), &p.Draft) // a draft that does not read is no draft
	}
	return p, err
}

type querier interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// roomKind tells what a session's room is for: a round (it has a round's
// record) or an agreement (a session of an engagement); "" for neither.
func roomKind(ctx context.Context, q querier, sessionID int64) (model.RoomKind, error) {
	var round, engaged bool
	err := q.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM rounds WHERE session_id = ss.id),
		ss.engagement_id IS NOT NULL AND EXISTS (SELECT 1 FROM steps WHERE session_id = ss.id AND answer_kind = ?)
		FROM sessions ss WHERE ss.id = ?`, model.KindAgreement, sessionID).Scan(&round, &engaged)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return "", fmt.Errorf("session %d: %w", sessionID, model.ErrNotFound)
	case err != nil:
		return "", err
	case round:
		return model.RoomRound, nil
	case engaged:
		return model.RoomAgreement, nil
	}
	return "", nil
}

func newJoinCode() string {
	b := make([]byte, joinCodeLength)
	rand.Read(b) // never fails (crypto/rand)
	for i := range b {
		b[i] = codeAlphabet[int(b[i])%len(codeAlphabet)]
	}
	return string(b[:4]) + "-" + string(b[4:])
}

// OpenRoom opens a room on a session the store's person holds, or gives
// it a new code (the old one stops working).
func (s *Store) OpenRoom(ctx context.Context, sessionID int64, ttl time.Duration) (string, error) {
	if !s.who.scoped() || s.who.guest() {
		return "", fmt.Errorf("a room: %w", model.ErrNotAllowed)
	}
	code := newJoinCode()
	err := s.tx(ctx, func(tx *sql.Tx) error {
		if err := s.mayWrite(ctx, tx, sessionID); err != nil {
			return err
		}
		kind, err := roomKind(ctx, tx, sessionID)
		if err != nil {
			return err
		}
		if kind == "" {
			return fmt.Errorf("session %d has no room: %w", sessionID, model.ErrNotAllowed)
		}
		now := ts(s.now())
		if _, err := tx.ExecContext(ctx, `INSERT INTO rooms (session_id, code_hash, code_expires, opened_at) VALUES (?, ?, ?, ?)
			ON CONFLICT (session_id) DO UPDATE SET code_hash = excluded.code_hash, code_expires = excluded.code_expires`,
			sessionID, codeHash(code), ts(s.now().Add(ttl)), now); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO room_people (session_id, account_id, name, holder, joined_at)
			VALUES (?, ?, ?, 1, ?) ON CONFLICT DO NOTHING`, sessionID, s.who.id, s.account.Name, now); err != nil {
			return err
		}
		return nil
	})
	if err != nil {
		return "", err
	}
	s.announceJoin(sessionID)
	return code, nil
}

// codeRoom is the room a join code opens, if it is still good.
func (s *Store) codeRoom(ctx context.Context, q querier, code string) (int64, model.RoomKind, error) {
	var id int64
	var expires string
	err := q.QueryRowContext(ctx, `SELECT session_id, code_expires FROM rooms WHERE code_hash = ?`, codeHash(code)).Scan(&id, &expires)
	if errors.Is(err, sql.ErrNoRows) || err == nil && !s.now().Before(parseTS(expires)) {
		return 0, "", model.ErrCodeInvalid
	}
	if err != nil {
		return 0, "", err
	}
	kind, err := roomKind(ctx, q, id)
	return id, kind, err
}

// RoomKind reads the kind of the room a code opens.
func (s *Store) RoomKind(ctx context.Context, code string) (model.RoomKind, error) {
	_, kind, err := s.codeRoom(ctx, s.db, code)
	return kind, classify(s.path, err)
}

// partyFor checks the party someone joins a room of kind as.
func partyFor(kind model.RoomKind, p model.Party) (model.Party, error) {
	if kind == model.RoomRound {
		return "", nil
	}
	for _, q := range model.Parties {
		if p == q {
			return p, nil
		}
	}
	return "", fmt.Errorf("an agreement is joined as the learner, the sending organisation or the host, not %q: %w", p, model.ErrNotAllowed)
}

// seatFree checks that nobody else speaks for a party in a room: the
// person at place self (0: someone new) may take it.
func seatFree(ctx context.Context, tx *sql.Tx, sessionID int64, party model.Party, self string, arg any) error {
	if party == "" {
		return nil
	}
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM room_people WHERE session_id = ? AND party = ? AND NOT (`+self+`)`,
		sessionID, party, arg).Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		return model.ErrPartyTaken
	}
	return nil
}

// partyKept refuses a person who is in an agreement's room as one party
// the seat of another: one person speaks for one party, and could
// otherwise confirm for all three in turn.
func partyKept(ctx context.Context, tx *sql.Tx, sessionID int64, party model.Party, self string, arg any) error {
	var had model.Party
	err := tx.QueryRowContext(ctx, `SELECT party FROM room_people WHERE session_id = ? AND `+self, sessionID, arg).Scan(&had)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return nil
	case err != nil:
		return err
	case had != "" && had != party:
		return model.ErrPartyChosen
	}
	return nil
}

// admit checks that the person identified by self (an SQL condition on
// room_people) may come into the room of a code as party: the code is
// good, the party fits the room, they keep the party they had, and nobody
// else holds it. It returns the room's session and the party.
func (s *Store) admit(ctx context.Context, tx *sql.Tx, code string, party model.Party, self string, arg any) (int64, model.Party, error) {
	id, kind, err := s.codeRoom(ctx, tx, code)
	if err != nil {
		return 0, "", err
	}
	if party, err = partyFor(kind, party); err != nil {
		return 0, "", err
	}
	if err := partyKept(ctx, tx, id, party, self, arg); err != nil {
		return 0, "", err
	}
	return id, party, seatFree(ctx, tx, id, party, self, arg)
}

// JoinRoom joins the room of a code as the store's person.
func (s *Store) JoinRoom(ctx context.Context, code string, party model.Party) (int64, error) {
	if !s.who.scoped() || s.who.guest() {
		return 0, fmt.Errorf("joining a room: %w", model.ErrNotAllowed)
	}
	var id int64
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var err error
		if id, party, err = s.admit(ctx, tx, code, party, "account_id IS ?", s.who.id); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO room_people (session_id, account_id, name, party, joined_at)
			VALUES (?, ?, ?, ?, ?) ON CONFLICT (session_id, account_id) WHERE account_id IS NOT NULL
			DO UPDATE SET party = CASE WHEN holder THEN party ELSE excluded.party END, joined_at = excluded.joined_at`,
			id, s.who.id, s.account.Name, party, ts(s.now())); err != nil {
			return err
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	s.announceJoin(id)
	return id, nil
}

// guestNameFree refuses a guest a name that is a person's on the server or
// someone else's in the room (whatever the spacing and case), so that no
// guest passes for them.
func guestNameFree(ctx context.Context, tx *sql.Tx, sessionID int64, name, key string) error {
	rows, err := tx.QueryContext(ctx, `SELECT name FROM accounts UNION ALL
		SELECT name FROM room_people WHERE session_id = ? AND guest_key IS NOT ?`, sessionID, key)
	if err != nil {
		return err
	}
	defer rows.Close()
	want := model.NameKey(name)
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return err
		}
		if model.NameKey(n) == want {
			return model.ErrNameTaken
		}
	}
	return rows.Err()
}

// JoinAsGuest joins the room of a code as a guest.
func (s *Store) JoinAsGuest(ctx context.Context, code, key, name string, party model.Party) (model.Store, int64, error) {
	name = strings.TrimSpace(model.SingleLine(strings.ToValidUTF8(name, "\uFFFD")))
	key = strings.TrimSpace(key)
	switch {
	case name == "":
		return nil, 0, errors.New("a guest needs a name")
	case utf8.RuneCountInString(name) > maxGuestName:
		return nil, 0, fmt.Errorf("a guest's name has at most %d characters", maxGuestName)
	case key == "":
		return nil, 0, fmt.Errorf("a guest without a key: %w", model.ErrNotAllowed)
	}
	var id, person int64
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var err error
		if id, party, err = s.admit(ctx, tx, code, party, "guest_key IS ?", key); err != nil {
			return err
		}
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM account_keys WHERE key = ?`, key).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return model.ErrKeyTaken // an enrolled person joins as themself
		}
		if err := guestNameFree(ctx, tx, id, name, key); err != nil {
			return err
		}
		err = tx.QueryRowContext(ctx, `INSERT INTO room_people (session_id, guest_key, name, party, joined_at)
			VALUES (?, ?, ?, ?, ?) ON CONFLICT (session_id, guest_key) WHERE guest_key IS NOT NULL
			DO UPDATE SET joined_at = excluded.joined_at RETURNING id`,
			id, key, name, party, ts(s.now())).Scan(&person)
		if err != nil {
			return err
		}
		return nil
	})
	if err != nil {
		return nil, 0, err
	}
	s.announceJoin(id)
	return s.AsGuest(person), id, nil
}

// GuestByKey returns the store and room of the guest a key is.
func (s *Store) GuestByKey(ctx context.Context, key string) (model.Store, int64, error) {
	var person, id int64
	err := s.db.QueryRowContext(ctx, `SELECT id, session_id FROM room_people WHERE guest_key = ?
		ORDER BY joined_at DESC, id DESC LIMIT 1`, strings.TrimSpace(key)).Scan(&person, &id)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, 0, model.ErrNotFound
	}
	if err != nil {
		return nil, 0, classify(s.path, err)
	}
	return s.AsGuest(person), id, nil
}

// MyRooms lists the rooms of unfinished sessions the person is in.
func (s *Store) MyRooms(ctx context.Context) ([]model.RoomRef, error) {
	if !s.who.scoped() {
		return nil, nil
	}
	cond, arg := "rp.account_id = ?", s.who.id
	if s.who.guest() {
		cond, arg = "rp.id = ?", -s.who.id
	}
	rows, err := s.db.QueryContext(ctx, `SELECT ss.id, ss.flow_title, rp.party, rp.joined_at,
		EXISTS (SELECT 1 FROM rounds WHERE session_id = ss.id)
		FROM room_people rp JOIN sessions ss ON ss.id = rp.session_id
		WHERE `+cond+` AND ss.status <> 'done' ORDER BY rp.joined_at DESC, ss.id DESC`, arg)
	if err != nil {
		return nil, classify(s.path, err)
	}
	defer rows.Close()
	var out []model.RoomRef
	for rows.Next() {
		var r model.RoomRef
		var joined string
		var round bool
		if err := rows.Scan(&r.SessionID, &r.Title, &r.Party, &joined, &round); err != nil {
			return nil, classify(s.path, err)
		}
		r.JoinedAt, r.Kind = parseTS(joined), model.RoomAgreement
		if round {
			r.Kind = model.RoomRound
		}
		out = append(out, r)
	}
	return out, classify(s.path, rows.Err())
}

// Room reads a room as the store's person may see it.
func (s *Store) Room(ctx context.Context, sessionID int64) (model.Room, error) {
	me, err := s.roomPerson(ctx, s.db, sessionID)
	if err != nil {
		return model.Room{}, err
	}
	r := model.Room{SessionID: sessionID, Me: me}
	var updated, revealed, learner string
	var eng sql.NullInt64
	err = s.db.QueryRowContext(ctx, `SELECT ss.flow_title, ss.status, ss.lang, ss.updated_at, ss.engagement_id,
		r.anonymous, r.revealed_at, coalesce((SELECT l.name FROM engagements e JOIN learners l ON l.id = e.learner_id
		WHERE e.id = ss.engagement_id), '')
		FROM sessions ss JOIN rooms r ON r.session_id = ss.id WHERE ss.id = ?`, sessionID).
		Scan(&r.Title, &r.Status, &r.Lang, &updated, &eng, &r.Anonymous, &revealed, &learner)
	if err != nil {
		return r, classify(s.path, err)
	}
	r.UpdatedAt, r.Revealed, r.Learner = parseTS(updated), revealed != "", learner
	if r.People, err = s.roomPeople(ctx, sessionID); err != nil {
		return r, err
	}
	if r.Kind, err = roomKind(ctx, s.db, sessionID); err != nil {
		return r, classify(s.path, err)
	}
	if r.Kind == model.RoomRound {
		return r, s.roundRoom(ctx, &r)
	}
	return r, s.agreementRoom(ctx, &r)
}

func (s *Store) roomPeople(ctx context.Context, sessionID int64) ([]model.RoomPerson, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, name, guest_key IS NOT NULL, party, holder, joined_at FROM room_people
		WHERE session_id = ? ORDER BY holder DESC, id`, sessionID)
	if err != nil {
		return nil, classify(s.path, err)
	}
	defer rows.Close()
	var out []model.RoomPerson
	for rows.Next() {
		var p model.RoomPerson
		var joined string
		if err := rows.Scan(&p.ID, &p.Name, &p.Guest, &p.Party, &p.Holder, &joined); err != nil {
			return nil, classify(s.path, err)
		}
		p.JoinedAt = parseTS(joined)
		out = append(out, p)
	}
	return out, classify(s.path, rows.Err())
}

// roundRoom reads what a round's room shows: the facilitator's record of
// the round, the key questions as shared, and the contributions.
func (s *Store) roundRoom(ctx context.Context, r *model.Room) error {
	var data string
	if err := s.db.QueryRowContext(ctx, `SELECT data FROM rounds WHERE session_id = ?`, r.SessionID).Scan(&data); err != nil {
		return classify(s.path, err)
	}
	rd, err := decodeRound(s.path, r.SessionID, data)
	if err != nil {
		return err
	}
	if !r.Me.Holder {
		rd.Carried = nil // the facilitator's record of earlier rounds
	}
	r.Round = &rd
	rows, err := s.db.QueryContext(ctx, `SELECT key, answer FROM steps WHERE session_id = ? AND prompt_id = ?
		AND answer_private = 0 AND answer <> '' ORDER BY position`, r.SessionID, model.KeyQuestionPromptID)
	if err != nil {
		return classify(s.path, err)
	}
	r.KeyQuestions = map[string]string{}
	for rows.Next() {
		var k, a string
		if err := rows.Scan(&k, &a); err != nil {
			rows.Close()
			return classify(s.path, err)
		}
		r.KeyQuestions[k] = a
	}
	rows.Close()
	r.Contribs, err = s.contributions(ctx, r.SessionID, r.Me.ID)
	return err
}

// contributions reads a room's contributions as the person at place me
// may see them.
func (s *Store) contributions(ctx context.Context, sessionID, me int64) ([]model.Contribution, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT c.id, c.kind, c.phase, c.presenter,
		CASE WHEN c.anonymous = 0 OR c.author = ? THEN rp.name ELSE '' END,
		CASE WHEN c.anonymous = 0 OR c.author = ? THEN rp.guest_key IS NOT NULL ELSE 0 END, c.author = ?, c.anonymous,
		c.private, c.text, c.taken_up, c.created_at, c.updated_at
		FROM contributions c JOIN room_people rp ON rp.id = c.author
		WHERE c.session_id = ? AND (c.private = 0 OR c.author = ?) ORDER BY c.created_at, c.id`, me, me, me, sessionID, me)
	if err != nil {
		return nil, classify(s.path, err)
	}
	defer rows.Close()
	var out []model.Contribution
	for rows.Next() {
		var c model.Contribution
		var created, updated string
		if err := rows.Scan(&c.ID, &c.Kind, &c.Phase, &c.Presenter, &c.Author, &c.Guest, &c.Mine, &c.Anonymous, &c.Private,
			&c.Text, &c.TakenUp, &created, &updated); err != nil {
			return nil, classify(s.path, err)
		}
		c.CreatedAt, c.UpdatedAt = parseTS(created), parseTS(updated)
		out = append(out, c)
	}
	return out, classify(s.path, rows.Err())
}

// agreementRoom reads what an agreement's room shows: the topics, the
// agreed text as recorded, the parties' views as the reader may see them,
// and the confirmations.
func (s *Store) agreementRoom(ctx context.Context, r *model.Room) error {
	rows, err := s.db.QueryContext(ctx, `SELECT st.prompt_id, st.title, coalesce(i.agreed, '') FROM steps st
		LEFT JOIN agreement_items i ON i.session_id = st.session_id AND i.topic = st.prompt_id
		WHERE st.session_id = ? AND st.answer_kind = ? ORDER BY st.position`, r.SessionID, model.KindAgreement)
	if err != nil {
		return classify(s.path, err)
	}
	r.Agreed, r.Titles = map[string]string{}, map[string]string{}
	for rows.Next() {
		var topic, title, agreed string
		if err := rows.Scan(&topic, &title, &agreed); err != nil {
			rows.Close()
			return classify(s.path, err)
		}
		if _, dup := r.Titles[topic]; !dup {
			r.Topics = append(r.Topics, topic)
		}
		r.Titles[topic], r.Agreed[topic] = title, agreed
	}
	rows.Close()
	if r.Entries, err = s.partyViews(ctx, r.SessionID, r.Me.ID, r.Revealed); err != nil {
		return err
	}
	crows, err := s.db.QueryContext(ctx, `SELECT topic, party, name, guest, agreed, confirmed_at FROM confirmations
		WHERE session_id = ? ORDER BY confirmed_at, party`, r.SessionID)
	if err != nil {
		return classify(s.path, err)
	}
	defer crows.Close()
	for crows.Next() {
		var c model.Confirmation
		var at string
		if err := crows.Scan(&c.Topic, &c.Party, &c.Name, &c.Guest, &c.Agreed, &at); err != nil {
			return classify(s.path, err)
		}
		c.ConfirmedAt = parseTS(at)
		r.Confirms = append(r.Confirms, c)
	}
	return classify(s.path, crows.Err())
}

// partyViews reads the parties' views of a room's topics: all of each when
// revealed, else only the reader's own (me: their place; 0 for all).
func (s *Store) partyViews(ctx context.Context, sessionID, me int64, revealed bool) ([]model.PartyEntry, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT v.topic, v.party, rp.name, v.author = ?, v.expectation, v.fit, v.wording
		FROM party_views v JOIN room_people rp ON rp.id = v.author WHERE v.session_id = ? ORDER BY v.topic, v.party`,
		me, sessionID)
	if err != nil {
		return nil, classify(s.path, err)
	}
	defer rows.Close()
	var out []model.PartyEntry
	for rows.Next() {
		var e model.PartyEntry
		if err := rows.Scan(&e.Topic, &e.Party, &e.Author, &e.Mine, &e.View.Expectation, &e.View.Fit, &e.Wording); err != nil {
			return nil, classify(s.path, err)
		}
		e.Written = strings.TrimSpace(e.View.Expectation) != "" || e.View.Fit > 0 || strings.TrimSpace(e.Wording) != ""
		if !revealed && !e.Mine && me != 0 {
			e.View, e.Wording = model.PartyView{}, ""
		}
		out = append(out, e)
	}
	return out, classify(s.path, rows.Err())
}

// roomWrite runs a write by the store's person in a room of an unfinished
// session, and announces it.
func (s *Store) roomWrite(ctx context.Context, sessionID int64, fn func(tx *sql.Tx, me model.RoomPerson) error) error {
	err := s.tx(ctx, func(tx *sql.Tx) error {
		me, err := s.roomPerson(ctx, tx, sessionID)
		if err != nil {
			return err
		}
		var status string
		if err := tx.QueryRowContext(ctx, `SELECT status FROM sessions WHERE id = ?`, sessionID).Scan(&status); err != nil {
			return err
		}
		if status == string(model.Done) {
			return fmt.Errorf("room %d: %w", sessionID, model.ErrRoomClosed)
		}
		if err := fn(tx, me); err != nil {
			return err
		}
		return nil
	})
	if err == nil {
		s.announce(0, sessionID)
	}
	return err
}

// Contribute saves the person's contribution.
func (s *Store) Contribute(ctx context.Context, sessionID int64, c model.Contribution) (model.Contribution, error) {
	c.Text = strings.TrimSpace(c.Text)
	switch {
	case !c.Kind.Valid():
		return c, fmt.Errorf("unknown kind of contribution %q", c.Kind)
	case len(c.Text) > model.MaxContribution:
		return c, fmt.Errorf("a contribution has at most %d bytes: %w", model.MaxContribution, model.ErrTooLong)
	case !utf8.ValidString(c.Text):
		return c, errors.New("a contribution must be text")
	}
	err := s.roomWrite(ctx, sessionID, func(tx *sql.Tx, me model.RoomPerson) error {
		var data string
		var allowed bool
		err := tx.QueryRowContext(ctx, `SELECT coalesce(rd.data, ''), r.anonymous FROM rooms r
			LEFT JOIN rounds rd ON rd.session_id = r.session_id WHERE r.session_id = ?`, sessionID).Scan(&data, &allowed)
		if err != nil {
			return err
		}
		if data == "" {
			return fmt.Errorf("room %d is not a round's: %w", sessionID, model.ErrNotAllowed)
		}
		now := ts(s.now())
		if c.ID != 0 {
			// A change keeps the kind and whether it carries a name: a
			// word given without a name never gets one afterwards.
			var author int64
			err := tx.QueryRowContext(ctx, `SELECT author, kind, anonymous FROM contributions WHERE id = ? AND session_id = ?`,
				c.ID, sessionID).Scan(&author, &c.Kind, &c.Anonymous)
			if errors.Is(err, sql.ErrNoRows) || err == nil && author != me.ID {
				return fmt.Errorf("contribution %d: %w", c.ID, model.ErrNotAllowed)
			}
			if err != nil {
				return err
			}
			c.Private = c.Private && !c.Kind.MayBeAnonymous()
			if c.Text == "" {
				_, err := tx.ExecContext(ctx, `DELETE FROM contributions WHERE id = ?`, c.ID)
				return err
			}
			_, err = tx.ExecContext(ctx, `UPDATE contributions SET text = ?, anonymous = ?, private = ?, updated_at = ? WHERE id = ?`,
				c.Text, c.Anonymous, c.Private, now, c.ID)
			return err
		}
		if c.Text == "" {
			return errors.New("a contribution needs some text")
		}
		if c.Anonymous && (!allowed || !c.Kind.MayBeAnonymous()) {
			return model.ErrNoAnonymity // never sent with a name it was not meant to carry
		}
		c.Private = c.Private && !c.Kind.MayBeAnonymous()
		rd, err := decodeRound(s.path, sessionID, data)
		if err != nil {
			return err
		}
		if c.Presenter == "" || !slices.Contains(rd.AllPresenters(), c.Presenter) {
			c.Presenter = rd.Presenting()
		}
		c.Phase = ""
		if t := rd.Timer; !t.Done() && len(t.Phases) > 0 {
			c.Phase = t.Phases[t.Current].ID
		}
		c.CreatedAt = s.now()
		c.UpdatedAt = c.CreatedAt
		return tx.QueryRowContext(ctx, `INSERT INTO contributions (session_id, author, kind, phase, presenter, text, anonymous,
			private, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
			sessionID, me.ID, c.Kind, c.Phase, c.Presenter, c.Text, c.Anonymous, c.Private, now, now).Scan(&c.ID)
	})
	c.Mine = true
	return c, err
}

// TakeUp marks a question as taken up by the presenter (or the holder).
func (s *Store) TakeUp(ctx context.Context, sessionID, contribID int64, on bool) error {
	return s.roomWrite(ctx, sessionID, func(tx *sql.Tx, me model.RoomPerson) error {
		var data string
		if err := tx.QueryRowContext(ctx, `SELECT data FROM rounds WHERE session_id = ?`, sessionID).Scan(&data); err != nil {
			return fmt.Errorf("room %d is not a round's: %w", sessionID, model.ErrNotAllowed)
		}
		rd, err := decodeRound(s.path, sessionID, data)
		if err != nil {
			return err
		}
		room := model.Room{Me: me, Round: &rd}
		if !me.Holder && !room.IsPresenter() {
			return fmt.Errorf("taking up a question: %w", model.ErrNotAllowed)
		}
		res, err := tx.ExecContext(ctx, `UPDATE contributions SET taken_up = ? WHERE id = ? AND session_id = ? AND kind = ?`,
			on, contribID, sessionID, model.ContribQuestion)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("question %d: %w", contribID, model.ErrNotFound)
		}
		return nil
	})
}

// SetAnonymous lets people in the room write without a name, or stops it.
func (s *Store) SetAnonymous(ctx context.Context, sessionID int64, allowed bool) error {
	return s.roomWrite(ctx, sessionID, func(tx *sql.Tx, me model.RoomPerson) error {
		if !me.Holder {
			return fmt.Errorf("anonymous feedback: %w", model.ErrNotAllowed)
		}
		_, err := tx.ExecContext(ctx, `UPDATE rooms SET anonymous = ? WHERE session_id = ?`, allowed, sessionID)
		return err
	})
}

// isTopic checks that a topic is one of the agreement topics of a session.
func isTopic(ctx context.Context, tx *sql.Tx, sessionID int64, topic string) error {
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM steps WHERE session_id = ? AND prompt_id = ? AND answer_kind = ?`,
		sessionID, topic, model.KindAgreement).Scan(&n); err != nil {
		return err
	}
	if n == 0 {
		return fmt.Errorf("topic %q: %w", topic, model.ErrNotFound)
	}
	return nil
}

// SetPartyView saves the person's party's view of a topic.
func (s *Store) SetPartyView(ctx context.Context, sessionID int64, topic string, v model.PartyView) error {
	v.Expectation = strings.TrimSpace(v.Expectation)
	switch {
	case v.Fit < 0 || v.Fit > 5:
		return fmt.Errorf("fit is from 1 to 5 (0: not given), not %d", v.Fit)
	case len(v.Expectation) > model.MaxContribution:
		return fmt.Errorf("an expectation has at most %d bytes: %w", model.MaxContribution, model.ErrTooLong)
	}
	return s.roomWrite(ctx, sessionID, func(tx *sql.Tx, me model.RoomPerson) error {
		if me.Party == "" {
			return fmt.Errorf("a view without a party: %w", model.ErrNotAllowed)
		}
		if err := isTopic(ctx, tx, sessionID, topic); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO party_views (session_id, topic, party, author, expectation, fit, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (session_id, topic, party) DO UPDATE SET author = excluded.author,
			expectation = excluded.expectation, fit = excluded.fit, updated_at = excluded.updated_at`,
			sessionID, topic, me.Party, me.ID, v.Expectation, v.Fit, ts(s.now()))
		return err
	})
}

// SuggestWording saves the words the person's party suggests for a topic's
// agreed text.
func (s *Store) SuggestWording(ctx context.Context, sessionID int64, topic, text string) error {
	text = strings.TrimSpace(text)
	if len(text) > model.MaxContribution {
		return fmt.Errorf("suggested words have at most %d bytes: %w", model.MaxContribution, model.ErrTooLong)
	}
	return s.roomWrite(ctx, sessionID, func(tx *sql.Tx, me model.RoomPerson) error {
		if me.Party == "" {
			return fmt.Errorf("words without a party: %w", model.ErrNotAllowed)
		}
		if err := isTopic(ctx, tx, sessionID, topic); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO party_views (session_id, topic, party, author, wording, updated_at)
			VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (session_id, topic, party) DO UPDATE SET author = excluded.author,
			wording = excluded.wording, updated_at = excluded.updated_at`,
			sessionID, topic, me.Party, me.ID, text, ts(s.now()))
		return err
	})
}

// FreeSeat lets someone else speak for a party in the room.
func (s *Store) FreeSeat(ctx context.Context, sessionID int64, party model.Party) error {
	return s.roomWrite(ctx, sessionID, func(tx *sql.Tx, me model.RoomPerson) error {
		if !me.Holder {
			return fmt.Errorf("freeing a party's seat: %w", model.ErrNotAllowed)
		}
		_, err := tx.ExecContext(ctx, `UPDATE room_people SET party = '' WHERE session_id = ? AND party = ? AND NOT holder`,
			sessionID, party)
		return err
	})
}

// Reveal shows the parties' views to everyone in the room.
func (s *Store) Reveal(ctx context.Context, sessionID int64) ([]model.PartyEntry, error) {
	err := s.roomWrite(ctx, sessionID, func(tx *sql.Tx, me model.RoomPerson) error {
		if !me.Holder {
			return fmt.Errorf("revealing the views: %w", model.ErrNotAllowed)
		}
		_, err := tx.ExecContext(ctx, `UPDATE rooms SET revealed_at = ? WHERE session_id = ? AND revealed_at = ''`,
			ts(s.now()), sessionID)
		return err
	})
	if err != nil {
		return nil, err
	}
	return s.partyViews(ctx, sessionID, 0, true)
}

// Confirm records the person's party's confirmation of a topic's agreed
// text as it stands.
func (s *Store) Confirm(ctx context.Context, sessionID int64, topic, read string) error {
	var eng int64
	err := s.roomWrite(ctx, sessionID, func(tx *sql.Tx, me model.RoomPerson) error {
		eng = s.sessionEngagement(ctx, tx, sessionID)
		if me.Party == "" {
			return fmt.Errorf("a confirmation without a party: %w", model.ErrNotAllowed)
		}
		if err := isTopic(ctx, tx, sessionID, topic); err != nil {
			return err
		}
		var agreed string
		tx.QueryRowContext(ctx, `SELECT agreed FROM agreement_items WHERE session_id = ? AND topic = ?`, sessionID, topic).Scan(&agreed)
		if strings.TrimSpace(agreed) == "" {
			return model.ErrNothingAgreed
		}
		if strings.TrimSpace(agreed) != strings.TrimSpace(read) {
			return model.ErrAgreedChanged
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO confirmations (session_id, topic, party, name, guest, agreed, confirmed_at)
			VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (session_id, topic, party) DO UPDATE SET name = excluded.name,
			guest = excluded.guest, agreed = excluded.agreed, confirmed_at = excluded.confirmed_at`,
			sessionID, topic, me.Party, me.Name, me.Guest, agreed, ts(s.now()))
		return err
	})
	if err == nil && eng != 0 {
		s.announce(eng, sessionID) // the agreement as its members read it changed too
	}
	return err
}

// KeepDraft keeps what the person typed and has not sent. It is not
// announced: nobody else reads it.
func (s *Store) KeepDraft(ctx context.Context, sessionID int64, d model.RoomDraft) error {
	if len(d.Text) > model.MaxContribution*4 {
		return fmt.Errorf("a draft has at most %d bytes: %w", model.MaxContribution*4, model.ErrTooLong)
	}
	text := ""
	if d.Text != "" || d.Editing != 0 {
		b, err := json.Marshal(d)
		if err != nil {
			return err
		}
		text = string(b)
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		me, err := s.roomPerson(ctx, tx, sessionID)
		if err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `UPDATE room_people SET draft = ? WHERE id = ?`, text, me.ID)
		return err
	})
}

// announceJoin tells every watch that someone came into a room: who may
// read the session's changes is asked again.
func (s *Store) announceJoin(sessionID int64) {
	s.users.hub.publish(model.StoreChange{SessionID: sessionID, By: s.me.token, Members: true})
}
