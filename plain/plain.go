// Package plain is bansou's accessible mode: every flow, the skill
// self-review and the peer round as plain sequential text. Each prompt is
// printed once; answers are read line by line, and a line holding a single
// "." ends an answer of several lines. There is no alternate screen, no
// redrawing, no box drawing and no colour, so it works with a screen reader
// and with answers piped on standard input. It records answers through the
// same model code as the full-screen interface, so the database holds the
// same thing whichever was used.
package plain

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"bansou/model"
)

// Options configure a plain run.
type Options struct {
	Store   model.Store
	Library *model.Library
	Lang    model.Lang
	In      io.Reader
	Out     io.Writer
	Now     func() time.Time
	// Location is the time zone for dates; nil means time.Local.
	Location *time.Location
	// Echo prints each line read after its prompt, for input that a
	// terminal does not echo (answers piped in), so that the output reads
	// as a transcript.
	Echo bool
	// RetryDelays are the waits between attempts when a save fails as a
	// session is left; nil means 1, 2, 4 and 8 seconds.
	RetryDelays []time.Duration
	// NewDatabase is the path of a database created for this run: the
	// first line says so, so that a mistyped path is noticed.
	NewDatabase string
	// Room, if set, is the whole run: taking part in that room (see
	// model.Rooms), on a server.
	Room int64
	// StopAtInvalid ends the run at the first line that is not
	// understood (a number not on the list, a date not read, an unknown
	// command), for answers piped in: every line after it would land on
	// the wrong question. What was typed is saved first.
	StopAtInvalid bool
	// ReportEnd makes Run return an *Ended when the run stops before the
	// user quits: at a line not understood (with StopAtInvalid), when the
	// input ends anywhere but the main menu, and on an interruption
	// (ctrl+c, a closed terminal), so that a script can tell.
	ReportEnd bool
}

// Ended is how a run stopped before the user quit (see
// Options.ReportEnd). Its words are those said last.
type Ended struct {
	Why  EndReason
	Line int // the number of the line read last (1 is the first)
	msg  string
}

func (e *Ended) Error() string { return e.msg }

// EndReason is why a run stopped early.
type EndReason int

const (
	// Invalid: a line was not understood (Options.StopAtInvalid).
	Invalid EndReason = iota + 1
	// Midway: the input ended in the middle of something (a form, a
	// session, a menu other than the main one).
	Midway
	// Interrupted: a signal (ctrl+c, a closed terminal, a kill) ended the
	// run.
	Interrupted
)

// readResult is one line read, or why there are no more.
type readResult struct {
	line string
	err  error
}

// errEnd reports that the input ended: what was typed is saved and the
// session kept for later.
var errEnd = errors.New("input ended")

// errBack reports that the user left a form (/back): what it started is
// dropped, and what was typed in a new engagement is kept as its draft.
var errBack = errors.New("back")

// invalidLine ends a run at a line not understood (Options.StopAtInvalid).
// It is an end of the input for everything that reads.
type invalidLine struct {
	n    int
	line string
}

func (e invalidLine) Error() string        { return fmt.Sprintf("line %d: %q", e.n, e.line) }
func (e invalidLine) Is(target error) bool { return target == errEnd }

// ui is one plain run.
type ui struct {
	ctx   context.Context
	store model.Store
	me    int64 // the person on a bansou server (0: the one user)
	// usualType is the kind of companion the person usually is: their
	// account's on a server, the sending side for the single user.
	usualType model.CompanionType
	lib       *model.Library
	lang      model.Lang
	now       func() time.Time
	loc       *time.Location
	lines     chan readResult // lines read in the background, so that a cancelled context ends the input
	out       io.Writer
	delays    []time.Duration
	echo      bool
	ended     bool
	// interrupted: a signal ended the input (the context was cancelled).
	interrupted bool
	// stopAtInvalid: a line not understood ends the run.
	stopAtInvalid bool
	// lineNo is the number of lines read, last the line read last.
	lineNo int
	last   string
	// atHome: the line being read is the main menu's choice, where the
	// input may end without leaving anything half done.
	atHome bool
	// kept says what was kept when a session or a form was left because
	// the input ended, for the last words.
	kept []string
	// between, if set, is said between lines (a round's clock).
	between func()
	// draftFailed: the last write of an engagement's draft failed (said
	// once).
	draftFailed bool
}

