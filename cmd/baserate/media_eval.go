package main

import (
	"context"
	"errors"
)

// cmdMediaEval is being built; see the issue that specifies it.
var cmdMediaEval = &command{
	name:  "eval",
	short: "(not built yet)",
	usage: "baserate media eval",
	run: func(ctx context.Context, e *env, args []string) error {
		return errors.New("not built yet")
	},
}
