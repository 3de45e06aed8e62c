package tui

import (
	"charm.land/bubbles/v2/key"
)

// Every binding is built here, with help text in the interface language.
// Screens disable the bindings that do not apply so the footer never lies.

func (e *env) bind(help string, keys ...string) key.Binding {
	return key.NewBinding(key.WithKeys(keys...), key.WithHelp(keys[0], e.t(help)))
}

func (e *env) bindShown(shown, help string, keys ...string) key.Binding {
	return key.NewBinding(key.WithKeys(keys...), key.WithHelp(shown, e.t(help)))
}

type globalKeys struct {
	quit, help, helpAlways, close, search, learner, learnerOff key.Binding
	learnerYes                                                 key.Binding // f2 then y: back to the companion's view
	// editorAlt are the editor's alt chords, kept whole where a text
	// field has the keys (see App.splitEscape).
	editorAlt key.Binding
}

func newGlobalKeys(e *env) globalKeys {
	return globalKeys{
		quit:       e.bind("key.quit", "ctrl+c"),
		help:       e.bind("key.help", "?"),
		helpAlways: e.bindShown("f1", "key.help", "f1"),
		close:      e.bind("key.close", "esc"),
		search:     e.bind("key.search", "/"),
		learner:    e.bind("key.learnerView", "f2"),
		learnerOff: e.bind("key.learnerViewOff", "f2"),
		learnerYes: e.bind("learner.leaveYes", "y"),
		editorAlt:  key.NewBinding(key.WithKeys("alt+left", "alt+right", "alt+b", "alt+f", "alt+<", "alt+>", "alt+backspace", "alt+delete", "alt+d")),
	}
}

// keyList is a help.KeyMap over a fixed list of bindings. pinned are
// shown in the footer whatever its width, at its right (the rest is cut
// first, and all of them are under f1).
type keyList struct {
	short  []key.Binding
	full   [][]key.Binding
	pinned []key.Binding
}

func (k keyList) ShortHelp() []key.Binding  { return enabled(k.short) }
func (k keyList) FullHelp() [][]key.Binding { return k.full }

// PinnedHelp are the keys the footer always shows.
func (k keyList) PinnedHelp() []key.Binding { return enabled(k.pinned) }

// pinner is a key map with keys the footer always shows.
type pinner interface{ PinnedHelp() []key.Binding }

func enabled(bs []key.Binding) []key.Binding {
	var out []key.Binding
	for _, b := range bs {
		if b.Enabled() {
			out = append(out, b)
		}
	}
	return out
}

type listKeys struct {
	up, down, open, back key.Binding
}

func newListKeys(e *env) listKeys {
	return listKeys{
		up:   e.bindShown("↑/k", "key.up", "up", "k"),
		down: e.bindShown("↓/j", "key.down", "down", "j"),
		open: e.bind("key.open", "enter"),
		back: e.bind("key.back", "esc"),
	}
}

type homeKeys struct {
	listKeys
	add, edit, archive, archived, skills, rounds, join, quit key.Binding
	orientation                                              key.Binding
	// The offer of an engagement form left unsaved.
	resumeDraft, discardDraft, later, confirm key.Binding
	// The offer of a session left in progress.
	resume, resumeLater key.Binding
}

func newHomeKeys(e *env) homeKeys {
	return homeKeys{
		resume:       e.bindShown("enter/y", "key.resume", "enter", "y"),
		resumeLater:  e.bindShown("n/esc", "key.later", "n", "esc"),
		resumeDraft:  e.bindShown("enter/y", "key.resumeDraft", "enter", "y"),
		discardDraft: e.bind("key.discardDraft", "d"),
		later:        e.bindShown("n/esc", "key.later", "n", "esc"),
		confirm:      e.bind("key.confirmDiscard", "y"),
		listKeys:     newListKeys(e),
		add:          e.bind("key.newEngagement", "n"),
		edit:         e.bind("key.edit", "e"),
		archive:      e.bind("key.archive", "a"),
		archived:     e.bind("key.showArchived", "A"),
		skills:       e.bind("key.skills", "s"),
		rounds:       e.bind("key.rounds", "r"),
		join:         e.bind("key.join", "c"),
		orientation:  e.bind("key.orientation", "o"),
		quit:         e.bind("key.quit", "q"),
	}
}

