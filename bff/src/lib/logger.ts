// Structured JSON logs (pino): one line per request and one per event, never personal data.
import pino, { type Logger } from "pino";

export type { Logger };

/**
 * Only what an operator needs: no e-mail addresses, names, tokens, codes or bodies are ever passed in,
 * and the usual carriers of them are censored in case one slips into an error object.
 */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: "portaal-bff" },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: {
        paths: ["email", "*.email", "password", "*.password", "token", "*.token", "code", "*.code", "cookie", "*.cookie", "body", "*.body"],
        censor: "[weggelaten]",
      },
    },
    destination,
  );
}
