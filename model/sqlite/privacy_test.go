package sqlite

import (
	"context"
	"encoding/json"
	"errors"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"bansou/model"
)

// people are the accounts of a server for the privacy tests: Alice writes,
// Bob is a member of her engagement (the host's companion), Carol is an
// admin who is no member, Dan is the programme office and Eve a companion
// of other learners.
type people struct {
	alice, bob, carol, dan, eve model.Account
}

func addPeople(t *testing.T, s *Store) people {
	t.Helper()
	ctx := context.Background()
	add := func(name string, typ model.CompanionType, role model.Role, admin bool) model.Account {
		a, err := s.AddAccount(ctx, model.Account{Name: name, Type: typ, Role: role, Admin: admin})
		if err != nil {
			t.Fatal(err)
		}
		return a
	}
	return people{
		alice: add("佐藤 アリス", model.Sending, model.RoleCompanion, false),
		bob:   add("鈴木 ボブ", model.Host, model.RoleCompanion, false),
		carol: add("管理 キャロル", model.Sending, model.RoleCompanion, true),
		dan:   add("事務局 ダン", model.Sending, model.RoleOffice, false),
		eve:   add("高橋 イブ", model.ThirdParty, model.RoleFacilitator, false),
	}
}

// The private strings Alice writes; shared ones Bob must read, so that the
// test would notice a store that reads nothing at all.
var (
	secrets = []string{
		"秘密の答え-ALICE-1", "秘密のメモ-ALICE-2", "家族の介護が心配-ALICE-4", "非公開の経過メモ-ALICE-6",
		"非公開の結果メモ-ALICE-7", "自己評価の根拠-ALICE-8", "ラウンドの記録-ALICE-9", "参加者-ALICE-R",
		"下書きの学習者-ALICE-10", "学習者の声-ALICE-11", "メンターの根拠-ALICE-12", "評価シート-ALICE-13",
		"頼まれた評価の下書き-ALICE-14",
	}
	sharedAnswer = "共有の答え-A3"
	sharedWorry  = "評価制度が不安-A5"
	sharedAction = "人事に聞く-A12"
)

// aliceWrites has Alice, on her own store, write an engagement (with Bob as
// a member), a session with private and shared words, a ledger, a
// self-review, a peer round and a draft of a form, and leave the session
// open.
func aliceWrites(t *testing.T, s *Store, p people) (eng model.Engagement, sess model.Session) {
	t.Helper()
	ctx := context.Background()
	eng, err := s.CreateEngagement(ctx, engagement())
	if err != nil {
		t.Fatal(err)
	}
	if err := s.AddMember(ctx, eng.ID, p.bob.ID, model.Host); err != nil {
		t.Fatal(err)
	}
	sess = model.NewSession(flow(), eng.ID, model.Ja, clock)
	sess.Steps = append(sess.Steps, model.Step{Key: "f:1", Kind: model.StepFeedback, PromptID: "fb", Title: "声",
		Answer: secrets[9], AnswerPrivate: true})
	if sess, err = s.StartSession(ctx, sess); err != nil {
		t.Fatal(err)
	}
	if err := s.SetSessionOpen(ctx, sess.ID, true); err != nil {
		t.Fatal(err)
	}
	at := clock.Add(time.Minute)
	sess.Steps[0].Answer, sess.Steps[0].AnswerPrivate, sess.Steps[0].Note = secrets[0], true, secrets[1]
	sess.Steps[1].Answer, sess.Steps[1].UpdatedAt = sharedAnswer, at
	pr := model.ProgressOf(sess, []string{sess.Steps[0].Key, sess.Steps[1].Key}, false)
	worry := model.Anxiety{ID: model.NewID(), EngagementID: eng.ID, SessionID: sess.ID, Text: secrets[2], Private: true,
		CreatedAt: at, UpdatedAt: at}
	shared := model.Anxiety{ID: model.NewID(), EngagementID: eng.ID, SessionID: sess.ID, Text: sharedWorry,
		CreatedAt: at, UpdatedAt: at}
	act := model.Action{ID: model.NewID(), EngagementID: eng.ID, SessionID: sess.ID, Text: sharedAction,
		Owner: model.OwnerLearner, CreatedAt: at, UpdatedAt: at}
	pr.Anxieties = []model.Anxiety{worry, shared}
	pr.AnxietyUpdates = []model.AnxietyUpdate{{ID: model.NewID(), AnxietyID: shared.ID, SessionID: sess.ID,
		Status: model.AnxietyEasing, Note: secrets[3], At: at}}
	pr.Actions = []model.Action{act}
	pr.ActionUpdates = []model.ActionUpdate{{ID: model.NewID(), ActionID: act.ID, SessionID: sess.ID,
		Outcome: model.OutcomeWorked, Note: secrets[4], At: at}}
	if err := s.SaveProgress(ctx, pr); err != nil {
		t.Fatal(err)
	}
	review := model.Session{FlowID: "self-review", Lang: model.Ja, Mode: model.OneOnOne, Status: model.InProgress,
		StartedAt: clock, UpdatedAt: clock, Steps: []model.Step{{Key: "p:s1", Kind: model.StepPrompt, PromptID: "s1",
			Title: "観察傾聴", Value: 3, Answer: secrets[5], AnswerPrivate: true}}}
	if _, err := s.StartSession(ctx, review); err != nil {
		t.Fatal(err)
	}
	round := model.Session{FlowID: model.RoundFlowPrefix + "intervision", Lang: model.Ja, Mode: model.Round,
		Status: model.InProgress, StartedAt: clock, UpdatedAt: clock, Steps: []model.Step{{Key: "p:case",
			Kind: model.StepPrompt, PromptID: "case", Title: "事例", Answer: secrets[6]}}}
	if _, _, err := s.StartRound(ctx, round, model.PeerRound{Participants: []model.Participant{{Name: secrets[7]}}}); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveEngagementDraft(ctx, model.EngagementDraft{UID: model.NewID(), Learner: secrets[8]}); err != nil {
		t.Fatal(err)
	}
	rating := peerRating("alice-rating")
	rating.Skills[0].Evidence = secrets[10]
	if _, err := s.SavePeerRating(ctx, rating); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveRatingSheet(ctx, model.RatingSheet{UID: "alice-sheet", For: secrets[11], Lang: model.Ja,
		WrittenAt: clock}); err != nil {
		t.Fatal(err)
	}
	return eng, sess
}

