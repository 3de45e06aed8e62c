package main

import (
	"runtime/debug"
	"runtime/metrics"
	"testing"
	"time"
)

// gcPercent is the collector's setting now, as GOGC or SetGCPercent gave
// it (-1: off).
func gcPercent() int {
	s := []metrics.Sample{{Name: "/gc/gogc:percent"}}
	metrics.Read(s)
	return int(s[0].Value.Uint64())
}

// TestStartGCGivesTheSettingBack: the interface starts with a collector
// that lets the heap grow more, and gives back the setting it found once
// the start is over; a setting that already says as much or more, or
// turns the collector off (GOGC=off), is left as it is.
func TestStartGCGivesTheSettingBack(t *testing.T) {
	was := debug.SetGCPercent(100)
	t.Cleanup(func() { debug.SetGCPercent(was) })

	startGC(20 * time.Millisecond)
	if got := gcPercent(); got != startGCPercent {
		t.Fatalf("during the start the setting is %d, want %d", got, startGCPercent)
	}
	deadline := time.Now().Add(5 * time.Second)
	for gcPercent() != 100 {
		if time.Now().After(deadline) {
			t.Fatalf("the setting stayed %d after the start, want 100 back", gcPercent())
		}
		time.Sleep(5 * time.Millisecond)
	}

	for _, set := range []int{-1, startGCPercent, 800} {
		debug.SetGCPercent(set)
		startGC(time.Hour)
		if got := debug.SetGCPercent(set); got != set {
			t.Errorf("GOGC at %d became %d at the start", set, got)
		}
	}
}
