package bundle

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"sync"

	"github.com/baserate/baserate"
	"github.com/baserate/baserate/media/index"
)

// FileMediaIndex is the media engine's aggregate file, written by
// `go run ./bench/media/corpus` (see docs/media.md).
const FileMediaIndex = "data/media/media_index.csv"

// MediaRow is one row of the media aggregates: a corpus of crime texts
// ("ffm-polizei", "dice-it", ...) and a period (a year, "all" for the whole
// corpus, "unknown" for texts without a usable date), as coded
// automatically by the media engine.
type MediaRow struct {
	Corpus string
	Lang   string // ISO 639-1
	Home   string // the nationals' code: DE, AT, IT, SE, US
	Period string
	// Family is "all" for a row over all crime texts (every row of
	// MediaIndex), or an offence family of the codebook ("violent",
	// "property", ...) for a row of MediaFamilyIndex, which counts only
	// the crime texts coded with that family; there Texts = CrimeItems.
	Family string
	// Texts, crime texts, crime texts naming a suspect's origin, and those
	// naming a foreign origin (not Home).
	Texts, CrimeItems, OriginItems, ForeignItems int
	// OriginShare is OriginItems/CrimeItems, ForeignShare
	// ForeignItems/OriginItems, each with its 95% bootstrap interval
	// (texts resampled). NaN when the denominator is zero.
	OriginShare, OriginShareLo, OriginShareHi    float64
	ForeignShare, ForeignShareLo, ForeignShareHi float64
}

// mediaColumns are the header of FileMediaIndex, in order; a last column
// "family" may follow ("all", or an offence family).
var mediaColumns = []string{"corpus", "lang", "home", "period", "texts", "crime_items", "origin_items", "foreign_items",
	"origin_share", "origin_share_lo", "origin_share_hi", "foreign_share", "foreign_share_lo", "foreign_share_hi"}

var mediaOnce = sync.OnceValues(func() ([]MediaRow, error) {
	b, err := data.ReadFile(FileMediaIndex)
	if err != nil {
		return nil, baserate.E("bundle.MediaIndex", baserate.KindNotFound, err)
	}
	return parseMediaIndex(b, FileMediaIndex)
})

// mediaSplit holds the rows over all crime texts and the family rows.
var mediaSplit = sync.OnceValues(func() ([2][]MediaRow, error) {
	rows, err := mediaOnce()
	if err != nil {
		return [2][]MediaRow{}, err
	}
	var out [2][]MediaRow
	for _, r := range rows {
		if r.Family == "all" {
			out[0] = append(out[0], r)
		} else {
			out[1] = append(out[1], r)
		}
	}
	return out, nil
})

func parseMediaIndex(b []byte, name string) ([]MediaRow, error) {
	const op = "bundle.MediaIndex"
	r := csv.NewReader(bytes.NewReader(b))
	header, err := r.Read()
	if err != nil {
		return nil, baserate.E(op, baserate.KindInvalid, baserate.Invalid(name, 1, "header: %v", err))
	}
	withFamily := slices.Equal(header, append(slices.Clone(mediaColumns), "family"))
	if !withFamily && !slices.Equal(header, mediaColumns) {
		return nil, baserate.E(op, baserate.KindInvalid, baserate.Invalid(name, 1, "header %v, want %v (and optionally family)", header, mediaColumns))
	}
	r.FieldsPerRecord = len(header)
	var out []MediaRow
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			line, _ := r.FieldPos(0)
			return nil, baserate.E(op, baserate.KindInvalid, baserate.Invalid(name, line, "%v", err))
		}
		line, _ := r.FieldPos(0)
		row := MediaRow{Corpus: rec[0], Lang: rec[1], Home: rec[2], Period: rec[3], Family: "all"}
		if withFamily {
			switch f := rec[len(mediaColumns)]; {
			case f == "all" || f == "":
			case slices.Contains(baserate.OffenceFamilies, f):
				row.Family = f
			default:
				return nil, baserate.E(op, baserate.KindInvalid, baserate.Invalid(name, line, "family: want all or an offence family, got %q", f))
			}
		}
		for i, p := range []*int{&row.Texts, &row.CrimeItems, &row.OriginItems, &row.ForeignItems} {
			n, err := strconv.Atoi(rec[4+i])
			if err != nil || n < 0 {
				return nil, baserate.E(op, baserate.KindInvalid, baserate.Invalid(name, line, "%s: want a count, got %q", mediaColumns[4+i], rec[4+i]))
			}
			*p = n
		}
		for i, p := range []*float64{&row.OriginShare, &row.OriginShareLo, &row.OriginShareHi, &row.ForeignShare, &row.ForeignShareLo, &row.ForeignShareHi} {
			*p = math.NaN()
			if rec[8+i] == "" {
				continue
			}
			v, err := strconv.ParseFloat(rec[8+i], 64)
			if err != nil || v < 0 || v > 1 {
				return nil, baserate.E(op, baserate.KindInvalid, baserate.Invalid(name, line, "%s: want a share in [0, 1], got %q", mediaColumns[8+i], rec[8+i]))
			}
			*p = v
		}
		out = append(out, row)
	}
	return out, nil
}

