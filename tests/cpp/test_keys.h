// Reads the test keys in tests/fixtures/keys.
#pragma once

#include <cctype>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>

inline std::string readFixture(const std::string& name) {
  std::ifstream file(std::string(FIXTURES_DIR) + "/keys/" + name, std::ios::binary);
  if (!file) throw std::runtime_error("missing fixture " + name);
  return std::string(std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>());
}

// A GoogleTest-safe name made from a fixture file name.
inline std::string fixtureTestName(std::string file) {
  for (char& c : file) {
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  return file;
}
