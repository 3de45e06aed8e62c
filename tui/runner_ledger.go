package tui

import "bansou/model"

// Changes to the engagement's ledger made during a session, through the
// session engine (work.Work), which marks them for the next save.

func (r *runner) putAnxiety(a model.Anxiety) { r.wk.PutAnxiety(a) }
func (r *runner) deleteAnxiety(id string)    { r.wk.RemoveAnxiety(id) }
func (r *runner) setAnxietyStatus(id string, status model.AnxietyStatus, note string) {
	r.wk.SetAnxietyStatus(id, status, note)
}
func (r *runner) shareAnxietyNote(id string, shared bool) { r.wk.ShareAnxietyNote(id, shared) }
func (r *runner) putAction(a model.Action)                { r.wk.PutAction(a) }
func (r *runner) deleteAction(id string)                  { r.wk.RemoveAction(id) }
func (r *runner) setActionOutcome(id string, outcome model.Outcome, note string) {
	r.wk.SetActionOutcome(id, outcome, note)
}
func (r *runner) shareActionNote(id string, shared bool) { r.wk.ShareActionNote(id, shared) }
func (r *runner) putAgreement(it model.AgreementItem)    { r.wk.PutAgreement(it) }
