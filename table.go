package baserate

import (
	"fmt"
	"math"
	"slices"
)

// Role says what a dimension stands for, as JSON-stat roles do.
type Role string

// The roles a dimension can have. The zero value means no particular role.
const (
	RoleNone   Role = ""
	RoleTime   Role = "time"
	RoleGeo    Role = "geo"
	RoleMetric Role = "metric"
)

// Category is one level of a dimension, such as the year 2023, the age band
// 21-25 or the citizenship "non-German".
type Category struct {
	// ID is the stable code ("2023", "21-25", "nichtdeutsch").
	ID string `json:"id"`
	// Label is the human label in the table's main language. It may be empty.
	Label string `json:"label,omitempty"`
	// Labels holds labels in further languages, keyed by language code.
	Labels map[string]string `json:"labels,omitempty"`
	// Parent is the ID of the parent category in a hierarchy, if any.
	Parent string `json:"parent,omitempty"`
	// Unit describes the unit of measure for categories of a metric dimension.
	Unit *Unit `json:"unit,omitempty"`
}

// Unit is the unit of a metric category.
type Unit struct {
	Label    string `json:"label,omitempty"`
	Decimals int    `json:"decimals,omitempty"`
	Symbol   string `json:"symbol,omitempty"`
	Position string `json:"position,omitempty"`
}

// Dimension is a named axis of a table with its ordered categories.
type Dimension struct {
	ID         string            `json:"id"`
	Label      string            `json:"label,omitempty"`
	Labels     map[string]string `json:"labels,omitempty"`
	Role       Role              `json:"role,omitempty"`
	Categories []Category        `json:"categories"`
	// Elimination names the category to use when the dimension is dropped
	// (PX ELIMINATION), or is empty.
	Elimination string `json:"elimination,omitempty"`

	index map[string]int
}

// NewDimension returns a dimension with categories made from ids, with no labels.
func NewDimension(id string, ids ...string) *Dimension {
	d := &Dimension{ID: id, Categories: make([]Category, len(ids))}
	for i, c := range ids {
		d.Categories[i] = Category{ID: c}
	}
	return d
}

// Size is the number of categories.
func (d *Dimension) Size() int { return len(d.Categories) }

// Index returns the position of the category with the given id, or -1.
func (d *Dimension) Index(id string) int {
	if d.index == nil || len(d.index) != len(d.Categories) {
		d.index = make(map[string]int, len(d.Categories))
		for i, c := range d.Categories {
			d.index[c.ID] = i
		}
	}
	if i, ok := d.index[id]; ok {
		return i
	}
	return -1
}

// IDs returns the category ids in order.
func (d *Dimension) IDs() []string {
	out := make([]string, len(d.Categories))
	for i, c := range d.Categories {
		out[i] = c.ID
	}
	return out
}

// Clone returns a deep copy of d.
func (d *Dimension) Clone() *Dimension {
	c := *d
	c.index = nil
	c.Categories = slices.Clone(d.Categories)
	for i := range c.Categories {
		if d.Categories[i].Labels != nil {
			c.Categories[i].Labels = cloneMap(d.Categories[i].Labels)
		}
		if d.Categories[i].Unit != nil {
			u := *d.Categories[i].Unit
			c.Categories[i].Unit = &u
		}
	}
	if d.Labels != nil {
		c.Labels = cloneMap(d.Labels)
	}
	return &c
}

