package plain

import (
	"strconv"
	"strings"

	"bansou/model"
)

// Changing what was recorded: a worry or an action written down at a step
// (/edit N and /delete N there, as the full interface's list of them
// offers), an engagement's details (kept as a draft as they are typed,
// as the full interface's form keeps them) and whether it is archived.

// listEntries reads the worries or actions written down at this step of
// this session, numbered, and how to change them.
func (w *held) listEntries(st model.Step) {
	u := w.u
	ids := w.entries(st)
	for i, id := range ids {
		if a, ok := w.anxiety(id); ok {
			u.sayf("look.entryWorry", i+1, safeLine(a.Text), u.private(a.Private), u.worryFacts(a))
		} else if a, ok := w.action(id); ok {
			u.sayf("look.entryAction", i+1, safeLine(a.Text), u.actionFacts(a))
		}
	}
	if len(ids) > 0 {
		u.say(u.t("look.entryHow"))
	}
}

// entries are the ids of the worries or actions written down at this step
// of this session, in the order written.
func (w *held) entries(st model.Step) []string {
	var ids []string
	if st.AnswerKind == model.KindAnxiety {
		for _, a := range w.Ledger.AnxietiesAt(w.Sess.ID, st.Key) {
			ids = append(ids, a.ID)
		}
		return ids
	}
	for _, a := range w.Ledger.ActionsAt(w.Sess.ID, st.Key) {
		ids = append(ids, a.ID)
	}
	return ids
}

func (w *held) anxiety(id string) (model.Anxiety, bool) {
	for _, a := range w.Ledger.Anxieties {
		if a.ID == id {
			return a, true
		}
	}
	return model.Anxiety{}, false
}

func (w *held) action(id string) (model.Action, bool) {
	for _, a := range w.Ledger.Actions {
		if a.ID == id {
			return a, true
		}
	}
	return model.Action{}, false
}

// worryFacts are a worry's category, intensity and term, those given.
func (u *ui) worryFacts(a model.Anxiety) string {
	var facts []string
	if a.Category != "" {
		facts = append(facts, u.lib.CategoryName(a.Category, u.lang))
	}
	if a.Intensity > 0 {
		facts = append(facts, u.tf("look.intensity", a.Intensity))
	}
	if a.Term != "" {
		facts = append(facts, model.TermLabel(a.Term, u.lang))
	}
	if len(facts) == 0 {
		return ""
	}
	return u.t("look.sep") + strings.Join(facts, u.t("look.sep"))
}

// readEntry reads a new worry or action at a step, as readText does,
// carrying out on the way the commands that change those already written
// down here: /edit N, /delete N; /clear says how to remove one.
func (w *held) readEntry(question string, st model.Step) (string, string, error) {
	for {
		text, cmd, err := w.u.readText(question, nil)
		if err != nil || cmd == "" {
			return text, cmd, err
		}
		name, arg, _ := strings.Cut(strings.TrimPrefix(cmd, "/"), " ")
		ids := w.entries(st)
		switch strings.ToLower(name) {
		case "edit", "e", "delete", "del", "remove":
		case "clear":
			if len(ids) > 0 {
				w.u.say(w.u.t("look.clearEntries"))
			}
			return text, cmd, nil
		default:
			return text, cmd, nil
		}
		n, ok := number(arg, len(ids))
		switch {
		case len(ids) == 0:
			w.u.say(w.u.t("look.noEntries"))
			continue
		case !ok:
			w.u.sayf("look.entryNumber", len(ids))
			continue
		}
		if strings.HasPrefix(strings.ToLower(name), "e") {
			err = w.editEntry(ids[n-1], st)
		} else {
			err = w.deleteEntry(ids[n-1])
		}
		if err != nil {
			return "", "", err
		}
		w.listEntries(st)
	}
}

