package plain

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"bansou/model"
	"bansou/work"
)

// held is a session being run: the session engine (work.Work) and the
// accessible mode that asks and says. Every change is written at once (an
// answer after every line); a write that fails is kept in memory and tried
// again with the next.
type held struct {
	u *ui
	*work.Work
	// told holds the instructions said in full once in this session
	// (how to end an answer, what Enter does); after that they are said
	// short, and /repeat says them in full again (repeat).
	told map[string]bool
	// repeat: /repeat was typed; full: the step being read says them in
	// full.
	repeat, full bool
	// heard holds the set points at which a round's clock has spoken.
	heard map[string]bool
}

// move is what happens after a step's input.
type move int

const (
	moveNext   move = iota // on to the following step
	moveStay               // show the current step again
	moveAsk                // ask for the current step's input again, without showing it
	moveFinish             // mark the session done and leave
	moveLater              // keep the session for later and leave
)

// runSession runs a session from where it stands until it is finished or
// kept for later. When the input ends, what was typed is saved, the session
// is kept for later, and errEnd is returned.
func (u *ui) runSession(id int64) error {
	w, err := u.load(id)
	if errors.Is(err, errNotTaken) {
		return nil
	}
	if err != nil {
		return storeError{err}
	}
	u.say("", u.tf("plain.sessionTitle", safeLine(w.Sess.FlowTitle), w.who()))
	a, _, n := w.Sess.Counts(w.Ledger)
	u.sayf("plain.sessionIntro", n, a)
	u.say(u.t("plain.sessionHelp"))
	if w.Round != nil {
		w.purposeLine()
		w.rulesLine()
		u.between = w.announce // the clock speaks between lines
		defer func() { u.between = nil }()
	}
	var result error
	show := true
	for result == nil {
		st, ok := w.Sess.Current()
		if !ok {
			u.say(u.t("plain.noSteps"))
			break
		}
		if show {
			w.show(st)
		}
		from := w.Sess.CurrentIndex()
		w.full, w.repeat = w.repeat, false
		m, err := w.step(st)
		show = m != moveAsk
		if err != nil {
			result = err
			break
		}
		if m == moveNext {
			m, result = w.next()
			w.followNotes(from, w.Sess.CurrentIndex())
		}
		if m == moveFinish || m == moveLater {
			w.leave(m)
			break
		}
	}
	if result != nil {
		// The input ended (or a signal, or a line not understood): what
		// was typed is kept, and the session with it, for later.
		a, _, n := w.Sess.Counts(w.Ledger)
		u.kept = append(u.kept, u.tf("plain.keptForLater", safeLine(w.Sess.FlowTitle), w.who(), n, a))
	}
	if err := w.close(); err != nil {
		return err
	}
	return result
}

// load claims the session (taking it over if the user says so when it is
// open in another bansou) and reads it with what it needs.
func (u *ui) load(id int64) (*held, error) {
	ctx, cancel := u.storeCtx()
	defer cancel()
	wk, err := work.Open(ctx, u.store, u.lib, id, false, u.now)
	if errors.Is(err, model.ErrOpenElsewhere) {
		if err = u.takeOver(); err == nil {
			wk, err = work.Open(ctx, u.store, u.lib, id, true, u.now)
		}
	}
	if err != nil {
		return nil, err
	}
	if wk.ClockStopped {
		u.say(u.t("plain.clockStopped"))
	}
	return &held{u: u, Work: wk, told: map[string]bool{}, heard: map[string]bool{}}, nil
}

// errNotTaken: a session open in another bansou was left to it.
var errNotTaken = errors.New("the session was left to the other bansou")

// takeOver says that a session is open in another running bansou, where two
// places would write over each other's typing, and takes it over only if
// the user says so.
func (u *ui) takeOver() error {
	u.say(u.t("plain.elsewhere"))
	ok, err := u.yes(u.t("plain.takeOver"), false)
	if err != nil {
		return err
	}
	if !ok {
		return errNotTaken
	}
	return nil
}

func (w *held) who() string {
	if w.Eng.Learner.Name == "" {
		return ""
	}
	return w.u.tf("plain.withLearner", safeLine(w.Eng.Learner.Name))
}

// apply runs a flow event and writes the result.
func (w *held) apply(ev model.Event) error {
	if err := w.Apply(ev); err != nil {
		w.u.say(err.Error())
		return nil
	}
	return w.save()
}

// save writes everything pending. A failure is said once, kept in memory
// and tried again with the next save; typing goes on. One that can never
// succeed (model.NoMoreSaves) is said once and not tried again.
func (w *held) save() error {
	if w.Stopped() {
		return nil
	}
	p, taken, ok := w.Take()
	if !ok {
		return nil
	}
	ctx, cancel := w.u.storeCtx()
	res := w.Saved(taken, w.u.store.SaveProgress(ctx, p))
	cancel()
	switch {
	case len(res.Conflicts) > 0:
		// The rest is saved with the next line read.
		w.u.sayf("plain.entryChanged", w.entryTexts(res.Conflicts))
	case res.StoppedNow:
		w.u.say(w.u.describe(res.Err))
	case res.Err != nil && !res.Stopped && res.FirstFailure:
		w.u.say(w.u.tf("plain.saveFailed", w.u.describe(res.Err)))
	case res.Recovered:
		w.u.say(w.u.t("plain.saveRecovered"))
	}
	return nil
}

