package model

import "errors"

// storeErrorWords says, for each kind of store error, what went wrong and
// what the user can do, in every language. Screens, the accessible mode and
// the command line all word store errors with it.
var storeErrorWords = []struct {
	kind  error
	words Text
}{
	{ErrLocked, Text{
		Ja: "データベースが別のプログラム（別の bansou など）で使用中です。",
		En: "The database is busy in another program (another bansou, perhaps).",
	}},
	{ErrOpenElsewhere, Text{
		Ja: "別の bansou でこのセッションが開かれています。",
		En: "The session is open in another bansou.",
	}},
	{ErrTakenOver, Text{
		Ja: "このセッションは別の画面に引き継がれたため、ここで打った文章はもう保存されません。文章は画面に残っているので、必要ならコピーしてください。",
		En: "This session was taken over in another window, so what is typed here is no longer saved. The text stays on screen; copy what you need.",
	}},
	{ErrReplaced, Text{
		Ja: "データベースのファイルが別のファイルに置き換えられたか、削除されました。もうここから保存することはできません。打った文章は消えていないので必要なものをコピーし、bansou を起動し直してください（いまそのパスにあるファイルが開きます）。",
		En: "The database file was replaced by another file or removed, so nothing more can be saved to it. What was typed is still here: copy what you need, then start bansou again (it opens the file now at that path).",
	}},
	{ErrMissing, Text{
		Ja: "データベースのファイルがありません。パス（--db や BANSOU_DB）に打ち間違いがないか確かめてください。新しいデータベースは、bansou の画面（または --accessible）を始めたときにだけ作られます。",
		En: "There is no database file at this path. Check the path (--db or BANSOU_DB) for a typo; a new database is created only when the bansou interface (or --accessible) starts.",
	}},
	{ErrEntryChanged, Text{
		Ja: "この項目は、この画面で読み込んだあとに別の人（同じ学習者の別の伴走者など）が保存しています。その内容を上書きしないよう、ここでの変更は保存していません。打った内容は画面に残っているので必要ならコピーし、セッションを開き直すと新しい内容が見られます。",
		En: "Someone else (another companion of the same learner, perhaps) saved this entry after this window read it. So as not to write over that, the change made here is not saved. What was typed stays on screen; copy what you need, then open the session again to see the newer version.",
	}},
	{ErrChangedElsewhere, Text{
		Ja: "このセッションは、この画面の外で（取り込みなどで）書き換えられました。その内容を上書きしないよう、ここで打った文章はもう保存されません。文章は画面に残っているので必要ならコピーし、セッションを開き直すと新しい内容が見られます。",
		En: "This session was changed outside this window (by an import, perhaps). So as not to write over that, what is typed here is no longer saved. The text stays on screen; copy what you need, then open the session again to see the newer version.",
	}},
	{ErrDiskFull, Text{
		Ja: "ディスクがいっぱいです。空き容量を作ってください。",
		En: "The disk is full. Make some free space.",
	}},
	{ErrDiskIO, Text{
		Ja: "ディスクの読み書きに失敗しました。空き容量とディスクの状態を確認してください。",
		En: "Reading or writing the disk failed. Check the free space and the disk.",
	}},
	{ErrReadOnly, Text{
		Ja: "データベースに書き込めません（読み取り専用）。ファイルとフォルダーの権限を確認してください。",
		En: "The database cannot be written (read-only). Check the permissions of the file and its folder.",
	}},
	{ErrCorrupt, Text{
		Ja: "データベースファイルが壊れています。バックアップから戻すか、--db で別のファイルを指定してください。",
		En: "The database file is damaged. Restore it from a backup, or choose another file with --db.",
	}},
	{ErrNotDatabase, Text{
		Ja: "このファイルは bansou のデータベースではありません。--db で別のファイルを指定してください。",
		En: "This file is not a bansou database. Choose another file with --db.",
	}},
	{ErrNewerSchema, Text{
		Ja: "このデータベースは新しい版の bansou で書かれています。bansou を更新してから開いてください。",
		En: "This database was written by a newer bansou. Update bansou to open it.",
	}},
	{ErrNotAllowed, Text{
		Ja: "この操作はあなたにはできません。ほかの伴走者の対話は読めますが、書き足せるのはその対話をした本人だけです。非公開の記録は書いた本人にしか見えません。",
		En: "You cannot do this. Another companion's conversation can be read, but only the person who held it can add to it; a private record is seen by its author alone.",
	}},
	{ErrCodeInvalid, Text{
		Ja: "登録コードが違うか、使用済みか、期限切れです。管理者に新しいコードを頼んでください。",
		En: "The enrolment code is wrong, already used or expired. Ask the admin for a new one.",
	}},
	{ErrHasKey, Text{
		Ja: "この人はすでに鍵を登録しています。別の鍵のコードは本人が作ります（ssh -p PORT HOST code）。鍵をなくしたときは、サーバーの運営者が bansou-serve code 名前 で作ります。管理者が本人として入れないようにするためです。",
		En: "This person has enrolled a key already. They make the code for another key themselves (ssh -p PORT HOST code); for a lost key, the server's operator makes one with bansou-serve code NAME. So no admin can sign in as them.",
	}},
	{ErrKeyTaken, Text{
		Ja: "この鍵はすでに登録されています。そのまま接続できます。",
		En: "This key is enrolled already; connect with it as it is.",
	}},
	{ErrNameTaken, Text{
		Ja: "同じ名前の人がすでにいます。区別できる名前にしてください。",
		En: "There is someone with this name already. Choose a name that tells them apart.",
	}},
	{ErrAgreedChanged, Text{
		Ja: "確認しようとした間に合意の文章が書き換わりました。新しい文章を読んでから、もう一度確認してください。",
		En: "The agreed text changed while you were confirming it. Read the new text, then confirm again.",
	}},
	{ErrPartyChosen, Text{
		Ja: "この場には、すでに別の立場で入っています。一人が話せるのは一つの立場だけです。",
		En: "You are in this room as another party already. One person speaks for one party only.",
	}},
	{ErrNoAnonymity, Text{
		Ja: "いまは名前なしで書けません（進行役がやめました）。書いたものは残っています。名前を付けて送るか、そのまま取っておいてください。",
		En: "Writing without a name is not allowed now (the facilitator stopped it). What you wrote is still here: send it with your name, or keep it.",
	}},
	{ErrPartyTaken, Text{
		Ja: "この立場には、すでに別の人が入っています。立場を選び直すか、伴走者に確かめてください。",
		En: "Someone else already speaks for this party in the room. Choose another party, or check with the companion.",
	}},
	{ErrOthersWrote, Text{
		Ja: "このラウンドには、参加者が各自の端末から書き込んでいます。その言葉は書いた人のものなので、ラウンドごと消すことはできません。",
		En: "Participants wrote in this round from their own terminals. Their words are theirs, so the round cannot be removed.",
	}},
	{ErrRoomClosed, Text{
		Ja: "この場はもう終わっています。書いたものは読めますが、書き足すことはできません。",
		En: "This room has ended. What was written can be read, but nothing more can be added.",
	}},
	{ErrNothingAgreed, Text{
		Ja: "この論点にはまだ合意の文章がありません。伴走者が書いてから確認してください。",
		En: "There is no agreed text on this topic yet. Confirm it once the companion has written it.",
	}},
	{ErrTooLong, Text{
		Ja: "長すぎるため保存できません。短くして、いくつかに分けてください。",
		En: "This is too long to save. Shorten it or split it into several.",
	}},
	{ErrNotFound, Text{
		Ja: "見つかりません（削除された可能性があります）。",
		En: "Not found (it may have been removed).",
	}},
}

// DescribeStoreError words a store error for the user in lang. It returns
// false for an error that is none of the store's kinds.
func DescribeStoreError(lang Lang, err error) (string, bool) {
	for _, w := range storeErrorWords {
		if errors.Is(err, w.kind) {
			return w.words.In(lang), true
		}
	}
	return "", false
}
