#include "policy.h"

#include <cstdint>
#include <initializer_list>
#include <vector>

#include "ip_range.h"
#include "json.h"
#include "utf8.h"

namespace cfsigner {

namespace {

Error policyError(std::string message) {
  return makeError(ErrorCode::InvalidPolicy, std::move(message));
}

const char* typeName(JsonType type) {
  switch (type) {
    case JsonType::Null: return "null";
    case JsonType::Bool: return "a boolean";
    case JsonType::Number: return "a number";
    case JsonType::String: return "a string";
    case JsonType::Array: return "an array";
    case JsonType::Object: return "an object";
  }
  return "unknown";
}

// Every key of `object` must be in `allowed`; returns the first stray key.
const std::string* findUnexpectedKey(const JsonValue& object,
                                     std::initializer_list<std::string_view> allowed) {
  for (const JsonMember& m : object.members) {
    bool known = false;
    for (std::string_view a : allowed) known = known || m.key == a;
    if (!known) return &m.key;
  }
  return nullptr;
}

// {"AWS:EpochTime": N} with N an integer 0..kMaxEpochSeconds.
Result<int64_t> parseEpochCondition(const JsonValue& value, const std::string& name) {
  const std::string where = "Policy Condition \"" + name + "\"";
  if (value.type != JsonType::Object) {
    return policyError(where + " must be an object, not " + typeName(value.type) + ".");
  }
  if (const std::string* key = findUnexpectedKey(value, {"AWS:EpochTime"})) {
    return policyError(where + " has unexpected key \"" + *key +
                       "\"; only \"AWS:EpochTime\" is allowed.");
  }
  const JsonValue* time = value.find("AWS:EpochTime");
  if (time == nullptr) return policyError(where + " is missing \"AWS:EpochTime\".");
  const std::string timeWhere = where + " \"AWS:EpochTime\"";
  if (time->type != JsonType::Number) {
    return policyError(timeWhere + " must be a number, not " + typeName(time->type) + ".");
  }
  if (!time->isInteger) {
    return policyError(timeWhere + " must be a whole number of seconds without fraction or exponent (got " +
                       time->text + ").");
  }
  if (time->text[0] == '-') {
    return policyError(timeWhere + " must not be negative (got " + time->text + ").");
  }
  if (!time->fitsInt64 || time->intValue > kMaxEpochSeconds) {
    return policyError(timeWhere + " must be at most " + std::to_string(kMaxEpochSeconds) +
                       " (2038-01-19T03:14:07Z, the latest time CloudFront accepts; got " +
                       time->text.substr(0, 40) + ").");
  }
  return time->intValue;
}

Result<std::string> parseIpCondition(const JsonValue& value) {
  const std::string where = "Policy Condition \"IpAddress\"";
  if (value.type != JsonType::Object) {
    return policyError(where + " must be an object, not " + typeName(value.type) + ".");
  }
  if (const std::string* key = findUnexpectedKey(value, {"AWS:SourceIp"})) {
    return policyError(where + " has unexpected key \"" + *key +
                       "\"; only \"AWS:SourceIp\" is allowed.");
  }
  const JsonValue* ip = value.find("AWS:SourceIp");
  if (ip == nullptr) return policyError(where + " is missing \"AWS:SourceIp\".");
  if (ip->type != JsonType::String) {
    return policyError(where + " \"AWS:SourceIp\" must be a string, not " + typeName(ip->type) + ".");
  }
  Result<std::string> normalized = normalizeIpRange(ip->text);
  if (!normalized.ok()) {
    return policyError(where + " \"AWS:SourceIp\": " + normalized.error().message);
  }
  return std::move(normalized).value();
}

// Splits UTF-8 into code points; each invalid byte stands alone, offset so
// it can never equal a real code point.
std::vector<uint32_t> toCharacters(std::string_view text) {
  std::vector<uint32_t> chars;
  chars.reserve(text.size());
  size_t pos = 0;
  while (pos < text.size()) {
    size_t len = utf8SequenceLength(text, pos);
    unsigned char b0 = static_cast<unsigned char>(text[pos]);
    if (len == 0) {
      chars.push_back(0x110000u + b0);
      ++pos;
      continue;
    }
    uint32_t cp = len == 1 ? b0 : len == 2 ? (b0 & 0x1Fu) : len == 3 ? (b0 & 0x0Fu) : (b0 & 0x07u);
    for (size_t i = 1; i < len; ++i) {
      cp = (cp << 6) | (static_cast<unsigned char>(text[pos + i]) & 0x3Fu);
    }
    chars.push_back(cp);
    pos += len;
  }
  return chars;
}

}  // namespace

std::string buildPolicyJson(const PolicyConditions& conditions, OutputOrder order) {
  std::string out = "{\"Statement\":[{";
  if (conditions.resource) {
    out += "\"Resource\":";
    out += jsonQuote(*conditions.resource);
    out += ",";
  }
  out += "\"Condition\":{\"DateLessThan\":{\"AWS:EpochTime\":";
  out += std::to_string(conditions.dateLessThan);
  out += "}";
  std::string startDate;
  std::string ipRange;
  // aws-sdk adds these only when truthy.
  if (conditions.dateGreaterThan && *conditions.dateGreaterThan != 0) {
    startDate = ",\"DateGreaterThan\":{\"AWS:EpochTime\":" +
                std::to_string(*conditions.dateGreaterThan) + "}";
  }
  if (conditions.ipAddress && !conditions.ipAddress->empty()) {
    ipRange = ",\"IpAddress\":{\"AWS:SourceIp\":" + jsonQuote(*conditions.ipAddress) + "}";
  }
  out += order == OutputOrder::AwsCli ? ipRange + startDate : startDate + ipRange;
  out += "}}]}";
  return out;
}

Result<PolicyConditions> parsePolicy(std::string_view json) {
  Result<JsonValue> parsed = parseJson(json);
  if (!parsed.ok()) return policyError("Policy is not valid JSON: " + parsed.error().message);
  const JsonValue& root = parsed.value();
  if (root.type != JsonType::Object) {
    return policyError(std::string("Policy must be a JSON object, not ") + typeName(root.type) + ".");
  }
  if (const std::string* key = findUnexpectedKey(root, {"Statement"})) {
    return policyError("Policy has unexpected top-level key \"" + *key +
                       "\"; only \"Statement\" is allowed.");
  }
  const JsonValue* statements = root.find("Statement");
  if (statements == nullptr) return policyError("Policy is missing \"Statement\".");
  if (statements->type != JsonType::Array) {
    return policyError(std::string("Policy \"Statement\" must be an array, not ") +
                       typeName(statements->type) + ".");
  }
  if (statements->items.size() != 1) {
    return policyError("Policy \"Statement\" must contain exactly one statement (found " +
                       std::to_string(statements->items.size()) + ").");
  }
  const JsonValue& statement = statements->items[0];
  if (statement.type != JsonType::Object) {
    return policyError(std::string("Policy statement must be an object, not ") +
                       typeName(statement.type) + ".");
  }
  if (const std::string* key = findUnexpectedKey(statement, {"Resource", "Condition"})) {
    return policyError("Policy statement has unexpected key \"" + *key +
                       "\"; only \"Resource\" and \"Condition\" are allowed.");
  }

  PolicyConditions result;
  if (const JsonValue* resource = statement.find("Resource")) {
    if (resource->type != JsonType::String) {
      return policyError(std::string("Policy \"Resource\" must be a string, not ") +
                         typeName(resource->type) + ".");
    }
    result.resource = resource->text;
  }

  const JsonValue* condition = statement.find("Condition");
  if (condition == nullptr) return policyError("Policy statement is missing \"Condition\".");
  if (condition->type != JsonType::Object) {
    return policyError(std::string("Policy \"Condition\" must be an object, not ") +
                       typeName(condition->type) + ".");
  }
  if (const std::string* key =
          findUnexpectedKey(*condition, {"DateLessThan", "DateGreaterThan", "IpAddress"})) {
    return policyError("Policy \"Condition\" has unexpected key \"" + *key +
                       "\"; only \"DateLessThan\", \"DateGreaterThan\" and \"IpAddress\" are allowed.");
  }

  const JsonValue* lessThan = condition->find("DateLessThan");
  if (lessThan == nullptr) return policyError("Policy \"Condition\" is missing \"DateLessThan\".");
  Result<int64_t> lessThanTime = parseEpochCondition(*lessThan, "DateLessThan");
  if (!lessThanTime.ok()) return lessThanTime.error();
  result.dateLessThan = lessThanTime.value();

  if (const JsonValue* greaterThan = condition->find("DateGreaterThan")) {
    Result<int64_t> greaterThanTime = parseEpochCondition(*greaterThan, "DateGreaterThan");
    if (!greaterThanTime.ok()) return greaterThanTime.error();
    if (greaterThanTime.value() >= result.dateLessThan) {
      return policyError("Policy \"DateGreaterThan\" (" + std::to_string(greaterThanTime.value()) +
                         ") must be earlier than \"DateLessThan\" (" +
                         std::to_string(result.dateLessThan) + ").");
    }
    result.dateGreaterThan = greaterThanTime.value();
  }

  if (const JsonValue* ipAddress = condition->find("IpAddress")) {
    Result<std::string> ip = parseIpCondition(*ipAddress);
    if (!ip.ok()) return ip.error();
    result.ipAddress = std::move(ip).value();
  }
  return result;
}

bool resourceMatches(std::string_view pattern, std::string_view url) {
  const std::vector<uint32_t> p = toCharacters(pattern);
  const std::vector<uint32_t> s = toCharacters(url);
  // Greedy matching that on a mismatch retries from the last '*' with one
  // more character consumed: O(|p| * |s|) at worst, never exponential.
  size_t pi = 0, si = 0;
  size_t starP = SIZE_MAX, starS = 0;
  while (si < s.size()) {
    if (pi < p.size() && p[pi] == '*') {
      starP = pi++;
      starS = si;
    } else if (pi < p.size() && (p[pi] == '?' || p[pi] == s[si])) {
      ++pi;
      ++si;
    } else if (starP != SIZE_MAX) {
      pi = starP + 1;
      si = ++starS;
    } else {
      return false;
    }
  }
  while (pi < p.size() && p[pi] == '*') ++pi;
  return pi == p.size();
}

}  // namespace cfsigner
