package plain

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"bansou/content"
	"bansou/internal/dbtest"
	records "bansou/internal/fixture"
	"bansou/internal/hostile"
	"bansou/model"
	"bansou/model/sqlite"
)

var testNow = time.Date(2026, 11, 21, 10, 0, 0, 0, time.UTC)

type fixture struct {
	t     *testing.T
	path  string
	store *sqlite.Store
	lib   *model.Library
	now   time.Time
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	lib, err := model.LoadLibrary(content.FS(), "")
	if err != nil {
		t.Fatal(err)
	}
	f := &fixture{t: t, path: filepath.Join(t.TempDir(), "bansou.db"), lib: lib, now: testNow}
	f.store = f.open(0)
	return f
}

func (f *fixture) open(owner int) *sqlite.Store {
	f.t.Helper()
	return f.openAhead(owner, 0)
}

// openAhead opens the database as open does, with a clock ahead of the
// fixture's by d: for it, the leases the other stores renew on the
// fixture's clock have lapsed when d is longer than three heartbeats, as
// for a writer that does not see them.
func (f *fixture) openAhead(owner int, d time.Duration) *sqlite.Store {
	f.t.Helper()
	s, err := sqlite.Open(f.path, sqlite.Options{Now: func() time.Time { return f.now.Add(d) }, Owner: owner})
	if err != nil {
		f.t.Fatal(err)
	}
	f.t.Cleanup(func() { s.Close() })
	return s
}

// run feeds lines (each ended with a newline) to the accessible mode and
// returns what it printed.
func (f *fixture) run(lang model.Lang, lines ...string) string {
	f.t.Helper()
	out, err := f.runWith(f.store, lang, strings.Join(lines, "\n")+"\n")
	if err != nil {
		f.t.Fatalf("Run: %v\n%s", err, out)
	}
	return out
}

func (f *fixture) runWith(store model.Store, lang model.Lang, input string) (string, error) {
	var out strings.Builder
	err := Run(context.Background(), Options{Store: store, Library: f.lib, Lang: lang, In: strings.NewReader(input),
		Out: &out, Now: func() time.Time { return f.now }, Location: time.UTC, Echo: true,
		RetryDelays: []time.Duration{time.Millisecond, time.Millisecond}})
	return out.String(), err
}

func (f *fixture) engagement(name string) model.Engagement {
	f.t.Helper()
	e, err := f.store.CreateEngagement(context.Background(), model.Engagement{Learner: model.Learner{Name: name},
		SendingOrg: "本社", HostOrg: "町工場", Start: model.NewDate(2026, 12, 1), End: model.NewDate(2027, 5, 31)})
	if err != nil {
		f.t.Fatal(err)
	}
	return e
}

// open reports whether any session of the engagement is marked open.
func (f *fixture) isOpen(engagementID int64) bool {
	f.t.Helper()
	list, err := f.store.Sessions(context.Background(), engagementID)
	if err != nil {
		f.t.Fatal(err)
	}
	return slices.ContainsFunc(list, func(s model.SessionSummary) bool { return s.Open })
}

// number is the engagement's number in the list the mode shows.
func (f *fixture) number(e model.Engagement) string {
	f.t.Helper()
	engs, err := f.store.Engagements(context.Background(), false)
	if err != nil {
		f.t.Fatal(err)
	}
	return fmt.Sprint(slices.IndexFunc(engs, func(x model.Engagement) bool { return x.ID == e.ID }) + 1)
}

// session returns the only session of a flow in the engagement.
func (f *fixture) session(engagementID int64, flowID string) model.Session {
	f.t.Helper()
	ctx := context.Background()
	list, err := f.store.Sessions(ctx, engagementID)
	if err != nil {
		f.t.Fatal(err)
	}
	for i := len(list) - 1; i >= 0; i-- {
		if list[i].FlowID == flowID {
			s, err := f.store.Session(ctx, list[i].ID)
			if err != nil {
				f.t.Fatal(err)
			}
			return s
		}
	}
	f.t.Fatalf("no %s session", flowID)
	return model.Session{}
}

func step(t *testing.T, s model.Session, key string) model.Step {
	t.Helper()
	st, ok := s.Step(key)
	if !ok {
		t.Fatalf("no step %s in %s", key, s.FlowID)
	}
	return st
}

func (f *fixture) ledger(id int64) model.Ledger {
	f.t.Helper()
	return dbtest.Ledger(f.t, f.store, id)
}

func TestAccessibleSessionInJapanese(t *testing.T) {
	f := newFixture(t)
	out := f.run(model.Ja,
		"3", "山田 花子", "本社", "町工場", "２０２６－１２－０１", "2027-05-31", "3", "佐藤", "2", "",
		"1", "1", "1",
		"新しい事業を", "一から経験したい", ".", // 1: two lines
		"/skip",                                             // 2: skipped on purpose
		"/note", "表情が明るい", ".", "/private", "社外の人と組む力", ".", // 3: note, private answer
		"/back", "/next", // back to 3, then on to 4
		"/add 家族はどう言っている？", "応援してくれている", ".", // an own question after 4
		"/deeper", "1", "現場で聞いた話", ".", // a follow-up of 5
		"/jump 16", "挑戦", ".", "y",
		"q")
	engs, _ := f.store.Engagements(context.Background(), false)
	if len(engs) != 1 {
		t.Fatalf("%d engagements", len(engs))
	}
	e := engs[0]
	if e.Learner.Name != "山田 花子" || e.Start != model.NewDate(2026, 12, 1) || len(e.Companions) != 1 ||
		e.Companions[0] != (model.Companion{Name: "佐藤", Type: model.Host}) || e.MyType != model.ThirdParty {
		t.Fatalf("engagement: %+v", e)
	}
	s := f.session(e.ID, "purpose")
	if s.Status != model.Done {
		t.Errorf("status %s, want done", s.Status)
	}
	first := s.Steps[0]
	if first.Answer != "新しい事業を\n一から経験したい" {
		t.Errorf("answer 1 = %q", first.Answer)
	}
	if !s.Steps[1].Skipped || s.Steps[1].Answered() {
		t.Errorf("step 2 should be skipped: %+v", s.Steps[1])
	}
	third := s.Steps[2]
	if third.Note != "表情が明るい" || !third.AnswerPrivate || third.Answer != "社外の人と組む力" {
		t.Errorf("step 3 = %+v", third)
	}
	own := step(t, s, "q:1")
	if own.Question != "家族はどう言っている？" || own.Answer != "応援してくれている" || s.Index("q:1") != 4 {
		t.Errorf("own question %+v at %d", own, s.Index("q:1"))
	}
	fu := step(t, s, "f:1")
	p, _ := f.lib.Flows[0].Prompt(s.Steps[5].PromptID)
	if fu.Parent != s.Steps[5].Key || fu.FollowupID != p.Followups[0].ID || fu.Answer != "現場で聞いた話" {
		t.Errorf("follow-up %+v", fu)
	}
	if last := s.Steps[len(s.Steps)-1]; last.Answer != "挑戦" {
		t.Errorf("last answer %q", last.Answer)
	}
	if f.isOpen(e.ID) {
		t.Error("a finished session is still marked open")
	}
	for _, want := range []string{"1 問目（全 14 問）: 実現したいこと", "聴く: ", "今の回答［非公開］:", "を終了済みにしました", "終了します。"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q", want)
		}
	}
	if strings.ContainsAny(out, "│┃─╭╮╰╯\x1b") {
		t.Error("box drawing or escape sequences in plain output")
	}
}

