package xlsx

import (
	"bytes"
	"math"
	"regexp"
	"strconv"
	"strings"
	"unicode"

	"github.com/xuri/excelize/v2"
)

// A cell's text is a number when strconv reads it, or when it is written
// as offices write numbers stored as text: with commas between thousands
// ("6,687,459", the UK and Eurostat style; a decimal comma is not read,
// since a text cell gives no locale), followed by a flag ("123 p",
// "45 [u]", "12.3 e"), or in parentheses for limited reliability ("(4.7)",
// Destatis). The flag, or "()", becomes the value's status.
var (
	thousands = regexp.MustCompile(`^[-+]?\d{1,3}(,\d{3})+(\.\d+)?$`)
	flagged   = regexp.MustCompile(`^(\S+)\s+(\p{L}{1,2}|\[\p{L}{1,4}\]|\*{1,3})$`)
	noteMark  = regexp.MustCompile(`(?i)\s*\[(note|notes|anmerkung|fußnote)\s*[0-9][0-9, and]*\]`)
)

// number reads the value of a cell and the status its text carries.
func number(s string) (float64, bool) {
	v, _, ok := flaggedNumber(s)
	return v, ok
}

func flaggedNumber(s string) (float64, string, bool) {
	if s == "" {
		return 0, "", false
	}
	if v, ok := plainNumber(s); ok {
		return v, "", true
	}
	if m := flagged.FindStringSubmatch(s); m != nil {
		if v, ok := plainNumber(m[1]); ok {
			return v, m[2], true
		}
	}
	if len(s) > 2 && s[0] == '(' && s[len(s)-1] == ')' {
		if v, ok := plainNumber(s[1 : len(s)-1]); ok {
			return v, "()", true
		}
	}
	return 0, "", false
}

func plainNumber(s string) (float64, bool) {
	if s == "" || !(s[0] >= '0' && s[0] <= '9' || s[0] == '-' || s[0] == '+' || s[0] == '.') {
		return 0, false
	}
	if len(s) > 1 && s[0] == '0' && s[1] >= '0' && s[1] <= '9' {
		return 0, false // a code with a leading zero ("01001"), kept as text
	}
	if strings.IndexByte(s, ',') >= 0 {
		if !thousands.MatchString(s) {
			return 0, false
		}
		s = strings.ReplaceAll(s, ",", "")
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
		return 0, false
	}
	return f, true
}

// isSymbol reports whether s is a missing-value symbol or a flag as
// offices write them in a number cell: no letters or digits ("-", ".",
// "...", "/", ":", "()", "–"), a bracketed shorthand ("[c]", "[x]",
// "[z]", "[low]"), or one or two letters ("x", "c", "p", "na").
func isSymbol(s string) bool {
	if s == "" {
		return false
	}
	if len(s) >= 3 && s[0] == '[' && s[len(s)-1] == ']' && len(s) <= 7 {
		return true
	}
	letters, other := 0, 0
	for _, r := range s {
		switch {
		case unicode.IsLetter(r):
			letters++
		case unicode.IsDigit(r) || unicode.IsSpace(r):
			return false
		default:
			other++
		}
	}
	return letters == 0 && other <= 4 || other == 0 && letters <= 2
}

// isMissing reports whether s is a missing-value symbol that cannot be a
// label: no letters ("-", ".", "...", "/", ":", "()"), a bracketed
// shorthand ("[c]", "[x]"), or Destatis's "x".
func isMissing(s string) bool {
	return isSymbol(s) && (s == "x" || s == "X" || s[0] == '[' || !strings.ContainsFunc(s, unicode.IsLetter))
}

// cleanLabel takes footnote markers such as "[note 3]" out of a header or
// label ("Total recorded crime [note 3]").
func cleanLabel(s string) string {
	if strings.IndexByte(s, '[') < 0 {
		return s
	}
	return strings.TrimSpace(noteMark.ReplaceAllString(s, ""))
}

// isDateFormat reports whether a number format shows a date or time: the
// built-in formats 14-22, 27-36, 45-47, 50-58, or a format code with y, m,
// d, h or s outside quotes, brackets and escapes.
func isDateFormat(id int, code string) bool {
	if code == "" {
		return id >= 14 && id <= 22 || id >= 27 && id <= 36 || id >= 45 && id <= 47 || id >= 50 && id <= 58
	}
	in := byte(0)
	for i := 0; i < len(code); i++ {
		c := code[i]
		switch {
		case in != 0:
			if c == in {
				in = 0
			}
		case c == '"':
			in = '"'
		case c == '[':
			in = ']'
		case c == '\\' || c == '_' || c == '*':
			i++
		default:
			switch c | 0x20 {
			case 'y', 'm', 'd', 'h', 's':
				if c|0x20 == 's' && i > 0 && code[i-1] == 'E' {
					continue
				}
				return true
			}
		}
	}
	return false
}

// cellKinds tells date and boolean cells apart from numbers, which
// excelize's raw values do not: a date is a serial number with a date
// format, a boolean is 1 or 0 of type b. The sheet is only looked up
// cell by cell when the workbook has a date format or a column holds only
// 0 and 1.
type cellKinds struct {
	f         *excelize.File
	sheet     string
	date1904  bool
	dateStyle map[int]bool
	hasDates  bool
}

func newCellKinds(f *excelize.File, sheet string) *cellKinds {
	k := &cellKinds{f: f, sheet: sheet, dateStyle: map[int]bool{}}
	if p, err := f.GetWorkbookProps(); err == nil && p.Date1904 != nil {
		k.date1904 = *p.Date1904
	}
	for i := 0; i < 4096; i++ {
		st, err := f.GetStyle(i)
		if err != nil || st == nil {
			break
		}
		code := ""
		if st.CustomNumFmt != nil {
			code = *st.CustomNumFmt
		}
		if isDateFormat(st.NumFmt, code) {
			k.dateStyle[i] = true
		}
	}
	k.hasDates = len(k.dateStyle) > 0 && usesStyles(f, k.dateStyle)
	return k
}

