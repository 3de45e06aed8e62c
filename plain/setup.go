package plain

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"bansou/model"
)

// What the main menu starts: a session with a learner, a session left in
// progress, a new engagement, a self-review, a peer round.

// startSession picks an engagement (or makes one) and a flow, then runs a
// new session of it, prepared as the full-screen interface prepares it.
// Both are chosen by number or by name (the learner's, the flow's title).
func (u *ui) startSession() error {
	ctx, cancel := u.storeCtx()
	engs, err := u.store.Engagements(ctx, false)
	cancel()
	if err != nil {
		return storeError{err}
	}
	items := make([]string, 0, len(engs)+1)
	names := make([][]string, 0, len(engs)+1)
	for _, e := range engs {
		items = append(items, u.engagementLabel(e))
		names = append(names, []string{e.Learner.Name})
	}
	items = append(items, u.t("plain.newEngagement"))
	names = append(names, []string{u.t("plain.newEngagement")})
	i, _, err := u.choice(menu{question: u.t("plain.whichEngagement"), items: items, names: names, enter: -1,
		enterSays: u.t("plain.enterBack")})
	if err != nil || i < 0 {
		return err
	}
	var eng model.Engagement
	if i == len(engs) {
		if eng, err = u.newEngagement(); err != nil || eng.ID == 0 {
			return err
		}
	} else {
		eng = engs[i]
	}
	ctx, cancel = u.storeCtx()
	defer cancel()
	sessions, err := u.store.Sessions(ctx, eng.ID)
	if err != nil {
		return storeError{err}
	}
	ledger, err := u.store.Ledger(ctx, eng.ID)
	if err != nil {
		return storeError{err}
	}
	flows := u.lib.Flows
	phase := eng.PhaseOn(u.today())
	sg := model.Suggest(flows, model.EngagementState{Engagement: eng, Sessions: sessions, Ledger: ledger}, u.today(), u.loc)
	items, names = items[:0], names[:0]
	for _, f := range flows {
		item := u.tf("plain.flowItem", f.Title.In(u.lang), u.t("phase."+string(f.Phase)))
		if f == sg.Flow {
			if why := sg.Why(u.lang); why != "" {
				item += u.tf("plain.suggested", why)
			}
		}
		items = append(items, item)
		names = append(names, []string{f.Title.In(model.Ja), f.Title.In(model.En), f.ID})
	}
	u.sayf("plain.phaseNow", safeLine(eng.Learner.Name), u.t("phase."+string(phase)))
	j, _, err := u.choice(menu{question: u.t("plain.whichFlow"), items: items, names: names, enter: -1,
		enterSays: u.t("plain.enterBack"), about: func(k int) string { return flows[k].Summary.In(u.lang) }})
	if err != nil || j < 0 {
		return err
	}
	sess := model.PrepareSession(flows[j], eng, sessions, ledger, u.lang, u.now(), u.today())
	started, err := u.store.StartSession(ctx, sess)
	if err != nil {
		return storeError{err}
	}
	return u.runSession(started.ID)
}

// engagementLabel names an engagement in a list, in words a screen reader
// reads without symbols; what was left empty is left out.
func (u *ui) engagementLabel(e model.Engagement) string {
	var about []string
	switch s, h := safeLine(e.SendingOrg), safeLine(e.HostOrg); {
	case s != "" && h != "":
		about = append(about, u.tf("plain.fromTo", s, h))
	case s != "":
		about = append(about, s)
	case h != "":
		about = append(about, u.tf("plain.toHost", h))
	}
	about = append(about, u.tf("plain.period", e.Start, e.End))
	return u.tf("plain.engagementLabel", safeLine(e.Learner.Name), strings.Join(about, u.t("plain.comma")))
}

