package model

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// Phase is where an engagement stands relative to the stint.
type Phase string

// The three phases of cross-boundary learning.
const (
	Before Phase = "before" // 越境前
	During Phase = "during" // 越境中
	After  Phase = "after"  // 越境後
)

// Phases lists the phases in their natural order.
var Phases = []Phase{Before, During, After}

// Valid reports whether p is one of the three phases.
func (p Phase) Valid() bool { return p == Before || p == During || p == After }

// CompanionType is the kind of companion, as the guideline distinguishes them.
type CompanionType string

// The three companion types.
const (
	Sending    CompanionType = "sending"     // 所属組織の伴走者
	Host       CompanionType = "host"        // 越境先の伴走者
	ThirdParty CompanionType = "third_party" // 第三者的な伴走者
)

// CompanionTypes lists the types in display order.
var CompanionTypes = []CompanionType{Sending, Host, ThirdParty}

// Valid reports whether t is a known companion type.
func (t CompanionType) Valid() bool { return t == Sending || t == Host || t == ThirdParty }

// Learner is the person who goes out and comes back (越境学習者).
type Learner struct {
	ID   int64  `json:"id"`
	UID  string `json:"uid"` // stable across export and import
	Name string `json:"name"`
}

// Companion is one person accompanying the learner in an engagement.
type Companion struct {
	Name string        `json:"name"`
	Type CompanionType `json:"type"`
}

// Engagement is one stint: a learner, the sending and host organisations, the
// dates and the companions.
type Engagement struct {
	ID         int64       `json:"id"`
	UID        string      `json:"uid"` // stable across export and import
	Learner    Learner     `json:"learner"`
	SendingOrg string      `json:"sending_org"`
	HostOrg    string      `json:"host_org"`
	Start      Date        `json:"start"`
	End        Date        `json:"end"`
	Companions []Companion `json:"companions"`
	// MyType is the kind of companion the person reading is on this
	// engagement (the single user says it on the engagement's form; on a
	// server it is their membership's), so that prompts and hints fit
	// them. Empty: not said, and prompts read as written.
	MyType CompanionType `json:"my_type,omitempty"`
	// CheckinEarlyDays and CheckinLaterDays are the check-in cadence:
	// every so many days in the first two months of the stint, and after.
	// Zero means the default (7 and 14).
	CheckinEarlyDays int       `json:"checkin_early_days"`
	CheckinLaterDays int       `json:"checkin_later_days"`
	Archived         bool      `json:"archived"`
	CreatedAt        time.Time `json:"created_at"`
	UpdatedAt        time.Time `json:"updated_at"`
}

// PhaseOn derives the engagement's phase on the given day: before the start
// date it is Before, from the start to the end date During, after it After.
func (e Engagement) PhaseOn(today Date) Phase {
	switch {
	case today.Before(e.Start):
		return Before
	case !e.End.IsZero() && e.End.Before(today):
		return After
	default:
		return During
	}
}

// Validate checks an engagement before it is saved and returns every problem
// found, one per field, keyed by field name.
func (e Engagement) Validate() FieldErrors {
	errs := FieldErrors{}
	if strings.TrimSpace(e.Learner.Name) == "" {
		errs["learner"] = ErrRequired
	}
	if e.Start.IsZero() {
		errs["start"] = ErrRequired
	}
	if e.End.IsZero() {
		errs["end"] = ErrRequired
	}
	if !e.Start.IsZero() && !e.End.IsZero() && e.End.Before(e.Start) {
		errs["end"] = ErrEndBeforeStart
	}
	for name, d := range map[string]int{"early": e.CheckinEarlyDays, "later": e.CheckinLaterDays} {
		if d < 0 || d > MaxCadenceDays {
			errs[name] = ErrBadCadence
		}
	}
	if e.MyType != "" && !e.MyType.Valid() {
		errs["my_type"] = fmt.Errorf("unknown companion type %q", e.MyType)
	}
	for i, c := range e.Companions {
		if !c.Type.Valid() {
			errs[fmt.Sprintf("companion%d", i)] = fmt.Errorf("unknown companion type %q", c.Type)
		}
	}
	if len(errs) == 0 {
		return nil
	}
	return errs
}

// Validation errors shared by the form and the store.
var (
	ErrRequired       = errors.New("required")
	ErrEndBeforeStart = errors.New("end date is before the start date")
	ErrBadDate        = errors.New("not a date (use YYYY-MM-DD)")
	ErrBadCadence     = fmt.Errorf("a number of days from 1 to %d", MaxCadenceDays)
)

// Check-in cadence defaults and bounds, in days.
const (
	DefaultEarlyDays = 7
	DefaultLaterDays = 14
	MaxCadenceDays   = 90
)

// Cadence returns the check-in interval in days on a given day: the early
// one in the first two months of the stint, the later one after.
func (e Engagement) Cadence(today Date) int {
	early, later := e.CheckinEarlyDays, e.CheckinLaterDays
	if early <= 0 {
		early = DefaultEarlyDays
	}
	if later <= 0 {
		later = DefaultLaterDays
	}
	if today.Before(e.Start.AddMonths(2)) {
		return early
	}
	return later
}

// FieldErrors maps a field name to what is wrong with it.
type FieldErrors map[string]error

func (f FieldErrors) Error() string {
	var parts []string
	for _, k := range sortedKeys(f) {
		parts = append(parts, k+": "+f[k].Error())
	}
	return strings.Join(parts, "; ")
}

// Date is a calendar day without time or zone.
type Date struct{ t time.Time }

// NewDate returns the given calendar day.
func NewDate(y int, m time.Month, d int) Date {
	return Date{time.Date(y, m, d, 0, 0, 0, 0, time.UTC)}
}

