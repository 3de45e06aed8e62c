package serve

import (
	"bytes"
	"context"
	"net"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"bansou/model"
)

// hostKeyOf connects and returns the key the server showed.
func hostKeyOf(t *testing.T, addr string) []byte {
	t.Helper()
	var shown []byte
	cfg := &gossh.ClientConfig{User: "x", Auth: []gossh.AuthMethod{gossh.PublicKeys(newKey(t))},
		HostKeyCallback: func(_ string, _ net.Addr, k gossh.PublicKey) error { shown = k.Marshal(); return nil }}
	c, err := gossh.Dial("tcp", addr, cfg)
	if err != nil {
		t.Fatal(err)
	}
	c.Close()
	return shown
}

// TestHostKeyIsMadeOnceAndKept: the first start makes the host key, 0600;
// the next start on the same folder shows clients the same key.
func TestHostKeyIsMadeOnceAndKept(t *testing.T) {
	path := filepath.Join(t.TempDir(), "host_ed25519")
	first := startServer(t, func(c *Config) { c.HostKey = path })
	info, err := os.Stat(path)
	if err != nil || info.Mode().Perm() != 0o600 {
		t.Fatalf("host key: %v %v", info, err)
	}
	key := hostKeyOf(t, first.addr)
	first.stop()
	second := startServer(t, func(c *Config) { c.HostKey = path })
	if again := hostKeyOf(t, second.addr); !bytes.Equal(key, again) {
		t.Fatal("the second start showed another host key")
	}
}

// TestUnknownKeyGetsNoScreen: a key enrolled to no one gets a message in
// both languages on its error output and status 1, without a terminal and
// with one for a command; no store is ever opened for it.
func TestUnknownKeyGetsNoScreen(t *testing.T) {
	ts := startServer(t)
	stranger := newKey(t)
	for _, cmd := range []string{"", "accessible", "people"} {
		out, errOut, status := ts.run(stranger, cmd)
		if status != 1 || out != "" || !strings.Contains(errOut, "このキーは登録されていません") ||
			!strings.Contains(errOut, "This key is not enrolled") {
			t.Fatalf("%q: status %d, out %q, err %q", cmd, status, out, errOut)
		}
	}
	tm := ts.open(stranger, 80, 24, "people")
	if status := tm.status(); status != 1 || !strings.Contains(tm.screen.Text(), "This key is not enrolled") {
		t.Fatalf("people in a terminal: status %d\n%s", status, tm.screen.Text())
	}
	if len(ts.backend.opened) != 0 {
		t.Fatalf("stores opened for a stranger: %v", ts.backend.opened)
	}
}

// TestNoTerminalNoCommandIsRefused: an enrolled person who asks for the
// interface without a terminal is told to use ssh -t, in both languages.
func TestNoTerminalNoCommandIsRefused(t *testing.T) {
	ts := startServer(t)
	_, key := ts.person("鈴木 一花")
	_, errOut, status := ts.run(key, "")
	if status != 1 || !strings.Contains(errOut, "ssh -t") || !strings.Contains(errOut, "端末が必要です") ||
		!strings.Contains(errOut, "needs a terminal") {
		t.Fatalf("status %d, err %q", status, errOut)
	}
}

// TestEnrolWithTheCommand: `enrol CODE` enrols the key and ends with
// status 0; the next connection with the key opens the interface.
func TestEnrolWithTheCommand(t *testing.T) {
	ts := startServer(t)
	a, err := ts.backend.AddAccount(context.Background(), model.Account{Name: "佐藤 未来", Type: model.Host, Role: model.RoleCompanion})
	if err != nil {
		t.Fatal(err)
	}
	code := ts.code(a.ID, 72*time.Hour)
	key := newKey(t)
	out, errOut, status := ts.run(key, "enrol "+code)
	if status != 0 || !strings.Contains(out, "登録しました。ようこそ、佐藤 未来さん") {
		t.Fatalf("status %d, out %q, err %q", status, out, errOut)
	}
	tm := ts.open(key, 80, 24, "")
	tm.waitFor("まだエンゲージメントがありません")
}

// TestEnrolAtThePrompt: in a terminal, a key not enrolled is asked for its
// code; a wrong one is said so and asked again, the right one goes on into
// the interface in the same connection.
func TestEnrolAtThePrompt(t *testing.T) {
	ts := startServer(t)
	a, err := ts.backend.AddAccount(context.Background(), model.Account{Name: "田中 陽", Type: model.ThirdParty, Role: model.RoleCompanion})
	if err != nil {
		t.Fatal(err)
	}
	code := ts.code(a.ID, time.Hour)
	tm := ts.open(newKey(t), 80, 24, "")
	tm.waitFor("/ code:")
	tm.send("WRONG-CODE", keyEnter)
	// The message may come before the echo of Enter (they travel on
	// two streams) and wrap on the prompt's line: read it across lines.
	tm.waitUntil("said the code is wrong", func(s string) bool {
		return strings.Contains(strings.ReplaceAll(s, "\n", ""), "登録コードが違うか、使用済みか、期限切れです。")
	})
	tm.send(code, keyEnter)
	tm.waitFor("まだエンゲージメントがありません")
	if len(ts.backend.opened) != 1 || ts.backend.opened[0].Name != "田中 陽" {
		t.Fatalf("stores opened: %v", ts.backend.opened)
	}
}

