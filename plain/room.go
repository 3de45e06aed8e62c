package plain

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"bansou/model"
)

// A room in the accessible mode (see model.Rooms): a person who uses it
// joins a round or an agreement like anyone, and takes part line by line.
// In a round, a line is sent as a contribution of the kind chosen; an empty
// line reads what is new (others' words, the phase and the clock). In an
// agreement, a line is the party's expectation for the topic; commands
// give the fit, move between topics, read the others' views once revealed
// and confirm the agreed text.

// roomRun is one room being taken part in.
type roomRun struct {
	u     *ui
	rooms model.Rooms
	id    int64
	room  model.Room
	seen  map[int64]bool // contributions already read out
	phase string         // the phase last read out
	kind  int            // among model.ContribKinds
	anon  bool
	priv  bool
	topic int
	// readOut are the agreed texts as last read out, by topic: a party
	// confirms the words it heard.
	readOut map[string]string
}

// runRoom takes part in a room until /quit or the end of the input.
func (u *ui) runRoom(id int64) error {
	rooms, ok := u.store.(model.Rooms)
	if !ok {
		return storeError{model.ErrNotAllowed}
	}
	rr := &roomRun{u: u, rooms: rooms, id: id, seen: map[int64]bool{}, readOut: map[string]string{}}
	if err := rr.read(); err != nil {
		return err
	}
	r := rr.room
	u.sayf("room.joined", safeLine(r.Title), safeLine(r.Me.Name))
	if r.Kind == model.RoomAgreement {
		return rr.agreement()
	}
	return rr.round()
}

func (rr *roomRun) read() error {
	ctx, cancel := rr.u.storeCtx()
	defer cancel()
	r, err := rr.rooms.Room(ctx, rr.id)
	if err != nil {
		return storeError{err}
	}
	rr.room = r
	if rr.anon && !r.Anonymous {
		rr.anon = false
		rr.u.say(rr.u.t("room.anonStopped"))
	}
	return nil
}

// round reads the round out and sends what is typed, until /quit.
func (rr *roomRun) round() error {
	u := rr.u
	u.say(u.t("room.roundHelp"))
	rr.clock()
	rr.news(true)
	for {
		line, err := u.readLine(rr.prompt())
		if err != nil {
			return err
		}
		cmd := commandLine(line)
		switch {
		case strings.TrimSpace(line) == "":
			if err := rr.read(); err != nil {
				u.say(u.describe(err))
				continue
			}
			if !rr.news(false) {
				u.say(u.t("room.nothingNew"))
			}
		case cmd == "/quit" || cmd == "/q":
			u.say(u.t("room.left"))
			return nil
		case cmd == "/help":
			u.say(u.t("room.roundHelp"))
		case cmd == "/time":
			if rr.read() == nil {
				rr.clock()
			}
		case cmd == "/list":
			if rr.read() == nil {
				rr.news(true)
			}
		case cmd == "/anon":
			if !rr.room.Anonymous || !model.ContribKinds[rr.kind].MayBeAnonymous() {
				u.say(u.t("room.noAnonymous"))
				continue
			}
			rr.anon = !rr.anon
			u.say(u.t(map[bool]string{true: "room.anonOn", false: "room.anonOff"}[rr.anon]))
		case cmd == "/private":
			if model.ContribKinds[rr.kind].MayBeAnonymous() {
				u.say(u.t("room.sharedKind"))
				continue
			}
			rr.priv = !rr.priv
			u.say(u.t(map[bool]string{true: "room.privateOn", false: "room.privateOff"}[rr.priv]))
		case strings.HasPrefix(cmd, "/") && rr.chooseKind(cmd):
		case strings.HasPrefix(cmd, "/") && !strings.HasPrefix(line, "//"):
			u.sayf("room.unknown", safeLine(line))
		default:
			rr.send(strings.TrimPrefix(line, "/"))
		}
	}
}

// prompt names the kind a line is sent as.
func (rr *roomRun) prompt() string {
	return rr.u.kindName(model.ContribKinds[rr.kind]) + "> "
}

// chooseKind takes /1 to /5: the kind of the next contributions.
func (rr *roomRun) chooseKind(cmd string) bool {
	n, err := strconv.Atoi(strings.TrimPrefix(model.HalfWidth(cmd), "/"))
	if err != nil || n < 1 || n > len(model.ContribKinds) {
		return false
	}
	rr.kind = n - 1
	rr.anon, rr.priv = false, false
	rr.u.sayf("room.kindNow", rr.u.kindName(model.ContribKinds[rr.kind]))
	return true
}

