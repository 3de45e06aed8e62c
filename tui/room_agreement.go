package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"bansou/model"
	"bansou/tui/editor"
)

// A party's screen in an agreement's room: one topic at a time, the
// party's own expectation and fit, the other parties' once revealed, the
// agreed text as the companion writes it, and who confirmed it.

// topicID is the topic shown.
func (s *roomScreen) topicID() string {
	if s.topic < 0 || s.topic >= len(s.room.Topics) {
		return ""
	}
	return s.room.Topics[s.topic]
}

// partyTyped is a party's view of a topic and the words it suggests for
// the agreed text, as typed and not saved yet.
type partyTyped struct {
	view    model.PartyView
	wording string
}

// The fields of a party's screen, in the order tab goes through them.
const (
	fieldExpectation = iota
	fieldFit
	fieldWording
)

// focusField gives the keys to one field.
func (s *roomScreen) focusField(f int) {
	s.onFit, s.onWording = f == fieldFit, f == fieldWording
	s.input.Blur()
	s.wording.Blur()
	switch f {
	case fieldExpectation:
		s.input.Focus()
	case fieldWording:
		s.wording.Focus()
	}
}

// field is the field that has the keys.
func (s *roomScreen) field() int {
	switch {
	case s.onFit:
		return fieldFit
	case s.onWording:
		return fieldWording
	}
	return fieldExpectation
}

// showTopic puts the party's view of the topic in the fields: as typed
// and not saved yet, else as saved.
func (s *roomScreen) showTopic() {
	topic := s.topicID()
	p, typed := s.pending[topic]
	if !typed {
		for _, en := range s.room.Entries {
			if en.Topic == topic && en.Party == s.room.Me.Party && en.Mine {
				p = partyTyped{view: en.View, wording: en.Wording}
			}
		}
	}
	s.input.SetValue(p.view.Expectation)
	s.wording.SetValue(p.wording)
	s.fit = p.view.Fit
}

// typedNow is the party's view of the topic shown, as the fields stand.
func (s *roomScreen) typedNow() partyTyped {
	return partyTyped{view: model.PartyView{Expectation: s.input.Value(), Fit: s.fit}, wording: s.wording.Value()}
}

// saveView saves one topic typed and not saved yet (the topic shown
// first); the next goes when it is back (saved).
func (s *roomScreen) saveView() tea.Cmd {
	if s.saving || len(s.pending) == 0 || s.room.Me.Party == "" {
		return nil
	}
	topic := s.topicID()
	if _, ok := s.pending[topic]; !ok {
		for t := range s.pending {
			topic = t
			break
		}
	}
	p := s.pending[topic]
	delete(s.pending, topic)
	s.saving = true
	rooms, ok := s.rooms()
	id := s.id
	return func() tea.Msg {
		if !ok {
			return roomSavedMsg{id: id, err: model.ErrNotAllowed, view: true}
		}
		ctx, cancel := storeCtx()
		defer cancel()
		v := p.view
		v.Expectation = strings.TrimSpace(v.Expectation)
		err := rooms.SetPartyView(ctx, id, topic, v)
		if err == nil {
			err = rooms.SuggestWording(ctx, id, topic, p.wording)
		}
		return roomSavedMsg{id: id, err: err, view: true, topic: topic, pv: p}
	}
}

// typedView takes a key or a paste into the expectation or the words.
func (s *roomScreen) typedView(msg tea.Msg) tea.Cmd {
	ed := &s.input
	if s.onWording {
		ed = &s.wording
	}
	before := ed.Value()
	*ed, _ = ed.Update(msg)
	if ed.Value() == before {
		return nil
	}
	s.pending[s.topicID()] = s.typedNow()
	return s.soon()
}

