package plain

import (
	"strings"

	"bansou/model"
)

// search asks for words and reads what contains them all — answers,
// notes, worries, actions, agreement topics and the notes on how a worry
// or an action went — newest first, each with where it is; a hit chosen
// is read as its session's document or opened at its prompt. An empty
// line goes back.
func (u *ui) search() error {
	for {
		line, err := u.ask(u.t("look.searchAsk"))
		if err != nil || strings.TrimSpace(line) == "" {
			return err
		}
		ctx, cancel := u.storeCtx()
		hits, err := u.store.Search(ctx, line)
		cancel()
		if err != nil {
			return storeError{err}
		}
		switch n := len(hits); {
		case n == 0:
			u.say(u.t("look.found0"))
			continue
		case n >= model.SearchLimit:
			u.sayf("look.foundMany", n)
		default:
			u.sayf("look.found", n)
		}
		items := make([]string, len(hits))
		for i, h := range hits {
			items[i] = u.hitLine(h)
		}
		if err := u.browse(items, func(i int) error { return u.openHit(hits[i]) }); err != nil {
			return err
		}
	}
}

// hitLine says where a hit is — the learner, the session and its day, the
// prompt, the kind of text (private ones said so) — then the words around
// the match.
func (u *ui) hitLine(h model.SearchHit) string {
	var where []string
	if h.Learner != "" {
		where = append(where, safeLine(h.Learner))
	}
	if h.SessionID != 0 {
		where = append(where, u.tf("look.sessionName", safeLine(h.SessionTitle), h.SessionDate.In(u.loc).Format("2006-01-02")))
	}
	if h.StepTitle != "" {
		where = append(where, u.tf("look.prompt", safeLine(h.StepTitle)))
	}
	kind := model.SourceLabel(h.Source, u.lang) + u.private(h.Private)
	text, _ := model.Snippet(h.Text, h.Matches, 40)
	return u.tf("look.hit", strings.Join(where, u.t("look.sep")), kind, safeLine(text))
}

// openHit reads the session a hit is in, or opens it at the hit's
// prompt; a hit that belongs to no session opens its engagement.
func (u *ui) openHit(h model.SearchHit) error {
	if h.SessionID == 0 {
		if h.EngagementID == 0 {
			return nil
		}
		return u.engagementMenu(h.EngagementID)
	}
	ctx, cancel := u.storeCtx()
	s, err := u.store.Session(ctx, h.SessionID)
	cancel()
	if err != nil {
		return storeError{err}
	}
	return u.sessionAt(model.SessionSummary{ID: s.ID, Status: s.Status, HeldBy: h.HeldBy, Holder: h.Holder}, h.StepKey)
}
