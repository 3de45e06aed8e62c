package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"bansou/content"
	"bansou/model"
)

func TestSkillsJSONPrintsTheWholeMap(t *testing.T) {
	code, out, stderr := runCLI(t, isolated(t), "skills", "--format", "json")
	if code != 0 {
		t.Fatalf("code %d: %s", code, stderr)
	}
	var doc struct {
		Skills []struct {
			ID, Phase  string
			Name       model.Text
			Definition model.Text
			Levels     []struct {
				Level             int
				Name, Description model.Text
			}
			Methods []model.Method
		}
		Balance []model.BalanceItem
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	phases := map[string]int{}
	for _, s := range doc.Skills {
		phases[s.Phase]++
		if s.Name.Ja == "" || s.Name.En == "" || s.Definition.Ja == "" || len(s.Methods) == 0 || len(s.Levels) != 5 {
			t.Errorf("skill %s is incomplete: %+v", s.ID, s)
		}
		for i, lv := range s.Levels {
			if lv.Level != 5-i || lv.Name.Ja == "" || lv.Description.En == "" {
				t.Errorf("skill %s level %d: %+v", s.ID, i, lv)
			}
		}
	}
	if len(doc.Skills) != 20 || phases["before"] != 5 || phases["during"] != 5 || phases["after"] != 5 || phases["across"] != 5 {
		t.Errorf("%d skills by phase %v", len(doc.Skills), phases)
	}
	if doc.Skills[0].Levels[0].Name.Ja != "非常に高い" || len(doc.Balance) != 5 {
		t.Errorf("first level %+v, %d balance items", doc.Skills[0].Levels[0], len(doc.Balance))
	}
}

// seedReviews stores two self-reviews: the second with private evidence,
// a private note and a shared note.
func seedReviews(t *testing.T, env map[string]string) {
	t.Helper()
	o, s := openFor(t, env)
	defer s.Close()
	lib, _ := o.library()
	ctx := context.Background()
	day := time.Date(2026, 5, 1, 9, 0, 0, 0, time.UTC)
	for i, evs := range [][]model.Event{
		{model.Jump{Key: "p:purpose-elicitation"}, model.SetValue{Value: 2}, model.SetAnswer{Text: "最初の評価"},
			model.Jump{Key: "p:focus"}, model.SetChoices{IDs: []string{"purpose-elicitation"}}, model.SetAnswer{Text: "PLAN-5521 なぜを重ねる"}},
		{model.Jump{Key: "p:purpose-elicitation"}, model.SetValue{Value: 4}, model.SetTarget{Level: 5},
			model.SetAnswer{Text: "SHARED-EVIDENCE-2210 三者面談で本人が言い直した"},
			model.SetNote{Text: "PRIVATE-REVIEW-NOTE-9931"},
			model.Jump{Key: "p:anxiety-surfacing"}, model.SetValue{Value: 3}, model.SetAnswer{Text: "PRIVATE-EVIDENCE-4471 家族の話"},
			model.SetAnswerPrivate{Private: true}},
	} {
		at := day.AddDate(0, i*3, 0)
		r := model.NewSelfReview(lib.Skills, lib.Skills.IDs(), nil, model.Ja, at)
		for _, ev := range evs {
			var err error
			if r, err = model.Apply(r, ev, at); err != nil {
				t.Fatal(err)
			}
		}
		r, _ = model.Apply(r, model.Finish{}, at)
		if _, err := s.StartSession(ctx, r); err != nil {
			t.Fatal(err)
		}
	}
}

func TestSelfReviewExportForAMentor(t *testing.T) {
	env := isolated(t)
	seedReviews(t, env)
	code, md, stderr := runCLI(t, env, "export", "--self-review", "latest")
	if code != 0 {
		t.Fatalf("code %d: %s", code, stderr)
	}
	for _, want := range []string{"# スキルの振り返り — 2026-08-01", "### 目的抽出（越境前） — 4 高い", "目標 5 非常に高い",
		"2 → 4 (+2)", "SHARED-EVIDENCE-2210", "### 不安可視化（越境前） — 3 普通"} {
		if !strings.Contains(md, want) {
			t.Errorf("self-review Markdown lacks %q:\n%s", want, md)
		}
	}
	for _, private := range []string{"PRIVATE-EVIDENCE-4471", "PRIVATE-REVIEW-NOTE-9931", "非公開"} {
		if strings.Contains(md, private) {
			t.Errorf("shared self-review holds %q", private)
		}
	}
	_, own, _ := runCLI(t, env, "export", "--self-review", "latest", "--include-private")
	for _, want := range []string{"PRIVATE-EVIDENCE-4471", "PRIVATE-REVIEW-NOTE-9931"} {
		if !strings.Contains(own, want) {
			t.Errorf("--include-private lacks %q", want)
		}
	}
	// The first review, by id, with its focus and plan.
	_, hist, _ := runCLI(t, env, "skills", "--history")
	if !strings.Contains(hist, "purpose-elicitation\t目的抽出\t2 4") || !strings.Contains(hist, "anxiety-surfacing\t不安可視化\t- 3") {
		t.Errorf("history:\n%s", hist)
	}
	id := strings.Fields(hist)[0]
	_, first, _ := runCLI(t, env, "export", "--self-review", id)
	if !strings.Contains(first, "PLAN-5521") || !strings.Contains(first, "初めての評価") {
		t.Errorf("first review:\n%s", first)
	}
	if code, _, stderr := runCLI(t, env, "export", "--self-review", "99"); code != 1 || !strings.Contains(stderr, "no self-review with id 99") {
		t.Errorf("unknown id: code %d %q", code, stderr)
	}
	if code, _, stderr := runCLI(t, env, "export", "--self-review", "latest", "--audience", "learner"); code != 2 || !strings.Contains(stderr, "leave out --audience") {
		t.Errorf("with --audience: code %d %q", code, stderr)
	}
}

// TestSelfReviewsSurviveExportAndImport: a full JSON export carries the
// self-reviews, and importing it into an empty database brings them back.
func TestSelfReviewsSurviveExportAndImport(t *testing.T) {
	env := isolated(t)
	seedReviews(t, env)
	file := filepath.Join(t.TempDir(), "all.json")
	if code, _, stderr := runCLI(t, env, "export", "--all", "--format", "json", "-o", file); code != 0 {
		t.Fatalf("export: %s", stderr)
	}
	other := isolated(t)
	if code, out, stderr := runCLI(t, other, "import", file); code != 0 || !strings.Contains(out, "新しいセッション 2 件") {
		t.Fatalf("import: code %d out %q err %q", code, out, stderr)
	}
	_, a, _ := runCLI(t, env, "export", "--self-review", "latest", "--include-private")
	_, b, _ := runCLI(t, other, "export", "--self-review", "latest", "--include-private")
	if a != b || !strings.Contains(b, "PRIVATE-EVIDENCE-4471") {
		t.Errorf("imported review differs:\n%s\n---\n%s", a, b)
	}
}

// TestEndToEndSelfReview rates three skills in a real terminal, quits, and
// finds them in the chart after a restart.
func TestEndToEndSelfReview(t *testing.T) {
	dir := t.TempDir()
	env := testEnv(dir)
	tm := startTerminal(t, env, 80, 24)
	tm.waitFor("まだエンゲージメントがありません")
	tm.send("s")
	tm.waitFor("まだ振り返りはありません")
	tm.send("n")
	tm.waitFor("何を振り返りますか")
	tm.send("5", keyEnter) // プロセス全体のスキル
	tm.waitFor("1. 観察傾聴")
	tm.send("4", keyTab, keyTab)
	tm.send("週報の言葉の変化に気づいて声をかけた")
	tm.waitFor("週報の言葉の変化に気づいて声をかけた")
	tm.send(ctrlN)
	tm.waitFor("2. 取り次ぎ")
	tm.send("2")
	tm.send(ctrlN)
	tm.waitFor("3. 代案提示")
	tm.send("5")
	tm.waitFor("(●) 5 非常に高い")
	tm.waitFor("保存済み")
	tm.send(ctrlC)
	tm.waitExit()

	tm2 := startTerminal(t, env, 80, 24)
	tm2.waitFor("途中のセッションがあります")
	tm2.send("n")
	tm2.waitFor("まだエンゲージメントがありません")
	tm2.send("s")
	tm2.waitFor(today().Time().Format("01/02") + "*") // today's review, still in progress
	tm2.send(strings.Repeat("j", 17))
	tm2.waitFor("代案提示 — 5 非常に高い")
	screen := tm2.screen.Text()
	for _, want := range []string{"観察傾聴 4", "取り次ぎ 2", "代案提示 5"} {
		if !containsRow(screen, want) {
			t.Errorf("chart lacks %q:\n%s", want, screen)
		}
	}
	tm2.send(ctrlC)
	tm2.waitExit()
	if os.Getenv("BANSOU_E2E_SHOW") != "" {
		t.Logf("screen:\n%s", screen)
	}
}

// containsRow reports whether a line holds the words of want in order,
// whatever the spacing between them.
func containsRow(screen, want string) bool {
	w := strings.Fields(want)
	for _, line := range strings.Split(screen, "\n") {
		f := strings.Fields(line)
		for i := 0; i+len(w) <= len(f); i++ {
			if strings.Join(f[i:i+len(w)], " ") == strings.Join(w, " ") {
				return true
			}
		}
	}
	return false
}

// TestSkillsTextListsMethodsAndEachTypesFocus: `bansou skills` in text
// prints what its help promises: each skill's development methods, and
// what it asks of each kind of companion; the JSON carries the latter too.
func TestSkillsTextListsMethodsAndEachTypesFocus(t *testing.T) {
	lib, err := content.Library()
	if err != nil {
		t.Fatal(err)
	}
	code, out, stderr := runCLI(t, isolated(t), "--lang", "ja", "skills")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, s := range lib.Skills.Skills {
		for _, m := range s.Methods {
			if want := "育て方 " + m.Title.Ja + ": " + m.Text.Ja; !strings.Contains(out, want) {
				t.Errorf("%s: lacks its method %q", s.ID, m.Title.Ja)
			}
		}
		if f := s.ByType[model.Host]; !strings.Contains(out, "越境先: "+f.Focus.Ja) {
			t.Errorf("%s: lacks the host's focus", s.ID)
		}
	}
	_, js, _ := runCLI(t, isolated(t), "skills", "--format", "json")
	if !strings.Contains(js, `"by_type"`) || !strings.Contains(js, `"third_party"`) {
		t.Error("the JSON lacks each type's focus")
	}
}
