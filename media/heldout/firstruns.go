package heldout

import (
	_ "embed"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"sort"
)

// firstruns.jsonl holds, for every text of sets 4 to 225, the coding the
// coder of the set's first run gave it (without evidence), made with each
// coder built at its commit in a temporary worktree:
//
//	git worktree add --detach /tmp/wt 3b88843   # set 4; the commits are in the "coder" field
//	(cd /tmp/wt && go build -o /tmp/br4 ./cmd/baserate)
//	go run ./media/heldout/cmd/materialize -set heldout4.jsonl -shared ../shared > /tmp/set4.jsonl
//	/tmp/br4 media code --in /tmp/set4.jsonl --format jsonl
//
// Sets 36 to 39 were coded by the coder of 677665a with its built-in role
// model, except the 36 texts they share with the role labels: those were
// coded with a model fitted the same way without them,
//
//	go run ./media/detect/cmd/rolemodel -shared ../shared -fit -mode fallback -labels -lexlambda 1 -sets 35 -leaveout 35 -out /tmp/leaveout.json
//	/tmp/br677 media code --role-model /tmp/leaveout.json --in /tmp/set36.jsonl --format jsonl
//
// Sets 40 to 43 were coded the same way by the coder of 2adaf52 (the model
// refitted on sets 1-39 and all role labels), the 66 texts they share
// with the labels by a model fitted without them (-sets 39 -leaveout 39).
//
// Sets 44 to 47 were coded by the coder of 9678524 (the model in mode cue,
// refitted on sets 1-43 and all role labels), the 72 texts they share
// with the labels by a model fitted without them:
//
//	go run ./media/detect/cmd/rolemodel -shared ../shared -fit -mode cue -gate 0.6 -labels -lexlambda 1 -sets 43 -leaveout 43 -out /tmp/leaveout.json
//
// Sets 48 to 53 were coded by the coder of ffb70db (after the
// person-class round, the same model refitted), the 99 texts they share
// with the labels by a model fitted the same way without them (the same
// command, run at that commit with these sets committed).
//
// Sets 54 to 56 were coded by the coder of 82e6ae8 (the model refitted on
// sets 1-53 and all four rounds of role labels), the 66 texts they share
// with the labels by a model fitted without them (-sets 53 -leaveout 53).
// Sets 57 to 60 were coded by the same coder, the 78 texts they share with
// the labels by a model fitted the same way with these sets committed.
// Sets 61 to 63 were coded by the coder of 554eb85 (the last lexicon
// round; the model of 82e6ae8), the 58 texts they share with the labels
// by a model fitted the same way with these sets committed.
// Sets 64 to 69 were coded by the same landed coder (554eb85) at the start
// of the next session, the 106 texts they share with the labels by a
// model fitted the same way with these sets committed.
// Sets 70 to 75 were coded by the coder of f5f5815 (the role model in mode
// all with a clause gate, fitted on sets 1-63 and the labels), the 140
// texts they share with the labels by a model fitted the same way without
// them (-sets 63 -leaveout 63, with these sets committed).
// Sets 76 to 81 were coded by the coder of d3c9303 (the Italian
// infinitive and preposition changes; the model of f5f5815), the 142
// texts they share with the labels by a model fitted the same way with
// these sets committed.
// Sets 82 to 87 were coded by the landed coder of 0164a3b (the English
// "of <country>" slot) at the start of the next session, the 136 texts
// they share with the labels by a model fitted the same way with these
// sets committed.
// Sets 88 to 93 were coded by the coder of 6f64072 (the crime model, fitted
// on the crime labels of sets 1-87), the 153 texts they share with the
// labels by a role model fitted the same way with these sets committed.
// Sets 94 to 99 were coded by the coder of d0ad3ba (Italian victim
// phrases), the 168 texts they share with the labels by a role model
// fitted the same way with these sets committed.
// Sets 100 to 105 were coded by the coder of 269201a (statuses, German
// adjectival nationality nouns, "Geflüchtete", noun-phrase adverbs), the
// 153 texts they share with the labels by a role model fitted the same
// way with these sets committed.
// Sets 106 to 111 were coded by the same coder (269201a), the 148 texts
// they share with the labels by a role model fitted the same way with
// these sets committed.
// Sets 112 to 123 were coded by the coder of f73c4a5 (German person
// words: the feminine article and number words before "aus <country>",
// offender and trade nouns, genitive place heads), the 276 texts they
// share with the labels by a role model fitted the same way with these
// sets committed.
// Sets 124 to 129 were coded by the coder of 3810cbd (a description
// "als" read as the object's, German noun-phrase bounds and partitive
// case, more person words), the 150 texts they share with the labels by
// a role model fitted the same way with these sets committed.
// Sets 130 to 135 were coded by the coder of b2c7500 (determiners before
// "aus" only right before it, relative pronouns no partitive head, the
// phrase bound only before a capitalized noun), the 145 texts they share
// with the labels by a role model fitted the same way with these sets
// committed; sets 136 to 141 by the same coder, the 137 texts they share
// with the labels by a role model fitted the same way with them committed.
// Sets 142 to 147 were coded by the coder of 68f92a0 ("New Jersey"
// blocked, Italian shopkeepers as victim cues), the 163 texts they share
// with the labels by a role model fitted the same way with them committed.
// Sets 148 to 150 were coded by the coder of a826f91 (the identity-pronoun
// rule), the 67 texts they share with the labels by a role model fitted
// the same way with them committed. Sets 151 to 153, committed after
// that run, were coded by the same coder, the 70 texts they share with the
// labels by a role model fitted the same way with them committed.
// Sets 154 to 159 were coded by the coder of 92890f6 (mention finding
// from the pooled misses of sets 1-153), the 162 texts they share with
// the labels by a role model fitted the same way with them committed
// (cmd/firstrun made their rows). Sets 160 to 165 were coded by the
// coder of 0092fb9 (the grammar classes of fcff1af; it codes the same),
// the 146 texts they share with the labels by a role model fitted the
// same way with them committed (sets 164 and 165 after 160-163, once set
// 164's coding was done; cmd/firstrun). Sets 166 to 169 were coded by
// the coder of 4e97395 (a nationality a person gave of themselves, "vom
// Tatort Geflüchteten"), the 99 texts they share with the labels by a
// role model fitted the same way with them committed (cmd/firstrun).
// Sets 170 to 173 were coded by the coder of 9a49859 (country prefixes
// "US-Tourist", Italian number-word ages and lawful stay, "-American"),
// the 89 texts they share with the labels by a role model fitted the
// same way with them committed (cmd/firstrun).
// Sets 174 to 177 were coded by the coder of 252ce6e (that of 9a49859
// with the bound forms no longer counted as the crime model's origin
// candidates), the 99 texts they share with the labels by a role model
// fitted the same way with them committed (cmd/firstrun).
// Sets 178 to 181 were coded by the coder of ad4479e ("Deutschtürke",
// Italian "dello"), the 94 texts they share with the labels by a role
// model fitted the same way with them committed (cmd/firstrun).
// Sets 182 to 185 were coded by the coder of 0d2ef70 (person heads such
// as "Präsident", descent after the country, Italian initials), the 95
// texts they share with the labels by a role model fitted the same way
// with them committed (cmd/firstrun).
// Sets 186 to 189, the first of the Italian and English frame
// (DevFrameLast), were coded by the coder of 76b6622 (Italian lists after
// a preposition, the initials rule's conjunction from lang.tsv), the 64
// texts they share with the labels by a role model fitted the same way
// with them committed (cmd/firstrun).
// Sets 190 to 193, the frame's second round, were coded by the coder of
// 6af5899 (Italian gender agreement), the 75 texts they share with the
// labels by a role model fitted the same way with them committed.
// Sets 194 to 197, its third round, were coded by the coder of 5f7d67e
// (the Welsh correction), the 71 texts they share with the labels by a
// role model fitted the same way with them committed.
// Sets 198 to 200, its fourth round, were coded by the coder of 0c4863c
// (active harm verbs), the 47 texts they share with the labels by a role
// model fitted the same way with them committed.
// Sets 201 to 204, its fifth round, were coded by the coder of 3c3e532
// (Italian person phrases), the 61 texts they share with the labels by a
// role model fitted the same way with them committed.
// Sets 205 to 208, its sixth round, were coded by the coder of 2b65e08
// (the Italian first-name rule), the 55 texts they share with the labels
// by a role model fitted the same way with them committed.
// Sets 209 to 212, its seventh round, were coded by the coder of 53f2ee8
// (Italian lexicon additions), the 52 texts they share with the labels by
// a role model fitted the same way with them committed.
// Sets 213 to 215, its eighth round, were coded by the coder of 4bce44b
// ("deported from X to Y"), the 41 texts they share with the labels by a
// role model fitted the same way with them committed.
// Sets 216 to 218, its ninth round and the first drawn from DICE alone
// (ItalianOnlyFirst), were coded by the coder of e2f7e09, the 45 texts
// they share with the labels by a role model fitted the same way with
// them committed.
// Sets 219 to 221, its tenth round, were coded by the coder of bdc3f1a
// (Italian "nato in" after initials, "immigrato dalla", harm nouns), the
// 60 texts they share with the labels by a role model fitted the same way
// with them committed.
// Sets 222 to 224, its eleventh round, were coded by the coder of f1f3dbd
// (Italian "sammarinese", "venivano dalla", offender nouns), the 50 texts
// they share with the labels by a role model fitted the same way with them
// committed.
// Set 225, its twelfth round and its last, was coded by the coder of
// 6691481 (a final accent written: "colpì", "è"), the 12 texts it shares
// with the labels by a role model fitted the same way with it committed.
// From sets 148-153 on, `go run ./media/heldout/cmd/firstrun` makes a set's
// rows from its two codings (built-in and leave-out model); it gives the
// stored rows of sets 148-153.
//
// Each set's figures from it equal the first-run row of README.md.
//
//go:embed firstruns.jsonl
var firstRunsFile []byte

