package index

import (
	"encoding/json"
	"math"
	"reflect"
	"strings"
)

// MarshalJSON writes the result with null for undefined numbers (NaN,
// ±Inf), which JSON cannot carry.
func (r *Result) MarshalJSON() ([]byte, error) { return json.Marshal(clean(reflect.ValueOf(*r))) }

// MarshalJSON writes the cell with null for undefined numbers.
func (c Cell) MarshalJSON() ([]byte, error) { return json.Marshal(clean(reflect.ValueOf(c))) }

// clean turns structs into maps by their json tags (flattening embedded
// structs) and non-finite floats into nil.
func clean(v reflect.Value) any {
	switch v.Kind() {
	case reflect.Float32, reflect.Float64:
		f := v.Float()
		if math.IsNaN(f) || math.IsInf(f, 0) {
			return nil
		}
		return f
	case reflect.Array, reflect.Slice:
		if v.Kind() == reflect.Slice && v.IsNil() {
			return []any{}
		}
		out := make([]any, v.Len())
		for i := range out {
			out[i] = clean(v.Index(i))
		}
		return out
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			return nil
		}
		if t, ok := v.Interface().(interface{ isTable() }); ok {
			return t
		}
		return clean(v.Elem())
	case reflect.Struct:
		m := map[string]any{}
		t := v.Type()
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			if !f.IsExported() {
				continue
			}
			tag := f.Tag.Get("json")
			name, opts, _ := strings.Cut(tag, ",")
			if name == "-" {
				continue
			}
			if f.Anonymous && name == "" {
				if sub, ok := clean(v.Field(i)).(map[string]any); ok {
					for k, x := range sub {
						m[k] = x
					}
				}
				continue
			}
			if name == "" {
				name = f.Name
			}
			fv := v.Field(i)
			if strings.Contains(opts, "omitempty") && fv.IsZero() {
				continue
			}
			m[name] = clean(fv)
		}
		return m
	}
	return v.Interface()
}
