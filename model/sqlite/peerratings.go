package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"bansou/model"
)

// A peer rating is its owner's, the companion rated: only the owner reads
// it (the single user reads everything, all of it theirs). The rater, an
// admin, the office, a member of the companion's engagements: none reads
// it, and the rule is in every query below (s.is("owner")).

// SavePeerRating saves a rating given to a companion, in place of the one
// with the same UID (so that importing a sheet twice keeps one rating),
// and returns it with its id and SavedAt set. The caller checks it against
// the skill map first (model.PeerRating.Validate).
//
// Whose it is: in the single-user bansou, the single user's. On a server,
// the store's person saves either a rating of their own (Owner 0 or their
// id: a sheet they import) or, as its rater, a rating for another person
// (Owner that person's account; RaterAccount is set to the store's
// person). Once saved, a rating is the owner's: only they may replace it,
// and the rater cannot read it back. A guest saves nothing.
func (s *Store) SavePeerRating(ctx context.Context, r model.PeerRating) (model.PeerRating, error) {
	if err := s.notGuest("saving a rating"); err != nil {
		return r, err
	}
	if r.UID == "" {
		r.UID = model.NewID()
	}
	if !r.Relation.Valid() {
		return r, fmt.Errorf("%w: relation %q is not one of mentor, boss, peer, other", model.ErrPeerRating, r.Relation)
	}
	switch {
	case !s.who.scoped():
		r.Owner = 0
	case r.Owner == 0 || r.Owner == s.who.id:
		r.Owner = s.who.id
	default:
		r.RaterAccount = s.who.id
	}
	r.SavedAt = s.now()
	err := s.tx(ctx, func(tx *sql.Tx) error {
		if r.Owner != s.who.id {
			var n int
			if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM accounts WHERE id = ?`, r.Owner).Scan(&n); err != nil {
				return err
			}
			if n == 0 {
				return fmt.Errorf("rating for person %d: %w", r.Owner, model.ErrNotFound)
			}
		}
		var id, owner int64
		err := tx.QueryRowContext(ctx, `SELECT id, owner FROM peer_ratings WHERE uid = ?`, r.UID).Scan(&id, &owner)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			id = 0
		case err != nil:
			return err
		case owner != r.Owner || s.who.scoped() && owner != s.who.id:
			// Another's, or sent already and now the owner's.
			return fmt.Errorf("rating %s: %w", r.UID, model.ErrNotAllowed)
		}
		r.ID = id
		return writePeerRating(ctx, tx, &r)
	})
	return r, err
}

// writePeerRating writes a rating over the one with id r.ID, or as a new
// one when r.ID is 0 (setting it), with its lines.
func writePeerRating(ctx context.Context, tx *sql.Tx, r *model.PeerRating) error {
	if r.ID != 0 {
		if _, err := tx.ExecContext(ctx, `DELETE FROM peer_rating_skills WHERE rating_id = ?`, r.ID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE peer_ratings SET rater_account = ?, for_name = ?, rater = ?,
			relation = ?, lang = ?, rated_at = ?, saved_at = ?, worked = ?, improvement = ?, alternative = ?,
			reason = ? WHERE id = ?`, r.RaterAccount, r.For, r.Rater, r.Relation, r.Lang, ts(r.At), ts(r.SavedAt),
			r.Worked, r.Improvement, r.Alternative, r.Reason, r.ID); err != nil {
			return err
		}
	} else if err := tx.QueryRowContext(ctx, `INSERT INTO peer_ratings (uid, owner, rater_account, for_name, rater,
		relation, lang, rated_at, saved_at, worked, improvement, alternative, reason)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`, r.UID, r.Owner, r.RaterAccount, r.For, r.Rater,
		r.Relation, r.Lang, ts(r.At), ts(r.SavedAt), r.Worked, r.Improvement, r.Alternative, r.Reason).Scan(&r.ID); err != nil {
		return err
	}
	for i, ps := range r.Skills {
		if _, err := tx.ExecContext(ctx, `INSERT INTO peer_rating_skills (rating_id, skill_id, position, level, evidence)
			VALUES (?, ?, ?, ?, ?)`, r.ID, ps.SkillID, i, ps.Level, ps.Evidence); err != nil {
			return err
		}
	}
	return nil
}

// peerRating imports a rating of an export, matched by its UID: a new one
// is added, one changed in the file since it was saved here replaces it,
// and one saved here since is kept.
func (im *importer) peerRating(r model.PeerRating) error {
	var id int64
	var saved string
	err := im.tx.QueryRowContext(im.ctx, `SELECT id, saved_at FROM peer_ratings WHERE uid = ?`, r.UID).Scan(&id, &saved)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	same := false
	if id != 0 {
		here, err := im.s.peerRatingsWhere(im.ctx, im.tx, "r.id = ?", id)
		if err != nil {
			return err
		}
		if len(here) == 1 {
			a, _ := json.Marshal(here[0])
			b, _ := json.Marshal(r)
			same = string(a) == string(b)
		}
	}
	v := compare(id != 0, same, r.SavedAt, saved)
	im.count(v, &im.st.Entries)
	if !v.writes() {
		return nil
	}
	r.ID, r.Owner, r.RaterAccount = id, 0, 0
	return writePeerRating(im.ctx, im.tx, &r)
}

// PeerRatings returns the ratings given to the store's person, oldest
// first. No one else reads them: not their rater, not an admin.
func (s *Store) PeerRatings(ctx context.Context) ([]model.PeerRating, error) {
	if s.who.guest() {
		return nil, nil
	}
	out, err := s.peerRatingsWhere(ctx, s.db, s.is("r.owner"))
	return out, classify(s.path, err)
}

// peerRatingsWhere reads the ratings that meet an SQL condition on
// peer_ratings r, with their lines, oldest first.
func (s *Store) peerRatingsWhere(ctx context.Context, q querier, cond string, args ...any) ([]model.PeerRating, error) {
	rows, err := q.QueryContext(ctx, `SELECT r.id, r.uid, r.owner, r.rater_account, r.for_name, r.rater, r.relation,
		r.lang, r.rated_at, r.saved_at, r.worked, r.improvement, r.alternative, r.reason FROM peer_ratings r
		WHERE `+cond+` ORDER BY r.rated_at, r.id`, args...)
	if err != nil {
		return nil, err
	}
	var out []model.PeerRating
	at := map[int64]int{}
	for rows.Next() {
		var r model.PeerRating
		var rated, saved string
		if err := rows.Scan(&r.ID, &r.UID, &r.Owner, &r.RaterAccount, &r.For, &r.Rater, &r.Relation, &r.Lang,
			&rated, &saved, &r.Worked, &r.Improvement, &r.Alternative, &r.Reason); err != nil {
			rows.Close()
			return nil, err
		}
		r.At, r.SavedAt = parseTS(rated), parseTS(saved)
		r.Skills = []model.PeerSkill{}
		at[r.ID] = len(out)
		out = append(out, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil || len(out) == 0 {
		return nil, err
	}
	lines, err := q.QueryContext(ctx, `SELECT l.rating_id, l.skill_id, l.level, l.evidence FROM peer_rating_skills l
		JOIN peer_ratings r ON r.id = l.rating_id WHERE `+cond+` ORDER BY l.rating_id, l.position`, args...)
	if err != nil {
		return nil, err
	}
	defer lines.Close()
	for lines.Next() {
		var id int64
		var ps model.PeerSkill
		if err := lines.Scan(&id, &ps.SkillID, &ps.Level, &ps.Evidence); err != nil {
			return nil, err
		}
		if i, ok := at[id]; ok {
			out[i].Skills = append(out[i].Skills, ps)
		}
	}
	return out, lines.Err()
}

// DeletePeerRating removes one of the store's person's ratings by its UID;
// ErrNotFound if they have none with it (another's is not theirs to
// remove).
func (s *Store) DeletePeerRating(ctx context.Context, uid string) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM peer_ratings WHERE uid = ? AND `+s.is("owner"), uid)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 || s.who.guest() {
			return fmt.Errorf("rating %s: %w", uid, model.ErrNotFound)
		}
		return nil
	})
}

// SaveRatingSheet records a sheet the store's person wrote for an offline
// rating (see model.RatingSheet). A guest writes none.
func (s *Store) SaveRatingSheet(ctx context.Context, sh model.RatingSheet) error {
	if err := s.notGuest("writing a rating sheet"); err != nil {
		return err
	}
	if sh.UID == "" {
		return fmt.Errorf("a rating sheet without an id: %w", model.ErrPeerRating)
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `INSERT INTO peer_rating_sheets (uid, owner, for_name, lang, skills, written_at)
			VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (uid) DO UPDATE SET for_name = excluded.for_name,
			lang = excluded.lang, skills = excluded.skills, written_at = excluded.written_at
			WHERE owner = excluded.owner`, sh.UID, max(s.who.id, 0), sh.For, sh.Lang, joinIDs(sh.Skills), ts(sh.WrittenAt))
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("rating sheet %s: %w", sh.UID, model.ErrNotAllowed)
		}
		return nil
	})
}

// RatingSheet returns a sheet the store's person wrote; ErrNotFound for
// any other (another person's, or one never written from this store).
func (s *Store) RatingSheet(ctx context.Context, uid string) (model.RatingSheet, error) {
	sh := model.RatingSheet{UID: uid}
	if s.who.guest() {
		return sh, fmt.Errorf("rating sheet %s: %w", uid, model.ErrNotFound)
	}
	var skills, written string
	err := s.db.QueryRowContext(ctx, `SELECT owner, for_name, lang, skills, written_at FROM peer_rating_sheets
		WHERE uid = ? AND `+s.is("owner"), strings.TrimSpace(uid)).Scan(&sh.Owner, &sh.For, &sh.Lang, &skills, &written)
	if errors.Is(err, sql.ErrNoRows) {
		return sh, fmt.Errorf("rating sheet %s: %w", uid, model.ErrNotFound)
	}
	if err != nil {
		return sh, classify(s.path, err)
	}
	sh.Skills, sh.WrittenAt = splitIDs(skills), parseTS(written)
	return sh, nil
}
