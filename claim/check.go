package claim

import (
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
)

// Figures are the official numbers a claim is checked against, for one
// year and offence, as the rates engine reports them (package factsheet).
// NaN marks a figure that is not available.
type Figures struct {
	Year         int
	Offence      string
	OffenceLabel string
	// Area names the place of the figures when it is not Germany
	// ("Bayern").
	Area string
	// Share is the non-German share of suspects, with its interval.
	Share, ShareLo, ShareHi float64
	// PopShare is the non-German share of the population.
	PopShare float64
	// Rates per 100,000 residents.
	RateGerman, RateNonGerman float64
	// Ratio is the non-German over the German crude rate, with interval.
	Ratio, RatioLo, RatioHi float64
	// StdRatio is the ratio after standardization (NaN when the year has
	// no age breakdown); StdLabel says how it was standardized.
	StdRatio float64
	StdLabel string
	// StdKey is the path of StdRatio in the fact-sheet JSON.
	StdKey string
	// Suspect counts.
	SuspectsGerman, SuspectsNonGerman float64
	// InsteadOf is the claim's offence key when the figures are for
	// another (Offence) that stands in for it in their year: all offences
	// for crime in general before 2002 (see FigureKey). Check then says so
	// first in the framing.
	InsteadOf string
	// Notes replace the message of a note code of the claim for these
	// figures ("" leaves the note out): the checker that chose them may
	// know better than the claim what they are ("no-year": which year
	// an area's figures are for). See NoteFor.
	Notes map[string]string
	// Earlier are the figures of the claim's earlier year (YearFrom) when
	// the claim gives an earlier value (ValueFrom, "rose from 30% to
	// 41%") and the data have that year; nil otherwise.
	Earlier *Figures
}

// Verdicts of a check.
const (
	Matches     = "matches"     // the number agrees with the figure
	Overstates  = "overstates"  // the number is above the figure
	Understates = "understates" // the number is below the figure
	Uncheckable = "uncheckable" // the claim lacks a group or a number
)

// Tolerance is how far a claimed number may be from the figure and still
// match: 10% of the figure, and for shares at least 2 percentage points.
const Tolerance = 0.10

// Row is one line of the comparison table: what the claim says next to
// the figure it is compared with.
type Row struct {
	Label   string  `json:"label"`
	Claimed string  `json:"claimed,omitempty"`
	Figure  float64 `json:"figure"`
	// Format says how to show Figure: "pct", "ratio", "rate", "count".
	Format string  `json:"format"`
	Lo     float64 `json:"lo"`
	Hi     float64 `json:"hi"`
	// Key names the figure in the fact-sheet API (for the browser tests).
	Key string `json:"key"`
}

// Assessment is the outcome of checking a claim against figures.
type Assessment struct {
	// Says restates the claim in plain words.
	Says string `json:"says"`
	// Verdict is one of Matches, Overstates, Understates, Uncheckable; it
	// compares the claim's number with the figure that measures the same
	// thing (for a share, the share of suspects; for a ratio, the crude
	// rate ratio).
	Verdict string `json:"verdict"`
	Summary string `json:"summary"`
	Rows    []Row  `json:"rows"`
	// Framing explains how the claim's framing compares with the figures.
	Framing []string `json:"framing"`
}

var groupLabel = map[string]string{"nichtdeutsch": "non-German citizens", "deutsch": "German citizens"}

func pct(v float64) string { return strconv.FormatFloat(100*v, 'f', 1, 64) + "%" }

func num(v float64) string {
	if v == math.Trunc(v) {
		return strconv.FormatFloat(v, 'f', 0, 64)
	}
	return strconv.FormatFloat(v, 'f', 2, 64)
}

var cmpWords = map[string]string{"": "", "~": "about ", ">": "more than ", ">=": "at least ", "<": "less than ", "<=": "at most ", "~<": "almost ", "~>": "just over ", "between": "between "}

