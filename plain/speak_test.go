package plain

import (
	"context"
	"errors"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"bansou/model"
)

// The accessible mode is never silent, always has a way out, is short by
// default, speaks a round's clock, reads on the screen's terms, and lets a
// script know how it went.

// TestAccessibleSaysWhatEnterAndEachSaveDid: an empty Enter at a text
// prompt says that nothing changed (it used to print nothing and wait), and
// each answer, note, point and cleared answer says what was saved.
func TestAccessibleSaysWhatEnterAndEachSaveDid(t *testing.T) {
	f := newFixture(t)
	e := f.engagement("山田 花子")
	out := f.run(model.Ja, "1", "1", "1",
		"", "新しい事業を", "一から経験したい", ".", // 1: Enter first, then two lines
		".",                                       // 2: nothing typed
		"/note", "表情が明るい", ".", "/clear", "/skip", // 3: a note; nothing to clear
		"/later", "q")
	saysAll(t, out,
		"> \n変更なし。書き始めるか、「.」だけの行で終えます。\n> 新しい事業を",
		"保存しました: 回答（2 行）。",
		"変更なし。次へ進みます。",
		"保存しました: 自分用メモ［非公開］。",
		"消す回答はありません。")
	s := f.session(e.ID, "purpose")
	if s.Steps[0].Answer != "新しい事業を\n一から経験したい" || s.Steps[1].Answered() || s.Steps[2].Note != "表情が明るい" {
		t.Errorf("stored %q / %+v / %q", s.Steps[0].Answer, s.Steps[1], s.Steps[2].Note)
	}

	// A point of the scale says what was saved too.
	out = f.run(model.Ja, "1", "1", "不安可視化", "/jump 3", "4", ".", "/later", "q")
	if !regexp.MustCompile(`保存しました: 4 \S+。`).MatchString(out) {
		t.Errorf("the point saved was not said:\n%s", out)
	}
	if st := step(t, f.session(e.ID, "anxiety"), "p:intensity"); st.Value != 4 {
		t.Errorf("point %d", st.Value)
	}
}

// TestAccessibleEveryFormCanBeLeft: an empty learner's name goes back (it
// used to loop on 「入力が必要です。」 until "q" was saved as the name),
// /back leaves the engagement form with what was typed kept as its draft,
// /back leaves the round's participants (it used to be refused), and the
// format menu says that Enter takes the default rather than going back.
func TestAccessibleEveryFormCanBeLeft(t *testing.T) {
	f := newFixture(t)
	out := f.run(model.Ja,
		"3", "", // an empty name: back to the menu
		"3", "山田 花子", "本社", "/back", // left in the middle
		"5", "/back", // the participants
		"5", "佐藤", "田中", ".", "", "9", "/back", // the format: a number not on the list, then /back
		"q")
	engs, _ := f.store.Engagements(context.Background(), false)
	if len(engs) != 0 {
		t.Fatalf("engagements %+v", engs)
	}
	if n := f.draftRows(); n != 1 {
		t.Fatalf("%d drafts, want the one left with /back", n)
	}
	rounds, _ := f.store.Rounds(context.Background())
	if len(rounds) != 0 {
		t.Fatalf("rounds %+v", rounds)
	}
	if strings.Count(out, "入力をやめて戻りました。") != 4 {
		t.Errorf("leaving was not said each time:\n%s", out)
	}
	saysAll(t, out,
		"書きかけとして保存しました（山田 花子（本社 から … へ））",
		"1 から 4 までの番号か、名前を入力してください（Enter で ケース相談）。")
	if strings.Contains(out, "入力が必要です") {
		t.Errorf("the name was still required:\n%s", out)
	}
}

