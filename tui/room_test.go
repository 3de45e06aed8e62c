package tui

import (
	"context"
	"testing"
	"time"

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
