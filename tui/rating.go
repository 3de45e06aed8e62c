package tui

import (
	"encoding/json"
	"errors"
	"strconv"
	"strings"
	"sync"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"bansou/model"
	"bansou/work"
)

// ratingForm is where a person of a server rates another's skill map, at
// their request, from their own connection: the guidance first (the same
// words as the offline sheet's, model.RaterGuidance), who they are to the
// companion, then per skill a level and a sentence of evidence (either may
// be left empty), then what worked and one improvement with its
// alternative and reason. What is typed is kept as a draft a moment after
// typing stops, and the rating is sent after a confirmation that says it
// becomes the companion's alone.
type ratingForm struct {
	env  *env
	k    ratingKeys
	w, h int
	uid  string

	req    model.RatingRequest
	loaded bool
	err    string
	fs     *fieldset
	skills []model.Skill

	confirm  bool // asking whether to send
	sending  bool
	quitting bool

	keeper *ratingKeeper
	pace   draftPace
	kept   bool // a draft is in the store
}

type (
	ratingRequestMsg struct {
		req model.RatingRequest
		err error
	}
	ratingSentMsg struct {
		uid string
		err error
	}
)

// ratingKeeper writes one rating's draft, one write at a time; once the
// rating is sent, no draft write follows.
type ratingKeeper struct {
	mu   sync.Mutex
	done bool
}

func (k *ratingKeeper) run(last bool, fn func() error) error {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.done {
		return nil
	}
	err := fn()
	if err == nil && last {
		k.done = true
	}
	return err
}

func newRatingForm(e *env, uid string) *ratingForm {
	return &ratingForm{env: e, k: newRatingKeys(e), uid: uid, keeper: &ratingKeeper{}}
}

// ratingsOf is the store's requests for ratings, when it keeps them (a
// served store).
func ratingsOf(e *env) (model.RatingRequests, bool) {
	rr, ok := e.store.(model.RatingRequests)
	return rr, ok && e.me != 0
}

func (f *ratingForm) init() tea.Cmd {
	store, uid := f.env.store, f.uid
	return func() tea.Msg {
		ctx, cancel := storeCtx()
		defer cancel()
		q, err := work.RatingRequest(ctx, store, uid)
		return ratingRequestMsg{q, err}
	}
}

// build makes the fields and fills them from the draft.
func (f *ratingForm) build(d model.PeerRating) {
	e := f.env
	prompts := model.RaterPrompts(e.lang)
	f.fs = newFieldset(&e.st)
	f.fs.plain = true
	f.fs.turn = f.k.cycle.Help().Key
	var rels []string
	for _, r := range model.Relations {
		rels = append(rels, r.Name(e.lang))
	}
	rel := -1
	for i, r := range model.Relations {
		if r == d.Relation {
			rel = i
		}
	}
	f.fs.addSelect("relation", e.t("rating.relation"), rels, rel)
	if e.lib.Skills != nil {
		f.skills = e.lib.Skills.Skills
	}
	levels := make([]string, model.Levels)
	for i := range levels {
		levels[i] = strconv.Itoa(i + 1)
	}
	for _, sk := range f.skills {
		ps, _ := d.Skill(sk.ID)
		lv := f.fs.addSelect("level:"+sk.ID, e.t("rating.level"), levels, ps.Level-1)
		lv.above = []string{"", e.st.heading.Render(shownLine(sk.Name.In(e.lang))) + "  " +
			e.st.muted.Render(model.GroupName(sk.Group, e.lang))}
		f.fs.addText("evidence:"+sk.ID, e.t("rating.evidence"), ps.Evidence, prompts.Evidence, 1)
	}
	for _, c := range []struct {
		key, prompt, value string
		rows               int
	}{{"worked", prompts.Worked, d.Worked, 3}, {"improvement", prompts.Improvement, d.Improvement, 2},
		{"alternative", prompts.Alternative, d.Alternative, 2}, {"reason", prompts.Reason, d.Reason, 2}} {
		fl := f.fs.addText(c.key, e.t("rating."+c.key), c.value, "", c.rows)
		fl.above = []string{"", e.st.heading.Render(c.prompt)}
	}
	f.fs.setFocus(0)
	f.levelHints()
	f.pace.saved, f.kept = f.snapshot(), !d.Empty() || d.Relation != ""
}

