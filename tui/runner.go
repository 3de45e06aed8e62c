package tui

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"bansou/model"
	"bansou/tui/editor"
	"bansou/work"
)

// runner is the session screen: the prompt, the companion's hint, the
// learner's answer, a private note and the list of steps. The companion moves
// freely; everything typed is saved within a second and on every move.
type runner struct {
	env  *env
	k    runnerKeys
	pk   pickerKeys
	id   int64
	w, h int

	// wk is the session held, through the engine every front-end shares
	// (the session, its engagement and ledger, what is not yet saved); a
	// zero one until it is loaded.
	wk      *work.Work
	mark    placeMark // where the keys were after the last key (see notePlace)
	loaded  bool
	loadErr string
	// elsewhere: another running bansou has the session open, so it is not
	// opened here unless taken over.
	elsewhere bool

	answer, note       editor.Model
	answerRev, noteRev int
	focus              focusArea
	showHint           bool
	mode               runnerMode
	stepCursor         int
	pick               int
	input              editor.Model
	lay                runnerLayout

	startAt string // the step to open at instead of where the session was left

	panel  panel  // the answer area of the current step
	notice string // a short message inside the panel (cleared on a step change)

	// For a peer round: the timer, the roles and the ground rules.
	round *roundRun
	tk    timerKeys

	// saving
	inFlight    bool
	tickPending bool
	everSaved   bool
	retry       time.Duration
	leaving     leaveAction
	quitting    bool
}

type focusArea int

const (
	focusAnswer focusArea = iota
	focusNote
	focusSteps
)

type runnerMode int

const (
	modeEdit      runnerMode = iota
	modeSteps                // choosing a step to jump to
	modeDeeper               // choosing a follow-up
	modeDeeperOwn            // typing an own follow-up
	modeAsk                  // typing an own question
	modeLeave                // leaving: finish or keep for later
	modeTimer                // the timer controls of a peer round
)

type leaveAction int

const (
	stay leaveAction = iota
	leaveFinished
	leaveForLater
)

type (
	sessionLoadedMsg struct {
		id  int64
		wk  *work.Work
		err error
	}
	progressSavedMsg struct {
		id    int64
		taken work.Taken
		err   error
	}
	saveTickMsg      struct{ id int64 }
	sessionClosedMsg struct {
		id  int64
		err error
	}
)

// defaultSaveDelay is how long typing may go on before it is written; well
// under the promise of "on disk within 1 s of the last keystroke".
const defaultSaveDelay = 300 * time.Millisecond

func newRunner(e *env, id int64) *runner {
	r := &runner{env: e, k: newRunnerKeys(e), pk: newPickerKeys(e), tk: newTimerKeys(e), id: id, showHint: true,
		wk: &work.Work{}}
	r.answer = editor.New()
	r.answer.Placeholder = e.t("runner.answerPlaceholder")
	r.answer.PlaceholderStyle = func(s string) string { return e.st.muted.Render(s) }
	r.note = editor.New()
	r.note.Placeholder = e.t("runner.notePlaceholder")
	r.note.PlaceholderStyle = r.answer.PlaceholderStyle
	r.input = editor.New()
	r.input.SingleLine = true
	return r
}

// newRunnerAt opens a session at the step with key (a search hit); an
// unknown key opens it where it was left.
func newRunnerAt(e *env, id int64, stepKey string) *runner {
	r := newRunner(e, id)
	r.startAt = stepKey
	return r
}

func (r *runner) init() tea.Cmd { return r.load(false) }

// load reads the session and what it needs, and records it as open here;
// with takeOver even if another running bansou has it open (which can then
// no longer save to it).
func (r *runner) load(takeOver bool) tea.Cmd {
	store, lib, id, now := r.env.store, r.env.lib, r.id, r.env.now
	return func() tea.Msg {
		ctx, cancel := storeCtx()
		defer cancel()
		wk, err := work.Open(ctx, store, lib, id, takeOver, now)
		return sessionLoadedMsg{id: id, wk: wk, err: err}
	}
}

// loadSession reads a session and the engagement it belongs to (none for a
// session without one).
func loadSession(ctx context.Context, store model.Store, id int64) (model.Session, model.Engagement, error) {
	var eng model.Engagement
	sess, err := store.Session(ctx, id)
	if err == nil && sess.EngagementID != 0 {
		eng, err = store.Engagement(ctx, sess.EngagementID)
	}
	return sess, eng, err
}

func (r *runner) update(msg tea.Msg) (screen, tea.Cmd) {
	switch msg := msg.(type) {
	case sizeMsg:
		r.w, r.h = msg.w, msg.h
		if r.env.learner && r.loaded {
			r.enterLearnerView()
		}
		return r, r.relayout()
	case sessionLoadedMsg:
		return r.loadedSession(msg)
	case renderedMsg:
		r.relayout()
	case themeChangedMsg:
		return r, r.prerender()
	case saveTickMsg:
		if msg.id == r.id {
			r.tickPending = false
			return r, r.flush()
		}
	case progressSavedMsg:
		if msg.id == r.id {
			return r.saved(msg)
		}
	case sessionClosedMsg:
		if msg.id == r.id {
			return r.closed(msg)
		}
	case roundTickMsg:
		if msg.id == r.id && r.round != nil {
			r.round.ticking = false
			return r, r.tick()
		}
	case quitRequestMsg:
		r.quitting = true
		r.pauseRound()
		return r, r.flush()
	case tea.PasteMsg:
		r.leaveTimer() // a paste is text, never a timer command
		s, cmd := r.edit(msg)
		return s, tea.Batch(cmd, r.notePlace())
	case tea.KeyPressMsg:
		if !r.loaded {
			switch {
			case key.Matches(msg, r.k.leave):
				return r, popScreen
			case r.elsewhere && key.Matches(msg, r.k.takeOver):
				r.elsewhere = false
				return r, r.load(true)
			}
			return r, nil
		}
		s, cmd := r.handleKey(msg)
		return s, tea.Batch(cmd, r.notePlace())
	}
	return r, nil
}

