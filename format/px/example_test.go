package px_test

import (
	"context"
	"fmt"
	"strings"

	"github.com/baserate/baserate/format/px"
)

func ExampleRead() {
	const file = `CHARSET="ANSI";
MATRIX="BE01";
SUBJECT-CODE="BE";
SUBJECT-AREA="Population";
DECIMALS=0;
TITLE="Population by region and year";
CONTENTS="Population";
UNITS="persons";
STUB="region";
HEADING="year";
VALUES("region")="Sweden","Stockholm";
VALUES("year")="2022","2023";
CODES("region")="00","01";
TIMEVAL("year")=TLIST(A1),"2022","2023";
DATASYMBOL2="not available";
DATA=
10452326 10551707
2415139 ".."
;`
	t, err := px.Read(context.Background(), strings.NewReader(file), px.Options{Name: "BE01.px"})
	if err != nil {
		fmt.Println(err)
		return
	}
	off, _ := t.Lookup("01", "2023")
	meaning := t.Extension["px"].(map[string]any)["datasymbols"].(map[string]string)
	fmt.Println(t.ID, t.Dims[0].Categories[1].Label, t.Dims[1].Role, t.Values[0], t.StatusAt(off), meaning[string(t.StatusAt(off))])
	// Output: BE01 Stockholm time 1.0452326e+07 .. not available
}
