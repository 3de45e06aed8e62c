//go:build testclock

package main

import "bansou/internal/testclock"

// A build for the end-to-end tests takes its date from BANSOU_TEST_NOW.
// bansou itself is never built with this tag.
func init() { testClock = testclock.FromEnv }