// TestAccessibleRepeatAndTheFinishQuestion: /repeat reads a list and a
// prompt again, the prompt with its instructions in full; the finish
// question keeps the session for later on a stray Enter.
func TestAccessibleRepeatAndTheFinishQuestion(t *testing.T) {
	f := newFixture(t)
	e := f.engagement("山田 花子")
	out := f.run(model.Ja, "1", "/repeat", "1", "1",
		"一行", ".", "/repeat", "/jump 14", "挑戦", ".", "", // Enter at the finish question
		"q")
	if n := strings.Count(out, "どの学習者とのセッションですか。"); n != 2 {
		t.Errorf("the list was read %d times, want 2:\n%s", n, out)
	}
	if n := strings.Count(out, "2 問目（全 14 問）: なぜ今、外へ"); n != 2 {
		t.Errorf("the prompt was read %d times, want 2:\n%s", n, out)
	}
	if n := strings.Count(out, "入力すると今の回答と置き換わります"); n != 2 {
		t.Errorf("the instructions were read in full %d times, want twice (the first prompt and /repeat):\n%s", n, out)
	}
	s := f.session(e.ID, "purpose")
	if s.Status != model.InProgress || s.Steps[len(s.Steps)-1].Answer != "挑戦" {
		t.Errorf("a stray Enter at the last question: %s", s.Status)
	}
	if !strings.Contains(out, "(y: 終了 / N: あとで続ける)") || !strings.Contains(out, "を、あとで続けられるように保存しました") {
		t.Errorf("the finish question:\n%s", out)
	}
}

// gatedLines hands out lines as the test releases them, and never ends:
// the run goes on until its context is cancelled.
type gatedLines struct {
	lines chan string
	buf   []byte
}

func (g *gatedLines) Read(p []byte) (int, error) {
	if len(g.buf) == 0 {
		line, ok := <-g.lines
		if !ok {
			return 0, io.EOF
		}
		g.buf = []byte(line + "\n")
	}
	n := copy(p, g.buf)
	g.buf = g.buf[n:]
	return n, nil
}

// watched is an output a test can wait on.
type watched struct {
	mu  sync.Mutex
	b   strings.Builder
	got chan struct{}
}

func (w *watched) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	n, err := w.b.Write(p)
	select {
	case w.got <- struct{}{}:
	default:
	}
	return n, err
}

func (w *watched) String() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.b.String()
}

func (w *watched) waitFor(t *testing.T, s string) {
	t.Helper()
	deadline := time.After(10 * time.Second)
	for !strings.Contains(w.String(), s) {
		select {
		case <-w.got:
		case <-deadline:
			t.Fatalf("never saw %q:\n%s", s, w.String())
		}
	}
}

// TestAccessibleInterruptionSaysWhatWasSaved: ctrl+c (the context
// cancelled) in the middle of an answer says what was saved, not that the
// input ended, and a run that reports how it ended says it was
// interrupted.
func TestAccessibleInterruptionSaysWhatWasSaved(t *testing.T) {
	f := newFixture(t)
	e := f.engagement("山田 花子")
	ctx, cancel := context.WithCancel(context.Background())
	in := &gatedLines{lines: make(chan string, 8)}
	out := &watched{got: make(chan struct{}, 1)}
	done := make(chan error, 1)
	go func() {
		done <- Run(ctx, Options{Store: f.store, Library: f.lib, Lang: model.Ja, In: in, Out: out,
			Now: func() time.Time { return testNow }, Location: time.UTC, Echo: true, ReportEnd: true})
	}()
	for _, l := range []string{"1", "1", "1", "合図の前の一行"} {
		in.lines <- l
	}
	out.waitFor(t, "> 合図の前の一行\n")
	cancel()
	err := <-done
	var ended *Ended
	if !errors.As(err, &ended) || ended.Why != Interrupted {
		t.Fatalf("Run: %v", err)
	}
	got := out.String()
	saysAll(t, got,
		"中断の合図（ctrl+c など）を受けたので終了します。",
		"セッション「目的抽出、山田 花子 さん」を、あとで続けられるように保存しました（全 14 問中 1 問に回答）。")
	if strings.Contains(got, "入力が終わったので") {
		t.Errorf("an interruption said the input ended:\n%s", got)
	}
	s := f.session(e.ID, "purpose")
	if s.Steps[0].Answer != "合図の前の一行" || s.Status != model.InProgress || f.isOpen(e.ID) {
		t.Errorf("after ctrl+c: %q %s", s.Steps[0].Answer, s.Status)
	}
}

