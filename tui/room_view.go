package tui

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"bansou/model"
	"bansou/tui/editor"
)

// What a round's room shows, on a participant's screen and on the room
// view (a projector): the phase and its clock, whose turn it is, the case,
// the cast.

// turnText says whose turn it is in a phase taken in turns, the turn's
// time left (past zero with a +) and who is next; "" in other phases.
func turnText(e *env, rd *model.PeerRound, now time.Time) string {
	turn, ok := rd.Timer.Turn()
	if !ok {
		return ""
	}
	rem := rd.Timer.TurnRemaining(now)
	left := clockText(rem)
	if rem < 0 {
		left = "+" + clockText(-rem)
	}
	out := e.tf("room.turn", turn.N, turn.Of, shownLine(turn.Speaker), left)
	if turn.Next != "" {
		out += "  " + e.tf("room.nextSpeaker", shownLine(turn.Next))
	}
	return out
}

// clip cuts styled text to w cells.
func clip(s string, w int) string { return ansi.Truncate(s, max(w, 1), "…") }

// roomHeader is the round's title, phase and clock, on one or two lines.
func roomHeader(e *env, r model.Room, rd *model.PeerRound, w int) []string {
	title := e.st.title.Render(truncate(shownLine(r.Title), w/2))
	if rd == nil || len(rd.Timer.Phases) == 0 {
		return []string{title}
	}
	t := rd.Timer
	now := e.now()
	if t.Done() {
		return []string{title + "  " + e.st.okText.Render(e.t("round.allDone"))}
	}
	phase := phaseTitle(e, rd, r.Lang)
	clock, style := roomClock(e, rd, now)
	state := e.st.warnText.Render("⏸ " + e.t("round.paused"))
	switch {
	case t.Running():
		state = e.st.okText.Render("▶ " + e.t("round.running"))
	case t.Phases[t.Current].StartedAt.IsZero():
		state = e.st.muted.Render("■ " + e.t("room.notStarted"))
	}
	line := title + "  " + e.st.heading.Render(fmt.Sprintf("%d/%d %s", t.Current+1, len(t.Phases), shownLine(phase)))
	out := []string{clip(line, w), clip(style.Render("⏱ "+clock)+"  "+state, w)}
	if turn := turnText(e, rd, now); turn != "" {
		out = append(out, clip(e.st.accent.Render(turn), w))
	}
	return out
}

// phaseTitle is the title of the phase the round is in.
func phaseTitle(e *env, rd *model.PeerRound, lang model.Lang) string {
	title := rd.PhaseTitle(e.lib.Rounds, lang)
	if title == "" {
		return ""
	}
	if ph := rd.Timer.Phases[rd.Timer.Current]; ph.Who != "" {
		title = e.tf("round.ofPresenter", title, ph.Who)
	}
	return title
}

// roomClock is the time left in the phase, or past it with a + in the
// warning colour: it keeps counting past zero.
func roomClock(e *env, rd *model.PeerRound, now time.Time) (string, lipgloss.Style) {
	rem := rd.Timer.Remaining(now)
	if rem < 0 {
		return "+" + clockText(-rem), e.st.warnText.Bold(true)
	}
	return clockText(rem), e.st.title
}

// roomCaseLines are the case card's scene and the key question, at most
// rows rows each.
func roomCaseLines(e *env, r model.Room, w, rows int) []string {
	var out []string
	add := func(label, text string) {
		if strings.TrimSpace(text) == "" {
			return
		}
		lw := lipgloss.Width(label) + 1
		wrapped := editor.Wrap(shown(text), max(w-lw, 10))
		if len(wrapped) > rows {
			wrapped = wrapped[:rows]
			wrapped[rows-1] = truncate(wrapped[rows-1], max(w-lw-1, 4)) + "…"
		}
		for i, row := range wrapped {
			prefix := strings.Repeat(" ", lw)
			if i == 0 {
				prefix = e.st.hintLabel.Render(label) + " "
			}
			out = append(out, prefix+row)
		}
	}
	rd := r.Round
	if rd != nil && rd.CaseID != "" && e.lib.Rounds != nil {
		for _, c := range e.lib.Rounds.Cases {
			if c.ID == rd.CaseID {
				add(e.t("room.scene"), c.Title.In(r.Lang)+": "+c.Scene.In(r.Lang))
			}
		}
	}
	var qs []string
	for _, q := range r.KeyQuestions {
		qs = append(qs, oneLine(q))
	}
	slices.Sort(qs)
	add(e.t("round.questionLabel"), strings.Join(qs, " / "))
	return out
}

