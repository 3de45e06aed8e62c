package model

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
)

func TestSingleLine(t *testing.T) {
	for in, want := range map[string]string{
		"山田\u3000花子":          "山田\u3000花子",
		"山田\n花子":              "山田 花子",
		"山田\r\n花子":            "山田 花子",
		"山田\r花子\t一郎":          "山田 花子 一郎",
		"山田\n\n花子":            "山田  花子",
		"赤\x1b[31m字\u202e逆\n": "赤\x1b[31m字\u202e逆 ",
	} {
		if got := SingleLine(in); got != want {
			t.Errorf("SingleLine(%q) = %q, want %q", in, got, want)
		}
	}
	if got, want := TermSafeLine("山田\r\n\u202egnp.exe\t\x1b[2J"), "山田 ⇄gnp.exe ␛[2J"; got != want {
		t.Errorf("TermSafeLine = %q, want %q", got, want)
	}
}

// TestImportFoldsLineBreaksInSingleLineFields: an export whose names and
// titles hold line breaks (an older bansou's, or one edited by hand) is
// imported with each folded into a space, and the import can say where;
// answers keep their lines.
func TestImportFoldsLineBreaksInSingleLineFields(t *testing.T) {
	s := NewSession(testFlow(), 1, Ja, t0)
	s.ID, s.UID = 1, "s-1"
	s.FlowTitle = "目的\n抽出"
	s, _ = Apply(s, SetAnswer{Text: "一行目\n二行目"}, t0)
	round := NewSession(testFlow(), 0, Ja, t0)
	round.UID, round.FlowID = "r-1", RoundFlowPrefix+"case"
	doc := NewExport(t0, EngagementExport{
		Engagement: Engagement{ID: 1, UID: "e-1", Learner: Learner{UID: "l-1", Name: "山田\n2\t偽の学習者\t偽 → 偽"},
			SendingOrg: "本社\r\n営業部", HostOrg: "町工場", Start: NewDate(2026, 4, 1), End: NewDate(2026, 9, 30),
			Companions: []Companion{{Name: "佐藤\r花子", Type: Sending}}},
		Sessions: []Session{s},
		Ledger: Ledger{Anxieties: []Anxiety{{ID: "a-1", SessionID: 1, Text: "不安\nふたつ", Category: "fitting\nin"}},
			Agreement: []AgreementItem{{SessionID: 1, Topic: "role", Title: "役割\nと範囲", Agreed: "合意\n二行"}}},
	})
	doc.Rounds = []RoundEntry{{Session: round, Round: PeerRound{Format: "case",
		Participants: []Participant{{Name: "田中\n一郎", Type: Sending}, {Name: "Lee", Type: Host}},
		Facilitator:  "田中\n一郎", Presenter: "Lee", Scribe: "田中\n一郎", Cast: map[string]string{"learner": "田中\n一郎"},
		Presenters: []string{"Lee", "田中\n一郎"}, Purpose: "事例を\n持ち寄る",
		Timer:   Timer{Phases: []TimerPhase{{ID: "present@2", Who: "田中\n一郎", Speakers: []string{"Lee", "田中\n一郎"}}}},
		Carried: []CarriedAction{{Name: "田中\n一郎", Action: "試す\n二行"}}}}}
	data, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	got, err := ParseExport(data)
	if err != nil {
		t.Fatal(err)
	}
	e := got.Engagements[0]
	if e.Learner.Name != "山田 2 偽の学習者 偽 → 偽" || e.SendingOrg != "本社 営業部" || e.Companions[0].Name != "佐藤 花子" ||
		e.Sessions[0].FlowTitle != "目的 抽出" || e.Ledger.Anxieties[0].Category != "fitting in" ||
		e.Ledger.Agreement[0].Title != "役割 と範囲" {
		t.Errorf("single-line fields not folded: %+v", e)
	}
	if e.Sessions[0].Steps[0].Answer != "一行目\n二行目" || e.Ledger.Anxieties[0].Text != "不安\nふたつ" ||
		e.Ledger.Agreement[0].Agreed != "合意\n二行" || got.Rounds[0].Round.Carried[0].Action != "試す\n二行" {
		t.Errorf("an answer lost its lines: %+v", e)
	}
	rd := got.Rounds[0].Round
	if rd.Participants[0].Name != "田中 一郎" || rd.Facilitator != rd.Participants[0].Name || rd.Scribe != rd.Participants[0].Name ||
		rd.Cast["learner"] != rd.Participants[0].Name || rd.Carried[0].Name != rd.Participants[0].Name ||
		rd.Presenters[1] != rd.Participants[0].Name || rd.Timer.Phases[0].Who != rd.Participants[0].Name ||
		rd.Timer.Phases[0].Speakers[1] != rd.Participants[0].Name || rd.Purpose != "事例を 持ち寄る" {
		t.Errorf("a round's names do not match its participants: %+v", rd)
	}
	want := []string{"engagements[0].learner.name", "engagements[0].sending_org", "engagements[0].companions[0].name",
		"engagements[0].sessions[0].flow_title", "engagements[0].ledger.anxieties[0].category",
		"engagements[0].ledger.agreement[0].title", "rounds[0].round.participants[0].name", "rounds[0].round.facilitator",
		"rounds[0].round.scribe", "rounds[0].round.presenters[1]", "rounds[0].round.purpose", "rounds[0].round.cast[learner]",
		"rounds[0].round.timer.phases[0].who", "rounds[0].round.timer.phases[0].speakers[1]", "rounds[0].round.carried[0].name"}
	if !slices.Equal(got.Folded, want) {
		t.Errorf("folded = %q\nwant %q", got.Folded, want)
	}
	// Nothing left to fold: written out and read again, the export is the same.
	again, _ := json.Marshal(got)
	if back, err := ParseExport(again); err != nil || len(back.Folded) != 0 {
		t.Errorf("read again: %v, folded %q", err, back.Folded)
	}
}

// TestContentTitlesAreOneLine: a title written as a YAML block (which keeps
// its line breaks) is loaded on one line; a prompt's text keeps its lines.
func TestContentTitlesAreOneLine(t *testing.T) {
	flow := strings.Replace(goodFlow, "title:\n  ja: 目的抽出\n  en: Purpose extraction", "title:\n  ja: |\n    目的\n    抽出\n  en: \"Purpose\\r\\nextraction\"", 1)
	flow = strings.Replace(flow, "      ja: 何を実現したいですか。", "      ja: |\n        何を\n        実現したいですか。", 1)
	lib, errs := load(t, map[string]string{"flows/purpose.yaml": flow})
	if errs != nil {
		t.Fatal(errs)
	}
	f := lib.Flows[0]
	if f.Title.Ja != "目的 抽出" || f.Title.En != "Purpose extraction" {
		t.Errorf("title = %q", f.Title)
	}
	if f.Prompts[0].Text.Ja != "何を\n実現したいですか。" {
		t.Errorf("a prompt's text lost its lines: %q", f.Prompts[0].Text.Ja)
	}
}
