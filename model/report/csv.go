package report

import (
	"encoding/csv"
	"fmt"
	"io"
	"strings"

	"bansou/model"
)

// CSVHeader names the columns WriteCSV writes, one row per answered step.
var CSVHeader = []string{
	"learner", "sending_org", "host_org", "session_started", "session", "status",
	"step", "prompt", "question", "answer", "point", "choices", "answer_private", "note", "note_shared",
}

// WriteCSV writes every step with something said (an answer, a point, a
// choice or a note that may be shown) as one row, for a spreadsheet. Private
// answers and notes are left out unless opt.IncludePrivate. A cell that a
// spreadsheet would run as a formula (starting with =, +, -, @) gets a
// leading apostrophe. The answer_private column is filled only when private
// records are included. Every cell is made safe (TermSafe): no control
// character or bidi control is written, to a terminal or a file.
func WriteCSV(w io.Writer, engagements []model.EngagementExport, opt Options) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(CSVHeader); err != nil {
		return err
	}
	lang := opt.lang()
	for _, e := range engagements {
		opt.Ledger = e.Ledger
		opt.Ledger = opt.visibleLedger()
		for _, s := range e.Sessions {
			for i, st := range s.Steps {
				answerShown := !st.AnswerPrivate || opt.IncludePrivate
				noteShown := strings.TrimSpace(st.Note) != "" && (st.NoteShared || opt.IncludePrivate)
				if !(answerShown && st.Answered()) && !noteShown {
					continue
				}
				row := []string{
					e.Learner.Name, e.SendingOrg, e.HostOrg,
					s.StartedAt.In(opt.loc()).Format("2006-01-02 15:04"), s.FlowTitle, string(s.Status),
					stepLabel(s, i), opt.stepTitle(s, st), st.Question, "", "", "", "", "", fmt.Sprint(st.NoteShared),
				}
				if opt.IncludePrivate {
					// Without private records, even that an answer is
					// private is left out.
					row[12] = fmt.Sprint(st.AnswerPrivate)
				}
				if answerShown {
					row[9] = st.Answer
					if st.Value > 0 {
						row[10] = fmt.Sprint(st.Value)
					}
					row[11] = strings.Join(model.ChoiceNames(opt.prompt(s.FlowID, st.PromptID), st.Choices, lang), "; ")
				}
				if noteShown {
					row[13] = st.Note
				}
				for j := range row {
					row[j] = spreadsheetSafe(model.TermSafe(row[j]))
				}
				if err := cw.Write(row); err != nil {
					return err
				}
			}
		}
	}
	cw.Flush()
	return cw.Error()
}

// stepLabel numbers prompts and marks follow-ups and own questions.
func stepLabel(s model.Session, i int) string {
	st := s.Steps[i]
	switch st.Kind {
	case model.StepFollowup:
		return "↳"
	case model.StepOwn:
		return "+"
	case model.StepPrompt:
		return fmt.Sprint(s.Number(i))
	}
	return ""
}

// spreadsheetSafe keeps a spreadsheet from reading a cell as a formula.
func spreadsheetSafe(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
