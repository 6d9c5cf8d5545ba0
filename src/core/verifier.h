// Checks signed URLs and signed cookies the way CloudFront does for a behavior
// with a trusted key group: signature, policy, resource, dates and source IP.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "decoder.h"
#include "errors.h"
#include "keys.h"
#include "signing_parameters.h"

namespace cfsigner {

// Finds the trusted public key for an ID; an unknown ID is ErrorCode::UnknownKey.
using PublicKeyLookup = std::function<Result<PublicKey>(const std::string& keyPairId)>;

struct VerifyOptions {
  int64_t now = 0;                        // epoch seconds
  std::optional<std::string> sourceIp;    // the viewer's IPv4 address
};

// What verification read, once the signature and every condition checked out.
using VerifiedRequest = DecodedRequest;

Result<VerifiedRequest> verifySignedUrl(std::string_view url, const PublicKeyLookup& lookup,
                                        const VerifyOptions& options);
// `url` is the request URL the cookies came with.
Result<VerifiedRequest> verifySignedCookies(std::string_view url, const SigningValues& cookies,
                                            const PublicKeyLookup& lookup,
                                            const VerifyOptions& options);

}  // namespace cfsigner
