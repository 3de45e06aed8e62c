package plain

import (
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"bansou/model"
	"bansou/work"
)

// A rating asked of the person on a server, filled in as plain text: the
// guidance first (the words of the full interface's form and of the
// offline sheet, model.RaterGuidance), who the rater is to the companion,
// then each skill (a level, then a sentence of evidence), then what worked
// and one improvement with its alternative and reason, then a summary and
// a yes or no. Every answer is kept at once as the request's draft — the
// same draft the full interface keeps — so that leaving, the input ending
// or the connection dropping loses nothing, and opening it again goes on
// after the last part answered.

// rating is one rating being filled in.
type rating struct {
	u      *ui
	req    model.RatingRequest
	d      model.PeerRating
	skills []model.Skill
	// at is the part being asked: 0 the relation, 1 to len(skills) a
	// skill, then the four closing texts, and last the summary.
	at int
	// failed: the last write of the draft failed (said once); every
	// answer writes the whole draft again.
	failed bool
	// gone: the rating was sent (here or from another connection).
	gone bool
	// again: the part is asked again after a command that said something
	// else (/list, /help): its question, without what was said before it.
	again bool
}

// rateMove is what comes after a part.
type rateMove int

const (
	rateStay  rateMove = iota // ask the part at r.at (it may have moved)
	rateLater                 // leave, what was typed kept
	rateSent                  // sent, or no longer the rater's
)

// closing are the four texts after the skills, in their order.
func (r *rating) closing() []*string {
	return []*string{&r.d.Worked, &r.d.Improvement, &r.d.Alternative, &r.d.Reason}
}

func (r *rating) closingPrompts() []string {
	p := model.RaterPrompts(r.u.lang)
	return []string{p.Worked, p.Improvement, p.Alternative, p.Reason}
}

// parts is how many parts there are, the summary included.
func (r *rating) parts() int { return 1 + len(r.skills) + len(r.closing()) + 1 }

func (r *rating) summary() int { return r.parts() - 1 }

// rate fills in the rating of request uid, asked of the person.
func (u *ui) rate(uid string) error {
	ctx, cancel := u.storeCtx()
	req, err := work.RatingRequest(ctx, u.store, uid)
	cancel()
	switch {
	case errors.Is(err, model.ErrRatingSent):
		u.say(u.t("rate.sentAlready"))
		return nil
	case errors.Is(err, model.ErrNotFound), errors.Is(err, model.ErrNotAllowed):
		u.say(u.t("rate.noRequest"))
		return nil
	case err != nil:
		return storeError{err}
	}
	r := &rating{u: u, req: req, d: model.RatingDraft(req, u.lang)}
	if u.lib.Skills != nil {
		r.skills = u.lib.Skills.Skills
	}
	r.intro()
	for {
		m, err := r.ask()
		switch {
		case err != nil:
			r.leave()
			u.kept = append(u.kept, r.keptWords())
			return err
		case m == rateLater:
			r.leave()
			u.say(r.keptWords())
			return nil
		case m == rateSent:
			return nil
		}
	}
}

// intro says whose rating it is, the guidance, how to answer, and, with a
// draft, where it goes on.
func (r *rating) intro() {
	u := r.u
	name := safeLine(r.req.CompanionName)
	u.say("", u.tf("rate.title", name))
	for _, p := range model.RaterGuidance(u.lang, model.SingleLine(r.req.CompanionName)) {
		u.say(p)
	}
	u.say(u.t("rate.how"))
	r.at = r.resume()
	if r.at > 0 {
		u.sayf("rate.resumed", r.req.DraftAt.In(u.loc).Format("2006-01-02 15:04"), r.title(r.at))
	}
}

// resume is the part after the last one answered.
func (r *rating) resume() int {
	last := -1
	if r.d.Relation != "" {
		last = 0
	}
	for k, sk := range r.skills {
		if _, ok := r.d.Skill(sk.ID); ok {
			last = 1 + k
		}
	}
	for i, s := range r.closing() {
		if strings.TrimSpace(*s) != "" {
			last = 1 + len(r.skills) + i
		}
	}
	return last + 1
}

