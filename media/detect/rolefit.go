package detect

import (
	"fmt"
	"io"
	"math"

	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/optimize"
)

// FitProgress, when set, receives the role model fit's progress: its
// loss and gradient every 25 iterations, and how it ended (a fit on all
// sets takes minutes; cmd/rolemodel sets it to standard error).
var FitProgress io.Writer

// fitRecorder writes FitProgress's lines (an optimize.Recorder).
type fitRecorder struct{ w io.Writer }

func (fitRecorder) Init() error { return nil }

func (r fitRecorder) Record(loc *optimize.Location, op optimize.Operation, st *optimize.Stats) error {
	if op == optimize.MajorIteration && st.MajorIterations%25 == 0 {
		fmt.Fprintf(r.w, "role model fit: iteration %d, loss %.6g, gradient norm %.3g\n", st.MajorIterations, loc.F, floats.Norm(loc.Gradient, math.Inf(1)))
	}
	return nil
}

// FitRoleModel fits a multinomial logistic regression of the classes y
// (ClassSuspect, ClassVictim, ClassNone) on the rows x (features as
// FeatureNames), standardizing each feature and penalizing the squared
// weights (not the intercepts) by lambda/2: it minimizes
//
//	-Σ log p(y_i | x_i) + lambda/2 Σ_k Σ_j W[k][j]²
//
// with L-BFGS. mode is RoleModel.Mode.
func FitRoleModel(x [][]float64, y []int, lambda float64, mode string) (*RoleModel, error) {
	return FitRoleModelLex(x, nil, y, lambda, 0, 0, mode)
}

// FitRoleModelLex fits the model of FitRoleModel with, besides the rows'
// features x, their lexical features words (MentionRow.Words; nil for
// none): every word feature of at least minCount rows gets one weight per
// class (binary, not standardized), penalized by lexLambda/2.
func FitRoleModelLex(x [][]float64, words [][]string, y []int, lambda, lexLambda float64, minCount int, mode string) (*RoleModel, error) {
	nf := len(FeatureNames)
	if len(x) == 0 || len(x) != len(y) || words != nil && len(words) != len(x) {
		return nil, fmt.Errorf("role model: %d rows and %d labels", len(x), len(y))
	}
	for _, r := range x {
		if len(r) != nf {
			return nil, fmt.Errorf("role model: a row has %d features, want %d", len(r), nf)
		}
	}
	mean, sd, z := standardize(x, nf)
	rm := &RoleModel{Mode: mode, Features: FeatureNames, Mean: mean, SD: sd, Lambda: lambda, Classes: ClassNames}
	var vocab []string
	var lex [][]int32
	if words != nil {
		vocab, lex = vocabulary(words, minCount)
	}
	np, nv := nf+1, len(vocab)
	off := NClasses * np // the lexical weights follow the dense ones
	loss := func(grad, w []float64) float64 {
		for i := range grad {
			grad[i] = 0
		}
		f := 0.0
		var s [NClasses]float64
		for i, zi := range z {
			top := math.Inf(-1)
			for k := range NClasses {
				s[k] = 0
				for j, v := range zi {
					s[k] += w[k*np+j] * v
				}
				if lex != nil {
					for _, j := range lex[i] {
						s[k] += w[off+k*nv+int(j)]
					}
				}
				top = max(top, s[k])
			}
			sum := 0.0
			for k := range s {
				sum += math.Exp(s[k] - top)
			}
			lse := top + math.Log(sum)
			f += lse - s[y[i]]
			if grad == nil {
				continue
			}
			for k := range NClasses {
				g := math.Exp(s[k] - lse)
				if k == y[i] {
					g--
				}
				for j, v := range zi {
					grad[k*np+j] += g * v
				}
				if lex != nil {
					for _, j := range lex[i] {
						grad[off+k*nv+int(j)] += g
					}
				}
			}
		}
		for k := range NClasses {
			for j := 1; j < np; j++ {
				v := w[k*np+j]
				f += lambda / 2 * v * v
				if grad != nil {
					grad[k*np+j] += lambda * v
				}
			}
			for j := range nv {
				v := w[off+k*nv+j]
				f += lexLambda / 2 * v * v
				if grad != nil {
					grad[off+k*nv+j] += lexLambda * v
				}
			}
		}
		return f
	}
	p := optimize.Problem{
		Func: func(w []float64) float64 { return loss(nil, w) },
		Grad: func(g, w []float64) { loss(g, w) },
	}
	settings := &optimize.Settings{GradientThreshold: 1e-6}
	if FitProgress != nil {
		settings.Recorder = fitRecorder{FitProgress}
	}
	res, err := optimize.Minimize(p, make([]float64, off+NClasses*nv), settings, &optimize.LBFGS{})
	if err != nil && res == nil {
		return nil, fmt.Errorf("role model: %w", err)
	}
	if FitProgress != nil {
		how := res.Status.String()
		if err != nil {
			how = err.Error()
		}
		fmt.Fprintf(FitProgress, "role model fit: ended after %d iterations, loss %.6g (%s)\n", res.Stats.MajorIterations, res.F, how)
	}
	for k := range NClasses {
		rm.W[k] = append([]float64(nil), res.X[k*np:(k+1)*np]...)
	}
	if nv > 0 {
		rm.LexLambda = lexLambda
		rm.Lex = make(map[string][NClasses]float64, nv)
		for j, w := range vocab {
			var ws [NClasses]float64
			for k := range NClasses {
				ws[k] = res.X[off+k*nv+j]
			}
			rm.Lex[w] = ws
		}
	}
	return rm, nil
}

// standardize returns the mean and standard deviation of each of the nf
// columns of x (1 for a constant column, whose weight then stays 0) and
// the rows standardized, each with a leading 1 for the intercept.
func standardize(x [][]float64, nf int) (mean, sd []float64, z [][]float64) {
	mean, sd = make([]float64, nf), make([]float64, nf)
	for _, r := range x {
		for j, v := range r {
			mean[j] += v
		}
	}
	n := float64(len(x))
	for j := range mean {
		mean[j] /= n
	}
	for _, r := range x {
		for j, v := range r {
			sd[j] += (v - mean[j]) * (v - mean[j])
		}
	}
	for j := range sd {
		sd[j] = math.Sqrt(sd[j] / n)
		if sd[j] == 0 {
			sd[j] = 1
		}
	}
	z = make([][]float64, len(x))
	for i, r := range x {
		z[i] = make([]float64, nf+1)
		z[i][0] = 1
		for j, v := range r {
			z[i][j+1] = (v - mean[j]) / sd[j]
		}
	}
	return mean, sd, z
}

// vocabulary returns the word features of at least minCount rows, in the
// order of first appearance, and each row's words as indices into it.
func vocabulary(words [][]string, minCount int) (vocab []string, lex [][]int32) {
	count := map[string]int{}
	for _, ws := range words {
		for _, w := range dedup(ws) {
			count[w]++
		}
	}
	index := map[string]int32{}
	lex = make([][]int32, len(words))
	for i, ws := range words {
		for _, w := range dedup(ws) {
			if count[w] < max(minCount, 1) {
				continue
			}
			j, ok := index[w]
			if !ok {
				j = int32(len(vocab))
				index[w] = j
				vocab = append(vocab, w)
			}
			lex[i] = append(lex[i], j)
		}
	}
	return vocab, lex
}

// dedup returns ws without repeats (a row's word features are binary).
func dedup(ws []string) []string {
	seen := make(map[string]bool, len(ws))
	out := ws[:0:0]
	for _, w := range ws {
		if !seen[w] {
			seen[w] = true
			out = append(out, w)
		}
	}
	return out
}
