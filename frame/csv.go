package frame

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/baserate/baserate"
	"github.com/baserate/baserate/internal/csvrec"
)

// DefaultNA lists the fields read as missing values when Options.NA is nil.
var DefaultNA = []string{"", "NA", "N/A", "NaN", "nan", "null", "NULL", "."}

// Options control how ReadCSV reads a file.
type Options struct {
	// Comma is the field separator. Zero means: detect comma, semicolon or
	// tab from the header line.
	Comma rune
	// NA lists the fields (after trimming spaces) that mean "missing". Nil
	// means DefaultNA.
	NA []string
	// Factors names columns to read as factors even when every value is a
	// number (codes, years used as categories).
	Factors []string
	// Latin1 says the file is ISO 8859-1 rather than UTF-8; it is
	// transcoded while read. Without it, text that is not UTF-8 is an error.
	Latin1 bool
}

// ReadFile reads the CSV file at path; see ReadCSV.
func ReadFile(ctx context.Context, path string, opt Options) (*Frame, error) {
	fh, err := os.Open(path)
	if err != nil {
		return nil, baserate.E("frame.ReadFile", baserate.KindNotFound, err)
	}
	defer fh.Close()
	return ReadCSV(ctx, fh, path, opt)
}

// ReadCSV reads a delimited table with a header line. Every record must
// have as many fields as the header. A column is numeric when every field
// that is not missing parses as a number; otherwise it is a factor. Errors
// name the file (name) and line: "data.csv:7: 4 fields, header has 5".
func ReadCSV(ctx context.Context, r io.Reader, name string, opt Options) (*Frame, error) {
	if opt.Latin1 {
		r = &latin1Reader{r: bufio.NewReader(r)}
	}
	br := bufio.NewReaderSize(r, 1<<16)
	if b, err := br.Peek(3); err == nil && bytes.Equal(b, []byte{0xEF, 0xBB, 0xBF}) {
		br.Discard(3)
	}
	comma := opt.Comma
	if comma == 0 {
		head, _ := br.Peek(br.Size())
		if i := bytes.IndexByte(head, '\n'); i >= 0 {
			head = head[:i]
		}
		comma = detectComma(head)
	}
	cr := csv.NewReader(br)
	cr.Comma = comma
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true

	header, err := cr.Read()
	if err == io.EOF {
		return nil, baserate.Invalid(name, 1, "empty file: no header line")
	}
	if err != nil {
		return nil, csvrec.Err(name, err)
	}
	na := opt.NA
	if na == nil {
		na = DefaultNA
	}
	naSet := make(map[string]bool, len(na))
	for _, s := range na {
		naSet[s] = true
	}
	force := make(map[string]bool, len(opt.Factors))
	for _, s := range opt.Factors {
		force[s] = true
	}
	cols := make([]*builder, len(header))
	seen := map[string]int{}
	for i, h := range header {
		h = strings.TrimSpace(h)
		if !utf8.ValidString(h) {
			return nil, posErr(name, 1, "", fmt.Sprintf("column %d: name is not valid UTF-8 (is the file Latin-1?)", i+1))
		}
		if h == "" {
			return nil, posErr(name, 1, "", fmt.Sprintf("column %d has no name", i+1))
		}
		if j, dup := seen[h]; dup {
			return nil, posErr(name, 1, h, fmt.Sprintf("column name appears twice (columns %d and %d)", j+1, i+1))
		}
		seen[h] = i
		cols[i] = &builder{name: h, numeric: !force[h], decComma: comma == ';' || comma == '\t'}
		delete(force, h)
	}
	for h := range force {
		return nil, baserate.E("frame.ReadCSV", baserate.KindInvalid, fmt.Sprintf("%s: Factors names column %q, which the header lacks", name, h))
	}

	var lines []int32
	row := 0
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, csvrec.Err(name, err)
		}
		line, _ := cr.FieldPos(0)
		if row&0xffff == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		if lines == nil && line != row+2 {
			lines = make([]int32, row, row+1024)
			for i := range lines {
				lines[i] = int32(i + 2)
			}
		}
		if lines != nil {
			lines = append(lines, int32(line))
		}
		if len(rec) != len(header) {
			return nil, posErr(name, line, "", fmt.Sprintf("%d fields, header has %d", len(rec), len(header)))
		}
		for i, field := range rec {
			if err := cols[i].add(strings.TrimSpace(field), line, naSet); err != nil {
				return nil, posErr(name, line, cols[i].name, err.Error())
			}
		}
		row++
	}
	out := make([]*Column, len(cols))
	for i, b := range cols {
		out[i] = b.column()
	}
	f, err := New(name, out...)
	if err != nil {
		return nil, err
	}
	f.lines = lines
	return f, nil
}

