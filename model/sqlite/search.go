package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"bansou/model"
)

// Search finds the answers, notes, worries, actions and agreement topics
// that contain every term of the query. Terms of three characters or more
// use the trigram index; one or two Japanese characters use the index of
// single characters; other short terms are found by reading the text.
// Whatever changed since the last search is indexed first.
func (s *Store) Search(ctx context.Context, query string) ([]model.SearchHit, error) {
	terms := model.ParseQuery(query)
	if len(terms) == 0 {
		return nil, nil
	}
	if err := s.IndexPending(ctx); err != nil {
		return nil, err
	}
	var conds []string
	var args []any
	for _, t := range terms {
		switch t.Kind {
		case model.TermTrigram:
			conds = append(conds, "d.id IN (SELECT rowid FROM search_tri WHERE search_tri MATCH ?)")
			args = append(args, phrase(t.Text))
		case model.TermChars:
			conds = append(conds, "d.id IN (SELECT rowid FROM search_uni WHERE search_uni MATCH ?)")
			args = append(args, phrase(model.CharTokens(t.Text)))
		default:
			conds = append(conds, "instr(d.body, ?) > 0")
			args = append(args, t.Text)
		}
	}
	args = append(args, model.SearchLimit)
	rows, err := s.db.QueryContext(ctx, `SELECT d.source, d.source_key, coalesce(d.session_id, 0), d.step_key
		FROM search_docs d LEFT JOIN sessions s ON s.id = d.session_id
		WHERE `+strings.Join(conds, " AND ")+`
		ORDER BY s.started_at DESC, d.id DESC LIMIT ?`, args...)
	if err != nil {
		return nil, classify(s.path, err)
	}
	type doc struct {
		source, key, stepKey string
		session              int64
	}
	var docs []doc
	for rows.Next() {
		var d doc
		if err := rows.Scan(&d.source, &d.key, &d.session, &d.stepKey); err != nil {
			rows.Close()
			return nil, classify(s.path, err)
		}
		docs = append(docs, d)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, classify(s.path, err)
	}
	var hits []model.SearchHit
	for _, d := range docs {
		h, ok, err := s.hit(ctx, d.source, d.key, d.session, d.stepKey)
		if err != nil {
			return nil, err
		}
		if !ok {
			continue
		}
		h.Matches = model.Matches(h.Text, terms)
		hits = append(hits, h)
	}
	return hits, nil
}

// phrase quotes a term for FTS5: the whole term, quotes doubled.
func phrase(t string) string { return `"` + strings.ReplaceAll(t, `"`, `""`) + `"` }

// hit reads what a search document stands for: the text as typed and where
// it belongs.
func (s *Store) hit(ctx context.Context, source, key string, sessionID int64, stepKey string) (model.SearchHit, bool, error) {
	h := model.SearchHit{Source: model.SearchSource(source), SessionID: sessionID, StepKey: stepKey}
	var err error
	switch h.Source {
	case model.SourceAnswer, model.SourceNote:
		var answer, note string
		var answerPrivate, noteShared bool
		err = s.db.QueryRowContext(ctx, `SELECT title, answer, note, answer_private, note_shared FROM steps WHERE id = ?`, key).
			Scan(&h.StepTitle, &answer, &note, &answerPrivate, &noteShared)
		h.Text, h.Private = answer, answerPrivate
		if h.Source == model.SourceNote {
			h.Text, h.Private = note, !noteShared
		}
	case model.SourceAnxiety:
		var text, plan string
		err = s.db.QueryRowContext(ctx, `SELECT text, plan, private FROM anxieties WHERE id = ?`, key).Scan(&text, &plan, &h.Private)
		h.Text = joinLines(text, plan)
	case model.SourceAction:
		err = s.db.QueryRowContext(ctx, `SELECT text FROM actions WHERE id = ?`, key).Scan(&h.Text)
	case model.SourceAgreement:
		sid, topic, _ := strings.Cut(key, ":")
		var l, sn, ho, agreed string
		err = s.db.QueryRowContext(ctx, `SELECT title, learner_expectation, sending_expectation, host_expectation, agreed
			FROM agreement_items WHERE session_id = ? AND topic = ?`, sid, topic).Scan(&h.StepTitle, &l, &sn, &ho, &agreed)
		h.Text = joinLines(l, sn, ho, agreed)
	}
	if errors.Is(err, sql.ErrNoRows) {
		return h, false, nil
	}
	if err != nil {
		return h, false, classify(s.path, err)
	}
	if sessionID != 0 {
		var started string
		err = s.db.QueryRowContext(ctx, `SELECT s.flow_title, s.started_at, coalesce(s.engagement_id, 0), coalesce(l.name, '')
			FROM sessions s LEFT JOIN engagements e ON e.id = s.engagement_id LEFT JOIN learners l ON l.id = e.learner_id
			WHERE s.id = ?`, sessionID).Scan(&h.SessionTitle, &started, &h.EngagementID, &h.Learner)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return h, false, classify(s.path, err)
		}
		h.SessionDate = parseTS(started)
	}
	if h.StepTitle == "" && stepKey != "" && sessionID != 0 {
		_ = s.db.QueryRowContext(ctx, `SELECT title FROM steps WHERE session_id = ? AND key = ?`, sessionID, stepKey).Scan(&h.StepTitle)
	}
	return h, true, nil
}

func joinLines(parts ...string) string {
	var keep []string
	for _, p := range parts {
		if strings.TrimSpace(p) != "" {
			keep = append(keep, p)
		}
	}
	return strings.Join(keep, "\n")
}