// close writes what is left, trying again a few times if it fails, and
// records the session as no longer open. If it still cannot be written,
// what was not saved is printed so that it is not lost.
func (w *held) close() error {
	w.PauseClock()
	w.save()
	for _, d := range w.u.delays {
		if !w.Unsaved() || w.Stopped() {
			break
		}
		w.u.sayf("plain.retrying", d.Round(time.Second))
		time.Sleep(d)
		w.save()
	}
	if w.Unsaved() {
		w.u.say(w.u.t("plain.unsavedBelow"))
		p := w.Pending()
		for _, st := range p.Steps {
			w.u.say(st.Title)
			w.u.indent(st.Answer)
			if st.Note != "" {
				w.u.indent(st.Note)
			}
		}
		for _, a := range p.Anxieties {
			w.u.indent(a.Text + "\n" + a.Plan)
		}
		for _, a := range p.Actions {
			w.u.indent(a.Text)
		}
		for _, it := range p.Agreement {
			w.u.say(it.Title)
			for _, party := range model.Parties {
				w.u.indent(it.View(party).Expectation)
			}
			w.u.indent(it.Agreed)
		}
		for _, up := range p.AnxietyUpdates {
			w.u.indent(up.Note)
		}
		for _, up := range p.ActionUpdates {
			w.u.indent(up.Note)
		}
		// Let go of the claim where it is still this run's (changed
		// under it), so that the session opens again (with the newer
		// version) here or elsewhere.
		ctx, cancel := w.u.storeCtx()
		w.Release(ctx, w.u.store)
		cancel()
		return fmt.Errorf("%s", w.u.describe(w.Err()))
	}
	ctx, cancel := w.u.storeCtx()
	defer cancel()
	if err := w.Release(ctx, w.u.store); err != nil {
		return storeError{err}
	}
	return nil
}

// leave marks the session finished, or keeps it for later, and says which
// with what it holds.
func (w *held) leave(m move) {
	w.Leave(m == moveFinish)
	w.save()
	a, _, n := w.Sess.Counts(w.Ledger)
	key := "plain.keptForLater"
	if m == moveFinish {
		key = "plain.finished"
	}
	w.u.sayf(key, safeLine(w.Sess.FlowTitle), w.who(), n, a)
}

// next moves on; after the last step it asks whether the session is done,
// keeping it for later unless the answer is yes: a stray Enter never
// closes a session.
func (w *held) next() (move, error) {
	if w.Sess.CurrentIndex() < len(w.Sess.Steps)-1 {
		return moveStay, w.apply(model.Next{})
	}
	done, err := w.u.yes(w.u.t("plain.lastStep"), false)
	if err != nil {
		return moveLater, err
	}
	if done {
		return moveFinish, nil
	}
	return moveLater, nil
}

// show prints a step: its place, question, the companion's guidance and
// what was recorded so far.
func (w *held) show(st model.Step) {
	u := w.u
	i := w.Sess.CurrentIndex()
	u.say("", u.tf("plain.stepTitle", i+1, len(w.Sess.Steps), safeLine(st.Title)))
	if w.Round != nil && w.Round.Timer.PhaseIndex(model.PhaseOf(st)) == w.Round.Timer.Current {
		w.timerLine()
		if t := w.Round.Timer; !t.Running() && t.Phases[t.Current].StartedAt.IsZero() {
			u.say(u.t("plain.timerHowTo"))
		}
	}
	q := st.Question
	if st.Kind == model.StepPrompt { // written as Markdown; own questions are as typed
		q = model.MarkdownPlain(q)
	}
	if q != "" && q != st.Title {
		u.say(safe(q))
	}
	w.hints(st)
	if st.Skipped {
		u.say(u.t("plain.wasSkipped"))
	}
	if strings.TrimSpace(st.Answer) != "" {
		u.sayf("plain.currentAnswer", w.privateMark(st.AnswerPrivate))
		u.indent(st.Answer)
	}
	if st.Note != "" {
		u.sayf("plain.currentNote", w.scopeMark(!st.NoteShared))
		u.indent(st.Note)
	}
	if w.actionSkillAllowed() {
		if sk, ok := u.lib.Skills.Skill(st.Skill); ok {
			u.sayf("plain.actionSkillIs", sk.Name.In(u.lang))
		} else {
			u.say(u.t("plain.actionSkillHow"))
		}
	}
}

