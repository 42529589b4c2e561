package px

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/baserate/baserate"
)

// Default limits. A file that declares more cells than MaxCells, or whose
// header is longer than MaxHeaderBytes, is refused before anything is
// allocated for it.
const (
	DefaultMaxCells       = 200_000_000
	DefaultMaxHeaderBytes = 64 << 20
)

// Options control Read. The zero value is ready to use.
type Options struct {
	// Name is the file name used in error messages and in Table.Source.
	Name string
	// Lenient accepts files that lack mandatory metadata keywords
	// (MATRIX, SUBJECT-AREA, SUBJECT-CODE, CONTENTS, TITLE, UNITS,
	// DECIMALS), noting each as a caveat instead of failing. Keywords the
	// cube needs (STUB or HEADING, VALUES, DATA) are always required.
	Lenient bool
	// MaxCells bounds the product of the variable sizes; 0 means
	// DefaultMaxCells.
	MaxCells int
	// MaxHeaderBytes bounds the metadata part; 0 means DefaultMaxHeaderBytes.
	MaxHeaderBytes int64
}

// Keywords that the cube is built from: a syntax error in one of them is
// fatal, while one in descriptive text is a caveat.
var structural = map[string]bool{
	"STUB": true, "HEADING": true, "VALUES": true, "CODES": true, "KEYS": true,
	"DATA": true, "DECIMALS": true, "MATRIX": true, "SUBJECT-AREA": true, "SUBJECT-CODE": true,
	"CONTENTS": true, "TITLE": true, "UNITS": true, "LANGUAGE": true, "LANGUAGES": true,
	"CODEPAGE": true, "CHARSET": true, "CONTVARIABLE": true, "VARIABLECODE": true,
}

// ReadFile reads the PX file at path. Options.Name defaults to path.
func ReadFile(ctx context.Context, path string, opt Options) (*baserate.Table, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, baserate.E("px", baserate.KindNotFound, err)
	}
	defer f.Close()
	if opt.Name == "" {
		opt.Name = path
	}
	return Read(ctx, f, opt)
}

// Read reads one PX file from r into a table. Dimensions are the STUB
// variables followed by the HEADING variables, in the order of the file,
// so the DATA values stream straight into the table's row-major order.
func Read(ctx context.Context, r io.Reader, opt Options) (*baserate.Table, error) {
	if opt.MaxCells <= 0 {
		opt.MaxCells = DefaultMaxCells
	}
	if opt.MaxHeaderBytes <= 0 {
		opt.MaxHeaderBytes = DefaultMaxHeaderBytes
	}
	if opt.Name == "" {
		opt.Name = "px"
	}
	br := bufio.NewReaderSize(r, 64<<10)
	lx := &lexer{r: br, max: opt.MaxHeaderBytes}
	var entries []*entry
	var data *entry
	for {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		e, err := lx.next()
		if err == io.EOF {
			break
		}
		if err == errTooLong {
			return nil, &baserate.Error{Op: "px", Kind: baserate.KindTooLarge,
				Err: &baserate.PosError{File: opt.Name, Line: lx.line + 1, Offset: -1,
					Err: fmt.Errorf("metadata longer than %d bytes before DATA", opt.MaxHeaderBytes)}}
		}
		var le *lexError
		if errors.As(err, &le) {
			return nil, invalid(opt.Name, le.line, "%v", le.err)
		}
		if err != nil {
			return nil, invalid(opt.Name, 0, "%v", err)
		}
		if e.err == errTooLong {
			return nil, &baserate.Error{Op: "px", Kind: baserate.KindTooLarge,
				Err: &baserate.PosError{File: opt.Name, Line: e.line, Offset: -1,
					Err: fmt.Errorf("metadata longer than %d bytes before DATA", opt.MaxHeaderBytes)}}
		}
		if e.key == "DATA" {
			data = e
			break
		}
		entries = append(entries, e)
	}
	if len(entries) == 0 {
		return nil, invalid(opt.Name, 1, "not a PX file: no KEYWORD=value; found")
	}
	b := &builder{opt: opt, entries: entries}
	b.dec, b.charset, b.encNotes = charset(entries)
	if err := b.header(); err != nil {
		return nil, err
	}
	if data == nil {
		return nil, invalid(opt.Name, lx.line+1, "no DATA keyword: the file has metadata but no values")
	}
	if err := b.readData(ctx, newDataScanner(br, data.line-1), data.line); err != nil {
		return nil, err
	}
	b.finish()
	return b.t, nil
}

// invalid returns a KindInvalid error at file:line (line 0: no line).
func invalid(file string, line int, format string, args ...any) error {
	return &baserate.Error{Op: "px", Kind: baserate.KindInvalid,
		Err: &baserate.PosError{File: file, Line: line, Offset: -1, Err: fmt.Errorf(format, args...)}}
}

