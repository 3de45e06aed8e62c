package main

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/clipperhouse/displaywidth"

	"bansou/internal/dbtest"
	"bansou/model"
	"bansou/model/sqlite"
)

// The crash test: several databases, each a subtest running in parallel
// with the others, each one session typed into over a series of bansou
// processes, every one killed with SIGKILL at a random moment.
const (
	crashDatabases = 5
	crashKills     = 11 // per database
	// onDisk is how soon what was typed must be on disk: the runner
	// writes within 300 ms of a keystroke and at once on a move.
	onDisk = time.Second
	// A process is killed at a random moment up to killWithin after it
	// started (the first, once its session is open): while it starts,
	// loads, resumes, types, moves or waits.
	killWithin     = 3500 * time.Millisecond
	crashW, crashH = 100, 30
	// maxLine is the widest line typed, in cells: narrower than the answer
	// editor (72 cells at this size), so that no line is wrapped and each
	// line typed is one row of the screen.
	maxLine = 60
	// crashSeedEnv replays a run: the seed is logged at the start.
	crashSeedEnv = "BANSOU_CRASH_SEED"
)

var crashPhrases = []string{
	"現場で一から学びたい", "家族とも話しました", "上司は応援してくれている", "地域の課題を事業にしたい",
	"越境先の人たちと信頼を築く", "失敗してもいいと思えた", "言葉にするのは難しい", "帰ってから何を持ち帰るか",
	"週3日は運営を任される", "不安は少し減った",
}

// TestEndToEndRandomKills types a session in Japanese (lines of several
// chunks, new lines, moves to the next and previous prompt and jumps from
// the list), killing bansou with SIGKILL at random moments, again and again
// on the same session. After each kill:
//
//   - the database passes SQLite's integrity check;
//   - every answer seen on screen more than onDisk before the kill is on
//     disk exactly; an answer still being typed in the last onDisk holds at
//     least what was seen before then and nothing that was not typed
//     (typing only adds at the end, so every state saved is a prefix);
//   - the prompt recorded is the one on screen onDisk before the kill, or
//     one moved to after it (a move is written at once, but one made in the
//     last onDisk may not have reached the disk); never an older one;
//   - a move on disk carries every line shown before it was made (they are
//     written together);
//   - the next start offers the interrupted session, and resuming opens it
//     at the recorded prompt with its recorded answer on screen.
//
// The random source is seeded; the seed is logged and BANSOU_CRASH_SEED
// replays it (the moments are the same, the machine's timing is not).
func TestEndToEndRandomKills(t *testing.T) {
	seed := uint64(time.Now().UnixNano())
	if v := os.Getenv(crashSeedEnv); v != "" {
		n, err := strconv.ParseUint(v, 10, 64)
		if err != nil {
			t.Fatalf("%s=%q: %v", crashSeedEnv, v, err)
		}
		seed = n
	}
	t.Logf("seed %d (replay with %s=%d)", seed, crashSeedEnv, seed)
	began := time.Now()
	var kills, exact, resumes atomic.Int64
	t.Cleanup(func() {
		t.Logf("%d kills, %d answers found exactly as typed, %d resumes checked, in %v",
			kills.Load(), exact.Load(), resumes.Load(), time.Since(began).Round(100*time.Millisecond))
	})
	// The databases run at the same time, whatever -parallel says: their
	// processes mostly wait for keys.
	var wg sync.WaitGroup
	for i := range crashDatabases {
		wg.Go(func() {
			t.Run(fmt.Sprint("db", i), func(t *testing.T) {
				c := &crashRun{t: t, rng: rand.New(rand.NewPCG(seed, uint64(i)))}
				tm := c.setup()
				for range crashKills {
					c.cycle(tm)
					tm = nil
					kills.Add(1)
				}
				c.finish()
				exact.Add(int64(c.exact))
				resumes.Add(int64(c.resumes))
			})
		})
	}
	wg.Wait()
}

// crashRun is one database and what the test knows of it.
type crashRun struct {
	t       *testing.T
	rng     *rand.Rand
	env     []string
	db      string
	session int64
	steps   []model.Step // the session's prompts, in order

	// What is on disk, as read after the last kill.
	answers map[string]string
	at      string // the prompt the session is at

	// The current process: every state of each answer typed, and every
	// prompt moved to, with when the screen showed it (zero: never).
	typed map[string][]state
	moves []state  // text is the step key
	trace []string // what was done, for a failure's report
	start time.Time

	seq            int // numbers every chunk typed, so that each line is unique
	exact, resumes int
}

