package mediabench

import (
	"context"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/baserate/baserate"
	"github.com/baserate/baserate/internal/sharedtest"
	"github.com/baserate/baserate/media/detect"
	"github.com/baserate/baserate/media/source"
)

// ffm loads one year of the Frankfurt police releases (decoded text).
func ffm(b *testing.B) []baserate.Article {
	p := filepath.Join("..", "..", "..", "shared", "data", "news", "ffm-polizei", "ffm_news_2016.csv")
	sharedtest.Need(b, p)
	arts, err := source.ReadFile(context.Background(), p, source.Options{Lang: "de"})
	if err != nil {
		b.Fatal(err)
	}
	return arts
}

func size(arts []baserate.Article) int64 {
	var n int64
	for _, a := range arts {
		n += int64(len(a.Text))
	}
	return n
}

// BenchmarkCode: the coder, one core, end to end from decoded text
// (normalization, Aho–Corasick over every term, role decisions, evidence).
func BenchmarkCode(b *testing.B) {
	arts := ffm(b)
	c, err := detect.New("de")
	if err != nil {
		b.Fatal(err)
	}
	n := size(arts)
	b.SetBytes(n)
	b.ResetTimer()
	cpu0 := cpuTime()
	for i := 0; i < b.N; i++ {
		for _, a := range arts {
			c.Code(a)
		}
	}
	reportCPU(b, cpu0, n)
}

// cpuTime is the CPU time this process has used (all threads, user and
// system).
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// reportCPU adds MB per CPU-second: the throughput per core that does not
// depend on what else the machine runs (ns/op and MB/s are wall clock).
func reportCPU(b *testing.B, cpu0 time.Duration, bytes int64) {
	if cpu := cpuTime() - cpu0; cpu > 0 {
		b.ReportMetric(float64(bytes)*float64(b.N)/cpu.Seconds()/1e6, "MB/cpu-s")
	}
}

// BenchmarkRegexpPerTerm: the baseline (RegexpPerTerm), one compiled
// case-insensitive regular expression per lexicon term (word-bounded),
// each run over the text: only finding the terms, no decisions.
func BenchmarkRegexpPerTerm(b *testing.B) {
	arts := ffm(b)
	base, err := NewRegexpPerTerm("de")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64(base.Len()), "regexps")
	// A fair share: time one tenth of the texts, scale bytes to match.
	sub := arts[:len(arts)/10]
	n := size(sub)
	b.SetBytes(n)
	b.ResetTimer()
	cpu0 := cpuTime()
	for i := 0; i < b.N; i++ {
		for _, a := range sub {
			base.Find(a.Text)
		}
	}
	reportCPU(b, cpu0, n)
}
