package model

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"
)

// fillSheet fills a written sheet as a rater would in a text editor:
// header fields by name, and per skill its level and evidence (the
// evidence may hold a line break, continued on the next line).
func fillSheet(t *testing.T, sheet string, header map[string]string, skills map[string][2]string) string {
	t.Helper()
	var out []string
	cur := ""
	for _, line := range strings.Split(sheet, "\n") {
		if id, ok := strings.CutPrefix(line, "skill: "); ok {
			cur = id
		}
		name, _, ok := strings.Cut(line, ":")
		if ok && !strings.HasPrefix(line, "#") {
			if v, ok := header[name]; ok {
				line = name + ": " + v
			}
			if v, ok := skills[cur]; ok && name == "level" {
				line = "level: " + v[0]
			}
			if v, ok := skills[cur]; ok && name == "evidence" {
				line = "evidence: " + v[1]
			}
		}
		out = append(out, line)
	}
	return strings.Join(out, "\n")
}

var sheetNow = time.Date(2025, 8, 1, 9, 0, 0, 0, time.UTC)

// TestRatingSheetRoundTripInJapanese: a sheet written for two skills is
// filled in Japanese (a full-width level, evidence over two lines, the
// closing parts) and read back as the rating; what was left empty is
// listed.
func TestRatingSheetRoundTripInJapanese(t *testing.T) {
	m := focusMap()
	sheet := WriteRatingSheet(m, RatingSheet{UID: "abc123", For: "佐藤 花子", Lang: Ja,
		Skills: []string{"observation-listening", "liaison", "offering-alternatives"}})
	for _, want := range []string{"# bansou スキル評価シート", "佐藤 花子さんの伴走を見てきた", "代わりにどうするとよいか",
		"for: 佐藤 花子", "sheet: abc123", "skill: liaison", "#   1 非常に低い: 連絡役1", "#   5 非常に高い: 連絡役5"} {
		if !strings.Contains(sheet, want) {
			t.Errorf("the sheet lacks %q:\n%s", want, sheet)
		}
	}
	if strings.Contains(sheet, "purpose-elicitation") {
		t.Errorf("a skill not asked for is on the sheet")
	}
	for _, line := range strings.Split(sheet, "\n") {
		if line != "" && !strings.HasPrefix(line, "#") && !strings.Contains(line, ":") {
			t.Errorf("a line a rater would not know what to do with: %q", line)
		}
	}
	filled := fillSheet(t, sheet, map[string]string{"rater": "山田 太郎", "relation": "メンター", "date": "2025/7/20",
		"worked": "週報への短い返事で、本人が次の一手を自分で決められた", "improvement": "面談の最後に自分の案を先に出していた",
		"alternative": "まず本人の案を聞いてから、必要なら添える", "reason": "自分で決めたという感覚が次の挑戦につながるから"},
		map[string][2]string{
			"observation-listening": {"４", "沈黙を急いで埋めず、本人が話し出すのを待っていた。\n次の週、本人から相談が来た"},
			"offering-alternatives": {"2 低い", ""},
		})
	got, err := ParseRatingSheet("山田.txt", []byte(filled), m, Ja, sheetNow)
	if err != nil {
		t.Fatal(err)
	}
	r := got.Rating
	if r.UID != "abc123" || r.For != "佐藤 花子" || r.Rater != "山田 太郎" || r.Relation != RelationMentor ||
		!r.At.Equal(time.Date(2025, 7, 20, 0, 0, 0, 0, time.UTC)) || got.DateMissing {
		t.Errorf("header: %+v", r)
	}
	want := []PeerSkill{
		{SkillID: "observation-listening", Level: 4, Evidence: "沈黙を急いで埋めず、本人が話し出すのを待っていた。\n次の週、本人から相談が来た"},
		{SkillID: "offering-alternatives", Level: 2},
	}
	if fmt.Sprint(r.Skills) != fmt.Sprint(want) {
		t.Errorf("skills %+v\nwant %+v", r.Skills, want)
	}
	if r.Worked != "週報への短い返事で、本人が次の一手を自分で決められた" || r.Reason != "自分で決めたという感覚が次の挑戦につながるから" {
		t.Errorf("closing: %+v", r)
	}
	if !slices.Equal(got.EmptySkills, []string{"liaison"}) || len(got.EmptyParts) != 0 {
		t.Errorf("left empty: %v %v", got.EmptySkills, got.EmptyParts)
	}
	if err := r.Validate(m); err != nil {
		t.Error(err)
	}
}

