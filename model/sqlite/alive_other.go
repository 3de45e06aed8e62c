//go:build !unix

package sqlite

// processAlive cannot tell on this system; every open session is offered for
// resuming.
func processAlive(pid int) bool { return false }
