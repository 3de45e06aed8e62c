package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"bansou/model"
	"bansou/model/report"
	"bansou/model/sqlite"
)

type exportOptions struct {
	id             int64
	all            bool
	format         string
	audience       string
	includePrivate bool
	agreement      bool
	list           bool
	output         string
	selfReview     string
	round          string
}

func newExportCmd(o *globalOptions) *cobra.Command {
	var x exportOptions
	cmd := &cobra.Command{
		Use:   "export (--engagement ID | --all) [--format md|json|csv]",
		Short: "Print one engagement, or everything, as Markdown, JSON or CSV",
		Long: `Print one engagement (--engagement ID) or every engagement (--all) to stdout,
or to a new file with --output FILE (mode 0600; an existing file is never
overwritten). Output redirected to a file by the shell is made 0600 too.

  --format md    a readable document (the default)
  --format csv   one row per answer, for a spreadsheet
  --format json  everything, private records included, for backup and for
                 bansou import
  --audience learner|sending|host
                 write the Markdown for one party; the document says so
  --include-private
                 include private answers, notes and worries in Markdown or
                 CSV (they are left out otherwise)
  --agreement    the three-party agreement as it stands, as a Markdown
                 document for the learner, the sending organisation and the host
  --self-review latest|ID
                 one of your skill self-reviews as a Markdown document for a
                 mentor or a peer (ids are shown by "bansou skills --history")
  --round latest|ID
                 the summary of a peer round as a Markdown document to share
                 with its participants (ids are shown by "bansou rounds")

Engagement ids are shown by "bansou export --list".`,
		Example: "  bansou export --engagement 1 > yamada.md\n" +
			"  bansou export --engagement 1 --audience learner -o for-yamada.md\n" +
			"  bansou export --all --format json -o bansou-backup.json\n" +
			"  bansou export --all --format csv > answers.csv\n" +
			"  bansou export --engagement 1 --agreement > agreement.md\n" +
			"  bansou export --self-review latest -o my-review.md\n" +
			"  bansou export --round latest -o round.md",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if x.list {
				return listEngagements(o)
			}
			if x.round != "" {
				if err := x.checkDocument(cmd, "round", "one peer round"); err != nil {
					return &usageError{err}
				}
				return withReader(o, func(ctx context.Context, store model.Store) error {
					return writeRound(ctx, o, store, x)
				})
			}
			if x.selfReview != "" {
				if err := x.checkDocument(cmd, "self-review", "one self-review"); err != nil {
					return &usageError{err}
				}
				return withReader(o, func(ctx context.Context, store model.Store) error {
					return writeSelfReview(ctx, o, store, x)
				})
			}
			if err := x.check(cmd); err != nil {
				return &usageError{err}
			}
			return withReader(o, func(ctx context.Context, store model.Store) error {
				return writeExport(ctx, o, store, x)
			})
		},
	}
	f := cmd.Flags()
	f.Int64Var(&x.id, "engagement", 0, "the engagement's id")
	f.BoolVar(&x.all, "all", false, "every engagement, archived ones too")
	f.StringVar(&x.format, "format", "md", "md, json or csv")
	f.StringVar(&x.audience, "audience", "", "write the Markdown for learner, sending or host")
	f.BoolVar(&x.includePrivate, "include-private", false, "include private answers, notes and worries")
	f.BoolVar(&x.agreement, "agreement", false, "print the three-party agreement as a Markdown document")
	f.BoolVar(&x.list, "list", false, "list engagements with their ids")
	f.StringVarP(&x.output, "output", "o", "", "write to this new file (mode 0600) instead of stdout")
	f.StringVar(&x.selfReview, "self-review", "", "a skill self-review as Markdown: latest, or its id")
	f.StringVar(&x.round, "round", "", "a peer round's summary as Markdown: latest, or its id")
	cmd.RegisterFlagCompletionFunc("format", completeValues("md\ta readable document", "json\teverything, for backup and import", "csv\tone row per answer"))
	cmd.RegisterFlagCompletionFunc("audience", completeValues("learner\tthe learner", "sending\tthe sending organisation", "host\tthe host organisation"))
	cmd.RegisterFlagCompletionFunc("self-review", completeValues("latest"))
	cmd.RegisterFlagCompletionFunc("round", completeValues("latest"))
	return cmd
}

