package model

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"

	"go.yaml.in/yaml/v3"
)

// FlowsDir is the folder of a content directory that holds one flow per file.
const FlowsDir = "flows"

// ContentError is one problem in a content file, with where it is.
type ContentError struct {
	File string
	Line int
	Msg  string
}

func (e ContentError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.File, e.Msg)
}

// ContentErrors is every problem found in a content directory.
type ContentErrors []ContentError

func (es ContentErrors) Error() string {
	lines := make([]string, len(es))
	for i, e := range es {
		lines[i] = e.Error()
	}
	return strings.Join(lines, "\n")
}

// LoadLibrary reads and validates every flow under flows/ in fsys, and the
// skill map under skills/, the peer rounds under rounds/ and cases/ and the
// orientation under orientation/ if those folders exist (Library.Skills,
// Rounds and Orientation stay nil otherwise). It reports
// every problem at once, as ContentErrors, sorted by file and line. root is
// prefixed to file names in messages (the directory the user named, or "" for
// paths relative to fsys).
func LoadLibrary(fsys fs.FS, root string) (*Library, error) {
	l := &contentLoader{root: root, parsed: parseAll(fsys, FlowsDir, SkillsDir, RoundsDir, CasesDir, OrientationDir)}
	files, err := fs.Glob(fsys, FlowsDir+"/*")
	if err != nil {
		return nil, err
	}
	sort.Strings(files)
	var flows []*Flow
	for _, name := range files {
		ext := strings.ToLower(path.Ext(name))
		if ext != ".yaml" && ext != ".yml" {
			continue
		}
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			l.add(name, 0, "cannot read: %v", err)
			continue
		}
		if f := l.parseFlow(name, data); f != nil {
			flows = append(flows, f)
		}
	}
	if len(flows) == 0 && len(l.errs) == 0 {
		l.add(FlowsDir, 0, "no flow files (*.yaml) found")
	}
	seen := map[string]*Flow{}
	for _, f := range flows {
		if f.ID == SelfReviewFlowID {
			l.add(f.File, f.Line, "flow id %q is reserved for the skill self-review; choose another id", f.ID)
			continue
		}
		if first, dup := seen[f.ID]; dup {
			l.add(f.File, f.Line, "duplicate flow id %q (first defined at %s:%d)", f.ID, l.display(first.File), first.Line)
			continue
		}
		seen[f.ID] = f
	}
	for _, f := range flows {
		l.checkEchoes(f, seen)
	}
	skills := l.loadSkills(fsys)
	rounds := l.loadRounds(fsys, skills)
	orientation := l.loadOrientation(fsys)
	if skills != nil {
		for _, f := range flows {
			for _, id := range f.Skills {
				if _, ok := skills.Skill(id); !ok {
					l.add(f.File, f.skillsLine, "flow %q names skill %q, but the skill map has no such skill", f.ID, id)
				}
			}
		}
	}
	if len(l.errs) > 0 {
		sort.SliceStable(l.errs, func(i, j int) bool {
			if l.errs[i].File != l.errs[j].File {
				return l.errs[i].File < l.errs[j].File
			}
			return l.errs[i].Line < l.errs[j].Line
		})
		return nil, l.errs
	}
	lib := NewLibrary(flows)
	lib.SetSkills(skills)
	lib.SetRounds(rounds)
	lib.Orientation = orientation
	return lib, nil
}

type contentLoader struct {
	root string
	errs ContentErrors
	file string
	// parsed holds the files parseAll parsed, by name.
	parsed map[string]parsedFile
}

// parsedFile is a YAML file parsed, or why it could not be.
type parsedFile struct {
	doc yaml.Node
	err error
}

// parseAll parses every YAML file in the folders, each in its own
// goroutine: parsing is most of the time content takes to load (about ten
// milliseconds at every start), and the files do not depend on one
// another. A file that cannot be read is left out, for the loader to
// report.
func parseAll(fsys fs.FS, dirs ...string) map[string]parsedFile {
	var names []string
	for _, dir := range dirs {
		names = append(names, yamlFiles(fsys, dir)...)
	}
	files := make([]parsedFile, len(names))
	read := make([]bool, len(names))
	var wg sync.WaitGroup
	for i, name := range names {
		wg.Go(func() {
			data, err := fs.ReadFile(fsys, name)
			if err != nil {
				return
			}
			read[i] = true
			files[i].err = yaml.Unmarshal(data, &files[i].doc)
		})
	}
	wg.Wait()
	out := make(map[string]parsedFile, len(names))
	for i, name := range names {
		if read[i] {
			out[name] = files[i]
		}
	}
	return out
}

