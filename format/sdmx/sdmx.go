package sdmx

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/baserate/baserate"
	"github.com/baserate/baserate/internal/csvrec"
)

// Limits.
const (
	MaxBytes = 1 << 30
	MaxCells = 200_000_000
)

var messageCols = map[string]bool{"DATAFLOW": true, "STRUCTURE": true, "STRUCTURE_ID": true, "STRUCTURE_NAME": true,
	"ACTION": true, "SERIES_KEY": true, "OBS_KEY": true, "LAST UPDATE": true, "LAST_UPDATE": true}

var attributeCols = map[string]bool{"OBS_STATUS": true, "OBS_FLAG": true, "CONF_STATUS": true, "OBS_CONF": true,
	"UNIT_MULT": true, "DECIMALS": true, "OBS_PRE_BREAK": true, "OBS_COM": true, "COMMENT_OBS": true, "COMMENT_TS": true,
	"COMMENT_DSET": true, "TITLE": true, "TITLE_COMPL": true, "TIME_FORMAT": true, "EMBARGO_TIME": true, "BREAKS": true,
	"COMPILATION": true, "COLLECTION": true, "SOURCE_AGENCY": true, "REF_PERIOD_DETAIL": true, "UPDATED": true, "DATA_COMP": true}

// missingSymbols are the offices' signs for a value that is not there,
// written in a measure column instead of leaving it empty.
var missingSymbols = map[string]bool{":": true, ".": true, "..": true, "...": true, "x": true, "X": true, "n/a": true, "N/A": true}

// Read reads an SDMX-CSV file from r. name is used in errors, which name
// the line and field.
func Read(ctx context.Context, r io.Reader, name string) ([]*baserate.Table, error) {
	b, err := io.ReadAll(io.LimitReader(r, MaxBytes+1))
	if err != nil {
		return nil, baserate.E("sdmx", baserate.KindOther, fmt.Errorf("%s: %w", name, err))
	}
	if len(b) > MaxBytes {
		return nil, baserate.E("sdmx", baserate.KindTooLarge, fmt.Sprintf("%s: larger than %d bytes", name, MaxBytes))
	}
	b = bytes.TrimPrefix(b, []byte{0xEF, 0xBB, 0xBF})
	head, _, _ := bytes.Cut(b, []byte("\n"))
	comma := ','
	if bytes.Count(head, []byte(";")) > bytes.Count(head, []byte(",")) {
		comma = ';'
	}
	cr := csv.NewReader(bytes.NewReader(b))
	cr.Comma = comma
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return nil, baserate.Invalid(name, 1, "empty file")
	}
	if err != nil {
		return nil, csvrec.Err(name, err)
	}
	p, err := newPlan(name, header, comma)
	if err != nil {
		return nil, err
	}
	groups := map[string]*groupTable{}
	var order []string
	for row, err := range csvrec.Rows(ctx, cr, name) {
		if err != nil {
			return nil, err
		}
		rec, line := row.Fields, row.Line
		if len(rec) > len(header) {
			return nil, baserate.Invalid(name, line, "%d fields; the header has %d", len(rec), len(header))
		}
		short := len(rec) < len(header)
		for len(rec) < len(header) {
			rec = append(rec, "") // as pandas reads a short row: trailing fields empty
		}
		key, err := p.structure(rec, line)
		if err != nil {
			return nil, err
		}
		g := groups[key]
		if g == nil {
			g = p.newGroup(key, rec)
			groups[key] = g
			order = append(order, key)
		}
		if short {
			g.short++
		}
		if err := p.add(g, rec, line); err != nil {
			return nil, err
		}
	}
	if len(order) == 0 {
		return nil, baserate.Invalid(name, 2, "no data rows")
	}
	var out []*baserate.Table
	for _, k := range order {
		t, err := groups[k].table(name)
		if err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, nil
}

type role int

const (
	rSkip role = iota
	rStructure
	rStructureID
	rAction
	rDim
	rMeasure
	rAttr
)

