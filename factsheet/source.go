package factsheet

import (
	"context"

	"github.com/baserate/baserate"
)

// Query names one fact sheet: an offence key, a reporting year and an
// area.
type Query struct {
	Year    int
	Offence string
	// Area is "DE" for Germany (also when empty), or an area the source
	// has (see [Areas]).
	Area string
}

// area returns q's area, "DE" when empty.
func (q Query) area() string {
	if q.Area == "" {
		return "DE"
	}
	return q.Area
}

// Source supplies the numbers a fact sheet compares: suspects of an
// offence by citizenship (and, where known, by age and sex), and the
// population they are compared with. The bundled data are the default
// source ([Bundled]); [NewTableSource] builds one from tables read from
// files in any format.
type Source interface {
	// Suspects returns the suspects of q.Offence in q.Year and q.Area.
	// The error is of kind NotFound when the source has no such numbers.
	Suspects(ctx context.Context, q Query) (*Suspects, error)
	// Population returns the population that the suspects of q.Year in
	// q.Area are compared with.
	Population(ctx context.Context, q Query) (*Population, error)
}

// Suspects are the suspects of one offence, year and area by citizenship.
type Suspects struct {
	// Label is the offence's name; it may be empty.
	Label             string
	German, NonGerman float64
	// ByAge is nil, or a table with dimensions "citizenship" (categories
	// pks.German and pks.NonGerman) and "age" whose categories are age
	// bands that [rate.ParseAgeBands] reads as disjoint bands covering all
	// ages (such as the PKS bands "0-6" ... "60+").
	ByAge *baserate.Table
	// BySexAge is nil, or a table with dimensions "citizenship", "sex"
	// ("m", "f") and "age".
	BySexAge *baserate.Table
	// NoAge says why ByAge is nil, as a sentence for people.
	NoAge string
	// Caveats concern these numbers; Warnings are remarks on how they were
	// read.
	Caveats  []baserate.Caveat
	Warnings []baserate.Warning
	// Area describes an area other than Germany; Credit is a credit line
	// the sheet's attribution must add.
	Area   *Area
	Credit string
}

// SettlementSource is a Source that can also compare the groups over
// settlement types (urban and rural districts), on its own data basis.
type SettlementSource interface {
	Settlement(ctx context.Context, q Query) (*Standardization, error)
}

// Population is the population that suspects are compared with: totals
// by citizenship for the crude rates and, where known, a structure by age
// (and sex) for standardization, which may come from another table or
// date.
type Population struct {
	German, NonGerman float64
	Denominator       Denominator
	// Structure is nil, or a table with dimensions "citizenship", "age"
	// and optionally "sex" (between them), as [Suspects.ByAge].
	Structure            *baserate.Table
	StructureDenominator Denominator
	// NoStructure says why Structure is nil.
	NoStructure string
	// Caveats concern the totals; StructureCaveats the structure.
	Caveats          []baserate.Caveat
	StructureCaveats []baserate.Caveat
	Warnings         []baserate.Warning
}

// Engine computes fact sheets from a source.
type Engine struct {
	src         Source
	attribution string
}

// New returns an engine over src. attribution is the credit line every
// sheet carries (the data licences ask for it).
func New(src Source, attribution string) *Engine {
	return &Engine{src: src, attribution: attribution}
}

// Source returns the engine's source.
func (e *Engine) Source() Source { return e.src }
