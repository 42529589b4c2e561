package textnorm

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/baserate/baserate/internal/sharedtest"
)

// normalizeRef is the first, simpler implementation of Normalize, kept to
// check that the faster one gives the same result.
func normalizeRef(t *Text, s string, opt Options) {
	t.Norm = append(t.Norm[:0], ' ')
	t.Off = append(t.Off[:0], 0)
	t.Tokens = t.Tokens[:0]
	t.TokenAt = t.TokenAt[:0]
	inWord := false
	sentence := int32(0)
	var sepEnd bool // the separator run since the last word held a sentence end
	var sepStop bool
	spaces := 0
	wordStart := int32(0)
	isCap := false
	endWord := func(at int) {
		t.Tokens = append(t.Tokens, Token{Start: wordStart, End: int32(len(t.Norm)), Cap: isCap, Sentence: sentence})
		t.Norm = append(t.Norm, ' ')
		t.Off = append(t.Off, int32(at))
		inWord = false
		sepEnd, sepStop = false, false
	}
	startWord := func(r rune) {
		if len(t.Tokens) > 0 && (sepEnd || sepStop) {
			prev := t.Tokens[len(t.Tokens)-1]
			w := t.Norm[prev.Start:prev.End]
			upper := unicode.IsUpper(r) || unicode.IsDigit(r)
			switch {
			case sepEnd:
				sentence++
			case sepStop && upper && !opt.Abbrev[string(w)] && (!allDigits(w) || len(w) >= 3) && len(w) > 1:
				sentence++
			}
		}
		wordStart = int32(len(t.Norm))
		isCap = unicode.IsUpper(r)
		inWord = true
	}
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			f := asciiFold[c]
			if f == 0 {
				if inWord {
					endWord(i)
				}
				switch {
				case c == '.':
					sepStop = true
				case c == '!' || c == '?' || c == ';':
					sepEnd = true
				case c == '\n':
					// A blank line or a line break before a capital ends a sentence.
					sepStop = true
				case c == ' ':
					spaces++
					if spaces >= 3 {
						sepStop = true
					}
				}
				if c != ' ' {
					spaces = 0
				}
				i++
				continue
			}
			spaces = 0
			if !inWord {
				startWord(rune(c))
			}
			t.Norm = append(t.Norm, f)
			t.Off = append(t.Off, int32(i))
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		var f string
		if r < 0x250 {
			f = fold[r]
		} else if unicode.IsLetter(r) || unicode.IsDigit(r) {
			f = string(unicode.ToLower(r))
		}
		spaces = 0
		if f == "" {
			if inWord {
				endWord(i)
			}
			i += n
			continue
		}
		if !inWord {
			startWord(r)
		}
		for j := 0; j < len(f); j++ {
			t.Norm = append(t.Norm, f[j])
			t.Off = append(t.Off, int32(i))
		}
		i += n
	}
	if inWord {
		endWord(len(s))
	}
	// Off has one more entry: the end of the original.
	t.Off = append(t.Off, int32(len(s)))
	// TokenAt.
	if cap(t.TokenAt) < len(t.Norm) {
		t.TokenAt = make([]int32, len(t.Norm))
	}
	t.TokenAt = t.TokenAt[:len(t.Norm)]
	k := int32(0)
	for i := range t.Norm {
		for int(k) < len(t.Tokens) && int32(i) >= t.Tokens[k].End {
			k++
		}
		t.TokenAt[i] = k
	}
}

func sameText(a, b *Text) bool {
	return slices.Equal(a.Norm, b.Norm) && slices.Equal(a.Off, b.Off) && slices.Equal(a.Tokens, b.Tokens) && slices.Equal(a.TokenAt, b.TokenAt)
}

// TestSameAsReference: the fast Normalize gives what the reference gives,
// on the development set's texts and edge cases.
func TestSameAsReference(t *testing.T) {
	texts := []string{"", " ", "a", "Ein 23-jähriger Syrer.\nDer Mann! ca. 5 Euro", "\xff\xfe a", "ÆØ ß İstanbul Ⱥ ǅ x", "Ελλάδα Москва. Δ",
		// Folding lengthens U+023A (2 bytes, folded 3): the ASCII run
		// after them must grow the slices sized for the input.
		strings.Repeat("Ⱥ", 40) + "abcdefghijklmnopqrstuvwxyz" + strings.Repeat("Ⱥ", 40) + " x"}
	if b, err := os.ReadFile(filepath.Join("..", "..", "..", "shared", "data", "gold", "dev.jsonl")); err == nil {
		texts = append(texts, string(b))
	}
	abbrev := map[string]bool{"ca": true, "nr": true}
	var got, want Text
	for _, s := range texts {
		Normalize(&got, s, Options{Abbrev: abbrev})
		normalizeRef(&want, s, Options{Abbrev: abbrev})
		if !sameText(&got, &want) {
			t.Errorf("Normalize differs from the reference on %.60q", s)
		}
	}
}

func FuzzSameAsReference(f *testing.F) {
	f.Add("Ein 23-jähriger Syrer. Straße\n\nDer")
	f.Fuzz(func(t *testing.T, s string) {
		var got, want Text
		Normalize(&got, s, Options{})
		normalizeRef(&want, s, Options{})
		if !sameText(&got, &want) {
			t.Fatalf("differs on %q", s)
		}
	})
}

// BenchmarkNormalize: Normalize against the reference on the development
// set's texts (bench/media times the whole coder).
func BenchmarkNormalize(b *testing.B) {
	raw, err := os.ReadFile(filepath.Join("..", "..", "..", "shared", "data", "gold", "dev.jsonl"))
	if err != nil {
		sharedtest.Missing(b, err)
	}
	s := string(raw)
	abbrev := map[string]bool{"ca": true, "nr": true}
	for _, tc := range []struct {
		name string
		fn   func(*Text, string, Options)
	}{{"fast", Normalize}, {"reference", normalizeRef}} {
		b.Run(tc.name, func(b *testing.B) {
			var t Text
			b.SetBytes(int64(len(s)))
			for b.Loop() {
				tc.fn(&t, s, Options{Abbrev: abbrev})
			}
		})
	}
}
