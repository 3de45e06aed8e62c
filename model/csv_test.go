package model

import (
	"encoding/csv"
	"strings"
	"testing"
	"time"
)

func TestCSVLeavesNoTraceOfPrivateRecords(t *testing.T) {
	first := NewSession(testFlow(), 1, Ja, t0)
	first.ID = 1
	later := NewSession(testFlow(), 1, Ja, t0.Add(48*time.Hour))
	later.ID = 2
	l := Ledger{Anxieties: []Anxiety{
		{ID: "a", SessionID: 1, Text: "居場所", History: []AnxietyUpdate{{ID: "u", SessionID: 2, Status: AnxietyEasing}}},
		{ID: "b", SessionID: 1, Text: "PRIVATE-7310 体調", Private: true, History: []AnxietyUpdate{{ID: "v", SessionID: 2, Status: AnxietyOpen}}},
	}}
	later = CarryForward(later, l)
	for _, ev := range []Event{Jump{Key: later.Steps[0].Key}, SetAnswer{Text: "少し落ち着いた"},
		Jump{Key: "p:a"}, SetAnswer{Text: "PRIVATE-7311"}, SetAnswerPrivate{Private: true}, SetNote{Text: "共有メモ"}, SetNoteShared{Shared: true}} {
		var err error
		if later, err = Apply(later, ev, t0); err != nil {
			t.Fatal(err)
		}
	}
	if later.Steps[0].Title != "これまでの不安（2件）" {
		t.Fatalf("fixture: the stored title counts both worries: %q", later.Steps[0].Title)
	}
	doc := []EngagementExport{{Engagement: sampleEngagement(), Sessions: []Session{first, later}, Ledger: l}}
	var b strings.Builder
	if err := WriteCSV(&b, doc, MarkdownOptions{Lang: Ja}); err != nil {
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
	WriteCSV(&b, doc, MarkdownOptions{Lang: Ja, IncludePrivate: true})
	if !strings.Contains(b.String(), "PRIVATE-7311") || !strings.Contains(b.String(), "これまでの不安（2件）") ||
		!strings.Contains(b.String(), ",true,共有メモ,true") {
		t.Fatalf("csv with private records:\n%s", b.String())
	}
}
