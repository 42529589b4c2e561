package jsonstat

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/baserate/baserate"
	"github.com/baserate/baserate/internal/decimal"
)

// Limits. A document larger than MaxBytes, or a dataset that declares more
// than MaxCells cells, is refused before it is read or allocated.
const (
	MaxBytes = 1 << 30
	MaxCells = 200_000_000
)

// Issue is one finding about a JSON-stat document: where (a JSON path),
// what (a code as the json-stat.org validator names it, such as
// VALUE_LEN_MISMATCH) and a message. Warnings do not stop reading.
type Issue struct {
	Path    string `json:"path"`
	Code    string `json:"code"`
	Message string `json:"message"`
	Warning bool   `json:"warning,omitempty"`
}

// String prints "path: message (CODE)".
func (i Issue) String() string { return i.Path + ": " + i.Message + " (" + i.Code + ")" }

// Link is a collection item that is only a reference to a dataset.
type Link struct {
	Class string `json:"class,omitempty"`
	Href  string `json:"href,omitempty"`
	Label string `json:"label,omitempty"`
}

// Document is what a JSON-stat file holds: one dataset, a bundle of
// datasets (1.x, or a deprecated 2.0 bundle), or a collection whose items
// are embedded datasets or links.
type Document struct {
	Class    string            // "dataset", "bundle", "collection" or "dimension"
	Version  string            // "2.0", or "" for 1.x
	Label    string            // the collection's label, if any
	Datasets []*baserate.Table // in document order
	Links    []Link            // collection items without data
	Issues   []Issue           // warnings; errors stop Read
}

// ReadFile reads the JSON-stat file at path.
func ReadFile(ctx context.Context, p string) (*Document, error) {
	f, err := os.Open(p)
	if err != nil {
		return nil, baserate.E("jsonstat", baserate.KindNotFound, err)
	}
	defer f.Close()
	return Read(ctx, f, p)
}

// Read reads a JSON-stat document from r. name is the file name used in
// errors, which name the JSON path and the validator's code of the first
// problem: "oecd.json: $.value: 3 values for 4 cells (VALUE_LEN_MISMATCH)".
func Read(ctx context.Context, r io.Reader, name string) (*Document, error) {
	doc, issues, err := parse(ctx, r, name)
	if err != nil {
		return nil, err
	}
	for _, is := range issues {
		if !is.Warning {
			return nil, &baserate.Error{Op: "jsonstat", Kind: baserate.KindInvalid,
				Err: &baserate.PosError{File: name, Path: is.Path, Offset: -1, Err: fmt.Errorf("%s (%s)", is.Message, is.Code)}}
		}
	}
	doc.Issues = issues
	return doc, nil
}

// Check reads a document and returns every issue found, errors and
// warnings, as a validator would. It returns an error only when the input
// is not JSON at all.
func Check(ctx context.Context, r io.Reader, name string) ([]Issue, error) {
	_, issues, err := parse(ctx, r, name)
	return issues, err
}

type parser struct {
	ctx      context.Context
	issues   []Issue
	maxCells int
	// mismatch lists the dimensions of the dataset being read whose
	// categories disagree in number with the declared size.
	mismatch []sizeMismatch
}

// sizeMismatch is a dimension whose categories disagree with its declared size.
type sizeMismatch struct {
	path       string
	cats, size int
}

// maxCells is MaxCells; the fuzz test lowers it.
var maxCells = MaxCells

func (p *parser) errf(path, code, format string, args ...any) {
	p.issues = append(p.issues, Issue{Path: path, Code: code, Message: fmt.Sprintf(format, args...)})
}

func (p *parser) warnf(path, code, format string, args ...any) {
	p.issues = append(p.issues, Issue{Path: path, Code: code, Message: fmt.Sprintf(format, args...), Warning: true})
}

type object = map[string]json.RawMessage

