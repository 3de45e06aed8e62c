package model

import (
	"slices"
	"testing"
	"time"
)

// compareFixture: a purpose flow, a reflection flow whose prompts echo two
// of the purpose prompts, and an engagement that starts on 2026-04-01.
func compareFixture(t *testing.T) (Engagement, *Library, *Flow, *Flow) {
	t.Helper()
	purpose := testFlow() // a 実現したいこと, b なぜ今, c 持ち帰るもの
	purpose.Prompts[1].Kind = KindScale
	for i := range 5 {
		purpose.Prompts[1].Scale = append(purpose.Prompts[1].Scale, Text{Ja: []string{"低", "やや低", "中", "やや高", "高"}[i], En: "x"})
	}
	reflection := &Flow{ID: "reflection", Phase: After, Title: Text{Ja: "振り返り", En: "Reflection"}, Prompts: []Prompt{
		{ID: "brought", Kind: KindText, Title: Text{Ja: "持ち帰ったもの", En: "Brought"}, Text: Text{Ja: "何を持ち帰った？"}, Echoes: "purpose/c"},
		{ID: "free", Kind: KindText, Title: Text{Ja: "自由に", En: "Free"}, Text: Text{Ja: "ほかに"}},
		{ID: "did", Kind: KindText, Title: Text{Ja: "実現できたこと", En: "Did"}, Text: Text{Ja: "実現できた？"}, Echoes: "purpose/a"},
		{ID: "why-now-then", Kind: KindText, Title: Text{Ja: "なぜ今だったか", En: "Why then"}, Text: Text{Ja: "今思えば？"}, Echoes: "purpose/b"},
	}}
	e := Engagement{ID: 1, Learner: Learner{Name: "山田 花子"}, Start: NewDate(2026, 4, 1), End: NewDate(2026, 9, 30)}
	return e, NewLibrary([]*Flow{purpose, reflection}), purpose, reflection
}

func play(t *testing.T, s Session, id int64, evs ...Event) Session {
	t.Helper()
	s.ID = id
	for _, ev := range evs {
		var err error
		if s, err = Apply(s, ev, s.StartedAt); err != nil {
			t.Fatal(err)
		}
	}
	return s
}

func TestCompareSetsThePurposeBesideTheReflection(t *testing.T) {
	e, lib, purpose, reflection := compareFixture(t)
	jst := time.FixedZone("JST", 9*3600)
	before := play(t, NewSession(purpose, 1, Ja, time.Date(2026, 3, 5, 10, 0, 0, 0, jst)), 1,
		SetAnswer{Text: "地域の課題に事業として向き合いたい"}, Next{}, SetValue{Value: 4}, SetAnswer{Text: "節目だから"})
	// A purpose session during the stint restates prompt a; the comparison
	// keeps what was said before departure.
	during := play(t, NewSession(purpose, 1, Ja, time.Date(2026, 6, 1, 10, 0, 0, 0, jst)), 2,
		SetAnswer{Text: "途中で言い直した目的"})
	after := play(t, NewSession(reflection, 1, Ja, time.Date(2026, 10, 20, 10, 0, 0, 0, jst)), 3,
		SetAnswer{Text: "小さく試す文化"}, Jump{Key: "p:did"}, SetAnswer{Text: "半分は実現できた"}, SetAnswerPrivate{Private: true})
	c := Compare(e, []Session{before, during, after}, Ledger{}, lib, Ja, jst)

	if len(c.Purpose) != 3 {
		t.Fatalf("pairs = %+v", c.Purpose)
	}
	a, b, cc := c.Purpose[0], c.Purpose[1], c.Purpose[2] // in the purpose flow's order: a, b, c
	if a.BeforeTitle != "実現したいこと" || a.Before.Text != "地域の課題に事業として向き合いたい" || a.Before.SessionID != 1 ||
		a.After.Text != "半分は実現できた" || !a.After.Private || a.AfterTitle != "実現できたこと" {
		t.Fatalf("pair a = %+v", a)
	}
	if b.Before.Text != "4/5 やや高\n節目だから" || b.After.Given() || b.AfterTitle != "なぜ今だったか" {
		t.Fatalf("pair b (a scale, not reflected on yet) = %+v", b)
	}
	if cc.Before.Given() || cc.After.Text != "小さく試す文化" || cc.After.StepKey != "p:brought" || cc.After.SessionID != 3 {
		t.Fatalf("pair c (only after) = %+v", cc)
	}

	// Without a start date the latest answer stands.
	e.Start = Date{}
	c = Compare(e, []Session{before, during, after}, Ledger{}, lib, Ja, jst)
	if c.Purpose[0].Before.Text != "途中で言い直した目的" {
		t.Fatalf("without a start: %+v", c.Purpose[0])
	}
	// Pairs where nothing was said on either side are left out.
	if got := Compare(e, nil, Ledger{}, lib, Ja, jst); len(got.Purpose) != 0 {
		t.Fatalf("no sessions: %+v", got.Purpose)
	}
}

