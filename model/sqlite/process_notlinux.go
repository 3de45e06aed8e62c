//go:build unix && !linux

package sqlite

// processStart reports whether the process with this id is running. This
// system does not say when it started (start is 0): a process that took the
// id of one that stopped passes for it until its lease lapses.
func processStart(pid int) (start int64, alive, ok bool) {
	return 0, signalable(pid), true
}

// machine names the pid space of this process: its host name.
func machine() string { return hostname() }
