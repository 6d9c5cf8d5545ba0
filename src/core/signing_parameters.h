// The names a signature travels under: the query parameters of a signed URL,
// and the same names after "CloudFront-" as cookies. The only list of them.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>

namespace cfsigner {

enum class SigningParameter { Expires, Policy, Signature, KeyPairId, HashAlgorithm };

// In the order CloudFront's documentation lists them (only one of Expires and Policy is
// ever sent); cfsign sign-cookies prints its cookies in this order.
constexpr std::array<SigningParameter, 5> kSigningParameters = {
    SigningParameter::Expires, SigningParameter::Policy, SigningParameter::Signature,
    SigningParameter::KeyPairId, SigningParameter::HashAlgorithm};

// The signing values a request carries, from its query or its cookies, as received.
struct SigningValues {
  std::optional<std::string> expires;
  std::optional<std::string> policy;
  std::optional<std::string> signature;
  std::optional<std::string> keyPairId;
  std::optional<std::string> hashAlgorithm;

  std::optional<std::string>& operator[](SigningParameter parameter);
  const std::optional<std::string>& operator[](SigningParameter parameter) const;
};

// "Expires", "Policy", "Signature", "Key-Pair-Id" or "Hash-Algorithm".
std::string_view queryParameterName(SigningParameter parameter);
// The same name after "CloudFront-", e.g. "CloudFront-Key-Pair-Id".
std::string cookieName(SigningParameter parameter);
// The signing parameter a query parameter name stands for, if any.
std::optional<SigningParameter> signingParameterNamed(std::string_view queryName);

}  // namespace cfsigner
