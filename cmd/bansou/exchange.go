package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"bansou/model"
)

// maxImportSize bounds what import reads: an export of 100,000 answers is
// about 100 MiB. (A variable so that tests can lower it.)
var maxImportSize = 1 << 30

func newImportCmd(o *globalOptions) *cobra.Command {
	var allowSharing bool
	cmd := &cobra.Command{
		Use:   "import FILE",
		Short: "Restore a JSON export into the database, without duplicates",
		Long: `Read a JSON file written by "bansou export --format json" (FILE, or - for
stdin) and restore it into the database, empty or not. Engagements, sessions
and ledger entries already there are recognised by their ids and not added
twice; one the same in the file as here is left as it is (unchanged); where
the database holds a newer version of an engagement, a step or a ledger
entry (a worry, a status, an action, an outcome, an agreement topic), it is
kept, and steps added here since stay. A database that is not there yet is
created, and bansou says so. The whole file is checked first: a malformed
file is refused with every problem listed by its place in the file
(engagements[0].sessions[2].steps[4].answer), and nothing is written; so is
a text longer than 1 MB. A line break in a name or a title (shown on one
line) becomes a space, and the import says where.

Some records are not written, and the rest of the file is; each is listed
and the exit status is 1: a session open in another running bansou (close it
there and import again), and an id that belongs to another learner's record
here (a session, an entry of the ledger, an engagement), which is not moved.
A date later than now is imported as now, and said. A record private here
(an answer, a note, a worry) that the file marks shared has its words
imported and stays private, and is listed; --allow-sharing lets the file
make it shared, and lists it as made shared by the file.`,
		Example: "  bansou import bansou-backup.json",
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			in := o.stdin
			if args[0] != "-" {
				f, err := os.Open(args[0])
				if err != nil {
					return err
				}
				defer f.Close()
				in = f
			}
			data, err := io.ReadAll(io.LimitReader(in, int64(maxImportSize)+1))
			if err != nil {
				return err
			}
			if len(data) > maxImportSize {
				return &exitError{code: exitFailure, msg: fmt.Sprintf("%s: larger than %d MiB; a bansou export is far smaller, so this is not one (nothing was imported)",
					args[0], maxImportSize>>20)}
			}
			doc, err := model.ParseExport(data)
			if err != nil {
				return &exitError{code: exitFailure, msg: args[0] + ": " + err.Error()}
			}
			// Import may start a database, as the interface does, and
			// says so.
			lang, _ := o.language()
			return withNewStore(o, func(ctx context.Context, store model.Store) error {
				stats, err := store.Import(ctx, doc, model.ImportOptions{AllowSharing: allowSharing})
				if err != nil {
					return fmt.Errorf("%s: nothing was imported: %w", args[0], err)
				}
				return reportImport(o, lang, args[0], stats, doc.Folded)
			})
		},
	}
	cmd.Flags().BoolVar(&allowSharing, "allow-sharing", false, "let the file make shared what is private here (answers, notes, worries)")
	return cmd
}

// withNewStore is withStore for a command that may start a database, as
// the interface does: a database not there yet is created, and the user is
// told.
func withNewStore(o *globalOptions, fn func(ctx context.Context, store model.Store) error) error {
	lang, _ := o.language()
	store, created, err := o.open(true)
	if err != nil {
		return err
	}
	if created {
		fmt.Fprintln(o.stderr, "bansou: "+createdNotice(lang, store.Path()))
	}
	return runWith(store, fn)
}

// importWords say what an import did.
var importWords = map[model.Lang]struct{ imported, refused string }{
	model.Ja: {"%s を取り込みました: %s", "%s: %d 件は取り込みませんでした（理由は上のとおり）。ほかはすべて取り込みました。"},
	model.En: {"imported %s: %s", "%s: %d record(s) were not imported (see above); everything else was."},
}

// reportImport prints what an import did: a summary and what it changed on
// the way on stdout, what it refused on stderr, each on a line of its own.
// Anything refused makes the exit status 1, so that a script does not take
// the file as restored whole. folded lists the single-line fields whose line
// breaks became spaces.
func reportImport(o *globalOptions, lang model.Lang, file string, stats model.ImportStats, folded []string) error {
	w := importWords[lang]
	fmt.Fprintln(o.stdout, model.TermSafe(fmt.Sprintf(w.imported, file, stats.Summary(lang))))
	if len(folded) > 0 {
		fmt.Fprintln(o.stdout, foldedNote(lang, folded))
	}
	for _, i := range stats.Issues {
		if i.Refused() {
			fmt.Fprintln(o.stderr, "bansou: "+i.Describe(lang))
		} else {
			fmt.Fprintln(o.stdout, "  "+i.Describe(lang))
		}
	}
	if n := stats.Refused(); n > 0 {
		return &exitError{code: exitFailure, msg: fmt.Sprintf(w.refused, file, n)}
	}
	return nil
}

