package lexicon

import (
	"io/fs"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
)

func forms(lx *Lexicon, kind Kind, code string) map[string]bool {
	m := map[string]bool{}
	for _, t := range lx.Terms {
		if t.Kind == kind && (code == "" || t.Code == code) {
			m[t.Form] = true
		}
	}
	return m
}

// TestMorphology checks that the rules give the inflected forms the issue
// names, from the gazetteer base forms.
func TestMorphology(t *testing.T) {
	want := map[string]map[string][]string{
		"de": {"SY": {"syrer", "syrerin", "syrern", "syrische", "syrischen", "syrischer"},
			"TR": {"turke", "turken", "turkin", "turkischen"}, "DE": {"deutscher", "deutschen"},
			"MA": {"marokkaner", "marokkanerin", "marokkanischer"}, "DZ": {"algerier", "algeriern"},
			"PL": {"pole", "polen", "polin", "polnische"}, "AF": {"afghane", "afghanen"}},
		"it": {"MA": {"marocchino", "marocchina", "marocchini", "marocchine"}, "AL": {"albanese", "albanesi"},
			"TN": {"tunisino", "tunisini"}, "DE": {"tedesco", "tedeschi"}},
		"sv": {"PL": {"polsk", "polska", "polskt"}, "SY": {"syrisk", "syriska"}, "RO": {"rumansk"},
			"IQ": {"irakisk"}},
		"en": {"MX": {"mexican", "mexicans"}, "SY": {"syrian"}},
	}
	for lang, codes := range want {
		lx, err := Load(lang)
		if err != nil {
			t.Fatal(err)
		}
		for code, fs := range codes {
			have := forms(lx, Nationality, code)
			for _, f := range fs {
				if !have[f] {
					t.Errorf("%s %s: no form %q", lang, code, f)
				}
			}
		}
	}
}

func TestExcluded(t *testing.T) {
	lx, err := Load("de")
	if err != nil {
		t.Fatal(err)
	}
	if forms(lx, Nationality, "")["maler"] {
		t.Error("maler (painter) made a nationality word")
	}
}

func TestLanguages(t *testing.T) {
	got := Languages()
	if len(got) != 4 {
		t.Fatalf("languages %v", got)
	}
	for _, l := range got {
		lx, err := Load(l)
		if err != nil {
			t.Fatal(err)
		}
		if len(lx.Stopwords) < 10 {
			t.Errorf("%s: %d stopwords", l, len(lx.Stopwords))
		}
	}
}

// TestClauseModelData checks that every language has the clause model's
// data: a word order, agent prepositions, passive auxiliaries or passive
// forms, and frames of each kind the coder relies on.
func TestClauseModelData(t *testing.T) {
	for _, lang := range Languages() {
		lx, err := Load(lang)
		if err != nil {
			t.Fatal(err)
		}
		c := lx.Clause
		if c.Order != "case" && c.Order != "svo" {
			t.Errorf("%s: order %q", lang, c.Order)
		}
		if len(c.AgentPreps) == 0 || len(c.Copulas) == 0 || len(c.Relatives) == 0 {
			t.Errorf("%s: agent prepositions %d, copulas %d, relatives %d", lang, len(c.AgentPreps), len(c.Copulas), len(c.Relatives))
		}
		voices := map[string]int{}
		for _, tm := range lx.Terms {
			if tm.Kind == Frame {
				voices[tm.Voice]++
				if tm.Voice == "noun" && tm.Subj == "" {
					t.Errorf("%s: role noun %q without a role (%s)", lang, tm.Form, tm.Source)
				}
			}
		}
		if voices["noun"] == 0 || voices["passive"]+voices["participle"] == 0 {
			t.Errorf("%s: frames by voice %v", lang, voices)
		}
	}
}

