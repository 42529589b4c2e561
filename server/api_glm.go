package server

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"mime"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/baserate/baserate"
	"github.com/baserate/baserate/frame"
	"github.com/baserate/baserate/stat/formula"
	"github.com/baserate/baserate/stat/glm"
)

// apiGLM fits a count model (package stat/glm) to the rows of a CSV posted
// as the body, read as "baserate glm --in FILE" reads a CSV, with the
// command's flags as query parameters (snake_case), and answers with the
// JSON "baserate glm --format json" prints. The answer is not cached: it
// is a function of a body of up to Config.MaxBody bytes that clients
// rarely post twice, and the cache bounds entries, not bytes.
func (s *Server) apiGLM(w http.ResponseWriter, r *http.Request) {
	if ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); ct != "" && !slices.Contains(csvTypes, ct) {
		s.writeProblem(w, r, unsupportedType(ct, csvTypes...))
		return
	}
	spec, opt, fopt, err := glmParams(r)
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	opt.Logger = s.log.With("request", requestID(r.Context()))
	data, err := frame.ReadCSV(r.Context(), r.Body, "body", fopt)
	if err != nil {
		s.writeProblem(w, r, err)
		return
	}
	for _, c := range spec.Cluster {
		if data.Col(c) == nil {
			s.writeProblem(w, r, badParam("cluster", fmt.Sprintf("no column %q in the body; it has the columns %s", c, strings.Join(data.Names(), ", "))))
			return
		}
	}
	res, err := glm.FitColumns(r.Context(), data, spec, opt)
	if err != nil {
		s.writeProblem(w, r, glmError(err))
		return
	}
	var buf bytes.Buffer
	if err := res.WriteJSON(&buf); err != nil { // NaN and Inf are written as null
		s.writeProblem(w, r, baserate.E("glm", baserate.KindInternal, err))
		return
	}
	(&body{contentType: "application/json", data: buf.Bytes()}).write(w, r)
}

// glmParams reads the query parameters of POST /api/v1/glm: the flags of
// "baserate glm" that apply to a posted CSV, with the same defaults and
// the same checks.
func glmParams(r *http.Request) (glm.Model, glm.Options, frame.Options, error) {
	q := r.URL.Query()
	var (
		spec glm.Model
		opt  glm.Options
		fopt frame.Options
		err  error
	)
	if spec.Formula = q.Get("formula"); spec.Formula == "" {
		return spec, opt, fopt, badParam("formula", "is required")
	}
	spec.Offset = q.Get("offset")
	family := q.Get("family")
	if family == "" {
		family = string(glm.Poisson)
	}
	if opt.Family, err = glm.ParseFamily(family); err != nil {
		return spec, opt, fopt, badParam("family", err.Error())
	}
	spec.Cluster = splitParam(q, "cluster")
	if len(spec.Cluster) > 2 {
		return spec, opt, fopt, badParam("cluster", "takes one or two columns")
	}
	switch opt.SE = glm.SE(q.Get("se")); opt.SE {
	case "", glm.SEModel, glm.SEHC0, glm.SEHC1, glm.SECluster:
	default:
		return spec, opt, fopt, badParam("se", "must be model, hc0, hc1 or cluster, not "+strconv.Quote(string(opt.SE)))
	}
	if opt.SE == glm.SECluster && len(spec.Cluster) == 0 {
		return spec, opt, fopt, badParam("se", "cluster needs the parameter cluster=COL[,COL]")
	}
	if opt.Level, err = floatParam(r, "level", 0.95); err != nil {
		return spec, opt, fopt, err
	}
	if !(opt.Level > 0 && opt.Level < 1) {
		return spec, opt, fopt, badParam("level", fmt.Sprintf("must be between 0 and 1, not %g", opt.Level))
	}
	// tol and maxiter default to 0, which the fit reads as "use the
	// default"; given, 0 or a negative value is a mistake (as for the
	// command's --tol and --maxiter).
	if opt.Tol, err = floatParam(r, "tol", 0); err != nil {
		return spec, opt, fopt, err
	}
	if q.Get("tol") != "" && !(opt.Tol > 0) {
		return spec, opt, fopt, badParam("tol", fmt.Sprintf("must be positive, not %g", opt.Tol))
	}
	if opt.MaxIter, err = intParam(r, "maxiter", 0, false); err != nil {
		return spec, opt, fopt, err
	}
	if q.Get("maxiter") != "" && opt.MaxIter < 1 {
		return spec, opt, fopt, badParam("maxiter", fmt.Sprintf("must be at least 1, not %d", opt.MaxIter))
	}
	for name, p := range map[string]*bool{"fixef": &opt.FixedEffects, "no_separation": &opt.NoSeparation, "no_aggregate": &opt.NoAggregate, "latin1": &fopt.Latin1} {
		if *p, err = boolValue(q, name); err != nil {
			return spec, opt, fopt, err
		}
	}
	fopt.Factors = splitParam(q, "factors")
	return spec, opt, fopt, nil
}

// glmError gives a failed fit the kind and parameter the problem needs: a
// formula or offset error is a bad parameter (its message keeps the
// column), and any other unclassified error is the input's fault, as the
// fit returns no other.
func glmError(err error) error {
	var fe *formula.Error
	if errors.As(err, &fe) {
		what := fe.What
		if what == "" {
			what = "formula"
		}
		return badParam(what, strings.TrimPrefix(baserate.Message(err), what+" "))
	}
	if baserate.KindOf(err) == baserate.KindOther && !errors.Is(err, context.Canceled) && !errors.Is(err, context.DeadlineExceeded) {
		return baserate.E("glm", baserate.KindInvalid, err)
	}
	return err
}

// splitParam reads a comma-separated list, leaving out empty items.
func splitParam(q url.Values, name string) []string {
	var out []string
	for _, p := range strings.Split(q.Get(name), ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// boolValue reads a switch: absent is false, and given without a value
// ("?fixef") true, as the command's flag.
func boolValue(q url.Values, name string) (bool, error) {
	vs, ok := q[name]
	if !ok {
		return false, nil
	}
	if len(vs) == 0 || vs[0] == "" {
		return true, nil
	}
	b, err := strconv.ParseBool(vs[0])
	if err != nil {
		return false, badParam(name, "must be true or false, not "+strconv.Quote(vs[0]))
	}
	return b, nil
}
