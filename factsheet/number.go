package factsheet

import (
	"math"

	"golang.org/x/text/language"
	"golang.org/x/text/message"
)

var english = message.NewPrinter(language.English)

// count writes a whole number as English text does, with thousands
// separators ("71,184,865"), for the sentences the sheets carry.
func count(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "–"
	}
	return english.Sprintf("%d", int64(math.Round(v)))
}
