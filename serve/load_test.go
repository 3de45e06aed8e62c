package serve

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestLoadTwentyConnections: 20 people (BANSOU_LOAD_CONNECTIONS) connected over loopback each type a
// Japanese answer at once, one key every BANSOU_LOAD_KEY_EVERY (100 ms
// unless set) for BANSOU_LOAD_DURATION (5 s unless set; 30 s for the
// figures in docs/benchmarks.md). It measures, at the client, the time
// from writing a key to reading that character back, and the memory the
// process gained per connection (the clients' share included); afterwards
// every answer must be on disk exactly as typed. Skipped with -short unless
// BANSOU_LOAD is set.
//
//	BANSOU_LOAD=1 BANSOU_LOAD_DURATION=30s go test ./serve -run LoadTwenty -v -count=1
func TestLoadTwentyConnections(t *testing.T) {
	if testing.Short() && os.Getenv("BANSOU_LOAD") == "" {
		t.Skip("load test: set BANSOU_LOAD=1 to run it with -short")
	}
	duration := envDuration(t, "BANSOU_LOAD_DURATION", 5*time.Second)
	every := envDuration(t, "BANSOU_LOAD_KEY_EVERY", 100*time.Millisecond)
	people := 20
	if v := os.Getenv("BANSOU_LOAD_CONNECTIONS"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			t.Fatalf("BANSOU_LOAD_CONNECTIONS=%q: want a number", v)
		}
		people = n
	}
	ts := startServer(t)
	rssBefore, heapBefore := memory()

	terms := make([]*terminal, people)
	for i := range terms {
		_, key := ts.person(fmt.Sprintf("伴走者%02d", i+1))
		terms[i] = ts.open(key, 100, 30, "")
	}
	var wg sync.WaitGroup
	for i, tm := range terms {
		wg.Go(func() { startSession(tm, fmt.Sprintf("学習者%02d", i+1), fmt.Sprintf("越境先%02d", i+1)) })
	}
	wg.Wait()
	if t.Failed() {
		return
	}

	// Characters that the screens around the answer never show, so that
	// seeing one in the output is seeing the echo of the key.
	chars := []rune("異動先評価制度懸念昇格査定")
	typed := make([]string, people)
	latencies := make([][]time.Duration, people)
	start := time.Now()
	for i, tm := range terms {
		wg.Go(func() {
			// People do not type in step: each starts at a moment of its
			// own and leaves between half and one and a half times every
			// between keys (a fixed beat would also lock onto the frame
			// clock).
			rnd := rand.New(rand.NewPCG(uint64(i), 17))
			gap := func() time.Duration { return every/2 + time.Duration(rnd.Int64N(int64(every))) }
			time.Sleep(time.Duration(rnd.Int64N(int64(every))))
			var b strings.Builder
			from := len(tm.raw.String())
			for n := 0; time.Since(start) < duration; n++ {
				c := string(chars[(n+i)%len(chars)])
				sent := time.Now()
				if _, err := tm.in.Write([]byte(c)); err != nil {
					t.Errorf("connection %d: %v", i, err)
					return
				}
				at, ok := tm.echoed(c, from, sent.Add(10*time.Second))
				if !ok {
					t.Errorf("connection %d: %q never came back", i, c)
					return
				}
				from = at
				latencies[i] = append(latencies[i], time.Since(sent))
				b.WriteString(c)
				time.Sleep(max(0, gap()-time.Since(sent)))
			}
			typed[i] = b.String()
		})
	}
	wg.Wait()
	if t.Failed() {
		return
	}
	rssDuring, heapDuring := memory() // every connection still open, with its answer
	for i, tm := range terms {
		tm.waitFor("保存済み")
		eventually(t, "answer "+strconv.Itoa(i)+" on disk", func() bool {
			return answerOf(t, ts.dbPath, fmt.Sprintf("学習者%02d", i+1), "p:achieve") == typed[i]
		})
	}

	all := slices.Concat(latencies...)
	slices.Sort(all)
	pct := func(p float64) time.Duration { return all[min(len(all)-1, int(float64(len(all))*p))] }
	t.Logf("%d connections, %s, a key every %s: %d keys; key → echo p50 %s, p99 %s, max %s",
		people, duration, every, len(all), pct(0.50).Round(10*time.Microsecond), pct(0.99).Round(10*time.Microsecond), all[len(all)-1].Round(10*time.Microsecond))
	t.Logf("memory per connection (server and client in one process): resident %.1f MB, Go heap %.1f MB",
		float64(rssDuring-rssBefore)/float64(people)/1e6, float64(heapDuring-heapBefore)/float64(people)/1e6)
}

// echoed waits until the output after offset from holds c; it returns the
// offset after it.
func (tm *terminal) echoed(c string, from int, deadline time.Time) (int, bool) {
	for time.Now().Before(deadline) {
		out := tm.raw.bytesFrom(from)
		if i := bytes.Index(out, []byte(c)); i >= 0 {
			return from + i + len(c), true
		}
		select {
		case <-tm.wrote:
		case <-time.After(time.Until(deadline)):
		}
	}
	return from, false
}

func (b *lockedBuffer) bytesFrom(from int) []byte {
	b.mu.Lock()
	defer b.mu.Unlock()
	return bytes.Clone(b.b.Bytes()[min(from, b.b.Len()):])
}

// memory is the process's resident set (VmRSS) and Go heap in use, in
// bytes, after a collection.
func memory() (rss, heap uint64) {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	data, _ := os.ReadFile("/proc/self/status")
	for _, line := range strings.Split(string(data), "\n") {
		if f := strings.Fields(line); len(f) == 3 && f[0] == "VmRSS:" {
			kb, _ := strconv.ParseUint(f[1], 10, 64)
			rss = kb * 1024
		}
	}
	return rss, ms.HeapInuse
}

func envDuration(t *testing.T, name string, def time.Duration) time.Duration {
	v := os.Getenv(name)
	if v == "" {
		return def
	}
	d, err := time.ParseDuration(v)
	if err != nil || d <= 0 {
		t.Fatalf("%s=%q: want a duration such as 30s", name, v)
	}
	return d
}
