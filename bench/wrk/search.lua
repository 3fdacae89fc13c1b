-- GET /search with the seed's parameters, one query after another (make bench, bench/README.md).
local queries = {
  "/search",
  "/search?restaurant_style=italian",
  "/search?vegetarian=true",
  "/search?delivery=true&restaurant_style=chinese",
  "/search?restaurant_name=sa",
  "/search?restaurant_name=amore&vegetarian=true&delivery=true",
}
local i = 0
request = function()
  i = i % #queries + 1
  return wrk.format("GET", queries[i])
end
