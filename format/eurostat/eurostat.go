package eurostat

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"math"
	"strings"

	"github.com/baserate/baserate"
	"github.com/baserate/baserate/internal/decimal"
)

// MaxCells bounds the dense table built from a file.
const MaxCells = 200_000_000

// Read reads one Eurostat TSV file from r. name is used in errors.
func Read(ctx context.Context, r io.Reader, name string) (*baserate.Table, error) {
	br := bufio.NewReaderSize(r, 16<<10)
	line := 0
	readLine := func() ([]byte, error) {
		b, err := br.ReadSlice('\n')
		if err == bufio.ErrBufferFull {
			// A very long line: gather it.
			buf := append([]byte(nil), b...)
			for err == bufio.ErrBufferFull {
				b, err = br.ReadSlice('\n')
				buf = append(buf, b...)
				if len(buf) > 64<<20 {
					return nil, fmt.Errorf("line longer than 64 MiB")
				}
			}
			b = buf
		}
		if err == io.EOF && len(b) > 0 {
			err = nil
		}
		line++
		return bytes.TrimRight(b, "\r\n"), err
	}
	head, err := readLine()
	if err != nil {
		if err == io.EOF {
			return nil, baserate.Invalid(name, 1, "empty file")
		}
		return nil, baserate.Invalid(name, 1, "%v", err)
	}
	head = bytes.TrimPrefix(head, []byte{0xEF, 0xBB, 0xBF})
	cols := bytes.Split(head, []byte{'\t'})
	first := string(cols[0])
	bs := strings.LastIndexByte(first, '\\')
	if bs < 0 {
		return nil, baserate.Invalid(name, 1, "first header field %q has no '\\' between the row dimensions and the column dimension (such as geo\\TIME_PERIOD)", truncate(first))
	}
	rowNames := strings.Split(first[:bs], ",")
	timeName := strings.TrimSpace(first[bs+1:])
	if len(cols) < 2 {
		return nil, baserate.Invalid(name, 1, "the header has no column after %q", truncate(first))
	}
	dims := make([]*baserate.Dimension, len(rowNames)+1)
	index := make([]map[string]int, len(rowNames))
	for i, n := range rowNames {
		n = strings.TrimSpace(n)
		if n == "" {
			return nil, baserate.Invalid(name, 1, "empty dimension name in %q", truncate(first))
		}
		dims[i] = &baserate.Dimension{ID: n, Role: roleOf(n)}
		index[i] = map[string]int{}
	}
	if timeName == "" {
		timeName = "time"
	}
	seenDim := map[string]bool{}
	for _, d := range dims[:len(rowNames)] {
		if seenDim[d.ID] {
			return nil, baserate.Invalid(name, 1, "dimension %q appears twice in the header", d.ID)
		}
		seenDim[d.ID] = true
	}
	if seenDim[timeName] {
		return nil, baserate.Invalid(name, 1, "the column dimension %q is also a row dimension", timeName)
	}
	// The column dimension is time in nearly every file, but some older
	// ones have the years as rows and the countries as columns (time\geo).
	td := &baserate.Dimension{ID: timeName, Role: baserate.RoleTime}
	if r := roleOf(timeName); r == baserate.RoleGeo {
		td.Role = r
	}
	seenT := map[string]bool{}
	for _, c := range cols[1:] {
		id := string(bytes.TrimSpace(c))
		if seenT[id] {
			return nil, baserate.Invalid(name, 1, "column %q appears twice", id)
		}
		seenT[id] = true
		td.Categories = append(td.Categories, baserate.Category{ID: id})
	}
	dims[len(rowNames)] = td
	nt := len(td.Categories)
	nr := len(rowNames)

	// Rows as read: category positions, values, statuses.
	coords := make([]int32, 0, 1024*nr)
	values := make([]float64, 0, 1024*nt)
	// Statuses as small codes into syms while reading: a slice without
	// pointers that the garbage collector need not scan.
	var status []uint8
	syms := []baserate.Status{""}
	symIndex := map[baserate.Status]uint8{"": 0}
	hasStatus := false
	var rowLines []int32 // the line of each row, to name duplicates
	for {
		b, err := readLine()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, baserate.Invalid(name, line, "%v", err)
		}
		if len(bytes.TrimSpace(b)) == 0 {
			continue
		}
		if line&0x3ff == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		tab := bytes.IndexByte(b, '\t')
		if tab < 0 {
			return nil, baserate.Invalid(name, line, "no tab: the row has a key but no values")
		}
		key := b[:tab]
		rowLines = append(rowLines, int32(line))
		k := 0
		for part := range bytes.SplitSeq(key, []byte{','}) {
			if k >= nr {
				k++
				break
			}
			id := bytes.TrimSpace(part)
			p, ok := index[k][string(id)]
			if !ok {
				p = len(dims[k].Categories)
				s := string(id)
				index[k][s] = p
				dims[k].Categories = append(dims[k].Categories, baserate.Category{ID: s})
			}
			coords = append(coords, int32(p))
			k++
		}
		if k != nr {
			return nil, baserate.Invalid(name, line, "the row key %q has %d parts; the header names %d dimensions", truncate(string(key)), k, nr)
		}
		rest := b[tab+1:]
		col := 0
		for {
			cell := rest
			i := bytes.IndexByte(rest, '\t')
			if i >= 0 {
				cell, rest = rest[:i], rest[i+1:]
			}
			if col >= nt {
				if len(bytes.TrimSpace(cell)) != 0 {
					return nil, baserate.Invalid(name, line, "more values than the %d columns of the header", nt)
				}
			} else {
				v, st, ok := parseCell(cell)
				if !ok {
					return nil, &baserate.Error{Kind: baserate.KindInvalid, Err: &baserate.PosError{File: name, Line: line, Offset: -1,
						Field: td.Categories[col].ID, Err: fmt.Errorf("%q is not a number, ':' or a number with flags", truncate(string(cell)))}}
				}
				values = append(values, v)
				if st != "" && !hasStatus {
					hasStatus = true
					status = make([]uint8, len(values)-1, cap(values))
				}
				if hasStatus {
					code, ok := symIndex[st]
					if !ok {
						if len(syms) == 255 {
							return nil, baserate.Invalid(name, line, "more than 254 different flags")
						}
						code = uint8(len(syms))
						symIndex[st] = code
						syms = append(syms, st)
					}
					status = append(status, code)
				}
				col++
			}
			if i < 0 {
				break
			}
		}
		// A short row: the values it leaves out are missing.
		for ; col < nt; col++ {
			values = append(values, math.NaN())
			if hasStatus {
				status = append(status, 0)
			}
		}
	}
	cells := nt
	for _, d := range dims[:nr] {
		if d.Size() == 0 {
			return nil, baserate.Invalid(name, line, "no data rows")
		}
		if cells > MaxCells/d.Size() {
			return nil, &baserate.Error{Op: "eurostat", Kind: baserate.KindTooLarge,
				Err: fmt.Errorf("%s: the rows span more than %d cells", name, MaxCells)}
		}
		cells *= d.Size()
	}
	t := baserate.New(fileID(name), dims...)
	rows := len(values) / max(nt, 1)
	pos := make([]int, nr+1)
	firstLine := make([]int32, cells/max(nt, 1)) // per row of the cube: the line that filled it
	for r := range rows {
		for i := range nr {
			pos[i] = int(coords[r*nr+i])
		}
		pos[nr] = 0
		base := t.Offset(pos)
		if prev := firstLine[base/max(nt, 1)]; prev != 0 {
			return nil, baserate.Invalid(name, int(rowLines[r]), "the row %q appears twice (first on line %d)", rowKey(dims[:nr], pos), prev)
		}
		firstLine[base/max(nt, 1)] = rowLines[r]
		copy(t.Values[base:base+nt], values[r*nt:(r+1)*nt])
		if hasStatus {
			for j := range nt {
				if s := status[r*nt+j]; s != 0 {
					t.SetStatus(base+j, syms[s])
				}
			}
		}
	}
	t.Source = "Eurostat"
	return t, nil
}

