package server

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/baserate/baserate"
	"github.com/baserate/baserate/factsheet"
)

// areaState indexes the rates engine's areas, built on the first
// success (an error is not kept: the next request tries again).
type areaState struct {
	areasMu sync.Mutex
	areaIdx atomic.Pointer[areaIndex]
}

type areaIndex struct {
	list []factsheet.Area
	byID map[string]int
	name map[string][]int // lower-case name → indexes
}

// areas returns the areas of the rates engine, Germany first.
func (s *Server) areas(ctx context.Context) ([]factsheet.Area, error) {
	ix, err := s.areaIndex(ctx)
	if err != nil {
		return nil, err
	}
	return ix.list, nil
}

func (s *Server) areaIndex(ctx context.Context) (*areaIndex, error) {
	if ix := s.areaIdx.Load(); ix != nil {
		return ix, nil
	}
	s.areasMu.Lock()
	defer s.areasMu.Unlock()
	if ix := s.areaIdx.Load(); ix != nil {
		return ix, nil
	}
	f, err := s.facts()
	if err != nil {
		return nil, err
	}
	as, err := f.Areas(ctx)
	if err != nil {
		return nil, err
	}
	ix := &areaIndex{list: as, byID: make(map[string]int, len(as)), name: make(map[string][]int, len(as))}
	for i, a := range as {
		ix.byID[a.ID] = i
		n := strings.ToLower(a.Name)
		ix.name[n] = append(ix.name[n], i)
	}
	s.areaIdx.Store(ix)
	return ix, nil
}

// germany is the area of the national sheets.
const germany = "DE"

// findArea returns the area with the given AGS ("09", "09162", "DE") or,
// when exactly one has it, name. "" is Germany. An unknown or ambiguous
// area is an error of kind NotFound about the parameter "area" that says
// what there is.
func (s *Server) findArea(ctx context.Context, id string) (*factsheet.Area, error) {
	ix, err := s.areaIndex(ctx)
	if err != nil {
		return nil, err
	}
	as := ix.list
	id = strings.TrimSpace(id)
	if id == "" {
		id = germany
	}
	if i, ok := ix.byID[strings.ToUpper(id)]; ok {
		return &as[i], nil
	}
	switch m := ix.name[strings.ToLower(id)]; len(m) {
	case 1:
		return &as[m[0]], nil
	case 0:
		return nil, baserate.E("", baserate.KindNotFound, &paramError{ParamError{"area", "no area " + strconv.Quote(id) + ": " + areaSummary(as)}})
	default:
		var c []string
		for _, i := range m {
			c = append(c, as[i].ID+" ("+levelName(as[i])+")")
		}
		return nil, baserate.E("", baserate.KindNotFound, &paramError{ParamError{"area", fmt.Sprintf("area %q is ambiguous: %s; give the AGS", id, strings.Join(c, ", "))}})
	}
}

// areaSummary says in one sentence which areas there are.
func areaSummary(as []factsheet.Area) string {
	var laender []string
	var kreise int
	var kYears, lYears []int
	for _, a := range as {
		switch a.Level {
		case factsheet.LevelLand:
			laender = append(laender, a.ID+" "+a.Name)
			lYears = mergeYears(lYears, a.Years)
		case factsheet.LevelKreis:
			kreise++
			kYears = mergeYears(kYears, a.Years)
		}
	}
	return fmt.Sprintf("the areas are DE (Germany, every key), the %d Länder by two-digit AGS (%s; %s, key ------ only) and %d districts by five-digit AGS (%s, 12 keys; such as 09162 for München); /api/v1/areas lists them with their years and keys",
		len(laender), strings.Join(laender, ", "), yearsText(lYears), kreise, yearsText(kYears))
}

func mergeYears(a, b []int) []int {
	for _, y := range b {
		if !slices.Contains(a, y) {
			a = append(a, y)
		}
	}
	slices.Sort(a)
	return a
}

// yearsText writes 2010–2020 for a run of years, else "2020 and 2022".
func yearsText(ys []int) string {
	if len(ys) == 0 {
		return "no years"
	}
	if len(ys) > 2 && ys[len(ys)-1]-ys[0] == len(ys)-1 {
		return fmt.Sprintf("%d–%d", ys[0], ys[len(ys)-1])
	}
	var s []string
	for _, y := range ys {
		s = append(s, strconv.Itoa(y))
	}
	if len(s) <= 2 {
		return strings.Join(s, " and ")
	}
	return strings.Join(s[:len(s)-1], ", ") + " and " + s[len(s)-1]
}

// levelName is how the pages name an area's level.
func levelName(a factsheet.Area) string {
	switch a.Level {
	case factsheet.LevelCountry:
		return "country"
	case factsheet.LevelLand:
		return "Land"
	case factsheet.LevelKreis:
		if a.Settlement == "urban" {
			return "district, urban"
		}
		return "district, rural"
	}
	return a.Level
}

// areaDefaults are the year and key a sheet of area a shows when the
// request names none: the area's latest year, and key 890000 where the
// area has it, else its first key (all offences, ------, for a Land).
func (s *Server) areaDefaults(ctx context.Context, a *factsheet.Area) (year int, key string, err error) {
	if a.ID == germany {
		ys, err := s.keyYears(ctx, headlineKey)
		if err != nil {
			return 0, "", err
		}
		return ys[len(ys)-1], headlineKey, nil
	}
	if len(a.Years) == 0 {
		return 0, "", baserate.E("", baserate.KindInternal, "area "+a.ID+" has no years")
	}
	key = headlineKey
	if len(a.Keys) > 0 && !slices.Contains(a.Keys, headlineKey) {
		key = a.Keys[0]
	}
	return a.Years[len(a.Years)-1], key, nil
}

// queryArea is the area of a factsheet.Query: "" for Germany (so the
// national sheet is the rates engine's plain one), else the AGS.
func queryArea(a *factsheet.Area) string {
	if a == nil || a.ID == germany {
		return ""
	}
	return a.ID
}

// AreaList is the answer of /api/v1/areas.
type AreaList struct {
	Areas []factsheet.Area `json:"areas"`
	Note  string           `json:"note"`
}

const areasNote = "Germany has fact sheets for 1987-2024 and every PKS key, with age (and for 2024 age and sex) standardization. Länder (2010-2020) have all offences (------) only, from a compiled Länder panel; districts (2020, 2022) have the 12 keys of the BKA district tables. Area sheets are crude only (no suspects by age) and carry caveats: suspects are counted once per district and where the offence was registered, not where they live."

func (s *Server) apiAreas(w http.ResponseWriter, r *http.Request) {
	level := r.URL.Query().Get("level")
	switch level {
	case "", factsheet.LevelCountry, factsheet.LevelLand, factsheet.LevelKreis:
	default:
		s.writeProblem(w, r, badParam("level", "must be country, land or kreis, not "+strconv.Quote(level)))
		return
	}
	s.serveCached(w, r, "api-areas\x00"+level, func() (*body, error) {
		as, err := s.areas(r.Context())
		if err != nil {
			return nil, err
		}
		out := AreaList{Areas: []factsheet.Area{}, Note: areasNote}
		for _, a := range as {
			if level == "" || a.Level == level {
				out.Areas = append(out.Areas, a)
			}
		}
		return jsonBody(out)
	})
}
