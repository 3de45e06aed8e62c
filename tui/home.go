package tui

import (
	"errors"
	"fmt"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"bansou/model"
	"bansou/model/report"
	"bansou/work"
)

// home lists the engagements grouped by phase and offers to resume a
// session that was interrupted.
type home struct {
	env          *env
	k            homeKeys
	w, h         int
	list         []model.Engagement
	due          []model.DueItem
	loaded       bool
	cursor       int // index into the due items, then the engagements
	showArchived bool
	resume       []model.SessionSummary
	drafts       []draftOffer // engagement forms left unsaved
	discarding   bool         // asking whether to discard the first draft
	err          string
	// newDatabase is the path of the database this run created, shown
	// until the first key.
	newDatabase string
	fw          follow // reading again after others' changes
}

type (
	engagementsLoadedMsg struct {
		list []model.Engagement
		err  error
	}
	interruptedLoadedMsg struct {
		list []model.SessionSummary
		err  error
	}
	dueLoadedMsg struct {
		due []model.DueItem
		err error
	}
	// listsLoadedMsg carries both, read together (loadLists).
	listsLoadedMsg struct {
		list engagementsLoadedMsg
		due  dueLoadedMsg
	}
	archiveDoneMsg struct {
		id       int64
		archived bool
		err      error
	}
	resumeDismissedMsg struct{ err error }
	draftsLoadedMsg    struct {
		list []draftOffer
		err  error
	}
)

// draftOffer is an engagement form left unsaved, with the engagement it
// edits (nil for a new one).
type draftOffer struct {
	d   model.EngagementDraft
	eng *model.Engagement
}

// Awaited: the home screen's lists are what a person opening bansou waits
// for, and their frame is drawn as soon as they are read, not at the
// renderer's next tick (third_party/bubbletea).
func (listsLoadedMsg) Awaited() {}

var _ tea.Awaited = listsLoadedMsg{}

func newHome(e *env) *home { return &home{env: e, k: newHomeKeys(e)} }

func (s *home) init() tea.Cmd {
	if e := s.env.early; e != nil {
		s.env.early = nil
		return tea.Batch(e.results()...)
	}
	return tea.Batch(s.firstReads()...)
}

// firstReads are what the home screen reads when it opens: the
// engagements and what is due, the sessions left open, the forms left
// unsaved.
func (s *home) firstReads() []tea.Cmd {
	return append(s.lists(), s.loadInterrupted(), s.loadDrafts())
}

// Early is the home screen's first reads, begun before the interface is
// built (ReadEarly).
type Early struct {
	msgs []chan tea.Msg
}

// ReadEarly begins on o's store the reads the home screen makes when it
// opens, as it would make them, one after the other in a goroutine (on one
// connection, the quick ones first, the lists last). bansou calls
// it as soon as the store is open and gives the result to New
// (Options.Early): the reads then go on while the content is still being
// read and the terminal set up, rather than after, which with a large
// database was a tenth of the start.
func ReadEarly(o Options) *Early {
	o = o.withClock()
	h := &home{env: &env{store: o.Store, now: o.Now, loc: o.Location}}
	cmds := h.firstReads()
	e := Early{msgs: make([]chan tea.Msg, len(cmds))}
	for i := range cmds {
		e.msgs[i] = make(chan tea.Msg, 1)
	}
	go func() {
		for i := len(cmds) - 1; i >= 0; i-- {
			e.msgs[i] <- cmds[i]()
		}
	}()
	return &e
}

// results gives what each early read read, as the command that read it
// would have.
func (e *Early) results() []tea.Cmd {
	cmds := make([]tea.Cmd, len(e.msgs))
	for i, msg := range e.msgs {
		cmds[i] = func() tea.Msg { return <-msg }
	}
	return cmds
}

