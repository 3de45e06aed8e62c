package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"bansou/model"
)

// writeLedger saves the ledger entries of a Progress inside its
// transaction, new ones as written by author. (An import decides which of
// its entries to write before.)
func writeLedger(ctx context.Context, tx *sql.Tx, p model.Progress, author int64) error {
	for _, a := range p.Anxieties {
		if a.Deleted {
			if _, err := tx.ExecContext(ctx, `DELETE FROM anxieties WHERE id = ?`, a.ID); err != nil {
				return err
			}
			continue
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO anxieties (id, engagement_id, session_id, step_key,
			text, category, intensity, term, plan, private, created_at, updated_at, author)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (id) DO UPDATE SET text = excluded.text, category = excluded.category,
			intensity = excluded.intensity, term = excluded.term, plan = excluded.plan,
			private = excluded.private, updated_at = excluded.updated_at`,
			a.ID, a.EngagementID, nullID(a.SessionID), a.StepKey, a.Text, a.Category, a.Intensity,
			string(a.Term), a.Plan, a.Private, ts(a.CreatedAt), ts(a.UpdatedAt), author); err != nil {
			return err
		}
	}
	for _, u := range p.AnxietyUpdates {
		if _, err := tx.ExecContext(ctx, `INSERT INTO anxiety_updates (id, anxiety_id, session_id, status, note, note_shared, at, author)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (id) DO UPDATE SET status = excluded.status, note = excluded.note,
			note_shared = excluded.note_shared, at = excluded.at`,
			u.ID, u.AnxietyID, nullID(u.SessionID), string(u.Status), u.Note, u.NoteShared, ts(u.At), author); err != nil {
			return err
		}
	}
	for _, a := range p.Actions {
		if a.Deleted {
			if _, err := tx.ExecContext(ctx, `DELETE FROM actions WHERE id = ?`, a.ID); err != nil {
				return err
			}
			continue
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO actions (id, engagement_id, session_id, step_key,
			text, owner, due, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (id) DO UPDATE SET text = excluded.text, owner = excluded.owner,
			due = excluded.due, updated_at = excluded.updated_at`,
			a.ID, a.EngagementID, nullID(a.SessionID), a.StepKey, a.Text, string(a.Owner), a.Due.String(),
			ts(a.CreatedAt), ts(a.UpdatedAt)); err != nil {
			return err
		}
	}
	for _, u := range p.ActionUpdates {
		if _, err := tx.ExecContext(ctx, `INSERT INTO action_updates (id, action_id, session_id, outcome, note, note_shared, at, author)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (id) DO UPDATE SET outcome = excluded.outcome, note = excluded.note,
			note_shared = excluded.note_shared, at = excluded.at`,
			u.ID, u.ActionID, nullID(u.SessionID), string(u.Outcome), u.Note, u.NoteShared, ts(u.At), author); err != nil {
			return err
		}
	}
	for _, it := range p.Agreement {
		if _, err := tx.ExecContext(ctx, `INSERT INTO agreement_items (session_id, topic, title,
			learner_expectation, learner_fit, sending_expectation, sending_fit, host_expectation, host_fit,
			agreed, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (session_id, topic) DO UPDATE SET title = excluded.title,
			learner_expectation = excluded.learner_expectation, learner_fit = excluded.learner_fit,
			sending_expectation = excluded.sending_expectation, sending_fit = excluded.sending_fit,
			host_expectation = excluded.host_expectation, host_fit = excluded.host_fit,
			agreed = excluded.agreed, updated_at = excluded.updated_at`,
			it.SessionID, it.Topic, it.Title, it.Learner.Expectation, it.Learner.Fit, it.Sending.Expectation,
			it.Sending.Fit, it.Host.Expectation, it.Host.Fit, it.Agreed, ts(it.UpdatedAt)); err != nil {
			return err
		}
	}
	return nil
}

