package tui

import (
	"context"
	"time"

	tea "charm.land/bubbletea/v2"
)

// Requests between screens and the root App. Requests are imperative;
// results of I/O are past tense and carry their error.
type (
	// pushScreenMsg asks the App to put a screen on top.
	pushScreenMsg struct{ s screen }
	// popScreenMsg asks the App to remove the top screen.
	popScreenMsg struct{}
	// replaceScreenMsg asks the App to swap the top screen for another.
	replaceScreenMsg struct{ s screen }
	// statusMsg shows a line in the status bar.
	statusMsg struct {
		text string
		err  bool
	}
	clearStatusMsg struct{ id int }
	// sizeMsg tells a screen the size of the area it draws in.
	sizeMsg struct{ w, h int }
	// quitRequestMsg tells screens the program is about to quit, so they
	// save what they hold.
	quitRequestMsg struct{}
	// quitMsg asks the App to quit: screens save what they hold first.
	quitMsg struct{}
	// refreshMsg tells a screen that is on top again to reload its data.
	refreshMsg struct{}
	// themeChangedMsg tells every screen, after a new sizeMsg laid it out
	// in the new colours, that rendered Markdown was dropped, so that a
	// screen that renders ahead does it again.
	themeChangedMsg struct{}
)

func pushScreen(s screen) tea.Cmd    { return func() tea.Msg { return pushScreenMsg{s} } }
func popScreen() tea.Msg             { return popScreenMsg{} }
func quitApp() tea.Msg               { return quitMsg{} }
func replaceScreen(s screen) tea.Cmd { return func() tea.Msg { return replaceScreenMsg{s} } }

func showStatus(text string) tea.Cmd {
	return func() tea.Msg { return statusMsg{text: text} }
}

func showError(text string) tea.Cmd {
	return func() tea.Msg { return statusMsg{text: text, err: true} }
}

// storeTimeout bounds a store call started from the UI.
const storeTimeout = 10 * time.Second

func storeCtx() (context.Context, context.CancelFunc) {
	return context.WithTimeout(context.Background(), storeTimeout)
}