// TestRatingSheetHalfFilled: a sheet with only one skill filled and no
// date reads that skill, dates it now, and lists the rest as empty.
func TestRatingSheetHalfFilled(t *testing.T) {
	m := focusMap()
	sheet := WriteRatingSheet(m, RatingSheet{UID: "half", Lang: Ja})
	filled := fillSheet(t, sheet, map[string]string{"rater": "鈴木", "relation": "peer"},
		map[string][2]string{"liaison": {"3", "会社への報告を欠かさなかった"}})
	got, err := ParseRatingSheet("half.txt", []byte(filled), m, Ja, sheetNow)
	if err != nil {
		t.Fatal(err)
	}
	if !got.DateMissing || !got.Rating.At.Equal(sheetNow) || len(got.Rating.Skills) != 1 {
		t.Errorf("got %+v", got)
	}
	if len(got.EmptySkills) != 4 || !slices.Equal(got.EmptyParts, []string{"worked", "improvement", "alternative", "reason"}) {
		t.Errorf("empty: %v %v", got.EmptySkills, got.EmptyParts)
	}
}

// TestRatingSheetErrorsNameFileAndLine: every problem is named by file and
// line, in the language asked; nothing filled, a binary file and a file
// that is no sheet are refused whole.
func TestRatingSheetErrorsNameFileAndLine(t *testing.T) {
	m := focusMap()
	sheet := WriteRatingSheet(m, RatingSheet{UID: "e1", Lang: Ja})
	lineOf := func(s, prefix string, nth int) int {
		for i, l := range strings.Split(s, "\n") {
			if strings.HasPrefix(l, prefix) {
				if nth == 0 {
					return i + 1
				}
				nth--
			}
		}
		t.Fatalf("no %q", prefix)
		return 0
	}
	bad := fillSheet(t, sheet, map[string]string{"rater": "山田", "relation": "先輩", "date": "七月"},
		map[string][2]string{"liaison": {"6", "報告が早い"}, "observation-listening": {"3", "よく聞く"}})
	bad = strings.Replace(bad, "skill: offering-alternatives", "skill: 代案", 1)
	bad = strings.Replace(bad, "level: 6\n", "level: 6\nとても高い\n", 1)
	_, err := ParseRatingSheet("評価.txt", []byte(bad), m, Ja, sheetNow)
	if err == nil {
		t.Fatal("a bad sheet was read")
	}
	for _, want := range []string{
		fmt.Sprintf("評価.txt:%d: 関係は mentor", lineOf(bad, "relation:", 0)),
		fmt.Sprintf("評価.txt:%d: 日付は", lineOf(bad, "date:", 0)),
		fmt.Sprintf("評価.txt:%d: 段階は 1〜5 の数字で書いてください（「6」）", lineOf(bad, "level: 6", 0)),
		fmt.Sprintf("評価.txt:%d: 「level」は1行で書いてください", lineOf(bad, "とても高い", 0)),
		fmt.Sprintf("評価.txt:%d: スキル「代案」はスキルの地図にありません", lineOf(bad, "skill: 代案", 0)),
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("%v\nwant %q", err, want)
		}
	}
	_, err = ParseRatingSheet("r.txt", []byte(strings.Replace(sheet, "relation: ", "relation: other", 1)), m, En, sheetNow)
	if err == nil || !strings.Contains(err.Error(), "r.txt:") || !strings.Contains(err.Error(), "the rater's name is missing") {
		t.Errorf("an empty sheet in English: %v", err)
	}
	empty := fillSheet(t, sheet, map[string]string{"rater": "山田", "relation": "boss"}, nil)
	if _, err := ParseRatingSheet("r.txt", []byte(empty), m, Ja, sheetNow); err == nil || !strings.Contains(err.Error(), "何も書き込まれていません") {
		t.Errorf("nothing filled: %v", err)
	}
	if _, err := ParseRatingSheet("photo.png", []byte("\x89PNG\r\n\x1a\n\x00\x00"), m, Ja, sheetNow); err == nil ||
		!strings.Contains(err.Error(), "photo.png: テキストファイルではありません") {
		t.Errorf("binary: %v", err)
	}
	if _, err := ParseRatingSheet("memo.txt", []byte("# メモ\n買い物: 牛乳\n"), m, Ja, sheetNow); err == nil ||
		!strings.Contains(err.Error(), "memo.txt:2: bansou の評価シートではありません") {
		t.Errorf("not a sheet: %v", err)
	}
}
