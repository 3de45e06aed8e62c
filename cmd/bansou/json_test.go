package main

import (
	"bytes"
	"encoding/json"
	"testing"

	"bansou/internal/hostile"
)

// TestJSONHoldsNoControlATerminalActsOn: DEL, C1 controls and the bidi
// controls, which encoding/json writes raw, are escaped like the C0
// controls, and the text decodes to exactly what was encoded.
func TestJSONHoldsNoControlATerminalActsOn(t *testing.T) {
	text := hostile.UTF8("回答")
	var b bytes.Buffer
	if err := newJSONEncoder(&b).Encode(map[string]string{"answer": text, "html": "<b>&</b>"}); err != nil {
		t.Fatal(err)
	}
	hostile.Check(t, "JSON", b.String())
	if !bytes.Contains(b.Bytes(), []byte(`\u009b2J`)) || !bytes.Contains(b.Bytes(), []byte(`\u202egnp.exe\u202c`)) || !bytes.Contains(b.Bytes(), []byte(`"<b>&</b>"`)) {
		t.Errorf("JSON = %s", b.String())
	}
	var back map[string]string
	if err := json.Unmarshal(b.Bytes(), &back); err != nil || back["answer"] != text {
		t.Fatalf("decoded %q, %v; want %q", back["answer"], err, text)
	}
}
