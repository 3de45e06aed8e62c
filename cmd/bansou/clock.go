package main

import "time"

// testClock is nil in bansou, whose clock is the system's. A build for the
// end-to-end tests (the tag testclock) and the tests themselves set it, so
// that a test chooses the day bansou believes it is.
var testClock func(getenv func(string) string) func() time.Time

// clockFunc is the clock of every command.
func (o *globalOptions) clockFunc() func() time.Time {
	if o.clock == nil {
		o.clock = time.Now
		if testClock != nil {
			if c := testClock(o.env); c != nil {
				o.clock = c
			}
		}
	}
	return o.clock
}

// now is the time on the clock of every command.
func (o *globalOptions) now() time.Time { return o.clockFunc()() }
