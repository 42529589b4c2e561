package baserate

// Caveat is a statistical caveat about the data a result uses: a break in a
// series, a denominator that misses people, an offence that only one group
// can commit. Caveats are data: they are returned with results and shown to
// users, never only logged.
type Caveat struct {
	// Code is a stable identifier, such as "pks-2009-counting-rule".
	Code string `json:"code"`
	// Message says what the caveat means for the numbers, in plain language.
	Message string `json:"message"`
	// Source names where the caveat is documented.
	Source string `json:"source,omitempty"`
}

// Warning is a remark about a computation: a zero count, a tiny stratum, an
// interval that is wide, a model that did not converge. Like caveats,
// warnings are returned with results.
type Warning struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

// MergeCaveats appends the caveats in add to list, skipping any whose code
// is already present, and returns the result.
func MergeCaveats(list []Caveat, add ...Caveat) []Caveat {
	for _, c := range add {
		dup := false
		for _, have := range list {
			if have.Code == c.Code {
				dup = true
				break
			}
		}
		if !dup {
			list = append(list, c)
		}
	}
	return list
}
