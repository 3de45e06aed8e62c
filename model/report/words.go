package report

import "bansou/model"

// words are every word the documents use, in one language: the facts and
// headings of an engagement and its sessions, the ledger and the
// agreement, a self-review, a round's summary and the summary of an
// export. The values of the domain (a status, an outcome, a party) are
// named by model.
type words struct {
	sendingOrg, hostOrg, period, companions, status, inProgress, done,
	answered, skippedN, note, sharedNote, skipped, followup, own,
	notAsked, sessions, noSessions, started, finished string
	// heard: the learner confirmed the read-back of the session (%s: when)
	heard                              string
	privateMark, lparen, rparen, comma string
	// whom a document is for, with or without private records
	forAudience, forAudiencePrivate string

	// the ledger and the agreement
	anxieties, actions, agreement, intensity, plan, owner, due,
	expectation, fit, agreed, changed, nothingYet,
	agreementDoc, parties, agreedOn, revisedOn, signature string
	confirmed, confirmedBy, guestName string
	orientation                       string // the orientation's title

	// a document to be read out (Options.Spoken)
	answeredOf, partyExpects, toDiscuss, fromTo, fromToDates string

	review  reviewWords
	round   roundWords
	summary summaryWords
}

// reviewWords are a self-review's.
type reviewWords struct {
	practice, skills, balance, focus, plan, methods, notRated, evidence,
	target, since, first, noFocus, noLevel, own, outcome string
	voice      string            // the learner's voice on a skill
	voiceParts map[string]string // by model.FeedbackHelped…
	// others' ratings: the label, who, one skill's line, the gap, the
	// closing section and its parts
	others, otherWho, otherGap, othersFeedback string
	otherParts                                 [4]string // worked, improvement, alternative, reason
}

// roundWords are a round summary's.
type roundWords struct {
	titleFmt, participants, name, kind, role, caseAndQuestion, caseCard, keyQuestion,
	carried, notes, times, phase, planned, actual, total, takeaways, actions, noAction,
	phaseHead, phaseHeadExtended, extended, none, roleSep, notStarted, noNotes,
	purpose, learnings, ofPresenter string
}

// summaryWords say what an export holds (ExportSummary.Line).
type summaryWords struct {
	everything, agreement, forParty, shared, counts, agreementCounts,
	noPrivate, privateIn, privateOut string
}

// wordsIn returns the words in lang: English, or Japanese, bansou's first
// language, for any other value.
func wordsIn(lang model.Lang) *words {
	if lang == model.En {
		return &english
	}
	return &japanese
}

var japanese = words{
	sendingOrg: "所属組織", hostOrg: "越境先", period: "期間", companions: "伴走者",
	status: "状態", inProgress: "進行中", done: "完了", answered: "回答",
	skippedN: "スキップ", note: "伴走者メモ（非公開）", sharedNote: "伴走者メモ",
	skipped: "（スキップ）", followup: "深掘り", own: "独自の問い",
	notAsked: "まだ話していない問い", sessions: "セッション", noSessions: "セッションはまだありません。",
	started: "開始", finished: "終了", privateMark: "（非公開）",
	heard:  "聞き取ったこと: 本人が確認しました（%s）",
	lparen: "（", rparen: "）", comma: "、",
	forAudience:        "この文書の読み手: %s。伴走者の非公開の記録は含みません。",
	forAudiencePrivate: "この文書の読み手: %s。伴走者の非公開の記録も含みます。",

	anxieties: "不安の台帳", actions: "アクション", agreement: "三者合意（現在）",
	intensity: "強さ", plan: "支援策", owner: "担当", due: "期限",
	expectation: "期待", fit: "納得度", agreed: "合意内容",
	changed: "合意時からの変更", nothingYet: "まだ記録がありません。",
	orientation: "伴走のはじめに", agreementDoc: "三者合意書", parties: "当事者", agreedOn: "記録日", revisedOn: "見直し",
	confirmed: "この文面を確認", confirmedBy: "%s（%s、%s）", guestName: "%s・ゲスト",
	signature:  "確認（署名・日付）",
	answeredOf: "%d（%d 問中）", partyExpects: "%sの期待", toDiscuss: "要確認", fromTo: "%d から %d", fromToDates: "%s から %s",

	review: reviewWords{
		practice: "前回からの練習", skills: "スキルの段階", balance: "支援のバランス",
		focus: "次に伸ばすスキル", plan: "練習の計画", methods: "育て方", notRated: "今回は評価しなかったスキル",
		evidence: "根拠となった場面", target: "目標", since: "前回（%s）から %s", first: "初めての評価",
		noFocus: "（まだ選んでいません）", noLevel: "段階は選んでいない", own: "自分で加えた問い",
		outcome: "結果",
		voice:   "本人の声（%d件）",
		voiceParts: map[string]string{model.FeedbackHelped: "助けになったこと", model.FeedbackTooMuch: "多すぎたこと",
			model.FeedbackMissing: "足りなかったこと"},
		others: "ほかの人の評価（%d件）", otherWho: "%s（%s、%s）", otherGap: "自己評価との差 %s",
		othersFeedback: "ほかの人からのフィードバック",
		otherParts:     [4]string{"うまくいっていたこと", "変えるとよい点", "代わりにどうするか", "理由"},
	},
	round: roundWords{
		titleFmt: "ピアラウンド：%s", participants: "参加者と役割",
		name: "参加者", kind: "伴走者の立場", role: "役割", caseAndQuestion: "ケースと問い",
		caseCard: "ケースカード", keyQuestion: "発表者の問い", carried: "前回の次の一手",
		notes: "フェーズごとの記録", times: "時間", phase: "フェーズ", planned: "予定", actual: "実際",
		total: "合計", takeaways: "持ち帰り", actions: "次の一手", noAction: "（未記入）",
		phaseHead: "%d. %s（予定 %s・実際 %s）", phaseHeadExtended: "%d. %s（予定 %s・延長 %s・実際 %s）", extended: "延長", purpose: "目的", learnings: "学び", ofPresenter: "%s（%s）", none: "—", roleSep: "・", notStarted: "未実施", noNotes: "（記録なし）",
	},
	summary: summaryWords{
		everything:      "書き出し: すべての記録（非公開を含む。バックアップと bansou import 用）—",
		agreement:       "書き出し: 三者合意書（本人・所属組織・越境先に渡す文書）—",
		forParty:        "書き出し: %sに渡す文書 —",
		shared:          "書き出し: 共有用の文書 —",
		counts:          "学習者 %d 人、セッション %d、回答 %d、メモ %d、不安 %d、アクション %d、合意 %d 項目。",
		agreementCounts: "学習者 %d 人、合意 %d 項目。",
		noPrivate:       "非公開の記録はありません。",
		privateIn:       "非公開の記録 %d 件も入ります。",
		privateOut:      "非公開の記録 %d 件は入れません（--include-private で入ります）。",
	},
}

