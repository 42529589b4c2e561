// Command kreise is a worked example of package stat/glm on real data: the
// 400 German districts (Kreise) in 2022, violent crime recorded by the police
// (PKS key 892000) and non-German suspects, against the foreign share of the
// population, settlement density, income and age structure, with state
// fixed effects and standard errors clustered by state.
//
// Run it from the repository root, with ../shared beside it:
//
//	go run ./examples/kreise
//
// It prints the tables, and writes the merged district file so that the same
// models can be fitted with the CLI (the command is printed). See
// examples/README.md for what the numbers do and do not show.
package main

import (
	"context"
	"encoding/csv"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/baserate/baserate/frame"
	"github.com/baserate/baserate/stat/glm"
)

// Inputs, relative to the shared data folder and to this example.
const (
	pksFile   = "data/stats/de-bka-pks-kreise/kodaqs_kreis_gewalt_2022_with_covariates.csv"
	popFile   = "data/stats/de-kreise-pop-nationality-age-2019-2022/de_kreise_pop_nationality_agegroup_2019_2022.csv"
	atlasFile = "atlas_kreise.csv"
)

// Models are the fits the example reports.
var Models = []struct {
	Name   string
	Spec   glm.Model
	Family glm.Family
}{
	{"violent crime, all residents (NB2)",
		glm.Model{Formula: "cases ~ foreign_share + log(settlement) + log(income) + young_share + old_share | state",
			Offset: "log(pop)", Cluster: []string{"state"}}, glm.NegBin},
	{"violent crime, all residents (quasi-Poisson)",
		glm.Model{Formula: "cases ~ foreign_share + log(settlement) + log(income) + young_share + old_share | state",
			Offset: "log(pop)", Cluster: []string{"state"}}, glm.QuasiPoisson},
	{"non-German suspects per foreign resident (NB2)",
		glm.Model{Formula: "suspects_nongerman ~ foreign_share + log(settlement) + log(income) + young_share + old_share | state",
			Offset: "log(foreigners)", Cluster: []string{"state"}}, glm.NegBin},
}

func main() {
	shared := flag.String("shared", "../shared", "the shared data folder")
	dir := flag.String("dir", "examples/kreise", "this example's folder (for atlas_kreise.csv)")
	out := flag.String("out", filepath.Join(os.TempDir(), "kreise_2022.csv"), "where to write the merged district table")
	flag.Parse()
	ctx := context.Background()
	rows, err := Merge(*shared, *dir)
	if err != nil {
		fmt.Fprintln(os.Stderr, "kreise:", err)
		os.Exit(1)
	}
	if err := WriteCSV(*out, rows); err != nil {
		fmt.Fprintln(os.Stderr, "kreise:", err)
		os.Exit(1)
	}
	data, err := frame.ReadFile(ctx, *out, frame.Options{})
	if err != nil {
		fmt.Fprintln(os.Stderr, "kreise:", err)
		os.Exit(1)
	}
	fmt.Printf("%d districts, PKS 2022 (violent crime, key 892000); population 31.12.2021\n\n", data.Rows())
	for _, m := range Models {
		res, err := glm.FitFormula(ctx, data, m.Spec, glm.Options{Family: m.Family})
		if err != nil {
			fmt.Fprintln(os.Stderr, "kreise:", err)
			os.Exit(1)
		}
		printModel(os.Stdout, m.Name, res)
	}
	fmt.Printf("The same with the CLI:\n  baserate glm --in %s --formula %q --offset %q --family negbin --cluster state\n",
		*out, Models[0].Spec.Formula, Models[0].Spec.Offset)
}

// District is one Kreis with the outcome counts and covariates.
type District struct {
	AGS               int
	Name              string
	State             int
	Cases             float64 // violent crime cases recorded, 2022
	SuspectsNonGerman float64 // non-German suspects of violent crime, 2022
	Pop, Foreigners   float64 // 31.12.2021
	Young, Old        float64 // residents aged 15-29 and 65+, 31.12.2021
	Settlement        float64 // settlement and transport area, % of area
	Income            float64 // disposable household income per inhabitant, 1,000 EUR
}

