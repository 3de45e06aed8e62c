package model

import (
	"fmt"
	"regexp"
	"strings"
	"time"
)

// MarkdownOptions controls how sessions are written as Markdown.
type MarkdownOptions struct {
	Lang Lang
	// IncludePrivate includes what is kept to the companion: private
	// notes, private answers and private worries. Without it only what is
	// shared is written.
	IncludePrivate bool
	// Audience names the party the document is written for; the document
	// says so. Empty for the companion's own copy.
	Audience Party
	Location *time.Location // for timestamps; nil means UTC
	// Ledger holds the engagement's worries, actions and agreement, shown
	// where they were recorded and, for an engagement, in their own
	// sections.
	Ledger Ledger
	// Library names scale points and options; without it numbers and ids
	// are shown.
	Library *Library
}

func (o MarkdownOptions) loc() *time.Location {
	if o.Location == nil {
		return time.UTC
	}
	return o.Location
}

type mdLabels struct {
	sendingOrg, hostOrg, period, companions, status, inProgress, done,
	answered, skippedN, note, sharedNote, skipped, followup, own,
	notAsked, sessions, noSessions, started, finished string
	privateMark, lparen, rparen, comma string
	types                              map[CompanionType]string
}

var labels = map[Lang]mdLabels{
	Ja: {
		sendingOrg: "所属組織", hostOrg: "越境先", period: "期間", companions: "伴走者",
		status: "状態", inProgress: "進行中", done: "完了", answered: "回答",
		skippedN: "スキップ", note: "伴走者メモ（非公開）", sharedNote: "伴走者メモ",
		skipped: "（スキップ）", followup: "深掘り", own: "独自の問い",
		notAsked: "まだ話していない問い", sessions: "セッション", noSessions: "セッションはまだありません。",
		started: "開始", finished: "終了", privateMark: "（非公開）",
		lparen: "（", rparen: "）", comma: "、",
		types: map[CompanionType]string{Sending: "所属組織", Host: "越境先", ThirdParty: "第三者"},
	},
	En: {
		sendingOrg: "Sending organisation", hostOrg: "Host organisation", period: "Period",
		companions: "Companions", status: "Status", inProgress: "in progress", done: "done",
		answered: "Answered", skippedN: "skipped",
		note: "Companion's note (private)", sharedNote: "Companion's note", skipped: "(skipped)", followup: "Dig deeper",
		own: "Own question", notAsked: "Not talked about yet", sessions: "Sessions",
		noSessions: "No sessions yet.", started: "started", finished: "finished", privateMark: " (private)",
		lparen: " (", rparen: ")", comma: ", ",
		types: map[CompanionType]string{Sending: "sending", Host: "host", ThirdParty: "third party"},
	},
}

// CompanionTypeLabel names a companion type in lang.
func CompanionTypeLabel(t CompanionType, lang Lang) string {
	return labels[lang].types[t]
}

// EngagementMarkdown writes an engagement and its sessions as one document.
// Like every document bansou writes, it is made safe as a whole
// (TermSafe): it holds no control character or bidi control from the
// records or the content, whether it goes to a terminal, a pipe or a file.
func EngagementMarkdown(e Engagement, sessions []Session, opt MarkdownOptions) string {
	var b strings.Builder
	l := labels[langOr(opt.Lang)]
	fmt.Fprintf(&b, "# %s\n\n", mdInline(e.Learner.Name))
	writeAudience(&b, opt)
	writeEngagementFacts(&b, e, l)
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
	return TermSafe(b.String())
}

// SessionMarkdown writes one session as a document headed by the engagement,
// made safe as a whole (TermSafe).
func SessionMarkdown(e Engagement, s Session, opt MarkdownOptions) string {
	var b strings.Builder
	l := labels[langOr(opt.Lang)]
	fmt.Fprintf(&b, "# %s — %s\n\n", mdInline(s.FlowTitle), mdInline(e.Learner.Name))
	writeAudience(&b, opt)
	writeEngagementFacts(&b, e, l)
	b.WriteString("\n")
	writeSessionBody(&b, s, "##", opt)
	return TermSafe(b.String())
}

// writeAudience says whom the document is for and what it leaves out.
func writeAudience(b *strings.Builder, opt MarkdownOptions) {
	lang := langOr(opt.Lang)
	if opt.Audience == "" {
		return
	}
	key := "md.forAudience"
	if opt.IncludePrivate {
		key = "md.forAudiencePrivate"
	}
	fmt.Fprintf(b, "*%s*\n\n", fmt.Sprintf(Word(lang, key), PartyLabel(opt.Audience, lang)))
}

