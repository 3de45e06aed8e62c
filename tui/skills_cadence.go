package tui

import (
	"errors"
	"strconv"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"bansou/model"
)

// The cadence of self-reviews, set from the skill page: how many days
// after the last finished review the next falls due in the due list. A few
// are offered; any number of days can be typed instead.

// cadenceChooser is the open choice of a cadence.
type cadenceChooser struct {
	at    int    // the offered cadence under the cursor
	typed string // digits typed, which win over the cursor
	err   string // why what was typed is not kept
}

type cadenceSavedMsg struct {
	days int
	err  error
}

// openCadence opens the choice at the cadence in effect (or the default).
func (s *skillsScreen) openCadence() {
	c := &cadenceChooser{at: 0}
	for i, d := range model.ReviewCadences {
		if d == model.ReviewCadenceOr(s.cadence) {
			c.at = i
		}
	}
	s.setting = c
}

func (s *skillsScreen) cadenceKey(msg tea.KeyPressMsg) (screen, tea.Cmd) {
	c, k := s.setting, s.k
	switch {
	case key.Matches(msg, k.pickUp):
		c.at, c.typed, c.err = max(c.at-1, 0), "", ""
	case key.Matches(msg, k.pickDown):
		c.at, c.typed, c.err = min(c.at+1, len(model.ReviewCadences)-1), "", ""
	case key.Matches(msg, k.cadenceErase):
		if r := []rune(c.typed); len(r) > 0 {
			c.typed = string(r[:len(r)-1])
		}
		c.err = ""
	case key.Matches(msg, k.pickCancel):
		s.setting = nil
	case key.Matches(msg, k.pickChoose):
		days := model.ReviewCadences[c.at]
		if c.typed != "" {
			n, err := strconv.Atoi(c.typed)
			if err != nil || model.ValidReviewCadence(n) != nil {
				c.err = s.env.tf("skill.cadenceBad", model.MaxReviewCadenceDays)
				return s, nil
			}
			days = n
		}
		return s, s.saveCadence(days)
	default:
		if r := []rune(msg.Text); len(r) == 1 {
			if d, ok := dayDigit(r[0]); ok && len(c.typed) < 4 {
				c.typed += string('0' + d)
				c.err = ""
			}
		}
	}
	return s, nil
}

// dayDigit reads a half-width or full-width digit, 0 to 9.
func dayDigit(r rune) (rune, bool) {
	switch {
	case r >= '0' && r <= '9':
		return r - '0', true
	case r >= '０' && r <= '９':
		return r - '０', true
	}
	return 0, false
}

func (s *skillsScreen) saveCadence(days int) tea.Cmd {
	store := s.env.store
	return func() tea.Msg {
		ctx, cancel := storeCtx()
		defer cancel()
		return cadenceSavedMsg{days, store.SetReviewCadence(ctx, days)}
	}
}

func (s *skillsScreen) cadenceSaved(msg cadenceSavedMsg) tea.Cmd {
	if msg.err != nil {
		if s.setting != nil && errors.Is(msg.err, model.ErrBadReviewCadence) {
			s.setting.err = s.env.tf("skill.cadenceBad", model.MaxReviewCadenceDays)
			return nil
		}
		return showError(s.env.describeErr(msg.err)) // the choice stays open, to try again
	}
	s.setting, s.cadence = nil, msg.days
	return showStatus(s.env.tf("skill.cadenceSet", msg.days))
}

// cadenceLine says the cadence and when the next review falls due.
func (s *skillsScreen) cadenceLine() string {
	e := s.env
	days := model.ReviewCadenceOr(s.cadence)
	for i := len(s.hist) - 1; i >= 0; i-- {
		if r, ok := s.review(s.hist[i].SessionID); ok && r.Status == model.Done && !r.FinishedAt.IsZero() {
			return e.tf("skill.cadenceNext", days, model.DateOf(r.FinishedAt.In(e.loc)).AddDays(days).String())
		}
	}
	return e.tf("skill.cadenceEvery", days)
}

func (s *skillsScreen) cadenceLines() []string {
	e, c := s.env, s.setting
	lines := []string{e.st.paneTitleFocus.Render(truncate(e.tf("skill.cadenceTitle", model.ReviewCadenceOr(s.cadence)), s.w-2))}
	for i, d := range model.ReviewCadences {
		text := e.tf("skill.cadenceDays", d)
		if i == c.at && c.typed == "" {
			lines = append(lines, e.st.selected.Render("▸ "+text))
		} else {
			lines = append(lines, "  "+text)
		}
	}
	typed := truncate(e.t("skill.cadenceType")+" "+c.typed, s.w-4)
	if c.typed != "" {
		typed = e.st.selected.Render("▸ " + typed + "_")
	} else {
		typed = "  " + e.st.muted.Render(typed)
	}
	lines = append(lines, typed)
	if c.err != "" {
		lines = append(lines, e.st.errText.Render(truncate(c.err, s.w-2)))
	}
	return lines
}
