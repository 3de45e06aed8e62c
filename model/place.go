package model

import "encoding/json"

// Areas of the session screen a Place can name.
const (
	AreaAnswer = "answer" // the answer area, whatever its kind
	AreaNote   = "note"   // the companion's note
)

// Place is where in the current step the companion was writing when the
// session was last saved, so that a resumed session opens there, not just
// at the right prompt: the area (the answer or the note), within the
// answer the entry and the field that had the keys (a worry's plan, one
// party's expectation in the agreement, the note on a carried action), and
// the caret, in characters from the start of that field's text, with the
// length of that text then (a caret is put back only in the same text: one
// changed since, by an import say, opens with the caret at its end). The
// zero Place is the default: the step as it opens.
type Place struct {
	Area  string `json:"area,omitempty"`
	Entry string `json:"entry,omitempty"` // a worry, an action or a carried item, by id
	Field string `json:"field,omitempty"` // the field within the answer area or the entry
	Caret int    `json:"caret,omitempty"`
	Of    int    `json:"of,omitempty"` // the length of the field's text, in characters
}

// String encodes the place for storage ("" for the zero Place).
func (p Place) String() string {
	if p == (Place{}) {
		return ""
	}
	b, _ := json.Marshal(p)
	return string(b)
}

// ParsePlace decodes a stored place; anything unreadable is the zero
// Place, which opens the step as before.
func ParsePlace(s string) Place {
	var p Place
	if s == "" || json.Unmarshal([]byte(s), &p) != nil || p.Caret < 0 {
		return Place{}
	}
	return p
}