// title names a part, for the list and for /jump.
func (r *rating) title(i int) string {
	n := len(r.skills)
	switch {
	case i == 0:
		return r.u.t("rate.partRelation")
	case i <= n:
		return r.skills[i-1].Name.In(r.u.lang)
	case i < r.summary():
		return r.closingPrompts()[i-1-n]
	}
	return r.u.t("rate.partSend")
}

// answered reports whether a part holds something.
func (r *rating) answered(i int) bool {
	n := len(r.skills)
	switch {
	case i == 0:
		return r.d.Relation != ""
	case i <= n:
		_, ok := r.d.Skill(r.skills[i-1].ID)
		return ok
	case i < r.summary():
		return strings.TrimSpace(*r.closing()[i-1-n]) != ""
	}
	return false
}

// ask asks the part at r.at.
func (r *rating) ask() (rateMove, error) {
	n := len(r.skills)
	switch {
	case r.at == 0:
		return r.relation()
	case r.at <= n:
		return r.skill(r.skills[r.at-1])
	case r.at < r.summary():
		i := r.at - 1 - n
		return r.text(r.closingPrompts()[i], r.closing()[i])
	}
	return r.confirm()
}

// keep writes the draft as it stands; a failure is said once and typing
// goes on (the next answer writes it all again).
func (r *rating) keep() {
	u := r.u
	ctx, cancel := u.storeCtx()
	err := work.KeepRatingDraft(ctx, u.store, r.d)
	cancel()
	switch {
	case errors.Is(err, model.ErrRatingSent):
		r.gone = true
		u.say(u.t("rate.sentAlready"))
	case err != nil && !r.failed:
		u.sayf("plain.draftFailed", u.describe(err))
	}
	r.failed = err != nil && !r.gone
}

// saved says what was just kept, or that it is not kept yet.
func (r *rating) saved(what string) rateMove {
	switch {
	case r.gone:
		return rateSent
	case r.failed:
		r.u.sayf("plain.notYetSaved", what)
	default:
		r.u.sayf("plain.savedWhat", what)
	}
	return rateStay
}

// leave writes the draft once more if the last write failed; if it still
// cannot be written, what was typed is said so that it can be copied.
func (r *rating) leave() {
	if !r.failed {
		return
	}
	r.keep()
	if !r.failed {
		return
	}
	u := r.u
	u.say(u.t("plain.unsavedBelow"))
	r.says(true)
}

func (r *rating) keptWords() string {
	return r.u.tf("rate.kept", safeLine(r.req.CompanionName))
}

// relation asks who the rater is to the companion, by number or name.
func (r *rating) relation() (rateMove, error) {
	u := r.u
	items := make([]string, len(model.Relations))
	for i, rel := range model.Relations {
		items[i] = rel.Name(u.lang)
		if rel == r.d.Relation {
			items[i] += u.t("plain.chosen")
		}
	}
	i, cmd, err := u.choice(menu{question: u.tf("rate.relationAsk", safeLine(r.req.CompanionName)), items: items,
		enter: -1, enterSays: u.t("rate.enterKeeps"), commands: true})
	switch {
	case err != nil:
		return rateStay, err
	case cmd != "":
		return r.command(cmd)
	case i < 0:
		u.say(u.t("plain.unchangedMoving"))
	default:
		r.d.Relation = model.Relations[i]
		r.keep()
		if m := r.saved(u.tf("rate.relationIs", r.d.Relation.Name(u.lang))); m != rateStay {
			return m, nil
		}
	}
	r.at++
	return rateStay, nil
}