var english = words{
	sendingOrg: "Sending organisation", hostOrg: "Host organisation", period: "Period",
	companions: "Companions", status: "Status", inProgress: "in progress", done: "done",
	answered: "Answered", skippedN: "skipped",
	note: "Companion's note (private)", sharedNote: "Companion's note", skipped: "(skipped)", followup: "Dig deeper",
	own: "Own question", notAsked: "Not talked about yet", sessions: "Sessions",
	noSessions: "No sessions yet.", started: "started", finished: "finished", privateMark: " (private)",
	heard:  "What was heard: confirmed by the learner (%s)",
	lparen: " (", rparen: ")", comma: ", ",
	forAudience:        "Written for: %s. The companion's private records are left out.",
	forAudiencePrivate: "Written for: %s. The companion's private records are included.",

	anxieties: "Anxiety ledger", actions: "Actions", agreement: "Three-party agreement (as it stands)",
	intensity: "intensity", plan: "support plan", owner: "owner", due: "due",
	expectation: "Expectation", fit: "Fit", agreed: "Agreed",
	changed: "Changed since agreed", nothingYet: "Nothing recorded yet.",
	orientation: "Starting out as a companion", agreementDoc: "Three-party agreement", parties: "Parties", agreedOn: "Recorded", revisedOn: "Revisited",
	confirmed: "These words confirmed by", confirmedBy: "%s (%s, %s)", guestName: "%s, guest",
	signature:  "Confirmed (signature and date)",
	answeredOf: "%d of %d", partyExpects: "%s expects", toDiscuss: "To discuss", fromTo: "%d to %d", fromToDates: "%s to %s",

	review: reviewWords{
		practice: "Practice since last time", skills: "Skill levels", balance: "Balance of support",
		focus: "Skills to develop next", plan: "Practice plan", methods: "How to develop them",
		notRated: "Skills not rated this time", evidence: "Evidence",
		target: "target", since: "%[2]s since %[1]s", first: "first rating",
		noFocus: "(none chosen yet)", noLevel: "no level chosen", own: "Own questions",
		outcome: "Outcome",
		voice:   "The learner's voice (%d)",
		voiceParts: map[string]string{model.FeedbackHelped: "what helped", model.FeedbackTooMuch: "what was too much",
			model.FeedbackMissing: "what was missing"},
		others: "Others' ratings (%d)", otherWho: "%s (%s, %s)", otherGap: "gap to yours %s",
		othersFeedback: "Feedback from others",
		otherParts:     [4]string{"What worked", "One thing to change", "What to do instead", "Why"},
	},
	round: roundWords{
		titleFmt: "Peer round: %s", participants: "Participants and roles",
		name: "Participant", kind: "Companion", role: "Role", caseAndQuestion: "Case and key question",
		caseCard: "Case card", keyQuestion: "The presenter's question", carried: "Last round's next actions",
		notes: "Notes by phase", times: "Time", phase: "Phase", planned: "Planned", actual: "Actual",
		total: "Total", takeaways: "Takeaways", actions: "Next actions", noAction: "(none written)",
		phaseHead: "%d. %s (planned %s, actual %s)", phaseHeadExtended: "%d. %s (planned %s, extended %s, actual %s)", extended: "Extended", purpose: "Purpose", learnings: "Learnings", ofPresenter: "%s (%s)", none: "—", roleSep: ", ", notStarted: "not run", noNotes: "(no notes)",
	},
	summary: summaryWords{
		everything:      "Export: every record, private ones included (for backup and bansou import) —",
		agreement:       "Export: the three-party agreement (for the learner and both organisations) —",
		forParty:        "Export: a document for the %s —",
		shared:          "Export: a document to share —",
		counts:          "%d learner(s), %d session(s), %d answer(s), %d note(s), %d worry(ies), %d action(s), %d agreement topic(s).",
		agreementCounts: "%d learner(s), %d agreement topic(s).",
		noPrivate:       "There are no private records.",
		privateIn:       "%d private record(s) are included.",
		privateOut:      "%d private record(s) are left out (--include-private includes them).",
	},
}