type state struct {
	text       string
	sent, seen time.Time
}

// before stands for a state from an earlier process, on disk already.
var before = time.Unix(0, 0)

func (c *crashRun) note(format string, args ...any) {
	c.trace = append(c.trace, fmt.Sprintf("%6d ms  ", time.Since(c.start).Milliseconds())+fmt.Sprintf(format, args...))
}

// setup creates the engagement and opens a session; its process types on
// as the first of the cycles.
func (c *crashRun) setup() *terminal {
	dir := c.t.TempDir()
	c.env = testEnv(dir)
	c.db = filepath.Join(dir, "data", "bansou", "bansou.db")
	tm := startTerminal(c.t, c.env, crashW, crashH)
	startSession(tm)
	s := c.read()
	c.session, c.steps, c.at, c.answers = s.ID, s.Steps, s.CurrentKey, map[string]string{}
	return tm
}

// read reads the session from the database, as it is on disk.
func (c *crashRun) read() model.Session {
	c.t.Helper()
	store, err := sqlite.OpenReadOnly(c.db, sqlite.Options{})
	if err != nil {
		c.t.Fatal(err)
	}
	defer store.Close()
	ctx := context.Background()
	id := c.session
	if id == 0 {
		sums, err := store.Sessions(ctx, 1)
		if err != nil || len(sums) != 1 {
			c.t.Fatalf("sessions: %+v %v", sums, err)
		}
		id = sums[0].ID
	}
	s, err := store.Session(ctx, id)
	if err != nil {
		c.t.Fatal(err)
	}
	return s
}

// begin starts the record of a process from what is on disk.
func (c *crashRun) begin() {
	c.typed, c.trace, c.start = map[string][]state{}, nil, time.Now()
	for _, st := range c.steps {
		c.typed[st.Key] = []state{{text: c.answers[st.Key], seen: before}}
	}
	c.moves = []state{{text: c.at, seen: before}}
}

// cycle runs one process until it is killed, then checks the database.
// tm is a process already running with the session open, or nil to start
// one that resumes the session.
func (c *crashRun) cycle(tm *terminal) {
	c.begin()
	delay := time.Duration(c.rng.Int64N(int64(killWithin)))
	inSession := tm != nil
	if tm == nil {
		tm = startTerminal(c.t, c.env, crashW, crashH)
		c.start = time.Now()
	}
	killed := make(chan time.Time, 1)
	time.AfterFunc(delay, func() {
		at := time.Now()
		tm.cmd.Process.Signal(syscall.SIGKILL)
		killed <- at
	})
	c.note("kill planned at %d ms", delay.Milliseconds())
	if inSession || c.resume(tm) {
		c.typeUntilKilled(tm)
	}
	err := tm.waitExit()
	tm.pty.Close()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.Sys().(syscall.WaitStatus).Signal() != syscall.SIGKILL {
		c.fail("bansou ended by itself (%v) before it was killed; screen:\n%s", err, tm.screen.Text())
	}
	c.check(<-killed)
}

// resume accepts the offer of the interrupted session and checks that it
// opens at the prompt on disk with the answer on disk; false if the process
// was killed first.
func (c *crashRun) resume(tm *terminal) bool {
	where := c.title(c.at) + " で中断"
	if !c.until(tm, "the offer to resume", func(s string) bool {
		return strings.Contains(s, "途中のセッションがあります") && strings.Contains(s, where)
	}) {
		return false
	}
	tm.write(keyEnter)
	var shown string
	if !c.until(tm, "the session", func(s string) bool { shown = c.promptOn(s); return shown != "" }) {
		return false
	}
	if shown != c.at {
		c.fail("resumed at %s; the session was left at %s", shown, c.at)
	}
	if line := lastLine(c.answers[c.at]); line != "" && !c.until(tm, "the answer on disk", showsLine(line)) {
		return false
	}
	c.moves[0].seen = time.Now()
	c.note("resumed at %s", c.at)
	c.resumes++
	return true
}

