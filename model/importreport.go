package model

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"time"
)

// ImportOptions choose what an import may do beyond merging.
type ImportOptions struct {
	// AllowSharing lets a file make shared a record that is private in
	// the database (an answer, a note, a worry). Without it the record's
	// newer words are imported and it stays private.
	AllowSharing bool
}

// ImportClockSkew is how far past the store's clock a date of an imported
// file may be and still be taken as it is: the clocks of two computers
// differ a little. A later date would win every merge after it, so it is
// set to now.
const ImportClockSkew = 5 * time.Minute

// ImportStats counts what an import did, and lists what it refused and
// what it imported with a change the user must know of.
type ImportStats struct {
	Engagements, Sessions, Entries int // new
	Updated                        int // replaced by a newer version from the file
	Unchanged                      int // the same in the file as here
	Kept                           int // left as they were: newer here than in the file
	Issues                         []ImportIssue
}

// Refused counts the records the import left out.
func (s ImportStats) Refused() int {
	n := 0
	for _, i := range s.Issues {
		if i.Refused() {
			n++
		}
	}
	return n
}

// count counts the issues of one kind.
func (s ImportStats) count(kind IssueKind) int {
	n := 0
	for _, i := range s.Issues {
		if i.Kind == kind {
			n++
		}
	}
	return n
}

func (s ImportStats) String() string { return s.Summary(En) }

// Summary says in one line what the import did.
func (s ImportStats) Summary(lang Lang) string {
	w := importWords[lang]
	out := fmt.Sprintf(w.summary, s.Engagements, s.Sessions, s.Entries, s.Updated, s.Unchanged, s.Kept)
	if n := s.Refused(); n > 0 {
		out += fmt.Sprintf(w.refusedCount, n)
	}
	if n := s.count(IssueMadeShared); n > 0 {
		out += fmt.Sprintf(w.sharedCount, n)
	}
	if n := s.count(IssueKeptPrivate); n > 0 {
		out += fmt.Sprintf(w.privateCount, n)
	}
	if n := s.count(IssueFuture); n > 0 {
		out += fmt.Sprintf(w.futureCount, n)
	}
	return out
}

// IssueKind is why an import refused a record, or what it changed in one.
type IssueKind string

// Kinds of import issue.
const (
	// Refused: a session open in another running bansou (written to, it
	// would be written over by that window's older copy).
	IssueOpenElsewhere IssueKind = "open_elsewhere"
	// Refused: the session's uid names a session of another engagement
	// (or of another kind) here; it is not moved.
	IssueOtherSession IssueKind = "other_session"
	// Refused: the engagement's uid, or its learner's, is another
	// learner's here; it is not given to the file's learner.
	IssueOtherLearner IssueKind = "other_learner"
	// Refused: a ledger entry's id is another entry's here (of another
	// engagement, or a status of another worry).
	IssueOtherEntry IssueKind = "other_entry"
	// Imported: a date later than now (beyond ImportClockSkew), set to now.
	IssueFuture IssueKind = "future"
	// Imported: private here, shared in the file; kept private.
	IssueKeptPrivate IssueKind = "kept_private"
	// Imported: private here, made shared by the file (AllowSharing).
	IssueMadeShared IssueKind = "made_shared"
)

// ImportRecord names a record the way the user knows it: whose it is,
// what it is (a flow's title, a worry's words) and its id.
type ImportRecord struct {
	Learner, Title, ID string
}

// In words the record in lang.
func (r ImportRecord) In(lang Lang) string {
	w := importWords[lang]
	var parts []string
	if r.Learner != "" {
		parts = append(parts, r.Learner)
	}
	if r.Title != "" {
		t := []rune(strings.Join(strings.Fields(r.Title), " "))
		if len(t) > 30 {
			t = append(t[:30], '…')
		}
		parts = append(parts, string(t))
	}
	out := strings.Join(parts, w.dot)
	if r.ID != "" {
		if out != "" {
			out += w.comma
		}
		out += "id " + r.ID
	}
	return out
}

// ImportIssue is one record an import refused, or imported with a change.
type ImportIssue struct {
	Kind IssueKind
	// Path is where the record is in the file:
	// engagements[0].sessions[2].steps[4].answer.
	Path string
	// Record is the record as the file has it; Here, for a record the
	// file would move, whose it is in the database.
	Record, Here ImportRecord
	// Entries counts, for a session refused, the ledger entries made in
	// it that were left out with it.
	Entries int
	// At is a date in the future as the file gives it, and Now what it
	// was set to.
	At, Now time.Time
}

// Refused reports whether the record was left out.
func (i ImportIssue) Refused() bool {
	switch i.Kind {
	case IssueOpenElsewhere, IssueOtherSession, IssueOtherLearner, IssueOtherEntry:
		return true
	}
	return false
}

// Describe words the issue in lang, on one line: where it is, what, and
// what the user can do.
func (i ImportIssue) Describe(lang Lang) string {
	w := importWords[lang]
	where := i.Path
	if rec := i.Record.In(lang); rec != "" {
		where += fmt.Sprintf(w.paren, rec)
	}
	var what string
	switch i.Kind {
	case IssueOpenElsewhere:
		what = w.openElsewhere + i.alsoEntries(w) + w.openElsewhereDo
	case IssueOtherSession:
		what = fmt.Sprintf(w.otherSession, i.Here.In(lang)) + i.alsoEntries(w) + w.stop
	case IssueOtherLearner:
		what = fmt.Sprintf(w.otherLearner, i.Here.In(lang))
	case IssueOtherEntry:
		what = fmt.Sprintf(w.otherEntry, i.Here.In(lang))
	case IssueFuture:
		what = fmt.Sprintf(w.future, i.At.UTC().Format(time.RFC3339), i.Now.UTC().Format(time.RFC3339))
	case IssueKeptPrivate:
		what = w.keptPrivate
	case IssueMadeShared:
		what = w.madeShared
	}
	return TermSafe(strings.Join(strings.Fields(where+w.colon+what), " "))
}

