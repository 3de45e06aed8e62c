package model

import "testing"

// TestUsualTypeIsTheMostFrequentSaid: archived engagements and those where
// nothing was said do not count; a tie keeps the fallback when it is among
// the most frequent, else the first type in display order.
func TestUsualTypeIsTheMostFrequentSaid(t *testing.T) {
	e := func(t CompanionType, archived bool) Engagement { return Engagement{MyType: t, Archived: archived} }
	cases := []struct {
		name     string
		engs     []Engagement
		fallback CompanionType
		want     CompanionType
	}{
		{"none said", []Engagement{e("", false)}, ThirdParty, ThirdParty},
		{"mostly host", []Engagement{e(Host, false), e(Sending, false), e(Host, false)}, Sending, Host},
		{"archived do not count", []Engagement{e(Host, true), e(Host, true), e(ThirdParty, false)}, Sending, ThirdParty},
		{"a tie keeps the fallback", []Engagement{e(Host, false), e(ThirdParty, false)}, ThirdParty, ThirdParty},
		{"a tie without the fallback", []Engagement{e(Host, false), e(ThirdParty, false)}, Sending, Host},
	}
	for _, c := range cases {
		if got := UsualType(c.engs, c.fallback); got != c.want {
			t.Errorf("%s: %q, want %q", c.name, got, c.want)
		}
	}
}
