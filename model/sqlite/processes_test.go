package sqlite

import (
	"bufio"
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"bansou/internal/dbtest"
	"bansou/model"
)

// childEnv, set in a copy of this test binary started by a test, names the
// part the copy plays as a second bansou process (see runChild); childArgs
// carries what it needs as JSON.
const (
	childEnv  = "BANSOU_TEST_CHILD"
	childArgs = "BANSOU_TEST_CHILD_ARGS"
)

func TestMain(m *testing.M) {
	if role := os.Getenv(childEnv); role != "" {
		if err := runChild(role, os.Getenv(childArgs)); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// writerArgs is what a writing process is told: the database, its name
// (which marks everything it writes), the engagement and session it works
// in, the worry and action that every writer updates, and how many rounds
// of writes to make.
type writerArgs struct {
	Path          string
	Name          string
	Engagement    int64
	Session       int64
	Anxiety       string
	Action        string
	Rounds        int
	NewSessionsAt int // every so many rounds, a new session and a new engagement
	SearchAt      int // every so many rounds, a search that must find the latest answer
}

// child is this test binary run again as another process. It says "ready"
// once its store is open and waits for a line on its standard input before
// it writes, so that the processes of a test write at the same time.
type child struct {
	cmd    *exec.Cmd
	stdin  io.WriteCloser
	stdout *bufio.Reader
	stderr bytes.Buffer
}

func startChild(t *testing.T, role string, args any) *child {
	t.Helper()
	data, err := json.Marshal(args)
	if err != nil {
		t.Fatal(err)
	}
	c := &child{cmd: exec.Command(os.Args[0], "-test.run=^$")}
	c.cmd.Env = append(os.Environ(), childEnv+"="+role, childArgs+"="+string(data))
	c.cmd.Stderr = &c.stderr
	if c.stdin, err = c.cmd.StdinPipe(); err != nil {
		t.Fatal(err)
	}
	out, err := c.cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	c.stdout = bufio.NewReader(out)
	if err := c.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.cmd.Process.Kill() })
	return c
}

// startTogether starts the children, waits until each is ready, then lets
// them all go at once and waits for them to finish. A child that fails
// fails the test with what it wrote to its standard error.
func startTogether(t *testing.T, children []*child) {
	t.Helper()
	for i, c := range children {
		line, err := c.stdout.ReadString('\n')
		if line != "ready\n" {
			c.cmd.Wait()
			t.Fatalf("process %d did not get ready (%q, %v): %s", i, line, err, c.stderr.String())
		}
	}
	for _, c := range children {
		io.WriteString(c.stdin, "go\n")
		c.stdin.Close()
	}
	for i, c := range children {
		if err := c.cmd.Wait(); err != nil {
			t.Errorf("process %d: %v\n%s", i, err, c.stderr.String())
		}
	}
	if t.Failed() {
		t.FailNow()
	}
}

// runChild plays a part in another process.
func runChild(role, args string) error {
	switch role {
	case "open":
		// Open a database (new, perhaps) and record a learner.
		var a writerArgs
		if err := json.Unmarshal([]byte(args), &a); err != nil {
			return err
		}
		ready()
		s, err := Open(a.Path, Options{})
		if err != nil {
			return fmt.Errorf("opening: %w", err)
		}
		defer s.Close()
		e := engagement()
		e.Learner.Name = a.Name
		_, err = s.CreateEngagement(context.Background(), e)
		return err
	case "writer":
		var a writerArgs
		if err := json.Unmarshal([]byte(args), &a); err != nil {
			return err
		}
		s, err := Open(a.Path, Options{})
		if err != nil {
			return fmt.Errorf("opening: %w", err)
		}
		defer s.Close()
		ready()
		return write(s, a)
	}
	return fmt.Errorf("unknown part %q", role)
}

// ready tells the test that this process is ready and waits for its go.
func ready() {
	fmt.Println("ready")
	bufio.NewReader(os.Stdin).ReadString('\n')
}

// marks are the texts and ids writer w writes in round i, so that the test
// can check every write without being told.
var marks = map[string]string{
	"answer":   "越境先での学び%[1]s%03[2]dです。\n二行目%03[2]d",
	"search":   "学び%[1]s%03[2]d",
	"worryID":  "%[1]s-worry-%03[2]d",
	"worry":    "%[1]sの不安その%03[2]d：帰任後の居場所",
	"actionID": "%[1]s-action-%03[2]d",
	"action":   "%[1]sの行動%03[2]d：上司と話す",
	"status":   "%[1]sの経過%03[2]d",
	"agreed":   "%[1]sの合意%03[2]d：週3日は現場",
	"scribe":   "%[1]s書記%03[2]d",
	"learner":  "%[1]s学習者%03[2]d",
}

