package parquet

import (
	"io"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"

	pq "github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/compress/snappy"

	"github.com/baserate/baserate"
	"github.com/baserate/baserate/format"
)

// Options changes how WriteOptions lays out the file.
type Options struct {
	// Status writes the "status" column even when no value has a status,
	// for a CSV that always has one (the server's downloads).
	Status bool
}

// Write writes tables to w as one Parquet file with the columns of
// csvout.Write, in its order.
func Write(w io.Writer, tables ...*baserate.Table) error {
	return WriteOptions(w, Options{}, tables...)
}

// WriteOptions is Write with options.
func WriteOptions(w io.Writer, o Options, tables ...*baserate.Table) error {
	const op = "parquet.Write"
	multi := len(tables) > 1
	var cols []string
	integer := map[string]bool{} // whether a column holds integers
	hasStatus := o.Status
	for _, t := range tables {
		if err := t.Validate(); err != nil {
			return baserate.E(op, baserate.KindInvalid, err)
		}
		for _, d := range t.Dims {
			isInt, seen := integer[d.ID]
			if !seen {
				cols = append(cols, d.ID)
				isInt = true
			}
			integer[d.ID] = isInt && integerTime(d)
		}
		hasStatus = hasStatus || t.Status != nil
	}
	group := pq.Group{}
	var order []string
	if multi {
		group["dataset"] = pq.String()
		order = append(order, "dataset")
	}
	for _, c := range cols {
		if c == "value" || c == "status" || multi && c == "dataset" {
			return baserate.E(op, baserate.KindInvalid, "a dimension is named "+c+", which the long table uses for its own column")
		}
		n := pq.String()
		if integer[c] {
			n = pq.Int(64)
		}
		// Optional: a dimension one table of several lacks is null there.
		if multi {
			n = pq.Optional(n)
		}
		group[c] = n
		order = append(order, c)
	}
	group["value"] = pq.Optional(pq.Leaf(pq.DoubleType))
	order = append(order, "value")
	if hasStatus {
		group["status"] = pq.Optional(pq.String())
		order = append(order, "status")
	}
	schema := pq.NewSchema("baserate", orderedGroup{group, order})
	index := func(name string) int {
		leaf, ok := schema.Lookup(name)
		if !ok {
			return -1
		}
		return leaf.ColumnIndex
	}
	valueCol, statusCol, datasetCol := index("value"), index("status"), index("dataset")
	pw := pq.NewWriter(w, schema, pq.Compression(&snappy.Codec{}))
	b := pq.NewRowBuilder(schema)
	rows := make([]pq.Row, 0, 1024)
	flush := func() error {
		if len(rows) == 0 {
			return nil
		}
		_, err := pw.WriteRows(rows)
		rows = rows[:0]
		return err
	}
	for _, t := range tables {
		at := make([]int, len(t.Dims))
		isInt := make([]bool, len(t.Dims))
		for i, d := range t.Dims {
			at[i] = index(d.ID)
			isInt[i] = integer[d.ID]
		}
		for row := range format.Long(t) {
			b.Reset()
			if multi {
				b.Add(datasetCol, pq.ByteArrayValue([]byte(t.ID)))
			}
			for i, id := range row.IDs {
				if isInt[i] {
					n, _ := strconv.ParseInt(id, 10, 64) // checked by integerTime
					b.Add(at[i], pq.Int64Value(n))
				} else {
					b.Add(at[i], pq.ByteArrayValue([]byte(id)))
				}
			}
			if !math.IsNaN(row.Value) {
				b.Add(valueCol, pq.DoubleValue(row.Value))
			}
			if statusCol >= 0 && row.Status != "" {
				b.Add(statusCol, pq.ByteArrayValue([]byte(row.Status)))
			}
			rows = append(rows, b.AppendRow(nil))
			if len(rows) == cap(rows) {
				if err := flush(); err != nil {
					return baserate.E(op, baserate.KindOther, err)
				}
			}
		}
	}
	if err := flush(); err != nil {
		return baserate.E(op, baserate.KindOther, err)
	}
	if err := pw.Close(); err != nil {
		return baserate.E(op, baserate.KindOther, err)
	}
	return nil
}

// integerTime reports whether d is a time dimension (role time, or named
// year, time or Jahr) whose every id is an integer written as strconv
// writes it, so that the id and the number are the same text: "2023"
// but not "2023Q1", "2020/21" or "0001". Other dimensions hold codes
// ("010000", "01001") and stay strings.
func integerTime(d *baserate.Dimension) bool {
	switch strings.ToLower(d.ID) {
	case "year", "time", "jahr":
	default:
		if d.Role != baserate.RoleTime {
			return false
		}
	}
	for _, c := range d.Categories {
		n, err := strconv.ParseInt(c.ID, 10, 64)
		if err != nil || strconv.FormatInt(n, 10) != c.ID {
			return false
		}
	}
	return true
}

// orderedGroup is a group whose fields come in the given order, not in
// name order as pq.Group's do (parquet-go does the same for its variant
// type).
type orderedGroup struct {
	pq.Group
	order []string
}

func (g orderedGroup) Fields() []pq.Field {
	fields := g.Group.Fields()
	slices.SortStableFunc(fields, func(a, b pq.Field) int {
		return slices.Index(g.order, a.Name()) - slices.Index(g.order, b.Name())
	})
	return fields
}

func (g orderedGroup) GoType() reflect.Type {
	var fs []reflect.StructField
	for i, f := range g.Fields() {
		fs = append(fs, reflect.StructField{
			Name: "F" + strconv.Itoa(i),
			Type: f.GoType(),
			Tag:  reflect.StructTag(`parquet:` + strconv.Quote(f.Name())),
		})
	}
	return reflect.StructOf(fs)
}

func (g orderedGroup) String() string {
	var s strings.Builder
	pq.PrintSchema(&s, "", g)
	return s.String()
}