// actionSkillAllowed reports whether the current step is a round's next
// action, which can name the skill of the map it practises.
func (w *held) actionSkillAllowed() bool {
	m := w.u.lib.Skills
	return w.Round != nil && m != nil && len(m.Skills) > 0 && model.ActionOf(w.currentStep()) > 0
}

// actionSkill names the skill the current next action practises: by its
// number in the map (typed after /skill, or asked), 0 for none.
func (w *held) actionSkill(arg string) error {
	u := w.u
	if !w.actionSkillAllowed() {
		return u.refuse(u.t("plain.noActionSkill"))
	}
	skills := u.lib.Skills.Skills
	if strings.TrimSpace(arg) == "" {
		u.say("0. " + u.t("plain.actionSkillNone"))
		for i, sk := range skills {
			u.say(fmt.Sprintf("%d. %s（%s）", i+1, sk.Name.In(u.lang), model.GroupName(sk.Group, u.lang)))
		}
		line, err := u.ask(u.tf("plain.actionSkillAsk", len(skills)))
		if err != nil {
			return err
		}
		if arg = line; normal(arg) == "" {
			u.say(u.t("plain.unchangedHere"))
			return nil
		}
	}
	n, ok := upTo(arg, len(skills))
	if !ok {
		return u.refusef("plain.actionSkillBad", len(skills))
	}
	id := ""
	if n > 0 {
		id = skills[n-1].ID
	}
	if err := w.apply(model.SetSkill{ID: id}); err != nil {
		return err
	}
	if n == 0 {
		w.said(u.t("plain.actionSkillCleared"))
	} else {
		w.said(u.tf("plain.actionSkillIs", skills[n-1].Name.In(u.lang)))
	}
	return nil
}

// scopeMark says whether a note is private or shared, as its label does
// on the screen.
func (w *held) scopeMark(private bool) string {
	if private {
		return w.u.t("plain.privateMark")
	}
	return w.u.t("plain.sharedMark")
}

// labelKey is the words before an answer for this kind of session: the
// learner's words in a session with a learner, the companion's own in a
// self-review, the scribe's notes in a round.
func (w *held) labelKey(key string) string {
	kinds, ok := labelKinds[key]
	switch {
	case !ok:
		return key
	case w.Sess.IsSelfReview():
		return kinds[0]
	case w.Sess.IsRound():
		return kinds[1]
	}
	return key
}

// labelKinds are the words of a label in a self-review and in a round.
var labelKinds = map[string][2]string{
	"plain.answerPrompt":  {"plain.answerPromptOwn", "plain.answerPromptRound"},
	"plain.commentPrompt": {"plain.commentPromptOwn", "plain.commentPromptRound"},
}

// shortLabels are the labels said after the first time in a session.
var shortLabels = map[string]string{
	"plain.answerPrompt":       "plain.answerPromptShort",
	"plain.answerPromptOwn":    "plain.answerPromptOwnShort",
	"plain.answerPromptRound":  "plain.answerPromptRoundShort",
	"plain.commentPrompt":      "plain.commentPromptShort",
	"plain.commentPromptOwn":   "plain.commentPromptOwnShort",
	"plain.commentPromptRound": "plain.commentPromptRoundShort",
	"plain.scalePrompt":        "plain.scalePromptShort",
	"plain.choicePrompt":       "plain.choicePromptShort",
	"plain.multiPrompt":        "plain.multiPromptShort",
	"plain.levelPrompt":        "plain.levelPromptShort",
	"plain.aimPrompt":          "plain.aimPromptShort",
	"plain.evidencePrompt":     "plain.evidencePromptShort",
	"plain.focusPrompt":        "plain.focusPromptShort",
	"plain.planPrompt":         "plain.planPromptShort",
	"plain.worryPrompt":        "plain.worryPromptShort",
	"plain.actionPrompt":       "plain.actionPromptShort",
	"plain.expectation":        "plain.expectationShort",
	"plain.agreed":             "plain.agreedShort",
}

// label is the words before an answer is typed: in full the first time
// in a session (how to end it, what Enter does), short after that; /repeat
// says them in full again. In a round they name the clock's phase.
func (w *held) label(key string, args ...any) string {
	k := w.labelKey(key)
	words := w.u.tf(k, args...)
	if short, ok := shortLabels[k]; ok && w.told[k] && !w.full {
		words = w.u.tf(short, args...)
	}
	w.told[k] = true
	if w.Round != nil && !w.Round.Timer.Done() {
		words = w.u.tf("plain.inPhase", w.phaseName()) + words
	}
	return words
}

// said tells what was just saved; after a failure (said when it
// happened) it says the words are kept to be saved with the next line.
func (w *held) said(what string) {
	switch {
	case w.Stopped():
	case w.Unsaved():
		w.u.sayf("plain.notYetSaved", what)
	default:
		w.u.sayf("plain.savedWhat", what)
	}
}

