package tui

import (
	"context"
	"strings"
	"testing"
	"time"

	"bansou/internal/hostile"
	"bansou/model"
	"bansou/model/sqlite"
)

// servedRoom makes people on a served store, a round of the default format
// with a room that Alice (presenting), Bob and a guest joined, and what
// they wrote; it returns the store of the reader named and the round.
func servedRoom(t *testing.T, reader string, lang model.Lang) (*sqlite.Store, int64) {
	t.Helper()
	base, _ := openStore(t)
	ctx := context.Background()
	people := map[string]*sqlite.Store{}
	for _, name := range []string{"高橋 イブ", "佐藤 アリス", "鈴木 ボブ"} {
		a, err := base.AddAccount(ctx, model.Account{Name: name, Role: model.RoleFacilitator, Lang: lang})
		if err != nil {
			t.Fatal(err)
		}
		s := base.As(a)
		t.Cleanup(func() { s.Close() })
		people[name] = s
	}
	lib := library(t)
	setup := model.RoundSetup{Format: lib.Rounds.DefaultFormat(), Facilitator: "高橋 イブ", Presenter: "佐藤 アリス",
		CaseID: lib.Rounds.Cases[0].ID, Participants: []model.Participant{{Name: "高橋 イブ"}, {Name: "佐藤 アリス"}, {Name: "鈴木 ボブ"}}}
	sess, rd := model.NewRound(setup, nil, lang, clock)
	rd.Timer.Start(clock.Add(-3 * time.Minute))
	eve := people["高橋 イブ"]
	sess, _, err := eve.StartRound(ctx, sess, rd)
	if err != nil {
		t.Fatal(err)
	}
	code, err := eve.OpenRoom(ctx, sess.ID, time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	if err := eve.SetAnonymous(ctx, sess.ID, true); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"佐藤 アリス", "鈴木 ボブ"} {
		if _, err := people[name].JoinRoom(ctx, code, ""); err != nil {
			t.Fatal(err)
		}
	}
	guest, _, err := base.JoinAsGuest(ctx, code, "ssh-ed25519 AAAAguest", "来賓 山田", "")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { guest.Close() })
	for _, c := range []struct {
		s model.Store
		c model.Contribution
	}{
		{people["鈴木 ボブ"], model.Contribution{Kind: model.ContribQuestion, Text: "本人は週報に何と書いていましたか"}},
		{guest, model.Contribution{Kind: model.ContribFeedback, Text: "上司の前でも言います、先回りが多い", Anonymous: true}},
		{people["鈴木 ボブ"], model.Contribution{Kind: model.ContribLearning, Text: "待つのが苦手だと気づいた", Private: true}},
		{people["佐藤 アリス"], model.Contribution{Kind: model.ContribAction, Text: "来週の面談で先に本人に聞く"}},
	} {
		if _, err := c.s.(model.Rooms).Contribute(ctx, sess.ID, c.c); err != nil {
			t.Fatal(err)
		}
	}
	if reader == "guest" {
		return guest.(*sqlite.Store), sess.ID
	}
	return people[reader], sess.ID
}

func withRoom(id int64, projector bool) harnessOption {
	return func(o *Options) { o.Room, o.Projector = id, projector }
}

// TestGoldenRoomJa80x24: the presenter's own screen in a round's room: the
// phase and the clock (the facilitator's, three minutes in), the cast, the
// case card and what everyone wrote, questions first; another's private
// learning is not there, and the anonymous feedback has no name.
func TestGoldenRoomJa80x24(t *testing.T) {
	store, id := servedRoom(t, "佐藤 アリス", model.Ja)
	h := newHarness(t, 80, 24, withStore(store), withRoom(id, false))
	h.contains("本人は週報に何と書いていましたか")
	h.notContains("待つのが苦手")
	h.contains("（名前なし）: 上司の前でも言います")
	h.golden("room_ja_80x24")
	// The caret (where an IME's window opens) is on the input's row.
	cur := h.top().caret()
	if rows := strings.Split(h.top().view(), "\n"); cur == nil || cur.Y >= len(rows) || !strings.Contains(rows[cur.Y], "ここに書いて") {
		t.Fatalf("the caret is at %+v", cur)
	}
}