// mayWriteLedger refuses a Progress that would change a ledger entry the
// store's person may not: one of an engagement they are not a member of, a
// private worry or a status or outcome note someone else wrote, or the
// agreement recorded in another session. New entries are theirs, and
// belong to the session saved and its engagement: an entry made there
// cannot be put into another engagement, nor tied to another person's
// session (whose learner and questions a search names with the entry).
func (s *Store) mayWriteLedger(ctx context.Context, tx *sql.Tx, p model.Progress) error {
	if !s.who.scoped() {
		return nil
	}
	var engagement int64
	if err := tx.QueryRowContext(ctx, `SELECT coalesce(engagement_id, 0) FROM sessions WHERE id = ?`, p.SessionID).
		Scan(&engagement); err != nil {
		return err
	}
	inSession := func(session int64) bool { return session == p.SessionID }
	here := func(eng, session int64) bool { return engagement != 0 && eng == engagement && inSession(session) }
	type check struct {
		query, id string
		isNew     bool // a new entry (none with its id) may be written
	}
	var checks []check
	for _, a := range p.Anxieties {
		checks = append(checks, check{`SELECT ` + s.member("engagement_id") + ` AND (private = 0 OR ` + s.is("author") +
			`) FROM anxieties WHERE id = ?`, a.ID, here(a.EngagementID, a.SessionID)})
	}
	for _, a := range p.Actions {
		checks = append(checks, check{`SELECT ` + s.member("engagement_id") + ` FROM actions WHERE id = ?`, a.ID,
			here(a.EngagementID, a.SessionID)})
	}
	for _, u := range p.AnxietyUpdates {
		checks = append(checks, check{`SELECT ` + s.is("author") + ` FROM anxiety_updates WHERE id = ?`, u.ID, inSession(u.SessionID)},
			check{`SELECT ` + s.member("engagement_id") + ` AND (private = 0 OR ` + s.is("author") +
				`) FROM anxieties WHERE id = ?`, u.AnxietyID, true})
	}
	for _, u := range p.ActionUpdates {
		checks = append(checks, check{`SELECT ` + s.is("author") + ` FROM action_updates WHERE id = ?`, u.ID, inSession(u.SessionID)},
			check{`SELECT ` + s.member("engagement_id") + ` FROM actions WHERE id = ?`, u.ActionID, true})
	}
	for _, c := range checks {
		var ok bool
		err := tx.QueryRowContext(ctx, c.query, c.id).Scan(&ok)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			ok = c.isNew
		case err != nil:
			return err
		}
		if !ok {
			return fmt.Errorf("ledger entry %s: %w", c.id, model.ErrNotAllowed)
		}
	}
	for _, it := range p.Agreement {
		if it.SessionID != p.SessionID {
			return fmt.Errorf("agreement of session %d: %w", it.SessionID, model.ErrNotAllowed)
		}
	}
	return nil
}

// entriesChanged refuses the worries and actions of a Progress that were
// changed or removed since the copy being saved was read or last saved
// (their Read is not the stored time of last change): another member or
// window wrote them, and this older copy would write over that. Each is a
// model.EntryChangedError, joined; an entry never saved (Read zero) is
// new, and is not checked.
func entriesChanged(ctx context.Context, tx *sql.Tx, p model.Progress) error {
	var errs []error
	check := func(table, id string, read time.Time) error {
		if read.IsZero() {
			return nil
		}
		var at string
		err := tx.QueryRowContext(ctx, `SELECT updated_at FROM `+table+` WHERE id = ?`, id).Scan(&at)
		switch {
		case errors.Is(err, sql.ErrNoRows):
		case err != nil:
			return err
		case at == ts(read):
			return nil
		}
		errs = append(errs, &model.EntryChangedError{ID: id})
		return nil
	}
	for _, a := range p.Anxieties {
		if err := check("anxieties", a.ID, a.Read); err != nil {
			return err
		}
	}
	for _, a := range p.Actions {
		if err := check("actions", a.ID, a.Read); err != nil {
			return err
		}
	}
	return errors.Join(errs...)
}

func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

// Ledger returns an engagement's worries, actions and agreement items, each
// worry and action with its history in order.
func (s *Store) Ledger(ctx context.Context, engagementID int64) (model.Ledger, error) {
	if err := s.officeNoText("ledger"); err != nil {
		return model.Ledger{}, err
	}
	ledgers, err := s.ledgers(ctx, s.db, &engagementID)
	if err != nil {
		return model.Ledger{}, err
	}
	l := ledgers[engagementID]
	if err := s.agreement(ctx, engagementID, &l); err != nil {
		return l, err
	}
	return l, nil
}

