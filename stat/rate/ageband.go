package rate

import (
	"bufio"
	"bytes"
	_ "embed"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/baserate/baserate"
)

//go:embed agelabels.csv
var ageLabelsCSV []byte

// AgeConvention says how a label "a-b" is read: b included (ESP 2013
// "5-9" is 5 to 9) or excluded (PKS "0-6" is 0 to under 6).
type AgeConvention string

// The conventions. AgeAuto tells them apart from the set of labels: bands
// that share their ends ("0-6", "6-8") exclude the upper end; bands that
// follow each other ("0-4", "5-9") include it.
const (
	AgeAuto      AgeConvention = "auto"
	AgeInclusive AgeConvention = "inclusive"
	AgeExclusive AgeConvention = "exclusive"
)

// ParseAgeConvention checks a convention name; "" means AgeAuto.
func ParseAgeConvention(s string) (AgeConvention, error) {
	switch AgeConvention(s) {
	case "", AgeAuto:
		return AgeAuto, nil
	case AgeInclusive, AgeExclusive:
		return AgeConvention(s), nil
	}
	return "", baserate.E("", baserate.KindInvalid, fmt.Sprintf("age band convention %q: want auto, inclusive or exclusive", s))
}

type agePattern struct {
	re   *regexp.Regexp
	kind string
}

var agePatterns = sync.OnceValue(func() []agePattern {
	var out []agePattern
	sc := bufio.NewScanner(bytes.NewReader(ageLabelsCSV))
	header := true
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "#") || strings.TrimSpace(line) == "" {
			continue
		}
		if header {
			header = false
			continue
		}
		i := strings.LastIndexByte(line, ',')
		out = append(out, agePattern{regexp.MustCompile(line[:i]), line[i+1:]})
	}
	return out
})

// ageLabel is one parsed label: a band, the total, or an "a-b" whose
// convention is open (from, b).
type ageLabel struct {
	total     bool
	band      AgeBand
	ambiguous bool // kind "range": band.To holds b as written
}

func parseAgeLabel(label string) (ageLabel, bool) {
	s := strings.Join(strings.Fields(strings.ToLower(label)), " ")
	for _, p := range agePatterns() {
		m := p.re.FindStringSubmatch(s)
		if m == nil {
			continue
		}
		n := make([]int, len(m)-1)
		for i := range n {
			v, err := strconv.Atoi(m[i+1])
			if err != nil || v > 150 {
				return ageLabel{}, false
			}
			n[i] = v
		}
		switch p.kind {
		case "total":
			return ageLabel{total: true}, true
		case "year":
			return ageLabel{band: AgeBand{n[0], n[0]}}, true
		case "under":
			if n[0] < 1 {
				return ageLabel{}, false
			}
			return ageLabel{band: AgeBand{0, n[0] - 1}}, true
		case "range-excl":
			if n[1] <= n[0] {
				return ageLabel{}, false
			}
			return ageLabel{band: AgeBand{n[0], n[1] - 1}}, true
		case "range-incl":
			if n[1] < n[0] {
				return ageLabel{}, false
			}
			return ageLabel{band: AgeBand{n[0], n[1]}}, true
		case "range":
			if n[1] < n[0] {
				return ageLabel{}, false
			}
			return ageLabel{band: AgeBand{n[0], n[1]}, ambiguous: true}, true
		case "open":
			return ageLabel{band: AgeBand{n[0], -1}}, true
		}
	}
	return ageLabel{}, false
}

// AgePartition is a set of age labels read as disjoint age bands that cover
// every age from the first band's start to the last band's end without a
// gap.
type AgePartition struct {
	// Labels are the labels of the bands, in age order; Index holds their
	// positions in the labels given to [ParseAgeBands].
	Labels []string
	Index  []int
	Bands  []AgeBand
	// Total is the position of a label meaning all ages, or -1.
	Total int
	// Unused are labels left out because they overlap finer bands
	// (subtotals such as PKS "<14" or "21+").
	Unused []string
	// Convention is how "a-b" labels were read (AgeAuto when there were
	// none).
	Convention AgeConvention
}

