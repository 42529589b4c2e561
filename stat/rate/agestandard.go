package rate

import (
	"fmt"
	"slices"
	"strings"

	"github.com/baserate/baserate"
)

// AgeStandard lays a standard population by age onto the strata of in,
// whose factor number ageFactor is age with the category labels
// ageLabels (in order). When the standard has labels (one read from a
// file) equal to ageLabels, they are matched as they are; otherwise the
// labels are read as age bands by [ParseAgeBands] with conv and the
// standard is laid onto them by [StandardPop.Onto]. Strata of other
// factors (sex, area) share their age band's standard in proportion to the
// pooled population of the groups (evenly when it is 0). It returns the
// standard population per stratum and how the ages were mapped, with
// Parts naming each age label.
func AgeStandard(in Input, ageFactor int, ageLabels []string, s StandardPop, conv AgeConvention) ([]float64, Mapping, error) {
	const op = "standard population"
	if ageFactor < 0 || ageFactor >= len(in.Factors) || len(in.Sizes) != len(in.Factors) || in.Sizes[ageFactor] != len(ageLabels) {
		return nil, Mapping{}, baserate.E(op, baserate.KindInternal, "age factor does not match the strata")
	}
	byAge := make([]float64, len(ageLabels))
	var m Mapping
	if len(s.Labels) > 0 && sameSet(s.Labels, ageLabels) {
		m.Exact = true
		for i, l := range ageLabels {
			j := slices.Index(s.Labels, l)
			byAge[i] = s.Pop[j]
			m.Parts = append(m.Parts, fmt.Sprintf("%s: %g", l, s.Pop[j]))
		}
	} else {
		p, err := ParseAgeBands(ageLabels, conv)
		if err != nil {
			if len(s.Labels) > 0 {
				return nil, m, baserate.E(op, baserate.KindInvalid, fmt.Errorf("the labels of %s (%s) are not the strata's (%s), and the strata cannot be read as ages: %w",
					s.Name, strings.Join(s.Labels, ", "), strings.Join(ageLabels, ", "), err))
			}
			return nil, m, baserate.E(op, baserate.KindInvalid, fmt.Errorf("the age strata cannot be matched with %s: %w", s.Name, err))
		}
		if p.Total >= 0 {
			return nil, m, baserate.E(op, baserate.KindInvalid, fmt.Sprintf("age stratum %q means all ages; leave it out of the table", ageLabels[p.Total]))
		}
		if len(p.Unused) > 0 {
			return nil, m, baserate.E(op, baserate.KindInvalid, fmt.Sprintf("age strata %s overlap finer ones; give each age once", strings.Join(p.Unused, ", ")))
		}
		pop, mm, err := s.Onto(p.Bands)
		if err != nil {
			return nil, m, err
		}
		m = mm
		for n, i := range p.Index {
			byAge[i] = pop[n]
			m.Parts[n] = fmt.Sprintf("%s (%s): %g = %s", ageLabels[i], p.Bands[n], pop[n], m.Parts[n])
		}
	}
	// Stride of the age factor in the row-major strata.
	inner := 1
	for _, n := range in.Sizes[ageFactor+1:] {
		inner *= n
	}
	ageOf := func(st int) int { return st / inner % in.Sizes[ageFactor] }
	pooled := make([]float64, len(in.Strata))
	for _, g := range in.Groups {
		for i, p := range g.Pop {
			pooled[i] += p
		}
	}
	poolAge := make([]float64, len(ageLabels))
	cells := make([]int, len(ageLabels))
	for i, p := range pooled {
		poolAge[ageOf(i)] += p
		cells[ageOf(i)]++
	}
	out := make([]float64, len(in.Strata))
	for i := range out {
		a := ageOf(i)
		if poolAge[a] > 0 {
			out[i] = byAge[a] * pooled[i] / poolAge[a]
		} else {
			out[i] = byAge[a] / float64(cells[a])
		}
	}
	return out, m, nil
}

func sameSet(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for _, x := range b {
		if !slices.Contains(a, x) {
			return false
		}
	}
	return true
}

// Caveat describes how the standard was laid onto the age strata, for the
// results that use it.
func (m Mapping) Caveat(s StandardPop) baserate.Caveat {
	var b strings.Builder
	fmt.Fprintf(&b, "The standard population is %s, laid onto the age strata", s.Name)
	if m.Exact {
		b.WriteString(" band by band (no band was split)")
	}
	if len(m.Split) > 0 {
		fmt.Fprintf(&b, "; its bands %s were spread evenly over their single years of age and split between strata", strings.Join(m.Split, ", "))
	}
	if len(m.Dropped) > 0 {
		fmt.Fprintf(&b, "; ages of its bands %s lie outside the strata and were left out", strings.Join(m.Dropped, ", "))
	}
	b.WriteString(". Strata of other factors within an age band share its standard in proportion to the pooled population.")
	return baserate.Caveat{Code: "standard-age-mapping", Message: b.String(), Source: s.Source}
}
