#include "signer.h"

#include "cloudfront_base64.h"
#include "ip_range.h"
#include "key_pair_id.h"
#include "signing_parameters.h"
#include "url_encoding.h"

namespace cfsigner {

namespace {

// What gets signed, and how the signature is presented.
struct PreparedPolicy {
  std::string json;
  bool custom = false;            // sent as Policy=…, else as Expires=…
  int64_t dateLessThan = 0;
  std::optional<std::string> resource;  // a caller's policy's Resource, if it has one
};

Result<PolicyConditions> checkConditions(std::optional<std::string> resource,
                                         std::optional<int64_t> dateLessThan,
                                         std::optional<int64_t> dateGreaterThan,
                                         const std::optional<std::string>& ipAddress) {
  if (!dateLessThan) {
    return makeError(ErrorCode::InvalidDate, "dateLessThan is required (when the URL expires)");
  }
  if (*dateLessThan <= 0 || *dateLessThan > kMaxEpochSeconds) {
    return makeError(ErrorCode::InvalidDate,
                     "dateLessThan must fall between 1970-01-01T00:00:01Z and "
                     "2038-01-19T03:14:07Z (CloudFront epoch times are 32-bit)");
  }
  // aws-sdk drops a start date of 0 and an empty IP (it tests them for
  // truthiness); so do we.
  if (dateGreaterThan == 0) dateGreaterThan.reset();
  if (dateGreaterThan) {
    if (*dateGreaterThan < 0 || *dateGreaterThan > kMaxEpochSeconds) {
      return makeError(ErrorCode::InvalidDate,
                       "dateGreaterThan must fall between 1970-01-01T00:00:00Z and "
                       "2038-01-19T03:14:07Z");
    }
    if (*dateGreaterThan >= *dateLessThan) {
      return makeError(ErrorCode::InvalidDate, "dateGreaterThan must be before dateLessThan");
    }
  }
  PolicyConditions conditions;
  conditions.resource = std::move(resource);
  conditions.dateLessThan = *dateLessThan;
  conditions.dateGreaterThan = dateGreaterThan;
  if (ipAddress && !ipAddress->empty()) {
    Result<std::string> range = normalizeIpRange(*ipAddress);
    if (!range) return range.error();
    conditions.ipAddress = std::move(range).value();
  }
  return conditions;
}

Error overUrlLimit(const std::string& what, size_t bytes) {
  return makeError(ErrorCode::TooLarge, what + " is " + std::to_string(bytes) +
                                            " bytes; CloudFront's limit is " +
                                            std::to_string(kMaxUrlBytes));
}

// The policy a caller wrote: validated, and signed byte for byte as given.
Result<PreparedPolicy> prepareCustomPolicy(const SignOptions& options,
                                           const std::optional<std::string>& encodedUrl) {
  if (options.dateLessThan || options.dateGreaterThan || options.ipAddress) {
    return makeError(ErrorCode::InvalidArgument,
                     "pass either policy or dateLessThan/dateGreaterThan/ipAddress, not both: "
                     "a policy carries its own conditions");
  }
  Result<PolicyConditions> parsed = parsePolicy(*options.policy);
  if (!parsed) return parsed.error();
  const PolicyConditions& conditions = parsed.value();
  if (encodedUrl && conditions.resource && !resourceMatches(*conditions.resource, *encodedUrl)) {
    return makeError(ErrorCode::InvalidPolicy,
                     "the policy's Resource does not cover url, so CloudFront would refuse it");
  }
  return PreparedPolicy{*options.policy, true, conditions.dateLessThan, conditions.resource};
}

Result<PreparedPolicy> preparePolicy(const SignOptions& options,
                                     const std::optional<std::string>& encodedUrl) {
  if (options.policy) return prepareCustomPolicy(options, encodedUrl);
  if (!encodedUrl) {
    return makeError(ErrorCode::InvalidArgument, "url is required when no policy is given");
  }
  Result<PolicyConditions> conditions = checkConditions(
      *encodedUrl, options.dateLessThan, options.dateGreaterThan, options.ipAddress);
  if (!conditions) return conditions.error();
  const bool custom = conditions.value().dateGreaterThan || conditions.value().ipAddress;
  return PreparedPolicy{buildPolicyJson(conditions.value(), options.order), custom,
                        *options.dateLessThan, std::nullopt};
}

Result<std::optional<std::string>> encodeOptionalUrl(const std::optional<std::string>& url) {
  if (!url) return std::optional<std::string>();
  Result<std::string> encoded = prepareUrlForSigning(*url);
  if (!encoded) return encoded.error();
  return std::optional<std::string>(std::move(encoded).value());
}

// The URL to append parameters to when only a policy is given: its Resource,
// with a wildcard scheme read as https, as aws-sdk does.
Result<std::string> urlFromPolicyResource(const std::optional<std::string>& resource) {
  if (!resource) {
    return makeError(ErrorCode::InvalidArgument,
                     "url is required when the policy has no Resource");
  }
  std::string url = *resource;
  if (const size_t scheme = url.find("*://"); scheme != std::string::npos) {
    url.replace(scheme, 4, "https://");
  }
  if (url.rfind("https://", 0) != 0 && url.rfind("http://", 0) != 0) {
    return makeError(ErrorCode::InvalidUrl,
                     "the policy's Resource is not an http(s) URL; pass url as well");
  }
  return url;
}

Result<std::string> signatureOf(const PrivateKey& key, HashAlgorithm algorithm,
                                const std::string& policy) {
  Result<std::string> signature = key.sign(algorithm, policy);
  if (!signature) return signature.error();
  return cloudFrontBase64Encode(signature.value());
}

}  // namespace

Result<std::string> signUrl(const PrivateKey& key, const SignOptions& options) {
  if (Status status = checkKeyPairId(options.keyPairId); !status) return status.error();
  Result<std::optional<std::string>> encodedUrl = encodeOptionalUrl(options.url);
  if (!encodedUrl) return encodedUrl.error();
  Result<PreparedPolicy> policy = preparePolicy(options, encodedUrl.value());
  if (!policy) return policy.error();

  std::string url;
  if (encodedUrl.value()) {
    url = *encodedUrl.value();
  } else {
    Result<std::string> fromPolicy = urlFromPolicyResource(policy.value().resource);
    if (!fromPolicy) return fromPolicy.error();
    url = std::move(fromPolicy).value();
  }
  Result<std::string> signature = signatureOf(key, options.algorithm, policy.value().json);
  if (!signature) return signature.error();

  // Expires or Policy, then Key-Pair-Id and Signature in the chosen order, then Hash-Algorithm.
  const auto append = [&url](SigningParameter parameter, const std::string& value) {
    url += url.find('?') == std::string::npos ? '?' : '&';
    url += queryParameterName(parameter);
    url += '=';
    url += value;
  };
  if (policy.value().custom) {
    append(SigningParameter::Policy, cloudFrontBase64Encode(policy.value().json));
  } else {
    append(SigningParameter::Expires, std::to_string(policy.value().dateLessThan));
  }
  // aws-sdk writes Key-Pair-Id first, botocore (the AWS CLI) Signature.
  const std::string keyPairId = extendedEncodeUriComponent(options.keyPairId);
  const std::string encodedSignature = extendedEncodeUriComponent(signature.value());
  if (options.order == OutputOrder::AwsCli) {
    append(SigningParameter::Signature, encodedSignature);
    append(SigningParameter::KeyPairId, keyPairId);
  } else {
    append(SigningParameter::KeyPairId, keyPairId);
    append(SigningParameter::Signature, encodedSignature);
  }
  if (options.algorithm == HashAlgorithm::Sha256) {
    append(SigningParameter::HashAlgorithm, hashAlgorithmName(HashAlgorithm::Sha256));
  }

  if (url.size() > kMaxUrlBytes) {
    return overUrlLimit("the signed URL", url.size());
  }
  return url;
}

Result<std::vector<SignedCookie>> signCookies(const PrivateKey& key, const SignOptions& options) {
  if (Status status = checkKeyPairId(options.keyPairId); !status) return status.error();
  Result<std::optional<std::string>> encodedUrl = encodeOptionalUrl(options.url);
  if (!encodedUrl) return encodedUrl.error();
  if (encodedUrl.value() && encodedUrl.value()->size() > kMaxUrlBytes) {
    return overUrlLimit("the URL", encodedUrl.value()->size());
  }
  Result<PreparedPolicy> policy = preparePolicy(options, encodedUrl.value());
  if (!policy) return policy.error();
  // Browsers drop cookies over 4,096 bytes, so a policy that large would never arrive.
  std::string encodedPolicy = cloudFrontBase64Encode(policy.value().json);
  const size_t cookieBytes = cookieName(SigningParameter::Policy).size() + 1 + encodedPolicy.size();
  if (policy.value().custom && cookieBytes > kMaxCookieBytes) {
    return makeError(ErrorCode::TooLarge, "the CloudFront-Policy cookie would be " +
                                              std::to_string(cookieBytes) +
                                              " bytes; browsers keep cookies up to " +
                                              std::to_string(kMaxCookieBytes));
  }
  Result<std::string> signature = signatureOf(key, options.algorithm, policy.value().json);
  if (!signature) return signature.error();

  std::vector<SignedCookie> cookies;
  cookies.push_back({cookieName(SigningParameter::KeyPairId), options.keyPairId, false});
  cookies.push_back({cookieName(SigningParameter::Signature), std::move(signature).value(), false});
  if (policy.value().custom) {
    cookies.push_back({cookieName(SigningParameter::Policy), std::move(encodedPolicy), false});
  } else {
    cookies.push_back({cookieName(SigningParameter::Expires),
                       std::to_string(policy.value().dateLessThan), true});
  }
  if (options.algorithm == HashAlgorithm::Sha256) {
    cookies.push_back({cookieName(SigningParameter::HashAlgorithm),
                       hashAlgorithmName(HashAlgorithm::Sha256), false});
  }
  return cookies;
}

Result<std::string> buildPolicy(const PolicyOptions& options) {
  std::string resource = options.resource;
  if (options.url) {
    if (!resource.empty()) {
      return makeError(ErrorCode::InvalidArgument, "pass either resource or url, not both");
    }
    Result<std::string> encoded = prepareUrlForSigning(*options.url);
    if (!encoded) return encoded.error();
    resource = std::move(encoded).value();
  }
  if (resource.empty()) {
    return makeError(ErrorCode::InvalidArgument,
                     "resource is required: the URL (wildcards * and ? allowed) the policy covers");
  }
  Result<PolicyConditions> conditions = checkConditions(
      std::move(resource), options.dateLessThan, options.dateGreaterThan, options.ipAddress);
  if (!conditions) return conditions.error();
  std::string json = buildPolicyJson(conditions.value(), options.order);
  if (json.size() > kMaxUrlBytes) {
    return overUrlLimit("the policy", json.size());
  }
  return json;
}

}  // namespace cfsigner