// hints says what to listen for and what to avoid on a step, and, where
// the prompt reads differently for each kind of companion, whose version
// they are.
func (w *held) hints(st model.Step) {
	u := w.u
	p, ok := w.PromptFor(st)
	if !ok {
		return
	}
	if p.Varies() || !w.OwnHints() {
		u.sayf("plain.hintsFor", model.CompanionTypeLabel(w.HintType(), w.Sess.Lang))
		if q := model.MarkdownPlain(p.Text.In(w.Sess.Lang)); !w.OwnHints() && st.Kind == model.StepPrompt && p.Text.In(w.Sess.Lang) != st.Question {
			u.say(u.t("plain.askedSo") + safe(q))
		}
	}
	listen := "plain.listen"
	if model.PhaseOf(st) != "" {
		listen = "plain.capture"
	}
	if t := p.Listen.In(w.Sess.Lang); t != "" {
		u.say(u.t(listen) + t)
	}
	if t := p.Avoid.In(w.Sess.Lang); t != "" {
		u.say(u.t("plain.avoid") + t)
	}
}

// step reads the input for a step according to its kind.
func (w *held) step(st model.Step) (move, error) {
	p, hasPrompt := w.PromptFor(st)
	switch {
	case st.Kind == model.StepAnxieties:
		return w.reviewAnxieties()
	case st.Kind == model.StepActions:
		return w.reviewActions()
	case st.Kind == model.StepPractice && len(p.Options) > 0:
		return w.choices(st, p)
	case st.Kind != model.StepPrompt:
		return w.text("plain.answerPrompt", "plain.theAnswer")
	}
	// A prompt gone from the content keeps its kind: only the options of a
	// choice cannot be shown without it.
	_ = hasPrompt
	switch st.AnswerKind {
	case model.KindScale:
		return w.scale(st, p)
	case model.KindChoice, model.KindMulti:
		if len(p.Options) > 0 {
			return w.choices(st, p)
		}
	case model.KindSkill:
		return w.skill(st)
	case model.KindFocus:
		return w.focus(st)
	case model.KindAnxiety:
		return w.worries(st, p)
	case model.KindAction:
		return w.actions(st)
	case model.KindAgreement:
		return w.agreement(st)
	}
	return w.text("plain.answerPrompt", "plain.theAnswer")
}

// text reads words as the step's answer, saved line by line, and says
// what was saved (what names it). A "." alone keeps what is there.
func (w *held) text(label, what string) (move, error) {
	text, cmd, err := w.u.readText(w.label(label), func(s string) error {
		return w.setAnswer(s)
	})
	if err != nil {
		return moveLater, err
	}
	if cmd != "" {
		return w.command(cmd)
	}
	if what == "plain.theAnswer" && w.Sess.IsRound() {
		what = "plain.theNotes"
	}
	if text == "" {
		w.u.say(w.u.t("plain.unchangedMoving"))
	} else {
		w.said(w.u.tf("plain.lines", w.u.t(what), strings.Count(text, "\n")+1))
	}
	return moveNext, nil
}

// setAnswer replaces the current step's answer and writes it.
func (w *held) setAnswer(s string) error {
	return w.apply(model.SetAnswer{Text: s})
}

// comment reads an optional comment in the learner's words under a point,
// a choice or ledger entries.
func (w *held) comment() (move, error) {
	return w.text("plain.commentPrompt", "plain.theComment")
}

// pick reads one line that is either a command, empty (keep what is there),
// "0" (clear) or what parse accepts, which says what it saved; anything
// else is refused and asked again.
func (w *held) pick(question string, parse func(string) (string, bool)) (cmd string, err error) {
	for {
		line, cmd, err := w.u.line(question, nil)
		if err != nil || cmd != "" {
			return cmd, err
		}
		n := normal(line)
		if n == "" {
			w.u.say(w.u.t("plain.unchangedHere"))
			return "", nil
		}
		if what, ok := parse(n); ok {
			if what != "" {
				w.said(what)
			}
			return "", nil
		}
		if err := w.u.refuse(w.u.t("plain.notUnderstood")); err != nil {
			return "", err
		}
	}
}

// pointWords says a scale point with its label: 「4 当てはまる」.
func (w *held) pointWords(p model.Prompt, v int) string {
	if v >= 1 && v <= len(p.Scale) {
		return fmt.Sprintf("%d %s", v, p.Scale[v-1].In(w.Sess.Lang))
	}
	return fmt.Sprint(v)
}

// scale reads a point from 1 to 5.
func (w *held) scale(st model.Step, p model.Prompt) (move, error) {
	for i := model.ScalePoints; i >= 1; i-- {
		w.u.say(w.pointWords(p, i))
	}
	if st.Value > 0 {
		w.u.sayf("plain.currentPoint", w.pointWords(p, st.Value))
	}
	cmd, err := w.pick(w.label("plain.scalePrompt"), func(n string) (string, bool) {
		v, ok := upTo(n, model.ScalePoints)
		if !ok {
			return "", false
		}
		w.setAnswerEvent(model.SetValue{Value: v})
		if v == 0 {
			return w.u.t("plain.pointCleared"), true
		}
		return w.pointWords(p, v), true
	})
	if err != nil || cmd != "" {
		return w.after(cmd, err)
	}
	return w.comment()
}

