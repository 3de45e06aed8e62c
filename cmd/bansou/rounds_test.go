package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"bansou/model"
)

// seedRounds saves two case consultations: the first finished, with a
// private note and next actions; the second started a week later.
func seedRounds(t *testing.T, env map[string]string) {
	t.Helper()
	o := &globalOptions{getenv: func(k string) string { return env[k] }}
	s, err := o.openStore()
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	lib, _ := o.library()
	f, _ := lib.Rounds.Format("case-consultation")
	ctx := context.Background()
	setup := model.RoundSetup{Format: f, Participants: []model.Participant{{Name: "佐藤 一郎", Type: model.Sending}, {Name: "田中　陽", Type: model.Host}},
		Facilitator: "佐藤 一郎", Presenter: "田中　陽", Scribe: "佐藤 一郎"}
	day := time.Date(2026, 11, 13, 14, 0, 0, 0, time.UTC)
	sess, rd := model.NewRound(setup, nil, model.Ja, day)
	rd.Timer.Start(day)
	rd.Timer.Next(day.Add(6 * time.Minute))
	rd.Timer.Pause(day.Add(9 * time.Minute))
	for i, st := range sess.Steps {
		switch st.Key {
		case "p:key-question":
			sess.Steps[i].Answer = "本人の頭越しに連絡せずに何ができたか"
			sess.Steps[i].Note = "NOTE-PRIVATE-ROUND 田中さんは疲れている"
		case "p:next-action:1":
			sess.Steps[i].Answer = "面談の最初に本人の望む支援を聞く"
		}
	}
	sess.Status, sess.FinishedAt = model.Done, day.Add(time.Hour)
	first, rd, err := s.StartRound(ctx, sess, rd)
	if err != nil {
		t.Fatal(err)
	}
	second, rd2 := model.NewRound(setup, rd.NextActions(first), model.Ja, day.AddDate(0, 0, 7))
	if _, _, err := s.StartRound(ctx, second, rd2); err != nil {
		t.Fatal(err)
	}
}

func TestRoundsCommandAndExport(t *testing.T) {
	env := isolated(t)
	if code, out, _ := runCLI(t, env, "rounds"); code != 0 || !strings.Contains(out, "no peer rounds yet") {
		t.Errorf("empty list: %d %q", code, out)
	}
	if code, _, stderr := runCLI(t, env, "export", "--round", "latest"); code != 1 || !strings.Contains(stderr, "no peer rounds yet") {
		t.Errorf("export with no rounds: %d %q", code, stderr)
	}
	seedRounds(t, env)
	code, out, stderr := runCLI(t, env, "rounds")
	if code != 0 || strings.Count(out, "case-consultation") != 2 || !strings.Contains(out, "田中　陽") || !strings.Contains(out, "in_progress") {
		t.Fatalf("list: %d %q %q", code, out, stderr)
	}
	code, out, _ = runCLI(t, env, "rounds", "--format", "json")
	var listing struct {
		Rounds []roundListing `json:"rounds"`
	}
	if err := json.Unmarshal([]byte(out), &listing); code != 0 || err != nil || len(listing.Rounds) != 2 || listing.Rounds[0].NextActions != 1 {
		t.Fatalf("json: %d %v %+v", code, err, listing)
	}
	firstID := listing.Rounds[0].ID

	// The first round's summary for its participants: no private note.
	code, out, stderr = runCLI(t, env, "export", "--round", fmt.Sprint(firstID))
	if code != 0 || !strings.Contains(out, "## 参加者と役割") || !strings.Contains(out, "本人の頭越しに連絡せずに何ができたか") ||
		!strings.Contains(out, "| ケースと問いの提示 | 10分 | 3分 |") {
		t.Fatalf("summary: %d %q\n%s", code, stderr, out)
	}
	if strings.Contains(out, "NOTE-PRIVATE-ROUND") {
		t.Error("the shared summary holds the private note")
	}
	path := filepath.Join(t.TempDir(), "round.md")
	if code, _, stderr = runCLI(t, env, "export", "--round", fmt.Sprint(firstID), "--include-private", "-o", path); code != 0 {
		t.Fatalf("private copy: %d %q", code, stderr)
	}
	data, _ := os.ReadFile(path)
	info, _ := os.Stat(path)
	if !strings.Contains(string(data), "NOTE-PRIVATE-ROUND") || info.Mode().Perm() != 0o600 {
		t.Errorf("private copy: mode %v\n%s", info.Mode().Perm(), data)
	}
	// The latest round asks how the first round's next action went.
	_, out, _ = runCLI(t, env, "export", "--round", "latest")
	if !strings.Contains(out, "## 前回の次の一手") || !strings.Contains(out, "面談の最初に本人の望む支援を聞く — 未記録") {
		t.Errorf("latest round:\n%s", out)
	}
	for _, c := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"export", "--round", "99"}, 1, "no round with id 99 (see bansou rounds)"},
		{[]string{"export", "--round", "x"}, 2, "--round takes latest or a round's id"},
		{[]string{"export", "--round", "latest", "--format", "json"}, 2, "leave out --format"},
		{[]string{"export", "--round", "latest", "--self-review", "latest"}, 2, "leave out --self-review"},
		{[]string{"rounds", "--format", "csv"}, 2, "unknown --format"},
	} {
		if code, _, stderr := runCLI(t, env, c.args...); code != c.code || !strings.Contains(stderr, c.want) {
			t.Errorf("%v: %d %q", c.args, code, stderr)
		}
	}
}
