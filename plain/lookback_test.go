package plain

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"bansou/internal/dbtest"
	"bansou/model"
	"bansou/work"
)

// day is a day of the stint at ten in the morning, UTC.
func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 10, 0, 0, 0, time.UTC) }

// recorded starts a session of flowID with engagement e at time at, as a
// front-end prepares one, and holds it (see held).
func (f *fixture) recorded(store model.Store, e model.Engagement, flowID string, at time.Time, do func(w *work.Work)) model.Session {
	f.t.Helper()
	ctx := context.Background()
	flow, ok := f.lib.Flow(flowID)
	if !ok {
		f.t.Fatalf("no flow %s", flowID)
	}
	sums, err := store.Sessions(ctx, e.ID)
	if err != nil {
		f.t.Fatal(err)
	}
	l, err := store.Ledger(ctx, e.ID)
	if err != nil {
		f.t.Fatal(err)
	}
	s, err := store.StartSession(ctx, model.PrepareSession(flow, e, sums, l, model.Ja, at, model.DateOf(at)))
	if err != nil {
		f.t.Fatal(err)
	}
	// A second passes with each step, so that the worries and actions
	// keep the order they were written in.
	return f.held(store, s.ID, func() time.Time { at = at.Add(time.Second); return at }, do)
}

// worry writes a worry down at the current step and returns it.
func worry(w *work.Work, text string, intensity int, term model.Term, plan string, private bool) model.Anxiety {
	a := model.NewAnxiety(w.Sess.EngagementID, w.Sess.ID, w.Sess.CurrentKey, text)
	a.Intensity, a.Term, a.Plan, a.Private = intensity, term, plan, private
	return w.PutAnxiety(a)
}

// stint is an engagement in its seventh week, the store holding what its
// first sessions recorded: two worries (one private) with a later status
// each, the agreement's first topic with the sending side silent, and an
// action past its due date; the last contact was on 2026-12-20.
type stint struct {
	eng                 model.Engagement
	anxiety, agreement  model.Session
	checkin             model.Session
	family, evaluation  model.Anxiety
	privateNote, shared string
}

func (f *fixture) stint() stint {
	f.t.Helper()
	var s stint
	s.eng = f.engagement("山田 花子")
	s.anxiety = f.recorded(f.store, s.eng, "anxiety", day(2026, 12, 3), func(w *work.Work) {
		w.Apply(model.Jump{Key: "p:worries"})
		s.family = worry(w, "家族と離れるのが不安", 4, model.LongTerm, "週に一度、電話で話す", true)
		s.evaluation = worry(w, "評価が気になる", 3, model.ShortTerm, "", false)
	})
	s.agreement = f.recorded(f.store, s.eng, "agreement", day(2026, 12, 5), func(w *work.Work) {
		w.Apply(model.Jump{Key: "p:role-scope"})
		it, _, _ := w.Ledger.AgreementDraft(w.Sess, "role-scope", "役割と業務範囲")
		it.Learner = model.PartyView{Expectation: "企画を任されたい", Fit: 4}
		it.Host = model.PartyView{Expectation: "営業同行から", Fit: 2}
		it.Agreed = "企画と営業同行"
		w.PutAgreement(it)
	})
	s.checkin = f.recorded(f.store, s.eng, "checkin", day(2026, 12, 20), func(w *work.Work) {
		w.SetAnxietyStatus(s.evaluation.ID, model.AnxietyEasing, "上司と話せた")
		w.ShareAnxietyNote(s.evaluation.ID, true)
		w.SetAnxietyStatus(s.family.ID, model.AnxietyOpen, "母の体調が心配")
		w.Apply(model.Jump{Key: "p:next-steps"})
		w.PutAction(model.Action{ID: model.NewID(), EngagementID: w.Sess.EngagementID, SessionID: w.Sess.ID,
			StepKey: "p:next-steps", Text: "上司に週報を送る", Owner: model.OwnerLearner, Due: model.NewDate(2027, 1, 10)})
	})
	f.now = day(2027, 1, 20)
	return s
}

// after is the transcript from the first time the look-back menu is shown.
func after(out string) string {
	if i := strings.Index(out, "\n記録を見る・直す\n"); i >= 0 {
		return out[i:]
	}
	return ""
}

// checkSpoken fails on what a screen reader would read out as a symbol.
func checkSpoken(t *testing.T, out string) {
	t.Helper()
	for _, mark := range []string{"—", "→", "|", "│", "**", "##", "·", "==", "⚠"} {
		if strings.Contains(out, mark) {
			t.Errorf("%q read out:\n%s", mark, out)
		}
	}
}