type engagementKeys struct {
	listKeys
	start, review, compare, edit, archive, nextTab, prevTab, tabNumber key.Binding
	tabs                                                               [4]key.Binding // 1–4, one tab each
}

func newEngagementKeys(e *env) engagementKeys {
	return engagementKeys{
		listKeys:  newListKeys(e),
		start:     e.bind("key.newSession", "n"),
		review:    e.bind("key.review", "r"),
		compare:   e.bind("key.compare", "c"),
		edit:      e.bind("key.editEngagement", "e"),
		archive:   e.bind("key.archive", "a"),
		nextTab:   e.bind("key.nextTab", "tab"),
		prevTab:   e.bind("key.prevTab", "shift+tab"),
		tabNumber: e.bindShown("1-4", "key.tabNumber", "1", "2", "3", "4"),
		tabs: [4]key.Binding{key.NewBinding(key.WithKeys("1")), key.NewBinding(key.WithKeys("2")),
			key.NewBinding(key.WithKeys("3")), key.NewBinding(key.WithKeys("4"))},
	}
}

type skillsKeys struct {
	up, down, left, right, add, open, back, pickChoose, pickCancel, toggle, startChosen key.Binding
	pickUp, pickDown                                                                    key.Binding // in the lists of what to review
	cadence, cadenceSave, cadenceErase                                                  key.Binding // the cadence of reviews
	ask                                                                                 key.Binding // someone to rate one's skills
	others                                                                              key.Binding // read what others said in their ratings
}

func newSkillsKeys(e *env) skillsKeys {
	return skillsKeys{
		up:           e.bindShown("↑/k", "key.prevSkill", "up", "k"),
		down:         e.bindShown("↓/j", "key.nextSkill", "down", "j"),
		left:         e.bindShown("←/h", "key.earlierReview", "left", "h"),
		right:        e.bindShown("→/l", "key.laterReview", "right", "l"),
		add:          e.bind("key.newReview", "n"),
		open:         e.bind("key.openReview", "enter"),
		back:         e.bind("key.back", "esc", "q"),
		pickChoose:   e.bind("key.choose", "enter"),
		pickCancel:   e.bind("key.cancel", "esc"),
		toggle:       e.bind("key.chooseSkill", "space"),
		startChosen:  e.bind("key.startReview", "enter"),
		pickUp:       e.bindShown("↑/k", "key.prevSkill", "up", "k", "ctrl+p"),
		pickDown:     e.bindShown("↓/j", "key.nextSkill", "down", "j", "ctrl+n"),
		cadence:      e.bind("key.reviewCadence", "c"),
		cadenceSave:  e.bind("key.setCadence", "enter"),
		cadenceErase: e.bind("key.eraseDigit", "backspace"),
		ask:          e.bind("key.askRating", "r"),
		others:       e.bind("key.readOthers", "o"),
	}
}

type ratingKeys struct {
	next, prev, cycle, send, back key.Binding
	enter                         key.Binding // the next field, from one that is one line
	confirm, cancel               key.Binding // sending, asked about
}

func newRatingKeys(e *env) ratingKeys {
	return ratingKeys{
		next:    e.bindShown("tab/↓", "key.nextField", "tab", "down"),
		prev:    e.bindShown("shift+tab/↑", "key.prevField", "shift+tab", "up"),
		cycle:   e.bindShown("←/→", "key.changeLevel", "left", "right", "space"),
		send:    e.bind("key.sendRating", "ctrl+s"),
		back:    e.bind("key.keepLater", "esc"),
		enter:   key.NewBinding(key.WithKeys("enter")),
		confirm: e.bind("key.sendRatingYes", "y"),
		cancel:  e.bind("key.sendRatingNo", "n", "esc"),
	}
}

type roundsKeys struct {
	up, down, open, add, remove, back key.Binding
	confirm                           key.Binding // y: remove the round asked about
}

func newRoundsKeys(e *env) roundsKeys {
	return roundsKeys{
		up:      e.bindShown("↑/k", "key.up", "up", "k"),
		down:    e.bindShown("↓/j", "key.down", "down", "j"),
		open:    e.bind("key.openRound", "enter"),
		add:     e.bind("key.newRound", "n"),
		remove:  e.bind("key.removeRound", "x"),
		back:    e.bind("key.back", "esc", "q"),
		confirm: e.bind("key.confirmRemoveRound", "y"),
	}
}

