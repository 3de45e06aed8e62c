package model

import (
	"fmt"
	"strings"
)

// Phrases word what the engine works out — what is due, a balance
// warning, how the parties stand on an agreement topic and what changed
// in it — in each language, so that the screens and the accessible mode
// say the same thing. Each is plain words, without a symbol a screen
// reader would read out: a front-end adds its own layout around them.

type phraseWords struct {
	checkin, checkinToday, checkpoint, actions, arrival, wrapUp, anxieties, review, ratingAsked string

	frequentTitle, frequentWhy, companionTitle, companionWhy,
	silenceTitle, silenceWhy, silenceWhyLater string

	noFit, listSep, scoreGap, silent, partySep string
	fitShort, expShort, agreedShort, changeSep string
}

var phrases = map[Lang]phraseWords{
	Ja: {
		checkin:      "チェックインが %d 日遅れています（%s から）",
		checkinToday: "今日はチェックインの日です",
		checkpoint:   "%sのチェックポイント（%s から）",
		actions:      "期限を過ぎたアクション %d 件（%s から）",
		arrival:      "越境先に合流した最初の数週間です。最初の週の振り返りを（%s から）",
		wrapUp:       "越境の終わりが近づいています。成果の取りまとめを（%s から）",
		review:       "あなた自身のスキルの振り返りの時期です（%s から）",
		ratingAsked:  "%sさんからスキルの評価を頼まれています（%s から）",
		anxieties:    "未解消の不安 %d 件",

		frequentTitle:   "伴走過剰のおそれ: この1週間にチェックインが %d 回あります。",
		frequentWhy:     "確認が多すぎると、本人が自分で考えて動く余地と越境先の信頼を損ねます。回数を減らし、困ったときの合図を決めて任せましょう。",
		companionTitle:  "伴走過剰のおそれ: 伴走者が担当するアクションが %d 件あります。",
		companionWhy:    "先回りして段取りを引き受けると、本人が試行錯誤から学ぶ機会がなくなります。本人が担当できるものは本人に返しましょう。",
		silenceTitle:    "伴走不足のおそれ: %d 日間やりとりがありません。",
		silenceWhy:      "最初の2か月は戸惑いが大きく、孤立や問題の見落としが起きやすい時期です。短くても声をかけ、様子を聞きましょう。",
		silenceWhyLater: "中盤以降は手を離していく時期ですが、見守りはやめません。取り決めた間隔（%d 日）の3回分、声がかかっていません。短くても様子を聞き、困ったときの連絡先を思い出してもらいましょう。",

		noFit: "未回答", listSep: "、", scoreGap: "納得度の差が %d あります", silent: "%sがまだ何も言っていません", partySep: "・",
		fitShort: "納得度", expShort: "期待", agreedShort: "合意内容", changeSep: ", ",
	},
	En: {
		checkin:      "check-in %d days overdue (due %s)",
		checkinToday: "a check-in is due today",
		checkpoint:   "checkpoint %s (since %s)",
		actions:      "%d actions past due (since %s)",
		arrival:      "the first weeks at the host: time to look back on the first week (since %s)",
		wrapUp:       "the stint ends soon: time to sum up what it brought (since %s)",
		review:       "time for your own skill self-review (since %s)",
		ratingAsked:  "%s has asked you to rate their skills (since %s)",
		anxieties:    "%d worries still open",

		frequentTitle:   "Possible over-support: %d check-ins in the last week.",
		frequentWhy:     "Checking in this often takes away the learner's room to think and act for themselves, and strains the host's trust. Check in less and agree on a signal for when help is needed.",
		companionTitle:  "Possible over-support: the companion owns %d open actions.",
		companionWhy:    "Taking the steps on for the learner removes the trial and error they learn from. Hand back what the learner can own.",
		silenceTitle:    "Possible under-support: no contact for %d days.",
		silenceWhy:      "The first two months are the most disorienting; isolation and unseen problems are likely. Reach out, even briefly, and ask how things are.",
		silenceWhyLater: "Later in the stint support steps back, but it keeps watching. Three agreed intervals (%d days each) have passed without contact: ask how things are, even briefly, and remind them whom to call when stuck.",

		noFit: "not given", listSep: ", ", scoreGap: "fit scores differ by %d", silent: "%s has said nothing yet", partySep: ", ",
		fitShort: "fit", expShort: "expectation", agreedShort: "agreed text", changeSep: ", ",
	},
}

