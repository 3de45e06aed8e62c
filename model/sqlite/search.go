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
// that contain every term of the query, newest session first, at most
// model.SearchLimit. Whatever changed since the last search is indexed
// first.
//
// Document ids grow with the start of their session (see docID), so an
// index hands out matches newest first and the search stops after one page.
// When every term has three characters or more, the trigram index finds
// them; otherwise the index of single characters finds every term as a
// phrase of its characters. Either way each candidate's text settles
// whether it holds every term as written (the single-character index skips
// signs and spaces). A short term of signs alone, which no index holds, is
// only read from the text; a query of nothing else reads the texts newest
// first.
func (s *Store) Search(ctx context.Context, query string) ([]model.SearchHit, error) {
	if err := s.officeNoText("search"); err != nil {
		return nil, err
	}
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
		conds = append(conds, "instr(d.body, ?) > 0")
		args = append(args, t.Text)
	}
	const columns = `d.source, d.source_key, coalesce(d.session_id, 0), d.step_key`
	if scope := s.searchScope(); scope != "" {
		conds = append(conds, scope)
	}
	where := strings.Join(conds, " AND ")
	var q string
	switch index, match := searchIndex(terms); index {
	case "":
		q = `SELECT ` + columns + ` FROM search_docs d WHERE ` + where + ` ORDER BY d.id DESC LIMIT ?`
	default:
		q = `SELECT ` + columns + ` FROM ` + index + ` t JOIN search_docs d ON d.id = t.rowid
			WHERE ` + index + ` MATCH ? AND ` + where + ` ORDER BY t.rowid DESC LIMIT ?`
		args = append([]any{match}, args...)
	}
	docs, err := s.searchDocs(ctx, q, append(args, model.SearchLimit)...)
	if err != nil {
		return nil, err
	}
	hits, err := s.hits(ctx, docs)
	if err != nil {
		return nil, err
	}
	for i := range hits {
		hits[i].Matches = model.Matches(hits[i].Text, terms)
	}
	return hits, nil
}

// searchScope is an SQL condition on a search document d: the store's
// person may read the text it stands for (see scope.go). The single user
// reads every document: "".
func (s *Store) searchScope() string {
	if !s.who.scoped() {
		return ""
	}
	holder := s.is("ss.held_by")
	return `(CASE d.source
	WHEN 'answer' THEN EXISTS (SELECT 1 FROM steps st JOIN sessions ss ON ss.id = st.session_id
		WHERE st.id = CAST(d.source_key AS INTEGER) AND ` + s.seesSession("ss") + ` AND (st.answer_private = 0 OR ` + holder + `))
	WHEN 'note' THEN EXISTS (SELECT 1 FROM steps st JOIN sessions ss ON ss.id = st.session_id
		WHERE st.id = CAST(d.source_key AS INTEGER) AND ` + s.seesSession("ss") + ` AND (st.note_shared = 1 OR ` + holder + `))
	WHEN 'anxiety' THEN EXISTS (SELECT 1 FROM anxieties a WHERE a.id = d.source_key
		AND ` + s.member("a.engagement_id") + ` AND (a.private = 0 OR ` + s.is("a.author") + `))
	WHEN 'action' THEN EXISTS (SELECT 1 FROM actions a WHERE a.id = d.source_key AND ` + s.member("a.engagement_id") + `)
	WHEN 'agreement' THEN EXISTS (SELECT 1 FROM sessions ss WHERE ss.id = d.session_id AND ` + s.seesSession("ss") + `)
	WHEN 'status_note' THEN CASE substr(d.source_key, 1, 2)
		WHEN 'a:' THEN EXISTS (SELECT 1 FROM anxiety_updates u JOIN anxieties a ON a.id = u.anxiety_id
			WHERE u.id = substr(d.source_key, 3) AND ` + s.member("a.engagement_id") + `
			AND (a.private = 0 OR ` + s.is("a.author") + `) AND (u.note_shared = 1 OR ` + s.is("u.author") + `))
		WHEN 'x:' THEN EXISTS (SELECT 1 FROM action_updates u JOIN actions a ON a.id = u.action_id
			WHERE u.id = substr(d.source_key, 3) AND ` + s.member("a.engagement_id") + `
			AND (u.note_shared = 1 OR ` + s.is("u.author") + `))
		ELSE 0 END
	ELSE 0 END)`
}

