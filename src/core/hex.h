// Hex digits, as read by percent-decoding and JSON \u escapes.
#pragma once

namespace cfsigner {

// 0..15 for 0-9, A-F and a-f; -1 for anything else.
inline int hexDigitValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

}  // namespace cfsigner
