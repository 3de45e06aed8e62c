package tui

import (
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"

	tea "charm.land/bubbletea/v2"
	"charm.land/glamour/v2"
)

// renderer renders Markdown with glamour in one style and keeps the
// results, keyed by text and width. Rendering happens in commands; View only
// reads the cache. The style changes when the terminal's background does
// (setStyle); everything rendered before is dropped then.
type renderer struct {
	mu        sync.Mutex
	style     string
	cache     map[renderKey]string
	renderers map[int]*glamour.TermRenderer
}

type renderKey struct {
	md    string
	width int
}

// renderedMsg reports that a render finished and is in the cache.
type renderedMsg struct{ err error }

func newRenderer(style string) *renderer {
	return &renderer{style: style, cache: map[renderKey]string{}, renderers: map[int]*glamour.TermRenderer{}}
}

// setStyle switches to another glamour style and forgets what was rendered
// in the old one, so the next get misses and screens ask for a new render.
// A render under way holds the lock to its end, so nothing in the old style
// reaches the cache afterwards.
func (r *renderer) setStyle(style string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if style == r.style {
		return
	}
	r.style = style
	clear(r.cache)
	clear(r.renderers)
}

// currentStyle is the glamour style renders use now.
func (r *renderer) currentStyle() string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.style
}

// get returns a cached render.
func (r *renderer) get(md string, width int) (string, bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	out, ok := r.cache[renderKey{md, width}]
	return out, ok
}

// cmd renders md at width in the background unless it is cached already.
func (r *renderer) cmd(md string, width int) tea.Cmd {
	if _, ok := r.get(md, width); ok || width <= 0 {
		return nil
	}
	return func() tea.Msg {
		_, err := r.render(md, width)
		return renderedMsg{err: err}
	}
}

// render renders md at width (or returns the cached result). The line
// breaks of md are kept: glamour draws neither kind of hard line break
// (two spaces or a backslash at the end of a line) and would run the
// lines of a note typed one per person together; the documents write every
// typed line on a line of its own. Lines carry no
// trailing blank lines and the leading blank line glamour adds is removed.
func (r *renderer) render(md string, width int) (string, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	k := renderKey{md, width}
	if out, ok := r.cache[k]; ok {
		return out, nil
	}
	tr, ok := r.renderers[width]
	if !ok {
		var err error
		tr, err = glamour.NewTermRenderer(glamour.WithStandardStyle(r.style), glamour.WithWordWrap(width),
			glamour.WithPreservedNewLines())
		if err != nil {
			return "", err
		}
		r.renderers[width] = tr
	}
	out, err := tr.Render(md)
	if err != nil {
		// Fall back to the plain text so nothing disappears.
		out = md
	}
	out = hangPunctuation(trimBlankLines(out))
	if len(r.cache) > 2000 {
		clear(r.cache)
	}
	r.cache[k] = out
	return out, err
}

// trimBlankLines removes blank lines at the start and the end.
func trimBlankLines(s string) string {
	lines := strings.Split(s, "\n")
	blank := func(l string) bool { return strings.TrimSpace(stripANSI(l)) == "" }
	for len(lines) > 0 && blank(lines[0]) {
		lines = lines[1:]
	}
	for len(lines) > 0 && blank(lines[len(lines)-1]) {
		lines = lines[:len(lines)-1]
	}
	return strings.Join(lines, "\n")
}

// noLineStart lists what Japanese typesetting keeps off the start of a line.
const noLineStart = "、。，．）」』】〕〉》！？ー…ぁぃぅぇぉっゃゅょァィゥェォッャュョ"

// hangPunctuation moves a closing mark or small kana that glamour wrapped to
// the start of a line back to the end of the line before, as Japanese
// typesetting hangs it (ぶら下げ). Styles are kept; only cells move.
func hangPunctuation(s string) string {
	lines := strings.Split(s, "\n")
	for i := 1; i < len(lines); i++ {
		plain := ansi.Strip(lines[i])
		text := strings.TrimLeft(plain, " ")
		if text == "" {
			continue
		}
		r, _ := utf8.DecodeRuneInString(text)
		if !strings.ContainsRune(noLineStart, r) {
			continue
		}
		prevPlain := ansi.Strip(lines[i-1])
		prevText := strings.TrimRight(prevPlain, " ")
		if strings.TrimSpace(prevText) == "" {
			continue
		}
		margin := ansi.StringWidth(plain) - ansi.StringWidth(text)
		// Measured as the cuts below measure it (and lipgloss, and the
		// editor): an ambiguous-width mark such as … is one cell whatever
		// the locale (see internal/cellwidth).
		w := ansi.StringWidth(string(r))
		mark := ansi.Cut(lines[i], margin, margin+w)
		lines[i-1] = ansi.Truncate(lines[i-1], ansi.StringWidth(prevText), "") + mark
		lines[i] = ansi.Cut(lines[i], 0, margin) + ansi.Cut(lines[i], margin+w, ansi.StringWidth(plain))
	}
	return strings.Join(lines, "\n")
}
