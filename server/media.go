package server

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/baserate/baserate"
	"github.com/baserate/baserate/bundle"
	"github.com/baserate/baserate/factsheet"
	"github.com/baserate/baserate/media/index"
)

// MediaRow is one row of the media index: one corpus in one period (a
// year, "all", or "unknown" for texts without a date).
type MediaRow struct {
	Corpus string `json:"corpus"`
	Lang   string `json:"lang"`
	Home   string `json:"home"`
	Period string `json:"period"`
	// Family is an offence family of the media codebook when the row
	// counts only the crime items coded with it; empty (or "all") for all
	// crime items.
	Family       string     `json:"family,omitempty"`
	Texts        int        `json:"texts"`
	CrimeItems   int        `json:"crime_items"`
	OriginItems  int        `json:"origin_items"`
	ForeignItems int        `json:"foreign_items"`
	OriginShare  float64    `json:"origin_share"`
	OriginCI     [2]float64 `json:"origin_share_ci"`
	ForeignShare float64    `json:"foreign_share"`
	ForeignCI    [2]float64 `json:"foreign_share_ci"`
}

// MarshalJSON writes undefined shares (no items) as null.
func (m MediaRow) MarshalJSON() ([]byte, error) {
	type plain MediaRow
	nul := func(v float64) *float64 {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return nil
		}
		return &v
	}
	ci := func(c [2]float64) []*float64 { return []*float64{nul(c[0]), nul(c[1])} }
	return json.Marshal(struct {
		plain
		OriginShare  *float64   `json:"origin_share"`
		OriginCI     []*float64 `json:"origin_share_ci"`
		ForeignShare *float64   `json:"foreign_share"`
		ForeignCI    []*float64 `json:"foreign_share_ci"`
	}{plain(m), nul(m.OriginShare), ci(m.OriginCI), nul(m.ForeignShare), ci(m.ForeignCI)})
}

// MediaIndex is the media engine's index: the bundled aggregates of the
// coded corpora, and the index of a coded corpus from the store.
type MediaIndex interface {
	Rows(ctx context.Context) ([]MediaRow, error)
	Index(ctx context.Context, codes []baserate.Coding, opt index.Options) (*index.Result, error)
}

// bundledIndex reads the media engine's aggregates from
// bundle/data/media/media_index.csv (written by bench/media/corpus) and
// computes indexes with package media/index.
type bundledIndex struct {
	once sync.Once
	rows []MediaRow
	err  error
}

func bundledMedia() MediaIndex { return &bundledIndex{} }

const mediaIndexFile = "media/media_index.csv"

func (b *bundledIndex) Rows(ctx context.Context) ([]MediaRow, error) {
	b.once.Do(func() {
		f, err := bundle.FS().Open(mediaIndexFile)
		if err != nil {
			b.err = baserate.E("media index", baserate.KindNotFound, err)
			return
		}
		defer f.Close()
		b.rows, b.err = readMediaRows(f, "bundle/data/"+mediaIndexFile)
	})
	return b.rows, b.err
}

func (b *bundledIndex) Index(ctx context.Context, codes []baserate.Coding, opt index.Options) (*index.Result, error) {
	return index.Compute(ctx, codes, opt)
}

// readMediaRows reads the media index CSV.
func readMediaRows(r io.Reader, name string) ([]MediaRow, error) {
	cr := csv.NewReader(r)
	head, err := cr.Read()
	if err != nil {
		return nil, baserate.Invalid(name, 1, "no header: %v", err)
	}
	col := map[string]int{}
	for i, h := range head {
		col[h] = i
	}
	for _, h := range []string{"corpus", "lang", "home", "period", "texts", "crime_items", "origin_items", "foreign_items",
		"origin_share", "origin_share_lo", "origin_share_hi", "foreign_share", "foreign_share_lo", "foreign_share_hi"} {
		if _, ok := col[h]; !ok {
			return nil, baserate.Invalid(name, 1, "no column %q", h)
		}
	}
	var out []MediaRow
	for line := 2; ; line++ {
		rec, err := cr.Read()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, baserate.Invalid(name, line, "%v", err)
		}
		var perr error
		num := func(h string) float64 {
			s := rec[col[h]]
			if s == "" || s == "NaN" || s == "NA" {
				return math.NaN()
			}
			v, err := strconv.ParseFloat(s, 64)
			if err != nil && perr == nil {
				perr = baserate.Invalid(name, line, "column %s: %q is not a number", h, s)
			}
			return v
		}
		m := MediaRow{
			Corpus: rec[col["corpus"]], Lang: rec[col["lang"]], Home: rec[col["home"]], Period: rec[col["period"]],
			Family: field(rec, col, "family"),
			Texts:  int(num("texts")), CrimeItems: int(num("crime_items")), OriginItems: int(num("origin_items")), ForeignItems: int(num("foreign_items")),
			OriginShare: num("origin_share"), OriginCI: [2]float64{num("origin_share_lo"), num("origin_share_hi")},
			ForeignShare: num("foreign_share"), ForeignCI: [2]float64{num("foreign_share_lo"), num("foreign_share_hi")},
		}
		if perr != nil {
			return nil, perr
		}
		out = append(out, m)
	}
}