// typeUntilKilled types, moves and pauses at random until the process is
// killed, waiting after each step until the screen shows it.
func (c *crashRun) typeUntilKilled(tm *terminal) {
	for {
		select {
		case <-tm.dead:
			return
		default:
		}
		i := c.index(c.at)
		switch r := c.rng.IntN(100); {
		case r < 55:
			c.typeChunk(tm)
		case r < 68 && i < len(c.steps)-1:
			c.moveTo(tm, ctrlN, i+1)
		case r < 78 && i > 0:
			c.moveTo(tm, ctrlP, i-1)
		case r < 85:
			to := c.rng.IntN(len(c.steps))
			if to == i {
				continue
			}
			keys := ctrlG + strings.Repeat("j", max(to-i, 0)) + strings.Repeat("k", max(i-to, 0)) + keyEnter
			c.moveTo(tm, keys, to)
		default:
			// The companion listens for a while.
			d := time.Duration(200+c.rng.IntN(1300)) * time.Millisecond
			c.note("pause %d ms", d.Milliseconds())
			select {
			case <-tm.dead:
			case <-time.After(d):
			}
		}
	}
}

// typeChunk types a few words at the end of the answer, on a new line now
// and then, and waits until the screen shows the line.
func (c *crashRun) typeChunk(tm *terminal) {
	c.seq++
	chunk := crashPhrases[c.rng.IntN(len(crashPhrases))] + strconv.Itoa(c.seq) + []string{"、", "。", ""}[c.rng.IntN(3)]
	vs := c.typed[c.at]
	text := vs[len(vs)-1].text
	keys, line := chunk, lastLine(text)+chunk
	if text != "" && (displaywidth.String(line) > maxLine || c.rng.IntN(4) == 0) {
		keys, line, text = keyEnter+chunk, chunk, text+"\n"
	}
	c.typed[c.at] = append(vs, state{text: text + chunk})
	c.note("type %q at %s", strings.ReplaceAll(keys, keyEnter, "⏎"), c.at)
	tm.write(keys)
	if c.until(tm, "the line typed", showsLine(line)) {
		c.typed[c.at][len(c.typed[c.at])-1].seen = time.Now()
	}
}

// moveTo sends keys that move to the prompt at index to, and waits until
// the screen shows it with its answer.
func (c *crashRun) moveTo(tm *terminal, keys string, to int) {
	key := c.steps[to].Key
	c.moves = append(c.moves, state{text: key, sent: time.Now()})
	c.at = key
	c.note("move to %s", key)
	tm.write(keys)
	vs := c.typed[key]
	line := lastLine(vs[len(vs)-1].text)
	if c.until(tm, "the prompt moved to", func(s string) bool {
		return c.promptOn(s) == key && (line == "" || showsLine(line)(s))
	}) {
		c.moves[len(c.moves)-1].seen = time.Now()
	}
}

// check reads the database after a kill at killedAt, checks it against
// what was typed, and takes what it holds as the truth from now on.
func (c *crashRun) check(killedAt time.Time) {
	c.note("killed")
	if res, err := dbtest.Integrity(c.db); err != nil || res != "ok" {
		c.fail("integrity_check: %q %v", res, err)
	}
	s := c.read()
	settled := killedAt.Add(-onDisk)
	stableAt := func(vs []state) int {
		i := 0
		for j, v := range vs {
			if !v.seen.IsZero() && !v.seen.After(settled) {
				i = j
			}
		}
		return i
	}
	for _, st := range s.Steps {
		vs := c.typed[st.Key]
		i, last := stableAt(vs), vs[len(vs)-1]
		switch {
		case i == len(vs)-1 && st.Answer != last.text:
			c.fail("%s: typed %v before the kill, on disk %q, want %q",
				st.Key, killedAt.Sub(last.seen).Round(time.Millisecond), st.Answer, last.text)
		case i == len(vs)-1:
			if last.seen != before {
				c.exact++
			}
		case !strings.HasPrefix(st.Answer, vs[i].text) || !strings.HasPrefix(last.text, st.Answer):
			c.fail("%s: on disk %q; want at least %q (seen %v before the kill) and no more than %q",
				st.Key, st.Answer, vs[i].text, killedAt.Sub(vs[i].seen).Round(time.Millisecond), last.text)
		}
		c.answers[st.Key] = st.Answer
	}
	stable := stableAt(c.moves)
	var allowed []string
	for _, m := range c.moves[stable:] {
		allowed = append(allowed, m.text)
	}
	at := slices.Index(allowed, s.CurrentKey)
	if at < 0 {
		c.fail("on disk at %s; the screen showed %s %v before the kill, and moved on to %v",
			s.CurrentKey, allowed[0], onDisk, allowed[1:])
	}
	// A move is written with what was typed before it, in one
	// transaction: a disk at the prompt moved to holds every line the
	// screen showed before the move was made.
	if moved := c.moves[stable+at]; !moved.sent.IsZero() {
		for key, vs := range c.typed {
			shown := ""
			for _, v := range vs {
				if !v.seen.IsZero() && v.seen.Before(moved.sent) {
					shown = v.text
				}
			}
			if !strings.HasPrefix(c.answers[key], shown) {
				c.fail("%s: on disk %q, without %q shown before the move to %s, which is on disk",
					key, c.answers[key], shown, s.CurrentKey)
			}
		}
	}
	c.at = s.CurrentKey
}

