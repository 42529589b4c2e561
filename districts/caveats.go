package districts

import (
	"strings"

	"github.com/baserate/baserate"
	"github.com/baserate/baserate/bundle"
)

// caveats are the caveats of the district models of q, most important
// first. merged lists the districts added to another ("16056 Eisenach →
// 16063 Wartburgkreis").
func caveats(q Query, merged []string) []baserate.Caveat {
	out := []baserate.Caveat{
		bundle.Caveat("models-ecological-inference"),
		bundle.Caveat("models-not-causal"),
		bundle.Caveat("models-recorded-crime"),
		bundle.Caveat("pks-suspects-not-convicts"),
		bundle.Caveat("denominator-coverage"),
		bundle.Caveat("area-suspects-not-residents"),
		bundle.Caveat("models-population-previous-year"),
		bundle.Caveat("models-covariates"),
		bundle.Caveat("models-few-clusters"),
	}
	tc := bundle.Caveat("kreis-territory-change")
	if len(merged) > 0 {
		tc.Message = "The covariates are on the territory of 2022, so the districts that joined another before then are added to it here (" +
			strings.Join(merged, "; ") + "): their cases, suspects and residents are summed, and a suspect registered in both may be counted twice. " + tc.Message
	} else {
		tc.Message = "The Wartburgkreis took in Eisenach on 1 July 2021; its cases, suspects, residents at the end of the previous year and covariates all cover the enlarged territory. " + tc.Message
	}
	out = append(out, tc)
	switch q.Offence {
	case "725000":
		out = append(out, bundle.Caveat("pks-725000-only-foreigners"))
	case "------":
		out = append(out, bundle.Caveat("pks-890000-excludes-725000"))
	}
	return out
}
