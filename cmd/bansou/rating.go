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
)

// ratingWords say what the rating commands did, in the user's language.
var ratingWords = map[model.Lang]struct {
	wrote, send, tooLarge, notHere, otherFor, imported, replaced, emptySkills, emptyParts, noDate, badSkill, sep string
	parts                                                                                                        map[string]string
}{
	model.Ja: {
		wrote:       "%s を書きました",
		send:        "このシートを評価してくれる人に送ってください。書き込まれて戻ってきたら: bansou import-rating %s",
		tooLarge:    "%s: %d KiB を超えています。評価シートはずっと小さいので、これは評価シートではありません（何も取り込んでいません）",
		notHere:     "%s: このデータベースから書いたシートではありません（ほかの伴走者のシートか、別のデータベースで書いたものかもしれません）。何も取り込んでいません",
		otherFor:    "%s: このシートは「%s」さんあてに書いたものですが、「%s」さんあてに書き換えられています。何も取り込んでいません",
		imported:    "%s から、%s さん（%s）の評価を取り込みました（%s）: %d つのスキル",
		replaced:    "同じシートから前に取り込んだ評価を置き換えました。",
		emptySkills: "空欄のままのスキル（%d）: %s",
		emptyParts:  "空欄のままの項目: %s",
		noDate:      "日付がないので、今日の日付にしました。",
		badSkill:    "「%s」というスキルはありません（bansou skills で確かめてください）",
		sep:         "、",
		parts: map[string]string{"worked": "うまくいっていたこと", "improvement": "変えるとよい点",
			"alternative": "代わりにどうするか", "reason": "理由"},
	},
	model.En: {
		wrote:       "wrote %s",
		send:        "Send this sheet to the person who will rate you. When it comes back filled in: bansou import-rating %s",
		tooLarge:    "%s: larger than %d KiB; a rating sheet is far smaller, so this is not one (nothing was imported)",
		notHere:     "%s: this sheet was not written from this database (it may be another companion's, or written from another database); nothing was imported",
		otherFor:    "%s: this sheet was written for %q but now names %q; nothing was imported",
		imported:    "imported from %s the rating by %s (%s), %s: %d skill(s)",
		replaced:    "It replaces the rating imported before from the same sheet.",
		emptySkills: "skills left empty (%d): %s",
		emptyParts:  "parts left empty: %s",
		noDate:      "the sheet has no date: it is dated today.",
		badSkill:    "unknown skill %q: see bansou skills",
		sep:         ", ",
		parts: map[string]string{"worked": "what worked", "improvement": "one thing to change",
			"alternative": "what to do instead", "reason": "why"},
	},
}

func newRatingSheetCmd(o *globalOptions) *cobra.Command {
	var forName, output string
	var skills []string
	cmd := &cobra.Command{
		Use:   "rating-sheet [--for NAME] [--skills ID,...] [--out FILE]",
		Short: "Write a sheet for a mentor, boss or peer to rate your skills offline",
		Long: `Write a small plain-text sheet for someone who sees your support from
outside (a mentor, a boss, a peer) to rate you on the skill map, to stdout or
to a new file with --out FILE (mode 0600; an existing file is never
overwritten). Send it to them; they fill it in with any text editor, no
bansou needed, and send it back for "bansou import-rating FILE".

The sheet opens with guidance for the rater: feedback for growth, not an
appraisal; what worked first, an action tied to its result; one thing to
change, with what to do instead and why; no reply asked of you. Then, per
skill, its name, definition and five levels, with "level:" and "evidence:"
to fill in; then what worked and the improvement. --lang chooses its
language; --for NAME names you on it; --skills limits it to some skills
(ids as in "bansou skills"; every skill by default).

The database keeps each sheet's id, so that only a sheet written here is
imported. Nothing is sent over the network.`,
		Example: "  bansou rating-sheet --for 佐藤 --out 佐藤-評価シート.txt",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			lang, err := o.language()
			if err != nil {
				return err
			}
			lib, err := o.library()
			if err != nil {
				return &exitError{code: exitFailure, msg: contentErrorText(err)}
			}
			for _, id := range skills {
				if _, ok := lib.Skills.Skill(id); !ok {
					return &usageError{fmt.Errorf(ratingWords[lang].badSkill, id)}
				}
			}
			forName = strings.TrimSpace(model.SingleLine(forName))
			if n := len([]rune(forName)); n > model.MaxPeerName {
				return &usageError{fmt.Errorf("--for: %d characters, more than %d", n, model.MaxPeerName)}
			}
			sh := model.RatingSheet{UID: model.NewID(), For: forName, Lang: lang, Skills: skills, WrittenAt: o.now()}
			return withNewStore(o, func(ctx context.Context, store model.Store) error {
				if err := store.SaveRatingSheet(ctx, sh); err != nil {
					return err
				}
				w, done, err := exportTarget(o, output)
				if err != nil {
					return err
				}
				_, err = fmt.Fprint(w, model.TermSafe(model.WriteRatingSheet(lib.Skills, sh)))
				if err = done(err); err != nil || output == "" {
					return err
				}
				fmt.Fprintln(o.stderr, model.TermSafe(fmt.Sprintf(ratingWords[lang].send, output)))
				return nil
			})
		},
	}
	cmd.Flags().StringVar(&forName, "for", "", "your name, as the rater knows you")
	cmd.Flags().StringSliceVar(&skills, "skills", nil, "only these skills (ids, comma-separated)")
	cmd.Flags().StringVarP(&output, "out", "o", "", "write to this new file (mode 0600) instead of stdout")
	return cmd
}

