// Package editor is a multi-line text editor for Bubble Tea made for long
// Japanese answers: it wraps between characters with a simple kinsoku, moves
// and deletes by grapheme cluster, lays out only the line that changed and
// draws only the rows on screen, so a keystroke stays fast in a 10,000
// character answer. It reports where the caret is so the terminal's real
// cursor (and an IME's candidate window) can sit there.
package editor

import (
	"sort"
	"strings"
	"unicode/utf8"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"bansou/internal/cellwidth"
	"bansou/model"
)

// KeyMap holds the editing keys.
type KeyMap struct {
	Left, Right, Up, Down key.Binding
	WordLeft, WordRight   key.Binding
	LineStart, LineEnd    key.Binding
	Begin, End            key.Binding
	PageUp, PageDown      key.Binding
	Backspace, Delete     key.Binding
	DeleteWordLeft        key.Binding
	DeleteWordRight       key.Binding
	DeleteToLineStart     key.Binding
	DeleteToLineEnd       key.Binding
	Newline               key.Binding
	Undo, Redo            key.Binding
}

// DefaultKeyMap follows common terminal and Emacs habits. ctrl+n, ctrl+p and
// ctrl+d are left free for the application.
func DefaultKeyMap() KeyMap {
	b := func(keys ...string) key.Binding { return key.NewBinding(key.WithKeys(keys...)) }
	return KeyMap{
		Left:              b("left", "ctrl+b"),
		Right:             b("right", "ctrl+f"),
		Up:                b("up"),
		Down:              b("down"),
		WordLeft:          b("alt+left", "ctrl+left", "alt+b"),
		WordRight:         b("alt+right", "ctrl+right", "alt+f"),
		LineStart:         b("home", "ctrl+a"),
		LineEnd:           b("end", "ctrl+e"),
		Begin:             b("ctrl+home", "alt+<"),
		End:               b("ctrl+end", "alt+>"),
		PageUp:            b("pgup"),
		PageDown:          b("pgdown"),
		Backspace:         b("backspace", "ctrl+h"),
		Delete:            b("delete"),
		DeleteWordLeft:    b("alt+backspace", "ctrl+w", "ctrl+backspace"),
		DeleteWordRight:   b("alt+delete", "alt+d", "ctrl+delete"),
		DeleteToLineStart: b("ctrl+u"),
		DeleteToLineEnd:   b("ctrl+k"),
		Newline:           b("enter", "ctrl+m", "shift+enter"),
		Undo:              b("ctrl+z"),
		Redo:              b("ctrl+y", "ctrl+shift+z"),
	}
}

type lineLayout struct {
	valid bool
	width int
	rows  []span
}

// Model is the editor's state. The zero value is not usable; call New.
type Model struct {
	KeyMap KeyMap
	// Placeholder is shown, styled by PlaceholderStyle, while the text is
	// empty.
	Placeholder      string
	PlaceholderStyle func(string) string
	// SingleLine turns newlines into spaces and leaves enter to the caller.
	SingleLine bool

	lines   []string
	layouts []lineLayout
	row     int // logical line of the caret
	col     int // byte offset of the caret in lines[row]
	goalX   int // column kept while moving up and down; -1 if none
	width   int
	height  int
	top     int // first visible row
	focused bool
	rev     int
	hist    history
}

// New returns an empty editor 40 cells wide and 3 rows high.
func New() Model {
	m := Model{KeyMap: DefaultKeyMap(), width: 40, height: 3, goalX: -1}
	m.lines = []string{""}
	m.layouts = make([]lineLayout, 1)
	return m
}

// SetWidth sets the width in cells.
func (m *Model) SetWidth(w int) {
	w = max(w, 2)
	if w != m.width {
		m.width = w
		m.ensureVisible()
	}
}

// SetHeight sets the number of visible rows.
func (m *Model) SetHeight(h int) {
	m.height = max(h, 1)
	m.ensureVisible()
}

// Width returns the width in cells.
func (m Model) Width() int { return m.width }

// Height returns the number of visible rows.
func (m Model) Height() int { return m.height }

// Focus gives the editor the keyboard.
func (m *Model) Focus() { m.focused = true }

// Blur takes the keyboard away.
func (m *Model) Blur() { m.focused = false }

