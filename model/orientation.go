package model

import (
	"fmt"
	"io/fs"

	"go.yaml.in/yaml/v3"
)

// OrientationDir is the folder of a content directory that holds the
// orientation for a companion new to the work.
const OrientationDir = "orientation"

// Section is one part of the orientation: a short text on why companions
// matter and how bansou helps, read in order.
type Section struct {
	ID    string `json:"id"`
	Title Text   `json:"title"` // one line
	Text  Text   `json:"text"`  // Markdown, a few sentences
	Refs  string `json:"refs,omitempty"`

	Line int `json:"-"`
}

// loadOrientation reads the sections of orientation/*.yaml, in the order of
// the files and, within a file, as written; nil when the content has no
// such folder (the built-in orientation is then kept).
func (l *contentLoader) loadOrientation(fsys fs.FS) []Section {
	files := yamlFiles(fsys, OrientationDir)
	if len(files) == 0 {
		return nil
	}
	out := []Section{}
	type where struct {
		file string
		line int
	}
	seen := map[string]where{}
	for _, name := range files {
		root := l.read(fsys, name)
		if root == nil {
			continue
		}
		top := l.mapping(root, "orientation", "sections")
		if top == nil {
			continue
		}
		list, at := top.get("sections"), top.keyNode("sections")
		if list != nil && list.Tag == "!!null" {
			list = nil // "sections:" with nothing under it
		}
		items := l.list(list, "orientation sections")
		switch {
		case at == nil:
			l.errorf(root, "the orientation has no sections (a list under sections:)")
		case list == nil, list.Kind == yaml.SequenceNode && len(items) == 0:
			l.errorf(at, "the orientation has no sections")
		}
		for _, item := range items {
			s, ok := l.section(item)
			if !ok {
				continue
			}
			if first, dup := seen[s.ID]; dup && s.ID != "" {
				l.errorf(item, "duplicate section id %q (first defined at %s:%d)", s.ID, l.display(first.file), first.line)
				continue
			}
			seen[s.ID] = where{name, s.Line}
			out = append(out, s)
		}
	}
	return out
}

func (l *contentLoader) section(item *yaml.Node) (Section, bool) {
	f := l.mapping(item, "section", "id", "refs", "title", "text")
	if f == nil {
		return Section{}, false
	}
	s := Section{ID: l.id(item, f.get("id"), "section"), Line: item.Line}
	what := fmt.Sprintf("section %q", s.ID)
	s.Refs = l.str(f.get("refs"))
	s.Title = l.title(item, f, "title", what+" title", true)
	s.Text = l.text(item, f, "text", what+" text", true)
	return s, true
}
