package tui

import (
	"context"
	"testing"

	"bansou/model"
)

// TestGoldenEngagementFormJapanese80x24: a new engagement typed with a
// date that is not one, a cadence out of range and three companions, one
// of another type, then saved: the errors stand under their fields.
func TestGoldenEngagementFormJapanese80x24(t *testing.T) {
	h := newHarness(t, 80, 24)
	h.press("n")
	typeFields(h, "山田 花子", "株式会社みらい", "NPO法人つなぐ", "2026-13-01", "2027-05-31", "120", "")
	h.press("tab")
	h.typeText("佐藤 一郎")
	h.press("tab", "right", "tab")
	h.typeText("田中 陽")
	h.press("tab", "tab")
	h.typeText("Lee Min")
	h.press("ctrl+s")
	h.golden("form_ja_80x24")
}

// TestGoldenEngagementFormEnglish40x16: editing an engagement on a narrow
// terminal, the focus on a companion's type, scrolled into view.
func TestGoldenEngagementFormEnglish40x16(t *testing.T) {
	h := newHarness(t, 40, 16, withLang(model.En))
	h.seed()
	h.press("e")
	for range 8 {
		h.press("tab")
	}
	h.press("left")
	h.golden("form_en_40x16")
}

// TestGoldenRoundSetupJapanese80x24: three participants typed in place,
// one of another type, the presenter the rotation suggests.
func TestGoldenRoundSetupJapanese80x24(t *testing.T) {
	h := newHarness(t, 80, 24)
	s := setupRound(t, h)
	h.typeText("佐藤 一郎")
	h.press("enter")
	h.typeText("田中　陽")
	h.press("ctrl+t", "enter")
	h.typeText("Lee Min")
	moveToRow(t, h, s, "発表者")
	h.golden("roundsetup_ja_80x24")
}

// TestGoldenRoundSetupEnglish40x16: the setup after a round of a role-play,
// its participants and facilitator filled in, the cursor on a phase's
// minutes on a narrow terminal.
func TestGoldenRoundSetupEnglish40x16(t *testing.T) {
	h := newHarness(t, 40, 16, withLang(model.En))
	lib := h.app.env.lib
	setup := model.RoundSetup{Format: lib.Rounds.Formats[len(lib.Rounds.Formats)-1], Facilitator: "田中",
		Participants: []model.Participant{{Name: "佐藤", Type: model.Host}, {Name: "田中"}, {Name: "Kim", Type: model.ThirdParty}}}
	sess, rd := model.NewRound(setup, nil, model.En, clock)
	if _, _, err := h.store.StartRound(context.Background(), sess, rd); err != nil {
		t.Fatal(err)
	}
	setupRound(t, h)
	for range 12 {
		h.press("down")
	}
	h.press("right")
	h.golden("roundsetup_en_40x16")
}
