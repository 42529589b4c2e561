package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"

	"github.com/baserate/baserate"
)

// env is what a command may touch of the outside world, so tests can give
// it buffers instead of the process's files.
type env struct {
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
	getenv func(string) string
	log    *slog.Logger
}

func stdEnv() *env {
	return &env{
		stdin:  os.Stdin,
		stdout: os.Stdout,
		stderr: os.Stderr,
		getenv: os.Getenv,
		log:    slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn})),
	}
}

// command is one subcommand: its name, a one-line summary, its usage line,
// long help, and the function that runs it. A command with subs dispatches
// to them ("baserate media code").
type command struct {
	name  string
	short string
	usage string
	long  string
	run   func(ctx context.Context, e *env, args []string) error
	subs  []*command
}

// commands lists every subcommand in the order "baserate help" shows them.
// Each is defined in a file of its own.
func commands() []*command {
	return []*command{
		cmdStandardize,
		cmdFactsheet,
		cmdGLM,
		cmdMedia,
		cmdInspect,
		cmdConvert,
		cmdFetch,
		cmdServe,
		cmdIngest,
		cmdVersion,
	}
}

// usageError marks an error in how the command was called; it exits with 2.
type usageError struct{ msg string }

func (u *usageError) Error() string { return u.msg }

func usagef(format string, args ...any) error {
	return &usageError{msg: fmt.Sprintf(format, args...)}
}

// run executes the command line args and returns the process exit code:
// 0 on success, 2 for a usage error, 1 for any other error.
func run(ctx context.Context, args []string, e *env) int {
	if len(args) == 0 {
		printHelp(e.stderr, nil, commands())
		return 2
	}
	if args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		if len(args) > 1 {
			if c := find(commands(), args[1:]); c != nil {
				printHelp(e.stdout, c, c.subs)
				return 0
			}
			fmt.Fprintf(e.stderr, "baserate: unknown command %q\n", strings.Join(args[1:], " "))
			return 2
		}
		printHelp(e.stdout, nil, commands())
		return 0
	}
	cmds := commands()
	var c *command
	var path []string
	for {
		var next *command
		for _, k := range cmds {
			if k.name == args[0] {
				next = k
			}
		}
		if next == nil {
			if c != nil && len(c.subs) > 0 && c.run == nil {
				fmt.Fprintf(e.stderr, "baserate %s: unknown subcommand %q\n", strings.Join(path, " "), args[0])
				printHelp(e.stderr, c, c.subs)
				return 2
			}
			break
		}
		c = next
		path = append(path, args[0])
		args = args[1:]
		if len(c.subs) == 0 || len(args) == 0 {
			break
		}
		cmds = c.subs
	}
	if c == nil {
		fmt.Fprintf(e.stderr, "baserate: unknown command %q; run \"baserate help\"\n", args[0])
		return 2
	}
	if c.run == nil {
		printHelp(e.stderr, c, c.subs)
		return 2
	}
	err := c.run(ctx, e, args)
	if err == nil {
		return 0
	}
	name := "baserate " + strings.Join(path, " ")
	var ue *usageError
	switch {
	case errors.Is(err, flag.ErrHelp):
		return 0
	case errors.As(err, &ue):
		fmt.Fprintf(e.stderr, "%s: %v\nusage: %s\n", name, err, c.usage)
		return 2
	}
	fmt.Fprintf(e.stderr, "%s: %v\n", name, err)
	if baserate.KindOf(err) == baserate.KindInvalid {
		return 1
	}
	return 1
}

func find(cmds []*command, path []string) *command {
	var c *command
	for _, p := range path {
		c = nil
		for _, k := range cmds {
			if k.name == p {
				c = k
			}
		}
		if c == nil {
			return nil
		}
		cmds = c.subs
	}
	return c
}

func printHelp(w io.Writer, c *command, subs []*command) {
	if c == nil {
		fmt.Fprintln(w, "baserate checks claims about migration and crime against official statistics.")
		fmt.Fprintln(w, "\nUsage: baserate <command> [flags]\n\nCommands:")
	} else {
		fmt.Fprintf(w, "usage: %s\n\n", c.usage)
		if c.long != "" {
			fmt.Fprintln(w, strings.TrimSpace(c.long))
		}
		if len(subs) > 0 {
			fmt.Fprintln(w, "\nSubcommands:")
		}
	}
	for _, s := range subs {
		fmt.Fprintf(w, "  %-12s %s\n", s.name, s.short)
	}
	if c == nil {
		fmt.Fprintln(w, "\nRun \"baserate help <command>\" for a command's flags.")
	}
}

// newFlags returns a flag set for c that reports errors instead of exiting
// and prints c's usage and flags on -h.
func newFlags(c *command, e *env) *flag.FlagSet {
	fs := flag.NewFlagSet(c.name, flag.ContinueOnError)
	// The flag package writes a parse error to the output and then calls
	// Usage; the error comes back from parseArgs and run prints it once
	// with the usage line, so here it is swallowed, and Usage prints the
	// whole help only when no error preceded it (-h).
	out := &flagErrors{}
	fs.SetOutput(out)
	fs.Usage = func() {
		if out.failed {
			return
		}
		fmt.Fprintf(e.stderr, "usage: %s\n", c.usage)
		if c.long != "" {
			fmt.Fprintf(e.stderr, "\n%s\n", strings.TrimSpace(c.long))
		}
		fmt.Fprintln(e.stderr, "\nFlags:")
		fs.SetOutput(e.stderr)
		fs.PrintDefaults()
		fs.SetOutput(out)
	}
	return fs
}

// flagErrors takes the flag package's error messages and notes that one
// came.
type flagErrors struct{ failed bool }

func (f *flagErrors) Write(p []byte) (int, error) {
	f.failed = true
	return len(p), nil
}

// parseArgs parses flags that may come before, between or after positional
// arguments ("inspect FILE --format json") and returns the positionals.
// A lone "--" ends flag parsing.
func parseArgs(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			return nil, &usageError{msg: err.Error()}
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, nil
		}
		// flag stops at the first non-flag; "--" is consumed by Parse, so
		// check whether the previous argument was "--".
		consumed := len(args) - len(rest)
		if consumed > 0 && args[consumed-1] == "--" {
			return append(pos, rest...), nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}
