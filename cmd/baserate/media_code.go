package main

import (
	"context"
	"errors"
)

// cmdMediaCode is being built; see the issue that specifies it.
var cmdMediaCode = &command{
	name:  "code",
	short: "(not built yet)",
	usage: "baserate media code",
	run: func(ctx context.Context, e *env, args []string) error {
		return errors.New("not built yet")
	},
}
