package model

import "fmt"

// words names the values of the ledger and the parts of the documents bansou
// writes, in Japanese and English.
var words = map[string][2]string{
	"party.learner": {"本人", "Learner"},
	"party.sending": {"所属組織", "Sending organisation"},
	"party.host":    {"越境先", "Host organisation"},

	"anxiety.open":     {"未解消", "open"},
	"anxiety.easing":   {"和らいできた", "easing"},
	"anxiety.resolved": {"解消した", "resolved"},
	"anxiety.happened": {"実際に起きた", "it happened"},

	"outcome.pending":   {"未記録", "not recorded"},
	"outcome.not_tried": {"試していない", "not tried"},
	"outcome.no_effect": {"試したが効果なし", "tried, no effect"},
	"outcome.worked":    {"試して効果あり", "tried, it worked"},

	"owner.learner":   {"本人", "learner"},
	"owner.companion": {"伴走者", "companion"},
	"owner.sending":   {"所属組織", "sending org"},
	"owner.host":      {"越境先", "host org"},

	"term.short": {"短期", "short-term"},
	"term.long":  {"長期", "long-term"},

	"milestone.3m":  {"帰任後3か月", "3 months after return"},
	"milestone.6m":  {"帰任後6か月", "6 months after return"},
	"milestone.12m": {"帰任後1年", "1 year after return"},

	"md.anxieties":          {"不安の台帳", "Anxiety ledger"},
	"md.actions":            {"アクション", "Actions"},
	"md.agreement":          {"三者合意（現在）", "Three-party agreement (as it stands)"},
	"md.intensity":          {"強さ", "intensity"},
	"md.plan":               {"支援策", "support plan"},
	"md.owner":              {"担当", "owner"},
	"md.due":                {"期限", "due"},
	"md.history":            {"経過", "history"},
	"md.expectation":        {"期待", "Expectation"},
	"md.fit":                {"納得度", "Fit"},
	"md.agreed":             {"合意内容", "Agreed"},
	"md.gap":                {"要確認: 納得度の差が大きい、または発言のない立場があります。", "To discuss: the fit scores differ widely, or a party has said nothing."},
	"md.changed":            {"合意時からの変更", "Changed since agreed"},
	"md.nothingYet":         {"まだ記録がありません。", "Nothing recorded yet."},
	"md.agreementDoc":       {"三者合意書", "Three-party agreement"},
	"md.parties":            {"当事者", "Parties"},
	"md.agreedOn":           {"記録日", "Recorded"},
	"md.revisedOn":          {"見直し", "Revisited"},
	"md.signature":          {"確認（署名・日付）", "Confirmed (signature and date)"},
	"md.comment":            {"コメント", "Comment"},
	"md.notAnswered":        {"（未回答）", "(no answer)"},
	"md.carriedStatus":      {"状態", "status"},
	"md.forAudience":        {"この文書の読み手: %s。伴走者の非公開の記録は含みません。", "Written for: %s. The companion's private records are left out."},
	"sum.everything":        {"書き出し: すべての記録（非公開を含む。バックアップと bansou import 用）—", "Export: every record, private ones included (for backup and bansou import) —"},
	"sum.agreement":         {"書き出し: 三者合意書（本人・所属組織・越境先に渡す文書）—", "Export: the three-party agreement (for the learner and both organisations) —"},
	"sum.for":               {"書き出し: %sに渡す文書 —", "Export: a document for the %s —"},
	"sum.shared":            {"書き出し: 共有用の文書 —", "Export: a document to share —"},
	"sum.counts":            {"学習者 %d 人、セッション %d、回答 %d、メモ %d、不安 %d、アクション %d、合意 %d 項目。", "%d learner(s), %d session(s), %d answer(s), %d note(s), %d worry(ies), %d action(s), %d agreement topic(s)."},
	"sum.agreementCounts":   {"学習者 %d 人、合意 %d 項目。", "%d learner(s), %d agreement topic(s)."},
	"sum.noPrivate":         {"非公開の記録はありません。", "There are no private records."},
	"sum.privateIn":         {"非公開の記録 %d 件も入ります。", "%d private record(s) are included."},
	"sum.privateOut":        {"非公開の記録 %d 件は入れません（--include-private で入ります）。", "%d private record(s) are left out (--include-private includes them)."},
	"md.forAudiencePrivate": {"この文書の読み手: %s。伴走者の非公開の記録も含みます。", "Written for: %s. The companion's private records are included."},
}

// Word returns the label for key in lang ("" when there is none).
func Word(lang Lang, key string) string {
	w, ok := words[key]
	if !ok {
		return ""
	}
	if lang == En {
		return w[1]
	}
	return w[0]
}

// PartyLabel names a party of the agreement.
func PartyLabel(p Party, lang Lang) string { return Word(lang, "party."+string(p)) }

// StatusLabel names the status of a worry.
func StatusLabel(s AnxietyStatus, lang Lang) string { return Word(lang, "anxiety."+string(s)) }

// OutcomeLabel names the outcome of an action.
func OutcomeLabel(o Outcome, lang Lang) string { return Word(lang, "outcome."+string(o)) }

// OwnerLabel names the owner of an action.
func OwnerLabel(o Owner, lang Lang) string { return Word(lang, "owner."+string(o)) }

// TermLabel names the term of a worry.
func TermLabel(t Term, lang Lang) string { return Word(lang, "term."+string(t)) }

// MilestoneLabel names a return checkpoint.
func MilestoneLabel(id string, lang Lang) string {
	if w := Word(lang, "milestone."+id); w != "" {
		return w
	}
	return id
}

// ScaleText writes a scale point with its label: "3/5 ふつう".
func ScaleText(value int, label string) string {
	if label == "" {
		return fmt.Sprintf("%d/%d", value, ScalePoints)
	}
	return fmt.Sprintf("%d/%d %s", value, ScalePoints, label)
}
