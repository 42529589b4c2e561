package rate

import (
	"bufio"
	"bytes"
	_ "embed"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/baserate/baserate"
)

//go:embed esp2013.csv
var esp2013CSV []byte

// AgeBand is an age interval [From, To] in completed years; To < 0 means
// open-ended ("90 and older").
type AgeBand struct {
	From, To int
}

// String formats the band as "5-9", "0" (one year) or "90+".
func (b AgeBand) String() string {
	if b.To < 0 {
		return fmt.Sprintf("%d+", b.From)
	}
	if b.To == b.From {
		return fmt.Sprint(b.From)
	}
	return fmt.Sprintf("%d-%d", b.From, b.To)
}

// StandardPop is a standard population by age band, with its source.
type StandardPop struct {
	Name   string
	Source string
	Bands  []AgeBand
	Pop    []float64
	// Labels are the labels the bands were read from (a standard read
	// from a file), aligned with Pop; nil for the built-in standards.
	Labels []string

	bandsErr error // why Labels could not be read as age bands
}

// ESP2013 returns the European Standard Population 2013 (Eurostat 2013), 20
// age bands from "0-0" to "90+", 100,000 persons in all.
func ESP2013() StandardPop {
	s := StandardPop{Name: "esp2013"}
	sc := bufio.NewScanner(bytes.NewReader(esp2013CSV))
	var src []string
	header := true
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "#") {
			src = append(src, strings.TrimSpace(strings.TrimPrefix(line, "#")))
			continue
		}
		if header {
			header = false
			continue
		}
		f := strings.Split(line, ",")
		from, _ := strconv.Atoi(f[0])
		to := -1
		if f[1] != "" {
			to, _ = strconv.Atoi(f[1])
		}
		v, _ := strconv.ParseFloat(f[2], 64)
		s.Bands = append(s.Bands, AgeBand{from, to})
		s.Pop = append(s.Pop, v)
	}
	s.Source = strings.Join(src[1:], " ")
	return s
}

// Rebin maps the standard onto other age bands, spreading each of its bands
// evenly over its single years (an open band over openYears years) and
// adding up the years that fall in each target band. The targets must
// cover the standard's ages without overlap; an open target takes every age
// from its start on.
func (s StandardPop) Rebin(targets []AgeBand, openYears int) ([]float64, error) {
	out := make([]float64, len(targets))
	for i, b := range s.Bands {
		to := b.To
		if to < 0 {
			to = b.From + openYears - 1
		}
		per := s.Pop[i] / float64(to-b.From+1)
		for age := b.From; age <= to; age++ {
			hit := -1
			for j, t := range targets {
				if age >= t.From && (t.To < 0 || age <= t.To) {
					if hit >= 0 {
						return nil, baserate.E("rate.Rebin", baserate.KindInvalid, fmt.Sprintf("age %d is in bands %s and %s", age, targets[hit], t))
					}
					hit = j
				}
			}
			if hit < 0 {
				return nil, baserate.E("rate.Rebin", baserate.KindInvalid, fmt.Sprintf("age %d is in no target band", age))
			}
			out[hit] += per
		}
	}
	var total float64
	for _, v := range out {
		total += v
	}
	if math.Abs(total-sum(s.Pop)) > 1e-6 {
		return nil, baserate.E("rate.Rebin", baserate.KindInternal, "rebinned standard does not add up")
	}
	return out, nil
}

// Mapping says how a standard population was laid onto other age bands.
type Mapping struct {
	// Exact is true when every band of the standard fell inside one target
	// band, so no band was split.
	Exact bool `json:"exact"`
	// Split lists the standard's bands that were spread over several
	// target bands, evenly by single year of age.
	Split []string `json:"split,omitempty"`
	// Dropped lists the standard's ages that no target band covers; they
	// are left out of the standard.
	Dropped []string `json:"dropped,omitempty"`
	// Parts says, for each target band, which ages of which standard bands
	// it took, as "1000 (0) + 4000 (1-4) + 1100 (1/5 of 5-9)".
	Parts []string `json:"parts"`
}

