package serve

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	tea "charm.land/bubbletea/v2"
	"charm.land/ssh"
	bm "charm.land/wish/v2/bubbletea"

	"bansou/model"
	"bansou/plain"
	"bansou/tui"
)

// connKey is where a session's conn is kept in its context, for the
// Bubble Tea middleware.
type connKey struct{}

// conn is one SSH session: who it is, and what runs in it.
type conn struct {
	s       *Server
	sess    ssh.Session
	ip      string
	key     string
	account *model.Account
	pty     bool
	lines   *lineReader    // what is typed, line by line (a terminal only)
	store   model.Store    // the person's store while the interface runs
	acc     model.Accounts // the person's store while a people or code command runs
	// A room run as the whole program (join.go): its session, whether as
	// the room view, and for a guest the room's language.
	roomID    int64
	projector bool
	roomLang  model.Lang
	// accessible: a guest asked for the plain-text room.
	accessible bool
	joinCode   string // a join code typed at the enrolment prompt

	mu        sync.Mutex
	stopped   bool               // the server is stopping
	prog      *tea.Program       // the interface, once it is made
	cancel    context.CancelFunc // ends the accessible mode's input
	prompting bool               // waiting for an enrolment code
}

func newConn(s *Server, sess ssh.Session) *conn {
	c := &conn{s: s, sess: sess}
	c.ip = sess.RemoteAddr().String()
	if host, _, err := net.SplitHostPort(c.ip); err == nil {
		c.ip = host
	}
	_, _, c.pty = sess.Pty()
	a, _ := sess.Context().Value(authKey{}).(auth)
	if k := sess.PublicKey(); k != nil {
		c.key = KeyString(k)
	}
	if c.key == a.key {
		c.account = a.account
	} else if acct, err := s.backend.AccountByKey(sess.Context(), c.key); err == nil {
		// a client may offer several keys: the one that signed is the one
		c.account = &acct
	}
	return c
}

// lang is the person's language: Japanese unless they chose English.
func (c *conn) lang() model.Lang {
	if c.account == nil && c.roomLang != "" {
		return c.roomLang
	}
	if c.account != nil && c.account.Lang == model.En {
		return model.En
	}
	return model.Ja
}

func (c *conn) words() words { return wordsFor(c.lang()) }

// say writes to the session's output, with the server's port filled in.
func (c *conn) say(msg string) { io.WriteString(c.sess, c.fill(msg)) }

// complain writes to the session's error output.
func (c *conn) complain(msg string) { io.WriteString(c.sess.Stderr(), c.fill(msg)) }

func (c *conn) fill(msg string) string {
	if _, port, err := net.SplitHostPort(c.sess.LocalAddr().String()); err == nil {
		msg = strings.ReplaceAll(msg, "-p PORT", "-p "+port)
	}
	return msg
}

func (c *conn) lineReader() *lineReader {
	if c.lines == nil {
		c.lines = newLineReader(c.sess, c.sess)
	}
	return c.lines
}

// run serves the session and returns its exit status.
func (c *conn) run() int {
	args := c.sess.Command()
	if c.account == nil && (len(args) == 2 || len(args) == 3 && args[2] == "accessible") && args[0] == "join" {
		if !c.s.limit.allowed(c.ip) {
			c.complain(msgTooManyTries)
			return 1
		}
		c.accessible = len(args) == 3
		return c.guest(args[1])
	}
	if c.account == nil && (len(args) == 0 || len(args) == 1 && (args[0] == "join" || args[0] == "room")) {
		if store, id, err := c.s.backend.GuestByKey(c.sess.Context(), c.key); err == nil {
			return c.comeBack(store, id, args)
		}
	}
	if c.account == nil {
		if ok, status := c.enrol(args); !ok {
			return status
		}
	}
	c.s.log.Printf("%s connected from %s (%s)", model.TermSafeLine(c.account.Name), c.ip, strings.Join(args, " "))
	switch {
	case c.account.Role == model.RoleOffice && (len(args) == 0 || slices.Equal(args, []string{"accessible"})):
		return c.overview() // the office reads counts and dates, no screen of conversations
	case len(args) == 1 && args[0] == "overview":
		return c.overview()
	case len(args) > 0 && args[0] == "members":
		return c.members(args[1:])
	case len(args) > 0 && args[0] == "code":
		return c.ownCode(args[1:])
	case len(args) > 0 && (args[0] == "join" || args[0] == "room"):
		return c.join(args)
	case len(args) > 0 && args[0] == "export" && c.account.Role != model.RoleOffice:
		return c.export(args[1:])
	case len(args) == 0 && c.account.Accessible:
		return c.plain()
	case len(args) == 0:
		if !c.pty {
			c.complain(msgNoTerminal)
			return 1
		}
		return c.app()
	case args[0] == "accessible" && len(args) == 1:
		return c.plain()
	case args[0] == "enrol":
		c.say(fmt.Sprintf(c.words().alreadyEnrolled, model.TermSafeLine(c.account.Name)))
		return 0
	case args[0] == "people":
		if !c.account.Admin {
			c.complain(c.words().notAllowed)
			return 1
		}
		return c.people(args[1:])
	}
	c.complain(fmt.Sprintf(c.words().unknownCommand, model.TermSafeLine(strings.Join(args, " "))))
	return 1
}