// Focused reports whether the editor has the keyboard.
func (m Model) Focused() bool { return m.focused }

// Rev counts changes to the text; it goes up with every edit.
func (m Model) Rev() int { return m.rev }

// Value returns the text.
func (m Model) Value() string { return strings.Join(m.lines, "\n") }

// Blank reports whether the text is empty or only spaces and newlines.
func (m Model) Blank() bool {
	for _, l := range m.lines {
		if strings.TrimSpace(l) != "" {
			return false
		}
	}
	return true
}

// Empty reports whether there is no text.
func (m Model) Empty() bool { return len(m.lines) == 1 && m.lines[0] == "" }

// SetValue replaces the text, puts the caret at its end and forgets the
// undo history.
func (m *Model) SetValue(s string) {
	s = normalize(strings.ToValidUTF8(s, "\uFFFD"), m.SingleLine)
	m.lines = strings.Split(s, "\n")
	m.layouts = make([]lineLayout, len(m.lines))
	m.row = len(m.lines) - 1
	m.col = len(m.lines[m.row])
	m.goalX = -1
	m.hist = history{}
	m.rev++
	m.top = 0
	m.ensureVisible()
}

// Caret is where the caret is, in characters (code points) from the start
// of the text, a line break counting as one: what a session keeps so that
// a resume puts the caret back.
func (m Model) Caret() int {
	n := 0
	for _, l := range m.lines[:m.row] {
		n += utf8.RuneCountInString(l) + 1
	}
	return n + utf8.RuneCountInString(m.lines[m.row][:m.col])
}

// At is where the caret is as the editor keeps it (a line and a byte in
// it), with the text's revision: cheap to compare on every key, to notice
// that the caret moved or the text changed.
func (m Model) At() (row, col, rev int) { return m.row, m.col, m.rev }

// Len is the length of the text in characters (code points), a line break
// counting as one, as Caret counts.
func (m Model) Len() int {
	n := len(m.lines) - 1
	for _, l := range m.lines {
		n += utf8.RuneCountInString(l)
	}
	return n
}

// SetCaret puts the caret n characters from the start of the text (see
// Caret): at the end if the text is shorter, and at the start of the
// character (grapheme cluster) that n falls inside, so that it never
// splits one.
func (m *Model) SetCaret(n int) {
	n = max(n, 0)
	row := 0
	for row < len(m.lines)-1 {
		c := utf8.RuneCountInString(m.lines[row])
		if n <= c {
			break
		}
		n -= c + 1
		row++
	}
	line := m.lines[row]
	col := len(line)
	for i := range line {
		if n == 0 {
			col = i
			break
		}
		n--
	}
	clusters(line, func(c cluster) bool {
		if c.off+c.size <= col {
			return true
		}
		col = min(col, c.off)
		return false
	})
	m.moveTo(pos{row, col})
}

// InsertString inserts s at the caret, as a paste would.
func (m *Model) InsertString(s string) {
	m.edit(editPaste)
	m.insert(s)
}

// Update handles keys and pastes while focused.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	if !m.focused {
		return m, nil
	}
	switch msg := msg.(type) {
	case tea.PasteMsg:
		m.edit(editPaste)
		m.insert(msg.Content)
	case tea.KeyPressMsg:
		m.handleKey(msg)
	}
	return m, nil
}

