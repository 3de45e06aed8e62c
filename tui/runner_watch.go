package tui

import (
	"strings"

	tea "charm.land/bubbletea/v2"

	"bansou/model"
)

// Others' changes during a session. Another member may save a change to
// this session's engagement (a worry, an action, the agreement) while it
// is held here: the runner says so and reads the ledger again, and the
// engine keeps what is this window's (work.Refresh); the lists of worries
// and actions brought back show it the next time their step opens, so that
// nothing jumps under the keys. A save that finds an entry changed by
// someone else since this window read it leaves that entry out, keeps it
// on screen as typed, says so, and saves the rest.

type ledgerReadMsg struct {
	id     int64
	ledger model.Ledger
	err    error
}

// othersChanged answers another's change: news of the engagement this
// session belongs to is said, and its ledger read again.
func (r *runner) othersChanged(msg storeChangedMsg) tea.Cmd {
	eng := r.wk.Sess.EngagementID
	if !r.loaded || eng == 0 || !msg.concerns(eng, 0) {
		return nil
	}
	return tea.Batch(showStatus(r.env.t("runner.othersSaved")), r.fw.reload(r.loadLedger()))
}

func (r *runner) loadLedger() tea.Cmd {
	store, id, eng := r.env.store, r.id, r.wk.Sess.EngagementID
	return func() tea.Msg {
		ctx, cancel := storeCtx()
		defer cancel()
		l, err := store.Ledger(ctx, eng)
		return ledgerReadMsg{id, l, err}
	}
}

// ledgerRead takes the ledger read again. A failed read changes nothing:
// the next change, or the next session, reads it again.
func (r *runner) ledgerRead(msg ledgerReadMsg) {
	if msg.id != r.id || msg.err != nil || !r.loaded {
		return
	}
	r.sync()
	r.wk.Refresh(msg.ledger, r.holding()...)
	r.heardAgain()
}

// holding names the worry or action whose form is open in the answer
// panel: this window's copy of it stays. (A note on a worry brought back
// is this session's own record, which stays anyway.)
func (r *runner) holding() []string {
	if p, ok := r.panel.(*ledgerPanel); ok && p.form != nil && p.editing != "" {
		return []string{p.editing}
	}
	return nil
}

// conflicted words the entries a save found changed by someone else, and
// saves the rest.
func (r *runner) conflicted(ids []string) tea.Cmd {
	var names []string
	for _, id := range ids {
		names = append(names, r.entryText(id))
	}
	cmds := []tea.Cmd{r.relayout(), showError(r.env.tf("runner.entryChanged", strings.Join(names, "」「")))}
	if r.wk.Unsaved() {
		cmds = append(cmds, r.flush())
	} else if r.leaving != stay {
		cmds = append(cmds, r.close())
	}
	return tea.Batch(cmds...)
}

// entryText is a worry's or an action's words, on one short line.
func (r *runner) entryText(id string) string {
	text := id
	for _, a := range r.wk.Ledger.Anxieties {
		if a.ID == id {
			text = a.Text
		}
	}
	for _, a := range r.wk.Ledger.Actions {
		if a.ID == id {
			text = a.Text
		}
	}
	return truncate(oneLine(text), 30)
}
