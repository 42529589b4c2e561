package ingest

import (
	"context"
	"io"
	"strings"
	"testing"

	"github.com/baserate/baserate"
	"github.com/baserate/baserate/store"
)

func src(name, body string) Source {
	return Source{Name: name, Open: func() (io.ReadCloser, error) { return io.NopCloser(strings.NewReader(body)), nil }}
}

func TestCodingsErrorsNameTheLine(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{`{"id":"a","crime":true}` + "\n" + `{"id":` + "\n", "c.jsonl:2: not a coding"},
		{"\n\n" + `{"crime":true}`, `c.jsonl:3: coding has no "id"`},
		{`{"id":"a"} {"id":"b"}`, "c.jsonl:1: more than one JSON value"},
		{`[1,2]`, "c.jsonl:1: not a coding"},
	} {
		var err error
		n := 0
		for _, e := range Codings(strings.NewReader(c.in), "c.jsonl") {
			if e != nil {
				err = e
				break
			}
			n++
		}
		if err == nil || !strings.HasPrefix(err.Error(), c.want) {
			t.Errorf("Codings(%q): err %v, want %q", c.in, err, c.want)
		}
		if baserate.KindOf(err) != baserate.KindInvalid {
			t.Errorf("Codings(%q): kind %v", c.in, baserate.KindOf(err))
		}
	}
}

func TestRunIsOneTransaction(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(ctx, "", store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	good := src("good.csv", "year,cit,value\n2023,de,1\n2023,nd,2\n")
	bad := src("bad.csv", "year,cit,value\n2023,de,1\n2023,nd,x\n")
	err = Run(ctx, st, []Source{good, bad}, store.UpdateOptions{})
	if err == nil || !strings.Contains(err.Error(), "bad.csv:3") {
		t.Fatalf("err = %v, want bad.csv:3", err)
	}
	if ds, _ := st.Datasets(ctx); len(ds) != 0 {
		t.Errorf("a failed run stored %d tables", len(ds))
	}
	corpus := src("news.jsonl", `{"id":"1","crime":true,"categories":["violent"],"origin_named":false,"suspect_origins":[],"victim_origins":[],"appearance":false}`+"\n")
	if err := Run(ctx, st, []Source{good, corpus}, store.UpdateOptions{}); err != nil {
		t.Fatal(err)
	}
	tb, err := st.Table(ctx, "good")
	if err != nil || tb.At("2023", "nd", "value") != 2 {
		t.Errorf("table good: %v %v", tb, err)
	}
	if cs, _ := st.Corpora(ctx); len(cs) != 1 || cs[0].ID != "news" || cs[0].Items != 1 {
		t.Errorf("corpora %+v", cs)
	}
	for _, s := range []Source{
		{Name: "x.csv", Kind: "picture"},
		{Name: "x.csv", Dims: []string{"a"}},
		{Name: "x.csv", Format: "doc"},
	} {
		s.Open = good.Open
		if err := Run(ctx, st, []Source{s}, store.UpdateOptions{}); baserate.KindOf(err) != baserate.KindInvalid {
			t.Errorf("source %+v: err %v, want kind Invalid", s, err)
		}
	}
}

func TestBundle(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(ctx, "", store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if err := Bundle(ctx, st); err != nil {
		t.Fatal(err)
	}
	// Twice: the bundle replaces itself.
	if err := Bundle(ctx, st); err != nil {
		t.Fatal(err)
	}
	tb, err := st.Table(ctx, "pks-suspects")
	if err != nil {
		t.Fatal(err)
	}
	if v := tb.At("890000", "2023", "nichtdeutsch"); v != 694981 {
		t.Errorf("stored pks-suspects, 890000, 2023, nichtdeutsch = %v, want 694981", v)
	}
	if ds, _ := st.Datasets(ctx); len(ds) != len(BundledTables) {
		t.Errorf("%d tables, want %d", len(ds), len(BundledTables))
	}
}

func FuzzCodings(f *testing.F) {
	f.Add(`{"id":"a","crime":true,"categories":["violent"],"suspect_origins":["SY"]}` + "\n")
	f.Add("{\"id\":\n")
	f.Add("\xff\xfe")
	f.Fuzz(func(t *testing.T, in string) {
		for c, err := range Codings(strings.NewReader(in), "f.jsonl") {
			if err != nil {
				if !strings.HasPrefix(err.Error(), "f.jsonl:") {
					t.Fatalf("error without position: %v", err)
				}
				return
			}
			if c.ID == "" {
				t.Fatal("coding without id passed")
			}
		}
	})
}
