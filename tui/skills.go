package tui

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"bansou/model"
	"bansou/model/report"
)

// skillsScreen is the companion's own page: the 20 skills across every
// self-review as a grid of levels by date, the change since the review
// before, what is being practised, and the way into a new review.
type skillsScreen struct {
	env  *env
	k    skillsKeys
	w, h int

	reviews  []model.Session // oldest first
	hist     model.History
	practice []string // the skills the next review will ask about
	feedback []model.FeedbackNote
	ratings  []model.PeerRating // others' ratings of the companion
	rounds   []model.RoundEntry // for the next actions that practise a skill
	cadence  int                // days between reviews as set (0: the default)
	loaded   bool
	err      string

	row, col int // the skill and the review under the cursor

	picking  bool // choosing what a new review covers
	pick     int
	choosing bool // choosing skills one by one
	chosen   map[string]bool
	choose   int
	setting  *cadenceChooser // choosing the cadence of reviews

	// On a server, the requests for ratings made by or of the person;
	// asking: choosing whom to ask, among people.
	requests []model.RatingRequest
	asking   bool
	people   []model.Account
	ask      int
}

type (
	skillsLoadedMsg struct {
		reviews  []model.Session
		feedback []model.FeedbackNote
		ratings  []model.PeerRating
		rounds   []model.RoundEntry
		cadence  int
		requests []model.RatingRequest
		err      error
	}
	peopleLoadedMsg struct {
		people []model.Account
		err    error
	}
	reviewStartedMsg struct {
		session model.Session
		err     error
	}
)

func newSkillsScreen(e *env) *skillsScreen {
	return &skillsScreen{env: e, k: newSkillsKeys(e), col: -1}
}

func (s *skillsScreen) init() tea.Cmd { return s.load() }

func (s *skillsScreen) load() tea.Cmd {
	store := s.env.store
	rr, served := ratingsOf(s.env)
	return func() tea.Msg {
		ctx, cancel := storeCtx()
		defer cancel()
		reviews, err := store.SoloSessions(ctx, model.SelfReviewFlowID)
		if err != nil {
			return skillsLoadedMsg{err: err}
		}
		out := skillsLoadedMsg{reviews: reviews}
		if out.feedback, err = store.Feedback(ctx); err != nil {
			return skillsLoadedMsg{err: err}
		}
		if out.ratings, err = store.PeerRatings(ctx); err != nil {
			return skillsLoadedMsg{err: err}
		}
		if out.rounds, err = store.Rounds(ctx); err != nil && !errors.Is(err, model.ErrNotAllowed) {
			return skillsLoadedMsg{err: err}
		}
		if out.cadence, err = store.ReviewCadence(ctx); err != nil {
			return skillsLoadedMsg{err: err}
		}
		if served {
			out.requests, out.err = rr.RatingRequests(ctx)
		}
		return out
	}
}

func (s *skillsScreen) skills() []model.Skill {
	if s.env.lib.Skills == nil {
		return nil
	}
	return s.env.lib.Skills.Skills
}

func (s *skillsScreen) update(msg tea.Msg) (screen, tea.Cmd) {
	switch msg := msg.(type) {
	case sizeMsg:
		s.w, s.h = msg.w, msg.h
	case refreshMsg:
		return s, s.load()
	case skillsLoadedMsg:
		s.loaded = true
		if msg.err != nil {
			s.err = s.env.describeErr(msg.err)
			return s, nil
		}
		s.err = ""
		s.reviews, s.feedback, s.ratings, s.rounds, s.cadence, s.requests = msg.reviews, msg.feedback, msg.ratings, msg.rounds, msg.cadence, msg.requests
		before := s.hist
		s.hist = model.HistoryOf(msg.reviews)
		s.practice = nil
		if src := model.PracticeSource(msg.reviews); src != nil {
			s.practice = model.SnapshotOf(*src).Focus
		}
		if s.col < 0 || s.col >= len(s.hist) || newestChanged(before, s.hist) {
			s.col = len(s.hist) - 1 // a review started or finished: the newest is what to read
		}
	case cadenceSavedMsg:
		return s, s.cadenceSaved(msg)
	case peopleLoadedMsg:
		if msg.err != nil {
			return s, showError(s.env.describeErr(msg.err))
		}
		s.people = slices.DeleteFunc(msg.people, func(a model.Account) bool {
			return a.ID == s.env.me || a.Role == model.RoleOffice // the office has no screen to rate on
		})
		if len(s.people) == 0 {
			return s, showError(s.env.t("skill.askNobody"))
		}
		s.asking, s.ask = true, 0
	case ratingAskedMsg:
		if msg.err != nil {
			return s, showError(s.env.describeErr(msg.err))
		}
		return s, tea.Batch(s.load(), showStatus(s.env.tf("skill.asked", shownLine(msg.who.Name), shownLine(msg.who.Name))))
	case reviewStartedMsg:
		if msg.err != nil {
			return s, showError(s.env.describeErr(msg.err))
		}
		return s, pushScreen(newRunner(s.env, msg.session.ID))
	case tea.KeyPressMsg:
		switch {
		case s.setting != nil:
			return s.cadenceKey(msg)
		case s.asking:
			return s.askKey(msg)
		case s.choosing:
			return s.chooseKey(msg)
		case s.picking:
			return s.pickKey(msg)
		}
		return s.handleKey(msg)
	}
	return s, nil
}

