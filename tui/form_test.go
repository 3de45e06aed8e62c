package tui

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"bansou/model"
)

// TestAFocusedSelectorIsMarkedInWords: without colour, the companion's
// type selector shows that it has the focus by a mark and the keys that
// change it (←/→), and only while it has it; ← and → then change it.
func TestAFocusedSelectorIsMarkedInWords(t *testing.T) {
	for _, theme := range []Theme{{NoColor: true}, {Dark: true}} {
		h := newHarness(t, 80, 24, func(o *Options) { o.Theme = theme })
		h.press("n")
		h.press("tab", "tab", "tab", "tab", "tab", "tab", "tab", "tab") // the first companion's name
		h.typeText("佐藤 一郎")
		if row := lineWith(t, h.screen(), "佐藤 一郎"); strings.Contains(row, "←/→") {
			t.Fatalf("the type is marked while the name has the focus: %q", row)
		}
		h.press("tab") // its type
		row := lineWith(t, h.screen(), "佐藤 一郎")
		if !strings.Contains(row, "◀ 所属組織 ▶ ←/→") || !strings.Contains(row, "┃") {
			t.Fatalf("the focused type selector is not marked in words (%+v): %q\n%s", theme, row, h.screen())
		}
		h.press("right")
		if row := lineWith(t, h.screen(), "佐藤 一郎"); !strings.Contains(row, "◀ 越境先 ▶ ←/→") {
			t.Fatalf("→ did not choose the host: %q", row)
		}
		h.press("tab") // the next row's name: the mark goes
		if row := lineWith(t, h.screen(), "佐藤 一郎"); strings.Contains(row, "←/→") {
			t.Fatalf("the mark stays after the focus left: %q", row)
		}
	}
}

// TestTheCompanionsHelpSaysToTabToTheType: the help over the companions
// says the type is reached with tab before ←/→ choose it.
func TestTheCompanionsHelpSaysToTabToTheType(t *testing.T) {
	for _, tc := range []struct {
		lang model.Lang
		want string
	}{{model.Ja, "種類は tab で移ってから ←/→ で選びます"}, {model.En, "tab to the type, then ←/→"}} {
		h := newHarness(t, 120, 30, withLang(tc.lang))
		h.press("n")
		h.contains(tc.want)
	}
}

// placeholderDate finds the example date the field labelled label shows.
func placeholderDate(t *testing.T, h *harness, label string) model.Date {
	t.Helper()
	m := regexp.MustCompile(`例: (\d{4}-\d{2}-\d{2})`).FindStringSubmatch(lineWith(t, h.screen(), label))
	if m == nil {
		t.Fatalf("no example date for %s: %q", label, lineWith(t, h.screen(), label))
	}
	d, err := model.ParseDate(m[1])
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// TestFormPlaceholdersCannotBeTakenForValues: every placeholder of the
// form reads as an example or a default (例: …, 既定 …), in faint italics
// even without colour, and the example dates come from today: the start
// is never a day already past, the end after it.
func TestFormPlaceholdersCannotBeTakenForValues(t *testing.T) {
	for _, now := range []time.Time{clock, time.Date(2031, 3, 4, 9, 0, 0, 0, time.UTC), time.Date(2027, 12, 31, 23, 0, 0, 0, time.UTC)} {
		h := newHarness(t, 80, 24, func(o *Options) {
			o.Theme = Theme{NoColor: true}
			o.Now = func() time.Time { return now }
		})
		h.press("n")
		today := model.DateOf(now)
		start, end := placeholderDate(t, h, "開始日"), placeholderDate(t, h, "終了日")
		if start.Before(today) || !today.Before(end) || !start.Before(end) {
			t.Fatalf("on %s the example dates are %s – %s", today, start, end)
		}
		for label, want := range map[string]string{"学習者": "例: 山田 花子", "最初の2か月の面談間隔": "既定 7",
			"その後の面談間隔": "既定 14"} {
			if !strings.Contains(lineWith(t, h.screen(), label), want) {
				t.Errorf("%s shows no %q: %q", label, want, lineWith(t, h.screen(), label))
			}
		}
		h.contains("例: 佐藤 一郎") // the first companion's name
		raw := h.app.View().Content
		for _, ph := range []string{"例: " + start.String(), "例: 山田 花子", "既定 7", "例: 佐藤 一郎"} {
			if !faintItalic(raw, ph) {
				t.Errorf("%q is not in faint italics: %q", ph, raw)
			}
		}
		// Typed, the value is plain text, not faint; a date that cannot be
		// read is told with the same example.
		h.typeText("山田")
		if faintItalic(h.app.View().Content, "山田") {
			t.Error("a typed value looks like a placeholder")
		}
		h.press("tab", "tab", "tab")
		h.typeText("2026-13-01")
		h.press("ctrl+s")
		h.contains("日付として読めません（例: " + start.String() + "）")
	}
}

// faintItalic reports whether text is drawn right after an SGR sequence
// that sets both faint (2) and italic (3).
func faintItalic(raw, text string) bool {
	at := strings.Index(raw, text)
	if at < 0 {
		return false
	}
	m := regexp.MustCompile(`\x1b\[([0-9;]*)m$`).FindStringSubmatch(raw[:at])
	if m == nil {
		return false
	}
	ps := strings.Split(m[1], ";")
	has := func(p string) bool {
		for _, x := range ps {
			if x == p {
				return true
			}
		}
		return false
	}
	return has("2") && has("3")
}