// roundSetupKeys prepare a round: names are typed where they stand.
// selectorKeys change a fieldset's selector: ←/→ (or space) to the next or
// previous option, backspace or delete to none. (A digit picks an option.)
var selectorKeys = struct{ next, prev, clear key.Binding }{
	next:  key.NewBinding(key.WithKeys("right", "space")),
	prev:  key.NewBinding(key.WithKeys("left")),
	clear: key.NewBinding(key.WithKeys("backspace", "delete")),
}

type roundSetupKeys struct {
	next, prev, change, kind, start, cancel key.Binding
	enter, left                             key.Binding // on to the next row (or start on the button); back
}

func newRoundSetupKeys(e *env) roundSetupKeys {
	return roundSetupKeys{
		next:   e.bindShown("tab/↓", "key.nextField", "tab", "down"),
		prev:   e.bindShown("shift+tab/↑", "key.prevField", "shift+tab", "up"),
		change: e.bindShown("←/→", "key.change", "left", "right"),
		kind:   e.bind("key.companionType", "ctrl+t"),
		start:  e.bind("key.startRound", "ctrl+s"),
		cancel: e.bind("key.cancel", "esc"),
		enter:  key.NewBinding(key.WithKeys("enter")),
		left:   key.NewBinding(key.WithKeys("left")),
	}
}

type formKeys struct {
	next, prev, cycle, save, cancel key.Binding
	enter, left, confirm            key.Binding // on (saves on the last field); back; discard on asking
}

func newFormKeys(e *env) formKeys {
	return formKeys{
		next:    e.bindShown("tab/↓", "key.nextField", "tab", "down"),
		prev:    e.bindShown("shift+tab/↑", "key.prevField", "shift+tab", "up"),
		cycle:   e.bindShown("←/→", "key.changeType", "left", "right", "space"),
		save:    e.bind("key.save", "ctrl+s"),
		cancel:  e.bind("key.cancel", "esc"),
		enter:   key.NewBinding(key.WithKeys("enter")),
		left:    key.NewBinding(key.WithKeys("left")),
		confirm: key.NewBinding(key.WithKeys("y", "enter")),
	}
}

type runnerKeys struct {
	next, prev, jump, skip, deeper, own, hint, focus, focusBack, leave, save, visibility, feedback, takeOver key.Binding
	hintType                                                                                                 key.Binding // another companion type's hints
	tags                                                                                                     key.Binding // the skills a part of the learner's feedback speaks to
	back                                                                                                     key.Binding // while the session is open elsewhere
	skill                                                                                                    key.Binding // the skill a round's next action practises
}

func newRunnerKeys(e *env) runnerKeys {
	return runnerKeys{
		next:       e.bind("key.nextPrompt", "ctrl+n"),
		prev:       e.bind("key.prevPrompt", "ctrl+p"),
		jump:       e.bind("key.jump", "ctrl+g"),
		skip:       e.bind("key.skip", "ctrl+x"),
		deeper:     e.bind("key.deeper", "ctrl+d"),
		own:        e.bind("key.own", "ctrl+o"),
		hint:       e.bind("key.hint", "ctrl+t"),
		hintType:   e.bind("key.hintType", "f4"),
		focus:      e.bind("key.focus", "tab"),
		focusBack:  e.bind("key.focusBack", "shift+tab"),
		leave:      e.bind("key.leave", "esc"),
		save:       e.bind("key.saveNow", "ctrl+s"),
		visibility: e.bind("key.visibility", "ctrl+l"),
		feedback:   e.bind("key.feedback", "ctrl+r"),
		tags:       e.bind("key.feedbackSkills", "ctrl+q"),
		takeOver:   e.bind("key.takeOver", "t"),
		back:       e.bind("key.back", "esc"),
		skill:      e.bind("key.actionSkill", "f6"),
	}
}

// tagKeys are the keys of the list of skills a part of the learner's
// feedback speaks to (ctrl+q): a skill added or taken away, the list closed.
type tagKeys struct {
	toggle, number, close key.Binding
}

