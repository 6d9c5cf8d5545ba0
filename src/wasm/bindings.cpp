// embind bindings: turns JS values into core calls and core results into JS values.
// No logic of its own: the JS layer has already checked option types, and the
// core does the rest.
//
// Every call returns { value } or { code, message }; the JS layer throws the
// CloudFrontSignerError. C++ exceptions are off in wasm, and throwing a JS error
// through C++ frames would skip the destructors that wipe secrets.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "key_fingerprint.h"
#include "keygen.h"
#include "keys.h"
#include "signer.h"
#include "verifier.h"

namespace cfsigner {
namespace {

using emscripten::val;

val success(const val& value) {
  val result = val::object();
  result.set("value", value);
  return result;
}

val failure(const Error& error) {
  val result = val::object();
  result.set("code", val(errorCodeName(error.code)));
  result.set("message", val(error.message));
  return result;
}

std::optional<std::string> optionalString(const val& object, const char* name) {
  const val field = object[name];
  if (field.isUndefined() || field.isNull()) return std::nullopt;
  return field.as<std::string>();
}

std::optional<int64_t> optionalSeconds(const val& object, const char* name) {
  const val field = object[name];
  if (field.isUndefined() || field.isNull()) return std::nullopt;
  return static_cast<int64_t>(field.as<double>());
}

// The JS layer passes "aws-sdk", "aws-cli" or nothing; anything else is refused.
Result<OutputOrder> outputOrderFrom(const val& options) {
  const std::optional<std::string> order = optionalString(options, "order");
  if (!order || *order == "aws-sdk") return OutputOrder::AwsSdk;
  if (*order == "aws-cli") return OutputOrder::AwsCli;
  return makeError(ErrorCode::InvalidArgument, "order must be \"aws-sdk\" or \"aws-cli\"");
}

// Secrets come in wasm memory that the JS layer allocated and wipes after the call.
SecureBytes secretAt(uintptr_t address, size_t length) {
  return SecureBytes(reinterpret_cast<const unsigned char*>(address), length);
}

Result<SignOptions> signOptionsFrom(const val& options) {
  Result<OutputOrder> order = outputOrderFrom(options);
  if (!order) return order.error();
  SignOptions result;
  result.order = order.value();
  result.url = optionalString(options, "url");
  result.keyPairId = optionalString(options, "keyPairId").value_or("");
  result.policy = optionalString(options, "policy");
  result.dateLessThan = optionalSeconds(options, "dateLessThan");
  result.dateGreaterThan = optionalSeconds(options, "dateGreaterThan");
  result.ipAddress = optionalString(options, "ipAddress");
  result.algorithm = optionalString(options, "algorithm") == std::optional<std::string>("SHA256")
                         ? HashAlgorithm::Sha256
                         : HashAlgorithm::Sha1;
  return result;
}

// A parsed private key owned by a JS CloudFrontSigner.
class SigningKey {
 public:
  val load(uintptr_t keyAddress, size_t keyLength, uintptr_t passphraseAddress,
           size_t passphraseLength, bool hasPassphrase) {
    std::optional<SecureBytes> passphrase;
    if (hasPassphrase) passphrase.emplace(secretAt(passphraseAddress, passphraseLength));
    Result<PrivateKey> key = PrivateKey::load(secretAt(keyAddress, keyLength), passphrase);
    if (!key) return failure(key.error());
    key_.emplace(std::move(key).value());
    return success(val(keyTypeName(key_->type())));
  }

  val signUrl(const val& options) const {
    if (!key_) return failure(disposed());
    Result<SignOptions> signOptions = signOptionsFrom(options);
    if (!signOptions) return failure(signOptions.error());
    Result<std::string> url = cfsigner::signUrl(*key_, signOptions.value());
    return url ? success(val(url.value())) : failure(url.error());
  }

  val signCookies(const val& options) const {
    if (!key_) return failure(disposed());
    Result<SignOptions> signOptions = signOptionsFrom(options);
    if (!signOptions) return failure(signOptions.error());
    Result<std::vector<SignedCookie>> cookies = cfsigner::signCookies(*key_, signOptions.value());
    if (!cookies) return failure(cookies.error());
    val object = val::object();
    for (const SignedCookie& cookie : cookies.value()) {
      // JS's Number() reads the decimal string; strtod would pull long-double code into the wasm.
      object.set(cookie.name, cookie.isNumber ? val::global("Number")(cookie.value) : val(cookie.value));
    }
    return success(object);
  }

  // Frees the key now; Mbed TLS zeroizes it on the way out.
  void dispose() { key_.reset(); }

