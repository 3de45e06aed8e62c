package tui

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestEveryTextExistsInBothLanguages reads the interface's source for text
// keys and checks each has a Japanese and an English text, and that the
// catalog holds no key that nothing uses.
func TestEveryTextExistsInBothLanguages(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	use := regexp.MustCompile(`\b(?:t|tf)\("([a-zA-Z]+\.[a-zA-Z.]+)"|bind(?:Shown)?\((?:"[^"]*", )?"([a-zA-Z]+\.[a-zA-Z.]+)"`)
	used := map[string]bool{}
	quoted := map[string]bool{} // any string literal, for keys passed through variables
	literal := regexp.MustCompile(`"([a-zA-Z]+\.[a-zA-Z.]+)"`)
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range use.FindAllStringSubmatch(string(src), -1) {
			used[m[1]+m[2]] = true
		}
		for _, m := range literal.FindAllStringSubmatch(string(src), -1) {
			quoted[m[1]] = true
		}
	}
	if len(used) < 50 {
		t.Fatalf("found only %d keys; the pattern is wrong", len(used))
	}
	for k := range used {
		v, ok := catalog[k]
		if !ok {
			t.Errorf("text %q is used but not in the catalog", k)
			continue
		}
		if strings.TrimSpace(v[0]) == "" || strings.TrimSpace(v[1]) == "" {
			t.Errorf("text %q lacks a language: %q", k, v)
		}
		if strings.Count(v[0], "%") != strings.Count(v[1], "%") {
			t.Errorf("text %q: the languages take different arguments: %q", k, v)
		}
	}
	// Keys built at run time from a prefix.
	dynamic := regexp.MustCompile(`^(phase|companion|due|warn)\.`)
	for k := range catalog {
		if !used[k] && !quoted[k] && !dynamic.MatchString(k) {
			t.Errorf("catalog text %q is never used", k)
		}
	}
}
