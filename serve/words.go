package serve

import "bansou/model"

// both joins a message in Japanese and in English, for a person whose
// language the server does not know yet (a key not enrolled).
func both(ja, en string) string { return ja + "\n" + en + "\n" }

// Messages to a key that is not enrolled: both languages, since the
// server does not know whose key it is.
var (
	msgNotEnrolled = both(
		"このキーは登録されていません。運営者から受け取った登録コードで登録してください: ssh -p PORT HOST enrol コード",
		"This key is not enrolled. Enrol it with the code the programme's office gave you: ssh -p PORT HOST enrol CODE")
	msgCodeWrong = both(
		"登録コードが違うか、使用済みか、期限切れです。",
		"The enrolment code is unknown, used or expired.")
	msgTooManyTries = both(
		"登録コードの入力に続けて失敗しました。15分ほどしてから、もう一度試してください。",
		"Too many wrong enrolment codes from this address. Try again in about 15 minutes.")
	msgTriesUsed = both(
		"3回続けて違いました。接続を終えます。コードを確かめて、もう一度接続してください。",
		"Three wrong codes: the connection ends. Check the code and connect again.")
	msgKeyTaken = both(
		"このキーはすでに別の人に登録されています。",
		"This key is already enrolled to someone else.")
	msgNoTerminal = both(
		"bansou の画面には端末が必要です。ssh -t を付けて接続してください（例: ssh -t -p PORT HOST）。",
		"bansou's screen needs a terminal: connect with ssh -t (for example ssh -t -p PORT HOST).")
	msgStopping = both(
		"サーバーを停止しています。しばらくしてから接続してください。",
		"The server is stopping. Connect again in a while.")
	msgServerError = both(
		"サーバーで問題が起きました。運営者に連絡してください。",
		"Something went wrong on the server. Tell the programme's office.")
)

// words are the messages to an enrolled person, in their language.
type words struct {
	welcome, alreadyEnrolled, unknownCommand, notAllowed, noTerminal  string
	peopleUsage, addUsage, codeUsage                                  string
	badType, badRole, badTTL, nameTaken, noSuchPerson, added, newCode string
	enrolHint, noPeople, admin, accessible, header                    string
	roles                                                             map[model.Role]string

	membersUsage, noEngagements, memberFmt, noMembers, comma, notYourEngagement,
	memberAdded, memberRemoved, noSuchEngagement, twoEngagements string
	ownCodeUsage, ownHint    string
	exportUsage, noSuchRound string
	setUsage, personSet      string
}

