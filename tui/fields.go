package tui

import (
	"fmt"
	"slices"
	"strings"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"bansou/tui/editor"
)

// A fieldset is a small form inside a screen: labelled text fields and
// selectors, one focused at a time. tab and shift+tab move between fields;
// a selector changes with ←/→ (or space), a text field takes the keys.

type field struct {
	key     string
	label   string
	ed      *editor.Model // a text field when set
	options []string      // a selector's choices
	sel     int           // the chosen option, -1 for none
	rows    int           // height of a text field
}

func (f *field) text() bool { return f.ed != nil }

// value returns a text field's text.
func (f *field) value() string {
	if f.ed == nil {
		return ""
	}
	return f.ed.Value()
}

type fieldset struct {
	fields []*field
	focus  int
	st     *styles
	width  int
}

func newFieldset(st *styles) *fieldset { return &fieldset{st: st} }

// addText adds a text field of rows lines.
func (fs *fieldset) addText(key, label, value, placeholder string, rows int) *field {
	ed := editor.New()
	ed.SingleLine = rows == 1
	ed.SetHeight(rows)
	ed.Placeholder = placeholder
	ed.PlaceholderStyle = func(s string) string { return fs.st.muted.Render(s) }
	ed.SetValue(value)
	f := &field{key: key, label: label, ed: &ed, rows: rows, sel: -1}
	fs.fields = append(fs.fields, f)
	return f
}

// addSelect adds a selector; sel is the chosen option or -1.
func (fs *fieldset) addSelect(key, label string, options []string, sel int) *field {
	f := &field{key: key, label: label, options: options, sel: sel}
	fs.fields = append(fs.fields, f)
	return f
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

// setFocus focuses field i (clamped) and reports whether it moved.
func (fs *fieldset) setFocus(i int) {
	for _, f := range fs.fields {
		if f.ed != nil {
			f.ed.Blur()
		}
	}
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

// move goes to the next (d=1) or previous (d=-1) field; it reports false at
// either end, so the screen can move focus out of the fieldset.
func (fs *fieldset) move(d int) bool {
	i := fs.focus + d
	if i < 0 || i >= len(fs.fields) {
		return false
	}
	fs.setFocus(i)
	return true
}

// update gives a key or paste to the focused field and reports whether a
// value changed.
func (fs *fieldset) update(msg tea.Msg) bool {
	f := fs.current()
	if f == nil {
		return false
	}
	if f.ed != nil {
		before := f.ed.Rev()
		*f.ed, _ = f.ed.Update(msg)
		return f.ed.Rev() != before
	}
	k, ok := msg.(tea.KeyPressMsg)
	n := len(f.options)
	if !ok || n == 0 {
		return false
	}
	switch k.String() {
	case "right", "space":
		f.sel = (f.sel + 1 + n) % n
	case "left":
		if f.sel < 0 {
			f.sel = n - 1
		} else {
			f.sel = (f.sel - 1 + n) % n
		}
	case "backspace", "delete":
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
	inner := max(w-fs.indent(), 4)
	for _, f := range fs.fields {
		if f.ed != nil {
			f.ed.SetWidth(inner)
		}
	}
}

// render draws the fields; focused says whether the fieldset has the focus.
// It returns the lines and, when a text field is focused, where its caret
// is (row, column within the lines), or -1.
func (fs *fieldset) render(focused bool) (lines []string, caretRow, caretCol int) {
	st := fs.st
	lw := fs.labelWidth()
	stacked := fs.stacked()
	if stacked {
		lw = 0
	}
	caretRow = -1
	for i, f := range fs.fields {
		on := focused && i == fs.focus
		text := f.label
		if stacked {
			text = truncate(text, fs.width)
		}
		label := padRight(text, lw)
		if on {
			label = st.heading.Render(label)
		} else {
			label = st.label.Render(label)
		}
		if stacked {
			lines = append(lines, label)
			label = ""
		}
		g := st.gutter.Render("│ ")
		if on {
			g = st.gutterFocus.Render("┃ ")
		}
		if f.ed != nil {
			if on {
				if x, y, ok := f.ed.Cursor(); ok {
					caretRow, caretCol = len(lines)+y, lw+2+x
				}
			}
			for j, row := range strings.Split(f.ed.View(), "\n") {
				prefix := strings.Repeat(" ", lw)
				if j == 0 {
					prefix = label
				}
				lines = append(lines, prefix+g+row)
			}
			continue
		}
		lines = append(lines, label+g+fs.selectorView(f, on, fs.width-lw-2))
	}
	return lines, caretRow, caretCol
}

// focusLine is the first line of the focused field in render's output.
func (fs *fieldset) focusLine() int {
	line := 0
	for i, f := range fs.fields {
		if fs.stacked() {
			line++
		}
		if i == fs.focus {
			return line
		}
		if f.text() {
			line += f.rows
		} else {
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
		cur := "—"
		if f.sel >= 0 {
			cur = f.options[f.sel]
		}
		s := fmt.Sprintf("◀ %s ▶ (%d/%d)", cur, f.sel+1, len(f.options))
		s = truncate(s, w)
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
