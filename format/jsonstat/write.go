package jsonstat

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"

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
	// Updated is the table's update stamp as published, when "updated"
	// holds it rewritten as ISO 8601 or leaves it out (see isoUpdated).
	Updated string `json:"updated,omitempty"`
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
	if o.Updated != "" {
		t.Updated = o.Updated
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
// Read gives back the same tables. "updated" is ISO 8601, as JSON-stat
// asks: a stamp in another form is rewritten or left out, and kept as
// published under extension.baserate.
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
	ours := &ourExtension{Labels: t.Labels, Caveats: t.Caveats, Dims: map[string]*ourDimension{}, ID: t.ID}
	if t.Label != "" {
		head["label"] = t.Label
	}
	if t.Source != "" {
		head["source"] = t.Source
	}
	if t.Updated != "" {
		iso, ok := isoUpdated(t.Updated)
		if ok {
			head["updated"] = iso
		}
		if iso != t.Updated {
			ours.Updated = t.Updated
		}
	}
	ids := make([]string, len(t.Dims))
	sizes := make([]int, len(t.Dims))
	roles := map[string][]string{}
	dims := map[string]jsDimension{}
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

// isoDate is the ISO 8601 subset that JSON-stat 2.0 asks "updated" to be
// in (the ECMAScript date time string format that Date.parse reads): a
// date, optionally with a time and a zone.
var isoDate = regexp.MustCompile(`^\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?)?)?$`)

// pxStamp is PX's LAST-UPDATED, "CCYYMMDD hh:mm" (seconds optional).
var pxStamp = regexp.MustCompile(`^(\d{4})(\d{2})(\d{2})(?: (\d{2}):(\d{2})(?::(\d{2}))?)?$`)

// isoUpdated returns s as JSON-stat's "updated" wants it: as it is when
// it is ISO 8601 already, rewritten when it is a PX stamp ("20040212
// 16:28" is "2004-02-12T16:28:00"), a zone without its colon ("+0100")
// or a date and time with a space for the T, and false when it is neither (free text such as "Stand:
// 01.02.2024"), which "updated" cannot hold.
func isoUpdated(s string) (string, bool) {
	if isoDate.MatchString(s) {
		return s, true
	}
	// Eurostat's "2025-03-20T23:00:00+0100": the zone without its colon.
	if n := len(s); n > 5 && (s[n-5] == '+' || s[n-5] == '-') && isoDate.MatchString(s[:n-2]+":"+s[n-2:]) {
		return s[:n-2] + ":" + s[n-2:], true
	}
	if d, tm, ok := strings.Cut(s, " "); ok && isoDate.MatchString(d+"T"+tm) && len(d) == 10 {
		return d + "T" + tm, true
	}
	m := pxStamp.FindStringSubmatch(s)
	if m == nil {
		return "", false
	}
	iso := m[1] + "-" + m[2] + "-" + m[3]
	if m[4] != "" {
		sec := m[6]
		if sec == "" {
			sec = "00"
		}
		iso += "T" + m[4] + ":" + m[5] + ":" + sec
	}
	if _, err := time.Parse("2006-01-02T15:04:05"[:len(iso)], iso); err != nil {
		return "", false
	}
	return iso, true
}
