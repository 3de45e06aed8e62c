package main

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"bansou/model"
	"bansou/model/report"
)

// skillListing is one skill as `bansou skills --format json` prints it.
type skillListing struct {
	ID         string           `json:"id"`
	Phase      model.SkillGroup `json:"phase"`
	Name       model.Text       `json:"name"`
	Definition model.Text       `json:"definition"`
	Levels     []levelListing   `json:"levels"`
	Methods    []model.Method   `json:"methods"`
	// ByType is what the skill asks of each kind of companion.
	ByType map[model.CompanionType]model.TypeFocus `json:"by_type,omitempty"`
	Refs   string                                  `json:"refs,omitempty"`
}

type levelListing struct {
	Level       int        `json:"level"`
	Name        model.Text `json:"name"`
	Description model.Text `json:"description"`
}

func newSkillsCmd(o *globalOptions) *cobra.Command {
	var format string
	var history bool
	cmd := &cobra.Command{
		Use:   "skills [--format text|json]",
		Short: "Print the companion skill map: 20 skills, their five levels and how to develop them",
		Long: `Print the skill map the self-review uses (built-in, or from --content DIR):
each skill's id, phase (before, during, after or across), name, definition,
its five levels from 5 (very high) to 1 (very low), its development
methods and what it asks of each kind of companion (sending, host, third
party), in Japanese and English.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			lib, err := o.library()
			if err != nil {
				return &exitError{code: exitFailure, msg: contentErrorText(err)}
			}
			m := lib.Skills
			if history {
				return withReader(o, func(ctx context.Context, store model.Store) error {
					return writeHistory(ctx, o, store, m)
				})
			}
			switch format {
			case "json":
				out := struct {
					Skills  []skillListing      `json:"skills"`
					Balance []model.BalanceItem `json:"balance"`
				}{Balance: m.Balance}
				for _, s := range m.Skills {
					sl := skillListing{ID: s.ID, Phase: s.Group, Name: s.Name, Definition: s.Definition, Methods: s.Methods, ByType: s.ByType, Refs: s.Refs}
					for lv := model.Levels; lv >= 1; lv-- {
						sl.Levels = append(sl.Levels, levelListing{lv,
							model.Text{Ja: model.LevelName(lv, model.Ja), En: model.LevelName(lv, model.En)}, s.Level(lv)})
					}
					out.Skills = append(out.Skills, sl)
				}
				enc := newJSONEncoder(o.stdout)
				return enc.Encode(out)
			case "text":
				lang, err := o.language()
				if err != nil {
					return err
				}
				var b strings.Builder
				for _, s := range m.Skills {
					fmt.Fprintf(&b, "%s\t%s\t%s\n  %s\n", s.ID, s.Group, s.Name.In(lang), s.Definition.In(lang))
					for lv := model.Levels; lv >= 1; lv-- {
						fmt.Fprintf(&b, "  %d %s: %s\n", lv, model.LevelName(lv, lang), s.Level(lv).In(lang))
					}
					for _, me := range s.Methods {
						fmt.Fprintf(&b, "  %s %s: %s\n", methodMark[lang], me.Title.In(lang), me.Text.In(lang))
					}
					for _, t := range model.CompanionTypes {
						if f, ok := s.ByType[t]; ok {
							fmt.Fprintf(&b, "  %s: %s %s\n", model.CompanionTypeLabel(t, lang), f.Focus.In(lang), f.Caution.In(lang))
						}
					}
				}
				_, err = fmt.Fprint(o.stdout, model.TermSafe(b.String()))
				return err
			}
			return &usageError{fmt.Errorf("unknown --format %q: use text or json", format)}
		},
	}
	cmd.Flags().StringVar(&format, "format", "text", "text or json")
	cmd.Flags().BoolVar(&history, "history", false, "print your self-reviews: ids, dates and the levels given, skill by skill")
	cmd.RegisterFlagCompletionFunc("format", completeValues("text", "json"))
	return cmd
}

// methodMark introduces a development method in the text listing.
var methodMark = map[model.Lang]string{model.Ja: "育て方", model.En: "method"}

// writeHistory prints every self-review with its id, then the levels of
// each skill across them (- where a review did not rate it).
func writeHistory(ctx context.Context, o *globalOptions, store model.Store, m *model.SkillMap) error {
	lang, err := o.language()
	if err != nil {
		return err
	}
	reviews, err := store.SoloSessions(ctx, model.SelfReviewFlowID)
	if err != nil {
		return err
	}
	if len(reviews) == 0 {
		_, err := fmt.Fprintln(o.stdout, "no self-reviews yet")
		return err
	}
	h := model.HistoryOf(reviews)
	var b strings.Builder
	for _, s := range h {
		fmt.Fprintf(&b, "%d\t%s\t%s\t%d rated\n", s.SessionID, s.At.In(time.Local).Format("2006-01-02"), s.Status, len(s.Ratings))
	}
	b.WriteString("\n")
	for _, sk := range m.Skills {
		var cells []string
		for _, s := range h {
			cell := "-"
			if r, ok := s.Ratings[sk.ID]; ok {
				cell = strconv.Itoa(r.Level)
			}
			cells = append(cells, cell)
		}
		fmt.Fprintf(&b, "%s\t%s\t%s\n", sk.ID, sk.Name.In(lang), strings.Join(cells, " "))
	}
	_, err = fmt.Fprint(o.stdout, model.TermSafe(b.String()))
	return err
}

// checkDocument refuses the flags that do not apply to a one-document
// export (--self-review, --round).
func (x *exportOptions) checkDocument(cmd *cobra.Command, flag, what string) error {
	for _, name := range []string{"engagement", "all", "audience", "agreement", "format", "self-review", "round"} {
		if name != flag && cmd.Flags().Changed(name) {
			return fmt.Errorf("--%s prints %s as Markdown; leave out --%s", flag, what, name)
		}
	}
	return nil
}

// writeSelfReview prints one self-review (the latest, or by id) as a
// Markdown document, with how each skill moved since the review before.
func writeSelfReview(ctx context.Context, o *globalOptions, store model.Store, x exportOptions) error {
	reviews, err := store.SoloSessions(ctx, model.SelfReviewFlowID)
	if err != nil {
		return err
	}
	at, err := pick(x.selfReview, len(reviews), func(i int) int64 { return reviews[i].ID }, "self-review", "self-review",
		"bansou skills --history", "there are no self-reviews yet; start one from the skill page (s on the home screen)")
	if err != nil {
		return err
	}
	lang, lib, err := o.sessionLanguageAndContent(reviews[at].Lang)
	if err != nil {
		return err
	}
	opt := report.Options{Lang: lang, IncludePrivate: x.includePrivate, Location: time.Local, Library: lib}
	if x.includePrivate { // the learner's voice is private to the companion
		if opt.Feedback, err = store.Feedback(ctx); err != nil {
			return err
		}
		ratings, err := store.PeerRatings(ctx) // the companion's, as is the voice
		if err != nil {
			return err
		}
		opt.PeerRatings = model.PeerRatingsBefore(ratings, reviews, reviews[at])
	}
	md := report.SelfReviewMarkdown(reviews[at], reviews[:at], lib.Skills, opt)
	return writeDocument(o, x.output, md)
}
