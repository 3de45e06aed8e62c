package model

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strings"
	"unicode/utf8"
)

// ImportStats counts what an import did.
type ImportStats struct {
	Engagements, Sessions, Entries int // new
	Updated                        int // replaced by a newer version from the file
	Kept                           int // left as they were: newer here than in the file
}

func (s ImportStats) String() string {
	return fmt.Sprintf("%d new engagement(s), %d new session(s), %d new ledger entries; %d updated, %d kept (newer here)",
		s.Engagements, s.Sessions, s.Entries, s.Updated, s.Kept)
}

// ImportErrors is every problem found in an export file, each with where it
// is (a line and column, or the path of the field).
type ImportErrors []string

func (e ImportErrors) Error() string {
	return "the file cannot be imported:\n  " + strings.Join(e, "\n  ")
}

// ParseExport reads a JSON export and checks all of it before anything is
// written: valid UTF-8, valid JSON with only known fields, the bansou export
// format at a version this build reads, and consistent contents. It reports
// every problem it finds, each as one line safe to print: the file's own
// bytes may turn up in a reason (a date that does not parse, say). In an
// export it accepts, a line break in a single-line field (a name, a title)
// is folded into a space, as everywhere such a field is entered, and the
// field's path is listed in doc.Folded.
func ParseExport(data []byte) (Export, error) {
	doc, err := parseExport(data)
	if err == nil {
		doc.Folded = doc.foldSingleLines()
	}
	var errs ImportErrors
	if errors.As(err, &errs) {
		for i, e := range errs {
			errs[i] = TermSafe(strings.Join(strings.Fields(e), " "))
		}
		return doc, errs
	}
	return doc, err
}

func parseExport(data []byte) (Export, error) {
	// Editors on Windows often save UTF-8 with a byte-order mark.
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	var doc Export
	if !utf8.Valid(data) {
		line, col := position(data, invalidUTF8(data))
		return doc, ImportErrors{fmt.Sprintf("line %d, column %d: the file is not valid UTF-8 text", line, col)}
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&doc); err != nil {
		return doc, ImportErrors{describeJSONError(data, err)}
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		line, col := position(data, int(dec.InputOffset()))
		return doc, ImportErrors{fmt.Sprintf("line %d, column %d: unexpected data after the export", line, col)}
	}
	if doc.Format != ExportFormat {
		return doc, ImportErrors{fmt.Sprintf("format is %q, not a bansou export (%q)", doc.Format, ExportFormat)}
	}
	if doc.Version > ExportVersion || doc.Version < 1 {
		return doc, ImportErrors{fmt.Sprintf("version %d: this bansou reads export versions 1 to %d", doc.Version, ExportVersion)}
	}
	if errs := doc.Validate(); len(errs) > 0 {
		return doc, errs
	}
	return doc, nil
}

func invalidUTF8(data []byte) int {
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size <= 1 {
			return i
		}
		i += size
	}
	return len(data)
}

// position turns a byte offset into a line and a column (in characters).
func position(data []byte, offset int) (line, col int) {
	offset = max(0, min(offset, len(data)))
	before := data[:offset]
	line = bytes.Count(before, []byte("\n")) + 1
	start := bytes.LastIndexByte(before, '\n') + 1
	return line, utf8.RuneCount(before[start:]) + 1
}

func describeJSONError(data []byte, err error) string {
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syntax):
		line, col := position(data, int(syntax.Offset)-1) // the offset is just past the bad byte
		return fmt.Sprintf("line %d, column %d: not valid JSON: %v", line, col, syntax)
	case errors.As(err, &typ):
		line, col := position(data, int(typ.Offset))
		return fmt.Sprintf("line %d, column %d: %s should be %s, not %s", line, col, typ.Field, typ.Type, typ.Value)
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return "the file ends before the export does (is it cut short?)"
	}
	return "not a bansou export: " + err.Error()
}