// FirstRun is the coding a set's first-run coder gave one text.
type FirstRun struct {
	Set            int      `json:"set"`
	ID             string   `json:"id"`
	Coder          string   `json:"coder"` // the commit whose coder made the first run
	Crime          bool     `json:"crime"`
	Categories     []string `json:"categories"`
	OriginNamed    bool     `json:"origin_named"`
	SuspectOrigins []string `json:"suspect_origins"`
	VictimOrigins  []string `json:"victim_origins"`
	Appearance     bool     `json:"appearance"`
}

// Scored is one text of a blind first run: its language, its gold coding
// and the first run's coding.
type Scored struct {
	Set  int
	Ref  Ref
	Code FirstRun
}

// FirstRuns returns every text of sets 4 to 225 (sets 186 on are the
// Italian and English frame, after DevFrameLast) with its gold coding and
// its first run's coding, in set order.
func FirstRuns() ([]Scored, error) {
	byKey := map[string]FirstRun{}
	err := jsonLines(firstRunsFile, "firstruns.jsonl", func(_ int, f FirstRun) error {
		byKey[fmt.Sprint(f.Set, " ", f.ID)] = f
		return nil
	})
	if err != nil {
		return nil, err
	}
	var out []Scored
	for i, set := range Sets {
		num := i + 1
		if num < 4 {
			continue
		}
		refs, err := RefsOf(set)
		if err != nil {
			return nil, err
		}
		for _, r := range refs {
			f, ok := byKey[fmt.Sprint(num, " ", r.ID)]
			if !ok {
				return nil, fmt.Errorf("heldout: firstruns.jsonl: no coding of set %d's %s", num, r.ID)
			}
			out = append(out, Scored{Set: num, Ref: r, Code: f})
		}
	}
	return out, nil
}