func TestAccessibleLedgerScaleChoiceAndAgreement(t *testing.T) {
	f := newFixture(t)
	e := f.engagement("山田 花子")
	f.run(model.Ja,
		"1", "1", "2", // the anxiety flow
		".",                                                     // 1: nothing, move on
		"家族と離れるのが不安", ".", "1", "4", "2", "週に一度、電話で話す", ".", "", // 2: a worry, kept private
		".",                  // no more worries
		"5", "眠れない日もある", ".", // 3: scale with a comment
		"/finish", "q")
	l := f.ledger(e.ID)
	if len(l.Anxieties) != 1 {
		t.Fatalf("%d worries", len(l.Anxieties))
	}
	a := l.Anxieties[0]
	p, _ := f.lib.Flows[1].Prompt("worries")
	if a.Text != "家族と離れるのが不安" || a.Category != p.Options[0].ID || a.Intensity != 4 || a.Term != model.LongTerm ||
		a.Plan != "週に一度、電話で話す" || !a.Private || a.StepKey != "p:worries" {
		t.Fatalf("worry %+v", a)
	}
	anx := f.session(e.ID, "anxiety")
	if st := step(t, anx, "p:intensity"); st.Value != 5 || st.Answer != "眠れない日もある" {
		t.Errorf("scale step %+v", st)
	}

	// A check-in brings the worry back first; then an action.
	f.run(model.Ja, "1", "1", "6",
		"2", "少し慣れた", ".", // easing, with a note; no comment
		"/jump 15", "上司に週報を送る", ".", "", "2026-12-15", ".", "y", "q")
	l = f.ledger(e.ID)
	ci := f.session(e.ID, "checkin")
	if ci.Steps[0].Kind != model.StepAnxieties {
		t.Fatalf("the check-in does not start with the worries: %+v", ci.Steps[0])
	}
	u, ok := l.Anxieties[0].UpdateIn(ci.ID)
	if !ok || u.Status != model.AnxietyEasing || u.Note != "少し慣れた" {
		t.Errorf("worry update %+v %v", u, ok)
	}
	if len(l.Actions) != 1 || l.Actions[0].Text != "上司に週報を送る" || l.Actions[0].Owner != model.OwnerLearner ||
		l.Actions[0].Due != model.NewDate(2026, 12, 15) || l.Actions[0].SessionID != ci.ID {
		t.Fatalf("actions %+v", l.Actions)
	}

	// The agreement: each party's expectation and fit, and the agreed text
	// (for another learner, so that nothing is brought back first).
	e = f.engagement("Lee Wei")
	out := f.run(model.Ja, "1", f.number(e), "3",
		"企画を任されたい", ".", "4",
		".", "",
		"営業同行から", ".", "2",
		"企画と営業同行", ".",
		"/later", "q")
	ag := f.session(e.ID, "agreement")
	it, ok := f.ledger(e.ID).AgreementIn(ag.ID)["role-scope"]
	if !ok || it.Learner != (model.PartyView{Expectation: "企画を任されたい", Fit: 4}) || it.Host.Fit != 2 ||
		it.Host.Expectation != "営業同行から" || it.Sending != (model.PartyView{}) || it.Agreed != "企画と営業同行" {
		t.Fatalf("agreement %+v", it)
	}
	if want := "要確認: 納得度の差が 2 あります / 所属組織がまだ何も言っていません（三者の納得度: 本人 4、所属組織 未回答、越境先 2）"; !strings.Contains(out, want) {
		t.Errorf("the gap was not pointed out as the screen says it, naming the parties (%q):\n%s", want, out)
	}
	if ag.Status != model.InProgress {
		t.Errorf("a session kept for later is %s", ag.Status)
	}

	// One choice and several.
	f.run(model.Ja, "1", f.number(e), "4", "/jump 2", "2", ".", "/jump 7", "3、１", ".", "/later", "q")
	so := f.session(e.ID, "sendoff")
	hp, _ := f.lib.Flows[3].Prompt("handover-time")
	sp, _ := f.lib.Flows[3].Prompt("share-ways")
	if got := step(t, so, "p:handover-time").Choices; !slices.Equal(got, []string{hp.Options[1].ID}) {
		t.Errorf("choice %v", got)
	}
	if got := step(t, so, "p:share-ways").Choices; !slices.Equal(got, []string{sp.Options[0].ID, sp.Options[2].ID}) {
		t.Errorf("multi %v", got)
	}
}

// TestAccessibleSharingIsAskedAndSaid: a worry is private unless the
// learner agrees to share it, and so is a note on how it stands or what came
// of an action; each prompt says so.
func TestAccessibleSharingIsAskedAndSaid(t *testing.T) {
	f := newFixture(t)
	e := f.engagement("山田 花子")
	out := f.run(model.Ja, "1", "1", "2", "/jump 2",
		"評価が気になる", ".", "", "", "", ".", "y", // a worry the learner agrees to share
		".", "/finish", "q")
	if !strings.Contains(out, text(model.Ja, "plain.worryShare")) {
		t.Errorf("the worry's sharing was not asked:\n%s", out)
	}
	l := f.ledger(e.ID)
	if len(l.Anxieties) != 1 || l.Anxieties[0].Private {
		t.Fatalf("a worry the learner agreed to share: %+v", l.Anxieties)
	}
	out2 := f.run(model.Ja, "1", "1", "6",
		"2", "SHARED-7 同期ができた", "y", ".", // the worry eases; its note is shared
		"/jump 15", "上司と話す", ".", "", "", ".", "/finish", "q")
	out = f.run(model.Ja, "1", "1", "6",
		"", ".", // the worry as it was
		"1", "PRIVATE-8 まだ話せていない", "", ".", // the action was not tried; its note stays private
		"/finish", "q")
	out += out2
	for _, want := range []string{"ひとことメモ［非公開］", text(model.Ja, "plain.noteIsShared"), text(model.Ja, "plain.noteIsPrivate")} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	l = f.ledger(e.ID)
	if len(l.Anxieties[0].History) != 1 || len(l.Actions) != 1 || len(l.Actions[0].History) != 1 {
		t.Fatalf("ledger %+v", l)
	}
	if u := l.Anxieties[0].History[0]; !u.NoteShared || u.Note != "SHARED-7 同期ができた" {
		t.Errorf("worry note %+v", u)
	}
	if u := l.Actions[0].History[0]; u.NoteShared || u.Note != "PRIVATE-8 まだ話せていない" {
		t.Errorf("action note %+v", u)
	}
}

