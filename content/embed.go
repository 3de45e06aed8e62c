// Package content holds bansou's built-in content: the flows of prompts that
// guide a session, embedded in the binary. Loaders take an fs.FS, so a
// directory given with --content can stand in for this set.
package content

import (
	"embed"
	"fmt"
	"io/fs"
	"os"

	"bansou/model"
)

//go:generate go run ./snapshot

//go:embed flows skills rounds cases orientation README.md
var files embed.FS

// snapshot is the content above as bansou reads it at start (see
// model.Library.Snapshot), made by `go generate ./content`.
//
//go:embed library.gob
var snapshot []byte

// FS returns the embedded content set.
func FS() fs.FS { return files }

// Library returns the built-in content, read from its snapshot: the same
// library as model.LoadLibrary(FS(), "") gives (a test checks it), in about
// a millisecond instead of ten.
func Library() (*model.Library, error) { return model.LibraryFromSnapshot(snapshot) }

// LoadDir loads the content in a directory (given with --content). A
// directory without a skills folder, without rounds and cases, or without
// an orientation folder keeps the built-in ones.
func LoadDir(dir string) (*model.Library, error) {
	info, err := os.Stat(dir)
	if err != nil {
		return nil, fmt.Errorf("content directory: %w", err)
	}
	if !info.IsDir() {
		return nil, fmt.Errorf("content directory %s is not a directory", dir)
	}
	lib, err := model.LoadLibrary(os.DirFS(dir), dir)
	if err == nil && (lib.Skills == nil || lib.Rounds == nil || lib.Orientation == nil) {
		base, berr := Library()
		if berr != nil {
			return nil, berr
		}
		if lib.Skills == nil {
			lib.SetSkills(base.Skills)
		}
		if lib.Rounds == nil {
			lib.SetRounds(base.Rounds)
		}
		if lib.Orientation == nil {
			lib.Orientation = base.Orientation
		}
	}
	return lib, err
}
