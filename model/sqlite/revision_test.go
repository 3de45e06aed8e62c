package sqlite

import (
	"context"
	"errors"
	"testing"
	"time"

	"bansou/model"
)

// TestChangeMadeUnderAnOpenSessionIsNotWrittenOver: a window (the first
// store) has a session open; something that does not see its claim
// changes the session under it — an import through a second store, or a
// plain save. The window's next save is refused with
// model.ErrChangedElsewhere and writes nothing, neither over the change nor
// over its own earlier answers, and it stays refused; opened again, the
// session is the window's to write. The window's own saves never trip it.
func TestChangeMadeUnderAnOpenSessionIsNotWrittenOver(t *testing.T) {
	for _, how := range []string{"import", "save"} {
		t.Run(how, func(t *testing.T) {
			window, path := openTemp(t)
			ctx := context.Background()
			e, _ := window.CreateEngagement(ctx, engagement())
			sess, err := window.StartSession(ctx, model.NewSession(flow(), e.ID, model.Ja, clock.Add(-3*time.Hour)))
			if err != nil {
				t.Fatal(err)
			}
			if err := window.SetSessionOpen(ctx, sess.ID, true); err != nil {
				t.Fatal(err)
			}
			typed := func(key, text string, at time.Time) model.Progress {
				s, _ := model.Apply(sess, model.Jump{Key: key}, at)
				s, _ = model.Apply(s, model.SetAnswer{Text: text}, at)
				sess = s
				return model.ProgressOf(s, []string{key}, false)
			}
			for _, text := range []string{"窓で書いた", "窓で書いた答え"} {
				if err := window.SaveProgress(ctx, typed("p:a", text, clock.Add(-2*time.Hour))); err != nil {
					t.Fatalf("the window's own saves: %v", err)
				}
			}

			// The other store's clock is a minute ahead: the window's lease
			// has lapsed for it, as for a writer that does not see it.
			other, err := Open(path, Options{Now: func() time.Time { return clock.Add(time.Minute) }})
			if err != nil {
				t.Fatal(err)
			}
			defer other.Close()
			theirs, _ := other.Session(ctx, sess.ID)
			theirs, _ = model.Apply(theirs, model.Jump{Key: "p:b"}, clock.Add(-time.Hour))
			theirs, _ = model.Apply(theirs, model.SetAnswer{Text: "取り込んだ答え"}, clock.Add(-time.Hour))
			switch how {
			case "import":
				doc := exportAll(t, other)
				doc.Engagements[0].Sessions[0] = theirs
				if _, err := other.Import(ctx, doc, model.ImportOptions{}); err != nil {
					t.Fatal(err)
				}
			case "save":
				if err := other.SaveProgress(ctx, model.ProgressOf(theirs, []string{"p:b"}, false)); err != nil {
					t.Fatal(err)
				}
			}

			stored := func() (a, b string) {
				got, err := window.Session(ctx, sess.ID)
				if err != nil {
					t.Fatal(err)
				}
				return got.Steps[0].Answer, got.Steps[1].Answer
			}
			for range 2 { // and again: it stays refused
				err := window.SaveProgress(ctx, typed("p:b", "窓で続けた答え", clock.Add(-30*time.Minute)))
				if a, b := stored(); !errors.Is(err, model.ErrChangedElsewhere) || a != "窓で書いた答え" || b != "取り込んだ答え" {
					t.Fatalf("the window saved over a change made under it: %v; stored %q, %q", err, a, b)
				}
			}
			if words, ok := model.DescribeStoreError(model.Ja, err); ok && words == "" {
				t.Fatal("no words for the refusal")
			}

			// Opened again (the window reads the newer version), it is the
			// window's to write.
			if err := window.SetSessionOpen(ctx, sess.ID, false); err != nil {
				t.Fatal(err)
			}
			if err := window.SetSessionOpen(ctx, sess.ID, true); err != nil {
				t.Fatal(err)
			}
			sess, _ = window.Session(ctx, sess.ID)
			if err := window.SaveProgress(ctx, typed("p:b", "取り込んだ答えに足した", clock)); err != nil {
				t.Fatalf("saving after opening again: %v", err)
			}
			if a, b := stored(); a != "窓で書いた答え" || b != "取り込んだ答えに足した" {
				t.Fatalf("after opening again: %q, %q", a, b)
			}
		})
	}
}