func (s *skillsScreen) handleKey(msg tea.KeyPressMsg) (screen, tea.Cmd) {
	k := s.k
	switch {
	case key.Matches(msg, k.up):
		s.row = max(s.row-1, 0)
	case key.Matches(msg, k.down):
		s.row = max(min(s.row+1, len(s.skills())-1), 0)
	case key.Matches(msg, k.left):
		s.col = max(s.col-1, 0)
	case key.Matches(msg, k.right):
		s.col = min(s.col+1, len(s.hist)-1)
	case key.Matches(msg, k.add):
		if len(s.skills()) > 0 {
			s.picking, s.pick = true, 0
		}
	case key.Matches(msg, k.cadence):
		s.openCadence()
	case key.Matches(msg, k.open):
		if r, ok := s.selectedReview(); ok {
			if r.Status == model.Done {
				return s, pushScreen(newReview(s.env, r.ID))
			}
			return s, pushScreen(newRunner(s.env, r.ID))
		}
	case len(s.ratings) > 0 && key.Matches(msg, k.others):
		e := s.env
		md := report.PeerRatingsMarkdown(s.ratings, e.lib.Skills, report.Options{Lang: e.lang, Location: e.loc})
		return s, pushScreen(newDocument(e, md))
	case canAsk(s.env) && key.Matches(msg, k.ask):
		return s, loadPeople(s.env.store)
	case key.Matches(msg, k.back):
		return s, popScreen
	}
	return s, nil
}

// canAsk reports whether the person can ask others for a rating: on a
// server, whose store keeps the requests and lists its people.
func canAsk(e *env) bool {
	_, ok := ratingsOf(e)
	_, people := e.store.(model.Accounts)
	return ok && people
}

func loadPeople(store model.Store) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := storeCtx()
		defer cancel()
		list, err := store.(model.Accounts).AccountList(ctx)
		return peopleLoadedMsg{list, err}
	}
}

// asked reports whether the person has an open request to someone.
func (s *skillsScreen) asked(id int64) bool {
	return slices.ContainsFunc(s.requests, func(q model.RatingRequest) bool {
		return q.Open() && q.Rater == id && q.Companion == s.env.me
	})
}

func (s *skillsScreen) askKey(msg tea.KeyPressMsg) (screen, tea.Cmd) {
	k := s.k
	switch {
	case key.Matches(msg, k.pickUp):
		s.ask = max(s.ask-1, 0)
	case key.Matches(msg, k.pickDown):
		s.ask = min(s.ask+1, len(s.people)-1)
	case key.Matches(msg, k.pickCancel):
		s.asking = false
	case key.Matches(msg, k.pickChoose):
		s.asking = false
		who := s.people[s.ask]
		if s.asked(who.ID) {
			return s, showStatus(s.env.tf("skill.askedAgain", shownLine(who.Name)))
		}
		rr, _ := ratingsOf(s.env)
		return s, askRating(rr, who)
	}
	return s, nil
}