// verdict compares claimed with actual under the claim's comparator.
func verdict(cmp string, claimed, actual, minAbs float64) string {
	tol := math.Max(Tolerance*math.Abs(actual), minAbs)
	switch cmp {
	case ">":
		if actual > claimed {
			return Matches
		}
		return Overstates
	case ">=":
		if actual >= claimed-1e-12 {
			return Matches
		}
		return Overstates
	case "<":
		if actual < claimed {
			return Matches
		}
		return Understates
	case "<=":
		if actual <= claimed+1e-12 {
			return Matches
		}
		return Understates
	case "~<":
		switch {
		case actual > claimed+tol/2:
			return Understates
		case actual < claimed-tol:
			return Overstates
		}
		return Matches
	case "~>":
		// "just over", "kaum mehr als": about the number, at most a
		// little below it.
		switch {
		case actual < claimed-tol/2:
			return Overstates
		case actual > claimed+tol:
			return Understates
		}
		return Matches
	}
	switch {
	case math.Abs(claimed-actual) <= tol:
		return Matches
	case claimed > actual:
		return Overstates
	}
	return Understates
}

// between compares a claimed range with actual: it matches when actual
// lies in the range widened by the tolerance.
func between(lo, hi, actual, minAbs float64) string {
	tol := math.Max(Tolerance*math.Abs(actual), minAbs)
	switch {
	case actual < lo-tol:
		return Overstates
	case actual > hi+tol:
		return Understates
	}
	return Matches
}

// claimed writes the claim's number for the comparison table.
func claimed(c *Claim, show func(float64) string) string {
	if c.Comparator == "between" && c.ValueHi != nil {
		return show(c.Value) + "–" + show(*c.ValueHi)
	}
	return cmpWords[c.Comparator] + show(c.Value)
}