// Figures are the measures of a blind run over some texts: origin_named
// F1, micro-F1 on (text, suspect origin code) pairs, crime F1 and
// categories F1 (micro over (text, family) pairs), and the victims' (text,
// code) pairs that the gold does not also give a suspect, with how many
// of them the coder counted as suspects.
type Figures struct {
	Texts             int
	OriginNamed       float64
	MicroF1           float64
	Crime             float64
	Categories        float64
	Victims           float64 // micro-F1 on (text, victim origin) pairs
	VictimPairs       int
	VictimsAsSuspects int
}

// Score measures the first runs of the texts given.
func Score(ts []Scored) Figures {
	var on, mi, cr, ca, vi [3]int // TP, FP, FN
	f := Figures{Texts: len(ts)}
	for _, t := range ts {
		g, c := t.Ref.Gold, t.Code
		count(&on, g.OriginNamed, c.OriginNamed)
		count(&cr, g.Crime, c.Crime)
		pairs(&mi, g.SuspectOrigins, c.SuspectOrigins)
		pairs(&ca, g.Categories, c.Categories)
		pairs(&vi, g.VictimOrigins, c.VictimOrigins)
		for _, v := range g.VictimOrigins {
			if slices.Contains(g.SuspectOrigins, v) {
				continue
			}
			f.VictimPairs++
			if slices.Contains(c.SuspectOrigins, v) {
				f.VictimsAsSuspects++
			}
		}
	}
	f.OriginNamed, f.MicroF1, f.Crime, f.Categories, f.Victims = f1(on), f1(mi), f1(cr), f1(ca), f1(vi)
	return f
}