// TestAccessibleReadsAnEngagementOneItemAtATime: the look-back menu opens
// a learner's records: the overview (dates, what is due for them, the
// balance warning with why it matters, the counts), the worries with
// their dated history, the actions with owner and due date, and the
// agreement by topic naming each party's fit; each read one at a time,
// private ones said to be private. Reading changes nothing.
func TestAccessibleReadsAnEngagementOneItemAtATime(t *testing.T) {
	f := newFixture(t)
	s := f.stint()
	before := f.ledger(s.eng.ID)
	out := f.run(model.Ja, "8", "1", "1",
		"1",               // the overview
		"2", "2", "1", "", // the worries: the second, then the first
		"3", "1", "", // the actions
		"4", "1", "", // the agreement
		"", "", "", "q")
	got := after(out)
	for _, want := range []string{
		"8. 記録を見る・直す",
		"1. 山田 花子 さん、所属組織 本社、越境先 町工場、2026-12-01 から 2027-05-31 まで、いまは越境中",
		"セッション 3 回、最後のやりとり 2026-12-20。",
		"確認すること: 期限を過ぎたアクション 1 件（2027-01-10 から）",
		"確認すること: チェックインが 24 日遅れています（2026-12-27 から）",
		"伴走不足のおそれ: 31 日間やりとりがありません。\n  最初の2か月は戸惑いが大きく",
		"未解消の不安 2 件（全 2 件）、未完了のアクション 1 件（全 1 件）、三者合意の論点 1 件。",
		"2. 不安（未解消 2 件、全 2 件）",
		"1. 家族と離れるのが不安［非公開］、未解消\n2. 評価が気になる、和らいできた\n",
		"不安［非公開］\n  家族と離れるのが不安\n状態 未解消、強さ 4、長期\n支援策:\n  週に一度、電話で話す\n2026-12-03 に書き留めた（不安可視化）\n2026-12-20、未解消\nメモ［非公開］\n  母の体調が心配\n",
		"不安\n  評価が気になる\n状態 和らいできた、強さ 3、短期\n2026-12-03 に書き留めた（不安可視化）\n2026-12-20、和らいできた\nメモ\n  上司と話せた\n",
		"1. 上司に週報を送る、担当 本人、期限 2027-01-10（10 日過ぎています）、未記録",
		"2026-12-20 に決めた（定期チェックイン）",
		"1. 役割と業務範囲: 本人 4、所属組織 未回答、越境先 2、要確認",
		"役割と業務範囲（2026-12-05 に記録）\n納得度: 本人 4、所属組織 未回答、越境先 2\n本人の期待:\n  企画を任されたい\n越境先の期待:\n  営業同行から\n合意内容:\n  企画と営業同行\n要確認: 納得度の差が 2 あります、所属組織がまだ何も言っていません\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("lacks %q:\n%s", want, got)
		}
	}
	checkSpoken(t, got)
	if strings.Contains(got, "発言のない立場") {
		t.Errorf("the silent party is not named:\n%s", got)
	}
	if l := f.ledger(s.eng.ID); !reflect.DeepEqual(l, before) {
		t.Errorf("reading changed the ledger:\n%+v\n%+v", before, l)
	}
}

// TestAccessibleSaysWhatIsDueAndTheBalance: the start says how many things
// are due; the look-back menu reads the balance warnings of every
// engagement, each named and with why it matters, then what is due, and a
// number opens that learner's records.
func TestAccessibleSaysWhatIsDueAndTheBalance(t *testing.T) {
	f := newFixture(t)
	f.stint()
	other, err := f.store.CreateEngagement(context.Background(), model.Engagement{Learner: model.Learner{Name: "鈴木 一郎"},
		SendingOrg: "本社", HostOrg: "NPO", Start: model.NewDate(2027, 3, 1), End: model.NewDate(2027, 8, 31)})
	if err != nil {
		t.Fatal(err)
	}
	f.recorded(f.store, other, "purpose", day(2027, 1, 15), func(w *work.Work) {
		for _, text := range []string{"受け入れ先に挨拶の連絡をする", "初日の段取りを決める", "面談の日程を押さえる"} {
			w.PutAction(model.Action{ID: model.NewID(), EngagementID: other.ID, SessionID: w.Sess.ID, StepKey: w.Sess.CurrentKey,
				Text: text, Owner: model.OwnerCompanion})
		}
	})
	out := f.run(model.Ja, "8", "2", "2", "", "", "", "q")
	got := after(out)
	for _, want := range []string{
		"確認することが 3 件あります（「記録を見る・直す」から読めます）。",
		"バランスの注意\n",
		"山田 花子 さん: 伴走不足のおそれ: 31 日間やりとりがありません。\n  最初の2か月は戸惑いが大きく、孤立や問題の見落としが起きやすい時期です。",
		"鈴木 一郎 さん: 伴走過剰のおそれ: 伴走者が担当するアクションが 3 件あります。\n  先回りして段取りを引き受けると",
		"確認すること（3 件）。番号でその学習者の記録を開きます。\n",
		"1. 山田 花子 さん: チェックインが 24 日遅れています（2026-12-27 から）\n",
		"2. 山田 花子 さん: 期限を過ぎたアクション 1 件（2027-01-10 から）\n",
		"3. 山田 花子 さん: 未解消の不安 2 件\n",
		"> 2\n\n山田 花子 さん（越境中）\n番号を入力してください。\n1. 概要",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("lacks %q:\n%s", want, got)
		}
	}
	checkSpoken(t, got)
}