type column struct {
	id, label string
	role      role
	labelled  bool // values are "ID: Name"
	// tentative marks a column read as a dimension that stands after the
	// measures: it becomes an attribute if the observations are told apart
	// without it.
	tentative bool
}

type plan struct {
	name    string
	version string
	cols    []column
	comma   rune
	dims    []int // column indexes of the dimensions, in header order
	meas    []int
	attrs   []int
	status  int // the column giving the status, or -1
	structI int // STRUCTURE or DATAFLOW
	idI     int // STRUCTURE_ID
	actI    int
}

func splitLabel(s string) (id, label string, ok bool) {
	if i := strings.Index(s, ": "); i > 0 {
		return strings.TrimSpace(s[:i]), strings.TrimSpace(s[i+2:]), true
	}
	return strings.TrimSpace(s), "", false
}

// splitHeader splits a header field "ID: Name" or "ID:Name" (BIS writes
// labels=both headers without the space). Without the space the part
// before the colon must be an SDMX identifier.
func splitHeader(s string) (id, label string, ok bool) {
	if id, label, ok = splitLabel(s); ok {
		return id, label, ok
	}
	s = strings.TrimSpace(s)
	i := strings.IndexByte(s, ':')
	if i <= 0 || i == len(s)-1 || !isIdentifier(s[:i]) {
		return s, "", false
	}
	return s[:i], strings.TrimSpace(s[i+1:]), true
}

// isIdentifier reports whether s is an SDMX component id: a letter or
// underscore, then letters, digits, underscores, dots or hyphens.
func isIdentifier(s string) bool {
	for i, r := range s {
		switch {
		case r == '_' || r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z':
		case i > 0 && (r >= '0' && r <= '9' || r == '.' || r == '-'):
		default:
			return false
		}
	}
	return s != ""
}

// isMeasure tells measure columns by the SDMX conventions: OBS_VALUE
// (OBS_VALUE1, ...), MEAS_*, MEAS and MEAS1 ..., Me_*. MEASURE is a
// dimension in many DSDs (the OECD's), and measurementMethod a dimension
// name, so a bare "MEAS" prefix does not make a measure.
func isMeasure(up string) bool {
	switch {
	case strings.HasPrefix(up, "OBS_VALUE"), strings.HasPrefix(up, "MEAS_"), strings.HasPrefix(up, "ME_"):
		return true
	case strings.HasPrefix(up, "MEAS"):
		return strings.Trim(up[4:], "0123456789") == ""
	}
	return false
}

// knownDimension tells columns that are dimensions by name, wherever they
// stand: the time dimension and explicitly named dimensions.
func knownDimension(up string) bool {
	switch up {
	case "TIME_PERIOD", "TIME", "FREQ", "REF_AREA", "GEO":
		return true
	}
	return strings.HasPrefix(up, "DIM") || strings.HasPrefix(up, "ID_")
}

