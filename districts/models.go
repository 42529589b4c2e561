package districts

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"strings"

	"github.com/baserate/baserate"
	"github.com/baserate/baserate/bundle"
	"github.com/baserate/baserate/stat/glm"
)

// Query names a set of district models: a year of the PKS district tables
// and an offence key they have.
type Query struct {
	Year    int    `json:"year"`
	Offence string `json:"offence"`
}

// Spec is one of the nested specifications of the cases model.
type Spec struct {
	// ID is "a" to "e"; Label says what it adds.
	ID    string
	Label string
	Model glm.Model
}

// The terms of the cases model, in the order of examples/kreise.
const (
	termForeign    = "foreign_share"
	termSettlement = "log(settlement)"
	termIncome     = "log(income)"
	termYoung      = "young_share"
	termOld        = "old_share"
)

// Specs are the nested specifications, each adding controls to the one
// before: (a) crude, (b) age structure, (c) settlement density, (d)
// income, (e) Land fixed effects. All have the offset log(pop) and errors
// clustered by Land.
var Specs = []Spec{
	{"a", "crude", cases(termForeign)},
	{"b", "+ age structure (15–29, 65+)", cases(termForeign, termYoung, termOld)},
	{"c", "+ settlement area (log)", cases(termForeign, termSettlement, termYoung, termOld)},
	{"d", "+ income (log)", cases(termForeign, termSettlement, termIncome, termYoung, termOld)},
	{"e", "+ Land fixed effects", fe(cases(termForeign, termSettlement, termIncome, termYoung, termOld))},
}

// PerForeignResident is the model of non-German suspects per foreign
// resident with the full set of controls, the third model of
// examples/kreise.
var PerForeignResident = fe(glm.Model{
	Formula: "suspects_nongerman ~ " + strings.Join([]string{termForeign, termSettlement, termIncome, termYoung, termOld}, " + "),
	Offset:  "log(foreigners)", Cluster: []string{"state"}})

func cases(terms ...string) glm.Model {
	return glm.Model{Formula: "cases ~ " + strings.Join(terms, " + "), Offset: "log(pop)", Cluster: []string{"state"}}
}

func fe(m glm.Model) glm.Model {
	m.Formula += " | state"
	return m
}

// Result is the district models of one year and offence key.
type Result struct {
	Year    int     `json:"year"`
	Offence Offence `json:"offence"`
	// Districts is the number of districts in the frame; Merged names
	// those added to another (see District.Merged).
	Districts int      `json:"districts"`
	Merged    []string `json:"merged"`
	// Population names the date and source of the residents.
	Population string `json:"population"`
	// Specifications are the foreign share's rate ratio in each nested
	// specification, crude first.
	Specifications []Specification `json:"specifications"`
	// Full is the last specification's whole table; PerForeignResident
	// the model of non-German suspects per foreign resident.
	Full               Model              `json:"full"`
	PerForeignResident Model              `json:"per_foreign_resident"`
	Reading            Reading            `json:"reading"`
	Caveats            []baserate.Caveat  `json:"caveats"`
	Warnings           []baserate.Warning `json:"warnings"`
	Attribution        string             `json:"attribution"`
}

// Offence is a PKS key with its name.
type Offence struct {
	Key   string `json:"key"`
	Label string `json:"label"`
}

// Specification is the foreign share's coefficient in one specification.
type Specification struct {
	ID           string          `json:"id"`
	Label        string          `json:"label"`
	Formula      string          `json:"formula"`
	FixedEffects bool            `json:"fixed_effects"`
	ForeignShare glm.Coefficient `json:"foreign_share"`
	// Change is the foreign share's rate ratio as a percent change per
	// percentage point.
	Change Percent    `json:"change"`
	Fit    FitSummary `json:"fit"`
}

// FitSummary is what a reader needs to judge a fit.
type FitSummary struct {
	Family string `json:"family"`
	// SE names the standard errors; Clusters counts the Länder.
	SE       string `json:"se_type"`
	Clusters int    `json:"clusters"`
	NObs     int    `json:"nobs"`
	Dropped  int    `json:"dropped"`
	// Theta is the NB2 shape (var = mu + mu²/theta) with its standard
	// error; nil when the fit has none.
	Theta      *float64 `json:"theta"`
	ThetaSE    *float64 `json:"theta_se"`
	Deviance   float64  `json:"deviance"`
	DFResidual float64  `json:"df_residual"`
	Converged  bool     `json:"converged"`
}

// Model is one fitted model with its whole coefficient table.
type Model struct {
	Title        string            `json:"title"`
	Formula      string            `json:"formula"`
	Coefficients []glm.Coefficient `json:"coefficients"`
	// Changes are the coefficients as percent changes of the rate per
	// unit, in the order of Coefficients.
	Changes []Change   `json:"changes"`
	Fit     FitSummary `json:"fit"`
}

// Change is one coefficient as a percent change of the rate per unit of
// its term.
type Change struct {
	Term string `json:"term"`
	// Unit says what one unit of the term is.
	Unit string `json:"unit"`
	Percent
}

// MarshalJSON writes the term, its unit and the percent change side by
// side (Percent's own MarshalJSON would otherwise stand for the whole).
func (c Change) MarshalJSON() ([]byte, error) {
	p, err := c.Percent.MarshalJSON()
	if err != nil {
		return nil, err
	}
	head, err := json.Marshal(struct {
		Term string `json:"term"`
		Unit string `json:"unit"`
	}{c.Term, c.Unit})
	if err != nil {
		return nil, err
	}
	return append(append(head[:len(head)-1], ','), p[1:]...), nil
}