// send saves a line as a contribution and says so; a failure says why,
// and the line is read back so that it can be typed again.
func (rr *roomRun) send(text string) {
	u := rr.u
	ctx, cancel := u.storeCtx()
	defer cancel()
	c := model.Contribution{Kind: model.ContribKinds[rr.kind], Text: text, Anonymous: rr.anon, Private: rr.priv}
	if _, err := rr.rooms.Contribute(ctx, rr.id, c); err != nil {
		u.say(u.describe(err))
		u.sayf("room.notSent", safe(text))
		if errors.Is(err, model.ErrNoAnonymity) {
			rr.anon = false
		}
		return
	}
	u.sayf("room.sent", u.kindName(c.Kind))
	rr.anon, rr.priv = false, false // each one is chosen anew, as on the screen
}

// clock reads out the phase, the time left (or past) and who presents.
func (rr *roomRun) clock() {
	u := rr.u
	rd := rr.room.Round
	if rd == nil || len(rd.Timer.Phases) == 0 {
		return
	}
	t := rd.Timer
	if t.Done() {
		u.say(u.t("room.allDone"))
		return
	}
	ph := t.Phases[t.Current]
	title := rd.PhaseTitle(u.lib.Rounds, u.lang)
	rem := t.Remaining(u.now())
	state := u.tf("room.left.time", model.FormatMinutes(rem, u.lang))
	if rem < 0 {
		state = u.tf("room.over", model.FormatMinutes(-rem, u.lang))
	}
	if !t.Running() {
		state += u.t("room.paused")
	}
	u.sayf("room.phase", t.Current+1, len(t.Phases), safeLine(title), state)
	if turn, ok := t.Turn(); ok {
		u.sayf("room.turn", safeLine(turn.Speaker), model.FormatMinutes(t.TurnRemaining(u.now()), u.lang))
	} else if p := rd.Presenting(); p != "" {
		u.sayf("room.presenting", safeLine(p))
	}
	rr.phase = ph.ID
}

// news reads out the contributions not read yet (all with all), and the
// phase if it changed; false if there was nothing.
func (rr *roomRun) news(all bool) bool {
	u := rr.u
	said := false
	if id := rr.room.PhaseID(); id != rr.phase {
		rr.clock()
		said = true
	}
	for _, c := range rr.room.Contribs {
		if rr.seen[c.ID] && !all || c.Mine && !all {
			continue
		}
		rr.seen[c.ID] = true
		who := safeLine(c.Author)
		if c.Guest {
			who = u.tf("room.guestName", who)
		}
		if c.Author == "" {
			who = u.t("room.noName")
		}
		line := u.tf("room.contrib", u.kindName(c.Kind), who, safe(strings.Join(strings.Fields(c.Text), " ")))
		if c.TakenUp {
			line += u.t("room.takenUp")
		}
		u.say(line)
		said = true
	}
	return said
}

// kindName names a kind of contribution.
func (u *ui) kindName(k model.ContribKind) string {
	switch k {
	case model.ContribQuestion:
		return u.t("room.kind.question")
	case model.ContribHypothesis:
		return u.t("room.kind.hypothesis")
	case model.ContribFeedback:
		return u.t("room.kind.feedback")
	case model.ContribLearning:
		return u.t("room.kind.learning")
	}
	return u.t("room.kind.action")
}

