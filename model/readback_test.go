package model

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"
)

// readBackFlow is a check-in of every kind of answer.
func readBackFlow() *Flow {
	text := func(id, ja string) Prompt {
		return Prompt{ID: id, Kind: KindText, Title: Text{Ja: ja, En: id}, Text: Text{Ja: ja + "は？", En: id + "?"}}
	}
	scale := text("mood", "いまの調子")
	scale.Kind = KindScale
	for _, l := range []string{"とてもつらい", "つらい", "ふつう", "よい", "とてもよい"} {
		scale.Scale = append(scale.Scale, Text{Ja: l, En: l})
	}
	choice := text("help", "助けになったもの")
	choice.Kind = KindMulti
	choice.Options = []Option{{ID: "boss", Text: Text{Ja: "上司との面談", En: "boss"}}, {ID: "peer", Text: Text{Ja: "同期との話", En: "peer"}}}
	worries := text("worries", "いまの不安")
	worries.Kind = KindAnxiety
	worries.Options = []Option{{ID: "work", Text: Text{Ja: "仕事・評価", En: "work"}}, {ID: "family", Text: Text{Ja: "家族や私生活", En: "family"}}}
	actions := text("next", "次にすること")
	actions.Kind = KindAction
	topic := text("role", "役割と範囲")
	topic.Kind = KindAgreement
	return &Flow{ID: "checkin", Phase: During, Mode: OneOnOne, Title: Text{Ja: "チェックイン", En: "Check-in"},
		Prompts: []Prompt{text("now", "いまの様子"), text("hard", "しんどいこと"), scale, text("sleep", "眠れているか"),
			choice, worries, actions, topic}}
}

