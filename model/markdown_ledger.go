package model

import (
	"fmt"
	"strings"
)

// writeStepContent writes what was said at a step, as fits its kind.
func writeStepContent(b *strings.Builder, s Session, st Step, opt MarkdownOptions) {
	lang := langOr(opt.Lang)
	prompt := opt.prompt(s.FlowID, st.PromptID)
	switch {
	case st.Kind == StepAnxieties:
		for _, a := range opt.Ledger.AnxietiesUpdatedIn(s.ID) {
			if a.Private && !opt.IncludePrivate {
				continue
			}
			u, _ := a.UpdateIn(s.ID)
			fmt.Fprintf(b, "- %s%s — %s%s\n", mdInline(a.Text), opt.privateMark(a.Private, lang), StatusLabel(u.Status, lang), opt.noteSuffix(u.Note, u.NoteShared, lang))
		}
	case st.Kind == StepActions:
		for _, a := range opt.Ledger.ActionsUpdatedIn(s.ID) {
			u, _ := a.UpdateIn(s.ID)
			fmt.Fprintf(b, "- %s — %s%s\n", mdInline(a.Text), OutcomeLabel(u.Outcome, lang), opt.noteSuffix(u.Note, u.NoteShared, lang))
		}
	case st.AnswerKind == KindAnxiety:
		for _, a := range opt.Ledger.AnxietiesAt(s.ID, st.Key) {
			if a.Private && !opt.IncludePrivate {
				continue
			}
			b.WriteString(anxietyLine(a, opt.categoryName, lang) + "\n")
			b.WriteString(planLine(a, lang))
		}
	case st.AnswerKind == KindAction:
		for _, a := range opt.Ledger.ActionsAt(s.ID, st.Key) {
			b.WriteString(actionLine(a, lang) + "\n")
		}
	case st.AnswerKind == KindAgreement:
		if it, ok := opt.Ledger.AgreementIn(s.ID)[st.PromptID]; ok {
			writeAgreementItem(b, it, lang)
		}
	case st.Value > 0:
		fmt.Fprintf(b, "**%s**\n", mdInline(PointText(prompt, st.Value, lang)))
	case len(st.Choices) > 0:
		names := ChoiceNames(prompt, st.Choices, lang)
		for i := range names {
			names[i] = mdInline(names[i])
		}
		fmt.Fprintf(b, "**%s**\n", strings.Join(names, " · "))
	}
	if strings.TrimSpace(st.Answer) != "" {
		if st.AnswerKind != KindText && st.AnswerKind != "" {
			b.WriteString("\n")
		}
		b.WriteString(mdQuote(st.Answer))
	}
}

// noteSuffix adds a status note: a note is the companion's and shows only
// when it is shared or private records are included (then marked private).
func (o MarkdownOptions) noteSuffix(note string, shared bool, lang Lang) string {
	if strings.TrimSpace(note) == "" || !shared && !o.IncludePrivate {
		return ""
	}
	return "（" + mdInline(note) + "）" + o.privateMark(!shared, lang)
}

// prompt finds a prompt in the library, or nil.
func (o MarkdownOptions) prompt(flowID, promptID string) *Prompt {
	if o.Library == nil {
		return nil
	}
	f, ok := o.Library.Flow(flowID)
	if !ok {
		return nil
	}
	p, ok := f.Prompt(promptID)
	if !ok {
		return nil
	}
	return &p
}

// categoryName names a worry's category from the content's anxiety
// prompts; without the content, the id stands.
func (o MarkdownOptions) categoryName(id string, lang Lang) string {
	if o.Library != nil {
		for _, f := range o.Library.Flows {
			for _, p := range f.Prompts {
				if p.Kind != KindAnxiety {
					continue
				}
				if opt, ok := p.Option(id); ok {
					return opt.Text.In(lang)
				}
			}
		}
	}
	return id
}

func anxietyLine(a Anxiety, category func(string, Lang) string, lang Lang) string {
	var facts []string
	if a.Category != "" {
		facts = append(facts, category(a.Category, lang))
	}
	if a.Intensity > 0 {
		facts = append(facts, fmt.Sprintf("%s %d/5", Word(lang, "md.intensity"), a.Intensity))
	}
	if a.Term != "" {
		facts = append(facts, TermLabel(a.Term, lang))
	}
	line := "- " + mdInline(a.Text)
	if len(facts) > 0 {
		line += "（" + mdInline(strings.Join(facts, "・")) + "）"
	}
	if a.Private {
		line += labels[lang].privateMark
	}
	return line
}

// planLine is a worry's support plan as a nested item, or nothing.
func planLine(a Anxiety, lang Lang) string {
	if strings.TrimSpace(a.Plan) == "" {
		return ""
	}
	return "  - " + Word(lang, "md.plan") + ": " + mdInline(a.Plan) + "\n"
}

// privateMark marks a private record in a document that includes them.
func (o MarkdownOptions) privateMark(private bool, lang Lang) string {
	if !private {
		return ""
	}
	return labels[lang].privateMark
}

func actionLine(a Action, lang Lang) string {
	line := fmt.Sprintf("- %s（%s: %s", mdInline(a.Text), Word(lang, "md.owner"), OwnerLabel(a.Owner, lang))
	if !a.Due.IsZero() {
		line += fmt.Sprintf("・%s: %s", Word(lang, "md.due"), a.Due)
	}
	return line + "）"
}

