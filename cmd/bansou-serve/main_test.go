package main

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"bansou/model"
	"bansou/model/sqlite"
)

func env(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

// TestFlagsWinOverTheConfigFile: config.yaml in the data folder sets the
// address and the admin; a flag given on the command line wins over it.
func TestFlagsWinOverTheConfigFile(t *testing.T) {
	dir := t.TempDir()
	yaml := "listen: 0.0.0.0:2222\nadmin_key: ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFakeFakeFakeFakeFakeFakeFakeFakeFakeFakeFake\nadmin_name: 事務局\n"
	if err := os.WriteFile(filepath.Join(dir, "config.yaml"), []byte(yaml), 0o600); err != nil {
		t.Fatal(err)
	}
	st, err := parse([]string{"--data", dir, "--admin-name", "小林"}, env(nil), io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if st.cfg.Listen != "0.0.0.0:2222" || st.cfg.AdminName != "小林" || !strings.HasPrefix(st.cfg.AdminKey, "ssh-ed25519 ") ||
		st.cfg.HostKey != filepath.Join(dir, "host_ed25519") {
		t.Fatalf("config = %+v", st.cfg)
	}
	st, err = parse([]string{"--data", dir, "--listen", "localhost:23234"}, env(nil), io.Discard)
	if err != nil || st.cfg.Listen != "localhost:23234" || st.cfg.AdminName != "事務局" {
		t.Fatalf("config = %+v, %v", st.cfg, err)
	}
}

// TestDefaultDataFolder: without --data, the folder is
// $XDG_DATA_HOME/bansou-serve, else ~/.local/share/bansou-serve; the
// address is localhost:23234.
func TestDefaultDataFolder(t *testing.T) {
	st, err := parse(nil, env(map[string]string{"XDG_DATA_HOME": "/srv/data", "HOME": "/home/a"}), io.Discard)
	if err != nil || st.dir != "/srv/data/bansou-serve" || st.cfg.Listen != "localhost:23234" {
		t.Fatalf("%+v %v", st, err)
	}
	st, err = parse(nil, env(map[string]string{"XDG_DATA_HOME": "relative", "HOME": "/home/a"}), io.Discard)
	if err != nil || st.dir != "/home/a/.local/share/bansou-serve" {
		t.Fatalf("%+v %v", st, err)
	}
}

// TestUnknownConfigKeyIsRefused: a misspelt key in config.yaml is an
// error naming the keys, not a setting silently ignored.
func TestUnknownConfigKeyIsRefused(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "config.yaml"), []byte("admin-key: x\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if code := run([]string{"--data", dir}, env(nil), io.Discard); code != 2 {
		t.Fatalf("exit %d", code)
	}
	if _, err := parse([]string{"--data", dir}, env(nil), io.Discard); err == nil || !strings.Contains(err.Error(), "admin_key") {
		t.Fatalf("err = %v", err)
	}
}

// TestTheOperatorMakesACodeForALostKey: bansou-serve code NAME, run on the
// server, makes a code for a person who has a key already (which no admin
// may), and the code enrols a new key; an unknown name and a folder with
// no database are refused.
func TestTheOperatorMakesACodeForALostKey(t *testing.T) {
	dir := t.TempDir()
	store, err := sqlite.Open(filepath.Join(dir, "bansou.db"), sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	a, _ := store.AddAccount(ctx, model.Account{Name: "山田 花子"})
	first, _ := store.NewCode(ctx, a.ID, time.Hour)
	if _, err := store.Enrol(ctx, first, "ssh-ed25519 AAAAold"); err != nil {
		t.Fatal(err)
	}
	var out, errOut bytes.Buffer
	if code := operatorCode([]string{"山田 花子", "--data", dir, "--ttl", "1h"}, env(nil), &out, &errOut); code != 0 {
		t.Fatalf("code %d: %s", code, errOut.String())
	}
	m := regexp.MustCompile(`enrol (\S+)`).FindStringSubmatch(out.String())
	if m == nil {
		t.Fatalf("printed %q", out.String())
	}
	if got, err := store.Enrol(ctx, m[1], "ssh-ed25519 AAAAnew"); err != nil || got.ID != a.ID {
		t.Fatalf("the new key: %+v, %v", got, err)
	}
	store.Close()
	if code := operatorCode([]string{"誰か", "--data", dir}, env(nil), io.Discard, &errOut); code != 1 {
		t.Fatalf("an unknown name: %d", code)
	}
	if code := operatorCode([]string{"山田 花子", "--data", t.TempDir()}, env(nil), io.Discard, &errOut); code != 1 {
		t.Fatalf("no database: %d", code)
	}
}