func mark(kind, w string, i int) string { return fmt.Sprintf(marks[kind], w, i) }

// write makes a writer's rounds of writes, as a runner would: an answer
// with a move, a new worry, sometimes an action, this session's status of
// the shared worry and outcome of the shared action, a topic of the
// agreement, and now and then a peer round's timer, a new session, a new
// engagement and a search (which brings the index up to date).
func write(s *Store, a writerArgs) error {
	ctx := context.Background()
	sess, err := s.Session(ctx, a.Session)
	if err != nil {
		return err
	}
	ledger, err := s.Ledger(ctx, a.Engagement)
	if err != nil {
		return err
	}
	if err := s.SetSessionOpen(ctx, a.Session, true); err != nil {
		return err
	}
	sum, rd := model.NewRound(model.RoundSetup{Format: roundFormat(), Facilitator: a.Name}, nil, model.Ja, time.Now())
	round, rd, err := s.StartRound(ctx, sum, rd)
	if err != nil {
		return err
	}
	for i := range a.Rounds {
		now := time.Now()
		key := sess.Steps[i%len(sess.Steps)].Key
		if sess, err = model.Apply(sess, model.Jump{Key: key}, now); err != nil {
			return err
		}
		sess, _ = model.Apply(sess, model.SetAnswer{Text: mark("answer", a.Name, i)}, now)
		pend := model.NewPending()
		pend.Steps[key], pend.Pos = true, true
		w := ledger.PutAnxiety(model.Anxiety{ID: mark("worryID", a.Name, i), EngagementID: a.Engagement, SessionID: a.Session,
			StepKey: key, Text: mark("worry", a.Name, i), Term: model.ShortTerm}, now)
		pend.Anxieties[w.ID] = true
		if i%3 == 0 {
			x := ledger.PutAction(model.Action{ID: mark("actionID", a.Name, i), EngagementID: a.Engagement, SessionID: a.Session,
				StepKey: key, Text: mark("action", a.Name, i), Owner: model.OwnerLearner}, now)
			pend.Actions[x.ID] = true
		}
		u, _ := ledger.SetAnxietyStatus(a.Anxiety, a.Session, model.AnxietyEasing, mark("status", a.Name, i), now)
		pend.AnxietyUpdates[u.ID] = true
		o, _ := ledger.SetActionOutcome(a.Action, a.Session, model.OutcomeWorked, mark("status", a.Name, i), now)
		pend.ActionUpdates[o.ID] = true
		ledger.PutAgreement(model.AgreementItem{Topic: "role", Title: "役割", Agreed: mark("agreed", a.Name, i)}, sess, now)
		pend.Agreement["role"] = true
		if err := s.SaveProgress(ctx, pend.Progress(sess, ledger)); err != nil {
			return fmt.Errorf("round %d: saving: %w", i, err)
		}

		if i%5 == 0 {
			rd.Scribe = mark("scribe", a.Name, i)
			rd.Timer.Extend(time.Minute)
			p := model.ProgressOf(round, nil, false)
			p.Round = rd.Copy()
			if err := s.SaveProgress(ctx, p); err != nil {
				return fmt.Errorf("round %d: saving the peer round: %w", i, err)
			}
		}
		if a.NewSessionsAt > 0 && i%a.NewSessionsAt == 0 {
			e := engagement()
			e.Learner.Name = mark("learner", a.Name, i)
			if _, err := s.CreateEngagement(ctx, e); err != nil {
				return fmt.Errorf("round %d: a new engagement: %w", i, err)
			}
			next := model.NewSession(flow(), a.Engagement, model.Ja, now)
			next.Steps[0].Answer = mark("answer", a.Name, i)
			if _, err := s.StartSession(ctx, next); err != nil {
				return fmt.Errorf("round %d: a new session: %w", i, err)
			}
		}
		if a.SearchAt > 0 && i%a.SearchAt == 0 {
			hits, err := s.Search(ctx, mark("search", a.Name, i))
			if err != nil {
				return fmt.Errorf("round %d: searching: %w", i, err)
			}
			found := false
			for _, h := range hits {
				found = found || h.SessionID == a.Session && h.StepKey == key && h.Source == model.SourceAnswer
			}
			if !found {
				return fmt.Errorf("round %d: the answer just saved was not found: %+v", i, hits)
			}
		}
	}
	return s.SetSessionOpen(ctx, a.Session, false)
}

