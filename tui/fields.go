package tui

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"bansou/tui/editor"
)

// A fieldset is every form in bansou, a whole screen's (the engagement, a
// round's setup) or a panel's (a worry, an action, an agreement's topic):
// text fields, selectors and buttons, one focused at a time. It may hold a
// list: rows of the same fields (a name and its type), with an empty row
// kept at the end to type into. A text field takes the keys given to
// update; a selector changes there with ←/→ (or space), a digit, or
// backspace to choose none, or by step from a key the screen binds. It is
// drawn with labels and gutters (render) or as a menu of rows (menu).

type field struct {
	key     string
	label   string
	ed      *editor.Model // a text field when set
	options []string      // a selector's choices
	sel     int           // the chosen option, -1 for none
	rows    int           // height of a text field
	// A choice the screen keeps (who has a role, how many minutes): change
	// moves it by ±1 and shows says it.
	change func(d int)
	shows  func() string

	hint   string   // muted words after a text field (a format, a unit), or a button's key
	about  string   // what the field is for, for the screen to say while it is focused
	width  int      // the most cells a text field takes; the cells a selector beside one takes
	err    string   // what is wrong with the value, under the field until a key is typed there
	above  []string // lines drawn above the field: a gap, a section's title
	beside bool     // drawn at the end of the first line of the text field before it
	skip   bool     // passed over by the focus: the screen changes it with a key of its own
}

func (f *field) text() bool { return f.ed != nil }

// choice reports whether the field is a selector or a choice the screen
// keeps; a field that is neither is a button.
func (f *field) choice() bool { return f.options != nil || f.change != nil }

// value returns a text field's text.
func (f *field) value() string {
	if f.ed == nil {
		return ""
	}
	return f.ed.Value()
}

// option is a choice's value as shown, "—" for none.
func (f *field) option() string {
	if f.shows != nil {
		return f.shows()
	}
	if f.sel < 0 || f.sel >= len(f.options) {
		return "—"
	}
	return f.options[f.sel]
}

// step moves a choice by d (±1), round from the last option to the first;
// from none, forward is the first and back the last.
func (f *field) step(d int) {
	if f.change != nil {
		f.change(d)
		return
	}
	n := len(f.options)
	switch {
	case n == 0:
	case f.sel < 0 && d < 0:
		f.sel = n - 1
	default:
		f.sel = ((f.sel+d)%n + n) % n
	}
}

type fieldset struct {
	fields []*field
	focus  int
	st     *styles
	width  int  // the width render has; 0 keeps labels beside their fields
	inner  int  // the width of the text fields, as last sized
	plain  bool // labels in the text's own style, as on a page, not a panel's
	list   fieldList
	// turn names the keys that change a selector ("←/→"), shown beside
	// the focused one so that its focus reads without colour; "" for none.
	turn string
}

// fieldList is where the fieldset's list stands: n rows of per fields from
// field at on, each made by newRow, at most most of them (0: no limit).
// blank says whether a row of only spaces counts as empty.
type fieldList struct {
	at, per, n int
	most       int
	blank      bool
	newRow     func() []*field
}

func newFieldset(st *styles) *fieldset { return &fieldset{st: st} }

// textField makes a text field of rows lines.
func (fs *fieldset) textField(key, label, value, placeholder string, rows int) *field {
	ed := editor.New()
	ed.SingleLine = rows == 1
	ed.SetHeight(rows)
	ed.Placeholder = placeholder
	ed.PlaceholderStyle = func(s string) string { return fs.st.placeholder.Render(s) }
	ed.SetValue(value)
	return &field{key: key, label: label, ed: &ed, rows: rows, sel: -1}
}

func (fs *fieldset) add(f *field) *field {
	fs.fields = append(fs.fields, f)
	return f
}

// addText adds a text field of rows lines.
func (fs *fieldset) addText(key, label, value, placeholder string, rows int) *field {
	return fs.add(fs.textField(key, label, value, placeholder, rows))
}

