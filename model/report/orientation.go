package report

import (
	"strings"

	"bansou/model"
)

// OrientationMarkdown is the orientation for a companion new to the work,
// its sections in order, as one document.
func OrientationMarkdown(sections []model.Section, lang model.Lang) string {
	var b strings.Builder
	b.WriteString("# " + wordsIn(lang).orientation + "\n")
	for _, s := range sections {
		b.WriteString("\n## " + mdInline(s.Title.In(lang)) + "\n\n")
		b.WriteString(strings.TrimSpace(s.Text.In(lang)) + "\n")
	}
	return b.String()
}
