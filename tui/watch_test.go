package tui

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"bansou/internal/dbtest"
	"bansou/model"
	"bansou/model/sqlite"
)

// watchedStore is a real store that announces the changes a test pushes,
// as a served store announces what other members wrote, and counts what
// the screens read.
type watchedStore struct {
	model.Store
	mu      sync.Mutex
	subs    map[chan model.StoreChange]bool
	watches int
	stops   int
	gate    chan struct{} // while set, reading the engagements waits for it to close
	lists   atomic.Int32  // reads of the engagement list (by itself, or with the due list's states)
	ledgers atomic.Int32  // reads of a ledger
}

const ownHolder = "この窓の保持者"

func newWatchedStore(s model.Store) *watchedStore {
	return &watchedStore{Store: s, subs: map[chan model.StoreChange]bool{}}
}

func (s *watchedStore) Holder() string { return ownHolder }

func (s *watchedStore) Watch() (<-chan model.StoreChange, func()) {
	ch := make(chan model.StoreChange, 1024)
	s.mu.Lock()
	defer s.mu.Unlock()
	s.subs[ch] = true
	s.watches++
	once := sync.Once{}
	return ch, func() {
		once.Do(func() {
			s.mu.Lock()
			defer s.mu.Unlock()
			delete(s.subs, ch)
			s.stops++
			close(ch)
		})
	}
}

// push announces a change to every watcher.
func (s *watchedStore) push(c model.StoreChange) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for ch := range s.subs {
		ch <- c
	}
}

// watching is the number of watches not stopped.
func (s *watchedStore) watching() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.subs)
}

func (s *watchedStore) hold() {
	s.mu.Lock()
	s.gate = make(chan struct{})
	s.mu.Unlock()
}

func (s *watchedStore) release() {
	s.mu.Lock()
	close(s.gate)
	s.gate = nil
	s.mu.Unlock()
}

func (s *watchedStore) Engagements(ctx context.Context, all bool) ([]model.Engagement, error) {
	s.listRead()
	return s.Store.Engagements(ctx, all)
}

func (s *watchedStore) States(ctx context.Context) ([]model.EngagementState, error) {
	s.listRead()
	return s.Store.States(ctx)
}

// listRead counts a read of the engagements, held while the gate is set.
func (s *watchedStore) listRead() {
	s.lists.Add(1)
	s.mu.Lock()
	gate := s.gate
	s.mu.Unlock()
	if gate != nil {
		<-gate
	}
}

func (s *watchedStore) Ledger(ctx context.Context, id int64) (model.Ledger, error) {
	s.ledgers.Add(1)
	return s.Store.Ledger(ctx, id)
}

// newWatchedHarness is a harness whose store announces changes, with
// another store on the same database for "another member" to write with.
func newWatchedHarness(t *testing.T, w, h int) (*harness, *watchedStore, *sqlite.Store) {
	t.Helper()
	base, path := openStore(t)
	ws := newWatchedStore(base)
	hs := newHarness(t, w, h, withStore(ws))
	hs.path = path
	return hs, ws, openStoreAt(t, path, 0)
}

// announce pushes changes written by another member and waits until the
// App has taken them and everything they started is done.
func (h *harness) announce(ws *watchedStore, changes ...model.StoreChange) {
	h.t.Helper()
	want := h.app.watch.taken + len(changes)
	for _, c := range changes {
		ws.push(c)
	}
	h.waitUntil("the changes are taken", func() bool { return h.app.watch.taken >= want })
	h.settle()
}

func engagementOf(name, sending, host string, start, end model.Date) model.Engagement {
	return model.Engagement{Learner: model.Learner{Name: name}, SendingOrg: sending, HostOrg: host, Start: start, End: end}
}