// skill asks a level for a skill, then the situation that shows it.
func (r *rating) skill(sk model.Skill) (rateMove, error) {
	u := r.u
	p := model.RaterPrompts(u.lang)
	u.say("", u.tf("rate.skillTitle", r.at, len(r.skills), sk.Name.In(u.lang), model.GroupName(sk.Group, u.lang)))
	if !r.again {
		if d := sk.Definition.In(u.lang); d != "" {
			u.say(d)
		}
		for lv := model.Levels; lv >= 1; lv-- {
			u.say(fmt.Sprintf("%d %s: %s", lv, model.LevelName(lv, u.lang), sk.Level(lv).In(u.lang)))
		}
	}
	r.again = false
	ps, _ := r.d.Skill(sk.ID)
	ps.SkillID = sk.ID
	if ps.Level > 0 {
		u.sayf("rate.currentLevel", ps.Level, model.LevelName(ps.Level, u.lang))
	}
	if ps.Evidence != "" {
		u.say(u.t("rate.currentEvidence"))
		u.indent(ps.Evidence)
	}
	for asked := false; ; asked = true {
		q := u.tf("rate.levelAsk", p.Level)
		if asked {
			q = p.Level
		}
		line, cmd, err := u.line(q, nil)
		if err != nil {
			return rateStay, err
		}
		if cmd == "/clear" {
			line = "0"
		} else if cmd != "" {
			return r.command(cmd)
		}
		if normal(line) == "" {
			break
		}
		v, ok := upTo(line, model.Levels)
		if !ok {
			if err := u.refuse(u.t("rate.badLevel")); err != nil {
				return rateStay, err
			}
			continue
		}
		ps.Level = v
		r.d.PutSkill(ps)
		r.keep()
		what := u.t("rate.levelCleared")
		if v > 0 {
			what = u.tf("rate.levelIs", v, model.LevelName(v, u.lang))
		}
		if m := r.saved(what); m != rateStay {
			return m, nil
		}
		break
	}
	for {
		line, cmd, err := u.line(u.tf("rate.evidenceAsk", p.Evidence), nil)
		if err != nil {
			return rateStay, err
		}
		if cmd == "/clear" {
			ps.Evidence = ""
			r.d.PutSkill(ps)
			r.keep()
			if m := r.saved(u.t("rate.evidenceCleared")); m != rateStay {
				return m, nil
			}
			break
		} else if cmd != "" {
			return r.command(cmd)
		}
		line = strings.TrimSpace(model.SingleLine(line))
		if line == "" {
			break
		}
		if k := utf8.RuneCountInString(line); k > model.MaxPeerEvidence {
			if err := u.refusef("rate.tooLong", u.t("rate.theEvidence"), model.MaxPeerEvidence, k); err != nil {
				return rateStay, err
			}
			continue
		}
		ps.Evidence = line
		r.d.PutSkill(ps)
		r.keep()
		if m := r.saved(u.t("rate.theEvidence")); m != rateStay {
			return m, nil
		}
		break
	}
	r.at++
	return rateStay, nil
}

// text asks one of the closing texts, kept line by line as it is typed; a
// text longer than a rating keeps is refused, and what was there before
// stays.
func (r *rating) text(prompt string, field *string) (rateMove, error) {
	u := r.u
	u.say("", prompt)
	if strings.TrimSpace(*field) != "" {
		u.say(u.t("rate.currentText"))
		u.indent(*field)
	}
	before := *field
	text, cmd, err := u.readText(u.t("rate.textAsk"), func(s string) error {
		if utf8.RuneCountInString(s) <= model.MaxPeerText {
			*field = s
			r.keep()
		}
		return nil
	})
	switch {
	case err != nil:
		return rateStay, err
	case cmd == "/clear":
		*field = ""
		r.keep()
		return r.saved(u.t("rate.textCleared")), nil
	case cmd != "":
		return r.command(cmd)
	case text == "":
		u.say(u.t("plain.unchangedMoving"))
	case utf8.RuneCountInString(strings.TrimSpace(text)) > model.MaxPeerText:
		if *field != before {
			*field = before
			r.keep()
		}
		return rateStay, u.refusef("rate.tooLong", u.t("rate.theText"), model.MaxPeerText, utf8.RuneCountInString(strings.TrimSpace(text)))
	default:
		if m := r.saved(u.tf("plain.lines", u.t("rate.theText"), strings.Count(text, "\n")+1)); m != rateStay {
			return m, nil
		}
	}
	r.at++
	return rateStay, nil
}

// says reads the rating as it stands: who the rater is, each skill given
// a level or evidence, and the closing texts (all of them, with all).
func (r *rating) says(all bool) {
	u := r.u
	if r.d.Relation != "" {
		u.sayf("rate.relationIs", r.d.Relation.Name(u.lang))
	}
	for _, sk := range r.skills {
		ps, ok := r.d.Skill(sk.ID)
		if !ok {
			continue
		}
		level := u.t("rate.noLevel")
		if ps.Level > 0 {
			level = fmt.Sprintf("%d %s", ps.Level, model.LevelName(ps.Level, u.lang))
		}
		u.sayf("rate.skillLine", sk.Name.In(u.lang), level)
		if ps.Evidence != "" {
			u.indent(ps.Evidence)
		}
	}
	for i, s := range r.closing() {
		if strings.TrimSpace(*s) != "" || all {
			u.say(r.closingPrompts()[i])
			u.indent(*s)
		}
	}
}

