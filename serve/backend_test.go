package serve

import (
	"sync"

	"bansou/model"
	"bansou/model/sqlite"
)

// recordingBackend is the real backend (the SQLite store, as bansou-serve
// uses it) that also records for whom a store was opened, so that a test
// can tell that a stranger was given none.
type recordingBackend struct {
	*sqlite.Store

	mu     sync.Mutex
	opened []model.Account // every For, in order
}

var _ Backend = (*recordingBackend)(nil)

func (b *recordingBackend) For(a model.Account) (model.Store, error) {
	b.mu.Lock()
	b.opened = append(b.opened, a)
	b.mu.Unlock()
	return b.Store.For(a)
}