func (s *roomScreen) agreementKey(msg tea.KeyPressMsg) tea.Cmd {
	k := s.k
	if s.room.Me.Party == "" && !key.Matches(msg, k.nextTopic, k.prevTopic) {
		return showStatus(s.env.t("room.noParty"))
	}
	switch {
	case key.Matches(msg, k.nextTopic), key.Matches(msg, k.prevTopic):
		d := 1
		if key.Matches(msg, k.prevTopic) {
			d = -1
		}
		save := s.saveView()
		s.topic = max(min(s.topic+d, len(s.room.Topics)-1), 0)
		s.showTopic()
		return save
	case key.Matches(msg, k.toFit):
		s.focusField((s.field() + 1) % 3)
		return s.saveView()
	case key.Matches(msg, k.prevKind):
		s.focusField((s.field() + 2) % 3)
		return s.saveView()
	case key.Matches(msg, k.confirm):
		// The words are shown whole first: a party confirms what it read.
		agreed := strings.TrimSpace(s.room.Agreed[s.topicID()])
		if agreed == "" {
			return showStatus(s.env.describeErr(model.ErrNothingAgreed))
		}
		s.confirming = agreed
		return s.saveView()
	case s.onFit:
		n := fitKey(msg)
		switch {
		case n >= 0:
			s.fit = n
		case key.Matches(msg, selectorKeys.next):
			s.fit = min(s.fit+1, 5)
		case key.Matches(msg, selectorKeys.prev):
			s.fit = max(s.fit-1, 0)
		case msg.Text != "":
			// Words typed on the fit go to the expectation, not nowhere.
			s.focusField(fieldExpectation)
			return s.typedView(msg)
		default:
			return nil
		}
		s.pending[s.topicID()] = s.typedNow()
		return s.saveView()
	}
	return s.typedView(msg)
}

// fitKey reads a digit 0–5 pressed for the fit, or -1.
func fitKey(msg tea.KeyPressMsg) int {
	if len(msg.Text) == 1 && msg.Text[0] >= '0' && msg.Text[0] <= '5' {
		return int(msg.Text[0] - '0')
	}
	return -1
}

func (s *roomScreen) agreementView() string {
	e := s.env
	w := max(s.w, 20)
	r := s.room
	lang := e.lang
	party := e.t("room.noPartyShort")
	if r.Me.Party != "" {
		party = model.PartyLabel(r.Me.Party, lang)
	}
	lines := []string{clip(e.st.title.Render(shownLine(r.Title))+"  "+e.st.muted.Render(e.tf("room.learner", shownLine(r.Learner))), w),
		clip(e.st.accent.Render(e.tf("room.asParty", party, shownLine(r.Me.Name))), w)}
	if len(r.Topics) == 0 {
		return strings.Join(append(lines, e.st.muted.Render(e.t("room.noTopics"))), "\n")
	}
	topic := s.topicID()
	lines = append(lines, e.st.heading.Render(truncate(fmt.Sprintf("%s %d/%d  %s", e.t("room.topic"), s.topic+1, len(r.Topics),
		shownLine(r.Titles[topic])), w)))
	lines = append(lines, e.st.hintLabel.Render(truncate(e.tf("room.yourExpectation", party), w)))
	s.expRow = len(lines)
	lines = append(lines, strings.Split(s.input.View(), "\n")...)
	fit := e.t("room.fitNone")
	if s.fit > 0 {
		fit = strings.Repeat("●", s.fit) + strings.Repeat("○", 5-s.fit) + fmt.Sprintf(" %d/5", s.fit)
	}
	fitLine := truncate(e.tf("room.fit", fit), w)
	if s.onFit {
		fitLine = e.st.selected.Render(fitLine)
	}
	lines = append(lines, fitLine)
	lines = append(lines, e.st.hintLabel.Render(truncate(e.t("room.yourWording"), w)))
	s.wordRow = len(lines)
	lines = append(lines, strings.Split(s.wording.View(), "\n")...)
	lines = append(lines, "")
	lines = append(lines, s.othersLines(topic, w)...)
	lines = append(lines, "", e.st.hintLabel.Render(e.t("agreement.agreed")))
	if agreed := strings.TrimSpace(r.Agreed[topic]); agreed != "" {
		for _, row := range editor.Wrap(shown(agreed), max(w-2, 10)) {
			lines = append(lines, "  "+row)
		}
	} else {
		lines = append(lines, e.st.muted.Render("  "+e.t("room.noAgreedYet")))
	}
	lines = append(lines, confirmLines(e, r, topic, w)...)
	if len(lines) > s.h && s.h > 0 {
		lines = lines[:s.h]
	}
	return strings.Join(lines, "\n")
}

