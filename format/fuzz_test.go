package format_test

import (
	"bytes"
	"context"
	"testing"

	"github.com/baserate/baserate/format"
)

// FuzzRead runs detection and whichever reader it picks on arbitrary
// bytes under every file name extension: no input may panic, and what
// reads must be valid tables.
func FuzzRead(f *testing.F) {
	f.Add(byte(0), []byte(`{"version":"2.0","class":"dataset","id":["a"],"size":[1],"dimension":{"a":{}},"value":[1]}`))
	f.Add(byte(1), []byte("MATRIX=\"m\";STUB=\"a\";VALUES(\"a\")=\"x\";DATA=\n1;"))
	f.Add(byte(2), []byte("geo\\time\t2020\nAT\t1 p\n"))
	f.Add(byte(3), []byte("STRUCTURE,STRUCTURE_ID,DIM,OBS_VALUE\ndataflow,A:B(1.0),x,1\n"))
	f.Add(byte(4), []byte("a,b,value\nx,y,1\n"))
	f.Add(byte(3), []byte("Statistik_Code;Statistik_Label;Zeit_Code;Zeit_Label;Zeit;1_Merkmal_Code;1_Merkmal_Label;1_Auspraegung_Code;1_Auspraegung_Label;A__B__C\n1;s;JAHR;Jahr;2020;X;x;a;A;1,5\n"))
	f.Add(byte(3), []byte("KEY,FREQ,TIME_PERIOD,OBS_VALUE,TITLE\nEXR.D,D,2024-01-01,1.1,t\n"))
	f.Add(byte(3), []byte("* x\nK;DQ;FACH-SCHL\nD;T\nK;DQA;NAME\nD;A\nK;DQZ;NAME\nD;JAHR\nK;DQI;NAME;ME-NAME\nD;V;u\nK;QEI;F;Z;W;Q;G;V\nD;a;2020;1,5;e;;0\n"))
	f.Add(byte(3), []byte("STRUCTURE,STRUCTURE_ID,ACTION,FREQ:Frequency,TIME_PERIOD,OBS_VALUE,facetId\ndataflow,A:B(1.0),I,M: Monthly,2024-01,:,7\n"))
	names := []string{"f.json", "f.px", "f.tsv", "f.csv", "f.txt", "f.xlsx", "f.warc", "f", "f.json.gz"}
	f.Fuzz(func(t *testing.T, which byte, b []byte) {
		name := names[int(which)%len(names)]
		tables, _, err := format.Read(context.Background(), bytes.NewReader(b), name, format.Options{Lenient: which&0x80 != 0})
		if err != nil {
			return
		}
		for _, tb := range tables {
			if err := tb.Validate(); err != nil {
				t.Fatal(err)
			}
		}
	})
}