// Check compares the claim with the figures. It only compares: every
// number it shows is one of the figures or the claim's own.
func Check(c *Claim, f Figures) *Assessment {
	a := &Assessment{Rows: []Row{}, Framing: []string{}}
	off := f.OffenceLabel
	if off == "" {
		off = "key " + f.Offence
	}
	if f.Area != "" {
		off += " in " + f.Area
	}
	who := groupLabel[c.Group]
	if part := subsetGroup(c); part != "" {
		// The claim's own group, which the figures approximate.
		who = strconv.Quote(part) + " (counted among " + who + ")"
	}
	if c.Country != "" {
		a.Verdict = Uncheckable
		a.Summary = fmt.Sprintf(Note("country"), c.Country)
		return a
	}
	if c.Nationality != "" && c.Group == "" {
		a.Verdict = Uncheckable
		a.Summary = fmt.Sprintf(Note("nationality"), c.Nationality)
		return a
	}
	if !c.Understood() {
		a.Verdict = Uncheckable
		var miss []string
		for _, m := range c.Missing {
			if m == "group" || m == "number" {
				miss = append(miss, m)
			}
		}
		a.Summary = "The claim cannot be checked: it names no " + strings.Join(miss, " and no ") + " that this checker understands."
		if slices.Contains(c.Notes, "trend") {
			a.Summary += " " + Note("trend")
		}
		if len(c.Unparsed) > 0 {
			var un []string
			for _, u := range c.Unparsed {
				un = append(un, strconv.Quote(u.Text))
			}
			a.Summary += " Not understood: " + strings.Join(un, ", ") + "."
		}
		return a
	}
	german := c.Group == "deutsch"
	shareRow := Row{Label: "Non-German share of suspects", Figure: f.Share, Lo: f.ShareLo, Hi: f.ShareHi, Format: "pct", Key: "share_of_suspects.share"}
	popRow := Row{Label: "Non-German share of the population", Figure: f.PopShare, Lo: math.NaN(), Hi: math.NaN(), Format: "pct", Key: "share_of_population"}
	ratioRow := Row{Label: "Rate ratio, non-German to German (crude)", Figure: f.Ratio, Lo: f.RatioLo, Hi: f.RatioHi, Format: "ratio", Key: "rate_ratio.ratio"}
	stdRow := Row{Label: "Rate ratio standardized for " + f.StdLabel + " (indirect, with German rates)", Figure: f.StdRatio, Lo: math.NaN(), Hi: math.NaN(), Format: "ratio", Key: f.StdKey}
	rateRows := []Row{
		{Label: "Non-German suspects per 100,000 residents", Figure: f.RateNonGerman, Lo: math.NaN(), Hi: math.NaN(), Format: "rate", Key: "non_german.rate"},
		{Label: "German suspects per 100,000 residents", Figure: f.RateGerman, Lo: math.NaN(), Hi: math.NaN(), Format: "rate", Key: "german.rate"},
	}
	// The figure that measures what the claim's number measures; the
	// earlier value of a from-to claim is measured the same way.
	actual := measure(c, f)
	var minAbs float64
	cw := cmpWords[c.Comparator]
	switch c.Kind {
	case KindShare:
		minAbs = 0.02
		if german {
			shareRow.Label = "German share of suspects"
			shareRow.Figure, shareRow.Lo, shareRow.Hi = 1-f.Share, 1-f.ShareHi, 1-f.ShareLo
			shareRow.Key = ""
		}
		shareRow.Claimed = claimed(c, pct)
		if c.PopulationShare != nil && !german {
			popRow.Claimed = pct(*c.PopulationShare)
		}
		a.Says = fmt.Sprintf("%s are %s of the suspects of %s in %d.", capital(who), claimed(c, pct), off, f.Year)
		a.Rows = append(a.Rows, shareRow, popRow, ratioRow)
		a.Framing = append(a.Framing, Note("share-not-rate"))
	case KindRatio:
		ratioRow.Claimed = claimed(c, func(v float64) string { return num(v) + "×" })
		switch {
		case c.Comparator == ">" && c.Value == 1:
			ratioRow.Claimed = "over-represented (> 1×)"
			a.Says = fmt.Sprintf("%s are over-represented among suspects of %s in %d.", capital(who), off, f.Year)
		case c.Comparator == "<" && c.Value == 1:
			ratioRow.Claimed = "under-represented (< 1×)"
			a.Says = fmt.Sprintf("%s are under-represented among suspects of %s in %d.", capital(who), off, f.Year)
		case c.Comparator == "<=" && c.Value == 1:
			ratioRow.Claimed = "not over-represented (≤ 1×)"
			a.Says = fmt.Sprintf("%s are not over-represented among suspects of %s in %d.", capital(who), off, f.Year)
		default:
			other := groupLabel["deutsch"]
			if german {
				other = groupLabel["nichtdeutsch"]
			}
			a.Says = fmt.Sprintf("%s are suspected of %s %s%s times as often as %s, per resident, in %d.", capital(who), off, cw, num(c.Value), other, f.Year)
		}
		a.Rows = append(a.Rows, ratioRow)
		if !math.IsNaN(f.StdRatio) {
			a.Rows = append(a.Rows, stdRow)
		}
		a.Rows = append(a.Rows, rateRows...)
		a.Rows = append(a.Rows, shareRow, popRow)
		a.Framing = append(a.Framing, Note("rate-crude"), Note("denominator"))
	case KindRate:
		per := c.Per
		if per == 0 {
			per = 100000
		}
		rateRows[0].Claimed = cw + num(c.Value) + " per " + num(per)
		if german {
			rateRows[0], rateRows[1] = rateRows[1], rateRows[0]
			rateRows[0].Claimed, rateRows[1].Claimed = rateRows[1].Claimed, ""
		}
		a.Says = fmt.Sprintf("%s: %s%s %s of %s per %s %s in %d.", capital(who), cw, num(c.Value), plural(c.Value, "suspect", "suspects"), off, num(per), plural(per, "resident", "residents"), f.Year)
		a.Rows = append(a.Rows, rateRows...)
		a.Rows = append(a.Rows, ratioRow)
		a.Framing = append(a.Framing, Note("denominator"))
	case KindCount:
		key := "non_german.suspects"
		if german {
			key = "german.suspects"
		}
		a.Says = fmt.Sprintf("%s%s %s were suspects of %s in %d.", capital(cw), num(c.Value), who, off, f.Year)
		a.Rows = append(a.Rows, Row{Label: "Suspects (" + who + ")", Claimed: cw + num(c.Value), Figure: actual, Lo: math.NaN(), Hi: math.NaN(), Format: "count", Key: key})
		a.Rows = append(a.Rows, shareRow, popRow)
	}
	if c.Comparator == "between" && c.ValueHi != nil {
		a.Verdict = between(c.Value, *c.ValueHi, actual, minAbs)
	} else {
		a.Verdict = verdict(c.Comparator, c.Value, actual, minAbs)
	}
	a.Summary = summary(a.Verdict, c, actual)
	if part := subsetGroup(c); part != "" && (c.Kind == KindShare || c.Kind == KindCount) {
		// Asylum seekers, refugees, people without a residence permit:
		// a part of the non-German suspects that the figures do not
		// separate. Their share or count is at most the non-Germans', so
		// the figure refutes a claim above it and says nothing of one
		// below.
		what := map[Kind]string{KindShare: "share of suspects", KindCount: "number of suspects"}[c.Kind]
		if a.Verdict == Overstates {
			a.Summary = fmt.Sprintf(Note("subset-over"), part, what, show(c.Kind, actual))
		} else {
			a.Verdict = Uncheckable
			a.Summary = fmt.Sprintf(Note("subset-bound"), part, what, show(c.Kind, actual), claimed(c, func(v float64) string { return show(c.Kind, v) }))
		}
	}
	if c.ValueFrom != nil && len(c.Problems) == 0 {
		a.earlier(c, f, minAbs)
	}
	if len(c.Problems) > 0 {
		// The figures are shown, but a claim that cannot be true as
		// stated gets no verdict on its number.
		a.Verdict = Uncheckable
		a.Summary = "The claim cannot be true as stated: " + strings.Join(c.Problems, " ")
	}
	switch {
	case c.YearFrom != 0 && c.LatestYear:
		a.Framing = append(a.Framing, fmt.Sprintf(Note("year-since"), c.YearFrom, f.Year))
	case c.YearFrom != 0 && c.ValueFrom == nil:
		// (With an earlier value, the summary names both years.)
		a.Framing = append(a.Framing, fmt.Sprintf(Note("year-range"), c.YearFrom, c.Year, f.Year))
	case c.LatestYear:
		a.Framing = append(a.Framing, fmt.Sprintf(Note("latest-year-taken"), f.Year))
	}
	for _, n := range c.Notes {
		if n == "no-number" && c.Kind == KindRatio || n == "latest-year" && c.LatestYear {
			continue
		}
		if m := NoteFor(n, f); m != "" {
			a.Framing = append(a.Framing, m)
		}
	}
	if c.Kind == KindRatio && !math.IsNaN(f.StdRatio) {
		a.Framing = append([]string{fmt.Sprintf("The crude ratio is %.2f; standardized for %s it is %.2f.", f.Ratio, f.StdLabel, f.StdRatio)}, a.Framing...)
	}
	if m := FallbackNote(f); m != "" {
		// What the figures are comes before how they compare.
		a.Framing = append([]string{m}, a.Framing...)
	}
	return a
}

