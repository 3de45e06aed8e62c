package serve

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"slices"
	"strconv"

	"bansou/model"
	"bansou/model/report"
)

// export writes a document to share, as Markdown on standard output, read
// through the person's own store: `export --round latest|ID` a peer round
// they facilitated with what everyone wrote in its room (names left off
// where they were, nobody's private words), `export --agreement
// ENGAGEMENT` the three-party agreement of an engagement they are a member
// of, with who confirmed which words and when. Their own private notes go
// in only with --include-private.
func (c *conn) export(args []string) int {
	w := c.words()
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	round := fs.String("round", "", "")
	agreement := fs.String("agreement", "", "")
	private := fs.Bool("include-private", false, "")
	if err := fs.Parse(args); err != nil || fs.NArg() > 0 || (*round == "") == (*agreement == "") {
		c.complain(w.exportUsage)
		return 1
	}
	store, ok := c.openStore()
	if !ok {
		return 1
	}
	defer store.Close()
	ctx := c.sess.Context()
	opt := report.Options{Lang: c.lang(), IncludePrivate: *private, Location: c.s.cfg.Location}
	if *agreement != "" {
		id, ok := c.findEngagement(ctx, store, *agreement)
		if !ok {
			return 1
		}
		e, err := store.Engagement(ctx, id)
		if err != nil {
			return c.exportFailed(err)
		}
		l, err := store.Ledger(ctx, id)
		if err != nil {
			return c.exportFailed(err)
		}
		c.say(report.AgreementMarkdown(e, l, opt))
		return 0
	}
	rounds, err := store.Rounds(ctx)
	if err != nil {
		return c.exportFailed(err)
	}
	slices.SortStableFunc(rounds, model.CompareRounds)
	at := len(rounds) - 1
	if *round != "latest" {
		id, err := strconv.ParseInt(*round, 10, 64)
		at = slices.IndexFunc(rounds, func(r model.RoundEntry) bool { return err == nil && r.Session.ID == id })
	}
	if at < 0 {
		c.complain(fmt.Sprintf(w.noSuchRound, model.TermSafeLine(*round)))
		return 1
	}
	r := rounds[at]
	opt.Lang = r.Session.Lang // the round's own language
	if rooms, ok := store.(model.Rooms); ok {
		if room, err := rooms.Room(ctx, r.Session.ID); err == nil {
			opt.Contribs = room.Contribs
		}
	}
	c.say(report.RoundMarkdown(r.Session, r.Round, c.s.lib.Rounds, opt))
	return 0
}

func (c *conn) exportFailed(err error) int {
	if errors.Is(err, model.ErrNotFound) || errors.Is(err, model.ErrNotAllowed) {
		c.complain(c.describe(err) + "\n")
		return 1
	}
	c.s.log.Printf("an export for %s: %v", model.TermSafeLine(c.account.Name), err)
	c.complain(msgServerError)
	return 1
}
