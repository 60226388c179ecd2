import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { GraphQLError } from 'graphql';
import { createLocalJWKSet, createRemoteJWKSet, jwtVerify, SignJWT, errors as joseErrors, type JWTVerifyGetKey } from 'jose';
import { findActiveApiKey, type Connection } from '@notabene/db';
import type { Config } from '../config.js';
import { developmentSecret } from './secrets.js';
import { ANONYMOUS, isRole, type Role, type Viewer } from './viewer.js';

export class AuthenticationError extends GraphQLError {
  constructor(message: string) {
    super(message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
  }
}

type KeySource = { kind: 'secret'; key: Uint8Array } | { kind: 'jwks'; getKey: JWTVerifyGetKey } | { kind: 'none' };

export interface AuthSettings {
  keys: KeySource;
  issuer?: string;
  audience?: string;
  roleClaim: string;
}

/** Chooses how tokens are verified: a JWKS (OIDC provider) when configured, else HS256 with a secret. */
export function authSettings(config: Config): AuthSettings {
  let keys: KeySource;
  if (config.NOTABENE_JWKS_URL) {
    keys = { kind: 'jwks', getKey: createRemoteJWKSet(new URL(config.NOTABENE_JWKS_URL)) };
  } else if (config.NOTABENE_JWKS_FILE) {
    keys = { kind: 'jwks', getKey: createLocalJWKSet(JSON.parse(readFileSync(config.NOTABENE_JWKS_FILE, 'utf8'))) };
  } else if (config.NOTABENE_JWT_SECRET) {
    keys = { kind: 'secret', key: new TextEncoder().encode(config.NOTABENE_JWT_SECRET) };
  } else if (config.NODE_ENV !== 'production') {
    keys = { kind: 'secret', key: new TextEncoder().encode(developmentSecret(config.NOTABENE_DATA_DIR)) };
  } else {
    // Production without a configured key: bearer tokens are refused, API keys still work.
    keys = { kind: 'none' };
  }
  return {
    keys,
    roleClaim: config.NOTABENE_JWT_ROLE_CLAIM,
    ...(config.NOTABENE_JWT_ISSUER ? { issuer: config.NOTABENE_JWT_ISSUER } : {}),
    ...(config.NOTABENE_JWT_AUDIENCE ? { audience: config.NOTABENE_JWT_AUDIENCE } : {}),
  };
}

/** SHA-256 of an API key. Keys are 256-bit random, so a fast hash is enough (no password stretching). */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** A new API key: "nb_" + 43 base64url characters (256 bits). */
export function generateApiKey(): string {
  return `nb_${randomBytes(32).toString('base64url')}`;
}

function readClaim(payload: Record<string, unknown>, path: string): unknown {
  // Dotted paths reach nested claims, e.g. "realm_access.role".
  return path.split('.').reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), payload);
}

/**
 * The viewer for a request. No credentials → anonymous (public). Credentials that do not verify
 * → UNAUTHENTICATED: a bad or expired token is never silently treated as anonymous.
 */
export async function authenticate(conn: Connection, settings: AuthSettings, headers: { authorization?: string | undefined; apiKey?: string | undefined }): Promise<Viewer> {
  const { authorization, apiKey } = headers;
  if (authorization && apiKey) throw new AuthenticationError('Send either Authorization or X-Api-Key, not both.');
  if (apiKey !== undefined) {
    const row = await findActiveApiKey(conn.db, hashApiKey(apiKey.trim()));
    if (!row || !isRole(row.role)) throw new AuthenticationError('Unknown or revoked API key.');
    return { role: row.role, subject: null, apiKeyName: row.name };
  }
  if (authorization === undefined) return ANONYMOUS;
  const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
  if (!match) throw new AuthenticationError('Authorization header must be "Bearer <token>".');
  if (settings.keys.kind === 'none') throw new AuthenticationError('Token verification is not configured on this server (set NOTABENE_JWT_SECRET or NOTABENE_JWKS_URL).');
  let payload: Record<string, unknown>;
  try {
    const options = {
      ...(settings.issuer ? { issuer: settings.issuer } : {}),
      ...(settings.audience ? { audience: settings.audience } : {}),
    };
    const result =
      settings.keys.kind === 'secret'
        ? await jwtVerify(match[1]!, settings.keys.key, { ...options, algorithms: ['HS256'] })
        : await jwtVerify(match[1]!, settings.keys.getKey, { ...options, algorithms: ['RS256', 'RS384', 'RS512', 'PS256', 'ES256', 'ES384', 'EdDSA'] });
    payload = result.payload as Record<string, unknown>;
  } catch (error) {
    if (error instanceof joseErrors.JWTExpired) throw new AuthenticationError('Token has expired.');
    if (error instanceof joseErrors.JWTClaimValidationFailed) throw new AuthenticationError(`Token claim "${error.claim}" is not accepted.`);
    throw new AuthenticationError('Token is not valid.');
  }
  const role = readClaim(payload, settings.roleClaim);
  if (!isRole(role)) throw new AuthenticationError(`Token has no valid role in claim "${settings.roleClaim}" (one of public, reader, editor, admin).`);
  return { role, subject: typeof payload.sub === 'string' ? payload.sub : null, apiKeyName: null };
}

/** Signs an HS256 token (development tokens from `notabene token`, and tests). */
export async function signToken(secret: string, claims: { role: Role; subject: string; expiresIn?: string; issuer?: string; audience?: string; roleClaim?: string }): Promise<string> {
  let jwt = new SignJWT({ [claims.roleClaim ?? 'role']: claims.role })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(claims.subject)
    .setIssuedAt()
    .setExpirationTime(claims.expiresIn ?? '8h');
  if (claims.issuer) jwt = jwt.setIssuer(claims.issuer);
  if (claims.audience) jwt = jwt.setAudience(claims.audience);
  return jwt.sign(new TextEncoder().encode(secret));
}
