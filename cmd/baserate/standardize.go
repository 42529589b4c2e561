package main

import (
	"context"
	"errors"
)

// cmdStandardize is being built; see the issue that specifies it.
var cmdStandardize = &command{
	name:  "standardize",
	short: "(not built yet)",
	usage: "baserate standardize",
	run: func(ctx context.Context, e *env, args []string) error {
		return errors.New("not built yet")
	},
}