type variable struct {
	name   string            // in the default language
	names  map[string]string // by language
	dim    *baserate.Dimension
	values []string // VALUES in the default language
	keys   string   // KEYS mode: "", "CODES" or "VALUES"
}

type builder struct {
	opt      Options
	entries  []*entry
	dec      func([]byte) string
	charset  string
	encNotes []string

	lang  string   // the default language
	langs []string // LANGUAGES, including the default
	vars  []*variable
	nStub int
	t     *baserate.Table
	ext   map[string]any
	kw    map[string]any // every keyword as written, for the extension
}

func (b *builder) caveat(code, format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	for i := range b.t.Caveats {
		if c := &b.t.Caveats[i]; c.Code == code {
			if !strings.Contains(c.Message, msg) {
				c.Message += "; " + msg
			}
			return
		}
	}
	b.t.Caveats = append(b.t.Caveats, baserate.Caveat{Code: code, Message: msg, Source: b.opt.Name})
}

// in reports whether an entry is in the default language.
func (b *builder) isDefault(e *entry) bool { return e.lang == "" || e.lang == b.lang }

func (b *builder) str(e *entry) string {
	for _, t := range e.toks {
		if t.kind == tString || t.kind == tBare {
			return b.dec(t.text)
		}
	}
	return ""
}

func (b *builder) list(e *entry) ([]string, error) {
	raw, err := listOf(e.toks)
	if err != nil {
		return nil, err
	}
	out := make([]string, len(raw))
	for i, r := range raw {
		out[i] = b.dec(r)
	}
	return out, nil
}

func (b *builder) subs(e *entry) []string {
	out := make([]string, len(e.sub))
	for i, s := range e.sub {
		out[i] = b.dec(s)
	}
	return out
}

func (b *builder) fatal(e *entry, format string, args ...any) error {
	return invalid(b.opt.Name, e.line, "%s: %s", e.name(b.dec), fmt.Sprintf(format, args...))
}