// Run runs the accessible mode until the user quits or the input ends.
func Run(ctx context.Context, o Options) error {
	u := &ui{ctx: ctx, store: o.Store, lib: o.Library, lang: o.Lang, now: o.Now, loc: o.Location,
		lines: readLines(o.In), out: o.Out, delays: o.RetryDelays, echo: o.Echo, stopAtInvalid: o.StopAtInvalid}
	if a, ok := o.Store.(interface{ Account() model.Account }); ok {
		u.me = a.Account().ID
		u.usualType = a.Account().Type
	}
	if !u.usualType.Valid() {
		u.usualType = model.Sending
	}
	if u.now == nil {
		u.now = time.Now
	}
	if u.loc == nil {
		u.loc = time.Local
	}
	if u.delays == nil {
		u.delays = []time.Duration{time.Second, 2 * time.Second, 4 * time.Second, 8 * time.Second}
	}
	if o.NewDatabase != "" {
		u.sayf("plain.newDatabase", o.NewDatabase)
	}
	var err error
	if o.Room != 0 {
		err = u.runRoom(o.Room)
	} else {
		err = u.home()
	}
	if !errors.Is(err, errEnd) {
		return err
	}
	ended := u.end(err)
	if ended == nil || !o.ReportEnd {
		return nil
	}
	return ended
}

// end says how the run stopped, with what was kept, and tells why (nil
// for an input that ended at the main menu).
func (u *ui) end(err error) *Ended {
	e := &Ended{Line: u.lineNo}
	var inv invalidLine
	switch {
	case errors.As(err, &inv):
		e.Why, e.msg = Invalid, u.tf("plain.stoppedAt", inv.n, safeLine(inv.line))
	case u.interrupted:
		e.Why, e.msg = Interrupted, u.t("plain.interruptedEnd")
	case !u.atHome:
		e.Why, e.msg = Midway, u.tf("plain.endedMidway", u.lineNo)
	}
	if e.Why == 0 {
		u.say(u.t("plain.inputEnded"))
		return nil
	}
	u.say(e.msg)
	if len(u.kept) == 0 {
		u.say(u.t("plain.nothingHalfDone"))
	}
	for _, k := range u.kept {
		u.say(k)
	}
	return e
}

// readLines reads lines in the background, one at a time as they are
// asked for: a line without its ending, and at the end the error (io.EOF
// when the input simply ended). Bytes that are not UTF-8 become U+FFFD, as
// in the full interface's editor, so that everything stored can be
// exported and imported exactly (JSON holds only UTF-8).
func readLines(in io.Reader) chan readResult {
	ch := make(chan readResult)
	go func() {
		r := bufio.NewReader(in)
		for {
			line, err := r.ReadString('\n')
			if line != "" {
				// Text is UTF-8 (as in the full interface), and a NUL is never
				// text (an export could not carry it back in).
				line = strings.ReplaceAll(strings.TrimRight(line, "\r\n"), "\x00", "")
				ch <- readResult{line: strings.ToValidUTF8(line, "\uFFFD")}
			}
			if err != nil {
				ch <- readResult{err: err}
				close(ch)
				return
			}
		}
	}()
	return ch
}

// t and tf look up the interface's words.
func (u *ui) t(key string) string { return text(u.lang, key) }
func (u *ui) tf(key string, args ...any) string {
	return fmt.Sprintf(text(u.lang, key), args...)
}

// say prints lines, made safe: whatever the words (bansou's own, content
// files anyone may write, what was typed or imported), control sequences
// are shown as visible stand-ins, never acted on.
func (u *ui) say(lines ...string) {
	for _, l := range lines {
		fmt.Fprintln(u.out, safe(l))
	}
}

// sayf prints one formatted line.
func (u *ui) sayf(key string, args ...any) { u.say(u.tf(key, args...)) }

// safe makes what someone typed (or imported) printable: control sequences
// are shown as visible stand-ins, never acted on.
func safe(s string) string { return model.TermSafe(s) }

// safeLine is safe for a name or a title, shown on one line: a line break
// in it (typed or imported) becomes a space and never starts a line that
// could pass for a menu item of its own.
func safeLine(s string) string { return model.TermSafeLine(s) }

