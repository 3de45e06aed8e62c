package editor

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/clipperhouse/displaywidth"

	"bansou/internal/cellwidth"
	"bansou/model"
)

// span is one visual row of a logical line: bytes [start, end) of the line
// and their display width.
type span struct {
	start, end int
	width      int
	hang       bool // ends in a space that takes no cell
}

// cluster is one grapheme cluster of a line.
type cluster struct {
	off, size, width int
}

// widthOptions measure as lipgloss does: an East Asian ambiguous-width
// character is one cell, whatever the locale (see internal/cellwidth).
var widthOptions = displaywidth.Options{EastAsianWidth: false}

// clusters splits line into grapheme clusters with their display widths:
// the cells a terminal fills with them as the editor draws them
// (cellwidth.Drawn, so ﾀﾞ is one cluster of two cells). A control character
// counts as one cell because it is shown as a visible stand-in.
func clusters(line string, fn func(c cluster) bool) {
	off := 0
	// Fast path for ASCII and for the common wide scripts, one rune each;
	// anything that can combine goes through the grapheme iterator.
	for off < len(line) {
		b := line[off]
		if b < utf8.RuneSelf {
			if off+1 < len(line) && line[off+1] >= utf8.RuneSelf {
				// a combining mark may follow; let the iterator decide
			} else {
				w := 1
				if !fn(cluster{off, 1, w}) {
					return
				}
				off++
				continue
			}
		}
		r, size := utf8.DecodeRuneInString(line[off:])
		if simpleWide(r) && !combinesNext(line[off+size:]) {
			if !fn(cluster{off, size, 2}) {
				return
			}
			off += size
			continue
		}
		g := widthOptions.StringGraphemes(line[off:])
		if !g.Next() {
			return
		}
		v := g.Value()
		w := g.Width()
		if w == 0 && isControl(r) {
			w = 1
		}
		if strings.IndexByte(v, 0xEF) >= 0 {
			// a voicing mark or variation selector may be drawn otherwise
			w = cellwidth.Width(v)
		}
		if !fn(cluster{off, len(v), w}) {
			return
		}
		off += len(v)
	}
}

// simpleWide reports runes that are always two cells and one cluster on
// their own: kana, CJK ideographs, Hangul syllables and full-width forms.
func simpleWide(r rune) bool {
	switch {
	case r >= 0x3041 && r <= 0x3096, // hiragana
		r >= 0x30A1 && r <= 0x30FA, // katakana
		r == 0x30FC,                // prolonged sound mark
		r >= 0x4E00 && r <= 0x9FFF, // CJK unified ideographs
		r >= 0x3400 && r <= 0x4DBF, // extension A
		r >= 0xAC00 && r <= 0xD7A3, // Hangul syllables
		r >= 0xFF01 && r <= 0xFF60, // full-width forms
		r >= 0x3001 && r <= 0x3003, // 、。〃
		r >= 0x3008 && r <= 0x3011: // brackets 〈〉《》「」『』【】
		return true
	}
	return false
}

// combinesNext reports whether rest starts with something that joins the
// previous rune into a larger cluster (a combining mark, a variation
// selector, a zero-width joiner, a voicing mark, half-width or combining).
func combinesNext(rest string) bool {
	if rest == "" {
		return false
	}
	r, _ := utf8.DecodeRuneInString(rest)
	if r < 0x300 {
		return false
	}
	return unicode.Is(unicode.M, r) || r == 0x200D || (r >= 0xFE00 && r <= 0xFE0F) ||
		(r >= 0xE0100 && r <= 0xE01EF) || r == 0x3099 || r == 0x309A || r == 0xFF9E || r == 0xFF9F
}

// isControl reports a character drawn as a visible stand-in (a control,
// or a bidirectional formatting character), which takes one cell.
func isControl(r rune) bool { return model.StandIn(r) != r }

// wrap lays line out in rows of at most width cells. Japanese and Chinese
// text breaks between any two characters; Latin text breaks at spaces, and a
// word longer than the row is cut. Closing punctuation and small kana are
// not put at the start of a row and opening brackets not at the end (a
// simple kinsoku), when the row has room to give. Spaces at a break hang at
// the end of the row. A full last row gets an empty row after it, where a
// cursor at the end of the line sits.
func wrap(line string, width int, rows []span) []span {
	rows = rows[:0]
	if width < 2 {
		width = 2
	}
	var (
		start, rowW         int     // current row start (bytes) and width
		opp, oppW           = -1, 0 // last break opportunity and the row width before it
		prevR               rune
		prevWide, prevSpace bool
	)
	clusters(line, func(c cluster) bool {
		r, _ := utf8.DecodeRuneInString(line[c.off:])
		space := r == ' ' || r == 0x3000
		wide := c.width == 2
		if c.off > start {
			if prevSpace && !space || (wide || prevWide) && !noStart(r) && !noEnd(prevR) {
				opp, oppW = c.off, rowW
			}
		}
		if rowW+c.width > width && c.off > start {
			if r == ' ' && c.size == 1 {
				// the space hangs at the end of the row, taking no cell
				// (one with a combining mark on it is drawn like a letter)
				rows = append(rows, span{start, c.off + c.size, rowW, true})
				start, rowW, opp = c.off+c.size, 0, -1
				prevR, prevWide, prevSpace = r, false, true
				return true
			}
			if opp > start {
				rows = append(rows, span{start, opp, oppW, false})
				start, rowW = opp, rowW-oppW
			}
			if rowW+c.width > width && c.off > start {
				rows = append(rows, span{start, c.off, rowW, false})
				start, rowW = c.off, 0
			}
			opp = -1
		}
		rowW += c.width
		prevR, prevWide, prevSpace = r, wide, space
		return true
	})
	rows = append(rows, span{start, len(line), rowW, false})
	if rowW >= width {
		rows = append(rows, span{len(line), len(line), 0, false})
	}
	return rows
}

// noStart lists characters that should not begin a row.
func noStart(r rune) bool {
	switch r {
	case '、', '。', '，', '．', '・', '：', '；', '？', '！', 'ー', '〜', '…', '‥',
		'」', '』', '）', '】', '〕', '〉', '》', '］', '｝', '”', '’',
		'ぁ', 'ぃ', 'ぅ', 'ぇ', 'ぉ', 'っ', 'ゃ', 'ゅ', 'ょ', 'ゎ',
		'ァ', 'ィ', 'ゥ', 'ェ', 'ォ', 'ッ', 'ャ', 'ュ', 'ョ', 'ヮ', 'ヵ', 'ヶ',
		')', ']', '}', ',', '.', '!', '?', ':', ';':
		return true
	}
	return false
}

// noEnd lists characters that should not end a row.
func noEnd(r rune) bool {
	switch r {
	case '「', '『', '（', '【', '〔', '〈', '《', '［', '｛', '“', '‘', '(', '[', '{':
		return true
	}
	return false
}

// Wrap lays text out in rows of at most width cells the way the editor does:
// between any two Japanese characters, at spaces in Latin text, with the
// same kinsoku. Newlines start new rows; trailing spaces of a row are
// dropped.
func Wrap(text string, width int) []string {
	var out []string
	var rows []span
	for _, line := range strings.Split(normalize(text, false), "\n") {
		rows = wrap(line, width, rows)
		for i, sp := range rows {
			if i == len(rows)-1 && sp.start == sp.end && i > 0 {
				break // the caret row after a full line
			}
			out = append(out, strings.TrimRight(line[sp.start:sp.end], " "))
		}
	}
	return out
}