// TestGoldenRoomViewEn40x16: the room view on a small screen, in English,
// in overtime: the clock counts on with a +, and nothing private shows.
func TestGoldenRoomViewEn40x16(t *testing.T) {
	store, id := servedRoom(t, "guest", model.En)
	late := clock.Add(10 * time.Minute)
	h := newHarness(t, 40, 16, withStore(store), withRoom(id, true), withClock(&late), withLang(model.En))
	h.contains("▄█▄") // the + of +08:00, in large digits
	h.notContains("上司の前でも")
	h.golden("roomview_en_40x16")
}

// roomOf opens a room's screen on a person's store.
func roomOf(t *testing.T, store model.Store, id int64) *harness {
	t.Helper()
	return newHarness(t, 100, 30, withStore(store), withRoom(id, false))
}

// TestWhatIsTypedComesBackWithHowItWasToBeSent: a learning kept to oneself,
// typed and not sent, comes back after the window is gone as a learning
// still kept to oneself; sent, it is private.
func TestWhatIsTypedComesBackWithHowItWasToBeSent(t *testing.T) {
	store, id := servedRoom(t, "鈴木 ボブ", model.Ja)
	h := roomOf(t, store, id)
	h.press("tab", "tab", "tab") // a learning
	h.press("ctrl+l")
	h.contains("自分だけに残します")
	h.typeText("部下の前で話しすぎる癖")
	h.settle()
	h.press("esc") // the window goes; the words stay with their writer

	again := roomOf(t, store, id)
	again.contains("部下の前で話しすぎる癖")
	again.contains("自分だけに残します")
	again.contains("[学び]")
	again.press("ctrl+s")
	r, _ := store.Room(context.Background(), id)
	for _, c := range r.Contribs {
		if c.Text == "部下の前で話しすぎる癖" && (!c.Private || c.Kind != model.ContribLearning) {
			t.Fatalf("sent as %+v", c)
		}
	}
}

// TestAFailedSendKeepsEverything: when a contribution cannot be saved (the
// round has ended), it comes back into the input as it was to be sent:
// without a name.
func TestAFailedSendKeepsEverything(t *testing.T) {
	store, id := servedRoom(t, "鈴木 ボブ", model.Ja)
	h := roomOf(t, store, id)
	h.press("tab", "tab") // feedback
	h.press("ctrl+a")
	h.contains("名前なしで送ります")
	finish(t, store, id)
	h.typeText("言いにくいことを一つ")
	h.press("ctrl+s")
	h.contains("この場はもう終わっています")
	h.contains("言いにくいことを一つ")
	h.contains("名前なしで送ります")
	h.contains("[フィードバック]")
}

// TestAChangeKeepsItsKindAndItsNamelessness: changing one's own feedback
// given without a name, neither its kind nor its namelessness can change.
func TestAChangeKeepsItsKindAndItsNamelessness(t *testing.T) {
	store, id := servedRoom(t, "guest", model.Ja)
	h := roomOf(t, store, id)
	h.press("ctrl+o") // the list
	h.contains("▸")
	for range 3 {
		if strings.Contains(h.screen(), "▸ [フィードバック]") {
			break
		}
		h.press("down")
	}
	h.press("e")
	h.contains("書き込みを直しています")
	h.press("tab")
	h.contains("種類を変えられません")
	h.press("ctrl+a")
	h.contains("名前なしのまま")
	h.typeText("（訂正）")
	h.press("ctrl+s")
	r, _ := store.Room(context.Background(), id)
	for _, c := range r.Contribs {
		if strings.HasSuffix(c.Text, "（訂正）") && (!c.Anonymous || c.Kind != model.ContribFeedback) {
			t.Fatalf("changed to %+v", c)
		}
	}
}

