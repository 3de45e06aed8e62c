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
// category, intensity, term, support plan and who may read it. A command
// typed at any of these is carried out, the worry kept with what it has.
func (w *held) worries(st model.Step, p model.Prompt) (move, error) {
	u := w.u
	w.listEntries(st)
	for {
		text, cmd, err := w.readEntry(w.label("plain.worryPrompt"), st)
		if err != nil || cmd != "" {
			return w.after(cmd, err)
		}
		if strings.TrimSpace(text) == "" {
			return moveNext, nil
		}
		a := model.NewAnxiety(w.Sess.EngagementID, w.Sess.ID, st.Key, text)
		w.putAnxiety(a) // the words first: they are what matters most
		cmd, err = w.worryFields(&a, p)
		w.putAnxiety(a)
		w.said(u.tf("plain.worrySavedAs", w.privateMark(a.Private), w.paren(w.worryAbout(a))))
		if err != nil || cmd != "" {
			return w.after(cmd, err)
		}
		u.say(u.t("plain.worryNext"))
	}
}

// worryFields asks a new worry's category, intensity, term, plan and
// sharing, writing each as it is read; a command ends it there.
func (w *held) worryFields(a *model.Anxiety, p model.Prompt) (string, error) {
	u, lang := w.u, w.Sess.Lang
	if len(p.Options) > 0 {
		cats := make([]string, len(p.Options))
		names := make([][]string, len(p.Options))
		for i, o := range p.Options {
			cats[i] = o.Text.In(lang)
			names[i] = []string{o.Text.In(model.Ja), o.Text.In(model.En), o.ID}
		}
		i, cmd, err := u.choice(menu{question: u.t("plain.category"), items: cats, names: names, enter: -1,
			enterSays: u.t("plain.enterNone"), commands: true})
		if err != nil || cmd != "" {
			return cmd, err
		}
		if i >= 0 {
			a.Category = p.Options[i].ID
			w.putAnxiety(*a)
		}
	}
	n, cmd, err := w.point(u.t("plain.intensity"))
	if err != nil || cmd != "" {
		return cmd, err
	}
	a.Intensity = n
	w.putAnxiety(*a)
	terms := []model.Term{model.ShortTerm, model.LongTerm}
	items := []string{model.TermLabel(model.ShortTerm, u.lang), model.TermLabel(model.LongTerm, u.lang)}
	names := [][]string{{model.TermLabel(model.ShortTerm, model.Ja), model.TermLabel(model.ShortTerm, model.En)},
		{model.TermLabel(model.LongTerm, model.Ja), model.TermLabel(model.LongTerm, model.En)}}
	i, cmd, err := u.choice(menu{question: u.t("plain.term"), items: items, names: names, enter: -1,
		enterSays: u.t("plain.enterNone"), commands: true})
	if err != nil || cmd != "" {
		return cmd, err
	}
	if i >= 0 {
		a.Term = terms[i]
		w.putAnxiety(*a)
	}
	plan, cmd, err := u.readText(u.t("plain.plan"), func(s string) error {
		a.Plan = s
		w.putAnxiety(*a)
		return nil
	})
	if err != nil || cmd != "" {
		return cmd, err
	}
	a.Plan = plan
	share, err := u.yes(u.t("plain.worryShare"), false)
	a.Private = !share
	return "", err
}

// worryAbout says a worry's intensity, term and category, those given.
func (w *held) worryAbout(a model.Anxiety) string {
	var parts []string
	if a.Intensity > 0 {
		parts = append(parts, w.u.tf("plain.intensityIs", a.Intensity))
	}
	if a.Term != "" {
		parts = append(parts, model.TermLabel(a.Term, w.u.lang))
	}
	if a.Category != "" {
		if p, ok := w.PromptFor(w.currentStep()); ok {
			if o, ok := p.Option(a.Category); ok {
				parts = append(parts, o.Text.In(w.Sess.Lang))
			}
		}
	}
	return strings.Join(parts, w.u.t("plain.comma"))
}

