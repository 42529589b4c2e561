package detect_test

import (
	"fmt"

	"github.com/baserate/baserate/media/detect"
)

func ExampleCodeText() {
	c, err := detect.CodeText("Ein 23-jähriger Syrer wurde nach einem Raub festgenommen. Das Opfer, ein 40-jähriger Deutscher, blieb unverletzt.", "")
	if err != nil {
		panic(err)
	}
	fmt.Println(c.Lang, c.Crime, c.Categories, c.SuspectOrigins, c.VictimOrigins)
	for _, ev := range c.Evidence {
		if ev.Field == "suspect_origins" || ev.Field == "victim_origins" {
			fmt.Printf("%s %q [%d,%d) cue %q\n", ev.Field, ev.Text, ev.Start, ev.End, ev.Cue)
		}
	}
	// Output:
	// de true [violent] [SY] [DE]
	// suspect_origins "Syrer" [17,22) cue "festgenommen"
	// victim_origins "Deutscher" [87,96) cue "Opfer"
}
