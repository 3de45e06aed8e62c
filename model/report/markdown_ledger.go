package report

import (
	"fmt"
	"strings"

	"bansou/model"
)

// writeStepContent writes what was said at a step, as fits its kind.
func writeStepContent(b *strings.Builder, s model.Session, st model.Step, opt Options) {
	lang := opt.lang()
	prompt := opt.prompt(s.FlowID, st.PromptID)
	switch {
	case st.Kind == model.StepAnxieties:
		for _, a := range opt.Ledger.AnxietiesUpdatedIn(s.ID) {
			if a.Private && !opt.IncludePrivate {
				continue
			}
			u, _ := a.UpdateIn(s.ID)
			fmt.Fprintf(b, "- %s%s%s%s%s\n", mdItem(a.Text, "  "), opt.privateMark(a.Private, lang), opt.dash(), model.StatusLabel(u.Status, lang), opt.noteSuffix(u.Note, u.NoteShared, lang))
		}
	case st.Kind == model.StepActions:
		for _, a := range opt.Ledger.ActionsUpdatedIn(s.ID) {
			u, _ := a.UpdateIn(s.ID)
			fmt.Fprintf(b, "- %s%s%s%s\n", mdItem(a.Text, "  "), opt.dash(), model.OutcomeLabel(u.Outcome, lang), opt.noteSuffix(u.Note, u.NoteShared, lang))
		}
	case st.AnswerKind == model.KindAnxiety:
		for _, a := range opt.Ledger.AnxietiesAt(s.ID, st.Key) {
			if a.Private && !opt.IncludePrivate {
				continue
			}
			b.WriteString(opt.anxietyLine(a) + "\n")
			b.WriteString(planLine(a, lang))
		}
	case st.AnswerKind == model.KindAction:
		for _, a := range opt.Ledger.ActionsAt(s.ID, st.Key) {
			b.WriteString(actionLine(a, lang) + "\n")
		}
	case st.AnswerKind == model.KindAgreement:
		if it, ok := opt.Ledger.AgreementIn(s.ID)[st.PromptID]; ok {
			writeAgreementItem(b, it, opt)
		}
	case st.Value > 0:
		fmt.Fprintf(b, "**%s**\n", mdInline(model.PointText(prompt, st.Value, lang)))
	case len(st.Choices) > 0:
		names := model.ChoiceNames(prompt, st.Choices, lang)
		for i := range names {
			names[i] = mdInline(names[i])
		}
		fmt.Fprintf(b, "**%s**\n", strings.Join(names, opt.dot()))
	}
	if strings.TrimSpace(st.Answer) != "" {
		if st.AnswerKind != model.KindText && st.AnswerKind != "" {
			b.WriteString("\n")
		}
		b.WriteString(mdQuote(st.Answer))
	}
}

// mdItem writes typed words as the words of a list item: escaped, each
// line break kept as a hard break, the further lines indented by indent so
// that they stay in the item. Blank lines are left out.
func mdItem(text, indent string) string {
	var lines []string
	for _, line := range strings.Split(text, "\n") {
		if line = mdInline(line); line != "" {
			lines = append(lines, line)
		}
	}
	return strings.Join(lines, "  \n"+indent)
}

// noteSuffix adds a status note: a note is the companion's and shows only
// when it is shared or private records are included (then marked private).
func (o Options) noteSuffix(note string, shared bool, lang model.Lang) string {
	if strings.TrimSpace(note) == "" || !shared && !o.IncludePrivate {
		return ""
	}
	return "（" + mdInline(note) + "）" + o.privateMark(!shared, lang)
}

