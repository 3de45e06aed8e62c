//go:build crashtest

package main

import tea "charm.land/bubbletea/v2"

// In a crashtest build, ctrl+] makes the interface panic, so the end-to-end
// tests can check that a crash restores the terminal and keeps what was
// saved. bansou itself is never built with this tag.
func init() {
	wrapModel = func(m tea.Model) tea.Model { return crasher{m} }
}

type crasher struct{ tea.Model }

func (c crasher) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if k, ok := msg.(tea.KeyPressMsg); ok && k.String() == "ctrl+]" {
		panic("crash test: deliberate panic")
	}
	m, cmd := c.Model.Update(msg)
	return crasher{m}, cmd
}
