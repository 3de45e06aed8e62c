package model

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode"

	"go.yaml.in/yaml/v3"
)

// The learner's voice, where it belongs: each part of a learner's feedback
// on the support goes to the skills it speaks to. The content gives each
// skill the learner's words that point at it (Skill.Voice) and each part
// the skills it goes to when its words name none (SkillMap.VoiceDefaults);
// the companion may choose otherwise on the feedback step itself
// (TagFeedback).

// NoFeedbackSkills, alone in a feedback step's Choices, records that the
// companion chose no skill for it. Choices nil means the skills come from
// the words (SkillMap.FeedbackSkills); any other list is the companion's
// choice.
const NoFeedbackSkills = "-"

// ErrNotFeedback is returned when tags are put on a step that is not a
// part of the learner's feedback.
var ErrNotFeedback = errors.New("skills can be tagged only on the learner's feedback")

// FeedbackSkills gives the skills one part of the learner's feedback speaks
// to, in the map's order: the companion's choice if there is one (choices,
// as kept on the step), else the skills whose cue words occur in the words;
// if none do, the part's default skills, narrowed to the session flow's
// skills (flowSkills) when they overlap; a part without defaults goes to
// the flow's skills.
func (m *SkillMap) FeedbackSkills(part, words string, choices, flowSkills []string) []string {
	if choices != nil {
		if slices.Equal(choices, []string{NoFeedbackSkills}) {
			return nil
		}
		return slices.Clone(choices)
	}
	if m == nil {
		return nil
	}
	var out []string
	low := strings.ToLower(words)
	for _, s := range m.Skills {
		if slices.ContainsFunc(s.Voice, func(cue string) bool { return hasCue(low, cue) }) {
			out = append(out, s.ID)
		}
	}
	if out != nil {
		return out
	}
	defaults, ok := m.VoiceDefaults[part]
	if !ok {
		return slices.Clone(flowSkills)
	}
	var narrow []string
	for _, id := range defaults {
		if slices.Contains(flowSkills, id) {
			narrow = append(narrow, id)
		}
	}
	if narrow != nil {
		return narrow
	}
	return slices.Clone(defaults)
}

// hasCue reports whether a cue occurs in the words, given in lower case. A
// cue in Latin letters matches regardless of case and only at the start of
// a word ("listen" in "listened", not in "glisten"); any other cue matches
// anywhere, as Japanese has no spaces between words.
func hasCue(low, cue string) bool {
	if cue == "" {
		return false
	}
	if !latin(cue) {
		return strings.Contains(low, cue)
	}
	c := strings.ToLower(cue)
	for i := 0; ; {
		j := strings.Index(low[i:], c)
		if j < 0 {
			return false
		}
		at := i + j
		if at == 0 || !isWordRune(lastRune(low[:at])) {
			return true
		}
		i = at + 1
	}
}

func latin(s string) bool {
	for _, r := range s {
		if r > unicode.MaxASCII {
			return false
		}
	}
	return true
}

func lastRune(s string) rune {
	r := []rune(s)
	return r[len(r)-1]
}

func isWordRune(r rune) bool {
	return r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r))
}

// TagFeedback sets the skills the current step, a part of the learner's
// feedback, speaks to: the companion's choice (Skills; none if empty), or,
// with Auto, back to the skills its words name.
type TagFeedback struct {
	Skills []string
	Auto   bool
}

func (t TagFeedback) apply(s *Session, now time.Time) error {
	i := s.Index(s.CurrentKey)
	if i < 0 || s.Steps[i].Kind != StepFeedback {
		return ErrNotFeedback
	}
	var choices []string
	if !t.Auto {
		choices = []string{}
		for _, id := range t.Skills {
			if !idPattern.MatchString(id) {
				return fmt.Errorf("%w: %q is not a skill id", ErrNotFeedback, id)
			}
			if !slices.Contains(choices, id) {
				choices = append(choices, id)
			}
		}
		if len(choices) == 0 {
			choices = []string{NoFeedbackSkills}
		}
	}
	st := &s.Steps[i]
	st.Choices = choices
	st.UpdatedAt, s.UpdatedAt = now, now
	return nil
}

// voiceDefaults reads the voice section of a skills file: for each part of
// the learner's feedback, the skills it goes to when its words name none.
// The skills are checked once the whole map is read (checkVoice).
func (l *contentLoader) voiceDefaults(n *yaml.Node, m *SkillMap, seen map[string]string) {
	for _, item := range l.list(n, "voice") {
		f := l.mapping(item, "voice default", "part", "skills", "refs")
		if f == nil {
			continue
		}
		part := l.str(f.get("part"))
		switch {
		case f.get("part") == nil:
			l.errorf(item, "a voice default is missing part (helped, too-much or missing)")
			continue
		case !slices.Contains(FeedbackParts, part):
			l.errorf(f.get("part"), "unknown feedback part %q (use helped, too-much or missing)", part)
			continue
		}
		at := fmt.Sprintf("%s:%d", l.display(l.file), f.get("part").Line)
		if first, dup := seen[part]; dup {
			l.errorf(f.get("part"), "feedback part %q given twice (first at %s)", part, first)
			continue
		}
		seen[part] = at
		ids := l.strList(f.get("skills"), "voice skills")
		if len(ids) == 0 {
			l.errorf(item, "the learner's voice on %q names no skills", part)
			continue
		}
		if m.VoiceDefaults == nil {
			m.VoiceDefaults = map[string][]string{}
		}
		m.VoiceDefaults[part] = ids
		m.voiceLines = append(m.voiceLines, voiceLine{part: part, file: l.file, line: f.get("skills").Line})
	}
}

// voiceLine is where a part's default skills were given, for checkVoice.
type voiceLine struct {
	part, file string
	line       int
}

// checkVoice checks that the default skills of the feedback parts are in
// the map.
func (l *contentLoader) checkVoice(m *SkillMap) {
	for _, v := range m.voiceLines {
		for _, id := range m.VoiceDefaults[v.part] {
			if _, ok := m.Skill(id); !ok {
				l.add(v.file, v.line, "the learner's voice on %q names skill %q, but the skill map has no such skill", v.part, id)
			}
		}
	}
	m.voiceLines = nil
}

// cues reads a skill's voice: the learner's words that point at it.
func (l *contentLoader) cues(n *yaml.Node, what string) []string {
	cues := l.strList(n, what+" voice")
	for i, c := range cues {
		if c == "" {
			l.errorf(n, "%s voice: an empty cue word", what)
		} else if slices.Contains(cues[:i], c) {
			l.errorf(n, "%s voice: cue word %q given twice", what, c)
		}
	}
	return cues
}