// field returns the named optional column of rec, or "".
func field(rec []string, col map[string]int, name string) string {
	if i, ok := col[name]; ok && i < len(rec) {
		return rec[i]
	}
	return ""
}

// allFamilies reports whether a media row counts all crime items, not
// those of one offence family.
func allFamilies(r MediaRow) bool { return r.Family == "" || r.Family == "all" }

// PoliceShare is the police share of non-German suspects in one year,
// from the rates engine (key 890000), for comparison with media shares.
type PoliceShare struct {
	Year  int        `json:"year"`
	Share float64    `json:"share"`
	CI    [2]float64 `json:"ci"`
}

// MediaReport is the answer of /api/v1/media/index.
type MediaReport struct {
	Rows []MediaRow `json:"rows"`
	// Police is the police share of non-German suspects (key 890000) in
	// the years of the German corpora.
	Police []PoliceShare `json:"police"`
	// Stored are the indexes of the coded corpora in the store, with the
	// share ratio and odds ratio against the police share.
	Stored  []*StoredIndex    `json:"stored"`
	Source  string            `json:"source"`
	Caveats []baserate.Caveat `json:"caveats"`
}

// StoredIndex is the media index of one stored corpus.
type StoredIndex struct {
	Corpus string        `json:"corpus"`
	Result *index.Result `json:"index"`
}

// mediaCaveats concern every media figure, after the coder's accuracy on
// blind sets (index.CodingCaveats).
var mediaCaveats = []baserate.Caveat{
	{Code: "media-police-comparison", Message: "The police share compares all suspects of all offences except residence-law offences (key 890000) in Germany; the texts cover a mix of offences and, for a police force, one city or Land.", Source: "BKA PKS; bundle/data/media"},
	{Code: "media-origin-named", Message: "A text names an origin only in some cases; the foreign share is a share of the texts that name one, not of all suspects.", Source: "../shared/data/gold/CODEBOOK.md"},
}

// allMediaCaveats are the coder's accuracy on blind sets
// (index.CodingCaveats), then mediaCaveats.
func allMediaCaveats() ([]baserate.Caveat, error) {
	coding, err := index.CodingCaveats()
	if err != nil {
		return nil, err
	}
	return append(coding, mediaCaveats...), nil
}

// mediaReport builds the report, cached until the store changes.
func (s *Server) mediaReport(ctx context.Context) (*MediaReport, error) {
	if s.cfg.Engines.Media == nil {
		return nil, baserate.E("", baserate.KindNotFound, "this server runs without the media index")
	}
	v, err := s.cache.get("media-report", func() (any, error) {
		rows, err := s.cfg.Engines.Media.Rows(ctx)
		if err != nil {
			return nil, err
		}
		caveats, err := allMediaCaveats()
		if err != nil {
			return nil, err
		}
		rep := &MediaReport{Rows: rows, Police: []PoliceShare{}, Stored: []*StoredIndex{}, Caveats: caveats,
			Source: "Coded with baserate's media engine: " + strings.Join(corporaNames(rows), ", ") + " (bundle/data/media/media_index.csv)"}
		years := map[int]bool{}
		for _, r := range rows {
			if y, err := strconv.Atoi(r.Period); err == nil && r.Home == "DE" && allFamilies(r) {
				years[y] = true
			}
		}
		ys, _ := s.keyYears(ctx, headlineKey)
		for _, y := range ys {
			if !years[y] {
				continue
			}
			sh, err := s.sheet(ctx, factsheet.Query{Year: y, Offence: headlineKey})
			if err != nil {
				continue
			}
			rep.Police = append(rep.Police, PoliceShare{y, sh.ShareOfSuspects.Share, sh.ShareOfSuspects.CI})
		}
		cs, err := s.st.Corpora(ctx)
		if err != nil {
			return nil, err
		}
		for _, c := range cs {
			var codes []baserate.Coding
			if err := s.st.Items(ctx, c.ID, func(x baserate.Coding) error { codes = append(codes, x); return nil }); err != nil {
				return nil, err
			}
			res, err := s.cfg.Engines.Media.Index(ctx, codes, index.Options{Home: "DE", PoliceFn: s.policeShare, Reps: 1000, Groups: []string{"period", "family"}})
			if err != nil {
				return nil, err
			}
			rep.Stored = append(rep.Stored, &StoredIndex{Corpus: c.ID, Result: res})
		}
		return rep, nil
	})
	if err != nil {
		return nil, err
	}
	return v.(*MediaReport), nil
}

