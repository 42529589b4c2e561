package jsonstat

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strconv"

	"github.com/baserate/baserate"
)

// ourExtension is what the writer puts under extension.baserate: the
// parts of a table that JSON-stat has no field for, so that a table
// written and read back is the same table.
type ourExtension struct {
	Labels  map[string]string        `json:"labels,omitempty"`
	Caveats []baserate.Caveat        `json:"caveats,omitempty"`
	Dims    map[string]*ourDimension `json:"dimensions,omitempty"`
	ID      string                   `json:"id,omitempty"`
}

type ourDimension struct {
	Labels         map[string]string            `json:"labels,omitempty"`
	CategoryLabels map[string]map[string]string `json:"categoryLabels,omitempty"`
	Elimination    string                       `json:"elimination,omitempty"`
}

func (o *ourExtension) applyTable(t *baserate.Table) {
	if len(o.Labels) > 0 {
		t.Labels = o.Labels
	}
	t.Caveats = baserate.MergeCaveats(t.Caveats, o.Caveats...)
	if o.ID != "" {
		t.ID = o.ID
	}
}

func (o *ourExtension) applyDim(d *baserate.Dimension) {
	od := o.Dims[d.ID]
	if od == nil {
		return
	}
	if len(od.Labels) > 0 {
		d.Labels = od.Labels
	}
	d.Elimination = od.Elimination
	for i := range d.Categories {
		if l := od.CategoryLabels[d.Categories[i].ID]; len(l) > 0 {
			d.Categories[i].Labels = l
		}
	}
}

// Write writes tables as JSON-stat 2.0: one table as a dataset, several
// as a collection of embedded datasets. Missing values are null; statuses
// are written sparsely (an object keyed by cell index); roles, units,
// hierarchies (child), notes and the table's extension are kept, and
// multilingual labels and caveats go under extension.baserate so that
// Read gives back the same tables.
func Write(w io.Writer, tables ...*baserate.Table) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	if len(tables) == 1 {
		if err := writeDataset(bw, tables[0], false); err != nil {
			return err
		}
	} else {
		bw.WriteString(`{"version":"2.0","class":"collection","link":{"item":[`)
		for i, t := range tables {
			if i > 0 {
				bw.WriteByte(',')
			}
			if err := writeDataset(bw, t, true); err != nil {
				return err
			}
		}
		bw.WriteString("]}}")
	}
	bw.WriteByte('\n')
	return bw.Flush()
}

type jsCategory struct {
	Index []string                  `json:"index"`
	Label map[string]string         `json:"label,omitempty"`
	Child map[string][]string       `json:"child,omitempty"`
	Unit  map[string]*baserate.Unit `json:"unit,omitempty"`
}

type jsDimension struct {
	Label    string     `json:"label,omitempty"`
	Category jsCategory `json:"category"`
}

func writeDataset(bw *bufio.Writer, t *baserate.Table, item bool) error {
	if err := t.Validate(); err != nil {
		return baserate.E("jsonstat.Write", baserate.KindInvalid, err)
	}
	head := map[string]any{"version": "2.0", "class": "dataset"}
	if t.Label != "" {
		head["label"] = t.Label
	}
	if t.Source != "" {
		head["source"] = t.Source
	}
	if t.Updated != "" {
		head["updated"] = t.Updated
	}
	ids := make([]string, len(t.Dims))
	sizes := make([]int, len(t.Dims))
	roles := map[string][]string{}
	dims := map[string]jsDimension{}
	ours := &ourExtension{Labels: t.Labels, Caveats: t.Caveats, Dims: map[string]*ourDimension{}, ID: t.ID}
	for i, d := range t.Dims {
		ids[i], sizes[i] = d.ID, d.Size()
		if d.Role != baserate.RoleNone {
			roles[string(d.Role)] = append(roles[string(d.Role)], d.ID)
		}
		jd := jsDimension{Label: d.Label, Category: jsCategory{Index: d.IDs()}}
		od := &ourDimension{Labels: d.Labels, Elimination: d.Elimination}
		for _, c := range d.Categories {
			if c.Label != "" {
				if jd.Category.Label == nil {
					jd.Category.Label = map[string]string{}
				}
				jd.Category.Label[c.ID] = c.Label
			}
			if c.Parent != "" {
				if jd.Category.Child == nil {
					jd.Category.Child = map[string][]string{}
				}
				jd.Category.Child[c.Parent] = append(jd.Category.Child[c.Parent], c.ID)
			}
			if c.Unit != nil {
				if jd.Category.Unit == nil {
					jd.Category.Unit = map[string]*baserate.Unit{}
				}
				jd.Category.Unit[c.ID] = c.Unit
			}
			if len(c.Labels) > 0 {
				if od.CategoryLabels == nil {
					od.CategoryLabels = map[string]map[string]string{}
				}
				od.CategoryLabels[c.ID] = c.Labels
			}
		}
		if len(od.Labels) > 0 || len(od.CategoryLabels) > 0 || od.Elimination != "" {
			ours.Dims[d.ID] = od
		}
		dims[d.ID] = jd
	}
	head["id"] = ids
	head["size"] = sizes
	if len(roles) > 0 {
		head["role"] = roles
	}
	head["dimension"] = dims
	if len(t.Notes) > 0 {
		head["note"] = t.Notes
	}
	ext := map[string]any{}
	for k, v := range t.Extension {
		ext[k] = v
	}
	ext["baserate"] = ours
	head["extension"] = ext
	b, err := json.Marshal(head)
	if err != nil {
		return baserate.E("jsonstat.Write", baserate.KindInternal, err)
	}
	// Splice value and status in without building them as Go values.
	bw.Write(b[:len(b)-1])
	bw.WriteString(`,"value":[`)
	var num []byte
	for i, v := range t.Values {
		if i > 0 {
			bw.WriteByte(',')
		}
		if math.IsNaN(v) || math.IsInf(v, 0) {
			bw.WriteString("null")
			continue
		}
		if math.Abs(v) < 1e21 {
			num = strconv.AppendFloat(num[:0], v, 'f', -1, 64)
		} else {
			num = strconv.AppendFloat(num[:0], v, 'g', -1, 64)
		}
		bw.Write(num)
	}
	bw.WriteByte(']')
	if t.Status != nil {
		bw.WriteString(`,"status":{`)
		first := true
		for i, s := range t.Status {
			if s == baserate.StatusNone {
				continue
			}
			if !first {
				bw.WriteByte(',')
			}
			first = false
			q, _ := json.Marshal(string(s))
			fmt.Fprintf(bw, `"%d":%s`, i, q)
		}
		bw.WriteByte('}')
	}
	bw.WriteByte('}')
	return nil
}
