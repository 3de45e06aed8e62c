package model

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

type roundMDLabels struct {
	titleFmt, format, participants, name, kind, role, caseAndQuestion, caseCard, keyQuestion,
	carried, notes, times, phase, planned, actual, total, takeaways, actions, noAction,
	facilitator, presenter, scribe, phaseHead, none, roleSep, notStarted, noNotes string
}

var roundMD = map[Lang]roundMDLabels{
	Ja: {
		titleFmt: "ピアラウンド：%s — %s", format: "形式", participants: "参加者と役割",
		name: "参加者", kind: "伴走者の立場", role: "役割", caseAndQuestion: "ケースと問い",
		caseCard: "ケースカード", keyQuestion: "発表者の問い", carried: "前回の次の一手",
		notes: "フェーズごとの記録", times: "時間", phase: "フェーズ", planned: "予定", actual: "実際",
		total: "合計", takeaways: "持ち帰り", actions: "次の一手", noAction: "（未記入）",
		facilitator: "ファシリテーター", presenter: "発表者", scribe: "書記",
		phaseHead: "%d. %s（予定 %s・実際 %s）", none: "—", roleSep: "・", notStarted: "未実施", noNotes: "（記録なし）",
	},
	En: {
		titleFmt: "Peer round: %s — %s", format: "Format", participants: "Participants and roles",
		name: "Participant", kind: "Companion", role: "Role", caseAndQuestion: "Case and key question",
		caseCard: "Case card", keyQuestion: "The presenter's question", carried: "Last round's next actions",
		notes: "Notes by phase", times: "Time", phase: "Phase", planned: "Planned", actual: "Actual",
		total: "Total", takeaways: "Takeaways", actions: "Next actions", noAction: "(none written)",
		facilitator: "facilitator", presenter: "presenter", scribe: "scribe",
		phaseHead: "%d. %s (planned %s, actual %s)", none: "—", roleSep: ", ", notStarted: "not run", noNotes: "(no notes)",
	},
}

// FormatMinutes writes a duration as minutes and seconds, the way the
// round shows it: 5分, 6分12秒; 5 min, 6 min 12 s.
func FormatMinutes(d time.Duration, lang Lang) string {
	d = d.Round(time.Second)
	neg := d < 0
	if neg {
		d = -d
	}
	m, s := int(d/time.Minute), int(d%time.Minute/time.Second)
	var out string
	switch {
	case lang == En && s == 0:
		out = fmt.Sprintf("%d min", m)
	case lang == En && m == 0:
		out = fmt.Sprintf("%d s", s)
	case lang == En:
		out = fmt.Sprintf("%d min %d s", m, s)
	case s == 0:
		out = fmt.Sprintf("%d分", m)
	case m == 0:
		out = fmt.Sprintf("%d秒", s)
	default:
		out = fmt.Sprintf("%d分%d秒", m, s)
	}
	if neg {
		return "-" + out
	}
	return out
}

// RoleNames lists a participant's roles in a round, in lang: facilitator,
// presenter, scribe and any role played in a role-play.
func (rd PeerRound) RoleNames(name string, f *RoundFormat, lang Lang) []string {
	l := roundMD[langOr(lang)]
	k := participantKey(name)
	var out []string
	for _, r := range []struct{ who, label string }{
		{rd.Facilitator, l.facilitator}, {rd.Presenter, l.presenter}, {rd.Scribe, l.scribe},
	} {
		if r.who != "" && participantKey(r.who) == k {
			out = append(out, r.label)
		}
	}
	if f != nil {
		for _, role := range f.Roles {
			if who, ok := rd.Cast[role.ID]; ok && participantKey(who) == k {
				out = append(out, role.Name.In(lang))
			}
		}
	}
	return out
}

