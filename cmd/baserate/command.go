package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"reflect"
	"strings"
	"syscall"

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
// 0 on success, 2 for a usage error, 1 for any other error (a command
// interrupted by Ctrl-C says "interrupted" and exits 1).
//
// A failed write to standard output (a full disk, a closed descriptor) is
// an error too, so that "baserate factsheet ... > /dev/full" does not exit
// 0 having written nothing; a reader that went away ("| head -1") ends the
// command quietly.
func run(ctx context.Context, args []string, e *env) int {
	out := &outWriter{w: e.stdout}
	ee := *e
	ee.stdout = out
	code := dispatch(ctx, args, &ee)
	if out.err == nil {
		return code
	}
	if errors.Is(out.err, syscall.EPIPE) {
		if code == 0 {
			code = 1
		}
		return code
	}
	if code == 0 {
		name := "baserate"
		if c := resolve(args); c != "" {
			name += " " + c
		}
		fmt.Fprintf(e.stderr, "%s: writing the output: %v\n", name, out.err)
		return 1
	}
	return code
}

// outWriter passes writes on to w and keeps the first error; after one it
// writes nothing more and reports the same error.
type outWriter struct {
	w   io.Writer
	err error
}

func (o *outWriter) Write(p []byte) (int, error) {
	if o.err != nil {
		return 0, o.err
	}
	n, err := o.w.Write(p)
	if err != nil {
		o.err = err
	}
	return n, err
}

// resolve returns the path of the command args name ("media code"), or ""
// when the first argument is not a command.
func resolve(args []string) string {
	cmds := commands()
	var path []string
	for _, a := range args {
		var next *command
		for _, k := range cmds {
			if k.name == a {
				next = k
			}
		}
		if next == nil {
			break
		}
		path, cmds = append(path, a), next.subs
	}
	return strings.Join(path, " ")
}

// dispatch runs the command line args and returns the exit code.
func dispatch(ctx context.Context, args []string, e *env) int {
	if len(args) == 0 {
		printHelp(e.stderr, nil, commands())
		return 2
	}
	if args[0] == "--version" || args[0] == "-version" {
		args = append([]string{"version"}, args[1:]...)
	}
	if isHelp(args[0]) {
		if len(args) > 1 && !(len(args) == 2 && isHelp(args[1])) {
			if c := find(commands(), args[1:]); c != nil {
				return commandHelp(ctx, e, c)
			}
			fmt.Fprintf(e.stderr, "baserate: unknown command %q%s\n", strings.Join(args[1:], " "), helpHint(args[1:]))
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
					// "baserate media help code" is "baserate help media code".
					if len(args) > 1 {
						return dispatch(ctx, append(append([]string{"help"}, path...), args[1:]...), e)
					}
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
	if o, ok := e.stdout.(*outWriter); ok && errors.Is(o.err, syscall.EPIPE) {
		// The reader of the output went away; run ends quietly.
		return 1
	}
	name := "baserate " + strings.Join(path, " ")
	var ue *usageError
	switch {
	case errors.Is(err, flag.ErrHelp):
		return 0
	case ctx.Err() != nil && errors.Is(err, context.Canceled):
		// Ctrl-C: say so, not "context canceled", but keep what the
		// command said about it ("interrupted after 1234 bytes (run
		// again to resume)").
		msg := strings.TrimSuffix(strings.TrimSuffix(baserate.Message(err), context.Canceled.Error()), ": ")
		if msg == "" {
			fmt.Fprintf(e.stderr, "%s: interrupted\n", name)
		} else {
			fmt.Fprintf(e.stderr, "%s: interrupted: %s\n", name, msg)
		}
		return 1
	case errors.As(err, &ue):
		fmt.Fprintf(e.stderr, "%s: %s\nusage: %s\n", name, baserate.Message(err), c.usage)
		return 2
	}
	// Message leaves out the ops that name Go code ("rate.Compare: ").
	fmt.Fprintf(e.stderr, "%s: %s\n", name, baserate.Message(err))
	if hint := missingFileHint(err); hint != "" {
		fmt.Fprintf(e.stderr, "%s: %s\n", name, hint)
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
	// Help asked for is output, not an error: it goes to standard output,
	// as "baserate help CMD" and "baserate media -h" print it.
	fs.Usage = func() {
		if out.failed {
			return
		}
		unwrapOnce(fs)
		fmt.Fprintf(e.stdout, "usage: %s\n", c.usage)
		if c.long != "" {
			fmt.Fprintf(e.stdout, "\n%s\n", strings.TrimSpace(c.long))
		}
		n := 0
		fs.VisitAll(func(*flag.Flag) { n++ })
		if n == 0 {
			return
		}
		fmt.Fprintln(e.stdout, "\nFlags:")
		fs.SetOutput(e.stdout)
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
//
// A flag that takes one value may be given once: "--strata age --strata
// sex" is refused rather than read as "--strata sex", which would quietly
// drop a stratum. Giving the same value again is harmless and accepted.
// Flags that collect their values (--suspects, --in of media code) may be
// repeated.
func parseArgs(fs *flag.FlagSet, args []string) ([]string, error) {
	wrapOnce(fs)
	defer unwrapOnce(fs)
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			// The flag package formats the Set error with %v, so ask the
			// values whether one of them refused a second value.
			if twice := refusedTwice(fs); twice != nil {
				return nil, &usageError{msg: twice.Error()}
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

// onceValue is a flag value that refuses a second, different value.
type onceValue struct {
	flag.Value
	name  string
	set   bool
	first string
	twice *twiceError // the second value, when one was refused
}

// twiceError is a flag given twice with different values.
type twiceError struct{ name, first, second string }

func (t *twiceError) Error() string {
	return fmt.Sprintf("--%s given twice (%q, then %q); give it once", t.name, t.first, t.second)
}

func (o *onceValue) Set(s string) error {
	if o.set && s != o.first {
		o.twice = &twiceError{o.name, o.first, s}
		return o.twice
	}
	o.set, o.first = true, s
	return o.Value.Set(s)
}

// IsBoolFlag keeps "--verbose" (without "=true") working for bool flags.
func (o *onceValue) IsBoolFlag() bool {
	b, ok := o.Value.(interface{ IsBoolFlag() bool })
	return ok && b.IsBoolFlag()
}

// wrapOnce makes every flag of fs that holds one value refuse a second
// one. Flags whose value is a list or a function collect every value and
// are left alone.
func wrapOnce(fs *flag.FlagSet) {
	fs.VisitAll(func(f *flag.Flag) {
		if _, ok := f.Value.(*onceValue); ok {
			return
		}
		t := reflect.TypeOf(f.Value)
		if t.Kind() == reflect.Pointer {
			t = t.Elem()
		}
		if t.Kind() == reflect.Slice || t.Kind() == reflect.Func {
			return
		}
		f.Value = &onceValue{Value: f.Value, name: f.Name}
	})
}

// refusedTwice returns the error of a flag of fs given twice, if any.
func refusedTwice(fs *flag.FlagSet) *twiceError {
	var t *twiceError
	fs.VisitAll(func(f *flag.Flag) {
		if o, ok := f.Value.(*onceValue); ok && o.twice != nil && t == nil {
			t = o.twice
		}
	})
	return t
}

// unwrapOnce undoes wrapOnce, so that the flags print their types and
// defaults as the flag package knows them.
func unwrapOnce(fs *flag.FlagSet) {
	fs.VisitAll(func(f *flag.Flag) {
		if o, ok := f.Value.(*onceValue); ok {
			f.Value = o.Value
		}
	})
}
