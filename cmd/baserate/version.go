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
	long: `
Version prints the module version of baserate and, for a build from a
repository, the commit it was built from ("(devel)" for "go run"). It
takes no arguments; "baserate --version" is the same.`,
}

func init() { cmdVersion.run = runVersion }

func runVersion(ctx context.Context, e *env, args []string) error {
	fs := newFlags(cmdVersion, e)
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("unexpected argument %q", pos[0])
	}
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
	_, err = fmt.Fprintf(e.stdout, "baserate %s\n", v)
	return err
}
