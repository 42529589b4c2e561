package rate_test

import (
	"math"
	"strings"
	"testing"

	"github.com/baserate/baserate/stat/rate"
)

func TestParseAgeBands(t *testing.T) {
	cases := []struct {
		name   string
		labels []string
		conv   rate.AgeConvention
		want   string // bands joined
		unused string
		total  int
		err    string
	}{
		{name: "PKS bands exclude the upper end", labels: []string{"total", "0-6", "6-8", "8-10", "10-12", "12-14", "<14", "14-16", "16-18", "14-18", "18-21", "<21", "21-23", "23-25", "21-25", "25-30", "30-40", "40-50", "50-60", "60+", "21+"},
			want: "0-5 6-7 8-9 10-11 12-13 14-15 16-17 18-20 21-22 23-24 25-29 30-39 40-49 50-59 60+", unused: "<14 <21 14-18 21-25 21+", total: 0},
		{name: "ESP bands include it", labels: []string{"0-0", "1-4", "5-9", "10-14", "15-19", "20+"}, want: "0 1-4 5-9 10-14 15-19 20+", total: -1},
		{name: "Regionaldatenbank", labels: []string{"Insgesamt", "unter 3 Jahre", "3 bis unter 6 Jahre", "6 bis unter 10 Jahre", "85 bis unter 90 Jahre", "10 bis unter 85 Jahre", "90 Jahre und mehr"},
			want: "0-2 3-5 6-9 10-84 85-89 90+", total: 0},
		{name: "single years", labels: []string{"0", "1", "2", "3+"}, want: "0 1 2 3+", total: -1},
		{name: "Eurostat codes", labels: []string{"Y_LT5", "Y5-9", "Y10-14", "Y_GE15", "TOTAL"}, want: "0-4 5-9 10-14 15+", total: 4},
		{name: "told explicitly", labels: []string{"15-64"}, conv: rate.AgeInclusive, want: "15-64", total: -1},
		{name: "ambiguous", labels: []string{"15-64"}, err: "a to under b"},
		{name: "ambiguous told", labels: []string{"0-6", "7-9"}, conv: rate.AgeExclusive, err: "no age band starts at 6"},
		{name: "gap", labels: []string{"unter 5", "10+"}, err: "no age band starts at 5"},
		{name: "unreadable", labels: []string{"0-6", "children"}, err: `age label "children" is not an age band`},
		{name: "two totals", labels: []string{"total", "Insgesamt", "5"}, err: "both mean all ages"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p, err := rate.ParseAgeBands(c.labels, c.conv)
			if c.err != "" {
				if err == nil || !strings.Contains(err.Error(), c.err) {
					t.Fatalf("error %v, want %q", err, c.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, b := range p.Bands {
				got = append(got, b.String())
			}
			if s := strings.Join(got, " "); s != c.want {
				t.Errorf("bands %s, want %s", s, c.want)
			}
			if s := strings.Join(p.Unused, " "); s != c.unused {
				t.Errorf("unused %q, want %q", s, c.unused)
			}
			if p.Total != c.total {
				t.Errorf("total at %d, want %d", p.Total, c.total)
			}
		})
	}
}

func TestCommonAgeBands(t *testing.T) {
	pks, _ := rate.ParseAgeBands([]string{"0-6", "6-8", "8-10", "10-12", "12-14", "14-16", "16-18", "18-21", "21-23", "23-25", "25-30", "30-40", "40-50", "50-60", "60+"}, rate.AgeAuto)
	rdb, err := rate.ParseAgeBands([]string{"unter 3 Jahre", "3 bis unter 6 Jahre", "6 bis unter 10 Jahre", "10 bis unter 15 Jahre", "15 bis unter 18 Jahre", "18 bis unter 20 Jahre", "20 bis unter 25 Jahre", "25 bis unter 30 Jahre", "30 bis unter 35 Jahre", "35 bis unter 40 Jahre", "40 bis unter 45 Jahre", "45 bis unter 50 Jahre", "50 bis unter 55 Jahre", "55 bis unter 60 Jahre", "60 bis unter 65 Jahre", "65 bis unter 75 Jahre", "75 Jahre und mehr"}, rate.AgeAuto)
	if err != nil {
		t.Fatal(err)
	}
	common, ga, gb, err := rate.CommonAgeBands(pks, rdb)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, b := range common {
		got = append(got, b.PKSLabel())
	}
	if s := strings.Join(got, " "); s != "0-6 6-10 10-18 18-25 25-30 30-40 40-50 50-60 60+" {
		t.Errorf("common bands %s", s)
	}
	if len(ga[2]) != 4 || len(gb[2]) != 2 || len(gb[8]) != 3 {
		t.Errorf("groups %v / %v", ga, gb)
	}
	closed, _ := rate.ParseAgeBands([]string{"0-5", "6-84"}, rate.AgeInclusive)
	if _, _, _, err := rate.CommonAgeBands(pks, closed); err == nil || !strings.Contains(err.Error(), "oldest age band") {
		t.Errorf("open vs closed: %v", err)
	}
}

func TestESPOnto(t *testing.T) {
	s := rate.ESP2013()
	pks := []rate.AgeBand{{0, 5}, {6, 13}, {14, 20}, {21, 59}, {60, -1}}
	got, m, err := s.Onto(pks)
	if err != nil {
		t.Fatal(err)
	}
	want, _ := s.Rebin(pks, 10)
	for i := range got {
		if math.Abs(got[i]-want[i]) > 1e-9 {
			t.Errorf("band %d: %v, Rebin %v", i, got[i], want[i])
		}
	}
	if m.Exact || strings.Join(m.Split, " ") != "5-9 10-14 20-24" || len(m.Dropped) != 0 {
		t.Errorf("mapping %+v", m)
	}
	if !strings.Contains(m.Parts[0], "1100 (1/5 of 5-9)") {
		t.Errorf("parts %q", m.Parts[0])
	}
	five := []rate.AgeBand{{0, 4}, {5, 9}, {10, 64}, {65, -1}}
	got, m, err = s.Onto(five)
	if err != nil || !m.Exact || got[0] != 5000 || got[3] != 5500+5000+4000+2500+1500+1000 {
		t.Errorf("5-year bands: %v %+v %v", got, m, err)
	}
	got, m, err = s.Onto([]rate.AgeBand{{15, 64}})
	if err != nil || got[0] != 5500+6000+6000+6500+7000*4+6500+6000 || strings.Join(m.Dropped, " ") != "0 1-4 5-9 10-14 65-69 70-74 75-79 80-84 85-89 90+" {
		t.Errorf("15-64: %v %+v %v", got, m, err)
	}
	if _, _, err = s.Onto([]rate.AgeBand{{0, 49}, {50, 94}}); err == nil || !strings.Contains(err.Error(), "open band 90+") {
		t.Errorf("cut open band: %v", err)
	}
	got, m, err = s.Onto([]rate.AgeBand{{18, -1}})
	if err != nil || strings.Join(m.Dropped, " ") != "0 1-4 5-9 10-14 15-19" || math.Abs(got[0]-(100000-1000-4000-5500-5500-5500*3.0/5)) > 1e-9 {
		t.Errorf("18+: %v %+v %v", got, m, err)
	}
}

// FuzzParseAgeBands: any labels give bands in order without overlap, or an
// error; never a panic.
func FuzzParseAgeBands(f *testing.F) {
	f.Add("0-6|6-8|8+|total")
	f.Add("unter 3 Jahre|3 bis unter 6 Jahre|6 Jahre und mehr")
	f.Add("Y_LT5|Y5-9|Y_GE10")
	f.Add("0-4|5-9|10+")
	f.Fuzz(func(t *testing.T, s string) {
		labels := strings.Split(s, "|")
		for _, conv := range []rate.AgeConvention{rate.AgeAuto, rate.AgeInclusive, rate.AgeExclusive} {
			p, err := rate.ParseAgeBands(labels, conv)
			if err != nil {
				continue
			}
			for i, b := range p.Bands {
				if b.To >= 0 && b.To < b.From || i > 0 && (p.Bands[i-1].To < 0 || b.From != p.Bands[i-1].To+1) {
					t.Fatalf("%q: bands %v", labels, p.Bands)
				}
			}
			if len(p.Bands) > 0 {
				if _, _, err := rate.ESP2013().Onto(p.Bands); err != nil && !strings.Contains(err.Error(), "open band") {
					t.Fatalf("%q: %v", labels, err)
				}
			}
		}
	})
}
