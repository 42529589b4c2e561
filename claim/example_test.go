package claim_test

import (
	"fmt"

	"github.com/baserate/baserate/claim"
)

func ExampleParse() {
	c, err := claim.Parse("Ausländer sind dreimal so kriminell wie Deutsche")
	if err != nil {
		panic(err)
	}
	fmt.Println(c.Lang, c.Group, c.Reference, c.Offence, c.Kind, c.Value)
	c, _ = claim.Parse("migrants commit 40% of frobnications")
	fmt.Println(c.Kind, c.Value, c.Unparsed[0].Text, c.Missing)
	// Output:
	// de nichtdeutsch deutsch 890000 ratio 3
	// share 0.4 frobnications [offence year]
}