func parse(ctx context.Context, r io.Reader, name string) (*Document, []Issue, error) {
	b, err := io.ReadAll(io.LimitReader(r, MaxBytes+1))
	if err != nil {
		return nil, nil, baserate.E("jsonstat", baserate.KindOther, fmt.Errorf("%s: %w", name, err))
	}
	if len(b) > MaxBytes {
		return nil, nil, &baserate.Error{Op: "jsonstat", Kind: baserate.KindTooLarge,
			Err: &baserate.PosError{File: name, Offset: -1, Err: fmt.Errorf("larger than %d bytes", MaxBytes)}}
	}
	b = bytes.TrimPrefix(b, []byte{0xEF, 0xBB, 0xBF})
	// One pass over the document: the top-level members and their order.
	topKeys, top, err := decodeOrdered(b)
	if err != nil {
		return nil, nil, jsonErr(name, "$", b, err)
	}
	p := &parser{ctx: ctx, maxCells: maxCells}
	doc := &Document{}
	doc.Version = str(top["version"])
	doc.Class = str(top["class"])
	doc.Label = str(top["label"])
	switch {
	case doc.Class == "error" || top["error"] != nil && top["dimension"] == nil && top["link"] == nil && !anyDataset(top):
		// An error response (JSON-stat 1.x "error", the class some APIs send, Eurostat's
		// {"error": {...}}): say what the server said instead of "not JSON-stat".
		p.errf("$.error", "ERROR_RESPONSE", "the document is an error response, not data: %s", errorText(top))
	case doc.Class == "dataset" || doc.Class == "" && top["dimension"] != nil && top["value"] != nil:
		doc.Class = "dataset"
		if t := p.dataset(top, "$", ""); t != nil {
			doc.Datasets = append(doc.Datasets, t)
		}
	case doc.Class == "collection":
		p.collection(doc, top, "$")
	case doc.Class == "dimension":
		// A dimension alone (a category list): read as a table of that one
		// dimension whose cells are all missing, so inspect and convert
		// show its categories.
		p.warnf("$", "DIMENSION_ONLY", "the document is a dimension, not a dataset: it holds no values")
		id := doc.Label
		if id == "" {
			id = "dimension"
		}
		raw, _ := json.Marshal(top)
		if d := p.dimension(raw, "$", id, 0); d != nil && len(d.Categories) > 0 {
			p.mismatch = p.mismatch[:0]
			t := baserate.New("", d)
			t.Label = doc.Label
			doc.Datasets = append(doc.Datasets, t)
		} else if d != nil {
			p.errf("$.category", "DIMENSION_EMPTY", "the dimension has no categories")
		}
	default:
		// A bundle: 1.x, or a 2.0 bundle, which 2.0 deprecates.
		doc.Class = "bundle"
		if doc.Version != "" {
			p.warnf("$", "BUNDLE_DEPRECATED", "JSON-stat 2.0 deprecates bundles; use a collection")
		}
		for _, k := range topKeys {
			var m object
			if json.Unmarshal(top[k], &m) != nil || m["dimension"] == nil {
				continue
			}
			if t := p.dataset(m, "$."+k, k); t != nil {
				doc.Datasets = append(doc.Datasets, t)
			}
		}
		if len(doc.Datasets) == 0 && !hasErr(p.issues) {
			p.errf("$", "NOT_JSONSTAT", "not JSON-stat: no dataset, bundle or collection (no \"class\" and no member with a \"dimension\")")
		}
	}
	return doc, p.issues, ctx.Err()
}

// anyDataset reports whether a member of a 1.x bundle holds a dataset.
func anyDataset(top object) bool {
	for k, raw := range top {
		if k == "error" {
			continue
		}
		var m object
		if json.Unmarshal(raw, &m) == nil && m["dimension"] != nil {
			return true
		}
	}
	return false
}

// errorText summarizes an error response: the status, id and label of each
// error object under "error" (an object, an array of them or a string), or the
// top-level status and label.
func errorText(top object) string {
	one := func(m object) string {
		var parts []string
		for _, k := range []string{"status", "id", "label", "message", "description"} {
			v := strings.TrimSpace(strings.Trim(string(m[k]), `"`))
			if v != "" && v != "null" {
				parts = append(parts, k+" "+v)
			}
		}
		return strings.Join(parts, ", ")
	}
	var texts []string
	raw := top["error"]
	var m object
	var arr []json.RawMessage
	switch {
	case raw == nil:
	case json.Unmarshal(raw, &m) == nil:
		texts = append(texts, one(m))
	case json.Unmarshal(raw, &arr) == nil:
		for _, a := range arr {
			if json.Unmarshal(a, &m) == nil {
				texts = append(texts, one(m))
			} else if s := str(a); s != "" {
				texts = append(texts, s)
			}
		}
	default:
		if s := str(raw); s != "" {
			texts = append(texts, s)
		}
	}
	if len(texts) == 0 {
		texts = append(texts, one(top))
	}
	t := strings.Join(texts, "; ")
	if t == "" {
		t = "no details given"
	}
	return t
}

