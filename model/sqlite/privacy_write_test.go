package sqlite

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"bansou/model"
)

// shared opens a served database where Alice holds a session of her
// engagement, of which Bob is a member too, and Eve holds a session of an
// engagement of her own. Alice's lease has lapsed.
func shared(t *testing.T) (base *Store, p people, eng model.Engagement, alices model.Session, eves model.Session) {
	t.Helper()
	base, c := served(t)
	p = addPeople(t, base)
	ctx := context.Background()
	alice := storeOf(t, base, p.alice)
	eng, alices = aliceWrites(t, alice, p)
	eve := storeOf(t, base, p.eve)
	other := engagement()
	other.Learner.Name = "伊藤 次郎"
	own, err := eve.CreateEngagement(ctx, other)
	if err != nil {
		t.Fatal(err)
	}
	if eves, err = eve.StartSession(ctx, model.NewSession(flow(), own.ID, model.Ja, clock)); err != nil {
		t.Fatal(err)
	}
	c.set(clock.Add(time.Hour))
	return base, p, eng, alices, eves
}

// twoMembers opens a served database where Alice has started an
// engagement of which Bob is a member too; her store is closed with the
// test.
func twoMembers(t *testing.T) (base *Store, c *movingClock, p people, alice *Store, eng model.Engagement) {
	t.Helper()
	base, c = served(t)
	p = addPeople(t, base)
	ctx := context.Background()
	alice = storeOf(t, base, p.alice)
	eng, err := alice.CreateEngagement(ctx, engagement())
	if err != nil {
		t.Fatal(err)
	}
	if err := alice.AddMember(ctx, eng.ID, p.bob.ID, model.Host); err != nil {
		t.Fatal(err)
	}
	return base, c, p, alice, eng
}

