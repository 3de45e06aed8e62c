package report

import (
	"fmt"
	"strings"
	"time"

	"bansou/model"
)

// Options control how a document is written: in which language, for whom,
// and with or without the records kept to the companion.
type Options struct {
	Lang model.Lang
	// IncludePrivate includes what is kept to the companion: private
	// notes, private answers and private worries. Without it only what is
	// shared is written.
	IncludePrivate bool
	// Audience names the party the document is written for; the document
	// says so. Empty for the companion's own copy.
	Audience model.Party
	Location *time.Location // for timestamps; nil means UTC
	// Ledger holds the engagement's worries, actions and agreement, shown
	// where they were recorded and, for an engagement, in their own
	// sections.
	Ledger model.Ledger
	// Contribs are what the people in a round's room wrote, as the reader
	// may read them (a served round): written under the round, each with
	// its author, or none where it was given without a name.
	Contribs []model.Contribution
	// Library names scale points and options; without it numbers and ids
	// are shown.
	Library *model.Library
	// Spoken writes the document to be read as plain text (see Spoken),
	// by a screen reader too: the parties of the agreement named with
	// their fit and what is still to discuss instead of a table, and
	// words instead of the dashes, dots, arrows and fractions a screen
	// reader reads out.
	// Feedback is what learners said about the companion's support, set
	// beside each skill of a self-review (with Library, which knows which
	// skills a conversation exercises) in the companion's own copy only:
	// it is private to them.
	Feedback []model.FeedbackNote
	// PeerRatings are other people's ratings of the companion (a mentor,
	// a boss, a peer), set beside each skill of a self-review with the
	// gap to the companion's own level, in the companion's own copy only:
	// they are private to the companion.
	PeerRatings []model.PeerRating
	Spoken      bool
}

// dash separates a thing from what is said of it: a dash, or when spoken
// the language's comma.
func (o Options) dash() string {
	if o.Spoken {
		return wordsIn(o.Lang).comma
	}
	return " — "
}

// dot separates the items of a short list.
func (o Options) dot() string {
	if o.Spoken {
		return wordsIn(o.Lang).comma
	}
	return " · "
}

// lang is the language the document is written in: English, or Japanese
// for any other value.
func (o Options) lang() model.Lang {
	if o.Lang == model.En {
		return model.En
	}
	return model.Ja
}

func (o Options) loc() *time.Location {
	if o.Location == nil {
		return time.UTC
	}
	return o.Location
}

// EngagementMarkdown writes an engagement and its sessions as one document.
// Like every document bansou writes, it is made safe as a whole
// (TermSafe): it holds no control character or bidi control from the
// records or the content, whether it goes to a terminal, a pipe or a file.
func EngagementMarkdown(e model.Engagement, sessions []model.Session, opt Options) string {
	var b strings.Builder
	l := wordsIn(opt.Lang)
	fmt.Fprintf(&b, "# %s\n\n", mdInline(e.Learner.Name))
	writeAudience(&b, opt)
	writeEngagementFacts(&b, e, opt)
	writeLedgerSections(&b, opt.Ledger, opt)
	fmt.Fprintf(&b, "\n## %s\n\n", l.sessions)
	if len(sessions) == 0 {
		b.WriteString(l.noSessions + "\n")
	}
	for i, s := range sessions {
		if i > 0 {
			b.WriteString("\n---\n\n")
		}
		writeSession(&b, s, "###", opt)
	}
	return model.TermSafe(b.String())
}

// SessionMarkdown writes one session as a document headed by the engagement,
// made safe as a whole (TermSafe).
func SessionMarkdown(e model.Engagement, s model.Session, opt Options) string {
	var b strings.Builder
	fmt.Fprintf(&b, "# %s%s%s\n\n", mdInline(s.FlowTitle), opt.dash(), mdInline(e.Learner.Name))
	writeAudience(&b, opt)
	writeEngagementFacts(&b, e, opt)
	b.WriteString("\n")
	writeSessionBody(&b, s, "##", opt)
	return model.TermSafe(b.String())
}

