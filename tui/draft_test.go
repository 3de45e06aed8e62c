package tui

import (
	"context"
	"database/sql"
	"strings"
	"testing"

	"bansou/model"
)

// draftRows counts the drafts in the database, whoever is typing them.
func draftRows(t *testing.T, path string) int {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n int
	if err := db.QueryRow(`SELECT count(*) FROM engagement_drafts`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// typeFields types values into the form's fields from the focused one on,
// moving to the next field with tab after each.
func typeFields(h *harness, values ...string) {
	h.t.Helper()
	for i, v := range values {
		if i > 0 {
			h.press("tab")
		}
		h.typeText(v)
	}
}

// formValues is what the form on top holds: its fields, then each
// companion row with a name as "name/type".
func formValues(t *testing.T, h *harness) []string {
	t.Helper()
	f, ok := h.top().(*engagementForm)
	if !ok {
		t.Fatalf("top screen is %T, not the form:\n%s", h.top(), h.screen())
	}
	d := f.draft()
	var out []string
	for _, v := range draftValues(&d) {
		out = append(out, *v)
	}
	out = append(out, "me/"+string(d.MyType))
	for _, c := range d.Companions {
		out = append(out, c.Name+"/"+string(c.Type))
	}
	return out
}

// TestEngagementFormDraftSurvivesACrash types a new engagement's form
// (Japanese names, a date not finished yet, a companion of another type)
// and leaves bansou without saving, as a crash would. The next start
// offers the draft on the home screen, and resuming it opens the form with
// every field as typed; saving it creates the engagement and removes the
// draft.
func TestEngagementFormDraftSurvivesACrash(t *testing.T) {
	first, path := crashedHarness(t)
	first.press("n")
	typeFields(first, "山田 花子", "株式会社みらい", "NPO法人つなぐ", "2026-12-01", "2027-05-3", "", "")
	first.press("tab", "right", "right") // the companion says they are a third party
	first.press("tab")
	first.typeText("佐藤 一郎")
	first.press("tab", "right") // host
	first.contains("書きかけを保存しました")
	if n := draftRows(t, path); n != 1 {
		t.Fatalf("%d drafts on disk", n)
	}
	// bansou dies here: nothing more happens in the first window.

	h := newHarness(t, 100, 30, withStore(openStoreAt(t, path, 0)))
	h.contains("書きかけのエンゲージメントがあります")
	h.contains("山田 花子")
	h.contains("株式会社みらい → NPO法人つなぐ")
	h.press("enter")
	want := []string{"山田 花子", "株式会社みらい", "NPO法人つなぐ", "2026-12-01", "2027-05-3", "", "", "me/third_party", "佐藤 一郎/host"}
	if got := formValues(t, h); strings.Join(got, "|") != strings.Join(want, "|") {
		t.Fatalf("form = %q, want %q", got, want)
	}
	h.contains("新しいエンゲージメント")
	h.press("tab", "tab", "tab", "tab")
	h.typeText("1")
	h.press("ctrl+s")
	list, err := h.store.Engagements(context.Background(), false)
	if err != nil || len(list) != 1 || list[0].Learner.Name != "山田 花子" || list[0].End.String() != "2027-05-31" ||
		len(list[0].Companions) != 1 || list[0].Companions[0] != (model.Companion{Name: "佐藤 一郎", Type: model.Host}) ||
		list[0].MyType != model.ThirdParty {
		t.Fatalf("engagements = %+v %v", list, err)
	}
	if n := draftRows(t, path); n != 0 {
		t.Fatalf("%d drafts left after saving", n)
	}
}

// TestEngagementDraftCanBePutOffOrDiscarded: esc on the offer keeps the
// draft for the next start; d then y discards it; a form left with esc and
// y discards its own draft.
func TestEngagementDraftCanBePutOffOrDiscarded(t *testing.T) {
	first, path := crashedHarness(t)
	first.press("n")
	first.typeText("高橋 美咲")
	first.contains("書きかけを保存しました")

	h := newHarness(t, 100, 30, withStore(openStoreAt(t, path, 0)))
	h.contains("書きかけのエンゲージメントがあります")
	h.press("esc")
	h.contains("まだエンゲージメントがありません")
	if n := draftRows(t, path); n != 1 {
		t.Fatalf("put off: %d drafts", n)
	}

	h = newHarness(t, 100, 30, withStore(openStoreAt(t, path, 0)))
	h.contains("高橋 美咲")
	h.press("d")
	h.contains("破棄しますか")
	h.press("n") // any other key goes back
	h.contains("書きかけのエンゲージメントがあります")
	h.press("d", "y")
	h.contains("まだエンゲージメントがありません")
	if n := draftRows(t, path); n != 0 {
		t.Fatalf("discarded: %d drafts", n)
	}

	// A form left on purpose takes its draft with it.
	h.press("n")
	h.typeText("消してよい下書き")
	h.contains("書きかけを保存しました")
	if n := draftRows(t, path); n != 1 {
		t.Fatalf("typing: %d drafts", n)
	}
	h.press("esc", "y")
	if n := draftRows(t, path); n != 0 {
		t.Fatalf("form discarded: %d drafts", n)
	}
}

// TestEditingAnEngagementKeepsADraftToo: the form of an existing
// engagement keeps a draft by that engagement; after a crash it is offered
// as an edit of that engagement, opens with the changes typed, and saving
// it updates the engagement.
func TestEditingAnEngagementKeepsADraftToo(t *testing.T) {
	first, path := crashedHarness(t)
	e := first.seed()
	first.press("e")
	first.contains("エンゲージメントの編集: 山田 花子")
	first.press("tab", "tab")
	for range []rune("NPO法人つなぐ") {
		first.press("backspace")
	}
	first.typeText("合同会社あした")
	first.contains("書きかけを保存しました")

	h := newHarness(t, 100, 30, withStore(openStoreAt(t, path, 0)))
	h.contains("書きかけのエンゲージメントがあります")
	h.contains("山田 花子 の編集")
	h.press("enter")
	h.contains("エンゲージメントの編集: 山田 花子")
	if got := formValues(t, h); got[2] != "合同会社あした" || got[0] != "山田 花子" || got[len(got)-1] != "佐藤 一郎/sending" {
		t.Fatalf("form = %q", got)
	}
	h.press("ctrl+s")
	got, err := h.store.Engagement(context.Background(), e.ID)
	if err != nil || got.HostOrg != "合同会社あした" {
		t.Fatalf("engagement = %+v %v", got, err)
	}
	if n := draftRows(t, path); n != 0 {
		t.Fatalf("%d drafts left after saving", n)
	}
}
