package csv

import (
	"fmt"
	"strings"
)

// A style is how a column writes its numbers: with a decimal point (1234.5,
// the only style of comma-separated files) or, in semicolon- and
// tab-separated files as spreadsheets in German, French, Italian and other
// locales export them, with a decimal comma and dots between thousands
// (1.234,5).
type style int

const (
	pointStyle style = iota
	commaStyle
)

// normalize brings v to the decimal-point form strconv reads.
func (st style) normalize(v string) string {
	if st != commaStyle {
		return v
	}
	return strings.ReplaceAll(strings.ReplaceAll(v, ".", ""), ",", ".")
}

type styleError struct {
	line int
	msg  string
}

func (e *styleError) Error() string { return fmt.Sprintf("line %d: %s", e.line, e.msg) }

// numberStyle decides the style of one column of n values (value(k) gives
// the k-th and its line). A comma-separated file writes decimal points.
// Otherwise a value with a decimal comma ("12,5") or with two or more groups
// of three digits after dots ("1.234.567") says the column uses decimal
// commas; one with a decimal point that is no group of three digits
// ("12.5", "0.125", "1e5") says it uses points. A column that says both is
// an error naming both lines. A value like "1.000" or "694.981" — a dot
// followed by exactly three digits — reads as thousands in a decimal-comma
// column and as a decimal point in a decimal-point column; in a column with
// no other evidence it is an error, since it is off by a factor of 1,000
// one way or the other (R's read.csv2 would read the column as text).
func numberStyle(comma rune, n int, value func(k int) (string, int)) (style, error) {
	if comma == ',' {
		return pointStyle, nil
	}
	commaAt, pointAt, ambiguousAt := 0, 0, 0
	var commaV, pointV, ambiguousV string
	for k := range n {
		v, line := value(k)
		switch classify(v) {
		case saysComma:
			if commaAt == 0 {
				commaAt, commaV = line, v
			}
		case saysPoint:
			if pointAt == 0 {
				pointAt, pointV = line, v
			}
		case saysEither:
			if ambiguousAt == 0 {
				ambiguousAt, ambiguousV = line, v
			}
		}
	}
	switch {
	case commaAt > 0 && pointAt > 0:
		at := max(commaAt, pointAt)
		return 0, &styleError{at, fmt.Sprintf("the column mixes decimal commas or dots between thousands (line %d: %q) with decimal points (line %d: %q); write every number one way", commaAt, commaV, pointAt, pointV)}
	case commaAt > 0:
		return commaStyle, nil
	case pointAt > 0:
		return pointStyle, nil
	case ambiguousAt > 0:
		return 0, &styleError{ambiguousAt, fmt.Sprintf("%q is ambiguous in a %s-separated file: a dot between thousands (%s) or a decimal point (%s)? Write the number without the dot, or with a decimal comma", ambiguousV, sepName(comma), strings.ReplaceAll(ambiguousV, ".", ""), ambiguousV)}
	}
	return pointStyle, nil
}

func sepName(c rune) string {
	switch c {
	case ';':
		return "semicolon"
	case '\t':
		return "tab"
	}
	return fmt.Sprintf("%q", c)
}

type evidence int

const (
	saysNothing evidence = iota // integers, missing-value symbols, text
	saysComma
	saysPoint
	saysEither
)

// classify says what a value tells about its column's style.
func classify(v string) evidence {
	body := strings.TrimLeft(v, "+-")
	if body == "" || !plainNumber(strings.ReplaceAll(body, ",", ".")) && !thousands(body) {
		return saysNothing
	}
	dots, commas := strings.Count(body, "."), strings.Count(body, ",")
	switch {
	case commas == 1 && (dots == 0 || thousands(body[:strings.IndexByte(body, ',')])):
		return saysComma
	case commas > 0:
		return saysNothing // "1,234,567": not a number in either style
	case dots >= 2 && thousands(body):
		return saysComma
	case dots == 1 && thousands(body):
		return saysEither
	case dots == 1 || strings.ContainsAny(body, "eE"):
		return saysPoint
	}
	return saysNothing
}

// thousands reports whether s is digits grouped by dots in threes after a
// first group of one to three digits that does not start with 0: "1.000",
// "12.345.678".
func thousands(s string) bool {
	groups := strings.Split(s, ".")
	if len(groups) < 2 || len(groups[0]) == 0 || len(groups[0]) > 3 || groups[0][0] == '0' {
		return false
	}
	for i, g := range groups {
		if i > 0 && len(g) != 3 {
			return false
		}
		for _, c := range g {
			if c < '0' || c > '9' {
				return false
			}
		}
	}
	return true
}

// plainNumber reports whether s is a decimal number as people write them:
// an optional sign, digits with at most one decimal point, and an optional
// exponent. It refuses what strconv.ParseFloat would also take but nobody
// means in a table: hexadecimal ("0x1p4"), digit separators ("1_000"),
// "Inf" and "NaN".
func plainNumber(s string) bool {
	i := 0
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		i++
	}
	digits, point := 0, false
	for ; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			digits++
		case c == '.' && !point:
			point = true
		default:
			goto exp
		}
	}
exp:
	if digits == 0 {
		return false
	}
	if i == len(s) {
		return true
	}
	if s[i] != 'e' && s[i] != 'E' {
		return false
	}
	i++
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		i++
	}
	if i == len(s) {
		return false
	}
	for ; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