func writeEngagementFacts(b *strings.Builder, e Engagement, l mdLabels) {
	fmt.Fprintf(b, "- %s: %s\n", l.sendingOrg, mdInline(e.SendingOrg))
	fmt.Fprintf(b, "- %s: %s\n", l.hostOrg, mdInline(e.HostOrg))
	fmt.Fprintf(b, "- %s: %s – %s\n", l.period, e.Start, e.End)
	if len(e.Companions) > 0 {
		var cs []string
		for _, c := range e.Companions {
			cs = append(cs, mdInline(c.Name)+l.lparen+l.types[c.Type]+l.rparen)
		}
		fmt.Fprintf(b, "- %s: %s\n", l.companions, strings.Join(cs, l.comma))
	}
}

func writeSession(b *strings.Builder, s Session, h string, opt MarkdownOptions) {
	fmt.Fprintf(b, "%s %s\n\n", h, mdInline(s.FlowTitle))
	writeSessionBody(b, s, h+"#", opt)
}

func writeSessionBody(b *strings.Builder, s Session, h string, opt MarkdownOptions) {
	l := labels[langOr(opt.Lang)]
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
	if s.Status == Done {
		status = l.done
	}
	fmt.Fprintf(b, "- %s: %s%s%s %s", l.status, status, l.lparen, l.started, s.StartedAt.In(loc).Format("2006-01-02 15:04"))
	if !s.FinishedAt.IsZero() {
		fmt.Fprintf(b, "%s%s %s", l.comma, l.finished, s.FinishedAt.In(loc).Format("2006-01-02 15:04"))
	}
	b.WriteString(l.rparen + "\n")
	fmt.Fprintf(b, "- %s: %d / %d", l.answered, answered, total)
	if skipped > 0 {
		fmt.Fprintf(b, "%s%s %d%s", l.lparen, l.skippedN, skipped, l.rparen)
	}
	b.WriteString("\n")

	var notAsked []string
	number := 0 // prompts are numbered as shown, so a hidden one leaves no gap
	for _, st := range s.Steps {
		if opt.hiddenStep(st) {
			continue // kept to the companion: not even as "not talked about"
		}
		if st.Kind == StepPrompt {
			number++
		}
		hasNote := opt.noteShown(st)
		content := opt.stepContent(s, st)
		if !content && !st.Skipped && !hasNote {
			if st.Kind == StepPrompt {
				notAsked = append(notAsked, mdInline(st.Title))
			}
			continue
		}
		private := ""
		if st.AnswerPrivate && opt.IncludePrivate {
			private = l.privateMark
		}
		switch st.Kind {
		case StepFollowup:
			fmt.Fprintf(b, "\n%s# %s: %s%s\n\n", h, l.followup, mdInline(st.Title), private)
		case StepOwn:
			fmt.Fprintf(b, "\n%s ＋ %s: %s%s\n\n", h, l.own, mdInline(st.Title), private)
		case StepAnxieties, StepActions:
			fmt.Fprintf(b, "\n%s %s\n\n", h, opt.stepTitle(s, st))
		case StepFeedback, StepPractice:
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
			label := l.note
			if st.NoteShared {
				label = l.sharedNote
			}
			if wrote {
				b.WriteString("\n")
			}
			fmt.Fprintf(b, "**%s:**\n\n%s", label, mdParagraph(st.Note))
		}
	}
	if len(notAsked) > 0 {
		fmt.Fprintf(b, "\n*%s:* %s\n", l.notAsked, strings.Join(notAsked, " · "))
	}
}

// stepTitle is a step's title as a document shows it. The steps that bring
// back worries and actions are titled with how many the document lists
// (their stored title counts every one, private ones too); o.Ledger must
// already be the visible ledger.
func (o MarkdownOptions) stepTitle(s Session, st Step) string {
	switch st.Kind {
	case StepAnxieties:
		return CarriedTitle(st, len(o.Ledger.AnxietiesUpdatedIn(s.ID)), o.Lang)
	case StepActions:
		return CarriedTitle(st, len(o.Ledger.ActionsUpdatedIn(s.ID)), o.Lang)
	}
	return st.Title
}

