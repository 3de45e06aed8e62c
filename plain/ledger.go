package plain

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"bansou/model"
)

// The steps that write to the engagement's ledger (worries, actions, the
// agreement, and bringing back what is still open) and the peer round's
// clock. Entries are recorded through the model's ledger edits, as in the
// full-screen interface.

// worries records the learner's worries, one after another, each with its
// category, intensity, term, support plan and who may read it.
func (w *held) worries(st model.Step, p model.Prompt) (move, error) {
	u := w.u
	lang := w.Sess.Lang
	w.listEntries(st)
	for {
		text, cmd, err := w.readEntry(u.t("plain.worryPrompt"), st)
		if err != nil || cmd != "" {
			return w.after(cmd, err)
		}
		if strings.TrimSpace(text) == "" {
			return moveNext, nil
		}
		a := model.NewAnxiety(w.Sess.EngagementID, w.Sess.ID, st.Key, text)
		w.putAnxiety(a) // the words first: they are what matters most
		cats := make([]string, len(p.Options))
		for i, o := range p.Options {
			cats[i] = o.Text.In(lang)
		}
		if len(cats) > 0 {
			i, err := u.choose(u.t("plain.category"), cats)
			if err != nil {
				return moveLater, err
			}
			if i >= 0 {
				a.Category = p.Options[i].ID
			}
		}
		if a.Intensity, err = w.point(u.t("plain.intensity")); err != nil {
			return moveLater, err
		}
		i, err := u.choose(u.t("plain.term"), []string{model.TermLabel(model.ShortTerm, u.lang), model.TermLabel(model.LongTerm, u.lang)})
		if err != nil {
			return moveLater, err
		}
		a.Term = map[int]model.Term{0: model.ShortTerm, 1: model.LongTerm}[i]
		if a.Plan, _, err = u.readText(u.t("plain.plan"), nil); err != nil {
			w.putAnxiety(a)
			return moveLater, err
		}
		share, err := u.yes(u.t("plain.worryShare"), false)
		if err != nil {
			w.putAnxiety(a)
			return moveLater, err
		}
		a.Private = !share
		w.putAnxiety(a)
		u.say(u.t("plain.worrySaved"))
	}
}

func (w *held) putAnxiety(a model.Anxiety) {
	w.PutAnxiety(a)
	w.save()
}

// point reads 1–5, or nothing (0).
func (w *held) point(question string) (int, error) {
	for {
		line, err := w.u.ask(question)
		if err != nil {
			return 0, err
		}
		if normal(line) == "" {
			return 0, nil
		}
		if n, ok := number(line, 5); ok {
			return n, nil
		}
		w.u.say(w.u.t("plain.notUnderstood"))
	}
}

// actions records next steps, each with who takes it and by when.
func (w *held) actions(st model.Step) (move, error) {
	u := w.u
	w.listEntries(st)
	owners := make([]string, len(model.Owners))
	for i, o := range model.Owners {
		owners[i] = model.OwnerLabel(o, u.lang)
	}
	for {
		text, cmd, err := w.readEntry(u.t("plain.actionPrompt"), st)
		if err != nil || cmd != "" {
			return w.after(cmd, err)
		}
		if strings.TrimSpace(text) == "" {
			return moveNext, nil
		}
		a := model.Action{ID: model.NewID(), EngagementID: w.Sess.EngagementID, SessionID: w.Sess.ID, StepKey: st.Key,
			Text: text, Owner: model.OwnerLearner}
		w.putAction(a)
		i, err := u.choose(u.t("plain.owner"), owners)
		if err != nil {
			return moveLater, err
		}
		if i >= 0 {
			a.Owner = model.Owners[i]
		}
		w.putAction(a)
		if a.Due, err = u.askDate("plain.due", false); err != nil {
			return moveLater, err
		}
		w.putAction(a)
		u.say(u.t("plain.actionSaved"))
	}
}

func (w *held) putAction(a model.Action) {
	w.PutAction(a)
	w.save()
}

// agreement records one topic: each party's expectation and fit, then the
// agreed text, starting from what was agreed before.
func (w *held) agreement(st model.Step) (move, error) {
	u := w.u
	it, before, had := w.Ledger.AgreementDraft(w.Sess, st.PromptID, st.Title)
	if had && strings.TrimSpace(before.Agreed) != "" {
		u.say(u.t("plain.agreedBefore"))
		u.indent(before.Agreed)
	}
	put := func() {
		w.PutAgreement(it)
		w.save()
	}
	for _, party := range model.Parties {
		name := model.PartyLabel(party, u.lang)
		v := it.View(party)
		if v.Expectation != "" {
			u.sayf("plain.partySaid", name)
			u.indent(v.Expectation)
		}
		text, cmd, err := u.readText(u.tf("plain.expectation", name), func(s string) error {
			v.Expectation = s
			it.SetView(party, v)
			put()
			return nil
		})
		if err != nil || cmd != "" {
			return w.after(cmd, err)
		}
		_ = text
		fit, err := w.point(u.tf("plain.fit", name))
		if err != nil {
			return moveLater, err
		}
		if fit > 0 {
			v.Fit = fit
			it.SetView(party, v)
			put()
		}
	}
	_, cmd, err := u.readText(u.t("plain.agreed"), func(s string) error {
		it.Agreed = s
		put()
		return nil
	})
	if err != nil || cmd != "" {
		return w.after(cmd, err)
	}
	if note := it.GapNote(u.lang); note != "" {
		u.say(note)
	}
	return moveNext, nil
}

