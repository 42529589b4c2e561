package jsonstat_test

import (
	"context"
	"fmt"
	"os"
	"strings"

	"github.com/baserate/baserate"
	"github.com/baserate/baserate/format/jsonstat"
)

// Read gives the datasets of a document; statuses and sparse values are
// kept.
func ExampleRead() {
	in := `{"version":"2.0","class":"dataset","label":"Suspects","id":["geo","year"],"size":[2,2],
	 "role":{"time":["year"],"geo":["geo"]},
	 "dimension":{"geo":{"category":{"index":["AT","DE"],"label":{"AT":"Austria","DE":"Germany"}}},
	              "year":{"category":{"index":["2022","2023"]}}},
	 "value":{"0":10,"1":11,"3":21},"status":{"3":"p"}}`
	doc, err := jsonstat.Read(context.Background(), strings.NewReader(in), "in.json")
	if err != nil {
		fmt.Println(err)
		return
	}
	t := doc.Datasets[0]
	off, _ := t.Lookup("DE", "2023")
	fmt.Println(t.Label, t.Dims[0].Categories[1].Label, t.Values[off], t.StatusAt(off), t.Missing())
	// Output: Suspects Germany 21 p 1
}

// Write serves any table as JSON-stat 2.0.
func ExampleWrite() {
	t := baserate.New("t", baserate.NewDimension("sex", "F", "M"))
	t.Values[0] = 3
	t.SetStatus(1, "c")
	jsonstat.Write(os.Stdout, t)
	// Output:
	// {"class":"dataset","dimension":{"sex":{"category":{"index":["F","M"]}}},"extension":{"baserate":{"id":"t"}},"id":["sex"],"size":[2],"version":"2.0","value":[3,null],"status":{"1":"c"}}
}
