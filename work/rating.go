package work

import (
	"context"
	"time"

	"bansou/model"
)

// Ratings asked of a person, as every front-end fills them in: the open
// request found with its draft, the draft kept as typed, and the rating
// checked and sent.

// RatingRequest is the open request uid made of the store's person, with
// the draft they have typed: model.ErrRatingSent once it was sent,
// model.ErrNotFound when it is no request of theirs, model.ErrNotAllowed
// on a store that keeps no requests (the single user's).
func RatingRequest(ctx context.Context, store model.Store, uid string) (model.RatingRequest, error) {
	rr, ok := store.(model.RatingRequests)
	if !ok || me(store) == 0 {
		return model.RatingRequest{}, model.ErrNotAllowed
	}
	reqs, err := rr.RatingRequests(ctx)
	if err != nil {
		return model.RatingRequest{}, err
	}
	for _, q := range reqs {
		if q.UID != uid || q.Rater != me(store) {
			continue
		}
		if !q.Open() {
			return q, model.ErrRatingSent
		}
		return q, nil
	}
	return model.RatingRequest{}, model.ErrNotFound
}

// KeepRatingDraft keeps what the rater has typed of an open request.
func KeepRatingDraft(ctx context.Context, store model.Store, d model.PeerRating) error {
	rr, ok := store.(model.RatingRequests)
	if !ok {
		return model.ErrNotAllowed
	}
	return rr.SaveRatingDraft(ctx, d.UID, d)
}

// SendRating checks the rating typed (model.PeerRating.Ready, against
// the library's skill map) and sends it to the companion who asked.
func SendRating(ctx context.Context, store model.Store, lib *model.Library, d model.PeerRating, now time.Time) error {
	rr, ok := store.(model.RatingRequests)
	if !ok {
		return model.ErrNotAllowed
	}
	r, err := d.Ready(lib.Skills, now)
	if err != nil {
		return err
	}
	_, err = rr.SendRating(ctx, d.UID, r)
	return err
}
