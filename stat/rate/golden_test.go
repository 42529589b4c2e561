package rate_test

import (
	"context"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/baserate/baserate/cube"
	brcsv "github.com/baserate/baserate/format/csv"
	"github.com/baserate/baserate/stat/rate"
)

// The reference outputs in testdata/golden were made by
// testdata/golden/generate.sh with ../shared/reference/ref_std.R (R 4.2.2,
// epitools 0.5-10.1). R prints 15 significant digits.
const tol = 1e-9

// maxRel is the largest relative difference seen, logged with -v.
var maxRel float64

type refInterval [2]*float64

type refGroup struct {
	Group string  `json:"group"`
	Count float64 `json:"count"`
	Pop   float64 `json:"pop"`
	Crude struct {
		Rate  float64     `json:"rate"`
		Exact refInterval `json:"exact"`
	} `json:"crude"`
	DSR struct {
		Rate     float64     `json:"rate"`
		Var      float64     `json:"var"`
		Epitools []*float64  `json:"epitools_ageadjust_direct"`
		FF       refInterval `json:"fay_feuer"`
		TCZ      refInterval `json:"tiwari_tcz"`
		DobExact refInterval `json:"dobson_exact"`
		DobByar  refInterval `json:"dobson_byar_phe"`
	} `json:"dsr"`
	Indirect struct {
		Expected float64     `json:"expected"`
		SMR      float64     `json:"smr"`
		Exact    refInterval `json:"smr_exact"`
		ISR      float64     `json:"isr"`
	} `json:"indirect"`
	VsRef *struct {
		DSRRatio   float64     `json:"dsr_ratio"`
		DSRRatioCI refInterval `json:"dsr_ratio_lognormal"`
		CrudeRatio float64     `json:"crude_ratio"`
		Kitagawa   struct {
			Gap  float64 `json:"crude_gap"`
			Rate float64 `json:"rate_effect"`
			Comp float64 `json:"composition_effect"`
		} `json:"kitagawa"`
	} `json:"vs_reference"`
}

type refOut struct {
	Multiplier float64    `json:"multiplier"`
	Conf       float64    `json:"conf_level"`
	StdTotal   float64    `json:"standard_pop_total"`
	Groups     []refGroup `json:"groups"`
}

func loadInput(t *testing.T, file string, strata []string) rate.Input {
	t.Helper()
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	tb, err := brcsv.Read(context.Background(), f, file, brcsv.Spec{
		Dims: append([]string{"group"}, strata...), Measures: []string{"count", "pop", "stdpop"}, NonNegative: true})
	if err != nil {
		t.Fatal(err)
	}
	in := rate.Input{}
	gd := tb.Dims[0]
	for gi, g := range gd.Categories {
		sl, err := cube.Select(tb, "group", g.ID)
		if err != nil {
			t.Fatal(err)
		}
		cnt, _ := cube.Select(sl, brcsv.MeasureDim, "count")
		pop, _ := cube.Select(sl, brcsv.MeasureDim, "pop")
		std, _ := cube.Select(sl, brcsv.MeasureDim, "stdpop")
		in.Groups = append(in.Groups, rate.Group{Name: g.ID, Count: cnt.Values, Pop: pop.Values})
		if gi == 0 {
			in.Std = std.Values
			n := len(cnt.Values)
			for off := 0; off < n; off++ {
				pos := cnt.Coords(off, nil)
				var parts []string
				for d := 1; d < len(pos)-1; d++ {
					parts = append(parts, cnt.Dims[d].Categories[pos[d]].ID)
				}
				in.Strata = append(in.Strata, strings.Join(parts, "|"))
			}
		}
	}
	return in
}

