package sqlite

import (
	"context"
	"reflect"
	"testing"

	"bansou/model"
)

// TestEngagementDraftsAreOfferedUntilSavedOrDiscarded: a draft written by
// a bansou that died is offered with every field as typed; one being typed
// in a running bansou is not; saving the engagement (new or edited) removes
// its draft in the same transaction, and so does discarding it.
func TestEngagementDraftsAreOfferedUntilSavedOrDiscarded(t *testing.T) {
	ctx := context.Background()
	s, path := openTemp(t)
	crashed, err := Open(path, Options{Owner: deadPid(t)})
	if err != nil {
		t.Fatal(err)
	}
	defer crashed.Close()
	running, err := Open(path, Options{Owner: livePid(t)})
	if err != nil {
		t.Fatal(err)
	}
	defer running.Close()

	typed := model.EngagementDraft{UID: model.NewID(), Learner: "山田 花子", SendingOrg: "株式会社みらい",
		HostOrg: "NPO法人つなぐ", Start: "2026-12-01", End: "2027-05-3", EarlyDays: "５",
		Companions: []model.Companion{{Name: "佐藤 一郎", Type: model.Host}, {Name: "Tanaka", Type: model.ThirdParty}}}
	if err := crashed.SaveEngagementDraft(ctx, typed); err != nil {
		t.Fatal(err)
	}
	elsewhere := model.EngagementDraft{UID: model.NewID(), Learner: "別の窓で入力中"}
	if err := running.SaveEngagementDraft(ctx, elsewhere); err != nil {
		t.Fatal(err)
	}
	drafts, err := s.EngagementDrafts(ctx)
	if err != nil || len(drafts) != 1 {
		t.Fatalf("drafts = %+v %v", drafts, err)
	}
	got := drafts[0]
	if got.UpdatedAt.IsZero() {
		t.Error("no time")
	}
	got.UpdatedAt = typed.UpdatedAt
	if !reflect.DeepEqual(got, typed) {
		t.Fatalf("draft = %+v, want %+v", got, typed)
	}

	// Saved as typed further: the draft goes with it.
	e := engagement()
	e.UID = typed.UID
	created, err := s.CreateEngagement(ctx, e)
	if err != nil {
		t.Fatal(err)
	}
	if drafts, _ := s.EngagementDrafts(ctx); len(drafts) != 0 {
		t.Fatalf("after the engagement was created: %+v", drafts)
	}

	// Editing it: a draft keyed by the engagement, gone once updated.
	edit := model.EngagementDraft{UID: created.UID, EngagementID: created.ID, Learner: "山田 花子（旧姓 田中）"}
	if err := crashed.SaveEngagementDraft(ctx, edit); err != nil {
		t.Fatal(err)
	}
	if drafts, _ := s.EngagementDrafts(ctx); len(drafts) != 1 || drafts[0].EngagementID != created.ID || drafts[0].Learner != edit.Learner {
		t.Fatalf("edit draft = %+v", drafts)
	}
	created.Learner.Name = edit.Learner
	if _, err := s.UpdateEngagement(ctx, created); err != nil {
		t.Fatal(err)
	}
	if drafts, _ := s.EngagementDrafts(ctx); len(drafts) != 0 {
		t.Fatalf("after the engagement was updated: %+v", drafts)
	}

	// Discarded: gone.
	if err := crashed.SaveEngagementDraft(ctx, edit); err != nil {
		t.Fatal(err)
	}
	if err := s.DiscardEngagementDraft(ctx, edit.UID); err != nil {
		t.Fatal(err)
	}
	if drafts, _ := s.EngagementDrafts(ctx); len(drafts) != 0 {
		t.Fatalf("after discarding: %+v", drafts)
	}
}
