#include "emsa_pkcs1.h"

#include <algorithm>

namespace cfsigner {

namespace {

// The DER DigestInfo header before the digest (RFC 8017, section 9.2, note 1).
constexpr unsigned char kSha1Prefix[] = {0x30, 0x21, 0x30, 0x09, 0x06, 0x05, 0x2b, 0x0e,
                                         0x03, 0x02, 0x1a, 0x05, 0x00, 0x04, 0x14};
constexpr unsigned char kSha256Prefix[] = {0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60,
                                           0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02,
                                           0x01, 0x05, 0x00, 0x04, 0x20};

}  // namespace

std::array<unsigned char, kRsa2048Bytes> encodeEmsaPkcs1(HashAlgorithm algorithm,
                                                         const unsigned char* digest) {
  const bool sha256 = algorithm == HashAlgorithm::Sha256;
  const unsigned char* prefix = sha256 ? kSha256Prefix : kSha1Prefix;
  const size_t prefixSize = sha256 ? sizeof(kSha256Prefix) : sizeof(kSha1Prefix);
  const size_t digestSize = sha256 ? 32 : 20;
  std::array<unsigned char, kRsa2048Bytes> encoded;
  encoded.fill(0xff);
  encoded[0] = 0x00;
  encoded[1] = 0x01;
  const size_t infoStart = kRsa2048Bytes - prefixSize - digestSize;
  encoded[infoStart - 1] = 0x00;
  std::copy(prefix, prefix + prefixSize, encoded.begin() + infoStart);
  std::copy(digest, digest + digestSize, encoded.begin() + infoStart + prefixSize);
  return encoded;
}

}  // namespace cfsigner
