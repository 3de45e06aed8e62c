package report

import (
	"strings"
	"testing"

	"bansou/content"
	"bansou/model"
)

// TestTheOrientationIsOneDocument: every section of the built-in
// orientation appears under its title, in order, in the language asked.
func TestTheOrientationIsOneDocument(t *testing.T) {
	lib, err := content.Library()
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range []model.Lang{model.Ja, model.En} {
		md := OrientationMarkdown(lib.Orientation, lang)
		if !strings.HasPrefix(md, "# "+wordsIn(lang).orientation+"\n") {
			t.Fatalf("%s: starts %q", lang, md[:40])
		}
		at := 0
		for _, s := range lib.Orientation {
			i := strings.Index(md[at:], "## "+s.Title.In(lang)+"\n")
			if i < 0 {
				t.Fatalf("%s: section %q missing or out of order", lang, s.ID)
			}
			at += i
			if first := strings.SplitN(strings.TrimSpace(s.Text.In(lang)), "\n", 2)[0]; !strings.Contains(md[at:], first) {
				t.Fatalf("%s: section %q lacks its text", lang, s.ID)
			}
		}
	}
}
