// Package model is bansou's domain: engagements, sessions and their answers,
// the content that guides a session, the pure flow engine that moves through
// it, and the Store interface the rest of the program saves through.
//
// It imports no terminal code.
package model

import (
	"fmt"
	"strings"
)

// Lang is a language the content and the interface exist in.
type Lang string

// The supported languages. Japanese is the product's first language.
const (
	Ja Lang = "ja"
	En Lang = "en"
)

// Langs lists every supported language in display order.
var Langs = []Lang{Ja, En}

// ParseLang reads "ja" or "en" (any case, surrounding space ignored).
func ParseLang(s string) (Lang, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "ja", "jp", "japanese", "日本語":
		return Ja, nil
	case "en", "english":
		return En, nil
	}
	return "", fmt.Errorf("unknown language %q: use ja or en", s)
}

// LangFromLocale derives the language from POSIX locale variables, in the
// order the C library consults them: LC_ALL, then LC_MESSAGES, then LANG.
// A Japanese locale (ja, ja_JP.UTF-8, ...) gives Ja; anything else En.
func LangFromLocale(getenv func(string) string) Lang {
	for _, name := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		v := strings.TrimSpace(getenv(name))
		if v == "" {
			continue
		}
		if strings.HasPrefix(strings.ToLower(v), "ja") {
			return Ja
		}
		return En
	}
	return En
}

// Text is a piece of content in every supported language.
type Text struct {
	Ja string `json:"ja"`
	En string `json:"en"`
}

// In returns the text in lang, falling back to the other language when the
// requested one is empty.
func (t Text) In(lang Lang) string {
	if lang == En {
		if t.En != "" {
			return t.En
		}
		return t.Ja
	}
	if t.Ja != "" {
		return t.Ja
	}
	return t.En
}

// IsZero reports whether both languages are empty.
func (t Text) IsZero() bool { return t.Ja == "" && t.En == "" }
