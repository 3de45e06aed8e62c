package report

import (
	"fmt"
	"strings"

	"bansou/model"
)

// ExportSummary is what a document about engagements holds and what it
// leaves out, said before it is written, so that whoever exports sees whom
// it is for and what goes in.
type ExportSummary struct {
	Learners, Sessions, Answers, Notes, Worries, Actions, Topics int
	// Private counts the private records: left out, or with
	// IncludePrivate, included.
	Private        int
	IncludePrivate bool
	Audience       model.Party
	Agreement      bool // the three-party agreement only
	Everything     bool // the JSON export: every record, private ones too
}

// SummarizeExport counts what the Markdown or CSV writers show of engs with
// opt, by the same rules (a private answer, a note not shared, a private
// worry and a status note not shared are private records), or with
// everything set, what the JSON export holds.
func SummarizeExport(engs []model.EngagementExport, opt Options, agreement, everything bool) ExportSummary {
	sum := ExportSummary{IncludePrivate: opt.IncludePrivate || everything, Audience: opt.Audience,
		Agreement: agreement, Everything: everything}
	count := func(private bool) bool {
		if private {
			sum.Private++
		}
		return !private || sum.IncludePrivate
	}
	for _, e := range engs {
		sum.Learners++
		sum.Topics += len(e.Ledger.Current())
		if agreement {
			continue
		}
		for _, s := range e.Sessions {
			sum.Sessions++
			for _, st := range s.Steps {
				if st.Answered() && count(st.AnswerPrivate) {
					sum.Answers++
				}
				if strings.TrimSpace(st.Note) != "" && count(!st.NoteShared) {
					sum.Notes++
				}
			}
		}
		for _, a := range e.Ledger.Anxieties {
			if count(a.Private) {
				sum.Worries++
			}
			for _, u := range a.History {
				if strings.TrimSpace(u.Note) != "" && count(a.Private || !u.NoteShared) {
					sum.Notes++
				}
			}
		}
		for _, a := range e.Ledger.Actions {
			sum.Actions++
			for _, u := range a.History {
				if strings.TrimSpace(u.Note) != "" && count(!u.NoteShared) {
					sum.Notes++
				}
			}
		}
	}
	return sum
}

// Line says the summary in one sentence.
func (s ExportSummary) Line(lang model.Lang) string {
	w := &wordsIn(lang).summary
	var who string
	switch {
	case s.Everything:
		who = w.everything
	case s.Agreement:
		who = w.agreement
	case s.Audience != "":
		who = fmt.Sprintf(w.forParty, model.PartyLabel(s.Audience, lang))
	default:
		who = w.shared
	}
	var what string
	if s.Agreement {
		what = fmt.Sprintf(w.agreementCounts, s.Learners, s.Topics)
	} else {
		what = fmt.Sprintf(w.counts, s.Learners, s.Sessions, s.Answers, s.Notes, s.Worries, s.Actions, s.Topics)
	}
	private := ""
	switch {
	case s.Agreement:
	case s.Private == 0:
		private = w.noPrivate
	case s.IncludePrivate:
		private = fmt.Sprintf(w.privateIn, s.Private)
	default:
		private = fmt.Sprintf(w.privateOut, s.Private)
	}
	sep := " " // between sentences: none after a Japanese full stop
	if lang == model.Ja {
		sep = ""
	}
	return strings.TrimSpace(who + " " + what + sep + private)
}
