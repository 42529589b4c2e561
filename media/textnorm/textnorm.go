package textnorm

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Token is one word of the normalized text.
type Token struct {
	// Start and End are offsets in the normalized text (End exclusive).
	Start, End int32
	// Cap is true when the word starts with an upper-case letter in the
	// original.
	Cap bool
	// Sentence is the number of the sentence the word is in, from 0.
	Sentence int32
}

// Text is a normalized text. Reuse one Text across calls to Normalize to
// avoid allocation.
type Text struct {
	// Norm is the normalized text: " word word ... ".
	Norm []byte
	// Off[i] is the byte offset in the original of Norm[i]; Off has one
	// more entry, the end of the original.
	Off    []int32
	Tokens []Token
	// TokenAt[i] is the index of the token that Norm[i] belongs to, or of
	// the token after it for a space.
	TokenAt []int32
}

// Options tune sentence splitting.
type Options struct {
	// Abbrev lists normalized words that end with a full stop without
	// ending a sentence ("ca", "bzw").
	Abbrev map[string]bool
}

// fold maps runes below 0x250 (Basic Latin to Latin Extended-B) to their
// folded form: "" for separators.
var fold [0x250]string

// asciiFold maps ASCII bytes: 0 for separators.
var asciiFold [128]byte

func init() {
	special := map[rune]string{'ß': "ss", 'æ': "ae", 'Æ': "ae", 'ø': "o", 'Ø': "o", 'ł': "l", 'Ł': "l",
		'đ': "d", 'Đ': "d", 'œ': "oe", 'Œ': "oe", 'þ': "th", 'Þ': "th", 'ð': "d", 'Ð': "d", 'ı': "i"}
	for r := rune(0); r < 0x250; r++ {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			continue
		}
		if s, ok := special[r]; ok {
			fold[r] = s
			continue
		}
		var b strings.Builder
		for _, d := range norm.NFD.String(string(unicode.ToLower(r))) {
			if !unicode.Is(unicode.Mn, d) {
				b.WriteRune(d)
			}
		}
		fold[r] = b.String()
	}
	for r := 0; r < 128; r++ {
		if fold[r] != "" {
			asciiFold[r] = fold[r][0]
		}
	}
}

// Fold returns the normalized form of a phrase, without the leading and
// trailing space: Fold("Lkw-Fahrer") == "lkw fahrer".
func Fold(s string) string {
	var t Text
	Normalize(&t, s, Options{})
	if len(t.Norm) <= 2 {
		return ""
	}
	return string(t.Norm[1 : len(t.Norm)-1])
}

// Normalize fills t with the normalized form of s.
func Normalize(t *Text, s string, opt Options) {
	t.Norm = append(t.Norm[:0], ' ')
	t.Off = append(t.Off[:0], 0)
	t.Tokens = t.Tokens[:0]
	t.TokenAt = t.TokenAt[:0]
	inWord := false
	sentence := int32(0)
	var sepEnd bool // the separator run since the last word held a sentence end
	var sepStop bool
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
			case sepStop && upper && !opt.Abbrev[string(w)] && !allDigits(w) && len(w) > 1:
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
				}
				i++
				continue
			}
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

func allDigits(w []byte) bool {
	for _, c := range w {
		if c < '0' || c > '9' {
			return false
		}
	}
	return len(w) > 0
}

// Word returns the normalized text of token i.
func (t *Text) Word(i int) string {
	tk := t.Tokens[i]
	return string(t.Norm[tk.Start:tk.End])
}

// Span returns the original byte span of tokens [i, j).
func (t *Text) Span(i, j int) (start, end int) {
	return int(t.Off[t.Tokens[i].Start]), int(t.Off[t.Tokens[j-1].End])
}
