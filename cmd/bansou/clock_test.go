package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"bansou/internal/testclock"
	"bansou/model"
)

// The tests run bansou at a day they choose: in the process through the
// same seam the end-to-end build has (testclock), and in the built binary
// through BANSOU_TEST_NOW, which every environment the tests make carries.
func init() { testClock = testclock.FromEnv }

// testNow is the moment the tests' bansou starts at: $BANSOU_E2E_NOW (RFC
// 3339), else a fixed morning in Tokyo. .ci/run runs the suite again on a
// leap day and on the last day of a year.
var testNow = func() time.Time {
	v := os.Getenv("BANSOU_E2E_NOW")
	if v == "" {
		v = "2026-11-21T10:00:00+09:00"
	}
	t, err := time.Parse(time.RFC3339, v)
	if err != nil {
		panic("BANSOU_E2E_NOW: " + err.Error())
	}
	return t
}()

// testTZ is the time zone of every bansou the tests start.
const testTZ = "Asia/Tokyo"

// today is the day bansou believes it is, in its time zone.
func today() model.Date {
	loc, err := time.LoadLocation(testTZ)
	if err != nil {
		loc = time.FixedZone(testTZ, 9*60*60)
	}
	return model.DateOf(testNow.In(loc))
}

// day is today moved by n days, as a date is typed (2026-12-01).
func day(n int) string { return today().AddDays(n).String() }

// clockEnv is the environment that sets bansou's clock and time zone.
func clockEnv() []string {
	return []string{testclock.Var + "=" + testNow.Format(time.RFC3339), "TZ=" + testTZ}
}

// TestClockSeamIsOnlyInTheTestBuild: the date a test sets reaches the
// build made for the tests, and a released bansou ignores it.
func TestClockSeamIsOnlyInTheTestBuild(t *testing.T) {
	env := append(testEnv(t.TempDir()), testclock.Var+"=2031-03-04T10:00:00+09:00")
	imp := exec.Command(releaseBinary, "import", "-")
	imp.Env, imp.Stdin = env, strings.NewReader(`{"format":"bansou-export","version":1,"engagements":[]}`)
	if out, err := imp.CombinedOutput(); err != nil {
		t.Fatalf("import: %v\n%s", err, out)
	}
	for _, b := range []struct {
		bin  string
		fake bool
	}{{binary, true}, {releaseBinary, false}} {
		cmd := exec.Command(b.bin, "export", "--all", "--format", "json")
		cmd.Env = env
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("%s export: %v", filepath.Base(b.bin), err)
		}
		if got := strings.Contains(string(out), `"exported_at": "2031-03-04`); got != b.fake {
			t.Errorf("%s: exported at the test's date %v, want %v:\n%s", filepath.Base(b.bin), got, b.fake, out)
		}
	}
}
