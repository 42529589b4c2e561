package textnorm

import (
	"slices"
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

// Normalize fills t with the normalized form of s. It reuses t's slices:
// with a Text kept across calls it allocates nothing once they are large
// enough.
func Normalize(t *Text, s string, opt Options) {
	t.Norm = append(slices.Grow(t.Norm[:0], len(s)+2), ' ')
	t.Off = append(slices.Grow(t.Off[:0], len(s)+3), 0)
	t.TokenAt = append(slices.Grow(t.TokenAt[:0], len(s)+2), 0)
	t.Tokens = t.Tokens[:0]
	inWord := false
	sentence := int32(0)
	sepEnd, sepStop := false, false // the separator run since the last word held a sentence end / a full stop or line break
	spaces := 0                     // spaces in a row in the separator run
	wordStart := int32(0)
	isCap := false
	for i := 0; i < len(s); {
		c := s[i]
		var r rune
		var f string
		n := 1
		if c < utf8.RuneSelf {
			if asciiFold[c] == 0 {
				if inWord {
					t.endWord(i, wordStart, isCap, sentence)
					inWord, sepEnd, sepStop = false, false, false
				}
				switch c {
				case '.', '\n':
					// A line break before a capital ends a sentence, like a full stop.
					sepStop = true
				case '!', '?', ';':
					sepEnd = true
				case ' ':
					// Three spaces or more stand for a line break in
					// texts whose line breaks were flattened
					// ("Beschreibung    Die Polizei sucht Zeugen").
					if spaces++; spaces >= 3 {
						sepStop = true
					}
				}
				if c != ' ' {
					spaces = 0
				}
				i++
				continue
			}
			r = rune(c)
		} else {
			r, n = utf8.DecodeRuneInString(s[i:])
			if r < 0x250 {
				f = fold[r]
			} else if unicode.IsLetter(r) || unicode.IsDigit(r) {
				f = string(unicode.ToLower(r))
			}
			if f == "" {
				if inWord {
					t.endWord(i, wordStart, isCap, sentence)
					inWord, sepEnd, sepStop = false, false, false
				}
				spaces = 0
				i += n
				continue
			}
		}
		spaces = 0
		if !inWord {
			upper := r < utf8.RuneSelf && 'A' <= r && r <= 'Z' || r >= utf8.RuneSelf && unicode.IsUpper(r)
			if len(t.Tokens) > 0 && (sepEnd || sepStop) {
				prev := t.Tokens[len(t.Tokens)-1]
				w := t.Norm[prev.Start:prev.End]
				switch {
				case sepEnd:
					sentence++
				// A number of three or more digits ends a sentence ("unter
				// der Telefonnummer 0821/323-2110. Der 40-Jährige ...", "im
				// Jahr 2019. Die"); one of one or two is an ordinal or a
				// date ("am 24. Juli", "14.05.2019").
				case sepStop && (upper || '0' <= r && r <= '9' || r >= utf8.RuneSelf && unicode.IsDigit(r)) && !opt.Abbrev[string(w)] && (!allDigits(w) || len(w) >= 3) && len(w) > 1:
					sentence++
				}
			}
			wordStart = int32(len(t.Norm))
			isCap = upper
			inWord = true
		}
		tok := int32(len(t.Tokens))
		if c < utf8.RuneSelf {
			// The run of ASCII word bytes from here is copied in one
			// loop: inside a word nothing but the three slices changes.
			// Room for the rest of s is made first, so that the loop
			// needs no capacity checks; folding may have lengthened the
			// text before (U+023A is 2 bytes, its folded form 3).
			k := len(t.Norm)
			if rest := len(s) - i; k+rest > cap(t.Norm) || k+rest > cap(t.Off) || k+rest > cap(t.TokenAt) {
				t.Norm, t.Off, t.TokenAt = slices.Grow(t.Norm, rest), slices.Grow(t.Off, rest), slices.Grow(t.TokenAt, rest)
			}
			// The three slices have the same length inside the loop.
			norm, off, at := t.Norm[k:k+len(s)-i], t.Off[k:k+len(s)-i], t.TokenAt[k:k+len(s)-i]
			j, x := i, 0
			for ; j < len(s) && x < len(norm); j, x = j+1, x+1 {
				b := s[j]
				if b >= utf8.RuneSelf || asciiFold[b] == 0 {
					break
				}
				norm[x], off[x], at[x] = asciiFold[b], int32(j), tok
			}
			t.Norm, t.Off, t.TokenAt = t.Norm[:k+x], t.Off[:k+x], t.TokenAt[:k+x]
			i = j
			continue
		}
		for j := 0; j < len(f); j++ {
			t.Norm = append(t.Norm, f[j])
			t.Off = append(t.Off, int32(i))
			t.TokenAt = append(t.TokenAt, tok)
		}
		i += n
	}
	if inWord {
		t.endWord(len(s), wordStart, isCap, sentence)
	}
	// Off has one more entry: the end of the original.
	t.Off = append(t.Off, int32(len(s)))
}

// endWord closes the word begun at wordStart: the token, then the space
// after it, which belongs to the token after it.
func (t *Text) endWord(at int, wordStart int32, isCap bool, sentence int32) {
	t.Tokens = append(t.Tokens, Token{Start: wordStart, End: int32(len(t.Norm)), Cap: isCap, Sentence: sentence})
	t.Norm = append(t.Norm, ' ')
	t.Off = append(t.Off, int32(at))
	t.TokenAt = append(t.TokenAt, int32(len(t.Tokens)))
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
