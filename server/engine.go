package server

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/baserate/baserate"
	"github.com/baserate/baserate/bundle"
	"github.com/baserate/baserate/factsheet"
	"github.com/baserate/baserate/media/detect"
)

// Facts is what the server shows of the rates engine: fact sheets,
// overviews and trends computed from the bundled official data.
type Facts interface {
	// Sheet is the fact sheet for q; q.Area is "" for Germany.
	Sheet(ctx context.Context, q factsheet.Query) (*factsheet.Sheet, error)
	// Areas lists the areas with fact sheets, Germany first, with their
	// years and offence keys.
	Areas(ctx context.Context) ([]factsheet.Area, error)
	Overview(ctx context.Context, year int) (*factsheet.OverviewSheet, error)
	Trend(ctx context.Context, key string) (*factsheet.TrendSheet, error)
	// Offences lists the offence keys with their names and years.
	Offences(ctx context.Context) ([]factsheet.ListedOffence, error)
	Families(ctx context.Context) ([]bundle.Family, error)
}

// Coder codes one text with the media engine: offence families, the
// origins named for suspects and victims, with evidence.
type Coder interface {
	Code(a baserate.Article) baserate.Coding
}

// Engines are the statistics engines the server presents. A nil engine
// turns its endpoints and pages into 404s.
type Engines struct {
	Facts Facts
	Coder Coder
	Media MediaIndex
}

// DefaultEngines returns the engines over the bundled data: package
// factsheet for the rates, media/detect for coding texts, and the media
// index of the bundled coded corpora.
func DefaultEngines() (Engines, error) {
	coder, err := detect.New()
	if err != nil {
		return Engines{}, err
	}
	return Engines{Facts: bundledFacts{}, Coder: coder, Media: bundledMedia()}, nil
}

// bundledFacts is the rates engine (package factsheet) over the bundle.
type bundledFacts struct{}

func (bundledFacts) Sheet(ctx context.Context, q factsheet.Query) (*factsheet.Sheet, error) {
	return factsheet.Default.Compute(ctx, q)
}

func (bundledFacts) Areas(context.Context) ([]factsheet.Area, error) { return factsheet.Areas() }

func (bundledFacts) Overview(ctx context.Context, year int) (*factsheet.OverviewSheet, error) {
	return factsheet.Overview(ctx, year)
}

func (bundledFacts) Trend(ctx context.Context, key string) (*factsheet.TrendSheet, error) {
	return factsheet.Trend(ctx, key)
}

func (bundledFacts) Offences(context.Context) ([]factsheet.ListedOffence, error) {
	return factsheet.Offences()
}

func (bundledFacts) Families(context.Context) ([]bundle.Family, error) { return bundle.Families() }

// yearIndex is which years the rates engine has figures for: all of them
// (Germany's, over every key) and those of each offence key, oldest
// first. A key's series can start later than the others (890000 in 2002)
// or end earlier, so a year is checked against the key it is asked for.
type yearIndex struct {
	all   []int
	byKey map[string][]int
	// empty are the keys the rates engine lists without figures in any
	// year (offence names of the catalogue the tables never fill).
	empty map[string]bool
}

