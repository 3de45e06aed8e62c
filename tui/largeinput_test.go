package tui

import (
	"fmt"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	tea "charm.land/bubbletea/v2"

	"bansou/content"
	"bansou/model"
)

func withLibrary(lib *model.Library) harnessOption { return func(o *Options) { o.Library = lib } }

// manyPrompts is a flow of n prompts, ordered first among the flows before
// departure, as someone might write it in a content directory.
func manyPrompts(n int) string {
	var b strings.Builder
	b.WriteString("id: many\nphase: before\norder: 0\ntitle: {ja: 大量の問い, en: Many prompts}\nprompts:\n")
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, `  - id: p%d
    title: {ja: 問い%d, en: Prompt %d}
    text: {ja: "%d番目の問いです。越境先で何を学びましたか。", en: "Prompt %d: what did you learn there?"}
    listen: {ja: 本人の言葉, en: Their own words}
    followups:
      - id: why
        text: {ja: なぜですか。, en: "Why?"}
`, i, i, i, i, i)
	}
	return b.String()
}

// manyPromptsLibrary is the built-in content plus a flow of n prompts,
// loaded from an in-memory directory.
func manyPromptsLibrary(t testing.TB, n int) *model.Library {
	t.Helper()
	fsys := fstest.MapFS{}
	err := fs.WalkDir(content.FS(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(content.FS(), p)
		fsys[p] = &fstest.MapFile{Data: data}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	flow := manyPrompts(n)
	fsys["flows/many.yaml"] = &fstest.MapFile{Data: []byte(flow)}
	start := time.Now()
	lib, err := model.LoadLibrary(fsys, "")
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("loaded %d prompts (%.1f MB) in %v", n, float64(len(flow))/(1<<20), time.Since(start).Round(time.Millisecond))
	return lib
}

// keystroke times one key press through App.Update and the whole frame.
func (h *harness) keystroke(msg tea.Msg) time.Duration {
	start := time.Now()
	h.feed(msg)
	h.app.View()
	d := time.Since(start)
	h.settle()
	return d
}

// TestTenThousandPromptsStayUsable loads a content file of 10,000 prompts,
// opens a session of it, goes to the last prompt through the list of
// prompts (end), answers it in Japanese and finds the answer saved.
func TestTenThousandPromptsStayUsable(t *testing.T) {
	const n = 10000
	h := newHarness(t, 120, 40, withLibrary(manyPromptsLibrary(t, n)))
	start := time.Now()
	r := startSession(t, h)
	h.waitUntil("session loaded", func() bool { return r.loaded })
	t.Logf("session of %d prompts open in %v", n, time.Since(start).Round(time.Millisecond))
	if r.wk.Sess.FlowID != "many" || len(r.wk.Sess.Steps) != n {
		t.Fatalf("session of %s with %d steps", r.wk.Sess.FlowID, len(r.wk.Sess.Steps))
	}
	h.contains("1. 問い1")
	h.contains(fmt.Sprintf("0/%d", n))
	h.press("ctrl+g", "end")
	h.contains(fmt.Sprintf("%d 問い%d", n, n))
	h.press("pgup", "home", "end", "enter")
	h.contains(fmt.Sprintf("%d. 問い%d", n, n))
	h.contains(fmt.Sprintf("%d番目の問いです", n))
	h.typeText("最後の問いにも答えられる")
	took := h.keystroke(tea.KeyPressMsg{Code: '。', Text: "。"})
	t.Logf("one keystroke with %d prompts: %v", n, took)
	h.press("ctrl+s")
	h.contains("最後の問いにも答えられる。")
	h.contains(fmt.Sprintf("1/%d", n))
	st, _ := h.storedSession(r.id).Step(fmt.Sprintf("p:p%d", n))
	if st.Answer != "最後の問いにも答えられる。" {
		t.Fatalf("stored answer of the last prompt: %q", st.Answer)
	}
	checkWidth(t, h, "10,000 prompts")
	// Narrow, the list becomes a strip of marks.
	h.send(tea.WindowSizeMsg{Width: 60, Height: 20})
	took = h.keystroke(tea.KeyPressMsg{Code: 'ね', Text: "ね"})
	t.Logf("one keystroke with %d prompts at 60×20: %v", n, took)
	h.contains("答えられる。ね")
	checkWidth(t, h, "10,000 prompts at 60×20")
}

// megabyteOfJapanese is about 1 MB of Japanese prose, in lines as pasted
// from a document (or in one line when lines is false).
func megabyteOfJapanese(lines bool) string {
	para := "越境先では、毎朝の立ち話で新しい事業の話を聞き、自分の会社との違いを書き留めている。"
	var b strings.Builder
	for b.Len() < 1<<20 {
		b.WriteString(para)
		if lines {
			b.WriteString("\n")
		}
	}
	return b.String()
}

// TestMegabytePasteIsKeptAndKeysStillRespond pastes 1 MB of Japanese into
// an answer, in lines and as one line: all of it is kept, shown to its end
// and saved in full, and keys typed after it still edit and save.
func TestMegabytePasteIsKeptAndKeysStillRespond(t *testing.T) {
	for _, lines := range []bool{true, false} {
		t.Run(fmt.Sprintf("lines=%v", lines), func(t *testing.T) {
			h := newHarness(t, 120, 40)
			r := startSession(t, h)
			paste := megabyteOfJapanese(lines)
			start := time.Now()
			h.send(tea.PasteMsg{Content: paste})
			t.Logf("1 MB paste, shown and saved: %v", time.Since(start).Round(time.Millisecond))
			if got := r.answer.Value(); got != paste {
				t.Fatalf("the answer holds %d bytes of the %d pasted", len(got), len(paste))
			}
			if got := h.storedSession(r.id).Steps[0].Answer; got != paste {
				t.Fatalf("%d bytes saved of the %d pasted", len(got), len(paste))
			}
			h.contains("保存済み")
			h.contains("自分の会社との違い")
			took := h.keystroke(tea.KeyPressMsg{Code: '了', Text: "了"})
			t.Logf("one keystroke after the paste: %v", took)
			h.typeText("。以上")
			h.contains("以上")
			if got := h.storedSession(r.id).Steps[0].Answer; got != paste+"了。以上" {
				t.Fatalf("after the paste, the saved answer ends %q", got[max(len(got)-30, 0):])
			}
			checkWidth(t, h, "1 MB answer")
		})
	}
}
