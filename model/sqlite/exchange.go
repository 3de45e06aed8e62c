package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"bansou/model"
)

// Import writes an export into the database in one transaction: nothing is
// written if any part fails. Engagements and sessions are matched by their
// uid, ledger entries by their id, so importing the same file twice adds
// nothing. Where the database holds a newer version than the file (by its
// time of last change), the database's version is kept.
func (s *Store) Import(ctx context.Context, doc model.Export) (model.ImportStats, error) {
	var st model.ImportStats
	err := s.tx(ctx, func(tx *sql.Tx) error {
		for _, e := range doc.Engagements {
			if err := importEngagement(ctx, tx, e, &st); err != nil {
				return fmt.Errorf("engagement %s: %w", e.UID, err)
			}
		}
		for _, r := range doc.SelfReviews {
			if _, err := importSession(ctx, tx, 0, r, &st); err != nil {
				return fmt.Errorf("self-review %s: %w", r.UID, err)
			}
		}
		for _, r := range doc.Rounds {
			id, err := importSession(ctx, tx, 0, r.Session, &st)
			if err != nil {
				return fmt.Errorf("round %s: %w", r.Session.UID, err)
			}
			if err := importRound(ctx, tx, id, r.Round); err != nil {
				return fmt.Errorf("round %s: %w", r.Session.UID, err)
			}
		}
		return nil
	})
	return st, err
}

// importRound adds what a round keeps beside its session when the
// database has nothing for it; a round already here keeps its own timer
// and roles, which are the ones last used.
func importRound(ctx context.Context, tx *sql.Tx, id int64, rd model.PeerRound) error {
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM rounds WHERE session_id = ?`, id).Scan(&n); err != nil || n > 0 {
		return err
	}
	rd.SessionID = id
	return writeRound(ctx, tx, rd)
}

func importEngagement(ctx context.Context, tx *sql.Tx, e model.EngagementExport, st *model.ImportStats) error {
	var learnerID int64
	err := tx.QueryRowContext(ctx, `SELECT id FROM learners WHERE uid = ?`, e.Learner.UID).Scan(&learnerID)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		res, err := tx.ExecContext(ctx, `INSERT INTO learners (uid, name, created_at) VALUES (?, ?, ?)`,
			e.Learner.UID, e.Learner.Name, ts(e.CreatedAt))
		if err != nil {
			return err
		}
		learnerID, _ = res.LastInsertId()
	case err != nil:
		return err
	}

	var engID int64
	var updated string
	err = tx.QueryRowContext(ctx, `SELECT id, updated_at FROM engagements WHERE uid = ?`, e.UID).Scan(&engID, &updated)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		res, err := tx.ExecContext(ctx, `INSERT INTO engagements (uid, learner_id, sending_org, host_org, start_date,
			end_date, checkin_early_days, checkin_later_days, archived, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			e.UID, learnerID, e.SendingOrg, e.HostOrg, e.Start.String(), e.End.String(), e.CheckinEarlyDays,
			e.CheckinLaterDays, e.Archived, ts(e.CreatedAt), ts(e.UpdatedAt))
		if err != nil {
			return err
		}
		engID, _ = res.LastInsertId()
		st.Engagements++
		if err := writeCompanions(ctx, tx, engID, e.Companions); err != nil {
			return err
		}
	case err != nil:
		return err
	case newer(e.UpdatedAt, updated):
		if _, err := tx.ExecContext(ctx, `UPDATE engagements SET learner_id = ?, sending_org = ?, host_org = ?,
			start_date = ?, end_date = ?, checkin_early_days = ?, checkin_later_days = ?, archived = ?, updated_at = ?
			WHERE id = ?`, learnerID, e.SendingOrg, e.HostOrg, e.Start.String(), e.End.String(), e.CheckinEarlyDays,
			e.CheckinLaterDays, e.Archived, ts(e.UpdatedAt), engID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE learners SET name = ? WHERE id = ?`, e.Learner.Name, learnerID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM companions WHERE engagement_id = ?`, engID); err != nil {
			return err
		}
		if err := writeCompanions(ctx, tx, engID, e.Companions); err != nil {
			return err
		}
		st.Updated++
	default:
		st.Kept++
	}

	// Sessions: the file's ids are its own; map them to this database's.
	sessionIDs := map[int64]int64{}
	for _, sess := range e.Sessions {
		id, err := importSession(ctx, tx, engID, sess, st)
		if err != nil {
			return fmt.Errorf("session %s: %w", sess.UID, err)
		}
		sessionIDs[sess.ID] = id
	}
	mapID := func(id int64) int64 { return sessionIDs[id] }
	return importLedger(ctx, tx, engID, e.Ledger, mapID, st)
}

// newer reports whether the file's version (at) is newer than the
// database's (stored); the same version is left as it is.
func newer(at time.Time, stored string) bool {
	return at.After(parseTS(stored))
}

