package model

import (
	"fmt"
	"slices"
	"strings"
)

type reviewMDLabels struct {
	practice, skills, balance, focus, plan, methods, notRated, evidence,
	target, since, first, groupSep, noFocus, noLevel, own string
	groups map[SkillGroup]string
}

var reviewMD = map[Lang]reviewMDLabels{
	Ja: {
		practice: "前回からの練習", skills: "スキルの段階", balance: "支援のバランス",
		focus: "次に伸ばすスキル", plan: "練習の計画", methods: "育て方", notRated: "今回は評価しなかったスキル",
		evidence: "根拠となった場面", target: "目標", since: "前回（%s）から %s", first: "初めての評価",
		groupSep: "・", noFocus: "（まだ選んでいません）", noLevel: "段階は選んでいない", own: "自分で加えた問い",
		groups: map[SkillGroup]string{GroupBefore: "越境前", GroupDuring: "越境中", GroupAfter: "越境後", GroupAcross: "プロセス全体"},
	},
	En: {
		practice: "Practice since last time", skills: "Skill levels", balance: "Balance of support",
		focus: "Skills to develop next", plan: "Practice plan", methods: "How to develop them",
		notRated: "Skills not rated this time", evidence: "Evidence",
		target: "target", since: "%[2]s since %[1]s", first: "first rating",
		groupSep: ", ", noFocus: "(none chosen yet)", noLevel: "no level chosen", own: "Own questions",
		groups: map[SkillGroup]string{GroupBefore: "before", GroupDuring: "during", GroupAfter: "after", GroupAcross: "across"},
	},
}

// GroupName names a skill group in lang.
func GroupName(g SkillGroup, lang Lang) string { return reviewMD[langOr(lang)].groups[g] }

// SignedDelta writes a change in levels as +2, -1 or 0.
func SignedDelta(d int) string {
	if d > 0 {
		return fmt.Sprintf("+%d", d)
	}
	return fmt.Sprint(d)
}

// SelfReviewMarkdown writes a self-review as a document to share with a
// mentor or a peer: how the practice went, each skill's level with its
// evidence and the change since the review before, the balance
// reflection, and the skills chosen to develop with the plan and their
// development methods. earlier are the reviews before this one (any
// order). Private answers and notes are left out unless opt says so. It is
// made safe as a whole (TermSafe).
func SelfReviewMarkdown(s Session, earlier []Session, m *SkillMap, opt MarkdownOptions) string {
	return TermSafe(selfReviewMarkdown(s, earlier, m, opt))
}

