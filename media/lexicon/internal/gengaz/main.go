// Command gengaz derives media/lexicon/gazetteer/gazetteer.tsv from the
// nationality and country-name gazetteers in ../shared/data/news/gazetteers
// (npm i18n-nationality 1.4.0, MIT; npm world-countries 5.1.0, ODbL-1.0;
// npm i18n-iso-countries 7.14.0, MIT). It keeps only what the coder needs:
// one line per (ISO code, language, kind, form).
//
//	go run ./media/lexicon/internal/gengaz ../shared/data/news/gazetteers > media/lexicon/gazetteer/gazetteer.tsv
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

type row struct{ code, lang, kind, form, src string }

// corrections move a nationality adjective i18n-nationality files under
// the wrong code: it gives Wales's adjective ("Welsh", "Gallese") for
// Wallis and Futuna (WF). The Welsh are British (GB), as the German
// lexicon's curated "Waliser".
var corrections = map[[2]string]string{{"WF", "Welsh"}: "GB", {"WF", "Gallese"}: "GB"}

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: gengaz GAZETTEER_DIR")
		os.Exit(2)
	}
	dir := os.Args[1]
	var rows []row
	seen := map[row]bool{}
	add := func(r row) {
		r.form = strings.TrimSpace(r.form)
		if r.form == "" {
			return
		}
		k := r
		k.src = ""
		if seen[k] {
			return
		}
		seen[k] = true
		rows = append(rows, r)
	}
	// Nationality adjectives, one base form per code.
	for _, lang := range []string{"de", "en", "it"} {
		var f struct {
			Nationalities map[string]string `json:"nationalities"`
		}
		must(readJSON(filepath.Join(dir, "i18n-nationality", lang+".json"), &f))
		for code, adj := range f.Nationalities {
			src := "i18n-nationality"
			if c, ok := corrections[[2]string{code, adj}]; ok {
				code, src = c, src+" (corrected: Wales, not Wallis and Futuna)"
			}
			add(row{code, lang, "adj", adj, src})
		}
	}
	// Country names: i18n-iso-countries (string or list of strings).
	for _, lang := range []string{"de", "en", "it", "sv"} {
		var f struct {
			Countries map[string]json.RawMessage `json:"countries"`
		}
		must(readJSON(filepath.Join(dir, "i18n-iso-countries", lang+".json"), &f))
		for code, raw := range f.Countries {
			var one string
			var many []string
			if json.Unmarshal(raw, &one) == nil {
				many = []string{one}
			} else {
				must(json.Unmarshal(raw, &many))
			}
			for _, n := range many {
				if !strings.Contains(n, ",") {
					add(row{code, lang, "country", n, "i18n-iso-countries"})
				}
			}
		}
	}
	// world-countries: common names in deu/ita/swe/eng and English demonyms.
	var wc []struct {
		CCA2 string `json:"cca2"`
		Name struct {
			Common string `json:"common"`
		} `json:"name"`
		Translations map[string]struct {
			Common string `json:"common"`
		} `json:"translations"`
		Demonyms map[string]struct {
			F string `json:"f"`
			M string `json:"m"`
		} `json:"demonyms"`
	}
	must(readJSON(filepath.Join(dir, "world-countries", "countries.json"), &wc))
	langOf := map[string]string{"deu": "de", "ita": "it", "swe": "sv"}
	for _, c := range wc {
		add(row{c.CCA2, "en", "country", c.Name.Common, "world-countries"})
		for k, l := range langOf {
			if t, ok := c.Translations[k]; ok {
				add(row{c.CCA2, l, "country", t.Common, "world-countries"})
			}
		}
		if d, ok := c.Demonyms["eng"]; ok {
			add(row{c.CCA2, "en", "demonym", d.M, "world-countries"})
			add(row{c.CCA2, "en", "demonym", d.F, "world-countries"})
		}
	}
	sort.Slice(rows, func(i, j int) bool {
		a, b := rows[i], rows[j]
		if a.lang != b.lang {
			return a.lang < b.lang
		}
		if a.code != b.code {
			return a.code < b.code
		}
		if a.kind != b.kind {
			return a.kind < b.kind
		}
		return a.form < b.form
	})
	fmt.Println("# Derived by media/lexicon/internal/gengaz from ../shared/data/news/gazetteers; do not edit by hand.")
	fmt.Println("# Sources: i18n-nationality 1.4.0 (MIT), i18n-iso-countries 7.14.0 (MIT), world-countries 5.1.0 (ODbL-1.0). See LICENSES.md.")
	fmt.Println("code\tlang\tkind\tform\tsource")
	for _, r := range rows {
		fmt.Printf("%s\t%s\t%s\t%s\t%s\n", r.code, r.lang, r.kind, r.form, r.src)
	}
}

func readJSON(path string, v any) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(b, v); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}

func must(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "gengaz:", err)
		os.Exit(1)
	}
}
