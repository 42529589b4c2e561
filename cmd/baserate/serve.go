package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math"
	"net"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/baserate/baserate/server"
	"github.com/baserate/baserate/store"
	"github.com/baserate/baserate/store/ingest"
)

var cmdServe = &command{
	name:  "serve",
	short: "serve the dashboard and the JSON API on the embedded store",
	usage: "baserate serve [--addr 127.0.0.1:8080] [--store FILE] [--admin-token TOKEN] [--timeout 15s] [--max-body 1MiB] [--verbose]",
	long: `
Serve answers the dashboard pages (overview, fact sheet, media, claim check,
incident in context) and the JSON API under /api/v1/ (described at
/api/v1/openapi.json), from an embedded SQLite store.

Without --store, the store is built in memory from the bundled data at start.
With --store FILE, the file is opened, and created from the bundled data if
it does not exist yet.

The server is read-only unless an admin token is set with --admin-token or
the BASERATE_ADMIN_TOKEN environment variable; then POST /api/v1/admin/ingest
accepts tables and coded corpora from requests that carry
"Authorization: Bearer TOKEN". It stops cleanly on SIGINT or SIGTERM.

Example:

  baserate serve --addr 127.0.0.1:8080
  # then open http://127.0.0.1:8080/ in a browser, or ask the API:
  curl -s '127.0.0.1:8080/api/v1/factsheet?year=2023&offence=890000'

More in docs/server.md.`,
}

func init() { cmdServe.run = runServe }

func runServe(ctx context.Context, e *env, args []string) error {
	fs := newFlags(cmdServe, e)
	addr := fs.String("addr", "127.0.0.1:8080", "`host:port` to listen on (port 0 picks a free port)")
	path := fs.String("store", "", "store `file` (default: in memory, built from the bundled data)")
	token := fs.String("admin-token", "", "bearer `token` that enables the admin endpoints (default: $BASERATE_ADMIN_TOKEN; empty = read-only)")
	timeout := fs.Duration("timeout", 15*time.Second, "longest time spent on one request")
	maxBody := byteSize(1 << 20)
	fs.Var(&maxBody, "max-body", "largest request `size`, in bytes or with a unit (512KiB, 1MiB, 2MB; admin ingests: 256 MiB)")
	verbose := fs.Bool("verbose", false, "log every request")
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("unexpected argument %q", pos[0])
	}
	if _, port, err := net.SplitHostPort(*addr); err != nil || port == "" {
		return usagef("--addr %q: give host:port, such as 127.0.0.1:8080 (:8080 listens on every interface, port 0 picks a free one)", *addr)
	}
	if *timeout <= 0 {
		return usagef("--timeout must be positive, not %v", *timeout)
	}
	if maxBody <= 0 {
		return usagef("--max-body must be positive, not %v", maxBody)
	}
	if *token == "" {
		*token = e.getenv("BASERATE_ADMIN_TOKEN")
	}
	// Stop cleanly on SIGINT and SIGTERM whoever started us (main does
	// this too; the test harness does not).
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()
	log := e.log
	if *verbose {
		log = slog.New(slog.NewTextHandler(e.stderr, &slog.HandlerOptions{Level: slog.LevelDebug}))
	}
	st, built, err := openServeStore(ctx, *path, *token == "", log)
	if err != nil {
		return err
	}
	defer st.Close()
	eng, err := server.DefaultEngines()
	if err != nil {
		return err
	}
	srv, err := server.New(server.Config{
		Store:          st,
		Engines:        eng,
		Log:            log,
		AdminToken:     *token,
		RequestTimeout: *timeout,
		MaxBody:        int64(maxBody),
	})
	if err != nil {
		return err
	}
	where := "in memory"
	if *path != "" {
		where = *path
	}
	if built {
		where += ", built from the bundled data"
	}
	mode := "read-only"
	if *token != "" {
		mode = "admin endpoints on"
	}
	err = server.Serve(ctx, *addr, srv.Handler(), log, func(a net.Addr) {
		fmt.Fprintf(e.stdout, "baserate: serving http://%s/ (store %s; %s)\n", a, where, mode)
	})
	if errors.Is(err, syscall.EADDRINUSE) {
		return fmt.Errorf("%w (another program, perhaps another baserate serve, listens on %s: stop it, or choose another port with --addr, such as --addr 127.0.0.1:8081, or --addr 127.0.0.1:0 for any free port)", err, *addr)
	}
	return err
}

// byteSize is a flag holding a number of bytes, given plainly (1048576)
// or with a binary (KiB, MiB, GiB) or decimal (KB, MB, GB) unit.
type byteSize int64

var byteUnits = []struct {
	name string
	n    int64
}{{"GiB", 1 << 30}, {"MiB", 1 << 20}, {"KiB", 1 << 10}, {"GB", 1e9}, {"MB", 1e6}, {"KB", 1e3}, {"B", 1}}

func (b *byteSize) String() string {
	for _, u := range byteUnits {
		if *b != 0 && int64(*b)%u.n == 0 {
			return strconv.FormatInt(int64(*b)/u.n, 10) + u.name
		}
	}
	return strconv.FormatInt(int64(*b), 10)
}

func (b *byteSize) Set(s string) error {
	num, mult := strings.TrimSpace(s), int64(1)
	for _, u := range byteUnits {
		if len(num) > len(u.name) && strings.EqualFold(num[len(num)-len(u.name):], u.name) {
			num, mult = strings.TrimSpace(num[:len(num)-len(u.name)]), u.n
			break
		}
	}
	n, err := strconv.ParseInt(num, 10, 64)
	if err != nil || n > math.MaxInt64/mult {
		return errors.New("want bytes, such as 1048576, or a size with a unit, such as 1MiB or 512KiB")
	}
	*b = byteSize(n * mult)
	return nil
}

// openServeStore opens the store for serving. A missing file, or no file,
// gets a store built from the bundled data; an existing file is opened
// read-only unless writes are wanted.
func openServeStore(ctx context.Context, path string, readOnly bool, log *slog.Logger) (st *store.Store, built bool, err error) {
	if path != "" {
		if _, err := os.Stat(path); err == nil {
			st, err := store.Open(ctx, path, store.Options{ReadOnly: readOnly, Log: log})
			return st, false, err
		}
	}
	st, err = store.Open(ctx, path, store.Options{Log: log})
	if err != nil {
		return nil, false, err
	}
	if err := ingest.Bundle(ctx, st); err != nil {
		st.Close()
		if path != "" {
			os.Remove(path)
			os.Remove(path + "-wal")
			os.Remove(path + "-shm")
		}
		return nil, false, err
	}
	return st, true, nil
}
