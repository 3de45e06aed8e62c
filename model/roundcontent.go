package model

import (
	"fmt"
	"io/fs"
	"path"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"
)

// The folders of a content directory for peer rounds.
const (
	RoundsDir = "rounds" // formats, one per file, and the ground rules
	CasesDir  = "cases"  // the case deck
)

// RoundFormat is one way to run a peer round: its phases in order, each
// with a planned duration, a guiding question and what the scribe notes.
type RoundFormat struct {
	ID      string      `json:"id"`
	Default bool        `json:"default,omitempty"`
	Title   Text        `json:"title"`
	Summary Text        `json:"summary"`
	Refs    string      `json:"refs,omitempty"`
	Roles   []RoundRole `json:"roles,omitempty"` // roles played, for a role-play
	// NoPresenter marks a format in which nobody presents (presenter:
	// none): a round of it has no presenter and never counts in the
	// rotation.
	NoPresenter bool         `json:"no_presenter,omitempty"`
	Phases      []RoundPhase `json:"phases"`

	File string `json:"-"`
	Line int    `json:"-"`
}

// RoundPhase is one phase of a format.
type RoundPhase struct {
	ID      string        `json:"id"`
	Planned time.Duration `json:"planned"`
	// PresenterListens marks a phase in which the presenter listens
	// without replying.
	PresenterListens bool `json:"presenter_listens,omitempty"`
	// Each marks a phase of the block run once per presenter (each:
	// presenter); the phases so marked follow one another.
	Each bool `json:"each,omitempty"`
	// Turns shares the phase's time among the participants in turn (turns:
	// everyone); TurnPlanned is each turn's length when the format gives
	// one (turn-minutes), else the phase's time divided among them.
	Turns       bool          `json:"turns,omitempty"`
	TurnPlanned time.Duration `json:"turn_planned,omitempty"`
	Title       Text          `json:"title"`
	Question    Text          `json:"question"`
	Capture     Text          `json:"capture"`
	// Records are the round's own fields written down in this phase, after
	// the scribe's notes: the key question, the takeaways, the next actions.
	Records []RoundRecord `json:"records,omitempty"`
}

// RoundRecord is a field of a round kept apart from the notes of a phase.
type RoundRecord string

// The fields a phase can record.
const (
	RecordKeyQuestion RoundRecord = "key-question" // the presenter's question to the group
	RecordTakeaways   RoundRecord = "takeaways"    // what the presenter takes away
	RecordNextActions RoundRecord = "next-actions" // one next action per participant
	RecordLearnings   RoundRecord = "learnings"    // what each participant learnt
)

// roundRecords lists the fields in the order they are asked.
var roundRecords = []RoundRecord{RecordKeyQuestion, RecordTakeaways, RecordLearnings, RecordNextActions}

// perParticipant reports whether a field is recorded once per participant.
func (r RoundRecord) perParticipant() bool { return r == RecordLearnings || r == RecordNextActions }

// Blocked reports whether the format has a block of phases run once per
// presenter.
func (f *RoundFormat) Blocked() bool {
	return f != nil && slices.ContainsFunc(f.Phases, func(p RoundPhase) bool { return p.Each })
}

// Phase returns the format's phase a timer phase runs (a phase of the
// block once per presenter has the id phase@n).
func (f *RoundFormat) Phase(timerID string) (RoundPhase, bool) {
	if f == nil {
		return RoundPhase{}, false
	}
	base, _, _ := strings.Cut(timerID, "@")
	for _, p := range f.Phases {
		if p.ID == base {
			return p, true
		}
	}
	return RoundPhase{}, false
}

// RoundRole is a role played in a role-play.
type RoundRole struct {
	ID    string `json:"id"`
	Name  Text   `json:"name"`
	Brief Text   `json:"brief"`
}

// GroundRule is one rule kept visible during a round.
type GroundRule struct {
	ID   string `json:"id"`
	Text Text   `json:"text"`
}

