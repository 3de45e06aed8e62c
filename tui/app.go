// Package tui is bansou's terminal interface: a root App that dispatches to a
// stack of screens (home, engagement form, engagement, session runner,
// review), with a footer that shows the keys of the screen on top.
//
// East Asian ambiguous-width characters (○ ─ │ █ … é) are one cell on every
// screen, whatever the locale: importing internal/cellwidth sees to it for
// every program and test that uses this package. Text that people typed or
// wrote in content is drawn through shown, so that the cells Lip Gloss
// counts for it are the cells a terminal fills.
package tui

import (
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"bansou/model"
)

// Minimum terminal size for the interface; below it a message asks for a
// bigger window and nothing is drawn over it.
const (
	MinWidth  = 40
	MinHeight = 12
)

// screen is one page of the interface.
type screen interface {
	init() tea.Cmd
	update(msg tea.Msg) (screen, tea.Cmd)
	view() string
	// caret is where the terminal cursor goes (the caret of the focused
	// editor), relative to the screen's top-left; nil hides it.
	caret() *tea.Cursor
	// keys are the bindings that apply now, for the footer and help.
	keys() help.KeyMap
	// typing reports whether keystrokes go to a text field, so that plain
	// letters are not taken as commands.
	typing() bool
}

// saver is a screen that may hold typed text not yet on disk.
type saver interface {
	unsaved() bool
}

// Options configure the App.
type Options struct {
	Store   model.Store
	Library *model.Library
	Lang    model.Lang
	Theme   Theme
	Now     func() time.Time
	// Location is the time zone for times shown; nil means time.Local.
	Location *time.Location
	// ResumeID, if set, opens that session directly.
	ResumeID int64
	// NewDatabase is the path of a database created for this run: the
	// home screen says so, so that a mistyped path is noticed.
	NewDatabase string
	// SaveDelay is how long typing may go on before it is written; zero
	// means 300 ms.
	SaveDelay time.Duration
	// StatusDelay is how long a status line stays; zero means 4 s (12 s
	// for errors), negative keeps it until the next one.
	StatusDelay time.Duration
	// ClockTick is how often a running round timer is redrawn; zero means
	// every second, negative never (the clock still counts).
	ClockTick time.Duration
	// Watch follows the changes other people save (a store that is a
	// model.Watcher, as on a server, where each window is one person's):
	// what they change appears without a key. A bansou of one user has
	// no one else's changes to follow in its process, and does not watch.
	Watch bool
	// Early, if set, holds the home screen's first reads, begun with
	// ReadEarly before the interface was built; the home screen takes them
	// instead of reading again when it opens.
	Early *Early
	// Room, if set, is the whole program: the screen of that room (a
	// guest's, or a person who joined with a code), or with Projector its
	// room view.
	Room      int64
	Projector bool
	// JoinCommand is how people join a room on this server, shown beside
	// its code ("ssh -t -p 23234 bansou.example.org join"); empty: a
	// command with PORT and HOST to fill in.
	JoinCommand string
	// JoinAllowed and JoinFailed let the server count wrong join codes
	// typed on a screen against the connection's address, as it counts
	// those typed at its prompt; nil: no limit but the screen's own.
	JoinAllowed func() bool
	JoinFailed  func()
}