func (x *exportOptions) check(cmd *cobra.Command) error {
	switch {
	case x.id == 0 && !x.all:
		return errors.New("export needs --engagement ID or --all (see bansou export --list)")
	case x.id != 0 && x.all:
		return errors.New("give either --engagement ID or --all, not both")
	case x.format != "md" && x.format != "json" && x.format != "csv":
		return fmt.Errorf("unknown --format %q: use md, json or csv", x.format)
	case x.audience != "" && x.audience != "learner" && x.audience != "sending" && x.audience != "host":
		return fmt.Errorf("unknown --audience %q: use learner, sending or host", x.audience)
	case x.audience != "" && x.format != "md":
		return errors.New("--audience is for Markdown documents (--format md)")
	case x.agreement && cmd.Flags().Changed("format"):
		return errors.New("--agreement prints a Markdown document; leave out --format")
	case x.agreement && x.all:
		return errors.New("--agreement is for one engagement (--engagement ID)")
	case x.agreement && x.audience != "":
		return errors.New("--agreement is one document for all three parties; leave out --audience")
	}
	return nil
}

// withStore opens the database for one command and closes it afterwards.
// The database must be there: a command never creates one.
func withStore(o *globalOptions, fn func(ctx context.Context, store model.Store) error) error {
	store, err := o.openExisting()
	if err != nil {
		return err
	}
	return runWith(store, fn)
}

// withReader is withStore for a command that only reads: a database that
// cannot be written (a copy on a read-only share, a file marked read-only)
// is read as it is, without a change to it, and the user is told.
func withReader(o *globalOptions, fn func(ctx context.Context, store model.Store) error) error {
	store, err := o.openExisting()
	if errors.Is(err, model.ErrReadOnly) {
		path, _ := o.dbPath()
		ro, rerr := sqlite.OpenReadOnly(path, sqlite.Options{Now: o.clockFunc()})
		if rerr != nil {
			return err
		}
		lang, _ := o.language()
		fmt.Fprintln(o.stderr, "bansou: "+openWords[lang].readingOnly)
		store, err = ro, nil
	}
	if err != nil {
		return err
	}
	return runWith(store, fn)
}

func runWith(store *sqlite.Store, fn func(ctx context.Context, store model.Store) error) error {
	defer store.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	return fn(ctx, store)
}

// collect reads engagements with all their sessions and ledger.
func collect(ctx context.Context, store model.Store, ids []int64) ([]model.EngagementExport, error) {
	var out []model.EngagementExport
	for _, id := range ids {
		eng, err := store.Engagement(ctx, id)
		if errors.Is(err, model.ErrNotFound) {
			return nil, fmt.Errorf("no engagement with id %d (see bansou export --list)", id)
		}
		if err != nil {
			return nil, err
		}
		sums, err := store.Sessions(ctx, id)
		if err != nil {
			return nil, err
		}
		x := model.EngagementExport{Engagement: eng}
		for _, s := range sums {
			full, err := store.Session(ctx, s.ID)
			if err != nil {
				return nil, err
			}
			x.Sessions = append(x.Sessions, full)
		}
		if x.Ledger, err = store.Ledger(ctx, id); err != nil {
			return nil, err
		}
		out = append(out, x)
	}
	return out, nil
}

func writeExport(ctx context.Context, o *globalOptions, store model.Store, x exportOptions) error {
	ids := []int64{x.id}
	if x.all {
		list, err := store.Engagements(ctx, true)
		if err != nil {
			return err
		}
		ids = ids[:0]
		for _, e := range list {
			ids = append(ids, e.ID)
		}
	}
	engs, err := collect(ctx, store, ids)
	if err != nil {
		return err
	}
	var solo soloRecords
	if x.all && x.format == "json" {
		if solo.reviews, err = store.SoloSessions(ctx, model.SelfReviewFlowID); err != nil {
			return err
		}
		if solo.rounds, err = store.Rounds(ctx); err != nil {
			return err
		}
		if solo.ratings, err = store.PeerRatings(ctx); err != nil {
			return err
		}
	}
	// Before anything is written: whom the export is for and what it holds.
	lang, err := o.language()
	if err != nil {
		return err
	}
	sum := report.SummarizeExport(engs, report.Options{IncludePrivate: x.includePrivate, Audience: model.Party(x.audience)},
		x.agreement, x.format == "json")
	fmt.Fprintln(o.stderr, "bansou: "+sum.Line(lang))
	w, done, err := exportTarget(o, x.output)
	if err != nil {
		return err
	}
	err = writeFormat(w, o, x, engs, solo)
	return done(err)
}