func (r *runner) loadedSession(msg sessionLoadedMsg) (screen, tea.Cmd) {
	if msg.id != r.id {
		return r, nil
	}
	if errors.Is(msg.err, model.ErrOpenElsewhere) {
		// Two windows on one session would write over each other's
		// typing: say so, and open it only if taken over on purpose.
		r.elsewhere = true
		return r, nil
	}
	if msg.err != nil {
		r.loadErr = r.env.describeErr(msg.err)
		return r, nil
	}
	r.wk, r.loaded = msg.wk, true
	opened := r.wk.Sess.CurrentKey
	if r.wk.Sess.IsSelfReview() {
		r.answer.Placeholder = r.env.t("skill.answerPlaceholder")
		r.note.Placeholder = r.env.t("skill.notePlaceholder")
	}
	if r.wk.Sess.IsRound() {
		r.answer.Placeholder = r.env.t("round.answerPlaceholder")
		r.note.Placeholder = r.env.t("round.notePlaceholder")
	}
	var roundNote tea.Cmd
	if r.wk.Round != nil {
		r.round = newRoundRun(r.env, r.wk)
		if r.wk.ClockStopped {
			roundNote = showStatus(r.env.t("round.clockStopped"))
		}
	}
	if r.startAt != "" && r.startAt != opened {
		r.wk.Apply(model.Jump{Key: r.startAt}) // an unknown key leaves it where it was
	}
	r.loadStep()
	if r.startAt == "" || r.startAt == opened {
		r.restorePlace(r.wk.Sess.Place)
	}
	r.mark = r.placeMark()
	cmds := []tea.Cmd{r.relayout(), r.prerender(), r.tick(), roundNote, r.changed()}
	if msg.err != nil {
		cmds = append(cmds, showError(r.env.describeErr(msg.err)))
	}
	return r, tea.Batch(cmds...)
}

// loadStep puts the current step's answer and note into the editors and
// builds the answer panel for its kind.
func (r *runner) loadStep() {
	st, _ := r.wk.Sess.Current()
	r.answer.SetValue(st.Answer)
	r.note.SetValue(st.Note)
	r.answerRev, r.noteRev = r.answer.Rev(), r.note.Rev()
	if r.panel != nil && r.focus == focusAnswer {
		r.panel.leave()
	}
	r.panel = r.newPanel(st)
	r.notice = ""
	r.focus = focusNote // so that setFocus enters the new panel
	r.setFocus(focusAnswer)
	r.stepCursor = r.wk.Sess.CurrentIndex()
}

// currentStep is the step on screen.
func (r *runner) currentStep() model.Step {
	st, _ := r.wk.Sess.Current()
	return st
}

// applyAnswer records a point or a choice on the current step.
func (r *runner) applyAnswer(ev model.Event) {
	r.wk.Apply(ev)
}

// place is where in the step the keys are: the area, the entry and field
// of the answer area, and the caret in its text.
func (r *runner) place() model.Place {
	switch r.focus {
	case focusNote:
		return model.Place{Area: model.AreaNote, Caret: r.note.Caret(), Of: r.note.Len()}
	case focusAnswer:
		if r.panel == nil {
			return model.Place{}
		}
		pl := model.Place{Area: model.AreaAnswer}
		var ed *editor.Model
		pl.Entry, pl.Field, ed = r.panel.spot()
		if ed != nil {
			pl.Caret, pl.Of = ed.Caret(), ed.Len()
		}
		return pl
	}
	return model.Place{} // the list of prompts is not a place to resume in
}

// placeMark is what notePlace compares on every key: where the keys are,
// without counting the caret's characters (which a long answer makes
// slow); the place itself is worked out when saving.
type placeMark struct {
	focus              focusArea
	entry, field       string
	ed                 *editor.Model
	row, col, rev, pos int
}

func (r *runner) placeMark() placeMark {
	m := placeMark{focus: r.focus, pos: r.wk.Sess.CurrentIndex()}
	switch {
	case r.focus == focusNote:
		m.ed = &r.note
	case r.focus == focusAnswer && r.panel != nil:
		m.entry, m.field, m.ed = r.panel.spot()
	}
	if m.ed != nil {
		m.row, m.col, m.rev = m.ed.At()
	}
	return m
}

// notePlace schedules a save when the keys have moved to another field,
// entry or caret position since the last key, so that a resume comes back
// there even if nothing was typed since.
func (r *runner) notePlace() tea.Cmd {
	if !r.loaded {
		return nil
	}
	m := r.placeMark()
	if m == r.mark {
		return nil
	}
	r.mark = m
	r.wk.Moved()
	return r.scheduleSave()
}

// restorePlace gives the keys back to where they were at the last save:
// the note, or the entry and field of the answer area, with the caret where
// it was. A place that is gone (an entry deleted since) leaves the step
// as it opens.
func (r *runner) restorePlace(pl model.Place) {
	switch pl.Area {
	case model.AreaNote:
		r.setFocus(focusNote)
		putCaret(&r.note, pl)
	case model.AreaAnswer:
		if r.panel == nil {
			return
		}
		if ed := r.panel.goTo(pl.Entry, pl.Field); ed != nil {
			putCaret(ed, pl)
		}
	}
}

// putCaret puts the caret back where the place says, if the text is the
// one it was in (as long as it was); otherwise it stays at the end.
func putCaret(ed *editor.Model, pl model.Place) {
	if ed.Len() == pl.Of {
		ed.SetCaret(pl.Caret)
	}
}

func (r *runner) setFocus(f focusArea) {
	r.setFocusDir(f, 1)
}

// setFocusDir moves the keyboard to an area; a panel entered going
// backwards starts at its last part.
func (r *runner) setFocusDir(f focusArea, dir int) {
	if r.focus == focusAnswer && f != focusAnswer && r.panel != nil {
		r.panel.leave()
	}
	r.answer.Blur()
	r.note.Blur()
	prev := r.focus
	r.focus = f
	switch f {
	case focusAnswer:
		if r.panel == nil {
			r.answer.Focus()
		} else if prev != focusAnswer {
			r.panel.enter(dir)
		} else {
			r.panel.enter(1)
		}
	case focusNote:
		r.note.Focus()
	case focusSteps:
		r.stepCursor = r.wk.Sess.CurrentIndex()
	}
}

func (r *runner) handleKey(msg tea.KeyPressMsg) (screen, tea.Cmd) {
	if r.leaving != stay {
		// Closing waits for the save. If saving fails, esc goes back to
		// the session instead of waiting.
		if r.wk.Err() != nil && key.Matches(msg, r.k.leave) {
			r.leaving = stay
			r.setFocus(focusAnswer)
			r.relayout()
		}
		return r, nil
	}
	switch r.mode {
	case modeLeave:
		return r.leaveKey(msg)
	case modeDeeper:
		return r.deeperKey(msg)
	case modeAsk, modeDeeperOwn:
		return r.inputKey(msg)
	case modeSteps:
		return r.stepsKey(msg)
	case modeTimer:
		return r.timerKey(msg)
	}
	k := r.k
	switch {
	case r.round != nil && key.Matches(msg, r.tk.open):
		r.enterTimer()
	case key.Matches(msg, k.next):
		return r, r.apply(model.Next{})
	case key.Matches(msg, k.prev):
		return r, r.apply(model.Back{})
	case key.Matches(msg, k.skip):
		return r, r.apply(model.Skip{})
	case key.Matches(msg, k.jump):
		r.mode = modeSteps
		r.stepCursor = r.wk.Sess.CurrentIndex()
		r.relayout()
	case key.Matches(msg, k.deeper):
		r.pick = 0
		if len(r.followups()) == 0 {
			r.startInput(modeDeeperOwn)
		} else {
			r.mode = modeDeeper
		}
		r.relayout()
	case key.Matches(msg, k.own):
		r.startInput(modeAsk)
		r.relayout()
	case key.Matches(msg, k.hint):
		r.showHint = !r.showHint
		r.relayout()
	case key.Matches(msg, k.focus):
		r.cycleFocus(1)
	case key.Matches(msg, k.focusBack):
		r.cycleFocus(-1)
	case key.Matches(msg, k.save):
		return r, tea.Batch(r.flush(), showStatus(r.env.t("status.savedNow")))
	case key.Matches(msg, k.visibility):
		return r, r.toggleVisibility()
	case key.Matches(msg, k.feedback) && r.feedbackAllowed():
		return r, r.apply(model.AddFeedback{})
	case key.Matches(msg, k.leave) && r.focus == focusAnswer && r.panel != nil && r.panel.holdsEsc():
		return r.edit(msg)
	case key.Matches(msg, k.leave):
		r.mode = modeLeave
		r.relayout()
	default:
		return r.edit(msg)
	}
	return r, nil
}

