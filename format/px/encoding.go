package px

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/htmlindex"
)

// charset decides how the header's bytes are decoded. It trusts the
// declaration (CODEPAGE, else CHARSET) unless the bytes contradict it, and
// says so in a caveat: a file that declares a single-byte code page but
// whose text is valid UTF-8 with non-ASCII characters is read as UTF-8; a
// file that declares UTF-8 but is not valid UTF-8 is read as Windows-1252.
func charset(entries []*entry) (dec func([]byte) string, name string, notes []string) {
	var codepage, cs string
	var raw [][]byte
	for _, e := range entries {
		for _, t := range e.toks {
			if t.kind == tString {
				raw = append(raw, t.text)
			}
		}
		raw = append(raw, e.sub...)
		switch e.key {
		case "CODEPAGE":
			if len(e.toks) > 0 {
				codepage = strings.TrimSpace(string(e.toks[0].text))
			}
		case "CHARSET":
			if len(e.toks) > 0 {
				cs = strings.TrimSpace(string(e.toks[0].text))
			}
		}
	}
	nonASCII, validUTF8 := false, true
	for _, b := range raw {
		for _, c := range b {
			if c >= 0x80 {
				nonASCII = true
				break
			}
		}
		if validUTF8 && !utf8.Valid(b) {
			validUTF8 = false
		}
	}
	declared := codepage
	if declared == "" {
		switch {
		case strings.EqualFold(cs, "ANSI"):
			declared = "windows-1252"
		default:
			declared = "iso-8859-1" // the PX default CODEPAGE
		}
	}
	enc, canonical := lookup(declared)
	switch {
	case enc == nil && !isUTF8Name(declared):
		if nonASCII && validUTF8 {
			notes = append(notes, fmt.Sprintf("the file declares the unknown code page %q; its text is valid UTF-8 and was read as UTF-8", declared))
			return utf8String, "utf-8", notes
		}
		notes = append(notes, fmt.Sprintf("the file declares the unknown code page %q; its text was read as windows-1252", declared))
		return decoder(charmap.Windows1252), "windows-1252", notes
	case isUTF8Name(declared):
		if !validUTF8 {
			notes = append(notes, fmt.Sprintf("the file declares %q but its text is not valid UTF-8; it was read as windows-1252", declared))
			return decoder(charmap.Windows1252), "windows-1252", notes
		}
		return utf8String, "utf-8", append(notes, replacementNote(raw)...)
	case nonASCII && validUTF8:
		notes = append(notes, fmt.Sprintf("the file declares %s but its text is valid UTF-8; it was read as UTF-8", declaredText(codepage, cs)))
		return utf8String, "utf-8", append(notes, replacementNote(raw)...)
	}
	if codepage == "" && cs == "" && nonASCII {
		notes = append(notes, "the file declares neither CODEPAGE nor CHARSET; its text was read as iso-8859-1, the PX default")
	}
	return decoder(enc), canonical, notes
}

func declaredText(codepage, cs string) string {
	if codepage != "" {
		return fmt.Sprintf("CODEPAGE=%q", codepage)
	}
	if cs != "" {
		return fmt.Sprintf("CHARSET=%q", cs)
	}
	return "no code page (so iso-8859-1)"
}

func isUTF8Name(s string) bool {
	s = strings.ToLower(strings.ReplaceAll(s, "-", ""))
	return s == "utf8" || s == "unicode" || s == "65001"
}

// lookup resolves a code page name as PX files write it ("iso-8859-1",
// "Windows-1252", "1252", "ANSI", "latin1").
func lookup(name string) (encoding.Encoding, string) {
	n := strings.ToLower(strings.TrimSpace(name))
	switch n {
	case "ansi", "1252", "cp1252", "windows1252":
		n = "windows-1252"
	case "iso88591", "latin1", "latin-1":
		n = "iso-8859-1"
	case "iso885915", "latin9", "latin-9":
		n = "iso-8859-15"
	case "437", "cp437", "ibm437", "dos":
		return charmap.CodePage437, "ibm437"
	case "850", "cp850", "ibm850":
		return charmap.CodePage850, "ibm850"
	}
	if n == "iso-8859-1" {
		// Decoded as windows-1252, as browsers do: files that say Latin-1
		// often hold Windows characters (en dash, euro) in 0x80-0x9F,
		// where real Latin-1 has only unprintable control codes.
		return charmap.Windows1252, "iso-8859-1"
	}
	enc, err := htmlindex.Get(n)
	if err != nil {
		return nil, ""
	}
	if isUTF8Name(n) {
		return nil, "utf-8"
	}
	canonical, _ := htmlindex.Name(enc)
	return enc, canonical
}

func decoder(enc encoding.Encoding) func([]byte) string {
	d := enc.NewDecoder()
	return func(b []byte) string {
		ascii := true
		for _, c := range b {
			if c >= 0x80 {
				ascii = false
				break
			}
		}
		if ascii {
			return string(b)
		}
		out, err := d.Bytes(b)
		if err != nil {
			return string(bytes.ToValidUTF8(b, []byte("\uFFFD")))
		}
		return string(out)
	}
}

func utf8String(b []byte) string { return string(b) }

// replacementNote reports U+FFFD characters already in UTF-8 text: they
// mean the text was damaged by a bad conversion before the file was made.
func replacementNote(raw [][]byte) []string {
	for _, b := range raw {
		if i := bytes.Index(b, []byte("\uFFFD")); i >= 0 {
			s := string(b)
			if len(s) > 60 {
				s = s[:60] + "..."
			}
			return []string{fmt.Sprintf("the text contains U+FFFD replacement characters (for example %q): it was damaged by a bad conversion before the file was written", s)}
		}
	}
	return nil
}
