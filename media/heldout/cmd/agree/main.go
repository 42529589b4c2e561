// Command agree measures how far the two hand codings of the sets coded
// twice (heldout.SecondSets) agree, and how the first-run coder of those
// sets scores against each: the part of the coder's distance from a set's
// coding that is disagreement between engineers.
//
//	go run ./media/heldout/cmd/agree
package main

import (
	"fmt"
	"math"
	"os"
	"slices"

	"github.com/baserate/baserate/media/eval"
	"github.com/baserate/baserate/media/heldout"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "agree:", err)
		os.Exit(1)
	}
}

// group is a run of sets drawn the same way.
type group struct {
	name     string
	from, to int
}

var groups = []group{{"sets 184-185 (drawn as dev.jsonl)", 184, 185}, {"sets 207-208 (Italian and English frame)", 207, 208}}

func run() error {
	twice, err := heldout.SecondCodings()
	if err != nil {
		return err
	}
	runs, err := heldout.FirstRuns()
	if err != nil {
		return err
	}
	fmt.Println("group\tlang\ttexts\torigin_named F1\tkappa\tmicro-F1\tfirst's victims as second's suspects\tsecond's victims as first's suspects\tcrime kappa\tcoder vs first\tcoder vs second")
	for _, g := range groups {
		var ts []heldout.Twice
		for _, t := range twice {
			if t.Set >= g.from && t.Set <= g.to {
				ts = append(ts, t)
			}
		}
		ab, ba := heldout.Agreement(ts, false), heldout.Agreement(ts, true)
		langs := []string{""}
		for l := range ab.ByLang {
			langs = append(langs, l)
		}
		slices.Sort(langs[1:])
		for _, l := range langs {
			r, rs := ab.All, ba.All
			if l != "" {
				r, rs = ab.ByLang[l], ba.ByLang[l]
			}
			first, second := coder(runs, ts, l, false), coder(runs, ts, l, true)
			fmt.Printf("%s\t%s\t%d\t%.3f\t%.3f\t%.3f\t%s\t%s\t%.3f\t%s\t%s\n", g.name, or(l, "all"), r.Texts, r.OriginNamed.F1, r.OriginNamed.Kappa, r.SuspectOrigins.F1, victims(r), victims(rs), r.Crime.Kappa, first, second)
		}
	}
	return nil
}

// coder scores the first runs of ts's texts (language l, or all) against
// the first coding, or the second when second is set.
func coder(runs []heldout.Scored, ts []heldout.Twice, l string, second bool) string {
	var sc []heldout.Scored
	for _, t := range ts {
		if l != "" && t.First.Lang != l {
			continue
		}
		i := slices.IndexFunc(runs, func(s heldout.Scored) bool { return s.Set == t.Set && s.Ref.ID == t.First.ID })
		if i < 0 {
			continue
		}
		s := runs[i]
		if second {
			s.Ref = t.Second
		}
		sc = append(sc, s)
	}
	f := heldout.Score(sc)
	if math.IsNaN(f.OriginNamed) {
		return fmt.Sprintf("no positive, no false / %d of %d", f.VictimsAsSuspects, f.VictimPairs)
	}
	return fmt.Sprintf("%.3f / %.3f / %d of %d", f.OriginNamed, f.MicroF1, f.VictimsAsSuspects, f.VictimPairs)
}

func victims(r eval.Report) string {
	return fmt.Sprintf("%d of %d", r.VictimsAsSuspects, r.VictimPairs)
}

func or(s, alt string) string {
	if s == "" {
		return alt
	}
	return s
}
