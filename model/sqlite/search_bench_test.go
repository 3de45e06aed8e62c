package sqlite

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"bansou/internal/benchdb"
	"bansou/model"
)

// The search benchmark's database is benchdb.Large: 200 engagements × 50
// sessions × 10 answered prompts = 100,000 answers of mixed Japanese text
// with some Latin words and digits, 20–300 characters each (118 on
// average), and the ledger a companion keeps beside them: a note in three
// sessions of ten, a worry and an action in one of five, an agreement topic
// in one of ten. It is saved through the store's own API and indexed with
// IndexPending, so the index is the one the app builds.

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

var searchBench struct {
	once  sync.Once
	store *Store
	docs  []benchDoc // every document, in the order of search results
	err   error
	skip  string // the database not built, with -short
}

// searchBenchStore opens the 100,000-answer database, built once and kept in
// the temporary directory between runs (keyed by schema and generator
// version), so only the first run pays for building it (about half a
// minute). With -short, a database that would have to be built is skipped.
func searchBenchStore(b *testing.B) (*Store, []benchDoc) {
	b.Helper()
	searchBench.once.Do(func() {
		file, err := benchdb.File(benchdb.Large, SchemaVersion(), openForBench, !testing.Short())
		if errors.Is(err, benchdb.ErrNotBuilt) {
			searchBench.skip = file
			return
		}
		if err == nil {
			searchBench.store, err = openBench(file, benchdb.Large)
		}
		if err == nil {
			searchBench.docs, err = loadBenchDocs(searchBench.store)
		}
		searchBench.err = err
	})
	if searchBench.err != nil {
		b.Fatal(searchBench.err)
	}
	if searchBench.skip != "" {
		b.Skipf("-short: %s is not built yet", searchBench.skip)
	}
	return searchBench.store, searchBench.docs
}

// openForBench opens a database for benchdb to build.
func openForBench(path string) (benchdb.Store, error) { return Open(path, Options{}) }

// openBench opens a generated database and checks that it is complete and
// indexed.
func openBench(file string, sh benchdb.Shape) (*Store, error) {
	s, err := Open(file, Options{})
	if err != nil {
		return nil, err
	}
	var answers, docs, queued int
	err = s.db.QueryRow(`SELECT (SELECT count(*) FROM steps WHERE answer <> ''),
		(SELECT count(*) FROM search_docs WHERE source = 'answer'), (SELECT count(*) FROM search_queue)`).Scan(&answers, &docs, &queued)
	if err == nil && (answers != sh.Answers() || docs != sh.Answers() || queued != 0) {
		err = fmt.Errorf("%s: %d answers, %d indexed, %d queued", file, answers, docs, queued)
	}
	if err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
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
	if err := benchdb.Fill(context.Background(), s, benchdb.Shape{Engagements: 10, Sessions: 20, Steps: 10, Ledger: true, Shuffled: true}); err != nil {
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
	if err := benchdb.Fill(context.Background(), s, benchdb.Shape{Engagements: 3, Sessions: 10, Steps: 5, Ledger: true}); err != nil {
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
