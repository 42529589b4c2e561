package index

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/baserate/baserate"
)

// PoliceShare gives the police share of non-national suspects for an
// offence family ("all" for all offences) and a year (0 = latest).
type PoliceShare func(ctx context.Context, year int, family string) (float64, []baserate.Caveat, error)

// Options configure an index.
type Options struct {
	// Home is the code of own nationals ("DE"; case and surrounding
	// spaces do not matter, and a code no lexicon knows is an error);
	// every other origin code, FOREIGN, ASYLUM and STATELESS count as
	// foreign.
	Home string
	// Police is a fixed police share; when NaN or 0, PoliceFn is asked.
	Police   float64
	PoliceFn PoliceShare
	// Reps is the number of bootstrap resamples (default 2000), Seed the
	// seed (default 1), Level the interval level (default 0.95).
	Reps  int
	Seed  uint64
	Level float64
	// Groups: which groupings to report besides the total: any of
	// "source", "period", "family", "period-family", "source-period".
	Groups []string
}

// Cell is the index of one group of texts.
type Cell struct {
	Source string `json:"source"`
	Period string `json:"period"`
	Family string `json:"family"`

	Texts        int `json:"texts"`
	CrimeItems   int `json:"crime_items"`
	OriginItems  int `json:"origin_items"`
	ForeignItems int `json:"foreign_items"`

	OriginShare    float64    `json:"origin_share"`
	OriginShareCI  [2]float64 `json:"origin_share_ci"`
	ForeignShare   float64    `json:"foreign_share"`
	ForeignShareCI [2]float64 `json:"foreign_share_ci"`

	PoliceShare  float64    `json:"police_share"`
	ShareRatio   float64    `json:"share_ratio"`
	ShareRatioCI [2]float64 `json:"share_ratio_ci"`
	OddsRatio    float64    `json:"odds_ratio"`
	OddsRatioCI  [2]float64 `json:"odds_ratio_ci"`

	Warnings []baserate.Warning `json:"warnings,omitempty"`
}

// Result is the whole index: the total (its fields at the top level) and
// the groups.
type Result struct {
	Cell
	Home      string            `json:"home"`
	Bootstrap Bootstrap         `json:"bootstrap"`
	Groups    []Cell            `json:"groups"`
	Caveats   []baserate.Caveat `json:"caveats"`
	// Table is the same as a cube (source × period × family × measure);
	// it is left out of JSON, where Groups carries the same numbers.
	Table *baserate.Table `json:"-"`
}

// Bootstrap says how the intervals were made.
type Bootstrap struct {
	Reps   int     `json:"reps"`
	Seed   uint64  `json:"seed"`
	Level  float64 `json:"level"`
	Method string  `json:"method"`
}

// item is one coded text as the index needs it.
type item struct {
	source, period string
	families       []string
	crime, origin  bool
	foreign        bool
}

// Foreign reports whether a suspect origin list names a non-national.
func Foreign(origins []string, home string) bool {
	for _, o := range origins {
		if o != home {
			return true
		}
	}
	return false
}