// loadDrafts reads the engagement forms a bansou left unsaved, with the
// engagements they edit. A draft of an engagement that is no longer there
// is offered as a new one.
func (s *home) loadDrafts() tea.Cmd {
	store := s.env.store
	return func() tea.Msg {
		ctx, cancel := storeCtx()
		defer cancel()
		drafts, err := store.EngagementDrafts(ctx)
		if err != nil {
			return draftsLoadedMsg{err: err}
		}
		var list []draftOffer
		for _, d := range drafts {
			o := draftOffer{d: d}
			if d.EngagementID != 0 {
				e, err := store.Engagement(ctx, d.EngagementID)
				switch {
				case errors.Is(err, model.ErrNotFound):
					o.d.EngagementID = 0
				case err != nil:
					return draftsLoadedMsg{err: err}
				default:
					o.eng = &e
				}
			}
			list = append(list, o)
		}
		return draftsLoadedMsg{list: list}
	}
}

// loadDue computes the due list from every engagement's records.
func (s *home) loadDue() tea.Cmd {
	store, today, loc := s.env.store, s.env.today(), s.env.loc
	return func() tea.Msg {
		ctx, cancel := storeCtx()
		defer cancel()
		due, err := work.DueList(ctx, store, today, loc)
		return dueLoadedMsg{due: due, err: err}
	}
}

func (s *home) load() tea.Cmd { return tea.Batch(s.lists()...) }

// lists are the reads of the engagements and of what is due: one, unless
// the archived engagements are shown (loadLists).
func (s *home) lists() []tea.Cmd {
	if s.showArchived {
		return []tea.Cmd{s.loadList(), s.loadDue()}
	}
	return []tea.Cmd{s.loadLists()}
}

// loadLists reads the engagements and what is due at once: the due list
// reads every engagement that is not archived (States), which is the list
// itself, and reading it a second time on a connection of its own was a
// tenth of the start with 10,000 sessions. If that read fails, the list is
// read by itself, as when each was read apart.
func (s *home) loadLists() tea.Cmd {
	store, today, loc := s.env.store, s.env.today(), s.env.loc
	return func() tea.Msg {
		ctx, cancel := storeCtx()
		defer cancel()
		states, err := store.States(ctx)
		if err != nil {
			list, lerr := store.Engagements(ctx, false)
			return listsLoadedMsg{engagementsLoadedMsg{list, lerr}, dueLoadedMsg{err: err}}
		}
		list := make([]model.Engagement, len(states))
		for i, st := range states {
			list[i] = st.Engagement
		}
		due, err := work.DueFrom(ctx, store, states, today, loc)
		return listsLoadedMsg{engagementsLoadedMsg{list: list}, dueLoadedMsg{due: due, err: err}}
	}
}

// loadList reads the engagements.
func (s *home) loadList() tea.Cmd {
	store, all := s.env.store, s.showArchived
	return func() tea.Msg {
		ctx, cancel := storeCtx()
		defer cancel()
		list, err := store.Engagements(ctx, all)
		return engagementsLoadedMsg{list, err}
	}
}

// reloads are the reads made again after another's change: the
// engagements and what is due.
func (s *home) reloads() []tea.Cmd { return s.lists() }

// rowKey names row i (a due item, or an engagement), so that the cursor
// stays on the same one when the lists are read again.
func (s *home) rowKey(i int) string {
	if i >= 0 && i < len(s.due) {
		d := s.due[i]
		return fmt.Sprintf("due %d %s %s %s", d.EngagementID, d.Kind, d.Milestone, d.Ref)
	}
	list, _ := s.ordered()
	if j := i - len(s.due); j >= 0 && j < len(list) {
		return fmt.Sprintf("engagement %d", list[j].ID)
	}
	return ""
}

// reloaded takes the lists read again after another's change, keeping the
// cursor on the row it was on while that row is still there.
func (s *home) reloaded(msg reloadedMsg) tea.Cmd {
	was := s.rowKey(s.cursor)
	cmd := s.fw.back(msg, func(m tea.Msg) tea.Cmd { _, c := s.update(m); return c }, s.reloads)
	for i := range s.rows() {
		if was != "" && s.rowKey(i) == was {
			s.cursor = i
			break
		}
	}
	return cmd
}

