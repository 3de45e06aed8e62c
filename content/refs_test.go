package content

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// seed000 is the guideline's text, beside the repository (../shared): the
// lines every refs field of the content points at.
const seed000 = "../../shared/seeds/000_3843adc19b99da35.txt"

// refRange reads "L1094", "L1094–L1148" (en dash or hyphen, the second L
// optional) in a refs field.
var refRange = regexp.MustCompile(`L(\d+)(?:\s*[–-]\s*L?(\d+))?`)

// TestEveryRefPointsAtTheGuideline: every refs field of the built-in
// content (flows, their prompts and follow-ups, skills, their methods,
// balance items, round formats, cases, the orientation's sections) names
// lines that exist in the guideline, in order, starting and ending on a line
// with text: a reference a companion or a reviewer can follow.
func TestEveryRefPointsAtTheGuideline(t *testing.T) {
	lines, err := readLines(seed000)
	if os.IsNotExist(err) {
		t.Skipf("the guideline's text is not beside the repository (%s)", seed000)
	}
	if err != nil {
		t.Fatal(err)
	}
	lib, err := Library()
	if err != nil {
		t.Fatal(err)
	}
	type ref struct{ where, refs string }
	var all []ref
	add := func(where, refs string) {
		if strings.TrimSpace(refs) != "" {
			all = append(all, ref{where, refs})
		}
	}
	for _, f := range lib.Flows {
		add("flow "+f.ID, f.Refs)
		for _, p := range f.Prompts {
			add("prompt "+f.ID+"/"+p.ID, p.Refs)
			for ct, v := range p.ByType {
				add("prompt "+f.ID+"/"+p.ID+" for "+string(ct), v.Refs)
			}
			for _, fu := range p.Followups {
				add("follow-up "+f.ID+"/"+p.ID+"/"+fu.ID, fu.Refs)
			}
		}
	}
	if lib.Skills != nil {
		for _, s := range lib.Skills.Skills {
			add("skill "+s.ID, s.Refs)
			for i, m := range s.Methods {
				add(fmt.Sprintf("skill %s method %d", s.ID, i+1), m.Refs)
			}
			for ct, f := range s.ByType {
				add("skill "+s.ID+" for "+string(ct), f.Refs)
			}
		}
		for _, b := range lib.Skills.Balance {
			add("balance "+b.ID, b.Refs)
		}
	}
	if lib.Rounds != nil {
		for _, f := range lib.Rounds.Formats {
			add("round format "+f.ID, f.Refs)
		}
		for _, c := range lib.Rounds.Cases {
			add("case "+c.ID, c.Refs)
		}
	}
	for _, sec := range lib.Orientation {
		add("orientation "+sec.ID, sec.Refs)
	}
	if len(all) < 100 {
		t.Fatalf("only %d refs fields found: the walk misses some", len(all))
	}
	blank := func(n int) bool { return strings.TrimSpace(lines[n-1]) == "" }
	for _, r := range all {
		found := refRange.FindAllStringSubmatch(r.refs, -1)
		if len(found) == 0 {
			t.Errorf("%s: refs %q names no line", r.where, r.refs)
		}
		for _, m := range found {
			from, _ := strconv.Atoi(m[1])
			to := from
			if m[2] != "" {
				to, _ = strconv.Atoi(m[2])
			}
			switch {
			case from < 1 || to > len(lines):
				t.Errorf("%s: %s is outside the guideline's %d lines", r.where, m[0], len(lines))
			case to < from:
				t.Errorf("%s: %s runs backwards", r.where, m[0])
			case blank(from) || blank(to):
				t.Errorf("%s: %s starts or ends on a blank line", r.where, m[0])
			}
		}
	}
}

func readLines(name string) ([]string, error) {
	f, err := os.Open(filepath.FromSlash(name))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		out = append(out, sc.Text())
	}
	return out, sc.Err()
}
