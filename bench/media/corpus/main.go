// Command corpus codes every corpus in ../shared/data/news with the media
// engine and writes, per corpus and year, the share of crime texts that
// name a suspect's origin and the foreign share among them
// (bundle/data/media/media_index.csv), a chart of the Frankfurt police
// releases (docs/media_ffm.svg), and the run's throughput and peak memory.
// In the same run it times the baseline of bench/media (one regular
// expression per lexicon term, mediabench.RegexpPerTerm) on a sample of
// each corpus (-baseline-kb, spread over the corpus; 0 skips it), so that
// the coder's MB per CPU-second is set beside the baseline's on the same
// machine at the same time.
//
// The last column, family, is "all" for rows over all crime texts; the
// rows of one offence family (codebook families: violent, property, ...)
// count only the crime texts coded with it, per corpus over all years
// (period "all") and per year. In a family row texts = crime_items (the
// texts coded with the family).
//
//	go run ./bench/media/corpus -shared ../shared -out bundle/data/media -svg docs/media_ffm.svg
package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"sort"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/baserate/baserate"
	mediabench "github.com/baserate/baserate/bench/media"
	"github.com/baserate/baserate/internal/atomicfile"
	"github.com/baserate/baserate/media/detect"
	"github.com/baserate/baserate/media/index"
	"github.com/baserate/baserate/media/source"
)

type corpus struct {
	name, glob, lang, home string
	opt                    source.Options
}

var corpora = []corpus{
	{"ffm-polizei", "ffm-polizei/ffm_news_*.csv", "de", "DE", source.Options{}},
	{"berlin-polizei", "berlin-polizei/berlin_polizei_*.csv", "de", "DE", source.Options{}},
	{"bayern-polizei", "bayern-polizei/items_merged.json", "de", "DE", source.Options{}},
	{"10kgnad", "10kgnad/test.csv", "de", "AT", source.Options{Source: "10kgnad"}},
	{"dice-it", "dice-it/dice_texts.jsonl", "it", "IT", source.Options{}},
	{"se-polisen", "se-polisen/polisen_events_crime.jsonl", "sv", "SE", source.Options{}},
	{"us-prosecutors", "us-prosecutors/prosecutor_press_releases.jsonl.gz", "en", "US", source.Options{}},
}

