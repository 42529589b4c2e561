// Command draw makes the seeded random draw of the held-out set: for each
// corpus in heldout.Corpora it takes half of its quota among texts that
// match the language's nationality-like expression (frame.tsv) and the
// rest among all texts, leaving out texts of ../shared/data/gold/dev.jsonl,
// near-empty texts and repeated texts. It writes one line per drawn text
// with the text (for the coder, a person) to -out, outside the repository.
//
//	go run ./media/heldout/cmd/draw -shared ../shared -out /tmp/heldout_draw.jsonl
//	go run ./media/heldout/cmd/draw -set 2 -shared ../shared -out /tmp/heldout2_draw.jsonl
//	go run ./media/heldout/cmd/draw -set 3 -shared ../shared -out /tmp/heldout3_draw.jsonl
//
// The seeds and quotas below are the ones the committed sets were drawn
// with. Set n leaves out the texts of every earlier set too.
package main

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/baserate/baserate"
	"github.com/baserate/baserate/media/heldout"
)

// set is one drawn set: its seed (every corpus gets its own stream: seed,
// FNV-1a of its name), its quotas per corpus, and the supplement drawn per
// language among texts matching the narrower "<lang>+" expression of
// frame.tsv, after the main draw.
type set struct {
	seed       uint64
	prefix     string
	quota      map[string]int
	supplement map[string]int
	// fill names, per corpus, the corpora whose remaining texts make up
	// its shortfall when it has too few texts left, stratum by stratum
	// (a nationality-like text missing is replaced by a nationality-like
	// one), drawn from the pooled remaining texts of those corpora after
	// the main draw.
	fill map[string][]string
}

