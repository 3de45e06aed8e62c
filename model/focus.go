package model

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// The choice of skills to develop: each skill with its level, aim, gap and
// trend, and a few suggested with their reasons. Suggestions never decide:
// nothing is chosen for the companion except what they chose last time.

// StartSelfReview starts a self-review of the given skills after the
// earlier ones: it asks first how the practice planned last went (see
// PracticeSource), each skill starts at the aim it had in the latest review
// that rated it, and the skills chosen to develop last time are chosen
// again, to keep or drop. The plan is left to write anew.
func StartSelfReview(m *SkillMap, skillIDs []string, reviews []Session, lang Lang, now time.Time) Session {
	s := NewSelfReview(m, skillIDs, PracticeSource(reviews), lang, now)
	h := HistoryOf(reviews)
	var last []string
	for i := len(h) - 1; i >= 0 && last == nil; i-- {
		last = h[i].Focus
	}
	for i := range s.Steps {
		st := &s.Steps[i]
		switch st.AnswerKind {
		case KindSkill:
			r, _ := h.Latest(len(h)-1, st.PromptID)
			st.Target = r.Target
		case KindFocus:
			st.Choices = slices.DeleteFunc(slices.Clone(last), func(id string) bool {
				_, ok := m.Skill(id)
				return !ok
			})
		}
	}
	return s
}

// Gap is how many levels the rating is below its aim (0 without an aim, or
// at or above it).
func (r Rating) Gap() int {
	if r.Level == 0 || r.Target <= r.Level {
		return 0
	}
	return r.Target - r.Level
}

// ReasonKind is why a skill is suggested to develop.
type ReasonKind string

// Reasons for suggesting a skill.
const (
	ReasonGap     ReasonKind = "gap"     // the level is below the aim
	ReasonVoice   ReasonKind = "voice"   // a learner said something was too much or missing
	ReasonBalance ReasonKind = "balance" // a balance warning on an engagement points to it
	ReasonOthers  ReasonKind = "others"  // someone who rated the companion saw it lower than they did
	ReasonRound   ReasonKind = "round"   // a peer round's next action practises it and has no effect yet
	// ReasonCaution is the guideline's caution for the companion's own
	// type: said beside a skill suggested for another reason, never a
	// reason on its own.
	ReasonCaution ReasonKind = "caution"
)

// FocusReason is one reason, with what it says.
type FocusReason struct {
	Kind    ReasonKind
	Gap     int     // levels to the aim
	Aim     int     // the aim
	Part    string  // FeedbackTooMuch or FeedbackMissing
	Learner string  // who said it
	Words   string  // what the learner said
	Warning Warning // the balance warning
	Type    CompanionType
	Caution Text
	Other   OtherView     // the other person's rating (ReasonOthers)
	Round   RoundPractice // the round's next action (ReasonRound)
}

// balanceSkills links each balance warning to the skills the guideline
// points to for it (line numbers in seeds/000_3843adc19b99da35.txt):
//   - over-support (check-ins too often, the companion doing the learner's
//     actions): 代案提示 — when the learner is stuck, ask back first, offer
//     a few alternatives and leave the decision to them (L1961–L1964,
//     L2347); 観察傾聴 — narrow the points to check and watch at set times
//     (L1935), and do not mistake dialogue for surveillance (L2345);
//   - under-support (silence): 進捗確認 — make room to talk, hear what the
//     learner is struggling with and check results and learning (L2035),
//     neither pressing nor leaving them alone (L2321); 連絡役 — companions
//     exchange information and agree when to step in, so that support is
//     neither too much nor too little (L2039–L2040).
var balanceSkills = map[WarningKind][]string{
	WarnFrequentCheckins: {"offering-alternatives", "observation-listening"},
	WarnCompanionActions: {"offering-alternatives", "observation-listening"},
	WarnSilence:          {"progress-checkin", "liaison"},
}

