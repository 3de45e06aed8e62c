package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"bansou/model"
)

// engagementScreen shows one engagement and its sessions, and starts new
// ones.
type engagementScreen struct {
	env      *env
	k        engagementKeys
	pk       pickerKeys
	id       int64
	w, h     int
	eng      model.Engagement
	sessions []model.SessionSummary
	loaded   bool
	cursor   int
	picking  bool // choosing a flow for a new session
	pick     int
	err      string
}

type (
	engagementLoadedMsg struct {
		id       int64
		eng      model.Engagement
		sessions []model.SessionSummary
		err      error
	}
	sessionStartedMsg struct {
		engagementID int64
		session      model.Session
		err          error
	}
)

func newEngagementScreen(e *env, id int64) *engagementScreen {
	return &engagementScreen{env: e, k: newEngagementKeys(e), pk: newPickerKeys(e), id: id}
}

func (s *engagementScreen) init() tea.Cmd { return s.load() }

func (s *engagementScreen) load() tea.Cmd {
	store, id := s.env.store, s.id
	return func() tea.Msg {
		ctx, cancel := storeCtx()
		defer cancel()
		eng, err := store.Engagement(ctx, id)
		if err != nil {
			return engagementLoadedMsg{id: id, err: err}
		}
		sessions, err := store.Sessions(ctx, id)
		return engagementLoadedMsg{id, eng, sessions, err}
	}
}

func (s *engagementScreen) update(msg tea.Msg) (screen, tea.Cmd) {
	switch msg := msg.(type) {
	case sizeMsg:
		s.w, s.h = msg.w, msg.h
	case refreshMsg:
		return s, s.load()
	case engagementLoadedMsg:
		if msg.id != s.id {
			return s, nil
		}
		s.loaded = true
		if msg.err != nil {
			s.err = s.env.describeErr(msg.err)
			return s, nil
		}
		s.err = ""
		s.eng, s.sessions = msg.eng, msg.sessions
		s.cursor = max(0, min(s.cursor, len(s.sessions)-1))
	case sessionStartedMsg:
		if msg.engagementID != s.id {
			return s, nil
		}
		if msg.err != nil {
			return s, showError(s.env.describeErr(msg.err))
		}
		return s, pushScreen(newRunner(s.env, msg.session.ID))
	case archiveDoneMsg:
		if msg.id == s.id && msg.err == nil {
			return s, s.load()
		}
	case tea.KeyPressMsg:
		if s.picking {
			return s.pickKey(msg)
		}
		return s.handleKey(msg)
	}
	return s, nil
}

func (s *engagementScreen) handleKey(msg tea.KeyPressMsg) (screen, tea.Cmd) {
	k := s.k
	switch {
	case key.Matches(msg, k.back):
		return s, popScreen
	case !s.loaded || s.err != "":
		return s, nil
	case key.Matches(msg, k.up):
		s.cursor = max(0, s.cursor-1)
	case key.Matches(msg, k.down):
		s.cursor = min(len(s.sessions)-1, s.cursor+1)
	case key.Matches(msg, k.start):
		s.picking = true
		s.pick = s.defaultFlow()
	case key.Matches(msg, k.open):
		if sum, ok := s.selected(); ok {
			if sum.Status == model.Done {
				return s, pushScreen(newReview(s.env, sum.ID))
			}
			return s, pushScreen(newRunner(s.env, sum.ID))
		}
	case key.Matches(msg, k.review):
		if sum, ok := s.selected(); ok {
			return s, pushScreen(newReview(s.env, sum.ID))
		}
	case key.Matches(msg, k.edit):
		eng := s.eng
		return s, pushScreen(newEngagementForm(s.env, &eng))
	case key.Matches(msg, k.archive):
		return s, archiveCmd(s.env.store, s.id, !s.eng.Archived)
	}
	return s, nil
}

func (s *engagementScreen) pickKey(msg tea.KeyPressMsg) (screen, tea.Cmd) {
	flows := s.env.lib.Flows
	switch {
	case key.Matches(msg, s.pk.cancel):
		s.picking = false
	case key.Matches(msg, s.pk.up):
		s.pick = max(0, s.pick-1)
	case key.Matches(msg, s.pk.down):
		s.pick = min(len(flows)-1, s.pick+1)
	case key.Matches(msg, s.pk.choose):
		s.picking = false
		if len(flows) == 0 {
			return s, nil
		}
		flow := flows[s.pick]
		sess := model.NewSession(flow, s.id, s.env.lang, s.env.now())
		store, id := s.env.store, s.id
		return s, func() tea.Msg {
			ctx, cancel := storeCtx()
			defer cancel()
			started, err := store.StartSession(ctx, sess)
			return sessionStartedMsg{id, started, err}
		}
	}
	return s, nil
}