// ledgers reads the worries and actions of one engagement (id given) or of
// all, by engagement, each with its history, through q.
func (s *Store) ledgers(ctx context.Context, q querier, id *int64) (map[int64]model.Ledger, error) {
	anxieties, err := s.anxieties(ctx, q, id)
	if err != nil {
		return nil, err
	}
	actions, err := s.actions(ctx, q, id)
	if err != nil {
		return nil, err
	}
	return joinLedgers(anxieties, actions), nil
}

// openLedgers reads, by engagement, what the due list and the balance
// warnings read of the ledger (model.Store.States): how many worries are
// still open (or easing), and the actions still to be done (or not tried),
// without their history, and of what was written only an action's owner
// and due date, never the words. Both are read from their partial indexes
// alone (migration 025), not from the entries: with 10,000 sessions,
// reading the worries whole and looking up each one's history was a fifth
// of the start. The worries are counted by SQLite, not handed over one by
// one: that was more than half of the ledger's time at the start of a new
// process.
func (s *Store) openLedgers(ctx context.Context, q querier) (map[int64]model.Ledger, map[int64]int, error) {
	worries := map[int64]int{}
	err := eachRow(ctx, q, s.openWorriesQuery(), nil, func(rows *sql.Rows) error {
		var id int64
		var n int
		if err := rows.Scan(&id, &n); err != nil {
			return err
		}
		worries[id] = n
		return nil
	})
	if err != nil {
		return nil, nil, classify(s.path, err)
	}
	actions := map[int64][]model.Action{}
	err = eachRow(ctx, q, s.openActionsQuery(), nil, func(rows *sql.Rows) error {
		var a model.Action
		var due string
		if err := rows.Scan(&a.ID, &a.EngagementID, &a.Owner, &due); err != nil {
			return err
		}
		a.Due, _ = model.ParseDate(due)
		actions[a.EngagementID] = append(actions[a.EngagementID], a)
		return nil
	})
	if err != nil {
		return nil, nil, classify(s.path, err)
	}
	return joinLedgers(nil, actions), worries, nil
}

// openWorriesQuery and openActionsQuery are what openLedgers reads: only
// columns of the partial indexes. The worries are counted through their
// index by name: without it, SQLite groups them by engagement through
// another index and reads every worry, open or not.
func (s *Store) openWorriesQuery() string {
	// A private worry is its author's alone, and so is knowing it is open.
	return `SELECT engagement_id, count(*) FROM anxieties a INDEXED BY anxieties_open` +
		s.scopeLedger(" WHERE "+openAnxiety, "a.private = 0 OR "+s.is("a.author")) + ` GROUP BY engagement_id`
}

func (s *Store) openActionsQuery() string {
	return `SELECT id, engagement_id, owner, due FROM actions a` +
		s.scopeLedger(" WHERE "+openAction, "1") + ` ORDER BY created_at, id`
}

// joinLedgers puts worries and actions read by engagement together.
func joinLedgers(anxieties map[int64][]model.Anxiety, actions map[int64][]model.Action) map[int64]model.Ledger {
	out := map[int64]model.Ledger{}
	for e, list := range anxieties {
		l := out[e]
		l.Anxieties = list
		out[e] = l
	}
	for e, list := range actions {
		l := out[e]
		l.Actions = list
		out[e] = l
	}
	return out
}

// ledgerWhere is the WHERE clause, with its arguments, that picks the
// entries a of one engagement (id given) or of all.
func ledgerWhere(id *int64) (string, []any) {
	if id == nil {
		return "", nil
	}
	return " WHERE a.engagement_id = ?", []any{*id}
}

// openAnxiety and openAction are the conditions on an entry a that it is
// still open, as model.Anxiety.IsOpen and model.Action.IsOpen say, on the
// latest word kept on it (migration 025). The values are written in the
// query, as in the partial indexes, which SQLite uses only then.
const (
	openAnxiety = `a.latest_status IN ('open', 'easing')`
	openAction  = `a.latest_outcome IN ('pending', 'not_tried')`
)

