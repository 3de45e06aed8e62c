package serve

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"net"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"bansou/internal/vt"
	"bansou/model"
	"bansou/model/sqlite"
)

// testNow is the day every test runs on.
var testNow = time.Date(2026, 12, 7, 10, 0, 0, 0, time.FixedZone("JST", 9*60*60))

// clock is a clock that tests move.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) advance(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

// day is n days after testNow, as a form takes a date.
func day(n int) string { return model.DateOf(testNow).AddDays(n).String() }

// testServer is a server on 127.0.0.1:0 on a real SQLite file.
type testServer struct {
	t       testing.TB
	srv     *Server
	addr    string
	backend *recordingBackend
	clock   *clock
	dir     string
	dbPath  string
	store   *sqlite.Store
	log     *lockedBuffer
	done    chan error
}

func startServer(t testing.TB, change ...func(*Config)) *testServer {
	t.Helper()
	dir := t.TempDir()
	ts := &testServer{t: t, clock: &clock{t: testNow}, dir: dir, dbPath: filepath.Join(dir, "bansou.db"),
		log: &lockedBuffer{}, done: make(chan error, 1)}
	store, err := sqlite.Open(ts.dbPath, sqlite.Options{Now: ts.clock.Now})
	if err != nil {
		t.Fatal(err)
	}
	ts.store = store
	ts.backend = &recordingBackend{Store: store}
	cfg := Config{HostKey: filepath.Join(dir, "host_ed25519"), Now: ts.clock.Now, Location: testNow.Location(), Log: ts.log}
	for _, f := range change {
		f(&cfg)
	}
	ts.srv, err = New(cfg, ts.backend)
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ts.addr = ln.Addr().String()
	go func() { ts.done <- ts.srv.Serve(ln) }()
	t.Cleanup(func() {
		ts.stop()
		store.Close()
	})
	return ts
}

