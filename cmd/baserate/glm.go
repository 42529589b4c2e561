package main

import (
	"context"
	"errors"
)

// cmdGLM is being built; see the issue that specifies it.
var cmdGLM = &command{
	name:  "glm",
	short: "(not built yet)",
	usage: "baserate glm",
	run: func(ctx context.Context, e *env, args []string) error {
		return errors.New("not built yet")
	},
}