// parseCell reads "123", "12.3 p", ":", ": c", "" (missing).
func parseCell(c []byte) (float64, baserate.Status, bool) {
	c = bytes.TrimSpace(c)
	if len(c) == 0 {
		return math.NaN(), "", true
	}
	num, flag := c, []byte(nil)
	if i := bytes.IndexByte(c, ' '); i >= 0 {
		num, flag = c[:i], bytes.TrimSpace(c[i+1:])
	} else if c[0] != ':' {
		// Flags written without a space: "12.3p".
		j := len(c)
		for j > 0 && isFlag(c[j-1]) {
			j--
		}
		num, flag = c[:j], c[j:]
	}
	for _, f := range flag {
		if !isFlag(f) {
			return 0, "", false
		}
	}
	if len(num) == 1 && num[0] == ':' {
		if len(flag) == 0 {
			return math.NaN(), ":", true
		}
		return math.NaN(), status(flag), true
	}
	if len(num) > 1 && num[0] == ':' {
		// ":c" without a space.
		for _, f := range num[1:] {
			if !isFlag(f) {
				return 0, "", false
			}
		}
		return math.NaN(), status(num[1:]), true
	}
	v, ok := decimal.Parse(num)
	if !ok {
		return 0, "", false
	}
	return v, status(flag), true
}

func isFlag(b byte) bool { return b >= 'a' && b <= 'z' }

func status(b []byte) baserate.Status {
	switch string(b) {
	case "":
		return ""
	case "p":
		return baserate.StatusProvisional
	case "e":
		return baserate.StatusEstimated
	case "c":
		return baserate.StatusConfidential
	case "b":
		return baserate.StatusBreak
	}
	return baserate.Status(b)
}

func rowKey(dims []*baserate.Dimension, pos []int) string {
	parts := make([]string, len(dims))
	for i, d := range dims {
		parts[i] = d.Categories[pos[i]].ID
	}
	return truncate(strings.Join(parts, ","))
}

func truncate(s string) string {
	if len(s) > 40 {
		return s[:40] + "..."
	}
	return s
}

// fileID is the dataset code from a file name such as
// "demo_r_mwk_ts.tsv.gz".
func fileID(name string) string {
	if i := strings.LastIndexAny(name, "/\\"); i >= 0 {
		name = name[i+1:]
	}
	for _, ext := range []string{".gz", ".tsv", ".csv", ".txt"} {
		name = strings.TrimSuffix(name, ext)
	}
	return name
}

// Sniff reports whether head, the first bytes of a file, look like a
// Eurostat TSV: a first field with a backslash, then tabs.
func Sniff(head []byte) bool {
	head = bytes.TrimPrefix(head, []byte{0xEF, 0xBB, 0xBF})
	line, _, _ := bytes.Cut(head, []byte{'\n'})
	tab := bytes.IndexByte(line, '\t')
	return tab > 0 && bytes.IndexByte(line[:tab], '\\') > 0
}

// roleOf gives a dimension's role by its name: geo, time and TIME_PERIOD.
func roleOf(name string) baserate.Role {
	switch {
	case strings.EqualFold(name, "geo"):
		return baserate.RoleGeo
	case strings.EqualFold(name, "time"), strings.EqualFold(name, "TIME_PERIOD"):
		return baserate.RoleTime
	}
	return ""
}