func (s *skillsScreen) askLines() []string {
	e := s.env
	lines := []string{e.st.paneTitleFocus.Render(e.t("skill.askTitle"))}
	for _, l := range wrapLines(e.t("skill.askIntro"), s.w-4) {
		lines = append(lines, "  "+e.st.muted.Render(l))
	}
	rows := max(min(len(s.people), s.h/2-1), 3)
	top := windowTop(len(s.people), s.ask, rows, 1)
	for i := top; i < min(top+rows, len(s.people)); i++ {
		text := shownLine(s.people[i].Name)
		if s.asked(s.people[i].ID) {
			text += "  " + e.t("skill.askPending")
		}
		text = truncate(text, s.w-4)
		if i == s.ask {
			lines = append(lines, e.st.selected.Render("▸ "+text))
		} else {
			lines = append(lines, "  "+text)
		}
	}
	return lines
}

// scopes are the choices for a new review: every skill, one group, or a
// few chosen one by one.
func (s *skillsScreen) scopes() []string {
	e := s.env
	out := []string{e.tf("skill.scopeAll", len(s.skills()))}
	for _, g := range model.SkillGroups {
		out = append(out, e.tf("skill.scopeGroup", model.GroupName(g, e.lang), len(s.env.lib.Skills.InGroup(g))))
	}
	return append(out, e.t("skill.scopeChoose"))
}

func (s *skillsScreen) pickKey(msg tea.KeyPressMsg) (screen, tea.Cmd) {
	n, k := len(s.scopes()), s.k
	switch {
	case key.Matches(msg, k.pickUp):
		s.pick = max(s.pick-1, 0)
	case key.Matches(msg, k.pickDown):
		s.pick = min(s.pick+1, n-1)
	case key.Matches(msg, k.pickCancel):
		s.picking = false
	case key.Matches(msg, k.pickChoose):
		m := s.env.lib.Skills
		switch {
		case s.pick == 0:
			s.picking = false
			return s, s.start(m.IDs())
		case s.pick <= len(model.SkillGroups):
			s.picking = false
			return s, s.start(m.InGroup(model.SkillGroups[s.pick-1]))
		default:
			s.picking, s.choosing, s.chosen, s.choose = false, true, map[string]bool{}, 0
		}
	default:
		if r := []rune(msg.Text); len(r) == 1 && r[0] >= '1' && int(r[0]-'0') <= n {
			s.pick = int(r[0]-'0') - 1
		}
	}
	return s, nil
}

func (s *skillsScreen) chooseKey(msg tea.KeyPressMsg) (screen, tea.Cmd) {
	skills, k := s.skills(), s.k
	switch {
	case key.Matches(msg, k.pickUp):
		s.choose = max(s.choose-1, 0)
	case key.Matches(msg, k.pickDown):
		s.choose = min(s.choose+1, len(skills)-1)
	case key.Matches(msg, k.toggle):
		id := skills[s.choose].ID
		s.chosen[id] = !s.chosen[id]
	case key.Matches(msg, k.pickCancel):
		s.choosing = false
	case key.Matches(msg, k.startChosen):
		var ids []string
		for _, sk := range skills {
			if s.chosen[sk.ID] {
				ids = append(ids, sk.ID)
			}
		}
		if len(ids) == 0 {
			return s, showError(s.env.t("skill.chooseNone"))
		}
		s.choosing = false
		return s, s.start(ids)
	}
	return s, nil
}

// start begins a review of the given skills, after the earlier ones (see
// model.StartSelfReview: the practice asked about, the aims carried over,
// last time's choice of skills to develop kept).
func (s *skillsScreen) start(ids []string) tea.Cmd {
	sess := model.StartSelfReview(s.env.lib.Skills, ids, s.reviews, s.env.lang, s.env.now())
	store, usual := s.env.store, s.env.usualType
	return func() tea.Msg {
		ctx, cancel := storeCtx()
		defer cancel()
		// The review reads for the kind of companion the person mostly is.
		engs, err := store.Engagements(ctx, false)
		if err != nil {
			return reviewStartedMsg{sess, err}
		}
		sess.HolderType = model.UsualType(engs, usual)
		started, err := store.StartSession(ctx, sess)
		return reviewStartedMsg{started, err}
	}
}

func (s *skillsScreen) selectedReview() (model.Session, bool) {
	if s.col < 0 || s.col >= len(s.hist) {
		return model.Session{}, false
	}
	return s.review(s.hist[s.col].SessionID)
}

// review is the self-review with the given id.
func (s *skillsScreen) review(id int64) (model.Session, bool) {
	i := slices.IndexFunc(s.reviews, func(r model.Session) bool { return r.ID == id })
	if i < 0 {
		return model.Session{}, false
	}
	return s.reviews[i], true
}