// Validate checks that an export is consistent: ids present and unique,
// kinds and statuses known, ledger entries pointing at sessions of their
// engagement, and no NUL character in any text.
func (doc Export) Validate() ImportErrors {
	var errs ImportErrors
	add := func(path, format string, args ...any) {
		errs = append(errs, path+": "+fmt.Sprintf(format, args...))
	}
	checkText(reflect.ValueOf(doc), "export", add)
	engagements := map[string]bool{}
	sessions := map[string]bool{}
	// unique reports a missing or repeated uid among those seen.
	unique := func(path, uid string, seen map[string]bool) {
		switch {
		case uid == "":
			add(path+".uid", "missing")
		case seen[uid]:
			add(path+".uid", "%q appears twice", uid)
		}
		seen[uid] = true
	}
	for i, e := range doc.Engagements {
		ep := fmt.Sprintf("engagements[%d]", i)
		unique(ep, e.UID, engagements)
		if e.Learner.UID == "" {
			add(ep+".learner.uid", "missing")
		}
		for k, err := range e.Validate() {
			add(ep+"."+k, "%v", err)
		}
		ids := map[int64]bool{}
		for j, s := range e.Sessions {
			sp := fmt.Sprintf("%s.sessions[%d]", ep, j)
			unique(sp, s.UID, sessions)
			if ids[s.ID] {
				add(sp+".id", "%d appears twice in the engagement", s.ID)
			}
			ids[s.ID] = true
			validateSession(s, sp, add)
		}
		validateLedger(e.Ledger, ep+".ledger", ids, add)
	}
	for j, s := range doc.SelfReviews {
		sp := fmt.Sprintf("self_reviews[%d]", j)
		unique(sp, s.UID, sessions)
		if !s.IsSelfReview() {
			add(sp+".flow_id", "%q is not a self-review (%q)", s.FlowID, SelfReviewFlowID)
		}
		validateSession(s, sp, add)
	}
	for j, r := range doc.Rounds {
		sp := fmt.Sprintf("rounds[%d].session", j)
		unique(sp, r.Session.UID, sessions)
		if !r.Session.IsRound() {
			add(sp+".flow_id", "%q is not a peer round (%q…)", r.Session.FlowID, RoundFlowPrefix)
		}
		validateSession(r.Session, sp, add)
	}
	return errs
}

func validateSession(s Session, sp string, add func(string, string, ...any)) {
	if s.Status != InProgress && s.Status != Done {
		add(sp+".status", "unknown status %q", s.Status)
	}
	if s.Lang != Ja && s.Lang != En {
		add(sp+".lang", "unknown language %q", s.Lang)
	}
	if s.StartedAt.IsZero() {
		add(sp+".started_at", "missing")
	}
	keys := map[string]bool{}
	for k, st := range s.Steps {
		kp := fmt.Sprintf("%s.steps[%d]", sp, k)
		if st.Key == "" || keys[st.Key] {
			add(kp+".key", "missing or repeated key %q", st.Key)
		}
		keys[st.Key] = true
		switch st.Kind {
		case StepPrompt, StepFollowup, StepOwn, StepAnxieties, StepActions, StepPractice, StepFeedback:
		default:
			add(kp+".kind", "unknown step kind %q", st.Kind)
		}
		if st.AnswerKind != "" && !st.AnswerKind.Valid() && st.AnswerKind != KindSkill && st.AnswerKind != KindFocus {
			add(kp+".answer_kind", "unknown answer kind %q", st.AnswerKind)
		}
		if st.Value < 0 || st.Value > ScalePoints {
			add(kp+".value", "%d is not a point from 1 to %d", st.Value, ScalePoints)
		}
		if st.Target < 0 || st.Target > Levels {
			add(kp+".target", "%d is not a level from 1 to %d", st.Target, Levels)
		}
	}
	if s.CurrentKey != "" && !keys[s.CurrentKey] {
		add(sp+".current_key", "%q names no step of the session", s.CurrentKey)
	}
}