// TestBadCodesAreRefused: an expired code, a used one and three wrong ones
// at the prompt enrol nothing; the third wrong one ends the connection.
func TestBadCodesAreRefused(t *testing.T) {
	ts := startServer(t)
	a, err := ts.backend.AddAccount(context.Background(), model.Account{Name: "高橋 蓮", Type: model.Sending, Role: model.RoleCompanion})
	if err != nil {
		t.Fatal(err)
	}
	key := newKey(t)
	expired := ts.code(a.ID, time.Hour)
	ts.clock.advance(time.Hour)
	if _, errOut, status := ts.run(key, "enrol "+expired); status != 1 || !strings.Contains(errOut, "期限切れ") || !strings.Contains(errOut, "expired") {
		t.Fatalf("expired: status %d, %q", status, errOut)
	}
	used := ts.code(a.ID, time.Hour)
	if _, _, status := ts.run(newKey(t), "enrol "+used); status != 0 {
		t.Fatal("a good code was refused")
	}
	if _, errOut, status := ts.run(key, "enrol "+used); status != 1 || !strings.Contains(errOut, "使用済み") {
		t.Fatalf("used: status %d, %q", status, errOut)
	}

	tm := ts.open(key, 80, 24, "")
	for i := range 3 {
		tm.waitUntil("asked for a code again", func(s string) bool {
			return strings.Count(s, "/ code:") == i+1
		})
		tm.send("NOPE", keyEnter)
	}
	if status := tm.status(); status != 1 || !strings.Contains(tm.screen.Text(), "3回続けて違いました") {
		t.Fatalf("three wrong codes: status %d\n%s", status, tm.screen.Text())
	}
	if _, err := ts.backend.AccountByKey(context.Background(), KeyString(key.PublicKey())); err == nil {
		t.Fatal("the key was enrolled")
	}
}

// TestWrongCodesFromOneAddressAreLimited: after ten wrong codes from one
// address in 15 minutes, a key not enrolled from there is refused at once,
// even with a good code; enrolled people still get in; 15 minutes later
// the good code works.
func TestWrongCodesFromOneAddressAreLimited(t *testing.T) {
	ts := startServer(t)
	_, known := ts.person("伊藤 光")
	a, err := ts.backend.AddAccount(context.Background(), model.Account{Name: "渡辺 空", Type: model.Sending, Role: model.RoleCompanion})
	if err != nil {
		t.Fatal(err)
	}
	good := ts.code(a.ID, 24*time.Hour)
	for i := range 10 {
		if _, errOut, status := ts.run(newKey(t), "enrol BAD-0000"); status != 1 || !strings.Contains(errOut, "期限切れ") {
			t.Fatalf("wrong code %d: %d %q", i, status, errOut)
		}
		ts.clock.advance(time.Minute)
	}
	key := newKey(t)
	_, errOut, status := ts.run(key, "enrol "+good)
	if status != 1 || !strings.Contains(errOut, "15分ほどしてから") || !strings.Contains(errOut, "Too many wrong enrolment codes") {
		t.Fatalf("eleventh try: %d %q", status, errOut)
	}
	tm := ts.open(key, 80, 24, "")
	if status := tm.status(); status != 1 || strings.Contains(tm.screen.Text(), "/ code:") {
		t.Fatalf("the prompt was offered while limited: %d\n%s", status, tm.screen.Text())
	}
	if out, _, status := ts.run(known, "enrol"); status != 0 || !strings.Contains(out, "伊藤 光") {
		t.Fatalf("an enrolled key was refused: %d %q", status, out)
	}
	ts.clock.advance(6 * time.Minute) // the first wrong code is now 15 minutes old
	if out, errOut, status := ts.run(key, "enrol "+good); status != 0 || !strings.Contains(out, "渡辺 空") {
		t.Fatalf("after the window: %d %q %q", status, out, errOut)
	}
}