// builder accumulates one column while the file is read. It starts
// numeric and turns into a factor at the first field that is not a number.
type builder struct {
	name    string
	numeric bool
	num     []float64
	codes   []int32
	levels  []string
	index   map[string]int32
	first   *fieldPos
	// nums and texts count, once the column has turned into a factor, its
	// fields that are and are not numbers (for Frame.MostlyNumeric).
	nums, texts int
	// decComma says the file is separated by semicolons or tabs, so that
	// a column may write numbers with a decimal comma (see column). While
	// such a column is numeric, dotted keeps the text of its fields that
	// read as thousands grouped by dots ("1.000": 1 or 1000?), by row, up
	// to maxDotted of them (dottedLost says more were seen).
	decComma   bool
	dotted     map[int]string
	dottedLost bool
}

const maxDotted = 1 << 16

func (b *builder) add(s string, line int, na map[string]bool) error {
	if na[s] {
		if b.numeric {
			b.num = append(b.num, math.NaN())
		} else {
			b.codes = append(b.codes, -1)
		}
		return nil
	}
	if b.numeric {
		if v, ok := parseNumber(s); ok {
			if b.decComma && strings.IndexByte(s, '.') >= 0 && isDotGrouped(s) {
				if b.dotted == nil {
					b.dotted = map[int]string{}
				}
				if len(b.dotted) < maxDotted {
					b.dotted[len(b.num)] = s
				} else {
					b.dottedLost = true
				}
			}
			b.num = append(b.num, v)
			return nil
		}
		b.toFactor(line, s)
	} else if b.first != nil {
		if isNumber(s) {
			b.nums++
		} else {
			b.texts++
		}
	}
	if b.index == nil {
		b.index = map[string]int32{}
	}
	k, ok := b.index[s]
	if !ok {
		if !utf8.ValidString(s) {
			return errors.New("text is not valid UTF-8 (is the file Latin-1?)")
		}
		k = int32(len(b.levels))
		b.levels = append(b.levels, s)
		b.index[s] = k
	}
	b.codes = append(b.codes, k)
	return nil
}

// toFactor turns the numbers read so far into factor levels, written in
// the shortest form that reads back as the same number.
func (b *builder) toFactor(line int, s string) {
	b.numeric = false
	if b.first == nil && line > 0 {
		b.first = &fieldPos{line: line, value: s}
	}
	b.index = map[string]int32{}
	b.codes = make([]int32, len(b.num), max(len(b.num)*2, 16))
	b.texts = 1
	for i, v := range b.num {
		if math.IsNaN(v) {
			b.codes[i] = -1
			continue
		}
		b.nums++
		t, ok := b.dotted[i]
		if !ok {
			t = strconv.FormatFloat(v, 'g', -1, 64)
		}
		k, ok := b.index[t]
		if !ok {
			k = int32(len(b.levels))
			b.levels = append(b.levels, t)
			b.index[t] = k
		}
		b.codes[i] = k
	}
	b.num = nil
	b.dotted = nil
}

func (b *builder) column() *Column {
	if !b.numeric && b.first != nil && b.decComma {
		b.fromDecimalComma()
	}
	if b.numeric {
		if b.num == nil {
			b.num = []float64{}
		}
		return &Column{Name: b.name, Kind: Numeric, Num: b.num}
	}
	if b.codes == nil {
		b.codes = []int32{}
	}
	return &Column{Name: b.name, Kind: Factor, Codes: b.codes, Levels: b.levels, firstText: b.first,
		mostlyNumbers: b.mostlyNumbers()}
}

// mostlyNumbers tells a numeric column with a few text fields (most likely
// mistakes: "abc", "n/a") from codes with a text level ("14", "18", ...,
// "60+"; a factor, as R reads it): most fields are numbers, and their
// values look measured rather than coded, with more than 20 distinct
// values or distinct values in more than half the numeric fields.
func (b *builder) mostlyNumbers() bool {
	if b.first == nil || b.nums <= b.texts {
		return false
	}
	distinct := 0
	for _, l := range b.levels {
		if isNumber(l) {
			distinct++
		}
	}
	return distinct > 20 || 2*distinct > b.nums
}

