package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"bansou/content"
	"bansou/model"
	"bansou/model/sqlite"
	"bansou/tui"
)

// globalOptions are the flags every command shares.
type globalOptions struct {
	db, lang, content, theme string
	accessible               bool

	stdin          io.Reader
	stdout, stderr io.Writer
	getenv         func(string) string // nil means os.Getenv
	clock          func() time.Time    // nil until clockFunc sets it
}

func (o *globalOptions) env(name string) string {
	if o.getenv != nil {
		return o.getenv(name)
	}
	return os.Getenv(name)
}

// language is --lang, or the locale's language.
func (o *globalOptions) language() (model.Lang, error) {
	if o.lang != "" {
		l, err := model.ParseLang(o.lang)
		if err != nil {
			return "", &usageError{err}
		}
		return l, nil
	}
	return model.LangFromLocale(o.env), nil
}

// uiTheme is --theme, else $BANSOU_THEME: light or dark fix the colours;
// empty or auto follow the terminal's background (dark until it answers).
// NO_COLOR (any value) turns colours off whatever the theme.
func (o *globalOptions) uiTheme() (tui.Theme, error) {
	th := tui.Theme{Dark: true, NoColor: o.env("NO_COLOR") != ""}
	name, source := o.theme, "--theme"
	if name == "" {
		name, source = o.env("BANSOU_THEME"), "BANSOU_THEME"
	}
	switch strings.ToLower(strings.TrimSpace(name)) {
	case "", "auto":
	case "light":
		th.Dark, th.Fixed = false, true
	case "dark":
		th.Dark, th.Fixed = true, true
	default:
		return th, &usageError{fmt.Errorf("unknown %s %q: use light, dark or auto (follow the terminal's background)", source, name)}
	}
	return th, nil
}

// dbPath is --db, else $BANSOU_DB, else the default in the data directory.
func (o *globalOptions) dbPath() (string, error) {
	path, _, err := o.dbPathSource()
	return path, err
}

// Where the database path came from.
const (
	fromFlag    = "--db"
	fromEnv     = "BANSOU_DB"
	fromXDG     = "XDG_DATA_HOME"
	fromDefault = "default"
)

// dbPathSource is dbPath with where it came from: fromFlag, fromEnv,
// fromXDG or fromDefault.
func (o *globalOptions) dbPathSource() (path, source string, err error) {
	if o.db != "" {
		return o.db, fromFlag, nil
	}
	if p := o.env("BANSOU_DB"); p != "" {
		return p, fromEnv, nil
	}
	dir, err := o.dataDir()
	if err != nil {
		return "", fromDefault, err
	}
	source = fromDefault
	if xdgDataHome(o.env) != "" {
		source = fromXDG
	}
	return filepath.Join(dir, "bansou.db"), source, nil
}

// xdgDataHome is $XDG_DATA_HOME when it is usable: the specification
// ignores a relative path.
func xdgDataHome(getenv func(string) string) string {
	if base := getenv("XDG_DATA_HOME"); filepath.IsAbs(base) {
		return base
	}
	return ""
}

// dataDir is $XDG_DATA_HOME/bansou, or ~/.local/share/bansou.
func (o *globalOptions) dataDir() (string, error) {
	base := xdgDataHome(o.env)
	if base == "" {
		home := o.env("HOME")
		if home == "" {
			h, err := os.UserHomeDir()
			if err != nil {
				return "", fmt.Errorf("cannot find a place for the database: set XDG_DATA_HOME or use --db (%v)", err)
			}
			home = h
		}
		base = filepath.Join(home, ".local", "share")
	}
	return filepath.Join(base, "bansou"), nil
}

// openStore opens the database, creating its folder (0700) and file (0600)
// if they are missing.
func (o *globalOptions) openStore() (*sqlite.Store, error) {
	store, _, err := o.open(true)
	return store, err
}

// openExisting opens a database that is there already: the commands that
// read never create one, so that a mistyped --db or BANSOU_DB is refused
// (model.ErrMissing) rather than answered from an empty database.
func (o *globalOptions) openExisting() (*sqlite.Store, error) {
	store, _, err := o.open(false)
	return store, err
}

// open opens the database; with create, a missing one is created (with
// its folder), and created says so. A database that cannot be opened is
// reported in the user's language, with the store's own words as detail;
// the file is left as it was.
func (o *globalOptions) open(create bool) (store *sqlite.Store, created bool, err error) {
	path, err := o.dbPath()
	if err != nil {
		return nil, false, err
	}
	lang, err := o.language()
	if err != nil {
		return nil, false, err
	}
	dir := filepath.Dir(path)
	if _, err := os.Stat(dir); create && errors.Is(err, fs.ErrNotExist) {
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return nil, false, fmt.Errorf("cannot create the data folder %s: %w", dir, err)
		}
	}
	_, statErr := os.Stat(path)
	// Opening waits for a database another program holds (up to the busy
	// timeout); say so rather than sit silent, and never after it opened.
	var mu sync.Mutex
	opened := false
	waiting := time.AfterFunc(time.Second, func() {
		mu.Lock()
		defer mu.Unlock()
		if !opened {
			fmt.Fprintln(o.stderr, "bansou: "+openWords[lang].waiting)
		}
	})
	openFile := sqlite.OpenExisting
	if create {
		openFile = sqlite.Open
	}
	store, err = openFile(path, sqlite.Options{Now: o.clockFunc()})
	mu.Lock()
	opened = true
	mu.Unlock()
	waiting.Stop()
	if err != nil {
		return nil, false, &storeOpenError{lang: lang, path: path, existed: statErr == nil, err: err}
	}
	return store, errors.Is(statErr, fs.ErrNotExist), nil
}