// cycleFocus moves between the parts of the answer panel, then to the note
// and the list of prompts.
func (r *runner) cycleFocus(d int) {
	if r.focus == focusAnswer && r.panel != nil && r.panel.move(d) {
		r.relayout()
		return
	}
	n := 2
	switch {
	case r.env.learner:
		n = 1 // the note and the list of prompts are not shown
	case r.lay.paneW > 0:
		n = 3
	}
	f := (int(r.focus) + d + n) % n
	if focusArea(f) == focusSteps {
		r.mode = modeSteps
	}
	r.setFocusDir(focusArea(f), d)
	r.relayout()
}

// edit gives a key or paste to the focused editor and schedules a save when
// the text changed.
func (r *runner) edit(msg tea.Msg) (screen, tea.Cmd) {
	if r.leaving != stay {
		return r, nil // the screen is closing; the text is being saved
	}
	if !r.loaded || r.mode != modeEdit {
		if r.mode == modeAsk || r.mode == modeDeeperOwn {
			r.input, _ = r.input.Update(msg)
		}
		return r, nil
	}
	switch r.focus {
	case focusAnswer:
		if r.answerHidden() {
			r.notice = r.env.t("learner.privateTyped")
			return r, nil
		}
		if r.panel != nil && !r.panel.handle(msg) && typedText(msg) {
			if tt, ok := r.panel.(textTaker); !ok || !tt.takeText(msg) {
				return r, showStatus(r.env.t("runner.noTextHere"))
			}
		}
	case focusNote:
		r.note, _ = r.note.Update(msg)
	}
	if r.answer.Rev() != r.answerRev || r.note.Rev() != r.noteRev {
		r.wk.Edited()
	}
	// Whether the prompt is answered shows at once: the marks, the list's
	// count and the leave dialog count the session (Session.Counts). When
	// the words stop or start being blank, the session takes them now;
	// otherwise on the save tick, so that a key in a long answer copies
	// nothing.
	if st, ok := r.wk.Sess.Current(); ok && r.answer.Blank() == (strings.TrimSpace(st.Answer) != "") {
		r.sync()
	}
	return r, r.changed()
}

// apply runs a flow event after saving the editors into the session, and
// writes the result at once.
func (r *runner) apply(ev model.Event) tea.Cmd {
	r.sync()
	before := r.wk.Sess.CurrentKey
	if err := r.wk.Apply(ev); err != nil {
		return showError(err.Error())
	}
	if r.wk.Sess.CurrentKey != before {
		r.loadStep()
	}
	r.mode = modeEdit
	return tea.Batch(r.relayout(), r.flush())
}

// closed leaves the screen once the session is recorded as closed and
// nothing typed is left unsaved.
func (r *runner) closed(msg sessionClosedMsg) (screen, tea.Cmd) {
	if msg.err != nil {
		r.leaving = stay
		return r, showError(r.env.describeErr(msg.err))
	}
	if r.unsaved() {
		return r, r.flush() // saved() closes again when done
	}
	text := r.env.t("status.keptForLater")
	if r.leaving == leaveFinished {
		text = r.env.t("status.finished")
	}
	return r, tea.Batch(popScreen, showStatus(text))
}

// close records that the session is no longer open, then leaves.
func (r *runner) close() tea.Cmd {
	store, id, held := r.env.store, r.id, r.wk.Held()
	return func() tea.Msg {
		if !held {
			return sessionClosedMsg{id, nil}
		}
		ctx, cancel := storeCtx()
		defer cancel()
		return sessionClosedMsg{id, store.SetSessionOpen(ctx, id, false)}
	}
}

// release lets go of this window's claim on a session changed under it,
// so that it opens again (with the newer version), here or in another
// bansou. A session taken over is the other window's: its claim stays.
func (r *runner) release() tea.Cmd {
	if !errors.Is(r.wk.Err(), model.ErrChangedElsewhere) {
		return nil
	}
	store, id := r.env.store, r.id
	return func() tea.Msg {
		ctx, cancel := storeCtx()
		defer cancel()
		store.SetSessionOpen(ctx, id, false)
		return nil
	}
}

// saveLost reports whether nothing more can be saved from this window:
// the session was taken over, or changed under this window, or the
// database file was replaced or removed.
func (r *runner) saveLost() bool { return model.NoMoreSaves(r.wk.Err()) }

// lostKey picks the words (their key in the text table) for a window
// whose saves stopped: taken over, changed under it, or its database file
// replaced.
func (r *runner) lostKey(takenOver, changed, replaced string) string {
	switch {
	case errors.Is(r.wk.Err(), model.ErrChangedElsewhere):
		return changed
	case errors.Is(r.wk.Err(), model.ErrReplaced):
		return replaced
	}
	return takenOver
}

func (r *runner) leaveKey(msg tea.KeyPressMsg) (screen, tea.Cmd) {
	if r.saveLost() {
		// The session is the other window's, or changed under this one,
		// or its file is gone:
		// leaving here closes this copy only, after the user has been
		// told what it holds unsaved.
		switch msg.String() {
		case "l":
			left := r.env.t(r.lostKey("status.leftTakenOver", "status.leftChanged", "status.leftUnsaved"))
			return r, tea.Batch(popScreen, showStatus(left), r.release())
		case "esc", "c":
			r.mode = modeEdit
			r.relayout()
		}
		return r, nil
	}
	switch msg.String() {
	case "f":
		r.leaving = leaveFinished
		r.mode = modeEdit
		r.pauseRound()
		cmd := r.apply(model.Finish{})
		return r, tea.Batch(cmd, r.closeIfSaved())
	case "l":
		r.leaving = leaveForLater
		r.mode = modeEdit
		r.pauseRound()
		var cmd tea.Cmd
		if r.wk.Sess.Status == model.Done {
			cmd = r.apply(model.Reopen{})
		} else {
			cmd = r.flush()
		}
		return r, tea.Batch(cmd, r.closeIfSaved())
	case "esc", "c":
		r.mode = modeEdit
		r.relayout()
	default:
		if typedText(msg) {
			return r, showStatus(r.env.t("runner.leaveNoText"))
		}
	}
	return r, nil
}

