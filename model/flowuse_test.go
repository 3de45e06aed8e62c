package model

import (
	"strings"
	"testing"
)

// TestArrivalAndWrapUpAreFlowUses: a flow for the first weeks at the host
// and one for summing up before the return load with their use.
func TestArrivalAndWrapUpAreFlowUses(t *testing.T) {
	for _, u := range []Use{UseArrival, UseWrapUp} {
		body := strings.Replace(goodFlow, "phase: before\n", "phase: during\nuse: "+string(u)+"\n", 1)
		lib, errs := load(t, map[string]string{"flows/f.yaml": body})
		if errs != nil {
			t.Fatalf("use %q: %v", u, errs)
		}
		if f, _ := lib.Flow("purpose"); f.Use != u {
			t.Errorf("use = %q, want %q", f.Use, u)
		}
	}
}
