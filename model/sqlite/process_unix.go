//go:build unix

package sqlite

import (
	"errors"
	"syscall"
)

// signalable reports whether a process with this id is running (a signal
// could reach it, or it belongs to another user).
func signalable(pid int) bool {
	if pid <= 0 {
		return false
	}
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}
