package report

import (
	"encoding/csv"
	"strings"
	"testing"
	"time"

	"bansou/model"
)

func TestCSVLeavesNoTraceOfPrivateRecords(t *testing.T) {
	first := model.NewSession(testFlow(), 1, model.Ja, t0)
	first.ID = 1
	later := model.NewSession(testFlow(), 1, model.Ja, t0.Add(48*time.Hour))
	later.ID = 2
	l := model.Ledger{Anxieties: []model.Anxiety{
		{ID: "a", SessionID: 1, Text: "居場所", History: []model.AnxietyUpdate{{ID: "u", SessionID: 2, Status: model.AnxietyEasing}}},
		{ID: "b", SessionID: 1, Text: "PRIVATE-7310 体調", Private: true, History: []model.AnxietyUpdate{{ID: "v", SessionID: 2, Status: model.AnxietyOpen}}},
	}}
	later = model.CarryForward(later, l)
	for _, ev := range []model.Event{model.Jump{Key: later.Steps[0].Key}, model.SetAnswer{Text: "少し落ち着いた"},
		model.Jump{Key: "p:a"}, model.SetAnswer{Text: "PRIVATE-7311"}, model.SetAnswerPrivate{Private: true}, model.SetNote{Text: "共有メモ"}, model.SetNoteShared{Shared: true}} {
		var err error
		if later, err = model.Apply(later, ev, t0); err != nil {
			t.Fatal(err)
		}
	}
	if later.Steps[0].Title != "これまでの不安（2件）" {
		t.Fatalf("fixture: the stored title counts both worries: %q", later.Steps[0].Title)
	}
	doc := []model.EngagementExport{{Engagement: sampleEngagement(), Sessions: []model.Session{first, later}, Ledger: l}}
	var b strings.Builder
	if err := WriteCSV(&b, doc, Options{Lang: model.Ja}); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(strings.NewReader(b.String())).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(b.String(), "PRIVATE-73") || strings.Contains(b.String(), "2件") || len(rows) != 3 {
		t.Fatalf("csv:\n%s", b.String())
	}
	if rows[1][7] != "これまでの不安（1件）" || rows[2][12] != "" || rows[2][13] != "共有メモ" {
		t.Fatalf("rows = %q", rows)
	}
	b.Reset()
	WriteCSV(&b, doc, Options{Lang: model.Ja, IncludePrivate: true})
	if !strings.Contains(b.String(), "PRIVATE-7311") || !strings.Contains(b.String(), "これまでの不安（2件）") ||
		!strings.Contains(b.String(), ",true,共有メモ,true") {
		t.Fatalf("csv with private records:\n%s", b.String())
	}
}