// defaultFlow picks the first flow for the engagement's current phase.
func (s *engagementScreen) defaultFlow() int {
	phase := s.eng.PhaseOn(model.DateOf(s.env.now()))
	for i, f := range s.env.lib.Flows {
		if f.Phase == phase {
			return i
		}
	}
	return 0
}

func (s *engagementScreen) selected() (model.SessionSummary, bool) {
	if s.cursor < 0 || s.cursor >= len(s.sessions) {
		return model.SessionSummary{}, false
	}
	return s.sessions[s.cursor], true
}

func (s *engagementScreen) view() string {
	e := s.env
	if s.err != "" {
		return e.st.errText.Render(s.err)
	}
	if !s.loaded {
		return e.st.muted.Render(e.t("common.loading"))
	}
	eng := s.eng
	today := model.DateOf(e.now())
	width := max(s.w, 20)
	trunc := func(str string) string { return ansi.Truncate(model.TermSafe(str), width, "…") }
	lines := []string{
		e.st.title.Render(trunc(eng.Learner.Name)),
		trunc(fmt.Sprintf("%s → %s · %s – %s · %s", eng.SendingOrg, eng.HostOrg, eng.Start, eng.End, e.phaseName(eng.PhaseOn(today)))),
	}
	if len(eng.Companions) > 0 {
		var cs []string
		for _, c := range eng.Companions {
			cs = append(cs, fmt.Sprintf("%s (%s)", c.Name, e.companionType(c.Type)))
		}
		lines = append(lines, trunc(e.t("engagement.companions")+": "+strings.Join(cs, ", ")))
	}
	if eng.Archived {
		lines = append(lines, e.st.warnText.Render(e.t("engagement.archived")))
	}
	lines = append(lines, "")
	if s.picking {
		return strings.Join(append(lines, s.pickerLines()...), "\n")
	}
	lines = append(lines, e.st.heading.Render(e.t("engagement.sessions")))
	if len(s.sessions) == 0 {
		lines = append(lines, e.st.muted.Render(e.t("engagement.noSessions")))
		return strings.Join(lines, "\n")
	}
	sel := 0
	for i, sum := range s.sessions {
		if i == s.cursor {
			sel = len(lines)
		}
		lines = append(lines, s.sessionLine(sum, i == s.cursor, width))
	}
	return strings.Join(window(lines, sel, s.h, 1), "\n")
}

func (s *engagementScreen) sessionLine(sum model.SessionSummary, selected bool, width int) string {
	e := s.env
	status := e.t("status.done")
	if sum.Status != model.Done {
		status = e.t("status.inProgress")
		if sum.CurrentTitle != "" {
			status += " · " + sum.CurrentTitle
		}
	}
	text := fmt.Sprintf("%s  %s  %s  %s", sum.StartedAt.In(e.loc).Format("2006-01-02"), sum.FlowTitle,
		e.tf("engagement.answered", sum.Answered, sum.Total), status)
	text = ansi.Truncate(model.TermSafe(text), width-2, "…")
	if selected {
		return e.st.selected.Render("▸ " + text)
	}
	return "  " + text
}

func (s *engagementScreen) pickerLines() []string {
	e := s.env
	lines := []string{e.st.heading.Render(e.t("engagement.chooseFlow")), ""}
	for i, f := range e.lib.Flows {
		text := fmt.Sprintf("%s  (%s · %s)", f.Title.In(e.lang), e.phaseName(f.Phase), e.tf("engagement.promptCount", len(f.Prompts)))
		if i == s.pick {
			lines = append(lines, e.st.selected.Render("▸ "+text))
			if sum := f.Summary.In(e.lang); sum != "" {
				lines = append(lines, e.st.muted.Render(wrapText(sum, max(s.w-4, 20), "    ")))
			}
		} else {
			lines = append(lines, "  "+text)
		}
	}
	return lines
}

func (s *engagementScreen) caret() *tea.Cursor { return nil }
func (s *engagementScreen) typing() bool       { return false }

func (s *engagementScreen) keys() help.KeyMap {
	if s.picking {
		pk := s.pk
		return keyList{short: []key.Binding{pk.up, pk.down, pk.choose, pk.cancel},
			full: [][]key.Binding{{pk.up, pk.down, pk.choose, pk.cancel}}}
	}
	k := s.k
	has := len(s.sessions) > 0
	k.up.SetEnabled(has)
	k.down.SetEnabled(has)
	k.open.SetEnabled(has)
	k.review.SetEnabled(has)
	return keyList{
		short: []key.Binding{k.start, k.open, k.review, k.edit, k.back},
		full:  [][]key.Binding{{k.up, k.down, k.open, k.review}, {k.start, k.edit, k.archive, k.back}},
	}
}
