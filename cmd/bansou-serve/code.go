package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	"bansou/model"
	"bansou/model/sqlite"
)

// operatorCode runs `bansou-serve code NAME`: a one-time enrolment code for
// a person, made on the server itself by whoever runs it. It is how a
// person who lost their only key gets back in: no admin can make a code
// for someone who has a key (with it the admin could sign in as them), and
// the operator, who holds the database file, can read everything anyway.
// The server may be running meanwhile.
func operatorCode(args []string, getenv func(string) string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("bansou-serve code", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dir := fs.String("data", "", "data folder (default $XDG_DATA_HOME/bansou-serve)")
	ttl := fs.Duration("ttl", 72*time.Hour, "how long the code is valid")
	var names []string
	for {
		if err := fs.Parse(args); err != nil {
			return 2
		}
		if fs.NArg() == 0 {
			break
		}
		names = append(names, fs.Arg(0))
		args = fs.Args()[1:]
	}
	if len(names) != 1 || strings.TrimSpace(names[0]) == "" || *ttl <= 0 {
		fmt.Fprintln(stderr, "usage: bansou-serve code NAME [--data DIR] [--ttl 72h]")
		return 2
	}
	if *dir == "" {
		var err error
		if *dir, err = defaultDataDir(getenv); err != nil {
			fmt.Fprintln(stderr, "bansou-serve:", err)
			return 2
		}
	}
	store, err := sqlite.OpenExisting(filepath.Join(*dir, "bansou.db"), sqlite.Options{})
	if err != nil {
		fmt.Fprintln(stderr, "bansou-serve:", model.TermSafe(err.Error()))
		return 1
	}
	defer store.Close()
	ctx := context.Background()
	people, err := store.AccountList(ctx)
	if err != nil {
		fmt.Fprintln(stderr, "bansou-serve:", model.TermSafe(err.Error()))
		return 1
	}
	name := strings.TrimSpace(names[0])
	for _, a := range people {
		if a.Name != name {
			continue
		}
		code, err := store.NewCode(ctx, a.ID, *ttl)
		if err != nil {
			fmt.Fprintln(stderr, "bansou-serve:", model.TermSafe(err.Error()))
			return 1
		}
		fmt.Fprintf(stdout, "%s: %s (%s)\nssh -p PORT HOST enrol %s\n", model.TermSafeLine(a.Name), code,
			time.Now().Add(*ttl).Format("2006-01-02 15:04 MST"), code)
		return 0
	}
	fmt.Fprintln(stderr, "bansou-serve:", model.TermSafe(errors.New("no person named "+name).Error()))
	return 1
}