// closeIfSaved closes now when there was nothing to save.
func (r *runner) closeIfSaved() tea.Cmd {
	if r.unsaved() {
		return nil
	}
	return r.close()
}

// followups lists the content follow-ups for the current step's prompt.
func (r *runner) followups() []model.Followup {
	if r.wk.Flow == nil {
		return nil
	}
	root, ok := r.wk.Sess.Step(r.wk.Sess.RootOf(r.wk.Sess.CurrentKey))
	if !ok || root.Kind != model.StepPrompt {
		return nil
	}
	p, ok := r.wk.Flow.Prompt(root.PromptID)
	if !ok {
		return nil
	}
	return p.Followups
}

func (r *runner) deeperKey(msg tea.KeyPressMsg) (screen, tea.Cmd) {
	fs := r.followups()
	switch {
	case key.Matches(msg, r.pk.cancel):
		r.mode = modeEdit
		r.relayout()
	case key.Matches(msg, r.pk.up):
		r.pick = max(0, r.pick-1)
		r.relayout()
	case key.Matches(msg, r.pk.down):
		r.pick = min(len(fs), r.pick+1)
		r.relayout()
	case key.Matches(msg, r.pk.choose):
		if r.pick == len(fs) {
			r.startInput(modeDeeperOwn)
			r.relayout()
			return r, nil
		}
		f := fs[r.pick]
		return r, r.apply(model.DigDeeper{FollowupID: f.ID, Text: f.Text.In(r.wk.Sess.Lang)})
	case typedText(msg):
		// Words typed over the list are a follow-up of one's own.
		r.startInput(modeDeeperOwn)
		r.input, _ = r.input.Update(msg)
		r.relayout()
	}
	return r, nil
}

func (r *runner) startInput(m runnerMode) {
	r.mode = m
	r.input.SetValue("")
	r.input.Focus()
	r.answer.Blur()
	r.note.Blur()
}

func (r *runner) inputKey(msg tea.KeyPressMsg) (screen, tea.Cmd) {
	switch msg.String() {
	case "esc":
		r.mode = modeEdit
		r.setFocus(r.focus)
		r.relayout()
		return r, nil
	case "enter":
		text := strings.TrimSpace(r.input.Value())
		if text == "" {
			return r, nil
		}
		if r.mode == modeAsk {
			return r, r.apply(model.AddQuestion{Text: text})
		}
		return r, r.apply(model.DigDeeper{Text: text})
	}
	r.input, _ = r.input.Update(msg)
	return r, nil
}

func (r *runner) stepsKey(msg tea.KeyPressMsg) (screen, tea.Cmd) {
	switch msg.String() {
	case "up", "ctrl+p":
		r.stepCursor = max(0, r.stepCursor-1)
	case "down", "ctrl+n":
		r.stepCursor = min(len(r.wk.Sess.Steps)-1, r.stepCursor+1)
	case "pgup":
		r.stepCursor = max(0, r.stepCursor-max(r.h-5, 1))
	case "pgdown":
		r.stepCursor = min(len(r.wk.Sess.Steps)-1, r.stepCursor+max(r.h-5, 1))
	case "home":
		r.stepCursor = 0
	case "end":
		r.stepCursor = len(r.wk.Sess.Steps) - 1
	case "enter", "space":
		r.mode = modeEdit
		r.setFocus(focusAnswer)
		return r, r.apply(model.Jump{Key: r.wk.Sess.Steps[r.stepCursor].Key})
	case "esc", "tab", "shift+tab", "ctrl+g":
		r.mode = modeEdit
		r.setFocus(focusAnswer)
	default:
		if typedText(msg) {
			return r, showStatus(r.env.t("runner.stepsNoText"))
		}
	}
	r.relayout()
	return r, nil
}

// prerenderAround is how many steps on each side of the current one are
// rendered ahead: every step of a flow of usual size, but not thousands.
const prerenderAround = 100

// prerender renders the steps' questions around the current one at the
// current width in the background, so moving between steps shows them at
// once. (A step further away is rendered when it is shown.)
func (r *runner) prerender() tea.Cmd {
	if r.lay.mainW <= 0 {
		return nil
	}
	cur := max(r.wk.Sess.CurrentIndex(), 0)
	from, to := max(cur-prerenderAround, 0), min(cur+prerenderAround+1, len(r.wk.Sess.Steps))
	var cmds []tea.Cmd
	for _, st := range r.wk.Sess.Steps[from:to] {
		cmds = append(cmds, r.env.render.cmd(questionMarkdown(st), r.lay.mainW))
	}
	return tea.Batch(cmds...)
}

func questionMarkdown(st model.Step) string {
	if st.Kind == model.StepPrompt {
		return shown(st.Question) // content may use Markdown
	}
	return model.EscapeMarkdown(shown(st.Question))
}

// runnerLayout holds what is drawn above the editors and where things go;
// it is rebuilt when the step, the size or a toggle changes, not per key.
type runnerLayout struct {
	mainW, paneW   int
	headerH        int      // rows above top: the header, a round's timer and rules
	top            []string // title, prompt and hint (or a picker)
	editors        bool     // false when a picker or dialog needs the room
	answerH, noteH int
	answerY, noteY int // first row of each editor in the body
	inputY         int
}

// Rows the editors need at the least: the two labels, two rows of answer
// and one of note.
const minEditorRows = 2 + 2 + 1

