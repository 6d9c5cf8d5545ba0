// A byte buffer that wipes itself: used for key files and passphrases, so no
// copy of a secret outlives the call that needed it.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include <mbedtls/platform_util.h>

namespace cfsigner {

class SecureBytes {
 public:
  SecureBytes() = default;
  explicit SecureBytes(size_t size) : bytes_(size, 0) {}
  explicit SecureBytes(std::string_view text) : bytes_(text.begin(), text.end()) {}
  SecureBytes(const unsigned char* data, size_t size) : bytes_(data, data + size) {}
  SecureBytes(const SecureBytes&) = delete;
  SecureBytes& operator=(const SecureBytes&) = delete;
  SecureBytes(SecureBytes&& other) noexcept = default;
  SecureBytes& operator=(SecureBytes&& other) noexcept {
    wipe();
    bytes_ = std::move(other.bytes_);
    return *this;
  }
  ~SecureBytes() { wipe(); }

  // Appends a NUL, counted in size(): Mbed TLS's PEM reader and C strings need one.
  void appendNul() { bytes_.push_back(0); }
  // Shrinks to `size` bytes; the bytes cut off stay in the block and are wiped with it.
  void truncate(size_t size) {
    if (size < bytes_.size()) bytes_.resize(size);
  }
  unsigned char* data() { return bytes_.data(); }
  const unsigned char* data() const { return bytes_.data(); }
  size_t size() const { return bytes_.size(); }
  bool empty() const { return bytes_.empty(); }
  std::string_view view() const {
    return {reinterpret_cast<const char*>(bytes_.data()), bytes_.size()};
  }

 private:
  void wipe() {
    // Wipe the whole capacity: a reallocation may have left nothing behind, but
    // the current block can hold bytes past size().
    if (bytes_.capacity() > 0) {
      mbedtls_platform_zeroize(bytes_.data(), bytes_.capacity());
    }
  }
  std::vector<unsigned char> bytes_;
};

}  // namespace cfsigner
