package server

import (
	"context"
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

// years returns the years the rates engine has (from the trend of all
// offences without residence-law offences), oldest first; computed once,
// on the first success: an error (such as the first request's context
// ending while the years are read) is not kept, so the next request tries
// again.
func (s *Server) years(ctx context.Context) ([]int, error) {
	if ys := s.yearList.Load(); ys != nil {
		return *ys, nil
	}
	s.yearsMu.Lock()
	defer s.yearsMu.Unlock()
	if ys := s.yearList.Load(); ys != nil {
		return *ys, nil
	}
	if s.cfg.Engines.Facts == nil {
		return nil, errNoFacts
	}
	tr, err := s.cfg.Engines.Facts.Trend(ctx, headlineKey)
	if err != nil {
		return nil, err
	}
	var ys []int
	for _, p := range tr.Points {
		ys = append(ys, p.Year)
	}
	if len(ys) == 0 {
		return nil, baserate.E("years", baserate.KindInternal, "the rates engine has no years")
	}
	slices.Sort(ys)
	s.yearList.Store(&ys)
	return ys, nil
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
	yearsMu  sync.Mutex
	yearList atomic.Pointer[[]int]
}