// continueSession lists every session still in progress (with learners,
// self-reviews, rounds) and runs the one chosen.
func (u *ui) continueSession() error {
	ctx, cancel := u.storeCtx()
	defer cancel()
	var open []model.SessionSummary
	engs, err := u.store.Engagements(ctx, false)
	if err != nil {
		return storeError{err}
	}
	for _, e := range engs {
		list, err := u.store.Sessions(ctx, e.ID)
		if err != nil {
			return storeError{err}
		}
		for _, s := range list {
			// Another member's conversation on a server is theirs to go
			// on with.
			if s.Status == model.InProgress && (s.HeldBy == 0 || s.HeldBy == u.me) {
				open = append(open, s)
			}
		}
	}
	reviews, err := u.store.SoloSessions(ctx, model.SelfReviewFlowID)
	if err != nil {
		return storeError{err}
	}
	rounds, err := u.store.Rounds(ctx)
	if err != nil {
		return storeError{err}
	}
	solo := reviews
	for _, r := range rounds {
		solo = append(solo, r.Session)
	}
	for _, s := range solo {
		if s.Status == model.InProgress {
			a, _, n := s.Counts(model.Ledger{}) // a self-review or a round: no ledger
			open = append(open, model.SessionSummary{ID: s.ID, FlowTitle: s.FlowTitle, StartedAt: s.StartedAt,
				UpdatedAt: s.UpdatedAt, Answered: a, Total: n})
		}
	}
	if len(open) == 0 {
		u.say(u.t("plain.nothingOpen"))
		return nil
	}
	slices.SortStableFunc(open, func(a, b model.SessionSummary) int { return b.UpdatedAt.Compare(a.UpdatedAt) })
	items := make([]string, len(open))
	for i, s := range open {
		items[i] = u.sessionLabel(s)
	}
	i, err := u.choose(u.t("plain.whichSession"), items)
	if err != nil || i < 0 {
		return err
	}
	return u.runSession(open[i].ID)
}

// left turns leaving a form (/back) into going back to the menu, saying
// so.
func (u *ui) left(err error) error {
	if errors.Is(err, errBack) {
		u.say(u.t("plain.formLeft"))
		return nil
	}
	return err
}

// newEngagement asks for a learner's stint and saves it; a zero ID means
// the user gave up. Every answer is kept as a draft as soon as it is read
// (see draft.go): if the input ends or bansou stops before the engagement
// is saved, it is offered back, here and in the full interface.
func (u *ui) newEngagement() (model.Engagement, error) {
	d, ok, err := u.offerDraft()
	if err != nil || !ok {
		return model.Engagement{}, err
	}
	e, err := u.askEngagement(&d)
	if err != nil {
		if !d.Empty() {
			kept := u.tf("plain.draftKeptOf", safeLine(u.draftLabel(d)))
			if errors.Is(err, errEnd) {
				u.kept = append(u.kept, kept)
			} else {
				u.say(kept)
			}
		}
		return model.Engagement{}, u.left(err)
	}
	ctx, cancel := u.storeCtx()
	defer cancel()
	saved, err := u.store.CreateEngagement(ctx, e)
	if err != nil {
		return model.Engagement{}, storeError{err}
	}
	u.sayf("plain.engagementSaved", safeLine(saved.Learner.Name))
	return saved, nil
}

// parseDate reads a date in any of the forms bansou reads (2026-12-01,
// 2026/12/1, 2026年12月1日, and without the year 12月1日 or 12/1: the
// nearest such day), full-width digits too.
func (u *ui) parseDate(line string) (model.Date, bool) {
	d, err := model.ParseDateNear(line, u.today())
	return d, err == nil && !d.IsZero()
}

// startReview starts a self-review of every skill, one group, or skills
// chosen by number; the latest review's practice is brought back.
func (u *ui) startReview() error {
	m := u.lib.Skills
	if m == nil || len(m.Skills) == 0 {
		u.say(u.t("plain.noSkills"))
		return nil
	}
	items := []string{u.t("plain.reviewAll")}
	for _, g := range model.SkillGroups {
		items = append(items, u.tf("plain.reviewGroup", model.GroupName(g, u.lang)))
	}
	items = append(items, u.t("plain.reviewPick"))
	i, err := u.choose(u.t("plain.reviewWhat"), items)
	if err != nil || i < 0 {
		return err
	}
	var ids []string
	switch {
	case i == 0:
		ids = m.IDs()
	case i <= len(model.SkillGroups):
		ids = m.InGroup(model.SkillGroups[i-1])
	default:
		var err error
		if ids, err = u.askSkills(m); err != nil || len(ids) == 0 {
			return u.left(err)
		}
	}
	ctx, cancel := u.storeCtx()
	defer cancel()
	reviews, err := u.store.SoloSessions(ctx, model.SelfReviewFlowID)
	if err != nil {
		return storeError{err}
	}
	sess := model.StartSelfReview(m, ids, reviews, u.lang, u.now())
	engs, err := u.store.Engagements(ctx, false)
	if err != nil {
		return storeError{err}
	}
	sess.HolderType = model.UsualType(engs, u.usualType)
	started, err := u.store.StartSession(ctx, sess)
	if err != nil {
		return storeError{err}
	}
	return u.runSession(started.ID)
}