// indent prints text typed by someone, made safe, each line indented.
func (u *ui) indent(s string) {
	for _, l := range strings.Split(strings.TrimRight(safe(s), "\n"), "\n") {
		u.say("  " + l)
	}
}

// readLine reads one line without its line ending, after prompt (which
// may be empty). At the end of the input it returns what came before it,
// then errEnd.
func (u *ui) readLine(prompt string) (string, error) {
	if u.ended {
		return "", errEnd
	}
	if u.between != nil {
		u.between()
	}
	fmt.Fprint(u.out, prompt)
	var r readResult
	var ok bool
	select {
	case r, ok = <-u.lines:
	case <-u.ctx.Done():
		u.interrupted = true
	}
	if !ok || r.err != nil {
		u.ended = true
		if prompt != "" {
			fmt.Fprintln(u.out)
		}
		if r.err != nil && !errors.Is(r.err, io.EOF) {
			return "", r.err
		}
		return "", errEnd
	}
	line := r.line
	u.lineNo++
	u.last = line
	if u.echo {
		fmt.Fprintln(u.out, safe(line))
	}
	return line, nil
}

// refuse says why a line was not taken. Reading answers piped in
// (StopAtInvalid), it also ends the run there: every line after it would
// land on the wrong question.
func (u *ui) refuse(words string) error {
	u.say(words)
	if !u.stopAtInvalid {
		return nil
	}
	u.ended = true
	return invalidLine{n: u.lineNo, line: u.last}
}

// refusef is refuse with the words of key.
func (u *ui) refusef(key string, args ...any) error { return u.refuse(u.tf(key, args...)) }

// ask prints a question and reads one line. /repeat says the question
// again and reads another.
func (u *ui) ask(question string) (string, error) {
	u.say(question)
	for {
		line, err := u.readLine("> ")
		if err != nil || !isRepeat(line) {
			return line, err
		}
		u.say(question)
	}
}

// isRepeat reports whether a line asks for the question again.
func isRepeat(line string) bool { return commandLine(line) == "/repeat" }

// isBack reports whether a command leaves what is being asked.
func isBack(cmd string) bool {
	switch strings.ToLower(cmd) {
	case "/back", "/b", "/cancel", "/quit", "/q":
		return true
	}
	return false
}

// line reads one line for a field: what was typed, or a command (a line
// starting with "/") for the caller to carry out. "//" at the start stands
// for a "/" that is text; /repeat says the question (and list, if any)
// again and reads another line.
func (u *ui) line(question string, list []string) (line, cmd string, err error) {
	u.say(question)
	u.say(list...)
	for {
		line, err := u.readLine("> ")
		if err != nil {
			return "", "", err
		}
		n := normal(line)
		switch {
		case isRepeat(line):
			u.say(question)
			u.say(list...)
			continue
		case strings.HasPrefix(n, "//"):
			return line[strings.Index(line, "/")+1:], "", nil
		case strings.HasPrefix(n, "/"):
			return "", commandLine(line), nil
		}
		return line, "", nil
	}
}

// formLine reads one line for a field of a form outside a session:
// /back leaves the form (errBack); another command is refused.
func (u *ui) formLine(question string) (string, error) {
	for {
		line, cmd, err := u.line(question, nil)
		switch {
		case err != nil:
			return "", err
		case cmd == "":
			return line, nil
		case isBack(cmd):
			return "", errBack
		}
		if err := u.refusef("plain.formCommands", safeLine(cmd)); err != nil {
			return "", err
		}
	}
}

// normal is a line read as a command or a number: full-width letters,
// digits and spaces made half-width, spaces trimmed.
func normal(line string) string { return strings.TrimSpace(model.HalfWidth(line)) }

// number reads n in 1..max from a line; ok is false for anything else.
func number(line string, max int) (int, bool) {
	n, err := strconv.Atoi(normal(line))
	return n, err == nil && n >= 1 && n <= max
}

// upTo reads a number in 0..max: a point or a level, 0 clearing it.
func upTo(line string, max int) (int, bool) {
	n, err := strconv.Atoi(normal(line))
	return n, err == nil && n >= 0 && n <= max
}