func newImportRatingCmd(o *globalOptions) *cobra.Command {
	return &cobra.Command{
		Use:   "import-rating FILE",
		Short: "Import a rating sheet filled in by a mentor, boss or peer",
		Long: `Read a sheet written by "bansou rating-sheet" and filled in by the rater, and
keep the rating beside your self-reviews: the skill page, the history and the
self-review document show it beside your own level, with the gap. It is
yours: on a bansou server no one else reads it.

A sheet only partly filled in is imported with what is filled, and the
skills and parts left empty are listed. A problem in the sheet (a level
that is not 1 to 5, an unknown skill, a line that belongs to no field) is
named by file and line, and nothing is imported; so is a file that is not
a rating sheet (a binary file, one larger than 256 KiB), and a sheet not
written from this database or rewritten for someone else. Importing the
same sheet again replaces the rating it gave before.`,
		Example: "  bansou import-rating 佐藤-評価シート.txt",
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			lang, err := o.language()
			if err != nil {
				return err
			}
			w := ratingWords[lang]
			file := args[0]
			f, err := os.Open(file)
			if err != nil {
				return err
			}
			data, err := io.ReadAll(io.LimitReader(f, model.MaxRatingSheet+1))
			f.Close()
			if err != nil {
				return err
			}
			if len(data) > model.MaxRatingSheet {
				return &exitError{code: exitFailure, msg: fmt.Sprintf(w.tooLarge, file, model.MaxRatingSheet>>10)}
			}
			lib, err := o.library()
			if err != nil {
				return &exitError{code: exitFailure, msg: contentErrorText(err)}
			}
			got, err := model.ParseRatingSheet(file, data, lib.Skills, lang, o.now())
			var sheetErrs model.SheetErrors
			if errors.As(err, &sheetErrs) {
				return &exitError{code: exitFailure, msg: strings.Join(sheetErrs, "\n")}
			}
			if err != nil {
				return err
			}
			return withStore(o, func(ctx context.Context, store model.Store) error {
				return importRating(ctx, o, store, lang, lib.Skills, file, got)
			})
		},
	}
}

