package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/term"

	"bansou/internal/cellwidth"
	"bansou/model"
	"bansou/model/sqlite"
	"bansou/plain"
	"bansou/tui"
)

// wrapModel lets a test build put a model around the App; it is the
// identity in bansou itself.
var wrapModel = func(m tea.Model) tea.Model { return m }

// runUI starts the interactive interface.
func runUI(o *globalOptions) error {
	if o.accessible || o.env("BANSOU_ACCESSIBLE") != "" && o.env("BANSOU_ACCESSIBLE") != "0" {
		return runPlain(o)
	}
	if o.env("TERM") == "dumb" {
		// A terminal that cannot move its cursor cannot draw the screen;
		// it is what many screen-reader setups (an Emacs shell, a braille
		// console) declare. The plain text works there: say so and use it.
		lang, _ := o.language()
		fmt.Fprintln(o.stdout, dumbTerminal[lang == model.En])
		return runPlain(o)
	}
	stdin, inOK := o.stdin.(*os.File)
	stdout, outOK := o.stdout.(*os.File)
	if !inOK || !outOK || !term.IsTerminal(stdin.Fd()) || !term.IsTerminal(stdout.Fd()) {
		return &exitError{code: exitUsage, msg: "the interactive interface needs a terminal on stdin and stdout; " +
			"use --accessible for plain text (answers may be piped), or for scripts `bansou export`, `bansou content` or `bansou version` (see bansou --help)"}
	}
	startGC(startGCFor)
	go cellwidth.Warm()
	app, store, err := newApp(o)
	if err != nil {
		return err
	}
	defer store.Close()

	// bansou handles signals itself so that a closed terminal (SIGHUP) or a
	// polite kill (SIGTERM, SIGINT) still saves what was typed.
	// A key's frame is drawn at once (third_party/bubbletea); other changes
	// wait for the renderer's clock, which runs only while a frame waits:
	// at 120 a second, its most, they wait at most 8 ms.
	p := tea.NewProgram(wrapModel(app), tea.WithInput(stdin), tea.WithOutput(stdout), tea.WithoutSignalHandler(), tea.WithFPS(120))
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, syscall.SIGHUP, syscall.SIGTERM, syscall.SIGINT)
	defer signal.Stop(sigs)
	go func() {
		for range sigs {
			p.Send(tui.ShutdownMsg{})
		}
	}()

	_, err = p.Run()
	switch {
	case errors.Is(err, tea.ErrProgramPanic):
		return &exitError{code: exitFailure, msg: fmt.Sprintf("stopped by an internal error. Everything up to the last autosave "+
			"is kept in %s; start bansou again to resume.", store.Path())}
	case errors.Is(err, tea.ErrInterrupted), errors.Is(err, tea.ErrProgramKilled):
		return nil
	case err != nil:
		return &exitError{code: exitFailure, msg: err.Error()}
	}
	return nil
}

// startGC lets the heap grow to five times what is live, rather than
// twice as Go's default has it, until the first frame, and gives the
// collector back its setting after d (at once, when GOGC already says as
// much or more, or turns it off). Before the first frame the heap is small
// and filling fast: three collections used to run in those 30 ms, on the
// two cores the store's reads, the content and the terminal's set-up
// share. With 10,000 sessions the first frame came 1–8 ms sooner, on an
// empty database 1–2 ms (docs/benchmarks.md); the heap peaks at about
// 9 MB. d is a few times what the first frame takes: given back a second
// later, the setting let what was typed in that second pile up, and its
// collection fell in the idle time after.
func startGC(d time.Duration) {
	prev := debug.SetGCPercent(startGCPercent)
	if prev < 0 || prev >= startGCPercent {
		debug.SetGCPercent(prev)
		return
	}
	time.AfterFunc(d, func() { debug.SetGCPercent(prev) })
}

const (
	startGCPercent = 400
	startGCFor     = 250 * time.Millisecond
)