// askSkills reads the skills to review, by their numbers; an empty line
// goes back.
func (u *ui) askSkills(m *model.SkillMap) ([]string, error) {
	list := make([]string, len(m.Skills))
	for k, s := range m.Skills {
		list[k] = u.tf("plain.skillItem", k+1, s.Name.In(u.lang), model.GroupName(s.Group, u.lang))
	}
	u.say(u.t("plain.reviewNumbers"))
	u.say(list...)
	for {
		line, err := u.formLine(u.t("plain.reviewNumbersAgain"))
		if err != nil || normal(line) == "" {
			return nil, err
		}
		ns, ok := numbers(line, len(m.Skills))
		if !ok {
			if err := u.refusef("plain.badNumbers", len(m.Skills)); err != nil {
				return nil, err
			}
			continue
		}
		var ids []string
		for _, n := range ns {
			if id := m.Skills[n-1].ID; !slices.Contains(ids, id) {
				ids = append(ids, id)
			}
		}
		return ids, nil
	}
}

// startRound prepares a peer round as the facilitator's setup does: the
// participants (last round's offered) and their kinds of companion, the
// format, the roles with the presenter suggested by rotation, a case card
// and the minutes. /back at any question leaves it.
func (u *ui) startRound() error {
	rc := u.lib.Rounds
	if rc == nil || len(rc.Formats) == 0 {
		u.say(u.t("plain.noRounds"))
		return nil
	}
	ctx, cancel := u.storeCtx()
	rounds, err := u.store.Rounds(ctx)
	cancel()
	if err != nil {
		return storeError{err}
	}
	slices.SortStableFunc(rounds, model.CompareRounds)
	var prev model.PeerRound // the latest round: its people, facilitator and format come first
	if n := len(rounds); n > 0 {
		prev = rounds[n-1].Round
	}
	setup, err := u.askRound(rc, prev, rounds)
	if err != nil {
		return u.left(err)
	}
	if err := setup.Validate(); err != nil {
		u.sayf("plain.setupInvalid", err)
		return nil
	}
	sess, rd := model.NewRound(setup, model.LatestNextActions(rounds), u.lang, u.now())
	ctx, cancel = u.storeCtx()
	defer cancel()
	sess, _, err = u.store.StartRound(ctx, sess, rd)
	if err != nil {
		return storeError{err}
	}
	return u.runSession(sess.ID)
}

// askRound asks everything a round is set up with; errBack when the user
// leaves.
func (u *ui) askRound(rc *model.RoundContent, prev model.PeerRound, rounds []model.RoundEntry) (model.RoundSetup, error) {
	people, err := u.askParticipants(prev.Participants)
	if err != nil {
		return model.RoundSetup{}, err
	}
	if err := u.askTypes(people); err != nil {
		return model.RoundSetup{}, err
	}
	setup := model.RoundSetup{Participants: people, Cast: map[string]string{}}
	items := make([]string, len(rc.Formats))
	names := make([][]string, len(rc.Formats))
	def := 0
	for i, f := range rc.Formats {
		items[i] = f.Title.In(u.lang)
		names[i] = []string{f.Title.In(model.Ja), f.Title.In(model.En), f.ID}
		if f.Default && prev.Format == "" || f.ID == prev.Format {
			def = i
		}
	}
	i, cmd, err := u.choice(menu{question: u.tf("plain.whichFormat", items[def]), items: items, names: names, enter: def,
		enterSays: u.tf("plain.enterFor", items[def]), about: func(k int) string { return rc.Formats[k].Summary.In(u.lang) }})
	if err == nil && cmd != "" {
		err = errBack
	}
	if err != nil {
		return setup, err
	}
	setup.Format = rc.Formats[i]
	line, err := u.formLine(u.t("plain.purposeAsk"))
	if err != nil {
		return setup, err
	}
	setup.Purpose = strings.TrimSpace(model.SingleLine(line))
	pick := func(key, suggested string) (string, error) {
		return u.askPerson(people, key, suggested)
	}
	facilitator := people[0].Name
	for _, p := range people {
		if prev.Facilitator != "" && strings.EqualFold(p.Name, prev.Facilitator) {
			facilitator = p.Name
		}
	}
	if setup.Facilitator, err = pick("plain.facilitator", facilitator); err != nil {
		return setup, err
	}
	// The facilitator is never suggested: with nobody else, Enter
	// leaves the presenter open.
	switch suggested := model.SuggestPresenter(people, setup.Facilitator, rounds); {
	case setup.Format.NoPresenter:
	case setup.Format.Blocked():
		if setup.Presenters, err = u.askPresenters(people, suggested); err != nil {
			return setup, err
		}
		setup.Presenter = setup.Presenters[0]
	default:
		key := "plain.presenter"
		if suggested == "" {
			key = "plain.noPresenter"
		}
		if setup.Presenter, err = pick(key, suggested); err != nil {
			return setup, err
		}
	}
	scribe := setup.Facilitator
	for _, p := range people {
		if p.Name != setup.Facilitator && p.Name != setup.Presenter {
			scribe = p.Name
			break
		}
	}
	if setup.Scribe, err = pick("plain.scribe", scribe); err != nil {
		return setup, err
	}
	for _, role := range setup.Format.Roles {
		u.sayf("plain.castBrief", role.Name.In(u.lang), role.Brief.In(u.lang))
		who, err := u.askPerson(people, "plain.cast", "", role.Name.In(u.lang))
		if err != nil {
			return setup, err
		}
		if who != "" {
			setup.Cast[role.ID] = who
		}
	}
	if err := u.askCase(&setup); err != nil {
		return setup, err
	}
	return setup, u.askMinutes(&setup)
}

