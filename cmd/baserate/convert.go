package main

import (
	"context"
	"errors"
)

// cmdConvert is being built; see the issue that specifies it.
var cmdConvert = &command{
	name:  "convert",
	short: "(not built yet)",
	usage: "baserate convert",
	run: func(ctx context.Context, e *env, args []string) error {
		return errors.New("not built yet")
	},
}
