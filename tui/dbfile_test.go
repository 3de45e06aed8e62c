package tui

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"bansou/model/sqlite"
)

// TestDatabaseReplacedOrRemovedUnderTheRunner: while a session is open, a
// sync tool renames another copy of the database over its path, or the
// file is removed. What is typed next cannot be saved: the runner says
// that the file was replaced or removed and what to do, keeps saying it
// after the status line has gone, keeps the text on screen, never says
// 保存済み again, and leaving closes it without saving. The file at the
// path keeps only what was saved before.
func TestDatabaseReplacedOrRemovedUnderTheRunner(t *testing.T) {
	for _, how := range []string{"replaced", "removed"} {
		t.Run(how, func(t *testing.T) {
			h := newHarness(t, 100, 30)
			r := startSession(t, h)
			first := "越境先で新しい事業を立ち上げたい。"
			h.typeText(first)
			h.contains("保存済み")

			copyPath := filepath.Join(t.TempDir(), "synced.db")
			if how == "replaced" {
				if err := h.store.(*sqlite.Store).Backup(context.Background(), copyPath); err != nil {
					t.Fatal(err)
				}
				if err := os.Rename(copyPath, h.path); err != nil {
					t.Fatal(err)
				}
			} else if err := os.Remove(h.path); err != nil {
				t.Fatal(err)
			}

			more := "現場で一から経験したい。"
			for _, c := range more {
				h.feed(tea.KeyPressMsg{Code: c, Text: string(c)})
			}
			h.waitUntil("the runner says the file was replaced", func() bool {
				return strings.Contains(h.screen(), "データベースのファイルが別のファイルに置き換えられたか、削除されました")
			})
			h.settle()
			// The status line goes; the explanation stays above the answer.
			h.send(clearStatusMsg{id: h.app.statusID})
			for _, want := range []string{"置き換えられたか、削除されました", "bansou を起動し直して", "保存できていません", first + more} {
				h.contains(want)
			}
			if strings.Contains(h.screen(), "保存済み") {
				t.Fatalf("the screen says 保存済み:\n%s", h.screen())
			}
			h.typeText("さらに打つ")
			h.contains(first + more + "さらに打つ")
			if strings.Contains(h.screen(), "保存済み") {
				t.Fatalf("the screen says 保存済み:\n%s", h.screen())
			}

			if how == "replaced" {
				now := openStoreAt(t, h.path, 0)
				if s, err := now.Session(context.Background(), r.id); err != nil || s.Steps[0].Answer != first {
					t.Fatalf("the file now at the path: %v %q", err, s.Steps[0].Answer)
				}
			}

			h.closeLostCopy("閉じると失われます", "l    保存せずに閉じる")
		})
	}
}

// TestQuitJustAfterClosingALostCopy: ctrl+c pressed just after the copy
// whose file was removed is closed without saving, before the runner has
// left the stack, ends bansou at once: the words were given up knowingly,
// so the quit neither tries to save them nor asks for a second ctrl+c.
func TestQuitJustAfterClosingALostCopy(t *testing.T) {
	h := newHarness(t, 100, 30)
	startSession(t, h)
	h.typeText("帰任後に活かしたい経験。")
	h.contains("保存済み")
	if err := os.Remove(h.path); err != nil {
		t.Fatal(err)
	}
	for _, c := range "消える続き" {
		h.feed(tea.KeyPressMsg{Code: c, Text: string(c)})
	}
	h.waitUntil("the runner says the file was removed", func() bool {
		return strings.Contains(h.screen(), "置き換えられたか、削除されました")
	})
	h.settle()
	h.press("esc")
	h.contains("l    保存せずに閉じる")
	// "l" closes the copy; what that brings (the runner leaving the
	// stack, the status) comes after the ctrl+c.
	var closing tea.Cmd
	h.app, closing = mustUpdate(h.app, keyPress("l"))
	h.feed(keyPress("ctrl+c"))
	h.run(closing)
	h.waitUntil("quit", func() bool { return h.quit })
	if strings.Contains(h.screen(), "ctrl+c で保存せずに終了") {
		t.Fatalf("a second ctrl+c was asked for:\n%s", h.screen())
	}
}

// TestEngagementFormKeepsItsTextWhenTheDatabaseWasReplaced: saving the
// engagement form into a database file that was replaced says so, and the
// form keeps every field as typed.
func TestEngagementFormKeepsItsTextWhenTheDatabaseWasReplaced(t *testing.T) {
	h := newHarness(t, 100, 30)
	h.press("n")
	typeFields(h, "山田 花子", "株式会社みらい", "NPO法人つなぐ", "2026-12-01", "2027-05-31")
	if err := os.Remove(h.path); err != nil {
		t.Fatal(err)
	}
	h.press("ctrl+s")
	h.contains("置き換えられたか、削除されました")
	for _, want := range []string{"山田 花子", "株式会社みらい", "NPO法人つなぐ", "2026-12-01", "2027-05-31"} {
		h.contains(want)
	}
	if _, ok := h.top().(*engagementForm); !ok {
		t.Fatalf("the form was closed:\n%s", h.screen())
	}
}
