package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/charmbracelet/x/term"
	"github.com/mattn/go-runewidth"
	"github.com/spf13/cobra"

	"bansou/model"
	"bansou/model/sqlite"
	"bansou/tui"
)

func newDoctorCmd(o *globalOptions) *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "doctor [--format text|json]",
		Short: "Show where the data is, what bansou sees of this terminal, and what to change if something is off",
		Long: `Show the version, the data folder and the database (where its path came
from, its mode, size and schema, and how many records it holds), the content,
the terminal and the locale, then advice for anything that is off.

doctor only reads: it never creates or changes the database or its folder,
and opens the database read-only. A database chosen with --db or BANSOU_DB
that does not exist is a problem to fix (most likely a mistyped path). The report is in the interface language
(--lang, or the locale's); --format json gives the same facts for scripts.

Exit status: 0 when nothing needs changing, 1 when the advice lists something
to change, 2 for a usage error.`,
		Example: "  bansou doctor\n  bansou doctor --format json",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if format != "text" && format != "json" {
				return &usageError{fmt.Errorf("unknown --format %q: use text or json", format)}
			}
			lang, err := o.language()
			if err != nil {
				return err
			}
			r := examine(o, lang)
			if format == "json" {
				enc := newJSONEncoder(o.stdout)
				if err := enc.Encode(r); err != nil {
					return err
				}
			} else {
				r.writeText(o.stdout, lang)
			}
			if !r.OK {
				return &exitError{code: exitFailure}
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&format, "format", "text", "text or json")
	cmd.RegisterFlagCompletionFunc("format", completeValues("text", "json"))
	return cmd
}