// Case is a scenario card of the case deck.
type Case struct {
	ID     string   `json:"id"`
	Phase  Phase    `json:"phase"`
	Refs   string   `json:"refs,omitempty"`
	Skills []string `json:"skills,omitempty"`
	// Tags describe the scene (public-sector, overseas, mid-career,
	// companion-host…), so that a facilitator can find a card.
	Tags     []string `json:"tags,omitempty"`
	Title    Text     `json:"title"`
	Scene    Text     `json:"scene"`
	Question Text     `json:"question"`
}

// RoundContent is what a peer round draws on.
type RoundContent struct {
	Formats []*RoundFormat `json:"formats"`
	Rules   []GroundRule   `json:"rules"`
	Cases   []Case         `json:"cases"`
}

// Format returns the format with the given id.
func (c *RoundContent) Format(id string) (*RoundFormat, bool) {
	if c == nil {
		return nil, false
	}
	for _, f := range c.Formats {
		if f.ID == id {
			return f, true
		}
	}
	return nil, false
}

// DefaultFormat is the format marked default, or the first.
func (c *RoundContent) DefaultFormat() *RoundFormat {
	if c == nil || len(c.Formats) == 0 {
		return nil
	}
	for _, f := range c.Formats {
		if f.Default {
			return f
		}
	}
	return c.Formats[0]
}

// yamlFiles lists the *.yaml and *.yml files of a folder, sorted.
func yamlFiles(fsys fs.FS, dir string) []string {
	files, _ := fs.Glob(fsys, dir+"/*")
	var out []string
	for _, name := range files {
		if ext := strings.ToLower(path.Ext(name)); ext == ".yaml" || ext == ".yml" {
			out = append(out, name)
		}
	}
	sort.Strings(out)
	return out
}

// loadRounds reads rounds/ and cases/; nil when the content has neither.
func (l *contentLoader) loadRounds(fsys fs.FS, skills *SkillMap) *RoundContent {
	formats, cases := yamlFiles(fsys, RoundsDir), yamlFiles(fsys, CasesDir)
	if len(formats) == 0 && len(cases) == 0 {
		return nil
	}
	c := &RoundContent{}
	seen := map[string]*RoundFormat{}
	for _, name := range formats {
		root := l.read(fsys, name)
		if root == nil {
			continue
		}
		if root.Kind == yaml.MappingNode && len(root.Content) > 0 && root.Content[0].Value == "rules" {
			c.Rules = append(c.Rules, l.rules(root)...)
			continue
		}
		f := l.format(name, root)
		if f == nil {
			continue
		}
		if first, dup := seen[f.ID]; dup && f.ID != "" {
			l.add(name, f.Line, "duplicate format id %q (first defined at %s:%d)", f.ID, l.display(first.File), first.Line)
			continue
		}
		seen[f.ID] = f
		c.Formats = append(c.Formats, f)
	}
	defaults := 0
	for _, f := range c.Formats {
		if f.Default {
			defaults++
			if defaults > 1 {
				l.add(f.File, f.Line, "format %q is marked default, but another format already is", f.ID)
			}
		}
	}
	seenCase := map[string]bool{}
	for _, name := range cases {
		root := l.read(fsys, name)
		if root == nil {
			continue
		}
		top := l.mapping(root, "case deck", "cases")
		if top == nil {
			continue
		}
		for _, item := range l.list(top.get("cases"), "cases") {
			cs := l.card(item, skills)
			if seenCase[cs.ID] && cs.ID != "" {
				l.errorf(item, "duplicate case id %q", cs.ID)
				continue
			}
			seenCase[cs.ID] = true
			c.Cases = append(c.Cases, cs)
		}
	}
	return c
}

// read parses one file, reporting a problem reading it.
func (l *contentLoader) read(fsys fs.FS, name string) *yaml.Node {
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		l.add(name, 0, "cannot read: %v", err)
		return nil
	}
	return l.document(name, data)
}

func (l *contentLoader) rules(root *yaml.Node) []GroundRule {
	f := l.mapping(root, "ground rules", "rules")
	if f == nil {
		return nil
	}
	var out []GroundRule
	for _, item := range l.list(f.get("rules"), "rules") {
		rf := l.mapping(item, "rule", "id", "text")
		if rf == nil {
			continue
		}
		r := GroundRule{ID: l.id(item, rf.get("id"), "rule")}
		r.Text = l.text(item, rf, "text", fmt.Sprintf("rule %q text", r.ID), true)
		out = append(out, r)
	}
	return out
}

