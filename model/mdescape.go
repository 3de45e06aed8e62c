package model

import (
	"regexp"
	"strings"
)

// Questions that bring back what was typed (a round's carried action) are
// written as Markdown with the typed words escaped, and so are the
// documents bansou writes (package report): what the learner typed shows
// as typed, never as formatting.

// EscapeMarkdown makes a single line of text show as typed when read as
// Markdown.
func EscapeMarkdown(s string) string { return mdInline(s) }

// EscapeMarkdownLines writes each line of text escaped, after prefix, with
// a hard line break at its end; an empty line keeps only the prefix. The
// line breaks typed are kept.
func EscapeMarkdownLines(text, prefix string) string {
	var b strings.Builder
	for _, line := range strings.Split(strings.TrimRight(text, "\n"), "\n") {
		line = mdEscapeLine(line)
		switch {
		case line == "":
			b.WriteString(prefix + "\n")
		case prefix == "":
			b.WriteString(line + "  \n")
		default:
			b.WriteString(prefix + " " + line + "  \n")
		}
	}
	return b.String()
}

// mdInline makes a single line of text safe inside Markdown. Line breaks
// become spaces; other spaces (the ideographic space in 山田　花子 too) stay.
func mdInline(s string) string {
	s = strings.NewReplacer("\r\n", " ", "\n", " ", "\r", " ", "\t", " ").Replace(s)
	return mdEscapeLine(strings.TrimSpace(s))
}

// MarkdownPlain turns a question written as Markdown by bansou (where what
// was typed is escaped with mdInline) back into plain text, for an
// interface that prints text rather than rendering Markdown.
func MarkdownPlain(md string) string {
	var b strings.Builder
	for i := 0; i < len(md); i++ {
		c := md[i]
		if c == '\\' && i+1 < len(md) && strings.IndexByte(mdPunct, md[i+1]) >= 0 {
			i++
			b.WriteByte(md[i])
			continue
		}
		b.WriteByte(c)
	}
	return strings.NewReplacer("&#126;", "~", "&#61;", "=", "&amp;", "&").Replace(b.String())
}

// mdPunct are the characters a backslash escapes in Markdown.
const mdPunct = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"

var mdInlineEscaper = strings.NewReplacer(
	`\`, `\\`, "`", "\\`", "*", `\*`, "_", `\_`, "[", `\[`, "]", `\]`, "<", `\<`, ">", `\>`, "|", `\|`,
	"~", "&#126;", // glamour shows a backslash-escaped tilde as is
)

// entity matches what Markdown would turn into another character (&amp;,
// &copy;, &#126;); its & is written as &amp; so the text shows as typed.
var entity = regexp.MustCompile(`&(#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);`)

// mdEscapeLine escapes what Markdown would read as formatting, so the
// learner's words come out as typed.
func mdEscapeLine(line string) string {
	line = strings.TrimRight(line, " \t")
	line = entity.ReplaceAllString(line, "&amp;$1;")
	line = mdInlineEscaper.Replace(line)
	trimmed := strings.TrimLeft(line, " ")
	if trimmed == "" {
		return ""
	}
	indent := strings.Repeat(" ", len(line)-len(trimmed))
	switch trimmed[0] {
	case '#', '-', '+':
		return indent + `\` + trimmed
	case '=': // a line of = under a paragraph would make it a heading
		return indent + "&#61;" + trimmed[1:]
	}
	// "1." or "1)" at the start of a line would begin a list.
	digits := len(trimmed) - len(strings.TrimLeft(trimmed, "0123456789"))
	if digits > 0 && digits < len(trimmed) && (trimmed[digits] == '.' || trimmed[digits] == ')') {
		return indent + trimmed[:digits] + `\` + trimmed[digits:]
	}
	return line
}
