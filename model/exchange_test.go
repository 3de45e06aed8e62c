package model

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"unicode/utf8"
)

func validExport(t testing.TB) []byte {
	t.Helper()
	s := NewSession(testFlow(), 1, Ja, t0)
	s.ID, s.UID = 1, "s-1"
	doc := NewExport(t0, EngagementExport{
		Engagement: Engagement{ID: 1, UID: "e-1", Learner: Learner{UID: "l-1", Name: "山田"},
			Start: NewDate(2026, 4, 1), End: NewDate(2026, 9, 30)},
		Sessions: []Session{s},
		Ledger:   Ledger{Anxieties: []Anxiety{{ID: "a-1", SessionID: 1, Text: "不安"}}},
	})
	b, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestParseExportAcceptsAnExport(t *testing.T) {
	doc, err := ParseExport(validExport(t))
	if err != nil || len(doc.Engagements) != 1 || doc.Engagements[0].Sessions[0].UID != "s-1" {
		t.Fatalf("doc = %+v, err = %v", doc, err)
	}
}

func TestParseExportAcceptsAByteOrderMark(t *testing.T) {
	doc, err := ParseExport(append([]byte("\uFEFF"), validExport(t)...))
	if err != nil || len(doc.Engagements) != 1 {
		t.Fatalf("an export saved with a byte-order mark: %+v, %v", doc, err)
	}
}

func TestParseExportRejectsBadFilesClearly(t *testing.T) {
	good := string(validExport(t))
	tests := []struct {
		name string
		data string
		want string
	}{
		{"not JSON", "{\n  \"format\": \"bansou-export\",\n  oops\n}", "line 3, column 3: not valid JSON"},
		{"cut short", good[:len(good)/2], "the file ends before the export does"},
		{"invalid UTF-8", strings.Replace(good, "山田", "山\xff田", 1), "is not valid UTF-8 text"},
		{"unknown field", strings.Replace(good, `"format"`, `"color": 1, "format"`, 1), `unknown field "color"`},
		{"another format", strings.Replace(good, `"bansou-export"`, `"something-else"`, 1), `format is "something-else"`},
		{"newer version", strings.Replace(good, `"version": 4`, `"version": 9`, 1), "version 9: this bansou reads export versions 1 to 4"},
		{"NUL", strings.Replace(good, `"不安"`, `"不\u0000安"`, 1), "engagements[0].ledger.anxieties[0].text: contains a NUL character"},
		{"dangling session", strings.Replace(good, `"session_id": 1,`, `"session_id": 7,`, 1), "engagements[0].ledger.anxieties[0].session_id: session 7 is not a session of this engagement"},
		{"missing uid", strings.Replace(good, `"uid": "e-1"`, `"uid": ""`, 1), "engagements[0].uid: missing"},
		{"trailing data", good + "{}", "unexpected data after the export"},
		{"wrong type", strings.Replace(good, `"version": 4`, `"version": "one"`, 1), "line 3, column 19: version should be int, not string"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseExport([]byte(tt.data))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v\nwant it to say %q", err, tt.want)
			}
		})
	}
}

// FuzzParseExport reads arbitrary bytes as an export file. It never panics
// or hangs; a refused file gets one or more printable one-line reasons; an
// accepted one survives being written out and read again unchanged.
func FuzzParseExport(f *testing.F) {
	good := string(validExport(f))
	for _, seed := range []string{
		good,
		strings.Replace(good, "山田", "山\xff田", 1),
		strings.Replace(good, `"不安"`, `"不\u0000安"`, 1),
		strings.Replace(good, `"不安"`, "\"不\x00安\"", 1),
		strings.Replace(good, `"不安"`, `"赤\u001b[31m字\u001b]52;c;ZXZpbA==\u0007\u009b"`, 1),
		strings.Replace(good, `"format"`, "\"\x1b[2J\": 1, \"format\"", 1),
		strings.Replace(good, `"version": 4`, `"version": 1e999`, 1),
		good[:len(good)/3],
		"\xef\xbb\xbf" + good,
		"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
		`{"format":"bansou-export","version":1,"engagements":[{"sessions":[{"steps":[{},{}]}]}],"self_reviews":[{}],"rounds":[{}]}`,
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := ParseExport(data)
		if err != nil {
			var errs ImportErrors
			if !errors.As(err, &errs) || len(errs) == 0 {
				t.Fatalf("refused without reasons: %T %v", err, err)
			}
			for _, e := range errs {
				if e == "" || !utf8.ValidString(e) || TermSafe(e) != e || strings.ContainsAny(e, "\n\t") {
					t.Errorf("reason is not one printable line: %q", e)
				}
			}
			return
		}
		out, err := json.Marshal(doc)
		if err != nil {
			t.Fatalf("an accepted export cannot be written: %v", err)
		}
		again, err := ParseExport(out)
		if err != nil {
			t.Fatalf("an accepted export, written out, is refused: %v\n%s", err, out)
		}
		if out2, _ := json.Marshal(again); string(out2) != string(out) {
			t.Fatalf("the round trip changed the export:\n%s\n%s", out, out2)
		}
	})
}