func (m *Model) handleKey(msg tea.KeyPressMsg) {
	k := m.KeyMap
	switch {
	case key.Matches(msg, k.Undo):
		m.undo()
	case key.Matches(msg, k.Redo):
		m.redo()
	case key.Matches(msg, k.Newline):
		if !m.SingleLine {
			m.edit(editBreak)
			m.insert("\n")
		}
	case key.Matches(msg, k.Backspace):
		m.edit(editDelete)
		m.deleteTo(m.prevBoundary())
	case key.Matches(msg, k.Delete):
		m.edit(editDelete)
		m.deleteTo(m.nextBoundary())
	case key.Matches(msg, k.DeleteWordLeft):
		m.edit(editBig)
		m.deleteTo(m.wordLeft())
	case key.Matches(msg, k.DeleteWordRight):
		m.edit(editBig)
		m.deleteTo(m.wordRight())
	case key.Matches(msg, k.DeleteToLineStart):
		m.edit(editBig)
		m.deleteTo(pos{m.row, 0})
	case key.Matches(msg, k.DeleteToLineEnd):
		m.edit(editBig)
		if m.col == len(m.lines[m.row]) {
			m.deleteTo(m.nextBoundary())
		} else {
			m.deleteTo(pos{m.row, len(m.lines[m.row])})
		}
	case key.Matches(msg, k.Left):
		m.moveTo(m.prevBoundary())
	case key.Matches(msg, k.Right):
		m.moveTo(m.nextBoundary())
	case key.Matches(msg, k.WordLeft):
		m.moveTo(m.wordLeft())
	case key.Matches(msg, k.WordRight):
		m.moveTo(m.wordRight())
	case key.Matches(msg, k.LineStart):
		m.moveTo(pos{m.row, 0})
	case key.Matches(msg, k.LineEnd):
		m.moveTo(pos{m.row, len(m.lines[m.row])})
	case key.Matches(msg, k.Begin):
		m.moveTo(pos{0, 0})
	case key.Matches(msg, k.End):
		last := len(m.lines) - 1
		m.moveTo(pos{last, len(m.lines[last])})
	case key.Matches(msg, k.Up):
		m.moveRows(-1)
	case key.Matches(msg, k.Down):
		m.moveRows(1)
	case key.Matches(msg, k.PageUp):
		m.moveRows(-m.height)
	case key.Matches(msg, k.PageDown):
		m.moveRows(m.height)
	default:
		if msg.Text != "" && msg.Mod&(tea.ModCtrl|tea.ModAlt|tea.ModSuper|tea.ModMeta|tea.ModHyper) == 0 {
			kind := editType
			if strings.ContainsAny(msg.Text, " \u3000") {
				kind = editBreak
			}
			m.edit(kind)
			m.insert(msg.Text)
		}
	}
}

type pos struct{ row, col int }

func (p pos) before(o pos) bool { return p.row < o.row || p.row == o.row && p.col < o.col }

// insert puts s at the caret and moves the caret after it.
func (m *Model) insert(s string) {
	s = normalize(strings.ToValidUTF8(s, "\uFFFD"), m.SingleLine)
	if s == "" {
		return
	}
	line := m.lines[m.row]
	head, tail := line[:m.col], line[m.col:]
	parts := strings.Split(s, "\n")
	if len(parts) == 1 {
		m.lines[m.row] = head + s + tail
		m.col += len(s)
		m.layouts[m.row].valid = false
	} else {
		newLines := make([]string, len(parts))
		newLines[0] = head + parts[0]
		copy(newLines[1:], parts[1:])
		last := len(parts) - 1
		newLines[last] = parts[last] + tail
		m.lines = append(m.lines[:m.row], append(newLines, m.lines[m.row+1:]...)...)
		m.layouts = append(m.layouts[:m.row], append(make([]lineLayout, len(parts)), m.layouts[m.row+1:]...)...)
		m.row += last
		m.col = len(parts[last])
	}
	m.goalX = -1
	m.rev++
	m.ensureVisible()
}

// deleteTo removes the text between the caret and p.
func (m *Model) deleteTo(p pos) {
	from, to := pos{m.row, m.col}, p
	if to.before(from) {
		from, to = to, from
	}
	if from == to {
		return
	}
	if from.row == to.row {
		line := m.lines[from.row]
		m.lines[from.row] = line[:from.col] + line[to.col:]
		m.layouts[from.row].valid = false
	} else {
		joined := m.lines[from.row][:from.col] + m.lines[to.row][to.col:]
		m.lines = append(m.lines[:from.row+1], m.lines[to.row+1:]...)
		m.lines[from.row] = joined
		m.layouts = append(m.layouts[:from.row+1], m.layouts[to.row+1:]...)
		m.layouts[from.row].valid = false
	}
	m.row, m.col = from.row, from.col
	m.goalX = -1
	m.rev++
	m.ensureVisible()
}

func (m *Model) moveTo(p pos) {
	m.row, m.col = p.row, p.col
	m.goalX = -1
	m.hist.last = editNone
	m.ensureVisible()
}

