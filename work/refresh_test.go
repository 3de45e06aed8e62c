package work_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"bansou/model"
	"bansou/work"
)

// TestRefreshKeepsWhatThisWindowTyped: the ledger read again after another
// member's change brings their new worry and their edit of a worry this
// window is not changing, and keeps this window's unsaved worry, its edit
// not yet saved, the worry open in its form, and this session's status.
func TestRefreshKeepsWhatThisWindowTyped(t *testing.T) {
	w, s := held(t)
	ctx := context.Background()
	eng, sid := w.Sess.EngagementID, w.Sess.ID
	base := []model.Anxiety{
		model.NewAnxiety(eng, sid, "p:gain", "評価が下がらないか"),
		model.NewAnxiety(eng, sid, "p:gain", "家族と離れること"),
		model.NewAnxiety(eng, sid, "p:gain", "体調のこと"),
	}
	for _, a := range base {
		w.PutAnxiety(a)
	}
	p, taken, _ := w.Take()
	w.Saved(taken, s.SaveProgress(ctx, p))

	// Another member edits all three and adds one.
	other, err := s.Ledger(ctx, eng)
	if err != nil {
		t.Fatal(err)
	}
	for i := range other.Anxieties {
		other.Anxieties[i].Plan = "別の伴走者の支援計画"
	}
	other.Anxieties = append(other.Anxieties, model.NewAnxiety(eng, sid+100, "p:worries", "異動先で孤立しないか"))

	// Here: the first edited and not saved, the second open in a form,
	// a status of the third told in this session.
	first := w.Ledger.Anxieties[0]
	first.Text = "評価が下がらないか、とても心配"
	w.PutAnxiety(first)
	w.SetAnxietyStatus(base[2].ID, model.AnxietyEasing, "少し落ち着いた")

	w.Refresh(other, base[1].ID)
	byID := map[string]model.Anxiety{}
	for _, a := range w.Ledger.Anxieties {
		byID[a.ID] = a
	}
	if len(byID) != 4 {
		t.Fatalf("%d worries after the refresh, want 4: %+v", len(byID), w.Ledger.Anxieties)
	}
	if a := byID[base[0].ID]; a.Text != "評価が下がらないか、とても心配" || a.Plan != "" {
		t.Errorf("the worry edited here reads %q / %q", a.Text, a.Plan)
	}
	if a := byID[base[1].ID]; a.Plan != "" {
		t.Errorf("the worry open here took another's plan %q", a.Plan)
	}
	third := byID[base[2].ID]
	if u, ok := third.UpdateIn(sid); !ok || u.Note != "少し落ち着いた" || third.Plan != "別の伴走者の支援計画" {
		t.Errorf("the third worry: plan %q, this session's status %+v", third.Plan, u)
	}
	if a := byID[other.Anxieties[3].ID]; a.Text != "異動先で孤立しないか" {
		t.Errorf("another's new worry is missing")
	}
	// What this window typed is still to be saved.
	p, _, ok := w.Take()
	if !ok || len(p.Anxieties) != 1 || p.Anxieties[0].Text != "評価が下がらないか、とても心配" || len(p.AnxietyUpdates) != 1 {
		t.Errorf("to save after the refresh: %+v", p)
	}
}

// TestRefreshKeepsWhatIsBeingSaved: an edit taken for a save still under
// way is not replaced by the older copy read before that save landed.
func TestRefreshKeepsWhatIsBeingSaved(t *testing.T) {
	w, s := held(t)
	ctx := context.Background()
	a := w.PutAnxiety(model.NewAnxiety(w.Sess.EngagementID, w.Sess.ID, "p:gain", "評価が下がらないか"))
	p, taken, _ := w.Take()
	w.Saved(taken, s.SaveProgress(ctx, p))
	read, err := s.Ledger(ctx, w.Sess.EngagementID)
	if err != nil {
		t.Fatal(err)
	}
	a.Text = "評価が下がらないか、上司に聞きたい"
	w.PutAnxiety(a)
	p, taken, _ = w.Take()
	w.Refresh(read) // read before the save below lands
	w.Saved(taken, s.SaveProgress(ctx, p))
	if got := w.Ledger.Anxieties[0].Text; got != "評価が下がらないか、上司に聞きたい" {
		t.Errorf("the worry being saved reads %q after the refresh", got)
	}
}

