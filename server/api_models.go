package server

import (
	"context"
	"net/url"
	"strconv"

	"net/http"

	"github.com/baserate/baserate/districts"
)

// The district models answer for violent crime in the latest district
// table unless asked otherwise: the question the debate is about.
const (
	modelsDefaultYear    = 2022
	modelsDefaultOffence = "892000"
)

// modelsQuery reads year (default 2022) and offence (default 892000) of
// the district models.
func modelsQuery(q url.Values) (districts.Query, error) {
	year, err := intValue(q, "year", modelsDefaultYear, false)
	if err != nil {
		return districts.Query{}, err
	}
	key := q.Get("offence")
	if key == "" {
		key = modelsDefaultOffence
	}
	if !keyRE.MatchString(key) {
		return districts.Query{}, badParam("offence", strconv.Quote(key)+" is not a PKS offence key (six characters of digits, * and -, such as 892000)")
	}
	return districts.Query{Year: year, Offence: key}, nil
}

// models returns the district models of q, computed once.
func (s *Server) models(ctx context.Context, q districts.Query) (*districts.Result, error) {
	v, err := s.cache.get("models\x00"+strconv.Itoa(q.Year)+"\x00"+q.Offence, func() (any, error) { return districts.Fit(ctx, q) })
	if err != nil {
		return nil, err
	}
	return v.(*districts.Result), nil
}

// modelsAPI is the API path a models page's numbers come from.
func modelsAPI(q districts.Query) string {
	return "/api/v1/models?" + modelsValues(q).Encode()
}

func modelsValues(q districts.Query) url.Values {
	return url.Values{"year": {strconv.Itoa(q.Year)}, "offence": {q.Offence}}
}

// apiModels answers GET /api/v1/models: the foreign share's rate ratio
// across the districts in nested specifications, the full model, the model
// per foreign resident and the caveats (package districts).
func (s *Server) apiModels(w http.ResponseWriter, r *http.Request) {
	q, err := modelsQuery(r.URL.Query())
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	s.serveCached(w, r, "api-models\x00"+modelsValues(q).Encode(), func() (*body, error) {
		res, err := s.models(r.Context(), q)
		if err != nil {
			return nil, err
		}
		return jsonBody(res)
	})
}
