package sqlite

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"modernc.org/sqlite"

	"bansou/internal/benchdb"
	"bansou/model"
)

// checkLatest checks that every worry's and action's latest word kept on
// it (migration 025) is the one its history ends with, and that States
// reads as open exactly the entries the model calls open.
func checkLatest(t *testing.T, s *Store, when string) {
	t.Helper()
	ctx := context.Background()
	engs, err := s.Engagements(ctx, true)
	if err != nil {
		t.Fatal(err)
	}
	states, err := s.States(ctx)
	if err != nil {
		t.Fatal(err)
	}
	read, worries := map[string]bool{}, map[int64]int{}
	for _, st := range states {
		if len(st.Ledger.Anxieties) > 0 {
			t.Fatalf("%s: States read %d worries one by one", when, len(st.Ledger.Anxieties))
		}
		worries[st.Engagement.ID] = st.OpenWorries
		for _, a := range st.Ledger.Actions {
			read[a.ID] = true
		}
	}
	for _, e := range engs {
		l, err := s.Ledger(ctx, e.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range l.Anxieties {
			var kept string
			if err := s.db.QueryRow(`SELECT latest_status FROM anxieties WHERE id = ?`, a.ID).Scan(&kept); err != nil {
				t.Fatal(err)
			}
			if kept != string(a.Status()) {
				t.Fatalf("%s: worry %s %q kept as %q, its history says %q", when, a.ID, a.Text, kept, a.Status())
			}
		}
		if open := len(l.OpenAnxieties()); !e.Archived && worries[e.ID] != open {
			t.Fatalf("%s: States counts %d open worries of engagement %d, its ledger has %d", when, worries[e.ID], e.ID, open)
		}
		for _, a := range l.Actions {
			var kept string
			if err := s.db.QueryRow(`SELECT latest_outcome FROM actions WHERE id = ?`, a.ID).Scan(&kept); err != nil {
				t.Fatal(err)
			}
			if kept != string(a.Outcome()) || !e.Archived && read[a.ID] != a.IsOpen() {
				t.Fatalf("%s: action %s %q kept as %q, its history says %q; read as open by States: %v",
					when, a.ID, a.Text, kept, a.Outcome(), read[a.ID])
			}
		}
	}
}

// openEntries is what States reads as open: the number of worries
// ("worries: n"), then the ids of the actions.
func openEntries(t *testing.T, s *Store) []string {
	t.Helper()
	states, err := s.States(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	worries, ids := 0, []string{}
	for _, st := range states {
		worries += st.OpenWorries
		for _, a := range st.Ledger.Actions {
			ids = append(ids, a.ID)
		}
	}
	slices.Sort(ids)
	return append([]string{fmt.Sprintf("worries: %d", worries)}, ids...)
}

// TestLatestWordKeptThroughEveryWrite follows worries and actions through
// every way a status or an outcome is written, changed or removed — a
// session's save, a status changed again, moved in time, tied in time,
// removed by another program, the entry removed, an import into a new
// database and over an older status — and checks each time that the latest
// word kept on the entry is its history's, and that the due list reads
// the open ones.
func TestLatestWordKeptThroughEveryWrite(t *testing.T) {
	s, _ := openTemp(t)
	ctx := context.Background()
	e, err := s.CreateEngagement(ctx, engagement())
	if err != nil {
		t.Fatal(err)
	}
	t1 := time.Date(2026, 10, 1, 10, 0, 0, 0, time.UTC)
	first, err := s.StartSession(ctx, model.NewSession(flow(), e.ID, model.Ja, t1))
	if err != nil {
		t.Fatal(err)
	}
	t2 := t1.Add(72 * time.Hour)
	second, err := s.StartSession(ctx, model.NewSession(flow(), e.ID, model.Ja, t2))
	if err != nil {
		t.Fatal(err)
	}
	save := func(p model.Progress, when string) {
		t.Helper()
		if err := s.SaveProgress(ctx, p); err != nil {
			t.Fatalf("%s: %v", when, err)
		}
		checkLatest(t, s, when)
	}
	worry := func(id, text string) model.Anxiety {
		return model.Anxiety{ID: id, EngagementID: e.ID, SessionID: first.ID, StepKey: "p:a", Text: text, CreatedAt: t1, UpdatedAt: t1}
	}
	action := func(id, text string) model.Action {
		return model.Action{ID: id, EngagementID: e.ID, SessionID: first.ID, StepKey: "p:b", Text: text,
			Owner: model.OwnerLearner, Due: model.NewDate(2026, 10, 20), CreatedAt: t1, UpdatedAt: t1}
	}
	p := model.ProgressOf(first, nil, false)
	p.Anxieties = []model.Anxiety{worry("w1", "帰任後の居場所が不安"), worry("w2", "家族と離れて暮らすこと"), worry("w3", "評価が下がるのでは")}
	p.Actions = []model.Action{action("x1", "上司と面談する"), action("x2", "住まいを探す")}
	save(p, "new entries")
	if got := openEntries(t, s); !slices.Equal(got, []string{"worries: 3", "x1", "x2"}) {
		t.Fatalf("new entries read as open: %v", got)
	}

	status := func(id, worry string, st model.AnxietyStatus, at time.Time) model.AnxietyUpdate {
		return model.AnxietyUpdate{ID: id, AnxietyID: worry, SessionID: second.ID, Status: st, Note: "本人の言葉で", At: at}
	}
	outcome := func(id, action string, o model.Outcome, at time.Time) model.ActionUpdate {
		return model.ActionUpdate{ID: id, ActionID: action, SessionID: second.ID, Outcome: o, At: at}
	}
	p = model.ProgressOf(second, nil, false)
	p.AnxietyUpdates = []model.AnxietyUpdate{status("w1-a", "w1", model.AnxietyResolved, t2), status("w2-a", "w2", model.AnxietyEasing, t2)}
	p.ActionUpdates = []model.ActionUpdate{outcome("x1-a", "x1", model.OutcomeWorked, t2), outcome("x2-a", "x2", model.OutcomeNotTried, t2)}
	save(p, "a status told")
	if got := openEntries(t, s); !slices.Equal(got, []string{"worries: 2", "x2"}) {
		t.Fatalf("after the statuses, read as open: %v", got)
	}

	p.AnxietyUpdates = []model.AnxietyUpdate{status("w1-a", "w1", model.AnxietyOpen, t2)}
	p.ActionUpdates = []model.ActionUpdate{outcome("x1-a", "x1", model.OutcomeNotTried, t2), outcome("x2-a", "x2", model.OutcomeWorked, t2)}
	save(p, "a status changed again")
	if got := openEntries(t, s); !slices.Equal(got, []string{"worries: 3", "x1"}) {
		t.Fatalf("after the statuses changed, read as open: %v", got)
	}

	p.AnxietyUpdates = []model.AnxietyUpdate{status("w2-b", "w2", model.AnxietyResolved, t2.Add(time.Hour))}
	p.ActionUpdates = nil
	save(p, "a later status")
	p.AnxietyUpdates = []model.AnxietyUpdate{status("w2-a", "w2", model.AnxietyEasing, t2.Add(2*time.Hour))}
	save(p, "an earlier status moved after the later one")
	p.AnxietyUpdates = []model.AnxietyUpdate{status("w3-b", "w3", model.AnxietyOpen, t2), status("w3-a", "w3", model.AnxietyHappened, t2)}
	save(p, "two statuses at the same time")
	if got := openEntries(t, s); !slices.Equal(got, []string{"worries: 3", "x1"}) {
		t.Fatalf("after statuses moved and tied, read as open: %v", got)
	}

	if _, err := s.db.Exec(`DELETE FROM anxiety_updates WHERE id = 'w3-b'`); err != nil {
		t.Fatal(err)
	}
	if _, err := s.db.Exec(`DELETE FROM action_updates WHERE id = 'x1-a'`); err != nil {
		t.Fatal(err)
	}
	checkLatest(t, s, "a status and an outcome removed by another program")
	if got := openEntries(t, s); !slices.Equal(got, []string{"worries: 2", "x1"}) {
		t.Fatalf("after the removals, read as open: %v", got)
	}

	p = model.ProgressOf(second, nil, false)
	gone := worry("w2", "")
	gone.Deleted = true
	p.Anxieties = []model.Anxiety{gone}
	save(p, "a worry removed")

	// An export into a database of its own, then an outcome made newer in
	// the file and imported over the one there.
	doc := exportAll(t, s)
	other, _ := openTemp(t)
	data, _ := json.Marshal(doc)
	parsed, err := model.ParseExport(data)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := other.Import(ctx, parsed, model.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	checkLatest(t, other, "imported into a new database")
	if got := openEntries(t, other); !slices.Equal(got, []string{"worries: 1", "x1"}) {
		t.Fatalf("imported, read as open: %v", got)
	}
	for i, a := range doc.Engagements[0].Ledger.Actions {
		if a.ID == "x2" {
			h := &doc.Engagements[0].Ledger.Actions[i].History[0]
			h.Outcome, h.At = model.OutcomePending, h.At.Add(24*time.Hour)
		}
	}
	data, _ = json.Marshal(doc)
	if parsed, err = model.ParseExport(data); err != nil {
		t.Fatal(err)
	}
	if st, err := other.Import(ctx, parsed, model.ImportOptions{}); err != nil {
		t.Fatalf("import of a newer outcome: %+v %v", st, err)
	}
	checkLatest(t, other, "a newer outcome imported")
	if got := openEntries(t, other); !slices.Equal(got, []string{"worries: 1", "x1", "x2"}) {
		t.Fatalf("after the import, read as open: %v", got)
	}
}

// TestUpgradeKeepsEachEntrysLatestWord: a database written before the
// latest word was kept on each entry gets it from the histories, the
// latest time first and then the greatest id, as model.Anxiety.Status
// reads it.
func TestUpgradeKeepsEachEntrysLatestWord(t *testing.T) {
	entry := func(table, id, extra string) string {
		cols, vals := "", ""
		if extra != "" {
			cols, vals = ", owner", ", '"+extra+"'"
		}
		return `INSERT INTO ` + table + ` (id, engagement_id, text, created_at, updated_at` + cols + `)
			VALUES ('` + id + `', 1, '帰任後の不安 ` + id + `', '2026-04-02T09:00:00.000000Z', '2026-04-02T09:00:00.000000Z'` + vals + `)`
	}
	update := func(table, parent, id, word, at string) string {
		col := map[string]string{"anxiety_updates": "anxiety_id, status", "action_updates": "action_id, outcome"}[table]
		return `INSERT INTO ` + table + ` (id, ` + col + `, at) VALUES ('` + id + `', '` + parent + `', '` + word + `', '` + at + `')`
	}
	const (
		april = "2026-04-10T09:00:00.000000Z"
		may   = "2026-05-10T09:00:00.000000Z"
	)
	path := oldDatabase(t, 24, oldLearner, oldEngagement,
		entry("anxieties", "w-none", ""),
		entry("anxieties", "w-reopened", ""),
		update("anxiety_updates", "w-reopened", "u2", "open", may),
		update("anxiety_updates", "w-reopened", "u1", "resolved", april),
		entry("anxieties", "w-tied", ""),
		update("anxiety_updates", "w-tied", "t-b", "happened", may),
		update("anxiety_updates", "w-tied", "t-a", "easing", may),
		entry("anxieties", "w-eased", ""),
		update("anxiety_updates", "w-eased", "e1", "easing", april),
		entry("actions", "x-none", "learner"),
		entry("actions", "x-done", "companion"),
		update("action_updates", "x-done", "o1", "not_tried", april),
		update("action_updates", "x-done", "o2", "worked", may),
		entry("actions", "x-again", "learner"),
		update("action_updates", "x-again", "o4", "not_tried", may),
		update("action_updates", "x-again", "o3", "no_effect", april),
	)
	s, err := Open(path, Options{Owner: deadPid(t)})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	checkLatest(t, s, "after the upgrade")
	if got := openEntries(t, s); !slices.Equal(got, []string{"worries: 3", "x-again", "x-none"}) {
		t.Fatalf("after the upgrade, read as open: %v", got)
	}
}

// TestDueListLedgerReadsOnlyOpenEntries checks that the open worries and
// actions the due list reads at every start are read from the partial
// indexes of migration 025 alone: not from the entries themselves, and
// without looking at any entry's history (with 10,000 sessions that was a
// lookup for each of some 4,000 entries).
func TestDueListLedgerReadsOnlyOpenEntries(t *testing.T) {
	s, _ := openTemp(t)
	// The single user's, and a companion's on a server (who reads only
	// the engagements they are a member of, and their own private worries).
	member := s.As(model.Account{ID: 2, Name: "佐藤 一郎", Role: model.RoleCompanion})
	defer member.Close()
	for query, name := range map[string]string{
		s.openWorriesQuery():      "anxieties_open",
		s.openActionsQuery():      "actions_open",
		member.openWorriesQuery(): "anxieties_open",
		member.openActionsQuery(): "actions_open",
	} {
		all := strings.Join(queryPlan(t, s, query), "\n")
		// The worries are counted by engagement, in memory: the only
		// temporary tree allowed is the one that groups them.
		sorted := strings.Contains(strings.ReplaceAll(all, "TEMP B-TREE FOR GROUP BY", ""), "TEMP B-TREE")
		if !strings.Contains(all, "USING COVERING INDEX "+name) || strings.Contains(all, "_updates") || sorted {
			t.Fatalf("the open entries are not read through %s alone:\n%s", name, all)
		}
	}
}

// filledWithoutConnections is a new store holding engagements engagements
// of sessions sessions each, with their ledgers, and no connection left
// open: each one the next read takes is new, and stays open after it (up
// to eight).
func filledWithoutConnections(t *testing.T, engagements, sessions int) (*Store, context.Context) {
	t.Helper()
	s, _ := openTemp(t)
	ctx := context.Background()
	shape := benchdb.Shape{Engagements: engagements, Sessions: sessions, Steps: 1, Ledger: true}
	if err := benchdb.Fill(ctx, s, shape); err != nil {
		t.Fatal(err)
	}
	s.db.SetMaxIdleConns(0)
	s.db.SetMaxIdleConns(8)
	return s, ctx
}

// TestStatesReadOnOneConnection: the due list's records are read one after
// the other on one connection. Each connection SQLite opens reads the
// schema again and every page into a page cache of its own, all cold at
// the start: three reads at once took half as much processor time again,
// for no sooner an answer on two cores.
func TestStatesReadOnOneConnection(t *testing.T) {
	s, ctx := filledWithoutConnections(t, 6, 5)
	states, err := s.States(ctx)
	if err != nil || len(states) != 6 {
		t.Fatalf("%d states, %v", len(states), err)
	}
	if n := s.db.Stats().OpenConnections; n != 1 {
		t.Fatalf("States read on %d connections, want 1", n)
	}
}

// TestStatesReadThroughASmallPageCache: the due list's records are read
// through a page cache of a few pages, and the connection's own size is
// given back after. Each page is read once; a cache let to grow page by
// page (to 2 MB) took more time filling itself than reading them: the
// due list's sessions with 10,000 of them took 17–20 ms on a new
// connection, 4 ms through 32 pages.
func TestStatesReadThroughASmallPageCache(t *testing.T) {
	s, ctx := filledWithoutConnections(t, 60, 30)
	if _, err := s.States(ctx); err != nil {
		t.Fatal(err)
	}
	c, err := s.db.Conn(ctx) // the one States read on, with its page cache
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	var used, size int
	err = c.Raw(func(dc any) (err error) {
		used, _, err = dc.(sqlite.DBStatus).Status(sqlite.DBStatusCacheUsed, false)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := c.QueryRowContext(ctx, "PRAGMA cache_size").Scan(&size); err != nil {
		t.Fatal(err)
	}
	if pages := used / 4096; pages > statesCachePages*3/2 {
		t.Errorf("States filled %d KiB of page cache (%d pages), want about %d pages", used/1024, pages, statesCachePages)
	}
	if size != -2000 {
		t.Errorf("the connection's page cache is left at %d, want SQLite's own -2000", size)
	}
}