// reviewAnxieties asks how each worry still open stands now.
func (w *held) reviewAnxieties() (move, error) {
	u := w.u
	statuses := make([]string, len(model.AnxietyStatuses))
	for i, s := range model.AnxietyStatuses {
		statuses[i] = fmt.Sprintf("%d %s", i+1, model.StatusLabel(s, u.lang))
	}
	for _, a := range w.Ledger.AnxietiesToAsk(w.Sess) {
		u.say("", u.tf("plain.worryReview", safe(a.Text), model.StatusLabel(model.StatusBefore(a, w.Sess.ID), u.lang)))
		if model.AskHowCoped(a, w.Sess.ID) {
			u.say(model.HappenedQuestion(w.Sess.Lang))
		}
		var status model.AnxietyStatus
		cmd, err := w.pick(u.tf("plain.statusPrompt", strings.Join(statuses, " / ")), func(n string) bool {
			i, ok := number(n, len(model.AnxietyStatuses))
			if !ok {
				return false
			}
			status = model.AnxietyStatuses[i-1]
			return true
		})
		if err != nil || cmd != "" {
			return w.after(cmd, err)
		}
		if status == "" {
			continue
		}
		prev, had := a.UpdateIn(w.Sess.ID)
		note, err := w.reviewNote(prev.Note, had)
		w.SetAnxietyStatus(a.ID, status, note)
		w.save()
		if err != nil {
			return moveLater, err
		}
		if a.Private || strings.TrimSpace(note) == "" {
			continue // a private worry's notes are private with it
		}
		share, err := w.shareNote(prev.NoteShared)
		w.ShareAnxietyNote(a.ID, share)
		w.save()
		if err != nil {
			return moveLater, err
		}
	}
	return w.comment()
}

// reviewNote reads the note on how an item stands; Enter keeps the note this
// session already has.
func (w *held) reviewNote(prev string, had bool) (string, error) {
	if had && prev != "" {
		w.u.sayf("plain.noteSoFar", prev)
	}
	line, err := w.u.ask(w.u.t("plain.reviewNote"))
	if strings.TrimSpace(line) == "" && had {
		return prev, err
	}
	return line, err
}

// shareNote asks whether a status or outcome note may be shared; Enter
// keeps what it was (private for a new note), and the answer is said.
func (w *held) shareNote(was bool) (bool, error) {
	q := "plain.shareNote"
	if was {
		q = "plain.shareNoteKept"
	}
	share, err := w.u.yes(w.u.t(q), was)
	if err == nil {
		w.u.say(w.u.t(map[bool]string{true: "plain.noteIsShared", false: "plain.noteIsPrivate"}[share]))
	}
	return share, err
}

// reviewActions asks what came of each action still open.
func (w *held) reviewActions() (move, error) {
	u := w.u
	outcomes := make([]string, len(model.ReviewOutcomes))
	for i, o := range model.ReviewOutcomes {
		outcomes[i] = fmt.Sprintf("%d %s", i+1, model.OutcomeLabel(o, u.lang))
	}
	for _, a := range w.Ledger.ActionsToReview(w.Sess.ID) {
		u.say("", u.tf("plain.actionReview", safe(a.Text), model.OwnerLabel(a.Owner, u.lang)))
		var outcome model.Outcome
		cmd, err := w.pick(u.tf("plain.outcomePrompt", strings.Join(outcomes, " / ")), func(n string) bool {
			i, ok := number(n, len(model.ReviewOutcomes))
			if !ok {
				return false
			}
			outcome = model.ReviewOutcomes[i-1]
			return true
		})
		if err != nil || cmd != "" {
			return w.after(cmd, err)
		}
		if outcome == "" {
			continue
		}
		prev, had := a.UpdateIn(w.Sess.ID)
		note, err := w.reviewNote(prev.Note, had)
		w.SetActionOutcome(a.ID, outcome, note)
		w.save()
		if err != nil {
			return moveLater, err
		}
		if strings.TrimSpace(note) == "" {
			continue
		}
		share, err := w.shareNote(prev.NoteShared)
		w.ShareActionNote(a.ID, share)
		w.save()
		if err != nil {
			return moveLater, err
		}
	}
	return w.comment()
}

