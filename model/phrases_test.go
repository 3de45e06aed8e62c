package model

import (
	"strings"
	"testing"
)

// TestPhrasesNameWhatTheyAreAbout: the fit of a topic names every party,
// the one that gave none too, and so does what is to discuss; a due item
// and a warning are words without a symbol to read out, in both languages.
func TestPhrasesNameWhatTheyAreAbout(t *testing.T) {
	it := AgreementItem{Learner: PartyView{Expectation: "企画を任されたい", Fit: 4}, Sending: PartyView{Fit: 2}}
	if got := FitWords(it, Ja); got != "本人 4、所属組織 2、越境先 未回答" {
		t.Errorf("FitWords = %q", got)
	}
	if got := FitWords(it, En); got != "Learner 4, Sending organisation 2, Host organisation not given" {
		t.Errorf("FitWords en = %q", got)
	}
	if got := strings.Join(GapParts(it, Ja), "。"); got != "納得度の差が 2 あります。越境先がまだ何も言っていません" {
		t.Errorf("GapParts = %q", got)
	}
	if got := ChangeWords([]string{"learner.fit", "host.expectation", "agreed"}, Ja); got != "本人 納得度, 越境先 期待, 合意内容" {
		t.Errorf("ChangeWords = %q", got)
	}
	due := []DueItem{
		{Kind: DueCheckin, DaysOver: 3, Since: NewDate(2026, 11, 18)},
		{Kind: DueCheckin},
		{Kind: DueCheckpoint, Milestone: "3m", Since: NewDate(2027, 8, 31)},
		{Kind: DueActions, Count: 2, Since: NewDate(2026, 11, 15)},
		{Kind: DueAnxieties, Count: 1},
		{Kind: DueArrival, Since: NewDate(2026, 12, 1)},
		{Kind: DueWrapUp, Since: NewDate(2027, 5, 1)},
	}
	want := []string{"チェックインが 3 日遅れています（2026-11-18 から）", "今日はチェックインの日です", "帰任後3か月のチェックポイント（2027-08-31 から）",
		"期限を過ぎたアクション 2 件（2026-11-15 から）", "未解消の不安 1 件", "越境先に合流した最初の数週間です。最初の週の振り返りを（2026-12-01 から）",
		"越境の終わりが近づいています。成果の取りまとめを（2027-05-01 から）"}
	for i, d := range due {
		if got := DueText(d, Ja); got != want[i] {
			t.Errorf("DueText(%v) = %q, want %q", d.Kind, got, want[i])
		}
		if DueText(d, En) == "" || strings.ContainsAny(DueText(d, En), "—→|") {
			t.Errorf("DueText(%v) in English = %q", d.Kind, DueText(d, En))
		}
	}
	for _, w := range []Warning{{Kind: WarnFrequentCheckins, Count: 5}, {Kind: WarnCompanionActions, Count: 3},
		{Kind: WarnSilence, Days: 25, Early: true}, {Kind: WarnSilence, Days: 45}} {
		for _, lang := range []Lang{Ja, En} {
			title, why := WarningText(w, 14, lang)
			if title == "" || why == "" || title == string(w.Kind) {
				t.Errorf("%v in %s: %q %q", w, lang, title, why)
			}
		}
	}
	if title, why := WarningText(Warning{Kind: WarnSilence, Days: 45}, 14, Ja); title != "伴走不足のおそれ: 45 日間やりとりがありません。" ||
		!strings.Contains(why, "取り決めた間隔（14 日）") {
		t.Errorf("silence later: %q %q", title, why)
	}
}
