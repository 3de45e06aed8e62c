package tui

import (
	"context"
	"sync"
	"time"

	tea "charm.land/bubbletea/v2"

	"bansou/model"
)

// The engagement form keeps a draft of what is typed in the database, a
// moment after typing stops, so that a crash or a closed terminal loses
// none of it; the home screen offers it back on the next start. Saving
// the engagement removes the draft in the same transaction; discarding the
// form removes it too.

type (
	draftTickMsg  struct{ uid string }
	draftSavedMsg struct {
		uid  string
		snap string // the form's snapshot the write was of
		err  error
	}
	// draftDiscardedMsg reports that a form's draft was removed.
	draftDiscardedMsg struct{ err error }
)

// draftKeeper writes one form's draft, one write at a time. Once the form
// is saved or discarded (end), no draft write still under way or sent
// later brings the draft back.
type draftKeeper struct {
	mu    sync.Mutex
	store model.Store
	done  bool
}

// put writes the draft, or removes it when the form is back to where it
// started (empty); nothing once the form has ended.
func (k *draftKeeper) put(ctx context.Context, d model.EngagementDraft, empty bool) error {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.done {
		return nil
	}
	if empty {
		return k.store.DiscardEngagementDraft(ctx, d.UID)
	}
	return k.store.SaveEngagementDraft(ctx, d)
}

// end runs the form's last write (saving the engagement, or discarding its
// draft) after any draft write under way; once it succeeds, no draft write
// follows it.
func (k *draftKeeper) end(fn func() error) error {
	k.mu.Lock()
	defer k.mu.Unlock()
	err := fn()
	if err == nil {
		k.done = true
	}
	return err
}

// draft is the form as typed.
func (f *engagementForm) draft() model.EngagementDraft {
	d := model.EngagementDraft{UID: f.uid}
	if f.original != nil {
		d.EngagementID = f.original.ID
	}
	for i, v := range draftValues(&d) {
		*v = f.value(formFields[i])
	}
	d.Companions = f.companions()
	d.MyType = model.CompanionTypes[f.fs.get("mytype").sel]
	return d
}

// draftValues are the draft's values of formFields, in order.
func draftValues(d *model.EngagementDraft) []*string {
	return []*string{&d.Learner, &d.SendingOrg, &d.HostOrg, &d.Start, &d.End, &d.EarlyDays, &d.LaterDays}
}

// newDraftForm opens the form as a draft left it: on the engagement it
// edits (nil for a new one), with every field as typed.
func newDraftForm(e *env, original *model.Engagement, d model.EngagementDraft) *engagementForm {
	f := newEngagementForm(e, original)
	f.uid = d.UID
	f.fill(d)
	// Written again at once, as this bansou's, so that no other bansou
	// starting now offers it too.
	f.pace.saved = ""
	return f
}

// draftChanged schedules a draft write after an edit.
func (f *engagementForm) draftChanged() tea.Cmd {
	return f.pace.changed(f.snapshot(), f.env.saveDelay, draftTickMsg{f.uid})
}

// writeDraft writes the draft now, one write at a time, unless the
// engagement itself is being saved.
func (f *engagementForm) writeDraft() tea.Cmd {
	snap := f.snapshot()
	if f.saving || f.pace.busy || snap == f.pace.saved {
		return nil
	}
	f.pace.busy = true
	keeper, d, empty, uid := f.keeper, f.draft(), snap == f.baseline, f.uid
	return func() tea.Msg {
		ctx, cancel := storeCtx()
		defer cancel()
		return draftSavedMsg{uid: uid, snap: snap, err: keeper.put(ctx, d, empty)}
	}
}

// draftWritten takes the result of a draft write: a failure is said once
// and tried again (unless trying cannot help); once written, what was
// typed since is written in turn.
func (f *engagementForm) draftWritten(msg draftSavedMsg) tea.Cmd {
	if msg.err != nil {
		words := f.env.tf("form.draftFailed", f.env.describeErr(msg.err))
		return f.pace.failed(msg.err, words, f.quitting, false, draftTickMsg{f.uid})
	}
	f.pace.done(msg.snap)
	if f.quitting {
		return f.writeDraft()
	}
	return f.draftChanged()
}

// discardDraft removes the form's draft as the form is left on purpose.
func (f *engagementForm) discardDraft() tea.Cmd {
	keeper, store, uid := f.keeper, f.env.store, f.uid
	return func() tea.Msg {
		ctx, cancel := storeCtx()
		defer cancel()
		return draftDiscardedMsg{keeper.end(func() error { return store.DiscardEngagementDraft(ctx, uid) })}
	}
}

// draftState says whether what is typed is kept as a draft.
func (f *engagementForm) draftState() string {
	e := f.env
	switch {
	case f.pace.err != nil:
		return e.st.errText.Render(e.t("form.draftNotSaved"))
	case f.pace.saved != f.baseline && f.pace.saved == f.snapshot():
		return e.st.muted.Render(e.t("form.draftSaved"))
	}
	return ""
}

// draftPace is how a form keeps its draft as it is typed: written a moment
// after typing stops (tick), one write at a time (busy); a failure is said
// once and tried again after a pause that doubles up to 10 s, unless
// trying cannot help.
type draftPace struct {
	saved      string // the form's snapshot last written
	tick, busy bool   // a write is scheduled; a write is under way
	err        error  // the last write's failure, until one succeeds
	retry      time.Duration
}

// changed schedules a write after an edit (again asks for it), unless one
// is scheduled or nothing changed since the last.
func (p *draftPace) changed(snap string, delay time.Duration, again tea.Msg) tea.Cmd {
	if p.tick || snap == p.saved {
		return nil
	}
	p.tick = true
	return tea.Tick(delay, func(time.Time) tea.Msg { return again })
}

// failed takes a write that failed: words are said the first time (and
// when quitting), and the write is tried again unless final or trying
// cannot help (model.NoMoreSaves).
func (p *draftPace) failed(err error, words string, quitting, final bool, again tea.Msg) tea.Cmd {
	p.busy = false
	first := p.err == nil
	p.err = err
	var cmds []tea.Cmd
	if first || quitting {
		cmds = append(cmds, showError(words))
	}
	if !final && !model.NoMoreSaves(err) {
		p.retry = min(max(p.retry*2, time.Second), 10*time.Second)
		p.tick = true
		cmds = append(cmds, tea.Tick(p.retry, func(time.Time) tea.Msg { return again }))
	}
	return tea.Batch(cmds...)
}

// done takes a write of snap that succeeded.
func (p *draftPace) done(snap string) {
	p.busy, p.err, p.retry, p.saved = false, nil, 0, snap
}