// TestEntryChangedElsewhereIsKeptAndNotSaved: a save refused because a
// worry was changed by someone else since this window read it puts the
// rest back to be saved at once, keeps the worry as typed here, and never
// gives it to a save again; the session goes on saving.
func TestEntryChangedElsewhereIsKeptAndNotSaved(t *testing.T) {
	w, _ := held(t)
	eng, sid := w.Sess.EngagementID, w.Sess.ID
	worry := w.PutAnxiety(model.NewAnxiety(eng, sid, "p:gain", "評価が下がらないか"))
	action := w.PutAction(model.Action{ID: model.NewID(), EngagementID: eng, SessionID: sid, Text: "上司と話す", Owner: model.OwnerLearner})
	w.SetAnswer("本人の言葉")
	_, taken, _ := w.Take()
	refused := fmt.Errorf("save: %w", errors.Join(&model.EntryChangedError{ID: worry.ID}))
	res := w.Saved(taken, refused)
	if res.Stopped || res.Err != nil || len(res.Conflicts) != 1 || res.Conflicts[0] != worry.ID {
		t.Fatalf("result %+v", res)
	}
	if !w.Conflicted(worry.ID) || w.Ledger.Anxieties[0].Text != "評価が下がらないか" {
		t.Fatalf("the worry is not kept as typed: %+v", w.Ledger.Anxieties)
	}
	p, _, ok := w.Take()
	if !ok || len(p.Anxieties) != 0 || len(p.Actions) != 1 || p.Actions[0].ID != action.ID || len(p.Steps) != 1 {
		t.Fatalf("the save after: %+v", p)
	}
	worry.Text = "評価が下がらないか、続き"
	w.PutAnxiety(worry)
	if p, _, ok := w.Take(); ok && len(p.Anxieties) != 0 {
		t.Errorf("the worry changed elsewhere is saved again: %+v", p.Anxieties)
	}
	if w.Stopped() {
		t.Error("the session stopped saving for one worry")
	}
}

// TestAWorryEditedAgainAfterAnotherWindowChangedItIsRefused: a worry saved
// from this window is held at the version it saved; another window then
// changes it; this window's next edit of it is refused by the store for
// that worry alone (nothing written over the other's words), while the
// answer typed with it is saved. Without the version taken at the save,
// the store could not tell.
func TestAWorryEditedAgainAfterAnotherWindowChangedItIsRefused(t *testing.T) {
	w, s := held(t)
	ctx := context.Background()
	worry := w.PutAnxiety(model.NewAnxiety(w.Sess.EngagementID, w.Sess.ID, "p:gain", "評価が下がらないか"))
	save := func() work.Result {
		p, taken, ok := w.Take()
		if !ok {
			t.Fatal("nothing to save")
		}
		return w.Saved(taken, s.SaveProgress(ctx, p))
	}
	if res := save(); res.Err != nil || len(res.Conflicts) != 0 {
		t.Fatalf("first save: %+v", res)
	}
	other := s.NewHolder()
	defer other.Close()
	l, _ := other.Ledger(ctx, w.Sess.EngagementID)
	later, _ := other.StartSession(ctx, model.NewSession(w.Flow, w.Sess.EngagementID, model.Ja, clock.Add(time.Hour)))
	changed := l.PutAnxiety(model.Anxiety{ID: worry.ID, EngagementID: worry.EngagementID, SessionID: worry.SessionID,
		Text: "評価が下がらないか（上司と話した）", Read: l.Anxieties[0].Read}, clock.Add(time.Hour))
	p := model.ProgressOf(later, nil, false)
	p.Anxieties = []model.Anxiety{changed}
	if err := other.SaveProgress(ctx, p); err != nil {
		t.Fatal(err)
	}

	worry.Text = "評価が下がらないか、とても"
	w.PutAnxiety(worry)
	w.SetAnswer("本人の言葉")
	res := save()
	if len(res.Conflicts) != 1 || res.Conflicts[0] != worry.ID || res.Stopped {
		t.Fatalf("second save: %+v", res)
	}
	if res := save(); res.Err != nil || len(res.Conflicts) != 0 {
		t.Fatalf("the rest: %+v", res)
	}
	got, _ := other.Ledger(ctx, w.Sess.EngagementID)
	if got.Anxieties[0].Text != "評価が下がらないか（上司と話した）" {
		t.Fatalf("the other window's words were written over: %q", got.Anxieties[0].Text)
	}
	sess, _ := other.Session(ctx, w.Sess.ID)
	if cur, _ := sess.Step(w.Sess.CurrentKey); cur.Answer != "本人の言葉" {
		t.Fatalf("the answer: %q", cur.Answer)
	}
}
