package serve

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"strconv"
	"strings"

	"bansou/model"
	"bansou/model/report"
)

// overview prints what the programme office reads of the engagements the
// person's store lets them see: counts and dates, never a word written in
// a conversation (the office's store reads none).
func (c *conn) overview() int {
	store, ok := c.openStore()
	if !ok {
		return 1
	}
	defer store.Close()
	ctx := c.sess.Context()
	states, err := store.States(ctx)
	if err == nil {
		for i := range states {
			// The due list reads only the latest sessions; the overview
			// counts them all and sees a busy week.
			if states[i].Sessions, err = store.Sessions(ctx, states[i].Engagement.ID); err != nil {
				break
			}
		}
	}
	if err != nil {
		c.s.log.Printf("the overview of %s: %v", model.TermSafeLine(c.account.Name), err)
		c.complain(msgServerError)
		return 1
	}
	today := model.DateOf(c.s.cfg.Now().In(c.s.cfg.Location))
	c.say(model.TermSafe(report.Overview(states, today, c.s.cfg.Location, c.lang())))
	return 0
}

// members lists the engagements the person may see with their members, or
// adds or removes a member. Who may change an engagement's members is the
// store's to say: a member of it adds, and leaves; the office does both.
func (c *conn) members(args []string) int {
	w := c.words()
	store, ok := c.openAccounts()
	if !ok {
		return 1
	}
	defer store.Close()
	switch {
	case len(args) == 0:
		return c.listMembers(store, c.acc)
	case args[0] == "add" || args[0] == "remove":
		return c.changeMember(store, c.acc, args[0] == "add", args[1:])
	}
	c.complain(w.membersUsage)
	return 1
}

func (c *conn) listMembers(store model.Store, acc model.Accounts) int {
	w := c.words()
	ctx := c.sess.Context()
	engs, err := store.Engagements(ctx, false)
	if err != nil {
		c.s.log.Printf("listing engagements: %v", err)
		c.complain(msgServerError)
		return 1
	}
	if len(engs) == 0 {
		c.say(w.noEngagements)
		return 0
	}
	var b strings.Builder
	for _, e := range engs {
		fmt.Fprintf(&b, "#%d %s（%s → %s）\n", e.ID, e.Learner.Name, e.SendingOrg, e.HostOrg)
		ms, err := acc.Members(ctx, e.ID)
		if err != nil {
			c.s.log.Printf("listing members: %v", err)
			c.complain(msgServerError)
			return 1
		}
		var names []string
		for _, m := range ms {
			names = append(names, fmt.Sprintf(w.memberFmt, m.Name, model.CompanionTypeLabel(m.Type, c.lang())))
		}
		if len(names) == 0 {
			names = []string{w.noMembers}
		}
		fmt.Fprintf(&b, "  %s\n", strings.Join(names, w.comma))
	}
	c.say(model.TermSafe(b.String()))
	return 0
}

// changeMember runs `members add|remove ENGAGEMENT PERSON [--type T]`.
// ENGAGEMENT is the number members lists (#12) or the learner's name.
func (c *conn) changeMember(store model.Store, acc model.Accounts, add bool, args []string) int {
	w := c.words()
	ctx := c.sess.Context()
	fs := flag.NewFlagSet("members", flag.ContinueOnError)
	typ := fs.String("type", "", "companion type in this engagement")
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			c.complain(model.TermSafe(err.Error()) + "\n" + w.membersUsage)
			return 1
		}
		if fs.NArg() == 0 {
			break
		}
		pos = append(pos, fs.Arg(0))
		args = fs.Args()[1:]
	}
	if len(pos) != 2 {
		c.complain(w.membersUsage)
		return 1
	}
	eng, ok := c.findEngagement(ctx, store, pos[0])
	if !ok {
		return 1
	}
	person, ok := c.findPerson(ctx, pos[1])
	if !ok {
		return 1
	}
	t := person.Type
	if *typ != "" {
		t = model.CompanionType(*typ)
	}
	if !t.Valid() {
		c.complain(fmt.Sprintf(w.badType, model.TermSafeLine(*typ)))
		return 1
	}
	var err error
	if add {
		err = acc.AddMember(ctx, eng, person.ID, t)
	} else {
		err = acc.RemoveMember(ctx, eng, person.ID)
	}
	switch {
	case errors.Is(err, model.ErrNotAllowed), errors.Is(err, model.ErrNotFound):
		c.complain(w.notYourEngagement)
		return 1
	case err != nil:
		c.s.log.Printf("changing members: %v", err)
		c.complain(msgServerError)
		return 1
	}
	if add {
		c.say(fmt.Sprintf(w.memberAdded, model.TermSafeLine(person.Name), model.CompanionTypeLabel(t, c.lang())))
	} else {
		c.say(fmt.Sprintf(w.memberRemoved, model.TermSafeLine(person.Name)))
	}
	c.s.log.Printf("%s changed the members of engagement %d", model.TermSafeLine(c.account.Name), eng)
	return 0
}

// findEngagement reads "#12", "12" or a learner's name among the
// engagements the person may see; an admin who is no member may give the
// number only.
func (c *conn) findEngagement(ctx context.Context, store model.Store, s string) (int64, bool) {
	if id, err := strconv.ParseInt(strings.TrimPrefix(s, "#"), 10, 64); err == nil && id > 0 {
		return id, true
	}
	engs, err := store.Engagements(ctx, true)
	if err != nil {
		c.complain(msgServerError)
		return 0, false
	}
	var found []int64
	for _, e := range engs {
		if e.Learner.Name == strings.TrimSpace(s) {
			found = append(found, e.ID)
		}
	}
	switch len(found) {
	case 1:
		return found[0], true
	case 0:
		c.complain(fmt.Sprintf(c.words().noSuchEngagement, model.TermSafeLine(s)))
	default:
		c.complain(fmt.Sprintf(c.words().twoEngagements, model.TermSafeLine(s)))
	}
	return 0, false
}

func (c *conn) findPerson(ctx context.Context, name string) (model.Account, bool) {
	list, err := c.s.backend.AccountList(ctx)
	if err != nil {
		c.complain(msgServerError)
		return model.Account{}, false
	}
	for _, a := range list {
		if a.Name == strings.TrimSpace(name) {
			return a, true
		}
	}
	c.complain(fmt.Sprintf(c.words().noSuchPerson, model.TermSafeLine(name)))
	return model.Account{}, false
}
