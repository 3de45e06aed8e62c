package tui

import (
	"strings"
	"testing"

	"bansou/model"
)

// footer is the last row of the screen.
func (h *harness) footer() string {
	lines := strings.Split(h.screen(), "\n")
	return lines[len(lines)-1]
}

// footerKeeps fails unless the footer shows each of keys ("esc 終える").
func (h *harness) footerKeeps(where string, keys ...string) {
	h.t.Helper()
	f := h.footer()
	for _, k := range keys {
		if !strings.Contains(f, k) {
			h.t.Errorf("%s: the footer lacks %q: %q", where, k, f)
		}
	}
	if !strings.Contains(f, "f1 ") {
		h.t.Errorf("%s: the footer lacks f1, under which the rest is: %q", where, f)
	}
}

// TestTheFooterKeepsLeaveAndScope walks the screens of a session at 80
// columns, in Japanese and English: whatever esc does there (leave the
// session, close what is open) and, where it applies, the scope key are
// always in the footer, with f1 for the rest.
func TestTheFooterKeepsLeaveAndScope(t *testing.T) {
	words := map[model.Lang]struct{ leave, scope, closeForm, back, cancel string }{
		model.Ja: {"esc 終える", "ctrl+l 共有/非公開", "esc 一覧へ戻る", "esc セッションに戻る", "esc キャンセル"},
		model.En: {"esc leave", "ctrl+l shared/private", "esc back to the list", "esc back to the session", "esc cancel"},
	}
	for _, lang := range []model.Lang{model.Ja, model.En} {
		w := words[lang]
		h := newHarness(t, 80, 24, withLang(lang))
		learnerFixture(t, h)
		h.press("enter")
		r := openFlow(t, h, "checkin")

		h.footerKeeps("the worries brought back", w.leave, w.scope)
		h.press("enter") // a worry's note
		h.footerKeeps("a note on a worry brought back", w.scope)
		h.press("esc", "ctrl+n")
		h.footerKeeps("the actions brought back", w.leave, w.scope)
		h.press("ctrl+n")
		h.footerKeeps("a text answer", w.leave, w.scope)
		h.press("tab")
		if r.focus != focusNote {
			t.Fatalf("tab did not reach the note")
		}
		h.footerKeeps("the note", w.leave, w.scope)
		h.press("tab")
		h.footerKeeps("the list of prompts", w.cancel)
		h.press("esc")
		jumpTo(t, h, r, "p:energy")
		h.footerKeeps("a scale", w.leave, w.scope)
		jumpTo(t, h, r, "p:next-steps")
		h.footerKeeps("the list of actions", w.leave)
		h.press("enter")
		h.footerKeeps("an action's form", w.closeForm)
		h.press("esc", "esc")
		h.footerKeeps("the leave dialog", w.back)
		h.press("esc", "ctrl+o")
		h.footerKeeps("a question of one's own", w.cancel)
		h.press("esc", "ctrl+d")
		h.footerKeeps("the follow-ups", w.cancel)
		h.press("esc")

		openAgreement := newHarness(t, 80, 24, withLang(lang))
		openAgreement.seed()
		openAgreement.press("enter")
		openFlow(t, openAgreement, "agreement")
		openAgreement.footerKeeps("a topic of the agreement", w.leave)

		worries := newHarness(t, 80, 24, withLang(lang))
		worries.seed()
		worries.press("enter")
		wr := openFlow(t, worries, "anxiety")
		jumpTo(t, worries, wr, "p:worries")
		worries.press("enter")
		worries.footerKeeps("a worry's form", w.closeForm)
	}
}
