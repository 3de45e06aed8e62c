package tui

import (
	"slices"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"bansou/model"
	"bansou/tui/editor"
)

// roundsScreen is the facilitator's page: every peer round, newest first,
// with who presented and what each participant took away, and the way into
// a new round.
type roundsScreen struct {
	env  *env
	k    roundsKeys
	w, h int

	rounds []model.RoundEntry // oldest first
	loaded bool
	err    string
	cursor int // among the rounds, newest first
	// removing is the round asked about after x, until the next key
	// (0: none).
	removing int64
}

type roundsLoadedMsg struct {
	rounds []model.RoundEntry
	err    error
}

// roundRemovedMsg reports the removal of a round, named as it was asked.
type roundRemovedMsg struct {
	name string
	err  error
}

func newRoundsScreen(e *env) *roundsScreen {
	return &roundsScreen{env: e, k: newRoundsKeys(e)}
}

func (s *roundsScreen) init() tea.Cmd { return loadRounds(s.env.store) }

func loadRounds(store model.Store) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := storeCtx()
		defer cancel()
		rounds, err := store.Rounds(ctx)
		return roundsLoadedMsg{rounds, err}
	}
}

// newestFirst returns the round at position i of the list (newest first).
func (s *roundsScreen) at(i int) (model.RoundEntry, bool) {
	if i < 0 || i >= len(s.rounds) {
		return model.RoundEntry{}, false
	}
	return s.rounds[len(s.rounds)-1-i], true
}

func (s *roundsScreen) update(msg tea.Msg) (screen, tea.Cmd) {
	switch msg := msg.(type) {
	case sizeMsg:
		s.w, s.h = msg.w, msg.h
	case refreshMsg:
		return s, loadRounds(s.env.store)
	case roundsLoadedMsg:
		s.loaded = true
		if msg.err != nil {
			s.err = s.env.describeErr(msg.err)
			return s, nil
		}
		s.err = ""
		s.rounds = msg.rounds
		s.cursor = max(min(s.cursor, len(s.rounds)-1), 0)
	case roundRemovedMsg:
		if msg.err != nil {
			return s, tea.Batch(showError(s.env.describeErr(msg.err)), loadRounds(s.env.store))
		}
		return s, tea.Batch(showStatus(s.env.tf("round.removed", msg.name)), loadRounds(s.env.store))
	case tea.KeyPressMsg:
		return s.handleKey(msg)
	}
	return s, nil
}

func (s *roundsScreen) handleKey(msg tea.KeyPressMsg) (screen, tea.Cmd) {
	k := s.k
	if s.removing != 0 {
		return s, s.answerRemove(msg)
	}
	switch {
	case key.Matches(msg, k.up):
		s.cursor = max(s.cursor-1, 0)
	case key.Matches(msg, k.down):
		s.cursor = max(min(s.cursor+1, len(s.rounds)-1), 0)
	case key.Matches(msg, k.add):
		if s.env.lib.Rounds.DefaultFormat() == nil {
			return s, showError(s.env.t("round.noContent"))
		}
		if s.loaded && s.err == "" {
			return s, pushScreen(newRoundSetup(s.env, s.rounds))
		}
	case key.Matches(msg, k.open):
		if r, ok := s.at(s.cursor); ok {
			if r.Session.Status == model.Done {
				return s, pushScreen(newReview(s.env, r.Session.ID))
			}
			return s, pushScreen(newRunner(s.env, r.Session.ID))
		}
	case key.Matches(msg, k.remove):
		if r, ok := s.at(s.cursor); ok {
			s.removing = r.Session.ID
		}
	case key.Matches(msg, k.back):
		return s, popScreen
	}
	return s, nil
}

// answerRemove takes the key after x: y removes the round asked about (the
// store says if it cannot: open in another window, say); any other key
// keeps it.
func (s *roundsScreen) answerRemove(msg tea.KeyPressMsg) tea.Cmd {
	id := s.removing
	s.removing = 0
	r, ok := s.at(s.cursor)
	if !key.Matches(msg, s.k.confirm) || !ok || r.Session.ID != id {
		return nil
	}
	store, name := s.env.store, s.roundName(r)
	return func() tea.Msg {
		ctx, cancel := storeCtx()
		defer cancel()
		return roundRemovedMsg{name, store.DeleteRound(ctx, id)}
	}
}

// roundName names a round as the facilitator knows it: the day, the
// format and who presented.
func (s *roundsScreen) roundName(r model.RoundEntry) string {
	presenter := r.Round.Presenter
	if presenter == "" {
		presenter = "—"
	}
	return s.env.tf("round.named", r.Session.StartedAt.In(s.env.loc).Format("2006-01-02"),
		shownLine(r.Session.FlowTitle), shownLine(presenter))
}

