package tui

import (
	"errors"
	"slices"
	"strings"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

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
	gk   tagKeys
	mk   modalKeys
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
	modal              modal // what has the keys for a moment; nil while editing
	lay                runnerLayout

	startAt string // the step to open at instead of where the session was left

	panel  panel  // the answer area of the current step
	notice string // a short message inside the panel (cleared on a step change)

	// For a peer round: the timer, the roles and the ground rules.
	round *roundRun
	tk    timerKeys

	// The session's room, once opened (runner_room.go).
	rm *runnerRoom
	rk roomRunnerKeys

	// rb is the read-back of what the session heard while it is open
	// (readback.go); nil otherwise.
	rb *readBack

	// The quiet clock of a 1:1 (runner_clock.go): when the session was
	// opened this time, the length the companion planned (0: none), and
	// whether a redraw at the next minute is pending.
	openedAt     time.Time
	planned      time.Duration
	clockPending bool

	// saving
	inFlight    bool
	tickPending bool
	everSaved   bool
	retry       time.Duration
	leaving     leaveAction
	quitting    bool
	// givenUp: the copy was closed without saving once nothing more could
	// be saved from it. Its words are no longer waited for: a quit that
	// comes before the runner has left the stack ends at once.
	givenUp bool

	fw follow // reading the ledger again after others' changes
}

type focusArea int

