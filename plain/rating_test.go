package plain

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"bansou/internal/hostile"
	"bansou/model"
	"bansou/model/sqlite"
)

// raters is a server's database for the ratings between people: 佐藤 asks
// 田中 for a rating; 鈴木 is another person of the server and 管理 an
// admin, neither of them party to it.
type raters struct {
	f                    *fixture
	sato, tanaka         model.Account
	satoS, tanakaS       *sqlite.Store
	suzukiS, adminS      *sqlite.Store
	req                  model.RatingRequest
	skills               []model.Skill
	firstName, thirdName string
}

func newRaters(t *testing.T) *raters {
	t.Helper()
	f := newFixture(t)
	ctx := context.Background()
	add := func(name string, admin bool) (model.Account, *sqlite.Store) {
		a, err := f.store.AddAccount(ctx, model.Account{Name: name, Admin: admin})
		if err != nil {
			t.Fatal(err)
		}
		s := f.store.As(a)
		t.Cleanup(func() { s.Close() })
		return a, s
	}
	r := &raters{f: f, skills: f.lib.Skills.Skills}
	r.sato, r.satoS = add("佐藤 未来", false)
	r.tanaka, r.tanakaS = add("田中 一郎", false)
	_, r.suzukiS = add("鈴木 花子", false)
	_, r.adminS = add("管理 太郎", true)
	var err error
	if r.req, err = r.satoS.AskRating(ctx, r.tanaka.ID); err != nil {
		t.Fatal(err)
	}
	r.firstName, r.thirdName = r.skills[0].Name.In(model.Ja), r.skills[2].Name.In(model.Ja)
	return r
}

// rate runs the accessible mode as 田中 with the lines given, after
// opening the request from the list of what is due.
func (r *raters) rate(t *testing.T, lines ...string) string {
	t.Helper()
	out, err := r.f.runWith(r.tanakaS, model.Ja, strings.Join(append([]string{"8", "2", "1"}, lines...), "\n")+"\n")
	if err != nil {
		t.Fatalf("Run: %v\n%s", err, out)
	}
	return out
}

// draft is what 田中's store keeps of what he typed.
func (r *raters) draft(t *testing.T) model.RatingRequest {
	t.Helper()
	reqs, err := r.tanakaS.RatingRequests(context.Background())
	if err != nil || len(reqs) != 1 {
		t.Fatalf("田中's requests: %+v, %v", reqs, err)
	}
	return reqs[0]
}

