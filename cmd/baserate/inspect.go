package main

import (
	"context"
	"errors"
)

// cmdInspect is being built; see the issue that specifies it.
var cmdInspect = &command{
	name:  "inspect",
	short: "(not built yet)",
	usage: "baserate inspect",
	run: func(ctx context.Context, e *env, args []string) error {
		return errors.New("not built yet")
	},
}