func TestAccessibleSelfReview(t *testing.T) {
	f := newFixture(t)
	m := f.lib.Skills
	ids := m.InGroup(model.GroupBefore)
	n := len(model.NewSelfReview(m, ids, nil, model.En, testNow).Steps)
	out := f.run(model.En, "4", "2",
		"4", "5", "Waited for the learner's own words.", ".",
		fmt.Sprintf("/jump %d", n),
		"1 2 3 4", "1 3", "Ask one open question a week.", ".", "y", "q")
	reviews, err := f.store.SoloSessions(context.Background(), model.SelfReviewFlowID)
	if err != nil || len(reviews) != 1 {
		t.Fatalf("%d reviews, %v", len(reviews), err)
	}
	r := reviews[0]
	first := r.Steps[0]
	if first.PromptID != ids[0] || first.Value != 4 || first.Target != 5 || first.Answer != "Waited for the learner's own words." {
		t.Errorf("first skill %+v", first)
	}
	focus := r.Steps[len(r.Steps)-1]
	if !slices.Equal(focus.Choices, []string{m.Skills[0].ID, m.Skills[2].ID}) || focus.Answer != "Ask one open question a week." {
		t.Errorf("focus %+v", focus)
	}
	if r.Status != model.Done {
		t.Errorf("status %s", r.Status)
	}
	if !strings.Contains(out, fmt.Sprintf(text(model.En, "plain.focusFull"), model.MaxFocus)) {
		t.Error("a fourth skill was not refused")
	}
	sk := m.Skills[0]
	if !strings.Contains(out, sk.Level(5).In(model.En)) || !strings.Contains(out, sk.Methods[0].Title.In(model.En)) {
		t.Error("the levels or the development methods were not shown")
	}
}

func TestAccessibleRoundCarriesNextActions(t *testing.T) {
	f := newFixture(t)
	out := f.run(model.Ja, "5", "佐藤", "田中", "Lee", ".", "", "", "互いの事例から次の一手を見つける", "", "", "", "", "",
		"/start", "佐藤：元気です", "。", // the check-in phase, clock running; "。" ends the notes, and the clock moves on with them
		"/extend 2", // two more minutes for the next phase
		"/later", "q")
	ctx := context.Background()
	rounds, err := f.store.Rounds(ctx)
	if err != nil || len(rounds) != 1 {
		t.Fatalf("%d rounds, %v", len(rounds), err)
	}
	rd := rounds[0].Round
	if rd.Facilitator != "佐藤" || rd.Presenter != "田中" || rd.Scribe != "Lee" || len(rd.Participants) != 3 || rd.Purpose != "互いの事例から次の一手を見つける" {
		t.Fatalf("roles %+v", rd)
	}
	if !strings.Contains(out, "目的: 互いの事例から次の一手を見つける") {
		t.Errorf("the purpose was not read out:\n%s", out)
	}
	if ph := rd.Timer.Phases[0]; ph.StartedAt.IsZero() || ph.EndedAt.IsZero() {
		t.Errorf("the first phase should have run and ended: %+v", ph)
	}
	if ph := rd.Timer.Phases[1]; rd.Timer.Current != 1 || ph.StartedAt.IsZero() || !ph.RunningSince.IsZero() || ph.Planned != 10*time.Minute || ph.Extended != 2*time.Minute {
		t.Errorf("the second phase should have started, been extended by 2 minutes (its plan kept) and paused on leaving: %+v", rd.Timer)
	}
	if !strings.Contains(out, "ケースと問いの提示（段階 2、全 6）、予定 10分、延長 +2 分。残り 12分、進行中。") {
		t.Errorf("the extension was not read out:\n%s", out)
	}
	if !strings.Contains(out, "チェックイン（段階 1、全 6）") {
		t.Error("the clock was not read out")
	}
	s := rounds[0].Session
	if got := s.Steps[0].Answer; got != "佐藤：元気です" {
		t.Errorf("notes %q", got)
	}
	// Continue: the next actions, then finish.
	var in []string
	in = append(in, "2", "1")
	for i, st := range s.Steps {
		if model.ActionOf(st) > 0 {
			in = append(in, fmt.Sprintf("/jump %d", i+1), fmt.Sprintf("%s さんに相談する", rd.Participants[model.ActionOf(st)-1].Name), ".")
		}
	}
	in = append(in, "y", "q") // the last step asks whether the round is done
	f.run(model.Ja, in...)
	rounds, _ = f.store.Rounds(ctx)
	if t1 := rounds[0].Round.Timer; t1.Current != 1 || !t1.Phases[2].StartedAt.IsZero() {
		t.Errorf("moving between notes moved the clock: %+v", t1)
	}
	if rounds[0].Session.Status != model.Done {
		t.Fatalf("round status %s", rounds[0].Session.Status)
	}
	// The next round brings the three actions back.
	f.run(model.Ja, "5", ".", "", "", "", "", "", "", "", "",
		"3", "話せた", ".", // 佐藤: it worked
		"/later", "q")
	rounds, _ = f.store.Rounds(ctx)
	slices.SortFunc(rounds, model.CompareRounds)
	second := rounds[1]
	if len(second.Round.Carried) != 3 || second.Round.Carried[0].Action != "佐藤 さんに相談する" {
		t.Fatalf("carried %+v", second.Round.Carried)
	}
	if o := model.CarryOutcome(second.Session.Steps[0]); o != model.OutcomeWorked || second.Session.Steps[0].Answer != "話せた" {
		t.Errorf("outcome %s, %q", o, second.Session.Steps[0].Answer)
	}
	if second.Round.Presenter == "田中" {
		t.Error("the presenter did not rotate")
	}
}

// TestAccessibleRoundNeverSuggestsTheFacilitator: with the facilitator
// alone, nobody is offered as presenter, and Enter leaves it open.
func TestAccessibleRoundNeverSuggestsTheFacilitator(t *testing.T) {
	f := newFixture(t)
	out := f.run(model.Ja, "5", "鈴木 花", ".", "", "", "", "", "", "", "", "", "/later", "q")
	if !strings.Contains(out, "発表者（Enter で決めない）") {
		t.Errorf("the presenter was not left open:\n%s", out)
	}
	if strings.Contains(out, "%!") {
		t.Errorf("a message lost its words:\n%s", out)
	}
	rounds, err := f.store.Rounds(context.Background())
	if err != nil || len(rounds) != 1 {
		t.Fatalf("%d rounds, %v", len(rounds), err)
	}
	if rd := rounds[0].Round; rd.Facilitator != "鈴木 花" || rd.Presenter != "" {
		t.Errorf("roles %+v", rd)
	}
}

func TestAccessibleInputEndingMidAnswerKeepsIt(t *testing.T) {
	f := newFixture(t)
	e := f.engagement("山田 花子")
	out, err := f.runWith(f.store, model.Ja, "1\n1\n1\n一行目\n二行目") // no "." and no final newline
	if err != nil {
		t.Fatal(err)
	}
	s := f.session(e.ID, "purpose")
	if s.Steps[0].Answer != "一行目\n二行目" || s.Status != model.InProgress {
		t.Fatalf("answer %q, status %s", s.Steps[0].Answer, s.Status)
	}
	for _, want := range []string{fmt.Sprintf(text(model.Ja, "plain.endedMidway"), 5),
		"セッション「目的抽出、山田 花子 さん」を、あとで続けられるように保存しました（全 14 問中 1 問に回答）。"} {
		if !strings.Contains(out, want) {
			t.Errorf("no word that the input ended, and what was kept (%q):\n%s", want, out)
		}
	}
	if f.isOpen(e.ID) {
		t.Error("the session was left marked open")
	}
	// It continues where it was left, with the text shown; Enter and a
	// full-width "．" change nothing.
	out = f.run(model.Ja, "2", "1", "", "．", "/later", "q")
	if !strings.Contains(out, "  一行目\n  二行目") {
		t.Errorf("the answer so far was not shown:\n%s", out)
	}
	if s := f.session(e.ID, "purpose"); s.Steps[0].Answer != "一行目\n二行目" || s.CurrentKey != s.Steps[1].Key {
		t.Errorf("after Enter and ．: answer %q, at %s", s.Steps[0].Answer, s.CurrentKey)
	}
	f.run(model.Ja, "2", "1", "/back", "/clear", "/later", "q")
	if got := f.session(e.ID, "purpose").Steps[0].Answer; got != "" {
		t.Errorf("/clear left %q", got)
	}
}

