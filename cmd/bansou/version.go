package main

import (
	"fmt"
	"runtime"
	"runtime/debug"

	"github.com/spf13/cobra"

	"bansou/model/sqlite"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "dev"

func newVersionCmd(o *globalOptions) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the version",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			fmt.Fprintln(o.stdout, "bansou "+versionText())
			return nil
		},
	}
}

// buildVersion is the version set at build time, else the module's.
func buildVersion() string {
	if info, ok := debug.ReadBuildInfo(); ok && version == "dev" && info.Main.Version != "" && info.Main.Version != "(devel)" {
		return info.Main.Version
	}
	return version
}

// versionText is the version with the schema it writes and the platform.
func versionText() string {
	return fmt.Sprintf("%s (schema %d, %s %s/%s)", buildVersion(), sqlite.SchemaVersion(), runtime.Version(), runtime.GOOS, runtime.GOARCH)
}
