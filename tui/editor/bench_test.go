package editor

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
)

// longAnswer is a 10,000-character Japanese answer: paragraphs when
// paragraphs is true, otherwise one unbroken line.
func longAnswer(paragraphs bool) string {
	unit := "越境先で学んだことを、自分の言葉で少しずつ書き留めています。"
	var b strings.Builder
	n := 0
	for n < 10000 {
		for _, r := range unit {
			if n == 10000 {
				break
			}
			b.WriteRune(r)
			n++
			if paragraphs && n%200 == 0 && n < 10000 {
				b.WriteByte('\n')
			}
		}
	}
	return b.String()
}

func benchmarkKeystroke(b *testing.B, paragraphs bool) {
	m := New()
	m.SetWidth(90)
	m.SetHeight(20)
	m.Focus()
	m.SetValue(longAnswer(paragraphs))
	m = press(m, "ctrl+home", "down", "down", "down", "right", "right")
	typed := tea.KeyPressMsg{Code: 'あ', Text: "あ"}
	back := tea.KeyPressMsg{Code: tea.KeyBackspace}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if i%2 == 0 {
			m, _ = m.Update(typed)
		} else {
			m, _ = m.Update(back)
		}
		_ = m.View()
	}
}

func BenchmarkKeystrokeParagraphs(b *testing.B) { benchmarkKeystroke(b, true) }
func BenchmarkKeystrokeOneLine(b *testing.B)    { benchmarkKeystroke(b, false) }