func newPlan(name string, header []string, comma rune) (*plan, error) {
	p := &plan{name: name, comma: comma, status: -1, structI: -1, idI: -1, actI: -1}
	raw := make([]string, len(header))
	for i, h := range header {
		h = strings.TrimSpace(h)
		if j := strings.LastIndexByte(h, '['); j > 0 && strings.HasSuffix(h, "]") && !strings.Contains(h, ": ") {
			h = h[:j]
		}
		raw[i] = h
	}
	first, _, _ := splitLabel(raw[0])
	if j := strings.IndexByte(first, '['); j > 0 {
		first = first[:j]
	}
	switch strings.ToUpper(first) {
	case "DATAFLOW":
		p.version = "1.0"
	case "KEY":
		// The ECB's csvdata: the series key first ("EXR.D.USD.EUR.SP00.A",
		// the dataflow its first part), then dimensions, OBS_VALUE and
		// attributes, as SDMX-CSV 1.0 has them.
		p.version = "ecb"
	case "STRUCTURE":
		p.version = "2.0"
		if len(raw) < 2 || strings.ToUpper(raw[1]) != "STRUCTURE_ID" {
			got := ""
			if len(raw) > 1 {
				got = raw[1]
			}
			return nil, &baserate.Error{Kind: baserate.KindInvalid, Err: &baserate.PosError{File: name, Line: 1, Offset: -1, Field: got,
				Err: fmt.Errorf("not SDMX-CSV 2.0: field 2 must be STRUCTURE_ID")}}
		}
	default:
		return nil, &baserate.Error{Kind: baserate.KindInvalid, Err: &baserate.PosError{File: name, Line: 1, Offset: -1, Field: raw[0],
			Err: fmt.Errorf("not SDMX-CSV: field 1 must be DATAFLOW (1.0) or STRUCTURE (2.0)")}}
	}
	withNames := slices.ContainsFunc(raw, func(s string) bool { return strings.EqualFold(s, "STRUCTURE_NAME") })
	p.cols = make([]column, len(raw))
	afterMeasure := false
	for i := 0; i < len(raw); i++ {
		id, label, lab := splitHeader(raw[i])
		if j := strings.LastIndexByte(id, '['); j > 0 && strings.HasSuffix(id, "]") {
			id = id[:j] // ATTR[], ATTR[en;fr]; CONTACT[].NAME[] keeps CONTACT[].NAME
		}
		up := strings.ToUpper(id)
		c := column{id: id, label: label, labelled: lab}
		arrayish := strings.Contains(header[i], "[")
		switch {
		case up == "DATAFLOW" || up == "STRUCTURE" || i == 0 && p.version == "ecb":
			c.role = rStructure
			p.structI = i
		case up == "STRUCTURE_ID":
			c.role = rStructureID
			p.idI = i
		case up == "ACTION":
			c.role = rAction
			p.actI = i
		case messageCols[up]:
			c.role = rSkip
		case isMeasure(up):
			c.role = rMeasure
			afterMeasure = true
		case strings.HasPrefix(up, "ATT") || strings.HasPrefix(up, "AT_") || attributeCols[up] || arrayish || strings.Contains(up, "."):
			c.role = rAttr
		default:
			c.role = rDim
			// SDMX-CSV writes dimensions, then measures, then attributes;
			// a column of unknown kind after the measures may be either.
			c.tentative = afterMeasure && !knownDimension(up)
		}
		p.cols[i] = c
		// With STRUCTURE_NAME, each component column is followed by its label column.
		if withNames && (c.role == rDim || c.role == rMeasure || c.role == rAttr) && i+1 < len(raw) {
			p.cols[i].label = raw[i+1]
			i++
			p.cols[i] = column{role: rSkip}
		}
	}
	if p.structI < 0 {
		return nil, &baserate.Error{Kind: baserate.KindInvalid, Err: &baserate.PosError{File: name, Line: 1, Offset: -1, Field: raw[0],
			Err: fmt.Errorf("not SDMX-CSV: no DATAFLOW or STRUCTURE column")}}
	}
	seen := map[string]int{}
	for i, c := range p.cols {
		if c.role == rSkip && c.id == "" {
			continue // a label column after STRUCTURE_NAME
		}
		if c.id == "" {
			return nil, &baserate.Error{Kind: baserate.KindInvalid, Err: &baserate.PosError{File: name, Line: 1, Offset: -1, Err: fmt.Errorf("field %d has no name", i+1)}}
		}
		if j, dup := seen[c.id]; dup && c.role != rSkip {
			return nil, &baserate.Error{Kind: baserate.KindInvalid, Err: &baserate.PosError{File: name, Line: 1, Offset: -1, Field: c.id, Err: fmt.Errorf("column appears twice (fields %d and %d)", j+1, i+1)}}
		}
		seen[c.id] = i
		switch c.role {
		case rDim:
			p.dims = append(p.dims, i)
		case rMeasure:
			p.meas = append(p.meas, i)
		case rAttr:
			p.attrs = append(p.attrs, i)
			switch strings.ToUpper(c.id) {
			case "OBS_STATUS", "OBS_FLAG", "CONF_STATUS":
				if p.status < 0 {
					p.status = i
				}
			}
		}
	}
	return p, nil
}

