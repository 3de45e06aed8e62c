package report

import (
	"strings"

	"bansou/model"
)

// Spoken turns a document written by this package (best with
// Options.Spoken) into plain text to be read line by line, as the
// accessible mode reads it to a screen reader: a heading becomes a line
// of its own after an empty one, a list item or a quoted line loses its
// mark and keeps its depth as two spaces, emphasis marks go, a rule
// becomes an empty line, and a table row becomes one line naming each
// column ("参加者 佐藤 一郎、役割 書記"; an empty or "—" cell is left
// unsaid). What was typed was escaped as the document was written: it
// comes back exactly as typed. The result is as safe as the document
// (model.TermSafe).
func Spoken(md string, lang model.Lang) string {
	comma := wordsIn(lang).comma
	var out []string
	blank := func() {
		if len(out) > 0 && out[len(out)-1] != "" {
			out = append(out, "")
		}
	}
	lines := strings.Split(md, "\n")
	for i := 0; i < len(lines); i++ {
		line := strings.TrimRight(lines[i], " \t")
		trimmed := strings.TrimLeft(line, " ")
		depth := strings.Repeat("  ", (len(line)-len(trimmed))/2)
		switch {
		case trimmed == "":
			blank()
		case trimmed == "---":
			blank()
		case strings.HasPrefix(trimmed, "|") && i+1 < len(lines) && strings.HasPrefix(strings.TrimSpace(lines[i+1]), "|---"):
			head := cells(trimmed)
			i += 2
			for ; i < len(lines) && strings.HasPrefix(strings.TrimSpace(lines[i]), "|"); i++ {
				out = append(out, depth+tableRow(head, cells(strings.TrimSpace(lines[i])), comma))
			}
			i--
		case strings.HasPrefix(trimmed, "#"):
			blank()
			out = append(out, plainInline(strings.TrimLeft(strings.TrimLeft(trimmed, "#"), " ")))
			out = append(out, "")
		case strings.HasPrefix(trimmed, "- ") || strings.HasPrefix(trimmed, "* "):
			out = append(out, depth+plainInline(trimmed[2:]))
		case strings.HasPrefix(trimmed, ">"):
			text := strings.TrimPrefix(strings.TrimPrefix(trimmed, ">"), " ")
			if text == "" {
				blank()
				continue
			}
			out = append(out, depth+"  "+plainInline(text))
		default:
			out = append(out, depth+plainInline(trimmed))
		}
	}
	for len(out) > 0 && out[len(out)-1] == "" {
		out = out[:len(out)-1]
	}
	for len(out) > 0 && out[0] == "" {
		out = out[1:]
	}
	return strings.Join(out, "\n") + "\n"
}

// plainInline drops the emphasis marks of one line of the document (a
// star typed by someone was escaped, and stays) and undoes the escapes.
func plainInline(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '\\' && i+1 < len(s):
			b.WriteByte(c)
			b.WriteByte(s[i+1])
			i++
		case c == '*':
		default:
			b.WriteByte(c)
		}
	}
	return strings.TrimSpace(model.MarkdownPlain(b.String()))
}

// cells splits a table row on the bars that are not escaped, each cell
// still escaped.
func cells(row string) []string {
	row = strings.TrimSuffix(strings.TrimPrefix(row, "|"), "|")
	var out []string
	var b strings.Builder
	for i := 0; i < len(row); i++ {
		switch c := row[i]; {
		case c == '\\' && i+1 < len(row):
			b.WriteByte(c)
			b.WriteByte(row[i+1])
			i++
		case c == '|':
			out = append(out, b.String())
			b.Reset()
		default:
			b.WriteByte(c)
		}
	}
	return append(out, b.String())
}

// tableRow says one row: each cell after its column's heading.
func tableRow(head, row []string, comma string) string {
	var parts []string
	for j, c := range row {
		c = plainInline(c)
		if c == "" || c == "—" {
			continue
		}
		if j < len(head) {
			if h := plainInline(head[j]); h != "" {
				c = h + " " + c
			}
		}
		parts = append(parts, c)
	}
	return strings.Join(parts, comma)
}