// setAnswerEvent applies a point, choices or aim to the current step and
// writes it.
func (w *held) setAnswerEvent(ev model.Event) {
	w.apply(ev)
}

// after turns a command read in place of an answer into the next move.
func (w *held) after(cmd string, err error) (move, error) {
	if err != nil {
		return moveLater, err
	}
	return w.command(cmd)
}

// choices reads one choice, or several numbers for a multi prompt.
func (w *held) choices(st model.Step, p model.Prompt) (move, error) {
	for i, o := range p.Options {
		mark := ""
		if slices.Contains(st.Choices, o.ID) {
			mark = w.u.t("plain.chosen")
		}
		w.u.say(fmt.Sprintf("%d. %s%s", i+1, o.Text.In(w.Sess.Lang), mark))
	}
	question := "plain.choicePrompt"
	if st.AnswerKind == model.KindMulti {
		question = "plain.multiPrompt"
	}
	cmd, err := w.pick(w.label(question), func(n string) (string, bool) {
		if n == "0" {
			w.setAnswerEvent(model.SetChoices{})
			return w.u.t("plain.choicesCleared"), true
		}
		ns, ok := numbers(n, len(p.Options))
		if !ok || st.AnswerKind == model.KindChoice && len(ns) != 1 {
			return "", false
		}
		var ids, names []string
		for i, o := range p.Options { // the content's order
			if slices.Contains(ns, i+1) {
				ids = append(ids, o.ID)
				names = append(names, o.Text.In(w.Sess.Lang))
			}
		}
		w.setAnswerEvent(model.SetChoices{IDs: ids})
		return strings.Join(names, w.u.t("plain.comma")), true
	})
	if err != nil || cmd != "" {
		return w.after(cmd, err)
	}
	return w.comment()
}

// skill reads a level for the way the companion acted, the level aimed
// for, and the situation that shows it.
func (w *held) skill(st model.Step) (move, error) {
	u := w.u
	sk, ok := u.lib.Skills.Skill(st.PromptID)
	if ok {
		for lv := model.Levels; lv >= 1; lv-- {
			u.say(fmt.Sprintf("%d %s: %s", lv, model.LevelName(lv, w.Sess.Lang), sk.Level(lv).In(w.Sess.Lang)))
		}
		w.typeFocus(sk)
	}
	w.skillNotes(st)
	if st.Value > 0 {
		u.sayf("plain.currentLevel", st.Value, model.LevelName(st.Value, w.Sess.Lang))
	}
	level := func(key string, ev func(int) model.Event) func(string) (string, bool) {
		return func(n string) (string, bool) {
			v, ok := upTo(n, model.Levels)
			if !ok {
				return "", false
			}
			w.setAnswerEvent(ev(v))
			if v == 0 {
				return u.tf(key, u.t("plain.pointCleared")), true
			}
			return u.tf(key, fmt.Sprintf("%d %s", v, model.LevelName(v, w.Sess.Lang))), true
		}
	}
	cmd, err := w.pick(w.label("plain.levelPrompt"), level("plain.levelIs", func(v int) model.Event { return model.SetValue{Value: v} }))
	if err != nil || cmd != "" {
		return w.after(cmd, err)
	}
	if t, _ := w.Sess.Current(); t.Target > 0 {
		u.sayf("plain.currentAim", t.Target, model.LevelName(t.Target, w.Sess.Lang))
	}
	cmd, err = w.pick(w.label("plain.aimPrompt"), level("plain.aimIs", func(v int) model.Event { return model.SetTarget{Level: v} }))
	if err != nil || cmd != "" {
		return w.after(cmd, err)
	}
	return w.text("plain.evidencePrompt", "plain.theEvidence")
}

// typeFocus says what the skill asks of the kind of companion the
// reviewer is (or the one /side chose), and its caution.
func (w *held) typeFocus(sk model.Skill) {
	f, ok := sk.ByType[w.HintType()]
	if !ok {
		return
	}
	u, lang := w.u, w.Sess.Lang
	u.sayf("plain.typeFocus", model.CompanionTypeLabel(w.HintType(), lang), f.Focus.In(lang))
	u.say(u.t("plain.typeCaution") + f.Caution.In(lang))
}