// Open reports whether the last band is open ("85+").
func (p AgePartition) Open() bool { return len(p.Bands) > 0 && p.Bands[len(p.Bands)-1].To < 0 }

// ParseAgeBands reads labels such as "0-6", "unter 3 Jahre", "85+",
// "Y_LT5" or "5" (one year) as age bands and picks the finest disjoint
// bands that cover the ages from the youngest on without a gap; labels of
// coarser overlapping bands are listed as unused, and a label for all ages
// ("Insgesamt", "total") is noted in Total. The accepted forms are the data
// file agelabels.csv. Labels "a-b" are read by conv; with AgeAuto the
// convention is the only one under which the bands leave no gap, and the
// error says so when both or neither do. An unreadable label is an error
// that names it.
func ParseAgeBands(labels []string, conv AgeConvention) (AgePartition, error) {
	const op = "age bands"
	parsed := make([]ageLabel, len(labels))
	total := -1
	ambiguous := false
	for i, l := range labels {
		a, ok := parseAgeLabel(l)
		if !ok {
			return AgePartition{}, baserate.E(op, baserate.KindInvalid, fmt.Sprintf("age label %q is not an age band (forms such as \"5\", \"5-9\", \"unter 5 Jahre\", \"5 bis unter 10 Jahre\", \"85+\", \"Y_LT5\", \"Y5-9\")", l))
		}
		if a.total {
			if total >= 0 {
				return AgePartition{}, baserate.E(op, baserate.KindInvalid, fmt.Sprintf("age labels %q and %q both mean all ages", labels[total], l))
			}
			total = i
		}
		ambiguous = ambiguous || a.ambiguous
		parsed[i] = a
	}
	if !ambiguous {
		p, err := partition(labels, parsed, AgeInclusive)
		if err != nil {
			return p, err
		}
		p.Total, p.Convention = total, AgeAuto
		return p, nil
	}
	try := []AgeConvention{conv}
	if conv == AgeAuto || conv == "" {
		try = []AgeConvention{AgeExclusive, AgeInclusive}
	}
	var ok []AgePartition
	var errs []error
	for _, c := range try {
		p, err := partition(labels, parsed, c)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		p.Total, p.Convention = total, c
		ok = append(ok, p)
	}
	switch {
	case len(ok) == 1:
		return ok[0], nil
	case len(ok) == 0 && len(try) == 1:
		return AgePartition{}, errs[0]
	case len(ok) == 0:
		return AgePartition{}, baserate.E(op, baserate.KindInvalid, fmt.Sprintf("the age labels leave a gap both when \"a-b\" includes b and when it excludes it: %v; %v", errs[1], errs[0]))
	}
	return AgePartition{}, baserate.E(op, baserate.KindInvalid, fmt.Sprintf("the age labels (%s) can be read with \"a-b\" as a to b or as a to under b (PKS \"0-6\" means 0 to 5); say which (inclusive or exclusive)", strings.Join(labels, ", ")))
}