// env is what every screen shares.
type env struct {
	store  model.Store
	lib    *model.Library
	lang   model.Lang
	now    func() time.Time
	loc    *time.Location
	st     styles
	theme  Theme
	render *renderer
	gk     globalKeys
	ak     answerKeys // the answer panels' keys
	// early are the home screen's first reads, begun before the App was
	// built (Options.Early); the home screen takes them once.
	early *Early

	saveDelay, statusDelay time.Duration
	clockTick              time.Duration

	// footers are the footer's lines laid out (App.shortHelp).
	footers map[string]string

	// me is the person on a bansou server the store reads for (0: the one
	// user of a single-user bansou).
	me int64
	// usualType is the kind of companion the person usually is (a
	// server's account says it; the single user is taken as the sending
	// side until they say otherwise on an engagement).
	usualType model.CompanionType

	// joinTries counts the wrong join codes typed in this program.
	joinTries int
	// dropped: the terminal went away (ShutdownMsg), not a person's
	// choice to leave.
	dropped bool
	// joinCommand, joinAllowed, joinFailed: see Options.
	joinCommand string
	joinAllowed func() bool
	joinFailed  func()
	// roomOnly: a room is the whole program (Options.Room).
	roomOnly bool

	// learner: the learner view is on. The session screen shows only what
	// the learner may read (no hints, notes or private records) and every
	// other screen is covered; leaving it takes f2 and then y.
	learner bool
}

// withClock is o with its clock and time zone, time.Now and time.Local
// where none is given.
func (o Options) withClock() Options {
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Location == nil {
		o.Location = time.Local
	}
	return o
}

// App is the root model. It only dispatches: sizes to every screen, app
// messages to itself, keys and pastes to the screen on top.
type App struct {
	env       *env
	stack     []screen
	w, h      int
	help      help.Model
	showHelp  bool
	status    statusMsg
	statusID  int
	quitting  bool
	forceQuit bool
	// leavingLearner: f2 was pressed in the learner view; y leaves it,
	// any other key keeps it.
	leavingLearner bool
	// watch follows others' changes when the store announces them (see
	// watch.go); nil otherwise.
	watch *watch
}

// New builds the App on the home screen.
func New(o Options) App {
	o = o.withClock()
	e := &env{store: o.Store, lib: o.Library, lang: o.Lang, now: o.Now, loc: o.Location, theme: o.Theme,
		st: newStyles(o.Theme), render: newRenderer(o.Theme.GlamourStyle()), early: o.Early}
	if a, ok := o.Store.(interface{ Account() model.Account }); ok {
		e.me = a.Account().ID
		e.usualType = a.Account().Type
	}
	if !e.usualType.Valid() {
		e.usualType = model.Sending
	}
	e.footers = map[string]string{}
	e.gk = newGlobalKeys(e)
	e.ak = newAnswerKeys(e)
	e.saveDelay, e.statusDelay, e.clockTick = o.SaveDelay, o.StatusDelay, o.ClockTick
	if e.clockTick == 0 {
		e.clockTick = time.Second
	}
	if e.saveDelay <= 0 {
		e.saveDelay = defaultSaveDelay
	}
	h := help.New()
	h.Styles = e.st.help
	hm := newHome(e)
	hm.newDatabase = o.NewDatabase
	a := App{env: e, help: h, stack: []screen{hm}}
	if o.Watch {
		a.watch = newWatch(o.Store)
	}
	if o.ResumeID != 0 {
		a.stack = append(a.stack, newRunner(e, o.ResumeID))
	}
	if o.Room != 0 {
		a.stack = []screen{newRoomScreen(e, o.Room, true, o.Projector)}
		e.roomOnly = true
	}
	e.joinCommand, e.joinAllowed, e.joinFailed = o.JoinCommand, o.JoinAllowed, o.JoinFailed
	if e.joinCommand == "" {
		e.joinCommand = "ssh -t -p PORT HOST join"
	}
	return a
}

// Init starts every screen on the stack and, unless the theme is fixed or
// there is no colour, asks the terminal for its background colour; the
// answer comes as a tea.BackgroundColorMsg, and until then the theme's
// guess holds. A store that announces changes is watched from here on.
func (a App) Init() tea.Cmd {
	cmds := []tea.Cmd{a.watch.start()}
	if a.env.theme.followsBackground() {
		cmds = append(cmds, tea.RequestBackgroundColor)
	}
	for _, s := range a.stack {
		cmds = append(cmds, s.init())
	}
	return tea.Batch(cmds...)
}

func (a App) top() screen { return a.stack[len(a.stack)-1] }

