package model

import "fmt"

// domainLabels name the values of the domain in one language: the parties
// of the agreement, a worry's status and term, an action's outcome and
// owner, the return checkpoints, the kinds of companion, the skill groups
// and the roles of a peer round. Screens, the accessible mode and the
// documents all name them with these.
type domainLabels struct {
	party     map[Party]string
	status    map[AnxietyStatus]string
	outcome   map[Outcome]string
	owner     map[Owner]string
	term      map[Term]string
	milestone map[string]string
	companion map[CompanionType]string
	group     map[SkillGroup]string
	source    map[SearchSource]string

	facilitator, presenter, scribe string
}

var labels = map[Lang]domainLabels{
	Ja: {
		party:  map[Party]string{PartyLearner: "本人", PartySending: "所属組織", PartyHost: "越境先"},
		status: map[AnxietyStatus]string{AnxietyOpen: "未解消", AnxietyEasing: "和らいできた", AnxietyResolved: "解消した", AnxietyHappened: "実際に起きた"},
		outcome: map[Outcome]string{OutcomePending: "未記録", OutcomeNotTried: "試していない", OutcomeNoEffect: "試したが効果なし",
			OutcomeWorked: "試して効果あり"},
		owner:     map[Owner]string{OwnerLearner: "本人", OwnerCompanion: "伴走者", OwnerSending: "所属組織", OwnerHost: "越境先"},
		term:      map[Term]string{ShortTerm: "短期", LongTerm: "長期"},
		milestone: map[string]string{"3m": "帰任後3か月", "6m": "帰任後6か月", "12m": "帰任後1年"},
		companion: map[CompanionType]string{Sending: "所属組織", Host: "越境先", ThirdParty: "第三者"},
		group:     map[SkillGroup]string{GroupBefore: "越境前", GroupDuring: "越境中", GroupAfter: "越境後", GroupAcross: "プロセス全体"},
		source: map[SearchSource]string{SourceAnswer: "回答", SourceNote: "メモ", SourceAnxiety: "不安", SourceAction: "アクション",
			SourceAgreement: "三者合意", SourceStatusNote: "状態のメモ"},
		facilitator: "ファシリテーター", presenter: "発表者", scribe: "書記",
	},
	En: {
		party:  map[Party]string{PartyLearner: "Learner", PartySending: "Sending organisation", PartyHost: "Host organisation"},
		status: map[AnxietyStatus]string{AnxietyOpen: "open", AnxietyEasing: "easing", AnxietyResolved: "resolved", AnxietyHappened: "it happened"},
		outcome: map[Outcome]string{OutcomePending: "not recorded", OutcomeNotTried: "not tried", OutcomeNoEffect: "tried, no effect",
			OutcomeWorked: "tried, it worked"},
		owner:     map[Owner]string{OwnerLearner: "learner", OwnerCompanion: "companion", OwnerSending: "sending org", OwnerHost: "host org"},
		term:      map[Term]string{ShortTerm: "short-term", LongTerm: "long-term"},
		milestone: map[string]string{"3m": "3 months after return", "6m": "6 months after return", "12m": "1 year after return"},
		companion: map[CompanionType]string{Sending: "sending", Host: "host", ThirdParty: "third party"},
		group:     map[SkillGroup]string{GroupBefore: "before", GroupDuring: "during", GroupAfter: "after", GroupAcross: "across"},
		source: map[SearchSource]string{SourceAnswer: "answer", SourceNote: "note", SourceAnxiety: "worry", SourceAction: "action",
			SourceAgreement: "agreement", SourceStatusNote: "status note"},
		facilitator: "facilitator", presenter: "presenter", scribe: "scribe",
	},
}

// labelsIn returns the labels in lang (Japanese for any other value).
func labelsIn(lang Lang) domainLabels { return labels[langOr(lang)] }

// langOr returns l when it is English, and Japanese, bansou's first
// language, for anything else.
func langOr(l Lang) Lang {
	if l == En {
		return En
	}
	return Ja
}

// PartyLabel names a party of the agreement.
func PartyLabel(p Party, lang Lang) string { return labelsIn(lang).party[p] }

// StatusLabel names the status of a worry.
func StatusLabel(s AnxietyStatus, lang Lang) string { return labelsIn(lang).status[s] }

// OutcomeLabel names the outcome of an action.
func OutcomeLabel(o Outcome, lang Lang) string { return labelsIn(lang).outcome[o] }

// OwnerLabel names the owner of an action.
func OwnerLabel(o Owner, lang Lang) string { return labelsIn(lang).owner[o] }

// TermLabel names the term of a worry.
func TermLabel(t Term, lang Lang) string { return labelsIn(lang).term[t] }

// MilestoneLabel names a return checkpoint.
func MilestoneLabel(id string, lang Lang) string {
	if w := labelsIn(lang).milestone[id]; w != "" {
		return w
	}
	return id
}

// CompanionTypeLabel names a companion type in lang.
func CompanionTypeLabel(t CompanionType, lang Lang) string { return labelsIn(lang).companion[t] }

// SourceLabel names the kind of text a search hit is in (its id for a
// kind not known).
func SourceLabel(src SearchSource, lang Lang) string {
	if w := labelsIn(lang).source[src]; w != "" {
		return w
	}
	return string(src)
}

// GroupName names a skill group in lang.
func GroupName(g SkillGroup, lang Lang) string { return labelsIn(lang).group[g] }

// ScaleText writes a scale point with its label: "3/5 ふつう".
func ScaleText(value int, label string) string {
	if label == "" {
		return fmt.Sprintf("%d/%d", value, ScalePoints)
	}
	return fmt.Sprintf("%d/%d %s", value, ScalePoints, label)
}
