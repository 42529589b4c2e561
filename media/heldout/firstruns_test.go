package heldout

import (
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
)

// TestFirstRuns: the stored first-run codings give every set's first-run
// row of README.md (origin_named F1 / micro-F1 / victims counted as
// suspects, with the corrected gold of set 6's r072), and the pooled
// estimate lies inside its own bootstrap interval.
func TestFirstRuns(t *testing.T) {
	ts, err := FirstRuns()
	if err != nil {
		t.Fatal(err)
	}
	if len(ts) != 212*120-1 {
		t.Fatalf("%d texts, want %d", len(ts), 212*120-1)
	}
	for s, w := range firstRunRows {
		var one []Scored
		for _, x := range ts {
			if x.Set == s {
				one = append(one, x)
			}
		}
		f := Score(one)
		if got := fmt.Sprintf("%.3f / %.3f / %d of %d", f.OriginNamed, f.MicroF1, f.VictimsAsSuspects, f.VictimPairs); got != w {
			t.Errorf("set %d: %s, README has %s", s, got, w)
		}
	}
	f := Score(ts)
	iv := Bootstrap(ts, 200, 0.95, 1)
	if !(iv.OriginNamed.Lo < f.OriginNamed && f.OriginNamed < iv.OriginNamed.Hi) || !(iv.MicroF1.Lo < f.MicroF1 && f.MicroF1 < iv.MicroF1.Hi) {
		t.Errorf("pooled %.3f / %.3f outside %v / %v", f.OriginNamed, f.MicroF1, iv.OriginNamed, iv.MicroF1)
	}
}

// TestSharedWithLabels: the texts each group of sets shares with the role
// labels are as many as roles.go and the first-run notes say.
func TestSharedWithLabels(t *testing.T) {
	for _, g := range []struct{ from, to, want int }{{142, 147, 163}, {148, 150, 67}, {151, 153, 70}, {154, 159, 162}, {160, 165, 146}, {166, 169, 99}, {170, 173, 89}, {174, 177, 99}, {178, 181, 94}, {182, 185, 95}, {186, 189, 64}, {190, 193, 75}, {194, 197, 71}, {198, 200, 47}, {201, 204, 61}, {205, 208, 55}, {209, 212, 52}, {213, 215, 41}} {
		n := 0
		for s := g.from; s <= g.to; s++ {
			ids, err := SharedWithLabels(Sets[s-1])
			if err != nil {
				t.Fatal(err)
			}
			n += len(ids)
		}
		if n != g.want {
			t.Errorf("sets %d-%d share %d texts with the labels, want %d", g.from, g.to, n, g.want)
		}
	}
	if _, err := SharedWithLabels("heldout0.jsonl"); err == nil {
		t.Error("no error for a set that does not exist")
	}
}