// skillNotes says, before a skill is rated, the level given last time and
// what learners said about the support in sessions using the skill, each
// whole, as the full interface shows them beside the skill.
func (w *held) skillNotes(st model.Step) {
	u, lang := w.u, w.Sess.Lang
	last, at, voices := w.SkillNotes(st.PromptID)
	if at >= 0 {
		line := u.tf("plain.lastTime", last.Level, model.LevelName(last.Level, lang), w.History[at].At.In(u.loc).Format("2006-01-02"))
		if last.Target > 0 {
			line += u.tf("plain.lastTarget", last.Target)
		}
		u.say(line)
	}
	if len(voices) == 0 {
		return
	}
	u.sayf("plain.voices", len(voices))
	words := map[string]string{model.FeedbackHelped: "plain.voiceHelped", model.FeedbackTooMuch: "plain.voiceTooMuch",
		model.FeedbackMissing: "plain.voiceMissing"}
	for _, n := range voices {
		who := n.LearnerName
		if who == "" {
			who = n.FlowTitle
		}
		u.say(safeLine(who) + " " + n.At.In(u.loc).Format("2006-01-02"))
		for _, part := range model.FeedbackParts {
			if t := strings.TrimSpace(n.Parts[part]); t != "" {
				u.indent(u.t(words[part]) + " " + t)
			}
		}
	}
}

// tagSkills lists the skills with those the current part of the learner's
// feedback speaks to marked, or with numbers adds or removes each.
func (w *held) tagSkills(arg string) error {
	u := w.u
	m := u.lib.Skills
	st, _ := w.Sess.Current()
	if st.Kind != model.StepFeedback || m == nil {
		return u.refuse(u.t("plain.noSkillsHere"))
	}
	if arg == "" {
		tags := w.FeedbackSkills(st)
		for i, s := range m.Skills {
			mark := ""
			if slices.Contains(tags, s.ID) {
				mark = u.t("plain.chosen")
			}
			u.say(fmt.Sprintf("%d. %s%s", i+1, s.Name.In(w.Sess.Lang), mark))
		}
		u.say(u.t("plain.skillsHow"))
		return nil
	}
	ns, ok := numbers(arg, len(m.Skills))
	if !ok {
		return u.refusef("plain.skillsBad", len(m.Skills))
	}
	for _, n := range ns {
		if err := w.ToggleFeedbackSkill(m.Skills[n-1].ID); err != nil {
			u.say(err.Error())
			return nil
		}
	}
	if err := w.save(); err != nil {
		return err
	}
	w.sayTags()
	return nil
}

// sayTags says which skills the current part of the learner's feedback
// speaks to.
func (w *held) sayTags() {
	u := w.u
	st, _ := w.Sess.Current()
	var names []string
	for _, id := range w.FeedbackSkills(st) {
		if s, ok := u.lib.Skills.Skill(id); ok {
			names = append(names, s.Name.In(w.Sess.Lang))
		}
	}
	if len(names) == 0 {
		u.say(u.t("plain.skillsNone"))
		return
	}
	u.sayf("plain.skillsNow", strings.Join(names, u.t("plain.comma")))
}

// focus chooses up to three skills to develop, shows how to develop them,
// and reads the practice plan.
func (w *held) focus(st model.Step) (move, error) {
	u := w.u
	m := u.lib.Skills
	if m == nil {
		return w.text("plain.answerPrompt", "plain.theAnswer")
	}
	rows := w.FocusRows(u.loc)
	num := func(n int) string {
		if n == 0 {
			return "-"
		}
		return fmt.Sprint(n)
	}
	for i, s := range m.Skills {
		mark := ""
		if slices.Contains(st.Choices, s.ID) {
			mark = u.t("plain.chosen")
		}
		figures := ""
		if i < len(rows) {
			r := rows[i]
			figures = u.tf("plain.focusFigures", num(r.Level), num(r.Aim))
			if g := r.Gap(); g > 0 {
				figures += u.tf("plain.focusGap", g)
			}
			if r.HasChange {
				figures += u.tf("plain.focusChange", model.SignedDelta(r.Change))
			}
			figures += u.t("plain.focusClose")
		}
		u.say(fmt.Sprintf("%d. %s%s%s", i+1, s.Name.In(w.Sess.Lang), figures, mark))
	}
	if ids := model.SuggestedIDs(rows); len(ids) > 0 {
		u.say(u.t("plain.focusSuggest"))
		for _, id := range ids {
			i := slices.IndexFunc(rows, func(r model.FocusRow) bool { return r.Skill.ID == id })
			u.say(fmt.Sprintf("%d. %s", i+1, rows[i].Skill.Name.In(w.Sess.Lang)))
			for _, rs := range rows[i].Reasons {
				u.indent(rs.Line(w.Sess.Lang))
			}
		}
	}
	cmd, err := w.pick(w.label("plain.focusPrompt", model.MaxFocus), func(n string) (string, bool) {
		if n == "0" {
			w.setAnswerEvent(model.SetChoices{})
			return u.t("plain.choicesCleared"), true
		}
		ns, ok := numbers(n, len(m.Skills))
		if !ok {
			return "", false
		}
		var ids, names []string
		for _, k := range ns {
			if id := m.Skills[k-1].ID; !slices.Contains(ids, id) {
				ids = append(ids, id)
				names = append(names, m.Skills[k-1].Name.In(w.Sess.Lang))
			}
		}
		if len(ids) > model.MaxFocus {
			u.sayf("plain.focusFull", model.MaxFocus)
			return "", false
		}
		w.setAnswerEvent(model.SetChoices{IDs: ids})
		return strings.Join(names, u.t("plain.comma")), true
	})
	if err != nil || cmd != "" {
		return w.after(cmd, err)
	}
	cur, _ := w.Sess.Current()
	for _, id := range cur.Choices {
		if s, ok := m.Skill(id); ok {
			u.say(u.tf("plain.methods", s.Name.In(w.Sess.Lang)))
			for _, me := range s.Methods {
				u.say("  " + me.Title.In(w.Sess.Lang) + ": " + me.Text.In(w.Sess.Lang))
			}
		}
	}
	return w.text("plain.planPrompt", "plain.thePlan")
}

