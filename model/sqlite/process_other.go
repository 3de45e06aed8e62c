//go:build !unix

package sqlite

// processStart cannot tell on this system (ok is false): whether a lease
// is still held is told by its heartbeat alone.
func processStart(pid int) (start int64, alive, ok bool) { return 0, false, false }

// machine names the pid space of this process: its host name.
func machine() string { return hostname() }
