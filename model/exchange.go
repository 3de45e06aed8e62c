package model

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

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
		if msg, ok := describeJSONError(data, err); ok {
			return doc, ImportErrors{msg}
		}
		// Valid JSON holding values that do not fit: name each by its
		// path, in bansou's words (the decoder's name Go types and time
		// layouts, and stop at the first).
		if errs := misfits(data); len(errs) > 0 {
			return doc, errs
		}
		return doc, ImportErrors{"the file does not follow the bansou export format"}
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

// describeJSONError words an error in the file's JSON itself, where it is;
// false for valid JSON holding a value that does not fit (see misfits).
func describeJSONError(data []byte, err error) (string, bool) {
	var syntax *json.SyntaxError
	switch {
	case errors.As(err, &syntax):
		line, col := position(data, int(syntax.Offset)-1) // the offset is just past the bad byte
		return fmt.Sprintf("line %d, column %d: not valid JSON: %v", line, col, syntax), true
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return "the file ends before the export does (is it cut short?)", true
	}
	return "", false
}

// misfits walks the file's JSON beside the export's types and lists every
// value that does not fit where it is (an unknown field, a number where
// text belongs, a date that is not one), each by its path.
func misfits(data []byte) ImportErrors {
	var errs ImportErrors
	misfit(data, reflect.TypeOf(Export{}), "", &errs)
	return errs
}

var (
	timeType = reflect.TypeOf(time.Time{})
	dateType = reflect.TypeOf(Date{})
)

func misfit(raw json.RawMessage, t reflect.Type, path string, errs *ImportErrors) {
	raw = bytes.TrimSpace(raw)
	if string(raw) == "null" {
		return // decodes as the zero value
	}
	bad := func() { *errs = append(*errs, fmt.Sprintf("%s: should be %s, not %s", path, expected(t), found(raw))) }
	if t == timeType || t == dateType {
		if json.Unmarshal(raw, reflect.New(t).Interface()) != nil {
			bad()
		}
		return
	}
	switch t.Kind() {
	case reflect.Struct:
		var obj map[string]json.RawMessage
		if json.Unmarshal(raw, &obj) != nil {
			bad()
			return
		}
		fields := jsonFields(t)
		seen := map[string]bool{}
		for _, f := range fields {
			key, ok := matchKey(obj, f.name)
			if !ok {
				continue
			}
			seen[key] = true
			misfit(obj[key], f.typ, joinPath(path, f.name), errs)
		}
		var unknown []string
		for k := range obj {
			if !seen[k] {
				unknown = append(unknown, k)
			}
		}
		slices.Sort(unknown)
		for _, k := range unknown {
			*errs = append(*errs, joinPath(path, k)+": unknown field")
		}
	case reflect.Slice:
		var list []json.RawMessage
		if json.Unmarshal(raw, &list) != nil {
			bad()
			return
		}
		for i, v := range list {
			misfit(v, t.Elem(), fmt.Sprintf("%s[%d]", path, i), errs)
		}
	case reflect.Map:
		var obj map[string]json.RawMessage
		if json.Unmarshal(raw, &obj) != nil {
			bad()
			return
		}
		for _, k := range slices.Sorted(maps.Keys(obj)) {
			misfit(obj[k], t.Elem(), fmt.Sprintf("%s[%s]", path, k), errs)
		}
	default:
		if json.Unmarshal(raw, reflect.New(t).Interface()) != nil {
			bad()
		}
	}
}

// jsonField is a field of a struct as JSON names it.
type jsonField struct {
	name string
	typ  reflect.Type
}

// jsonFields lists the fields of a struct as JSON sees them: by their
// names in the json tag, with those of an embedded struct as its own.
func jsonFields(t reflect.Type) []jsonField {
	var out []jsonField
	for i := range t.NumField() {
		f := t.Field(i)
		name := strings.Split(f.Tag.Get("json"), ",")[0]
		switch {
		case f.Anonymous && name == "":
			out = append(out, jsonFields(f.Type)...)
			continue
		case !f.IsExported() || name == "-":
			continue
		case name == "":
			name = f.Name
		}
		out = append(out, jsonField{name, f.Type})
	}
	return out
}

