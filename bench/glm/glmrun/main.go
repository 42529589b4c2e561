// Command glmrun fits the synthetic two-fixed-effect Poisson model of
// package glmbench once and prints the time, the coefficients and the Go
// heap's peak as JSON, for run.sh (which also records the peak resident
// memory with /usr/bin/time).
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
	"syscall"
	"time"

	glmbench "github.com/baserate/baserate/bench/glm"
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
	flag.Parse()
	logger := slog.New(slog.DiscardHandler)
	if *verbose {
		logger = slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelDebug}))
	}

	d := glmbench.Synthetic(*n, *l1, *l2, *seed)
	runtime.GC()
	if *cpuProfile != "" {
		f, err := os.Create(*cpuProfile)
		if err != nil {
			fmt.Fprintln(os.Stderr, "glmrun:", err)
			os.Exit(1)
		}
		pprof.StartCPUProfile(f)
	}
	cpu0 := cpuTime()
	start := time.Now()
	res, err := glm.Fit(context.Background(), d, glm.Options{Acceleration: *accel, Tol: *tol, DemeanTol: *demeanTol, NoSeparation: *noSep, Logger: logger})
	elapsed := time.Since(start)
	cpu := cpuTime() - cpu0
	if *cpuProfile != "" {
		pprof.StopCPUProfile()
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "glmrun:", err)
		os.Exit(1)
	}
	sample := []metrics.Sample{{Name: "/memory/classes/total:bytes"}, {Name: "/gc/heap/allocs:bytes"}}
	metrics.Read(sample)
	out := map[string]any{
		"n": *n, "l1": *l1, "l2": *l2, "accel": *accel, "seconds": elapsed.Seconds(), "cpu_seconds": cpu.Seconds(),
		"iterations": res.Iterations, "converged": res.Converged, "nobs": res.NObs,
		"separated": len(res.Separated), "go_memory_total_bytes": sample[0].Value.Uint64(),
		"allocated_bytes": sample[1].Value.Uint64(), "gomaxprocs": runtime.GOMAXPROCS(0),
	}
	coef := map[string][2]float64{}
	for _, c := range res.Coefficients {
		coef[c.Term] = [2]float64{c.Estimate, c.StdError}
	}
	out["coefficients"] = coef
	json.NewEncoder(os.Stdout).Encode(out)
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
