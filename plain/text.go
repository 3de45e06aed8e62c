package plain

import "bansou/model"

// texts are the words of the accessible mode: Japanese, then English, with
// the same meaning. Lines are short and say one thing, for a screen reader.
var texts = map[string][2]string{
	"plain.welcome":          {"bansou（伴走）、読み上げ向けのテキストモードです。番号か名前を入力して Enter で選びます。", "bansou, plain text mode for screen readers. Type a number or a name and press Enter to choose."},
	"plain.homeTitle":        {"何をしますか。", "What would you like to do?"},
	"plain.homeStart":        {"学習者とのセッションを始める", "Start a session with a learner"},
	"plain.homeContinue":     {"途中のセッションを続ける", "Continue a session in progress"},
	"plain.homeEngagement":   {"伴走の記録（学習者）を新しく作る", "Add a learner's engagement"},
	"plain.homeReview":       {"スキルの自己評価", "Skill self-review"},
	"plain.homeRound":        {"ピア学習のラウンド（ケース相談）", "Peer round (case consultation)"},
	"plain.homeHelp":         {"使い方", "How this mode works"},
	"plain.homeOrientation":  {"伴走のはじめに（はじめて伴走する方へ）", "Starting out as a companion (for those new to it)"},
	"plain.orientationOffer": {"はじめて伴走する方は、7 で「伴走のはじめに」を読めます。", "New to accompanying a learner? 7 reads “Starting out as a companion”."},
	"plain.homeQuit":         {"q. 終了", "q. Quit"},
	"plain.choose":           {"番号を入力してください。", "Type a number."},
	"plain.bye":              {"終了します。記録はすべて保存されています。", "Goodbye. Everything is saved."},
	"plain.help": {`使い方:
- 番号か名前を入力して Enter で選びます。何も入力せずに Enter で一つ前に戻ります（「Enter で …」と添えてあるところでは、それを選びます）。
- 説明のある一覧では、「?」と番号で説明を読みます（例 ?2）。
- 回答は何行でも書けます。「.」（ピリオド）だけの行で回答を終えます。
- 回答は一行ごとに保存され、終えると何を保存したかを伝えます。入力が途中で終わっても、そこまでの内容は残ります。
- どこでも /repeat で問いをもう一度読み、/back で入力をやめて戻ります。
- 回答の最初の行を「/」で始めるとコマンドになります。セッション中に /help で一覧を表示します。回答を「/」で始めたいときは「//」と書きます。
- 日付は 2026-12-01、2026/12/1、2026年12月1日 のほか、年を省いて 12月1日 とも書けます（いちばん近いその日になります）。
- 答えをパイプで渡すと、読み取れない行のところで止まり、終了コードが 0 以外になります。`, `How it works:
- Type a number or a name and press Enter to choose. An empty line goes back (where it says "Enter for …", it chooses that).
- In a list with descriptions, ? and a number reads one (e.g. ?2).
- Answers can have many lines. A line with only "." (a full stop) ends the answer.
- Answers are saved after every line, and what was saved is said when you end one. If the input stops, what was typed is kept.
- Anywhere, /repeat reads the question again and /back leaves what you are filling in.
- A first line starting with "/" is a command. In a session, /help lists them. To start an answer with "/", type "//".
- Dates can be 2026-12-01, 2026/12/1, or without the year, 12/1 (the nearest such day).
- With answers piped in, bansou stops at a line it cannot read, with a non-zero exit status.`},
	"room.joined":          {"「%s」の場に %s として入りました。", "You are in the room of \"%s\" as %s."},
	"room.roundHelp":       {"一行書いて Enter で送ります。何も書かずに Enter で新しい書き込みと時計を読みます。/1 質問、/2 仮説・選択肢、/3 フィードバック、/4 学び、/5 次の一手 で種類を選びます。/anon 名前なし、/private 自分だけ、/time 時計、/list すべて読む、/quit 退出。", "Type a line and press Enter to send it. An empty line reads what is new and the clock. /1 question, /2 hypothesis, /3 feedback, /4 learning, /5 next action choose the kind. /anon no name, /private only me, /time the clock, /list read everything, /quit leave."},
	"room.nothingNew":      {"新しい書き込みはありません。", "Nothing new."},
	"room.left":            {"場を出ました。書いたものは残っています。", "You left the room. What you wrote is kept."},
	"room.noAnonymous":     {"名前なしで書けるのは、進行役が認めたときの質問・仮説・フィードバックだけです。", "Writing without a name is for questions, hypotheses and feedback, when the facilitator allows it."},
	"room.anonOn":          {"次の書き込みは名前なしで送ります。", "The next one goes without your name."},
	"room.anonOff":         {"名前を付けて送ります。", "Sent with your name."},
	"room.sharedKind":      {"質問・仮説・フィードバックは場の全員に見えます。自分だけに残すのは学びと次の一手です。", "Questions, hypotheses and feedback are for everyone in the room; learnings and next actions can be kept to yourself."},
	"room.privateOn":       {"次の書き込みは自分だけに残します。", "The next one is kept to yourself."},
	"room.privateOff":      {"場の全員に見えるように送ります。", "Sent for everyone in the room."},
	"room.unknown":         {"知らないコマンドです: %s。/help で一覧を読みます（「/」で始めたい文は「//」で書きます）。", "Unknown command: %s. /help lists them (to start a line with \"/\", type \"//\")."},
	"room.kindNow":         {"これから %s を書きます。", "You now write: %s."},
	"room.notSent":         {"送れなかった文: %s", "Not sent: %s"},
	"room.sent":            {"%sを送りました。", "Your %s is sent."},
	"room.allDone":         {"すべてのフェーズが終わりました。", "All phases are done."},
	"room.left.time":       {"残り %s", "%s left"},
	"room.over":            {"%s 超過", "%s over"},
	"room.paused":          {"（止まっています）", " (paused)"},
	"room.phase":           {"フェーズ %d（全 %d）%s、%s。", "Phase %d of %d, %s, %s."},
	"room.turn":            {"いま話すのは %s、残り %s。", "Speaking now: %s, %s left."},
	"room.presenting":      {"発表: %s", "Presenting: %s"},
	"room.noName":          {"名前なし", "no name"},
	"room.contrib":         {"%s、%s: %s", "%s, %s: %s"},
	"room.takenUp":         {"（取り上げられました）", " (taken up)"},
	"room.kind.question":   {"質問", "question"},
	"room.kind.hypothesis": {"仮説・選択肢", "hypothesis"},
	"room.kind.feedback":   {"フィードバック", "feedback"},
	"room.kind.learning":   {"学び", "learning"},
	"room.kind.action":     {"次の一手", "next action"},
	"room.asParty":         {"あなたは %s として書きます。", "You write as %s."},
	"room.agreementHelp":   {"一行書いて Enter で、この論点へのあなたの期待として保存します。/fit 1〜5 でいまの案との合い具合、/words のあとに合意の文章への提案、/next と /prev で論点を移り、何も書かずに Enter で読み直します。/confirm で合意の文章を確認、/quit で退出。", "Type a line and press Enter to save it as what you expect on this topic. /fit 1 to 5 gives how well it fits you now, /words followed by the words you suggest for the agreed text, /next and /prev move between topics, an empty line reads it again. /confirm confirms the agreed text, /quit leaves."},
	"room.partyWords":      {"%s の提案する合意の文章: %s", "%s suggests for the agreed text: %s"},
	"room.anonStopped":     {"進行役が名前なしの書き込みをやめました。次の書き込みには名前が付きます。", "The facilitator stopped writing without names: the next one goes with your name."},
	"room.guestName":       {"%s（ゲスト）", "%s (guest)"},
	"room.readFirst":       {"確認するのは、読み上げた合意の文章です。いまの文章を読みます。", "You confirm the agreed text as read out to you. Here it is now."},
	"room.fitHow":          {"/fit のあとに 1 から 5 の数字を書きます（0 で取り消し）。", "Write a number from 1 to 5 after /fit (0 clears it)."},
	"room.confirmedIt":     {"合意の文章を、いまの文面のまま確認しました。", "You confirmed the agreed text as it stands."},
	"room.viewSaved":       {"保存しました。", "Saved."},
	"room.noTopics":        {"この合意にはまだ論点がありません。", "This agreement has no topics yet."},
	"room.topic":           {"論点 %d（全 %d）: %s", "Topic %d of %d: %s"},
	"room.yours":           {"あなたの期待（合い具合 %s）: %s", "What you expect (fit %s): %s"},
	"room.partyNotYet":     {"%s: まだ書いていません。", "%s: nothing yet."},
	"room.partyHidden":     {"%s: 書きました。伴走者が開くまで伏せてあります。", "%s: written, hidden until the companion reveals the views."},
	"room.partyView":       {"%s（合い具合 %s）: %s", "%s (fit %s): %s"},
	"room.agreed":          {"合意の文章: %s", "Agreed text: %s"},
	"room.confirmedBy":     {"確認した立場: %s", "Confirmed by: %s"},
	"room.comma":           {"、", ", "},
	"room.noAgreed":        {"合意の文章はまだありません。", "No agreed text yet."},
	"room.fitNone":         {"未回答", "not given"},
	"room.fitOf":           {"%d（5段階）", "%d of 5"},
	"plain.inputEnded":     {"入力が終わったので終了します。記録はすべて保存されています。", "The input ended; bansou stops here. Everything is saved."},
	"plain.newDatabase":    {"新しいデータベースを作りました: %s", "Created a new database: %s"},
	"plain.notOnList":      {"1 から %d までの番号か、q を入力してください。", "Type a number from 1 to %d, or q."},
	"plain.yesNo":          {"y（はい）か n（いいえ）で答えてください。", "Answer y (yes) or n (no)."},
	"plain.interrupted": {"前回、途中で止まったセッションがあります: %s。続けますか？ (Y/n)",
		"A session was interrupted last time: %s. Continue it? (Y/n)"},
	"plain.elsewhere": {"このセッションは別の bansou（別のウィンドウや端末）でいま開かれています。二か所で書くと互いの入力を上書きしてしまうので、そちらで終えてから開くのが安全です。",
		"This session is open right now in another bansou (another window or terminal). Writing in two places would overwrite each other's typing; it is safer to leave it there first."},
	"plain.takeOver": {"それでもここで引き継ぎますか？ 向こうの画面では、以後の入力が保存されなくなります。 (y/N)",
		"Take it over here anyway? From then on, nothing typed in the other window is saved. (y/N)"},
	"plain.sessionLabel": {"%s%s（%s 開始、全 %d 問中 %d 問に回答）", "%s%s (started %s; %d prompts, %d answered)"},

	"plain.newEngagement":   {"新しい学習者を追加する", "Add a new learner"},
	"plain.whichEngagement": {"どの学習者とのセッションですか。番号か名前で選びます。", "Which learner is the session with? Choose by number or name."},
	"plain.phaseNow":        {"%s さんは今、%sです。", "%s is now in the phase: %s."},
	"plain.whichFlow":       {"どのセッションを始めますか。番号か名前で選びます。説明は「?」と番号で読みます（例 ?2）。", "Which session do you want to start? Choose by number or name; ? and a number reads its description (e.g. ?2)."},
	"plain.whichSession":    {"どのセッションを続けますか。", "Which session do you want to continue?"},
	"plain.nothingOpen":     {"途中のセッションはありません。", "No session is in progress."},
	"plain.engagementIntro": {"学習者の越境について入力します。", "Enter the learner's stint."},
	"plain.learner":         {"学習者の名前（必須）", "Learner's name (required)"},
	"plain.sendingOrg":      {"所属組織（送り出し側）", "Sending organisation"},
	"plain.hostOrg":         {"越境先（受け入れ側）", "Host organisation"},
	"plain.start":           {"越境の開始日（例 2026-12-01、12月1日）", "Start date of the stint (e.g. 2026-12-01)"},
	"plain.end":             {"越境の終了日（例 2027-05-31、5月31日）", "End date of the stint (e.g. 2027-05-31)"},
	"plain.badDate":         {"日付として読めませんでした。2026-12-01、2026/12/1、2026年12月1日、12月1日 のように入力してください。", "That is not a date bansou reads. Type it as 2026-12-01, 2026/12/1, or 12/1 for the nearest 1 December."},
	"plain.endBeforeStart":  {"終了日が開始日より前です。もう一度入力してください。", "The end date is before the start date. Please enter them again."},
	"plain.companion":       {"伴走者の名前（一人ずつ。何も入力せずに Enter で終わり）", "A companion's name (one at a time; an empty line ends)"},
	"plain.companionType":   {"%s さんの立場", "%s's position"},
	"plain.myType":          {"この学習者に対するあなたの立場（問いとヒントがこれに合わせて変わります）", "Your own position with this learner (prompts and hints fit it)"},
	"plain.draftFound":      {"書きかけのエンゲージメントがあります: %s、最後の入力 %s", "An engagement was left unsaved: %s, last typed %s"},
	"plain.draftOrgs":       {"%s（%s から %s へ）", "%s (%s to %s)"},
	"plain.draftWhat":       {"どうしますか。", "What would you like to do with it?"},
	"plain.draftResume":     {"続きから入力する", "Go on with it"},
	"plain.draftDiscard":    {"破棄して新しく入力する", "Discard it and start anew"},
	"plain.draftDiscarded":  {"書きかけを破棄しました。", "The unsaved engagement was discarded."},
	"plain.draftField":      {"書きかけ: %s（Enter でそのまま）", "Typed before: %s (Enter keeps it)"},
	"plain.draftCompanion":  {"書きかけの伴走者: %s（%s）", "Companion typed before: %s (%s)"},
	"plain.draftFailed":     {"書きかけを保存できません（入力は続けられます）。理由: %s", "The draft cannot be kept (you can go on typing). Reason: %s"},
	"plain.engagementSaved": {"%s さんの記録を作りました。", "Saved the engagement of %s."},

	"plain.noSkills":      {"スキルマップがありません。", "There is no skill map."},
	"plain.reviewWhat":    {"どのスキルを振り返りますか。", "Which skills do you want to review?"},
	"plain.reviewAll":     {"20 のスキルすべて", "All 20 skills"},
	"plain.reviewGroup":   {"スキル（%s）", "The skills %s the stint"},
	"plain.reviewPick":    {"番号で選ぶ", "Choose by number"},
	"plain.reviewNumbers": {"振り返るスキルの番号を、空白かカンマで区切って入力します。", "Type the numbers of the skills to review, separated by spaces or commas."},

	"plain.noRounds":         {"ラウンドの形式がありません。", "There are no round formats."},
	"plain.lastParticipants": {"前回の参加者: %s", "Last round's participants: %s"},
	"plain.participants":     {"参加者の名前を一行に一人ずつ入力し、「.」だけの行で終えます。最初に「.」だけなら前回と同じ参加者です。/back でやめます。", "Type the participants' names, one per line, and end with a line holding only \".\". A \".\" alone keeps last round's participants. /back leaves."},
	"plain.needParticipants": {"参加者を一人以上入力してください。", "Type at least one participant."},
	"plain.duplicateName":    {"%s が二度入っています。名前を入力し直してください。", "%s is listed twice. Please type the names again."},
	"plain.whichFormat":      {"形式を選んでください（Enter で %s）。説明は「?」と番号で読みます。", "Choose the format (Enter for %s); ? and a number reads its description."},
	"plain.facilitator":      {"進行役", "Facilitator"},
	"plain.presenter":        {"発表者。順番に回るように選んでいます", "Presenter, suggested so that everyone takes a turn"},
	"plain.presenters":       {"発表する人の番号か名前を、発表する順に空白で区切って入力します（Enter で %s だけ）。", "Type the numbers or names of the presenters in the order they present, separated by spaces (Enter for %s alone)."},
	"plain.badPresenters":    {"1 から %d の番号を、同じ人を二度入れずに入力してください。", "Type numbers from 1 to %d, nobody twice."},
	"plain.purposeAsk":       {"この回の目的を一文で（Enter で省略）", "The purpose of this round, in one sentence (Enter to leave it out)"},
	"plain.noPresenter":      {"発表者", "Presenter"},
	"plain.scribe":           {"記録係", "Scribe"},
	"plain.castBrief":        {"役「%s」: %s", "Role \"%s\": %s"},
	"plain.cast":             {"「%s」を演じる人", "Who plays \"%s\""},
	"plain.whichCase":        {"事例カードを使いますか。番号か名前で選びます。", "Use a case card? Choose by number or name."},
	"plain.phaseMinutes":     {"%d. %s、%d 分", "%d. %s, %d min"},
	"plain.minutes":          {"各段階の分数を、順に空白で区切って入力します（今: %s）。", "Type each phase's minutes in order, separated by spaces (now: %s)."},
	"plain.badMinutes":       {"分数は段階の数まで、1 から 600 の数で入力してください。", "Type up to one number per phase, each from 1 to 600."},
	"plain.setupInvalid":     {"ラウンドを始められません: %v", "The round cannot start: %v"},

	"plain.sessionTitle": {"セッション: %s%s", "Session: %s%s"},
	"plain.sessionIntro": {"問いは %d 個、回答済みは %d 個です。どの問いも答えなくて構いません。", "%d prompts, %d answered. No prompt has to be answered."},
	"plain.sessionHelp":  {"回答は「.」だけの行で終えます。/repeat で問いをもう一度、/help でコマンドの一覧を読みます。", "End an answer with a line holding only \".\". /repeat reads the prompt again; /help lists every command."},
	"plain.sessionHelpFull": {`コマンド（回答の最初の行に入力します）:
/next (/n)     回答を変えずに次の問いへ
/back (/b)     前の問いへ
/skip (/s)     この問いを意図して飛ばす
/repeat        問いと説明をもう一度読む
/list (/l)     問いの一覧と回答の状況
/jump 番号     その問いへ移る（問いの名前でも）
/note          自分用メモを書く（メモの最初の行を /shared にすると共有と非公開を切り替え）
/private (/p)  この回答を非公開（伴走者のみ）にする、または共有に戻す
/deeper (/d)   深掘りの問いを追加する
/add 問い      自分の問いを追加する
/feedback      支援についての学習者の声（3 つの問い）を追加する
/clear         この問いの回答を消す
/side          他の立場（所属組織・越境先・第三者）の伴走者向けのヒントを読む
/timer (/t)    ラウンドの時間を確かめる
/start         ラウンドの時計を動かす、止める
/phase         ラウンドの次の段階へ（時計とメモが移ります）
/extend 分     今の段階の時間を延ばす（-1 で縮める）
/turn          順番に話す段階で、次の人の番へ
/finish (/f)   セッションを終了済みにする
/later (/q)    あとで続ける（保存して戻る）`, `Commands (type them on the first line of an answer):
/next (/n)     to the next prompt, leaving the answer as it is
/back (/b)     to the previous prompt
/skip (/s)     skip this prompt on purpose
/repeat        read the prompt and its instructions again
/list (/l)     every prompt and what has been answered
/jump NUMBER   go to that prompt (or by its title)
/note          write your private note (a first line of /shared switches it between shared and private)
/private (/p)  keep this answer private (the companion only), or share it again
/deeper (/d)   add a question that digs deeper
/add QUESTION  add a question of your own
/feedback      add the learner's feedback on your support (three questions)
/clear         clear this prompt's answer
/side          read the hints as another kind of companion (sending, host, third party) would
/timer (/t)    how the round's time stands
/start         start or pause the round's clock
/phase         on to the round's next phase (the clock and the notes move)
/extend MIN    more minutes for the current phase (-1 takes one away)
/turn          in a phase taken in turns, the next speaker's turn
/finish (/f)   mark the session finished
/later (/q)    keep it for later (saved) and go back`},
	"plain.noSteps":        {"このセッションには問いがありません。", "This session has no prompts."},
	"plain.clockStopped":   {"前回、時計が動いたまま止まっていました。最後の記録の時点で止めてあります。", "The clock was left running last time; it was stopped at the last thing recorded."},
	"plain.listen":         {"聴く: ", "Listen for: "},
	"plain.capture":        {"記録: ", "Capture: "},
	"plain.avoid":          {"避ける: ", "Avoid: "},
	"plain.hintsFor":       {"（%s の伴走者向けのヒント。/side で他の立場）", "(Hints for a %s companion; /side for the other sides.)"},
	"plain.askedSo":        {"この立場なら: ", "This side asks: "},
	"plain.typeFocus":      {"%s の伴走者として: %s", "As a %s companion: %s"},
	"plain.typeCaution":    {"注意: ", "Caution: "},
	"plain.noSideInRound":  {"ラウンドのヒントは立場で変わりません。", "A round's hints are the same for every side."},
	"plain.wasSkipped":     {"（この問いは飛ばしました）", "(This prompt was skipped.)"},
	"plain.currentAnswer":  {"今の回答%s:", "The answer so far%s:"},
	"plain.currentNote":    {"自分用メモ%s:", "Your note%s:"},
	"plain.answerPrompt":   {"回答（本人の言葉で。「.」だけの行で終わり。入力すると今の回答と置き換わります。Enter だけならそのまま）", "Answer in the learner's words (end with \".\" alone; what you type replaces the answer so far; Enter alone keeps it)"},
	"plain.commentPrompt":  {"本人の言葉でのコメント（任意。「.」だけの行で終わり。Enter だけならそのまま）", "A comment in the learner's words (optional; end with \".\" alone; Enter alone keeps it)"},
	"plain.notUnderstood":  {"読み取れませんでした。もう一度入力してください。", "That was not understood. Please type it again."},
	"plain.currentPoint":   {"今の選択: %s", "Chosen now: %s"},
	"plain.scalePrompt":    {"1〜5 の番号（0 で取り消し、Enter でそのまま）", "A point from 1 to 5 (0 clears it, Enter keeps it)"},
	"plain.chosen":         {"（選択済み）", " (chosen)"},
	"plain.choicePrompt":   {"番号を一つ（0 で取り消し、Enter でそのまま）", "One number (0 clears, Enter keeps)"},
	"plain.multiPrompt":    {"番号を空白かカンマで区切っていくつでも（0 で取り消し、Enter でそのまま）", "Any numbers, separated by spaces or commas (0 clears, Enter keeps)"},
	"plain.currentLevel":   {"今の評価: %d %s", "Rated now: %d %s"},
	"plain.lastTime":       {"前回の評価: %d %s（%s）", "Rated last time: %d %s (%s)"},
	"plain.lastTarget":     {"、目標 %d", ", aiming for %d"},
	"plain.voices":         {"このスキルを使う面談での本人の声（%d件、新しい順）:", "What learners said in sessions using this skill (%d, latest first):"},
	"plain.voiceHelped":    {"助けになったこと:", "Helped:"},
	"plain.voiceTooMuch":   {"多すぎたこと:", "Too much:"},
	"plain.voiceMissing":   {"足りなかったこと:", "Missing:"},
	"plain.levelPrompt":    {"最近の自分に近いレベル 1〜5（0 で取り消し、Enter でそのまま）", "The level closest to how you acted recently, 1 to 5 (0 clears, Enter keeps)"},
	"plain.currentAim":     {"今の目標: %d %s", "Aim now: %d %s"},
	"plain.aimPrompt":      {"目指すレベル 1〜5（0 で取り消し、Enter でそのまま）", "The level you aim for, 1 to 5 (0 clears, Enter keeps)"},
	"plain.evidencePrompt": {"それが分かる場面（「.」だけの行で終わり）", "A situation that shows it (end with \".\" alone)"},
	"plain.focusPrompt":    {"伸ばしたいスキルの番号を %d つまで（0 で取り消し、Enter でそのまま）", "The numbers of up to %d skills to develop (0 clears, Enter keeps)"},
	"plain.focusFull":      {"選べるのは %d つまでです。", "You can choose up to %d."},
	"plain.methods":        {"%s の伸ばし方:", "Ways to develop %s:"},
	"plain.planPrompt":     {"練習の計画（「.」だけの行で終わり）", "Your practice plan (end with \".\" alone)"},
	"plain.jumpHow":        {"/jump のあとに 1 から %d までの番号か、問いの名前を書きます。", "Write a number from 1 to %d, or a prompt's title, after /jump."},
	"plain.nowPrivate":     {"この回答は非公開（伴走者のみ）になりました。", "This answer is now private (the companion only)."},
	"plain.nowShared":      {"この回答は共有になりました。", "This answer is now shared."},
	"plain.noFeedbackHere": {"学習者の声は、学習者とのセッションで追加できます。", "The learner's feedback can be added in a session with a learner."},
	"plain.unknownCommand": {"%s というコマンドはありません。/help で一覧を表示します。", "There is no command %s. /help lists them."},
	"plain.stateOpen":      {"未回答", "open"},
	"plain.stateAnswered":  {"回答済み", "answered"},
	"plain.stateSkipped":   {"飛ばした", "skipped"},
	"plain.here":           {"（今ここ）", " (you are here)"},
	"plain.notePrompt":     {"自分用メモ（非公開。「.」だけの行で終わり）", "Your note (private; end with \".\" alone)"},
	"plain.deeperPrompt":   {"深掘りの問いの番号、または自分の問いを入力（Enter でやめる）", "The number of a follow-up, or a question of your own (Enter to cancel)"},
	"plain.addPrompt":      {"追加する問い（Enter でやめる）", "The question to add (Enter to cancel)"},
	"plain.lastStep":       {"最後の問いです。セッションを終了済みにしますか？ (y: 終了 / N: あとで続ける)", "That was the last prompt. Mark the session finished? (y: finished / N: keep for later)"},
	"plain.finished":       {"セッション「%s%s」を終了済みにしました（全 %d 問中 %d 問に回答）。", "The session \"%s%s\" is marked finished (%d prompts, %d answered)."},
	"plain.keptForLater":   {"セッション「%s%s」を、あとで続けられるように保存しました（全 %d 問中 %d 問に回答）。", "The session \"%s%s\" is saved to continue later (%d prompts, %d answered)."},
	"plain.saveFailed":     {"保存できませんでした: %s 入力は手元に残し、次の入力で保存し直します。", "Could not save: %s What you typed is kept and saved again with your next input."},
	"plain.saveRecovered":  {"保存できました。", "Saved again."},
	"plain.entryChanged":   {"別のメンバーが、この画面で読み込んだあとに次の項目を保存していました。上書きしないよう、ここでの変更は保存していません: %s", "Another member saved these entries after this window read them. So as not to write over that, the change made here is not saved: %s"},
	"plain.retrying":       {"保存を %s 後にもう一度試みます。", "Trying to save again in %s."},
	"plain.unsavedBelow":   {"保存できなかった内容を以下に表示します。書き写してください。", "What could not be saved is shown below; please copy it."},

	"plain.worryListed":   {"記録済みの不安%s: %s%s", "Worry recorded%s: %s%s"},
	"plain.worryPrompt":   {"不安を本人の言葉で（「.」だけの行で終わり。最初に「.」だけなら次の問いへ）", "A worry, in the learner's words (end with \".\" alone; a \".\" alone first moves on)"},
	"plain.category":      {"種類（Enter で選ばない）", "Kind (Enter for none)"},
	"plain.intensity":     {"強さ 1〜5（Enter で決めない）", "Intensity 1 to 5 (Enter to leave it)"},
	"plain.term":          {"短期か長期か（Enter で決めない）", "Short or long term (Enter to leave it)"},
	"plain.plan":          {"支援の計画（「.」だけの行で終わり）", "The support plan (end with \".\" alone)"},
	"plain.worryShare":    {"本人が了承したら共有にできます。共有しますか（しなければ二人の間だけです）？ (y/N)", "Share it, if the learner agrees (otherwise it stays between the two of you)? (y/N)"},
	"plain.actionListed":  {"記録済みのアクション: %s（%s）", "Action recorded: %s (%s)"},
	"plain.actionPrompt":  {"次のアクション（「.」だけの行で終わり。最初に「.」だけなら次の問いへ）", "A next action (end with \".\" alone; a \".\" alone first moves on)"},
	"plain.owner":         {"誰が行うか（Enter で本人）", "Who takes it (Enter for the learner)"},
	"plain.due":           {"期限（例 2026-12-15、12月15日。Enter で決めない）", "Due date (e.g. 2026-12-15 or 12/15; Enter for none)"},
	"plain.agreedBefore":  {"これまでの合意:", "Agreed so far:"},
	"plain.partySaid":     {"%s の期待（これまで）:", "What %s expected so far:"},
	"plain.expectation":   {"%s の期待（「.」だけの行で終わり。最初に「.」だけならそのまま）", "What %s expects (end with \".\" alone; a \".\" alone first keeps it)"},
	"plain.fit":           {"%s にとっての納得度 1〜5（Enter でそのまま）", "How well it fits %s, 1 to 5 (Enter keeps it)"},
	"plain.agreed":        {"合意した内容（「.」だけの行で終わり。最初に「.」だけならそのまま）", "What was agreed (end with \".\" alone; a \".\" alone first keeps it)"},
	"plain.gap":           {"三者の納得度: %s。2 以上の差があるか、まだ何も言っていない立場があります。", "Fit: %s. The parties differ by 2 or more, or one has said nothing yet."},
	"plain.worryReview":   {"不安%s: %s（前回: %s）", "Worry%s: %s (last time: %s)"},
	"plain.statusPrompt":  {"今の状態は？ %s（Enter で記録しない）", "How does it stand now? %s (Enter to leave it)"},
	"plain.reviewNote":    {"ひとことメモ［非公開］（一行。Enter でなし）", "A note [private] (one line; Enter for none)"},
	"plain.shareNote":     {"本人が了承したら、このメモを共有にできます。共有しますか？ (y/N)", "Share this note, if the learner agrees? (y/N)"},
	"plain.shareNoteKept": {"このメモは共有です。共有のままにしますか？ (Y/n)", "This note is shared. Keep it shared? (Y/n)"},
	"plain.noteIsShared":  {"メモは共有です（共有用の書き出しに入ります）。", "The note is shared (it goes into shared exports)."},
	"plain.noteIsPrivate": {"メモは非公開です（あなただけが読めます）。", "The note is private (only you can read it)."},
	"plain.actionReview":  {"アクション: %s（%s）", "Action: %s (%s)"},
	"plain.outcomePrompt": {"どうなりましたか？ %s（Enter で記録しない）", "What came of it? %s (Enter to leave it)"},

	"plain.noTimer":       {"時計はラウンドにだけあります。", "Only a round has a clock."},
	"plain.timerDone":     {"すべての段階が終わりました。", "Every phase has ended."},
	"plain.timerRunning":  {"進行中", "running"},
	"plain.timerPaused":   {"停止中", "paused"},
	"plain.timerLeft":     {"%s（段階 %d、全 %d）、予定 %s%s。残り %s、%s。", "%s (phase %d of %d), %s planned%s: %s left, %s."},
	"plain.timerOver":     {"%s（段階 %d、全 %d）、予定 %s%s。%s 超過、%s。", "%s (phase %d of %d), %s planned%s: %s over, %s."},
	"plain.turn":          {"%d 人中 %d 人目、%s さん、残り %s。", "%d speakers, turn %d: %s, %s left."},
	"plain.turnOver":      {"%d 人中 %d 人目、%s さん、%s 超過。", "%d speakers, turn %d: %s, %s over."},
	"plain.turnNext":      {"次は %s さんです。", "Next: %s."},
	"plain.turnLast":      {"最後の番です。", "This is the last turn."},
	"plain.turnsDone":     {"全員の番が終わりました。/phase で次の段階へ進みます。", "Everyone has had their turn; /phase moves on."},
	"plain.noTurns":       {"この段階は順番に話す段階ではありません。", "This phase is not taken in turns."},
	"plain.purpose":       {"目的: %s", "Purpose: %s"},
	"plain.phaseOf":       {"（%s さん）", " (%s)"},
	"plain.timerExtended": {"、延長 %+d 分", ", extended %+d min"},
	"plain.extendHow":     {"/extend のあとに増やす分数を書きます（例 /extend 5、減らすときは /extend -1）。", "Write the minutes to add after /extend (e.g. /extend 5; /extend -1 takes one away)."},
	"plain.cleared":       {"回答（消しました）", "the answer (cleared)"},
	"plain.noteSoFar":     {"これまでのひとこと%s: %s", "Note so far%s: %s"},
	"plain.timerHowTo":    {"/start で時計を動かし、/phase で次の段階へ進みます。", "/start starts the clock; /phase moves on to the next phase."},

	"phase.before": {"越境前", "before the stint"},
	"phase.during": {"越境中", "during the stint"},
	"phase.after":  {"越境後", "after return"},

	// Never silent, short by default, the round spoken, scripts that fail loudly.
	"plain.stoppedAt":               {"%d 行目「%s」が読み取れなかったので、ここで止めます（答えをパイプで渡しているときは、読み取れない行で止まります）。", "Stopped at line %d, \"%s\", which was not understood (with answers piped in, bansou stops at a line it cannot read)."},
	"plain.interruptedEnd":          {"中断の合図（ctrl+c など）を受けたので終了します。", "Interrupted (ctrl+c or the like); bansou stops here."},
	"plain.endedMidway":             {"入力が途中で終わりました（%d 行目まで）。", "The input ended in the middle (after line %d)."},
	"plain.nothingHalfDone":         {"書きかけのものはありません。記録はすべて保存されています。", "Nothing was left half done; everything is saved."},
	"plain.draftKeptOf":             {"ここまでの入力は書きかけとして保存しました（%s）。次に新しい記録を作るとき、続きから入力できます。", "What was typed is kept as a draft (%s): the next new engagement offers to go on with it."},
	"plain.formCommands":            {"ここで使えるのは /back（やめて戻る）と /repeat（もう一度読む）です: %s", "Here /back leaves and /repeat reads the question again: %s"},
	"plain.menuCommands":            {"一覧で使えるのは /back（戻る）と /repeat（もう一度読む）です: %s", "In a list, /back goes back and /repeat reads it again: %s"},
	"plain.noteCommands":            {"メモの最初の行に使えるのは /shared（共有と非公開の切り替え）です: %s", "A note's first line takes /shared (shared or private): %s"},
	"plain.notInMenu":               {"1 から %d までの番号か、名前を入力してください（%s）。", "Type a number from 1 to %d, or a name (%s)."},
	"plain.manyOnList":              {"「%s」に当てはまるものが複数あります（%s）。番号で選んでください（%s）。", "\"%s\" fits more than one (%s); choose by number (%s)."},
	"plain.enterBack":               {"何も入力せずに Enter で戻ります", "an empty line goes back"},
	"plain.enterFor":                {"Enter で %s", "Enter for %s"},
	"plain.enterKeeps":              {"Enter でこのまま", "Enter keeps them"},
	"plain.enterNoCase":             {"Enter で使いません", "Enter for none"},
	"plain.enterNobody":             {"Enter で決めない", "Enter to leave it open"},
	"plain.enterNone":               {"Enter で選ばない", "Enter for none"},
	"plain.paren":                   {"（%s）", " (%s)"},
	"plain.comma":                   {"、", ", "},
	"plain.unchanged":               {"変更なし。書き始めるか、「.」だけの行で終えます。", "No change. Start typing, or end with \".\" alone."},
	"plain.unchangedHere":           {"変更なし。", "No change."},
	"plain.unchangedMoving":         {"変更なし。次へ進みます。", "No change; moving on."},
	"plain.savedWhat":               {"保存しました: %s。", "Saved: %s."},
	"plain.notYetSaved":             {"まだ保存できていません: %s。次の入力で保存し直します。", "Not saved yet: %s. It is saved again with your next input."},
	"plain.lines":                   {"%s（%d 行）", "%s (lines: %d)"},
	"plain.theAnswer":               {"回答", "the answer"},
	"plain.theComment":              {"コメント", "the comment"},
	"plain.theEvidence":             {"場面", "the situation"},
	"plain.thePlan":                 {"練習の計画", "the practice plan"},
	"plain.theNote":                 {"自分用メモ%s", "your note%s"},
	"plain.pointCleared":            {"取り消し", "cleared"},
	"plain.choicesCleared":          {"選択の取り消し", "the choices cleared"},
	"plain.levelIs":                 {"レベル %s", "level %s"},
	"plain.aimIs":                   {"目標 %s", "aim %s"},
	"plain.privateMark":             {"［非公開］", " [private]"},
	"plain.sharedMark":              {"［共有］", " [shared]"},
	"plain.worrySavedAs":            {"不安%s%s", "the worry%s%s"},
	"plain.intensityIs":             {"強さ %d", "intensity %d"},
	"plain.worryNext":               {"次の不安を書くか、「.」だけで次の問いへ。", "Write another worry, or \".\" alone to move on."},
	"plain.actionSavedAs":           {"アクション（%s）", "the action (%s)"},
	"plain.actionNext":              {"次のアクションを書くか、「.」だけで次の問いへ。", "Write another action, or \".\" alone to move on."},
	"plain.dueOn":                   {"期限 %s", "due %s"},
	"plain.topicSaved":              {"論点「%s」（納得度: %s）", "the topic \"%s\" (fit: %s)"},
	"plain.noFit":                   {"未回答", "not given"},
	"plain.statusSaved":             {"不安「%s」は「%s」", "the worry \"%s\": %s"},
	"plain.outcomeSaved":            {"アクション「%s」は「%s」", "the action \"%s\": %s"},
	"plain.reviewNoteShared":        {"ひとことメモ［共有］（一行。Enter でなし）", "A note [shared] (one line; Enter for none)"},
	"plain.nothingToClear":          {"消す回答はありません。", "There is no answer to clear."},
	"plain.withLearner":             {"、%s さん", ", %s"},
	"plain.stepTitle":               {"%d 問目（全 %d 問）: %s", "Prompt %d of %d: %s"},
	"plain.listItem":                {"%d. %s（%s）%s", "%d. %s (%s)%s"},
	"plain.flowItem":                {"%s（%s）", "%s (%s)"},
	"plain.engagementLabel":         {"%s（%s）", "%s (%s)"},
	"plain.fromTo":                  {"%s から %s へ", "%s to %s"},
	"plain.toHost":                  {"越境先 %s", "host %s"},
	"plain.period":                  {"%s から %s まで", "%s to %s"},
	"plain.skillItem":               {"%d. %s（%s）", "%d. %s (%s)"},
	"plain.reviewNumbersAgain":      {"スキルの番号（Enter で戻ります）", "The skills' numbers (Enter goes back)"},
	"plain.badNumbers":              {"1 から %d までの番号を、空白かカンマで区切って入力してください。", "Type numbers from 1 to %d, separated by spaces or commas."},
	"plain.formLeft":                {"入力をやめて戻りました。", "Left; back to the menu."},
	"plain.dateRequired":            {"日付が必要です。やめるときは /back（ここまでの入力は書きかけとして残ります）。", "A date is needed. /back leaves (what was typed is kept as a draft)."},
	"plain.presentersAgain":         {"発表する人（Enter で提案どおり）", "The presenters (Enter takes the one suggested)"},
	"plain.minutesAgain":            {"分数（Enter でそのまま）", "The minutes (Enter keeps them)"},
	"plain.participantType":         {"%s、%s", "%s, %s"},
	"plain.whoseType":               {"参加者の立場です。変える人を番号か名前で選びます（Enter でこのまま）。", "The participants' positions. Choose someone to change, by number or name (Enter keeps them)."},
	"plain.typeOf":                  {"%s さんの立場", "%s's position"},
	"plain.typeSet":                 {"%s さんは %s の伴走者です。", "%s is a %s companion."},
	"plain.inPhase":                 {"段階「%s」。", "Phase: %s. "},
	"plain.clockFollows":            {"時計もメモと一緒に次の段階へ進めました。", "The clock moved on with the notes to the next phase."},
	"plain.rules":                   {"この場の約束:", "The ground rules:"},
	"plain.timeLeftNow":             {"%s、残り %s です。", "%s: %s left."},
	"plain.timeUp":                  {"%s の時間になりました。/phase で次の段階へ、/extend と分数で延長します。", "Time is up for %s. /phase moves on; /extend and minutes adds time."},
	"plain.turnUp":                  {"%s さんの番の時間になりました。/turn で次の人へ。", "Time is up for %s's turn. /turn gives the floor to the next."},
	"plain.answerPromptShort":       {"回答（本人の言葉で）", "Answer (the learner's words)"},
	"plain.answerPromptOwn":         {"回答（あなた自身の言葉で。「.」だけの行で終わり。入力すると今の回答と置き換わります。Enter だけならそのまま）", "Answer in your own words (end with \".\" alone; what you type replaces the answer so far; Enter alone keeps it)"},
	"plain.answerPromptOwnShort":    {"回答（あなた自身の言葉で）", "Answer (your own words)"},
	"plain.answerPromptRound":       {"記録（「.」だけの行で終わり。入力すると今の記録と置き換わります。Enter だけならそのまま）", "Notes (end with \".\" alone; what you type replaces the notes so far; Enter alone keeps them)"},
	"plain.answerPromptRoundShort":  {"記録", "Notes"},
	"plain.commentPromptShort":      {"本人の言葉でのコメント（任意）", "A comment in the learner's words (optional)"},
	"plain.commentPromptOwn":        {"コメント（任意。「.」だけの行で終わり。Enter だけならそのまま）", "A comment (optional; end with \".\" alone; Enter alone keeps it)"},
	"plain.commentPromptOwnShort":   {"コメント（任意）", "A comment (optional)"},
	"plain.commentPromptRound":      {"コメント（任意。「.」だけの行で終わり。Enter だけならそのまま）", "A comment (optional; end with \".\" alone; Enter alone keeps it)"},
	"plain.commentPromptRoundShort": {"コメント（任意）", "A comment (optional)"},
	"plain.scalePromptShort":        {"1〜5 の番号", "A point from 1 to 5"},
	"plain.choicePromptShort":       {"番号を一つ", "One number"},
	"plain.multiPromptShort":        {"番号をいくつでも", "Any numbers"},
	"plain.levelPromptShort":        {"最近の自分に近いレベル 1〜5", "The level closest to how you acted, 1 to 5"},
	"plain.aimPromptShort":          {"目指すレベル 1〜5", "The level you aim for, 1 to 5"},
	"plain.evidencePromptShort":     {"それが分かる場面", "A situation that shows it"},
	"plain.focusPromptShort":        {"伸ばしたいスキルの番号（%d つまで）", "Skills to develop (up to %d)"},
	"plain.planPromptShort":         {"練習の計画", "Your practice plan"},
	"plain.worryPromptShort":        {"不安（本人の言葉で）", "A worry (the learner's words)"},
	"plain.actionPromptShort":       {"次のアクション", "A next action"},
	"plain.expectationShort":        {"%s の期待", "What %s expects"},
	"plain.agreedShort":             {"合意した内容", "What was agreed"},

	// The orientation, read section by section.
	"plain.sectionOf": {"%s（%d 節目、全 %d 節）", "%s (section %d of %d)"},

	// What a round's notes are called when saved.
	"plain.theNotes": {"記録", "the notes"},

	"err.other": {"エラー: %s", "Error: %s"},
}

// text returns the words for key in lang (English if lang is not Japanese).
func text(lang model.Lang, key string) string {
	t, ok := texts[key]
	if !ok {
		return key
	}
	if lang == model.Ja {
		return t[0]
	}
	return t[1]
}
