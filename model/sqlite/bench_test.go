package sqlite

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"bansou/model"
)

// BenchmarkAutosave measures what the runner does every few hundred
// milliseconds while the learner's words are typed: one SaveProgress with the
// changed answer and the position, in its own transaction, on a real file.
func BenchmarkAutosave(b *testing.B) {
	for _, size := range []int{300, 10000} {
		b.Run(map[int]string{300: "answer=300chars", 10000: "answer=10000chars"}[size], func(b *testing.B) {
			s, err := Open(filepath.Join(b.TempDir(), "bench.db"), Options{})
			if err != nil {
				b.Fatal(err)
			}
			defer s.Close()
			ctx := context.Background()
			e, _ := s.CreateEngagement(ctx, engagement())
			var prompts []model.Prompt
			for _, id := range []string{"a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m"} {
				prompts = append(prompts, model.Prompt{ID: id, Title: model.Text{Ja: id}, Text: model.Text{Ja: "問い" + id}})
			}
			f := &model.Flow{ID: "purpose", Prompts: prompts}
			sess, err := s.StartSession(ctx, model.NewSession(f, e.ID, model.Ja, time.Now()))
			if err != nil {
				b.Fatal(err)
			}
			text := []rune(strings.Repeat("越境先で学んだことを自分の言葉で書き留める。", size/21+1))[:size]
			times := make([]time.Duration, 0, b.N)
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				sess, _ = model.Apply(sess, model.SetAnswer{Text: string(text[:size-i%2])}, time.Now())
				p := model.ProgressOf(sess, []string{sess.CurrentKey}, false)
				start := time.Now()
				if err := s.SaveProgress(ctx, p); err != nil {
					b.Fatal(err)
				}
				times = append(times, time.Since(start))
			}
			b.StopTimer()
			slices.Sort(times)
			b.ReportMetric(float64(times[len(times)/2].Microseconds()), "median-µs")
			b.ReportMetric(float64(times[len(times)*99/100].Microseconds()), "p99-µs")
		})
	}
}