// enrol handles a key that is not enrolled. With `enrol CODE` it spends
// the code and ends; in a terminal asking for the interface it asks for a
// code (three tries) and goes on (ok) once the key is enrolled. Anything
// else is refused.
func (c *conn) enrol(args []string) (ok bool, status int) {
	if !c.s.limit.allowed(c.ip) {
		c.complain(msgTooManyTries)
		return false, 1
	}
	switch {
	case len(args) == 2 && args[0] == "enrol":
		if !c.spend(args[1]) {
			return false, 1
		}
		return false, 0
	case len(args) == 1 && args[0] == "enrol" && c.pty:
		if !c.ask() {
			return false, 1
		}
		return false, 0
	case c.pty && (len(args) == 0 || slices.Equal(args, []string{"accessible"})):
		if !c.ask() {
			return false, 1
		}
		if c.joinCode != "" {
			return false, c.guest(c.joinCode)
		}
		return true, 0
	}
	c.complain(msgNotEnrolled)
	return false, 1
}

// ask asks for an enrolment code until one works, up to three times.
func (c *conn) ask() bool {
	c.mu.Lock()
	c.prompting = true
	stopped := c.stopped
	c.mu.Unlock()
	defer func() {
		c.mu.Lock()
		c.prompting = false
		c.mu.Unlock()
	}()
	for tries := 0; tries < triesPerConnection && !stopped; {
		if !c.s.limit.allowed(c.ip) {
			c.complain(msgTooManyTries)
			return false
		}
		c.say(msgCodePromptAny)
		line, err := c.lineReader().ReadLine()
		if err != nil {
			return false
		}
		if strings.TrimSpace(line) == "" {
			continue
		}
		if _, err := c.s.backend.RoomKind(c.sess.Context(), line); err == nil {
			c.joinCode = strings.TrimSpace(line) // a room's code: the person joins as a guest
			return true
		}
		if c.spend(line) {
			return true
		}
		tries++
		c.mu.Lock()
		stopped = c.stopped
		c.mu.Unlock()
	}
	if !stopped {
		c.complain(msgTriesUsed)
	}
	return false
}

// spend enrols the connection's key with a code, and says how it went.
func (c *conn) spend(code string) bool {
	acct, err := c.s.backend.Enrol(c.sess.Context(), strings.TrimSpace(code), c.key)
	switch {
	case errors.Is(err, model.ErrCodeInvalid):
		c.s.limit.fail(c.ip)
		c.s.log.Printf("a wrong enrolment code from %s", c.ip)
		c.complain(msgCodeWrong)
		return false
	case errors.Is(err, model.ErrKeyTaken):
		c.complain(msgKeyTaken)
		return false
	case err != nil:
		c.s.log.Printf("enrolling a key from %s: %v", c.ip, err)
		c.complain(msgServerError)
		return false
	}
	c.account = &acct
	c.s.log.Printf("%s enrolled a key from %s", model.TermSafeLine(acct.Name), c.ip)
	c.say(fmt.Sprintf(c.words().welcome, model.TermSafeLine(acct.Name)))
	return true
}

// openStore is the person's store for this connection.
func (c *conn) openStore() (model.Store, bool) {
	store, err := c.s.backend.For(*c.account)
	if err != nil {
		c.s.log.Printf("opening the store of %s: %v", model.TermSafeLine(c.account.Name), err)
		c.complain(msgServerError)
		return nil, false
	}
	return store, true
}