// served opens a database as a server would, on a clock the test moves.
func served(t *testing.T) (*Store, *movingClock) { return servedB(t) }

// servedB is served for a test or a benchmark.
func servedB(t testing.TB) (*Store, *movingClock) {
	t.Helper()
	c := newMovingClock(clock)
	s, err := Open(filepath.Join(t.TempDir(), "served.db"), Options{Now: c.now})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s, c
}

// TestPrivateRecordsAreReadByTheirAuthorOnly: Alice writes private words
// into every kind of record; every method of model.Store is called as Bob
// (a member of the engagement), Carol (an admin, no member), Dan (the
// office) and Eve (no member), and none of Alice's private words comes
// back from any, nor from a search for each of them. Bob reads what is
// shared; Alice reads all of hers. A method added to model.Store without
// being called here fails the test.
func TestPrivateRecordsAreReadByTheirAuthorOnly(t *testing.T) {
	base, c := served(t)
	p := addPeople(t, base)
	alice := storeOf(t, base, p.alice)
	eng, sess := aliceWrites(t, alice, p)
	// Alice's window is gone: her lease lapses, so that nothing is kept
	// from the others only because it is open.
	c.set(clock.Add(time.Hour))

	ctx := context.Background()
	var aliceRound int64
	base.db.QueryRow(`SELECT session_id FROM rounds`).Scan(&aliceRound)
	// A guest of a room of Eve's, for whom every method finds nothing.
	eve := storeOf(t, base, p.eve)
	evesRound, _, err := eve.StartRound(context.Background(), model.Session{FlowID: model.RoundFlowPrefix + "x", Lang: model.Ja,
		Mode: model.Round, Status: model.InProgress, StartedAt: clock, UpdatedAt: clock}, model.PeerRound{})
	if err != nil {
		t.Fatal(err)
	}
	code, err := eve.OpenRoom(context.Background(), evesRound.ID, 24*time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	// Eve asks Alice for a rating, and Alice begins it: what she has typed
	// is hers alone, not even Eve's until she sends it.
	asked, err := eve.AskRating(ctx, p.alice.ID)
	if err != nil {
		t.Fatal(err)
	}
	typed := peerRating(asked.UID)
	typed.Improvement = secrets[12]
	if err := alice.SaveRatingDraft(ctx, asked.UID, typed); err != nil {
		t.Fatal(err)
	}
	aliceWorries := 0
	if states, err := alice.States(ctx); err != nil || len(states) != 1 {
		t.Fatalf("Alice's states: %v %v", states, err)
	} else if aliceWorries = states[0].OpenWorries; aliceWorries != 2 {
		t.Fatalf("Alice counts %d open worries, want her private one and the shared one", aliceWorries)
	}
	var privateWorry string
	if err := base.db.QueryRow(`SELECT id FROM anxieties WHERE private = 1`).Scan(&privateWorry); err != nil {
		t.Fatal(err)
	}
	for _, reader := range []struct {
		name  string
		who   model.Account
		guest bool
	}{{"member", p.bob, false}, {"admin", p.carol, false}, {"office", p.dan, false}, {"outsider", p.eve, false},
		{"guest", model.Account{}, true}} {
		t.Run(reader.name, func(t *testing.T) {
			var s *Store
			if reader.guest {
				g, _, err := base.JoinAsGuest(context.Background(), code, keyGuest, "来賓", "")
				if err != nil {
					t.Fatal(err)
				}
				s = g.(*Store)
				t.Cleanup(func() { s.Close() })
			} else {
				s = storeOf(t, base, reader.who)
			}
			called := map[string]bool{}
			var got []any
			read := func(method string, v any, err error) {
				called[method] = true
				if err != nil && !errors.Is(err, model.ErrNotFound) && !errors.Is(err, model.ErrNotAllowed) {
					t.Errorf("%s: %v", method, err)
				}
				got = append(got, v)
			}
			refused := func(method string, err error) {
				called[method] = true
				if !errors.Is(err, model.ErrNotAllowed) && !errors.Is(err, model.ErrNotFound) {
					t.Errorf("%s as %s: %v, want refused", method, reader.name, err)
				}
			}

			engs, err := s.Engagements(ctx, true)
			read("Engagements", engs, err)
			e, err := s.Engagement(ctx, eng.ID)
			read("Engagement", e, err)
			drafts, err := s.EngagementDrafts(ctx)
			read("EngagementDrafts", drafts, err)
			one, err := s.Session(ctx, sess.ID)
			read("Session", one, err)
			list, err := s.Sessions(ctx, eng.ID)
			read("Sessions", list, err)
			open, err := s.InterruptedSessions(ctx)
			read("InterruptedSessions", open, err)
			solo, err := s.SoloSessions(ctx, "self-review")
			read("SoloSessions", solo, err)
			rounds, err := s.Rounds(ctx)
			read("Rounds", rounds, err)
			for _, r := range rounds {
				rd, err := s.Round(ctx, r.Session.ID)
				read("Round", rd, err)
			}
			for id := int64(1); id <= sess.ID+2; id++ {
				rd, err := s.Round(ctx, id)
				read("Round", rd, err)
			}
			fb, err := s.Feedback(ctx)
			read("Feedback", fb, err)
			ratings, err := s.PeerRatings(ctx)
			read("PeerRatings", ratings, err)
			sheet, err := s.RatingSheet(ctx, "alice-sheet")
			read("RatingSheet", sheet, err)
			l, err := s.Ledger(ctx, eng.ID)
			read("Ledger", l, err)
			states, err := s.States(ctx)
			read("States", states, err)
			// Not even that her private worry is open: the due list counts
			// the shared one alone (Alice's own count has both).
			for _, st := range states {
				if st.Engagement.ID == eng.ID && st.OpenWorries != min(aliceWorries, 1) {
					t.Errorf("%s counts %d open worries, want only the shared one", reader.name, st.OpenWorries)
				}
			}
			for _, q := range append(slices.Clone(secrets), "ALICE", "秘密", "非公開", "心配") {
				hits, err := s.Search(ctx, q)
				read("Search", hits, err)
			}

			// Writing over Alice's records is refused, and so is anything
			// that reads or writes every record at once.
			refused("SaveProgress", s.SaveProgress(ctx, model.ProgressOf(one, nil, false)))
			refused("SetSessionOpen", s.SetSessionOpen(ctx, sess.ID, true))
			refused("TakeOverSession", s.TakeOverSession(ctx, sess.ID))
			_, err = s.Import(ctx, model.Export{}, model.ImportOptions{})
			refused("Import", err)
			refused("Backup", s.Backup(ctx, filepath.Join(t.TempDir(), "copy.db")))
			var aliceDraft string
			base.db.QueryRow(`SELECT uid FROM engagement_drafts`).Scan(&aliceDraft)
			refused("DiscardEngagementDraft", s.DiscardEngagementDraft(ctx, aliceDraft))
			refused("DeletePeerRating", s.DeletePeerRating(ctx, "alice-rating"))
			over := peerRating("alice-rating")
			over.Owner = p.alice.ID
			_, err = s.SavePeerRating(ctx, over)
			refused("SavePeerRating", err)
			refused("SaveRatingSheet", s.SaveRatingSheet(ctx, model.RatingSheet{UID: "alice-sheet", WrittenAt: clock}))
			// Requests for ratings: each reads only those made by or of
			// them, never Alice's draft (Eve, who asked, included); they
			// neither write nor send it. Asking Alice for a rating of
			// their own makes a request that is theirs (a guest is
			// refused).
			reqs, err := s.RatingRequests(ctx)
			read("RatingRequests", reqs, err)
			mine, err := s.AskRating(ctx, p.alice.ID)
			read("AskRating", mine, err)
			refused("SaveRatingDraft", s.SaveRatingDraft(ctx, asked.UID, peerRating(asked.UID)))
			_, err = s.SendRating(ctx, asked.UID, peerRating(asked.UID))
			refused("SendRating", err)
			switch {
			case reader.who.ID == p.bob.ID:
				// Bob works on the engagement with his own records.
				bobs, err := s.StartSession(ctx, model.NewSession(flow(), eng.ID, model.Ja, clock.Add(2*time.Hour)))
				read("StartSession", bobs, err)
				_, err = s.UpdateEngagement(ctx, eng)
				read("UpdateEngagement", nil, err)
				read("ArchiveEngagement", nil, s.ArchiveEngagement(ctx, eng.ID, false))
				// A status on Alice's private worry, which he cannot read.
				var worry string
				base.db.QueryRow(`SELECT id FROM anxieties WHERE private = 1`).Scan(&worry)
				pr := model.ProgressOf(bobs, nil, false)
				pr.AnxietyUpdates = []model.AnxietyUpdate{{ID: model.NewID(), AnxietyID: worry, SessionID: bobs.ID,
					Status: model.AnxietyResolved, At: clock.Add(2 * time.Hour)}}
				if err := s.SaveProgress(ctx, pr); !errors.Is(err, model.ErrNotAllowed) {
					t.Errorf("a status on a private worry of another: %v", err)
				}
			case reader.guest:
				_, err = s.UpdateEngagement(ctx, eng)
				refused("UpdateEngagement", err)
				refused("ArchiveEngagement", s.ArchiveEngagement(ctx, eng.ID, false))
				_, err = s.StartSession(ctx, model.NewSession(flow(), eng.ID, model.Ja, clock))
				refused("StartSession", err)
			case reader.who.Admin || reader.who.Role == model.RoleOffice:
				// They keep the roster, and hold no session of it.
				_, err = s.UpdateEngagement(ctx, eng)
				read("UpdateEngagement", nil, err)
				read("ArchiveEngagement", nil, s.ArchiveEngagement(ctx, eng.ID, false))
				_, err = s.StartSession(ctx, model.NewSession(flow(), eng.ID, model.Ja, clock))
				refused("StartSession", err)
			default:
				_, err = s.UpdateEngagement(ctx, eng)
				refused("UpdateEngagement", err)
				refused("ArchiveEngagement", s.ArchiveEngagement(ctx, eng.ID, false))
				_, err = s.StartSession(ctx, model.NewSession(flow(), eng.ID, model.Ja, clock))
				refused("StartSession", err)
			}
			other := engagement()
			other.Learner.Name = "別の学習者"
			newEng, err := s.CreateEngagement(ctx, other)
			draft := model.EngagementDraft{UID: model.NewID(), Learner: "自分の下書き"}
			if reader.guest {
				// A guest has nothing of their own beyond the room.
				refused("CreateEngagement", err)
				refused("SaveEngagementDraft", s.SaveEngagementDraft(ctx, draft))
			} else {
				read("CreateEngagement", newEng, err)
				read("SaveEngagementDraft", nil, s.SaveEngagementDraft(ctx, draft))
			}
			read("DiscardEngagementDraft", nil, s.DiscardEngagementDraft(ctx, draft.UID))
			// The cadence of self-reviews is each person's own: setting
			// one leaves Alice's as it is; a guest has none to set.
			if reader.guest {
				refused("SetReviewCadence", s.SetReviewCadence(ctx, 45))
			} else {
				read("SetReviewCadence", nil, s.SetReviewCadence(ctx, 45))
			}
			days, err := s.ReviewCadence(ctx)
			read("ReviewCadence", days, err)
			if alices, err := alice.ReviewCadence(ctx); err != nil || alices != 0 {
				t.Errorf("Alice's cadence after %s set one: %d, %v", reader.name, alices, err)
			}
			round := model.Session{FlowID: model.RoundFlowPrefix + "x", Lang: model.Ja, Mode: model.Round,
				Status: model.InProgress, StartedAt: clock, UpdatedAt: clock}
			refused("DeleteRound", s.DeleteRound(ctx, aliceRound))
			if reader.who.Role == model.RoleOffice || reader.guest {
				_, _, err = s.StartRound(ctx, round, model.PeerRound{})
				refused("StartRound", err)
			} else {
				round, _, err = s.StartRound(ctx, round, model.PeerRound{})
				read("StartRound", nil, err)
				// Their own round is theirs to remove.
				err = s.DeleteRound(ctx, round.ID)
				if err != nil {
					t.Errorf("%s removing their own round: %v", reader.name, err)
				}
				read("DeleteRound", nil, err)
			}
			read("Close", nil, nil)

			out, err := json.Marshal(got)
			if err != nil {
				t.Fatal(err)
			}
			for _, secret := range secrets {
				if strings.Contains(string(out), secret) {
					t.Errorf("%s read Alice's private %q", reader.name, secret)
				}
			}
			// Not even that her private worry is there: the due list
			// reads no words, only which worries are open.
			if strings.Contains(string(out), privateWorry) {
				t.Errorf("%s read Alice's private worry %s", reader.name, privateWorry)
			}
			switch reader.name {
			case "member":
				for _, want := range []string{sharedAnswer, sharedWorry, sharedAction, eng.Learner.Name} {
					if !strings.Contains(string(out), want) {
						t.Errorf("the member does not read the shared %q", want)
					}
				}
			case "office":
				// The office reads the roster, never what was written.
				if !strings.Contains(string(out), eng.Learner.Name) {
					t.Errorf("the office does not see the engagement")
				}
				for _, shared := range []string{sharedAnswer, sharedWorry, sharedAction} {
					if strings.Contains(string(out), shared) {
						t.Errorf("the office read %q", shared)
					}
				}
			default:
				if strings.Contains(string(out), eng.Learner.Name) || strings.Contains(string(out), sharedAnswer) {
					t.Errorf("%s, no member, read Alice's engagement", reader.name)
				}
			}
			for _, iface := range []reflect.Type{reflect.TypeFor[model.Store](), reflect.TypeFor[model.RatingRequests]()} {
				for i := range iface.NumMethod() {
					if m := iface.Method(i).Name; !called[m] {
						t.Errorf("%s.%s is not called as %s", iface, m, reader.name)
					}
				}
			}
		})
	}

	// Alice reads every word of hers.
	all, _ := json.Marshal(aliceReads(t, alice, eng.ID, sess.ID))
	for _, secret := range secrets {
		if !strings.Contains(string(all), secret) {
			t.Errorf("Alice does not read her own %q", secret)
		}
	}
}

// aliceReads is everything Alice's store reads back.
func aliceReads(t *testing.T, s *Store, engagementID, sessionID int64) []any {
	t.Helper()
	ctx := context.Background()
	var out []any
	add := func(v any, err error) {
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, v)
	}
	sess, err := s.Session(ctx, sessionID)
	add(sess, err)
	l, err := s.Ledger(ctx, engagementID)
	add(l, err)
	solo, err := s.SoloSessions(ctx, "self-review")
	add(solo, err)
	rounds, err := s.Rounds(ctx)
	add(rounds, err)
	fb, err := s.Feedback(ctx)
	add(fb, err)
	ratings, err := s.PeerRatings(ctx)
	add(ratings, err)
	sheet, err := s.RatingSheet(ctx, "alice-sheet")
	add(sheet, err)
	reqs, err := s.RatingRequests(ctx)
	add(reqs, err)
	var draft string
	s.db.QueryRow(`SELECT data FROM engagement_drafts`).Scan(&draft)
	add(draft, nil)
	for _, q := range secrets[:5] {
		hits, err := s.Search(ctx, q)
		if len(hits) == 0 {
			t.Errorf("Alice does not find her own %q", q)
		}
		add(hits, err)
	}
	return out
}