// usesStyles reports whether a cell of a worksheet in f has one of the
// styles (s="14"), scanning the XML, so that a workbook whose date
// formats no cell uses does not have its sheet loaded cell by cell.
func usesStyles(f *excelize.File, styles map[int]bool) bool {
	found := false
	f.Pkg.Range(func(k, v any) bool {
		p, _ := k.(string)
		b, _ := v.([]byte)
		if !strings.HasPrefix(p, "xl/worksheets/") {
			return true
		}
		for {
			i := bytes.Index(b, []byte(` s="`))
			if i < 0 {
				break
			}
			b = b[i+4:]
			n := 0
			j := 0
			for j < len(b) && b[j] >= '0' && b[j] <= '9' && j < 6 {
				n = n*10 + int(b[j]-'0')
				j++
			}
			if j > 0 && styles[n] {
				found = true
				break
			}
		}
		return !found
	})
	return found
}

// resolve rewrites date cells as ISO dates (with the time when there is
// one) and boolean cells as TRUE or FALSE, in place.
func (k *cellKinds) resolve(g *cellGrid) {
	width := 0
	for _, r := range g.rows {
		width = max(width, len(r))
	}
	for c := 0; c < width; c++ {
		bits, nums := true, 0
		for _, r := range g.rows {
			if c < len(r) && r[c] != "" {
				if _, err := strconv.ParseFloat(r[c], 64); err == nil {
					nums++
					if r[c] != "0" && r[c] != "1" {
						bits = false
					}
				}
			}
		}
		if nums == 0 || !k.hasDates && !bits || nums > 1_000_000 {
			continue
		}
		for i, r := range g.rows {
			if c >= len(r) || r[c] == "" {
				continue
			}
			v, err := strconv.ParseFloat(r[c], 64)
			if err != nil {
				continue
			}
			ref := g.ref(i, c)
			if bits {
				if t, err := k.f.GetCellType(k.sheet, ref); err == nil && t == excelize.CellTypeBool {
					r[c] = map[bool]string{true: "TRUE", false: "FALSE"}[v == 1]
					continue
				}
			}
			if !k.hasDates {
				continue
			}
			st, err := k.f.GetCellStyle(k.sheet, ref)
			if err != nil || !k.dateStyle[st] {
				continue
			}
			tm, err := excelize.ExcelDateToTime(v, k.date1904)
			if err != nil {
				continue
			}
			switch {
			case v == math.Trunc(v):
				r[c] = tm.Format("2006-01-02")
			case v < 1:
				r[c] = tm.Format("15:04:05")
			default:
				r[c] = tm.Format("2006-01-02T15:04:05")
			}
		}
	}
}

// German notation in text cells: dots between thousands and a decimal
// comma. A form only German writes (two or more thousands dots, dots with
// a comma, or a comma before one, two or four and more decimals) marks
// the sheet as German; then every text number in German form is
// rewritten in the plain form, "1,234" as 1.234 included. A sheet that
// also holds a form only English writes ("6,687,459", "1,234.5") is left
// alone. "1.234" alone cannot be told from the raw value 1.234 (a number
// cell) and stays that; "1.234 p" is text, and German.
var (
	germanOnly  = regexp.MustCompile(`^[-+]?(\d{1,3}(\.\d{3}){2,}(,\d+)?|\d{1,3}(\.\d{3})+,\d+|\d+,(\d{1,2}|\d{4,}))$`)
	englishOnly = regexp.MustCompile(`^[-+]?(\d{1,3}(,\d{3}){2,}(\.\d+)?|\d{1,3}(,\d{3})+\.\d+)$`)
	germanForm  = regexp.MustCompile(`^[-+]?(\d{1,3}(\.\d{3}){2,}(,\d+)?|\d{1,3}(\.\d{3})+,\d+|\d+,\d+)$`)
	// with a flag the cell is text, so "1.234 p" is German too
	germanFlagged = regexp.MustCompile(`^[-+]?\d{1,3}(\.\d{3})+$`)
)

// germanText rewrites German text numbers in rows when the sheet is
// German by the rule above, and returns how many it rewrote.
func germanText(rows [][]string) int {
	de, en := false, false
	for _, r := range rows {
		for _, v := range r {
			if v == "" || !(v[0] >= '0' && v[0] <= '9' || v[0] == '-' || v[0] == '+') {
				continue
			}
			num, _ := splitFlag(v)
			de = de || germanOnly.MatchString(num)
			en = en || englishOnly.MatchString(num)
		}
	}
	if !de || en {
		return 0
	}
	n := 0
	for _, r := range rows {
		for i, v := range r {
			if v == "" || !(v[0] >= '0' && v[0] <= '9' || v[0] == '-' || v[0] == '+') {
				continue
			}
			num, flag := splitFlag(v)
			if !germanForm.MatchString(num) && !(flag != "" && germanFlagged.MatchString(num)) {
				continue
			}
			num = strings.ReplaceAll(num, ".", "")
			num = strings.Replace(num, ",", ".", 1)
			r[i] = num + flag
			n++
		}
	}
	return n
}

// splitFlag splits "5.604.012 p" into "5.604.012" and " p".
func splitFlag(v string) (string, string) {
	if m := flagged.FindStringSubmatch(v); m != nil {
		return m[1], v[len(m[1]):]
	}
	return v, ""
}