// RoundMarkdown writes a round as a summary to share with the group:
// participants and roles, the case and the key question, how last round's
// next actions went, the notes of each phase with planned and actual
// time, the takeaways and everyone's next action. Private answers and the
// facilitator's private notes are left out unless opt says so. rc may be
// nil (the format or the case is then named by id). It is made safe as a
// whole (TermSafe).
func RoundMarkdown(s Session, rd PeerRound, rc *RoundContent, opt MarkdownOptions) string {
	lang := langOr(opt.Lang)
	l, rl := labels[lang], roundMD[lang]
	f, _ := rc.Format(rd.Format)
	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n\n", fmt.Sprintf(rl.titleFmt, mdInline(s.FlowTitle), s.StartedAt.In(opt.loc()).Format("2006-01-02")))
	status := l.inProgress
	if s.Status == Done {
		status = l.done
	}
	fmt.Fprintf(&b, "- %s: %s\n", l.status, status)

	shown := func(st Step) bool { return !st.AnswerPrivate || opt.IncludePrivate }
	mark := func(st Step) string { return opt.privateMark(st.AnswerPrivate && opt.IncludePrivate, lang) }
	body := func(st Step) {
		if shown(st) && strings.TrimSpace(st.Answer) != "" {
			b.WriteString(mdParagraph(st.Answer))
		}
		if opt.noteShown(st) {
			label := l.note
			if st.NoteShared {
				label = l.sharedNote
			}
			fmt.Fprintf(&b, "\n**%s:**\n\n%s", label, mdParagraph(st.Note))
		}
	}
	said := func(st Step) bool { return shown(st) && strings.TrimSpace(st.Answer) != "" || opt.noteShown(st) }

	fmt.Fprintf(&b, "\n## %s\n\n| %s | %s | %s |\n|---|---|---|\n", rl.participants, rl.name, rl.kind, rl.role)
	for _, p := range rd.Participants {
		kind := CompanionTypeLabel(p.Type, lang)
		if kind == "" {
			kind = rl.none
		}
		roles := strings.Join(rd.RoleNames(p.Name, f, lang), rl.roleSep)
		if roles == "" {
			roles = rl.none
		}
		fmt.Fprintf(&b, "| %s | %s | %s |\n", mdInline(p.Name), kind, roles)
	}

	var keyQ, takeaways []Step
	var actions []Step
	var carried []Step
	for _, st := range s.Steps {
		switch {
		case st.PromptID == KeyQuestionPromptID:
			keyQ = append(keyQ, st)
		case st.PromptID == TakeawaysPromptID:
			takeaways = append(takeaways, st)
		case ActionOf(st) > 0:
			actions = append(actions, st)
		case CarryOf(st) > 0:
			carried = append(carried, st)
		}
	}

	var cs *Case
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
			fmt.Fprintf(&b, "\n**%s:**%s\n\n", rl.keyQuestion, mark(st))
			if said(st) {
				body(st)
			} else {
				b.WriteString(rl.noAction + "\n")
			}
		}
	}

	// A carried action whose outcome was marked private is left out of a
	// shared summary entirely.
	carried = slices.DeleteFunc(carried, func(st Step) bool { return !shown(st) })
	if len(carried) > 0 {
		fmt.Fprintf(&b, "\n## %s\n\n", rl.carried)
		for _, st := range carried {
			n := CarryOf(st)
			name, action := "", ""
			if n <= len(rd.Carried) {
				name, action = rd.Carried[n-1].Name, rd.Carried[n-1].Action
			}
			fmt.Fprintf(&b, "- **%s**: %s — %s%s\n", mdInline(name), mdInline(action), OutcomeLabel(CarryOutcome(st), lang), mark(st))
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
		return FormatMinutes(rd.Timer.Elapsed(i, asOf), lang)
	}
	fmt.Fprintf(&b, "\n## %s\n", rl.notes)
	n := 0
	for _, st := range s.Steps {
		ph := PhaseOf(st)
		switch {
		case ph != "":
			n++
			i := rd.Timer.PhaseIndex(ph)
			planned := rl.none
			if i >= 0 {
				planned = FormatMinutes(rd.Timer.Phases[i].Planned, lang)
			}
			fmt.Fprintf(&b, "\n### %s%s\n\n", fmt.Sprintf(rl.phaseHead, n, mdInline(st.Title), planned, actual(i)), mark(st))
			if said(st) {
				body(st)
			} else {
				b.WriteString("*" + rl.noNotes + "*\n")
			}
		case (st.Kind == StepFollowup || st.Kind == StepOwn) && said(st):
			fmt.Fprintf(&b, "\n#### %s%s\n\n", mdInline(st.Title), mark(st))
			body(st)
		}
	}

	if len(rd.Timer.Phases) > 0 {
		fmt.Fprintf(&b, "\n## %s\n\n| %s | %s | %s |\n|---|---|---|\n", rl.times, rl.phase, rl.planned, rl.actual)
		var planned, spent time.Duration
		for i, p := range rd.Timer.Phases {
			title := p.ID
			if f != nil {
				for _, fp := range f.Phases {
					if fp.ID == p.ID {
						title = fp.Title.In(lang)
					}
				}
			}
			planned += p.Planned
			spent += rd.Timer.Elapsed(i, asOf)
			fmt.Fprintf(&b, "| %s | %s | %s |\n", mdInline(title), FormatMinutes(p.Planned, lang), actual(i))
		}
		fmt.Fprintf(&b, "| %s | %s | %s |\n", rl.total, FormatMinutes(planned, lang), FormatMinutes(spent, lang))
	}

	if len(takeaways) > 0 {
		fmt.Fprintf(&b, "\n## %s\n", rl.takeaways)
		for _, st := range takeaways {
			b.WriteString("\n")
			if said(st) {
				body(st)
			} else {
				b.WriteString("*" + rl.noAction + "*\n")
			}
		}
	}

	fmt.Fprintf(&b, "\n## %s\n\n", rl.actions)
	for _, st := range actions {
		if !shown(st) {
			continue // a shared summary does not hint at what was left out
		}
		name := ""
		if i := ActionOf(st); i <= len(rd.Participants) {
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
	return TermSafe(b.String())
}