func (l *contentLoader) display(name string) string {
	if l.root == "" {
		return name
	}
	return path.Join(l.root, name)
}

func (l *contentLoader) add(file string, line int, format string, args ...any) {
	l.errs = append(l.errs, ContentError{File: l.display(file), Line: line, Msg: fmt.Sprintf(format, args...)})
}

func (l *contentLoader) errorf(n *yaml.Node, format string, args ...any) {
	line := 0
	if n != nil {
		line = n.Line
	}
	l.add(l.file, line, format, args...)
}

var yamlLine = regexp.MustCompile(`line (\d+)`)

func (l *contentLoader) parseFlow(name string, data []byte) *Flow {
	root := l.document(name, data)
	if root == nil {
		return nil
	}
	fields := l.mapping(root, "flow", "id", "phase", "mode", "use", "order", "title", "summary", "refs", "skills", "prompts")
	if fields == nil {
		return nil
	}
	f := &Flow{File: name, Line: root.Line}
	f.ID = l.id(root, fields.get("id"), "flow")
	f.Phase = Phase(l.str(fields.get("phase")))
	if fields.get("phase") == nil {
		l.errorf(root, "flow is missing phase (before, during or after)")
	} else if !f.Phase.Valid() {
		l.errorf(fields.get("phase"), "unknown phase %q (use before, during or after)", f.Phase)
	}
	f.Mode = OneOnOne
	if n := fields.get("mode"); n != nil {
		f.Mode = Mode(l.str(n))
		if !f.Mode.Valid() {
			l.errorf(n, "unknown mode %q (use one-on-one, three-party, solo or round)", f.Mode)
		}
	}
	if n := fields.get("use"); n != nil {
		f.Use = Use(l.str(n))
		if !f.Use.Valid() || f.Use == UseNone {
			l.errorf(n, "unknown use %q (use checkin, checkpoint, agreement, revisit, arrival or wrapup)", f.Use)
		}
	}
	f.Order = DefaultOrder
	if n := fields.get("order"); n != nil {
		v, err := strconv.Atoi(l.str(n))
		if err != nil || v < 0 {
			l.errorf(n, "order must be a whole number (0 or more), not %q", n.Value)
		}
		f.Order = v
	}
	f.Title = l.title(root, fields, "title", "flow title", true)
	f.Summary = l.text(root, fields, "summary", "flow summary", false)
	f.Refs = l.str(fields.get("refs"))
	f.Skills = l.strList(fields.get("skills"), "flow skills")
	f.skillsLine = root.Line
	if n := fields.get("skills"); n != nil {
		f.skillsLine = n.Line
	}
	f.Prompts = l.prompts(root, fields.get("prompts"))
	l.checkRelated(f)
	return f
}

func (l *contentLoader) prompts(parent, n *yaml.Node) []Prompt {
	if n == nil {
		l.errorf(parent, "flow has no prompts")
		return nil
	}
	if n.Kind != yaml.SequenceNode {
		l.errorf(n, "prompts must be a list")
		return nil
	}
	if len(n.Content) == 0 {
		l.errorf(n, "flow has no prompts")
	}
	var out []Prompt
	seen := map[string]int{}
	for _, item := range n.Content {
		fields := l.mapping(item, "prompt", "id", "kind", "title", "text", "listen", "avoid", "followups", "related", "refs", "scale", "options", "echoes", "by-type")
		if fields == nil {
			continue
		}
		p := Prompt{Line: item.Line}
		p.ID = l.id(item, fields.get("id"), "prompt")
		what := fmt.Sprintf("prompt %q", p.ID)
		if first, dup := seen[p.ID]; dup && p.ID != "" {
			l.errorf(fields.get("id"), "duplicate prompt id %q (first defined at line %d)", p.ID, first)
		} else {
			seen[p.ID] = item.Line
		}
		p.Kind = KindText
		if k := fields.get("kind"); k != nil {
			p.Kind = AnswerKind(l.str(k))
			if !p.Kind.Valid() {
				l.errorf(k, "%s: unknown answer kind %q (known: %s)", what, p.Kind, kindList())
			}
		}
		p.Title = l.title(item, fields, "title", what+" title", true)
		p.Text = l.text(item, fields, "text", what+" text", true)
		p.Listen = l.text(item, fields, "listen", what+" listen hint", true)
		p.Avoid = l.text(item, fields, "avoid", what+" avoid hint", false)
		p.Refs = l.str(fields.get("refs"))
		p.Followups = l.followups(item, fields.get("followups"), what)
		p.Related = l.strList(fields.get("related"), what+" related")
		if n := fields.get("echoes"); n != nil {
			p.Echoes, p.echoLine = l.str(n), n.Line
		}
		p.ByType = l.variants(fields.get("by-type"), what)
		l.kindFields(item, fields, &p, what)
		out = append(out, p)
	}
	return out
}

