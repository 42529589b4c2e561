package formula

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/baserate/baserate"
)

// Source is the data a formula is evaluated on: named columns of equal
// length, each numeric or a factor. package frame implements it.
type Source interface {
	// Rows is the number of rows.
	Rows() int
	// ColumnKind reports whether the named column exists and whether it
	// is numeric (else it is a factor).
	ColumnKind(name string) (numeric, ok bool)
	// Numeric returns a numeric column, NaN where missing.
	Numeric(name string) ([]float64, error)
	// Factor returns a column as a factor: codes (-1 where missing) and
	// its levels in the order that makes level 0 the reference (sorted).
	Factor(name string) (codes []int32, levels []string, err error)
}

// Lines is implemented by sources that know the file and line each row
// came from, so that errors can name them.
type Lines interface {
	Name() string
	Line(row int) int
}

// MostlyNumeric is implemented by sources that can tell a factor column
// whose fields are mostly numbers: text in such a column, used as it
// stands, is more likely a mistake than a category, and Design refuses it
// with the error of Source.Numeric (which should name the first field that
// is not a number). factor(x) still uses it as a factor.
type MostlyNumeric interface {
	MostlyNumeric(name string) bool
}

// FixedEffect is one absorbed factor of a design.
type FixedEffect struct {
	Name   string   // "district", or "a^b" for a combination
	Codes  []int32  // one per design row, in [0, len(Levels))
	Levels []string // levels present in the design rows, sorted
}

// Design is a formula evaluated on data: the rows used, the response, the
// model matrix with R's column names, the offset and the fixed effects.
type Design struct {
	Formula *Formula
	// Response is the deparsed left-hand side.
	Response string
	Y        []float64
	// Names are the model-matrix column names; X holds the columns, each
	// len(Rows) long.
	Names []string
	X     [][]float64
	// Assign gives, for each column, the index in Terms of the term it
	// belongs to, or -1 for the intercept.
	Assign []int
	Terms  []string
	// Offset is the sum of the offsets, nil when there is none.
	Offset       []float64
	OffsetLabel  string
	FixedEffects []FixedEffect
	// Factors are the extra factors asked for (e.g. cluster variables),
	// restricted to the design rows, keyed by column name.
	Factors map[string]FixedEffect
	// Rows are the source rows (0-based) the design uses, in order.
	// Missing lists the rows left out because a variable was missing.
	Rows    []int
	Missing []int
	// Warnings are remarks about the evaluation, such as NaNs produced by
	// log of a negative number.
	Warnings []baserate.Warning
}

// Options for Design.
type Options struct {
	// Factors names further columns to read as factors over the same rows
	// (cluster variables); a row missing one of them is left out too.
	Factors []string
	// KeepIntercept includes the "(Intercept)" column even when fixed
	// effects are absorbed (for the dummy-variable fit of the same model).
	KeepIntercept bool
}

// value is an evaluated variable: numeric (num, or a scalar) or a factor.
type value struct {
	num      []float64
	scalar   float64
	isScalar bool
	codes    []int32
	levels   []string
	isFactor bool
}

type evaluator struct {
	f   *Formula
	src Source
	n   int
	// nanMade counts rows made missing by a function (log of a negative
	// number), per expression.
	nanMade map[string]int
	// offset is the text of the offset from AddOffset being evaluated, ""
	// inside the formula: positions count in the text they were parsed from.
	offset string
}

func (ev *evaluator) errAt(e Expr, format string, args ...any) error {
	if ev.offset != "" {
		return &Error{Text: ev.offset, Col: e.Pos(), Msg: fmt.Sprintf(format, args...), What: "offset"}
	}
	return &Error{Text: ev.f.Text, Col: e.Pos(), Msg: fmt.Sprintf(format, args...)}
}