func TestCompareAnxietiesAtDepartureAndNow(t *testing.T) {
	e, lib, _, _ := compareFixture(t)
	jst := time.FixedZone("JST", 9*3600)
	at := func(m time.Month, d, h int) time.Time { return time.Date(2026, m, d, h, 0, 0, 0, jst) }
	l := Ledger{Anxieties: []Anxiety{
		{ID: "later", Text: "越境先の評価面談", CreatedAt: at(5, 10, 10)},
		{ID: "eased", Text: "居場所があるか", CreatedAt: at(3, 5, 10), History: []AnxietyUpdate{
			{Status: AnxietyEasing, At: at(3, 20, 10)},
			// 23:30 JST on departure day is 14:30 UTC: still departure day.
			{Status: AnxietyResolved, At: time.Date(2026, 4, 1, 14, 30, 0, 0, time.UTC)},
			{Status: AnxietyHappened, At: at(7, 1, 10)},
		}},
		{ID: "open", Text: "家族のこと", Private: true, CreatedAt: at(4, 1, 9)},
		{ID: "gone", Text: "消した", CreatedAt: at(3, 1, 9), Deleted: true},
	}}
	c := Compare(e, nil, l, lib, Ja, jst)
	var got []string
	for _, r := range c.Anxieties {
		got = append(got, r.Anxiety.ID+":"+string(r.AtDeparture)+">"+string(r.Now))
	}
	want := []string{"eased:resolved>happened", "open:open>open", "later:>open"}
	if !slices.Equal(got, want) {
		t.Fatalf("anxieties = %v, want %v", got, want)
	}
	if c.Departure != NewDate(2026, 4, 1) {
		t.Fatalf("departure = %v", c.Departure)
	}
}

func TestCompareAgreementAsAgreedAndRevisited(t *testing.T) {
	e, lib, _, _ := compareFixture(t)
	t1 := time.Date(2026, 3, 19, 10, 0, 0, 0, time.UTC)
	t2 := time.Date(2026, 6, 19, 10, 0, 0, 0, time.UTC)
	v1 := AgreementItem{Topic: "work", Title: "業務内容", SessionID: 5, SessionStarted: t1, Agreed: "週3日、企画に参加"}
	v1.SetView(PartyLearner, PartyView{Expectation: "企画から関わりたい", Fit: 4})
	v2 := v1
	v2.SessionID, v2.SessionStarted, v2.Agreed = 9, t2, "週4日、企画を担当"
	v2.SetView(PartyLearner, PartyView{Expectation: "企画から関わりたい", Fit: 5})
	once := AgreementItem{Topic: "contact", Title: "連絡の頻度", SessionID: 5, SessionStarted: t1, Agreed: "月1回"}
	c := Compare(e, nil, Ledger{Agreement: []AgreementItem{v1, once, v2}}, lib, Ja, time.UTC)
	if len(c.Agreement) != 2 {
		t.Fatalf("agreement = %+v", c.Agreement)
	}
	w := c.Agreement[0]
	if w.First.Agreed != "週3日、企画に参加" || w.Latest.Agreed != "週4日、企画を担当" || !w.Revisited ||
		!slices.Equal(w.Changes, []string{"learner.fit", "agreed"}) {
		t.Fatalf("work = %+v", w)
	}
	if o := c.Agreement[1]; o.Revisited || len(o.Changes) != 0 || o.First.Agreed != "月1回" {
		t.Fatalf("contact = %+v", o)
	}
}
