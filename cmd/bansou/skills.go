package main

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"bansou/model"
)

// skillListing is one skill as `bansou skills --format json` prints it.
type skillListing struct {
	ID         string           `json:"id"`
	Phase      model.SkillGroup `json:"phase"`
	Name       model.Text       `json:"name"`
	Definition model.Text       `json:"definition"`
	Levels     []levelListing   `json:"levels"`
	Methods    []model.Method   `json:"methods"`
	Refs       string           `json:"refs,omitempty"`
}

type levelListing struct {
	Level       int        `json:"level"`
	Name        model.Text `json:"name"`
	Description model.Text `json:"description"`
}

func newSkillsCmd(o *globalOptions) *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "skills [--format text|json]",
		Short: "Print the companion skill map: 20 skills, their five levels and how to develop them",
		Long: `Print the skill map the self-review uses (built-in, or from --content DIR):
each skill's id, phase (before, during, after or across), name, definition,
its five levels from 5 (very high) to 1 (very low) and its development
methods, in Japanese and English.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			lib, err := o.library()
			if err != nil {
				return &exitError{code: exitFailure, msg: contentErrorText(err)}
			}
			m := lib.Skills
			switch format {
			case "json":
				out := struct {
					Skills  []skillListing      `json:"skills"`
					Balance []model.BalanceItem `json:"balance"`
				}{Balance: m.Balance}
				for _, s := range m.Skills {
					sl := skillListing{ID: s.ID, Phase: s.Group, Name: s.Name, Definition: s.Definition, Methods: s.Methods, Refs: s.Refs}
					for lv := model.Levels; lv >= 1; lv-- {
						sl.Levels = append(sl.Levels, levelListing{lv,
							model.Text{Ja: model.LevelName(lv, model.Ja), En: model.LevelName(lv, model.En)}, s.Level(lv)})
					}
					out.Skills = append(out.Skills, sl)
				}
				enc := json.NewEncoder(o.stdout)
				enc.SetEscapeHTML(false)
				enc.SetIndent("", "  ")
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
				}
				_, err = fmt.Fprint(o.stdout, model.TermSafe(b.String()))
				return err
			}
			return &usageError{fmt.Errorf("unknown --format %q: use text or json", format)}
		},
	}
	cmd.Flags().StringVar(&format, "format", "text", "text or json")
	return cmd
}
