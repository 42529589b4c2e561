package decimal

import (
	"math"
	"strconv"
	"testing"
)

// TestParse: Parse gives strconv.ParseFloat's value for numbers, on the
// fast path and off it, and rejects what is no finite number.
func TestParse(t *testing.T) {
	for _, s := range []string{"0", "1", "-1", "236.96", "0.1", "12.5", "-3.25", "123456789012345", "123456789012345678", "1234567890123456789",
		"1234567890123456789012", "1e5", "1e3", "-0.000001", "9007199254740993", "3.14159265358979323846", "1.", "+2", "00012.5000",
		"0.00000000000000000000001", "-0", ".5"} {
		want, err := strconv.ParseFloat(s, 64)
		got, ok := Parse([]byte(s))
		if err != nil || !ok || got != want || math.Signbit(got) != math.Signbit(want) {
			t.Errorf("Parse(%q) = %v %v, want %v", s, got, ok, want)
		}
	}
	for _, s := range []string{"", ".", "-", "+", "-.", "1.2.3", "abc", "1e", "NaN", "Inf", "1e999", "--1", "+-1", "1 "} {
		if f, ok := Parse([]byte(s)); ok {
			t.Errorf("Parse(%q) accepted: %v", s, f)
		}
	}
}

// TestFastBounds: the fast path takes exactly the decimals it can convert
// exactly and leaves the rest to the slow path.
func TestFastBounds(t *testing.T) {
	for s, want := range map[string]bool{
		"9007199254740991":          true,  // 2^53 - 1
		"9007199254740992":          false, // 2^53
		"0.0000000000000000000001":  true,  // 22 digits after the point
		"0.00000000000000000000001": false, // 23
		"1e5":                       false,
		"12345678901234567890":      false, // 20 significant digits
	} {
		if _, ok := Fast([]byte(s)); ok != want {
			t.Errorf("Fast(%q) ok = %v, want %v", s, ok, want)
		}
	}
}

// FuzzParse: whatever the input, Parse agrees with strconv.ParseFloat
// (finite values only), and Fast never gives another value.
func FuzzParse(f *testing.F) {
	for _, s := range []string{"236.96", "-0.001", "+12", "1e5", "9007199254740993", "0.1", "", "."} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want, err := strconv.ParseFloat(s, 64)
		finite := err == nil && !math.IsInf(want, 0) && !math.IsNaN(want)
		got, ok := Parse([]byte(s))
		if ok != finite || ok && got != want {
			t.Fatalf("Parse(%q) = %v %v; ParseFloat %v %v", s, got, ok, want, err)
		}
		if g, ok := Fast([]byte(s)); ok && (!finite || g != want) {
			t.Fatalf("Fast(%q) = %v; ParseFloat %v %v", s, g, want, err)
		}
	})
}
