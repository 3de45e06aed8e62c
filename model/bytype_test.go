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

// TestParseDateAfterReadsAnEndAfterItsStart: a day without its year is the
// first such day on or after the start; a full date is as written; 2月29日
// waits for a leap year.
func TestParseDateAfterReadsAnEndAfterItsStart(t *testing.T) {
	start := NewDate(2026, 12, 1)
	for in, want := range map[string]string{
		"5/31": "2027-05-31", "12月1日": "2026-12-01", "12月25日": "2026-12-25", "１１／３０": "2027-11-30",
		"2026-06-30": "2026-06-30", "2月29日": "2028-02-29",
	} {
		got, err := ParseDateAfter(in, start)
		if err != nil || got.String() != want {
			t.Errorf("%s: %s, %v; want %s", in, got, err, want)
		}
	}
	if _, err := ParseDateAfter("13/1", start); err == nil {
		t.Error("13/1 read as a date")
	}
	if _, err := ParseDateAfter("5/31", Date{}); err == nil {
		t.Error("a day without its year read with no start")
	}
}