// searchIndex chooses the full-text index for a query and what to ask it:
// the trigram index when every term an index holds has three characters or
// more, else the index of single characters, which holds letters and digits
// only. "" means no index holds any of the terms.
func searchIndex(terms []model.QueryTerm) (index, match string) {
	var tri, uni []string
	long := true
	for _, t := range terms {
		if t.Kind == model.TermScan {
			continue
		}
		long = long && t.Kind == model.TermTrigram
		tri = append(tri, phrase(t.Text))
		if model.HasWordRune(t.Text) {
			uni = append(uni, phrase(model.CharTokens(t.Text)))
		}
	}
	switch {
	case len(tri) > 0 && long:
		return "search_tri", strings.Join(tri, " AND ")
	case len(uni) > 0:
		return "search_uni", strings.Join(uni, " AND ")
	}
	return "", ""
}

// searchDoc is a document found: what it stands for and where.
type searchDoc struct {
	source, key, stepKey string
	session              int64
}

func (s *Store) searchDocs(ctx context.Context, query string, args ...any) ([]searchDoc, error) {
	rows, err := s.db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, classify(s.path, err)
	}
	defer rows.Close()
	var docs []searchDoc
	for rows.Next() {
		var d searchDoc
		if err := rows.Scan(&d.source, &d.key, &d.session, &d.stepKey); err != nil {
			return nil, classify(s.path, err)
		}
		docs = append(docs, d)
	}
	return docs, classify(s.path, rows.Err())
}

// hits reads what the documents stand for, in their order: the text as
// typed and where it belongs, a few queries for the whole page. Documents
// whose source is gone are left out.
func (s *Store) hits(ctx context.Context, docs []searchDoc) ([]model.SearchHit, error) {
	keys := map[string][]any{} // by source
	sessions := map[int64]bool{}
	for _, d := range docs {
		keys[d.source] = append(keys[d.source], d.key)
		if d.session != 0 {
			sessions[d.session] = true
		}
	}
	type text struct {
		title, text string
		private     bool
	}
	found := map[[2]string]text{} // by source and key
	steps := append(keys[string(model.SourceAnswer)], keys[string(model.SourceNote)]...)
	err := s.each(ctx, `SELECT id, title, answer, note, answer_private, note_shared FROM steps WHERE id IN `+list(len(steps)), steps,
		func(rows *sql.Rows) error {
			var id, title, answer, note string
			var answerPrivate, noteShared bool
			if err := rows.Scan(&id, &title, &answer, &note, &answerPrivate, &noteShared); err != nil {
				return err
			}
			found[[2]string{string(model.SourceAnswer), id}] = text{title, answer, answerPrivate}
			found[[2]string{string(model.SourceNote), id}] = text{title, note, !noteShared}
			return nil
		})
	if err == nil {
		err = s.each(ctx, `SELECT id, text, plan, private FROM anxieties WHERE id IN `+list(len(keys["anxiety"])), keys["anxiety"],
			func(rows *sql.Rows) error {
				var id, t, plan string
				var private bool
				err := rows.Scan(&id, &t, &plan, &private)
				found[[2]string{"anxiety", id}] = text{"", joinLines(t, plan), private}
				return err
			})
	}
	if err == nil {
		err = s.each(ctx, `SELECT id, text FROM actions WHERE id IN `+list(len(keys["action"])), keys["action"],
			func(rows *sql.Rows) error {
				var id, t string
				err := rows.Scan(&id, &t)
				found[[2]string{"action", id}] = text{"", t, false}
				return err
			})
	}
	if err == nil {
		err = s.each(ctx, `SELECT session_id || ':' || topic, title, learner_expectation, sending_expectation, host_expectation, agreed
			FROM agreement_items WHERE session_id || ':' || topic IN `+list(len(keys["agreement"])), keys["agreement"],
			func(rows *sql.Rows) error {
				var key, title, l, sn, ho, agreed string
				err := rows.Scan(&key, &title, &l, &sn, &ho, &agreed)
				found[[2]string{"agreement", key}] = text{title, joinLines(l, sn, ho, agreed), false}
				return err
			})
	}
	// A status note is titled with the worry or action it is about.
	var anxietyNotes, actionNotes []any
	for _, k := range keys[string(model.SourceStatusNote)] {
		id, _ := strings.CutPrefix(k.(string), "a:")
		if id != k.(string) {
			anxietyNotes = append(anxietyNotes, id)
		} else if id, ok := strings.CutPrefix(k.(string), "x:"); ok {
			actionNotes = append(actionNotes, id)
		}
	}
	for _, q := range []struct {
		prefix, query string
		ids           []any
	}{
		{"a:", `SELECT u.id, a.text, u.note, a.private OR NOT u.note_shared FROM anxiety_updates u
			JOIN anxieties a ON a.id = u.anxiety_id WHERE u.id IN `, anxietyNotes},
		{"x:", `SELECT u.id, a.text, u.note, NOT u.note_shared FROM action_updates u
			JOIN actions a ON a.id = u.action_id WHERE u.id IN `, actionNotes},
	} {
		if err == nil {
			prefix := q.prefix
			err = s.each(ctx, q.query+list(len(q.ids)), q.ids, func(rows *sql.Rows) error {
				var id, about, note string
				var private bool
				err := rows.Scan(&id, &about, &note, &private)
				found[[2]string{string(model.SourceStatusNote), prefix + id}] = text{oneLine(about), note, private}
				return err
			})
		}
	}
	type session struct {
		title, learner, holder string
		started                string
		engagement, heldBy     int64
	}
	where := map[int64]session{}
	var ids []any
	for id := range sessions {
		ids = append(ids, id)
	}
	if err == nil {
		err = s.each(ctx, `SELECT s.id, s.flow_title, s.started_at, coalesce(s.engagement_id, 0), coalesce(l.name, ''),
			s.held_by, coalesce(h.name, '')
			FROM sessions s LEFT JOIN engagements e ON e.id = s.engagement_id LEFT JOIN learners l ON l.id = e.learner_id
			LEFT JOIN accounts h ON h.id = s.held_by
			WHERE s.id IN `+list(len(ids)), ids, func(rows *sql.Rows) error {
			var id int64
			var ss session
			err := rows.Scan(&id, &ss.title, &ss.started, &ss.engagement, &ss.learner, &ss.heldBy, &ss.holder)
			where[id] = ss
			return err
		})
	}
	if err != nil {
		return nil, classify(s.path, err)
	}
	var hits []model.SearchHit
	for _, d := range docs {
		t, ok := found[[2]string{d.source, d.key}]
		if !ok {
			continue
		}
		h := model.SearchHit{Source: model.SearchSource(d.source), SessionID: d.session, StepKey: d.stepKey,
			StepTitle: t.title, Text: t.text, Private: t.private}
		if ss, ok := where[d.session]; ok {
			h.SessionTitle, h.SessionDate, h.EngagementID, h.Learner = ss.title, parseTS(ss.started), ss.engagement, ss.learner
			h.HeldBy, h.Holder = ss.heldBy, ss.holder
		}
		if h.StepTitle == "" && h.StepKey != "" && h.SessionID != 0 {
			// A worry or action names the step it was written at.
			err := s.db.QueryRowContext(ctx, `SELECT title FROM steps WHERE session_id = ? AND key = ?`, h.SessionID, h.StepKey).
				Scan(&h.StepTitle)
			if err != nil && !errors.Is(err, sql.ErrNoRows) {
				return nil, classify(s.path, err)
			}
		}
		hits = append(hits, h)
	}
	return hits, nil
}