// numbers reads several numbers in 1..max separated by spaces, commas or
// 、; ok is false if any is not one.
func numbers(line string, max int) ([]int, bool) {
	f := strings.FieldsFunc(normal(line), func(r rune) bool { return r == ' ' || r == ',' || r == '、' || r == '，' })
	var out []int
	for _, s := range f {
		n, ok := number(s, max)
		if !ok {
			return nil, false
		}
		out = append(out, n)
	}
	return out, len(out) > 0
}

// A menu is a numbered list to choose from: the question comes first, then
// the items.
type menu struct {
	question string
	items    []string
	// names are what each item may be chosen by besides its number (nil:
	// its words as said).
	names [][]string
	// enter is what an empty line chooses: an item's index, or -1 for
	// nothing (go back, or leave it unset); enterSays words it, for a line
	// not understood.
	enter     int
	enterSays string
	// commands: a command is returned to the caller (in a session, or a
	// form that can be left); without it only /back is, and anything
	// else is refused.
	commands bool
	// about, if set, describes an item: "?" and its number reads it, so
	// that the list itself stays short.
	about func(k int) string
}

// aboutItem reads "?2" (or "? 2", "？２"): which item to describe.
func (m menu) aboutItem(line string) (int, bool) {
	n := normal(line)
	if m.about == nil || !strings.HasPrefix(n, "?") {
		return 0, false
	}
	k, ok := number(strings.TrimPrefix(n, "?"), len(m.items))
	return k - 1, ok
}

// choice reads a choice from a menu: an item by its number or its name,
// m.enter for an empty line, or a command (see menu.commands). A line
// that is none of these is refused and read again.
func (u *ui) choice(m menu) (i int, cmd string, err error) {
	list := make([]string, len(m.items))
	for k, it := range m.items {
		list[k] = fmt.Sprintf("%d. %s", k+1, it)
	}
	for {
		line, cmd, err := u.line(m.question, list)
		switch {
		case err != nil:
			return -1, "", err
		case cmd != "" && (m.commands || isBack(cmd)):
			return -1, cmd, nil
		case cmd != "":
			err = u.refusef("plain.menuCommands", safeLine(cmd))
		case normal(line) == "":
			return m.enter, "", nil
		default:
			if k, ok := m.aboutItem(line); ok {
				u.say(m.items[k], m.about(k))
				list = nil
				continue
			}
			if n, ok := number(line, len(m.items)); ok {
				return n - 1, "", nil
			}
			k, many := m.byName(line)
			if k >= 0 {
				return k, "", nil
			}
			words := u.tf("plain.notInMenu", len(m.items), m.enterSays)
			if len(many) > 1 {
				words = u.tf("plain.manyOnList", safeLine(strings.TrimSpace(line)), u.joinNumbers(many), m.enterSays)
			}
			err = u.refuse(words)
		}
		if err != nil {
			return -1, "", err
		}
		list = nil // asked again without reading the list out again
	}
}

// byName finds the item a line names: the one whose name (or words) it
// is, else the only one whose name starts with it, else the only one
// whose name holds it. Case, full- and half-width and spaces do not
// matter. With several, many lists their numbers.
func (m menu) byName(line string) (int, []int) {
	want := nameKey(line)
	if want == "" {
		return -1, nil
	}
	namesOf := func(k int) []string {
		if k < len(m.names) && len(m.names[k]) > 0 {
			return m.names[k]
		}
		return []string{m.items[k]}
	}
	for _, match := range []func(string) bool{
		func(n string) bool { return n == want },
		func(n string) bool { return strings.HasPrefix(n, want) },
		func(n string) bool { return strings.Contains(n, want) },
	} {
		var found []int
		for k := range m.items {
			if slices.ContainsFunc(namesOf(k), func(n string) bool { return match(nameKey(n)) }) {
				found = append(found, k+1)
			}
		}
		if len(found) == 1 {
			return found[0] - 1, nil
		}
		if len(found) > 1 {
			return -1, found
		}
	}
	return -1, nil
}

// nameKey is a name as compared when chosen by it.
func nameKey(s string) string {
	return strings.Join(strings.Fields(model.NormalizeForSearch(s)), "")
}

// joinNumbers lists numbers for a sentence: 1、3.
func (u *ui) joinNumbers(ns []int) string {
	out := make([]string, len(ns))
	for i, n := range ns {
		out[i] = strconv.Itoa(n)
	}
	return strings.Join(out, u.t("plain.comma"))
}

