package serve

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"bansou/model"
	"bansou/model/sqlite"
)

// addEngagement fills a new engagement's form in (the learner, from
// 株式会社みらい to host, 50 to 221 days from today), saves it and waits
// for its timeline.
func addEngagement(tm *terminal, learner, host string) {
	tm.t.Helper()
	tm.waitUntil("showed the home screen", func(s string) bool {
		return strings.Contains(s, "まだエンゲージメントがありません") || strings.Contains(s, "株式会社みらい")
	})
	tm.send("n")
	tm.waitFor("新しいエンゲージメント")
	tm.send(learner, keyTab, "株式会社みらい", keyTab, host, keyTab, day(50), keyTab, day(221))
	tm.waitFor(day(221))
	tm.send(ctrlS)
	tm.waitFor("株式会社みらい → " + host)
}

// startSession adds an engagement and opens a purpose extraction.
func startSession(tm *terminal, learner, host string) {
	tm.t.Helper()
	addEngagement(tm, learner, host)
	tm.send("n")
	tm.waitFor("どのセッションを始めますか")
	tm.send(keyEnter)
	tm.waitFor("1. 実現したいこと")
}

// typeSlowly sends text one character at a time, as typed.
func (tm *terminal) typeSlowly(text string) {
	tm.t.Helper()
	for _, r := range text {
		tm.send(string(r))
	}
}

