package serve

import (
	"io"
	"strings"
	"unicode/utf8"

	"bansou/internal/cellwidth"
)

// lineReader reads lines typed on a client's terminal, which over SSH is in
// raw mode: nothing echoes, enter sends a carriage return and backspace a
// DEL. It does what a terminal's line discipline would: echoes what is
// typed, erases a whole character (two cells for a wide one) on backspace,
// ends a line on enter, and ends the input on ctrl+c or on ctrl+d at the
// start of a line. Escape sequences (arrow keys) are dropped.
type lineReader struct {
	in      io.Reader
	echo    io.Writer
	pending []byte // a line read and not yet returned by Read
	err     error
	afterCR bool // the last byte ended a line with "\r"
	byte1   [1]byte
}

func newLineReader(in io.Reader, echo io.Writer) *lineReader {
	return &lineReader{in: in, echo: echo}
}

// Read gives the lines typed, each ending in "\n".
func (r *lineReader) Read(p []byte) (int, error) {
	if len(r.pending) == 0 {
		if r.err != nil {
			return 0, r.err
		}
		line, err := r.ReadLine()
		if err != nil {
			r.err = err
			return 0, err
		}
		r.pending = []byte(line + "\n")
	}
	n := copy(p, r.pending)
	r.pending = r.pending[n:]
	return n, nil
}

func (r *lineReader) next() (byte, error) {
	for {
		n, err := r.in.Read(r.byte1[:])
		if n == 1 {
			return r.byte1[0], nil
		}
		if err != nil {
			return 0, err
		}
	}
}

// ReadLine reads one line, without its end. io.EOF when the input ended
// (or ctrl+c, or ctrl+d on an empty line); a line cut short by the end of
// the input is returned with io.EOF.
func (r *lineReader) ReadLine() (string, error) {
	var line []byte
	for {
		b, err := r.next()
		if err != nil {
			return string(line), io.EOF
		}
		if b != '\n' {
			r.afterCR = false
		}
		switch {
		case b == '\n' && r.afterCR:
			r.afterCR = false // the "\n" of a "\r\n"
		case b == '\r' || b == '\n':
			r.afterCR = b == '\r'
			r.echo.Write([]byte("\r\n"))
			return string(line), nil
		case b == 0x03 || b == 0x04 && len(line) == 0:
			r.echo.Write([]byte("\r\n"))
			return "", io.EOF
		case b == 0x7f || b == 0x08:
			if len(line) == 0 {
				continue
			}
			c, size := utf8.DecodeLastRune(line)
			line = line[:len(line)-size]
			w := max(cellwidth.Width(string(c)), 1)
			r.echo.Write([]byte(strings.Repeat("\b", w) + strings.Repeat(" ", w) + strings.Repeat("\b", w)))
		case b == 0x1b:
			r.skipEscape()
		case b < 0x20:
			// other controls do nothing
		default:
			line = append(line, b)
			if utf8.FullRune(line[lastStart(line):]) {
				r.echo.Write(line[lastStart(line):])
			}
		}
	}
}

// lastStart is where the last (possibly incomplete) character of b starts.
func lastStart(b []byte) int {
	i := len(b) - 1
	for i > 0 && !utf8.RuneStart(b[i]) {
		i--
	}
	return max(i, 0)
}

// skipEscape drops the rest of an escape sequence: ESC [ params final, or
// ESC O x, or ESC x.
func (r *lineReader) skipEscape() {
	b, err := r.next()
	if err != nil {
		return
	}
	switch b {
	case '[':
		for {
			b, err := r.next()
			if err != nil || b >= 0x40 && b <= 0x7e {
				return
			}
		}
	case 'O':
		r.next()
	}
}