// TestAccessibleShowsControlSequencesWithoutActingOnThem types control
// sequences mixed with Japanese into every field the accessible mode asks
// for — a new learner, organisations and companion, an answer, a note, an
// own question and its answer, a worry and its plan, self-review evidence,
// round participants and notes — and into the content: each is stored as
// typed (bytes that are not UTF-8 become U+FFFD, as in the full interface)
// and none reaches the output raw.
func TestAccessibleShowsControlSequencesWithoutActingOnThem(t *testing.T) {
	f := newFixture(t)
	typed := map[string]string{}
	in := func(label string) string {
		typed[label] = hostile.Text(label)
		return typed[label]
	}
	out := f.run(model.Ja,
		"3", in("learner"), in("sending"), in("host"), "2026-12-01", "2027-05-31", "", in("companion"), "", "",
		"1", "1", "1", in("answer")+"\x00", ".", "/note", in("note"), ".", "/add "+in("own-question"), in("own-answer"), ".", "/later",
		"1", "1", "2", "/jump 2", in("worry"), ".", "", "", "", in("plan"), ".", "", "", "/later",
		"4", "1", "3", "4", in("evidence"), ".", "/later",
		"5", in("participant-1"), in("participant-2"), in("participant-3"), ".", "", "", "", "", "", "", "", "",
		in("round-notes"), ".", "/later", "q")
	hostile.Check(t, "accessible mode", out)
	if !strings.Contains(out, "learner評価が␛[2J気に␛[Hなる。␛[38;5;201m家族の␛]52;c;QkFOU09V␇") {
		t.Errorf("the name was not shown with visible stand-ins:\n%s", out)
	}
	want := func(label string) string { return strings.ToValidUTF8(typed[label], "\uFFFD") }
	same := func(label, got string) {
		t.Helper()
		if got != want(label) {
			t.Errorf("%s stored as %q, want %q", label, got, want(label))
		}
	}
	ctx := context.Background()
	list, err := f.store.Engagements(ctx, false)
	if err != nil || len(list) != 1 || len(list[0].Companions) != 1 {
		t.Fatalf("engagements %+v %v", list, err)
	}
	e := list[0]
	// A name is one line: the carriage return typed in it became a space.
	line := func(label, got string) {
		t.Helper()
		if want := model.SingleLine(want(label)); got != want {
			t.Errorf("%s stored as %q, want %q", label, got, want)
		}
	}
	line("learner", e.Learner.Name)
	line("sending", e.SendingOrg)
	line("host", e.HostOrg)
	line("companion", e.Companions[0].Name)
	s := f.session(e.ID, "purpose")
	same("answer", s.Steps[0].Answer) // without the NUL typed after it
	same("note", s.Steps[1].Note)
	same("own-question", s.Steps[2].Question)
	same("own-answer", s.Steps[2].Answer)
	l, err := f.store.Ledger(ctx, e.ID)
	if err != nil || len(l.Anxieties) != 1 {
		t.Fatalf("ledger %+v %v", l, err)
	}
	same("worry", l.Anxieties[0].Text)
	same("plan", l.Anxieties[0].Plan)
	reviews, err := f.store.SoloSessions(ctx, model.SelfReviewFlowID)
	if err != nil || len(reviews) != 1 {
		t.Fatalf("reviews %v %v", reviews, err)
	}
	same("evidence", reviews[0].Steps[0].Answer)
	rounds, err := f.store.Rounds(ctx)
	if err != nil || len(rounds) != 1 || len(rounds[0].Round.Participants) != 3 {
		t.Fatalf("rounds %+v %v", rounds, err)
	}
	for i, p := range rounds[0].Round.Participants {
		// Spaces in a name are folded into one, a carriage return too.
		if want := strings.Join(strings.Fields(want("participant-"+strconv.Itoa(i+1))), " "); p.Name != want {
			t.Errorf("participant %d stored as %q, want %q", i+1, p.Name, want)
		}
	}
	same("round-notes", rounds[0].Session.Steps[0].Answer)

	// Content files are written by anyone too.
	records.Content(f.lib, hostile.Text)
	out = f.run(model.Ja, "1", "1", "1", "/jump 2", "/later", "4", "1", "/later", "5", ".", "", "", "", "", "", "", "", "", "/later", "q")
	hostile.Check(t, "accessible mode with hostile content", out)
	for _, label := range []string{"flow-title", "prompt-listen", "skill-name", "case-title", "phase-question"} {
		if !strings.Contains(out, label+"評価が␛[2J") {
			t.Errorf("the content's %s was not shown:\n%s", label, out)
		}
	}
}

// failingStore fails SaveProgress while fail is above zero.
type failingStore struct {
	model.Store
	fail int
}

func (s *failingStore) SaveProgress(ctx context.Context, p model.Progress) error {
	if s.fail != 0 {
		s.fail--
		return fmt.Errorf("write: %w", model.ErrDiskFull)
	}
	return s.Store.SaveProgress(ctx, p)
}

func TestAccessibleSaveFailureKeepsTextAndRetries(t *testing.T) {
	f := newFixture(t)
	e := f.engagement("山田 花子")
	fs := &failingStore{Store: f.store, fail: 2}
	out, err := f.runWith(fs, model.Ja, "1\n1\n1\n一行目\n二行目\n三行目\n.\n/later\nq\n")
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(out, "保存できませんでした"); n != 1 {
		t.Errorf("the failure was said %d times, want once:\n%s", n, out)
	}
	if !strings.Contains(out, "ディスクがいっぱいです。") || !strings.Contains(out, text(model.Ja, "plain.saveRecovered")) {
		t.Errorf("no clear message or no recovery:\n%s", out)
	}
	if got := f.session(e.ID, "purpose").Steps[0].Answer; got != "一行目\n二行目\n三行目" {
		t.Errorf("stored %q", got)
	}

	// A disk that stays full: the text is printed rather than lost.
	fs.fail = -1
	out, err = f.runWith(fs, model.Ja, "2\n1\n/jump 2\n消えてほしくない言葉\n.\n/later\nq\n")
	if err == nil {
		t.Fatal("a session that could not be saved ended without an error")
	}
	if !strings.Contains(out, text(model.Ja, "plain.unsavedBelow")) || !strings.Contains(out, "  消えてほしくない言葉") {
		t.Errorf("the unsaved text was not printed:\n%s", out)
	}
}

// busyOnce holds the database's write lock, as another program would,
// during the first save.
type busyOnce struct {
	model.Store
	t    *testing.T
	path string
	done bool
}

func (s *busyOnce) SaveProgress(ctx context.Context, p model.Progress) error {
	if !s.done {
		s.done = true
		defer dbtest.HoldLock(s.t, s.path)()
	}
	return s.Store.SaveProgress(ctx, p)
}

