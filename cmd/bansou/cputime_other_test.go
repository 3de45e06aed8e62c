//go:build !unix

package main

import "time"

// cpuTime cannot be read here; benchmarks leave the measure out.
func cpuTime() time.Duration { return 0 }