// structure returns the key of the table a row belongs to, checking the
// STRUCTURE and ACTION fields.
func (p *plan) structure(rec []string, line int) (string, error) {
	if p.version != "1.0" && p.version != "ecb" {
		s, _, _ := splitLabel(rec[p.structI])
		switch strings.ToLower(s) {
		case "dataflow", "datastructure", "dataprovision", "provisionagreement":
		default:
			return "", &baserate.Error{Kind: baserate.KindInvalid, Err: &baserate.PosError{File: p.name, Line: line, Offset: -1, Field: "STRUCTURE",
				Err: fmt.Errorf("%q is not dataflow, datastructure or dataprovision", s)}}
		}
	}
	if p.actI >= 0 {
		a := strings.ToUpper(strings.TrimSpace(rec[p.actI]))
		switch a {
		case "INFORMATION", "APPEND", "REPLACE", "DELETE", "MERGE":
			a = a[:1] // the ECB writes the action's name
		}
		switch a {
		case "", "I", "A", "R", "D", "M":
			if a == "M" {
				p.version = "2.1"
			}
		default:
			return "", &baserate.Error{Kind: baserate.KindInvalid, Err: &baserate.PosError{File: p.name, Line: line, Offset: -1, Field: "ACTION",
				Err: fmt.Errorf("%q is not I, A, R, D or M", a)}}
		}
	}
	id := rec[p.structI]
	if p.version == "ecb" {
		id, _, _ = strings.Cut(strings.TrimSpace(id), ".")
		return id, nil
	}
	if p.idI >= 0 {
		id, _, _ = splitLabel(rec[p.idI])
		s, _, _ := splitLabel(rec[p.structI])
		return strings.ToLower(s) + "=" + id, nil
	}
	id, _, _ = splitLabel(id)
	return id, nil
}

// groupTable collects the observations of one structure.
type groupTable struct {
	p       *plan
	key     string
	id      string
	label   string
	dims    []*baserate.Dimension
	index   []map[string]int
	cells   map[string]int // key of positions -> observation
	obs     []obs
	attrs   map[string]string // constant attributes; "" after they vary
	varying map[string]bool
	skipped int
	deleted int
	text    int
	rows    int
	short   int
}

type obs struct {
	pos    []int
	values []float64
	status baserate.Status
}

func (p *plan) newGroup(key string, rec []string) *groupTable {
	g := &groupTable{p: p, key: key, cells: map[string]int{}, attrs: map[string]string{}, varying: map[string]bool{}}
	if p.idI >= 0 {
		g.id, g.label, _ = splitLabel(rec[p.idI])
	} else if p.version == "ecb" {
		g.id = key
	} else {
		g.id, g.label, _ = splitLabel(rec[p.structI])
	}
	for _, i := range p.dims {
		c := p.cols[i]
		d := &baserate.Dimension{ID: c.id, Label: c.label}
		if strings.EqualFold(c.id, "TIME_PERIOD") || strings.EqualFold(c.id, "TIME") {
			d.Role = baserate.RoleTime
		}
		if strings.EqualFold(c.id, "GEO") || strings.EqualFold(c.id, "REF_AREA") {
			d.Role = baserate.RoleGeo
		}
		g.dims = append(g.dims, d)
		g.index = append(g.index, map[string]int{})
	}
	return g
}

