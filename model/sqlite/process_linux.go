package sqlite

import (
	"bytes"
	"os"
	"strconv"
	"strings"
)

// processStart reports whether the process with this id is running and
// when it started, in clock ticks since boot (field 22 of /proc/<pid>/stat),
// so that a process that took the id of one that stopped is told apart from
// it. A process that has stopped but was not yet reaped (a zombie) is not
// running. Without /proc it falls back to a signal, and the start is 0
// (unknown). ok is always true: Linux can tell.
func processStart(pid int) (start int64, alive, ok bool) {
	data, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		if _, err := os.Stat("/proc/self/stat"); err == nil {
			return 0, false, true // /proc is there, the process is not
		}
		return 0, signalable(pid), true
	}
	// The command name (field 2) is in parentheses and may hold spaces or
	// parentheses itself: the fields that follow start after the last ')'.
	i := bytes.LastIndexByte(data, ')')
	if i < 0 {
		return 0, signalable(pid), true
	}
	fields := strings.Fields(string(data[i+1:]))
	if len(fields) < 20 {
		return 0, signalable(pid), true
	}
	if state := fields[0]; state == "Z" || state == "X" { // field 3
		return 0, false, true
	}
	start, _ = strconv.ParseInt(fields[19], 10, 64) // field 22
	return start, true, true
}

// machine names the pid space of this process: the host name and, where
// Linux tells, the boot and the pid namespace, so that a process id is
// compared only with processes it can name.
func machine() string {
	parts := []string{hostname()}
	if id, err := os.ReadFile("/proc/sys/kernel/random/boot_id"); err == nil {
		parts = append(parts, strings.TrimSpace(string(id)))
	}
	if ns, err := os.Readlink("/proc/self/ns/pid"); err == nil {
		parts = append(parts, ns)
	}
	return strings.Join(parts, " ")
}
