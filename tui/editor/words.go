package editor

import "unicode"

// charClass groups characters for word movement. Japanese has no spaces
// between words, so a change of script (kanji → hiragana, katakana → Latin)
// counts as a word boundary.
type charClass int

const (
	classSpace charClass = iota
	classPunct
	classHan
	classHiragana
	classKatakana
	classWord
	classOther
)

func classOf(r rune) charClass {
	switch {
	case isSpace(r):
		return classSpace
	case unicode.Is(unicode.Han, r) || r == '々' || r == '〆':
		return classHan
	case unicode.Is(unicode.Hiragana, r):
		return classHiragana
	case unicode.Is(unicode.Katakana, r) || r == 'ー':
		return classKatakana
	case unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_':
		return classWord
	case unicode.IsPunct(r) || unicode.IsSymbol(r):
		return classPunct
	}
	return classOther
}

func isSpace(r rune) bool { return r == ' ' || r == '\u3000' || r == '\t' }

// extends reports runes that belong to the character before them.
func extends(r rune) bool {
	return unicode.Is(unicode.M, r) || r == 0x200D || (r >= 0xFE00 && r <= 0xFE0F)
}
