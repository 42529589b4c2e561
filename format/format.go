package format

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/baserate/baserate"
	tidycsv "github.com/baserate/baserate/format/csv"
	"github.com/baserate/baserate/format/eurostat"
	"github.com/baserate/baserate/format/genesis"
	"github.com/baserate/baserate/format/jsonstat"
	"github.com/baserate/baserate/format/px"
	"github.com/baserate/baserate/format/sdmx"
	"github.com/baserate/baserate/format/warc"
	"github.com/baserate/baserate/format/xlsx"
	"github.com/baserate/baserate/internal/csvrec"
)

// Format names a file format, as "baserate inspect" prints it.
type Format string

// The formats. WARC holds records, not tables: Open refuses it and
// inspect summarises it.
const (
	JSONStat    Format = "jsonstat"
	PX          Format = "px"
	EurostatTSV Format = "eurostat-tsv"
	SDMXCSV     Format = "sdmx-csv"
	GenesisCSV  Format = "genesis-csv"
	XLSX        Format = "xlsx"
	CSV         Format = "csv"
	WARC        Format = "warc"
)

// Options tune how a file is read. The zero value detects the format and
// reads with each reader's defaults.
type Options struct {
	// Format forces a format instead of detecting it.
	Format Format
	// Lenient accepts PX files that lack mandatory metadata keywords.
	Lenient bool
	// Sheet, Range and HeaderRows choose what to read from an XLSX
	// workbook: a sheet name (default: the first with data), a cell range
	// such as "A3:F200" (default: the used range), and the number of
	// header rows (0: detect).
	Sheet      string
	Range      string
	HeaderRows int
	// Log receives debug messages; nil discards them.
	Log *slog.Logger
}

// A reader turns one format into tables. Adding a format is one entry in
// readers.
type reader struct {
	format Format
	// sniff reports whether the head of a file (at most 64 KiB, already
	// decompressed) and its name look like this format.
	sniff func(name string, head []byte) bool
	read  func(ctx context.Context, r io.Reader, name string, opt Options) ([]*baserate.Table, error)
}

// readers in the order their sniffers are tried; the first match wins.
var readers = []reader{
	{JSONStat, sniffJSON, readJSONStat},
	{PX, sniffPX, readPX},
	{EurostatTSV, func(_ string, h []byte) bool { return eurostat.Sniff(h) }, readEurostat},
	{SDMXCSV, func(_ string, h []byte) bool { return sdmx.Sniff(h) }, readSDMX},
	{GenesisCSV, sniffGenesis, readGenesis},
	{XLSX, func(n string, h []byte) bool { return hasExt(n, ".xlsx", ".xlsm") }, readXLSX},
	{CSV, sniffCSV, readTidyCSV},
}

func find(f Format) *reader {
	for i := range readers {
		if readers[i].format == f {
			return &readers[i]
		}
	}
	return nil
}

// Formats lists the formats Open can read, in detection order.
func Formats() []Format {
	out := make([]Format, len(readers))
	for i, r := range readers {
		out[i] = r.format
	}
	return out
}

const headSize = 64 << 10

// Detect names the format of the file at path from its name and first
// bytes, looking inside gzip compression.
func Detect(path string) (Format, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", baserate.E("format.Detect", baserate.KindNotFound, err)
	}
	defer f.Close()
	r, name, err := decompress(f, path)
	if err != nil {
		return "", err
	}
	head := make([]byte, headSize)
	n, _ := io.ReadFull(r, head)
	return detect(name, head[:n])
}

func detect(name string, head []byte) (Format, error) {
	// A file named .warc is read as WARC even when it does not start like
	// one (empty, or damaged): the WARC reader then says at which offset.
	if warc.IsWARC(head) || hasExt(name, ".warc") {
		return WARC, nil
	}
	if len(head) == 0 {
		// As Read says: nothing to detect, and "cannot tell the format"
		// would send the user looking for the wrong cause.
		return "", baserate.Invalid(name, 0, "the file is empty")
	}
	if len(head) >= 4 && bytes.Equal(head[:4], []byte("PK\x03\x04")) {
		if find(XLSX) != nil {
			return XLSX, nil
		}
		return "", notYet(name, XLSX)
	}
	for _, r := range readers {
		if r.sniff(name, head) {
			return r.format, nil
		}
	}
	if bytes.HasPrefix(head, []byte("PAR1")) || hasExt(name, ".parquet") {
		// convert writes Parquet; a user who inspects the result should
		// learn that it is not read back, not that it is unrecognizable.
		return "", &baserate.Error{Op: "format", Kind: baserate.KindInvalid,
			Err: fmt.Errorf("%s: a Parquet file: baserate writes Parquet (convert --to parquet) but does not read it; it reads %s (inspect or convert the file the Parquet was made from)", name, formatList())}
	}
	return "", &baserate.Error{Op: "format", Kind: baserate.KindInvalid,
		Err: &baserate.PosError{File: name, Offset: 0, Err: fmt.Errorf("cannot tell the format from the name or the first bytes; name it (one of %s)", formatList())}}
}

