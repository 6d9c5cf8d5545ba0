// Error codes shared by the core, the bindings and the JS layer.
// The string names are a public contract (CloudFrontSignerError.code).
#pragma once

#include <string>
#include <utility>
#include <variant>

namespace cfsigner {

enum class ErrorCode {
  // Signing
  InvalidArgument,
  InvalidUrl,
  InvalidDate,
  InvalidIp,
  InvalidPolicy,
  TooLarge,
  InvalidKey,
  WrongPassphrase,
  UnsupportedKey,
  // Raised by the JS layer before entering wasm (no crypto.getRandomValues); listed here
  // because this enum is the one list of codes the others are checked against.
  UnsupportedRuntime,
  // Verifying
  MissingKeyPairId,
  UnknownKey,
  Malformed,
  BadSignature,
  Expired,
  NotYetValid,
  ResourceMismatch,
  IpMismatch,
  // Anything Mbed TLS reports that no case above covers (out of memory, RNG failure).
  Internal,
};

const char* errorCodeName(ErrorCode code);

struct Error {
  ErrorCode code;
  std::string message;
};

// A value or an Error. The wasm build has no C++ exceptions, so every
// fallible function returns one of these.
template <typename T>
class Result {
 public:
  Result(T value) : state_(std::move(value)) {}          // NOLINT(google-explicit-constructor)
  Result(Error error) : state_(std::move(error)) {}      // NOLINT(google-explicit-constructor)

  bool ok() const { return std::holds_alternative<T>(state_); }
  explicit operator bool() const { return ok(); }
  const T& value() const& { return std::get<T>(state_); }
  T& value() & { return std::get<T>(state_); }
  T&& value() && { return std::get<T>(std::move(state_)); }
  const Error& error() const { return std::get<Error>(state_); }

 private:
  std::variant<T, Error> state_;
};

// For functions that only succeed or fail.
struct Ok {};
using Status = Result<Ok>;

inline Error makeError(ErrorCode code, std::string message) {
  return Error{code, std::move(message)};
}

}  // namespace cfsigner
