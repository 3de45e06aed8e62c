package main

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"bansou/internal/benchdb"
	"bansou/model/sqlite"
)

// The start and memory benchmarks run on benchdb.Large: 200 learners, each
// in one engagement of 50 sessions (10,000 sessions) of 10 answers (100,000
// answers), with their worries, actions and agreements. It is the search
// benchmark's database, built once and kept in the temporary directory.

// Text on the home screen once its lists are loaded: the heading of the due
// list.
const homeLoaded = "確認すること"

// benchDB returns the path of the large database, building it the first
// time (a minute or two). With -short, a database not built yet is skipped.
func benchDB(b *testing.B) string {
	b.Helper()
	file, err := benchdb.File(benchdb.Large, sqlite.SchemaVersion(),
		func(path string) (benchdb.Store, error) { return sqlite.Open(path, sqlite.Options{}) }, !testing.Short())
	if errors.Is(err, benchdb.ErrNotBuilt) {
		b.Skipf("-short: %s is not built yet", file)
	}
	if err != nil {
		b.Fatal(err)
	}
	return file
}

// benchOptions are the command line `bansou --db file` under a Japanese
// locale.
func benchOptions(file string) *globalOptions {
	env := map[string]string{"LANG": "ja_JP.UTF-8"}
	return &globalOptions{db: file, stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr,
		getenv: func(name string) string { return env[name] }}
}

// settle gives the model the results of cmd and of every command they lead
// to, running each in its own goroutine as Bubble Tea does, until none is
// left.
func settle(m tea.Model, cmd tea.Cmd) tea.Model {
	msgs := make(chan tea.Msg, 64)
	pending := 0
	run := func(c tea.Cmd) {
		if c != nil {
			pending++
			go func() { msgs <- c() }()
		}
	}
	run(cmd)
	for pending > 0 {
		msg := <-msgs
		pending--
		switch msg := msg.(type) {
		case nil:
		case tea.BatchMsg:
			for _, c := range msg {
				run(c)
			}
		default:
			var c tea.Cmd
			m, c = m.Update(msg)
			run(c)
		}
	}
	return m
}

// press gives the model keys, each followed by what it leads to.
func press(m tea.Model, keys ...tea.KeyPressMsg) tea.Model {
	for _, k := range keys {
		var cmd tea.Cmd
		m, cmd = m.Update(k)
		m = settle(m, cmd)
	}
	return m
}

// typed are the key presses that type s.
func typed(s string) []tea.KeyPressMsg {
	var keys []tea.KeyPressMsg
	for _, r := range s {
		keys = append(keys, tea.KeyPressMsg{Code: r, Text: string(r)})
	}
	return keys
}

// startApp does what bansou does from its start to its first frame, but for
// the terminal: newApp (the content, the store with its schema check, the
// interface), the commands Init gives with the terminal's size (the home
// screen's lists, the due list, interrupted sessions), and the frame at
// 120×40.
func startApp(o *globalOptions) (tea.Model, *sqlite.Store, string, error) {
	app, store, err := newApp(o)
	if err != nil {
		return nil, nil, "", err
	}
	init := app.Init()
	m, cmd := app.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	m = settle(m, tea.Batch(init, cmd))
	return m, store, ansi.Strip(m.View().Content), nil
}

// BenchmarkStart10000Sessions measures start → first frame in the process
// (design §7: ≤ 60 ms with 10,000 sessions): see startApp. It also reports
// the processor time a start takes (every thread), which other work on a
// busy machine does not stretch as it does the time on the clock.
func BenchmarkStart10000Sessions(b *testing.B) {
	o := benchOptions(benchDB(b))
	times := make([]time.Duration, 0, b.N)
	cpu := make([]time.Duration, 0, b.N)
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		c0, t0 := cpuTime(), time.Now()
		_, store, frame, err := startApp(o)
		d, c := time.Since(t0), cpuTime()-c0
		if err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		times, cpu = append(times, d), append(cpu, c)
		store.Close()
		if !strings.Contains(frame, homeLoaded) {
			b.Fatalf("the first frame is not the loaded home screen:\n%s", frame)
		}
		b.StartTimer()
	}
	b.StopTimer()
	reportMillis(b, times)
	if slices.Max(cpu) > 0 {
		slices.Sort(cpu)
		b.ReportMetric(float64(cpu[len(cpu)/2].Microseconds())/1000, "cpu-median-ms")
	}
}

// BenchmarkStartProcess10000Sessions measures the same from outside: from
// starting the built binary in a pseudo-terminal of 120×40 to the loaded
// home screen appearing on it, the process start and the Go runtime
// included. The due list it waits for needs every engagement's sessions and
// ledger, read after the engagement list that the same frame shows.
func BenchmarkStartProcess10000Sessions(b *testing.B) {
	file := benchDB(b)
	env := append(testEnv(b.TempDir()), "BANSOU_DB="+file)
	times := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for range b.N {
		t0 := time.Now()
		tm := startTerminal(b, env, 120, 40)
		tm.waitFor(homeLoaded)
		d := time.Since(t0)
		b.StopTimer()
		times = append(times, d)
		tm.send(ctrlC)
		tm.waitExit()
		b.StartTimer()
	}
	b.StopTimer()
	reportMillis(b, times)
}

