package tui

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"bansou/model"
)

// Crashes, resumes and two windows on one session.

// crashedHarness runs as a bansou that will have died: its sessions are
// owned by a process that is no longer running.
func crashedHarness(t *testing.T) (*harness, string) {
	path := filepath.Join(t.TempDir(), "bansou.db")
	return newHarness(t, 80, 24, withStore(openStoreAt(t, path, deadPid(t)))), path
}

func TestResumeIsOfferedAfterACrash(t *testing.T) {
	h, path := crashedHarness(t)
	r := startSession(t, h)
	h.press("ctrl+n")
	h.typeText("途中まで書いた答え")
	// The process dies here: the runner never closes the session.

	h2 := newHarness(t, 80, 24, withStore(openStoreAt(t, path, 0)))
	h2.contains("途中のセッションがあります")
	h2.contains("なぜ今、外へ")
	h2.press("enter")
	r2 := h2.runnerOnTop()
	if r2.id != r.id {
		t.Fatalf("resumed session %d, want %d", r2.id, r.id)
	}
	h2.contains("2. なぜ今、外へ")
	h2.contains("途中まで書いた答え")
}

func TestResumeCanBeDeclined(t *testing.T) {
	h, path := crashedHarness(t)
	startSession(t, h)
	store := openStoreAt(t, path, 0)
	h2 := newHarness(t, 80, 24, withStore(store))
	h2.contains("途中のセッションがあります")
	h2.press("n")
	h2.contains("▸ 山田 花子")
	if list, _ := store.InterruptedSessions(context.Background()); len(list) != 0 {
		t.Fatal("declined session still offered")
	}
}

func TestSessionOpenInAnotherRunningBansouIsNotOffered(t *testing.T) {
	h := newHarness(t, 80, 24)
	startSession(t, h) // open in this (running) process
	other := openStoreAt(t, h.path, deadPid(t))
	h2 := newHarness(t, 80, 24, withStore(other))
	if strings.Contains(h2.screen(), "途中のセッションがあります") {
		t.Fatalf("a live session was offered for resuming:\n%s", h2.screen())
	}
}

// TestSessionOpenInAnotherBansouIsNotOpenedTwice opens, from the timeline of
// a second bansou, the session a first one has open: it is not opened but
// a clear warning says why; taken over on purpose, it opens with what the
// first saved, and the first can no longer save and says so while keeping
// its text on screen; once the second has finished and left, the first's
// older copy still writes nothing over it, and leaving the first says what
// is lost and closes only that copy.
func TestSessionOpenInAnotherBansouIsNotOpenedTwice(t *testing.T) {
	first := newHarness(t, 80, 24)
	r := startSession(t, first)
	first.typeText("一つ目の窓で書いた答え")

	second := newHarness(t, 80, 24, withStore(openStoreAt(t, first.path, livePid(t))))
	second.press("enter") // the engagement
	second.contains("目的抽出")
	second.press("enter") // its session, from the timeline
	second.contains("このセッションは別の bansou で開かれています")
	second.contains("t ここで引き継ぐ")
	second.typeText("消えてほしくない")
	second.press("esc")
	second.backOnTimeline("esc did not go back")
	if got := second.storedSession(r.id).Steps[0].Answer; got != "一つ目の窓で書いた答え" {
		t.Fatalf("stored %q", got)
	}

	second.press("enter", "t")
	second.runnerOnTop()
	second.contains("一つ目の窓で書いた答え")
	second.typeText("、引き継いだ窓で足した")
	for _, c := range "。一つ目の窓で続けた" {
		first.feed(tea.KeyPressMsg{Code: c, Text: string(c)})
	}
	first.waitUntil("the taken-over window says so", func() bool {
		return strings.Contains(first.screen(), "このセッションは別の画面に引き継がれたため")
	})
	first.contains("保存できていません")
	first.contains("一つ目の窓で書いた答え。一つ目の窓で続けた")
	if got := second.storedSession(r.id).Steps[0].Answer; got != "一つ目の窓で書いた答え、引き継いだ窓で足した" {
		t.Fatalf("stored %q", got)
	}

	// The second finishes and leaves. The first window's copy is older:
	// it writes nothing over what the second did, even now.
	second.press("esc", "f")
	second.backOnTimeline("the second did not leave")
	first.typeText("。まだ打つ")
	first.settle()
	got := first.storedSession(r.id)
	if got.Steps[0].Answer != "一つ目の窓で書いた答え、引き継いだ窓で足した" || got.Status != model.Done {
		t.Fatalf("after the second left: status %s, answer %q", got.Status, got.Steps[0].Answer)
	}
	// Leaving the first says what is lost and closes only its copy.
	first.closeLostCopy("別の画面に引き継がれています", "l    この画面のコピーを閉じる")
	if got := first.storedSession(r.id); got.Status != model.Done || got.Steps[0].Answer != "一つ目の窓で書いた答え、引き継いだ窓で足した" {
		t.Fatalf("after the first left: status %s, answer %q", got.Status, got.Steps[0].Answer)
	}
}

