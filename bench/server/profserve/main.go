// Command profserve runs the baserate server in-process on loopback with
// the CPU profiler on, so that a wrk run against it shows where a request's
// time goes. It prints the address it serves on ("profserve: serving
// http://127.0.0.1:PORT/"), profiles for -d after -wait, and serves until
// it is interrupted. Used by hand, as the header of bench/server/run.sh
// shows:
//
//	go run ./bench/server/profserve -addr 127.0.0.1:0 -cpuprofile cpu.out -wait 3s -d 20s
package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"runtime/pprof"
	"syscall"
	"time"

	"github.com/baserate/baserate/server"
	"github.com/baserate/baserate/store"
	"github.com/baserate/baserate/store/ingest"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:0", "address to listen on")
	prof := flag.String("cpuprofile", "cpu.out", "CPU profile file")
	wait := flag.Duration("wait", 0, "time to wait after start before profiling (warm-up)")
	dur := flag.Duration("d", 30*time.Second, "how long to profile")
	flag.Parse()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, *addr, *prof, *wait, *dur); err != nil {
		log.Fatal(err)
	}
}

func run(ctx context.Context, addr, prof string, wait, dur time.Duration) error {
	st, err := store.Open(ctx, "", store.Options{})
	if err != nil {
		return err
	}
	defer st.Close()
	if err := ingest.Bundle(ctx, st); err != nil {
		return err
	}
	eng, err := server.DefaultEngines()
	if err != nil {
		return err
	}
	s, err := server.New(server.Config{Store: st, Engines: eng})
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	fmt.Printf("profserve: serving http://%s/\n", ln.Addr())
	go func() {
		select {
		case <-time.After(wait):
		case <-ctx.Done():
			return
		}
		f, err := os.Create(prof)
		if err != nil {
			log.Print(err)
			return
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			log.Print(err)
			return
		}
		select {
		case <-time.After(dur):
		case <-ctx.Done():
		}
		pprof.StopCPUProfile()
		fmt.Println("profserve: profile written to", prof)
	}()
	return server.ServeListener(ctx, ln, s.Handler(), slog.New(slog.DiscardHandler), server.DefaultTimeouts)
}
