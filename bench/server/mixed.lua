-- wrk script: fact sheets for 40 offence keys x 10 years, in turn, so that
-- the first pass computes them and later passes hit the cache.
local keys = {"890000","------","892000","100000","111000","210000","220000","222000","224000","****00",
  "3***00","4***00","435*00","510000","500000","600000","730000","725000","726000","010000",
  "000000","020000","113000","131000","200000","230000","620000","640000","674000","700000",
  "891000","893000","897000","899000","*26*00","*90*00","140000","216000","217000","219000"}
local years = {2015,2016,2017,2018,2019,2020,2021,2022,2023,2024}
local i = 0
request = function()
  i = i + 1
  local k = keys[(i % #keys) + 1]
  local y = years[(math.floor(i / #keys) % #years) + 1]
  k = k:gsub("%*", "%%2A")
  return wrk.format("GET", "/api/v1/factsheet?year=" .. y .. "&offence=" .. k)
end