// measure is the figure in f that measures what the claim's number
// measures.
func measure(c *Claim, f Figures) float64 {
	german := c.Group == "deutsch"
	switch c.Kind {
	case KindShare:
		if german {
			return 1 - f.Share
		}
		return f.Share
	case KindRatio:
		if german {
			return 1 / f.Ratio
		}
		return f.Ratio
	case KindRate:
		per := c.Per
		if per == 0 {
			per = 100000
		}
		if german {
			return f.RateGerman * per / 100000
		}
		return f.RateNonGerman * per / 100000
	case KindCount:
		if german {
			return f.SuspectsGerman
		}
		return f.SuspectsNonGerman
	}
	return math.NaN()
}

// earlier checks the claim's earlier value ("rose from 30% to 41%")
// against the figures of its year, f.Earlier: a row in the table and a
// sentence in the summary. Without a year, or without figures for it, a
// note says that only the later value is checked. The verdict stays that
// of the later value, the claim's number.
func (a *Assessment) earlier(c *Claim, f Figures, minAbs float64) {
	from := show(c.Kind, *c.ValueFrom)
	switch {
	case c.YearFrom == 0:
		a.Framing = append(a.Framing, fmt.Sprintf(Note("from-no-year"), from))
		return
	case f.Earlier == nil:
		a.Framing = append(a.Framing, fmt.Sprintf(Note("from-no-figures"), from, c.YearFrom))
		return
	}
	actual := measure(c, *f.Earlier)
	if len(a.Rows) > 0 {
		// The row of the claim's number, for the earlier year: from
		// another sheet, so no key of this one.
		r := a.Rows[0]
		r.Label += " in " + strconv.Itoa(f.Earlier.Year)
		r.Claimed, r.Figure, r.Key = from, actual, ""
		r.Lo, r.Hi = math.NaN(), math.NaN()
		a.Rows = slices.Insert(a.Rows, 1, r)
	}
	v := verdict("", *c.ValueFrom, actual, minAbs)
	if subsetGroup(c) != "" && (c.Kind == KindShare || c.Kind == KindCount) {
		// A part of the non-Germans: the figure of all of them is only
		// an upper bound for theirs, as for the later value. It refutes
		// an earlier value above it and says nothing of one below.
		what := map[Kind]string{KindShare: "share of suspects", KindCount: "number of suspects"}[c.Kind]
		code := "from-subset-bound"
		if v == Overstates {
			code = "from-subset-over"
		}
		a.Summary += " " + fmt.Sprintf(Note(code), from, f.Earlier.Year, what, show(c.Kind, actual))
		return
	}
	how := map[string]string{Matches: "agrees with", Overstates: "is above", Understates: "is below"}[v]
	a.Summary += " " + fmt.Sprintf(Note("from-checked"), from, f.Earlier.Year, how, show(c.Kind, actual))
}

