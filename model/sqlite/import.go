package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"time"

	"bansou/model"
)

// Import writes an export into the database in one transaction: nothing is
// written if any part fails. Engagements and sessions are matched by their
// uid, ledger entries by their id, so importing the same file twice adds
// nothing. A record the same in the file as here is left as it is
// (unchanged); where it differs, the version changed last wins (by its
// time of last change), and steps added here since stay. Dates later than
// now are set to now first: a date in the future would win every merge
// after it.
//
// Some records are not written, and the rest of the file is: each is
// listed in the stats' issues. A session open in another running bansou,
// and what is recorded in it, is left to that bansou, whose window would
// otherwise write its older copy over the import. An id that is another
// learner's here (a session, an entry of the ledger, an engagement or its
// learner) is not moved to the file's learner. And unless opt.AllowSharing,
// a record private here stays private whatever the file says; its words
// are imported.
func (s *Store) Import(ctx context.Context, doc model.Export, opt model.ImportOptions) (model.ImportStats, error) {
	if s.who.scoped() {
		// An import writes as the file has it, whoever wrote it: only the
		// server's operator may do that, on the file itself.
		return model.ImportStats{}, fmt.Errorf("import: %w", model.ErrNotAllowed)
	}
	defer s.announce(0, 0) // anything may have changed
	doc, future := doc.ClampFuture(s.now())
	var st model.ImportStats
	err := s.tx(ctx, func(tx *sql.Tx) error {
		st = model.ImportStats{Issues: slices.Clone(future)}
		im := &importer{ctx: ctx, tx: tx, s: s, opt: opt, st: &st}
		for i, e := range doc.Engagements {
			path := fmt.Sprintf("engagements[%d]", i)
			if err := im.engagement(path, e); err != nil {
				return fmt.Errorf("%s: %w", path, err)
			}
		}
		for j, r := range doc.SelfReviews {
			path := fmt.Sprintf("self_reviews[%d]", j)
			if _, err := im.session(path, owner{}, r); err != nil {
				return fmt.Errorf("%s: %w", path, err)
			}
		}
		for j, r := range doc.Rounds {
			path := fmt.Sprintf("rounds[%d].session", j)
			fate, err := im.session(path, owner{}, r.Session)
			if err == nil && fate.id != 0 {
				err = im.round(fate, r.Round)
			}
			if err != nil {
				return fmt.Errorf("%s: %w", path, err)
			}
		}
		for j, r := range doc.PeerRatings {
			path := fmt.Sprintf("peer_ratings[%d]", j)
			if err := im.peerRating(r); err != nil {
				return fmt.Errorf("%s: %w", path, err)
			}
		}
		return nil
	})
	if err != nil {
		return model.ImportStats{}, err
	}
	return st, nil
}

// importer is one import, inside its transaction.
type importer struct {
	ctx   context.Context
	tx    *sql.Tx
	s     *Store
	opt   model.ImportOptions
	st    *model.ImportStats
	stmts map[string]*sql.Stmt
}

// stmt prepares a query once for the whole import (the transaction closes
// it): an import reads every record of the file from the database, and
// preparing the same query again for each was most of the time a second
// import of the same file took.
func (im *importer) stmt(query string) (*sql.Stmt, error) {
	if st, ok := im.stmts[query]; ok {
		return st, nil
	}
	st, err := im.tx.PrepareContext(im.ctx, query)
	if err != nil {
		return nil, err
	}
	if im.stmts == nil {
		im.stmts = map[string]*sql.Stmt{}
	}
	im.stmts[query] = st
	return st, nil
}

// queryRow runs a query for one row through its prepared statement.
func (im *importer) queryRow(query string, args ...any) *sql.Row {
	if st, err := im.stmt(query); err == nil {
		return st.QueryRowContext(im.ctx, args...)
	}
	return im.tx.QueryRowContext(im.ctx, query, args...) // fails the same way, and Scan says why
}

