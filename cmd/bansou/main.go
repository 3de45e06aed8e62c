// Command bansou is a terminal companion for the people who accompany a
// learner through cross-boundary learning: guided conversations, answers in
// the learner's own words, saved to a local SQLite database as they are
// typed.
package main

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"

	// East Asian ambiguous-width characters take one cell whatever the
	// locale, for the commands as for the interface (see its package
	// comment; tui imports it too).
	_ "bansou/internal/cellwidth"
	"bansou/model"
)

// exitError carries a process exit status with its message.
type exitError struct {
	code int
	msg  string
}

func (e *exitError) Error() string { return e.msg }

// Exit statuses.
const (
	exitOK      = 0
	exitFailure = 1
	exitUsage   = 2
	// exitInterrupted: the accessible mode was interrupted (ctrl+c, a
	// closed terminal, a kill), what was typed saved: 128 + SIGINT, as a
	// shell reports it.
	exitInterrupted = 130
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// run executes the command line and returns the exit status.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	return runEnv(args, stdin, stdout, stderr, os.Getenv)
}

// runEnv is run with the environment given as a lookup function.
func runEnv(args []string, stdin io.Reader, stdout, stderr io.Writer, getenv func(string) string) int {
	root := newRootCmd(stdin, stdout, stderr, getenv)
	root.SetArgs(args)
	err := root.Execute()
	if err == nil {
		return exitOK
	}
	var ee *exitError
	if errors.As(err, &ee) {
		if ee.msg != "" {
			fmt.Fprintln(stderr, "bansou: "+model.TermSafe(ee.msg))
		}
		return ee.code
	}
	// A message may name a file, a value or a record as typed: control
	// sequences in it are shown as visible stand-ins.
	fmt.Fprintln(stderr, "bansou: "+model.TermSafe(err.Error()))
	var usage *usageError
	if errors.As(err, &usage) {
		return exitUsage
	}
	return exitFailure
}

type usageError struct{ err error }

func (u *usageError) Error() string { return u.err.Error() }

// newRootCmd builds the command tree.
func newRootCmd(stdin io.Reader, stdout, stderr io.Writer, getenv func(string) string) *cobra.Command {
	o := &globalOptions{stdin: stdin, stdout: stdout, stderr: stderr, getenv: getenv}
	root := &cobra.Command{
		Use:   "bansou",
		Short: "Guided conversations for companions of cross-boundary learners (越境学習の伴走)",
		Long: `bansou (伴走) guides a companion through the conversations of a cross-boundary
learning stint — purpose extraction before departure and more — following METI's
2025 guideline for companions. Answers are kept in the learner's own words and
saved to a local SQLite database as they are typed.

Run without a command to open the interactive interface. Data lives in
$XDG_DATA_HOME/bansou/bansou.db (~/.local/share/bansou/bansou.db); --db or
BANSOU_DB choose another file. Nothing is ever sent over the network.

越境学習の伴走者のための対話ガイドです。コマンドなしで起動すると画面が開きます。`,
		Args:          cobra.NoArgs,
		SilenceUsage:  true,
		SilenceErrors: true,
		PersistentPreRunE: func(cmd *cobra.Command, args []string) error {
			// A bad --lang or --theme is a usage error for every command.
			if _, err := o.language(); err != nil {
				return err
			}
			_, err := o.uiTheme()
			return err
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			return runUI(o)
		},
	}
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error { return &usageError{err} })
	f := root.PersistentFlags()
	f.StringVar(&o.db, "db", "", "database file (default $BANSOU_DB, else $XDG_DATA_HOME/bansou/bansou.db)")
	f.StringVar(&o.lang, "lang", "", "interface language: ja or en (default from LC_ALL / LC_MESSAGES / LANG)")
	f.StringVar(&o.content, "content", "", "use the flows in this directory instead of the built-in ones")
	f.StringVar(&o.theme, "theme", "", "colours: light, dark or auto (default $BANSOU_THEME, else auto: follow the terminal's background; NO_COLOR turns them off)")
	root.Flags().BoolVar(&o.accessible, "accessible", false, "plain sequential text for screen readers and piped input (also BANSOU_ACCESSIBLE=1, and TERM=dumb); "+
		"with answers piped in, it stops at the first line it cannot read with status 1; status 1 too if the input ends in the middle of something, 130 if interrupted")
	root.RegisterFlagCompletionFunc("lang", completeValues("ja	日本語", "en	English"))
	root.RegisterFlagCompletionFunc("theme", completeValues("auto	follow the terminal", "light", "dark"))
	root.MarkPersistentFlagDirname("content")
	root.AddCommand(newExportCmd(o), newImportCmd(o), newBackupCmd(o), newSearchCmd(o), newContentCmd(o), newSkillsCmd(o), newRatingSheetCmd(o), newImportRatingCmd(o), newRatingsCmd(o), newRoundsCmd(o), newDoctorCmd(o), newVersionCmd(o))
	return root
}
