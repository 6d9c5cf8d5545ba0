// embind bindings: turns JS values into core calls and core results into JS values.
// No logic of its own beyond checking what it receives: the JS layer checks option
// types first, but a binding does not rely on that. A value of the wrong type, an
// unknown algorithm or key type, or a number that is not a whole number of seconds
// gets INVALID_ARGUMENT, never a guess (and never an embind exception, which would
// unwind through C++ frames without running their destructors).
//
// Every call returns { value } or { code, message }; the JS layer throws the
// CloudFrontSignerError. C++ exceptions are off in wasm, and throwing a JS error
// through C++ frames would skip the destructors that wipe secrets.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "key_fingerprint.h"
#include "key_pair_id.h"
#include "keygen.h"
#include "decoder.h"
#include "keys.h"
#include "signer.h"
#include "signing_parameters.h"
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

Error invalidArgument(const std::string& message) {
  return makeError(ErrorCode::InvalidArgument, message);
}

bool isObject(const val& value) {
  return !value.isNull() && value.typeOf().as<std::string>() == "object";
}

Status checkObject(const val& value, const char* what) {
  if (!isObject(value)) return invalidArgument(std::string(what) + " must be an object");
  return Ok{};
}

Result<std::string> requiredString(const val& value, const char* name) {
  if (!value.isString()) return invalidArgument(std::string(name) + " must be a string");
  return value.as<std::string>();
}

// A field's value, already read from its object (`object[name]`) or passed as an argument.
Result<std::optional<std::string>> optionalString(const val& field, const char* name) {
  if (field.isUndefined() || field.isNull()) return std::optional<std::string>();
  Result<std::string> text = requiredString(field, name);
  if (!text) return text.error();
  return std::optional<std::string>(std::move(text).value());
}

// Whole seconds that a double holds exactly (|n| <= 2^53), so the cast is exact.
Result<std::optional<int64_t>> optionalSeconds(const val& field, const char* name) {
  if (field.isUndefined() || field.isNull()) return std::optional<int64_t>();
  constexpr double kLargestExactInteger = 9007199254740992.0;  // 2^53
  const double seconds = field.isNumber() ? field.as<double>() : NAN;
  if (!std::isfinite(seconds) || std::trunc(seconds) != seconds ||
      std::fabs(seconds) > kLargestExactInteger) {
    return invalidArgument(std::string(name) + " must be a whole number of seconds");
  }
  return std::optional<int64_t>(static_cast<int64_t>(seconds));
}

// Absent means SHA1, CloudFront's default; anything else but "SHA1" or "SHA256" is refused.
Result<HashAlgorithm> algorithmFrom(const val& field) {
  Result<std::optional<std::string>> name = optionalString(field, "algorithm");
  if (!name) return name.error();
  if (!name.value()) return HashAlgorithm::Sha1;
  std::optional<HashAlgorithm> algorithm = parseHashAlgorithm(*name.value());
  if (!algorithm) return invalidArgument("algorithm must be \"SHA1\" or \"SHA256\"");
  return *algorithm;
}

// The JS layer passes "aws-sdk", "aws-cli" or nothing; anything else is refused.
Result<OutputOrder> outputOrderFrom(const val& field) {
  Result<std::optional<std::string>> order = optionalString(field, "order");
  if (!order) return order.error();
  if (!order.value() || *order.value() == "aws-sdk") return OutputOrder::AwsSdk;
  if (*order.value() == "aws-cli") return OutputOrder::AwsCli;
  return invalidArgument("order must be \"aws-sdk\" or \"aws-cli\"");
}

// Secrets come in wasm memory that the JS layer allocated and wipes after the call.
SecureBytes secretAt(uintptr_t address, size_t length) {
  return SecureBytes(reinterpret_cast<const unsigned char*>(address), length);
}

// A block the JS layer placed in wasm memory must lie inside it (and not at 0).
Status checkBlock(uintptr_t address, size_t length, const char* what) {
  const size_t memoryBytes = __builtin_wasm_memory_size(0) * 65536;
  if ((address == 0 && length != 0) || address > memoryBytes || length > memoryBytes - address) {
    return invalidArgument(std::string(what) + " is not a block of wasm memory");
  }
  return Ok{};
}

// Reads each field into `into`, stopping at the first refusal.
#define CFSIGNER_READ(into, reader)        \
  do {                                     \
    auto read_ = (reader);                 \
    if (!read_) return read_.error();      \
    (into) = std::move(read_).value();     \
  } while (false)