func (s *home) loadInterrupted() tea.Cmd {
	store := s.env.store
	return func() tea.Msg {
		ctx, cancel := storeCtx()
		defer cancel()
		list, err := store.InterruptedSessions(ctx)
		return interruptedLoadedMsg{list, err}
	}
}

// ordered returns the engagements in display order: by phase, then as
// listed, and the phase of each.
func (s *home) ordered() ([]model.Engagement, []model.Phase) {
	today := s.env.today()
	var out []model.Engagement
	var phases []model.Phase
	for _, p := range model.Phases {
		for _, e := range s.list {
			if e.PhaseOn(today) == p {
				out = append(out, e)
				phases = append(phases, p)
			}
		}
	}
	return out, phases
}

// selected returns the engagement of the row under the cursor (a due item
// stands for its engagement) and the tab to open it on.
func (s *home) selected() (model.Engagement, engagementTab, bool) {
	list, _ := s.ordered()
	if s.cursor < len(s.due) {
		d := s.due[s.cursor]
		tab := tabSessions
		switch d.Kind {
		case model.DueAnxieties:
			tab = tabAnxieties
		case model.DueActions:
			tab = tabActions
		}
		for _, e := range list {
			if e.ID == d.EngagementID {
				return e, tab, true
			}
		}
		return model.Engagement{ID: d.EngagementID}, tab, true
	}
	i := s.cursor - len(s.due)
	if i < 0 || i >= len(list) {
		return model.Engagement{}, tabSessions, false
	}
	return list[i], tabSessions, true
}

func (s *home) rows() int {
	list, _ := s.ordered()
	return len(s.due) + len(list)
}

func (s *home) update(msg tea.Msg) (screen, tea.Cmd) {
	switch msg := msg.(type) {
	case sizeMsg:
		s.w, s.h = msg.w, msg.h
	case refreshMsg:
		return s, s.load()
	case storeChangedMsg:
		return s, s.fw.reload(s.reloads()...)
	case reloadedMsg:
		if msg.by == &s.fw {
			return s, s.reloaded(msg)
		}
	case listsLoadedMsg:
		_, list := s.update(msg.list)
		_, due := s.update(msg.due)
		return s, tea.Batch(list, due)
	case engagementsLoadedMsg:
		s.loaded = true
		if msg.err != nil {
			s.err = s.env.describeErr(msg.err)
			return s, nil
		}
		s.err = ""
		s.list = msg.list
		s.cursor = max(0, min(s.cursor, s.rows()-1))
	case dueLoadedMsg:
		if msg.err == nil {
			s.due = msg.due
			s.cursor = max(0, min(s.cursor, s.rows()-1))
		}
	case interruptedLoadedMsg:
		if msg.err == nil {
			s.resume = msg.list
		}
	case draftsLoadedMsg:
		if msg.err == nil {
			s.drafts = msg.list
		}
	case draftDiscardedMsg:
		if msg.err != nil {
			return s, showError(s.env.describeErr(msg.err))
		}
	case archiveDoneMsg:
		if msg.err != nil {
			return s, showError(s.env.describeErr(msg.err))
		}
		text := s.env.t("status.archived")
		if !msg.archived {
			text = s.env.t("status.unarchived")
		}
		return s, tea.Batch(s.load(), showStatus(text))
	case resumeDismissedMsg:
		if msg.err != nil {
			return s, showError(s.env.describeErr(msg.err))
		}
	case tea.KeyPressMsg:
		s.newDatabase = ""
		switch {
		case len(s.resume) > 0:
			return s.resumeKey(msg)
		case len(s.drafts) > 0:
			return s.draftKey(msg)
		}
		return s.handleKey(msg)
	}
	return s, nil
}

