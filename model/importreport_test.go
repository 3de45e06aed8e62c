package model

import (
	"strings"
	"testing"
	"time"
)

// TestImportIssuesAreWordedInBothLanguages: every kind of issue an import
// reports reads in Japanese and in English, on one line, with where it is
// and whose record it is, and a name holding control sequences is shown
// harmlessly.
func TestImportIssuesAreWordedInBothLanguages(t *testing.T) {
	kinds := []IssueKind{IssueOpenElsewhere, IssueOtherSession, IssueOtherLearner, IssueOtherEntry, IssueFuture,
		IssueKeptPrivate, IssueMadeShared}
	for _, kind := range kinds {
		i := ImportIssue{Kind: kind, Path: "engagements[0].sessions[2]", Entries: 2,
			Record: ImportRecord{Learner: "山田\x1b]52;c;ZXZpbA==\x07花子", Title: "目的抽出", ID: "s-1"},
			Here:   ImportRecord{Learner: "鈴木 一花", Title: "振り返り", ID: "s-1"},
			At:     t0.AddDate(5, 0, 0), Now: t0}
		ja, en := i.Describe(Ja), i.Describe(En)
		for _, words := range []string{ja, en} {
			if !strings.HasPrefix(words, "engagements[0].sessions[2]") || strings.ContainsAny(words, "\n\x1b\x07") ||
				TermSafe(words) != words {
				t.Errorf("%s: not one harmless line starting where it is: %q", kind, words)
			}
		}
		if ja == en || !hasJapanese(strings.TrimPrefix(ja, "engagements[0].sessions[2]（山田")) {
			t.Errorf("%s: no Japanese words: %q", kind, ja)
		}
		if kind != IssueFuture && !strings.Contains(en, "目的抽出") {
			t.Errorf("%s: the record is not named: %q", kind, en)
		}
	}
	st := ImportStats{Engagements: 1, Unchanged: 3, Issues: []ImportIssue{{Kind: IssueOpenElsewhere}, {Kind: IssueMadeShared}}}
	if got := st.Summary(Ja); !strings.Contains(got, "変更なし 3 件") || !strings.Contains(got, "取り込まなかったもの 1 件") ||
		!strings.Contains(got, "ファイルにより共有になったもの 1 件") {
		t.Errorf("summary: %s", got)
	}
}

// TestClampFutureLeavesTheFileAsItWas: dates later than now (beyond the
// clock skew allowed) are set to now in the copy returned, each reported
// by its path; a date within the skew is kept, and the document given is
// not changed.
func TestClampFutureLeavesTheFileAsItWas(t *testing.T) {
	doc, err := ParseExport(validExport(t))
	if err != nil {
		t.Fatal(err)
	}
	far, near := t0.Add(48*time.Hour), t0.Add(ImportClockSkew-time.Second)
	doc.Engagements[0].UpdatedAt = far
	doc.Engagements[0].Sessions[0].Steps[1].UpdatedAt = near
	doc.Engagements[0].Ledger.Anxieties[0].UpdatedAt = far
	out, issues := doc.ClampFuture(t0)
	if len(issues) != 2 || issues[0].Path != "engagements[0].updated_at" || issues[1].Path != "engagements[0].ledger.anxieties[0].updated_at" {
		t.Fatalf("issues = %+v", issues)
	}
	if !out.Engagements[0].UpdatedAt.Equal(t0) || !out.Engagements[0].Ledger.Anxieties[0].UpdatedAt.Equal(t0) ||
		!out.Engagements[0].Sessions[0].Steps[1].UpdatedAt.Equal(near) {
		t.Fatalf("clamped: %v %v %v", out.Engagements[0].UpdatedAt, out.Engagements[0].Ledger.Anxieties[0].UpdatedAt,
			out.Engagements[0].Sessions[0].Steps[1].UpdatedAt)
	}
	if !doc.Engagements[0].UpdatedAt.Equal(far) || !doc.Engagements[0].Ledger.Anxieties[0].UpdatedAt.Equal(far) {
		t.Fatal("the document given was changed")
	}
}