func (l *contentLoader) format(name string, root *yaml.Node) *RoundFormat {
	f := l.mapping(root, "round format", "id", "default", "refs", "presenter", "title", "summary", "roles", "phases")
	if f == nil {
		return nil
	}
	rf := &RoundFormat{File: name, Line: root.Line}
	rf.ID = l.id(root, f.get("id"), "format")
	what := fmt.Sprintf("format %q", rf.ID)
	if n := f.get("default"); n != nil {
		v, err := strconv.ParseBool(l.str(n))
		if err != nil {
			l.errorf(n, "%s: default must be true or false, not %q", what, n.Value)
		}
		rf.Default = v
	}
	rf.Refs = l.str(f.get("refs"))
	rf.NoPresenter = l.keyword(f.get("presenter"), what, "presenter", "none", "none or left out")
	rf.Title = l.title(root, f, "title", what+" title", true)
	rf.Summary = l.text(root, f, "summary", what+" summary", true)
	for _, item := range l.list(f.get("roles"), what+" roles") {
		rlf := l.mapping(item, "role", "id", "name", "brief")
		if rlf == nil {
			continue
		}
		r := RoundRole{ID: l.id(item, rlf.get("id"), "role")}
		r.Name = l.title(item, rlf, "name", fmt.Sprintf("%s role %q name", what, r.ID), true)
		r.Brief = l.text(item, rlf, "brief", fmt.Sprintf("%s role %q brief", what, r.ID), true)
		rf.Roles = append(rf.Roles, r)
	}
	seen := map[string]bool{}
	recorded := map[RoundRecord]bool{}      // outside the block
	recordedBlock := map[RoundRecord]bool{} // in the block repeated per presenter
	blockEnded := false
	for _, item := range l.list(f.get("phases"), what+" phases") {
		pf := l.mapping(item, "phase", "id", "minutes", "presenter", "each", "turns", "turn-minutes", "title", "question", "capture", "records")
		if pf == nil {
			continue
		}
		p := RoundPhase{ID: l.id(item, pf.get("id"), "phase")}
		pw := fmt.Sprintf("%s phase %q", what, p.ID)
		if seen[p.ID] && p.ID != "" {
			l.errorf(pf.get("id"), "%s: duplicate phase id %q", what, p.ID)
		}
		seen[p.ID] = true
		if n := pf.get("minutes"); n == nil {
			l.errorf(item, "%s has no minutes (its planned duration)", pw)
		} else if m, ok := l.minutes(n, pw, "minutes"); ok {
			p.Planned = m
		}
		switch v := l.str(pf.get("presenter")); v {
		case "", "speaks":
		case "listens":
			p.PresenterListens = true
			if rf.NoPresenter {
				l.errorf(pf.get("presenter"), "%s: the format has no presenter (presenter: none), so nobody listens as one", pw)
			}
		default:
			l.errorf(pf.get("presenter"), "%s: presenter must be speaks or listens, not %q", pw, v)
		}
		if p.Each = l.keyword(pf.get("each"), pw, "each", "presenter", "presenter"); p.Each {
			switch {
			case rf.NoPresenter:
				l.errorf(pf.get("each"), "%s: the format has no presenter (presenter: none), so no phase repeats per presenter", pw)
			case blockEnded:
				l.errorf(pf.get("each"), "%s: the phases marked each: presenter must follow one another (one block per format)", pw)
			}
		}
		if !p.Each && len(rf.Phases) > 0 && rf.Phases[len(rf.Phases)-1].Each {
			blockEnded = true
		}
		p.Turns = l.keyword(pf.get("turns"), pw, "turns", "everyone", "everyone")
		if n := pf.get("turn-minutes"); n != nil {
			if !p.Turns {
				l.errorf(n, "%s: turn-minutes needs turns: everyone", pw)
			} else if m, ok := l.minutes(n, pw, "turn-minutes"); ok {
				p.TurnPlanned = m
			}
		}
		p.Title = l.title(item, pf, "title", pw+" title", true)
		p.Question = l.text(item, pf, "question", pw+" question", true)
		p.Capture = l.text(item, pf, "capture", pw+" capture", true)
		for _, v := range l.strList(pf.get("records"), pw+" records") {
			r := RoundRecord(v)
			at := pf.get("records")
			switch {
			case !slices.Contains(roundRecords, r):
				l.errorf(at, "%s: records must name key-question, takeaways, learnings or next-actions, not %q", pw, v)
			case rf.NoPresenter && !r.perParticipant():
				l.errorf(at, "%s: the format has no presenter (presenter: none), so it records no %s", pw, v)
			case p.Each && r.perParticipant():
				l.errorf(at, "%s: %s is recorded once per participant, not inside the block repeated per presenter", pw, v)
			case p.Each && recordedBlock[r]:
				l.errorf(at, "%s: %s is already recorded in an earlier phase of the block repeated per presenter", pw, v)
			case p.Each && recorded[r], !p.Each && recordedBlock[r]:
				l.errorf(at, "%s: %s is recorded in the block repeated per presenter and again outside it", pw, v)
			case !p.Each && recorded[r]:
				l.errorf(at, "%s: %s is already recorded in an earlier phase", pw, v)
			default:
				if p.Each {
					recordedBlock[r] = true
				} else {
					recorded[r] = true
				}
				p.Records = append(p.Records, r)
			}
		}
		rf.Phases = append(rf.Phases, p)
	}
	if len(rf.Phases) == 0 {
		l.errorf(root, "%s has no phases", what)
	} else if !recorded[RecordNextActions] {
		l.errorf(root, "%s: no phase records next-actions; every round ends with each participant's next action", what)
	}
	return rf
}