func cloneMap(m map[string]string) map[string]string {
	out := make(map[string]string, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

// Status is the flag attached to one value, as statistical offices publish
// it: "p" provisional, "e" estimated, "c" confidential, and so on. The empty
// status means an ordinary value. Readers keep the office's own symbol; the
// constants below name the common meanings.
type Status string

// Common statuses. Readers may use others; they are kept as published.
const (
	StatusNone         Status = ""
	StatusProvisional  Status = "p"
	StatusEstimated    Status = "e"
	StatusConfidential Status = "c"
	StatusBreak        Status = "b"
	StatusMissing      Status = "m"  // missing, reason not given
	StatusNotAvailable Status = ".." // not available (PX "..")
	StatusNotApplic    Status = "."  // not applicable / logically impossible (PX ".")
	StatusZeroRounded  Status = "-"  // nil or rounded to zero (PX "-")
)

// Table is a dense labelled cube of values: one value per combination of
// categories, stored row-major with the last dimension varying fastest (the
// JSON-stat and PX order). A missing value is NaN; its Status says why.
type Table struct {
	ID     string            `json:"id,omitempty"`
	Label  string            `json:"label,omitempty"`
	Labels map[string]string `json:"labels,omitempty"`
	// Source names the producer and the file or request the table came from.
	Source string `json:"source,omitempty"`
	// Updated is the producer's last-update stamp as published.
	Updated string       `json:"updated,omitempty"`
	Dims    []*Dimension `json:"dimensions"`
	Values  []float64    `json:"values"`
	// Status is nil when no value carries a flag, else len(Values) long.
	Status []Status `json:"status,omitempty"`
	// Notes are the producer's free-text notes.
	Notes []string `json:"notes,omitempty"`
	// Caveats are statistical caveats about the data, carried into every
	// result computed from it.
	Caveats []Caveat `json:"caveats,omitempty"`
	// Extension keeps producer-specific metadata (JSON-stat "extension").
	Extension map[string]any `json:"extension,omitempty"`
}

// New returns a table over dims with every value missing (NaN).
func New(id string, dims ...*Dimension) *Table {
	n := 1
	for _, d := range dims {
		n *= d.Size()
	}
	v := make([]float64, n)
	for i := range v {
		v[i] = math.NaN()
	}
	return &Table{ID: id, Dims: dims, Values: v}
}

// Size returns the number of cells: the product of the dimension sizes.
func (t *Table) Size() int {
	n := 1
	for _, d := range t.Dims {
		n *= d.Size()
	}
	return n
}

// Dim returns the dimension with the given id and its position, or nil, -1.
func (t *Table) Dim(id string) (*Dimension, int) {
	for i, d := range t.Dims {
		if d.ID == id {
			return d, i
		}
	}
	return nil, -1
}

// Offset returns the position in Values of the cell with the given category
// positions, one per dimension.
func (t *Table) Offset(pos []int) int {
	off := 0
	for i, d := range t.Dims {
		off = off*d.Size() + pos[i]
	}
	return off
}

// Coords returns the category positions of the cell at offset off.
func (t *Table) Coords(off int, pos []int) []int {
	if cap(pos) < len(t.Dims) {
		pos = make([]int, len(t.Dims))
	}
	pos = pos[:len(t.Dims)]
	for i := len(t.Dims) - 1; i >= 0; i-- {
		n := t.Dims[i].Size()
		pos[i] = off % n
		off /= n
	}
	return pos
}

// Lookup returns the offset of the cell named by one category id per
// dimension, in dimension order.
func (t *Table) Lookup(ids ...string) (int, error) {
	if len(ids) != len(t.Dims) {
		return 0, fmt.Errorf("table %s: %d category ids for %d dimensions", t.ID, len(ids), len(t.Dims))
	}
	off := 0
	for i, d := range t.Dims {
		j := d.Index(ids[i])
		if j < 0 {
			return 0, fmt.Errorf("table %s: dimension %q has no category %q", t.ID, d.ID, ids[i])
		}
		off = off*d.Size() + j
	}
	return off, nil
}

// At returns the value of the cell named by one category id per dimension.
// It returns NaN when the cell is missing or the ids do not name a cell.
func (t *Table) At(ids ...string) float64 {
	off, err := t.Lookup(ids...)
	if err != nil {
		return math.NaN()
	}
	return t.Values[off]
}

// StatusAt returns the status of the value at offset off.
func (t *Table) StatusAt(off int) Status {
	if t.Status == nil {
		return StatusNone
	}
	return t.Status[off]
}

// SetStatus sets the status of the value at offset off, allocating the
// status slice on first use.
func (t *Table) SetStatus(off int, s Status) {
	if t.Status == nil {
		if s == StatusNone {
			return
		}
		t.Status = make([]Status, len(t.Values))
	}
	t.Status[off] = s
}

// Missing counts the cells that have no value, whatever the reason.
func (t *Table) Missing() int {
	n := 0
	for _, v := range t.Values {
		if math.IsNaN(v) {
			n++
		}
	}
	return n
}

// AddCaveat attaches c unless a caveat with the same code is already there.
func (t *Table) AddCaveat(c Caveat) {
	t.Caveats = MergeCaveats(t.Caveats, c)
}

// Validate checks that the table is consistent: unique dimension ids,
// unique category ids within each dimension, and value and status slices of
// the right length.
func (t *Table) Validate() error {
	seen := map[string]bool{}
	for _, d := range t.Dims {
		if seen[d.ID] {
			return fmt.Errorf("table %s: dimension %q appears twice", t.ID, d.ID)
		}
		seen[d.ID] = true
		cats := map[string]bool{}
		for _, c := range d.Categories {
			if cats[c.ID] {
				return fmt.Errorf("table %s: dimension %q has category %q twice", t.ID, d.ID, c.ID)
			}
			cats[c.ID] = true
		}
	}
	if n := t.Size(); len(t.Values) != n {
		return fmt.Errorf("table %s: %d values for %d cells", t.ID, len(t.Values), n)
	}
	if t.Status != nil && len(t.Status) != len(t.Values) {
		return fmt.Errorf("table %s: %d statuses for %d values", t.ID, len(t.Status), len(t.Values))
	}
	return nil
}

// Clone returns a deep copy of t.
func (t *Table) Clone() *Table {
	c := *t
	c.Dims = make([]*Dimension, len(t.Dims))
	for i, d := range t.Dims {
		c.Dims[i] = d.Clone()
	}
	c.Values = slices.Clone(t.Values)
	c.Status = slices.Clone(t.Status)
	c.Notes = slices.Clone(t.Notes)
	c.Caveats = slices.Clone(t.Caveats)
	if t.Labels != nil {
		c.Labels = cloneMap(t.Labels)
	}
	return &c
}
