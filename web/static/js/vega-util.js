// The three vega-util exports that the vendored vega-interpreter module
// imports, taken from the vega bundle the page has already loaded (it
// includes vega-util). The page's import map points "vega-util" here.
const v = globalThis.vega;
export const ascending = v.ascending;
export const isString = v.isString;
export const DisallowedObjectProperties = v.DisallowedObjectProperties;
