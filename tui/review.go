package tui

import (
	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"

	"bansou/internal/cellwidth"
	"bansou/model/report"
	"bansou/work"
)

// review shows a session, finished or not, as a rendered Markdown document.
type review struct {
	env  *env
	k    reviewKeys
	id   int64
	w, h int
	md   string
	vp   viewport.Model
	loadState
	shown string // the rendered text in the viewport
	engID int64  // the session's engagement, 0 for none
	fw    follow // reading again after others' changes
	// static: a document given whole (the orientation), of no session.
	static bool
}

type reviewLoadedMsg struct {
	id    int64
	engID int64
	md    string
	err   error
}

func newReview(e *env, id int64) *review {
	return &review{env: e, k: newReviewKeys(e), id: id, vp: viewport.New()}
}

// newDocument shows a document given whole, such as the orientation.
func newDocument(e *env, md string) *review {
	s := &review{env: e, k: newReviewKeys(e), vp: viewport.New(), md: md, static: true}
	s.loaded = true
	s.k.edit.SetEnabled(false)
	return s
}

func (s *review) init() tea.Cmd {
	if s.static {
		return s.refresh()
	}
	return s.load()
}

func (s *review) load() tea.Cmd {
	store, id, loc, lib := s.env.store, s.id, s.env.loc, s.env.lib
	return func() tea.Msg {
		ctx, cancel := storeCtx()
		defer cancel()
		md, engID, err := work.Document(ctx, store, lib, id, report.Options{Location: loc})
		if err != nil {
			return reviewLoadedMsg{id: id, err: err}
		}
		return reviewLoadedMsg{id: id, engID: engID, md: cellwidth.Drawn(md)} // safe as written (model.TermSafe)
	}
}

func (s *review) update(msg tea.Msg) (screen, tea.Cmd) {
	switch msg := msg.(type) {
	case sizeMsg:
		s.w, s.h = msg.w, msg.h
		s.vp.SetWidth(msg.w)
		s.vp.SetHeight(msg.h)
		return s, s.refresh()
	case refreshMsg:
		if s.static {
			return s, nil
		}
		return s, s.load()
	case storeChangedMsg:
		if s.static {
			return s, nil
		}
		// The document shows the session and its engagement's ledger;
		// the viewport keeps its place in it.
		if msg.concerns(s.engID, s.id) {
			return s, s.fw.reload(s.load())
		}
	case reloadedMsg:
		if msg.by == &s.fw {
			return s, s.fw.back(msg, func(m tea.Msg) tea.Cmd { _, c := s.update(m); return c },
				func() []tea.Cmd { return []tea.Cmd{s.load()} })
		}
	case reviewLoadedMsg:
		if !s.arrived(s.env, msg.id == s.id, msg.err) {
			return s, nil
		}
		s.md, s.engID = msg.md, msg.engID
		return s, s.refresh()
	case renderedMsg:
		s.refresh()
	case tea.KeyPressMsg:
		k := s.k
		switch {
		case key.Matches(msg, k.back):
			return s, popScreen
		case key.Matches(msg, k.edit) && !s.static:
			// Over the document, so that leaving comes back to it (read
			// again with what was changed).
			return s, pushScreen(newRunner(s.env, s.id))
		case key.Matches(msg, k.up):
			s.vp.ScrollUp(1)
		case key.Matches(msg, k.down):
			s.vp.ScrollDown(1)
		case key.Matches(msg, k.pageUp):
			s.vp.PageUp()
		case key.Matches(msg, k.pageDown):
			s.vp.PageDown()
		}
	}
	return s, nil
}

// refresh puts the rendered document in the viewport, or asks for it to be
// rendered at this width.
func (s *review) refresh() tea.Cmd {
	if !s.loaded || s.md == "" || s.w <= 0 {
		return nil
	}
	out, ok := s.env.render.get(s.md, s.w)
	if !ok {
		return s.env.render.cmd(s.md, s.w)
	}
	if out != s.shown {
		s.shown = out
		s.vp.SetContent(out)
	}
	return nil
}

func (s *review) view() string {
	switch {
	case s.err != "":
		return s.env.st.errText.Render(s.err)
	case !s.loaded || s.shown == "":
		return s.env.st.muted.Render(s.env.t("common.loading"))
	}
	return s.vp.View()
}

func (s *review) caret() *tea.Cursor { return nil }
func (s *review) typing() bool       { return false }

func (s *review) keys() help.KeyMap {
	k := s.k
	return keyList{
		short: []key.Binding{k.down, k.up, k.pageDown, k.edit, k.back},
		full:  [][]key.Binding{{k.up, k.down, k.pageUp, k.pageDown}, {k.edit, k.back}},
	}
}