// TestHomeShowsAnEngagementAnotherStoreAdded: another member adds an
// engagement; the home screen shows it without a key, and the cursor stays
// on the engagement it was on although the new one comes above it.
func TestHomeShowsAnEngagementAnotherStoreAdded(t *testing.T) {
	h, ws, other := newWatchedHarness(t, 100, 30)
	ctx := context.Background()
	h.seed()
	during, err := h.store.CreateEngagement(ctx, engagementOf("伊藤 三郎", "株式会社ひかり", "NPO法人まなび",
		model.NewDate(2026, 10, 1), model.NewDate(2027, 3, 31)))
	if err != nil {
		t.Fatal(err)
	}
	h.send(refreshMsg{})
	hm := h.top().(*home)
	for i := 0; ; i++ {
		if e, _, _ := hm.selected(); e.ID == during.ID && hm.cursor >= len(hm.due) {
			break
		}
		if i > hm.rows() {
			t.Fatalf("cannot reach 伊藤 三郎's row:\n%s", h.screen())
		}
		h.press("down")
	}
	lists := ws.lists.Load()

	added, err := other.CreateEngagement(ctx, engagementOf("鈴木 次郎", "株式会社そよかぜ", "一般社団法人ひろば",
		model.NewDate(2026, 11, 1), model.NewDate(2027, 4, 30)))
	if err != nil {
		t.Fatal(err)
	}
	ws.push(model.StoreChange{EngagementID: added.ID, By: "別の伴走者"})
	h.waitUntil("the home screen shows 鈴木 次郎", func() bool { return hm.listed(added.ID) })
	h.settle()
	h.contains("鈴木 次郎")
	if n := ws.lists.Load() - lists; n != 1 {
		t.Errorf("the engagements were read %d times for one change, want 1", n)
	}
	if e, _, _ := hm.selected(); e.ID != during.ID || hm.cursor < len(hm.due) {
		t.Errorf("the cursor moved to %q (row %d):\n%s", e.Learner.Name, hm.cursor, h.screen())
	}
}

// listed reports whether the home screen lists engagement id.
func (s *home) listed(id int64) bool {
	for _, e := range s.list {
		if e.ID == id {
			return true
		}
	}
	return false
}

// anotherWorry writes, through store, a session of the anxiety flow with
// one worry in it, as another member holding a session would.
func anotherWorry(t *testing.T, h *harness, store model.Store, e model.Engagement, text string, created time.Time) model.Session {
	t.Helper()
	ctx := context.Background()
	f, _ := h.app.env.lib.Flow("anxiety")
	s, err := store.StartSession(ctx, model.NewSession(f, e.ID, model.Ja, created))
	if err != nil {
		t.Fatal(err)
	}
	p := model.ProgressOf(s, nil, false)
	a := model.NewAnxiety(e.ID, s.ID, "p:worries", text)
	a.Private = false
	a.CreatedAt, a.UpdatedAt = created, created
	p.Anxieties = []model.Anxiety{a}
	if err := store.SaveProgress(ctx, p); err != nil {
		t.Fatal(err)
	}
	return s
}

// TestEngagementScreenShowsAWorryAnotherStoreAdded: on the worries tab, a
// worry another member recorded appears without a key, the cursor stays on
// the worry it was on, and a change to another engagement reads nothing.
func TestEngagementScreenShowsAWorryAnotherStoreAdded(t *testing.T) {
	h, ws, other := newWatchedHarness(t, 100, 30)
	e := h.seed()
	anotherWorry(t, h, h.store, e, "評価が下がらないか心配", clock.Add(-48*time.Hour))
	h.press("enter", "2")
	es := h.top().(*engagementScreen)
	h.contains("評価が下がらないか心配")
	ledgers := ws.ledgers.Load()

	h.announce(ws, model.StoreChange{EngagementID: e.ID + 1, SessionID: 999, By: "別の伴走者"})
	if n := ws.ledgers.Load() - ledgers; n != 0 {
		t.Errorf("a change to another engagement read this one's ledger %d times", n)
	}

	s := anotherWorry(t, h, other, e, "異動先で孤立しないか", clock.Add(-72*time.Hour))
	ws.push(model.StoreChange{EngagementID: e.ID, SessionID: s.ID, By: "別の伴走者"})
	h.waitUntil("the worry appears", func() bool { return len(es.ledger.Anxieties) == 2 })
	h.settle()
	h.contains("異動先で孤立しないか")
	if got := es.ledger.Anxieties[es.cursor[tabAnxieties]].Text; got != "評価が下がらないか心配" {
		t.Errorf("the cursor moved to %q:\n%s", got, h.screen())
	}
}

