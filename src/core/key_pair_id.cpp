#include "key_pair_id.h"

#include <string>

namespace cfsigner {

namespace {

bool isKeyPairIdCharacter(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
}

}  // namespace

Status checkKeyPairId(std::string_view keyPairId) {
  if (keyPairId.empty()) {
    return makeError(ErrorCode::InvalidArgument,
                     "keyPairId is required: the ID of the public key in CloudFront's key group");
  }
  if (keyPairId.size() > kMaxKeyPairIdLength) {
    return makeError(ErrorCode::InvalidArgument,
                     "keyPairId is over " + std::to_string(kMaxKeyPairIdLength) + " characters");
  }
  for (const char c : keyPairId) {
    if (!isKeyPairIdCharacter(c)) {
      return makeError(ErrorCode::InvalidArgument,
                       "keyPairId may hold only letters, digits, \"_\" and \"-\" (CloudFront's IDs "
                       "look like K2JCJMDEHXQW5F)");
    }
  }
  return Ok{};
}

}  // namespace cfsigner
