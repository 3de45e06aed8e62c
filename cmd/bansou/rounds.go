package main

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"bansou/internal/cellwidth"
	"bansou/model"
	"bansou/model/report"
)

// roundListing is one round as `bansou rounds --format json` prints it.
type roundListing struct {
	ID           int64               `json:"id"`
	Started      time.Time           `json:"started"`
	Format       string              `json:"format"`
	Status       model.Status        `json:"status"`
	Presenter    string              `json:"presenter"`
	Participants []model.Participant `json:"participants"`
	NextActions  int                 `json:"next_actions"`
}

func newRoundsCmd(o *globalOptions) *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "rounds [--format text|json]",
		Short: "List the peer rounds with their ids, presenters and participants",
		Long: `List every peer round, oldest first: its id (for "bansou export --round ID"),
date, format, status, presenter and participants. Rounds are run from the
rounds page (r on the home screen).`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if format != "text" && format != "json" {
				return &usageError{fmt.Errorf("unknown --format %q: use text or json", format)}
			}
			return withReader(o, func(ctx context.Context, store model.Store) error {
				rounds, err := store.Rounds(ctx)
				if err != nil {
					return err
				}
				out := cmd.OutOrStdout()
				var list []roundListing
				for _, r := range rounds {
					list = append(list, roundListing{ID: r.Session.ID, Started: r.Session.StartedAt, Format: r.Round.Format,
						Status: r.Session.Status, Presenter: r.Round.Presenter, Participants: r.Round.Participants,
						NextActions: len(r.Round.NextActions(r.Session))})
				}
				if format == "json" {
					enc := newJSONEncoder(out)
					return enc.Encode(struct {
						Rounds []roundListing `json:"rounds"`
					}{list})
				}
				if len(list) == 0 {
					_, err := fmt.Fprintln(out, "no peer rounds yet; start one from the rounds page (r on the home screen)")
					return err
				}
				// Names are shown as typed, on one line, with control
				// sequences as visible stand-ins.
				shown := model.TermSafeLine
				rows := [][]string{{"ID", "DATE", "FORMAT", "STATUS", "PRESENTER", "PARTICIPANTS"}}
				for _, r := range list {
					var names []string
					for _, p := range r.Participants {
						names = append(names, shown(p.Name))
					}
					rows = append(rows, []string{strconv.FormatInt(r.ID, 10), r.Started.In(time.Local).Format("2006-01-02 15:04"),
						shown(r.Format), string(r.Status), shown(r.Presenter), strings.Join(names, ", ")})
				}
				return writeColumns(out, rows)
			})
		},
	}
	cmd.Flags().StringVar(&format, "format", "text", "text or json")
	cmd.RegisterFlagCompletionFunc("format", completeValues("text", "json"))
	return cmd
}

// writeColumns writes rows as columns two spaces apart, each cell padded to
// its column's width in terminal cells (a Japanese character takes two),
// so that every column starts at the same cell on every row. The last
// column is not padded.
func writeColumns(w io.Writer, rows [][]string) error {
	var widths []int
	for _, row := range rows {
		for i, cell := range row {
			if i >= len(widths) {
				widths = append(widths, 0)
			}
			widths[i] = max(widths[i], cellwidth.Width(cell))
		}
	}
	var b strings.Builder
	for _, row := range rows {
		for i, cell := range row {
			b.WriteString(cell)
			if i < len(row)-1 {
				b.WriteString(strings.Repeat(" ", widths[i]-cellwidth.Width(cell)+2))
			}
		}
		b.WriteString("\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// pick finds which of n items an argument names: "latest" (the last), or
// an id. It returns -1 with a message when there is none.
func pick(arg string, n int, idOf func(i int) int64, flag, what, listCmd, none string) (int, error) {
	if arg == "latest" {
		if n == 0 {
			return -1, &exitError{code: exitFailure, msg: none}
		}
		return n - 1, nil
	}
	id, err := strconv.ParseInt(arg, 10, 64)
	if err != nil {
		return -1, &usageError{fmt.Errorf("--%s takes latest or a %s's id, not %q", flag, what, arg)}
	}
	for i := range n {
		if idOf(i) == id {
			return i, nil
		}
	}
	return -1, &exitError{code: exitFailure, msg: fmt.Sprintf("no %s with id %d (see %s)", what, id, listCmd)}
}

// writeRound prints one peer round (the latest, or by id) as its Markdown
// summary.
func writeRound(ctx context.Context, o *globalOptions, store model.Store, x exportOptions) error {
	rounds, err := store.Rounds(ctx)
	if err != nil {
		return err
	}
	slices.SortStableFunc(rounds, model.CompareRounds) // "latest" is the last
	at, err := pick(x.round, len(rounds), func(i int) int64 { return rounds[i].Session.ID }, "round", "round",
		"bansou rounds", "there are no peer rounds yet; start one from the rounds page (r on the home screen)")
	if err != nil {
		return err
	}
	lang, lib, err := o.sessionLanguageAndContent(rounds[at].Session.Lang)
	if err != nil {
		return err
	}
	md := report.RoundMarkdown(rounds[at].Session, rounds[at].Round, lib.Rounds,
		report.Options{Lang: lang, IncludePrivate: x.includePrivate, Location: time.Local})
	return writeDocument(o, x.output, md)
}

// writeDocument writes a Markdown document to a new file or stdout. The
// document is safe as written (package report's writers make it so), wherever
// it goes.
func writeDocument(o *globalOptions, output, md string) error {
	w, done, err := exportTarget(o, output)
	if err != nil {
		return err
	}
	_, err = fmt.Fprint(w, md)
	return done(err)
}
