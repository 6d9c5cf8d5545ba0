#include "signed_url.h"

#include <vector>

#include "utf8.h"

namespace cfsigner {

namespace {

Error malformed(std::string message) {
  return makeError(ErrorCode::Malformed, std::move(message));
}

int hexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
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
    int hi = hexValue(text[i + 1]);
    int lo = hexValue(text[i + 2]);
    if (hi < 0 || lo < 0) return false;
    out.push_back(static_cast<char>(hi * 16 + lo));
    i += 2;
  }
  return true;
}

std::optional<std::string>* slotFor(SignedUrlParts& parts, std::string_view name) {
  if (name == "Expires") return &parts.expires;
  if (name == "Policy") return &parts.policy;
  if (name == "Signature") return &parts.signature;
  if (name == "Key-Pair-Id") return &parts.keyPairId;
  if (name == "Hash-Algorithm") return &parts.hashAlgorithm;
  return nullptr;
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

  std::string_view query = url.substr(queryStart + 1);
  std::vector<std::string_view> kept;
  size_t start = 0;
  while (start <= query.size()) {
    size_t amp = query.find('&', start);
    if (amp == std::string_view::npos) amp = query.size();
    std::string_view pair = query.substr(start, amp - start);
    start = amp + 1;

    size_t eq = pair.find('=');
    std::string_view name = pair.substr(0, eq);
    std::optional<std::string>* slot = slotFor(parts, name);
    if (slot == nullptr) {
      // Empty pieces are kept too, so the base URL comes back byte for byte.
      kept.push_back(pair);
      continue;
    }
    if (slot->has_value()) {
      return malformed("Signed URL has the \"" + std::string(name) + "\" parameter more than once.");
    }
    std::string value;
    std::string_view rawValue = eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1);
    if (!percentDecode(rawValue, value)) {
      return malformed("Signed URL parameter \"" + std::string(name) + "\" has invalid percent-encoding.");
    }
    if (!isValidUtf8(value)) {
      return malformed("Signed URL parameter \"" + std::string(name) + "\" is not valid UTF-8.");
    }
    *slot = std::move(value);
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