func validateLedger(l Ledger, lp string, sessions map[int64]bool, add func(string, string, ...any)) {
	session := func(path string, id int64) {
		if id != 0 && !sessions[id] {
			add(path, "session %d is not a session of this engagement", id)
		}
	}
	ids := map[string]bool{}
	unique := func(path, id string) {
		if id == "" || ids[id] {
			add(path, "missing or repeated id %q", id)
		}
		ids[id] = true
	}
	for i, a := range l.Anxieties {
		ap := fmt.Sprintf("%s.anxieties[%d]", lp, i)
		unique(ap+".id", a.ID)
		session(ap+".session_id", a.SessionID)
		if a.Intensity < 0 || a.Intensity > ScalePoints {
			add(ap+".intensity", "%d is not from 0 to %d", a.Intensity, ScalePoints)
		}
		if a.Term != "" && a.Term != ShortTerm && a.Term != LongTerm {
			add(ap+".term", "unknown term %q", a.Term)
		}
		for j, u := range a.History {
			up := fmt.Sprintf("%s.history[%d]", ap, j)
			unique(up+".id", u.ID)
			session(up+".session_id", u.SessionID)
			if !u.Status.Valid() {
				add(up+".status", "unknown status %q", u.Status)
			}
		}
	}
	for i, a := range l.Actions {
		ap := fmt.Sprintf("%s.actions[%d]", lp, i)
		unique(ap+".id", a.ID)
		session(ap+".session_id", a.SessionID)
		if !validOwner(a.Owner) {
			add(ap+".owner", "unknown owner %q", a.Owner)
		}
		for j, u := range a.History {
			up := fmt.Sprintf("%s.history[%d]", ap, j)
			unique(up+".id", u.ID)
			session(up+".session_id", u.SessionID)
			if !u.Outcome.Valid() {
				add(up+".outcome", "unknown outcome %q", u.Outcome)
			}
		}
	}
	topics := map[string]bool{}
	for i, it := range l.Agreement {
		ip := fmt.Sprintf("%s.agreement[%d]", lp, i)
		if it.SessionID == 0 || !sessions[it.SessionID] {
			add(ip+".session_id", "session %d is not a session of this engagement", it.SessionID)
		}
		k := fmt.Sprint(it.SessionID, "/", it.Topic)
		if it.Topic == "" || topics[k] {
			add(ip+".topic", "missing or repeated topic %q", it.Topic)
		}
		topics[k] = true
		for _, p := range Parties {
			if f := it.View(p).Fit; f < 0 || f > ScalePoints {
				add(ip+"."+string(p)+".fit", "%d is not from 0 to %d", f, ScalePoints)
			}
		}
	}
}

func validOwner(o Owner) bool {
	for _, x := range Owners {
		if o == x {
			return true
		}
	}
	return false
}

// checkText walks every string in v and reports any holding a NUL, which a
// database text cannot keep faithfully.
func checkText(v reflect.Value, path string, add func(string, string, ...any)) {
	switch v.Kind() {
	case reflect.String:
		if strings.ContainsRune(v.String(), 0) {
			add(path, "contains a NUL character")
		}
	case reflect.Struct:
		t := v.Type()
		for i := range v.NumField() {
			f := t.Field(i)
			if !f.IsExported() {
				continue
			}
			name := strings.Split(f.Tag.Get("json"), ",")[0]
			if name == "" || name == "-" {
				name = f.Name
			}
			p := path + "." + name
			if f.Anonymous {
				p = path
			}
			checkText(v.Field(i), p, add)
		}
	case reflect.Slice:
		for i := range v.Len() {
			checkText(v.Index(i), fmt.Sprintf("%s[%d]", path, i), add)
		}
	case reflect.Map:
		for _, k := range v.MapKeys() {
			checkText(v.MapIndex(k), fmt.Sprintf("%s[%v]", path, k), add)
		}
	}
}
