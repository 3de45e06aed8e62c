package main

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// fillRating fills a written sheet as a rater would: the header, then per
// skill id a level and evidence, then the closing parts.
func fillRating(sheet string, header map[string]string, skills map[string][2]string) string {
	var out []string
	cur := ""
	for _, line := range strings.Split(sheet, "\n") {
		if id, ok := strings.CutPrefix(line, "skill: "); ok {
			cur = id
		}
		if name, _, ok := strings.Cut(line, ":"); ok && !strings.HasPrefix(line, "#") {
			if v, ok := header[name]; ok {
				line = name + ": " + v
			}
			if v, ok := skills[cur]; ok && (name == "level" || name == "evidence") {
				line = name + ": " + map[string]string{"level": v[0], "evidence": v[1]}[name]
			}
		}
		out = append(out, line)
	}
	return strings.Join(out, "\n")
}

// writeSheet runs rating-sheet to a file and returns its path and text.
func writeSheet(t *testing.T, env map[string]string, args ...string) (string, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "評価シート.txt")
	code, _, stderr := runCLI(t, env, append([]string{"rating-sheet", "--out", path}, args...)...)
	if code != 0 {
		t.Fatalf("rating-sheet: %d %s", code, stderr)
	}
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if info.Mode().Perm() != 0o600 {
		t.Errorf("the sheet is %v, want 0600", info.Mode().Perm())
	}
	if !strings.Contains(stderr, "bansou import-rating "+path) {
		t.Errorf("rating-sheet does not say what comes next: %q", stderr)
	}
	return path, mustRead(t, path)
}

// TestRatingSheetWriteFillImport: a sheet written for 佐藤, filled by a
// mentor in Japanese for two of the skills, imports those two, lists what
// was left empty, and keeps the rating in the store; importing it again
// replaces it.
func TestRatingSheetWriteFillImport(t *testing.T) {
	env := isolated(t)
	path, sheet := writeSheet(t, env, "--for", "佐藤 花子")
	for _, want := range []string{"佐藤 花子さんの伴走を見てきた", "skill: liaison", "level: ", "evidence: ", "worked: ", "alternative: "} {
		if !strings.Contains(sheet, want) {
			t.Errorf("the sheet lacks %q", want)
		}
	}
	if n := strings.Count(sheet, "\nskill: "); n != 20 {
		t.Errorf("%d skills on the sheet, want 20", n)
	}
	filled := fillRating(sheet, map[string]string{"rater": "山田 太郎", "relation": "メンター", "date": "2026-06-01",
		"worked":      "三者面談の前に本人と論点を整理したので、本人が自分の言葉で話せた",
		"improvement": "報告が月末にまとまりがち", "alternative": "週に一度、短く知らせる", "reason": "会社側が途中の様子を知りたがっているから"},
		map[string][2]string{"liaison": {"3", "月末の報告は欠かさないが、途中の様子は伝わっていない"},
			"observation-listening": {"5", "沈黙を待ち、本人が話し出すまで急かさなかった"}})
	os.WriteFile(path, []byte(filled), 0o600)
	code, out, stderr := runCLI(t, env, "import-rating", path)
	if code != 0 {
		t.Fatalf("import-rating: %d %s", code, stderr)
	}
	for _, want := range []string{"山田 太郎 さん（メンター）の評価を取り込みました（2026-06-01）: 2 つのスキル", "空欄のままのスキル（18）: 目的抽出、"} {
		if !strings.Contains(out, want) {
			t.Errorf("import-rating says\n%s\nwant %q", out, want)
		}
	}
	s := envStore(t, env)
	rs, err := s.PeerRatings(context.Background())
	if err != nil || len(rs) != 1 || rs[0].Rater != "山田 太郎" || len(rs[0].Skills) != 2 || rs[0].Alternative != "週に一度、短く知らせる" {
		t.Fatalf("stored %+v, %v", rs, err)
	}
	if code, out, _ := runCLI(t, env, "import-rating", path); code != 0 || !strings.Contains(out, "置き換えました") {
		t.Errorf("importing again: %d %s", code, out)
	}
	if rs, _ := s.PeerRatings(context.Background()); len(rs) != 1 {
		t.Errorf("importing again duplicated: %d ratings", len(rs))
	}
}

