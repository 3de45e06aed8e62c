package plain

import (
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
func (u *ui) startSession() error {
	ctx, cancel := u.storeCtx()
	engs, err := u.store.Engagements(ctx, false)
	cancel()
	if err != nil {
		return storeError{err}
	}
	items := make([]string, 0, len(engs)+1)
	for _, e := range engs {
		items = append(items, u.engagementLabel(e))
	}
	items = append(items, u.t("plain.newEngagement"))
	i, err := u.choose(u.t("plain.whichEngagement"), items)
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
	items = items[:0]
	for _, f := range flows {
		items = append(items, fmt.Sprintf("%s — %s (%s)", f.Title.In(u.lang), f.Summary.In(u.lang), u.t("phase."+string(f.Phase))))
	}
	u.sayf("plain.phaseNow", safeLine(eng.Learner.Name), u.t("phase."+string(phase)))
	j, err := u.choose(u.t("plain.whichFlow"), items)
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

func (u *ui) engagementLabel(e model.Engagement) string {
	return fmt.Sprintf("%s (%s → %s, %s – %s)", safeLine(e.Learner.Name), safeLine(e.SendingOrg), safeLine(e.HostOrg), e.Start, e.End)
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
			u.say(u.t("plain.draftKept"))
		}
		return model.Engagement{}, err
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

// askDate reads a date (YYYY-MM-DD, full-width digits too), asking again
// until it is one; an empty line is the zero date unless required.
func (u *ui) askDate(key string, required bool) (model.Date, error) {
	for {
		line, err := u.ask(u.t(key))
		if err != nil {
			return model.Date{}, err
		}
		if normal(line) == "" && !required {
			return model.Date{}, nil
		}
		d, err := model.ParseDate(line)
		if err == nil && !d.IsZero() {
			return d, nil
		}
		u.say(u.t("plain.badDate"))
	}
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
		names := make([]string, len(m.Skills))
		for k, s := range m.Skills {
			names[k] = fmt.Sprintf("%d. %s — %s", k+1, s.Name.In(u.lang), model.GroupName(s.Group, u.lang))
		}
		u.say(names...)
		for len(ids) == 0 {
			line, err := u.ask(u.t("plain.reviewNumbers"))
			if err != nil {
				return err
			}
			if normal(line) == "" {
				return nil
			}
			ns, ok := numbers(line, len(m.Skills))
			if !ok {
				u.sayf("plain.notOnList", len(m.Skills))
				continue
			}
			for _, n := range ns {
				if id := m.Skills[n-1].ID; !slices.Contains(ids, id) {
					ids = append(ids, id)
				}
			}
		}
	}
	ctx, cancel := u.storeCtx()
	defer cancel()
	reviews, err := u.store.SoloSessions(ctx, model.SelfReviewFlowID)
	if err != nil {
		return storeError{err}
	}
	sess := model.NewSelfReview(m, ids, model.PracticeSource(reviews), u.lang, u.now())
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

// startRound prepares a peer round as the facilitator's setup does: the
// participants (last round's offered), the format, the roles with the
// presenter suggested by rotation, a case card and the minutes.
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
	var last []model.Participant
	var prev model.PeerRound // the latest round: its people, facilitator and format come first
	if n := len(rounds); n > 0 {
		prev = rounds[n-1].Round
		last = prev.Participants
	}
	people, err := u.askParticipants(last)
	if err != nil || len(people) == 0 {
		return err
	}
	setup := model.RoundSetup{Participants: people, Cast: map[string]string{}}
	items := make([]string, len(rc.Formats))
	def := 0
	for i, f := range rc.Formats {
		items[i] = fmt.Sprintf("%s — %s", f.Title.In(u.lang), f.Summary.In(u.lang))
		if f.Default && prev.Format == "" || f.ID == prev.Format {
			def = i
		}
	}
	i, err := u.choose(u.tf("plain.whichFormat", def+1), items)
	if err != nil {
		return err
	}
	if i < 0 {
		i = def
	}
	setup.Format = rc.Formats[i]
	line, err := u.ask(u.t("plain.purposeAsk"))
	if err != nil {
		return err
	}
	setup.Purpose = strings.TrimSpace(line)
	names := make([]string, len(people))
	for k, p := range people {
		names[k] = safeLine(p.Name)
	}
	pick := func(key, suggested string) (string, error) {
		question := u.t(key)
		if suggested != "" {
			question = u.tf(key, safeLine(suggested))
		}
		k, err := u.choose(question, names)
		if err != nil || k < 0 {
			return suggested, err
		}
		return people[k].Name, nil
	}
	facilitator := people[0].Name
	for _, p := range people {
		if prev.Facilitator != "" && strings.EqualFold(p.Name, prev.Facilitator) {
			facilitator = p.Name
		}
	}
	if setup.Facilitator, err = pick("plain.facilitator", facilitator); err != nil {
		return err
	}
	// The facilitator is never suggested: with nobody else, Enter
	// leaves the presenter open.
	switch suggested := model.SuggestPresenter(people, setup.Facilitator, rounds); {
	case setup.Format.NoPresenter:
	case setup.Format.Blocked():
		if setup.Presenters, err = u.askPresenters(people, suggested); err != nil {
			return err
		}
		setup.Presenter = setup.Presenters[0]
	default:
		presenterKey := "plain.presenter"
		if suggested == "" {
			presenterKey = "plain.noPresenter"
		}
		if setup.Presenter, err = pick(presenterKey, suggested); err != nil {
			return err
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
		return err
	}
	for _, role := range setup.Format.Roles {
		u.sayf("plain.castBrief", role.Name.In(u.lang), role.Brief.In(u.lang))
		k, err := u.choose(u.tf("plain.cast", role.Name.In(u.lang)), names)
		if err != nil {
			return err
		}
		if k >= 0 {
			setup.Cast[role.ID] = people[k].Name
		}
	}
	if err := u.askCase(&setup); err != nil {
		return err
	}
	if err := u.askMinutes(&setup); err != nil {
		return err
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

// askPresenters reads the presenters of a format run once per presenter:
// their numbers in the order they present; an empty line takes the one
// the rotation suggests.
func (u *ui) askPresenters(people []model.Participant, suggested string) ([]string, error) {
	for i, p := range people {
		u.say(fmt.Sprintf("%d. %s", i+1, safeLine(p.Name)))
	}
	for {
		line, err := u.ask(u.tf("plain.presenters", safeLine(suggested)))
		if err != nil {
			return nil, err
		}
		if normal(line) == "" {
			return []string{suggested}, nil
		}
		ns, ok := numbers(line, len(people))
		var out []string
		for _, n := range ns {
			if slices.Contains(out, people[n-1].Name) {
				ok = false
			}
			out = append(out, people[n-1].Name)
		}
		if ok {
			return out, nil
		}
		u.sayf("plain.badPresenters", len(people))
	}
}

// askParticipants reads the participants' names, one per line, ending with
// ".": an empty first line keeps last round's.
func (u *ui) askParticipants(last []model.Participant) ([]model.Participant, error) {
	if len(last) > 0 {
		names := make([]string, len(last))
		for i, p := range last {
			names[i] = safeLine(p.Name)
		}
		u.sayf("plain.lastParticipants", strings.Join(names, "、"))
	}
	for {
		text, cmd, err := u.readText(u.t("plain.participants"), nil)
		if err != nil {
			return nil, err
		}
		if cmd != "" {
			u.say(u.t("plain.noCommandHere"))
			continue
		}
		if strings.TrimSpace(text) == "" {
			if len(last) == 0 {
				u.say(u.t("plain.needParticipants"))
				continue
			}
			return last, nil
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
			u.sayf("plain.duplicateName", safeLine(dup))
			continue
		}
		return people, nil
	}
}

// askCase offers the case deck; an empty line means no card.
func (u *ui) askCase(setup *model.RoundSetup) error {
	cases := u.lib.Rounds.Cases
	if len(cases) == 0 {
		return nil
	}
	items := make([]string, len(cases))
	for i, c := range cases {
		items[i] = fmt.Sprintf("%s (%s)", c.Title.In(u.lang), u.t("phase."+string(c.Phase)))
	}
	i, err := u.choose(u.t("plain.whichCase"), items)
	if err != nil || i < 0 {
		return err
	}
	setup.CaseID = cases[i].ID
	u.say(cases[i].Scene.In(u.lang), cases[i].Question.In(u.lang))
	return nil
}

// askMinutes shows the phases with their minutes and reads new ones, in
// order, separated by spaces; an empty line keeps them.
func (u *ui) askMinutes(setup *model.RoundSetup) error {
	var mins []string
	for i, ph := range setup.Format.Phases {
		m := int(ph.Planned / time.Minute)
		mins = append(mins, fmt.Sprint(m))
		u.say(u.tf("plain.phaseMinutes", i+1, ph.Title.In(u.lang), m))
	}
	for {
		line, err := u.ask(u.tf("plain.minutes", strings.Join(mins, " ")))
		if err != nil {
			return err
		}
		if normal(line) == "" {
			return nil
		}
		ns, ok := numbers(line, 600)
		if !ok || len(ns) > len(setup.Format.Phases) {
			u.say(u.t("plain.badMinutes"))
			continue
		}
		setup.Planned = nil
		for _, n := range ns {
			setup.Planned = append(setup.Planned, time.Duration(n)*time.Minute)
		}
		return nil
	}
}