// doctorText holds the report's words in Japanese and English, with the
// same meaning and the same verbs.
var doctorText = map[string][2]string{
	"title":           {"bansou の診断", "bansou doctor"},
	"label.version":   {"バージョン", "version"},
	"label.dir":       {"データフォルダ", "data folder"},
	"label.db":        {"データベース", "database"},
	"label.source":    {"指定元", "chosen by"},
	"label.file":      {"ファイル", "file"},
	"label.schema":    {"スキーマ", "schema"},
	"label.check":     {"破損の点検", "integrity"},
	"label.records":   {"記録", "records"},
	"label.content":   {"コンテンツ", "content"},
	"label.terminal":  {"端末", "terminal"},
	"label.locale":    {"ロケール", "locale"},
	"label.language":  {"表示言語", "language"},
	"label.env":       {"環境変数", "environment"},
	"label.ambiguous": {"幅が曖昧な文字", "ambiguous width"},

	"unset":          {"（未設定）", "(unset)"},
	"dir.mode":       {"%s（モード %s）", "%s (mode %s)"},
	"dir.missing":    {"%s（まだありません。bansou の画面を初めて開いたときに作られます）", "%s (not there yet; created when bansou's interface first starts)"},
	"dir.notDir":     {"%s（フォルダではありません）", "%s (not a folder)"},
	"dir.unknown":    {"%s（調べられません: %s）", "%s (cannot be examined: %s)"},
	"source.--db":    {"--db", "--db"},
	"source.env":     {"環境変数 %s", "the %s environment variable"},
	"source.default": {"既定の場所（~/.local/share/bansou）", "the default place (~/.local/share/bansou)"},
	"file.missing":   {"まだありません。bansou の画面を初めて開いたときにモード 0600 で作られます", "not there yet; created with mode 0600 when bansou's interface first starts"},
	"file.absent":    {"ありません", "does not exist"},
	"file.info":      {"あり、モード %s、%s", "exists, mode %s, %s"},
	"file.notFile":   {"あり、ただし通常のファイルではありません", "exists, but is not a regular file"},
	"file.unknown":   {"調べられません: %s", "cannot be examined: %s"},
	"size.bytes":     {"%d バイト", "%d bytes"},

	"schema.ok":          {"%d（この bansou が書くのも %d）", "%d (this bansou writes %d too)"},
	"schema.newer":       {"%d（より新しい bansou が書いたもの。この bansou は %d まで）", "%d (written by a newer bansou; this one knows up to %d)"},
	"schema.older":       {"%d（次に bansou が開いたときに %d へ更新されます）", "%d (brought up to %d the next time bansou opens it)"},
	"schema.none":        {"まだありません（この bansou は %d を書きます）", "none yet (this bansou writes %d)"},
	"schema.notDatabase": {"bansou のデータベースではありません", "not a bansou database"},
	"schema.damaged":     {"ファイルが壊れています", "the file is damaged"},
	"schema.locked":      {"ほかのプログラムがロックしていて読めません", "locked by another program"},
	"schema.unreadable":  {"読めません", "cannot be read"},
	"check.ok":           {"破損は見つかりません", "no damage found"},
	"check.damaged":      {"壊れています", "damaged"},
	"check.skipped":      {"点検していません", "not checked"},
	"records.counts": {"エンゲージメント %d件（うちアーカイブ %d件）・セッション 進行中 %d件／完了 %d件・スキルの振り返り %d件・ピアラウンド %d件・回答 %d件",
		"engagements %d (%d archived) · sessions %d in progress, %d done · self-reviews %d · peer rounds %d · answers %d"},
	"records.none":    {"まだありません", "none yet"},
	"records.unknown": {"数えられません", "cannot be counted"},

	"content.builtin": {"組み込み", "built-in"},
	"content.ok":      {"%s: 読み込めます（フロー %d、問い %d）", "%s: loads (%d flows, %d prompts)"},
	"content.bad":     {"%s: 読み込めません（問題 %d 件）", "%s: does not load (%d problem(s))"},

	"term.streams":  {"標準入力: %s、標準出力: %s", "stdin: %s, stdout: %s"},
	"term.yes":      {"端末", "a terminal"},
	"term.no":       {"端末ではありません", "not a terminal"},
	"term.size":     {"、大きさ %d×%d", ", size %d×%d"},
	"term.tooSmall": {"（小さすぎます。最低 %d×%d）", " (too small: at least %d×%d)"},

	"locale.utf8":       {"%s（UTF-8）", "%s (UTF-8)"},
	"locale.notUTF8":    {"%s（UTF-8 ではありません）", "%s (not UTF-8)"},
	"sep":               {"・", " · "},
	"locale.nothingSet": {"C（何も設定されていません）", "C (nothing is set)"},
	"lang.locale":       {"%s（ロケールから）", "%s (from the locale)"},
	"lang.flag":         {"%s（--lang がロケールの %s より優先）", "%s (--lang overrides the locale's %s)"},
	"env.noColor":       {"（色なしで表示します）", " (colours off)"},
	"ambiguous.cjk":     {"bansou は 1 桁として数えます。端末の設定を確かめてください（下の助言）", "bansou counts such characters as one cell; check the terminal's setting (see the advice)"},
	"ambiguous.other":   {"bansou は 1 桁として数えます（このロケールの端末でもふつうは 1 桁です）", "bansou counts such characters as one cell (as terminals usually do in this locale)"},

	"advice.title":    {"助言", "advice"},
	"advice.fine":     {"問題は見つかりませんでした。", "Everything looks fine."},
	"advice.problems": {"直すべき点が %d 件あります（! の行）。", "%d thing(s) to change (the lines marked !)."},

	"find.noPlace":     {"データベースの置き場所が決まりません（%s）。HOME か XDG_DATA_HOME を設定するか、--db を使ってください。", "There is no place for the database (%s): set HOME or XDG_DATA_HOME, or use --db."},
	"find.dirMissing":  {"データフォルダ %s とデータベースはまだありません。bansou の画面（bansou または bansou --accessible）を初めて開いたときに作られます（フォルダはモード 0700、ファイルは 0600）。それまで、書き出しなどのコマンドはデータベースがないと答えます。", "The data folder %s and the database do not exist yet; bansou creates them when its interface (bansou, or bansou --accessible) first starts (the folder with mode 0700, the file 0600). Until then, commands such as export say there is no database."},
	"find.xdgRelative": {"XDG_DATA_HOME（%s）は絶対パスではないので使わず、既定の場所を使います。使うなら絶対パスにしてください。", "XDG_DATA_HOME (%s) is not an absolute path, so it is ignored and the default place is used; make it absolute to use it."},
	"find.dirNotDir":   {"%s はフォルダではありません。別の場所に移すか、--db で別のファイルを指定してください。", "%s is not a folder: move it away, or choose another file with --db."},
	"find.dirMode":     {"データフォルダのモードが %s です。自分だけが使えるようにしてください: chmod 700 %s", "The data folder has mode %s; make it yours alone: chmod 700 %s"},
	"find.dbMissing":   {"データベース %s はまだありません。bansou の画面（bansou または bansou --accessible）を初めて開いたときにモード 0600 で作られます。", "The database %s does not exist yet; bansou creates it (mode 0600) when its interface (bansou, or bansou --accessible) first starts."},
	"find.dbAbsent":    {"データベース %s がありません。%s で指定したパスに打ち間違いがないか確かめてください。書き出しなどのコマンドは、ないファイルを作らずに断ります。ここで新しく始めるなら、bansou（または bansou --accessible）を起動すると作られます。", "The database %s does not exist: check the path given by %s for a typo. Commands such as export refuse a missing file rather than create it; to start a new database there, start bansou (or bansou --accessible)."},
	"find.dbNotFile":   {"%s は通常のファイルではありません。別の場所に移すか、--db で別のファイルを指定してください。", "%s is not a regular file: move it away, or choose another file with --db."},
	"find.dbMode":      {"データベースのモードが %s です。自分だけが読み書きできるようにしてください: chmod 600 %s", "The database file has mode %s; make it readable and writable by you alone: chmod 600 %s"},
	"find.dbNewer":     {"データベースはより新しい bansou が書いたもの（スキーマ %d）で、この bansou（スキーマ %d）では開けません。bansou を新しくしてください。ファイルはそのままです。", "The database was written by a newer bansou (schema %d) and this one (schema %d) cannot open it: upgrade bansou. The file is left as it is."},
	"find.dbOlder":     {"データベースは以前の bansou のもの（スキーマ %d）です。次に bansou を起動したときにスキーマ %d へ更新されます。", "The database is from an earlier bansou (schema %d); it is brought up to schema %d the next time bansou opens it."},
	"find.dbNotDB":     {"%s は bansou のデータベースではありません。--db で別のファイルを指定するか、このファイルを別の場所に移してください。bansou はこのファイルに触れません。", "%s is not a bansou database: choose another file with --db, or move this one away. bansou leaves it untouched."},
	"find.dbDamaged":   {"データベースが壊れています。ファイルはそのまま残し、bansou backup で作った複製を --db で指定するか、JSON の書き出しを新しいファイルに bansou import してください。", "The database is damaged. Keep the file as it is, and use a copy made by bansou backup (with --db), or bansou import a JSON export into a new file."},
	"find.dbLocked":    {"ほかのプログラムがデータベースをロックしています。そのプログラムを閉じてから、もう一度試してください。", "Another program holds a lock on the database: close it and try again."},
	"find.dbUnread":    {"データベースを読めません: %s", "The database cannot be read: %s"},
	"find.content":     {"コンテンツの問題を直し、bansou content check %s で確かめてください:", "Fix the content's problems, then check them with: bansou content check %s"},
	"find.contentBase": {"組み込みのコンテンツが読み込めません。bansou を入れ直してください:", "The built-in content does not load: reinstall bansou."},
	"find.notTerminal": {"%s。対話画面には端末が必要です。端末で bansou を起動するか、bansou --accessible（テキストで進めるモード。回答をパイプで渡せます）やコマンド（bansou export、search、skills など）を使ってください。", "%s. The interactive interface needs one: run bansou in a terminal, or use bansou --accessible (plain text; answers can be piped) or the commands (bansou export, search, skills, ...)."},
	"find.tooSmall":    {"端末が %d×%d で小さすぎます。%d×%d 以上に広げてください。", "The terminal is %d×%d, too small: enlarge it to at least %d×%d."},
	"find.notUTF8":     {"ロケール（%s）が UTF-8 ではなく、日本語が崩れることがあります。LANG=ja_JP.UTF-8 か LANG=en_US.UTF-8 を設定してください（LC_ALL や LC_CTYPE を設定している場合はそちらも）。", "The locale (%s) is not UTF-8, so Japanese may be garbled: set LANG=ja_JP.UTF-8 or LANG=en_US.UTF-8 (and LC_ALL or LC_CTYPE too if they are set)."},
	"find.ambiguous":   {"日本語など CJK のロケールでは、端末が ○ や ※ などの「幅が曖昧な文字」を 2 桁で表示することがあります。bansou は 1 桁として数えるので、枠や行が崩れる場合は端末の設定で曖昧な幅の文字を 1 桁（半角）にしてください。", "In a Japanese or other CJK locale a terminal may show ambiguous-width characters (such as ○ or ※) two cells wide; bansou counts them as one, so if borders or lines look broken, set the terminal's ambiguous-width characters to single width (narrow)."},
	"stream.in":        {"標準入力が端末ではありません", "stdin is not a terminal"},
	"stream.out":       {"標準出力が端末ではありません", "stdout is not a terminal"},
	"stream.both":      {"標準入力と標準出力が端末ではありません", "stdin and stdout are not terminals"},
}

