package eval

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sort"

	"github.com/baserate/baserate"
	"github.com/baserate/baserate/media/source"
)

// Gold is one hand-coded line: the article and its coding.
type Gold struct {
	baserate.Article
	Gold GoldCoding `json:"gold"`
	// Line is the line of the gold file the text was read from (0 when it
	// was not read from one).
	Line int `json:"-"`
}

// GoldCoding is the codebook's coding as the gold file writes it.
type GoldCoding struct {
	Crime          bool     `json:"crime"`
	Categories     []string `json:"categories"`
	OriginNamed    bool     `json:"origin_named"`
	SuspectOrigins []string `json:"suspect_origins"`
	VictimOrigins  []string `json:"victim_origins"`
	Appearance     bool     `json:"appearance"`
	Note           string   `json:"note,omitempty"`
}

// ReadGoldFile reads the gold lines of the file at path; errors name it by
// its base name.
func ReadGoldFile(path string) ([]Gold, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return ReadGold(f, filepath.Base(path))
}

// ReadGold reads gold lines; name is used in error positions.
func ReadGold(r io.Reader, name string) ([]Gold, error) {
	var out []Gold
	seen := map[string]int{}
	err := eachLine(r, name, func(n int, line []byte) error {
		var g struct {
			Gold
			Coding *GoldCoding `json:"gold"`
		}
		if err := json.Unmarshal(line, &g); err != nil {
			return baserate.Invalid(name, n, "%v", err)
		}
		if g.ID == "" {
			return baserate.Invalid(name, n, "no id")
		}
		if g.Coding == nil {
			// A line of the texts or of media code output: no hand
			// coding, not one that says "no crime".
			return baserate.Invalid(name, n, "no gold coding (no \"gold\" object)")
		}
		if first, dup := seen[g.ID]; dup {
			return baserate.Invalid(name, n, "id %q twice (first at line %d)", g.ID, first)
		}
		seen[g.ID] = n
		g.Gold.Gold, g.Line = *g.Coding, n
		out = append(out, g.Gold)
		return nil
	})
	return out, err
}

// eachLine calls fn with every line of r that is not blank, and its
// number; a byte order mark before the first is dropped. An error reading
// r names name and the line after the last one read.
func eachLine(r io.Reader, name string, fn func(n int, line []byte) error) error {
	// A gzip-compressed file is read through, as media code and media
	// index read one; a truncated one fails at its line, not with the
	// parse error of its unfinished last line.
	r, err := source.Gunzip(r, name)
	if err != nil {
		return err
	}
	sc := source.NewLineScanner(r)
	n := 0
	for sc.Scan() {
		n++
		b := sc.Bytes()
		if n == 1 {
			b = bytes.TrimPrefix(b, []byte("\ufeff"))
		}
		if len(bytes.TrimSpace(b)) == 0 {
			continue
		}
		if err := fn(n, b); err != nil {
			return err
		}
	}
	if err := sc.Err(); err != nil {
		return baserate.Invalid(name, n+1, "%v", err)
	}
	return nil
}

// Coding is the gold coding as a coding of the text id, without evidence.
func (g GoldCoding) Coding(id string) baserate.Coding {
	return baserate.Coding{ID: id, Crime: g.Crime, Categories: g.Categories, OriginNamed: g.OriginNamed, SuspectOrigins: g.SuspectOrigins, VictimOrigins: g.VictimOrigins, Appearance: g.Appearance}
}

// ReadCodedFile reads the codings of the file at path, by id: lines of
// `baserate media code --format jsonl`, or gold-shaped lines (a second
// hand-coding of the same texts), whose "gold" object is taken as the
// coding. Errors name the file by its base name and the line.
func ReadCodedFile(path string) (map[string]baserate.Coding, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return ReadCoded(f, filepath.Base(path))
}