func hasErr(is []Issue) bool {
	for _, i := range is {
		if !i.Warning {
			return true
		}
	}
	return false
}

func jsonErr(name, path string, b []byte, err error) error {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	var tr errTrailing
	lineAt := func(off int64) int { return 1 + bytes.Count(b[:min(int(off), len(b))], []byte("\n")) }
	switch {
	case errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF):
		return &baserate.Error{Op: "jsonstat", Kind: baserate.KindInvalid,
			Err: &baserate.PosError{File: name, Line: lineAt(int64(len(b))), Offset: int64(len(b)), Err: fmt.Errorf("not valid JSON at byte %d: the document ends before it is complete", len(b))}}
	case errors.As(err, &tr):
		return &baserate.Error{Op: "jsonstat", Kind: baserate.KindInvalid,
			Err: &baserate.PosError{File: name, Line: lineAt(tr.offset), Offset: tr.offset, Err: fmt.Errorf("not valid JSON at byte %d: %v", tr.offset, tr)}}
	case errors.As(err, &se):
		line := 1 + bytes.Count(b[:min(int(se.Offset), len(b))], []byte("\n"))
		return &baserate.Error{Op: "jsonstat", Kind: baserate.KindInvalid,
			Err: &baserate.PosError{File: name, Line: line, Offset: se.Offset, Err: fmt.Errorf("not valid JSON at byte %d: %v", se.Offset, se)}}
	case errors.As(err, &te):
		return &baserate.Error{Op: "jsonstat", Kind: baserate.KindInvalid,
			Err: &baserate.PosError{File: name, Path: path, Offset: -1, Err: fmt.Errorf("not JSON-stat: the top level is a JSON %s, not an object", te.Value)}}
	}
	return &baserate.Error{Op: "jsonstat", Kind: baserate.KindInvalid,
		Err: &baserate.PosError{File: name, Path: path, Offset: -1, Err: err}}
}

func (p *parser) collection(doc *Document, m object, at string) {
	var link map[string][]json.RawMessage
	if m["link"] != nil {
		if err := json.Unmarshal(m["link"], &link); err != nil {
			p.errf(at+".link", "LINK_INVALID", "link must be an object of arrays")
			return
		}
	}
	for i, raw := range link["item"] {
		path := fmt.Sprintf("%s.link.item[%d]", at, i)
		var it object
		if err := json.Unmarshal(raw, &it); err != nil {
			p.errf(path, "ITEM_INVALID", "a collection item must be an object")
			continue
		}
		class := str(it["class"])
		switch {
		case it["dimension"] != nil && it["value"] != nil:
			id := str(it["href"])
			if id != "" {
				id = strings.TrimSuffix(path2base(id), ".json")
			}
			if t := p.dataset(it, path, id); t != nil {
				doc.Datasets = append(doc.Datasets, t)
			}
		case class == "collection" && it["link"] != nil:
			p.collection(doc, it, path)
		default:
			doc.Links = append(doc.Links, Link{Class: class, Href: str(it["href"]), Label: str(it["label"])})
		}
	}
}

func path2base(href string) string {
	if i := strings.IndexAny(href, "?#"); i >= 0 {
		href = href[:i]
	}
	return path.Base(href)
}

func str(raw json.RawMessage) string {
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s
	}
	return ""
}

