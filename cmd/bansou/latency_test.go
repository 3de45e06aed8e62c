package main

import (
	"bytes"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"bansou/internal/benchdb"
)

// Responsiveness measured from outside the process, as a person at the
// terminal feels it: the built binary in a pseudo-terminal of 120×40 that
// answers its queries as a terminal does, keys written one at a time, and
// the time until what a key does reaches the terminal. The baseline is
// internal/latency/stockarea, the stock Bubbles textarea with Bubble Tea's
// defaults, run in the same benchmark, interleaved, with the same text.

// stockBinary is the baseline program, built the first time a benchmark
// needs it.
var (
	stockOnce   sync.Once
	stockBinary string
	stockErr    error
)

func stockArea(b *testing.B) string {
	b.Helper()
	stockOnce.Do(func() {
		stockBinary = filepath.Join(filepath.Dir(binary), "stockarea")
		// A module of its own: Bubble Tea as released.
		build := exec.Command("go", "build", "-o", stockBinary, ".")
		build.Dir = filepath.Join("..", "..", "internal", "latency", "stockarea")
		build.Stderr = os.Stderr
		stockErr = build.Run()
	})
	if stockErr != nil {
		b.Fatal("building stockarea: ", stockErr)
	}
	return stockBinary
}

// termAnswers are a terminal's answers to the queries a program makes as
// it starts: its background colour (dark), synchronized output (mode 2026:
// supported, off) and the Unicode core mode (2027: not known). The kitty
// keyboard query (CSI ? u) goes unanswered, as in xterm.
var termAnswers = []struct{ query, answer string }{
	{"\x1b]11;?", "\x1b]11;rgb:1c1c/1c1c/1c1c\x1b\\"},
	{"\x1b[?2026$p", "\x1b[?2026;2$y"},
	{"\x1b[?2027$p", "\x1b[?2027;0$y"},
}

// probe watches a program's output as it is read from the terminal: it
// answers the terminal's queries, counts the bytes and times how long the
// character of the key last written takes to appear.
type probe struct {
	pty *os.File

	mu    sync.Mutex
	tail  []byte // the end of the last read, for a query split across reads
	bytes int    // bytes read so far
	want  []byte // the character awaited, nil when none
	seen  []byte // output since the key was written
	sent  time.Time
	got   chan time.Duration
}

func newProbe(pty *os.File) io.Writer { return &probe{pty: pty, got: make(chan time.Duration, 1)} }

func (p *probe) Write(b []byte) (int, error) {
	now := time.Now()
	p.mu.Lock()
	defer p.mu.Unlock()
	p.bytes += len(b)
	if p.want != nil {
		p.seen = append(p.seen, b...)
		if bytes.Contains(p.seen, p.want) {
			p.got <- now.Sub(p.sent)
			p.want, p.seen = nil, p.seen[:0]
		}
	}
	buf := append(p.tail, b...)
	for _, q := range termAnswers {
		for i := 0; ; {
			j := bytes.Index(buf[i:], []byte(q.query))
			if j < 0 {
				break
			}
			i += j + len(q.query)
			if i > len(p.tail) { // not answered at the last read
				p.pty.WriteString(q.answer)
			}
		}
	}
	p.tail = append([]byte(nil), buf[max(0, len(buf)-16):]...)
	return len(b), nil
}

// count is the number of bytes read so far.
func (p *probe) count() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.bytes
}

// key writes the character c to the terminal and returns how long it took
// to appear in the output.
func (p *probe) key(tb testing.TB, c rune) time.Duration {
	tb.Helper()
	p.mu.Lock()
	p.want, p.seen = []byte(string(c)), p.seen[:0]
	p.sent = time.Now()
	_, err := p.pty.WriteString(string(c))
	p.mu.Unlock()
	if err != nil {
		tb.Fatal(err)
	}
	select {
	case d := <-p.got:
		return d
	case <-time.After(10 * time.Second):
		tb.Fatalf("%q never appeared on the terminal", c)
	}
	return 0
}

// probed is a program in a terminal with its probe.
type probed struct {
	*terminal
	probe *probe
}