// paren puts words in brackets, or nothing when there are none (no
// empty brackets read out).
func (w *held) paren(words string) string {
	if words == "" {
		return ""
	}
	return w.u.tf("plain.paren", words)
}

// privateMark is the mark a private item is read out with, so that the
// companion hears it before anyone else in the room does.
func (w *held) privateMark(private bool) string {
	if private {
		return w.u.t("plain.privateMark")
	}
	return ""
}

func (w *held) putAnxiety(a model.Anxiety) {
	w.PutAnxiety(a)
	w.save()
}

// point reads 1–5, nothing (0), or a command.
func (w *held) point(question string) (int, string, error) {
	for {
		line, cmd, err := w.u.line(question, nil)
		if err != nil || cmd != "" {
			return 0, cmd, err
		}
		if normal(line) == "" {
			return 0, "", nil
		}
		if n, ok := number(line, model.ScalePoints); ok {
			return n, "", nil
		}
		if err := w.u.refuse(w.u.t("plain.notUnderstood")); err != nil {
			return 0, "", err
		}
	}
}

// actions records next steps, each with who takes it and by when.
func (w *held) actions(st model.Step) (move, error) {
	u := w.u
	w.listEntries(st)
	owners := make([]string, len(model.Owners))
	names := make([][]string, len(model.Owners))
	for i, o := range model.Owners {
		owners[i] = model.OwnerLabel(o, u.lang)
		names[i] = []string{model.OwnerLabel(o, model.Ja), model.OwnerLabel(o, model.En), string(o)}
	}
	for {
		text, cmd, err := w.readEntry(w.label("plain.actionPrompt"), st)
		if err != nil || cmd != "" {
			return w.after(cmd, err)
		}
		if strings.TrimSpace(text) == "" {
			return moveNext, nil
		}
		a := model.Action{ID: model.NewID(), EngagementID: w.Sess.EngagementID, SessionID: w.Sess.ID, StepKey: st.Key,
			Text: text, Owner: model.OwnerLearner}
		w.putAction(a)
		i, cmd, err := u.choice(menu{question: u.t("plain.owner"), items: owners, names: names, enter: -1,
			enterSays: u.tf("plain.enterFor", owners[0]), commands: true})
		if err == nil && cmd == "" {
			if i >= 0 {
				a.Owner = model.Owners[i]
				w.putAction(a)
			}
			a.Due, cmd, err = w.date("plain.due")
		}
		w.putAction(a)
		w.said(u.tf("plain.actionSavedAs", w.actionAbout(a)))
		if err != nil || cmd != "" {
			return w.after(cmd, err)
		}
		u.say(u.t("plain.actionNext"))
	}
}

// actionAbout says who takes an action and, if given, by when.
func (w *held) actionAbout(a model.Action) string {
	who := model.OwnerLabel(a.Owner, w.u.lang)
	if a.Due.IsZero() {
		return who
	}
	return who + w.u.t("plain.comma") + w.u.tf("plain.dueOn", a.Due)
}

// date reads a date in any form bansou reads, nothing (the zero date), or
// a command.
func (w *held) date(key string) (model.Date, string, error) {
	for {
		line, cmd, err := w.u.line(w.u.t(key), nil)
		if err != nil || cmd != "" || normal(line) == "" {
			return model.Date{}, cmd, err
		}
		if d, ok := w.u.parseDate(line); ok {
			return d, "", nil
		}
		if err := w.u.refuse(w.u.t("plain.badDate")); err != nil {
			return model.Date{}, "", err
		}
	}
}

func (w *held) putAction(a model.Action) {
	w.PutAction(a)
	w.save()
}