// TestAccessibleReadsASessionAndTheComparisonAsText: a session of the
// timeline is read as its document, spoken: the agreement's parties named
// with their fit and what is to discuss, a private worry said private, no
// table and no Markdown; and the comparison sets the purpose before
// departure beside the reflection, each worry at departure beside now, and
// the agreement as agreed beside its last revisit, in words.
func TestAccessibleReadsASessionAndTheComparisonAsText(t *testing.T) {
	f := newFixture(t)
	s := f.stint()
	f.recorded(f.store, s.eng, "purpose", day(2026, 11, 10), func(w *work.Work) {
		w.Apply(model.Jump{Key: "p:achieve"})
		w.Apply(model.SetAnswer{Text: "新しい事業を一から経験したい"})
	})
	f.recorded(f.store, s.eng, "reflection", day(2027, 1, 18), func(w *work.Work) {
		w.Apply(model.Jump{Key: "p:learned-noticed"})
		w.Apply(model.SetAnswer{Text: "現場の声を先に聞く大切さ"})
	})
	out := f.run(model.Ja, "8", "1", "1", "5",
		"2", "1", // the anxiety session's document
		"3", "1", // the agreement's
		"", "6", "", "", "", "q")
	got := after(out)
	for _, want := range []string{
		"1. 2026-11-10（越境前）目的抽出、終了済み、回答 1 問（全 16 問）",
		"3. 2026-12-05（越境中）三者合意、終了済み、回答 1 問（全 12 問）",
		"\n不安可視化、山田 花子\n",
		"家族と離れるのが不安（強さ 4・長期）（非公開）\n  支援策: 週に一度、電話で話す",
		"\n三者合意、山田 花子\n\n所属組織: 本社\n越境先: 町工場\n期間: 2026-12-01 から 2027-05-31",
		"回答: 1（12 問中）",
		"納得度: 本人 4、所属組織 未回答、越境先 2\n本人の期待: 企画を任されたい\n越境先の期待: 営業同行から\n\n合意内容:\n\n企画と営業同行\n\n要確認: 納得度の差が 2 あります、所属組織がまだ何も言っていません\n",
		"（文書の終わり）",
		"出発（2026-12-01）の前と後で話したことを並べて読みます。\n\n目的と振り返り\n" +
			"出発前「実現したいこと」: 2026-11-10（越境前）の目的抽出\n  新しい事業を一から経験したい\n" +
			"帰任後「目的に照らして」: まだ話していません。\n\n" +
			"出発前「実現したいこと」: 2026-11-10（越境前）の目的抽出\n  新しい事業を一から経験したい\n" +
			"帰任後「学んだこと、気づいたこと」: 2027-01-18（越境中）の振り返り\n  現場の声を先に聞く大切さ\n",
		"不安: 出発時と今\n家族と離れるのが不安［非公開］: 出発後に出てきた、今 未解消\n評価が気になる: 出発後に出てきた、今 和らいできた\n",
		"三者合意: 合意時と最新の見直し\n役割と業務範囲\n合意時（2026-12-05）\n  企画と営業同行\n  納得度: 本人 4、所属組織 未回答、越境先 2\nまだ見直していません。\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("lacks %q:\n%s", want, got)
		}
	}
	checkSpoken(t, got)
}

