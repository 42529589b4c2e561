package detect

import (
	"context"
	"slices"
	"testing"

	"github.com/baserate/baserate/media/eval"
	"github.com/baserate/baserate/media/heldout"
)

// TestFamilies checks the mechanisms of the offence families (family.go)
// on short texts: each names the families the codebook gives them.
func TestFamilies(t *testing.T) {
	cases := []struct {
		lang, text string
		want       []string
	}{
		// An inflected verb of assault (a dashboard user's report:
		// coded "other" before).
		{"de", "Ein Unbekannter schlug am Montag einen 40-Jährigen mit einer Flasche auf den Kopf und flüchtete. Die Polizei ermittelt.", []string{"violent"}},
		// A robbery's loot is the robbery (violent), not a theft.
		{"de", "Drei unbekannte Männer haben am Montag einen Taxifahrer ausgeraubt und dabei 610 Euro Bargeld gestohlen. Mit der Beute flüchteten die Täter.", []string{"violent"}},
		// "räuberischer Diebstahl" is both (no absorption).
		{"de", "Der Ladendieb wurde wegen räuberischen Diebstahls festgenommen, nachdem er den Detektiv geschlagen hatte. Den Diebstahl hatte er zuvor begangen.", []string{"violent", "property"}},
		// A driver's drug consumption is a traffic offence, no drug offence.
		{"de", "Bei der Verkehrskontrolle räumte der 24-jährige Fahrer ein, Cannabis konsumiert zu haben. Die Beamten stellten drogentypische Auffälligkeiten fest, ordneten eine Blutentnahme an und untersagten die Weiterfahrt.", []string{"traffic"}},
		// "in Erscheinung getreten" names no kick.
		{"de", "Der Tatverdächtige hatte in einem Geschäft Parfüm gestohlen und war bereits mehrfach polizeilich in Erscheinung getreten. Er wurde wegen Diebstahls angezeigt.", []string{"property"}},
		// A department's name is no offence of the case.
		{"de", "Ein 30-Jähriger hat in der Innenstadt Geld aus einer Kasse gestohlen und wurde wegen Diebstahls festgenommen. Das für Erpressung zuständige Kommissariat ermittelt.", []string{"property"}},
		// "sexually assaulting" is sexual, not violent; the unit's name
		// is no offence; the page's list of other articles is other
		// cases'.
		{"en", "A man was convicted today of sexually assaulting a woman in 2019. He faces 10 years in prison. Deputy District Attorney Jane Roe of the Homicide Unit is prosecuting this case.\nLatest Posts\nMother Charged with Murder\nJune 9, 2026", []string{"sexual"}},
		// A record cue: the offences after it are earlier cases'.
		{"it", "Un giovane è stato arrestato ieri per spaccio di sostanze stupefacenti. Il pusher ha già alle spalle diversi precedenti per furto, rapina impropria e lesioni personali.", []string{"drugs"}},
		// "från" is no robbery ("rån").
		{"sv", "En man misstänks för stöld efter att ha tagit en väska från en bil. Polisen kom till platsen från stationen.", []string{"property"}},
		// No family word at all: "other".
		{"de", "Der 41-jährige Tatverdächtige wurde vorläufig festgenommen. Gegen ihn bestand ein Haftbefehl, der Täter wurde dem Haftrichter vorgeführt.", []string{"other"}},
	}
	for _, tc := range cases {
		cod, err := CodeText(tc.text, tc.lang)
		if err != nil {
			t.Fatal(err)
		}
		got := slices.Clone(cod.Categories)
		slices.Sort(got)
		want := slices.Clone(tc.want)
		slices.Sort(want)
		if !cod.Crime || !slices.Equal(got, want) {
			t.Errorf("%s %.60q…: crime %v, categories %v, want %v", tc.lang, tc.text, cod.Crime, got, want)
		}
	}
}

// TestDevCategories asserts the offence families on dev.jsonl: F1 over
// (text, family) pairs at the figures the categories round reached (0.765
// before it: German 0.759, English 0.676, Italian 0.833, Swedish 0.865).
func TestDevCategories(t *testing.T) {
	floors := map[string]float64{"all": 0.895, "de": 0.88, "en": 0.90, "it": 0.877, "sv": 1}
	checkCategories(t, loadDev(t), floors)
}

// TestHeldoutCategories asserts the offence families on held-out sets
// 1-11 pooled at the figures the categories round reached (0.691 before
// it: German 0.660, English 0.605, Italian 0.775, Swedish 0.825). Swedish
// 0.934 since the crime model (crimemodel.go: over all sets, by
// cross-validation, crime F1 0.948 to 0.964) moved a few crime decisions
// and with them their families.
func TestHeldoutCategories(t *testing.T) {
	var gold []eval.Gold
	for _, set := range heldout.Sets[:11] {
		gold = append(gold, loadSet(t, set)...)
	}
	floors := map[string]float64{"all": 0.83, "de": 0.82, "en": 0.79, "it": 0.80, "sv": 0.933}
	checkCategories(t, gold, floors)
}

// TestHeldout12Categories asserts the offence families on set 12, coded
// blind after the categories round (its first run, the first blind
// measure of the families: 0.780; German 0.748, English 0.882, Italian
// 0.824, Swedish 0.750), at the figures of the set-12 round; English
// 0.914 since the crime model.
func TestHeldout12Categories(t *testing.T) {
	floors := map[string]float64{"all": 0.855, "de": 0.845, "en": 0.913, "it": 0.823, "sv": 0.848}
	checkCategories(t, loadSet(t, heldout.Set12), floors)
}

// TestHeldout13Categories asserts the offence families on set 13, coded
// blind after the set-12 round (its first run: 0.790; German 0.782,
// English 0.773, Italian 0.744, Swedish 0.929), at the figures of the
// set-13 round.
func TestHeldout13Categories(t *testing.T) {
	floors := map[string]float64{"all": 0.814, "de": 0.818, "en": 0.772, "it": 0.744, "sv": 0.965}
	checkCategories(t, loadSet(t, heldout.Set13), floors)
}

func checkCategories(t *testing.T, gold []eval.Gold, floors map[string]float64) {
	t.Helper()
	c, err := New()
	if err != nil {
		t.Fatal(err)
	}
	res, err := eval.Run(context.Background(), c, gold)
	if err != nil {
		t.Fatal(err)
	}
	for lang, floor := range floors {
		r := res.All
		if lang != "all" {
			r = res.ByLang[lang]
		}
		if r.Categories.F1 < floor-1e-9 {
			t.Errorf("%s: categories F1 %.3f < %.3f", lang, r.Categories.F1, floor)
		}
		if testing.Verbose() {
			t.Logf("%s: categories P %.3f R %.3f F1 %.3f", lang, r.Categories.Precision, r.Categories.Recall, r.Categories.F1)
		}
	}
}

// TestHeldout14Categories asserts the offence families on set 14, coded
// blind after the set-13 round, at its first run's figures (0.783;
// German 0.773, Italian 0.773, Swedish 1, English 0.625), which the
// uncued-mention round left as they were; Italian 0.756 since the crime
// model (all languages 0.798).
func TestHeldout14Categories(t *testing.T) {
	floors := map[string]float64{"all": 0.78, "de": 0.77, "en": 0.62, "it": 0.755, "sv": 0.99}
	checkCategories(t, loadSet(t, heldout.Set14), floors)
}