// choose prints a question and a numbered list and reads a choice, by
// number or by name. An empty line or /back returns -1 (nothing chosen, go
// back).
func (u *ui) choose(question string, items []string) (int, error) {
	i, _, err := u.choice(menu{question: question, items: items, enter: -1, enterSays: u.t("plain.enterBack")})
	return i, err
}

// chooseIn is choose in a form that /back leaves (errBack); an empty line
// chooses enter, which says says.
func (u *ui) chooseIn(question string, items []string, names [][]string, enter int, says string) (int, error) {
	i, cmd, err := u.choice(menu{question: question, items: items, names: names, enter: enter, enterSays: says})
	if err == nil && cmd != "" {
		err = errBack
	}
	return i, err
}

// yes asks a yes-or-no question; an empty line is def.
func (u *ui) yes(question string, def bool) (bool, error) {
	for {
		line, err := u.ask(question)
		if err != nil {
			return def, err
		}
		switch strings.ToLower(normal(line)) {
		case "":
			return def, nil
		case "y", "yes", "はい", "h":
			return true, nil
		case "n", "no", "いいえ", "i":
			return false, nil
		}
		if err := u.refuse(u.t("plain.yesNo")); err != nil {
			return def, err
		}
	}
}

// readText reads an answer of one or more lines, ending with a line holding
// only "." or with the end of the input. each is called with the text so
// far after every line, so that it can be saved as it is typed. The first
// line may instead be a command (starting with "/"), returned as cmd with
// nothing read after it; "//" at the start stands for a "/" that is text.
func (u *ui) readText(question string, each func(string) error) (text, cmd string, err error) {
	u.say(question)
	var lines []string
	prompt := "> " // on the first line only, so that a reader hears it once
	for {
		line, err := u.readLine(prompt)
		prompt = ""
		if err != nil {
			return strings.Join(lines, "\n"), "", err
		}
		if len(lines) == 0 {
			n := normal(line)
			if strings.HasPrefix(n, "//") {
				line = line[strings.Index(line, "/")+1:]
			} else if strings.HasPrefix(n, "/") {
				return "", commandLine(line), nil
			}
		}
		if isEnd(line) {
			return strings.Join(lines, "\n"), "", nil
		}
		if len(lines) == 0 && strings.TrimSpace(line) == "" {
			// Enter before anything is typed changes nothing, and says so.
			u.say(u.t("plain.unchanged"))
			prompt = "> "
			continue
		}
		lines = append(lines, line)
		if each != nil {
			if err := each(strings.Join(lines, "\n")); err != nil {
				return strings.Join(lines, "\n"), "", err
			}
		}
	}
}

// isEnd reports whether a line ends an answer: "." alone, or its full-width
// forms typed with a Japanese input method ("．", "。").
func isEnd(line string) bool {
	n := normal(line)
	return n == "." || n == "。"
}

// commandLine is a line read as a command: its name half-width (so that
// "／ｎｅｘｔ" typed with a Japanese input method works), what follows it as
// typed.
func commandLine(line string) string {
	name, arg, _ := strings.Cut(strings.TrimSpace(line), " ")
	if n2, a2, ok := strings.Cut(name, "\u3000"); ok { // an ideographic space
		name, arg = n2, a2+" "+arg
	}
	return strings.TrimSpace(normal(name) + " " + strings.TrimSpace(arg))
}

// today is the date in the user's time zone.
func (u *ui) today() model.Date { return model.DateOf(u.now().In(u.loc)) }

// describe words a store error so that the user knows what to do.
func (u *ui) describe(err error) string {
	if words, ok := model.DescribeStoreError(u.lang, err); ok {
		return words
	}
	return u.tf("err.other", err.Error())
}