// TestProcessesOpeningANewDatabaseAtOnce starts several bansou processes on
// a database that does not exist yet, at the same moment: each brings the
// schema up to date or finds it done, and each records its learner.
func TestProcessesOpeningANewDatabaseAtOnce(t *testing.T) {
	path := filepath.Join(t.TempDir(), "bansou.db")
	var children []*child
	names := []string{"一人目", "二人目", "三人目", "四人目"}
	for _, n := range names {
		children = append(children, startChild(t, "open", writerArgs{Path: path, Name: n}))
	}
	startTogether(t, children)
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	engs, err := s.Engagements(context.Background(), true)
	if err != nil || len(engs) != len(names) {
		t.Fatalf("engagements = %+v %v", engs, err)
	}
	checkIntegrity(t, path)
}

// TestTwoProcessesWriteAtTheSameTime has two bansou processes write to one
// database at the same time, through their own stores, into two sessions of
// one learner: answers, worries, actions, updates of the same worry and
// action, the agreement, peer rounds, new sessions and engagements, and
// searches that index what was saved. No write fails and every one is
// there afterwards, in the tables and in the search index.
func TestTwoProcessesWriteAtTheSameTime(t *testing.T) {
	const rounds = 120
	s, path := openTemp(t)
	ctx := context.Background()
	e, err := s.CreateEngagement(ctx, engagement())
	if err != nil {
		t.Fatal(err)
	}
	first, err := s.StartSession(ctx, model.NewSession(flow(), e.ID, model.Ja, clock))
	if err != nil {
		t.Fatal(err)
	}
	var l model.Ledger
	worry := l.PutAnxiety(model.Anxiety{ID: "shared-worry", EngagementID: e.ID, SessionID: first.ID, Text: "家族と離れる", Term: model.LongTerm}, clock)
	action := l.PutAction(model.Action{ID: "shared-action", EngagementID: e.ID, SessionID: first.ID, Text: "週1回電話する", Owner: model.OwnerLearner}, clock)
	p := model.ProgressOf(first, nil, false)
	p.Anxieties, p.Actions = []model.Anxiety{worry}, []model.Action{action}
	if err := s.SaveProgress(ctx, p); err != nil {
		t.Fatal(err)
	}
	bigFlow := flow()
	for _, id := range []string{"c", "d", "e"} {
		bigFlow.Prompts = append(bigFlow.Prompts, model.Prompt{ID: id, Title: model.Text{Ja: "問い" + id}, Text: model.Text{Ja: "どうですか"}})
	}
	writers := map[string]writerArgs{}
	var children []*child
	for _, name := range []string{"A", "B"} {
		sess, err := s.StartSession(ctx, model.NewSession(bigFlow, e.ID, model.Ja, clock))
		if err != nil {
			t.Fatal(err)
		}
		a := writerArgs{Path: path, Name: name, Engagement: e.ID, Session: sess.ID, Anxiety: worry.ID, Action: action.ID,
			Rounds: rounds, NewSessionsAt: 10, SearchAt: 7}
		writers[name] = a
		children = append(children, startChild(t, "writer", a))
	}
	began := time.Now()
	startTogether(t, children)
	t.Logf("two processes made %d rounds of writes each in %v", rounds, time.Since(began).Round(time.Millisecond))

	ledger, err := s.Ledger(ctx, e.ID)
	if err != nil {
		t.Fatal(err)
	}
	worries, actions := map[string]model.Anxiety{}, map[string]model.Action{}
	for _, a := range ledger.Anxieties {
		worries[a.ID] = a
	}
	for _, a := range ledger.Actions {
		actions[a.ID] = a
	}
	sums, err := s.Sessions(ctx, e.ID)
	if err != nil {
		t.Fatal(err)
	}
	engs, err := s.Engagements(ctx, true)
	if err != nil {
		t.Fatal(err)
	}
	learners := map[string]bool{}
	for _, en := range engs {
		learners[en.Learner.Name] = true
	}
	roundsByScribe := map[string]bool{}
	all, err := s.Rounds(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range all {
		roundsByScribe[r.Round.Scribe] = true
	}
	for name, a := range writers {
		sess, err := s.Session(ctx, a.Session)
		if err != nil {
			t.Fatal(err)
		}
		for j, st := range sess.Steps {
			last := (rounds-1-j)/len(sess.Steps)*len(sess.Steps) + j
			if st.Answer != mark("answer", name, last) {
				t.Errorf("%s: step %s holds %q, want %q", name, st.Key, st.Answer, mark("answer", name, last))
			}
		}
		if want := sess.Steps[(rounds-1)%len(sess.Steps)].Key; sess.CurrentKey != want {
			t.Errorf("%s: at %s, want %s", name, sess.CurrentKey, want)
		}
		for i := range rounds {
			if got := worries[mark("worryID", name, i)]; got.Text != mark("worry", name, i) {
				t.Errorf("%s: worry %d is %+v", name, i, got)
			}
			if got := actions[mark("actionID", name, i)]; i%3 == 0 && got.Text != mark("action", name, i) {
				t.Errorf("%s: action %d is %+v", name, i, got)
			}
			if i%10 == 0 && !learners[mark("learner", name, i)] {
				t.Errorf("%s: the engagement of round %d is missing", name, i)
			}
		}
		if u, ok := worries[worry.ID].UpdateIn(a.Session); !ok || u.Note != mark("status", name, rounds-1) {
			t.Errorf("%s: the shared worry's status here is %+v", name, u)
		}
		if u, ok := actions[action.ID].UpdateIn(a.Session); !ok || u.Note != mark("status", name, rounds-1) {
			t.Errorf("%s: the shared action's outcome here is %+v", name, u)
		}
		if it := ledger.AgreementIn(a.Session)["role"]; it.Agreed != mark("agreed", name, rounds-1) {
			t.Errorf("%s: the agreement is %+v", name, it)
		}
		if last := (rounds - 1) / 5 * 5; !roundsByScribe[mark("scribe", name, last)] {
			t.Errorf("%s: the peer round's last record (scribe %s) is missing: %v", name, mark("scribe", name, last), roundsByScribe)
		}
		// The final answers are all found, where they were typed.
		for j, st := range sess.Steps {
			last := (rounds-1-j)/len(sess.Steps)*len(sess.Steps) + j
			hits, err := s.Search(ctx, mark("search", name, last))
			if err != nil || len(hits) != 1 || hits[0].SessionID != a.Session || hits[0].StepKey != st.Key {
				t.Errorf("%s: searching %s: %+v %v", name, mark("search", name, last), hits, err)
			}
		}
	}
	newSessions := 2 * ((rounds + 9) / 10)
	if len(sums) != 3+newSessions || len(engs) != 1+newSessions {
		t.Errorf("%d sessions and %d engagements, want %d and %d", len(sums), len(engs), 3+newSessions, 1+newSessions)
	}
	if len(worries) != 1+2*rounds {
		t.Errorf("%d worries, want %d", len(worries), 1+2*rounds)
	}
	checkIndexComplete(t, path)
	checkIntegrity(t, path)
}

// checkIndexComplete checks that every answer, note, worry and action has
// its search document with its text, and that nothing is left to index.
func checkIndexComplete(t *testing.T, path string) {
	t.Helper()
	db := readDB(t, path)
	var queued, missing int
	if err := db.QueryRow(`SELECT count(*) FROM search_queue`).Scan(&queued); err != nil {
		t.Fatal(err)
	}
	rows, err := db.Query(`SELECT 'answer', CAST(id AS TEXT), answer FROM steps
		UNION ALL SELECT 'note', CAST(id AS TEXT), note FROM steps
		UNION ALL SELECT 'anxiety', id, text || char(10) || plan FROM anxieties
		UNION ALL SELECT 'action', id, text FROM actions`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var source, key, text string
		if err := rows.Scan(&source, &key, &text); err != nil {
			t.Fatal(err)
		}
		text = strings.TrimSuffix(text, "\n")
		var body string
		err := db.QueryRow(`SELECT body FROM search_docs WHERE source = ? AND source_key = ?`, source, key).Scan(&body)
		if strings.TrimSpace(text) == "" {
			continue
		}
		if err != nil || body != model.NormalizeForSearch(text) {
			missing++
			if missing <= 3 {
				t.Errorf("%s %s: indexed as %q (%v), want %q", source, key, body, err, text)
			}
		}
	}
	if queued != 0 || missing != 0 {
		t.Errorf("%d sources still queued, %d not indexed as saved", queued, missing)
	}
}

// readDB opens the database read-only for a test to look inside.
func readDB(t *testing.T, path string) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite", fileURI(path)+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// checkIntegrity runs SQLite's own check of the whole file.
func checkIntegrity(t *testing.T, path string) {
	t.Helper()
	if res, err := dbtest.Integrity(path); err != nil || res != "ok" {
		t.Fatalf("integrity_check: %q %v", res, err)
	}
}
