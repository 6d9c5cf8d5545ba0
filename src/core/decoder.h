// Reads a signed URL or signed cookies without a key: which key and hash they
// name, the policy they carry (or the canned policy CloudFront rebuilds from
// the URL) and its conditions. The verifier checks what this reads.
#pragma once

#include <string>
#include <string_view>

#include "errors.h"
#include "hash_algorithm.h"
#include "policy.h"
#include "signing_parameters.h"

namespace cfsigner {

struct DecodedRequest {
  std::string keyPairId;
  std::string policy;        // the signed policy bytes (rebuilt for a canned policy)
  PolicyConditions conditions;
  HashAlgorithm algorithm = HashAlgorithm::Sha1;
  bool customPolicy = false;
  std::string resourceUrl;   // the URL without its signing parameters
  SigningValues values;      // the signing values as received
  std::string signature;     // the Signature's bytes
};

// Errors: those of splitSignedUrl, then ErrorCode::MissingKeyPairId, Malformed
// (no Signature, not exactly one of Expires and Policy, an unknown Hash-Algorithm,
// a policy that is not CloudFront base64 or not a valid policy, a bad Expires)
// and BadSignature (a Signature that is not CloudFront base64).
Result<DecodedRequest> decodeSignedUrl(std::string_view url);
// `url` is the request URL the cookies came with.
Result<DecodedRequest> decodeSignedCookies(std::string_view url, const SigningValues& cookies);

// Whether the policy's Resource covers the request URL, by CloudFront's wildcard
// rules. Always true for a canned policy and for a policy without a Resource.
bool resourceCoversUrl(const DecodedRequest& request);

// The two halves of decoding, for the verifier, which looks the key up between
// them so that an unknown key is reported before a bad policy:
// the key pair ID, hash algorithm and which policy form is present...
Result<DecodedRequest> readSigningValues(std::string resourceUrl, const SigningValues& values);
// ...then the policy, its conditions and the signature bytes.
Status decodePolicyAndSignature(DecodedRequest& request);

}  // namespace cfsigner
