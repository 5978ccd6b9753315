/**
 * After every test file (its own afterAll hooks have run): no TCP server it started still
 * listens. One left open keeps the jest worker alive after the run, and jest then prints
 * "A worker process has failed to exit gracefully" without saying which file leaked.
 */
afterAll(() => {
  const open = process.getActiveResourcesInfo().filter((type) => type === 'TCPServerWrap').length;
  if (open > 0)
    throw new Error(`${open} TCP server(s) this test file started still listen: stop every server it starts`);
});
