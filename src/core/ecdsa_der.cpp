#include "ecdsa_der.h"

#include <cstddef>

namespace cfsigner {

namespace {

constexpr unsigned char kSequence = 0x30;
constexpr unsigned char kInteger = 0x02;
// A P-256 scalar is 32 bytes, plus a 0x00 when its top bit is set.
constexpr size_t kMaxIntegerBytes = 33;

unsigned char byteAt(std::string_view bytes, size_t index) {
  return static_cast<unsigned char>(bytes[index]);
}

// Reads one minimal, positive INTEGER at `pos` and moves past it.
bool readInteger(std::string_view der, size_t& pos) {
  if (der.size() - pos < 2 || byteAt(der, pos) != kInteger) return false;
  const size_t length = byteAt(der, pos + 1);  // short form: a value under 0x80
  if (length == 0 || length > kMaxIntegerBytes || der.size() - pos - 2 < length) return false;
  const unsigned char first = byteAt(der, pos + 2);
  if (first & 0x80) return false;  // negative
  if (first == 0x00 && (length == 1 || !(byteAt(der, pos + 3) & 0x80))) return false;  // not minimal
  pos += 2 + length;
  return true;
}

}  // namespace

bool isStrictDerEcdsaSignature(std::string_view signature) {
  if (signature.size() < 2 || byteAt(signature, 0) != kSequence) return false;
  const size_t length = byteAt(signature, 1);
  // The whole signature fits a short-form length, and nothing may follow it.
  if (length >= 0x80 || length != signature.size() - 2) return false;
  size_t pos = 2;
  return readInteger(signature, pos) && readInteger(signature, pos) && pos == signature.size();
}

}  // namespace cfsigner
