// Command dice compares the Italian coder with the 403 DICE articles whose
// perpetrators and victims were marked by hand (AUT/AUTG and VIC/VICG
// spans in ../shared/data/news/dice-it/dice_manual_spans.jsonl).
//
// DICE marks who the perpetrator is, not whether an origin is named, so a
// proxy gold is derived: an article "names a perpetrator's origin" when a
// perpetrator span holds a nationality or status word, found with the
// Italian expression of frame.tsv (written for the held-out draw,
// independently of the coder's lexicons), less the words the codebook does
// not count as origin (Roma, Sinti, nomadi; magrebino is appearance). Spans often stop short of the
// word ("il 25enne" for "un tunisino di 25 anni"), so the proxy misses
// positives; disagreements are listed for reading.
//
//	go run ./media/heldout/cmd/dice -shared ../shared [-list]
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"

	"github.com/baserate/baserate"
	"github.com/baserate/baserate/media/detect"
	"github.com/baserate/baserate/media/heldout"
)

type span struct {
	Label string `json:"label"`
	Text  string `json:"text"`
}

type article struct {
	ID    string `json:"id"`
	Spans []span `json:"spans"`
	Text  string `json:"text"`
}

func main() {
	shared := flag.String("shared", "../shared", "the shared folder")
	list := flag.Bool("list", false, "list the disagreements")
	flag.Parse()
	dir := filepath.Join(*shared, "data", "news", "dice-it")
	texts := map[string]string{}
	if err := readJSONL(filepath.Join(dir, "dice_texts.jsonl"), func(a article) { texts[a.ID] = a.Text }); err != nil {
		fail(err)
	}
	nat := regexp.MustCompile(heldout.Frame()["it"])
	// Words the frame matches that the codebook does not count as origin:
	// ethnicity and lifestyle (Roma, Sinti, nomadi) and regional labels
	// (magrebino, nordafricano: appearance).
	notOrigin := regexp.MustCompile(`(?i)(nomad|\brom\b|\brom[ae]?\b|sinti|magrebin|maghrebin|nordafrican)\p{L}*`)
	coder, err := detect.New("it")
	if err != nil {
		fail(err)
	}
	var tp, fp, fn, tn, vicSus, vicPairs int
	var disagree []string
	err = readJSONL(filepath.Join(dir, "dice_manual_spans.jsonl"), func(a article) {
		gold, vic := false, false
		var goldSpans []string
		for _, s := range a.Spans {
			switch s.Label {
			case "AUT", "AUTG":
				if nat.MatchString(notOrigin.ReplaceAllString(s.Text, " ")) {
					gold = true
					goldSpans = append(goldSpans, s.Text)
				}
			case "VIC", "VICG":
				if nat.MatchString(notOrigin.ReplaceAllString(s.Text, " ")) {
					vic = true
				}
			}
		}
		text, ok := texts[a.ID]
		if !ok {
			return
		}
		c := coder.Code(baserate.Article{ID: a.ID, Text: heldout.Cut(text), Lang: "it"})
		switch {
		case gold && c.OriginNamed:
			tp++
		case !gold && c.OriginNamed:
			fp++
			disagree = append(disagree, fmt.Sprintf("%s coder %v, no perpetrator span with an origin word", a.ID, c.SuspectOrigins))
		case gold && !c.OriginNamed:
			fn++
			disagree = append(disagree, fmt.Sprintf("%s coder none, perpetrator spans %q", a.ID, goldSpans))
		default:
			tn++
		}
		if vic && !gold {
			vicPairs++
			if c.OriginNamed {
				vicSus++
			}
		}
	})
	if err != nil {
		fail(err)
	}
	p := float64(tp) / float64(tp+fp)
	r := float64(tp) / float64(tp+fn)
	fmt.Printf("articles %d: perpetrator span names an origin %d; coder names a suspect origin %d\n", tp+fp+fn+tn, tp+fn, tp+fp)
	fmt.Printf("agree %d, coder only %d, spans only %d, neither %d: precision %.3f recall %.3f F1 %.3f (against the span proxy)\n", tp, fp, fn, tn, p, r, 2*p*r/(p+r))
	fmt.Printf("articles with an origin word only in victim spans: %d, of which the coder names a suspect origin: %d\n", vicPairs, vicSus)
	if *list {
		sort.Strings(disagree)
		for _, d := range disagree {
			fmt.Println(d)
		}
	}
}

func readJSONL(path string, fn func(article)) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<26)
	for n := 1; sc.Scan(); n++ {
		var a article
		if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
			return baserate.Invalid(path, n, "%v", err)
		}
		fn(a)
	}
	return sc.Err()
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "dice:", err)
	os.Exit(1)
}