// Compute builds the index of the codings.
func Compute(ctx context.Context, codes []baserate.Coding, opt Options) (*Result, error) {
	if opt.Reps <= 0 {
		opt.Reps = 2000
	}
	if opt.Seed == 0 {
		opt.Seed = 1
	}
	if opt.Level <= 0 || opt.Level >= 1 {
		opt.Level = 0.95
	}
	given := opt.Home
	opt.Home = strings.ToUpper(strings.TrimSpace(opt.Home))
	if opt.Home == "" {
		return nil, baserate.E("index.Compute", baserate.KindInvalid, "no home nationality (--home)")
	}
	// A home code that no coding can carry ("de" before it was upper-cased,
	// "XX", "Germany", FOREIGN) would make every suspect foreign.
	known, err := HomeCodes()
	if err != nil {
		return nil, err
	}
	if !known[opt.Home] {
		return nil, baserate.E("index.Compute", baserate.KindInvalid, fmt.Sprintf("unknown home nationality %q: want the ISO alpha-2 code the codings use, such as DE", given))
	}
	items := make([]item, len(codes))
	for i, c := range codes {
		items[i] = item{source: c.Source, period: year(c.Date), families: c.Categories, crime: c.Crime,
			origin: c.Crime && c.OriginNamed, foreign: c.Crime && c.OriginNamed && Foreign(c.SuspectOrigins, opt.Home)}
	}
	res := &Result{Home: opt.Home, Bootstrap: Bootstrap{Reps: opt.Reps, Seed: opt.Seed, Level: opt.Level,
		Method: "percentile bootstrap, texts resampled with replacement within each group; police share held fixed"}}
	coding, err := CodingCaveats()
	if err != nil {
		return nil, err
	}
	res.Caveats = append([]baserate.Caveat{
		{Code: "media-items-not-persons", Message: "The media share counts texts that name a foreign suspect; the police share counts suspects. A text about several suspects counts once, and a suspect reported in several texts counts several times."},
	}, coding...)
	all := func(item) bool { return true }
	if res.Cell, err = cell(ctx, items, all, "all", "all", "all", opt, &res.Caveats); err != nil {
		return nil, err
	}
	seenSrc, seenPer, seenFam := map[string]bool{}, map[string]bool{}, map[string]bool{}
	for _, it := range items {
		seenSrc[it.source] = true
		seenPer[it.period] = true
		for _, f := range it.families {
			seenFam[f] = true
		}
	}
	srcs, pers := keys(seenSrc), keys(seenPer)
	var fams []string
	for _, f := range baserate.OffenceFamilies {
		if seenFam[f] {
			fams = append(fams, f)
		}
	}
	add := func(src, per, fam string, keep func(item) bool) error {
		c, err := cell(ctx, items, keep, src, per, fam, opt, &res.Caveats)
		if err != nil {
			return err
		}
		if c.Texts > 0 {
			res.Groups = append(res.Groups, c)
		}
		return nil
	}
	done := map[string]bool{}
	for _, g := range opt.Groups {
		if done[g] {
			continue // asked for twice: reported once
		}
		done[g] = true
		switch g {
		case "source":
			for _, s := range srcs {
				if err := add(s, "all", "all", func(it item) bool { return it.source == s }); err != nil {
					return nil, err
				}
			}
		case "period":
			for _, p := range pers {
				if err := add("all", p, "all", func(it item) bool { return it.period == p }); err != nil {
					return nil, err
				}
			}
		case "family":
			for _, f := range fams {
				if err := add("all", "all", f, func(it item) bool { return slices.Contains(it.families, f) }); err != nil {
					return nil, err
				}
			}
		case "period-family":
			for _, p := range pers {
				for _, f := range fams {
					if err := add("all", p, f, func(it item) bool { return it.period == p && slices.Contains(it.families, f) }); err != nil {
						return nil, err
					}
				}
			}
		case "source-period":
			for _, s := range srcs {
				for _, p := range pers {
					if err := add(s, p, "all", func(it item) bool { return it.source == s && it.period == p }); err != nil {
						return nil, err
					}
				}
			}
		default:
			return nil, baserate.E("index.Compute", baserate.KindInvalid, fmt.Sprintf("unknown grouping %q (want source, period, family, period-family, source-period)", g))
		}
	}
	res.Table = table(res)
	return res, nil
}

func year(date string) string {
	if len(date) >= 4 {
		if _, err := strconv.Atoi(date[:4]); err == nil {
			return date[:4]
		}
	}
	return "unknown"
}

