package plain

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"bansou/model"
	"bansou/model/report"
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
		if len(ratings) > 0 && m != nil {
			return u.browse([]string{u.tf("look.othersItem", len(ratings))}, func(int) error {
				return u.readOthers(ratings)
			})
		}
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
		// Across three reviews or more, which way it went (over two, the
		// change since the review before says it).
		if levels := h.Levels(sk.ID); len(rated) >= 3 {
			if d := model.DirectionOf(levels); d != model.DirectionNone {
				line += u.t("look.trend." + string(d))
			}
		}
		for _, s := range h {
			if o, ok := s.Outcomes[sk.ID]; ok {
				line += u.tf("look.practiceOutcome", s.At.In(u.loc).Format("2006-01-02"), model.OutcomeLabel(o, u.lang))
			}
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
	if err := u.roundPractices(m); err != nil {
		return err
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
	ctx, cancel = u.storeCtx()
	cadence, err := u.store.ReviewCadence(ctx)
	cancel()
	if err != nil {
		return storeError{err}
	}
	u.say(u.cadenceLine(reviews, cadence))
	u.say("", u.t("look.reviews"))
	items = append(items, u.tf("look.cadenceItem", model.ReviewCadenceOr(cadence)))
	if len(ratings) > 0 {
		items = append(items, u.tf("look.othersItem", len(ratings)))
	}
	return u.browse(items, func(i int) error {
		switch i {
		case len(h):
			return u.setCadence(&cadence)
		case len(h) + 1:
			return u.readOthers(ratings)
		}
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

// roundPractices says, skill by skill, the latest next action a round
// chose as practice on it, with how it went once a later round asked.
func (u *ui) roundPractices(m *model.SkillMap) error {
	ctx, cancel := u.storeCtx()
	rounds, err := u.store.Rounds(ctx)
	cancel()
	if err != nil {
		if errors.Is(err, model.ErrNotAllowed) {
			return nil
		}
		return storeError{err}
	}
	for _, sk := range m.Skills {
		ps := model.RoundPractices(rounds, sk.ID)
		if len(ps) == 0 {
			continue
		}
		p := ps[0]
		line := u.tf("look.roundPractice", sk.Name.In(u.lang), p.At.In(u.loc).Format("2006-01-02"), safeLine(p.Name), safeLine(p.Action))
		if p.Outcome != model.OutcomePending {
			line += u.tf("look.roundPracticeOutcome", model.OutcomeLabel(p.Outcome, u.lang))
		}
		u.say(line)
	}
	return nil
}

// cadenceLine says every how many days a self-review falls due, and when
// the next one does.
func (u *ui) cadenceLine(reviews []model.Session, cadence int) string {
	days := model.ReviewCadenceOr(cadence)
	var last time.Time
	for _, r := range reviews {
		if r.Status == model.Done && r.FinishedAt.After(last) {
			last = r.FinishedAt
		}
	}
	if last.IsZero() {
		return u.tf("look.cadence", days)
	}
	return u.tf("look.cadenceNext", days, model.DateOf(last.In(u.loc)).AddDays(days).String())
}

// setCadence asks every how many days the next self-review falls due: one
// of those offered by its number, or a number of days; an empty line
// keeps it as it is.
func (u *ui) setCadence(cadence *int) error {
	u.sayf("look.nowIs", u.tf("look.cadenceDays", model.ReviewCadenceOr(*cadence)))
	for i, d := range model.ReviewCadences {
		u.say(fmt.Sprintf("%d. %s", i+1, u.tf("look.cadenceDays", d)))
	}
	for {
		line, err := u.ask(u.tf("look.cadenceAsk", len(model.ReviewCadences), model.MaxReviewCadenceDays))
		if err != nil {
			return err
		}
		n := normal(line)
		if n == "" {
			u.say(u.t("look.kept"))
			return nil
		}
		// 1 to 4 are the list's numbers; a number of days that small is
		// typed with 日 (or d) after it.
		days := 0
		bare := strings.TrimSpace(strings.TrimSuffix(strings.TrimSuffix(n, "日"), "d"))
		if i, ok := number(line, len(model.ReviewCadences)); ok {
			days = model.ReviewCadences[i-1]
		} else if v, err := strconv.Atoi(bare); err == nil && model.ValidReviewCadence(v) == nil {
			days = v
		}
		if days == 0 {
			u.sayf("look.cadenceBad", len(model.ReviewCadences), model.MaxReviewCadenceDays)
			continue
		}
		ctx, cancel := u.storeCtx()
		err = u.store.SetReviewCadence(ctx, days)
		cancel()
		if err != nil {
			return storeError{err}
		}
		*cadence = days
		u.sayf("look.cadenceSet", days)
		return nil
	}
}

// readOthers reads every rating others gave the companion as a document:
// what worked, the one thing to change with what to do instead and why,
// and the skills they rated.
func (u *ui) readOthers(ratings []model.PeerRating) error {
	md := report.PeerRatingsMarkdown(ratings, u.lib.Skills, report.Options{Lang: u.lang, Location: u.loc, Spoken: true})
	u.say(strings.Split(strings.TrimRight(report.Spoken(md, u.lang), "\n"), "\n")...)
	u.say(u.t("look.documentEnd"))
	return nil
}
