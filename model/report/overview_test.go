package report

import (
	"strings"
	"testing"
	"time"

	"bansou/model"
)

// TestOverviewGivesCountsAndDates: the office's overview names each
// engagement with its phase, last contact, what is overdue and the
// warnings, in either language, and carries no text of the ledger even
// when it is handed one.
func TestOverviewGivesCountsAndDates(t *testing.T) {
	today := model.NewDate(2027, 1, 20)
	e := model.Engagement{ID: 1, Learner: model.Learner{Name: "山田 花子"}, SendingOrg: "株式会社みらい", HostOrg: "NPO法人つなぐ",
		Start: model.NewDate(2026, 12, 1), End: model.NewDate(2027, 5, 31),
		Companions: []model.Companion{{Name: "佐藤 一郎", Type: model.Sending}}}
	at := time.Date(2026, 12, 3, 10, 0, 0, 0, time.UTC)
	st := model.EngagementState{Engagement: e,
		Sessions: []model.SessionSummary{{ID: 1, EngagementID: 1, Use: model.UseCheckin, StartedAt: at, UpdatedAt: at}},
		Ledger: model.Ledger{Anxieties: []model.Anxiety{{ID: "a", EngagementID: 1, Text: "評価が心配"}},
			Actions: []model.Action{{ID: "x", EngagementID: 1, Text: "人事に聞く", Owner: model.OwnerLearner, Due: model.NewDate(2027, 1, 10)}}}}
	ja := Overview([]model.EngagementState{st}, today, time.UTC, model.Ja)
	for _, want := range []string{"山田 花子（株式会社みらい → NPO法人つなぐ）", "段階: 越境中", "最後の対話: 2026-12-03（48 日前）",
		"期限を過ぎた行動: 1 件", "未解消の不安: 1 件", "伴走不足のおそれ）: 48 日間", "佐藤 一郎（所属組織）", "日遅れ"} {
		if !strings.Contains(ja, want) {
			t.Errorf("missing %q in\n%s", want, ja)
		}
	}
	en := Overview([]model.EngagementState{st}, today, time.UTC, model.En)
	if !strings.Contains(en, "Phase: during the stint") || !strings.Contains(en, "no contact for 48 days") {
		t.Errorf("English:\n%s", en)
	}
	for _, text := range []string{"評価が心配", "人事に聞く"} {
		if strings.Contains(ja+en, text) {
			t.Errorf("the overview shows %q", text)
		}
	}
	if got := Overview(nil, today, time.UTC, model.Ja); !strings.Contains(got, "まだありません") {
		t.Errorf("empty: %q", got)
	}
}