// finish resumes the session once more, types, keeps it for later and
// quits: everything is on disk as typed and the session is closed.
func (c *crashRun) finish() {
	c.begin()
	tm := startTerminal(c.t, c.env, crashW, crashH)
	if !c.resume(tm) {
		c.fail("bansou stopped while resuming")
	}
	c.typeChunk(tm)
	if err := tm.leaveForLater(); err != nil {
		c.fail("exit: %v", err)
	}
	s := c.read()
	for _, st := range s.Steps {
		vs := c.typed[st.Key]
		if want := vs[len(vs)-1].text; st.Answer != want {
			c.fail("%s: on disk %q, want %q", st.Key, st.Answer, want)
		}
	}
	if s.CurrentKey != c.at {
		c.fail("left at %s, on disk at %s", c.at, s.CurrentKey)
	}
	store, err := sqlite.OpenReadOnly(c.db, sqlite.Options{})
	if err != nil {
		c.t.Fatal(err)
	}
	defer store.Close()
	if list, err := store.InterruptedSessions(context.Background()); err != nil || len(list) != 0 {
		c.fail("after leaving, interrupted sessions: %+v %v", list, err)
	}
	if res, err := dbtest.Integrity(c.db); err != nil || res != "ok" {
		c.fail("integrity_check: %q %v", res, err)
	}
}

// fail stops the subtest with what happened in the current process.
func (c *crashRun) fail(format string, args ...any) {
	c.t.Helper()
	c.t.Fatalf(format+"\nwhat the test did in this process:\n%s", append(args, strings.Join(c.trace, "\n"))...)
}

// until waits until cond holds for the screen and reports true, or until
// bansou has exited and reports whether cond holds then.
func (c *crashRun) until(tm *terminal, what string, cond func(screen string) bool) bool {
	c.t.Helper()
	deadline := time.After(15 * time.Second)
	for {
		if cond(tm.screen.Text()) {
			return true
		}
		select {
		case <-tm.dead:
			return cond(tm.screen.Text())
		case <-deadline:
			c.fail("the screen never showed %s; it shows:\n%s", what, tm.screen.Text())
		case <-time.After(10 * time.Millisecond):
		}
	}
}

// write sends keys to bansou, which may have been killed meanwhile.
func (tm *terminal) write(keys string) { tm.pty.Write([]byte(keys)) }

// Keys to move between prompts.
const (
	ctrlG = "\x07"
	ctrlP = "\x10"
)

func (c *crashRun) index(key string) int {
	return slices.IndexFunc(c.steps, func(st model.Step) bool { return st.Key == key })
}

func (c *crashRun) title(key string) string { return c.steps[c.index(key)].Title }

// promptOn is the prompt whose numbered title the screen shows, or "".
func (c *crashRun) promptOn(screen string) string {
	for i, st := range c.steps {
		if strings.Contains(screen, fmt.Sprintf("%d. %s", i+1, st.Title)) {
			return st.Key
		}
	}
	return ""
}

// showsLine reports whether a row of the screen is the line in the answer
// editor, exactly (its focused gutter, the line, then only the blank rest
// of the column).
func showsLine(line string) func(string) bool {
	return func(screen string) bool {
		for _, row := range strings.Split(screen, "\n") {
			if row == "┃ "+line || strings.HasPrefix(row, "┃ "+line+"  ") {
				return true
			}
		}
		return false
	}
}

func lastLine(s string) string { return s[strings.LastIndex(s, "\n")+1:] }