func keys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// cell computes one group. The bootstrap resamples the group's crime
// texts; each resample gives an origin share, a foreign share and the
// ratios.
func cell(ctx context.Context, items []item, keep func(item) bool, src, per, fam string, opt Options, cav *[]baserate.Caveat) (Cell, error) {
	c := Cell{Source: src, Period: per, Family: fam}
	var crime []item
	for _, it := range items {
		if !keep(it) {
			continue
		}
		c.Texts++
		if it.crime {
			crime = append(crime, it)
			c.CrimeItems++
			if it.origin {
				c.OriginItems++
				if it.foreign {
					c.ForeignItems++
				}
			}
		}
	}
	police := opt.Police
	if (police == 0 || math.IsNaN(police)) && opt.PoliceFn != nil {
		y, _ := strconv.Atoi(per)
		f := fam
		var cs []baserate.Caveat
		var err error
		police, cs, err = opt.PoliceFn(ctx, y, f)
		if err != nil {
			c.Warnings = append(c.Warnings, baserate.Warning{Code: "no-police-share", Message: err.Error()})
			police = math.NaN()
		}
		*cav = baserate.MergeCaveats(*cav, cs...)
	}
	if police == 0 {
		police = math.NaN()
	}
	c.PoliceShare = police
	c.OriginShare = frac(c.OriginItems, c.CrimeItems)
	c.ForeignShare = frac(c.ForeignItems, c.OriginItems)
	c.ShareRatio = c.ForeignShare / police
	c.OddsRatio = odds(c.ForeignShare) / odds(police)
	nan2 := [2]float64{math.NaN(), math.NaN()}
	c.OriginShareCI, c.ForeignShareCI, c.ShareRatioCI, c.OddsRatioCI = nan2, nan2, nan2, nan2
	switch {
	case c.CrimeItems == 0:
		c.Warnings = append(c.Warnings, baserate.Warning{Code: "no-crime-items", Message: "no text in this group reports an offence"})
	case c.OriginItems == 0:
		c.Warnings = append(c.Warnings, baserate.Warning{Code: "no-origin-items", Message: "no crime text in this group names a suspect's origin: the foreign share is undefined"})
	case c.OriginItems < 30:
		c.Warnings = append(c.Warnings, baserate.Warning{Code: "small-group", Message: fmt.Sprintf("only %d texts name an origin: intervals are wide and unstable", c.OriginItems)})
	}
	if c.ForeignShare == 1 {
		c.Warnings = append(c.Warnings, baserate.Warning{Code: "all-foreign", Message: "every origin-naming text names a foreigner: the odds ratio is infinite"})
	}
	if c.CrimeItems == 0 {
		return c, nil
	}
	if err := ctx.Err(); err != nil {
		return c, err
	}
	// Seed per group, so a group's interval does not depend on which other
	// groups were asked for.
	h := uint64(14695981039346656037)
	for _, s := range []string{src, per, fam} {
		for i := 0; i < len(s); i++ {
			h = (h ^ uint64(s[i])) * 1099511628211
		}
	}
	rng := rand.New(rand.NewPCG(opt.Seed, h))
	n := len(crime)
	os, fs, sr, or := make([]float64, 0, opt.Reps), make([]float64, 0, opt.Reps), make([]float64, 0, opt.Reps), make([]float64, 0, opt.Reps)
	for r := 0; r < opt.Reps; r++ {
		var no, nf int
		for k := 0; k < n; k++ {
			it := crime[rng.IntN(n)]
			if it.origin {
				no++
				if it.foreign {
					nf++
				}
			}
		}
		os = append(os, frac(no, n))
		if no > 0 {
			f := frac(nf, no)
			fs = append(fs, f)
			sr = append(sr, f/police)
			or = append(or, odds(f)/odds(police))
		}
	}
	c.OriginShareCI = pct(os, opt.Level)
	if c.OriginItems > 0 {
		c.ForeignShareCI = pct(fs, opt.Level)
		if !math.IsNaN(police) {
			c.ShareRatioCI = pct(sr, opt.Level)
			c.OddsRatioCI = pct(or, opt.Level)
		}
	}
	if !math.IsInf(c.OddsRatio, 0) && math.IsInf(c.OddsRatioCI[1], 1) {
		c.Warnings = append(c.Warnings, baserate.Warning{Code: "odds-ratio-unbounded", Message: fmt.Sprintf(
			"in more than %.1f%% of the resamples every origin-naming text names a foreigner: the odds ratio's upper bound is infinite (null in JSON, empty in CSV)", 100*(1-opt.Level)/2)})
	}
	return c, nil
}