// levelHints say, beside each level chosen, what the level means for its
// skill; with none chosen, how to choose.
func (f *ratingForm) levelHints() {
	e := f.env
	for _, sk := range f.skills {
		fl := f.fs.get("level:" + sk.ID)
		fl.hint = model.RaterPrompts(e.lang).Level
		if fl.sel >= 0 {
			fl.hint = oneLine(sk.Level(fl.sel + 1).In(e.lang))
		}
	}
}

// rating is the form as typed, as the draft it keeps.
func (f *ratingForm) rating() model.PeerRating {
	r := model.RatingDraft(model.RatingRequest{UID: f.uid, CompanionName: f.req.CompanionName, RaterName: f.req.RaterName}, f.env.lang)
	if sel := f.fs.get("relation").sel; sel >= 0 {
		r.Relation = model.Relations[sel]
	}
	for _, sk := range f.skills {
		r.PutSkill(model.PeerSkill{SkillID: sk.ID, Level: f.fs.get("level:"+sk.ID).sel + 1,
			Evidence: f.fs.get("evidence:" + sk.ID).value()})
	}
	r.Worked, r.Improvement = f.fs.get("worked").value(), f.fs.get("improvement").value()
	r.Alternative, r.Reason = f.fs.get("alternative").value(), f.fs.get("reason").value()
	return r
}

func (f *ratingForm) snapshot() string {
	if f.fs == nil {
		return ""
	}
	b, _ := json.Marshal(f.rating())
	return string(b)
}

func (f *ratingForm) update(msg tea.Msg) (screen, tea.Cmd) {
	switch msg := msg.(type) {
	case sizeMsg:
		f.w, f.h = msg.w, msg.h
		f.size()
	case ratingRequestMsg:
		f.loaded = true
		if msg.err != nil {
			f.err = f.describe(msg.err)
			return f, nil
		}
		f.req = msg.req
		f.build(msg.req.Draft)
		f.size()
	case draftTickMsg:
		if msg.uid == f.uid {
			f.pace.tick = false
			return f, f.writeDraft()
		}
	case draftSavedMsg:
		if msg.uid == f.uid {
			return f, f.draftWritten(msg)
		}
	case ratingSentMsg:
		if msg.uid != f.uid {
			return f, nil
		}
		f.sending = false
		if msg.err != nil {
			return f, tea.Batch(showError(f.describe(msg.err)), f.draftChanged())
		}
		return f, tea.Batch(popScreen, showStatus(f.env.tf("rating.sent", shownLine(f.req.CompanionName))))
	case quitRequestMsg:
		f.quitting = true
		return f, f.writeDraft()
	case tea.PasteMsg:
		return f.forward(msg)
	case tea.KeyPressMsg:
		return f.handleKey(msg)
	}
	return f, nil
}

func (f *ratingForm) size() {
	if f.fs != nil && f.w > 0 {
		f.fs.setWidth(f.w - 2)
	}
}

func (f *ratingForm) describe(err error) string {
	switch {
	case errors.Is(err, model.ErrRatingSent):
		return f.env.t("rating.alreadySent")
	case errors.Is(err, model.ErrNotFound):
		return f.env.t("rating.noRequest")
	}
	return f.env.describeErr(err)
}