// each runs a query that takes args and hands each row to fn; with no args
// it does nothing.
func (s *Store) each(ctx context.Context, query string, args []any, fn func(*sql.Rows) error) error {
	if len(args) == 0 {
		return nil
	}
	return eachRow(ctx, s.db, query, args, fn)
}

// eachRow runs query through q and gives every row to fn.
func eachRow(ctx context.Context, q querier, query string, args []any, fn func(*sql.Rows) error) error {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := fn(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

// phrase quotes a term for FTS5: the whole term, quotes doubled.
func phrase(t string) string { return `"` + strings.ReplaceAll(t, `"`, `""`) + `"` }

// list is a parenthesized list of n placeholders.
func list(n int) string { return "(" + strings.TrimSuffix(strings.Repeat("?, ", n), ", ") + ")" }

// oneLine joins the lines of s with spaces.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

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
// since it was last updated, in transactions of indexBatch sources each.
func (s *Store) IndexPending(ctx context.Context) error {
	for {
		left, err := s.indexSome(ctx, indexBatch)
		if err != nil || !left {
			return err
		}
	}
}

// indexBatch is how many queued sources one transaction indexes: about a
// third of a second of work, so that a large rebuild (after an upgrade or an
// import) never holds the database from an autosave for long, and what was
// done is kept if the search is given up. (A variable for tests.)
var indexBatch = 2000

// indexSome indexes up to n queued sources in one transaction and reports
// whether more are queued.
func (s *Store) indexSome(ctx context.Context, n int) (left bool, err error) {
	err = s.tx(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT source, source_key FROM search_queue LIMIT ?`, n+1)
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
		if left = len(queue) > n; left {
			queue = queue[:n]
		}
		ix := indexer{ctx: ctx, tx: tx}
		for _, q := range queue {
			if err := ix.reindex(q[0], q[1]); err != nil {
				return fmt.Errorf("indexing %s %s: %w", q[0], q[1], err)
			}
			if _, err := tx.ExecContext(ctx, `DELETE FROM search_queue WHERE source = ? AND source_key = ?`, q[0], q[1]); err != nil {
				return err
			}
		}
		return nil
	})
	return left, err
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
	case "anxiety_update", "action_update":
		// A status or outcome note, found at the step that brings worries
		// or actions back.
		table, prefix, step := "anxiety_updates", "a:", "c:anxieties"
		if source == "action_update" {
			table, prefix, step = "action_updates", "x:", "c:actions"
		}
		var sessionID int64
		var note string
		err := ix.tx.QueryRowContext(ix.ctx, `SELECT coalesce(session_id, 0), note FROM `+table+` WHERE id = ?`, key).
			Scan(&sessionID, &note)
		if errors.Is(err, sql.ErrNoRows) {
			return ix.put(string(model.SourceStatusNote), prefix+key, 0, "", "")
		}
		if err != nil {
			return err
		}
		return ix.put(string(model.SourceStatusNote), prefix+key, sessionID, step, note)
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
// is empty, keeping both indexes in step. A changed document is written
// again under a new id (see docID).
func (ix indexer) put(source, key string, sessionID int64, stepKey, text string) error {
	var id, oldSession int64
	var old string
	err := ix.tx.QueryRowContext(ix.ctx, `SELECT id, body, coalesce(session_id, 0) FROM search_docs
		WHERE source = ? AND source_key = ?`, source, key).Scan(&id, &old, &oldSession)
	exists := err == nil
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	body := model.NormalizeForSearch(text)
	blank := strings.TrimSpace(text) == ""
	if exists && old == body && oldSession == sessionID && !blank {
		return nil
	}
	if exists {
		if _, err := ix.tx.ExecContext(ix.ctx, `INSERT INTO search_tri (search_tri, rowid, body) VALUES ('delete', ?, ?)`, id, old); err != nil {
			return err
		}
		if _, err := ix.tx.ExecContext(ix.ctx, `DELETE FROM search_uni WHERE rowid = ?`, id); err != nil {
			return err
		}
		if _, err := ix.tx.ExecContext(ix.ctx, `DELETE FROM search_docs WHERE id = ?`, id); err != nil {
			return err
		}
	}
	if blank {
		return nil
	}
	if id, err = ix.docID(sessionID); err != nil {
		return err
	}
	if _, err := ix.tx.ExecContext(ix.ctx, `INSERT INTO search_docs (id, source, source_key, session_id, step_key, body)
		VALUES (?, ?, ?, ?, ?, ?)`, id, source, key, nullID(sessionID), stepKey, body); err != nil {
		return err
	}
	if _, err := ix.tx.ExecContext(ix.ctx, `INSERT INTO search_tri (rowid, body) VALUES (?, ?)`, id, body); err != nil {
		return err
	}
	_, err = ix.tx.ExecContext(ix.ctx, `INSERT INTO search_uni (rowid, body) VALUES (?, ?)`, id, model.CharTokens(body))
	return err
}

// docBits is how many low bits of a document id count documents of
// sessions that began in the same second.
const docBits = 20

// docID is a new document id that orders by when the session began: its
// start in seconds above docBits, a counter below. Both full-text indexes
// hand out ids in order, so the newest matches come first without sorting.
// Documents of no session count up from 1 and so come last.
func (ix indexer) docID(sessionID int64) (int64, error) {
	var base int64
	if sessionID != 0 {
		var started string
		err := ix.tx.QueryRowContext(ix.ctx, `SELECT started_at FROM sessions WHERE id = ?`, sessionID).Scan(&started)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return 0, err
		}
		if t := parseTS(started); !t.IsZero() {
			base = t.Unix() << docBits
		}
	}
	var last sql.NullInt64
	if err := ix.tx.QueryRowContext(ix.ctx, `SELECT max(id) FROM search_docs WHERE id > ? AND id < ?`,
		base, base+1<<docBits).Scan(&last); err != nil {
		return 0, err
	}
	if !last.Valid {
		return base + 1, nil
	}
	if last.Int64+1 >= base+1<<docBits {
		return 0, fmt.Errorf("more than %d search documents for sessions that began in one second", 1<<docBits-1)
	}
	return last.Int64 + 1, nil
}
