package baserate

import (
	"errors"
	"regexp"
	"strings"
)

// goOp matches an Op that names Go code ("rate.Compare", "format.Detect",
// "factsheet"): it tells a programmer where an error arose, not a user what
// went wrong.
var goOp = regexp.MustCompile(`^[a-z][a-z0-9]*(\.[A-Za-z][A-Za-z0-9]*)?$`)

// Message returns err's text as a user should read it: the ops of the
// *Errors in its chain that name Go code ("rate.FromTable: ",
// "factsheet: ") are left out, so that a command prints
// "baserate standardize: gap.csv:4: …" rather than
// "baserate standardize: rate.FromTable: gap.csv:4: …" or
// "baserate factsheet: factsheet: …". Ops written for people ("age
// bands", "standard population"), positions ("file.csv:4:") and the causes
// are kept. Error() keeps every op, for logs and tests.
func Message(err error) string {
	if err == nil {
		return ""
	}
	msg := err.Error()
	for e := err; e != nil; e = errors.Unwrap(e) {
		be, ok := e.(*Error)
		if !ok || be.Op == "" || !goOp.MatchString(be.Op) {
			continue
		}
		full := be.Error()
		msg = strings.Replace(msg, full, strings.TrimPrefix(full, be.Op+": "), 1)
	}
	return msg
}
