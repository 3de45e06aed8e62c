package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"

	"bansou/model"
)

// StartSession saves a new session and its steps.
func (s *Store) StartSession(ctx context.Context, sess model.Session) (model.Session, error) {
	if err := s.notGuest("a session"); err != nil {
		return sess, err
	}
	err := s.tx(ctx, func(tx *sql.Tx) error {
		if err := s.mayHold(ctx, tx, sess.EngagementID); err != nil {
			return err
		}
		return insertSession(ctx, tx, &sess, s.who.id)
	})
	if err == nil {
		s.announce(sess.EngagementID, sess.ID)
	}
	return sess, err
}

// mayHold refuses a new session to the office, and to a person who is not a
// member of its engagement (engagementID 0: a session of none).
func (s *Store) mayHold(ctx context.Context, tx *sql.Tx, engagementID int64) error {
	if s.who.office() {
		return fmt.Errorf("a session: %w", model.ErrNotAllowed)
	}
	if engagementID == 0 || !s.who.scoped() {
		return nil
	}
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT `+s.member("?"), engagementID).Scan(&n); err != nil {
		return err
	}
	if n == 0 {
		return fmt.Errorf("engagement %d: %w", engagementID, model.ErrNotAllowed)
	}
	return nil
}

// mayWrite refuses to write to a session held by another person: its
// private answers and notes are theirs, and what the store's person reads
// of it leaves them out. Nor does a person write to a session of theirs
// in an engagement they are no longer a member of.
func (s *Store) mayWrite(ctx context.Context, tx *sql.Tx, id int64) error {
	if !s.who.scoped() {
		return nil
	}
	var holder int64
	var sees bool
	err := tx.QueryRowContext(ctx, `SELECT held_by, `+s.seesSession("ss")+` FROM sessions ss WHERE id = ?`, id).
		Scan(&holder, &sees)
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("session %d: %w", id, model.ErrNotFound)
	}
	if err != nil {
		return err
	}
	if holder != s.who.id || !sees {
		return fmt.Errorf("session %d: %w", id, model.ErrNotAllowed)
	}
	return nil
}

// StartRound saves a new peer round: its session, steps and what is kept
// beside it, in one transaction.
func (s *Store) StartRound(ctx context.Context, sess model.Session, rd model.PeerRound) (model.Session, model.PeerRound, error) {
	if err := s.notGuest("a round"); err != nil {
		return sess, rd, err
	}
	err := s.tx(ctx, func(tx *sql.Tx) error {
		// A round is held in no engagement; one given with an engagement
		// is its members' to start, as any session of it.
		if err := s.mayHold(ctx, tx, sess.EngagementID); err != nil {
			return err
		}
		if err := insertSession(ctx, tx, &sess, s.who.id); err != nil {
			return err
		}
		rd.SessionID = sess.ID
		return writeRound(ctx, tx, rd)
	})
	if err == nil {
		s.announce(sess.EngagementID, sess.ID)
	}
	return sess, rd, err
}

// insertSession writes a new session and its steps, setting its id (and a
// uid if it has none), held by the account heldBy.
func insertSession(ctx context.Context, tx *sql.Tx, sess *model.Session, heldBy int64) error {
	if sess.UID == "" {
		sess.UID = model.NewID()
	}
	var eng any
	if sess.EngagementID != 0 {
		eng = sess.EngagementID
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO sessions (uid, engagement_id, flow_id, flow_title, lang,
		mode, flow_use, milestone, status, current_key, started_at, updated_at, finished_at, held_by, holder_type)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		sess.UID, eng, sess.FlowID, sess.FlowTitle, string(sess.Lang), string(sess.Mode), string(sess.Use),
		sess.Milestone, string(sess.Status), sess.CurrentKey, ts(sess.StartedAt), ts(sess.UpdatedAt),
		ts(sess.FinishedAt), heldBy, string(sess.HolderType))
	if err != nil {
		return err
	}
	if sess.ID, err = res.LastInsertId(); err != nil {
		return err
	}
	return writeSteps(ctx, tx, sess.ID, sess.Steps)
}

// writeRound saves what a round keeps beside its session.
func writeRound(ctx context.Context, tx *sql.Tx, rd model.PeerRound) error {
	data, err := json.Marshal(rd)
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO rounds (session_id, data) VALUES (?, ?)
		ON CONFLICT (session_id) DO UPDATE SET data = excluded.data`, rd.SessionID, string(data))
	return err
}

