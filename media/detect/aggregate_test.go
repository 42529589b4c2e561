package detect

import (
	"slices"
	"testing"

	"github.com/baserate/baserate"
)

// TestAggregates: a statistics piece is no crime report, and a
// nationality said of a part of a counted group names no suspect; a
// report with a few counts stays a report.
func TestAggregates(t *testing.T) {
	c, err := New()
	if err != nil {
		t.Fatal(err)
	}
	stats := "Die Polizei zieht Bilanz. Im vergangenen Jahr wurden 2.417 Straftaten registriert, darunter 312 Körperverletzungen und 98 Sachbeschädigungen. " +
		"In 1.210 Fällen wurden Tatverdächtige ermittelt, 640 Tatverdächtige hatten die deutsche Staatsangehörigkeit."
	if cod := c.Code(baserate.Article{ID: "s", Text: stats, Lang: "de"}); cod.Crime || cod.OriginNamed {
		t.Errorf("statistics piece: crime %v, suspects %v; want no crime report", cod.Crime, cod.SuspectOrigins)
	}
	report := "Bei der Demonstration mit rund 300 Teilnehmern wurden 12 Anzeigen wegen Sachbeschädigung geschrieben. Ein 23-jähriger Syrer wurde wegen Körperverletzung festgenommen."
	if cod := c.Code(baserate.Article{ID: "r", Text: report, Lang: "de"}); !cod.Crime || !slices.Equal(cod.SuspectOrigins, []string{"SY"}) {
		t.Errorf("report: crime %v, suspects %v; want a crime and SY", cod.Crime, cod.SuspectOrigins)
	}
	checked := "Controlli della polizia nelle discoteche: sono state identificate 42 persone, di cui 13 di nazionalità straniera. Un giovane è stato arrestato per spaccio di droga."
	if cod := c.Code(baserate.Article{ID: "p", Text: checked, Lang: "it"}); !cod.Crime || cod.OriginNamed {
		t.Errorf("people checked: crime %v, suspects %v; want a crime and no suspect origin", cod.Crime, cod.SuspectOrigins)
	}
}

// TestRoleNounCoref: a person named without a role cue is taken up by a
// definite role noun later in the release, past a group named in
// between; not when the role noun's person was named before the mention.
func TestRoleNounCoref(t *testing.T) {
	c, err := New()
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		text              string
		suspects, victims []string
	}{
		{"Am Abend ging ein 31-jähriger Niederländer durch die Innenstadt. Plötzlich traten ihm drei Männer entgegen und forderten Geld. Der verängstigte Geschädigte übergab 50 Euro. Die Täter flüchteten.",
			nil, []string{"NL"}},
		{"Der Geschädigte war in der Nacht auf dem Heimweg, als ihm sein Handy geraubt wurde. Später nahm die Polizei einen 26-jährigen Italiener fest. Der Geschädigte erkannte ihn wieder.",
			[]string{"IT"}, nil},
	}
	for _, tc := range cases {
		cod := c.Code(baserate.Article{ID: "t", Text: tc.text, Lang: "de"})
		if !slices.Equal(cod.SuspectOrigins, append([]string{}, tc.suspects...)) || !slices.Equal(cod.VictimOrigins, append([]string{}, tc.victims...)) {
			t.Errorf("%.50q…: suspects %v victims %v, want %v %v", tc.text, cod.SuspectOrigins, cod.VictimOrigins, tc.suspects, tc.victims)
		}
	}
}
