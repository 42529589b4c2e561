package xlsx_test

import (
	"bytes"
	"context"
	"fmt"

	"github.com/baserate/baserate/format/xlsx"
	"github.com/baserate/baserate/format/xlsx/internal/layouts"
)

// Read an ONS-style workbook: the cover and notes sheets are passed over,
// numbers stored as text are read, and "[x]" is a missing value with its
// status.
func ExampleRead() {
	b, err := layouts.ONS()
	if err != nil {
		panic(err)
	}
	t, err := xlsx.Read(context.Background(), bytes.NewReader(b), xlsx.Options{Name: "ons.xlsx"})
	if err != nil {
		panic(err)
	}
	fmt.Println(t.ID)
	for _, d := range t.Dims {
		fmt.Println(d.ID, d.Size())
	}
	fmt.Println(t.At("Theft offences", "Apr 2023 to Mar 2024"))
	off, _ := t.Lookup("Fraud offences", "Apr 2022 to Mar 2023")
	fmt.Println(t.Values[off], t.StatusAt(off))
	fmt.Println(t.Size(), t.Missing())
	// Output:
	// Table_1
	// Offence group 8
	// measure 3
	// 1.810133e+06
	// NaN [x]
	// 24 5
}
