package editor

import (
	"strings"
	"testing"
	"unicode/utf8"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
)

// fuzzKeys are the editing keys a fuzzed input presses, one per byte.
var fuzzKeys = []string{"left", "right", "up", "down", "home", "end", "pgup", "pgdown", "backspace", "delete",
	"enter", "alt+left", "alt+right", "ctrl+w", "alt+d", "ctrl+u", "ctrl+k", "ctrl+z", "ctrl+y", "ctrl+home", "ctrl+end"}

// FuzzEditorView pastes arbitrary text into an editor of any size, presses
// arbitrary editing keys and types, and checks what the editor promises:
// the paste is kept in full (line ends and tabs normalised, NUL dropped);
// the text stays valid UTF-8 whatever the keys; and the view is the
// editor's size (see checkView), valid UTF-8, with no control character a
// terminal would act on and no bidirectional formatting character, and the
// caret inside it.
func FuzzEditorView(f *testing.F) {
	f.Add("一行目\r\n二行目\x1b[31m赤\x07\tタブ", uint8(30), uint8(4), []byte{0, 2, 8, 10})
	f.Add("nul\x00と\x7fと\u009b31mと\xff\xfe不正", uint8(10), uint8(2), []byte{4, 9, 17, 18})
	f.Add("😀👨‍👩‍👧が\u3099ｶﾞ e\u0301 \U0001F1EF\U0001F1F5", uint8(3), uint8(1), []byte{12, 13, 1, 1, 1})
	f.Add(strings.Repeat("あいうえお　", 200), uint8(1), uint8(0), []byte{6, 7, 19, 20, 15, 16})
	f.Add("添付\u202egnp.exe\u202c\u2066左\u2069\u200e\u200f\u061c", uint8(6), uint8(3), []byte{0, 1, 8, 2})
	f.Fuzz(func(t *testing.T, text string, w, h uint8, keys []byte) {
		m := newEditor(int(w)%120, int(h)%24)
		m, _ = m.Update(tea.PasteMsg{Content: text})
		noNUL := strings.ReplaceAll(strings.ToValidUTF8(text, "\uFFFD"), "\x00", "") // CR NUL LF is one line end
		want := strings.NewReplacer("\r\n", "\n", "\r", "\n", "\t", "    ").Replace(noNUL)
		if got := m.Value(); got != want {
			t.Fatalf("pasted %q, holds %q", text, got)
		}
		checkView(t, m)
		for _, k := range keys {
			m = press(m, fuzzKeys[int(k)%len(fuzzKeys)])
		}
		m = typeText(m, "字")
		checkView(t, m)
	})
}

func checkView(t *testing.T, m Model) {
	t.Helper()
	if !utf8.ValidString(m.Value()) {
		t.Fatalf("the text is not valid UTF-8: %q", m.Value())
	}
	v := m.View()
	if !utf8.ValidString(v) {
		t.Fatalf("view is not valid UTF-8: %q", v)
	}
	for _, r := range v {
		if r < 0x20 && r != '\n' || r >= 0x7f && r <= 0x9f || r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069 ||
			r == 0x200e || r == 0x200f || r == 0x061c {
			t.Fatalf("view writes control %U: %q", r, v)
		}
	}
	rows := strings.Split(v, "\n")
	if len(rows) != m.Height() {
		t.Fatalf("view has %d rows, not %d: %q", len(rows), m.Height(), v)
	}
	// A row is padded to the width. It can measure less where a prepended
	// mark (U+0600, U+070F) joins the cluster that follows it once drawn (a
	// stand-in, a padding space), which the layout around it pads anyway;
	// wider would break the layout.
	for i, row := range rows {
		if w := lipgloss.Width(row); w > m.Width() {
			t.Fatalf("row %d is %d cells wide, not %d: %q", i, w, m.Width(), row)
		}
	}
	if x, y, ok := m.Cursor(); ok && (x < 0 || x > m.Width() || y < 0 || y >= m.Height()) {
		t.Fatalf("caret at %d,%d outside %d×%d", x, y, m.Width(), m.Height())
	}
}
