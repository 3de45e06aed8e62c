package serve

import (
	"crypto/ed25519"
	"crypto/rand"
	"encoding/pem"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"

	gossh "golang.org/x/crypto/ssh"
)

// hostKey reads the server's host key at path, or makes an ed25519 key
// there (mode 0600) when there is none, so that clients see the same key
// on every start.
func hostKey(path string) (gossh.Signer, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		data, err = newHostKey(path)
	}
	if err != nil {
		return nil, fmt.Errorf("host key %s: %w", path, err)
	}
	signer, err := gossh.ParsePrivateKey(data)
	if err != nil {
		return nil, fmt.Errorf("host key %s: %w", path, err)
	}
	return signer, nil
}

func newHostKey(path string) ([]byte, error) {
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return nil, err
	}
	block, err := gossh.MarshalPrivateKey(priv, "bansou-serve host key")
	if err != nil {
		return nil, err
	}
	data := pem.EncodeToMemory(block)
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return nil, err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		os.Remove(path)
		return nil, err
	}
	if err := f.Close(); err != nil {
		os.Remove(path)
		return nil, err
	}
	return data, nil
}

// KeyString is a public key as accounts keep it: authorized_keys form
// without a comment.
func KeyString(k gossh.PublicKey) string {
	return strings.TrimSpace(string(gossh.MarshalAuthorizedKey(k)))
}

// ParseAdminKey reads an admin's public key: a line in authorized_keys form
// ("ssh-ed25519 AAAA… comment"), or the path of a .pub file holding one.
// It returns the key in the form accounts keep.
func ParseAdminKey(s string) (string, error) {
	data := []byte(s)
	if _, _, _, _, err := gossh.ParseAuthorizedKey(data); err != nil {
		file, ferr := os.ReadFile(s)
		if ferr != nil {
			return "", fmt.Errorf("admin key: neither a public key (ssh-ed25519 AAAA…) nor a readable file: %w", ferr)
		}
		data = file
	}
	k, _, _, _, err := gossh.ParseAuthorizedKey(data)
	if err != nil {
		return "", fmt.Errorf("admin key: not a public key in authorized_keys form: %w", err)
	}
	return KeyString(k), nil
}