// othersReadNothing: 鈴木 and the admin read nothing of the request, its
// draft or the rating, and 佐藤 reads no draft; none of words comes back
// from any of their stores.
func (r *raters) othersReadNothing(t *testing.T, words ...string) {
	t.Helper()
	ctx := context.Background()
	for name, s := range map[string]*sqlite.Store{"鈴木": r.suzukiS, "管理": r.adminS, "佐藤": r.satoS} {
		reqs, err := s.RatingRequests(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var got []any
		got = append(got, reqs)
		if name != "佐藤" {
			if len(reqs) != 0 {
				t.Errorf("%s reads a request between two others: %+v", name, reqs)
			}
			ratings, err := s.PeerRatings(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if len(ratings) != 0 {
				t.Errorf("%s reads a rating of another: %+v", name, ratings)
			}
			got = append(got, ratings)
		}
		b, _ := json.Marshal(got)
		for _, w := range words {
			if strings.Contains(string(b), w) {
				t.Errorf("%s reads %q", name, w)
			}
		}
	}
}

// TestAccessibleFillsARatingAskedOfThePerson: 田中 opens the rating 佐藤
// asked of him from the list of what is due: he reads the guidance first,
// says who he is to her by number, rates the first skill (a level of 7 is
// refused and asked again), skips the second, gives the third evidence
// without a level, goes to what worked and writes it with the improvement,
// its alternative and reason, reads the summary with whose the rating
// becomes, and sends it. 佐藤's store then holds the rating with his levels
// and words; 田中 no longer reads it or its draft, and no one else ever
// did.
func TestAccessibleFillsARatingAskedOfThePerson(t *testing.T) {
	r := newRaters(t)
	evidence1 := "面談の最初に、本人の目的を本人の言葉で書き出してもらっていた"
	evidence3 := "越境先の担当者との間で、言いにくいことを代わりに確かめていた"
	worked := "週報への返事で問いを一つだけ返し、本人が次の一手を自分で決められていた"
	improvement := "行き詰まった場面で、すぐに答えを渡していた"
	alternative := "まず本人の考えを一つ聞いてから、案を出す"
	reason := "本人が自分で考えて動く余地が残るから"
	out := r.rate(t, "3", "7", "4", evidence1, "/skip", "", evidence3, "/jump うまくいっていたこと",
		worked, ".", improvement, ".", alternative, ".", reason, ".", "y", "", "", "q")

	guide := model.RaterGuidance(model.Ja, "佐藤 未来")
	saysAll(t, out, "佐藤 未来さんのスキルを評価します", guide[0], guide[5],
		"1. メンター", "4. その他", "段階は 1 から 5 の数字で入力してください",
		"段階か根拠を書いたスキル: 2 / 20", "送信すると、この評価は佐藤 未来さんのものになります",
		"佐藤 未来さんに評価を送りました。")
	if strings.Contains(out, "全画面の bansou で書きます") {
		t.Errorf("the accessible mode still sends the rater to the full-screen bansou:\n%s", out)
	}
	if g, rel := strings.Index(out, guide[0]), strings.Index(out, "1. メンター"); g < 0 || rel < g {
		t.Errorf("the guidance is not read before the first question:\n%s", out)
	}

	ctx := context.Background()
	got, err := r.satoS.PeerRatings(ctx)
	if err != nil || len(got) != 1 {
		t.Fatalf("佐藤's ratings: %+v, %v", got, err)
	}
	g := got[0]
	if g.UID != r.req.UID || g.Rater != "田中 一郎" || g.Relation != model.RelationPeer || g.Lang != model.Ja {
		t.Errorf("rating: %+v", g)
	}
	want := []model.PeerSkill{{SkillID: r.skills[0].ID, Level: 4, Evidence: evidence1}, {SkillID: r.skills[2].ID, Evidence: evidence3}}
	if len(g.Skills) != 2 || g.Skills[0] != want[0] || g.Skills[1] != want[1] {
		t.Errorf("skills: %+v, want %+v", g.Skills, want)
	}
	if g.Worked != worked || g.Improvement != improvement || g.Alternative != alternative || g.Reason != reason {
		t.Errorf("texts: %+v", g)
	}
	if d := r.draft(t); d.Open() || !d.Draft.Empty() {
		t.Errorf("after sending, 田中 still reads %+v", d)
	}
	if mine, _ := r.tanakaS.PeerRatings(ctx); len(mine) != 0 {
		t.Errorf("田中 reads the rating he sent: %+v", mine)
	}
	r.othersReadNothing(t, evidence1, worked, reason)
	if others, _ := r.suzukiS.PeerRatings(ctx); len(others) != 0 {
		t.Errorf("鈴木 reads %+v", others)
	}
}

// TestAccessibleRatingResumesWhereItWasLeft: 田中 says who he is and rates
// the first skill, then the input ends; the draft holds it, and 佐藤 (who
// asked), 鈴木 and the admin read none of it. He opens it again: he is told
// it was kept and is asked about the second skill; he rates it and leaves
// with /later; the third time he goes to what worked, begins it and the
// connection drops after its first line. The fourth time everything typed
// in the three runs is there, and it is sent whole.
func TestAccessibleRatingResumesWhereItWasLeft(t *testing.T) {
	r := newRaters(t)
	evidence1 := "本人の目的を言葉にするまで、急がずに待っていた"
	evidence2 := "越境先の上司に、本人の様子を月に一度伝えていた"
	out := r.rate(t, "1", "5", evidence1)
	saysAll(t, out, "佐藤 未来さんへの評価は、書いたところまで保存しました")
	d := r.draft(t)
	if d.Draft.Relation != model.RelationMentor {
		t.Errorf("relation kept: %q", d.Draft.Relation)
	}
	if ps, _ := d.Draft.Skill(r.skills[0].ID); ps.Level != 5 || ps.Evidence != evidence1 {
		t.Errorf("first skill kept: %+v", ps)
	}
	r.othersReadNothing(t, evidence1)

	out = r.rate(t, "4", evidence2, "/later", "", "", "q")
	saysAll(t, out, "書きかけの評価があります", "2/20 "+r.skills[1].Name.In(model.Ja),
		"佐藤 未来さんへの評価は、書いたところまで保存しました")
	if strings.Contains(out, "1/20 "+r.firstName) {
		t.Errorf("coming back asked the first skill again instead of going on:\n%s", out)
	}
	if ps, _ := r.draft(t).Draft.Skill(r.skills[1].ID); ps.Level != 4 || ps.Evidence != evidence2 {
		t.Errorf("second skill kept: %+v", ps)
	}

	// The connection drops in the middle of what worked.
	ctx, cancel := context.WithCancel(context.Background())
	in := &gatedLines{lines: make(chan string, 8)}
	wout := &watched{got: make(chan struct{}, 1)}
	done := make(chan error, 1)
	go func() {
		done <- Run(ctx, Options{Store: r.tanakaS, Library: r.f.lib, Lang: model.Ja, In: in, Out: wout,
			Now: func() time.Time { return testNow }, Location: time.UTC, Echo: true})
	}()
	first := "面談のあと、話したことを本人と一緒に三行にまとめていた"
	for _, l := range []string{"8", "2", "1", "/jump 22", first} {
		in.lines <- l
	}
	wout.waitFor(t, "> "+first+"\n")
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if got := r.draft(t).Draft.Worked; got != first {
		t.Errorf("what worked after the drop: %q", got)
	}
	r.othersReadNothing(t, evidence1, evidence2, first)

	out = r.rate(t, "/jump 26", "y", "", "", "q")
	saysAll(t, out, "佐藤 未来さんに評価を送りました。")
	got, err := r.satoS.PeerRatings(context.Background())
	if err != nil || len(got) != 1 {
		t.Fatalf("佐藤's ratings: %+v, %v", got, err)
	}
	if g := got[0]; len(g.Skills) != 2 || g.Skills[0].Evidence != evidence1 || g.Skills[1].Level != 4 ||
		g.Worked != first || g.Relation != model.RelationMentor {
		t.Errorf("the rating sent: %+v", g)
	}
}

// TestAccessibleRatingRefusesBadInputAndKeepsWhatWasThere: a level out of
// range, a level with control sequences, evidence longer than a rating
// keeps, and a rating sent with nothing in it are each refused with words
// that say why; what was there stays, in the draft too. Words pasted with
// control sequences are kept as typed and said harmlessly.
func TestAccessibleRatingRefusesBadInputAndKeepsWhatWasThere(t *testing.T) {
	r := newRaters(t)
	huge := strings.Repeat("長い根拠の文です。", 60)
	pasted := hostile.Pasted("rating-evidence")
	out := r.rate(t, "/jump 26", "2", "3", "最初の根拠", "/back", "", huge, pasted, "/later", "", "", "q")
	saysAll(t, out, "まだ何も書かれていません", "最初の根拠", "400 字までです", "前の内容はそのままです")
	hostile.Check(t, "the rating", out)
	ps, _ := r.draft(t).Draft.Skill(r.skills[0].ID)
	if ps.Level != 3 || ps.Evidence != model.SingleLine(pasted) {
		t.Errorf("first skill after bad input: %+v", ps)
	}
	out = r.rate(t, "9", "\x1b[31m2", "/later", "", "", "q")
	saysAll(t, out, "段階は 1 から 5 の数字で入力してください")
	hostile.Check(t, "the rating", out)
	if ps, _ := r.draft(t).Draft.Skill(r.skills[1].ID); ps.Level != 0 {
		t.Errorf("a bad level was kept: %+v", ps)
	}
}
