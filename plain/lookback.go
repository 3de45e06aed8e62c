package plain

import (
	"errors"
	"fmt"
	"strings"

	"bansou/model"
	"bansou/model/report"
	"bansou/work"
)

// Looking back and keeping up: what the full interface's home, engagement,
// document, comparison, search, rounds and skill pages show, read as plain
// text one item at a time, and what they change (an engagement's details,
// archiving it, a finished session opened again). Everything is read
// through the shared use cases (package work) and worded by the model and
// the documents, so that it says what the screens say.

// lookBack is the menu of the records: the learners, what is due, search,
// the rounds and the skill history. An empty line goes back.
func (u *ui) lookBack() error {
	for {
		u.say("", u.t("look.title"))
		i, err := u.choose(u.t("plain.choose"), []string{u.t("look.learners"), u.t("look.dueMenu"), u.t("look.search"),
			u.t("look.rounds"), u.t("look.skills")})
		if err != nil || i < 0 {
			return err
		}
		switch i {
		case 0:
			err = u.learners()
		case 1:
			err = u.dueAndBalance()
		case 2:
			err = u.search()
		case 3:
			err = u.roundList()
		case 4:
			err = u.skillHistory()
		}
		if err = u.carryOn(err); err != nil {
			return err
		}
	}
}

// carryOn says a store's failure and goes on; any other error ends the run.
func (u *ui) carryOn(err error) error {
	var se storeError
	if errors.As(err, &se) {
		u.say(u.describe(se.err))
		return nil
	}
	return err
}

// browse reads a numbered list once, then the item whose number is typed,
// one at a time, until an empty line; /list reads the list again.
func (u *ui) browse(items []string, open func(int) error) error {
	list := func() {
		for i, it := range items {
			u.say(fmt.Sprintf("%d. %s", i+1, it))
		}
	}
	list()
	for {
		line, err := u.ask(u.tf("look.which", len(items)))
		if err != nil {
			return err
		}
		switch n := normal(line); {
		case n == "":
			return nil
		case n == "/list" || n == "/l":
			list()
			continue
		}
		n, ok := number(line, len(items))
		if !ok {
			u.sayf("plain.notOnList", len(items))
			continue
		}
		if err := u.carryOn(open(n - 1)); err != nil {
			return err
		}
	}
}

// learners lists every engagement, the archived ones too, and opens the
// one chosen.
func (u *ui) learners() error {
	ctx, cancel := u.storeCtx()
	engs, err := u.store.Engagements(ctx, true)
	cancel()
	if err != nil {
		return storeError{err}
	}
	if len(engs) == 0 {
		u.say(u.t("look.noLearners"))
		return nil
	}
	items := make([]string, len(engs))
	for i, e := range engs {
		items[i] = u.learnerLine(e)
	}
	return u.browse(items, func(i int) error { return u.engagementMenu(engs[i].ID) })
}

// learnerLine names an engagement in a list: the learner, the two
// organisations, the dates and the phase, said in words.
func (u *ui) learnerLine(e model.Engagement) string {
	line := u.tf("look.learnerLine", safeLine(e.Learner.Name), u.orNone(e.SendingOrg), u.orNone(e.HostOrg), e.Start, e.End,
		u.t("phase."+string(e.PhaseOn(u.today()))))
	if e.Archived {
		line += u.t("look.archivedTag")
	}
	return line
}

// orNone is a name on one line, or that none was given.
func (u *ui) orNone(s string) string {
	if strings.TrimSpace(s) == "" {
		return u.t("look.none")
	}
	return safeLine(s)
}

// readEngagement reads an engagement with what its screen shows.
func (u *ui) readEngagement(id int64) (work.Engagement, error) {
	ctx, cancel := u.storeCtx()
	defer cancel()
	r, err := work.ReadEngagement(ctx, u.store, id, u.me != 0)
	if err != nil {
		return r, storeError{err}
	}
	return r, nil
}

