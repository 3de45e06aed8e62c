package tui

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"charm.land/bubbles/v2/textarea"
	tea "charm.land/bubbletea/v2"

	"bansou/internal/benchdb"
	"bansou/model"
)

// BenchmarkKeystroke measures one key press in the session runner with a
// 10,000-character Japanese answer at 120×40: Update and the full frame.
func BenchmarkKeystroke(b *testing.B) {
	h := newHarness(b, 120, 40)
	r := startSessionQuiet(h)
	r.answer.SetValue(benchdb.LongAnswer(10000))
	r.answerRev = r.answer.Rev()
	// Put the caret in the middle of the text, as when correcting a word.
	for i := 0; i < 25; i++ {
		r.answer, _ = r.answer.Update(tea.KeyPressMsg{Code: tea.KeyUp})
	}
	benchKeys(b, h.app, tea.KeyPressMsg{Code: 'あ', Text: "あ"}, tea.KeyPressMsg{Code: tea.KeyBackspace})
}

// BenchmarkKeystrokeTenThousandPrompts measures one key press in the
// answer to the last prompt of a flow of 10,000 prompts, at 120×40: the
// list of prompts beside it must not cost a pass over every step per step.
func BenchmarkKeystrokeTenThousandPrompts(b *testing.B) {
	h := newHarness(b, 120, 40, withLibrary(manyPromptsLibrary(b, 10000)))
	startSessionQuiet(h)
	h.press("ctrl+g", "end", "enter")
	benchKeys(b, h.app, tea.KeyPressMsg{Code: 'あ', Text: "あ"}, tea.KeyPressMsg{Code: tea.KeyBackspace})
}

// BenchmarkKeystrokeAfterMegabytePaste measures one key press at the end
// of an answer of 1 MB of Japanese pasted in lines, at 120×40.
func BenchmarkKeystrokeAfterMegabytePaste(b *testing.B) {
	h := newHarness(b, 120, 40)
	startSessionQuiet(h)
	h.send(tea.PasteMsg{Content: megabyteOfJapanese(true)})
	benchKeys(b, h.app, tea.KeyPressMsg{Code: 'あ', Text: "あ"}, tea.KeyPressMsg{Code: tea.KeyBackspace})
}

// benchKeys times key presses, in turn, through App.Update and the whole
// frame, and reports the median and 99th percentile.
func benchKeys(b *testing.B, app App, keys ...tea.Msg) {
	times := make([]time.Duration, 0, b.N)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		start := time.Now()
		m, _ := app.Update(keys[i%len(keys)])
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
	ta.SetValue(benchdb.LongAnswer(10000))
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

// timelineHarness is an engagement with n sessions spread over a stint of
// two years (before, during and after), each with a few answers, and the
// engagement screen on top.
func timelineHarness(b *testing.B, n int) (*harness, model.Engagement) {
	h := newHarness(b, 120, 40)
	e := h.seed()
	ctx := context.Background()
	flows := h.app.env.lib.Flows
	start := time.Date(2026, 6, 1, 9, 0, 0, 0, time.UTC)
	for i := range n {
		f := flows[i%len(flows)]
		s := model.NewSession(f, e.ID, model.Ja, start.Add(time.Duration(i)*36*time.Hour))
		for j := range min(4, len(s.Steps)) {
			s, _ = model.Apply(s, model.Jump{Key: s.Steps[j].Key}, s.StartedAt)
			s, _ = model.Apply(s, model.SetAnswer{Text: benchdb.LongAnswer(120)}, s.StartedAt)
		}
		if i%3 != 0 {
			s, _ = model.Apply(s, model.Finish{}, s.StartedAt)
		}
		stored, err := h.store.StartSession(ctx, s)
		if err != nil {
			b.Fatal(err)
		}
		// A worry and an action in every other session, each told about
		// again in a later one: a ledger of 250 + 250 entries.
		if i%2 == 0 {
			p := model.ProgressOf(stored, nil, false)
			at := stored.StartedAt
			p.Anxieties = []model.Anxiety{{ID: fmt.Sprintf("a%d", i), EngagementID: e.ID, SessionID: stored.ID,
				StepKey: stored.Steps[0].Key, Text: "帰任後の役割が見えない", CreatedAt: at, UpdatedAt: at}}
			p.Actions = []model.Action{{ID: fmt.Sprintf("x%d", i), EngagementID: e.ID, SessionID: stored.ID,
				StepKey: stored.Steps[1].Key, Text: "上司と面談する", Owner: model.OwnerLearner, CreatedAt: at, UpdatedAt: at}}
			if i > 0 {
				p.AnxietyUpdates = []model.AnxietyUpdate{{ID: fmt.Sprintf("au%d", i), AnxietyID: fmt.Sprintf("a%d", i-2),
					SessionID: stored.ID, Status: model.AnxietyEasing, At: at}}
				p.ActionUpdates = []model.ActionUpdate{{ID: fmt.Sprintf("xu%d", i), ActionID: fmt.Sprintf("x%d", i-2),
					SessionID: stored.ID, Outcome: model.OutcomeWorked, At: at}}
			}
			if err := h.store.SaveProgress(ctx, p); err != nil {
				b.Fatal(err)
			}
		}
	}
	return h, e
}

// BenchmarkOpenTimeline500 measures opening an engagement with 500
// sessions: reading the engagement, the session list and the ledger, and
// drawing the first frame of the timeline.
func BenchmarkOpenTimeline500(b *testing.B) {
	h, e := timelineHarness(b, 500)
	times := make([]time.Duration, 0, b.N)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		t0 := time.Now()
		s := newEngagementScreen(h.app.env, e.ID)
		s.update(sizeMsg{w: 120, h: 38})
		s.update(s.load()())
		if len(s.sessions) != 500 {
			b.Fatalf("%d sessions", len(s.sessions))
		}
		_ = s.view()
		times = append(times, time.Since(t0))
	}
	b.StopTimer()
	reportPercentiles(b, times)
}

