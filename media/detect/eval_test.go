package detect

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/baserate/baserate/internal/sharedtest"
	"github.com/baserate/baserate/media/eval"
	"github.com/baserate/baserate/media/heldout"
)

// devPath is ../shared/data/gold/dev.jsonl beside the repository.
func devPath(t *testing.T) string {
	t.Helper()
	p := filepath.Join("..", "..", "..", "shared", "data", "gold", "dev.jsonl")
	sharedtest.Need(t, p)
	return p
}

func loadDev(t *testing.T) []eval.Gold {
	f, err := os.Open(devPath(t))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	gold, err := eval.ReadGold(f, "dev.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	return gold
}

// limits are the figures a language must reach: origin_named F1,
// origin-code micro-F1, and the highest rate of victims counted as
// suspects.
type limits struct{ on, micro, vas float64 }

// goal is the must-show: origin_named F1 >= 0.95, micro-F1 >=
// 0.90, victims counted as suspects <= 2%, in every language.
var goal = limits{0.95, 0.90, 0.02}

// TestDevThresholds asserts the goal on the development set, in every
// language present.
func TestDevThresholds(t *testing.T) {
	check(t, loadDev(t), nil)
}

// TestHeldoutThresholds asserts the goal on held-out set 1, whose errors
// the rules were changed on after its first measurement (origin_named F1
// 0.789 then). One gap is left and held where it is: German victims
// counted as suspects, 1 of 12 pairs (h015, "der aus Kanada stammende
// Mann" with no role cue near him).
func TestHeldoutThresholds(t *testing.T) {
	check(t, loadSet(t, heldout.Set1), map[string]limits{"de": {0.95, 0.90, 1.0 / 12}})
}

// TestHeldout2Floors guards held-out set 2, drawn and coded after the
// rule changes, at its figures after the changes its first measurement
// led to (first measurement: origin_named F1 0.723). German, English and
// Italian are below the goal there (3 to 14 positive texts per language):
// these floors keep them from getting worse; docs/media.md reports the gap.
func TestHeldout2Floors(t *testing.T) {
	check(t, loadSet(t, heldout.Set2), map[string]limits{
		"de": {0.92, 0.90, goal.vas},
		// English 0.667 before the clause model, 0.800 with it.
		"en": {0.79, 0.79, goal.vas},
		// Italian reached the goal with the set-3 changes.
	})
}

// TestHeldout3Floors guards held-out set 3, drawn as dev.jsonl was and
// coded blind after the set-2 changes (first measurement: origin_named
// F1 0.677, micro-F1 0.684, victims as suspects 5 of 7), at the goal its
// later changes reached in every language (German 0.958 / 0.963 since the
// census round); Swedish and English have no positive text in the set, so
// there the goal holds false positives at zero.
func TestHeldout3Floors(t *testing.T) {
	// German reached the goal with the census round (a refugee feature
	// no longer a crime report, by the crime density).
	check(t, loadSet(t, heldout.Set3), nil)
}

// TestHeldout4Floors guards held-out set 4, drawn as set 3 and coded blind
// after the set-3 changes (first measurement: origin_named F1 0.867,
// micro-F1 0.800, victims as suspects 3 of 8), at its figures after the
// changes its errors led to. origin_named reaches the goal in every
// language; German micro-F1 stays below 0.90 (a mutual fight whose parties
// are named in one sentence, trafficked women found in a raid) and one
// victim in German is still counted as a suspect (named in a sentence
// with no cue: "die beiden afghanischen Männer"). Italian reached the goal
// with the clause model ("una coppia di svizzeri ... aveva avvisato": the
// subject of "avvisato" is a witness).
func TestHeldout4Floors(t *testing.T) {
	check(t, loadSet(t, heldout.Set4), map[string]limits{
		"de": {goal.on, 0.89, 1.0 / 5},
	})
}

// TestHeldout5Floors guards held-out set 5, drawn as set 3 and coded blind
// after the clause model replaced the cue distances (first measurement:
// origin_named F1 0.870, micro-F1 0.805, victims as suspects 6 of 9), at
// its figures after the changes its errors led to: German origin_named
// 0.943 (two texts whose origin the coder does not find: "(33,
// deutsch-polnisch)", "Männer im Alter von 17, 18 und 21 Jahren aus
// Litauen"; "israelischen Araber"), Italian micro-F1 0.870 (an age written
// as a word, "ventiduenne albanese"; owners "ai titolari del locale, due
// cinesi" taken as suspects); one victim in each language counted as a
// suspect. English and Swedish have no positive text: the goal holds
// false positives at zero.
func TestHeldout5Floors(t *testing.T) {
	check(t, loadSet(t, heldout.Set5), map[string]limits{
		// origin_named and micro-F1 reached the goal with the census
		// round (joined and parenthesized adjectives, age phrases before
		// "aus", ages as words, citizenship before an ethnic noun).
		"de": {goal.on, goal.micro, 1.0 / 5},
		"it": {goal.on, goal.micro, 1.0 / 4},
	})
}

func loadSet(t *testing.T, set string) []eval.Gold {
	t.Helper()
	shared := filepath.Join("..", "..", "..", "shared")
	sharedtest.Need(t, filepath.Join(shared, "data", "news"))
	gold, err := heldout.LoadSet(context.Background(), shared, set)
	if err != nil {
		t.Fatal(err)
	}
	return gold
}

// check codes gold and asserts the limits of each language: goal unless
// the language has its own.
func check(t *testing.T, gold []eval.Gold, own map[string]limits) {
	t.Helper()
	c, err := New()
	if err != nil {
		t.Fatal(err)
	}
	res, err := eval.Run(context.Background(), c, gold)
	if err != nil {
		t.Fatal(err)
	}
	if testing.Verbose() {
		var b strings.Builder
		res.WriteText(&b, os.Getenv("DEV_ERRORS") != "")
		t.Log("\n" + b.String())
	}
	if len(res.ByLang) < 4 {
		t.Errorf("languages %d, want de, en, it, sv", len(res.ByLang))
	}
	for lang, r := range res.ByLang {
		l, ok := own[lang]
		if !ok {
			l = goal
		}
		if r.OriginNamed.F1 < l.on {
			t.Errorf("%s: origin_named F1 %.3f < %.2f", lang, r.OriginNamed.F1, l.on)
		}
		if r.SuspectOrigins.F1 < l.micro {
			t.Errorf("%s: origin-code micro-F1 %.3f < %.2f", lang, r.SuspectOrigins.F1, l.micro)
		}
		if r.VictimsAsSuspRate > l.vas+1e-9 {
			t.Errorf("%s: victims counted as suspects %.1f%% > %.1f%%", lang, 100*r.VictimsAsSuspRate, 100*l.vas)
		}
	}
}

// TestHeldout6Floors guards held-out set 6, drawn as set 3 and coded blind
// after the set-5 changes (first measurement: origin_named F1 0.833,
// micro-F1 0.800 with r072's corrected gold, victims as suspects 1 of 8),
// at its figures after the changes its errors led to. German micro-F1 0.897
// (a brawl whose parties are named with no role cue; a woman who faked a
// robbery, "türkischer Abstammung"); one German victim counted as a
// suspect; Italian origin_named 0.857 ("Sarebbero tunisini" after a
// sentence about the robbers: the subject left out). English has one
// positive text (found), Swedish none.
func TestHeldout6Floors(t *testing.T) {
	check(t, loadSet(t, heldout.Set6), map[string]limits{
		// German micro-F1 0.945 since the census round (a Turkish-politics
		// feature no longer names suspects).
		"de": {goal.on, goal.micro, 1.0 / 8},
		"it": {0.85, 0.88, goal.vas},
	})
}

// TestHeldout7Thresholds guards held-out set 7, drawn as set 3 and coded
// blind after the census round (first measurement: origin_named F1 0.906,
// micro-F1 0.875, victims as suspects 1 of 4), at the goal its changes
// reached in every language. One German text stays wrong: an arson
// suspect injured in his own fire is coded a victim.
func TestHeldout7Thresholds(t *testing.T) {
	check(t, loadSet(t, heldout.Set7), nil)
}

// TestHeldout8Floors guards held-out set 8, drawn as set 3 and coded blind
// after the set-7 changes (first measurement: origin_named F1 0.925,
// micro-F1 0.831, victims as suspects 2 of 12), at its figures after the
// changes its errors led to: German origin_named 0.957 and micro-F1 0.906
// with 2 of 11 victims' pairs counted as suspects (a man who accosted a
// passer-by for help after being attacked; the age contrast across two
// releases in one text; a quoted person noun). Swedish and English reach
// the goal (one positive text each way), Italian too.
func TestHeldout8Floors(t *testing.T) {
	check(t, loadSet(t, heldout.Set8), map[string]limits{
		"de": {goal.on, goal.micro, 2.0 / 11},
	})
}

// TestHeldout9Floors guards held-out set 9, drawn as set 3 and coded blind
// after the fallback round (first measurement: origin_named F1 0.923,
// micro-F1 0.889, victims as suspects 0 of 4; German 0.933 / 0.939,
// Italian 0.900 / 0.783), at its figures after the changes its errors led
// to (the accent head; the crime gate on accidents, drug deaths and
// perpetrators; two-party phrases; group nouns, languages, callers):
// German at the goal; Italian origin_named 1 and micro-F1 0.870 (a dead
// thief who is suspect and victim; "stranieri ... colpiti da decreto";
// "clandestinità" without a person). Swedish and English have no
// positive text and no false one. With the role model Italian is at
// origin_named 0.947 (one uncued suspect it takes for no party) and
// micro-F1 0.909.
func TestHeldout9Floors(t *testing.T) {
	check(t, loadSet(t, heldout.Set9), map[string]limits{
		"it": {0.947, 0.869, goal.vas},
	})
}

// TestHeldout10Floors guards held-out set 10, drawn as set 3 and coded
// blind after the crime-gate, two-party, description and set-9 rounds
// (first measurement: origin_named F1 0.885, micro-F1 0.847, victims as
// suspects 1 of 4; German 0.895 / 0.844, Italian 0.857 / 0.857), at its
// figures after the changes its errors led to (accounts voided, "nach
// Ansicht des Überfallenen", "Wie die Geschädigte ausführte"; theft
// participles; a suspect who is also hurt stays the suspect; "aus dem
// ehemaligen Jugoslawien"; "deutsch/türkisch"): German at the goal on
// origin_named and micro-F1, one victims' pair of 4 counted as suspects
// (Romanian car buyers named with no cue, the fraudsters Albanians);
// Italian 0.857 / 0.857 (an anti-violence centre's statistics of "donne
// italiane e straniere" passes the crime gate; "42 persone, di cui 13
// nazionalità straniera" identified in checks are taken as suspects).
// English and Swedish have no positive text and no false one.
func TestHeldout10Floors(t *testing.T) {
	check(t, loadSet(t, heldout.Set10), map[string]limits{
		"de": {goal.on, goal.micro, 1.0 / 4},
		// Italian 0.923 / 0.923 since the aggregates round ("42 persone,
		// di cui 13 nazionalità straniera" counts people checked).
		"it": {0.923, 0.923, goal.vas},
	})
}

// TestHeldout11Floors guards held-out set 11, drawn as set 3 and coded
// blind after the set-10 changes (first measurement: origin_named F1
// 0.906, micro-F1 0.867, victims as suspects 3 of 11; German 0.909 /
// 0.847, Italian 0.900 / 0.917), at its figures after the changes its
// errors led to (a country's name joined to a nationality noun, "Polen
// oder Russen"; "nach Angaben der beiden Geschädigten" voided; a
// conjunct is no second argument; genitive person nouns; a number of
// three digits ends a sentence): German micro-F1 at the goal,
// origin_named 0.930 (an English tourist robbed but named with no cue;
// statistics of deported offenders and of New Year's suspects pass the
// crime gate) with one victims' pair of 9 counted as a suspect; Italian
// 0.900 / 0.917 ("ladri migranti" as a status; "Lui, un 56enne
// italiano", no suspect, taken as one). English and Swedish have no
// positive text and no false one.
func TestHeldout11Floors(t *testing.T) {
	check(t, loadSet(t, heldout.Set11), map[string]limits{
		// German at the goal since the aggregates round (the robbed
		// English tourist taken up by "Der eingeschüchterte Geschädigte";
		// New Year's statistics no crime report).
		"de": goal,
		"it": {0.90, 0.916, 1.0 / 2},
	})
}

// TestHeldout12Floors guards held-out set 12, drawn as set 3 and coded
// blind after the offence-family and origins rounds (first measurement:
// origin_named F1 0.892, micro-F1 0.872, victims as suspects 0 of 4;
// German 0.917 / 0.893, Italian 0.933 / 0.900, Swedish one positive
// missed and one false), at its figures after the changes its errors led
// to (institutions' countries, joined adjectives of a thing,
// "Volkszugehörige", a status with a place between, a group's status
// beside its named part, Swedish knives and forfeiture, "nahm ... an
// sich"): German, Swedish and English at the goal; Italian 0.933 / 0.952
// (a victim's invented "gruppo di pakistani" in a witness's quotation is
// taken as the suspects), 0.923 / 0.947 since the role model refitted
// on sets 1-63 (x085's "straniera", a suspect by the rules' default, is
// read as no party at p 0.57; the gold has her on both sides).
func TestHeldout12Floors(t *testing.T) {
	check(t, loadSet(t, heldout.Set12), map[string]limits{
		"it": {0.923, 0.947, goal.vas},
	})
}

// TestHeldout13Floors guards held-out set 13, drawn as set 3 and coded
// blind after the set-12 round (first measurement: origin_named F1
// 0.878, micro-F1 0.881, victims as suspects 3 of 10; German 0.903 /
// 0.895, Italian 0.800 / 0.857), at its figures after the changes its
// errors led to (release headers after no-break spaces; the head of an
// agent phrase; "Kopfnuss", "fügte ... zu"): German origin_named 1,
// micro-F1 0.974 with one victims' pair of 7 counted as a suspect
// (Israelis named with no role cue in Middle East news); Italian 0.800 /
// 0.857 ("Si tratta in tutto, ..., di 7 rumeni" split by a parenthesis;
// "i portoghesi", fare dodgers, taken as Portuguese; the robbed bar
// owner's Chinese helpers taken as suspects by the default). English and
// Swedish have no positive text and no false one.
func TestHeldout13Floors(t *testing.T) {
	check(t, loadSet(t, heldout.Set13), map[string]limits{
		"de": {goal.on, goal.micro, 1.0 / 7},
		"it": {0.80, 0.857, 1},
	})
}

// TestHeldout14Floors guards held-out set 14, drawn as set 3 (the
// Bavarian shortfall from the Frankfurt and Berlin corpora) and coded
// blind after the set-13 round (first measurement: origin_named F1 0.800,
// micro-F1 0.690, victims as suspects 3 of 7; German 0.857 / 0.718,
// Italian 0.714 / 0.667, Swedish's one positive missed), at its figures
// after the uncued-mention round (participles of harm, the scene opener,
// fluency words): German 0.882 / 0.757 and Italian 0.769 / 0.706, no
// victims' pair counted as a suspect. What stays wrong is listed in media/heldout's
// README ("der sudanesische Präsident", "italiani e incensurati", "en
// utländskmedborgare", a question "ob er Chinese sei", a hit-and-run not
// taken for a crime report). Since the crime model (crimemodel.go) one
// German victims' pair of 5 is counted as a suspect: it rightly makes a
// crime report of z015, where the rules read the Turkish victim as the
// suspect by default.
func TestHeldout14Floors(t *testing.T) {
	check(t, loadSet(t, heldout.Set14), map[string]limits{
		"de": {0.88, 0.75, 1.0 / 5},
		"it": {0.76, 0.70, 0},
		"sv": {0, 0, 1},
	})
}
