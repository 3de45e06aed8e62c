package tui

// The session screen at every size: resized, resized in a storm, as small
// as it gets.

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
)

func TestResizeRewrapsThePrompt(t *testing.T) {
	h := newHarness(t, 140, 30)
	startSession(t, h)
	wide := h.screen()
	if !strings.Contains(wide, "この越境で、あなた自身が実現したいことは何でしょう。大きなことでも小さなこと") {
		t.Fatalf("prompt not on one line at 140 columns:\n%s", wide)
	}
	h.send(tea.WindowSizeMsg{Width: 50, Height: 24})
	narrow := h.screen()
	if strings.Contains(narrow, "大きなことでも小さなこと") && strings.Contains(narrow, "この越境で、あなた自身が実現したいことは何でしょう。大きな") {
		t.Fatalf("prompt not re-wrapped at 50 columns:\n%s", narrow)
	}
	h.contains("この越境で")
	for i, l := range strings.Split(narrow, "\n") {
		if w := lipglossWidth(l); w > 50 {
			t.Errorf("line %d is %d cells wide at 50 columns: %q", i, w, l)
		}
	}
}

// TestResizeStormKeepsWhatIsTyped sends hundreds of window sizes, random
// and extreme (0×0, 1×1, 20×6, 1000×400), to the busiest screens, with
// Japanese typed between them. Nothing panics; what was typed while the
// window was big enough is all there (keys at a too-small size are ignored
// by design); and the last frame is the one the screen draws when opened
// and typed into at that size directly.
func TestResizeStormKeepsWhatIsTyped(t *testing.T) {
	for _, name := range []string{"session", "round", "engagement form"} {
		i := slices.IndexFunc(tinyScreens, func(s tinyScreen) bool { return s.name == name })
		open := tinyScreens[i].open
		t.Run(name, func(t *testing.T) {
			h := newHarness(t, 80, 24)
			open(t, h)
			rng := rand.New(rand.NewPCG(7, uint64(i)))
			special := []tea.WindowSizeMsg{{}, {Width: 1, Height: 1}, {Width: 20, Height: 6}, {Width: 1000, Height: 400},
				{Width: MinWidth, Height: MinHeight}, {Width: MinWidth - 1, Height: MinHeight}}
			typing := []rune("越境先で学んだことを自分の言葉で書く")
			typed := ""
			for n := 0; n < 400; n++ {
				size := tea.WindowSizeMsg{Width: rng.IntN(250), Height: rng.IntN(80)}
				if n%7 == 0 {
					size = special[rng.IntN(len(special))]
				}
				h.feed(size)
				h.app.View()
				if n%16 == 0 {
					c := typing[len([]rune(typed))%len(typing)]
					h.feed(tea.KeyPressMsg{Code: c, Text: string(c)})
					if size.Width >= MinWidth && size.Height >= MinHeight {
						typed += string(c)
					}
				}
				if n%50 == 0 {
					h.settle()
				}
			}
			h.send(tea.WindowSizeMsg{Width: 90, Height: 28})
			h.settle()
			t.Logf("typed %q", typed)
			if !strings.Contains(h.screen(), typed) {
				t.Fatalf("typed %q during the storm; the screen shows:\n%s", typed, h.screen())
			}
			checkWidth(t, h, "after the storm")

			ref := newHarness(t, 90, 28)
			open(t, ref)
			ref.typeText(typed)
			if got, want := h.screen(), ref.screen(); got != want {
				t.Fatalf("the last frame differs from the screen drawn at 90×28:\n--- after the storm\n%s\n--- drawn directly\n%s", got, want)
			}
		})
	}
}

func TestSmallestTerminalStillShowsTheAnswer(t *testing.T) {
	h := newHarness(t, MinWidth, MinHeight)
	startSession(t, h)
	h.typeText("小さな画面")
	h.contains("小さな画面")
	c := h.app.View().Cursor
	if c == nil || c.Y >= MinHeight-2 {
		t.Fatalf("cursor %+v outside the body", c)
	}
	lines := strings.Split(h.screen(), "\n")
	if !strings.Contains(lines[c.Y], "小さな画面") {
		t.Fatalf("cursor row %d is %q", c.Y, lines[c.Y])
	}
	// Pickers take the editors' room rather than vanish.
	h.press("ctrl+d")
	h.contains("自分で問いを書く")
	h.press("esc", "ctrl+o")
	h.typeText("問い")
	if c := h.app.View().Cursor; c == nil || !strings.Contains(strings.Split(h.screen(), "\n")[c.Y], "問い") {
		t.Fatalf("input not visible at the smallest size:\n%s", h.screen())
	}
}

func TestJumpListIsShownOnNarrowScreens(t *testing.T) {
	h := newHarness(t, 60, 20)
	startSession(t, h)
	if strings.Contains(h.screen(), "8 理想と今の差") {
		t.Fatal("the list is drawn although the screen is narrow")
	}
	h.press("ctrl+g")
	h.contains("8 理想と今の差")
	h.press("down", "enter")
	h.contains("2. なぜ今、外へ")
}
