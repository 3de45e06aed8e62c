package plain

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"bansou/model"
)

// work is a session being run: the session, what it belongs to, and what is
// not yet on disk. Every change is written at once (an answer after every
// line); a write that fails is kept in memory and tried again with the next.
type work struct {
	u       *ui
	sess    model.Session
	eng     model.Engagement
	ledger  model.Ledger
	flow    *model.Flow
	round   *model.PeerRound
	pend    model.Pending
	saveErr error
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
	u.say("", u.tf("plain.sessionTitle", safeLine(w.sess.FlowTitle), w.who()))
	a, _, n := w.sess.Counts(w.ledger)
	u.sayf("plain.sessionIntro", n, a)
	u.say(u.t("plain.sessionHelp"))
	var result error
	show := true
	for result == nil {
		st, ok := w.sess.Current()
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

// load reads the session and what it needs, and records it as open.
func (u *ui) load(id int64) (*work, error) {
	ctx, cancel := u.storeCtx()
	defer cancel()
	w := &work{u: u, pend: model.NewPending()}
	// Claim the session first, then read it, so that nothing another
	// window saved while the user was deciding is missing.
	err := u.store.SetSessionOpen(ctx, id, true)
	if errors.Is(err, model.ErrOpenElsewhere) {
		err = u.takeOver(id)
	}
	if err != nil {
		return nil, err
	}
	if w.sess, err = u.store.Session(ctx, id); err != nil {
		return nil, err
	}
	if w.sess.EngagementID != 0 {
		if w.eng, err = u.store.Engagement(ctx, w.sess.EngagementID); err != nil {
			return nil, err
		}
		if w.ledger, err = u.store.Ledger(ctx, w.sess.EngagementID); err != nil {
			return nil, err
		}
	}
	w.flow, _ = u.lib.Flow(w.sess.FlowID)
	if w.sess.IsRound() {
		rd, err := u.store.Round(ctx, id)
		if err != nil && !errors.Is(err, model.ErrNotFound) {
			return nil, err
		}
		var f *model.RoundFormat
		if u.lib.Rounds != nil {
			f, _ = u.lib.Rounds.Format(w.sess.RoundFormatID())
		}
		if rd.Resume(w.sess, f) {
			w.pend.Round = true
			u.say(u.t("plain.clockStopped"))
		}
		rd.SessionID = id
		w.round = &rd
	}
	return w, nil
}

// errNotTaken: a session open in another bansou was left to it.
var errNotTaken = errors.New("the session was left to the other bansou")

// takeOver says that a session is open in another running bansou, where two
// places would write over each other's typing, and takes it over only if
// the user says so.
func (u *ui) takeOver(id int64) error {
	u.say(u.t("plain.elsewhere"))
	ok, err := u.yes(u.t("plain.takeOver"), false)
	if err != nil {
		return err
	}
	if !ok {
		return errNotTaken
	}
	ctx, cancel := u.storeCtx()
	defer cancel()
	return u.store.TakeOverSession(ctx, id)
}

func (w *work) who() string {
	if w.eng.Learner.Name == "" {
		return ""
	}
	return " · " + safeLine(w.eng.Learner.Name)
}

// apply runs a flow event and writes the result.
func (w *work) apply(ev model.Event) error {
	before := w.sess
	next, err := model.Apply(w.sess, ev, w.u.now())
	if err != nil {
		w.u.say(err.Error())
		return nil
	}
	w.sess = next
	if len(next.Steps) != len(before.Steps) {
		w.pend.Layout = true
	}
	if cur, ok := before.Current(); ok {
		if after, ok := next.Step(cur.Key); ok && !stepEqual(after, cur) {
			w.pend.Steps[cur.Key] = true
		}
	}
	w.pend.Pos = true
	return w.save()
}

// stepEqual reports whether a step's recorded content is unchanged.
func stepEqual(a, b model.Step) bool {
	return a.Answer == b.Answer && a.Note == b.Note && a.Value == b.Value && a.Target == b.Target &&
		slices.Equal(a.Choices, b.Choices) && a.Skipped == b.Skipped && a.AnswerPrivate == b.AnswerPrivate &&
		a.NoteShared == b.NoteShared
}

// save writes everything pending. A failure is said once, kept in memory
// and tried again with the next save; typing goes on.
func (w *work) save() error {
	if w.pend.Empty() {
		return nil
	}
	taken := w.pend
	p := taken.Progress(w.sess, w.ledger)
	if taken.Round && w.round != nil {
		p.Round = w.round.Copy()
	}
	w.pend = model.NewPending()
	ctx, cancel := w.u.storeCtx()
	err := w.u.store.SaveProgress(ctx, p)
	cancel()
	if err != nil {
		w.pend.Merge(taken)
		switch {
		case model.NoMoreSaves(err):
			// Not tried again: the other window's record, or the change
			// made under this one, stands, or the database file is no
			// longer at its path.
			if !model.NoMoreSaves(w.saveErr) {
				w.u.say(w.u.describe(err))
			}
		case w.saveErr == nil:
			w.u.say(w.u.tf("plain.saveFailed", w.u.describe(err)))
		}
		w.saveErr = err
		return nil
	}
	if w.saveErr != nil {
		w.u.say(w.u.t("plain.saveRecovered"))
	}
	w.saveErr = nil
	return nil
}

// close writes what is left, trying again a few times if it fails, and
// records the session as no longer open. If it still cannot be written,
// what was not saved is printed so that it is not lost.
func (w *work) close() error {
	if w.round != nil && w.round.Timer.Running() {
		w.round.Timer.Pause(w.u.now())
		w.pend.Round = true
	}
	w.save()
	for _, d := range w.u.delays {
		if w.pend.Empty() || model.NoMoreSaves(w.saveErr) {
			break
		}
		w.u.sayf("plain.retrying", d.Round(time.Second))
		time.Sleep(d)
		w.save()
	}
	if !w.pend.Empty() {
		w.u.say(w.u.t("plain.unsavedBelow"))
		p := w.pend.Progress(w.sess, w.ledger)
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
		if errors.Is(w.saveErr, model.ErrChangedElsewhere) {
			// The claim is still this run's: let go of it, so that the
			// session opens again (with the newer version) here or
			// elsewhere. (Taken over, it is the other's, and stays so.)
			ctx, cancel := w.u.storeCtx()
			w.u.store.SetSessionOpen(ctx, w.sess.ID, false)
			cancel()
		}
		return fmt.Errorf("%s", w.u.describe(w.saveErr))
	}
	ctx, cancel := w.u.storeCtx()
	defer cancel()
	if err := w.u.store.SetSessionOpen(ctx, w.sess.ID, false); err != nil {
		return storeError{err}
	}
	return nil
}

// leave marks the session finished, or keeps it for later.
func (w *work) leave(m move) {
	if m == moveFinish {
		w.apply(model.Finish{})
		w.u.say(w.u.t("plain.finished"))
		return
	}
	if w.sess.Status == model.Done {
		w.apply(model.Reopen{})
	}
	w.u.say(w.u.t("plain.keptForLater"))
}

// next moves on; after the last step it asks whether the session is done.
func (w *work) next() (move, error) {
	if w.sess.CurrentIndex() < len(w.sess.Steps)-1 {
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
func (w *work) show(st model.Step) {
	u := w.u
	i := w.sess.CurrentIndex()
	u.say("", fmt.Sprintf("[%d/%d] %s", i+1, len(w.sess.Steps), safeLine(st.Title)))
	if w.round != nil && w.round.Timer.PhaseIndex(model.PhaseOf(st)) == w.round.Timer.Current {
		w.timerLine()
		if t := w.round.Timer; !t.Running() && t.Phases[t.Current].StartedAt.IsZero() {
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
	if p, ok := w.prompt(st); ok {
		listen := "plain.listen"
		if model.PhaseOf(st) != "" {
			listen = "plain.capture"
		}
		if t := p.Listen.In(w.sess.Lang); t != "" {
			u.say(u.t(listen) + t)
		}
		if t := p.Avoid.In(w.sess.Lang); t != "" {
			u.say(u.t("plain.avoid") + t)
		}
	}
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

// prompt is the content prompt a step belongs to.
func (w *work) prompt(st model.Step) (model.Prompt, bool) {
	if w.flow == nil {
		return model.Prompt{}, false
	}
	root, ok := w.sess.Step(w.sess.RootOf(st.Key))
	if !ok || root.Kind != model.StepPrompt {
		return model.Prompt{}, false
	}
	return w.flow.Prompt(root.PromptID)
}

// step reads the input for a step according to its kind.
func (w *work) step(st model.Step) (move, error) {
	p, hasPrompt := w.prompt(st)
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
func (w *work) text(question string) (move, error) {
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
func (w *work) setAnswer(s string) error {
	next, _ := model.Apply(w.sess, model.SetAnswer{Text: s}, w.u.now())
	w.sess = next
	w.pend.Steps[w.sess.CurrentKey] = true
	return w.save()
}

// comment reads an optional comment in the learner's words under a point,
// a choice or ledger entries.
func (w *work) comment() (move, error) {
	return w.text(w.u.t("plain.commentPrompt"))
}

// pick reads one line that is either a command, empty (keep what is there),
// "0" (clear) or what parse accepts; anything else is asked again.
func (w *work) pick(question string, parse func(string) bool) (cmd string, err error) {
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
func (w *work) scale(st model.Step, p model.Prompt) (move, error) {
	for i := model.ScalePoints; i >= 1; i-- {
		w.u.say(model.PointText(&p, i, w.sess.Lang))
	}
	if st.Value > 0 {
		w.u.sayf("plain.currentPoint", model.PointText(&p, st.Value, w.sess.Lang))
	}
	cmd, err := w.pick(w.u.t("plain.scalePrompt"), func(n string) bool {
		v, err := strconv.Atoi(n)
		if err != nil || v < 0 || v > model.ScalePoints {
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
func (w *work) setAnswerEvent(ev model.Event) {
	next, err := model.Apply(w.sess, ev, w.u.now())
	if err != nil {
		w.u.say(err.Error())
		return
	}
	w.sess = next
	w.pend.Steps[w.sess.CurrentKey] = true
	w.save()
}

// after turns a command read in place of an answer into the next move.
func (w *work) after(cmd string, err error) (move, error) {
	if err != nil {
		return moveLater, err
	}
	return w.command(cmd)
}

// choices reads one choice, or several numbers for a multi prompt.
func (w *work) choices(st model.Step, p model.Prompt) (move, error) {
	for i, o := range p.Options {
		mark := ""
		if slices.Contains(st.Choices, o.ID) {
			mark = w.u.t("plain.chosen")
		}
		w.u.say(fmt.Sprintf("%d. %s%s", i+1, o.Text.In(w.sess.Lang), mark))
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
func (w *work) skill(st model.Step) (move, error) {
	u := w.u
	sk, ok := u.lib.Skills.Skill(st.PromptID)
	if ok {
		for lv := model.Levels; lv >= 1; lv-- {
			u.say(fmt.Sprintf("%d %s: %s", lv, model.LevelName(lv, w.sess.Lang), sk.Level(lv).In(w.sess.Lang)))
		}
	}
	if st.Value > 0 {
		u.sayf("plain.currentLevel", st.Value, model.LevelName(st.Value, w.sess.Lang))
	}
	level := func(ev func(int) model.Event) func(string) bool {
		return func(n string) bool {
			v, err := strconv.Atoi(n)
			if err != nil || v < 0 || v > model.Levels {
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
	if t, _ := w.sess.Current(); t.Target > 0 {
		u.sayf("plain.currentAim", t.Target, model.LevelName(t.Target, w.sess.Lang))
	}
	cmd, err = w.pick(u.t("plain.aimPrompt"), level(func(v int) model.Event { return model.SetTarget{Level: v} }))
	if err != nil || cmd != "" {
		return w.after(cmd, err)
	}
	return w.text(u.t("plain.evidencePrompt"))
}

// focus chooses up to three skills to develop, shows how to develop them,
// and reads the practice plan.
func (w *work) focus(st model.Step) (move, error) {
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
		u.say(fmt.Sprintf("%d. %s%s", i+1, s.Name.In(w.sess.Lang), mark))
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
	cur, _ := w.sess.Current()
	for _, id := range cur.Choices {
		if s, ok := m.Skill(id); ok {
			u.say(u.tf("plain.methods", s.Name.In(w.sess.Lang)))
			for _, me := range s.Methods {
				u.say("  " + me.Title.In(w.sess.Lang) + ": " + me.Text.In(w.sess.Lang))
			}
		}
	}
	return w.text(u.t("plain.planPrompt"))
}

// command carries out a command typed in place of an answer.
func (w *work) command(cmd string) (move, error) {
	u := w.u
	name, arg, _ := strings.Cut(strings.TrimPrefix(cmd, "/"), " ")
	arg = strings.TrimSpace(arg)
	switch strings.ToLower(name) {
	case "next", "n":
		return moveNext, nil
	case "back", "b":
		return moveStay, w.apply(model.Back{})
	case "skip", "s":
		if w.sess.CurrentIndex() == len(w.sess.Steps)-1 {
			if err := w.apply(model.Skip{}); err != nil {
				return moveStay, err
			}
			return moveNext, nil
		}
		return moveStay, w.apply(model.Skip{})
	case "list", "l":
		w.list()
	case "jump", "j", "go":
		if n, ok := number(arg, len(w.sess.Steps)); ok {
			return moveStay, w.apply(model.Jump{Key: w.sess.Steps[n-1].Key})
		}
		u.sayf("plain.jumpHow", len(w.sess.Steps))
	case "note":
		return moveAsk, w.note()
	case "private", "p":
		st, _ := w.sess.Current()
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
		if w.sess.EngagementID == 0 || w.sess.IsSelfReview() {
			u.say(u.t("plain.noFeedbackHere"))
			break
		}
		return moveStay, w.apply(model.AddFeedback{})
	case "finish", "f", "done":
		return moveFinish, nil
	case "later", "quit", "q":
		return moveLater, nil
	case "timer", "t":
		w.timerLine()
	case "start":
		w.toggleTimer()
	case "phase":
		return w.nextPhase()
	case "extend":
		w.extend(arg)
	case "clear":
		st, _ := w.sess.Current()
		if st.Answer != "" {
			if err := w.setAnswer(""); err != nil {
				return moveStay, err
			}
			u.say(u.t("plain.cleared"))
		}
	case "help", "h", "?":
		u.say(u.t("plain.sessionHelpFull"))
	default:
		u.sayf("plain.unknownCommand", safe(cmd))
	}
	return moveAsk, nil
}

// list prints every step with what was recorded.
func (w *work) list() {
	for i, st := range w.sess.Steps {
		state := w.u.t("plain.stateOpen")
		switch {
		case st.Answered():
			state = w.u.t("plain.stateAnswered")
		case st.Skipped:
			state = w.u.t("plain.stateSkipped")
		}
		here := ""
		if i == w.sess.CurrentIndex() {
			here = w.u.t("plain.here")
		}
		w.u.say(fmt.Sprintf("%d. %s (%s)%s", i+1, safeLine(st.Title), state, here))
	}
}

// note reads the companion's note for the step (private unless shared).
func (w *work) note() error {
	_, cmd, err := w.u.readText(w.u.t("plain.notePrompt"), func(s string) error {
		next, _ := model.Apply(w.sess, model.SetNote{Text: s}, w.u.now())
		w.sess = next
		w.pend.Steps[w.sess.CurrentKey] = true
		return w.save()
	})
	if cmd == "/shared" || cmd == "/share" {
		st, _ := w.sess.Current()
		return w.apply(model.SetNoteShared{Shared: !st.NoteShared})
	}
	return err
}

// deeper offers the prompt's follow-ups, or a question of the companion's
// own, as a step under this one.
func (w *work) deeper() error {
	var fs []model.Followup
	if p, ok := w.prompt(w.currentStep()); ok {
		fs = p.Followups
	}
	items := make([]string, len(fs))
	for i, f := range fs {
		items[i] = f.Text.In(w.sess.Lang)
	}
	for i, it := range items {
		w.u.say(fmt.Sprintf("%d. %s", i+1, it))
	}
	line, err := w.u.ask(w.u.t("plain.deeperPrompt"))
	if err != nil || normal(line) == "" {
		return err
	}
	if n, ok := number(line, len(fs)); ok {
		return w.apply(model.DigDeeper{FollowupID: fs[n-1].ID, Text: fs[n-1].Text.In(w.sess.Lang)})
	}
	return w.apply(model.DigDeeper{Text: line})
}

func (w *work) currentStep() model.Step {
	st, _ := w.sess.Current()
	return st
}

// add puts the companion's own question after this step.
func (w *work) add(text string) error {
	if text == "" {
		line, err := w.u.ask(w.u.t("plain.addPrompt"))
		if err != nil || strings.TrimSpace(line) == "" {
			return err
		}
		text = line
	}
	return w.apply(model.AddQuestion{Text: text})
}
