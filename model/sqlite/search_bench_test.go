package sqlite

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"bansou/model"
)

// The search benchmark's database: 200 engagements × 50 sessions × 10
// answered prompts = 100,000 answers of mixed Japanese text with some Latin
// words and digits, 20–300 characters each (118 on average), and the
// ledger a companion keeps beside them: a note in three sessions of ten, a
// worry and an action in one of five, an agreement topic in one of ten. It
// is saved through the store's own API (CreateEngagement, StartSession,
// SaveProgress) and indexed with IndexPending, so the index is the one the
// app builds.
var searchBenchShape = benchShape{engagements: 200, sessions: 50, steps: 10, ledger: true}

// benchCorpusVersion names the generator below; change it whenever the
// generated text changes, so that a cached database is built again.
const benchCorpusVersion = "4"

// searchBenchQueries are the query kinds measured, each with a common and
// a rare word where it matters. The share of the 108,000 documents each
// finds is in the comment.
var searchBenchQueries = []struct{ name, query string }{
	{"trigram-common", "受け入れ先"},           // 23%: five characters, trigram index
	{"trigram-rare", "商店街"},               // 0.8%
	{"chars2-common", "不安"},               // 27%: two characters, index of single characters
	{"chars2-rare", "方言"},                 // 0.9%
	{"chars1-common", "家"},                // 37%: one character, index of single characters
	{"chars1-rare", "海"},                  // 0.9%
	{"mixed", "Slackで相談"},                 // 5.5%: Japanese and Latin in one term, trigram index
	{"fullwidth", "ＰＤＣＡ"},                 // 2.1%: full-width query, half-width text, trigram index
	{"fullwidth-short", "ＡＩ"},             // 11%: full-width, two letters, index of single characters
	{"latin2-common", "DX"},               // 3.2%: two Latin letters, index of single characters
	{"latin2-rare", "QC"},                 // 0.5%
	{"two-terms", "不安 帰任後"},               // 5.7%: two characters and a trigram, both must match
	{"two-terms-rare", "雪 方言"},            // 29 documents: fewer hits than a page
	{"two-terms-with-latin2", "DX 受け入れ先"}, // 0.9%: two Latin letters and a trigram
}

// benchShape is how many engagements, sessions per engagement and answered
// prompts per session a generated database has.
type benchShape struct {
	engagements, sessions, steps int
	// ledger adds notes, worries, actions and agreement topics.
	ledger bool
	// shuffled gives some sessions dates later than every session saved
	// after them, as an import of another companion's newer sessions would.
	shuffled bool
}

func (sh benchShape) answers() int { return sh.engagements * sh.sessions * sh.steps }

var searchBench struct {
	once  sync.Once
	store *Store
	docs  []benchDoc // every document, in the order of search results
	err   error
}

// searchBenchStore opens the 100,000-answer database, built once and kept in
// the temporary directory between runs (keyed by schema and generator
// version), so only the first run pays for building it (about half a
// minute). With -short, a database that would have to be built is skipped.
func searchBenchStore(b *testing.B) (*Store, []benchDoc) {
	b.Helper()
	sh := searchBenchShape
	file := filepath.Join(os.TempDir(), fmt.Sprintf("bansou-search-bench-s%d-c%s-%d.db",
		SchemaVersion(), benchCorpusVersion, sh.answers()))
	searchBench.once.Do(func() {
		s, err := openBench(file, sh)
		if err != nil {
			if testing.Short() {
				return
			}
			// Databases of other versions are of no more use.
			old, _ := filepath.Glob(filepath.Join(os.TempDir(), "bansou-search-bench-*.db"))
			for _, f := range old {
				if f != file {
					os.Remove(f)
					os.Remove(f + "-wal")
					os.Remove(f + "-shm")
				}
			}
			if err := buildBench(file, sh); err != nil {
				searchBench.err = err
				return
			}
			if s, err = openBench(file, sh); err != nil {
				searchBench.err = err
				return
			}
		}
		searchBench.store = s
		searchBench.docs, searchBench.err = loadBenchDocs(s)
	})
	if searchBench.err != nil {
		b.Fatal(searchBench.err)
	}
	if searchBench.store == nil {
		b.Skipf("-short: %s is not built yet", file)
	}
	return searchBench.store, searchBench.docs
}