// MediaIndex returns the bundled media aggregates over all crime texts, in
// file order (by corpus; "all" first, then the periods). Do not modify the
// rows.
func MediaIndex() ([]MediaRow, error) {
	s, err := mediaSplit()
	return s[0], err
}

// MediaFamilyIndex returns the bundled aggregates by offence family: per
// corpus and family, the crime texts coded with the family over all years
// (period "all") and per year, with the share naming a suspect's origin
// and the foreign share among those. Empty when the bundled file has no
// family rows. Do not modify the rows.
func MediaFamilyIndex() ([]MediaRow, error) {
	s, err := mediaSplit()
	return s[1], err
}

// MediaMeasures are the measure ids of MediaIndexTable.
var MediaMeasures = mediaColumns[4:]

// MediaCaveats travel with the media aggregates, after the coder's
// accuracy on blind sets (index.CodingCaveats), which MediaIndexTable
// puts first.
var MediaCaveats = []baserate.Caveat{
	{Code: "media-not-police-share", Message: "The foreign share is among texts that name an origin, not among suspects: it compares with the police share of non-national suspects only as the Hestermann share and odds ratios do, by offence and year.", Source: "docs/media.md"},
	{Code: "media-undated", Message: "Some corpora carry no usable date (dice-it, us-prosecutors, most of se-polisen): their texts are in the period \"unknown\".", Source: "../shared/data/news/*/PROVENANCE.md"},
}

var mediaTableOnce = sync.OnceValues(func() (*baserate.Table, error) {
	rows, err := MediaIndex()
	if err != nil {
		return nil, err
	}
	var corpora, periods []string
	for _, r := range rows {
		if !slices.Contains(corpora, r.Corpus) {
			corpora = append(corpora, r.Corpus)
		}
		if !slices.Contains(periods, r.Period) {
			periods = append(periods, r.Period)
		}
	}
	// "all" first, then the years in order, then "unknown".
	slices.SortFunc(periods, func(a, b string) int { return periodRank(a) - periodRank(b) })
	cd := baserate.NewDimension("corpus", corpora...)
	cd.Label = "corpus"
	pd := baserate.NewDimension("period", periods...)
	pd.Label = "year of publication"
	md := baserate.NewDimension("measure", MediaMeasures...)
	md.Role = baserate.RoleMetric
	t := baserate.New("media_index", cd, pd, md)
	t.Label = "Crime texts naming a suspect's origin, and the foreign share among them, by corpus and year (automatic coding)"
	t.Source = "baserate media engine over ../shared/data/news; " + FileMediaIndex
	t.Labels = map[string]string{}
	for _, r := range rows {
		t.Labels[r.Corpus] = fmt.Sprintf("%s (%s, home %s)", r.Corpus, r.Lang, r.Home)
		vals := []float64{float64(r.Texts), float64(r.CrimeItems), float64(r.OriginItems), float64(r.ForeignItems),
			r.OriginShare, r.OriginShareLo, r.OriginShareHi, r.ForeignShare, r.ForeignShareLo, r.ForeignShareHi}
		for i, v := range vals {
			off, err := t.Lookup(r.Corpus, r.Period, MediaMeasures[i])
			if err != nil {
				return nil, baserate.E("bundle.MediaIndexTable", baserate.KindInternal, err)
			}
			t.Values[off] = v
		}
	}
	// Cells without a row (a corpus without that year) and shares without
	// a denominator stay missing.
	for off, v := range t.Values {
		if math.IsNaN(v) {
			t.SetStatus(off, baserate.StatusMissing)
		}
	}
	coding, err := index.CodingCaveats()
	if err != nil {
		return nil, err
	}
	t.Caveats = append(coding, MediaCaveats...)
	return t, t.Validate()
})

// periodRank orders periods: "all", the years, "unknown".
func periodRank(p string) int {
	switch p {
	case "all":
		return -1
	case "unknown":
		return 1 << 30
	}
	if y, err := strconv.Atoi(p); err == nil {
		return y
	}
	return 1<<30 - 1
}

// MediaIndexTable returns the media aggregates as a table with dimensions
// corpus, period ("all", the years, "unknown") and measure (MediaMeasures:
// counts, shares and their 95% bootstrap bounds), carrying MediaCaveats.
// Do not modify the table; Clone it first.
func MediaIndexTable() (*baserate.Table, error) { return mediaTableOnce() }
