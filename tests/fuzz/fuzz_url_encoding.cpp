// libFuzzer: CloudFront URL encoding and the signing-time URL checks.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "url_encoding.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view url(reinterpret_cast<const char*>(data), size);
  (void)cfsigner::encodeUrlPath(url);
  (void)cfsigner::encodeUriComponent(url);
  (void)cfsigner::prepareUrlForSigning(url);
  return 0;
}
