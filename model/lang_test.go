package model

import (
	"errors"
	"testing"
)

func TestLangFromLocale(t *testing.T) {
	tests := []struct {
		env  map[string]string
		want Lang
	}{
		{map[string]string{"LANG": "ja_JP.UTF-8"}, Ja},
		{map[string]string{"LANG": "en_US.UTF-8"}, En},
		{map[string]string{"LANG": "C.UTF-8"}, En},
		{map[string]string{}, En},
		{map[string]string{"LC_ALL": "ja_JP.UTF-8", "LANG": "en_US.UTF-8"}, Ja},
		{map[string]string{"LC_ALL": "en_GB.UTF-8", "LANG": "ja_JP.UTF-8"}, En},
		{map[string]string{"LC_MESSAGES": "ja_JP.eucJP", "LANG": "C"}, Ja},
	}
	for _, tt := range tests {
		if got := LangFromLocale(func(k string) string { return tt.env[k] }); got != tt.want {
			t.Errorf("%v: got %s, want %s", tt.env, got, tt.want)
		}
	}
}

func TestParseLang(t *testing.T) {
	for in, want := range map[string]Lang{"ja": Ja, " EN ": En, "日本語": Ja} {
		if got, err := ParseLang(in); err != nil || got != want {
			t.Errorf("%q: %v %v", in, got, err)
		}
	}
	if _, err := ParseLang("fr"); err == nil {
		t.Error("fr accepted")
	}
}

func TestParseDate(t *testing.T) {
	ok := map[string]string{
		"2026-04-01":   "2026-04-01",
		"2026/4/1":     "2026-04-01",
		"２０２６／４／１":     "2026-04-01",
		"2026年4月1日":    "2026-04-01",
		" 2026.12.31 ": "2026-12-31",
		"":             "",
	}
	for in, want := range ok {
		d, err := ParseDate(in)
		if err != nil || d.String() != want {
			t.Errorf("%q: %q %v", in, d, err)
		}
	}
	for _, in := range []string{"2026-02-30", "2026-13-01", "1899-12-31", "yesterday", "2026-04", "2026-04-01x"} {
		if _, err := ParseDate(in); !errors.Is(err, ErrBadDate) {
			t.Errorf("%q accepted", in)
		}
	}
}

// TestParseDateNearReadsADayWithoutItsYear: 12月18日 is the 18 December
// nearest to today (this year in November, next January's 5th typed in
// December); every form with a year reads as ParseDate reads it, and a
// day without a year is still refused where there is no today.
func TestParseDateNearReadsADayWithoutItsYear(t *testing.T) {
	nov := NewDate(2026, 11, 21)
	ok := map[string]string{
		"12月18日":     "2026-12-18",
		"１２月１８日":     "2026-12-18",
		"12/18":      "2026-12-18",
		"1月5日":       "2027-01-05", // early next year, not ten months ago
		"10月1日":      "2026-10-01", // last month, not next October
		"2027年1月5日":  "2027-01-05",
		"2026-12-01": "2026-12-01",
		"":           "",
	}
	for in, want := range ok {
		d, err := ParseDateNear(in, nov)
		if err != nil || d.String() != want {
			t.Errorf("%q near %s: %q %v", in, nov, d, err)
		}
	}
	for _, in := range []string{"2月30日", "13月1日", "12月", "2026年12月", "明日"} {
		if _, err := ParseDateNear(in, nov); !errors.Is(err, ErrBadDate) {
			t.Errorf("%q accepted", in)
		}
	}
	if d, err := ParseDateNear("2月29日", NewDate(2028, 1, 10)); err != nil || d.String() != "2028-02-29" {
		t.Errorf("2月29日 in a leap year: %q %v", d, err)
	}
	if _, err := ParseDate("12月18日"); !errors.Is(err, ErrBadDate) {
		t.Error("a day without a year read without a today")
	}
}

func TestPhaseOn(t *testing.T) {
	e := Engagement{Start: NewDate(2026, 4, 1), End: NewDate(2026, 9, 30)}
	for day, want := range map[Date]Phase{
		NewDate(2026, 3, 31): Before,
		NewDate(2026, 4, 1):  During,
		NewDate(2026, 9, 30): During,
		NewDate(2026, 10, 1): After,
	} {
		if got := e.PhaseOn(day); got != want {
			t.Errorf("%s: %s, want %s", day, got, want)
		}
	}
}

func TestEngagementValidate(t *testing.T) {
	e := Engagement{Learner: Learner{Name: "  "}, Start: NewDate(2026, 5, 1), End: NewDate(2026, 4, 1),
		Companions: []Companion{{Name: "佐藤", Type: "boss"}}}
	errs := e.Validate()
	if !errors.Is(errs["learner"], ErrRequired) || !errors.Is(errs["end"], ErrEndBeforeStart) || errs["companion0"] == nil {
		t.Fatalf("errs = %v", errs)
	}
	e = Engagement{Learner: Learner{Name: "山田 花子"}, Start: NewDate(2026, 4, 1), End: NewDate(2026, 9, 30)}
	if errs := e.Validate(); errs != nil {
		t.Fatalf("valid engagement rejected: %v", errs)
	}
}