const insertStep = `INSERT INTO steps (session_id, key, position, kind, answer_kind, prompt_id,
	followup_id, parent, title, question, answer, value, target, choices, skill, note, skipped, answer_private, note_shared, updated_at)
	VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`

// placeStep writes a new step whole, and of a step already saved only its
// place.
const placeStep = insertStep + ` ON CONFLICT (session_id, key) DO UPDATE SET position = excluded.position`

const upsertStep = insertStep + `
	ON CONFLICT (session_id, key) DO UPDATE SET position = excluded.position,
	kind = excluded.kind, answer_kind = excluded.answer_kind, prompt_id = excluded.prompt_id,
	followup_id = excluded.followup_id, parent = excluded.parent, title = excluded.title,
	question = excluded.question, answer = excluded.answer, value = excluded.value, target = excluded.target,
	choices = excluded.choices, skill = excluded.skill, note = excluded.note, skipped = excluded.skipped,
	answer_private = excluded.answer_private, note_shared = excluded.note_shared, updated_at = excluded.updated_at`

func writeSteps(ctx context.Context, tx *sql.Tx, id int64, steps []model.Step) error {
	return execSteps(ctx, tx, upsertStep, id, steps)
}

// writeLayout writes a session's whole list of steps: every step in its
// place, new steps whole, and the content of those already saved only if
// listed in changed (every one when changed is nil).
func writeLayout(ctx context.Context, tx *sql.Tx, id int64, steps []model.Step, changed []string) error {
	if changed == nil {
		return writeSteps(ctx, tx, id, steps)
	}
	whole, err := tx.PrepareContext(ctx, upsertStep)
	if err != nil {
		return err
	}
	defer whole.Close()
	place, err := tx.PrepareContext(ctx, placeStep)
	if err != nil {
		return err
	}
	defer place.Close()
	for i, st := range steps {
		stmt := place
		if slices.Contains(changed, st.Key) {
			stmt = whole
		}
		if _, err := stmt.ExecContext(ctx, stepArgs(id, i, st)...); err != nil {
			return err
		}
	}
	return nil
}

// writeStepsIfNewer writes the steps that are new, or newer than the same
// step in the database.
func writeStepsIfNewer(ctx context.Context, tx *sql.Tx, id int64, steps []model.Step) error {
	return execSteps(ctx, tx, upsertStep+` WHERE excluded.updated_at > steps.updated_at`, id, steps)
}

func execSteps(ctx context.Context, tx *sql.Tx, query string, id int64, steps []model.Step) error {
	stmt, err := tx.PrepareContext(ctx, query)
	if err != nil {
		return err
	}
	defer stmt.Close()
	for i, st := range steps {
		if _, err := stmt.ExecContext(ctx, stepArgs(id, i, st)...); err != nil {
			return err
		}
	}
	return nil
}

// stepArgs are the values of insertStep for step st at position i.
func stepArgs(id int64, i int, st model.Step) []any {
	return []any{id, st.Key, i, string(st.Kind), answerKind(st.AnswerKind), st.PromptID, st.FollowupID, st.Parent,
		st.Title, st.Question, st.Answer, st.Value, st.Target, joinIDs(st.Choices), st.Skill, st.Note, st.Skipped,
		st.AnswerPrivate, st.NoteShared, ts(st.UpdatedAt)}
}

// SaveProgress writes a session's position, status and changed steps in one
// transaction. Nothing is written to a session open in another running
// bansou (model.ErrOpenElsewhere), nor to one this store opened that another
// bansou has taken over since, even after that one left it
// (model.ErrTakenOver): it may have changed, finished or added to it, and
// this store's older copy would undo that. Nor is anything written to a
// session this store opened that was changed since by anything else (an
// import, a program that did not see the claim): its revision is not the
// one this store last read or wrote (model.ErrChangedElsewhere).
func (s *Store) SaveProgress(ctx context.Context, p model.Progress) error {
	var revision, engagement int64
	err := s.tx(ctx, func(tx *sql.Tx) error {
		if err := s.mayWrite(ctx, tx, p.SessionID); err != nil {
			return err
		}
		claim, err := sessionClaim(ctx, tx, p.SessionID)
		if err != nil {
			return err
		}
		known, held := s.known(p.SessionID)
		switch {
		case held && !s.mine(claim.lease):
			return fmt.Errorf("session %d: %w", p.SessionID, model.ErrTakenOver)
		case s.heldElsewhere(claim.lease):
			return fmt.Errorf("session %d: %w", p.SessionID, model.ErrOpenElsewhere)
		case held && claim.revision != known:
			return fmt.Errorf("session %d: %w", p.SessionID, model.ErrChangedElsewhere)
		}
		if err := s.mayWriteLedger(ctx, tx, p); err != nil {
			return err
		}
		if err := entriesChanged(ctx, tx, p); err != nil {
			return err
		}
		if err := writeProgress(ctx, tx, p, s.who.id); err != nil {
			return err
		}
		engagement = s.sessionEngagement(ctx, tx, p.SessionID)
		return tx.QueryRowContext(ctx, `SELECT revision FROM sessions WHERE id = ?`, p.SessionID).Scan(&revision)
	})
	if err == nil {
		s.wrote(p.SessionID, revision)
		s.announce(engagement, p.SessionID)
	}
	return err
}