// deleteEntry removes a worry or an action written down by mistake, after
// asking.
func (w *held) deleteEntry(id string) error {
	u := w.u
	text := ""
	if a, ok := w.anxiety(id); ok {
		text = a.Text
	} else if a, ok := w.action(id); ok {
		text = a.Text
	}
	ok, err := u.yes(u.tf("look.confirmDelete", u.oneLine(text)), false)
	if err != nil || !ok {
		u.say(u.t("look.kept"))
		return err
	}
	if _, ok := w.anxiety(id); ok {
		w.RemoveAnxiety(id)
	} else {
		w.RemoveAction(id)
	}
	w.save()
	u.sayf("look.deleted", u.oneLine(text))
	return nil
}

// editEntry asks every field of a worry or an action again, each as it
// stands, an empty line keeping it; each answer is saved at once.
func (w *held) editEntry(id string, st model.Step) error {
	if a, ok := w.anxiety(id); ok {
		p, _ := w.PromptFor(st)
		return w.editWorry(a, p)
	}
	if a, ok := w.action(id); ok {
		return w.editAction(a)
	}
	return nil
}

func (w *held) editWorry(a model.Anxiety, p model.Prompt) error {
	u := w.u
	var err error
	if a.Text, err = u.keepText(u.t("look.editWords"), a.Text); err != nil {
		return err
	}
	a = w.putWorry(a)
	cats := make([]string, len(p.Options))
	at := -1
	for i, o := range p.Options {
		cats[i] = o.Text.In(u.lang)
		if o.ID == a.Category {
			at = i
		}
	}
	if len(cats) > 0 {
		if at, err = u.keepChoice(u.t("look.editCategory"), cats, at); err != nil {
			return err
		}
		if at >= 0 {
			a.Category = p.Options[at].ID
		}
		a = w.putWorry(a)
	}
	if a.Intensity, err = u.keepPoint(u.t("look.editIntensity"), a.Intensity); err != nil {
		return err
	}
	a = w.putWorry(a)
	terms := []model.Term{model.ShortTerm, model.LongTerm}
	at = -1
	for i, t := range terms {
		if t == a.Term {
			at = i
		}
	}
	if at, err = u.keepChoice(u.t("look.editTerm"), []string{model.TermLabel(model.ShortTerm, u.lang), model.TermLabel(model.LongTerm, u.lang)}, at); err != nil {
		return err
	}
	if at >= 0 {
		a.Term = terms[at]
	}
	a = w.putWorry(a)
	if a.Plan, err = u.keepText(u.t("look.editPlan"), a.Plan); err != nil {
		return err
	}
	a = w.putWorry(a)
	q := "plain.worryShare"
	if !a.Private {
		q = "look.keepShared"
	}
	share, err := u.yes(u.t(q), !a.Private)
	if err != nil {
		return err
	}
	a.Private = !share
	a = w.putWorry(a)
	u.sayf("look.worrySaved", u.oneLine(a.Text), u.private(a.Private), u.worryFacts(a))
	return nil
}

func (w *held) editAction(a model.Action) error {
	u := w.u
	var err error
	if a.Text, err = u.keepText(u.t("look.editWords"), a.Text); err != nil {
		return err
	}
	a = w.putAct(a)
	owners := make([]string, len(model.Owners))
	at := -1
	for i, o := range model.Owners {
		owners[i] = model.OwnerLabel(o, u.lang)
		if o == a.Owner {
			at = i
		}
	}
	if at, err = u.keepChoice(u.t("look.editOwner"), owners, at); err != nil {
		return err
	}
	if at >= 0 {
		a.Owner = model.Owners[at]
	}
	a = w.putAct(a)
	if a.Due, err = u.keepDate(u.t("look.editDue"), a.Due, false); err != nil {
		return err
	}
	a = w.putAct(a)
	u.sayf("look.actionSaved", u.oneLine(a.Text), u.actionFacts(a))
	return nil
}

// putWorry writes a change of a worry and returns it as the ledger now
// holds it: the next change is of the version just saved.
func (w *held) putWorry(a model.Anxiety) model.Anxiety {
	w.putAnxiety(a)
	if now, ok := w.anxiety(a.ID); ok {
		return now
	}
	return a
}

// putAct is putWorry for an action.
func (w *held) putAct(a model.Action) model.Action {
	w.putAction(a)
	if now, ok := w.action(a.ID); ok {
		return now
	}
	return a
}

