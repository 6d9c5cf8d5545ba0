// One error type for the CLI, and how any failure becomes one stderr line and an exit code.

// Exit codes follow the AWS CLI where it has one: 252 for a bad command line or
// parameter value, 255 for other failures. 1 means the check or transfer said no.
export const EXIT = Object.freeze({ OK: 0, FAILED: 1, USAGE: 252, ERROR: 255 });

export class CliError extends Error {
  constructor(code, message, exitCode = EXIT.USAGE) {
    super(message);
    this.name = 'CliError';
    this.code = code;
    this.exitCode = exitCode;
  }
}

export function usage(message) {
  return new CliError('USAGE', message, EXIT.USAGE);
}

// The package's codes, by who has to act: the caller's input, the key, or the URL being checked.
const PACKAGE_EXIT = {
  INVALID_ARGUMENT: EXIT.USAGE, INVALID_URL: EXIT.USAGE, INVALID_DATE: EXIT.USAGE, INVALID_IP: EXIT.USAGE,
  INVALID_POLICY: EXIT.USAGE, TOO_LARGE: EXIT.USAGE,
  INVALID_KEY: EXIT.ERROR, WRONG_PASSPHRASE: EXIT.ERROR, UNSUPPORTED_KEY: EXIT.ERROR, UNSUPPORTED_RUNTIME: EXIT.ERROR, INTERNAL: EXIT.ERROR,
  MISSING_KEY_PAIR_ID: EXIT.FAILED, UNKNOWN_KEY: EXIT.FAILED, MALFORMED: EXIT.FAILED, BAD_SIGNATURE: EXIT.FAILED,
  EXPIRED: EXIT.FAILED, NOT_YET_VALID: EXIT.FAILED, RESOURCE_MISMATCH: EXIT.FAILED, IP_MISMATCH: EXIT.FAILED,
};

// The package names options the JS way; on the command line they are flags.
const OPTION_FLAGS = [
  ['dateLessThan', '--date-less-than'], ['dateGreaterThan', '--date-greater-than'], ['ipAddress', '--ip-address'],
  ['keyPairId', '--key-pair-id'], ['privateKey', '--private-key'], ['passphrase', '--passphrase'],
  ['sourceIp', '--source-ip'],
];

function flagNames(message) {
  return OPTION_FLAGS.reduce((text, [name, flag]) => text.replaceAll(name, flag), message);
}

// Turns a CloudFrontSignerError into a CliError; `context` prefixes the message per code.
export function fromPackageError(error, context = {}) {
  const prefix = context[error.code];
  const message = flagNames(error.message);
  return new CliError(error.code, prefix ? `${prefix}: ${message}` : message, PACKAGE_EXIT[error.code] ?? EXIT.ERROR);
}

export function isPackageError(error) {
  return error !== null && typeof error === 'object' && error.name === 'CloudFrontSignerError' && typeof error.code === 'string';
}

// Runs `call`, rethrowing package errors as CLI errors.
export function translate(call, context) {
  try {
    return call();
  } catch (error) {
    if (isPackageError(error)) throw fromPackageError(error, context);
    throw error;
  }
}

// The single line printed for any failure. Stack traces only with CFSIGN_DEBUG=1.
export function errorLine(command, error) {
  const where = command ? `cfsign ${command}` : 'cfsign';
  if (error instanceof CliError) return `${where}: ${error.code}: ${oneLine(error.message)}`;
  if (isPackageError(error)) return `${where}: ${error.code}: ${oneLine(flagNames(error.message))}`;
  const text = error instanceof Error ? error.message : String(error);
  return `${where}: INTERNAL: ${oneLine(text)}`;
}

export function exitCodeOf(error) {
  if (error instanceof CliError) return error.exitCode;
  if (isPackageError(error)) return PACKAGE_EXIT[error.code] ?? EXIT.ERROR;
  return EXIT.ERROR;
}

function oneLine(text) {
  return String(text).replace(/\s*[\r\n]+\s*/g, ' ').trim();
}
