package model

import (
	"errors"
	"strings"
	"testing"
	"testing/fstest"
)

// A valid flow; tests break it in one place at a time.
const goodFlow = `id: purpose
phase: before
title:
  ja: 目的抽出
  en: Purpose extraction
prompts:
  - id: achieve
    title:
      ja: 実現したいこと
      en: What you want
    text:
      ja: 何を実現したいですか。
      en: What do you want to achieve?
    listen:
      ja: 本人の言葉
      en: The learner's words
    followups:
      - id: why
        text:
          ja: なぜですか。
          en: Why?
  - id: why-now
    related: [achieve]
    title:
      ja: なぜ今
      en: Why now
    text:
      ja: なぜ今ですか。
      en: Why now?
    listen:
      ja: 時期の理由
      en: Reasons for the timing
    followups:
      - id: year-ago
        text:
          ja: 1年前なら？
          en: A year ago?
`

func load(t *testing.T, files map[string]string) (*Library, ContentErrors) {
	t.Helper()
	fsys := fstest.MapFS{}
	for name, body := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(body)}
	}
	lib, err := LoadLibrary(fsys, "")
	if err == nil {
		return lib, nil
	}
	var ce ContentErrors
	if !errors.As(err, &ce) {
		t.Fatalf("error is not ContentErrors: %v", err)
	}
	return nil, ce
}

func TestLoadGoodFlow(t *testing.T) {
	lib, errs := load(t, map[string]string{"flows/purpose.yaml": goodFlow})
	if errs != nil {
		t.Fatal(errs)
	}
	f, ok := lib.Flow("purpose")
	if !ok || len(f.Prompts) != 2 || f.Mode != OneOnOne || f.Prompts[0].Kind != KindText {
		t.Fatalf("flow = %+v", f)
	}
	if f.Prompts[1].Related[0] != "achieve" || f.Prompts[0].Followups[0].Text.Ja != "なぜですか。" {
		t.Fatalf("prompt = %+v", f.Prompts[1])
	}
	if f.Prompts[1].Echoes != "" {
		t.Fatalf("echoes = %q", f.Prompts[1].Echoes)
	}
	if f.Prompts[1].Line != 22 {
		t.Fatalf("line of second prompt = %d, want 22", f.Prompts[1].Line)
	}
}

