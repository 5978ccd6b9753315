import { Server } from 'node:net';

/**
 * After every test file (its own afterAll hooks have run): no TCP server it started still
 * listens. One left open keeps the jest worker alive after the run, and jest then prints
 * "A worker process has failed to exit gracefully" without saying which file leaked.
 * A server that was closed but still finishes its last connections (keep-alive sockets of
 * the test's own HTTP client) no longer listens and is not counted.
 */
afterAll(() => {
  const handles = (process as unknown as { _getActiveHandles(): unknown[] })._getActiveHandles();
  const listening = handles.filter((handle) => handle instanceof Server && handle.listening) as Server[];
  if (listening.length > 0)
    throw new Error(
      `${listening.length} TCP server(s) this test file started still listen (${listening
        .map((server) => JSON.stringify(server.address()))
        .join(', ')}): stop every server it starts`,
    );
});
