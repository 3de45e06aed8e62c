// Package benchdb generates databases of a realistic size and text for the
// benchmarks and for the tests that check search against a plain reading of
// every document: engagements with their learners, sessions with answers in
// mixed Japanese, and the ledger a companion keeps beside them.
//
// Everything is saved through the store's own API, so the database is the
// one bansou itself would have written. The large database the benchmarks
// share is built once and kept in the temporary directory (File).
//
// The package depends on model only: the store is passed in, so that the
// tests of model/sqlite can use it too.
package benchdb

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"time"

	"bansou/model"
)

// Shape is how many engagements, sessions per engagement and answered
// prompts per session a generated database has.
type Shape struct {
	Engagements, Sessions, Steps int
	// Ledger adds notes, worries, actions (with how they went) and
	// agreement topics.
	Ledger bool
	// Shuffled gives some sessions dates later than every session saved
	// after them, as an import of another companion's newer sessions would.
	Shuffled bool
}

// Large is the database of the budgets (design §7): 200 learners, each in
// one engagement of 50 sessions of 10 answered prompts: 10,000 sessions and
// 100,000 answers, with a ledger.
var Large = Shape{Engagements: 200, Sessions: 50, Steps: 10, Ledger: true}

// Answers is how many answers a database of this shape holds.
func (sh Shape) Answers() int { return sh.Engagements * sh.Sessions * sh.Steps }

// SessionCount is how many sessions a database of this shape holds.
func (sh Shape) SessionCount() int { return sh.Engagements * sh.Sessions }

// Version names the generator; change it whenever what Fill writes
// changes, so that a kept database is built again.
const Version = "6"

// Dates of the generated stints. Stints of six months start four days
// apart from firstStart on, so that on the day these lines were written
// (2026-11-21) most engagements are after their stint, some during and a
// few before. No session is later than lastSession.
var (
	firstStart  = model.NewDate(2024, 10, 1)
	lastSession = time.Date(2026, 11, 14, 0, 0, 0, 0, time.UTC)
)

// Learner names: family × given name, 200 different ones.
var (
	familyNames = []string{"佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "山本", "中村", "小林", "加藤",
		"吉田", "山田", "佐々木", "山口", "松本", "井上", "木村", "林", "清水", "斎藤"}
	givenNames = []string{"花子", "陽菜", "蓮", "結衣", "大翔", "美咲", "悠真", "葵", "健太", "さくら"}
	sending    = []string{"株式会社みらい", "東和電機株式会社", "さくら銀行", "北星物産株式会社", "市役所 企画課"}
	hosts      = []string{"NPO法人つなぐ", "合同会社あした", "一般社団法人まちの台所", "株式会社ゆいまーる", "漁業協同組合"}
)

