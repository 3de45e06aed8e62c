package tui

import (
	"fmt"
	"strings"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"bansou/model"
	"bansou/tui/editor"
)

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
	hdr := 1 + r.roundRows(l.mainW) + len(r.confirmLines(l.mainW)) // the header, a round's timer and ground rules, an agreement's confirmations
	l.headerH = hdr
	room := r.h - hdr
	if r.modal == nil {
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
	}
	l.top = append(l.top, mid...)
	// The rest of the body: the answer label and editor, the note label
	// and editor.
	rest := r.h - hdr - len(l.top) - 2
	if l.tags = r.tagsShown(st); l.tags {
		rest--
	}
	l.noteH = min(3, max(1, rest/4))
	if e.learner {
		rest++ // no note label
		l.noteH = 0
	}
	l.answerH = max(rest-l.noteH, 1)
	l.answerY = hdr + len(l.top) + 1
	l.noteY = l.answerY + l.answerH + 1
	if l.tags {
		l.noteY++
	}
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
	if r.modal != nil {
		if lines, at, ok := r.modal.lines(r, w, paneW); ok {
			return lines, at
		}
	}
	var said string
	switch {
	case r.saveLost():
		// Said where the hints are, for as long as it holds: the status
		// line goes after a while.
		said = e.describeErr(r.wk.Err())
	case r.wk.Conflicts() > 0:
		// Entries saved by someone else first, held here as typed.
		said = e.tf("runner.entriesKept", r.wk.Conflicts())
	}
	if said != "" {
		var lines []string
		for _, l := range strings.Split(wrapText(said, w, ""), "\n") {
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
	return model.CarriedTitle(st, n, r.wk.Sess.Lang)
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
	var listen, avoid, asked string
	var related []string
	var varies bool
	if p, ok := r.promptFor(st); ok {
		listen, avoid = p.Listen.In(r.wk.Sess.Lang), p.Avoid.In(r.wk.Sess.Lang)
		varies = p.Varies() || st.AnswerKind == model.KindSkill && r.skillVaries(st)
		if q := p.Text.In(r.wk.Sess.Lang); !r.wk.OwnHints() && st.Kind == model.StepPrompt && q != st.Question {
			asked = q // another type would ask it so
		}
		for _, id := range p.Related {
			if rp, ok := r.wk.Flow.Prompt(id); ok {
				related = append(related, rp.Title.In(r.wk.Sess.Lang))
			}
		}
	} else {
		listen = r.stepHint(st)
	}
	limit := max(2, r.h/6)
	var lines []string
	full := false // the hints ran out of room, and said so once
	add := func(label, text string) {
		if text == "" || full {
			return
		}
		labelW := lipgloss.Width(label) + 1
		rows := editor.Wrap(shown(text), max(w-labelW-2, 10)) // room for a closing "…"
		for i, row := range rows {
			if len(lines) >= limit*2 {
				lines[len(lines)-1] += e.st.hint.Render("…")
				full = true
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
	if varies || !r.wk.OwnHints() {
		lines = append(lines, r.hintTypeLine(w))
	}
	add(e.t("runner.askedSo"), asked)
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

// stepHint is the hint of a step that comes from no prompt of the flow,
// by the kind of its top-level step.
func (r *runner) stepHint(st model.Step) string {
	kind := st.Kind
	if root, ok := r.wk.Sess.Step(r.wk.Sess.RootOf(st.Key)); ok {
		kind = root.Kind
	}
	switch kind {
	case model.StepFeedback:
		return r.env.t("runner.feedbackHint")
	case model.StepAnxieties:
		return r.env.t("runner.worryHint")
	case model.StepActions:
		return r.env.t("runner.actionHint")
	}
	return r.env.t("runner.ownHint")
}

// skillHints adds, under a skill of a self-review, the level given last
// time and the latest thing learners said about the support in sessions
// that exercise the skill.
// skillVaries reports whether the skill of a step has a focus for each
// kind of companion.
func (r *runner) skillVaries(st model.Step) bool {
	if r.env.lib.Skills == nil {
		return false
	}
	sk, ok := r.env.lib.Skills.Skill(st.PromptID)
	return ok && len(sk.ByType) > 0
}

func (r *runner) skillHints(st model.Step, add func(label, text string)) {
	e, lang := r.env, r.wk.Sess.Lang
	// What the companion did and heard comes first; what the skill asks of
	// their kind of companion after it.
	if rt, at := r.wk.History.Latest(len(r.wk.History)-1, st.PromptID); at >= 0 {
		text := e.tf("skill.lastTime", rt.Level, model.LevelName(rt.Level, lang), r.wk.History[at].At.In(e.loc).Format("2006-01-02"))
		if rt.Target > 0 {
			text += e.tf("skill.lastTarget", rt.Target)
		}
		add(e.t("skill.lastLabel"), text)
	}
	if notes := e.lib.FeedbackFor(r.wk.Feedback, st.PromptID); len(notes) > 0 {
		add(e.tf("skill.voiceLabel", len(notes)), e.voiceLine(notes[0]))
	}
	if e.lib.Skills == nil {
		return
	}
	if sk, ok := e.lib.Skills.Skill(st.PromptID); ok {
		if f, ok := sk.ByType[r.wk.HintType()]; ok {
			add(e.t("skill.typeFocus"), f.Focus.In(lang))
			add(e.t("skill.typeCaution"), f.Caution.In(lang))
		}
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
	if r.rm != nil && r.rm.view && r.round != nil {
		return r.roomViewText()
	}
	if r.rb != nil {
		return r.readBackView()
	}
	l := r.lay
	main := make([]string, 0, r.h)
	main = append(main, r.header(l.mainW))
	if r.round != nil {
		main = append(main, r.roundLines(l.mainW)...)
	}
	if c := r.confirmLines(l.mainW); len(c) > 0 {
		main = append(main, c...)
	}
	main = append(main, l.top...)
	if l.editors {
		onAnswer := r.focus == focusAnswer && r.modal == nil
		main = append(main, r.paneLabel(r.answerLabel(), onAnswer))
		lines, _, _ := r.panelView()
		main = append(main, lines...)
		if l.tags {
			main = append(main, r.feedbackTagsLine(l.mainW))
		}
		if !e.learner {
			main = append(main, r.paneLabel(r.noteLabel(), r.focus == focusNote && r.modal == nil))
			main = append(main, r.gutter(r.note.View(), r.focus == focusNote && r.modal == nil)...)
		}
	}
	if q, ok := r.modal.(*questionInput); ok && l.inputY < len(main) {
		main[l.inputY] = r.gutter(q.input.View(), true)[0]
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
	if clock := r.quietClock(r.lay.paneW == 0); clock != "" {
		right = e.st.muted.Render(clock) + "  " + right
	}
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

// panelView draws the answer panel in its rows, scrolled so that what has
// the focus is visible; it returns the caret's row and column, or -1.
func (r *runner) panelView() ([]string, int, int) {
	h := max(r.lay.answerH, 1)
	focused := r.focus == focusAnswer && r.modal == nil
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
	picker, focused := r.modal.(*stepPicker)
	title := e.st.paneTitle
	if focused {
		title = e.st.paneTitleFocus
	}
	cur := r.wk.Sess.CurrentIndex()
	answered, _, total := r.wk.Sess.Counts(r.wk.Ledger)
	lines := []string{title.Render(ansi.Truncate(e.tf("runner.stepsTitle", answered, total), w, "…"))}
	sel := cur
	if focused {
		sel = picker.cursor
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

func (r *runner) gutter(block string, focused bool) []string { return gutter(r.env, block, focused) }

// gutter draws the bar left of an editor's lines, heavier when it has the
// keys.
func gutter(e *env, block string, focused bool) []string {
	g := e.st.gutter.Render("│ ")
	if focused {
		g = e.st.gutterFocus.Render("┃ ")
	}
	lines := strings.Split(block, "\n")
	for i, l := range lines {
		lines[i] = g + l
	}
	return lines
}

func (r *runner) caret() *tea.Cursor {
	if !r.loaded || r.rm != nil && r.rm.view || r.rb != nil {
		return nil
	}
	var x, y int
	var ok bool
	var top int
	q, asking := r.modal.(*questionInput)
	switch {
	case asking:
		x, y, ok = q.input.Cursor()
		top = r.lay.inputY
	case r.modal != nil:
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

// hintTypeLine says whose version of the prompt the hints are, and how to
// see another companion type's: the hints of a prompt that reads
// differently for each type fit the holder's unless another was asked for.
func (r *runner) hintTypeLine(w int) string {
	e := r.env
	name := e.companionType(r.wk.HintType())
	text := e.tf("runner.hintsFor", name)
	if !r.wk.OwnHints() {
		own := r.wk.Sess.HolderType
		if !own.Valid() {
			own = model.Sending
		}
		text = e.tf("runner.hintsForOther", name, e.companionType(own))
	}
	return e.st.muted.Render(ansi.Truncate(text, max(w, 1), "…"))
}
