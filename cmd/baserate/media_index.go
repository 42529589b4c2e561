package main

import (
	"context"
	"errors"
)

// cmdMediaIndex is being built; see the issue that specifies it.
var cmdMediaIndex = &command{
	name:  "index",
	short: "(not built yet)",
	usage: "baserate media index",
	run: func(ctx context.Context, e *env, args []string) error {
		return errors.New("not built yet")
	},
}
