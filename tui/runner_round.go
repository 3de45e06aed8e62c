package tui

import (
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"bansou/model"
	"bansou/tui/editor"
	"bansou/work"
)

// roundRun is what the session screen holds while it runs a peer round:
// the round's timer, roles and format, and the ground rules kept in view.
type roundRun struct {
	rd      *model.PeerRound   // the session engine's (work.Work.Round)
	format  *model.RoundFormat // nil if the format is gone from the content
	rules   []model.GroundRule
	ticking bool
}

type roundTickMsg struct{ id int64 }

// bigTimerHeight is the terminal height from which the timer is drawn in
// large digits.
const bigTimerHeight = 22

// smallTimerHeight is the height below which only the clock line is drawn,
// so that the notes keep their room.
const smallTimerHeight = 16

func newRoundRun(e *env, wk *work.Work) *roundRun {
	rr := &roundRun{rd: wk.Round, format: wk.Format}
	if c := e.lib.Rounds; c != nil {
		rr.rules = c.Rules
	}
	return rr
}

// phase returns the format's phase the timer is in, if any.
func (rr *roundRun) phase() (model.RoundPhase, bool) {
	t := rr.rd.Timer
	if t.Done() {
		return model.RoundPhase{}, false
	}
	return rr.format.Phase(t.Phases[t.Current].ID)
}

// tick keeps the clock on screen moving while the timer runs.
func (r *runner) tick() tea.Cmd {
	if r.round == nil || r.round.ticking || !r.round.rd.Timer.Running() || r.leaving != stay || r.env.clockTick < 0 {
		return nil
	}
	r.round.ticking = true
	id := r.id
	return tea.Tick(r.env.clockTick, func(time.Time) tea.Msg { return roundTickMsg{id} })
}

// timerModal is a round's timer with the keys: ctrl+t gives it the next
// key.
type timerModal struct{}

// key handles the key pressed after ctrl+t: one timer action, then the
// keys go back to the notes. Any other key goes back at once and is typed
// as usual, so nothing typed is lost to the timer.
func (timerModal) key(r *runner, msg tea.KeyPressMsg) (screen, tea.Cmd) {
	t := &r.round.rd.Timer
	now := r.env.now()
	k := r.tk
	_, turns := t.Turn()
	k.turn.SetEnabled(turns) // without turns, t is typed as usual
	if !key.Matches(msg, k.toggle, k.plus1, k.plus5, k.minus1, k.next, k.turn) {
		r.leaveTimer()
		if key.Matches(msg, k.done) {
			return r, nil
		}
		return r.handleKey(msg)
	}
	defer r.leaveTimer()
	switch {
	case key.Matches(msg, k.toggle):
		if t.Running() {
			t.Pause(now)
		} else {
			t.Start(now)
		}
	case key.Matches(msg, k.plus1):
		t.Extend(time.Minute)
	case key.Matches(msg, k.plus5):
		t.Extend(5 * time.Minute)
	case key.Matches(msg, k.minus1):
		t.Extend(-time.Minute)
	case key.Matches(msg, k.turn):
		t.NextTurn(now)
	case key.Matches(msg, k.next):
		if t.Done() {
			return r, nil
		}
		t.Next(now)
		r.wk.RoundChanged()
		if !t.Done() {
			// The notes follow the clock into the next phase.
			cmd := r.apply(model.Jump{Key: model.PhaseStepKey(t.Phases[t.Current].ID)})
			return r, tea.Batch(cmd, r.tick())
		}
		return r, r.flush()
	}
	r.wk.RoundChanged()
	return r, tea.Batch(r.flush(), r.tick())
}

// enterTimer gives the next key to the timer.
func (r *runner) enterTimer() {
	r.modal = timerModal{}
	r.answer.Blur()
	r.note.Blur()
	r.relayout()
}

// leaveTimer gives the keys back to where they were, without moving
// inside the answer panel.
func (r *runner) leaveTimer() {
	if _, ok := r.modal.(timerModal); !ok {
		return
	}
	r.modal = nil
	switch {
	case r.focus == focusNote:
		r.note.Focus()
	case r.focus == focusAnswer && (r.panel == nil || r.panel.typing()):
		r.answer.Focus()
	}
	r.relayout()
}

// pauseRound stops the clock when the round is left, so that time away
// is not counted.
func (r *runner) pauseRound() {
	r.wk.PauseClock()
}