func (p *plan) add(g *groupTable, rec []string, line int) error {
	g.rows++
	action := ""
	if p.actI >= 0 {
		action = strings.ToUpper(strings.TrimSpace(rec[p.actI]))
		if len(action) > 1 {
			action = action[:1]
		}
	}
	// Values first: a row with no measure and wildcard keys carries only
	// attributes (a series or dataset attribute row).
	vals := make([]float64, len(p.meas))
	anyValue := false
	symbol := ""
	for j, i := range p.meas {
		s := strings.TrimSpace(rec[i])
		if p.cols[i].labelled {
			s, _, _ = splitLabel(s)
		}
		switch {
		case s == "" || s == "-" || strings.EqualFold(s, "NaN") || s == "NA":
			vals[j] = math.NaN()
		case missingSymbols[s]:
			// Offices' missing-value symbols (Eurostat's ":", "..", "x"):
			// no value, the symbol as the status.
			vals[j] = math.NaN()
			symbol = s
		default:
			if p.comma == ';' {
				s = strings.Replace(s, ",", ".", 1)
			}
			f, err := strconv.ParseFloat(s, 64)
			if err != nil {
				if action == "D" || !strings.HasPrefix(strings.ToUpper(p.cols[i].id), "OBS_VALUE") {
					// SDMX 3 allows text measures: not a number, noted.
					vals[j] = math.NaN()
					g.text++
					continue
				}
				return &baserate.Error{Kind: baserate.KindInvalid, Err: &baserate.PosError{File: p.name, Line: line, Offset: -1, Field: p.cols[i].id,
					Err: fmt.Errorf("%q is not a number", truncate(s))}}
			}
			vals[j] = f
			anyValue = true
		}
	}
	pos := make([]int, len(p.dims))
	wild := false
	for k, i := range p.dims {
		s := strings.TrimSpace(rec[i])
		label := ""
		if p.cols[i].labelled {
			s, label, _ = splitLabel(s)
		}
		if s == "" {
			wild = true
			s = "*"
		}
		j, ok := g.index[k][s]
		if !ok {
			j = len(g.dims[k].Categories)
			g.index[k][s] = j
			g.dims[k].Categories = append(g.dims[k].Categories, baserate.Category{ID: s, Label: label})
		}
		pos[k] = j
	}
	for _, i := range p.attrs {
		v := rec[i]
		name := p.cols[i].id
		if prev, seen := g.attrs[name]; seen && prev != v {
			g.varying[name] = true
		}
		g.attrs[name] = v
	}
	var st baserate.Status
	if p.status >= 0 {
		s, _, _ := splitLabel(strings.TrimSpace(rec[p.status]))
		if s != "A" && s != "-" {
			st = baserate.Status(s)
		}
	}
	if st == "" && symbol != "" {
		st = baserate.Status(symbol)
	}
	if action == "D" {
		st = "D"
		g.deleted++
	} else if wild && !anyValue {
		g.skipped++
		return nil
	}
	k := fmt.Sprint(pos)
	if i, dup := g.cells[k]; dup {
		g.obs[i] = obs{pos: pos, values: vals, status: st} // a later row replaces
		return nil
	}
	g.cells[k] = len(g.obs)
	g.obs = append(g.obs, obs{pos: pos, values: vals, status: st})
	return nil
}

// demote turns tentative dimensions into attributes when the observations
// are told apart without them (an attribute such as a title or an id that
// stands after the measures, which a dimension would multiply the cube by).
func (g *groupTable) demote() {
	p := g.p
	keep := make([]bool, len(g.dims))
	for k := range keep {
		keep[k] = true
	}
	demoted := false
	for k := len(g.dims) - 1; k >= 0; k-- {
		if !p.cols[p.dims[k]].tentative {
			continue
		}
		keep[k] = false
		seen := make(map[string]bool, len(g.obs))
		unique := true
		var sb strings.Builder
		for _, o := range g.obs {
			sb.Reset()
			for j, x := range o.pos {
				if keep[j] {
					sb.WriteString(strconv.Itoa(x))
					sb.WriteByte(',')
				}
			}
			if seen[sb.String()] {
				unique = false
				break
			}
			seen[sb.String()] = true
		}
		if unique {
			demoted = true
			d := g.dims[k]
			if d.Size() == 1 {
				g.attrs[d.ID] = d.Categories[0].ID
			} else {
				g.attrs[d.ID] = ""
				g.varying[d.ID] = true
			}
		} else {
			keep[k] = true
		}
	}
	if !demoted {
		return
	}
	var dims []*baserate.Dimension
	for k, d := range g.dims {
		if keep[k] {
			dims = append(dims, d)
		}
	}
	for i, o := range g.obs {
		var pos []int
		for k, x := range o.pos {
			if keep[k] {
				pos = append(pos, x)
			}
		}
		g.obs[i].pos = pos
	}
	g.dims = dims
}

