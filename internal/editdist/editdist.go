// Package editdist measures how far apart two words are, for the "did you
// mean" hints of the command line, the API, the data frame and the claim
// parser.
//
// The distance is the optimal string alignment distance over runes:
// insertions, deletions, substitutions and swaps of two neighbouring
// letters each count one, so the common typos "yaer" and "ofence" are one
// edit from "year" and "offence".
package editdist

import "strings"

// Distance returns the optimal string alignment distance of a and b,
// counted in runes.
func Distance(a, b string) int {
	return Runes([]rune(a), []rune(b))
}

// Runes is [Distance] for words already split into runes.
func Runes(a, b []rune) int {
	prev2 := make([]int, len(b)+1)
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}

// Nearest returns the candidate closest to s, case-insensitively, when it
// is a plausible typo of s: at most one edit away for words of up to five
// letters, two for longer ones. It returns "" when none is that close.
func Nearest(s string, candidates []string) string {
	ls := strings.ToLower(s)
	limit := 1
	if len(ls) >= 6 {
		limit = 2
	}
	best, bestD := "", limit+1
	for _, c := range candidates {
		if d := Distance(ls, strings.ToLower(c)); d < bestD {
			best, bestD = c, d
		}
	}
	return best
}