// TestFrameErrors: a frame with an unknown voice or role is an error
// naming the file and line.
func TestFrameErrors(t *testing.T) {
	for _, bad := range []string{"passiv\tsuspect\t-\t-\t-\tgreps\n", "passive\tcriminal\t-\t-\t-\tgreps\n"} {
		fsys := swedishFiles(t)
		fsys["sv/frames.tsv"] = &fstest.MapFile{Data: []byte("voice\tsubj\tobj\tagent\tparticle\tterm\n" + bad)}
		_, err := LoadFS(fsys, "sv")
		if err == nil || !strings.Contains(err.Error(), "sv/frames.tsv:2") {
			t.Errorf("frame %q: error %v, want one naming sv/frames.tsv:2", bad, err)
		}
	}
}

// TestNationalityPOSErrors: a nationality word with a part of speech the
// coder does not know is an error naming the file and line, not a term
// that is silently never accepted; every known one loads.
func TestNationalityPOSErrors(t *testing.T) {
	head := "code\tstem\tparadigm\tpos\tnote\n"
	fsys := swedishFiles(t)
	fsys["sv/nationality.tsv"] = &fstest.MapFile{Data: []byte(head + "IT\titalo\twhole\tcombinig\t\n")}
	if _, err := LoadFS(fsys, "sv"); err == nil || !strings.Contains(err.Error(), "sv/nationality.tsv:2") || !strings.Contains(err.Error(), `"combinig"`) {
		t.Errorf("error %v, want one naming sv/nationality.tsv:2 and the pos", err)
	}
	for _, pos := range nationalityPOS {
		fsys["sv/nationality.tsv"] = &fstest.MapFile{Data: []byte(head + "IT\titalo\twhole\t" + pos + "\t\n")}
		if _, err := LoadFS(fsys, "sv"); err != nil {
			t.Errorf("pos %q: %v", pos, err)
		}
	}
}

// TestCountryCueErrors: a country cue whose needs_person is not true,
// false or age is an error naming the file and line; "age" makes a cue
// that needs an age before it, not a person word.
func TestCountryCueErrors(t *testing.T) {
	fsys := swedishFiles(t)
	fsys["sv/country_cues.tsv"] = &fstest.MapFile{Data: []byte("term\tneeds_person\nfrån\tja\n")}
	if _, err := LoadFS(fsys, "sv"); err == nil || !strings.Contains(err.Error(), "sv/country_cues.tsv:2") {
		t.Errorf("error %v, want one naming sv/country_cues.tsv:2", err)
	}
	lx, err := Load("en")
	if err != nil {
		t.Fatal(err)
	}
	for _, tm := range lx.Terms {
		if tm.Kind == CountryCue && tm.Form == "of" && (!tm.NeedsAge || tm.NeedsPerson) {
			t.Errorf("en cue %q: needs age %v, needs person %v", tm.Form, tm.NeedsAge, tm.NeedsPerson)
		}
	}
}

