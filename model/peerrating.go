package model

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// Relation is who a rater is to the companion they rate.
type Relation string

// Relations. The guideline names, beside the learner and the companion
// themself, the people around a companion who watch the support from
// outside: a boss, a mentor, fellow members (seed 000 L2960–L2962).
const (
	RelationMentor Relation = "mentor"
	RelationBoss   Relation = "boss"
	RelationPeer   Relation = "peer"
	RelationOther  Relation = "other"
)

// Relations lists the relations in the order they are offered.
var Relations = []Relation{RelationMentor, RelationBoss, RelationPeer, RelationOther}

var relationNames = map[Relation]Text{
	RelationMentor: {Ja: "メンター", En: "mentor"},
	RelationBoss:   {Ja: "上司", En: "boss"},
	RelationPeer:   {Ja: "同僚", En: "peer"},
	RelationOther:  {Ja: "その他", En: "other"},
}

// Valid reports whether r is a known relation.
func (r Relation) Valid() bool { _, ok := relationNames[r]; return ok }

// Name is the relation in a language (the raw value if unknown).
func (r Relation) Name(lang Lang) string {
	if t, ok := relationNames[r]; ok {
		return t.In(lang)
	}
	return string(r)
}

// ParseRelation reads a relation as written in either language ("mentor",
// "メンター", "上司", "boss", …), ignoring case and surrounding spaces.
func ParseRelation(s string) (Relation, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	for _, r := range Relations {
		t := relationNames[r]
		if s == string(r) || s == t.Ja || s == strings.ToLower(t.En) {
			return r, true
		}
	}
	switch s {
	case "ピア", "仲間", "同僚・仲間":
		return RelationPeer, true
	}
	return "", false
}

// Bounds of a peer rating, in characters: a name fits on one line, a
// sentence of evidence and each of the closing texts stay short enough to
// read on the skill page.
const (
	MaxPeerName     = 60
	MaxPeerEvidence = 400
	MaxPeerText     = 2000
)

// PeerSkill is one skill as another person rated it: a level (1–5, or 0
// when they gave none) and a sentence of evidence (may be empty).
type PeerSkill struct {
	SkillID  string `json:"skill"`
	Level    int    `json:"level,omitempty"`
	Evidence string `json:"evidence,omitempty"`
}

// PeerRating is the skill map as rated for the companion by someone who
// watches their support from outside (a mentor, a boss, a peer): per skill
// a level and its evidence, then what worked (specific positives, first),
// and one improvement with an alternative and the reason for it. It is
// feedback for growth, not an assessment, and it is the companion's: no
// one else reads it, the rater included.
type PeerRating struct {
	ID  int64  `json:"-"`
	UID string `json:"uid"` // stable across export and import; a sheet's id
	// For is the companion's name as the rater was asked (may be empty).
	For      string   `json:"for,omitempty"`
	Rater    string   `json:"rater"`
	Relation Relation `json:"relation"`
	Lang     Lang     `json:"lang"`
	// At is when the rating was made; SavedAt when it reached the store.
	At      time.Time `json:"at"`
	SavedAt time.Time `json:"saved_at"`
	// Skills are the skills rated or commented on, in the map's order.
	Skills []PeerSkill `json:"skills"`
	// Worked is what worked: an action tied to its result.
	Worked string `json:"worked,omitempty"`
	// Improvement is one thing to do differently, with an Alternative to
	// try and the Reason for it.
	Improvement string `json:"improvement,omitempty"`
	Alternative string `json:"alternative,omitempty"`
	Reason      string `json:"reason,omitempty"`

	// Owner is the account whose rating it is: the companion rated (0 in
	// the single-user bansou). Never exported.
	Owner int64 `json:"-"`
	// RaterAccount is the rater's account when they rated on a bansou
	// server from their own connection (0 for a sheet). Never exported.
	RaterAccount int64 `json:"-"`
}

// Skill returns what the rating says about a skill.
func (r PeerRating) Skill(id string) (PeerSkill, bool) {
	for _, s := range r.Skills {
		if s.SkillID == id {
			return s, true
		}
	}
	return PeerSkill{}, false
}

// Empty reports whether the rating says nothing at all.
func (r PeerRating) Empty() bool {
	return len(r.Skills) == 0 && strings.TrimSpace(r.Worked+r.Improvement+r.Alternative+r.Reason) == ""
}

// ErrPeerRating is what every problem of a peer rating wraps.
var ErrPeerRating = errors.New("the rating cannot be saved")

// PeerRatingErrors lists every problem of a rating, each naming its field.
type PeerRatingErrors []string

func (e PeerRatingErrors) Error() string {
	return ErrPeerRating.Error() + ": " + strings.Join(e, "; ")
}

func (e PeerRatingErrors) Unwrap() error { return ErrPeerRating }