// writeProgress writes what a Progress holds.
func writeProgress(ctx context.Context, tx *sql.Tx, p model.Progress, author int64) error {
	if _, err := tx.ExecContext(ctx, `UPDATE sessions SET current_key = ?, place = ?, status = ?, updated_at = ?,
		finished_at = ?, learner_confirmed = ? WHERE id = ?`,
		p.CurrentKey, p.Place.String(), string(p.Status), ts(p.UpdatedAt), ts(p.FinishedAt), ts(p.LearnerConfirmed),
		p.SessionID); err != nil {
		return err
	}
	if p.Layout {
		if err := writeLayout(ctx, tx, p.SessionID, p.Steps, p.Changed); err != nil {
			return err
		}
	} else {
		for _, st := range p.Steps {
			res, err := tx.ExecContext(ctx, `UPDATE steps SET answer = ?, value = ?, target = ?, choices = ?, skill = ?, note = ?,
				skipped = ?, answer_private = ?, note_shared = ?, updated_at = ? WHERE session_id = ? AND key = ?`,
				st.Answer, st.Value, st.Target, joinIDs(st.Choices), st.Skill, st.Note, st.Skipped, st.AnswerPrivate, st.NoteShared,
				ts(st.UpdatedAt), p.SessionID, st.Key)
			if err != nil {
				return err
			}
			if n, _ := res.RowsAffected(); n == 0 {
				return fmt.Errorf("session %d step %q: %w", p.SessionID, st.Key, model.ErrNotFound)
			}
		}
	}
	if p.Round != nil {
		rd := *p.Round
		rd.SessionID = p.SessionID
		if err := writeRound(ctx, tx, rd); err != nil {
			return err
		}
	}
	return writeLedger(ctx, tx, p, author)
}

// SetSessionOpen marks a session as open in a runner of this store (its
// lease is this store's), or no longer open (no one holds it). A session
// open in another running bansou stays its: opening it fails with
// model.ErrOpenElsewhere and closing it leaves it open there. Opening it
// takes its revision as the one this store has read: the runner reads the
// session next.
func (s *Store) SetSessionOpen(ctx context.Context, id int64, open bool) error {
	var claim sessionClaimRow
	err := s.tx(ctx, func(tx *sql.Tx) error {
		if err := s.mayWrite(ctx, tx, id); err != nil {
			if !open && errors.Is(err, model.ErrNotAllowed) {
				return nil // never opened here: nothing to close
			}
			return err
		}
		var err error
		if claim, err = sessionClaim(ctx, tx, id); err != nil {
			return err
		}
		_, held := s.known(id)
		switch {
		case s.heldElsewhere(claim.lease) && open:
			return fmt.Errorf("session %d: %w", id, model.ErrOpenElsewhere)
		case s.heldElsewhere(claim.lease):
			return nil
		case !open && held && !s.mine(claim.lease):
			return nil // taken over and left since: not this store's to close
		}
		if open {
			_, err = tx.ExecContext(ctx, `UPDATE sessions SET `+setLease+` WHERE id = ?`, append(s.leaseArgs(), id)...)
		} else {
			_, err = tx.ExecContext(ctx, `UPDATE sessions SET `+noLease+` WHERE id = ?`, id)
		}
		return err
	})
	if err == nil {
		s.hold(id, open, claim.revision)
	}
	return err
}

// hold records that this store has (or no longer has) a session open, at
// a revision.
func (s *Store) hold(id int64, open bool, revision int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.held == nil {
		s.held = map[int64]int64{}
	}
	if open {
		s.held[id] = revision
	} else {
		delete(s.held, id)
	}
}

