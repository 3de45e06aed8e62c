package model

import (
	"fmt"

	"go.yaml.in/yaml/v3"
)

// Variant is how a prompt reads for one companion type: the question and
// the hints that differ for a companion on the host side, say, from the
// sending side's. An empty field keeps the prompt's own.
type Variant struct {
	Text   Text   `json:"text,omitzero"`
	Listen Text   `json:"listen,omitzero"`
	Avoid  Text   `json:"avoid,omitzero"`
	Refs   string `json:"refs,omitempty"`
}

// TypeFocus is what a skill asks of one companion type: where that type
// puts its weight, and the caution the guideline gives it.
type TypeFocus struct {
	Focus   Text   `json:"focus"`
	Caution Text   `json:"caution"`
	Refs    string `json:"refs,omitempty"`
}

// For returns the prompt as it reads for a companion of type t: the
// variant's question and hints in place of the prompt's own where the
// variant gives them. An unknown or empty type, or one without a variant,
// gets the prompt as written.
func (p Prompt) For(t CompanionType) Prompt {
	v, ok := p.ByType[t]
	if !ok {
		return p
	}
	if !v.Text.IsZero() {
		p.Text = v.Text
	}
	if !v.Listen.IsZero() {
		p.Listen = v.Listen
	}
	if !v.Avoid.IsZero() {
		p.Avoid = v.Avoid
	}
	return p
}

// Varies reports whether the prompt reads differently for some companion
// type.
func (p Prompt) Varies() bool { return len(p.ByType) > 0 }

// typeKeys are the companion types as content names them.
func typeKeys() []string {
	keys := make([]string, len(CompanionTypes))
	for i, t := range CompanionTypes {
		keys[i] = string(t)
	}
	return keys
}

// byType reads a by-type mapping: for each companion type named, what
// read makes of its value (false: nothing to keep); nil when none is kept.
func byType[V any](l *contentLoader, n *yaml.Node, what string, read func(vn *yaml.Node, w string) (V, bool)) map[CompanionType]V {
	if n == nil {
		return nil
	}
	tf := l.mapping(n, what+" by-type", typeKeys()...)
	if tf == nil {
		return nil
	}
	out := map[CompanionType]V{}
	for _, key := range typeKeys() {
		if vn := tf.get(key); vn != nil {
			if v, ok := read(vn, fmt.Sprintf("%s for %s", what, key)); ok {
				out[CompanionType(key)] = v
			}
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// variants reads a prompt's by-type: for each companion type named, the
// text, listen and avoid that differ for it (at least one of them, each in
// both languages).
func (l *contentLoader) variants(n *yaml.Node, what string) map[CompanionType]Variant {
	return byType(l, n, what, func(vn *yaml.Node, w string) (Variant, bool) {
		vf := l.mapping(vn, w, "text", "listen", "avoid", "refs")
		if vf == nil {
			return Variant{}, false
		}
		if vf.get("text") == nil && vf.get("listen") == nil && vf.get("avoid") == nil {
			l.errorf(vn, "%s changes nothing (give its text, listen or avoid)", w)
			return Variant{}, false
		}
		return Variant{
			Text:   l.text(vn, vf, "text", w+" text", false),
			Listen: l.text(vn, vf, "listen", w+" listen hint", false),
			Avoid:  l.text(vn, vf, "avoid", w+" avoid hint", false),
			Refs:   l.str(vf.get("refs")),
		}, true
	})
}

// typeFocus reads a skill's by-type: for each companion type named, its
// focus and its caution, both required in both languages.
func (l *contentLoader) typeFocus(n *yaml.Node, what string) map[CompanionType]TypeFocus {
	return byType(l, n, what, func(vn *yaml.Node, w string) (TypeFocus, bool) {
		vf := l.mapping(vn, w, "focus", "caution", "refs")
		if vf == nil {
			return TypeFocus{}, false
		}
		return TypeFocus{
			Focus:   l.text(vn, vf, "focus", w+" focus", true),
			Caution: l.text(vn, vf, "caution", w+" caution", true),
			Refs:    l.str(vf.get("refs")),
		}, true
	})
}
