package model

import (
	"bytes"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// SkillsDir is the folder of a content directory that holds the skill map.
const SkillsDir = "skills"

// SkillGroup is when in the process a skill is mostly needed: one of the
// three phases, or across the whole process.
type SkillGroup string

// Skill groups, in the map's order.
const (
	GroupBefore SkillGroup = "before"
	GroupDuring SkillGroup = "during"
	GroupAfter  SkillGroup = "after"
	GroupAcross SkillGroup = "across"
)

// SkillGroups lists the groups in the map's order.
var SkillGroups = []SkillGroup{GroupBefore, GroupDuring, GroupAfter, GroupAcross}

// Valid reports whether g is a known group.
func (g SkillGroup) Valid() bool {
	return g == GroupBefore || g == GroupDuring || g == GroupAfter || g == GroupAcross
}

// Levels is the number of levels of every skill: 5 is 非常に高い (very high),
// 1 is 非常に低い (very low).
const Levels = 5

// LevelName names a level (1–5) in lang; 0 and out-of-range values name
// nothing.
func LevelName(level int, lang Lang) string {
	if level < 1 || level > Levels {
		return ""
	}
	return levelNames[level-1].In(lang)
}

var levelNames = [Levels]Text{
	{Ja: "非常に低い", En: "very low"},
	{Ja: "低い", En: "low"},
	{Ja: "普通", En: "moderate"},
	{Ja: "高い", En: "high"},
	{Ja: "非常に高い", En: "very high"},
}

// Skill is one of the companion skills of the guideline's skill map, with
// five levels of observable behaviour and ways to develop it.
type Skill struct {
	ID         string     `json:"id"`
	Group      SkillGroup `json:"group"`
	Name       Text       `json:"name"`
	Definition Text       `json:"definition"`
	// Voice are the learner's words that point at the skill: a part of
	// their feedback in which one occurs speaks to it (see FeedbackSkills).
	Voice []string `json:"voice,omitempty"`
	// Levels describes level 1 (very low) to 5 (very high), in that order.
	Levels  [Levels]Text `json:"levels"`
	Methods []Method     `json:"methods"`
	Refs    string       `json:"refs,omitempty"`
	// ByType is the skill's focus and caution for each companion type.
	ByType map[CompanionType]TypeFocus `json:"by_type,omitempty"`

	File string `json:"-"`
	Line int    `json:"-"`
}

// Level describes a level of the skill (1–5), or returns the zero Text.
func (s Skill) Level(level int) Text {
	if level < 1 || level > Levels {
		return Text{}
	}
	return s.Levels[level-1]
}

// Method is one way to develop a skill in everyday practice.
type Method struct {
	Title Text   `json:"title"`
	Text  Text   `json:"text"`
	Refs  string `json:"refs,omitempty"`
}

// BalanceItem is one way support goes out of balance (too much of it, or
// too little), for a short reflection at the end of a self-review.
type BalanceItem struct {
	ID       string `json:"id"`
	Name     Text   `json:"name"`
	Text     Text   `json:"text"`
	Question Text   `json:"question"`
	Refs     string `json:"refs,omitempty"`

	Line int `json:"-"`
}

// SkillMap is the whole skill map: the skills in the map's order (by group,
// then as written) and the balance reflection.
type SkillMap struct {
	Skills  []Skill       `json:"skills"`
	Balance []BalanceItem `json:"balance"`
	// VoiceDefaults are, by part of the learner's feedback, the skills a
	// part goes to when its words name none (see FeedbackSkills).
	VoiceDefaults map[string][]string `json:"voice_defaults,omitempty"`

	voiceLines []voiceLine
}

// Skill returns the skill with the given id.
func (m *SkillMap) Skill(id string) (Skill, bool) {
	if m == nil {
		return Skill{}, false
	}
	for _, s := range m.Skills {
		if s.ID == id {
			return s, true
		}
	}
	return Skill{}, false
}

// InGroup lists the ids of the skills of group g, in the map's order.
func (m *SkillMap) InGroup(g SkillGroup) []string {
	var ids []string
	for _, s := range m.Skills {
		if s.Group == g {
			ids = append(ids, s.ID)
		}
	}
	return ids
}

// IDs lists every skill id in the map's order.
func (m *SkillMap) IDs() []string {
	ids := make([]string, len(m.Skills))
	for i, s := range m.Skills {
		ids[i] = s.ID
	}
	return ids
}

// loadSkills reads every *.yaml file under skills/ in fsys. It returns nil
// (and no problem) when there is no such folder, so that a content
// directory may leave the skill map to the built-in one.
func (l *contentLoader) loadSkills(fsys fs.FS) *SkillMap {
	files, err := fs.Glob(fsys, SkillsDir+"/*")
	if err != nil || len(files) == 0 {
		return nil
	}
	sort.Strings(files)
	m := &SkillMap{}
	seen := map[string]Skill{}
	seenBalance := map[string]string{}
	seenVoice := map[string]string{}
	for _, name := range files {
		ext := strings.ToLower(path.Ext(name))
		if ext != ".yaml" && ext != ".yml" {
			continue
		}
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			l.add(name, 0, "cannot read: %v", err)
			continue
		}
		root := l.document(name, data)
		if root == nil {
			continue
		}
		top := l.mapping(root, "skills file", "skills", "balance", "voice")
		if top == nil {
			continue
		}
		if top.get("skills") == nil && top.get("balance") == nil && top.get("voice") == nil {
			l.errorf(root, "a skills file needs skills, balance or voice")
		}
		for _, s := range l.skills(top.get("skills")) {
			s.File = name
			if first, dup := seen[s.ID]; dup && s.ID != "" {
				l.add(name, s.Line, "duplicate skill id %q (first defined at %s:%d)", s.ID, l.display(first.File), first.Line)
				continue
			}
			seen[s.ID] = s
			m.Skills = append(m.Skills, s)
		}
		for _, b := range l.balance(top.get("balance")) {
			if first, dup := seenBalance[b.ID]; dup && b.ID != "" {
				l.add(name, b.Line, "duplicate balance id %q (first defined in %s)", b.ID, first)
				continue
			}
			seenBalance[b.ID] = l.display(name)
			m.Balance = append(m.Balance, b)
		}
		l.voiceDefaults(top.get("voice"), m, seenVoice)
	}
	l.checkVoice(m)
	if len(m.Skills) == 0 && len(l.errs) == 0 {
		l.add(SkillsDir, 0, "no skills found (a skills folder needs at least one skill)")
	}
	rank := map[SkillGroup]int{}
	for i, g := range SkillGroups {
		rank[g] = i
	}
	sort.SliceStable(m.Skills, func(i, j int) bool { return rank[m.Skills[i].Group] < rank[m.Skills[j].Group] })
	return m
}