// newestChanged reports whether the newest review is another one than
// before, or has been finished since.
func newestChanged(before, now model.History) bool {
	if len(before) == 0 || len(now) == 0 {
		return false
	}
	a, b := before[len(before)-1], now[len(now)-1]
	return a.SessionID != b.SessionID || a.Status != b.Status
}

// belowAim marks an aim the level is below, in the chart.
const belowAim = "!"

// chart column widths: a date ("01/10*"), the target and the change.
const (
	chartColW   = 6
	chartSmallW = 5
	// maxTrend is the most reviews the trend column marks (the latest).
	maxTrend = 8
)

// trendWidth is the width of the trend column: none before there are two
// reviews to compare.
func (s *skillsScreen) trendWidth() int {
	if len(s.hist) < 2 {
		return 0
	}
	return 1 + max(min(len(s.hist), maxTrend), lipgloss.Width(s.env.t("skill.trendShort")))
}

func (s *skillsScreen) view() string {
	e := s.env
	switch {
	case s.err != "":
		return e.st.errText.Render(s.err)
	case !s.loaded || s.w <= 0:
		return e.st.muted.Render(e.t("common.loading"))
	case len(s.skills()) == 0:
		return e.st.muted.Render(e.t("skill.noMap"))
	}
	var top []string
	title := e.st.title.Render(truncate(e.t("skill.title"), s.w))
	if n := len(s.hist); n > 0 {
		if rest := s.w - lipgloss.Width(title) - 2; rest > 8 {
			count := e.tf("skill.count", n, s.hist[n-1].At.In(e.loc).Format("2006-01-02")) + "  " + s.cadenceLine()
			title += "  " + e.st.muted.Render(truncate(count, rest))
		}
	}
	top = append(top, title)
	if line := s.practiceLine(); line != "" {
		top = append(top, line)
	}
	var bottom []string
	switch {
	case s.setting != nil:
		bottom = s.cadenceLines()
	case s.asking:
		bottom = s.askLines()
	case s.choosing:
		bottom = s.chooseLines()
	case s.picking:
		bottom = s.pickLines()
	case len(s.hist) == 0:
		for _, l := range wrapLines(e.t("skill.empty"), s.w-2) {
			bottom = append(bottom, "  "+l)
		}
		if sk := s.skills(); s.row < len(sk) {
			for _, l := range e.othersLines(s.ratings, sk[s.row].ID, 0, s.w-2) {
				bottom = append(bottom, "  "+l)
			}
		}
	default:
		bottom = s.detailLines()
	}
	gridH := max(s.h-len(top)-len(bottom)-1, 3)
	lines := append(top, s.gridLines(gridH)...)
	lines = append(lines, "")
	lines = append(lines, bottom...)
	return fitHeight(strings.Join(lines, "\n"), s.h)
}

// practiceLine says which skills are being practised: those the next
// review will ask about.
func (s *skillsScreen) practiceLine() string {
	if len(s.practice) == 0 {
		return ""
	}
	var names []string
	for _, id := range s.practice {
		if sk, ok := s.env.lib.Skills.Skill(id); ok {
			names = append(names, sk.Name.In(s.env.lang))
		}
	}
	text := s.env.tf("skill.practising", strings.Join(names, s.env.t("common.listSep")))
	return s.env.st.accent.Render(truncate(text, s.w))
}

// nameWidth is the width of the skill names' column.
func (s *skillsScreen) nameWidth() int {
	w := 0
	for _, sk := range s.skills() {
		w = max(w, lipgloss.Width(sk.Name.In(s.env.lang)))
	}
	return min(w, max(s.w/3, 10))
}

// columns returns the first and one-past-last review shown: the most
// recent ones that fit, keeping the selected one in sight.
func (s *skillsScreen) columns() (int, int) {
	room := s.w - 2 - 3 - s.nameWidth() - s.smallColumns()*chartSmallW - s.trendWidth()
	n := max(room/chartColW, 1)
	end := len(s.hist)
	if s.col >= 0 && s.col < end-n {
		end = s.col + n
	}
	return max(end-n, 0), end
}

// smallColumns counts the narrow columns after the reviews: the aim, the
// change, and the latest other rating when anyone has rated the companion.
func (s *skillsScreen) smallColumns() int {
	if len(s.ratings) > 0 {
		return 3
	}
	return 2
}

