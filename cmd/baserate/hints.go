package main

import (
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/baserate/baserate/factsheet"
	"github.com/baserate/baserate/internal/editdist"
)

// nearest is editdist.Nearest: the candidate a typo of s probably meant.
func nearest(s string, candidates []string) string { return editdist.Nearest(s, candidates) }

// flagHint says which flag an undefined one was probably meant to be
// ("flag provided but not defined: -methd" -> `did you mean --method?`).
func flagHint(fs *flag.FlagSet, msg string) string {
	const undefined = "flag provided but not defined: -"
	if !strings.HasPrefix(msg, undefined) {
		return ""
	}
	name := strings.TrimLeft(strings.TrimPrefix(msg, undefined), "-")
	var names []string
	fs.VisitAll(func(f *flag.Flag) { names = append(names, f.Name) })
	if n := nearest(name, names); n != "" {
		return fmt.Sprintf("; did you mean --%s?", n)
	}
	return "; \"-h\" lists the flags"
}

// commandHint names the command a mistyped one was probably meant to be.
func commandHint(name string, cmds []*command) string {
	if n := nearest(name, names(cmds)); n != "" {
		return fmt.Sprintf(" (did you mean %q?)", n)
	}
	return ""
}

// missingFileHint says what to check when err is a file that does not
// exist: a relative path is read from the current directory, which it
// names, since that is the usual cause (a command copied from the docs
// and run outside the repository root).
func missingFileHint(err error) string {
	var pe *fs.PathError
	if !errors.Is(err, fs.ErrNotExist) || !errors.As(err, &pe) {
		return ""
	}
	path := pe.Path
	if path == "-" {
		return "- (standard input) is not read here; give a file"
	}
	if dir := filepath.Dir(path); dir != "." {
		if _, derr := os.Stat(dir); errors.Is(derr, fs.ErrNotExist) {
			return fmt.Sprintf("the directory %s does not exist", dir)
		}
	}
	if filepath.IsAbs(path) {
		return fmt.Sprintf("check the path %s", path)
	}
	wd, werr := os.Getwd()
	if werr != nil {
		return fmt.Sprintf("check the path %s", path)
	}
	return fmt.Sprintf("%s is read relative to the current directory %s; the paths in the docs are relative to the repository root", path, wd)
}

// helpHint names the command "baserate help A B" was probably meant to
// ask about: it follows the words that name commands and hints at the
// first that does not, among the subcommands there ("help media cod" ->
// "code").
func helpHint(path []string) string {
	cmds := commands()
	for i, p := range path {
		var next *command
		for _, k := range cmds {
			if k.name == p {
				next = k
			}
		}
		if next == nil {
			n := nearest(p, names(cmds))
			if n == "" {
				return ""
			}
			return fmt.Sprintf(" (did you mean %q?)", strings.Join(append(path[:i:i], n), " "))
		}
		if len(next.subs) == 0 {
			return ""
		}
		cmds = next.subs
	}
	return ""
}

func names(cmds []*command) []string {
	var out []string
	for _, c := range cmds {
		out = append(out, c.name)
	}
	return out
}

// withYearsHint adds to a fact sheet's error for a year its key lacks the
// command that lists the key's years; the error itself names none, since
// the API gives it too. Other errors are returned as they are.
func withYearsHint(err error) error {
	var ye *factsheet.YearError
	if !errors.As(err, &ye) || len(ye.Years) == 0 {
		return err
	}
	return fmt.Errorf("%w (\"baserate factsheet --trend --offence %s\" shows them all)", err, ye.Key)
}
