package report

import (
	"strings"
	"testing"

	"bansou/model"
)

// TestAgreementGapNoteSaysWhatTheScreenSays: the documents say why a topic
// needs talking about in the words the session screen uses: how far the
// fit scores differ, and who has said nothing.
func TestAgreementGapNoteSaysWhatTheScreenSays(t *testing.T) {
	it := model.AgreementItem{SessionID: 1, SessionStarted: t0, Topic: "role-scope", Title: "役割と業務範囲",
		Learner: model.PartyView{Expectation: "新規事業に関わりたい", Fit: 5},
		Sending: model.PartyView{Expectation: "営業手法を学んでほしい", Fit: 2}, UpdatedAt: t0}
	l := model.Ledger{Agreement: []model.AgreementItem{it}}
	want := "*要確認: 納得度の差が 3 あります / 越境先がまだ何も言っていません*"
	if want != "*"+it.GapNote(model.Ja)+"*" {
		t.Fatalf("the screen's words are %q", it.GapNote(model.Ja))
	}
	for name, md := range map[string]string{
		"agreement":  AgreementMarkdown(sampleEngagement(), l, Options{Lang: model.Ja}),
		"engagement": EngagementMarkdown(sampleEngagement(), nil, Options{Lang: model.Ja, Ledger: l}),
	} {
		if !strings.Contains(md, want) {
			t.Errorf("%s document lacks %q:\n%s", name, want, md)
		}
	}
	en := AgreementMarkdown(sampleEngagement(), l, Options{Lang: model.En})
	if want := "*To discuss: fit scores differ by 3 / Host organisation has said nothing yet*"; !strings.Contains(en, want) {
		t.Errorf("English document lacks %q:\n%s", want, en)
	}
}

// TestWorriesKeepTheirLineBreaks: a worry, its plan and an action typed on
// two lines keep the line break in the documents (a hard break inside the
// list item), with their facts after the last line.
func TestWorriesKeepTheirLineBreaks(t *testing.T) {
	s := model.NewSession(testFlow(), 1, model.Ja, t0)
	s.ID = 7
	l := model.Ledger{
		Anxieties: []model.Anxiety{{ID: "w1", SessionID: 3, StepKey: "p:worries", Text: "家族と離れるのが不安\n特に子どもの行事", Intensity: 4,
			Plan: "月に一度は帰る\n上司に先に伝える", CreatedAt: t0,
			History: []model.AnxietyUpdate{{ID: "u1", SessionID: 7, Status: model.AnxietyEasing, Note: "話して安心した", NoteShared: true, At: t0}}}},
		Actions: []model.Action{{ID: "x1", SessionID: 3, StepKey: "p:next", Text: "上司に相談する\n来週の面談で", Owner: model.OwnerLearner,
			Due: model.NewDate(2026, 12, 1), CreatedAt: t0}},
	}
	s = model.CarryForward(s, l)
	md := EngagementMarkdown(sampleEngagement(), []model.Session{s}, Options{Lang: model.Ja, Ledger: l})
	for _, want := range []string{
		"- 家族と離れるのが不安  \n  特に子どもの行事（強さ 4/5） — **和らいできた**\n",
		"  - 支援策: 月に一度は帰る  \n    上司に先に伝える\n",
		"- 上司に相談する  \n  来週の面談で（担当: 本人・期限: 2026-12-01） — **未記録**\n",
		"- 家族と離れるのが不安  \n  特に子どもの行事 — 和らいできた（話して安心した）\n",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("document lacks %q:\n%s", want, md)
		}
	}
	if strings.Contains(md, "不安 特に") || strings.Contains(md, "相談する 来週") {
		t.Errorf("a line break became a space:\n%s", md)
	}
}
