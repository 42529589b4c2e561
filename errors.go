package baserate

import (
	"errors"
	"fmt"
)

// Kind classifies an error so that the CLI and the HTTP API can map it to an
// exit code or a status code in one place.
type Kind int

// The kinds of error.
const (
	KindOther    Kind = iota // unclassified
	KindInvalid              // bad input: a malformed file, a bad flag, a bad request
	KindNotFound             // a dataset, offence or year that is not there
	KindConflict             // the request conflicts with stored state
	KindDenied               // missing or wrong credentials
	KindTooLarge             // input over a declared limit
	KindInternal             // a bug or a broken invariant
)

func (k Kind) String() string {
	switch k {
	case KindInvalid:
		return "invalid"
	case KindNotFound:
		return "not found"
	case KindConflict:
		return "conflict"
	case KindDenied:
		return "denied"
	case KindTooLarge:
		return "too large"
	case KindInternal:
		return "internal"
	}
	return "other"
}

// Error is an error with the operation that failed, its kind and its cause.
type Error struct {
	Op   string // the operation, such as "standardize" or "px.Read"
	Kind Kind
	Err  error
}

// E builds an *Error. Err may be a string, which becomes the cause.
func E(op string, kind Kind, err any) error {
	var cause error
	switch e := err.(type) {
	case error:
		cause = e
	case string:
		cause = errors.New(e)
	default:
		cause = fmt.Errorf("%v", e)
	}
	return &Error{Op: op, Kind: kind, Err: cause}
}

func (e *Error) Error() string {
	if e.Op == "" {
		return e.Err.Error()
	}
	return e.Op + ": " + e.Err.Error()
}

func (e *Error) Unwrap() error { return e.Err }

// KindOf returns the kind of the first *Error in err's chain that has one,
// or KindOther.
func KindOf(err error) Kind {
	for err != nil {
		var e *Error
		if !errors.As(err, &e) {
			return KindOther
		}
		if e.Kind != KindOther {
			return e.Kind
		}
		err = e.Err
	}
	return KindOther
}

// PosError is an error at a position in an input: a file and a line (and
// optionally a field), or a byte offset, or a JSON path. It prints in the
// form "file.csv:4: message", "file.csv:4: field \"pop\": message",
// "file.warc: offset 1234: message" or "file.json: $.value[3]: message".
type PosError struct {
	File   string
	Line   int    // 1-based; 0 when unknown
	Offset int64  // byte offset, used when Line is 0 and Offset >= 0 is meaningful
	Path   string // JSON path, used when set
	Field  string // column or key name, when known
	Err    error
}

// Invalid is a shorthand for an input error at file:line.
func Invalid(file string, line int, format string, args ...any) error {
	return &Error{Kind: KindInvalid, Err: &PosError{File: file, Line: line, Offset: -1, Err: fmt.Errorf(format, args...)}}
}

func (e *PosError) Error() string {
	s := e.File
	switch {
	case e.Line > 0:
		s += fmt.Sprintf(":%d", e.Line)
	case e.Path != "":
		s += ": " + e.Path
	case e.Offset >= 0:
		s += fmt.Sprintf(": offset %d", e.Offset)
	}
	if e.Field != "" {
		s += fmt.Sprintf(": field %q", e.Field)
	}
	return s + ": " + e.Err.Error()
}

func (e *PosError) Unwrap() error { return e.Err }
