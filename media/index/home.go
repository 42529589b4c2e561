package index

import (
	"sync"

	"github.com/baserate/baserate/media/lexicon"
)

// HomeCodes returns the codes a home nationality can have: every
// nationality and country code of the lexicons (ISO alpha-2, and the
// former states the lexicons name), that is every code a coding's
// suspect_origins can carry but the status codes (FOREIGN, ASYLUM,
// STATELESS and the like), which name no nationality.
var HomeCodes = sync.OnceValues(func() (map[string]bool, error) {
	codes, status := map[string]bool{}, map[string]bool{}
	for _, lang := range lexicon.Languages() {
		lx, err := lexicon.Load(lang)
		if err != nil {
			return nil, err
		}
		for _, t := range lx.Terms {
			switch t.Kind {
			case lexicon.Nationality, lexicon.Country:
				codes[t.Code] = true
			case lexicon.Status:
				status[t.Code] = true
			}
		}
	}
	for c := range status {
		delete(codes, c)
	}
	return codes, nil
})
