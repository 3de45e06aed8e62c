package cellwidth

import (
	"strings"
	"unicode/utf8"

	"github.com/clipperhouse/displaywidth"
	"golang.org/x/text/unicode/norm"
)

// Lip Gloss, x/ansi and displaywidth measure text one grapheme cluster at a
// time (Unicode UAX #29); a terminal fills its cells by its own rule, and
// for a few characters the two disagree. Drawn rewrites those characters in
// text about to be laid out, so that what Lip Gloss counts is what the
// terminal fills. It never touches what is stored: only what is drawn.
//
// Half-width voicing marks. U+FF9E ﾞ and U+FF9F ﾟ are letters (Lm) of East
// Asian width Halfwidth: xterm, tmux, VTE, iTerm2 and Terminal.app (wcwidth,
// one code point at a time) give each its own cell, and wezterm and ghostty,
// which keep ﾀﾞ as one cluster, give that cluster two cells. But they are
// also Grapheme_Extend, so ﾀﾞ is one cluster to UAX #29 and displaywidth
// counts it as the width of ﾀ: one cell. A row with ﾀﾞｲｶﾞｸ came out two
// cells wider than Lip Gloss had laid it out; the renderer cut its end and
// everything right of it moved. No zero-width character can split the
// cluster without showing up where the text is copied, so Drawn writes the
// pair as its full-width letter instead, the form search already folds it
// to (NFKC: ﾀﾞ → ダ, ﾊﾟ → パ, ｳﾞ → ヴ; ｱﾞ → ア with the combining mark
// U+3099). That takes the two cells the terminal gave ﾀﾞ, in every terminal
// and by every count. A mark after anything else becomes the combining
// mark as NFKC writes it (かﾞ → か + U+3099, drawn が), which adds no cell,
// and a mark with nothing before it the spacing mark ゛ or ゜ (two cells).
// Half-width katakana without a mark stay as typed.
//
// Variation selectors 15 and 16. ❤️ (U+2764 U+FE0F) is two cells to
// displaywidth but one to wcwidth (xterm, tmux, VTE, and the Bubble Tea
// renderer unless the terminal uses grapheme clusters), while kitty,
// wezterm and ghostty draw it in two: no width is right everywhere. Without
// its selector the character has one width in all of them, so Drawn leaves
// U+FE0E and U+FE0F out (❤️ is drawn ❤, in the terminal's text or emoji
// style) — except inside an emoji joined by U+200D, which every one of them
// treats as a unit.
//
// Left as typed, because the count is the same both ways: combining marks
// (か + U+3099 is two cells, ｶ + U+3099 one), ideographic variation
// sequences in names (葛 + U+E0100: two), flags. Emoji joined by U+200D
// (👨‍👩‍👧) and emoji with a skin-tone modifier (👍🏽) are two cells to Lip Gloss
// and to terminals that join them (kitty, wezterm, ghostty; tmux 3.3a joins
// the first but not the second) and wider in xterm, which draws each part:
// rare in what companions type, and splitting them would change what they
// show.

// voicing marks and variation selectors, as UTF-8: every one starts with
// 0xEF (U+FF9E, U+FF9F: EF BE 9E/9F; U+FE0E, U+FE0F: EF B8 8E/8F).
func special(s string) bool {
	for i := strings.IndexByte(s, 0xEF); i >= 0 && i+2 < len(s); {
		switch {
		case s[i+1] == 0xBE && (s[i+2] == 0x9E || s[i+2] == 0x9F),
			s[i+1] == 0xB8 && (s[i+2] == 0x8E || s[i+2] == 0x8F):
			return true
		}
		j := strings.IndexByte(s[i+1:], 0xEF)
		if j < 0 {
			break
		}
		i += 1 + j
	}
	return false
}

// options measure as Lip Gloss does (see Apply).
var options = displaywidth.Options{EastAsianWidth: false}

// Drawn returns s as bansou draws it: the same text, with half-width
// voicing marks joined to the katakana before them as full-width letters
// (ﾀﾞ → ダ) or made combining (U+3099, U+309A) or spacing marks (゛ ゜),
// and variation selectors 15 and 16
// left out (see above), so that Lip Gloss counts the cells a terminal
// fills. Text without those characters is returned as it is.
func Drawn(s string) string {
	if !special(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	g := options.StringGraphemes(s)
	for g.Next() {
		drawCluster(&b, g.Value())
	}
	return b.String()
}

// Width returns the cells a terminal fills with s as bansou draws it: the
// width of Drawn(s), as Lip Gloss measures it.
func Width(s string) int {
	return options.String(Drawn(s))
}

func drawCluster(b *strings.Builder, c string) {
	if !special(c) || strings.ContainsRune(c, 0x200D) {
		b.WriteString(c)
		return
	}
	for i := 0; i < len(c); {
		r, size := utf8.DecodeRuneInString(c[i:])
		switch {
		case r == 0xFE0E || r == 0xFE0F:
		case (r == 0xFF9E || r == 0xFF9F) && i == 0:
			// nothing before it to voice: the spacing mark ゛ or ゜
			b.WriteRune(r - 0xFF9E + '゛')
		case r == 0xFF9E || r == 0xFF9F:
			// on anything else, the combining mark (as NFKC writes it),
			// which adds no cell: a cluster never grows wider than two
			b.WriteRune(r - 0xFF9E + 0x3099)
		case i == 0 && halfKana(r) && voicing(c[size:]):
			// The letter and its mark, as NFKC writes them: ダ, or ア
			// and U+3099 where there is no single letter.
			_, m := utf8.DecodeRuneInString(c[size:])
			b.WriteString(norm.NFKC.String(c[:size+m]))
			size += m
		default:
			b.WriteString(c[i : i+size])
		}
		i += size
	}
}

// halfKana reports the half-width katakana and signs, U+FF61 ｡ to U+FF9D ﾝ.
func halfKana(r rune) bool { return r >= 0xFF61 && r <= 0xFF9D }

// voicing reports whether s starts with a half-width voicing mark.
func voicing(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return r == 0xFF9E || r == 0xFF9F
}
