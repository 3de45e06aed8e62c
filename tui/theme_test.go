package tui

import (
	"image/color"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
)

// What the terminal answers to the background colour query.
var (
	lightBackground = tea.BackgroundColorMsg{Color: color.RGBA{R: 0xfa, G: 0xfa, B: 0xf5, A: 0xff}}
	darkBackground  = tea.BackgroundColorMsg{Color: color.RGBA{R: 0x1c, G: 0x1c, B: 0x1c, A: 0xff}}
)

// The title colour of each palette, as lipgloss writes it in an SGR.
const (
	lightTitleSGR = "38;2;0;120;122"  // #00787A
	darkTitleSGR  = "38;2;95;215;215" // #5FD7D7
	lightKeySGR   = "38;2;144;144;144"
	darkKeySGR    = "38;2;98;98;98"
)

func withTheme(th Theme) harnessOption { return func(o *Options) { o.Theme = th } }

// initMsgs runs the App's Init command, and the commands of any batch it
// returns, and collects their messages.
func initMsgs(t *testing.T, a App) []tea.Msg {
	t.Helper()
	var out []tea.Msg
	var run func(tea.Cmd)
	run = func(c tea.Cmd) {
		if c == nil {
			return
		}
		msg := c()
		if b, ok := msg.(tea.BatchMsg); ok {
			for _, c := range b {
				run(c)
			}
			return
		}
		out = append(out, msg)
	}
	run(a.Init())
	return out
}

func asksBackground(msgs []tea.Msg) bool {
	for _, m := range msgs {
		if m == tea.RequestBackgroundColor() {
			return true
		}
	}
	return false
}

// sgr matches a Select Graphic Rendition sequence.
var sgr = regexp.MustCompile(`\x1b\[([0-9;:]*)m`)

// hasColour reports whether s sets a foreground or background colour
// (named, 256 or true colour).
func hasColour(s string) bool {
	for _, m := range sgr.FindAllStringSubmatch(s, -1) {
		for _, p := range strings.FieldsFunc(m[1], func(r rune) bool { return r == ';' || r == ':' }) {
			n, _ := strconv.Atoi(p)
			if (n >= 30 && n <= 38) || (n >= 40 && n <= 48) || (n >= 90 && n <= 97) || (n >= 100 && n <= 107) {
				return true
			}
		}
	}
	return false
}

func TestInitAsksTheTerminalForItsBackground(t *testing.T) {
	store, _ := openStore(t)
	for _, c := range []struct {
		th   Theme
		asks bool
	}{
		{Theme{Dark: true}, true},
		{Theme{Dark: true, Fixed: true}, false},
		{Theme{Dark: false, Fixed: true}, false},
		{Theme{Dark: true, NoColor: true}, false},
	} {
		a := New(Options{Store: store, Library: library(t), Theme: c.th, Now: func() time.Time { return clock }})
		if got := asksBackground(initMsgs(t, a)); got != c.asks {
			t.Errorf("%+v: Init asks for the background: %v, want %v", c.th, got, c.asks)
		}
	}
}