// dataset reads one dataset in the 2.0 form (id, size, role at the top)
// or the 1.x form (inside "dimension").
func (p *parser) dataset(m object, at, id string) *baserate.Table {
	before := len(p.issues)
	t := &baserate.Table{ID: id, Label: str(m["label"]), Source: str(m["source"]), Updated: str(m["updated"])}
	var dims object
	if err := json.Unmarshal(m["dimension"], &dims); err != nil || dims == nil {
		p.errf(at+".dimension", "DIMENSION_MISSING", "a dataset needs a \"dimension\" object")
		return nil
	}
	// Where id, size and role live.
	meta := m
	mpath := at
	if m["id"] == nil && dims["id"] != nil {
		meta = dims
		mpath = at + ".dimension"
	}
	var ids []string
	if err := json.Unmarshal(meta["id"], &ids); err != nil || len(ids) == 0 {
		p.errf(mpath+".id", "ID_MISSING", "\"id\" must be a non-empty array of dimension ids")
		return nil
	}
	var rawSizes []json.RawMessage
	if err := json.Unmarshal(meta["size"], &rawSizes); err != nil {
		p.errf(mpath+".size", "SIZE_MISSING", "\"size\" must be an array of sizes")
		return nil
	}
	sizes := make([]int, len(rawSizes))
	for i, r := range rawSizes {
		var n json.Number
		s := strings.Trim(string(r), `" `)
		n = json.Number(s)
		v, err := n.Int64()
		if err != nil || v < 0 {
			p.errf(fmt.Sprintf("%s.size[%d]", mpath, i), "SIZE_INVALID", "size %s is not a non-negative integer", r)
			return nil
		}
		sizes[i] = int(v)
	}
	if len(ids) != len(sizes) {
		p.errf(mpath+".size", "ID_SIZE_LEN_MISMATCH", "%d dimension ids but %d sizes", len(ids), len(sizes))
		return nil
	}
	cells := 1
	for i, n := range sizes {
		if n > 0 && cells > p.maxCells/n {
			p.errf(fmt.Sprintf("%s.size[%d]", mpath, i), "TOO_LARGE", "the sizes declare more than %d cells", p.maxCells)
			return nil
		}
		cells *= n
	}
	// Dimension objects must match the ids.
	for _, d := range ids {
		if dims[d] == nil {
			p.errf(at+".dimension", "DIM_KEY_ID_MISMATCH", "id lists %q but \"dimension\" has no such member", d)
		}
	}
	for k := range dims {
		if meta := k == "id" || k == "size" || k == "role"; meta && mpath != at {
			continue
		}
		if !slices.Contains(ids, k) {
			p.errf(at+".dimension."+k, "DIM_KEY_ID_MISMATCH", "dimension %q is not listed in id", k)
		}
	}
	if len(p.issues) > before && hasErr(p.issues[before:]) {
		return nil
	}
	// Roles.
	var roles map[string][]string
	if meta["role"] != nil {
		if err := json.Unmarshal(meta["role"], &roles); err != nil {
			p.errf(mpath+".role", "ROLE_INVALID", "\"role\" must map roles to arrays of dimension ids")
		}
	}
	roleOf := map[string]baserate.Role{}
	for _, r := range sortedKeys(roles) {
		for _, d := range roles[r] {
			if !slices.Contains(ids, d) {
				p.errf(mpath+".role."+r, "ROLE_ID_UNKNOWN", "role %s names dimension %q, which is not in id", r, d)
				continue
			}
			roleOf[d] = baserate.Role(r)
		}
	}
	// Our own extension carries what JSON-stat has no place for
	// (multilingual labels, caveats), so our writer's output reads back whole.
	var ext map[string]any
	if m["extension"] != nil {
		if err := json.Unmarshal(m["extension"], &ext); err != nil {
			p.errf(at+".extension", "EXTENSION_INVALID", "\"extension\" must be an object")
		}
	}
	var ours *ourExtension
	if raw, ok := ext["baserate"]; ok {
		b, _ := json.Marshal(raw)
		ours = &ourExtension{}
		if json.Unmarshal(b, ours) != nil {
			ours = nil
		} else {
			delete(ext, "baserate")
		}
	}
	if len(ext) > 0 {
		t.Extension = ext
	}
	p.mismatch = p.mismatch[:0]
	for i, d := range ids {
		dim := p.dimension(dims[d], at+".dimension."+d, d, sizes[i])
		if dim == nil {
			return nil
		}
		dim.Role = roleOf[d]
		if dim.Role == baserate.RoleMetric {
			has := false
			for _, c := range dim.Categories {
				has = has || c.Unit != nil
			}
			if !has {
				p.warnf(at+".dimension."+d+".category", "METRIC_UNIT_MISSING", "metric dimension %q has no unit", d)
			}
		}
		if ours != nil {
			ours.applyDim(dim)
		}
		t.Dims = append(t.Dims, dim)
	}
	if len(p.mismatch) > 0 {
		// Some servers (the ONS API) declare the size of the whole
		// dimension but list only the categories they send. The categories
		// are taken when the values fit them and not the declared sizes.
		catCells := 1
		for _, d := range t.Dims {
			if n := len(d.Categories); n > 0 && catCells > p.maxCells/n {
				p.errf(at+".dimension", "TOO_LARGE", "the categories make more than %d cells", p.maxCells)
				return nil
			}
			catCells *= len(d.Categories)
		}
		if n, sparse, ok := valueExtent(m["value"]); ok && (sparse && n <= catCells || !sparse && n == catCells && n != cells) {
			for _, mm := range p.mismatch {
				p.warnf(mm.path, "SIZE_CATEGORY_MISMATCH", "%d categories for size %d; the categories were used, as the values fit them", mm.cats, mm.size)
			}
			cells = catCells
		} else {
			for _, mm := range p.mismatch {
				p.errf(mm.path, "INDEX_COUNT_MISMATCH", "%d categories for size %d", mm.cats, mm.size)
			}
			return nil
		}
	}
	if len(p.issues) > before && hasErr(p.issues[before:]) {
		return nil
	}
	t.Values = make([]float64, cells)
	for i := range t.Values {
		t.Values[i] = math.NaN()
	}
	p.values(t, m["value"], at+".value")
	p.status(t, m["status"], at+".status")
	t.Notes = p.notes(m["note"], at+".note")
	if ours != nil {
		ours.applyTable(t)
	}
	if len(p.issues) > before && hasErr(p.issues[before:]) {
		return nil
	}
	return t
}