// TestOwnChangeIsNotReloaded: a change this window's own store wrote
// (By is its holder) reads nothing again.
func TestOwnChangeIsNotReloaded(t *testing.T) {
	h, ws, _ := newWatchedHarness(t, 100, 30)
	e := h.seed()
	lists := ws.lists.Load()
	h.announce(ws, model.StoreChange{EngagementID: e.ID, By: ownHolder})
	if n := ws.lists.Load() - lists; n != 0 {
		t.Errorf("its own change read the engagements %d times", n)
	}
	h.press("enter")
	ledgers := ws.ledgers.Load()
	h.announce(ws, model.StoreChange{EngagementID: e.ID, By: ownHolder})
	if n := ws.ledgers.Load() - ledgers; n != 0 {
		t.Errorf("its own change read the ledger %d times", n)
	}
}

// TestBurstOfChangesReadsTwice: 100 changes arriving while the home screen
// reads its lists again make one more read, not a hundred.
func TestBurstOfChangesReadsTwice(t *testing.T) {
	h, ws, _ := newWatchedHarness(t, 100, 30)
	e := h.seed()
	lists := ws.lists.Load()
	ws.hold()
	ws.push(model.StoreChange{EngagementID: e.ID, By: "別の伴走者"})
	h.waitUntil("a reload under way", func() bool { return ws.lists.Load() == lists+1 })
	for i := 2; i <= 100; i++ {
		// One at a time, so that each comes on its own while the read is
		// under way.
		ws.push(model.StoreChange{EngagementID: e.ID, By: "別の伴走者"})
		h.waitUntil("the change taken", func() bool { return h.app.watch.taken == i })
	}
	ws.release()
	h.settle()
	if n := ws.lists.Load() - lists; n != 2 {
		t.Errorf("100 changes read the engagements %d times, want 2", n)
	}
}

// TestChangeLeavesTypingAlone: what is being typed in the engagement form
// and in a session's answer stays as typed when another's change arrives.
func TestChangeLeavesTypingAlone(t *testing.T) {
	h, ws, _ := newWatchedHarness(t, 100, 30)
	e := h.seed()
	h.press("n")
	h.typeText("小林 さくら")
	f, ok := h.top().(*engagementForm)
	if !ok {
		t.Fatalf("no engagement form:\n%s", h.screen())
	}
	h.announce(ws, model.StoreChange{EngagementID: e.ID, By: "別の伴走者"})
	if h.top() != screen(f) {
		t.Fatalf("the form is no longer on top:\n%s", h.screen())
	}
	if got := f.fs.get("learner").value(); got != "小林 さくら" {
		t.Errorf("the learner's name reads %q after the change", got)
	}
	h.press("esc")
	if f.confirm {
		h.press("y")
	}

	h.press("enter")
	r := openFlow(t, h, "purpose")
	h.typeText("上司に相談してみたい")
	h.announce(ws, model.StoreChange{EngagementID: e.ID, SessionID: r.id + 1, By: "別の伴走者"})
	if h.top() != screen(r) {
		t.Fatalf("the session is no longer on top:\n%s", h.screen())
	}
	if got := r.answer.Value(); got != "上司に相談してみたい" {
		t.Errorf("the answer reads %q after the change", got)
	}
}

// TestWatchStopsWhenTheAppQuits: quitting stops the watch, and the wait
// for the next change returns.
func TestWatchStopsWhenTheAppQuits(t *testing.T) {
	h, ws, _ := newWatchedHarness(t, 100, 30)
	h.seed()
	if ws.watching() != 1 || h.watchWaits() != 1 {
		t.Fatalf("watching %d, waiting %d: the App does not watch", ws.watching(), h.watchWaits())
	}
	h.press("ctrl+c")
	if !h.quit {
		t.Fatal("ctrl+c did not quit")
	}
	h.waitUntil("the wait returns", func() bool { return h.pending == 0 })
	if ws.watching() != 0 || ws.stops != 1 || h.watchWaits() != 0 {
		t.Errorf("after quitting: %d watches, %d stops, %d waits", ws.watching(), ws.stops, h.watchWaits())
	}
}