// openAccounts is the person's store for a command that works on people
// or members (kept in c.acc as well, its accounts side): the store's rules
// for that person say what the command may do. The caller closes it.
func (c *conn) openAccounts() (model.Store, bool) {
	store, ok := c.openStore()
	if !ok {
		return nil, false
	}
	if c.acc, ok = store.(model.Accounts); !ok {
		store.Close()
		c.complain(msgServerError)
		return nil, false
	}
	return store, true
}

// app runs the interface until it ends; the wish middleware runs the
// program that program makes.
func (c *conn) app() int {
	store, ok := c.openStore()
	if !ok {
		return 1
	}
	defer store.Close()
	c.store = store
	c.sess.Context().SetValue(connKey{}, c)
	c.s.tea(c.sess)
	return 0
}

// program is the interface for this connection. When the client goes
// away, wish quits the program; the first quit after that is turned into
// the interface's own shutdown, which saves what was typed and then quits.
func (c *conn) program() *tea.Program {
	theme := tui.Theme{Dark: true, NoColor: slices.ContainsFunc(c.sess.Environ(), func(v string) bool {
		return strings.HasPrefix(v, "NO_COLOR=")
	})}
	app := tui.New(tui.Options{Store: c.store, Library: c.s.lib, Lang: c.lang(), Theme: theme,
		Now: c.s.cfg.Now, Location: c.s.cfg.Location, SaveDelay: c.s.cfg.SaveDelay, Watch: true,
		Room: c.roomID, Projector: c.projector, JoinCommand: c.joinCommand(),
		JoinAllowed: func() bool { return c.s.limit.allowed(c.ip) }, JoinFailed: func() { c.s.limit.fail(c.ip) }})
	var shut atomic.Bool
	filter := func(_ tea.Model, msg tea.Msg) tea.Msg {
		switch msg.(type) {
		case tea.QuitMsg:
			if c.sess.Context().Err() != nil && shut.CompareAndSwap(false, true) {
				return tui.ShutdownMsg{ClientGone: true}
			}
		case tea.SuspendMsg:
			return tea.ResumeMsg{} // there is no shell to suspend to
		}
		return msg
	}
	// 120 frames a second (Bubble Tea's most): a key typed waits for the
	// next frame, and over SSH that wait adds to the network's.
	opts := append(bm.MakeOptions(c.sess), tea.WithoutSignalHandler(), tea.WithFPS(120), tea.WithFilter(filter))
	p := tea.NewProgram(app, opts...)
	c.mu.Lock()
	c.prog = p
	stopped := c.stopped
	c.mu.Unlock()
	if stopped {
		go p.Send(tui.ShutdownMsg{})
	}
	return p
}

// plain runs the accessible mode on the session until its input ends, the
// client goes away or the server stops; each saves what was typed.
func (c *conn) plain() int {
	store, ok := c.openStore()
	if !ok {
		return 1
	}
	defer store.Close()
	return c.plainOn(store, 0)
}

// plainOn runs the accessible mode on a store: the home menu, or with
// room set, that room alone.
func (c *conn) plainOn(store model.Store, room int64) int {
	ctx, cancel := context.WithCancel(c.sess.Context())
	defer cancel()
	c.mu.Lock()
	c.cancel = cancel
	if c.stopped {
		cancel()
	}
	c.mu.Unlock()
	var in io.Reader = c.sess
	if c.pty {
		in = c.lineReader()
	}
	err := plain.Run(ctx, plain.Options{Store: store, Library: c.s.lib, Lang: c.lang(),
		In: in, Out: c.sess, Now: c.s.cfg.Now, Location: c.s.cfg.Location, Room: room})
	if err != nil {
		c.complain(model.TermSafe(err.Error()) + "\n")
		return 1
	}
	return 0
}

// stop asks what runs in the session to save and end: the server is
// stopping.
func (c *conn) stop() {
	c.mu.Lock()
	c.stopped = true
	p, cancel, prompting := c.prog, c.cancel, c.prompting
	c.mu.Unlock()
	switch {
	case p != nil:
		go p.Send(tui.ShutdownMsg{})
	case cancel != nil:
		cancel()
	case prompting:
		c.sess.Close()
	}
}
