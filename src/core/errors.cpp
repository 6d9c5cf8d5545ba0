#include "errors.h"

namespace cfsigner {

const char* errorCodeName(ErrorCode code) {
  switch (code) {
    case ErrorCode::InvalidArgument: return "INVALID_ARGUMENT";
    case ErrorCode::InvalidUrl: return "INVALID_URL";
    case ErrorCode::InvalidDate: return "INVALID_DATE";
    case ErrorCode::InvalidIp: return "INVALID_IP";
    case ErrorCode::InvalidPolicy: return "INVALID_POLICY";
    case ErrorCode::TooLarge: return "TOO_LARGE";
    case ErrorCode::InvalidKey: return "INVALID_KEY";
    case ErrorCode::WrongPassphrase: return "WRONG_PASSPHRASE";
    case ErrorCode::UnsupportedKey: return "UNSUPPORTED_KEY";
    case ErrorCode::UnsupportedRuntime: return "UNSUPPORTED_RUNTIME";
    case ErrorCode::MissingKeyPairId: return "MISSING_KEY_PAIR_ID";
    case ErrorCode::UnknownKey: return "UNKNOWN_KEY";
    case ErrorCode::Malformed: return "MALFORMED";
    case ErrorCode::BadSignature: return "BAD_SIGNATURE";
    case ErrorCode::Expired: return "EXPIRED";
    case ErrorCode::NotYetValid: return "NOT_YET_VALID";
    case ErrorCode::ResourceMismatch: return "RESOURCE_MISMATCH";
    case ErrorCode::IpMismatch: return "IP_MISMATCH";
    case ErrorCode::Internal: return "INTERNAL";
  }
  return "INTERNAL";
}

}  // namespace cfsigner