func (s *skillsScreen) gridLines(h int) []string {
	e := s.env
	st := &e.st
	skills := s.skills()
	nameW := s.nameWidth()
	from, to := s.columns()
	header := strings.Repeat(" ", 2+3+nameW)
	for i := from; i < to; i++ {
		d := s.hist[i].At.In(e.loc).Format("01/02")
		if s.hist[i].Status != model.Done {
			d += "*"
		}
		cell := padRight(d, chartColW)
		if i == s.col {
			cell = st.heading.Render(cell)
		}
		header += cell
	}
	header += padLeft(e.t("skill.targetShort"), chartSmallW) + padLeft(e.t("skill.changeShort"), chartSmallW)
	if len(s.ratings) > 0 {
		header += padLeft(e.t("skill.otherShort"), chartSmallW)
	}
	trendW := s.trendWidth()
	if trendW > 0 {
		header += " " + e.t("skill.trendShort")
	}
	lines := []string{st.muted.Render(header)}
	rows := max(h-1, 1)
	top := windowTop(len(skills), s.row, rows, 1)
	for i := top; i < min(top+rows, len(skills)); i++ {
		sk := skills[i]
		name := padRight(truncate(sk.Name.In(e.lang), nameW), nameW)
		var b strings.Builder
		marker := "  "
		if i == s.row {
			marker = st.selected.Render("▸ ")
		}
		b.WriteString(marker)
		b.WriteString(st.muted.Render(padRight(e.t("groupShort."+string(sk.Group)), 3)))
		if i == s.row {
			b.WriteString(st.heading.Render(name))
		} else {
			b.WriteString(name)
		}
		for c := from; c < to; c++ {
			cell := "-"
			if r, ok := s.hist[c].Ratings[sk.ID]; ok {
				cell = fmt.Sprint(r.Level)
			}
			text := padRight("  "+cell, chartColW)
			switch {
			case i == s.row && c == s.col:
				text = st.selected.Render(text)
			case cell == "-":
				text = st.muted.Render(text)
			case slices.Contains(s.hist[c].Focus, sk.ID):
				text = st.accent.Render(text)
			}
			b.WriteString(text)
		}
		target, change := "", ""
		if s.col >= 0 {
			if r, at := s.hist.Latest(s.col, sk.ID); at >= 0 && r.Target > 0 {
				target = fmt.Sprint(r.Target)
				if r.Gap() > 0 {
					target += belowAim
				}
			}
			if c := s.hist.ChangeAt(s.col, sk.ID); c.Previous > 0 && c.Current > 0 {
				change = model.SignedDelta(c.Delta())
			}
		}
		if strings.HasSuffix(target, belowAim) {
			b.WriteString(st.warnText.Render(padLeft(target, chartSmallW)))
		} else {
			b.WriteString(padLeft(target, chartSmallW))
		}
		switch {
		case strings.HasPrefix(change, "+"):
			b.WriteString(st.accent.Render(padLeft(change, chartSmallW)))
		case strings.HasPrefix(change, "-"):
			b.WriteString(st.warnText.Render(padLeft(change, chartSmallW)))
		default:
			b.WriteString(padLeft(change, chartSmallW))
		}
		if len(s.ratings) > 0 {
			other := ""
			if v, ok := model.LatestOther(s.ratings, sk.ID); ok {
				other = fmt.Sprint(v.Level)
			}
			b.WriteString(st.accent.Render(padLeft(other, chartSmallW)))
		}
		if levels := s.hist.Levels(sk.ID); trendW > 0 && slices.ContainsFunc(levels, func(l int) bool { return l > 0 }) {
			b.WriteString(" " + st.accent.Render(model.Sparkline(levels, maxTrend)))
		}
		lines = append(lines, b.String())
	}
	return lines
}