// wrote records the revision a save of this store left a session at, if
// the store has it open.
func (s *Store) wrote(id int64, revision int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.held[id]; ok {
		s.held[id] = revision
	}
}

// known reports whether this store has marked a session open, and the
// revision it last read or wrote.
func (s *Store) known(id int64) (revision int64, held bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	revision, held = s.held[id]
	return revision, held
}

// TakeOverSession marks a session as open in this store whoever had it
// open (the lease moves to this store); a bansou that had it open can no
// longer save to it.
func (s *Store) TakeOverSession(ctx context.Context, id int64) error {
	var revision, engagement int64
	err := s.tx(ctx, func(tx *sql.Tx) error {
		if err := s.mayWrite(ctx, tx, id); err != nil {
			return err
		}
		err := tx.QueryRowContext(ctx, `UPDATE sessions SET `+setLease+` WHERE id = ? RETURNING revision`,
			append(s.leaseArgs(), id)...).Scan(&revision)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("session %d: %w", id, model.ErrNotFound)
		}
		engagement = s.sessionEngagement(ctx, tx, id)
		return err
	})
	if err == nil {
		s.hold(id, true, revision)
		s.announce(engagement, id)
	}
	return err
}

// sessionClaimRow is who has a session open (an empty token: none) and its
// revision.
type sessionClaimRow struct {
	lease
	revision int64
}

// sessionClaim reads who has a session open and its revision.
func sessionClaim(ctx context.Context, tx *sql.Tx, id int64) (sessionClaimRow, error) {
	var c sessionClaimRow
	err := tx.QueryRowContext(ctx, `SELECT `+leaseColumns+`, revision FROM sessions WHERE id = ?`, id).Scan(
		append(c.fields(), &c.revision)...)
	if errors.Is(err, sql.ErrNoRows) {
		return c, fmt.Errorf("session %d: %w", id, model.ErrNotFound)
	}
	return c, err
}

const sessionColumns = `id, coalesce(uid, ''), coalesce(engagement_id, 0), flow_id, flow_title, lang, mode, flow_use,
	milestone, status, current_key, started_at, updated_at, finished_at`

// Session returns a session with all its steps.
func (s *Store) Session(ctx context.Context, id int64) (model.Session, error) {
	var sess model.Session
	var started, updated, finished, place, confirmed string
	err := s.db.QueryRowContext(ctx, `SELECT `+sessionColumns+`, place, holder_type, learner_confirmed FROM sessions ss
		WHERE id = ? AND `+s.seesSession("ss"), id).Scan(
		&sess.ID, &sess.UID, &sess.EngagementID, &sess.FlowID, &sess.FlowTitle, &sess.Lang, &sess.Mode, &sess.Use,
		&sess.Milestone, &sess.Status, &sess.CurrentKey, &started, &updated, &finished, &place, &sess.HolderType, &confirmed)
	if errors.Is(err, sql.ErrNoRows) {
		return sess, fmt.Errorf("session %d: %w", id, model.ErrNotFound)
	}
	if err != nil {
		return sess, classify(s.path, err)
	}
	if err := s.officeNoText("session"); err != nil {
		return model.Session{}, err
	}
	sess.StartedAt, sess.UpdatedAt, sess.FinishedAt = parseTS(started), parseTS(updated), parseTS(finished)
	sess.LearnerConfirmed = parseTS(confirmed)
	sess.Place = model.ParsePlace(place)
	steps, err := s.steps(ctx, `WHERE session_id = ?`, id)
	sess.Steps = steps[id]
	return sess, err
}

// steps reads the steps of the sessions picked by where, by session, in
// their order.
func (s *Store) steps(ctx context.Context, where string, args ...any) (map[int64][]model.Step, error) {
	rows, err := s.db.QueryContext(ctx, s.stepsQuery()+where+` ORDER BY session_id, position`, args...)
	if err != nil {
		return nil, classify(s.path, err)
	}
	out, err := scanSteps(rows)
	return out, classify(s.path, err)
}

// stepsQuery reads steps, picked by a WHERE clause added to it.
const stepsQuery = `SELECT session_id, key, kind, answer_kind, prompt_id, followup_id, parent, title, question,
	answer, value, target, choices, skill, note, skipped, answer_private, note_shared, updated_at FROM steps `