// agreement records one topic: each party's expectation and fit, then the
// agreed text, starting from what was agreed before. A command typed at
// any of these is carried out.
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
	done := func(cmd string, err error) (move, error) {
		if !it.Empty() {
			w.said(u.tf("plain.topicSaved", safeLine(st.Title), model.FitWords(it, u.lang)))
		}
		return w.after(cmd, err)
	}
	for _, party := range model.Parties {
		name := model.PartyLabel(party, u.lang)
		v := it.View(party)
		if v.Expectation != "" {
			u.sayf("plain.partySaid", name)
			u.indent(v.Expectation)
		}
		_, cmd, err := u.readText(u.tf(w.labelKey("plain.expectation"), name), func(s string) error {
			v.Expectation = s
			it.SetView(party, v)
			put()
			return nil
		})
		if err != nil || cmd != "" {
			return done(cmd, err)
		}
		fit, cmd, err := w.point(u.tf("plain.fit", name))
		if err != nil || cmd != "" {
			return done(cmd, err)
		}
		if fit > 0 {
			v.Fit = fit
			it.SetView(party, v)
			put()
		}
	}
	_, cmd, err := u.readText(w.label("plain.agreed"), func(s string) error {
		it.Agreed = s
		put()
		return nil
	})
	if err != nil || cmd != "" {
		return done(cmd, err)
	}
	if note := it.GapNote(u.lang); note != "" {
		u.sayf("plain.gap", note, model.FitWords(it, u.lang))
	}
	return done("", nil)
}

