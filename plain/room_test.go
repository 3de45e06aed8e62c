package plain

import (
	"context"
	"io"
	"strings"
	"testing"
	"time"

	"bansou/model"
	"bansou/model/sqlite"
)

// roomOf runs the accessible mode on a room as the store's person.
func (f *fixture) roomOf(store model.Store, id int64, lines ...string) string {
	f.t.Helper()
	var out strings.Builder
	err := Run(context.Background(), Options{Store: store, Library: f.lib, Lang: model.Ja,
		In: strings.NewReader(strings.Join(lines, "\n") + "\n"), Out: &out, Now: func() time.Time { return f.now },
		Location: time.UTC, Echo: true, Room: id})
	if err != nil {
		f.t.Fatalf("Run: %v\n%s", err, out.String())
	}
	return out.String()
}

// person adds an account on the fixture's database and returns its store.
func (f *fixture) person(name string) *sqlite.Store {
	f.t.Helper()
	a, err := f.store.AddAccount(context.Background(), model.Account{Name: name, Role: model.RoleFacilitator})
	if err != nil {
		f.t.Fatal(err)
	}
	s := f.store.As(a)
	f.t.Cleanup(func() { s.Close() })
	return s
}

// TestAccessibleRoundRoom: a person who uses the accessible mode takes
// part in a round's room line by line: they hear the phase, the clock and
// the others' words (anonymous feedback without a name, nobody's private
// learning), send a question and a learning kept to themself, and an empty
// line reads what came since.
func TestAccessibleRoundRoom(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	eve, alice, bob := f.person("高橋 イブ"), f.person("佐藤 アリス"), f.person("鈴木 ボブ")
	setup := model.RoundSetup{Format: f.lib.Rounds.DefaultFormat(), Facilitator: "高橋 イブ", Presenter: "佐藤 アリス",
		Participants: []model.Participant{{Name: "高橋 イブ"}, {Name: "佐藤 アリス"}, {Name: "鈴木 ボブ"}}}
	sess, rd := model.NewRound(setup, nil, model.Ja, f.now)
	rd.Timer.Start(f.now.Add(-2 * time.Minute))
	sess, _, err := eve.StartRound(ctx, sess, rd)
	if err != nil {
		t.Fatal(err)
	}
	code, _ := eve.OpenRoom(ctx, sess.ID, time.Hour)
	eve.SetAnonymous(ctx, sess.ID, true)
	alice.JoinRoom(ctx, code, "")
	bob.JoinRoom(ctx, code, "")
	bob.Contribute(ctx, sess.ID, model.Contribution{Kind: model.ContribFeedback, Text: "先回りしすぎでは", Anonymous: true})
	bob.Contribute(ctx, sess.ID, model.Contribution{Kind: model.ContribLearning, Text: "ボブだけの学び", Private: true})

	out := f.roomOf(alice, sess.ID, "本人は週報に何と書いていましたか", "/4", "/private", "待つことも支援だと気づいた", "", "/quit")
	for _, want := range []string{
		"として入りました", "フェーズ 1（全 6）チェックイン、残り 3分。", "発表: 佐藤 アリス",
		"フィードバック、名前なし: 先回りしすぎでは", "質問を送りました。", "これから 学び を書きます。",
		"次の書き込みは自分だけに残します。", "学びを送りました。", "場を出ました。",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("the output has no %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "ボブだけの学び") || strings.Contains(out, "鈴木 ボブ: 先回り") {
		t.Errorf("the output shows what is not Alice's to read:\n%s", out)
	}
	r, _ := bob.Room(ctx, sess.ID)
	var seen []string
	for _, c := range r.Contribs {
		seen = append(seen, c.Text)
	}
	if !strings.Contains(strings.Join(seen, "|"), "本人は週報に何と書いていましたか") || strings.Contains(strings.Join(seen, "|"), "待つことも支援") {
		t.Errorf("Bob reads %q", seen)
	}
}

// TestAccessibleAgreementRoom: a party of an agreement writes its view and
// fit line by line, hears that the others wrote but not what until the
// reveal, then hears their views, and confirms the agreed text.
func TestAccessibleAgreementRoom(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	alice := f.person("佐藤 アリス")
	eng, err := alice.CreateEngagement(ctx, model.Engagement{Learner: model.Learner{Name: "山田 花子"}, SendingOrg: "本社",
		HostOrg: "町工場", Start: model.NewDate(2026, 12, 1), End: model.NewDate(2027, 5, 31)})
	if err != nil {
		t.Fatal(err)
	}
	flow, _ := f.lib.Flow("agreement")
	sess, err := alice.StartSession(ctx, model.NewSession(flow, eng.ID, model.Ja, f.now))
	if err != nil {
		t.Fatal(err)
	}
	code, _ := alice.OpenRoom(ctx, sess.ID, time.Hour)
	host, _, err := f.store.JoinAsGuest(ctx, code, "ssh-ed25519 AAAAhost", "受入 鈴木", model.PartyHost)
	if err != nil {
		t.Fatal(err)
	}
	defer host.Close()
	learner, _, _ := f.store.JoinAsGuest(ctx, code, "ssh-ed25519 AAAAlearner", "山田 花子", model.PartyLearner)
	defer learner.Close()
	learner.(model.Rooms).SetPartyView(ctx, sess.ID, "role-scope", model.PartyView{Expectation: "企画から任せてほしい", Fit: 2})

	out := f.roomOf(host, sess.ID, "補助から始めたい", "/fit 5", "/words 最初は補助から", "/quit")
	for _, want := range []string{"あなたは 越境先 として書きます。", "論点 1（全 ", "本人: 書きました。伴走者が開くまで伏せてあります。",
		"保存しました。", "合意の文章はまだありません。"} {
		if !strings.Contains(out, want) {
			t.Errorf("the output has no %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "企画から任せて") {
		t.Fatalf("the host hears the learner's view before the reveal:\n%s", out)
	}
	if _, err := alice.Reveal(ctx, sess.ID); err != nil {
		t.Fatal(err)
	}
	pr := model.ProgressOf(sess, nil, false)
	pr.Agreement = []model.AgreementItem{{SessionID: sess.ID, Topic: "role-scope", Title: "役割と業務範囲", Agreed: "最初は補助から", UpdatedAt: f.now}}
	if err := alice.SaveProgress(ctx, pr); err != nil {
		t.Fatal(err)
	}
	learner.(model.Rooms).SuggestWording(ctx, sess.ID, "role-scope", "企画の一部を任せる")
	out = f.roomOf(host, sess.ID, "/confirm", "", "/quit")
	for _, want := range []string{"本人（合い具合 2（5段階））: 企画から任せてほしい", "合意の文章: 最初は補助から",
		"本人 の提案する合意の文章: 企画の一部を任せる",
		"合意の文章を、いまの文面のまま確認しました。", "確認した立場: 越境先 受入 鈴木"} {
		if !strings.Contains(out, want) {
			t.Errorf("the output has no %q:\n%s", want, out)
		}
	}
}

// hookedLines reads lines one at a time, running a hook before handing out
// the line it is keyed to: something changes between two lines typed.
type hookedLines struct {
	lines []string
	hooks map[string]func()
	buf   []byte
}

func (r *hookedLines) Read(p []byte) (int, error) {
	if len(r.buf) == 0 {
		if len(r.lines) == 0 {
			return 0, io.EOF
		}
		line := r.lines[0]
		r.lines = r.lines[1:]
		if h := r.hooks[line]; h != nil {
			h()
		}
		r.buf = []byte(line + "\n")
	}
	n := copy(p, r.buf)
	r.buf = r.buf[n:]
	return n, nil
}

// TestAPartyConfirmsTheWordsReadOut: in the accessible mode a party
// confirms the agreed text as it was read out; if the companion changed it
// since, the confirmation is refused and the new words are read.
func TestAPartyConfirmsTheWordsReadOut(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	alice := f.person("佐藤 アリス")
	eng, _ := alice.CreateEngagement(ctx, model.Engagement{Learner: model.Learner{Name: "山田 花子"}, SendingOrg: "本社",
		HostOrg: "町工場", Start: model.NewDate(2026, 12, 1), End: model.NewDate(2027, 5, 31)})
	flow, _ := f.lib.Flow("agreement")
	sess, _ := alice.StartSession(ctx, model.NewSession(flow, eng.ID, model.Ja, f.now))
	code, _ := alice.OpenRoom(ctx, sess.ID, time.Hour)
	host, _, err := f.store.JoinAsGuest(ctx, code, "ssh-ed25519 AAAAhost", "受入 鈴木", model.PartyHost)
	if err != nil {
		t.Fatal(err)
	}
	defer host.Close()
	agree := func(text string) {
		pr := model.ProgressOf(sess, nil, false)
		pr.Agreement = []model.AgreementItem{{SessionID: sess.ID, Topic: "role-scope", Title: "役割と業務範囲", Agreed: text, UpdatedAt: f.now}}
		if err := alice.SaveProgress(ctx, pr); err != nil {
			t.Fatal(err)
		}
	}
	agree("週3日、補助から")
	in := &hookedLines{lines: []string{"補助から始めたい", "/confirm", "/quit"},
		hooks: map[string]func(){"/confirm": func() { agree("週5日、企画を任せる") }}}
	var out strings.Builder
	if err := Run(ctx, Options{Store: host, Library: f.lib, Lang: model.Ja, In: in, Out: &out,
		Now: func() time.Time { return f.now }, Location: time.UTC, Echo: true, Room: sess.ID}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "確認しようとした間に合意の文章が書き換わりました") {
		t.Fatalf("the output:\n%s", out.String())
	}
	r, _ := host.(model.Rooms).Room(ctx, sess.ID)
	if len(r.Confirms) != 0 {
		t.Fatalf("confirmed words never read out: %+v", r.Confirms)
	}
}
