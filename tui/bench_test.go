package tui

import (
	"slices"
	"strings"
	"testing"
	"time"

	"charm.land/bubbles/v2/textarea"
	tea "charm.land/bubbletea/v2"
)

// japaneseAnswer returns n characters of Japanese prose in paragraphs of
// about 200 characters, like a long answer typed during a session.
func japaneseAnswer(n int) string {
	unit := []rune("越境先で学んだことを、自分の言葉で少しずつ書き留めています。お客さまと直接話す機会が増え、")
	var b strings.Builder
	for i := 0; i < n; i++ {
		b.WriteRune(unit[i%len(unit)])
		if (i+1)%200 == 0 && i+1 < n {
			b.WriteByte('\n')
		}
	}
	return b.String()
}

// BenchmarkKeystroke measures one key press in the session runner with a
// 10,000-character Japanese answer at 120×40: Update and the full frame.
func BenchmarkKeystroke(b *testing.B) {
	h := newHarness(b, 120, 40)
	r := startSessionQuiet(h)
	r.answer.SetValue(japaneseAnswer(10000))
	r.answerRev = r.answer.Rev()
	// Put the caret in the middle of the text, as when correcting a word.
	for i := 0; i < 25; i++ {
		r.answer, _ = r.answer.Update(tea.KeyPressMsg{Code: tea.KeyUp})
	}
	app := h.app
	keys := []tea.Msg{tea.KeyPressMsg{Code: 'あ', Text: "あ"}, tea.KeyPressMsg{Code: tea.KeyBackspace}}
	times := make([]time.Duration, 0, b.N)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		start := time.Now()
		m, _ := app.Update(keys[i%2])
		app = m.(App)
		_ = app.View()
		times = append(times, time.Since(start))
	}
	b.StopTimer()
	reportPercentiles(b, times)
}

// reportPercentiles adds the median and the 99th percentile of the
// iterations to the benchmark's output.
func reportPercentiles(b *testing.B, times []time.Duration) {
	if len(times) == 0 {
		return
	}
	slices.Sort(times)
	b.ReportMetric(float64(times[len(times)/2].Microseconds()), "median-µs")
	b.ReportMetric(float64(times[len(times)*99/100].Microseconds()), "p99-µs")
}

// BenchmarkKeystrokeStockTextarea is the baseline: the Bubbles textarea
// alone (no frame around it) with the same answer at the same width.
func BenchmarkKeystrokeStockTextarea(b *testing.B) {
	ta := textarea.New()
	ta.ShowLineNumbers = false
	ta.SetVirtualCursor(false)
	ta.CharLimit = 0
	ta.MaxHeight = 0
	ta.SetWidth(88)
	ta.SetHeight(25)
	ta.Focus()
	ta.SetValue(japaneseAnswer(10000))
	for i := 0; i < 25; i++ {
		ta, _ = ta.Update(tea.KeyPressMsg{Code: tea.KeyUp})
	}
	keys := []tea.Msg{tea.KeyPressMsg{Code: 'あ', Text: "あ"}, tea.KeyPressMsg{Code: tea.KeyBackspace}}
	b.ReportAllocs()
	b.ResetTimer()
	times := make([]time.Duration, 0, b.N)
	for i := 0; i < b.N; i++ {
		start := time.Now()
		ta, _ = ta.Update(keys[i%2])
		_ = ta.View()
		times = append(times, time.Since(start))
	}
	b.StopTimer()
	reportPercentiles(b, times)
}

func startSessionQuiet(h *harness) *runner {
	h.seed()
	h.press("enter", "n", "enter")
	r, ok := h.top().(*runner)
	if !ok {
		panic("runner not on top:\n" + h.screen())
	}
	return r
}