// anxieties reads worries by engagement, each with its history (see
// ledgers).
func (s *Store) anxieties(ctx context.Context, q querier, id *int64) (map[int64][]model.Anxiety, error) {
	where, args := ledgerWhere(id)
	// A private worry is its author's alone.
	where = s.scopeLedger(where, "a.private = 0 OR "+s.is("a.author"))
	anxieties := map[string]*model.Anxiety{}
	var order []string
	rows, err := q.QueryContext(ctx, s.anxietiesQuery(where), args...)
	if err != nil {
		return nil, classify(s.path, err)
	}
	for rows.Next() {
		var a model.Anxiety
		var created, updated string
		if err := rows.Scan(&a.ID, &a.EngagementID, &a.SessionID, &a.StepKey, &a.Text, &a.Category,
			&a.Intensity, &a.Term, &a.Plan, &a.Private, &created, &updated); err != nil {
			rows.Close()
			return nil, classify(s.path, err)
		}
		a.CreatedAt, a.UpdatedAt = parseTS(created), parseTS(updated)
		a.Read = a.UpdatedAt
		anxieties[a.ID] = &a
		order = append(order, a.ID)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, classify(s.path, err)
	}
	urows, err := q.QueryContext(ctx, `SELECT u.id, u.anxiety_id, coalesce(u.session_id, 0), u.status,
		`+s.text("u.note", "(u.note_shared = 1 OR "+s.is("u.author")+")")+`, u.note_shared, u.at FROM anxiety_updates u JOIN anxieties a ON a.id = u.anxiety_id`+where+` ORDER BY u.at, u.id`, args...)
	if err != nil {
		return nil, classify(s.path, err)
	}
	for urows.Next() {
		var u model.AnxietyUpdate
		var at string
		if err := urows.Scan(&u.ID, &u.AnxietyID, &u.SessionID, &u.Status, &u.Note, &u.NoteShared, &at); err != nil {
			urows.Close()
			return nil, classify(s.path, err)
		}
		u.At = parseTS(at)
		if a := anxieties[u.AnxietyID]; a != nil {
			a.History = append(a.History, u)
		}
	}
	urows.Close()
	if err := urows.Err(); err != nil {
		return nil, classify(s.path, err)
	}
	return byEngagement(order, anxieties, func(a *model.Anxiety) int64 { return a.EngagementID }), nil
}

// anxietiesQuery reads the worries a picked by where, in the order written.
func (s *Store) anxietiesQuery(where string) string {
	return `SELECT id, engagement_id, coalesce(session_id, 0), step_key, ` + s.text("text", "1") + `,
		category, intensity, term, ` + s.text("plan", "1") + `, private, created_at, updated_at FROM anxieties a` + where +
		` ORDER BY created_at, id`
}

// actionsQuery reads the actions a picked by where, in the order written.
func (s *Store) actionsQuery(where string) string {
	return `SELECT id, engagement_id, coalesce(session_id, 0), step_key, ` + s.text("text", "1") + `,
		owner, due, created_at, updated_at FROM actions a` + where + ` ORDER BY created_at, id`
}

// scopeLedger adds to a ledger query's WHERE clause (ledgerWhere, on
// entries a) what the store's person may read: the entries of engagements
// they are a member of, and of those the ones for which cond holds.
func (s *Store) scopeLedger(where, cond string) string {
	if !s.who.scoped() {
		return where
	}
	scope := s.member("a.engagement_id") + " AND (" + cond + ")"
	if where == "" {
		return " WHERE " + scope
	}
	return where + " AND " + scope
}

// byEngagement groups entries read by id, in the order read, by engagement.
func byEngagement[T any](order []string, byID map[string]*T, engagement func(*T) int64) map[int64][]T {
	out := map[int64][]T{}
	for _, id := range order {
		e := byID[id]
		out[engagement(e)] = append(out[engagement(e)], *e)
	}
	return out
}

