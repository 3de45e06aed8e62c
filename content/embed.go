// Package content holds bansou's built-in content: the flows of prompts that
// guide a session, embedded in the binary. Loaders take an fs.FS, so a
// directory given with --content can stand in for this set.
package content

import (
	"embed"
	"io/fs"
)

//go:embed flows skills rounds cases README.md
var files embed.FS

// FS returns the embedded content set.
func FS() fs.FS { return files }
