package serve

import (
	"errors"
	"fmt"
	"net"
	"os"
	"strings"
	"unicode/utf8"

	"bansou/model"
)

// Joining a room (see model.Rooms). The facilitator of a round, or the
// companion of an agreement, shows a join code; a person types it at the
// prompt of `ssh -p PORT HOST` or runs `ssh -t -p PORT HOST join CODE`.
// An enrolled person joins as themself; anyone else joins as a guest of
// that one room, giving a name (and, for an agreement, their party): their
// key brings them back to it, and to nothing else.

// Messages about joining, in both languages where the server does not
// know whose key it is.
var (
	msgCodePromptAny = "参加コード・登録コード / code: "
	msgJoinWrong     = both(
		"参加コードが違うか、期限切れです。進行役（または伴走者）に画面のコードを確かめてください。",
		"The join code is unknown or expired. Check the code on the facilitator's (or companion's) screen.")
	msgGuestName  = "お名前（場のみんなに表示されます） / your name, as the room will see it: "
	msgGuestParty = both(
		"どの立場で参加しますか: 1 本人（学習者）  2 所属組織  3 越境先",
		"Which party are you: 1 the learner  2 the sending organisation  3 the host") + "> "
	msgGuestNameBad = both(
		"名前を1〜40文字で入れてください。",
		"Give a name of 1 to 40 characters.")
	msgPartyBad = both(
		"1、2、3 のどれかを入れてください。",
		"Type 1, 2 or 3.")
	msgNoRoom = both(
		"参加している場はありません。コードを付けて接続してください: ssh -t -p PORT HOST join コード",
		"You are in no room. Connect with its code: ssh -t -p PORT HOST join CODE")
	msgJoinNeedsTerminal = both(
		"場に入るには端末が必要です: ssh -t -p PORT HOST join コード",
		"Joining a room needs a terminal: ssh -t -p PORT HOST join CODE")
)

// parties are offered in this order at the prompt.
var partyChoices = map[string]model.Party{"1": model.PartyLearner, "2": model.PartySending, "3": model.PartyHost}

// askLine asks a question until check accepts the answer, up to three
// times; false when the input ends or every answer was refused.
func (c *conn) askLine(prompt, refused string, check func(string) bool) (string, bool) {
	for range triesPerConnection {
		c.say(prompt)
		line, err := c.lineReader().ReadLine()
		if err != nil {
			return "", false
		}
		line = strings.TrimSpace(line)
		if check(line) {
			return line, true
		}
		c.say(refused) // on the prompt's stream, so that it comes before the next prompt
	}
	return "", false
}

// askParty asks which party the person joins an agreement as.
func (c *conn) askParty() (model.Party, bool) {
	line, ok := c.askLine(msgGuestParty, msgPartyBad, func(s string) bool { _, ok := partyChoices[s]; return ok })
	return partyChoices[line], ok
}

// codeKind checks a join code, counting a wrong one against the address.
func (c *conn) codeKind(code string) (model.RoomKind, bool) {
	kind, err := c.s.backend.RoomKind(c.sess.Context(), code)
	switch {
	case errors.Is(err, model.ErrCodeInvalid):
		c.s.limit.fail(c.ip)
		c.s.log.Printf("a wrong join code from %s", c.ip)
		c.complain(msgJoinWrong)
		return "", false
	case err != nil:
		c.s.log.Printf("reading a join code from %s: %v", c.ip, err)
		c.complain(msgServerError)
		return "", false
	}
	return kind, true
}

