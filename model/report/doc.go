// Package report writes what bansou hands on from the records of package
// model: an engagement, a session, the three-party agreement, a
// self-review and a round summary as Markdown documents, the answers as
// CSV for a spreadsheet, and the summary of what an export holds, said
// before it is written.
//
// Every writer honours the records' visibility (a private answer, note or
// worry is left out unless Options.IncludePrivate) and returns text made
// safe as a whole (model.TermSafe). The words of the documents are in
// words.go, one table per language; the values of the domain (a status,
// an outcome, a party) are named by model.
package report
