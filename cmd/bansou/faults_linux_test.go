package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"testing"
	"time"
	"unsafe"

	"bansou/internal/dbtest"
)

// fileState is what "left untouched" means for a database: its bytes, its
// mode, its time and the names beside it (no -wal, -shm or -journal made).
type fileState struct {
	data  []byte
	mode  os.FileMode
	mtime time.Time
	names []string
}

func stateOf(t *testing.T, path string) fileState {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir(filepath.Dir(path))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	sort.Strings(names)
	return fileState{data, info.Mode(), info.ModTime(), names}
}

func (a fileState) same(b fileState) bool {
	return bytes.Equal(a.data, b.data) && a.mode == b.mode && a.mtime.Equal(b.mtime) &&
		strings.Join(a.names, "/") == strings.Join(b.names, "/")
}

// joinedScreen is what the screen shows with the lines the terminal
// wrapped joined again.
func joinedScreen(tm *terminal) string {
	var b strings.Builder
	for _, line := range strings.Split(tm.screen.Text(), "\n") {
		b.WriteString(strings.TrimRight(line, " "))
	}
	return b.String()
}

// TestDatabaseProblemsAreExplainedAndTheFileLeftAlone opens a database
// that is read-only, locked by another program, not a database at all,
// damaged, or from a newer bansou, from the full-screen interface, the
// accessible mode and an export: each says in Japanese what is wrong and
// what to do, exits with status 1, and leaves the file as it was. Only the
// export of a read-only database goes ahead, reading the file as it is.
func TestDatabaseProblemsAreExplainedAndTheFileLeftAlone(t *testing.T) {
	cases := []struct {
		name  string
		make  func(t *testing.T, path string)
		words string
	}{
		{"read-only", func(t *testing.T, path string) {
			if err := os.Chmod(path, 0o400); err != nil {
				t.Fatal(err)
			}
		}, "データベースに書き込めません（読み取り専用）"},
		{"locked", func(t *testing.T, path string) { dbtest.HoldAll(t, path) }, "データベースが別のプログラム（別の bansou など）で使用中です"},
		{"not a database", func(t *testing.T, path string) {
			if err := os.WriteFile(path, []byte("伴走メモ: これは表計算の書き出しです\n"), 0o600); err != nil {
				t.Fatal(err)
			}
		}, "bansou のデータベースではありません"},
		{"damaged", func(t *testing.T, path string) {
			data, _ := os.ReadFile(path)
			for i := 100; i < len(data) && i < 8192; i++ {
				data[i] = 0xA5
			}
			if err := os.WriteFile(path, data, 0o600); err != nil {
				t.Fatal(err)
			}
		}, "壊れています"},
		{"newer", func(t *testing.T, path string) {
			db, err := sqlOpen(path)
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			if _, err := db.Exec("PRAGMA user_version = 99"); err != nil {
				t.Fatal(err)
			}
		}, "新しい版の bansou"},
	}
	for _, c := range cases {
		for _, mode := range []string{"terminal", "accessible", "export"} {
			t.Run(c.name+"/"+mode, func(t *testing.T) {
				t.Parallel()
				env := isolated(t)
				seedDatabase(t, env)
				o := &globalOptions{getenv: func(k string) string { return env[k] }}
				path, _ := o.dbPath()
				var before fileState
				if c.name == "locked" {
					// Reading the file from this process would drop the
					// lock (POSIX locks belong to the process), so the
					// file is looked at first.
					before = stateOf(t, path)
					c.make(t, path)
				} else {
					c.make(t, path)
					before = stateOf(t, path)
				}

				var shown string
				switch mode {
				case "terminal":
					tm := startTerminal(t, envList(env), 80, 24)
					err := tm.waitExit()
					if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 1 {
						t.Fatalf("exit: %v", err)
					}
					// The message as read, lines the terminal wrapped joined;
					// the last bytes may still be on their way.
					for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
						if shown = joinedScreen(tm); strings.Contains(shown, path) {
							break
						}
					}
				case "accessible":
					out, stderr, err := piped(t, env, "1\n", "--accessible")
					if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 1 {
						t.Fatalf("exit: %v\n%s", err, out)
					}
					shown = stderr
				case "export":
					out, stderr, err := piped(t, env, "", "export", "--all")
					if c.name == "read-only" {
						// Reading needs no writing: the export is made from
						// the file as it is, and the user is told.
						if err != nil || !strings.Contains(out, "# 山田 花子") || !strings.Contains(stderr, "読み取り専用で開きました") {
							t.Fatalf("export of a read-only database: %v\n%s\n%s", err, stderr, out)
						}
						if after := stateOf(t, path); !before.same(after) {
							t.Errorf("the read-only file changed: names %v → %v", before.names, after.names)
						}
						return
					}
					if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 1 || out != "" {
						t.Fatalf("exit: %v, output %q", err, out)
					}
					shown = stderr
				}
				for _, want := range []string{c.words, "ファイルには手を加えていません", "ファイル: " + path} {
					if !strings.Contains(shown, want) {
						t.Errorf("the message lacks %q:\n%s", want, shown)
					}
				}
				if strings.Contains(shown, "database is locked") || strings.Contains(shown, "SQLITE_") {
					t.Errorf("a raw driver error reached the user:\n%s", shown)
				}
				if c.name == "locked" {
					// The lock's holder lets go before the file is compared.
					return
				}
				if after := stateOf(t, path); !before.same(after) {
					t.Errorf("the file changed: mode %v → %v, names %v → %v, %d → %d bytes",
						before.mode, after.mode, before.names, after.names, len(before.data), len(after.data))
				}
			})
		}
	}
}