// openDB opens the database anew, as another program would.
func openDB(t testing.TB, dbPath string) (*sqlite.Store, context.Context) {
	t.Helper()
	store, err := sqlite.Open(dbPath, sqlite.Options{Now: func() time.Time { return testNow }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	return store, context.Background()
}

func mustEngagements(t testing.TB, store *sqlite.Store, ctx context.Context) []model.Engagement {
	t.Helper()
	list, err := store.Engagements(ctx, true)
	if err != nil {
		t.Fatal(err)
	}
	return list
}

// answerOf reads, from a store opened anew on the database, the answer to
// a prompt in the first session of the engagement of a learner.
func answerOf(t testing.TB, dbPath, learner, key string) string {
	t.Helper()
	return answerIn(t, dbPath, learner, 0, key)
}

// answerIn reads the answer to a prompt in the nth session (from 0) of the
// engagement of a learner; "" if there is none.
func answerIn(t testing.TB, dbPath, learner string, nth int, key string) string {
	t.Helper()
	store, ctx := openDB(t, dbPath)
	for _, e := range mustEngagements(t, store, ctx) {
		if e.Learner.Name != learner {
			continue
		}
		sessions, err := store.Sessions(ctx, e.ID)
		if err != nil || len(sessions) <= nth {
			return ""
		}
		s, err := store.Session(ctx, sessions[nth].ID)
		if err != nil {
			t.Fatal(err)
		}
		st, _ := s.Step(key)
		return st.Answer
	}
	return ""
}

// TestTwoPeopleTypeAtOnce: two people connected at the same time each add
// an engagement and type a Japanese answer in their own session; both
// answers are on disk as typed.
func TestTwoPeopleTypeAtOnce(t *testing.T) {
	ts := startServer(t)
	people := []struct{ name, learner, host, answer string }{
		{"鈴木 一花", "山田 花子", "NPO法人つなぐ", "異動先の評価制度が不安です"},
		{"佐藤 未来", "高橋 蓮", "合同会社あした", "越境先で新しい事業の立ち上げを学びたい"},
	}
	terms := make([]*terminal, len(people))
	for i, p := range people {
		_, key := ts.person(p.name)
		terms[i] = ts.open(key, 100, 30, "")
	}
	var wg sync.WaitGroup
	for i, p := range people {
		wg.Go(func() {
			t.Run(p.name, func(t *testing.T) {
				tm := terms[i]
				tm.t = t
				startSession(tm, p.learner, p.host)
				tm.typeSlowly(p.answer)
				tm.waitFor(p.answer)
				tm.waitFor("保存済み")
			})
		})
	}
	wg.Wait()
	for _, p := range people {
		if got := answerOf(t, ts.dbPath, p.learner, "p:achieve"); got != p.answer {
			t.Errorf("%s's answer on disk: %q", p.name, got)
		}
	}
	if len(ts.backend.opened) != 2 || ts.backend.opened[0].Name == ts.backend.opened[1].Name {
		t.Fatalf("stores opened: %v", ts.backend.opened)
	}
}

// typedNotSaved starts a server whose interface saves only when it
// quits, has a person (鈴木 一花) type answer in a session of 山田 花子, and
// checks that it is on screen and not yet on disk.
func typedNotSaved(t *testing.T, answer string) (*testServer, gossh.Signer, *terminal) {
	t.Helper()
	ts := startServer(t, func(c *Config) { c.SaveDelay = time.Hour })
	_, key := ts.person("鈴木 一花")
	tm := ts.open(key, 100, 30, "")
	startSession(tm, "山田 花子", "NPO法人つなぐ")
	tm.typeSlowly(answer)
	tm.waitFor(answer)
	if got := answerOf(t, ts.dbPath, "山田 花子", "p:achieve"); got != "" {
		t.Fatalf("saved before it should (the test would prove nothing): %q", got)
	}
	return ts, key, tm
}

// TestCutConnectionSavesWhatWasTyped: the client is killed in the middle
// of an answer (the TCP connection closed, no goodbye), long before the
// interface would have saved it: the answer is on disk all the same, and a
// new connection of the person resumes the session with it at once, the
// server's clock unmoved (the cut connection's hold lapsed as it ended).
func TestCutConnectionSavesWhatWasTyped(t *testing.T) {
	answer := "異動先の評価制度が不安です"
	ts, key, tm := typedNotSaved(t, answer)
	tm.cut()
	eventually(t, "the answer is on disk", func() bool {
		return answerOf(t, ts.dbPath, "山田 花子", "p:achieve") == answer
	})

	eventually(t, "the cut connection has ended", func() bool {
		open, _ := ts.store.InterruptedSessions(context.Background())
		return len(open) == 1
	})
	again := ts.open(key, 100, 30, "")
	again.waitFor("途中のセッションがあります")
	again.send(keyEnter)
	again.waitFor("1. 実現したいこと")
	again.waitFor(answer)
	more := "。評価者と話したい"
	again.typeSlowly(more)
	again.waitFor(answer + more)
	again.send(ctrlS)
	eventually(t, "the longer answer is on disk", func() bool {
		return answerOf(t, ts.dbPath, "山田 花子", "p:achieve") == answer+more
	})
}

// TestSamePersonTwiceIsOfferedTheTakeOver: one person in two connections;
// the second, opening the session the first has open, is told so and
// offered to take it over, as in two terminals.
func TestSamePersonTwiceIsOfferedTheTakeOver(t *testing.T) {
	ts := startServer(t)
	_, key := ts.person("鈴木 一花")
	first := ts.open(key, 100, 30, "")
	startSession(first, "山田 花子", "NPO法人つなぐ")
	first.typeSlowly("一つ目の窓")
	first.waitFor("保存済み")

	second := ts.open(key, 100, 30, "")
	second.waitFor("山田 花子")
	second.send(keyEnter)
	second.waitFor("株式会社みらい → NPO法人つなぐ")
	second.waitFor("目的抽出  回答 1/14  進行中") // the timeline has loaded
	second.send(keyEnter)
	second.waitFor("このセッションは別の bansou で開かれています")
	second.waitFor("引き継ぐと、向こうの画面では以後の入力が保存されなくなります。")
}

// TestAccessibleCommandIsPlainText: `accessible` runs the plain-text mode
// in the terminal: words and no escape sequence at all.
func TestAccessibleCommandIsPlainText(t *testing.T) {
	ts := startServer(t)
	_, key := ts.person("鈴木 一花")
	tm := ts.open(key, 80, 24, "accessible")
	tm.waitFor("何をしますか。")
	tm.send("q", keyEnter)
	if status := tm.status(); status != 0 {
		t.Fatalf("status %d\n%s", status, tm.screen.Text())
	}
	if strings.Contains(tm.raw.String(), "\x1b") {
		t.Fatalf("escape sequences in %q", tm.raw.String())
	}
}

// TestShutdownSavesEveryConnection: the server told to stop (SIGTERM)
// has every connection save what was typed, then ends their sessions.
func TestShutdownSavesEveryConnection(t *testing.T) {
	answer := "止まる直前に打った言葉"
	ts, _, tm := typedNotSaved(t, answer)
	ts.stop()
	if got := answerOf(t, ts.dbPath, "山田 花子", "p:achieve"); got != answer {
		t.Fatalf("on disk after the stop: %q", got)
	}
	tm.status()
}