// Update dispatches one message.
func (a App) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	var cmd tea.Cmd
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		a.w, a.h = msg.Width, msg.Height
		a.help.SetWidth(msg.Width)
		return a.updateAll(a.bodySize())
	case pushScreenMsg:
		a.stack = append(a.stack, msg.s)
		a.opened(msg.s)
		a, cmd = a.updateTop(a.bodySize())
		return a, tea.Batch(msg.s.init(), cmd)
	case popScreenMsg:
		if len(a.stack) > 1 {
			a.stack = a.stack[:len(a.stack)-1]
		}
		return a.updateTop(refreshMsg{})
	case replaceScreenMsg:
		a.stack[len(a.stack)-1] = msg.s
		a.opened(msg.s)
		a, cmd = a.updateTop(a.bodySize())
		return a, tea.Batch(msg.s.init(), cmd)
	case tea.BackgroundColorMsg:
		return a.followBackground(msg.IsDark())
	case changesMsg:
		return a.changed(msg)
	case quitMsg:
		return a.requestQuit()
	case learnerViewMsg:
		if a.env.learner || a.env.roomOnly {
			return a, nil
		}
		return a.learnerOn()
	case statusMsg:
		return a.setStatus(msg)
	case clearStatusMsg:
		if msg.id == a.statusID {
			a.status = statusMsg{}
		}
		return a, nil
	case ShutdownMsg:
		// The terminal went away: save what can be saved, then leave
		// without asking anything.
		a.watch.end()
		if !a.quitting {
			a.env.dropped = msg.ClientGone
		}
		a, cmd = a.requestQuit()
		return a, tea.Batch(cmd, tea.Tick(3*time.Second, func(time.Time) tea.Msg { return tea.QuitMsg{} }))
	case tea.KeyPressMsg:
		a, cmd = a.handleKey(msg)
	case tea.PasteMsg:
		// A paste is typing: it goes to the screen on top only, and not
		// while nothing is drawn or the help covers the screen.
		if !a.tooSmall() && !a.showHelp {
			a, cmd = a.updateTop(msg)
		}
	default:
		a, cmd = a.updateAll(msg)
	}
	if a.quitting && !a.anyUnsaved() {
		return a.quit(cmd)
	}
	return a, cmd
}

// opened clears the status line when a session opens: what was said on
// leaving the last one (セッションを完了にしました) is not about this one.
func (a *App) opened(s screen) {
	if _, ok := s.(*runner); ok {
		a.status = statusMsg{}
		a.statusID++ // and a pending clear of the old one clears nothing new
	}
}

// quit ends the program after cmd, and the watch of the store with it.
func (a App) quit(cmd tea.Cmd) (App, tea.Cmd) {
	a.watch.end()
	return a, tea.Batch(cmd, tea.Quit)
}

func (a App) handleKey(msg tea.KeyPressMsg) (App, tea.Cmd) {
	if esc, rest, ok := a.splitEscape(msg); ok {
		a, first := a.handleKey(esc)
		a, second := a.handleKey(rest)
		return a, tea.Batch(first, second)
	}
	gk := a.env.gk
	switch {
	case key.Matches(msg, gk.quit):
		return a.requestQuit()
	case a.tooSmall():
		return a, nil // nothing is drawn, so nothing is typed blind
	case a.showHelp && (key.Matches(msg, gk.help) || key.Matches(msg, gk.close)):
		a.showHelp = false
		return a, nil
	case a.showHelp:
		return a, nil
	case !a.env.roomOnly && (a.leavingLearner || key.Matches(msg, gk.learner)):
		return a.learnerKey(msg)
	case key.Matches(msg, gk.helpAlways) || (!a.top().typing() && key.Matches(msg, gk.help)):
		a.showHelp = true
		return a, nil
	case a.covered():
		// Nothing is drawn behind the cover, so nothing is done blind.
		return a, showStatus(a.env.t("learner.covered"))
	case a.searchAllowed() && key.Matches(msg, gk.search):
		return a, pushScreen(newSearch(a.env))
	}
	return a.updateTop(msg)
}