// TestChangeMadeUnderAnOpenSessionIsNoticed: while a window has a session
// open, something that did not see its claim (an import through another
// store for which the window's lease has lapsed) changes it. The window's next save is refused: it
// says so, keeps its text on screen, saves nothing more to the session
// (neither over the change nor over its own earlier answer), and leaving
// says what is lost and that opening the session again shows the newer
// version, which it then does.
func TestChangeMadeUnderAnOpenSessionIsNoticed(t *testing.T) {
	h := newHarness(t, 80, 24)
	r := startSession(t, h)
	h.typeText("窓で書いた答え")
	h.contains("保存済み")

	other := openStoreAhead(t, h.path, 0, time.Minute)
	ctx := context.Background()
	theirs, err := other.Session(ctx, r.id)
	if err != nil {
		t.Fatal(err)
	}
	second := theirs.Steps[1].Key
	theirs, _ = model.Apply(theirs, model.Jump{Key: second}, clock)
	theirs, _ = model.Apply(theirs, model.SetAnswer{Text: "別の処理で書かれた答え"}, clock)
	if err := other.SaveProgress(ctx, model.ProgressOf(theirs, []string{second}, false)); err != nil {
		t.Fatal(err)
	}

	h.typeText("、窓で続けた")
	h.waitUntil("the window says the session changed under it", func() bool {
		return strings.Contains(h.screen(), "このセッションは、この画面の外で")
	})
	h.contains("保存できていません")
	h.contains("窓で書いた答え、窓で続けた")
	stored := func() (string, string) {
		got := h.storedSession(r.id)
		return got.Steps[0].Answer, got.Steps[1].Answer
	}
	h.typeText("。まだ打つ")
	if a, b := stored(); a != "窓で書いた答え" || b != "別の処理で書かれた答え" {
		t.Fatalf("the window wrote over the change: %q, %q", a, b)
	}

	h.closeLostCopy("この画面の外で書き換えられています", "開き直すと", "l    この画面のコピーを閉じる")
	if a, b := stored(); a != "窓で書いた答え" || b != "別の処理で書かれた答え" {
		t.Fatalf("after leaving: %q, %q", a, b)
	}
	h.settle()
	if sums, err := other.Sessions(ctx, h.storedSession(r.id).EngagementID); err != nil || sums[0].Open {
		t.Fatalf("the session is still marked open after leaving: %+v %v", sums, err)
	}
	// Opened again, the session shows the newer version (where the change
	// left it) and saves.
	h.press("enter")
	h.runnerOnTop()
	h.contains("2. なぜ今、外へ")
	h.contains("別の処理で書かれた答え")
	h.typeText("に足した")
	if _, b := stored(); b != "別の処理で書かれた答えに足した" {
		t.Fatalf("after opening again: %q", b)
	}
}