// refusingStore refuses, as changed elsewhere, a save that carries the
// worry refuse names, as a store checking ledger entries would when
// another member saved that worry after this window read it.
type refusingStore struct {
	*watchedStore
	refuse atomic.Value // string
}

func (s *refusingStore) SaveProgress(ctx context.Context, p model.Progress) error {
	id, _ := s.refuse.Load().(string)
	for _, a := range p.Anxieties {
		if id != "" && a.ID == id {
			return fmt.Errorf("saving session %d: %w", p.SessionID, errors.Join(&model.EntryChangedError{ID: id, By: "別の伴走者"}))
		}
	}
	return s.watchedStore.SaveProgress(ctx, p)
}

// TestSessionHearsOfAnotherMembersChange: while a session is open, another
// member edits a worry it brings back and records a new one. The runner
// says so, the note typed on the worry here stays (on screen and then in
// the store), and the list shows the new worry when its step opens again.
func TestSessionHearsOfAnotherMembersChange(t *testing.T) {
	h, ws, other := newWatchedHarness(t, 100, 34)
	e := h.seed()
	anotherWorry(t, h, h.store, e, "評価が下がらないか心配", clock.Add(-48*time.Hour))
	h.press("enter")
	r := openFlow(t, h, "purpose")
	h.contains("評価が下がらないか心配")
	h.press("enter")
	h.typeText("上司と話して少し安心した")

	ctx := context.Background()
	l := dbtest.Ledger(t, other, e.ID)
	edited := l.Anxieties[0]
	edited.Plan = "人事と面談の場をつくる"
	s := anotherWorry(t, h, other, e, "異動先で孤立しないか", clock.Add(-time.Hour))
	p := model.ProgressOf(dbtest.Session(t, other, l.Anxieties[0].SessionID), nil, false)
	p.Anxieties = []model.Anxiety{edited}
	if err := other.SaveProgress(ctx, p); err != nil {
		t.Fatal(err)
	}
	h.announce(ws, model.StoreChange{EngagementID: e.ID, SessionID: s.ID, By: "別の伴走者"})
	h.contains("別のメンバーがこの学習者の記録")
	if r.wk.Ledger.Anxieties[0].Plan != "人事と面談の場をつくる" || len(r.wk.Ledger.Anxieties) != 2 {
		t.Errorf("the runner's ledger after the change: %+v", r.wk.Ledger.Anxieties)
	}
	h.contains("上司と話して少し安心した")
	h.notContains("異動先で孤立しないか") // not under the keys while the step is open
	h.press("enter", "ctrl+n", "ctrl+p")
	h.contains("異動先で孤立しないか")
	h.press("ctrl+s")
	stored := dbtest.Ledger(t, h.store, e.ID).Anxieties[0]
	if u, ok := stored.UpdateIn(r.id); !ok || u.Note != "上司と話して少し安心した" || stored.Plan != "人事と面談の場をつくる" {
		t.Errorf("stored: plan %q, this session's note %+v", stored.Plan, u)
	}
}

// TestWorryChangedElsewhereKeepsItsText: a save refused because another
// member saved the worry being edited first keeps the worry's text on
// screen, says so, writes nothing over the other's version, and the
// session's other words go on being saved.
func TestWorryChangedElsewhereKeepsItsText(t *testing.T) {
	base, path := openStore(t)
	rs := &refusingStore{watchedStore: newWatchedStore(base)}
	h := newHarness(t, 100, 34, withStore(rs))
	h.path = path
	e := h.seed()
	h.press("enter")
	r := openFlow(t, h, "anxiety")
	jumpTo(t, h, r, "p:worries")
	h.press("enter")
	h.typeText("戻ったときに居場所があるか")
	h.press("ctrl+s")
	id := dbtest.Ledger(t, base, e.ID).Anxieties[0].ID

	rs.refuse.Store(id)
	h.typeText("、とても心配") // saved as it is typed
	h.contains("「戻ったときに居場所があるか、…」は、この画面で読み込んだあとに別のメンバーが保存していました")
	h.contains("別のメンバーが先に保存した項目が 1 件あります")
	if !r.wk.Conflicted(id) || r.wk.Stopped() {
		t.Fatalf("conflicted %v, stopped %v", r.wk.Conflicted(id), r.wk.Stopped())
	}
	if got := dbtest.Ledger(t, base, e.ID).Anxieties[0].Text; got != "戻ったときに居場所があるか" {
		t.Errorf("the store's worry reads %q", got)
	}
	h.press("esc", "ctrl+n")
	h.typeText("家族と話してみる")
	if got := r.wk.Ledger.Anxieties[0].Text; got != "戻ったときに居場所があるか、とても心配" {
		t.Errorf("this window's worry reads %q", got)
	}
	st, _ := dbtest.Session(t, base, r.id).Step(r.wk.Sess.CurrentKey)
	if st.Answer != "家族と話してみる" {
		t.Errorf("the next answer was not saved: %q", st.Answer)
	}
}