// TestAccessibleIsShortByDefault: the session menu gives titles (a
// description on request), the question before its options, the answer
// instructions once per session, no symbols a screen reader reads out, no
// empty brackets, and a self-review's label is the companion's own words.
func TestAccessibleIsShortByDefault(t *testing.T) {
	f := newFixture(t)
	e := f.engagement("山田 花子")
	checkin, _ := f.lib.Flow("checkin")
	action := slices.IndexFunc(model.NewSession(checkin, e.ID, model.Ja, testNow).Steps, func(st model.Step) bool {
		return st.AnswerKind == model.KindAction
	})
	out := f.run(model.Ja, "1", "1", "?1", "1",
		"一つ目", ".", "二つ目", ".", "三つ目", ".", "/list", "/later",
		"1", "1", "定期チェックイン", "/jump "+strconv.Itoa(action+1), "週報を送る", ".", "", "", ".", "/later",
		"q")
	purpose := f.lib.Flows[0]
	if n := strings.Count(out, purpose.Summary.In(model.Ja)); n != 1 {
		t.Errorf("the purpose flow's description was read %d times, want once (on ?1):\n%s", n, out)
	}
	if q, item := strings.Index(out, "どのセッションを始めますか。"), strings.Index(out, "1. 目的抽出（越境前）"); q < 0 || item < q {
		t.Errorf("the question does not come before its options:\n%s", out)
	}
	if n := strings.Count(out, "入力すると今の回答と置き換わります"); n != 2 {
		t.Errorf("the answer instructions were read %d times, want once per session:\n%s", n, out)
	}
	if !strings.Contains(out, "回答（本人の言葉で）\n> 二つ目") {
		t.Errorf("the short label:\n%s", out)
	}
	for _, bad := range []string{"—", "==", "→", "←", "期限 ）", "（）"} {
		if strings.Contains(out, bad) {
			t.Errorf("the transcript reads out %q:\n%s", bad, out)
		}
	}
	if m := regexp.MustCompile(`\d+/\d+`).FindString(out); m != "" {
		t.Errorf("the transcript reads out %q:\n%s", m, out)
	}
	if l := f.ledger(e.ID); len(l.Actions) != 1 || !l.Actions[0].Due.IsZero() {
		t.Fatalf("actions %+v\n%s", l.Actions, out)
	}

	// A self-review: the companion writes about themselves.
	sess := model.NewSelfReview(f.lib.Skills, f.lib.Skills.InGroup(model.SkillGroups[0]), nil, model.Ja, testNow)
	text := slices.IndexFunc(sess.Steps, func(st model.Step) bool {
		return st.AnswerKind != model.KindSkill && st.AnswerKind != model.KindFocus
	})
	out = f.run(model.Ja, "4", "2", "/jump "+strconv.Itoa(text+1), "/later", "q")
	if strings.Contains(out, "本人の言葉で") || !strings.Contains(out, "回答（あなた自身の言葉で") {
		t.Errorf("the self-review's label:\n%s", out)
	}
}

// saysAll fails the test for each of wants the transcript out lacks.
func saysAll(t *testing.T, out string, wants ...string) {
	t.Helper()
	for _, want := range wants {
		if !strings.Contains(out, want) {
			t.Errorf("the transcript lacks %q:\n%s", want, out)
		}
	}
}

// movingClock is a clock a test moves on between lines typed.
type movingClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *movingClock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *movingClock) add(d time.Duration) func() {
	return func() {
		c.mu.Lock()
		c.t = c.t.Add(d)
		c.mu.Unlock()
	}
}

