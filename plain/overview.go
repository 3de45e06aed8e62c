package plain

import (
	"strings"

	"bansou/model"
	"bansou/work"
)

// An engagement read back: its facts and balance, its worries with their
// dated history, its actions with owner and due date, the agreement by
// topic and party, the comparison of early and later words; and what is
// due across every engagement. Private records come only to their author
// (the store sees to that) and are said to be private.

// overview says an engagement's facts, its members on a server, the
// balance warnings with why they matter, what is due for it and how many
// sessions, worries, actions and agreement topics it has.
func (u *ui) overview(r work.Engagement) {
	e := r.Engagement
	today := u.today()
	u.say("", u.learnerLine(e))
	if e.MyType.Valid() {
		u.sayf("look.myType", model.CompanionTypeLabel(e.MyType, u.lang))
	}
	if len(e.Companions) > 0 {
		var cs []string
		for _, c := range e.Companions {
			cs = append(cs, u.tf("look.person", safeLine(c.Name), model.CompanionTypeLabel(c.Type, u.lang)))
		}
		u.sayf("look.companions", strings.Join(cs, u.t("look.sep")))
	}
	if len(r.Members) > 0 {
		var ms []string
		for _, m := range r.Members {
			ms = append(ms, u.tf("look.person", safeLine(m.Name), model.CompanionTypeLabel(m.Type, u.lang)))
		}
		u.sayf("look.members", strings.Join(ms, u.t("look.sep")))
	}
	if n := len(r.Sessions); n > 0 {
		u.sayf("look.contact", n, r.LastContact(u.loc))
	}
	for _, d := range model.Due(today, u.loc, []model.EngagementState{r.EngagementState}) {
		u.sayf("look.dueHere", model.DueText(d, u.lang))
	}
	u.warnings(r.EngagementState, false)
	l := r.Ledger
	u.sayf("look.counts", len(l.OpenAnxieties()), len(l.Anxieties), len(l.OpenActions()), len(l.Actions), len(l.Current()))
}

// warnings says the balance warnings of an engagement, each with why it
// matters; named, each starts with the learner's name.
func (u *ui) warnings(st model.EngagementState, named bool) int {
	today := u.today()
	ws := model.Warnings(today, u.loc, st)
	for _, w := range ws {
		title, why := model.WarningText(w, st.Engagement.Cadence(today), u.lang)
		if named {
			title = u.tf("look.whose", safeLine(st.Engagement.Learner.Name), title)
		}
		u.say(title, "  "+why)
	}
	return len(ws)
}

// worryList lists the worries, open ones first as the ledger keeps them,
// and reads the one chosen whole, with its history.
func (u *ui) worryList(r work.Engagement) error {
	as := r.Ledger.Anxieties
	if len(as) == 0 {
		u.say(u.t("look.noWorries"))
		return nil
	}
	items := make([]string, len(as))
	for i, a := range as {
		items[i] = u.tf("look.worryLine", u.oneLine(a.Text), u.private(a.Private), model.StatusLabel(a.Status(), u.lang))
	}
	return u.browse(items, func(i int) error {
		u.worry(r, as[i])
		return nil
	})
}

// worry reads a worry: its words, status, category, intensity and term,
// the support plan, when and where it was written down, and each dated
// status after it with its note (a private note said so).
func (u *ui) worry(r work.Engagement, a model.Anxiety) {
	u.say("", u.t("look.worry")+u.private(a.Private))
	u.indent(a.Text)
	var facts []string
	facts = append(facts, u.tf("look.status", model.StatusLabel(a.Status(), u.lang)))
	if a.Category != "" {
		facts = append(facts, u.tf("look.category", u.lib.CategoryName(a.Category, u.lang)))
	}
	if a.Intensity > 0 {
		facts = append(facts, u.tf("look.intensity", a.Intensity))
	}
	if a.Term != "" {
		facts = append(facts, model.TermLabel(a.Term, u.lang))
	}
	u.say(strings.Join(facts, u.t("look.sep")))
	if strings.TrimSpace(a.Plan) != "" {
		u.say(u.t("look.plan"))
		u.indent(a.Plan)
	}
	u.sayf("look.voiced", a.CreatedAt.In(u.loc).Format("2006-01-02"), u.sessionTitle(r, a.SessionID))
	for _, up := range a.History {
		u.history(up.At.In(u.loc).Format("2006-01-02"), model.StatusLabel(up.Status, u.lang), up.Note, up.NoteShared && !a.Private)
	}
}

// history says one dated status or outcome with its note.
func (u *ui) history(day, what, note string, shared bool) {
	u.sayf("look.history", day, what)
	if strings.TrimSpace(note) != "" {
		u.say(u.t("look.note") + u.private(!shared))
		u.indent(note)
	}
}