// TestAPrivateChoiceOrPointIsReadByItsHolderOnly: the options Alice chose
// and the point she gave, in answers she keeps private, are her words as
// much as a written answer: Bob, a fellow member, reads the steps without
// them.
func TestAPrivateChoiceOrPointIsReadByItsHolderOnly(t *testing.T) {
	base, c, p, alice, eng := twoMembers(t)
	ctx := context.Background()
	var err error
	sess := model.NewSession(flow(), eng.ID, model.Ja, clock)
	sess.Steps = append(sess.Steps,
		model.Step{Key: "p:worry", Kind: model.StepPrompt, AnswerKind: model.KindMulti, PromptID: "worry", Title: "気がかり",
			Choices: []string{"家族の介護", "体調"}, AnswerPrivate: true},
		model.Step{Key: "p:mood", Kind: model.StepPrompt, AnswerKind: model.KindScale, PromptID: "mood", Title: "調子",
			Value: 1, Target: 2, AnswerPrivate: true},
		model.Step{Key: "p:open", Kind: model.StepPrompt, AnswerKind: model.KindChoice, PromptID: "open", Title: "共有してよいこと",
			Choices: []string{"仕事の進め方"}, Value: 4})
	if sess, err = alice.StartSession(ctx, sess); err != nil {
		t.Fatal(err)
	}
	c.set(clock.Add(time.Hour))

	bob := storeOf(t, base, p.bob)
	got, err := bob.Session(ctx, sess.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{"p:worry", "p:mood"} {
		st, _ := got.Step(key)
		if len(st.Choices) != 0 || st.Value != 0 || st.Target != 0 {
			t.Errorf("Bob reads Alice's private %s: choices %q, point %d, target %d", key, st.Choices, st.Value, st.Target)
		}
	}
	if st, _ := got.Step("p:open"); !slices.Equal(st.Choices, []string{"仕事の進め方"}) || st.Value != 4 {
		t.Errorf("Bob does not read Alice's shared choice: %q %d", st.Choices, st.Value)
	}
	mine, err := alice.Session(ctx, sess.ID)
	if err != nil {
		t.Fatal(err)
	}
	if st, _ := mine.Step("p:worry"); !slices.Equal(st.Choices, []string{"家族の介護", "体調"}) {
		t.Errorf("Alice does not read her own choices: %q", st.Choices)
	}
	if st, _ := mine.Step("p:mood"); st.Value != 1 || st.Target != 2 {
		t.Errorf("Alice does not read her own point: %d %d", st.Value, st.Target)
	}
}

// TestLedgerEntriesAreWrittenOnlyInTheSessionsOwnEngagement: a save of
// Eve's own session cannot put a worry, an action or a status into Alice's
// engagement, of which she is no member, nor tie one of her own to Alice's
// session (whose learner and questions a search would then name to her).
func TestLedgerEntriesAreWrittenOnlyInTheSessionsOwnEngagement(t *testing.T) {
	base, p, eng, alices, eves := shared(t)
	ctx := context.Background()
	eve := storeOf(t, base, p.eve)
	at := clock.Add(2 * time.Hour)
	mine := model.Anxiety{ID: model.NewID(), EngagementID: eves.EngagementID, SessionID: eves.ID, Text: "自分の案件の心配", CreatedAt: at, UpdatedAt: at}
	if err := eve.SaveProgress(ctx, model.Progress{SessionID: eves.ID, Status: model.InProgress, UpdatedAt: at,
		Anxieties: []model.Anxiety{mine}}); err != nil {
		t.Fatalf("Eve's own worry: %v", err)
	}
	for name, pr := range map[string]model.Progress{
		"a worry in Alice's engagement": {Anxieties: []model.Anxiety{{ID: model.NewID(), EngagementID: eng.ID, SessionID: eves.ID,
			Text: "他人の案件に書き込む心配", CreatedAt: at, UpdatedAt: at}}},
		"an action in Alice's engagement": {Actions: []model.Action{{ID: model.NewID(), EngagementID: eng.ID, SessionID: eves.ID,
			Text: "他人の案件に書き込む行動", Owner: model.OwnerLearner, CreatedAt: at, UpdatedAt: at}}},
		"a worry tied to Alice's session": {Anxieties: []model.Anxiety{{ID: model.NewID(), EngagementID: eves.EngagementID,
			SessionID: alices.ID, StepKey: alices.Steps[0].Key, Text: "学習者の名前を知りたい", CreatedAt: at, UpdatedAt: at}}},
		"an action tied to Alice's session": {Actions: []model.Action{{ID: model.NewID(), EngagementID: eves.EngagementID,
			SessionID: alices.ID, Text: "質問の題を知りたい", Owner: model.OwnerLearner, CreatedAt: at, UpdatedAt: at}}},
		"a status tied to Alice's session": {AnxietyUpdates: []model.AnxietyUpdate{{ID: model.NewID(), AnxietyID: mine.ID,
			SessionID: alices.ID, Status: model.AnxietyEasing, Note: "経過メモで覗く", NoteShared: true, At: at}}},
	} {
		pr.SessionID, pr.Status, pr.UpdatedAt = eves.ID, model.InProgress, at
		if err := eve.SaveProgress(ctx, pr); !errors.Is(err, model.ErrNotAllowed) {
			t.Errorf("%s: %v, want refused", name, err)
		}
	}
	var n int
	base.db.QueryRow(`SELECT (SELECT count(*) FROM anxieties WHERE engagement_id = ? OR session_id = ?) +
		(SELECT count(*) FROM actions WHERE engagement_id = ? OR session_id = ?) +
		(SELECT count(*) FROM anxiety_updates WHERE session_id = ?)`,
		eng.ID, alices.ID, eng.ID, alices.ID, alices.ID).Scan(&n)
	if n != 4 { // Alice's own two worries, her action and her status
		t.Errorf("%d entries in Alice's engagement or session, want Alice's 4", n)
	}
	hits, err := eve.Search(ctx, "学習者の名前を知りたい")
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range hits {
		if h.Learner == eng.Learner.Name || h.SessionID == alices.ID {
			t.Errorf("Eve's search names Alice's session: %+v", h)
		}
	}
}

// TestAMemberDoesNotWriteTheAgreementOfAnotherMembersSession: the
// agreement is kept in the session where it was recorded; Bob, saving a
// session of his own, cannot write over what Alice recorded in hers.
func TestAMemberDoesNotWriteTheAgreementOfAnotherMembersSession(t *testing.T) {
	base, c := served(t)
	p := addPeople(t, base)
	ctx := context.Background()
	alice := storeOf(t, base, p.alice)
	eng, alices := aliceWrites(t, alice, p)
	agreed := model.AgreementItem{SessionID: alices.ID, Topic: "goal", Title: "目的", Agreed: "三者で合意した目的", UpdatedAt: clock}
	if err := alice.SaveProgress(ctx, model.Progress{SessionID: alices.ID, Status: model.InProgress, UpdatedAt: clock,
		Agreement: []model.AgreementItem{agreed}}); err != nil {
		t.Fatal(err)
	}
	c.set(clock.Add(time.Hour))
	bob := storeOf(t, base, p.bob)
	bobs, err := bob.StartSession(ctx, model.NewSession(flow(), eng.ID, model.Ja, clock.Add(time.Hour)))
	if err != nil {
		t.Fatal(err)
	}
	over := agreed
	over.Agreed, over.UpdatedAt = "勝手に書き換えた合意", clock.Add(time.Hour)
	err = bob.SaveProgress(ctx, model.Progress{SessionID: bobs.ID, Status: model.InProgress, UpdatedAt: clock.Add(time.Hour),
		Agreement: []model.AgreementItem{over}})
	if !errors.Is(err, model.ErrNotAllowed) {
		t.Errorf("Bob writes the agreement of Alice's session: %v", err)
	}
	l, err := alice.Ledger(ctx, eng.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(l.Agreement) != 1 || l.Agreement[0].Agreed != "三者で合意した目的" {
		t.Errorf("Alice's agreement: %+v", l.Agreement)
	}
	// In his own session he records the agreement as he sees it.
	mine := model.AgreementItem{SessionID: bobs.ID, Topic: "goal", Title: "目的", Agreed: "受け入れ側から見た目的", UpdatedAt: clock.Add(time.Hour)}
	if err := bob.SaveProgress(ctx, model.Progress{SessionID: bobs.ID, Status: model.InProgress, UpdatedAt: clock.Add(time.Hour),
		Agreement: []model.AgreementItem{mine}}); err != nil {
		t.Errorf("Bob's own agreement: %v", err)
	}
}

// TestAPersonsStoreDoesNotManagePeopleUnlessAdmin: the methods that add
// people, change them and give codes are an admin's. On the store of Eve,
// who is not one, they are refused: a code for Alice would let Eve enrol a
// key of hers as Alice and read all that is Alice's.
func TestAPersonsStoreDoesNotManagePeopleUnlessAdmin(t *testing.T) {
	base, _ := served(t)
	p := addPeople(t, base)
	ctx := context.Background()
	eve := storeOf(t, base, p.eve)
	if _, err := eve.NewCode(ctx, p.alice.ID, time.Hour); !errors.Is(err, model.ErrNotAllowed) {
		t.Errorf("Eve gives herself a code for Alice: %v", err)
	}
	promoted := p.eve
	promoted.Admin = true
	if _, err := eve.UpdateAccount(ctx, promoted); !errors.Is(err, model.ErrNotAllowed) {
		t.Errorf("Eve makes herself an admin: %v", err)
	}
	if _, err := eve.AddAccount(ctx, model.Account{Name: "偽の 利用者"}); !errors.Is(err, model.ErrNotAllowed) {
		t.Errorf("Eve adds a person: %v", err)
	}
	if _, err := eve.EnsureAdmin(ctx, "偽の 管理者", "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIEVFRVZFRVZFRVZFRVZFRVZFRVZFRVZFRVZFRVZFRVZF"); !errors.Is(err, model.ErrNotAllowed) {
		t.Errorf("Eve makes a key an admin's: %v", err)
	}
	var admins, people int
	base.db.QueryRow(`SELECT count(*) FILTER (WHERE admin), count(*) FROM accounts`).Scan(&admins, &people)
	if admins != 1 || people != 5 {
		t.Errorf("%d admins among %d people, want 1 among 5", admins, people)
	}
	carol := storeOf(t, base, p.carol)
	added, err := carol.AddAccount(ctx, model.Account{Name: "新人 フランク"})
	if err != nil {
		t.Fatalf("the admin adds a person: %v", err)
	}
	if _, err := carol.NewCode(ctx, added.ID, time.Hour); err != nil {
		t.Errorf("the admin gives a code: %v", err)
	}
}

// TestSavingAnEngagementKeepsAnotherMembersDraft: Alice leaves a draft of
// the engagement's form; Bob saving the form of the same engagement does
// not remove it.
func TestSavingAnEngagementKeepsAnotherMembersDraft(t *testing.T) {
	base, c, p, alice, eng := twoMembers(t)
	ctx := context.Background()
	if err := alice.SaveEngagementDraft(ctx, model.EngagementDraft{UID: eng.UID, EngagementID: eng.ID,
		Learner: "山田 花子", HostOrg: "書きかけの受け入れ先"}); err != nil {
		t.Fatal(err)
	}
	bob := storeOf(t, base, p.bob)
	changed := eng
	changed.HostOrg = "NPO法人むすぶ"
	if _, err := bob.UpdateEngagement(ctx, changed); err != nil {
		t.Fatal(err)
	}
	c.set(clock.Add(time.Hour)) // Alice's window is gone
	again := storeOf(t, base, p.alice)
	drafts, err := again.EngagementDrafts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(drafts) != 1 || drafts[0].HostOrg != "書きかけの受け入れ先" {
		t.Errorf("Alice's draft after Bob saved the engagement: %+v", drafts)
	}
}

// TestARemovedMemberNoLongerWritesToTheEngagement: once Alice has removed
// Bob from her engagement, he no longer writes into it, not even in the
// session he held there.
func TestARemovedMemberNoLongerWritesToTheEngagement(t *testing.T) {
	base, _, p, _, eng := twoMembers(t)
	ctx := context.Background()
	bob := storeOf(t, base, p.bob)
	bobs, err := bob.StartSession(ctx, model.NewSession(flow(), eng.ID, model.Ja, clock))
	if err != nil {
		t.Fatal(err)
	}
	if err := bob.SetSessionOpen(ctx, bobs.ID, true); err != nil {
		t.Fatal(err)
	}
	office := storeOf(t, base, p.dan)
	if err := office.RemoveMember(ctx, eng.ID, p.bob.ID); err != nil {
		t.Fatal(err)
	}
	bobs.Steps[0].Answer = "外された後に書いた答え"
	pr := model.ProgressOf(bobs, []string{bobs.Steps[0].Key}, false)
	pr.Actions = []model.Action{{ID: model.NewID(), EngagementID: eng.ID, SessionID: bobs.ID, Text: "外された後の行動",
		Owner: model.OwnerLearner, CreatedAt: clock, UpdatedAt: clock}}
	if err := bob.SaveProgress(ctx, pr); !errors.Is(err, model.ErrNotAllowed) {
		t.Errorf("Bob saves after he was removed: %v", err)
	}
	if err := bob.TakeOverSession(ctx, bobs.ID); !errors.Is(err, model.ErrNotAllowed) {
		t.Errorf("Bob takes his session over after he was removed: %v", err)
	}
	var n int
	base.db.QueryRow(`SELECT (SELECT count(*) FROM steps WHERE answer = '外された後に書いた答え') +
		(SELECT count(*) FROM actions WHERE engagement_id = ?)`, eng.ID).Scan(&n)
	if n != 0 {
		t.Errorf("%d records written by a removed member", n)
	}
}

// TestAPrivateWorryIsNotCountedForOthers: a step where Alice recorded only
// a private worry, or only a status of one, counts as answered for her and
// not for Bob, who reads nothing of it: the count would tell him it is
// there.
func TestAPrivateWorryIsNotCountedForOthers(t *testing.T) {
	base, c, p, alice, eng := twoMembers(t)
	ctx := context.Background()
	var err error
	first := model.NewSession(flow(), eng.ID, model.Ja, clock)
	first.Steps = append(first.Steps, model.Step{Key: "p:worry", Kind: model.StepPrompt, AnswerKind: model.KindAnxiety,
		PromptID: "worry", Title: "不安"})
	if first, err = alice.StartSession(ctx, first); err != nil {
		t.Fatal(err)
	}
	worry := model.NewAnxiety(eng.ID, first.ID, "p:worry", "親の介護のことが頭を離れない")
	worry.CreatedAt, worry.UpdatedAt = clock, clock
	if err := alice.SaveProgress(ctx, model.Progress{SessionID: first.ID, Status: model.InProgress, UpdatedAt: clock,
		Anxieties: []model.Anxiety{worry}}); err != nil {
		t.Fatal(err)
	}
	later := clock.Add(24 * time.Hour)
	second := model.NewSession(flow(), eng.ID, model.Ja, later)
	second.Steps = append(second.Steps, model.Step{Key: "c:anxieties", Kind: model.StepAnxieties, AnswerKind: model.KindText})
	if second, err = alice.StartSession(ctx, second); err != nil {
		t.Fatal(err)
	}
	if err := alice.SaveProgress(ctx, model.Progress{SessionID: second.ID, Status: model.InProgress, UpdatedAt: later,
		AnxietyUpdates: []model.AnxietyUpdate{{ID: model.NewID(), AnxietyID: worry.ID, SessionID: second.ID,
			Status: model.AnxietyEasing, At: later}}}); err != nil {
		t.Fatal(err)
	}
	c.set(later.Add(time.Hour))
	answered := func(s *Store) []int {
		list, err := s.Sessions(ctx, eng.ID)
		if err != nil {
			t.Fatal(err)
		}
		var out []int
		for _, m := range list {
			out = append(out, m.Answered)
		}
		return out
	}
	if got := answered(alice); !slices.Equal(got, []int{1, 1}) {
		t.Errorf("Alice's sessions count %v answered, want [1 1]", got)
	}
	bob := storeOf(t, base, p.bob)
	if got := answered(bob); !slices.Equal(got, []int{0, 0}) {
		t.Errorf("Bob's count of Alice's sessions: %v answered, want [0 0]", got)
	}
}

// TestARoundIsNotStartedInAnotherEngagement: Eve, no member of Alice's
// engagement, cannot start a peer round in it and so put a session of hers
// on Alice's timeline.
func TestARoundIsNotStartedInAnotherEngagement(t *testing.T) {
	base, p, eng, _, _ := shared(t)
	ctx := context.Background()
	eve := storeOf(t, base, p.eve)
	round := model.Session{EngagementID: eng.ID, FlowID: model.RoundFlowPrefix + "intervision", Lang: model.Ja,
		Mode: model.Round, Status: model.InProgress, StartedAt: clock, UpdatedAt: clock,
		Steps: []model.Step{{Key: "p:case", Kind: model.StepPrompt, PromptID: "case", Title: "事例", Answer: "他人の案件に紛れ込ませた記録"}}}
	if _, _, err := eve.StartRound(ctx, round, model.PeerRound{}); !errors.Is(err, model.ErrNotAllowed) {
		t.Errorf("Eve starts a round in Alice's engagement: %v", err)
	}
	alice := storeOf(t, base, p.alice)
	list, err := alice.Sessions(ctx, eng.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 1 {
		t.Errorf("Alice's engagement has %d sessions, want her one: %+v", len(list), list)
	}
}
