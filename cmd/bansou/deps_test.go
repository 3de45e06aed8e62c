package main

import (
	"os/exec"
	"strconv"
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

// TestLinkPatternsAreNotCompiledAtStart: Glamour's patterns for GitHub
// links (third_party/glamour/internal/autolink) are compiled when a link is
// first drawn, not before main: they took 0.7–0.9 ms of every start, and
// hundreds of allocations, by GODEBUG=inittrace=1.
func TestLinkPatternsAreNotCompiledAtStart(t *testing.T) {
	cmd := exec.Command(binary, "version")
	cmd.Env = append(testEnv(t.TempDir()), "GODEBUG=inittrace=1")
	var trace strings.Builder
	cmd.Stderr = &trace
	if err := cmd.Run(); err != nil {
		t.Fatalf("version: %v\n%s", err, trace.String())
	}
	found := false
	for _, line := range strings.Split(trace.String(), "\n") {
		f := strings.Fields(line)
		if len(f) < 9 || f[0] != "init" || f[1] != "charm.land/glamour/v2/internal/autolink" {
			continue
		}
		found = true
		if allocs, err := strconv.Atoi(f[len(f)-2]); err != nil || allocs > 10 {
			t.Errorf("the link patterns are built at start: %s", line)
		}
	}
	if !found {
		t.Fatalf("no initialisation of the link patterns traced:\n%s", trace.String())
	}
}
