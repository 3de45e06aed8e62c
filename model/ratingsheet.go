package model

import (
	"bytes"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// A rating sheet is a small plain-text file the companion sends to a
// mentor, a boss or a peer, who fills it in with any text editor (no bansou
// needed) and sends it back to be imported. Lines starting with # are
// guidance; a field is a line "name: value", and the lines after a text
// field (evidence, worked, improvement, alternative, reason) continue it.

// RatingSheetMagic is the first field of every rating sheet.
const RatingSheetMagic = "bansou-rating-sheet"

// MaxRatingSheet is the largest file read as a rating sheet: a filled
// sheet of 20 skills is far smaller.
const MaxRatingSheet = 256 << 10

// The fields of a sheet.
const (
	sheetFieldMagic       = RatingSheetMagic
	sheetFieldID          = "sheet"
	sheetFieldFor         = "for"
	sheetFieldRater       = "rater"
	sheetFieldRelation    = "relation"
	sheetFieldDate        = "date"
	sheetFieldSkill       = "skill"
	sheetFieldLevel       = "level"
	sheetFieldEvidence    = "evidence"
	sheetFieldWorked      = "worked"
	sheetFieldImprovement = "improvement"
	sheetFieldAlternative = "alternative"
	sheetFieldReason      = "reason"
)

// sheetTextFields may run over several lines.
var sheetTextFields = []string{sheetFieldEvidence, sheetFieldWorked, sheetFieldImprovement, sheetFieldAlternative, sheetFieldReason}

var sheetFields = append([]string{sheetFieldMagic, sheetFieldID, sheetFieldFor, sheetFieldRater, sheetFieldRelation,
	sheetFieldDate, sheetFieldSkill, sheetFieldLevel}, sheetTextFields...)

// sheetWords are the sheet's own words: its title and how to fill it in.
var sheetWords = map[Lang]struct {
	title, howTo, keep, header, relation, date, closing, levels string
}{
	Ja: {
		title: "bansou スキル評価シート",
		howTo: "書き方: 「#」で始まる行は説明です。「level:」「evidence:」などの「:」の後ろに書き込んでください。" +
			"長くなるときは次の行に続けて構いません。どのテキストエディタでも書けます。書き終えたら、このファイルをそのまま送り返してください。",
		keep:     "次の3行はそのままにしてください（シートの種類、番号、評価する相手）。",
		header:   "あなたのこと",
		relation: "伴走者との関係: mentor（メンター）/ boss（上司）/ peer（同僚）/ other（その他）",
		date:     "日付（例 2025-06-01。空欄なら取り込んだ日になります）",
		closing:  "最後に",
		levels:   "段階",
	},
	En: {
		title: "bansou skill rating sheet",
		howTo: "How to fill it in: lines starting with # are guidance. Write after the colon of \"level:\", \"evidence:\" and the others; " +
			"a long answer may go on over the next lines. Any text editor will do. When you are done, send this file back as it is.",
		keep:     "Leave the next three lines as they are (the kind of sheet, its id, whom you rate).",
		header:   "About you",
		relation: "Your relation to the companion: mentor / boss / peer / other",
		date:     "Date (e.g. 2025-06-01; left blank, the day it is imported)",
		closing:  "To close",
		levels:   "Levels",
	},
}

// WriteRatingSheet writes the sheet for an offline rating of the given
// skills (every skill of the map if none), in the sheet's language: the
// guidance for the rater first, as comments, then the rater's name,
// relation and date, one block per skill (its name, definition and five
// levels, then level: and evidence: to fill), then what worked and the
// improvement with its alternative and reason.
func WriteRatingSheet(m *SkillMap, sh RatingSheet) string {
	lang := langOr(sh.Lang)
	w := sheetWords[lang]
	p := RaterPrompts(lang)
	var b strings.Builder
	comment := func(s string) {
		for _, line := range strings.Split(SingleLineKeepBreaks(s), "\n") {
			b.WriteString(strings.TrimRight("# "+line, " ") + "\n")
		}
	}
	field := func(name, value string) { fmt.Fprintf(&b, "%s: %s\n", name, value) }
	rule := func(title string) { b.WriteString("\n# ──── " + title + " ────\n") }

	comment(w.title)
	comment("")
	for _, g := range RaterGuidance(lang, SingleLine(sh.For)) {
		comment(g)
	}
	comment("")
	comment(w.howTo)
	comment(w.keep)
	field(sheetFieldMagic, "1")
	field(sheetFieldID, sh.UID)
	field(sheetFieldFor, SingleLine(sh.For))
	rule(w.header)
	field(sheetFieldRater, "")
	comment(w.relation)
	field(sheetFieldRelation, "")
	comment(w.date)
	field(sheetFieldDate, "")
	n := 0
	for _, s := range m.Skills {
		if len(sh.Skills) > 0 && !slices.Contains(sh.Skills, s.ID) {
			continue
		}
		n++
		rule(fmt.Sprintf("%d. %s", n, s.Name.In(lang)))
		if d := s.Definition.In(lang); d != "" {
			comment(d)
		}
		comment(w.levels + ":")
		for lv := 1; lv <= Levels; lv++ {
			comment(fmt.Sprintf("  %d %s: %s", lv, LevelName(lv, lang), SingleLine(s.Level(lv).In(lang))))
		}
		field(sheetFieldSkill, s.ID)
		comment(p.Level)
		field(sheetFieldLevel, "")
		comment(p.Evidence)
		field(sheetFieldEvidence, "")
	}
	rule(w.closing)
	comment(p.Worked)
	field(sheetFieldWorked, "")
	comment(p.Improvement)
	field(sheetFieldImprovement, "")
	comment(p.Alternative)
	field(sheetFieldAlternative, "")
	comment(p.Reason)
	field(sheetFieldReason, "")
	return b.String()
}

// SingleLineKeepBreaks folds carriage returns and tabs but keeps line
// feeds: the text of a comment block, one comment line per line.
func SingleLineKeepBreaks(s string) string {
	return strings.NewReplacer("\r\n", "\n", "\r", "\n", "\t", " ").Replace(s)
}

// SheetImport is what a filled sheet holds: the rating (its UID the
// sheet's id), the sheet's for-line, and what was left empty: skills with
// neither a level nor evidence (by id, in the sheet's order) and closing
// parts (worked, improvement, alternative, reason). DateMissing says the
// rater gave no date (the rating's At is then the time of the import).
type SheetImport struct {
	Rating       PeerRating
	EmptySkills  []string
	EmptyParts   []string
	DateMissing  bool
	SkillsOnForm []string
}

// SheetErrors are the problems of a sheet, each "file:line: what".
type SheetErrors []string

func (e SheetErrors) Error() string { return strings.Join(e, "\n") }

// sheetMsgs words every problem of a sheet.
var sheetMsgs = map[Lang]map[string]string{
	Ja: {
		"binary":     "テキストファイルではありません（評価シートは文字だけのファイルです）。何も取り込んでいません",
		"notSheet":   "bansou の評価シートではありません（最初の項目が「bansou-rating-sheet: 1」ではありません）。何も取り込んでいません",
		"version":    "この bansou が読めない版のシートです（%s）",
		"stray":      "どの項目にも属さない行です。項目の「:」の後ろに書くか、説明なら先頭に # を付けてください",
		"unknown":    "「%s」という項目はありません",
		"twice":      "「%s」が二度書かれています",
		"oneLine":    "「%s」は1行で書いてください",
		"noSkill":    "「%s」の前に「skill:」の行がありません",
		"badSkill":   "スキル「%s」はスキルの地図にありません",
		"skillTwice": "スキル「%s」が二度出てきます",
		"badLevel":   "段階は 1〜5 の数字で書いてください（「%s」）",
		"badDate":    "日付は 2025-06-01 の形で書いてください（「%s」）",
		"badRel":     "関係は mentor / boss / peer / other のどれかで書いてください（「%s」）",
		"noRater":    "評価した人の名前がありません（rater:）",
		"noRelation": "伴走者との関係がありません（relation:）",
		"noID":       "シートの番号（sheet:）がありません",
		"nothing":    "何も書き込まれていません。何も取り込んでいません",
		"tooLong":    "%s が長すぎます（%d 字。%d 字まで）",
		"nul":        "NUL 文字が含まれています",
	},
	En: {
		"binary":     "not a text file (a rating sheet is plain text); nothing was imported",
		"notSheet":   "not a bansou rating sheet (its first field is not \"bansou-rating-sheet: 1\"); nothing was imported",
		"version":    "a sheet of a version this bansou cannot read (%s)",
		"stray":      "a line that belongs to no field: write it after a field's colon, or start it with # if it is a note",
		"unknown":    "there is no field %q",
		"twice":      "%q is written twice",
		"oneLine":    "write %q on one line",
		"noSkill":    "%q comes before any \"skill:\" line",
		"badSkill":   "skill %q is not in the skill map",
		"skillTwice": "skill %q appears twice",
		"badLevel":   "a level is a number from 1 to 5 (%q)",
		"badDate":    "write the date as 2025-06-01 (%q)",
		"badRel":     "the relation is one of mentor, boss, peer, other (%q)",
		"noRater":    "the rater's name is missing (rater:)",
		"noRelation": "the relation to the companion is missing (relation:)",
		"noID":       "the sheet's id is missing (sheet:)",
		"nothing":    "nothing is filled in; nothing was imported",
		"tooLong":    "%s is too long (%d characters; at most %d)",
		"nul":        "contains a NUL character",
	},
}

var sheetFieldLine = regexp.MustCompile(`^([a-z][a-z-]*)\s*[:：](.*)$`)

// ParseRatingSheet reads a filled sheet. Every problem is named by file
// and line (SheetErrors), in the given language, and then nothing of the
// sheet is to be saved. A sheet only partly filled is read: what was left
// empty is listed in the result. The rating's At is the sheet's date, or
// now when it has none. The caller checks the sheet's id against the
// sheets it wrote (the store's RatingSheet).
func ParseRatingSheet(file string, data []byte, m *SkillMap, lang Lang, now time.Time) (SheetImport, error) {
	lang = langOr(lang)
	msg := sheetMsgs[lang]
	var errs SheetErrors
	fail := func(line int, key string, args ...any) {
		where := TermSafeLine(file)
		if line > 0 {
			where = fmt.Sprintf("%s:%d", where, line)
		}
		errs = append(errs, where+": "+TermSafeLine(fmt.Sprintf(msg[key], args...)))
	}
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	if !utf8.Valid(data) || bytes.IndexByte(data, 0) >= 0 {
		fail(0, "binary")
		return SheetImport{}, errs
	}
	lines := strings.Split(strings.NewReplacer("\r\n", "\n", "\r", "\n").Replace(string(data)), "\n")

	var out SheetImport
	r := &out.Rating
	r.Lang = lang
	header := map[string]string{}
	headerLine := map[string]int{}
	var cur *string // the text field lines continue, if any
	var last string // the field of the line before
	skill := -1     // index in r.Skills of the current skill block
	seenMagic := false
	skillLine := map[string]int{}
	levels := map[int]bool{}   // skill blocks whose level line was read
	evidence := map[int]bool{} // and whose evidence line
	closing := map[string]*string{sheetFieldWorked: &r.Worked, sheetFieldImprovement: &r.Improvement,
		sheetFieldAlternative: &r.Alternative, sheetFieldReason: &r.Reason}
	closingLine := map[string]int{}
	for i, raw := range lines {
		n := i + 1
		line := strings.TrimSpace(raw)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := sheetFieldLine.FindStringSubmatch(line)
		if f == nil || !slices.Contains(sheetFields, f[1]) {
			switch {
			case !seenMagic:
				fail(n, "notSheet")
				return SheetImport{}, errs
			case cur != nil:
				if *cur != "" {
					*cur += "\n"
				}
				*cur += line
			case f != nil:
				fail(n, "unknown", f[1])
			case last == "" || last == sheetFieldMagic || last == sheetFieldSkill:
				fail(n, "stray")
			default:
				fail(n, "oneLine", last)
			}
			continue
		}
		name, value := f[1], strings.TrimSpace(f[2])
		if !seenMagic {
			if name != sheetFieldMagic {
				fail(n, "notSheet")
				return SheetImport{}, errs
			}
			seenMagic = true
			if value != "1" {
				fail(n, "version", value)
				return SheetImport{}, errs
			}
			last, cur = name, nil
			continue
		}
		last, cur = name, nil
		switch name {
		case sheetFieldMagic, sheetFieldID, sheetFieldFor, sheetFieldRater, sheetFieldRelation, sheetFieldDate:
			if _, ok := headerLine[name]; ok {
				fail(n, "twice", name)
				continue
			}
			header[name], headerLine[name] = value, n
		case sheetFieldSkill:
			if _, ok := m.Skill(value); !ok {
				fail(n, "badSkill", value)
				skill = -1
				continue
			}
			if _, ok := skillLine[value]; ok {
				fail(n, "skillTwice", value)
				skill = -1
				continue
			}
			skillLine[value] = n
			out.SkillsOnForm = append(out.SkillsOnForm, value)
			r.Skills = append(r.Skills, PeerSkill{SkillID: value})
			skill = len(r.Skills) - 1
		case sheetFieldLevel, sheetFieldEvidence:
			if skill < 0 {
				if len(skillLine) == 0 {
					fail(n, "noSkill", name)
				}
				continue
			}
			ps := &r.Skills[skill]
			if name == sheetFieldEvidence {
				if evidence[skill] {
					fail(n, "twice", name)
					continue
				}
				evidence[skill] = true
				ps.Evidence = value
				cur = &ps.Evidence
				continue
			}
			if levels[skill] {
				fail(n, "twice", name)
				continue
			}
			levels[skill] = true
			if value == "" {
				continue
			}
			lv, ok := parseSheetLevel(value)
			if !ok {
				fail(n, "badLevel", value)
				continue
			}
			ps.Level = lv
		default: // the closing texts
			if _, ok := closingLine[name]; ok {
				fail(n, "twice", name)
				continue
			}
			closingLine[name] = n
			p := closing[name]
			*p = value
			cur = p
		}
	}
	if !seenMagic {
		fail(0, "notSheet")
		return SheetImport{}, errs
	}
	r.UID = header[sheetFieldID]
	if r.UID == "" {
		fail(headerLine[sheetFieldID], "noID")
	}
	r.For = header[sheetFieldFor]
	r.Rater = header[sheetFieldRater]
	if r.Rater == "" {
		fail(headerLine[sheetFieldRater], "noRater")
	}
	switch rel := header[sheetFieldRelation]; rel {
	case "":
		fail(headerLine[sheetFieldRelation], "noRelation")
	default:
		if r.Relation, _ = ParseRelation(rel); r.Relation == "" {
			fail(headerLine[sheetFieldRelation], "badRel", rel)
		}
	}
	switch d := header[sheetFieldDate]; d {
	case "":
		r.At, out.DateMissing = now, true
	default:
		at, ok := parseSheetDate(d)
		if !ok {
			fail(headerLine[sheetFieldDate], "badDate", d)
		}
		r.At = at
	}
	for _, ps := range r.Skills {
		if ps.Level == 0 && strings.TrimSpace(ps.Evidence) == "" {
			out.EmptySkills = append(out.EmptySkills, ps.SkillID)
		}
		if n := utf8.RuneCountInString(ps.Evidence); n > MaxPeerEvidence {
			fail(skillLine[ps.SkillID], "tooLong", sheetFieldEvidence, n, MaxPeerEvidence)
		}
	}
	for _, name := range []string{sheetFieldWorked, sheetFieldImprovement, sheetFieldAlternative, sheetFieldReason} {
		if strings.TrimSpace(*closing[name]) == "" {
			out.EmptyParts = append(out.EmptyParts, name)
		}
		if n := utf8.RuneCountInString(*closing[name]); n > MaxPeerText {
			fail(closingLine[name], "tooLong", name, n, MaxPeerText)
		}
	}
	for _, name := range []string{sheetFieldRater, sheetFieldFor} {
		if n := utf8.RuneCountInString(header[name]); n > MaxPeerName {
			fail(headerLine[name], "tooLong", name, n, MaxPeerName)
		}
	}
	if len(errs) > 0 {
		return out, errs
	}
	r.Normalize(m)
	if r.Empty() {
		fail(0, "nothing")
		return out, errs
	}
	if err := r.Validate(m); err != nil { // every field was checked above
		return out, SheetErrors{TermSafeLine(file) + ": " + err.Error()}
	}
	return out, nil
}

// parseSheetLevel reads a level as a rater may write it: "4", "４",
// "4 高い", "4（高い）".
func parseSheetLevel(s string) (int, bool) {
	r, size := utf8.DecodeRuneInString(s)
	switch {
	case r >= '1' && r <= '5':
	case r >= '１' && r <= '５':
		r = '1' + (r - '１')
	default:
		return 0, false
	}
	rest := s[size:]
	if next, _ := utf8.DecodeRuneInString(rest); rest != "" && (next >= '0' && next <= '9' || next >= '０' && next <= '９' || next == '.') {
		return 0, false
	}
	return int(r - '0'), true
}

// parseSheetDate reads 2025-06-01, 2025/06/01 or 2025/6/1.
func parseSheetDate(s string) (time.Time, bool) {
	s = strings.NewReplacer("/", "-", "－", "-").Replace(s)
	for _, layout := range []string{"2006-01-02", "2006-1-2"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}