// heardSession is a check-in (id 2) after an earlier session (id 1),
// where private words of every kind are written next to shared ones: each
// private text holds PRIVATE.
func heardSession(t *testing.T) (Session, Ledger, *Flow) {
	t.Helper()
	f := readBackFlow()
	earlier := t0.Add(-7 * 24 * time.Hour)
	l := Ledger{
		Anxieties: []Anxiety{
			{ID: "old-shared", SessionID: 1, Text: "評価が下がらないか", CreatedAt: earlier,
				History: []AnxietyUpdate{{SessionID: 2, Status: AnxietyEasing, Note: "上司と話して少し安心した", NoteShared: true, At: t0}}},
			{ID: "old-private-note", SessionID: 1, Text: "朝起きられない", CreatedAt: earlier,
				History: []AnxietyUpdate{{SessionID: 2, Status: AnxietyHappened, Note: "PRIVATE-STATUS-NOTE 通院を始めた", At: t0}}},
			{ID: "old-private", SessionID: 1, Text: "PRIVATE-OLD-WORRY 親の介護", Private: true, CreatedAt: earlier,
				History: []AnxietyUpdate{{SessionID: 2, Status: AnxietyOpen, Note: "PRIVATE-NOTE-OF-PRIVATE 施設を探している", NoteShared: true, At: t0}}},
			{ID: "old-untold", SessionID: 1, Text: "UNTOLD 通勤が長い", CreatedAt: earlier},
			{ID: "new-shared", SessionID: 2, StepKey: "p:worries", Text: "同期と比べて遅れている気がする\n特に会議で", Category: "work",
				Intensity: 4, Term: ShortTerm, Plan: "月に一度、成果を一緒に振り返る", CreatedAt: t0},
			{ID: "new-private", SessionID: 2, StepKey: "p:worries", Text: "PRIVATE-NEW-WORRY 体調のこと", Category: "family",
				Intensity: 5, Private: true, Plan: "PRIVATE-PLAN 産業医へ", CreatedAt: t0},
			{ID: "new-deleted", SessionID: 2, StepKey: "p:worries", Text: "DELETED 消した不安", Deleted: true, CreatedAt: t0},
		},
		Actions: []Action{
			{ID: "old-action", SessionID: 1, Text: "上司と週に一度話す", Owner: OwnerLearner, Due: NewDate(2026, 11, 20), CreatedAt: earlier,
				History: []ActionUpdate{{SessionID: 2, Outcome: OutcomeWorked, Note: "PRIVATE-OUTCOME-NOTE 実は一度だけ", At: t0}}},
			{ID: "old-untold-action", SessionID: 1, Text: "UNTOLD 本を読む", Owner: OwnerLearner, CreatedAt: earlier},
			{ID: "new-action", SessionID: 2, StepKey: "p:next", Text: "先輩に相談の時間をもらう", Owner: OwnerLearner,
				Due: NewDate(2026, 12, 5), CreatedAt: t0},
		},
		Agreement: []AgreementItem{{SessionID: 2, Topic: "role", Learner: PartyView{Expectation: "企画の仕事に関わりたい", Fit: 3},
			Sending: PartyView{Expectation: "SENDING 所属組織の期待"}, Agreed: "企画会議に月二回出る"}},
	}
	s := CarryForward(NewSession(f, 9, Ja, t0), l)
	s.ID = 2
	set := func(key string, edit func(st *Step)) {
		t.Helper()
		i := s.Index(key)
		if i < 0 {
			t.Fatalf("no step %s", key)
		}
		edit(&s.Steps[i])
	}
	set("p:now", func(st *Step) {
		st.Answer = "仕事に慣れてきた\nでも夜は疲れている"
		st.Note = "PRIVATE-NOTE 声が明るい"
	})
	set("p:hard", func(st *Step) {
		st.Answer = "PRIVATE-ANSWER 家族のことが心配"
		st.AnswerPrivate = true
		st.Note = "SHARED-NOTE-IS-STILL-A-NOTE 共有のメモ"
		st.NoteShared = true
	})
	set("p:mood", func(st *Step) { st.Value, st.Answer = 4, "週末は休めた" })
	set("p:sleep", func(st *Step) { st.Value, st.Answer, st.AnswerPrivate = 2, "PRIVATE-SCALE 眠れない", true })
	set("p:help", func(st *Step) { st.Choices = []string{"boss", "peer"} })
	s.CurrentKey = "p:now"
	var err error
	if s, err = Apply(s, DigDeeper{Text: "どんなときに疲れを感じますか"}, t0); err != nil {
		t.Fatal(err)
	}
	s.Steps[s.CurrentIndex()].Answer = "会議が続いた日"
	if s, err = Apply(s, AddFeedback{}, t0); err != nil {
		t.Fatal(err)
	}
	s.Steps[s.CurrentIndex()].Answer = "PRIVATE-FEEDBACK 話を急がされた"
	return s, l, f
}

