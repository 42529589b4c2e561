package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"
	"unicode/utf8"

	"github.com/baserate/baserate"
	"github.com/baserate/baserate/format"
	"github.com/baserate/baserate/frame"
	"github.com/baserate/baserate/stat/glm"
)

var cmdGLM = &command{
	name:  "glm",
	short: "fit Poisson, quasi-Poisson or negative binomial models with fixed effects",
	usage: `baserate glm --in FILE.csv --formula "y ~ x + log(z) | fe1 + fe2" [--offset "log(pop)"] [--family poisson|quasipoisson|negbin] [--cluster COL[,COL]] [--format text|json]`,
	long: `
Fits a count model with log link to the rows of a CSV file (header line,
comma, semicolon or tab separated), or to a table in any format "baserate
inspect" reads (JSON-stat, PX, Eurostat TSV, SDMX-CSV, XLSX): its cells
become rows with one factor column per dimension and one numeric column per
category of the measure dimension (--measure; default the dimension with
role metric or named "measure", else a single column "value").

Formula syntax is R's: factors get treatment coding with the first level in
sorted order as reference (relevel(x, "level") chooses another), terms are
named as R names them, and fixed effects after "|" are absorbed, never
dummy-encoded. --offset adds an offset expression (or write
offset(log(pop)) in the formula). See docs/models.md.

Rows with a missing value in a variable used are left out. Observations
whose fitted count would be zero at the maximum of the likelihood are
dropped and listed ("separated", 1-based data rows, header not counted):
rows of fixed-effect groups whose outcome is all zero, and rows separated
by the regressors and fixed effects together.

Standard errors are model-based unless --cluster names one or two columns
(CR1: G/(G-1)·(n-1)/(n-k), as statsmodels and R's sandwich compute it) or
--se asks for hc0 or hc1. --format json prints the full result.

Example (from the repository root):

  baserate glm --in stat/glm/testdata/cells.csv \
      --formula "count ~ age + sex + cit | region + year" --offset "log(pop)" \
      --cluster region

A real analysis of the German districts: go run ./examples/kreise.`,
}

func init() { cmdGLM.run = runGLM }