func count(k *[3]int, gold, coded bool) {
	switch {
	case gold && coded:
		k[0]++
	case coded:
		k[1]++
	case gold:
		k[2]++
	}
}

func pairs(k *[3]int, gold, coded []string) {
	for _, c := range coded {
		if slices.Contains(gold, c) {
			k[0]++
		} else {
			k[1]++
		}
	}
	for _, g := range gold {
		if !slices.Contains(coded, g) {
			k[2]++
		}
	}
}

// f1 is NaN when there is nothing to find and nothing found.
func f1(k [3]int) float64 {
	d := 2*k[0] + k[1] + k[2]
	if d == 0 {
		return math.NaN()
	}
	return float64(2*k[0]) / float64(d)
}

// Interval is a percentile bootstrap interval.
type Interval struct{ Lo, Hi float64 }

// Intervals are the bootstrap intervals of Figures' rates; VictimRate is
// VictimsAsSuspects / VictimPairs.
type Intervals struct {
	OriginNamed, MicroF1, Crime, Categories, VictimRate Interval
}

// Bootstrap resamples texts with replacement within each set (so every
// replicate keeps the sets' sizes) reps times and returns the central
// level (e.g. 0.95) percentile intervals. Replicates where a measure is
// undefined are left out of its interval.
func Bootstrap(ts []Scored, reps int, level float64, seed uint64) Intervals {
	bySet := map[int][]Scored{}
	var sets []int
	for _, t := range ts {
		if _, ok := bySet[t.Set]; !ok {
			sets = append(sets, t.Set)
		}
		bySet[t.Set] = append(bySet[t.Set], t)
	}
	sort.Ints(sets)
	rng := rand.New(rand.NewPCG(seed, 0x6d65646961))
	var on, mi, cr, ca, vr []float64
	sample := make([]Scored, 0, len(ts))
	for range reps {
		sample = sample[:0]
		for _, s := range sets {
			l := bySet[s]
			for range l {
				sample = append(sample, l[rng.IntN(len(l))])
			}
		}
		f := Score(sample)
		on, mi, cr, ca = appendDef(on, f.OriginNamed), appendDef(mi, f.MicroF1), appendDef(cr, f.Crime), appendDef(ca, f.Categories)
		if f.VictimPairs > 0 {
			vr = append(vr, float64(f.VictimsAsSuspects)/float64(f.VictimPairs))
		}
	}
	return Intervals{pct(on, level), pct(mi, level), pct(cr, level), pct(ca, level), pct(vr, level)}
}

func appendDef(xs []float64, x float64) []float64 {
	if math.IsNaN(x) {
		return xs
	}
	return append(xs, x)
}

func pct(xs []float64, level float64) Interval {
	if len(xs) == 0 {
		return Interval{math.NaN(), math.NaN()}
	}
	sort.Float64s(xs)
	a := (1 - level) / 2
	lo := int(math.Floor(a * float64(len(xs))))
	hi := int(math.Ceil((1-a)*float64(len(xs)))) - 1
	return Interval{xs[lo], xs[max(lo, min(hi, len(xs)-1))]}
}

// SharedWithLabels returns the ids of the texts of set (one of Sets) that
// are among the role labels (the same file and ref). The built-in role
// model was fitted on them, so a set's first run codes them with a model
// fitted without them (cmd/firstrun).
func SharedWithLabels(set string) (map[string]bool, error) {
	refs, err := RefsOf(set)
	if err != nil {
		return nil, err
	}
	roles, err := RoleRefs()
	if err != nil {
		return nil, err
	}
	labelled := make(map[[2]string]bool, len(roles))
	for _, r := range roles {
		labelled[[2]string{r.File, r.Ref}] = true
	}
	out := map[string]bool{}
	for _, r := range refs {
		if labelled[[2]string{r.File, r.Ref}] {
			out[r.ID] = true
		}
	}
	return out, nil
}