// dt is a report text in lang, formatted with args.
func dt(lang model.Lang, key string, args ...any) string {
	t, ok := doctorText[key]
	if !ok {
		panic("doctor: no text " + key)
	}
	s := t[1]
	if lang == model.Ja {
		s = t[0]
	}
	if len(args) == 0 {
		return s
	}
	return fmt.Sprintf(s, args...)
}

// doctorReport is what doctor finds. Its JSON field names are stable.
type doctorReport struct {
	Version  string        `json:"version"`
	Schema   int           `json:"schema"` // the schema this bansou writes
	DataDir  dirFacts      `json:"data_dir"`
	Database dbFacts       `json:"database"`
	Records  *recordCounts `json:"records"` // null when they cannot be counted
	Content  contentFacts  `json:"content"`
	Terminal terminalFacts `json:"terminal"`
	Locale   localeFacts   `json:"locale"`
	Env      envFacts      `json:"environment"`
	Findings []finding     `json:"findings"`
	// OK is false when a finding is a problem; the exit status is 1 then.
	OK bool `json:"ok"`

	versionText string
}

type dirFacts struct {
	Path   string `json:"path"`
	Exists bool   `json:"exists"`
	Mode   string `json:"mode,omitempty"`
	// Own is whether it is bansou's own data folder (not one chosen with
	// --db or BANSOU_DB); only then must its mode be 0700.
	Own   bool   `json:"own"`
	Error string `json:"error,omitempty"`
}

