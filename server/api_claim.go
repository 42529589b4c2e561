package server

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"mime"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/baserate/baserate"
	"github.com/baserate/baserate/claim"
	"github.com/baserate/baserate/factsheet"
	"github.com/baserate/baserate/web"
)

// ClaimResult is the answer of the claim check: what the claim says, the
// fact sheet it is checked against, and the assessment.
type ClaimResult struct {
	Claim *claim.Claim `json:"claim"`
	// Year and Offence are those of the figures: the claim's, or the
	// latest year and key 890000 where the claim names none.
	Year    int    `json:"year"`
	Offence string `json:"offence"`
	// Area is the AGS of the Land the claim names; empty for Germany.
	Area       string            `json:"area,omitempty"`
	Assessment *claim.Assessment `json:"assessment"`
	Sheet      *factsheet.Sheet  `json:"factsheet,omitempty"`
	Notes      []string          `json:"notes"`
	Caveats    []baserate.Caveat `json:"caveats"`
}

// query names the fact sheet the claim is checked against.
func (r *ClaimResult) query() factsheet.Query {
	return factsheet.Query{Year: r.Year, Offence: r.Offence, Area: r.Area}
}

// textTypes are the body types textInput reads.
var textTypes = []string{"application/json", "application/x-www-form-urlencoded", "multipart/form-data", "text/plain"}

// textInput reads the "text" of a request: the query for GET, a form
// field or a JSON object {"text": ...} for POST.
func textInput(r *http.Request, field string) (map[string]string, error) {
	out := map[string]string{}
	if r.Method == http.MethodGet {
		for k, v := range r.URL.Query() {
			out[k] = v[0]
		}
		return out, nil
	}
	ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	switch ct {
	case "application/json":
		var m map[string]any
		dec := json.NewDecoder(r.Body)
		if err := dec.Decode(&m); err != nil {
			return nil, baserate.E("", baserate.KindInvalid, fmt.Errorf("body: not a JSON object: %w", err))
		}
		for k, v := range m {
			switch x := v.(type) {
			case string:
				out[k] = x
			case float64:
				out[k] = strconv.FormatFloat(x, 'f', -1, 64)
			}
		}
	case "application/x-www-form-urlencoded", "multipart/form-data":
		if err := r.ParseMultipartForm(1 << 20); err != nil && err != http.ErrNotMultipart {
			return nil, baserate.E("", baserate.KindInvalid, fmt.Errorf("body: %w", err))
		}
		for k, v := range r.Form {
			out[k] = v[0]
		}
	case "text/plain", "":
		b, err := io.ReadAll(r.Body)
		if err != nil {
			return nil, err
		}
		out[field] = string(b)
	default:
		return nil, unsupportedType(ct, textTypes...)
	}
	return out, nil
}

// checkClaim parses text and checks it against the fact sheet it names.
func (s *Server) checkClaim(ctx context.Context, text string) (*ClaimResult, error) {
	c, err := claim.Parse(text)
	if err != nil {
		return nil, err
	}
	latest, err := s.latestYear(ctx)
	if err != nil {
		return nil, err
	}
	res := &ClaimResult{Claim: c, Year: c.Year, Offence: c.Offence, Notes: []string{}, Caveats: []baserate.Caveat{}}
	if res.Year == 0 {
		res.Year = latest
	}
	if res.Offence == "" {
		res.Offence = headlineKey
	}
	var area *factsheet.Area
	// The notes on how an area's figures were chosen: each replaces the
	// claim's note of the same code (over), or is added (extra), so that
	// the claim does not say one thing and the server another.
	var extra []string
	over := map[string]string{}
	say := func(code, msg string) {
		if slices.Contains(c.Notes, code) {
			over[code] = msg
		} else {
			extra = append(extra, msg)
		}
	}
	if c.Area != "" {
		if area, err = s.findArea(ctx, c.Area); err != nil {
			return nil, err
		}
		// A city-state's Land lacks most offences and the recent
		// years; its city's district has them.
		id, cs := claim.FigureArea(area.ID, res.Offence, c.Year, s.areaHas(ctx))
		if cs != nil {
			land := area.Name
			if area, err = s.findArea(ctx, id); err != nil {
				return nil, err
			}
			say("area-land", claim.CityStateNote(land, cs))
			if slices.Contains(c.Notes, "no-offence-area") {
				// The district has key 890000, as Germany.
				over["no-offence-area"] = claim.Note("no-offence")
			}
		}
		res.Area = area.ID
		defYear, defKey, err := s.areaDefaults(ctx, area)
		if err != nil {
			return nil, err
		}
		if c.Year == 0 {
			res.Year = defYear
			say("no-year", fmt.Sprintf("The claim names no year; for %s the latest year with figures is %d.", area.Name, defYear))
		}
		switch {
		case c.Offence == "":
			res.Offence = defKey
		case c.Offence == headlineKey && len(area.Keys) > 0 && !slices.Contains(area.Keys, headlineKey):
			// "Crime" in a Land: the Länder figures have all offences only.
			res.Offence = defKey
			say("offence-all", fmt.Sprintf("For %s, crime in general is taken as all offences (key %s, which includes residence-law offences): the Länder figures have no other key.", area.Name, defKey))
		}
	}
	// Germany's figures for crime in general (890000) start in 2002; for
	// an earlier year all offences (------) stand in, and the notes say
	// what that changes.
	stand := claim.Figures{Notes: over}
	if area == nil {
		if k := claim.FigureKey(res.Offence, res.Year, s.hasYear(ctx)); k != res.Offence {
			stand = claim.Figures{Year: res.Year, Offence: k, InsteadOf: res.Offence}
			res.Offence = k
		}
	}
	var told []string // the notes on the figures' choice, for a claim without figures
	for _, n := range c.Notes {
		if m := claim.NoteFor(n, stand); m != "" {
			res.Notes = append(res.Notes, m)
			if _, ok := over[n]; ok {
				told = append(told, m)
			}
		}
	}
	if m := claim.FallbackNote(stand); m != "" {
		res.Notes = append(res.Notes, m)
	}
	res.Notes = append(res.Notes, extra...)
	if !c.Understood() {
		res.Assessment = claim.Check(c, claim.Figures{})
		return res, nil
	}
	sh, err := s.sheet(ctx, res.query())
	if baserate.KindOf(err) == baserate.KindNotFound {
		res.Assessment = &claim.Assessment{Verdict: claim.Uncheckable, Rows: []claim.Row{}, Framing: append(told, extra...),
			Summary: "There are no figures for this claim: " + baserate.Message(err) + "."}
		if res.Assessment.Framing == nil {
			res.Assessment.Framing = []string{}
		}
		return res, nil
	}
	if err != nil {
		return nil, err
	}
	res.Sheet = sh
	res.Caveats = sh.Caveats
	figs := figuresOf(sh)
	figs.InsteadOf, figs.Notes = stand.InsteadOf, over
	if c.ValueFrom != nil && c.YearFrom != 0 {
		// "Rose from 30% in 2015 to 41%": the earlier value is checked
		// against the same key and place in its year, where there are
		// figures.
		q := res.query()
		q.Year = c.YearFrom
		esh, err := s.sheet(ctx, q)
		switch {
		case err == nil:
			e := figuresOf(esh)
			figs.Earlier = &e
		case baserate.KindOf(err) != baserate.KindNotFound:
			return nil, err
		}
	}
	res.Assessment = claim.Check(c, figs)
	res.Assessment.Framing = append(extra, res.Assessment.Framing...)
	return res, nil
}