// TestAgeErrors: an age word without a number, or of an unknown kind, is
// an error naming the file and line; a good one carries its value.
func TestAgeErrors(t *testing.T) {
	base := func() fstest.MapFS {
		fsys := fstest.MapFS{}
		for _, name := range []string{"lang.tsv", "paradigms.tsv", "morphology.tsv", "nationality.tsv", "exclude.tsv", "status.tsv", "country_cues.tsv", "person.tsv", "age.tsv", "roles.tsv", "offences.tsv", "noncrime.tsv", "appearance.tsv", "block.tsv", "clause.tsv", "frames.tsv"} {
			b, err := fs.ReadFile(FS(), "it/"+name)
			if err != nil {
				t.Fatal(err)
			}
			fsys["it/"+name] = &fstest.MapFile{Data: b}
		}
		g, _ := fs.ReadFile(FS(), "gazetteer/gazetteer.tsv")
		fsys["gazetteer/gazetteer.tsv"] = &fstest.MapFile{Data: g}
		return fsys
	}
	for _, bad := range []string{"ventiduenne\tword\tventidue\n", "ventiduenne\tword\t\n", "ventiduenne\tparola\t22\n"} {
		fsys := base()
		fsys["it/age.tsv"] = &fstest.MapFile{Data: []byte("term\tkind\tage\n" + bad)}
		if _, err := LoadFS(fsys, "it"); err == nil || !strings.Contains(err.Error(), "it/age.tsv:2") {
			t.Errorf("age %q: error %v, want one naming it/age.tsv:2", bad, err)
		}
	}
	lx, err := Load("it")
	if err != nil {
		t.Fatal(err)
	}
	ages := map[string]int{}
	for _, tm := range lx.Terms {
		if tm.Kind == Age && tm.AgeKind == "word" {
			ages[tm.Form] = tm.AgeValue
		}
	}
	for form, want := range map[string]int{"ventiduenne": 22, "sessantunenne": 61, "trentottenne": 38, "diciottenne": 18, "quarantenne": 40,
		// number words before "anni": the ten's vowel dropped before "uno"
		// and "otto", "tré" folded, the elided decades ("vent'anni")
		"undici anni": 11, "ventuno anni": 21, "ventitre anni": 23, "ventotto anni": 28, "trentadue anni": 32, "vent anni": 20, "trent anni": 30, "novantanove anni": 99} {
		if ages[form] != want {
			t.Errorf("%s: age %d, want %d", form, ages[form], want)
		}
	}
	// Every "<number word> anni" row carries the value of the "-enne" word
	// made from the same number word (its final vowel dropped, except in
	// "-tre" and "-sei": "ventitreenne", "ventiseienne"), and every value
	// 11-99 of the "-enne" words has a row.
	byValue := map[int]bool{}
	for form, v := range ages {
		w, ok := strings.CutSuffix(form, " anni")
		if !ok {
			continue
		}
		stem := w
		if !strings.HasSuffix(w, "tre") && !strings.HasSuffix(w, "sei") && strings.ContainsAny(w[len(w)-1:], "aeiou") {
			stem = w[:len(w)-1]
		}
		if e, ok := ages[stem+"enne"]; !ok || e != v {
			t.Errorf("%q: age %d, but %q has %d (present %v)", form, v, stem+"enne", e, ok)
		}
		byValue[v] = true
	}
	for v := 11; v <= 99; v++ {
		if !byValue[v] {
			t.Errorf("no \"<number word> anni\" row for %d", v)
		}
	}
}

// TestLangUnknownKey: a key of lang.tsv that no code reads (a typo, or a
// setting whose loader was forgotten, as "speech_verbs" once was) is an
// error naming the file and line, not a setting that silently does nothing.
func TestLangUnknownKey(t *testing.T) {
	fsys := swedishFiles(t)
	if _, err := LoadFS(fsys, "sv"); err != nil {
		t.Fatalf("the shipped files: %v", err)
	}
	lang := fsys["sv/lang.tsv"].Data
	n := strings.Count(string(lang), "\n")
	fsys["sv/lang.tsv"] = &fstest.MapFile{Data: append(append([]byte{}, lang...), "speach_verbs\ttalade\n"...)}
	_, err := LoadFS(fsys, "sv")
	want := "sv/lang.tsv:" + strconv.Itoa(n+1)
	if err == nil || !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), "speach_verbs") {
		t.Errorf("error %v, want one naming %s and the key", err, want)
	}
}

// swedishFiles copies the Swedish lexicon files and the gazetteer into a
// map file system that a test can then spoil.
func swedishFiles(t *testing.T) fstest.MapFS {
	t.Helper()
	fsys := fstest.MapFS{}
	for _, name := range []string{"lang.tsv", "paradigms.tsv", "morphology.tsv", "nationality.tsv", "exclude.tsv", "status.tsv", "country_cues.tsv", "person.tsv", "age.tsv", "roles.tsv", "offences.tsv", "noncrime.tsv", "appearance.tsv", "block.tsv", "clause.tsv", "frames.tsv"} {
		b, err := fs.ReadFile(FS(), "sv/"+name)
		if err != nil {
			t.Fatal(err)
		}
		fsys["sv/"+name] = &fstest.MapFile{Data: b}
	}
	g, err := fs.ReadFile(FS(), "gazetteer/gazetteer.tsv")
	if err != nil {
		t.Fatal(err)
	}
	fsys["gazetteer/gazetteer.tsv"] = &fstest.MapFile{Data: g}
	return fsys
}