// createdNotice is what says that a new database was made, so that a
// mistyped path is noticed.
func createdNotice(lang model.Lang, path string) string {
	return fmt.Sprintf(openWords[lang].created, model.TermSafe(path))
}

// storeOpenError is a database that could not be opened, worded for the
// user: what is wrong and what to do, the file, and the detail.
type storeOpenError struct {
	lang    model.Lang
	path    string
	existed bool // the file was there before bansou tried to open it
	err     error
}

// refusals are the store errors found before anything is written, or in a
// transaction that is rolled back: the file is as it was.
var refusals = []error{model.ErrNotDatabase, model.ErrNewerSchema, model.ErrCorrupt, model.ErrReadOnly, model.ErrLocked}

var openWords = map[model.Lang]struct{ waiting, cannot, file, untouched, detail, readingOnly, schema, created string }{
	model.Ja: {"データベースが空くのを待っています（別のプログラムが使用中です）…", "データベースを開けません。", "ファイル", "ファイルには手を加えていません。", "詳細",
		"データベースに書き込めないため、読み取り専用で開きました（ファイルは変更しません）。",
		"（ファイルのスキーマ %d、この bansou が扱えるのは %d まで）",
		"新しいデータベースを作りました: %s"},
	model.En: {"waiting for the database (another program is using it)…", "Cannot open the database.", "file", "The file was left as it was.", "detail",
		"The database cannot be written, so it was opened read-only (the file is not changed).",
		"(the file's schema is %d; this bansou knows up to %d)",
		"Created a new database: %s"},
}

func (e *storeOpenError) Error() string {
	w := openWords[e.lang]
	words, ok := model.DescribeStoreError(e.lang, e.err)
	if !ok {
		words = w.cannot
	}
	sep := " "
	if e.lang == model.Ja {
		sep = ""
	}
	var schema *model.SchemaError
	if errors.As(e.err, &schema) {
		words += sep + fmt.Sprintf(w.schema, schema.Found, schema.Known)
	}
	if e.existed && slices.ContainsFunc(refusals, func(kind error) bool { return errors.Is(e.err, kind) }) {
		words += sep + w.untouched
	}
	msg := words + "\n  " + w.file + ": " + e.path
	// The words say what is wrong and what to do; the driver's own words
	// (for a lock, damage or a newer schema) would only confuse, and are
	// given only for an error of no known kind.
	if !ok {
		msg += "\n  " + w.detail + ": " + e.err.Error()
	}
	return model.TermSafe(msg)
}

func (e *storeOpenError) Unwrap() error { return e.err }

// library loads the flows: from --content if given, else the built-in set
// (from its snapshot, which its tests keep in step with the files).
// languageAndContent is what every command that writes words needs: the
// language, and the content (a malformed content folder is refused with
// its file and line).
func (o *globalOptions) languageAndContent() (model.Lang, *model.Library, error) {
	lang, err := o.language()
	if err != nil {
		return lang, nil, err
	}
	lib, err := o.library()
	if err != nil {
		return lang, nil, &exitError{code: exitFailure, msg: contentErrorText(err)}
	}
	return lang, lib, nil
}

// sessionLanguageAndContent is languageAndContent for a document of one
// session (a round's summary, a self-review): its labels are in the
// language the session was held in, whatever the shell's locale, unless
// --lang chooses.
func (o *globalOptions) sessionLanguageAndContent(held model.Lang) (model.Lang, *model.Library, error) {
	lang, lib, err := o.languageAndContent()
	if err == nil && o.lang == "" && (held == model.Ja || held == model.En) {
		lang = held
	}
	return lang, lib, err
}

func (o *globalOptions) library() (*model.Library, error) {
	if o.content == "" {
		return content.Library()
	}
	return content.LoadDir(o.content)
}

// contentErrorText formats content problems one per line.
func contentErrorText(err error) string {
	var ce model.ContentErrors
	if !errors.As(err, &ce) {
		return err.Error()
	}
	var b strings.Builder
	fmt.Fprintf(&b, "the content has %d problem(s):\n", len(ce))
	for _, e := range ce {
		b.WriteString("  " + e.Error() + "\n")
	}
	return strings.TrimRight(b.String(), "\n")
}
