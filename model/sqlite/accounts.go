package sqlite

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"time"

	"bansou/model"
)

var _ model.Accounts = (*Store)(nil)

// Account is the person the store reads and writes for (As); the zero
// Account for the single user.
func (s *Store) Account() model.Account { return s.account }

const accountColumns = `id, name, type, role, admin, accessible, lang, created_at`

func scanAccount(row interface{ Scan(...any) error }) (model.Account, error) {
	var a model.Account
	var created string
	err := row.Scan(&a.ID, &a.Name, &a.Type, &a.Role, &a.Admin, &a.Accessible, &a.Lang, &created)
	a.CreatedAt = parseTS(created)
	return a, err
}

// checkAccount refuses a person without a name, or with an unknown type,
// role or language.
func checkAccount(a *model.Account) error {
	a.Name = strings.TrimSpace(model.SingleLine(a.Name))
	if a.Type == "" {
		a.Type = model.Sending
	}
	if a.Role == "" {
		a.Role = model.RoleCompanion
	}
	if a.Lang == "" {
		a.Lang = model.Ja
	}
	switch {
	case a.Name == "":
		return errors.New("a person needs a name")
	case !a.Type.Valid():
		return fmt.Errorf("unknown companion type %q (sending, host or third_party)", a.Type)
	case !a.Role.Valid():
		return fmt.Errorf("unknown role %q (companion, facilitator or office)", a.Role)
	case a.Lang != model.Ja && a.Lang != model.En:
		return fmt.Errorf("unknown language %q (ja or en)", a.Lang)
	}
	return nil
}

// mayManage refuses to manage people on the store of a person who is not
// an admin: a code for another person would let them enrol a key of their
// own as that person. Open's store, the operator's, manages everyone.
func (s *Store) mayManage(what string) error {
	if s.who.scoped() && !s.account.Admin {
		return fmt.Errorf("%s: %w", what, model.ErrNotAllowed)
	}
	return nil
}

// AddAccount saves a new person.
func (s *Store) AddAccount(ctx context.Context, a model.Account) (model.Account, error) {
	if err := s.mayManage("adding a person"); err != nil {
		return a, err
	}
	if err := checkAccount(&a); err != nil {
		return a, err
	}
	a.CreatedAt = s.now()
	err := s.tx(ctx, func(tx *sql.Tx) error {
		if err := nameFree(ctx, tx, a.Name, 0); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO accounts (name, type, role, admin, accessible, lang, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, a.Name, string(a.Type), string(a.Role), a.Admin, a.Accessible, string(a.Lang), ts(a.CreatedAt))
		if err != nil {
			return err
		}
		a.ID, err = res.LastInsertId()
		return err
	})
	return a, err
}

