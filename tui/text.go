package tui

import (
	"fmt"

	"bansou/model"
)

// catalog holds every piece of interface text, in Japanese and English.
// Content (prompts and hints) lives in the content files instead.
var catalog = map[string][2]string{
	// app
	"app.tooSmall":   {"ウィンドウが小さすぎます（最低 %d×%d、いまは %d×%d）。広げてください。入力した内容は失われていません。", "The window is too small (at least %d×%d, now %d×%d). Please make it bigger; nothing you typed is lost."},
	"common.loading": {"読み込み中…", "Loading…"},
	"help.title":     {"キー操作", "Keys"},
	"help.footer":    {"esc または ? で閉じる", "esc or ? closes this"},

	// phases and companion types
	"phase.before":          {"越境前", "Before the stint"},
	"phase.during":          {"越境中", "During the stint"},
	"phase.after":           {"越境後", "After return"},
	"companion.sending":     {"所属組織", "sending org"},
	"companion.host":        {"越境先", "host org"},
	"companion.third_party": {"第三者", "third party"},

	// home
	"home.subtitle":        {"越境学習の伴走", "accompanying cross-boundary learning"},
	"home.empty":           {"まだエンゲージメントがありません。n で最初の一件を作成します。", "No engagements yet. Press n to create the first one."},
	"home.intro":           {"エンゲージメントは一人の学習者の一回の越境です。作成したら、目的抽出などのセッションを始められます。答えは本人の言葉のまま、入力するそばから保存されます。", "An engagement is one learner's stint in another organisation. Once created, you can start sessions such as purpose extraction. Answers are kept in the learner's own words and saved as you type."},
	"home.archivedTag":     {"［アーカイブ済み］", "[archived]"},
	"home.due":             {"確認すること", "Due"},
	"due.checkin":          {"%s — チェックインが %d 日遅れています（%s から）", "%s — check-in %d days overdue (due %s)"},
	"due.checkinToday":     {"%s — 今日はチェックインの日です", "%s — a check-in is due today"},
	"due.checkpoint":       {"%s — %sのチェックポイント（%s から）", "%s — checkpoint %s (since %s)"},
	"due.actions":          {"%s — 期限を過ぎたアクション %d 件（%s から）", "%s — %d actions past due (since %s)"},
	"due.anxieties":        {"%s — 未解消の不安 %d 件", "%s — %d worries still open"},
	"home.showingArchived": {"アーカイブ済みも表示しています（A で切り替え）", "Showing archived engagements too (A toggles)"},

	// resume
	"resume.title": {"途中のセッションがあります", "A session was left open"},
	"resume.where": {"%s で中断（回答 %d / %d）", "Stopped at: %s (answered %d of %d)"},
	"resume.when":  {"最終保存 %s", "Last saved %s"},
	"resume.ask":   {"enter で同じ問いから再開、n であとにします。", "Press enter to resume at the same prompt, n to leave it for later."},

	// engagement
	"engagement.companions":   {"伴走者", "Companions"},
	"engagement.archived":     {"このエンゲージメントはアーカイブ済みです（a で戻す）", "This engagement is archived (a restores it)"},
	"engagement.sessions":     {"セッション", "Sessions"},
	"engagement.noSessions":   {"セッションはまだありません。n で始めます。", "No sessions yet. Press n to start one."},
	"engagement.answered":     {"回答 %d/%d", "answered %d/%d"},
	"engagement.chooseFlow":   {"どのセッションを始めますか", "Which session do you want to start?"},
	"engagement.promptCount":  {"問い %d", "%d prompts"},
	"engagement.tabSessions":  {"セッション %d", "Sessions %d"},
	"engagement.tabAnxieties": {"不安 %d/%d", "Worries %d/%d"},
	"engagement.tabActions":   {"アクション %d/%d", "Actions %d/%d"},
	"engagement.tabAgreement": {"三者合意 %d", "Agreement %d"},
	"engagement.noAnxieties":  {"不安はまだ書き留められていません。不安可視化などのセッションで記録します。", "No worries written down yet. Sessions such as anxiety surfacing record them."},
	"engagement.noActions":    {"アクションはまだありません。", "No actions yet."},
	"engagement.noAgreement":  {"三者合意はまだ記録されていません。三者合意のセッションで記録します。", "No agreement recorded yet. The three-party agreement session records it."},
	"engagement.voiced":       {"書き留めた", "written down"},
	"engagement.gapMark":      {"⚠ 要確認", "⚠ to discuss"},
	"engagement.saidNothing":  {"（記入なし）", "(nothing written)"},
	"engagement.scoreOnly":    {"（納得度のみ）", "(score only)"},
	"key.nextTab":             {"次のタブ", "next tab"},
	"key.prevTab":             {"前のタブ", "previous tab"},
	"key.tabNumber":           {"タブを選ぶ", "choose tab"},

	// balance warnings: what was seen, then why it matters (two lines)
	"warn.frequent-checkins.title": {"伴走過剰のおそれ: この1週間にチェックインが %d 回あります。", "Possible over-support: %d check-ins in the last week."},
	"warn.frequent-checkins.why":   {"確認が多すぎると、本人が自分で考えて動く余地と越境先の信頼を損ねます。回数を減らし、困ったときの合図を決めて任せましょう。", "Checking in this often takes away the learner's room to think and act for themselves, and strains the host's trust. Check in less and agree on a signal for when help is needed."},
	"warn.companion-actions.title": {"伴走過剰のおそれ: 伴走者が担当するアクションが %d 件あります。", "Possible over-support: the companion owns %d open actions."},
	"warn.companion-actions.why":   {"先回りして段取りを引き受けると、本人が試行錯誤から学ぶ機会がなくなります。本人が担当できるものは本人に返しましょう。", "Taking the steps on for the learner removes the trial and error they learn from. Hand back what the learner can own."},
	"warn.silence.title":           {"伴走不足のおそれ: %d 日間やりとりがありません。", "Possible under-support: no contact for %d days."},
	"warn.silence.why":             {"最初の2か月は戸惑いが大きく、孤立や問題の見落としが起きやすい時期です。短くても声をかけ、様子を聞きましょう。", "The first two months are the most disorienting; isolation and unseen problems are likely. Reach out, even briefly, and ask how things are."},

	// form
	"form.newTitle":             {"新しいエンゲージメント", "New engagement"},
	"form.editTitle":            {"エンゲージメントの編集: %s", "Edit engagement: %s"},
	"form.learner":              {"学習者", "Learner"},
	"form.learnerPlaceholder":   {"例: 山田 花子", "e.g. Hanako Yamada"},
	"form.sending":              {"所属組織", "Sending org"},
	"form.host":                 {"越境先", "Host org"},
	"form.start":                {"開始日", "Start date"},
	"form.end":                  {"終了日", "End date"},
	"form.early":                {"最初の2か月の面談間隔", "Check-ins, first 2 months"},
	"form.later":                {"その後の面談間隔", "Check-ins, after that"},
	"form.days":                 {"日ごと", "days apart"},
	"form.badCadence":           {"1〜%d の日数を入れてください", "a number of days from 1 to %d"},
	"form.companions":           {"伴走者", "Companions"},
	"form.companionsHelp":       {"名前を入れると次の行が増えます。種類は ←/→ で選びます。", "Typing a name adds another row. Choose the type with ←/→."},
	"form.companionPlaceholder": {"伴走者の名前", "companion's name"},
	"form.required":             {"入力してください", "required"},
	"form.badDate":              {"日付として読めません（例: 2026-04-01）", "not a date (e.g. 2026-04-01)"},
	"form.endBeforeStart":       {"終了日が開始日より前です", "the end date is before the start date"},
	"form.fixErrors":            {"✗ の付いた項目を直してください", "Please fix the fields marked ✗"},
	"form.discard":              {"変更を破棄しますか？ y で破棄、ほかのキーで戻ります。", "Discard your changes? y discards, any other key goes back."},

	// runner
	"runner.answerLabel":       {"回答（本人の言葉で）", "Answer (in the learner's own words)"},
	"runner.answerPlaceholder": {"本人の言葉をそのまま書きとめます", "Write down what the learner says, in their words"},
	"runner.noteLabel":         {"伴走者メモ（非公開）", "Companion's note (private)"},
	"runner.notePlaceholder":   {"気づいたこと・解釈はここに（本人の言葉と分けて）", "Your observations and interpretation go here, apart from the learner's words"},
	"runner.listen":            {"聴く:", "Listen for:"},
	"runner.avoid":             {"避ける:", "Avoid:"},
	"runner.related":           {"関連:", "Related:"},
	"runner.ownHint":           {"答えを出す前に、まず問い返しましょう。選択肢は複数示し、決めるのは本人です。", "Ask back before answering. Offer more than one option and let the learner decide."},
	"runner.hintHidden":        {"ヒントは非表示です（ctrl+t で表示）", "Hints hidden (ctrl+t shows them)"},
	"runner.followupTitle":     {"↳ 深掘り", "↳ Dig deeper"},
	"runner.ownTitle":          {"独自の問い", "Own question"},
	"runner.skippedTag":        {"（スキップ）", "(skipped)"},
	"runner.askLabel":          {"追加する問い（enter で追加）", "Your own question (enter adds it)"},
	"runner.deeperOwnLabel":    {"深掘りの問い（enter で追加）", "Your dig-deeper question (enter adds it)"},
	"runner.inputHelp":         {"esc でやめます", "esc cancels"},
	"runner.deeperTitle":       {"この回答を深掘りする問いを選んでください", "Choose a question to dig deeper into this answer"},
	"runner.deeperOwn":         {"自分で問いを書く…", "Write my own question…"},
	"runner.alreadyOpen":       {"（開いています）", "(open)"},
	"runner.leaveTitle":        {"セッションを離れます", "Leaving the session"},
	"runner.leaveCounts":       {"回答 %d / %d。すべてに答える必要はありません。", "Answered %d of %d. Not every prompt needs an answer."},
	"runner.leaveFinish":       {"完了にする", "mark it done"},
	"runner.leaveLater":        {"途中として保存し、あとで続ける", "keep it in progress for later"},
	"runner.leaveStay":         {"セッションに戻る", "back to the session"},
	"runner.stepsTitle":        {"問い（回答 %d/%d）", "Prompts (%d/%d answered)"},
	"runner.saving":            {"保存中…", "saving…"},
	"runner.unsaved":           {"未保存", "not saved yet"},
	"runner.saved":             {"保存済み", "saved"},
	"runner.notSaved":          {"保存できていません", "NOT SAVED"},
	"runner.saveFailed":        {"保存できません（%s）入力は画面に残っています。再試行します。", "Not saved (%s) What you typed stays on screen; retrying."},
	"runner.saveRecovered":     {"保存できました。すべての入力がディスクにあります。", "Saved. Everything you typed is on disk."},

	// status
	"status.done":         {"完了", "done"},
	"status.inProgress":   {"進行中", "in progress"},
	"status.created":      {"作成しました", "Created"},
	"status.saved":        {"保存しました", "Saved"},
	"status.savedNow":     {"保存しました", "Saved"},
	"status.archived":     {"アーカイブしました", "Archived"},
	"status.unarchived":   {"アーカイブから戻しました", "Restored from the archive"},
	"status.finished":     {"セッションを完了にしました", "Session marked done"},
	"status.keptForLater": {"途中として保存しました", "Kept in progress"},
	"status.quitAnyway":   {"もう一度 ctrl+c で保存せずに終了。", "ctrl+c again quits without saving."},

	// errors
	"err.locked":   {"データベースが別のプログラムにロックされています。", "The database is locked by another program."},
	"err.diskFull": {"ディスクがいっぱいです。", "The disk is full."},
	"err.readOnly": {"データベースに書き込めません（読み取り専用）。ファイルの権限を確認してください。", "The database cannot be written (read-only). Check the file's permissions."},
	"err.corrupt":  {"データベースファイルが壊れています。コピーから戻すか、--db で別のファイルを指定してください。", "The database file is damaged. Restore it from a copy, or choose another file with --db."},
	"err.notFound": {"見つかりません（削除された可能性があります）。", "Not found (it may have been removed)."},
	"err.other":    {"エラー: %s", "Error: %s"},

	// keys
	"key.quit":           {"保存して終了", "quit (saves)"},
	"key.help":           {"ヘルプ", "help"},
	"key.close":          {"閉じる", "close"},
	"key.up":             {"上へ", "up"},
	"key.down":           {"下へ", "down"},
	"key.open":           {"開く", "open"},
	"key.back":           {"戻る", "back"},
	"key.newEngagement":  {"新規", "new"},
	"key.edit":           {"編集", "edit"},
	"key.archive":        {"アーカイブ", "archive"},
	"key.showArchived":   {"アーカイブ表示", "show archived"},
	"key.newSession":     {"セッション開始", "new session"},
	"key.review":         {"振り返り表示", "review"},
	"key.editEngagement": {"編集", "edit"},
	"key.nextField":      {"次の項目", "next field"},
	"key.prevField":      {"前の項目", "previous field"},
	"key.changeType":     {"種類を変更", "change type"},
	"key.save":           {"保存", "save"},
	"key.cancel":         {"キャンセル", "cancel"},
	"key.nextPrompt":     {"次へ", "next"},
	"key.prevPrompt":     {"前へ", "back"},
	"key.jump":           {"一覧から移動", "jump"},
	"key.jumpHere":       {"この問いへ", "go to this prompt"},
	"key.skip":           {"スキップ", "skip"},
	"key.deeper":         {"深掘り", "dig deeper"},
	"key.own":            {"問いを追加", "own question"},
	"key.hint":           {"ヒント表示", "hints"},
	"key.focus":          {"回答/メモ/一覧", "answer/note/list"},
	"key.focusBack":      {"逆順に移動", "previous pane"},
	"key.leave":          {"終える", "leave"},
	"key.saveNow":        {"今すぐ保存", "save now"},
	"key.choose":         {"選ぶ", "choose"},
	"key.add":            {"追加", "add"},
	"key.scrollUp":       {"上へ", "scroll up"},
	"key.scrollDown":     {"下へ", "scroll down"},
	"key.pageUp":         {"前のページ", "page up"},
	"key.pageDown":       {"次のページ", "page down"},
	"key.continue":       {"続きを書く", "continue editing"},
	"key.resume":         {"再開", "resume"},
	"key.later":          {"あとで", "later"},
	"key.newline":        {"改行", "new line"},
	"key.wordMove":       {"語単位で移動", "move by word"},
	"key.lineStartEnd":   {"行頭/行末", "line start/end"},
	"key.deleteWord":     {"前の語を削除", "delete previous word"},
	"key.deleteLine":     {"行頭まで/行末まで削除", "delete to line start/end"},
	"key.undoRedo":       {"元に戻す/やり直す", "undo/redo"},
	// answer kinds
	"runner.scaleLabel":   {"当てはまる点を選ぶ（1〜5）", "Choose a point (1–5)"},
	"runner.choiceLabel":  {"ひとつ選ぶ", "Choose one"},
	"runner.multiLabel":   {"当てはまるものをすべて選ぶ", "Choose all that apply"},
	"runner.commentLabel": {"本人の言葉（任意）", "In the learner's words (optional)"},
	"key.moveChoice":      {"選択肢を移動", "move"},
	"key.score":           {"点を選ぶ", "score"},

	// agreement
	"agreement.label":             {"三者の期待と合意", "The three parties' expectations and the agreement"},
	"agreement.expectation":       {"%sの期待", "%s expects"},
	"agreement.fit":               {"%sの納得度", "%s fit (1–5)"},
	"agreement.agreed":            {"合意内容", "Agreed"},
	"agreement.agreedPlaceholder": {"三者で確認した内容を書きとめます", "What the three parties agreed"},
	"agreement.gap":               {"要確認:", "To discuss:"},
	"agreement.scoreGap":          {"納得度の差が %d あります", "fit scores differ by %d"},
	"agreement.silent":            {"%sがまだ何も言っていません", "%s has said nothing yet"},
	"agreement.changed":           {"合意時からの変更: %s", "Changed since agreed: %s"},
	"agreement.unchanged":         {"合意時から変わっていません", "Unchanged since agreed"},
	"agreement.wasAgreed":         {"合意時の内容: %s", "As agreed: %s"},
	"agreement.agreedShort":       {"合意内容", "agreed text"},
	"agreement.fitShort":          {"納得度", "fit"},
	"agreement.expShort":          {"期待", "expectation"},

	// ledger
	"ledger.anxietiesLabel":    {"不安を書き留める（本人の言葉で）", "Worries, in the learner's words"},
	"ledger.actionsLabel":      {"次にやること", "Next steps"},
	"ledger.addAnxiety":        {"不安を書き留める", "Write down a worry"},
	"ledger.addAction":         {"やることを加える", "Add a step"},
	"ledger.worry":             {"不安", "Worry"},
	"ledger.worryPlaceholder":  {"本人の言葉のまま", "in the learner's words"},
	"ledger.category":          {"分類", "Category"},
	"ledger.intensity":         {"強さ（1〜5）", "Intensity (1–5)"},
	"ledger.intensityN":        {"強さ%d", "intensity %d"},
	"ledger.term":              {"時期", "Horizon"},
	"ledger.plan":              {"支援策", "Support plan"},
	"ledger.planPlaceholder":   {"誰が、いつ、何で支えるか", "who supports, when, how"},
	"ledger.action":            {"やること", "Step"},
	"ledger.actionPlaceholder": {"具体的に一つ", "one concrete thing"},
	"ledger.owner":             {"担当", "Owner"},
	"ledger.due":               {"期限", "Due"},
	"ledger.formHelp":          {"tab で項目を移動、esc で一覧へ。入力はすぐ保存されます。", "tab moves between fields, esc goes back to the list. Everything is saved as you type."},
	"ledger.fixBeforeClosing":  {"期限が日付として読めません。直すか空にしてから esc で戻ってください。", "The due date is not a date. Fix it or clear it, then press esc."},
	"ledger.confirmDelete":     {"もう一度 x で削除:", "press x again to delete:"},
	"review.anxietiesLabel":    {"これまでの不安は、いまどうですか（←/→ で状態）", "How each worry stands now (←/→ sets it)"},
	"review.actionsLabel":      {"前回決めたことは、どうでしたか（←/→ で結果）", "What came of each step (←/→ sets it)"},
	"review.asBefore":          {"（前回のまま）", "(as before)"},
	"review.note":              {"メモ:", "note:"},
	"review.nothing":           {"持ち越しているものはありません。", "Nothing is carried over."},
	"key.closeForm":            {"一覧へ戻る", "back to the list"},
	"key.addEdit":              {"追加・編集", "add/edit"},
	"key.delete":               {"削除", "delete"},
	"key.status":               {"状態を変える", "set status"},
	"key.reviewNote":           {"メモを書く", "write a note"},
}

// t returns the interface text for key in the interface language.
func (e *env) t(key string) string {
	v, ok := catalog[key]
	if !ok {
		return key
	}
	if e.lang == model.En {
		return v[1]
	}
	return v[0]
}

// tf formats the interface text for key.
func (e *env) tf(key string, args ...any) string { return fmt.Sprintf(e.t(key), args...) }