func TestContentErrorsNameFileAndLine(t *testing.T) {
	tests := []struct {
		name string
		old  string // text of goodFlow to replace
		new  string
		want string // exact message expected among the errors
	}{
		{"duplicate prompt id", "  - id: why-now", "  - id: achieve",
			`flows/f.yaml:22: duplicate prompt id "achieve" (first defined at line 7)`},
		{"unknown answer kind", "  - id: why-now\n", "  - id: why-now\n    kind: essay\n",
			`flows/f.yaml:23: prompt "why-now": unknown answer kind "essay" (known: text, scale, choice, multi, anxiety, agreement, action)`},
		{"missing en text", "      ja: なぜ今ですか。\n      en: Why now?\n", "      ja: なぜ今ですか。\n",
			`flows/f.yaml:27: prompt "why-now" text is missing its en text`},
		{"missing ja text", "      ja: 何を実現したいですか。\n", "",
			`flows/f.yaml:11: prompt "achieve" text is missing its ja text`},
		{"dangling related", "related: [achieve]", "related: [nowhere]",
			`flows/f.yaml:22: prompt "why-now": related prompt "nowhere" does not exist in flow "purpose"`},
		{"unknown key", "    listen:\n      ja: 時期", "    listn:\n      ja: 時期",
			`flows/f.yaml:30: unknown key "listn" in prompt (allowed: id, kind, title, text, listen, avoid, followups, related, refs, scale, options, echoes, by-type)`},
		{"no followups", "    followups:\n      - id: year-ago\n        text:\n          ja: 1年前なら？\n          en: A year ago?\n", "",
			`flows/f.yaml:22: prompt "why-now" has no followups (at least one is needed for digging deeper)`},
		{"bad phase", "phase: before", "phase: someday",
			`flows/f.yaml:2: unknown phase "someday" (use before, during or after)`},
		{"bad id", "id: purpose", "id: Purpose Flow",
			`flows/f.yaml:1: flow id "Purpose Flow" must be lowercase letters, digits and hyphens`},
		{"yaml syntax", "      en: Why now?", "      en: Why: now?",
			`flows/f.yaml:29: not valid YAML: mapping values are not allowed in this context`},
		{"control character", "      en: Why now?", "      en: Why\x1b[31m now?",
			`flows/f.yaml:29: not valid YAML: control characters are not allowed`},
		{"NUL", "      ja: なぜ今ですか。", "      ja: なぜ\x00今ですか。",
			`flows/f.yaml:28: not valid YAML: control characters are not allowed`},
		{"invalid UTF-8", "      ja: 時期の理由", "      ja: 時期の\xff理由",
			`flows/f.yaml:31: not valid YAML: invalid leading UTF-8 octet`},
		{"unknown escape", "      en: Why now?", "      en: \"Why\\q now?\"",
			`flows/f.yaml:29: not valid YAML: found unknown escape character`},
		{"empty", goodFlow, "# 空のフロー\n",
			`flows/f.yaml:1: the file is empty`},
		{"bad use", "phase: before\n", "phase: before\nuse: weekly\n",
			`flows/f.yaml:3: unknown use "weekly" (use checkin, checkpoint, agreement, revisit, arrival or wrapup)`},
		{"scale without labels", "  - id: why-now\n", "  - id: why-now\n    kind: scale\n",
			`flows/f.yaml:22: prompt "why-now" is a scale but has no scale labels`},
		{"scale with four labels", "  - id: why-now\n", "  - id: why-now\n    kind: scale\n    scale:\n      - {ja: 一, en: one}\n      - {ja: 二, en: two}\n      - {ja: 三, en: three}\n      - {ja: 四}\n",
			`flows/f.yaml:24: prompt "why-now" scale has 4 labels; it needs exactly 5 (for 1 to 5)`},
		{"scale label missing en", "  - id: why-now\n", "  - id: why-now\n    kind: scale\n    scale:\n      - {ja: 一, en: one}\n      - {ja: 二, en: two}\n      - {ja: 三, en: three}\n      - {ja: 四}\n      - {ja: 五, en: five}\n",
			`flows/f.yaml:28: prompt "why-now" scale point 4 is missing its en text`},
		{"choice without options", "  - id: why-now\n", "  - id: why-now\n    kind: choice\n",
			`flows/f.yaml:22: prompt "why-now" (kind choice) has no options`},
		{"options on text", "  - id: why-now\n", "  - id: why-now\n    options: []\n",
			`flows/f.yaml:23: prompt "why-now": options are only for kinds choice, multi and anxiety`},
		{"echoes a missing prompt", "  - id: why-now\n", "  - id: why-now\n    echoes: purpose/nowhere\n",
			`flows/f.yaml:23: prompt "why-now" echoes "purpose/nowhere", but flow "purpose" has no prompt "nowhere"`},
		{"echoes a missing flow", "  - id: why-now\n", "  - id: why-now\n    echoes: goals/achieve\n",
			`flows/f.yaml:23: prompt "why-now" echoes "goals/achieve", but there is no flow "goals"`},
		{"echoes without a flow", "  - id: why-now\n", "  - id: why-now\n    echoes: achieve\n",
			`flows/f.yaml:23: prompt "why-now": echoes must name a flow and a prompt as flow/prompt, not "achieve"`},
		{"variant for an unknown type", "  - id: why-now\n", "  - id: why-now\n    by-type:\n      boss:\n        listen: {ja: 上司, en: boss}\n",
			`flows/f.yaml:24: unknown key "boss" in prompt "why-now" by-type (allowed: sending, host, third_party)`},
		{"variant that changes nothing", "  - id: why-now\n", "  - id: why-now\n    by-type:\n      host:\n        refs: L1\n",
			`flows/f.yaml:25: prompt "why-now" for host changes nothing (give its text, listen or avoid)`},
		{"variant missing en", "  - id: why-now\n", "  - id: why-now\n    by-type:\n      host:\n        avoid: {ja: 受け入れ側で}\n",
			`flows/f.yaml:25: prompt "why-now" for host avoid hint is missing its en text`},
		{"duplicate option", "  - id: why-now\n", "  - id: why-now\n    kind: multi\n    options:\n      - {id: a, text: {ja: あ, en: a}}\n      - {id: a, text: {ja: い, en: b}}\n",
			`flows/f.yaml:26: prompt "why-now": duplicate option id "a" (first defined at line 25)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !strings.Contains(goodFlow, tt.old) {
				t.Fatalf("fixture text %q not found", tt.old)
			}
			body := strings.Replace(goodFlow, tt.old, tt.new, 1)
			_, errs := load(t, map[string]string{"flows/f.yaml": body})
			if errs == nil {
				t.Fatal("no error reported")
			}
			for _, e := range errs {
				if e.Error() == tt.want {
					return
				}
			}
			t.Fatalf("errors:\n%s\nwant:\n%s", errs, tt.want)
		})
	}
}

func TestEveryErrorIsReportedAtOnce(t *testing.T) {
	body := strings.NewReplacer(
		"phase: before", "phase: later",
		"      en: What do you want to achieve?\n", "",
		"related: [achieve]", "related: [ghost]",
	).Replace(goodFlow)
	second := strings.Replace(goodFlow, "  - id: why-now", "  - id: achieve", 1)
	_, errs := load(t, map[string]string{"flows/a.yaml": body, "flows/b.yaml": second, "flows/notes.txt": "ignored"})
	var got []string
	for _, e := range errs {
		got = append(got, e.Error())
	}
	want := []string{
		`flows/a.yaml:2: unknown phase "later" (use before, during or after)`,
		`flows/a.yaml:11: prompt "achieve" text is missing its en text`,
		`flows/a.yaml:21: prompt "why-now": related prompt "ghost" does not exist in flow "purpose"`,
		`flows/b.yaml:1: duplicate flow id "purpose" (first defined at flows/a.yaml:1)`,
		`flows/b.yaml:22: duplicate prompt id "achieve" (first defined at line 7)`,
		`flows/b.yaml:22: prompt "achieve" lists itself as related`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestErrorsCarryTheDirectoryGiven(t *testing.T) {
	fsys := fstest.MapFS{"flows/x.yaml": {Data: []byte("id: x\n")}}
	_, err := LoadLibrary(fsys, "my-content")
	if err == nil || !strings.Contains(err.Error(), "my-content/flows/x.yaml:1: flow is missing phase") {
		t.Fatalf("err = %v", err)
	}
}

func TestEmptyDirectoryIsAnError(t *testing.T) {
	_, errs := load(t, map[string]string{"README.md": "hi"})
	if len(errs) != 1 || errs[0].Error() != "flows: no flow files (*.yaml) found" {
		t.Fatalf("errs = %v", errs)
	}
}

func TestAPromptReadsForTheCompanionsType(t *testing.T) {
	body := strings.Replace(goodFlow, "  - id: why-now\n", `  - id: why-now
    by-type:
      host:
        listen:
          ja: 受け入れ側から見た時期の理由
          en: The timing as the host sees it
        avoid:
          ja: 本人の頭越しに所属組織へ伝えること
          en: Telling the sending side over the learner's head
      third_party:
        text:
          ja: 今この時期に外へ出ることを、どう感じていますか。
          en: How do you feel about going out at this time?
`, 1)
	lib, errs := load(t, map[string]string{"flows/f.yaml": body})
	if errs != nil {
		t.Fatal(errs)
	}
	f, _ := lib.Flow("purpose")
	p := f.Prompts[1]
	if !p.Varies() || f.Prompts[0].Varies() {
		t.Fatalf("varies: %v %v", p.Varies(), f.Prompts[0].Varies())
	}
	host := p.For(Host)
	if host.Listen.Ja != "受け入れ側から見た時期の理由" || host.Avoid.En != "Telling the sending side over the learner's head" || host.Text.Ja != "なぜ今ですか。" {
		t.Fatalf("host reads %+v", host)
	}
	third := p.For(ThirdParty)
	if third.Text.Ja != "今この時期に外へ出ることを、どう感じていますか。" || third.Listen.Ja != "時期の理由" || third.Avoid.Ja != "" {
		t.Fatalf("third party reads %+v", third)
	}
	for _, ct := range []CompanionType{Sending, "", "boss"} {
		if got := p.For(ct); got.Listen != p.Listen || got.Text != p.Text || got.Avoid != p.Avoid {
			t.Fatalf("%q reads %+v", ct, got)
		}
	}
}