// valueExtent tells how far "value" reaches: the number of values of an
// array, or one more than the largest cell index of a sparse object.
func valueExtent(raw json.RawMessage) (n int, sparse, ok bool) {
	raw = bytes.TrimSpace(raw)
	switch {
	case bytes.HasPrefix(raw, []byte("[")):
		var a []json.RawMessage
		if json.Unmarshal(raw, &a) != nil {
			return 0, false, false
		}
		return len(a), false, true
	case bytes.HasPrefix(raw, []byte("{")):
		var m map[string]json.RawMessage
		if json.Unmarshal(raw, &m) != nil {
			return 0, true, false
		}
		for k := range m {
			i, err := strconv.Atoi(k)
			if err != nil || i < 0 {
				return 0, true, false
			}
			n = max(n, i+1)
		}
		return n, true, true
	}
	return 0, false, false
}

func sortedKeys[V any](m map[string]V) []string {
	k := make([]string, 0, len(m))
	for s := range m {
		k = append(k, s)
	}
	sort.Strings(k)
	return k
}

func (p *parser) notes(raw json.RawMessage, at string) []string {
	if raw == nil {
		return nil
	}
	var l []string
	if json.Unmarshal(raw, &l) == nil {
		return l
	}
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return []string{s}
	}
	p.warnf(at, "NOTE_INVALID", "a note must be a string or an array of strings; ignored")
	return nil
}