// dateLessThan, dateGreaterThan and ipAddress, which signing and buildPolicy share.
template <typename Options>
Status readConditions(const val& dateLessThan, const val& dateGreaterThan, const val& ipAddress,
                      Options& into) {
  CFSIGNER_READ(into.dateLessThan, optionalSeconds(dateLessThan, "dateLessThan"));
  CFSIGNER_READ(into.dateGreaterThan, optionalSeconds(dateGreaterThan, "dateGreaterThan"));
  CFSIGNER_READ(into.ipAddress, optionalString(ipAddress, "ipAddress"));
  return Ok{};
}

// A signing request comes as one argument per field, in a fixed order (js/api.js,
// signArguments), not as an object: reading eight properties by name cost 3% of an
// ECDSA signing call.
struct SignArguments {
  val url, keyPairId, policy, dateLessThan, dateGreaterThan, ipAddress, algorithm, order;
};

Result<SignOptions> signOptionsFrom(const SignArguments& in) {
  SignOptions result;
  std::optional<std::string> keyPairId;
  CFSIGNER_READ(result.url, optionalString(in.url, "url"));
  CFSIGNER_READ(keyPairId, optionalString(in.keyPairId, "keyPairId"));
  result.keyPairId = keyPairId.value_or("");
  CFSIGNER_READ(result.policy, optionalString(in.policy, "policy"));
  if (Status status = readConditions(in.dateLessThan, in.dateGreaterThan, in.ipAddress, result); !status) {
    return status.error();
  }
  CFSIGNER_READ(result.algorithm, algorithmFrom(in.algorithm));
  CFSIGNER_READ(result.order, outputOrderFrom(in.order));
  return result;
}

// A parsed private key owned by a JS CloudFrontSigner.
class SigningKey {
 public:
  val load(uintptr_t keyAddress, size_t keyLength, uintptr_t passphraseAddress,
           size_t passphraseLength, bool hasPassphrase) {
    if (Status status = checkBlock(keyAddress, keyLength, "the key"); !status) return failure(status.error());
    if (Status status = checkBlock(passphraseAddress, passphraseLength, "the passphrase"); !status) {
      return failure(status.error());
    }
    std::optional<SecureBytes> passphrase;
    if (hasPassphrase) passphrase.emplace(secretAt(passphraseAddress, passphraseLength));
    Result<PrivateKey> key = PrivateKey::load(secretAt(keyAddress, keyLength), passphrase);
    if (!key) return failure(key.error());
    key_.emplace(std::move(key).value());
    return success(val(keyTypeName(key_->type())));
  }

  val signUrl(val url, val keyPairId, val policy, val dateLessThan, val dateGreaterThan,
              val ipAddress, val algorithm, val order) const {
    if (!key_) return failure(disposed());
    Result<SignOptions> sign = signOptionsFrom({std::move(url), std::move(keyPairId), std::move(policy),
                                                std::move(dateLessThan), std::move(dateGreaterThan),
                                                std::move(ipAddress), std::move(algorithm), std::move(order)});
    if (!sign) return failure(sign.error());
    Result<std::string> signedUrl = cfsigner::signUrl(*key_, sign.value());
    return signedUrl ? success(val(signedUrl.value())) : failure(signedUrl.error());
  }

