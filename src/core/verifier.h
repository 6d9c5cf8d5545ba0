// Checks signed URLs and signed cookies the way CloudFront does for a behavior
// with a trusted key group: signature, policy, resource, dates and source IP.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "errors.h"
#include "hash_algorithm.h"
#include "keys.h"
#include "policy.h"

namespace cfsigner {

// The signing values a request carries, from its query or its cookies.
struct SigningValues {
  std::optional<std::string> expires;
  std::optional<std::string> policy;
  std::optional<std::string> signature;
  std::optional<std::string> keyPairId;
  std::optional<std::string> hashAlgorithm;
};

// Finds the trusted public key for an ID; an unknown ID is ErrorCode::UnknownKey.
using PublicKeyLookup = std::function<Result<PublicKey>(const std::string& keyPairId)>;

struct VerifyOptions {
  int64_t now = 0;                        // epoch seconds
  std::optional<std::string> sourceIp;    // the viewer's IPv4 address
};

struct VerifiedRequest {
  std::string keyPairId;
  std::string policy;        // the signed policy bytes (rebuilt for a canned policy)
  PolicyConditions conditions;
  HashAlgorithm algorithm = HashAlgorithm::Sha1;
  bool customPolicy = false;
  std::string resourceUrl;   // the URL without its signing parameters
};

Result<VerifiedRequest> verifySignedUrl(std::string_view url, const PublicKeyLookup& lookup,
                                        const VerifyOptions& options);
// `url` is the request URL the cookies came with.
Result<VerifiedRequest> verifySignedCookies(std::string_view url, const SigningValues& cookies,
                                            const PublicKeyLookup& lookup,
                                            const VerifyOptions& options);

}  // namespace cfsigner