// Onto lays the standard onto target age bands (disjoint, in order). A
// standard band inside one target goes to it whole; a band that targets
// cut is spread evenly over its single years of age and each target takes
// the years it covers (Split names these bands); ages no target covers are
// dropped (Dropped). The open last band of the standard ("90+") must fall
// inside one target (which then is open) or after the last one, or the
// error says where it is cut.
func (s StandardPop) Onto(targets []AgeBand) ([]float64, Mapping, error) {
	const op = "standard population"
	if s.bandsErr != nil {
		return nil, Mapping{}, baserate.E(op, baserate.KindInvalid, fmt.Errorf("its labels are not age bands (%w) and differ from the strata's", s.bandsErr))
	}
	out := make([]float64, len(targets))
	parts := make([][]string, len(targets))
	m := Mapping{Exact: true}
	within := func(b, t AgeBand) bool {
		return b.From >= t.From && (t.To < 0 || b.To >= 0 && b.To <= t.To)
	}
	for i, b := range s.Bands {
		whole := -1
		for j, t := range targets {
			if within(b, t) {
				whole = j
				break
			}
		}
		if whole >= 0 {
			out[whole] += s.Pop[i]
			parts[whole] = append(parts[whole], fmt.Sprintf("%g (%s)", s.Pop[i], b))
			continue
		}
		if b.To < 0 {
			last := targets[len(targets)-1]
			if last.To >= 0 && last.To < b.From {
				m.Dropped = append(m.Dropped, b.String())
				continue
			}
			return nil, m, baserate.E(op, baserate.KindInvalid, fmt.Sprintf("the open band %s of %s is cut by the age bands (which end with %s); make the oldest band open and start at or before %d", b, s.Name, last, b.From))
		}
		years := float64(b.To - b.From + 1)
		covered := 0
		for j, t := range targets {
			lo, hi := max(b.From, t.From), b.To
			if t.To >= 0 {
				hi = min(hi, t.To)
			}
			if hi < lo {
				continue
			}
			n := hi - lo + 1
			covered += n
			out[j] += s.Pop[i] * float64(n) / years
			parts[j] = append(parts[j], fmt.Sprintf("%g (%d/%g of %s)", s.Pop[i]*float64(n)/years, n, years, b))
		}
		if covered > 0 && covered < int(years) || covered == 0 {
			m.Dropped = append(m.Dropped, b.String())
		}
		if covered > 0 {
			m.Split = append(m.Split, b.String())
			m.Exact = false
		}
	}
	for j := range targets {
		m.Parts = append(m.Parts, strings.Join(parts[j], " + "))
	}
	return out, m, nil
}

// ReadStandard reads a standard population from age labels and
// populations, such as a file's rows "0-4,5000". The labels are read by
// [ParseAgeBands] with conv and must form gap-free bands; a label for all
// ages is left out.
//
// Labels that are not age bands are kept: such a standard can still be
// matched label by label with strata that have the same labels (see
// [AgeStandard]).
func ReadStandard(name, source string, labels []string, pop []float64, conv AgeConvention) (StandardPop, error) {
	const op = "standard population"
	for i, v := range pop {
		if v < 0 || math.IsNaN(v) || math.IsInf(v, 0) {
			return StandardPop{}, baserate.E(op, baserate.KindInvalid, fmt.Sprintf("%s: stratum %q: population %v is not a non-negative number", name, labels[i], v))
		}
	}
	p, err := ParseAgeBands(labels, conv)
	if err == nil && len(p.Unused) > 0 {
		err = baserate.E(op, baserate.KindInvalid, fmt.Sprintf("%s: age bands %s overlap others; give each age once", name, strings.Join(p.Unused, ", ")))
	}
	if err != nil {
		return StandardPop{Name: name, Source: source, Labels: slices.Clone(labels), Pop: slices.Clone(pop), bandsErr: err}, nil
	}
	s := StandardPop{Name: name, Source: source, Bands: p.Bands}
	for _, i := range p.Index {
		s.Labels = append(s.Labels, labels[i])
		s.Pop = append(s.Pop, pop[i])
	}
	return s, nil
}