// TestAccessibleBusyDatabaseIsSaidAndTheTextKept: the first line of an
// answer cannot be saved because another program holds the database past
// the busy timeout. The mode says so in its own words, keeps the line and
// saves it with the next.
func TestAccessibleBusyDatabaseIsSaidAndTheTextKept(t *testing.T) {
	f := newFixture(t)
	e := f.engagement("山田 花子")
	store, err := sqlite.Open(f.path, sqlite.Options{Now: func() time.Time { return f.now }, BusyTimeout: 50 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	out, err := f.runWith(&busyOnce{Store: store, t: t, path: f.path}, model.Ja, "1\n1\n1\n一行目\n二行目\n.\n/later\nq\n")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "保存できませんでした: データベースが別のプログラム（別の bansou など）で使用中です。") ||
		!strings.Contains(out, text(model.Ja, "plain.saveRecovered")) {
		t.Errorf("no clear message or no recovery:\n%s", out)
	}
	for _, raw := range []string{"database is locked", "SQLITE", "sqlite", "bansou.db"} {
		if strings.Contains(out, raw) {
			t.Errorf("the driver's words %q were printed:\n%s", raw, out)
		}
	}
	if got := f.session(e.ID, "purpose").Steps[0].Answer; got != "一行目\n二行目" {
		t.Errorf("stored %q", got)
	}
}

func TestAccessibleOffersAnInterruptedSession(t *testing.T) {
	f := newFixture(t)
	e := f.engagement("山田 花子")
	crashed := f.open(dbtest.EndedPid(t)) // a bansou that is no longer running
	ctx := context.Background()
	flow, _ := f.lib.Flow("purpose")
	s, err := crashed.StartSession(ctx, model.NewSession(flow, e.ID, model.Ja, testNow))
	if err != nil {
		t.Fatal(err)
	}
	if err := crashed.SetSessionOpen(ctx, s.ID, true); err != nil {
		t.Fatal(err)
	}
	out := f.run(model.Ja, "", "続きから", ".", "/later", "q")
	if !strings.Contains(out, "前回、途中で止まったセッションがあります: 目的抽出、山田 花子 さん") {
		t.Errorf("not offered:\n%s", out)
	}
	if got := f.session(e.ID, "purpose").Steps[0].Answer; got != "続きから" {
		t.Errorf("answer %q", got)
	}
	// Declined, it is not offered again.
	if err := crashed.SetSessionOpen(ctx, s.ID, true); err != nil {
		t.Fatal(err)
	}
	f.run(model.Ja, "n", "q")
	if f.isOpen(e.ID) {
		t.Error("a declined session is still marked open")
	}
	if out := f.run(model.Ja, "q"); strings.Contains(out, "前回、途中で止まった") {
		t.Error("a declined session was offered again")
	}
}

// TestAccessibleSessionOpenInAnotherBansou continues a session that another
// running bansou has open: the mode says so and leaves it to the other
// unless told to take it over; taken over, the other can no longer write it.
func TestAccessibleSessionOpenInAnotherBansou(t *testing.T) {
	f := newFixture(t)
	e := f.engagement("山田 花子")
	running := f.open(dbtest.RunningPid(t)) // a bansou still running
	ctx := context.Background()
	flow, _ := f.lib.Flow("purpose")
	s, err := running.StartSession(ctx, model.NewSession(flow, e.ID, model.Ja, testNow))
	if err != nil {
		t.Fatal(err)
	}
	if err := running.SetSessionOpen(ctx, s.ID, true); err != nil {
		t.Fatal(err)
	}

	out := f.run(model.Ja, "2", "1", "n", "q")
	if !strings.Contains(out, "このセッションは別の bansou（別のウィンドウや端末）でいま開かれています") ||
		!strings.Contains(out, "それでもここで引き継ぎますか？") || strings.Contains(out, "エラー") {
		t.Fatalf("no clear warning:\n%s", out)
	}
	if strings.Contains(out, text(model.Ja, "plain.sessionHelp")) {
		t.Fatalf("the session was opened all the same:\n%s", out)
	}
	p := model.ProgressOf(s, nil, false)
	if err := running.SaveProgress(ctx, p); err != nil {
		t.Fatalf("the other bansou lost the session: %v", err)
	}

	f.run(model.Ja, "2", "1", "y", "引き継いで書いた答え", ".", "/later", "q")
	if got := f.session(e.ID, "purpose").Steps[0].Answer; got != "引き継いで書いた答え" {
		t.Fatalf("answer %q", got)
	}
	if f.isOpen(e.ID) {
		t.Error("the session taken over is still marked open")
	}
	// The window it was taken from holds an older copy: it writes nothing
	// over what was done here, even now that this run has left.
	stale, _ := model.Apply(s, model.SetAnswer{Text: "古い窓の答え"}, testNow)
	if err := running.SaveProgress(ctx, model.ProgressOf(stale, []string{stale.CurrentKey}, false)); !errors.Is(err, model.ErrTakenOver) {
		t.Fatalf("the old window saved over the session taken from it: %v", err)
	}
	if got := f.session(e.ID, "purpose").Steps[0].Answer; got != "引き継いで書いた答え" {
		t.Fatalf("answer after the old window's save %q", got)
	}
}

func TestAccessibleRefusesWhatItCannotRead(t *testing.T) {
	f := newFixture(t)
	f.engagement("山田 花子")
	out := f.run(model.En, "9", "abc", "1", "7", "", "q")
	if n := strings.Count(out, "Type a number from 1 to"); n != 3 {
		t.Errorf("%d refusals, want 3:\n%s", n, out)
	}
	out = f.run(model.En, "1", "1", "1", "/nonsense", "/jump 99", "/later", "q")
	for _, want := range []string{"There is no command /nonsense", "Write a number from 1 to 14, or a prompt's title, after /jump"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q", want)
		}
	}
}

func TestAccessibleTextsExistInBothLanguages(t *testing.T) {
	verbs := regexp.MustCompile(`%[-+# 0-9.]*[a-zA-Z%]`)
	for key, t2 := range texts {
		if strings.TrimSpace(t2[0]) == "" || strings.TrimSpace(t2[1]) == "" {
			t.Errorf("%s is missing a language", key)
		}
		if ja, en := verbs.FindAllString(t2[0], -1), verbs.FindAllString(t2[1], -1); !slices.Equal(ja, en) {
			t.Errorf("%s: verbs %v in Japanese, %v in English", key, ja, en)
		}
	}
	src := ""
	names, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range names {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		src += string(b)
	}
	for key := range texts {
		prefix, _, _ := strings.Cut(key, ".")
		if !strings.Contains(src, `"`+key+`"`) && !strings.Contains(src, `"`+prefix+`."`) {
			t.Errorf("%s is never used", key)
		}
	}
}

// TestAccessibleNamesKeepToOneLine: a name typed with a carriage return or
// a tab in it is stored on one line, as the full interface's form stores
// it; and a name stored with line breaks (by an older bansou, say) is
// shown on one line, so it cannot forge an item of a numbered menu.
func TestAccessibleNamesKeepToOneLine(t *testing.T) {
	f := newFixture(t)
	f.engagement("山田\n2. 偽の学習者 (偽 → 偽)\r\n3. 偽")
	out := f.run(model.Ja,
		"1", "", // the list of engagements, then back
		"3", "鈴木\r一郎\t", "本社\t営業部", "町\r工場", "2026-12-01", "2027-05-31", "", "佐藤\r花子", "", "",
		"q")
	_, menu, _ := strings.Cut(out, "1. 山田")
	menu, _, _ = strings.Cut(menu, "> ")
	if strings.Contains(menu, "\n2. 偽") || strings.Contains(menu, "\n3. 偽") || !strings.Contains(menu, "\n2. 新しい学習者を追加する") {
		t.Errorf("a name with line breaks forged menu items:\n%s", out)
	}
	list, err := f.store.Engagements(context.Background(), false)
	if err != nil || len(list) != 2 {
		t.Fatalf("engagements %+v %v", list, err)
	}
	e := list[1]
	if list[0].Learner.Name == "鈴木 一郎" {
		e = list[0]
	}
	if e.Learner.Name != "鈴木 一郎" || e.SendingOrg != "本社 営業部" || e.HostOrg != "町 工場" ||
		len(e.Companions) != 1 || e.Companions[0].Name != "佐藤 花子" {
		t.Errorf("stored %+v, want each name on one line", e)
	}
}

