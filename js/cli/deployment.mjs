// The deployment written by infra/deploy (infra/cloudfront.json, or the file
// CFSIGNER_CONFIG names): its domain and key pair ID stand in for flags left out.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { CliError } from './errors.mjs';

function configPath(env) {
  return resolve(env.CFSIGNER_CONFIG ?? 'infra/cloudfront.json');
}

export function readDeployment(env = process.env) {
  const file = configPath(env);
  let text;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if (error.code === 'ENOENT' && env.CFSIGNER_CONFIG === undefined) return null;
    throw new CliError('INVALID_ARGUMENT', `cannot read the deployment config ${file}: ${error.code ?? error.message}`);
  }
  let config;
  try {
    config = JSON.parse(text);
  } catch {
    throw new CliError('INVALID_ARGUMENT', `the deployment config ${file} is not JSON`);
  }
  if (typeof config.domain !== 'string' || typeof config.keyPairId !== 'string') {
    throw new CliError('INVALID_ARGUMENT', `the deployment config ${file} has no "domain" and "keyPairId"`);
  }
  return config;
}

// Fills --key-pair-id from the deployment, and turns a path-only URL flag
// ("/uploads/a.txt") into a URL on the deployment's domain.
export function applyDeployment(values, urlFlag, env = process.env) {
  const needsConfig = values['key-pair-id'] === undefined || values[urlFlag]?.startsWith('/');
  if (!needsConfig) return values;
  const config = readDeployment(env);
  if (!config) return values;
  const filled = { ...values };
  filled['key-pair-id'] ??= config.keyPairId;
  if (filled[urlFlag]?.startsWith('/')) filled[urlFlag] = `https://${config.domain}${filled[urlFlag]}`;
  return filled;
}
