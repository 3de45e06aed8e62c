package plain

import (
	"context"
	"database/sql"
	"strings"
	"testing"

	"bansou/internal/dbtest"
	"bansou/model"
)

// deadOwner is the id of a process that has finished: a store opened with
// it stands for a bansou that stopped.
func deadOwner(t *testing.T) int { return dbtest.EndedPid(t) }

func (f *fixture) draftRows() int {
	f.t.Helper()
	db, err := sql.Open("sqlite", "file:"+f.path+"?mode=ro")
	if err != nil {
		f.t.Fatal(err)
	}
	defer db.Close()
	var n int
	if err := db.QueryRow(`SELECT count(*) FROM engagement_drafts`).Scan(&n); err != nil {
		f.t.Fatal(err)
	}
	return n
}

// TestAccessibleEngagementSetupKeepsADraft: the input ends in the middle of
// a new engagement (Japanese name and organisations read); what was read is
// kept as a draft, and said to be. The next new engagement offers it: gone
// on with, an empty line keeps each answer read before, and saving removes
// the draft. Offered again, a draft can be discarded instead.
func TestAccessibleEngagementSetupKeepsADraft(t *testing.T) {
	f := newFixture(t)
	stopped := f.open(deadOwner(t))
	out, err := f.runWith(stopped, model.Ja, "3\n山田 花子\n株式会社みらい\nNPO法人つなぐ\n2026-12-01\n")
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if !strings.Contains(out, "ここまでの入力は書きかけとして保存しました") {
		t.Fatalf("not said to be kept:\n%s", out)
	}
	if n := f.draftRows(); n != 1 {
		t.Fatalf("%d drafts", n)
	}

	out = f.run(model.Ja, "3", "1", "", "", "", "", "2027-05-31", "2", "佐藤 一郎", "2", "", "q")
	for _, want := range []string{"書きかけのエンゲージメントがあります: 山田 花子（株式会社みらい から NPO法人つなぐ へ）",
		"書きかけ: 山田 花子（Enter でそのまま）", "書きかけ: 2026-12-01（Enter でそのまま）", "山田 花子 さんの記録を作りました。"} {
		if !strings.Contains(out, want) {
			t.Errorf("the output lacks %q:\n%s", want, out)
		}
	}
	list, err := f.store.Engagements(context.Background(), false)
	if err != nil || len(list) != 1 {
		t.Fatalf("engagements = %+v %v", list, err)
	}
	e := list[0]
	if e.Learner.Name != "山田 花子" || e.SendingOrg != "株式会社みらい" || e.HostOrg != "NPO法人つなぐ" ||
		e.Start.String() != "2026-12-01" || e.End.String() != "2027-05-31" ||
		len(e.Companions) != 1 || e.Companions[0] != (model.Companion{Name: "佐藤 一郎", Type: model.Host}) ||
		e.MyType != model.Host {
		t.Fatalf("engagement = %+v", e)
	}
	if n := f.draftRows(); n != 0 {
		t.Fatalf("%d drafts after saving", n)
	}

	// Another draft, discarded when offered.
	if out, err := f.runWith(stopped, model.Ja, "3\n高橋 美咲\n"); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	out = f.run(model.Ja, "3", "2", "鈴木 一花", "", "", "2027-01-01", "2027-06-30", "", "", "q")
	if !strings.Contains(out, "高橋 美咲") || !strings.Contains(out, "書きかけを破棄しました") || strings.Contains(out, "書きかけ: 高橋 美咲") {
		t.Fatalf("discarding:\n%s", out)
	}
	if n := f.draftRows(); n != 0 {
		t.Fatalf("%d drafts after discarding", n)
	}
}
