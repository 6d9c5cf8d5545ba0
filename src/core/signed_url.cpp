#include "signed_url.h"

#include <vector>

#include "hex.h"
#include "query_string.h"
#include "utf8.h"

namespace cfsigner {

namespace {

Error malformed(std::string message) {
  return makeError(ErrorCode::Malformed, std::move(message));
}

// Plain %XX decoding ('+' stays '+': aws-sdk never writes spaces as '+').
bool percentDecode(std::string_view text, std::string& out) {
  out.clear();
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '%') {
      out.push_back(text[i]);
      continue;
    }
    if (i + 2 >= text.size()) return false;
    int hi = hexDigitValue(text[i + 1]);
    int lo = hexDigitValue(text[i + 2]);
    if (hi < 0 || lo < 0) return false;
    out.push_back(static_cast<char>(hi * 16 + lo));
    i += 2;
  }
  return true;
}

}  // namespace

Result<SignedUrlParts> splitSignedUrl(std::string_view url) {
  if (url.substr(0, 7) != "http://" && url.substr(0, 8) != "https://") {
    return malformed("Signed URL must start with \"http://\" or \"https://\".");
  }
  if (!isValidUtf8(url)) return malformed("Signed URL is not valid UTF-8.");
  for (char ch : url) {
    unsigned char c = static_cast<unsigned char>(ch);
    if (c < 0x20 || c == 0x7F) return malformed("Signed URL contains a control character.");
    if (c == '#') return malformed("Signed URL contains a fragment ('#').");
  }

  SignedUrlParts parts;
  size_t queryStart = url.find('?');
  if (queryStart == std::string_view::npos) {
    parts.resourceUrl = std::string(url);
    return parts;
  }

  std::vector<std::string_view> kept;
  for (const QueryPair& pair : splitQuery(url.substr(queryStart + 1))) {
    const std::optional<SigningParameter> parameter = signingParameterNamed(pair.name);
    if (!parameter) {
      // Empty pieces are kept too, so the base URL comes back byte for byte.
      kept.push_back(pair.text);
      continue;
    }
    std::optional<std::string>& slot = parts[*parameter];
    const std::string name(pair.name);
    if (slot.has_value()) {
      return malformed("Signed URL has the \"" + name + "\" parameter more than once.");
    }
    std::string value;
    if (!percentDecode(pair.value, value)) {
      return malformed("Signed URL parameter \"" + name + "\" has invalid percent-encoding.");
    }
    if (!isValidUtf8(value)) {
      return malformed("Signed URL parameter \"" + name + "\" is not valid UTF-8.");
    }
    slot = std::move(value);
  }

  parts.resourceUrl = std::string(url.substr(0, queryStart));
  if (!kept.empty()) {
    parts.resourceUrl.push_back('?');
    for (size_t i = 0; i < kept.size(); ++i) {
      if (i > 0) parts.resourceUrl.push_back('&');
      parts.resourceUrl.append(kept[i].data(), kept[i].size());
    }
  }
  return parts;
}

}  // namespace cfsigner
