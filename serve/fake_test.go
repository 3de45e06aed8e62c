package serve

import (
	"context"
	"crypto/rand"
	"fmt"
	"sort"
	"sync"
	"time"

	"bansou/model"
	"bansou/model/sqlite"
)

// fakeBackend keeps accounts in memory and gives every connection its own
// lease holder on one SQLite store, as the real backend does (without the
// scoping of what each person may read, which is the store's to test).
type fakeBackend struct {
	store *sqlite.Store
	now   func() time.Time

	mu       sync.Mutex
	accounts map[int64]model.Account
	keys     map[string]int64
	codes    map[string]fakeCode
	nextID   int64
	opened   []model.Account // every For, in order
}

type fakeCode struct {
	account int64
	expires time.Time
	used    bool
}

var _ Backend = (*fakeBackend)(nil)

func newFakeBackend(store *sqlite.Store, now func() time.Time) *fakeBackend {
	return &fakeBackend{store: store, now: now, accounts: map[int64]model.Account{},
		keys: map[string]int64{}, codes: map[string]fakeCode{}}
}

func (b *fakeBackend) For(a model.Account) (model.Store, error) {
	b.mu.Lock()
	b.opened = append(b.opened, a)
	b.mu.Unlock()
	return b.store.NewHolder(), nil
}

func (b *fakeBackend) AddAccount(_ context.Context, a model.Account) (model.Account, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, o := range b.accounts {
		if o.Name == a.Name {
			return model.Account{}, model.ErrNameTaken
		}
	}
	b.nextID++
	a.ID, a.CreatedAt = b.nextID, b.now()
	b.accounts[a.ID] = a
	return a, nil
}

func (b *fakeBackend) UpdateAccount(_ context.Context, a model.Account) (model.Account, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if _, ok := b.accounts[a.ID]; !ok {
		return model.Account{}, model.ErrNotFound
	}
	b.accounts[a.ID] = a
	return a, nil
}

func (b *fakeBackend) AccountList(context.Context) ([]model.Account, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	var list []model.Account
	for _, a := range b.accounts {
		list = append(list, a)
	}
	sort.Slice(list, func(i, j int) bool { return list[i].Name < list[j].Name })
	return list, nil
}

func (b *fakeBackend) AccountByKey(_ context.Context, key string) (model.Account, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	id, ok := b.keys[key]
	if !ok {
		return model.Account{}, model.ErrNotFound
	}
	return b.accounts[id], nil
}

func (b *fakeBackend) NewCode(_ context.Context, id int64, ttl time.Duration) (string, error) {
	var r [5]byte
	rand.Read(r[:])
	code := fmt.Sprintf("%X-%X", r[:2], r[2:])
	b.mu.Lock()
	defer b.mu.Unlock()
	if _, ok := b.accounts[id]; !ok {
		return "", model.ErrNotFound
	}
	b.codes[code] = fakeCode{account: id, expires: b.now().Add(ttl)}
	return code, nil
}

func (b *fakeBackend) Enrol(_ context.Context, code, key string) (model.Account, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	c, ok := b.codes[code]
	if !ok || c.used || !b.now().Before(c.expires) {
		return model.Account{}, model.ErrCodeInvalid
	}
	if _, taken := b.keys[key]; taken {
		return model.Account{}, model.ErrKeyTaken
	}
	c.used = true
	b.codes[code] = c
	b.keys[key] = c.account
	return b.accounts[c.account], nil
}

func (b *fakeBackend) EnsureAdmin(ctx context.Context, name, key string) (model.Account, error) {
	b.mu.Lock()
	if id, ok := b.keys[key]; ok {
		a := b.accounts[id]
		a.Admin = true
		b.accounts[id] = a
		b.mu.Unlock()
		return a, nil
	}
	b.mu.Unlock()
	a, err := b.AddAccount(ctx, model.Account{Name: name, Type: model.ThirdParty, Role: model.RoleOffice, Admin: true, Lang: model.Ja})
	if err != nil {
		return a, err
	}
	b.mu.Lock()
	b.keys[key] = a.ID
	b.mu.Unlock()
	return a, nil
}

func (b *fakeBackend) AddMember(context.Context, int64, int64, model.CompanionType) error { return nil }
func (b *fakeBackend) RemoveMember(context.Context, int64, int64) error                   { return nil }
func (b *fakeBackend) Members(context.Context, int64) ([]model.Member, error)             { return nil, nil }