  val signCookies(val url, val keyPairId, val policy, val dateLessThan, val dateGreaterThan,
                  val ipAddress, val algorithm, val order) const {
    if (!key_) return failure(disposed());
    Result<SignOptions> sign = signOptionsFrom({std::move(url), std::move(keyPairId), std::move(policy),
                                                std::move(dateLessThan), std::move(dateGreaterThan),
                                                std::move(ipAddress), std::move(algorithm), std::move(order)});
    if (!sign) return failure(sign.error());
    Result<std::vector<SignedCookie>> cookies = cfsigner::signCookies(*key_, sign.value());
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
val keyFingerprintBinding(uintptr_t keyAddress, size_t keyLength, uintptr_t passphraseAddress,
                          size_t passphraseLength, bool hasPassphrase) {
  if (Status status = checkBlock(keyAddress, keyLength, "the key"); !status) return failure(status.error());
  if (Status status = checkBlock(passphraseAddress, passphraseLength, "the passphrase"); !status) {
    return failure(status.error());
  }
  const auto textAt = [](uintptr_t address, size_t length) {
    return std::string_view(reinterpret_cast<const char*>(address), length);
  };
  std::optional<std::string_view> passphrase;
  if (hasPassphrase) passphrase = textAt(passphraseAddress, passphraseLength);
  return success(val(keyFingerprint(textAt(keyAddress, keyLength), passphrase)));
}

Result<PolicyOptions> policyOptionsFrom(const val& options) {
  if (Status status = checkObject(options, "options"); !status) return status.error();
  PolicyOptions policy;
  std::optional<std::string> resource;
  CFSIGNER_READ(resource, optionalString(options["resource"], "resource"));
  policy.resource = resource.value_or("");
  CFSIGNER_READ(policy.url, optionalString(options["url"], "url"));
  CFSIGNER_READ(policy.order, outputOrderFrom(options["order"]));
  if (Status status = readConditions(options["dateLessThan"], options["dateGreaterThan"],
                                     options["ipAddress"], policy);
      !status) {
    return status.error();
  }
  return policy;
}

val checkKeyPairIdBinding(const std::string& keyPairId) {
  Status status = checkKeyPairId(keyPairId);
  return status ? success(val(true)) : failure(status.error());
}

val buildPolicyBinding(const val& options) {
  Result<PolicyOptions> policy = policyOptionsFrom(options);
  if (!policy) return failure(policy.error());
  Result<std::string> json = buildPolicy(policy.value());
  return json ? success(val(json.value())) : failure(json.error());
}

// `publicKeys` is a Map from key pair ID to PEM text or DER bytes (a Uint8Array).
PublicKeyLookup lookupIn(const val& publicKeys) {
  return [publicKeys](const std::string& keyPairId) -> Result<PublicKey> {
    const val entry = publicKeys.call<val>("get", keyPairId);
    if (entry.isUndefined()) {
      return makeError(ErrorCode::UnknownKey, "Unknown Key: no public key for this Key-Pair-Id");
    }
    if (entry.isString()) return PublicKey::load(entry.as<std::string>());
    if (!entry.instanceof(val::global("Uint8Array"))) {
      return invalidArgument("a public key must be PEM text or DER bytes (a Uint8Array)");
    }
    const std::vector<uint8_t> der = emscripten::convertJSArrayToNumberVector<uint8_t>(entry);
    return PublicKey::load(std::string_view(reinterpret_cast<const char*>(der.data()), der.size()));
  };
}

Status checkPublicKeys(const val& publicKeys) {
  if (!publicKeys.instanceof(val::global("Map"))) {
    return invalidArgument("publicKeys must be a Map from key pair ID to public key");
  }
  return Ok{};
}

Result<VerifyOptions> verifyOptionsFrom(const val& options) {
  if (Status status = checkObject(options, "options"); !status) return status.error();
  VerifyOptions result;
  std::optional<int64_t> now;
  CFSIGNER_READ(now, optionalSeconds(options["now"], "now"));
  if (!now) return invalidArgument("now is required (epoch seconds)");
  result.now = *now;
  CFSIGNER_READ(result.sourceIp, optionalString(options["sourceIp"], "sourceIp"));
  return result;
}

// The signing values from cookies given as { "CloudFront-Policy": "...", ... }.
Result<SigningValues> cookieValuesFrom(const val& cookies) {
  if (Status status = checkObject(cookies, "cookies"); !status) return status.error();
  SigningValues values;
  for (SigningParameter parameter : kSigningParameters) {
    const std::string name = cookieName(parameter);
    CFSIGNER_READ(values[parameter], optionalString(cookies[name], name.c_str()));
  }
  return values;
}

// What a signed request says about itself; verification and decoding share it.
val requestToJs(const DecodedRequest& request) {
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
  return object;
}

val verifiedToJs(const Result<VerifiedRequest>& verified) {
  return verified ? success(requestToJs(verified.value())) : failure(verified.error());
}

// Decoding adds what only a reader of the request wants: the signing values as
// received, keyed by their names there (query parameters or cookies), the
// signature's bytes, and whether the policy's Resource covers the URL.
val decodedToJs(const Result<DecodedRequest>& decoded, bool fromCookies) {
  if (!decoded) return failure(decoded.error());
  const DecodedRequest& request = decoded.value();
  val object = requestToJs(request);
  val parameters = val::object();
  for (SigningParameter parameter : kSigningParameters) {
    const std::optional<std::string>& value = request.values[parameter];
    if (!value) continue;
    const std::string name = fromCookies ? cookieName(parameter) : std::string(queryParameterName(parameter));
    parameters.set(name, val(*value));
  }
  object.set("parameters", parameters);
  // new Uint8Array(view) copies the bytes out of wasm memory.
  const auto* bytes = reinterpret_cast<const unsigned char*>(request.signature.data());
  object.set("signature", val::global("Uint8Array")
                              .new_(emscripten::typed_memory_view(request.signature.size(), bytes)));
  object.set("resourceMatchesUrl", val(resourceCoversUrl(request)));
  return success(object);
}

// Checks the arguments every verify call takes, then verifies with `verify`.
template <typename Verify>
val checkedVerify(const val& url, const val& publicKeys, const val& options, Verify verify) {
  Result<std::string> text = requiredString(url, "url");
  if (!text) return failure(text.error());
  if (Status status = checkPublicKeys(publicKeys); !status) return failure(status.error());
  Result<VerifyOptions> settings = verifyOptionsFrom(options);
  if (!settings) return failure(settings.error());
  return verifiedToJs(verify(text.value(), lookupIn(publicKeys), settings.value()));
}

val verifyUrlBinding(const val& url, const val& publicKeys, const val& options) {
  return checkedVerify(url, publicKeys, options, verifySignedUrl);
}

val verifyCookiesBinding(const val& url, const val& cookies, const val& publicKeys,
                         const val& options) {
  Result<SigningValues> values = cookieValuesFrom(cookies);
  if (!values) return failure(values.error());
  return checkedVerify(url, publicKeys, options,
                       [&values](const std::string& text, const PublicKeyLookup& lookup,
                                 const VerifyOptions& settings) {
                         return verifySignedCookies(text, values.value(), lookup, settings);
                       });
}

val decodeUrlBinding(const val& url) {
  Result<std::string> text = requiredString(url, "url");
  if (!text) return failure(text.error());
  return decodedToJs(decodeSignedUrl(text.value()), false);
}

val decodeCookiesBinding(const val& url, const val& cookies) {
  Result<std::string> text = requiredString(url, "url");
  if (!text) return failure(text.error());
  Result<SigningValues> values = cookieValuesFrom(cookies);
  if (!values) return failure(values.error());
  return decodedToJs(decodeSignedCookies(text.value(), values.value()), true);
}

val generateKeyPairBinding(const val& type, const val& format) {
  std::optional<KeyType> keyType;
  if (type.isString() && type.as<std::string>() == "rsa") keyType = KeyType::Rsa2048;
  if (type.isString() && type.as<std::string>() == "ec") keyType = KeyType::EcdsaP256;
  if (!keyType) return failure(invalidArgument("type must be \"rsa\" or \"ec\""));
  std::optional<PrivateKeyFormat> keyFormat;
  if (format.isString() && format.as<std::string>() == "pkcs8") keyFormat = PrivateKeyFormat::Pkcs8;
  if (format.isString() && format.as<std::string>() == "pkcs1") keyFormat = PrivateKeyFormat::Pkcs1;
  if (!keyFormat) return failure(invalidArgument("format must be \"pkcs8\" or \"pkcs1\""));
  Result<KeyPairPem> pair = generateKeyPair(*keyType, *keyFormat);
  if (!pair) return failure(pair.error());
  // val(const char*) reads the (ASCII) PEM in place, so no unwiped copy is left in the wasm heap.
  SecureBytes privatePem(pair.value().privateKey.view());
  privatePem.appendNul();
  val object = val::object();
  object.set("privateKey", val(reinterpret_cast<const char*>(privatePem.data())));
  object.set("publicKey", val(pair.value().publicKey));
  return success(object);
}

// The names every signing value travels under, from the core's one list and in its
// order: [{ query: "Expires", cookie: "CloudFront-Expires" }, ...].
val signingParametersBinding() {
  val list = val::array();
  for (SigningParameter parameter : kSigningParameters) {
    val names = val::object();
    names.set("query", val(std::string(queryParameterName(parameter))));
    names.set("cookie", val(cookieName(parameter)));
    list.call<void>("push", names);
  }
  return list;
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
  emscripten::function("checkKeyPairId", &checkKeyPairIdBinding);
  emscripten::function("buildPolicy", &buildPolicyBinding);
  emscripten::function("verifyUrl", &verifyUrlBinding);
  emscripten::function("verifyCookies", &verifyCookiesBinding);
  emscripten::function("decodeUrl", &decodeUrlBinding);
  emscripten::function("decodeCookies", &decodeCookiesBinding);
  emscripten::function("generateKeyPair", &generateKeyPairBinding);
  emscripten::function("signingParameters", &signingParametersBinding);
}