// othersLines are the other parties' views: whether they wrote, until the
// companion reveals them; then each view, and the gaps.
func (s *roomScreen) othersLines(topic string, w int) []string {
	e := s.env
	r := s.room
	var out []string
	if !r.Revealed {
		var parts []string
		for _, p := range model.Parties {
			if p == r.Me.Party {
				continue
			}
			state := e.t("room.notWritten")
			if en, ok := r.Entry(topic, p); ok && en.Written {
				state = e.t("room.written")
			}
			parts = append(parts, model.PartyLabel(p, e.lang)+" "+state)
		}
		out = append(out, e.st.muted.Render(truncate(e.t("room.hiddenUntilReveal")+"  "+strings.Join(parts, " / "), w)))
		return out
	}
	it := model.AgreementItem{Topic: topic}
	for _, p := range model.Parties {
		en, _ := r.Entry(topic, p)
		it.SetView(p, en.View)
		fit := "—"
		if en.View.Fit > 0 {
			fit = fmt.Sprintf("%d/5", en.View.Fit)
		}
		text := oneLine(shownLine(en.View.Expectation))
		if text == "" {
			text = e.t("room.notWritten")
		}
		out = append(out, truncate(fmt.Sprintf("%s（%s）: %s", model.PartyLabel(p, e.lang), fit, text), w))
		if words := oneLine(shownLine(en.Wording)); words != "" {
			out = append(out, e.st.muted.Render(truncate("  "+e.tf("room.suggests", words), w)))
		}
	}
	if it.HasGap() {
		out = append(out, e.st.warnText.Render(truncate(gapText(e, it), w)))
	}
	return out
}

// confirmLines say which parties confirmed the agreed text as it stands,
// who and when.
// On a narrow screen each party goes on a row of its own.
func confirmLines(e *env, r model.Room, topic string, w int) []string {
	var parts []string
	for _, p := range model.Parties {
		state := "—"
		if c, ok := r.Confirmed(topic, p); ok {
			state = "✓ " + personName(e, c.Name, c.Guest) + " " + c.ConfirmedAt.In(e.loc).Format("15:04")
		}
		parts = append(parts, model.PartyLabel(p, e.lang)+" "+state)
	}
	label := e.t("room.confirmed") + " "
	if line := label + strings.Join(parts, " · "); lipgloss.Width(line) <= w {
		return []string{line}
	}
	out := []string{truncate(label+parts[0], w)}
	pad := strings.Repeat(" ", lipgloss.Width(label))
	for _, p := range parts[1:] {
		out = append(out, truncate(pad+p, w))
	}
	return out
}

// confirmKey takes the key pressed while the agreed text is shown whole:
// y confirms those very words, any other key goes back.
func (s *roomScreen) confirmKey(msg tea.KeyPressMsg) tea.Cmd {
	agreed, topic := s.confirming, s.topicID()
	s.confirming = ""
	if !key.Matches(msg, s.k.yes) {
		return showStatus(s.env.t("room.notConfirmed"))
	}
	return s.write(func(r model.Rooms) error {
		ctx, cancel := storeCtx()
		defer cancel()
		return r.Confirm(ctx, s.id, topic, agreed)
	}, s.env.t("room.confirmation"))
}

// confirmView shows the agreed text whole, to be confirmed with y.
func (s *roomScreen) confirmView() string {
	e := s.env
	w := max(s.w, 20)
	lines := []string{e.st.title.Render(truncate(e.tf("room.confirmTitle", shownLine(s.room.Titles[s.topicID()])), w)), ""}
	for _, row := range editor.Wrap(shown(s.confirming), max(w-2, 10)) {
		lines = append(lines, "  "+row)
	}
	lines = append(lines, "", e.st.accent.Render(truncate(e.t("room.confirmAsk"), w)))
	return strings.Join(lines, "\n")
}
