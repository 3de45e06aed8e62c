package main

import (
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
)

// When bansou's frames reach the terminal (third_party/bubbletea): the
// frame of a key at once, other changes at the renderer's clock. The
// tests run a small program at one frame a second, so that a frame that
// waited for the clock and one that did not are a second apart.

// framesModel shows what it was given: typed keys, and added text as a
// save's result adds its word to bansou's header.
type framesModel struct{ text string }

type addMsg string

func (m framesModel) Init() tea.Cmd { return nil }

func (m framesModel) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		m.text += msg.Text
	case addMsg:
		m.text += string(msg)
	case awaitedMsg:
		m.text += string(msg)
	case tea.ModeReportMsg:
		m.text += "〔端末の答え〕"
	}
	return m, nil
}

func (m framesModel) View() tea.View {
	v := tea.NewView("始め" + m.text)
	v.AltScreen = true
	return v
}

// frameWriter keeps what the program wrote, each write apart.
type frameWriter struct {
	mu     sync.Mutex
	writes []string
	wrote  chan struct{}
}

func (w *frameWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	w.writes = append(w.writes, string(p))
	w.mu.Unlock()
	select {
	case w.wrote <- struct{}{}:
	default:
	}
	return len(p), nil
}

// waitFor waits up to within for a write holding text and returns it.
func (w *frameWriter) waitFor(t *testing.T, text string, within time.Duration) string {
	t.Helper()
	deadline := time.After(within)
	for {
		w.mu.Lock()
		for _, s := range w.writes {
			if strings.Contains(s, text) {
				w.mu.Unlock()
				return s
			}
		}
		w.mu.Unlock()
		select {
		case <-w.wrote:
		case <-deadline:
			t.Fatalf("no frame with %q within %s", text, within)
		}
	}
}

// startFrames runs framesModel at one frame a second and waits for its
// first frame: the next tick of its clock is a second away.
func startFrames(t *testing.T) (*tea.Program, *os.File, *frameWriter) {
	t.Helper()
	in, keys, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	out := &frameWriter{wrote: make(chan struct{}, 1)}
	p := tea.NewProgram(framesModel{}, tea.WithInput(in), tea.WithOutput(out), tea.WithFPS(1),
		tea.WithWindowSize(40, 10), tea.WithoutSignalHandler(), tea.WithEnvironment([]string{"TERM=xterm-256color"}))
	done := make(chan struct{})
	go func() {
		p.Run()
		close(done)
	}()
	t.Cleanup(func() {
		p.Quit()
		<-done
		keys.Close()
		in.Close()
	})
	out.waitFor(t, "始め", 5*time.Second)
	return p, keys, out
}

// TestKeyFrameIsWrittenAtOnce: a key's frame does not wait for the
// renderer's clock.
func TestKeyFrameIsWrittenAtOnce(t *testing.T) {
	_, keys, out := startFrames(t)
	keys.WriteString("鯨")
	out.waitFor(t, "鯨", 500*time.Millisecond)
}

// TestKeyFrameCarriesWhatWaited: a change waiting for the clock (as the
// word a save puts in the header) does not hold a key's frame back; the
// key's frame draws it too.
func TestKeyFrameCarriesWhatWaited(t *testing.T) {
	p, keys, out := startFrames(t)
	p.Send(addMsg("保存済み"))
	keys.WriteString("鷹")
	if frame := out.waitFor(t, "鷹", 500*time.Millisecond); !strings.Contains(frame, "保存済み") {
		t.Fatalf("the key's frame %q lacks the change made before it", frame)
	}
}

// TestChangesCloseTogetherMakeOneFrame: changes that are not input still
// wait for the clock, so that two in a row (a save starting, then done)
// reach the terminal as one frame.
func TestChangesCloseTogetherMakeOneFrame(t *testing.T) {
	p, _, out := startFrames(t)
	p.Send(addMsg("保存中"))
	p.Send(addMsg("済"))
	if frame := out.waitFor(t, "保存中", 3*time.Second); !strings.Contains(frame, "済") {
		t.Fatalf("a frame showed the first change alone: %q", frame)
	}
	out.mu.Lock()
	defer out.mu.Unlock()
	if n := strings.Count(strings.Join(out.writes, ""), "保存中"); n != 1 {
		t.Fatalf("保存中 written %d times", n)
	}
}

// TestASmallFrameIsWrittenBare: on a terminal that has synchronized
// output, a key's frame of a few bytes is written as it is, without the
// 16 bytes that would wrap it; a frame that changes many rows is still
// wrapped, so that the terminal shows it whole.
func TestASmallFrameIsWrittenBare(t *testing.T) {
	p, keys, out := startFrames(t)
	// The terminal's answer: synchronized output supported, now off.
	keys.WriteString("\x1b[?2026;2$y")
	out.waitFor(t, "〔端末の答え〕", 3*time.Second)
	p.Send(addMsg(strings.Repeat("\n行を埋める文字。", 8)))
	big := out.waitFor(t, "行を埋める", 3*time.Second)
	if !strings.HasPrefix(big, "\x1b[?2026h") || !strings.HasSuffix(big, "\x1b[?2026l") {
		t.Fatalf("a frame of many rows is not wrapped in synchronized output: %q", big)
	}
	keys.WriteString("鯨")
	small := out.waitFor(t, "鯨", 500*time.Millisecond)
	if strings.Contains(small, "\x1b[?2026") || strings.Contains(small, "\x1b[?25") {
		t.Fatalf("a key's frame is wrapped: %q", small)
	}
	if len(small) > 32 {
		t.Fatalf("a key's frame is %d bytes: %q", len(small), small)
	}
}

// awaitedMsg is a result the person waits for, as the home screen's lists.
type awaitedMsg string

func (awaitedMsg) Awaited() {}

// TestAnAwaitedFrameIsWrittenAtOnce: the frame of a message the program
// marks as awaited (tea.Awaited) does not wait for the renderer's clock.
func TestAnAwaitedFrameIsWrittenAtOnce(t *testing.T) {
	p, _, out := startFrames(t)
	p.Send(awaitedMsg("一覧"))
	out.waitFor(t, "一覧", 500*time.Millisecond)
}
