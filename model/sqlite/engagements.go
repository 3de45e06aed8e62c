package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"modernc.org/sqlite"

	"bansou/model"
)

// CreateEngagement saves a new learner and engagement with its companions,
// and removes the draft of its form.
func (s *Store) CreateEngagement(ctx context.Context, e model.Engagement) (model.Engagement, error) {
	if err := s.notGuest("an engagement"); err != nil {
		return e, err
	}
	if errs := e.Validate(); errs != nil {
		return e, errs
	}
	now := s.now()
	e.CreatedAt, e.UpdatedAt = now, now
	if e.UID == "" {
		e.UID = model.NewID()
	}
	if e.Learner.UID == "" {
		e.Learner.UID = model.NewID()
	}
	err := s.tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `INSERT INTO learners (uid, name, created_at) VALUES (?, ?, ?)`,
			e.Learner.UID, e.Learner.Name, ts(now))
		if err != nil {
			return err
		}
		if e.Learner.ID, err = res.LastInsertId(); err != nil {
			return err
		}
		res, err = tx.ExecContext(ctx, `INSERT INTO engagements
			(uid, learner_id, sending_org, host_org, start_date, end_date, checkin_early_days, checkin_later_days,
			archived, created_at, updated_at, my_type)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			e.UID, e.Learner.ID, e.SendingOrg, e.HostOrg, e.Start.String(), e.End.String(), e.CheckinEarlyDays,
			e.CheckinLaterDays, e.Archived, ts(now), ts(now), s.ownType(e))
		if err != nil {
			return err
		}
		if e.ID, err = res.LastInsertId(); err != nil {
			return err
		}
		if err := s.dropDraft(ctx, tx, e.UID); err != nil {
			return err
		}
		if s.who.scoped() && !s.who.office() {
			// Whoever starts an engagement on a server is its first member,
			// of the type they gave, else their usual one.
			t := s.account.Type
			if e.MyType.Valid() {
				t = e.MyType
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO members (engagement_id, account_id, type) VALUES (?, ?, ?)`,
				e.ID, s.who.id, string(t)); err != nil {
				return err
			}
			e.MyType = t
		}
		return writeCompanions(ctx, tx, e.ID, e.Companions)
	})
	if err == nil {
		s.typing(e.UID, false)
		s.announce(e.ID, 0)
	}
	return e, err
}

// UpdateEngagement saves an engagement's details, its learner's name and its
// companions, and removes the draft of its form. Whether it is archived is left as it stands in the database
// (ArchiveEngagement changes it), so that a form opened before another
// bansou archived the engagement does not bring it back, and is returned.
func (s *Store) UpdateEngagement(ctx context.Context, e model.Engagement) (model.Engagement, error) {
	if errs := e.Validate(); errs != nil {
		return e, errs
	}
	e.UpdatedAt = s.now()
	err := s.tx(ctx, func(tx *sql.Tx) error {
		if err := s.mayChange(ctx, tx, e.ID); err != nil {
			return err
		}
		err := tx.QueryRowContext(ctx, `UPDATE engagements SET sending_org = ?, host_org = ?,
			start_date = ?, end_date = ?, checkin_early_days = ?, checkin_later_days = ?,
			updated_at = ? WHERE id = ? RETURNING archived`,
			e.SendingOrg, e.HostOrg, e.Start.String(), e.End.String(), e.CheckinEarlyDays, e.CheckinLaterDays,
			ts(e.UpdatedAt), e.ID).Scan(&e.Archived)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("engagement %d: %w", e.ID, model.ErrNotFound)
		}
		if err != nil {
			return err
		}
		if err := s.setMyType(ctx, tx, e); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE learners SET name = ?
			WHERE id = (SELECT learner_id FROM engagements WHERE id = ?)`, e.Learner.Name, e.ID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM companions WHERE engagement_id = ?`, e.ID); err != nil {
			return err
		}
		if err := s.dropDraft(ctx, tx, e.UID); err != nil {
			return err
		}
		return writeCompanions(ctx, tx, e.ID, e.Companions)
	})
	if err == nil {
		s.typing(e.UID, false)
		s.announce(e.ID, 0)
	}
	return e, err
}

// ownType is what the engagements table keeps as the single user's type on
// an engagement; on a server it keeps nothing (the membership says it).
func (s *Store) ownType(e model.Engagement) string {
	if s.who.scoped() {
		return ""
	}
	return string(e.MyType)
}

// setMyType saves the type the person says they are on the engagement: the
// single user's on the engagement, a person's on their membership (an
// empty type leaves a membership's as it is; the office has none).
func (s *Store) setMyType(ctx context.Context, tx *sql.Tx, e model.Engagement) error {
	if !s.who.scoped() {
		_, err := tx.ExecContext(ctx, `UPDATE engagements SET my_type = ? WHERE id = ?`, string(e.MyType), e.ID)
		return err
	}
	if !e.MyType.Valid() {
		return nil
	}
	_, err := tx.ExecContext(ctx, `UPDATE members SET type = ? WHERE engagement_id = ? AND account_id = ?`,
		string(e.MyType), e.ID, s.who.id)
	return err
}

func writeCompanions(ctx context.Context, tx *sql.Tx, id int64, cs []model.Companion) error {
	for i, c := range cs {
		if _, err := tx.ExecContext(ctx, `INSERT INTO companions (engagement_id, position, name, type)
			VALUES (?, ?, ?, ?)`, id, i, c.Name, string(c.Type)); err != nil {
			return err
		}
	}
	return nil
}