// keepText reads words of one or more lines; "." alone keeps them as they
// are.
func (u *ui) keepText(question, now string) (string, error) {
	if strings.TrimSpace(now) != "" {
		u.say(u.t("look.now"))
		u.indent(now)
	}
	for {
		text, cmd, err := u.readText(question, nil)
		switch {
		case err != nil:
			return now, err
		case cmd != "":
			u.say(u.t("plain.noCommandHere"))
		case strings.TrimSpace(text) == "":
			return now, nil
		default:
			return text, nil
		}
	}
}

// keepChoice reads a choice from a numbered list with the current one
// (at, -1 for none) said; an empty line keeps it.
func (u *ui) keepChoice(question string, items []string, at int) (int, error) {
	if at >= 0 {
		u.sayf("look.nowIs", items[at])
	}
	i, err := u.choose(question, items)
	if i < 0 {
		return at, err
	}
	return i, err
}

// keepPoint reads 1 to 5, 0 clearing it; an empty line keeps it.
func (u *ui) keepPoint(question string, now int) (int, error) {
	if now > 0 {
		u.sayf("look.nowIs", strconv.Itoa(now))
	}
	for {
		line, err := u.ask(question)
		if err != nil {
			return now, err
		}
		if normal(line) == "" {
			return now, nil
		}
		if n, ok := upTo(line, model.ScalePoints); ok {
			return n, nil
		}
		u.say(u.t("plain.notUnderstood"))
	}
}

// keepDate reads a date; an empty line keeps it, and "0" clears it unless
// one is required.
func (u *ui) keepDate(question string, now model.Date, required bool) (model.Date, error) {
	if !now.IsZero() {
		u.sayf("look.nowIs", now.String())
	}
	for {
		line, err := u.ask(question)
		if err != nil {
			return now, err
		}
		switch n := normal(line); {
		case n == "":
			return now, nil
		case n == "0" && !required:
			return model.Date{}, nil
		}
		if d, err := model.ParseDateNear(line, u.today()); err == nil && !d.IsZero() {
			return d, nil
		}
		u.say(u.t("plain.badDate"))
	}
}

// editEngagement asks every detail of an engagement again, each as it
// stands (an empty line keeps it), keeping what is typed as the
// engagement's draft after every answer, and saves it.
func (u *ui) editEngagement(e model.Engagement) error {
	u.sayf("look.editIntro", safeLine(e.Learner.Name))
	d := model.EngagementDraft{UID: e.UID, EngagementID: e.ID, Learner: e.Learner.Name, SendingOrg: e.SendingOrg,
		HostOrg: e.HostOrg, Start: e.Start.String(), End: e.End.String(), Companions: e.Companions, MyType: e.MyType}
	if e.CheckinEarlyDays > 0 {
		d.EarlyDays = strconv.Itoa(e.CheckinEarlyDays)
	}
	if e.CheckinLaterDays > 0 {
		d.LaterDays = strconv.Itoa(e.CheckinLaterDays)
	}
	err := u.askEdit(&e, &d)
	if err != nil {
		u.say(u.t("look.editKept"))
		return err
	}
	ctx, cancel := u.storeCtx()
	defer cancel()
	saved, err := u.store.UpdateEngagement(ctx, e)
	if err != nil {
		return storeError{err}
	}
	u.sayf("look.engagementSaved", u.learnerLine(saved))
	return nil
}

