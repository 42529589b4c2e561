package formula

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Expr is a node of a parsed expression. String returns it as R's deparse
// writes it, which is how R names terms and columns.
type Expr interface {
	// Pos is the 1-based column of the node in the formula text.
	Pos() int
	String() string
}

// Name is a column name.
type Name struct {
	Name string
	At   int
}

// Number is a numeric literal.
type Number struct {
	Value float64
	At    int
}

// Str is a string literal.
type Str struct {
	Value string
	At    int
}

// Call is a function call such as log(x) or relevel(group, "national").
type Call struct {
	Fun  string
	Args []Arg
	At   int
}

// Arg is one argument of a call; Name is empty for a positional argument.
type Arg struct {
	Name  string
	Value Expr
}

// Binary is an operator with two operands: + - * / ^ : |.
type Binary struct {
	Op   string
	L, R Expr
	At   int
}

// Unary is a leading + or -.
type Unary struct {
	Op string
	X  Expr
	At int
}

// Paren is an expression in parentheses.
type Paren struct {
	X  Expr
	At int
}

func (e *Name) Pos() int   { return e.At }
func (e *Number) Pos() int { return e.At }
func (e *Str) Pos() int    { return e.At }
func (e *Call) Pos() int   { return e.At }
func (e *Binary) Pos() int { return e.At }
func (e *Unary) Pos() int  { return e.At }
func (e *Paren) Pos() int  { return e.At }