// addSelect adds a selector; sel is the chosen option or -1.
func (fs *fieldset) addSelect(key, label string, options []string, sel int) *field {
	return fs.add(&field{key: key, label: label, options: options, sel: sel})
}

// addChoice adds a choice the screen keeps: change moves it, shows says it.
func (fs *fieldset) addChoice(key, label string, change func(d int), shows func() string) *field {
	return fs.add(&field{key: key, label: label, change: change, shows: shows})
}

// startList starts the list after the fields so far; see fieldList.
func (fs *fieldset) startList(most int, blank bool, newRow func() []*field) {
	fs.list = fieldList{at: len(fs.fields), most: most, blank: blank, newRow: newRow}
}

// listEnd is the index of the first field after the list.
func (fs *fieldset) listEnd() int { return fs.list.at + fs.list.per*fs.list.n }

// row returns the fields of row r of the list.
func (fs *fieldset) row(r int) []*field {
	at := fs.list.at + fs.list.per*r
	return fs.fields[at : at+fs.list.per]
}

// rowOf is the row of the list field i is in, or -1.
func (fs *fieldset) rowOf(i int) int {
	if i < fs.list.at || i >= fs.listEnd() {
		return -1
	}
	return (i - fs.list.at) / fs.list.per
}

// addRow adds an empty row at the end of the list and returns it.
func (fs *fieldset) addRow() []*field {
	row, end := fs.list.newRow(), fs.listEnd()
	if end < len(fs.fields) && fs.focus >= end {
		fs.focus += len(row)
	}
	fs.list.per = len(row)
	fs.fields = slices.Insert(fs.fields, end, row...)
	fs.list.n++
	if fs.inner > 0 {
		fs.sizeText(fs.inner)
	}
	return row
}

// clearRows removes every row of the list.
func (fs *fieldset) clearRows() {
	fs.fields = slices.Delete(fs.fields, fs.list.at, fs.listEnd())
	fs.list.n = 0
	fs.focus = min(fs.focus, max(len(fs.fields)-1, 0))
}

// rowEmpty reports whether nothing is typed in row r's first field.
func (fs *fieldset) rowEmpty(r int) bool {
	ed := fs.row(r)[0].ed
	if fs.list.blank {
		return ed.Blank()
	}
	return ed.Empty()
}

// grow adds a row once the last one is typed in.
func (fs *fieldset) grow() {
	if l := fs.list; l.n > 0 && (l.most == 0 || l.n < l.most) && !fs.rowEmpty(l.n-1) {
		fs.addRow()
	}
}

// trim drops the last row while it and the row before are empty and the
// focus is above them.
func (fs *fieldset) trim() {
	l := &fs.list
	for l.n > 1 && fs.rowEmpty(l.n-1) && fs.rowEmpty(l.n-2) && fs.focus < fs.listEnd()-l.per {
		fs.fields = slices.Delete(fs.fields, fs.listEnd()-l.per, fs.listEnd())
		l.n--
	}
}

func (fs *fieldset) get(key string) *field {
	for _, f := range fs.fields {
		if f.key == key {
			return f
		}
	}
	return nil
}

func (fs *fieldset) current() *field {
	if fs.focus < 0 || fs.focus >= len(fs.fields) {
		return nil
	}
	return fs.fields[fs.focus]
}

// besideOf is the selector drawn beside field i, or nil.
func (fs *fieldset) besideOf(i int) *field {
	if i+1 < len(fs.fields) && fs.fields[i+1].beside {
		return fs.fields[i+1]
	}
	return nil
}

// spot names the focused field and its editor (nil for a selector).
func (fs *fieldset) spot() (string, *editor.Model) {
	f := fs.current()
	if f == nil {
		return "", nil
	}
	return f.key, f.ed
}