// BenchmarkHomeKey10000Sessions measures moving down and up the home screen
// of the large database (a due list of some 500 items above 200
// engagements): one key press and the whole frame at 120×40.
func BenchmarkHomeKey10000Sessions(b *testing.B) {
	m, store, frame, err := startApp(benchOptions(benchDB(b)))
	if err != nil {
		b.Fatal(err)
	}
	defer store.Close()
	if !strings.Contains(frame, homeLoaded) {
		b.Fatalf("not the home screen:\n%s", frame)
	}
	keys := []tea.KeyPressMsg{{Code: tea.KeyDown}, {Code: tea.KeyUp}}
	times := make([]time.Duration, 0, b.N)
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		t0 := time.Now()
		m, _ = m.Update(keys[i%len(keys)])
		_ = m.View()
		times = append(times, time.Since(t0))
	}
	b.StopTimer()
	reportMillis(b, times)
}

// reportMillis adds the median and the 99th percentile of the iterations,
// in milliseconds, to the benchmark's output.
func reportMillis(b *testing.B, times []time.Duration) {
	slices.Sort(times)
	b.ReportMetric(float64(times[len(times)/2].Microseconds())/1000, "median-ms")
	b.ReportMetric(float64(times[len(times)*99/100].Microseconds())/1000, "p99-ms")
}

// The steps of the memory benchmarks: the home screen, then the engagement
// of the first due item (its timeline of 50 sessions and its ledger), then
// a search from there for a word in a quarter of the 108,000 documents.
const searchWords = "不安"

// BenchmarkMemory100000Answers reports the Go heap in use (after a
// collection) once bansou, in this process, has shown the home screen,
// opened a timeline and searched. SQLite's own memory (its page cache) is
// not on the Go heap: see BenchmarkMemoryProcess100000Answers.
func BenchmarkMemory100000Answers(b *testing.B) {
	o := benchOptions(benchDB(b))
	var before, after runtime.MemStats
	for range b.N {
		runtime.GC()
		runtime.ReadMemStats(&before)
		m, store, frame, err := startApp(o)
		if err != nil {
			b.Fatal(err)
		}
		if !strings.Contains(frame, homeLoaded) {
			b.Fatalf("not the home screen:\n%s", frame)
		}
		m = press(m, tea.KeyPressMsg{Code: tea.KeyEnter})
		if frame := ansi.Strip(m.View().Content); !strings.Contains(frame, "伴走者: 佐藤 一郎") {
			b.Fatalf("not an engagement:\n%s", frame)
		}
		m = press(m, typed("/"+searchWords)...)
		if frame := ansi.Strip(m.View().Content); !strings.Contains(frame, "200 件を表示") {
			b.Fatalf("no search results:\n%s", frame)
		}
		runtime.GC()
		runtime.ReadMemStats(&after)
		runtime.KeepAlive(m)
		store.Close()
	}
	b.ReportMetric(float64(after.HeapInuse)/(1<<20), "heap-MB")
	b.ReportMetric((float64(after.HeapInuse)-float64(before.HeapInuse))/(1<<20), "heap-added-MB")
}

// BenchmarkMemoryProcess100000Answers does the same with the built binary in
// a pseudo-terminal and reports the memory of its process: resident now
// (VmRSS) and at most (VmHWM), SQLite's page cache included.
func BenchmarkMemoryProcess100000Answers(b *testing.B) {
	if runtime.GOOS != "linux" {
		b.Skip("reads /proc")
	}
	file := benchDB(b)
	env := append(testEnv(b.TempDir()), "BANSOU_DB="+file)
	var rss, hwm int
	for range b.N {
		tm := startTerminal(b, env, 120, 40)
		tm.waitFor(homeLoaded)
		tm.send(keyEnter)
		tm.waitFor("伴走者: 佐藤 一郎")
		tm.send("/")
		tm.waitFor("探す言葉")
		tm.send(searchWords)
		tm.waitFor("200 件を表示")
		var err error
		if rss, hwm, err = processMemory(tm.cmd.Process.Pid); err != nil {
			b.Fatal(err)
		}
		tm.send(ctrlC)
		tm.waitExit()
	}
	b.ReportMetric(float64(rss)/1024, "rss-MB")
	b.ReportMetric(float64(hwm)/1024, "peak-rss-MB")
}

// processMemory reads a process's resident memory now and at most, in KiB,
// from /proc.
func processMemory(pid int) (rss, hwm int, err error) {
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, 0, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		name, value, _ := strings.Cut(sc.Text(), ":")
		fields := strings.Fields(value)
		if len(fields) == 0 {
			continue
		}
		switch name {
		case "VmRSS":
			rss, err = strconv.Atoi(fields[0])
		case "VmHWM":
			hwm, err = strconv.Atoi(fields[0])
		}
		if err != nil {
			return 0, 0, err
		}
	}
	if rss == 0 || hwm == 0 {
		return 0, 0, fmt.Errorf("/proc/%d/status has no VmRSS or VmHWM", pid)
	}
	return rss, hwm, sc.Err()
}
