import { PassThrough } from 'node:stream';

/** A JSON log line as pino writes it. */
export type LogLine = Record<string, unknown> & { level: number; msg?: string };

/**
 * Captures the server's pino output: pass `destination` as `logDestination` (with a `logLevel`)
 * to startTestServer; `lines` fills as the server logs, `onLine` sees each as it comes.
 */
export const captureLogs = (onLine?: (line: LogLine) => void) => {
  const lines: LogLine[] = [];
  const destination = new PassThrough();
  let partial = '';
  destination.on('data', (chunk: Buffer) => {
    const text = partial + chunk.toString();
    const complete = text.split('\n');
    partial = complete.pop() ?? '';
    for (const raw of complete) {
      if (!raw) continue;
      const line = JSON.parse(raw) as LogLine;
      lines.push(line);
      onLine?.(line);
    }
  });
  return { destination, lines };
};
