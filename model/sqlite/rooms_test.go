package sqlite

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"bansou/model"
	"bansou/model/report"
)

const keyGuest = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGuest"

// eveRunsARound has Eve (a facilitator) start a round in which Alice
// presents, and open its room.
func eveRunsARound(t *testing.T, base *Store, p people) (eve *Store, code string, sess model.Session) {
	t.Helper()
	ctx := context.Background()
	eve = storeOf(t, base, p.eve)
	setup := model.RoundSetup{Format: roundFormat(), Participants: []model.Participant{{Name: p.eve.Name},
		{Name: p.alice.Name}, {Name: p.bob.Name}}, Facilitator: p.eve.Name, Presenter: p.alice.Name}
	sess, rd := model.NewRound(setup, nil, model.Ja, clock)
	sess, _, err := eve.StartRound(ctx, sess, rd)
	if err != nil {
		t.Fatal(err)
	}
	if code, err = eve.OpenRoom(ctx, sess.ID, time.Hour); err != nil {
		t.Fatal(err)
	}
	return eve, code, sess
}

func texts(cs []model.Contribution) []string {
	var out []string
	for _, c := range cs {
		out = append(out, c.Author+":"+c.Text)
	}
	return out
}

// TestARoundsRoomIsReadByThoseInItOnly: people join a round's room with its
// code; each reads the others' shared contributions with their names, a
// private learning only its writer, anonymous feedback without a name
// (the facilitator included); nobody outside the room reads it, the
// office and an admin included; a guest reads the room and nothing else.
func TestARoundsRoomIsReadByThoseInItOnly(t *testing.T) {
	base, _ := served(t)
	p := addPeople(t, base)
	ctx := context.Background()
	eve, code, sess := eveRunsARound(t, base, p)
	alice, bob := storeOf(t, base, p.alice), storeOf(t, base, p.bob)
	for _, s := range []*Store{alice, bob} {
		if id, err := s.JoinRoom(ctx, strings.ToLower(code), ""); err != nil || id != sess.ID {
			t.Fatalf("join: %d %v", id, err)
		}
	}
	if err := alice.SetAnonymous(ctx, sess.ID, true); !errors.Is(err, model.ErrNotAllowed) {
		t.Fatalf("a participant allowing anonymity: %v", err)
	}
	if err := eve.SetAnonymous(ctx, sess.ID, true); err != nil {
		t.Fatal(err)
	}
	say := func(s *Store, c model.Contribution) model.Contribution {
		t.Helper()
		c, err := s.Contribute(ctx, sess.ID, c)
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	q := say(bob, model.Contribution{Kind: model.ContribQuestion, Text: "本人は週報に何と書いていましたか"})
	say(bob, model.Contribution{Kind: model.ContribFeedback, Text: "上司として言いにくいが、先回りしすぎでは", Anonymous: true})
	say(bob, model.Contribution{Kind: model.ContribLearning, Text: "私は待つのが苦手だと気づいた-BOB-PRIVATE", Private: true})
	say(alice, model.Contribution{Kind: model.ContribAction, Text: "来週の1on1で本人に先に話してもらう"})
	if q.Phase != "case" || q.Presenter != p.alice.Name {
		t.Errorf("the question was written in phase %q of %q's presentation", q.Phase, q.Presenter)
	}

	read := func(s *Store) []string {
		t.Helper()
		r, err := s.Room(ctx, sess.ID)
		if err != nil {
			t.Fatal(err)
		}
		return texts(r.Contribs)
	}
	bobs := read(bob)
	if !slices.Contains(bobs, p.bob.Name+":上司として言いにくいが、先回りしすぎでは") ||
		!slices.Contains(bobs, p.bob.Name+":私は待つのが苦手だと気づいた-BOB-PRIVATE") {
		t.Errorf("Bob reads his own words with his name: %q", bobs)
	}
	for _, who := range []*Store{alice, eve} {
		got := read(who)
		want := []string{p.bob.Name + ":本人は週報に何と書いていましたか", ":上司として言いにくいが、先回りしすぎでは",
			p.alice.Name + ":来週の1on1で本人に先に話してもらう"}
		if !slices.Equal(got, want) {
			t.Errorf("%q reads %q, want %q", who.account.Name, got, want)
		}
	}
	// Nobody outside the room reads it: not the office, not an admin.
	for _, a := range []model.Account{p.carol, p.dan} {
		if _, err := storeOf(t, base, a).Room(ctx, sess.ID); !errors.Is(err, model.ErrNotAllowed) {
			t.Errorf("%s reads the room: %v", a.Name, err)
		}
	}
	// A contribution is changed and removed by its writer alone.
	if _, err := alice.Contribute(ctx, sess.ID, model.Contribution{ID: q.ID, Kind: q.Kind, Text: "書き換え"}); !errors.Is(err, model.ErrNotAllowed) {
		t.Errorf("Alice changing Bob's question: %v", err)
	}
	if _, err := bob.Contribute(ctx, sess.ID, model.Contribution{ID: q.ID, Kind: q.Kind, Text: "本人は週報に何を書いていましたか"}); err != nil {
		t.Fatal(err)
	}

	// A guest joins with the code and their key: they read the room and
	// nothing else of the server.
	guest, id, err := base.JoinAsGuest(ctx, code, keyGuest, "来賓 山田", "")
	if err != nil || id != sess.ID {
		t.Fatalf("guest: %d %v", id, err)
	}
	t.Cleanup(func() { guest.Close() })
	gs := guest.(*Store)
	if got := read(gs); len(got) != 3 || slices.ContainsFunc(got, func(s string) bool { return strings.Contains(s, "PRIVATE") }) {
		t.Errorf("the guest reads %q", got)
	}
	if rounds, err := gs.Rounds(ctx); err != nil || len(rounds) != 0 {
		t.Errorf("the guest's rounds: %d %v", len(rounds), err)
	}
	if es, err := gs.Engagements(ctx, true); err != nil || len(es) != 0 {
		t.Errorf("the guest's engagements: %d %v", len(es), err)
	}
	if _, err := gs.Session(ctx, sess.ID); !errors.Is(err, model.ErrNotFound) && !errors.Is(err, model.ErrNotAllowed) {
		t.Errorf("the guest reads the facilitator's session: %v", err)
	}
	if _, err := gs.JoinRoom(ctx, code, ""); !errors.Is(err, model.ErrNotAllowed) {
		t.Errorf("a guest joining another room as an account: %v", err)
	}
	again, id, err := base.GuestByKey(ctx, keyGuest)
	if err != nil || id != sess.ID {
		t.Fatalf("the guest comes back: %d %v", id, err)
	}
	again.Close()
	if _, _, err := base.JoinAsGuest(ctx, code, keyA, "名乗り", ""); err != nil {
		t.Fatalf("a key that is no one's: %v", err)
	}
}

// TestJoinCodes: a code is read whatever its case and dashes; a renewed
// code replaces the old; an expired one is refused; a room of a finished
// session is read but not written.
func TestJoinCodes(t *testing.T) {
	base, c := served(t)
	p := addPeople(t, base)
	ctx := context.Background()
	eve, code, sess := eveRunsARound(t, base, p)
	alice := storeOf(t, base, p.alice)
	if _, err := alice.JoinRoom(ctx, "ZZZZ-ZZZZ", ""); !errors.Is(err, model.ErrCodeInvalid) {
		t.Fatalf("a wrong code: %v", err)
	}
	if _, err := alice.Contribute(ctx, sess.ID, model.Contribution{Kind: model.ContribQuestion, Text: "入る前"}); !errors.Is(err, model.ErrNotAllowed) {
		t.Fatalf("writing before joining: %v", err)
	}
	renewed, err := eve.OpenRoom(ctx, sess.ID, time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := alice.JoinRoom(ctx, code, ""); !errors.Is(err, model.ErrCodeInvalid) {
		t.Fatalf("the old code: %v", err)
	}
	if _, err := alice.JoinRoom(ctx, strings.ReplaceAll(strings.ToLower(renewed), "-", " "), ""); err != nil {
		t.Fatalf("the new code typed loosely: %v", err)
	}
	if kind, err := base.RoomKind(ctx, renewed); err != nil || kind != model.RoomRound {
		t.Fatalf("kind: %q %v", kind, err)
	}
	if refs, err := alice.MyRooms(ctx); err != nil || len(refs) != 1 || refs[0].SessionID != sess.ID {
		t.Fatalf("Alice's rooms: %+v %v", refs, err)
	}
	c.set(clock.Add(2 * time.Hour))
	if _, err := storeOf(t, base, p.bob).JoinRoom(ctx, renewed, ""); !errors.Is(err, model.ErrCodeInvalid) {
		t.Fatalf("an expired code: %v", err)
	}
	if _, err := alice.OpenRoom(ctx, sess.ID, time.Hour); !errors.Is(err, model.ErrNotAllowed) {
		t.Fatalf("a participant opening the facilitator's room: %v", err)
	}
	if _, err := base.db.Exec(`UPDATE sessions SET status = 'done' WHERE id = ?`, sess.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := alice.Contribute(ctx, sess.ID, model.Contribution{Kind: model.ContribQuestion, Text: "終わった後"}); !errors.Is(err, model.ErrRoomClosed) {
		t.Fatalf("writing after the end: %v", err)
	}
	if _, err := alice.Room(ctx, sess.ID); err != nil {
		t.Fatalf("reading after the end: %v", err)
	}
	if refs, _ := alice.MyRooms(ctx); len(refs) != 0 {
		t.Fatalf("a finished room is still listed: %+v", refs)
	}
}

// TestOnlyThePresenterTakesUpQuestions: the presenter (and the
// facilitator) mark questions to take up; another participant cannot.
func TestOnlyThePresenterTakesUpQuestions(t *testing.T) {
	base, _ := served(t)
	p := addPeople(t, base)
	ctx := context.Background()
	eve, code, sess := eveRunsARound(t, base, p)
	alice, bob := storeOf(t, base, p.alice), storeOf(t, base, p.bob)
	alice.JoinRoom(ctx, code, "")
	bob.JoinRoom(ctx, code, "")
	q, err := bob.Contribute(ctx, sess.ID, model.Contribution{Kind: model.ContribQuestion, Text: "受け入れ先の上司とは話しましたか"})
	if err != nil {
		t.Fatal(err)
	}
	if err := bob.TakeUp(ctx, sess.ID, q.ID, true); !errors.Is(err, model.ErrNotAllowed) {
		t.Fatalf("Bob taking up: %v", err)
	}
	if err := alice.TakeUp(ctx, sess.ID, q.ID, true); err != nil {
		t.Fatal(err)
	}
	r, _ := eve.Room(ctx, sess.ID)
	if len(r.Contribs) != 1 || !r.Contribs[0].TakenUp {
		t.Fatalf("taken up: %+v", r.Contribs)
	}
	if err := eve.TakeUp(ctx, sess.ID, q.ID, false); err != nil {
		t.Fatal(err)
	}
}

// agreementSession has Alice start a three-party agreement session on her
// engagement with two topics, and open its room.
func agreementSession(t *testing.T, alice *Store) (model.Session, string) {
	t.Helper()
	ctx := context.Background()
	eng, err := alice.CreateEngagement(ctx, engagement())
	if err != nil {
		t.Fatal(err)
	}
	f := &model.Flow{ID: "agreement", Phase: model.Before, Mode: model.ThreeParty, Title: model.Text{Ja: "三者合意"},
		Prompts: []model.Prompt{
			{ID: "role-scope", Kind: model.KindAgreement, Title: model.Text{Ja: "役割と業務範囲"}, Text: model.Text{Ja: "何を"}},
			{ID: "period", Kind: model.KindAgreement, Title: model.Text{Ja: "期間と働き方"}, Text: model.Text{Ja: "いつ"}},
		}}
	sess, err := alice.StartSession(ctx, model.NewSession(f, eng.ID, model.Ja, clock))
	if err != nil {
		t.Fatal(err)
	}
	code, err := alice.OpenRoom(ctx, sess.ID, time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	return sess, code
}

// TestPartiesViewsStayHiddenUntilRevealed: three guests join an agreement
// as its parties; each reads their own view and only that the others
// wrote, until the companion reveals them all; a confirmation records who
// confirmed which text, and stops standing when the text changes.
func TestPartiesViewsStayHiddenUntilRevealed(t *testing.T) {
	base, c := served(t)
	p := addPeople(t, base)
	ctx := context.Background()
	alice := storeOf(t, base, p.alice)
	sess, code := agreementSession(t, alice)
	if kind, _ := base.RoomKind(ctx, code); kind != model.RoomAgreement {
		t.Fatalf("kind %q", kind)
	}
	if _, _, err := base.JoinAsGuest(ctx, code, keyGuest, "学習者 花子", ""); !errors.Is(err, model.ErrNotAllowed) {
		t.Fatalf("joining an agreement without a party: %v", err)
	}
	guests := map[model.Party]*Store{}
	for i, party := range model.Parties {
		g, _, err := base.JoinAsGuest(ctx, code, keyGuest+string(rune('A'+i)), "代表"+string(party), party)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { g.Close() })
		guests[party] = g.(*Store)
	}
	views := map[model.Party]model.PartyView{
		model.PartyLearner: {Expectation: "企画から任せてほしい", Fit: 2},
		model.PartySending: {Expectation: "まず現場を知ってほしい", Fit: 4},
		model.PartyHost:    {Expectation: "補助から始めたい", Fit: 5},
	}
	for party, v := range views {
		if err := guests[party].SetPartyView(ctx, sess.ID, "role-scope", v); err != nil {
			t.Fatal(err)
		}
	}
	if err := guests[model.PartyHost].SuggestWording(ctx, sess.ID, "role-scope", "最初は補助、のちに企画"); err != nil {
		t.Fatal(err)
	}
	if r, _ := guests[model.PartyLearner].Room(ctx, sess.ID); strings.Contains(fmt.Sprint(r.Entries), "のちに企画") {
		t.Fatal("the learner reads the host's suggested words before the reveal")
	}
	if err := guests[model.PartyHost].SetPartyView(ctx, sess.ID, "no-such-topic", model.PartyView{Fit: 3}); !errors.Is(err, model.ErrNotFound) {
		t.Fatalf("an unknown topic: %v", err)
	}
	for _, who := range []*Store{guests[model.PartyLearner], alice} {
		r, err := who.Room(ctx, sess.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, party := range model.Parties {
			e, ok := r.Entry("role-scope", party)
			if !ok || !e.Written {
				t.Fatalf("%s is not shown as written", party)
			}
			if e.Mine != (e.View.Expectation != "") {
				t.Errorf("before the reveal, %s's view reads %+v to %q", party, e.View, r.Me.Name)
			}
		}
	}
	if _, err := guests[model.PartyHost].Reveal(ctx, sess.ID); !errors.Is(err, model.ErrNotAllowed) {
		t.Fatalf("a party revealing: %v", err)
	}
	all, err := alice.Reveal(ctx, sess.ID)
	if err != nil || len(all) != 3 {
		t.Fatalf("reveal: %v %v", all, err)
	}
	r, _ := guests[model.PartyLearner].Room(ctx, sess.ID)
	if e, _ := r.Entry("role-scope", model.PartyHost); e.View != views[model.PartyHost] || e.Author != "代表host" ||
		e.Wording != "最初は補助、のちに企画" {
		t.Fatalf("after the reveal the learner reads the host's view as %+v", e)
	}

	// Confirmations.
	if err := guests[model.PartyHost].Confirm(ctx, sess.ID, "role-scope", ""); !errors.Is(err, model.ErrNothingAgreed) {
		t.Fatalf("confirming nothing: %v", err)
	}
	agree := func(text string) {
		t.Helper()
		pr := model.ProgressOf(sess, nil, false)
		pr.UpdatedAt = c.now()
		pr.Agreement = []model.AgreementItem{{SessionID: sess.ID, Topic: "role-scope", Title: "役割と業務範囲",
			Agreed: text, UpdatedAt: c.now()}}
		if err := alice.SaveProgress(ctx, pr); err != nil {
			t.Fatal(err)
		}
	}
	agree("最初の2か月は補助、3か月目から企画の一部を担う")
	c.set(clock.Add(10 * time.Minute))
	// A party confirms the words it read: words changed since are not
	// confirmed.
	if err := guests[model.PartySending].Confirm(ctx, sess.ID, "role-scope", "最初の1か月は補助"); !errors.Is(err, model.ErrAgreedChanged) {
		t.Fatalf("confirming other words: %v", err)
	}
	for _, party := range []model.Party{model.PartyLearner, model.PartyHost} {
		if err := guests[party].Confirm(ctx, sess.ID, "role-scope", "最初の2か月は補助、3か月目から企画の一部を担う"); err != nil {
			t.Fatal(err)
		}
	}
	r, _ = alice.Room(ctx, sess.ID)
	if cf, ok := r.Confirmed("role-scope", model.PartyHost); !ok || cf.Name != "代表host" || !cf.ConfirmedAt.Equal(clock.Add(10*time.Minute)) {
		t.Fatalf("the host's confirmation: %+v %v", cf, ok)
	}
	if _, ok := r.Confirmed("role-scope", model.PartySending); ok {
		t.Fatal("the sending side confirmed nothing")
	}
	// The agreement as the engagement's ledger reads it carries them, for
	// its documents; the office reads none.
	l, err := alice.Ledger(ctx, sess.EngagementID)
	if err != nil {
		t.Fatal(err)
	}
	if it := l.AgreementIn(sess.ID)["role-scope"]; len(it.Confirmed) != 2 || !it.Confirmed[0].Stands(it.Agreed) {
		t.Fatalf("the ledger's item: %+v", it)
	}
	md := report.AgreementMarkdown(model.Engagement{}, l, report.Options{Lang: model.Ja, Location: time.UTC})
	if !strings.Contains(md, "この文面を確認: 本人（代表learner・ゲスト、2026-") {
		t.Errorf("the agreement document:\n%s", md)
	}
	if l, _ := storeOf(t, base, p.dan).Ledger(ctx, sess.EngagementID); len(l.Agreement) > 0 && len(l.Agreement[0].Confirmed) > 0 {
		t.Error("the office reads the confirmations")
	}
	agree("最初の1か月は補助、2か月目から企画の一部を担う")
	r, _ = alice.Room(ctx, sess.ID)
	if _, ok := r.Confirmed("role-scope", model.PartyHost); ok {
		t.Fatal("a confirmation of other words still stands")
	}
	if len(r.Confirms) != 2 {
		t.Fatalf("the confirmations are kept as given: %+v", r.Confirms)
	}
}

// TestARoomWakesThoseInIt: a save of the facilitator's round wakes the
// people in its room, and nobody else.
func TestARoomWakesThoseInIt(t *testing.T) {
	base, _ := served(t)
	p := addPeople(t, base)
	ctx := context.Background()
	eve, code, sess := eveRunsARound(t, base, p)
	alice, bob := storeOf(t, base, p.alice), storeOf(t, base, p.bob)
	if _, err := alice.JoinRoom(ctx, code, ""); err != nil {
		t.Fatal(err)
	}
	aw, stopA := alice.Watch()
	defer stopA()
	bw, stopB := bob.Watch()
	defer stopB()
	rd, _ := eve.Round(ctx, sess.ID)
	rd.Timer.Start(clock)
	pr := model.ProgressOf(sess, nil, false)
	pr.Round = &rd
	if err := eve.SaveProgress(ctx, pr); err != nil {
		t.Fatal(err)
	}
	select {
	case ch := <-aw:
		if ch.SessionID != sess.ID {
			t.Fatalf("change %+v", ch)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Alice, in the room, was not told")
	}
	select {
	case ch := <-bw:
		t.Fatalf("Bob, outside the room, was told of %+v", ch)
	case <-time.After(100 * time.Millisecond):
	}
}

// TestNobodyOutsideARoomReadsOrWritesIt: every method of model.Rooms, called
// on a round's room by an admin, the office, a companion who did not join
// and a guest of another room, is refused and reads nothing of it. A
// method added to model.Rooms without being called here fails the test.
func TestNobodyOutsideARoomReadsOrWritesIt(t *testing.T) {
	base, _ := served(t)
	p := addPeople(t, base)
	ctx := context.Background()
	eve, code, sess := eveRunsARound(t, base, p)
	alice := storeOf(t, base, p.alice)
	if _, err := alice.JoinRoom(ctx, code, ""); err != nil {
		t.Fatal(err)
	}
	q, err := alice.Contribute(ctx, sess.ID, model.Contribution{Kind: model.ContribQuestion, Text: "部屋の中だけの問い"})
	if err != nil {
		t.Fatal(err)
	}
	if err := alice.KeepDraft(ctx, sess.ID, model.RoomDraft{Text: "部屋の中だけの書きかけ"}); err != nil {
		t.Fatal(err)
	}
	// A guest of another room: Alice's agreement.
	_, otherCode := agreementSession(t, alice)
	other, _, err := base.JoinAsGuest(ctx, otherCode, keyGuest, "別の部屋の客", model.PartyHost)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { other.Close() })
	_ = eve

	for _, reader := range []struct {
		name string
		s    *Store
	}{{"admin", storeOf(t, base, p.carol)}, {"office", storeOf(t, base, p.dan)}, {"not joined", storeOf(t, base, p.bob)},
		{"guest elsewhere", other.(*Store)}} {
		t.Run(reader.name, func(t *testing.T) {
			s := reader.s
			called := map[string]bool{}
			refused := func(method string, err error) {
				t.Helper()
				called[method] = true
				if !errors.Is(err, model.ErrNotAllowed) {
					t.Errorf("%s: %v, want refused", method, err)
				}
			}
			_, err := s.OpenRoom(ctx, sess.ID, time.Hour)
			refused("OpenRoom", err)
			r, err := s.Room(ctx, sess.ID)
			refused("Room", err)
			if len(r.Contribs) > 0 || r.Me.Draft.Text != "" {
				t.Errorf("read %+v", r)
			}
			_, err = s.Contribute(ctx, sess.ID, model.Contribution{Kind: model.ContribQuestion, Text: "外から"})
			refused("Contribute", err)
			_, err = s.Contribute(ctx, sess.ID, model.Contribution{ID: q.ID, Kind: model.ContribQuestion, Text: "外から書き換え"})
			refused("Contribute", err)
			refused("TakeUp", s.TakeUp(ctx, sess.ID, q.ID, true))
			refused("SetAnonymous", s.SetAnonymous(ctx, sess.ID, true))
			refused("SetPartyView", s.SetPartyView(ctx, sess.ID, "case", model.PartyView{Fit: 3}))
			refused("SuggestWording", s.SuggestWording(ctx, sess.ID, "case", "外からの提案"))
			refused("FreeSeat", s.FreeSeat(ctx, sess.ID, model.PartyHost))
			_, err = s.Reveal(ctx, sess.ID)
			refused("Reveal", err)
			refused("Confirm", s.Confirm(ctx, sess.ID, "case", ""))
			refused("KeepDraft", s.KeepDraft(ctx, sess.ID, model.RoomDraft{Text: "外から"}))
			refs, err := s.MyRooms(ctx)
			called["MyRooms"] = true
			if err != nil || slices.ContainsFunc(refs, func(r model.RoomRef) bool { return r.SessionID == sess.ID }) {
				t.Errorf("MyRooms: %+v %v", refs, err)
			}
			called["JoinRoom"] = true // joining needs the code: TestJoinCodes
			if _, err := s.RoomKind(ctx, "ZZZZ-ZZZZ"); !errors.Is(err, model.ErrCodeInvalid) {
				t.Errorf("RoomKind of a wrong code: %v", err)
			}
			called["RoomKind"] = true
			rooms := reflect.TypeFor[model.Rooms]()
			for i := range rooms.NumMethod() {
				if m := rooms.Method(i).Name; !called[m] {
					t.Errorf("model.Rooms.%s is not called as %s", m, reader.name)
				}
			}
		})
	}
	r, _ := alice.Room(ctx, sess.ID)
	if len(r.Contribs) != 1 || r.Contribs[0].Text != "部屋の中だけの問い" || r.Me.Draft.Text != "部屋の中だけの書きかけ" {
		t.Fatalf("what Alice wrote changed: %+v", r)
	}
}

// BenchmarkRoomRead: one person's read of a round's room with eight people
// in it and 400 contributions (each screen reads it after every change).
func BenchmarkRoomRead(b *testing.B) {
	base, c := servedB(b)
	ctx := context.Background()
	var people []*Store
	for i := range 8 {
		a, err := base.AddAccount(ctx, model.Account{Name: fmt.Sprintf("参加者 %d", i+1), Role: model.RoleFacilitator})
		if err != nil {
			b.Fatal(err)
		}
		s := base.As(a)
		b.Cleanup(func() { s.Close() })
		people = append(people, s)
	}
	setup := model.RoundSetup{Format: roundFormat(), Participants: []model.Participant{{Name: "参加者 1"}}, Facilitator: "参加者 1"}
	sess, rd := model.NewRound(setup, nil, model.Ja, c.now())
	sess, _, err := people[0].StartRound(ctx, sess, rd)
	if err != nil {
		b.Fatal(err)
	}
	code, err := people[0].OpenRoom(ctx, sess.ID, time.Hour)
	if err != nil {
		b.Fatal(err)
	}
	for i, s := range people[1:] {
		if _, err := s.JoinRoom(ctx, code, ""); err != nil {
			b.Fatal(err)
		}
		for j := range 57 {
			kind := model.ContribKinds[(i+j)%len(model.ContribKinds)]
			text := fmt.Sprintf("参加者%dの書き込み%d：本人が週報に書いたことと、面談で話したことの違いについて", i+2, j)
			if _, err := s.Contribute(ctx, sess.ID, model.Contribution{Kind: kind, Text: text}); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ResetTimer()
	for range b.N {
		r, err := people[3].Room(ctx, sess.ID)
		if err != nil || len(r.Contribs) < 399 {
			b.Fatalf("%d contributions, %v", len(r.Contribs), err)
		}
	}
}

// TestNextActionsWrittenInTheRoomComeBack: the next actions participants
// write themselves in the room come back at the facilitator's next round,
// in their own words and over what the scribe wrote for them; a private
// one never does.
func TestNextActionsWrittenInTheRoomComeBack(t *testing.T) {
	base, _ := served(t)
	p := addPeople(t, base)
	ctx := context.Background()
	eve, code, sess := eveRunsARound(t, base, p)
	alice, bob := storeOf(t, base, p.alice), storeOf(t, base, p.bob)
	alice.JoinRoom(ctx, code, "")
	bob.JoinRoom(ctx, code, "")
	for _, c := range []struct {
		s       *Store
		text    string
		private bool
	}{{alice, "来週の面談で先に本人に話してもらう", false}, {alice, "来週の面談で、先に本人に話してもらう（直し）", false},
		{bob, "自分だけの一手-BOB", true}} {
		if _, err := c.s.Contribute(ctx, sess.ID, model.Contribution{Kind: model.ContribAction, Text: c.text, Private: c.private}); err != nil {
			t.Fatal(err)
		}
	}
	// The scribe wrote Alice's and Bob's actions as they heard them.
	one, err := eve.Session(ctx, sess.ID)
	if err != nil {
		t.Fatal(err)
	}
	var keys []string
	for i, st := range one.Steps {
		if n := model.ActionOf(st); n > 0 {
			one.Steps[i].Answer = "書記のメモ：" + st.Title
			keys = append(keys, st.Key)
		}
	}
	if err := eve.SaveProgress(ctx, model.ProgressOf(one, keys, true)); err != nil {
		t.Fatal(err)
	}
	rounds, err := eve.Rounds(ctx)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, a := range model.LatestNextActions(rounds) {
		got[a.Name] = a.Action
	}
	if got[p.alice.Name] != "来週の面談で、先に本人に話してもらう（直し）" {
		t.Errorf("Alice's action comes back as %q", got[p.alice.Name])
	}
	if a := got[p.bob.Name]; strings.Contains(a, "BOB") || !strings.HasPrefix(a, "書記のメモ") {
		t.Errorf("Bob's action comes back as %q", a)
	}
}

// TestAWordWithoutANameNeverGetsOne: feedback given without a name stays
// without one when its writer changes it, even after the facilitator stops
// letting people write without names, and whatever kind the change claims.
func TestAWordWithoutANameNeverGetsOne(t *testing.T) {
	base, _ := served(t)
	p := addPeople(t, base)
	ctx := context.Background()
	eve, code, sess := eveRunsARound(t, base, p)
	alice, bob := storeOf(t, base, p.alice), storeOf(t, base, p.bob)
	alice.JoinRoom(ctx, code, "")
	bob.JoinRoom(ctx, code, "")
	eve.SetAnonymous(ctx, sess.ID, true)
	fb, err := bob.Contribute(ctx, sess.ID, model.Contribution{Kind: model.ContribFeedback, Text: "先回りが多い", Anonymous: true})
	if err != nil {
		t.Fatal(err)
	}
	eve.SetAnonymous(ctx, sess.ID, false)
	if _, err := bob.Contribute(ctx, sess.ID, model.Contribution{ID: fb.ID, Kind: model.ContribQuestion, Text: "先回りが多い（訂正）"}); err != nil {
		t.Fatal(err)
	}
	r, _ := alice.Room(ctx, sess.ID)
	if len(r.Contribs) != 1 || r.Contribs[0].Author != "" || r.Contribs[0].Kind != model.ContribFeedback ||
		r.Contribs[0].Text != "先回りが多い（訂正）" {
		t.Fatalf("after the change Alice reads %+v", r.Contribs)
	}
}

// TestNoGuestPassesForSomeoneElse: a guest cannot take the name of a person
// on the server or of someone else in the room, whatever the spacing and
// case; a guest coming back keeps theirs, and is marked as a guest.
func TestNoGuestPassesForSomeoneElse(t *testing.T) {
	base, _ := served(t)
	p := addPeople(t, base)
	ctx := context.Background()
	_, code, sess := eveRunsARound(t, base, p)
	for _, name := range []string{"佐藤　アリス", " 鈴木  ボブ ", "高橋 イブ"} {
		if _, _, err := base.JoinAsGuest(ctx, code, keyGuest, name, ""); !errors.Is(err, model.ErrNameTaken) {
			t.Errorf("a guest named %q: %v", name, err)
		}
	}
	g, _, err := base.JoinAsGuest(ctx, code, keyGuest, "来賓 山田", "")
	if err != nil {
		t.Fatal(err)
	}
	defer g.Close()
	if _, _, err := base.JoinAsGuest(ctx, code, keyGuest+"2", "来賓　山田", ""); !errors.Is(err, model.ErrNameTaken) {
		t.Errorf("a second guest with the first's name: %v", err)
	}
	again, _, err := base.JoinAsGuest(ctx, code, keyGuest, "来賓 山田", "")
	if err != nil {
		t.Fatalf("the guest coming back: %v", err)
	}
	defer again.Close()
	if _, err := g.(model.Rooms).Contribute(ctx, sess.ID, model.Contribution{Kind: model.ContribQuestion, Text: "ゲストの問い"}); err != nil {
		t.Fatal(err)
	}
	r, _ := storeOf(t, base, p.eve).Room(ctx, sess.ID)
	if len(r.Contribs) != 1 || !r.Contribs[0].Guest {
		t.Fatalf("the guest's question is not marked as a guest's: %+v", r.Contribs)
	}
}

// TestOnePersonSpeaksForEachParty: once someone joined an agreement as a
// party, nobody else may (a guest or an enrolled person); they themselves
// may come back.
func TestOnePersonSpeaksForEachParty(t *testing.T) {
	base, _ := served(t)
	p := addPeople(t, base)
	ctx := context.Background()
	alice := storeOf(t, base, p.alice)
	_, code := agreementSession(t, alice)
	g, _, err := base.JoinAsGuest(ctx, code, keyGuest, "学習者 花子", model.PartyLearner)
	if err != nil {
		t.Fatal(err)
	}
	g.Close()
	if _, _, err := base.JoinAsGuest(ctx, code, keyGuest+"2", "別人", model.PartyLearner); !errors.Is(err, model.ErrPartyTaken) {
		t.Fatalf("a second learner: %v", err)
	}
	if _, err := storeOf(t, base, p.bob).JoinRoom(ctx, code, model.PartyLearner); !errors.Is(err, model.ErrPartyTaken) {
		t.Fatalf("an enrolled second learner: %v", err)
	}
	if _, err := storeOf(t, base, p.bob).JoinRoom(ctx, code, model.PartyHost); err != nil {
		t.Fatalf("Bob as the host: %v", err)
	}
	back, _, err := base.JoinAsGuest(ctx, code, keyGuest, "学習者 花子", model.PartyLearner)
	if err != nil {
		t.Fatalf("the learner coming back: %v", err)
	}
	back.Close()
	// The learner comes back with another key: the companion frees the
	// seat (a party cannot), and the new key takes it.
	sess, _ := alice.MyRooms(ctx)
	if err := storeOf(t, base, p.bob).FreeSeat(ctx, sess[0].SessionID, model.PartyLearner); !errors.Is(err, model.ErrNotAllowed) {
		t.Fatalf("a party freeing a seat: %v", err)
	}
	if err := alice.FreeSeat(ctx, sess[0].SessionID, model.PartyLearner); err != nil {
		t.Fatal(err)
	}
	newKey, _, err := base.JoinAsGuest(ctx, code, keyGuest+"new", "学習者 花子（新しい鍵）", model.PartyLearner)
	if err != nil {
		t.Fatalf("the learner with a new key: %v", err)
	}
	newKey.Close()
}

// TestWhatTheRoomShowsOfTheRound: the people in a round's room read the
// round's phases and cast, not the facilitator's record of earlier rounds;
// a contribution is filed under the presentation its writer named when it
// is one of the round's, else under the one now; a room opens on a round
// or an agreement only.
func TestWhatTheRoomShowsOfTheRound(t *testing.T) {
	base, _ := served(t)
	p := addPeople(t, base)
	ctx := context.Background()
	eve := storeOf(t, base, p.eve)
	setup := model.RoundSetup{Format: roundFormat(), Participants: []model.Participant{{Name: p.eve.Name}, {Name: p.alice.Name}},
		Facilitator: p.eve.Name, Presenter: p.alice.Name}
	sess, rd := model.NewRound(setup, []model.CarriedAction{{Name: "前回の人", Action: "前回の一手-EARLIER"}}, model.Ja, clock)
	sess, _, err := eve.StartRound(ctx, sess, rd)
	if err != nil {
		t.Fatal(err)
	}
	code, _ := eve.OpenRoom(ctx, sess.ID, time.Hour)
	alice := storeOf(t, base, p.alice)
	alice.JoinRoom(ctx, code, "")
	r, _ := alice.Room(ctx, sess.ID)
	if len(r.Round.Carried) != 0 || len(r.Round.Timer.Phases) != 2 {
		t.Errorf("Alice reads the round as %+v", r.Round)
	}
	if r, _ := eve.Room(ctx, sess.ID); len(r.Round.Carried) != 1 {
		t.Errorf("the facilitator's room lost the carried actions")
	}
	for _, c := range []struct{ named, filed string }{{p.alice.Name, p.alice.Name}, {"誰でもない人", p.alice.Name}} {
		got, err := alice.Contribute(ctx, sess.ID, model.Contribution{Kind: model.ContribQuestion, Text: "問い", Presenter: c.named})
		if err != nil || got.Presenter != c.filed {
			t.Errorf("named %q, filed under %q (%v)", c.named, got.Presenter, err)
		}
	}
	eng, _ := alice.CreateEngagement(ctx, engagement())
	purpose, _ := alice.StartSession(ctx, model.NewSession(flow(), eng.ID, model.Ja, clock))
	if _, err := alice.OpenRoom(ctx, purpose.ID, time.Hour); !errors.Is(err, model.ErrNotAllowed) {
		t.Errorf("a room on a purpose extraction: %v", err)
	}
}

// TestARoundOthersWroteInIsNotRemoved: the facilitator removes a round
// started by mistake, room and all; not one others wrote in.
func TestARoundOthersWroteInIsNotRemoved(t *testing.T) {
	base, _ := served(t)
	p := addPeople(t, base)
	ctx := context.Background()
	eve, code, sess := eveRunsARound(t, base, p)
	alice := storeOf(t, base, p.alice)
	alice.JoinRoom(ctx, code, "")
	if _, err := alice.Contribute(ctx, sess.ID, model.Contribution{Kind: model.ContribQuestion, Text: "アリスの問い"}); err != nil {
		t.Fatal(err)
	}
	if err := eve.DeleteRound(ctx, sess.ID); !errors.Is(err, model.ErrOthersWrote) {
		t.Fatalf("removing a round others wrote in: %v", err)
	}
	if r, err := alice.Room(ctx, sess.ID); err != nil || len(r.Contribs) != 1 {
		t.Fatalf("Alice's question: %+v %v", r.Contribs, err)
	}
	_, _, mistake := eveRunsARound(t, base, p)
	if err := eve.DeleteRound(ctx, mistake.ID); err != nil {
		t.Fatal(err)
	}
	var n int
	base.db.QueryRow(`SELECT count(*) FROM rooms WHERE session_id = ?`, mistake.ID).Scan(&n)
	if n != 0 {
		t.Fatal("the removed round's room is left")
	}
}

// TestWhatTheSecondLookFound: a word meant to go without a name is refused
// rather than sent with one once the facilitator stops it; one person
// speaks for one party (and so confirms for one); a guest coming back keeps
// the name they joined with, and no look-alike of a person's name passes;
// a guest never takes up questions; a removed round's id given to a new
// session wakes those who may read the new one.
func TestWhatTheSecondLookFound(t *testing.T) {
	base, _ := served(t)
	p := addPeople(t, base)
	ctx := context.Background()
	eve, code, sess := eveRunsARound(t, base, p)
	bob := storeOf(t, base, p.bob)
	bob.JoinRoom(ctx, code, "")
	if _, err := bob.Contribute(ctx, sess.ID, model.Contribution{Kind: model.ContribFeedback, Text: "名前なしのつもり", Anonymous: true}); !errors.Is(err, model.ErrNoAnonymity) {
		t.Fatalf("anonymous feedback where it is not allowed: %v", err)
	}
	if r, _ := eve.Room(ctx, sess.ID); len(r.Contribs) != 0 {
		t.Fatalf("it was kept: %+v", r.Contribs)
	}

	// A guest named like a participant who has not joined yet is still
	// no presenter; look-alikes of people's names are refused.
	if _, _, err := base.JoinAsGuest(ctx, code, keyGuest+"x", "佐藤 ｱﾘｽ", ""); !errors.Is(err, model.ErrNameTaken) {
		t.Errorf("a half-width look-alike of Alice's name: %v", err)
	}
	g, _, err := base.JoinAsGuest(ctx, code, keyGuest, "来賓 山田", "")
	if err != nil {
		t.Fatal(err)
	}
	defer g.Close()
	q, _ := bob.Contribute(ctx, sess.ID, model.Contribution{Kind: model.ContribQuestion, Text: "問い"})
	if err := g.(model.Rooms).TakeUp(ctx, sess.ID, q.ID, true); !errors.Is(err, model.ErrNotAllowed) {
		t.Errorf("a guest taking up a question: %v", err)
	}
	again, _, err := base.JoinAsGuest(ctx, code, keyGuest, "別の名前", "")
	if err != nil {
		t.Fatal(err)
	}
	defer again.Close()
	if r, _ := eve.Room(ctx, sess.ID); !slices.ContainsFunc(r.People, func(p model.RoomPerson) bool { return p.Name == "来賓 山田" }) {
		t.Errorf("the guest's name changed on coming back: %+v", r.People)
	}

	// One person, one party.
	alice := storeOf(t, base, p.alice)
	_, agreementCode := agreementSession(t, alice)
	h, _, err := base.JoinAsGuest(ctx, agreementCode, keyGuest+"h", "受入 鈴木", model.PartyHost)
	if err != nil {
		t.Fatal(err)
	}
	h.Close()
	if _, _, err := base.JoinAsGuest(ctx, agreementCode, keyGuest+"h", "受入 鈴木", model.PartyLearner); !errors.Is(err, model.ErrPartyChosen) {
		t.Errorf("the host coming back as the learner: %v", err)
	}

	// A removed round's id, given to a new session, wakes those who may
	// read that one.
	bob2 := storeOf(t, base, p.bob)
	w, stop := bob2.Watch()
	defer stop()
	_, _, gone := eveRunsARound(t, base, p)
	rd, _ := eve.Round(ctx, gone.ID)
	pr := model.ProgressOf(gone, nil, false)
	pr.Round = &rd
	if err := eve.SaveProgress(ctx, pr); err != nil { // Bob's window learns it is not his
		t.Fatal(err)
	}
	if err := eve.DeleteRound(ctx, gone.ID); err != nil {
		t.Fatal(err)
	}
	for len(w) > 0 {
		<-w
	}
	mine := model.Session{FlowID: model.SelfReviewFlowID, Lang: model.Ja, Mode: model.OneOnOne, Status: model.InProgress,
		StartedAt: clock, UpdatedAt: clock}
	mine, err = bob.StartSession(ctx, mine)
	if err != nil {
		t.Fatal(err)
	}
	if mine.ID != gone.ID {
		t.Skipf("the new session got id %d, not the removed %d", mine.ID, gone.ID)
	}
	select {
	case c := <-w:
		if c.SessionID != mine.ID {
			t.Fatalf("told of %+v", c)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Bob's other window was not told of his new session")
	}
}
