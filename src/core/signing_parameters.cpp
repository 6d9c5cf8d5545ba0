#include "signing_parameters.h"

namespace cfsigner {

std::optional<std::string>& SigningValues::operator[](SigningParameter parameter) {
  switch (parameter) {
    case SigningParameter::Expires: return expires;
    case SigningParameter::Policy: return policy;
    case SigningParameter::Signature: return signature;
    case SigningParameter::KeyPairId: return keyPairId;
    case SigningParameter::HashAlgorithm: return hashAlgorithm;
  }
  return expires;  // not reached: the switch names every parameter
}

const std::optional<std::string>& SigningValues::operator[](SigningParameter parameter) const {
  return const_cast<SigningValues&>(*this)[parameter];
}

std::string_view queryParameterName(SigningParameter parameter) {
  switch (parameter) {
    case SigningParameter::Expires: return "Expires";
    case SigningParameter::Policy: return "Policy";
    case SigningParameter::Signature: return "Signature";
    case SigningParameter::KeyPairId: return "Key-Pair-Id";
    case SigningParameter::HashAlgorithm: return "Hash-Algorithm";
  }
  return "";
}

std::string cookieName(SigningParameter parameter) {
  return "CloudFront-" + std::string(queryParameterName(parameter));
}

std::optional<SigningParameter> signingParameterNamed(std::string_view queryName) {
  for (SigningParameter parameter : kSigningParameters) {
    if (queryParameterName(parameter) == queryName) return parameter;
  }
  return std::nullopt;
}

}  // namespace cfsigner
