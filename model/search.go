package model

import (
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Search: what a query means and how a match is shown. The store finds the
// documents; the rules for text live here so they are the same everywhere.

// NormalizeForSearch folds what a person would not tell apart when
// searching: full-width Latin letters, digits and signs become half-width,
// half-width katakana becomes full-width (with its voicing mark: ｶﾞ → ガ,
// ﾊﾟ → パ), the ideographic space becomes a space, and letters become lower
// case. Only the voicing marks make the result shorter than the original;
// normalize tells where each character came from.
func NormalizeForSearch(s string) string {
	n, _ := normalize(s)
	return string(n)
}

// normalize is NormalizeForSearch as runes, with from[i] the index (in runes)
// of the original character that normalized rune i starts at, and one more
// entry: the original's length.
func normalize(s string) (norm []rune, from []int) {
	norm = make([]rune, 0, len(s))
	from = make([]int, 0, len(s)+1)
	i := 0
	prevHalf := false
	for _, r := range s {
		half := r >= 0xFF61 && r <= 0xFF9F
		if (r == 0xFF9E || r == 0xFF9F) && prevHalf && len(norm) > 0 {
			if v, ok := voicedKana[[2]rune{norm[len(norm)-1], r}]; ok {
				norm[len(norm)-1] = v
				i++
				prevHalf = false
				continue
			}
		}
		norm = append(norm, normalizeRune(r))
		from = append(from, i)
		i++
		prevHalf = half
	}
	return norm, append(from, i)
}

// voicedKana joins a full-width katakana and a half-width voicing mark into
// the voiced kana.
var voicedKana = func() map[[2]rune]rune {
	m := map[[2]rune]rune{}
	base, voiced := []rune("カキクケコサシスセソタチツテトハヒフヘホウ"), []rune("ガギグゲゴザジズゼゾダヂヅデドバビブベボヴ")
	for i, b := range base {
		m[[2]rune{b, 0xFF9E}] = voiced[i]
	}
	base, semi := []rune("ハヒフヘホ"), []rune("パピプペポ")
	for i, b := range base {
		m[[2]rune{b, 0xFF9F}] = semi[i]
	}
	return m
}()

func normalizeRune(r rune) rune {
	switch {
	case r >= 0xFF01 && r <= 0xFF5E: // full-width ASCII
		r -= 0xFEE0
	case r == 0x3000:
		r = ' '
	case r >= 0xFF61 && r <= 0xFF9F:
		if k, ok := halfKana[r]; ok {
			r = k
		}
	}
	return unicode.ToLower(r)
}

// halfKana maps half-width katakana to full-width, one rune each; normalize
// joins a voicing mark to the kana before it (a mark on its own becomes ゛
// or ゜).
var halfKana = func() map[rune]rune {
	half := "｡｢｣､･ｦｧｨｩｪｫｬｭｮｯｰｱｲｳｴｵｶｷｸｹｺｻｼｽｾｿﾀﾁﾂﾃﾄﾅﾆﾇﾈﾉﾊﾋﾌﾍﾎﾏﾐﾑﾒﾓﾔﾕﾖﾗﾘﾙﾚﾛﾜﾝﾞﾟ"
	full := "。「」、・ヲァィゥェォャュョッーアイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワン゛゜"
	m := map[rune]rune{}
	f := []rune(full)
	for i, h := range []rune(half) {
		m[h] = f[i]
	}
	return m
}()

// TermKind says how a term is looked up.
type TermKind int

// How terms are found.
const (
	// TermTrigram: three characters or more, found with the trigram index.
	TermTrigram TermKind = iota
	// TermChars: one or two characters with a letter or digit among them,
	// found as a phrase of single-character tokens.
	TermChars
	// TermScan: one or two signs or marks (no letter, no digit), which no
	// index holds, found by reading the text. (Longer terms of signs are
	// trigram terms.)
	TermScan
)

// MinTrigram is the shortest term the trigram index can find.
const MinTrigram = 3

// QueryTerm is one word of a query, normalized.
type QueryTerm struct {
	Text string
	Kind TermKind
}

// ParseQuery splits a query at spaces into normalized terms; every term must
// match. Repeated terms are dropped.
func ParseQuery(q string) []QueryTerm {
	var out []QueryTerm
	seen := map[string]bool{}
	for _, f := range strings.Fields(NormalizeForSearch(q)) {
		if seen[f] {
			continue
		}
		seen[f] = true
		t := QueryTerm{Text: f, Kind: TermTrigram}
		if utf8.RuneCountInString(f) < MinTrigram {
			t.Kind = TermScan
			if HasWordRune(f) {
				t.Kind = TermChars
			}
		}
		out = append(out, t)
	}
	return out
}

// HasWordRune reports whether s has a character the single-character index
// holds: a letter or digit of any script.
func HasWordRune(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsNumber(r) }) >= 0
}

