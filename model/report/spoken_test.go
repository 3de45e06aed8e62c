package report

import (
	"slices"
	"strings"
	"testing"
	"time"

	"bansou/model"
)

// checkNoMarks fails on what a screen reader would read out of a
// Markdown document, or what Markdown would have made of a line.
// typed are lines whose marks were typed by someone.
func checkNoMarks(t *testing.T, what, text string, typed ...string) {
	t.Helper()
	for _, l := range strings.Split(text, "\n") {
		trimmed := strings.TrimSpace(l)
		if slices.Contains(typed, trimmed) {
			continue
		}
		for _, start := range []string{"#", "- ", "> ", "|", "*"} {
			if strings.HasPrefix(trimmed, start) {
				t.Errorf("%s: a line starts with %q: %q", what, start, l)
			}
		}
		for _, mark := range []string{"**", " | ", " — ", " · ", "|---"} {
			if strings.Contains(l, mark) {
				t.Errorf("%s: %q in %q", what, mark, l)
			}
		}
	}
}

// TestSpokenDocumentNamesThePartiesAndReadsNoMarks: an engagement's
// document written to be read out says each party's fit by name (「本人 4、
// 所属組織 4、越境先 2」), says what is to discuss by party, and reads
// without a Markdown mark, a table, a dash or a dot; what the learner
// typed, marks and all, comes back as typed.
func TestSpokenDocumentNamesThePartiesAndReadsNoMarks(t *testing.T) {
	e, sessions, l, lib := goldenEngagement(t)
	opt := Options{Lang: model.Ja, Ledger: l, Library: lib, IncludePrivate: true, Spoken: true}
	got := Spoken(EngagementMarkdown(e, sessions, opt), model.Ja)
	checkNoMarks(t, "engagement", got)
	for _, want := range []string{
		"納得度: 本人 4、所属組織 4、越境先 2",
		"越境先の期待: まずは既存事業の運営を手伝い、慣れたら企画にも加わってほしい",
		"要確認: 納得度の差が 2 あります",
		"期間: 2026-04-01 から 2026-09-30",
		"回答: 5（7 問中）（スキップ 1）",
		"PRIVATE-GOLDEN-3 母の介護のことを、会社にはまだ話せていない（家族や私生活・強さ 5・長期）（非公開）、和らいできた",
		"\n三者合意（現在）\n\n役割と業務範囲\n\n",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("lacks %q:\n%s", want, got)
		}
	}

	silent := l
	silent.Agreement = append([]model.AgreementItem(nil), l.Agreement...)
	for i := range silent.Agreement {
		silent.Agreement[i].Host = model.PartyView{}
	}
	opt.Ledger = silent
	got = Spoken(EngagementMarkdown(e, sessions, opt), model.Ja)
	for _, want := range []string{"納得度: 本人 4、所属組織 4、越境先 未回答", "要確認: 越境先がまだ何も言っていません"} {
		if !strings.Contains(got, want) {
			t.Errorf("lacks %q:\n%s", want, got)
		}
	}

	typed := Spoken(SessionMarkdown(sampleEngagement(), sampleSession(t), Options{Lang: model.Ja, Spoken: true}), model.Ja)
	checkNoMarks(t, "session", typed, "# 見出しではなく、*強調*でもない")
	for _, want := range []string{"  # 見出しではなく、*強調*でもない", "  1. 賛成してくれている", "独自の問い: ご家族は？", "目的抽出、山田 花子"} {
		if !strings.Contains(typed, want) {
			t.Errorf("lacks %q:\n%s", want, typed)
		}
	}
}

// TestSpokenRoundAndReview: a round's tables become one line per row, each
// cell after its column's name, and a self-review says a change of level
// in words.
func TestSpokenRoundAndReview(t *testing.T) {
	s, rd, lib := goldenRound(t)
	got := Spoken(RoundMarkdown(s, rd, lib.Rounds, Options{Lang: model.Ja, Location: goldenJST, Spoken: true}), model.Ja)
	checkNoMarks(t, "round", got, "*案*：本人と一緒に「できていること」を書き出す。")
	for _, want := range []string{"参加者 佐藤 一郎、伴走者の立場 所属組織、役割 ファシリテーター", "フェーズ 確かめる質問、予定 10分、実際 13分",
		"Lee Min: 帰任者の話を最後まで遮らずに聞く、試して効果あり"} {
		if !strings.Contains(got, want) {
			t.Errorf("lacks %q:\n%s", want, got)
		}
	}

	m := reviewMap()
	day := time.Date(2026, 4, 1, 9, 0, 0, 0, time.UTC)
	first := model.NewSelfReview(m, m.IDs(), nil, model.Ja, day)
	first.ID = 1
	first = rate(t, first, "p:listening", model.SetValue{Value: 2})
	r := model.NewSelfReview(m, m.IDs(), &first, model.Ja, day.AddDate(0, 3, 0))
	r.ID = 2
	r = rate(t, r, "p:listening", model.SetValue{Value: 4}, model.SetTarget{Level: 5})
	review := Spoken(SelfReviewMarkdown(r, []model.Session{first}, m, Options{Lang: model.Ja, Spoken: true}), model.Ja)
	checkNoMarks(t, "self-review", review)
	if want := "目標 5 非常に高い、前回（2026-04-01）から 2 から 4 (+2)"; !strings.Contains(review, want) {
		t.Errorf("lacks %q:\n%s", want, review)
	}
}