// Normalize trims the rating's texts, folds the line breaks of its names
// (SingleLine), drops skills that say nothing and puts the rest in the
// map's order (unknown skills last, for Validate to name).
func (r *PeerRating) Normalize(m *SkillMap) {
	r.For = strings.TrimSpace(SingleLine(r.For))
	r.Rater = strings.TrimSpace(SingleLine(r.Rater))
	for _, p := range []*string{&r.Worked, &r.Improvement, &r.Alternative, &r.Reason} {
		*p = strings.TrimSpace(*p)
	}
	r.Skills = slices.DeleteFunc(r.Skills, func(s PeerSkill) bool {
		return s.Level == 0 && strings.TrimSpace(s.Evidence) == ""
	})
	for i := range r.Skills {
		r.Skills[i].Evidence = strings.TrimSpace(r.Skills[i].Evidence)
	}
	order := map[string]int{}
	if m != nil {
		for i, s := range m.Skills {
			order[s.ID] = i
		}
	}
	pos := func(id string) int {
		if i, ok := order[id]; ok {
			return i
		}
		return len(order)
	}
	slices.SortStableFunc(r.Skills, func(a, b PeerSkill) int { return pos(a.SkillID) - pos(b.SkillID) })
}

// Validate checks a rating against the skill map: a rater's name and a
// known relation, levels 1–5, known skills each at most once, texts within
// their bounds and without NUL characters. The texts may hold any other
// character: what shows them writes them through TermSafe.
func (r PeerRating) Validate(m *SkillMap) error {
	var errs PeerRatingErrors
	add := func(format string, args ...any) { errs = append(errs, fmt.Sprintf(format, args...)) }
	text := func(field, s string, most int) {
		if strings.ContainsRune(s, 0) {
			add("%s: contains a NUL character", field)
		}
		if !utf8.ValidString(s) {
			add("%s: is not valid UTF-8 text", field)
		}
		if n := utf8.RuneCountInString(s); n > most {
			add("%s: %d characters, more than %d", field, n, most)
		}
	}
	if strings.TrimSpace(r.Rater) == "" {
		add("rater: missing (who rated?)")
	}
	text("rater", r.Rater, MaxPeerName)
	text("for", r.For, MaxPeerName)
	if !r.Relation.Valid() {
		add("relation: %q is not one of mentor, boss, peer, other", TermSafeLine(string(r.Relation)))
	}
	if r.Lang != Ja && r.Lang != En {
		add("lang: %q is not ja or en", TermSafeLine(string(r.Lang)))
	}
	if r.At.IsZero() {
		add("at: missing")
	}
	seen := map[string]bool{}
	for _, s := range r.Skills {
		field := "skills[" + TermSafeLine(s.SkillID) + "]"
		if _, ok := m.Skill(s.SkillID); !ok {
			add("%s: no such skill in the skill map", field)
		}
		if seen[s.SkillID] {
			add("%s: rated twice", field)
		}
		seen[s.SkillID] = true
		if s.Level < 0 || s.Level > Levels {
			add("%s.level: %d is not 1 to %d", field, s.Level, Levels)
		}
		text(field+".evidence", s.Evidence, MaxPeerEvidence)
	}
	text("worked", r.Worked, MaxPeerText)
	text("improvement", r.Improvement, MaxPeerText)
	text("alternative", r.Alternative, MaxPeerText)
	text("reason", r.Reason, MaxPeerText)
	if len(errs) > 0 {
		return errs
	}
	return nil
}

// OtherView is one other person's rating of one skill, for showing beside
// the companion's own.
type OtherView struct {
	Rating PeerRating // the whole rating (who, when, relation)
	PeerSkill
	// Gap is the other's level minus the companion's own (0 when either
	// is missing; see HasGap).
	Gap    int
	HasGap bool
}

// OthersOn lists what other people said about a skill, most recent
// first, each with its gap to the companion's own level (self: 0 if the
// companion has not rated it).
func OthersOn(ratings []PeerRating, skillID string, self int) []OtherView {
	var out []OtherView
	for _, r := range ratings {
		ps, ok := r.Skill(skillID)
		if !ok {
			continue
		}
		v := OtherView{Rating: r, PeerSkill: ps}
		if ps.Level > 0 && self > 0 {
			v.Gap, v.HasGap = ps.Level-self, true
		}
		out = append(out, v)
	}
	slices.SortStableFunc(out, func(a, b OtherView) int { return b.Rating.At.Compare(a.Rating.At) })
	return out
}

// LatestOther is the most recent other person's level on a skill (0 and
// false if no one rated it with a level).
func LatestOther(ratings []PeerRating, skillID string) (OtherView, bool) {
	for _, v := range OthersOn(ratings, skillID, 0) {
		if v.Level > 0 {
			return v, true
		}
	}
	return OtherView{}, false
}

// PeerRatingsAt picks the ratings that belong with the review at index i:
// those made since the review before it, and before the review after it
// (any time after, for the latest review).
func (h History) PeerRatingsAt(i int, ratings []PeerRating) []PeerRating {
	if i < 0 || i >= len(h) {
		return nil
	}
	var out []PeerRating
	for _, r := range ratings {
		if i > 0 && !r.At.After(h[i-1].At) || i < len(h)-1 && !r.At.Before(h[i+1].At) {
			continue
		}
		out = append(out, r)
	}
	return out
}