// guest joins a person with no account to the room of a code, as a
// guest, and runs the room.
func (c *conn) guest(code string) int {
	if !c.pty {
		c.complain(msgJoinNeedsTerminal)
		return 1
	}
	kind, ok := c.codeKind(code)
	if !ok {
		return 1
	}
	var store model.Store
	var id int64
	var name string
	for tries := 0; ; tries++ {
		if tries == triesPerConnection {
			return 1
		}
		if name, ok = c.askLine(msgGuestName, msgGuestNameBad, func(s string) bool {
			n := utf8.RuneCountInString(model.SingleLine(s))
			return n > 0 && n <= 40
		}); !ok {
			return 1
		}
		var party model.Party
		if kind == model.RoomAgreement {
			if party, ok = c.askParty(); !ok {
				return 1
			}
		}
		var err error
		store, id, err = c.s.backend.JoinAsGuest(c.sess.Context(), code, c.key, name, party)
		switch {
		case err == nil:
		case errors.Is(err, model.ErrCodeInvalid):
			c.complain(msgJoinWrong)
			return 1
		case errors.Is(err, model.ErrNameTaken), errors.Is(err, model.ErrPartyTaken), errors.Is(err, model.ErrPartyChosen):
			// Said in both languages, and asked again.
			ja, _ := model.DescribeStoreError(model.Ja, err)
			en, _ := model.DescribeStoreError(model.En, err)
			c.say(both(ja, en)) // before the question asked again
			continue
		default:
			c.s.log.Printf("a guest joining from %s: %v", c.ip, err)
			c.complain(msgServerError)
			return 1
		}
		break
	}
	c.s.log.Printf("a guest (%s) joined room %d from %s", model.TermSafeLine(name), id, c.ip)
	defer store.Close()
	return c.room(store, id, false)
}

// comeBack runs the room a guest's key belongs to.
func (c *conn) comeBack(store model.Store, id int64, args []string) int {
	defer store.Close()
	if !c.pty {
		c.complain(msgJoinNeedsTerminal)
		return 1
	}
	return c.room(store, id, len(args) > 0 && args[0] == "room")
}

// join runs `join [CODE]` and `room [CODE]` for an enrolled person: the
// room of the code (joined first), or the room they joined last.
func (c *conn) join(args []string) int {
	projector := args[0] == "room"
	if !c.pty {
		c.complain(msgJoinNeedsTerminal)
		return 1
	}
	store, ok := c.openStore()
	if !ok {
		return 1
	}
	defer store.Close()
	rooms, ok := store.(model.Rooms)
	if !ok {
		c.complain(msgServerError)
		return 1
	}
	ctx := c.sess.Context()
	var id int64
	if len(args) > 1 {
		if !c.s.limit.allowed(c.ip) {
			c.complain(msgTooManyTries)
			return 1
		}
		code := strings.Join(args[1:], "")
		kind, ok := c.codeKind(code)
		if !ok {
			return 1
		}
		var party model.Party
		if kind == model.RoomAgreement {
			projector = false // an agreement's room view is its parties' screen
			if party, ok = c.askParty(); !ok {
				return 1
			}
		}
		var err error
		if id, err = rooms.JoinRoom(ctx, code, party); err != nil {
			if errors.Is(err, model.ErrCodeInvalid) {
				c.complain(msgJoinWrong)
			} else {
				c.complain(c.describe(err) + "\n")
			}
			return 1
		}
	} else {
		refs, err := rooms.MyRooms(ctx)
		if err != nil || len(refs) == 0 {
			c.complain(msgNoRoom)
			return 1
		}
		id = refs[0].SessionID
	}
	return c.room(store, id, projector)
}

// describe words a store error in the person's language.
func (c *conn) describe(err error) string {
	if msg, ok := model.DescribeStoreError(c.lang(), err); ok {
		return msg
	}
	return model.TermSafe(err.Error())
}

// room runs a room as the whole program: its screen, or its room view;
// as plain text for a person who uses the accessible mode (or a guest who
// asked for it).
func (c *conn) room(store model.Store, id int64, projector bool) int {
	c.store, c.roomID, c.projector = store, id, projector
	if rooms, ok := store.(model.Rooms); ok {
		if r, err := rooms.Room(c.sess.Context(), id); err == nil && c.account == nil {
			c.roomLang = r.Lang // a guest sees the room in the round's or agreement's language
		}
	}
	if !projector && (c.accessible || c.account != nil && c.account.Accessible) {
		return c.plainOn(store, id)
	}
	c.sess.Context().SetValue(connKey{}, c)
	c.s.tea(c.sess)
	return 0
}

// joinCommand is how people join a room on this server, shown beside the
// code on the holder's screen: the port connected to, and the host the
// server listens on (its name when it listens on every address).
func (c *conn) joinCommand() string {
	host, _, _ := net.SplitHostPort(c.s.cfg.Listen)
	if host == "" || host == "0.0.0.0" || host == "::" {
		if h, err := os.Hostname(); err == nil {
			host = h
		}
	}
	_, port, _ := net.SplitHostPort(c.sess.LocalAddr().String())
	return fmt.Sprintf("ssh -t -p %s %s join", port, host)
}