// writeAudience says whom the document is for and what it leaves out.
func writeAudience(b *strings.Builder, opt Options) {
	if opt.Audience == "" {
		return
	}
	w := wordsIn(opt.Lang)
	format := w.forAudience
	if opt.IncludePrivate {
		format = w.forAudiencePrivate
	}
	fmt.Fprintf(b, "*%s*\n\n", fmt.Sprintf(format, model.PartyLabel(opt.Audience, opt.lang())))
}

func writeEngagementFacts(b *strings.Builder, e model.Engagement, opt Options) {
	lang := opt.lang()
	l := wordsIn(lang)
	fmt.Fprintf(b, "- %s: %s\n", l.sendingOrg, mdInline(e.SendingOrg))
	fmt.Fprintf(b, "- %s: %s\n", l.hostOrg, mdInline(e.HostOrg))
	period := "%s – %s"
	if opt.Spoken {
		period = l.fromToDates
	}
	fmt.Fprintf(b, "- %s: "+period+"\n", l.period, e.Start, e.End)
	if len(e.Companions) > 0 {
		var cs []string
		for _, c := range e.Companions {
			cs = append(cs, mdInline(c.Name)+l.lparen+model.CompanionTypeLabel(c.Type, lang)+l.rparen)
		}
		fmt.Fprintf(b, "- %s: %s\n", l.companions, strings.Join(cs, l.comma))
	}
}

func writeSession(b *strings.Builder, s model.Session, h string, opt Options) {
	fmt.Fprintf(b, "%s %s\n\n", h, mdInline(s.FlowTitle))
	writeSessionBody(b, s, h+"#", opt)
}

func writeSessionBody(b *strings.Builder, s model.Session, h string, opt Options) {
	l := wordsIn(opt.Lang)
	loc := opt.loc()
	opt.Ledger = opt.visibleLedger()
	answered, skipped, total := 0, 0, 0
	for _, st := range s.Steps {
		if opt.hiddenStep(st) {
			continue
		}
		total++
		switch {
		case opt.stepContent(s, st):
			answered++
		case st.Skipped:
			skipped++
		}
	}
	status := l.inProgress
	if s.Status == model.Done {
		status = l.done
	}
	fmt.Fprintf(b, "- %s: %s%s%s %s", l.status, status, l.lparen, l.started, s.StartedAt.In(loc).Format("2006-01-02 15:04"))
	if !s.FinishedAt.IsZero() {
		fmt.Fprintf(b, "%s%s %s", l.comma, l.finished, s.FinishedAt.In(loc).Format("2006-01-02 15:04"))
	}
	b.WriteString(l.rparen + "\n")
	if opt.Spoken {
		fmt.Fprintf(b, "- %s: "+l.answeredOf, l.answered, answered, total)
	} else {
		fmt.Fprintf(b, "- %s: %d / %d", l.answered, answered, total)
	}
	if skipped > 0 {
		fmt.Fprintf(b, "%s%s %d%s", l.lparen, l.skippedN, skipped, l.rparen)
	}
	b.WriteString("\n")
	if !s.LearnerConfirmed.IsZero() {
		fmt.Fprintf(b, "- "+l.heard+"\n", s.LearnerConfirmed.In(loc).Format("2006-01-02 15:04"))
	}

	var notAsked []string
	number := 0 // prompts are numbered as shown, so a hidden one leaves no gap
	for _, st := range s.Steps {
		if opt.hiddenStep(st) {
			continue // kept to the companion: not even as "not talked about"
		}
		if st.Kind == model.StepPrompt {
			number++
		}
		hasNote := opt.noteShown(st)
		content := opt.stepContent(s, st)
		if !content && !st.Skipped && !hasNote {
			if st.Kind == model.StepPrompt {
				notAsked = append(notAsked, mdInline(st.Title))
			}
			continue
		}
		private := ""
		if st.AnswerPrivate && opt.IncludePrivate {
			private = l.privateMark
		}
		switch st.Kind {
		case model.StepFollowup:
			fmt.Fprintf(b, "\n%s# %s: %s%s\n\n", h, l.followup, mdInline(st.Title), private)
		case model.StepOwn:
			plus := "＋ "
			if opt.Spoken {
				plus = ""
			}
			fmt.Fprintf(b, "\n%s %s%s: %s%s\n\n", h, plus, l.own, mdInline(st.Title), private)
		case model.StepAnxieties, model.StepActions:
			fmt.Fprintf(b, "\n%s %s\n\n", h, opt.stepTitle(s, st))
		case model.StepFeedback, model.StepPractice:
			fmt.Fprintf(b, "\n%s %s%s\n\n*%s*\n\n", h, mdInline(st.Title), private, mdInline(st.Question))
		default:
			fmt.Fprintf(b, "\n%s %d. %s%s\n\n", h, number, mdInline(st.Title), private)
			if st.Question != "" && st.Question != st.Title {
				fmt.Fprintf(b, "*%s*\n\n", mdInline(st.Question))
			}
		}
		wrote := true
		switch {
		case content:
			writeStepContent(b, s, st, opt)
		case st.Skipped:
			b.WriteString("*" + l.skipped + "*\n")
		default:
			wrote = false
		}
		if hasNote {
			if wrote {
				b.WriteString("\n")
			}
			b.WriteString(opt.noteBlock(st))
		}
	}
	if len(notAsked) > 0 {
		fmt.Fprintf(b, "\n*%s:* %s\n", l.notAsked, strings.Join(notAsked, opt.dot()))
	}
}