// Design evaluates the formula on src. Rows with a missing value in any
// variable used (response, terms, offsets, fixed effects, Options.Factors)
// are left out and listed in Missing, as R's na.omit does; unused factor
// levels are dropped. An infinite value is an error naming the row.
func (f *Formula) Design(src Source, opt Options) (*Design, error) {
	if f.Response == nil {
		return nil, &Error{Text: f.Text, Msg: "the formula has no response (left of \"~\")"}
	}
	ev := &evaluator{f: f, src: src, n: src.Rows(), nanMade: map[string]int{}}
	d := &Design{Formula: f, Response: f.Response.String()}

	// Evaluate every variable, the response, offsets and fixed effects.
	vals := make([]value, len(f.vars))
	for i, v := range f.vars {
		x, err := ev.eval(v)
		if err != nil {
			return nil, err
		}
		vals[i] = x
	}
	y := vals[0]
	if y.isFactor {
		return nil, ev.notNumber(f.Response, "the response %s is a factor; it must be numeric", f.Response)
	}
	if mn, ok := src.(MostlyNumeric); ok {
		for i := 1; i < len(vals); i++ {
			if n, isName := f.vars[i].(*Name); isName && vals[i].isFactor && mn.MostlyNumeric(n.Name) {
				return nil, ev.notNumber(n, "%s is used as a number (write factor(%s) to use it as a factor)", n.Name, n.Name)
			}
		}
	}
	var off []float64
	var offLabels []string
	for _, o := range f.offsets {
		ev.offset = ""
		for j, a := range f.added {
			if a == o {
				ev.offset = f.addedText[j]
			}
		}
		x, err := ev.eval(o)
		if err != nil {
			return nil, err
		}
		if x.isFactor {
			return nil, ev.notNumber(o, "offset %s is a factor; it must be numeric", o)
		}
		ev.offset = ""
		if off == nil {
			off = make([]float64, ev.n)
		}
		for r := range off {
			off[r] += x.at(r)
		}
		offLabels = append(offLabels, o.String())
	}
	type feRaw struct {
		name   string
		codes  []int32
		levels []string
	}
	var fes []feRaw
	for _, names := range f.FixedEffects {
		var label []string
		var codes []int32
		var levels []string
		for k, nm := range names {
			c, l, err := ev.factorColumn(nm)
			if err != nil {
				return nil, err
			}
			label = append(label, nm.String())
			if k == 0 {
				codes, levels = c, l
				continue
			}
			codes, levels = combine(codes, levels, c, l)
		}
		fes = append(fes, feRaw{name: strings.Join(label, "^"), codes: codes, levels: levels})
	}
	var extra []feRaw
	for _, name := range opt.Factors {
		c, l, err := src.Factor(name)
		if err != nil {
			return nil, err
		}
		extra = append(extra, feRaw{name: name, codes: c, levels: l})
	}

	// Rows with anything missing are left out; infinities are errors.
	ok := make([]bool, ev.n)
	for r := range ok {
		ok[r] = true
	}
	markNum := func(label string, at Expr, get func(int) float64) error {
		for r := range ok {
			v := get(r)
			if math.IsNaN(v) {
				ok[r] = false
			} else if math.IsInf(v, 0) {
				return ev.rowErr(r, at, fmt.Sprintf("%s is %v", label, v))
			}
		}
		return nil
	}
	if err := markNum(d.Response, f.Response, y.at); err != nil {
		return nil, err
	}
	for i := 1; i < len(vals); i++ {
		v := vals[i]
		if v.isFactor {
			for r, k := range v.codes {
				if k < 0 {
					ok[r] = false
				}
			}
			continue
		}
		if err := markNum(f.vars[i].String(), f.vars[i], v.at); err != nil {
			return nil, err
		}
	}
	if off != nil {
		label := "offset " + strings.Join(offLabels, " + ")
		if err := markNum(label, f.offsets[0], func(r int) float64 { return off[r] }); err != nil {
			return nil, err
		}
	}
	for _, fe := range append(slices.Clone(fes), extra...) {
		for r, k := range fe.codes {
			if k < 0 {
				ok[r] = false
			}
		}
	}
	for r, good := range ok {
		if good {
			d.Rows = append(d.Rows, r)
		} else {
			d.Missing = append(d.Missing, r)
		}
	}
	if f.responseDropped {
		d.Warnings = append(d.Warnings, baserate.Warning{Code: "response-on-right",
			Message: fmt.Sprintf("the response %s appeared on the right-hand side and was dropped (as R drops it)", f.Response)})
	}
	for expr, n := range ev.nanMade {
		d.Warnings = append(d.Warnings, baserate.Warning{Code: "nan-produced",
			Message: fmt.Sprintf("%s is not a number in %d rows (e.g. log of a negative number); those rows are left out", expr, n)})
	}
	slices.SortFunc(d.Warnings, func(a, b baserate.Warning) int { return strings.Compare(a.Message, b.Message) })
	n := len(d.Rows)

	// Restrict to the rows used and drop unused factor levels.
	d.Y = take(y, d.Rows).num
	if off != nil {
		d.Offset = make([]float64, n)
		for i, r := range d.Rows {
			d.Offset[i] = off[r]
		}
		d.OffsetLabel = strings.Join(offLabels, " + ")
	}
	for i := range vals {
		vals[i] = take(vals[i], d.Rows)
	}
	for _, fe := range fes {
		c, l := dropUnused(subsetCodes(fe.codes, d.Rows), fe.levels)
		d.FixedEffects = append(d.FixedEffects, FixedEffect{Name: fe.name, Codes: c, Levels: l})
	}
	if len(extra) > 0 {
		d.Factors = map[string]FixedEffect{}
		for _, fe := range extra {
			c, l := dropUnused(subsetCodes(fe.codes, d.Rows), fe.levels)
			d.Factors[fe.name] = FixedEffect{Name: fe.name, Codes: c, Levels: l}
		}
	}

	// Build the model matrix.
	intercept := f.intercept
	if intercept && (len(f.FixedEffects) == 0 || opt.KeepIntercept) {
		ones := make([]float64, n)
		for i := range ones {
			ones[i] = 1
		}
		d.Names = append(d.Names, "(Intercept)")
		d.X = append(d.X, ones)
		d.Assign = append(d.Assign, -1)
	}
	codes := f.codings(vals)
	d.Terms = f.Terms()
	for ti, t := range f.terms {
		vs := t.vars()
		// Each factor contributes its contrast or dummy columns; the first
		// variable varies fastest, as in R.
		type part struct {
			names []string
			cols  [][]float64 // nil entries mean "indicator of level k"
			v     value
			dummy bool
		}
		parts := make([]part, len(vs))
		for j, vi := range vs {
			v := vals[vi]
			label := f.vars[vi].String()
			if !v.isFactor {
				parts[j] = part{names: []string{label}, v: v}
				continue
			}
			if len(v.levels) < 2 && codes[ti][vi] == 1 {
				return nil, ev.errAt(f.vars[vi], "%s has only %d level in the rows used; contrasts need 2 or more", label, len(v.levels))
			}
			first := 1
			if codes[ti][vi] == 2 {
				first = 0
			}
			p := part{v: v, dummy: first == 0}
			for k := first; k < len(v.levels); k++ {
				p.names = append(p.names, label+v.levels[k])
			}
			parts[j] = p
		}
		// Enumerate combinations, first part fastest.
		idx := make([]int, len(parts))
		for {
			var nameParts []string
			col := make([]float64, n)
			for i := range col {
				col[i] = 1
			}
			for j, p := range parts {
				nameParts = append(nameParts, p.names[idx[j]])
				if !p.v.isFactor {
					for i := range col {
						col[i] *= p.v.at(i)
					}
					continue
				}
				level := int32(idx[j])
				if !p.dummy {
					level++
				}
				for i := range col {
					if p.v.codes[i] != level {
						col[i] = 0
					}
				}
			}
			d.Names = append(d.Names, strings.Join(nameParts, ":"))
			d.X = append(d.X, col)
			d.Assign = append(d.Assign, ti)
			j := 0
			for ; j < len(parts); j++ {
				idx[j]++
				if idx[j] < len(parts[j].names) {
					break
				}
				idx[j] = 0
			}
			if j == len(parts) {
				break
			}
		}
	}
	return d, nil
}

