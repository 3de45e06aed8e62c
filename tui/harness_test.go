package tui

import (
	"context"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"bansou/content"
	"bansou/internal/dbtest"
	"bansou/model"
	"bansou/model/sqlite"
)

var update = flag.Bool("update", false, "rewrite golden files")

// clock is the fixed "now" of every TUI test: 2026-11-21 09:00 UTC.
var clock = time.Date(2026, 11, 21, 9, 0, 0, 0, time.UTC)

// harness drives the App the way the Bubble Tea runtime would: it calls
// Update, runs the returned commands and feeds their messages back until
// everything has settled.
type harness struct {
	t       testing.TB
	app     App
	store   model.Store
	path    string
	msgs    chan tea.Msg
	pending int
	quit    bool
	// frameCheck, if set, is what checkFrame checks each frame of a walk
	// with.
	frameCheck func(where string, shows bool)
}

type harnessOption func(*Options)

func withStore(s model.Store) harnessOption { return func(o *Options) { o.Store = s } }
func withLang(l model.Lang) harnessOption   { return func(o *Options) { o.Lang = l } }

// withClock makes the App read the time from *now, so that a test can let
// minutes pass.
func withClock(now *time.Time) harnessOption {
	return func(o *Options) { o.Now = func() time.Time { return *now } }
}

// openStore opens a real SQLite file in a temporary directory.
func openStore(t testing.TB) (*sqlite.Store, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "bansou.db")
	return openStoreAt(t, path, 0), path
}

// openStoreAt opens the database at path as the process with id owner (0:
// this one).
func openStoreAt(t testing.TB, path string, owner int) *sqlite.Store {
	t.Helper()
	return openStoreAhead(t, path, owner, 0)
}