// matchKey finds a field's key in an object as the decoder does: the exact
// name, else the name in any case.
func matchKey(obj map[string]json.RawMessage, name string) (string, bool) {
	if _, ok := obj[name]; ok {
		return name, true
	}
	for k := range obj {
		if strings.EqualFold(k, name) {
			return k, true
		}
	}
	return "", false
}

func joinPath(path, name string) string {
	if path == "" {
		return name
	}
	return path + "." + name
}

// expected says what a value of type t looks like.
func expected(t reflect.Type) string {
	switch {
	case t == timeType:
		return "a date and time such as 2026-11-21T09:00:00Z"
	case t == dateType:
		return "a date such as 2026-11-21"
	}
	switch t.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "a whole number"
	case reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.Bool:
		return "true or false"
	case reflect.String:
		return "text"
	case reflect.Slice:
		return "a list"
	}
	return "an object"
}

// found shows a value of the file briefly: text quoted and cut short, a
// number or true or false as it is, and what kind of value anything else
// is.
func found(raw json.RawMessage) string {
	var s string
	switch {
	case json.Unmarshal(raw, &s) == nil:
		if r := []rune(s); len(r) > 30 {
			s = string(r[:30]) + "…"
		}
		return strconv.Quote(s)
	case raw[0] == '{':
		return "an object"
	case raw[0] == '[':
		return "a list"
	}
	if len(raw) > 30 {
		return string(raw[:30]) + "…"
	}
	return string(raw)
}

// Validate checks that an export is consistent: ids present and unique,
// kinds and statuses known, ledger entries pointing at sessions of their
// engagement, and no NUL character in any text.
func (doc Export) Validate() ImportErrors {
	var errs ImportErrors
	add := func(path, format string, args ...any) {
		errs = append(errs, path+": "+fmt.Sprintf(format, args...))
	}
	checkText(reflect.ValueOf(doc), "", add)
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
	ratings := map[string]bool{}
	for j, r := range doc.PeerRatings {
		rp := fmt.Sprintf("peer_ratings[%d]", j)
		unique(rp, r.UID, ratings)
		if strings.TrimSpace(r.Rater) == "" {
			add(rp+".rater", "missing")
		}
		if !r.Relation.Valid() {
			add(rp+".relation", "unknown relation %q (mentor, boss, peer or other)", r.Relation)
		}
		if r.At.IsZero() {
			add(rp+".at", "missing")
		}
		skills := map[string]bool{}
		for k, ps := range r.Skills {
			kp := fmt.Sprintf("%s.skills[%d]", rp, k)
			if ps.SkillID == "" || skills[ps.SkillID] {
				add(kp+".skill", "missing or repeated %q", ps.SkillID)
			}
			skills[ps.SkillID] = true
			if ps.Level < 0 || ps.Level > Levels {
				add(kp+".level", "%d is not 1 to %d", ps.Level, Levels)
			}
		}
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

// MaxImportText is the most a text of an imported file may hold: far more
// than anyone types into one answer, far less than would slow every
// screen that shows it.
const MaxImportText = 1 << 20

// checkText walks every string in v and reports any holding a NUL, which a
// database text cannot keep faithfully, and any longer than MaxImportText.
func checkText(v reflect.Value, path string, add func(string, string, ...any)) {
	switch v.Kind() {
	case reflect.String:
		if strings.ContainsRune(v.String(), 0) {
			add(path, "contains a NUL character")
		}
		if n := len(v.String()); n > MaxImportText {
			add(path, "%.1f MB of text, more than the %d MB a field may hold", float64(n)/(1<<20), MaxImportText>>20)
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
			p := joinPath(path, name)
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