// TestAccessibleRoundIsSpoken: the setup sets a participant's kind of
// companion (everyone used to be stored as sending); the round opens with
// its ground rules; every prompt names the clock's phase; the clock speaks
// between lines as time runs short and, once, when it is up, in durations
// (never a clock time such as 4:51); ending a phase's notes with "." takes
// the clock along, so that /phase then goes forward, never back.
func TestAccessibleRoundIsSpoken(t *testing.T) {
	f := newFixture(t)
	clock := &movingClock{t: testNow}
	in := &hookedLines{
		lines: []string{"5", "佐藤", "田中", "Lee", ".",
			"2", "越境先", "", // 田中 is a host companion
			"", "", "", "", "", "", "10", // a 10-minute check-in
			"/start", "一行目", "二行目", "三行目", "四行目", "五行目", ".",
			"/phase", "/later", "q"},
		hooks: map[string]func(){
			"二行目": clock.add(5*time.Minute + 9*time.Second), // 4 min 51 s left
			"四行目": clock.add(5 * time.Minute),               // 9 s over
		},
	}
	var out strings.Builder
	err := Run(context.Background(), Options{Store: f.store, Library: f.lib, Lang: model.Ja, In: in, Out: &out,
		Now: clock.now, Location: time.UTC, Echo: true})
	if err != nil {
		t.Fatal(err)
	}
	got := out.String()
	rounds, err := f.store.Rounds(context.Background())
	if err != nil || len(rounds) != 1 {
		t.Fatalf("%d rounds, %v\n%s", len(rounds), err, got)
	}
	rd := rounds[0].Round
	if i := slices.IndexFunc(rd.Participants, func(p model.Participant) bool { return p.Name == "田中" }); i < 0 || rd.Participants[i].Type != model.Host {
		t.Errorf("participants %+v", rd.Participants)
	}
	saysAll(t, got,
		"田中 さんは 越境先 の伴走者です。",
		"この場の約束:\n1. "+f.lib.Rounds.Rules[0].Text.In(model.Ja),
		"段階「チェックイン」。記録",
		"チェックイン、残り 4分51秒 です。",
		"チェックイン の時間になりました。",
		"保存しました: 記録（5 行）。\n時計もメモと一緒に次の段階へ進めました。")
	if n := strings.Count(got, "の時間になりました"); n != 1 {
		t.Errorf("time up was said %d times, want once:\n%s", n, got)
	}
	if m := regexp.MustCompile(`\d+:\d\d`).FindString(got); m != "" {
		t.Errorf("a time read as a clock time: %q\n%s", m, got)
	}
	// The notes went on with "." and the clock with them; /phase then went
	// on to the third phase, never back to the second.
	if rd.Timer.Current != 2 {
		t.Errorf("the clock is at phase %d, want 3", rd.Timer.Current+1)
	}
	s := rounds[0].Session
	if st, _ := s.Current(); model.PhaseOf(st) != rd.Timer.Phases[2].ID {
		t.Errorf("the notes are at %s, the clock at %s", st.Key, rd.Timer.Phases[2].ID)
	}
	if s.Steps[0].Answer != "一行目\n二行目\n三行目\n四行目\n五行目" {
		t.Errorf("notes %q", s.Steps[0].Answer)
	}
}

// TestAccessibleCountsAndReadsAsTheScreenDoes: /list marks a step with
// worries answered (it said 未回答 after they were saved), the resume menu
// and the header agree, a command works in a fit field (it was "not
// understood", so leaving a topic took all seven fields), and a private
// worry is read out as private.
func TestAccessibleCountsAndReadsAsTheScreenDoes(t *testing.T) {
	f := newFixture(t)
	f.engagement("山田 花子")
	anxiety, _ := f.lib.Flow("anxiety")
	worries, _ := anxiety.Prompt("worries")
	out := f.run(model.Ja, "1", "1", "不安可視化", "/jump 2",
		"家族と離れるのが不安", ".", "", "4", "", "週末に電話する", ".", "", ".", // a worry, private
		"/list", "/later",
		"2", "1", "/later", "q")
	if !strings.Contains(out, "2. "+worries.Title.In(model.Ja)+"（回答済み）") {
		t.Errorf("/list did not count the worries:\n%s", out)
	}
	if !strings.Contains(out, "不安可視化、山田 花子 さん（2026-11-21 開始、全 10 問中 1 問に回答）") ||
		!strings.Contains(out, "問いは 10 個、回答済みは 1 個です。") {
		t.Errorf("the resume menu and the header disagree:\n%s", out)
	}
	if !strings.Contains(out, "保存しました: 不安［非公開］（強さ 4）。") {
		t.Errorf("the worry saved was not said as private:\n%s", out)
	}
	out = f.run(model.Ja, "1", "1", "定期チェックイン", "/later", "q")
	if !strings.Contains(out, "不安［非公開］: 家族と離れるのが不安") {
		t.Errorf("the private worry was not read out as private:\n%s", out)
	}

	lee := f.engagement("Lee Wei")
	f.run(model.Ja, "1", "Lee Wei", "三者合意", "企画を任されたい", ".", "/next", "/later", "q")
	ag := f.session(lee.ID, "agreement")
	it := f.ledger(lee.ID).AgreementIn(ag.ID)["role-scope"]
	if it.Learner.Expectation != "企画を任されたい" || ag.CurrentIndex() != 1 {
		t.Errorf("/next at a fit: %+v at step %d", it, ag.CurrentIndex()+1)
	}
}