const (
	focusAnswer focusArea = iota
	focusNote
	focusSteps
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
	r := &runner{env: e, k: newRunnerKeys(e), pk: newPickerKeys(e), gk: newTagKeys(e), mk: newModalKeys(e), tk: newTimerKeys(e), rk: newRoomRunnerKeys(e), id: id, showHint: true,
		wk: &work.Work{}}
	r.answer = editor.New()
	r.answer.Placeholder = e.t("runner.answerPlaceholder")
	r.answer.PlaceholderStyle = func(s string) string { return e.st.muted.Render(s) }
	r.note = editor.New()
	r.note.Placeholder = e.t("runner.notePlaceholder")
	r.note.PlaceholderStyle = r.answer.PlaceholderStyle
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

func (r *runner) update(msg tea.Msg) (screen, tea.Cmd) {
	if cmd, ok := r.roomMsg(msg); ok {
		return r, cmd
	}
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
	case storeChangedMsg:
		return r, tea.Batch(r.roomChanged(msg), r.othersChanged(msg))
	case reloadedMsg:
		if msg.by == &r.fw {
			return r, r.fw.back(msg, func(m tea.Msg) tea.Cmd { _, c := r.update(m); return c },
				func() []tea.Cmd { return []tea.Cmd{r.loadLedger()} })
		}
	case ledgerReadMsg:
		r.ledgerRead(msg)
	case roundTickMsg:
		if msg.id == r.id && r.round != nil {
			r.round.ticking = false
			return r, r.tick()
		}
	case quietTickMsg:
		if msg.id == r.id {
			r.clockPending = false
			return r, r.quietTick()
		}
	case quitRequestMsg:
		r.quitting = true
		if r.env.dropped && r.rm != nil && r.round != nil && r.round.rd.Timer.Running() {
			// A dropped connection leaves a room's clock running: the room
			// goes on, and the holder finds it running when they come back.
			// Any other end (the program stopped, a crash) stops it as
			// always.
			r.round.rd.LeftRunning = true
			r.wk.RoundChanged()
		} else {
			r.pauseRound()
		}
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
	r.openedAt = r.env.now()
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
	if r.wk.Room && r.rm == nil {
		r.rm = &runnerRoom{} // f3 gives it a new code
		roundNote = r.loadRoom()
	}
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
	cmds := []tea.Cmd{r.relayout(), r.prerender(), r.tick(), r.quietTick(), roundNote, r.changed()}
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
	if p, ok := r.modal.(*stepPicker); ok {
		p.cursor = r.wk.Sess.CurrentIndex()
	}
}

// currentStep is the step on screen.
func (r *runner) currentStep() model.Step {
	st, _ := r.wk.Sess.Current()
	return st
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
		if p, ok := r.modal.(*stepPicker); ok {
			p.cursor = r.wk.Sess.CurrentIndex()
		}
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
	if r.rm != nil && r.rm.view {
		return r.roomViewKey(msg)
	}
	if r.rb != nil {
		return r.readBackKey(msg)
	}
	if r.modal != nil {
		return r.modal.key(r, msg)
	}
	k := r.k
	switch {
	case r.roomAllowed() && key.Matches(msg, r.rk.open):
		if r.rm != nil && r.rm.code != "" {
			r.modal = roomModal{}
			r.relayout()
			return r, r.loadRoom()
		}
		return r, r.openRoom()
	case r.round != nil && key.Matches(msg, r.tk.open):
		r.enterTimer()
	case key.Matches(msg, r.k.skill) && r.actionSkillAllowed():
		r.openActionSkill()
	case key.Matches(msg, k.next):
		return r, r.apply(model.Next{})
	case key.Matches(msg, k.prev):
		return r, r.apply(model.Back{})
	case key.Matches(msg, k.skip):
		return r, r.apply(model.Skip{})
	case key.Matches(msg, k.jump):
		r.openSteps()
		r.relayout()
	case key.Matches(msg, k.deeper):
		r.digDeeper()
	case key.Matches(msg, k.own):
		r.askOwn(false)
		r.relayout()
	case key.Matches(msg, k.hint):
		r.showHint = !r.showHint
		r.relayout()
	case key.Matches(msg, k.hintType) && r.round == nil && !r.env.learner:
		r.wk.OtherHintType()
		r.showHint = true
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
	case key.Matches(msg, k.tags) && r.tagsAllowed():
		r.modal = &feedbackTagger{}
		r.relayout()
	case key.Matches(msg, k.leave) && r.focus == focusAnswer && r.panel != nil && r.panel.holdsEsc():
		return r.edit(msg)
	case key.Matches(msg, k.leave):
		r.modal = leaveDialog{}
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
		r.openSteps()
	}
	r.setFocusDir(focusArea(f), d)
	r.relayout()
}

// edit gives a key or paste to the focused editor and schedules a save when
// the text changed.
func (r *runner) edit(msg tea.Msg) (screen, tea.Cmd) {
	if r.leaving != stay || r.rb != nil {
		return r, nil // the screen is closing (the text is being saved), or reads back
	}
	if !r.loaded || r.modal != nil {
		if q, ok := r.modal.(*questionInput); ok {
			q.input, _ = q.input.Update(msg)
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
	r.modal = nil
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
		if r.wk.Sess.RanAsChecklist() {
			// A gentle note, never a block (over-support pattern 3).
			text += r.env.t("status.checklist")
		}
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
	// tags: a line under the answer names the skills a part of the
	// learner's feedback speaks to (drawn from the words as typed).
	tags bool
}

// Rows the editors need at the least: the two labels, two rows of answer
// and one of note.
const minEditorRows = 2 + 2 + 1

// feedbackAllowed reports whether the learner's feedback on the support can
// be recorded: in any session with a learner, not in a self-review.
func (r *runner) feedbackAllowed() bool {
	return r.wk.Sess.EngagementID != 0 && !r.wk.Sess.IsSelfReview()
}

// promptFor returns the content prompt behind a step: its own, or for a
// follow-up the prompt it digs into.
func (r *runner) promptFor(st model.Step) (model.Prompt, bool) { return r.wk.PromptFor(st) }

func (r *runner) typing() bool {
	if !r.loaded || r.rb != nil {
		return false
	}
	switch r.modal.(type) {
	case *questionInput:
		return true
	case nil:
		return r.focus == focusNote || r.focus == focusAnswer && (r.panel == nil || r.panel.typing())
	}
	return false
}

// keys are the session's keys. Whatever esc does (leaving, or closing
// what is open) and the scope key are pinned: the footer shows them at any
// width, and the rest as far as it goes, all of them under f1.
func (r *runner) keys() help.KeyMap {
	k := r.k
	if r.elsewhere {
		list := []key.Binding{k.takeOver, k.back}
		return pinEsc(keyList{short: list, full: [][]key.Binding{list}})
	}
	if r.rm != nil && r.rm.view {
		list := append(r.timerKeys()[:5:5], r.rk.bell, r.rk.close)
		return pinEsc(keyList{short: list, full: [][]key.Binding{list}})
	}
	if r.rb != nil {
		return r.rb.keys()
	}
	if r.modal != nil {
		return pinEsc(r.modal.keys(r))
	}
	cur := r.wk.Sess.CurrentIndex()
	k.visibility.SetEnabled(r.focus == focusNote || r.focus == focusAnswer && (r.answerHasVisibility() || r.reviewing() != nil))
	k.feedback.SetEnabled(r.feedbackAllowed())
	k.tags.SetEnabled(r.tagsAllowed())
	k.hintType.SetEnabled(r.round == nil)
	k.prev.SetEnabled(cur > 0)
	k.next.SetEnabled(cur < len(r.wk.Sess.Steps)-1)
	var own []key.Binding
	if r.focus == focusAnswer && r.panel != nil {
		own = r.panel.keys()
		// esc closes what the panel has open first: then it does not leave.
		k.leave.SetEnabled(!r.panel.holdsEsc())
	}
	hint := k.hint
	short := append(own, k.tags, k.next, k.prev, k.jump, k.skip, k.deeper, k.own, k.hint, k.focus, k.leave)
	if r.round != nil {
		// Hints stay in view in a round; ctrl+t runs the timer and comes
		// first, where even a narrow footer shows it.
		hint = r.tk.open
		short = append([]key.Binding{hint}, append(own, k.next, k.prev, k.jump, k.skip, k.deeper, k.own, k.focus, k.leave)...)
		if skill := r.actionSkillKey(); skill.Enabled() {
			short = append([]key.Binding{hint, skill}, short[1:]...) // a next action names its skill
		}
	}
	var pinned []key.Binding
	if !r.env.learner {
		pinned = []key.Binding{k.visibility} // nothing's scope changes in the learner view
	}
	more := []key.Binding{k.save, k.visibility, k.feedback, k.tags, k.leave}
	if r.round != nil {
		more = append(more, r.actionSkillKey())
	}
	if r.roomAllowed() {
		// On a server, the room comes right after the timer (or first).
		at := 0
		if r.round != nil {
			at = 1
		}
		short = append(short[:at:at], append([]key.Binding{r.rk.open}, short[at:]...)...)
		more = append(more, r.rk.open)
	}
	return pinEsc(keyList{
		short:  short,
		pinned: pinned,
		full: [][]key.Binding{
			{k.next, k.prev, k.jump, k.skip},
			{k.deeper, k.own, hint, k.hintType, k.focus, k.focusBack},
			append(more, own...),
			r.env.ak.editor,
		},
	})
}

// pinEsc pins the first binding of the short list that esc sets off, in
// front of the others pinned, and takes it out of the short list.
func pinEsc(kl keyList) keyList {
	for i, b := range kl.short {
		if b.Enabled() && slices.Contains(b.Keys(), "esc") {
			kl.pinned = append([]key.Binding{b}, kl.pinned...)
			kl.short = slices.Delete(slices.Clone(kl.short), i, i+1)
			break
		}
	}
	return kl
}