func main() {
	shared := flag.String("shared", "../shared", "the shared folder")
	out := flag.String("out", "bundle/data/media", "output folder for the aggregates")
	svg := flag.String("svg", "docs/media_ffm.svg", "chart of the Frankfurt corpus")
	cpuprofile := flag.String("cpuprofile", "", "write a CPU profile of the coding to this file")
	baselineKB := flag.Int64("baseline-kb", 16, "kB of each corpus to time the regexp-per-term baseline on (0: no baseline)")
	flag.Parse()
	if *cpuprofile != "" {
		pf, err := os.Create(*cpuprofile)
		if err != nil {
			fail(err)
		}
		if err := pprof.StartCPUProfile(pf); err != nil {
			fail(err)
		}
		defer pprof.StopCPUProfile()
	}
	ctx := context.Background()
	coder, err := detect.New()
	if err != nil {
		fail(err)
	}
	// The table is written whole at the end (atomicfile.Write): a run that
	// fails or is killed half-way leaves the committed one as it was.
	f := new(bytes.Buffer)
	fmt.Fprintln(f, "corpus,lang,home,period,texts,crime_items,origin_items,foreign_items,origin_share,origin_share_lo,origin_share_hi,foreign_share,foreign_share_lo,foreign_share_hi,family")
	var totalBytes int64
	var totalTexts int
	var codeTime, codeCPU time.Duration
	var samples []sample // of each corpus, for the baseline after the coding
	var ffm []index.Cell
	for _, c := range corpora {
		paths, _ := filepath.Glob(filepath.Join(*shared, "data", "news", c.glob))
		if len(paths) == 0 {
			// A wrong -shared would otherwise overwrite the committed
			// table and chart with empty ones.
			fail(fmt.Errorf("%s: no file matches %s", c.name, filepath.Join(*shared, "data", "news", c.glob)))
		}
		sort.Strings(paths)
		var arts []baserate.Article
		for _, p := range paths {
			opt := c.opt
			opt.Lang = c.lang
			src, err := source.Open(ctx, p, opt)
			if err != nil {
				fail(err)
			}
			for {
				a, err := src.Next()
				if err == io.EOF {
					break
				}
				if err != nil {
					fmt.Fprintln(os.Stderr, "skipped:", err)
					continue
				}
				a.Source = c.name
				a.Lang = c.lang
				arts = append(arts, a)
			}
			src.Close()
		}
		codes := make([]baserate.Coding, len(arts))
		var bytes int64
		for _, a := range arts {
			bytes += int64(len(a.Text))
		}
		start, cpu0 := time.Now(), cpuTime()
		var wg sync.WaitGroup
		next := make(chan int, 1024)
		for w := 0; w < runtime.GOMAXPROCS(0); w++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := range next {
					codes[i] = coder.Code(arts[i])
					codes[i].Evidence = nil
				}
			}()
		}
		for i := range arts {
			next <- i
		}
		close(next)
		wg.Wait()
		el, elCPU := time.Since(start), cpuTime()-cpu0
		codeTime += el
		codeCPU += elCPU
		totalBytes += bytes
		totalTexts += len(arts)
		res, err := index.Compute(ctx, codes, index.Options{Home: c.home, Police: math.NaN(), Reps: 1000, Groups: []string{"period", "family", "period-family"}})
		if err != nil {
			fail(err)
		}
		// The rows over all crime texts first (corpus, then its periods),
		// then the family rows (each family over all years, then by year).
		cells := []index.Cell{res.Cell}
		var byPeriod, families, famPeriods []index.Cell
		for _, cl := range res.Groups {
			switch {
			case cl.Family == "all":
				byPeriod = append(byPeriod, cl)
			case cl.Period == "all":
				families = append(families, cl)
			default:
				famPeriods = append(famPeriods, cl)
			}
		}
		cells = append(cells, byPeriod...)
		for _, fc := range families {
			cells = append(cells, fc)
			for _, pc := range famPeriods {
				if pc.Family == fc.Family {
					cells = append(cells, pc)
				}
			}
		}
		for _, cl := range cells {
			fmt.Fprintf(f, "%s,%s,%s,%s,%d,%d,%d,%d,%s,%s,%s,%s,%s,%s,%s\n", c.name, c.lang, c.home, cl.Period, cl.Texts, cl.CrimeItems, cl.OriginItems, cl.ForeignItems,
				num(cl.OriginShare), num(cl.OriginShareCI[0]), num(cl.OriginShareCI[1]), num(cl.ForeignShare), num(cl.ForeignShareCI[0]), num(cl.ForeignShareCI[1]), cl.Family)
		}
		if c.name == "ffm-polizei" {
			ffm = byPeriod
		}
		fmt.Printf("%-16s %6d texts %6.1f MB coded in %6.2fs (%5.1f MB/s on %d cores; %5.1f MB per CPU-second): crime %d, origin named %d (%.1f%%), foreign among them %.1f%%\n",
			c.name, len(arts), float64(bytes)/1e6, el.Seconds(), float64(bytes)/1e6/el.Seconds(), runtime.GOMAXPROCS(0), float64(bytes)/1e6/elCPU.Seconds(),
			res.CrimeItems, res.OriginItems, 100*res.OriginShare, 100*res.ForeignShare)
		if *baselineKB > 0 && bytes > 0 {
			samples = append(samples, sample{name: c.name, lang: c.lang, texts: spread(arts, *baselineKB*1000), coder: float64(bytes) / elCPU.Seconds()})
		}
	}
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	fmt.Printf("total: %d texts, %.1f MB of text, coding %.2fs = %.1f MB/s (%d cores, %.1f MB/s per core of wall time); %.2f CPU-seconds = %.1f MB per CPU-second; peak RSS %.0f MB (all texts held in memory by this program)\n",
		totalTexts, float64(totalBytes)/1e6, codeTime.Seconds(), float64(totalBytes)/1e6/codeTime.Seconds(), runtime.GOMAXPROCS(0),
		float64(totalBytes)/1e6/codeTime.Seconds()/float64(runtime.GOMAXPROCS(0)), codeCPU.Seconds(), float64(totalBytes)/1e6/codeCPU.Seconds(), float64(ru.Maxrss)/1024)
	// The baseline runs after the coding, so that the peak RSS above is the
	// coding's and not the compiled expressions'.
	if err := runBaseline(samples, float64(totalBytes)/codeCPU.Seconds()); err != nil {
		fail(err)
	}
	if err := atomicfile.Write(filepath.Join(*out, "media_index.csv"), func(w io.Writer) error { _, err := w.Write(f.Bytes()); return err }); err != nil {
		fail(err)
	}
	if err := atomicfile.Write(*svg, func(w io.Writer) error { _, err := io.WriteString(w, chart(ffm)); return err }); err != nil {
		fail(err)
	}
}

// sample is a part of one corpus that the baseline is timed on, and the
// coder's bytes per CPU-second on the whole corpus.
type sample struct {
	name, lang string
	texts      []string
	coder      float64
}

// spread returns texts spread evenly over arts, about limit bytes of them.
func spread(arts []baserate.Article, limit int64) []string {
	var total int64
	for _, a := range arts {
		total += int64(len(a.Text))
	}
	stride := max(1, int(total/limit))
	var texts []string
	var n int64
	for i := 0; i < len(arts) && n < limit; i += stride {
		texts = append(texts, strings.Clone(arts[i].Text))
		n += int64(len(arts[i].Text))
	}
	return texts
}

