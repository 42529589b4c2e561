// Package rate computes shares, crude rates, rate ratios and directly and
// indirectly standardized rates with exact or near-exact intervals, and
// returns every edge case as a finite number plus a [baserate.Warning],
// never as NaN or Inf.
//
// Intervals:
//   - a count's interval is the exact Poisson (Garwood 1936) interval, from
//     gamma quantiles;
//   - a share's interval is the exact binomial (Clopper–Pearson) interval;
//   - the ratio of two crude rates has the exact conditional interval
//     (the binomial split of the two counts, as R's poisson.test);
//   - a directly standardized rate (DSR) has the Fay–Feuer (1997) gamma
//     interval (the numbers of epitools::ageadjust.direct), the
//     Tiwari–Clegg–Zou (2006) modified gamma interval, or the Dobson et al.
//     (1991) interval built from Byar's approximation to the exact count
//     interval (the numbers of PHEindicatormethods::phe_dsr);
//   - the standardized mortality/morbidity ratio (SMR) of indirect
//     standardization has the exact Poisson interval of the observed count
//     divided by the expected count;
//   - the ratio of two DSRs has the log-normal interval.
//
// Gamma and beta quantiles come from gonum's distuv, which agrees with R's
// qgamma to about 1e-15 relative over the counts seen in police statistics.
//
// Edge cases, all documented in docs/rates.md: a zero count has lower limit
// 0; a zero population gives a rate of 0 with a warning; a stratum with no
// population contributes nothing to a DSR (warning "zero-pop-stratum"); a
// ratio whose denominator is 0 is reported as 0 with warning
// "undefined-ratio"; fewer than 20 events give warning "small-count".
package rate
