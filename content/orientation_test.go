package content_test

import (
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"bansou/content"
)

// sentenceEnd ends a sentence in either language.
var sentenceEnd = regexp.MustCompile(`[。？！]|[.?!](\s|$)`)

// TestOrientationIsShortAndInBothLanguages: the built-in orientation has
// five to seven sections, on the round trip and its two gaps, why a
// companion matters, the three kinds of companion, the balance of support
// and how bansou helps; each has a one-line title and a short text (two to
// five sentences) in Japanese and in English, and names the guideline lines
// it draws on.
func TestOrientationIsShortAndInBothLanguages(t *testing.T) {
	sections := loadEmbedded(t).Orientation
	if n := len(sections); n < 5 || n > 7 {
		t.Fatalf("%d sections, want 5 to 7", n)
	}
	byID := map[string]string{}
	for _, s := range sections {
		byID[s.ID] = s.Text.Ja + "\n" + s.Text.En
		both(t, s.ID+" title", s.Title)
		both(t, s.ID+" text", s.Text)
		if strings.Contains(s.Title.Ja+s.Title.En, "\n") {
			t.Errorf("%s: the title is more than one line: %+v", s.ID, s.Title)
		}
		for lang, text := range map[string]string{"ja": s.Text.Ja, "en": s.Text.En} {
			if n := len(sentenceEnd.FindAllString(text, -1)); n < 2 || n > 5 {
				t.Errorf("%s: the %s text has %d sentences, want 2 to 5: %q", s.ID, lang, n, text)
			}
		}
		if s.Refs == "" {
			t.Errorf("%s names no guideline lines", s.ID)
		}
	}
	topics := map[string][]string{
		"back-and-forth":   {"所属組織", "越境先", "戻", "come back"},
		"double-gap":       {"二重のギャップ", "double gap"},
		"why-a-companion":  {"出発前", "越境中", "帰任後", "Before departure", "during the stint", "after the return"},
		"three-companions": {"所属組織", "越境先", "第三者", "sending side", "host", "third party"},
		"balance":          {"支えすぎ", "放っておき", "問い返し", "Support too much", "alone too long", "ask back"},
		"how-bansou-helps": {"チェックリストではありません", "非公開", "学習者ビュー", "not a checklist", "private", "learner view"},
	}
	for id, words := range topics {
		text, ok := byID[id]
		if !ok {
			t.Errorf("no section %s", id)
			continue
		}
		for _, w := range words {
			if !strings.Contains(text, w) {
				t.Errorf("section %s does not say %q", id, w)
			}
		}
	}
}

// TestContentFolderKeepsTheBuiltInOrientation: a content folder without
// orientation/ runs with the built-in orientation; one with its own runs
// with that.
func TestContentFolderKeepsTheBuiltInOrientation(t *testing.T) {
	dir := t.TempDir()
	flow, err := os.ReadFile(filepath.Join("flows", "purpose.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(dir, "flows"), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "flows", "purpose.yaml"), flow, 0o600); err != nil {
		t.Fatal(err)
	}
	lib, err := content.LoadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	builtIn := loadEmbedded(t).Orientation
	if len(builtIn) == 0 || !reflect.DeepEqual(lib.Orientation, builtIn) {
		t.Fatalf("orientation = %d sections, want the %d built in", len(lib.Orientation), len(builtIn))
	}
	own := "sections:\n  - id: welcome\n    title: {ja: ようこそ, en: Welcome}\n    text: {ja: 私たちの伴走の進め方です。まず読んでください。, en: How we accompany learners here. Read this first.}\n"
	if err := os.MkdirAll(filepath.Join(dir, "orientation"), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "orientation", "ours.yaml"), []byte(own), 0o600); err != nil {
		t.Fatal(err)
	}
	lib, err = content.LoadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(lib.Orientation) != 1 || lib.Orientation[0].Title.Ja != "ようこそ" {
		t.Fatalf("orientation = %+v, want the folder's own", lib.Orientation)
	}
}
