// Splitting a URL's query into its '&'-separated pairs, in place: the one
// splitter for signing, verifying and decoding, so they read a query alike.
#pragma once

#include <string_view>
#include <vector>

namespace cfsigner {

struct QueryPair {
  std::string_view text;   // the whole piece between '&'s, possibly empty
  std::string_view name;   // before the first '=' (the whole piece without one)
  std::string_view value;  // after the first '=' (empty without one)
};

// The pieces of `query` (the text after '?'), empty ones included, in order.
std::vector<QueryPair> splitQuery(std::string_view query);

}  // namespace cfsigner