// relayout rebuilds the layout; it returns a render command if the current
// prompt is not rendered at this width yet. When the height is short, hints
// give way first, then the prompt's lines; a picker or dialog takes the
// editors' room rather than be cut.
func (r *runner) relayout() tea.Cmd {
	if !r.loaded || r.w <= 0 {
		return nil
	}
	e := r.env
	l := runnerLayout{editors: true}
	if r.w >= 76 && !e.learner {
		l.paneW = min(max(r.w/4, 20), 32)
	}
	l.mainW = r.w - l.paneW
	if l.paneW > 0 {
		l.mainW--
	}
	st, _ := r.wk.Sess.Current()
	md := questionMarkdown(st)
	var cmd tea.Cmd
	var prompt []string
	if out, ok := e.render.get(md, l.mainW); ok {
		prompt = clipLines(out, 8, l.mainW)
	} else {
		prompt = prefixLines(editor.Wrap(st.Question, max(l.mainW-4, 10)), "  ")
		cmd = e.render.cmd(md, l.mainW)
	}
	mid, inputAt := r.modeLines(st, l.mainW, l.paneW)
	hdr := 1 + r.roundRows(l.mainW) // the header, and a round's timer and ground rules
	l.headerH = hdr
	room := r.h - hdr
	if r.mode == modeEdit {
		room -= minEditorRows
		// title, prompt, blank line, hints: trim hints, then the prompt.
		for 1+len(prompt)+1+len(mid) > room && len(mid) > 0 {
			mid = mid[:len(mid)-1]
		}
		for 1+len(prompt) > room && len(prompt) > 1 {
			prompt = prompt[:len(prompt)-1]
		}
	} else if 1+len(prompt)+1+len(mid)+minEditorRows > room {
		l.editors = false
		for 1+len(prompt)+1+len(mid) > room && len(prompt) > 0 {
			prompt = prompt[:len(prompt)-1]
		}
	}
	l.top = append([]string{r.titleLine(st, l.mainW)}, prompt...)
	if len(mid) > 0 && hdr+len(l.top)+1+len(mid) <= r.h {
		l.top = append(l.top, "")
	}
	if inputAt >= 0 {
		l.inputY = hdr + len(l.top) + inputAt
		r.input.SetWidth(max(l.mainW-2, 10))
		r.input.SetHeight(1)
	}
	l.top = append(l.top, mid...)
	// The rest of the body: the answer label and editor, the note label
	// and editor.
	rest := r.h - hdr - len(l.top) - 2
	l.noteH = min(3, max(1, rest/4))
	if e.learner {
		rest++ // no note label
		l.noteH = 0
	}
	l.answerH = max(rest-l.noteH, 1)
	l.answerY = hdr + len(l.top) + 1
	l.noteY = l.answerY + l.answerH + 1
	r.answer.SetWidth(max(l.mainW-2, 4))
	r.answer.SetHeight(l.answerH)
	r.note.SetWidth(max(l.mainW-2, 4))
	r.note.SetHeight(l.noteH)
	r.lay = l
	return cmd
}

// modeLines are the lines under the prompt: the hints, or the picker,
// input or dialog of the current mode. inputAt is the line of the input
// field among them, or -1.
func (r *runner) modeLines(st model.Step, w, paneW int) (lines []string, inputAt int) {
	e := r.env
	switch r.mode {
	case modeDeeper:
		return r.deeperLines(w), -1
	case modeAsk, modeDeeperOwn:
		label := e.t("runner.askLabel")
		if r.mode == modeDeeperOwn {
			label = e.t("runner.deeperOwnLabel")
		}
		return []string{e.st.paneTitleFocus.Render(label), "", e.st.muted.Render(e.t("runner.inputHelp"))}, 1
	case modeLeave:
		return r.leaveLines(w), -1
	case modeTimer:
		return r.timerLines(w), -1
	case modeSteps:
		if paneW == 0 {
			return r.stepLines(w, max(r.h-4, 3)), -1
		}
	}
	if r.saveLost() {
		// Said where the hints are, for as long as it holds: the status
		// line goes after a while.
		var lines []string
		for _, l := range strings.Split(wrapText(e.describeErr(r.wk.Err()), w, ""), "\n") {
			lines = append(lines, e.st.errText.Render(l))
		}
		return append(lines, r.hintLines(st, w)...), -1
	}
	return r.hintLines(st, w), -1
}

// stepTitle is a step's title; in the learner view, the worries brought
// back are counted without the private ones.
func (r *runner) stepTitle(st model.Step) string {
	if !r.env.learner || st.Kind != model.StepAnxieties {
		return st.Title
	}
	n := 0
	for _, a := range r.wk.Ledger.AnxietiesToReview(r.wk.Sess.ID) {
		if !a.Private {
			n++
		}
	}
	return model.CarriedTitle(r.wk.Sess, st, n)
}

func (r *runner) titleLine(st model.Step, w int) string {
	e := r.env
	var title string
	switch st.Kind {
	case model.StepFollowup:
		title = e.t("runner.followupTitle")
	case model.StepOwn:
		title = "＋ " + e.t("runner.ownTitle")
	case model.StepPractice, model.StepFeedback:
		title = st.Title
	default:
		title = fmt.Sprintf("%d. %s", r.wk.Sess.Number(r.wk.Sess.CurrentIndex()), r.stepTitle(st))
	}
	if st.Skipped {
		title += "  " + e.t("runner.skippedTag")
	}
	return e.st.title.Render(ansi.Truncate(shownLine(title), w, "…"))
}

func (r *runner) hintLines(st model.Step, w int) []string {
	e := r.env
	if e.learner {
		return nil // the hints are the companion's
	}
	if !r.showHint && r.round == nil {
		return []string{e.st.muted.Render(e.t("runner.hintHidden"))}
	}
	var listen, avoid string
	var related []string
	if p, ok := r.promptFor(st); ok {
		listen, avoid = p.Listen.In(r.wk.Sess.Lang), p.Avoid.In(r.wk.Sess.Lang)
		for _, id := range p.Related {
			if rp, ok := r.wk.Flow.Prompt(id); ok {
				related = append(related, rp.Title.In(r.wk.Sess.Lang))
			}
		}
	} else {
		listen = e.t("runner.ownHint")
	}
	limit := max(2, r.h/6)
	var lines []string
	add := func(label, text string) {
		if text == "" {
			return
		}
		labelW := lipgloss.Width(label) + 1
		rows := editor.Wrap(shown(text), max(w-labelW-2, 10)) // room for a closing "…"
		for i, row := range rows {
			if len(lines) >= limit*2 {
				lines[len(lines)-1] += e.st.hint.Render("…")
				break
			}
			prefix := strings.Repeat(" ", labelW)
			if i == 0 {
				prefix = e.st.hintLabel.Render(label) + " "
			}
			lines = append(lines, prefix+e.st.hint.Render(row))
		}
	}
	listenLabel := e.t("runner.listen")
	if model.PhaseOf(st) != "" && r.wk.Sess.IsRound() {
		listenLabel = e.t("round.captureLabel")
	}
	add(listenLabel, listen)
	add(e.t("runner.avoid"), avoid)
	if st.AnswerKind == model.KindSkill {
		r.skillHints(st, add)
	}
	if len(related) > 0 {
		add(e.t("runner.related"), strings.Join(related, " · "))
	}
	return lines
}

// feedbackAllowed reports whether the learner's feedback on the support can
// be recorded: in any session with a learner, not in a self-review.
func (r *runner) feedbackAllowed() bool {
	return r.wk.Sess.EngagementID != 0 && !r.wk.Sess.IsSelfReview()
}

// skillHints adds, under a skill of a self-review, the level given last
// time and the latest thing learners said about the support in sessions
// that exercise the skill.
func (r *runner) skillHints(st model.Step, add func(label, text string)) {
	e, lang := r.env, r.wk.Sess.Lang
	if rt, at := r.wk.History.Latest(len(r.wk.History)-1, st.PromptID); at >= 0 {
		text := e.tf("skill.lastTime", rt.Level, model.LevelName(rt.Level, lang), r.wk.History[at].At.In(e.loc).Format("2006-01-02"))
		if rt.Target > 0 {
			text += e.tf("skill.lastTarget", rt.Target)
		}
		add(e.t("skill.lastLabel"), text)
	}
	notes := e.lib.FeedbackFor(r.wk.Feedback, st.PromptID)
	if len(notes) == 0 {
		return
	}
	add(e.tf("skill.voiceLabel", len(notes)), e.voiceLine(notes[0]))
}

