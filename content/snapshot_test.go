package content_test

import (
	"encoding/json"
	"reflect"
	"testing"

	"bansou/content"
	"bansou/model"
)

// TestSnapshotMatchesTheFiles: the snapshot bansou reads at start holds
// exactly what the YAML files say (the line numbers kept for reporting
// problems aside), and gives the same flows, skills, rounds and orientation.
func TestSnapshotMatchesTheFiles(t *testing.T) {
	parsed, err := model.LoadLibrary(content.FS(), "")
	if err != nil {
		t.Fatal(err)
	}
	data, err := parsed.Snapshot()
	if err != nil {
		t.Fatal(err)
	}
	want, err := model.LibraryFromSnapshot(data)
	if err != nil {
		t.Fatal(err)
	}
	got, err := content.Library()
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatal("content/library.gob does not match the content files: run `go generate ./content`")
	}
	// Read back, it is the library the files give: every exported field of
	// every flow.
	a, _ := json.Marshal(parsed.Flows)
	b, _ := json.Marshal(got.Flows)
	if string(a) != string(b) || len(a) < 10000 {
		t.Fatalf("flows differ after reading the snapshot (%d and %d bytes as JSON)", len(a), len(b))
	}
	if !reflect.DeepEqual(got.Skills, parsed.Skills) || !reflect.DeepEqual(got.Rounds, parsed.Rounds) {
		t.Fatal("skills or rounds differ")
	}
	if len(parsed.Orientation) == 0 || !reflect.DeepEqual(got.Orientation, parsed.Orientation) {
		t.Fatalf("the orientation differs: %d sections in the files, %d in the snapshot", len(parsed.Orientation), len(got.Orientation))
	}
	for _, id := range []string{model.SelfReviewFlowID, model.RoundFlowID(parsed.Rounds.Formats[0].ID)} {
		if _, ok := got.Flow(id); !ok {
			t.Fatalf("flow %s missing after reading the snapshot", id)
		}
	}
}
