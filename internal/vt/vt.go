// Package vt is a small terminal emulator for end-to-end tests: it reads what
// a program writes to a pseudo-terminal and keeps the screen as a grid of
// cells, so a test can read the screen the way a person would. It knows the
// sequences a Bubble Tea renderer uses (cursor movement, erasing, scrolling,
// the alternate screen, repeat) and wide characters; colours and other
// attributes are ignored.
//
// It counts cells the way xterm, tmux and VTE do, one code point at a time
// (wcwidth), not one grapheme cluster at a time as Lip Gloss measures: a
// character of width zero (a combining mark, a variation selector, a
// zero-width joiner) joins the cell written before it, and every other
// character takes a cell or two of its own. So ﾀﾞ fills two cells here, as
// it does in those terminals, where Lip Gloss counts one; a program whose
// layout counts one is seen drawn as a terminal draws it.
package vt

import (
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/mattn/go-runewidth"
)

// wcwidth is the width of one code point as a terminal counts it: East
// Asian ambiguous-width characters take one cell (bansou asks for that
// terminal setting), emoji that default to text presentation too.
var wcwidth = &runewidth.Condition{EastAsianWidth: false, StrictEmojiNeutral: true}

// Width returns the cells s fills on this screen, counted one code point at
// a time as xterm or tmux count them. Escape sequences are not understood:
// pass plain text.
func Width(s string) int {
	w := 0
	for _, r := range s {
		w += runeWidth(r)
	}
	return w
}

func runeWidth(r rune) int {
	if r < 0x20 || r == 0x7f {
		return 0
	}
	return wcwidth.RuneWidth(r)
}

// Screen is the emulated terminal. It is safe for concurrent use.
type Screen struct {
	mu         sync.Mutex
	w, h       int
	cells      [][]string // "" marks the second half of a wide character
	x, y       int
	savedX     int
	savedY     int
	top, bot   int // scroll region, inclusive
	wrapNext   bool
	last       string
	state      int
	params     []byte
	pending    []byte // incomplete UTF-8
	cursorSeen bool
}

const (
	ground = iota
	escape
	csi
	osc
	oscEsc
	str // DCS, APC, PM, SOS: skipped until ST
	strEsc
	charset
)

// New returns a blank screen of w columns and h rows.
func New(w, h int) *Screen {
	s := &Screen{w: w, h: h}
	s.reset()
	return s
}

func (s *Screen) reset() {
	s.cells = make([][]string, s.h)
	for i := range s.cells {
		s.cells[i] = blankRow(s.w)
	}
	s.x, s.y, s.top, s.bot = 0, 0, 0, s.h-1
	s.wrapNext = false
}

func blankRow(w int) []string {
	r := make([]string, w)
	for i := range r {
		r[i] = " "
	}
	return r
}

// Write feeds output of the program to the screen.
func (s *Screen) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	data := append(s.pending, p...)
	s.pending = nil
	for i := 0; i < len(data); {
		b := data[i]
		if s.state != ground {
			s.control(b)
			i++
			continue
		}
		switch {
		case b == 0x1b:
			s.state = escape
			i++
		case b < 0x20 || b == 0x7f:
			s.c0(b)
			i++
		default:
			if !utf8.FullRune(data[i:]) {
				s.pending = append([]byte(nil), data[i:]...)
				return len(p), nil
			}
			r, size := utf8.DecodeRune(data[i:])
			s.print(string(r), runeWidth(r))
			i += size
		}
	}
	return len(p), nil
}

func (s *Screen) c0(b byte) {
	switch b {
	case '\r':
		s.x, s.wrapNext = 0, false
	case '\n', 0x0b, 0x0c:
		s.lineFeed()
	case '\b':
		if s.x > 0 {
			s.x--
		}
		s.wrapNext = false
	case '\t':
		s.x = min((s.x/8+1)*8, s.w-1)
	}
}

func (s *Screen) lineFeed() {
	s.wrapNext = false
	if s.y == s.bot {
		s.scrollUp(1)
		return
	}
	if s.y < s.h-1 {
		s.y++
	}
}