// goTo focuses the field named key, if there is one, and returns its
// editor (nil for a selector or no such field).
func (fs *fieldset) goTo(key string) *editor.Model {
	i := slices.IndexFunc(fs.fields, func(f *field) bool { return f.key == key })
	if i < 0 {
		return nil
	}
	fs.setFocus(i)
	return fs.fields[i].ed
}

// setFocus focuses field i (clamped).
func (fs *fieldset) setFocus(i int) {
	fs.blur()
	fs.focus = max(0, min(i, len(fs.fields)-1))
	if f := fs.current(); f != nil && f.ed != nil {
		f.ed.Focus()
	}
}

// blur takes the focus away from every field.
func (fs *fieldset) blur() {
	for _, f := range fs.fields {
		if f.ed != nil {
			f.ed.Blur()
		}
	}
}

// typing reports whether the focused field takes text.
func (fs *fieldset) typing() bool {
	f := fs.current()
	return f != nil && f.text()
}

// move goes to the next (d=1) or previous (d=-1) field, over those the
// focus skips; it reports false at either end, so the screen can move
// focus out of the fieldset.
func (fs *fieldset) move(d int) bool {
	i := fs.focus + d
	for i >= 0 && i < len(fs.fields) && fs.fields[i].skip {
		i += d
	}
	if i < 0 || i >= len(fs.fields) {
		return false
	}
	fs.setFocus(i)
	return true
}

// cycle moves the focus by d fields, round from the last to the first.
func (fs *fieldset) cycle(d int) {
	n := len(fs.fields)
	fs.setFocus(((fs.focus+d)%n + n) % n)
}

// setErrors puts each message under the field of its key, takes away the
// others, and focuses the first field with one.
func (fs *fieldset) setErrors(errs map[string]string) {
	first := -1
	for i, f := range fs.fields {
		if f.err = errs[f.key]; f.err != "" && first < 0 {
			first = i
		}
	}
	if first >= 0 {
		fs.setFocus(first)
	}
}

// update gives a key or paste to the focused field and reports whether a
// value changed.
func (fs *fieldset) update(msg tea.Msg) bool {
	f := fs.current()
	if f == nil {
		return false
	}
	if f.ed != nil {
		f.err = ""
		before := f.ed.Rev()
		*f.ed, _ = f.ed.Update(msg)
		return f.ed.Rev() != before
	}
	k, ok := msg.(tea.KeyPressMsg)
	n := len(f.options)
	if !ok || n == 0 {
		return false
	}
	switch {
	case key.Matches(k, selectorKeys.next):
		f.step(1)
	case key.Matches(k, selectorKeys.prev):
		f.step(-1)
	case key.Matches(k, selectorKeys.clear):
		if f.sel < 0 {
			return false
		}
		f.sel = -1
	default:
		if r := []rune(k.Text); len(r) == 1 && r[0] >= '1' && r[0] <= '9' && int(r[0]-'1') < n {
			f.sel = int(r[0] - '1')
			return true
		}
		return false
	}
	return true
}

// labelWidth is the width of the widest label plus a gap.
func (fs *fieldset) labelWidth() int {
	w := 0
	for _, f := range fs.fields {
		w = max(w, lipgloss.Width(f.label))
	}
	return w + 2
}

// stacked reports whether labels go on their own line: when they would
// take more than half of the width.
func (fs *fieldset) stacked() bool {
	return fs.width > 0 && fs.labelWidth() > fs.width/2
}

// indent is the width before a field's content.
func (fs *fieldset) indent() int {
	if fs.stacked() {
		return 2
	}
	return fs.labelWidth() + 2
}

// setWidth sizes the text fields for a total width w.
func (fs *fieldset) setWidth(w int) {
	fs.width = w
	fs.sizeText(max(w-fs.indent(), 4))
}

