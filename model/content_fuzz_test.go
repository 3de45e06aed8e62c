package model

import (
	"errors"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"
	"unicode/utf8"
)

// contentFixture is a valid content directory with one file of each kind;
// the fuzzer replaces one of them at a time.
var contentFixture = []struct{ name, body string }{
	{"flows/purpose.yaml", goodFlow},
	{"skills/map.yaml", goodSkills},
	{"rounds/consult.yaml", goodFormat},
	{"rounds/ground-rules.yaml", goodRules},
	{"cases/deck.yaml", goodCases},
	{"orientation/orientation.yaml", goodOrientation},
}

// yamlBreak is a line break as YAML counts them.
var yamlBreak = regexp.MustCompile("\r\n|[\r\n\u0085\u2028\u2029]")

// FuzzLoadContent gives every loader of content files (flows, skills, round
// formats, ground rules, cases, the orientation) arbitrary bytes in place of
// one valid file. Loading never panics or hangs (the fuzzer stops an input
// after 10 s), and every problem is reported as a ContentError that names a
// file of the directory and a line within it, on one line a terminal can
// print as is.
func FuzzLoadContent(f *testing.F) {
	for i, c := range contentFixture {
		f.Add(uint8(i), []byte(c.body))
	}
	f.Add(uint8(0), []byte(strings.Replace(goodFlow, "      en: Why?", "      en: \"Why\x1b[31m?\"", 1)))
	f.Add(uint8(0), []byte(strings.Replace(goodFlow, "なぜですか。", "なぜ\x00ですか。", 1)))
	f.Add(uint8(1), []byte(strings.Replace(goodSkills, "観察傾聴", "観察\xff傾聴", 1)))
	f.Add(uint8(2), []byte(strings.Replace(goodFormat, "相談する。", "\"相談\\qする。\"", 1)))
	f.Add(uint8(4), []byte(""))
	f.Add(uint8(3), []byte("rules: &r\n  - *r\n"))
	f.Add(uint8(0), []byte("\xef\xbb\xbfid: 目的\nphase: [before\n"))
	f.Fuzz(func(t *testing.T, which uint8, data []byte) {
		fsys := fstest.MapFS{}
		lines := map[string]int{}
		target := contentFixture[int(which)%len(contentFixture)].name
		for _, c := range contentFixture {
			body := []byte(c.body)
			if c.name == target {
				body = data
			}
			fsys[c.name] = &fstest.MapFile{Data: body}
			lines[c.name] = len(yamlBreak.FindAllIndex(body, -1)) + 1
		}
		lib, err := LoadLibrary(fsys, "")
		if err == nil {
			if len(lib.Flows) == 0 || lib.Skills == nil || lib.Rounds == nil || len(lib.Orientation) == 0 {
				t.Fatalf("loaded without error but incomplete: %d flows, skills %v, rounds %v, %d orientation sections", len(lib.Flows), lib.Skills, lib.Rounds, len(lib.Orientation))
			}
			return
		}
		var ces ContentErrors
		if !errors.As(err, &ces) || len(ces) == 0 {
			t.Fatalf("not a list of content errors: %T %v", err, err)
		}
		for _, e := range ces {
			n, known := lines[e.File]
			if !known {
				t.Errorf("error names no file of the directory: %q", e)
			}
			if e.Line < 1 || e.Line > n {
				t.Errorf("error names line %d of a %d-line file: %q", e.Line, n, e)
			}
			msg := e.Error()
			if e.Msg == "" || !utf8.ValidString(msg) || TermSafe(msg) != msg || strings.ContainsAny(msg, "\n\t") {
				t.Errorf("error is not one printable line: %q", msg)
			}
		}
	})
}
