package model

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
)

func mentorRating() PeerRating {
	return PeerRating{
		UID: "s1", For: "佐藤\n花子", Rater: " 山田 太郎 ", Relation: RelationMentor, Lang: Ja,
		At: time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC),
		Skills: []PeerSkill{
			{SkillID: "offering-alternatives", Level: 3, Evidence: " 代案を二つ出していた "},
			{SkillID: "liaison"},
			{SkillID: "observation-listening", Level: 4, Evidence: "沈黙を待っていた"},
		},
		Worked: "週報への返事で本人が次を決められた",
	}
}

// TestPeerRatingNormalizeAndValidate: names fold to one line, empty skills
// are dropped and the rest take the map's order; levels outside 1–5,
// unknown or repeated skills, a missing rater, an unknown relation, NUL
// characters and overlong texts are each named.
func TestPeerRatingNormalizeAndValidate(t *testing.T) {
	m := focusMap()
	r := mentorRating()
	r.Normalize(m)
	if r.For != "佐藤 花子" || r.Rater != "山田 太郎" {
		t.Errorf("names: %q, %q", r.For, r.Rater)
	}
	if len(r.Skills) != 2 || r.Skills[0].SkillID != "observation-listening" || r.Skills[1].Evidence != "代案を二つ出していた" {
		t.Errorf("skills: %+v", r.Skills)
	}
	if err := r.Validate(m); err != nil {
		t.Fatal(err)
	}
	bad := r
	bad.Rater, bad.Relation = "", "先輩"
	bad.Skills = []PeerSkill{{SkillID: "liaison", Level: 6}, {SkillID: "no-such", Level: 2}, {SkillID: "liaison", Level: 1}}
	bad.Worked = strings.Repeat("良", MaxPeerText+1)
	bad.Reason = "a\x00b"
	err := bad.Validate(m)
	if !errors.Is(err, ErrPeerRating) {
		t.Fatalf("err = %v", err)
	}
	for _, want := range []string{"rater: missing", `relation: "先輩"`, "skills[liaison].level: 6", "skills[no-such]: no such skill",
		"skills[liaison]: rated twice", "worked: 2001 characters", "reason: contains a NUL"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("%v\nwant %q", err, want)
		}
	}
}

// TestOthersOnShowsTheGapToSelf: each rating of a skill, newest first,
// with its gap to the companion's own level where both have one.
func TestOthersOnShowsTheGapToSelf(t *testing.T) {
	older := mentorRating()
	newer := mentorRating()
	newer.Rater, newer.Relation, newer.At = "鈴木", RelationPeer, older.At.AddDate(0, 2, 0)
	newer.Skills = []PeerSkill{{SkillID: "observation-listening", Level: 2, Evidence: "急いで助言していた"}}
	got := OthersOn([]PeerRating{older, newer}, "observation-listening", 3)
	if len(got) != 2 || got[0].Rating.Rater != "鈴木" || got[0].Gap != -1 || !got[0].HasGap || got[1].Gap != 1 {
		t.Errorf("OthersOn = %+v", got)
	}
	if v := OthersOn([]PeerRating{older}, "liaison", 3); len(v) != 1 || v[0].HasGap {
		t.Errorf("evidence without a level has no gap: %+v", v)
	}
	if v, ok := LatestOther([]PeerRating{older, newer}, "observation-listening"); !ok || v.Level != 2 {
		t.Errorf("LatestOther = %+v, %v", v, ok)
	}
	if r, ok := ParseRelation("メンター"); !ok || r != RelationMentor {
		t.Errorf("ParseRelation(メンター) = %q", r)
	}
}

// TestPeerRatingsBelongWithTheirReview: a rating made between two reviews
// goes with the later one, one before the first review with the first;
// the latest review takes everything after the one before it.
func TestPeerRatingsBelongWithTheirReview(t *testing.T) {
	m := focusMap()
	day := func(mo int) time.Time { return time.Date(2026, time.Month(mo), 1, 9, 0, 0, 0, time.UTC) }
	r1 := NewSelfReview(m, m.IDs(), nil, Ja, day(1))
	r2 := NewSelfReview(m, m.IDs(), nil, Ja, day(5))
	rating := func(mo int) PeerRating { return PeerRating{UID: fmt.Sprint(mo), At: day(mo)} }
	all := []PeerRating{rating(3), rating(7)}
	h := HistoryOf([]Session{r1, r2})
	uids := func(rs []PeerRating) string {
		var out []string
		for _, r := range rs {
			out = append(out, r.UID)
		}
		return strings.Join(out, ",")
	}
	if got := uids(h.PeerRatingsAt(1, all)); got != "3,7" {
		t.Errorf("with the latest review: %s", got)
	}
	if got := uids(h.PeerRatingsAt(0, all)); got != "3" {
		t.Errorf("with the first review: %s", got)
	}
	if got := uids(PeerRatingsBefore(all, []Session{r1, r2}, r1)); got != "3" {
		t.Errorf("before the review after the first: %s", got)
	}
}