func (s *Screen) print(g string, w int) {
	if w <= 0 {
		// A zero-width character joins the cell before the cursor (the
		// cursor's own after the last column was written), as in tmux.
		x := s.x - 1
		if s.wrapNext {
			x = s.x
		}
		if x > 0 && s.cells[s.y][x] == "" {
			x-- // the second half of a wide character
		}
		if x >= 0 {
			s.cells[s.y][x] += g
		}
		return
	}
	if s.wrapNext || s.x+w > s.w {
		s.x = 0
		s.lineFeed()
	}
	row := s.cells[s.y]
	// Writing over half of a wide character blanks its other half.
	if row[s.x] == "" && s.x > 0 {
		row[s.x-1] = " "
	}
	if end := s.x + w; end < s.w && row[end] == "" {
		row[end] = " "
	}
	row[s.x] = g
	if w == 2 && s.x+1 < s.w {
		row[s.x+1] = ""
	}
	s.last = g
	s.x += w
	if s.x >= s.w {
		s.x = s.w - 1
		s.wrapNext = true
	}
}

func (s *Screen) control(b byte) {
	switch s.state {
	case escape:
		s.state = ground
		switch b {
		case '[':
			s.state, s.params = csi, s.params[:0]
		case ']':
			s.state = osc
		case 'P', '_', '^', 'X':
			s.state = str
		case '(', ')', '*', '+':
			s.state = charset
		case '7':
			s.savedX, s.savedY = s.x, s.y
		case '8':
			s.x, s.y = s.savedX, s.savedY
		case 'M': // reverse index
			if s.y == s.top {
				s.scrollDown(1)
			} else if s.y > 0 {
				s.y--
			}
		case 'D':
			s.lineFeed()
		case 'E':
			s.x = 0
			s.lineFeed()
		case 'c':
			s.reset()
		}
	case charset:
		s.state = ground
	case csi:
		if b >= 0x40 && b <= 0x7e {
			s.state = ground
			s.csi(b)
			return
		}
		s.params = append(s.params, b)
	case osc:
		switch b {
		case 0x07:
			s.state = ground
		case 0x1b:
			s.state = oscEsc
		}
	case oscEsc:
		s.state = ground
		if b != '\\' {
			s.state = osc
		}
	case str:
		if b == 0x1b {
			s.state = strEsc
		}
	case strEsc:
		s.state = ground
		if b != '\\' {
			s.state = str
		}
	}
}

// args parses the CSI parameters; private is the leading marker (?, >, <, =).
func (s *Screen) args() (private byte, nums []int) {
	p := s.params
	if len(p) > 0 && p[0] >= '<' && p[0] <= '?' {
		private, p = p[0], p[1:]
	}
	// Drop intermediates (space, $, ...).
	end := len(p)
	for end > 0 && p[end-1] >= 0x20 && p[end-1] <= 0x2f {
		end--
	}
	for _, f := range strings.Split(string(p[:end]), ";") {
		f, _, _ = strings.Cut(f, ":")
		n, _ := strconv.Atoi(f)
		nums = append(nums, n)
	}
	return private, nums
}

func arg(nums []int, i, def int) int {
	if i < len(nums) && nums[i] > 0 {
		return nums[i]
	}
	return def
}