// DateOf returns the calendar day of t in t's own location.
func DateOf(t time.Time) Date { return NewDate(t.Date()) }

// dateSeparators turns the separators of a typed date into hyphens.
var dateSeparators = strings.NewReplacer("/", "-", ".", "-", "年", "-", "月", "-", "日", "")

// ParseDate reads a day written as 2026-04-01, 2026/4/1, 2026.4.1 or
// 2026年4月1日; full-width digits and separators (２０２６／４／１) are
// accepted too. An empty string is the zero Date.
func ParseDate(s string) (Date, error) { return ParseDateNear(s, Date{}) }

// ParseDateNear is ParseDate that also reads a day without its year (4月1日,
// 4/1): the day of that month and day nearest to near, so that a due date
// typed in December for January falls next year, and a start typed a week
// late falls this one. With the zero near, a year is needed.
func ParseDateNear(s string, near Date) (Date, error) {
	return parseDate(s, near, func(m time.Month, d int) (Date, error) { return nearestDay(m, d, near) })
}

// ParseDateAfter is ParseDate that reads a day without its year as the
// first such day on or after from, as an end date typed after its start
// (12月1日 to 5/31 runs into the next year). With the zero from, a year is
// needed.
func ParseDateAfter(s string, from Date) (Date, error) {
	return parseDate(s, from, func(m time.Month, d int) (Date, error) {
		for y := from.t.Year(); y <= from.t.Year()+4; y++ { // 2月29日 may wait for a leap year
			if c := NewDate(y, m, d); c.t.Day() == d && !c.Before(from) {
				return c, nil
			}
		}
		return Date{}, ErrBadDate
	})
}

// parseDate reads a day as ParseDate does; one without its year is
// placed by yearless, unless ref is the zero Date.
func parseDate(s string, ref Date, yearless func(m time.Month, d int) (Date, error)) (Date, error) {
	// The form dates are stored in first: a store reads thousands of them
	// when the home screen opens.
	if t, err := time.Parse(time.DateOnly, s); err == nil && t.Year() >= 1900 {
		return Date{t}, nil
	}
	s = strings.TrimSpace(HalfWidth(s))
	if s == "" {
		return Date{}, nil
	}
	s = dateSeparators.Replace(s)
	var y, m, d int
	var rest string
	n, _ := fmt.Sscanf(s, "%d-%d-%d%s", &y, &m, &d, &rest)
	if n == 2 && !ref.IsZero() && !strings.HasSuffix(s, "-") {
		if y < 1 || y > 12 || m < 1 || m > 31 {
			return Date{}, ErrBadDate
		}
		return yearless(time.Month(y), m)
	}
	if n != 3 || y < 1900 || y > 9999 || m < 1 || m > 12 || d < 1 || d > 31 {
		return Date{}, ErrBadDate
	}
	date := NewDate(y, time.Month(m), d)
	if date.t.Day() != d { // 2026-02-30 and the like
		return Date{}, ErrBadDate
	}
	return date, nil
}

// nearestDay is the day m/d nearest to near: in its year, the year before
// or the year after.
func nearestDay(m time.Month, d int, near Date) (Date, error) {
	if m < 1 || m > 12 || d < 1 || d > 31 {
		return Date{}, ErrBadDate
	}
	var best Date
	for y := near.t.Year() - 1; y <= near.t.Year()+1; y++ {
		c := NewDate(y, m, d)
		if c.t.Day() != d { // 2月30日, or 2月29日 outside a leap year
			continue
		}
		if best.IsZero() || absDays(c, near) < absDays(best, near) {
			best = c
		}
	}
	if best.IsZero() {
		return Date{}, ErrBadDate
	}
	return best, nil
}

func absDays(a, b Date) time.Duration {
	d := a.t.Sub(b.t)
	if d < 0 {
		return -d
	}
	return d
}

// IsZero reports whether the date is unset.
func (d Date) IsZero() bool { return d.t.IsZero() }

// Before reports whether d is an earlier day than o.
func (d Date) Before(o Date) bool { return d.t.Before(o.t) }

// String formats the day as 2026-04-01, or "" when unset.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return d.t.Format(time.DateOnly)
}

// AddDays returns the day n days later (earlier for negative n).
func (d Date) AddDays(n int) Date { return Date{d.t.AddDate(0, 0, n)} }

// AddMonths returns the same day n months later.
func (d Date) AddMonths(n int) Date { return Date{d.t.AddDate(0, n, 0)} }

// DaysUntil returns the number of days from d to o (negative if o is
// earlier).
func (d Date) DaysUntil(o Date) int { return int(o.t.Sub(d.t).Hours() / 24) }

// Time returns midnight UTC of the day.
func (d Date) Time() time.Time { return d.t }

// MarshalText implements encoding.TextMarshaler.
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler.
func (d *Date) UnmarshalText(b []byte) error {
	v, err := ParseDate(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// HalfWidth maps full-width ASCII variants (Ｕ+FF01–FF5E) and the
// ideographic space to their ASCII forms.
func HalfWidth(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= 0xFF01 && r <= 0xFF5E:
			return r - 0xFEE0
		case r == 0x3000:
			return ' '
		}
		return r
	}, s)
}

// UsualType is the kind of companion a person mostly is across their
// engagements (those not archived, where they said it), for what is not
// about one engagement, such as their self-review; fallback when they said
// it on none, or when it is among the most frequent.
func UsualType(engagements []Engagement, fallback CompanionType) CompanionType {
	count := map[CompanionType]int{}
	for _, e := range engagements {
		if !e.Archived && e.MyType.Valid() {
			count[e.MyType]++
		}
	}
	best := fallback
	for _, t := range CompanionTypes {
		if count[t] > count[best] {
			best = t
		}
	}
	return best
}
