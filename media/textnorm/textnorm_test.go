package textnorm

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestNormalize(t *testing.T) {
	cases := []struct{ in, want string }{
		{"Ein 23-jähriger Syrer.", " ein 23 jahriger syrer "},
		{"Straße, Türkin; ÅSA è", " strasse turkin asa e "},
		{"l'italiano U.S. citizen", " l italiano u s citizen "},
		{"", " "},
		{"Ελλάδα Москва", " ελλάδα москва "},
	}
	for _, c := range cases {
		var tx Text
		Normalize(&tx, c.in, Options{})
		if got := string(tx.Norm); got != c.want {
			t.Errorf("Normalize(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestSpansAndSentences(t *testing.T) {
	in := "Der 64-Jährige ist Kroate. Am 24. Juli kam ca. ein Mann! Dann ging er"
	var tx Text
	Normalize(&tx, in, Options{Abbrev: map[string]bool{"ca": true}})
	var words, sents []string
	for i, tk := range tx.Tokens {
		s, e := tx.Span(i, i+1)
		words = append(words, in[s:e])
		sents = append(sents, string(rune('0'+tk.Sentence)))
	}
	if got := strings.Join(words, "|"); got != "Der|64|Jährige|ist|Kroate|Am|24|Juli|kam|ca|ein|Mann|Dann|ging|er" {
		t.Errorf("spans: %s", got)
	}
	if got := strings.Join(sents, ""); got != "000001111111222" {
		t.Errorf("sentences: %s", got)
	}
	if !tx.Tokens[0].Cap || tx.Tokens[3].Cap {
		t.Errorf("capitalization wrong")
	}
}

func FuzzNormalize(f *testing.F) {
	f.Add("Ein 23-jähriger Syrer. Straße")
	f.Add("\xff\xfe a")
	f.Fuzz(func(t *testing.T, s string) {
		var tx Text
		Normalize(&tx, s, Options{})
		if len(tx.Off) != len(tx.Norm)+1 || len(tx.TokenAt) != len(tx.Norm) {
			t.Fatalf("lengths: norm %d off %d", len(tx.Norm), len(tx.Off))
		}
		if tx.Norm[0] != ' ' || tx.Norm[len(tx.Norm)-1] != ' ' {
			t.Fatal("not space-delimited")
		}
		for i := range tx.Tokens {
			a, b := tx.Span(i, i+1)
			if a < 0 || b > len(s) || a >= b {
				t.Fatalf("bad span %d %d", a, b)
			}
		}
		if utf8.ValidString(s) && !utf8.Valid(tx.Norm) {
			t.Fatal("invalid UTF-8 out of valid in")
		}
	})
}
