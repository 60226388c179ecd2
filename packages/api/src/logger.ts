import pino, { type Logger } from 'pino';

/** JSON logs on stdout (one line per event), or on stderr for CLI commands whose stdout is output. */
export function createLogger(level: string, destination: 1 | 2 = 1): Logger {
  return pino({ level, base: { service: 'notabene' } }, pino.destination({ fd: destination, sync: true }));
}