// openStoreAhead is openStoreAt with a clock ahead by d: for it, the leases
// the other stores renew on the tests' clock have lapsed when d is longer
// than three heartbeats, as for a writer that does not see them.
func openStoreAhead(t testing.TB, path string, owner int, d time.Duration) *sqlite.Store {
	t.Helper()
	s, err := sqlite.Open(path, sqlite.Options{Now: func() time.Time { return clock.Add(d) }, Owner: owner})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// deadPid returns the id of a process that has finished, to stand for a
// bansou that crashed.
func deadPid(t testing.TB) int { return dbtest.EndedPid(t) }

// livePid returns the id of a process that runs until the test ends, to
// stand for another bansou that is running.
func livePid(t testing.TB) int { return dbtest.RunningPid(t) }

func library(t testing.TB) *model.Library {
	t.Helper()
	lib, err := model.LoadLibrary(content.FS(), "")
	if err != nil {
		t.Fatal(err)
	}
	return lib
}

func newHarness(t testing.TB, w, h int, opts ...harnessOption) *harness {
	t.Helper()
	store, path := openStore(t)
	o := Options{
		Store: store, Library: library(t), Lang: model.Ja, Theme: Theme{Dark: true},
		Now: func() time.Time { return clock }, Location: time.UTC,
		SaveDelay: time.Millisecond, StatusDelay: -1, ClockTick: -1, Watch: true,
	}
	for _, opt := range opts {
		opt(&o)
	}
	hs := &harness{t: t, app: New(o), store: o.Store, path: path, msgs: make(chan tea.Msg, 1024)}
	hs.run(hs.app.Init())
	hs.send(tea.WindowSizeMsg{Width: w, Height: h})
	return hs
}

// run executes a command in the background, as the runtime does.
func (h *harness) run(cmd tea.Cmd) {
	if cmd == nil {
		return
	}
	h.pending++
	go func() { h.msgs <- cmd() }()
}

func (h *harness) feed(msg tea.Msg) {
	m, cmd := h.app.Update(msg)
	h.app = m.(App)
	h.run(cmd)
}

// take handles one message a command returned.
func (h *harness) take(msg tea.Msg) {
	h.pending--
	switch m := msg.(type) {
	case nil:
	case tea.BatchMsg:
		for _, c := range m {
			h.run(c)
		}
	case tea.QuitMsg:
		h.quit = true
	default:
		h.feed(m)
	}
}

// settle waits until every command has returned and its message was fed,
// but the App's wait for the store's next change (see watch.go), which
// returns only when something changes.
func (h *harness) settle() {
	h.t.Helper()
	h.waitUntil("commands settle", func() bool { return h.pending == h.watchWaits() })
}

// watchWaits is the number of commands waiting for a change of the store.
func (h *harness) watchWaits() int {
	if h.app.watch == nil {
		return 0
	}
	return int(h.app.watch.waiting.Load())
}

// waitUntil processes messages until cond holds, also for flows that never
// settle (a save retried for ever). cond is checked again after each
// message, and every millisecond for what changes in a command's goroutine
// (a wait for the store's changes starting).
func (h *harness) waitUntil(what string, cond func() bool) {
	h.t.Helper()
	deadline := time.After(10 * time.Second)
	recheck := time.NewTicker(time.Millisecond)
	defer recheck.Stop()
	for !cond() {
		select {
		case msg := <-h.msgs:
			h.take(msg)
		case <-recheck.C:
		case <-deadline:
			h.t.Fatalf("never happened: %s (%d commands pending); screen:\n%s", what, h.pending, h.screen())
		}
	}
}

func (h *harness) send(msg tea.Msg) {
	h.t.Helper()
	h.feed(msg)
	h.settle()
}

// press sends keys by name: "ctrl+n", "enter", "esc", "tab", "a".
func (h *harness) press(keys ...string) {
	h.t.Helper()
	for _, k := range keys {
		h.send(keyPress(k))
	}
}

// typeText types each character, as a terminal (or an IME commit) would.
func (h *harness) typeText(s string) {
	h.t.Helper()
	for _, r := range s {
		h.feed(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
	h.settle()
}

func keyPress(k string) tea.KeyPressMsg {
	mods := map[string]tea.KeyMod{"ctrl": tea.ModCtrl, "alt": tea.ModAlt, "shift": tea.ModShift}
	parts := strings.Split(k, "+")
	var mod tea.KeyMod
	name := k
	if len(parts) > 1 && parts[len(parts)-1] != "" {
		for _, p := range parts[:len(parts)-1] {
			mod |= mods[p]
		}
		name = parts[len(parts)-1]
	}
	codes := map[string]rune{
		"enter": tea.KeyEnter, "esc": tea.KeyEscape, "tab": tea.KeyTab, "backspace": tea.KeyBackspace,
		"up": tea.KeyUp, "down": tea.KeyDown, "left": tea.KeyLeft, "right": tea.KeyRight,
		"f1": tea.KeyF1, "f2": tea.KeyF2, "space": tea.KeySpace, "pgdown": tea.KeyPgDown,
	}
	if c, ok := codes[name]; ok {
		return tea.KeyPressMsg{Code: c, Mod: mod}
	}
	r := []rune(name)[0]
	if mod == 0 {
		return tea.KeyPressMsg{Code: r, Text: name}
	}
	return tea.KeyPressMsg{Code: r, Mod: mod}
}

// screen is the current frame as plain text.
func (h *harness) screen() string {
	return ansi.Strip(h.app.View().Content)
}

func (h *harness) contains(want string) {
	h.t.Helper()
	if !strings.Contains(h.screen(), want) {
		h.t.Fatalf("screen does not show %q:\n%s", want, h.screen())
	}
}

func (h *harness) notContains(unwanted string) {
	h.t.Helper()
	if strings.Contains(h.screen(), unwanted) {
		h.t.Fatalf("screen shows %q:\n%s", unwanted, h.screen())
	}
}

func (h *harness) top() screen { return h.app.top() }

// golden compares the frame with testdata/name.golden (-update rewrites it).
func (h *harness) golden(name string) {
	h.t.Helper()
	got := h.screen()
	lines := strings.Split(got, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " ")
	}
	got = strings.Join(lines, "\n") + "\n"
	path := filepath.Join("testdata", name+".golden")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			h.t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			h.t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		h.t.Fatalf("%v (run with -update to create it)", err)
	}
	if got != string(want) {
		h.t.Fatalf("frame differs from %s:\n--- got\n%s--- want\n%s", path, got, want)
	}
}

// seed creates an engagement directly in the store.
func (h *harness) seed() model.Engagement {
	h.t.Helper()
	e, err := h.store.CreateEngagement(context.Background(), model.Engagement{
		Learner: model.Learner{Name: "山田 花子"}, SendingOrg: "株式会社みらい", HostOrg: "NPO法人つなぐ",
		Start: model.NewDate(2026, 12, 1), End: model.NewDate(2027, 5, 31),
		Companions: []model.Companion{{Name: "佐藤 一郎", Type: model.Sending}},
	})
	if err != nil {
		h.t.Fatal(err)
	}
	h.send(refreshMsg{})
	return e
}

// backOnTimeline fails the test, saying what, unless the engagement's
// timeline is on top.
func (h *harness) backOnTimeline(what string) {
	h.t.Helper()
	if _, ok := h.top().(*engagementScreen); !ok {
		h.t.Fatalf("%s: the engagement's timeline is not on top:\n%s", what, h.screen())
	}
}

// closeLostCopy leaves a session whose saves have stopped: the dialog says
// what is lost (each of says) and closes only this copy with l.
func (h *harness) closeLostCopy(says ...string) {
	h.t.Helper()
	h.press("esc")
	for _, s := range says {
		h.contains(s)
	}
	h.press("l")
	h.backOnTimeline("closing the copy did not leave")
}

// storedSession reads a session back from the store.
func (h *harness) storedSession(id int64) model.Session {
	h.t.Helper()
	return dbtest.Session(h.t, h.store, id)
}

// runnerOnTop returns the session runner on top of the stack.
func (h *harness) runnerOnTop() *runner {
	h.t.Helper()
	r, ok := h.top().(*runner)
	if !ok {
		h.t.Fatalf("top screen is %T, not the session runner:\n%s", h.top(), h.screen())
	}
	return r
}

func lipglossWidth(s string) int { return ansi.StringWidth(s) }
