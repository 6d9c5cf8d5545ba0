// Walking UTF-8 without trusting it: URLs, policies and JSON all arrive as bytes.
#pragma once

#include <cstddef>
#include <string_view>

namespace cfsigner {

// Length (1-4) of the well-formed UTF-8 sequence starting at text[pos], or 0
// when the bytes there are not one (overlong, surrogate, > U+10FFFF, cut off).
size_t utf8SequenceLength(std::string_view text, size_t pos);

bool isValidUtf8(std::string_view text);

}  // namespace cfsigner