func (f *ratingForm) handleKey(msg tea.KeyPressMsg) (screen, tea.Cmd) {
	k := f.k
	if f.fs == nil {
		if key.Matches(msg, k.back) {
			return f, popScreen
		}
		return f, nil
	}
	if f.confirm {
		f.confirm = false
		if key.Matches(msg, k.confirm) {
			return f.send()
		}
		return f, nil
	}
	fs := f.fs
	switch {
	case key.Matches(msg, k.send):
		return f.ask()
	case key.Matches(msg, k.back):
		// What is typed is kept: the request stays on the due list.
		return f, tea.Batch(popScreen, f.writeDraft())
	case key.Matches(msg, k.next) || key.Matches(msg, k.enter) && (!fs.typing() || fs.current().rows == 1):
		fs.cycle(1)
	case key.Matches(msg, k.prev):
		fs.cycle(-1)
	case !fs.typing() && key.Matches(msg, k.cycle), !fs.typing() && len(msg.Text) == 1 && msg.Text >= "1" && msg.Text <= "9",
		!fs.typing() && key.Matches(msg, selectorKeys.clear):
		if fs.update(msg) {
			f.levelHints()
			return f, f.draftChanged()
		}
	default:
		return f.forward(msg)
	}
	return f, nil
}

func (f *ratingForm) forward(msg tea.Msg) (screen, tea.Cmd) {
	if f.fs == nil || !f.fs.typing() {
		return f, nil
	}
	if f.fs.update(msg) {
		return f, f.draftChanged()
	}
	return f, nil
}

// ask checks the rating and asks whether to send it.
func (f *ratingForm) ask() (screen, tea.Cmd) {
	_, err := f.rating().Ready(f.env.lib.Skills, f.env.now())
	switch {
	case errors.Is(err, model.ErrRatingEmpty):
		return f, showError(f.env.t("rating.empty"))
	case errors.Is(err, model.ErrRatingNoRelation):
		f.fs.setErrors(map[string]string{"relation": f.env.t("rating.needRelation")})
		return f, showError(f.env.t("rating.needRelation"))
	case err != nil:
		return f, showError(f.env.tf("rating.invalid", model.TermSafeLine(err.Error())))
	}
	f.confirm = true
	return f, nil
}

func (f *ratingForm) send() (screen, tea.Cmd) {
	if f.sending {
		return f, nil
	}
	f.sending = true
	e, keeper, uid, d, now := f.env, f.keeper, f.uid, f.rating(), f.env.now()
	return f, func() tea.Msg {
		ctx, cancel := storeCtx()
		defer cancel()
		return ratingSentMsg{uid, keeper.run(true, func() error { return work.SendRating(ctx, e.store, e.lib, d, now) })}
	}
}

// draftChanged schedules a draft write after an edit.
func (f *ratingForm) draftChanged() tea.Cmd {
	return f.pace.changed(f.snapshot(), f.env.saveDelay, draftTickMsg{f.uid})
}

// writeDraft keeps what is typed now, one write at a time.
func (f *ratingForm) writeDraft() tea.Cmd {
	snap := f.snapshot()
	if f.fs == nil || f.sending || f.pace.busy || snap == f.pace.saved {
		return nil
	}
	f.pace.busy = true
	store, keeper, uid, d := f.env.store, f.keeper, f.uid, f.rating()
	return func() tea.Msg {
		ctx, cancel := storeCtx()
		defer cancel()
		return draftSavedMsg{uid: uid, snap: snap, err: keeper.run(false, func() error { return work.KeepRatingDraft(ctx, store, d) })}
	}
}

// draftWritten takes a draft write's result (see draftPace); once kept,
// what was typed since is written in turn.
func (f *ratingForm) draftWritten(msg draftSavedMsg) tea.Cmd {
	if msg.err != nil {
		words := f.env.tf("form.draftFailed", f.describe(msg.err))
		return f.pace.failed(msg.err, words, f.quitting, errors.Is(msg.err, model.ErrRatingSent), draftTickMsg{f.uid})
	}
	f.pace.done(msg.snap)
	f.kept = true
	if f.quitting {
		return f.writeDraft()
	}
	return f.draftChanged()
}