// command carries out a command typed in place of an answer. One that
// cannot be carried out here is refused (and ends a run of piped answers,
// see Options.StopAtInvalid).
func (w *held) command(cmd string) (move, error) {
	u := w.u
	name, arg, _ := strings.Cut(strings.TrimPrefix(cmd, "/"), " ")
	arg = strings.TrimSpace(arg)
	var err error
	switch strings.ToLower(name) {
	case "next", "n":
		return moveNext, nil
	case "back", "b":
		return moveStay, w.apply(model.Back{})
	case "skip", "s":
		if w.Sess.CurrentIndex() == len(w.Sess.Steps)-1 {
			if err := w.apply(model.Skip{}); err != nil {
				return moveStay, err
			}
			return moveNext, nil
		}
		return moveStay, w.apply(model.Skip{})
	case "repeat":
		w.repeat = true // the instructions in full again
		return moveStay, nil
	case "list", "l":
		w.list()
	case "jump", "j", "go":
		if k, ok := w.stepNamed(arg); ok {
			return moveStay, w.apply(model.Jump{Key: w.Sess.Steps[k].Key})
		}
		err = u.refusef("plain.jumpHow", len(w.Sess.Steps))
	case "note":
		return moveAsk, w.note()
	case "private", "p":
		st, _ := w.Sess.Current()
		if err := w.apply(model.SetAnswerPrivate{Private: !st.AnswerPrivate}); err != nil {
			return moveStay, err
		}
		if st.AnswerPrivate {
			u.say(u.t("plain.nowShared"))
		} else {
			u.say(u.t("plain.nowPrivate"))
		}
	case "deeper", "d":
		return moveStay, w.deeper()
	case "add", "a":
		return moveStay, w.add(arg)
	case "feedback":
		if w.Sess.EngagementID == 0 || w.Sess.IsSelfReview() {
			err = u.refuse(u.t("plain.noFeedbackHere"))
			break
		}
		return moveStay, w.apply(model.AddFeedback{})
	case "skills":
		err = w.tagSkills(arg)
	case "finish", "f", "done":
		return moveFinish, nil
	case "later", "quit", "q":
		return moveLater, nil
	case "skill":
		return moveStay, w.actionSkill(arg)
	case "timer", "t":
		if w.Round == nil {
			err = u.refuse(u.t("plain.noTimer"))
			break
		}
		w.purposeLine()
		w.timerLine()
	case "turn":
		err = w.nextTurn()
	case "start":
		err = w.toggleTimer()
	case "phase":
		return w.nextPhase()
	case "extend":
		err = w.extend(arg)
	case "clear":
		st, _ := w.Sess.Current()
		if st.Answer == "" {
			u.say(u.t("plain.nothingToClear"))
			break
		}
		if err := w.setAnswer(""); err != nil {
			return moveStay, err
		}
		w.said(u.t("plain.cleared"))
	case "readback", "heard":
		if w.Sess.EngagementID == 0 || w.Sess.IsSelfReview() || w.Round != nil {
			u.say(u.t("plain.noReadBackHere"))
			break
		}
		return moveStay, w.readBack()
	case "side":
		if w.Round != nil {
			err = u.refuse(u.t("plain.noSideInRound"))
			break
		}
		w.OtherHintType()
		st, _ := w.Sess.Current()
		w.hints(st)
		if st.AnswerKind == model.KindSkill && u.lib.Skills != nil {
			sk, _ := u.lib.Skills.Skill(st.PromptID)
			w.typeFocus(sk)
		}
	case "help", "h", "?":
		u.say(u.t("plain.sessionHelpFull"))
	default:
		err = u.refusef("plain.unknownCommand", safe(cmd))
	}
	if err != nil {
		return moveLater, err
	}
	return moveAsk, nil
}

// stepNamed finds a step by its number or its title (as a menu does).
func (w *held) stepNamed(arg string) (int, bool) {
	if n, ok := number(arg, len(w.Sess.Steps)); ok {
		return n - 1, true
	}
	m := menu{items: make([]string, len(w.Sess.Steps))}
	for i, st := range w.Sess.Steps {
		m.items[i] = st.Title
	}
	k, _ := m.byName(arg)
	return k, k >= 0
}

