package pks

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/baserate/baserate"
	"github.com/baserate/baserate/internal/csvrec"
)

// KreiseMeasures are the ids of the numeric columns 6 to 18 of
// KR-F-01-T01, in order.
var KreiseMeasures = []string{"cases", "cases_per_100k", "attempts", "attempts_pct", "firearm_threatened", "firearm_fired",
	"cleared", "clearance_rate_pct", "suspects", "suspects_male", "suspects_female", "suspects_nongerman", "suspects_nongerman_pct"}

// KreisartKey is the key of [baserate.Table.Extension] under which
// [ReadKreise] keeps the BKA's type of each district (map from AGS to
// "KfS" kreisfreie Stadt, "SK" Stadtkreis, "LK" Landkreis, "K" Kreis, "RV"
// Regionalverband).
const KreisartKey = "kreisart"

// ReadKreise reads the PKS basic table by district, KR-F-01-T01, as the
// BKA publishes it in CSV: Latin-1 (UTF-8 is accepted too), ';'-separated,
// a line of column numbers, a header line, numbers with ',' as thousands
// separator. The table has dimensions offence (key, labelled), kreis (the
// five-digit AGS, labelled with the district's name) and measure
// ([KreiseMeasures]); the district types are in Extension[KreisartKey].
// Columns after the 18th (which some copies append) are ignored. A suspect
// is counted once per district, so sums over districts exceed the Land
// and federal counts; the table notes say so.
func ReadKreise(ctx context.Context, r io.Reader, name string) (*baserate.Table, error) {
	b, err := io.ReadAll(io.LimitReader(r, MaxKreiseCSV+1))
	if err != nil {
		return nil, baserate.E("pks", baserate.KindInvalid, fmt.Errorf("%s: %w", name, err))
	}
	if len(b) > MaxKreiseCSV {
		return nil, baserate.E("pks", baserate.KindTooLarge, fmt.Sprintf("%s: larger than %d bytes", name, MaxKreiseCSV))
	}
	cr := csv.NewReader(bytes.NewReader(utf8Text(b)))
	cr.Comma = ';'
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = true
	bad := func(line int, format string, args ...any) error {
		return baserate.Invalid(name, line, format, args...)
	}
	od := &baserate.Dimension{ID: "offence", Label: "Straftatenschlüssel"}
	kd := &baserate.Dimension{ID: "kreis", Label: "Stadt-/Landkreis", Role: baserate.RoleGeo}
	arts := map[string]string{}
	type rec struct {
		o, k int
		vals []float64
	}
	var recs []rec
	seen := map[[2]int]int{}
	n := 0
	for rr, err := range csvrec.Rows(ctx, cr, name) {
		if err != nil {
			return nil, err
		}
		row, line := rr.Fields, rr.Line
		n++
		switch n {
		case 1:
			if len(row) < 18 || strings.TrimSpace(row[0]) != "1" {
				return nil, bad(line, "not table KR-F-01-T01: the first line should number the 18 columns")
			}
			continue
		case 2:
			if len(row) < 18 || !strings.HasPrefix(strings.TrimSpace(row[0]), "Schl") || !strings.Contains(row[2], "Gemeindeschl") {
				return nil, bad(line, "not table KR-F-01-T01: no header with Schluessel and Gemeindeschluessel")
			}
			continue
		}
		if len(row) < 18 {
			return nil, bad(line, "%d fields, want 18", len(row))
		}
		key := strings.TrimSpace(row[0])
		if !isKey(key) {
			return nil, bad(line, "field %q: %q is not an offence key", "Schluessel", key)
		}
		ags := strings.TrimSpace(row[2])
		if n, err := strconv.Atoi(ags); err != nil || n <= 0 || n > 99999 {
			return nil, bad(line, "field %q: %q is not a district key (AGS)", "Gemeindeschluessel", ags)
		}
		ags = fmt.Sprintf("%05s", ags)
		o := od.Index(key)
		if o < 0 {
			od.Categories = append(od.Categories, baserate.Category{ID: key, Label: cleanLabel(row[1])})
			o = len(od.Categories) - 1
		}
		k := kd.Index(ags)
		if k < 0 {
			kd.Categories = append(kd.Categories, baserate.Category{ID: ags, Label: cleanLabel(row[3])})
			k = len(kd.Categories) - 1
			arts[ags] = strings.TrimSpace(row[4])
		}
		if first, dup := seen[[2]int{o, k}]; dup {
			return nil, bad(line, "offence %s in district %s appears twice (first at line %d)", key, ags, first)
		}
		seen[[2]int{o, k}] = line
		rc := rec{o: o, k: k, vals: make([]float64, len(KreiseMeasures))}
		for j := range KreiseMeasures {
			s := strings.ReplaceAll(strings.TrimSpace(row[5+j]), ",", "")
			v, _, err := number(s)
			if err != nil {
				return nil, bad(line, "field %d (%s): %v", 6+j, KreiseMeasures[j], err)
			}
			if v < 0 {
				return nil, bad(line, "field %d (%s): negative value %v", 6+j, KreiseMeasures[j], v)
			}
			rc.vals[j] = v
		}
		recs = append(recs, rc)
	}
	if len(recs) == 0 {
		return nil, bad(0, "no data rows")
	}
	md := baserate.NewDimension("measure", KreiseMeasures...)
	md.Role = baserate.RoleMetric
	t := baserate.New("pks-KR-F-01-T01", od, kd, md)
	t.Label = "PKS Grundtabelle, Kreise"
	t.Source = "Bundeskriminalamt, Polizeiliche Kriminalstatistik, " + name
	t.Notes = []string{"A suspect is counted once per district: the sum over districts exceeds the Land and federal numbers of suspects."}
	t.Extension = map[string]any{KreisartKey: arts}
	pos := make([]int, 3)
	for _, rc := range recs {
		pos[0], pos[1] = rc.o, rc.k
		for j, v := range rc.vals {
			pos[2] = j
			t.Values[t.Offset(pos)] = v
		}
	}
	for off, v := range t.Values {
		if v != v {
			t.SetStatus(off, baserate.StatusMissing)
		}
	}
	return t, nil
}

// MaxKreiseCSV bounds the size of a KR-F-01-T01 file ReadKreise accepts.
const MaxKreiseCSV = 256 << 20

// utf8Text returns b as UTF-8: as it is when valid, else read as Latin-1.
func utf8Text(b []byte) []byte {
	if utf8.Valid(b) {
		return b
	}
	out := make([]byte, 0, len(b)+len(b)/16)
	for _, c := range b {
		out = utf8.AppendRune(out, rune(c))
	}
	return out
}