// firstRunRows are the first-run figures of README.md's table "First
// measurements" (all languages), set by set; TestFirstRunsInREADME checks
// them against the table.
var firstRunRows = map[int]string{
	4: "0.867 / 0.800 / 3 of 8", 5: "0.870 / 0.805 / 6 of 9", 6: "0.833 / 0.800 / 1 of 8",
	7: "0.906 / 0.875 / 1 of 4", 8: "0.925 / 0.831 / 2 of 12", 9: "0.923 / 0.889 / 0 of 4",
	10: "0.885 / 0.847 / 1 of 4", 11: "0.906 / 0.867 / 3 of 11", 12: "0.892 / 0.872 / 0 of 4",
	13: "0.878 / 0.881 / 3 of 10", 14: "0.800 / 0.690 / 3 of 7",
	15: "0.885 / 0.818 / 2 of 7", 16: "0.818 / 0.780 / 1 of 9",
	17: "0.913 / 0.921 / 0 of 8", 18: "0.960 / 0.906 / 3 of 9", 19: "0.780 / 0.739 / 2 of 5",
	20: "0.800 / 0.767 / 1 of 3", 21: "0.870 / 0.792 / 5 of 8", 22: "0.877 / 0.870 / 1 of 6",
	23: "0.909 / 0.825 / 1 of 7", 24: "0.897 / 0.861 / 1 of 2", 25: "0.863 / 0.815 / 2 of 3",
	26: "0.800 / 0.800 / 2 of 8", 27: "0.851 / 0.772 / 1 of 3", 28: "0.884 / 0.873 / 1 of 8", 29: "0.824 / 0.787 / 0 of 4",
	30: "0.840 / 0.774 / 7 of 12", 31: "0.857 / 0.824 / 1 of 6", 32: "0.828 / 0.844 / 2 of 7", 33: "0.909 / 0.882 / 1 of 6",
	34: "0.826 / 0.692 / 2 of 8", 35: "0.902 / 0.820 / 1 of 6",
	36: "0.875 / 0.850 / 1 of 7", 37: "0.923 / 0.846 / 1 of 7", 38: "0.807 / 0.800 / 2 of 7", 39: "0.864 / 0.800 / 3 of 8",
	40: "0.905 / 0.842 / 1 of 10", 41: "0.900 / 0.844 / 1 of 6", 42: "0.894 / 0.880 / 0 of 9", 43: "0.868 / 0.822 / 2 of 2",
	44: "0.926 / 0.935 / 1 of 5", 45: "0.811 / 0.780 / 0 of 11", 46: "0.837 / 0.863 / 1 of 4", 47: "0.902 / 0.852 / 0 of 6",
	48: "0.914 / 0.844 / 0 of 4", 49: "0.939 / 0.912 / 0 of 9", 50: "0.930 / 0.880 / 2 of 9",
	51: "0.913 / 0.882 / 0 of 7", 52: "0.917 / 0.909 / 1 of 5", 53: "0.962 / 0.974 / 1 of 2",
	54: "0.780 / 0.708 / 2 of 7", 55: "0.905 / 0.800 / 2 of 12", 56: "0.877 / 0.842 / 5 of 12",
	57: "0.875 / 0.879 / 0 of 3", 58: "0.936 / 0.868 / 1 of 4", 59: "0.895 / 0.784 / 4 of 11", 60: "0.933 / 0.902 / 2 of 3",
	61: "0.976 / 0.958 / 0 of 8", 62: "0.837 / 0.846 / 1 of 5", 63: "0.913 / 0.862 / 1 of 7",
	64: "0.955 / 0.903 / 1 of 5", 65: "0.865 / 0.894 / 2 of 14", 66: "0.857 / 0.867 / 2 of 5",
	67: "0.967 / 0.943 / 0 of 5", 68: "0.930 / 0.898 / 4 of 5", 69: "0.857 / 0.837 / 0 of 12",
	70: "0.905 / 0.870 / 3 of 5", 71: "0.943 / 0.918 / 1 of 5", 72: "0.921 / 0.901 / 0 of 8",
	73: "0.833 / 0.795 / 2 of 6", 74: "0.894 / 0.836 / 5 of 14", 75: "0.889 / 0.889 / 3 of 8",
	76: "0.889 / 0.806 / 2 of 10", 77: "0.889 / 0.864 / 3 of 5", 78: "0.917 / 0.897 / 1 of 6",
	79: "0.875 / 0.871 / 0 of 4", 80: "0.982 / 0.959 / 0 of 3", 81: "0.943 / 0.933 / 3 of 13",
	82: "0.963 / 0.885 / 0 of 4", 83: "0.857 / 0.872 / 0 of 3", 84: "0.933 / 0.902 / 3 of 12",
	85: "0.909 / 0.882 / 0 of 6", 86: "0.872 / 0.792 / 0 of 7", 87: "0.970 / 0.935 / 1 of 8",
	88: "0.952 / 0.941 / 1 of 4", 89: "0.967 / 0.873 / 4 of 9", 90: "0.857 / 0.839 / 3 of 7",
	91: "0.963 / 0.930 / 2 of 5", 92: "0.935 / 0.911 / 3 of 5", 93: "0.943 / 0.959 / 2 of 5",
	94: "0.885 / 0.852 / 1 of 7", 95: "0.915 / 0.879 / 4 of 10", 96: "0.941 / 0.912 / 3 of 8",
	97: "0.951 / 0.839 / 4 of 6", 98: "0.852 / 0.815 / 1 of 7", 99: "0.949 / 0.889 / 3 of 8",
	100: "0.954 / 0.929 / 2 of 5", 101: "0.870 / 0.868 / 3 of 10", 102: "1.000 / 0.966 / 1 of 5",
	103: "0.967 / 0.907 / 3 of 7", 104: "0.966 / 0.960 / 0 of 2", 105: "0.923 / 0.877 / 1 of 5",
	106: "0.889 / 0.906 / 1 of 4", 107: "0.943 / 0.921 / 1 of 7", 108: "0.939 / 0.871 / 1 of 6",
	109: "0.885 / 0.852 / 3 of 13", 110: "0.884 / 0.784 / 3 of 7", 111: "0.902 / 0.918 / 1 of 5",
	112: "0.951 / 0.892 / 3 of 5", 113: "0.893 / 0.877 / 2 of 6", 114: "0.966 / 0.907 / 1 of 7",
	115: "0.909 / 0.909 / 2 of 6", 116: "0.941 / 0.923 / 1 of 9", 117: "0.909 / 0.836 / 1 of 10",
	118: "0.893 / 0.866 / 2 of 7", 119: "0.941 / 0.899 / 1 of 4", 120: "0.921 / 0.877 / 2 of 14",
	121: "0.926 / 0.879 / 1 of 7", 122: "0.945 / 0.909 / 2 of 8", 123: "0.931 / 0.904 / 1 of 4",
	124: "0.983 / 0.941 / 0 of 3", 125: "0.900 / 0.892 / 1 of 7", 126: "0.840 / 0.807 / 6 of 11",
	127: "0.889 / 0.877 / 1 of 11", 128: "0.980 / 0.933 / 0 of 6", 129: "0.913 / 0.889 / 1 of 7",
	130: "0.984 / 0.973 / 1 of 5", 131: "0.980 / 0.899 / 3 of 7", 132: "0.906 / 0.877 / 2 of 5",
	133: "0.885 / 0.820 / 2 of 7", 134: "0.933 / 0.896 / 2 of 9", 135: "0.894 / 0.846 / 2 of 8",
	136: "0.941 / 0.862 / 4 of 10", 137: "0.868 / 0.821 / 2 of 7", 138: "0.852 / 0.806 / 1 of 3",
	139: "0.909 / 0.902 / 1 of 4", 140: "0.951 / 0.950 / 0 of 6", 141: "0.897 / 0.906 / 2 of 6",
	142: "0.880 / 0.877 / 0 of 7", 143: "0.893 / 0.824 / 1 of 2", 144: "0.923 / 0.935 / 2 of 13",
	145: "0.969 / 0.911 / 0 of 4", 146: "0.862 / 0.882 / 3 of 8", 147: "0.889 / 0.791 / 1 of 7",
	148: "0.755 / 0.750 / 2 of 8", 149: "0.851 / 0.857 / 2 of 10", 150: "0.873 / 0.831 / 0 of 10",
	151: "0.918 / 0.912 / 2 of 6", 152: "0.885 / 0.825 / 2 of 5", 153: "0.926 / 0.892 / 2 of 7",
	154: "0.893 / 0.892 / 1 of 8", 155: "0.885 / 0.889 / 3 of 12", 156: "0.917 / 0.909 / 3 of 8",
	157: "0.912 / 0.880 / 2 of 9", 158: "0.926 / 0.862 / 3 of 6", 159: "0.926 / 0.896 / 3 of 7",
	160: "0.949 / 0.904 / 0 of 4", 161: "0.923 / 0.909 / 2 of 3", 162: "0.900 / 0.844 / 1 of 11",
	163: "0.923 / 0.875 / 0 of 5", 164: "0.844 / 0.786 / 0 of 9", 165: "0.870 / 0.873 / 1 of 5",
	166: "0.957 / 0.931 / 0 of 10", 167: "0.963 / 0.896 / 1 of 4", 168: "0.889 / 0.862 / 4 of 10",
	169: "0.943 / 0.900 / 1 of 7",
	170: "0.941 / 0.931 / 2 of 5", 171: "0.966 / 0.955 / 1 of 3", 172: "0.977 / 0.920 / 0 of 5",
	173: "0.967 / 0.923 / 2 of 9",
	174: "0.880 / 0.821 / 1 of 7", 175: "0.926 / 0.867 / 4 of 11", 176: "0.929 / 0.914 / 2 of 10",
	177: "0.958 / 0.945 / 2 of 5",
	178: "0.943 / 0.917 / 2 of 7", 179: "0.926 / 0.875 / 1 of 6", 180: "0.943 / 0.939 / 0 of 2",
	181: "0.837 / 0.816 / 2 of 7", 182: "0.885 / 0.867 / 0 of 3", 183: "0.909 / 0.900 / 3 of 4",
	184: "0.936 / 0.909 / 2 of 7", 185: "1.000 / 1.000 / 0 of 2",
	// The Italian and English frame (after DevFrameLast).
	186: "0.933 / 0.831 / 3 of 10", 187: "0.912 / 0.889 / 2 of 9", 188: "0.954 / 0.932 / 2 of 6",
	189: "0.944 / 0.918 / 3 of 7", 190: "0.912 / 0.791 / 6 of 8", 191: "0.923 / 0.916 / 1 of 7",
	192: "0.925 / 0.892 / 3 of 4", 193: "0.901 / 0.857 / 2 of 5",
	194: "0.897 / 0.841 / 2 of 6", 195: "0.950 / 0.884 / 4 of 8", 196: "0.899 / 0.874 / 5 of 9",
	197: "0.937 / 0.903 / 0 of 3", 198: "0.899 / 0.847 / 5 of 9", 199: "0.933 / 0.818 / 4 of 11",
	200: "0.909 / 0.886 / 0 of 6", 201: "0.962 / 0.917 / 1 of 5", 202: "0.909 / 0.879 / 3 of 7",
	203: "0.852 / 0.817 / 4 of 7", 204: "0.925 / 0.883 / 2 of 8", 205: "0.882 / 0.837 / 1 of 7",
	206: "0.971 / 0.943 / 4 of 13", 207: "0.897 / 0.873 / 4 of 5", 208: "0.885 / 0.857 / 4 of 9",
	209: "0.766 / 0.764 / 2 of 4", 210: "0.871 / 0.816 / 4 of 7", 211: "0.973 / 0.945 / 0 of 2",
	212: "0.902 / 0.839 / 4 of 10", 213: "0.889 / 0.886 / 3 of 8", 214: "0.967 / 0.933 / 0 of 7",
	215: "0.866 / 0.800 / 4 of 8",
}

