package main

import (
	"context"
	"errors"
)

// cmdServe is being built; see the issue that specifies it.
var cmdServe = &command{
	name:  "serve",
	short: "(not built yet)",
	usage: "baserate serve",
	run: func(ctx context.Context, e *env, args []string) error {
		return errors.New("not built yet")
	},
}
