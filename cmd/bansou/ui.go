package main

import (
	"errors"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/term"

	"bansou/tui"
)

// runUI starts the interactive interface.
func runUI(o *globalOptions) error {
	stdin, inOK := o.stdin.(*os.File)
	stdout, outOK := o.stdout.(*os.File)
	if !inOK || !outOK || !term.IsTerminal(stdin.Fd()) || !term.IsTerminal(stdout.Fd()) {
		return &exitError{code: exitUsage, msg: "the interactive interface needs a terminal on stdin and stdout; " +
			"for scripts use `bansou export`, `bansou content` or `bansou version` (see bansou --help)"}
	}
	lang, err := o.language()
	if err != nil {
		return err
	}
	lib, err := o.library()
	if err != nil {
		return &exitError{code: exitFailure, msg: contentErrorText(err)}
	}
	store, err := o.openStore()
	if err != nil {
		return &exitError{code: exitFailure, msg: err.Error()}
	}
	defer store.Close()

	app := tui.New(tui.Options{
		Store:   store,
		Library: lib,
		Lang:    lang,
		Theme:   tui.Theme{Dark: true, NoColor: o.env("NO_COLOR") != ""},
	})
	p := tea.NewProgram(app, tea.WithInput(stdin), tea.WithOutput(stdout))

	// A closed terminal (SIGHUP) saves what is typed before leaving.
	hup := make(chan os.Signal, 1)
	signal.Notify(hup, syscall.SIGHUP)
	defer signal.Stop(hup)
	go func() {
		if _, ok := <-hup; ok {
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
