// Command pool prints the blind first runs of sets 4 to 185 (each set coded
// by the coder of its time, before any rule was changed on it; the
// codings are in media/heldout/firstruns.jsonl) per set and pooled, with
// percentile bootstrap intervals that resample texts within each set:
// the honest estimate of accuracy on a hidden set drawn like dev.jsonl.
// Sets 186 and later (the Italian and English frame, heldout.DevFrameLast)
// are pooled only when asked for.
//
//	go run ./media/heldout/cmd/pool [-reps 2000] [-level 0.95] [-seed 20261210] [-from 4] [-to N]
//	go run ./media/heldout/cmd/pool -from 186   # the Italian and English frame
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/baserate/baserate/media/heldout"
)

func main() {
	reps := flag.Int("reps", 2000, "bootstrap replicates")
	level := flag.Float64("level", 0.95, "interval level")
	seed := flag.Uint64("seed", 20261210, "bootstrap seed")
	from := flag.Int("from", 4, "first set pooled (categories are comparable from set 12, the offence-family round)")
	to := flag.Int("to", 0, "last set pooled (0: the last set of the dev.jsonl frame, heldout.DevFrameLast, or with -from after it the last committed set)")
	flag.Parse()
	all, err := heldout.FirstRuns()
	if err != nil {
		fmt.Fprintln(os.Stderr, "pool:", err)
		os.Exit(1)
	}
	if *to <= 0 {
		// Sets of the two frames are not pooled unless asked for.
		*to = heldout.DevFrameLast
		if *from > heldout.DevFrameLast {
			*to = len(heldout.Sets)
		}
	}
	*to = min(*to, len(heldout.Sets))
	var ts []heldout.Scored
	for _, t := range all {
		if t.Set >= *from && t.Set <= *to {
			ts = append(ts, t)
		}
	}
	fmt.Println("set\ttexts\torigin_named F1\tmicro-F1\tvictims as suspects\tcrime F1\tcategories F1")
	for s := *from; s <= *to; s++ {
		var one []heldout.Scored
		for _, t := range ts {
			if t.Set == s {
				one = append(one, t)
			}
		}
		row(fmt.Sprint(s), heldout.Score(one))
	}
	show := func(name string, keep func(heldout.Scored) bool) {
		var sub []heldout.Scored
		for _, t := range ts {
			if keep(t) {
				sub = append(sub, t)
			}
		}
		if len(sub) == 0 {
			return
		}
		f := heldout.Score(sub)
		row(name, f)
		iv := heldout.Bootstrap(sub, *reps, *level, *seed)
		fmt.Printf("  %.0f%% interval\t\t%.3f-%.3f\t%.3f-%.3f\t%.0f%%-%.0f%%\t%.3f-%.3f\t%.3f-%.3f\n", 100**level,
			iv.OriginNamed.Lo, iv.OriginNamed.Hi, iv.MicroF1.Lo, iv.MicroF1.Hi, 100*iv.VictimRate.Lo, 100*iv.VictimRate.Hi,
			iv.Crime.Lo, iv.Crime.Hi, iv.Categories.Lo, iv.Categories.Hi)
	}
	show("pooled", func(heldout.Scored) bool { return true })
	for _, l := range []string{"de", "it", "sv", "en"} {
		show("pooled "+l, func(t heldout.Scored) bool { return t.Ref.Lang == l })
	}
}

func row(name string, f heldout.Figures) {
	fmt.Printf("%s\t%d\t%.3f\t%.3f\t%d of %d\t%.3f\t%.3f\n", name, f.Texts, f.OriginNamed, f.MicroF1, f.VictimsAsSuspects, f.VictimPairs, f.Crime, f.Categories)
}