// stop shuts the server down (once) and waits for Serve to return.
func (ts *testServer) stop() {
	if ts.srv == nil {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	if err := ts.srv.Shutdown(ctx); err != nil {
		ts.t.Errorf("shutdown: %v", err)
	}
	if err := <-ts.done; err != nil {
		ts.t.Errorf("serve: %v", err)
	}
	ts.srv = nil
}

// person adds an account with a key enrolled to it.
func (ts *testServer) person(name string, change ...func(*model.Account)) (model.Account, gossh.Signer) {
	ts.t.Helper()
	a := model.Account{Name: name, Type: model.Sending, Role: model.RoleCompanion, Lang: model.Ja}
	for _, f := range change {
		f(&a)
	}
	a, err := ts.backend.AddAccount(context.Background(), a)
	if err != nil {
		ts.t.Fatal(err)
	}
	key := newKey(ts.t)
	code := ts.code(a.ID, time.Hour)
	if _, err := ts.backend.Enrol(context.Background(), code, KeyString(key.PublicKey())); err != nil {
		ts.t.Fatal(err)
	}
	return a, key
}

func (ts *testServer) code(id int64, ttl time.Duration) string {
	ts.t.Helper()
	code, err := ts.backend.NewCode(context.Background(), id, ttl)
	if err != nil {
		ts.t.Fatal(err)
	}
	return code
}

func newKey(t testing.TB) gossh.Signer {
	t.Helper()
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	s, err := gossh.NewSignerFromKey(priv)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// client is one SSH connection, on a TCP connection the test can cut.
type client struct {
	*gossh.Client
	tcp net.Conn
}

func (ts *testServer) dial(key gossh.Signer) (*client, error) {
	tcp, err := net.Dial("tcp", ts.addr)
	if err != nil {
		return nil, err
	}
	cfg := &gossh.ClientConfig{User: "bansou", Auth: []gossh.AuthMethod{gossh.PublicKeys(key)},
		HostKeyCallback: gossh.InsecureIgnoreHostKey(), Timeout: 10 * time.Second}
	c, chans, reqs, err := gossh.NewClientConn(tcp, ts.addr, cfg)
	if err != nil {
		tcp.Close()
		return nil, err
	}
	return &client{Client: gossh.NewClient(c, chans, reqs), tcp: tcp}, nil
}

func (ts *testServer) connect(key gossh.Signer) *client {
	ts.t.Helper()
	c, err := ts.dial(key)
	if err != nil {
		ts.t.Fatal(err)
	}
	ts.t.Cleanup(func() { c.Close() })
	return c
}

// run runs a command without a terminal and returns its output, its error
// output and its exit status.
func (ts *testServer) run(key gossh.Signer, cmd string) (stdout, stderr string, status int) {
	ts.t.Helper()
	c := ts.connect(key)
	defer c.Close()
	sess, err := c.NewSession()
	if err != nil {
		ts.t.Fatal(err)
	}
	var out, errOut bytes.Buffer
	sess.Stdout, sess.Stderr = &out, &errOut
	err = sess.Run(cmd)
	var exit *gossh.ExitError
	switch {
	case errors.As(err, &exit):
		status = exit.ExitStatus()
	case err != nil:
		ts.t.Fatalf("%s: %v", cmd, err)
	}
	return out.String(), errOut.String(), status
}

// terminal is a session with a pseudo-terminal, its output drawn on an
// emulated screen.
type terminal struct {
	t      testing.TB
	c      *client
	sess   *gossh.Session
	in     io.WriteCloser
	screen *vt.Screen
	raw    *lockedBuffer
	wrote  chan struct{}
	exited chan error
}

// open opens a w×h terminal session and runs cmd ("" for the shell, that
// is the interface).
func (ts *testServer) open(key gossh.Signer, w, h int, cmd string) *terminal {
	ts.t.Helper()
	return ts.openOn(ts.connect(key), w, h, cmd)
}

func (ts *testServer) openOn(c *client, w, h int, cmd string) *terminal {
	ts.t.Helper()
	sess, err := c.NewSession()
	if err != nil {
		ts.t.Fatal(err)
	}
	modes := gossh.TerminalModes{gossh.ECHO: 1, gossh.IUTF8: 1}
	if err := sess.RequestPty("xterm-256color", h, w, modes); err != nil {
		ts.t.Fatal(err)
	}
	tm := &terminal{t: ts.t, c: c, sess: sess, screen: vt.New(w, h), raw: &lockedBuffer{},
		wrote: make(chan struct{}, 1), exited: make(chan error, 1)}
	out := io.MultiWriter(tm.screen, tm.raw, notify(tm.wrote))
	sess.Stdout, sess.Stderr = out, out
	if tm.in, err = sess.StdinPipe(); err != nil {
		ts.t.Fatal(err)
	}
	if cmd == "" {
		err = sess.Shell()
	} else {
		err = sess.Start(cmd)
	}
	if err != nil {
		ts.t.Fatal(err)
	}
	go func() { tm.exited <- sess.Wait() }()
	return tm
}

type notify chan struct{}

func (n notify) Write(p []byte) (int, error) {
	select {
	case n <- struct{}{}:
	default:
	}
	return len(p), nil
}

func (tm *terminal) send(keys ...string) {
	tm.t.Helper()
	for _, k := range keys {
		if _, err := tm.in.Write([]byte(k)); err != nil {
			tm.t.Fatal(err)
		}
	}
}

func (tm *terminal) waitFor(text string) {
	tm.t.Helper()
	tm.waitUntil(fmt.Sprintf("showed %q", text), func(screen string) bool { return strings.Contains(screen, text) })
}

func (tm *terminal) waitUntil(what string, cond func(screen string) bool) {
	tm.t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		if cond(tm.screen.Text()) {
			return
		}
		select {
		case <-tm.wrote:
		case <-time.After(50 * time.Millisecond):
		}
	}
	tm.t.Fatalf("the screen never %s; it shows:\n%s", what, tm.screen.Text())
}

// status waits for the session to end and returns its exit status.
func (tm *terminal) status() int {
	tm.t.Helper()
	select {
	case err := <-tm.exited:
		var exit *gossh.ExitError
		if errors.As(err, &exit) {
			return exit.ExitStatus()
		}
		if err != nil {
			tm.t.Fatalf("session: %v", err)
		}
		return 0
	case <-time.After(20 * time.Second):
		tm.t.Fatalf("the session did not end; screen:\n%s", tm.screen.Text())
	}
	return -1
}

// cut closes the TCP connection under the session, as a killed client or
// a lost network does: no exit, no close of the channel.
func (tm *terminal) cut() { tm.c.tcp.Close() }

// Keys as a terminal sends them.
const (
	keyEnter = "\r"
	keyTab   = "\t"
	keyEsc   = "\x1b"
	ctrlC    = "\x03"
	ctrlN    = "\x0e"
	ctrlS    = "\x13"
)

type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}

// eventually polls cond until it holds or a deadline passes.
func eventually(t testing.TB, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("never: %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}
