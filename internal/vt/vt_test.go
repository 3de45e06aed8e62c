package vt

import (
	"testing"
)

func TestPrintWideAndMove(t *testing.T) {
	s := New(10, 3)
	s.Write([]byte("あいう\r\nabc\x1b[1;3Hか\x1b[3;1Hxyz\x1b[2b"))
	want := "あかう\nabc\nxyzzz"
	if got := s.Text(); got != want {
		t.Fatalf("got %q want %q", got, want)
	}
}

func TestEraseScrollAndAltScreen(t *testing.T) {
	s := New(6, 3)
	s.Write([]byte("111111222222333333"))
	s.Write([]byte("\r\n444"))
	if got := s.Text(); got != "222222\n333333\n444" {
		t.Fatalf("after scroll %q", got)
	}
	s.Write([]byte("\x1b[1;3H\x1b[K\x1b[2;1H\x1b[2X"))
	if got := s.Text(); got != "22\n  3333\n444" {
		t.Fatalf("after erase %q", got)
	}
	s.Write([]byte("\x1b[?1049h\x1b]0;title\x07\x1b[?2026$p日本"))
	if got := s.Text(); got != "日本\n\n" {
		t.Fatalf("alt screen %q", got)
	}
}

func TestSplitUTF8AcrossWrites(t *testing.T) {
	s := New(10, 1)
	b := []byte("日本語")
	s.Write(b[:4])
	s.Write(b[4:])
	if got := s.Text(); got != "日本語" {
		t.Fatalf("got %q", got)
	}
	if x, _ := s.Cursor(); x != 6 {
		t.Fatalf("cursor x = %d", x)
	}
}

// TestTabStops: renderers move left with CBT (CSI Z) and right with HT or
// CHT (CSI I) when that is shorter; the emulator must land where a terminal
// does (stops every 8 columns).
func TestTabStops(t *testing.T) {
	s := New(60, 1)
	// The sequence a renderer sent while a date was being typed: write
	// "2027-06" from column 26, pad to 40, back one tab stop to 33, write.
	s.Write([]byte("\x1b[1;26H2027-06       \x1b[40G\x1b[Z-30"))
	if got := s.Text(); got != "                         2027-06-30" {
		t.Fatalf("after CBT: %q", got)
	}
	s.Write([]byte("\x1b[1;1H\x1b[2IX\x1b[1;20H\x1b[3ZY\tZ"))
	if got := s.Text(); got[:18] != "Y       Z       X " {
		t.Fatalf("after CHT and CBT: %q", got)
	}
}

// TestCellsPerCodePoint: the screen counts cells one code point at a time,
// as xterm and tmux do. A half-width voicing mark takes a cell of its own
// (ﾀﾞ is two cells, though it is one grapheme cluster); a combining mark, a
// variation selector and a zero-width joiner join the cell before them.
func TestCellsPerCodePoint(t *testing.T) {
	for _, c := range []struct {
		text string
		x    int
	}{
		{"ﾀﾞｲｶﾞｸ|", 7},
		{"ﾊﾟﾝ|", 4},
		{"か\u3099|", 3},     // が with a combining mark
		{"葛\U000E0100|", 3}, // an ideographic variation sequence
		{"❤\uFE0F|", 2},     // a text-default emoji with VS16
		{"ダイガク|", 9},
	} {
		s := New(20, 2)
		s.Write([]byte(c.text))
		if x, _ := s.Cursor(); x != c.x {
			t.Errorf("%q: cursor at %d, want %d", c.text, x, c.x)
		}
		if got := s.Text(); got != c.text+"\n" {
			t.Errorf("%q: screen %q", c.text, got)
		}
		if w := Width(c.text); w != c.x {
			t.Errorf("Width(%q) = %d, want %d", c.text, w, c.x)
		}
	}
	// A mark after the last column joins the character there.
	s := New(4, 2)
	s.Write([]byte("abcか\u3099"))
	if got := s.Text(); got != "abc\nか\u3099" {
		t.Errorf("wrapped: %q", got)
	}
}
