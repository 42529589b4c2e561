// Command baserate checks claims about migration and crime against official
// statistics, count models and media coverage. See "baserate help".
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	// The first Ctrl-C cancels ctx and the command winds down; after it the
	// signals get their default action again, so a second Ctrl-C stops a
	// command that does not.
	go func() {
		<-ctx.Done()
		stop()
	}()
	code := run(ctx, os.Args[1:], stdEnv())
	stop()
	os.Exit(code)
}