func (l *contentLoader) followups(parent, n *yaml.Node, what string) []Followup {
	if n == nil {
		l.errorf(parent, "%s has no followups (at least one is needed for digging deeper)", what)
		return nil
	}
	if n.Kind != yaml.SequenceNode {
		l.errorf(n, "%s followups must be a list", what)
		return nil
	}
	if len(n.Content) == 0 {
		l.errorf(n, "%s has no followups (at least one is needed for digging deeper)", what)
	}
	var out []Followup
	seen := map[string]int{}
	for _, item := range n.Content {
		fields := l.mapping(item, "followup", "id", "text", "refs")
		if fields == nil {
			continue
		}
		f := Followup{ID: l.id(item, fields.get("id"), "followup")}
		if first, dup := seen[f.ID]; dup && f.ID != "" {
			l.errorf(fields.get("id"), "%s: duplicate followup id %q (first defined at line %d)", what, f.ID, first)
		} else {
			seen[f.ID] = item.Line
		}
		f.Text = l.text(item, fields, "text", fmt.Sprintf("%s followup %q text", what, f.ID), true)
		f.Refs = l.str(fields.get("refs"))
		out = append(out, f)
	}
	return out
}

// kindFields reads and checks what a prompt's kind needs: the labels of a
// scale, the options of a choice, the categories of an anxiety prompt.
func (l *contentLoader) kindFields(item *yaml.Node, f fields, p *Prompt, what string) {
	needsScale := p.Kind == KindScale
	needsOptions := p.Kind == KindChoice || p.Kind == KindMulti || p.Kind == KindAnxiety
	if n := f.get("scale"); n != nil {
		if !needsScale {
			l.errorf(f.keyNode("scale"), "%s: scale is only for kind scale", what)
		} else if n.Kind != yaml.SequenceNode {
			l.errorf(n, "%s scale must be a list of %d labels", what, ScalePoints)
		} else {
			if len(n.Content) != ScalePoints {
				l.errorf(f.keyNode("scale"), "%s scale has %d labels; it needs exactly %d (for 1 to %d)", what, len(n.Content), ScalePoints, ScalePoints)
			}
			for i, label := range n.Content {
				tf := fields{"label": {label, label}}
				p.Scale = append(p.Scale, l.text(label, tf, "label", fmt.Sprintf("%s scale point %d", what, i+1), true))
			}
		}
	} else if needsScale {
		l.errorf(item, "%s is a scale but has no scale labels", what)
	}
	if n := f.get("options"); n != nil {
		if !needsOptions {
			l.errorf(f.keyNode("options"), "%s: options are only for kinds choice, multi and anxiety", what)
		} else if n.Kind != yaml.SequenceNode {
			l.errorf(n, "%s options must be a list", what)
		} else {
			seen := map[string]int{}
			for _, on := range n.Content {
				of := l.mapping(on, "option", "id", "text")
				if of == nil {
					continue
				}
				o := Option{ID: l.id(on, of.get("id"), "option")}
				if first, dup := seen[o.ID]; dup && o.ID != "" {
					l.errorf(of.get("id"), "%s: duplicate option id %q (first defined at line %d)", what, o.ID, first)
				} else {
					seen[o.ID] = on.Line
				}
				o.Text = l.text(on, of, "text", fmt.Sprintf("%s option %q text", what, o.ID), true)
				p.Options = append(p.Options, o)
			}
			if len(n.Content) < 2 {
				l.errorf(f.keyNode("options"), "%s needs at least 2 options", what)
			}
		}
	} else if needsOptions {
		l.errorf(item, "%s (kind %s) has no options", what, p.Kind)
	}
}

// checkEchoes reports echoes that name no prompt of any flow.
func (l *contentLoader) checkEchoes(f *Flow, flows map[string]*Flow) {
	for _, p := range f.Prompts {
		if p.Echoes == "" {
			continue
		}
		fid, pid, ok := p.EchoOf()
		switch {
		case !ok:
			l.add(f.File, p.echoLine, "prompt %q: echoes must name a flow and a prompt as flow/prompt, not %q", p.ID, p.Echoes)
		case fid == f.ID && pid == p.ID:
			l.add(f.File, p.echoLine, "prompt %q echoes itself", p.ID)
		case flows[fid] == nil:
			l.add(f.File, p.echoLine, "prompt %q echoes %q, but there is no flow %q", p.ID, p.Echoes, fid)
		default:
			if _, found := flows[fid].Prompt(pid); !found {
				l.add(f.File, p.echoLine, "prompt %q echoes %q, but flow %q has no prompt %q", p.ID, p.Echoes, fid, pid)
			}
		}
	}
}