// castLine names the facilitator, the presenter, the scribe and the roles
// of a role-play.
func castLine(e *env, rd *model.PeerRound, lang model.Lang, w int) string {
	if rd == nil {
		return ""
	}
	var f *model.RoundFormat
	if e.lib.Rounds != nil {
		f, _ = e.lib.Rounds.Format(rd.Format)
	}
	var parts []string
	for _, p := range rd.Participants {
		if roles := rd.RoleNames(p.Name, f, lang); len(roles) > 0 {
			parts = append(parts, strings.Join(roles, "・")+" "+shownLine(p.Name))
		}
	}
	return truncate(strings.Join(parts, " · "), w)
}

// roomViewLines draw the room view for a projector: the clock in large
// digits (counting on past zero, in the warning colour), the phase, who
// presents, the cast, the case and the key question, and the questions the
// presenter took up. Nothing private is on it: no notes, no private
// contributions, no names of anonymous ones.
func roomViewLines(e *env, r model.Room, rd *model.PeerRound, w, h int, bell bool) []string {
	w = max(w, 20)
	lines := []string{e.st.title.Render(truncate(shownLine(r.Title), w))}
	if rd != nil && len(rd.Timer.Phases) > 0 {
		now := e.now()
		if rd.Timer.Done() {
			lines = append(lines, e.st.okText.Render(e.t("round.allDone")))
		} else {
			t := rd.Timer
			lines = append(lines, e.st.heading.Render(truncate(fmt.Sprintf("%d/%d %s", t.Current+1, len(t.Phases),
				shownLine(phaseTitle(e, rd, r.Lang))), w)))
			clock, style := roomClock(e, rd, now)
			if h >= 12 && w >= 30 {
				for _, row := range bigDigits(clock) {
					lines = append(lines, "  "+style.Render(row))
				}
			} else {
				lines = append(lines, style.Render("⏱ "+clock))
			}
			planned := e.tf("round.planned", model.FormatMinutes(t.Phases[t.Current].Planned, r.Lang))
			if bell {
				planned += "  " + e.t("room.bellOn")
			}
			lines = append(lines, e.st.muted.Render(truncate(planned, w)))
		}
		if turn := turnText(e, rd, now); turn != "" {
			lines = append(lines, e.st.accent.Render(truncate(turn, w)))
		} else if p := rd.Presenting(); p != "" {
			lines = append(lines, e.st.accent.Render(truncate(e.tf("room.presenting", shownLine(p)), w)))
		}
		if c := castLine(e, rd, r.Lang, w); c != "" {
			lines = append(lines, e.st.muted.Render(c))
		}
	}
	lines = append(lines, "")
	lines = append(lines, roomCaseLines(e, r, w, 4)...)
	var taken []string
	for _, c := range r.Contribs {
		if c.TakenUp && !c.Private {
			taken = append(taken, "✓ "+oneLine(shownLine(c.Text)))
		}
	}
	if len(taken) > 0 {
		lines = append(lines, "", e.st.hintLabel.Render(e.t("room.takenUp")))
		for _, t := range taken {
			lines = append(lines, truncate(t, w))
		}
	}
	if h > 0 && len(lines) > h {
		lines = lines[:h]
	}
	out := make([]string, len(lines))
	for i, l := range lines {
		out[i] = ansi.Truncate(l, w, "")
	}
	return out
}

// kindLabel names a kind of contribution.
func kindLabel(e *env, k model.ContribKind) string {
	switch k {
	case model.ContribQuestion:
		return e.t("room.kind.question")
	case model.ContribHypothesis:
		return e.t("room.kind.hypothesis")
	case model.ContribFeedback:
		return e.t("room.kind.feedback")
	case model.ContribLearning:
		return e.t("room.kind.learning")
	}
	return e.t("room.kind.action")
}