// Merge joins the PKS district table, the population by nationality and
// age, and the Deutschlandatlas indicators on the district key.
func Merge(shared, dir string) ([]District, error) {
	ctx := context.Background()
	pks, err := frame.ReadFile(ctx, filepath.Join(shared, pksFile), frame.Options{})
	if err != nil {
		return nil, err
	}
	pop, err := frame.ReadFile(ctx, filepath.Join(shared, popFile), frame.Options{Factors: []string{"ags5", "region_code"}})
	if err != nil {
		return nil, err
	}
	atlas, err := frame.ReadFile(ctx, filepath.Join(dir, atlasFile), frame.Options{})
	if err != nil {
		return nil, err
	}

	// Population at 31.12.2021 (the PKS rates of 2022 use the previous
	// year's end), per district: total, foreigners, aged 15-29, 65+.
	type popRow struct{ total, foreigners, young, old float64 }
	byAGS := map[int]*popRow{}
	year, _ := pop.Numeric("year")
	level := pop.Col("level")
	ags := pop.Col("ags5")
	age := pop.Col("age_group")
	total, _ := pop.Numeric("total")
	foreign, _ := pop.Numeric("foreigners")
	young := map[string]bool{"15 bis unter 18 Jahre": true, "18 bis unter 20 Jahre": true, "20 bis unter 25 Jahre": true, "25 bis unter 30 Jahre": true}
	old := map[string]bool{"65 bis unter 70 Jahre": true, "70 bis unter 75 Jahre": true, "75 bis unter 80 Jahre": true,
		"80 bis unter 85 Jahre": true, "85 bis unter 90 Jahre": true, "90 Jahre und mehr": true}
	for i := 0; i < pop.Rows(); i++ {
		if year[i] != 2021 || level.Codes[i] < 0 || ags.Codes[i] < 0 || age.Codes[i] < 0 {
			continue
		}
		// Berlin and Hamburg are Länder and districts at once.
		code := ags.Levels[ags.Codes[i]]
		if lv := level.Levels[level.Codes[i]]; lv != "kreis" && !(lv == "land" && (code == "02000" || code == "11000")) {
			continue
		}
		key, err := strconv.Atoi(code)
		if err != nil {
			return nil, fmt.Errorf("%s:%d: district key %q", popFile, pop.Line(i), ags.Levels[ags.Codes[i]])
		}
		p := byAGS[key]
		if p == nil {
			p = &popRow{}
			byAGS[key] = p
		}
		switch band := age.Levels[age.Codes[i]]; {
		case band == "Insgesamt":
			p.total, p.foreigners = total[i], foreign[i]
		case young[band]:
			p.young += total[i]
		case old[band]:
			p.old += total[i]
		}
	}
	type atlasRow struct{ settlement, income float64 }
	atl := map[int]atlasRow{}
	aAGS, _ := atlas.Numeric("ags5")
	suv, _ := atlas.Numeric("fl_suv")
	inc, _ := atlas.Numeric("hh_veink")
	for i := range aAGS {
		atl[int(aAGS[i])] = atlasRow{suv[i], inc[i]}
	}

	key, _ := pks.Numeric("gemeindeschluessel")
	name := pks.Col("stadt_landkreis")
	cases, _ := pks.Numeric("anzahl_erfasste_faelle")
	ng, _ := pks.Numeric("nichtdeutsche_tatverdaechtige_anzahl")
	var out []District
	for i := range key {
		k := int(key[i])
		p, ok := byAGS[k]
		if !ok || p.total == 0 {
			return nil, fmt.Errorf("%s:%d: no population for district %05d", pksFile, pks.Line(i), k)
		}
		a, ok := atl[k]
		if !ok {
			return nil, fmt.Errorf("%s:%d: no Deutschlandatlas row for district %05d", pksFile, pks.Line(i), k)
		}
		out = append(out, District{
			AGS: k, Name: name.Levels[name.Codes[i]], State: k / 1000,
			Cases: cases[i], SuspectsNonGerman: ng[i],
			Pop: p.total, Foreigners: p.foreigners, Young: p.young, Old: p.old,
			Settlement: a.settlement, Income: a.income,
		})
	}
	return out, nil
}

// WriteCSV writes the merged table with the model variables: shares in
// percent of the population.
func WriteCSV(path string, rows []District) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := csv.NewWriter(f)
	w.Write([]string{"ags5", "name", "state", "cases", "suspects_nongerman", "pop", "foreigners",
		"foreign_share", "young_share", "old_share", "settlement", "income"})
	num := func(x float64) string { return strconv.FormatFloat(x, 'g', -1, 64) }
	for _, d := range rows {
		w.Write([]string{fmt.Sprintf("%05d", d.AGS), d.Name, fmt.Sprintf("%02d", d.State), num(d.Cases), num(d.SuspectsNonGerman),
			num(d.Pop), num(d.Foreigners), num(100 * d.Foreigners / d.Pop), num(100 * d.Young / d.Pop), num(100 * d.Old / d.Pop),
			num(d.Settlement), num(d.Income)})
	}
	w.Flush()
	if err := w.Error(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func printModel(w io.Writer, title string, r *glm.Result) {
	fmt.Fprintf(w, "== %s\n%s, %d districts, %s\n", title, r.Formula, r.NObs, r.SE)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "term\tIRR\t95% CI\tp\t")
	for _, c := range r.Coefficients {
		fmt.Fprintf(tw, "%s\t%.3f\t%.3f–%.3f\t%s\t\n", c.Term, c.IRR, c.IRRLow, c.IRRHigh, pval(c.P))
	}
	tw.Flush()
	extra := []string{fmt.Sprintf("deviance %.1f on %g df", r.Deviance, r.DFResidual)}
	if r.Theta != nil {
		extra = append(extra, fmt.Sprintf("theta %.2f (SE %.2f)", *r.Theta, *r.ThetaSE))
	}
	if r.Family == glm.QuasiPoisson {
		extra = append(extra, fmt.Sprintf("dispersion %.1f", r.Dispersion))
	}
	fmt.Fprintln(w, strings.Join(extra, "; "))
	for _, x := range r.Warnings {
		fmt.Fprintf(w, "warning: %s\n", x.Message)
	}
	fmt.Fprintln(w)
}

func pval(p float64) string {
	if math.IsNaN(p) {
		return ""
	}
	if p < 0.001 {
		return "<0.001"
	}
	return fmt.Sprintf("%.3f", p)
}