// TestAccessibleReopensASessionAndChangesWhatItWroteDown: a finished
// session of the timeline is opened again to add to it (kept for later,
// it is in progress again); at the step that wrote worries down, /edit N
// asks each field again as it stands and /delete N removes one after
// asking (no more silence for /clear, nor a refusal for /edit); the same
// for an action, and /finish closes the session again.
func TestAccessibleReopensASessionAndChangesWhatItWroteDown(t *testing.T) {
	f := newFixture(t)
	s := f.stint()
	out := f.run(model.Ja, "8", "1", "1", "5",
		"1", "2", // the anxiety session, opened again
		"/clear",
		"/edit 2", "評価と戻り先が気になる", ".", "", "5", "", ".", "n",
		"/delete 5",
		"/delete 1", "y",
		"/jump 1", "楽しみ半分", ".",
		"/later",
		"3", "2", // the check-in, opened again at its action
		"/edit 1", ".", "2", "2027-02-01",
		"/delete 1", "n",
		".", "y",
		"", "", "", "", "q")
	got := after(out)
	for _, want := range []string{
		"終了済みのセッションを開き直します。/finish でふたたび終了済みに、/later で途中のセッションとして残します。",
		"1. 記録済みの不安: 家族と離れるのが不安［非公開］、強さ 4、長期\n2. 記録済みの不安: 評価が気になる、強さ 3、短期\n直すには /edit 番号、消すには /delete 番号。",
		"/clear は回答の文章を消します。書き留めた不安やアクションを消すには /delete 番号 です。",
		"今の内容:\n  評価が気になる\n本人の言葉（「.」だけの行でそのまま）",
		"今: 3\n強さ 1〜5（0 で取り消し、Enter でそのまま）",
		"この不安は共有です。共有のままにしますか？ (Y/n)",
		"保存しました: 評価と戻り先が気になる［非公開］、強さ 5、短期",
		"/edit や /delete のあとに 1 から 2 までの番号を書きます。",
		"「家族と離れるのが不安」を消しますか？ (y/N)",
		"消しました: 家族と離れるのが不安\n1. 記録済みの不安: 評価と戻り先が気になる［非公開］、強さ 5、短期\n",
		"あとで続けられるように保存しました（全 10 問中 2 問に回答）。",
		"1. 記録済みのアクション: 上司に週報を送る、担当 本人、期限 2027-01-10（10 日過ぎています）",
		"保存しました: 上司に週報を送る、担当 伴走者、期限 2027-02-01",
		"「上司に週報を送る」を消しますか？ (y/N)\n> n\nそのままにしました。",
		"」を終了済みにしました（全 15 問中 2 問に回答）。",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("lacks %q:\n%s", want, got)
		}
	}
	l := f.ledger(s.eng.ID)
	if len(l.Anxieties) != 1 {
		t.Fatalf("worries %+v", l.Anxieties)
	}
	if a := l.Anxieties[0]; a.ID != s.evaluation.ID || a.Text != "評価と戻り先が気になる" || a.Intensity != 5 || a.Term != model.ShortTerm || !a.Private {
		t.Errorf("the worry changed: %+v", a)
	}
	if len(l.Actions) != 1 || l.Actions[0].Owner != model.OwnerCompanion || l.Actions[0].Due != model.NewDate(2027, 2, 1) ||
		l.Actions[0].Text != "上司に週報を送る" {
		t.Errorf("the action changed: %+v", l.Actions)
	}
	anx := f.session(s.eng.ID, "anxiety")
	if anx.Status != model.InProgress || step(t, anx, "p:feelings-now").Answer != "楽しみ半分" {
		t.Errorf("the session opened again: %s, %q", anx.Status, step(t, anx, "p:feelings-now").Answer)
	}
	if ci := f.session(s.eng.ID, "checkin"); ci.Status != model.Done {
		t.Errorf("the check-in is %s after /finish", ci.Status)
	}
}

