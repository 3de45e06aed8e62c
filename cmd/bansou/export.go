package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"

	"bansou/model"
)

func newExportCmd(o *globalOptions) *cobra.Command {
	var (
		id             int64
		format         string
		includePrivate bool
		agreement      bool
	)
	cmd := &cobra.Command{
		Use:   "export --engagement ID [--format md|json]",
		Short: "Print an engagement with its sessions as Markdown or JSON",
		Long: `Print an engagement with all its sessions to stdout.

  --format md    a readable document; the companion's private notes are left
                 out unless --include-private is given
  --format json  everything, private notes included, for backup or scripts
  --agreement    the three-party agreement as it stands, as a Markdown document
                 for the learner, the sending organisation and the host

Engagement ids are shown by "bansou export --list".`,
		Example: "  bansou export --engagement 1 --format md > yamada.md\n  bansou export --engagement 1 --format json\n" +
			"  bansou export --engagement 1 --agreement > agreement.md",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			list, _ := cmd.Flags().GetBool("list")
			if list {
				return listEngagements(o)
			}
			if id == 0 {
				return &usageError{errors.New("export needs --engagement ID (see bansou export --list)")}
			}
			if format != "md" && format != "json" {
				return &usageError{fmt.Errorf("unknown --format %q: use md or json", format)}
			}
			if agreement {
				if cmd.Flags().Changed("format") {
					return &usageError{errors.New("--agreement prints a Markdown document; leave out --format")}
				}
				format = "agreement"
			}
			return exportEngagement(o, id, format, includePrivate)
		},
	}
	cmd.Flags().Int64Var(&id, "engagement", 0, "the engagement's id")
	cmd.Flags().StringVar(&format, "format", "md", "md or json")
	cmd.Flags().BoolVar(&includePrivate, "include-private", false, "include the companion's private notes in Markdown")
	cmd.Flags().Bool("list", false, "list engagements with their ids")
	cmd.Flags().BoolVar(&agreement, "agreement", false, "print the three-party agreement as a Markdown document")
	return cmd
}

// withStore opens the database for one command and closes it afterwards.
func withStore(o *globalOptions, fn func(ctx context.Context, store model.Store) error) error {
	store, err := o.openStore()
	if err != nil {
		return err
	}
	defer store.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	return fn(ctx, store)
}

func exportEngagement(o *globalOptions, id int64, format string, includePrivate bool) error {
	return withStore(o, func(ctx context.Context, store model.Store) error {
		return writeEngagement(ctx, o, store, id, format, includePrivate)
	})
}

func writeEngagement(ctx context.Context, o *globalOptions, store model.Store, id int64, format string, includePrivate bool) error {
	eng, err := store.Engagement(ctx, id)
	if errors.Is(err, model.ErrNotFound) {
		return fmt.Errorf("no engagement with id %d (see bansou export --list)", id)
	}
	if err != nil {
		return err
	}
	sums, err := store.Sessions(ctx, id)
	if err != nil {
		return err
	}
	sessions := make([]model.Session, 0, len(sums))
	for _, s := range sums {
		full, err := store.Session(ctx, s.ID)
		if err != nil {
			return err
		}
		sessions = append(sessions, full)
	}
	ledger, err := store.Ledger(ctx, id)
	if err != nil {
		return err
	}
	if format == "json" {
		enc := json.NewEncoder(o.stdout)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		return enc.Encode(model.NewExport(time.Now(), model.EngagementExport{Engagement: eng, Sessions: sessions, Ledger: ledger}))
	}
	lang, err := o.language()
	if err != nil {
		return err
	}
	lib, err := o.library()
	if err != nil {
		return &exitError{code: exitFailure, msg: contentErrorText(err)}
	}
	opt := model.MarkdownOptions{Lang: lang, IncludePrivate: includePrivate, Location: time.Local, Ledger: ledger, Library: lib}
	md := model.EngagementMarkdown(eng, sessions, opt)
	if format == "agreement" {
		md = model.AgreementMarkdown(eng, ledger, opt)
	}
	if isTerminal(o.stdout) {
		md = model.TermSafe(md)
	}
	_, err = fmt.Fprint(o.stdout, md)
	return err
}

func listEngagements(o *globalOptions) error {
	return withStore(o, func(ctx context.Context, store model.Store) error {
		return writeEngagementList(ctx, o, store)
	})
}

func writeEngagementList(ctx context.Context, o *globalOptions, store model.Store) error {
	list, err := store.Engagements(ctx, true)
	if err != nil {
		return err
	}
	safe := isTerminal(o.stdout)
	for _, e := range list {
		line := fmt.Sprintf("%d\t%s\t%s → %s\t%s – %s", e.ID, e.Learner.Name, e.SendingOrg, e.HostOrg, e.Start, e.End)
		if e.Archived {
			line += "\t(archived)"
		}
		if safe {
			line = model.TermSafe(line)
		}
		fmt.Fprintln(o.stdout, line)
	}
	return nil
}

// isTerminal reports whether w is a terminal, where control characters in
// user text must not be written raw.
func isTerminal(w any) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(f.Fd())
}
