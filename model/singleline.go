package model

import (
	"fmt"
	"maps"
	"slices"
)

// foldSingleLines folds the line breaks and tabs in every single-line field
// of an export into spaces (SingleLine), as the engagement form and the
// accessible mode do with what is typed into them, and returns the path of
// each field it changed. The single-line fields are the names and titles
// shown on one row: the learner's name, the organisations, the companions'
// names, a session's flow title, a worry's category, an agreement topic's
// title, and in a peer round the participants' names and the names that
// point at them (facilitator, presenter, scribe, cast, carried actions).
// Nothing else changes: answers, notes and worries keep their lines.
func (doc *Export) foldSingleLines() []string {
	var folded []string
	fold := func(path string, s *string) {
		if line := SingleLine(*s); line != *s {
			*s = line
			folded = append(folded, TermSafeLine(path))
		}
	}
	session := func(sp string, s *Session) { fold(sp+".flow_title", &s.FlowTitle) }
	for i := range doc.Engagements {
		e := &doc.Engagements[i]
		ep := fmt.Sprintf("engagements[%d]", i)
		fold(ep+".learner.name", &e.Learner.Name)
		fold(ep+".sending_org", &e.SendingOrg)
		fold(ep+".host_org", &e.HostOrg)
		for j := range e.Companions {
			fold(fmt.Sprintf("%s.companions[%d].name", ep, j), &e.Companions[j].Name)
		}
		for j := range e.Sessions {
			session(fmt.Sprintf("%s.sessions[%d]", ep, j), &e.Sessions[j])
		}
		for j := range e.Ledger.Anxieties {
			fold(fmt.Sprintf("%s.ledger.anxieties[%d].category", ep, j), &e.Ledger.Anxieties[j].Category)
		}
		for j := range e.Ledger.Agreement {
			fold(fmt.Sprintf("%s.ledger.agreement[%d].title", ep, j), &e.Ledger.Agreement[j].Title)
		}
	}
	for j := range doc.SelfReviews {
		session(fmt.Sprintf("self_reviews[%d]", j), &doc.SelfReviews[j])
	}
	for j := range doc.PeerRatings {
		fold(fmt.Sprintf("peer_ratings[%d].for", j), &doc.PeerRatings[j].For)
		fold(fmt.Sprintf("peer_ratings[%d].rater", j), &doc.PeerRatings[j].Rater)
	}
	for j := range doc.Rounds {
		r := &doc.Rounds[j]
		session(fmt.Sprintf("rounds[%d].session", j), &r.Session)
		rp := fmt.Sprintf("rounds[%d].round", j)
		rd := &r.Round
		for k := range rd.Participants {
			fold(fmt.Sprintf("%s.participants[%d].name", rp, k), &rd.Participants[k].Name)
		}
		fold(rp+".facilitator", &rd.Facilitator)
		fold(rp+".presenter", &rd.Presenter)
		fold(rp+".scribe", &rd.Scribe)
		for k := range rd.Presenters {
			fold(fmt.Sprintf("%s.presenters[%d]", rp, k), &rd.Presenters[k])
		}
		fold(rp+".purpose", &rd.Purpose)
		for _, role := range slices.Sorted(maps.Keys(rd.Cast)) {
			name := rd.Cast[role]
			fold(fmt.Sprintf("%s.cast[%s]", rp, role), &name)
			rd.Cast[role] = name
		}
		for k := range rd.Timer.Phases {
			ph := &rd.Timer.Phases[k]
			fold(fmt.Sprintf("%s.timer.phases[%d].who", rp, k), &ph.Who)
			for n := range ph.Speakers {
				fold(fmt.Sprintf("%s.timer.phases[%d].speakers[%d]", rp, k, n), &ph.Speakers[n])
			}
		}
		for k := range rd.Carried {
			fold(fmt.Sprintf("%s.carried[%d].name", rp, k), &rd.Carried[k].Name)
		}
	}
	return folded
}
