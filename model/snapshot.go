package model

import (
	"bytes"
	"encoding/gob"
	"fmt"
)

// snapshot is what a Library holds, in a form that is quick to read back.
type snapshot struct {
	Flows       []*Flow
	Skills      *SkillMap
	Rounds      *RoundContent
	Orientation []Section
}

// Snapshot encodes a library that has loaded without errors, so that it can
// be read back with LibraryFromSnapshot in about a millisecond instead of
// parsing its YAML again (about ten). The line numbers kept only for
// reporting problems are left out.
func (l *Library) Snapshot() ([]byte, error) {
	var b bytes.Buffer
	if err := gob.NewEncoder(&b).Encode(snapshot{l.Flows, l.Skills, l.Rounds, l.Orientation}); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// LibraryFromSnapshot reads back a library written by Snapshot.
func LibraryFromSnapshot(data []byte) (*Library, error) {
	var s snapshot
	if err := gob.NewDecoder(bytes.NewReader(data)).Decode(&s); err != nil {
		return nil, fmt.Errorf("reading the content snapshot: %w", err)
	}
	lib := NewLibrary(s.Flows)
	lib.SetSkills(s.Skills)
	lib.SetRounds(s.Rounds)
	lib.Orientation = s.Orientation
	return lib, nil
}