// units are what one unit of each term of the models is.
var units = map[string]string{
	termForeign:    "per percentage point of foreign residents",
	termYoung:      "per percentage point of residents aged 15–29",
	termOld:        "per percentage point of residents aged 65+",
	termSettlement: "per unit of the log of the settlement area share (the share ×2.72)",
	termIncome:     "per unit of the log of income (income ×2.72)",
}

func model(title string, r *glm.Result) Model {
	m := Model{Title: title, Formula: r.Formula, Coefficients: r.Coefficients, Fit: summary(r)}
	for _, c := range r.Coefficients {
		m.Changes = append(m.Changes, Change{Term: c.Term, Unit: units[c.Term], Percent: percent(c)})
	}
	return m
}

// Reading holds the numbers of the plain-language reading, as percent
// changes per percentage point of foreign share: 100·(IRR − 1).
type Reading struct {
	// Crude and Adjusted are the change in recorded cases per resident
	// in the crude specification and the full one.
	Crude    Percent `json:"crude"`
	Adjusted Percent `json:"adjusted"`
	// PerForeignResident is the change in non-German suspects per
	// foreign resident, in the full specification.
	PerForeignResident Percent `json:"per_foreign_resident"`
}

// Percent is a percent change with its 95% interval; NaN (an aliased
// term) is null in JSON.
type Percent struct {
	Pct  float64 `json:"pct"`
	Low  float64 `json:"low"`
	High float64 `json:"high"`
}

// MarshalJSON writes NaN as null.
func (p Percent) MarshalJSON() ([]byte, error) {
	n := func(x float64) *float64 {
		if !finite(x) {
			return nil
		}
		return &x
	}
	return json.Marshal(struct {
		Pct  *float64 `json:"pct"`
		Low  *float64 `json:"low"`
		High *float64 `json:"high"`
	}{n(p.Pct), n(p.Low), n(p.High)})
}

func percent(c glm.Coefficient) Percent {
	return Percent{100 * (c.IRR - 1), 100 * (c.IRRLow - 1), 100 * (c.IRRHigh - 1)}
}

// Attribution is the credit line of the district models' data.
const Attribution = "Bundeskriminalamt, PKS Grundtabelle Kreise (KR-F-01-T01); Statistische Ämter des Bundes und der Länder, Regionaldatenbank 12411-03-03-4; " + bundle.AtlasAttribution

// Fit builds the district frame of q and fits the nested specifications
// and the model per foreign resident (NB2, CR1 by Land).
func Fit(ctx context.Context, q Query) (*Result, error) {
	ds, err := Districts(q.Year, q.Offence)
	if err != nil {
		return nil, err
	}
	fr, err := Frame(ds)
	if err != nil {
		return nil, err
	}
	res := &Result{Year: q.Year, Offence: Offence{q.Offence, offenceLabel(q.Offence)}, Districts: len(ds), Merged: []string{},
		Population:  fmt.Sprintf("Residents at %d-12-31 (the BKA's reference date for %d rates), Regionaldatenbank 12411-03-03-4, 2011 census basis", q.Year-1, q.Year),
		Attribution: Attribution, Warnings: []baserate.Warning{}}
	for _, d := range ds {
		for _, m := range d.Merged {
			res.Merged = append(res.Merged, m+" → "+d.AGS+" "+d.Name)
		}
	}
	fit := func(m glm.Model) (*glm.Result, error) {
		r, err := glm.FitFormula(ctx, fr, m, glm.Options{Family: glm.NegBin})
		if err != nil {
			return nil, baserate.E(op, baserate.KindOf(err), fmt.Errorf("%d, key %s, %s: %w", q.Year, q.Offence, m.Formula, err))
		}
		for _, w := range r.Warnings {
			w.Message = m.Formula + ": " + w.Message
			res.Warnings = append(res.Warnings, w)
		}
		return r, nil
	}
	var last *glm.Result
	for _, sp := range Specs {
		r, err := fit(sp.Model)
		if err != nil {
			return nil, err
		}
		c, ok := r.Coef(termForeign)
		if !ok {
			return nil, baserate.E(op, baserate.KindInternal, sp.Model.Formula+": no foreign_share coefficient")
		}
		res.Specifications = append(res.Specifications, Specification{ID: sp.ID, Label: sp.Label, Formula: r.Formula,
			FixedEffects: len(r.FixedEffects) > 0, ForeignShare: c, Change: percent(c), Fit: summary(r)})
		last = r
	}
	res.Full = model("recorded cases per resident, full model (e)", last)
	pf, err := fit(PerForeignResident)
	if err != nil {
		return nil, err
	}
	res.PerForeignResident = model("non-German suspects per foreign resident", pf)
	pfc, _ := pf.Coef(termForeign)
	res.Reading = Reading{Crude: percent(res.Specifications[0].ForeignShare), Adjusted: percent(res.Specifications[len(Specs)-1].ForeignShare),
		PerForeignResident: percent(pfc)}
	res.Caveats = caveats(q, res.Merged)
	return res, nil
}

func summary(r *glm.Result) FitSummary {
	s := FitSummary{Family: string(r.Family), SE: r.SE, NObs: r.NObs, Dropped: r.Dropped.Missing + r.Dropped.Separated,
		Deviance: r.Deviance, DFResidual: r.DFResidual, Converged: r.Converged}
	if len(r.Clusters) > 0 {
		s.Clusters = r.Clusters[0].Groups
	}
	if r.Theta != nil && finite(*r.Theta) && r.ThetaSE != nil && finite(*r.ThetaSE) {
		s.Theta, s.ThetaSE = r.Theta, r.ThetaSE
	}
	return s
}

func offenceLabel(key string) string {
	offs, err := bundle.Offences()
	if err != nil {
		return ""
	}
	for _, o := range offs {
		if o.Key == key {
			return o.Label
		}
	}
	return ""
}

func finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }
