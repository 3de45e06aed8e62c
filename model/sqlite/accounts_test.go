package sqlite

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"bansou/model"
)

const (
	keyA = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAlice"
	keyB = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBob"
)

// TestEnrolmentCodeIsSpentOnceAndExpires: a code enrols one key to its
// person, read as typed (lower case, spaces); it cannot be spent twice,
// after it expires, or on a key already enrolled; only its hash is kept.
func TestEnrolmentCodeIsSpentOnceAndExpires(t *testing.T) {
	s, c := served(t)
	ctx := context.Background()
	a, err := s.AddAccount(ctx, model.Account{Name: "佐藤 一郎", Type: model.Host})
	if err != nil {
		t.Fatal(err)
	}
	if a.Role != model.RoleCompanion || a.Lang != model.Ja {
		t.Fatalf("defaults: %+v", a)
	}
	if _, err := s.AccountByKey(ctx, keyA); !errors.Is(err, model.ErrNotFound) {
		t.Fatalf("unknown key: %v", err)
	}
	code, err := s.NewCode(ctx, a.ID, 72*time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	var stored string
	s.db.QueryRow(`SELECT hash FROM enrolment_codes`).Scan(&stored)
	if stored == "" || strings.Contains(stored, strings.ReplaceAll(code, "-", "")) {
		t.Fatalf("the code is kept as %q", stored)
	}
	if _, err := s.Enrol(ctx, "WRONG-CODE-0000", keyA); !errors.Is(err, model.ErrCodeInvalid) {
		t.Fatalf("wrong code: %v", err)
	}
	typed := " " + strings.ToLower(strings.ReplaceAll(code, "-", " ")) + " "
	got, err := s.Enrol(ctx, typed, keyA+"\n")
	if err != nil || got.ID != a.ID {
		t.Fatalf("enrol = %+v, %v", got, err)
	}
	if got, err := s.AccountByKey(ctx, keyA); err != nil || got.Name != "佐藤 一郎" || got.Type != model.Host {
		t.Fatalf("by key = %+v, %v", got, err)
	}
	if _, err := s.Enrol(ctx, code, keyB); !errors.Is(err, model.ErrCodeInvalid) {
		t.Fatalf("a used code: %v", err)
	}

	again, _ := s.NewCode(ctx, a.ID, time.Hour)
	if _, err := s.Enrol(ctx, again, keyA); !errors.Is(err, model.ErrKeyTaken) {
		t.Fatalf("a key already enrolled: %v", err)
	}
	c.set(clock.Add(time.Hour))
	if _, err := s.Enrol(ctx, again, keyB); !errors.Is(err, model.ErrCodeInvalid) {
		t.Fatalf("an expired code: %v", err)
	}
	if _, err := s.NewCode(ctx, 999, time.Hour); !errors.Is(err, model.ErrNotFound) {
		t.Fatalf("a code for nobody: %v", err)
	}
}

// TestAccountsAreCheckedAndNamesUnique: a person needs a name, a known
// type, role and language, and a name of their own.
func TestAccountsAreCheckedAndNamesUnique(t *testing.T) {
	s, _ := served(t)
	ctx := context.Background()
	for _, bad := range []model.Account{{Name: "  "}, {Name: "x", Type: "boss"}, {Name: "x", Role: "owner"}, {Name: "x", Lang: "fr"}} {
		if _, err := s.AddAccount(ctx, bad); err == nil {
			t.Errorf("%+v accepted", bad)
		}
	}
	a, err := s.AddAccount(ctx, model.Account{Name: "田中\n花子", Role: model.RoleFacilitator})
	if err != nil || a.Name != "田中 花子" {
		t.Fatalf("add = %+v, %v", a, err)
	}
	if _, err := s.AddAccount(ctx, model.Account{Name: "田中 花子"}); !errors.Is(err, model.ErrNameTaken) {
		t.Fatalf("same name: %v", err)
	}
	a.Accessible, a.Lang = true, model.En
	if a, err = s.UpdateAccount(ctx, a); err != nil || !a.Accessible || a.CreatedAt.IsZero() {
		t.Fatalf("update = %+v, %v", a, err)
	}
	list, err := s.AccountList(ctx)
	if err != nil || len(list) != 1 || list[0].Lang != model.En {
		t.Fatalf("list = %+v, %v", list, err)
	}
}

// TestEnsureAdmin: the key given on the command line becomes an admin's,
// once: a new account the first time, the same one after; a key enrolled
// already makes its person an admin.
func TestEnsureAdmin(t *testing.T) {
	s, _ := served(t)
	ctx := context.Background()
	a, err := s.EnsureAdmin(ctx, "管理者", keyA)
	if err != nil || !a.Admin {
		t.Fatalf("first = %+v, %v", a, err)
	}
	b, err := s.EnsureAdmin(ctx, "管理者", keyA)
	if err != nil || b.ID != a.ID {
		t.Fatalf("again = %+v, %v", b, err)
	}
	p, _ := s.AddAccount(ctx, model.Account{Name: "鈴木"})
	code, _ := s.NewCode(ctx, p.ID, time.Hour)
	if _, err := s.Enrol(ctx, code, keyB); err != nil {
		t.Fatal(err)
	}
	if got, err := s.EnsureAdmin(ctx, "ignored", keyB); err != nil || got.ID != p.ID || !got.Admin {
		t.Fatalf("enrolled key = %+v, %v", got, err)
	}
}

// TestMembersAndWhoMayChangeThem: a companion who creates an engagement is
// its member with their type; another member may add people; one who is
// not may not; the office may.
func TestMembersAndWhoMayChangeThem(t *testing.T) {
	base, _ := served(t)
	p := addPeople(t, base)
	ctx := context.Background()
	alice := storeOf(t, base, p.alice)
	e, err := alice.CreateEngagement(ctx, engagement())
	if err != nil {
		t.Fatal(err)
	}
	ms, err := alice.Members(ctx, e.ID)
	if err != nil || len(ms) != 1 || ms[0].AccountID != p.alice.ID || ms[0].Type != model.Sending {
		t.Fatalf("members = %+v, %v", ms, err)
	}
	eve := storeOf(t, base, p.eve)
	if err := eve.AddMember(ctx, e.ID, p.eve.ID, model.ThirdParty); !errors.Is(err, model.ErrNotAllowed) {
		t.Fatalf("no member adds herself: %v", err)
	}
	if ms, _ := eve.Members(ctx, e.ID); len(ms) != 0 {
		t.Fatalf("no member reads the members: %+v", ms)
	}
	if err := alice.AddMember(ctx, e.ID, p.bob.ID, model.Host); err != nil {
		t.Fatal(err)
	}
	office := storeOf(t, base, p.dan)
	if err := office.AddMember(ctx, e.ID, p.eve.ID, model.ThirdParty); err != nil {
		t.Fatal(err)
	}
	if got, err := eve.Engagement(ctx, e.ID); err != nil || got.Learner.Name != "山田 花子" {
		t.Fatalf("a new member reads the engagement: %+v, %v", got, err)
	}
	// A member does not take another off (the creator could be shut out
	// of her own sessions); the office does, and a member leaves.
	if err := eve.RemoveMember(ctx, e.ID, p.alice.ID); !errors.Is(err, model.ErrNotAllowed) {
		t.Fatalf("Eve takes Alice off: %v", err)
	}
	if err := office.RemoveMember(ctx, e.ID, p.bob.ID); err != nil {
		t.Fatal(err)
	}
	if err := eve.RemoveMember(ctx, e.ID, p.eve.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := eve.Engagement(ctx, e.ID); !errors.Is(err, model.ErrNotFound) {
		t.Fatalf("after leaving: %v", err)
	}
	// An admin who is no member neither adds herself nor changes it.
	carol := storeOf(t, base, p.carol)
	if err := carol.AddMember(ctx, e.ID, p.carol.ID, model.Sending); !errors.Is(err, model.ErrNotAllowed) {
		t.Fatalf("the admin adds herself: %v", err)
	}
}

// TestChangesAreAnnouncedAfterTheyAreWritten: a save through one person's
// store reaches the watch of a fellow member on the same database, with
// the engagement and session it changed and who wrote it; the watch is one
// change or two deep and never holds a writer up. A person who may not read the
// engagement is never told, nor is the writer of their own change; a
// stopped watch gets nothing.
func TestChangesAreAnnouncedAfterTheyAreWritten(t *testing.T) {
	base, _ := served(t)
	p := addPeople(t, base)
	ctx := context.Background()
	alice, bob, eve := storeOf(t, base, p.alice), storeOf(t, base, p.bob), storeOf(t, base, p.eve)
	changes, stop := bob.Watch()
	own, stopOwn := alice.Watch()
	defer stopOwn()
	outside, stopOutside := eve.Watch()
	defer stopOutside()
	e, err := alice.CreateEngagement(ctx, engagement())
	if err != nil {
		t.Fatal(err)
	}
	if err := alice.AddMember(ctx, e.ID, p.bob.ID, model.Host); err != nil {
		t.Fatal(err)
	}
	// The engagement's creation, if it reached Bob's watch after he became
	// a member, or his membership: either way, one change of it.
	c := <-changes
	if c.EngagementID != e.ID || c.By != alice.Holder() || c.By == bob.Holder() {
		t.Fatalf("change = %+v", c)
	}
	sess, _ := alice.StartSession(ctx, model.NewSession(flow(), e.ID, model.Ja, clock))
	for c := <-changes; c.SessionID != sess.ID; c = <-changes {
	}
	for i := range 50 { // a burst: never blocks the writer
		if err := alice.SaveProgress(ctx, typedIn(sess, strings.Repeat("あ", i+1))); err != nil {
			t.Fatal(err)
		}
	}
	c = <-changes
	if c.SessionID != sess.ID || c.EngagementID != e.ID {
		t.Fatalf("save = %+v", c)
	}
	// The rest of the burst was dropped: the watch keeps a change or two
	// (one waiting in its filter), never the 50.
	kept := 1
	for more := true; more; {
		select {
		case <-changes:
			kept++
		case <-time.After(50 * time.Millisecond):
			more = false
		}
	}
	if kept > 3 {
		t.Fatalf("the watch kept %d of 50 changes", kept)
	}
	for name, ch := range map[string]<-chan model.StoreChange{"the writer": own, "no member": outside} {
		select {
		case c := <-ch:
			t.Errorf("%s was told of %+v", name, c)
		case <-time.After(50 * time.Millisecond):
		}
	}
	stop()
	alice.SaveProgress(ctx, typedIn(sess, "止めた後"))
	select {
	case c, ok := <-changes:
		if ok {
			t.Fatalf("a stopped watch got %+v", c)
		}
	case <-time.After(50 * time.Millisecond):
	}
}

// TestSessionsSayWhoHeldThem: each session records the member who held
// it, and every member's list of the engagement's sessions names them.
func TestSessionsSayWhoHeldThem(t *testing.T) {
	p, alice, bob, e := aliceAndBob(t)
	ctx := context.Background()
	if _, err := alice.StartSession(ctx, model.NewSession(flow(), e.ID, model.Ja, clock)); err != nil {
		t.Fatal(err)
	}
	if _, err := bob.StartSession(ctx, model.NewSession(flow(), e.ID, model.Ja, clock.Add(time.Hour))); err != nil {
		t.Fatal(err)
	}
	list, err := bob.Sessions(ctx, e.ID)
	if err != nil || len(list) != 2 {
		t.Fatalf("sessions = %+v, %v", list, err)
	}
	if list[0].HeldBy != p.alice.ID || list[0].Holder != "佐藤 アリス" || list[1].Holder != "鈴木 ボブ" {
		t.Fatalf("holders = %q (%d), %q", list[0].Holder, list[0].HeldBy, list[1].Holder)
	}
	single, _ := openTemp(t)
	s := newSession(t, single)
	mine, _ := single.Sessions(ctx, s.EngagementID)
	if len(mine) != 1 || mine[0].HeldBy != 0 || mine[0].Holder != "" {
		t.Fatalf("single user: %+v", mine)
	}
}

// TestMembersEditingOneWorryAreNeverOverwrittenSilently: Alice has her
// session open; Bob, from his own session, rewrites a shared worry Alice
// wrote there. Alice's window goes on saving her answers, and her save of
// her older copy of that worry is refused for that worry alone, writing
// nothing of that save; saved again without the worry, the rest lands.
// A copy read after Bob's change saves.
func TestMembersEditingOneWorryAreNeverOverwrittenSilently(t *testing.T) {
	_, alice, bob, e := aliceAndBob(t)
	ctx := context.Background()
	first, _ := alice.StartSession(ctx, model.NewSession(flow(), e.ID, model.Ja, clock))
	if err := alice.SetSessionOpen(ctx, first.ID, true); err != nil {
		t.Fatal(err)
	}
	var l model.Ledger
	worry := l.PutAnxiety(model.Anxiety{ID: model.NewID(), EngagementID: e.ID, SessionID: first.ID, Text: "評価制度が不安"}, clock)
	pr := model.ProgressOf(first, nil, false)
	pr.Anxieties = []model.Anxiety{worry}
	if err := alice.SaveProgress(ctx, pr); err != nil {
		t.Fatal(err)
	}
	worry.Read = worry.UpdatedAt // as the window takes it after the save

	second, _ := bob.StartSession(ctx, model.NewSession(flow(), e.ID, model.Ja, clock.Add(time.Hour)))
	read, _ := bob.Ledger(ctx, e.ID)
	bobs := read.PutAnxiety(model.Anxiety{ID: worry.ID, EngagementID: e.ID, SessionID: first.ID,
		Text: "評価制度が不安（人事と話して少し安心）", Read: read.Anxieties[0].Read}, clock.Add(time.Hour))
	pb := model.ProgressOf(second, nil, false)
	pb.Anxieties = []model.Anxiety{bobs}
	if err := bob.SaveProgress(ctx, pb); err != nil {
		t.Fatal(err)
	}

	if err := alice.SaveProgress(ctx, typedIn(first, "目的は地域の人とつながること")); err != nil {
		t.Fatalf("Alice's window stopped by Bob's change to the worry: %v", err)
	}
	mine := l.PutAnxiety(model.Anxiety{ID: worry.ID, EngagementID: e.ID, SessionID: first.ID,
		Text: "評価制度がとても不安", Read: worry.Read}, clock.Add(2*time.Hour))
	pa := typedIn(first, "目的は地域の人とつながること、そして学ぶこと")
	pa.Anxieties = []model.Anxiety{mine}
	err := alice.SaveProgress(ctx, pa)
	ids, only := model.EntriesChanged(err)
	if !only || len(ids) != 1 || ids[0] != worry.ID || !errors.Is(err, model.ErrEntryChanged) {
		t.Fatalf("Alice's older copy: %v (%v %v)", err, ids, only)
	}
	now, _ := bob.Ledger(ctx, e.ID)
	if now.Anxieties[0].Text != "評価制度が不安（人事と話して少し安心）" {
		t.Fatalf("the worry now: %q", now.Anxieties[0].Text)
	}
	if got := dbtestAnswer(t, alice, first.ID); got != "目的は地域の人とつながること" {
		t.Fatalf("a refused save wrote its answer: %q", got)
	}
	pa.Anxieties = nil
	if err := alice.SaveProgress(ctx, pa); err != nil {
		t.Fatal(err)
	}
	mine.Read = now.Anxieties[0].Read
	pa.Anxieties = []model.Anxiety{mine}
	if err := alice.SaveProgress(ctx, pa); err != nil {
		t.Fatalf("a copy of the newest version: %v", err)
	}
}

func dbtestAnswer(t *testing.T, s *Store, id int64) string {
	t.Helper()
	sess, err := s.Session(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return sess.Steps[0].Answer
}

// aliceAndBob is twoMembers with Bob's store too.
func aliceAndBob(t *testing.T) (people, *Store, *Store, model.Engagement) {
	t.Helper()
	base, _, p, alice, e := twoMembers(t)
	return p, alice, storeOf(t, base, p.bob), e
}

// TestNoAdminGetsACodeForSomeoneWithAKey: an admin's code for a person who
// has enrolled a key is refused (with it the admin would enrol a key of
// their own as that person and read their private records); the person
// makes a code for another key of their own; the operator's store makes
// one for anyone (a lost key); an admin starts a person with no key yet.
func TestNoAdminGetsACodeForSomeoneWithAKey(t *testing.T) {
	base, _ := served(t)
	p := addPeople(t, base)
	ctx := context.Background()
	code, _ := base.NewCode(ctx, p.alice.ID, time.Hour)
	if _, err := base.Enrol(ctx, code, keyA); err != nil {
		t.Fatal(err)
	}
	carol, alice, eve := storeOf(t, base, p.carol), storeOf(t, base, p.alice), storeOf(t, base, p.eve)
	if _, err := carol.NewCode(ctx, p.alice.ID, time.Hour); !errors.Is(err, model.ErrHasKey) {
		t.Fatalf("the admin's code for Alice: %v", err)
	}
	if _, err := eve.NewCode(ctx, p.alice.ID, time.Hour); !errors.Is(err, model.ErrNotAllowed) {
		t.Fatalf("Eve's code for Alice: %v", err)
	}
	own, err := alice.NewCode(ctx, p.alice.ID, time.Hour)
	if err != nil {
		t.Fatalf("Alice's code for her own other key: %v", err)
	}
	if a, err := base.Enrol(ctx, own, keyB); err != nil || a.ID != p.alice.ID {
		t.Fatalf("her other key: %+v, %v", a, err)
	}
	if _, err := base.NewCode(ctx, p.alice.ID, time.Hour); err != nil {
		t.Fatalf("the operator's code: %v", err)
	}
	if _, err := carol.NewCode(ctx, p.bob.ID, time.Hour); err != nil {
		t.Fatalf("the admin's code for Bob, who has no key yet: %v", err)
	}
}

// TestASelfReviewWakesOnlyItsHolder: Alice saves her self-review (a session
// of no engagement); her other window is told, Eve's is not.
func TestASelfReviewWakesOnlyItsHolder(t *testing.T) {
	base, _ := served(t)
	p := addPeople(t, base)
	ctx := context.Background()
	alice, again, eve := storeOf(t, base, p.alice), storeOf(t, base, p.alice), storeOf(t, base, p.eve)
	hers, stopHers := again.Watch()
	defer stopHers()
	others, stopOthers := eve.Watch()
	defer stopOthers()
	review := model.Session{FlowID: model.SelfReviewFlowID, Lang: model.Ja, Mode: model.OneOnOne, Status: model.InProgress,
		StartedAt: clock, UpdatedAt: clock, Steps: []model.Step{{Key: "p:s1", Kind: model.StepPrompt, PromptID: "s1", Title: "観察傾聴"}}}
	review, err := alice.StartSession(ctx, review)
	if err != nil {
		t.Fatal(err)
	}
	if c := <-hers; c.SessionID != review.ID {
		t.Fatalf("her other window: %+v", c)
	}
	select {
	case c := <-others:
		t.Fatalf("Eve was told of Alice's self-review: %+v", c)
	case <-time.After(100 * time.Millisecond):
	}
}

// TestLearnersFeedbackIsAboutItsCompanion: what a learner said about the
// support in Alice's session, even shared, is Alice's to read beside her
// skills, not Bob's, though he is a member of the engagement.
func TestLearnersFeedbackIsAboutItsCompanion(t *testing.T) {
	_, alice, bob, e := aliceAndBob(t)
	ctx := context.Background()
	sess := model.NewSession(flow(), e.ID, model.Ja, clock)
	sess.Steps = append(sess.Steps, model.Step{Key: "f:1", Kind: model.StepFeedback, PromptID: "fb", Title: "声",
		Answer: "もう少し待ってほしかった"})
	if _, err := alice.StartSession(ctx, sess); err != nil {
		t.Fatal(err)
	}
	if got, err := alice.Feedback(ctx); err != nil || len(got) != 1 {
		t.Fatalf("Alice's feedback: %+v, %v", got, err)
	}
	if got, err := bob.Feedback(ctx); err != nil || len(got) != 0 {
		t.Fatalf("Bob reads the feedback on Alice's support: %+v, %v", got, err)
	}
}

// TestThePeopleListKeepsPersonalFlagsToAdmins: on a companion's store the
// list of people gives names, kinds and roles, not who uses the accessible
// mode (a screen reader, say) or is an admin; an admin's store gives all.
func TestThePeopleListKeepsPersonalFlagsToAdmins(t *testing.T) {
	base, _ := served(t)
	p := addPeople(t, base)
	ctx := context.Background()
	bob := p.bob
	bob.Accessible = true
	if _, err := base.UpdateAccount(ctx, bob); err != nil {
		t.Fatal(err)
	}
	eve, carol := storeOf(t, base, p.eve), storeOf(t, base, p.carol)
	find := func(list []model.Account, name string) model.Account {
		for _, a := range list {
			if a.Name == name {
				return a
			}
		}
		t.Fatalf("%s is not listed", name)
		return model.Account{}
	}
	seen, err := eve.AccountList(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if b := find(seen, p.bob.Name); b.Accessible || b.Type != model.Host || find(seen, p.carol.Name).Admin {
		t.Fatalf("Eve reads %+v and %+v", b, find(seen, p.carol.Name))
	}
	all, _ := carol.AccountList(ctx)
	if !find(all, p.bob.Name).Accessible {
		t.Fatal("the admin does not see who uses the accessible mode")
	}
}

// storeOf is a person's store on a served database, closed when the test
// ends.
func storeOf(t *testing.T, base *Store, a model.Account) *Store {
	t.Helper()
	s := base.As(a)
	t.Cleanup(func() { s.Close() })
	return s
}