var reasonLabels = map[Lang]struct {
	gap, voice, checkins, actions, silence, caution, others, round, roundOutcome string
	parts                                                                        map[string]string
}{
	Ja: {
		gap:          "目標 %d まで あと %d 段階",
		voice:        "本人の声（%s）%s: %s",
		checkins:     "関わりの偏り（伴走過剰）: 直近7日に確認が %d 回",
		actions:      "関わりの偏り（伴走過剰）: 伴走者が引き受けた行動が %d 件",
		silence:      "関わりの偏り（伴走不足）: %d 日 連絡なし",
		caution:      "%sとして気をつけること: %s",
		others:       "%s（%s）の評価は %d（自分は %d）: %s",
		round:        "ラウンドで決めた練習（%s）: %s",
		roundOutcome: "ラウンドで決めた練習（%s、%s）: %s",
		parts:        map[string]string{FeedbackTooMuch: "多すぎた", FeedbackMissing: "足りなかった"},
	},
	En: {
		gap:          "%d levels below your aim of %d",
		voice:        "Learner's voice (%s) %s: %s",
		checkins:     "Balance (over-support): %d check-ins in the last 7 days",
		actions:      "Balance (over-support): %d actions taken on by you",
		silence:      "Balance (under-support): no contact for %d days",
		caution:      "As %s, take care: %s",
		others:       "%s (%s) rated it %d (you %d): %s",
		round:        "Practice from a round (%s): %s",
		roundOutcome: "Practice from a round (%s, %s): %s",
		parts:        map[string]string{FeedbackTooMuch: "too much", FeedbackMissing: "missing"},
	},
}

// Line says the reason in one line.
func (r FocusReason) Line(lang Lang) string {
	lb := reasonLabels[langOr(lang)]
	var s string
	switch r.Kind {
	case ReasonGap:
		if langOr(lang) == En {
			s = fmt.Sprintf(lb.gap, r.Gap, r.Aim)
		} else {
			s = fmt.Sprintf(lb.gap, r.Aim, r.Gap)
		}
	case ReasonVoice:
		s = fmt.Sprintf(lb.voice, lb.parts[r.Part], r.Learner, r.Words)
	case ReasonBalance:
		switch r.Warning.Kind {
		case WarnFrequentCheckins:
			s = fmt.Sprintf(lb.checkins, r.Warning.Count)
		case WarnCompanionActions:
			s = fmt.Sprintf(lb.actions, r.Warning.Count)
		default:
			s = fmt.Sprintf(lb.silence, r.Warning.Days)
		}
	case ReasonCaution:
		s = fmt.Sprintf(lb.caution, CompanionTypeLabel(r.Type, lang), r.Caution.In(lang))
	case ReasonOthers:
		o := r.Other
		s = fmt.Sprintf(lb.others, o.Rating.Rater, o.Rating.Relation.Name(lang), o.Level, o.Level-o.Gap, o.Evidence)
		s = strings.TrimSuffix(strings.TrimSpace(s), ":")
	case ReasonRound:
		p := r.Round
		day := p.At.Format("01/02")
		if p.Outcome != OutcomePending {
			s = fmt.Sprintf(lb.roundOutcome, day, OutcomeLabel(p.Outcome, lang), p.Action)
		} else {
			s = fmt.Sprintf(lb.round, day, p.Action)
		}
	}
	return strings.Join(strings.Fields(s), " ")
}

// FocusRow is one skill as the choice of skills to develop shows it.
type FocusRow struct {
	Skill Skill
	Level int // rated in this review, else in the latest before (0: never)
	Aim   int // set in this review (carried over from the last)
	// Change is the move from the rating before, when this review and
	// an earlier one both rated the skill (HasChange).
	Change    int
	HasChange bool
	Chosen    bool
	// Reasons are why the skill may be worth developing; the strongest
	// MaxFocus skills with any are suggested (Suggest).
	Reasons []FocusReason
	Suggest bool
	score   int
}

// Gap is how many levels the skill is below its aim.
func (r FocusRow) Gap() int { return Rating{Level: r.Level, Target: r.Aim}.Gap() }

// Suggested reports whether the skill is suggested to develop.
func (r FocusRow) Suggested() bool { return r.Suggest }

// FocusInput is what the suggestions are made from.
type FocusInput struct {
	Map     *SkillMap
	Session Session // the review being held
	History History // the reviews before it
	// Voices are what learners said about the support, by skill, latest
	// first (see Library.FeedbackFor).
	Voices   map[string][]FeedbackNote
	Warnings []Warning     // the balance warnings on the companion's engagements
	Type     CompanionType // the kind of companion the reviewer mostly is
	// Ratings are others' ratings of the companion (a mentor's, a
	// peer's); Rounds the peer rounds, whose next actions may name a skill.
	Ratings []PeerRating
	Rounds  []RoundEntry
}

