package main

import (
	"context"
	"errors"
)

// cmdIngest is being built; see the issue that specifies it.
var cmdIngest = &command{
	name:  "ingest",
	short: "(not built yet)",
	usage: "baserate ingest",
	run: func(ctx context.Context, e *env, args []string) error {
		return errors.New("not built yet")
	},
}