func (e *Name) String() string {
	if syntactic(e.Name) {
		return e.Name
	}
	return "`" + strings.ReplaceAll(strings.ReplaceAll(e.Name, `\`, `\\`), "`", "\\`") + "`"
}

func (e *Number) String() string { return FormatNumber(e.Value) }

// String writes the string in double quotes as R's deparse does, escaping
// backslash, double quote, newline and tab.
func (e *Str) String() string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range e.Value {
		switch r {
		case '\\':
			b.WriteString(`\\`)
		case '"':
			b.WriteString(`\"`)
		case '\n':
			b.WriteString(`\n`)
		case '\t':
			b.WriteString(`\t`)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

func (e *Call) String() string {
	var b strings.Builder
	if syntactic(e.Fun) {
		b.WriteString(e.Fun)
	} else {
		b.WriteString((&Name{Name: e.Fun}).String())
	}
	b.WriteByte('(')
	for i, a := range e.Args {
		if i > 0 {
			b.WriteString(", ")
		}
		if a.Name != "" {
			b.WriteString(a.Name)
			b.WriteString(" = ")
		}
		b.WriteString(a.Value.String())
	}
	b.WriteByte(')')
	return b.String()
}

// String writes binary operators as R's deparse does: spaces around + - *
// | ~, none around / ^ :.
func (e *Binary) String() string {
	switch e.Op {
	case "/", "^", ":":
		return e.L.String() + e.Op + e.R.String()
	}
	return e.L.String() + " " + e.Op + " " + e.R.String()
}

func (e *Unary) String() string { return e.Op + e.X.String() }

func (e *Paren) String() string { return "(" + e.X.String() + ")" }

// Error is a syntax or evaluation error at a column of the formula.
type Error struct {
	Text string // the formula or expression text
	Col  int    // 1-based column in Text; 0 when the error concerns the whole text
	Msg  string
	// What names the text: "formula" when empty, "offset" for an offset
	// given apart from the formula (AddOffset, the CLI's --offset), whose
	// columns count in its own text.
	What string
}

func (e *Error) Error() string {
	what := e.What
	if what == "" {
		what = "formula"
	}
	if e.Col <= 0 {
		return fmt.Sprintf("%s %q: %s", what, e.Text, e.Msg)
	}
	return fmt.Sprintf("%s %q: column %d: %s", what, e.Text, e.Col, e.Msg)
}

// Formula is a parsed model formula.
type Formula struct {
	// Text is the formula as written.
	Text string
	// Response is the left-hand side, nil when there is none.
	Response Expr
	// RHS is the right-hand side before the "|", the model terms.
	RHS Expr
	// FixedEffects are the terms after "|": each is one or more column
	// names whose combinations form the fixed effect ("a^b").
	FixedEffects [][]*Name

	terms     []term
	vars      []Expr
	intercept bool
	offsets   []Expr
	added     []Expr   // offsets from AddOffset, not written in the formula
	addedText []string // their text as given, which their positions count in
	// responseDropped says the response was written as a term on the
	// right and dropped, as R drops it.
	responseDropped bool
}

// Terms returns the term labels in R's order (by degree, then appearance),
// without the intercept.
func (f *Formula) Terms() []string {
	out := make([]string, len(f.terms))
	for i, t := range f.terms {
		out[i] = f.label(t)
	}
	return out
}

// Intercept reports whether the formula keeps the intercept.
func (f *Formula) Intercept() bool { return f.intercept }

// Offsets returns the offset expressions, from offset(...) terms and AddOffset.
func (f *Formula) Offsets() []Expr { return f.offsets }

// FixedEffectNames returns the fixed-effect names ("district", "a^b").
func (f *Formula) FixedEffectNames() []string {
	out := make([]string, len(f.FixedEffects))
	for i, fe := range f.FixedEffects {
		parts := make([]string, len(fe))
		for j, n := range fe {
			parts[j] = n.String()
		}
		out[i] = strings.Join(parts, "^")
	}
	return out
}

// AddOffset adds an offset written as an expression ("log(pop)"), as the
// --offset flag of the CLI does.
func (f *Formula) AddOffset(expr string) error {
	e, err := ParseExpr(expr)
	if err != nil {
		var fe *Error
		if errors.As(err, &fe) {
			fe.What = "offset"
			fe.Msg = strings.ReplaceAll(fe.Msg, "end of formula", "end of offset")
			fe.Msg = strings.ReplaceAll(fe.Msg, "formula ends where", "offset ends where")
		}
		return err
	}
	f.offsets = append(f.offsets, e)
	f.added = append(f.added, e)
	f.addedText = append(f.addedText, expr)
	return nil
}

// String returns the formula in R's deparsed form, with offsets added by
// AddOffset written as offset(...) terms.
func (f *Formula) String() string {
	var b strings.Builder
	if f.Response != nil {
		b.WriteString(f.Response.String())
		b.WriteString(" ")
	}
	b.WriteString("~ ")
	b.WriteString(f.RHS.String())
	for _, o := range f.added {
		b.WriteString(" + offset(")
		b.WriteString(o.String())
		b.WriteString(")")
	}
	if len(f.FixedEffects) > 0 {
		b.WriteString(" | ")
		b.WriteString(strings.Join(f.FixedEffectNames(), " + "))
	}
	return b.String()
}

// Parse parses a model formula. Errors are *Error values with the column
// where the problem is.
func Parse(text string) (*Formula, error) {
	p := &parser{text: text}
	if err := p.lex(); err != nil {
		return nil, err
	}
	f := &Formula{Text: text}
	var lhs Expr
	if p.peek().kind != tTilde {
		e, err := p.expr(0)
		if err != nil {
			return nil, err
		}
		lhs = e
	}
	if p.peek().kind != tTilde {
		return nil, p.errAt(p.peek(), "expected \"~\" between the response and the terms")
	}
	p.next()
	rhs, err := p.expr(0)
	if err != nil {
		return nil, err
	}
	if t := p.peek(); t.kind != tEOF {
		return nil, p.errAt(t, fmt.Sprintf("unexpected %s after the formula", t))
	}
	// Split off the fixed effects at the top-level "|".
	if b, ok := rhs.(*Binary); ok && b.Op == "|" {
		if inner, ok := b.L.(*Binary); ok && inner.Op == "|" {
			return nil, &Error{Text: text, Col: b.At, Msg: "more than one \"|\"; list fixed effects as a + b"}
		}
		fes, err := fixedEffects(text, b.R)
		if err != nil {
			return nil, err
		}
		f.FixedEffects = fes
		rhs = b.L
	}
	if err := checkNoBar(text, rhs); err != nil {
		return nil, err
	}
	if lhs != nil {
		if err := checkNoBar(text, lhs); err != nil {
			return nil, err
		}
	}
	f.Response = lhs
	f.RHS = rhs
	if err := f.expand(); err != nil {
		return nil, err
	}
	return f, nil
}

// ParseExpr parses an arithmetic expression such as "log(pop)".
func ParseExpr(text string) (Expr, error) {
	p := &parser{text: text}
	if err := p.lex(); err != nil {
		return nil, err
	}
	e, err := p.expr(0)
	if err != nil {
		return nil, err
	}
	if t := p.peek(); t.kind != tEOF {
		return nil, p.errAt(t, fmt.Sprintf("unexpected %s after the expression", t))
	}
	if err := checkNoBar(text, e); err != nil {
		return nil, err
	}
	return e, nil
}

func checkNoBar(text string, e Expr) error {
	var bad Expr
	walk(e, func(x Expr) {
		if b, ok := x.(*Binary); ok && b.Op == "|" && bad == nil {
			bad = b
		}
	})
	if bad != nil {
		return &Error{Text: text, Col: bad.Pos(), Msg: "\"|\" may only separate the terms from the fixed effects"}
	}
	return nil
}

func walk(e Expr, fn func(Expr)) {
	fn(e)
	switch x := e.(type) {
	case *Binary:
		walk(x.L, fn)
		walk(x.R, fn)
	case *Unary:
		walk(x.X, fn)
	case *Paren:
		walk(x.X, fn)
	case *Call:
		for _, a := range x.Args {
			walk(a.Value, fn)
		}
	}
}

func fixedEffects(text string, e Expr) ([][]*Name, error) {
	var out [][]*Name
	var add func(e Expr) error
	var combo func(e Expr) ([]*Name, error)
	combo = func(e Expr) ([]*Name, error) {
		switch x := e.(type) {
		case *Name:
			return []*Name{x}, nil
		case *Binary:
			if x.Op == "^" {
				l, err := combo(x.L)
				if err != nil {
					return nil, err
				}
				r, err := combo(x.R)
				if err != nil {
					return nil, err
				}
				return append(l, r...), nil
			}
		case *Paren:
			return combo(x.X)
		}
		return nil, &Error{Text: text, Col: e.Pos(), Msg: fmt.Sprintf("fixed effects must be column names or a^b combinations, not %s", e)}
	}
	add = func(e Expr) error {
		if b, ok := e.(*Binary); ok && b.Op == "+" {
			if err := add(b.L); err != nil {
				return err
			}
			return add(b.R)
		}
		names, err := combo(e)
		if err != nil {
			return err
		}
		out = append(out, names)
		return nil
	}
	if err := add(e); err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	for _, fe := range out {
		k := fmt.Sprint(fe)
		parts := make([]string, len(fe))
		for i, n := range fe {
			parts[i] = n.Name
		}
		k = strings.Join(parts, "^")
		if seen[k] {
			return nil, &Error{Text: text, Col: fe[0].At, Msg: fmt.Sprintf("fixed effect %s appears twice", k)}
		}
		seen[k] = true
	}
	return out, nil
}

// ---- lexer and parser ----

type tokKind int

const (
	tEOF tokKind = iota
	tName
	tNumber
	tString
	tOp
	tTilde
	tLParen
	tRParen
	tComma
	tEquals
)

// singleTokens are the one-character tokens.
var singleTokens = map[rune]tokKind{
	'~': tTilde, '(': tLParen, ')': tRParen, ',': tComma, '=': tEquals,
	'+': tOp, '-': tOp, '*': tOp, '/': tOp, '^': tOp, ':': tOp, '|': tOp,
}

type token struct {
	kind tokKind
	text string // operator, name, or literal text
	num  float64
	pos  int // 1-based column (in runes)
}

func (t token) String() string {
	switch t.kind {
	case tEOF:
		return "end of formula"
	case tName:
		return fmt.Sprintf("name %q", t.text)
	case tNumber:
		return fmt.Sprintf("number %s", t.text)
	case tString:
		return fmt.Sprintf("string %q", t.text)
	}
	return fmt.Sprintf("%q", t.text)
}

type parser struct {
	text string
	toks []token
	i    int
}

func (p *parser) peek() token { return p.toks[p.i] }
func (p *parser) next() token {
	t := p.toks[p.i]
	if p.i < len(p.toks)-1 {
		p.i++
	}
	return t
}

func (p *parser) errAt(t token, msg string) error {
	return &Error{Text: p.text, Col: t.pos, Msg: msg}
}

func (p *parser) lex() error {
	s := p.text
	col := 1
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			return &Error{Text: s, Col: col, Msg: "invalid UTF-8"}
		}
		start, startCol := i, col
		adv := func(n int) {
			for k := 0; k < n; {
				_, sz := utf8.DecodeRuneInString(s[i:])
				i += sz
				k++
				col++
			}
		}
		switch {
		case unicode.IsSpace(r):
			adv(1)
		case singleTokens[r] != 0:
			p.toks = append(p.toks, token{kind: singleTokens[r], text: string(r), pos: startCol})
			adv(1)
		case r == '%':
			j := strings.IndexByte(s[i+1:], '%')
			op := s[i:]
			if j >= 0 {
				op = s[i : i+j+2]
			}
			return &Error{Text: s, Col: startCol, Msg: fmt.Sprintf("operator %s is not supported", op)}
		case r == '"' || r == '\'':
			quote := r
			adv(1)
			var b strings.Builder
			closed := false
			for i < len(s) {
				c, _ := utf8.DecodeRuneInString(s[i:])
				if c == quote {
					adv(1)
					closed = true
					break
				}
				if c == '\\' && i+1 < len(s) {
					adv(1)
					c, _ = utf8.DecodeRuneInString(s[i:])
					switch c {
					case 'n':
						c = '\n'
					case 't':
						c = '\t'
					}
				}
				b.WriteRune(c)
				adv(1)
			}
			if !closed {
				return &Error{Text: s, Col: startCol, Msg: "string is not closed"}
			}
			p.toks = append(p.toks, token{kind: tString, text: b.String(), pos: startCol})
		case r == '`':
			adv(1)
			var b strings.Builder
			closed := false
			for i < len(s) {
				c, _ := utf8.DecodeRuneInString(s[i:])
				if c == '`' {
					adv(1)
					closed = true
					break
				}
				if c == '\\' && i+1 < len(s) {
					adv(1)
					c, _ = utf8.DecodeRuneInString(s[i:])
				}
				b.WriteRune(c)
				adv(1)
			}
			if !closed {
				return &Error{Text: s, Col: startCol, Msg: "backquoted name is not closed"}
			}
			if b.Len() == 0 {
				return &Error{Text: s, Col: startCol, Msg: "empty backquoted name"}
			}
			p.toks = append(p.toks, token{kind: tName, text: b.String(), pos: startCol})
		case unicode.IsDigit(r) || (r == '.' && i+1 < len(s) && s[i+1] >= '0' && s[i+1] <= '9'):
			j := i
			for j < len(s) && (s[j] >= '0' && s[j] <= '9' || s[j] == '.') {
				j++
			}
			if j < len(s) && (s[j] == 'e' || s[j] == 'E') {
				k := j + 1
				if k < len(s) && (s[k] == '+' || s[k] == '-') {
					k++
				}
				if k < len(s) && s[k] >= '0' && s[k] <= '9' {
					for k < len(s) && s[k] >= '0' && s[k] <= '9' {
						k++
					}
					j = k
				}
			}
			lit := s[i:j]
			v, err := strconv.ParseFloat(lit, 64)
			if err != nil {
				return &Error{Text: s, Col: startCol, Msg: fmt.Sprintf("bad number %q", lit)}
			}
			if j < len(s) && s[j] == 'L' {
				j++
			}
			adv(j - i)
			p.toks = append(p.toks, token{kind: tNumber, text: s[start:i], num: v, pos: startCol})
		case unicode.IsLetter(r) || r == '.' || r == '_':
			if r == '_' {
				return &Error{Text: s, Col: startCol, Msg: "a name cannot start with \"_\"; quote it with backquotes"}
			}
			j := i
			for j < len(s) {
				c, sz := utf8.DecodeRuneInString(s[j:])
				if !(unicode.IsLetter(c) || unicode.IsDigit(c) || c == '.' || c == '_') {
					break
				}
				j += sz
			}
			name := s[i:j]
			adv(utf8.RuneCountInString(name))
			p.toks = append(p.toks, token{kind: tName, text: name, pos: startCol})
		default:
			return &Error{Text: s, Col: startCol, Msg: fmt.Sprintf("unexpected character %q", r)}
		}
	}
	p.toks = append(p.toks, token{kind: tEOF, pos: col})
	return nil
}

// Operator precedence as in R (?Syntax): ^ binds tightest (right to
// left), then unary minus and plus, then ":", then * and /, then binary +
// and -, then "|".
func binPrec(t token) int {
	if t.kind != tOp {
		return -1
	}
	switch t.text {
	case "|":
		return 1
	case "+", "-":
		return 2
	case "*", "/":
		return 3
	case ":":
		return 4
	case "^":
		return 6
	}
	return -1
}

const unaryPrec = 5

func (p *parser) expr(minPrec int) (Expr, error) {
	left, err := p.unary()
	if err != nil {
		return nil, err
	}
	for {
		t := p.peek()
		prec := binPrec(t)
		if prec < 0 || prec < minPrec {
			return left, nil
		}
		p.next()
		next := prec + 1
		if t.text == "^" {
			next = prec
		}
		right, err := p.expr(next)
		if err != nil {
			return nil, err
		}
		left = &Binary{Op: t.text, L: left, R: right, At: t.pos}
	}
}

func (p *parser) unary() (Expr, error) {
	t := p.peek()
	if t.kind == tOp && (t.text == "-" || t.text == "+") {
		p.next()
		x, err := p.expr(unaryPrec)
		if err != nil {
			return nil, err
		}
		return &Unary{Op: t.text, X: x, At: t.pos}, nil
	}
	return p.primary()
}

func (p *parser) primary() (Expr, error) {
	t := p.next()
	switch t.kind {
	case tNumber:
		return &Number{Value: t.num, At: t.pos}, nil
	case tString:
		return &Str{Value: t.text, At: t.pos}, nil
	case tLParen:
		x, err := p.expr(0)
		if err != nil {
			return nil, err
		}
		if r := p.next(); r.kind != tRParen {
			return nil, p.errAt(r, fmt.Sprintf("expected \")\" to close the \"(\" at column %d, found %s", t.pos, r))
		}
		return &Paren{X: x, At: t.pos}, nil
	case tName:
		if p.peek().kind != tLParen {
			return &Name{Name: t.text, At: t.pos}, nil
		}
		open := p.next()
		c := &Call{Fun: t.text, At: t.pos}
		if p.peek().kind == tRParen {
			p.next()
			return c, nil
		}
		for {
			var a Arg
			if p.peek().kind == tName && p.toks[p.i+1].kind == tEquals {
				a.Name = p.next().text
				p.next()
			}
			v, err := p.expr(0)
			if err != nil {
				return nil, err
			}
			a.Value = v
			c.Args = append(c.Args, a)
			r := p.next()
			if r.kind == tRParen {
				return c, nil
			}
			if r.kind != tComma {
				return nil, p.errAt(r, fmt.Sprintf("expected \",\" or \")\" in the call to %s at column %d, found %s", t.text, open.pos-len(t.text), r))
			}
		}
	case tEOF:
		return nil, p.errAt(t, "formula ends where a term was expected")
	}
	return nil, p.errAt(t, fmt.Sprintf("unexpected %s where a term was expected", t))
}

var reserved = map[string]bool{
	"if": true, "else": true, "repeat": true, "while": true, "function": true, "for": true, "next": true,
	"break": true, "TRUE": true, "FALSE": true, "NULL": true, "Inf": true, "NaN": true, "NA": true,
	"NA_integer_": true, "NA_real_": true, "NA_character_": true, "in": true,
}

// syntactic reports whether s is a syntactically valid R name, which
// deparse writes without backquotes.
func syntactic(s string) bool {
	if s == "" || reserved[s] {
		return false
	}
	r, _ := utf8.DecodeRuneInString(s)
	if !(unicode.IsLetter(r) || r == '.') {
		return false
	}
	if r == '.' && len(s) > 1 && s[1] >= '0' && s[1] <= '9' {
		return false
	}
	for _, c := range s {
		if !(unicode.IsLetter(c) || unicode.IsDigit(c) || c == '.' || c == '_') {
			return false
		}
	}
	return true
}

// FormatNumber writes a number as R's deparse and as.character do: up to 15
// significant digits, fixed notation unless scientific notation is shorter
// (R's scipen = 0 rule), exponents signed with at least two digits
// ("1e+05", "0.5", "2011").
func FormatNumber(x float64) string {
	switch {
	case math.IsInf(x, 1):
		return "Inf"
	case math.IsInf(x, -1):
		return "-Inf"
	case math.IsNaN(x):
		return "NaN"
	case x == 0:
		return "0"
	}
	v, _ := strconv.ParseFloat(strconv.FormatFloat(x, 'e', 14, 64), 64)
	digits := 15
	for d := 1; d < 15; d++ {
		if w, _ := strconv.ParseFloat(strconv.FormatFloat(v, 'e', d-1, 64), 64); w == v {
			digits = d
			break
		}
	}
	sci := strconv.FormatFloat(v, 'e', digits-1, 64)
	exp, _ := strconv.Atoi(sci[strings.IndexByte(sci, 'e')+1:])
	fixed := strconv.FormatFloat(v, 'f', max(digits-1-exp, 0), 64)
	if len(fixed) <= len(sci) {
		return fixed
	}
	return sci
}