func phrasesIn(lang Lang) phraseWords { return phrases[langOr(lang)] }

// DueText words a due item, without its learner: 「チェックインが 3 日遅れ
// ています（2026-11-10 から）」.
func DueText(d DueItem, lang Lang) string {
	p := phrasesIn(lang)
	switch d.Kind {
	case DueCheckin:
		if d.DaysOver == 0 {
			return p.checkinToday
		}
		return fmt.Sprintf(p.checkin, d.DaysOver, d.Since)
	case DueCheckpoint:
		return fmt.Sprintf(p.checkpoint, MilestoneLabel(d.Milestone, lang), d.Since)
	case DueActions:
		return fmt.Sprintf(p.actions, d.Count, d.Since)
	case DueAnxieties:
		return fmt.Sprintf(p.anxieties, d.Count)
	case DueArrival:
		return fmt.Sprintf(p.arrival, d.Since)
	case DueWrapUp:
		return fmt.Sprintf(p.wrapUp, d.Since)
	case DueReview:
		return fmt.Sprintf(p.review, d.Since)
	case DueRatingAsked:
		return fmt.Sprintf(p.ratingAsked, TermSafeLine(d.Person), d.Since)
	}
	return string(d.Kind)
}

// WarningText words a balance warning: what was seen, then why it matters
// and what to try, from the guideline. cadence is the engagement's
// check-in interval on the day, in days.
func WarningText(w Warning, cadence int, lang Lang) (title, why string) {
	p := phrasesIn(lang)
	switch w.Kind {
	case WarnFrequentCheckins:
		return fmt.Sprintf(p.frequentTitle, w.Count), p.frequentWhy
	case WarnCompanionActions:
		return fmt.Sprintf(p.companionTitle, w.Count), p.companionWhy
	case WarnSilence:
		why = p.silenceWhy
		if !w.Early {
			why = fmt.Sprintf(p.silenceWhyLater, cadence)
		}
		return fmt.Sprintf(p.silenceTitle, w.Days), why
	}
	return string(w.Kind), ""
}

// FitWords names every party with its fit on a topic, 「本人 4、所属組織
// 2、越境先 未回答」: who has given a score and who has not.
func FitWords(it AgreementItem, lang Lang) string {
	p := phrasesIn(lang)
	parts := make([]string, len(Parties))
	for i, party := range Parties {
		fit := p.noFit
		if f := it.View(party).Fit; f > 0 {
			fit = fmt.Sprint(f)
		}
		parts[i] = PartyLabel(party, lang) + " " + fit
	}
	return strings.Join(parts, p.listSep)
}

// GapParts say why a topic needs talking about (see HasGap): the
// difference in fit, and the parties that have said nothing, by name.
func GapParts(it AgreementItem, lang Lang) []string {
	p := phrasesIn(lang)
	var parts []string
	if g := it.GapScore(); g >= 2 {
		parts = append(parts, fmt.Sprintf(p.scoreGap, g))
	}
	if silent := it.Silent(); len(silent) > 0 && len(silent) < len(Parties) {
		names := make([]string, len(silent))
		for i, s := range silent {
			names[i] = PartyLabel(s, lang)
		}
		parts = append(parts, fmt.Sprintf(p.silent, strings.Join(names, p.partySep)))
	}
	return parts
}

// ChangeWords names what changed in a topic (see AgreementItem.Changes):
// 「本人 納得度, 合意内容」.
func ChangeWords(changes []string, lang Lang) string {
	p := phrasesIn(lang)
	out := make([]string, 0, len(changes))
	for _, c := range changes {
		party, field, ok := strings.Cut(c, ".")
		switch {
		case !ok:
			out = append(out, p.agreedShort)
		case field == "fit":
			out = append(out, PartyLabel(Party(party), lang)+" "+p.fitShort)
		default:
			out = append(out, PartyLabel(Party(party), lang)+" "+p.expShort)
		}
	}
	return strings.Join(out, p.changeSep)
}