func runGLM(ctx context.Context, e *env, args []string) error {
	fs := newFlags(cmdGLM, e)
	in := fs.String("in", "", "input `file`: a CSV, or a table in any format \"baserate inspect\" reads (- for standard input CSV)")
	form := fs.String("formula", "", `model formula, e.g. "suspects ~ group + age | district + year"`)
	offset := fs.String("offset", "", `offset expression, e.g. "log(pop)"`)
	family := fs.String("family", "poisson", "poisson, quasipoisson or negbin")
	cluster := fs.String("cluster", "", "cluster the standard errors on COL or COL1,COL2")
	se := fs.String("se", "", "standard errors: model, hc0, hc1 or cluster (default: cluster with --cluster, else model)")
	format := fs.String("format", "text", "output format: text or json")
	level := fs.Float64("level", 0.95, "confidence level of the intervals")
	fixef := fs.Bool("fixef", false, "also report the estimated fixed effects")
	noSep := fs.Bool("no-separation", false, "skip the separation checks")
	noAgg := fs.Bool("no-aggregate", false, "never collapse rows with the same covariate pattern")
	tol := fs.Float64("tol", 0, "convergence tolerance on the relative deviance change (default 1e-10)")
	maxIter := fs.Int("maxiter", 0, "maximum IRLS iterations (default 100)")
	latin1 := fs.Bool("latin1", false, "the input is ISO 8859-1, not UTF-8")
	factors := fs.String("factors", "", "comma-separated columns to read as factors even if numeric")
	measure := fs.String("measure", "", "for a table (not CSV rows): the dimension whose categories become numeric columns")
	tableIdx := fs.Int("table", 0, "for a file holding several tables: which one (0-based)")
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		if *in == "" {
			return usagef("unexpected argument %q: give the input file with --in %s", pos[0], pos[0])
		}
		return usagef("unexpected argument %q", pos[0])
	}
	if *in == "" {
		return usagef("--in is required")
	}
	if *form == "" {
		return usagef("--formula is required")
	}
	if !(*level > 0 && *level < 1) {
		return usagef("--level must be between 0 and 1, not %g", *level)
	}
	// --tol and --maxiter default to 0, which the fit reads as "use the
	// default"; given explicitly, 0 or a negative value is a mistake (a
	// negative --maxiter crashed the fit, a negative --tol ran 100
	// iterations to report non-convergence).
	var usageErr error
	fs.Visit(func(f *flag.Flag) {
		switch {
		case usageErr != nil:
		case f.Name == "tol" && !(*tol > 0):
			usageErr = usagef("--tol must be positive, not %g", *tol)
		case f.Name == "maxiter" && *maxIter < 1:
			usageErr = usagef("--maxiter must be at least 1, not %d", *maxIter)
		case (f.Name == "table" || f.Name == "measure") && (*in == "-" || isRowFile(*in)):
			// A CSV is read as rows: it has no tables to choose among
			// and no measure dimension, so the flag would do nothing.
			usageErr = usagef("--%s applies to a table (JSON-stat, PX, Eurostat TSV, SDMX-CSV, XLSX), not to the rows of %s", f.Name, rowSource(*in))
		}
	})
	if usageErr != nil {
		return usageErr
	}
	fam, err := glm.ParseFamily(*family)
	if err != nil {
		return usagef("%v", err)
	}
	if *format != "text" && *format != "json" {
		return usagef("--format must be text or json")
	}
	var clusters []string
	if *cluster != "" {
		clusters = splitList(*cluster)
		if len(clusters) > 2 {
			return usagef("--cluster takes one or two columns")
		}
	}
	opt := glm.Options{
		Family: fam, SE: glm.SE(*se), Level: *level, Tol: *tol, MaxIter: *maxIter,
		NoSeparation: *noSep, NoAggregate: *noAgg, FixedEffects: *fixef, Logger: e.log,
	}
	switch opt.SE {
	case "", glm.SEModel, glm.SEHC0, glm.SEHC1, glm.SECluster:
	default:
		return usagef("--se must be model, hc0, hc1 or cluster")
	}
	if opt.SE == glm.SECluster && len(clusters) == 0 {
		return usagef("--se cluster needs --cluster COL[,COL]")
	}
	copt := frame.Options{Latin1: *latin1}
	if *factors != "" {
		copt.Factors = splitList(*factors)
	}
	var data *frame.Frame
	switch {
	case *in == "-":
		data, err = frame.ReadCSV(ctx, e.stdin, "stdin", copt)
	case isRowFile(*in):
		var fh *os.File
		if fh, err = os.Open(*in); err != nil {
			return err
		}
		defer fh.Close()
		data, err = frame.ReadCSV(ctx, fh, *in, copt)
	default:
		data, err = tableFrame(ctx, *in, *tableIdx, *measure)
	}
	if err != nil {
		return err
	}
	res, err := glm.FitColumns(ctx, data, glm.Model{Formula: *form, Offset: *offset, Cluster: clusters}, opt)
	if err != nil {
		return err
	}
	if *format == "json" {
		return res.WriteJSON(e.stdout)
	}
	return printGLM(e.stdout, res)
}

// isRowFile reports whether path is read as rows of a delimited file
// rather than as a statistical table.
func isRowFile(path string) bool {
	ext := strings.ToLower(filepath.Ext(strings.TrimSuffix(path, ".gz")))
	return ext == ".csv" || ext == ".tsv" || ext == ".txt" || ext == ""
}

// rowSource names a row input in messages.
func rowSource(in string) string {
	if in == "-" {
		return "standard input"
	}
	return in
}

// tableFrame reads a table with the format readers and turns its cells into
// rows.
func tableFrame(ctx context.Context, path string, idx int, measure string) (*frame.Frame, error) {
	tables, _, err := format.Open(ctx, path)
	if err != nil {
		return nil, err
	}
	if idx < 0 || idx >= len(tables) {
		return nil, usagef("--table %d: %s holds %d tables", idx, path, len(tables))
	}
	t := tables[idx]
	if measure == "" {
		for _, d := range t.Dims {
			if d.Role == baserate.RoleMetric || d.ID == "measure" {
				measure = d.ID
				break
			}
		}
	}
	return frame.FromTable(t, measure)
}

