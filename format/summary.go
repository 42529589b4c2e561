package format

import (
	"context"
	"encoding/json"
	"os"
	"sort"
	"strings"

	"github.com/baserate/baserate"
	"github.com/baserate/baserate/format/jsonstat"
	"github.com/baserate/baserate/format/warc"
)

// Summary describes a file as "baserate inspect --format json" prints
// it: its format and, for table formats, each dataset's dimensions, cell
// count and missing count; for WARC, the records by type.
type Summary struct {
	Format   Format           `json:"format"`
	Datasets []DatasetSummary `json:"datasets,omitempty"`
	// Records and Types are set for WARC files only.
	Records *int           `json:"records,omitempty"`
	Types   map[string]int `json:"types,omitempty"`
}

// MarshalJSON writes {"format":...,"datasets":[...]} for tables (the
// datasets key even when empty) and {"format":"warc","records":N,
// "types":{...}} for WARC.
func (s *Summary) MarshalJSON() ([]byte, error) {
	if s.Records != nil {
		return json.Marshal(struct {
			Format  Format         `json:"format"`
			Records int            `json:"records"`
			Types   map[string]int `json:"types"`
		}{s.Format, *s.Records, s.Types})
	}
	ds := s.Datasets
	if ds == nil {
		ds = []DatasetSummary{}
	}
	return json.Marshal(struct {
		Format   Format           `json:"format"`
		Datasets []DatasetSummary `json:"datasets"`
	}{s.Format, ds})
}

// DatasetSummary describes one table.
type DatasetSummary struct {
	ID         string             `json:"id"`
	Label      string             `json:"label"`
	Dimensions []DimensionSummary `json:"dimensions"`
	// Cells is the product of the dimension sizes.
	Cells int `json:"cells"`
	// Missing counts the cells without a value, whatever the reason.
	Missing int `json:"missing"`
	// Status counts the cells by status flag, when any has one.
	Status  map[string]int    `json:"status,omitempty"`
	Source  string            `json:"source,omitempty"`
	Updated string            `json:"updated,omitempty"`
	Href    string            `json:"href,omitempty"`
	Caveats []baserate.Caveat `json:"caveats,omitempty"`
}

// DimensionSummary describes one dimension.
type DimensionSummary struct {
	ID         string   `json:"id"`
	Label      string   `json:"label"`
	Size       int      `json:"size"`
	Categories []string `json:"categories"`
	Role       string   `json:"role,omitempty"`
}

// Summarize describes the table t.
func Summarize(t *baserate.Table) DatasetSummary {
	s := DatasetSummary{ID: t.ID, Label: t.Label, Cells: 1, Missing: t.Missing(), Source: t.Source, Updated: t.Updated, Caveats: t.Caveats}
	for _, d := range t.Dims {
		s.Dimensions = append(s.Dimensions, DimensionSummary{ID: d.ID, Label: d.Label, Size: d.Size(), Categories: d.IDs(), Role: string(d.Role)})
		s.Cells *= d.Size()
	}
	if s.Dimensions == nil {
		s.Dimensions = []DimensionSummary{}
	}
	for _, st := range t.Status {
		if st != "" {
			if s.Status == nil {
				s.Status = map[string]int{}
			}
			s.Status[string(st)]++
		}
	}
	return s
}

// Inspect reads the file at path and summarises it. A JSON-stat
// collection's items that are only links are listed as datasets with no
// dimensions and no cells.
func Inspect(ctx context.Context, path string, o Options) (*Summary, error) {
	fm := o.Format
	if fm == "" {
		var err error
		if fm, err = Detect(path); err != nil {
			return nil, err
		}
	}
	switch fm {
	case WARC:
		f, err := os.Open(path)
		if err != nil {
			return nil, baserate.E("inspect", baserate.KindNotFound, err)
		}
		defer f.Close()
		ws, err := warc.Summarize(ctx, f, path)
		if err != nil {
			return nil, err
		}
		return &Summary{Format: WARC, Records: &ws.Records, Types: ws.Types}, nil
	case JSONStat:
		f, err := os.Open(path)
		if err != nil {
			return nil, baserate.E("inspect", baserate.KindNotFound, err)
		}
		defer f.Close()
		r, _, err := decompress(f, path)
		if err != nil {
			return nil, err
		}
		doc, err := jsonstat.Read(ctx, r, path)
		if err != nil {
			return nil, err
		}
		s := &Summary{Format: JSONStat}
		base := strings.TrimSuffix(strings.TrimSuffix(baseName(path), ".gz"), ".json")
		for i, t := range doc.Datasets {
			if t.ID == "" {
				t.ID = base
				if len(doc.Datasets) > 1 {
					t.ID = base + "-" + itoa(i+1)
				}
			}
			s.Datasets = append(s.Datasets, Summarize(t))
		}
		for _, l := range doc.Links {
			id := strings.TrimSuffix(baseName(l.Href), ".json")
			s.Datasets = append(s.Datasets, DatasetSummary{ID: id, Label: l.Label, Href: l.Href, Dimensions: []DimensionSummary{}})
		}
		for _, is := range doc.Issues {
			if len(s.Datasets) > 0 {
				s.Datasets[0].Caveats = append(s.Datasets[0].Caveats, baserate.Caveat{Code: "jsonstat-" + strings.ToLower(is.Code), Message: is.Path + ": " + is.Message})
			}
		}
		if s.Datasets == nil {
			s.Datasets = []DatasetSummary{}
		}
		return s, nil
	}
	o.Format = fm
	tables, fm, err := Open(ctx, path, o)
	if err != nil {
		return nil, err
	}
	s := &Summary{Format: fm}
	for _, t := range tables {
		s.Datasets = append(s.Datasets, Summarize(t))
	}
	return s, nil
}

// StatusCounts lists a summary's status flags in a stable order.
func (d DatasetSummary) StatusCounts() []string {
	var out []string
	for k := range d.Status {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