// Database states.
const (
	dbMissing     = "missing"
	dbEmpty       = "empty"
	dbOK          = "ok"
	dbOlder       = "older"
	dbNewer       = "newer"
	dbNotFile     = "not_file"
	dbNotDatabase = "not_database"
	dbDamaged     = "damaged"
	dbLocked      = "locked"
	dbUnreadable  = "unreadable"
)

type dbFacts struct {
	Path   string `json:"path"`
	Source string `json:"source"` // --db, BANSOU_DB, XDG_DATA_HOME or default
	Exists bool   `json:"exists"`
	Mode   string `json:"mode,omitempty"`
	Size   int64  `json:"size"`
	Schema int    `json:"schema"` // the file's; 0 when there is none yet
	State  string `json:"state"`
	// Checked is whether the whole file was read for damage.
	Checked bool   `json:"checked"`
	Error   string `json:"error,omitempty"`
}

type recordCounts struct {
	Engagements int `json:"engagements"`
	Archived    int `json:"archived"`
	InProgress  int `json:"sessions_in_progress"`
	Done        int `json:"sessions_done"`
	SelfReviews int `json:"self_reviews"`
	Rounds      int `json:"peer_rounds"`
	Answers     int `json:"answers"`
}

type contentFacts struct {
	Source   string   `json:"source"` // built-in or dir
	Dir      string   `json:"dir,omitempty"`
	Loads    bool     `json:"loads"`
	Flows    int      `json:"flows"`
	Prompts  int      `json:"prompts"`
	Problems []string `json:"problems,omitempty"`
}

type terminalFacts struct {
	Stdin  bool `json:"stdin"`
	Stdout bool `json:"stdout"`
	Width  int  `json:"width"` // 0 when stdout is not a terminal
	Height int  `json:"height"`
	// TooSmall is whether stdout is a terminal smaller than the
	// interface needs (MinWidth × MinHeight).
	TooSmall  bool `json:"too_small"`
	MinWidth  int  `json:"min_width"`
	MinHeight int  `json:"min_height"`
}

type localeFacts struct {
	LCAll      string `json:"lc_all"`
	LCCtype    string `json:"lc_ctype"`
	LCMessages string `json:"lc_messages"`
	Lang       string `json:"lang"`
	// Charset is the locale that decides the character set: LC_ALL, else
	// LC_CTYPE, else LANG; "" when none is set (the C locale).
	Charset string `json:"charset_locale"`
	UTF8    bool   `json:"utf8"`
	CJK     bool   `json:"cjk"`
	// LocaleLanguage is the language the locale gives, Language the
	// interface's; LangFlag is --lang when given.
	LocaleLanguage model.Lang `json:"locale_language"`
	Language       model.Lang `json:"language"`
	LangFlag       string     `json:"lang_flag,omitempty"`
}

type envFacts struct {
	Term      string `json:"term"`
	ColorTerm string `json:"colorterm"`
	NoColor   string `json:"no_color"`
}

// A finding is something to change (a problem) or to know (a note).
type finding struct {
	ID      string   `json:"id"`
	Problem bool     `json:"problem"`
	Text    string   `json:"text"`
	Details []string `json:"details,omitempty"`
}