var sets = map[int]set{
	// Set 1 (heldout.jsonl): at least 100 German texts, at least 30 per
	// other language.
	1: {20261127, "h", map[string]int{
		"ffm-polizei": 44, "berlin-polizei": 20, "bayern-polizei": 20, "10kgnad": 20,
		"dice-it": 32, "se-polisen": 32, "us-prosecutors": 32,
	}, map[string]int{"se-polisen": 12, "us-prosecutors": 12}, nil},
	// Set 2 (heldout2.jsonl): drawn and coded after the rules were changed
	// on set 1's errors, to measure generalization again.
	2: {20261128, "k", map[string]int{
		"ffm-polizei": 20, "berlin-polizei": 10, "bayern-polizei": 10, "10kgnad": 8,
		"dice-it": 16, "se-polisen": 12, "us-prosecutors": 10,
	}, map[string]int{"se-polisen": 6, "us-prosecutors": 6}, nil},
	// Set 3 (heldout3.jsonl): drawn after the set-2 changes, in the
	// proportions of dev.jsonl (about 64% German) and without a
	// supplement, so that it is drawn as dev.jsonl (and the hidden set)
	// was: its first measurement estimates accuracy on such a set.
	3: {20261129, "m", map[string]int{
		"ffm-polizei": 32, "berlin-polizei": 16, "bayern-polizei": 16, "10kgnad": 12,
		"dice-it": 18, "se-polisen": 13, "us-prosecutors": 13,
	}, nil, nil},
	// Set 4 (heldout4.jsonl): as set 3, drawn after the set-3 changes.
	4: {20261130, "p", map[string]int{
		"ffm-polizei": 32, "berlin-polizei": 16, "bayern-polizei": 16, "10kgnad": 12,
		"dice-it": 18, "se-polisen": 13, "us-prosecutors": 13,
	}, nil, nil},
	// Set 5 (heldout5.jsonl): as set 3, drawn after the clause model
	// replaced the cue distances.
	5: {20261201, "q", map[string]int{
		"ffm-polizei": 32, "berlin-polizei": 16, "bayern-polizei": 16, "10kgnad": 12,
		"dice-it": 18, "se-polisen": 13, "us-prosecutors": 13,
	}, nil, nil},
	// Set 6 (heldout6.jsonl): as set 3, drawn after the set-5 changes.
	6: {20261202, "r", map[string]int{
		"ffm-polizei": 32, "berlin-polizei": 16, "bayern-polizei": 16, "10kgnad": 12,
		"dice-it": 18, "se-polisen": 13, "us-prosecutors": 13,
	}, nil, nil},
	// Set 7 (heldout7.jsonl): as set 3, drawn after the census round
	// (crime density, mention shapes; commit 0a11164).
	7: {20261203, "s", map[string]int{
		"ffm-polizei": 32, "berlin-polizei": 16, "bayern-polizei": 16, "10kgnad": 12,
		"dice-it": 18, "se-polisen": 13, "us-prosecutors": 13,
	}, nil, nil},
	// Set 8 (heldout8.jsonl): as set 3, drawn after the set-7 changes
	// (commit c31672d).
	8: {20261204, "t", map[string]int{
		"ffm-polizei": 32, "berlin-polizei": 16, "bayern-polizei": 16, "10kgnad": 12,
		"dice-it": 18, "se-polisen": 13, "us-prosecutors": 13,
	}, nil, nil},
	// Set 9 (heldout9.jsonl): as set 3, drawn after the fallback round
	// (action nouns, lists, release segments, coreference; commit 70f90dd).
	9: {20261205, "u", map[string]int{
		"ffm-polizei": 32, "berlin-polizei": 16, "bayern-polizei": 16, "10kgnad": 12,
		"dice-it": 18, "se-polisen": 13, "us-prosecutors": 13,
	}, nil, nil},
	// Set 10 (heldout10.jsonl): as set 3, drawn after the set-9 changes
	// (crime gate, two-party phrases, descriptions; commit 3b5449d).
	10: {20261206, "v", map[string]int{
		"ffm-polizei": 32, "berlin-polizei": 16, "bayern-polizei": 16, "10kgnad": 12,
		"dice-it": 18, "se-polisen": 13, "us-prosecutors": 13,
	}, nil, nil},
	// Set 11 (heldout11.jsonl): as set 3, drawn after the set-10 changes.
	11: {20261207, "w", map[string]int{
		"ffm-polizei": 32, "berlin-polizei": 16, "bayern-polizei": 16, "10kgnad": 12,
		"dice-it": 18, "se-polisen": 13, "us-prosecutors": 13,
	}, nil, nil},
	// Set 12 (heldout12.jsonl): as set 3, drawn after the categories and
	// origins rounds (commit d28c6be).
	12: {20261208, "x", map[string]int{
		"ffm-polizei": 32, "berlin-polizei": 16, "bayern-polizei": 16, "10kgnad": 12,
		"dice-it": 18, "se-polisen": 13, "us-prosecutors": 13,
	}, nil, nil},
	// Set 13 (heldout13.jsonl): as set 3, drawn after the set-12 round
	// (commit 2259777).
	13: {20261209, "y", map[string]int{
		"ffm-polizei": 32, "berlin-polizei": 16, "bayern-polizei": 16, "10kgnad": 12,
		"dice-it": 18, "se-polisen": 13, "us-prosecutors": 13,
	}, nil, nil},
	// Set 14 (heldout14.jsonl): as set 3, drawn after the set-13 round
	// (commit 2e6dd31). The Bavarian corpus has 4 texts left and none
	// nationality-like, so its shortfall is drawn from the remaining
	// texts of the other two police corpora, Frankfurt and Berlin, pooled
	// (police releases of German cities, as the Bavarian ones are), with
	// the missing nationality-like texts drawn among nationality-like ones.
	14: {20261210, "z", map[string]int{
		"ffm-polizei": 32, "berlin-polizei": 16, "bayern-polizei": 16, "10kgnad": 12,
		"dice-it": 18, "se-polisen": 13, "us-prosecutors": 13,
	}, nil, map[string][]string{"bayern-polizei": {"ffm-polizei", "berlin-polizei"}}},
	// Sets 15 and 16 (heldout15.jsonl, heldout16.jsonl) and later: as set
	// 14, seed 20261196+n, drawn after the uncued-mention round (commit
	// 1751735), several at once so that several engineers can code them at
	// the same time; see later below.
}

