// libFuzzer: a caller's custom policy JSON, validated; a valid one must survive
// being rebuilt and validated again.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "policy.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view json(reinterpret_cast<const char*>(data), size);
  cfsigner::Result<cfsigner::PolicyConditions> parsed = cfsigner::parsePolicy(json);
  if (parsed.ok() && !cfsigner::parsePolicy(cfsigner::buildPolicyJson(parsed.value())).ok()) {
    abort();  // what we build from valid conditions must itself be valid
  }
  return 0;
}
