package serve

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"bansou/model"
)

// people runs an admin's command: list the people, add one, or give one a
// new enrolment code. Output is plain text in the admin's language. It
// works through the admin's own store, whose rules say what an admin may
// do (a code only for a person with no key yet, so that no admin can sign
// in as someone).
func (c *conn) people(args []string) int {
	w := c.words()
	store, ok := c.openAccounts()
	if !ok {
		return 1
	}
	defer store.Close()
	switch {
	case len(args) == 0:
		return c.listPeople()
	case args[0] == "add":
		return c.addPerson(args[1:])
	case args[0] == "code":
		return c.newCode(args[1:])
	case args[0] == "set":
		return c.setPerson(args[1:])
	}
	c.complain(w.peopleUsage)
	return 1
}

func (c *conn) listPeople() int {
	w := c.words()
	list, err := c.acc.AccountList(c.sess.Context())
	if err != nil {
		c.s.log.Printf("listing people: %v", err)
		c.complain(msgServerError)
		return 1
	}
	if len(list) == 0 {
		c.say(w.noPeople)
		return 0
	}
	tw := tabwriter.NewWriter(c.sess, 0, 4, 2, ' ', 0)
	io.WriteString(tw, w.header)
	for _, a := range list {
		var flags []string
		if a.Admin {
			flags = append(flags, w.admin)
		}
		if a.Accessible {
			flags = append(flags, w.accessible)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", model.TermSafeLine(a.Name), model.CompanionTypeLabel(a.Type, c.lang()),
			w.roles[a.Role], strings.Join(flags, " "))
	}
	tw.Flush()
	return 0
}

// parseArgs parses flags given before or after the one name a command
// takes; ok is false (the usage said) when there is no name, more than one,
// or a flag is wrong.
func (c *conn) parseArgs(fs *flag.FlagSet, args []string, usage string) (name string, ok bool) {
	fs.SetOutput(io.Discard)
	var names []string
	for {
		if err := fs.Parse(args); err != nil {
			c.complain(model.TermSafe(err.Error()) + "\n" + usage)
			return "", false
		}
		if fs.NArg() == 0 {
			break
		}
		names = append(names, fs.Arg(0))
		args = fs.Args()[1:]
	}
	if len(names) != 1 || strings.TrimSpace(names[0]) == "" {
		c.complain(usage)
		return "", false
	}
	return strings.TrimSpace(names[0]), true
}

// ttlFlag is the --ttl of an enrolment code.
func (c *conn) ttlFlag(fs *flag.FlagSet) *string {
	return fs.String("ttl", c.s.cfg.CodeTTL.String(), "how long the code is valid")
}

func (c *conn) parseTTL(s string) (time.Duration, bool) {
	d, err := time.ParseDuration(s)
	if err != nil || d <= 0 {
		c.complain(fmt.Sprintf(c.words().badTTL, model.TermSafeLine(s)))
		return 0, false
	}
	return d, true
}

func (c *conn) addPerson(args []string) int {
	w := c.words()
	fs := flag.NewFlagSet("people add", flag.ContinueOnError)
	typ := fs.String("type", "", "companion type")
	role := fs.String("role", "", "role")
	admin := fs.Bool("admin", false, "may add people")
	accessible := fs.Bool("accessible", false, "plain-text mode")
	ttl := c.ttlFlag(fs)
	name, ok := c.parseArgs(fs, args, w.addUsage)
	if !ok {
		return 1
	}
	a := model.Account{Name: name, Type: model.CompanionType(*typ), Role: model.Role(*role),
		Admin: *admin, Accessible: *accessible, Lang: model.Ja}
	if !a.Type.Valid() {
		c.complain(fmt.Sprintf(w.badType, model.TermSafeLine(*typ)))
		return 1
	}
	if !a.Role.Valid() {
		c.complain(fmt.Sprintf(w.badRole, model.TermSafeLine(*role)))
		return 1
	}
	d, ok := c.parseTTL(*ttl)
	if !ok {
		return 1
	}
	a, err := c.acc.AddAccount(c.sess.Context(), a)
	if errors.Is(err, model.ErrNameTaken) {
		c.complain(fmt.Sprintf(w.nameTaken, model.TermSafeLine(name)))
		return 1
	}
	if err != nil {
		c.s.log.Printf("adding a person: %v", err)
		c.complain(msgServerError)
		return 1
	}
	c.say(fmt.Sprintf(w.added, model.TermSafeLine(a.Name)))
	return c.giveCode(a, d)
}

