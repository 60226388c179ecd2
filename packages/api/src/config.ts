import { z } from 'zod';

const flag = (def: boolean) =>
  z
    .enum(['0', '1', 'true', 'false', 'yes', 'no'])
    .optional()
    .transform((v) => (v === undefined ? def : ['1', 'true', 'yes'].includes(v)));

// Every setting the server reads, validated once at start so that a typo fails loudly instead of
// running with a default nobody meant.
const ConfigSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z.string().optional(),
  NOTABENE_SAMPLE_DATA: flag(true),
  NOTABENE_INTROSPECTION: flag(true),
  NOTABENE_PLAYGROUND: flag(true),
  NOTABENE_MAX_BODY_BYTES: z.coerce.number().int().min(1024).default(5 * 1024 * 1024),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  NOTABENE_SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).default(10_000),
  NODE_ENV: z.string().default('development'),
  /** Where the development JWT secret is kept when NOTABENE_JWT_SECRET is unset. */
  NOTABENE_DATA_DIR: z.string().min(1).default('./data'),
  NOTABENE_JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  NOTABENE_JWKS_URL: z.url().optional(),
  NOTABENE_JWKS_FILE: z.string().min(1).optional(),
  NOTABENE_JWT_ISSUER: z.string().min(1).optional(),
  NOTABENE_JWT_AUDIENCE: z.string().min(1).optional(),
  NOTABENE_JWT_ROLE_CLAIM: z.string().min(1).default('role'),
});

export type Config = z.infer<typeof ConfigSchema>;

export class ConfigError extends Error {
  readonly code = 'INVALID_CONFIGURATION';
}

/** Reads and validates the environment; throws ConfigError listing every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const result = ConfigSchema.safeParse(env);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return result.data;
}