// ReadCoded reads codings by id (see ReadCodedFile); name is used in error
// positions.
func ReadCoded(r io.Reader, name string) (map[string]baserate.Coding, error) {
	out := map[string]baserate.Coding{}
	err := eachLine(r, name, func(n int, line []byte) error {
		var keys map[string]json.RawMessage
		if err := json.Unmarshal(line, &keys); err != nil {
			return baserate.Invalid(name, n, "%v", err)
		}
		var c baserate.Coding
		if raw, ok := keys["gold"]; ok {
			var g GoldCoding
			if err := json.Unmarshal(raw, &g); err != nil {
				return baserate.Invalid(name, n, "gold: %v", err)
			}
			var id string
			if raw, ok := keys["id"]; ok {
				if err := json.Unmarshal(raw, &id); err != nil {
					return baserate.Invalid(name, n, "id: %v", err)
				}
			}
			c = g.Coding(id)
		} else {
			if _, ok := keys["crime"]; !ok {
				return baserate.Invalid(name, n, "neither a coding (no \"crime\") nor a gold line (no \"gold\")")
			}
			if err := json.Unmarshal(line, &c); err != nil {
				return baserate.Invalid(name, n, "%v", err)
			}
		}
		if c.ID == "" {
			return baserate.Invalid(name, n, "no id")
		}
		if _, dup := out[c.ID]; dup {
			return baserate.Invalid(name, n, "id %q coded twice", c.ID)
		}
		out[c.ID] = c
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// Match returns the codings of the gold texts, in the gold's order. A gold
// text without a coding is an error naming its id and name (the codings'
// file); codings of other texts are left out.
func Match(gold []Gold, coded map[string]baserate.Coding, name string) ([]baserate.Coding, error) {
	out := make([]baserate.Coding, len(gold))
	var missing []string
	for i, g := range gold {
		c, ok := coded[g.ID]
		if !ok {
			missing = append(missing, g.ID)
			continue
		}
		out[i] = c
	}
	if len(missing) > 0 {
		more := ""
		if len(missing) > 5 {
			more = fmt.Sprintf(" and %d more", len(missing)-5)
			missing = missing[:5]
		}
		return nil, baserate.E("eval.Match", baserate.KindInvalid, fmt.Errorf("%s: no coding of gold text %q%s", name, missing, more))
	}
	return out, nil
}

// Binary is the confusion table of a yes/no decision and its measures.
// Alpha is Krippendorff's alpha for nominal data, the two codings taken as
// two coders of every unit (Krippendorff 2011, "Computing Krippendorff's
// Alpha-Reliability"); with two coders and no missing values it is
// 1 - (n-1)(FP+FN) / (n0 n1), n = 2 × units and n0, n1 the values 0 and 1
// over both coders.
type Binary struct {
	TP, FP, FN, TN int
	Precision      float64 `json:"precision"`
	Recall         float64 `json:"recall"`
	F1             float64 `json:"f1"`
	Kappa          float64 `json:"kappa"`
	Alpha          float64 `json:"alpha"`
}

func (b *Binary) add(gold, pred bool) {
	switch {
	case gold && pred:
		b.TP++
	case !gold && pred:
		b.FP++
	case gold && !pred:
		b.FN++
	default:
		b.TN++
	}
}

// finish computes the measures. With no positives at all on either side,
// precision, recall and F1 are 1 (nothing to find, nothing wrongly found).
func (b *Binary) finish() {
	tp, fp, fn, tn := float64(b.TP), float64(b.FP), float64(b.FN), float64(b.TN)
	b.Precision, b.Recall = ratio(tp, tp+fp), ratio(tp, tp+fn)
	b.F1 = ratio(2*tp, 2*tp+fp+fn)
	n := tp + fp + fn + tn
	if n == 0 {
		return
	}
	// Both coders gave one value to every unit: alpha is 1, as kappa.
	b.Alpha = 1
	if v, n1 := 2*n, 2*tp+fp+fn; n1 > 0 && n1 < v {
		b.Alpha = 1 - (v-1)*(fp+fn)/((v-n1)*n1)
	}
	po := (tp + tn) / n
	pe := ((tp+fp)*(tp+fn) + (fn+tn)*(fp+tn)) / (n * n)
	if pe == 1 {
		b.Kappa = 1
		return
	}
	b.Kappa = (po - pe) / (1 - pe)
}

func ratio(a, b float64) float64 {
	if b == 0 {
		return 1
	}
	return a / b
}

// Report holds the measures over a set of texts.
type Report struct {
	Texts       int    `json:"texts"`
	Crime       Binary `json:"crime"`
	OriginNamed Binary `json:"origin_named"`
	Appearance  Binary `json:"appearance"`
	// Categories is over (text, family) pairs for the nine families.
	Categories Binary `json:"categories"`
	// Families splits Categories by offence family (over texts).
	Families map[string]Binary `json:"families"`
	// SuspectOrigins is over (text, code) pairs, for every code named in
	// the gold or the coding; its F1 is the micro-F1 on origin codes.
	SuspectOrigins Binary `json:"suspect_origins"`
	VictimOrigins  Binary `json:"victim_origins"`
	// VictimsAsSuspects counts (text, code) pairs that the gold has among
	// victims only and the coding has among suspects; Rate is that count
	// over the gold victim-only pairs (0 when there are none).
	VictimPairs       int     `json:"victim_pairs"`
	VictimsAsSuspects int     `json:"victims_as_suspects"`
	VictimsAsSuspRate float64 `json:"victims_as_suspects_rate"`
}

// Error is one text where coding and gold differ.
type Error struct {
	ID       string              `json:"id"`
	Lang     string              `json:"lang"`
	Fields   []string            `json:"fields"`
	Gold     GoldCoding          `json:"gold"`
	Coded    baserate.Coding     `json:"coded"`
	Evidence []baserate.Evidence `json:"evidence"`
}

// Result is the whole evaluation.
type Result struct {
	All    Report            `json:"all"`
	ByLang map[string]Report `json:"by_lang"`
	Errors []Error           `json:"errors"`
}

// Coder codes one article; *detect.Coder satisfies it.
type Coder interface {
	Code(baserate.Article) baserate.Coding
}

// Run codes every gold text with c and compares.
func Run(ctx context.Context, c Coder, gold []Gold) (*Result, error) {
	codes := make([]baserate.Coding, len(gold))
	for i, g := range gold {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		codes[i] = c.Code(g.Article)
	}
	return Compare(gold, codes), nil
}

// Compare measures codes against gold, matched by position.
func Compare(gold []Gold, codes []baserate.Coding) *Result {
	res := &Result{ByLang: map[string]Report{}}
	// Every origin code seen anywhere: the (text, code) grid for kappa.
	codeSet := map[string]bool{}
	for i, g := range gold {
		for _, c := range g.Gold.SuspectOrigins {
			codeSet[c] = true
		}
		for _, c := range g.Gold.VictimOrigins {
			codeSet[c] = true
		}
		for _, c := range codes[i].SuspectOrigins {
			codeSet[c] = true
		}
		for _, c := range codes[i].VictimOrigins {
			codeSet[c] = true
		}
	}
	all := make([]string, 0, len(codeSet))
	for c := range codeSet {
		all = append(all, c)
	}
	sort.Strings(all)
	byLang := map[string]*Report{}
	for i, g := range gold {
		c := codes[i]
		lr := byLang[g.Lang]
		if lr == nil {
			lr = &Report{}
			byLang[g.Lang] = lr
		}
		var fields []string
		for _, r := range []*Report{&res.All, lr} {
			r.Texts++
			r.Crime.add(g.Gold.Crime, c.Crime)
			r.OriginNamed.add(g.Gold.OriginNamed, c.OriginNamed)
			r.Appearance.add(g.Gold.Appearance, c.Appearance)
			if r.Families == nil {
				r.Families = make(map[string]Binary, len(baserate.OffenceFamilies))
			}
			for _, f := range baserate.OffenceFamilies {
				gf, cf := slices.Contains(g.Gold.Categories, f), slices.Contains(c.Categories, f)
				r.Categories.add(gf, cf)
				b := r.Families[f]
				b.add(gf, cf)
				r.Families[f] = b
			}
			for _, code := range all {
				r.SuspectOrigins.add(slices.Contains(g.Gold.SuspectOrigins, code), slices.Contains(c.SuspectOrigins, code))
				r.VictimOrigins.add(slices.Contains(g.Gold.VictimOrigins, code), slices.Contains(c.VictimOrigins, code))
			}
			for _, code := range g.Gold.VictimOrigins {
				if slices.Contains(g.Gold.SuspectOrigins, code) {
					continue
				}
				r.VictimPairs++
				if slices.Contains(c.SuspectOrigins, code) {
					r.VictimsAsSuspects++
				}
			}
		}
		if g.Gold.Crime != c.Crime {
			fields = append(fields, "crime")
		}
		if g.Gold.OriginNamed != c.OriginNamed {
			fields = append(fields, "origin_named")
		}
		if !sameSet(g.Gold.SuspectOrigins, c.SuspectOrigins) {
			fields = append(fields, "suspect_origins")
		}
		if !sameSet(g.Gold.VictimOrigins, c.VictimOrigins) {
			fields = append(fields, "victim_origins")
		}
		if g.Gold.Appearance != c.Appearance {
			fields = append(fields, "appearance")
		}
		if !sameSet(g.Gold.Categories, c.Categories) {
			fields = append(fields, "categories")
		}
		if len(fields) > 0 {
			res.Errors = append(res.Errors, Error{ID: g.ID, Lang: g.Lang, Fields: fields, Gold: g.Gold, Coded: c, Evidence: c.Evidence})
		}
	}
	finish(&res.All)
	for l, r := range byLang {
		finish(r)
		res.ByLang[l] = *r
	}
	return res
}

func finish(r *Report) {
	for _, b := range []*Binary{&r.Crime, &r.OriginNamed, &r.Appearance, &r.Categories, &r.SuspectOrigins, &r.VictimOrigins} {
		b.finish()
	}
	for f, b := range r.Families {
		b.finish()
		r.Families[f] = b
	}
	if r.VictimPairs > 0 {
		r.VictimsAsSuspRate = float64(r.VictimsAsSuspects) / float64(r.VictimPairs)
	}
}

func sameSet(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for _, x := range a {
		if !slices.Contains(b, x) {
			return false
		}
	}
	return true
}

// WriteText prints the result as a table, then the errors.
func (res *Result) WriteText(w io.Writer, errors bool) error {
	langs := make([]string, 0, len(res.ByLang))
	for l := range res.ByLang {
		langs = append(langs, l)
	}
	sort.Strings(langs)
	fmt.Fprintf(w, "%-16s %-5s %5s %6s %6s %6s %6s %6s\n", "field", "lang", "n", "P", "R", "F1", "kappa", "alpha")
	row := func(name, lang string, n int, b Binary) {
		fmt.Fprintf(w, "%-16s %-5s %5d %6.3f %6.3f %6.3f %6.3f %6.3f\n", name, lang, n, b.Precision, b.Recall, b.F1, b.Kappa, b.Alpha)
	}
	reps := append([]string{"all"}, langs...)
	get := func(l string) Report {
		if l == "all" {
			return res.All
		}
		return res.ByLang[l]
	}
	for _, f := range []string{"crime", "categories", "origin_named", "suspect_origins", "victim_origins", "appearance"} {
		for _, l := range reps {
			r := get(l)
			var b Binary
			switch f {
			case "crime":
				b = r.Crime
			case "categories":
				b = r.Categories
			case "origin_named":
				b = r.OriginNamed
			case "suspect_origins":
				b = r.SuspectOrigins
			case "victim_origins":
				b = r.VictimOrigins
			case "appearance":
				b = r.Appearance
			}
			row(f, l, r.Texts, b)
		}
	}
	for _, f := range baserate.OffenceFamilies {
		for _, l := range reps {
			r := get(l)
			b := r.Families[f]
			if b.TP+b.FP+b.FN == 0 {
				continue
			}
			row("  "+f, l, r.Texts, b)
		}
	}
	for _, l := range reps {
		r := get(l)
		fmt.Fprintf(w, "victims counted as suspects %-4s %d of %d (%.1f%%)\n", l, r.VictimsAsSuspects, r.VictimPairs, 100*r.VictimsAsSuspRate)
	}
	if !errors {
		return nil
	}
	fmt.Fprintf(w, "\n%d texts with errors\n", len(res.Errors))
	for _, e := range res.Errors {
		fmt.Fprintf(w, "\n%s (%s): %v\n", e.ID, e.Lang, e.Fields)
		fmt.Fprintf(w, "  gold:  crime=%v cat=%v origin=%v suspects=%v victims=%v appearance=%v", e.Gold.Crime, e.Gold.Categories, e.Gold.OriginNamed, e.Gold.SuspectOrigins, e.Gold.VictimOrigins, e.Gold.Appearance)
		if e.Gold.Note != "" {
			fmt.Fprintf(w, " (note: %s)", e.Gold.Note)
		}
		fmt.Fprintf(w, "\n  coded: crime=%v cat=%v origin=%v suspects=%v victims=%v appearance=%v\n", e.Coded.Crime, e.Coded.Categories, e.Coded.OriginNamed, e.Coded.SuspectOrigins, e.Coded.VictimOrigins, e.Coded.Appearance)
		for _, ev := range e.Evidence {
			if ev.Field == "categories" {
				continue
			}
			fmt.Fprintf(w, "    %-15s %q code=%s role=%s cue=%q at %d: %s\n", ev.Field, ev.Text, ev.Code, ev.Role, ev.Cue, ev.Start, ev.Reason)
		}
	}
	return nil
}