// newApp does what comes before the first frame but for the terminal:
// it loads the content, opens the store and builds the interface on it.
// The caller closes the store.
func newApp(o *globalOptions) (tui.App, *sqlite.Store, error) {
	content, err := o.contentBesideStore()
	if err != nil {
		return tui.App{}, nil, err
	}
	theme, err := o.uiTheme()
	if err != nil {
		return tui.App{}, nil, err
	}
	store, created, openErr := o.open(true)
	var early *tui.Early
	if openErr == nil {
		// The home screen's first reads go on while the content is read.
		early = tui.ReadEarly(tui.Options{Store: store, Now: o.clockFunc()})
	}
	lang, lib, err := content()
	if err != nil {
		if openErr == nil {
			store.Close()
		}
		return tui.App{}, nil, err
	}
	if openErr != nil {
		return tui.App{}, nil, &exitError{code: exitFailure, msg: openErr.Error()}
	}
	opts := tui.Options{
		Store:   store,
		Library: lib,
		Lang:    lang,
		Theme:   theme,
		Now:     o.clockFunc(),
		Early:   early,
	}
	if created {
		opts.NewDatabase = store.Path()
	}
	app := tui.New(opts)
	return app, store, nil
}

// contentBesideStore starts loading the language and the content, and
// returns what gives them. The built-in content (a snapshot that a test
// checks) is decoded while the store opens, each about ten milliseconds of
// the start; content from a directory (--content) is loaded at once, so
// that a mistake in it is reported before the store opens and leaves the
// database as it was, or not made.
func (o *globalOptions) contentBesideStore() (func() (model.Lang, *model.Library, error), error) {
	if _, err := o.language(); err != nil {
		return nil, err
	}
	if o.content != "" {
		lang, lib, err := o.languageAndContent()
		return func() (model.Lang, *model.Library, error) { return lang, lib, nil }, err
	}
	type loaded struct {
		lang model.Lang
		lib  *model.Library
		err  error
	}
	done := make(chan loaded, 1)
	go func() {
		lang, lib, err := o.languageAndContent()
		done <- loaded{lang, lib, err}
	}()
	return func() (model.Lang, *model.Library, error) {
		l := <-done
		return l.lang, l.lib, l.err
	}, nil
}

// runPlain runs the accessible mode: plain sequential text on stdin and
// stdout, with or without a terminal.
func runPlain(o *globalOptions) error {
	lang, lib, err := o.languageAndContent()
	if err != nil {
		return err
	}
	store, created, err := o.open(true)
	if err != nil {
		return &exitError{code: exitFailure, msg: err.Error()}
	}
	defer store.Close()
	newDatabase := ""
	if created {
		newDatabase = store.Path()
	}
	// A terminal echoes what is typed; piped answers are echoed by bansou so
	// that the output reads as a transcript.
	echo := true
	if f, ok := o.stdin.(*os.File); ok && term.IsTerminal(f.Fd()) {
		echo = false
	}
	privateStdout(o) // a transcript holds the answers and notes
	// A signal (Ctrl-C, a closed terminal, a polite kill) ends the input:
	// the session is saved, its clock paused and it is kept for later.
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGHUP, syscall.SIGTERM, syscall.SIGINT)
	defer stop()
	// Answers piped in stop at the first line not understood: every line
	// after it would land on the wrong question. At a terminal, the line is
	// asked again.
	err = plain.Run(ctx, plain.Options{Store: store, Library: lib, Lang: lang,
		In: o.stdin, Out: o.stdout, Echo: echo, Now: o.clockFunc(), NewDatabase: newDatabase,
		StopAtInvalid: echo, ReportEnd: true})
	var ended *plain.Ended
	switch {
	case errors.As(err, &ended) && ended.Why == plain.Interrupted:
		return &exitError{code: exitInterrupted, msg: err.Error()}
	case err != nil:
		return &exitError{code: exitFailure, msg: err.Error()}
	}
	return nil
}

// dumbTerminal is said when TERM=dumb starts the accessible mode (English
// first when true).
var dumbTerminal = map[bool]string{
	false: "TERM=dumb の端末では画面を描けないので、読み上げ向けのテキストモード（--accessible）で始めます。",
	true:  "TERM=dumb: this terminal cannot draw the screen, so bansou starts in plain text mode (--accessible).",
}
