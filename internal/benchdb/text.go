package benchdb

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// textGen makes answers that read like a learner's words: short
// sentences of everyday Japanese, now and then a Latin word or a number.
// Words are drawn unevenly, as in real text: a few are in a large share of
// the answers, most in few of them.
type textGen struct {
	rng *rand.Rand
	// noted are the ids of the worries and actions written so far.
	noted map[string]bool
}

var (
	// commonWords are drawn the more often the earlier they come.
	commonWords = strings.Fields(`自分 仕事 気持ち 相手 地域 上司 不安 家族 職場 会議 受け入れ先 同僚 チーム 現場
		生活 目標 役割 課題 経験 言葉 時間 意見 相談 提案 成果 学び 気づき 計画 準備 報告 帰任後 本社 メンバー
		文化 習慣 働き方 人間関係 資料 企画 週末 毎日 今月 来月 価値観 違和感 手応え 居場所 つながり 仲間 本音
		振り返り 面談 日報 予算 優先順位 段取り 工夫 失敗 挑戦 発表 研修 記録 利用者 代表 体調 睡眠 食事 住まい
		移動 締め切り 対話 雑談 昼休み 元の部署 越境 専門家 家計 子ども 代案`)
	// rareWords are drawn evenly, in one word of twenty.
	rareWords = strings.Fields(`商店街 方言 雪 桜 海 港 漁師 農家 祭り 畑 山 役場 学校 病院 高齢者 理事長
		ホームページ チラシ イベント 説明会 ワークショップ 写真 動画 電車 車 地元 温泉 図書館 公民館 保育園
		神社 市場 牧場 旅館 漁協 観光客 移住者 空き家 棚田 古民家 朝市 夏祭り 花火 紅葉 雪かき 除雪 田植え
		稲刈り 収穫 直売所 加工品 特産品 補助金 議事録 名刺 見積もり 請求書 契約書 稟議 決裁 人事評価
		異動 昇格 育休 介護 通院 引っ越し 単身赴任 二拠点 副業 兼業 出向 転籍 留学 語学 通訳 翻訳`)
	particles = []string{"が", "を", "に", "で", "と", "の", "は", "も", "から", "まで", "について", "として"}
	verbs     = strings.Fields(`話した 聞いた 考えた 感じた 決めた 任された 進めた 変えた 続けている 迷っている
		悩んでいる 楽しかった 難しかった 驚いた 助かった 学んだ 気づいた 試した うまくいった うまくいかなかった
		増えた 減った 戻った 慣れてきた 疲れている 焦っている 落ち着いた 整理した 共有した 伝えたい
		まとめたい やってみたい 相談したい 確かめたい 続けたい 分からない できそうだ 大事だと思う`)
	// latinWords are drawn the more often the earlier they come;
	// rareLatin evenly and seldom.
	latinWords = strings.Fields(`AI Slack Zoom DX LINE PC SNS Excel PDCA Web Google Notion KPI OJT NPO PR`)
	rareLatin  = strings.Fields(`QC OKR Jira Figma Miro Canva iPad GitHub`)
	sayings    = []string{
		"正直に言うと不安が大きい",
		"受け入れ先の人たちは温かい",
		"帰任後の役割がまだ見えない",
		"家族との時間が減った",
		"地域の人の話を聞くのが楽しい",
		"本音で話せる相手ができた",
		"言葉の違いに戸惑うことがある",
		"自分の強みが少し分かってきた",
	}
)

func (t textGen) pick(words []string) string { return words[t.rng.IntN(len(words))] }

// skewed draws the first words far more often than the last.
func (t textGen) skewed(words []string) string {
	u := t.rng.Float64()
	return words[int(float64(len(words))*u*u)]
}

func (t textGen) word() string {
	switch r := t.rng.IntN(1000); {
	case r < 3:
		return t.typed(t.pick(rareLatin))
	case r < 40:
		return t.typed(t.skewed(latinWords))
	case r < 90:
		return t.typed(t.pick(rareWords))
	default:
		return t.typed(t.skewed(commonWords))
	}
}

// typed is a word as people type it: one time in ten, Latin letters in full
// width and some katakana in half width.
func (t textGen) typed(w string) string {
	if t.rng.IntN(10) != 0 {
		return w
	}
	if half, ok := map[string]string{"チーム": "ﾁｰﾑ", "チラシ": "ﾁﾗｼ"}[w]; ok {
		return half
	}
	return strings.Map(func(r rune) rune {
		if r > ' ' && r < 0x7F {
			return r + 0xFEE0
		}
		return r
	}, w)
}

// sentence is one short sentence, ending with 。 or ！ or ？ or 、.
func (t textGen) sentence() string {
	var b strings.Builder
	switch r := t.rng.IntN(100); {
	case r < 5:
		b.WriteString(t.pick(sayings))
	case r < 8:
		fmt.Fprintf(&b, "%sで相談して%s", t.pick([]string{"Slack", "Zoom", "LINE", "電話", "メール"}), t.pick(verbs))
	case r < 12:
		fmt.Fprintf(&b, "%d%sの%sを%s", t.rng.IntN(30)+1, t.pick([]string{"か月", "週間", "人", "回", "日", "件"}),
			t.word(), t.pick(verbs))
	default:
		for range t.rng.IntN(2) + 1 {
			b.WriteString(t.word())
			b.WriteString(t.pick(particles))
		}
		b.WriteString(t.pick(verbs))
	}
	b.WriteString(t.pick([]string{"。", "。", "。", "。", "！", "？", "、"}))
	return b.String()
}

// short is a sentence or two.
func (t textGen) short() string {
	s := t.sentence()
	if t.rng.IntN(2) == 0 {
		s += t.sentence()
	}
	return s
}

// answer is 20–300 characters: mostly short, some long.
func (t textGen) answer() string {
	var target int
	switch r := t.rng.IntN(10); {
	case r < 6:
		target = 20 + t.rng.IntN(100)
	case r < 9:
		target = 120 + t.rng.IntN(100)
	default:
		target = 220 + t.rng.IntN(81)
	}
	var b strings.Builder
	n := 0
	for n < target {
		s := t.sentence()
		if t.rng.IntN(15) == 0 {
			s += "\n"
		}
		b.WriteString(s)
		n += len([]rune(s))
	}
	return string([]rune(b.String())[:target])
}

// LongAnswer returns n characters of Japanese prose in paragraphs of about
// 200 characters, like a long answer typed during a session: the text the
// keystroke benchmarks type into.
func LongAnswer(n int) string {
	unit := []rune("越境先で学んだことを、自分の言葉で少しずつ書き留めています。お客さまと直接話す機会が増え、")
	var b strings.Builder
	for i := 0; i < n; i++ {
		b.WriteRune(unit[i%len(unit)])
		if (i+1)%200 == 0 && i+1 < n {
			b.WriteByte('\n')
		}
	}
	return b.String()
}