// nameFree refuses a name another person (not id) has.
func nameFree(ctx context.Context, tx *sql.Tx, name string, id int64) error {
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM accounts WHERE name = ? AND id <> ?`, name, id).Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		return fmt.Errorf("%s: %w", name, model.ErrNameTaken)
	}
	return nil
}

// UpdateAccount changes a person's details.
func (s *Store) UpdateAccount(ctx context.Context, a model.Account) (model.Account, error) {
	if err := s.mayManage("changing a person"); err != nil {
		return a, err
	}
	if err := checkAccount(&a); err != nil {
		return a, err
	}
	err := s.tx(ctx, func(tx *sql.Tx) error {
		if err := nameFree(ctx, tx, a.Name, a.ID); err != nil {
			return err
		}
		var created string
		err := tx.QueryRowContext(ctx, `UPDATE accounts SET name = ?, type = ?, role = ?, admin = ?, accessible = ?, lang = ?
			WHERE id = ? RETURNING created_at`, a.Name, string(a.Type), string(a.Role), a.Admin, a.Accessible, string(a.Lang), a.ID).
			Scan(&created)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("person %d: %w", a.ID, model.ErrNotFound)
		}
		a.CreatedAt = parseTS(created)
		return err
	})
	return a, err
}

// AccountList lists every person by name.
func (s *Store) AccountList(ctx context.Context) ([]model.Account, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+accountColumns+` FROM accounts ORDER BY name, id`)
	if err != nil {
		return nil, classify(s.path, err)
	}
	defer rows.Close()
	var out []model.Account
	for rows.Next() {
		a, err := scanAccount(rows)
		if err != nil {
			return nil, classify(s.path, err)
		}
		if s.who.scoped() && !s.account.Admin && !s.who.office() && a.ID != s.who.id {
			// Names, kinds and roles are for choosing members; who uses the
			// accessible mode (a screen reader, say), who is an admin and in
			// which language are each person's own.
			a.Admin, a.Accessible, a.Lang = false, false, ""
		}
		out = append(out, a)
	}
	return out, classify(s.path, rows.Err())
}

// AccountByKey returns the person a key is enrolled to.
func (s *Store) AccountByKey(ctx context.Context, key string) (model.Account, error) {
	a, err := scanAccount(s.db.QueryRowContext(ctx, `SELECT `+accountColumns+` FROM accounts
		WHERE id = (SELECT account_id FROM account_keys WHERE key = ?)`, strings.TrimSpace(key)))
	if errors.Is(err, sql.ErrNoRows) {
		return a, fmt.Errorf("key: %w", model.ErrNotFound)
	}
	return a, classify(s.path, err)
}

// codeAlphabet has no letters that are easily taken for others (0/O, 1/I/L).
const codeAlphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"

// codeLength gives a code of about 59 bits: enough against guessing with
// the attempts a server allows.
const codeLength = 12

// NewCode makes a one-time enrolment code for a person, valid for ttl, and
// keeps only its hash.
func (s *Store) NewCode(ctx context.Context, accountID int64, ttl time.Duration) (string, error) {
	self := s.who.scoped() && accountID == s.who.id
	if err := s.mayManage("an enrolment code"); err != nil && !self {
		return "", err
	}
	b := make([]byte, codeLength)
	rand.Read(b) // never fails (crypto/rand)
	for i := range b {
		b[i] = codeAlphabet[int(b[i])%len(codeAlphabet)]
	}
	code := string(b[:4]) + "-" + string(b[4:8]) + "-" + string(b[8:])
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM accounts WHERE id = ?`, accountID).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return fmt.Errorf("person %d: %w", accountID, model.ErrNotFound)
		}
		if s.who.scoped() && !self {
			// An admin's code for someone who has a key would let the admin
			// become them: only their first key is an admin's to start.
			if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM account_keys WHERE account_id = ?`, accountID).Scan(&n); err != nil {
				return err
			}
			if n > 0 {
				return fmt.Errorf("person %d: %w", accountID, model.ErrHasKey)
			}
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO enrolment_codes (hash, account_id, expires_at) VALUES (?, ?, ?)`,
			codeHash(code), accountID, ts(s.now().Add(ttl)))
		return err
	})
	if err != nil {
		return "", err
	}
	return code, nil
}

// codeHash is the hash kept of a code, read as typed: case, spaces and
// dashes do not matter.
func codeHash(code string) string {
	c := strings.ToUpper(strings.NewReplacer("-", "", " ", "", "　", "", "ー", "").Replace(strings.TrimSpace(code)))
	sum := sha256.Sum256([]byte(c))
	return hex.EncodeToString(sum[:])
}

// Enrol spends a code on a key.
func (s *Store) Enrol(ctx context.Context, code, key string) (model.Account, error) {
	key = strings.TrimSpace(key)
	var id int64
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var expires, used string
		err := tx.QueryRowContext(ctx, `SELECT account_id, expires_at, used_at FROM enrolment_codes WHERE hash = ?`,
			codeHash(code)).Scan(&id, &expires, &used)
		if errors.Is(err, sql.ErrNoRows) || err == nil && (used != "" || !s.now().Before(parseTS(expires))) {
			return model.ErrCodeInvalid
		}
		if err != nil {
			return err
		}
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM account_keys WHERE key = ?`, key).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return model.ErrKeyTaken
		}
		if _, err := tx.ExecContext(ctx, `UPDATE enrolment_codes SET used_at = ? WHERE hash = ?`, ts(s.now()), codeHash(code)); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO account_keys (key, account_id, added_at) VALUES (?, ?, ?)`, key, id, ts(s.now()))
		return err
	})
	if err != nil {
		return model.Account{}, err
	}
	return s.accountByID(ctx, id)
}

