package main

import (
	"context"
	"fmt"
	"io"
	"math"
	"os"
	"slices"
	"strings"

	"github.com/baserate/baserate"
	"github.com/baserate/baserate/cube"
	"github.com/baserate/baserate/format"
	brcsv "github.com/baserate/baserate/format/csv"
)

// tableSpec says how standardize finds groups, strata and measures in its
// input.
type tableSpec struct {
	group    string
	strata   []string
	measures []string // count, pop and, if given, the standard
	measure  string   // --measure: the measure dimension of a cube
	sel      string   // --select DIM=CAT,...
	dataset  string   // --dataset ID
}

// readStandardizeInput reads the input of standardize. A tidy CSV (or
// standard input) is read strictly with format/csv, whose errors name the
// line; any other format the registry knows is read as a cube and sliced to
// group × strata × measure. It returns the table and the id of its measure
// dimension.
func readStandardizeInput(ctx context.Context, e *env, path string, spec tableSpec) (*baserate.Table, string, error) {
	dims := append([]string{spec.group}, spec.strata...)
	csvSpec := brcsv.Spec{Dims: dims, Measures: spec.measures, NonNegative: true}
	if path == "-" {
		tb, err := brcsv.Read(ctx, e.stdin, "stdin", csvSpec)
		return tb, brcsv.MeasureDim, err
	}
	f, err := format.Detect(path)
	if err != nil {
		return nil, "", err
	}
	if f == format.CSV {
		if spec.measure != "" || spec.sel != "" || spec.dataset != "" {
			return nil, "", usagef("--measure, --select and --dataset are for tables in other formats; %s is a tidy CSV", path)
		}
		r, err := os.Open(path)
		if err != nil {
			return nil, "", err
		}
		defer r.Close()
		var in io.Reader = r
		tb, err := brcsv.Read(ctx, in, path, csvSpec)
		return tb, brcsv.MeasureDim, err
	}
	tables, _, err := format.Open(ctx, path)
	if err != nil {
		return nil, "", err
	}
	t, err := pickDataset(path, tables, spec.dataset)
	if err != nil {
		return nil, "", err
	}
	return sliceForStandardize(path, t, spec)
}

func pickDataset(path string, tables []*baserate.Table, id string) (*baserate.Table, error) {
	if id == "" {
		if len(tables) == 1 {
			return tables[0], nil
		}
		ids := make([]string, len(tables))
		for i, t := range tables {
			ids[i] = t.ID
		}
		return nil, usagef("%s holds %d datasets (%s); choose one with --dataset", path, len(tables), strings.Join(ids, ", "))
	}
	for _, t := range tables {
		if t.ID == id {
			return t, nil
		}
	}
	return nil, baserate.E("standardize", baserate.KindNotFound, fmt.Sprintf("%s has no dataset %q", path, id))
}

// sliceForStandardize fixes the --select dimensions and the single-category
// ones, finds the measure dimension, and refuses anything left over.
func sliceForStandardize(path string, t *baserate.Table, spec tableSpec) (*baserate.Table, string, error) {
	fix := map[string]string{}
	if spec.sel != "" {
		for _, kv := range strings.Split(spec.sel, ",") {
			k, v, ok := strings.Cut(strings.TrimSpace(kv), "=")
			if !ok || k == "" || v == "" {
				return nil, "", usagef("--select wants DIM=CAT, not %q", kv)
			}
			d, _ := t.Dim(k)
			if d == nil {
				return nil, "", fmt.Errorf("%s: --select: table %s has no dimension %q (it has %s)", path, t.ID, k, dimIDs(t))
			}
			if d.Index(v) < 0 {
				return nil, "", fmt.Errorf("%s: --select: dimension %q has no category %q", path, k, v)
			}
			fix[k] = v
		}
	}
	measure := spec.measure
	if measure == "" {
		for _, d := range t.Dims {
			if d.Index(spec.measures[0]) >= 0 && d.Index(spec.measures[1]) >= 0 {
				measure = d.ID
				break
			}
		}
		if measure == "" {
			return nil, "", fmt.Errorf("%s: no dimension of table %s has both categories %q and %q; name the measure dimension with --measure (dimensions: %s)",
				path, t.ID, spec.measures[0], spec.measures[1], dimIDs(t))
		}
	}
	used := append([]string{spec.group, measure}, spec.strata...)
	for _, id := range used {
		if d, _ := t.Dim(id); d == nil {
			return nil, "", fmt.Errorf("%s: table %s has no dimension %q (it has %s)", path, t.ID, id, dimIDs(t))
		}
		if _, ok := fix[id]; ok {
			return nil, "", usagef("--select fixes %q, which is also used as group, stratum or measure", id)
		}
	}
	for _, d := range t.Dims {
		if slices.Contains(used, d.ID) {
			continue
		}
		if _, ok := fix[d.ID]; ok {
			continue
		}
		if d.Size() != 1 {
			return nil, "", fmt.Errorf("%s: dimension %q has %d categories; list it in --strata or fix one with --select %s=%s",
				path, d.ID, d.Size(), d.ID, d.Categories[0].ID)
		}
		fix[d.ID] = d.Categories[0].ID
	}
	out := t
	if len(fix) > 0 {
		var err error
		if out, err = cube.Fix(t, fix); err != nil {
			return nil, "", err
		}
	}
	md, mk := out.Dim(measure)
	for _, m := range spec.measures {
		if md.Index(m) < 0 {
			return nil, "", fmt.Errorf("%s: measure dimension %q has no category %q (it has %s)", path, measure, m, strings.Join(md.IDs(), ", "))
		}
	}
	// Counts and populations must not be negative, as in the CSV path.
	pos := make([]int, len(out.Dims))
	for off, v := range out.Values {
		if v < 0 && !math.IsNaN(v) {
			out.Coords(off, pos)
			if c := md.Categories[pos[mk]].ID; slices.Contains(spec.measures, c) {
				return nil, "", fmt.Errorf("%s: %s is negative (%g) in cell %s", path, c, v, cellName(out, pos))
			}
		}
	}
	return out, measure, nil
}

func dimIDs(t *baserate.Table) string {
	ids := make([]string, len(t.Dims))
	for i, d := range t.Dims {
		ids[i] = d.ID
	}
	return strings.Join(ids, ", ")
}

func cellName(t *baserate.Table, pos []int) string {
	parts := make([]string, len(t.Dims))
	for i, d := range t.Dims {
		parts[i] = d.ID + "=" + d.Categories[pos[i]].ID
	}
	return strings.Join(parts, " ")
}