// TestIdentityPronounGender: an identity pronoun's gender tag is m, f or
// none; another (a typo) is an error naming clause.tsv's line, not a
// pronoun that silently fits no person. The shipped German file gives
// "ihm" m, "ihr" f and "ihnen" none.
func TestIdentityPronounGender(t *testing.T) {
	lx, err := Load("de")
	if err != nil {
		t.Fatal(err)
	}
	for w, want := range map[string]string{"ihm": "m", "ihr": "f", "ihnen": ""} {
		if g, ok := lx.Clause.IdentityPronouns[w]; !ok || g != want {
			t.Errorf("%s: gender %q (listed %v), want %q", w, g, ok, want)
		}
	}
	fsys := swedishFiles(t)
	cl := fsys["sv/clause.tsv"].Data
	n := strings.Count(string(cl), "\n")
	fsys["sv/clause.tsv"] = &fstest.MapFile{Data: append(append([]byte{}, cl...), "identity_pronouns\thonom:n\n"...)}
	_, err = LoadFS(fsys, "sv")
	want := "sv/clause.tsv:" + strconv.Itoa(n+1)
	if err == nil || !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), "honom") {
		t.Errorf("error %v, want one naming %s and the pronoun", err, want)
	}
}

// TestDeportViaErrors: a deport_via phrase that is not two words would
// never be read: an error naming the file, line and phrase. The English
// phrases load as the words deportedVia compares.
func TestDeportViaErrors(t *testing.T) {
	fsys := swedishFiles(t)
	b := fsys["sv/lang.tsv"].Data
	n := strings.Count(string(b), "\n")
	fsys["sv/lang.tsv"] = &fstest.MapFile{Data: append(append([]byte{}, b...), "deport_via\tutvisad fran,utvisad\n"...)}
	_, err := LoadFS(fsys, "sv")
	want := "sv/lang.tsv:" + strconv.Itoa(n+1)
	if err == nil || !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), `"utvisad"`) {
		t.Errorf("error %v, want one naming %s and the phrase", err, want)
	}
	lx, err := Load("en")
	if err != nil {
		t.Fatal(err)
	}
	if !lx.DeportVia["deported from"] || !lx.DeportTo["to"] || lx.DeportVia["deported"] {
		t.Errorf("en deport_via %v, deport_to %v", lx.DeportVia, lx.DeportTo)
	}
}

// TestPoseClaimErrors: a pose claim that is neither a pose word nor a
// pose particle would never be read: an error naming the file and line.
func TestPoseClaimErrors(t *testing.T) {
	fsys := swedishFiles(t)
	b := fsys["sv/lang.tsv"].Data
	fsys["sv/lang.tsv"] = &fstest.MapFile{Data: []byte(strings.Replace(string(b), "pose_claims\tutgav,", "pose_claims\tutgaf,", 1))}
	_, err := LoadFS(fsys, "sv")
	if err == nil || !strings.Contains(err.Error(), "sv/lang.tsv:") || !strings.Contains(err.Error(), `"utgaf"`) {
		t.Errorf("error %v, want one naming sv/lang.tsv's line and the word", err)
	}
	lx, err := Load("de")
	if err != nil {
		t.Fatal(err)
	}
	if !lx.PoseClaims["ausgab"] || !lx.PoseClaims["aus"] || lx.PoseClaims["angeblicher"] {
		t.Errorf("de pose claims: %v", lx.PoseClaims)
	}
}