func frac(a, b int) float64 {
	if b == 0 {
		return math.NaN()
	}
	return float64(a) / float64(b)
}

func odds(p float64) float64 { return p / (1 - p) }

// pct is the percentile interval (type 7 quantiles, as R's default).
func pct(v []float64, level float64) [2]float64 {
	if len(v) == 0 {
		return [2]float64{math.NaN(), math.NaN()}
	}
	slices.Sort(v)
	q := func(p float64) float64 {
		h := p * float64(len(v)-1)
		lo := math.Floor(h)
		if int(lo)+1 >= len(v) {
			return v[len(v)-1]
		}
		a, b := v[int(lo)], v[int(lo)+1]
		switch {
		case a == b, h == lo:
			// As R: no interpolation between equal values, so two
			// infinite odds ratios give +Inf, not Inf - Inf = NaN.
			return a
		case math.IsInf(b, 1):
			return b
		}
		return a + (h-lo)*(b-a)
	}
	a := (1 - level) / 2
	return [2]float64{q(a), q(1 - a)}
}

// Measures are the categories of the table's measure dimension.
var Measures = []string{"texts", "crime_items", "origin_items", "foreign_items",
	"origin_share", "origin_share_lo", "origin_share_hi",
	"foreign_share", "foreign_share_lo", "foreign_share_hi",
	"police_share", "share_ratio", "share_ratio_lo", "share_ratio_hi",
	"odds_ratio", "odds_ratio_lo", "odds_ratio_hi"}

// table lays the total and the groups out as a cube source × period ×
// family × measure; cells of combinations not computed are missing.
func table(r *Result) *baserate.Table {
	cells := append([]Cell{r.Cell}, r.Groups...)
	var srcs, pers, fams []string
	for _, c := range cells {
		if !slices.Contains(srcs, c.Source) {
			srcs = append(srcs, c.Source)
		}
		if !slices.Contains(pers, c.Period) {
			pers = append(pers, c.Period)
		}
		if !slices.Contains(fams, c.Family) {
			fams = append(fams, c.Family)
		}
	}
	t := baserate.New("media-index", baserate.NewDimension("source", srcs...), baserate.NewDimension("period", pers...),
		baserate.NewDimension("family", fams...), baserate.NewDimension("measure", Measures...))
	t.Dims[1].Role = baserate.RoleTime
	t.Dims[3].Role = baserate.RoleMetric
	t.Label = "Media index: share of crime texts naming a suspect's origin, share foreign among them, and over-representation against the police share (home " + r.Home + ")"
	t.Source = "baserate media index"
	for _, c := range cells {
		vals := []float64{float64(c.Texts), float64(c.CrimeItems), float64(c.OriginItems), float64(c.ForeignItems),
			c.OriginShare, c.OriginShareCI[0], c.OriginShareCI[1], c.ForeignShare, c.ForeignShareCI[0], c.ForeignShareCI[1],
			c.PoliceShare, c.ShareRatio, c.ShareRatioCI[0], c.ShareRatioCI[1], c.OddsRatio, c.OddsRatioCI[0], c.OddsRatioCI[1]}
		for i, m := range Measures {
			off, err := t.Lookup(c.Source, c.Period, c.Family, m)
			if err == nil {
				t.Values[off] = vals[i]
			}
		}
	}
	t.Caveats = r.Caveats
	t.Notes = []string{strings.TrimSpace(fmt.Sprintf("Bootstrap: %s, %d resamples, seed %d, level %.2f.", r.Bootstrap.Method, r.Bootstrap.Reps, r.Bootstrap.Seed, r.Bootstrap.Level))}
	return t
}
