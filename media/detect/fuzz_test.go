package detect

import (
	"testing"
	"unicode/utf8"

	"github.com/baserate/baserate"
)

// FuzzCode: the coder neither panics nor gives evidence outside the text
// on any input, in any of its languages. The seeds are sentences of the
// constructions its rules look at (lists, pronouns, participles,
// possession, ages), cut short at the text's end, where index errors hide.
func FuzzCode(f *testing.F) {
	for _, s := range []string{
		"Bei den Festgenommenen handelt es sich um belgische, niederländische und deutsche",
		"Fünf Nordafrikaner im Alter von 16 und 37 Jahren nahm die Polizei fest. Er besaß die kroatische",
		"Der Mann sprach akzentfreies Deutsch, vermutlich Türke oder",
		"arrestate 25 persone tra nigeriani, albanesi, filippini e italiani",
		"due cittadini dell'Est, probabilmente rumeni: 4 italiani, di origine rumena e",
		"Polisen har gripit en 25-årig tunisier. Han är utländskmedborgare,",
		"A man, a Mexican national, spoke fluent English and was arrested by",
		"(33, deutsch-polnisch)", "Polen im Alter von", ", ,", "",
		// a mention at the text's start, where a look at the token before
		// it hides an index error ("Syrer und zwei Ausländer")
		"Syrer und zwei Ausländer", "Geflüchteten", "den Geflüchteten", "cinese di", "staatenlosen",
	} {
		for _, lang := range []string{"de", "it", "sv", "en"} {
			f.Add(s, lang)
		}
	}
	c, err := New()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, text, lang string) {
		if !utf8.ValidString(text) {
			return
		}
		switch lang {
		case "de", "it", "sv", "en":
		default:
			lang = "de"
		}
		cod := c.Code(baserate.Article{ID: "f", Text: text, Lang: lang})
		for _, e := range cod.Evidence {
			if e.Start < 0 || e.End > len(text) || e.Start > e.End {
				t.Fatalf("evidence %q at [%d,%d) outside the text of %d bytes", e.Text, e.Start, e.End, len(text))
			}
		}
	})
}