// codings decides, for each term and each factor in it, whether the factor
// is coded by contrasts (1) or by a full set of dummies (2), by R's rule:
// contrasts when the term without that factor is contained in a preceding
// term (the empty term counts when the intercept is present), and dummies
// for the first factor of a model without intercept.
func (f *Formula) codings(vals []value) [][]int {
	out := make([][]int, len(f.terms))
	for ti, t := range f.terms {
		out[ti] = make([]int, len(f.vars))
		for _, vi := range t.vars() {
			rest := t &^ (term(1) << vi)
			code := 2
			if rest == 0 {
				code = 1
			} else {
				for _, prev := range f.terms[:ti] {
					if rest&^prev == 0 {
						code = 1
						break
					}
				}
			}
			out[ti][vi] = code
		}
	}
	if !f.intercept {
	outer:
		for ti, t := range f.terms {
			for _, vi := range t.vars() {
				if vals[vi].isFactor && len(vals[vi].levels) > 1 {
					out[ti][vi] = 2
					break outer
				}
			}
		}
	}
	return out
}

func (v value) at(r int) float64 {
	if v.isScalar {
		return v.scalar
	}
	return v.num[r]
}

func take(v value, rows []int) value {
	if v.isScalar {
		out := make([]float64, len(rows))
		for i := range out {
			out[i] = v.scalar
		}
		return value{num: out}
	}
	if v.isFactor {
		c, l := dropUnused(subsetCodes(v.codes, rows), v.levels)
		return value{isFactor: true, codes: c, levels: l}
	}
	out := make([]float64, len(rows))
	for i, r := range rows {
		out[i] = v.num[r]
	}
	return value{num: out}
}