func (s *home) resumeKey(msg tea.KeyPressMsg) (screen, tea.Cmd) {
	r, k := s.resume[0], s.k
	switch {
	case key.Matches(msg, k.resume):
		s.resume = s.resume[1:]
		return s, pushScreen(newRunner(s.env, r.ID))
	case key.Matches(msg, k.resumeLater):
		s.resume = s.resume[1:]
		store := s.env.store
		return s, func() tea.Msg {
			ctx, cancel := storeCtx()
			defer cancel()
			return resumeDismissedMsg{store.SetSessionOpen(ctx, r.ID, false)}
		}
	case key.Matches(msg, k.quit):
		return s, quitApp
	}
	return s, nil
}

// draftKey answers the offer of an engagement form left unsaved: go on
// with it, discard it (after asking), or leave it for the next start.
func (s *home) draftKey(msg tea.KeyPressMsg) (screen, tea.Cmd) {
	k, o := s.k, s.drafts[0]
	if s.discarding {
		s.discarding = false
		if !key.Matches(msg, k.confirm) {
			return s, nil
		}
		s.drafts = s.drafts[1:]
		store, uid := s.env.store, o.d.UID
		return s, func() tea.Msg {
			ctx, cancel := storeCtx()
			defer cancel()
			return draftDiscardedMsg{store.DiscardEngagementDraft(ctx, uid)}
		}
	}
	switch {
	case key.Matches(msg, k.resumeDraft):
		s.drafts = s.drafts[1:]
		return s, pushScreen(newDraftForm(s.env, o.eng, o.d))
	case key.Matches(msg, k.discardDraft):
		s.discarding = true
	case key.Matches(msg, k.later):
		s.drafts = s.drafts[1:]
	case key.Matches(msg, k.quit):
		return s, quitApp
	}
	return s, nil
}

func (s *home) handleKey(msg tea.KeyPressMsg) (screen, tea.Cmd) {
	k := s.k
	switch {
	case key.Matches(msg, k.up):
		s.cursor = max(0, s.cursor-1)
	case key.Matches(msg, k.down):
		s.cursor = min(s.rows()-1, s.cursor+1)
	case key.Matches(msg, k.add):
		return s, pushScreen(newEngagementForm(s.env, nil))
	case key.Matches(msg, k.open) && s.cursor < len(s.due) && s.due[s.cursor].Kind == model.DueReview:
		return s, pushScreen(newSkillsScreen(s.env))
	case key.Matches(msg, k.open) && s.cursor < len(s.due) && s.due[s.cursor].Kind == model.DueRatingAsked:
		return s, pushScreen(newRatingForm(s.env, s.due[s.cursor].Ref))
	case key.Matches(msg, k.open):
		if e, tab, ok := s.selected(); ok {
			scr := newEngagementScreen(s.env, e.ID)
			scr.tab = tab
			return s, pushScreen(scr)
		}
	case key.Matches(msg, k.edit):
		if e, _, ok := s.selected(); ok && s.cursor >= len(s.due) {
			return s, pushScreen(newEngagementForm(s.env, &e))
		}
	case key.Matches(msg, k.archive):
		if e, _, ok := s.selected(); ok && s.cursor >= len(s.due) {
			return s, archiveCmd(s.env.store, e.ID, !e.Archived)
		}
	case key.Matches(msg, k.archived):
		s.showArchived = !s.showArchived
		return s, s.load()
	case key.Matches(msg, k.skills):
		return s, pushScreen(newSkillsScreen(s.env))
	case key.Matches(msg, k.rounds):
		return s, pushScreen(newRoundsScreen(s.env))
	case joinAllowed(s.env) && key.Matches(msg, k.join):
		return s, pushScreen(newJoinScreen(s.env))
	case key.Matches(msg, k.orientation) && len(s.env.lib.Orientation) > 0:
		return s, pushScreen(newDocument(s.env, report.OrientationMarkdown(s.env.lib.Orientation, s.env.lang)))
	case key.Matches(msg, k.quit):
		return s, quitApp
	}
	return s, nil
}

