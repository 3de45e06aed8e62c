package report

import (
	"fmt"
	"slices"
	"strings"

	"bansou/model"
)

// SelfReviewMarkdown writes a self-review as a document to share with a
// mentor or a peer: how the practice went (its outcome and words), each skill's level with its
// evidence and the change since the review before, the balance
// reflection, and the skills chosen to develop with the plan and their
// development methods. earlier are the reviews before this one (any
// order). Private answers and notes are left out unless opt says so. It is
// made safe as a whole (TermSafe).
func SelfReviewMarkdown(s model.Session, earlier []model.Session, m *model.SkillMap, opt Options) string {
	return model.TermSafe(selfReviewMarkdown(s, earlier, m, opt))
}

func selfReviewMarkdown(s model.Session, earlier []model.Session, m *model.SkillMap, opt Options) string {
	lang := opt.lang()
	l := wordsIn(lang)
	rl := &l.review
	loc := opt.loc()
	h := model.HistoryOf(append(earlier, s))
	at := len(h) - 1
	for i, snap := range h {
		if snap.SessionID == s.ID {
			at = i
		}
	}
	var ratings []model.PeerRating // only in the companion's own copy
	if opt.IncludePrivate {
		ratings = h.PeerRatingsAt(at, opt.PeerRatings)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "# %s%s%s\n\n", mdInline(s.FlowTitle), opt.dash(), s.StartedAt.In(loc).Format("2006-01-02"))
	status := l.inProgress
	if s.Status == model.Done {
		status = l.done
	}
	fmt.Fprintf(&b, "- %s: %s\n", l.status, status)

	shown := func(st model.Step) bool { return !st.AnswerPrivate || opt.IncludePrivate }
	// The private mark only appears in the companion's own copy; a shared
	// document does not even hint that something was left out.
	mark := func(private bool) string { return opt.privateMark(private && opt.IncludePrivate, lang) }
	note := func(st model.Step) {
		if opt.noteShown(st) {
			b.WriteString("\n" + opt.noteBlock(st))
		}
	}
	said := func(st model.Step) bool { return shown(st) && strings.TrimSpace(st.Answer) != "" || opt.noteShown(st) }
	// followups writes what was asked deeper under the step with key.
	followups := func(key string) {
		for _, st := range s.Steps {
			if st.Kind != model.StepFollowup || s.RootOf(st.Key) != key || st.Key == key || !said(st) {
				continue
			}
			fmt.Fprintf(&b, "\n#### %s: %s%s\n\n", l.followup, mdInline(st.Title), mark(st.AnswerPrivate))
			if shown(st) && strings.TrimSpace(st.Answer) != "" {
				b.WriteString(mdParagraph(st.Answer))
			}
			note(st)
		}
	}
	hasFollowups := func(key string) bool {
		return slices.ContainsFunc(s.Steps, func(st model.Step) bool {
			return st.Kind == model.StepFollowup && st.Key != key && s.RootOf(st.Key) == key && said(st)
		})
	}
	section := func(title string, steps []model.Step) {
		if len(steps) == 0 {
			return
		}
		fmt.Fprintf(&b, "\n## %s\n", title)
		for _, st := range steps {
			fmt.Fprintf(&b, "\n### %s%s\n\n", mdInline(st.Title), mark(st.AnswerPrivate))
			if (st.Kind != model.StepPrompt || st.AnswerKind == model.KindText) && st.Question != st.Title {
				fmt.Fprintf(&b, "*%s*\n\n", mdInline(st.Question))
			}
			if o := model.PracticeOutcome(st); shown(st) && o != model.OutcomePending {
				fmt.Fprintf(&b, "- %s: %s\n\n", rl.outcome, model.OutcomeLabel(o, lang))
			}
			if shown(st) && strings.TrimSpace(st.Answer) != "" {
				b.WriteString(mdParagraph(st.Answer))
			}
			note(st)
			followups(st.Key)
		}
	}

	var practice, balance, rated, own []model.Step
	var focus *model.Step
	var notRated []string
	for i, st := range s.Steps {
		kept := said(st) || hasFollowups(st.Key)
		switch {
		case st.Kind == model.StepPractice && (kept || shown(st) && model.PracticeOutcome(st) != model.OutcomePending):
			practice = append(practice, st)
		case st.AnswerKind == model.KindSkill && (st.Value > 0 || kept):
			rated = append(rated, st)
		case st.AnswerKind == model.KindSkill:
			notRated = append(notRated, mdInline(st.Title))
		case st.AnswerKind == model.KindFocus:
			focus = &s.Steps[i]
		case st.Kind == model.StepPrompt && st.AnswerKind == model.KindText && kept:
			balance = append(balance, st)
		case st.Kind == model.StepOwn && kept:
			own = append(own, st)
		}
	}
	section(rl.practice, practice)

	fmt.Fprintf(&b, "\n## %s\n", rl.skills)
	for _, st := range rated {
		sk, _ := m.Skill(st.PromptID)
		group := ""
		if sk.ID != "" {
			group = l.lparen + model.GroupName(sk.Group, lang) + l.rparen
		}
		level := rl.noLevel
		if st.Value > 0 {
			level = fmt.Sprintf("%d %s", st.Value, model.LevelName(st.Value, lang))
		}
		fmt.Fprintf(&b, "\n### %s%s%s%s\n\n", mdInline(st.Title), group, opt.dash(), level)
		if d := sk.Level(st.Value).In(lang); d != "" {
			fmt.Fprintf(&b, "*%s*\n\n", mdInline(d))
		}
		var facts []string
		if st.Target > 0 {
			facts = append(facts, fmt.Sprintf("%s %d %s", rl.target, st.Target, model.LevelName(st.Target, lang)))
		}
		switch c := h.ChangeAt(at, st.PromptID); {
		case c.Previous > 0 && c.Current > 0:
			from := fmt.Sprintf("%d → %d", c.Previous, c.Current)
			if opt.Spoken {
				from = fmt.Sprintf(l.fromTo, c.Previous, c.Current)
			}
			facts = append(facts, fmt.Sprintf(rl.since, c.Since.In(loc).Format("2006-01-02"), fmt.Sprintf("%s (%s)", from, model.SignedDelta(c.Delta()))))
		case c.Current > 0:
			facts = append(facts, rl.first)
		}
		if len(facts) > 0 {
			fmt.Fprintf(&b, "- %s\n", strings.Join(facts, opt.dot()))
		}
		if shown(st) && strings.TrimSpace(st.Answer) != "" {
			fmt.Fprintf(&b, "\n**%s%s:**\n\n%s", rl.evidence, mark(st.AnswerPrivate), mdParagraph(st.Answer))
		}
		writeOthers(&b, ratings, st.PromptID, st.Value, opt)
		writeVoice(&b, st.PromptID, opt)
		note(st)
		followups(st.Key)
	}
	if len(notRated) > 0 {
		fmt.Fprintf(&b, "\n*%s:* %s\n", rl.notRated, strings.Join(notRated, opt.dot()))
	}
	section(rl.balance, balance)
	section(rl.own, own)
	writeOthersFeedback(&b, ratings, opt)

	fmt.Fprintf(&b, "\n## %s\n\n", rl.focus)
	if focus == nil {
		b.WriteString(rl.noFocus + "\n")
		return b.String()
	}
	if len(focus.Choices) == 0 {
		b.WriteString(rl.noFocus + "\n")
	}
	var names []string
	for _, id := range focus.Choices {
		name := id
		if sk, ok := m.Skill(id); ok {
			name = sk.Name.In(lang)
		}
		names = append(names, mdInline(name))
	}
	if len(names) > 0 {
		fmt.Fprintf(&b, "**%s**\n", strings.Join(names, opt.dot()))
	}
	if shown(*focus) && strings.TrimSpace(focus.Answer) != "" {
		fmt.Fprintf(&b, "\n**%s%s:**\n\n%s", rl.plan, mark(focus.AnswerPrivate), mdParagraph(focus.Answer))
	}
	note(*focus)
	followups(focus.Key)
	if len(names) == 0 {
		return b.String()
	}
	fmt.Fprintf(&b, "\n### %s\n", rl.methods)
	for _, id := range focus.Choices {
		sk, ok := m.Skill(id)
		if !ok {
			continue
		}
		fmt.Fprintf(&b, "\n**%s**\n\n", mdInline(sk.Name.In(lang)))
		for _, me := range sk.Methods {
			fmt.Fprintf(&b, "- %s: %s\n", mdInline(me.Title.In(lang)), mdInline(me.Text.In(lang)))
		}
	}
	return b.String()
}

