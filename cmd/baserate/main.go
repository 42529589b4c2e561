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
	code := run(ctx, os.Args[1:], stdEnv())
	stop()
	os.Exit(code)
}