// TestHomeReadsTheEngagementsOnce: the home screen's engagements and what
// is due come from one reading of the engagements (the due list's States
// hold every one not archived), at the start and again after another's
// change, rather than a second reading on a connection of its own.
func TestHomeReadsTheEngagementsOnce(t *testing.T) {
	base, _ := openStore(t)
	ctx := context.Background()
	// During its stint, with no conversation since it began: a check-in
	// is due.
	e, err := base.CreateEngagement(ctx, engagementOf("高橋 美咲", "東和電機株式会社", "合同会社あした",
		model.NewDate(2026, 9, 1), model.NewDate(2027, 2, 28)))
	if err != nil {
		t.Fatal(err)
	}
	ws := newWatchedStore(base)
	h := newHarness(t, 100, 30, withStore(ws))
	h.settle()
	h.contains("確認すること")
	h.contains("高橋 美咲")
	if n := ws.lists.Load(); n != 1 {
		t.Errorf("the home screen read the engagements %d times at the start, want 1", n)
	}
	ws.push(model.StoreChange{EngagementID: e.ID, By: "別の伴走者"})
	h.waitUntil("a reload", func() bool { return ws.lists.Load() > 1 })
	h.settle()
	h.contains("確認すること")
	if n := ws.lists.Load(); n != 2 {
		t.Errorf("the home screen read the engagements %d times after a change, want 1", n-1)
	}
}

// TestTheHomeScreenTakesTheReadsBegunEarly: the home screen's first reads
// begun before the interface is built (as bansou begins them when the
// store opens, while the content is still read) are the ones the home
// screen shows: it does not read again when it opens, and reads afresh
// after another's change.
func TestTheHomeScreenTakesTheReadsBegunEarly(t *testing.T) {
	base, _ := openStore(t)
	ctx := context.Background()
	if _, err := base.CreateEngagement(ctx, engagementOf("高橋 美咲", "東和電機株式会社", "合同会社あした",
		model.NewDate(2026, 9, 1), model.NewDate(2027, 2, 28))); err != nil {
		t.Fatal(err)
	}
	ws := newWatchedStore(base)
	early := ReadEarly(Options{Store: ws, Now: func() time.Time { return clock }, Location: time.UTC})
	deadline := time.Now().Add(5 * time.Second)
	for _, msg := range early.msgs {
		for len(msg) == 0 {
			if time.Now().After(deadline) {
				t.Fatal("the early reads did not end before the interface was built")
			}
			time.Sleep(time.Millisecond)
		}
	}
	// Written after the early reads: the home screen, taking them, does
	// not show it yet.
	if _, err := base.CreateEngagement(ctx, engagementOf("山本 健", "東和電機株式会社", "合同会社あした",
		model.NewDate(2026, 9, 1), model.NewDate(2027, 2, 28))); err != nil {
		t.Fatal(err)
	}
	h := newHarness(t, 100, 30, withStore(ws), func(o *Options) { o.Early = early })
	h.settle()
	h.contains("確認すること")
	h.contains("高橋 美咲")
	if n := ws.lists.Load(); n != 1 {
		t.Errorf("the home screen read the engagements %d times, want only the early read", n)
	}
	h.notContains("山本 健")
	ws.push(model.StoreChange{By: "別の伴走者"})
	h.waitUntil("a reload", func() bool { return ws.lists.Load() > 1 })
	h.settle()
	h.contains("山本 健")
}
