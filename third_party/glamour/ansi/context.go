package ansi

import (
	"strings"

	"golang.org/x/net/html"
)

// RenderContext holds the current rendering options and state.
type RenderContext struct {
	options Options

	blockStack *BlockStack
	table      *TableElement
}

// NewRenderContext returns a new RenderContext.
func NewRenderContext(options Options) RenderContext {
	return RenderContext{
		options:    options,
		blockStack: &BlockStack{},
		table:      &TableElement{},
	}
}

// SanitizeHTML sanitizes HTML content: it keeps the text and leaves out
// every tag, and what is inside a script or a style.
//
// bansou: glamour used bluemonday's strict policy for this, whose packages
// and CSS tables took 5 ms of every start to initialise; the tokenizer of
// golang.org/x/net/html, which bluemonday used, does the same job.
func (ctx RenderContext) SanitizeHTML(s string, trimSpaces bool) string {
	var b strings.Builder
	z := html.NewTokenizer(strings.NewReader(s))
	skip := 0
	for {
		switch z.Next() {
		case html.ErrorToken:
			s = b.String()
			if trimSpaces {
				s = strings.TrimSpace(s)
			}
			return s
		case html.TextToken:
			if skip == 0 {
				b.Write(z.Text())
			}
		case html.StartTagToken:
			if name, _ := z.TagName(); hidden(name) {
				skip++
			}
		case html.EndTagToken:
			if name, _ := z.TagName(); hidden(name) && skip > 0 {
				skip--
			}
		}
	}
}

// hidden reports whether the content of the element named name is not
// text to show.
func hidden(name []byte) bool {
	switch string(name) {
	case "script", "style":
		return true
	}
	return false
}