func (p *parser) dimension(raw json.RawMessage, at, id string, size int) *baserate.Dimension {
	var m object
	if err := json.Unmarshal(raw, &m); err != nil {
		p.errf(at, "DIMENSION_INVALID", "a dimension must be an object")
		return nil
	}
	d := &baserate.Dimension{ID: id, Label: str(m["label"])}
	var cat object
	if m["category"] != nil {
		if err := json.Unmarshal(m["category"], &cat); err != nil {
			p.errf(at+".category", "CATEGORY_INVALID", "\"category\" must be an object")
			return nil
		}
	}
	labels := map[string]string{}
	if cat["label"] != nil {
		if err := json.Unmarshal(cat["label"], &labels); err != nil {
			p.errf(at+".category.label", "LABEL_INVALID", "category labels must be an object of strings")
			return nil
		}
	}
	var order []string
	switch {
	case cat["index"] != nil && bytes.HasPrefix(bytes.TrimSpace(cat["index"]), []byte("[")):
		if err := json.Unmarshal(cat["index"], &order); err != nil {
			p.errf(at+".category.index", "INDEX_INVALID", "the index array must hold strings")
			return nil
		}
	case cat["index"] != nil:
		var pos map[string]int
		if err := json.Unmarshal(cat["index"], &pos); err != nil {
			p.errf(at+".category.index", "INDEX_INVALID", "the index object must map ids to positions")
			return nil
		}
		order = make([]string, len(pos))
		for k, i := range pos {
			if i < 0 || i >= len(pos) || order[i] != "" {
				p.errf(at+".category.index", "INDEX_POSITIONS_INVALID", "index positions must be 0 to %d, each once; %q has %d", len(pos)-1, k, i)
				return nil
			}
			order[i] = k
		}
	case cat["label"] != nil:
		// No index: the label keys, in document order (allowed for one
		// category; tolerated for more).
		order, _ = orderedKeys(cat["label"])
	default:
		if size == 1 {
			order = []string{id}
		}
	}
	if len(order) != size {
		if len(order) == 0 {
			p.errf(at+".category.index", "INDEX_COUNT_MISMATCH", "%d categories for size %d", len(order), size)
			return nil
		}
		// Decided by the dataset: the values tell which of the two is right.
		p.mismatch = append(p.mismatch, sizeMismatch{at + ".category.index", len(order), size})
		size = len(order)
	}
	seen := map[string]bool{}
	d.Categories = make([]baserate.Category, size)
	for i, c := range order {
		if seen[c] {
			p.errf(at+".category.index", "INDEX_DUPLICATE", "category %q appears twice", c)
			return nil
		}
		seen[c] = true
		d.Categories[i] = baserate.Category{ID: c, Label: labels[c]}
	}
	for _, k := range sortedKeys(labels) {
		if !seen[k] {
			p.errf(at+".category.label."+k, "LABEL_KEY_UNKNOWN", "label for category %q, which is not in the index", k)
		}
	}
	if cat["unit"] != nil {
		var units map[string]*baserate.Unit
		if err := json.Unmarshal(cat["unit"], &units); err != nil {
			p.errf(at+".category.unit", "UNIT_INVALID", "units must be an object of objects")
		}
		// PxWeb and Statistics Denmark name the unit in "base" (JSON-stat
		// 1.x's word), not "label".
		var bases map[string]struct {
			Base string `json:"base"`
		}
		if json.Unmarshal(cat["unit"], &bases) == nil {
			for k, u := range units {
				if u != nil && u.Label == "" && bases[k].Base != "" {
					u.Label = bases[k].Base
				}
			}
		}
		for _, k := range sortedKeys(units) {
			if j := d.Index(k); j >= 0 {
				d.Categories[j].Unit = units[k]
			} else {
				p.errf(at+".category.unit."+k, "UNIT_KEY_UNKNOWN", "unit for category %q, which is not in the index", k)
			}
		}
	}
	for _, f := range []struct{ key, code string }{{"coordinates", "COORD_KEY_UNKNOWN"}, {"note", "NOTE_KEY_UNKNOWN"}} {
		if cat[f.key] == nil {
			continue
		}
		var mm map[string]json.RawMessage
		if json.Unmarshal(cat[f.key], &mm) != nil {
			p.errf(at+".category."+f.key, strings.Replace(f.code, "KEY_UNKNOWN", "INVALID", 1), "category %s must be an object", f.key)
			continue
		}
		for _, k := range sortedKeys(mm) {
			if !seen[k] {
				p.errf(at+".category."+f.key+"."+k, f.code, "%s for category %q, which is not in the index", f.key, k)
			}
		}
	}
	if cat["child"] != nil {
		var child map[string][]string
		if err := json.Unmarshal(cat["child"], &child); err != nil {
			p.errf(at+".category.child", "CHILD_INVALID", "child must map ids to arrays of ids")
			return nil
		}
		for _, parent := range sortedKeys(child) {
			if !seen[parent] {
				p.errf(at+".category.child."+parent, "CHILD_ID_UNKNOWN", "parent %q is not in the index", parent)
				continue
			}
			for _, c := range child[parent] {
				j := d.Index(c)
				if j < 0 {
					p.errf(at+".category.child."+parent, "CHILD_ID_UNKNOWN", "child %q is not in the index", c)
					continue
				}
				d.Categories[j].Parent = parent
			}
		}
		// Cycles: follow parents; a chain longer than the size loops.
		for _, c := range d.Categories {
			cur, n := c.ID, 0
			for cur != "" && n <= size {
				j := d.Index(cur)
				if j < 0 {
					break
				}
				cur = d.Categories[j].Parent
				n++
			}
			if n > size {
				p.errf(at+".category.child", "CHILD_CYCLE", "the hierarchy has a cycle through %q", c.ID)
				break
			}
		}
	}
	return d
}