func archiveCmd(store model.Store, id int64, archived bool) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := storeCtx()
		defer cancel()
		return archiveDoneMsg{id, archived, store.ArchiveEngagement(ctx, id, archived)}
	}
}

func (s *home) view() string {
	e := s.env
	header := e.st.title.Render("bansou 伴走") + "  " + e.st.muted.Render(truncate(e.t("home.subtitle"), max(s.w-13, 1)))
	lines := []string{header, ""}
	if s.newDatabase != "" {
		lines = append(lines, e.st.warnText.Render(wrapText(e.tf("home.newDatabase", s.newDatabase), s.w, "")), "")
	}
	if len(s.resume) > 0 {
		return strings.Join(append(lines, s.resumeView()...), "\n")
	}
	if len(s.drafts) > 0 {
		return strings.Join(append(lines, s.draftView()...), "\n")
	}
	if s.err != "" {
		lines = append(lines, e.st.errText.Render(s.err), "")
	}
	list, phases := s.ordered()
	if s.loaded && len(list) == 0 {
		for i, d := range s.due { // with no engagement, only the person's own review
			lines = append(lines, s.dueItem(d, i == s.cursor))
		}
		if len(s.due) > 0 {
			lines = append(lines, "")
		}
		lines = append(lines, wrapText(e.t("home.empty"), s.w, ""), "", e.st.muted.Render(wrapText(e.t("home.intro"), s.w, "")))
		if len(e.lib.Orientation) > 0 {
			lines = append(lines, "", wrapText(e.tf("home.orientation", len(e.lib.Orientation)), s.w, ""))
		}
		return strings.Join(lines, "\n")
	}
	// With hundreds of engagements and due items, only the rows on screen
	// are drawn: rows holds how to draw each.
	rows := make([]func() string, 0, len(lines)+len(s.due)+2*len(list)+4)
	for _, l := range lines {
		rows = append(rows, func() string { return l })
	}
	blank := func() string { return "" }
	selLine := 0
	if len(s.due) > 0 {
		rows = append(rows, func() string { return e.st.heading.Render(e.t("home.due")) })
		for i, d := range s.due {
			if i == s.cursor {
				selLine = len(rows)
			}
			rows = append(rows, func() string { return s.dueItem(d, i == s.cursor) })
		}
		rows = append(rows, blank)
	}
	for i, eng := range list {
		if i == 0 || phases[i] != phases[i-1] {
			if i > 0 {
				rows = append(rows, blank)
			}
			rows = append(rows, func() string { return e.st.heading.Render(e.phaseName(phases[i])) })
		}
		on := len(s.due)+i == s.cursor
		if on {
			selLine = len(rows)
		}
		rows = append(rows, func() string { return s.item(eng, on) })
	}
	if s.showArchived {
		rows = append(rows, blank, func() string { return e.st.muted.Render(e.t("home.showingArchived")) })
	}
	shown := window(rows, selLine, s.h, 2)
	out := make([]string, len(shown))
	for i, row := range shown {
		out[i] = row()
	}
	return strings.Join(out, "\n")
}

func (s *home) item(eng model.Engagement, selected bool) string {
	e := s.env
	orgs := fmt.Sprintf("%s → %s", eng.SendingOrg, eng.HostOrg)
	text := fmt.Sprintf("%s  %s  %s – %s", eng.Learner.Name, orgs, eng.Start, eng.End)
	if eng.Archived {
		text += "  " + e.t("home.archivedTag")
	}
	text = ansi.Truncate(shownLine(text), max(s.w-4, 10), "…")
	if selected {
		return e.st.selected.Render("▸ " + text)
	}
	return "  " + text
}

