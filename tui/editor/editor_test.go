package editor

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"bansou/internal/vt"
)

func newEditor(w, h int) Model {
	m := New()
	m.SetWidth(w)
	m.SetHeight(h)
	m.Focus()
	return m
}

func typeText(m Model, s string) Model {
	for _, r := range s {
		m, _ = m.Update(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
	return m
}

func press(m Model, keys ...string) Model {
	for _, k := range keys {
		m, _ = m.Update(keyMsg(k))
	}
	return m
}

func keyMsg(k string) tea.KeyPressMsg {
	mods := map[string]tea.KeyMod{"ctrl": tea.ModCtrl, "alt": tea.ModAlt, "shift": tea.ModShift}
	var mod tea.KeyMod
	parts := strings.Split(k, "+")
	for _, p := range parts[:len(parts)-1] {
		mod |= mods[p]
	}
	name := parts[len(parts)-1]
	codes := map[string]rune{
		"enter": tea.KeyEnter, "backspace": tea.KeyBackspace, "delete": tea.KeyDelete,
		"left": tea.KeyLeft, "right": tea.KeyRight, "up": tea.KeyUp, "down": tea.KeyDown,
		"home": tea.KeyHome, "end": tea.KeyEnd, "pgup": tea.KeyPgUp, "pgdown": tea.KeyPgDown,
	}
	if c, ok := codes[name]; ok {
		return tea.KeyPressMsg{Code: c, Mod: mod}
	}
	r := []rune(name)[0]
	return tea.KeyPressMsg{Code: r, Mod: mod}
}

func rows(m Model) []string {
	var out []string
	for _, l := range strings.Split(m.View(), "\n") {
		out = append(out, strings.TrimRight(l, " "))
	}
	return out
}

func TestWrapJapaneseAtWidth(t *testing.T) {
	m := newEditor(10, 4)
	m = typeText(m, "あいうえおかきくけこさしす")
	got := rows(m)
	want := []string{"あいうえお", "かきくけこ", "さしす", ""}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Fatalf("rows = %q, want %q", got, want)
	}
	x, y, ok := m.Cursor()
	if !ok || x != 6 || y != 2 {
		t.Fatalf("cursor = %d,%d,%v; want 6,2 (after す)", x, y, ok)
	}
	for i, l := range strings.Split(m.View(), "\n") {
		if w := lipgloss.Width(l); w != 10 {
			t.Errorf("row %d is %d cells wide, want 10", i, w)
		}
	}
}

func TestKinsokuKeepsPunctuationOffRowStart(t *testing.T) {
	m := newEditor(10, 3)
	m.SetValue("あいうえおか。きく")
	got := rows(m)
	// 。 cannot start the second row, so か moves down with it.
	if got[0] != "あいうえお" || got[1] != "か。きく" {
		t.Fatalf("rows = %q", got)
	}
}

func TestFullRowPutsCaretOnNextRow(t *testing.T) {
	m := newEditor(10, 3)
	m = typeText(m, "あいうえお")
	x, y, _ := m.Cursor()
	if x != 0 || y != 1 {
		t.Fatalf("cursor after a full row = %d,%d, want 0,1", x, y)
	}
}

func TestLatinWrapsAtSpaces(t *testing.T) {
	m := newEditor(12, 3)
	m.SetValue("hello world again")
	got := rows(m)
	if got[0] != "hello world" || got[1] != "again" {
		t.Fatalf("rows = %q", got)
	}
}

func TestMixedScriptsBreakBeforeJapanese(t *testing.T) {
	m := newEditor(12, 3)
	m.SetValue("Go で日本語の回答を書く")
	for i, l := range strings.Split(m.View(), "\n") {
		if w := lipgloss.Width(l); w != 12 {
			t.Errorf("row %d is %d cells wide", i, w)
		}
	}
	if got := rows(m); got[0] != "Go で日本語" || got[1] != "の回答を書く" {
		t.Fatalf("first row = %q", got[0])
	}
}

// TestVoicedHalfWidthKanaTakeTheCellsTerminalsGive types half-width
// katakana with voicing marks: a terminal gives ﾀﾞ two cells where a
// grapheme-cluster count gives one. The rows break where a terminal's cells
// run out, each row is as wide to Lip Gloss as to a terminal (ﾀﾞ is drawn
// ダ), the caret stands where the terminal has it, and the text is kept as
// typed; ﾀﾞ is one character to delete.
func TestVoicedHalfWidthKanaTakeTheCellsTerminalsGive(t *testing.T) {
	m := newEditor(10, 3)
	typed := "ﾀﾞｲｶﾞｸﾃﾞﾊﾟｿｺﾝ" // 13 cells in a terminal
	m = typeText(m, typed)
	if got := rows(m); got[0] != "ダｲガｸデパ" || got[1] != "ｿｺﾝ" {
		t.Errorf("rows = %q", got)
	}
	for i, row := range strings.Split(m.View(), "\n") {
		if lw, tw := lipgloss.Width(row), vt.Width(row); lw != 10 || tw != 10 {
			t.Errorf("row %d: Lip Gloss %d, a terminal %d cells, want 10: %q", i, lw, tw, row)
		}
	}
	if x, y, _ := m.Cursor(); x != 3 || y != 1 {
		t.Errorf("caret at %d,%d, want 3,1", x, y)
	}
	if m.Value() != typed {
		t.Errorf("value = %q", m.Value())
	}
	m = press(m, "up", "backspace") // column 3 is before ｶﾞ
	if got := m.Value(); got != "ﾀﾞｶﾞｸﾃﾞﾊﾟｿｺﾝ" {
		t.Errorf("after backspace from column 3 of the first row: %q", got)
	}
	m = press(m, "backspace")
	if got := m.Value(); got != "ｶﾞｸﾃﾞﾊﾟｿｺﾝ" {
		t.Errorf("after another backspace: %q", got)
	}
}

func TestBackspaceDeletesWholeCharacters(t *testing.T) {
	m := newEditor(20, 3)
	m = typeText(m, "日本語👨‍👩‍👧が")
	m = press(m, "backspace", "backspace")
	if got := m.Value(); got != "日本語" {
		t.Fatalf("value = %q, want 日本語 (family emoji removed as one)", got)
	}
	m = press(m, "left", "backspace")
	if got := m.Value(); got != "日語" {
		t.Fatalf("value = %q, want 日語", got)
	}
}

func TestNewlinesAndVerticalMovementKeepColumn(t *testing.T) {
	m := newEditor(20, 5)
	m = typeText(m, "abcdefghij")
	m = press(m, "enter")
	m = typeText(m, "あいうえおか")
	m = press(m, "up")
	x, y, _ := m.Cursor()
	if x != 10 || y != 0 {
		t.Fatalf("after up: %d,%d want 10,0", x, y)
	}
	m = press(m, "left", "down")
	// from column 9, the nearest boundary at or before it in the kana line is 8
	x, y, _ = m.Cursor()
	if x != 8 || y != 1 {
		t.Fatalf("after down: %d,%d want 8,1", x, y)
	}
	m = typeText(m, "漢")
	if got := m.Value(); got != "abcdefghij\nあいうえ漢おか" {
		t.Fatalf("value = %q", got)
	}
}

func TestWordMovementFollowsScriptChanges(t *testing.T) {
	m := newEditor(40, 3)
	m.SetValue("越境学習について考える")
	m = press(m, "alt+left")
	m = typeText(m, "|")
	if got := m.Value(); got != "越境学習について考|える" {
		t.Fatalf("alt+left: %q", got)
	}
	m = press(m, "backspace", "alt+left", "alt+left")
	m = typeText(m, "|")
	if got := m.Value(); got != "越境学習|について考える" {
		t.Fatalf("alt+left twice more: %q", got)
	}
	m.SetValue("越境学習について考える")
	m = press(m, "ctrl+w")
	if got := m.Value(); got != "越境学習について考" {
		t.Fatalf("ctrl+w: %q", got)
	}
}

func TestUndoRedo(t *testing.T) {
	m := newEditor(40, 3)
	m = typeText(m, "最初の文。")
	m = typeText(m, " ")
	m = typeText(m, "二つ目")
	m = press(m, "ctrl+u")
	if m.Value() != "" {
		t.Fatalf("ctrl+u left %q", m.Value())
	}
	m = press(m, "ctrl+z")
	if got := m.Value(); got != "最初の文。 二つ目" {
		t.Fatalf("undo: %q", got)
	}
	m = press(m, "ctrl+z")
	if got := m.Value(); got != "最初の文。 " {
		t.Fatalf("second undo: %q", got)
	}
	m = press(m, "ctrl+y")
	if got := m.Value(); got != "最初の文。 二つ目" {
		t.Fatalf("redo: %q", got)
	}
}

func TestPasteNormalisesLineEndsAndShowsControls(t *testing.T) {
	m := newEditor(30, 4)
	m, _ = m.Update(tea.PasteMsg{Content: "一行目\r\n二行目\x1b[31m赤\x00\x07"})
	if got := m.Value(); got != "一行目\n二行目\x1b[31m赤\x07" {
		t.Fatalf("value = %q", got)
	}
	v := m.View()
	if strings.ContainsAny(v, "\x1b\x07") {
		t.Fatalf("view writes raw control characters: %q", v)
	}
	if !strings.Contains(v, "二行目␛[31m赤␇") {
		t.Fatalf("view should show stand-ins: %q", v)
	}
	for i, l := range strings.Split(v, "\n") {
		if w := lipgloss.Width(l); w != 30 {
			t.Errorf("row %d width %d", i, w)
		}
	}
}

// TestBidiControlsAreDrawnAsStandIns: a right-to-left override pasted
// into an answer is kept in the text, and drawn as ⇄, one cell, so that
// what follows it shows in the order typed and the caret stays where the
// text is.
func TestBidiControlsAreDrawnAsStandIns(t *testing.T) {
	m := newEditor(20, 2)
	text := "添付\u202egnp.exe\u202c\u2067右\u2069\u200f"
	m, _ = m.Update(tea.PasteMsg{Content: text})
	if got := m.Value(); got != text {
		t.Fatalf("value = %q, want %q", got, text)
	}
	v := m.View()
	if strings.ContainsFunc(v, func(r rune) bool { return r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069 || r == 0x200f }) {
		t.Fatalf("view writes bidi controls raw: %q", v)
	}
	row := strings.Split(v, "\n")[0]
	if !strings.HasPrefix(row, "添付⇄gnp.exe⇄⇄右⇄⇄") || lipgloss.Width(row) != 20 {
		t.Fatalf("row = %q (%d cells)", row, lipgloss.Width(row))
	}
	if x, y, ok := m.Cursor(); !ok || x != 18 || y != 0 {
		t.Fatalf("caret at %d,%d (%v), want 18,0 after 18 cells", x, y, ok)
	}
}

func TestSingleLineTurnsNewlinesIntoSpaces(t *testing.T) {
	m := newEditor(20, 1)
	m.SingleLine = true
	m = press(m, "enter")
	m, _ = m.Update(tea.PasteMsg{Content: "山田\n花子\r\n一郎\r二郎\t三郎"})
	if got := m.Value(); got != "山田 花子 一郎 二郎 三郎" {
		t.Fatalf("value = %q", got)
	}
}

func TestScrollKeepsCaretVisible(t *testing.T) {
	m := newEditor(10, 2)
	for i := 0; i < 6; i++ {
		m = typeText(m, "行")
		m = press(m, "enter")
	}
	m = typeText(m, "最後")
	x, y, ok := m.Cursor()
	if !ok || y != 1 || x != 4 {
		t.Fatalf("cursor %d,%d,%v want 4,1", x, y, ok)
	}
	if got := rows(m); got[1] != "最後" {
		t.Fatalf("rows %q", got)
	}
	m = press(m, "ctrl+home")
	if got := rows(m); got[0] != "行" {
		t.Fatalf("after ctrl+home rows %q", got)
	}
	if _, y, _ := m.Cursor(); y != 0 {
		t.Fatalf("cursor row %d", y)
	}
}

func TestPlaceholderShownWhenEmpty(t *testing.T) {
	m := newEditor(20, 2)
	m.Placeholder = "ここに回答を書きます"
	if !strings.Contains(m.View(), "ここに回答を書きます") {
		t.Fatalf("placeholder missing: %q", m.View())
	}
	m = typeText(m, "あ")
	if strings.Contains(m.View(), "ここに") {
		t.Fatal("placeholder still shown after typing")
	}
}

func TestRevCountsEdits(t *testing.T) {
	m := newEditor(20, 2)
	r0 := m.Rev()
	m = press(m, "left")
	if m.Rev() != r0 {
		t.Fatal("moving changed the revision")
	}
	m = typeText(m, "字")
	if m.Rev() == r0 {
		t.Fatal("typing did not change the revision")
	}
}

func TestCaretAfterFullRowBeforeSpace(t *testing.T) {
	m := newEditor(10, 3)
	m.SetValue("abcdefghij klm")
	m = press(m, "ctrl+a")
	for i := 0; i < 10; i++ {
		m = press(m, "right")
	}
	// The caret is after "j": just right of the full row, where the next
	// character goes.
	if x, y, _ := m.Cursor(); x != 10 || y != 0 {
		t.Fatalf("cursor %d,%d want 10,0", x, y)
	}
	m = typeText(m, "!")
	if m.Value() != "abcdefghij! klm" {
		t.Fatalf("value %q", m.Value())
	}
}

// TestCaretIsKeptAndPutBack: the caret's place, counted in characters
// across lines, is read after moving it and put back in a fresh editor
// holding the same text; typing there lands where it was. A place inside
// a character made of several code points goes to that character's start,
// and one past the end goes to the end.
func TestCaretIsKeptAndPutBack(t *testing.T) {
	m := typeText(newEditor(20, 4), "一行目の答え")
	m = press(m, "enter")
	m = typeText(m, "二行目は家族のこと")
	m = press(m, "left", "left", "left", "left")
	at := m.Caret()
	if at != len([]rune("一行目の答え\n二行目は家"))+0 {
		t.Fatalf("caret at %d", at)
	}
	back := newEditor(20, 4)
	back.SetValue(m.Value())
	back.SetCaret(at)
	back = typeText(back, "（挿入）")
	if want := "一行目の答え\n二行目は家（挿入）族のこと"; back.Value() != want {
		t.Errorf("typed after SetCaret(%d): %q, want %q", at, back.Value(), want)
	}

	// ﾀﾞ is one character of two code points; が written as か + U+3099 too.
	for n, want := range map[int]string{1: "Xﾀﾞｲかﾞ", 4: "ﾀﾞｲXかﾞ", 99: "ﾀﾞｲかﾞX", -3: "Xﾀﾞｲかﾞ"} {
		w := newEditor(20, 2)
		w.SetValue("ﾀﾞｲかﾞ")
		w.SetCaret(n)
		if w = typeText(w, "X"); w.Value() != want {
			t.Errorf("SetCaret(%d) then X: %q, want %q", n, w.Value(), want)
		}
	}
}
