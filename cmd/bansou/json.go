package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"unicode/utf8"
)

// newJSONEncoder writes bansou's JSON: indented, with <, > and & as they
// are, and with DEL and the C1 controls (U+0080–U+009F), which
// encoding/json leaves raw, written as \u escapes. They can only be inside
// strings, where an escape means the same to any reader, so the document
// is unchanged; and a terminal that shows it (bansou export --format json,
// or cat on the file later) has nothing to act on: a C1 control such as
// U+009B starts an escape sequence in some terminals.
func newJSONEncoder(w io.Writer) *json.Encoder {
	enc := json.NewEncoder(controlEscaper{w})
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc
}

// controlEscaper escapes DEL and C1 controls in the JSON written through
// it. (An Encoder writes each value whole, so no character is split
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

func isControl(r rune) bool { return r == 0x7f || r >= 0x80 && r <= 0x9f }
