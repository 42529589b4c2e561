package heldout

import (
	"fmt"
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
	if len(ts) != 84*120-1 {
		t.Fatalf("%d texts, want %d", len(ts), 84*120-1)
	}
	want := map[int]string{
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
	}
	for s, w := range want {
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