// detailLines describe the selected skill in the selected review: the
// level and its description, the evidence, and what learners said.
func (s *skillsScreen) detailLines() []string {
	e := s.env
	st := &e.st
	skills := s.skills()
	if s.row >= len(skills) || s.col < 0 {
		return nil
	}
	sk := skills[s.row]
	snap := s.hist[s.col]
	date := snap.At.In(e.loc).Format("2006-01-02")
	w := s.w - 2
	var lines []string
	r, ok := snap.Ratings[sk.ID]
	if !ok {
		lines = append(lines, truncate(e.tf("skill.notRatedOn", sk.Name.In(e.lang), date), w))
	} else {
		head := fmt.Sprintf("%s — %d %s (%s)", sk.Name.In(e.lang), r.Level, model.LevelName(r.Level, e.lang), date)
		lines = append(lines, st.heading.Render(truncate(head, w)))
		for _, l := range wrapLines(shown(sk.Level(r.Level).In(e.lang)), w) {
			lines = append(lines, st.hint.Render(l))
		}
		if g := r.Gap(); g > 0 {
			lines = append(lines, st.warnText.Render(truncate(model.FocusReason{Kind: model.ReasonGap, Gap: g, Aim: r.Target}.Line(e.lang), w)))
		}
		if strings.TrimSpace(r.Evidence) != "" {
			lines = append(lines, truncate(e.t("skill.evidenceShort")+" "+oneLine(r.Evidence), w))
		}
	}
	lines = append(lines, e.othersLines(s.ratings, sk.ID, r.Level, w)...)
	if line := s.outcomeLine(snap, sk.ID); line != "" {
		lines = append(lines, st.accent.Render(truncate(line, w)))
	}
	if ps := model.RoundPractices(s.rounds, sk.ID); len(ps) > 0 {
		// The latest practice a round chose on the skill, whole.
		for _, l := range wrapLines(shown(e.roundPracticeLine(ps[0], len(ps))), w) {
			lines = append(lines, st.accent.Render(l))
		}
	}
	if notes := e.lib.FeedbackFor(s.feedback, sk.ID); len(notes) > 0 {
		// The latest, whole: each part the learner said, wrapped, never cut.
		n := notes[0]
		who := n.LearnerName
		if who == "" {
			who = n.FlowTitle
		}
		lines = append(lines, st.accent.Render(truncate(e.tf("skill.voiceLabel", len(notes))+" "+shownLine(who)+" "+n.At.In(e.loc).Format("01/02"), w)))
		for _, part := range model.FeedbackParts {
			if t := strings.TrimSpace(n.Parts[part]); t != "" {
				for _, l := range wrapLines(shown(e.feedbackPart(part)+" "+t), w-2) {
					lines = append(lines, "  "+l)
				}
			}
		}
	}
	for i := range lines {
		lines[i] = "  " + lines[i]
	}
	return lines
}

// roundPracticeLine says a round's next action practised on a skill: who
// chose it and when, how it went if a later round asked, and the action.
func (e *env) roundPracticeLine(p model.RoundPractice, n int) string {
	facts := []string{p.At.In(e.loc).Format("01/02"), oneLine(p.Name)}
	if p.Outcome != model.OutcomePending {
		facts = append(facts, model.OutcomeLabel(p.Outcome, e.lang))
	}
	if n > 1 {
		facts = append(facts, e.tf("skill.roundPracticeMore", n-1))
	}
	return e.tf("skill.roundPractice", strings.Join(facts, e.t("common.listSep")), oneLine(p.Action))
}

// outcomeLine says how the practice of a skill went, as the review asked
// it: its outcome and the words.
func (s *skillsScreen) outcomeLine(snap model.Snapshot, id string) string {
	o, ok := snap.Outcomes[id]
	words := strings.TrimSpace(snap.Practice[id])
	if !ok && words == "" {
		return ""
	}
	line := s.env.t("skill.practiceLabel")
	if ok {
		line += " " + model.OutcomeLabel(o, s.env.lang)
	}
	if words != "" {
		line += " — " + oneLine(words)
	}
	return line
}

func (s *skillsScreen) pickLines() []string {
	e := s.env
	lines := []string{e.st.paneTitleFocus.Render(e.t("skill.scopeTitle"))}
	for i, sc := range s.scopes() {
		text := truncate(fmt.Sprintf("%d %s", i+1, sc), s.w-4)
		if i == s.pick {
			lines = append(lines, e.st.selected.Render("▸ "+text))
		} else {
			lines = append(lines, "  "+text)
		}
	}
	return lines
}

func (s *skillsScreen) chooseLines() []string {
	e := s.env
	skills := s.skills()
	n := 0
	for _, v := range s.chosen {
		if v {
			n++
		}
	}
	lines := []string{e.st.paneTitleFocus.Render(e.tf("skill.chooseTitle", n))}
	rows := max(min(len(skills), s.h/2-1), 3)
	top := windowTop(len(skills), s.choose, rows, 1)
	for i := top; i < min(top+rows, len(skills)); i++ {
		mark := "[ ]"
		if s.chosen[skills[i].ID] {
			mark = "[x]"
		}
		text := truncate(mark+" "+skills[i].Name.In(e.lang)+"  "+model.GroupName(skills[i].Group, e.lang), s.w-4)
		if i == s.choose {
			lines = append(lines, e.st.selected.Render("▸ "+text))
		} else {
			lines = append(lines, "  "+text)
		}
	}
	return lines
}