// TestFirstRunsInREADME: every set from 4 to the last has its first-run
// figures in firstRunRows, and README.md's first-run table ("First
// measurements") has a row for it whose all-languages cell gives them, so
// that neither the table nor the test can miss a set or drift from the
// other.
func TestFirstRunsInREADME(t *testing.T) {
	b, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	text := string(b)
	i := strings.Index(text, "**First measurements**")
	if i < 0 {
		t.Fatal("README.md has no first-run table")
	}
	cells := map[int][]string{}
	inTable := false
	for _, line := range strings.Split(text[i:], "\n") {
		if !strings.HasPrefix(line, "|") {
			if inTable {
				break
			}
			continue
		}
		inTable = true
		f := strings.Split(line, "|")
		var n int
		if len(f) < 3 || !strings.HasPrefix(strings.TrimSpace(f[1]), "set ") {
			continue
		}
		if _, err := fmt.Sscanf(strings.TrimSpace(f[1]), "set %d", &n); err != nil {
			continue
		}
		cells[n] = append(cells[n], normalizeCell(strings.TrimSpace(f[2])))
	}
	for s := 4; s <= len(Sets); s++ {
		w, ok := firstRunRows[s]
		if !ok {
			t.Errorf("set %d: no first-run figures in firstRunRows", s)
			continue
		}
		if len(cells[s]) == 0 {
			t.Errorf("set %d: no row in README.md's first-run table", s)
			continue
		}
		if !slices.Contains(cells[s], w) {
			t.Errorf("set %d: README.md's first-run table has %q, the stored first runs give %q", s, cells[s], w)
		}
	}
}

// normalizeCell writes a README cell's figures as fmt's %.3f does ("1 /
// 0.952 / 1 of 2" as "1.000 / 0.952 / 1 of 2").
func normalizeCell(c string) string {
	p := strings.Split(c, " / ")
	for i := range p[:min(2, len(p))] {
		switch p[i] {
		case "1":
			p[i] = "1.000"
		case "0":
			p[i] = "0.000"
		}
	}
	return strings.Join(p, " / ")
}
