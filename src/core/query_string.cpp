#include "query_string.h"

namespace cfsigner {

std::vector<QueryPair> splitQuery(std::string_view query) {
  std::vector<QueryPair> pairs;
  size_t start = 0;
  while (start <= query.size()) {
    size_t amp = query.find('&', start);
    if (amp == std::string_view::npos) amp = query.size();
    const std::string_view text = query.substr(start, amp - start);
    const size_t eq = text.find('=');
    pairs.push_back({text, text.substr(0, eq),
                     eq == std::string_view::npos ? std::string_view() : text.substr(eq + 1)});
    start = amp + 1;
  }
  return pairs;
}

}  // namespace cfsigner
