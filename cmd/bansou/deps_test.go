package main

import (
	"os/exec"
	"strings"
	"testing"
)

// TestTheBinaryLeavesOutWhatSlowsItsStart lists the packages bansou is
// built from and finds none whose initialisation costs the start more than
// it gives: chroma's lexers and styles (about 20 ms before main, for
// syntax highlighting in code blocks that prompts do not have; glamour is
// built without it, third_party/glamour).
func TestTheBinaryLeavesOutWhatSlowsItsStart(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", ".").Output()
	if err != nil {
		t.Fatal("go list: ", err)
	}
	pkgs := strings.Fields(string(out))
	if len(pkgs) < 50 || !strings.Contains(string(out), "charm.land/glamour/v2/ansi") {
		t.Fatalf("go list -deps gave %d packages, without glamour:\n%s", len(pkgs), out)
	}
	for _, p := range pkgs {
		if strings.HasPrefix(p, "github.com/alecthomas/chroma") {
			t.Errorf("bansou is built with %s", p)
		}
	}
}
