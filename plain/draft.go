package plain

import (
	"strconv"
	"strings"

	"bansou/model"
)

// A new engagement is asked field by field. Each answer is kept at once as
// the engagement's draft (the same drafts the full interface keeps of its
// form), so that nothing read is lost if the input ends or bansou stops;
// a draft left so is offered back the next time a new engagement is made.

// offerDraft offers the latest draft of a new engagement left unsaved: go
// on with it, or discard it; ok is false when the user went back. Without
// one, or without going on, a new draft is begun.
func (u *ui) offerDraft() (d model.EngagementDraft, ok bool, err error) {
	fresh := model.EngagementDraft{UID: model.NewID()}
	ctx, cancel := u.storeCtx()
	drafts, err := u.store.EngagementDrafts(ctx)
	cancel()
	if err != nil {
		return fresh, false, storeError{err}
	}
	for _, d := range drafts {
		if d.EngagementID != 0 {
			continue // an edit: offered by the full interface, which edits
		}
		u.sayf("plain.draftFound", u.draftLabel(d), d.UpdatedAt.In(u.loc).Format("2006-01-02 15:04"))
		i, err := u.choose(u.t("plain.draftWhat"), []string{u.t("plain.draftResume"), u.t("plain.draftDiscard")})
		switch {
		case err != nil || i < 0:
			return fresh, false, err
		case i == 0:
			return d, true, nil
		}
		ctx, cancel := u.storeCtx()
		defer cancel()
		if err := u.store.DiscardEngagementDraft(ctx, d.UID); err != nil {
			return fresh, false, storeError{err}
		}
		u.say(u.t("plain.draftDiscarded"))
		return fresh, true, nil
	}
	return fresh, true, nil
}

// draftLabel names a draft: the learner, and the organisations typed.
func (u *ui) draftLabel(d model.EngagementDraft) string {
	if d.SendingOrg == "" && d.HostOrg == "" {
		return d.Learner
	}
	return u.tf("plain.draftOrgs", d.Learner, orDots(d.SendingOrg), orDots(d.HostOrg))
}

func orDots(s string) string {
	if strings.TrimSpace(s) == "" {
		return "…"
	}
	return s
}

// keepDraft writes the draft; a failure is said once, and typing goes on
// (the engagement itself is saved at the end).
func (u *ui) keepDraft(d *model.EngagementDraft) {
	ctx, cancel := u.storeCtx()
	defer cancel()
	err := u.store.SaveEngagementDraft(ctx, *d)
	if err != nil && !u.draftFailed {
		u.sayf("plain.draftFailed", u.describe(err))
	}
	u.draftFailed = err != nil
}

// askKept reads one line for a field of the draft; with something already
// in the field, it is said, and an empty line keeps it. /back leaves the
// form (errBack).
func (u *ui) askKept(question, kept string) (string, error) {
	if kept != "" {
		u.sayf("plain.draftField", safeLine(kept))
	}
	line, err := u.formLine(question)
	if err != nil {
		return "", err
	}
	if strings.TrimSpace(line) == "" {
		return kept, nil
	}
	// A field is one line: a carriage return or a tab typed in it becomes
	// a space, as in the full interface's form.
	return strings.TrimSpace(model.SingleLine(line)), nil
}

// askEngagement asks every field of a new engagement, starting from the
// draft d and keeping it up to date after each answer. An empty name (the
// first question) or /back anywhere leaves it (errBack), the draft kept.
func (u *ui) askEngagement(d *model.EngagementDraft) (model.Engagement, error) {
	u.say(u.t("plain.engagementIntro"))
	for _, f := range []struct {
		key      string
		dst      *string
		required bool
	}{
		{"plain.learner", &d.Learner, true},
		{"plain.sendingOrg", &d.SendingOrg, false},
		{"plain.hostOrg", &d.HostOrg, false},
	} {
		v, err := u.askKept(u.t(f.key), *f.dst)
		if err != nil {
			return model.Engagement{}, err
		}
		if v == "" && f.required {
			return model.Engagement{}, errBack // nothing typed: back, as an empty line is everywhere
		}
		*f.dst = v
		u.keepDraft(d)
	}
	e := model.Engagement{UID: d.UID, Learner: model.Learner{Name: d.Learner}, SendingOrg: d.SendingOrg, HostOrg: d.HostOrg,
		CheckinEarlyDays: cadence(d.EarlyDays), CheckinLaterDays: cadence(d.LaterDays)}
	for {
		var err error
		if e.Start, err = u.askDraftDate("plain.start", d, &d.Start, model.Date{}); err != nil {
			return model.Engagement{}, err
		}
		if e.End, err = u.askDraftDate("plain.end", d, &d.End, e.Start); err != nil {
			return model.Engagement{}, err
		}
		if errs := e.Validate(); errs != nil {
			if err := u.refuse(u.t("plain.endBeforeStart")); err != nil {
				return model.Engagement{}, err
			}
			continue
		}
		break
	}
	if !d.MyType.Valid() {
		t, err := u.chooseType(u.t("plain.myType"), u.usualType)
		if err != nil {
			return model.Engagement{}, err
		}
		d.MyType = t
		u.keepDraft(d)
	}
	e.MyType = d.MyType
	for _, c := range d.Companions {
		u.sayf("plain.draftCompanion", safeLine(c.Name), model.CompanionTypeLabel(c.Type, u.lang))
	}
	for {
		name, err := u.formLine(u.t("plain.companion"))
		if err != nil {
			return model.Engagement{}, err
		}
		if strings.TrimSpace(name) == "" {
			break
		}
		c := model.Companion{Name: strings.TrimSpace(model.SingleLine(name)), Type: model.Sending}
		d.Companions = append(d.Companions, c)
		u.keepDraft(d)
		t, err := u.chooseType(u.tf("plain.companionType", safeLine(c.Name)), model.Sending)
		if err != nil {
			return model.Engagement{}, err
		}
		d.Companions[len(d.Companions)-1].Type = t
		u.keepDraft(d)
	}
	for _, c := range d.Companions {
		if !c.Type.Valid() {
			c.Type = model.Sending
		}
		e.Companions = append(e.Companions, c)
	}
	return e, nil
}

// askDraftDate reads a required date into a field of the draft d; an
// empty line keeps what the field holds if it is a date.
func (u *ui) askDraftDate(key string, d *model.EngagementDraft, field *string, after model.Date) (model.Date, error) {
	for {
		line, err := u.askKept(u.t(key), *field)
		if err != nil {
			return model.Date{}, err
		}
		date, ok := u.parseDate(line)
		if !after.IsZero() { // an end: without its year, the first such day after the start
			d, err := model.ParseDateAfter(line, after)
			date, ok = d, err == nil && !d.IsZero()
		}
		if ok {
			*field = date.String() // as the full interface's form reads it
			u.keepDraft(d)
			return date, nil
		}
		*field = "" // not offered again as it is
		words := u.t("plain.badDate")
		if strings.TrimSpace(line) == "" {
			words = u.t("plain.dateRequired")
		}
		if err := u.refuse(words); err != nil {
			return model.Date{}, err
		}
	}
}

// cadence reads a check-in interval typed in the full interface's form;
// anything else is the default.
func cadence(s string) int {
	n, err := strconv.Atoi(normal(s))
	if err != nil || n < 1 || n > model.MaxCadenceDays {
		return 0
	}
	return n
}