// privateStdout makes stdout 0600 when the shell redirected it to a file:
// what bansou prints there may hold private records.
func privateStdout(o *globalOptions) {
	if f, ok := o.stdout.(*os.File); ok {
		if info, err := f.Stat(); err == nil && info.Mode().IsRegular() {
			_ = f.Chmod(0o600) // best effort: the file may belong to someone else
		}
	}
}

// exportTarget is where an export goes: a new file made 0600 (never an
// existing one), or stdout, which is made 0600 too when the shell
// redirected it to a file. done closes the file, and removes it if the
// export failed.
func exportTarget(o *globalOptions, path string) (w io.Writer, done func(error) error, err error) {
	if path == "" {
		privateStdout(o)
		return o.stdout, func(err error) error { return err }, nil
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, os.ErrExist) {
		return nil, nil, &exitError{code: exitFailure, msg: path + " already exists; choose another name (an export never overwrites a file)"}
	}
	if err != nil {
		return nil, nil, err
	}
	return f, func(err error) error {
		if err == nil {
			err = f.Sync()
		}
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			os.Remove(path)
			return err
		}
		fmt.Fprintf(o.stderr, "wrote %s\n", model.TermSafe(path))
		return nil
	}, nil
}

// soloRecords are what belongs to no engagement: self-reviews and peer
// rounds, in a JSON export of everything.
type soloRecords struct {
	reviews []model.Session
	rounds  []model.RoundEntry
	ratings []model.PeerRating
}

func writeFormat(w io.Writer, o *globalOptions, x exportOptions, engs []model.EngagementExport, solo soloRecords) error {
	if x.format == "json" {
		enc := newJSONEncoder(w)
		doc := model.NewExport(o.now(), engs...)
		doc.SelfReviews, doc.Rounds, doc.PeerRatings = solo.reviews, solo.rounds, solo.ratings
		return enc.Encode(doc)
	}
	lang, lib, err := o.languageAndContent()
	if err != nil {
		return err
	}
	opt := report.Options{Lang: lang, IncludePrivate: x.includePrivate, Location: time.Local,
		Audience: model.Party(x.audience), Library: lib}
	// The writers make what they write safe (model.TermSafe), wherever
	// it goes: a terminal, a pipe or a file.
	if x.format == "csv" {
		return report.WriteCSV(w, engs, opt)
	}
	var docs []string
	for _, e := range engs {
		opt.Ledger = e.Ledger
		if x.agreement {
			docs = append(docs, report.AgreementMarkdown(e.Engagement, e.Ledger, opt))
		} else {
			docs = append(docs, report.EngagementMarkdown(e.Engagement, e.Sessions, opt))
		}
	}
	_, err = fmt.Fprint(w, strings.Join(docs, "\n---\n\n"))
	return err
}

func listEngagements(o *globalOptions) error {
	return withReader(o, func(ctx context.Context, store model.Store) error {
		list, err := store.Engagements(ctx, true)
		if err != nil {
			return err
		}
		// One line per engagement, whatever the names hold: each is made
		// safe on one line (a newline or a tab typed or imported into a
		// name cannot start a row or a column of its own).
		line := model.TermSafeLine
		for _, e := range list {
			row := fmt.Sprintf("%d\t%s\t%s → %s\t%s – %s", e.ID, line(e.Learner.Name), line(e.SendingOrg), line(e.HostOrg), e.Start, e.End)
			if e.Archived {
				row += "\t(archived)"
			}
			fmt.Fprintln(o.stdout, row)
		}
		return nil
	})
}