// partition resolves the "a-b" labels by conv and picks the finest
// gap-free run of bands from the youngest age.
func partition(labels []string, parsed []ageLabel, conv AgeConvention) (AgePartition, error) {
	type cand struct {
		i int
		b AgeBand
	}
	var cs []cand
	for i, a := range parsed {
		if a.total {
			continue
		}
		b := a.band
		if a.ambiguous && conv == AgeExclusive {
			if b.To <= b.From {
				return AgePartition{}, baserate.E("age bands", baserate.KindInvalid, fmt.Sprintf("age label %q is empty when \"a-b\" means a to under b", labels[i]))
			}
			b.To--
		}
		cs = append(cs, cand{i, b})
	}
	p := AgePartition{Total: -1}
	if len(cs) == 0 {
		return p, nil
	}
	width := func(b AgeBand) int {
		if b.To < 0 {
			return 1 << 30
		}
		return b.To - b.From
	}
	slices.SortStableFunc(cs, func(x, y cand) int {
		if x.b.From != y.b.From {
			return x.b.From - y.b.From
		}
		return width(x.b) - width(y.b)
	})
	used := make([]bool, len(labels))
	cur := cs[0].b.From
	for k := 0; k < len(cs); {
		// The narrowest band starting at cur.
		for k < len(cs) && cs[k].b.From < cur {
			k++
		}
		if k == len(cs) {
			break
		}
		if cs[k].b.From > cur {
			prev := p.Labels[len(p.Labels)-1]
			return AgePartition{}, baserate.E("age bands", baserate.KindInvalid, fmt.Sprintf("no age band starts at %d, after %q (read as %s)", cur, prev, p.Bands[len(p.Bands)-1]))
		}
		c := cs[k]
		p.Labels = append(p.Labels, labels[c.i])
		p.Index = append(p.Index, c.i)
		p.Bands = append(p.Bands, c.b)
		used[c.i] = true
		if c.b.To < 0 {
			break
		}
		cur = c.b.To + 1
	}
	// A band left out must be a union of chosen bands (a subtotal), not
	// cut across them.
	starts, ends := map[int]bool{}, map[int]bool{}
	for _, b := range p.Bands {
		starts[b.From], ends[b.To] = true, true
	}
	for _, c := range cs {
		if used[c.i] {
			continue
		}
		if !starts[c.b.From] || !ends[c.b.To] || c.b.To >= 0 && c.b.From > p.Bands[len(p.Bands)-1].To && p.Bands[len(p.Bands)-1].To >= 0 {
			return AgePartition{}, baserate.E("age bands", baserate.KindInvalid, fmt.Sprintf("age label %q (read as %s) overlaps the bands %s without being made of them", labels[c.i], c.b, strings.Join(p.Labels, ", ")))
		}
		p.Unused = append(p.Unused, labels[c.i])
	}
	return p, nil
}

// CommonAgeBands returns the finest age bands that both partitions can be
// summed into: a new band starts wherever both a and b have a band that
// starts. ga[j] and gb[j] list the positions (in a.Bands and b.Bands) that
// make up common band j. Both must start at the same age and end at the
// same age (or both be open), or the error says where they differ.
func CommonAgeBands(a, b AgePartition) (common []AgeBand, ga, gb [][]int, err error) {
	const op = "age bands"
	if len(a.Bands) == 0 || len(b.Bands) == 0 {
		return nil, nil, nil, baserate.E(op, baserate.KindInvalid, "no age bands to match")
	}
	if a.Bands[0].From != b.Bands[0].From {
		return nil, nil, nil, baserate.E(op, baserate.KindInvalid, fmt.Sprintf("the ages start at %d (%q) in one table and at %d (%q) in the other", a.Bands[0].From, a.Labels[0], b.Bands[0].From, b.Labels[0]))
	}
	la, lb := a.Bands[len(a.Bands)-1], b.Bands[len(b.Bands)-1]
	if (la.To < 0) != (lb.To < 0) || la.To >= 0 && la.To != lb.To {
		return nil, nil, nil, baserate.E(op, baserate.KindInvalid, fmt.Sprintf("the oldest age band is %q (%s) in one table and %q (%s) in the other", a.Labels[len(a.Labels)-1], la, b.Labels[len(b.Labels)-1], lb))
	}
	starts := map[int]bool{}
	for _, x := range b.Bands {
		starts[x.From] = true
	}
	var cuts []int
	for _, x := range a.Bands {
		if starts[x.From] {
			cuts = append(cuts, x.From)
		}
	}
	group := func(p AgePartition) [][]int {
		g := make([][]int, len(cuts))
		j := 0
		for i, x := range p.Bands {
			for j+1 < len(cuts) && x.From >= cuts[j+1] {
				j++
			}
			g[j] = append(g[j], i)
		}
		return g
	}
	ga, gb = group(a), group(b)
	for j, c := range cuts {
		to := la.To
		if j+1 < len(cuts) {
			to = cuts[j+1] - 1
		}
		common = append(common, AgeBand{c, to})
	}
	return common, ga, gb, nil
}

// PKSLabel formats a band as the PKS does: "from-to" with the upper end
// excluded ("0-6" is 0 to 5), "60+" for an open band.
func (b AgeBand) PKSLabel() string {
	if b.To < 0 {
		return fmt.Sprintf("%d+", b.From)
	}
	return fmt.Sprintf("%d-%d", b.From, b.To+1)
}