// promptFor returns the content prompt behind a step: its own, or for a
// follow-up the prompt it digs into.
func (r *runner) promptFor(st model.Step) (model.Prompt, bool) { return r.wk.PromptFor(st) }

func (r *runner) deeperLines(w int) []string {
	e := r.env
	lines := []string{e.st.paneTitleFocus.Render(e.t("runner.deeperTitle"))}
	fs := r.followups()
	opened := map[string]bool{}
	root := r.wk.Sess.RootOf(r.wk.Sess.CurrentKey)
	for _, st := range r.wk.Sess.Steps {
		if st.Parent == root && st.FollowupID != "" {
			opened[st.FollowupID] = true
		}
	}
	for i := 0; i <= len(fs); i++ {
		text := e.t("runner.deeperOwn")
		if i < len(fs) {
			text = fs[i].Text.In(r.wk.Sess.Lang)
			if opened[fs[i].ID] {
				text += "  " + e.t("runner.alreadyOpen")
			}
		}
		text = ansi.Truncate(text, w-2, "…")
		if i == r.pick {
			lines = append(lines, e.st.selected.Render("▸ "+text))
		} else {
			lines = append(lines, "  "+text)
		}
	}
	return lines
}

func (r *runner) leaveLines(w int) []string {
	e := r.env
	answered, _, total := r.wk.Sess.Counts(r.wk.Ledger)
	if r.saveLost() {
		body := e.t(r.lostKey("runner.takenOverLeave", "runner.changedLeave", "runner.replacedLeave"))
		leave := e.t(r.lostKey("runner.leaveTakenOver", "runner.leaveTakenOver", "runner.leaveUnsaved"))
		lines := []string{e.st.paneTitleFocus.Render(e.t("runner.leaveTitle"))}
		for _, l := range strings.Split(wrapText(body, w, ""), "\n") {
			lines = append(lines, e.st.errText.Render(l))
		}
		return append(lines, "",
			"  "+e.st.heading.Render("l")+"  "+leave,
			"  "+e.st.heading.Render("esc")+"  "+e.t("runner.leaveStay"))
	}
	return []string{
		e.st.paneTitleFocus.Render(e.t("runner.leaveTitle")),
		e.tf("runner.leaveCounts", answered, total),
		"",
		"  " + e.st.heading.Render("f") + "  " + e.t("runner.leaveFinish"),
		"  " + e.st.heading.Render("l") + "  " + e.t("runner.leaveLater"),
		"  " + e.st.heading.Render("esc") + "  " + e.t("runner.leaveStay"),
	}
}

func (r *runner) view() string {
	e := r.env
	if r.loadErr != "" {
		return e.st.errText.Render(r.loadErr)
	}
	if r.elsewhere {
		return r.elsewhereView()
	}
	if !r.loaded || r.w <= 0 {
		return e.st.muted.Render(e.t("common.loading"))
	}
	l := r.lay
	main := make([]string, 0, r.h)
	main = append(main, r.header(l.mainW))
	if r.round != nil {
		main = append(main, r.roundLines(l.mainW)...)
	}
	main = append(main, l.top...)
	if l.editors {
		onAnswer := r.focus == focusAnswer && r.mode == modeEdit
		main = append(main, r.paneLabel(r.answerLabel(), onAnswer))
		lines, _, _ := r.panelView()
		main = append(main, lines...)
		if !e.learner {
			main = append(main, r.paneLabel(r.noteLabel(), r.focus == focusNote && r.mode == modeEdit))
			main = append(main, r.gutter(r.note.View(), r.focus == focusNote && r.mode == modeEdit)...)
		}
	}
	if (r.mode == modeAsk || r.mode == modeDeeperOwn) && l.inputY < len(main) {
		main[l.inputY] = r.gutter(r.input.View(), true)[0]
	}
	if len(main) > r.h {
		main = main[:r.h]
	}
	if l.paneW == 0 {
		return strings.Join(main, "\n")
	}
	pane := r.stepLines(l.paneW, r.h)
	var b strings.Builder
	for i := 0; i < r.h; i++ {
		if i > 0 {
			b.WriteByte('\n')
		}
		left := ""
		if i < len(main) {
			left = main[i]
		}
		b.WriteString(padRight(left, l.mainW))
		b.WriteString(" ")
		if i < len(pane) {
			b.WriteString(pane[i])
		}
	}
	return b.String()
}

// elsewhereView says that the session is open in another bansou and what
// can be done.
func (r *runner) elsewhereView() string {
	e := r.env
	w := max(r.w-2, 20)
	lines := []string{e.st.errText.Render(truncate(e.t("runner.elsewhereTitle"), w)), ""}
	lines = append(lines, strings.Split(wrapText(e.t("runner.elsewhereBody"), w, ""), "\n")...)
	lines = append(lines, "", "  "+e.st.heading.Render(r.k.takeOver.Help().Key)+"    "+e.t("key.takeOver"))
	lines = append(lines, strings.Split(wrapText(e.t("runner.elsewhereTake"), w, "       "), "\n")...)
	return strings.Join(append(lines, "  "+e.st.heading.Render("esc")+"  "+e.t("key.back")), "\n")
}

func (r *runner) header(w int) string {
	e := r.env
	title := r.wk.Sess.FlowTitle
	if r.wk.Eng.Learner.Name != "" {
		title += " · " + r.wk.Eng.Learner.Name
	}
	n, total := r.wk.Sess.CurrentIndex()+1, len(r.wk.Sess.Steps)
	// The save state changes on every key (未保存, 保存済み): it keeps the
	// room of the widest it can say, so that neither the counter nor the
	// title moves.
	right := fmt.Sprintf("%d/%d  %s", n, total, padRight(r.saveState(), r.saveStateWidth()))
	badge := ""
	if e.learner {
		badge = e.st.accent.Render(e.t("learner.badge")) + " "
	}
	if r.lay.paneW == 0 {
		// The strip of marks takes what is left beside a short title.
		if sw := min(max(w/3, 8), w-lipgloss.Width(right)-lipgloss.Width(badge)-8); sw >= 3 {
			right = r.strip(sw) + "  " + right
		}
	}
	left := ansi.Truncate(shownLine(title), max(w-lipgloss.Width(right)-lipgloss.Width(badge)-2, 4), "…")
	gap := max(w-lipgloss.Width(badge)-lipgloss.Width(left)-lipgloss.Width(right), 1)
	return badge + e.st.heading.Render(left) + strings.Repeat(" ", gap) + right
}

// saveStateWidth is the width of the widest save state in the language.
func (r *runner) saveStateWidth() int {
	w := 0
	for _, k := range []string{"runner.notSaved", "runner.saving", "runner.unsaved", "runner.saved"} {
		w = max(w, lipgloss.Width(r.env.t(k)))
	}
	return w
}

