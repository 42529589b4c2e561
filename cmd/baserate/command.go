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
	if isHelp(args[0]) {
		if len(args) > 1 {
			if c := find(commands(), args[1:]); c != nil {
				return commandHelp(ctx, e, c)
			}
			fmt.Fprintf(e.stderr, "baserate: unknown command %q%s\n", strings.Join(args[1:], " "), commandHint(args[len(args)-1], commands()))
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
				if isHelp(args[0]) {
					printHelp(e.stdout, c, c.subs)
					return 0
				}
				fmt.Fprintf(e.stderr, "baserate %s: unknown subcommand %q%s\n", strings.Join(path, " "), args[0], commandHint(args[0], c.subs))
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
		fmt.Fprintf(e.stderr, "baserate: unknown command %q%s; run \"baserate help\"\n", args[0], commandHint(args[0], cmds))
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
		fmt.Fprintf(e.stderr, "%s: %s\nusage: %s\n", name, baserate.Message(err), c.usage)
		return 2
	}
	// Message leaves out the ops that name Go code ("rate.Compare: ").
	fmt.Fprintf(e.stderr, "%s: %s\n", name, baserate.Message(err))
	if hint := missingFileHint(err); hint != "" {
		fmt.Fprintf(e.stderr, "%s: %s\n", name, hint)
	}
	if baserate.KindOf(err) == baserate.KindInvalid {
		return 1
	}
	return 1
}

// isHelp reports whether arg asks for help.
func isHelp(arg string) bool {
	return arg == "help" || arg == "-h" || arg == "--help" || arg == "-help"
}

// commandHelp prints c's whole help to standard output: for a command
// with subcommands the list of them, for any other its usage, its long
// help and its flags (as -h prints them).
func commandHelp(ctx context.Context, e *env, c *command) int {
	if c.run == nil || len(c.subs) > 0 {
		printHelp(e.stdout, c, c.subs)
		return 0
	}
	out := *e
	out.stderr = e.stdout
	if err := c.run(ctx, &out, []string{"-h"}); err != nil && !errors.Is(err, flag.ErrHelp) {
		fmt.Fprintf(e.stderr, "baserate %s: %v\n", c.name, err)
		return 1
	}
	return 0
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
		fmt.Fprintf(w, "usage: %s\n", c.usage)
		if c.long != "" {
			fmt.Fprintf(w, "\n%s\n", strings.TrimSpace(c.long))
		}
		if len(subs) > 0 {
			fmt.Fprintln(w, "\nSubcommands:")
		}
	}
	for _, s := range subs {
		fmt.Fprintf(w, "  %-12s %s\n", s.name, s.short)
	}
	if c == nil {
		fmt.Fprintln(w, "\nRun \"baserate help <command>\" (or \"baserate <command> -h\") for a command's flags and an example.")
		fmt.Fprintln(w, "\nStart with the bundled police statistics, or the dashboard:\n  baserate factsheet --year 2023 --offence 890000\n  baserate serve --addr 127.0.0.1:8080")
	} else if len(subs) > 0 {
		fmt.Fprintf(w, "\nRun \"baserate help %s <subcommand>\" for its flags.\n", c.name)
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
			return nil, &usageError{msg: err.Error() + flagHint(fs, err.Error())}
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