// actions reads actions by engagement, each with its history (see
// ledgers).
func (s *Store) actions(ctx context.Context, q querier, id *int64) (map[int64][]model.Action, error) {
	where, args := ledgerWhere(id)
	where = s.scopeLedger(where, "1")
	actions := map[string]*model.Action{}
	var order []string
	arows, err := q.QueryContext(ctx, s.actionsQuery(where), args...)
	if err != nil {
		return nil, classify(s.path, err)
	}
	for arows.Next() {
		var a model.Action
		var due, created, updated string
		if err := arows.Scan(&a.ID, &a.EngagementID, &a.SessionID, &a.StepKey, &a.Text, &a.Owner, &due,
			&created, &updated); err != nil {
			arows.Close()
			return nil, classify(s.path, err)
		}
		a.Due, _ = model.ParseDate(due)
		a.CreatedAt, a.UpdatedAt = parseTS(created), parseTS(updated)
		a.Read = a.UpdatedAt
		actions[a.ID] = &a
		order = append(order, a.ID)
	}
	arows.Close()
	if err := arows.Err(); err != nil {
		return nil, classify(s.path, err)
	}
	orows, err := q.QueryContext(ctx, `SELECT u.id, u.action_id, coalesce(u.session_id, 0), u.outcome,
		`+s.text("u.note", "(u.note_shared = 1 OR "+s.is("u.author")+")")+`, u.note_shared, u.at FROM action_updates u JOIN actions a ON a.id = u.action_id`+where+` ORDER BY u.at, u.id`, args...)
	if err != nil {
		return nil, classify(s.path, err)
	}
	for orows.Next() {
		var u model.ActionUpdate
		var at string
		if err := orows.Scan(&u.ID, &u.ActionID, &u.SessionID, &u.Outcome, &u.Note, &u.NoteShared, &at); err != nil {
			orows.Close()
			return nil, classify(s.path, err)
		}
		u.At = parseTS(at)
		if a := actions[u.ActionID]; a != nil {
			a.History = append(a.History, u)
		}
	}
	orows.Close()
	if err := orows.Err(); err != nil {
		return nil, classify(s.path, err)
	}
	return byEngagement(order, actions, func(a *model.Action) int64 { return a.EngagementID }), nil
}

// agreement reads the agreement items of every session of an engagement,
// in the order the sessions started.
func (s *Store) agreement(ctx context.Context, engagementID int64, l *model.Ledger) error {
	rows, err := s.db.QueryContext(ctx, `SELECT i.session_id, s.started_at, i.topic, i.title, `+s.text("i.learner_expectation", "1")+`,
		i.learner_fit, `+s.text("i.sending_expectation", "1")+`, i.sending_fit, `+s.text("i.host_expectation", "1")+`, i.host_fit, `+
		s.text("i.agreed", "1")+`,
		i.updated_at FROM agreement_items i JOIN sessions s ON s.id = i.session_id
		WHERE s.engagement_id = ? AND `+s.member("s.engagement_id")+` ORDER BY s.started_at, s.id, i.rowid`, engagementID)
	if err != nil {
		return classify(s.path, err)
	}
	defer rows.Close()
	for rows.Next() {
		var it model.AgreementItem
		var started, at string
		if err := rows.Scan(&it.SessionID, &started, &it.Topic, &it.Title, &it.Learner.Expectation, &it.Learner.Fit,
			&it.Sending.Expectation, &it.Sending.Fit, &it.Host.Expectation, &it.Host.Fit, &it.Agreed, &at); err != nil {
			return classify(s.path, err)
		}
		it.SessionStarted, it.UpdatedAt = parseTS(started), parseTS(at)
		l.Agreement = append(l.Agreement, it)
	}
	if err := rows.Err(); err != nil {
		return classify(s.path, err)
	}
	return s.confirmations(ctx, engagementID, l)
}

