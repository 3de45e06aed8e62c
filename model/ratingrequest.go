package model

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
)

// RatingRequest is a companion's request, on a bansou server, that another
// person of the server rate their skill map from their own connection
// (the second source of a companion's growth, beside the learner and
// themself: seed 000 L2960–L2962). The rater fills a PeerRating; what they
// type is kept as a draft, theirs alone, until they send it. Once sent, the
// rating is the companion's (SavePeerRating's rule): no one else reads it,
// the rater included, and the request keeps only when it was sent.
type RatingRequest struct {
	// UID is the request's, and the UID of the rating it becomes.
	UID           string
	Companion     int64 // who asked, and whose the rating will be
	CompanionName string
	Rater         int64 // who was asked
	RaterName     string
	AskedAt       time.Time
	// SentAt is when the rater sent the rating; zero while it is open.
	SentAt time.Time
	// Draft is the rating as the rater has typed it so far, and DraftAt
	// when it was last kept. Only the rater's own store reads it, and only
	// while the request is open.
	Draft   PeerRating
	DraftAt time.Time
}

// Open reports whether the rater has not sent the rating yet.
func (r RatingRequest) Open() bool { return r.SentAt.IsZero() }

// RatingRequests is a store that keeps requests for ratings between the
// people of a server: a served store, scoped to its person. The store's
// person reads the requests they made and those made of them, and nobody
// else's; a rating's draft, only as its rater.
type RatingRequests interface {
	// AskRating asks another person (by account) to rate the store's
	// person. Asking someone who has an open request from them already
	// returns that one. Asking oneself or the programme office (which has
	// no screen to rate on), or someone who is not there, is refused
	// (ErrNotAllowed, ErrNotFound).
	AskRating(ctx context.Context, rater int64) (RatingRequest, error)
	// RatingRequests lists the requests made by or of the store's person,
	// oldest first.
	RatingRequests(ctx context.Context) ([]RatingRequest, error)
	// SaveRatingDraft keeps what the rater has typed of an open request of
	// theirs.
	SaveRatingDraft(ctx context.Context, uid string, draft PeerRating) error
	// SendRating sends the rating of an open request of the store's person
	// (the rater) to the companion who asked, in one transaction: the
	// rating becomes the companion's (under the request's UID, with the
	// rater's name as the server knows it), and the draft is dropped.
	// The caller checks it against the skill map first. ErrRatingSent if
	// it was sent already; ErrNotFound if it is no request of theirs.
	SendRating(ctx context.Context, uid string, r PeerRating) (PeerRating, error)
}

// ErrRatingSent: the rating of a request was sent already, and is no
// longer its rater's to change or read.
var ErrRatingSent = errors.New("the rating was sent already")

// RatingAsked is the due item of a request for a rating made of the
// person, while it is open: who asked, and since when.
func RatingAsked(req RatingRequest, loc *time.Location, today Date) DueItem {
	since := dayIn(req.AskedAt, loc)
	return DueItem{Kind: DueRatingAsked, Person: req.CompanionName, Ref: req.UID, Since: since,
		DaysOver: max(since.DaysUntil(today), 0)}
}

// ErrRatingEmpty: a rating that says nothing yet is not sent.
var ErrRatingEmpty = errors.New("the rating says nothing yet")

// ErrRatingNoRelation: a rating is sent with who the rater is to the
// companion.
var ErrRatingNoRelation = errors.New("who the rater is to the companion is not chosen")

// RatingDraft is the rating the rater of req goes on with, as every form
// of it keeps it: what they typed so far, named for the companion and the
// rater as the server knows them, in the language they write it in.
func RatingDraft(req RatingRequest, lang Lang) PeerRating {
	d := req.Draft
	d.Skills = slices.Clone(d.Skills)
	d.UID, d.For, d.Rater, d.Lang = req.UID, req.CompanionName, req.RaterName, lang
	return d
}

// PutSkill sets what the rating says about one skill, in place of what it
// said; a skill given neither a level nor evidence is left out.
func (r *PeerRating) PutSkill(ps PeerSkill) {
	r.Skills = slices.DeleteFunc(slices.Clone(r.Skills), func(s PeerSkill) bool { return s.SkillID == ps.SkillID })
	if ps.Level != 0 || strings.TrimSpace(ps.Evidence) != "" {
		r.Skills = append(r.Skills, ps)
	}
}

// Ready is the rating as its rater sends it: normalised (Normalize) and
// made at now. It says why it cannot be sent yet: ErrRatingEmpty when it
// says nothing, ErrRatingNoRelation without who the rater is to the
// companion, else Validate's problems.
func (r PeerRating) Ready(m *SkillMap, now time.Time) (PeerRating, error) {
	r.Skills = slices.Clone(r.Skills)
	r.Normalize(m)
	switch {
	case r.Empty():
		return r, ErrRatingEmpty
	case r.Relation == "":
		return r, ErrRatingNoRelation
	}
	r.At = now
	return r, r.Validate(m)
}

// ratingWhose says, before a rating is sent, whose it becomes.
var ratingWhose = map[Lang]string{
	Ja: "送信すると、この評価は%[1]sさんのものになります。読めるのは%[1]sさんだけです（管理者もほかの人も読めません）。送ったあとは、あなた自身も読み返したり直したりできません。",
	En: "Once sent, the rating belongs to %[1]s: only %[1]s can read it (no admin, no one else). After sending, you cannot read it back or change it either.",
}

// RatingWhose is what the rater is told before sending a rating to the
// named companion: it becomes theirs alone, and the rater can no longer
// read it back or change it.
func RatingWhose(lang Lang, companion string) string {
	return fmt.Sprintf(ratingWhose[langOr(lang)], companion)
}