// TestImportRatingRefusesAndSavesNothing: a mistake in the sheet is named
// by file and line; a binary file, a huge file, another database's sheet
// and a sheet rewritten for someone else are refused with a clear word;
// nothing of any of them is saved.
func TestImportRatingRefusesAndSavesNothing(t *testing.T) {
	env := isolated(t)
	_, sheet := writeSheet(t, env, "--for", "佐藤 花子", "--skills", "liaison,observation-listening")
	dir := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		os.WriteFile(p, []byte(text), 0o600)
		return p
	}
	good := fillRating(sheet, map[string]string{"rater": "山田", "relation": "peer"}, map[string][2]string{"liaison": {"4", "報告が早い"}})
	bad := strings.Replace(good, "level: 4", "level: 7", 1)
	badLine := 1 + strings.Count(bad[:strings.Index(bad, "level: 7")], "\n")
	other := isolated(t)
	_, otherSheet := writeSheet(t, other, "--for", "鈴木")
	for _, c := range []struct{ name, file, want string }{
		{"a level of 7", write("bad.txt", bad), "bad.txt:" + strconv.Itoa(badLine) + ": 段階は 1〜5 の数字で書いてください（「7」）"},
		{"binary", write("photo.jpg", "\xff\xd8\xff\xe0\x00\x10JFIF\x00"), "photo.jpg: テキストファイルではありません"},
		{"huge", write("huge.txt", strings.Repeat("あ", 100_000)), "huge.txt: 256 KiB を超えています"},
		{"another database's", write("other.txt", fillRating(otherSheet, map[string]string{"rater": "山田", "relation": "peer"},
			map[string][2]string{"liaison": {"4", "報告が早い"}})), "other.txt: このデータベースから書いたシートではありません"},
		{"rewritten for someone else", write("renamed.txt", strings.Replace(good, "for: 佐藤 花子", "for: 田中", 1)),
			"このシートは「佐藤 花子」さんあてに書いたものですが、「田中」さんあてに書き換えられています"},
	} {
		code, _, stderr := runCLI(t, env, "import-rating", c.file)
		if code != 1 || !strings.Contains(stderr, c.want) {
			t.Errorf("%s: code %d\n%s\nwant %q", c.name, code, stderr, c.want)
		}
	}
	if rs, _ := envStore(t, env).PeerRatings(context.Background()); len(rs) != 0 {
		t.Errorf("saved %+v", rs)
	}
	if code, _, stderr := runCLI(t, env, "rating-sheet", "--skills", "聞く力"); code != 2 || !regexp.MustCompile(`「聞く力」というスキルはありません`).MatchString(stderr) {
		t.Errorf("an unknown skill: %d %s", code, stderr)
	}
}

