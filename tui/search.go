package tui

import (
	"context"
	"strings"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"bansou/model"
	"bansou/tui/editor"
)

// searchScreen finds words in every answer, note, worry, action and
// agreement. Results follow the typing; enter opens the session at the
// prompt where the words are.
type searchScreen struct {
	env    *env
	k      searchKeys
	w, h   int
	input  editor.Model
	rev    int    // the input's revision last searched for
	seq    int    // the newest search asked for
	shown  string // the query the hits are for
	hits   []model.SearchHit
	cursor int
	err    string
	busy   bool
}

type (
	searchDueMsg  struct{ seq int }
	searchDoneMsg struct {
		seq   int
		query string
		hits  []model.SearchHit
		err   error
	}
)

// searchDelay lets a few keystrokes gather before a search starts; each
// search is far quicker than this.
const searchDelay = 80 * time.Millisecond

// searchTimeout bounds one search, index building included.
const searchTimeout = 2 * time.Minute

// linesPerHit is how many rows one result takes: where, the words, a gap.
const linesPerHit = 3

func newSearch(e *env) *searchScreen {
	s := &searchScreen{env: e, k: newSearchKeys(e)}
	s.input = editor.New()
	s.input.SingleLine = true
	s.input.Placeholder = e.t("search.placeholder")
	s.input.PlaceholderStyle = func(t string) string { return e.st.muted.Render(t) }
	s.input.Focus()
	s.rev = s.input.Rev()
	return s
}

func (s *searchScreen) init() tea.Cmd { return nil }

func (s *searchScreen) update(msg tea.Msg) (screen, tea.Cmd) {
	switch msg := msg.(type) {
	case sizeMsg:
		s.w, s.h = msg.w, msg.h
		s.input.SetWidth(max(s.w-4, 10))
		s.input.SetHeight(1)
	case refreshMsg:
		// Back from a session: what was found may have changed.
		return s, s.search()
	case searchDueMsg:
		if msg.seq == s.seq {
			return s, s.search()
		}
	case searchDoneMsg:
		if msg.seq != s.seq {
			return s, nil // an older search; a newer one is on its way
		}
		s.busy = false
		if msg.err != nil {
			s.err = s.env.describeErr(msg.err)
			return s, nil
		}
		s.err, s.shown, s.hits = "", msg.query, msg.hits
		s.cursor = max(0, min(s.cursor, len(s.hits)-1))
	case tea.PasteMsg:
		return s, s.edit(msg)
	case tea.KeyPressMsg:
		k := s.k
		switch {
		case key.Matches(msg, k.back):
			return s, popScreen
		case key.Matches(msg, k.up):
			s.cursor = max(0, s.cursor-1)
		case key.Matches(msg, k.down):
			s.cursor = max(0, min(len(s.hits)-1, s.cursor+1))
		case key.Matches(msg, k.pageUp):
			s.cursor = max(0, s.cursor-s.perPage())
		case key.Matches(msg, k.pageDown):
			s.cursor = max(0, min(len(s.hits)-1, s.cursor+s.perPage()))
		case key.Matches(msg, k.open):
			return s, s.open()
		default:
			return s, s.edit(msg)
		}
	}
	return s, nil
}

// edit gives a key to the input and, when the words changed, asks for a
// search a moment later.
func (s *searchScreen) edit(msg tea.Msg) tea.Cmd {
	s.input, _ = s.input.Update(msg)
	if s.input.Rev() == s.rev {
		return nil
	}
	s.rev = s.input.Rev()
	s.seq++
	s.cursor = 0
	if strings.TrimSpace(s.input.Value()) == "" {
		s.hits, s.shown, s.busy, s.err = nil, "", false, ""
		return nil
	}
	s.busy = true
	seq := s.seq
	return tea.Tick(searchDelay, func(time.Time) tea.Msg { return searchDueMsg{seq} })
}

func (s *searchScreen) search() tea.Cmd {
	query := strings.TrimSpace(s.input.Value())
	if query == "" {
		return nil
	}
	s.busy = true
	store, seq := s.env.store, s.seq
	return func() tea.Msg {
		// Longer than other store calls: after an upgrade or a large
		// import, the first search builds the index (in batches, so an
		// autosave is never held up for long).
		ctx, cancel := context.WithTimeout(context.Background(), searchTimeout)
		defer cancel()
		hits, err := store.Search(ctx, query)
		return searchDoneMsg{seq, query, hits, err}
	}
}

// open shows where the selected hit is: the session at its prompt, or the
// engagement when the hit belongs to no session.
func (s *searchScreen) open() tea.Cmd {
	if s.cursor >= len(s.hits) {
		return nil
	}
	h := s.hits[s.cursor]
	if h.SessionID == 0 {
		if h.EngagementID == 0 {
			return nil
		}
		return pushScreen(newEngagementScreen(s.env, h.EngagementID))
	}
	if s.env.others(model.SessionSummary{HeldBy: h.HeldBy}) {
		// Another member's conversation: theirs to go on with.
		return tea.Batch(pushScreen(newReview(s.env, h.SessionID)),
			showStatus(s.env.tf("engagement.othersSession", model.TermSafeLine(h.Holder))))
	}
	return pushScreen(newRunnerAt(s.env, h.SessionID, h.StepKey))
}

