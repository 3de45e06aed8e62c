package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	"bansou/model/sqlite"
)

// The completion scripts are cobra's: they ask bansou itself for the
// subcommands, flags and values (bansou __complete ...), so what they
// offer is tested by completing through that command and, for bash, by
// running the script.

func TestCompletionScripts(t *testing.T) {
	for _, c := range []struct {
		shell string
		want  []string
		check []string // a syntax check, when the shell is installed
	}{
		{"bash", []string{"# bash completion V2 for bansou", "__start_bansou()", "complete -o default -F __start_bansou bansou", "__complete"}, []string{"bash", "-n"}},
		{"zsh", []string{"#compdef bansou\n", "compdef _bansou bansou", "__complete"}, []string{"zsh", "-n"}},
		{"fish", []string{"complete -c bansou ", "__bansou_perform_completion", "__complete"}, []string{"fish", "--no-execute"}},
	} {
		code, out, stderr := runCLI(t, isolated(t), "completion", c.shell)
		if code != 0 || stderr != "" {
			t.Fatalf("%s: %d %q", c.shell, code, stderr)
		}
		for _, want := range c.want {
			if !strings.Contains(out, want) {
				t.Errorf("the %s script lacks %q", c.shell, want)
			}
		}
		if _, err := exec.LookPath(c.check[0]); err != nil {
			t.Logf("%s is not installed: its script's syntax is not checked", c.shell)
			continue
		}
		file := filepath.Join(t.TempDir(), "bansou."+c.shell)
		os.WriteFile(file, []byte(out), 0o600)
		if msg, err := exec.Command(c.check[0], append(c.check[1:], file)...).CombinedOutput(); err != nil {
			t.Errorf("%s -n: %v\n%s", c.shell, err, msg)
		}
	}
}

// completions asks bansou what it offers after args, as the scripts do.
func completions(t *testing.T, args ...string) (values []string, directive string) {
	t.Helper()
	code, out, stderr := runCLI(t, isolated(t), append([]string{"__complete"}, args...)...)
	if code != 0 {
		t.Fatalf("__complete %q: %d %s", args, code, stderr)
	}
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		if d, ok := strings.CutPrefix(line, ":"); ok {
			directive = d
			continue
		}
		value, _, _ := strings.Cut(line, "\t")
		values = append(values, value)
	}
	return values, directive
}

func TestCompletingFlagValues(t *testing.T) {
	const noFiles, dirs = "4", "16"
	for _, c := range []struct {
		args      []string
		want      []string
		directive string
	}{
		{[]string{"--lang", ""}, []string{"ja", "en"}, noFiles},
		{[]string{"export", "--lang", ""}, []string{"ja", "en"}, noFiles},
		{[]string{"export", "--format", ""}, []string{"md", "json", "csv"}, noFiles},
		{[]string{"export", "--audience", ""}, []string{"learner", "sending", "host"}, noFiles},
		{[]string{"export", "--round", ""}, []string{"latest"}, noFiles},
		{[]string{"export", "--self-review", ""}, []string{"latest"}, noFiles},
		{[]string{"doctor", "--format", ""}, []string{"text", "json"}, noFiles},
		{[]string{"search", "--format", ""}, []string{"text", "json"}, noFiles},
		{[]string{"skills", "--format", ""}, []string{"text", "json"}, noFiles},
		{[]string{"rounds", "--format", ""}, []string{"text", "json"}, noFiles},
		{[]string{"content", "list", "--format", ""}, []string{"text", "json"}, noFiles},
		{[]string{"--content", ""}, nil, dirs},
		{[]string{"content", "check", ""}, nil, dirs},
	} {
		got, directive := completions(t, c.args...)
		if !slices.Equal(got, c.want) || directive != c.directive {
			t.Errorf("%q: %q with directive %s, want %q with %s", c.args, got, directive, c.want, c.directive)
		}
	}
	// Subcommands and flags.
	if got, _ := completions(t, ""); !slices.Contains(got, "doctor") || !slices.Contains(got, "export") || !slices.Contains(got, "completion") {
		t.Errorf("subcommands: %q", got)
	}
	if got, _ := completions(t, "doctor", "--"); !slices.Contains(got, "--format") || !slices.Contains(got, "--lang") || !slices.Contains(got, "--db") {
		t.Errorf("doctor's flags: %q", got)
	}
}

// TestBashCompletionEndToEnd runs the bash script against the built
// bansou, as bash does on a tab.
func TestBashCompletionEndToEnd(t *testing.T) {
	if _, err := exec.LookPath("bash"); err != nil {
		t.Skip("bash is not installed")
	}
	code, script, _ := runCLI(t, isolated(t), "completion", "bash")
	if code != 0 {
		t.Fatal(code)
	}
	dir := t.TempDir()
	file := filepath.Join(dir, "bansou.bash")
	os.WriteFile(file, []byte(script), 0o600)
	// The script prefers the bash-completion package's word splitting,
	// which may not be installed; this stands in for the part it uses.
	driver := `source "$SCRIPT"
_get_comp_words_by_ref() {
	cur=${COMP_WORDS[COMP_CWORD]}
	prev=${COMP_WORDS[COMP_CWORD-1]}
	words=("${COMP_WORDS[@]}")
	cword=$COMP_CWORD
}
read -r -a COMP_WORDS <<< "$LINE"
[[ $LINE == *" " ]] && COMP_WORDS+=("")
COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))
COMP_LINE=$LINE
COMP_POINT=${#LINE}
__start_bansou 2>/dev/null
printf '%s\n' "${COMPREPLY[@]}"
`
	for _, c := range []struct {
		line string
		want []string
	}{
		{"bansou doc", []string{"doctor"}},
		{"bansou --lang ", []string{"ja", "en"}},
		{"bansou export --format ", []string{"md", "json", "csv"}},
		{"bansou export --audience h", []string{"host"}},
		{"bansou doctor --fo", []string{"--format"}},
		{"bansou search --format j", []string{"json"}},
	} {
		cmd := exec.Command("bash", "-c", driver)
		cmd.Env = append(testEnv(dir), "PATH="+filepath.Dir(binary)+string(os.PathListSeparator)+os.Getenv("PATH"),
			"SCRIPT="+file, "LINE="+c.line)
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("%q: %v", c.line, err)
		}
		if got := strings.Fields(string(out)); !slices.Equal(got, c.want) {
			t.Errorf("%q completes to %q, want %q", c.line, got, c.want)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "data")); !os.IsNotExist(err) {
		t.Fatal("completing created the data folder")
	}
}

func TestVersionIsTheSameEverywhere(t *testing.T) {
	defer func(v string) { version = v }(version)
	version = "1.4.0" // as -ldflags "-X main.version=1.4.0" sets it
	want := fmt.Sprintf("bansou 1.4.0 (schema %d, %s %s/%s)\n", sqlite.SchemaVersion(), runtime.Version(), runtime.GOOS, runtime.GOARCH)
	if code, out, _ := runCLI(t, isolated(t), "version"); code != 0 || out != want {
		t.Fatalf("version: %d %q, want %q", code, out, want)
	}
	_, r := doctorJSON(t, isolated(t))
	if r.Version != "1.4.0" || r.Schema != sqlite.SchemaVersion() {
		t.Fatalf("doctor: version %q schema %d", r.Version, r.Schema)
	}
	if _, out, _ := runCLI(t, isolated(t), "doctor", "--lang", "en"); !strings.Contains(out, "  version          "+strings.TrimPrefix(strings.TrimSpace(want), "bansou ")+"\n") {
		t.Fatalf("doctor's text:\n%s", out)
	}
}