// later are the prefixes of sets 15 to 25, and then of sets 26 to 50
// ("aa" to "ay"), 51 to 75 ("ba" to "by"), 76 to 100 ("ca" to "cy"), 101 to 125 ("da" to "dy"), 126 to 150 ("ea" to "ey"), 151 to 175 ("fa" to "fy"), 176 to 200 ("ga" to "gy") and 201 to 225 ("ha" to "hy"), drawn as set 14 (its
// quotas and fill) with seed 20261196+n. A set drawn before the sets before it were committed
// leaves them out with -exclude naming their draws; once they are
// committed, the plain command gives the same draw.
const later = "abcdefijlno"

// laterFirst are the first letters of the two-letter prefixes after
// later, 25 sets each.
const laterFirst = "abcdefgh"

// lastSet is the last set the prefix scheme defines (225).
const lastSet = 15 + len(later) + 25*len(laterFirst) - 1

func init() {
	for i, p := range later {
		n := 15 + i
		sets[n] = set{uint64(20261196 + n), string(p), sets[14].quota, nil, sets[14].fill}
	}
	for j, first := range laterFirst {
		for i := range 25 {
			n := 15 + len(later) + 25*j + i
			sets[n] = set{uint64(20261196 + n), string(first) + string(rune('a'+i)), sets[14].quota, nil, sets[14].fill}
		}
	}
	// Sets 82 to 84 drew the last 36 texts of 10kGNAD; from set 85 on its
	// quota is drawn as the Bavarian one is, from the remaining Frankfurt
	// and Berlin texts (German crime texts all the same; news gives way to
	// police releases). Earlier sets are drawn as they were.
	for n := 85; n <= lastSet; n++ {
		s := sets[n]
		s.fill = map[string][]string{
			"bayern-polizei": {"ffm-polizei", "berlin-polizei"},
			"10kgnad":        {"ffm-polizei", "berlin-polizei"},
		}
		sets[n] = s
	}
	// Sets 186 and later: the Italian and English frame. After set 185
	// the German corpora have no nationality-like text left to draw (see
	// the README), so these sets draw only from DICE (84 texts) and the
	// US prosecutors' releases (36), half of each among nationality-like
	// texts, with no fill. They are not drawn as dev.jsonl (and sets 3 to
	// 185) were, and are measured apart, per language.
	for n := 186; n <= lastSet; n++ {
		s := sets[n]
		s.quota = map[string]int{"dice-it": 84, "us-prosecutors": 36}
		s.fill = nil
		sets[n] = s
	}
	// Sets 216 and later: DICE alone (120 texts, half among
	// nationality-like ones). Set 216 could not be drawn with the US
	// quota: the US releases had 2 of its 18 nationality-like texts left.
	// The Italian half of the frame goes on, drawn as before (half of the
	// DICE texts nationality-like).
	for n := heldout.ItalianOnlyFirst; n <= lastSet; n++ {
		s := sets[n]
		s.quota = map[string]int{"dice-it": 120}
		sets[n] = s
	}
}

// minRunes: shorter texts (DICE has empty ones) are not drawn.
const minRunes = 40

type item struct {
	File    string `json:"file"`
	Ref     string `json:"ref"`
	Corpus  string `json:"corpus"`
	Lang    string `json:"lang"`
	Stratum string `json:"stratum"`
	SHA256  string `json:"sha256"`
	Source  string `json:"source"`
	Date    string `json:"date"`
	Title   string `json:"title"`
	Text    string `json:"text"`
	ID      string `json:"id"`
}

// key identifies a text by its first 200 letters and digits, lower case,
// so that dev.jsonl texts (cut, with other spacing) are recognized.
func key(s string) string {
	var b strings.Builder
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(unicode.ToLower(r))
			if n++; n == 200 {
				break
			}
		}
	}
	return b.String()
}

