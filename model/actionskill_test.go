package model

import (
	"errors"
	"testing"
	"time"
)

// TestARoundsNextActionNamesASkill: a next action names a skill (and only
// a next action does); the rounds' practice on that skill lists it with
// how it went when the next round asked, the most recent first.
func TestARoundsNextActionNamesASkill(t *testing.T) {
	at := time.Date(2026, 10, 20, 18, 0, 0, 0, time.UTC)
	s := Session{FlowID: RoundFlowID("case"), Status: InProgress, CurrentKey: "p:next-action:1", Steps: []Step{
		{Key: "p:takeaways", Kind: StepPrompt, AnswerKind: KindText},
		{Key: "p:next-action:1", Kind: StepPrompt, AnswerKind: KindText, Answer: "週報を読む時間を決め、変化を一行書き留める。"},
		{Key: "p:next-action:2", Kind: StepPrompt, AnswerKind: KindText, Answer: "面談の最初に近況を聞く。"},
	}}
	s, err := Apply(s, SetSkill{ID: "observation-listening"}, at)
	if err != nil || s.Steps[1].Skill != "observation-listening" || !s.Steps[1].UpdatedAt.Equal(at) {
		t.Fatalf("SetSkill: %v %+v", err, s.Steps[1])
	}
	s.CurrentKey = "p:takeaways"
	if _, err := Apply(s, SetSkill{ID: "liaison"}, at); !errors.Is(err, ErrBadValue) {
		t.Errorf("a skill named on the takeaways: %v", err)
	}
	s.UID, s.StartedAt = "round-1", at
	first := RoundEntry{Session: s, Round: PeerRound{Participants: []Participant{{Name: "佐藤 一郎"}, {Name: "Lee Min"}}}}
	later := RoundEntry{
		Session: Session{UID: "round-2", StartedAt: at.AddDate(0, 1, 0), Steps: []Step{
			{Key: "c:carry:1", Kind: StepPrompt, AnswerKind: KindChoice, PromptID: CarryPromptID, Choices: []string{string(OutcomeWorked)}},
			{Key: "p:next-action:1", Kind: StepPrompt, AnswerKind: KindText, Answer: "週報に一言返す。", Skill: "observation-listening"},
		}},
		Round: PeerRound{Participants: []Participant{{Name: "佐藤 一郎"}},
			Carried: []CarriedAction{{Name: "佐藤 一郎", Action: "週報を読む時間を決め、変化を一行書き留める。", From: "round-1"}}},
	}
	got := RoundPractices([]RoundEntry{first, later}, "observation-listening")
	if len(got) != 2 {
		t.Fatalf("%d practices: %+v", len(got), got)
	}
	if got[0].Action != "週報に一言返す。" || got[0].Outcome != OutcomePending {
		t.Errorf("latest: %+v", got[0])
	}
	if got[1].Name != "佐藤 一郎" || got[1].Action != "週報を読む時間を決め、変化を一行書き留める。" || got[1].Outcome != OutcomeWorked || !got[1].At.Equal(at) {
		t.Errorf("earlier, asked at the next round: %+v", got[1])
	}
	if got := RoundPractices([]RoundEntry{first, later}, "liaison"); len(got) != 0 {
		t.Errorf("practice on a skill not named: %+v", got)
	}
}