// finish ends a round as its facilitator does.
func finish(t *testing.T, reader *sqlite.Store, id int64) {
	t.Helper()
	ctx := context.Background()
	var eve model.Account
	list, err := reader.AccountList(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range list {
		if a.Name == "高橋 イブ" {
			eve = a
		}
	}
	s := reader.As(eve)
	defer s.Close()
	sess, err := s.Session(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	sess.Status, sess.FinishedAt = model.Done, clock
	if err := s.SaveProgress(ctx, model.ProgressOf(sess, nil, false)); err != nil {
		t.Fatal(err)
	}
}

// servedAgreement makes a companion's agreement session with a room that
// a guest joined as the host; it returns the guest's store and the
// session.
func servedAgreement(t *testing.T) (model.Store, int64) {
	t.Helper()
	base, _ := openStore(t)
	ctx := context.Background()
	a, err := base.AddAccount(ctx, model.Account{Name: "佐藤 アリス"})
	if err != nil {
		t.Fatal(err)
	}
	alice := base.As(a)
	t.Cleanup(func() { alice.Close() })
	eng, err := alice.CreateEngagement(ctx, model.Engagement{Learner: model.Learner{Name: "山田 花子"}, SendingOrg: "本社",
		HostOrg: "町工場", Start: model.NewDate(2026, 12, 1), End: model.NewDate(2027, 5, 31)})
	if err != nil {
		t.Fatal(err)
	}
	flow, _ := library(t).Flow("agreement")
	sess, err := alice.StartSession(ctx, model.NewSession(flow, eng.ID, model.Ja, clock))
	if err != nil {
		t.Fatal(err)
	}
	code, err := alice.OpenRoom(ctx, sess.ID, time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	g, _, err := base.JoinAsGuest(ctx, code, "ssh-ed25519 AAAAhost", "受入 鈴木", model.PartyHost)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { g.Close() })
	return g, sess.ID
}

// TestAPartysWordsAreNeverDropped: words typed while the fit has the keys
// go into the expectation; a view typed on one topic is saved though the
// party moves on at once to the next.
func TestAPartysWordsAreNeverDropped(t *testing.T) {
	store, id := servedAgreement(t)
	h := roomOf(t, store, id)
	h.contains("論点 1/")
	h.press("tab") // the fit
	h.typeText("補助から始めたい")
	h.contains("補助から始めたい")
	h.press("ctrl+n")
	h.typeText("週3日の勤務")
	h.press("tab", "4")
	h.press("ctrl+p")
	h.contains("補助から始めたい")
	h.press("ctrl+n")
	h.contains("週3日の勤務")
	h.contains("4/5")
	r, err := store.(model.Rooms).Room(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]model.PartyView{}
	for _, e := range r.Entries {
		got[e.Topic] = e.View
	}
	if got[r.Topics[0]].Expectation != "補助から始めたい" || got[r.Topics[1]] != (model.PartyView{Expectation: "週3日の勤務", Fit: 4}) {
		t.Fatalf("saved %+v", got)
	}
}

// TestARoomShowsHostileWordsAsTheyAre: contributions and a guest's name
// carrying escape sequences, controls and bidi characters are drawn as
// visible stand-ins on a room's screen and on its room view: nothing a
// terminal would act on.
func TestARoomShowsHostileWordsAsTheyAre(t *testing.T) {
	store, id := servedRoom(t, "佐藤 アリス", model.Ja)
	ctx := context.Background()
	if _, err := store.Contribute(ctx, id, model.Contribution{Kind: model.ContribQuestion, Text: hostile.UTF8("問い")}); err != nil {
		t.Fatal(err)
	}
	h := roomOf(t, store, id)
	hostile.Check(t, "room", h.app.View().Content)
	h.press("f5")
	hostile.Check(t, "room view", h.app.View().Content)
}

// TestAPartyConfirmsTheWordsItSees: ctrl+y shows the agreed text whole,
// and y confirms those very words; any other key confirms nothing.
func TestAPartyConfirmsTheWordsItSees(t *testing.T) {
	store, id := servedAgreement(t)
	ctx := context.Background()
	rooms := store.(model.Rooms)
	r, _ := rooms.Room(ctx, id)
	topic := r.Topics[0]
	agreeAs(t, store, id, topic, "最初の2か月は補助、その後は企画の一部を担う。週に一度、三者で振り返る。")
	h := roomOf(t, store, id)
	h.press("ctrl+y")
	h.contains("この文面のとおりに確認するなら y")
	h.contains("週に一度、三者で振り返る。")
	h.press("n")
	h.contains("確認はしませんでした")
	h.press("ctrl+y", "y")
	r, _ = rooms.Room(ctx, id)
	if c, ok := r.Confirmed(topic, model.PartyHost); !ok || c.Name != "受入 鈴木" {
		t.Fatalf("confirmations %+v", r.Confirms)
	}
}

// agreeAs writes a topic's agreed text as the agreement's companion.
func agreeAs(t *testing.T, guest model.Store, id int64, topic, text string) {
	t.Helper()
	g := guest.(*sqlite.Store)
	ctx := context.Background()
	list, _ := g.AccountList(ctx)
	var alice model.Account
	for _, a := range list {
		if a.Name == "佐藤 アリス" {
			alice = a
		}
	}
	s := g.As(alice)
	defer s.Close()
	sess, err := s.Session(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	pr := model.ProgressOf(sess, nil, false)
	pr.Agreement = []model.AgreementItem{{SessionID: id, Topic: topic, Title: "論点", Agreed: text, UpdatedAt: clock}}
	if err := s.SaveProgress(ctx, pr); err != nil {
		t.Fatal(err)
	}
}

// TestAChangeCanBeDropped: esc while changing one's own contribution drops
// the change; the contribution stays as it was.
func TestAChangeCanBeDropped(t *testing.T) {
	store, id := servedRoom(t, "佐藤 アリス", model.Ja)
	h := roomOf(t, store, id)
	h.press("ctrl+o")
	for range 4 {
		if strings.Contains(h.screen(), "▸ [次の一手]") {
			break
		}
		h.press("down")
	}
	h.press("e")
	h.contains("書き込みを直しています")
	h.typeText("（書き足し）")
	h.press("esc")
	h.contains("直すのをやめました")
	h.notContains("書き込みを直しています")
	r, _ := store.Room(context.Background(), id)
	for _, c := range r.Contribs {
		if strings.Contains(c.Text, "書き足し") {
			t.Fatalf("the dropped change was saved: %+v", c)
		}
	}
}

// TestNamesLeftOffStopWhenTheFacilitatorStopsThem: the facilitator stops
// names being left off while a participant has chosen to leave theirs off:
// the screen says so and clears the choice before anything is sent.
func TestNamesLeftOffStopWhenTheFacilitatorStopsThem(t *testing.T) {
	store, id := servedRoom(t, "鈴木 ボブ", model.Ja)
	h := roomOf(t, store, id)
	h.press("tab", "tab", "ctrl+a")
	h.contains("名前なしで送ります")
	list, _ := store.AccountList(context.Background())
	for _, a := range list {
		if a.Name == "高橋 イブ" {
			eve := store.As(a)
			if err := eve.SetAnonymous(context.Background(), id, false); err != nil {
				t.Fatal(err)
			}
			eve.Close()
		}
	}
	h.waitUntil("the screen reads the room again", func() bool { return strings.Contains(h.screen(), "名前付きで送られます") })
	h.notContains("名前なしで送ります")
}