func newTagKeys(e *env) tagKeys {
	return tagKeys{
		toggle: e.bind("key.toggleSkill", "space"),
		number: e.bindShown("1-9", "key.toggleSkillNumber", "1", "2", "3", "4", "5", "6", "7", "8", "9",
			"１", "２", "３", "４", "５", "６", "７", "８", "９"),
		close: e.bindShown("enter/esc", "key.closeTags", "enter", "esc", "ctrl+q"),
	}
}

// timerKeys control a peer round's timer: ctrl+t gives them the keyboard.
type timerKeys struct {
	open, toggle, plus1, plus5, minus1, next, turn, done key.Binding
}

func newTimerKeys(e *env) timerKeys {
	return timerKeys{
		open:   e.bind("key.timer", "ctrl+t"),
		toggle: e.bindShown("space", "key.timerToggle", "space", "enter"),
		plus1:  e.bindShown("+/1", "key.timerPlusOne", "+", "1", "="),
		plus5:  e.bind("key.timerPlusFive", "5"),
		minus1: e.bind("key.timerMinusOne", "-"),
		next:   e.bind("key.timerNext", "n"),
		turn:   e.bind("key.timerTurn", "t"),
		done:   e.bindShown("esc", "key.timerDone", "esc", "ctrl+t", "tab"),
	}
}

// answerKeys are the keys the answer panels match: moving in a list of
// points, choices, levels, skills, entries or items; choosing; a status
// changed with ←/→; an entry's form or note opened, closed and removed. The
// footer shows them through each panel's keys().
type answerKeys struct {
	up, down, left, right, back, forth, choose, open, remove, close, closeNote key.Binding
	// What the footer and the help say of them, by panel.
	moveChoice, chooseOption, chooseLevel, setTarget, chooseSkill, score key.Binding
	addEdit, delete, closeForm, status, reviewNote, closeNote2           key.Binding
	outcome, pickNumber, quickAddShown, quickDetails                     key.Binding
	quickAdd                                                             key.Binding // enter on the line that adds an entry
	// The editor's own keys, documented in the session's full help.
	editor []key.Binding
}

func newAnswerKeys(e *env) answerKeys {
	keys := func(k ...string) key.Binding { return key.NewBinding(key.WithKeys(k...)) }
	return answerKeys{
		moveChoice:    e.bindShown("↑/↓", "key.moveChoice", "up", "down"),
		chooseOption:  e.bindShown("space/1-9", "key.choose", "space"),
		chooseLevel:   e.bindShown("space/1-5", "key.chooseLevel", "space"),
		setTarget:     e.bindShown("←/→ 1-5", "key.setTarget", "left", "right"),
		chooseSkill:   e.bindShown("space", "key.chooseSkill", "space"),
		score:         e.bindShown("←/→ 1-5", "key.score", "left"),
		addEdit:       e.bindShown("enter", "key.addEdit", "enter"),
		delete:        e.bindShown("x", "key.delete", "x"),
		closeForm:     e.bind("key.closeForm", "esc"),
		status:        e.bindShown("←/→ 1-4", "key.status", "left"),
		outcome:       e.bindShown("←/→ 1-3", "key.outcome", "left"),
		pickNumber:    e.bindShown("1-9 ←/→", "key.pickNumber", "left"),
		quickAddShown: e.bindShown("enter", "key.quickAdd", "enter"),
		quickDetails:  e.bindShown("tab", "key.quickDetails", "tab"),
		quickAdd:      keys("enter"),
		reviewNote:    e.bindShown("enter", "key.reviewNote", "enter"),
		closeNote2:    e.bind("key.closeForm", "enter", "esc"),
		editor: []key.Binding{
			e.bindShown("enter", "key.newline", "enter"),
			e.bindShown("alt+←/→", "key.wordMove", "alt+left"),
			e.bindShown("ctrl+a/e", "key.lineStartEnd", "ctrl+a"),
			e.bindShown("ctrl+w", "key.deleteWord", "ctrl+w"),
			e.bindShown("ctrl+u/k", "key.deleteLine", "ctrl+u"),
			e.bindShown("ctrl+z/y", "key.undoRedo", "ctrl+z"),
		},
		up:        keys("up"),
		down:      keys("down"),
		left:      keys("left"),
		right:     keys("right"),
		back:      keys("up", "left"),    // the previous point or choice
		forth:     keys("down", "right"), // the next
		choose:    keys("enter", "space"),
		open:      keys("enter"),
		remove:    keys("x", "delete"),
		close:     keys("esc"),
		closeNote: keys("esc", "enter"),
	}
}

