package rate

import (
	"bufio"
	"bytes"
	_ "embed"
	"fmt"
	"math"
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

// String formats the band as "5-9" or "90+".
func (b AgeBand) String() string {
	if b.To < 0 {
		return fmt.Sprintf("%d+", b.From)
	}
	return fmt.Sprintf("%d-%d", b.From, b.To)
}

// StandardPop is a standard population by age band, with its source.
type StandardPop struct {
	Name   string
	Source string
	Bands  []AgeBand
	Pop    []float64
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
