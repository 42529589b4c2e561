package formula

import (
	"fmt"
	"math/bits"
	"slices"
	"strings"
)

// term is a set of variables (bit i = variable i of Formula.vars).
type term uint64

// termSet is the result of expanding part of a formula: its terms in order
// of appearance, and what it says about the intercept (+1 add, -1 remove,
// 0 nothing).
type termSet struct {
	terms     []term
	intercept int
}

func (s termSet) union(o termSet) termSet {
	out := termSet{terms: slices.Clone(s.terms), intercept: s.intercept}
	for _, t := range o.terms {
		if !slices.Contains(out.terms, t) {
			out.terms = append(out.terms, t)
		}
	}
	if o.intercept != 0 {
		out.intercept = o.intercept
	}
	return out
}

func (s termSet) cross(o termSet) termSet {
	var out termSet
	for _, a := range s.terms {
		for _, b := range o.terms {
			t := a | b
			if !slices.Contains(out.terms, t) {
				out.terms = append(out.terms, t)
			}
		}
	}
	return out
}

// expand turns the right-hand side into terms, variables, offsets and the
// intercept, following R's terms.formula.
func (f *Formula) expand() error {
	// Variables are numbered in order of appearance, the response first,
	// as R numbers them.
	if f.Response != nil {
		f.vars = append(f.vars, f.Response)
	}
	ts, err := f.expandExpr(f.RHS)
	if err != nil {
		return err
	}
	f.intercept = ts.intercept >= 0
	var out []term
	for _, t := range ts.terms {
		switch {
		case t == 0:
		case f.Response != nil && t == 1:
			// The response alone (variable 0) as a regressor: R's
			// model.matrix assigns it no column.
			f.responseDropped = true
		default:
			out = append(out, t)
		}
	}
	// R orders terms by degree, keeping the order of appearance within a
	// degree.
	slices.SortStableFunc(out, func(a, b term) int { return bits.OnesCount64(uint64(a)) - bits.OnesCount64(uint64(b)) })
	f.terms = out
	return nil
}

func (f *Formula) variable(e Expr) (term, error) {
	key := e.String()
	for i, v := range f.vars {
		if v.String() == key {
			return term(1) << i, nil
		}
	}
	if len(f.vars) >= 64 {
		return 0, &Error{Text: f.Text, Col: e.Pos(), Msg: "more than 64 variables in one formula"}
	}
	f.vars = append(f.vars, e)
	return term(1) << (len(f.vars) - 1), nil
}

func (f *Formula) expandExpr(e Expr) (termSet, error) {
	switch x := e.(type) {
	case *Paren:
		return f.expandExpr(x.X)
	case *Number:
		switch x.Value {
		case 1:
			return termSet{intercept: 1}, nil
		case 0:
			return termSet{intercept: -1}, nil
		}
		return termSet{}, &Error{Text: f.Text, Col: x.At, Msg: fmt.Sprintf("the number %s is not a term; only 1 and 0 (intercept) are", x)}
	case *Str:
		return termSet{}, &Error{Text: f.Text, Col: x.At, Msg: "a string is not a term"}
	case *Name:
		t, err := f.variable(x)
		return termSet{terms: []term{t}}, err
	case *Call:
		if x.Fun == "offset" {
			if len(x.Args) != 1 || x.Args[0].Name != "" {
				return termSet{}, &Error{Text: f.Text, Col: x.At, Msg: "offset takes one argument"}
			}
			f.offsets = append(f.offsets, x.Args[0].Value)
			return termSet{}, nil
		}
		t, err := f.variable(x)
		return termSet{terms: []term{t}}, err
	case *Unary:
		inner, err := f.expandExpr(x.X)
		if err != nil {
			return termSet{}, err
		}
		if x.Op == "+" {
			return inner, nil
		}
		// "-1" removes the intercept, "-0" keeps it; "-a" removes a
		// term from nothing, which leaves nothing.
		return termSet{intercept: -inner.intercept}, nil
	case *Binary:
		l, err := f.expandExpr(x.L)
		if err != nil {
			return termSet{}, err
		}
		if x.Op == "^" {
			n, ok := x.R.(*Number)
			if !ok || n.Value < 1 || n.Value != float64(int(n.Value)) {
				return termSet{}, &Error{Text: f.Text, Col: x.R.Pos(), Msg: "in a formula, ^ takes a positive whole number: (a + b)^2"}
			}
			out := termSet{terms: l.terms}
			// Once crossing adds nothing, higher powers add nothing either.
			for k := 1; k < int(n.Value); k++ {
				next := out.union(out.cross(termSet{terms: l.terms}))
				if len(next.terms) == len(out.terms) {
					break
				}
				out = next
			}
			return out, nil
		}
		r, err := f.expandExpr(x.R)
		if err != nil {
			return termSet{}, err
		}
		switch x.Op {
		case "+":
			return l.union(r), nil
		case "-":
			out := termSet{intercept: l.intercept}
			for _, t := range l.terms {
				if !slices.Contains(r.terms, t) {
					out.terms = append(out.terms, t)
				}
			}
			if r.intercept != 0 {
				out.intercept = -r.intercept
			}
			return out, nil
		case ":":
			if l.intercept != 0 || r.intercept != 0 {
				return termSet{}, &Error{Text: f.Text, Col: x.At, Msg: "the intercept (1 or 0) cannot be part of an interaction"}
			}
			return l.cross(r), nil
		case "*":
			return l.union(r).union(l.cross(r)), nil
		case "/":
			// a/b = a + (all variables of a):b, as R's %in% nesting.
			var all term
			for _, t := range l.terms {
				all |= t
			}
			return l.union(termSet{terms: []term{all}}.cross(r)), nil
		}
		return termSet{}, &Error{Text: f.Text, Col: x.At, Msg: fmt.Sprintf("operator %s is not allowed among the terms", x.Op)}
	}
	return termSet{}, &Error{Text: f.Text, Col: e.Pos(), Msg: fmt.Sprintf("%s is not a term", e)}
}

// label is R's term label: the variables' deparsed names in order of
// appearance, joined by ":".
func (f *Formula) label(t term) string {
	var parts []string
	for i := range f.vars {
		if t&(term(1)<<i) != 0 {
			parts = append(parts, f.vars[i].String())
		}
	}
	return strings.Join(parts, ":")
}

func (t term) vars() []int {
	var out []int
	for i := 0; i < 64; i++ {
		if t&(term(1)<<i) != 0 {
			out = append(out, i)
		}
	}
	return out
}