// IndexPending brings the search index up to date with everything saved
// since it was last updated, in one transaction.
func (s *Store) IndexPending(ctx context.Context) error {
	var n int
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM search_queue`).Scan(&n); err != nil {
		return classify(s.path, err)
	}
	if n == 0 {
		return nil
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT source, source_key FROM search_queue`)
		if err != nil {
			return err
		}
		var queue [][2]string
		for rows.Next() {
			var q [2]string
			if err := rows.Scan(&q[0], &q[1]); err != nil {
				rows.Close()
				return err
			}
			queue = append(queue, q)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		ix := indexer{ctx: ctx, tx: tx}
		for _, q := range queue {
			if err := ix.reindex(q[0], q[1]); err != nil {
				return fmt.Errorf("indexing %s %s: %w", q[0], q[1], err)
			}
		}
		_, err = tx.ExecContext(ctx, `DELETE FROM search_queue`)
		return err
	})
}

type indexer struct {
	ctx context.Context
	tx  *sql.Tx
}

// reindex recomputes the documents of one changed source.
func (ix indexer) reindex(source, key string) error {
	switch source {
	case "step":
		var sessionID int64
		var stepKey, answer, note string
		err := ix.tx.QueryRowContext(ix.ctx, `SELECT session_id, key, answer, note FROM steps WHERE id = ?`, key).
			Scan(&sessionID, &stepKey, &answer, &note)
		if errors.Is(err, sql.ErrNoRows) {
			return errors.Join(ix.put("answer", key, 0, "", ""), ix.put("note", key, 0, "", ""))
		}
		if err != nil {
			return err
		}
		return errors.Join(ix.put("answer", key, sessionID, stepKey, answer), ix.put("note", key, sessionID, stepKey, note))
	case "anxiety":
		var sessionID int64
		var stepKey, text, plan string
		err := ix.tx.QueryRowContext(ix.ctx, `SELECT coalesce(session_id, 0), step_key, text, plan FROM anxieties WHERE id = ?`, key).
			Scan(&sessionID, &stepKey, &text, &plan)
		if errors.Is(err, sql.ErrNoRows) {
			return ix.put("anxiety", key, 0, "", "")
		}
		if err != nil {
			return err
		}
		return ix.put("anxiety", key, sessionID, stepKey, joinLines(text, plan))
	case "action":
		var sessionID int64
		var stepKey, text string
		err := ix.tx.QueryRowContext(ix.ctx, `SELECT coalesce(session_id, 0), step_key, text FROM actions WHERE id = ?`, key).
			Scan(&sessionID, &stepKey, &text)
		if errors.Is(err, sql.ErrNoRows) {
			return ix.put("action", key, 0, "", "")
		}
		if err != nil {
			return err
		}
		return ix.put("action", key, sessionID, stepKey, text)
	case "agreement":
		sid, topic, _ := strings.Cut(key, ":")
		sessionID, _ := strconv.ParseInt(sid, 10, 64)
		var l, sn, ho, agreed string
		err := ix.tx.QueryRowContext(ix.ctx, `SELECT learner_expectation, sending_expectation, host_expectation, agreed
			FROM agreement_items WHERE session_id = ? AND topic = ?`, sessionID, topic).Scan(&l, &sn, &ho, &agreed)
		if errors.Is(err, sql.ErrNoRows) {
			return ix.put("agreement", key, 0, "", "")
		}
		if err != nil {
			return err
		}
		return ix.put("agreement", key, sessionID, "p:"+topic, joinLines(l, sn, ho, agreed))
	}
	return nil
}

// put makes the document of a source hold text, or removes it when the text
// is empty, keeping both indexes in step.
func (ix indexer) put(source, key string, sessionID int64, stepKey, text string) error {
	var id int64
	var old string
	err := ix.tx.QueryRowContext(ix.ctx, `SELECT id, body FROM search_docs WHERE source = ? AND source_key = ?`, source, key).Scan(&id, &old)
	exists := err == nil
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	body := model.NormalizeForSearch(text)
	if exists {
		if old == body && strings.TrimSpace(text) != "" {
			return nil
		}
		if _, err := ix.tx.ExecContext(ix.ctx, `INSERT INTO search_tri (search_tri, rowid, body) VALUES ('delete', ?, ?)`, id, old); err != nil {
			return err
		}
		if _, err := ix.tx.ExecContext(ix.ctx, `DELETE FROM search_uni WHERE rowid = ?`, id); err != nil {
			return err
		}
	}
	if strings.TrimSpace(text) == "" {
		if exists {
			_, err := ix.tx.ExecContext(ix.ctx, `DELETE FROM search_docs WHERE id = ?`, id)
			return err
		}
		return nil
	}
	if exists {
		if _, err := ix.tx.ExecContext(ix.ctx, `UPDATE search_docs SET body = ?, session_id = ?, step_key = ? WHERE id = ?`,
			body, nullID(sessionID), stepKey, id); err != nil {
			return err
		}
	} else {
		res, err := ix.tx.ExecContext(ix.ctx, `INSERT INTO search_docs (source, source_key, session_id, step_key, body)
			VALUES (?, ?, ?, ?, ?)`, source, key, nullID(sessionID), stepKey, body)
		if err != nil {
			return err
		}
		if id, err = res.LastInsertId(); err != nil {
			return err
		}
	}
	if _, err := ix.tx.ExecContext(ix.ctx, `INSERT INTO search_tri (rowid, body) VALUES (?, ?)`, id, body); err != nil {
		return err
	}
	_, err = ix.tx.ExecContext(ix.ctx, `INSERT INTO search_uni (rowid, body) VALUES (?, ?)`, id, model.CharTokens(body))
	return err
}