func subsetCodes(codes []int32, rows []int) []int32 {
	out := make([]int32, len(rows))
	for i, r := range rows {
		out[i] = codes[r]
	}
	return out
}

// dropUnused removes levels no code uses, keeping the order of the rest.
func dropUnused(codes []int32, levels []string) ([]int32, []string) {
	used := make([]bool, len(levels))
	for _, k := range codes {
		if k >= 0 {
			used[k] = true
		}
	}
	remap := make([]int32, len(levels))
	var out []string
	for i, l := range levels {
		if used[i] {
			remap[i] = int32(len(out))
			out = append(out, l)
		} else {
			remap[i] = -1
		}
	}
	if len(out) == len(levels) {
		return codes, levels
	}
	nc := make([]int32, len(codes))
	for i, k := range codes {
		if k < 0 {
			nc[i] = -1
		} else {
			nc[i] = remap[k]
		}
	}
	return nc, out
}

// combine forms the factor of observed combinations of two factors, with
// levels "a_b" sorted as the pairs of the two factors' orders.
func combine(c1 []int32, l1 []string, c2 []int32, l2 []string) ([]int32, []string) {
	type pair struct{ a, b int32 }
	idx := map[pair]int32{}
	var pairs []pair
	codes := make([]int32, len(c1))
	for i := range c1 {
		if c1[i] < 0 || c2[i] < 0 {
			codes[i] = -1
			continue
		}
		p := pair{c1[i], c2[i]}
		k, ok := idx[p]
		if !ok {
			k = int32(len(pairs))
			idx[p] = k
			pairs = append(pairs, p)
		}
		codes[i] = k
	}
	order := make([]int, len(pairs))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(x, y int) int {
		if pairs[x].a != pairs[y].a {
			return int(pairs[x].a - pairs[y].a)
		}
		return int(pairs[x].b - pairs[y].b)
	})
	remap := make([]int32, len(pairs))
	levels := make([]string, len(pairs))
	for newPos, old := range order {
		remap[old] = int32(newPos)
		levels[newPos] = l1[pairs[old].a] + "_" + l2[pairs[old].b]
	}
	for i, k := range codes {
		if k >= 0 {
			codes[i] = remap[k]
		}
	}
	return codes, levels
}

func (ev *evaluator) rowErr(r int, at Expr, msg string) error {
	if l, ok := ev.src.(Lines); ok {
		return &baserate.Error{Op: "formula", Kind: baserate.KindInvalid, Err: &baserate.PosError{
			File: l.Name(), Line: l.Line(r), Offset: -1, Err: fmt.Errorf("data row %d: %s", r+1, msg)}}
	}
	return &baserate.Error{Op: "formula", Kind: baserate.KindInvalid, Err: fmt.Errorf("data row %d: %s", r+1, msg)}
}

func (ev *evaluator) factorColumn(n *Name) ([]int32, []string, error) {
	if _, ok := ev.src.ColumnKind(n.Name); !ok {
		return nil, nil, ev.noColumn(n)
	}
	return ev.src.Factor(n.Name)
}