// values reads "value" as an array (dense, null for missing) or an object
// keyed by cell index (sparse).
func (p *parser) values(t *baserate.Table, raw json.RawMessage, at string) {
	n := len(t.Values)
	if raw == nil {
		p.errf(at, "VALUE_MISSING", "a dataset needs \"value\"")
		return
	}
	raw = bytes.TrimSpace(raw)
	set := func(i int, v any, path string) {
		switch x := v.(type) {
		case nil:
		case json.Number:
			f, err := x.Float64()
			if err != nil {
				p.errf(path, "VALUE_INVALID", "%s is not a number", x)
				return
			}
			t.Values[i] = f
		case string:
			if f, err := strconv.ParseFloat(strings.TrimSpace(x), 64); err == nil {
				t.Values[i] = f
			} else if len(x) <= 32 {
				// Some offices put their symbol in the value: keep it as status.
				t.SetStatus(i, baserate.Status(x))
			} else {
				p.errf(path, "VALUE_INVALID", "%q is not a number", x[:32])
			}
		default:
			p.errf(path, "VALUE_INVALID", "a value must be a number, a string or null")
		}
	}
	if n > 0 && len(bytes.TrimSpace(bytes.TrimSuffix(bytes.TrimPrefix(raw, []byte("[")), []byte("]")))) == 0 && raw[0] == '[' {
		// "value": [] is how PxWeb API v2 answers a metadata request in
		// JSON-stat: the dimensions without data.
		p.warnf(at, "VALUE_EMPTY", "no values: the document holds the dataset's metadata only; all %d cells are missing", n)
		return
	}
	if len(raw) > 0 && raw[0] == '[' {
		if n, ok := fastValues(raw, t.Values); ok {
			if n != len(t.Values) {
				p.errf(at, "VALUE_LEN_MISMATCH", "%d values for %d cells", n, len(t.Values))
			}
			return
		}
		for i := range t.Values {
			t.Values[i] = math.NaN()
		}
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if len(raw) > 0 && raw[0] == '[' {
		var arr []any
		if err := dec.Decode(&arr); err != nil {
			p.errf(at, "VALUE_INVALID", "value must be an array or an object")
			return
		}
		if len(arr) != n {
			p.errf(at, "VALUE_LEN_MISMATCH", "%d values for %d cells", len(arr), n)
			return
		}
		for i, v := range arr {
			set(i, v, fmt.Sprintf("%s[%d]", at, i))
		}
		return
	}
	var obj map[string]any
	if err := dec.Decode(&obj); err != nil {
		p.errf(at, "VALUE_INVALID", "value must be an array or an object")
		return
	}
	for _, k := range sortedKeys(obj) {
		i, err := strconv.Atoi(k)
		if err != nil || i < 0 || i >= n {
			p.errf(at+"."+k, "SPARSE_KEY_OUT_OF_RANGE", "key %q is not a cell index from 0 to %d", k, n-1)
			continue
		}
		set(i, obj[k], at+"."+k)
	}
}

// status reads "status": one string for every cell, an array (one per
// cell, or one for all), or an object keyed by cell index.
func (p *parser) status(t *baserate.Table, raw json.RawMessage, at string) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || bytes.Equal(raw, []byte("null")) {
		return
	}
	n := len(t.Values)
	switch raw[0] {
	case '"':
		var one string
		if json.Unmarshal(raw, &one) == nil {
			for i := range n {
				t.SetStatus(i, baserate.Status(one))
			}
			return
		}
	case '[':
		var arr []*string
		if json.Unmarshal(raw, &arr) == nil {
			if len(arr) == 1 && n != 1 {
				if arr[0] != nil {
					for i := range n {
						t.SetStatus(i, baserate.Status(*arr[0]))
					}
				}
				return
			}
			if len(arr) != n {
				p.errf(at, "STATUS_LEN_MISMATCH", "%d statuses for %d values", len(arr), n)
				return
			}
			for i, s := range arr {
				if s != nil {
					t.SetStatus(i, baserate.Status(*s))
				}
			}
			return
		}
	case '{':
		var obj map[string]json.RawMessage
		if json.Unmarshal(raw, &obj) != nil {
			break
		}
		if v, ok := obj["value"]; ok && bytes.HasPrefix(bytes.TrimSpace(v), []byte("[")) {
			// {"value": [...], "category": ...}, as Eurostat's JSON-stat 1.x
			// and CSO Ireland's gateway write it.
			p.warnf(at, "STATUS_WRAPPED", "status is an array wrapped in {\"value\": ...}; read as the array")
			p.status(t, v, at+".value")
			return
		}
		var bad []string
		for k, v := range obj {
			i, err := strconv.Atoi(k)
			if err != nil || i < 0 || i >= n {
				bad = append(bad, k)
				continue
			}
			var s *string
			if json.Unmarshal(v, &s) != nil {
				bad = append(bad, k)
				continue
			}
			if s != nil {
				t.SetStatus(i, baserate.Status(*s))
			}
		}
		sort.Strings(bad)
		for _, k := range bad {
			p.errf(at+"."+k, "SPARSE_KEY_OUT_OF_RANGE", "status key %q is not a cell index from 0 to %d with a string", k, n-1)
		}
		return
	}
	p.errf(at, "STATUS_INVALID", "status must be a string, an array or an object")
}