// TestAdminAddsAPerson: the admin key given at start may add a person; the
// code printed enrols a key; the list shows them; a person who is not an
// admin is refused.
func TestAdminAddsAPerson(t *testing.T) {
	admin := newKey(t)
	ts := startServer(t, func(c *Config) {
		c.AdminKey = string(gossh.MarshalAuthorizedKey(admin.PublicKey())) + " office@example"
		c.AdminName = "事務局 小林"
	})
	out, errOut, status := ts.run(admin, `people add '山田 花子' --type host --role companion --accessible --ttl 48h`)
	if status != 0 {
		t.Fatalf("people add: %d %q %q", status, out, errOut)
	}
	m := regexp.MustCompile(`登録コード: (\S+)\n有効期限: (.+)\n`).FindStringSubmatch(out)
	if m == nil || !strings.Contains(out, "山田 花子 さんを追加しました") {
		t.Fatalf("people add printed %q", out)
	}
	if want := testNow.Add(48 * time.Hour).Format("2006-01-02 15:04 MST"); m[2] != want {
		t.Fatalf("expiry %q, want %q", m[2], want)
	}
	if strings.Contains(out, "\x1b") {
		t.Fatalf("escape sequences in %q", out)
	}
	key := newKey(t)
	if out, _, status := ts.run(key, "enrol "+m[1]); status != 0 || !strings.Contains(out, "山田 花子") {
		t.Fatalf("enrol with the printed code: %d %q", status, out)
	}
	acct, err := ts.backend.AccountByKey(context.Background(), KeyString(key.PublicKey()))
	if err != nil || acct.Type != model.Host || acct.Role != model.RoleCompanion || !acct.Accessible || acct.Admin {
		t.Fatalf("enrolled as %+v, %v", acct, err)
	}
	out, _, status = ts.run(admin, "people")
	if status != 0 || !regexp.MustCompile(`山田 花子\s+越境先\s+伴走者\s+テキスト画面`).MatchString(out) ||
		!regexp.MustCompile(`事務局 小林\s+所属組織\s+伴走者\s+管理者`).MatchString(out) {
		t.Fatalf("people: %d\n%s", status, out)
	}
	// She has a key now: a new code is hers to make, not the admin's (with
	// it the admin could sign in as her).
	if out, errOut, status := ts.run(admin, "people code '山田 花子'"); status != 1 || strings.Contains(out, "登録コード") ||
		!strings.Contains(errOut, "すでに鍵を登録しています") {
		t.Fatalf("people code for a person with a key: %d %q %q", status, out, errOut)
	}
	out, _, status = ts.run(key, "code --ttl 1h")
	m = regexp.MustCompile(`登録コード: (\S+)\n`).FindStringSubmatch(out)
	if status != 0 || m == nil || !strings.Contains(out, "もう一つの鍵で") {
		t.Fatalf("code for her own other key: %d %q", status, out)
	}
	laptop := newKey(t)
	if out, _, status := ts.run(laptop, "enrol "+m[1]); status != 0 || !strings.Contains(out, "山田 花子") {
		t.Fatalf("enrol her other key: %d %q", status, out)
	}
	if acct, err := ts.backend.AccountByKey(context.Background(), KeyString(laptop.PublicKey())); err != nil || acct.Name != "山田 花子" {
		t.Fatalf("her other key is %+v, %v", acct, err)
	}
	if _, errOut, status := ts.run(admin, "people add 誰か --type boss --role companion"); status != 1 || !strings.Contains(errOut, `"boss"`) {
		t.Fatalf("a bad type: %d %q", status, errOut)
	}
	for _, cmd := range []string{"people", "people add 木村 --type host --role office"} {
		if _, errOut, status := ts.run(key, cmd); status != 1 || !strings.Contains(errOut, "管理者だけ") {
			t.Fatalf("%s by a non-admin: %d %q", cmd, status, errOut)
		}
	}
	if list, _ := ts.backend.AccountList(context.Background()); len(list) != 2 {
		t.Fatalf("people now: %v", list)
	}
	out, errOut, status = ts.run(admin, "people set '山田 花子' --role facilitator --accessible false --lang en")
	if status != 0 || !strings.Contains(out, "山田 花子 さんを変更しました（越境先、ファシリテーター）") {
		t.Fatalf("people set: %d %q %q", status, out, errOut)
	}
	if acct, _ := ts.backend.AccountByKey(context.Background(), KeyString(key.PublicKey())); acct.Role != model.RoleFacilitator ||
		acct.Accessible || acct.Lang != model.En || acct.Type != model.Host {
		t.Fatalf("after people set: %+v", acct)
	}
	if _, errOut, status := ts.run(admin, "people set '山田 花子' --accessible maybe"); status != 1 || !strings.Contains(errOut, "people set") {
		t.Fatalf("a bad flag value: %d %q", status, errOut)
	}
	if _, errOut, status := ts.run(key, "people set '山田 花子' --admin true"); status != 1 || errOut == "" {
		t.Fatalf("a non-admin makes herself admin: %d %q", status, errOut)
	}
}