// PeerRatingsBefore drops the ratings made on or after the first review
// that started after s: they belong with that later review, not with s.
func PeerRatingsBefore(ratings []PeerRating, reviews []Session, s Session) []PeerRating {
	var next time.Time
	for _, r := range reviews {
		if r.IsSelfReview() && r.StartedAt.After(s.StartedAt) && (next.IsZero() || r.StartedAt.Before(next)) {
			next = r.StartedAt
		}
	}
	if next.IsZero() {
		return ratings
	}
	return slices.DeleteFunc(slices.Clone(ratings), func(r PeerRating) bool { return !r.At.Before(next) })
}

// Rater guidance, shown to the person who rates a companion: on the
// offline sheet and on a server's rating form alike. It follows how the
// guideline designs feedback to companions (seed 000 L2944–L2992): for
// growth, not judgement (L2944–L2950); what worked first, specific, an
// action tied to its result (L2976–L2982); one improvement with an
// alternative and a reason, and no answer asked of the companion, who
// needs time to take it in (L2984–L2992).
var raterGuidance = map[Lang][]string{
	Ja: {
		"%sさんの伴走を見てきた立場から、スキルの地図に沿ってふり返りを手伝ってください。",
		"これは点数をつけて審査するためのものではありません。次に何を伸ばすかを本人が考えるための材料です。",
		"スキルごとに、実際に見た場面にいちばん近い段階（1〜5）を選び、その場面を一文で書いてください。見る機会のなかったスキルは空欄のままで構いません。",
		"最初に、うまくいっていたことを書いてください。「よかった」だけでなく、どの行動がどんな結果につながったかが分かるように。",
		"変えるとよい点は一つに絞り、代わりにどうするとよいかと、そう思う理由を添えてください。",
		"本人からの返事は求めません。受け取った側が落ち着いて考えられるよう、渡すだけで十分です。",
	},
	En: {
		"You have seen how %s accompanies learners. Please help them reflect, following the skill map.",
		"This is not a score or an appraisal. It is material for them to decide what to develop next.",
		"For each skill, choose the level (1 to 5) closest to a situation you actually saw, and describe that situation in one sentence. Leave blank any skill you had no chance to see.",
		"Start with what worked: not just \"it was good\", but which action led to which result.",
		"Keep to one thing to change, and add what they could do instead and why you think so.",
		"No reply is expected. Handing it over is enough, so that they can take it in calmly.",
	},
}

// RaterGuidance is the guidance for a rater of the named companion, one
// paragraph a line, in a language. An empty name reads as "the companion".
func RaterGuidance(lang Lang, companion string) []string {
	lang = langOr(lang)
	lines := slices.Clone(raterGuidance[lang])
	if companion == "" {
		lines[0] = raterGuidanceNoName[lang]
	} else {
		lines[0] = fmt.Sprintf(lines[0], companion)
	}
	return lines
}

var raterGuidanceNoName = map[Lang]string{
	Ja: "この伴走者の伴走を見てきた立場から、スキルの地図に沿ってふり返りを手伝ってください。",
	En: "You have seen how this companion accompanies learners. Please help them reflect, following the skill map.",
}

// The rater's prompts for the closing part of a rating.
var raterPrompts = map[Lang]struct{ Worked, Improvement, Alternative, Reason, Evidence, Level string }{
	Ja: {
		Worked:      "うまくいっていたこと（どの行動が、どんな結果につながったか）",
		Improvement: "変えるとよい点（一つ）",
		Alternative: "代わりにどうするとよいか",
		Reason:      "そう思う理由",
		Evidence:    "根拠になった場面（一文）",
		Level:       "段階（1〜5、見ていなければ空欄）",
	},
	En: {
		Worked:      "What worked (which action led to which result)",
		Improvement: "One thing to change",
		Alternative: "What they could do instead",
		Reason:      "Why you think so",
		Evidence:    "The situation you saw (one sentence)",
		Level:       "Level (1 to 5; blank if you did not see it)",
	},
}

// RaterPrompts are the labels of a rating's parts for the rater, in a
// language: Worked, Improvement, Alternative, Reason, and per skill Level
// and Evidence.
func RaterPrompts(lang Lang) struct{ Worked, Improvement, Alternative, Reason, Evidence, Level string } {
	return raterPrompts[langOr(lang)]
}

// RatingSheet is a sheet the companion wrote for someone to rate them
// offline: its id (the UID of the rating it becomes), for whom, in which
// language and for which skills. The store keeps it, so that only a sheet
// written from this store is imported, and for the companion it was
// written for.
type RatingSheet struct {
	UID       string
	For       string
	Lang      Lang
	Skills    []string
	WrittenAt time.Time
	// Owner is the account that wrote it (0 in the single-user bansou).
	Owner int64
}