func importSession(ctx context.Context, tx *sql.Tx, engID int64, sess model.Session, st *model.ImportStats) (int64, error) {
	var eng any // a session without an engagement (a self-review) keeps NULL
	if engID != 0 {
		eng = engID
	}
	var id int64
	var updated string
	err := tx.QueryRowContext(ctx, `SELECT id, updated_at FROM sessions WHERE uid = ?`, sess.UID).Scan(&id, &updated)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		res, err := tx.ExecContext(ctx, `INSERT INTO sessions (uid, engagement_id, flow_id, flow_title, lang, mode,
			flow_use, milestone, status, current_key, open, started_at, updated_at, finished_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?)`,
			sess.UID, eng, sess.FlowID, sess.FlowTitle, string(sess.Lang), string(sess.Mode), string(sess.Use),
			sess.Milestone, string(sess.Status), sess.CurrentKey, ts(sess.StartedAt), ts(sess.UpdatedAt), ts(sess.FinishedAt))
		if err != nil {
			return 0, err
		}
		id, _ = res.LastInsertId()
		st.Sessions++
	case err != nil:
		return 0, err
	case newer(sess.UpdatedAt, updated):
		if _, err := tx.ExecContext(ctx, `UPDATE sessions SET engagement_id = ?, flow_id = ?, flow_title = ?,
			lang = ?, mode = ?, flow_use = ?, milestone = ?, status = ?, current_key = ?, started_at = ?,
			updated_at = ?, finished_at = ? WHERE id = ?`,
			eng, sess.FlowID, sess.FlowTitle, string(sess.Lang), string(sess.Mode), string(sess.Use), sess.Milestone,
			string(sess.Status), sess.CurrentKey, ts(sess.StartedAt), ts(sess.UpdatedAt), ts(sess.FinishedAt), id); err != nil {
			return 0, err
		}
		st.Updated++
		// Step by step: a step changed here after the file's version of it
		// is kept, and steps added here since are left alone.
		return id, writeStepsIfNewer(ctx, tx, id, sess.Steps)
	default:
		st.Kept++
		return id, nil
	}
	return id, writeSteps(ctx, tx, id, sess.Steps)
}

// importVersion counts an entry of the file as new, updated or kept, from
// when it last changed here (read by query), and reports whether the file's
// version is to be written.
func importVersion(ctx context.Context, tx *sql.Tx, st *model.ImportStats, at time.Time, query string, args ...any) (bool, error) {
	var updated string
	err := tx.QueryRowContext(ctx, query, args...).Scan(&updated)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		st.Entries++
		return true, nil
	case err != nil:
		return false, err
	case newer(at, updated):
		st.Updated++
		return true, nil
	}
	st.Kept++
	return false, nil
}

func importLedger(ctx context.Context, tx *sql.Tx, engID int64, l model.Ledger, mapID func(int64) int64, st *model.ImportStats) error {
	// Status and outcome updates are always passed on: writeLedger (with
	// onlyNewer) adds those missing here and keeps those changed here since.
	var p model.Progress
	for _, a := range l.Anxieties {
		a.EngagementID, a.SessionID = engID, mapID(a.SessionID)
		for i := range a.History {
			a.History[i].AnxietyID, a.History[i].SessionID = a.ID, mapID(a.History[i].SessionID)
		}
		write, err := importVersion(ctx, tx, st, a.UpdatedAt, `SELECT updated_at FROM anxieties WHERE id = ?`, a.ID)
		if err != nil {
			return err
		}
		if write {
			p.Anxieties = append(p.Anxieties, a)
		}
		p.AnxietyUpdates = append(p.AnxietyUpdates, a.History...)
	}
	for _, a := range l.Actions {
		a.EngagementID, a.SessionID = engID, mapID(a.SessionID)
		for i := range a.History {
			a.History[i].ActionID, a.History[i].SessionID = a.ID, mapID(a.History[i].SessionID)
		}
		write, err := importVersion(ctx, tx, st, a.UpdatedAt, `SELECT updated_at FROM actions WHERE id = ?`, a.ID)
		if err != nil {
			return err
		}
		if write {
			p.Actions = append(p.Actions, a)
		}
		p.ActionUpdates = append(p.ActionUpdates, a.History...)
	}
	for _, it := range l.Agreement {
		it.SessionID = mapID(it.SessionID)
		write, err := importVersion(ctx, tx, st, it.UpdatedAt,
			`SELECT updated_at FROM agreement_items WHERE session_id = ? AND topic = ?`, it.SessionID, it.Topic)
		if err != nil {
			return err
		}
		if write {
			p.Agreement = append(p.Agreement, it)
		}
	}
	return writeLedger(ctx, tx, p, true)
}

// Backup writes a consistent copy of the whole database to path, even while
// it is in use. The copy is made in a private folder beside path, given mode
// 0600, and only then linked into place, so nobody else can read it at any
// moment. An existing file is never overwritten.
func (s *Store) Backup(ctx context.Context, path string) error {
	if _, err := os.Stat(path); err == nil {
		return fmt.Errorf("%s already exists; bansou does not overwrite it", path)
	} else if !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	dir, err := os.MkdirTemp(filepath.Dir(path), ".bansou-backup-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	tmp := filepath.Join(dir, "copy.db")
	if _, err := s.db.ExecContext(ctx, `VACUUM INTO ?`, tmp); err != nil {
		return classify(s.path, err)
	}
	if err := os.Chmod(tmp, 0o600); err != nil {
		return err
	}
	// A hard link puts the finished copy in place without ever
	// overwriting a file; where links are not supported (FAT and exFAT
	// drives, some network shares) the copy is written to a new file.
	err = os.Link(tmp, path)
	if errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("%s already exists; bansou does not overwrite it", path)
	}
	if err != nil {
		return copyToNew(tmp, path)
	}
	return nil
}

// copyToNew copies src to a new file at dst, mode 0600; dst must not exist.
// A failed copy leaves nothing behind.
func copyToNew(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("%s already exists; bansou does not overwrite it", dst)
	}
	if err != nil {
		return err
	}
	_, err = io.Copy(out, in)
	if err == nil {
		err = out.Sync()
	}
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(dst)
	}
	return err
}