func (s *skillsScreen) caret() *tea.Cursor { return nil }
func (s *skillsScreen) typing() bool       { return s.setting != nil } // a number of days is typed

func (s *skillsScreen) keys() help.KeyMap {
	k := s.k
	if s.setting != nil {
		bs := []key.Binding{k.pickUp, k.pickDown, k.cadenceSave, k.cadenceErase, k.pickCancel}
		return keyList{short: bs, full: [][]key.Binding{bs}}
	}
	if s.picking || s.choosing || s.asking {
		bs := []key.Binding{k.pickUp, k.pickDown, k.pickChoose, k.pickCancel}
		if s.choosing {
			bs = []key.Binding{k.pickUp, k.pickDown, k.toggle, k.startChosen, k.pickCancel}
		}
		return keyList{short: bs, full: [][]key.Binding{bs}}
	}
	_, ok := s.selectedReview()
	k.open.SetEnabled(ok)
	k.left.SetEnabled(s.col > 0)
	k.right.SetEnabled(s.col < len(s.hist)-1)
	k.ask.SetEnabled(canAsk(s.env))
	k.others.SetEnabled(len(s.ratings) > 0)
	short := []key.Binding{k.add, k.up, k.down, k.left, k.right, k.open, k.others, k.cadence, k.ask, k.back}
	return keyList{short: short, full: [][]key.Binding{short}}
}

// voiceLine is one session's feedback from the learner on one line: who,
// when, and each part that was said.
func (e *env) voiceLine(n model.FeedbackNote) string {
	var parts []string
	for _, part := range model.FeedbackParts {
		if t := strings.TrimSpace(n.Parts[part]); t != "" {
			parts = append(parts, e.feedbackPart(part)+" "+oneLine(t))
		}
	}
	who := n.LearnerName
	if who == "" {
		who = n.FlowTitle
	}
	return who + " " + n.At.In(e.loc).Format("01/02") + ": " + strings.Join(parts, " / ")
}

func (e *env) feedbackPart(part string) string {
	switch part {
	case model.FeedbackHelped:
		return e.t("feedback.short.helped")
	case model.FeedbackTooMuch:
		return e.t("feedback.short.tooMuch")
	}
	return e.t("feedback.short.missing")
}

// maxOthersShown is how many other people's ratings of a skill its page
// shows, the most recent first.
const maxOthersShown = 2

// othersLines are what other people said about a skill (a mentor, a boss,
// a peer), beside the companion's own level (self, 0 if not rated): who,
// their level and evidence, the gap to self and the date, each wrapped,
// never cut.
func (e *env) othersLines(ratings []model.PeerRating, skillID string, self, w int) []string {
	views := model.OthersOn(ratings, skillID, self)
	if len(views) == 0 {
		return nil
	}
	lines := []string{e.st.accent.Render(truncate(e.tf("skill.othersLabel", len(views)), w))}
	for _, v := range views[:min(len(views), maxOthersShown)] {
		lines = append(lines, wrapIndented(e.otherLine(v), w-2, "  ")...)
	}
	return lines
}

// otherLine is one other person's rating of a skill on one line: 山田
// （メンター） 4 — evidence  自己評価との差 +1  06/01.
func (e *env) otherLine(v model.OtherView) string {
	text := e.tf("skill.otherWho", model.TermSafeLine(v.Rating.Rater), v.Rating.Relation.Name(e.lang))
	if v.Level > 0 {
		text += fmt.Sprintf(" %d", v.Level)
	}
	if ev := strings.TrimSpace(v.Evidence); ev != "" {
		text += " — " + model.TermSafeLine(ev)
	}
	if v.HasGap {
		text += "  " + e.tf("skill.otherGap", model.SignedDelta(v.Gap))
	}
	return text + "  " + v.Rating.At.In(e.loc).Format("01/02")
}

// wrapIndented wraps text to width w and puts indent before every line.
func wrapIndented(text string, w int, indent string) []string {
	var out []string
	for _, l := range wrapLines(text, w) {
		out = append(out, indent+l)
	}
	return out
}