// ArchiveEngagement hides or restores an engagement.
func (s *Store) ArchiveEngagement(ctx context.Context, id int64, archived bool) error {
	defer s.announce(id, 0)
	return s.tx(ctx, func(tx *sql.Tx) error {
		if err := s.mayChange(ctx, tx, id); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `UPDATE engagements SET archived = ?, updated_at = ? WHERE id = ?`,
			archived, ts(s.now()), id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("engagement %d: %w", id, model.ErrNotFound)
		}
		return nil
	})
}

const engagementColumns = `e.id, coalesce(e.uid, ''), e.learner_id, coalesce(l.uid, ''), l.name, e.sending_org, e.host_org, e.start_date,
	e.end_date, e.checkin_early_days, e.checkin_later_days, e.archived, e.created_at, e.updated_at`

// myType is an SQL expression for the type the store's person is on the
// engagement e: the single user's as kept on it, a person's membership's.
func (s *Store) myType() string {
	if !s.who.scoped() {
		return "e.my_type"
	}
	return fmt.Sprintf("coalesce((SELECT m.type FROM members m WHERE m.account_id = %d AND m.engagement_id = e.id), '')", s.who.id)
}

func scanEngagement(row interface{ Scan(...any) error }) (model.Engagement, error) {
	var e model.Engagement
	var start, end, created, updated string
	if err := row.Scan(&e.ID, &e.UID, &e.Learner.ID, &e.Learner.UID, &e.Learner.Name, &e.SendingOrg, &e.HostOrg,
		&start, &end, &e.CheckinEarlyDays, &e.CheckinLaterDays, &e.Archived, &created, &updated, &e.MyType); err != nil {
		return e, err
	}
	e.Start, _ = model.ParseDate(start)
	e.End, _ = model.ParseDate(end)
	e.CreatedAt, e.UpdatedAt = parseTS(created), parseTS(updated)
	return e, nil
}

// Engagement returns one engagement with its companions.
func (s *Store) Engagement(ctx context.Context, id int64) (model.Engagement, error) {
	e, err := scanEngagement(s.db.QueryRowContext(ctx, `SELECT `+engagementColumns+`, `+s.myType()+`
		FROM engagements e JOIN learners l ON l.id = e.learner_id WHERE e.id = ? AND `+s.member("e.id"), id))
	if errors.Is(err, sql.ErrNoRows) {
		return e, fmt.Errorf("engagement %d: %w", id, model.ErrNotFound)
	}
	if err != nil {
		return e, classify(s.path, err)
	}
	cs, err := s.companions(ctx, s.db, &id)
	if err != nil {
		return e, err
	}
	e.Companions = cs[id]
	return e, nil
}

// Engagements lists engagements, the latest start first.
func (s *Store) Engagements(ctx context.Context, includeArchived bool) ([]model.Engagement, error) {
	return s.engagements(ctx, s.db, includeArchived)
}

// engagements is Engagements, read through q.
func (s *Store) engagements(ctx context.Context, q querier, includeArchived bool) ([]model.Engagement, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+engagementColumns+`, `+s.myType()+`
		FROM engagements e JOIN learners l ON l.id = e.learner_id
		WHERE (e.archived = 0 OR ?) AND `+s.member("e.id")+` ORDER BY e.start_date DESC, e.id DESC`, includeArchived)
	if err != nil {
		return nil, classify(s.path, err)
	}
	defer rows.Close()
	var out []model.Engagement
	for rows.Next() {
		e, err := scanEngagement(rows)
		if err != nil {
			return nil, classify(s.path, err)
		}
		out = append(out, e)
	}
	if err := rows.Err(); err != nil {
		return nil, classify(s.path, err)
	}
	cs, err := s.companions(ctx, q, nil)
	if err != nil {
		return nil, err
	}
	for i := range out {
		out[i].Companions = cs[out[i].ID]
	}
	return out, nil
}

// companions returns the companions of one engagement (id given) or of all.
func (s *Store) companions(ctx context.Context, q querier, id *int64) (map[int64][]model.Companion, error) {
	query := `SELECT engagement_id, name, type FROM companions ORDER BY engagement_id, position`
	var args []any
	if id != nil {
		query = `SELECT engagement_id, name, type FROM companions WHERE engagement_id = ? ORDER BY position`
		args = append(args, *id)
	}
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, classify(s.path, err)
	}
	defer rows.Close()
	out := map[int64][]model.Companion{}
	for rows.Next() {
		var eid int64
		var c model.Companion
		if err := rows.Scan(&eid, &c.Name, &c.Type); err != nil {
			return nil, classify(s.path, err)
		}
		out[eid] = append(out[eid], c)
	}
	return out, classify(s.path, rows.Err())
}

// tx runs fn in a write transaction (BEGIN IMMEDIATE) and classifies errors.
func (s *Store) tx(ctx context.Context, fn func(*sql.Tx) error) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return classify(s.path, err)
	}
	// Checked once the write lock is held, so that nothing is written to
	// a file another program has put something else in place of.
	if err := s.stillAtPath(); err != nil {
		tx.Rollback()
		return err
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		var se *sqlite.Error
		if !errors.As(err, &se) {
			return err // the store's own words (not found, not allowed, open elsewhere…)
		}
		return classify(s.path, err)
	}
	return classify(s.path, tx.Commit())
}