// foldedWords say that an import folded line breaks in names and titles.
var foldedWords = map[model.Lang]struct{ note, more string }{
	model.Ja: {"名前や題名など1行で表す欄の改行を空白にしました（%d か所）: %s", "ほか %d か所"},
	model.En: {"line breaks in names and titles, which are shown on one line, became spaces (%d field(s)): %s", "and %d more"},
}

// foldedNote names the fields whose line breaks an import folded, the
// first few by their path in the file.
func foldedNote(lang model.Lang, paths []string) string {
	const most = 5
	w := foldedWords[lang]
	shown := strings.Join(paths[:min(len(paths), most)], ", ")
	if len(paths) > most {
		shown += ", " + fmt.Sprintf(w.more, len(paths)-most)
	}
	return fmt.Sprintf(w.note, len(paths), shown)
}

func newBackupCmd(o *globalOptions) *cobra.Command {
	return &cobra.Command{
		Use:   "backup PATH",
		Short: "Write a consistent copy of the database to a new file",
		Long: `Copy the whole database to PATH (a new file, mode 0600), consistently even
while bansou is running in another terminal. The copy is a database bansou
opens with --db PATH.`,
		Example: "  bansou backup ~/bansou-2026-11-21.db",
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return withStore(o, func(ctx context.Context, store model.Store) error {
				if err := store.Backup(ctx, args[0]); err != nil {
					return err
				}
				fmt.Fprintf(o.stdout, "wrote %s\n", model.TermSafe(args[0]))
				return nil
			})
		},
	}
}

func newSearchCmd(o *globalOptions) *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "search QUERY... [--format text|json]",
		Short: "Find answers, notes and ledger entries containing every term",
		Long: `Search every answer, note, worry, action, agreement topic and status or
outcome note for all the terms given (Japanese of any length, Latin letters,
digits; full-width and half-width forms and upper and lower case match each
other). Results come most recent session first, at most 200. Private texts are
found too and marked as private: the results are for the companion.`,
		Example: "  bansou search 公園\n  bansou search 評価 不安 --format json",
		Args:    cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if format != "text" && format != "json" {
				return &usageError{fmt.Errorf("unknown --format %q: use text or json", format)}
			}
			return withStore(o, func(ctx context.Context, store model.Store) error {
				hits, err := store.Search(ctx, strings.Join(args, " "))
				if err != nil {
					return err
				}
				if format == "json" {
					if hits == nil {
						hits = []model.SearchHit{}
					}
					enc := newJSONEncoder(o.stdout)
					return enc.Encode(hits)
				}
				// Text is for reading, so control sequences inside answers are
				// always shown as visible stand-ins; --format json keeps them.
				for _, h := range hits {
					fmt.Fprintln(o.stdout, searchLine(h))
				}
				if len(hits) == 0 {
					fmt.Fprintln(o.stderr, "no matches")
				}
				return nil
			})
		},
	}
	cmd.Flags().StringVar(&format, "format", "text", "text or json")
	cmd.RegisterFlagCompletionFunc("format", completeValues("text", "json"))
	return cmd
}

// searchLine is one hit as text: where it is, then the words around the
// match with the match in [brackets].
func searchLine(h model.SearchHit) string {
	snippet, matches := model.Snippet(h.Text, h.Matches, 60)
	r := []rune(snippet)
	var b strings.Builder
	last := 0
	for _, m := range matches {
		b.WriteString(string(r[last:m[0]]) + "[" + string(r[m[0]:m[1]]) + "]")
		last = m[1]
	}
	b.WriteString(string(r[last:]))
	private := ""
	if h.Private {
		private = " (private)"
	}
	fields := []string{h.Learner, h.SessionDate.Local().Format("2006-01-02") + " " + h.SessionTitle,
		h.StepTitle, string(h.Source) + private, b.String()}
	// One line per hit: newlines and tabs inside answers become spaces, so
	// each hit stays one tab-separated record.
	for i, f := range fields {
		fields[i] = model.TermSafeLine(f)
	}
	return strings.Join(fields, "\t")
}