// sizeText makes the text fields inner cells wide: each at most its own
// width, and one with a selector beside it leaving room for it (keeping 8
// cells to type in).
func (fs *fieldset) sizeText(inner int) {
	fs.inner = inner
	for i, f := range fs.fields {
		if f.ed == nil {
			continue
		}
		w := inner
		if f.width > 0 {
			w = min(w, f.width)
		}
		if b := fs.besideOf(i); b != nil && b.width > 0 {
			w = max(w-b.width-2, 8)
		}
		f.ed.SetWidth(w)
	}
}

// render draws the fields with their labels in a column and a gutter
// before each; focused says whether the fieldset has the focus. A row of
// the list is labelled with its number. It returns the lines and, when a
// text field is focused, where its caret is (row, column within the
// lines), or -1.
func (fs *fieldset) render(focused bool) (lines []string, caretRow, caretCol int) {
	st := fs.st
	lw := fs.labelWidth()
	stacked := fs.stacked()
	if stacked {
		lw = 0
	}
	caretRow = -1
	for i, f := range fs.fields {
		if f.beside {
			continue
		}
		on := focused && i == fs.focus
		// A text field with its selector beside it is one row: focused
		// when either is.
		row := on || (focused && fs.besideOf(i) != nil && i+1 == fs.focus)
		lines = append(lines, f.above...)
		label := fs.labelView(i, row, lw)
		if stacked {
			lines = append(lines, label)
			label = ""
		}
		g := st.gutter.Render("│ ")
		if row {
			g = st.gutterFocus.Render("┃ ")
		}
		if f.ed == nil {
			v := fs.selectorView(f, on, fs.width-lw-2)
			// A selector's hint says what it is for while it has the focus;
			// where it does not fit, the keys that change it.
			room := fs.width - lw - 2 - lipgloss.Width(v) - 2
			switch {
			case !on:
			case f.hint != "" && fs.width == 0:
				v += "  " + st.muted.Render(f.hint)
			case f.hint != "" && room >= 8:
				v += "  " + st.muted.Render(truncate(f.hint, room))
			case fs.turn != "":
				v += " " + fs.turn
			}
			lines = append(lines, label+g+v)
			continue
		}
		if on {
			if x, y, ok := f.ed.Cursor(); ok {
				caretRow, caretCol = len(lines)+y, lw+2+x
			}
		}
		for j, row := range strings.Split(f.ed.View(), "\n") {
			prefix := strings.Repeat(" ", lw)
			if j == 0 {
				prefix, row = label, row+fs.after(i, focused)
			}
			lines = append(lines, prefix+g+row)
		}
		if f.err != "" {
			lines = append(lines, strings.Repeat(" ", lw+2)+st.errText.Render("✗ "+f.err))
		}
	}
	return lines, caretRow, caretCol
}

// labelView is field i's label padded to lw cells.
func (fs *fieldset) labelView(i int, on bool, lw int) string {
	text, style := fs.fields[i].label, fs.st.label
	if fs.plain {
		style = lipgloss.NewStyle()
	}
	if r := fs.rowOf(i); r >= 0 {
		text = strconv.Itoa(r + 1)
	} else if on {
		style = fs.st.heading
	}
	if fs.stacked() {
		text = truncate(text, fs.width)
	}
	return style.Render(padRight(text, lw))
}

// after is what follows the first row of text field i: its hint, and the
// selector beside it.
func (fs *fieldset) after(i int, focused bool) string {
	var s string
	if h := fs.fields[i].hint; h != "" {
		s += " " + fs.st.muted.Render(h)
	}
	if b := fs.besideOf(i); b != nil {
		v := "◀ " + b.option() + " ▶"
		if focused && fs.focus == i+1 {
			// Focused: the keys that change it beside it, not only a
			// colour (there is none under NO_COLOR).
			v = fs.st.selected.Render(v)
			if fs.turn != "" {
				v += " " + fs.turn
			}
		} else {
			v = fs.st.muted.Render(v)
		}
		s += "  " + padRight(v, b.width)
	}
	return s
}