// askPerson chooses one of the participants for a role, by number or by
// name; an empty line takes the one suggested ("" for nobody).
func (u *ui) askPerson(people []model.Participant, key, suggested string, args ...any) (string, error) {
	items := make([]string, len(people))
	for k, p := range people {
		items[k] = safeLine(p.Name)
	}
	says := u.t("plain.enterNobody")
	if suggested != "" {
		says = u.tf("plain.enterFor", safeLine(suggested))
	}
	k, err := u.chooseIn(u.tf(key, args...)+u.tf("plain.paren", says), items, nil, -1, says)
	if err != nil || k < 0 {
		return suggested, err
	}
	return people[k].Name, nil
}

// askPresenters reads the presenters of a format run once per presenter:
// their numbers (or names) in the order they present; an empty line takes
// the one the rotation suggests.
func (u *ui) askPresenters(people []model.Participant, suggested string) ([]string, error) {
	list := make([]string, len(people))
	m := menu{items: make([]string, len(people))}
	for i, p := range people {
		list[i] = fmt.Sprintf("%d. %s", i+1, safeLine(p.Name))
		m.items[i] = p.Name
	}
	u.say(u.tf("plain.presenters", safeLine(suggested)))
	u.say(list...)
	for {
		line, err := u.formLine(u.t("plain.presentersAgain"))
		if err != nil {
			return nil, err
		}
		if normal(line) == "" {
			return []string{suggested}, nil
		}
		var out []string
		ok := true
		for _, f := range strings.FieldsFunc(line, func(r rune) bool { return r == ',' || r == '、' || r == '，' }) {
			for _, w := range strings.Fields(f) {
				k := -1
				if n, isNum := number(w, len(people)); isNum {
					k = n - 1
				} else {
					k, _ = m.byName(w)
				}
				if k < 0 || slices.Contains(out, people[k].Name) {
					ok = false
					break
				}
				out = append(out, people[k].Name)
			}
		}
		if ok && len(out) > 0 {
			return out, nil
		}
		if err := u.refusef("plain.badPresenters", len(people)); err != nil {
			return nil, err
		}
	}
}

// askParticipants reads the participants' names, one per line, ending with
// ".": an empty first line keeps last round's. /back leaves the setup.
func (u *ui) askParticipants(last []model.Participant) ([]model.Participant, error) {
	if len(last) > 0 {
		names := make([]string, len(last))
		for i, p := range last {
			names[i] = safeLine(p.Name)
		}
		u.sayf("plain.lastParticipants", strings.Join(names, u.t("plain.comma")))
	}
	for {
		text, cmd, err := u.readText(u.t("plain.participants"), nil)
		if err != nil {
			return nil, err
		}
		if isBack(cmd) {
			return nil, errBack
		}
		if cmd != "" {
			if err := u.refusef("plain.formCommands", safeLine(cmd)); err != nil {
				return nil, err
			}
			continue
		}
		if strings.TrimSpace(text) == "" {
			if len(last) == 0 {
				if err := u.refuse(u.t("plain.needParticipants")); err != nil {
					return nil, err
				}
				continue
			}
			return slices.Clone(last), nil
		}
		var people []model.Participant
		seen := map[string]bool{}
		dup := ""
		for _, line := range strings.Split(text, "\n") {
			name := strings.Join(strings.Fields(line), " ")
			if name == "" {
				continue
			}
			if seen[strings.ToLower(name)] {
				dup = name
			}
			seen[strings.ToLower(name)] = true
			p := model.Participant{Name: name, Type: model.Sending}
			if i := slices.IndexFunc(last, func(l model.Participant) bool { return strings.EqualFold(l.Name, name) }); i >= 0 {
				p.Type = last[i].Type
			}
			people = append(people, p)
		}
		if dup != "" {
			if err := u.refusef("plain.duplicateName", safeLine(dup)); err != nil {
				return nil, err
			}
			continue
		}
		return people, nil
	}
}

