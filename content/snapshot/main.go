// Command snapshot writes library.gob, the built-in content as bansou reads
// it at start, from the YAML files beside it. It runs with
// `go generate ./content`; a test of package content fails when the
// snapshot no longer matches the files.
package main

import (
	"fmt"
	"os"

	"bansou/model"
)

func main() {
	lib, err := model.LoadLibrary(os.DirFS("."), "")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	data, err := lib.Snapshot()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	if err := os.WriteFile("library.gob", data, 0o644); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
