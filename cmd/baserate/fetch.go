package main

import (
	"context"
	"errors"
)

// cmdFetch is being built; see the issue that specifies it.
var cmdFetch = &command{
	name:  "fetch",
	short: "(not built yet)",
	usage: "baserate fetch",
	run: func(ctx context.Context, e *env, args []string) error {
		return errors.New("not built yet")
	},
}