// plural is one when v is 1, else many: "1 suspect", "0.56 suspects".
func plural(v float64, one, many string) string {
	if v == 1 {
		return one
	}
	return many
}

// Subset returns the words of the claim's group when it is a part of the
// non-German citizens that the figures do not separate (asylum seekers,
// refugees, people without a residence permit), else "".
func (c *Claim) Subset() string { return subsetGroup(c) }

// subsetGroup returns the words of the claim's group when it is a part of
// the non-German citizens that the figures do not separate (its framing
// note is frame-asylum or frame-irregular), else "".
func subsetGroup(c *Claim) string {
	if c.Group != "nichtdeutsch" || !slices.Contains(c.Notes, "frame-asylum") && !slices.Contains(c.Notes, "frame-irregular") {
		return ""
	}
	for _, p := range c.Parts {
		if p.Role == "group" {
			return p.Text
		}
	}
	return ""
}

func capital(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

func show(k Kind, v float64) string {
	switch k {
	case KindShare:
		return pct(v)
	case KindRatio:
		return strconv.FormatFloat(v, 'f', 2, 64) + "×"
	case KindCount:
		return strconv.FormatFloat(v, 'f', 0, 64)
	}
	return strconv.FormatFloat(v, 'f', 1, 64)
}

func summary(v string, c *Claim, actual float64) string {
	what := map[Kind]string{KindShare: "the police share of suspects", KindRatio: "the crude rate ratio", KindRate: "the police rate", KindCount: "the police count"}[c.Kind]
	fig := show(c.Kind, actual)
	if c.Kind == KindRate {
		// "0.56 per 10": a rate needs its base, and a small one its
		// second decimal.
		per := c.Per
		if per == 0 {
			per = 100000
		}
		fig = strconv.FormatFloat(actual, 'f', 2, 64) + " per " + num(per)
	}
	switch v {
	case Matches:
		return fmt.Sprintf("The number agrees with %s (%s).", what, fig)
	case Overstates:
		return fmt.Sprintf("The claim overstates: %s is %s.", what, fig)
	case Understates:
		return fmt.Sprintf("The claim understates: %s is %s.", what, fig)
	}
	return ""
}

// nullable turns NaN into a JSON null.
func nullable(v float64) *float64 {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return nil
	}
	return &v
}

// MarshalJSON writes missing figures and bounds (NaN) as null.
func (r Row) MarshalJSON() ([]byte, error) {
	type plain Row
	return json.Marshal(struct {
		plain
		Figure *float64 `json:"figure"`
		Lo     *float64 `json:"lo"`
		Hi     *float64 `json:"hi"`
	}{plain(r), nullable(r.Figure), nullable(r.Lo), nullable(r.Hi)})
}