// limitFileSize sets the largest file another process may write (a file
// size limit, RLIMIT_FSIZE): with 1 byte, every write to the database
// fails as it would on a failing disk. It returns the limit it replaced.
func limitFileSize(t *testing.T, pid int, limit uint64) uint64 {
	t.Helper()
	var old syscall.Rlimit
	if _, _, e := syscall.RawSyscall6(syscall.SYS_PRLIMIT64, uintptr(pid), syscall.RLIMIT_FSIZE,
		0, uintptr(unsafe.Pointer(&old)), 0, 0); e != 0 {
		t.Fatalf("reading the file size limit: %v", e)
	}
	lim := syscall.Rlimit{Cur: limit, Max: old.Max}
	if _, _, e := syscall.RawSyscall6(syscall.SYS_PRLIMIT64, uintptr(pid), syscall.RLIMIT_FSIZE,
		uintptr(unsafe.Pointer(&lim)), 0, 0, 0); e != 0 {
		t.Fatalf("setting the file size limit: %v", e)
	}
	return old.Cur
}

// storedEventually waits until the answer at key is on disk as want.
func storedEventually(t *testing.T, env []string, key, want string) {
	t.Helper()
	got := ""
	for deadline := time.Now().Add(15 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if got = storedAnswer(t, env, key); got == want {
			return
		}
	}
	t.Fatalf("stored %q, want %q", got, want)
}

// answerSaved starts bansou in a terminal w columns wide on a new
// database, opens a session and types first as the first answer, and
// returns once it is on disk.
func answerSaved(t *testing.T, w int, first string) (tm *terminal, env []string, path string) {
	t.Helper()
	dir := t.TempDir()
	env = testEnv(dir)
	path = filepath.Join(dir, "data", "bansou", "bansou.db")
	tm = startTerminal(t, env, w, 30)
	startSession(tm)
	tm.send(first)
	tm.waitFor("保存済み")
	storedEventually(t, env, "p:achieve", first)
	return tm, env, path
}

// integrityOK checks the whole database file.
func integrityOK(t *testing.T, path string) {
	t.Helper()
	if res, err := dbtest.Integrity(path); err != nil || res != "ok" {
		t.Fatalf("integrity_check: %q %v", res, err)
	}
}

// TestFailingDiskKeepsWhatIsTypedAndSavesWhenItRecovers makes every write
// of a running bansou fail, as on a full or failing disk, while a companion
// types two answers and moves between prompts: the screen says what is
// wrong and that the text is kept, the database keeps what was saved
// before, and once writes succeed again everything typed is on disk.
func TestFailingDiskKeepsWhatIsTypedAndSavesWhenItRecovers(t *testing.T) {
	first := "先に保存された答え。"
	tm, env, path := answerSaved(t, 100, first)

	old := limitFileSize(t, tm.cmd.Process.Pid, 1)
	more := "ディスクが書けなくても、打った言葉は消えない。"
	tm.send(more)
	tm.waitFor("保存できません。入力は画面に残り、自動で再試行します。")
	tm.send(ctrlN)
	tm.waitFor("2. なぜ今、外へ")
	second := "二つ目の答えも残る"
	tm.send(second)
	tm.waitFor(second)
	// Nothing half-written: the database still has the earlier save.
	if got := storedAnswer(t, env, "p:achieve"); got != first {
		t.Fatalf("during the fault: %q", got)
	}

	limitFileSize(t, tm.cmd.Process.Pid, old)
	tm.waitFor("保存できました")
	deadline := time.Now().Add(15 * time.Second)
	for storedAnswer(t, env, "p:why-now") != second && time.Now().Before(deadline) {
		time.Sleep(100 * time.Millisecond)
	}
	if got := storedAnswer(t, env, "p:achieve"); got != first+more {
		t.Errorf("first answer after recovery: %q", got)
	}
	if got := storedAnswer(t, env, "p:why-now"); got != second {
		t.Errorf("second answer after recovery: %q", got)
	}
	tm.send(ctrlC)
	if err := tm.waitExit(); err != nil {
		t.Fatalf("exit: %v", err)
	}
	integrityOK(t, path)
}