// prompt finds a prompt in the library, or nil.
func (o Options) prompt(flowID, promptID string) *model.Prompt {
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

// anxietyLine is a worry as a list item: its words, then its category,
// intensity and term.
func (o Options) anxietyLine(a model.Anxiety) string {
	lang := o.lang()
	var facts []string
	if a.Category != "" {
		facts = append(facts, o.Library.CategoryName(a.Category, lang))
	}
	switch {
	case a.Intensity > 0 && o.Spoken:
		facts = append(facts, fmt.Sprintf("%s %d", wordsIn(lang).intensity, a.Intensity))
	case a.Intensity > 0:
		facts = append(facts, fmt.Sprintf("%s %d/5", wordsIn(lang).intensity, a.Intensity))
	}
	if a.Term != "" {
		facts = append(facts, model.TermLabel(a.Term, lang))
	}
	line := "- " + mdItem(a.Text, "  ")
	if len(facts) > 0 {
		line += "（" + mdInline(strings.Join(facts, "・")) + "）"
	}
	if a.Private {
		line += wordsIn(lang).privateMark
	}
	return line
}

// planLine is a worry's support plan as a nested item, or nothing.
func planLine(a model.Anxiety, lang model.Lang) string {
	if strings.TrimSpace(a.Plan) == "" {
		return ""
	}
	return "  - " + wordsIn(lang).plan + ": " + mdItem(a.Plan, "    ") + "\n"
}

// privateMark marks a private record in a document that includes them.
func (o Options) privateMark(private bool, lang model.Lang) string {
	if !private {
		return ""
	}
	return wordsIn(lang).privateMark
}

func actionLine(a model.Action, lang model.Lang) string {
	w := wordsIn(lang)
	line := fmt.Sprintf("- %s（%s: %s", mdItem(a.Text, "  "), w.owner, model.OwnerLabel(a.Owner, lang))
	if !a.Due.IsZero() {
		line += fmt.Sprintf("・%s: %s", w.due, a.Due)
	}
	return line + "）"
}

// writeAgreementItem writes one topic: each party's expectation and fit in
// a table, the agreed text, and a note when there is a gap.
func writeAgreementItem(b *strings.Builder, it model.AgreementItem, opt Options) {
	lang := opt.lang()
	w := wordsIn(lang)
	if opt.Spoken {
		writeAgreementSpoken(b, it, opt)
		return
	}
	fmt.Fprintf(b, "| | %s | %s |\n|---|---|---|\n", w.expectation, w.fit)
	for _, p := range model.Parties {
		v := it.View(p)
		fit := "—"
		if v.Fit > 0 {
			fit = fmt.Sprintf("%d/5", v.Fit)
		}
		exp := mdInline(v.Expectation)
		if exp == "" {
			exp = "—"
		}
		fmt.Fprintf(b, "| %s | %s | %s |\n", model.PartyLabel(p, lang), exp, fit)
	}
	writeAgreed(b, it, opt)
}

// writeAgreementSpoken writes one topic to be read out: every party named
// with its fit (or that it has given none), each expectation said, the
// agreed text, and what is still to discuss, by party.
func writeAgreementSpoken(b *strings.Builder, it model.AgreementItem, opt Options) {
	lang := opt.lang()
	w := wordsIn(lang)
	fmt.Fprintf(b, "- %s: %s\n", w.fit, model.FitWords(it, lang))
	for _, p := range model.Parties {
		if v := it.View(p); strings.TrimSpace(v.Expectation) != "" {
			fmt.Fprintf(b, "- "+w.partyExpects+": %s\n", model.PartyLabel(p, lang), mdInline(v.Expectation))
		}
	}
	writeAgreed(b, it, opt)
	if it.HasGap() {
		fmt.Fprintf(b, "\n%s: %s\n", w.toDiscuss, strings.Join(model.GapParts(it, lang), w.comma))
	}
}

// writeAgreed writes a topic's agreed text with who confirmed those words.
func writeAgreed(b *strings.Builder, it model.AgreementItem, opt Options) {
	lang := opt.lang()
	w := wordsIn(lang)
	if strings.TrimSpace(it.Agreed) != "" {
		fmt.Fprintf(b, "\n**%s:**\n\n%s", w.agreed, mdParagraph(it.Agreed))
		var confirmed []string
		for _, p := range model.Parties {
			for _, c := range it.Confirmed {
				if c.Party != p || !c.Stands(it.Agreed) {
					continue
				}
				name := mdInline(c.Name)
				if c.Guest {
					name = fmt.Sprintf(w.guestName, name)
				}
				confirmed = append(confirmed, fmt.Sprintf(w.confirmedBy, model.PartyLabel(c.Party, lang), name,
					c.ConfirmedAt.In(opt.loc()).Format("2006-01-02 15:04")))
			}
		}
		if len(confirmed) > 0 {
			fmt.Fprintf(b, "\n%s: %s\n", w.confirmed, strings.Join(confirmed, w.comma))
		}
	}
	if note := it.GapNote(lang); note != "" && !opt.Spoken {
		fmt.Fprintf(b, "\n*%s*\n", mdInline(note))
	}
}

// writeLedgerSections writes an engagement's worries with their history,
// its actions with their outcomes, and the agreement as it stands.
func writeLedgerSections(b *strings.Builder, l model.Ledger, opt Options) {
	lang := opt.lang()
	w := wordsIn(lang)
	loc := opt.loc()
	var shown []model.Anxiety
	for _, a := range l.Anxieties {
		if !a.Private || opt.IncludePrivate {
			shown = append(shown, a)
		}
	}
	if len(shown) > 0 {
		fmt.Fprintf(b, "\n## %s\n\n", w.anxieties)
		for _, a := range shown {
			b.WriteString(opt.anxietyLine(a))
			fmt.Fprintf(b, "%s**%s**\n", opt.dash(), model.StatusLabel(a.Status(), lang))
			b.WriteString(planLine(a, lang))
			for _, u := range a.History {
				fmt.Fprintf(b, "  - %s %s%s\n", u.At.In(loc).Format("2006-01-02"), model.StatusLabel(u.Status, lang), opt.noteSuffix(u.Note, u.NoteShared, lang))
			}
		}
	}
	if len(l.Actions) > 0 {
		fmt.Fprintf(b, "\n## %s\n\n", w.actions)
		for _, a := range l.Actions {
			b.WriteString(actionLine(a, lang))
			fmt.Fprintf(b, "%s**%s**\n", opt.dash(), model.OutcomeLabel(a.Outcome(), lang))
			for _, u := range a.History {
				fmt.Fprintf(b, "  - %s %s%s\n", u.At.In(loc).Format("2006-01-02"), model.OutcomeLabel(u.Outcome, lang), opt.noteSuffix(u.Note, u.NoteShared, lang))
			}
		}
	}
	if cur := l.Current(); len(cur) > 0 {
		fmt.Fprintf(b, "\n## %s\n", w.agreement)
		for _, it := range cur {
			fmt.Fprintf(b, "\n### %s\n\n", mdInline(it.Title))
			writeAgreementItem(b, it, opt)
		}
	}
}

// AgreementMarkdown writes the three-party agreement as it stands, for the
// learner, the sending organisation and the host: each topic with the three
// views, the fit scores, the agreed text, the gaps still to discuss and, for
// topics revisited since, what changed. It is made safe as a whole
// (TermSafe).
func AgreementMarkdown(e model.Engagement, l model.Ledger, opt Options) string {
	return model.TermSafe(agreementMarkdown(e, l, opt))
}

func agreementMarkdown(e model.Engagement, l model.Ledger, opt Options) string {
	lang := opt.lang()
	w := wordsIn(lang)
	loc := opt.loc()
	var b strings.Builder
	fmt.Fprintf(&b, "# %s — %s\n\n", w.agreementDoc, mdInline(e.Learner.Name))
	party := func(name string, p model.Party) string {
		return mdInline(name) + w.lparen + model.PartyLabel(p, lang) + w.rparen
	}
	fmt.Fprintf(&b, "- %s: %s\n", w.parties, strings.Join([]string{
		party(e.Learner.Name, model.PartyLearner), party(e.SendingOrg, model.PartySending), party(e.HostOrg, model.PartyHost)}, w.comma))
	fmt.Fprintf(&b, "- %s: %s – %s\n", w.period, e.Start, e.End)
	cur := l.Current()
	if len(cur) == 0 {
		fmt.Fprintf(&b, "\n%s\n", w.nothingYet)
		return b.String()
	}
	for _, it := range cur {
		fmt.Fprintf(&b, "\n## %s\n\n", mdInline(it.Title))
		fmt.Fprintf(&b, "*%s: %s*\n\n", w.agreedOn, it.UpdatedAt.In(loc).Format("2006-01-02"))
		writeAgreementItem(&b, it, opt)
		if first, ok := l.FirstAgreed(it.Topic); ok && first.SessionID != it.SessionID {
			if ch := it.Changes(first); len(ch) > 0 {
				fmt.Fprintf(&b, "\n*%s (%s %s): %s*\n", w.changed, w.revisedOn,
					it.UpdatedAt.In(loc).Format("2006-01-02"), model.ChangeWords(ch, lang))
			}
		}
	}
	fmt.Fprintf(&b, "\n---\n\n%s\n\n", w.signature)
	for _, p := range model.Parties {
		fmt.Fprintf(&b, "- %s:\n", model.PartyLabel(p, lang))
	}
	return b.String()
}