// writeVoice writes what learners said about the support beside a skill,
// whole and most recent first, in the companion's own copy only (the
// learner's voice is private to the companion).
func writeVoice(b *strings.Builder, skillID string, opt Options) {
	if !opt.IncludePrivate || opt.Library == nil {
		return
	}
	notes := opt.Library.FeedbackFor(opt.Feedback, skillID)
	if len(notes) == 0 {
		return
	}
	lang := opt.lang()
	l := wordsIn(lang)
	fmt.Fprintf(b, "\n**"+l.review.voice+l.privateMark+":**\n\n", len(notes))
	for _, n := range notes {
		who := n.LearnerName
		if who == "" {
			who = n.FlowTitle
		}
		fmt.Fprintf(b, "- %s%s%s%s\n", mdInline(who), l.lparen, n.At.In(opt.loc()).Format("2006-01-02"), l.rparen)
		for _, part := range model.FeedbackParts {
			if t := strings.TrimSpace(n.Parts[part]); t != "" {
				fmt.Fprintf(b, "  - %s: %s\n", l.review.voiceParts[part], mdItem(t, "    "))
			}
		}
	}
}

// writeOthers writes other people's ratings of a skill beside the
// companion's own level (self), with the gap, most recent first.
func writeOthers(b *strings.Builder, ratings []model.PeerRating, skillID string, self int, opt Options) {
	views := model.OthersOn(ratings, skillID, self)
	if len(views) == 0 {
		return
	}
	lang := opt.lang()
	l := wordsIn(lang)
	fmt.Fprintf(b, "\n**"+l.review.others+l.privateMark+":**\n\n", len(views))
	for _, v := range views {
		line := "- " + otherWho(v.Rating, opt) + ":"
		if v.Level > 0 {
			line += fmt.Sprintf(" %d %s", v.Level, model.LevelName(v.Level, lang))
		}
		if v.HasGap {
			line += l.lparen + fmt.Sprintf(l.review.otherGap, model.SignedDelta(v.Gap)) + l.rparen
		}
		if ev := strings.TrimSpace(v.Evidence); ev != "" {
			line += opt.dash() + mdItem(ev, "  ")
		}
		b.WriteString(line + "\n")
	}
}