func closeTo(t *testing.T, what string, got float64, want *float64) {
	t.Helper()
	if want == nil {
		return
	}
	w := *want
	if w != 0 {
		maxRel = math.Max(maxRel, math.Abs(got-w)/math.Abs(w))
	}
	if math.IsNaN(got) || math.IsInf(got, 0) {
		t.Errorf("%s = %v, want %v", what, got, w)
		return
	}
	if d := math.Abs(got - w); d > tol*math.Abs(w) && d > 1e-300 {
		t.Errorf("%s = %.15g, want %.15g (rel diff %.2g)", what, got, w, d/math.Abs(w))
	}
}

func closeIv(t *testing.T, what string, got rate.Interval, want refInterval) {
	t.Helper()
	closeTo(t, what+"[lo]", got[0], want[0])
	closeTo(t, what+"[hi]", got[1], want[1])
}

func TestGoldenAgainstEpitools(t *testing.T) {
	cases := []struct {
		json, csv string
		ref       string
		strata    []string
		esp       bool // lay ESP 2013 onto the age strata instead of the file's stdpop
	}{
		{"synthetic.default.json", "synthetic.csv", "", []string{"age", "sex"}, false},
		{"synthetic.national.json", "synthetic.csv", "national", []string{"age", "sex"}, false},
		{"zero.de.json", "zero.csv", "de", []string{"age", "sex"}, false},
		{"zero.nde.json", "zero.csv", "nde", []string{"age", "sex"}, false},
		{"small.default.json", "small.csv", "", []string{"age"}, false},
		{"small.b.json", "small.csv", "b", []string{"age"}, false},
		{"de2023.default.json", "de2023.csv", "", []string{"age"}, false},
		{"de2023_esp.default.json", "de2023_esp.csv", "", []string{"age"}, true},
		{"dobson_neg.99.json", "dobson_neg.csv", "", []string{"age", "sex"}, false},
	}
	for _, tc := range cases {
		t.Run(tc.json, func(t *testing.T) {
			b, err := os.ReadFile(filepath.Join("testdata/golden", tc.json))
			if err != nil {
				t.Fatal(err)
			}
			var ref refOut
			if err := json.Unmarshal(b, &ref); err != nil {
				t.Fatal(err)
			}
			in := loadInput(t, filepath.Join("testdata/golden", tc.csv), tc.strata)
			in.Ref = tc.ref
			if tc.esp {
				// The file's stdpop is ESP 2013 laid onto the PKS bands by
				// hand; AgeStandard must give the same.
				labels := in.Strata
				in.Factors, in.Sizes = []string{"age"}, []int{len(labels)}
				std, m, err := rate.AgeStandard(in, 0, labels, rate.ESP2013(), rate.AgeAuto)
				if err != nil {
					t.Fatal(err)
				}
				for i := range std {
					if math.Abs(std[i]-in.Std[i]) > 1e-9 {
						t.Errorf("ESP onto %s: %v, by hand %v (%s)", labels[i], std[i], in.Std[i], m.Parts[i])
					}
				}
				in.Std = std
			}
			for _, m := range rate.Methods {
				c, err := rate.Compare(in, rate.Options{Per: ref.Multiplier, Conf: ref.Conf, Method: m})
				if err != nil {
					t.Fatal(err)
				}
				if len(c.Groups) != len(ref.Groups) {
					t.Fatalf("%d groups, want %d", len(c.Groups), len(ref.Groups))
				}
				closeTo(t, "standard total", c.StdTotal, &ref.StdTotal)
				for i, rg := range ref.Groups {
					g := c.Groups[i]
					if g.Group != rg.Group {
						t.Fatalf("group %d is %q, want %q (sorted order)", i, g.Group, rg.Group)
					}
					p := func(s string) string { return rg.Group + " " + s }
					closeTo(t, p("count"), g.Count, &rg.Count)
					closeTo(t, p("pop"), g.Pop, &rg.Pop)
					closeTo(t, p("crude"), g.CrudeRate, &rg.Crude.Rate)
					closeIv(t, p("crude_ci"), g.CrudeCI, rg.Crude.Exact)
					closeTo(t, p("dsr"), g.DSR, &rg.DSR.Rate)
					closeTo(t, p("dsr var"), g.DSRVar, &rg.DSR.Var)
					closeIv(t, p("fay-feuer"), g.DSRIntervals[rate.FayFeuer], rg.DSR.FF)
					closeIv(t, p("epitools"), g.DSRIntervals[rate.FayFeuer], refInterval{rg.DSR.Epitools[2], rg.DSR.Epitools[3]})
					closeIv(t, p("tiwari"), g.DSRIntervals[rate.Tiwari], rg.DSR.TCZ)
					closeIv(t, p("dobson"), g.DSRIntervals[rate.Dobson], rg.DSR.DobByar)
					closeIv(t, p("dobson-exact"), g.DSRIntervals[rate.DobsonExact], rg.DSR.DobExact)
					closeIv(t, p("dsr_ci "+string(m)), g.DSRCI, map[rate.Method]refInterval{
						rate.FayFeuer: rg.DSR.FF, rate.Tiwari: rg.DSR.TCZ, rate.Dobson: rg.DSR.DobByar, rate.DobsonExact: rg.DSR.DobExact}[m])
					closeTo(t, p("expected"), g.Expected, &rg.Indirect.Expected)
					closeTo(t, p("smr"), g.SMR, &rg.Indirect.SMR)
					closeIv(t, p("smr_ci"), g.SMRCI, rg.Indirect.Exact)
					closeTo(t, p("isr"), g.ISR, &rg.Indirect.ISR)
					if rg.VsRef == nil {
						if !g.IsReference || g.CrudeRatio != 1 || g.DSRRatio != 1 || g.RateEffect != 0 || g.CompositionEffect != 0 {
							t.Errorf("reference group %s: %+v", g.Group, g)
						}
						continue
					}
					v := rg.VsRef
					closeTo(t, p("dsr_ratio"), g.DSRRatio, &v.DSRRatio)
					closeIv(t, p("dsr_ratio_ci"), g.DSRRatioCI, v.DSRRatioCI)
					closeTo(t, p("crude_ratio"), g.CrudeRatio, &v.CrudeRatio)
					closeTo(t, p("crude_gap"), g.CrudeGap, &v.Kitagawa.Gap)
					closeTo(t, p("rate_effect"), g.RateEffect, &v.Kitagawa.Rate)
					closeTo(t, p("composition_effect"), g.CompositionEffect, &v.Kitagawa.Comp)
					if d := g.RateEffect + g.CompositionEffect - g.CrudeGap; math.Abs(d) > 1e-12*math.Max(1, math.Abs(g.CrudeGap)) {
						t.Errorf("%s: rate_effect + composition_effect - crude_gap = %g", g.Group, d)
					}
				}
			}
		})
	}
}

