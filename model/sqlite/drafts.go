package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"

	"bansou/model"
)

// SaveEngagementDraft keeps an engagement form as typed, marked as being
// typed in this process, in place of the draft with the same uid.
func (s *Store) SaveEngagementDraft(ctx context.Context, d model.EngagementDraft) error {
	data, err := json.Marshal(d)
	if err != nil {
		return err
	}
	var eng any
	if d.EngagementID != 0 {
		eng = d.EngagementID
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO engagement_drafts (uid, engagement_id, data, owner, updated_at)
			VALUES (?, ?, ?, ?, ?) ON CONFLICT (uid) DO UPDATE SET engagement_id = excluded.engagement_id,
			data = excluded.data, owner = excluded.owner, updated_at = excluded.updated_at`,
			d.UID, eng, string(data), s.owner, ts(s.now()))
		return err
	})
}

// EngagementDrafts lists the drafts no running bansou is typing, most
// recent first.
func (s *Store) EngagementDrafts(ctx context.Context) ([]model.EngagementDraft, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT data, owner, updated_at FROM engagement_drafts
		ORDER BY updated_at DESC, uid`)
	if err != nil {
		return nil, classify(s.path, err)
	}
	defer rows.Close()
	var out []model.EngagementDraft
	for rows.Next() {
		var data, updated string
		var owner int
		if err := rows.Scan(&data, &owner, &updated); err != nil {
			return nil, classify(s.path, err)
		}
		if owner == s.owner || s.heldElsewhere(owner) {
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
	return s.tx(ctx, func(tx *sql.Tx) error { return dropDraft(ctx, tx, uid) })
}

// dropDraft removes an engagement's draft, in the transaction that saves it.
func dropDraft(ctx context.Context, tx *sql.Tx, uid string) error {
	_, err := tx.ExecContext(ctx, `DELETE FROM engagement_drafts WHERE uid = ?`, uid)
	return err
}
