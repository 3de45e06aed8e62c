package serve

import (
	"context"
	"fmt"
	"testing"

	"bansou/model"
)

// BenchmarkChangeReachesAnotherScreen: Bob is on bansou's home screen over
// SSH; Alice, a member of the same engagements, saves a change (a new
// engagement of theirs, written through her own store as her window
// would); each iteration is the time from her write to Bob's screen
// showing it, with no key pressed on his side (budget: 1 s). The change
// is the learner's name, as Alice would correct it in the form.
func BenchmarkChangeReachesAnotherScreen(b *testing.B) {
	ts := startServer(b)
	alice, _ := ts.person("佐藤 アリス")
	bob, bobKey := ts.person("鈴木 ボブ", func(a *model.Account) { a.Type = model.Host })
	store, err := ts.backend.For(alice)
	if err != nil {
		b.Fatal(err)
	}
	defer store.Close()
	acc := store.(model.Accounts)
	tm := ts.open(bobKey, 100, 30, "")
	tm.waitFor("まだエンゲージメントがありません")
	ctx := context.Background()
	e, err := store.CreateEngagement(ctx, model.Engagement{Learner: model.Learner{Name: "山田 花子"}, SendingOrg: "株式会社みらい",
		HostOrg: "NPO法人つなぐ", Start: model.DateOf(testNow).AddDays(30), End: model.DateOf(testNow).AddDays(400)})
	if err != nil {
		b.Fatal(err)
	}
	if err := acc.AddMember(ctx, e.ID, bob.ID, model.Host); err != nil {
		b.Fatal(err)
	}
	tm.waitFor("山田 花子")
	b.ResetTimer()
	for i := range b.N {
		// The learner's name as written in the form, changed.
		e.Learner.Name = fmt.Sprintf("山田 花子%05d", i)
		if _, err := store.UpdateEngagement(ctx, e); err != nil {
			b.Fatal(err)
		}
		tm.waitFor(e.Learner.Name)
	}
}