// unsaved reports typing not yet kept, or a sending under way, so that
// quitting (or a dropped connection) waits for it.
func (f *ratingForm) unsaved() bool {
	return f.sending || f.pace.busy || f.fs != nil && f.snapshot() != f.pace.saved
}

func (f *ratingForm) lines() (lines []string, at, caretRow, caretCol int) {
	e := f.env
	w := max(f.w, 20)
	title := e.st.title.Render(e.tf("rating.title", shownLine(f.req.CompanionName)))
	switch {
	case f.pace.err != nil:
		title += "  " + e.st.errText.Render(e.t("form.draftNotSaved"))
	case f.kept && f.snapshot() == f.pace.saved:
		title += "  " + e.st.muted.Render(e.t("form.draftSaved"))
	}
	lines = []string{ansi.Truncate(title, w, "…"), ""}
	var guide []string
	for _, p := range model.RaterGuidance(e.lang, model.SingleLine(f.req.CompanionName)) {
		for _, l := range wrapLines(shown(p), w-2) {
			guide = append(guide, e.st.muted.Render("  "+l))
		}
	}
	f.fs.get("relation").above = append(guide, "")
	body, caretRow, caretCol := f.fs.render(!f.confirm)
	at = len(lines) + f.fs.focusLine()
	if caretRow >= 0 {
		caretRow += len(lines)
	}
	lines = append(lines, body...)
	return lines, at, caretRow, caretCol
}

// confirmLines ask whether to send, and say what sending means.
func (f *ratingForm) confirmLines() []string {
	e := f.env
	r, _ := f.rating().Ready(e.lib.Skills, e.now())
	name := shownLine(f.req.CompanionName)
	var out []string
	out = append(out, e.st.heading.Render(e.tf("rating.confirmTitle", name)), "")
	out = append(out, "  "+e.tf("rating.confirmCount", len(r.Skills), len(f.skills)), "")
	for _, l := range wrapLines(model.RatingWhose(e.lang, name), max(f.w-4, 10)) {
		out = append(out, "  "+e.st.warnText.Render(l))
	}
	out = append(out, "", "  "+e.t("rating.confirmAsk"))
	return out
}

func (f *ratingForm) view() string {
	e := f.env
	switch {
	case f.err != "":
		return e.st.errText.Render(wrapText(f.err, f.w, ""))
	case !f.loaded || f.fs == nil:
		return e.st.muted.Render(e.t("common.loading"))
	case f.confirm:
		return strings.Join(f.confirmLines(), "\n")
	}
	lines, at, _, _ := f.lines()
	return strings.Join(window(lines, at, f.h, 2), "\n")
}

func (f *ratingForm) caret() *tea.Cursor {
	if f.fs == nil || f.confirm || f.err != "" {
		return nil
	}
	lines, at, row, col := f.lines()
	if row < 0 {
		return nil
	}
	return tea.NewCursor(col, row-windowTop(len(lines), at, f.h, 2))
}

func (f *ratingForm) typing() bool { return f.fs != nil && !f.confirm && f.fs.typing() }

func (f *ratingForm) keys() help.KeyMap {
	k := f.k
	if f.confirm {
		bs := []key.Binding{k.confirm, k.cancel}
		return keyList{short: bs, full: [][]key.Binding{bs}}
	}
	k.cycle.SetEnabled(f.fs != nil && !f.fs.typing())
	k.send.SetEnabled(f.fs != nil)
	short := []key.Binding{k.next, k.prev, k.cycle, k.send, k.back}
	return keyList{short: short, full: [][]key.Binding{short}}
}

// askRating asks another person to rate the store's person.
func askRating(rr model.RatingRequests, a model.Account) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := storeCtx()
		defer cancel()
		_, err := rr.AskRating(ctx, a.ID)
		return ratingAskedMsg{a, err}
	}
}

type ratingAskedMsg struct {
	who model.Account
	err error
}
