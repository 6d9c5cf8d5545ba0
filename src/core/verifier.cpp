#include "verifier.h"

#include "ip_range.h"
#include "signed_url.h"

namespace cfsigner {

namespace {

Status checkConditions(const VerifiedRequest& request, const VerifyOptions& options) {
  const PolicyConditions& conditions = request.conditions;
  if (!resourceCoversUrl(request)) {
    return makeError(ErrorCode::ResourceMismatch, "the policy's Resource does not cover this URL");
  }
  if (options.now >= conditions.dateLessThan) {
    return makeError(ErrorCode::Expired, "the signature expired at epoch " +
                                             std::to_string(conditions.dateLessThan));
  }
  if (conditions.dateGreaterThan && options.now < *conditions.dateGreaterThan) {
    return makeError(ErrorCode::NotYetValid, "the signature is valid only from epoch " +
                                                 std::to_string(*conditions.dateGreaterThan));
  }
  if (conditions.ipAddress) {
    if (!options.sourceIp) {
      return makeError(ErrorCode::IpMismatch, "the policy allows only " + *conditions.ipAddress +
                                                  "; pass the viewer's sourceIp to check it");
    }
    Result<bool> inRange = ipInRange(*conditions.ipAddress, *options.sourceIp);
    if (!inRange) return inRange.error();
    if (!inRange.value()) {
      return makeError(ErrorCode::IpMismatch, "the source IP is outside " + *conditions.ipAddress);
    }
  }
  return Ok{};
}

Result<VerifiedRequest> verify(std::string resourceUrl, const SigningValues& values,
                               const PublicKeyLookup& lookup, const VerifyOptions& options) {
  Result<VerifiedRequest> read = readSigningValues(std::move(resourceUrl), values);
  if (!read) return read.error();
  VerifiedRequest& request = read.value();

  Result<PublicKey> key = lookup(request.keyPairId);
  if (!key) return key.error();

  if (Status status = decodePolicyAndSignature(request); !status) return status.error();
  if (!key.value().verify(request.algorithm, request.policy, request.signature)) {
    return makeError(ErrorCode::BadSignature, "the signature does not match");
  }
  if (Status status = checkConditions(request, options); !status) return status.error();
  return read;
}

}  // namespace

Result<VerifiedRequest> verifySignedUrl(std::string_view url, const PublicKeyLookup& lookup,
                                        const VerifyOptions& options) {
  Result<SignedUrlParts> parts = splitSignedUrl(url);
  if (!parts) return parts.error();
  return verify(std::move(parts.value().resourceUrl), parts.value(), lookup, options);
}

Result<VerifiedRequest> verifySignedCookies(std::string_view url, const SigningValues& cookies,
                                            const PublicKeyLookup& lookup,
                                            const VerifyOptions& options) {
  return verify(std::string(url), cookies, lookup, options);
}

}  // namespace cfsigner
