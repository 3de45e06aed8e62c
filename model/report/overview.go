package report

import (
	"fmt"
	"strings"
	"time"

	"bansou/model"
)

// Overview is what the programme office reads of the engagements it runs:
// for each, its roster (learner, organisations, dates, companions), its
// phase, the last contact, how many conversations, what is due and the
// balance warnings. Counts and dates only: never a word anyone wrote in a
// conversation, which the office's store does not read in the first place.
// Plain text, one engagement to a paragraph, for a terminal or a screen
// reader alike.
func Overview(states []model.EngagementState, today model.Date, loc *time.Location, lang model.Lang) string {
	w := overviewWords[model.En]
	if lang != model.En {
		w = overviewWords[model.Ja]
	}
	var b strings.Builder
	fmt.Fprintf(&b, w.title+"\n\n", today)
	if len(states) == 0 {
		b.WriteString(w.none + "\n")
		return b.String()
	}
	due := map[int64][]model.DueItem{}
	for _, it := range model.Due(today, loc, states) {
		due[it.EngagementID] = append(due[it.EngagementID], it)
	}
	for _, st := range states {
		e := st.Engagement
		fmt.Fprintf(&b, "%s（%s → %s）\n", e.Learner.Name, e.SendingOrg, e.HostOrg)
		fmt.Fprintf(&b, "  "+w.phase+"\n", w.phases[e.PhaseOn(today)], e.Start, e.End)
		var cs []string
		for _, c := range e.Companions {
			cs = append(cs, c.Name+w.lparen+model.CompanionTypeLabel(c.Type, lang)+w.rparen)
		}
		if len(cs) > 0 {
			fmt.Fprintf(&b, "  "+w.companions+"\n", strings.Join(cs, w.comma))
		}
		last := st.LastContact(loc)
		fmt.Fprintf(&b, "  "+w.contact+"\n", last, last.DaysUntil(today), len(st.Sessions))
		for _, it := range due[e.ID] {
			switch it.Kind {
			case model.DueCheckin:
				fmt.Fprintf(&b, "  "+w.checkin+"\n", it.Since, it.DaysOver)
			case model.DueCheckpoint:
				fmt.Fprintf(&b, "  "+w.checkpoint+"\n", model.MilestoneLabel(it.Milestone, lang), it.Since)
			case model.DueActions:
				fmt.Fprintf(&b, "  "+w.actions+"\n", it.Count)
			case model.DueAnxieties:
				fmt.Fprintf(&b, "  "+w.anxieties+"\n", it.Count)
			case model.DueArrival:
				fmt.Fprintf(&b, "  "+w.arrival+"\n", it.Since)
			case model.DueWrapUp:
				fmt.Fprintf(&b, "  "+w.wrapUp+"\n", it.Since)
			}
		}
		for _, warn := range model.Warnings(today, loc, st) {
			switch warn.Kind {
			case model.WarnFrequentCheckins:
				fmt.Fprintf(&b, "  "+w.frequent+"\n", warn.Count)
			case model.WarnCompanionActions:
				fmt.Fprintf(&b, "  "+w.companionActs+"\n", warn.Count)
			case model.WarnSilence:
				fmt.Fprintf(&b, "  "+w.silence+"\n", warn.Days)
			}
		}
		b.WriteString("\n")
	}
	return b.String()
}

type overviewText struct {
	title, none, phase, companions, contact, checkin, checkpoint, actions, anxieties, arrival, wrapUp,
	frequent, companionActs, silence, lparen, rparen, comma string
	phases map[model.Phase]string
}

var overviewWords = map[model.Lang]overviewText{
	model.Ja: {
		title:         "事務局の一覧（%s）: 件数と日付だけを示します。対話で書かれた言葉は表示しません。",
		none:          "伴走中の案件はまだありません。",
		phase:         "段階: %s（%s〜%s）",
		companions:    "伴走者: %s",
		contact:       "最後の対話: %s（%d 日前）、対話 %d 回",
		checkin:       "チェックイン: %s から %d 日遅れ",
		checkpoint:    "%s のふりかえり: %s から",
		actions:       "期限を過ぎた行動: %d 件",
		anxieties:     "未解消の不安: %d 件",
		arrival:       "越境先に合流した最初の数週間の対話: まだ（%s から）",
		wrapUp:        "越境の終わりの取りまとめ: まだ（%s から）",
		frequent:      "注意（伴走過剰のおそれ）: この1週間にチェックイン %d 回",
		companionActs: "注意（伴走過剰のおそれ）: 伴走者が持つ行動 %d 件",
		silence:       "注意（伴走不足のおそれ）: %d 日間やりとりなし",
		lparen:        "（", rparen: "）", comma: "、",
		phases: map[model.Phase]string{model.Before: "越境前", model.During: "越境中", model.After: "越境後"},
	},
	model.En: {
		title:         "Programme overview (%s): counts and dates only. Nothing written in a conversation is shown.",
		none:          "No engagements yet.",
		phase:         "Phase: %s (%s to %s)",
		companions:    "Companions: %s",
		contact:       "Last contact: %s (%d days ago), %d conversations",
		checkin:       "Check-in: due since %s, %d days over",
		checkpoint:    "%s review: due since %s",
		actions:       "Actions past their due date: %d",
		anxieties:     "Worries still open: %d",
		arrival:       "Conversation on joining the host, in the first weeks: not yet (since %s)",
		wrapUp:        "Summing up before the return: not yet (since %s)",
		frequent:      "Warning (possible over-support): %d check-ins in the last week",
		companionActs: "Warning (possible over-support): %d actions held by the companion",
		silence:       "Warning (possible under-support): no contact for %d days",
		lparen:        " (", rparen: ")", comma: ", ",
		phases: map[model.Phase]string{model.Before: "before the stint", model.During: "during the stint", model.After: "after the stint"},
	},
}