// TestAccessibleChoosesByNameAndReadsDatesAlike: a learner and a session
// are chosen by name (a name that fits two is refused with their numbers),
// and a date without its year (12月18日) is read for an engagement and for
// a due date alike.
func TestAccessibleChoosesByNameAndReadsDatesAlike(t *testing.T) {
	f := newFixture(t)
	f.engagement("山田 花子")
	f.engagement("山田 太郎")
	lee := f.engagement("Lee Wei")
	out := f.run(model.Ja, "1", "山田", "lee wei", "三者合意", "/later",
		"3", "鈴木 一花", "", "", "12月1日", "2027年5月31日", "", "",
		"1", "鈴木", "定期チェックイン", "/jump 14", "上司に週報を送る", ".", "伴走者", "12月18日", ".", "/later",
		"q")
	if !strings.Contains(out, "「山田」に当てはまるものが複数あります（2、3）。番号で選んでください") {
		t.Errorf("a name that fits two was not refused:\n%s", out)
	}
	if ag := f.session(lee.ID, "agreement"); ag.FlowID != "agreement" {
		t.Errorf("the agreement (not its revisit) was to start: %s", ag.FlowID)
	}
	var suzuki model.Engagement
	engs, _ := f.store.Engagements(context.Background(), false)
	for _, e := range engs {
		if e.Learner.Name == "鈴木 一花" {
			suzuki = e
		}
	}
	if suzuki.Start != model.NewDate(2026, 12, 1) || suzuki.End != model.NewDate(2027, 5, 31) {
		t.Fatalf("engagement %+v\n%s", suzuki, out)
	}
	l := f.ledger(suzuki.ID)
	if len(l.Actions) != 1 || l.Actions[0].Due != model.NewDate(2026, 12, 18) || l.Actions[0].Owner != model.OwnerCompanion {
		t.Fatalf("actions %+v\n%s", l.Actions, out)
	}
	if !strings.Contains(out, "保存しました: アクション（伴走者、期限 2026-12-18）。") {
		t.Errorf("the action saved was not said:\n%s", out)
	}
}

// TestAccessibleScriptsFailLoudly: with StopAtInvalid, the first line not
// understood stops the run there, what was typed saved, and Run says so;
// the input ending in the middle of a form is reported too; ending at the
// main menu is not.
func TestAccessibleScriptsFailLoudly(t *testing.T) {
	f := newFixture(t)
	e := f.engagement("山田 花子")
	run := func(input string) (string, error) {
		var out strings.Builder
		err := Run(context.Background(), Options{Store: f.store, Library: f.lib, Lang: model.Ja, In: strings.NewReader(input),
			Out: &out, Now: func() time.Time { return testNow }, Location: time.UTC, Echo: true,
			StopAtInvalid: true, ReportEnd: true})
		return out.String(), err
	}
	out, err := run("1\n1\n1\n一行目\n.\n/jump 99\n二行目\n.\nq\n")
	var ended *Ended
	if !errors.As(err, &ended) || ended.Why != Invalid || ended.Line != 6 {
		t.Fatalf("Run: %v\n%s", err, out)
	}
	if !strings.Contains(out, "6 行目「/jump 99」が読み取れなかったので、ここで止めます") || strings.Contains(out, "> 二行目") {
		t.Errorf("the transcript:\n%s", out)
	}
	s := f.session(e.ID, "purpose")
	if s.Steps[0].Answer != "一行目" || s.Steps[1].Answer != "" || s.Status != model.InProgress || f.isOpen(e.ID) {
		t.Errorf("after the stop: %q %q %s", s.Steps[0].Answer, s.Steps[1].Answer, s.Status)
	}

	// A menu, a date, a yes-or-no: each stops the run.
	for _, input := range []string{"9\n", "1\n7\n", "3\n鈴木 一花\n\n\nいつか\n"} {
		if _, err := run(input); !errors.As(err, &ended) || ended.Why != Invalid {
			t.Errorf("%q: %v", input, err)
		}
	}
	out, err = run("3\n高橋 美咲\n本社\n")
	if !errors.As(err, &ended) || ended.Why != Midway || !strings.Contains(out, "入力が途中で終わりました（3 行目まで）。") ||
		!strings.Contains(out, "書きかけとして保存しました（高橋 美咲（本社 から … へ））") {
		t.Errorf("ending in a form: %v\n%s", err, out)
	}
	if out, err := run("q\n"); err != nil {
		t.Errorf("quitting: %v\n%s", err, out)
	}
	if out, err := run(""); err != nil || !strings.Contains(out, "入力が終わったので終了します。") {
		t.Errorf("ending at the main menu: %v\n%s", err, out)
	}
}
