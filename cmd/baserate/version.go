package main

import (
	"context"
	"fmt"
	"runtime/debug"
)

var cmdVersion = &command{
	name:  "version",
	short: "print the version of baserate",
	usage: "baserate version",
	run: func(ctx context.Context, e *env, args []string) error {
		v := "(devel)"
		if bi, ok := debug.ReadBuildInfo(); ok {
			if bi.Main.Version != "" {
				v = bi.Main.Version
			}
			for _, s := range bi.Settings {
				if s.Key == "vcs.revision" {
					v += " " + s.Value
				}
			}
		}
		fmt.Fprintf(e.stdout, "baserate %s\n", v)
		return nil
	},
}
