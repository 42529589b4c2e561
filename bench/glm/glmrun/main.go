// Command glmrun fits the synthetic two-fixed-effect Poisson model of
// package glmbench once and prints the time, the CPU time, the coefficients
// and the Go heap's peak as JSON, for run.sh (which also records the peak
// resident memory with /usr/bin/time). With -cells FILE it instead times
// the Poisson fit of the 1,536-cell table that run.sh times statsmodels on:
// formula, design and fit, and the fit alone, wall and CPU seconds per fit.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"runtime"
	"runtime/metrics"
	"runtime/pprof"
	"slices"
	"syscall"
	"time"

	glmbench "github.com/baserate/baserate/bench/glm"
	"github.com/baserate/baserate/frame"
	"github.com/baserate/baserate/stat/formula"
	"github.com/baserate/baserate/stat/glm"
)

func main() {
	n := flag.Int("n", 1_000_000, "rows")
	l1 := flag.Int("l1", 500_000, "levels of the first fixed effect")
	l2 := flag.Int("l2", 3_200, "levels of the second fixed effect")
	seed := flag.Uint64("seed", 1, "random seed")
	accel := flag.String("accel", "cg", "cg or none (plain alternating projections)")
	tol := flag.Float64("tol", 0, "IRLS tolerance (0: default)")
	demeanTol := flag.Float64("demean-tol", 0, "projection tolerance (0: default)")
	noSep := flag.Bool("no-separation", false, "skip the separation checks")
	verbose := flag.Bool("v", false, "log the fit's phases to standard error")
	cpuProfile := flag.String("cpuprofile", "", "write a CPU profile of the fit to this file")
	memProfile := flag.String("memprofile", "", "write an allocation profile of the fit to this file")
	cells := flag.String("cells", "", "time the cell-table fit of this CSV instead")
	repeat := flag.Int("repeat", 20, "with -cells, batches to time (the median is reported)")
	flag.Parse()
	if *cells != "" {
		if err := timeCells(*cells, *repeat); err != nil {
			fmt.Fprintln(os.Stderr, "glmrun:", err)
			os.Exit(1)
		}
		return
	}
	logger := slog.New(slog.DiscardHandler)
	if *verbose {
		logger = slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelDebug}))
	}

	d := glmbench.Synthetic(*n, *l1, *l2, *seed)
	runtime.GC()
	if *memProfile != "" {
		runtime.MemProfileRate = 64 << 10
		runtime.GC() // allocations before the fit are reported apart
	}
	if *cpuProfile != "" {
		f, err := os.Create(*cpuProfile)
		if err != nil {
			fmt.Fprintln(os.Stderr, "glmrun:", err)
			os.Exit(1)
		}
		pprof.StartCPUProfile(f)
	}
	cpu0, flt0 := cpuTime(), minorFaults()
	start := time.Now()
	res, err := glm.Fit(context.Background(), d, glm.Options{Acceleration: *accel, Tol: *tol, DemeanTol: *demeanTol, NoSeparation: *noSep, Logger: logger})
	elapsed := time.Since(start)
	cpu := cpuTime() - cpu0
	faults := minorFaults() - flt0
	if *cpuProfile != "" {
		pprof.StopCPUProfile()
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "glmrun:", err)
		os.Exit(1)
	}
	if *memProfile != "" {
		if err := writeHeapProfile(*memProfile); err != nil {
			fmt.Fprintln(os.Stderr, "glmrun:", err)
			os.Exit(1)
		}
	}
	sample := []metrics.Sample{{Name: "/memory/classes/total:bytes"}, {Name: "/gc/heap/allocs:bytes"}}
	metrics.Read(sample)
	out := map[string]any{
		"n": *n, "l1": *l1, "l2": *l2, "accel": *accel, "seconds": elapsed.Seconds(), "cpu_seconds": cpu.Seconds(),
		"iterations": res.Iterations, "converged": res.Converged, "nobs": res.NObs,
		"separated": len(res.Separated), "go_memory_total_bytes": sample[0].Value.Uint64(),
		"allocated_bytes": sample[1].Value.Uint64(), "gomaxprocs": runtime.GOMAXPROCS(0),
		"minor_faults": faults,
	}
	coef := map[string][2]float64{}
	for _, c := range res.Coefficients {
		coef[c.Term] = [2]float64{c.Estimate, c.StdError}
	}
	out["coefficients"] = coef
	// The result's singletons, read through its JSON so that this program
	// also builds against engines without the field (run.sh's BASELINE).
	var fields map[string]any
	if b, err := json.Marshal(res); err == nil && json.Unmarshal(b, &fields) == nil {
		out["singletons"] = fields["singletons"]
	}
	json.NewEncoder(os.Stdout).Encode(out)
}