// stepsQuery is stepsQuery for the store's person: a private answer (its
// words, point, target and options) or note is read only by the person who
// held its session.
func (s *Store) stepsQuery() string {
	if !s.who.scoped() {
		return stepsQuery
	}
	holder := s.is("(SELECT ss.held_by FROM sessions ss WHERE ss.id = steps.session_id)")
	// The point given and the options chosen are the answer as much as
	// its words.
	answer := "(answer_private = 0 OR " + holder + ")"
	point := func(col string) string {
		if s.who.office() {
			return "0"
		}
		return "(CASE WHEN " + answer + " THEN " + col + " ELSE 0 END)"
	}
	return `SELECT session_id, key, kind, answer_kind, prompt_id, followup_id, parent, title, question,
	` + s.text("answer", answer) + `, ` + point("value") + `, ` + point("target") + `, ` + s.text("choices", answer) + `,
	` + s.text("skill", answer) + `,
	` + s.text("note", "(note_shared = 1 OR "+holder+")") + `, skipped, answer_private, note_shared, updated_at FROM steps `
}

// scanSteps reads rows of stepsQuery, by session, and closes them.
func scanSteps(rows *sql.Rows) (map[int64][]model.Step, error) {
	defer rows.Close()
	out := map[int64][]model.Step{}
	for rows.Next() {
		var st model.Step
		var sid int64
		var at, choices string
		if err := rows.Scan(&sid, &st.Key, &st.Kind, &st.AnswerKind, &st.PromptID, &st.FollowupID, &st.Parent, &st.Title,
			&st.Question, &st.Answer, &st.Value, &st.Target, &choices, &st.Skill, &st.Note, &st.Skipped, &st.AnswerPrivate,
			&st.NoteShared, &at); err != nil {
			return nil, err
		}
		st.UpdatedAt = parseTS(at)
		st.Choices = splitIDs(choices)
		out[sid] = append(out[sid], st)
	}
	return out, rows.Err()
}

// SoloSessions returns every session of a flow that belongs to no
// engagement (the self-reviews), with their steps, oldest first.
func (s *Store) SoloSessions(ctx context.Context, flowID string) ([]model.Session, error) {
	return s.soloSessions(ctx, `flow_id = ?`, flowID)
}

// Rounds returns every peer round with its steps and what is kept beside
// it, oldest first.
func (s *Store) Rounds(ctx context.Context) ([]model.RoundEntry, error) {
	sessions, err := s.soloSessions(ctx, `flow_id LIKE ? ESCAPE '\'`, roundFlowPattern)
	if err != nil || len(sessions) == 0 {
		return nil, err
	}
	rows, err := s.db.QueryContext(ctx, `SELECT session_id, data FROM rounds`)
	if err != nil {
		return nil, classify(s.path, err)
	}
	defer rows.Close()
	data := map[int64]string{}
	for rows.Next() {
		var id int64
		var d string
		if err := rows.Scan(&id, &d); err != nil {
			return nil, classify(s.path, err)
		}
		data[id] = d
	}
	if err := rows.Err(); err != nil {
		return nil, classify(s.path, err)
	}
	out := make([]model.RoundEntry, 0, len(sessions))
	for _, sess := range sessions {
		rd, err := decodeRound(s.path, sess.ID, data[sess.ID])
		if err != nil {
			return nil, err
		}
		out = append(out, model.RoundEntry{Session: sess, Round: rd})
	}
	return out, s.roomActions(ctx, out)
}