// focusLine is the first line of the focused field in render's output (of
// the text field it stands beside).
func (fs *fieldset) focusLine() int {
	line, stacked := 0, fs.stacked()
	for i, f := range fs.fields {
		if f.beside {
			continue
		}
		line += len(f.above)
		if stacked {
			line++
		}
		if i == fs.focus || (fs.besideOf(i) != nil && i+1 == fs.focus) {
			return line
		}
		line += max(f.rows, 1) // a selector's one line
		if f.err != "" {
			line++
		}
	}
	return 0
}

// selectorView shows every option, the chosen one marked; when they do not
// fit in w cells, only the chosen one between arrows.
func (fs *fieldset) selectorView(f *field, on bool, w int) string {
	total := 0
	for _, o := range f.options {
		total += lipgloss.Width(o) + 2
	}
	if w > 0 && total > w {
		s := truncate(fmt.Sprintf("◀ %s ▶ (%d/%d)", f.option(), f.sel+1, len(f.options)), w)
		if on {
			return fs.st.selected.Render(s)
		}
		return fs.st.accent.Render(s)
	}
	var parts []string
	for j, o := range f.options {
		o = shown(o)
		if j == f.sel {
			s := "[" + o + "]"
			if on {
				s = fs.st.selected.Render(s)
			} else {
				s = fs.st.accent.Render(s)
			}
			parts = append(parts, s)
		} else {
			parts = append(parts, fs.st.muted.Render(" "+o+" "))
		}
	}
	return strings.Join(parts, "")
}

// menu draws the fieldset as rows in w cells, the focused one marked: a
// text field after a mark, the selector beside it in brackets once it is
// typed in; a choice as its label and value, between ◂ ▸ while focused; a
// button in brackets with its key. It returns the lines, the line of the
// focused field, and the caret's line and column (-1 when there is none).
func (fs *fieldset) menu(w int) (lines []string, at, caretRow, caretCol int) {
	st := fs.st
	lw := 0
	for _, f := range fs.fields {
		if (f.choice() || f.text()) && !f.beside {
			lw = max(lw, lipgloss.Width(f.label))
		}
	}
	lw = min(lw+4, max(w/2, 12))
	caretRow = -1
	for i, f := range fs.fields {
		if f.beside {
			continue
		}
		on := i == fs.focus
		lines = append(lines, f.above...)
		if on {
			at = len(lines)
		}
		var line string
		switch {
		case f.text() && f.label != "" && !f.beside:
			// A labelled text field among the choices: the label in
			// their column, the text where their values are.
			line = padRight("  "+f.label, lw)
			if on {
				line = st.selected.Render(line)
				if x, _, ok := f.ed.Cursor(); ok {
					caretRow, caretCol = len(lines), lw+2+x
				}
			}
			line += "  " + f.ed.View()
		case f.text():
			line = "    "
			if on {
				line = st.selected.Render("  ▸ ")
				if x, _, ok := f.ed.Cursor(); ok {
					caretRow, caretCol = len(lines), 4+x
				}
			}
			line += f.ed.View() + " "
			if b := fs.besideOf(i); b != nil && (on || !f.ed.Blank()) {
				line += st.muted.Render("［" + b.option() + "］")
			}
		case f.choice():
			v := "  " + f.option()
			if on {
				v = "◂ " + f.option() + " ▸"
			}
			line = padRight("  "+f.label, lw) + v
			if on {
				line = st.selected.Render(ansi.Truncate(line, max(w-1, 4), "…"))
			}
		default:
			line = "  " + st.heading.Render("[ "+f.label+" ]")
			if on {
				line = st.selected.Render("▸ [ " + f.label + " ]")
			}
			line += "  " + st.muted.Render(f.hint)
		}
		lines = append(lines, ansi.Truncate(line, max(w, 4), "…"))
	}
	return lines, at, caretRow, caretCol
}
