package model

import "time"

// EngagementDraft is an engagement form as it was typed and not yet saved:
// every field as text (a date may not be one yet), kept while it is typed
// so that nothing is lost if bansou stops before the form is saved, and
// offered back on the next start.
type EngagementDraft struct {
	// UID is the engagement's: the one being edited, or the one a new
	// form will create (chosen when the form opens). There is one draft
	// per engagement.
	UID string `json:"uid"`
	// EngagementID is the engagement being edited; 0 for a new one.
	EngagementID int64  `json:"engagement_id"`
	Learner      string `json:"learner"`
	SendingOrg   string `json:"sending_org"`
	HostOrg      string `json:"host_org"`
	Start        string `json:"start"`
	End          string `json:"end"`
	EarlyDays    string `json:"early_days"`
	LaterDays    string `json:"later_days"`
	// Companions are the rows with a name, in order.
	Companions []Companion `json:"companions"`
	// MyType is the kind of companion the person says they are on it.
	MyType    CompanionType `json:"my_type,omitempty"`
	UpdatedAt time.Time     `json:"-"`
}

// Empty reports whether nothing was typed.
func (d EngagementDraft) Empty() bool {
	return d.Learner == "" && d.SendingOrg == "" && d.HostOrg == "" && d.Start == "" && d.End == "" &&
		d.EarlyDays == "" && d.LaterDays == "" && len(d.Companions) == 0
}