// stepTitle is a step's title as a document shows it. The steps that bring
// back worries and actions are titled with how many the document lists
// (their stored title counts every one, private ones too); o.Ledger must
// already be the visible ledger.
func (o Options) stepTitle(s model.Session, st model.Step) string {
	switch st.Kind {
	case model.StepAnxieties:
		return model.CarriedTitle(st, len(o.Ledger.AnxietiesUpdatedIn(s.ID)), o.Lang)
	case model.StepActions:
		return model.CarriedTitle(st, len(o.Ledger.ActionsUpdatedIn(s.ID)), o.Lang)
	}
	return st.Title
}

// visibleLedger is the ledger as the document may show it: without private
// worries unless private records are included.
func (o Options) visibleLedger() model.Ledger {
	if o.IncludePrivate {
		return o.Ledger
	}
	l := o.Ledger
	l.Anxieties = nil
	for _, a := range o.Ledger.Anxieties {
		if !a.Private {
			l.Anxieties = append(l.Anxieties, a)
		}
	}
	return l
}

// noteShown reports whether a step's note goes into the document.
func (o Options) noteShown(st model.Step) bool {
	return strings.TrimSpace(st.Note) != "" && (o.IncludePrivate || st.NoteShared)
}

// stepContent reports whether the document shows what was said at a step;
// o.Ledger must already be the visible ledger.
func (o Options) stepContent(s model.Session, st model.Step) bool {
	if st.AnswerPrivate && !o.IncludePrivate {
		return false
	}
	return model.StepHasContent(s, st, o.Ledger)
}

// noteBlock is a step's note as a document shows it, under its label: the
// companion's note, private unless it is shared.
func (o Options) noteBlock(st model.Step) string {
	l := wordsIn(o.Lang)
	label := l.note
	if st.NoteShared {
		label = l.sharedNote
	}
	return fmt.Sprintf("**%s:**\n\n%s", label, mdParagraph(st.Note))
}

// hiddenStep reports whether a step is left out of the document entirely:
// its answer is private and it has no note to show.
func (o Options) hiddenStep(st model.Step) bool {
	return st.AnswerPrivate && !o.IncludePrivate && !o.noteShown(st)
}

// mdInline makes a single line of text safe inside Markdown.
func mdInline(s string) string { return model.EscapeMarkdown(s) }

// mdLines writes each line of text escaped, after prefix.
func mdLines(text, prefix string) string { return model.EscapeMarkdownLines(text, prefix) }

// mdQuote writes text as a blockquote, one quoted line per line, keeping the
// learner's line breaks.
func mdQuote(text string) string { return mdLines(text, ">") }

// mdParagraph writes text as paragraphs, keeping line breaks.
func mdParagraph(text string) string { return mdLines(text, "") }