// startProbed starts bin in a 120×40 terminal that answers its queries.
func startProbed(tb testing.TB, bin string, env []string, args ...string) probed {
	tb.Helper()
	var p *probe
	tm := startTapped(tb, bin, func(pty *os.File) io.Writer {
		w := newProbe(pty)
		p = w.(*probe)
		return w
	}, env, 120, 40, args...)
	return probed{tm, p}
}

// probeKeys are the characters typed: none is in the answer, the header,
// the hints or the footer, so the first output holding one is the frame of
// that key; one differs from the next, so that no frame repeats a cell.
var probeKeys = []rune("鯨鷹鹿熊狐狸兎亀")

// pasteEnd ends the pasted answer, to wait for.
const pasteEnd = "（了）"

// paste pastes n characters of Japanese in paragraphs of 200, as a
// terminal sends a paste, then puts the caret up to 25 rows up, in the
// middle of a long text, as when correcting a word.
func (p probed) paste(n int) {
	p.t.Helper()
	text := benchdb.LongAnswer(n-len([]rune(pasteEnd))) + pasteEnd
	p.send("\x1b[200~" + text + "\x1b[201~")
	p.waitFor(pasteEnd)
	for range min(25, n/400) {
		p.send("\x1b[A")
	}
	p.probe.key(p.t, probeKeys[0]) // the frame after the moves
}

// besideVar names another build of bansou to measure beside this one, in
// the same run, interleaved (metrics "beside-…"): the same commands with
// BANSOU_LATENCY_BESIDE=/path/to/bansou compare two versions on a machine
// whose load changes from minute to minute.
const besideVar = "BANSOU_LATENCY_BESIDE"

// program is one of the programs measured side by side.
type program struct {
	name, bin string
}

// programs are bansou, the stock textarea and the build beside, if any.
func programs(b *testing.B) []program {
	ps := []program{{"bansou", binary}, {"stock", stockArea(b)}}
	if other := os.Getenv(besideVar); other != "" {
		ps = append(ps, program{"beside", other})
	}
	return ps
}

// typing opens each program with an answer of n characters: a session in
// bansou, the textarea in the stock program; terminals of 120×40.
func typing(b *testing.B, n int) []probed {
	b.Helper()
	var open []probed
	for _, pr := range programs(b) {
		p := startProbed(b, pr.bin, testEnv(b.TempDir()))
		if pr.name == "stock" {
			p.waitFor("stockarea")
			p.paste(n)
		} else {
			startSession(p.terminal)
			p.send(ctrlN) // the second prompt has no example in the way
			p.waitFor("2. なぜ今、外へ")
			p.paste(n)
			p.waitFor("保存済み")
		}
		open = append(open, p)
	}
	return open
}

// BenchmarkKeyToFrameInTerminal types one key at a time into bansou's
// session runner and into the stock textarea, in turn, with the same
// answer, and reports for each the median and the 99th percentile of the
// time from writing the key to the terminal to its character coming back,
// the ratio of the medians and the bytes written per key (its own frame
// and the saves it leads to). Keys are spaced by a random 2–22 ms after the
// last frame: a fixed pace locks onto the frame clock.
func BenchmarkKeyToFrameInTerminal(b *testing.B) {
	for _, n := range []int{10000, 100} {
		b.Run(fmt.Sprintf("answer=%d", n), func(b *testing.B) {
			ps := programs(b)
			open := typing(b, n)
			times := make([][]time.Duration, len(open))
			before := make([]int, len(open))
			for j, p := range open {
				before[j] = p.probe.count()
			}
			b.ResetTimer()
			for i := range b.N {
				for j, p := range open {
					times[j] = append(times[j], p.probe.key(b, probeKeys[(i+1)%len(probeKeys)]))
					// A typist's rhythm, not a wait for the program.
					time.Sleep(time.Duration(2000+rand.IntN(20000)) * time.Microsecond)
				}
			}
			b.StopTimer()
			for j, p := range open {
				med, p99 := percentiles(times[j])
				b.ReportMetric(med, ps[j].name+"-median-ms")
				b.ReportMetric(p99, ps[j].name+"-p99-ms")
				b.ReportMetric(float64(p.probe.count()-before[j])/float64(b.N), ps[j].name+"-B/key")
			}
			mb, _ := percentiles(times[0])
			ms, _ := percentiles(times[1])
			b.ReportMetric(ms/mb, "stock/bansou")
		})
	}
}