// TestLightBackgroundRecoloursTheSession: a session is open in the dark
// palette (the guess before the terminal answers); the terminal then says
// its background is light, and everything follows: styles, the footer's
// keys and the Japanese prompt rendered by glamour, the one shown and the
// ones rendered ahead.
func TestLightBackgroundRecoloursTheSession(t *testing.T) {
	h := newHarness(t, 100, 30)
	r := startSession(t, h)
	e := h.app.env
	cur, _ := r.wk.Sess.Current()
	md, w := questionMarkdown(cur), r.lay.mainW
	if !strings.ContainsFunc(cur.Question, func(r rune) bool { return r >= 'ぁ' && r <= 'ヿ' }) {
		t.Fatalf("the prompt is not in Japanese: %q", cur.Question)
	}
	darkOut, ok := e.render.get(md, w)
	if !ok || e.render.currentStyle() != "dark" {
		t.Fatalf("before the answer: style %q, prompt rendered %v", e.render.currentStyle(), ok)
	}
	before := h.app.View().Content
	if !strings.Contains(before, darkTitleSGR) || strings.Contains(before, lightTitleSGR) {
		t.Fatal("the dark palette is not the starting guess")
	}
	plainBefore := h.screen()
	fs := newFieldset(&e.st) // as the answer panels hold the styles

	h.send(lightBackground)

	if got := e.render.currentStyle(); got != "light" {
		t.Fatalf("glamour style %q, want light", got)
	}
	wantOut, err := newRenderer("light").render(md, w)
	if err != nil {
		t.Fatal(err)
	}
	if wantOut == darkOut {
		t.Fatal("light and dark renders are the same; the test proves nothing")
	}
	if got, ok := e.render.get(md, w); !ok || got != wantOut {
		t.Fatalf("the prompt was not rendered again in the light style (cached %v)", ok)
	}
	next := r.wk.Sess.Steps[1]
	if _, ok := e.render.get(questionMarkdown(next), w); !ok {
		t.Fatalf("the next prompt (%q) was not rendered ahead again", next.Question)
	}
	after := h.app.View().Content
	if !strings.Contains(after, lightTitleSGR) || strings.Contains(after, darkTitleSGR) {
		t.Fatal("the title is not in the light palette")
	}
	if !strings.Contains(after, strings.Split(wantOut, "\n")[0]) {
		t.Fatal("the screen does not show the light render of the prompt")
	}
	if !strings.Contains(after, lightKeySGR) || strings.Contains(after, darkKeySGR) {
		t.Fatal("the footer's keys are not in the light help styles")
	}
	if h.screen() != plainBefore {
		t.Fatalf("the text changed with the colours:\n%s\n--- before\n%s", h.screen(), plainBefore)
	}

	// A fieldset built before the switch draws in the light palette too.
	if got := fs.st.accent.Render("はい"); !strings.Contains(got, lightTitleSGR) {
		t.Fatalf("a fieldset still draws %q", got)
	}

	// And back to dark when the terminal says so.
	h.send(darkBackground)
	if e.render.currentStyle() != "dark" || !strings.Contains(h.app.View().Content, darkTitleSGR) {
		t.Fatal("a dark background did not bring the dark palette back")
	}
	if got, ok := e.render.get(md, w); !ok || got != darkOut {
		t.Fatal("the prompt was not rendered again in the dark style")
	}
}

// TestLightBackgroundRerendersTheReview: the review is one rendered
// Markdown document; it is shown again in the light style.
func TestLightBackgroundRerendersTheReview(t *testing.T) {
	h := newHarness(t, 80, 24)
	startSession(t, h)
	h.typeText("地域の課題に向き合いたい")
	h.press("esc", "f", "enter")
	rv, ok := h.top().(*review)
	if !ok {
		t.Fatalf("top is %T", h.top())
	}
	darkShown := rv.shown
	h.send(lightBackground)
	want, err := newRenderer("light").render(rv.md, rv.w)
	if err != nil {
		t.Fatal(err)
	}
	if rv.shown != want || rv.shown == darkShown {
		t.Fatalf("the review was not rendered again in the light style:\n%s", rv.shown)
	}
	h.contains("地域の課題に向き合いたい")
}

func TestFixedThemeIgnoresTheBackground(t *testing.T) {
	for _, dark := range []bool{true, false} {
		h := newHarness(t, 100, 30, withTheme(Theme{Dark: dark, Fixed: true}))
		startSession(t, h)
		e := h.app.env
		style, title := "light", lightTitleSGR
		msg := darkBackground
		if dark {
			style, title, msg = "dark", darkTitleSGR, lightBackground
		}
		before := h.app.View().Content
		h.send(msg)
		if got := e.render.currentStyle(); got != style {
			t.Errorf("fixed %s theme: glamour style became %q", style, got)
		}
		if after := h.app.View().Content; after != before || !strings.Contains(after, title) {
			t.Errorf("fixed %s theme: the screen changed with the background", style)
		}
	}
}

func TestNoColorIgnoresTheBackground(t *testing.T) {
	h := newHarness(t, 100, 30, withTheme(Theme{Dark: true, NoColor: true}))
	r := startSession(t, h)
	h.typeText("色のない画面")
	h.send(lightBackground)
	if got := h.app.env.render.currentStyle(); got != "notty" {
		t.Fatalf("glamour style %q, want notty", got)
	}
	cur, _ := r.wk.Sess.Current()
	if _, ok := h.app.env.render.get(questionMarkdown(cur), r.lay.mainW); !ok {
		t.Fatal("the prompt is not rendered")
	}
	if v := h.app.View().Content; hasColour(v) {
		t.Fatalf("NO_COLOR, yet colours are drawn: %q", v)
	}
	h.contains("色のない画面")
	// The check itself finds colours when there are some.
	if !hasColour(newStyles(Theme{Dark: true}).title.Render("伴走")) {
		t.Fatal("hasColour misses a coloured title")
	}
}
