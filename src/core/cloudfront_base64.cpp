#include "cloudfront_base64.h"

#include <cstdint>

namespace cfsigner {

namespace {

const char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-~";
const char kPad = '_';

// Value of a data character, or -1.
int sextetValue(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  // Only CloudFront's characters: accepting standard base64's "+", "/" and "=" as well
  // would let one signed URL be written several ways.
  if (c == '-') return 62;
  if (c == '~') return 63;
  return -1;
}

bool isPad(char c) { return c == kPad; }

Error malformed(std::string message) {
  return makeError(ErrorCode::Malformed, std::move(message));
}

}  // namespace

std::string cloudFrontBase64Encode(std::string_view bytes) {
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  size_t i = 0;
  for (; i + 3 <= bytes.size(); i += 3) {
    uint32_t n = (static_cast<uint32_t>(static_cast<unsigned char>(bytes[i])) << 16) |
                 (static_cast<uint32_t>(static_cast<unsigned char>(bytes[i + 1])) << 8) |
                 static_cast<uint32_t>(static_cast<unsigned char>(bytes[i + 2]));
    out.push_back(kAlphabet[(n >> 18) & 63]);
    out.push_back(kAlphabet[(n >> 12) & 63]);
    out.push_back(kAlphabet[(n >> 6) & 63]);
    out.push_back(kAlphabet[n & 63]);
  }
  size_t left = bytes.size() - i;
  if (left > 0) {
    uint32_t n = static_cast<uint32_t>(static_cast<unsigned char>(bytes[i])) << 16;
    if (left == 2) n |= static_cast<uint32_t>(static_cast<unsigned char>(bytes[i + 1])) << 8;
    out.push_back(kAlphabet[(n >> 18) & 63]);
    out.push_back(kAlphabet[(n >> 12) & 63]);
    out.push_back(left == 2 ? kAlphabet[(n >> 6) & 63] : kPad);
    out.push_back(kPad);
  }
  return out;
}

Result<std::string> cloudFrontBase64Decode(std::string_view text) {
  if (text.size() % 4 != 0) {
    return malformed("Base64 text length must be a multiple of 4 (padding included).");
  }
  std::string out;
  out.reserve(text.size() / 4 * 3);
  for (size_t i = 0; i < text.size(); i += 4) {
    bool last = i + 4 == text.size();
    int v[4];
    int padding = 0;
    for (int j = 0; j < 4; ++j) {
      char c = text[i + j];
      if (isPad(c)) {
        // Padding only in the last two positions of the final group.
        if (!last || j < 2) return malformed("Base64 padding in the wrong place.");
        ++padding;
        v[j] = 0;
        continue;
      }
      if (padding > 0) return malformed("Base64 data after padding.");
      v[j] = sextetValue(c);
      if (v[j] < 0) return malformed("Base64 text contains an invalid character.");
    }
    uint32_t n = (static_cast<uint32_t>(v[0]) << 18) | (static_cast<uint32_t>(v[1]) << 12) |
                 (static_cast<uint32_t>(v[2]) << 6) | static_cast<uint32_t>(v[3]);
    // Non-zero unused bits would mean two texts decode to the same bytes.
    if ((padding == 1 && (n & 0xFF) != 0) || (padding == 2 && (n & 0xFFFF) != 0)) {
      return malformed("Base64 text has non-zero trailing bits.");
    }
    out.push_back(static_cast<char>((n >> 16) & 0xFF));
    if (padding < 2) out.push_back(static_cast<char>((n >> 8) & 0xFF));
    if (padding < 1) out.push_back(static_cast<char>(n & 0xFF));
  }
  return out;
}

}  // namespace cfsigner