// FocusRows lists every skill of the map, in its order, with its level,
// aim, gap and trend, and suggests up to MaxFocus of them, each with its
// reasons: a gap to the aim (the larger first), a balance warning that
// points to it, what a learner said was too much or missing. A suggested
// skill also carries the caution for the reviewer's type, where the
// content has one.
func FocusRows(in FocusInput) []FocusRow {
	if in.Map == nil {
		return nil
	}
	cur := SnapshotOf(in.Session)
	var chosen []string
	if st, ok := in.Session.Step("p:" + FocusPromptID); ok {
		chosen = st.Choices
	}
	rows := make([]FocusRow, 0, len(in.Map.Skills))
	for _, sk := range in.Map.Skills {
		row := FocusRow{Skill: sk, Chosen: slices.Contains(chosen, sk.ID)}
		before, at := in.History.Latest(len(in.History)-1, sk.ID)
		if st, ok := in.Session.Step("p:" + sk.ID); ok {
			row.Aim = st.Target
		} else {
			row.Aim = before.Target
		}
		if r, ok := cur.Ratings[sk.ID]; ok {
			row.Level = r.Level
			if at >= 0 {
				row.Change, row.HasChange = r.Level-before.Level, true
			}
		} else {
			row.Level = before.Level
		}
		var reasons []FocusReason
		if g := row.Gap(); g > 0 {
			reasons = append(reasons, FocusReason{Kind: ReasonGap, Gap: g, Aim: row.Aim})
			row.score += 2 * g
		}
		for _, w := range in.Warnings {
			if slices.Contains(balanceSkills[w.Kind], sk.ID) {
				reasons = append(reasons, FocusReason{Kind: ReasonBalance, Warning: w})
				row.score += 2
				break
			}
		}
		if r, ok := voiceReason(in.Voices[sk.ID]); ok {
			reasons = append(reasons, r)
			row.score++
		}
		if v, ok := LatestOther(in.Ratings, sk.ID); ok && row.Level > v.Level {
			v.Gap, v.HasGap = v.Level-row.Level, true
			reasons = append(reasons, FocusReason{Kind: ReasonOthers, Other: v})
			row.score += row.Level - v.Level
		}
		if ps := RoundPractices(in.Rounds, sk.ID); len(ps) > 0 && ps[0].Outcome != OutcomeWorked {
			reasons = append(reasons, FocusReason{Kind: ReasonRound, Round: ps[0]})
			row.score++
		}
		row.Reasons = reasons
		rows = append(rows, row)
	}
	order := make([]int, len(rows))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return rows[b].score - rows[a].score })
	for n, i := range order {
		r := &rows[i]
		if n >= MaxFocus || r.score == 0 {
			continue
		}
		r.Suggest = true
		if f, ok := r.Skill.ByType[in.Type]; ok && !f.Caution.IsZero() {
			r.Reasons = append(r.Reasons, FocusReason{Kind: ReasonCaution, Type: in.Type, Caution: f.Caution})
		}
	}
	return rows
}

// voiceReason is the latest thing a learner said was too much or missing.
func voiceReason(notes []FeedbackNote) (FocusReason, bool) {
	for _, n := range notes {
		for _, part := range []string{FeedbackTooMuch, FeedbackMissing} {
			if t := strings.TrimSpace(n.Parts[part]); t != "" {
				who := n.LearnerName
				if who == "" {
					who = n.FlowTitle
				}
				return FocusReason{Kind: ReasonVoice, Part: part, Learner: who, Words: t}, true
			}
		}
	}
	return FocusReason{}, false
}

// SuggestedIDs lists the suggested skills, the strongest reason first.
func SuggestedIDs(rows []FocusRow) []string {
	var s []FocusRow
	for _, r := range rows {
		if r.Suggested() {
			s = append(s, r)
		}
	}
	slices.SortStableFunc(s, func(a, b FocusRow) int { return b.score - a.score })
	ids := make([]string, len(s))
	for i, r := range s {
		ids[i] = r.Skill.ID
	}
	return ids
}