// prevBoundary is the start of the cluster before the caret (or the end of
// the previous line).
func (m *Model) prevBoundary() pos {
	if m.col == 0 {
		if m.row == 0 {
			return pos{0, 0}
		}
		return pos{m.row - 1, len(m.lines[m.row-1])}
	}
	line := m.lines[m.row]
	// Clusters never span rows, so scanning from the caret's row start is
	// enough (and short).
	rows := m.layout(m.row)
	start := rows[rowOf(rows, m.col)].start
	if start == m.col {
		start = rows[max(rowOf(rows, m.col)-1, 0)].start
	}
	prev := start
	clusters(line[start:m.col], func(c cluster) bool {
		prev = start + c.off
		return true
	})
	return pos{m.row, prev}
}

// nextBoundary is the end of the cluster after the caret (or the start of
// the next line).
func (m *Model) nextBoundary() pos {
	line := m.lines[m.row]
	if m.col >= len(line) {
		if m.row == len(m.lines)-1 {
			return pos{m.row, m.col}
		}
		return pos{m.row + 1, 0}
	}
	next := len(line)
	clusters(line[m.col:], func(c cluster) bool {
		next = m.col + c.size
		return false
	})
	return pos{m.row, next}
}

func (m *Model) wordLeft() pos {
	if m.col == 0 {
		return m.prevBoundary()
	}
	line := m.lines[m.row]
	i := m.col
	for i > 0 {
		r, size := utf8.DecodeLastRuneInString(line[:i])
		if !isSpace(r) {
			break
		}
		i -= size
	}
	if i == 0 {
		return pos{m.row, 0}
	}
	r, _ := utf8.DecodeLastRuneInString(line[:i])
	class := classOf(r)
	for i > 0 {
		r, size := utf8.DecodeLastRuneInString(line[:i])
		if classOf(r) != class && !extends(r) {
			break
		}
		i -= size
	}
	return pos{m.row, i}
}

func (m *Model) wordRight() pos {
	line := m.lines[m.row]
	if m.col >= len(line) {
		return m.nextBoundary()
	}
	i := m.col
	r, _ := utf8.DecodeRuneInString(line[i:])
	class := classOf(r)
	for i < len(line) {
		r, size := utf8.DecodeRuneInString(line[i:])
		if classOf(r) != class && !extends(r) {
			break
		}
		i += size
	}
	for i < len(line) {
		r, size := utf8.DecodeRuneInString(line[i:])
		if !isSpace(r) {
			break
		}
		i += size
	}
	return pos{m.row, i}
}

// moveRows moves the caret delta visual rows, keeping its column.
func (m *Model) moveRows(delta int) {
	x := m.goalX
	if x < 0 {
		x, _ = m.caretXY()
	}
	rows := m.layout(m.row)
	r := rowOf(rows, m.col) + delta
	line := m.row
	for r < 0 {
		if line == 0 {
			m.moveTo(pos{0, 0})
			return
		}
		line--
		r += len(m.layout(line))
	}
	for r >= len(m.layout(line)) {
		if line == len(m.lines)-1 {
			m.moveTo(pos{line, len(m.lines[line])})
			return
		}
		r -= len(m.layout(line))
		line++
	}
	sp := m.layout(line)[r]
	col := sp.start
	cx := 0
	text := m.lines[line]
	end := sp.end
	if sp.hang {
		end--
	}
	clusters(text[sp.start:end], func(c cluster) bool {
		if cx+c.width > x {
			return false
		}
		cx += c.width
		col = sp.start + c.off + c.size
		return true
	})
	m.row, m.col = line, col
	m.goalX = x
	m.hist.last = editNone
	m.ensureVisible()
}

// layout returns line i's rows at the current width, computing them if the
// line changed.
func (m *Model) layout(i int) []span {
	l := &m.layouts[i]
	if !l.valid || l.width != m.width {
		l.rows = wrap(m.lines[i], m.width, l.rows)
		l.valid, l.width = true, m.width
	}
	return l.rows
}

// rowOf returns the row of rows holding byte offset col: the last row that
// starts at or before it. A caret on a row boundary belongs to the later row.
func rowOf(rows []span, col int) int {
	return sort.Search(len(rows), func(i int) bool { return rows[i].start > col }) - 1
}