// changedUnder changes the session through another store, as an import
// that did not see the claim would, just before the save it is told to.
type changedUnder struct {
	model.Store
	other model.Store
	at    int // the save before which the change is made (from 1)
	saves int
}

func (s *changedUnder) SaveProgress(ctx context.Context, p model.Progress) error {
	if s.saves++; s.saves == s.at {
		theirs, err := s.other.Session(ctx, p.SessionID)
		if err != nil {
			return err
		}
		key := theirs.Steps[1].Key
		theirs, _ = model.Apply(theirs, model.Jump{Key: key}, testNow)
		theirs, _ = model.Apply(theirs, model.SetAnswer{Text: "別の処理で書かれた答え"}, testNow)
		if err := s.other.SaveProgress(ctx, model.ProgressOf(theirs, []string{key}, false)); err != nil {
			return err
		}
	}
	return s.Store.SaveProgress(ctx, p)
}

// TestAccessibleChangeMadeUnderTheSessionIsNoticed: while the mode has a
// session open, something that did not see its claim changes it. The next
// save is refused and said once, with how to see the newer version; what
// is typed after is not saved over the change (nor over the answer saved
// before), is printed to copy, and the session is not left marked open.
func TestAccessibleChangeMadeUnderTheSessionIsNoticed(t *testing.T) {
	f := newFixture(t)
	e := f.engagement("山田 花子")
	store := &changedUnder{Store: f.store, other: f.openAhead(0, time.Minute), at: 2}
	out, err := f.runWith(store, model.Ja, "1\n1\n1\n一行目\n二行目\n三行目\n.\n/later\nq\n")
	if err == nil {
		t.Fatal("a session whose last lines were not saved ended without an error")
	}
	words, _ := model.DescribeStoreError(model.Ja, model.ErrChangedElsewhere)
	if n := strings.Count(out, words); n != 1 || strings.Contains(out, "保存し直します") {
		t.Errorf("the refusal was said %d times (want once, without a promise to retry):\n%s", n, out)
	}
	if !strings.Contains(out, text(model.Ja, "plain.unsavedBelow")) || !strings.Contains(out, "  一行目\n  二行目\n  三行目") {
		t.Errorf("the unsaved text was not printed to copy:\n%s", out)
	}
	s := f.session(e.ID, "purpose")
	if s.Steps[0].Answer != "一行目" || s.Steps[1].Answer != "別の処理で書かれた答え" {
		t.Errorf("stored %q, %q", s.Steps[0].Answer, s.Steps[1].Answer)
	}
	if f.isOpen(e.ID) {
		t.Error("the session is still marked open")
	}
}

// TestAccessibleSelfReviewSaysLastTimeAndTheLearnersWords: beside a skill,
// the accessible self-review says the level and aim given last time and,
// whole, what a learner said about the support in a session using the
// skill, as the full interface shows them.
func TestAccessibleSelfReviewSaysLastTimeAndTheLearnersWords(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	m := f.lib.Skills
	ids := m.InGroup(model.GroupBefore)
	before := testNow.Add(-60 * 24 * time.Hour)
	prev, err := f.store.StartSession(ctx, model.NewSelfReview(m, ids, nil, model.Ja, before))
	if err != nil {
		t.Fatal(err)
	}
	for _, ev := range []model.Event{model.SetValue{Value: 3}, model.SetTarget{Level: 4}, model.Finish{}} {
		prev, _ = model.Apply(prev, ev, before)
	}
	if err := f.store.SaveProgress(ctx, model.ProgressOf(prev, nil, true)); err != nil {
		t.Fatal(err)
	}
	e := f.engagement("山田 花子")
	flow, _ := f.lib.Flow("purpose")
	s, err := f.store.StartSession(ctx, model.NewSession(flow, e.ID, model.Ja, before.Add(24*time.Hour)))
	if err != nil {
		t.Fatal(err)
	}
	s, _ = model.Apply(s, model.AddFeedback{}, before)
	words := "目的についての質問が多すぎて考える時間がなく、自分の言葉で話す前に次の問いが来てしまった"
	for _, st := range s.Steps {
		if st.Kind == model.StepFeedback && strings.HasSuffix(st.Key, model.FeedbackTooMuch) {
			s, _ = model.Apply(s, model.Jump{Key: st.Key}, before)
			s, _ = model.Apply(s, model.SetAnswer{Text: words}, before)
		}
	}
	if err := f.store.SaveProgress(ctx, model.ProgressOf(s, nil, true)); err != nil {
		t.Fatal(err)
	}
	out := f.run(model.Ja, "4", "2", "/later", "q")
	_, skill, _ := strings.Cut(out, "1 ")
	for _, want := range []string{"前回の評価: 3 ", "、目標 4", "本人の声（1件", "山田 花子 ", "多すぎたこと: " + words} {
		if !strings.Contains(skill, want) {
			t.Errorf("the first skill does not say %q:\n%s", want, out)
		}
	} // The aim is carried over from last time.
	reviews, _ := f.store.SoloSessions(ctx, model.SelfReviewFlowID)
	slices.SortFunc(reviews, func(a, b model.Session) int { return a.StartedAt.Compare(b.StartedAt) })
	if st, _ := reviews[len(reviews)-1].Step("p:" + ids[0]); len(reviews) != 2 || st.Target != 4 {
		t.Errorf("the new review starts %s at aim %d (%d reviews)", ids[0], st.Target, len(reviews))
	}
}

// TestAccessibleExchangeMeetingAndFeedbackSession: the exchange meeting
// asks for no presenter and takes its introductions in turns, /turn giving
// the floor to the next; the feedback session takes its presenters in
// order and runs its presentations once for each.
func TestAccessibleExchangeMeetingAndFeedbackSession(t *testing.T) {
	f := newFixture(t)
	out := f.run(model.Ja, "5", "佐藤", "田中", "Lee", ".", "", "2", "他社の工夫を持ち帰る", "", "", "", "",
		"/start", "/phase", "/turn", "/turn", "/turn", "/turn", "/later", "q")
	if strings.Contains(out, "発表者（Enter") {
		t.Error("the exchange meeting asked for a presenter")
	}
	for _, want := range []string{"目的: 他社の工夫を持ち帰る", "（段階 2、全 4）、予定 15分",
		"3 人中 1 人目、佐藤 さん、残り 5分。 次は 田中 さんです。", "3 人中 2 人目、田中 さん、残り 5分。 次は Lee さんです。",
		"3 人中 3 人目、Lee さん、残り 5分。 最後の番です。", "全員の番が終わりました。"} {
		if !strings.Contains(out, want) {
			t.Errorf("the transcript lacks %q:\n%s", want, out)
		}
	}
	ctx := context.Background()
	rounds, err := f.store.Rounds(ctx)
	if err != nil || len(rounds) != 1 {
		t.Fatalf("%d rounds, %v", len(rounds), err)
	}
	rd := rounds[0].Round
	if rd.Presenter != "" || rd.Purpose != "他社の工夫を持ち帰る" || rd.Timer.Phases[1].Turn != 3 {
		t.Errorf("round %+v", rd)
	}

	out = f.run(model.Ja, "5", ".", "", "3", "", "", "3 2", "", "1", "", "", "",
		"/start", "/phase", "/later", "q")
	rounds, _ = f.store.Rounds(ctx)
	if len(rounds) != 2 {
		t.Fatalf("%d rounds:\n%s", len(rounds), out)
	}
	slices.SortFunc(rounds, model.CompareRounds)
	rd = rounds[1].Round
	if !slices.Equal(rd.Presenters, []string{"Lee", "田中"}) || rd.Presenter != "Lee" || rd.Cast["guest-1"] != "佐藤" {
		t.Fatalf("round %+v", rd)
	}
	for _, want := range []string{"発表（Lee さん）（段階", "発表（Lee）"} {
		if !strings.Contains(out, want) {
			t.Errorf("the transcript lacks %q:\n%s", want, out)
		}
	}
}