// splitEscape undoes what a terminal does to esc pressed quickly before
// another key: the two arrive together and read as one alt chord (esc then
// ↓ as alt+down). bansou binds no alt chords but the editor's, so any other
// is taken as the two keys the companion pressed, and an editor's chords
// only where no text field has the keys.
func (a App) splitEscape(msg tea.KeyPressMsg) (esc, rest tea.KeyPressMsg, ok bool) {
	if msg.Mod != tea.ModAlt {
		return msg, msg, false
	}
	if a.top().typing() && key.Matches(msg, a.env.gk.editorAlt) {
		return msg, msg, false
	}
	rest = tea.KeyPressMsg{Code: msg.Code, ShiftedCode: msg.ShiftedCode, BaseCode: msg.BaseCode}
	if msg.Code >= 0x20 && msg.Code != 0x7f && msg.Code < tea.KeyExtended {
		rest.Text = string(msg.Code)
	}
	return tea.KeyPressMsg{Code: tea.KeyEscape}, rest, true
}

// loadState is what a screen knows of the load it asked for: whether it
// came back, and the error shown instead of it.
type loadState struct {
	loaded bool
	err    string
}

// arrived takes a load's answer: false if it was another screen's (mine
// false) or it failed (its error is kept, to be shown).
func (l *loadState) arrived(e *env, mine bool, err error) bool {
	if !mine {
		return false
	}
	l.loaded = true
	if err != nil {
		l.err = e.describeErr(err)
		return false
	}
	l.err = ""
	return true
}

// learnerScreen is a screen that can show itself in the learner view: it
// then leaves out everything private. Screens that are not are covered.
type learnerScreen interface {
	learnerSafe() bool
}

// covered reports whether the learner view hides the screen on top.
func (a App) covered() bool {
	if !a.env.learner {
		return false
	}
	ls, ok := a.top().(learnerScreen)
	return !ok || !ls.learnerSafe()
}

// learnerKey turns the learner view on with f2, and off only with f2
// then y: a stray key never shows the companion's records.
func (a App) learnerKey(msg tea.KeyPressMsg) (App, tea.Cmd) {
	e := a.env
	switch {
	case !e.learner:
		return a.learnerOn()
	case !a.leavingLearner:
		a.leavingLearner = true
		return a, nil
	}
	a.leavingLearner = false
	if !key.Matches(msg, e.gk.learnerYes) {
		return a, showStatus(e.t("learner.kept"))
	}
	e.learner = false
	a, cmd := a.updateAll(a.bodySize())
	return a, tea.Batch(cmd, showStatus(e.t("learner.off")))
}

// learnerViewMsg asks for the learner view: a screen about to show the
// learner something (the read-back of a session) turns it on, and only
// f2 then y turns it off.
type learnerViewMsg struct{}

func showLearnerView() tea.Msg { return learnerViewMsg{} }

// learnerOn turns the learner view on and lays every screen out for it.
func (a App) learnerOn() (App, tea.Cmd) {
	e := a.env
	e.learner = true
	a, cmd := a.updateAll(a.bodySize())
	return a, tea.Batch(cmd, showStatus(e.t("learner.on")))
}

// searchAllowed reports whether / opens the search: from the lists and
// documents, not while keys go to a text field, and not while a session is
// open anywhere on the stack (a hit opens its session, and one session must
// not be open twice).
func (a App) searchAllowed() bool {
	switch a.top().(type) {
	case *home, *engagementScreen, *review, *compareScreen, *skillsScreen, *roundsScreen:
	default:
		return false
	}
	if a.top().typing() || a.env.learner {
		return false
	}
	for _, s := range a.stack {
		if _, ok := s.(*runner); ok {
			return false
		}
	}
	return true
}

