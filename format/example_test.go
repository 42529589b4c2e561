package format_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/baserate/baserate/format"
)

// Open tells the format from the file and gives its tables; Long walks a
// table as rows of category ids, value and status.
func ExampleOpen() {
	dir, _ := os.MkdirTemp("", "example")
	defer os.RemoveAll(dir)
	p := filepath.Join(dir, "deaths.tsv")
	os.WriteFile(p, []byte("sex,geo\\time\t2021W02\t2021W01\nF,AD\t:\t1\nM,GB\t13\t25 p\n"), 0o644)

	tables, f, err := format.Open(context.Background(), p)
	if err != nil {
		fmt.Println(err)
		return
	}
	t := tables[0]
	fmt.Println(f, t.ID, t.Size(), "cells,", t.Missing(), "missing")
	for row := range format.Long(t) {
		fmt.Printf("%v %v %q\n", row.IDs, row.Value, row.Status)
	}
	// Output:
	// eurostat-tsv deaths 8 cells, 5 missing
	// [F AD 2021W02] NaN ":"
	// [F AD 2021W01] 1 ""
	// [F GB 2021W02] NaN ""
	// [F GB 2021W01] NaN ""
	// [M AD 2021W02] NaN ""
	// [M AD 2021W01] NaN ""
	// [M GB 2021W02] 13 ""
	// [M GB 2021W01] 25 "p"
}
