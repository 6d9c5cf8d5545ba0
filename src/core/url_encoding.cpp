#include "url_encoding.h"

#include "hex.h"
#include "query_string.h"
#include "signing_parameters.h"
#include "utf8.h"

namespace cfsigner {

namespace {

const char kHex[] = "0123456789ABCDEF";

bool isAsciiAlnum(unsigned char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

// The bytes encodeURIComponent leaves alone.
bool isUriUnreserved(unsigned char c) {
  if (isAsciiAlnum(c)) return true;
  switch (c) {
    case '-': case '_': case '.': case '!': case '~':
    case '*': case '\'': case '(': case ')':
      return true;
    default:
      return false;
  }
}

void appendPercentByte(std::string& out, unsigned char c) {
  out.push_back('%');
  out.push_back(kHex[c >> 4]);
  out.push_back(kHex[c & 0x0F]);
}

// Reads "%XX" at text[pos]; returns the byte or -1.
int percentByteAt(std::string_view text, size_t pos) {
  if (pos + 2 >= text.size() || text[pos] != '%') return -1;
  int hi = hexDigitValue(text[pos + 1]);
  int lo = hexDigitValue(text[pos + 2]);
  if (hi < 0 || lo < 0) return -1;
  return hi * 16 + lo;
}

// ECMAScript decodeURIComponent (the spec's Decode with an empty reserved
// set). Returns false exactly where JS throws URIError, so the caller can
// fall back like aws-sdk's try/catch does.
bool decodeUriComponent(std::string_view text, std::string& out) {
  out.clear();
  out.reserve(text.size());
  size_t k = 0;
  while (k < text.size()) {
    if (text[k] != '%') {
      out.push_back(text[k]);
      ++k;
      continue;
    }
    int lead = percentByteAt(text, k);
    if (lead < 0) return false;
    k += 3;
    if (lead < 0x80) {
      out.push_back(static_cast<char>(lead));
      continue;
    }
    // Count leading one bits: 1 or more than 4 is never a lead byte.
    int n = 0;
    while (n < 8 && (lead & (0x80 >> n)) != 0) ++n;
    if (n == 1 || n > 4) return false;
    std::string octets(1, static_cast<char>(lead));
    for (int j = 1; j < n; ++j) {
      // Each continuation byte must itself be written as %XX.
      int cont = percentByteAt(text, k);
      if (cont < 0 || (cont & 0xC0) != 0x80) return false;
      octets.push_back(static_cast<char>(cont));
      k += 3;
    }
    // Rejects overlong forms, surrogates and values above U+10FFFF.
    if (utf8SequenceLength(octets, 0) != octets.size()) return false;
    out += octets;
  }
  return true;
}

bool isHexDigit(char c) { return hexDigitValue(c) >= 0; }

// aws-sdk's encodeQueryComponent: keeps '+' and %XX (uppercased), encodes the
// rest with encodeURIComponent and additionally escapes '\''.
std::string encodeQueryComponent(std::string_view component) {
  std::string out;
  out.reserve(component.size());
  size_t i = 0;
  while (i < component.size()) {
    unsigned char c = static_cast<unsigned char>(component[i]);
    if (c == '%' && i + 2 < component.size() && isHexDigit(component[i + 1]) &&
        isHexDigit(component[i + 2])) {
      out.push_back('%');
      out.push_back(kHex[hexDigitValue(component[i + 1])]);
      out.push_back(kHex[hexDigitValue(component[i + 2])]);
      i += 3;
      continue;
    }
    if (c == '+') {
      out.push_back('+');
    } else if (c == '\'') {
      out += "%27";
    } else if (isUriUnreserved(c)) {
      out.push_back(static_cast<char>(c));
    } else {
      appendPercentByte(out, c);
    }
    ++i;
  }
  return out;
}

std::string encodePathSegment(std::string_view segment) {
  std::string decoded;
  if (decodeUriComponent(segment, decoded)) return encodeUriComponent(decoded);
  return encodeUriComponent(segment);
}

// Whitespace that must never appear in a host name (ASCII controls are
// rejected for the whole URL separately).
bool isWhitespaceCodePointAt(std::string_view text, size_t pos, size_t len) {
  if (len == 1) return text[pos] == ' ';
  static const char* const kSpaces[] = {
      "\xC2\x85",     "\xC2\xA0",     "\xE1\x9A\x80", "\xE2\x80\x80", "\xE2\x80\x81",
      "\xE2\x80\x82", "\xE2\x80\x83", "\xE2\x80\x84", "\xE2\x80\x85", "\xE2\x80\x86",
      "\xE2\x80\x87", "\xE2\x80\x88", "\xE2\x80\x89", "\xE2\x80\x8A", "\xE2\x80\xA8",
      "\xE2\x80\xA9", "\xE2\x80\xAF", "\xE2\x81\x9F", "\xE3\x80\x80", "\xEF\xBB\xBF",
  };
  std::string_view seq = text.substr(pos, len);
  for (const char* s : kSpaces) {
    if (seq == s) return true;
  }
  return false;
}

Error urlError(std::string message) {
  return makeError(ErrorCode::InvalidUrl, std::move(message));
}

}  // namespace

std::string encodeUriComponent(std::string_view utf8) {
  std::string out;
  out.reserve(utf8.size());
  for (char ch : utf8) {
    unsigned char c = static_cast<unsigned char>(ch);
    if (isUriUnreserved(c)) {
      out.push_back(ch);
    } else {
      appendPercentByte(out, c);
    }
  }
  return out;
}

std::string extendedEncodeUriComponent(std::string_view utf8) {
  std::string out;
  out.reserve(utf8.size());
  for (char ch : utf8) {
    unsigned char c = static_cast<unsigned char>(ch);
    bool extraEscape = c == '!' || c == '\'' || c == '(' || c == ')' || c == '*';
    if (isUriUnreserved(c) && !extraEscape) {
      out.push_back(ch);
    } else {
      appendPercentByte(out, c);
    }
  }
  return out;
}

std::string encodeUrlPath(std::string_view url) {
  size_t protocolEnd = url.find("//");
  if (protocolEnd == std::string_view::npos) return std::string(url);
  size_t pathStart = url.find('/', protocolEnd + 2);
  if (pathStart == std::string_view::npos) return std::string(url);

  std::string_view rest = url.substr(pathStart);
  size_t queryIndex = rest.find('?');
  std::string_view rawPath = rest.substr(0, queryIndex);
  std::string_view rawQuery =
      queryIndex == std::string_view::npos ? std::string_view() : rest.substr(queryIndex);

  std::string out(url.substr(0, pathStart));
  out.reserve(url.size() + url.size() / 2);

  // Path: every maximal run of non-'/' bytes is one segment.
  size_t i = 0;
  while (i < rawPath.size()) {
    if (rawPath[i] == '/') {
      out.push_back('/');
      ++i;
      continue;
    }
    size_t end = rawPath.find('/', i);
    if (end == std::string_view::npos) end = rawPath.size();
    out += encodePathSegment(rawPath.substr(i, end - i));
    i = end;
  }

  // Query: empty pairs are dropped and every pair gets an '='.
  if (!rawQuery.empty()) {
    bool first = true;
    for (const QueryPair& pair : splitQuery(rawQuery.substr(1))) {
      if (pair.text.empty()) continue;
      out.push_back(first ? '?' : '&');
      first = false;
      out += encodeQueryComponent(pair.name);
      out.push_back('=');
      out += encodeQueryComponent(pair.value);
    }
  }
  return out;
}

Result<std::string> prepareUrlForSigning(std::string_view url) {
  if (url.empty()) return urlError("URL is empty.");
  if (!isValidUtf8(url)) return urlError("URL is not valid UTF-8.");

  size_t authorityStart;
  if (url.substr(0, 7) == "http://") {
    authorityStart = 7;
  } else if (url.substr(0, 8) == "https://") {
    authorityStart = 8;
  } else {
    return urlError("URL must start with \"http://\" or \"https://\" (lowercase).");
  }

  for (char ch : url) {
    unsigned char c = static_cast<unsigned char>(ch);
    if (c < 0x20 || c == 0x7F) return urlError("URL contains a control character.");
    if (c == '#') {
      return urlError("URL contains a fragment ('#'); CloudFront never receives fragments.");
    }
    if (c == '"') return urlError("URL contains a double quote ('\"').");
    if (c == '\\') return urlError("URL contains a backslash ('\\').");
  }

  size_t authorityEnd = url.find_first_of("/?", authorityStart);
  if (authorityEnd == std::string_view::npos) authorityEnd = url.size();
  if (authorityEnd == authorityStart) return urlError("URL has an empty host.");
  for (size_t pos = authorityStart; pos < authorityEnd;) {
    size_t len = utf8SequenceLength(url, pos);
    if (isWhitespaceCodePointAt(url, pos, len)) {
      return urlError("URL host contains whitespace.");
    }
    pos += len;
  }

  std::string encoded = encodeUrlPath(url);

  size_t queryStart = encoded.find('?');
  if (queryStart != std::string::npos) {
    for (const QueryPair& pair : splitQuery(std::string_view(encoded).substr(queryStart + 1))) {
      if (signingParameterNamed(pair.name)) {
        return urlError("URL already carries CloudFront signing parameters (\"" +
                        std::string(pair.name) + "\" in the query).");
      }
    }
  }
  return encoded;
}

}  // namespace cfsigner