var wordsByLang = map[model.Lang]words{
	model.Ja: {
		welcome:         "登録しました。ようこそ、%sさん。次からは ssh -p PORT HOST で bansou が開きます。\n",
		alreadyEnrolled: "このキーは %s さんとして登録済みです。\n",
		unknownCommand:  "知らないコマンドです: %s\n使えるコマンド: （なし）bansou の画面、accessible テキストだけの画面、join コード 場に参加、room コード 場の画面（プロジェクター）、export まとめと合意書、members 案件のメンバー、overview 件数と日付の一覧、code 自分の別の鍵のコード、enrol コード、people（管理者）\n",
		notAllowed:      "このコマンドは管理者だけが使えます。\n",
		peopleUsage:     "使い方: people | people add 名前 --type sending|host|third_party --role companion|facilitator|office [--admin] [--accessible] [--ttl 72h] | people code 名前 [--ttl 72h] | people set 名前 [--role …] [--accessible true|false] …\n",
		addUsage:        "使い方: people add 名前 --type sending|host|third_party --role companion|facilitator|office [--admin] [--accessible] [--ttl 72h]\n",
		codeUsage:       "使い方: people code 名前 [--ttl 72h]\n",
		badType:         "伴走者の種類 %q は使えません。sending、host、third_party のどれかです。\n",
		badRole:         "役割 %q は使えません。companion、facilitator、office のどれかです。\n",
		badTTL:          "有効期間 %q は使えません。72h や 30m のように書いてください。\n",
		nameTaken:       "%s という名前の人はすでにいます。\n",
		noSuchPerson:    "%s という名前の人はいません。people で一覧を見られます。\n",
		added:           "%s さんを追加しました。\n",
		newCode:         "登録コード: %s\n有効期限: %s\n",
		enrolHint:       "本人に渡してください。本人は自分のキーで次を実行します: ssh -p PORT HOST enrol %s\n",
		noPeople:        "まだ誰もいません。\n",
		admin:           "管理者",
		accessible:      "テキスト画面",
		header:          "名前\t種類\t役割\t\n",
		roles:           map[model.Role]string{model.RoleCompanion: "伴走者", model.RoleFacilitator: "ファシリテーター", model.RoleOffice: "事務局"},

		membersUsage:      "使い方: members | members add 案件 名前 [--type sending|host|third_party] | members remove 案件 名前\n（案件は members の一覧の番号 #12 か、学習者の名前）\n",
		noEngagements:     "見られる案件はまだありません。\n",
		memberFmt:         "%s（%s）",
		noMembers:         "メンバーなし",
		comma:             "、",
		notYourEngagement: "この案件のメンバーを加えられるのはその案件のメンバーと事務局、外せるのは本人（自分が抜ける）と事務局だけです（番号も確かめてください）。\n",
		memberAdded:       "%s さんを %s の伴走者としてメンバーに加えました。共有の記録が見えるようになります（非公開の記録は書いた本人にしか見えません）。\n",
		memberRemoved:     "%s さんをメンバーから外しました。その人が書いた非公開の記録は、その人だけのものとして残ります。\n",
		noSuchEngagement:  "%s という学習者の案件は見つかりません。members で一覧を見られます。\n",
		twoEngagements:    "%s という学習者の案件が複数あります。members の一覧の番号（#12 など）で指定してください。\n",
		ownCodeUsage:      "使い方: code [--ttl 72h]（自分の別の鍵を登録するためのコードを作ります）\n",
		ownHint:           "登録したいもう一つの鍵で、次を実行してください: ssh -p PORT HOST enrol %s\n",
		exportUsage:       "使い方: export --round latest|番号 [--include-private]（進行したピアラウンドのまとめ）| export --agreement 案件 [--include-private]（三者合意書）\n",
		noSuchRound:       "%s というラウンドはありません。進行したラウンドの番号か latest を指定してください。\n",
		setUsage:          "使い方: people set 名前 [--type sending|host|third_party] [--role companion|facilitator|office] [--admin true|false] [--accessible true|false] [--lang ja|en]\n",
		personSet:         "%s さんを変更しました（%s、%s）。次の接続から有効です。\n",
	},
	model.En: {
		welcome:         "Enrolled. Welcome, %s. From now on ssh -p PORT HOST opens bansou.\n",
		alreadyEnrolled: "This key is enrolled already, as %s.\n",
		unknownCommand:  "Unknown command: %s\nCommands: (none) bansou's screen, accessible the plain-text screen, join CODE a room, room CODE a room's view (projector), export summaries and agreements, members an engagement's members, overview counts and dates, code a code for another key of yours, enrol CODE, people (admins)\n",
		notAllowed:      "Not allowed: only an admin may use this command.\n",
		peopleUsage:     "usage: people | people add NAME --type sending|host|third_party --role companion|facilitator|office [--admin] [--accessible] [--ttl 72h] | people code NAME [--ttl 72h] | people set NAME [--role …] [--accessible true|false] …\n",
		addUsage:        "usage: people add NAME --type sending|host|third_party --role companion|facilitator|office [--admin] [--accessible] [--ttl 72h]\n",
		codeUsage:       "usage: people code NAME [--ttl 72h]\n",
		badType:         "Unknown companion type %q: use sending, host or third_party.\n",
		badRole:         "Unknown role %q: use companion, facilitator or office.\n",
		badTTL:          "Unknown validity %q: write it like 72h or 30m.\n",
		nameTaken:       "There is already a person named %s.\n",
		noSuchPerson:    "There is no person named %s; people lists them.\n",
		added:           "Added %s.\n",
		newCode:         "enrolment code: %s\nvalid until: %s\n",
		enrolHint:       "Give it to them; they run, with their own key: ssh -p PORT HOST enrol %s\n",
		noPeople:        "No one yet.\n",
		admin:           "admin",
		accessible:      "plain text",
		header:          "name\ttype\trole\t\n",
		roles:           map[model.Role]string{model.RoleCompanion: "companion", model.RoleFacilitator: "facilitator", model.RoleOffice: "office"},

		membersUsage:      "usage: members | members add ENGAGEMENT NAME [--type sending|host|third_party] | members remove ENGAGEMENT NAME\n(ENGAGEMENT is the number members lists, #12, or the learner's name)\n",
		noEngagements:     "No engagements you can see yet.\n",
		memberFmt:         "%s (%s)",
		noMembers:         "no members",
		comma:             ", ",
		notYourEngagement: "Only the engagement's members and the office add members; a member takes only themself off, the office anyone (check the number too).\n",
		memberAdded:       "Added %s as the %s companion: they now see the shared records (a private record is seen by its author alone).\n",
		memberRemoved:     "Removed %s. The private records they wrote stay theirs alone.\n",
		noSuchEngagement:  "No engagement of a learner named %s; members lists them.\n",
		twoEngagements:    "Several engagements of learners named %s: give the number members lists (#12).\n",
		ownCodeUsage:      "usage: code [--ttl 72h] (a code to enrol another key of your own)\n",
		ownHint:           "With the other key you want to enrol, run: ssh -p PORT HOST enrol %s\n",
		exportUsage:       "usage: export --round latest|ID [--include-private] (the summary of a peer round you facilitated) | export --agreement ENGAGEMENT [--include-private] (the three-party agreement)\n",
		noSuchRound:       "There is no round %s: give the number of a round you facilitated, or latest.\n",
		setUsage:          "usage: people set NAME [--type sending|host|third_party] [--role companion|facilitator|office] [--admin true|false] [--accessible true|false] [--lang ja|en]\n",
		personSet:         "Changed %s (%s, %s). It holds from their next connection.\n",
	},
}

// wordsFor is the words of a person's language (Japanese unless they chose
// English).
func wordsFor(l model.Lang) words {
	if w, ok := wordsByLang[l]; ok {
		return w
	}
	return wordsByLang[model.Ja]
}
