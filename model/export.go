package model

import "time"

// ExportFormat names bansou's JSON export, and ExportVersion its version.
const (
	ExportFormat = "bansou-export"
	// 2 adds self_reviews and a step's target level; 3 adds rounds; 4
	// adds note_shared to a worry's status and an action's outcome; 5 adds
	// peer_ratings.
	ExportVersion = 5
)

// Export is the full-fidelity JSON document bansou writes: engagements with
// every session, step, answer and private note.
type Export struct {
	Format      string             `json:"format"`
	Version     int                `json:"version"`
	ExportedAt  time.Time          `json:"exported_at"`
	Engagements []EngagementExport `json:"engagements"`
	// SelfReviews are the companion's self-reviews against the skill map,
	// which belong to no engagement.
	SelfReviews []Session `json:"self_reviews,omitempty"`
	// Rounds are the peer rounds, each session with what is kept beside
	// it (participants, roles, timer).
	Rounds []RoundEntry `json:"rounds,omitempty"`
	// PeerRatings are the ratings of the skill map others gave the
	// companion (a mentor, a boss, a peer), which are the companion's.
	PeerRatings []PeerRating `json:"peer_ratings,omitempty"`
	// Folded lists, after ParseExport, the path of each single-line field
	// (a name, a title) whose line breaks were folded into spaces, for the
	// import to report. It is never written.
	Folded []string `json:"-"`
}

// EngagementExport is one engagement with its sessions.
type EngagementExport struct {
	Engagement
	Sessions []Session `json:"sessions"`
	Ledger   Ledger    `json:"ledger"`
}

// NewExport wraps engagements for writing.
func NewExport(now time.Time, engagements ...EngagementExport) Export {
	if engagements == nil {
		engagements = []EngagementExport{}
	}
	for i := range engagements {
		e := &engagements[i]
		if e.Sessions == nil {
			e.Sessions = []Session{}
		}
		if e.Ledger.Anxieties == nil {
			e.Ledger.Anxieties = []Anxiety{}
		}
		if e.Ledger.Actions == nil {
			e.Ledger.Actions = []Action{}
		}
		if e.Ledger.Agreement == nil {
			e.Ledger.Agreement = []AgreementItem{}
		}
	}
	return Export{Format: ExportFormat, Version: ExportVersion, ExportedAt: now.UTC(), Engagements: engagements}
}
