// Package testclock gives a build of bansou made for its own end-to-end
// tests a clock that starts at a date the test chooses. bansou itself never
// imports it: only a file built with the tag testclock and the tests do, so
// no user can set the date of a released bansou.
package testclock

import (
	"fmt"
	"time"
)

// Var is the environment variable that sets the clock: an RFC 3339 time
// such as 2028-02-29T10:00:00+09:00.
const Var = "BANSOU_TEST_NOW"

// FromEnv returns a clock that reads the time in Var when the process
// started and moves on with the real clock from there, so that timers,
// autosave and a round's timer behave as they do on the system clock. It
// returns nil when Var is unset, and panics on a value that does not
// parse: a test that sets a date it cannot have must not run on today's.
func FromEnv(getenv func(string) string) func() time.Time {
	v := getenv(Var)
	if v == "" {
		return nil
	}
	base, err := time.Parse(time.RFC3339, v)
	if err != nil {
		panic(fmt.Sprintf("%s=%q: %v", Var, v, err))
	}
	return From(base)
}

// From is a clock that reads base now and moves on with the real clock.
func From(base time.Time) func() time.Time {
	started := time.Now()
	base = base.In(time.Local)
	return func() time.Time { return base.Add(time.Since(started)) }
}