// fromDecimalComma turns a factor column back into numbers when every
// level reads as a number written with a decimal comma and, optionally,
// dots between groups of three digits ("0,5", "-1,25", "2.500,5",
// "1.234.567"; the convention of R's read.csv2 and of spreadsheets where
// the comma is the decimal mark). Only columns that some such field made a
// factor are read so: a column of plain "1.000" stays 1.
func (b *builder) fromDecimalComma() {
	if b.dottedLost {
		return
	}
	vals := make([]float64, len(b.levels))
	for i, l := range b.levels {
		v, ok := parseDecimalComma(l)
		if !ok {
			return
		}
		vals[i] = v
	}
	b.num = make([]float64, len(b.codes))
	for i, k := range b.codes {
		if k < 0 {
			b.num[i] = math.NaN()
		} else {
			b.num[i] = vals[k]
		}
	}
	b.numeric, b.codes, b.levels, b.index, b.first = true, nil, nil, nil, nil
}

// parseDecimalComma reads [sign] digits [, digits] where the integer digits
// may be grouped by dots in threes.
func parseDecimalComma(s string) (float64, bool) {
	sign, t := "", s
	if t != "" && (t[0] == '-' || t[0] == '+') {
		sign, t = t[:1], t[1:]
	}
	intPart, frac, hasFrac := strings.Cut(t, ",")
	if hasFrac && (frac == "" || !allDigits(frac)) {
		return 0, false
	}
	switch {
	case isDotGrouped(intPart):
		intPart = strings.ReplaceAll(intPart, ".", "")
	case intPart == "" || !allDigits(intPart):
		return 0, false
	}
	num := sign + intPart
	if hasFrac {
		num += "." + frac
	}
	v, err := strconv.ParseFloat(num, 64)
	return v, err == nil
}

// isDotGrouped reports whether s is an integer written with dots between
// groups of three digits ("1.000", "-12.345.678").
func isDotGrouped(s string) bool {
	if s != "" && (s[0] == '-' || s[0] == '+') {
		s = s[1:]
	}
	groups := strings.Split(s, ".")
	if len(groups) < 2 || len(groups[0]) == 0 || len(groups[0]) > 3 || !allDigits(groups[0]) {
		return false
	}
	for _, g := range groups[1:] {
		if len(g) != 3 || !allDigits(g) {
			return false
		}
	}
	return true
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// isNumber reports whether s reads as a number; a quick look at its first
// byte spares the parse for most text.
func isNumber(s string) bool {
	if s == "" {
		return false
	}
	switch c := s[0]; {
	case c >= '0' && c <= '9', c == '-', c == '+', c == '.', c == 'i', c == 'I', c == 'n', c == 'N':
	default:
		return false
	}
	_, ok := parseNumber(s)
	return ok
}

// parseNumber reads a decimal number as R's read.csv does; Go's digit
// separators ("1_000") and hex floats ("0x1p4") are not numbers there.
// Values beyond the float range read as ±Inf (an error where used).
func parseNumber(s string) (float64, bool) {
	if strings.ContainsAny(s, "_xXpP") {
		return 0, false
	}
	v, err := strconv.ParseFloat(s, 64)
	return v, err == nil || errors.Is(err, strconv.ErrRange)
}

func posErr(file string, line int, field, msg string) error {
	return &baserate.Error{Op: "frame", Kind: baserate.KindInvalid,
		Err: &baserate.PosError{File: file, Line: line, Offset: -1, Field: field, Err: errors.New(msg)}}
}

// detectComma picks the separator that occurs most often in the header
// line outside quotes, preferring the comma on ties.
func detectComma(head []byte) rune {
	counts := map[byte]int{}
	inQuote := false
	for _, c := range head {
		switch {
		case c == '"':
			inQuote = !inQuote
		case !inQuote && (c == ',' || c == ';' || c == '\t'):
			counts[c]++
		}
	}
	best, n := byte(','), counts[',']
	for _, c := range []byte{';', '\t'} {
		if counts[c] > n {
			best, n = c, counts[c]
		}
	}
	return rune(best)
}

// latin1Reader transcodes ISO 8859-1 to UTF-8.
type latin1Reader struct {
	r       *bufio.Reader
	pending []byte
}

func (l *latin1Reader) Read(p []byte) (int, error) {
	n := 0
	for n < len(p) {
		if len(l.pending) > 0 {
			c := copy(p[n:], l.pending)
			l.pending = l.pending[c:]
			n += c
			continue
		}
		b, err := l.r.ReadByte()
		if err != nil {
			if n > 0 {
				return n, nil
			}
			return 0, err
		}
		if b < 0x80 {
			p[n] = b
			n++
			continue
		}
		var buf [2]byte
		utf8.EncodeRune(buf[:], rune(b))
		l.pending = append(l.pending[:0], buf[:]...)
	}
	return n, nil
}