func (s *Store) accountByID(ctx context.Context, id int64) (model.Account, error) {
	a, err := scanAccount(s.db.QueryRowContext(ctx, `SELECT `+accountColumns+` FROM accounts WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return a, fmt.Errorf("person %d: %w", id, model.ErrNotFound)
	}
	return a, classify(s.path, err)
}

// EnsureAdmin makes sure a key is an admin's. Only the operator does, on
// the command line: a person's store refuses.
func (s *Store) EnsureAdmin(ctx context.Context, name, key string) (model.Account, error) {
	if s.who.scoped() {
		return model.Account{}, fmt.Errorf("making an admin: %w", model.ErrNotAllowed)
	}
	key = strings.TrimSpace(key)
	a, err := s.AccountByKey(ctx, key)
	switch {
	case err == nil && a.Admin:
		return a, nil
	case err == nil:
		a.Admin = true
		return s.UpdateAccount(ctx, a)
	case !errors.Is(err, model.ErrNotFound):
		return a, err
	}
	a = model.Account{Name: name, Role: model.RoleCompanion, Admin: true}
	if err := checkAccount(&a); err != nil {
		return a, err
	}
	a.CreatedAt = s.now()
	err = s.tx(ctx, func(tx *sql.Tx) error {
		if err := nameFree(ctx, tx, a.Name, 0); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO accounts (name, type, role, admin, accessible, lang, created_at)
			VALUES (?, ?, ?, 1, 0, ?, ?)`, a.Name, string(a.Type), string(a.Role), string(a.Lang), ts(a.CreatedAt))
		if err != nil {
			return err
		}
		if a.ID, err = res.LastInsertId(); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO account_keys (key, account_id, added_at) VALUES (?, ?, ?)`, key, a.ID, ts(a.CreatedAt))
		return err
	})
	return a, err
}

// AddMember makes a person a member of an engagement.
func (s *Store) AddMember(ctx context.Context, engagementID, accountID int64, t model.CompanionType) error {
	if !t.Valid() {
		return fmt.Errorf("unknown companion type %q", t)
	}
	defer s.announceMembers(engagementID)
	return s.tx(ctx, func(tx *sql.Tx) error {
		if err := s.mayChange(ctx, tx, engagementID); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO members (engagement_id, account_id, type) VALUES (?, ?, ?)
			ON CONFLICT (account_id, engagement_id) DO UPDATE SET type = excluded.type`, engagementID, accountID, string(t))
		return err
	})
}

// RemoveMember ends a person's membership.
func (s *Store) RemoveMember(ctx context.Context, engagementID, accountID int64) error {
	defer s.announceMembers(engagementID)
	return s.tx(ctx, func(tx *sql.Tx) error {
		if err := s.mayChange(ctx, tx, engagementID); err != nil {
			return err
		}
		if s.who.scoped() && !s.who.office() && accountID != s.who.id {
			// A member leaves; only the office takes someone else off.
			return fmt.Errorf("engagement %d: %w", engagementID, model.ErrNotAllowed)
		}
		_, err := tx.ExecContext(ctx, `DELETE FROM members WHERE engagement_id = ? AND account_id = ?`, engagementID, accountID)
		return err
	})
}

// Members lists an engagement's members by name.
func (s *Store) Members(ctx context.Context, engagementID int64) ([]model.Member, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT m.account_id, a.name, m.type FROM members m
		JOIN accounts a ON a.id = m.account_id WHERE m.engagement_id = ? AND `+s.member("m.engagement_id")+`
		ORDER BY a.name, a.id`, engagementID)
	if err != nil {
		return nil, classify(s.path, err)
	}
	defer rows.Close()
	var out []model.Member
	for rows.Next() {
		var m model.Member
		if err := rows.Scan(&m.AccountID, &m.Name, &m.Type); err != nil {
			return nil, classify(s.path, err)
		}
		out = append(out, m)
	}
	return out, classify(s.path, rows.Err())
}

// mayChange refuses a change to an engagement the store's person is not a
// member of (the office changes any; the single user changes everything),
// and an engagement that is not there.
func (s *Store) mayChange(ctx context.Context, tx *sql.Tx, engagementID int64) error {
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM engagements WHERE id = ?`, engagementID).Scan(&n); err != nil {
		return err
	}
	if n == 0 {
		return fmt.Errorf("engagement %d: %w", engagementID, model.ErrNotFound)
	}
	// An admin is no exception: a member of an engagement would read it.
	if !s.who.scoped() || s.who.office() {
		return nil
	}
	cond := s.member("?")
	if err := tx.QueryRowContext(ctx, `SELECT `+cond, engagementID).Scan(&n); err != nil {
		return err
	}
	if n == 0 {
		return fmt.Errorf("engagement %d: %w", engagementID, model.ErrNotAllowed)
	}
	return nil
}

// For is As for a server (serve.Backend): a store for one connection of a
// person.
func (s *Store) For(a model.Account) (model.Store, error) { return s.As(a), nil }