func (ev *evaluator) noColumn(n *Name) error {
	// No Op: the cause already begins with "formula" or "offset".
	return &baserate.Error{Kind: baserate.KindNotFound,
		Err: ev.errAt(n, "no column %q in the data", n.Name)}
}

var numericFuncs = map[string]func(float64) float64{
	"log": math.Log, "log2": math.Log2, "log10": math.Log10, "log1p": math.Log1p,
	"exp": math.Exp, "expm1": math.Expm1, "sqrt": math.Sqrt, "abs": math.Abs,
	"I": func(x float64) float64 { return x },
}

func knownFuncs() string {
	return "log, log2, log10, log1p, exp, expm1, sqrt, abs, I, factor, relevel, offset"
}

func (ev *evaluator) eval(e Expr) (value, error) {
	switch x := e.(type) {
	case *Name:
		numeric, ok := ev.src.ColumnKind(x.Name)
		if !ok {
			return value{}, ev.noColumn(x)
		}
		if numeric {
			v, err := ev.src.Numeric(x.Name)
			if err != nil {
				return value{}, err
			}
			return value{num: v}, nil
		}
		c, l, err := ev.src.Factor(x.Name)
		if err != nil {
			return value{}, err
		}
		return value{codes: c, levels: l, isFactor: true}, nil
	case *Number:
		return value{scalar: x.Value, isScalar: true}, nil
	case *Str:
		return value{}, ev.errAt(x, "a string is not a value here")
	case *Paren:
		return ev.eval(x.X)
	case *Unary:
		v, err := ev.numeric(x.X)
		if err != nil {
			return value{}, err
		}
		if x.Op == "+" {
			return v, nil
		}
		return ev.mapNum(x, v, func(a float64) float64 { return -a }), nil
	case *Binary:
		if x.Op == ":" || x.Op == "|" {
			return value{}, ev.errAt(x, "operator %s cannot be used inside a function", x.Op)
		}
		l, err := ev.numeric(x.L)
		if err != nil {
			return value{}, err
		}
		r, err := ev.numeric(x.R)
		if err != nil {
			return value{}, err
		}
		var op func(a, b float64) float64
		switch x.Op {
		case "+":
			op = func(a, b float64) float64 { return a + b }
		case "-":
			op = func(a, b float64) float64 { return a - b }
		case "*":
			op = func(a, b float64) float64 { return a * b }
		case "/":
			op = func(a, b float64) float64 { return a / b }
		case "^":
			op = math.Pow
		}
		if l.isScalar && r.isScalar {
			return value{scalar: op(l.scalar, r.scalar), isScalar: true}, nil
		}
		out := make([]float64, ev.n)
		made := 0
		for i := range out {
			a, b := l.at(i), r.at(i)
			out[i] = op(a, b)
			if math.IsNaN(out[i]) && !math.IsNaN(a) && !math.IsNaN(b) {
				made++
			}
		}
		if made > 0 {
			ev.nanMade[x.String()] += made
		}
		return value{num: out}, nil
	case *Call:
		return ev.call(x)
	}
	return value{}, ev.errAt(e, "cannot evaluate %s", e)
}

func (ev *evaluator) numeric(e Expr) (value, error) {
	v, err := ev.eval(e)
	if err != nil {
		return value{}, err
	}
	if v.isFactor {
		return value{}, ev.notNumber(e, "%s is a factor, not a number", e)
	}
	return v, nil
}

// notNumber is the error for a factor where a number is needed. When e is
// a column and the source can say which of its fields is not a number, the
// error names that file and line (with what the formula wanted);
// otherwise it points into the formula.
func (ev *evaluator) notNumber(e Expr, format string, args ...any) error {
	for {
		p, ok := e.(*Paren)
		if !ok {
			break
		}
		e = p.X
	}
	if n, ok := e.(*Name); ok {
		if _, err := ev.src.Numeric(n.Name); err != nil {
			var pe *baserate.PosError
			if errors.As(err, &pe) && pe.File != "" && pe.Line > 0 {
				at := *pe
				at.Err = fmt.Errorf("%w; in formula %q: %s", pe.Err, ev.f.String(), fmt.Sprintf(format, args...))
				return &baserate.Error{Kind: baserate.KindInvalid, Err: &at}
			}
		}
	}
	return ev.errAt(e, format, args...)
}