func formatList() string {
	var s []string
	for _, f := range Formats() {
		s = append(s, string(f))
	}
	s = append(s, string(WARC))
	return strings.Join(s, ", ")
}

func notYet(name string, f Format) error {
	return &baserate.Error{Op: "format", Kind: baserate.KindInvalid,
		Err: fmt.Errorf("%s: format %s is not supported yet", name, f)}
}

// decompress returns a reader of the uncompressed content when r is gzip,
// and the name without ".gz".
func decompress(r io.Reader, name string) (io.Reader, string, error) {
	br := bufio.NewReaderSize(r, headSize)
	magic, _ := br.Peek(2)
	if len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b {
		// A .warc.gz is read member by member by package warc.
		zr, err := gzip.NewReader(br)
		if err != nil {
			return nil, name, &baserate.Error{Op: "format", Kind: baserate.KindInvalid,
				Err: &baserate.PosError{File: name, Offset: 0, Err: fmt.Errorf("bad gzip header: %v", err)}}
		}
		return zr, strings.TrimSuffix(name, ".gz"), nil
	}
	return br, name, nil
}

// Open reads the file at path into tables and says which format it was.
// A JSON-stat bundle or collection gives one table per embedded dataset;
// every other format gives one table. Tables without an id get the file's
// base name.
func Open(ctx context.Context, path string, opt ...Options) ([]*baserate.Table, Format, error) {
	var o Options
	if len(opt) > 0 {
		o = opt[0]
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, "", baserate.E("format.Open", baserate.KindNotFound, err)
	}
	defer f.Close()
	return Read(ctx, f, path, o)
}

// Read is Open for a reader; name is used for detection and in errors.
func Read(ctx context.Context, r io.Reader, name string, o Options) ([]*baserate.Table, Format, error) {
	r, inner, err := decompress(r, name)
	if err != nil {
		return nil, "", err
	}
	fm := o.Format
	br := bufio.NewReaderSize(r, headSize)
	if head, err := br.Peek(1); len(head) == 0 && err == io.EOF {
		// Every reader would fail on its own terms ("no header line: EOF",
		// "not a PX file"); the plain fact is more use.
		return nil, fm, baserate.Invalid(name, 0, "the file is empty")
	}
	if fm == "" {
		head, _ := br.Peek(headSize)
		fm, err = detect(inner, head)
		if err != nil {
			return nil, "", err
		}
	}
	if fm == WARC {
		return nil, WARC, &baserate.Error{Op: "format", Kind: baserate.KindInvalid,
			Err: fmt.Errorf("%s: a WARC file holds web records, not a table", name)}
	}
	rd := find(fm)
	if rd == nil {
		if strings.EqualFold(string(fm), "parquet") {
			return nil, fm, &baserate.Error{Op: "format", Kind: baserate.KindInvalid,
				Err: fmt.Errorf("format parquet is written (convert --to parquet), not read; the formats read are %s", formatList())}
		}
		if !isKnown(fm) {
			return nil, fm, &baserate.Error{Op: "format", Kind: baserate.KindInvalid,
				Err: fmt.Errorf("unknown format %q (one of %s)", fm, formatList())}
		}
		return nil, fm, notYet(name, fm)
	}
	if o.Log != nil {
		o.Log.Debug("reading", "file", name, "format", fm)
	}
	tables, err := rd.read(ctx, br, name, o)
	if err != nil {
		return nil, fm, err
	}
	base := strings.TrimSuffix(filepath.Base(inner), filepath.Ext(inner))
	for i, t := range tables {
		if t.ID == "" {
			t.ID = base
			if len(tables) > 1 {
				t.ID = base + "-" + strconv.Itoa(i+1)
			}
		}
		if err := t.Validate(); err != nil {
			return nil, fm, baserate.E("format", baserate.KindInternal, fmt.Errorf("%s: %w", name, err))
		}
	}
	return tables, fm, nil
}

func isKnown(f Format) bool {
	switch f {
	case JSONStat, PX, EurostatTSV, SDMXCSV, GenesisCSV, XLSX, CSV, WARC:
		return true
	}
	return false
}

// --- sniffers ---

func trimHead(head []byte) []byte {
	head = bytes.TrimPrefix(head, []byte{0xEF, 0xBB, 0xBF})
	return bytes.TrimLeft(head, " \t\r\n")
}