func (g *groupTable) table(name string) (*baserate.Table, error) {
	g.demote()
	p := g.p
	dims := g.dims
	if len(p.meas) > 1 {
		m := &baserate.Dimension{ID: "measure", Role: baserate.RoleMetric}
		for _, i := range p.meas {
			m.Categories = append(m.Categories, baserate.Category{ID: p.cols[i].id, Label: p.cols[i].label})
		}
		dims = append(slices.Clone(dims), m)
	}
	cells := 1
	for _, d := range dims {
		if d.Size() == 0 {
			d.Categories = []baserate.Category{{ID: "*"}}
		}
		if cells > MaxCells/d.Size() {
			return nil, baserate.E("sdmx", baserate.KindTooLarge, fmt.Sprintf("%s: more than %d cells", name, MaxCells))
		}
		cells *= d.Size()
	}
	t := baserate.New(g.id, dims...)
	t.Label = g.label
	nm := 1
	if len(p.meas) > 1 {
		nm = len(p.meas)
	}
	for _, o := range g.obs {
		base := 0
		for k, d := range g.dims {
			base = base*d.Size() + o.pos[k]
		}
		base *= nm
		for j := 0; j < nm; j++ {
			if j < len(o.values) {
				t.Values[base+j] = o.values[j]
			}
			if o.status != "" {
				t.SetStatus(base+j, o.status)
			}
		}
	}
	ext := map[string]any{"version": p.version, "structure": g.key, "rows": g.rows}
	constant := map[string]string{}
	for k, v := range g.attrs {
		if !g.varying[k] {
			constant[k] = v
		}
	}
	if len(constant) > 0 {
		ext["attributes"] = constant
	}
	if len(g.varying) > 0 {
		var names []string
		for k := range g.varying {
			names = append(names, k)
		}
		slices.Sort(names)
		ext["varyingAttributes"] = names
	}
	t.Extension = map[string]any{"sdmx": ext}
	if g.skipped > 0 {
		t.AddCaveat(baserate.Caveat{Code: "sdmx-attribute-rows", Message: fmt.Sprintf("%d rows carried only attributes for a partial key and were not read as cells", g.skipped), Source: name})
	}
	if g.short > 0 {
		t.AddCaveat(baserate.Caveat{Code: "sdmx-short-rows", Message: fmt.Sprintf("%d rows have fewer fields than the header; their trailing fields were read as empty, so their columns may be shifted", g.short), Source: name})
	}
	if g.text > 0 {
		t.AddCaveat(baserate.Caveat{Code: "sdmx-text-measure", Message: fmt.Sprintf("%d measure values are text, not numbers, and were read as missing", g.text), Source: name})
	}
	if g.deleted > 0 {
		t.AddCaveat(baserate.Caveat{Code: "sdmx-deletions", Message: fmt.Sprintf("%d rows are deletions (ACTION D): cells without value, status \"D\"", g.deleted), Source: name})
	}
	return t, nil
}

func truncate(s string) string {
	if len(s) > 40 {
		return s[:40] + "..."
	}
	return s
}

// Sniff reports whether head looks like SDMX-CSV: a first field DATAFLOW
// or STRUCTURE.
func Sniff(head []byte) bool {
	head = bytes.TrimPrefix(head, []byte{0xEF, 0xBB, 0xBF})
	line, _, _ := bytes.Cut(head, []byte("\n"))
	f := strings.ToUpper(strings.TrimSpace(string(line)))
	for _, p := range []string{"DATAFLOW,", "DATAFLOW;", "STRUCTURE,", "STRUCTURE;", "STRUCTURE["} {
		if strings.HasPrefix(f, p) {
			return true
		}
	}
	// The ECB's csvdata: KEY, the dimensions, TIME_PERIOD, OBS_VALUE.
	if strings.HasPrefix(f, "KEY,") {
		fields := strings.Split(strings.TrimRight(f, "\r"), ",")
		return slices.Contains(fields, "OBS_VALUE") && slices.Contains(fields, "TIME_PERIOD")
	}
	return false
}