// decodeOrdered decodes a JSON object into its members, keeping their
// order, in one pass. A document that is not an object, or has trailing
// data, is an error of the kind json.Unmarshal returns.
func decodeOrdered(b []byte) ([]string, object, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	tok, err := dec.Token()
	if err != nil {
		return nil, nil, err
	}
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		kind := "value"
		switch tok.(type) {
		case json.Delim:
			kind = "array"
		case string:
			kind = "string"
		case float64:
			kind = "number"
		case bool:
			kind = "bool"
		}
		return nil, nil, &json.UnmarshalTypeError{Value: kind}
	}
	var keys []string
	m := object{}
	for dec.More() {
		k, err := dec.Token()
		if err != nil {
			return nil, nil, err
		}
		key := k.(string)
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			return nil, nil, err
		}
		if _, dup := m[key]; !dup {
			keys = append(keys, key)
		}
		m[key] = v
	}
	if _, err := dec.Token(); err != nil {
		return nil, nil, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, nil, errTrailing{dec.InputOffset()}
	}
	return keys, m, nil
}

// errTrailing is data after the top-level object.
type errTrailing struct{ offset int64 }

func (e errTrailing) Error() string { return "data after the end of the document" }

// orderedKeys returns the keys of a JSON object in document order.
func orderedKeys(raw []byte) ([]string, error) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	tok, err := dec.Token()
	if err != nil || tok != json.Delim('{') {
		return nil, errors.New("not an object")
	}
	var keys []string
	for dec.More() {
		k, err := dec.Token()
		if err != nil {
			return keys, err
		}
		keys = append(keys, k.(string))
		var skip json.RawMessage
		if err := dec.Decode(&skip); err != nil {
			return keys, err
		}
	}
	return keys, nil
}

// fastValues reads a JSON array of numbers and nulls straight into out,
// without building Go values. It returns the number of elements, and
// false when the array holds anything else (strings, objects) or is
// malformed, for the general path to handle.
func fastValues(raw []byte, out []float64) (int, bool) {
	i := 1 // after '['
	n := 0
	skip := func() {
		for i < len(raw) && (raw[i] == ' ' || raw[i] == '\n' || raw[i] == '\r' || raw[i] == '\t') {
			i++
		}
	}
	skip()
	if i < len(raw) && raw[i] == ']' {
		return 0, true
	}
	for i < len(raw) {
		skip()
		start := i
		for i < len(raw) && raw[i] != ',' && raw[i] != ']' && raw[i] != ' ' && raw[i] != '\n' && raw[i] != '\r' && raw[i] != '\t' {
			i++
		}
		tok := raw[start:i]
		var v float64
		switch {
		case len(tok) == 4 && string(tok) == "null":
			v = math.NaN()
		default:
			f, ok := jsonNumber(tok)
			if !ok {
				return 0, false
			}
			v = f
		}
		if n < len(out) {
			out[n] = v
		}
		n++
		skip()
		if i >= len(raw) {
			return 0, false
		}
		if raw[i] == ']' {
			return n, true
		}
		if raw[i] != ',' {
			return 0, false
		}
		i++
	}
	return 0, false
}

// jsonNumber parses a JSON number as encoding/json does, with the fast
// path of package decimal for plain decimals (JSON has no plus sign).
func jsonNumber(b []byte) (float64, bool) {
	if len(b) > 0 && b[0] == '+' {
		return 0, false
	}
	if f, ok := decimal.Fast(b); ok {
		return f, true
	}
	return slowDecimal(b)
}

func slowDecimal(b []byte) (float64, bool) {
	var f float64
	if json.Unmarshal(b, &f) != nil {
		return 0, false
	}
	return f, true
}
