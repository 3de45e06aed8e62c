package content_test

import (
	"strings"
	"testing"

	"bansou/content"
	"bansou/model"
)

// TestEmbeddedContentLoads fails on any validation error in the built-in
// content.
func TestEmbeddedContentLoads(t *testing.T) {
	lib, err := model.LoadLibrary(content.FS(), "")
	if err != nil {
		t.Fatalf("built-in content does not load:\n%v", err)
	}
	if len(lib.Flows) == 0 {
		t.Fatal("no flows")
	}
}

func TestPurposeFlowIsComplete(t *testing.T) {
	lib, err := model.LoadLibrary(content.FS(), "")
	if err != nil {
		t.Fatal(err)
	}
	f, ok := lib.Flow("purpose")
	if !ok {
		t.Fatal("purpose flow missing")
	}
	if f.Phase != model.Before || f.Mode != model.OneOnOne {
		t.Fatalf("phase %s mode %s", f.Phase, f.Mode)
	}
	if len(f.Prompts) < 10 {
		t.Fatalf("only %d prompts, want at least 10", len(f.Prompts))
	}
	both := func(what string, tx model.Text) {
		t.Helper()
		if strings.TrimSpace(tx.Ja) == "" || strings.TrimSpace(tx.En) == "" {
			t.Errorf("%s lacks a language: %+v", what, tx)
		}
		// The Japanese side must be Japanese and the English side not.
		if !hasJapanese(tx.Ja) {
			t.Errorf("%s: ja text has no Japanese: %q", what, tx.Ja)
		}
		if hasJapanese(tx.En) {
			t.Errorf("%s: en text contains Japanese: %q", what, tx.En)
		}
	}
	for _, p := range f.Prompts {
		both(p.ID+" title", p.Title)
		both(p.ID+" text", p.Text)
		both(p.ID+" listen", p.Listen)
		both(p.ID+" avoid", p.Avoid)
		if len(p.Followups) == 0 {
			t.Errorf("%s has no follow-up", p.ID)
		}
		for _, fu := range p.Followups {
			both(p.ID+"/"+fu.ID, fu.Text)
		}
		if !strings.Contains(p.Refs, "L") {
			t.Errorf("%s has no guideline line reference", p.ID)
		}
	}
}

func hasJapanese(s string) bool {
	for _, r := range s {
		if r >= 0x3040 && r <= 0x30FF || r >= 0x4E00 && r <= 0x9FFF {
			return true
		}
	}
	return false
}

func TestContentIsNotCopiedFromTheGuideline(t *testing.T) {
	// Long runs of the source text must not appear in the prompts: the
	// content is written in bansou's own words.
	lib, err := model.LoadLibrary(content.FS(), "")
	if err != nil {
		t.Fatal(err)
	}
	src := guidelinePhrases()
	for _, f := range lib.Flows {
		for _, p := range f.Prompts {
			for _, text := range []string{p.Text.Ja, p.Listen.Ja, p.Avoid.Ja} {
				for _, phrase := range src {
					if strings.Contains(text, phrase) {
						t.Errorf("%s/%s quotes the guideline: %q", f.ID, p.ID, phrase)
					}
				}
			}
		}
	}
}

// guidelinePhrases are characteristic sentences of the guideline's purpose
// extraction passages (L1031, L1044–L1047, L2087–L2090).
func guidelinePhrases() []string {
	return []string{
		"越境で何を実現したいか」を自分で言語化できるよう促す",
		"将来のキャリア像」を丁寧に引き出す",
		"理想と現実の乖離」を質問で掘り下げ",
		"越境学習者の希望を文書化・可視化し",
		"一方的に「こうせよ」と押しつけ",
	}
}
