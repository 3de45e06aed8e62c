package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"unicode/utf8"

	"bansou/model"
)

// newJSONEncoder writes bansou's JSON: indented, with <, > and & as they
// are, and with every character the sanitiser (model.TermSafe) would
// replace written as a \u escape: encoding/json escapes the C0 controls
// itself but leaves DEL, the C1 controls (U+0080–U+009F) and the
// bidirectional formatting characters (U+202A–U+202E, U+2066–U+2069,
// U+200E, U+200F, U+061C) raw. They can only be inside strings, where an
// escape means the same to any reader, so the document decodes to exactly
// the stored text; and a terminal or an editor that shows it (bansou
// export --format json, or cat on the file later) has nothing to act on: a
// C1 control such as U+009B starts an escape sequence in some terminals,
// and U+202E draws the rest of its line backwards.
func newJSONEncoder(w io.Writer) *json.Encoder {
	enc := json.NewEncoder(controlEscaper{w})
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc
}

// controlEscaper escapes, in the JSON written through it, the characters
// that model.TermSafe shows as stand-ins. (An Encoder writes each value whole, so no character is split
// between two writes.)
type controlEscaper struct{ w io.Writer }

func (c controlEscaper) Write(p []byte) (int, error) {
	if !bytes.ContainsFunc(p, isControl) {
		return c.w.Write(p)
	}
	var b bytes.Buffer
	b.Grow(len(p) + 16)
	for i := 0; i < len(p); {
		r, size := utf8.DecodeRune(p[i:])
		if isControl(r) {
			fmt.Fprintf(&b, `\u%04x`, r)
		} else {
			b.Write(p[i : i+size])
		}
		i += size
	}
	if _, err := c.w.Write(b.Bytes()); err != nil {
		return 0, err
	}
	return len(p), nil
}

// isControl reports a character that model.TermSafe would replace. (No
// byte that is not UTF-8 reaches here: encoding/json writes U+FFFD for
// it.)
func isControl(r rune) bool { return model.StandIn(r) != r }