// roundRows is how many rows the timer and the ground rules take.
func (r *runner) roundRows(w int) int {
	if r.round == nil {
		return 0
	}
	return len(r.roundLines(w))
}

// roundLines draws the phase, the timer with its progress bar and the
// ground rules.
func (r *runner) roundLines(w int) []string {
	e, rr := r.env, r.round
	t := rr.rd.Timer
	now := e.now()
	lang := r.wk.Sess.Lang
	var info []string // beside or after the clock
	var clock string
	var state string
	switch {
	case len(t.Phases) == 0:
		return nil
	case t.Done():
		info = append(info, e.st.okText.Render(e.t("round.allDone")))
		clock = "00:00"
	default:
		ph := t.Phases[t.Current]
		title := ph.ID
		if p, ok := rr.phase(); ok {
			title = p.Title.In(lang)
		}
		if ph.Who != "" {
			title = e.tf("round.ofPresenter", title, ph.Who)
		}
		info = append(info, e.st.heading.Render(fmt.Sprintf("%d/%d %s", t.Current+1, len(t.Phases), shownLine(title))))
		rem := t.Remaining(now)
		clock = clockText(rem)
		switch {
		case t.Running():
			state = e.st.okText.Render("▶ " + e.t("round.running"))
		case ph.StartedAt.IsZero():
			state = e.st.muted.Render("■ " + e.t("round.notStarted"))
		default:
			state = e.st.warnText.Render("⏸ " + e.t("round.paused"))
		}
		left := e.t("round.remaining")
		if t.Overtime(now) {
			left = e.st.errText.Render(e.tf("round.overtime", clockText(-rem)))
		}
		line := state + "  " + left + "  " + e.tf("round.planned", model.FormatMinutes(ph.Planned, lang))
		if ph.Extended != 0 {
			line += " " + e.tf("round.extended", model.SignedMinutes(ph.Extended, lang))
		}
		info = append(info, line)
		if line := r.turnLine(); line != "" {
			info = append(info, line)
		}
		if p, ok := rr.phase(); ok && p.PresenterListens {
			info = append(info, e.st.accent.Render(e.t("round.presenterListens")))
		}
	}
	clockStyle := e.st.title
	if !t.Done() && t.Overtime(now) {
		clockStyle = e.st.errText.Bold(true)
	}
	var lines []string
	if r.h < smallTimerHeight {
		// Room for the notes first: the clock line alone.
		return []string{ansi.Truncate(clockStyle.Render("⏱ "+clock)+"  "+strings.Join(info, "  "), w, "…")}
	}
	if r.h >= bigTimerHeight && w >= 44 {
		big := bigDigits(clock)
		bigW := lipgloss.Width(big[0])
		for i := 0; i < 3; i++ {
			right := ""
			if i < len(info) {
				right = ansi.Truncate(info[i], max(w-bigW-3, 4), "…")
			}
			lines = append(lines, " "+clockStyle.Render(big[i])+"  "+right)
		}
		for _, more := range info[min(3, len(info)):] {
			lines = append(lines, " "+ansi.Truncate(more, max(w-1, 4), "…"))
		}
	} else {
		lines = append(lines, ansi.Truncate(clockStyle.Render("⏱ "+clock)+"  "+strings.Join(info, "  "), w, "…"))
	}
	lines = append(lines, r.progressBar(w))
	if p := rr.rd.Purpose; p != "" {
		label := e.t("round.purposeLabel")
		lines = append(lines, " "+e.st.hintLabel.Render(label)+" "+ansi.Truncate(shownLine(p), max(w-lipgloss.Width(label)-3, 4), "…"))
	}
	return append(lines, r.rulesLines(w)...)
}

// turnLine says, in a phase shared in turns, whose turn it is, the turn's
// time left and who speaks next; "" in a phase without turns.
func (r *runner) turnLine() string {
	e, t := r.env, r.round.rd.Timer
	ph := t.Phases[t.Current]
	if len(ph.Speakers) == 0 {
		return ""
	}
	turn, ok := t.Turn()
	if !ok {
		return e.st.muted.Render(e.t("round.turnsDone"))
	}
	now := e.now()
	line := e.st.accent.Render(e.tf("round.turn", turn.N, turn.Of, shownLine(turn.Speaker), clockText(t.TurnRemaining(now))))
	if t.TurnOvertime(now) {
		line = e.st.errText.Render(e.tf("round.turnOver", turn.N, turn.Of, shownLine(turn.Speaker), clockText(-t.TurnRemaining(now))))
	}
	if turn.Next != "" {
		line += "  " + e.tf("round.turnNext", shownLine(turn.Next))
	}
	return line
}