func (ev *evaluator) mapNum(e Expr, v value, fn func(float64) float64) value {
	if v.isScalar {
		return value{scalar: fn(v.scalar), isScalar: true}
	}
	out := make([]float64, len(v.num))
	made := 0
	for i, a := range v.num {
		out[i] = fn(a)
		if math.IsNaN(out[i]) && !math.IsNaN(a) {
			made++
		}
	}
	if made > 0 {
		ev.nanMade[e.String()] += made
	}
	return value{num: out}
}

func (ev *evaluator) call(c *Call) (value, error) {
	switch c.Fun {
	case "offset":
		return value{}, ev.errAt(c, "offset() may only appear as a term of the formula")
	case "factor", "as.factor":
		if len(c.Args) != 1 || c.Args[0].Name != "" {
			return value{}, ev.errAt(c, "%s takes one column name", c.Fun)
		}
		n, ok := c.Args[0].Value.(*Name)
		if !ok {
			return value{}, ev.errAt(c.Args[0].Value, "%s takes a column name, not %s", c.Fun, c.Args[0].Value)
		}
		codes, levels, err := ev.factorColumn(n)
		if err != nil {
			return value{}, err
		}
		return value{codes: codes, levels: levels, isFactor: true}, nil
	case "relevel":
		if len(c.Args) != 2 || c.Args[0].Name != "" || (c.Args[1].Name != "" && c.Args[1].Name != "ref") {
			return value{}, ev.errAt(c, `relevel takes a factor and the reference level: relevel(group, "national")`)
		}
		v, err := ev.eval(c.Args[0].Value)
		if err != nil {
			return value{}, err
		}
		if !v.isFactor {
			return value{}, ev.errAt(c.Args[0].Value, "relevel needs a factor; %s is numeric (use relevel(factor(%s), ...))", c.Args[0].Value, c.Args[0].Value)
		}
		var ref string
		switch r := c.Args[1].Value.(type) {
		case *Str:
			ref = r.Value
		case *Number:
			ref = FormatNumber(r.Value)
		default:
			return value{}, ev.errAt(r, "the reference level must be a string such as \"national\"")
		}
		k := slices.Index(v.levels, ref)
		if k < 0 {
			shown := v.levels
			if len(shown) > 10 {
				shown = append(slices.Clone(shown[:10]), "...")
			}
			return value{}, ev.errAt(c.Args[1].Value, "%q is not a level of %s (levels: %s)", ref, c.Args[0].Value, strings.Join(shown, ", "))
		}
		levels := append([]string{ref}, slices.Delete(slices.Clone(v.levels), k, k+1)...)
		codes := make([]int32, len(v.codes))
		for i, x := range v.codes {
			switch {
			case x < 0:
				codes[i] = -1
			case int(x) == k:
				codes[i] = 0
			case int(x) < k:
				codes[i] = x + 1
			default:
				codes[i] = x
			}
		}
		return value{codes: codes, levels: levels, isFactor: true}, nil
	}
	fn, ok := numericFuncs[c.Fun]
	if !ok {
		return value{}, ev.errAt(c, "unknown function %s (known: %s)", c.Fun, knownFuncs())
	}
	if c.Fun == "log" && len(c.Args) == 2 {
		x, err := ev.numeric(c.Args[0].Value)
		if err != nil {
			return value{}, err
		}
		b, err := ev.numeric(c.Args[1].Value)
		if err != nil {
			return value{}, err
		}
		if !b.isScalar {
			return value{}, ev.errAt(c.Args[1].Value, "the base of log must be a number")
		}
		lb := math.Log(b.scalar)
		return ev.mapNum(c, x, func(a float64) float64 { return math.Log(a) / lb }), nil
	}
	if len(c.Args) != 1 || c.Args[0].Name != "" {
		return value{}, ev.errAt(c, "%s takes one argument", c.Fun)
	}
	x, err := ev.numeric(c.Args[0].Value)
	if err != nil {
		return value{}, err
	}
	return ev.mapNum(c, x, fn), nil
}

// IsNotFound reports whether err says a column is missing from the data.
func IsNotFound(err error) bool {
	var e *baserate.Error
	return errors.As(err, &e) && baserate.KindOf(err) == baserate.KindNotFound
}
