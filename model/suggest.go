package model

import (
	"fmt"
	"slices"
	"time"
)

// SuggestReason says why the session chooser suggests a flow.
type SuggestReason string

// Reasons for a suggestion.
const (
	// SuggestNone: nothing in particular; the chooser starts on the
	// phase's usual flow and marks nothing.
	SuggestNone SuggestReason = ""
	// SuggestStepDue: the stint's time asks for this flow (the arrival in
	// its first weeks, the wrap-up in its last; see StepDue).
	SuggestStepDue SuggestReason = "step-due"
	// SuggestCheckpoint: a return checkpoint is due (Suggestion.Milestone).
	SuggestCheckpoint SuggestReason = "checkpoint"
	// SuggestNotHeld: no session of this flow has been held yet.
	SuggestNotHeld SuggestReason = "not-held"
)

// Suggestion is the conversation the chooser offers first.
type Suggestion struct {
	Flow      *Flow // nil when there are no flows
	Reason    SuggestReason
	Milestone string // the checkpoint due, for SuggestCheckpoint
}

// timed reports whether a flow has a time of its own — the arrival, the
// wrap-up, a return checkpoint — and so is suggested only when that time
// has come, not merely because it was never held.
func (f *Flow) timed() bool {
	return f.Use == UseArrival || f.Use == UseWrapUp || f.Use == UseCheckpoint
}

// Suggest is the conversation that fits an engagement on a day, out of
// flows (in the library's order: by phase, then by their order), from its
// phase and what has been held (a session of the flow started, by anyone):
//
//   - during the stint, the step its time asks for first (StepDue: the
//     arrival in its first four weeks, the wrap-up in its last thirty
//     days): each has a window that closes, and the guideline places them
//     there (seeds/000 L681–L684, L696–L699);
//   - after return, a return checkpoint that is due (3, 6, 12 months);
//   - during the stint, a before-departure flow that the conversations of
//     the stint and after look back on (a prompt of theirs echoes it: the
//     purpose, which the wrap-up and the reflection set the results
//     against) and that was never held: going on with a purpose left
//     vague is the mismatch the guideline warns of (L790–L793, L879–L887),
//     and it can still be put into words while the stint goes on;
//   - the first of the phase's flows never held, in their order, leaving
//     out those with a time of their own.
//
// Otherwise it is the phase's first flow without a time of its own, with
// no reason. Session times are read as days in loc.
func Suggest(flows []*Flow, st EngagementState, today Date, loc *time.Location) Suggestion {
	phase := st.Engagement.PhaseOn(today)
	find := func(ok func(*Flow) bool) *Flow {
		if i := slices.IndexFunc(flows, ok); i >= 0 {
			return flows[i]
		}
		return nil
	}
	held := func(f *Flow) bool {
		return slices.ContainsFunc(st.Sessions, func(s SessionSummary) bool { return s.FlowID == f.ID })
	}
	switch phase {
	case During:
		if use := st.StepDue(today, loc); use != UseNone {
			if f := find(func(f *Flow) bool { return f.Use == use }); f != nil {
				return Suggestion{Flow: f, Reason: SuggestStepDue}
			}
		}
		echoed := lookedBackOn(flows, During)
		if f := find(func(f *Flow) bool { return f.Phase == Before && echoed[f.ID] && !held(f) }); f != nil {
			return Suggestion{Flow: f, Reason: SuggestNotHeld}
		}
	case After:
		if m, _, ok := st.dueMilestone(today); ok {
			if f := find(func(f *Flow) bool { return f.Use == UseCheckpoint }); f != nil {
				return Suggestion{Flow: f, Reason: SuggestCheckpoint, Milestone: m}
			}
		}
	}
	if f := find(func(f *Flow) bool { return f.Phase == phase && !f.timed() && !held(f) }); f != nil {
		return Suggestion{Flow: f, Reason: SuggestNotHeld}
	}
	if f := find(func(f *Flow) bool { return f.Phase == phase && !f.timed() }); f != nil {
		return Suggestion{Flow: f}
	}
	if len(flows) > 0 {
		return Suggestion{Flow: flows[0]}
	}
	return Suggestion{}
}

// lookedBackOn is the ids of the flows that a prompt of a flow of phase
// from, or of a later phase, echoes.
func lookedBackOn(flows []*Flow, from Phase) map[string]bool {
	rank := map[Phase]int{Before: 0, During: 1, After: 2}
	out := map[string]bool{}
	for _, f := range flows {
		if rank[f.Phase] < rank[from] {
			continue
		}
		for _, p := range f.Prompts {
			if id, _, ok := p.EchoOf(); ok {
				out[id] = true
			}
		}
	}
	return out
}

// suggestWhy words a suggestion's reason, in each language.
var suggestWhy = map[Lang]struct{ notHeld, arrival, wrapup, checkpoint string }{
	Ja: {"%sがまだです", "越境先に合流した最初の数週間です", "越境の終わりが近づいています", "%sの節目です"},
	En: {"%s has not been held yet", "The first weeks at the host", "The stint ends soon", "The checkpoint %s is due"},
}

// Why says in a line why the flow is suggested; "" when it is only the
// phase's usual one.
func (s Suggestion) Why(lang Lang) string {
	w, ok := suggestWhy[lang]
	if !ok {
		w = suggestWhy[Ja]
	}
	switch s.Reason {
	case SuggestStepDue:
		if s.Flow != nil && s.Flow.Use == UseWrapUp {
			return w.wrapup
		}
		return w.arrival
	case SuggestCheckpoint:
		return fmt.Sprintf(w.checkpoint, MilestoneLabel(s.Milestone, lang))
	case SuggestNotHeld:
		if s.Flow != nil {
			return fmt.Sprintf(w.notHeld, s.Flow.Title.In(lang))
		}
	}
	return ""
}