// askEdit asks the fields of an engagement into e, the draft d following.
func (u *ui) askEdit(e *model.Engagement, d *model.EngagementDraft) error {
	for _, f := range []struct {
		key string
		dst *string
	}{{"look.editLearner", &e.Learner.Name}, {"look.editSending", &e.SendingOrg}, {"look.editHost", &e.HostOrg}} {
		if *f.dst != "" {
			u.sayf("look.nowIs", safeLine(*f.dst))
		}
		line, err := u.ask(u.t(f.key))
		if err != nil {
			return err
		}
		if v := strings.TrimSpace(model.SingleLine(line)); v != "" {
			*f.dst = v
		}
		d.Learner, d.SendingOrg, d.HostOrg = e.Learner.Name, e.SendingOrg, e.HostOrg
		u.keepDraft(d)
	}
	for {
		var err error
		if e.Start, err = u.keepDate(u.t("look.editStart"), e.Start, true); err != nil {
			return err
		}
		d.Start = e.Start.String()
		u.keepDraft(d)
		if e.End, err = u.keepDate(u.t("look.editEnd"), e.End, true); err != nil {
			return err
		}
		d.End = e.End.String()
		u.keepDraft(d)
		if e.Validate()["end"] == nil {
			break
		}
		u.say(u.t("plain.endBeforeStart"))
	}
	types := make([]string, len(model.CompanionTypes))
	at := -1
	for i, t := range model.CompanionTypes {
		types[i] = model.CompanionTypeLabel(t, u.lang)
		if t == e.MyType {
			at = i
		}
	}
	at, err := u.keepChoice(u.t("look.editMyType"), types, at)
	if err != nil {
		return err
	}
	if at >= 0 {
		e.MyType = model.CompanionTypes[at]
		d.MyType = e.MyType
		u.keepDraft(d)
	}
	for _, c := range []struct {
		key string
		dst *int
		str *string
		def int
	}{{"look.editEarly", &e.CheckinEarlyDays, &d.EarlyDays, model.DefaultEarlyDays},
		{"look.editLater", &e.CheckinLaterDays, &d.LaterDays, model.DefaultLaterDays}} {
		now := *c.dst
		if now == 0 {
			now = c.def
		}
		u.sayf("look.nowIs", u.tf("look.days", now))
		for {
			line, err := u.ask(u.t(c.key))
			if err != nil {
				return err
			}
			if normal(line) == "" {
				break
			}
			if n := cadence(line); n > 0 {
				*c.dst, *c.str = n, strconv.Itoa(n)
				u.keepDraft(d)
				break
			}
			u.sayf("look.badDays", model.MaxCadenceDays)
		}
	}
	return u.editCompanions(e, d)
}

// editCompanions says the companions and, if asked to, reads them anew.
func (u *ui) editCompanions(e *model.Engagement, d *model.EngagementDraft) error {
	if len(e.Companions) > 0 {
		var cs []string
		for _, c := range e.Companions {
			cs = append(cs, u.tf("look.person", safeLine(c.Name), model.CompanionTypeLabel(c.Type, u.lang)))
		}
		u.sayf("look.companions", strings.Join(cs, u.t("look.sep")))
	}
	again, err := u.yes(u.t("look.editCompanions"), false)
	if err != nil || !again {
		return err
	}
	types := make([]string, len(model.CompanionTypes))
	for i, t := range model.CompanionTypes {
		types[i] = model.CompanionTypeLabel(t, u.lang)
	}
	e.Companions = nil
	for {
		name, err := u.ask(u.t("plain.companion"))
		if err != nil {
			return err
		}
		if strings.TrimSpace(name) == "" {
			return nil
		}
		c := model.Companion{Name: strings.TrimSpace(model.SingleLine(name)), Type: model.Sending}
		i, err := u.choose(u.t("plain.companionType"), types)
		if err != nil {
			return err
		}
		if i >= 0 {
			c.Type = model.CompanionTypes[i]
		}
		e.Companions = append(e.Companions, c)
		d.Companions = e.Companions
		u.keepDraft(d)
	}
}

// archive archives an engagement, or restores it, after asking.
func (u *ui) archive(e model.Engagement) error {
	q, done := "look.confirmArchive", "look.archived"
	if e.Archived {
		q, done = "look.confirmUnarchive", "look.unarchived"
	}
	ok, err := u.yes(u.tf(q, safeLine(e.Learner.Name)), false)
	if err != nil || !ok {
		u.say(u.t("look.kept"))
		return err
	}
	ctx, cancel := u.storeCtx()
	defer cancel()
	if err := u.store.ArchiveEngagement(ctx, e.ID, !e.Archived); err != nil {
		return storeError{err}
	}
	u.sayf(done, safeLine(e.Learner.Name))
	return nil
}