// TestAccessibleEditsAndArchivesAnEngagement: an engagement's details are
// asked again, each as it stands (an empty line keeps it; an end before
// the start is refused), kept as a draft while typed, and saved, with what
// was saved said; archiving it asks first, and it is restored the same
// way. The input ending in the middle of a change keeps the draft, for
// the full interface to offer, and changes nothing.
func TestAccessibleEditsAndArchivesAnEngagement(t *testing.T) {
	f := newFixture(t)
	e := f.engagement("山田 花子")
	out := f.run(model.Ja, "8", "1", "1", "7",
		"", "", "町工場 株式会社", // name and sending organisation kept, the host changed
		"", "2026-11-01", // the end before the start: refused
		"", "2027-06-30",
		"2", "10", "", // the host's companion; check-ins every 10 days, then as before
		"y", "佐藤 一郎", "3", "",
		"8", "y", // archived
		"", "", "", "q")
	for _, want := range []string{
		"山田 花子 さんの記録を直します。どの項目も、何も入力せずに Enter でそのままです。\n今: 山田 花子\n学習者の名前",
		"終了日が開始日より前です。もう一度入力してください。",
		"今: 7 日ごと\n最初の2か月のチェックインの間隔（日数）",
		"保存しました: 山田 花子 さん、所属組織 本社、越境先 町工場 株式会社、2026-12-01 から 2027-06-30 まで、いまは越境前",
		"山田 花子 さんの記録をアーカイブしますか？ 一覧と確認することから外れます。記録は消えず、ここから戻せます。 (y/N)",
		"山田 花子 さんの記録をアーカイブしました。\n\n山田 花子 さん（越境前）",
		"8. アーカイブから戻す",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("lacks %q:\n%s", want, after(out))
		}
	}
	got, err := f.store.Engagement(context.Background(), e.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Learner.Name != "山田 花子" || got.SendingOrg != "本社" || got.HostOrg != "町工場 株式会社" || got.End != model.NewDate(2027, 6, 30) ||
		got.MyType != model.Host || got.CheckinEarlyDays != 10 || got.CheckinLaterDays != 0 || !got.Archived ||
		!reflect.DeepEqual(got.Companions, []model.Companion{{Name: "佐藤 一郎", Type: model.ThirdParty}}) {
		t.Errorf("engagement %+v", got)
	}
	if n := f.draftRows(); n != 0 {
		t.Errorf("%d drafts left after saving", n)
	}

	out = f.run(model.Ja, "8", "1", "1", "7", "山田 はな")
	if !strings.Contains(out, "ここまでの入力は書きかけとして保存しました。全画面の bansou を開くと、続きから直せます。") || f.draftRows() != 1 {
		t.Errorf("no draft kept (%d):\n%s", f.draftRows(), after(out))
	}
	drafts, err := f.openAhead(0, time.Hour).EngagementDrafts(context.Background()) // as a later bansou finds it
	if err != nil || len(drafts) != 1 || drafts[0].EngagementID != e.ID || drafts[0].Learner != "山田 はな" {
		t.Errorf("drafts %+v %v", drafts, err)
	}
	if got, _ := f.store.Engagement(context.Background(), e.ID); got.Learner.Name != "山田 花子" {
		t.Errorf("a change not finished was saved: %+v", got)
	}

	f.run(model.Ja, "8", "1", "1", "8", "y", "", "", "", "q")
	if got, _ := f.store.Engagement(context.Background(), e.ID); got.Archived {
		t.Error("not restored from the archive")
	}
}

// TestAccessibleSearch: words are searched in everything written, each hit
// read with its learner, session and day, prompt and kind (a private one
// said so) and the words around it; one chosen opens its session at that
// prompt (a finished session opened again), or reads it; nothing found is
// said.
func TestAccessibleSearch(t *testing.T) {
	f := newFixture(t)
	s := f.stint()
	out := f.run(model.Ja, "8", "3",
		"存在しない言葉",
		"母の体調", "",
		"上司",
		"2", "1", // the second hit read as its session's document
		"1", "2", "/later", // the first opened at its prompt
		"", "", "", "q")
	got := after(out)
	for _, want := range []string{
		"見つかりませんでした。別の言葉をどうぞ。",
		"1 件見つかりました。\n1. 山田 花子、定期チェックイン（2026-12-20）、問い「家族と離れるのが不安」、状態のメモ［非公開］: 母の体調が心配\n",
		"2 件見つかりました。\n" +
			"1. 山田 花子、定期チェックイン（2026-12-20）、問い「評価が気になる」、状態のメモ: 上司と話せた\n" +
			"2. 山田 花子、定期チェックイン（2026-12-20）、問い「次までにやること」、アクション: 上司に週報を送る\n",
		"\n定期チェックイン、山田 花子\n",
		"評価が気になる、和らいできた（上司と話せた）",
		"1 問目（全 15 問）: これまでの不安（2件）",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("lacks %q:\n%s", want, got)
		}
	}
	checkSpoken(t, got[:strings.Index(got, "> 2\n")])
	ci := f.session(s.eng.ID, "checkin")
	if ci.Status != model.InProgress || ci.CurrentKey != ci.Steps[0].Key {
		t.Errorf("the check-in opened at the hit: %s at %s", ci.Status, ci.CurrentKey)
	}
}

// held runs a session already started through the engine as a front-end
// would, on the clock now, does do in it and finishes it.
func (f *fixture) held(store model.Store, id int64, now func() time.Time, do func(w *work.Work)) model.Session {
	f.t.Helper()
	ctx := context.Background()
	w, err := work.Open(ctx, store, f.lib, id, false, now)
	if err != nil {
		f.t.Fatal(err)
	}
	do(w)
	w.Leave(true)
	p, taken, _ := w.Take()
	if res := w.Saved(taken, store.SaveProgress(ctx, p)); res.Err != nil {
		f.t.Fatal(res.Err)
	}
	if err := w.Release(ctx, store); err != nil {
		f.t.Fatal(err)
	}
	return w.Sess
}

