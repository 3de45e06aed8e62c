package main

import (
	"os/exec"
	"strings"
	"testing"
)

// TestTheBinaryLeavesOutWhatSlowsItsStart lists the packages bansou is
// built from and finds none whose initialisation costs the start more than
// it gives (third_party/glamour): chroma's lexers and styles (about 20 ms
// before main, for syntax highlighting in code blocks that prompts do not
// have) and bluemonday's policies and CSS tables (about 5 ms, to strip the
// tags of HTML in Markdown, which golang.org/x/net/html does).
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
		if strings.HasPrefix(p, "github.com/alecthomas/chroma") || strings.HasPrefix(p, "github.com/microcosm-cc/bluemonday") {
			t.Errorf("bansou is built with %s", p)
		}
	}
}