// ownCode gives a person a code for another key of their own (a laptop
// and a desktop, say), through their own store.
func (c *conn) ownCode(args []string) int {
	fs := flag.NewFlagSet("code", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	ttl := c.ttlFlag(fs)
	if err := fs.Parse(args); err != nil || fs.NArg() > 0 {
		c.complain(c.words().ownCodeUsage)
		return 1
	}
	d, ok := c.parseTTL(*ttl)
	if !ok {
		return 1
	}
	store, ok := c.openAccounts()
	if !ok {
		return 1
	}
	defer store.Close()
	return c.giveCode(*c.account, d)
}

// setPerson changes a person's type, role, flags or language: flags not
// given keep their value.
func (c *conn) setPerson(args []string) int {
	w := c.words()
	fs := flag.NewFlagSet("people set", flag.ContinueOnError)
	typ := fs.String("type", "", "companion type")
	role := fs.String("role", "", "role")
	admin := fs.String("admin", "", "true or false")
	accessible := fs.String("accessible", "", "true or false")
	lang := fs.String("lang", "", "ja or en")
	name, ok := c.parseArgs(fs, args, w.setUsage)
	if !ok {
		return 1
	}
	a, ok := c.findPerson(c.sess.Context(), name)
	if !ok {
		return 1
	}
	if *typ != "" {
		a.Type = model.CompanionType(*typ)
	}
	if *role != "" {
		a.Role = model.Role(*role)
	}
	if *lang != "" {
		a.Lang = model.Lang(*lang)
	}
	for _, f := range []struct {
		value string
		to    *bool
	}{{*admin, &a.Admin}, {*accessible, &a.Accessible}} {
		switch f.value {
		case "":
		case "true", "yes":
			*f.to = true
		case "false", "no":
			*f.to = false
		default:
			c.complain(w.setUsage)
			return 1
		}
	}
	if !a.Type.Valid() {
		c.complain(fmt.Sprintf(w.badType, model.TermSafeLine(*typ)))
		return 1
	}
	if !a.Role.Valid() {
		c.complain(fmt.Sprintf(w.badRole, model.TermSafeLine(*role)))
		return 1
	}
	if _, err := c.acc.UpdateAccount(c.sess.Context(), a); err != nil {
		words, ok := model.DescribeStoreError(c.lang(), err)
		if !ok {
			words = model.TermSafe(err.Error())
		}
		c.complain(words + "\n")
		return 1
	}
	c.say(fmt.Sprintf(w.personSet, model.TermSafeLine(a.Name), model.CompanionTypeLabel(a.Type, c.lang()), w.roles[a.Role]))
	c.s.log.Printf("%s changed %s", model.TermSafeLine(c.account.Name), model.TermSafeLine(a.Name))
	return 0
}

func (c *conn) newCode(args []string) int {
	w := c.words()
	fs := flag.NewFlagSet("people code", flag.ContinueOnError)
	ttl := c.ttlFlag(fs)
	name, ok := c.parseArgs(fs, args, w.codeUsage)
	if !ok {
		return 1
	}
	d, ok := c.parseTTL(*ttl)
	if !ok {
		return 1
	}
	list, err := c.acc.AccountList(c.sess.Context())
	if err != nil {
		c.s.log.Printf("listing people: %v", err)
		c.complain(msgServerError)
		return 1
	}
	for _, a := range list {
		if a.Name == name {
			return c.giveCode(a, d)
		}
	}
	c.complain(fmt.Sprintf(w.noSuchPerson, model.TermSafeLine(name)))
	return 1
}

// giveCode makes a one-time code for a person and prints it with its
// expiry and how to use it.
func (c *conn) giveCode(a model.Account, ttl time.Duration) int {
	w := c.words()
	code, err := c.acc.NewCode(c.sess.Context(), a.ID, ttl)
	if errors.Is(err, model.ErrHasKey) {
		words, _ := model.DescribeStoreError(c.lang(), err)
		c.complain(words + "\n")
		return 1
	}
	if err != nil {
		c.s.log.Printf("making a code: %v", err)
		c.complain(msgServerError)
		return 1
	}
	until := c.s.cfg.Now().Add(ttl).In(c.s.cfg.Location).Format("2006-01-02 15:04 MST")
	c.say(fmt.Sprintf(w.newCode, code, until))
	if a.ID == c.account.ID {
		c.say(fmt.Sprintf(w.ownHint, code))
	} else {
		c.say(fmt.Sprintf(w.enrolHint, code))
	}
	c.s.log.Printf("%s gave %s an enrolment code", model.TermSafeLine(c.account.Name), model.TermSafeLine(a.Name))
	return 0
}
