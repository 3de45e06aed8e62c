package model

import (
	"reflect"
	"strings"
	"testing"
)

// A valid orientation; tests break it in one place at a time.
const goodOrientation = `# 初めての伴走者へ
sections:
  - id: back-and-forth
    refs: L116–L120
    title: {ja: 行って、戻ってくる, en: Going out and coming back}
    text:
      ja: 越境学習は、行って戻ってくるまでがひとつの学びです。
      en: Cross-boundary learning is one journey, out and back again.
  - id: double-gap
    title:
      ja: 二つのずれ
      en: Two gaps
    text:
      ja: |
        行った先でとまどい、戻ってまたとまどいます。
        そのずれが学びの種になります。
      en: |
        The learner is puzzled out there, and puzzled again at home.
        Both gaps are where the learning starts.
`

// TestLoadOrientation reads the sections in the order written, each with
// its title on one line, its Markdown text, its refs and its line.
func TestLoadOrientation(t *testing.T) {
	lib, errs := load(t, map[string]string{"flows/purpose.yaml": goodFlow, "orientation/orientation.yaml": goodOrientation})
	if errs != nil {
		t.Fatal(errs)
	}
	want := []Section{
		{ID: "back-and-forth", Refs: "L116–L120", Line: 3,
			Title: Text{Ja: "行って、戻ってくる", En: "Going out and coming back"},
			Text:  Text{Ja: "越境学習は、行って戻ってくるまでがひとつの学びです。", En: "Cross-boundary learning is one journey, out and back again."}},
		{ID: "double-gap", Line: 9,
			Title: Text{Ja: "二つのずれ", En: "Two gaps"},
			Text: Text{Ja: "行った先でとまどい、戻ってまたとまどいます。\nそのずれが学びの種になります。",
				En: "The learner is puzzled out there, and puzzled again at home.\nBoth gaps are where the learning starts."}},
	}
	if !reflect.DeepEqual(lib.Orientation, want) {
		t.Fatalf("orientation:\n%+v\nwant\n%+v", lib.Orientation, want)
	}
}

// TestNoOrientationFolder: content without orientation/ loads, with no
// orientation of its own (the caller keeps the built-in one).
func TestNoOrientationFolder(t *testing.T) {
	lib, errs := load(t, map[string]string{"flows/purpose.yaml": goodFlow})
	if errs != nil {
		t.Fatal(errs)
	}
	if lib.Orientation != nil {
		t.Fatalf("orientation = %+v, want none", lib.Orientation)
	}
}

// TestOrientationErrorsHaveFileAndLine: every problem of an orientation file
// is reported with the file and the line it is on.
func TestOrientationErrorsHaveFileAndLine(t *testing.T) {
	const file = "orientation/orientation.yaml"
	tests := []struct{ name, old, new, want string }{
		{"unknown key", "    refs: L116–L120\n", "    refs: L116–L120\n    summary: {ja: 要約, en: Summary}\n",
			`orientation/orientation.yaml:5: unknown key "summary" in section (allowed: id, refs, title, text)`},
		{"missing en", "      en: Cross-boundary learning is one journey, out and back again.\n", "",
			`orientation/orientation.yaml:6: section "back-and-forth" text is missing its en text`},
		{"missing ja", "      ja: 二つのずれ\n", "",
			`orientation/orientation.yaml:10: section "double-gap" title is missing its ja text`},
		{"missing text", "    text:\n      ja: 越境学習は、行って戻ってくるまでがひとつの学びです。\n      en: Cross-boundary learning is one journey, out and back again.\n", "",
			`orientation/orientation.yaml:3: section "back-and-forth" text is missing (needs ja and en)`},
		{"duplicate id", "  - id: double-gap", "  - id: back-and-forth",
			`orientation/orientation.yaml:9: duplicate section id "back-and-forth" (first defined at orientation/orientation.yaml:3)`},
		{"bad id", "  - id: double-gap", "  - id: 二つのずれ",
			`orientation/orientation.yaml:9: section id "二つのずれ" must be lowercase letters, digits and hyphens`},
		{"no sections", goodOrientation, "sections: []\n",
			`orientation/orientation.yaml:1: the orientation has no sections`},
		{"sections left empty", goodOrientation, "# まだ書いていない\nsections:\n",
			`orientation/orientation.yaml:2: the orientation has no sections`},
		{"no sections key", goodOrientation, "section:\n  - id: a\n",
			`orientation/orientation.yaml:1: unknown key "section" in orientation (allowed: sections)`},
		{"sections not a list", goodOrientation, "sections: 往還\n",
			`orientation/orientation.yaml:1: orientation sections must be a list`},
		{"not YAML", "      en: Two gaps", "      en: Two: gaps",
			`orientation/orientation.yaml:12: not valid YAML: mapping values are not allowed in this context`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !strings.Contains(goodOrientation, tt.old) {
				t.Fatalf("fixture text %q not found", tt.old)
			}
			body := strings.Replace(goodOrientation, tt.old, tt.new, 1)
			_, errs := load(t, map[string]string{"flows/purpose.yaml": goodFlow, file: body})
			for _, e := range errs {
				if e.Error() == tt.want {
					return
				}
			}
			t.Fatalf("errors:\n%v\nwant:\n%s", errs, tt.want)
		})
	}
}

// TestOrientationIsReadAcrossFiles: sections of several files follow the
// files' order, and an id repeated in a second file names the first.
func TestOrientationIsReadAcrossFiles(t *testing.T) {
	second := `sections:
  - id: balance
    title: {ja: 詰めすぎず、放っておかず, en: Neither crowding nor leaving alone}
    text: {ja: ほどよい距離を探します。, en: Look for the right distance.}
`
	lib, errs := load(t, map[string]string{"flows/purpose.yaml": goodFlow,
		"orientation/1-why.yaml": goodOrientation, "orientation/2-how.yaml": second})
	if errs != nil {
		t.Fatal(errs)
	}
	var ids []string
	for _, s := range lib.Orientation {
		ids = append(ids, s.ID)
	}
	if got := strings.Join(ids, " "); got != "back-and-forth double-gap balance" {
		t.Fatalf("sections = %s", got)
	}
	_, errs = load(t, map[string]string{"flows/purpose.yaml": goodFlow,
		"orientation/1-why.yaml": goodOrientation, "orientation/2-how.yaml": strings.Replace(second, "id: balance", "id: double-gap", 1)})
	want := `orientation/2-how.yaml:2: duplicate section id "double-gap" (first defined at orientation/1-why.yaml:9)`
	if len(errs) != 1 || errs[0].Error() != want {
		t.Fatalf("errors:\n%v\nwant:\n%s", errs, want)
	}
}