// modalKeys are the keys of the session screen's modals: the list of
// prompts (ctrl+g), a question of one's own, the leave dialog.
type modalKeys struct {
	pageUp, pageDown, first, last, page, ends, jumpHere, closeList key.Binding
	jumpShown                                                      key.Binding // jumpHere as the footer says it
	add                                                            key.Binding
	finish, later, stay                                            key.Binding
	closeCopy, closeUnsaved                                        key.Binding // once nothing more can be saved
	// The end of a 1:1 offered on leaving: the read-back for the learner
	// to confirm, the learner's voice on the support, the planned length
	// the quiet clock shows.
	readBack, voice, planned key.Binding
}

func newModalKeys(e *env) modalKeys {
	return modalKeys{
		pageUp:       key.NewBinding(key.WithKeys("pgup")),
		pageDown:     key.NewBinding(key.WithKeys("pgdown")),
		first:        key.NewBinding(key.WithKeys("home")),
		last:         key.NewBinding(key.WithKeys("end")),
		page:         e.bindShown("pgup/pgdn", "key.pageUpDown", "pgup", "pgdown"),
		ends:         e.bindShown("home/end", "key.firstLast", "home", "end"),
		jumpHere:     e.bind("key.jumpHere", "enter", "space"),
		jumpShown:    e.bind("key.jumpHere", "enter"),
		closeList:    e.bindShown("esc", "key.cancel", "esc", "tab", "shift+tab", "ctrl+g"),
		add:          e.bind("key.add", "enter"),
		finish:       e.bind("runner.leaveFinish", "f"),
		later:        e.bind("runner.leaveLater", "l"),
		stay:         e.bindShown("esc", "runner.leaveStay", "esc", "c"),
		closeCopy:    e.bind("runner.leaveTakenOver", "l"),
		closeUnsaved: e.bind("runner.leaveUnsaved", "l"),
		readBack:     e.bind("runner.leaveReadBack", "r"),
		voice:        e.bind("runner.leaveVoice", "ctrl+r"),
		planned:      e.bind("runner.leavePlanned", "p"),
	}
}

// readBackKeys are the read-back's (聞き取ったこと): the items, going back
// to correct one, the learner's confirmation, and back to the leave
// dialog. Arrows only: it is read with the learner, not typed in.
type readBackKeys struct {
	up, down, fix, confirm, back key.Binding
}

func newReadBackKeys(e *env) readBackKeys {
	return readBackKeys{
		up:      e.bindShown("↑", "key.up", "up"),
		down:    e.bindShown("↓", "key.down", "down"),
		fix:     e.bind("key.readBackFix", "enter"),
		confirm: e.bind("key.readBackConfirm", "c"),
		back:    e.bind("key.back", "esc"),
	}
}

type pickerKeys struct {
	up, down, choose, cancel key.Binding
	number                   key.Binding // 1–9, half- or full-width: start the flow of that number
}

func newPickerKeys(e *env) pickerKeys {
	return pickerKeys{
		up:     e.bindShown("↑", "key.up", "up", "ctrl+p"),
		down:   e.bindShown("↓", "key.down", "down", "ctrl+n"),
		choose: e.bind("key.choose", "enter"),
		cancel: e.bind("key.cancel", "esc"),
		number: e.bindShown("1-9", "key.startNumber", "1", "2", "3", "4", "5", "6", "7", "8", "9",
			"１", "２", "３", "４", "５", "６", "７", "８", "９"),
	}
}

type reviewKeys struct {
	up, down, pageUp, pageDown, edit, back key.Binding
}

func newReviewKeys(e *env) reviewKeys {
	return reviewKeys{
		up:       e.bindShown("↑/k", "key.scrollUp", "up", "k"),
		down:     e.bindShown("↓/j", "key.scrollDown", "down", "j"),
		pageUp:   e.bind("key.pageUp", "pgup", "b"),
		pageDown: e.bindShown("pgdn/space", "key.pageDown", "pgdown", "space", "f"),
		edit:     e.bind("key.continue", "e"),
		back:     e.bind("key.back", "esc", "q"),
	}
}