// reviewAnxieties asks how each worry still open stands now.
func (w *held) reviewAnxieties() (move, error) {
	u := w.u
	statuses := make([]string, len(model.AnxietyStatuses))
	for i, s := range model.AnxietyStatuses {
		statuses[i] = fmt.Sprintf("%d %s", i+1, model.StatusLabel(s, u.lang))
	}
	for _, a := range w.Ledger.AnxietiesToAsk(w.Sess) {
		u.say("", u.tf("plain.worryReview", w.privateMark(a.Private), safe(a.Text),
			model.StatusLabel(model.StatusBefore(a, w.Sess.ID), u.lang)))
		if model.AskHowCoped(a, w.Sess.ID) {
			u.say(model.HappenedQuestion(w.Sess.Lang))
		}
		var status model.AnxietyStatus
		cmd, err := w.pick(u.tf("plain.statusPrompt", strings.Join(statuses, u.t("plain.comma"))), func(n string) (string, bool) {
			i, ok := number(n, len(model.AnxietyStatuses))
			if !ok {
				return "", false
			}
			status = model.AnxietyStatuses[i-1]
			return "", true // said with its note
		})
		if err != nil || cmd != "" {
			return w.after(cmd, err)
		}
		if status == "" {
			continue
		}
		prev, had := a.UpdateIn(w.Sess.ID)
		note, cmd, err := w.reviewNote(prev.Note, had, a.Private || !prev.NoteShared)
		w.SetAnxietyStatus(a.ID, status, note)
		w.save()
		w.said(u.tf("plain.statusSaved", safeLine(a.Text), model.StatusLabel(status, u.lang)))
		if err != nil || cmd != "" {
			return w.after(cmd, err)
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
// session already has. A command is returned for the caller.
func (w *held) reviewNote(prev string, had, private bool) (string, string, error) {
	u := w.u
	if had && prev != "" {
		u.sayf("plain.noteSoFar", w.privateMark(private), prev)
	}
	key := "plain.reviewNote"
	if !private {
		key = "plain.reviewNoteShared"
	}
	line, cmd, err := u.line(u.t(key), nil)
	if cmd != "" || strings.TrimSpace(line) == "" && had {
		return prev, cmd, err
	}
	return line, "", err
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
		u.say("", u.tf("plain.actionReview", safe(a.Text), w.actionAbout(a)))
		var outcome model.Outcome
		cmd, err := w.pick(u.tf("plain.outcomePrompt", strings.Join(outcomes, u.t("plain.comma"))), func(n string) (string, bool) {
			i, ok := number(n, len(model.ReviewOutcomes))
			if !ok {
				return "", false
			}
			outcome = model.ReviewOutcomes[i-1]
			return "", true // said with its note
		})
		if err != nil || cmd != "" {
			return w.after(cmd, err)
		}
		if outcome == "" {
			continue
		}
		prev, had := a.UpdateIn(w.Sess.ID)
		note, cmd, err := w.reviewNote(prev.Note, had, !prev.NoteShared)
		w.SetActionOutcome(a.ID, outcome, note)
		w.save()
		w.said(u.tf("plain.outcomeSaved", safeLine(a.Text), model.OutcomeLabel(outcome, u.lang)))
		if err != nil || cmd != "" {
			return w.after(cmd, err)
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
		return moveAsk, w.u.refuse(w.u.t("plain.noTimer"))
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
		w.timerLine()
		return moveAsk, nil
	}
	return moveStay, w.apply(model.Jump{Key: key})
}

// phaseAt is the index in the round's timer of the phase whose notes step
// i belongs to: its own phase, or for a step that is not a phase's notes
// (the key question, a learning), the phase of the notes before it; -1
// before the first.
func (w *held) phaseAt(i int) int {
	for ; i >= 0; i-- {
		if ph := model.PhaseOf(w.Sess.Steps[i]); ph != "" {
			return w.Round.Timer.PhaseIndex(ph)
		}
	}
	return -1
}

// followNotes moves the round's clock on with the notes: when the notes
// leave the clock's phase for a later one (an answer ended with "."), the
// clock goes there too, so that the two never part and /phase never takes
// the notes back.
func (w *held) followNotes(from, to int) {
	if w.Round == nil {
		return
	}
	t := &w.Round.Timer
	at, next := w.phaseAt(from), w.phaseAt(to)
	if t.Done() || at != t.Current || next <= at {
		return
	}
	for !t.Done() && t.Current < next {
		t.Next(w.u.now())
	}
	w.RoundChanged()
	w.save()
	w.u.say(w.u.t("plain.clockFollows"))
}

// extend adds minutes to the current phase (a negative number takes them
// away; a phase keeps at least one minute).
func (w *held) extend(arg string) error {
	n, err := strconv.Atoi(normal(arg))
	if w.Round == nil || err != nil || n == 0 || n < -600 || n > 600 {
		return w.u.refuse(w.u.t("plain.extendHow"))
	}
	w.Round.Timer.Extend(time.Duration(n) * time.Minute)
	w.RoundChanged()
	w.save()
	w.heardAgain()
	w.timerLine()
	return nil
}

// phaseName names the clock's current phase (with the presenter's name in
// a phase run once per presenter).
func (w *held) phaseName() string {
	name := w.Round.PhaseTitle(w.u.lib.Rounds, w.Sess.Lang)
	if ph := w.Round.Timer.Phases[w.Round.Timer.Current]; ph.Who != "" {
		name += w.u.tf("plain.phaseOf", safeLine(ph.Who))
	}
	return safeLine(name)
}

// timerLine says where the round's clock stands: the phase by name and
// place, the time left (or over) as a duration, and whether it runs.
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
	planned := model.FormatMinutes(ph.Planned, u.lang)
	extended := ""
	if ph.Extended != 0 {
		extended = u.tf("plain.timerExtended", int(ph.Extended/time.Minute))
	}
	if left < 0 {
		u.sayf("plain.timerOver", w.phaseName(), t.Current+1, len(t.Phases), planned, extended, model.FormatMinutes(-left, u.lang), state)
	} else {
		u.sayf("plain.timerLeft", w.phaseName(), t.Current+1, len(t.Phases), planned, extended, model.FormatMinutes(left, u.lang), state)
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
	line := u.tf("plain.turn", turn.Of, turn.N, safeLine(turn.Speaker), model.FormatMinutes(left, u.lang))
	if left < 0 {
		line = u.tf("plain.turnOver", turn.Of, turn.N, safeLine(turn.Speaker), model.FormatMinutes(-left, u.lang))
	}
	next := u.t("plain.turnLast")
	if turn.Next != "" {
		next = u.tf("plain.turnNext", safeLine(turn.Next))
	}
	u.say(line + " " + next)
}

// nextTurn gives the floor to the next speaker of a phase taken in turns.
func (w *held) nextTurn() error {
	if w.Round == nil {
		return w.u.refuse(w.u.t("plain.noTimer"))
	}
	t := &w.Round.Timer
	if _, ok := t.Turn(); !ok {
		if !t.Done() && len(t.Phases[t.Current].Speakers) > 0 {
			w.u.say(w.u.t("plain.turnsDone"))
			return nil
		}
		return w.u.refuse(w.u.t("plain.noTurns"))
	}
	t.NextTurn(w.u.now())
	w.RoundChanged()
	w.save()
	w.turnLine()
	return nil
}

// purposeLine says what the round is for, if that was said.
func (w *held) purposeLine() {
	if w.Round != nil && w.Round.Purpose != "" {
		w.u.sayf("plain.purpose", safeLine(w.Round.Purpose))
	}
}

// rulesLine reads the round's ground rules, as the full interface keeps
// them in view.
func (w *held) rulesLine() {
	rc := w.u.lib.Rounds
	if w.Round == nil || rc == nil || len(rc.Rules) == 0 {
		return
	}
	w.u.say(w.u.t("plain.rules"))
	for i, r := range rc.Rules {
		w.u.say(fmt.Sprintf("%d. %s", i+1, r.Text.In(w.Sess.Lang)))
	}
}

// toggleTimer starts or pauses the round's clock.
func (w *held) toggleTimer() error {
	if w.Round == nil {
		return w.u.refuse(w.u.t("plain.noTimer"))
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
	return nil
}

// The set points at which the clock speaks, between lines: the time left
// when a phase that had longer comes within these, and once that its time
// is up.
var announceAt = []time.Duration{time.Minute, 5 * time.Minute}

// announce speaks the round's clock between lines, at the set points: the
// time left as a phase comes within five minutes and one minute of its
// end, and once that its time is up; in a phase taken in turns, once that
// a turn's time is up.
func (w *held) announce() {
	if w.Round == nil {
		return
	}
	t, u := w.Round.Timer, w.u
	if t.Done() || !t.Running() {
		return
	}
	now := u.now()
	left := t.Remaining(now)
	key := fmt.Sprintf("%d/", t.Current)
	if left <= 0 {
		if !w.heard[key+"up"] {
			w.heard[key+"up"] = true
			u.sayf("plain.timeUp", w.phaseName())
		}
	} else {
		for i, p := range announceAt {
			if left > p || t.Allotted(t.Current) <= p || w.heard[key+p.String()] {
				continue
			}
			for _, q := range announceAt[i:] {
				w.heard[key+q.String()] = true
			}
			u.sayf("plain.timeLeftNow", w.phaseName(), model.FormatMinutes(left, u.lang))
			break
		}
	}
	if turn, ok := t.Turn(); ok && t.TurnRemaining(now) <= 0 {
		k := fmt.Sprintf("%sturn%d", key, turn.N)
		if !w.heard[k] {
			w.heard[k] = true
			u.sayf("plain.turnUp", safeLine(turn.Speaker))
		}
	}
}

// heardAgain lets the clock speak again at the set points of the current
// phase, whose time was changed.
func (w *held) heardAgain() {
	if w.Round == nil {
		return
	}
	prefix := fmt.Sprintf("%d/", w.Round.Timer.Current)
	for k := range w.heard {
		if strings.HasPrefix(k, prefix) {
			delete(w.heard, k)
		}
	}
}