func main() {
	shared := flag.String("shared", "../shared", "the shared folder")
	out := flag.String("out", "/tmp/heldout_draw.jsonl", "where to write the drawn texts")
	which := flag.Int("set", 1, fmt.Sprintf("which set to draw (1 to %d)", lastSet))
	exclude := flag.String("exclude", "", "draw files (as -out writes; comma-separated) of earlier sets not yet committed, whose texts are left out too")
	mentions := flag.Int("mentions", 0, "instead of a set, draw this many batches of texts with origin mentions for role labels (see mentions.go), written to -out with -1, -2, ... before .jsonl; every committed set is left out")
	scale := flag.Float64("scale", 1.25, "with -mentions: each batch's quotas are set 14's times this")
	firstBatch := flag.Int("firstbatch", 1, "with -mentions: the number of the first batch (ids m<batch>-<n>); draw later batches leaving out the earlier ones' draws with -exclude")
	allowShort := flag.Bool("allow-short", false, "keep a set that falls short of its quotas (its corpora's texts, or their nationality-like ones, are used up); without it such a draw fails and -out is removed")
	heldoutDir := flag.String("heldout", filepath.Join("media", "heldout"), "the folder of the committed sets in the working tree: a set file there that this binary was not built with stops the draw (a stale binary would draw that set's texts again); no check when the folder is missing")
	flag.Parse()
	if missing, err := unknownSets(*heldoutDir, heldout.Sets); err != nil {
		fail(err)
	} else if len(missing) > 0 {
		fail(fmt.Errorf("%s holds %s, which this binary was not built with: rebuild it (go build ./media/heldout/cmd/draw), or it draws their texts again", *heldoutDir, strings.Join(missing, ", ")))
	}
	if *mentions > 0 {
		*which = len(heldout.Sets) + 1
	}
	st, ok := sets[*which]
	if !ok {
		fail(fmt.Errorf("no set %d", *which))
	}
	seed, quota, supplement := st.seed, st.quota, st.supplement
	// Strata drawn per corpus, for the fill.
	type short struct{ nat, random int }
	shortfall := map[string]short{}
	var shortBy []string // where the set falls short of its quotas
	// Texts of earlier sets (and their repeats) are left out like those
	// of dev.jsonl. Set 2 was drawn leaving out set 1 only, and so on.
	earlier := map[string]bool{}
	before, err := heldout.LoadSets(context.Background(), *shared, heldout.Sets[:min(*which-1, len(heldout.Sets))])
	if err != nil {
		fail(err)
	}
	for _, gold := range before {
		for _, g := range gold {
			earlier[key(g.Text)] = true
		}
	}
	// Sets 36 and later do not leave out the role labels' texts: the role
	// labels hold nearly every text in which the coder finds an origin
	// mention in some corpora, so leaving them out would draw sets unlike
	// the hidden one. A role model is measured on such a set fitted
	// without the set's texts (cmd/rolemodel -holdout).
	for _, path := range strings.Split(*exclude, ",") {
		if path == "" {
			continue
		}
		if err := excludeDrawn(path, earlier); err != nil {
			fail(err)
		}
	}
	ctx := context.Background()

	dev := map[string]bool{}
	f, err := os.Open(filepath.Join(*shared, "data", "gold", "dev.jsonl"))
	if err != nil {
		fail(err)
	}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		var a baserate.Article
		if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
			fail(err)
		}
		dev[key(a.Text)] = true
	}
	f.Close()
	frame := map[string]*regexp.Regexp{}
	for l, e := range heldout.Frame() {
		frame[l] = regexp.MustCompile(e)
	}

	if *mentions > 0 {
		if err := drawMentions(ctx, *shared, *mentions, *firstBatch, *scale, *out, earlier, dev); err != nil {
			fail(err)
		}
		return
	}
	w, err := os.Create(*out)
	if err != nil {
		fail(err)
	}
	defer w.Close()
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	n := 0
	devFound := map[string]bool{}
	emit := func(drawn []item) {
		for _, it := range drawn {
			n++
			it.ID = fmt.Sprintf("%s%03d", st.prefix, n)
			if err := enc.Encode(it); err != nil {
				fail(err)
			}
		}
	}
	type rest struct {
		c     heldout.Corpus
		all   []item
		taken map[int]bool
	}
	var rests []rest
	for _, c := range heldout.Corpora {
		var all []item
		err := corpusTexts(ctx, filepath.Join(*shared, "data", "news"), c, dev, earlier, devFound, func(it item) error {
			all = append(all, it)
			return nil
		})
		if err != nil {
			fail(err)
		}
		h := fnv.New64a()
		h.Write([]byte(c.Name))
		rng := rand.New(rand.NewPCG(seed, h.Sum64()))
		var nat []int
		for i, it := range all {
			if frame[c.Lang].MatchString(it.Text) {
				nat = append(nat, i)
			}
		}
		q := quota[c.Name]
		taken := map[int]bool{}
		var drawn []item
		for _, j := range rng.Perm(len(nat)) {
			if len(drawn) == q/2 {
				break
			}
			it := all[nat[j]]
			it.Stratum = "nationality"
			taken[nat[j]] = true
			drawn = append(drawn, it)
		}
		for _, j := range rng.Perm(len(all)) {
			if len(drawn) == q {
				break
			}
			if taken[j] {
				continue
			}
			it := all[j]
			it.Stratum = "random"
			taken[j] = true
			drawn = append(drawn, it)
		}
		nd := 0
		for _, it := range drawn {
			if it.Stratum == "nationality" {
				nd++
			}
		}
		shortfall[c.Name] = short{q/2 - nd, (q - q/2) - (len(drawn) - nd)}
		if len(nat) > 0 && nd < q/2 && len(st.fill[c.Name]) == 0 {
			// Corpora with no nationality-like text at all (Berlin,
			// Sweden) are drawn at random whole, as in every set; one
			// whose nationality-like texts are used up is short.
			shortBy = append(shortBy, fmt.Sprintf("%s: %d of %d nationality-like", c.Name, nd, q/2))
		}
		fmt.Fprintf(os.Stderr, "%-15s %6d texts, %5d nationality-like, drew %d\n", c.Name, len(all), len(nat), len(drawn))
		emit(drawn)
		rests = append(rests, rest{c, all, taken})
	}
	// The fill, after the main draw: a corpus's shortfall, stratum by
	// stratum, from the pooled remaining texts of the corpora named, in
	// their order; its own stream keyed by "<corpus>/fill".
	for _, c := range heldout.Corpora {
		from := st.fill[c.Name]
		sf := shortfall[c.Name]
		if len(from) == 0 || sf.nat+sf.random <= 0 {
			continue
		}
		type cand struct{ r, i int }
		var pool, natPool []cand
		for ri, r := range rests {
			if !slices.Contains(from, r.c.Name) {
				continue
			}
			for i, it := range r.all {
				if r.taken[i] {
					continue
				}
				pool = append(pool, cand{ri, i})
				if frame[r.c.Lang].MatchString(it.Text) {
					natPool = append(natPool, cand{ri, i})
				}
			}
		}
		h := fnv.New64a()
		h.Write([]byte(c.Name + "/fill"))
		rng := rand.New(rand.NewPCG(seed, h.Sum64()))
		var drawn []item
		take := func(p []cand, want int, stratum string) int {
			got := 0
			for _, j := range rng.Perm(len(p)) {
				if got == want {
					break
				}
				k := p[j]
				if rests[k.r].taken[k.i] {
					continue
				}
				rests[k.r].taken[k.i] = true
				it := rests[k.r].all[k.i]
				it.Stratum = stratum + " (fill for " + c.Name + ")"
				drawn = append(drawn, it)
				got++
			}
			return got
		}
		gotNat := take(natPool, sf.nat, "nationality")
		gotRandom := take(pool, sf.random, "random")
		fmt.Fprintf(os.Stderr, "%-15s fill from %v: %d of %d nationality-like, %d of %d random, of %d candidates\n", c.Name, from, gotNat, sf.nat, gotRandom, sf.random, len(pool))
		if gotNat < sf.nat || gotRandom < sf.random {
			shortBy = append(shortBy, fmt.Sprintf("the fill for %s: %d of %d nationality-like, %d of %d random", c.Name, gotNat, sf.nat, gotRandom, sf.random))
		}
		emit(drawn)
	}
	// The supplement, after the main draw, each corpus from its own stream.
	for _, r := range rests {
		q := supplement[r.c.Name]
		if q == 0 {
			continue
		}
		re := regexp.MustCompile(heldout.Frame()[r.c.Lang+"+"])
		var cand []int
		for i, it := range r.all {
			if !r.taken[i] && re.MatchString(it.Text) {
				cand = append(cand, i)
			}
		}
		h := fnv.New64a()
		h.Write([]byte(r.c.Name + "/supplement"))
		rng := rand.New(rand.NewPCG(seed, h.Sum64()))
		var drawn []item
		for _, j := range rng.Perm(len(cand)) {
			if len(drawn) == q {
				break
			}
			it := r.all[cand[j]]
			it.Stratum = "person-nationality"
			drawn = append(drawn, it)
		}
		fmt.Fprintf(os.Stderr, "%-15s supplement: %d candidates, drew %d\n", r.c.Name, len(cand), len(drawn))
		emit(drawn)
	}
	fmt.Fprintf(os.Stderr, "left out the texts of dev.jsonl: %d of %d found in the corpora\n", len(devFound), len(dev))
	want := 0
	for _, q := range quota {
		want += q
	}
	for _, q := range supplement {
		want += q
	}
	if n < want {
		shortBy = append(shortBy, fmt.Sprintf("%d of %d texts", n, want))
	}
	if len(shortBy) > 0 {
		err := fmt.Errorf("set %d is short (%s): the corpora's remaining texts cannot fill its quotas, so it is not drawn as the earlier sets were", *which, strings.Join(shortBy, "; "))
		if !*allowShort {
			w.Close()
			os.Remove(*out)
			fail(fmt.Errorf("%w (-allow-short keeps it)", err))
		}
		fmt.Fprintln(os.Stderr, "draw: warning:", err)
	}
}