// actionList lists the actions with owner and due date, and reads the one
// chosen whole, with what came of it.
func (u *ui) actionList(r work.Engagement) error {
	as := r.Ledger.Actions
	if len(as) == 0 {
		u.say(u.t("look.noActions"))
		return nil
	}
	items := make([]string, len(as))
	for i, a := range as {
		items[i] = u.tf("look.actionLine", u.oneLine(a.Text), u.actionFacts(a), model.OutcomeLabel(a.Outcome(), u.lang))
	}
	return u.browse(items, func(i int) error {
		a := as[i]
		u.say("", u.t("look.action"))
		u.indent(a.Text)
		u.say(u.actionFacts(a) + u.t("look.sep") + model.OutcomeLabel(a.Outcome(), u.lang))
		u.sayf("look.decided", a.CreatedAt.In(u.loc).Format("2006-01-02"), u.sessionTitle(r, a.SessionID))
		for _, up := range a.History {
			u.history(up.At.In(u.loc).Format("2006-01-02"), model.OutcomeLabel(up.Outcome, u.lang), up.Note, up.NoteShared)
		}
		return nil
	})
}

// actionFacts are an action's owner and due date, and how far past due.
func (u *ui) actionFacts(a model.Action) string {
	facts := u.tf("look.owner", model.OwnerLabel(a.Owner, u.lang))
	if !a.Due.IsZero() {
		facts += u.t("look.sep") + u.tf("look.due", a.Due)
		if a.PastDue(u.today()) {
			facts += u.tf("look.pastDue", a.Due.DaysUntil(u.today()))
		}
	}
	return facts
}

// agreementList lists the agreement's topics as they stand, each with the
// parties' fit by name, and reads the one chosen whole.
func (u *ui) agreementList(r work.Engagement) error {
	cur := r.Ledger.Current()
	if len(cur) == 0 {
		u.say(u.t("look.noAgreement"))
		return nil
	}
	items := make([]string, len(cur))
	for i, it := range cur {
		items[i] = u.tf("look.topicLine", safeLine(it.Title), model.FitWords(it, u.lang))
		if it.HasGap() {
			items[i] += u.t("look.toDiscussTag")
		}
	}
	return u.browse(items, func(i int) error {
		u.topic(r.Ledger, cur[i])
		return nil
	})
}

// topic reads one topic of the agreement: when it was recorded, each
// party's fit and expectation, the agreed text and who confirmed it, what
// is still to discuss and what changed since it was first agreed.
func (u *ui) topic(l model.Ledger, it model.AgreementItem) {
	u.say("", u.tf("look.topic", safeLine(it.Title), it.SessionStarted.In(u.loc).Format("2006-01-02")))
	u.sayf("look.fit", model.FitWords(it, u.lang))
	for _, p := range model.Parties {
		if v := it.View(p); strings.TrimSpace(v.Expectation) != "" {
			u.sayf("look.expects", model.PartyLabel(p, u.lang))
			u.indent(v.Expectation)
		}
	}
	if strings.TrimSpace(it.Agreed) == "" {
		u.say(u.t("look.noAgreed"))
	} else {
		u.say(u.t("look.agreed"))
		u.indent(it.Agreed)
		for _, c := range it.Confirmed {
			if c.Stands(it.Agreed) {
				u.sayf("look.confirmed", model.PartyLabel(c.Party, u.lang), safeLine(c.Name), c.ConfirmedAt.In(u.loc).Format("2006-01-02"))
			}
		}
	}
	if parts := model.GapParts(it, u.lang); len(parts) > 0 {
		u.sayf("look.toDiscuss", strings.Join(parts, u.t("look.sep")))
	}
	if first, ok := l.FirstAgreed(it.Topic); ok && first.SessionID != it.SessionID {
		if ch := it.Changes(first); len(ch) > 0 {
			u.sayf("look.changed", first.SessionStarted.In(u.loc).Format("2006-01-02"), model.ChangeWords(ch, u.lang))
		} else {
			u.sayf("look.unchanged", first.SessionStarted.In(u.loc).Format("2006-01-02"))
		}
	}
}