// examine looks at everything without changing anything.
func examine(o *globalOptions, lang model.Lang) *doctorReport {
	r := &doctorReport{Version: buildVersion(), Schema: sqlite.SchemaVersion(), versionText: versionText()}
	add := func(id string, problem bool, text string, details ...string) {
		r.Findings = append(r.Findings, finding{ID: id, Problem: problem, Text: text, Details: details})
	}
	r.examineData(o, lang, add)
	r.examineContent(o, lang, add)
	r.examineTerminal(o, lang, add)
	r.examineLocale(o, lang, add)
	r.Env = envFacts{Term: o.env("TERM"), ColorTerm: o.env("COLORTERM"), NoColor: o.env("NO_COLOR")}
	if r.Findings == nil {
		r.Findings = []finding{}
	}
	r.OK = true
	for _, f := range r.Findings {
		if f.Problem {
			r.OK = false
		}
	}
	return r
}

type addFunc func(id string, problem bool, text string, details ...string)

func (r *doctorReport) examineData(o *globalOptions, lang model.Lang, add addFunc) {
	path, source, err := o.dbPathSource()
	r.Database.Source = source
	if err != nil {
		r.Database.State, r.Database.Error = dbUnreadable, err.Error()
		add("no_place", true, dt(lang, "find.noPlace", err))
		return
	}
	if x := o.env("XDG_DATA_HOME"); x != "" && source == fromDefault {
		add("xdg_relative", false, dt(lang, "find.xdgRelative", x))
	}
	if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}
	r.Database.Path = path
	dir := filepath.Dir(path)
	r.DataDir.Path = dir
	if source == fromXDG || source == fromDefault {
		if own, err := o.dataDir(); err == nil && filepath.Clean(own) == dir {
			r.DataDir.Own = true
		}
	}
	info, err := os.Stat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist) && r.chosen():
		// The database's finding says what to check.
	case errors.Is(err, fs.ErrNotExist):
		add("dir_missing", false, dt(lang, "find.dirMissing", dir))
	case err != nil:
		r.DataDir.Error = err.Error()
	case !info.IsDir():
		r.DataDir.Exists = true
		add("dir_not_dir", true, dt(lang, "find.dirNotDir", dir))
	default:
		r.DataDir.Exists = true
		perm := info.Mode().Perm()
		r.DataDir.Mode = fmt.Sprintf("%04o", perm)
		if r.DataDir.Own && (perm&0o077 != 0 || perm&0o700 != 0o700) {
			add("dir_mode", true, dt(lang, "find.dirMode", r.DataDir.Mode, shellQuote(dir)))
		}
	}
	r.examineDatabase(lang, add)
}

func (r *doctorReport) examineDatabase(lang model.Lang, add addFunc) {
	db := &r.Database
	info, err := os.Stat(db.Path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		db.State = dbMissing
		r.Records = &recordCounts{}
		switch {
		case r.chosen():
			// A path given by hand that leads nowhere is most likely
			// mistyped: every command but the interface refuses it.
			add("db_missing", true, dt(lang, "find.dbAbsent", db.Path, r.sourceText(lang)))
		case r.DataDir.Exists || r.DataDir.Error != "":
			add("db_missing", false, dt(lang, "find.dbMissing", db.Path))
		}
		return
	case err != nil:
		db.State, db.Error = dbUnreadable, err.Error()
		add("db_unreadable", true, dt(lang, "find.dbUnread", err))
		return
	}
	db.Exists = true
	if !info.Mode().IsRegular() {
		db.State = dbNotFile
		add("db_not_file", true, dt(lang, "find.dbNotFile", db.Path))
		return
	}
	perm := info.Mode().Perm()
	db.Mode, db.Size = fmt.Sprintf("%04o", perm), info.Size()
	if perm&0o077 != 0 || perm&0o600 != 0o600 {
		add("db_mode", true, dt(lang, "find.dbMode", db.Mode, shellQuote(db.Path)))
	}

	db.Schema, err = sqlite.FileSchema(db.Path)
	switch {
	case err != nil:
		r.databaseError(lang, err, add)
		return
	case db.Schema == 0:
		db.State = dbEmpty
		r.Records = &recordCounts{}
		return
	case db.Schema > r.Schema:
		db.State = dbNewer
		add("db_newer", true, dt(lang, "find.dbNewer", db.Schema, r.Schema))
		return
	case db.Schema < r.Schema:
		db.State = dbOlder
		add("db_older", false, dt(lang, "find.dbOlder", db.Schema, r.Schema))
		return
	}
	store, err := sqlite.OpenReadOnly(db.Path, sqlite.Options{})
	if err != nil {
		r.databaseError(lang, err, add)
		return
	}
	defer store.Close()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	c, err := store.Counts(ctx)
	if err == nil {
		r.Records = &recordCounts{Engagements: c.Engagements, Archived: c.Archived, InProgress: c.InProgress, Done: c.Done,
			SelfReviews: c.SelfReviews, Rounds: c.Rounds, Answers: c.Answers}
		err = store.Check(ctx)
		db.Checked = err == nil || errors.Is(err, model.ErrCorrupt)
	}
	if err != nil {
		r.databaseError(lang, err, add)
		return
	}
	db.State = dbOK
}