// TestFailingDiskInTheAccessibleMode is the same fault in the accessible
// mode: the lines read while writes fail are kept, said to be kept, and
// saved when the disk recovers.
func TestFailingDiskInTheAccessibleMode(t *testing.T) {
	dir := t.TempDir()
	env := testEnv(dir)
	path := filepath.Join(dir, "data", "bansou", "bansou.db")
	tm := startTerminal(t, env, 100, 30, "--accessible")
	tm.waitFor("番号を入力してください。")
	tm.send("3\r")
	tm.waitFor("学習者の名前（必須）")
	for _, line := range []string{"山田 花子", "本社", "町工場", day(10), day(191), "", "", "1", "1", "1"} {
		tm.send(line + "\r")
	}
	// Each line is sent once its prompt is there: the terminal echoes what
	// is typed at once, wherever bansou's output has got to.
	tm.waitFor("1 問目（全 14 問）: 実現したいこと")
	tm.waitFor("Enter だけならそのま")
	tm.send("最初の行\r")
	storedEventually(t, env, "p:achieve", "最初の行")
	old := limitFileSize(t, tm.cmd.Process.Pid, 1)
	tm.send("書けない間の行\r")
	tm.waitFor("ディスクの読み書きに失敗しました")
	limitFileSize(t, tm.cmd.Process.Pid, old)
	tm.send("戻った後の行\r.\r")
	storedEventually(t, env, "p:achieve", "最初の行\n書けない間の行\n戻った後の行")
	tm.send("/finish\r")
	tm.send("q\r")
	if err := tm.waitExit(); err != nil {
		t.Fatalf("exit: %v\n%s", err, tm.screen.Text())
	}
	integrityOK(t, path)
}

// TestAnotherProgramsWriteLockKeepsTheTextUntilItLetsGo holds the
// database's write lock from another program while a companion types: the
// save waits, then says in Japanese who holds the database and that the
// text is kept, never the driver's "database is locked"; once the lock is
// let go, the answer is saved in full.
func TestAnotherProgramsWriteLockKeepsTheTextUntilItLetsGo(t *testing.T) {
	first := "ロックの前に書いた答え。"
	tm, env, path := answerSaved(t, 120, first)

	release := dbtest.HoldLock(t, path)
	more := "ロック中に書いた続き。"
	tm.send(more)
	tm.waitFor(first + more)
	tm.waitFor("保存できません。入力は画面に残り、自動で再試行します。")
	tm.waitFor("別のプログラム")
	release()
	tm.waitFor("保存できました")
	if got := storedAnswer(t, env, "p:achieve"); got != first+more {
		t.Fatalf("stored after the lock: %q", got)
	}
	for _, raw := range []string{"database is locked", "SQLITE_BUSY"} {
		if strings.Contains(tm.raw.String(), raw) {
			t.Errorf("bansou wrote the driver's %q", raw)
		}
	}
	tm.send(ctrlC)
	if err := tm.waitExit(); err != nil {
		t.Fatalf("exit: %v", err)
	}
}

// TestDatabaseReplacedUnderARunningBansou: a sync tool renames another copy
// of the database over its path, or the file is removed, while a companion
// types. What is typed next cannot be saved: the screen says that the file
// was replaced or removed and what to do, never says 保存済み again, and
// keeps the text; the file at the path keeps what was saved before.
func TestDatabaseReplacedUnderARunningBansou(t *testing.T) {
	for _, how := range []string{"replaced", "removed"} {
		t.Run(how, func(t *testing.T) {
			t.Parallel()
			first := "置き換えの前に保存された答え。"
			tm, env, path := answerSaved(t, 120, first)
			if how == "replaced" {
				copyPath := filepath.Join(t.TempDir(), "synced.db")
				backup := exec.Command(binary, "backup", copyPath)
				backup.Env = env
				if out, err := backup.CombinedOutput(); err != nil {
					t.Fatalf("backup: %v\n%s", err, out)
				}
				if err := os.Rename(copyPath, path); err != nil {
					t.Fatal(err)
				}
			} else if err := os.Remove(path); err != nil {
				t.Fatal(err)
			}

			more := "その後に打った続きも画面に残る。"
			tm.send(more)
			tm.waitFor(first + more)
			tm.waitFor("置き換えられたか、削除されました")
			tm.forbidden = []string{"保存済み"}
			tm.waitFor("保存できていません")
			tm.waitFor("もうここから保存")
			again := "まだ打つ"
			tm.send(again)
			tm.waitFor(first + more + again)
			tm.waitFor("保存できていません")
			if how == "replaced" {
				if got := storedAnswer(t, env, "p:achieve"); got != first {
					t.Fatalf("the file now at the path holds %q", got)
				}
			} else if _, err := os.Lstat(path); err == nil {
				t.Fatal("a file was created at the path")
			}
			tm.send(keyEsc)
			tm.waitFor("保存せずに閉じる")
			tm.send("l")
			tm.waitFor("保存せずに閉じました")
			tm.send(ctrlC)
			if err := tm.waitExit(); err != nil {
				t.Fatalf("exit: %v", err)
			}
		})
	}
}