// Fill saves the generated engagements, sessions, answers and ledger of
// shape sh through store. The text is the same for the same shape every
// time.
func Fill(ctx context.Context, store model.Store, sh Shape) error {
	gen := textGen{rng: rand.New(rand.NewPCG(2026, 11)), noted: map[string]bool{}}
	var prompts []model.Prompt
	for i := range sh.Steps {
		id := fmt.Sprintf("q%d", i)
		prompts = append(prompts, model.Prompt{ID: id, Title: model.Text{Ja: "問い" + id}, Text: model.Text{Ja: "問い" + id + "について話してください"}})
	}
	flows := map[model.Phase]*model.Flow{
		model.Before: {ID: "purpose", Mode: model.OneOnOne, Title: model.Text{Ja: "目的抽出"}, Prompts: prompts},
		model.During: {ID: "checkin", Mode: model.OneOnOne, Use: model.UseCheckin, Title: model.Text{Ja: "進捗確認"}, Prompts: prompts},
		model.After:  {ID: "reflection", Mode: model.OneOnOne, Title: model.Text{Ja: "振り返り"}, Prompts: prompts},
	}
	checkpoint := &model.Flow{ID: "checkpoint", Mode: model.OneOnOne, Use: model.UseCheckpoint, Title: model.Text{Ja: "帰任後チェックポイント"}, Prompts: prompts}
	for e := range sh.Engagements {
		eng, err := store.CreateEngagement(ctx, engagement(e))
		if err != nil {
			return err
		}
		times := sessionTimes(eng, sh.Sessions)
		held := map[string]bool{}
		for n, at := range times {
			i := e*sh.Sessions + n
			f := flows[eng.PhaseOn(model.DateOf(at))]
			milestone := ""
			for _, m := range model.Milestones {
				if !held[m.ID] && !model.DateOf(at).Before(eng.End.AddMonths(m.Months)) {
					f, milestone = checkpoint, m.ID
					held[m.ID] = true
					break
				}
			}
			if sh.Shuffled && i%37 == 5 {
				at = at.AddDate(10, 0, 0)
			}
			sess := model.NewSession(f, eng.ID, model.Ja, at)
			sess.Milestone = milestone
			for i := range sess.Steps {
				sess.Steps[i].Answer = gen.answer()
				sess.Steps[i].UpdatedAt = at
			}
			// Every session is done but the last of one engagement in
			// twenty, left to be finished later.
			if n < sh.Sessions-1 || e%20 != 0 {
				sess.Status, sess.UpdatedAt, sess.FinishedAt = model.Done, at.Add(50*time.Minute), at.Add(50*time.Minute)
			}
			if sh.Ledger && gen.rng.IntN(10) < 3 {
				sess.Steps[gen.rng.IntN(len(sess.Steps))].Note = gen.short()
			}
			sess, err := store.StartSession(ctx, sess)
			if err != nil {
				return err
			}
			if sh.Ledger {
				if err := store.SaveProgress(ctx, gen.ledger(sess, i, n)); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// engagement is the e-th learner's stint.
func engagement(e int) model.Engagement {
	start := firstStart.AddDays(4 * e)
	return model.Engagement{
		Learner:    model.Learner{Name: familyNames[e%len(familyNames)] + " " + givenNames[e/len(familyNames)%len(givenNames)]},
		SendingOrg: sending[e%len(sending)], HostOrg: hosts[e/len(sending)%len(hosts)],
		Start: start, End: start.AddMonths(6).AddDays(-1),
		Companions: []model.Companion{{Name: "佐藤 一郎", Type: model.Sending}, {Name: "Tanaka", Type: model.ThirdParty}},
	}
}

// sessionTimes spreads n sessions from eight weeks before the stint over
// up to 350 days, none after lastSession (unless the stint starts
// later still: then an hour apart), at the same hour of the day.
func sessionTimes(eng model.Engagement, n int) []time.Time {
	first := eng.Start.AddDays(-56).Time().Add(time.Duration(9+eng.ID%9) * time.Hour)
	span := max(min(350*24*time.Hour, lastSession.Sub(first)), time.Duration(n)*time.Hour)
	out := make([]time.Time, n)
	for i := range out {
		out[i] = first.Add(span / time.Duration(n) * time.Duration(i))
	}
	return out
}

// ledger is what the companion noted in the i-th session, the n-th of its
// engagement: sometimes a worry (now and then one of no session), an action
// due two weeks later, an agreement topic; and how a worry of five sessions
// before and an action of three sessions before went.
func (t textGen) ledger(sess model.Session, i, n int) model.Progress {
	p := model.Progress{SessionID: sess.ID, CurrentKey: sess.CurrentKey, Status: sess.Status,
		UpdatedAt: sess.UpdatedAt, FinishedAt: sess.FinishedAt}
	at := sess.StartedAt
	if t.rng.IntN(5) == 0 {
		a := model.Anxiety{ID: fmt.Sprintf("w%d", i), EngagementID: sess.EngagementID, SessionID: sess.ID, StepKey: "p:q1",
			Text: t.short(), Plan: t.short(), CreatedAt: at, UpdatedAt: at}
		if t.rng.IntN(10) == 0 {
			a.SessionID, a.StepKey = 0, ""
		}
		p.Anxieties = append(p.Anxieties, a)
	}
	if t.rng.IntN(5) == 0 {
		p.Actions = append(p.Actions, model.Action{ID: fmt.Sprintf("x%d", i), EngagementID: sess.EngagementID, SessionID: sess.ID,
			StepKey: "p:q2", Text: t.short(), Owner: model.OwnerLearner, Due: model.DateOf(at).AddDays(14), CreatedAt: at, UpdatedAt: at})
	}
	if t.rng.IntN(10) == 0 {
		p.Agreement = append(p.Agreement, model.AgreementItem{SessionID: sess.ID, Topic: "role", Title: "役割",
			Learner: model.PartyView{Expectation: t.short()}, Host: model.PartyView{Expectation: t.short()}, Agreed: t.short(), UpdatedAt: at})
	}
	// Two worries in three are told about again five sessions later (most
	// resolved, some easing, some that happened), three actions in four
	// three sessions later (most worked, some not tried, some to no
	// effect). Only entries that were noted are told about.
	if w := fmt.Sprintf("w%d", i-5); n >= 5 && i%3 != 0 && t.noted[w] {
		status := []model.AnxietyStatus{model.AnxietyResolved, model.AnxietyEasing, model.AnxietyHappened, model.AnxietyResolved}[i%4]
		p.AnxietyUpdates = append(p.AnxietyUpdates, model.AnxietyUpdate{ID: fmt.Sprintf("wu%d", i), AnxietyID: w,
			SessionID: sess.ID, Status: status, At: at})
	}
	if x := fmt.Sprintf("x%d", i-3); n >= 3 && i%4 != 0 && t.noted[x] {
		outcome := []model.Outcome{model.OutcomeWorked, model.OutcomeNotTried, model.OutcomeWorked, model.OutcomeNoEffect, model.OutcomeWorked}[i%5]
		p.ActionUpdates = append(p.ActionUpdates, model.ActionUpdate{ID: fmt.Sprintf("xu%d", i), ActionID: x,
			SessionID: sess.ID, Outcome: outcome, At: at})
	}
	for _, a := range p.Anxieties {
		t.noted[a.ID] = true
	}
	for _, a := range p.Actions {
		t.noted[a.ID] = true
	}
	return p
}

// Store is what a database is built through: the model's store, the
// search index and closing.
type Store interface {
	model.Store
	IndexPending(ctx context.Context) error
	Close() error
}

// ErrNotBuilt is File's answer when the database is not there and it was
// told not to build it.
var ErrNotBuilt = errors.New("the benchmark database is not built yet")

// File returns the path of the database of shape sh, for schema version
// schema, kept in the temporary directory. When it is not there yet and
// build is true it is built first with a store from open (about half a
// minute for Large) and indexed for search; databases of other versions are
// removed then. Test processes running at the same time wait for one
// another, so it is built once.
func File(sh Shape, schema int, open func(path string) (Store, error), build bool) (string, error) {
	name := fmt.Sprintf("bansou-bench-s%d-v%s-%dx%dx%d", schema, Version, sh.Engagements, sh.Sessions, sh.Steps)
	if sh.Ledger {
		name += "-ledger"
	}
	if sh.Shuffled {
		name += "-shuffled"
	}
	file := filepath.Join(os.TempDir(), name+".db")
	if _, err := os.Stat(file); err == nil {
		return file, nil
	}
	if !build {
		return file, ErrNotBuilt
	}
	unlock, err := lock(file + ".lock")
	if err != nil {
		return "", err
	}
	defer unlock()
	if _, err := os.Stat(file); err == nil {
		return file, nil // built by another process meanwhile
	}
	old, _ := filepath.Glob(filepath.Join(os.TempDir(), "bansou-*bench-*.db"))
	locks, _ := filepath.Glob(filepath.Join(os.TempDir(), "bansou-bench-*.db.lock"))
	for _, f := range old {
		os.Remove(f)
		os.Remove(f + "-wal")
		os.Remove(f + "-shm")
	}
	for _, f := range locks {
		if f != file+".lock" {
			os.Remove(f)
		}
	}
	return file, buildFile(file, sh, open)
}

// buildFile writes the database to a temporary name and renames it into place,
// so that an interrupted build leaves nothing to reuse.
func buildFile(file string, sh Shape, open func(path string) (Store, error)) error {
	tmp := fmt.Sprintf("%s.%d.tmp", file, os.Getpid())
	defer func() {
		for _, f := range []string{tmp, tmp + "-wal", tmp + "-shm"} {
			os.Remove(f)
		}
	}()
	s, err := open(tmp)
	if err != nil {
		return err
	}
	ctx := context.Background()
	start := time.Now()
	err = Fill(ctx, s, sh)
	saved := time.Now()
	if err == nil {
		err = s.IndexPending(ctx)
	}
	if err := errors.Join(err, s.Close()); err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "built %s (%d sessions, %d answers) in %v: saving %v, indexing %v\n", file, sh.SessionCount(), sh.Answers(),
		time.Since(start).Round(time.Millisecond), saved.Sub(start).Round(time.Millisecond), time.Since(saved).Round(time.Millisecond))
	return os.Rename(tmp, file)
}
