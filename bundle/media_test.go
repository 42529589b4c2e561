package bundle

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/baserate/baserate"
	"github.com/baserate/baserate/media/index"
)

func TestMediaIndex(t *testing.T) {
	rows, err := MediaIndex()
	if err != nil {
		t.Fatal(err)
	}
	all := map[string]MediaRow{}
	sum := map[string][4]int{}
	years := map[string]int{}
	for _, r := range rows {
		if r.Period == "all" {
			all[r.Corpus] = r
			continue
		}
		s := sum[r.Corpus]
		s[0] += r.Texts
		s[1] += r.CrimeItems
		s[2] += r.OriginItems
		s[3] += r.ForeignItems
		sum[r.Corpus] = s
		if r.Period != "unknown" {
			years[r.Corpus]++
		}
		if r.ForeignItems > r.OriginItems || r.OriginItems > r.CrimeItems || r.CrimeItems > r.Texts {
			t.Errorf("%s %s: counts out of order %+v", r.Corpus, r.Period, r)
		}
		if r.CrimeItems > 0 && math.Abs(r.OriginShare-float64(r.OriginItems)/float64(r.CrimeItems)) > 1e-4 {
			t.Errorf("%s %s: origin share %v, counts say %v", r.Corpus, r.Period, r.OriginShare, float64(r.OriginItems)/float64(r.CrimeItems))
		}
		if !math.IsNaN(r.OriginShare) && (r.OriginShareLo > r.OriginShare || r.OriginShare > r.OriginShareHi) {
			t.Errorf("%s %s: share %v outside its interval [%v, %v]", r.Corpus, r.Period, r.OriginShare, r.OriginShareLo, r.OriginShareHi)
		}
	}
	for _, c := range []string{"ffm-polizei", "berlin-polizei", "bayern-polizei", "10kgnad", "dice-it", "se-polisen", "us-prosecutors"} {
		a, ok := all[c]
		if !ok {
			t.Errorf("%s: no row for the whole corpus", c)
			continue
		}
		// The periods partition the corpus.
		if s := sum[c]; s != [4]int{a.Texts, a.CrimeItems, a.OriginItems, a.ForeignItems} {
			t.Errorf("%s: periods add up to %v, corpus row says %v", c, s, [4]int{a.Texts, a.CrimeItems, a.OriginItems, a.ForeignItems})
		}
	}
	if years["ffm-polizei"] < 20 {
		t.Errorf("Frankfurt: %d years, want 2000-2019", years["ffm-polizei"])
	}
}

func TestMediaIndexTable(t *testing.T) {
	tab, err := MediaIndexTable()
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := MediaIndex()
	for _, r := range rows {
		got := tab.At(r.Corpus, r.Period, "crime_items")
		if got != float64(r.CrimeItems) {
			t.Errorf("%s %s: crime_items %v, row %d", r.Corpus, r.Period, got, r.CrimeItems)
		}
		if v := tab.At(r.Corpus, r.Period, "foreign_share"); !(v == r.ForeignShare || math.IsNaN(v) && math.IsNaN(r.ForeignShare)) {
			t.Errorf("%s %s: foreign_share %v, row %v", r.Corpus, r.Period, v, r.ForeignShare)
		}
	}
	// A corpus without a year is missing there, flagged.
	off, err := tab.Lookup("dice-it", "2005", "texts")
	if err != nil {
		t.Fatal(err)
	}
	if !math.IsNaN(tab.Values[off]) || tab.StatusAt(off) != baserate.StatusMissing {
		t.Errorf("dice-it 2005: %v %q, want missing", tab.Values[off], tab.StatusAt(off))
	}
	if p, _ := tab.Dim("period"); p.Categories[0].ID != "all" || p.Categories[len(p.Categories)-1].ID != "unknown" {
		t.Errorf("periods %v", p.Categories)
	}
	var codes []string
	for _, c := range tab.Caveats {
		codes = append(codes, c.Code)
	}
	want := []string{"media-coding-automatic", "media-victims-as-suspects"}
	for _, c := range MediaCaveats {
		want = append(want, c.Code)
	}
	if !slices.Equal(codes, want) {
		t.Errorf("caveat codes %v, want %v (the coder's accuracy first, as media index gives it)", codes, want)
	}
	// The coding caveat states the blind figures of media/index.
	b, err := index.BlindAccuracy()
	if err != nil {
		t.Fatal(err)
	}
	if m := tab.Caveats[0].Message; !strings.Contains(m, fmt.Sprintf("On %d hand-coded texts", b.Texts)) {
		t.Errorf("coding caveat %q", m)
	}
	if m := tab.Caveats[1].Message; !strings.Contains(m, fmt.Sprintf("%d of %d origins of victims", b.VictimsAsSuspects, b.VictimPairs)) {
		t.Errorf("victims caveat %q", m)
	}
}

