package work

import (
	"context"
	"errors"
	"time"

	"bansou/model"
	"bansou/model/report"
)

// Reading back, for every front-end: an engagement with what it carries,
// the comparison of early and later words, and a session as the document
// it is read as. Each reads through the store it is given, which holds
// only what its person may read.

// Engagement is an engagement as its screen shows it: its sessions, its
// ledger and, on a server, its members.
type Engagement struct {
	model.EngagementState
	// Members are the people who work on it on a bansou server (nil in
	// the single-user bansou).
	Members []model.Member
}

// ReadEngagement reads engagement id with its sessions and ledger, and
// its members when the store is a server's (served).
func ReadEngagement(ctx context.Context, store model.Store, id int64, served bool) (Engagement, error) {
	var out Engagement
	var err error
	if out.Engagement, err = store.Engagement(ctx, id); err != nil {
		return out, err
	}
	if out.Sessions, err = store.Sessions(ctx, id); err != nil {
		return out, err
	}
	if out.Ledger, err = store.Ledger(ctx, id); err != nil {
		return out, err
	}
	if m, ok := store.(interface {
		Members(context.Context, int64) ([]model.Member, error)
	}); ok && served {
		out.Members, err = m.Members(ctx, id)
	}
	return out, err
}

// Comparison reads what engagement id's comparison needs — the
// engagement, its ledger, and the sessions of the flows that take part in
// one (a prompt echoes, or is echoed by, another) — and sets its early
// words beside its later ones (model.Compare).
func Comparison(ctx context.Context, store model.Store, lib *model.Library, id int64, lang model.Lang,
	loc *time.Location) (model.Engagement, model.Comparison, error) {
	eng, err := store.Engagement(ctx, id)
	if err != nil {
		return eng, model.Comparison{}, err
	}
	ledger, err := store.Ledger(ctx, id)
	if err != nil {
		return eng, model.Comparison{}, err
	}
	sums, err := store.Sessions(ctx, id)
	if err != nil {
		return eng, model.Comparison{}, err
	}
	involved := map[string]bool{}
	for _, f := range lib.Flows {
		for _, p := range f.Prompts {
			if fid, _, ok := p.EchoOf(); ok {
				involved[f.ID], involved[fid] = true, true
			}
		}
	}
	var sessions []model.Session
	for _, sum := range sums {
		if !involved[sum.FlowID] {
			continue
		}
		sess, err := store.Session(ctx, sum.ID)
		if err != nil {
			return eng, model.Comparison{}, err
		}
		sessions = append(sessions, sess)
	}
	return eng, model.Compare(eng, sessions, ledger, lib, lang, loc), nil
}

// Document writes session id as it is read back: a self-review with the
// reviews before it, a round with what its room wrote, any other session
// with its engagement and ledger. It is written in the session's language,
// with the reader's private records (a store gives no one else's),
// marked so; opt gives the rest (the zone, whether it is to be spoken).
// It returns the session's engagement (0 for none) with the document.
func Document(ctx context.Context, store model.Store, lib *model.Library, id int64, opt report.Options) (string, int64, error) {
	sess, err := store.Session(ctx, id)
	if err != nil {
		return "", 0, err
	}
	opt.Lang, opt.IncludePrivate = sess.Lang, true
	switch {
	case sess.IsSelfReview():
		reviews, err := store.SoloSessions(ctx, model.SelfReviewFlowID)
		if err != nil {
			return "", 0, err
		}
		if opt.Feedback, err = store.Feedback(ctx); err != nil {
			return "", 0, err
		}
		ratings, err := store.PeerRatings(ctx)
		if err != nil {
			return "", 0, err
		}
		opt.PeerRatings = model.PeerRatingsBefore(ratings, reviews, sess)
		opt.Library = lib
		return report.SelfReviewMarkdown(sess, ReviewsBefore(reviews, sess), lib.Skills, opt), 0, nil
	case sess.IsRound():
		rd, err := store.Round(ctx, id)
		if err != nil && !errors.Is(err, model.ErrNotFound) {
			return "", 0, err
		}
		if rooms, ok := store.(model.Rooms); ok {
			if room, err := rooms.Room(ctx, id); err == nil {
				opt.Contribs = room.Contribs // a round with a room on a server
			}
		}
		return report.RoundMarkdown(sess, rd, lib.Rounds, opt), 0, nil
	}
	var eng model.Engagement
	if sess.EngagementID != 0 {
		if eng, err = store.Engagement(ctx, sess.EngagementID); err != nil {
			return "", 0, err
		}
		if opt.Ledger, err = store.Ledger(ctx, sess.EngagementID); err != nil {
			return "", 0, err
		}
	}
	opt.Library = lib
	return report.SessionMarkdown(eng, sess, opt), sess.EngagementID, nil
}

// DueList is everything due on a day, for the home screen and the
// accessible mode alike: each engagement's items (model.Due), then the
// person's own next self-review when it falls due (model.ReviewDue, at the
// cadence they set, else the default), which belongs to no engagement, and
// on a server the ratings others have asked of the person and that are not
// sent yet.
func DueList(ctx context.Context, store model.Store, today model.Date, loc *time.Location) ([]model.DueItem, error) {
	states, err := store.States(ctx)
	if err != nil {
		return nil, err
	}
	return DueFrom(ctx, store, states, today, loc)
}

// DueFrom is DueList with the engagements' states already read (States),
// for a screen that lists the same engagements: they are read once for
// both.
func DueFrom(ctx context.Context, store model.Store, states []model.EngagementState, today model.Date, loc *time.Location) ([]model.DueItem, error) {
	due := model.Due(today, loc, states)
	reviews, err := store.SoloSessions(ctx, model.SelfReviewFlowID)
	if err != nil && !errors.Is(err, model.ErrNotAllowed) { // the office holds no reviews
		return nil, err
	}
	cadence, err := store.ReviewCadence(ctx)
	if err != nil {
		return nil, err
	}
	if d, ok := model.ReviewDue(today, loc, reviews, cadence); ok {
		due = append(due, d)
	}
	if rr, ok := store.(model.RatingRequests); ok {
		reqs, err := rr.RatingRequests(ctx)
		if err != nil {
			return nil, err
		}
		for _, q := range reqs {
			if q.Open() && q.Rater == me(store) {
				due = append(due, model.RatingAsked(q, loc, today))
			}
		}
	}
	return due, nil
}

// me is the person a server's store reads for (0: the single user).
func me(store model.Store) int64 {
	if a, ok := store.(interface{ Account() model.Account }); ok {
		return a.Account().ID
	}
	return 0
}
