// Command stockarea is the baseline of the key → frame benchmark measured
// from outside the process (cmd/bansou, BenchmarkKeyToFrameInTerminal):
// the stock Bubbles textarea, full screen, with Bubble Tea's defaults,
// as a program built on it out of the box (gum write) is. It takes its
// text as typed or pasted, and ctrl+c quits.
package main

import (
	"fmt"
	"os"

	"charm.land/bubbles/v2/textarea"
	tea "charm.land/bubbletea/v2"
)

type model struct {
	ta textarea.Model
}

func (m model) Init() tea.Cmd { return nil }

func (m model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.ta.SetWidth(msg.Width)
		m.ta.SetHeight(msg.Height - 2)
		return m, nil
	case tea.KeyPressMsg:
		if msg.String() == "ctrl+c" {
			return m, tea.Quit
		}
	}
	var cmd tea.Cmd
	m.ta, cmd = m.ta.Update(msg)
	return m, cmd
}

// View draws a title line above the textarea, with the terminal's cursor
// at the caret.
func (m model) View() tea.View {
	v := tea.NewView("stockarea\n" + m.ta.View())
	v.AltScreen = true
	if c := m.ta.Cursor(); c != nil {
		c.Position.Y++
		v.Cursor = c
	}
	return v
}

func main() {
	ta := textarea.New()
	ta.ShowLineNumbers = false // before SetWidth (stack probe §1b)
	ta.SetVirtualCursor(false)
	ta.CharLimit = 0
	ta.MaxHeight = 0
	ta.Focus()
	if _, err := tea.NewProgram(model{ta: ta}).Run(); err != nil {
		fmt.Fprintln(os.Stderr, "stockarea:", err)
		os.Exit(1)
	}
}