// document parses a YAML file and returns its root node, or nil after
// reporting the problem.
func (l *contentLoader) document(name string, data []byte) *yaml.Node {
	l.file = name
	p, ok := l.parsed[name]
	if !ok {
		p.err = yaml.Unmarshal(data, &p.doc)
	}
	doc, err := p.doc, p.err
	if err != nil {
		line := 0
		if m := yamlLine.FindStringSubmatch(err.Error()); m != nil {
			line, _ = strconv.Atoi(m[1])
		} else {
			line = errorLine(data, err.Error())
		}
		msg := strings.TrimPrefix(err.Error(), "yaml: ")
		msg = strings.TrimPrefix(msg, fmt.Sprintf("line %d: ", line))
		l.add(name, line, "not valid YAML: %s", msg)
		return nil
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) == 0 {
		l.add(name, 1, "the file is empty")
		return nil
	}
	return doc.Content[0]
}

// errorLine finds the line of a YAML error whose message names none (a
// control character, invalid UTF-8, an unknown escape): the first line at
// which the text read so far fails with the same message. Text before that
// line either parses or fails differently, so the search can halve.
func errorLine(data []byte, msg string) int {
	var ends []int // byte offset just past each line, as YAML counts lines
	for i := 0; i < len(data); i++ {
		switch {
		case data[i] == '\r' && i+1 < len(data) && data[i+1] == '\n':
		case data[i] == '\n', data[i] == '\r':
			ends = append(ends, i+1)
		case bytes.HasPrefix(data[i:], []byte("\u0085")):
			ends = append(ends, i+2)
		case bytes.HasPrefix(data[i:], []byte("\u2028")), bytes.HasPrefix(data[i:], []byte("\u2029")):
			ends = append(ends, i+3)
		}
	}
	if len(ends) == 0 || ends[len(ends)-1] != len(data) {
		ends = append(ends, len(data))
	}
	fails := func(k int) bool {
		var doc yaml.Node
		err := yaml.Unmarshal(data[:ends[k]], &doc)
		return err != nil && err.Error() == msg
	}
	k := sort.Search(len(ends), fails)
	return min(k, len(ends)-1) + 1
}