// perPage is how many hits fit under the query and the count.
func (s *searchScreen) perPage() int {
	return max((s.h-4)/linesPerHit, 1)
}

func (s *searchScreen) view() string {
	e := s.env
	w := max(s.w, 20)
	lines := []string{
		e.st.title.Render(truncate(e.t("search.title"), w)),
		e.st.accent.Render("／") + " " + s.input.View(),
		s.summary(w),
		"",
	}
	if s.err != "" {
		return strings.Join(append(lines, e.st.errText.Render(truncate(s.err, w))), "\n")
	}
	// Only the hits that fit are drawn (each takes linesPerHit rows), so a
	// page of 200 long answers costs no more per frame than a few.
	fit := max((s.h-len(lines))/linesPerHit, 1)
	top := windowTop(len(s.hits), s.cursor, fit, 1)
	for i := top; i < min(len(s.hits), top+fit); i++ {
		lines = append(lines, s.hitLines(s.hits[i], i == s.cursor, w)...)
	}
	return strings.Join(lines, "\n")
}

// summary says how many hits there are, or how searching works.
func (s *searchScreen) summary(w int) string {
	e := s.env
	var text string
	switch {
	case strings.TrimSpace(s.input.Value()) == "":
		text = e.t("search.help")
	case s.busy && s.shown == "":
		text = e.t("search.searching")
	case len(s.hits) == 0:
		text = e.t("search.none")
	case len(s.hits) >= model.SearchLimit:
		text = e.tf("search.countLimit", len(s.hits))
	default:
		text = e.tf("search.count", len(s.hits))
	}
	return e.st.muted.Render(truncate(text, w))
}

// hitLines draws one hit: the learner, session and prompt it is in, then the
// words around the match with the match highlighted.
func (s *searchScreen) hitLines(h model.SearchHit, on bool, w int) []string {
	e := s.env
	where := []string{h.Learner, h.SessionDate.In(e.loc).Format("2006-01-02") + " " + h.SessionTitle}
	if h.StepTitle != "" {
		where = append(where, h.StepTitle)
	}
	tag := model.SourceLabel(h.Source, e.lang)
	if h.Private {
		tag += e.t("search.tagSep") + e.t("visibility.private")
	}
	head := shown(oneLine(strings.Join(nonEmpty(where), " · ")))
	tagText := e.st.muted.Render(e.tf("search.tag", tag))
	head = ansi.Truncate(head, max(w-2-lipgloss.Width(tagText), 4), "…")
	marker := "  "
	if on {
		marker = e.st.selected.Render("▸") + " "
		head = e.st.selected.Render(head)
	} else {
		head = e.st.heading.Render(head)
	}
	snippet := s.snippet(h, w-4)
	return []string{marker + head + tagText, "    " + snippet, ""}
}

// snippet is the text around the first match on one line, with every match
// highlighted, cut to w cells.
func (s *searchScreen) snippet(h model.SearchHit, w int) string {
	text, matches := model.Snippet(h.Text, h.Matches, max(w, 10))
	r := []rune(text)
	var b strings.Builder
	last := 0
	for _, m := range matches {
		if m[0] < last || m[1] > len(r) {
			continue
		}
		b.WriteString(shown(string(r[last:m[0]])))
		b.WriteString(s.env.st.match.Render(shown(string(r[m[0]:m[1]]))))
		last = m[1]
	}
	b.WriteString(shown(string(r[last:])))
	return ansi.Truncate(b.String(), max(w, 4), "…")
}

func nonEmpty(ss []string) []string {
	var out []string
	for _, s := range ss {
		if strings.TrimSpace(s) != "" {
			out = append(out, s)
		}
	}
	return out
}

func (s *searchScreen) caret() *tea.Cursor {
	x, y, ok := s.input.Cursor()
	if !ok {
		return nil
	}
	return tea.NewCursor(lipgloss.Width("／ ")+x, 1+y)
}

func (s *searchScreen) typing() bool { return true }

func (s *searchScreen) keys() help.KeyMap {
	k := s.k
	has := len(s.hits) > 0
	k.up.SetEnabled(has)
	k.down.SetEnabled(has)
	k.open.SetEnabled(has)
	k.pageUp.SetEnabled(has)
	k.pageDown.SetEnabled(has)
	return keyList{
		short: []key.Binding{k.open, k.up, k.down, k.back},
		full:  [][]key.Binding{{k.up, k.down, k.pageUp, k.pageDown}, {k.open, k.back}},
	}
}