// CharTokens spaces every character apart, so that a word tokenizer indexes
// each letter and digit as a token of its own (and drops signs and marks).
// Used for the index of short terms and for their queries; the phrase of a
// term's tokens finds the texts that may contain it, and reading those texts
// settles it.
func CharTokens(s string) string {
	var b strings.Builder
	b.Grow(len(s) * 2)
	for i, r := range s {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// Matches returns where the terms occur in text, as rune ranges [start,
// end), in order and without overlaps.
func Matches(text string, terms []QueryTerm) [][2]int {
	norm, from := normalize(text)
	var out [][2]int
	for _, t := range terms {
		needle := []rune(t.Text)
		for i := 0; i+len(needle) <= len(norm); i++ {
			if runesEqual(norm[i:i+len(needle)], needle) {
				out = append(out, [2]int{from[i], from[i+len(needle)]})
			}
		}
	}
	return mergeRanges(out)
}

func runesEqual(a, b []rune) bool {
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func mergeRanges(rs [][2]int) [][2]int {
	if len(rs) < 2 {
		return rs
	}
	for i := 1; i < len(rs); i++ {
		for j := i; j > 0 && rs[j][0] < rs[j-1][0]; j-- {
			rs[j], rs[j-1] = rs[j-1], rs[j]
		}
	}
	out := [][2]int{rs[0]}
	for _, r := range rs[1:] {
		last := &out[len(out)-1]
		if r[0] <= last[1] {
			last[1] = max(last[1], r[1])
			continue
		}
		out = append(out, r)
	}
	return out
}

// Snippet cuts text to about width runes around its first match, on one
// line, and shifts the matches to the snippet. An ellipsis marks a cut.
func Snippet(text string, matches [][2]int, width int) (string, [][2]int) {
	// One space for each line break or tab, so that positions stay.
	runes := []rune(strings.NewReplacer("\r", " ", "\n", " ", "\t", " ").Replace(text))
	start := 0
	if len(matches) > 0 {
		start = max(0, matches[0][0]-width/3)
	}
	end := min(len(runes), start+width)
	start = max(0, min(start, end-width))
	var b strings.Builder
	shift := start
	if start > 0 {
		b.WriteRune('…')
		shift--
	}
	b.WriteString(string(runes[start:end]))
	if end < len(runes) {
		b.WriteRune('…')
	}
	var out [][2]int
	for _, m := range matches {
		if m[1] <= start || m[0] >= end {
			continue
		}
		out = append(out, [2]int{max(m[0], start) - shift, min(m[1], end) - shift})
	}
	return b.String(), out
}

// SearchSource names what kind of text a hit is in.
type SearchSource string

// Sources of search hits.
const (
	SourceAnswer    SearchSource = "answer"
	SourceNote      SearchSource = "note"
	SourceAnxiety   SearchSource = "anxiety"
	SourceAction    SearchSource = "action"
	SourceAgreement SearchSource = "agreement"
	// SourceStatusNote is the companion's note on a worry's status or an
	// action's outcome, told in a later session; always private.
	SourceStatusNote SearchSource = "status_note"
)

// SearchHit is one text that matches a query, and where it belongs.
type SearchHit struct {
	Source       SearchSource `json:"source"`
	EngagementID int64        `json:"engagement_id"`
	Learner      string       `json:"learner"`
	SessionID    int64        `json:"session_id"`
	SessionTitle string       `json:"session_title"`
	SessionDate  time.Time    `json:"session_date"`
	StepKey      string       `json:"step_key"`
	StepTitle    string       `json:"step_title"`
	Private      bool         `json:"private"`
	Text         string       `json:"text"`    // the whole text, as typed
	Matches      [][2]int     `json:"matches"` // rune ranges in Text
	// HeldBy and Holder are who held the session, on a bansou server.
	HeldBy int64  `json:"-"`
	Holder string `json:"-"`
}

// SearchLimit is the most hits a search returns.
const SearchLimit = 200
