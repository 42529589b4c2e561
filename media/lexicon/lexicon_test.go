package lexicon

import (
	"testing"
)

func forms(lx *Lexicon, kind Kind, code string) map[string]bool {
	m := map[string]bool{}
	for _, t := range lx.Terms {
		if t.Kind == kind && (code == "" || t.Code == code) {
			m[t.Form] = true
		}
	}
	return m
}

// TestMorphology checks that the rules give the inflected forms the issue
// names, from the gazetteer base forms.
func TestMorphology(t *testing.T) {
	want := map[string]map[string][]string{
		"de": {"SY": {"syrer", "syrerin", "syrern", "syrische", "syrischen", "syrischer"},
			"TR": {"turke", "turken", "turkin", "turkischen"}, "DE": {"deutscher", "deutschen"},
			"MA": {"marokkaner", "marokkanerin", "marokkanischer"}, "DZ": {"algerier", "algeriern"},
			"PL": {"pole", "polen", "polin", "polnische"}, "AF": {"afghane", "afghanen"}},
		"it": {"MA": {"marocchino", "marocchina", "marocchini", "marocchine"}, "AL": {"albanese", "albanesi"},
			"TN": {"tunisino", "tunisini"}, "DE": {"tedesco", "tedeschi"}},
		"sv": {"PL": {"polsk", "polska", "polskt"}, "SY": {"syrisk", "syriska"}, "RO": {"rumansk"},
			"IQ": {"irakisk"}},
		"en": {"MX": {"mexican", "mexicans"}, "SY": {"syrian"}},
	}
	for lang, codes := range want {
		lx, err := Load(lang)
		if err != nil {
			t.Fatal(err)
		}
		for code, fs := range codes {
			have := forms(lx, Nationality, code)
			for _, f := range fs {
				if !have[f] {
					t.Errorf("%s %s: no form %q", lang, code, f)
				}
			}
		}
	}
}

func TestExcluded(t *testing.T) {
	lx, err := Load("de")
	if err != nil {
		t.Fatal(err)
	}
	if forms(lx, Nationality, "")["maler"] {
		t.Error("maler (painter) made a nationality word")
	}
}

func TestLanguages(t *testing.T) {
	got := Languages()
	if len(got) != 4 {
		t.Fatalf("languages %v", got)
	}
	for _, l := range got {
		lx, err := Load(l)
		if err != nil {
			t.Fatal(err)
		}
		if len(lx.Stopwords) < 10 {
			t.Errorf("%s: %d stopwords", l, len(lx.Stopwords))
		}
	}
}