// saveState says whether what was typed is on disk.
func (r *runner) saveState() string {
	e := r.env
	switch {
	case r.wk.Err() != nil:
		return e.st.errText.Render(e.t("runner.notSaved"))
	case r.inFlight:
		return e.st.muted.Render(e.t("runner.saving"))
	case r.unsaved():
		return e.st.muted.Render(e.t("runner.unsaved"))
	case r.everSaved:
		return e.st.okText.Render(e.t("runner.saved"))
	}
	return ""
}

// strip is a compact marker per step for narrow screens: ● answered,
// – skipped, ○ not yet; the current step is bracketed.
func (r *runner) strip(w int) string {
	var b strings.Builder
	cur := r.wk.Sess.CurrentIndex()
	for i := range r.wk.Sess.Steps {
		m := r.marker(i)
		if i == cur {
			m = "[" + m + "]"
		}
		b.WriteString(m)
	}
	return ansi.Truncate(b.String(), w, "…")
}

// answerHidden reports whether the answer on screen is private and the
// learner view is on: it is then neither shown nor edited.
func (r *runner) answerHidden() bool {
	return r.env.learner && r.answerHasVisibility() && r.currentStep().AnswerPrivate
}

// enterLearnerView takes the keyboard to the answer and closes what the
// learner view must not show.
func (r *runner) enterLearnerView() {
	if r.mode == modeSteps && r.lay.paneW > 0 {
		r.mode = modeEdit
	}
	if r.focus != focusAnswer {
		r.setFocus(focusAnswer)
	}
	if p, ok := r.panel.(interface{ learnerView() }); ok {
		p.learnerView()
	}
}

// learnerSafe: the session screen shows itself in the learner view,
// leaving out what is private.
func (r *runner) learnerSafe() bool { return true }

// panelView draws the answer panel in its rows, scrolled so that what has
// the focus is visible; it returns the caret's row and column, or -1.
func (r *runner) panelView() ([]string, int, int) {
	h := max(r.lay.answerH, 1)
	focused := r.focus == focusAnswer && r.mode == modeEdit
	lines, row, col := r.panel.view(r.lay.mainW, h, focused)
	if r.answerHidden() {
		lines, row, col = []string{r.env.st.muted.Render(truncate(r.env.t("learner.privateAnswer"), r.lay.mainW))}, -1, -1
		if r.notice != "" {
			lines = append(lines, r.env.st.errText.Render(truncate(r.notice, r.lay.mainW)))
		}
	}
	top := windowTop(len(lines), max(row, 0), h, 1)
	lines = window(lines, max(row, 0), h, 1)
	for len(lines) < h {
		lines = append(lines, "")
	}
	if row >= 0 {
		row -= top
	}
	return lines, row, col
}

// marker is step i's mark: ● answered (as Session.Counts counts), –
// skipped, ○ not yet.
func (r *runner) marker(i int) string {
	st := r.wk.Sess.Steps[i]
	switch {
	case model.StepHasContent(r.wk.Sess, st, r.wk.Ledger):
		return "●"
	case st.Skipped:
		return "–"
	}
	return "○"
}

func (r *runner) stepLines(w, h int) []string {
	e := r.env
	focused := r.mode == modeSteps
	title := e.st.paneTitle
	if focused {
		title = e.st.paneTitleFocus
	}
	cur := r.wk.Sess.CurrentIndex()
	answered, _, total := r.wk.Sess.Counts(r.wk.Ledger)
	lines := []string{title.Render(ansi.Truncate(e.tf("runner.stepsTitle", answered, total), w, "…"))}
	sel := cur
	if focused {
		sel = r.stepCursor
	}
	// Only the rows in view are drawn: a flow may hold thousands of steps.
	n, rows := len(r.wk.Sess.Steps), h-1
	selLine := sel
	if sel < 0 || sel >= n {
		selLine = 0
	}
	top, end := windowTop(n, selLine, rows, 1), n
	if rows > 0 && n > rows {
		end = top + rows
	}
	number := 0 // Session.Number, counted along the way
	for i, st := range r.wk.Sess.Steps[:end] {
		if st.Kind == model.StepPrompt {
			number++
		}
		if i < top {
			continue
		}
		label := r.stepTitle(st)
		switch st.Kind {
		case model.StepFollowup:
			label = "  ↳ " + label
		case model.StepOwn:
			label = "＋ " + label
		case model.StepPrompt:
			label = fmt.Sprintf("%d %s", number, label)
		default: // brought back from before, or the learner's feedback
			label = "＊ " + label
		}
		m := r.marker(i)
		style := e.st.open
		switch m {
		case "●":
			style = e.st.answered
		case "–":
			style = e.st.skipped
		}
		text := ansi.Truncate(shownLine(oneLine(label)), w-3, "…")
		line := style.Render(m) + " " + text
		if i == cur {
			line = style.Render(m) + " " + e.st.heading.Render(text)
		}
		if i == sel && focused {
			line = e.st.selected.Render(padRight(m+" "+text, w))
		}
		lines = append(lines, line)
	}
	return lines
}

func (r *runner) paneLabel(text string, focused bool) string {
	text = truncate(text, max(r.lay.mainW, 10))
	if focused {
		return r.env.st.paneTitleFocus.Render(text)
	}
	return r.env.st.paneTitle.Render(text)
}

func (r *runner) gutter(block string, focused bool) []string {
	g := r.env.st.gutter.Render("│ ")
	if focused {
		g = r.env.st.gutterFocus.Render("┃ ")
	}
	lines := strings.Split(block, "\n")
	for i, l := range lines {
		lines[i] = g + l
	}
	return lines
}

func (r *runner) caret() *tea.Cursor {
	if !r.loaded {
		return nil
	}
	var x, y int
	var ok bool
	var top int
	switch {
	case r.mode == modeAsk || r.mode == modeDeeperOwn:
		x, y, ok = r.input.Cursor()
		top = r.lay.inputY
	case r.mode != modeEdit:
		return nil
	case r.focus == focusAnswer:
		_, row, col := r.panelView()
		if row < 0 || col < 0 {
			return nil
		}
		return tea.NewCursor(col, r.lay.answerY+row)
	case r.focus == focusNote:
		x, y, ok = r.note.Cursor()
		top = r.lay.noteY
	}
	if !ok || top+y >= r.h {
		return nil
	}
	return tea.NewCursor(2+x, top+y)
}

func (r *runner) typing() bool {
	if !r.loaded {
		return false
	}
	switch r.mode {
	case modeAsk, modeDeeperOwn:
		return true
	case modeEdit:
		return r.focus == focusNote || r.focus == focusAnswer && (r.panel == nil || r.panel.typing())
	}
	return false
}