// TestAPeersRatingEndToEnd: two self-reviews, then a sheet written for a
// mentor, filled in Japanese and imported; the companion's own self-review
// document shows the rating beside the skill with the gap (a shared copy
// does not), and so does the skill page of the running bansou.
func TestAPeersRatingEndToEnd(t *testing.T) {
	env := isolated(t)
	seedReviews(t, env) // 目的抽出 2 then 4, the latest on 2026-08-01
	path, sheet := writeSheet(t, env, "--for", "佐藤 花子", "--skills", "purpose-elicitation,liaison")
	filled := fillRating(sheet, map[string]string{"rater": "山田 太郎", "relation": "mentor", "date": "2026-07-15",
		"worked": "面談の前に論点を書き出したので、本人が自分の言葉で話せた"},
		map[string][2]string{"purpose-elicitation": {"3", "なぜを重ねていたが、最後は自分の案でまとめていた"}})
	os.WriteFile(path, []byte(filled), 0o600)
	if code, out, stderr := runCLI(t, env, "import-rating", path); code != 0 || !strings.Contains(out, "空欄のままのスキル（1）: 連絡役") {
		t.Fatalf("import-rating: %d\n%s\n%s", code, out, stderr)
	}
	_, own, _ := runCLI(t, env, "export", "--self-review", "latest", "--include-private")
	for _, want := range []string{"- 山田 太郎（メンター、2026-07-15）: 3 普通（自己評価との差 -1） — なぜを重ねていたが",
		"- うまくいっていたこと: 面談の前に論点を書き出したので"} {
		if !strings.Contains(own, want) {
			t.Errorf("the companion's own document lacks %q:\n%s", want, own)
		}
	}
	if _, shared, _ := runCLI(t, env, "export", "--self-review", "latest"); strings.Contains(shared, "山田") {
		t.Errorf("a shared document holds the rating:\n%s", shared)
	}
	tm := startTerminal(t, testEnv(env["HOME"]), 100, 30)
	tm.waitFor("伴走")
	tm.send("s")
	tm.waitFor("山田 太郎（メンター） 3 — なぜを重ねていたが")
	tm.waitFor("自己評価との差 -1")
	tm.send(ctrlC)
	if err := tm.waitExit(); err != nil {
		t.Fatalf("exit: %v", err)
	}
	// The whole export carries it.
	if _, doc, _ := runCLI(t, env, "export", "--all", "--format", "json"); !strings.Contains(doc, `"peer_ratings"`) ||
		!strings.Contains(doc, "なぜを重ねていたが") {
		t.Errorf("the JSON export lacks the rating:\n%s", doc)
	}
}

// TestARatingImportedByMistakeIsRemoved: bansou ratings lists the imported
// rating with its id, rater and relation; --delete with that id removes it
// (the store no longer has it) and an unknown id is refused with nothing
// removed.
func TestARatingImportedByMistakeIsRemoved(t *testing.T) {
	env := isolated(t)
	path, sheet := writeSheet(t, env, "--for", "佐藤 花子", "--skills", "liaison")
	os.WriteFile(path, []byte(fillRating(sheet, map[string]string{"rater": "山田 太郎", "relation": "mentor", "date": "2026-06-01"},
		map[string][2]string{"liaison": {"3", "途中の様子が伝わっていない"}})), 0o600)
	if code, _, stderr := runCLI(t, env, "import-rating", path); code != 0 {
		t.Fatalf("import-rating: %d %s", code, stderr)
	}
	rs, err := envStore(t, env).PeerRatings(context.Background())
	if err != nil || len(rs) != 1 {
		t.Fatalf("stored %+v, %v", rs, err)
	}
	code, out, stderr := runCLI(t, env, "ratings")
	if code != 0 || !strings.Contains(out, rs[0].UID) || !strings.Contains(out, "山田 太郎") || !strings.Contains(out, "メンター") || !strings.Contains(out, "2026-06-01") {
		t.Fatalf("ratings: %d\n%s%s", code, out, stderr)
	}
	if code, _, stderr := runCLI(t, env, "ratings", "--delete", "0123"); code == 0 || !strings.Contains(stderr, "何も消していません") {
		t.Errorf("an unknown id: %d %s", code, stderr)
	}
	code, out, stderr = runCLI(t, env, "ratings", "--delete", rs[0].UID)
	if code != 0 || !strings.Contains(out, "山田 太郎 さん（メンター、2026-06-01）の評価を消しました。") {
		t.Fatalf("--delete: %d %s %s", code, out, stderr)
	}
	if rs, _ := envStore(t, env).PeerRatings(context.Background()); len(rs) != 0 {
		t.Errorf("still stored: %+v", rs)
	}
	if _, out, _ := runCLI(t, env, "ratings"); !strings.Contains(out, "ほかの人の評価はまだありません") {
		t.Errorf("after removing: %s", out)
	}
}