// TestAccessibleHintsFitTheCompanionsType: a companion at the host reads
// the host's version of a check-in prompt and its hints; /side reads the
// next kind of companion's, saying whose they are.
func TestAccessibleHintsFitTheCompanionsType(t *testing.T) {
	f := newFixture(t)
	e := f.engagement("山田 花子")
	e.MyType = model.Host
	if _, err := f.store.UpdateEngagement(context.Background(), e); err != nil {
		t.Fatal(err)
	}
	flowNo, stepNo := 0, 0
	for i, fl := range f.lib.Flows {
		if fl.ID == "checkin" {
			flowNo = i + 1
			for j, p := range fl.Prompts {
				if p.ID == "host-manager" {
					stepNo = j + 1
				}
			}
		}
	}
	fl, _ := f.lib.Flow("checkin")
	p, _ := fl.Prompt("host-manager")
	out := f.run(model.Ja, "1", "1", fmt.Sprint(flowNo), fmt.Sprintf("/jump %d", stepNo), "/side", "/later", "q")
	_, after, _ := strings.Cut(out, "/jump")
	own, side, _ := strings.Cut(after, "/side\n")
	for _, want := range []string{p.For(model.Host).Text.Ja, "（越境先 の伴走者向けのヒント。/side で他の立場）", p.For(model.Host).Avoid.Ja} {
		if !strings.Contains(own, want) {
			t.Errorf("the host's prompt lacks %q:\n%s", want, own)
		}
	}
	if strings.Contains(own, p.Avoid.Ja) {
		t.Errorf("a host companion reads the sending side's hint:\n%s", own)
	}
	for _, want := range []string{"（第三者 の伴走者向けのヒント。/side で他の立場）", p.For(model.ThirdParty).Avoid.Ja} {
		if !strings.Contains(side, want) {
			t.Errorf("/side lacks %q:\n%s", want, side)
		}
	}
}