// checkRelated reports related ids that name no prompt of the flow.
func (l *contentLoader) checkRelated(f *Flow) {
	for _, p := range f.Prompts {
		for _, r := range p.Related {
			if r == p.ID {
				l.add(l.file, p.Line, "prompt %q lists itself as related", p.ID)
			} else if _, ok := f.Prompt(r); !ok {
				l.add(l.file, p.Line, "prompt %q: related prompt %q does not exist in flow %q", p.ID, r, f.ID)
			}
		}
	}
}

// fields are the values of a mapping by key, remembering each key's node so
// that problems with a value can point at the line of its key.
type fields map[string][2]*yaml.Node

// get returns the value node of key, or nil.
func (f fields) get(key string) *yaml.Node { return f[key][1] }

// keyNode returns the key node of key, or nil.
func (f fields) keyNode(key string) *yaml.Node { return f[key][0] }

// mapping checks that n is a mapping with only the allowed keys, reports
// unknown and repeated keys, and returns the values by key.
func (l *contentLoader) mapping(n *yaml.Node, what string, allowed ...string) fields {
	if n.Kind != yaml.MappingNode {
		l.errorf(n, "%s must be a mapping of keys to values", what)
		return nil
	}
	out := fields{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if !contains(allowed, k.Value) {
			l.errorf(k, "unknown key %q in %s (allowed: %s)", k.Value, what, strings.Join(allowed, ", "))
			continue
		}
		if _, dup := out[k.Value]; dup {
			l.errorf(k, "key %q given twice in %s", k.Value, what)
			continue
		}
		out[k.Value] = [2]*yaml.Node{k, v}
	}
	return out
}

var idPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`)

func (l *contentLoader) id(parent, n *yaml.Node, what string) string {
	if n == nil {
		l.errorf(parent, "%s is missing id", what)
		return ""
	}
	id := l.str(n)
	if !idPattern.MatchString(id) {
		l.errorf(n, "%s id %q must be lowercase letters, digits and hyphens", what, id)
	}
	return id
}

func (l *contentLoader) str(n *yaml.Node) string {
	if n == nil {
		return ""
	}
	if n.Kind != yaml.ScalarNode {
		l.errorf(n, "expected a single value, found a %s", nodeKind(n))
		return ""
	}
	return strings.TrimSpace(n.Value)
}

func (l *contentLoader) strList(n *yaml.Node, what string) []string {
	if n == nil {
		return nil
	}
	if n.Kind == yaml.ScalarNode {
		return []string{strings.TrimSpace(n.Value)}
	}
	if n.Kind != yaml.SequenceNode {
		l.errorf(n, "%s must be a list", what)
		return nil
	}
	var out []string
	for _, item := range n.Content {
		out = append(out, l.str(item))
	}
	return out
}

// text reads the {ja, en} mapping under key. Both languages are needed
// whenever the text is present; required texts must be present. Problems
// point at the line of the key.
func (l *contentLoader) text(parent *yaml.Node, f fields, key, what string, required bool) Text {
	n := f.get(key)
	if n == nil {
		if required {
			l.errorf(parent, "%s is missing (needs ja and en)", what)
		}
		return Text{}
	}
	at := f.keyNode(key)
	tf := l.mapping(n, what, "ja", "en")
	if tf == nil {
		return Text{}
	}
	t := Text{Ja: l.str(tf.get("ja")), En: l.str(tf.get("en"))}
	if t.Ja == "" {
		l.errorf(at, "%s is missing its ja text", what)
	}
	if t.En == "" {
		l.errorf(at, "%s is missing its en text", what)
	}
	return t
}

// title reads a text shown on one line (a title, a name): a line break in
// it (a YAML block scalar keeps them) becomes a space, as everywhere a
// single-line field is entered.
func (l *contentLoader) title(parent *yaml.Node, f fields, key, what string, required bool) Text {
	t := l.text(parent, f, key, what, required)
	return Text{Ja: SingleLine(t.Ja), En: SingleLine(t.En)}
}

func nodeKind(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "mapping"
	case yaml.SequenceNode:
		return "list"
	case yaml.AliasNode:
		return "alias"
	}
	return "value"
}

func kindList() string {
	s := make([]string, len(AnswerKinds))
	for i, k := range AnswerKinds {
		s[i] = string(k)
	}
	return strings.Join(s, ", ")
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// IsContentError reports whether err carries content problems.
func IsContentError(err error) bool {
	var ce ContentErrors
	return errors.As(err, &ce)
}