// list prints every step with what was recorded: a step counts as
// answered as everywhere else (words, a point, choices, or ledger entries
// made there: worries, actions, an agreement topic, how carried items
// stand).
func (w *held) list() {
	for i, st := range w.Sess.Steps {
		state := w.u.t("plain.stateOpen")
		switch {
		case model.StepHasContent(w.Sess, st, w.Ledger):
			state = w.u.t("plain.stateAnswered")
		case st.Skipped:
			state = w.u.t("plain.stateSkipped")
		}
		here := ""
		if i == w.Sess.CurrentIndex() {
			here = w.u.t("plain.here")
		}
		w.u.say(w.u.tf("plain.listItem", i+1, safeLine(st.Title), state, here))
	}
}

// note reads the companion's note for the step (private unless shared),
// and says which it is.
func (w *held) note() error {
	u := w.u
	text, cmd, err := u.readText(u.t("plain.notePrompt"), func(s string) error {
		return w.apply(model.SetNote{Text: s})
	})
	st, _ := w.Sess.Current()
	switch {
	case err != nil:
		return err
	case cmd == "/shared" || cmd == "/share":
		err = w.apply(model.SetNoteShared{Shared: !st.NoteShared})
		st, _ = w.Sess.Current()
		w.said(u.tf("plain.theNote", w.scopeMark(!st.NoteShared)))
		return err
	case cmd != "":
		return u.refusef("plain.noteCommands", safeLine(cmd))
	case text == "":
		u.say(u.t("plain.unchangedHere"))
	default:
		w.said(u.tf("plain.theNote", w.scopeMark(!st.NoteShared)))
	}
	return nil
}

// deeper offers the prompt's follow-ups, or a question of the companion's
// own, as a step under this one.
func (w *held) deeper() error {
	var fs []model.Followup
	if p, ok := w.PromptFor(w.currentStep()); ok {
		fs = p.Followups
	}
	list := make([]string, len(fs))
	for i, f := range fs {
		list[i] = fmt.Sprintf("%d. %s", i+1, f.Text.In(w.Sess.Lang))
	}
	line, cmd, err := w.u.line(w.u.t("plain.deeperPrompt"), list)
	if err != nil || cmd != "" || normal(line) == "" {
		if err == nil {
			w.u.say(w.u.t("plain.unchangedHere"))
		}
		return err
	}
	if n, ok := number(line, len(fs)); ok {
		return w.apply(model.DigDeeper{FollowupID: fs[n-1].ID, Text: fs[n-1].Text.In(w.Sess.Lang)})
	}
	return w.apply(model.DigDeeper{Text: line})
}

func (w *held) currentStep() model.Step {
	st, _ := w.Sess.Current()
	return st
}

// add puts the companion's own question after this step.
func (w *held) add(text string) error {
	if text == "" {
		line, cmd, err := w.u.line(w.u.t("plain.addPrompt"), nil)
		if err != nil || cmd != "" || strings.TrimSpace(line) == "" {
			if err == nil {
				w.u.say(w.u.t("plain.unchangedHere"))
			}
			return err
		}
		text = line
	}
	return w.apply(model.AddQuestion{Text: text})
}

// entryTexts are the words of worries or actions, for saying which.
func (w *held) entryTexts(ids []string) string {
	var out []string
	for _, id := range ids {
		for _, a := range w.Ledger.Anxieties {
			if a.ID == id {
				out = append(out, model.TermSafeLine(a.Text))
			}
		}
		for _, a := range w.Ledger.Actions {
			if a.ID == id {
				out = append(out, model.TermSafeLine(a.Text))
			}
		}
	}
	return strings.Join(out, " / ")
}

// readBack reads what the session heard (聞き取ったこと), as the full
// interface's page shows it to the learner: nothing private, no note, no
// hint; then asks whether the learner confirmed it, and records that.
func (w *held) readBack() error {
	u := w.u
	rb := model.ReadBackOf(w.Sess, w.Ledger, w.Flow)
	u.say("", u.t("plain.readBackTitle"))
	if rb.Empty() {
		u.say(u.t("plain.readBackNothing"))
		return nil
	}
	u.say(u.t("plain.readBackIntro"))
	for _, it := range rb.Items(w.Sess.Lang) {
		if it.Section != "" {
			u.say("", it.Section)
		}
		head := safe(it.Head)
		if it.Facts != "" {
			head += u.tf("plain.readBackFacts", it.Facts)
		}
		u.say("- " + head)
		for _, l := range it.Lines {
			u.indent(l)
		}
	}
	if !rb.Confirmed.IsZero() {
		u.sayf("plain.readBackWasConfirmed", rb.Confirmed.In(u.loc).Format("2006-01-02 15:04"))
	}
	ok, err := u.yes(u.t("plain.readBackConfirm"), false)
	if err != nil || !ok {
		return err
	}
	if err := w.apply(model.ConfirmReadBack{}); err != nil {
		return err
	}
	u.say(u.t("plain.readBackRecorded"))
	return nil
}
