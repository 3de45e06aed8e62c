package tui

import (
	"sync/atomic"

	tea "charm.land/bubbletea/v2"

	"bansou/model"
)

// Change notices. A store that announces its writes (model.Watcher, as a
// served store does for the members of an engagement working at once) is
// watched by the App: a command waits on the store's channel and comes
// back with what changed, and the App arms it again. A change written
// under this store's own holder is this window's own and is ignored;
// another's goes to the screen on top, which reads what it shows again
// (the screens below read theirs when they are on top again). A screen
// reloads one at a time (follow): a change during a reload makes one more
// when it is back, so that a burst of changes costs two reads.

// watch is the App's watch of a store that announces changes; nil when
// the store does not.
type watch struct {
	w      model.Watcher
	holder string
	ch     <-chan model.StoreChange
	stop   func()
	done   chan struct{} // closed when the App quits: the wait returns
	ended  bool
	// taken counts the changes the App has taken (its own too), waiting
	// the commands blocked on the channel: what tests wait for.
	taken   int
	waiting atomic.Int32
}

type (
	// changesMsg is what the wait brings back: the changes that had come,
	// and whether the watch has ended (its channel closed, or the App quit).
	changesMsg struct {
		changes []model.StoreChange
		ended   bool
	}
	// storeChangedMsg tells the screen on top what others changed.
	storeChangedMsg struct{ changes []model.StoreChange }
)

// maxBurst bounds how many changes one wait takes at once.
const maxBurst = 256

func newWatch(s model.Store) *watch {
	w, ok := s.(model.Watcher)
	if !ok {
		return nil
	}
	return &watch{w: w, holder: w.Holder(), done: make(chan struct{})}
}

// start begins watching and returns the first wait.
func (w *watch) start() tea.Cmd {
	if w == nil || w.ended || w.ch != nil {
		return nil
	}
	w.ch, w.stop = w.w.Watch()
	return w.next()
}

// next waits for a change, then takes the others already there, so that a
// burst comes back as one message.
func (w *watch) next() tea.Cmd {
	if w == nil || w.ended || w.ch == nil {
		return nil
	}
	ch, done := w.ch, w.done
	return func() tea.Msg {
		w.waiting.Add(1)
		defer w.waiting.Add(-1)
		var got []model.StoreChange
		select {
		case c, ok := <-ch:
			if !ok {
				return changesMsg{ended: true}
			}
			got = append(got, c)
		case <-done:
			return changesMsg{ended: true}
		}
		for len(got) < maxBurst {
			select {
			case c, ok := <-ch:
				if !ok {
					return changesMsg{changes: got, ended: true}
				}
				got = append(got, c)
			default:
				return changesMsg{changes: got}
			}
		}
		return changesMsg{changes: got}
	}
}

// end stops the watch: the store forgets this watcher and the wait under
// way returns. Called as the App quits.
func (w *watch) end() {
	if w == nil || w.ended {
		return
	}
	w.ended = true
	close(w.done)
	if w.stop != nil {
		w.stop()
	}
}

// others keeps the changes another holder wrote.
func (w *watch) others(changes []model.StoreChange) []model.StoreChange {
	var out []model.StoreChange
	for _, c := range changes {
		if c.By != w.holder {
			out = append(out, c)
		}
	}
	return out
}

// changed takes what the wait brought back, arms it again and tells the
// screen on top of others' changes.
func (a App) changed(msg changesMsg) (App, tea.Cmd) {
	w := a.watch
	if w == nil {
		return a, nil
	}
	w.taken += len(msg.changes)
	if msg.ended {
		w.end()
	}
	next := w.next()
	others := w.others(msg.changes)
	if len(others) == 0 || a.quitting {
		return a, next
	}
	a, cmd := a.updateTop(storeChangedMsg{others})
	return a, tea.Batch(next, cmd)
}

// concerns reports whether any of the changes is to the engagement (or,
// with session not 0, to that session).
func (m storeChangedMsg) concerns(engagementID, sessionID int64) bool {
	for _, c := range m.changes {
		if engagementID != 0 && c.EngagementID == engagementID || sessionID != 0 && c.SessionID == sessionID {
			return true
		}
	}
	return false
}

// follow keeps a screen's reloads after others' changes to one at a time.
type follow struct{ busy, again bool }

// reloadedMsg carries the answers of one reload to the screen that asked.
type reloadedMsg struct {
	by   *follow
	msgs []tea.Msg
}

// reload runs the loads one after the other and brings their answers back
// together; while one is under way it returns nil, and one more is made
// when it is back (see back).
func (f *follow) reload(loads ...tea.Cmd) tea.Cmd {
	if f.busy {
		f.again = true
		return nil
	}
	f.busy = true
	return func() tea.Msg {
		msgs := make([]tea.Msg, 0, len(loads))
		for _, load := range loads {
			if load != nil {
				msgs = append(msgs, load())
			}
		}
		return reloadedMsg{by: f, msgs: msgs}
	}
}

// back takes a reload's answers: it gives each to the screen (update),
// then reloads again (loads) if a change came meanwhile.
func (f *follow) back(msg reloadedMsg, update func(tea.Msg) tea.Cmd, loads func() []tea.Cmd) tea.Cmd {
	cmds := make([]tea.Cmd, 0, len(msg.msgs)+1)
	for _, m := range msg.msgs {
		cmds = append(cmds, update(m))
	}
	f.busy = false
	if f.again {
		f.again = false
		cmds = append(cmds, f.reload(loads()...))
	}
	return tea.Batch(cmds...)
}