// visibleLedger is the ledger as the document may show it: without private
// worries unless private records are included.
func (o MarkdownOptions) visibleLedger() Ledger {
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
func (o MarkdownOptions) noteShown(st Step) bool {
	return strings.TrimSpace(st.Note) != "" && (o.IncludePrivate || st.NoteShared)
}

// stepContent reports whether the document shows what was said at a step;
// o.Ledger must already be the visible ledger.
func (o MarkdownOptions) stepContent(s Session, st Step) bool {
	if st.AnswerPrivate && !o.IncludePrivate {
		return false
	}
	return StepHasContent(s, st, o.Ledger)
}

// hiddenStep reports whether a step is left out of the document entirely:
// its answer is private and it has no note to show.
func (o MarkdownOptions) hiddenStep(st Step) bool {
	return st.AnswerPrivate && !o.IncludePrivate && !o.noteShown(st)
}

func langOr(l Lang) Lang {
	if l == En {
		return En
	}
	return Ja
}

// mdQuote writes text as a blockquote, one quoted line per line, keeping the
// learner's line breaks.
func mdQuote(text string) string { return mdLines(text, ">") }

// mdParagraph writes text as paragraphs, keeping line breaks.
func mdParagraph(text string) string { return mdLines(text, "") }

// mdLines writes each line of text escaped, after prefix, with a hard line
// break at its end; an empty line keeps only the prefix.
func mdLines(text, prefix string) string {
	var b strings.Builder
	for _, line := range strings.Split(strings.TrimRight(text, "\n"), "\n") {
		line = mdEscapeLine(line)
		switch {
		case line == "":
			b.WriteString(prefix + "\n")
		case prefix == "":
			b.WriteString(line + "  \n")
		default:
			b.WriteString(prefix + " " + line + "  \n")
		}
	}
	return b.String()
}

// EscapeMarkdown makes a single line of text show as typed when read as
// Markdown.
func EscapeMarkdown(s string) string { return mdInline(s) }

// mdInline makes a single line of text safe inside Markdown. Line breaks
// become spaces; other spaces (the ideographic space in 山田　花子 too) stay.
func mdInline(s string) string {
	s = strings.NewReplacer("\r\n", " ", "\n", " ", "\r", " ", "\t", " ").Replace(s)
	return mdEscapeLine(strings.TrimSpace(s))
}

// MarkdownPlain turns a question written as Markdown by bansou (where what
// was typed is escaped with mdInline) back into plain text, for an
// interface that prints text rather than rendering Markdown.
func MarkdownPlain(md string) string {
	var b strings.Builder
	for i := 0; i < len(md); i++ {
		c := md[i]
		if c == '\\' && i+1 < len(md) && strings.IndexByte(mdPunct, md[i+1]) >= 0 {
			i++
			b.WriteByte(md[i])
			continue
		}
		b.WriteByte(c)
	}
	return strings.NewReplacer("&#126;", "~", "&#61;", "=", "&amp;", "&").Replace(b.String())
}

// mdPunct are the characters a backslash escapes in Markdown.
const mdPunct = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"

var mdInlineEscaper = strings.NewReplacer(
	`\`, `\\`, "`", "\\`", "*", `\*`, "_", `\_`, "[", `\[`, "]", `\]`, "<", `\<`, ">", `\>`, "|", `\|`,
	"~", "&#126;", // glamour shows a backslash-escaped tilde as is
)

// entity matches what Markdown would turn into another character (&amp;,
// &copy;, &#126;); its & is written as &amp; so the text shows as typed.
var entity = regexp.MustCompile(`&(#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);`)

// mdEscapeLine escapes what Markdown would read as formatting, so the
// learner's words come out as typed.
func mdEscapeLine(line string) string {
	line = strings.TrimRight(line, " \t")
	line = entity.ReplaceAllString(line, "&amp;$1;")
	line = mdInlineEscaper.Replace(line)
	trimmed := strings.TrimLeft(line, " ")
	if trimmed == "" {
		return ""
	}
	indent := strings.Repeat(" ", len(line)-len(trimmed))
	switch trimmed[0] {
	case '#', '-', '+':
		return indent + `\` + trimmed
	case '=': // a line of = under a paragraph would make it a heading
		return indent + "&#61;" + trimmed[1:]
	}
	// "1." or "1)" at the start of a line would begin a list.
	digits := len(trimmed) - len(strings.TrimLeft(trimmed, "0123456789"))
	if digits > 0 && digits < len(trimmed) && (trimmed[digits] == '.' || trimmed[digits] == ')') {
		return indent + trimmed[:digits] + `\` + trimmed[digits:]
	}
	return line
}
