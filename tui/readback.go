package tui

import (
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"bansou/model"
)

// readBack is the page 「聞き取ったこと」 that a session's leave dialog
// opens at the end of a conversation: what the session heard, gathered by
// model.ReadBackOf (the shared answers, the worries written down or told
// about and the actions, nothing private, no note, no hint), large and in
// the learner's words, for the learner to confirm or correct there and
// then. It is shown in the learner view, which opening it turns on, so
// that going back to a prompt to correct something shows the learner
// nothing of the companion's either. enter goes back to the item's
// prompt, c records the learner's confirmation on the session, esc goes
// back to the leave dialog.
type readBack struct {
	k      readBackKeys
	heard  model.ReadBack
	items  []model.HeardItem
	cursor int
}

// readBackAllowed reports whether the session has a read-back: a
// conversation with a learner (not a round, not a self-review).
func (r *runner) readBackAllowed() bool {
	return r.wk.Sess.EngagementID != 0 && r.round == nil && !r.wk.Sess.IsSelfReview()
}

// openReadBack shows the read-back, in the learner view.
func (r *runner) openReadBack() tea.Cmd {
	r.sync()
	r.rb = &readBack{k: newReadBackKeys(r.env)}
	r.modal = nil
	r.heardAgain()
	if r.env.learner {
		return r.flush()
	}
	return tea.Batch(r.flush(), showLearnerView)
}

// heardAgain gathers what the session heard anew (after a confirmation,
// or another member's change to the ledger), keeping the cursor.
func (r *runner) heardAgain() {
	if r.rb == nil {
		return
	}
	r.rb.heard = model.ReadBackOf(r.wk.Sess, r.wk.Ledger, r.wk.Flow)
	r.rb.items = r.rb.heard.Items(r.wk.Sess.Lang)
	r.rb.cursor = max(0, min(r.rb.cursor, len(r.rb.items)-1))
}

// readBackKey takes a key while the read-back is open.
func (r *runner) readBackKey(msg tea.KeyPressMsg) (screen, tea.Cmd) {
	rb, k := r.rb, r.rb.k
	switch {
	case key.Matches(msg, k.up):
		rb.cursor = max(0, rb.cursor-1)
	case key.Matches(msg, k.down):
		rb.cursor = max(0, min(len(rb.items)-1, rb.cursor+1))
	case key.Matches(msg, k.back):
		r.rb = nil
		r.modal = leaveDialog{}
		r.relayout()
	case key.Matches(msg, k.fix):
		if rb.cursor >= len(rb.items) {
			return r, nil
		}
		at := rb.items[rb.cursor].StepKey
		if r.wk.Sess.Index(at) < 0 {
			return r, showStatus(r.env.t("readback.noStep"))
		}
		r.rb = nil
		r.setFocus(focusAnswer)
		return r, r.apply(model.Jump{Key: at})
	case key.Matches(msg, k.confirm):
		cmd := r.apply(model.ConfirmReadBack{})
		r.heardAgain()
		return r, tea.Batch(cmd, showStatus(r.env.t("readback.recorded")))
	case typedText(msg):
		return r, showStatus(r.env.t("readback.noText"))
	}
	return r, nil
}

func (rb *readBack) keys() keyList {
	k := rb.k
	has := len(rb.items) > 0
	k.up.SetEnabled(has)
	k.down.SetEnabled(has)
	k.fix.SetEnabled(has)
	list := []key.Binding{k.fix, k.up, k.down}
	// Confirming is what the page is for, and esc goes back: both are
	// pinned, so no width hides them.
	pinned := []key.Binding{k.confirm, k.back}
	return keyList{short: list, pinned: pinned, full: [][]key.Binding{append(list, pinned...)}}
}

// readBackView draws the read-back over the whole body: the title and
// whether the learner confirmed it, fixed at the top, then what was heard,
// scrolled so that the item under the cursor is in view.
func (r *runner) readBackView() string {
	e, rb := r.env, r.rb
	w := max(r.w, 20)
	textW := min(w-6, 76)
	title := e.st.title.Render(e.t("readback.title"))
	if e.learner {
		title = e.st.accent.Render(e.t("learner.badge")) + " " + title
	}
	name := r.wk.Sess.FlowTitle
	if r.wk.Eng.Learner.Name != "" {
		name += " · " + r.wk.Eng.Learner.Name
	}
	if room := w - ansi.StringWidth(title) - 2; room > 8 {
		title += "  " + e.st.muted.Render(truncate(name, room))
	}
	said := e.st.muted.Render(truncate(e.t("readback.unconfirmed"), w))
	if at := rb.heard.Confirmed; !at.IsZero() {
		said = e.st.okText.Render(truncate(e.tf("readback.confirmed", r.timeOfDay(at)), w))
	}
	top := []string{title, said, ""}
	top = append(top, strings.Split(wrapText(e.t("readback.intro"), w, ""), "\n")...)

	var body []string
	selFrom, selTo := 0, 0
	if len(rb.items) == 0 {
		body = append(body, "", e.st.muted.Render(truncate(e.t("readback.nothing"), w)))
	}
	for i, it := range rb.items {
		if it.Section != "" {
			body = append(body, "", e.st.paneTitleFocus.Render(truncate(it.Section, w)))
		}
		body = append(body, "")
		if i == rb.cursor {
			selFrom = len(body)
		}
		marker := "  "
		if i == rb.cursor {
			marker = e.st.accent.Render("▸ ")
		}
		for j, row := range wrapLines(shown(it.Head), textW) {
			prefix := "  "
			if j == 0 {
				prefix = marker
			}
			body = append(body, prefix+e.st.heading.Render(row))
		}
		if it.Facts != "" {
			body = append(body, "    "+e.st.muted.Render(truncate(it.Facts, w-4)))
		}
		for _, l := range it.Lines {
			body = append(body, strings.Split(wrapText(l, textW+4, "    "), "\n")...)
		}
		if i == rb.cursor {
			selTo = len(body) - 1
		}
	}
	h := max(r.h-len(top), 1)
	start := windowTop(len(body), selTo, h, 1)
	start = min(start, selFrom)
	if len(body) > h {
		body = body[start:min(start+h, len(body))]
	}
	return strings.Join(append(top, body...), "\n")
}

// timeOfDay is a time as the companion reads it: the hour today, the day
// and hour another day.
func (r *runner) timeOfDay(t time.Time) string {
	t = t.In(r.env.loc)
	if sameDay(t, r.env.now().In(r.env.loc)) {
		return t.Format("15:04")
	}
	return t.Format("2006-01-02 15:04")
}
