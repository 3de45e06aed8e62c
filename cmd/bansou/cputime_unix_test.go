//go:build unix

package main

import (
	"syscall"
	"time"
)

// cpuTime is the processor time this process has used, every thread and
// the garbage collector included.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
