// Package index aggregates coded texts into media shares and compares
// them with the police share of non-national suspects: the share of crime
// items that name a suspect's origin, the share foreign among the items
// that do, and against the police share both the share ratio (Hestermann
// 2025, "about threefold") and the odds ratio (Hestermann 2019, "×19",
// "×32"), with percentile bootstrap intervals that resample texts, seeded
// and reproducible. Results are [baserate.Table] values, so the rates
// engine and the dashboard treat them like any other table.
package index