// confirm reads the rating back and asks whether to send it, saying whose
// it becomes. What keeps it from being sent is said, and the part that
// needs it is asked.
func (r *rating) confirm() (rateMove, error) {
	u := r.u
	ready, err := r.d.Ready(u.lib.Skills, u.now())
	switch {
	case errors.Is(err, model.ErrRatingEmpty):
		u.say(u.t("rate.empty"))
		r.at = 0
		return rateStay, nil
	case errors.Is(err, model.ErrRatingNoRelation):
		u.say(u.t("rate.needRelation"))
		r.at = 0
		return rateStay, nil
	case err != nil:
		u.sayf("rate.invalid", model.TermSafeLine(err.Error()))
		r.at--
		return rateStay, nil
	}
	name := safeLine(r.req.CompanionName)
	u.say("", u.tf("rate.summaryTitle", name))
	u.sayf("rate.count", len(ready.Skills), len(r.skills))
	r.says(false)
	u.say(model.RatingWhose(u.lang, name))
	for {
		line, cmd, err := u.line(u.t("rate.sendAsk"), nil)
		if err != nil {
			return rateStay, err
		}
		if cmd != "" {
			return r.command(cmd)
		}
		switch strings.ToLower(normal(line)) {
		case "y", "yes", "はい", "h":
			return r.send()
		case "n", "no", "いいえ", "i":
			return rateLater, nil
		}
		if err := u.refuse(u.t("plain.yesNo")); err != nil {
			return rateStay, err
		}
	}
}

// send sends the rating; a failure is said and the summary asked again,
// what was typed still kept.
func (r *rating) send() (rateMove, error) {
	u := r.u
	ctx, cancel := u.storeCtx()
	err := work.SendRating(ctx, u.store, u.lib, r.d, u.now())
	cancel()
	switch {
	case errors.Is(err, model.ErrRatingSent):
		u.say(u.t("rate.sentAlready"))
		return rateSent, nil
	case err != nil:
		u.sayf("rate.sendFailed", u.describe(err))
		return rateStay, nil
	}
	u.sayf("rate.sent", safeLine(r.req.CompanionName))
	return rateSent, nil
}

// command carries out a command typed in place of an answer.
func (r *rating) command(cmd string) (rateMove, error) {
	u := r.u
	name, arg, _ := strings.Cut(strings.TrimPrefix(cmd, "/"), " ")
	arg = strings.TrimSpace(arg)
	switch strings.ToLower(name) {
	case "back", "b":
		if r.at == 0 {
			u.say(u.t("rate.atFirst"))
		} else {
			r.at--
		}
		return rateStay, nil
	case "skip", "s", "next", "n":
		r.at = min(r.at+1, r.summary())
		return rateStay, nil
	case "later", "quit", "q":
		return rateLater, nil
	case "list", "l":
		for i := range r.parts() {
			state := u.t("plain.stateOpen")
			if r.answered(i) {
				state = u.t("plain.stateAnswered")
			}
			here := ""
			if i == r.at {
				here = u.t("plain.here")
			}
			u.sayf("plain.listItem", i+1, safeLine(r.title(i)), state, here)
		}
		r.again = true
		return rateStay, nil
	case "jump", "j", "go":
		if k, ok := r.partNamed(arg); ok {
			r.at = k
			return rateStay, nil
		}
		return rateStay, u.refusef("plain.jumpHow", r.parts())
	case "help", "h", "?":
		u.say(u.t("rate.help"))
		r.again = true
		return rateStay, nil
	}
	return rateStay, u.refusef("plain.unknownCommand", safe(cmd))
}

// partNamed finds a part by its number or its title (as a menu does).
func (r *rating) partNamed(arg string) (int, bool) {
	if n, ok := number(arg, r.parts()); ok {
		return n - 1, true
	}
	m := menu{items: make([]string, r.parts())}
	for i := range m.items {
		m.items[i] = r.title(i)
	}
	k, _ := m.byName(arg)
	return k, k >= 0
}