func TestGoldenRatioAndShare(t *testing.T) {
	defer func() { t.Logf("largest relative difference to R so far: %.2g", maxRel) }()
	b, err := os.ReadFile("testdata/golden/ratio.json")
	if err != nil {
		t.Fatal(err)
	}
	var cases []struct {
		X1, N1, X0, N0 float64
		RR             *float64    `json:"rr"`
		RRCI           refInterval `json:"rr_ci"`
		Part           float64     `json:"share_part"`
		Whole          float64     `json:"share_whole"`
		Share          float64     `json:"share"`
		ShareCI        refInterval `json:"share_ci"`
	}
	if err := json.Unmarshal(b, &cases); err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		if c.RR != nil {
			r, err := rate.RateRatio(c.X1, c.N1, c.X0, c.N0, 0.95)
			if err != nil {
				t.Fatal(err)
			}
			closeTo(t, "rate ratio", r.Ratio, c.RR)
			closeIv(t, "rate ratio ci", r.CI, c.RRCI)
		}
		s, err := rate.ShareOf(c.Part, c.Whole, 0.95)
		if err != nil {
			t.Fatal(err)
		}
		closeTo(t, "share", s.Share, &c.Share)
		closeIv(t, "share ci", s.CI, c.ShareCI)
	}
}
