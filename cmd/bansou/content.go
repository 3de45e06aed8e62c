package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"bansou/content"
	"bansou/model"
)

func newContentCmd(o *globalOptions) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "content",
		Short: "Check, list and copy the flows of prompts",
		Long: `Flows are YAML files, one per flow, in a "flows" folder; the format is
described in content/README.md (also written by "bansou content copy").`,
	}
	cmd.AddCommand(newContentCheckCmd(o), newContentListCmd(o), newContentCopyCmd(o))
	return cmd
}

func newContentCheckCmd(o *globalOptions) *cobra.Command {
	return &cobra.Command{
		Use:               "check DIR",
		Short:             "Validate a content directory and report every problem with file and line",
		Example:           "  bansou content check ./my-content",
		Args:              cobra.ExactArgs(1),
		ValidArgsFunction: completeDir,
		RunE: func(cmd *cobra.Command, args []string) error {
			lib, err := content.LoadDir(args[0])
			if err != nil {
				return &exitError{code: exitFailure, msg: contentErrorText(err)}
			}
			fmt.Fprintf(o.stdout, "ok: %d flow(s), %d prompt(s)\n", len(lib.Flows), lib.PromptCount())
			return nil
		},
	}
}

type flowListing struct {
	ID      string      `json:"id"`
	Phase   model.Phase `json:"phase"`
	Mode    model.Mode  `json:"mode"`
	Title   model.Text  `json:"title"`
	Prompts int         `json:"prompts"`
}

func newContentListCmd(o *globalOptions) *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "list [--format text|json]",
		Short: "List the flows (built-in, or from --content DIR)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			lib, err := o.library()
			if err != nil {
				return &exitError{code: exitFailure, msg: contentErrorText(err)}
			}
			list := make([]flowListing, 0, len(lib.Flows))
			for _, f := range lib.Flows {
				list = append(list, flowListing{f.ID, f.Phase, f.Mode, f.Title, len(f.Prompts)})
			}
			switch format {
			case "json":
				enc := newJSONEncoder(o.stdout)
				return enc.Encode(list)
			case "text":
				// Titles come from files anyone may write: control
				// sequences are shown as visible stand-ins, never acted on.
				for _, f := range list {
					fmt.Fprintf(o.stdout, "%s\t%s\t%s / %s\t%d prompts\n", f.ID, f.Phase,
						safeLine(f.Title.Ja), safeLine(f.Title.En), f.Prompts)
				}
				return nil
			}
			return &usageError{fmt.Errorf("unknown --format %q: use text or json", format)}
		},
	}
	cmd.Flags().StringVar(&format, "format", "text", "text or json")
	cmd.RegisterFlagCompletionFunc("format", completeValues("text", "json"))
	return cmd
}

func newContentCopyCmd(o *globalOptions) *cobra.Command {
	return &cobra.Command{
		Use:   "copy DIR",
		Short: "Write the built-in flows and the format guide to DIR, to adapt them",
		Long: `Write the built-in content (flows/*.yaml and README.md) into DIR so that a
facilitator can change it and run bansou with --content DIR. Existing files
are never overwritten. Like everything bansou writes, the copy is private
(folders 0700, files 0600): adapted content may hold an organisation's own
questions and cases; share it on purpose.`,
		Args:              cobra.ExactArgs(1),
		ValidArgsFunction: completeDir,
		RunE: func(cmd *cobra.Command, args []string) error {
			n, err := copyContent(content.FS(), args[0])
			if err != nil {
				return err
			}
			dir := model.TermSafe(args[0])
			fmt.Fprintf(o.stdout, "wrote %d file(s) to %s; check them with: bansou content check %s\n", n, dir, dir)
			return nil
		},
	}
}

func copyContent(src fs.FS, dir string) (int, error) {
	n := 0
	err := fs.WalkDir(src, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		target := filepath.Join(dir, filepath.FromSlash(p))
		if d.IsDir() {
			return os.MkdirAll(target, 0o700)
		}
		data, err := fs.ReadFile(src, p)
		if err != nil {
			return err
		}
		f, err := os.OpenFile(target, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
		if errors.Is(err, fs.ErrExist) {
			return fmt.Errorf("%s already exists; bansou does not overwrite content files", target)
		}
		if err != nil {
			return err
		}
		if _, err := f.Write(data); err != nil {
			f.Close()
			return err
		}
		n++
		return f.Close()
	})
	return n, err
}