// exec runs a statement through its prepared statement.
func (im *importer) exec(query string, args ...any) (sql.Result, error) {
	st, err := im.stmt(query)
	if err != nil {
		return nil, err
	}
	return st.ExecContext(im.ctx, args...)
}

// owner is the engagement the records being imported belong to here (none
// for a self-review or a round), and its learner's name, to name them.
type owner struct {
	id      int64
	learner string
}

// fate is what became of a session of the file, for the ledger entries
// recorded in it.
type fate struct {
	id    int64 // the session here; 0 if it was left out
	held  bool  // open in another running bansou: nothing may be written to it
	issue int   // the index of its refusal among the issues, or -1
	path  string
	rec   model.ImportRecord
}

// refuse lists a record the import leaves out, and returns its index.
func (im *importer) refuse(kind model.IssueKind, path string, rec, here model.ImportRecord) int {
	im.st.Issues = append(im.st.Issues, model.ImportIssue{Kind: kind, Path: path, Record: rec, Here: here})
	return len(im.st.Issues) - 1
}

// note lists a record imported with a change the user must know of.
func (im *importer) note(kind model.IssueKind, path string, rec model.ImportRecord) {
	im.st.Issues = append(im.st.Issues, model.ImportIssue{Kind: kind, Path: path, Record: rec})
}

// leftOut reports whether an entry recorded in session f may not be
// written: the session was left out, or is open in another bansou (then
// only if the entry would change something, as would). Each is counted on
// the session's refusal.
func (im *importer) leftOut(f *fate, would bool) bool {
	switch {
	case f == nil:
		return false
	case f.id == 0:
		im.st.Issues[f.issue].Entries++
		return true
	case f.held && would:
		if f.issue < 0 {
			f.issue = im.refuse(model.IssueOpenElsewhere, f.path, f.rec, model.ImportRecord{})
		}
		im.st.Issues[f.issue].Entries++
		return true
	}
	return false
}

func (f *fate) here() int64 {
	if f == nil {
		return 0
	}
	return f.id
}

// verdict is how a record of the file compares with the same record here.
type verdict int

const (
	isNew   verdict = iota // not here
	isSame                 // the same here, whatever the times say
	isNewer                // changed in the file since it changed here
	isOlder                // changed here since (or at the same time)
)

func compare(found, same bool, at time.Time, stored string) verdict {
	switch {
	case !found:
		return isNew
	case same:
		return isSame
	case at.After(parseTS(stored)):
		return isNewer
	}
	return isOlder
}

// count adds a record's verdict to the stats (new records as n).
func (im *importer) count(v verdict, n *int) {
	switch v {
	case isNew:
		*n++
	case isSame:
		im.st.Unchanged++
	case isNewer:
		im.st.Updated++
	case isOlder:
		im.st.Kept++
	}
}

// writes reports whether a verdict means the file's version is written.
func (v verdict) writes() bool { return v == isNew || v == isNewer }