// databaseError records why the database could not be read.
func (r *doctorReport) databaseError(lang model.Lang, err error, add addFunc) {
	db := &r.Database
	db.Error = err.Error()
	switch {
	case errors.Is(err, model.ErrNewerSchema):
		db.State = dbNewer
		add("db_newer", true, dt(lang, "find.dbNewer", db.Schema, r.Schema))
	case errors.Is(err, model.ErrNotDatabase):
		db.State = dbNotDatabase
		add("db_not_database", true, dt(lang, "find.dbNotDB", db.Path))
	case errors.Is(err, model.ErrCorrupt):
		db.State = dbDamaged
		add("db_damaged", true, dt(lang, "find.dbDamaged"))
	case errors.Is(err, model.ErrLocked):
		db.State = dbLocked
		add("db_locked", true, dt(lang, "find.dbLocked"))
	default:
		db.State = dbUnreadable
		add("db_unreadable", true, dt(lang, "find.dbUnread", err))
	}
}

func (r *doctorReport) examineContent(o *globalOptions, lang model.Lang, add addFunc) {
	c := &r.Content
	c.Source = "built-in"
	if o.content != "" {
		c.Source, c.Dir = "dir", o.content
	}
	lib, err := o.library()
	if err == nil {
		c.Loads, c.Flows, c.Prompts = true, len(lib.Flows), lib.PromptCount()
		return
	}
	var ce model.ContentErrors
	if errors.As(err, &ce) {
		for _, e := range ce {
			c.Problems = append(c.Problems, e.Error())
		}
	} else {
		c.Problems = []string{err.Error()}
	}
	if c.Dir == "" {
		add("content", true, dt(lang, "find.contentBase"), c.Problems...)
		return
	}
	add("content", true, dt(lang, "find.content", shellQuote(c.Dir)), c.Problems...)
}

func (r *doctorReport) examineTerminal(o *globalOptions, lang model.Lang, add addFunc) {
	t := &r.Terminal
	t.MinWidth, t.MinHeight = tui.MinWidth, tui.MinHeight
	if f, ok := o.stdin.(*os.File); ok {
		t.Stdin = term.IsTerminal(f.Fd())
	}
	if f, ok := o.stdout.(*os.File); ok && term.IsTerminal(f.Fd()) {
		t.Stdout = true
		if w, h, err := term.GetSize(f.Fd()); err == nil {
			t.Width, t.Height = w, h
			t.TooSmall = w < tui.MinWidth || h < tui.MinHeight
		}
	}
	switch {
	case !t.Stdin && !t.Stdout:
		add("not_terminal", false, dt(lang, "find.notTerminal", dt(lang, "stream.both")))
	case !t.Stdin:
		add("not_terminal", false, dt(lang, "find.notTerminal", dt(lang, "stream.in")))
	case !t.Stdout:
		add("not_terminal", false, dt(lang, "find.notTerminal", dt(lang, "stream.out")))
	}
	if t.TooSmall {
		add("terminal_too_small", true, dt(lang, "find.tooSmall", t.Width, t.Height, tui.MinWidth, tui.MinHeight))
	}
}

func (r *doctorReport) examineLocale(o *globalOptions, lang model.Lang, add addFunc) {
	l := &r.Locale
	l.LCAll, l.LCCtype, l.LCMessages, l.Lang = o.env("LC_ALL"), o.env("LC_CTYPE"), o.env("LC_MESSAGES"), o.env("LANG")
	for _, v := range []string{l.LCAll, l.LCCtype, l.Lang} {
		if strings.TrimSpace(v) != "" {
			l.Charset = strings.TrimSpace(v)
			break
		}
	}
	cs := strings.ToLower(l.Charset)
	l.UTF8 = strings.Contains(cs, "utf-8") || strings.Contains(cs, "utf8")
	messages := strings.ToLower(strings.TrimSpace(firstSet(l.LCAll, l.LCMessages, l.Lang)))
	for _, prefix := range []string{"ja", "zh", "ko"} {
		if strings.HasPrefix(cs, prefix) || strings.HasPrefix(messages, prefix) {
			l.CJK = true
		}
	}
	l.LocaleLanguage = model.LangFromLocale(o.env)
	l.Language = lang
	l.LangFlag = o.lang
	if !l.UTF8 {
		shown := l.Charset
		if shown == "" {
			shown = dt(lang, "locale.nothingSet")
		}
		add("locale_not_utf8", true, dt(lang, "find.notUTF8", shown))
	}
	if l.CJK {
		add("ambiguous_width", false, dt(lang, "find.ambiguous"))
	}
}