// header interprets the keywords: variables, categories, languages.
func (b *builder) header() error {
	b.t = &baserate.Table{}
	for _, n := range b.encNotes {
		b.caveat("px-encoding", "%s", n)
	}
	// Syntax errors: fatal in the keywords that shape the cube.
	for _, e := range b.entries {
		if e.err == nil {
			continue
		}
		if structural[e.key] {
			return b.fatal(e, "%v", e.err)
		}
		b.caveat("px-syntax", "line %d: %s: %v; the keyword was skipped", e.line, e.name(b.dec), e.err)
	}
	byKey := map[string][]*entry{}
	for _, e := range b.entries {
		if e.err == nil {
			byKey[e.key] = append(byKey[e.key], e)
		}
	}
	first := func(key string) *entry {
		for _, e := range byKey[key] {
			if b.isDefault(e) && len(e.sub) == 0 {
				return e
			}
		}
		return nil
	}
	if e := first("LANGUAGE"); e != nil {
		b.lang = b.str(e)
	}
	if e := first("LANGUAGES"); e != nil {
		l, err := b.list(e)
		if err != nil {
			return b.fatal(e, "%v", err)
		}
		b.langs = l
		if b.lang == "" && len(l) > 0 {
			b.lang = l[0]
		}
		if b.lang != "" && !slices.Contains(l, b.lang) {
			b.caveat("px-language", "LANGUAGE %q is not among LANGUAGES %q", b.lang, l)
		}
	}
	for _, e := range b.entries {
		if e.lang != "" && e.lang != b.lang && !slices.Contains(b.langs, e.lang) {
			b.caveat("px-language", "line %d: %s uses language %q, which LANGUAGES does not list; ignored", e.line, e.name(b.dec), e.lang)
		}
	}
	// Mandatory keywords.
	var missing []string
	for _, k := range []string{"MATRIX", "SUBJECT-AREA", "SUBJECT-CODE", "CONTENTS", "UNITS", "DECIMALS"} {
		if first(k) == nil {
			missing = append(missing, k)
		}
	}
	if first("TITLE") == nil && first("DESCRIPTION") == nil {
		missing = append(missing, "TITLE (or DESCRIPTION)")
	}
	if len(missing) > 0 {
		if !b.opt.Lenient {
			return invalid(b.opt.Name, 0, "missing mandatory keyword %s", strings.Join(missing, ", "))
		}
		b.caveat("px-missing-keyword", "the file lacks the mandatory keyword %s", strings.Join(missing, ", "))
	}
	// Variables.
	stubE, headE := first("STUB"), first("HEADING")
	if stubE == nil && headE == nil {
		return invalid(b.opt.Name, 0, "neither STUB nor HEADING: the file names no variables")
	}
	var names []string
	var nameLine []int // the line of the STUB or HEADING that names each
	for _, e := range []*entry{stubE, headE} {
		if e == nil {
			continue
		}
		l, err := b.list(e)
		if err != nil {
			return b.fatal(e, "%v", err)
		}
		if e == stubE {
			b.nStub = len(l)
		}
		names = append(names, l...)
		for range l {
			nameLine = append(nameLine, e.line)
		}
	}
	idx := map[string]int{}
	for i, n := range names {
		if _, dup := idx[n]; dup {
			return invalid(b.opt.Name, nameLine[i], "variable %q appears twice in STUB and HEADING", n)
		}
		idx[n] = i
		b.vars = append(b.vars, &variable{name: n, names: map[string]string{}})
	}
	if b.lang != "" {
		for _, v := range b.vars {
			v.names[b.lang] = v.name
		}
	}
	// Variable names in the other languages, by position.
	langIdx := map[string]map[string]int{"": idx}
	if b.lang != "" {
		langIdx[b.lang] = idx
	}
	for _, l := range b.langs {
		if l == b.lang {
			continue
		}
		var ln []string
		for _, k := range []string{"STUB", "HEADING"} {
			for _, e := range byKey[k] {
				if e.lang == l {
					x, err := b.list(e)
					if err != nil {
						return b.fatal(e, "%v", err)
					}
					ln = append(ln, x...)
				}
			}
		}
		if len(ln) != len(names) {
			if len(ln) > 0 {
				b.caveat("px-language", "STUB and HEADING in %q name %d variables, not %d; labels in %q ignored", l, len(ln), len(names), l)
			}
			continue
		}
		m := map[string]int{}
		for i, n := range ln {
			m[n] = i
			b.vars[i].names[l] = n
		}
		langIdx[l] = m
	}
	// varOf resolves a subkey naming a variable in the entry's language.
	varOf := func(e *entry, s string) int {
		m := langIdx[e.lang]
		if m == nil {
			return -1
		}
		if i, ok := m[s]; ok {
			return i
		}
		return -1
	}
	// VALUES and CODES.
	valuesIn := map[string][][]string{}    // lang -> var -> values
	valuesLine := make([]int, len(b.vars)) // the line of each variable's VALUES
	for _, e := range byKey["VALUES"] {
		if len(e.sub) != 1 {
			return b.fatal(e, "VALUES needs one variable name")
		}
		name := b.dec(e.sub[0])
		i := varOf(e, name)
		if i < 0 {
			if b.isDefault(e) {
				return b.fatal(e, "names variable %q, which is not in STUB or HEADING", name)
			}
			b.caveat("px-unknown-variable", "line %d: %s names an unknown variable; ignored", e.line, e.name(b.dec))
			continue
		}
		l, err := b.list(e)
		if err != nil {
			return b.fatal(e, "%v", err)
		}
		lang := e.lang
		if b.isDefault(e) {
			lang = ""
		}
		if valuesIn[lang] == nil {
			valuesIn[lang] = make([][]string, len(b.vars))
		}
		valuesIn[lang][i] = l
		if lang == "" {
			valuesLine[i] = e.line
		}
	}
	def := valuesIn[""]
	for i, v := range b.vars {
		if def == nil || def[i] == nil {
			return invalid(b.opt.Name, 0, "variable %q has no VALUES", v.name)
		}
		v.values = def[i]
	}
	codes := make([][]string, len(b.vars))
	codesLine := make([]int, len(b.vars))
	for _, e := range byKey["CODES"] {
		if !b.isDefault(e) || len(e.sub) != 1 {
			continue
		}
		name := b.dec(e.sub[0])
		i := varOf(e, name)
		if i < 0 {
			return b.fatal(e, "names variable %q, which is not in STUB or HEADING", name)
		}
		l, err := b.list(e)
		if err != nil {
			return b.fatal(e, "%v", err)
		}
		if len(l) != len(b.vars[i].values) {
			b.caveat("px-bad-value", "line %d: %s has %d codes for %d VALUES; the VALUES are used as category ids", e.line, e.name(b.dec), len(l), len(b.vars[i].values))
			continue
		}
		codes[i], codesLine[i] = l, e.line
	}
	varCode := map[int]string{}
	varCodeLine := map[int]int{}
	for _, e := range byKey["VARIABLECODE"] {
		if !b.isDefault(e) || len(e.sub) != 1 {
			continue
		}
		if i := varOf(e, b.dec(e.sub[0])); i >= 0 {
			varCode[i], varCodeLine[i] = b.str(e), e.line
		}
	}
	// Dimensions.
	cells := 1
	seenID := map[string]bool{}
	for i, v := range b.vars {
		id := v.name
		if c := varCode[i]; c != "" {
			id = c
		}
		if seenID[id] {
			return invalid(b.opt.Name, varCodeLine[i], "two variables have the id %q", id)
		}
		seenID[id] = true
		d := &baserate.Dimension{ID: id, Label: v.name, Categories: make([]baserate.Category, len(v.values))}
		if len(b.langs) > 0 {
			d.Labels = map[string]string{}
			for l, n := range v.names {
				d.Labels[l] = n
			}
		}
		seen := map[string]bool{}
		for j, val := range v.values {
			cid := val
			if codes[i] != nil {
				cid = codes[i][j]
			}
			if seen[cid] {
				line := valuesLine[i]
				if codes[i] != nil {
					line = codesLine[i]
				}
				return invalid(b.opt.Name, line, "variable %q has the category %q twice", v.name, cid)
			}
			seen[cid] = true
			c := baserate.Category{ID: cid, Label: val}
			if len(b.langs) > 0 {
				c.Labels = map[string]string{}
				for _, l := range b.langs {
					if l == b.lang {
						c.Labels[l] = val
					} else if vl := valuesIn[l]; vl != nil && vl[i] != nil && j < len(vl[i]) {
						c.Labels[l] = vl[i][j]
					}
				}
			}
			d.Categories[j] = c
		}
		v.dim = d
		if len(v.values) == 0 {
			return invalid(b.opt.Name, valuesLine[i], "variable %q has no categories", v.name)
		}
		if cells > b.opt.MaxCells/len(v.values) {
			return &baserate.Error{Op: "px", Kind: baserate.KindTooLarge, Err: &baserate.PosError{File: b.opt.Name, Offset: -1,
				Err: fmt.Errorf("the variables declare more than %d cells", b.opt.MaxCells)}}
		}
		cells *= len(v.values)
	}
	// KEYS.
	for _, e := range byKey["KEYS"] {
		if len(e.sub) != 1 {
			return b.fatal(e, "KEYS needs one variable name")
		}
		i := varOf(e, b.dec(e.sub[0]))
		if i < 0 {
			return b.fatal(e, "names a variable that is not in STUB or HEADING")
		}
		if i >= b.nStub {
			return b.fatal(e, "KEYS on a HEADING variable")
		}
		mode := strings.ToUpper(b.str(e))
		if mode != "CODES" && mode != "VALUES" {
			return b.fatal(e, "KEYS must be CODES or VALUES, not %q", mode)
		}
		if mode == "CODES" && codes[i] == nil {
			return b.fatal(e, "KEYS by CODES but the variable has no CODES")
		}
		b.vars[i].keys = mode
	}
	// CONTVARIABLE must name a variable, and each of its values needs
	// its UNITS.
	if e := first("CONTVARIABLE"); e != nil {
		i := varOf(e, b.str(e))
		if i < 0 {
			return b.fatal(e, "names %q, which is not in STUB or HEADING", b.str(e))
		}
		have := map[string]bool{}
		for _, u := range byKey["UNITS"] {
			if b.isDefault(u) && len(u.sub) == 1 {
				have[b.dec(u.sub[0])] = true
			}
		}
		var lack []string
		for _, v := range b.vars[i].values {
			if !have[v] {
				lack = append(lack, v)
			}
		}
		if len(lack) > 0 {
			if !b.opt.Lenient {
				return invalid(b.opt.Name, e.line, "CONTVARIABLE %q: no UNITS(%q)", b.str(e), lack[0])
			}
			b.caveat("px-missing-keyword", "CONTVARIABLE %q: no UNITS for %q", b.str(e), lack)
		}
	}
	// Language-dependent keywords should exist in every language.
	for _, l := range b.langs {
		if l == b.lang {
			continue
		}
		for _, k := range []string{"TITLE", "DESCRIPTION", "CONTENTS", "UNITS", "STUB", "HEADING", "CONTVARIABLE"} {
			if first(k) == nil {
				continue
			}
			found := false
			for _, e := range byKey[k] {
				if e.lang == l && len(e.sub) == 0 {
					found = true
				}
			}
			if !found {
				b.caveat("px-language", "%s has no [%s] version; labels in %q fall back to %q", k, l, l, b.lang)
			}
		}
	}
	dims := make([]*baserate.Dimension, len(b.vars))
	for i, v := range b.vars {
		dims[i] = v.dim
	}
	b.t.Dims = dims
	b.t.Values = make([]float64, cells)
	b.meta(byKey, first, varOf)
	return nil
}
