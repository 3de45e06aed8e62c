package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"bansou/model"
)

var _ model.RatingRequests = (*Store)(nil)

// A request for a rating is read by the two people it is between: the
// companion who asked and the rater asked. Its draft is the rater's alone
// (draftOf), and goes when the rating is sent; the rating is then the
// companion's (peerratings.go). An admin, the office and everyone else
// read none of it. The single user of a bansou of one person has nobody to
// ask: their store keeps no requests.

// asker refuses a store that is no person of a server (the single user,
// the operator's store) or a guest.
func (s *Store) asker(what string) error {
	if !s.who.scoped() || s.who.guest() {
		return fmt.Errorf("%s: %w", what, model.ErrNotAllowed)
	}
	return nil
}

// AskRating asks another person to rate the store's person.
func (s *Store) AskRating(ctx context.Context, rater int64) (model.RatingRequest, error) {
	if err := s.asker("asking for a rating"); err != nil {
		return model.RatingRequest{}, err
	}
	if rater == s.who.id {
		return model.RatingRequest{}, fmt.Errorf("asking oneself for a rating: %w", model.ErrNotAllowed)
	}
	var uid string
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var role model.Role
		err := tx.QueryRowContext(ctx, `SELECT role FROM accounts WHERE id = ?`, rater).Scan(&role)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			return fmt.Errorf("person %d: %w", rater, model.ErrNotFound)
		case err != nil:
			return err
		case role == model.RoleOffice:
			// The office has no screen to rate on, and reads no text.
			return fmt.Errorf("asking the office for a rating: %w", model.ErrNotAllowed)
		}
		err = tx.QueryRowContext(ctx, `SELECT uid FROM rating_requests WHERE companion = ? AND rater = ? AND sent_at = ''`,
			s.who.id, rater).Scan(&uid)
		if !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		uid = model.NewID()
		_, err = tx.ExecContext(ctx, `INSERT INTO rating_requests (uid, companion, rater, asked_at) VALUES (?, ?, ?, ?)`,
			uid, s.who.id, rater, ts(s.now()))
		return err
	})
	if err != nil {
		return model.RatingRequest{}, err
	}
	s.users.hub.publish(model.StoreChange{Person: rater, By: s.me.token})
	return s.ratingRequest(ctx, uid)
}

const requestColumns = `r.uid, r.companion, c.name, r.rater, p.name, r.asked_at, r.sent_at, r.draft_at`

// draftOf is an SQL expression: the draft of request r, for its rater
// while it is open; ” for anyone else.
func (s *Store) draftOf() string {
	return fmt.Sprintf("(CASE WHEN r.rater = %d AND r.sent_at = '' THEN r.draft ELSE '' END)", s.who.id)
}

func (s *Store) requestQuery(where string) string {
	return `SELECT ` + requestColumns + `, ` + s.draftOf() + ` FROM rating_requests r
		JOIN accounts c ON c.id = r.companion JOIN accounts p ON p.id = r.rater
		WHERE (r.companion = ` + fmt.Sprint(s.who.id) + ` OR r.rater = ` + fmt.Sprint(s.who.id) + `) AND ` + where
}

func scanRequest(row interface{ Scan(...any) error }) (model.RatingRequest, error) {
	var q model.RatingRequest
	var asked, sent, draftAt, draft string
	if err := row.Scan(&q.UID, &q.Companion, &q.CompanionName, &q.Rater, &q.RaterName, &asked, &sent, &draftAt, &draft); err != nil {
		return q, err
	}
	q.AskedAt, q.SentAt, q.DraftAt = parseTS(asked), parseTS(sent), parseTS(draftAt)
	if draft != "" && json.Unmarshal([]byte(draft), &q.Draft) != nil {
		q.Draft = model.PeerRating{} // not bansou's: nothing to offer
	}
	return q, nil
}

// ratingRequest reads one request the store's person is party to.
func (s *Store) ratingRequest(ctx context.Context, uid string) (model.RatingRequest, error) {
	q, err := scanRequest(s.db.QueryRowContext(ctx, s.requestQuery("r.uid = ?"), uid))
	if errors.Is(err, sql.ErrNoRows) {
		return q, fmt.Errorf("request %s: %w", uid, model.ErrNotFound)
	}
	return q, classify(s.path, err)
}

// RatingRequests lists the requests made by or of the store's person.
func (s *Store) RatingRequests(ctx context.Context) ([]model.RatingRequest, error) {
	if s.asker("") != nil {
		return nil, nil
	}
	rows, err := s.db.QueryContext(ctx, s.requestQuery("1")+` ORDER BY r.asked_at, r.id`)
	if err != nil {
		return nil, classify(s.path, err)
	}
	defer rows.Close()
	var out []model.RatingRequest
	for rows.Next() {
		q, err := scanRequest(rows)
		if err != nil {
			return nil, classify(s.path, err)
		}
		out = append(out, q)
	}
	return out, classify(s.path, rows.Err())
}

// raterOf checks, in a transaction, that request uid was made of the
// store's person and is open.
func (s *Store) raterOf(ctx context.Context, tx *sql.Tx, uid string) (companion int64, err error) {
	var rater int64
	var sent string
	err = tx.QueryRowContext(ctx, `SELECT companion, rater, sent_at FROM rating_requests WHERE uid = ?`, uid).
		Scan(&companion, &rater, &sent)
	switch {
	case errors.Is(err, sql.ErrNoRows) || err == nil && rater != s.who.id:
		return 0, fmt.Errorf("request %s: %w", uid, model.ErrNotFound)
	case err != nil:
		return 0, err
	case sent != "":
		return 0, fmt.Errorf("request %s: %w", uid, model.ErrRatingSent)
	}
	return companion, nil
}

// SaveRatingDraft keeps what the rater has typed.
func (s *Store) SaveRatingDraft(ctx context.Context, uid string, draft model.PeerRating) error {
	if err := s.asker("a rating's draft"); err != nil {
		return err
	}
	data, err := json.Marshal(draft)
	if err != nil {
		return err
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		if _, err := s.raterOf(ctx, tx, uid); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `UPDATE rating_requests SET draft = ?, draft_at = ? WHERE uid = ?`, string(data), ts(s.now()), uid)
		return err
	})
}

// SendRating makes the rating the companion's and closes the request.
func (s *Store) SendRating(ctx context.Context, uid string, r model.PeerRating) (model.PeerRating, error) {
	if err := s.asker("sending a rating"); err != nil {
		return r, err
	}
	var companion int64
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var err error
		if companion, err = s.raterOf(ctx, tx, uid); err != nil {
			return err
		}
		if err := tx.QueryRowContext(ctx, `SELECT name FROM accounts WHERE id = ?`, companion).Scan(&r.For); err != nil {
			return err
		}
		if err := tx.QueryRowContext(ctx, `SELECT name FROM accounts WHERE id = ?`, s.who.id).Scan(&r.Rater); err != nil {
			return err
		}
		r.UID, r.Owner, r.RaterAccount = uid, companion, s.who.id
		if r.At.IsZero() {
			r.At = s.now()
		}
		r.SavedAt, r.ID = s.now(), 0 // an open request's uid names no rating yet
		if err := writePeerRating(ctx, tx, &r); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `UPDATE rating_requests SET sent_at = ?, draft = '', draft_at = '' WHERE uid = ?`, ts(s.now()), uid)
		return err
	})
	if err != nil {
		return r, err
	}
	s.users.hub.publish(model.StoreChange{Person: companion, By: s.me.token})
	return r, nil
}