func firstSet(values ...string) string {
	for _, v := range values {
		if strings.TrimSpace(v) != "" {
			return v
		}
	}
	return ""
}

// writeText prints the report, one labelled line per fact, then the advice.
func (r *doctorReport) writeText(w io.Writer, lang model.Lang) {
	var rows [][2]string
	row := func(label, value string) { rows = append(rows, [2]string{dt(lang, label), value}) }

	row("label.version", r.versionText)
	if r.DataDir.Path != "" {
		switch {
		case r.DataDir.Error != "":
			row("label.dir", dt(lang, "dir.unknown", r.DataDir.Path, r.DataDir.Error))
		case !r.DataDir.Exists:
			row("label.dir", dt(lang, "dir.missing", r.DataDir.Path))
		case r.DataDir.Mode == "":
			row("label.dir", dt(lang, "dir.notDir", r.DataDir.Path))
		default:
			row("label.dir", dt(lang, "dir.mode", r.DataDir.Path, r.DataDir.Mode))
		}
		row("label.db", r.Database.Path)
	}
	row("label.source", r.sourceText(lang))
	row("label.file", r.fileText(lang))
	row("label.schema", r.schemaText(lang))
	switch {
	case r.Database.State == dbDamaged:
		row("label.check", dt(lang, "check.damaged"))
	case r.Database.Checked:
		row("label.check", dt(lang, "check.ok"))
	case r.Database.Exists:
		row("label.check", dt(lang, "check.skipped"))
	}
	row("label.records", r.recordsText(lang))
	row("label.content", r.contentText(lang))
	row("label.terminal", r.terminalText(lang))
	row("label.locale", r.localeText(lang))
	if r.Locale.LangFlag != "" {
		row("label.language", dt(lang, "lang.flag", r.Locale.Language, r.Locale.LocaleLanguage))
	} else {
		row("label.language", dt(lang, "lang.locale", r.Locale.Language))
	}
	env := strings.Join([]string{envPair(lang, "TERM", r.Env.Term), envPair(lang, "COLORTERM", r.Env.ColorTerm),
		envPair(lang, "NO_COLOR", r.Env.NoColor)}, dt(lang, "sep"))
	if r.Env.NoColor != "" {
		env += dt(lang, "env.noColor")
	}
	row("label.env", env)
	if r.Locale.CJK {
		row("label.ambiguous", dt(lang, "ambiguous.cjk"))
	} else {
		row("label.ambiguous", dt(lang, "ambiguous.other"))
	}

	width := 0
	for _, rw := range rows {
		width = max(width, runewidth.StringWidth(rw[0]))
	}
	fmt.Fprintln(w, dt(lang, "title"))
	for _, rw := range rows {
		pad := strings.Repeat(" ", width-runewidth.StringWidth(rw[0]))
		fmt.Fprintf(w, "  %s%s  %s\n", rw[0], pad, safeLine(rw[1]))
	}

	fmt.Fprintln(w)
	fmt.Fprintln(w, dt(lang, "advice.title"))
	problems := 0
	for _, problem := range []bool{true, false} {
		for _, f := range r.Findings {
			if f.Problem != problem {
				continue
			}
			mark := "-"
			if f.Problem {
				mark = "!"
				problems++
			}
			fmt.Fprintf(w, "  %s %s\n", mark, safeLine(f.Text))
			for _, d := range f.Details {
				fmt.Fprintf(w, "      %s\n", safeLine(d))
			}
		}
	}
	if problems == 0 {
		fmt.Fprintln(w, "  "+dt(lang, "advice.fine"))
	} else {
		fmt.Fprintln(w, "  "+dt(lang, "advice.problems", problems))
	}
}

// chosen reports whether the database is one chosen by hand (--db or
// BANSOU_DB) rather than bansou's own.
func (r *doctorReport) chosen() bool {
	return r.Database.Source == fromFlag || r.Database.Source == fromEnv
}