// runBaseline times the baseline of bench/media (one regular expression
// per lexicon term, mediabench.RegexpPerTerm) on each corpus's sample, on
// this goroutine alone, and prints it beside the coder (coder: bytes per
// CPU-second over all corpora).
func runBaseline(samples []sample, coder float64) error {
	if len(samples) == 0 {
		return nil
	}
	bases := map[string]*mediabench.RegexpPerTerm{}
	var bytes int64
	var cpu time.Duration
	for _, s := range samples {
		base := bases[s.lang]
		if base == nil {
			var err error
			if base, err = mediabench.NewRegexpPerTerm(s.lang); err != nil {
				return err
			}
			bases[s.lang] = base
		}
		var n int64
		cpu0 := cpuTime()
		for _, t := range s.texts {
			base.Find(t)
			n += int64(len(t))
		}
		el := cpuTime() - cpu0
		bytes += n
		cpu += el
		fmt.Printf("baseline %-16s %5d regexps over %3.0f kB: %.4f MB per CPU-second (the coder %.0f× it on this corpus)\n",
			s.name, base.Len(), float64(n)/1e3, float64(n)/1e6/el.Seconds(), s.coder/(float64(n)/el.Seconds()))
	}
	fmt.Printf("baseline, same run: one regexp per lexicon term over %.0f kB sampled from every corpus, %.2f CPU-seconds = %.4f MB per CPU-second; the coder %.0f× it per CPU-second\n",
		float64(bytes)/1e3, cpu.Seconds(), float64(bytes)/1e6/cpu.Seconds(), coder/(float64(bytes)/cpu.Seconds()))
	return nil
}

// cpuTime is the CPU time (user and system) the process has used so far.
// Coding runs alone while it is measured, so the difference over the
// coding is the coding's CPU time, whatever else the machine runs.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func num(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return ""
	}
	return fmt.Sprintf("%.4f", v)
}

// chart draws the Frankfurt shares per year as an SVG line chart with the
// bootstrap intervals as bands.
func chart(cells []index.Cell) string {
	var cs []index.Cell
	for _, c := range cells {
		if c.Period != "unknown" && c.CrimeItems > 0 {
			cs = append(cs, c)
		}
	}
	sort.Slice(cs, func(i, j int) bool { return cs[i].Period < cs[j].Period })
	const W, H, L, R, T, B = 760.0, 380.0, 60.0, 170.0, 40.0, 50.0
	x := func(i int) float64 { return L + (W-L-R)*float64(i)/math.Max(1, float64(len(cs)-1)) }
	y := func(v float64) float64 { return T + (H-T-B)*(1-v) }
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%.0f" height="%.0f" font-family="sans-serif" font-size="12">`+"\n", W, H)
	fmt.Fprintf(&b, `<text x="%.0f" y="22" font-size="15">Frankfurt police releases 2000–2019: suspects' origin in crime texts (automatic coding)</text>`+"\n", L)
	for _, v := range []float64{0, .2, .4, .6, .8, 1} {
		fmt.Fprintf(&b, `<line x1="%.0f" x2="%.0f" y1="%.1f" y2="%.1f" stroke="#ddd"/><text x="%.0f" y="%.1f" text-anchor="end">%.0f%%</text>`+"\n", L, W-R, y(v), y(v), L-6, y(v)+4, v*100)
	}
	series := []struct {
		name, color string
		v           func(index.Cell) (float64, [2]float64)
	}{
		{"foreign share among texts naming origin", "#c0392b", func(c index.Cell) (float64, [2]float64) { return c.ForeignShare, c.ForeignShareCI }},
		{"share of crime texts naming origin", "#2c7fb8", func(c index.Cell) (float64, [2]float64) { return c.OriginShare, c.OriginShareCI }},
	}
	for k, s := range series {
		var band, line strings.Builder
		for i, c := range cs {
			_, ci := s.v(c)
			fmt.Fprintf(&band, "%.1f,%.1f ", x(i), y(ci[1]))
		}
		for i := len(cs) - 1; i >= 0; i-- {
			_, ci := s.v(cs[i])
			fmt.Fprintf(&band, "%.1f,%.1f ", x(i), y(ci[0]))
		}
		for i, c := range cs {
			v, _ := s.v(c)
			fmt.Fprintf(&line, "%.1f,%.1f ", x(i), y(v))
		}
		fmt.Fprintf(&b, `<polygon points="%s" fill="%s" opacity="0.18"/>`+"\n", band.String(), s.color)
		fmt.Fprintf(&b, `<polyline points="%s" fill="none" stroke="%s" stroke-width="2"/>`+"\n", line.String(), s.color)
		fmt.Fprintf(&b, `<text x="%.0f" y="%.0f" fill="%s">%s</text>`+"\n", W-R+8, T+20+float64(k)*36, s.color, strings.Replace(s.name, " among", "<tspan x=\""+fmt.Sprint(W-R+8)+"\" dy=\"14\">among", 1)+strings.Repeat("</tspan>", strings.Count(s.name, " among")))
	}
	for i, c := range cs {
		if i%2 == 0 {
			fmt.Fprintf(&b, `<text x="%.1f" y="%.0f" text-anchor="middle">%s</text>`+"\n", x(i), H-B+18, c.Period)
		}
	}
	fmt.Fprintf(&b, `<text x="%.0f" y="%.0f" fill="#555">Bands: 95%% bootstrap intervals (texts resampled). Home nationality DE.</text>`+"\n", L, H-8)
	b.WriteString("</svg>\n")
	return b.String()
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "corpus:", err)
	os.Exit(1)
}
