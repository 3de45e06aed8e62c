package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"bansou/model"
)

// SaveEngagementDraft keeps an engagement form as typed, marked as being
// typed in this store (its lease), in place of the draft with the same uid.
func (s *Store) SaveEngagementDraft(ctx context.Context, d model.EngagementDraft) error {
	if err := s.notGuest("a draft"); err != nil {
		return err
	}
	data, err := json.Marshal(d)
	if err != nil {
		return err
	}
	var eng any
	if d.EngagementID != 0 {
		eng = d.EngagementID
	}
	err = s.tx(ctx, func(tx *sql.Tx) error {
		if err := draftIsMine(ctx, tx, s, d.UID); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO engagement_drafts (uid, engagement_id, data, updated_at, author, `+leaseColumns+`)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (uid) DO UPDATE SET engagement_id = excluded.engagement_id,
			data = excluded.data, updated_at = excluded.updated_at, lease = excluded.lease, lease_at = excluded.lease_at,
			lease_host = excluded.lease_host, lease_pid = excluded.lease_pid, lease_start = excluded.lease_start`,
			append([]any{d.UID, eng, string(data), ts(s.now()), s.who.id}, s.leaseArgs()...)...)
		return err
	})
	if err == nil {
		s.typing(d.UID, true)
	}
	return err
}

// EngagementDrafts lists the drafts no running bansou is typing, most
// recent first.
func (s *Store) EngagementDrafts(ctx context.Context) ([]model.EngagementDraft, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT data, updated_at, `+leaseColumns+` FROM engagement_drafts
		WHERE `+s.is("author")+` ORDER BY updated_at DESC, uid`)
	if err != nil {
		return nil, classify(s.path, err)
	}
	defer rows.Close()
	var out []model.EngagementDraft
	for rows.Next() {
		var data, updated string
		var l lease
		if err := rows.Scan(append([]any{&data, &updated}, l.fields()...)...); err != nil {
			return nil, classify(s.path, err)
		}
		if s.mine(l) || s.heldElsewhere(l) {
			continue
		}
		var d model.EngagementDraft
		if err := json.Unmarshal([]byte(data), &d); err != nil {
			continue // not bansou's: nothing to offer
		}
		d.UpdatedAt = parseTS(updated)
		out = append(out, d)
	}
	return out, classify(s.path, rows.Err())
}

// DiscardEngagementDraft removes the draft with the given uid.
func (s *Store) DiscardEngagementDraft(ctx context.Context, uid string) error {
	err := s.tx(ctx, func(tx *sql.Tx) error {
		if err := draftIsMine(ctx, tx, s, uid); err != nil {
			return err
		}
		return s.dropDraft(ctx, tx, uid)
	})
	if err == nil {
		s.typing(uid, false)
	}
	return err
}

// draftIsMine refuses to touch a draft someone else typed (a draft not
// there yet is the store's person's to make).
func draftIsMine(ctx context.Context, tx *sql.Tx, s *Store, uid string) error {
	var ok bool
	err := tx.QueryRowContext(ctx, `SELECT `+s.is("author")+` FROM engagement_drafts WHERE uid = ?`, uid).Scan(&ok)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return nil
	case err != nil:
		return err
	case !ok:
		return fmt.Errorf("draft %s: %w", uid, model.ErrNotAllowed)
	}
	return nil
}

// dropDraft removes the store's person's draft of an engagement, in the
// transaction that saves it. Another member's draft of the same
// engagement is theirs to take up or discard.
func (s *Store) dropDraft(ctx context.Context, tx *sql.Tx, uid string) error {
	_, err := tx.ExecContext(ctx, `DELETE FROM engagement_drafts WHERE uid = ? AND `+s.is("author"), uid)
	return err
}