// TestGazetteerAmbiguous checks that no word the gazetteer gives to two
// countries codes both ("Indian" made IN and IO, "French" FR and TF),
// that no row with a qualifier in parentheses is made ("Dominikanisch
// (Dominikanische Republik)" made "dominikanisch dominikanische
// republik", and "Man (Isle of Man)" would make "man"), and that
// nationality.tsv's choice is the one made.
func TestGazetteerAmbiguous(t *testing.T) {
	want := map[string]map[string]string{
		"de": {"dominikanisch": "DO", "dominikanischer": "DO", "dominikaner": "DO", "kongolesischer": "CD", "kongo": "CD"},
		"en": {"indian": "IN", "french": "FR", "norwegian": "NO", "dominican": "DO", "congolese": "CD", "congo": "CD", "dutch": "NL"},
		"it": {"congo": "CD", "dominicana": "DO", "congolese": "CD"},
	}
	for _, lang := range []string{"de", "en", "it", "sv"} {
		lx, err := Load(lang)
		if err != nil {
			t.Fatal(err)
		}
		codes := map[string]map[string]string{}
		for _, tm := range lx.Terms {
			if tm.Kind != Nationality && tm.Kind != Country {
				continue
			}
			if codes[tm.Form] == nil {
				codes[tm.Form] = map[string]string{}
			}
			codes[tm.Form][tm.Code] = tm.Source
		}
		for form, cs := range codes {
			if len(cs) < 2 {
				continue
			}
			// Only a curated row may give a form two codes on purpose
			// ("Deutschtürke": DE and TR).
			for code, src := range cs {
				if !strings.HasPrefix(src, lang+"/nationality.tsv:") {
					t.Errorf("%s: %q has codes %v; %s (from %s) is not curated", lang, form, cs, code, src)
				}
			}
		}
		if codes["man"] != nil {
			t.Errorf("%s: \"man\" is a nationality word: %v", lang, codes["man"])
		}
		for form, code := range want[lang] {
			if cs := codes[form]; len(cs) != 1 || cs[code] == "" {
				t.Errorf("%s: %q has codes %v, want only %s", lang, form, cs, code)
			}
		}
		for _, u := range lx.Unmade {
			if len(u.Codes) < 2 && !strings.HasSuffix(u.Form, ")") {
				t.Errorf("%s: unmade row %+v names one country and has no qualifier", lang, u)
			}
		}
	}
}

// TestFinalAccent checks that Italian terms written with a final accent
// must match as written (final_accent_distinct) and that a term open at
// its end, or one in a language without the setting, need not.
func TestFinalAccent(t *testing.T) {
	it, err := Load("it")
	if err != nil {
		t.Fatal(err)
	}
	if !it.FinalAccentDistinct {
		t.Fatal("it: final_accent_distinct not set")
	}
	accented := map[string]bool{}
	for _, tm := range it.Terms {
		if tm.FinalAccent {
			accented[tm.Form] = true
		}
	}
	for _, f := range []string{"colpi", "violento", "scippo"} {
		if !accented[f] {
			t.Errorf("it: %q (written with a final accent in frames.tsv) not marked FinalAccent", f)
		}
	}
	for _, f := range []string{"colpisce", "arrestato"} {
		if accented[f] {
			t.Errorf("it: %q marked FinalAccent", f)
		}
	}
	for _, w := range []struct {
		written string
		want    bool
	}{{"colpì", true}, {"città", true}, {"colpi", false}, {"colp*", false}, {"colpì*", false}, {"perché", true}} {
		if got := finalAccent(w.written); got != w.want {
			t.Errorf("finalAccent(%q) = %v, want %v", w.written, got, w.want)
		}
	}
	de, err := Load("de")
	if err != nil {
		t.Fatal(err)
	}
	for _, tm := range de.Terms {
		if tm.FinalAccent {
			t.Fatalf("de: %q marked FinalAccent without the setting", tm.Form)
		}
	}
}