// areaHas reports whether an area has figures for a key in a year (0: in
// some year), for claim.FigureArea.
func (s *Server) areaHas(ctx context.Context) func(id, key string, year int) bool {
	return func(id, key string, year int) bool {
		a, err := s.findArea(ctx, id)
		if err != nil {
			return false
		}
		return (len(a.Keys) == 0 || slices.Contains(a.Keys, key)) && (year == 0 || slices.Contains(a.Years, year))
	}
}

// figuresOf copies the numbers a claim check needs from a fact sheet.
func figuresOf(sh *factsheet.Sheet) claim.Figures {
	f := claim.Figures{
		Year: sh.Year, Offence: sh.Offence.Key, OffenceLabel: offenceName(sh.Offence),
		Share: sh.ShareOfSuspects.Share, ShareLo: sh.ShareOfSuspects.CI[0], ShareHi: sh.ShareOfSuspects.CI[1],
		PopShare:   sh.ShareOfPopulation,
		RateGerman: sh.German.Rate, RateNonGerman: sh.NonGerman.Rate,
		Ratio: sh.RateRatio.Ratio, RatioLo: sh.RateRatio.CI[0], RatioHi: sh.RateRatio.CI[1],
		StdRatio:       math.NaN(),
		SuspectsGerman: sh.German.Suspects, SuspectsNonGerman: sh.NonGerman.Suspects,
	}
	if sh.Area != nil {
		f.Area = sh.Area.Name
	}
	if i := richestStd(sh); i >= 0 {
		st := sh.Standardized[i]
		f.StdRatio = st.IndirectRatio
		f.StdLabel = strings.Join(st.Factors, " and ")
		f.StdKey = "standardized." + strconv.Itoa(i) + ".indirect_ratio"
	}
	return f
}

// richestStd is the index of the standardization with the most factors,
// or -1.
func richestStd(sh *factsheet.Sheet) int {
	best := -1
	for i, st := range sh.Standardized {
		if best < 0 || len(st.Factors) > len(sh.Standardized[best].Factors) {
			best = i
		}
	}
	return best
}

// offenceName is a short English name for the common keys, else the PKS
// label.
func offenceName(o factsheet.Offence) string {
	if n := web.OffenceName(o.Key); n != "" {
		return n
	}
	return o.Label + " (key " + o.Key + ")"
}

func (s *Server) apiClaim(w http.ResponseWriter, r *http.Request) {
	in, err := textInput(r, "text")
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	text := in["text"]
	if strings.TrimSpace(text) == "" {
		s.writeProblem(w, r, badParam("text", "is required: the claim to check, such as \"migrants commit 40% of rapes\""))
		return
	}
	res, err := s.checkClaim(r.Context(), text)
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	s.writeJSON(w, r, http.StatusOK, res)
}