func (s *Screen) csi(final byte) {
	private, n := s.args()
	if private != 0 && final != 'h' && final != 'l' {
		return // queries and private settings we do not emulate
	}
	if len(s.params) > 0 && s.params[len(s.params)-1] >= 0x20 && s.params[len(s.params)-1] <= 0x2f {
		return // sequences with intermediates (cursor style, DECRQM)
	}
	s.wrapNext = false
	switch final {
	case 'A':
		s.y = max(s.y-arg(n, 0, 1), 0)
	case 'B', 'e':
		s.y = min(s.y+arg(n, 0, 1), s.h-1)
	case 'C', 'a':
		s.x = min(s.x+arg(n, 0, 1), s.w-1)
	case 'D':
		s.x = max(s.x-arg(n, 0, 1), 0)
	case 'E':
		s.y, s.x = min(s.y+arg(n, 0, 1), s.h-1), 0
	case 'F':
		s.y, s.x = max(s.y-arg(n, 0, 1), 0), 0
	case 'G', '`':
		s.x = min(arg(n, 0, 1)-1, s.w-1)
	case 'I': // forward by tab stops (every 8 columns)
		for range arg(n, 0, 1) {
			s.x = min((s.x/8+1)*8, s.w-1)
		}
	case 'Z': // back by tab stops; renderers use it to move left cheaply
		for range arg(n, 0, 1) {
			s.x = max((s.x-1)/8*8, 0)
		}
	case 'd':
		s.y = min(arg(n, 0, 1)-1, s.h-1)
	case 'H', 'f':
		s.y, s.x = min(arg(n, 0, 1)-1, s.h-1), min(arg(n, 1, 1)-1, s.w-1)
	case 'J':
		s.eraseDisplay(arg(n, 0, 0))
	case 'K':
		s.eraseLine(arg(n, 0, 0))
	case 'X':
		for i := s.x; i < min(s.x+arg(n, 0, 1), s.w); i++ {
			s.cells[s.y][i] = " "
		}
	case '@':
		k := min(arg(n, 0, 1), s.w-s.x)
		row := s.cells[s.y]
		copy(row[s.x+k:], row[s.x:s.w-k])
		for i := s.x; i < s.x+k; i++ {
			row[i] = " "
		}
	case 'P':
		k := min(arg(n, 0, 1), s.w-s.x)
		row := s.cells[s.y]
		copy(row[s.x:], row[s.x+k:])
		for i := s.w - k; i < s.w; i++ {
			row[i] = " "
		}
	case 'L':
		s.insertLines(arg(n, 0, 1))
	case 'M':
		s.deleteLines(arg(n, 0, 1))
	case 'S':
		s.scrollUp(arg(n, 0, 1))
	case 'T':
		s.scrollDown(arg(n, 0, 1))
	case 'b':
		for i := 0; i < arg(n, 0, 1); i++ {
			s.print(s.last, Width(s.last))
		}
	case 'r':
		s.top, s.bot = arg(n, 0, 1)-1, arg(n, 1, s.h)-1
		if s.top >= s.bot || s.bot >= s.h {
			s.top, s.bot = 0, s.h-1
		}
		s.x, s.y = 0, 0
	case 'h', 'l':
		if private == '?' {
			for _, m := range n {
				if m == 1049 || m == 1047 || m == 47 {
					s.reset()
				}
				if m == 25 {
					s.cursorSeen = final == 'h'
				}
			}
		}
	case 's':
		s.savedX, s.savedY = s.x, s.y
	case 'u':
		s.x, s.y = s.savedX, s.savedY
	}
}

func (s *Screen) eraseDisplay(mode int) {
	switch mode {
	case 0:
		s.eraseLine(0)
		for y := s.y + 1; y < s.h; y++ {
			s.cells[y] = blankRow(s.w)
		}
	case 1:
		s.eraseLine(1)
		for y := 0; y < s.y; y++ {
			s.cells[y] = blankRow(s.w)
		}
	default:
		for y := range s.cells {
			s.cells[y] = blankRow(s.w)
		}
	}
}

func (s *Screen) eraseLine(mode int) {
	from, to := s.x, s.w
	switch mode {
	case 1:
		from, to = 0, s.x+1
	case 2:
		from = 0
	}
	for i := from; i < min(to, s.w); i++ {
		s.cells[s.y][i] = " "
	}
}

func (s *Screen) scrollUp(k int) {
	for ; k > 0; k-- {
		copy(s.cells[s.top:s.bot], s.cells[s.top+1:s.bot+1])
		s.cells[s.bot] = blankRow(s.w)
	}
}

func (s *Screen) scrollDown(k int) {
	for ; k > 0; k-- {
		copy(s.cells[s.top+1:s.bot+1], s.cells[s.top:s.bot])
		s.cells[s.top] = blankRow(s.w)
	}
}

func (s *Screen) insertLines(k int) {
	if s.y < s.top || s.y > s.bot {
		return
	}
	for ; k > 0; k-- {
		copy(s.cells[s.y+1:s.bot+1], s.cells[s.y:s.bot])
		s.cells[s.y] = blankRow(s.w)
	}
}

func (s *Screen) deleteLines(k int) {
	if s.y < s.top || s.y > s.bot {
		return
	}
	for ; k > 0; k-- {
		copy(s.cells[s.y:s.bot], s.cells[s.y+1:s.bot+1])
		s.cells[s.bot] = blankRow(s.w)
	}
}

// Resize changes the size, keeping what fits.
func (s *Screen) Resize(w, h int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	cells := make([][]string, h)
	for y := range cells {
		cells[y] = blankRow(w)
		if y < len(s.cells) {
			copy(cells[y], s.cells[y])
		}
	}
	s.cells, s.w, s.h = cells, w, h
	s.top, s.bot = 0, h-1
	s.x, s.y = min(s.x, w-1), min(s.y, h-1)
}

// Text returns the screen as lines of text, trailing spaces removed.
func (s *Screen) Text() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	lines := make([]string, s.h)
	for y, row := range s.cells {
		lines[y] = strings.TrimRight(strings.Join(row, ""), " ")
	}
	return strings.Join(lines, "\n")
}

// Cursor returns the cursor position (column and row, from 0).
func (s *Screen) Cursor() (x, y int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.x, s.y
}