// otherWho names a rater with their relation and the day of the rating.
func otherWho(r model.PeerRating, opt Options) string {
	lang := opt.lang()
	return fmt.Sprintf(wordsIn(lang).review.otherWho, mdInline(r.Rater), r.Relation.Name(lang), r.At.In(opt.loc()).Format("2006-01-02"))
}

// writeOthersFeedback writes what each rater said beyond the skills: what
// worked, then the improvement with its alternative and reason.
func writeOthersFeedback(b *strings.Builder, ratings []model.PeerRating, opt Options) {
	l := wordsIn(opt.lang())
	var said []model.PeerRating
	for _, r := range ratings {
		if strings.TrimSpace(r.Worked+r.Improvement+r.Alternative+r.Reason) != "" {
			said = append(said, r)
		}
	}
	if len(said) == 0 {
		return
	}
	fmt.Fprintf(b, "\n## %s%s\n", l.review.othersFeedback, l.privateMark)
	for _, r := range said {
		fmt.Fprintf(b, "\n### %s\n\n", otherWho(r, opt))
		writeRatingWords(b, r, l)
	}
}

// PeerRatingsMarkdown is every rating others gave the companion, newest
// first: for each, what worked, the one thing to change with what to do
// instead and why, then each skill they rated with its level and evidence.
// Ratings are private to the companion, so this is their own document only.
func PeerRatingsMarkdown(ratings []model.PeerRating, m *model.SkillMap, opt Options) string {
	lang := opt.lang()
	l := wordsIn(lang)
	var b strings.Builder
	fmt.Fprintf(&b, "# %s%s\n", fmt.Sprintf(l.review.others, len(ratings)), l.privateMark)
	sorted := slices.Clone(ratings)
	slices.SortStableFunc(sorted, func(a, b model.PeerRating) int { return b.At.Compare(a.At) })
	for _, r := range sorted {
		fmt.Fprintf(&b, "\n## %s\n\n", otherWho(r, opt))
		writeRatingWords(&b, r, l)
		if len(r.Skills) > 0 {
			fmt.Fprintf(&b, "\n### %s\n\n", l.review.skills)
		}
		for _, ps := range r.Skills {
			name := ps.SkillID
			if sk, ok := m.Skill(ps.SkillID); ok {
				name = sk.Name.In(lang)
			}
			line := "- " + mdInline(name) + ":"
			if ps.Level > 0 {
				line += fmt.Sprintf(" %d %s", ps.Level, model.LevelName(ps.Level, lang))
			}
			if ev := strings.TrimSpace(ps.Evidence); ev != "" {
				line += opt.dash() + mdItem(ev, "  ")
			}
			b.WriteString(line + "\n")
		}
	}
	return b.String()
}

// writeRatingWords writes what a rater said beyond the skills: what worked,
// then the one thing to change with what to do instead and why.
func writeRatingWords(b *strings.Builder, r model.PeerRating, l *words) {
	for i, t := range []string{r.Worked, r.Improvement, r.Alternative, r.Reason} {
		if t = strings.TrimSpace(t); t != "" {
			fmt.Fprintf(b, "- %s: %s\n", l.review.otherParts[i], mdItem(t, "  "))
		}
	}
}
