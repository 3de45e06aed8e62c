// Package serve is bansou-serve: the bansou interface served over SSH to
// the people of a programme. Each person connects with their own key; a
// key is enrolled once with a one-time code from an admin. Every
// connection gets its own store from the Backend, holding its own leases,
// so that one person in two windows is offered the take-over dialog as in
// two terminals.
package serve

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"os"
	"sync"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/ssh"
	"charm.land/wish/v2"
	bm "charm.land/wish/v2/bubbletea"

	"bansou/content"
	"bansou/model"
)

// Backend is what the server needs of its database.
type Backend interface {
	model.Accounts
	// Guests lets people with no account into one room with its code.
	model.Guests
	// For returns a store for one connection of a person: scoped to what
	// that person may read, holding leases of its own. The caller closes it.
	For(a model.Account) (model.Store, error)
}

// Config is how a server runs.
type Config struct {
	// Listen is the address to listen on, such as localhost:23234.
	Listen string
	// HostKey is the path of the host key, made on the first start.
	HostKey string
	// AdminKey, if set, is made an admin's key at start (an account named
	// AdminName is made for it if it is enrolled to no one).
	AdminKey, AdminName string
	// Library is the content; nil means the built-in set.
	Library *model.Library
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// Location is the time zone of dates shown; nil means time.Local.
	Location *time.Location
	// Log receives one line per connection and per problem; nil means
	// standard error.
	Log io.Writer
	// CodeTTL is how long a new enrolment code is valid; zero means 72 h.
	CodeTTL time.Duration
	// SaveDelay is passed to the interface (zero: its default).
	SaveDelay time.Duration
}

// Limits on wrong enrolment codes.
const (
	triesPerConnection = 3
	failsPerAddress    = 10
	failWindow         = 15 * time.Minute
)

// Server is a running bansou-serve.
type Server struct {
	cfg     Config
	backend Backend
	lib     *model.Library
	srv     *ssh.Server
	limit   *limiter
	log     *log.Logger
	tea     ssh.Handler // the wish Bubble Tea middleware around nothing

	mu       sync.Mutex
	stopping bool
	running  map[*conn]struct{}
	sessions sync.WaitGroup
}

// New prepares a server: the host key (made if missing), the admin key,
// the content. It listens on nothing until Serve.
func New(cfg Config, backend Backend) (*Server, error) {
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Location == nil {
		cfg.Location = time.Local
	}
	if cfg.Log == nil {
		cfg.Log = os.Stderr
	}
	if cfg.CodeTTL <= 0 {
		cfg.CodeTTL = 72 * time.Hour
	}
	if cfg.AdminName == "" {
		cfg.AdminName = "admin"
	}
	lib := cfg.Library
	if lib == nil {
		var err error
		if lib, err = content.Library(); err != nil {
			return nil, err
		}
	}
	s := &Server{cfg: cfg, backend: backend, lib: lib,
		limit:   newLimiter(cfg.Now, failsPerAddress, failWindow),
		log:     log.New(cfg.Log, "bansou-serve: ", log.LstdFlags),
		running: map[*conn]struct{}{}}
	if cfg.AdminKey != "" {
		key, err := ParseAdminKey(cfg.AdminKey)
		if err != nil {
			return nil, err
		}
		if _, err := backend.EnsureAdmin(context.Background(), cfg.AdminName, key); err != nil {
			return nil, fmt.Errorf("admin key: %w", err)
		}
	}
	signer, err := hostKey(cfg.HostKey)
	if err != nil {
		return nil, err
	}
	s.tea = bm.MiddlewareWithProgramHandler(s.program)(func(ssh.Session) {})
	s.srv, err = wish.NewServer(
		wish.WithAddress(cfg.Listen),
		func(srv *ssh.Server) error { srv.AddHostKey(signer); return nil },
		wish.WithPublicKeyAuth(s.publicKey),
		wish.WithMiddleware(s.handle),
	)
	if err != nil {
		return nil, err
	}
	return s, nil
}

// ListenAndServe listens on the configured address and serves until
// Shutdown.
func (s *Server) ListenAndServe() error {
	ln, err := net.Listen("tcp", s.cfg.Listen)
	if err != nil {
		return err
	}
	return s.Serve(ln)
}

// Serve serves connections from ln until Shutdown; it then returns nil.
func (s *Server) Serve(ln net.Listener) error {
	s.log.Printf("listening on %s", ln.Addr())
	err := s.srv.Serve(ln)
	if errors.Is(err, ssh.ErrServerClosed) {
		return nil
	}
	return err
}

// Shutdown stops accepting connections, asks every connection to save and
// leave (the interface's own shutdown, the accessible mode's end of input),
// waits for them until ctx is done, then closes what is left.
func (s *Server) Shutdown(ctx context.Context) error {
	s.mu.Lock()
	s.stopping = true
	conns := make([]*conn, 0, len(s.running))
	for c := range s.running {
		conns = append(conns, c)
	}
	s.mu.Unlock()
	for _, c := range conns {
		c.stop()
	}
	done := make(chan struct{})
	go func() {
		s.sessions.Wait()
		close(done)
	}()
	stopped, cancel := context.WithCancel(ctx)
	defer cancel()
	go func() {
		select {
		case <-done:
			cancel()
		case <-stopped.Done():
		}
	}()
	s.srv.Shutdown(stopped) // stops listening; returns when every connection is done or stopped is
	var err error
	select {
	case <-done:
	default:
		err = ctx.Err()
	}
	s.srv.Close()
	return err
}

// begin counts a session in, unless the server is stopping.
func (s *Server) begin(c *conn) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.stopping {
		return false
	}
	s.running[c] = struct{}{}
	s.sessions.Add(1)
	return true
}

func (s *Server) end(c *conn) {
	s.mu.Lock()
	delete(s.running, c)
	s.mu.Unlock()
	s.sessions.Done()
}

// authKey is where the public-key handler leaves what it found: the key
// and, if it is enrolled, its person.
type authKey struct{}

type auth struct {
	key     string
	account *model.Account
}

// publicKey accepts every key (a key not enrolled may enrol with a code)
// and records whether it is enrolled.
func (s *Server) publicKey(ctx ssh.Context, k ssh.PublicKey) bool {
	a := auth{key: KeyString(k)}
	acct, err := s.backend.AccountByKey(ctx, a.key)
	switch {
	case err == nil:
		a.account = &acct
	case !errors.Is(err, model.ErrNotFound):
		s.log.Printf("looking up a key: %v", err)
		return false
	}
	ctx.SetValue(authKey{}, a)
	return true
}

// handle is every session: its person (enrolling the key if need be),
// then what the command asks for.
func (s *Server) handle(ssh.Handler) ssh.Handler {
	return func(sess ssh.Session) {
		c := newConn(s, sess)
		if !s.begin(c) {
			fmt.Fprint(sess.Stderr(), msgStopping)
			sess.Exit(1)
			return
		}
		defer s.end(c)
		code := c.run()
		sess.Exit(code)
	}
}

// program builds the interface for a connection (called by the wish
// middleware, which runs it).
func (s *Server) program(sess ssh.Session) *tea.Program {
	c, _ := sess.Context().Value(connKey{}).(*conn)
	if c == nil {
		return nil
	}
	return c.program()
}
