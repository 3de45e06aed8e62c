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
		{"unknown field", strings.Replace(good, `"format"`, `"color": 1, "format"`, 1), "color: unknown field"},
		{"another format", strings.Replace(good, `"bansou-export"`, `"something-else"`, 1), `format is "something-else"`},
		{"newer version", strings.Replace(good, `"version": 5`, `"version": 9`, 1), "version 9: this bansou reads export versions 1 to 5"},
		{"NUL", strings.Replace(good, `"不安"`, `"不\u0000安"`, 1), "engagements[0].ledger.anxieties[0].text: contains a NUL character"},
		{"dangling session", strings.Replace(good, `"session_id": 1,`, `"session_id": 7,`, 1), "engagements[0].ledger.anxieties[0].session_id: session 7 is not a session of this engagement"},
		{"missing uid", strings.Replace(good, `"uid": "e-1"`, `"uid": ""`, 1), "engagements[0].uid: missing"},
		{"trailing data", good + "{}", "unexpected data after the export"},
		{"wrong type", strings.Replace(good, `"version": 5`, `"version": "one"`, 1), `version: should be a whole number, not "one"`},
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
		strings.Replace(good, `"version": 5`, `"version": 1e999`, 1),
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

// editExport changes a valid export, decoded as plain JSON, and writes it
// back.
func editExport(t testing.TB, change func(doc map[string]any)) []byte {
	t.Helper()
	var doc map[string]any
	if err := json.Unmarshal(validExport(t), &doc); err != nil {
		t.Fatal(err)
	}
	change(doc)
	b, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// jsonAt walks a decoded JSON document: keys for objects, indexes for arrays.
func jsonAt(doc any, path ...any) map[string]any {
	for _, p := range path {
		switch k := p.(type) {
		case string:
			doc = doc.(map[string]any)[k]
		case int:
			doc = doc.([]any)[k]
		}
	}
	return doc.(map[string]any)
}

// TestParseExportNamesEveryFieldByItsPath: every value a file gets wrong
// is named by where it is (engagements[0].sessions[0].steps[1].value), on
// one line, in bansou's words: never a Go time layout or a type name.
// Every such value is listed, not only the first, and a text longer than
// a field may hold is refused too.
func TestParseExportNamesEveryFieldByItsPath(t *testing.T) {
	session := func(doc map[string]any) map[string]any { return jsonAt(doc, "engagements", 0, "sessions", 0) }
	step := func(doc map[string]any, i int) map[string]any { return jsonAt(session(doc), "steps", i) }
	tests := []struct {
		name   string
		change func(doc map[string]any)
		want   []string
	}{
		{"a date and time that is not one", func(doc map[string]any) {
			session(doc)["started_at"] = "2026-13-45T09:00:00Z"
		}, []string{`engagements[0].sessions[0].started_at: should be a date and time such as 2026-11-21T09:00:00Z, not "2026-13-45T09:00:00Z"`}},
		{"a day that does not exist", func(doc map[string]any) {
			jsonAt(doc, "engagements", 0)["start"] = "2026-02-30"
		}, []string{`engagements[0].start: should be a date such as 2026-11-21, not "2026-02-30"`}},
		{"a date as a number", func(doc map[string]any) {
			jsonAt(doc, "engagements", 0, "ledger", "anxieties", 0)["updated_at"] = 20261121
		}, []string{`engagements[0].ledger.anxieties[0].updated_at: should be a date and time such as 2026-11-21T09:00:00Z, not 20261121`}},
		{"every wrong value, each where it is", func(doc map[string]any) {
			step(doc, 1)["value"] = "三"
			step(doc, 2)["skipped"] = "はい"
			step(doc, 0)["colour"] = "赤"
			session(doc)["finished_at"] = "昨日"
		}, []string{
			`engagements[0].sessions[0].steps[1].value: should be a whole number, not "三"`,
			`engagements[0].sessions[0].steps[2].skipped: should be true or false, not "はい"`,
			`engagements[0].sessions[0].steps[0].colour: unknown field`,
			`engagements[0].sessions[0].finished_at: should be a date and time such as 2026-11-21T09:00:00Z, not "昨日"`,
		}},
		{"a NUL", func(doc map[string]any) {
			jsonAt(doc, "engagements", 0, "ledger", "anxieties", 0)["text"] = "不\x00安"
		}, []string{"engagements[0].ledger.anxieties[0].text: contains a NUL character"}},
		{"a text longer than a field holds", func(doc map[string]any) {
			step(doc, 2)["answer"] = strings.Repeat("長", 1<<20/3+1)
		}, []string{"engagements[0].sessions[0].steps[2].answer: 1.0 MB of text, more than the 1 MB a field may hold"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseExport(editExport(t, tt.change))
			var errs ImportErrors
			if !errors.As(err, &errs) {
				t.Fatalf("err = %v", err)
			}
			if len(errs) != len(tt.want) {
				t.Errorf("%d reasons, want %d: %q", len(errs), len(tt.want), errs)
			}
			for _, w := range tt.want {
				found := false
				for _, e := range errs {
					found = found || e == w
				}
				if !found {
					t.Errorf("no reason reads %q; got %q", w, errs)
				}
			}
			for _, e := range errs {
				if strings.Contains(e, "2006") || strings.Contains(e, "parsing time") || strings.Contains(e, "json:") ||
					strings.ContainsAny(e, "\n\t") || strings.HasPrefix(e, "export.") {
					t.Errorf("reason is not in bansou's words on one line: %q", e)
				}
			}
		})
	}
}
