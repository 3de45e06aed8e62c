package tui

import (
	"fmt"
	"slices"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"bansou/model"
	"bansou/tui/editor"
	"bansou/work"
)

// engagementScreen shows one engagement: balance warnings, then in tabs its
// sessions, its worries and actions with their history, and the three-party
// agreement side by side. It starts new sessions.
type engagementScreen struct {
	env      *env
	k        engagementKeys
	pk       pickerKeys
	id       int64
	w, h     int
	eng      model.Engagement
	sessions []model.SessionSummary
	ledger   model.Ledger
	members  []model.Member // on a server: who works on the engagement
	loadState
	tab     engagementTab
	cursor  [tabCount]int
	picking bool             // choosing a flow for a new session
	picks   []*model.Flow    // the flows as the chooser lists them
	suggest model.Suggestion // the one it offers first
	pick    int
	held    int64  // a session just started here, to select when the timeline is read again
	fw      follow // reading again after others' changes
}

type engagementTab int

const (
	tabSessions engagementTab = iota
	tabAnxieties
	tabActions
	tabAgreement
	tabCount
)

type (
	engagementLoadedMsg struct {
		id       int64
		eng      model.Engagement
		sessions []model.SessionSummary
		ledger   model.Ledger
		members  []model.Member // on a server: who works on it
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
	store, id, served := s.env.store, s.id, s.env.me != 0
	return func() tea.Msg {
		ctx, cancel := storeCtx()
		defer cancel()
		r, err := work.ReadEngagement(ctx, store, id, served)
		return engagementLoadedMsg{id: id, eng: r.Engagement, sessions: r.Sessions, ledger: r.Ledger, members: r.Members, err: err}
	}
}

func (s *engagementScreen) update(msg tea.Msg) (screen, tea.Cmd) {
	switch msg := msg.(type) {
	case sizeMsg:
		s.w, s.h = msg.w, msg.h
	case refreshMsg:
		return s, s.load()
	case storeChangedMsg:
		if msg.concerns(s.id, 0) {
			return s, s.fw.reload(s.load())
		}
	case reloadedMsg:
		if msg.by == &s.fw {
			return s, s.reloaded(msg)
		}
	case engagementLoadedMsg:
		if !s.arrived(s.env, msg.id == s.id, msg.err) {
			return s, nil
		}
		was := s.rowKey(tabSessions, s.cursor[tabSessions])
		s.eng, s.sessions, s.ledger, s.members = msg.eng, msg.sessions, msg.ledger, msg.members
		// The timeline runs latest first and starts there (row 0); read
		// again, it stays on the session it was on, or goes to the one
		// just started here.
		if s.held != 0 {
			was, s.held = fmt.Sprint(s.held), 0
		}
		for i := range s.rows(tabSessions) {
			if s.rowKey(tabSessions, i) == was {
				s.cursor[tabSessions] = i
			}
		}
		s.clampCursors()
	case sessionStartedMsg:
		if msg.engagementID != s.id {
			return s, nil
		}
		if msg.err != nil {
			return s, showError(s.env.describeErr(msg.err))
		}
		s.held = msg.session.ID
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

// reloaded takes the engagement read again after another's change,
// keeping each tab's cursor on the row it was on while it is still there.
func (s *engagementScreen) reloaded(msg reloadedMsg) tea.Cmd {
	var was [tabCount]string
	for t := range tabCount {
		was[t] = s.rowKey(t, s.cursor[t])
	}
	cmd := s.fw.back(msg, func(m tea.Msg) tea.Cmd { _, c := s.update(m); return c },
		func() []tea.Cmd { return []tea.Cmd{s.load()} })
	for t := range tabCount {
		for i := range s.rows(t) {
			if was[t] != "" && s.rowKey(t, i) == was[t] {
				s.cursor[t] = i
				break
			}
		}
	}
	return cmd
}

// rowKey names row i of a tab: a session, a worry, an action, a topic.
func (s *engagementScreen) rowKey(t engagementTab, i int) string {
	if i < 0 || i >= s.rows(t) {
		return ""
	}
	switch t {
	case tabAnxieties:
		return s.ledger.Anxieties[i].ID
	case tabActions:
		return s.ledger.Actions[i].ID
	case tabAgreement:
		return s.ledger.Current()[i].Topic
	}
	return fmt.Sprint(s.timeline(i).ID)
}

// timeline is the session on row i of the timeline, which runs latest
// first (the store gives them oldest first).
func (s *engagementScreen) timeline(i int) model.SessionSummary {
	return s.sessions[len(s.sessions)-1-i]
}

// rows is the number of selectable rows of a tab.
func (s *engagementScreen) rows(t engagementTab) int {
	switch t {
	case tabAnxieties:
		return len(s.ledger.Anxieties)
	case tabActions:
		return len(s.ledger.Actions)
	case tabAgreement:
		return len(s.ledger.Current())
	}
	return len(s.sessions)
}

func (s *engagementScreen) clampCursors() {
	for t := range tabCount {
		s.cursor[t] = max(0, min(s.cursor[t], s.rows(t)-1))
	}
}

func (s *engagementScreen) handleKey(msg tea.KeyPressMsg) (screen, tea.Cmd) {
	k := s.k
	switch {
	case key.Matches(msg, k.back):
		return s, popScreen
	case !s.loaded || s.err != "":
		return s, nil
	case key.Matches(msg, k.nextTab):
		s.tab = (s.tab + 1) % tabCount
	case key.Matches(msg, k.prevTab):
		s.tab = (s.tab + tabCount - 1) % tabCount
	case key.Matches(msg, k.tabNumber):
		for i, b := range k.tabs {
			if key.Matches(msg, b) {
				s.tab = engagementTab(i)
			}
		}
	case key.Matches(msg, k.up):
		s.cursor[s.tab] = max(0, s.cursor[s.tab]-1)
	case key.Matches(msg, k.down):
		s.cursor[s.tab] = min(s.rows(s.tab)-1, s.cursor[s.tab]+1)
	case key.Matches(msg, k.start):
		s.openPicker()
	case key.Matches(msg, k.open) && s.tab == tabSessions:
		if sum, ok := s.selected(); ok {
			if sum.Status == model.Done {
				return s, pushScreen(newReview(s.env, sum.ID))
			}
			if s.env.others(sum) {
				// Another member's conversation: theirs to go on with,
				// everyone's to read (without their private records).
				return s, tea.Batch(pushScreen(newReview(s.env, sum.ID)),
					showStatus(s.env.tf("engagement.othersSession", model.TermSafeLine(sum.Holder))))
			}
			return s, pushScreen(newRunner(s.env, sum.ID))
		}
	case key.Matches(msg, k.review) && s.tab == tabSessions:
		if sum, ok := s.selected(); ok {
			return s, pushScreen(newReview(s.env, sum.ID))
		}
	case key.Matches(msg, k.compare):
		return s, pushScreen(newCompare(s.env, s.id))
	case key.Matches(msg, k.edit):
		eng := s.eng
		return s, pushScreen(newEngagementForm(s.env, &eng))
	case key.Matches(msg, k.archive):
		return s, archiveCmd(s.env.store, s.id, !s.eng.Archived)
	}
	return s, nil
}

func (s *engagementScreen) pickKey(msg tea.KeyPressMsg) (screen, tea.Cmd) {
	flows := s.picks
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
		return s, s.startSession(flows[s.pick])
	case key.Matches(msg, s.pk.number):
		if n := pickNumber(msg.Text); n >= 1 && n <= len(flows) {
			s.picking = false
			return s, s.startSession(flows[n-1])
		}
	}
	return s, nil
}

// pickNumber reads a digit 1–9, half- or full-width; 0 for anything else.
func pickNumber(text string) int {
	if r := []rune(toASCIIDigits(text)); len(r) == 1 && r[0] >= '1' && r[0] <= '9' {
		return int(r[0] - '0')
	}
	return 0
}

// startSession starts a session of flow: a return checkpoint is given the
// next milestone, and what earlier sessions left open is brought back.
func (s *engagementScreen) startSession(flow *model.Flow) tea.Cmd {
	eng := s.eng
	eng.ID = s.id // the session belongs here even if the details are still loading
	sess := model.PrepareSession(flow, eng, s.sessions, s.ledger, s.env.lang, s.env.now(), s.env.today())
	store, id := s.env.store, s.id
	return func() tea.Msg {
		ctx, cancel := storeCtx()
		defer cancel()
		started, err := store.StartSession(ctx, sess)
		return sessionStartedMsg{id, started, err}
	}
}

// openPicker opens the chooser: the flows of the engagement's phase
// first, then the others in their phases' order, numbered in that order,
// with the cursor on the conversation that fits (model.Suggest).
func (s *engagementScreen) openPicker() {
	today := s.env.today()
	phase := s.eng.PhaseOn(today)
	s.picks = s.picks[:0]
	for _, now := range []bool{true, false} {
		for _, f := range s.env.lib.Flows {
			if (f.Phase == phase) == now {
				s.picks = append(s.picks, f)
			}
		}
	}
	st := model.EngagementState{Engagement: s.eng, Sessions: s.sessions, Ledger: s.ledger}
	s.suggest = model.Suggest(s.env.lib.Flows, st, today, s.env.loc)
	s.pick = max(slices.Index(s.picks, s.suggest.Flow), 0)
	s.picking = true
}

// why says in a line why the chooser suggests a flow.
func (s *engagementScreen) why(sg model.Suggestion) string { return sg.Why(s.env.lang) }

func (s *engagementScreen) selected() (model.SessionSummary, bool) {
	c := s.cursor[tabSessions]
	if c < 0 || c >= len(s.sessions) {
		return model.SessionSummary{}, false
	}
	return s.timeline(c), true
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
	today := e.today()
	width := max(s.w, 20)
	trunc := func(str string) string { return ansi.Truncate(shownLine(str), width, "…") }
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
	if len(s.members) > 0 {
		var ms []string
		for _, m := range s.members {
			ms = append(ms, fmt.Sprintf("%s (%s)", m.Name, e.companionType(m.Type)))
		}
		lines = append(lines, trunc(e.t("engagement.members")+": "+strings.Join(ms, ", ")))
	}
	if eng.Archived {
		lines = append(lines, e.st.warnText.Render(e.t("engagement.archived")))
	}
	for _, w := range model.Warnings(today, e.loc, model.EngagementState{Engagement: eng, Sessions: s.sessions, Ledger: s.ledger}) {
		lines = append(lines, s.warningLines(w, eng.Cadence(today), width)...)
	}
	lines = append(lines, "")
	if s.picking {
		return strings.Join(append(lines, s.pickerLines(s.h-len(lines))...), "\n")
	}
	lines = append(lines, s.tabBar(width), "")
	var body []string
	sel := 0
	avail := max(s.h-len(lines), 1)
	switch s.tab {
	case tabAnxieties:
		body, sel = s.anxietyLines(width)
	case tabActions:
		body, sel = s.actionLines(width, today)
	case tabAgreement:
		body, sel = s.agreementLines(width)
	default:
		body, sel = s.sessionLines(width, avail)
	}
	return strings.Join(append(lines, window(body, sel, avail, 1)...), "\n")
}

// warningLines draws a balance warning: what was seen, and two lines of why
// it matters and what to try, from the guideline.
func (s *engagementScreen) warningLines(w model.Warning, cadence, width int) []string {
	e := s.env
	head, why := model.WarningText(w, cadence, e.lang)
	lines := []string{e.st.warnText.Render(ansi.Truncate("⚠ "+head, width, "…"))}
	for _, row := range editor.Wrap(why, max(width-2, 10)) {
		lines = append(lines, e.st.muted.Render("  "+row))
	}
	return lines
}

func (s *engagementScreen) tabBar(width int) string {
	e := s.env
	names := []string{
		e.tf("engagement.tabSessions", len(s.sessions)),
		e.tf("engagement.tabAnxieties", len(s.ledger.OpenAnxieties()), len(s.ledger.Anxieties)),
		e.tf("engagement.tabActions", len(s.ledger.OpenActions()), len(s.ledger.Actions)),
		e.tf("engagement.tabAgreement", len(s.ledger.Current())),
	}
	var parts []string
	for i, n := range names {
		label := fmt.Sprintf("%d %s", i+1, n)
		if engagementTab(i) == s.tab {
			parts = append(parts, e.st.selected.Render(" "+label+" "))
		} else {
			parts = append(parts, e.st.muted.Render(" "+label+" "))
		}
	}
	return ansi.Truncate(strings.Join(parts, " "), width, "…")
}

func (s *engagementScreen) row(text string, selected bool, width int) string {
	text = ansi.Truncate(shownLine(text), width-2, "…")
	if selected {
		return s.env.st.selected.Render("▸ " + text)
	}
	return "  " + text
}

// entryRows is a worry or an action in the list: its words a row for each
// line typed, its facts after the last (whole: the words are cut, not a due
// date), the first row marked when selected.
func (s *engagementScreen) entryRows(text, facts string, whole, selected bool, width int) []string {
	rows := entryRows(text, facts, width-2, whole)
	for j, r := range rows {
		switch {
		case selected && j == 0:
			rows[j] = s.env.st.selected.Render("▸ " + r)
		case selected:
			rows[j] = s.env.st.selected.Render("  " + r)
		default:
			rows[j] = "  " + r
		}
	}
	return rows
}

// sessionLines is the timeline: sessions latest first, under the phase of
// the stint each fell in (by its date). Only the rows
// that fit in avail are drawn, so a long timeline costs no more per frame
// than a short one.
func (s *engagementScreen) sessionLines(width, avail int) ([]string, int) {
	e := s.env
	if len(s.sessions) == 0 {
		return []string{e.st.muted.Render(e.t("engagement.noSessions"))}, 0
	}
	// The layout first, then only the visible rows are drawn.
	type row struct {
		kind byte // 's' a session, 'h' a phase heading, ' ' a blank line
		i    int  // the session, or the first session under the heading
	}
	phases := make([]model.Phase, len(s.sessions))
	count := map[model.Phase]int{}
	for i := range s.sessions {
		phases[i] = s.eng.PhaseOn(model.DateOf(s.timeline(i).StartedAt.In(e.loc)))
		count[phases[i]]++
	}
	rows := make([]row, 0, len(s.sessions)+6)
	sel := 0
	for i := range s.sessions {
		if i == 0 || phases[i] != phases[i-1] {
			if i > 0 {
				rows = append(rows, row{' ', i})
			}
			rows = append(rows, row{'h', i})
		}
		if i == s.cursor[tabSessions] {
			sel = len(rows)
		}
		rows = append(rows, row{'s', i})
	}
	top := windowTop(len(rows), sel, avail, 1)
	var lines []string
	for _, r := range rows[top:min(len(rows), top+max(avail, 1))] {
		switch r.kind {
		case ' ':
			lines = append(lines, "")
		case 'h':
			p := phases[r.i]
			lines = append(lines, e.st.label.Render(truncate(e.tf("engagement.phaseGroup", e.phaseName(p), count[p]), width)))
		default:
			lines = append(lines, s.sessionRow(s.timeline(r.i), r.i == s.cursor[tabSessions], width))
		}
	}
	return lines, sel - top
}

func (s *engagementScreen) sessionRow(sum model.SessionSummary, on bool, width int) string {
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
	if e.others(sum) {
		text += "  " + e.tf("engagement.heldBy", model.TermSafeLine(sum.Holder))
	}
	return s.row(text, on, width)
}

func (s *engagementScreen) anxietyLines(width int) ([]string, int) {
	e := s.env
	if len(s.ledger.Anxieties) == 0 {
		return []string{e.st.muted.Render(e.t("engagement.noAnxieties"))}, 0
	}
	var lines []string
	sel := 0
	for i, a := range s.ledger.Anxieties {
		var facts []string
		if a.Intensity > 0 {
			facts = append(facts, e.tf("ledger.intensityN", a.Intensity))
		}
		if a.Term != "" {
			facts = append(facts, model.TermLabel(a.Term, e.lang))
		}
		status := model.StatusLabel(a.Status(), e.lang)
		on := i == s.cursor[tabAnxieties]
		if on {
			sel = len(lines)
		}
		for _, line := range s.entryRows(a.Text, factsSuffix(facts)+" — "+status, false, on, width) {
			if !a.IsOpen() && !on {
				line = e.st.muted.Render(line)
			}
			lines = append(lines, line)
		}
		if on {
			if a.Plan != "" {
				lines = append(lines, e.st.muted.Render(ansi.Truncate("    "+e.t("ledger.plan")+": "+shown(oneLine(a.Plan)), width, "…")))
			}
			lines = append(lines, e.st.muted.Render(fmt.Sprintf("    %s %s", a.CreatedAt.In(e.loc).Format("2006-01-02"), e.t("engagement.voiced"))))
			for _, u := range a.History {
				text := fmt.Sprintf("    %s %s", u.At.In(e.loc).Format("2006-01-02"), model.StatusLabel(u.Status, e.lang))
				if u.Note != "" {
					text += " — " + oneLine(u.Note)
				}
				lines = append(lines, e.st.muted.Render(ansi.Truncate(shownLine(text), width, "…")))
			}
		}
	}
	return lines, sel
}

func (s *engagementScreen) actionLines(width int, today model.Date) ([]string, int) {
	e := s.env
	if len(s.ledger.Actions) == 0 {
		return []string{e.st.muted.Render(e.t("engagement.noActions"))}, 0
	}
	var lines []string
	sel := 0
	for i, a := range s.ledger.Actions {
		facts := []string{model.OwnerLabel(a.Owner, e.lang)}
		if !a.Due.IsZero() {
			facts = append(facts, a.Due.String())
		}
		on := i == s.cursor[tabActions]
		if on {
			sel = len(lines)
		}
		for _, line := range s.entryRows(a.Text, factsSuffix(facts)+" — "+model.OutcomeLabel(a.Outcome(), e.lang), true, on, width) {
			switch {
			case a.PastDue(today) && !on:
				line = e.st.warnText.Render(line)
			case !a.IsOpen() && !on:
				line = e.st.muted.Render(line)
			}
			lines = append(lines, line)
		}
		if on {
			for _, u := range a.History {
				text := fmt.Sprintf("    %s %s", u.At.In(e.loc).Format("2006-01-02"), model.OutcomeLabel(u.Outcome, e.lang))
				if u.Note != "" {
					text += " — " + oneLine(u.Note)
				}
				lines = append(lines, e.st.muted.Render(ansi.Truncate(shownLine(text), width, "…")))
			}
		}
	}
	return lines, sel
}

// agreementLines shows every topic with the three fit scores in a row,
// gaps highlighted, and the selected topic's expectations side by side in
// three columns, with the agreed text and what changed since first agreed.
func (s *engagementScreen) agreementLines(width int) ([]string, int) {
	e := s.env
	cur := s.ledger.Current()
	if len(cur) == 0 {
		return []string{e.st.muted.Render(e.t("engagement.noAgreement"))}, 0
	}
	var lines []string
	sel := 0
	titleW := 0
	for _, it := range cur {
		titleW = max(titleW, lipgloss.Width(shownLine(it.Title)))
	}
	titleW = min(titleW, width/3)
	for i, it := range cur {
		on := i == s.cursor[tabAgreement]
		if on {
			sel = len(lines)
		}
		var scores []string
		for _, p := range model.Parties {
			f := "-"
			if v := it.View(p).Fit; v > 0 {
				f = fmt.Sprint(v)
			}
			scores = append(scores, fmt.Sprintf("%s %s", model.PartyLabel(p, e.lang), f))
		}
		title := padRight(ansi.Truncate(shownLine(it.Title), titleW, "…"), titleW)
		text := title + "  " + strings.Join(scores, " │ ")
		mark := ""
		if it.HasGap() {
			mark = " " + e.t("engagement.gapMark")
		}
		line := s.row(text, on, width-lipgloss.Width(mark))
		if mark != "" {
			line += e.st.warnText.Render(mark)
		}
		lines = append(lines, line)
		if !on {
			continue
		}
		lines = append(lines, s.sideBySide(it, width)...)
		if strings.TrimSpace(it.Agreed) != "" {
			label := "  " + e.t("agreement.agreedShort") + ": "
			indent := strings.Repeat(" ", lipgloss.Width(label))
			for j, row := range editor.Wrap(shown(it.Agreed), max(width-lipgloss.Width(label), 10)) {
				prefix := indent
				if j == 0 {
					prefix = label
				}
				lines = append(lines, e.st.accent.Render(prefix+row))
			}
		}
		if first, ok := s.ledger.FirstAgreed(it.Topic); ok && first.SessionID != it.SessionID {
			if ch := it.Changes(first); len(ch) > 0 {
				lines = append(lines, e.st.warnText.Render(ansi.Truncate("  "+e.tf("agreement.changed", model.ChangeWords(ch, e.lang)), width, "…")))
			}
		}
	}
	return lines, sel
}

// sideBySide lays the three parties' expectations out in three columns.
func (s *engagementScreen) sideBySide(it model.AgreementItem, width int) []string {
	e := s.env
	colW := max((width-4)/3-1, 8)
	var cols [][]string
	rows := 0
	for _, p := range model.Parties {
		v := it.View(p)
		col := []string{e.st.label.Render(padRight(ansi.Truncate(model.PartyLabel(p, e.lang), colW, "…"), colW))}
		text := strings.TrimSpace(v.Expectation)
		switch {
		case text == "" && v.Fit == 0:
			col = append(col, e.st.warnText.Render(padRight(truncate(e.t("engagement.saidNothing"), colW), colW)))
		case text == "":
			col = append(col, e.st.muted.Render(padRight(truncate(e.t("engagement.scoreOnly"), colW), colW)))
		}
		for _, row := range editor.Wrap(shown(text), colW) {
			col = append(col, padRight(row, colW))
		}
		cols = append(cols, col)
		rows = max(rows, len(col))
	}
	var out []string
	for r := 0; r < rows; r++ {
		line := "    "
		for c, col := range cols {
			cell := strings.Repeat(" ", colW)
			if r < len(col) {
				cell = col[r]
			}
			if c > 0 {
				line += e.st.muted.Render("│")
			}
			line += cell
		}
		out = append(out, line)
	}
	return out
}

func (s *engagementScreen) pickerLines(avail int) []string {
	e := s.env
	head := []string{e.st.heading.Render(e.t("engagement.chooseFlow")), ""}
	var lines []string
	sel := 0
	now := s.eng.PhaseOn(e.today())
	var phase model.Phase
	for i, f := range s.picks {
		if f.Phase != phase {
			phase = f.Phase
			name := e.phaseName(phase)
			if phase == now {
				name = e.tf("engagement.phaseNow", name)
			}
			lines = append(lines, e.st.label.Render(name))
		}
		num := "  "
		if i < 9 {
			num = fmt.Sprintf("%d ", i+1)
		}
		text := fmt.Sprintf("%s%s  (%s)", num, f.Title.In(e.lang), e.tf("engagement.promptCount", len(f.Prompts)))
		if f.Use == model.UseCheckpoint {
			text += " · " + model.MilestoneLabel(model.NextMilestone(s.eng, s.sessions, e.today()), e.lang)
		}
		suggested := f == s.suggest.Flow && s.suggest.Reason != model.SuggestNone
		mark := ""
		if suggested {
			mark = "  " + e.t("engagement.suggested")
		}
		text = truncate(text, max(s.w-2-lipgloss.Width(mark), 10))
		if i == s.pick {
			sel = len(lines)
			lines = append(lines, e.st.selected.Render("▸ "+text)+e.st.accent.Render(mark))
		} else {
			lines = append(lines, "  "+text+e.st.accent.Render(mark))
		}
		if suggested {
			lines = append(lines, e.st.accent.Render(truncate("    "+s.why(s.suggest), max(s.w, 10))))
		}
		if i == s.pick {
			if sum := f.Summary.In(e.lang); sum != "" {
				for _, row := range strings.Split(wrapText(sum, max(s.w-4, 20), "    "), "\n") {
					lines = append(lines, e.st.muted.Render(row))
				}
			}
		}
	}
	h := max(avail-len(head), 3)
	return append(head, window(lines, sel, h, min(3, (h-1)/2))...)
}

func (s *engagementScreen) caret() *tea.Cursor { return nil }
func (s *engagementScreen) typing() bool       { return false }

func (s *engagementScreen) keys() help.KeyMap {
	if s.picking {
		pk := s.pk
		return keyList{short: []key.Binding{pk.choose, pk.number, pk.cancel, pk.up, pk.down},
			full: [][]key.Binding{{pk.up, pk.down, pk.choose, pk.number, pk.cancel}}}
	}
	k := s.k
	has := s.rows(s.tab) > 0
	k.up.SetEnabled(has)
	k.down.SetEnabled(has)
	onSessions := s.tab == tabSessions && has
	k.open.SetEnabled(onSessions)
	k.review.SetEnabled(onSessions)
	return keyList{
		short: []key.Binding{k.start, k.open, k.review, k.compare, k.nextTab, k.edit, k.back},
		full:  [][]key.Binding{{k.up, k.down, k.open, k.review}, {k.nextTab, k.prevTab, k.tabNumber}, {k.start, k.compare, k.edit, k.archive, k.back}},
	}
}
