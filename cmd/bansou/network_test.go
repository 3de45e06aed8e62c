package main

import (
	"os/exec"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// TestNothingReachesTheNetwork: no part of bansou can open a network
// connection. Two checks, both on what is really built:
//
// The dependency graph of bansou holds no HTTP, TLS, RPC or mail client and
// no golang.org/x/net package but the HTML parser; of net itself only the
// address types are used, by the packages allowed below.
//
// The built binary's symbol table holds no function that creates a socket
// or resolves a name: Go's dialers, listeners and resolver, socket(2),
// connect(2), bind(2) and listen(2) in syscall and golang.org/x/sys/unix,
// and the socket functions of modernc.org/libc (the C library the SQLite
// driver is translated against). The Go linker leaves out every function
// that nothing can call, so a function missing from the table is one that
// no path through bansou reaches.
//
// What it does not prove: raw system calls made with a number computed at
// run time (syscall.Syscall and libc's __syscall wrappers are in the binary,
// for file I/O), and what a program bansou starts does (the only one is
// "tmux info", run by the colour detection when $TMUX is set, which talks
// to the local tmux server).
func TestNothingReachesTheNetwork(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", "-f", `{{.ImportPath}}{{range .Imports}} {{.}}{{end}}`, ".").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	forbidden := regexp.MustCompile(`^(net/(http|rpc|smtp|mail|textproto)|crypto/tls|golang\.org/x/net/|google\.golang\.org/grpc|github\.com/gorilla/websocket|nhooyr\.io/websocket)`)
	allowed := []string{"net/url", "net/netip", "golang.org/x/net/html", "golang.org/x/net/html/atom"}
	// Packages allowed to import net: for its address types only.
	netUsers := []string{
		"github.com/spf13/pflag", // flags holding IP addresses
		"github.com/google/uuid", // node ids from a network interface (unused, and left out of the binary)
		"vendor/golang.org/x/net/dns/dnsmessage",
	}
	packages := 0
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		fields := strings.Fields(line)
		pkg, imports := fields[0], fields[1:]
		packages++
		if forbidden.MatchString(pkg) && !slices.Contains(allowed, pkg) {
			t.Errorf("bansou depends on %s", pkg)
		}
		if slices.Contains(imports, "net") && !slices.Contains(netUsers, pkg) && pkg != "net" {
			t.Errorf("%s imports net: check that it opens no connection, then allow it here", pkg)
		}
	}
	if packages < 100 {
		t.Fatalf("go list gave only %d packages", packages)
	}

	out, err = exec.Command("go", "tool", "nm", binary).Output()
	if err != nil {
		t.Fatalf("go tool nm: %v", err)
	}
	socket := regexp.MustCompile(`^(` +
		`net\.(Dial|DialTimeout|DialTCP|DialUDP|DialIP|DialUnix|Listen|ListenPacket|ListenTCP|ListenUDP|ListenUnix|ListenUnixgram|ListenIP|ListenMulticastUDP|LookupHost|LookupIP|LookupAddr|LookupCNAME|ResolveTCPAddr|ResolveUDPAddr|ResolveIPAddr|Interfaces|InterfaceAddrs|socket|sysSocket|internetSocket)$` +
		`|net\.\(\*(Dialer|ListenConfig|Resolver|sysDialer|netFD)\)\.` +
		`|(syscall|golang\.org/x/sys/unix)\.(Socket|Connect|Bind|Listen|socket|connect|bind|listen|Socketpair|socketpair)$` +
		`|modernc\.org/libc\.X(socket|connect|bind|listen|getaddrinfo|gethostbyname|gethostbyname_r|gethostbyaddr|res_query|sendto|sendmsg)$` +
		`|net/http\.|crypto/tls\.|golang\.org/x/net/http)`)
	var symbols, found []string
	for _, line := range strings.Split(string(out), "\n") {
		f := strings.Fields(line)
		if len(f) < 3 {
			continue
		}
		name := strings.Join(f[2:], " ")
		symbols = append(symbols, name)
		if socket.MatchString(name) {
			found = append(found, name)
		}
	}
	if len(found) > 0 {
		t.Errorf("the binary holds functions that open sockets or resolve names:\n%s", strings.Join(found, "\n"))
	}
	// The table is the one expected: bansou's own code, the C library's
	// file functions and the system calls for files are listed, so their
	// socket functions would be too.
	for _, want := range []string{"main.main", "modernc.org/libc.Xopen", "syscall.Fstat", "net.ParseCIDR"} {
		if !slices.Contains(symbols, want) {
			t.Errorf("the symbol table lacks %s: the check would see nothing", want)
		}
	}
}