// corpusTexts calls fn, in file order, for every text of corpus c under
// news that can be drawn: not a text of dev.jsonl (those it records in
// devFound, when not nil), not a repeat within the corpus, not in
// earlier, and not shorter than minRunes.
func corpusTexts(ctx context.Context, news string, c heldout.Corpus, dev, earlier, devFound map[string]bool, fn func(item) error) error {
	paths, _ := filepath.Glob(filepath.Join(news, c.Glob))
	sort.Strings(paths)
	seen := map[string]bool{}
	for _, p := range paths {
		rel, _ := filepath.Rel(news, p)
		err := heldout.ReadFile(ctx, news, c, rel, func(a baserate.Article) error {
			k := key(a.Text)
			switch {
			case dev[k]:
				if devFound != nil {
					devFound[k] = true
				}
				return nil
			case seen[k], earlier[k], utf8.RuneCountInString(strings.TrimSpace(a.Text)) < minRunes:
				return nil
			}
			seen[k] = true
			return fn(item{File: rel, Ref: a.ID, Corpus: c.Name, Lang: c.Lang, SHA256: heldout.Digest(a.Text), Source: a.Source, Date: a.Date, Title: a.Title, Text: a.Text})
		})
		if err != nil {
			return err
		}
	}
	return nil
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "draw:", err)
	os.Exit(1)
}

// excludeDrawn adds the texts of a draw file to earlier.
func excludeDrawn(path string, earlier map[string]bool) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for line := 1; sc.Scan(); line++ {
		var it item
		if err := json.Unmarshal(sc.Bytes(), &it); err != nil {
			return fmt.Errorf("%s:%d: %v", path, line, err)
		}
		earlier[key(it.Text)] = true
	}
	return sc.Err()
}

// unknownSets returns the set files (heldout*.jsonl) in dir that known
// does not name, sorted; none when dir does not exist.
func unknownSets(dir string, known []string) ([]string, error) {
	files, err := filepath.Glob(filepath.Join(dir, "heldout*.jsonl"))
	if err != nil {
		return nil, err
	}
	var missing []string
	for _, f := range files {
		if name := filepath.Base(f); !slices.Contains(known, name) {
			missing = append(missing, name)
		}
	}
	sort.Strings(missing)
	return missing, nil
}
