package server

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/baserate/baserate"
	"github.com/baserate/baserate/factsheet"
)

// MaxText bounds a text posted for coding.
const MaxText = 256 << 10

func (s *Server) coder() (Coder, error) {
	if s.cfg.Engines.Coder == nil {
		return nil, baserate.E("", baserate.KindNotFound, "this server runs without the media engine")
	}
	return s.cfg.Engines.Coder, nil
}

// articleInput reads an article (text, and optionally title, lang, date,
// source, id) from a request.
func articleInput(r *http.Request) (baserate.Article, map[string]string, error) {
	in, err := textInput(r, "text")
	if err != nil {
		return baserate.Article{}, nil, err
	}
	a := baserate.Article{ID: in["id"], Text: in["text"], Title: in["title"], Lang: in["lang"], Date: in["date"], Source: in["source"]}
	if strings.TrimSpace(a.Text) == "" {
		return a, in, badParam("text", "is required: the news item, police release or incident report to code")
	}
	if len(a.Text) > MaxText {
		return a, in, baserate.E("", baserate.KindTooLarge, "text: longer than 256 KiB; paste one item")
	}
	if a.ID == "" {
		a.ID = "posted"
	}
	return a, in, nil
}

func (s *Server) apiMediaCode(w http.ResponseWriter, r *http.Request) {
	c, err := s.coder()
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	a, _, err := articleInput(r)
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	s.writeJSON(w, r, http.StatusOK, c.Code(a))
}

// familyOrder is the order in which offence families are preferred when a
// text reports several: the gravest first.
var familyOrder = []string{"violent", "sexual", "property", "fraud", "drugs", "weapons", "immigration", "other", "traffic"}

// IncidentResult places one coded text against the base rate of its
// offence and year. It never presents the incident as evidence by itself.
type IncidentResult struct {
	Coding baserate.Coding `json:"coding"`
	// Family is the offence family the base rate is for; Offence its PKS
	// key, FamilyNote how well the key matches the family.
	Family     string `json:"family"`
	Offence    string `json:"offence"`
	FamilyNote string `json:"family_note"`
	// Year is the year of the base rate; YearFrom says where it came from.
	Year     int              `json:"year"`
	YearFrom string           `json:"year_from"`
	Sheet    *factsheet.Sheet `json:"factsheet,omitempty"`
	// NoBaseRate says why there is no base rate, when there is none.
	NoBaseRate string            `json:"no_base_rate,omitempty"`
	Media      *MediaNaming      `json:"media,omitempty"`
	Reminder   string            `json:"reminder"`
	Caveats    []baserate.Caveat `json:"caveats"`
}

// reminder is shown with every incident.
const reminder = "A single incident says nothing about how often a group offends. The base rate below is what the official statistics say for this offence and year; the incident is shown against it, not as evidence."

func (s *Server) incident(ctx context.Context, a baserate.Article, yearParam string) (*IncidentResult, error) {
	c, err := s.coder()
	if err != nil {
		return nil, err
	}
	f, err := s.facts()
	if err != nil {
		return nil, err
	}
	res := &IncidentResult{Coding: c.Code(a), Reminder: reminder, Caveats: []baserate.Caveat{}}
	fams, err := f.Families(ctx)
	if err != nil {
		return nil, err
	}
	for _, fam := range familyOrder {
		if !slices.Contains(res.Coding.Categories, fam) {
			continue
		}
		for _, bf := range fams {
			if bf.Family == fam {
				res.Family, res.Offence, res.FamilyNote = fam, bf.Key, bf.Note
			}
		}
		if res.Offence != "" {
			break
		}
	}
	// The year must be one the base rate's key has figures for (most keys
	// 1987-2024, not only those of key 890000); without a base rate, any
	// year with figures.
	var years []int
	if res.Coding.Crime && res.Offence != "" {
		years, err = s.keyYears(ctx, res.Offence)
	} else {
		years, err = s.years(ctx)
	}
	if err != nil {
		return nil, err
	}
	has := "there are figures for " + yearsText(years)
	if res.Coding.Crime && res.Offence != "" {
		has = "the base rate of the text's offence family (" + res.Family + ") is PKS key " + res.Offence + ", which has figures for " + yearsText(years)
	}
	latest := years[len(years)-1]
	res.Year, res.YearFrom = latest, "the latest year in the data (the text has no date)"
	if yearParam != "" {
		y, err := strconv.Atoi(strings.TrimSpace(yearParam))
		if err != nil {
			return nil, badParam("year", strconv.Quote(yearParam)+" is not a whole number")
		}
		if !slices.Contains(years, y) {
			return nil, badParam("year", fmt.Sprintf("%d is not a year with data: %s", y, has))
		}
		res.Year, res.YearFrom = y, "the year asked for"
	} else if len(a.Date) >= 4 {
		if y, err := strconv.Atoi(a.Date[:4]); err == nil {
			if slices.Contains(years, y) {
				res.Year, res.YearFrom = y, "the text's date"
			} else {
				res.YearFrom = "the latest year in the data (the text's year " + a.Date[:4] + " has none: " + has + ")"
			}
		}
	}
	switch {
	case !res.Coding.Crime:
		res.NoBaseRate = "The text does not read as a crime report, so there is no offence to give a base rate for."
	case res.Offence == "":
		res.NoBaseRate = "The text reports no offence family that the police statistics count (" + strings.Join(res.Coding.Categories, ", ") + ")."
	default:
		sh, err := s.sheet(ctx, factsheet.Query{Year: res.Year, Offence: res.Offence})
		if err != nil {
			return nil, err
		}
		res.Sheet = sh
		res.Caveats = sh.Caveats
		res.Media = s.mediaNaming(ctx, res.Family)
	}
	return res, nil
}

func (s *Server) apiIncident(w http.ResponseWriter, r *http.Request) {
	a, in, err := articleInput(r)
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	res, err := s.incident(r.Context(), a, in["year"])
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	s.writeJSON(w, r, http.StatusOK, res)
}