// askTypes says each participant's kind of companion (last round's, or the
// sending side) and changes the one the user chooses, by number or name,
// until an empty line keeps them.
func (u *ui) askTypes(people []model.Participant) error {
	for {
		items := make([]string, len(people))
		names := make([][]string, len(people))
		for k, p := range people {
			items[k] = u.tf("plain.participantType", safeLine(p.Name), model.CompanionTypeLabel(p.Type, u.lang))
			names[k] = []string{p.Name}
		}
		k, err := u.chooseIn(u.t("plain.whoseType"), items, names, -1, u.t("plain.enterKeeps"))
		if err != nil || k < 0 {
			return err
		}
		t, err := u.chooseType(u.tf("plain.typeOf", safeLine(people[k].Name)), people[k].Type)
		if err != nil {
			return err
		}
		people[k].Type = t
		u.sayf("plain.typeSet", safeLine(people[k].Name), model.CompanionTypeLabel(t, u.lang))
	}
}

// chooseType chooses a kind of companion, by number or name; an empty
// line takes def.
func (u *ui) chooseType(question string, def model.CompanionType) (model.CompanionType, error) {
	items := make([]string, len(model.CompanionTypes))
	names := make([][]string, len(model.CompanionTypes))
	for i, t := range model.CompanionTypes {
		items[i] = model.CompanionTypeLabel(t, u.lang)
		names[i] = []string{model.CompanionTypeLabel(t, model.Ja), model.CompanionTypeLabel(t, model.En), string(t)}
	}
	says := u.tf("plain.enterFor", model.CompanionTypeLabel(def, u.lang))
	i, err := u.chooseIn(question+u.tf("plain.paren", says), items, names, -1, says)
	if err != nil || i < 0 {
		return def, err
	}
	return model.CompanionTypes[i], nil
}

// askCase offers the case deck; an empty line means no card.
func (u *ui) askCase(setup *model.RoundSetup) error {
	cases := u.lib.Rounds.Cases
	if len(cases) == 0 {
		return nil
	}
	items := make([]string, len(cases))
	for i, c := range cases {
		items[i] = u.tf("plain.flowItem", c.Title.In(u.lang), u.t("phase."+string(c.Phase)))
	}
	i, err := u.chooseIn(u.t("plain.whichCase"), items, nil, -1, u.t("plain.enterNoCase"))
	if err != nil || i < 0 {
		return err
	}
	setup.CaseID = cases[i].ID
	u.say(cases[i].Scene.In(u.lang), cases[i].Question.In(u.lang))
	return nil
}

// askMinutes says the phases with their minutes and reads new ones, in
// order, separated by spaces; an empty line keeps them.
func (u *ui) askMinutes(setup *model.RoundSetup) error {
	var mins, list []string
	for i, ph := range setup.Format.Phases {
		m := int(ph.Planned / time.Minute)
		mins = append(mins, fmt.Sprint(m))
		list = append(list, u.tf("plain.phaseMinutes", i+1, ph.Title.In(u.lang), m))
	}
	u.say(u.tf("plain.minutes", strings.Join(mins, " ")))
	u.say(list...)
	for {
		line, err := u.formLine(u.t("plain.minutesAgain"))
		if err != nil {
			return err
		}
		if normal(line) == "" {
			return nil
		}
		ns, ok := numbers(line, 600)
		if !ok || len(ns) > len(setup.Format.Phases) {
			if err := u.refuse(u.t("plain.badMinutes")); err != nil {
				return err
			}
			continue
		}
		setup.Planned = nil
		for _, n := range ns {
			setup.Planned = append(setup.Planned, time.Duration(n)*time.Minute)
		}
		return nil
	}
}