// writeAgreementItem writes one topic: each party's expectation and fit in
// a table, the agreed text, and a note when there is a gap.
func writeAgreementItem(b *strings.Builder, it AgreementItem, lang Lang) {
	fmt.Fprintf(b, "| | %s | %s |\n|---|---|---|\n", Word(lang, "md.expectation"), Word(lang, "md.fit"))
	for _, p := range Parties {
		v := it.View(p)
		fit := "—"
		if v.Fit > 0 {
			fit = fmt.Sprintf("%d/5", v.Fit)
		}
		exp := mdInline(v.Expectation)
		if exp == "" {
			exp = "—"
		}
		fmt.Fprintf(b, "| %s | %s | %s |\n", PartyLabel(p, lang), exp, fit)
	}
	if strings.TrimSpace(it.Agreed) != "" {
		fmt.Fprintf(b, "\n**%s:**\n\n%s", Word(lang, "md.agreed"), mdParagraph(it.Agreed))
	}
	if it.HasGap() {
		fmt.Fprintf(b, "\n*%s*\n", Word(lang, "md.gap"))
	}
}

// writeLedgerSections writes an engagement's worries with their history,
// its actions with their outcomes, and the agreement as it stands.
func writeLedgerSections(b *strings.Builder, l Ledger, opt MarkdownOptions) {
	lang := langOr(opt.Lang)
	loc := opt.loc()
	var shown []Anxiety
	for _, a := range l.Anxieties {
		if !a.Private || opt.IncludePrivate {
			shown = append(shown, a)
		}
	}
	if len(shown) > 0 {
		fmt.Fprintf(b, "\n## %s\n\n", Word(lang, "md.anxieties"))
		for _, a := range shown {
			b.WriteString(anxietyLine(a, opt.categoryName, lang))
			fmt.Fprintf(b, " — **%s**\n", StatusLabel(a.Status(), lang))
			b.WriteString(planLine(a, lang))
			for _, u := range a.History {
				fmt.Fprintf(b, "  - %s %s%s\n", u.At.In(loc).Format("2006-01-02"), StatusLabel(u.Status, lang), opt.noteSuffix(u.Note, u.NoteShared, lang))
			}
		}
	}
	if len(l.Actions) > 0 {
		fmt.Fprintf(b, "\n## %s\n\n", Word(lang, "md.actions"))
		for _, a := range l.Actions {
			b.WriteString(actionLine(a, lang))
			fmt.Fprintf(b, " — **%s**\n", OutcomeLabel(a.Outcome(), lang))
			for _, u := range a.History {
				fmt.Fprintf(b, "  - %s %s%s\n", u.At.In(loc).Format("2006-01-02"), OutcomeLabel(u.Outcome, lang), opt.noteSuffix(u.Note, u.NoteShared, lang))
			}
		}
	}
	if cur := l.Current(); len(cur) > 0 {
		fmt.Fprintf(b, "\n## %s\n", Word(lang, "md.agreement"))
		for _, it := range cur {
			fmt.Fprintf(b, "\n### %s\n\n", mdInline(it.Title))
			writeAgreementItem(b, it, lang)
		}
	}
}

// AgreementMarkdown writes the three-party agreement as it stands, for the
// learner, the sending organisation and the host: each topic with the three
// views, the fit scores, the agreed text, the gaps still to discuss and, for
// topics revisited since, what changed. It is made safe as a whole
// (TermSafe).
func AgreementMarkdown(e Engagement, l Ledger, opt MarkdownOptions) string {
	return TermSafe(agreementMarkdown(e, l, opt))
}

func agreementMarkdown(e Engagement, l Ledger, opt MarkdownOptions) string {
	lang := langOr(opt.Lang)
	loc := opt.loc()
	var b strings.Builder
	fmt.Fprintf(&b, "# %s — %s\n\n", Word(lang, "md.agreementDoc"), mdInline(e.Learner.Name))
	lb := labels[lang]
	party := func(name string, p Party) string { return mdInline(name) + lb.lparen + PartyLabel(p, lang) + lb.rparen }
	fmt.Fprintf(&b, "- %s: %s\n", Word(lang, "md.parties"), strings.Join([]string{
		party(e.Learner.Name, PartyLearner), party(e.SendingOrg, PartySending), party(e.HostOrg, PartyHost)}, lb.comma))
	fmt.Fprintf(&b, "- %s: %s – %s\n", lb.period, e.Start, e.End)
	cur := l.Current()
	if len(cur) == 0 {
		fmt.Fprintf(&b, "\n%s\n", Word(lang, "md.nothingYet"))
		return b.String()
	}
	for _, it := range cur {
		fmt.Fprintf(&b, "\n## %s\n\n", mdInline(it.Title))
		fmt.Fprintf(&b, "*%s: %s*\n\n", Word(lang, "md.agreedOn"), it.UpdatedAt.In(loc).Format("2006-01-02"))
		writeAgreementItem(&b, it, lang)
		if first, ok := l.FirstAgreed(it.Topic); ok && first.SessionID != it.SessionID {
			if ch := it.Changes(first); len(ch) > 0 {
				fmt.Fprintf(&b, "\n*%s (%s %s): %s*\n", Word(lang, "md.changed"), Word(lang, "md.revisedOn"),
					it.UpdatedAt.In(loc).Format("2006-01-02"), changeNames(ch, lang))
			}
		}
	}
	fmt.Fprintf(&b, "\n---\n\n%s\n\n", Word(lang, "md.signature"))
	for _, p := range Parties {
		fmt.Fprintf(&b, "- %s:\n", PartyLabel(p, lang))
	}
	return b.String()
}

// changeNames turns change keys ("learner.expectation") into words.
func changeNames(changes []string, lang Lang) string {
	var out []string
	for _, c := range changes {
		party, field, ok := strings.Cut(c, ".")
		if !ok {
			out = append(out, Word(lang, "md.agreed"))
			continue
		}
		name := Word(lang, "md.expectation")
		if field == "fit" {
			name = Word(lang, "md.fit")
		}
		out = append(out, PartyLabel(Party(party), lang)+" "+name)
	}
	return strings.Join(out, ", ")
}
