// Command bansou-serve serves the bansou interface over SSH to the people
// of a programme: each connects with their own key, enrolled once with a
// one-time code from an admin.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	"bansou/content"
	"bansou/model"
	"bansou/model/sqlite"
	"bansou/serve"
)

func main() { os.Exit(run(os.Args[1:], os.Getenv, os.Stderr)) }

// settings is what the flags, the environment and the data folder's
// config.yaml make of a start: the server's config and the folder.
type settings struct {
	cfg     serve.Config
	dir     string
	content string
}

func parse(args []string, getenv func(string) string, stderr io.Writer) (settings, error) {
	var st settings
	fs := flag.NewFlagSet("bansou-serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprint(stderr, `bansou-serve serves bansou over SSH: ssh -p 23234 HOST opens it.

usage: bansou-serve [flags]
       bansou-serve code NAME [--data DIR] [--ttl 72h]   a code for a person who lost their key

`)
		fs.PrintDefaults()
	}
	listen := fs.String("listen", "localhost:23234", "address to listen on")
	fs.StringVar(&st.dir, "data", "", "data folder: database, host key, config.yaml (default $XDG_DATA_HOME/bansou-serve)")
	adminKey := fs.String("admin-key", "", "an admin's public key (ssh-ed25519 AAAA…) or the path of a .pub file")
	adminName := fs.String("admin-name", "", "the admin's name, if the key is enrolled to no one yet (default admin)")
	fs.StringVar(&st.content, "content", "", "a content folder (see bansou content copy) instead of the built-in flows")
	if err := fs.Parse(args); err != nil {
		return st, err
	}
	if fs.NArg() > 0 {
		return st, fmt.Errorf("unexpected argument %q (see bansou-serve -h)", fs.Arg(0))
	}
	if st.dir == "" {
		var err error
		if st.dir, err = defaultDataDir(getenv); err != nil {
			return st, err
		}
	}
	fc, err := serve.ReadConfigFile(filepath.Join(st.dir, "config.yaml"))
	if err != nil {
		return st, err
	}
	given := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { given[f.Name] = true })
	pick := func(flagName, flagValue, fileValue string) string {
		if given[flagName] || fileValue == "" {
			return flagValue
		}
		return fileValue
	}
	st.cfg = serve.Config{
		Listen:    pick("listen", *listen, fc.Listen),
		AdminKey:  pick("admin-key", *adminKey, fc.AdminKey),
		AdminName: pick("admin-name", *adminName, fc.AdminName),
		HostKey:   filepath.Join(st.dir, "host_ed25519"),
	}
	return st, nil
}

// defaultDataDir is $XDG_DATA_HOME/bansou-serve, or ~/.local/share/bansou-serve.
func defaultDataDir(getenv func(string) string) (string, error) {
	base := getenv("XDG_DATA_HOME")
	if !filepath.IsAbs(base) {
		home := getenv("HOME")
		if home == "" {
			return "", errors.New("cannot find a data folder: set --data, XDG_DATA_HOME or HOME")
		}
		base = filepath.Join(home, ".local", "share")
	}
	return filepath.Join(base, "bansou-serve"), nil
}

func run(args []string, getenv func(string) string, stderr io.Writer) int {
	if len(args) > 0 && args[0] == "code" {
		return operatorCode(args[1:], getenv, os.Stdout, stderr)
	}
	st, err := parse(args, getenv, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	if err != nil {
		fmt.Fprintln(stderr, "bansou-serve:", err)
		return 2
	}
	if err := serveUntilSignal(st, stderr); err != nil {
		fmt.Fprintln(stderr, "bansou-serve:", model.TermSafe(err.Error()))
		return 1
	}
	return 0
}

func serveUntilSignal(st settings, stderr io.Writer) error {
	if err := os.MkdirAll(st.dir, 0o700); err != nil {
		return fmt.Errorf("data folder: %w", err)
	}
	if st.content != "" {
		lib, err := content.LoadDir(st.content)
		if err != nil {
			return err
		}
		st.cfg.Library = lib
	}
	store, err := sqlite.Open(filepath.Join(st.dir, "bansou.db"), sqlite.Options{})
	if err != nil {
		return err
	}
	defer store.Close()
	st.cfg.Log = stderr
	srv, err := serve.New(st.cfg, store)
	if err != nil {
		return err
	}
	// SIGINT or SIGTERM: stop accepting, let every connection save, exit.
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, syscall.SIGINT, syscall.SIGTERM)
	defer signal.Stop(sigs)
	stopped := make(chan error, 1)
	go func() {
		<-sigs
		fmt.Fprintln(stderr, "bansou-serve: stopping; every connection saves what was typed")
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		stopped <- srv.Shutdown(ctx)
	}()
	if err := srv.ListenAndServe(); err != nil {
		return err
	}
	return <-stopped
}
