package sqlite

import (
	"context"
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"bansou/model"
)

// fuzzSeedExport is a database with every kind of record, a peer round
// and a self-review, as the JSON an export writes.
func fuzzSeedExport(f *testing.F) string {
	s, _ := openTemp(f)
	richDatabase(f, s)
	ctx := context.Background()
	setup := model.RoundSetup{Format: roundFormat(), Participants: []model.Participant{{Name: "佐藤 一郎"}, {Name: "田中　陽"}},
		Facilitator: "佐藤 一郎", Presenter: "田中　陽", Scribe: "佐藤 一郎"}
	sess, rd := model.NewRound(setup, nil, model.Ja, clock)
	sess.Steps[0].Answer = "越境1か月目\x1b[31m、週報\u0085に"
	if _, _, err := s.StartRound(ctx, sess, rd); err != nil {
		f.Fatal(err)
	}
	review := model.Session{UID: "review-1", FlowID: model.SelfReviewFlowID, Lang: model.Ja, Status: model.Done,
		StartedAt: clock, UpdatedAt: clock, CurrentKey: "s:listening",
		Steps: []model.Step{{Key: "s:listening", Kind: model.StepPrompt, AnswerKind: model.KindSkill, Value: 3, Answer: "聴けた"}}}
	if _, err := s.StartSession(ctx, review); err != nil {
		f.Fatal(err)
	}
	b, err := json.MarshalIndent(exportAll(f, s), "", " ")
	if err != nil {
		f.Fatal(err)
	}
	return string(b)
}

// FuzzImport imports into a new database every file model.ParseExport
// accepts. The import either fails and leaves the database as it was, or
// succeeds; then the database's own export, imported into another new
// database, comes out the same, and importing it again finds every record
// unchanged and refuses nothing.
func FuzzImport(f *testing.F) {
	good := fuzzSeedExport(f)
	f.Add([]byte(good))
	f.Add([]byte(strings.ReplaceAll(good, "山田 花子", "山田\\u001b]52;c;ZXZpbA==\\u0007花子")))
	f.Add([]byte(strings.Replace(good, `"uid": "review-1"`, `"uid": "e-1"`, 1)))
	f.Add([]byte(strings.Replace(good, `"owner": "companion"`, `"owner": "nobody"`, 1)))
	// Dates in the future (set to now).
	f.Add([]byte(strings.ReplaceAll(good, `"updated_at": "2026-10-22`, `"updated_at": "2036-10-22`)))
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := model.ParseExport(data)
		if err != nil {
			return // FuzzParseExport checks the refusals
		}
		ctx := context.Background()
		a, _ := openTemp(t)
		empty := rowCounts(t, a)
		if _, err := a.Import(ctx, doc, model.ImportOptions{}); err != nil {
			if err.Error() == "" {
				t.Fatal("an import failed without a reason")
			}
			if after := rowCounts(t, a); !reflect.DeepEqual(after, empty) {
				t.Fatalf("a failed import (%v) wrote rows: %v, before %v", err, after, empty)
			}
			return
		}
		first := exportAll(t, a)
		out, err := json.Marshal(first)
		if err != nil {
			t.Fatal(err)
		}
		again, err := model.ParseExport(out)
		if err != nil {
			t.Fatalf("the export of an imported file is refused: %v", err)
		}
		b, _ := openTemp(t)
		if _, err := b.Import(ctx, again, model.ImportOptions{}); err != nil {
			t.Fatalf("the export of an imported file cannot be imported: %v", err)
		}
		if d := firstDifference(reflect.ValueOf(portable(first)), reflect.ValueOf(portable(exportAll(t, b))), "export"); d != "" {
			t.Fatalf("the round trip changed %s", d)
		}
		stats, err := a.Import(ctx, again, model.ImportOptions{})
		if err != nil || stats.Engagements+stats.Sessions+stats.Entries+stats.Updated+stats.Kept != 0 || len(stats.Issues) != 0 {
			t.Fatalf("importing the database's own export again: %+v, %v", stats, err)
		}
	})
}

// rowCounts counts the rows of every table of the database.
func rowCounts(t testing.TB, s *Store) map[string]int {
	t.Helper()
	rows, err := s.db.Query(`SELECT name FROM sqlite_master WHERE type = 'table'`)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			t.Fatal(err)
		}
		names = append(names, name)
	}
	rows.Close()
	counts := map[string]int{}
	for _, name := range names {
		var n int
		if err := s.db.QueryRow(`SELECT count(*) FROM "` + name + `"`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		counts[name] = n
	}
	return counts
}