func hasExt(name string, exts ...string) bool {
	e := strings.ToLower(filepath.Ext(name))
	for _, x := range exts {
		if e == x {
			return true
		}
	}
	return false
}

func sniffJSON(name string, head []byte) bool {
	h := trimHead(head)
	return len(h) > 0 && h[0] == '{'
}

// pxKeywords are keywords that open real PX files.
var pxKeywords = []string{"CHARSET", "AXIS-VERSION", "CODEPAGE", "LANGUAGE", "CREATION-DATE", "DECIMALS", "MATRIX", "SUBJECT-CODE", "SUBJECT-AREA", "TITLE", "CONTENTS", "STUB", "HEADING", "VALUES"}

func sniffPX(name string, head []byte) bool {
	h := trimHead(head)
	if hasExt(name, ".px") {
		return true
	}
	line, _, _ := bytes.Cut(h, []byte("\n"))
	for _, k := range pxKeywords {
		if bytes.HasPrefix(bytes.ToUpper(line), []byte(k)) {
			rest := bytes.TrimSpace(line[len(k):])
			if len(rest) > 0 && (rest[0] == '=' || rest[0] == '[' || rest[0] == '(') {
				return true
			}
		}
	}
	return false
}

func firstLine(head []byte) string {
	h := trimHead(head)
	line, _, _ := bytes.Cut(h, []byte("\n"))
	return strings.TrimRight(string(line), "\r")
}

func sniffGenesis(name string, head []byte) bool {
	l := firstLine(head)
	return genesis.IsCube(head) || strings.Contains(l, "statistics_code") && strings.Contains(l, "value_variable_code") || strings.HasPrefix(l, "GENESIS-Tabelle") ||
		strings.HasPrefix(l, "Statistik_Code;Statistik_Label;") && strings.Contains(l, "_Merkmal_Code") ||
		strings.HasPrefix(l, "statistics_code;statistics_label;") && strings.Contains(l, "_variable_code")
}

func sniffCSV(name string, head []byte) bool {
	return hasExt(name, ".csv", ".tsv", ".txt", ".tab") || bytes.IndexByte(head, 0) < 0 && len(head) > 0 && strings.ContainsAny(firstLine(head), ",;\t")
}

// --- readers ---

func readJSONStat(ctx context.Context, r io.Reader, name string, o Options) ([]*baserate.Table, error) {
	doc, err := jsonstat.Read(ctx, r, name)
	if err != nil {
		return nil, err
	}
	if len(doc.Datasets) == 0 {
		return nil, &baserate.Error{Op: "format", Kind: baserate.KindInvalid,
			Err: fmt.Errorf("%s: the JSON-stat %s holds no data (only %d links)", name, doc.Class, len(doc.Links))}
	}
	return doc.Datasets, nil
}

func readPX(ctx context.Context, r io.Reader, name string, o Options) ([]*baserate.Table, error) {
	t, err := px.Read(ctx, r, px.Options{Name: name, Lenient: o.Lenient})
	if err != nil {
		return nil, err
	}
	return []*baserate.Table{t}, nil
}

func readEurostat(ctx context.Context, r io.Reader, name string, o Options) ([]*baserate.Table, error) {
	t, err := eurostat.Read(ctx, r, name)
	if err != nil {
		return nil, err
	}
	return []*baserate.Table{t}, nil
}

func readSDMX(ctx context.Context, r io.Reader, name string, o Options) ([]*baserate.Table, error) {
	return sdmx.Read(ctx, r, name)
}

func readXLSX(ctx context.Context, r io.Reader, name string, o Options) ([]*baserate.Table, error) {
	t, err := xlsx.Read(ctx, r, xlsx.Options{Name: name, Sheet: o.Sheet, Range: o.Range, HeaderRows: o.HeaderRows})
	if err != nil {
		return nil, err
	}
	return []*baserate.Table{t}, nil
}

func readGenesis(ctx context.Context, r io.Reader, name string, o Options) ([]*baserate.Table, error) {
	br := bufio.NewReader(r)
	if head, _ := br.Peek(64); strings.HasPrefix(firstLine(head), "GENESIS-Tabelle") {
		return nil, baserate.Invalid(name, 1, "a GENESIS table laid out for reading (\"GENESIS-Tabelle: ...\"), not the flat file; download it as flat CSV (format ffcsv), as \"baserate fetch genesis\" does")
	}
	read := genesis.Read
	if head, _ := br.Peek(4096); genesis.IsCube(head) {
		read = genesis.ReadCube
	}
	t, err := read(ctx, br, name)
	if err != nil {
		return nil, err
	}
	return []*baserate.Table{t}, nil
}

