package model

import "testing"

// TestGapNoteSaysWhatDiffers: the note on a topic's gap says how far the
// fit scores differ and who has said nothing, in both languages.
func TestGapNoteSaysWhatDiffers(t *testing.T) {
	it := AgreementItem{
		Learner: PartyView{Expectation: "新規事業に関わりたい", Fit: 5},
		Sending: PartyView{Expectation: "営業手法を学んでほしい", Fit: 2},
	}
	if got, want := it.GapNote(Ja), "要確認: 納得度の差が 3 あります / 越境先がまだ何も言っていません"; got != want {
		t.Errorf("ja %q, want %q", got, want)
	}
	if got, want := it.GapNote(En), "To discuss: fit scores differ by 3 / Host organisation has said nothing yet"; got != want {
		t.Errorf("en %q, want %q", got, want)
	}
	it.Sending.Fit = 4
	if got, want := it.GapNote(Ja), "要確認: 越境先がまだ何も言っていません"; got != want {
		t.Errorf("silence alone: %q, want %q", got, want)
	}
	it.Host = PartyView{Fit: 4}
	if got := it.GapNote(Ja); got != "" {
		t.Errorf("no gap: %q", got)
	}
}