// heldRound holds a case consultation with presenter, its check-in noted.
func (f *fixture) heldRound(at time.Time, presenter, note string) model.Session {
	f.t.Helper()
	setup := model.RoundSetup{Format: f.lib.Rounds.DefaultFormat(), Facilitator: "佐藤 一郎", Presenter: presenter, Scribe: "Lee Min",
		Participants: []model.Participant{{Name: "佐藤 一郎", Type: model.Sending}, {Name: "田中 陽", Type: model.Host},
			{Name: "Lee Min", Type: model.ThirdParty}}, Cast: map[string]string{}}
	sess, rd := model.NewRound(setup, nil, model.Ja, at)
	sess, _, err := f.store.StartRound(context.Background(), sess, rd)
	if err != nil {
		f.t.Fatal(err)
	}
	return f.held(f.store, sess.ID, func() time.Time { return at }, func(w *work.Work) { w.Apply(model.SetAnswer{Text: note}) })
}

// heldReview holds a self-review rating observation and listening (and
// aiming), after the review before.
func (f *fixture) heldReview(at time.Time, before *model.Session, level, aim int) model.Session {
	f.t.Helper()
	m := f.lib.Skills
	sess, err := f.store.StartSession(context.Background(), model.NewSelfReview(m, m.IDs(), before, model.Ja, at))
	if err != nil {
		f.t.Fatal(err)
	}
	return f.held(f.store, sess.ID, func() time.Time { return at }, func(w *work.Work) {
		w.Apply(model.Jump{Key: "p:observation-listening"})
		w.Apply(model.SetValue{Value: level})
		if aim > 0 {
			w.Apply(model.SetTarget{Level: aim})
		}
		w.Apply(model.SetAnswer{Text: "週報の言い回しの変化に気づいた"})
	})
}

// TestAccessibleRoundsAndSkillHistory: the rounds are listed newest first
// with who presented and who the rotation suggests next; a finished one
// is read as its summary, tables said row by row, and one is removed after
// asking. The skill history is said skill by skill as a person would tell
// it — each day with its level, the change and the aim — not as a grid.
func TestAccessibleRoundsAndSkillHistory(t *testing.T) {
	f := newFixture(t)
	f.heldRound(day(2026, 10, 20), "Lee Min", "佐藤：少し疲れ気味。")
	f.heldRound(day(2026, 11, 20), "田中 陽", "田中：今日はすっきりさせたい。")
	first := f.heldReview(day(2026, 4, 1), nil, 2, 0)
	f.heldReview(day(2026, 7, 1), &first, 4, 5)
	out := f.run(model.Ja, "8", "4",
		"1", "1", // the latest round's summary
		"2", "3", "y", // the older one removed
		"", "5",
		"2", "1", // the latest review as its document
		"", "", "q")
	got := after(out)
	for _, want := range []string{
		"次の発表者の候補: Lee Min さん（順番に回るように選んでいます）",
		"1. 2026-11-20、ケース相談、発表 田中 陽、終了済み\n2. 2026-10-20、ケース相談、発表 Lee Min、終了済み\n",
		"\nピアラウンド：ケース相談、2026-11-20\n",
		"参加者 佐藤 一郎、伴走者の立場 所属組織、役割 ファシリテーター",
		"\n1. チェックイン（予定 5分・実際 未実施）\n\n田中：今日はすっきりさせたい。\n",
		"このラウンドを削除しますか？ 2026-10-20、ケース相談、発表 Lee Min、終了済み。記録と次の一手は元に戻せません。 (y/N)",
		"ラウンドを削除しました。",
		"自己評価 2 回、最新 2026-07-01。",
		"観察傾聴: 2026-04-01 に 2（低い）、2026-07-01 に 4（高い）。前回より 2 上がりました。目標 5\n",
		"まだ評価していないスキル: ",
		"1. 2026-04-01、終了済み、評価したスキル 1\n2. 2026-07-01、終了済み、評価したスキル 1\n",
		"観察傾聴（プロセス全体）、4 高い",
		"目標 5 非常に高い、前回（2026-04-01）から 2 から 4 (+2)",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("lacks %q:\n%s", want, got)
		}
	}
	checkSpoken(t, got)
	if strings.Contains(got, " - -") {
		t.Errorf("the history reads as a grid:\n%s", got)
	}
	ctx := context.Background()
	rounds, err := f.store.Rounds(ctx)
	if err != nil || len(rounds) != 1 || rounds[0].Round.Presenter != "田中 陽" {
		t.Errorf("rounds after removing one: %+v %v", rounds, err)
	}
}

