package rate

import (
	"math"
	"testing"
	"time"
)

// TestGammaQNotANumber: gonum's gamma quantile search does not return for
// a NaN or infinite shape (a direct rate with no weighted stratum gave
// shape 0/0 and hung standardize); gammaQ answers NaN at once.
func TestGammaQNotANumber(t *testing.T) {
	done := make(chan float64, 3)
	go func() {
		done <- gammaQ(0.975, math.NaN(), 1)
		done <- gammaQ(0.975, 3, math.NaN())
		done <- gammaQ(0.975, math.Inf(1), 1)
	}()
	for range 3 {
		select {
		case v := <-done:
			if !math.IsNaN(v) {
				t.Errorf("gammaQ = %v, want NaN", v)
			}
		case <-time.After(5 * time.Second):
			t.Fatal("gammaQ did not return")
		}
	}
	if v := gammaQ(0.975, 11, 1); math.Abs(v-18.39035604) > 1e-7 { // R: qgamma(0.975, 11)
		t.Errorf("gammaQ(0.975, 11, 1) = %v, R 18.39035604", v)
	}
}