func (im *importer) engagement(path string, e model.EngagementExport) error {
	ctx, tx := im.ctx, im.tx
	rec := model.ImportRecord{Learner: e.Learner.Name, ID: e.UID}
	here, found, err := readEngagement(ctx, tx, e.UID)
	if err != nil {
		return err
	}
	if found && here.Learner.UID != e.Learner.UID {
		im.refuse(model.IssueOtherLearner, path, rec, model.ImportRecord{Learner: here.Learner.Name, ID: here.UID})
		return nil
	}
	// The learner is this engagement's alone: another engagement's learner
	// renamed by this one would be renamed there too.
	var learnerID int64
	var learnerName, other string
	err = tx.QueryRowContext(ctx, `SELECT l.id, l.name, coalesce((SELECT e.uid FROM engagements e
		WHERE e.learner_id = l.id AND coalesce(e.uid, '') <> ? LIMIT 1), '') FROM learners l WHERE l.uid = ?`,
		e.UID, e.Learner.UID).Scan(&learnerID, &learnerName, &other)
	switch {
	case errors.Is(err, sql.ErrNoRows):
	case err != nil:
		return err
	case other != "":
		im.refuse(model.IssueOtherLearner, path, rec, model.ImportRecord{Learner: learnerName, ID: other})
		return nil
	}

	v := compare(found, found && sameEngagement(here, e.Engagement), e.UpdatedAt, ts(here.UpdatedAt))
	im.count(v, &im.st.Engagements)
	switch v {
	case isNew:
		if learnerID == 0 {
			res, err := tx.ExecContext(ctx, `INSERT INTO learners (uid, name, created_at) VALUES (?, ?, ?)`,
				e.Learner.UID, e.Learner.Name, ts(e.CreatedAt))
			if err != nil {
				return err
			}
			learnerID, _ = res.LastInsertId()
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO engagements (uid, learner_id, sending_org, host_org, start_date,
			end_date, checkin_early_days, checkin_later_days, archived, created_at, updated_at, my_type)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			e.UID, learnerID, e.SendingOrg, e.HostOrg, e.Start.String(), e.End.String(), e.CheckinEarlyDays,
			e.CheckinLaterDays, e.Archived, ts(e.CreatedAt), ts(e.UpdatedAt), validType(e.MyType))
		if err != nil {
			return err
		}
		here.ID, _ = res.LastInsertId()
		if err := writeCompanions(ctx, tx, here.ID, e.Companions); err != nil {
			return err
		}
	case isNewer:
		if _, err := tx.ExecContext(ctx, `UPDATE engagements SET sending_org = ?, host_org = ?,
			start_date = ?, end_date = ?, checkin_early_days = ?, checkin_later_days = ?, archived = ?, updated_at = ?,
			my_type = ? WHERE id = ?`, e.SendingOrg, e.HostOrg, e.Start.String(), e.End.String(), e.CheckinEarlyDays,
			e.CheckinLaterDays, e.Archived, ts(e.UpdatedAt), validType(e.MyType), here.ID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE learners SET name = ? WHERE id = ?`, e.Learner.Name, learnerID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM companions WHERE engagement_id = ?`, here.ID); err != nil {
			return err
		}
		if err := writeCompanions(ctx, tx, here.ID, e.Companions); err != nil {
			return err
		}
	}

	// Sessions: the file's ids are its own; map them to this database's.
	o := owner{id: here.ID, learner: e.Learner.Name}
	fates := map[int64]*fate{}
	for j, sess := range e.Sessions {
		f, err := im.session(fmt.Sprintf("%s.sessions[%d]", path, j), o, sess)
		if err != nil {
			return fmt.Errorf("sessions[%d]: %w", j, err)
		}
		fates[sess.ID] = f
	}
	return im.ledger(path+".ledger", o, e.Ledger, fates)
}

// readEngagement reads an engagement by uid, in the transaction.
func readEngagement(ctx context.Context, tx *sql.Tx, uid string) (model.Engagement, bool, error) {
	var e model.Engagement
	var start, end, created, updated string
	err := tx.QueryRowContext(ctx, `SELECT `+engagementColumns+`, e.my_type FROM engagements e
		JOIN learners l ON l.id = e.learner_id WHERE e.uid = ?`, uid).Scan(&e.ID, &e.UID, &e.Learner.ID, &e.Learner.UID,
		&e.Learner.Name, &e.SendingOrg, &e.HostOrg, &start, &end, &e.CheckinEarlyDays, &e.CheckinLaterDays, &e.Archived,
		&created, &updated, &e.MyType)
	if errors.Is(err, sql.ErrNoRows) {
		return e, false, nil
	}
	if err != nil {
		return e, false, err
	}
	e.Start, _ = model.ParseDate(start)
	e.End, _ = model.ParseDate(end)
	e.CreatedAt, e.UpdatedAt = parseTS(created), parseTS(updated)
	rows, err := tx.QueryContext(ctx, `SELECT name, type FROM companions WHERE engagement_id = ? ORDER BY position`, e.ID)
	if err != nil {
		return e, true, err
	}
	defer rows.Close()
	for rows.Next() {
		var c model.Companion
		if err := rows.Scan(&c.Name, &c.Type); err != nil {
			return e, true, err
		}
		e.Companions = append(e.Companions, c)
	}
	return e, true, rows.Err()
}

