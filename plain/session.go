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
		m, err := w.step(st)
		show = m != moveAsk
		if err != nil {
			result = err
			break
		}
		if m == moveNext {
			m, result = w.next()
		}
		if m == moveFinish || m == moveLater {
			w.leave(m)
			break
		}
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
	return &held{u: u, Work: wk}, nil
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
	return " · " + safeLine(w.Eng.Learner.Name)
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

// leave marks the session finished, or keeps it for later.
func (w *held) leave(m move) {
	w.Leave(m == moveFinish)
	w.save()
	if m == moveFinish {
		w.u.say(w.u.t("plain.finished"))
		return
	}
	w.u.say(w.u.t("plain.keptForLater"))
}

// next moves on; after the last step it asks whether the session is done.
func (w *held) next() (move, error) {
	if w.Sess.CurrentIndex() < len(w.Sess.Steps)-1 {
		return moveStay, w.apply(model.Next{})
	}
	done, err := w.u.yes(w.u.t("plain.lastStep"), true)
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
	u.say("", fmt.Sprintf("[%d/%d] %s", i+1, len(w.Sess.Steps), safeLine(st.Title)))
	if w.Round != nil && w.Round.Timer.PhaseIndex(model.PhaseOf(st)) == w.Round.Timer.Current {
		w.timerLine()
		if t := w.Round.Timer; !t.Running() && t.Phases[t.Current].StartedAt.IsZero() {
			w.purposeLine()
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
		u.say(u.t("plain.currentAnswer"))
		u.indent(st.Answer)
	}
	if st.Note != "" {
		u.say(u.t("plain.currentNote"))
		u.indent(st.Note)
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
	case st.Kind != model.StepPrompt:
		return w.text(w.u.t("plain.answerPrompt"))
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
	return w.text(w.u.t("plain.answerPrompt"))
}

// text reads the learner's words as the step's answer, saved line by line.
// A "." alone keeps what is there.
func (w *held) text(question string) (move, error) {
	_, cmd, err := w.u.readText(question, func(s string) error {
		return w.setAnswer(s)
	})
	if err != nil {
		return moveLater, err
	}
	if cmd != "" {
		return w.command(cmd)
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
	return w.text(w.u.t("plain.commentPrompt"))
}

// pick reads one line that is either a command, empty (keep what is there),
// "0" (clear) or what parse accepts; anything else is asked again.
func (w *held) pick(question string, parse func(string) bool) (cmd string, err error) {
	for {
		line, err := w.u.ask(question)
		if err != nil {
			return "", err
		}
		n := normal(line)
		switch {
		case strings.HasPrefix(n, "/"):
			return commandLine(line), nil
		case n == "" || parse(n):
			return "", nil
		}
		w.u.say(w.u.t("plain.notUnderstood"))
	}
}

// scale reads a point from 1 to 5.
func (w *held) scale(st model.Step, p model.Prompt) (move, error) {
	for i := model.ScalePoints; i >= 1; i-- {
		w.u.say(model.PointText(&p, i, w.Sess.Lang))
	}
	if st.Value > 0 {
		w.u.sayf("plain.currentPoint", model.PointText(&p, st.Value, w.Sess.Lang))
	}
	cmd, err := w.pick(w.u.t("plain.scalePrompt"), func(n string) bool {
		v, ok := upTo(n, model.ScalePoints)
		if !ok {
			return false
		}
		w.setAnswerEvent(model.SetValue{Value: v})
		return true
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
	cmd, err := w.pick(w.u.t(question), func(n string) bool {
		if n == "0" {
			w.setAnswerEvent(model.SetChoices{})
			return true
		}
		ns, ok := numbers(n, len(p.Options))
		if !ok || st.AnswerKind == model.KindChoice && len(ns) != 1 {
			return false
		}
		var ids []string
		for i, o := range p.Options { // the content's order
			if slices.Contains(ns, i+1) {
				ids = append(ids, o.ID)
			}
		}
		w.setAnswerEvent(model.SetChoices{IDs: ids})
		return true
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
	level := func(ev func(int) model.Event) func(string) bool {
		return func(n string) bool {
			v, ok := upTo(n, model.Levels)
			if !ok {
				return false
			}
			w.setAnswerEvent(ev(v))
			return true
		}
	}
	cmd, err := w.pick(u.t("plain.levelPrompt"), level(func(v int) model.Event { return model.SetValue{Value: v} }))
	if err != nil || cmd != "" {
		return w.after(cmd, err)
	}
	if t, _ := w.Sess.Current(); t.Target > 0 {
		u.sayf("plain.currentAim", t.Target, model.LevelName(t.Target, w.Sess.Lang))
	}
	cmd, err = w.pick(u.t("plain.aimPrompt"), level(func(v int) model.Event { return model.SetTarget{Level: v} }))
	if err != nil || cmd != "" {
		return w.after(cmd, err)
	}
	return w.text(u.t("plain.evidencePrompt"))
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

// focus chooses up to three skills to develop, shows how to develop them,
// and reads the practice plan.
func (w *held) focus(st model.Step) (move, error) {
	u := w.u
	m := u.lib.Skills
	if m == nil {
		return w.text(u.t("plain.answerPrompt"))
	}
	for i, s := range m.Skills {
		mark := ""
		if slices.Contains(st.Choices, s.ID) {
			mark = u.t("plain.chosen")
		}
		u.say(fmt.Sprintf("%d. %s%s", i+1, s.Name.In(w.Sess.Lang), mark))
	}
	cmd, err := w.pick(u.tf("plain.focusPrompt", model.MaxFocus), func(n string) bool {
		if n == "0" {
			w.setAnswerEvent(model.SetChoices{})
			return true
		}
		ns, ok := numbers(n, len(m.Skills))
		if !ok {
			return false
		}
		var ids []string
		for _, k := range ns {
			if id := m.Skills[k-1].ID; !slices.Contains(ids, id) {
				ids = append(ids, id)
			}
		}
		if len(ids) > model.MaxFocus {
			u.sayf("plain.focusFull", model.MaxFocus)
			return false
		}
		w.setAnswerEvent(model.SetChoices{IDs: ids})
		return true
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
	return w.text(u.t("plain.planPrompt"))
}

// command carries out a command typed in place of an answer.
func (w *held) command(cmd string) (move, error) {
	u := w.u
	name, arg, _ := strings.Cut(strings.TrimPrefix(cmd, "/"), " ")
	arg = strings.TrimSpace(arg)
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
	case "list", "l":
		w.list()
	case "jump", "j", "go":
		if n, ok := number(arg, len(w.Sess.Steps)); ok {
			return moveStay, w.apply(model.Jump{Key: w.Sess.Steps[n-1].Key})
		}
		u.sayf("plain.jumpHow", len(w.Sess.Steps))
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
			u.say(u.t("plain.noFeedbackHere"))
			break
		}
		return moveStay, w.apply(model.AddFeedback{})
	case "finish", "f", "done":
		return moveFinish, nil
	case "later", "quit", "q":
		return moveLater, nil
	case "timer", "t":
		w.purposeLine()
		w.timerLine()
	case "turn":
		w.nextTurn()
	case "start":
		w.toggleTimer()
	case "phase":
		return w.nextPhase()
	case "extend":
		w.extend(arg)
	case "clear":
		st, _ := w.Sess.Current()
		if st.Answer != "" {
			if err := w.setAnswer(""); err != nil {
				return moveStay, err
			}
			u.say(u.t("plain.cleared"))
		}
	case "side":
		if w.Round != nil {
			u.say(u.t("plain.noSideInRound"))
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
		u.sayf("plain.unknownCommand", safe(cmd))
	}
	return moveAsk, nil
}

// list prints every step with what was recorded.
func (w *held) list() {
	for i, st := range w.Sess.Steps {
		state := w.u.t("plain.stateOpen")
		switch {
		case st.Answered():
			state = w.u.t("plain.stateAnswered")
		case st.Skipped:
			state = w.u.t("plain.stateSkipped")
		}
		here := ""
		if i == w.Sess.CurrentIndex() {
			here = w.u.t("plain.here")
		}
		w.u.say(fmt.Sprintf("%d. %s (%s)%s", i+1, safeLine(st.Title), state, here))
	}
}

// note reads the companion's note for the step (private unless shared).
func (w *held) note() error {
	_, cmd, err := w.u.readText(w.u.t("plain.notePrompt"), func(s string) error {
		return w.apply(model.SetNote{Text: s})
	})
	if cmd == "/shared" || cmd == "/share" {
		st, _ := w.Sess.Current()
		return w.apply(model.SetNoteShared{Shared: !st.NoteShared})
	}
	return err
}

// deeper offers the prompt's follow-ups, or a question of the companion's
// own, as a step under this one.
func (w *held) deeper() error {
	var fs []model.Followup
	if p, ok := w.PromptFor(w.currentStep()); ok {
		fs = p.Followups
	}
	items := make([]string, len(fs))
	for i, f := range fs {
		items[i] = f.Text.In(w.Sess.Lang)
	}
	for i, it := range items {
		w.u.say(fmt.Sprintf("%d. %s", i+1, it))
	}
	line, err := w.u.ask(w.u.t("plain.deeperPrompt"))
	if err != nil || normal(line) == "" {
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
		line, err := w.u.ask(w.u.t("plain.addPrompt"))
		if err != nil || strings.TrimSpace(line) == "" {
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