func selfReviewMarkdown(s Session, earlier []Session, m *SkillMap, opt MarkdownOptions) string {
	lang := langOr(opt.Lang)
	l, rl := labels[lang], reviewMD[lang]
	loc := opt.loc()
	h := HistoryOf(append(earlier, s))
	at := len(h) - 1
	for i, snap := range h {
		if snap.SessionID == s.ID {
			at = i
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "# %s — %s\n\n", mdInline(s.FlowTitle), s.StartedAt.In(loc).Format("2006-01-02"))
	status := l.inProgress
	if s.Status == Done {
		status = l.done
	}
	fmt.Fprintf(&b, "- %s: %s\n", l.status, status)

	shown := func(st Step) bool { return !st.AnswerPrivate || opt.IncludePrivate }
	// The private mark only appears in the companion's own copy; a shared
	// document does not even hint that something was left out.
	mark := func(private bool) string { return opt.privateMark(private && opt.IncludePrivate, lang) }
	note := func(st Step) {
		if opt.noteShown(st) {
			label := l.note
			if st.NoteShared {
				label = l.sharedNote
			}
			fmt.Fprintf(&b, "\n**%s:**\n\n%s", label, mdParagraph(st.Note))
		}
	}
	said := func(st Step) bool { return shown(st) && strings.TrimSpace(st.Answer) != "" || opt.noteShown(st) }
	// followups writes what was asked deeper under the step with key.
	followups := func(key string) {
		for _, st := range s.Steps {
			if st.Kind != StepFollowup || s.RootOf(st.Key) != key || st.Key == key || !said(st) {
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
		return slices.ContainsFunc(s.Steps, func(st Step) bool {
			return st.Kind == StepFollowup && st.Key != key && s.RootOf(st.Key) == key && said(st)
		})
	}
	section := func(title string, steps []Step) {
		if len(steps) == 0 {
			return
		}
		fmt.Fprintf(&b, "\n## %s\n", title)
		for _, st := range steps {
			fmt.Fprintf(&b, "\n### %s%s\n\n", mdInline(st.Title), mark(st.AnswerPrivate))
			if (st.Kind != StepPrompt || st.AnswerKind == KindText) && st.Question != st.Title {
				fmt.Fprintf(&b, "*%s*\n\n", mdInline(st.Question))
			}
			if shown(st) && strings.TrimSpace(st.Answer) != "" {
				b.WriteString(mdParagraph(st.Answer))
			}
			note(st)
			followups(st.Key)
		}
	}

	var practice, balance, rated, own []Step
	var focus *Step
	var notRated []string
	for i, st := range s.Steps {
		kept := said(st) || hasFollowups(st.Key)
		switch {
		case st.Kind == StepPractice && kept:
			practice = append(practice, st)
		case st.AnswerKind == KindSkill && (st.Value > 0 || kept):
			rated = append(rated, st)
		case st.AnswerKind == KindSkill:
			notRated = append(notRated, mdInline(st.Title))
		case st.AnswerKind == KindFocus:
			focus = &s.Steps[i]
		case st.Kind == StepPrompt && st.AnswerKind == KindText && kept:
			balance = append(balance, st)
		case st.Kind == StepOwn && kept:
			own = append(own, st)
		}
	}
	section(rl.practice, practice)

	fmt.Fprintf(&b, "\n## %s\n", rl.skills)
	for _, st := range rated {
		sk, _ := m.Skill(st.PromptID)
		group := ""
		if sk.ID != "" {
			group = l.lparen + rl.groups[sk.Group] + l.rparen
		}
		level := rl.noLevel
		if st.Value > 0 {
			level = fmt.Sprintf("%d %s", st.Value, LevelName(st.Value, lang))
		}
		fmt.Fprintf(&b, "\n### %s%s — %s\n\n", mdInline(st.Title), group, level)
		if d := sk.Level(st.Value).In(lang); d != "" {
			fmt.Fprintf(&b, "*%s*\n\n", mdInline(d))
		}
		var facts []string
		if st.Target > 0 {
			facts = append(facts, fmt.Sprintf("%s %d %s", rl.target, st.Target, LevelName(st.Target, lang)))
		}
		switch c := h.ChangeAt(at, st.PromptID); {
		case c.Previous > 0 && c.Current > 0:
			facts = append(facts, fmt.Sprintf(rl.since, c.Since.In(loc).Format("2006-01-02"), fmt.Sprintf("%d → %d (%s)", c.Previous, c.Current, SignedDelta(c.Delta()))))
		case c.Current > 0:
			facts = append(facts, rl.first)
		}
		if len(facts) > 0 {
			fmt.Fprintf(&b, "- %s\n", strings.Join(facts, " · "))
		}
		if shown(st) && strings.TrimSpace(st.Answer) != "" {
			fmt.Fprintf(&b, "\n**%s%s:**\n\n%s", rl.evidence, mark(st.AnswerPrivate), mdParagraph(st.Answer))
		}
		note(st)
		followups(st.Key)
	}
	if len(notRated) > 0 {
		fmt.Fprintf(&b, "\n*%s:* %s\n", rl.notRated, strings.Join(notRated, " · "))
	}
	section(rl.balance, balance)
	section(rl.own, own)

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
		fmt.Fprintf(&b, "**%s**\n", strings.Join(names, " · "))
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