// yearIndex returns the years of the rates engine, read from its list of
// offences once, on the first success: an error (such as the first
// request's context ending while the years are read) is not kept, so the
// next request tries again.
func (s *Server) yearIndex(ctx context.Context) (*yearIndex, error) {
	if ix := s.yearIdx.Load(); ix != nil {
		return ix, nil
	}
	s.yearsMu.Lock()
	defer s.yearsMu.Unlock()
	if ix := s.yearIdx.Load(); ix != nil {
		return ix, nil
	}
	if s.cfg.Engines.Facts == nil {
		return nil, errNoFacts
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	offs, err := s.cfg.Engines.Facts.Offences(ctx)
	if err != nil {
		return nil, err
	}
	ix := &yearIndex{byKey: make(map[string][]int, len(offs)), empty: map[string]bool{}}
	seen := map[int]bool{}
	for _, o := range offs {
		ys := listedYears(o)
		if len(ys) == 0 {
			ix.empty[o.Key] = true
			continue
		}
		ix.byKey[o.Key] = ys
		for _, y := range ys {
			if !seen[y] {
				seen[y] = true
				ix.all = append(ix.all, y)
			}
		}
	}
	if len(ix.all) == 0 {
		return nil, baserate.E("years", baserate.KindInternal, "the rates engine has no years")
	}
	slices.Sort(ix.all)
	s.yearIdx.Store(ix)
	return ix, nil
}

// listedYears are the years of a listed offence key, oldest first.
func listedYears(o factsheet.ListedOffence) []int {
	if len(o.Years) > 0 {
		return o.Years
	}
	if o.FirstYear == 0 {
		return nil
	}
	ys := make([]int, 0, o.LastYear-o.FirstYear+1)
	for y := o.FirstYear; y <= o.LastYear; y++ {
		ys = append(ys, y)
	}
	return ys
}

// years returns every year the rates engine has figures for, over all
// offence keys (Germany's years), oldest first.
func (s *Server) years(ctx context.Context) ([]int, error) {
	ix, err := s.yearIndex(ctx)
	if err != nil {
		return nil, err
	}
	return ix.all, nil
}

// keyYears returns the years with figures for offence key, oldest first;
// a key the rates engine does not list, or lists without figures, is an
// error of kind NotFound that says which.
func (s *Server) keyYears(ctx context.Context, key string) ([]int, error) {
	ix, err := s.yearIndex(ctx)
	if err != nil {
		return nil, err
	}
	ys, ok := ix.byKey[key]
	if !ok && ix.empty[key] {
		return nil, noFiguresError(key)
	}
	if !ok {
		return nil, baserate.E("", baserate.KindNotFound, &paramError{ParamError{"offence", fmt.Sprintf("no PKS offence key %q with figures (see /api/v1/offences)", key)}})
	}
	return ys, nil
}

// noFiguresError is the error about a key the rates engine lists without
// figures in any year.
func noFiguresError(key string) error {
	return baserate.E("", baserate.KindNotFound, &paramError{ParamError{"offence", fmt.Sprintf("key %s has no figures in the bundled data: the offence catalogue names it, but no year has German and non-German suspects of it (the keys with figures have first_year in /api/v1/offences)", key)}})
}

// checkHasFigures refuses a key the rates engine lists without figures
// in any year; other keys, known or not, are left to the rates engine.
func (s *Server) checkHasFigures(ctx context.Context, key string) error {
	ix, err := s.yearIndex(ctx)
	if err != nil {
		return err
	}
	if ix.empty[key] {
		return noFiguresError(key)
	}
	return nil
}

// nearestYear is the year of ys (oldest first, not empty) nearest to y;
// of two as near, the later.
func nearestYear(ys []int, y int) int {
	best := ys[len(ys)-1]
	for _, c := range ys {
		if abs(c-y) < abs(best-y) || (abs(c-y) == abs(best-y) && c > best) {
			best = c
		}
	}
	return best
}

// hasYear reports whether offence key has figures in year.
func (s *Server) hasYear(ctx context.Context) func(key string, year int) bool {
	return func(key string, year int) bool {
		ys, err := s.keyYears(ctx, key)
		return err == nil && slices.Contains(ys, year)
	}
}

// latestYear is the most recent year with data.
func (s *Server) latestYear(ctx context.Context) (int, error) {
	ys, err := s.years(ctx)
	if err != nil {
		return 0, err
	}
	return ys[len(ys)-1], nil
}

// headlineKey is the offence the pages start with: all offences without
// residence-law offences, which only non-Germans can commit.
const headlineKey = "890000"

var errNoFacts = baserate.E("", baserate.KindNotFound, "this server runs without the rates engine")

type yearState struct {
	yearsMu sync.Mutex
	yearIdx atomic.Pointer[yearIndex]
}