// engagementMenu is one engagement: its overview, its worries, actions,
// agreement and sessions one at a time, the comparison, and changing or
// archiving it. It is read again each time it is shown.
func (u *ui) engagementMenu(id int64) error {
	for {
		r, err := u.readEngagement(id)
		if err != nil {
			return err
		}
		l := r.Ledger
		u.say("", u.tf("look.engagementTitle", safeLine(r.Engagement.Learner.Name), u.t("phase."+string(r.Engagement.PhaseOn(u.today())))))
		archive := u.t("look.archive")
		if r.Engagement.Archived {
			archive = u.t("look.unarchive")
		}
		i, err := u.choose(u.t("plain.choose"), []string{
			u.t("look.overview"),
			u.tf("look.worries", len(l.OpenAnxieties()), len(l.Anxieties)),
			u.tf("look.actions", len(l.OpenActions()), len(l.Actions)),
			u.tf("look.agreement", len(l.Current())),
			u.tf("look.sessions", len(r.Sessions)),
			u.t("look.compare"),
			u.t("look.edit"),
			archive,
		})
		if err != nil || i < 0 {
			return err
		}
		switch i {
		case 0:
			u.overview(r)
		case 1:
			err = u.worryList(r)
		case 2:
			err = u.actionList(r)
		case 3:
			err = u.agreementList(r)
		case 4:
			err = u.sessionList(r)
		case 5:
			err = u.comparison(id)
		case 6:
			err = u.editEngagement(r.Engagement)
		case 7:
			err = u.archive(r.Engagement)
		}
		if err = u.carryOn(err); err != nil {
			return err
		}
	}
}

// sessionList lists an engagement's sessions as its timeline does, oldest
// first with the phase each fell in, and opens the one chosen.
func (u *ui) sessionList(r work.Engagement) error {
	if len(r.Sessions) == 0 {
		u.say(u.t("look.noSessions"))
		return nil
	}
	items := make([]string, len(r.Sessions))
	for i, s := range r.Sessions {
		items[i] = u.sessionLine(r.Engagement, s)
	}
	return u.browse(items, func(i int) error { return u.sessionMenu(r.Sessions[i]) })
}

// sessionLine is a session in a list: its day and phase, its title, whether
// it is finished and how many prompts were answered; on a server, whose it is.
func (u *ui) sessionLine(e model.Engagement, s model.SessionSummary) string {
	day := s.StartedAt.In(u.loc)
	status := u.t("look.done")
	if s.Status != model.Done {
		status = u.t("look.inProgress")
	}
	line := u.tf("look.sessionLine", day.Format("2006-01-02"), u.t("phase."+string(e.PhaseOn(model.DateOf(day)))),
		safeLine(s.FlowTitle), status, s.Answered, s.Total)
	if u.others(s) {
		line += u.tf("look.heldBy", safeLine(s.Holder))
	}
	return line
}

// others reports whether a session is another member's, on a server.
func (u *ui) others(s model.SessionSummary) bool { return s.HeldBy != 0 && s.HeldBy != u.me }

// sessionMenu reads a session as a document, or goes on with it: a
// finished one is opened again to add to it. Another member's session is
// theirs to go on with, everyone's to read.
func (u *ui) sessionMenu(s model.SessionSummary) error {
	return u.sessionAt(s, "")
}

// sessionAt is sessionMenu for a session to be continued at the step with
// key (a search hit's), or where it stands ("").
func (u *ui) sessionAt(s model.SessionSummary, key string) error {
	if u.others(s) {
		u.sayf("look.othersSession", safeLine(s.Holder))
		return u.document(s.ID)
	}
	items := []string{u.t("look.read")}
	switch {
	case s.Status == model.Done:
		items = append(items, u.t("look.reopen"))
	case key != "":
		items = append(items, u.t("look.openAt"))
	default:
		items = append(items, u.t("look.continue"))
	}
	i, err := u.choose(u.t("plain.choose"), items)
	if err != nil || i < 0 {
		return err
	}
	if i == 0 {
		return u.document(s.ID)
	}
	if s.Status == model.Done {
		u.say(u.t("look.reopening"))
	}
	if key != "" {
		if err := u.moveTo(s.ID, key); errors.Is(err, errNotTaken) {
			return nil // left to the other bansou, as runSession leaves it
		} else if err != nil {
			return err
		}
	}
	return u.runSession(s.ID)
}

// moveTo puts a session at the step with key, as the full interface
// opens a search hit at its prompt.
func (u *ui) moveTo(id int64, key string) error {
	w, err := u.load(id)
	if errors.Is(err, errNotTaken) {
		return err
	}
	if err != nil {
		return storeError{err}
	}
	if w.Sess.Index(key) >= 0 {
		w.apply(model.Jump{Key: key})
	}
	return w.close()
}

// document reads a session as the document the full interface shows,
// written to be read out: no tables, no marks, every party named.
func (u *ui) document(id int64) error {
	ctx, cancel := u.storeCtx()
	md, _, err := work.Document(ctx, u.store, u.lib, id, report.Options{Location: u.loc, Spoken: true})
	cancel()
	if err != nil {
		return storeError{err}
	}
	u.say("")
	u.say(strings.Split(strings.TrimRight(report.Spoken(md, u.lang), "\n"), "\n")...)
	u.say(u.t("look.documentEnd"))
	return nil
}