// caretXY returns the caret's column and its row counted from the first
// visual row of the text.
func (m *Model) caretXY() (x, y int) {
	for i := 0; i < m.row; i++ {
		y += len(m.layout(i))
	}
	rows := m.layout(m.row)
	r := rowOf(rows, m.col)
	y += r
	sp := rows[r]
	clusters(m.lines[m.row][sp.start:m.col], func(c cluster) bool {
		x += c.width
		return true
	})
	return min(x, m.width), y
}

func (m *Model) ensureVisible() {
	_, y := m.caretXY()
	if y < m.top {
		m.top = y
	}
	if y >= m.top+m.height {
		m.top = y - m.height + 1
	}
	total := 0
	for i := range m.lines {
		total += len(m.layout(i))
	}
	m.top = max(0, min(m.top, total-m.height))
}

// Cursor returns where the caret is, relative to the top-left of View, and
// whether it is shown (the editor is focused). After a full row ending in a
// space the caret sits just right of the row (x equals the width), which is
// where the next character goes.
func (m Model) Cursor() (x, y int, ok bool) {
	if !m.focused {
		return 0, 0, false
	}
	x, y = m.caretXY()
	y -= m.top
	if y < 0 || y >= m.height {
		return 0, 0, false
	}
	return x, y, true
}

// View draws the visible rows, each padded to the width. Control characters
// are shown as visible stand-ins, never written raw.
func (m Model) View() string {
	var b strings.Builder
	b.Grow((m.width + 1) * m.height * 2)
	if m.Empty() && m.Placeholder != "" {
		return m.placeholderView()
	}
	drawn, g := 0, 0
	for i := range m.lines {
		rows := m.layout(i)
		if g+len(rows) <= m.top {
			g += len(rows)
			continue
		}
		for _, sp := range rows {
			if g < m.top {
				g++
				continue
			}
			if drawn == m.height {
				break
			}
			end := sp.end
			if sp.hang {
				end--
			}
			if drawn > 0 {
				b.WriteByte('\n')
			}
			writeVisible(&b, m.lines[i][sp.start:end])
			b.WriteString(spaces(m.width - sp.width))
			drawn++
			g++
		}
		if drawn == m.height {
			break
		}
	}
	for ; drawn < m.height; drawn++ {
		if drawn > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(spaces(m.width))
	}
	return b.String()
}

func (m Model) placeholderView() string {
	ph := Model{width: m.width, height: m.height, lines: strings.Split(normalize(m.Placeholder, false), "\n")}
	ph.layouts = make([]lineLayout, len(ph.lines))
	ph.goalX = -1
	out := ph.View()
	if m.PlaceholderStyle == nil {
		return out
	}
	lines := strings.Split(out, "\n")
	for i, l := range lines {
		lines[i] = m.PlaceholderStyle(l)
	}
	return strings.Join(lines, "\n")
}

// writeVisible writes s as the editor draws it: as model.TermSafe shows
// it (control characters as their Control Pictures, ESC → ␛, C1 controls
// as U+FFFD, bidirectional formatting characters as ⇄), with the
// characters whose width Lip Gloss counts otherwise than a terminal
// written so that both agree (cellwidth.Drawn: ﾀﾞ is drawn ダ). The text
// edited keeps them as they are.
func writeVisible(b *strings.Builder, s string) {
	b.WriteString(cellwidth.Drawn(model.TermSafe(s)))
}

var spaceRun = strings.Repeat(" ", 512)

func spaces(n int) string {
	if n <= 0 {
		return ""
	}
	if n <= len(spaceRun) {
		return spaceRun[:n]
	}
	return strings.Repeat(" ", n)
}

// normalize turns CR LF and lone CR into LF and tabs into four spaces, and
// drops NUL bytes (which a pasted binary may hold, and which an export
// could not carry back in); in single-line mode line breaks and tabs become
// a space each, as everywhere a single-line field is entered
// (model.SingleLine).
func normalize(s string, singleLine bool) string {
	if strings.ContainsRune(s, 0) {
		s = strings.ReplaceAll(s, "\x00", "")
	}
	if singleLine {
		return model.SingleLine(s)
	}
	if strings.ContainsAny(s, "\r\t") {
		s = strings.ReplaceAll(s, "\r\n", "\n")
		s = strings.ReplaceAll(s, "\r", "\n")
		s = strings.ReplaceAll(s, "\t", "    ")
	}
	return s
}
