package main

import (
	"context"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"bansou/model"
)

// forgedNames hold line breaks (LF, CR LF, CR) followed by what would pass
// for a row of bansou export --list of its own.
var forgedNames = []string{
	"山田 花子\n2\t偽の学習者\t偽 → 偽\t2026-01-01 – 2026-02-01",
	"鈴木\r\n3\t偽の二人目\t偽 → 偽\t2026-01-01 – 2026-02-01",
	"佐藤\r一郎",
	"田中",
}

// checkOneRowEach fails the test unless out has one row per engagement,
// each starting with its own id and holding four columns.
func checkOneRowEach(t *testing.T, where, out string) {
	t.Helper()
	rows := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(rows) != len(forgedNames) {
		t.Fatalf("%s: %d rows for %d engagements:\n%s", where, len(rows), len(forgedNames), out)
	}
	seen := map[string]bool{}
	for _, row := range rows {
		id, _, _ := strings.Cut(row, "\t")
		if n, err := strconv.Atoi(id); err != nil || n < 1 || n > len(forgedNames) || seen[id] || strings.Count(row, "\t") != 3 {
			t.Errorf("%s: row %q", where, row)
		}
		seen[id] = true
	}
}

// TestNamesWithLineBreaksKeepToOneRow: names stored with line breaks (by an
// older bansou, or typed into the database by hand) are listed one row per
// engagement; an export holding them is imported with the line breaks
// folded into spaces, the import says so, and the names are listed one row
// each there too.
func TestNamesWithLineBreaksKeepToOneRow(t *testing.T) {
	env := isolated(t)
	s := envStore(t, env)
	for _, name := range forgedNames {
		if _, err := s.CreateEngagement(context.Background(), model.Engagement{Learner: model.Learner{Name: name},
			SendingOrg: "本社\n営業部", HostOrg: "町工場\t二号", Start: model.NewDate(2026, 12, 1), End: model.NewDate(2027, 5, 31),
			Companions: []model.Companion{{Name: "伴走\r\n者", Type: model.Sending}}}); err != nil {
			t.Fatal(err)
		}
	}
	_, out, _ := runCLI(t, env, "export", "--list")
	checkOneRowEach(t, "export --list", out)
	if !strings.Contains(out, "1\t山田 花子 2 偽の学習者 偽 → 偽 2026-01-01 – 2026-02-01\t本社 営業部 → 町工場 二号\t") {
		t.Errorf("the first row does not show the name on one line:\n%s", out)
	}

	file := filepath.Join(t.TempDir(), "export.json")
	if code, _, stderr := runCLI(t, env, "export", "--all", "--format", "json", "-o", file); code != 0 {
		t.Fatal(stderr)
	}
	other := isolated(t)
	code, out, stderr := runCLI(t, other, "import", file)
	// Three learners' names, and every organisation and companion.
	if code != 0 || !strings.Contains(out, "新しいエンゲージメント 4 件") ||
		!strings.Contains(out, "名前や題名など1行で表す欄の改行を空白にしました（15 か所）: engagements[0].sending_org, engagements[0].host_org, ") ||
		!strings.Contains(out, "].learner.name, ") || !strings.HasSuffix(out, ", ほか 10 か所\n") {
		t.Fatalf("import: %d\n%s%s", code, out, stderr)
	}
	_, out, _ = runCLI(t, other, "export", "--list")
	checkOneRowEach(t, "export --list after the import", out)
	list, err := envStore(t, other).Engagements(context.Background(), true)
	if err != nil {
		t.Fatal(err)
	}
	i := slices.IndexFunc(list, func(e model.Engagement) bool { return strings.HasPrefix(e.Learner.Name, "鈴木") })
	if i < 0 || list[i].Learner.Name != "鈴木 3 偽の二人目 偽 → 偽 2026-01-01 – 2026-02-01" || list[i].HostOrg != "町工場 二号" ||
		list[i].Companions[0].Name != "伴走 者" {
		t.Errorf("imported %+v", list)
	}
}
