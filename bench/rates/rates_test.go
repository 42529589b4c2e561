package rates

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"testing"

	"github.com/baserate/baserate"
	"github.com/baserate/baserate/stat/rate"
)

// table returns a cube group(2) x region(r) x age(19) x sex(2) x measure
// (count, pop).
func table(regions int) *baserate.Table {
	rs := make([]string, regions)
	for i := range rs {
		rs[i] = "R" + strconv.Itoa(i)
	}
	ages := make([]string, 19)
	for i := range ages {
		ages[i] = strconv.Itoa(i * 5)
	}
	t := baserate.New("bench",
		baserate.NewDimension("group", "deutsch", "nichtdeutsch"),
		baserate.NewDimension("region", rs...),
		baserate.NewDimension("age", ages...),
		baserate.NewDimension("sex", "m", "f"),
		baserate.NewDimension("measure", "count", "pop"))
	r := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < len(t.Values); i += 2 {
		pop := float64(1000 + r.IntN(100000))
		t.Values[i+1] = pop
		t.Values[i] = float64(r.IntN(int(pop/50) + 1))
	}
	return t
}

func BenchmarkFromTableCompare(b *testing.B) {
	for _, regions := range []int{10, 400, 4000} {
		t := table(regions)
		b.Run(fmt.Sprintf("strata=%d", regions*38), func(b *testing.B) {
			for b.Loop() {
				in, err := rate.FromTable(t, rate.Columns{Group: "group", Measure: "measure", Count: "count", Pop: "pop"})
				if err != nil {
					b.Fatal(err)
				}
				if _, err := rate.Compare(in, rate.Options{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkNaiveLookup is the baseline: the same input built by looking up
// each cell with Table.At by category ids, as a first implementation would,
// then the same Compare.
func BenchmarkNaiveLookup(b *testing.B) {
	for _, regions := range []int{10, 400, 4000} {
		t := table(regions)
		rd, _ := t.Dim("region")
		ad, _ := t.Dim("age")
		b.Run(fmt.Sprintf("strata=%d", regions*38), func(b *testing.B) {
			for b.Loop() {
				// The same factors as FromTable gives, so that both
				// compute the same result (with the Das Gupta split).
				in := rate.Input{Factors: []string{"region", "age", "sex"}, Sizes: []int{rd.Size(), ad.Size(), 2}}
				for _, g := range []string{"deutsch", "nichtdeutsch"} {
					grp := rate.Group{Name: g}
					for _, r := range rd.IDs() {
						for _, a := range ad.IDs() {
							for _, s := range []string{"m", "f"} {
								grp.Count = append(grp.Count, t.At(g, r, a, s, "count"))
								grp.Pop = append(grp.Pop, t.At(g, r, a, s, "pop"))
								if g == "deutsch" {
									in.Strata = append(in.Strata, r+" "+a+" "+s)
								}
							}
						}
					}
					in.Groups = append(in.Groups, grp)
				}
				if _, err := rate.Compare(in, rate.Options{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkDirectOnly times the DSR with all four intervals on slices.
func BenchmarkDirectOnly(b *testing.B) {
	t := table(4000)
	in, _ := rate.FromTable(t, rate.Columns{Group: "group", Measure: "measure", Count: "count", Pop: "pop"})
	g := in.Groups[0]
	std := make([]float64, len(g.Pop))
	for i := range std {
		std[i] = g.Pop[i] + in.Groups[1].Pop[i]
	}
	b.ResetTimer()
	for b.Loop() {
		if _, err := rate.Direct(g.Count, g.Pop, std, nil, rate.Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