func TestParseMediaIndexErrors(t *testing.T) {
	head := strings.Join(mediaColumns, ",") + "\n"
	for _, c := range []struct{ in, want string }{
		{"corpus,lang\n", "x.csv:1:"},
		{head + "a,de,DE,all,10,5,x,1,,,,,,\n", "x.csv:2: origin_items"},
		{head + "a,de,DE,all,10,5,2,1,0.4,0.3,0.5,1.5,0.1,0.2\n", "x.csv:2: foreign_share"},
		{head + "a,de,DE,all,10\n", "x.csv:2:"},
		{strings.TrimSuffix(head, "\n") + ",family\na,de,DE,all,10,5,2,1,0.4,0.3,0.5,0.5,0.1,0.9,murder\n", "x.csv:2: family"},
		{strings.TrimSuffix(head, "\n") + ",famly\n", "x.csv:1:"},
	} {
		_, err := parseMediaIndex([]byte(c.in), "x.csv")
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: error %v, want %q", c.in, err, c.want)
		}
		var be *baserate.Error
		if err != nil && !errors.As(err, &be) {
			t.Errorf("%q: %T is no baserate.Error", c.in, err)
		}
	}
}

// TestParseMediaFamily: the family column is optional; rows over all
// crime texts carry family "all" and family rows their family.
func TestParseMediaFamily(t *testing.T) {
	head := strings.Join(mediaColumns, ",")
	old, err := parseMediaIndex([]byte(head+"\na,de,DE,all,10,5,2,1,0.4,0.3,0.5,0.5,0.1,0.9\n"), "x.csv")
	if err != nil || len(old) != 1 || old[0].Family != "all" {
		t.Fatalf("without the family column: %+v %v", old, err)
	}
	rows, err := parseMediaIndex([]byte(head+",family\na,de,DE,all,10,5,2,1,0.4,0.3,0.5,0.5,0.1,0.9,all\na,de,DE,2001,3,3,1,1,0.33,0.1,0.6,1,1,1,violent\n"), "x.csv")
	if err != nil || len(rows) != 2 || rows[0].Family != "all" || rows[1].Family != "violent" || rows[1].CrimeItems != 3 {
		t.Fatalf("with the family column: %+v %v", rows, err)
	}
}

// TestMediaFamilyIndex: the bundled family rows are consistent: per corpus
// and family the years add up to the family's row over all years, and no
// family has more crime texts than its corpus.
func TestMediaFamilyIndex(t *testing.T) {
	fams, err := MediaFamilyIndex()
	if err != nil {
		t.Fatal(err)
	}
	if len(fams) == 0 {
		t.Fatal("the bundled media index has no family rows (the media page's per-family table needs them; regenerate with go run ./bench/media/corpus)")
	}
	rows, _ := MediaIndex()
	crime := map[string]int{}
	for _, r := range rows {
		if r.Period == "all" {
			crime[r.Corpus] = r.CrimeItems
		}
	}
	type key struct{ corpus, family string }
	all := map[key]MediaRow{}
	sum := map[key][3]int{}
	for _, r := range fams {
		k := key{r.Corpus, r.Family}
		if r.Family == "all" || r.Texts != r.CrimeItems || r.ForeignItems > r.OriginItems || r.OriginItems > r.CrimeItems {
			t.Errorf("%+v: not a family row in order", r)
		}
		if r.Period == "all" {
			all[k] = r
			if r.CrimeItems > crime[r.Corpus] {
				t.Errorf("%s %s: %d crime texts, the corpus has %d", r.Corpus, r.Family, r.CrimeItems, crime[r.Corpus])
			}
			continue
		}
		s := sum[k]
		sum[k] = [3]int{s[0] + r.CrimeItems, s[1] + r.OriginItems, s[2] + r.ForeignItems}
	}
	for k, a := range all {
		if s := sum[k]; s != [3]int{a.CrimeItems, a.OriginItems, a.ForeignItems} {
			t.Errorf("%v: years add up to %v, the family row says %v", k, s, [3]int{a.CrimeItems, a.OriginItems, a.ForeignItems})
		}
	}
	if _, ok := all[key{"ffm-polizei", "violent"}]; !ok {
		t.Errorf("no Frankfurt row for violent offences")
	}
}

// The Frankfurt police releases: how often a crime report names a
// suspect's origin, and how often that origin is foreign.
func ExampleMediaIndex() {
	rows, err := MediaIndex()
	if err != nil {
		panic(err)
	}
	for _, r := range rows {
		if r.Corpus == "ffm-polizei" && r.Period == "all" {
			fmt.Printf("%s: %d crime texts, %d name an origin, %d of them foreign\n", r.Corpus, r.CrimeItems, r.OriginItems, r.ForeignItems)
		}
	}
	// Output: ffm-polizei: 16648 crime texts, 3334 name an origin, 2964 of them foreign
}