// keyword reads a key that takes one word or nothing: true for the word,
// false when the key is missing, and an error saying what it must be for
// anything else.
func (l *contentLoader) keyword(n *yaml.Node, what, key, word, must string) bool {
	switch v := l.str(n); v {
	case "":
		return false
	case word:
		return true
	default:
		l.errorf(n, "%s: %s must be %s, not %q", what, key, must, v)
		return false
	}
}

// minutes reads a number of minutes from 1 to 600.
func (l *contentLoader) minutes(n *yaml.Node, what, key string) (time.Duration, bool) {
	m, err := strconv.Atoi(l.str(n))
	if err != nil || m < 1 || m > 600 {
		l.errorf(n, "%s: %s must be a whole number from 1 to 600, not %q", what, key, n.Value)
		return 0, false
	}
	return time.Duration(m) * time.Minute, true
}

func (l *contentLoader) card(item *yaml.Node, skills *SkillMap) Case {
	f := l.mapping(item, "case", "id", "phase", "refs", "skills", "tags", "title", "scene", "question")
	if f == nil {
		return Case{}
	}
	c := Case{ID: l.id(item, f.get("id"), "case")}
	what := fmt.Sprintf("case %q", c.ID)
	c.Phase = Phase(l.str(f.get("phase")))
	if !c.Phase.Valid() {
		l.errorf(item, "%s: phase must be before, during or after, not %q", what, c.Phase)
	}
	c.Refs = l.str(f.get("refs"))
	c.Skills = l.strList(f.get("skills"), what+" skills")
	for _, id := range c.Skills {
		if _, ok := skills.Skill(id); skills != nil && !ok {
			l.errorf(f.get("skills"), "%s names skill %q, but the skill map has no such skill", what, id)
		}
	}
	for _, tag := range l.strList(f.get("tags"), what+" tags") {
		switch {
		case !idPattern.MatchString(tag):
			l.errorf(f.get("tags"), "%s tag %q must be lowercase letters, digits and hyphens", what, tag)
		case slices.Contains(c.Tags, tag):
			l.errorf(f.get("tags"), "%s: tag %q is given twice", what, tag)
		default:
			c.Tags = append(c.Tags, tag)
		}
	}
	c.Title = l.title(item, f, "title", what+" title", true)
	c.Scene = l.text(item, f, "scene", what+" scene", true)
	c.Question = l.text(item, f, "question", what+" question", true)
	return c
}