// followBackground switches to the dark or the light palette when the
// terminal tells its background colour, unless the theme is fixed or there
// is no colour. Styles are rebuilt in place (fieldsets point at them), the
// renderer drops what it rendered in the old glamour style, and every
// screen is laid out again, which asks for its Markdown to be rendered
// anew; screens that render ahead do so again on themeChangedMsg.
func (a App) followBackground(dark bool) (App, tea.Cmd) {
	e := a.env
	if !e.theme.followsBackground() || e.theme.Dark == dark {
		return a, nil
	}
	e.theme.Dark = dark
	e.st = newStyles(e.theme)
	e.render.setStyle(e.theme.GlamourStyle())
	a.help.Styles = e.st.help
	if a.w == 0 {
		return a, nil // not laid out yet: the first size does it
	}
	a, sized := a.updateAll(a.bodySize())
	a, changed := a.updateAll(themeChangedMsg{})
	return a, tea.Batch(sized, changed)
}

// ShutdownMsg asks the App to save and quit because the terminal closed
// (SIGHUP) or the process is told to stop.
type ShutdownMsg struct {
	// ClientGone: the person's terminal went away (a dropped connection),
	// not the program being stopped. A room's clock then goes on.
	ClientGone bool
}

// requestQuit asks every screen to save, and quits once nothing is left
// unsaved. A second ctrl+c after a failed save quits anyway.
func (a App) requestQuit() (App, tea.Cmd) {
	if a.forceQuit {
		return a.quit(nil)
	}
	a.quitting = true
	a, cmd := a.updateAll(quitRequestMsg{})
	if !a.anyUnsaved() {
		return a.quit(cmd)
	}
	return a, cmd
}

func (a App) setStatus(msg statusMsg) (App, tea.Cmd) {
	a.status = msg
	a.statusID++
	if msg.err && a.quitting {
		// Saving failed on the way out: stay, say so, let a second
		// ctrl+c leave without it.
		a.quitting = false
		a.forceQuit = true
		a.status.text = a.env.t("status.quitAnyway") + " " + a.status.text
	}
	id := a.statusID
	delay := a.env.statusDelay
	switch {
	case delay < 0:
		return a, nil
	case delay == 0 && msg.err:
		delay = 12 * time.Second
	case delay == 0:
		delay = 4 * time.Second
	}
	return a, tea.Tick(delay, func(time.Time) tea.Msg { return clearStatusMsg{id} })
}

func (a App) anyUnsaved() bool {
	for _, s := range a.stack {
		if sv, ok := s.(saver); ok && sv.unsaved() {
			return true
		}
	}
	return false
}

func (a App) updateTop(msg tea.Msg) (App, tea.Cmd) {
	i := len(a.stack) - 1
	s, cmd := a.stack[i].update(msg)
	a.stack[i] = s
	return a, cmd
}

// updateAll gives a message to every screen (results of commands may belong
// to a screen that is not on top).
func (a App) updateAll(msg tea.Msg) (App, tea.Cmd) {
	var cmds []tea.Cmd
	for i, s := range a.stack {
		s, cmd := s.update(msg)
		a.stack[i] = s
		cmds = append(cmds, cmd)
	}
	return a, tea.Batch(cmds...)
}

func (a App) bodySize() sizeMsg {
	return sizeMsg{w: a.w, h: max(a.h-2, 1)}
}

func (a App) tooSmall() bool { return a.w < MinWidth || a.h < MinHeight }

// View draws the top screen, the status line and the footer.
func (a App) View() tea.View {
	var v tea.View
	v.AltScreen = true
	v.WindowTitle = "bansou"
	if a.w == 0 {
		return v
	}
	if a.tooSmall() {
		v.SetContent(a.tooSmallView())
		return v
	}
	body := a.top().view()
	cur := a.top().caret()
	switch {
	case a.showHelp:
		body = a.helpView()
		cur = nil
	case a.leavingLearner:
		body = a.leaveLearnerView()
		cur = nil
	case a.covered():
		body = a.coverView()
		cur = nil
	}
	bodyH := a.h - 2
	body = fitHeight(body, bodyH)
	v.SetContent(body + "\n" + a.statusView() + "\n" + a.footerView())
	v.Cursor = cur
	return v
}

