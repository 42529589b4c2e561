package main

import (
	"context"
	"errors"
)

// cmdFactsheet is being built; see the issue that specifies it.
var cmdFactsheet = &command{
	name:  "factsheet",
	short: "(not built yet)",
	usage: "baserate factsheet",
	run: func(ctx context.Context, e *env, args []string) error {
		return errors.New("not built yet")
	},
}