func (l *contentLoader) list(n *yaml.Node, what string) []*yaml.Node {
	if n == nil {
		return nil
	}
	if n.Kind != yaml.SequenceNode {
		l.errorf(n, "%s must be a list", what)
		return nil
	}
	return n.Content
}

func (l *contentLoader) skills(n *yaml.Node) []Skill {
	var out []Skill
	for _, item := range l.list(n, "skills") {
		f := l.mapping(item, "skill", "id", "group", "refs", "name", "definition", "voice", "levels", "methods", "by-type")
		if f == nil {
			continue
		}
		s := Skill{Line: item.Line}
		s.ID = l.id(item, f.get("id"), "skill")
		what := fmt.Sprintf("skill %q", s.ID)
		s.Group = SkillGroup(l.str(f.get("group")))
		if f.get("group") == nil {
			l.errorf(item, "%s is missing group (before, during, after or across)", what)
		} else if !s.Group.Valid() {
			l.errorf(f.get("group"), "%s: unknown group %q (use before, during, after or across)", what, s.Group)
		}
		s.Refs = l.str(f.get("refs"))
		s.Name = l.title(item, f, "name", what+" name", true)
		s.Definition = l.text(item, f, "definition", what+" definition", true)
		s.Voice = l.cues(f.get("voice"), what)
		l.levels(item, f, &s, what)
		for _, mn := range l.list(f.get("methods"), what+" methods") {
			mf := l.mapping(mn, "method", "title", "text", "refs")
			if mf == nil {
				continue
			}
			s.Methods = append(s.Methods, Method{
				Title: l.title(mn, mf, "title", what+" method title", true),
				Text:  l.text(mn, mf, "text", what+" method text", true),
				Refs:  l.str(mf.get("refs")),
			})
		}
		s.ByType = l.typeFocus(f.get("by-type"), what)
		if len(s.Methods) == 0 {
			l.errorf(item, "%s has no methods (at least one way to develop it is needed)", what)
		}
		out = append(out, s)
	}
	return out
}

// levels reads the five levels, keyed 5 (very high) down to 1 (very low),
// and checks that each is given once in both languages and that no two
// say the same.
func (l *contentLoader) levels(item *yaml.Node, f fields, s *Skill, what string) {
	n := f.get("levels")
	if n == nil {
		l.errorf(item, "%s has no levels (it needs 1 to %d)", what, Levels)
		return
	}
	keys := make([]string, Levels)
	for i := range keys {
		keys[i] = strconv.Itoa(i + 1)
	}
	lf := l.mapping(n, what+" levels", keys...)
	if lf == nil {
		return
	}
	for i := range Levels {
		key := keys[i]
		if lf.get(key) == nil {
			l.errorf(f.keyNode("levels"), "%s is missing level %s (levels 1 to %d are all needed)", what, key, Levels)
			continue
		}
		s.Levels[i] = l.text(n, lf, key, fmt.Sprintf("%s level %s", what, key), true)
		for j := range i {
			for _, lang := range []Lang{Ja, En} {
				if t := s.Levels[i].In(lang); t != "" && t == s.Levels[j].In(lang) {
					l.errorf(lf.keyNode(key), "%s: level %s says the same as level %d (%s)", what, key, j+1, lang)
				}
			}
		}
	}
}

func (l *contentLoader) balance(n *yaml.Node) []BalanceItem {
	var out []BalanceItem
	for _, item := range l.list(n, "balance") {
		f := l.mapping(item, "balance item", "id", "name", "text", "question", "refs")
		if f == nil {
			continue
		}
		b := BalanceItem{ID: l.id(item, f.get("id"), "balance item"), Line: item.Line}
		what := fmt.Sprintf("balance item %q", b.ID)
		b.Name = l.title(item, f, "name", what+" name", true)
		b.Text = l.text(item, f, "text", what+" text", true)
		b.Question = l.text(item, f, "question", what+" question", true)
		b.Refs = l.str(f.get("refs"))
		out = append(out, b)
	}
	return out
}