// TestAnExportWithABadPeerRatingIsRefused: an export's peer rating is
// checked as a saved one is (rater, relation, levels, repeated skills),
// each problem named by its path; a good one passes.
func TestAnExportWithABadPeerRatingIsRefused(t *testing.T) {
	good := mentorRating()
	good.Normalize(nil)
	bad := mentorRating()
	bad.UID, bad.Rater, bad.Relation = "s2", "", "先輩"
	bad.Skills = []PeerSkill{{SkillID: "liaison", Level: 7}, {SkillID: "liaison", Level: 1}}
	doc := NewExport(sheetNow)
	doc.PeerRatings = []PeerRating{good, bad}
	data, _ := json.Marshal(doc)
	_, err := ParseExport(data)
	if err == nil {
		t.Fatal("a bad peer rating was accepted")
	}
	for _, want := range []string{"peer_ratings[1].rater: missing", `peer_ratings[1].relation: "先輩"`,
		"peer_ratings[1].skills[liaison].level: 7 is not 1 to 5", "peer_ratings[1].skills[liaison]: rated twice"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("%v\nwant %q", err, want)
		}
	}
	if strings.Contains(err.Error(), "peer_ratings[0]") {
		t.Errorf("the good rating was refused: %v", err)
	}
}

// TestARatingIsReadyToSend: a rater's draft put together skill by skill
// (a skill given neither level nor evidence left out, a skill put again
// replacing what it said) is sent normalised, in the map's order and made
// at the time given; one that says nothing, one without who the rater is
// and one with a level of 7 are each refused with why.
func TestARatingIsReadyToSend(t *testing.T) {
	m := focusMap()
	now := time.Date(2026, 11, 21, 10, 0, 0, 0, time.UTC)
	req := RatingRequest{UID: "q1", CompanionName: "佐藤 未来", RaterName: "田中 一郎"}
	d := RatingDraft(req, Ja)
	if _, err := d.Ready(m, now); !errors.Is(err, ErrRatingEmpty) {
		t.Errorf("an empty rating: %v", err)
	}
	d.PutSkill(PeerSkill{SkillID: "offering-alternatives", Level: 2})
	d.PutSkill(PeerSkill{SkillID: "observation-listening", Evidence: " 沈黙を待っていた "})
	d.PutSkill(PeerSkill{SkillID: "liaison"})
	d.PutSkill(PeerSkill{SkillID: "offering-alternatives", Level: 3, Evidence: "代案を二つ出していた"})
	if _, err := d.Ready(m, now); !errors.Is(err, ErrRatingNoRelation) {
		t.Errorf("without a relation: %v", err)
	}
	d.Relation = RelationPeer
	r, err := d.Ready(m, now)
	if err != nil {
		t.Fatal(err)
	}
	want := []PeerSkill{{SkillID: "observation-listening", Evidence: "沈黙を待っていた"},
		{SkillID: "offering-alternatives", Level: 3, Evidence: "代案を二つ出していた"}}
	if fmt.Sprint(r.Skills) != fmt.Sprint(want) || !r.At.Equal(now) || r.UID != "q1" || r.For != "佐藤 未来" ||
		r.Rater != "田中 一郎" || r.Lang != Ja {
		t.Errorf("ready: %+v", r)
	}
	if d.Skills[0].Evidence != " 沈黙を待っていた " {
		t.Errorf("Ready changed the draft: %+v", d.Skills)
	}
	d.PutSkill(PeerSkill{SkillID: "liaison", Level: 7})
	var errs PeerRatingErrors
	if _, err := d.Ready(m, now); !errors.As(err, &errs) || !strings.Contains(err.Error(), "7 is not 1 to 5") {
		t.Errorf("a level of 7: %v", err)
	}
}
