package report

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"bansou/model"
)

// RoundMarkdown writes a round as a summary to share with the group:
// participants and roles, the case and the key question, how last round's
// next actions went, the notes of each phase with planned and actual
// time, the takeaways and everyone's next action. Private answers and the
// facilitator's private notes are left out unless opt says so. rc may be
// nil (the format or the case is then named by id). It is made safe as a
// whole (TermSafe).
func RoundMarkdown(s model.Session, rd model.PeerRound, rc *model.RoundContent, opt Options) string {
	lang := opt.lang()
	l := wordsIn(lang)
	rl := &l.round
	f, _ := rc.Format(rd.Format)
	var b strings.Builder
	// whose names the presenter of a step of the block run once per
	// presenter: 発表者の問い（佐藤）.
	whose := func(label string, st model.Step) string {
		if n := model.BlockOf(st); n > 0 && n <= len(rd.AllPresenters()) {
			return fmt.Sprintf(rl.ofPresenter, label, mdInline(rd.AllPresenters()[n-1]))
		}
		return label
	}
	fmt.Fprintf(&b, "# %s%s%s\n\n", fmt.Sprintf(rl.titleFmt, mdInline(s.FlowTitle)), opt.dash(), s.StartedAt.In(opt.loc()).Format("2006-01-02"))
	status := l.inProgress
	if s.Status == model.Done {
		status = l.done
	}
	fmt.Fprintf(&b, "- %s: %s\n", l.status, status)
	if rd.Purpose != "" {
		fmt.Fprintf(&b, "- %s: %s\n", rl.purpose, mdInline(rd.Purpose))
	}

	shown := func(st model.Step) bool { return !st.AnswerPrivate || opt.IncludePrivate }
	mark := func(st model.Step) string { return opt.privateMark(st.AnswerPrivate && opt.IncludePrivate, lang) }
	body := func(st model.Step) {
		if shown(st) && strings.TrimSpace(st.Answer) != "" {
			b.WriteString(mdParagraph(st.Answer))
		}
		if opt.noteShown(st) {
			b.WriteString("\n" + opt.noteBlock(st))
		}
	}
	said := func(st model.Step) bool { return shown(st) && strings.TrimSpace(st.Answer) != "" || opt.noteShown(st) }

	fmt.Fprintf(&b, "\n## %s\n\n| %s | %s | %s |\n|---|---|---|\n", rl.participants, rl.name, rl.kind, rl.role)
	for _, p := range rd.Participants {
		kind := model.CompanionTypeLabel(p.Type, lang)
		if kind == "" {
			kind = rl.none
		}
		roles := strings.Join(rd.RoleNames(p.Name, f, lang), rl.roleSep)
		if roles == "" {
			roles = rl.none
		}
		fmt.Fprintf(&b, "| %s | %s | %s |\n", mdInline(p.Name), kind, roles)
	}

	var keyQ, takeaways []model.Step
	var actions, learnings []model.Step
	var carried []model.Step
	for _, st := range s.Steps {
		switch {
		case st.PromptID == model.KeyQuestionPromptID:
			keyQ = append(keyQ, st)
		case st.PromptID == model.TakeawaysPromptID:
			takeaways = append(takeaways, st)
		case model.ActionOf(st) > 0:
			actions = append(actions, st)
		case model.LearningOf(st) > 0:
			learnings = append(learnings, st)
		case model.CarryOf(st) > 0:
			carried = append(carried, st)
		}
	}

	var cs *model.Case
	if rc != nil && rd.CaseID != "" {
		for i := range rc.Cases {
			if rc.Cases[i].ID == rd.CaseID {
				cs = &rc.Cases[i]
			}
		}
	}
	if cs != nil || rd.CaseID != "" || len(keyQ) > 0 {
		fmt.Fprintf(&b, "\n## %s\n", rl.caseAndQuestion)
		switch {
		case cs != nil:
			fmt.Fprintf(&b, "\n**%s:** %s\n\n%s\n*%s*\n", rl.caseCard, mdInline(cs.Title.In(lang)),
				mdQuote(cs.Scene.In(lang)), mdInline(cs.Question.In(lang)))
		case rd.CaseID != "":
			fmt.Fprintf(&b, "\n**%s:** %s\n", rl.caseCard, mdInline(rd.CaseID))
		}
		for _, st := range keyQ {
			fmt.Fprintf(&b, "\n**%s:**%s\n\n", whose(rl.keyQuestion, st), mark(st))
			if said(st) {
				body(st)
			} else {
				b.WriteString(rl.noAction + "\n")
			}
		}
	}

	// A carried action whose outcome was marked private is left out of a
	// shared summary entirely.
	carried = slices.DeleteFunc(carried, func(st model.Step) bool { return !shown(st) })
	if len(carried) > 0 {
		fmt.Fprintf(&b, "\n## %s\n\n", rl.carried)
		for _, st := range carried {
			n := model.CarryOf(st)
			name, action := "", ""
			if n <= len(rd.Carried) {
				name, action = rd.Carried[n-1].Name, rd.Carried[n-1].Action
			}
			fmt.Fprintf(&b, "- **%s**: %s%s%s%s\n", mdInline(name), mdInline(action), opt.dash(), model.OutcomeLabel(model.CarryOutcome(st), lang), mark(st))
			if shown(st) && strings.TrimSpace(st.Answer) != "" {
				fmt.Fprintf(&b, "%s", mdLines(st.Answer, "  >"))
			}
			if opt.noteShown(st) {
				fmt.Fprintf(&b, "%s", mdLines(st.Note, "  >"))
			}
		}
	}

	asOf := s.UpdatedAt
	if !s.FinishedAt.IsZero() {
		asOf = s.FinishedAt
	}
	actual := func(i int) string {
		if i < 0 || rd.Timer.Phases[i].StartedAt.IsZero() {
			return rl.notStarted
		}
		return model.FormatMinutes(rd.Timer.Elapsed(i, asOf), lang)
	}
	fmt.Fprintf(&b, "\n## %s\n", rl.notes)
	n := 0
	for _, st := range s.Steps {
		ph := model.PhaseOf(st)
		switch {
		case ph != "":
			n++
			i := rd.Timer.PhaseIndex(ph)
			head := fmt.Sprintf(rl.phaseHead, n, mdInline(st.Title), rl.none, actual(i))
			if i >= 0 {
				p := rd.Timer.Phases[i]
				head = fmt.Sprintf(rl.phaseHead, n, mdInline(st.Title), model.FormatMinutes(p.Planned, lang), actual(i))
				if p.Extended != 0 {
					head = fmt.Sprintf(rl.phaseHeadExtended, n, mdInline(st.Title), model.FormatMinutes(p.Planned, lang),
						model.SignedMinutes(p.Extended, lang), actual(i))
				}
			}
			fmt.Fprintf(&b, "\n### %s%s\n\n", head, mark(st))
			if said(st) {
				body(st)
			} else {
				b.WriteString("*" + rl.noNotes + "*\n")
			}
		case (st.Kind == model.StepFollowup || st.Kind == model.StepOwn) && said(st):
			fmt.Fprintf(&b, "\n#### %s%s\n\n", mdInline(st.Title), mark(st))
			body(st)
		}
	}

	if len(rd.Timer.Phases) > 0 {
		// The extensions get a column when there are any.
		extended := slices.ContainsFunc(rd.Timer.Phases, func(p model.TimerPhase) bool { return p.Extended != 0 })
		row := func(cells ...string) {
			if !extended {
				cells = slices.Delete(cells, 2, 3)
			}
			fmt.Fprintf(&b, "| %s |\n", strings.Join(cells, " | "))
		}
		fmt.Fprintf(&b, "\n## %s\n\n", rl.times)
		row(rl.phase, rl.planned, rl.extended, rl.actual)
		b.WriteString(strings.Repeat("|---", 3+boolInt(extended)) + "|\n")
		var planned, added, spent time.Duration
		extension := func(d time.Duration) string {
			if d == 0 {
				return rl.none
			}
			return model.SignedMinutes(d, lang)
		}
		for i, p := range rd.Timer.Phases {
			title := mdInline(p.ID)
			if fp, ok := f.Phase(p.ID); ok {
				title = mdInline(fp.Title.In(lang))
			}
			if p.Who != "" {
				title = fmt.Sprintf(rl.ofPresenter, title, mdInline(p.Who))
			}
			planned += p.Planned
			added += p.Extended
			spent += rd.Timer.Elapsed(i, asOf)
			row(title, model.FormatMinutes(p.Planned, lang), extension(p.Extended), actual(i))
		}
		row(rl.total, model.FormatMinutes(planned, lang), extension(added), model.FormatMinutes(spent, lang))
	}

	if len(takeaways) > 0 {
		fmt.Fprintf(&b, "\n## %s\n", rl.takeaways)
		for _, st := range takeaways {
			b.WriteString("\n")
			if model.BlockOf(st) > 0 {
				fmt.Fprintf(&b, "**%s:**%s\n\n", whose(rl.takeaways, st), mark(st))
			}
			if said(st) {
				body(st)
			} else {
				b.WriteString("*" + rl.noAction + "*\n")
			}
		}
	}

	perPerson := func(heading string, steps []model.Step, of func(model.Step) int) {
		fmt.Fprintf(&b, "\n## %s\n\n", heading)
		for _, st := range steps {
			if !shown(st) {
				continue // a shared summary does not hint at what was left out
			}
			name := ""
			if i := of(st); i <= len(rd.Participants) {
				name = rd.Participants[i-1].Name
			}
			text := rl.noAction
			if strings.TrimSpace(st.Answer) != "" {
				text = mdInline(st.Answer)
			}
			fmt.Fprintf(&b, "- **%s**%s: %s\n", mdInline(name), mark(st), text)
			if opt.noteShown(st) {
				fmt.Fprintf(&b, "%s", mdLines(st.Note, "  >"))
			}
		}
	}
	if len(learnings) > 0 {
		perPerson(rl.learnings, learnings, model.LearningOf)
	}
	perPerson(rl.actions, actions, model.ActionOf)
	writeContribs(&b, rd, opt)
	return model.TermSafe(b.String())
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// contribWords are the words of the room's section of a round.
var contribWords = map[model.Lang]struct {
	title, noName, takenUp, others, guest string
	kinds                                 map[model.ContribKind]string
}{
	model.Ja: {"参加者の書き込み", "（名前なし）", "（取り上げた質問）", "発表によらないもの", "%s（ゲスト）",
		map[model.ContribKind]string{model.ContribQuestion: "質問", model.ContribHypothesis: "仮説・選択肢",
			model.ContribFeedback: "フィードバック", model.ContribLearning: "学び", model.ContribAction: "次の一手"}},
	model.En: {"What everyone wrote", "(no name)", "(taken up)", "Not about one presentation", "%s (guest)",
		map[model.ContribKind]string{model.ContribQuestion: "Question", model.ContribHypothesis: "Hypothesis",
			model.ContribFeedback: "Feedback", model.ContribLearning: "Learning", model.ContribAction: "Next action"}},
}

// writeContribs writes what the people in the room wrote, by presentation
// and kind, each with its author (none where given without a name); a
// private one only with IncludePrivate (and only its writer reads it).
func writeContribs(b *strings.Builder, rd model.PeerRound, opt Options) {
	if len(opt.Contribs) == 0 {
		return
	}
	w := contribWords[opt.lang()]
	if w.title == "" {
		w = contribWords[model.Ja]
	}
	order := append(slices.Clone(rd.AllPresenters()), "")
	for _, c := range opt.Contribs {
		if !slices.Contains(order, c.Presenter) {
			order = append(order, c.Presenter)
		}
	}
	fmt.Fprintf(b, "\n## %s\n", w.title)
	for _, who := range order {
		var rows []string
		for _, k := range model.ContribKinds {
			for _, c := range opt.Contribs {
				if c.Presenter != who || c.Kind != k || c.Private && !opt.IncludePrivate {
					continue
				}
				author := mdInline(c.Author)
				switch {
				case c.Anonymous || c.Author == "":
					author = w.noName // given without a name: so it stays in the document, the writer's own too
				case c.Guest:
					author = fmt.Sprintf(w.guest, author)
				}
				line := fmt.Sprintf("- **%s** %s: %s", w.kinds[k], author, mdInline(strings.Join(strings.Fields(c.Text), " ")))
				if c.TakenUp {
					line += " " + w.takenUp
				}
				rows = append(rows, line)
			}
		}
		if len(rows) == 0 {
			continue
		}
		head := w.others
		if who != "" {
			head = mdInline(who)
		}
		fmt.Fprintf(b, "\n### %s\n\n%s\n", head, strings.Join(rows, "\n"))
	}
}