// The model of statsmodels_cells.py: Poisson, offset log(pop), every
// factor as treatment-coded dummies.
const cellsFormula = "count ~ age + sex + cit + region + factor(year)"

// timeCells times, in batches of 50 fits after a warm-up batch, FitFormula
// on the read table (formula, design and fit: what statsmodels' smf.glm
// plus fit does) and Fit on the design (the fit alone), and prints the
// medians over the batches of the wall and CPU seconds per fit.
func timeCells(path string, repeat int) error {
	ctx := context.Background()
	src, err := frame.ReadFile(ctx, path, frame.Options{})
	if err != nil {
		return err
	}
	model := glm.Model{Formula: cellsFormula, Offset: "log(pop)"}
	f, err := formula.Parse(cellsFormula)
	if err != nil {
		return err
	}
	f.AddOffset("log(pop)")
	d, err := f.Design(src, formula.Options{})
	if err != nil {
		return err
	}
	data := glm.FromDesign(d, nil)
	const batch = 50
	measure := func(fit func() error) (wall, cpu float64, err error) {
		var walls, cpus []float64
		for r := -1; r < repeat; r++ {
			c0, t0 := cpuTime(), time.Now()
			for i := 0; i < batch; i++ {
				if err := fit(); err != nil {
					return 0, 0, err
				}
			}
			if r >= 0 { // the first batch warms up
				walls = append(walls, time.Since(t0).Seconds()/batch)
				cpus = append(cpus, (cpuTime()-c0).Seconds()/batch)
			}
		}
		return median(walls), median(cpus), nil
	}
	var res *glm.Result
	allWall, allCPU, err := measure(func() error {
		var err error
		res, err = glm.FitFormula(ctx, src, model, glm.Options{})
		return err
	})
	if err != nil {
		return err
	}
	fitWall, fitCPU, err := measure(func() error {
		_, err := glm.Fit(ctx, data, glm.Options{})
		return err
	})
	if err != nil {
		return err
	}
	c, _ := res.Coef("citnational")
	return json.NewEncoder(os.Stdout).Encode(map[string]any{
		"rows": len(data.Y), "params": len(res.Coefficients), "gomaxprocs": runtime.GOMAXPROCS(0),
		"formula_and_fit_seconds": allWall, "formula_and_fit_cpu_seconds": allCPU,
		"fit_seconds": fitWall, "fit_cpu_seconds": fitCPU, "cit_coefficient": c.Estimate,
	})
}

func median(v []float64) float64 {
	slices.Sort(v)
	return v[len(v)/2]
}

// cpuTime returns the user and system CPU time the process has used: unlike
// the wall-clock time, it hardly grows when other work shares the cores.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// minorFaults returns the process's minor page faults so far: first
// touches of memory the fit allocated fresh from the system.
func minorFaults() int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return ru.Minflt
}

// writeHeapProfile writes the allocations since the profile rate was set
// (go tool pprof -sample_index=alloc_space).
func writeHeapProfile(path string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	runtime.GC()
	if err := pprof.Lookup("allocs").WriteTo(f, 0); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