// sameEngagement reports whether an engagement holds the same details
// here and in the file.
func sameEngagement(a, b model.Engagement) bool {
	return a.Learner.Name == b.Learner.Name && a.SendingOrg == b.SendingOrg && a.HostOrg == b.HostOrg &&
		a.Start.String() == b.Start.String() && a.End.String() == b.End.String() && a.CheckinEarlyDays == b.CheckinEarlyDays &&
		a.CheckinLaterDays == b.CheckinLaterDays && a.Archived == b.Archived && a.MyType == b.MyType &&
		slices.Equal(a.Companions, b.Companions)
}

// session imports one session of engagement o (none for a self-review or
// a round) and says what became of it.
func (im *importer) session(path string, o owner, sess model.Session) (*fate, error) {
	ctx := im.ctx
	f := &fate{issue: -1, path: path, rec: model.ImportRecord{Learner: o.learner, Title: sess.FlowTitle, ID: sess.UID}}
	var eng any // a session without an engagement keeps NULL
	if o.id != 0 {
		eng = o.id
	}
	var here model.Session
	var openBy lease
	var learner, started, updated, finished, confirmed string
	err := im.queryRow(`SELECT s.id, coalesce(s.engagement_id, 0), coalesce(l.name, ''), s.flow_id,
		s.flow_title, s.lang, s.mode, s.flow_use, s.milestone, s.status, s.current_key, s.lease, s.lease_at,
		s.lease_host, s.lease_pid, s.lease_start, s.started_at,
		s.updated_at, s.finished_at, s.learner_confirmed
		FROM sessions s LEFT JOIN engagements e ON e.id = s.engagement_id LEFT JOIN learners l ON l.id = e.learner_id
		WHERE s.uid = ?`, sess.UID).Scan(&here.ID, &here.EngagementID, &learner, &here.FlowID, &here.FlowTitle,
		&here.Lang, &here.Mode, &here.Use, &here.Milestone, &here.Status, &here.CurrentKey, &openBy.token, &openBy.at,
		&openBy.host, &openBy.pid, &openBy.start, &started, &updated, &finished, &confirmed)
	if errors.Is(err, sql.ErrNoRows) {
		res, err := im.exec(`INSERT INTO sessions (uid, engagement_id, flow_id, flow_title, lang, mode,
			flow_use, milestone, status, current_key, started_at, updated_at, finished_at, holder_type, learner_confirmed)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			sess.UID, eng, sess.FlowID, sess.FlowTitle, string(sess.Lang), string(sess.Mode), string(sess.Use),
			sess.Milestone, string(sess.Status), sess.CurrentKey, ts(sess.StartedAt), ts(sess.UpdatedAt), ts(sess.FinishedAt),
			validType(sess.HolderType), ts(sess.LearnerConfirmed))
		if err != nil {
			return nil, err
		}
		f.id, _ = res.LastInsertId()
		im.st.Sessions++
		for k, st := range sess.Steps {
			if _, err := im.exec(upsertStep, stepArgs(f.id, k, st)...); err != nil {
				return nil, err
			}
		}
		return f, nil
	}
	if err != nil {
		return nil, err
	}
	if here.EngagementID != o.id || here.FlowID != sess.FlowID {
		// Another learner's session (or another kind of session): moved,
		// it would vanish from where it is.
		f.issue = im.refuse(model.IssueOtherSession, path, f.rec,
			model.ImportRecord{Learner: learner, Title: here.FlowTitle, ID: sess.UID})
		return f, nil
	}
	here.LearnerConfirmed = parseTS(confirmed)
	f.id, f.held = here.ID, im.s.heldElsewhere(openBy)
	st, err := im.stmt(stepsQuery + `WHERE session_id = ?`)
	if err != nil {
		return nil, err
	}
	rows, err := st.QueryContext(ctx, here.ID)
	if err != nil {
		return nil, err
	}
	steps, err := scanSteps(rows)
	if err != nil {
		return nil, err
	}
	mine := map[string]model.Step{}
	for _, st := range steps[here.ID] {
		mine[st.Key] = st
	}
	same, reshared := sameSessionRow(here, sess), sameSessionRow(here, sess) && sess.UpdatedAt.Equal(parseTS(updated))
	for _, st := range sess.Steps {
		old, ok := mine[st.Key]
		same = same && ok && sameStep(old, st)
		reshared = reshared && ok && (sameStep(old, st) || im.reshares(old, st))
	}
	v := compare(true, same, sess.UpdatedAt, updated)
	if v == isOlder && reshared {
		v = isNewer // kept private by an earlier import; shared now it may be
	}
	if v.writes() && f.held {
		f.issue = im.refuse(model.IssueOpenElsewhere, path, f.rec, model.ImportRecord{})
		return f, nil
	}
	var n int
	im.count(v, &n)
	if v != isNewer {
		return f, nil
	}
	if _, err := im.exec(`UPDATE sessions SET flow_title = ?, lang = ?, mode = ?, flow_use = ?,
		milestone = ?, status = ?, current_key = ?, started_at = ?, updated_at = ?, finished_at = ?,
		learner_confirmed = ? WHERE id = ?`,
		sess.FlowTitle, string(sess.Lang), string(sess.Mode), string(sess.Use), sess.Milestone, string(sess.Status),
		sess.CurrentKey, ts(sess.StartedAt), ts(sess.UpdatedAt), ts(sess.FinishedAt), ts(sess.LearnerConfirmed),
		here.ID); err != nil {
		return nil, err
	}
	// Step by step: a step changed here after the file's version of it
	// is kept, and steps added here since are left alone.
	for k, st := range sess.Steps {
		old, ok := mine[st.Key]
		if ok && (sameStep(old, st) || !st.UpdatedAt.After(old.UpdatedAt)) && !im.reshares(old, st) {
			continue
		}
		if ok {
			sp := fmt.Sprintf("%s.steps[%d]", path, k)
			rec := model.ImportRecord{Learner: o.learner, Title: st.Title}
			st.AnswerPrivate = im.private(old.AnswerPrivate, st.AnswerPrivate, sp+".answer", rec)
			st.NoteShared = !im.private(!old.NoteShared, !st.NoteShared, sp+".note", rec)
		}
		if _, err := im.exec(upsertStep, stepArgs(here.ID, k, st)...); err != nil {
			return nil, err
		}
	}
	return f, nil
}

// reshares reports whether a step differs here and in the file only in
// being shared there, at the same time of change — as one an earlier
// import kept private leaves it — and AllowSharing lets the file share it
// now.
func (im *importer) reshares(old, st model.Step) bool {
	if !im.opt.AllowSharing || !st.UpdatedAt.Equal(old.UpdatedAt) ||
		!(old.AnswerPrivate && !st.AnswerPrivate || !old.NoteShared && st.NoteShared) {
		return false
	}
	old.AnswerPrivate, old.NoteShared = st.AnswerPrivate, st.NoteShared
	return sameStep(old, st)
}

// private decides whether a record private here (wasPrivate) and written
// from the file stays private: the file makes it shared only with
// AllowSharing, and either way the user is told.
func (im *importer) private(wasPrivate, private bool, path string, rec model.ImportRecord) bool {
	if !wasPrivate || private {
		return private
	}
	if im.opt.AllowSharing {
		im.note(model.IssueMadeShared, path, rec)
		return false
	}
	im.note(model.IssueKeptPrivate, path, rec)
	return true
}

// sameSessionRow reports whether a session's own details (not its steps,
// nor its times) are the same here and in the file.
func sameSessionRow(a, b model.Session) bool {
	return a.FlowTitle == b.FlowTitle && a.Lang == b.Lang && a.Mode == b.Mode && a.Use == b.Use &&
		a.Milestone == b.Milestone && a.Status == b.Status && a.CurrentKey == b.CurrentKey &&
		a.LearnerConfirmed.Equal(b.LearnerConfirmed)
}

// sameStep reports whether a step holds the same here and in the file,
// whenever each last changed and wherever it stands in the list.
func sameStep(a, b model.Step) bool {
	return a.Key == b.Key && a.Kind == b.Kind && answerKind(a.AnswerKind) == answerKind(b.AnswerKind) &&
		a.PromptID == b.PromptID && a.FollowupID == b.FollowupID && a.Parent == b.Parent && a.Title == b.Title &&
		a.Question == b.Question && a.Answer == b.Answer && a.Value == b.Value && a.Target == b.Target &&
		slices.Equal(a.Choices, b.Choices) && a.Note == b.Note && a.Skipped == b.Skipped &&
		a.AnswerPrivate == b.AnswerPrivate && a.NoteShared == b.NoteShared
}

// round adds what a round keeps beside its session when the database has
// nothing for it; a round already here keeps its own timer and roles,
// which are the ones last used.
func (im *importer) round(f *fate, rd model.PeerRound) error {
	var n int
	if err := im.queryRow(`SELECT count(*) FROM rounds WHERE session_id = ?`, f.id).Scan(&n); err != nil || n > 0 {
		return err
	}
	if im.leftOut(f, true) {
		return nil
	}
	rd.SessionID = f.id
	return writeRound(im.ctx, im.tx, rd)
}

// entryHere is whose an entry of the ledger is here, and when it last
// changed.
type entryHere struct {
	engagement int64
	learner    string
	updated    string
}

// found reports whether the entry was read (err from its Scan), and any
// error but its absence.
func (entryHere) found(err error) (bool, error) {
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	return err == nil, err
}

// entry decides what becomes of a worry or an action of the file,
// recorded in session f, of engagement o; h is whose it is here, if found,
// and title its words here. It is refused if its id is another engagement's
// here, left out with its session, and otherwise counted; ok reports
// whether it goes on (and v.writes whether it is written). same compares
// it with the one here; reshared is a change an earlier import kept
// private and AllowSharing now lets through.
func (im *importer) entry(path string, rec model.ImportRecord, f *fate, o owner, h entryHere, found bool, title string,
	same, reshared bool, at time.Time) (v verdict, ok bool) {
	if found && h.engagement != o.id {
		im.refuse(model.IssueOtherEntry, path, rec, model.ImportRecord{Learner: h.learner, Title: title, ID: rec.ID})
		return v, false
	}
	v = compare(found, same, at, h.updated)
	if v == isOlder && reshared {
		v = isNewer // kept private by an earlier import; shared now it may be
	}
	if im.leftOut(f, v.writes()) {
		return v, false
	}
	im.count(v, &im.st.Entries)
	return v, true
}

func (im *importer) ledger(path string, o owner, l model.Ledger, fates map[int64]*fate) error {
	var p model.Progress
	for k, a := range l.Anxieties {
		ap := fmt.Sprintf("%s.anxieties[%d]", path, k)
		rec := model.ImportRecord{Learner: o.learner, Title: a.Text, ID: a.ID}
		f := fates[a.SessionID]
		a.EngagementID, a.SessionID = o.id, f.here()
		var old model.Anxiety
		var h entryHere
		err := im.queryRow(`SELECT a.engagement_id, l.name, coalesce(a.session_id, 0), a.step_key,
			a.text, a.category, a.intensity, a.term, a.plan, a.private, a.updated_at
			FROM anxieties a JOIN engagements e ON e.id = a.engagement_id JOIN learners l ON l.id = e.learner_id
			WHERE a.id = ?`, a.ID).Scan(&h.engagement, &h.learner, &old.SessionID, &old.StepKey, &old.Text, &old.Category,
			&old.Intensity, &old.Term, &old.Plan, &old.Private, &h.updated)
		found, err := h.found(err)
		if err != nil {
			return err
		}
		// Where a worry was voiced is kept as first recorded (see
		// writeLedger); what it says is compared.
		sameWords := old.Text == a.Text && old.Category == a.Category && old.Intensity == a.Intensity &&
			old.Term == a.Term && old.Plan == a.Plan
		reshared := im.opt.AllowSharing && sameWords && old.Private && !a.Private && a.UpdatedAt.Equal(parseTS(h.updated))
		v, ok := im.entry(ap, rec, f, o, h, found, old.Text, sameWords && old.Private == a.Private, reshared, a.UpdatedAt)
		if !ok {
			continue
		}
		if v.writes() {
			if found {
				a.Private = im.private(old.Private, a.Private, ap, rec)
			}
			p.Anxieties = append(p.Anxieties, a)
		}
		if !found && !v.writes() {
			continue // the worry is not here: neither are its statuses
		}
		statuses := make([]statusRow, len(a.History))
		for j, u := range a.History {
			statuses[j] = statusRow{u.ID, u.SessionID, string(u.Status), u.Note, u.NoteShared, u.At}
		}
		write, err := im.statuses(ap, rec, fates, anxietyStatuses, a.ID, statuses)
		if err != nil {
			return err
		}
		for _, j := range write {
			u := a.History[j]
			u.AnxietyID, u.SessionID, u.NoteShared = a.ID, fates[u.SessionID].here(), statuses[j].shared
			p.AnxietyUpdates = append(p.AnxietyUpdates, u)
		}
	}
	for k, a := range l.Actions {
		ap := fmt.Sprintf("%s.actions[%d]", path, k)
		rec := model.ImportRecord{Learner: o.learner, Title: a.Text, ID: a.ID}
		f := fates[a.SessionID]
		a.EngagementID, a.SessionID = o.id, f.here()
		var old model.Action
		var due string
		var h entryHere
		err := im.queryRow(`SELECT a.engagement_id, l.name, coalesce(a.session_id, 0), a.step_key,
			a.text, a.owner, a.due, a.updated_at
			FROM actions a JOIN engagements e ON e.id = a.engagement_id JOIN learners l ON l.id = e.learner_id
			WHERE a.id = ?`, a.ID).Scan(&h.engagement, &h.learner, &old.SessionID, &old.StepKey, &old.Text, &old.Owner,
			&due, &h.updated)
		found, err := h.found(err)
		if err != nil {
			return err
		}
		v, ok := im.entry(ap, rec, f, o, h, found, old.Text, old.Text == a.Text && old.Owner == a.Owner && due == a.Due.String(),
			false, a.UpdatedAt)
		if !ok {
			continue
		}
		if v.writes() {
			p.Actions = append(p.Actions, a)
		}
		if !found && !v.writes() {
			continue
		}
		outcomes := make([]statusRow, len(a.History))
		for j, u := range a.History {
			outcomes[j] = statusRow{u.ID, u.SessionID, string(u.Outcome), u.Note, u.NoteShared, u.At}
		}
		write, err := im.statuses(ap, rec, fates, actionOutcomes, a.ID, outcomes)
		if err != nil {
			return err
		}
		for _, j := range write {
			u := a.History[j]
			u.ActionID, u.SessionID, u.NoteShared = a.ID, fates[u.SessionID].here(), outcomes[j].shared
			p.ActionUpdates = append(p.ActionUpdates, u)
		}
	}
	for _, it := range l.Agreement {
		f := fates[it.SessionID]
		it.SessionID = f.here()
		if f != nil && f.id == 0 {
			im.leftOut(f, true)
			continue
		}
		var old model.AgreementItem
		var updated string
		err := im.queryRow(`SELECT title, learner_expectation, learner_fit, sending_expectation,
			sending_fit, host_expectation, host_fit, agreed, updated_at FROM agreement_items
			WHERE session_id = ? AND topic = ?`, it.SessionID, it.Topic).Scan(&old.Title, &old.Learner.Expectation,
			&old.Learner.Fit, &old.Sending.Expectation, &old.Sending.Fit, &old.Host.Expectation, &old.Host.Fit,
			&old.Agreed, &updated)
		found := err == nil
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		v := compare(found, old.Title == it.Title && old.Learner == it.Learner && old.Sending == it.Sending &&
			old.Host == it.Host && old.Agreed == it.Agreed, it.UpdatedAt, updated)
		if im.leftOut(f, v.writes()) {
			continue
		}
		im.count(v, &im.st.Entries)
		if v.writes() {
			p.Agreement = append(p.Agreement, it)
		}
	}
	return writeLedger(im.ctx, im.tx, p, 0)
}

// statusRow is a worry's status or an action's outcome in a session, as
// the file has it (its session by the file's id).
type statusRow struct {
	id      string
	session int64
	state   string // the status or the outcome
	note    string
	shared  bool // whether the note is shared
	at      time.Time
}

// statusTable is where the statuses of one kind of entry are kept.
type statusTable struct{ table, entries, parent, state string }

var (
	anxietyStatuses = statusTable{"anxiety_updates", "anxieties", "anxiety_id", "status"}
	actionOutcomes  = statusTable{"action_updates", "actions", "action_id", "outcome"}
)

// statuses decides which statuses (or outcomes) of entry parent are
// written, by their index: not one whose id is another entry's here
// (refused), nor one that would change nothing, nor one changed here
// since, nor one recorded in a session left out.
func (im *importer) statuses(path string, rec model.ImportRecord, fates map[int64]*fate, t statusTable, parent string,
	rows []statusRow) ([]int, error) {
	query := `SELECT u.` + t.parent + `, l.name, x.text, u.` + t.state + `, u.note, u.note_shared, u.at FROM ` + t.table + ` u
		JOIN ` + t.entries + ` x ON x.id = u.` + t.parent + ` JOIN engagements e ON e.id = x.engagement_id
		JOIN learners l ON l.id = e.learner_id WHERE u.id = ?`
	var write []int
	for j := range rows {
		u := &rows[j]
		up := fmt.Sprintf("%s.history[%d]", path, j)
		var was, learner, title, state, note, at string
		var shared bool
		err := im.queryRow(query, u.id).Scan(&was, &learner, &title, &state, &note, &shared, &at)
		found := err == nil
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return nil, err
		}
		if found && was != parent {
			im.refuse(model.IssueOtherEntry, up, model.ImportRecord{Learner: rec.Learner, Title: rec.Title, ID: u.id},
				model.ImportRecord{Learner: learner, Title: title, ID: u.id})
			continue
		}
		sameWords := state == u.state && note == u.note
		v := compare(found, sameWords && shared == u.shared, u.at, at)
		if v == isOlder && im.opt.AllowSharing && sameWords && !shared && u.shared && u.at.Equal(parseTS(at)) {
			v = isNewer // kept private by an earlier import; shared now it may be
		}
		if im.leftOut(fates[u.session], v.writes()) || !v.writes() {
			continue
		}
		if found {
			// A note private here stays private unless the file is
			// allowed to share it; either way it is said.
			u.shared = !im.private(!shared, !u.shared, up+".note", rec)
		}
		write = append(write, j)
	}
	return write, nil
}

// validType is a companion type from a file as kept: an unknown one (a
// newer bansou's, or a hand-edited file) is kept as not said.
func validType(t model.CompanionType) string {
	if !t.Valid() {
		return ""
	}
	return string(t)
}