// percentiles returns the median and the 99th percentile in milliseconds.
func percentiles(times []time.Duration) (median, p99 float64) {
	s := slices.Clone(times)
	slices.Sort(s)
	return float64(s[len(s)/2].Microseconds()) / 1000, float64(s[len(s)*99/100].Microseconds()) / 1000
}

// BenchmarkIdleInTerminal leaves bansou's session runner with a
// 10,000-character answer, and the stock textarea beside it, idle for b.N
// seconds once the last key's frame and bansou's save are on the screen,
// and reports the processor time each used per second (from
// /proc/PID/stat, in ticks of 10 ms) and the bytes each wrote meanwhile.
func BenchmarkIdleInTerminal(b *testing.B) {
	if runtime.GOOS != "linux" {
		b.Skip("reads /proc")
	}
	ps := programs(b)
	open := typing(b, 10000)
	cpu0 := make([]time.Duration, len(open))
	out0 := make([]int, len(open))
	for j, p := range open {
		p.probe.key(b, probeKeys[1])
		if ps[j].name != "stock" {
			p.waitFor("保存済み")
		}
	}
	for j, p := range open {
		cpu0[j], out0[j] = processCPU(b, p.cmd.Process.Pid), p.probe.count()
	}
	b.ResetTimer()
	<-time.After(time.Duration(b.N) * time.Second)
	b.StopTimer()
	for j, p := range open {
		cpu := processCPU(b, p.cmd.Process.Pid) - cpu0[j]
		b.ReportMetric(float64(cpu.Microseconds())/1000/float64(b.N), ps[j].name+"-cpu-ms/s")
		b.ReportMetric(float64(p.probe.count()-out0[j]), ps[j].name+"-idle-B")
	}
}

// processCPU is the processor time a process has used, from /proc/PID/stat
// (utime and stime, in clock ticks of 10 ms).
func processCPU(tb testing.TB, pid int) time.Duration {
	tb.Helper()
	stat, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		tb.Fatal(err)
	}
	// The name in parentheses may hold spaces: the fields after it.
	fields := strings.Fields(string(stat[bytes.LastIndexByte(stat, ')')+2:]))
	utime, err1 := strconv.Atoi(fields[11])
	stime, err2 := strconv.Atoi(fields[12])
	if err1 != nil || err2 != nil {
		tb.Fatalf("/proc/%d/stat: %s", pid, stat)
	}
	return time.Duration(utime+stime) * 10 * time.Millisecond
}

// BenchmarkStartInTerminal starts, in turn, bansou on an empty database,
// bansou on the large one (10,000 sessions) and the stock textarea, each in
// a terminal of 120×40 that answers its queries, and reports for each the
// median and 99th percentile of the time from starting the process to its
// first complete frame on the terminal: the home screen with its lists
// loaded, the textarea.
func BenchmarkStartInTerminal(b *testing.B) {
	empty := testEnv(b.TempDir())
	first := startProbed(b, binary, empty) // creates the database
	first.waitFor("まだエンゲージメントがありません")
	first.send(ctrlC)
	first.waitExit()
	large := append(testEnv(b.TempDir()), "BANSOU_DB="+benchDB(b))
	runs := []struct {
		name, bin, frame string
		env              []string
	}{
		{"empty", binary, "まだエンゲージメントがありません", empty},
		{"10000", binary, homeLoaded, large},
		{"stock", stockArea(b), "stockarea", testEnv(b.TempDir())},
	}
	if other := os.Getenv(besideVar); other != "" {
		runs = append(runs[:2:2], runs[0], runs[1], runs[2])
		runs[2].name, runs[2].bin = "beside-empty", other
		runs[3].name, runs[3].bin = "beside-10000", other
	}
	times := make([][]time.Duration, len(runs))
	b.ResetTimer()
	for range b.N {
		for j, r := range runs {
			t0 := time.Now()
			p := startProbed(b, r.bin, r.env)
			p.waitFor(r.frame)
			times[j] = append(times[j], time.Since(t0))
			b.StopTimer()
			p.send(ctrlC)
			p.waitExit()
			b.StartTimer()
		}
	}
	b.StopTimer()
	for j, r := range runs {
		med, p99 := percentiles(times[j])
		b.ReportMetric(med, r.name+"-median-ms")
		b.ReportMetric(p99, r.name+"-p99-ms")
	}
}