// confirmations puts the parties' confirmations of the agreed text, given
// in the rooms of the engagement's sessions, on their items. The office
// reads no text, and none of these.
func (s *Store) confirmations(ctx context.Context, engagementID int64, l *model.Ledger) error {
	if len(l.Agreement) == 0 || s.who.office() {
		return nil
	}
	rows, err := s.db.QueryContext(ctx, `SELECT c.session_id, c.topic, c.party, c.name, c.guest, c.agreed, c.confirmed_at
		FROM confirmations c JOIN sessions s ON s.id = c.session_id
		WHERE s.engagement_id = ? AND `+s.member("s.engagement_id")+` ORDER BY c.confirmed_at, c.party`, engagementID)
	if err != nil {
		return classify(s.path, err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var c model.Confirmation
		var at string
		if err := rows.Scan(&id, &c.Topic, &c.Party, &c.Name, &c.Guest, &c.Agreed, &at); err != nil {
			return classify(s.path, err)
		}
		c.ConfirmedAt = parseTS(at)
		for i := range l.Agreement {
			if it := &l.Agreement[i]; it.SessionID == id && it.Topic == c.Topic {
				it.Confirmed = append(it.Confirmed, c)
			}
		}
	}
	return classify(s.path, rows.Err())
}

// States returns every engagement that is not archived with what the due
// list reads (see model.Store): its worries still open, its actions still
// to be done, and of its sessions the one started last, the one continued
// last and every return checkpoint. They are read one after the other on
// one connection: each new connection reads the schema again, and every
// page it reads into a page cache of its own (at the start, all of them),
// and the three reads at once on three connections took half as much
// processor time again as one after the other, for no sooner an answer on
// two cores (10,000 sessions; the figures are in docs/benchmarks.md).
func (s *Store) States(ctx context.Context) ([]model.EngagementState, error) {
	c, err := s.db.Conn(ctx)
	if err != nil {
		return nil, classify(s.path, err)
	}
	defer c.Close()
	restore, err := smallCache(ctx, c, statesCachePages)
	if err != nil {
		return nil, classify(s.path, err)
	}
	defer restore()
	engs, err := s.engagements(ctx, c, false)
	if err != nil {
		return nil, err
	}
	sessions, err := s.rhythmSessions(ctx, c)
	if err != nil {
		return nil, err
	}
	ledgers, worries, err := s.openLedgers(ctx, c)
	if err != nil {
		return nil, err
	}
	out := make([]model.EngagementState, 0, len(engs))
	for _, e := range engs {
		out = append(out, model.EngagementState{Engagement: e, Sessions: sessions[e.ID], Ledger: ledgers[e.ID],
			OpenWorries: worries[e.ID]})
	}
	return out, nil
}

// statesCachePages is the page cache States reads through. Each page it
// reads, it reads once (the index's upper pages aside); a connection's
// cache let to grow page by page to SQLite's 2 MB took more time taking
// memory for each new page than reading it: with 10,000 sessions, the
// sessions the due list reads took 17–20 ms on a new connection, 4 ms
// through 32 pages, 3 ms read again through a full cache.
const statesCachePages = 32

// smallCache makes the page cache of connection c hold pages pages, and
// returns what gives it back its size.
func smallCache(ctx context.Context, c *sql.Conn, pages int) (func(), error) {
	var size int
	if err := c.QueryRowContext(ctx, "PRAGMA cache_size").Scan(&size); err != nil {
		return nil, err
	}
	if _, err := c.ExecContext(ctx, fmt.Sprintf("PRAGMA cache_size = %d", pages)); err != nil {
		return nil, err
	}
	return func() { c.ExecContext(context.Background(), fmt.Sprintf("PRAGMA cache_size = %d", size)) }, nil
}

// rhythmSessions reads, by engagement, the sessions the due list reads:
// the one started last, the one continued last and every return
// checkpoint, each through an index (migration 008; the partial index on
// checkpoints is used only with the value written in the query, as
// model.UseCheckpoint).
func (s *Store) rhythmSessions(ctx context.Context, q querier) (map[int64][]model.SessionSummary, error) {
	rows, err := q.QueryContext(ctx, rhythmQuery)
	if err != nil {
		return nil, classify(s.path, err)
	}
	defer rows.Close()
	sessions := map[int64][]model.SessionSummary{}
	for rows.Next() {
		var m model.SessionSummary
		var started, updated string
		if err := rows.Scan(&m.ID, &m.EngagementID, &m.FlowID, &m.Use, &m.Milestone, &m.Status, &started, &updated); err != nil {
			return nil, classify(s.path, err)
		}
		m.StartedAt, m.UpdatedAt = parseTS(started), parseTS(updated)
		sessions[m.EngagementID] = append(sessions[m.EngagementID], m)
	}
	return sessions, classify(s.path, rows.Err())
}

// rhythmQuery is what rhythmSessions reads. The three lists are joined
// with UNION ALL: an id found twice is read once all the same (IN), and
// with UNION SQLite merges the lists in the order of the ids, which it
// gets by reading the whole sessions table for the checkpoints instead of
// their index.
const rhythmQuery = `SELECT id, engagement_id, flow_id, flow_use, milestone, status,
		started_at, updated_at FROM sessions WHERE id IN (
			SELECT (SELECT id FROM sessions s WHERE s.engagement_id = e.id ORDER BY s.started_at DESC, s.id DESC LIMIT 1)
				FROM engagements e WHERE e.archived = 0
			UNION ALL SELECT (SELECT id FROM sessions s WHERE s.engagement_id = e.id ORDER BY s.updated_at DESC, s.id DESC LIMIT 1)
				FROM engagements e WHERE e.archived = 0
			UNION ALL SELECT id FROM sessions WHERE flow_use = 'checkpoint' AND engagement_id IS NOT NULL)
		ORDER BY started_at, id`