// coverView stands for a screen the learner view hides.
func (a App) coverView() string {
	e := a.env
	w := max(a.w-2, 20)
	lines := []string{e.st.accent.Render(e.t("learner.badge")), ""}
	return strings.Join(append(lines, strings.Split(wrapText(e.t("learner.coverBody"), w, ""), "\n")...), "\n")
}

// leaveLearnerView asks before the companion's records come back on screen.
func (a App) leaveLearnerView() string {
	e := a.env
	w := max(a.w-2, 20)
	lines := []string{e.st.accent.Render(e.t("learner.badge")), "", e.st.paneTitleFocus.Render(e.t("learner.leaveTitle")), ""}
	lines = append(lines, strings.Split(wrapText(e.t("learner.leaveBody"), w, ""), "\n")...)
	return strings.Join(append(lines, "",
		"  "+e.st.heading.Render("y")+"  "+e.t("learner.leaveYes"),
		"  "+e.st.muted.Render(e.t("learner.leaveOther"))), "\n")
}

func (a App) tooSmallView() string {
	msg := a.env.tf("app.tooSmall", MinWidth, MinHeight, a.w, a.h)
	return lipgloss.NewStyle().Width(max(a.w, 1)).Render(msg)
}

func (a App) statusView() string {
	if a.status.text == "" {
		return ""
	}
	st := a.env.st.okText
	if a.status.err {
		st = a.env.st.errText
	}
	return st.Render(ansi.Truncate(shownLine(oneLine(a.status.text)), a.w, "…"))
}

// footerView shows the keys of the screen on top and, at the right, the
// keys it pins, how to search (when keys are not going to a text field)
// and how to get help.
func (a App) footerView() string {
	gk := a.env.gk
	km := a.top().keys()
	bindings := km.ShortHelp()
	var pinned []key.Binding
	if p, ok := km.(pinner); ok {
		pinned = p.PinnedHelp()
	}
	switch {
	case a.showHelp:
		bindings, pinned = []key.Binding{gk.close}, nil
	case a.leavingLearner:
		bindings, pinned = []key.Binding{gk.learnerYes}, nil
	case a.covered():
		bindings, pinned = nil, nil
	}
	// The learner view's key is shown where it is wanted: in a session
	// with a learner, and while it is on (the help lists it everywhere).
	always := []key.Binding{gk.helpAlways}
	if r, inSession := a.top().(*runner); a.env.learner {
		always = []key.Binding{gk.learnerOff, gk.helpAlways}
	} else if inSession && r.round == nil && !r.wk.Sess.IsSelfReview() {
		always = []key.Binding{gk.learner, gk.helpAlways}
	}
	if a.searchAllowed() && !a.showHelp {
		always = append([]key.Binding{gk.search}, always...)
	}
	// Keys the screen pins (leaving, the scope) come first at the right,
	// and f1, which lists every key, ends it whatever the width: the left
	// gives way first.
	help := a.shortHelp([]key.Binding{gk.helpAlways}, a.w-1)
	right := help
	if rest := append(pinned, always[:len(always)-1]...); len(rest) > 0 {
		sep := a.help.Styles.ShortSeparator.Render(" • ")
		if head := a.shortHelp(rest, a.w-1-lipgloss.Width(help)-lipgloss.Width(sep)); head != "" {
			right = head + sep + help
		}
	}
	left := a.shortHelp(bindings, a.w-lipgloss.Width(right)-2)
	gap := max(a.w-lipgloss.Width(left)-lipgloss.Width(right), 1)
	return left + strings.Repeat(" ", gap) + right
}