// policeShare gives the media index the police share of non-German
// suspects for an offence family and year, from the fact sheets.
func (s *Server) policeShare(ctx context.Context, year int, family string) (float64, []baserate.Caveat, error) {
	f, err := s.facts()
	if err != nil {
		return 0, nil, err
	}
	key := headlineKey
	if family != "" && family != "all" {
		fams, err := f.Families(ctx)
		if err != nil {
			return 0, nil, err
		}
		key = ""
		for _, fm := range fams {
			if fm.Family == family {
				key = fm.Key
			}
		}
		if key == "" {
			return 0, nil, baserate.E("police share", baserate.KindNotFound, fmt.Errorf("no PKS series for the family %q", family))
		}
	}
	if year == 0 {
		if year, err = s.latestYear(ctx); err != nil {
			return 0, nil, err
		}
	}
	sh, err := s.sheet(ctx, factsheet.Query{Year: year, Offence: key})
	if err != nil {
		return 0, nil, err
	}
	return sh.ShareOfSuspects.Share, sh.Caveats, nil
}

func corporaNames(rows []MediaRow) []string {
	seen := map[string]bool{}
	var out []string
	for _, r := range rows {
		if !seen[r.Corpus] {
			seen[r.Corpus] = true
			out = append(out, r.Corpus)
		}
	}
	sort.Strings(out)
	return out
}

func (s *Server) apiMediaIndex(w http.ResponseWriter, r *http.Request) {
	s.serveCached(w, r, "api-media", func() (*body, error) {
		rep, err := s.mediaReport(r.Context())
		if err != nil {
			return nil, err
		}
		return jsonBody(rep)
	})
}

// MediaNaming is how often coverage names a suspect's origin, for the
// incident page: per corpus over all its years, for the incident's offence
// family where the media index has rows for it, else for all crime items.
type MediaNaming struct {
	Family string `json:"family"`
	// ByFamily says whether Rows are the family's (true) or all crime
	// items (false: the index has no rows for the family).
	ByFamily bool         `json:"by_family"`
	Note     string       `json:"note"`
	Rows     []IndexedRow `json:"rows"`
}

// IndexedRow is a media row with its position in the rows of
// /api/v1/media/index.
type IndexedRow struct {
	Index int `json:"index"`
	MediaRow
}

// MarshalJSON keeps the row's null handling and adds the index.
func (r IndexedRow) MarshalJSON() ([]byte, error) {
	b, err := r.MediaRow.MarshalJSON()
	if err != nil {
		return nil, err
	}
	return append([]byte(`{"index":`+strconv.Itoa(r.Index)+`,`), b[1:]...), nil
}

// mediaNaming picks the media rows for an offence family: the rows of
// that family over all years where the index has them, else the rows of
// all crime items, and says which.
func (s *Server) mediaNaming(ctx context.Context, family string) *MediaNaming {
	rep, err := s.mediaReport(ctx)
	if err != nil {
		return nil
	}
	m := &MediaNaming{Family: family, Rows: []IndexedRow{}}
	for i, r := range rep.Rows {
		if r.Period == "all" && r.CrimeItems > 0 && family != "" && r.Family == family {
			m.Rows = append(m.Rows, IndexedRow{i, r})
		}
	}
	if len(m.Rows) > 0 {
		m.ByFamily = true
		m.Note = "Crime items the media engine coded as " + family + ", per corpus over all its years."
		return m
	}
	for i, r := range rep.Rows {
		if r.Period == "all" && r.CrimeItems > 0 && allFamilies(r) {
			m.Rows = append(m.Rows, IndexedRow{i, r})
		}
	}
	m.Note = "The bundled media index has no breakdown by offence family"
	if family != "" {
		m.Note += " for " + family
	}
	m.Note += ": these are all crime items of each corpus, over all its years. Coverage of one kind of offence may name origins more or less often."
	return m
}