// BenchmarkTimelineKey500 measures moving through a timeline of 500
// sessions: one key press and the whole frame.
func BenchmarkTimelineKey500(b *testing.B) {
	h, _ := timelineHarness(b, 500)
	h.press("enter")
	benchKeys(b, h.app, tea.KeyPressMsg{Code: tea.KeyUp}, tea.KeyPressMsg{Code: tea.KeyDown})
}

// skillPageHarness stores n self-reviews of every skill, a week apart,
// each with evidence, a note and a choice of skills to develop.
func skillPageHarness(b *testing.B, n int) *harness {
	h := newHarness(b, 120, 40)
	m := h.app.env.lib.Skills
	start := time.Date(2024, 1, 1, 9, 0, 0, 0, time.UTC)
	for i := range n {
		at := start.Add(time.Duration(i) * 7 * 24 * time.Hour)
		s := model.NewSelfReview(m, m.IDs(), nil, model.Ja, at)
		for j, id := range m.IDs() {
			s, _ = model.Apply(s, model.Jump{Key: "p:" + id}, at)
			s, _ = model.Apply(s, model.SetValue{Value: 1 + (i+j)%5}, at)
			s, _ = model.Apply(s, model.SetAnswer{Text: benchdb.LongAnswer(200)}, at)
		}
		s, _ = model.Apply(s, model.Jump{Key: "p:focus"}, at)
		s, _ = model.Apply(s, model.SetChoices{IDs: m.IDs()[i%20 : i%20+1]}, at)
		s, _ = model.Apply(s, model.Finish{}, at)
		if _, err := h.store.StartSession(context.Background(), s); err != nil {
			b.Fatal(err)
		}
	}
	return h
}

// BenchmarkOpenSkillPage200 measures opening the skill page with 200
// self-reviews of all 20 skills (4,000 ratings): load, history and frame.
func BenchmarkOpenSkillPage200(b *testing.B) {
	h := skillPageHarness(b, 200)
	times := make([]time.Duration, 0, b.N)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		t0 := time.Now()
		s := newSkillsScreen(h.app.env)
		s.update(sizeMsg{w: 120, h: 38})
		s.update(s.init()())
		if len(s.hist) != 200 {
			b.Fatalf("%d reviews", len(s.hist))
		}
		_ = s.view()
		times = append(times, time.Since(t0))
	}
	b.StopTimer()
	reportPercentiles(b, times)
}

// BenchmarkSkillPageKey200 measures moving across the chart of 200 reviews:
// one key press and the whole frame.
func BenchmarkSkillPageKey200(b *testing.B) {
	h := skillPageHarness(b, 200)
	h.press("s")
	benchKeys(b, h.app, tea.KeyPressMsg{Code: tea.KeyLeft}, tea.KeyPressMsg{Code: tea.KeyDown},
		tea.KeyPressMsg{Code: tea.KeyRight}, tea.KeyPressMsg{Code: tea.KeyUp})
}

// BenchmarkRoundKeystroke measures one key press in a running peer round at
// 120×40: the scribe's notes hold 10,000 Japanese characters and the frame
// draws the large clock, the progress bar and the ground rules.
func BenchmarkRoundKeystroke(b *testing.B) {
	h := newHarness(b, 120, 40)
	lib := h.app.env.lib
	setup := model.RoundSetup{Format: lib.Rounds.DefaultFormat(), Facilitator: "佐藤 一郎", Presenter: "田中　陽",
		Participants: []model.Participant{{Name: "佐藤 一郎"}, {Name: "田中　陽"}, {Name: "Lee Min"}}}
	sess, rd := model.NewRound(setup, nil, model.Ja, clock)
	rd.Timer.Start(clock)
	sess, _, err := h.store.StartRound(context.Background(), sess, rd)
	if err != nil {
		b.Fatal(err)
	}
	h.send(pushScreenMsg{newRunner(h.app.env, sess.ID)})
	r := h.runnerOnTop()
	h.waitUntil("round loaded", func() bool { return r.loaded })
	r.answer.SetValue(benchdb.LongAnswer(10000))
	r.answerRev = r.answer.Rev()
	for i := 0; i < 25; i++ {
		r.answer, _ = r.answer.Update(tea.KeyPressMsg{Code: tea.KeyUp})
	}
	benchKeys(b, h.app, tea.KeyPressMsg{Code: 'あ', Text: "あ"}, tea.KeyPressMsg{Code: tea.KeyBackspace})
}