func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func printGLM(w io.Writer, r *glm.Result) error {
	names := map[glm.Family]string{glm.Poisson: "Poisson", glm.QuasiPoisson: "Quasi-Poisson", glm.NegBin: "Negative binomial (NB2)"}
	fmt.Fprintf(w, "%s regression, log link\n", names[r.Family])
	if r.Formula != "" {
		fmt.Fprintf(w, "formula: %s\n", r.Formula)
	}
	fmt.Fprintf(w, "observations: %d used; %d dropped for missing values, %d as separated\n", r.NObs, r.Dropped.Missing, r.Dropped.Separated)
	if r.Singletons > 0 {
		fmt.Fprintf(w, "singletons: %d observations alone in a fixed-effect level, fitted exactly (counted in the figures above and below)\n", r.Singletons)
	}
	for _, fe := range r.FixedEffects {
		fmt.Fprintf(w, "fixed effect %s: %d levels (absorbed)\n", fe.Name, fe.Levels)
	}
	fmt.Fprintf(w, "standard errors: %s\n\n", r.SE)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	zname := "z"
	if strings.HasPrefix(r.Inference, "t") {
		zname = "t"
	}
	lv := fmt.Sprintf("%g%%", r.Level*100)
	// Terms are left-aligned by padding them to the widest, in characters
	// as tabwriter counts them ("groupAusländer" is 15 bytes, 14 wide).
	width := len("term")
	for _, c := range r.Coefficients {
		width = max(width, utf8.RuneCountInString(c.Term))
	}
	pad := func(s string) string { return s + strings.Repeat(" ", width-utf8.RuneCountInString(s)) }
	fmt.Fprintf(tw, "%s\testimate\tstd.error\t%s\tp\tIRR\tIRR %s CI\t\n", pad("term"), zname, lv)
	for _, c := range r.Coefficients {
		if c.Aliased {
			fmt.Fprintf(tw, "%s\t(collinear)\t\t\t\t\t\t\n", pad(c.Term))
			continue
		}
		fmt.Fprintf(tw, "%s\t%.6g\t%.4g\t%.3f\t%s\t%.4g\t%.4g–%.4g\t\n", pad(c.Term), c.Estimate, c.StdError, c.Z, formatP(c.P), c.IRR, c.IRRLow, c.IRRHigh)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(w, "\ndeviance %.6g on %g residual df", r.Deviance, r.DFResidual)
	if !math.IsNaN(r.LogLik) {
		fmt.Fprintf(w, "; log-likelihood %.6g; AIC %.6g", r.LogLik, r.AIC)
	}
	fmt.Fprintln(w)
	if r.Theta != nil {
		fmt.Fprintf(w, "theta %.6g (SE %.4g); variance = mu + mu^2/theta\n", *r.Theta, *r.ThetaSE)
	}
	if r.Family == glm.QuasiPoisson {
		fmt.Fprintf(w, "dispersion %.6g (Pearson chi-square / residual df)\n", r.Dispersion)
	}
	conv := "converged"
	if !r.Converged {
		conv = "NOT converged"
	}
	fmt.Fprintf(w, "IRLS iterations: %d, %s\n", r.Iterations, conv)
	if r.Aggregated != nil {
		fmt.Fprintf(w, "aggregated: %d rows collapsed into %d covariate patterns; %s\n", r.Aggregated.Rows, r.Aggregated.Patterns, r.Aggregated.Note)
	}
	if len(r.MissingRows) > 0 {
		fmt.Fprintf(w, "left out for missing values: data rows %s\n", joinInts(r.MissingRows, 20))
	}
	if len(r.Separated) > 0 {
		fmt.Fprintf(w, "separated rows: %s\n", joinInts(r.Separated, 20))
	}
	for _, fe := range r.FixedEffects {
		if len(fe.Effects) == 0 {
			continue
		}
		fmt.Fprintf(w, "\nfixed effects %s:\n", fe.Name)
		for _, l := range fe.Effects {
			fmt.Fprintf(w, "  %s\t%.6g\n", l.Level, l.Effect)
		}
	}
	if len(r.Warnings) > 0 {
		fmt.Fprintln(w, "\nwarnings:")
		for _, x := range r.Warnings {
			fmt.Fprintf(w, "  - %s: %s\n", x.Code, x.Message)
		}
	}
	return nil
}

func formatP(p float64) string {
	if p < 1e-4 {
		return "<1e-4"
	}
	return fmt.Sprintf("%.4f", p)
}

func joinInts(v []int, limit int) string {
	var b strings.Builder
	for i, x := range v {
		if i == limit {
			fmt.Fprintf(&b, " ... (%d in all)", len(v))
			break
		}
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprint(&b, x)
	}
	return b.String()
}