type searchKeys struct {
	up, down, pageUp, pageDown, open, back key.Binding
}

func newSearchKeys(e *env) searchKeys {
	return searchKeys{
		up:       e.bindShown("↑", "key.up", "up", "ctrl+p"),
		down:     e.bindShown("↓", "key.down", "down", "ctrl+n"),
		pageUp:   e.bind("key.pageUp", "pgup"),
		pageDown: e.bindShown("pgdn", "key.pageDown", "pgdown"),
		open:     e.bind("key.openAtPrompt", "enter"),
		back:     e.bind("key.back", "esc"),
	}
}

type compareKeys struct {
	up, down, pageUp, pageDown, nextSection, prevSection, back key.Binding
}

func newCompareKeys(e *env) compareKeys {
	return compareKeys{
		up:          e.bindShown("↑/k", "key.scrollUp", "up", "k"),
		down:        e.bindShown("↓/j", "key.scrollDown", "down", "j"),
		pageUp:      e.bind("key.pageUp", "pgup", "b"),
		pageDown:    e.bindShown("pgdn/space", "key.pageDown", "pgdown", "space", "f"),
		nextSection: e.bind("key.nextSection", "tab"),
		prevSection: e.bind("key.prevSection", "shift+tab"),
		back:        e.bind("key.back", "esc", "q"),
	}
}

// roomKeys are a room's: writing and sending a contribution, its kind and
// whether it carries a name; the list; an agreement's topics, fit and
// confirmation; the room view's bell.
type roomKeys struct {
	send, nextKind, prevKind, anon, private, list, up, down, takeUp, edit key.Binding
	nextTopic, prevTopic, toFit, confirm, projector, bell, leave          key.Binding
	yes                                                                   key.Binding
}

func newRoomKeys(e *env) roomKeys {
	return roomKeys{
		send:      e.bind("key.roomSend", "ctrl+s"),
		nextKind:  e.bind("key.roomKind", "tab"),
		prevKind:  key.NewBinding(key.WithKeys("shift+tab")),
		anon:      e.bind("key.roomAnon", "ctrl+a"),
		private:   e.bind("key.roomPrivate", "ctrl+l"),
		list:      e.bind("key.roomList", "ctrl+o"),
		up:        e.bindShown("↑/k", "key.up", "up", "k"),
		down:      e.bindShown("↓/j", "key.down", "down", "j"),
		takeUp:    e.bind("key.roomTakeUp", "space"),
		edit:      e.bind("key.roomEdit", "e"),
		nextTopic: e.bind("key.roomNextTopic", "ctrl+n"),
		prevTopic: e.bind("key.roomPrevTopic", "ctrl+p"),
		toFit:     e.bind("key.roomFit", "tab"),
		confirm:   e.bind("key.roomConfirm", "ctrl+y"),
		projector: e.bind("key.roomView", "f5"),
		bell:      e.bind("key.roomBell", "b"),
		leave:     e.bind("key.roomLeave", "esc"),
		yes:       e.bind("key.roomYes", "y"),
	}
}

// roomRunnerKeys are the holder's keys for the room of the session they
// hold: f3 shows it (opening it the first time), then a new code, names or
// none, the room view, the reveal; b rings the room view's bell.
type roomRunnerKeys struct {
	open, newCode, anon, view, reveal, bell, close, free key.Binding
}

func newRoomRunnerKeys(e *env) roomRunnerKeys {
	return roomRunnerKeys{
		open:    e.bind("key.roomOpen", "f3"),
		newCode: e.bind("key.roomNewCode", "n"),
		anon:    e.bind("key.roomAnonAllow", "a"),
		view:    e.bind("key.roomView", "v"),
		reveal:  e.bind("key.roomReveal", "r"),
		free:    e.bind("key.roomFree", "f"),
		bell:    e.bind("key.roomBell", "b"),
		close:   e.bind("key.close", "esc"),
	}
}

// joinKeys ask for a join code: enter to go on, esc to go back.
type joinKeys struct{ ok, back key.Binding }

func newJoinKeys(e *env) joinKeys {
	return joinKeys{ok: e.bind("key.joinOK", "enter"), back: e.bind("key.back", "esc")}
}
