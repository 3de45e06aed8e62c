package plain

import (
	"slices"
	"strings"

	"bansou/model"
)

// The facilitator's rounds and the companion's own self-reviews, read
// back: the list of rounds with a finished one's summary, and the skill
// history said skill by skill, as a person would tell it.

// roundList lists the rounds newest first, with who the rotation suggests
// to present next; a round chosen is read as its summary, continued (or
// opened again) or removed.
func (u *ui) roundList() error {
	ctx, cancel := u.storeCtx()
	rounds, err := u.store.Rounds(ctx)
	cancel()
	if err != nil {
		return storeError{err}
	}
	if len(rounds) == 0 {
		u.say(u.t("look.noRounds"))
		return nil
	}
	last := slices.MaxFunc(rounds, model.CompareRounds)
	if next := model.SuggestPresenter(last.Round.Participants, last.Round.Facilitator, rounds); next != "" {
		u.sayf("look.nextPresenter", safeLine(next))
	}
	slices.SortStableFunc(rounds, func(a, b model.RoundEntry) int { return model.CompareRounds(b, a) })
	items := make([]string, len(rounds))
	for i, r := range rounds {
		items[i] = u.roundLine(r)
	}
	return u.browse(items, func(i int) error { return u.roundMenu(rounds[i]) })
}

// roundLine names a round: the day, the format, who presented, whether it
// is finished.
func (u *ui) roundLine(r model.RoundEntry) string {
	status := u.t("look.done")
	if r.Session.Status != model.Done {
		status = u.t("look.inProgress")
	}
	presenters := r.Round.AllPresenters()
	who := u.t("look.noPresenter")
	if len(presenters) > 0 {
		names := make([]string, len(presenters))
		for i, p := range presenters {
			names[i] = safeLine(p)
		}
		who = u.tf("look.presented", strings.Join(names, u.t("look.sep")))
	}
	return u.tf("look.roundLine", r.Session.StartedAt.In(u.loc).Format("2006-01-02"), safeLine(r.Session.FlowTitle), who, status)
}

// roundMenu reads a round's summary, goes on with it (a finished one is
// opened again) or removes it after asking.
func (u *ui) roundMenu(r model.RoundEntry) error {
	sum := model.SessionSummary{ID: r.Session.ID, Status: r.Session.Status}
	items := []string{u.t("look.readSummary"), u.t("look.continue"), u.t("look.removeRound")}
	if sum.Status == model.Done {
		items[1] = u.t("look.reopen")
	}
	i, err := u.choose(u.t("plain.choose"), items)
	switch {
	case err != nil || i < 0:
		return err
	case i == 0:
		return u.document(sum.ID)
	case i == 1:
		if sum.Status == model.Done {
			u.say(u.t("look.reopening"))
		}
		return u.runSession(sum.ID)
	}
	ok, err := u.yes(u.tf("look.confirmRemove", u.roundLine(r)), false)
	if err != nil || !ok {
		u.say(u.t("look.kept"))
		return err
	}
	ctx, cancel := u.storeCtx()
	defer cancel()
	if err := u.store.DeleteRound(ctx, sum.ID); err != nil {
		return storeError{err}
	}
	u.say(u.t("look.removed"))
	return nil
}

// skillHistory says how each skill was rated across the self-reviews, in
// words, then lists the reviews to read one as its document (or go on
// with one in progress).
func (u *ui) skillHistory() error {
	ctx, cancel := u.storeCtx()
	reviews, err := u.store.SoloSessions(ctx, model.SelfReviewFlowID)
	var ratings []model.PeerRating
	if err == nil {
		ratings, err = u.store.PeerRatings(ctx)
	}
	cancel()
	if err != nil {
		return storeError{err}
	}
	m := u.lib.Skills
	if len(reviews) == 0 || m == nil {
		u.say(u.t("look.noReviews"))
		return nil
	}
	h := model.HistoryOf(reviews)
	last := len(h) - 1
	u.sayf("look.reviewCount", len(h), h[last].At.In(u.loc).Format("2006-01-02"))
	if src := model.PracticeSource(reviews); src != nil {
		var names []string
		for _, id := range model.SnapshotOf(*src).Focus {
			if sk, ok := m.Skill(id); ok {
				names = append(names, sk.Name.In(u.lang))
			}
		}
		if len(names) > 0 {
			u.sayf("look.practising", strings.Join(names, u.t("look.sep")))
		}
	}
	var never []string
	for _, sk := range m.Skills {
		var rated []string
		for _, s := range h {
			if r, ok := s.Ratings[sk.ID]; ok && r.Level > 0 {
				rated = append(rated, u.tf("look.ratedOn", s.At.In(u.loc).Format("2006-01-02"), r.Level, model.LevelName(r.Level, u.lang)))
			}
		}
		if len(rated) == 0 {
			never = append(never, sk.Name.In(u.lang))
			continue
		}
		line := sk.Name.In(u.lang) + u.t("look.colon") + strings.Join(rated, u.t("look.sep"))
		if c := h.ChangeAt(last, sk.ID); c.Previous > 0 && c.Current > 0 {
			switch d := c.Delta(); {
			case d > 0:
				line += u.tf("look.up", d)
			case d < 0:
				line += u.tf("look.down", -d)
			default:
				line += u.t("look.same")
			}
		}
		if r, at := h.Latest(last, sk.ID); at >= 0 && r.Target > 0 {
			line += u.tf("look.aim", r.Target)
		}
		u.say(line)
		own, _ := h.Latest(last, sk.ID)
		for _, v := range model.OthersOn(ratings, sk.ID, own.Level) {
			u.say(u.otherRating(v))
		}
	}
	if len(never) > 0 {
		u.sayf("look.neverRated", strings.Join(never, u.t("look.sep")))
	}
	items := make([]string, len(h))
	byID := map[int64]model.Session{}
	for i, s := range h {
		status := u.t("look.done")
		if s.Status != model.Done {
			status = u.t("look.inProgress")
		}
		items[i] = u.tf("look.reviewLine", s.At.In(u.loc).Format("2006-01-02"), status, len(s.Ratings))
	}
	for _, r := range reviews {
		byID[r.ID] = r
	}
	u.say("", u.t("look.reviews"))
	return u.browse(items, func(i int) error {
		r := byID[h[i].SessionID]
		return u.sessionMenu(model.SessionSummary{ID: r.ID, Status: r.Status})
	})
}

// otherRating says one other person's rating of a skill: who and their
// relation, the day and level, the gap to the companion's own latest
// level, and the evidence.
func (u *ui) otherRating(v model.OtherView) string {
	line := u.tf("look.otherWho", safeLine(v.Rating.Rater), v.Rating.Relation.Name(u.lang))
	day := v.Rating.At.In(u.loc).Format("2006-01-02")
	if v.Level > 0 {
		line += u.tf("look.ratedOn", day, v.Level, model.LevelName(v.Level, u.lang))
	} else {
		line += day
	}
	if v.HasGap {
		line += u.tf("look.otherGap", model.SignedDelta(v.Gap))
	}
	if ev := strings.TrimSpace(v.Evidence); ev != "" {
		line += u.tf("look.otherEvidence", safeLine(ev))
	}
	return line
}