// importRating keeps a parsed sheet's rating, once the sheet is known to
// be one written here for the same person, and says what was imported and
// what was left empty.
func importRating(ctx context.Context, o *globalOptions, store model.Store, lang model.Lang, m *model.SkillMap, file string, got model.SheetImport) error {
	w := ratingWords[lang]
	r := got.Rating
	sh, err := store.RatingSheet(ctx, r.UID)
	if errors.Is(err, model.ErrNotFound) {
		return &exitError{code: exitFailure, msg: fmt.Sprintf(w.notHere, file)}
	}
	if err != nil {
		return err
	}
	if r.For != sh.For {
		return &exitError{code: exitFailure, msg: fmt.Sprintf(w.otherFor, file, sh.For, r.For)}
	}
	if sh.Lang == model.Ja || sh.Lang == model.En {
		r.Lang = sh.Lang // the language the rater read and wrote in
	}
	before, err := store.PeerRatings(ctx)
	if err != nil {
		return err
	}
	if _, err := store.SavePeerRating(ctx, r); err != nil {
		return fmt.Errorf("%s: nothing was imported: %w", file, err)
	}
	out := []string{fmt.Sprintf(w.imported, file, r.Rater, r.Relation.Name(lang), r.At.Format(time.DateOnly), len(r.Skills))}
	for _, b := range before {
		if b.UID == r.UID {
			out = append(out, "  "+w.replaced)
		}
	}
	if len(got.EmptySkills) > 0 {
		var names []string
		for _, id := range got.EmptySkills {
			sk, _ := m.Skill(id)
			names = append(names, sk.Name.In(lang))
		}
		out = append(out, "  "+fmt.Sprintf(w.emptySkills, len(names), strings.Join(names, w.sep)))
	}
	if len(got.EmptyParts) > 0 {
		var names []string
		for _, p := range got.EmptyParts {
			names = append(names, w.parts[p])
		}
		out = append(out, "  "+fmt.Sprintf(w.emptyParts, strings.Join(names, w.sep)))
	}
	if got.DateMissing {
		out = append(out, "  "+w.noDate)
	}
	_, err = fmt.Fprintln(o.stdout, model.TermSafe(strings.Join(out, "\n")))
	return err
}

// ratingsWords say what "bansou ratings" lists and removes.
var ratingsWords = map[model.Lang]struct{ none, header, removed, notFound string }{
	model.Ja: {
		none:     "ほかの人の評価はまだありません。bansou rating-sheet でシートを書いて送ります。",
		header:   "番号\t日付\t評価した人\t関係\tスキル",
		removed:  "%s さん（%s、%s）の評価を消しました。",
		notFound: "番号 %q の評価はありません（bansou ratings で番号を確かめてください）。何も消していません",
	},
	model.En: {
		none:     "No one has rated you yet; bansou rating-sheet writes a sheet to send.",
		header:   "ID\tDATE\tRATER\tRELATION\tSKILLS",
		removed:  "Removed the rating by %s (%s, %s).",
		notFound: "there is no rating %q (see bansou ratings for the ids); nothing was removed",
	},
}

func newRatingsCmd(o *globalOptions) *cobra.Command {
	var remove string
	cmd := &cobra.Command{
		Use:   "ratings [--delete ID]",
		Short: "List the ratings others gave you, or remove one",
		Long: `List the ratings a mentor, a boss or a peer gave you (imported with
"bansou import-rating", or sent on a bansou server), oldest first: an id,
the date, who rated you, their relation and how many skills they rated.
--delete ID removes one, for a sheet imported by mistake; the skill page
and the documents no longer show it. Only you read or remove your ratings.`,
		Example: "  bansou ratings\n  bansou ratings --delete 1f3a…",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			lang, err := o.language()
			if err != nil {
				return err
			}
			w := ratingsWords[lang]
			out := cmd.OutOrStdout()
			return withStore(o, func(ctx context.Context, store model.Store) error {
				rs, err := store.PeerRatings(ctx)
				if err != nil {
					return err
				}
				shown := model.TermSafeLine
				if remove = strings.TrimSpace(remove); remove != "" {
					for _, r := range rs {
						if r.UID != remove {
							continue
						}
						if err := store.DeletePeerRating(ctx, r.UID); err != nil {
							return err
						}
						_, err := fmt.Fprintln(out, fmt.Sprintf(w.removed, shown(r.Rater), r.Relation.Name(lang), r.At.Format(time.DateOnly)))
						return err
					}
					return &exitError{code: exitFailure, msg: fmt.Sprintf(w.notFound, shown(remove))}
				}
				if len(rs) == 0 {
					_, err := fmt.Fprintln(out, w.none)
					return err
				}
				rows := [][]string{strings.Split(w.header, "\t")}
				for _, r := range rs {
					rows = append(rows, []string{r.UID, r.At.Format(time.DateOnly), shown(r.Rater),
						r.Relation.Name(lang), fmt.Sprint(len(r.Skills))})
				}
				return writeColumns(out, rows)
			})
		},
	}
	cmd.Flags().StringVar(&remove, "delete", "", "remove the rating with this id")
	return cmd
}