// TestReadBackShowsNothingPrivate builds the read-back of a session with
// private content of every kind beside shared content: none of the
// private words is in it, nor any note of the companion's, and every
// shared thing said in the session is, with the step to go back to.
func TestReadBackShowsNothingPrivate(t *testing.T) {
	s, l, f := heardSession(t)
	rb := ReadBackOf(s, l, f)
	dump := fmt.Sprintf("%+v", rb)
	for _, hidden := range []string{"PRIVATE", "NOTE", "SENDING", "UNTOLD", "DELETED"} {
		if strings.Contains(dump, hidden) {
			t.Errorf("the read-back holds %q: %s", hidden, dump)
		}
	}

	var answers []string
	for _, a := range rb.Answers {
		answers = append(answers, a.StepKey)
	}
	if want := []string{"p:now", "f:1", "p:mood", "p:help", "p:role"}; !slices.Equal(answers, want) {
		t.Fatalf("answers at %v, want %v", answers, want)
	}
	now, deeper, mood, help, role := rb.Answers[0], rb.Answers[1], rb.Answers[2], rb.Answers[3], rb.Answers[4]
	if now.Title != "いまの様子" || now.Words != "仕事に慣れてきた\nでも夜は疲れている" {
		t.Errorf("the answer = %+v (its words, line break and all)", now)
	}
	if deeper.Title != "どんなときに疲れを感じますか" || deeper.Words != "会議が続いた日" {
		t.Errorf("the follow-up = %+v", deeper)
	}
	if mood.Point != 4 || mood.PointLabel != "よい" || mood.Words != "週末は休めた" {
		t.Errorf("the scale = %+v", mood)
	}
	if !slices.Equal(help.Choices, []string{"上司との面談", "同期との話"}) {
		t.Errorf("the choices = %+v", help)
	}
	if role.Words != "企画の仕事に関わりたい" || role.Agreed != "企画会議に月二回出る" {
		t.Errorf("the agreement topic = %+v (the learner's expectation and the agreed words)", role)
	}

	if len(rb.Worries) != 3 {
		t.Fatalf("worries = %+v", rb.Worries)
	}
	told, happened, written := rb.Worries[0], rb.Worries[1], rb.Worries[2]
	if told.Text != "評価が下がらないか" || told.New || told.Status != AnxietyEasing || told.Note != "上司と話して少し安心した" ||
		told.StepKey != "c:anxieties" {
		t.Errorf("the worry told about = %+v", told)
	}
	if happened.Status != AnxietyHappened || happened.Note != "" || happened.StepKey != "c:anxieties" {
		t.Errorf("the worry with a private note = %+v (status shown, note not)", happened)
	}
	if !written.New || written.Text != "同期と比べて遅れている気がする\n特に会議で" || written.Category != "仕事・評価" ||
		written.Intensity != 4 || written.Term != ShortTerm || written.Plan != "月に一度、成果を一緒に振り返る" || written.StepKey != "p:worries" {
		t.Errorf("the worry written down = %+v", written)
	}

	if len(rb.Actions) != 2 {
		t.Fatalf("actions = %+v", rb.Actions)
	}
	if a := rb.Actions[0]; a.New || a.Outcome != OutcomeWorked || a.Note != "" || a.StepKey != "c:actions" {
		t.Errorf("the action told about = %+v", a)
	}
	if a := rb.Actions[1]; !a.New || a.Text != "先輩に相談の時間をもらう" || a.Owner != OwnerLearner ||
		a.Due != NewDate(2026, 12, 5) || a.StepKey != "p:next" {
		t.Errorf("the action agreed = %+v", a)
	}
	if !rb.Confirmed.IsZero() || rb.Empty() {
		t.Errorf("confirmed %v, empty %v", rb.Confirmed, rb.Empty())
	}
}

// TestConfirmReadBackIsRecordedOnTheSession: the learner's confirmation
// is an event on the session, with its time, and the read-back says so;
// a later one replaces it.
func TestConfirmReadBackIsRecordedOnTheSession(t *testing.T) {
	s, l, f := heardSession(t)
	at := t0.Add(40 * time.Minute)
	s, err := Apply(s, ConfirmReadBack{}, at)
	if err != nil {
		t.Fatal(err)
	}
	if !s.LearnerConfirmed.Equal(at) || !s.UpdatedAt.Equal(at) {
		t.Fatalf("confirmed %v, updated %v", s.LearnerConfirmed, s.UpdatedAt)
	}
	if rb := ReadBackOf(s, l, f); !rb.Confirmed.Equal(at) {
		t.Fatalf("the read-back says confirmed %v", rb.Confirmed)
	}
	later := at.Add(5 * time.Minute)
	s, _ = Apply(s, ConfirmReadBack{}, later)
	if p := ProgressOf(s, nil, false); !p.LearnerConfirmed.Equal(later) {
		t.Fatalf("the progress to save carries %v", p.LearnerConfirmed)
	}
}

// TestReadBackOfNothingSaid: a session where nothing shared was said has
// nothing to read back.
func TestReadBackOfNothingSaid(t *testing.T) {
	f := readBackFlow()
	s := NewSession(f, 9, Ja, t0)
	s.ID = 3
	s.Steps[1].Answer, s.Steps[1].AnswerPrivate = "PRIVATE 非公開の答え", true
	if rb := ReadBackOf(s, Ledger{}, f); !rb.Empty() {
		t.Fatalf("read-back = %+v", rb)
	}
}
