// libFuzzer: verifying a signed URL, and the same bytes as cookie values, against
// a trusted RSA key and an ECDSA key.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "verifier.h"

namespace {

// Test-only public keys (tests/fixtures/keys), so the fuzzer reaches signature checks.
const char kRsaPublic[] =
#include "fuzz_rsa_public.inc"
    ;
const char kEcPublic[] =
#include "fuzz_ec_public.inc"
    ;

cfsigner::Result<cfsigner::PublicKey> lookup(const std::string& keyPairId) {
  if (keyPairId == "KRSA") return cfsigner::PublicKey::load(kRsaPublic);
  if (keyPairId == "KEC") return cfsigner::PublicKey::load(kEcPublic);
  return cfsigner::makeError(cfsigner::ErrorCode::UnknownKey, "Unknown Key");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const cfsigner::VerifyOptions options{1767225000, std::string("192.0.2.1")};
  (void)cfsigner::verifySignedUrl(input, lookup, options);
  (void)cfsigner::decodeSignedUrl(input);

  // Cookies: the input split on ';' into the five CloudFront cookie values.
  cfsigner::SigningValues cookies;
  std::optional<std::string>* slots[] = {&cookies.keyPairId, &cookies.signature, &cookies.policy,
                                         &cookies.expires, &cookies.hashAlgorithm};
  size_t start = 0;
  for (auto* slot : slots) {
    if (start > input.size()) break;
    const size_t end = std::min(input.find(';', start), input.size());
    slot->emplace(input.substr(start, end - start));
    start = end + 1;
  }
  (void)cfsigner::verifySignedCookies("https://d111111abcdef8.cloudfront.net/a", cookies, lookup, options);
  (void)cfsigner::decodeSignedCookies("https://d111111abcdef8.cloudfront.net/a", cookies);
  return 0;
}