// home is the main menu.
func (u *ui) home() error {
	u.say(u.t("plain.welcome"))
	if err := u.offerInterrupted(); err != nil {
		return err
	}
	u.offerOrientation()
	u.offerDue()
	for {
		u.say("", u.t("plain.homeTitle"))
		items := []string{u.t("plain.homeStart"), u.t("plain.homeContinue"), u.t("plain.homeEngagement"),
			u.t("plain.homeReview"), u.t("plain.homeRound"), u.t("plain.homeHelp")}
		if len(u.lib.Orientation) > 0 {
			items = append(items, u.t("plain.homeOrientation"))
		}
		items = append(items, u.t("plain.homeLookBack"))
		lookBack := strconv.Itoa(len(items))
		for i, it := range items {
			u.say(fmt.Sprintf("%d. %s", i+1, it))
		}
		u.say(u.t("plain.homeQuit"))
		u.atHome = true
		line, err := u.ask(u.t("plain.choose"))
		if err != nil {
			return err
		}
		u.atHome = false
		var act func() error
		switch normal(line) {
		case lookBack:
			act = u.lookBack
		case "1":
			act = u.startSession
		case "2":
			act = u.continueSession
		case "3":
			act = func() error { _, err := u.newEngagement(); return err }
		case "4":
			act = u.startReview
		case "5":
			act = u.startRound
		case "6", "?", "/help":
			u.say(u.t("plain.help"))
			continue
		case "7":
			if len(u.lib.Orientation) == 0 {
				if err := u.refusef("plain.notOnList", len(items)); err != nil {
					return err
				}
				continue
			}
			u.orientation()
			continue
		case "q", "Q", "/q", "/quit", "0":
			u.say(u.t("plain.bye"))
			return nil
		default:
			if err := u.refusef("plain.notOnList", len(items)); err != nil {
				return err
			}
			continue
		}
		if err := act(); err != nil {
			if errors.Is(err, errEnd) {
				return err
			}
			if errors.Is(err, errBack) {
				continue
			}
			var se storeError
			if !errors.As(err, &se) {
				return err
			}
			u.say(u.describe(se.err))
		}
	}
}

// storeError is a store failure the user can be told about and go on.
type storeError struct{ err error }

func (e storeError) Error() string { return e.err.Error() }
func (e storeError) Unwrap() error { return e.err }

// storeCtx bounds one store call. It outlives a cancelled run (a signal),
// so that what was typed is still written as the session closes.
func (u *ui) storeCtx() (context.Context, context.CancelFunc) {
	return context.WithTimeout(context.WithoutCancel(u.ctx), 30*time.Second)
}

// offerInterrupted offers to resume a session left open by a bansou that
// stopped without closing it.
func (u *ui) offerInterrupted() error {
	ctx, cancel := u.storeCtx()
	list, err := u.store.InterruptedSessions(ctx)
	cancel()
	if err != nil {
		u.say(u.describe(err))
		return nil
	}
	for _, s := range list {
		ok, err := u.yes(u.tf("plain.interrupted", u.sessionLabel(s)), true)
		if err != nil {
			return err
		}
		if ok {
			return u.runSession(s.ID)
		}
		// Declined: no longer offered, as in the full interface.
		ctx, cancel := u.storeCtx()
		err = u.store.SetSessionOpen(ctx, s.ID, false)
		cancel()
		if err != nil {
			u.say(u.describe(err))
		}
	}
	return nil
}

// sessionLabel names a session in lists.
func (u *ui) sessionLabel(s model.SessionSummary) string {
	who := ""
	if s.LearnerName != "" {
		who = u.tf("plain.withLearner", safeLine(s.LearnerName))
	}
	return u.tf("plain.sessionLabel", safeLine(s.FlowTitle), who, s.StartedAt.In(u.loc).Format("2006-01-02"),
		s.Total, s.Answered)
}

// offerOrientation tells a companion with no engagement yet where the
// orientation is.
func (u *ui) offerOrientation() {
	if len(u.lib.Orientation) == 0 {
		return
	}
	ctx, cancel := u.storeCtx()
	defer cancel()
	if engs, err := u.store.Engagements(ctx, true); err == nil && len(engs) == 0 {
		u.say(u.t("plain.orientationOffer"))
	}
}

// orientation reads the orientation, one section after another, as plain
// text.
func (u *ui) orientation() {
	for i, s := range u.lib.Orientation {
		u.say("", u.tf("plain.sectionOf", s.Title.In(u.lang), i+1, len(u.lib.Orientation)))
		u.say(model.MarkdownPlain(strings.ReplaceAll(strings.TrimSpace(s.Text.In(u.lang)), "**", "")))
	}
}