// openBench opens a generated database if it is complete and indexed.
func openBench(file string, sh benchShape) (*Store, error) {
	if _, err := os.Stat(file); err != nil {
		return nil, err
	}
	s, err := Open(file, Options{})
	if err != nil {
		return nil, err
	}
	var answers, docs, queued int
	err = s.db.QueryRow(`SELECT (SELECT count(*) FROM steps WHERE answer <> ''),
		(SELECT count(*) FROM search_docs WHERE source = 'answer'), (SELECT count(*) FROM search_queue)`).Scan(&answers, &docs, &queued)
	if err == nil && (answers != sh.answers() || docs != sh.answers() || queued != 0) {
		err = fmt.Errorf("%s: %d answers, %d indexed, %d queued", file, answers, docs, queued)
	}
	if err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

// buildBench writes a generated database to a temporary name and renames it
// into place, so that an interrupted build leaves nothing to reuse.
func buildBench(file string, sh benchShape) error {
	tmp := fmt.Sprintf("%s.%d.tmp", file, os.Getpid())
	defer func() {
		for _, f := range []string{tmp, tmp + "-wal", tmp + "-shm"} {
			os.Remove(f)
		}
	}()
	s, err := Open(tmp, Options{})
	if err != nil {
		return err
	}
	start := time.Now()
	err = fillBench(s, sh)
	saved := time.Now()
	if err == nil {
		err = s.IndexPending(context.Background())
	}
	if err := errors.Join(err, s.Close()); err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "built %s (%d answers) in %v: saving %v, indexing %v\n", file, sh.answers(),
		time.Since(start).Round(time.Millisecond), saved.Sub(start).Round(time.Millisecond), time.Since(saved).Round(time.Millisecond))
	return os.Rename(tmp, file)
}