// shortHelp lays bindings out on one line of at most w cells, ending in "…"
// when some do not fit.
func (a App) shortHelp(bindings []key.Binding, w int) string {
	// The footer is drawn at every frame and changes seldom: a line once
	// laid out is kept, by what it shows, its width and the palette.
	var k strings.Builder
	fmt.Fprintf(&k, "%d %t", w, a.env.theme.Dark)
	for _, kb := range bindings {
		if kb.Enabled() {
			k.WriteString("\x00" + kb.Help().Key + "\x01" + kb.Help().Desc)
		}
	}
	if line, ok := a.env.footers[k.String()]; ok {
		return line
	}
	line := a.layOutHelp(bindings, w)
	if len(a.env.footers) >= maxFooters {
		clear(a.env.footers)
	}
	a.env.footers[k.String()] = line
	return line
}

// maxFooters bounds the footer lines kept.
const maxFooters = 64

func (a App) layOutHelp(bindings []key.Binding, w int) string {
	st := a.help.Styles
	sep := st.ShortSeparator.Render(" • ")
	var b strings.Builder
	used := 0
	for _, kb := range bindings {
		if !kb.Enabled() {
			continue
		}
		item := st.ShortKey.Render(kb.Help().Key) + " " + st.ShortDesc.Render(kb.Help().Desc)
		if used > 0 {
			item = sep + item
		}
		iw := lipgloss.Width(item)
		if used+iw > w-2 {
			if used+2 <= w {
				b.WriteString(st.Ellipsis.Render(" …"))
			}
			break
		}
		b.WriteString(item)
		used += iw
	}
	return b.String()
}

// helpView lists every key of the screen on top (those that do not apply
// right now are dimmed), in as many columns as the height needs.
func (a App) helpView() string {
	e := a.env
	groups := a.top().keys().FullHelp()
	global := []key.Binding{e.gk.learner, e.gk.helpAlways, e.gk.help, e.gk.quit}
	if a.searchAllowed() {
		global = append([]key.Binding{e.gk.search}, global...)
	}
	groups = append(groups, global)
	var items []string
	for gi, g := range groups {
		if gi > 0 && len(items) > 0 && items[len(items)-1] != "" {
			items = append(items, "")
		}
		for _, kb := range g {
			h := kb.Help()
			if h.Key == "" {
				continue
			}
			pad := strings.Repeat(" ", max(1, 12-lipgloss.Width(h.Key)))
			if kb.Enabled() {
				items = append(items, e.st.heading.Render(h.Key)+pad+h.Desc)
			} else {
				items = append(items, e.st.muted.Render(h.Key+pad+h.Desc))
			}
		}
	}
	rows := max(a.h-2-3, 1) // body minus the title and the closing line
	cols := (len(items) + rows - 1) / rows
	colW := a.w / max(cols, 1)
	var b strings.Builder
	b.WriteString(e.st.title.Render(e.t("help.title")) + "\n\n")
	for r := 0; r < rows && r < len(items); r++ {
		for c := 0; c < cols; c++ {
			i := c*rows + r
			if i >= len(items) {
				break
			}
			cell := ansi.Truncate(items[i], colW-2, "…")
			if c < cols-1 {
				cell = padRight(cell, colW)
			}
			b.WriteString(cell)
		}
		b.WriteString("\n")
	}
	b.WriteString(e.st.muted.Render(e.t("help.footer")))
	return b.String()
}

// today is the calendar day where the companion is.
func (e *env) today() model.Date { return model.DateOf(e.now().In(e.loc)) }

// describeErr turns a store error into words for the user.
func (e *env) describeErr(err error) string {
	if err == nil {
		return ""
	}
	if words, ok := model.DescribeStoreError(e.lang, err); ok {
		return words
	}
	return e.tf("err.other", err.Error())
}

// others reports whether a session was held by another person on a bansou
// server: theirs to go on with.
func (e *env) others(sum model.SessionSummary) bool { return sum.HeldBy != 0 && sum.HeldBy != e.me }