// dueItem is one line of the due list.
func (s *home) dueItem(d model.DueItem, selected bool) string {
	e := s.env
	text := model.DueText(d, e.lang)
	if d.Learner != "" {
		text = d.Learner + " — " + text
	}
	text = ansi.Truncate(shownLine(text), max(s.w-4, 10), "…")
	if selected {
		return e.st.selected.Render("▸ " + text)
	}
	if d.Kind == model.DueCheckin && d.DaysOver > 0 || d.Kind == model.DueActions {
		return "  " + e.st.warnText.Render(text)
	}
	return "  " + text
}

func (s *home) resumeView() []string {
	e := s.env
	r := s.resume[0]
	// Names and titles wrap, but a line break in one never starts a row.
	title := model.SingleLine(r.FlowTitle)
	if r.LearnerName != "" {
		title = model.SingleLine(r.LearnerName) + " — " + title
	}
	where := model.SingleLine(r.CurrentTitle)
	lines := []string{
		e.st.heading.Render(e.t("resume.title")),
		"",
		wrapText(title, s.w, ""),
		wrapText(e.tf("resume.where", where, r.Answered, r.Total), s.w, ""),
		e.st.muted.Render(e.tf("resume.when", r.UpdatedAt.In(e.loc).Format("2006-01-02 15:04"))),
		"",
		wrapText(e.t("resume.ask"), s.w, ""),
	}
	return lines
}

// draftView offers the first engagement form left unsaved.
func (s *home) draftView() []string {
	e := s.env
	d := s.drafts[0].d
	name := d.Learner
	if strings.TrimSpace(name) == "" {
		name = e.t("draft.noName")
	}
	what := name
	if d.SendingOrg != "" || d.HostOrg != "" {
		what = e.tf("draft.new", name, orDots(d.SendingOrg), orDots(d.HostOrg))
	}
	if eng := s.drafts[0].eng; eng != nil {
		what = e.tf("draft.edit", eng.Learner.Name)
	}
	ask := e.t("draft.ask")
	if s.discarding {
		ask = e.t("draft.confirmDiscard")
	}
	return []string{
		e.st.heading.Render(e.t("draft.title")),
		"",
		wrapText(what, s.w, ""),
		e.st.muted.Render(e.tf("draft.when", d.UpdatedAt.In(e.loc).Format("2006-01-02 15:04"))),
		"",
		wrapText(ask, s.w, ""),
	}
}

// orDots stands for a field not typed yet.
func orDots(s string) string {
	if strings.TrimSpace(s) == "" {
		return "…"
	}
	return s
}

func (s *home) caret() *tea.Cursor { return nil }
func (s *home) typing() bool       { return false }

func (s *home) keys() help.KeyMap {
	k := s.k
	if len(s.resume) > 0 {
		resume := []key.Binding{k.resume, k.resumeLater, k.quit}
		return keyList{short: resume[:2], full: [][]key.Binding{resume}}
	}
	if len(s.drafts) > 0 {
		offer := []key.Binding{k.resumeDraft, k.discardDraft, k.later, k.quit}
		if s.discarding {
			offer = []key.Binding{k.confirm}
		}
		return keyList{short: offer, full: [][]key.Binding{offer}}
	}
	has := s.rows() > 0
	onEngagement := s.cursor >= len(s.due) && has
	k.open.SetEnabled(has)
	k.edit.SetEnabled(onEngagement)
	k.archive.SetEnabled(onEngagement)
	k.up.SetEnabled(has)
	k.down.SetEnabled(has)
	k.join.SetEnabled(joinAllowed(s.env))
	return keyList{
		short: []key.Binding{k.up, k.down, k.open, k.add, k.skills, k.rounds, k.join, k.edit, k.archive},
		full:  [][]key.Binding{{k.up, k.down, k.open}, {k.add, k.edit, k.archive, k.archived, k.skills, k.rounds, k.join, k.orientation, k.quit}},
	}
}

func (e *env) phaseName(p model.Phase) string { return e.t("phase." + string(p)) }