// comparison reads the comparison of early and later words: the purpose
// before departure and the reflection after return, the worries at
// departure and now, and the agreement as first agreed and as last
// revisited.
func (u *ui) comparison(id int64) error {
	ctx, cancel := u.storeCtx()
	eng, cmp, err := work.Comparison(ctx, u.store, u.lib, id, u.lang, u.loc)
	cancel()
	if err != nil {
		return storeError{err}
	}
	if cmp.Departure.IsZero() {
		u.say("", u.t("look.compareIntro"))
	} else {
		u.say("", u.tf("look.compareDated", cmp.Departure))
	}
	u.say("", u.t("look.comparePurpose"))
	if len(cmp.Purpose) == 0 {
		u.say(u.t("look.noPurpose"))
	}
	for i, p := range cmp.Purpose {
		if i > 0 {
			u.say("")
		}
		u.said(eng, u.tf("look.before", safeLine(p.BeforeTitle)), p.Before)
		u.said(eng, u.tf("look.after", safeLine(p.AfterTitle)), p.After)
	}
	u.say("", u.t("look.compareWorries"))
	if len(cmp.Anxieties) == 0 {
		u.say(u.t("look.noWorries"))
	}
	for _, a := range cmp.Anxieties {
		then := u.t("look.voicedLater")
		if a.AtDeparture != "" {
			then = u.tf("look.atDeparture", model.StatusLabel(a.AtDeparture, u.lang))
		}
		u.say(u.tf("look.thenNow", u.oneLine(a.Anxiety.Text), u.private(a.Anxiety.Private), then, model.StatusLabel(a.Now, u.lang)))
	}
	u.say("", u.t("look.compareAgreement"))
	if len(cmp.Agreement) == 0 {
		u.say(u.t("look.noAgreement"))
	}
	for _, a := range cmp.Agreement {
		u.say(safeLine(a.Latest.Title))
		u.agreedAt(u.t("look.asAgreed"), a.First)
		if !a.Revisited {
			u.say(u.t("look.notRevisited"))
			continue
		}
		u.agreedAt(u.t("look.latest"), a.Latest)
		if len(a.Changes) == 0 {
			u.say(u.t("look.revisitedSame"))
		} else {
			u.sayf("look.changedWhat", model.ChangeWords(a.Changes, u.lang))
		}
	}
	return nil
}

// said reads one side of the purpose: the words, when and in which
// session they were said; or that nothing was said yet.
func (u *ui) said(eng model.Engagement, side string, s model.Said) {
	if !s.Given() {
		u.say(side + u.t("look.notYet"))
		return
	}
	day := s.At.In(u.loc)
	u.say(side + u.tf("look.saidIn", day.Format("2006-01-02"), u.t("phase."+string(eng.PhaseOn(model.DateOf(day)))),
		safeLine(s.FlowTitle)) + u.private(s.Private))
	u.indent(s.Text)
}

// agreedAt reads one version of a topic: its day, the agreed text and the
// parties' fit.
func (u *ui) agreedAt(label string, it model.AgreementItem) {
	u.say(u.tf("look.version", label, it.SessionStarted.In(u.loc).Format("2006-01-02")))
	if strings.TrimSpace(it.Agreed) == "" {
		u.say("  " + u.t("look.noAgreed"))
	} else {
		u.indent(it.Agreed)
	}
	u.say("  " + u.tf("look.fit", model.FitWords(it, u.lang)))
}

// dueAndBalance reads what is due across the engagements, then each
// one's balance warnings, and opens the engagement of the item chosen.
func (u *ui) dueAndBalance() error {
	ctx, cancel := u.storeCtx()
	states, err := u.store.States(ctx)
	if err != nil {
		cancel()
		return storeError{err}
	}
	due, err := work.DueFrom(ctx, u.store, states, u.today(), u.loc)
	cancel()
	if err != nil {
		return storeError{err}
	}
	u.say("", u.t("look.balanceTitle"))
	warned := 0
	for _, st := range states {
		r, err := u.readEngagement(st.Engagement.ID)
		if err != nil {
			return err
		}
		warned += u.warnings(r.EngagementState, true)
	}
	if warned == 0 {
		u.say(u.t("look.noWarnings"))
	}
	if len(due) == 0 {
		u.say("", u.t("look.nothingDue"))
		return nil
	}
	u.say("", u.tf("look.dueTitle", len(due)))
	items := make([]string, len(due))
	for i, d := range due {
		items[i] = model.DueText(d, u.lang)
		if d.Learner != "" {
			items[i] = u.tf("look.whose", safeLine(d.Learner), items[i])
		}
	}
	return u.browse(items, func(i int) error {
		if due[i].Kind == model.DueReview {
			u.say(u.t("look.reviewDueHow"))
			return nil
		}
		if due[i].Kind == model.DueRatingAsked {
			return u.rate(due[i].Ref)
		}
		return u.engagementMenu(due[i].EngagementID)
	})
}

// offerDue says at the start how many things are due, as the full
// interface's home opens on them.
func (u *ui) offerDue() {
	ctx, cancel := u.storeCtx()
	defer cancel()
	if due, err := work.DueList(ctx, u.store, u.today(), u.loc); err == nil && len(due) > 0 {
		u.sayf("look.dueOffer", len(due))
	}
}

// sessionTitle names the session an entry was written in.
func (u *ui) sessionTitle(r work.Engagement, id int64) string {
	for _, s := range r.Sessions {
		if s.ID == id {
			return safeLine(s.FlowTitle)
		}
	}
	return u.t("look.unknownSession")
}

// private marks a private record as it is read out.
func (u *ui) private(p bool) string {
	if p {
		return u.t("look.privateTag")
	}
	return ""
}

// oneLine is typed words on one line of a list: line breaks as spaces,
// cut after about forty characters.
func (u *ui) oneLine(s string) string {
	r := []rune(strings.Join(strings.Fields(safeLine(s)), " "))
	if len(r) > 40 {
		return string(r[:40]) + u.t("look.more")
	}
	return string(r)
}
