package sqlite

import (
	"context"
	"strings"
	"testing"
)

// TestDueListSessionsReadThroughIndexes checks that the sessions the due
// list reads (rhythmSessions, read at every start) are found through the
// indexes of migration 008, never by reading the whole sessions table: with
// 10,000 sessions a scan reads every page of the table in a process whose
// page cache is empty, the largest part of the start.
func TestDueListSessionsReadThroughIndexes(t *testing.T) {
	s, _ := openTemp(t)
	ctx := context.Background()
	if _, err := s.CreateEngagement(ctx, engagement()); err != nil {
		t.Fatal(err)
	}
	plan := queryPlan(t, s, rhythmQuery)
	for _, step := range plan {
		if strings.HasPrefix(step, "SCAN sessions") {
			t.Fatalf("the due list's sessions are read by a scan of the table:\n%s", strings.Join(plan, "\n"))
		}
	}
}

// queryPlan is how SQLite would run query (EXPLAIN QUERY PLAN), a line a
// step.
func queryPlan(t *testing.T, s *Store, query string) []string {
	t.Helper()
	rows, err := s.db.QueryContext(context.Background(), "EXPLAIN QUERY PLAN "+query)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var plan []string
	for rows.Next() {
		var id, parent, unused int
		var detail string
		if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
			t.Fatal(err)
		}
		plan = append(plan, detail)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return plan
}
