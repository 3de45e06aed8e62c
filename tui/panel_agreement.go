package tui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"bansou/model"
	"bansou/tui/editor"
)

// agreementPanel is one topic of the three-party agreement: each party's
// expectation and fit (1–5), and the agreed text. In a revisit it starts
// from what was agreed and shows what changed since.
type agreementPanel struct {
	h      *stepHandle
	item   model.AgreementItem
	base   model.AgreementItem // as agreed before this session
	hasBas bool
	fs     *fieldset
	active bool
}

func fitOptions() []string { return []string{"1", "2", "3", "4", "5"} }

func newAgreementPanel(h *stepHandle, st model.Step, _ model.Prompt) *agreementPanel {
	p := &agreementPanel{h: h}
	p.item, p.base, p.hasBas = h.wk.Ledger.AgreementDraft(h.wk.Sess, st.PromptID, st.Title)
	e := h.env
	p.fs = newFieldset(&e.st)
	for _, party := range model.Parties {
		v := p.item.View(party)
		name := model.PartyLabel(party, e.lang)
		p.fs.addText(string(party)+".exp", e.tf("agreement.expectation", name), v.Expectation, "", 2)
		p.fs.addSelect(string(party)+".fit", e.tf("agreement.fit", name), fitOptions(), v.Fit-1)
	}
	p.fs.addText("agreed", e.t("agreement.agreed"), p.item.Agreed, e.t("agreement.agreedPlaceholder"), 3)
	p.fs.blur()
	return p
}

func (p *agreementPanel) label() string { return p.h.env.t("agreement.label") }

func (p *agreementPanel) enter(dir int) {
	p.active = true
	if dir < 0 {
		p.fs.setFocus(len(p.fs.fields) - 1)
	} else {
		p.fs.setFocus(0)
	}
}

func (p *agreementPanel) leave()          { p.active = false; p.fs.blur() }
func (p *agreementPanel) move(d int) bool { return p.fs.move(d) }
func (p *agreementPanel) typing() bool    { return p.fs.typing() }
func (p *agreementPanel) holdsEsc() bool  { return false }

func (p *agreementPanel) spot() (string, string, *editor.Model) {
	field, ed := p.fs.spot()
	return "", field, ed
}

func (p *agreementPanel) goTo(_, field string) *editor.Model { return p.fs.goTo(field) }

func (p *agreementPanel) handle(msg tea.Msg) bool {
	if !pickByNumber(p.fs, msg) && !p.fs.update(msg) {
		return false
	}
	p.h.wk.PutAgreement(p.current())
	return true
}

// current is the topic as the fields stand.
func (p *agreementPanel) current() model.AgreementItem {
	it := p.item
	for _, party := range model.Parties {
		it.SetView(party, model.PartyView{
			Expectation: p.fs.get(string(party) + ".exp").value(),
			Fit:         p.fs.get(string(party)+".fit").sel + 1,
		})
	}
	it.Agreed = p.fs.get("agreed").value()
	return it
}

func (p *agreementPanel) view(w, h int, focused bool) ([]string, int, int) {
	e := p.h.env
	p.fs.setWidth(w)
	lines, row, col := p.fs.render(focused)
	if focused && row < 0 {
		row = p.focusLine()
	}
	cur := p.current()
	if cur.HasGap() {
		lines = append(lines, e.st.warnText.Render(truncate(p.gapText(cur), w)))
	}
	if p.hasBas {
		if ch := cur.Changes(p.base); len(ch) > 0 {
			lines = append(lines, e.st.accent.Render(truncate(e.tf("agreement.changed", model.ChangeWords(ch, e.lang)), w)))
		} else {
			lines = append(lines, e.st.muted.Render(truncate(e.t("agreement.unchanged"), w)))
		}
		if strings.TrimSpace(p.base.Agreed) != "" {
			lines = append(lines, e.st.muted.Render(truncate(e.tf("agreement.wasAgreed", p.base.Agreed), w)))
		}
	}
	return lines, row, col
}

// focusLine is the line of the focused field, to keep it in view.
func (p *agreementPanel) focusLine() int {
	return p.fs.focusLine()
}

func (p *agreementPanel) gapText(it model.AgreementItem) string { return gapText(p.h.env, it) }

// gapText says why an agreement topic needs talking about, in the words
// the documents use (model.AgreementItem.GapNote).
func gapText(e *env, it model.AgreementItem) string { return it.GapNote(e.lang) }

func (p *agreementPanel) keys() []key.Binding {
	if p.fs.typing() {
		return nil
	}
	return []key.Binding{p.h.env.ak.score}
}