// roomActions puts on each round the next actions its participants wrote
// themselves in its room: shared ones only, whoever reads (a private one is
// never brought back to a round).
func (s *Store) roomActions(ctx context.Context, rounds []model.RoundEntry) error {
	if len(rounds) == 0 {
		return nil
	}
	at := map[int64]int{}
	for i, r := range rounds {
		at[r.Session.ID] = i
	}
	rows, err := s.db.QueryContext(ctx, `SELECT c.session_id, rp.name, c.text FROM contributions c
		JOIN room_people rp ON rp.id = c.author JOIN sessions ss ON ss.id = c.session_id
		WHERE c.kind = ? AND c.private = 0 AND ss.engagement_id IS NULL AND `+s.seesSession("ss")+`
		ORDER BY c.created_at, c.id`, model.ContribAction)
	if err != nil {
		return classify(s.path, err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var a model.CarriedAction
		if err := rows.Scan(&id, &a.Name, &a.Action); err != nil {
			return classify(s.path, err)
		}
		if i, ok := at[id]; ok { // a round this store reads
			rounds[i].RoomActions = append(rounds[i].RoomActions, a)
		}
	}
	return classify(s.path, rows.Err())
}

// DeleteRound removes a peer round, its steps and what is kept beside it,
// in one transaction (their search entries go with the steps). Only a
// round the store's person holds is removed: on a server another's round
// is not found. A round open in another running bansou is left to it.
func (s *Store) DeleteRound(ctx context.Context, sessionID int64) error {
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM sessions WHERE id = ? AND engagement_id IS NULL
			AND flow_id LIKE ? ESCAPE '\' AND `+s.is("held_by"), sessionID, roundFlowPattern).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return fmt.Errorf("round %d: %w", sessionID, model.ErrNotFound)
		}
		if err := s.mayWrite(ctx, tx, sessionID); err != nil {
			return err
		}
		claim, err := sessionClaim(ctx, tx, sessionID)
		if err != nil {
			return err
		}
		if s.heldElsewhere(claim.lease) {
			return fmt.Errorf("round %d: %w", sessionID, model.ErrOpenElsewhere)
		}
		// What other people wrote in its room is theirs: a round they
		// wrote in was no mistake, and is not removed.
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM contributions c JOIN room_people rp ON rp.id = c.author
			WHERE c.session_id = ? AND NOT rp.holder`, sessionID).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return fmt.Errorf("round %d: %w", sessionID, model.ErrOthersWrote)
		}
		for _, q := range []string{`DELETE FROM steps WHERE session_id = ?`, `DELETE FROM rounds WHERE session_id = ?`,
			`DELETE FROM sessions WHERE id = ?`} {
			if _, err := tx.ExecContext(ctx, q, sessionID); err != nil {
				return err
			}
		}
		return nil
	})
	if err == nil {
		s.hold(sessionID, false, 0)
		// Its id may be given to the next session: every watch asks anew
		// who may read it.
		s.users.hub.publish(model.StoreChange{SessionID: sessionID, By: s.me.token, Members: true})
	}
	return err
}

// roundFlowPattern matches the flow ids of peer rounds in LIKE.
var roundFlowPattern = strings.NewReplacer(`\`, `\\`, "%", `\%`, "_", `\_`).Replace(model.RoundFlowPrefix) + "%"

// Round returns what a peer round keeps beside its session.
func (s *Store) Round(ctx context.Context, sessionID int64) (model.PeerRound, error) {
	var d string
	if err := s.officeNoText("round"); err != nil {
		return model.PeerRound{}, err
	}
	err := s.db.QueryRowContext(ctx, `SELECT data FROM rounds r JOIN sessions ss ON ss.id = r.session_id
		WHERE r.session_id = ? AND `+s.seesSession("ss"), sessionID).Scan(&d)
	if errors.Is(err, sql.ErrNoRows) {
		return model.PeerRound{}, fmt.Errorf("round %d: %w", sessionID, model.ErrNotFound)
	}
	if err != nil {
		return model.PeerRound{}, classify(s.path, err)
	}
	return decodeRound(s.path, sessionID, d)
}

func decodeRound(path string, id int64, data string) (model.PeerRound, error) {
	rd := model.PeerRound{SessionID: id}
	if data == "" {
		return rd, nil // a round whose setup was lost still shows its notes
	}
	if err := json.Unmarshal([]byte(data), &rd); err != nil {
		return rd, fmt.Errorf("%s: round %d: %w (%v)", path, id, model.ErrCorrupt, err)
	}
	rd.SessionID = id
	return rd, nil
}

// soloSessions returns the sessions without an engagement whose flow
// matches cond, with their steps, oldest first.
func (s *Store) soloSessions(ctx context.Context, cond string, arg any) ([]model.Session, error) {
	if err := s.officeNoText("sessions"); err != nil {
		return nil, err
	}
	cond += " AND engagement_id IS NULL AND " + s.is("held_by")
	rows, err := s.db.QueryContext(ctx, `SELECT `+sessionColumns+` FROM sessions
		WHERE `+cond+` ORDER BY started_at, id`, arg)
	if err != nil {
		return nil, classify(s.path, err)
	}
	var out []model.Session
	for rows.Next() {
		var sess model.Session
		var started, updated, finished string
		if err := rows.Scan(&sess.ID, &sess.UID, &sess.EngagementID, &sess.FlowID, &sess.FlowTitle, &sess.Lang,
			&sess.Mode, &sess.Use, &sess.Milestone, &sess.Status, &sess.CurrentKey, &started, &updated, &finished); err != nil {
			rows.Close()
			return nil, classify(s.path, err)
		}
		sess.StartedAt, sess.UpdatedAt, sess.FinishedAt = parseTS(started), parseTS(updated), parseTS(finished)
		out = append(out, sess)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, classify(s.path, err)
	}
	steps, err := s.steps(ctx, `WHERE session_id IN (SELECT id FROM sessions WHERE `+cond+`)`, arg)
	if err != nil {
		return nil, err
	}
	for i := range out {
		out[i].Steps = steps[out[i].ID]
	}
	return out, nil
}

// Feedback returns what learners said about the support, session by
// session, most recent first: on a server, about the support of the
// store's person, in the sessions they held (what a learner said to a
// fellow member is about that member's support, and theirs).
func (s *Store) Feedback(ctx context.Context) ([]model.FeedbackNote, error) {
	if err := s.officeNoText("feedback"); err != nil {
		return nil, err
	}
	rows, err := s.db.QueryContext(ctx, `SELECT s.id, s.flow_id, s.flow_title, coalesce(l.name, ''), s.started_at,
		st.prompt_id, st.answer, st.choices
		FROM steps st JOIN sessions s ON s.id = st.session_id
		LEFT JOIN engagements e ON e.id = s.engagement_id
		LEFT JOIN learners l ON l.id = e.learner_id
		WHERE st.kind = 'feedback' AND trim(st.answer, ' ' || char(10, 13, 9, 12288)) <> ''
		AND `+s.is("s.held_by")+`
		ORDER BY s.started_at DESC, s.id DESC, st.position`)
	if err != nil {
		return nil, classify(s.path, err)
	}
	defer rows.Close()
	var out []model.FeedbackNote
	for rows.Next() {
		var n model.FeedbackNote
		var at, part, text, tags string
		if err := rows.Scan(&n.SessionID, &n.FlowID, &n.FlowTitle, &n.LearnerName, &at, &part, &text, &tags); err != nil {
			return nil, classify(s.path, err)
		}
		if len(out) == 0 || out[len(out)-1].SessionID != n.SessionID {
			n.At = parseTS(at)
			n.Parts = map[string]string{}
			out = append(out, n)
		}
		out[len(out)-1].Parts[part] = text
		if tags != "" {
			last := &out[len(out)-1]
			if last.Tags == nil {
				last.Tags = map[string][]string{}
			}
			last.Tags[part] = splitIDs(tags)
		}
	}
	return out, classify(s.path, rows.Err())
}

// anxietyAnswer and statusAnswer are the conditions of summaryQuery by
// which a worry recorded at a step, or a status given in a session, make
// it answered (summaries narrows them for a person).
const (
	anxietyAnswer = `x.session_id = a.session_id AND x.step_key = a.key`
	statusAnswer  = `EXISTS (SELECT 1 FROM anxiety_updates x WHERE x.session_id = a.session_id)`
)

const summaryQuery = `SELECT s.id, coalesce(s.engagement_id, 0), coalesce(l.name, ''), s.flow_id,
	s.flow_title, s.flow_use, s.milestone, s.lang, s.status, s.current_key, coalesce(c.title, ''),
	(SELECT count(*) FROM steps a WHERE a.session_id = s.id AND (trim(a.answer, ' ' || char(10, 13, 9, 12288)) <> ''
		OR a.value > 0 OR a.choices <> '' AND a.kind <> 'feedback'
		OR EXISTS (SELECT 1 FROM anxieties x WHERE ` + anxietyAnswer + `)
		OR EXISTS (SELECT 1 FROM actions x WHERE x.session_id = a.session_id AND x.step_key = a.key)
		OR a.answer_kind = 'agreement' AND EXISTS (SELECT 1 FROM agreement_items x
			WHERE x.session_id = a.session_id AND x.topic = a.prompt_id)
		OR a.kind = 'anxieties' AND ` + statusAnswer + `
		OR a.kind = 'actions' AND EXISTS (SELECT 1 FROM action_updates x WHERE x.session_id = a.session_id))),
	(SELECT count(*) FROM steps a WHERE a.session_id = s.id),
	s.lease <> '', s.started_at, s.updated_at, s.finished_at, s.held_by, coalesce(h.name, '')
	FROM sessions s
	LEFT JOIN accounts h ON h.id = s.held_by
	LEFT JOIN engagements e ON e.id = s.engagement_id
	LEFT JOIN learners l ON l.id = e.learner_id
	LEFT JOIN steps c ON c.session_id = s.id AND c.key = s.current_key`

func (s *Store) summaries(ctx context.Context, where string, args ...any) ([]model.SessionSummary, error) {
	query := summaryQuery
	if s.who.office() {
		// A question added in a session is the companion's words.
		query = strings.Replace(query, "coalesce(c.title, '')", "''", 1)
	}
	if s.who.scoped() {
		where = "WHERE " + s.seesSession("s") + " AND " + strings.TrimPrefix(where, "WHERE ")
		// A private worry, and a status of one, count for their author
		// alone: the count would tell others it is there.
		query = strings.Replace(query, anxietyAnswer, anxietyAnswer+" AND (x.private = 0 OR "+s.is("x.author")+")", 1)
		query = strings.Replace(query, statusAnswer, `EXISTS (SELECT 1 FROM anxiety_updates x
			JOIN anxieties y ON y.id = x.anxiety_id WHERE x.session_id = a.session_id AND (y.private = 0 OR `+s.is("y.author")+`))`, 1)
	}
	rows, err := s.db.QueryContext(ctx, query+" "+where, args...)
	if err != nil {
		return nil, classify(s.path, err)
	}
	defer rows.Close()
	var out []model.SessionSummary
	for rows.Next() {
		var m model.SessionSummary
		var started, updated, finished string
		if err := rows.Scan(&m.ID, &m.EngagementID, &m.LearnerName, &m.FlowID, &m.FlowTitle, &m.Use, &m.Milestone, &m.Lang,
			&m.Status, &m.CurrentKey, &m.CurrentTitle, &m.Answered, &m.Total, &m.Open,
			&started, &updated, &finished, &m.HeldBy, &m.Holder); err != nil {
			return nil, classify(s.path, err)
		}
		m.StartedAt, m.UpdatedAt, m.FinishedAt = parseTS(started), parseTS(updated), parseTS(finished)
		out = append(out, m)
	}
	return out, classify(s.path, rows.Err())
}

// Sessions lists an engagement's sessions, oldest first.
func (s *Store) Sessions(ctx context.Context, engagementID int64) ([]model.SessionSummary, error) {
	return s.summaries(ctx, `WHERE s.engagement_id = ? ORDER BY s.started_at, s.id`, engagementID)
}

// InterruptedSessions lists sessions still marked open by a bansou that no
// longer holds them (a crash, a kill, a closed terminal: its lease has
// lapsed), most recent first. Sessions open in a running bansou, this one or
// another, are left out.
func (s *Store) InterruptedSessions(ctx context.Context) ([]model.SessionSummary, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, `+leaseColumns+` FROM sessions WHERE lease <> '' AND `+s.is("held_by"))
	if err != nil {
		return nil, classify(s.path, err)
	}
	var ids []any
	for rows.Next() {
		var id int64
		var l lease
		if err := rows.Scan(append([]any{&id}, l.fields()...)...); err != nil {
			rows.Close()
			return nil, classify(s.path, err)
		}
		if s.mine(l) || s.heldElsewhere(l) {
			continue
		}
		ids = append(ids, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, classify(s.path, err)
	}
	if len(ids) == 0 {
		return nil, nil
	}
	marks := strings.TrimSuffix(strings.Repeat("?,", len(ids)), ",")
	return s.summaries(ctx, `WHERE s.id IN (`+marks+`) ORDER BY s.updated_at DESC`, ids...)
}

func answerKind(k model.AnswerKind) string {
	if k == "" {
		return string(model.KindText)
	}
	return string(k)
}

// joinIDs stores option ids one per line; ids never hold a newline.
func joinIDs(ids []string) string { return strings.Join(ids, "\n") }

func splitIDs(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, "\n")
}

// ReviewCadence is the store's person's cadence of self-reviews, 0 if they
// have not set one.
func (s *Store) ReviewCadence(ctx context.Context) (int, error) {
	if s.who.guest() {
		return 0, nil // a guest has no self-reviews
	}
	var days int
	err := s.db.QueryRowContext(ctx, `SELECT days FROM review_cadence WHERE account_id = ?`, s.who.id).Scan(&days)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	return days, classify(s.path, err)
}

// SetReviewCadence keeps the store's person's cadence of self-reviews.
func (s *Store) SetReviewCadence(ctx context.Context, days int) error {
	if err := model.ValidReviewCadence(days); err != nil {
		return err
	}
	if err := s.notGuest("a cadence of self-reviews"); err != nil {
		return err
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO review_cadence (account_id, days) VALUES (?, ?)
			ON CONFLICT (account_id) DO UPDATE SET days = excluded.days`, s.who.id, days)
		return err
	})
}