// readTidyCSV reads a long CSV without a declared spec: a "value" column
// (as "baserate convert" writes) is the measure and the other columns but
// "status" are dimensions; otherwise columns whose cells are all numbers
// (or empty) are measures and the rest dimensions.
func readTidyCSV(ctx context.Context, r io.Reader, name string, o Options) ([]*baserate.Table, error) {
	b, err := io.ReadAll(io.LimitReader(r, 512<<20))
	if err != nil {
		return nil, err
	}
	spec, err := inferSpec(name, b)
	if err != nil {
		return nil, err
	}
	t, err := tidycsv.Read(ctx, bytes.NewReader(b), name, spec)
	if err != nil {
		return nil, err
	}
	return []*baserate.Table{t}, nil
}

func inferSpec(name string, b []byte) (tidycsv.Spec, error) {
	b = bytes.TrimPrefix(b, []byte{0xEF, 0xBB, 0xBF})
	head, _, _ := bytes.Cut(b, []byte("\n"))
	comma := ','
	best := bytes.Count(head, []byte(","))
	for _, c := range []rune{';', '\t'} {
		if k := bytes.Count(head, []byte(string(c))); k > best {
			comma, best = c, k
		}
	}
	cr := csv.NewReader(bytes.NewReader(b))
	cr.Comma = comma
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if err != nil {
		return tidycsv.Spec{}, baserate.Invalid(name, 1, "no header line: %v", err)
	}
	for i := range header {
		header[i] = strings.TrimSpace(header[i])
	}
	spec := tidycsv.Spec{Comma: comma, AllowMissing: true}
	if slices.Contains(header, "value") {
		for _, d := range header {
			if d != "value" && d != "status" {
				spec.Dims = append(spec.Dims, d)
			}
		}
		spec.Measures = []string{"value"}
		if slices.Contains(header, "status") {
			spec.Status = map[string]string{"value": "status"}
		}
		return spec, nil
	}
	// The wide form that convert --wide writes: "<col>_status" holds the
	// flags of the measure column <col>.
	statusOf := map[string]string{}
	isStatus := make([]bool, len(header))
	for i, h := range header {
		if m, ok := strings.CutSuffix(h, "_status"); ok && m != "" && slices.Contains(header, m) {
			statusOf[m], isStatus[i] = h, true
		}
	}
	numeric := make([]bool, len(header))
	for i := range numeric {
		numeric[i] = true
	}
	for n := 0; n < 2000; n++ {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return tidycsv.Spec{}, csvrec.Err(name, err)
		}
		for i, f := range rec {
			if i >= len(numeric) || !numeric[i] {
				continue
			}
			f = strings.TrimSpace(f)
			switch f {
			case "", "NA", ".", "..", "-":
				continue
			}
			if _, err := strconv.ParseFloat(f, 64); err != nil {
				numeric[i] = false
			}
		}
	}
	for i, h := range header {
		if isStatus[i] {
			continue
		}
		if numeric[i] && !looksLikeDimension(h) {
			spec.Measures = append(spec.Measures, h)
			if c, ok := statusOf[h]; ok {
				if spec.Status == nil {
					spec.Status = map[string]string{}
				}
				spec.Status[h] = c
			}
		} else {
			spec.Dims = append(spec.Dims, h)
		}
	}
	// A "_status" column beside a dimension is a dimension too.
	for i, h := range header {
		if isStatus[i] && !slices.Contains(spec.Measures, strings.TrimSuffix(h, "_status")) {
			if numeric[i] {
				spec.Measures = append(spec.Measures, h)
			} else {
				spec.Dims = append(spec.Dims, h)
			}
		}
	}
	if len(spec.Measures) == 0 {
		return spec, baserate.Invalid(name, 1, "no numeric column: cannot tell the values from the categories")
	}
	return spec, nil
}

// looksLikeDimension reports whether a column name says it holds
// categories even when its cells are numbers (years, ages, codes).
func looksLikeDimension(h string) bool {
	l := strings.ToLower(h)
	switch l {
	case "year", "jahr", "time", "period", "time_period", "date", "age", "alter", "code", "id", "week", "month", "quarter", "zip", "fips":
		return true
	}
	return strings.HasSuffix(l, "_code") || strings.HasSuffix(l, "_id") || strings.HasSuffix(l, "year")
}

func baseName(p string) string {
	if i := strings.IndexAny(p, "?#"); i >= 0 {
		p = p[:i]
	}
	p = strings.TrimRight(p, "/")
	if i := strings.LastIndexAny(p, "/\\"); i >= 0 {
		p = p[i+1:]
	}
	return p
}

func itoa(i int) string { return strconv.Itoa(i) }