// TestAccessiblePrivateRecordsAreReadByTheirAuthorOnly: on a server, two
// members of an engagement read it back. What one of them keeps private
// (a worry, an answer, a note, a note on how a worry went) reaches the
// other by no way of reading — overview, worries, the session's document,
// search — and its author hears each of them said to be private.
func TestAccessiblePrivateRecordsAreReadByTheirAuthorOnly(t *testing.T) {
	f := newFixture(t)
	alice, bob := f.person("佐藤 一郎"), f.person("鈴木 花")
	ctx := context.Background()
	e, err := alice.CreateEngagement(ctx, model.Engagement{Learner: model.Learner{Name: "山田 花子"}, SendingOrg: "本社", HostOrg: "町工場",
		Start: model.NewDate(2026, 12, 1), End: model.NewDate(2027, 5, 31)})
	if err != nil {
		t.Fatal(err)
	}
	if err := alice.AddMember(ctx, e.ID, bob.Account().ID, model.Host); err != nil {
		t.Fatal(err)
	}
	var family model.Anxiety
	f.recorded(alice, e, "anxiety", day(2026, 12, 3), func(w *work.Work) {
		w.Apply(model.SetAnswer{Text: "PRIVATE-1 上司との関係がつらい"})
		w.Apply(model.SetAnswerPrivate{Private: true})
		w.Apply(model.SetNote{Text: "PRIVATE-2 夜は時間が取れない"})
		w.Apply(model.Jump{Key: "p:worries"})
		family = worry(w, "PRIVATE-3 母の介護", 5, model.LongTerm, "PRIVATE-4 話せる時期を待つ", true)
		worry(w, "評価が気になる", 3, model.ShortTerm, "", false)
	})
	f.recorded(alice, e, "checkin", day(2026, 12, 20), func(w *work.Work) {
		w.SetAnxietyStatus(family.ID, model.AnxietyEasing, "PRIVATE-5 分担を話し合えた")
	})
	f.now = day(2027, 1, 20)
	// The other member's session is read at once; its author chooses to.
	read := func(doc ...string) string {
		in := append([]string{"8", "1", "1", "1", "2", "1", "2", "", "5"}, doc...)
		return strings.Join(append(in, "", "", "", "3", "介護", "", "", "q"), "\n") + "\n"
	}
	others, err := f.runWith(bob, model.Ja, read("1"))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(others, "PRIVATE") {
		t.Errorf("a fellow member reads a private record:\n%s", after(others))
	}
	for _, want := range []string{"このサーバーのメンバー: 佐藤 一郎（所属組織）、鈴木 花（越境先）", "1. 評価が気になる、未解消\n",
		"佐藤 一郎 さんの対話です。読むことはできますが（非公開の記録は除きます）、続けられるのはその人だけです。", "見つかりませんでした。"} {
		if !strings.Contains(others, want) {
			t.Errorf("the fellow member's transcript lacks %q:\n%s", want, after(others))
		}
	}
	own, err := f.runWith(alice, model.Ja, read("1", "1"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"1. PRIVATE-3 母の介護［非公開］、和らいできた\n2. 評価が気になる、未解消\n",
		"2026-12-20、和らいできた\nメモ［非公開］\n  PRIVATE-5 分担を話し合えた",
		"1. 今の気持ち（非公開）\n",
		"伴走者メモ（非公開）:\n\nPRIVATE-2 夜は時間が取れない",
		"PRIVATE-3 母の介護（強さ 5・長期）（非公開）\n  支援策: PRIVATE-4 話せる時期を待つ",
		"1 件見つかりました。\n1. 山田 花子、不安可視化（2026-12-03）、問い「気がかりなこと」、不安［非公開］: PRIVATE-3 母の介護 PRIVATE-4 話せる時期を待つ\n",
	} {
		if !strings.Contains(own, want) {
			t.Errorf("the author's transcript lacks %q:\n%s", want, after(own))
		}
	}
}

// TestAccessibleHitOpenElsewhereIsAskedOnce: a search hit in a session
// open in another running bansou is not opened at its prompt unless the
// user takes it over, and is asked once.
func TestAccessibleHitOpenElsewhereIsAskedOnce(t *testing.T) {
	f := newFixture(t)
	s := f.stint()
	running := f.open(dbtest.RunningPid(t))
	if err := running.SetSessionOpen(context.Background(), s.checkin.ID, true); err != nil {
		t.Fatal(err)
	}
	out := f.run(model.Ja, "8", "3", "上司", "2", "2", "n", "", "", "", "q")
	if n := strings.Count(out, "それでもここで引き継ぎますか？"); n != 1 {
		t.Errorf("asked %d times:\n%s", n, after(out))
	}
	if strings.Contains(out, "[15/15]") {
		t.Errorf("opened all the same:\n%s", after(out))
	}
	if ci := f.session(s.eng.ID, "checkin"); ci.Status != model.Done {
		t.Errorf("the session left to the other bansou is %s", ci.Status)
	}
}

// TestAccessibleSkillHistorySaysTheTrendAndThePractice: three reviews of
// 観察傾聴 (2, then 3 with the practice chosen, then 4 with the practice
// said to have worked): the history says it rose across the reviews and
// how the practice went, in words a screen reader reads.
func TestAccessibleSkillHistorySaysTheTrendAndThePractice(t *testing.T) {
	f := newFixture(t)
	first := f.heldReview(day(2026, 1, 10), nil, 2, 0)
	m := f.lib.Skills
	start := func(at time.Time, before *model.Session) model.Session {
		sess, err := f.store.StartSession(context.Background(), model.NewSelfReview(m, m.IDs(), before, model.Ja, at))
		if err != nil {
			t.Fatal(err)
		}
		return sess
	}
	second := start(day(2026, 4, 10), &first)
	second = f.held(f.store, second.ID, func() time.Time { return day(2026, 4, 10) }, func(w *work.Work) {
		w.Apply(model.Jump{Key: "p:observation-listening"})
		w.Apply(model.SetValue{Value: 3})
		w.Apply(model.Jump{Key: "p:focus"})
		w.Apply(model.SetChoices{IDs: []string{"observation-listening"}})
		w.Apply(model.SetAnswer{Text: "週報を読む時間を決めて、変化を書き留める。"})
	})
	third := start(day(2026, 7, 10), &second)
	f.held(f.store, third.ID, func() time.Time { return day(2026, 7, 10) }, func(w *work.Work) {
		w.Apply(model.Jump{Key: "c:practice-observation-listening"})
		w.Apply(model.SetChoices{IDs: []string{string(model.OutcomeWorked)}})
		w.Apply(model.Jump{Key: "p:observation-listening"})
		w.Apply(model.SetValue{Value: 4})
	})
	out := after(f.run(model.Ja, "8", "5", "", "", "q"))
	want := "観察傾聴: 2026-01-10 に 2（低い）、2026-04-10 に 3（普通）、2026-07-10 に 4（高い）。前回より 1 上がりました。通して上がっています。2026-07-10 に聞いた練習の結果: 試して効果あり\n"
	if !strings.Contains(out, want) {
		t.Errorf("lacks %q:\n%s", want, out)
	}
	checkSpoken(t, out)
}

// TestAccessibleRoundActionNamesASkill: in a round, /skill on a next
// action lists the skill map by number and names the skill chosen; it is
// saved with the action, and the skill history says it as practice on
// that skill. /skill elsewhere is refused with the reason.
func TestAccessibleRoundActionNamesASkill(t *testing.T) {
	f := newFixture(t)
	round := f.heldRound(day(2026, 11, 10), "田中 陽", "佐藤：週報の変化を見落とした。")
	at := round.Index("p:next-action:1") + 1
	skills := f.lib.Skills.Skills
	n := slices.IndexFunc(skills, func(s model.Skill) bool { return s.ID == "observation-listening" }) + 1
	action := "週報を読む時間を決め、変化を一行書き留める。"
	// A first review, so that the history has something to say.
	f.heldReview(day(2026, 10, 1), nil, 3, 0)
	out := after(f.run(model.Ja, "8", "4", "1", "2",
		"/skill",                    // on the first step: not a next action
		fmt.Sprintf("/jump %d", at), // 次の一手：佐藤 一郎
		"/skill", fmt.Sprint(n),
		action, ".",
		"/later",
		"", "5", "", "", "q"))
	for _, want := range []string{
		"練習するスキルを選べるのは、ラウンドの次の一手だけです。",
		"この次の一手で練習するスキルは /skill で選べます。",
		fmt.Sprintf("%d. 観察傾聴（プロセス全体）", n),
		"練習するスキル: 観察傾聴（/skill で変えます）",
		"ラウンドで決めた観察傾聴の練習: 2026-11-10、佐藤 一郎 さん「" + action + "」",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("lacks %q:\n%s", want, out)
		}
	}
	checkSpoken(t, out)
	rounds, err := f.store.Rounds(context.Background())
	if err != nil || len(rounds) != 1 {
		t.Fatal(rounds, err)
	}
	if st, _ := rounds[0].Session.Step("p:next-action:1"); st.Skill != "observation-listening" || st.Answer != action {
		t.Errorf("the action saved as %q on %q", st.Answer, st.Skill)
	}
}