func (s *roundsScreen) view() string {
	e := s.env
	lines := []string{e.st.title.Render(e.t("round.pageTitle"))}
	switch {
	case !s.loaded:
		return e.st.muted.Render(e.t("common.loading"))
	case s.err != "":
		return strings.Join(append(lines, "", e.st.errText.Render(s.err)), "\n")
	}
	if next := s.nextPresenter(); next != "" {
		lines = append(lines, e.st.muted.Render(ansi.Truncate(e.tf("round.nextPresenter", shownLine(next)), s.w, "…")))
	}
	lines = append(lines, "")
	if len(s.rounds) == 0 {
		lines = append(lines, editor.Wrap(e.t("round.empty"), max(s.w-2, 10))...)
		return strings.Join(lines, "\n")
	}
	detail := s.detailLines()
	if r, ok := s.at(s.cursor); ok && s.removing == r.Session.ID {
		// The question comes first, where the eye is, above the details.
		var ask []string
		for _, row := range editor.Wrap(e.tf("round.confirmRemove", s.roundName(r)), max(s.w-2, 10)) {
			ask = append(ask, e.st.errText.Render(row))
		}
		detail = append(ask, detail...)
	}
	listH := max(s.h-len(lines)-len(detail)-1, 3)
	var list []string
	for i := range s.rounds {
		r, _ := s.at(i)
		list = append(list, s.row(r, i == s.cursor))
	}
	lines = append(lines, window(list, s.cursor, listH, 1)...)
	lines = append(lines, "")
	lines = append(lines, detail...)
	if len(lines) > s.h && s.h > 0 {
		lines = lines[:s.h]
	}
	return strings.Join(lines, "\n")
}

// row is one round in the list: date, format, presenter, status.
func (s *roundsScreen) row(r model.RoundEntry, selected bool) string {
	e := s.env
	status := e.t("round.statusOpen")
	if r.Session.Status == model.Done {
		status = e.t("round.statusDone")
	}
	presenter := r.Round.Presenter
	if presenter == "" {
		presenter = "—"
	}
	text := r.Session.StartedAt.In(e.loc).Format("2006-01-02") + "  " + shownLine(r.Session.FlowTitle) +
		"  " + e.tf("round.presentedBy", shownLine(presenter)) + "  " + status
	text = ansi.Truncate(text, max(s.w-2, 4), "…")
	if selected {
		return e.st.selected.Render("▸ " + text)
	}
	return "  " + text
}

// detailLines describe the selected round: who took part in which role,
// the presenter's question and the next actions.
func (s *roundsScreen) detailLines() []string {
	e := s.env
	r, ok := s.at(s.cursor)
	if !ok {
		return nil
	}
	lang := r.Session.Lang
	var f *model.RoundFormat
	if e.lib.Rounds != nil {
		f, _ = e.lib.Rounds.Format(r.Round.Format)
	}
	w := max(s.w-2, 10)
	var out []string
	var people []string
	for _, p := range r.Round.Participants {
		name := shownLine(p.Name)
		if roles := r.Round.RoleNames(p.Name, f, lang); len(roles) > 0 {
			name += "（" + strings.Join(roles, "・") + "）"
		}
		people = append(people, name)
	}
	add := func(label, text string) {
		if strings.TrimSpace(text) == "" {
			return
		}
		rows := editor.Wrap(shown(text), max(w-ansi.StringWidth(label)-1, 10))
		for i, row := range rows {
			if i == 2 {
				break
			}
			prefix := strings.Repeat(" ", ansi.StringWidth(label)+1)
			if i == 0 {
				prefix = e.st.hintLabel.Render(label) + " "
			}
			out = append(out, prefix+row)
		}
	}
	add(e.t("round.peopleLabel"), strings.Join(people, "、"))
	for _, st := range r.Session.Steps {
		if st.PromptID == model.KeyQuestionPromptID {
			add(e.t("round.questionLabel"), st.Answer)
		}
	}
	next := r.Round.NextActions(r.Session)
	if len(next) > 0 {
		var texts []string
		for _, a := range next {
			texts = append(texts, a.Name+": "+a.Action)
		}
		add(e.tf("round.actionsLabel", len(next)), strings.Join(texts, " / "))
	}
	return out
}

// nextPresenter is who the rotation suggests for the next round among the
// last round's participants.
func (s *roundsScreen) nextPresenter() string {
	last, _ := lastRound(s.rounds)
	return model.SuggestPresenter(last.Round.Participants, last.Round.Facilitator, s.rounds)
}

func (s *roundsScreen) caret() *tea.Cursor { return nil }
func (s *roundsScreen) typing() bool       { return false }

func (s *roundsScreen) keys() help.KeyMap {
	k := s.k
	if s.removing != 0 {
		return keyList{short: []key.Binding{k.confirm}, full: [][]key.Binding{{k.confirm}}}
	}
	k.open.SetEnabled(len(s.rounds) > 0)
	k.remove.SetEnabled(len(s.rounds) > 0)
	return keyList{
		short: []key.Binding{k.up, k.down, k.open, k.add, k.remove, k.back},
		full:  [][]key.Binding{{k.up, k.down, k.open}, {k.add, k.remove, k.back}},
	}
}

// lastRound returns the most recent round, if any.
func lastRound(rounds []model.RoundEntry) (model.RoundEntry, bool) {
	if len(rounds) == 0 {
		return model.RoundEntry{}, false
	}
	return slices.MaxFunc(rounds, model.CompareRounds), true
}