// TestAccessibleSelfReviewSaysTheFocusOfTheReviewersType: a third party
// hears, with each skill, what it asks of a third party and its caution.
func TestAccessibleSelfReviewSaysTheFocusOfTheReviewersType(t *testing.T) {
	f := newFixture(t)
	e := f.engagement("山田 花子")
	e.MyType = model.ThirdParty
	if _, err := f.store.UpdateEngagement(context.Background(), e); err != nil {
		t.Fatal(err)
	}
	out := f.run(model.Ja, "4", "2", "/later", "q")
	first := f.lib.Skills.Skills[0]
	third := first.ByType[model.ThirdParty]
	for _, want := range []string{"第三者 の伴走者として: " + third.Focus.Ja, "注意: " + third.Caution.Ja} {
		if !strings.Contains(out, want) {
			t.Errorf("the review lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, first.ByType[model.Sending].Focus.Ja) {
		t.Errorf("a third party hears the sending side's focus:\n%s", out)
	}
}

// TestAccessibleOrientation: with no engagement yet, the menu says where
// the orientation is; 7 reads every section as plain text, without
// Markdown's marks.
func TestAccessibleOrientation(t *testing.T) {
	f := newFixture(t)
	out := f.run(model.Ja, "7", "q")
	if !strings.Contains(out, "はじめて伴走する方は、7 で「伴走のはじめに」を読めます。") || !strings.Contains(out, "7. 伴走のはじめに") {
		t.Fatalf("no offer:\n%s", out)
	}
	n := len(f.lib.Orientation)
	for i, s := range f.lib.Orientation {
		if want := fmt.Sprintf("%s（%d 節目、全 %d 節）", s.Title.Ja, i+1, n); !strings.Contains(out, want) {
			t.Errorf("lacks %q", want)
		}
	}
	if strings.Contains(out, "**") {
		t.Errorf("Markdown marks read out:\n%s", out)
	}
	f.engagement("山田 花子")
	if out := f.run(model.Ja, "q"); strings.Contains(out, "はじめて伴走する方は") {
		t.Errorf("offered with an engagement:\n%s", out)
	}
}

// TestAccessibleSuggestsTheConversationThatFits: the list of sessions says
// which one fits and why, as the full interface's chooser does.
func TestAccessibleSuggestsTheConversationThatFits(t *testing.T) {
	f := newFixture(t)
	f.engagement("山田 花子")
	out := f.run(model.Ja, "1", "1", "", "q")
	if !strings.Contains(out, "目的抽出（越境前）。おすすめ: 目的抽出がまだです") {
		t.Fatalf("no suggestion:\n%s", out)
	}
	if strings.Count(out, "おすすめ") != 1 {
		t.Errorf("more than one suggestion:\n%s", out)
	}
}

// TestAccessibleReadBackHoldsNothingPrivate: /readback reads this
// session's shared answers as they were said, leaves out a private answer
// and the companion's note, and records the learner's confirmation.
func TestAccessibleReadBackHoldsNothingPrivate(t *testing.T) {
	f := newFixture(t)
	e := f.engagement("山田 花子")
	out := f.run(model.Ja, "1", "1", "1",
		"新しい事業を", "一から経験したい", ".",
		"/note", "家族の事情 PRIVATE-NOTE", ".",
		"/private", "上司には言えない PRIVATE-ANSWER", ".",
		"/readback", "y",
		"/later", "q")
	_, heard, _ := strings.Cut(out, "聞き取ったこと\n")
	for _, want := range []string{"話してくれたこと", "- 実現したいこと", "  新しい事業を\n  一から経験したい", "本人が確認したことを記録しました。"} {
		if !strings.Contains(heard, want) {
			t.Errorf("the read-back lacks %q:\n%s", want, heard)
		}
	}
	heard, _, _ = strings.Cut(heard, "本人がこの内容を確認しましたか")
	for _, private := range []string{"PRIVATE-NOTE", "PRIVATE-ANSWER"} {
		if strings.Contains(heard, private) {
			t.Errorf("the read-back reads %s:\n%s", private, heard)
		}
	}
	if s := f.session(e.ID, "purpose"); s.LearnerConfirmed.IsZero() {
		t.Error("the confirmation was not recorded")
	}
}

// TestAccessibleFocusSaysLevelsAimsAndSuggestions: choosing what to
// develop, each skill is read with its level, aim and gap; the
// suggestions follow, each reason on a line; last time's choice is chosen.
func TestAccessibleFocusSaysLevelsAimsAndSuggestions(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	m := f.lib.Skills
	before := testNow.Add(-60 * 24 * time.Hour)
	prev := model.NewSelfReview(m, m.IDs(), nil, model.Ja, before)
	for _, ev := range []model.Event{model.Jump{Key: "p:purpose-elicitation"}, model.SetValue{Value: 2}, model.SetTarget{Level: 4},
		model.Jump{Key: "p:focus"}, model.SetChoices{IDs: []string{"progress-checkin"}}, model.Finish{}} {
		prev, _ = model.Apply(prev, ev, before)
	}
	if _, err := f.store.StartSession(ctx, prev); err != nil {
		t.Fatal(err)
	}
	n := len(model.StartSelfReview(m, m.InGroup(model.GroupBefore), []model.Session{prev}, model.Ja, testNow).Steps)
	out := f.run(model.Ja, "4", "2", fmt.Sprintf("/jump %d", n), "/later", "q")
	for _, want := range []string{"1. 目的抽出（段階 2、目標 4、あと 2）", "進捗確認（段階 -、目標 -）（選択済み）",
		"提案（選ぶのはあなたです）:", "目標 4 まで あと 2 段階"} {
		if !strings.Contains(out, want) {
			t.Errorf("the focus lacks %q:\n%s", want, out)
		}
	}
}

// TestAccessiblePracticeTakesAnOutcome: the practice planned last time is
// asked about first, with the rounds' three outcomes to choose from and
// the words after them.
func TestAccessiblePracticeTakesAnOutcome(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	m := f.lib.Skills
	before := testNow.Add(-60 * 24 * time.Hour)
	prev := model.NewSelfReview(m, m.IDs(), nil, model.Ja, before)
	for _, ev := range []model.Event{model.Jump{Key: "p:focus"}, model.SetChoices{IDs: []string{"progress-checkin"}},
		model.SetAnswer{Text: "週に一度、短い連絡を入れる。"}, model.Finish{}} {
		prev, _ = model.Apply(prev, ev, before)
	}
	if _, err := f.store.StartSession(ctx, prev); err != nil {
		t.Fatal(err)
	}
	words := "三週は続いたが、本人の返事は短いままだった。"
	out := f.run(model.Ja, "4", "2", "2", words, ".", "/later", "q")
	for _, want := range []string{"練習の振り返り：進捗確認", "週に一度、短い連絡を入れる。", "1. 試していない", "2. 試したが効果なし", "3. 試して効果あり"} {
		if !strings.Contains(out, want) {
			t.Errorf("the practice lacks %q:\n%s", want, out)
		}
	}
	reviews, _ := f.store.SoloSessions(ctx, model.SelfReviewFlowID)
	slices.SortFunc(reviews, func(a, b model.Session) int { return a.StartedAt.Compare(b.StartedAt) })
	st := reviews[len(reviews)-1].Steps[0]
	if model.PracticeOutcome(st) != model.OutcomeNoEffect || st.Answer != words {
		t.Errorf("practice saved as %v %q:\n%s", st.Choices, st.Answer, out)
	}
}

// TestAccessibleSaysTheNextReviewIsDue: a self-review finished more than
// the default cadence ago is counted at the start and read in the list of
// what is due, with how to start the next one.
func TestAccessibleSaysTheNextReviewIsDue(t *testing.T) {
	f := newFixture(t)
	f.finishedReview(100)
	out := f.run(model.Ja, "8", "2", "1", "", "", "q")
	for _, want := range []string{"確認することが 1 件あります", "1. あなた自身のスキルの振り返りの時期です（", "スキルの振り返りは、メニューの 4 で始めます。"} {
		if !strings.Contains(out, want) {
			t.Errorf("lacks %q:\n%s", want, out)
		}
	}
}

// TestAccessibleSetsTheCadenceOfReviews: the skill history says the
// cadence and when the next review falls due, and its last item sets it: a
// number of days out of range is refused and asked again, 30 is kept, and
// the review finished 40 days ago is then in the list of what is due.
func TestAccessibleSetsTheCadenceOfReviews(t *testing.T) {
	f := newFixture(t)
	f.finishedReview(40)
	out := f.run(model.Ja, "8", "5", "2", "400", "30", "", "2", "", "", "q")
	next := model.DateOf(f.now.AddDate(0, 0, 50)).String()
	for _, want := range []string{"次の自己評価は 90日ごと、次は " + next + " です。", "2. 自己評価の間隔を変える（いま 90日ごと）",
		"1. 30日ごと", "4. 180日ごと", "番号は 1 から 4、日数は 1 から 366 で入力してください。",
		"次の自己評価は、前回を終えてから 30日後に予定に出ます。", "あなた自身のスキルの振り返りの時期です（" + model.DateOf(f.now.AddDate(0, 0, -10)).String()} {
		if !strings.Contains(out, want) {
			t.Errorf("lacks %q:\n%s", want, out)
		}
	}
	if days, err := f.store.ReviewCadence(context.Background()); err != nil || days != 30 {
		t.Errorf("cadence = %d, %v", days, err)
	}
}

// finishedReview stores a self-review of one skill finished daysAgo days
// before the fixture's clock.
func (f *fixture) finishedReview(daysAgo int) {
	f.t.Helper()
	day := f.now.AddDate(0, 0, -daysAgo)
	s := model.NewSelfReview(f.lib.Skills, []string{"purpose-elicitation"}, nil, model.Ja, day)
	s, err := model.Apply(s, model.Finish{}, day)
	if err != nil {
		f.t.Fatal(err)
	}
	if _, err := f.store.StartSession(context.Background(), s); err != nil {
		f.t.Fatal(err)
	}
}

// TestAccessibleSaysARatingIsAsked: on a server, a rating someone asked of
// the person is counted at the start and read in the list of what is due,
// where it opens to be written; once sent, it is no longer due.
func TestAccessibleSaysARatingIsAsked(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	var people [2]model.Account
	for i, name := range []string{"佐藤 未来", "田中 一郎"} {
		a, err := f.store.AddAccount(ctx, model.Account{Name: name})
		if err != nil {
			t.Fatal(err)
		}
		people[i] = a
	}
	sato, tanaka := f.store.As(people[0]), f.store.As(people[1])
	t.Cleanup(func() { sato.Close(); tanaka.Close() })
	req, err := sato.AskRating(ctx, people[1].ID)
	if err != nil {
		t.Fatal(err)
	}
	out, err := f.runWith(tanaka, model.Ja, "8\n2\n1\n/later\n\n\nq\n")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"確認することが 1 件あります", "1. 佐藤 未来さんからスキルの評価を頼まれています（", "佐藤 未来さんのスキルを評価します。"} {
		if !strings.Contains(out, want) {
			t.Errorf("lacks %q:\n%s", want, out)
		}
	}
	r := model.PeerRating{Relation: model.RelationPeer, Lang: model.Ja, Worked: "週報への返事で本人が次の一手を決められた"}
	if _, err := tanaka.SendRating(ctx, req.UID, r); err != nil {
		t.Fatal(err)
	}
	if out, _ = f.runWith(tanaka, model.Ja, "q\n"); strings.Contains(out, "評価を頼まれています") {
		t.Errorf("still due after sending:\n%s", out)
	}
}