func (r *runner) keys() help.KeyMap {
	k := r.k
	pk := r.pk
	if r.elsewhere {
		list := []key.Binding{k.takeOver, r.env.bind("key.back", "esc")}
		return keyList{short: list, full: [][]key.Binding{list}}
	}
	switch r.mode {
	case modeDeeper:
		return keyList{short: []key.Binding{pk.up, pk.down, pk.choose, pk.cancel},
			full: [][]key.Binding{{pk.up, pk.down, pk.choose, pk.cancel}}}
	case modeAsk, modeDeeperOwn:
		return keyList{short: []key.Binding{r.env.bind("key.add", "enter"), pk.cancel},
			full: [][]key.Binding{{r.env.bind("key.add", "enter"), pk.cancel}}}
	case modeSteps:
		jump := r.env.bind("key.jumpHere", "enter")
		page := r.env.bindShown("pgup/pgdn", "key.pageUpDown", "pgup", "pgdown")
		ends := r.env.bindShown("home/end", "key.firstLast", "home", "end")
		return keyList{short: []key.Binding{pk.up, pk.down, jump, pk.cancel},
			full: [][]key.Binding{{pk.up, pk.down, page, ends, jump, pk.cancel}}}
	case modeTimer:
		tk := r.tk
		list := []key.Binding{tk.toggle, tk.plus1, tk.plus5, tk.minus1, tk.next, tk.done}
		return keyList{short: list, full: [][]key.Binding{list}}
	case modeLeave:
		leave := []key.Binding{r.env.bind("runner.leaveFinish", "f"), r.env.bind("runner.leaveLater", "l"),
			r.env.bind("runner.leaveStay", "esc")}
		if r.saveLost() {
			leave = []key.Binding{r.env.bind(r.lostKey("runner.leaveTakenOver", "runner.leaveTakenOver", "runner.leaveUnsaved"), "l"), r.env.bind("runner.leaveStay", "esc")}
		}
		return keyList{short: leave, full: [][]key.Binding{leave}}
	}
	cur := r.wk.Sess.CurrentIndex()
	k.visibility.SetEnabled(r.focus == focusNote || r.focus == focusAnswer && (r.answerHasVisibility() || r.reviewing() != nil))
	k.feedback.SetEnabled(r.feedbackAllowed())
	k.prev.SetEnabled(cur > 0)
	k.next.SetEnabled(cur < len(r.wk.Sess.Steps)-1)
	var own []key.Binding
	if r.focus == focusAnswer && r.panel != nil {
		own = r.panel.keys()
	}
	hint := k.hint
	short := append(own, k.next, k.prev, k.jump, k.skip, k.deeper, k.own, k.hint, k.focus, k.leave)
	if r.round != nil {
		// Hints stay in view in a round; ctrl+t runs the timer and comes
		// first, where even a narrow footer shows it.
		hint = r.tk.open
		short = append([]key.Binding{hint}, append(own, k.next, k.prev, k.jump, k.skip, k.deeper, k.own, k.focus, k.leave)...)
	}
	return keyList{
		short: short,
		full: [][]key.Binding{
			{k.next, k.prev, k.jump, k.skip},
			{k.deeper, k.own, hint, k.focus, k.focusBack},
			append([]key.Binding{k.save, k.visibility, k.feedback, k.leave}, own...),
			r.editKeys(),
		},
	}
}

// editKeys documents the editor's own keys in the full help.
func (r *runner) editKeys() []key.Binding {
	e := r.env
	return []key.Binding{
		e.bindShown("enter", "key.newline", "enter"),
		e.bindShown("alt+←/→", "key.wordMove", "alt+left"),
		e.bindShown("ctrl+a/e", "key.lineStartEnd", "ctrl+a"),
		e.bindShown("ctrl+w", "key.deleteWord", "ctrl+w"),
		e.bindShown("ctrl+u/k", "key.deleteLine", "ctrl+u"),
		e.bindShown("ctrl+z/y", "key.undoRedo", "ctrl+z"),
	}
}

// answerHasVisibility reports whether the current step's answer is the
// learner's words or points, which can be kept private; worries carry their
// own visibility and the agreement is the three parties' by nature.
// reviewing is the panel of the worries or actions brought back, whose
// notes each have their own scope, or nil.
func (r *runner) reviewing() *reviewPanel {
	p, _ := r.panel.(*reviewPanel)
	return p
}

func (r *runner) answerHasVisibility() bool {
	switch r.panel.(type) {
	case *textPanel, *choicePanel, *skillPanel, *focusPanel:
		return true
	}
	return false
}

// answerLabel is the answer panel's label with who may read the answer.
func (r *runner) answerLabel() string {
	switch p := r.panel.(type) {
	case *skillPanel, *focusPanel:
		return r.panel.label() // the tag is on the evidence or the plan
	case *agreementPanel:
		// The agreement is the three parties' by its nature.
		return p.label() + r.visibilityTag(false)
	case *ledgerPanel:
		if p.kind == ledgerActions {
			// Actions are agreed with the learner: always shared. (Each
			// worry says its own scope, in the list and its form.)
			return p.label() + r.visibilityTag(false)
		}
	}
	if !r.answerHasVisibility() {
		return r.panel.label()
	}
	return r.panel.label() + r.visibilityTag(r.currentStep().AnswerPrivate)
}

// noteLabel is the note's label with who may read it; notes are private
// unless marked shared.
func (r *runner) noteLabel() string {
	label := r.env.t("runner.noteLabel")
	if r.wk.Sess.IsRound() {
		label = r.env.t("round.noteLabel")
	}
	return label + r.visibilityTag(!r.currentStep().NoteShared)
}

func (r *runner) visibilityTag(private bool) string {
	if r.env.learner {
		return "" // nothing private is on screen then
	}
	if private {
		return r.env.t("visibility.privateTag")
	}
	return r.env.t("visibility.sharedTag")
}

// toggleVisibility switches the focused answer or note between private (the
// companion only) and shared (may go into exports for the learner or the
// organisations), and writes it at once.
func (r *runner) toggleVisibility() tea.Cmd {
	if r.env.learner {
		return showStatus(r.env.t("learner.noScope"))
	}
	st := r.currentStep()
	var ev model.Event
	var said string
	switch {
	case r.focus == focusNote:
		ev = model.SetNoteShared{Shared: !st.NoteShared}
		said = map[bool]string{true: "status.noteShared", false: "status.notePrivate"}[!st.NoteShared]
	case r.focus == focusAnswer && r.answerHasVisibility():
		ev = model.SetAnswerPrivate{Private: !st.AnswerPrivate}
		said = map[bool]string{true: "status.answerPrivate", false: "status.answerShared"}[!st.AnswerPrivate]
	case r.focus == focusAnswer && r.reviewing() != nil:
		said = r.reviewing().toggleScope()
		if said == "" {
			return nil
		}
		r.relayout()
		return tea.Batch(r.flush(), showStatus(r.env.t(said)))
	default:
		return nil
	}
	r.applyAnswer(ev)
	r.relayout()
	return tea.Batch(r.flush(), showStatus(r.env.t(said)))
}