// agreement takes the party's views topic by topic, until /quit.
func (rr *roomRun) agreement() error {
	u := rr.u
	if rr.room.Me.Party == "" {
		return storeError{model.ErrNotAllowed}
	}
	u.sayf("room.asParty", model.PartyLabel(rr.room.Me.Party, u.lang))
	u.say(u.t("room.agreementHelp"))
	rr.topicOut()
	for {
		line, err := u.readLine("> ")
		if err != nil {
			return err
		}
		cmd := commandLine(line)
		topic := rr.topicID()
		switch {
		case strings.TrimSpace(line) == "":
			if rr.read() == nil {
				rr.topicOut()
			}
		case cmd == "/quit" || cmd == "/q":
			u.say(u.t("room.left"))
			return nil
		case cmd == "/help":
			u.say(u.t("room.agreementHelp"))
		case cmd == "/next" || cmd == "/prev":
			d := map[bool]int{true: 1, false: -1}[cmd == "/next"]
			rr.topic = max(min(rr.topic+d, len(rr.room.Topics)-1), 0)
			rr.topicOut()
		case strings.HasPrefix(cmd, "/fit"):
			n, err := strconv.Atoi(strings.TrimSpace(model.HalfWidth(strings.TrimPrefix(cmd, "/fit"))))
			if err != nil || n < 0 || n > 5 {
				u.say(u.t("room.fitHow"))
				continue
			}
			v := rr.own(topic)
			v.Fit = n
			rr.setView(topic, v)
		case strings.HasPrefix(cmd, "/words"):
			words := strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(line), "/words"))
			ctx, cancel := u.storeCtx()
			err := rr.rooms.SuggestWording(ctx, rr.id, topic, words)
			cancel()
			if err != nil {
				u.say(u.describe(err))
				continue
			}
			u.say(u.t("room.viewSaved"))
			rr.read()
		case cmd == "/confirm":
			heard, ok := rr.readOut[topic]
			if !ok {
				u.say(u.t("room.readFirst"))
				rr.topicOut()
				continue
			}
			ctx, cancel := u.storeCtx()
			err := rr.rooms.Confirm(ctx, rr.id, topic, heard) // the words read out
			cancel()
			if err != nil {
				u.say(u.describe(err))
				continue
			}
			u.say(u.t("room.confirmedIt"))
		case strings.HasPrefix(cmd, "/") && !strings.HasPrefix(line, "//"):
			u.sayf("room.unknown", safeLine(line))
		default:
			v := rr.own(topic)
			v.Expectation = strings.TrimPrefix(line, "/")
			rr.setView(topic, v)
		}
	}
}

func (rr *roomRun) topicID() string {
	if rr.topic < len(rr.room.Topics) {
		return rr.room.Topics[rr.topic]
	}
	return ""
}

// own is the party's view of a topic as written.
func (rr *roomRun) own(topic string) model.PartyView {
	if e, ok := rr.room.Entry(topic, rr.room.Me.Party); ok && e.Mine {
		return e.View
	}
	return model.PartyView{}
}

func (rr *roomRun) setView(topic string, v model.PartyView) {
	u := rr.u
	ctx, cancel := u.storeCtx()
	err := rr.rooms.SetPartyView(ctx, rr.id, topic, v)
	cancel()
	if err != nil {
		u.say(u.describe(err))
		return
	}
	u.say(u.t("room.viewSaved"))
	rr.read()
}

// topicOut reads out a topic: its title, the party's own view, the
// others' (whether they wrote, until the reveal), the agreed text and who
// confirmed it.
func (rr *roomRun) topicOut() {
	u := rr.u
	r := rr.room
	if len(r.Topics) == 0 {
		u.say(u.t("room.noTopics"))
		return
	}
	topic := rr.topicID()
	u.sayf("room.topic", rr.topic+1, len(r.Topics), safeLine(r.Titles[topic]))
	v := rr.own(topic)
	u.sayf("room.yours", fitWords(u, v.Fit), safe(v.Expectation))
	for _, p := range model.Parties {
		if p == r.Me.Party {
			continue
		}
		e, _ := r.Entry(topic, p)
		switch {
		case !e.Written:
			u.sayf("room.partyNotYet", model.PartyLabel(p, u.lang))
		case !r.Revealed:
			u.sayf("room.partyHidden", model.PartyLabel(p, u.lang))
		default:
			u.sayf("room.partyView", model.PartyLabel(p, u.lang), fitWords(u, e.View.Fit), safe(e.View.Expectation))
			if strings.TrimSpace(e.Wording) != "" {
				u.sayf("room.partyWords", model.PartyLabel(p, u.lang), safe(e.Wording))
			}
		}
	}
	if agreed := strings.TrimSpace(r.Agreed[topic]); agreed != "" {
		u.sayf("room.agreed", safe(agreed))
		rr.readOut[topic] = agreed
		var who []string
		for _, p := range model.Parties {
			if c, ok := r.Confirmed(topic, p); ok {
				who = append(who, model.PartyLabel(p, u.lang)+" "+safeLine(c.Name))
			}
		}
		if len(who) > 0 {
			u.sayf("room.confirmedBy", strings.Join(who, u.t("room.comma")))
		}
	} else {
		u.say(u.t("room.noAgreed"))
	}
}

// fitWords says a fit in words: 「4（5段階）」, or that it is not given.
func fitWords(u *ui, fit int) string {
	if fit == 0 {
		return u.t("room.fitNone")
	}
	return fmt.Sprintf(u.t("room.fitOf"), fit)
}