func (r *doctorReport) sourceText(lang model.Lang) string {
	switch r.Database.Source {
	case fromFlag:
		return dt(lang, "source.--db")
	case fromEnv, fromXDG:
		return dt(lang, "source.env", r.Database.Source)
	}
	return dt(lang, "source.default")
}

func (r *doctorReport) fileText(lang model.Lang) string {
	db := r.Database
	switch {
	case db.State == dbMissing && r.chosen():
		return dt(lang, "file.absent")
	case db.State == dbMissing:
		return dt(lang, "file.missing")
	case !db.Exists && db.Error != "":
		return dt(lang, "file.unknown", db.Error)
	case db.State == dbNotFile:
		return dt(lang, "file.notFile")
	case !db.Exists:
		return "—"
	}
	return dt(lang, "file.info", db.Mode, sizeText(lang, db.Size))
}

func (r *doctorReport) schemaText(lang model.Lang) string {
	db := r.Database
	switch db.State {
	case dbOK:
		return dt(lang, "schema.ok", db.Schema, r.Schema)
	case dbNewer:
		return dt(lang, "schema.newer", db.Schema, r.Schema)
	case dbOlder:
		return dt(lang, "schema.older", db.Schema, r.Schema)
	case dbMissing, dbEmpty:
		return dt(lang, "schema.none", r.Schema)
	case dbNotDatabase:
		return dt(lang, "schema.notDatabase")
	case dbDamaged:
		return dt(lang, "schema.damaged")
	case dbLocked:
		return dt(lang, "schema.locked")
	}
	return dt(lang, "schema.unreadable")
}

func (r *doctorReport) recordsText(lang model.Lang) string {
	c := r.Records
	switch {
	case r.Database.State == dbMissing:
		return dt(lang, "records.none")
	case c == nil:
		return dt(lang, "records.unknown")
	}
	return dt(lang, "records.counts", c.Engagements, c.Archived, c.InProgress, c.Done, c.SelfReviews, c.Rounds, c.Answers)
}

func (r *doctorReport) contentText(lang model.Lang) string {
	name := dt(lang, "content.builtin")
	if r.Content.Dir != "" {
		name = "--content " + r.Content.Dir
	}
	if r.Content.Loads {
		return dt(lang, "content.ok", name, r.Content.Flows, r.Content.Prompts)
	}
	return dt(lang, "content.bad", name, len(r.Content.Problems))
}

func (r *doctorReport) terminalText(lang model.Lang) string {
	yes := func(b bool) string {
		if b {
			return dt(lang, "term.yes")
		}
		return dt(lang, "term.no")
	}
	s := dt(lang, "term.streams", yes(r.Terminal.Stdin), yes(r.Terminal.Stdout))
	if r.Terminal.Width > 0 {
		s += dt(lang, "term.size", r.Terminal.Width, r.Terminal.Height)
	}
	if r.Terminal.TooSmall {
		s += dt(lang, "term.tooSmall", tui.MinWidth, tui.MinHeight)
	}
	return s
}

func (r *doctorReport) localeText(lang model.Lang) string {
	l := r.Locale
	s := strings.Join([]string{envPair(lang, "LC_ALL", l.LCAll), envPair(lang, "LC_CTYPE", l.LCCtype),
		envPair(lang, "LC_MESSAGES", l.LCMessages), envPair(lang, "LANG", l.Lang)}, dt(lang, "sep"))
	if l.UTF8 {
		return dt(lang, "locale.utf8", s)
	}
	return dt(lang, "locale.notUTF8", s)
}

// envPair shows a variable and its value, or that it is unset.
func envPair(lang model.Lang, name, value string) string {
	if value == "" {
		return name + "=" + dt(lang, "unset")
	}
	return name + "=" + value
}

func sizeText(lang model.Lang, n int64) string {
	switch {
	case n < 1024:
		return dt(lang, "size.bytes", n)
	case n < 1024*1024:
		return fmt.Sprintf("%.1f KiB", float64(n)/1024)
	}
	return fmt.Sprintf("%.1f MiB", float64(n)/(1024*1024))
}

// safeLine makes text safe to print as one line of a terminal: controls
// become visible stand-ins (model.TermSafe), newlines and tabs too.
func safeLine(s string) string {
	return strings.NewReplacer("\n", "␤", "\t", "␉").Replace(model.TermSafe(s))
}

// shellQuote quotes a path for a shell command when it needs it.
func shellQuote(s string) string {
	safe := s != ""
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("/._-+,:@%=", r)) {
			safe = false
			break
		}
	}
	if safe {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