// fillBench saves the generated engagements, sessions, answers and ledger.
func fillBench(s *Store, sh benchShape) error {
	ctx := context.Background()
	gen := benchText{rng: rand.New(rand.NewPCG(2026, 11))}
	var prompts []model.Prompt
	for i := range sh.steps {
		id := fmt.Sprintf("q%d", i)
		prompts = append(prompts, model.Prompt{ID: id, Title: model.Text{Ja: "問い" + id}, Text: model.Text{Ja: "問い" + id + "について話してください"}})
	}
	f := &model.Flow{ID: "checkin", Mode: model.OneOnOne, Title: model.Text{Ja: "進捗確認"}, Prompts: prompts}
	base := time.Date(2024, 4, 1, 9, 0, 0, 0, time.UTC)
	for e := range sh.engagements {
		eng := engagement()
		eng.Learner.Name = fmt.Sprintf("学習者 %d", e+1)
		eng, err := s.CreateEngagement(ctx, eng)
		if err != nil {
			return err
		}
		for n := range sh.sessions {
			i := e*sh.sessions + n
			at := base.Add(time.Duration(i) * 97 * time.Minute)
			if sh.shuffled && i%37 == 5 {
				at = at.AddDate(10, 0, 0)
			}
			sess := model.NewSession(f, eng.ID, model.Ja, at)
			for i := range sess.Steps {
				sess.Steps[i].Answer = gen.answer()
				sess.Steps[i].UpdatedAt = at
			}
			if sh.ledger && gen.rng.IntN(10) < 3 {
				sess.Steps[gen.rng.IntN(len(sess.Steps))].Note = gen.short()
			}
			sess, err := s.StartSession(ctx, sess)
			if err != nil {
				return err
			}
			if sh.ledger {
				if err := s.SaveProgress(ctx, gen.ledger(sess, i)); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// ledger is what the companion noted in the i-th session: sometimes a
// worry (now and then one of no session), an action, an agreement topic.
func (t benchText) ledger(sess model.Session, i int) model.Progress {
	p := model.Progress{SessionID: sess.ID, CurrentKey: sess.CurrentKey, Status: sess.Status, UpdatedAt: sess.StartedAt}
	at := sess.StartedAt
	if t.rng.IntN(5) == 0 {
		a := model.Anxiety{ID: fmt.Sprintf("w%d", i), EngagementID: sess.EngagementID, SessionID: sess.ID, StepKey: "p:q1",
			Text: t.short(), Plan: t.short(), CreatedAt: at, UpdatedAt: at}
		if t.rng.IntN(10) == 0 {
			a.SessionID, a.StepKey = 0, ""
		}
		p.Anxieties = append(p.Anxieties, a)
	}
	if t.rng.IntN(5) == 0 {
		p.Actions = append(p.Actions, model.Action{ID: fmt.Sprintf("x%d", i), EngagementID: sess.EngagementID, SessionID: sess.ID,
			StepKey: "p:q2", Text: t.short(), Owner: model.OwnerLearner, CreatedAt: at, UpdatedAt: at})
	}
	if t.rng.IntN(10) == 0 {
		p.Agreement = append(p.Agreement, model.AgreementItem{SessionID: sess.ID, Topic: "role", Title: "役割",
			Learner: model.PartyView{Expectation: t.short()}, Host: model.PartyView{Expectation: t.short()}, Agreed: t.short(), UpdatedAt: at})
	}
	return p
}

// benchDoc is a search document as a plain reading of the database sees
// it, for checking what Search finds.
type benchDoc struct {
	id, session     int64
	source, stepKey string
	body            string
	started         sql.NullString
}

// loadBenchDocs reads every document in the order Search gives its hits:
// newest session first (those without a session last), then newest
// document.
func loadBenchDocs(s *Store) ([]benchDoc, error) {
	rows, err := s.db.Query(`SELECT d.id, coalesce(d.session_id, 0), d.source, d.step_key, d.body, s.started_at
		FROM search_docs d LEFT JOIN sessions s ON s.id = d.session_id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var docs []benchDoc
	for rows.Next() {
		var d benchDoc
		if err := rows.Scan(&d.id, &d.session, &d.source, &d.stepKey, &d.body, &d.started); err != nil {
			return nil, err
		}
		docs = append(docs, d)
	}
	slices.SortFunc(docs, func(a, b benchDoc) int {
		if a.started.Valid != b.started.Valid {
			if a.started.Valid {
				return -1
			}
			return 1
		}
		return cmp.Or(strings.Compare(b.started.String, a.started.String), cmp.Compare(b.id, a.id))
	})
	return docs, rows.Err()
}

// matching is every document that contains each term of a query, in the
// order of search results.
func matching(docs []benchDoc, query string) []benchDoc {
	terms := model.ParseQuery(query)
	var out []benchDoc
next:
	for _, d := range docs {
		for _, t := range terms {
			if !strings.Contains(d.body, t.Text) {
				continue next
			}
		}
		out = append(out, d)
	}
	return out
}

// sameHits reports how hits differ from the documents they should be.
func sameHits(hits []model.SearchHit, want []benchDoc) error {
	if len(hits) != len(want) {
		return fmt.Errorf("%d hits, want %d", len(hits), len(want))
	}
	for i, h := range hits {
		w := want[i]
		if string(h.Source) != w.source || h.SessionID != w.session || h.StepKey != w.stepKey {
			return fmt.Errorf("hit %d is %s of session %d step %s, want %s of session %d step %s",
				i, h.Source, h.SessionID, h.StepKey, w.source, w.session, w.stepKey)
		}
	}
	return nil
}

// benchText makes answers that read like a learner's words: short
// sentences of everyday Japanese, now and then a Latin word or a number.
// Words are drawn unevenly, as in real text: a few are in a large share of
// the answers, most in few of them.
type benchText struct{ rng *rand.Rand }

var (
	// benchCommon are drawn the more often the earlier they come.
	benchCommon = strings.Fields(`自分 仕事 気持ち 相手 地域 上司 不安 家族 職場 会議 受け入れ先 同僚 チーム 現場
		生活 目標 役割 課題 経験 言葉 時間 意見 相談 提案 成果 学び 気づき 計画 準備 報告 帰任後 本社 メンバー
		文化 習慣 働き方 人間関係 資料 企画 週末 毎日 今月 来月 価値観 違和感 手応え 居場所 つながり 仲間 本音
		振り返り 面談 日報 予算 優先順位 段取り 工夫 失敗 挑戦 発表 研修 記録 利用者 代表 体調 睡眠 食事 住まい
		移動 締め切り 対話 雑談 昼休み 元の部署 越境 専門家 家計 子ども 代案`)
	// benchRare are drawn evenly, in one word of twenty.
	benchRare = strings.Fields(`商店街 方言 雪 桜 海 港 漁師 農家 祭り 畑 山 役場 学校 病院 高齢者 理事長
		ホームページ チラシ イベント 説明会 ワークショップ 写真 動画 電車 車 地元 温泉 図書館 公民館 保育園
		神社 市場 牧場 旅館 漁協 観光客 移住者 空き家 棚田 古民家 朝市 夏祭り 花火 紅葉 雪かき 除雪 田植え
		稲刈り 収穫 直売所 加工品 特産品 補助金 議事録 名刺 見積もり 請求書 契約書 稟議 決裁 人事評価
		異動 昇格 育休 介護 通院 引っ越し 単身赴任 二拠点 副業 兼業 出向 転籍 留学 語学 通訳 翻訳`)
	benchParticles = []string{"が", "を", "に", "で", "と", "の", "は", "も", "から", "まで", "について", "として"}
	benchVerbs     = strings.Fields(`話した 聞いた 考えた 感じた 決めた 任された 進めた 変えた 続けている 迷っている
		悩んでいる 楽しかった 難しかった 驚いた 助かった 学んだ 気づいた 試した うまくいった うまくいかなかった
		増えた 減った 戻った 慣れてきた 疲れている 焦っている 落ち着いた 整理した 共有した 伝えたい
		まとめたい やってみたい 相談したい 確かめたい 続けたい 分からない できそうだ 大事だと思う`)
	// benchLatin are drawn the more often the earlier they come;
	// benchLatinRare evenly and seldom.
	benchLatin     = strings.Fields(`AI Slack Zoom DX LINE PC SNS Excel PDCA Web Google Notion KPI OJT NPO PR`)
	benchLatinRare = strings.Fields(`QC OKR Jira Figma Miro Canva iPad GitHub`)
	benchSays      = []string{
		"正直に言うと不安が大きい",
		"受け入れ先の人たちは温かい",
		"帰任後の役割がまだ見えない",
		"家族との時間が減った",
		"地域の人の話を聞くのが楽しい",
		"本音で話せる相手ができた",
		"言葉の違いに戸惑うことがある",
		"自分の強みが少し分かってきた",
	}
)

func (t benchText) pick(words []string) string { return words[t.rng.IntN(len(words))] }

// skewed draws the first words far more often than the last.
func (t benchText) skewed(words []string) string {
	u := t.rng.Float64()
	return words[int(float64(len(words))*u*u)]
}

func (t benchText) word() string {
	switch r := t.rng.IntN(1000); {
	case r < 3:
		return t.typed(t.pick(benchLatinRare))
	case r < 40:
		return t.typed(t.skewed(benchLatin))
	case r < 90:
		return t.typed(t.pick(benchRare))
	default:
		return t.typed(t.skewed(benchCommon))
	}
}

// typed is a word as people type it: one time in ten, Latin letters in full
// width and some katakana in half width.
func (t benchText) typed(w string) string {
	if t.rng.IntN(10) != 0 {
		return w
	}
	if half, ok := map[string]string{"チーム": "ﾁｰﾑ", "チラシ": "ﾁﾗｼ"}[w]; ok {
		return half
	}
	return strings.Map(func(r rune) rune {
		if r > ' ' && r < 0x7F {
			return r + 0xFEE0
		}
		return r
	}, w)
}

// sentence is one short sentence, ending with 。 or ！ or ？ or 、.
func (t benchText) sentence() string {
	var b strings.Builder
	switch r := t.rng.IntN(100); {
	case r < 5:
		b.WriteString(t.pick(benchSays))
	case r < 8:
		fmt.Fprintf(&b, "%sで相談して%s", t.pick([]string{"Slack", "Zoom", "LINE", "電話", "メール"}), t.pick(benchVerbs))
	case r < 12:
		fmt.Fprintf(&b, "%d%sの%sを%s", t.rng.IntN(30)+1, t.pick([]string{"か月", "週間", "人", "回", "日", "件"}),
			t.word(), t.pick(benchVerbs))
	default:
		for range t.rng.IntN(2) + 1 {
			b.WriteString(t.word())
			b.WriteString(t.pick(benchParticles))
		}
		b.WriteString(t.pick(benchVerbs))
	}
	b.WriteString(t.pick([]string{"。", "。", "。", "。", "！", "？", "、"}))
	return b.String()
}

// short is a sentence or two.
func (t benchText) short() string {
	s := t.sentence()
	if t.rng.IntN(2) == 0 {
		s += t.sentence()
	}
	return s
}

// answer is 20–300 characters: mostly short, some long.
func (t benchText) answer() string {
	var target int
	switch r := t.rng.IntN(10); {
	case r < 6:
		target = 20 + t.rng.IntN(100)
	case r < 9:
		target = 120 + t.rng.IntN(100)
	default:
		target = 220 + t.rng.IntN(81)
	}
	var b strings.Builder
	n := 0
	for n < target {
		s := t.sentence()
		if t.rng.IntN(15) == 0 {
			s += "\n"
		}
		b.WriteString(s)
		n += len([]rune(s))
	}
	return string([]rune(b.String())[:target])
}

// BenchmarkSearch measures a search over 100,000 answers, one query kind per
// sub-benchmark: from the query to the hits (at most model.SearchLimit, the
// newest first) with their text, place and match ranges. Before measuring,
// each query's hits are checked against a plain reading of every answer.
func BenchmarkSearch(b *testing.B) {
	s, docs := searchBenchStore(b)
	ctx := context.Background()
	for _, q := range searchBenchQueries {
		b.Run(q.name, func(b *testing.B) {
			want := matching(docs, q.query)
			if len(want) == 0 {
				b.Fatalf("%q finds nothing: the benchmark would measure nothing", q.query)
			}
			hits, err := s.Search(ctx, q.query)
			if err != nil {
				b.Fatal(err)
			}
			if err := sameHits(hits, want[:min(len(want), model.SearchLimit)]); err != nil {
				b.Fatalf("%q: %v", q.query, err)
			}
			times := make([]time.Duration, 0, b.N)
			b.ResetTimer()
			for range b.N {
				start := time.Now()
				if _, err := s.Search(ctx, q.query); err != nil {
					b.Fatal(err)
				}
				times = append(times, time.Since(start))
			}
			b.StopTimer()
			slices.Sort(times)
			b.ReportMetric(float64(len(hits)), "hits")
			b.ReportMetric(float64(len(want)), "matches")
			b.ReportMetric(float64(times[len(times)/2].Microseconds())/1000, "median-ms")
		})
	}
}

// TestSearchAgreesWithReading checks Search against a plain reading of
// every document, order included, on a database where some sessions are
// dated later than sessions saved after them, for terms of every kind.
func TestSearchAgreesWithReading(t *testing.T) {
	s, _ := openTemp(t)
	if err := fillBench(s, benchShape{engagements: 10, sessions: 20, steps: 10, ledger: true, shuffled: true}); err != nil {
		t.Fatal(err)
	}
	if err := s.IndexPending(context.Background()); err != nil {
		t.Fatal(err)
	}
	docs, err := loadBenchDocs(s)
	if err != nil {
		t.Fatal(err)
	}
	sources, orphans := map[string]int{}, 0
	for _, d := range docs {
		sources[d.source]++
		if d.session == 0 {
			orphans++
		}
	}
	if len(sources) != 5 || orphans == 0 {
		t.Fatalf("the database lacks kinds of documents: %v, %d of no session", sources, orphans)
	}
	ctx := context.Background()
	queries := []string{"の", "、", "ai", "不安 ＡＩ", "x"}
	for _, q := range searchBenchQueries {
		queries = append(queries, q.query)
	}
	for _, q := range queries {
		want := matching(docs, q)
		hits, err := s.Search(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		if err := sameHits(hits, want[:min(len(want), model.SearchLimit)]); err != nil {
			t.Errorf("%q (%d matches): %v", q, len(want), err)
		}
	}
}

// TestSearchHitsSayWhere checks what Search tells of each hit against a
// plain reading of the database, one hit at a time, for hits of every
// source.
func TestSearchHitsSayWhere(t *testing.T) {
	s, _ := openTemp(t)
	if err := fillBench(s, benchShape{engagements: 3, sessions: 10, steps: 5, ledger: true}); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	seen := map[model.SearchSource]bool{}
	for _, q := range []string{"不安", "受け入れ先", "家", "ＡＩ", "の"} {
		hits, err := s.Search(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		for _, h := range hits {
			seen[h.Source] = true
			want := plainHit(t, s, h)
			if h.Text != want.Text || h.Private != want.Private || h.StepTitle != want.StepTitle ||
				h.SessionTitle != want.SessionTitle || !h.SessionDate.Equal(want.SessionDate) ||
				h.EngagementID != want.EngagementID || h.Learner != want.Learner {
				t.Fatalf("%q: hit %+v\nwant %+v", q, h, want)
			}
			if len(h.Matches) == 0 {
				t.Fatalf("%q: no match ranges in %q", q, h.Text)
			}
		}
	}
	if len(seen) != 5 {
		t.Fatalf("hits only of %v", seen)
	}
}

// plainHit reads what a hit should say, one query at a time.
func plainHit(t *testing.T, s *Store, h model.SearchHit) model.SearchHit {
	t.Helper()
	want := model.SearchHit{Source: h.Source, SessionID: h.SessionID, StepKey: h.StepKey}
	var err error
	switch h.Source {
	case model.SourceAnswer, model.SourceNote:
		var answer, note string
		var answerPrivate, noteShared bool
		err = s.db.QueryRow(`SELECT title, answer, note, answer_private, note_shared FROM steps WHERE session_id = ? AND key = ?`,
			h.SessionID, h.StepKey).Scan(&want.StepTitle, &answer, &note, &answerPrivate, &noteShared)
		want.Text, want.Private = answer, answerPrivate
		if h.Source == model.SourceNote {
			want.Text, want.Private = note, !noteShared
		}
	case model.SourceAnxiety:
		var text, plan string
		err = s.db.QueryRow(`SELECT text, plan, private FROM anxieties WHERE coalesce(session_id, 0) = ? AND step_key = ?
			AND text || char(10) || plan = ?`, h.SessionID, h.StepKey, h.Text).Scan(&text, &plan, &want.Private)
		want.Text = joinLines(text, plan)
	case model.SourceAction:
		err = s.db.QueryRow(`SELECT text FROM actions WHERE session_id = ? AND text = ?`, h.SessionID, h.Text).Scan(&want.Text)
	case model.SourceAgreement:
		var l, sn, ho, agreed string
		err = s.db.QueryRow(`SELECT title, learner_expectation, sending_expectation, host_expectation, agreed
			FROM agreement_items WHERE session_id = ?`, h.SessionID).Scan(&want.StepTitle, &l, &sn, &ho, &agreed)
		want.Text = joinLines(l, sn, ho, agreed)
	}
	if err != nil {
		t.Fatalf("%+v: %v", h, err)
	}
	if h.SessionID != 0 {
		var started string
		if err := s.db.QueryRow(`SELECT s.flow_title, s.started_at, s.engagement_id, l.name FROM sessions s
			JOIN engagements e ON e.id = s.engagement_id JOIN learners l ON l.id = e.learner_id WHERE s.id = ?`,
			h.SessionID).Scan(&want.SessionTitle, &started, &want.EngagementID, &want.Learner); err != nil {
			t.Fatal(err)
		}
		want.SessionDate = parseTS(started)
	}
	if want.StepTitle == "" && h.StepKey != "" && h.SessionID != 0 {
		if err := s.db.QueryRow(`SELECT title FROM steps WHERE session_id = ? AND key = ?`, h.SessionID, h.StepKey).
			Scan(&want.StepTitle); err != nil {
			t.Fatal(err)
		}
	}
	return want
}