func (i ImportIssue) alsoEntries(w importText) string {
	if i.Entries == 0 {
		return ""
	}
	return fmt.Sprintf(w.entries, i.Entries)
}

type importText struct {
	summary, refusedCount, sharedCount, privateCount, futureCount string
	dot, comma, paren, colon, stop, entries                       string
	openElsewhere, openElsewhereDo, otherSession, otherLearner    string
	otherEntry, future, keptPrivate, madeShared                   string
}

var importWords = map[Lang]importText{
	Ja: {
		summary:      "新しいエンゲージメント %d 件、新しいセッション %d 件、新しい台帳の記録 %d 件。更新 %d 件、変更なし %d 件、こちらが新しいため残したもの %d 件",
		refusedCount: "。取り込まなかったもの %d 件",
		sharedCount:  "。ファイルにより共有になったもの %d 件",
		privateCount: "。非公開のままにしたもの %d 件",
		futureCount:  "。未来の日時を現在にしたもの %d 件",
		dot:          "・", comma: "、", paren: "（%s）", colon: ": ", stop: "。",
		entries:         "（そこで記録された台帳の記録 %d 件も取り込みませんでした）",
		openElsewhere:   "このセッションは別の bansou で開かれているため、何も書き込みませんでした",
		openElsewhereDo: "。そちらでセッションを閉じてから、もう一度取り込んでください。",
		otherSession:    "この id はここでは別のセッション（%s）のものです。別の学習者やエンゲージメントへ移さず、何も取り込みませんでした",
		otherLearner:    "このエンゲージメントまたは学習者の id は、ここでは別の学習者（%s）のものです。付け替えず、このエンゲージメントは何も取り込みませんでした。",
		otherEntry:      "この id はここでは別の記録（%s）のものです。移さず、取り込みませんでした。",
		future:          "%s は現在より後の日時のため、%s として取り込みました。",
		keptPrivate:     "ここでは非公開、ファイルでは共有です。内容は取り込み、非公開のままにしました（ファイルのとおり共有にするには --allow-sharing）。",
		madeShared:      "ファイルにより共有になりました（ここでは非公開でした）。",
	},
	En: {
		summary:      "%d new engagement(s), %d new session(s), %d new ledger entries; %d updated, %d unchanged, %d kept (newer here)",
		refusedCount: "; %d refused",
		sharedCount:  "; %d made shared by the file",
		privateCount: "; %d kept private",
		futureCount:  "; %d future date(s) set to now",
		dot:          " · ", comma: ", ", paren: " (%s)", colon: ": ", stop: ".",
		entries:         " (nor the ledger entries recorded in it: %d)",
		openElsewhere:   "the session is open in another bansou, so nothing was written to it",
		openElsewhereDo: "; close it there and import the file again.",
		otherSession:    "this id is a different session here (%s); it was not moved to another learner or engagement, and nothing was imported into it",
		otherLearner:    "the id of this engagement or of its learner is another learner's here (%s); it was not handed over, and nothing of this engagement was imported.",
		otherEntry:      "this id is another record here (%s); it was not moved or imported.",
		future:          "%s is later than now; imported as %s.",
		keptPrivate:     "private here, shared in the file: imported and kept private (--allow-sharing makes it shared as the file has it).",
		madeShared:      "made shared by the file (it was private here).",
	},
}

// ClampFuture returns doc with every date later than now (beyond
// ImportClockSkew) set to now, and an issue for each: a date in the future
// would win every merge after it, over anything written here since. The
// date the export was written is left as it is. doc itself is not
// changed.
func (doc Export) ClampFuture(now time.Time) (Export, []ImportIssue) {
	limit := now.Add(ImportClockSkew)
	var issues []ImportIssue
	find := func(path string, t *time.Time) {
		if t.After(limit) {
			issues = append(issues, ImportIssue{Kind: IssueFuture, Path: path, At: *t, Now: now})
		}
	}
	walkTimes(reflect.ValueOf(&doc).Elem(), "", find)
	if len(issues) == 0 {
		return doc, nil
	}
	// A copy of its own (doc shares its lists with the caller's).
	var out Export
	if b, err := json.Marshal(doc); err != nil || json.Unmarshal(b, &out) != nil {
		return doc, nil
	}
	walkTimes(reflect.ValueOf(&out).Elem(), "", func(path string, t *time.Time) {
		if t.After(limit) {
			*t = now
		}
	})
	return out, issues
}

// walkTimes calls fn with every date and time in v (addressable) but the
// export's own, with its path.
func walkTimes(v reflect.Value, path string, fn func(path string, t *time.Time)) {
	switch v.Kind() {
	case reflect.Struct:
		if v.Type() == timeType {
			if path != "exported_at" {
				fn(path, v.Addr().Interface().(*time.Time))
			}
			return
		}
		t := v.Type()
		for i := range v.NumField() {
			f := t.Field(i)
			name := strings.Split(f.Tag.Get("json"), ",")[0]
			switch {
			case f.Anonymous:
				walkTimes(v.Field(i), path, fn)
				continue
			case !f.IsExported() || name == "-":
				continue
			case name == "":
				name = f.Name
			}
			walkTimes(v.Field(i), joinPath(path, name), fn)
		}
	case reflect.Slice:
		for i := range v.Len() {
			walkTimes(v.Index(i), fmt.Sprintf("%s[%d]", path, i), fn)
		}
	case reflect.Pointer:
		if !v.IsNil() {
			walkTimes(v.Elem(), path, fn)
		}
	}
}