// progressBar is the share of the phase's planned time used; it stays full
// in overtime.
func (r *runner) progressBar(w int) string {
	e := r.env
	t := r.round.rd.Timer
	now := e.now()
	n := max(w-2, 4)
	filled := int(t.Progress(now)*float64(n) + 0.5)
	if t.Done() {
		filled = n
	}
	style := e.st.accent
	if !t.Done() && t.Overtime(now) {
		style = e.st.errText
	}
	return " " + style.Render(strings.Repeat("█", filled)) + e.st.muted.Render(strings.Repeat("░", n-filled))
}

// rulesLines keep the ground rules in view: at most two rows.
func (r *runner) rulesLines(w int) []string {
	e := r.env
	if len(r.round.rules) == 0 {
		return nil
	}
	var texts []string
	for _, g := range r.round.rules {
		texts = append(texts, shown(g.Text.In(r.wk.Sess.Lang)))
	}
	label := e.t("round.rulesLabel")
	labelW := lipgloss.Width(label) + 2
	rows := editor.Wrap(strings.Join(texts, " · "), max(w-labelW-1, 10))
	if len(rows) > 2 {
		rows = rows[:2]
		rows[1] = ansi.Truncate(rows[1], max(w-labelW-2, 8), "") + "…"
	}
	out := make([]string, len(rows))
	for i, row := range rows {
		prefix := strings.Repeat(" ", labelW)
		if i == 0 {
			prefix = " " + e.st.hintLabel.Render(label) + " "
		}
		out[i] = prefix + e.st.hint.Render(row)
	}
	return out
}

// timerLines explain the timer controls under the prompt while they have
// the keyboard.
func (timerModal) lines(r *runner, w, _ int) ([]string, int, bool) {
	e := r.env
	lines := []string{e.st.paneTitleFocus.Render(ansi.Truncate(e.t("round.timerTitle"), w, "…"))}
	for _, l := range keyLines(e, r.timerKeys()...) {
		lines = append(lines, ansi.Truncate(l, w, "…"))
	}
	return lines, -1, true
}

func (timerModal) keys(r *runner) keyList {
	list := r.timerKeys()
	return keyList{short: list, full: [][]key.Binding{list}}
}

func (r *runner) timerKeys() []key.Binding {
	tk := r.tk
	_, turns := r.round.rd.Timer.Turn()
	tk.turn.SetEnabled(turns)
	return []key.Binding{tk.toggle, tk.plus1, tk.plus5, tk.minus1, tk.next, tk.turn, tk.done}
}

// clockText writes a duration as mm:ss (h:mm:ss from an hour), rounding
// up so that a phase shows 00:00 only when its time is up.
func clockText(d time.Duration) string {
	if d < 0 {
		d = 0
	}
	s := int((d + time.Second - 1) / time.Second)
	if s >= 3600 {
		return fmt.Sprintf("%d:%02d:%02d", s/3600, s/60%60, s%60)
	}
	return fmt.Sprintf("%02d:%02d", s/60, s%60)
}

// bigFont draws digits and the colon three rows high.
var bigFont = map[rune][3]string{
	'0': {"█▀█", "█ █", "▀▀▀"},
	'1': {"▀█ ", " █ ", "▀▀▀"},
	'2': {"▀▀█", "█▀▀", "▀▀▀"},
	'3': {"▀▀█", " ▀█", "▀▀▀"},
	'4': {"█ █", "▀▀█", "  ▀"},
	'5': {"█▀▀", "▀▀█", "▀▀▀"},
	'6': {"█▀▀", "█▀█", "▀▀▀"},
	'7': {"▀▀█", "  █", "  ▀"},
	'8': {"█▀█", "█▀█", "▀▀▀"},
	'9': {"█▀█", "▀▀█", "▀▀▀"},
	':': {" ", "▀", "▀"},
	'+': {"   ", "▄█▄", " ▀ "},
}

// bigDigits draws a clock text in bigFont.
func bigDigits(s string) [3]string {
	var out [3]string
	for i, c := range s {
		g, ok := bigFont[c]
		if !ok {
			continue
		}
		for row := range out {
			if i > 0 {
				out[row] += " "
			}
			out[row] += g[row]
		}
	}
	return out
}