// nextPhase ends the round's current phase, starts the next one's clock if
// the clock was running, and moves to its notes, as the full interface's
// timer does.
func (w *held) nextPhase() (move, error) {
	if w.Round == nil {
		w.u.say(w.u.t("plain.noTimer"))
		return moveAsk, nil
	}
	t := &w.Round.Timer
	if t.Done() {
		w.u.say(w.u.t("plain.timerDone"))
		return moveAsk, nil
	}
	t.Next(w.u.now())
	w.RoundChanged()
	if t.Done() {
		w.save()
		w.u.say(w.u.t("plain.timerDone"))
		return moveAsk, nil
	}
	key := model.PhaseStepKey(t.Phases[t.Current].ID)
	if w.Sess.Index(key) < 0 {
		w.save()
		return moveAsk, nil
	}
	return moveStay, w.apply(model.Jump{Key: key})
}

// extend adds minutes to the current phase (a negative number takes them
// away; a phase keeps at least one minute).
func (w *held) extend(arg string) {
	n, err := strconv.Atoi(normal(arg))
	if w.Round == nil || err != nil || n == 0 || n < -600 || n > 600 {
		w.u.say(w.u.t("plain.extendHow"))
		return
	}
	w.Round.Timer.Extend(time.Duration(n) * time.Minute)
	w.RoundChanged()
	w.save()
	w.timerLine()
}

// timerLine says where the round's clock stands.
func (w *held) timerLine() {
	u := w.u
	if w.Round == nil {
		u.say(u.t("plain.noTimer"))
		return
	}
	t := w.Round.Timer
	if t.Done() {
		u.say(u.t("plain.timerDone"))
		return
	}
	now := u.now()
	left := t.Remaining(now)
	state := u.t("plain.timerPaused")
	if t.Running() {
		state = u.t("plain.timerRunning")
	}
	ph := t.Phases[t.Current]
	planned := int(ph.Planned / time.Minute)
	extended := ""
	if ph.Extended != 0 {
		extended = u.tf("plain.timerExtended", int(ph.Extended/time.Minute))
	}
	if left < 0 {
		u.sayf("plain.timerOver", t.Current+1, len(t.Phases), planned, extended, clock(-left), state)
	} else {
		u.sayf("plain.timerLeft", t.Current+1, len(t.Phases), planned, extended, clock(left), state)
	}
	if ph.Who != "" {
		u.sayf("plain.phaseOf", safeLine(ph.Who))
	}
	w.turnLine()
}

// turnLine says, in a phase taken in turns, whose turn it is, the turn's
// time and who is next.
func (w *held) turnLine() {
	u, t := w.u, w.Round.Timer
	if t.Done() || len(t.Phases[t.Current].Speakers) == 0 {
		return
	}
	turn, ok := t.Turn()
	if !ok {
		u.say(u.t("plain.turnsDone"))
		return
	}
	left := t.TurnRemaining(u.now())
	line := u.tf("plain.turn", turn.N, turn.Of, safeLine(turn.Speaker), clock(left))
	if left < 0 {
		line = u.tf("plain.turnOver", turn.N, turn.Of, safeLine(turn.Speaker), clock(-left))
	}
	next := u.t("plain.turnLast")
	if turn.Next != "" {
		next = u.tf("plain.turnNext", safeLine(turn.Next))
	}
	u.say(line + " " + next)
}

// nextTurn gives the floor to the next speaker of a phase taken in turns.
func (w *held) nextTurn() {
	if w.Round == nil {
		w.u.say(w.u.t("plain.noTimer"))
		return
	}
	t := &w.Round.Timer
	if _, ok := t.Turn(); !ok {
		if !t.Done() && len(t.Phases[t.Current].Speakers) > 0 {
			w.u.say(w.u.t("plain.turnsDone"))
		} else {
			w.u.say(w.u.t("plain.noTurns"))
		}
		return
	}
	t.NextTurn(w.u.now())
	w.RoundChanged()
	w.save()
	w.turnLine()
}

// purposeLine says what the round is for, if that was said.
func (w *held) purposeLine() {
	if w.Round != nil && w.Round.Purpose != "" {
		w.u.sayf("plain.purpose", safeLine(w.Round.Purpose))
	}
}

// toggleTimer starts or pauses the round's clock.
func (w *held) toggleTimer() {
	if w.Round == nil {
		w.u.say(w.u.t("plain.noTimer"))
		return
	}
	t := &w.Round.Timer
	if t.Running() {
		t.Pause(w.u.now())
	} else {
		t.Start(w.u.now())
	}
	w.RoundChanged()
	w.save()
	w.timerLine()
}

// clock writes a duration as minutes and seconds.
func clock(d time.Duration) string {
	s := int(d.Round(time.Second) / time.Second)
	return fmt.Sprintf("%d:%02d", s/60, s%60)
}