 private:
  static Error disposed() {
    return makeError(ErrorCode::InvalidArgument, "this CloudFrontSigner has been disposed");
  }
  std::optional<PrivateKey> key_;
};

// Names a key file and passphrase for the one-shot calls' key cache. Reads them in
// place: the JS layer owns that memory and wipes it.
std::string keyFingerprintBinding(uintptr_t keyAddress, size_t keyLength, uintptr_t passphraseAddress,
                                  size_t passphraseLength, bool hasPassphrase) {
  const auto textAt = [](uintptr_t address, size_t length) {
    return std::string_view(reinterpret_cast<const char*>(address), length);
  };
  std::optional<std::string_view> passphrase;
  if (hasPassphrase) passphrase = textAt(passphraseAddress, passphraseLength);
  return keyFingerprint(textAt(keyAddress, keyLength), passphrase);
}

val buildPolicyBinding(const val& options) {
  Result<OutputOrder> order = outputOrderFrom(options);
  if (!order) return failure(order.error());
  PolicyOptions policy;
  policy.order = order.value();
  policy.resource = optionalString(options, "resource").value_or("");
  policy.url = optionalString(options, "url");
  policy.dateLessThan = optionalSeconds(options, "dateLessThan");
  policy.dateGreaterThan = optionalSeconds(options, "dateGreaterThan");
  policy.ipAddress = optionalString(options, "ipAddress");
  Result<std::string> json = buildPolicy(policy);
  return json ? success(val(json.value())) : failure(json.error());
}

// `publicKeys` is a Map from key pair ID to PEM text or DER bytes.
PublicKeyLookup lookupIn(const val& publicKeys) {
  return [publicKeys](const std::string& keyPairId) -> Result<PublicKey> {
    const val entry = publicKeys.call<val>("get", keyPairId);
    if (entry.isUndefined()) {
      return makeError(ErrorCode::UnknownKey, "Unknown Key: no public key for this Key-Pair-Id");
    }
    if (entry.typeOf().as<std::string>() == "string") return PublicKey::load(entry.as<std::string>());
    const std::vector<uint8_t> der = emscripten::convertJSArrayToNumberVector<uint8_t>(entry);
    return PublicKey::load(std::string_view(reinterpret_cast<const char*>(der.data()), der.size()));
  };
}

VerifyOptions verifyOptionsFrom(const val& options) {
  VerifyOptions result;
  result.now = static_cast<int64_t>(options["now"].as<double>());
  result.sourceIp = optionalString(options, "sourceIp");
  return result;
}

val verifiedToJs(const Result<VerifiedRequest>& verified) {
  if (!verified) return failure(verified.error());
  const VerifiedRequest& request = verified.value();
  val object = val::object();
  object.set("keyPairId", val(request.keyPairId));
  object.set("policy", val(request.policy));
  object.set("customPolicy", val(request.customPolicy));
  object.set("algorithm", val(hashAlgorithmName(request.algorithm)));
  object.set("url", val(request.resourceUrl));
  if (request.conditions.resource) object.set("resource", val(*request.conditions.resource));
  object.set("dateLessThan", val(static_cast<double>(request.conditions.dateLessThan)));
  if (request.conditions.dateGreaterThan) {
    object.set("dateGreaterThan", val(static_cast<double>(*request.conditions.dateGreaterThan)));
  }
  if (request.conditions.ipAddress) object.set("ipAddress", val(*request.conditions.ipAddress));
  return success(object);
}

val verifyUrlBinding(const std::string& url, const val& publicKeys, const val& options) {
  return verifiedToJs(verifySignedUrl(url, lookupIn(publicKeys), verifyOptionsFrom(options)));
}

val verifyCookiesBinding(const std::string& url, const val& cookies, const val& publicKeys,
                         const val& options) {
  SigningValues values;
  values.expires = optionalString(cookies, "CloudFront-Expires");
  values.policy = optionalString(cookies, "CloudFront-Policy");
  values.signature = optionalString(cookies, "CloudFront-Signature");
  values.keyPairId = optionalString(cookies, "CloudFront-Key-Pair-Id");
  values.hashAlgorithm = optionalString(cookies, "CloudFront-Hash-Algorithm");
  return verifiedToJs(
      verifySignedCookies(url, values, lookupIn(publicKeys), verifyOptionsFrom(options)));
}

val generateKeyPairBinding(const std::string& type, const std::string& format) {
  if (format != "pkcs8" && format != "pkcs1") {
    return failure(makeError(ErrorCode::InvalidArgument, "format must be \"pkcs8\" or \"pkcs1\""));
  }
  Result<KeyPairPem> pair = generateKeyPair(type == "ec" ? KeyType::EcdsaP256 : KeyType::Rsa2048,
                                            format == "pkcs1" ? PrivateKeyFormat::Pkcs1 : PrivateKeyFormat::Pkcs8);
  if (!pair) return failure(pair.error());
  // val(const char*) reads the (ASCII) PEM in place, so no unwiped copy is left in the wasm heap.
  SecureBytes privatePem(pair.value().privateKey.view());
  privatePem.appendNul();
  val object = val::object();
  object.set("privateKey", val(reinterpret_cast<const char*>(privatePem.data())));
  object.set("publicKey", val(pair.value().publicKey));
  return success(object);
}

}  // namespace
}  // namespace cfsigner

EMSCRIPTEN_BINDINGS(cfsigner) {
  using namespace cfsigner;
  emscripten::class_<SigningKey>("SigningKey")
      .constructor<>()
      .function("load", &SigningKey::load)
      .function("signUrl", &SigningKey::signUrl)
      .function("signCookies", &SigningKey::signCookies)
      .function("dispose", &SigningKey::dispose);
  emscripten::function("keyFingerprint", &keyFingerprintBinding);
  emscripten::function("buildPolicy", &buildPolicyBinding);
  emscripten::function("verifyUrl", &verifyUrlBinding);
  emscripten::function("verifyCookies", &verifyCookiesBinding);
  emscripten::function("generateKeyPair", &generateKeyPairBinding);
}
